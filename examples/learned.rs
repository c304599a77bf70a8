//! Development helper for the learned re-scorer (`scripts/train/`).
//!
//! `learned dump SET_DIR… > lines.tsv` writes one row per non-blank line of
//! every document: set, dataset, document id, line index, tokens, the
//! training label (pair sets: `score.py`'s line oracle, 1 = content; segment
//! sets: 1 when the line carries a must-keep snippet, 0 a must-drop one,
//! -1 neither or both) and the re-scorer's inputs.
//!
//! `learned score KEEP.tsv SET_DIR…` reads keep decisions (`set`, `id`,
//! `line`, `keep` per row; lines not listed keep the rule verdict), builds
//! each document's output from them and scores it with the same scorers as
//! `deboil eval`: F1 mean per dataset for pair sets, snippet F1 for segment
//! sets. `--per-doc FILE` also writes every document's figure.
//!
//! Both run the default rule pipeline; no model is part of the cleaner
//! (see docs/learned.md for why).

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use deboil::eval::pairs::{oracle_keep_lines, PairCounts};
use deboil::eval::segments::{LineMap, SegmentMatch, Segments};
use deboil::eval::text::{decode_lossy, TokenBag};
use deboil::eval::{EvalSet, SetKind};
use deboil::learned::{input_name, N_INPUTS};
use deboil::{Cleaner, Config};
use rayon::prelude::*;

fn cleaner() -> Cleaner {
    Cleaner::new(Config::default())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dump") => dump(&args[1..]),
        Some("score") => score(&args[1..]),
        _ => {
            eprintln!("usage: learned dump SET_DIR… | learned score KEEP.tsv SET_DIR…");
            std::process::exit(2);
        }
    }
}

fn dump(dirs: &[String]) {
    let c = cleaner();
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let names: Vec<String> = (0..N_INPUTS).map(input_name).collect();
    writeln!(out, "set\tdataset\tid\tline\ttokens\tlabel\t{}", names.join("\t")).unwrap();
    for dir in dirs {
        let set = EvalSet::load(Path::new(dir)).expect("load set");
        let chunks: Vec<String> = set
            .docs
            .par_iter()
            .map(|d| {
                let input = fs::read(&d.input).expect("read input");
                let (cleaned, rows) = c.clean_with_inputs(&input);
                let vs = cleaned.verdicts();
                let texts: Vec<&[u8]> = vs.iter().map(|v| &input[v.span.content()]).collect();
                let bags: Vec<TokenBag> =
                    texts.iter().map(|t| TokenBag::from_text(&decode_lossy(t))).collect();
                let labels: Vec<i8> = match set.kind {
                    SetKind::Pairs => {
                        let gold = fs::read(&d.reference).expect("read gold");
                        let gold = TokenBag::from_text(&decode_lossy(&gold));
                        oracle_keep_lines(&bags, &gold).into_iter().map(i8::from).collect()
                    }
                    SetKind::Segments => {
                        let seg: Segments =
                            serde_json::from_slice(&fs::read(&d.reference).expect("read json"))
                                .expect("parse json");
                        let map = LineMap::new(texts.iter().copied());
                        let mut pos = vec![false; vs.len()];
                        let mut neg = vec![false; vs.len()];
                        for (snips, mark) in [(&seg.with, &mut pos), (&seg.without, &mut neg)] {
                            for s in snips {
                                for hit in map.find_all(s) {
                                    for i in map.lines_in(hit) {
                                        mark[i] = true;
                                    }
                                }
                            }
                        }
                        (0..vs.len())
                            .map(|i| match (pos[i], neg[i]) {
                                (true, false) => 1,
                                (false, true) => 0,
                                _ => -1,
                            })
                            .collect()
                    }
                };
                let mut s = String::new();
                for (i, v) in vs.iter().enumerate() {
                    if v.features.blank || i >= rows.len() {
                        continue;
                    }
                    s.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        set.name,
                        d.dataset,
                        d.id,
                        i,
                        bags[i].len(),
                        labels[i]
                    ));
                    for x in &rows[i] {
                        s.push('\t');
                        s.push_str(&x.to_string());
                    }
                    s.push('\n');
                }
                s
            })
            .collect();
        for ch in chunks {
            out.write_all(ch.as_bytes()).unwrap();
        }
    }
}

fn score(args: &[String]) {
    let mut per_doc: Option<String> = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--per-doc" {
            per_doc = it.next().cloned();
        } else {
            rest.push(a.clone());
        }
    }
    let keeps_path = &rest[0];
    let mut keeps: HashMap<(String, String), HashMap<usize, bool>> = HashMap::new();
    for line in fs::read_to_string(keeps_path).expect("read keeps").lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        keeps
            .entry((f[0].to_owned(), f[1].to_owned()))
            .or_default()
            .insert(f[2].parse().unwrap(), f[3] == "1");
    }
    let c = cleaner();
    let mut docs_out = String::new();
    for dir in &rest[1..] {
        let set = EvalSet::load(Path::new(dir)).expect("load set");
        let results: Vec<(String, String, f64, [u64; 4])> = set
            .docs
            .par_iter()
            .map(|d| {
                let input = fs::read(&d.input).expect("read input");
                let cleaned = c.clean(&input);
                let k = keeps.get(&(set.name.clone(), d.id.clone()));
                let mut out = Vec::new();
                let mut any = false;
                for (i, v) in cleaned.verdicts().iter().enumerate() {
                    let keep = k.and_then(|k| k.get(&i).copied()).unwrap_or(v.keep);
                    if keep {
                        out.extend_from_slice(&input[v.span.range()]);
                        any |= !v.features.blank;
                    }
                }
                // Never empty a document: the cleaner's fallback runs after
                // the re-scorer; its verdicts stand in for it here.
                if !any {
                    out = cleaned.to_vec();
                }
                let out = decode_lossy(&out);
                match set.kind {
                    SetKind::Pairs => {
                        let gold = fs::read(&d.reference).expect("read gold");
                        let counts = PairCounts::of_texts(&out, &decode_lossy(&gold));
                        (d.id.clone(), d.dataset.clone(), counts.prf().f1, [0; 4])
                    }
                    SetKind::Segments => {
                        let seg: Segments =
                            serde_json::from_slice(&fs::read(&d.reference).expect("read json"))
                                .expect("parse json");
                        let cn = SegmentMatch::of(&seg, &out).counts();
                        (d.id.clone(), d.dataset.clone(), 0.0, [cn.tp, cn.fn_, cn.fp, cn.tn])
                    }
                }
            })
            .collect();
        match set.kind {
            SetKind::Pairs => {
                let mut by: Vec<(String, f64, usize)> = Vec::new();
                for (id, ds, f1, _) in &results {
                    docs_out.push_str(&format!("{}\t{}\t{}\t{:.6}\n", set.name, ds, id, f1));
                    match by.iter_mut().find(|(d, _, _)| d == ds) {
                        Some(e) => {
                            e.1 += f1;
                            e.2 += 1
                        }
                        None => by.push((ds.clone(), *f1, 1)),
                    }
                }
                let all: f64 = results.iter().map(|r| r.2).sum::<f64>() / results.len() as f64;
                let parts: Vec<String> =
                    by.iter().map(|(d, s, n)| format!("{d} {:.4}", s / *n as f64)).collect();
                println!("{}\tF1 mean {:.4}\t({})", set.name, all, parts.join(", "));
            }
            SetKind::Segments => {
                let mut t = [0u64; 4];
                for (id, _, _, cn) in &results {
                    let f1 = 2.0 * cn[0] as f64 / (2 * cn[0] + cn[1] + cn[2]).max(1) as f64;
                    docs_out.push_str(&format!("{}\t-\t{}\t{:.6}\n", set.name, id, f1));
                    for j in 0..4 {
                        t[j] += cn[j];
                    }
                }
                let p = t[0] as f64 / (t[0] + t[2]) as f64;
                let r = t[0] as f64 / (t[0] + t[1]) as f64;
                println!(
                    "{}\tsnippet F1 {:.4}\t(P {:.4} R {:.4} acc {:.4})",
                    set.name,
                    2.0 * p * r / (p + r),
                    p,
                    r,
                    (t[0] + t[3]) as f64 / t.iter().sum::<u64>() as f64
                );
            }
        }
    }
    if let Some(p) = per_doc {
        fs::write(p, docs_out).expect("write per-doc");
    }
}
