//! Development helper: clean every `*.input.txt` under a set directory into
//! `OUT/<id>.txt`, for scoring with the dev sets' own scripts.
//!
//! `cargo run --release --example devrun -- SET_DIR OUT_DIR [STAGE_OFF…]`

use std::path::{Path, PathBuf};

use deboil::{Cleaner, Config, Stage, Switch};
use rayon::prelude::*;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("readable set dir").flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.to_string_lossy().ends_with(".input.txt") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (set, out) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let mut builder = Config::builder();
    for name in &args[2..] {
        let stage = Stage::from_name(name).expect("stage name");
        builder = builder.stage(stage, Switch::Off);
    }
    let cleaner = Cleaner::new(builder.build());
    let mut files = Vec::new();
    walk(&set, &mut files);
    std::fs::create_dir_all(&out).expect("create out dir");
    files.par_iter().for_each(|p| {
        let input = std::fs::read(p).expect("read input");
        let name = p.file_name().unwrap().to_string_lossy().replace(".input.txt", ".txt");
        let cleaned = cleaner.clean(&input);
        std::fs::write(out.join(name), cleaned.to_vec()).expect("write output");
    });
}
