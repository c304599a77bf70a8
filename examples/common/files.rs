//! Shared by the development examples: every regular file under a path.

use std::path::{Path, PathBuf};

/// Push `p` (a file) or every regular file under it (a directory), sorted
/// by path, onto `out`.
pub fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(p).expect("readable dir").flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            walk(&e.path(), out);
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}
