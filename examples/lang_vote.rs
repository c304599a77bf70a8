//! Development helper: compare the stopword vote with whatlang on the
//! language samples of every document under the arguments.
//!
//! `cargo run --release --example lang_vote -- DIR… > votes.tsv`

use std::path::Path;

#[path = "common/files.rs"]
mod files;
use files::walk;

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        walk(Path::new(&arg), &mut files);
    }
    println!("file\twhatlang\tvote\tbest\tsecond\twords");
    for p in files {
        let input = std::fs::read(&p).expect("read");
        let sample = deboil::lang::language_sample(&input);
        let w = deboil::lang::detect(&sample);
        let v = deboil::lang::vote(&sample);
        let (l, b, s) = v.ranking();
        println!(
            "{}\t{}\t{}\t{b}\t{s}\t{}",
            p.display(),
            w.map_or("-".to_string(), |l| l.to_string()),
            l,
            v.words
        );
    }
}
