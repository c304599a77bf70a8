//! Finding the documents of a labelled set on disk.
//!
//! Two layouts are recognised, per directory:
//!
//! - a **segment set** holds `<id>.input.txt` + `<id>.segments.json` files
//!   directly in the directory (as `shared/devset-multi/`);
//! - a **pair set** holds `<id>.input.txt` + `<id>.gold.txt` files in
//!   dataset subdirectories, `<dataset>/<id>.*` (as `shared/devset/` and the
//!   project's `corpus/`). Pairs directly in the directory are accepted too,
//!   as one dataset named after the directory.
//!
//! A `manifest.tsv` at the top of the set (the dev sets' manifest), or else
//! a `cases.tsv` (the project corpus' case list), with a header line naming
//! at least an `id` column, supplies each document's `lang` column and, when
//! it has one, its `url` column (the site of the document for cross-document
//! templates, see [`DocEntry::site`]); without one the language is unknown.
//! Documents are sorted by id, as the scripts sort them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::error::EvalError;
use crate::templates::SiteFrom;

/// Suffix of a pair set's input files.
pub const INPUT_SUFFIX: &str = ".input.txt";
/// Suffix of a pair set's gold files.
pub const GOLD_SUFFIX: &str = ".gold.txt";
/// Suffix of a segment set's annotation files.
pub const SEGMENTS_SUFFIX: &str = ".segments.json";
/// File names of the optional per-document manifest, in order of preference
/// (the dev sets' `manifest.tsv`, the project corpus' `cases.tsv`).
pub const MANIFESTS: [&str; 2] = ["manifest.tsv", "cases.tsv"];

/// The two kinds of labelled set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SetKind {
    /// Input + full gold text; scored by bag-of-words token overlap.
    Pairs,
    /// Input + snippets that must / must not be in the output.
    Segments,
}

impl SetKind {
    /// `"pairs"` or `"segments"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SetKind::Pairs => "pairs",
            SetKind::Segments => "segments",
        }
    }
}

/// One document of a set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocEntry {
    /// The document id (file name without its suffix), unique in the set.
    pub id: String,
    /// The dataset it belongs to: its subdirectory in a pair set, the set's
    /// name otherwise.
    pub dataset: String,
    /// The page text the cleaner reads.
    pub input: PathBuf,
    /// The gold text (pair sets) or the snippet annotations (segment sets).
    pub reference: PathBuf,
    /// The `lang` column of the manifest, when there is one.
    pub manifest_lang: Option<String>,
    /// The `url` column of the manifest, when there is one.
    pub url: Option<String>,
}

impl DocEntry {
    /// The document's site for cross-document templates (see
    /// [`crate::templates`]): with [`SiteFrom::Auto`] or [`SiteFrom::Url`],
    /// the host of its manifest URL, and no site (`""`) without one; with
    /// [`SiteFrom::Dir`], its dataset; with [`SiteFrom::None`], no site.
    ///
    /// Unlike `deboil clean`, [`SiteFrom::Auto`] never falls back to the
    /// directory: a labelled set's dataset directory gathers pages of many
    /// sites, and taking it for one site would make every menu word of the
    /// set a template line.
    ///
    /// ```
    /// use deboil::eval::DocEntry;
    /// use deboil::templates::SiteFrom;
    /// let mut doc = DocEntry {
    ///     id: "a".into(),
    ///     dataset: "news".into(),
    ///     input: "news/a.input.txt".into(),
    ///     reference: "news/a.gold.txt".into(),
    ///     manifest_lang: None,
    ///     url: Some("https://www.example.org/x".into()),
    /// };
    /// assert_eq!(doc.site(SiteFrom::Auto), "example.org");
    /// assert_eq!(doc.site(SiteFrom::Dir), "news");
    /// assert_eq!(doc.site(SiteFrom::None), "");
    /// doc.url = None;
    /// assert_eq!(doc.site(SiteFrom::Auto), "");
    /// ```
    pub fn site(&self, from: SiteFrom) -> String {
        match from {
            SiteFrom::Auto | SiteFrom::Url => SiteFrom::Url.site(self.url.as_deref(), ""),
            SiteFrom::Dir => self.dataset.clone(),
            SiteFrom::None => String::new(),
        }
    }
}

/// A labelled set: its kind and its documents, sorted by id.
#[derive(Clone, Debug)]
pub struct EvalSet {
    /// The directory the set was loaded from, as given.
    pub root: PathBuf,
    /// A short name: the directory's name.
    pub name: String,
    /// Pair or segment set.
    pub kind: SetKind,
    /// The documents, sorted by id.
    pub docs: Vec<DocEntry>,
}

fn list_dir(dir: &Path) -> Result<Vec<(String, PathBuf, bool)>, EvalError> {
    let read = fs::read_dir(dir).map_err(|e| EvalError::io("read directory", dir, e))?;
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| EvalError::io("read directory", dir, e))?;
        let path = entry.path();
        // Follow symlinks: a set may link its datasets in.
        let is_dir = path.is_dir();
        if let Some(name) = entry.file_name().to_str() {
            out.push((name.to_owned(), path, is_dir));
        }
    }
    out.sort();
    Ok(out)
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            let abs = dir.canonicalize().ok()?;
            Some(abs.file_name()?.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| dir.display().to_string())
}

/// Read a `manifest.tsv`: a map from the `id` column to the `lang` column
/// (empty when the manifest has no `lang` column).
pub fn read_manifest(path: &Path) -> Result<HashMap<String, String>, EvalError> {
    read_column(path, "lang")
}

/// A map from a manifest's `id` column to its column `name` (empty when the
/// manifest has no such column; empty cells are left out).
fn read_column(path: &Path, name: &str) -> Result<HashMap<String, String>, EvalError> {
    let text = fs::read_to_string(path).map_err(|e| EvalError::io("read", path, e))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let Some(id_col) = header.iter().position(|&h| h == "id") else {
        return Err(EvalError::invalid(path, "the header line has no `id` column"));
    };
    let Some(col) = header.iter().position(|&h| h == name) else {
        return Ok(HashMap::new());
    };
    let mut map = HashMap::new();
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(value)) = (cols.get(id_col), cols.get(col)) else {
            return Err(EvalError::invalid(
                path,
                format!("line {}: {} columns, the header has {}", n + 2, cols.len(), header.len()),
            ));
        };
        if !value.is_empty() {
            map.insert((*id).to_owned(), (*value).to_owned());
        }
    }
    Ok(map)
}

impl EvalSet {
    /// Load the set in `dir`, detecting its kind.
    ///
    /// Fails when the directory cannot be read, holds neither kind of
    /// document, has a malformed manifest, or two documents share an id.
    pub fn load(dir: &Path) -> Result<EvalSet, EvalError> {
        if !dir.is_dir() {
            return Err(EvalError::invalid(dir, "not a directory"));
        }
        let top = list_dir(dir)?;
        let name = dir_name(dir);
        let mut docs = Vec::new();
        let kind = if top.iter().any(|(n, _, d)| !d && n.ends_with(SEGMENTS_SUFFIX)) {
            collect(&top, dir, &name, SEGMENTS_SUFFIX, &mut docs);
            SetKind::Segments
        } else {
            collect(&top, dir, &name, GOLD_SUFFIX, &mut docs);
            for (sub_name, sub, is_dir) in &top {
                if *is_dir {
                    collect(&list_dir(sub)?, sub, sub_name, GOLD_SUFFIX, &mut docs);
                }
            }
            SetKind::Pairs
        };
        if docs.is_empty() {
            return Err(EvalError::invalid(
                dir,
                format!(
                    "no documents: expected <id>{SEGMENTS_SUFFIX} files, or <id>{GOLD_SUFFIX} \
                     files in dataset subdirectories, each with its <id>{INPUT_SUFFIX}"
                ),
            ));
        }
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        for pair in docs.windows(2) {
            if pair[0].id == pair[1].id {
                return Err(EvalError::invalid(
                    &pair[1].reference,
                    format!(
                        "document id {:?} also used by {}",
                        pair[1].id,
                        pair[0].reference.display()
                    ),
                ));
            }
        }
        if let Some(manifest) = MANIFESTS.iter().map(|m| dir.join(m)).find(|m| m.is_file()) {
            let langs = read_manifest(&manifest)?;
            let urls = read_column(&manifest, "url")?;
            for doc in &mut docs {
                doc.manifest_lang = langs.get(&doc.id).cloned();
                doc.url = urls.get(&doc.id).cloned();
            }
        }
        Ok(EvalSet { root: dir.to_owned(), name, kind, docs })
    }

    /// The document with this id.
    pub fn doc(&self, id: &str) -> Option<&DocEntry> {
        self.docs.binary_search_by(|d| d.id.as_str().cmp(id)).ok().map(|i| &self.docs[i])
    }
}

fn collect(
    entries: &[(String, PathBuf, bool)],
    dir: &Path,
    dataset: &str,
    suffix: &str,
    docs: &mut Vec<DocEntry>,
) {
    for (name, path, is_dir) in entries {
        if *is_dir {
            continue;
        }
        if let Some(id) = name.strip_suffix(suffix) {
            docs.push(DocEntry {
                id: id.to_owned(),
                dataset: dataset.to_owned(),
                input: dir.join(format!("{id}{INPUT_SUFFIX}")),
                reference: path.clone(),
                manifest_lang: None,
                url: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    #[test]
    fn pair_set_with_datasets_and_manifest() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("myset");
        touch(&root.join("news/b.input.txt"), "x");
        touch(&root.join("news/b.gold.txt"), "x");
        touch(&root.join("blogs/a.input.txt"), "x");
        touch(&root.join("blogs/a.gold.txt"), "x");
        touch(&root.join("blogs/notes.txt"), "ignored");
        touch(
            &root.join("manifest.tsv"),
            "id\tdataset\tlang\turl\nb\tnews\tde\thttp://b.example/1\n",
        );
        // A cases.tsv is only read when there is no manifest.tsv.
        touch(&root.join("cases.tsv"), "set\tid\tlang\nblogs\ta\tfr\nnews\tb\tit\n");
        let set = EvalSet::load(&root).expect("loads");
        assert_eq!((set.kind, set.name.as_str()), (SetKind::Pairs, "myset"));
        let got: Vec<_> = set
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.dataset.as_str(), d.manifest_lang.as_deref()))
            .collect();
        assert_eq!(got, [("a", "blogs", None), ("b", "news", Some("de"))]);
        assert_eq!(set.docs[0].input, root.join("blogs/a.input.txt"));
        let urls: Vec<_> = set.docs.iter().map(|d| d.url.as_deref()).collect();
        assert_eq!(urls, [None, Some("http://b.example/1")]);
        assert_eq!(set.docs[1].site(SiteFrom::Auto), "b.example");
        assert_eq!(set.doc("b").map(|d| d.dataset.as_str()), Some("news"));
        fs::remove_file(root.join("manifest.tsv")).expect("rm");
        let set = EvalSet::load(&root).expect("loads");
        let langs: Vec<_> = set.docs.iter().map(|d| d.manifest_lang.as_deref()).collect();
        assert_eq!(langs, [Some("fr"), Some("it")]);
    }

    #[test]
    fn segment_set_is_flat() {
        let tmp = tempfile::tempdir().expect("tempdir");
        touch(&tmp.path().join("s1.input.txt"), "x");
        touch(&tmp.path().join("s1.segments.json"), "{}");
        let set = EvalSet::load(tmp.path()).expect("loads");
        assert_eq!(set.kind, SetKind::Segments);
        assert_eq!(set.docs[0].reference, tmp.path().join("s1.segments.json"));
    }

    #[test]
    fn errors_name_the_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let err = EvalSet::load(&tmp.path().join("nope")).expect_err("missing dir");
        assert!(err.to_string().contains("nope"), "{err}");
        let err = EvalSet::load(tmp.path()).expect_err("empty dir");
        assert!(err.to_string().contains("no documents"), "{err}");
        touch(&tmp.path().join("d1/x.gold.txt"), "x");
        touch(&tmp.path().join("d2/x.gold.txt"), "x");
        let err = EvalSet::load(tmp.path()).expect_err("duplicate id");
        assert!(err.to_string().contains("\"x\" also used by"), "{err}");
        fs::remove_dir_all(tmp.path().join("d2")).expect("rm");
        touch(&tmp.path().join("manifest.tsv"), "doc\tlang\n");
        let err = EvalSet::load(tmp.path()).expect_err("bad manifest");
        assert!(err.to_string().contains("manifest.tsv: the header line has no `id`"), "{err}");
    }
}
