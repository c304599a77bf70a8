//! Development helper: print every line's verdict for one file.
//!
//! `cargo run --release --example explain -- FILE`
use deboil::{Cleaner, Config};

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let input = std::fs::read(&path).expect("read");
    let cleaned = Cleaner::new(Config::default()).clean(&input);
    println!("lang: {:?}", cleaned.lang());
    for (i, v) in cleaned.verdicts().iter().enumerate() {
        let text = String::from_utf8_lossy(&input[v.span.content()]);
        let t: String = text.chars().take(70).collect();
        println!(
            "{:4} {} {:14} {:12} {:6.1} w{:<3} s{:<3} | {}",
            i + 1,
            if v.keep { "+" } else { "-" },
            v.label.as_str(),
            v.rule.to_string(),
            v.score,
            v.features.words,
            v.features.stopwords,
            t
        );
    }
}
