//! Development helper: compare the stopword vote and the cleaner's guess
//! (`lang::detect_sample`) with whatlang on the whole language sample of
//! every document under the arguments. The `sample` column must equal the
//! `whatlang` column on every line; the count of documents where it does not
//! goes to standard error.
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
    println!("file\twhatlang\tsample\tvote\tbest\tsecond\twords");
    let name = |l: Option<deboil::lang::Lang>| l.map_or("-".to_string(), |l| l.to_string());
    let mut differ = 0;
    for p in &files {
        let input = std::fs::read(p).expect("read");
        let sample = deboil::lang::language_sample(&input);
        let w = deboil::lang::detect(&sample);
        let d = deboil::lang::detect_sample(&sample);
        differ += usize::from(w != d);
        let v = deboil::lang::vote(&sample);
        let (l, b, s) = v.ranking();
        println!("{}\t{}\t{}\t{l}\t{b}\t{s}\t{}", p.display(), name(w), name(d), v.words);
    }
    eprintln!("{} documents, detect_sample differs from whatlang on {differ}", files.len());
}
