//! Development helper for exact optimisations: print one digest per document
//! of everything the cleaner decided (per line: keep, label, rule, score and
//! every feature), so that two builds can be compared with `diff`.
//!
//! `cargo run --release --example verdict_digest -- DIR_OR_FILE… > digests.txt`
//!
//! Every regular file under the arguments is cleaned (sorted by path); the
//! output is `<digest>\t<path>` per file and a last `ALL <digest>` line.

use std::path::Path;

#[path = "common/files.rs"]
mod files;
use files::walk;

use deboil::{Cleaner, Config};
use rayon::prelude::*;

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        walk(Path::new(&arg), &mut files);
    }
    let cleaner = Cleaner::new(Config::default());
    let digests: Vec<u64> = files
        .par_iter()
        .map(|p| {
            let input = std::fs::read(p).expect("read input");
            let cleaned = cleaner.clean(&input);
            let mut text = String::new();
            if let Some(lang) = cleaned.lang() {
                text.push_str(lang.code());
            }
            for v in cleaned.verdicts() {
                use std::fmt::Write;
                let _ = writeln!(
                    text,
                    "{:?} {} {:?} {:?} {} {:?}",
                    v.span, v.keep, v.label, v.rule, v.score, v.features
                );
            }
            xxhash_rust::xxh3::xxh3_64(text.as_bytes())
        })
        .collect();
    let mut all = Vec::new();
    for (p, d) in files.iter().zip(&digests) {
        println!("{d:016x}\t{}", p.display());
        all.extend_from_slice(&d.to_le_bytes());
    }
    println!("ALL {:016x}", xxhash_rust::xxh3::xxh3_64(&all));
}
