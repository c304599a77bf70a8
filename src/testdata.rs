//! Test inputs shared by the unit tests' oracle checks.

use std::path::Path;

/// Every line of every file under `corpus/` and, when they sit beside the
/// repository, `../shared/devset` and `../shared/devset-multi`.
pub(crate) fn corpus_and_dev_lines() -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for text in corpus_and_dev_files() {
        lines.extend(text.split(|&b| b == b'\n').map(<[u8]>::to_vec));
    }
    lines
}

/// The contents of every file under `corpus/` and, when they sit beside the
/// repository, `../shared/devset` and `../shared/devset-multi`.
pub(crate) fn corpus_and_dev_files() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stack = vec![root.join("corpus")];
    stack.extend(["devset", "devset-multi"].map(|d| root.join("../shared").join(d)));
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read(&p) {
                files.push(text);
            }
        }
    }
    files
}

/// [`corpus_and_dev_lines`] and then `odd` (the edge cases of an oracle
/// test: invalid UTF-8, rare case mappings, very long tokens).
pub(crate) fn corpus_and_dev_lines_with(odd: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut lines = corpus_and_dev_lines();
    lines.extend(odd.iter().map(|l| l.to_vec()));
    lines
}

/// A stoplist with no words: features that do not depend on a language.
struct NoStop;

impl crate::features::Stoplist for NoStop {
    fn contains(&self, _: &str) -> bool {
        false
    }
}

/// The features of `line` with no stoplist (no stopwords counted).
pub(crate) fn features_without_stoplist(line: &str) -> crate::features::LineFeatures {
    crate::features::compute(line.as_bytes(), &NoStop, &mut Default::default())
}
