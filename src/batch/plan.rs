//! What to read and where to write: walking the inputs in sorted order,
//! `--glob` filtering, output paths, and refusing outputs that could
//! overwrite an input.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use super::error::BatchError;
use crate::io::Compression;

/// Suffix of the temporary files outputs are written to before renaming.
pub(crate) const TEMP_SUFFIX: &str = ".deboil-tmp";

/// Suffix appended to an output's path for its `--explain` records.
pub const EXPLAIN_SUFFIX: &str = ".explain.jsonl";

/// One input file to clean.
#[derive(Clone, Debug)]
pub(crate) struct InputFile {
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// The path as shown in messages and ids.
    pub display: String,
    /// The path relative to the output directory: relative to the walked
    /// directory, or the file name of a file named on the command line.
    pub rel: PathBuf,
}

/// A failure found while walking (an unreadable directory or a missing
/// input), with the path to name in the message.
#[derive(Debug)]
pub(crate) struct WalkError {
    pub display: String,
    pub message: String,
}

/// Compile `--glob` patterns. `*` matches across `/` so that `*.input.txt`
/// matches at any depth; patterns are matched against the path relative to
/// the walked directory.
pub(crate) fn compile_globs(patterns: &[String]) -> Result<Option<GlobSet>, BatchError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for p in patterns {
        let glob = GlobBuilder::new(p)
            .literal_separator(false)
            .build()
            .map_err(|e| BatchError::usage(format!("invalid --glob {p:?}: {e}")))?;
        set.add(glob);
    }
    set.build().map(Some).map_err(|e| BatchError::usage(format!("invalid --glob: {e}")))
}

/// Iterates over the input files of the given roots, in order: each root as
/// given; directories walked recursively in sorted order.
pub(crate) struct InputWalk {
    roots: std::vec::IntoIter<PathBuf>,
    walk: Option<(PathBuf, walkdir::IntoIter)>,
    globs: Option<GlobSet>,
    /// A directory never walked into (the output directory).
    skip_dir: Option<PathBuf>,
}

impl InputWalk {
    pub(crate) fn new(
        roots: Vec<PathBuf>,
        globs: Option<GlobSet>,
        skip_dir: Option<PathBuf>,
    ) -> InputWalk {
        InputWalk { roots: roots.into_iter(), walk: None, globs, skip_dir }
    }

    fn next_in_walk(&mut self) -> Option<Result<InputFile, WalkError>> {
        let (root, walk) = self.walk.as_mut()?;
        loop {
            let entry = match walk.next()? {
                Ok(e) => e,
                Err(e) => {
                    let display = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| root.display().to_string());
                    let message = match e.io_error() {
                        Some(io) => io.to_string(),
                        None => e.to_string(),
                    };
                    return Some(Err(WalkError { display, message }));
                }
            };
            if entry.file_type().is_dir() {
                if let Some(skip) = &self.skip_dir {
                    if fs::canonicalize(entry.path()).ok().as_deref() == Some(skip.as_path()) {
                        walk.skip_current_dir();
                    }
                }
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            if name.ends_with(TEMP_SUFFIX) {
                continue;
            }
            let rel = entry.path().strip_prefix(&*root).unwrap_or(entry.path()).to_path_buf();
            if let Some(globs) = &self.globs {
                if !globs.is_match(&rel) {
                    continue;
                }
            }
            return Some(Ok(InputFile {
                path: Some(entry.path().to_path_buf()),
                display: entry.path().display().to_string(),
                rel,
            }));
        }
    }
}

impl Iterator for InputWalk {
    type Item = Result<InputFile, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.next_in_walk() {
                return Some(item);
            }
            self.walk = None;
            let root = self.roots.next()?;
            if root.as_os_str() == "-" {
                return Some(Ok(InputFile {
                    path: None,
                    display: "<stdin>".into(),
                    rel: "stdin".into(),
                }));
            }
            match fs::metadata(&root) {
                Err(e) => {
                    return Some(Err(WalkError {
                        display: root.display().to_string(),
                        message: e.to_string(),
                    }))
                }
                Ok(m) if m.is_dir() => {
                    let walk = walkdir::WalkDir::new(&root)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter();
                    self.walk = Some((root, walk));
                }
                Ok(_) => {
                    let rel = root.file_name().map(PathBuf::from).unwrap_or_else(|| root.clone());
                    return Some(Ok(InputFile {
                        display: root.display().to_string(),
                        path: Some(root),
                        rel,
                    }));
                }
            }
        }
    }
}

/// The output file name for an input at `rel` of compression `input`
/// written with compression `output`: the same name if the compression is
/// unchanged, else the compression extension swapped.
pub(crate) fn output_rel(rel: &Path, input: Compression, output: Compression) -> PathBuf {
    if input == output {
        return rel.to_path_buf();
    }
    let mut base = rel.to_path_buf();
    if Compression::from_path(rel).is_some() {
        base.set_extension("");
    }
    match output.extension() {
        None => base,
        Some(ext) => {
            let mut s = base.into_os_string();
            s.push(".");
            s.push(ext);
            PathBuf::from(s)
        }
    }
}

/// `path` made absolute and canonical as far as it exists: the longest
/// existing ancestor is canonicalised (resolving symlinks) and the rest
/// appended, with `.` and `..` folded.
pub(crate) fn canonical_lenient(path: &Path) -> io::Result<PathBuf> {
    let abs =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(c) = fs::canonicalize(existing) {
            let mut out = c;
            for comp in rest.iter().rev() {
                match comp {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return Ok(out);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// A canonical input root and whether it is a directory.
pub(crate) struct Root {
    path: PathBuf,
    dir: bool,
}

/// Canonical forms of the input roots that exist (stdin and missing paths
/// are left out: nothing can be overwritten there).
pub(crate) fn canonical_roots(inputs: &[PathBuf]) -> Vec<Root> {
    inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .filter_map(|p| {
            let path = fs::canonicalize(p).ok()?;
            let dir = path.is_dir();
            Some(Root { path, dir })
        })
        .collect()
}

/// Refuse an output directory that is an input, holds an input, or lies
/// inside an input directory (its outputs would be read back as inputs by a
/// later run, and a mirrored output could land on an input).
pub(crate) fn check_output_dir(dir: &Path, roots: &[Root]) -> Result<PathBuf, BatchError> {
    let out = canonical_lenient(dir)
        .map_err(|e| BatchError::usage(format!("output directory {}: {e}", dir.display())))?;
    if out.exists() && !out.is_dir() {
        return Err(BatchError::usage(format!(
            "output {} exists and is not a directory",
            dir.display()
        )));
    }
    for r in roots {
        if r.path == out {
            return Err(BatchError::usage(format!(
                "refusing to write into {}: it is an input (outputs would overwrite inputs)",
                dir.display()
            )));
        }
        if r.path.starts_with(&out) {
            return Err(BatchError::usage(format!(
                "refusing to write into {}: input {} is inside it and could be overwritten",
                dir.display(),
                r.path.display()
            )));
        }
        if r.dir && out.starts_with(&r.path) {
            return Err(BatchError::usage(format!(
                "refusing to write into {}: it is inside input directory {}; choose an output \
                 directory outside the inputs",
                dir.display(),
                r.path.display()
            )));
        }
    }
    Ok(out)
}

/// Refuse an output file that is an input or lies inside an input directory.
pub(crate) fn check_output_file(file: &Path, roots: &[Root]) -> Result<(), BatchError> {
    let out = canonical_lenient(file)
        .map_err(|e| BatchError::usage(format!("output {}: {e}", file.display())))?;
    if out.is_dir() {
        return Err(BatchError::usage(format!("output {} is a directory", file.display())));
    }
    for r in roots {
        if r.path == out || (r.dir && out.starts_with(&r.path)) {
            return Err(BatchError::usage(format!(
                "refusing to write {}: it is an input or inside an input directory",
                file.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_follow_compression() {
        let p = Path::new("a/b.jsonl.gz");
        assert_eq!(output_rel(p, Compression::Gzip, Compression::Gzip), Path::new("a/b.jsonl.gz"));
        assert_eq!(output_rel(p, Compression::Gzip, Compression::Zstd), Path::new("a/b.jsonl.zst"));
        assert_eq!(output_rel(p, Compression::Gzip, Compression::None), Path::new("a/b.jsonl"));
        let t = Path::new("x.txt");
        assert_eq!(output_rel(t, Compression::None, Compression::Gzip), Path::new("x.txt.gz"));
    }

    #[test]
    fn globs_match_at_any_depth() {
        let g = compile_globs(&["*.input.txt".into()]).unwrap().unwrap();
        assert!(g.is_match("set/id.input.txt"));
        assert!(g.is_match("id.input.txt"));
        assert!(!g.is_match("set/id.gold.txt"));
        assert!(compile_globs(&["a[".into()]).unwrap_err().is_usage());
    }

    #[test]
    fn lenient_canonical_folds_missing_parts() {
        let cwd = fs::canonicalize(".").unwrap();
        assert_eq!(canonical_lenient(Path::new("no/such/../dir")).unwrap(), cwd.join("no/dir"));
    }
}
