//! Development helper: compare the stopword vote with whatlang on the
//! language samples of every document under the arguments.
//!
//! `cargo run --release --example lang_vote -- DIR… > votes.tsv`

use std::path::{Path, PathBuf};

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p).expect("dir").flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            walk(&e.path(), out);
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}

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
