//! Python bindings for deboil: the extension module `deboil._deboil`.
//!
//! The Python package `deboil` (in `python/deboil/`) re-exports what is
//! defined here; its type stubs are `deboil/_deboil.pyi`. Everything that a
//! caller can get wrong (a non-string text, an unknown strictness, a
//! negative limit) is a Python `TypeError` or `ValueError`, never a panic.
//!
//! Texts cross the boundary as UTF-8 bytes: a `str` is encoded (a string
//! with lone surrogates cannot be, and raises `UnicodeEncodeError`, a
//! `ValueError`), cleaned with the interpreter detached, and the kept lines
//! come back as a `str`. A `bytes` text is cleaned as it is and comes back as
//! `bytes`, invalid UTF-8 and all, as the CLI does with files.
//!
//! `Templates` wraps the per-site statistics of `deboil learn`
//! ([`TemplateStats`]); a cleaner built with them finds each document's site
//! as `deboil clean --templates FILE --site-from url` does (the host of its
//! URL, [`url_host`]; a document without one has no site, `""`: only the cross-site evidence
//! applies to it), or
//! takes it as given.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use deboil::config::{DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DOCUMENT_LINES};
use deboil::templates::{self, url_host, LineEvidence, SiteFrom, TemplateStats};
use deboil::{
    BlankLines, Cleaned, Cleaner, Config, Label, LanguageChoice, OverLimit, Stage, Strictness,
    Switch,
};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;

/// The names of the `strictness` values, in `Strictness` order.
const STRICTNESS: [(&str, Strictness); 3] = [
    ("recall", Strictness::Recall),
    ("balanced", Strictness::Balanced),
    ("precision", Strictness::Precision),
];

/// The names of the `blank_lines` values.
const BLANK_LINES: [(&str, BlankLines); 2] =
    [("separators", BlankLines::Separators), ("drop", BlankLines::Drop)];

/// The names of the `over_limit` values.
const OVER_LIMIT: [(&str, OverLimit); 2] =
    [("pass-through", OverLimit::PassThrough), ("truncate", OverLimit::Truncate)];

/// More threads than this for one cleaner is a mistake, not a wish.
const MAX_THREADS: usize = 1024;

/// A Rayon pool and the process it was started in.
type PoolSlot = Mutex<Option<(u32, Arc<rayon::ThreadPool>)>>;

/// The pool of cleaners built without `threads` (one thread per core, or
/// `RAYON_NUM_THREADS`).
static SHARED_POOL: PoolSlot = Mutex::new(None);

/// The pool in `slot`, started on first use -- and started again in a child
/// process after `fork()`, where the parent's pool threads do not exist
/// (Rayon's own global pool would hang there forever: multiprocessing's
/// fork start method, Spark and datatrove workers all fork).
fn pool_in(slot: &PoolSlot, threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Ok(pool.clone());
        }
    }
    // A pool inherited through fork(): its threads are not in this process,
    // so it cannot be shut down; leave it alone.
    if let Some(inherited) = slot.take() {
        std::mem::forget(inherited);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads) // 0: RAYON_NUM_THREADS, else one per core
        .thread_name(|i| format!("deboil-py-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start cleaning threads: {e}")))?;
    let pool = Arc::new(pool);
    *slot = Some((pid, pool.clone()));
    Ok(pool)
}

/// One text handed to the cleaner: its UTF-8 (or raw) bytes, and whether
/// the caller gave a `str` (so gets a `str` back) or `bytes`.
struct Text<'py> {
    bytes: Bound<'py, PyBytes>,
    is_str: bool,
}

impl<'py> Text<'py> {
    /// Accept a `str` or `bytes`; anything else is a `TypeError` naming
    /// `what` (the argument or list item).
    fn extract(obj: &Bound<'py, PyAny>, what: impl FnOnce() -> String) -> PyResult<Text<'py>> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Text { bytes: s.encode_utf8()?, is_str: true });
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(Text { bytes: b.clone(), is_str: false });
        }
        Err(PyTypeError::new_err(format!(
            "{} must be str or bytes, not {}",
            what(),
            type_name(obj)
        )))
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.as_bytes()
    }

    /// `data` (a sub-sequence of this text's lines) as the caller's type.
    fn wrap(&self, py: Python<'py>, data: &[u8]) -> Bound<'py, PyAny> {
        if self.is_str {
            // Whole lines of valid UTF-8 are valid UTF-8 (no multi-byte
            // sequence contains '\n' or '\r'), so this never replaces.
            PyString::new(py, &String::from_utf8_lossy(data)).into_any()
        } else {
            PyBytes::new(py, data).into_any()
        }
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// Match `value` (case-insensitive, `_` read as `-`) against `choices`.
fn choose<T: Copy>(name: &str, value: &Bound<'_, PyAny>, choices: &[(&str, T)]) -> PyResult<T> {
    let text = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{name} must be a str, not {}", type_name(value)))
    })?;
    let text = text.to_cow()?;
    let key = text.trim().to_ascii_lowercase().replace('_', "-");
    choices.iter().find(|(n, _)| *n == key).map(|&(_, v)| v).ok_or_else(|| {
        let names: Vec<String> = choices.iter().map(|(n, _)| format!("'{n}'")).collect();
        PyValueError::new_err(format!("{name} must be one of {}, not '{text}'", names.join(", ")))
    })
}

/// The name of `value` in `choices` (for `Cleaner.config`).
fn name_of<T: Copy + PartialEq>(value: T, choices: &[(&'static str, T)]) -> &'static str {
    choices.iter().find(|(_, v)| *v == value).map_or("?", |(n, _)| n)
}

/// A positive int (not a bool).
fn limit(name: &str, value: &Bound<'_, PyAny>) -> PyResult<usize> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a positive int, not {}",
            type_name(value)
        )));
    }
    match value.extract::<i64>() {
        Ok(n) if n >= 1 => usize::try_from(n)
            .map_err(|_| PyValueError::new_err(format!("{name} is too large: {n}"))),
        Ok(n) => Err(PyValueError::new_err(format!("{name} must be at least 1, not {n}"))),
        Err(_) => Err(PyValueError::new_err(format!("{name} is out of range: {value}"))),
    }
}

/// `None`, one stage name, or an iterable of stage names.
fn stages(value: &Bound<'_, PyAny>) -> PyResult<Vec<Stage>> {
    if value.is_none() {
        return Ok(Vec::new());
    }
    let choices: Vec<(&str, Stage)> = Stage::ALL.iter().map(|&s| (s.as_str(), s)).collect();
    if value.is_instance_of::<PyString>() {
        return Ok(vec![choose("stages_off", value, &choices)?]);
    }
    let items = value.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "stages_off must be None, a stage name or an iterable of stage names, not {}",
            type_name(value)
        ))
    })?;
    let mut out = Vec::new();
    for item in items {
        out.push(choose("stages_off item", &item?, &choices)?);
    }
    Ok(out)
}

/// `"auto"` / `None`, or an ISO 639-1 code with a bundled stoplist.
fn language(value: &Bound<'_, PyAny>) -> PyResult<LanguageChoice> {
    if value.is_none() {
        return Ok(LanguageChoice::Auto);
    }
    let text = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("language must be a str or None, not {}", type_name(value)))
    })?;
    let code = text.to_cow()?;
    let code = code.trim();
    if code.eq_ignore_ascii_case("auto") {
        return Ok(LanguageChoice::Auto);
    }
    deboil::Lang::from_code(code).map(LanguageChoice::Fixed).ok_or_else(|| {
        let codes: Vec<&str> = deboil::Lang::ALL.iter().map(|l| l.code()).collect();
        PyValueError::new_err(format!(
            "language must be 'auto' or one of {}, not '{code}'",
            codes.join(", ")
        ))
    })
}

/// Line and byte counts of one cleaned document, as a dict.
fn stats_dict<'py>(py: Python<'py>, cleaned: &Cleaned<'_>) -> PyResult<Bound<'py, PyDict>> {
    let mut dropped = [0u64; Label::ALL.len()];
    let mut kept_lines = 0u64;
    let mut kept_bytes = 0u64;
    for v in cleaned.verdicts() {
        if v.keep {
            kept_lines += 1;
            kept_bytes += v.span.range().len() as u64;
        } else if let Some(i) = Label::ALL.iter().position(|&l| l == v.label) {
            dropped[i] += 1;
        }
    }
    let by_label = PyDict::new(py);
    for (label, n) in Label::ALL.iter().zip(dropped) {
        if n > 0 {
            by_label.set_item(label.as_str(), n)?;
        }
    }
    let bytes_in = cleaned.input().len() as u64;
    let d = PyDict::new(py);
    d.set_item("lines", cleaned.verdicts().len())?;
    d.set_item("lines_kept", kept_lines)?;
    d.set_item("lines_dropped", cleaned.verdicts().len() as u64 - kept_lines)?;
    d.set_item("bytes", bytes_in)?;
    d.set_item("bytes_kept", kept_bytes)?;
    d.set_item("bytes_removed", bytes_in - kept_bytes)?;
    d.set_item("dropped", by_label)?;
    d.set_item("language", cleaned.lang().map(|l| l.code()))?;
    Ok(d)
}

/// An f32 score as the f64 with the same shortest decimal form (what the
/// CLI's `--explain` JSON prints), not its binary widening.
fn score(s: f32) -> f64 {
    s.to_string().parse().unwrap_or(f64::from(s))
}

/// Per-site template statistics learned by ``deboil learn``: which lines
/// each site repeats across its pages.
///
/// Learn them once over a batch (``deboil learn BATCH... -o templates.bin``),
/// ship the file to the workers, load it there with :meth:`Templates.load`
/// and clean with ``Cleaner(templates=...)``: each document's template lines
/// (menus, footers, "About us" blurbs on a good share of the site's pages)
/// are dropped, as ``deboil clean --templates templates.bin`` does.
///
/// Immutable and safe to share between threads; one loaded copy can serve
/// any number of cleaners. Pickles as its file's bytes.
#[pyclass(module = "deboil", name = "Templates", frozen)]
struct PyTemplates {
    stats: Arc<TemplateStats>,
    /// The file it was loaded from, if any (for `repr` and messages).
    path: Option<String>,
}

impl PyTemplates {
    fn describe(&self) -> String {
        let counts = if self.stats.is_sketch() { "sketch" } else { "exact" };
        let source = match &self.path {
            Some(p) => format!(" {p:?}"),
            None => String::new(),
        };
        format!(
            "<deboil.Templates{source}: {} sites, {} documents, {counts} counts>",
            self.stats.sites(),
            self.stats.documents()
        )
    }
}

#[pymethods]
impl PyTemplates {
    #[new]
    fn new() -> PyResult<PyTemplates> {
        Err(PyTypeError::new_err(
            "deboil.Templates cannot be built directly: use Templates.load(path) on a file \
             written by `deboil learn`, or Templates.from_bytes(data)",
        ))
    }

    /// Load the statistics file written by ``deboil learn -o PATH``.
    ///
    /// The file is read and checked (magic bytes, format version, length,
    /// checksum) with the interpreter released.
    ///
    /// Raises:
    ///     OSError: the file cannot be read (``FileNotFoundError``,
    ///         ``PermissionError``, ``IsADirectoryError``...; the path is
    ///         the exception's ``filename``).
    ///     ValueError: it is not a template statistics file, or is of
    ///         another format version, truncated or corrupt (the message
    ///         names the path and the reason).
    ///     TypeError: ``path`` is not a str, bytes or os.PathLike.
    #[staticmethod]
    fn load(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<PyTemplates> {
        let path: PathBuf = path.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "Templates.load() takes a path (str, bytes or os.PathLike), not {}",
                type_name(path)
            ))
        })?;
        let shown = path.display().to_string();
        let loaded = py.detach(|| match std::fs::read(&path) {
            Ok(bytes) => Ok(TemplateStats::from_bytes(&bytes)),
            Err(e) => Err(e),
        });
        match loaded {
            Ok(Ok(stats)) => Ok(PyTemplates { stats: Arc::new(stats), path: Some(shown) }),
            Ok(Err(reason)) => Err(PyValueError::new_err(format!(
                "{shown}: cannot load template statistics: {reason}"
            ))),
            Err(e) => {
                let message = format!("cannot read template statistics: {e}");
                Err(match e.raw_os_error() {
                    // OSError(errno, strerror, filename) picks the subclass
                    // (FileNotFoundError...) from errno.
                    Some(errno) => PyOSError::new_err((errno, message, shown)),
                    None => PyOSError::new_err(format!("{shown}: {message}")),
                })
            }
        }
    }

    /// Statistics from the bytes of a file written by ``deboil learn`` (as
    /// read from object storage, or a Ray object), checked as by ``load``.
    ///
    /// Raises:
    ///     ValueError: not template statistics, another version, corrupt.
    ///     TypeError: ``data`` is not bytes.
    #[staticmethod]
    #[pyo3(signature = (data, *, name = None))]
    fn from_bytes(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        name: Option<String>,
    ) -> PyResult<PyTemplates> {
        let data = data.cast::<PyBytes>().map_err(|_| {
            PyTypeError::new_err(format!(
                "Templates.from_bytes() takes bytes, not {}",
                type_name(data)
            ))
        })?;
        let bytes = data.as_bytes();
        let stats = py.detach(|| TemplateStats::from_bytes(bytes)).map_err(|reason| {
            let what = name.as_deref().unwrap_or("<bytes>");
            PyValueError::new_err(format!("{what}: cannot load template statistics: {reason}"))
        })?;
        Ok(PyTemplates { stats: Arc::new(stats), path: name })
    }

    /// The file format's bytes (what ``deboil learn`` writes; the same
    /// statistics always give the same bytes).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.stats.to_bytes());
        PyBytes::new(py, &bytes)
    }

    /// The file these statistics were loaded from (``None`` if from bytes).
    #[getter]
    fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// Number of sites learned.
    #[getter]
    fn sites(&self) -> usize {
        self.stats.sites()
    }

    /// Number of documents learned from.
    #[getter]
    fn documents(&self) -> u64 {
        self.stats.documents()
    }

    /// Exact (site, line) counts kept: lines on two or more of a site's
    /// documents (0 when the counts are a sketch).
    #[getter]
    fn pairs(&self) -> usize {
        self.stats.pairs()
    }

    /// Whether the (site, line) counts are a count-min sketch (learning
    /// passed half of ``--template-memory``): approximate, and without
    /// cross-site counts.
    #[getter]
    fn is_sketch(&self) -> bool {
        self.stats.is_sketch()
    }

    /// Documents learned for ``site`` (0 for a site the statistics do not
    /// know: its documents get no per-site evidence, only the cross-site
    /// counts). A site is a host as ``url_host`` gives it, ``""`` for
    /// documents without a URL, or whatever ``deboil learn --site-from``
    /// made it (a directory with ``dir``).
    fn site_documents(&self, site: &str) -> u32 {
        self.stats.site_documents(site).unwrap_or(0)
    }

    fn __contains__(&self, site: &Bound<'_, PyAny>) -> PyResult<bool> {
        match site.cast::<PyString>() {
            Ok(s) => Ok(self.stats.site_documents(&s.to_cow()?).is_some()),
            Err(_) => Ok(false),
        }
    }

    fn __repr__(&self) -> String {
        self.describe()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyTemplates>().is_ok_and(|o| same_stats(&o.get().stats, &self.stats))
    }

    /// Pickle support: the statistics travel as their file's bytes (for
    /// big files, ship the file itself and load it on the workers).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("deboil._deboil")?.getattr("_rebuild_templates")?;
        let args = (self.to_bytes(py), self.path.clone()).into_pyobject(py)?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}

/// Equal statistics (the same object, or equal contents).
fn same_stats(a: &Arc<TemplateStats>, b: &Arc<TemplateStats>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// Rebuild `Templates` from their bytes (used by pickle).
#[pyfunction(name = "_rebuild_templates")]
fn rebuild_templates(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    name: Option<String>,
) -> PyResult<PyTemplates> {
    PyTemplates::from_bytes(py, data, name)
}

/// The site ``deboil`` gives a document with this URL: its host,
/// lower-cased, without user info, port, trailing dot or a leading
/// ``www.``; ``None`` when it has none (such documents have no site,
/// ``""``: only the cross-site evidence applies). A URL without a scheme is taken to start with its host:
/// ``url_host("https://www.Example.com:8080/a?b") == "example.com"``.
#[pyfunction(name = "url_host")]
fn py_url_host(url: &str) -> Option<String> {
    url_host(url)
}

/// `None` or a `str` argument (`TypeError` naming `what` otherwise).
fn optional_str(
    value: Option<&Bound<'_, PyAny>>,
    what: impl FnOnce() -> String,
) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match v.cast::<PyString>() {
            Ok(s) => Ok(Some(s.to_cow()?.into_owned())),
            Err(_) => Err(PyTypeError::new_err(format!(
                "{} must be str or None, not {}",
                what(),
                type_name(v)
            ))),
        },
    }
}

/// The site of a document with this `url` or given `site`: as `deboil clean
/// --site-from url` (the URL's host; `""` without one), or `site` as is.
fn site_of(url: Option<&str>, site: Option<String>) -> String {
    match site {
        Some(site) => site,
        None => SiteFrom::Url.site(url, ""),
    }
}

/// Removes boilerplate from text scraped from web pages, keeping the
/// article's lines byte for byte.
///
/// Build one and reuse it; it is safe to share between threads. Every
/// option is keyword-only and defaults to what ``deboil clean`` uses.
///
/// Args:
///     strictness: ``"balanced"`` (default), ``"recall"`` (keep borderline
///         lines) or ``"precision"`` (drop them).
///     stages_off: pipeline stages to switch off, by name: ``"markers"``,
///         ``"language"``, ``"script"``, ``"context"``, ``"regions"``,
///         ``"repeats"``, ``"main-block"``, ``"templates"``. Default: none.
///     blank_lines: ``"separators"`` (default: keep one blank line between
///         kept lines where the input had one) or ``"drop"``.
///     max_document_bytes: documents larger than this are not cleaned but
///         handled by ``over_limit`` (default 64 MiB).
///     max_document_lines: the same in lines (default 1,000,000).
///     over_limit: ``"pass-through"`` (default: keep such a document whole)
///         or ``"truncate"`` (clean the part within the limits, drop the rest).
///     language: ``"auto"`` (default: guessed per document) or an ISO 639-1
///         code whose stoplist every document is scored with.
///     threads: worker threads for ``clean_batch``; default ``None`` shares
///         one process-wide pool with a thread per core (``RAYON_NUM_THREADS``
///         overrides it).
///     templates: per-site template statistics from ``deboil learn``: a
///         :class:`Templates` or the path of its file (loaded here). The
///         cleaning methods then take each document's ``url`` (its site is
///         the URL's host, as ``deboil clean --templates FILE --site-from
///         url``) or ``site``, and drop the site's template lines.
///
/// ``None`` for any option means its default.
///
/// Raises:
///     TypeError: an option of the wrong type.
///     ValueError: an unknown name or a limit below 1; a corrupt
///         ``templates`` file.
///     OSError: a ``templates`` file that cannot be read.
#[pyclass(module = "deboil", name = "Cleaner", frozen)]
struct PyCleaner {
    cleaner: Cleaner,
    threads: Option<usize>,
    /// The template statistics, as given (for `config`) and as used.
    templates: Option<(Py<PyTemplates>, Arc<TemplateStats>)>,
    /// This cleaner's own pool when `threads` is given (started on first use).
    pool: PoolSlot,
}

impl PyCleaner {
    /// The pool the batch methods run on.
    fn pool(&self) -> PyResult<Arc<rayon::ThreadPool>> {
        match self.threads {
            Some(n) => pool_in(&self.pool, n),
            None => pool_in(&SHARED_POOL, 0),
        }
    }

    fn stats(&self) -> Option<&TemplateStats> {
        self.templates.as_ref().map(|(_, stats)| &**stats)
    }

    /// Clean `input` as a document of `site` (`None`: without templates).
    fn clean_doc<'a>(&self, input: &'a [u8], site: Option<&str>) -> Cleaned<'a> {
        match (self.stats(), site) {
            (Some(stats), Some(site)) => {
                self.cleaner.clean_with_evidence(input, &stats.evidence(site))
            }
            _ => self.cleaner.clean(input),
        }
    }

    /// The site one document is cleaned as (`None` without templates),
    /// from the `url` and `site` arguments of `method`.
    fn site(
        &self,
        method: &str,
        url: Option<&Bound<'_, PyAny>>,
        site: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let url = optional_str(url, || format!("{method}() url"))?;
        let site = optional_str(site, || format!("{method}() site"))?;
        self.check_site_args(method, url.is_some(), site.is_some(), "url", "site")?;
        Ok(self.stats().map(|_| site_of(url.as_deref(), site)))
    }

    fn check_site_args(
        &self,
        method: &str,
        has_url: bool,
        has_site: bool,
        url: &str,
        site: &str,
    ) -> PyResult<()> {
        if has_url && has_site {
            return Err(PyValueError::new_err(format!(
                "{method}(): give {url}= or {site}=, not both"
            )));
        }
        if self.templates.is_none() && (has_url || has_site) {
            let what = if has_url { url } else { site };
            return Err(PyValueError::new_err(format!(
                "{method}(): {what}= chooses a site's templates, and this Cleaner has none: \
                 build it with Cleaner(templates=Templates.load(path))"
            )));
        }
        Ok(())
    }

    /// The sites `n` documents are cleaned as (`None` without templates),
    /// from the `urls` and `sites` arguments of `method`.
    fn sites(
        &self,
        method: &str,
        n: usize,
        urls: Option<&Bound<'_, PyAny>>,
        sites: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Vec<String>>> {
        let urls = urls.filter(|v| !v.is_none());
        let sites = sites.filter(|v| !v.is_none());
        self.check_site_args(method, urls.is_some(), sites.is_some(), "urls", "sites")?;
        if self.templates.is_none() {
            return Ok(None);
        }
        let (values, name) = match (urls, sites) {
            (Some(v), _) => (v, "urls"),
            (None, Some(v)) => (v, "sites"),
            (None, None) => return Ok(Some(vec![String::new(); n])),
        };
        if values.is_instance_of::<PyString>() || values.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(format!(
                "{method}() {name} must be a list with one item per text, not a single {}",
                type_name(values)
            )));
        }
        let iter = values.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "{method}() {name} must be an iterable of str or None, not {}",
                type_name(values)
            ))
        })?;
        let mut out = Vec::with_capacity(n);
        for (i, item) in iter.enumerate() {
            let item = item?;
            let value = optional_str(Some(&item), || format!("{method}() {name} item {i}"))?;
            out.push(if name == "urls" {
                site_of(value.as_deref(), None)
            } else {
                value.unwrap_or_default()
            });
        }
        if out.len() != n {
            return Err(PyValueError::new_err(format!(
                "{method}(): {n} texts but {} {name}: give one per text (None for none)",
                out.len()
            )));
        }
        Ok(Some(out))
    }

    /// Clean `inputs` in parallel, as documents of `sites`, on this
    /// cleaner's pool with the interpreter released; `then` maps each
    /// result (in the pool).
    fn clean_all<'a, R: Send>(
        &self,
        py: Python<'_>,
        inputs: &[&'a [u8]],
        sites: Option<&[String]>,
        then: impl Fn(Cleaned<'a>) -> R + Sync,
    ) -> PyResult<Vec<R>> {
        let pool = self.pool()?;
        Ok(py.detach(|| {
            pool.install(|| {
                inputs
                    .par_iter()
                    .enumerate()
                    .map(|(i, t)| then(self.clean_doc(t, sites.map(|s| s[i].as_str()))))
                    .collect()
            })
        }))
    }

    /// Extract `texts` (an iterable of str/bytes) with their input types.
    fn texts<'py>(texts: &Bound<'py, PyAny>, method: &str) -> PyResult<Vec<Text<'py>>> {
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(format!(
                "{method}() takes a list of texts, not a single {}: use clean() for one text",
                type_name(texts)
            )));
        }
        let iter = texts.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "{method}() takes an iterable of str or bytes, not {}",
                type_name(texts)
            ))
        })?;
        let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
        for (i, item) in iter.enumerate() {
            out.push(Text::extract(&item?, || format!("{method}() item {i}"))?);
        }
        Ok(out)
    }
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *,
        strictness = None,
        stages_off = None,
        blank_lines = None,
        max_document_bytes = None,
        max_document_lines = None,
        over_limit = None,
        language = None,
        threads = None,
        templates = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        strictness: Option<&Bound<'_, PyAny>>,
        stages_off: Option<&Bound<'_, PyAny>>,
        blank_lines: Option<&Bound<'_, PyAny>>,
        max_document_bytes: Option<&Bound<'_, PyAny>>,
        max_document_lines: Option<&Bound<'_, PyAny>>,
        over_limit: Option<&Bound<'_, PyAny>>,
        language: Option<&Bound<'_, PyAny>>,
        threads: Option<&Bound<'_, PyAny>>,
        templates: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyCleaner> {
        let mut b = Config::builder();
        if let Some(v) = strictness {
            b = b.strictness(choose("strictness", v, &STRICTNESS)?);
        }
        if let Some(v) = stages_off {
            for stage in stages(v)? {
                b = b.stage(stage, Switch::Off);
            }
        }
        if let Some(v) = blank_lines {
            b = b.blank_lines(choose("blank_lines", v, &BLANK_LINES)?);
        }
        b = b.max_document_bytes(match max_document_bytes {
            Some(v) => limit("max_document_bytes", v)?,
            None => DEFAULT_MAX_DOCUMENT_BYTES,
        });
        b = b.max_document_lines(match max_document_lines {
            Some(v) => limit("max_document_lines", v)?,
            None => DEFAULT_MAX_DOCUMENT_LINES,
        });
        if let Some(v) = over_limit {
            b = b.over_limit(choose("over_limit", v, &OVER_LIMIT)?);
        }
        if let Some(v) = language {
            b = b.language(self::language(v)?);
        }
        let threads = threads.map(|v| limit("threads", v)).transpose()?;
        if let Some(n) = threads.filter(|&n| n > MAX_THREADS) {
            return Err(PyValueError::new_err(format!(
                "threads must be at most {MAX_THREADS}, not {n}"
            )));
        }
        let templates = match templates.filter(|v| !v.is_none()) {
            None => None,
            Some(v) => {
                let t = match v.cast::<PyTemplates>() {
                    Ok(t) => t.clone().unbind(),
                    Err(_) if v.extract::<PathBuf>().is_ok() => {
                        Py::new(py, PyTemplates::load(py, v)?)?
                    }
                    Err(_) => {
                        return Err(PyTypeError::new_err(format!(
                            "templates must be a deboil.Templates, the path of a `deboil learn` \
                             file, or None, not {}",
                            type_name(v)
                        )))
                    }
                };
                let stats = t.get().stats.clone();
                Some((t, stats))
            }
        };
        Ok(PyCleaner {
            cleaner: Cleaner::new(b.build()),
            threads,
            templates,
            pool: Mutex::new(None),
        })
    }

    /// Clean one document.
    ///
    /// Args:
    ///     text: the page as plain text, one block per line (``\n``,
    ///         ``\r\n`` or ``\r`` line ends). A ``bytes`` text is cleaned as
    ///         it is (invalid UTF-8 included) and the result is ``bytes``.
    ///     url: with ``templates``: the page's URL; its host is the site
    ///         whose templates apply (as ``deboil clean --templates FILE
    ///         --site-from url``). Without a URL (or site) the document
    ///         has no site (``""``): only the cross-site evidence applies,
    ///         as to URL-less records in the CLI.
    ///     site: with ``templates``: the site, as given (instead of ``url``;
    ///         e.g. the directory name ``deboil learn --site-from dir`` used).
    ///
    /// Returns:
    ///     The kept lines, each exactly as in the input (terminator
    ///     included), in order: the same as ``deboil clean`` writes.
    ///
    /// Raises:
    ///     TypeError: ``text`` is not str or bytes; ``url`` or ``site`` is
    ///         not str or None.
    ///     ValueError: ``url`` and ``site`` both given, or either given to
    ///         a cleaner without ``templates``.
    ///     UnicodeEncodeError: ``text`` has lone surrogates (not UTF-8).
    #[pyo3(signature = (text, *, url = None, site = None))]
    fn clean<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        url: Option<&Bound<'py, PyAny>>,
        site: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let site = self.site("clean", url, site)?;
        let input = text.as_bytes();
        let out = py.detach(|| self.clean_doc(input, site.as_deref()).to_vec());
        Ok(text.wrap(py, &out))
    }

    /// Clean many documents in parallel (the interpreter is released while
    /// they are cleaned, on ``threads`` threads).
    ///
    /// The result equals ``[self.clean(t, url=u) for t, u in zip(texts,
    /// urls)]`` (or with ``site=``), in order.
    ///
    /// Args:
    ///     texts: an iterable (a list, say) of str or bytes.
    ///     urls: with ``templates``: one URL (or None) per text.
    ///     sites: with ``templates``: one site (or None, the site ``""``)
    ///         per text, instead of ``urls``.
    ///
    /// Raises:
    ///     TypeError: ``texts`` is not iterable, or is a single str/bytes,
    ///         or an item is not str or bytes (its index is named); the
    ///         same for ``urls``/``sites`` and str or None.
    ///     ValueError: ``urls``/``sites`` of another length than
    ///         ``texts``, both given, or either given without templates.
    #[pyo3(signature = (texts, *, urls = None, sites = None))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        sites: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = Self::texts(texts, "clean_batch")?;
        let sites = self.sites("clean_batch", texts.len(), urls, sites)?;
        let inputs: Vec<&[u8]> = texts.iter().map(Text::as_bytes).collect();
        let outs = self.clean_all(py, &inputs, sites.as_deref(), |c| c.to_vec())?;
        PyList::new(py, texts.iter().zip(&outs).map(|(t, o)| t.wrap(py, o)))
    }

    /// Clean one document and count what was removed.
    ///
    /// Returns:
    ///     ``(cleaned, stats)``: ``cleaned`` as from ``clean``; ``stats`` a
    ///     dict with ``lines``, ``lines_kept``, ``lines_dropped``, ``bytes``,
    ///     ``bytes_kept``, ``bytes_removed`` (UTF-8 bytes), ``dropped`` (a
    ///     dict: label -> lines dropped, only labels with any) and
    ///     ``language`` (the ISO code of the stoplist used, or None).
    ///     ``url`` and ``site`` as for ``clean``.
    #[pyo3(signature = (text, *, url = None, site = None))]
    fn clean_with_stats<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        url: Option<&Bound<'py, PyAny>>,
        site: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let site = self.site("clean_with_stats", url, site)?;
        let input = text.as_bytes();
        let cleaned = py.detach(|| self.clean_doc(input, site.as_deref()));
        let out = cleaned.to_vec();
        PyTuple::new(py, [text.wrap(py, &out), stats_dict(py, &cleaned)?.into_any()])
    }

    /// ``clean_with_stats`` over many documents, in parallel like
    /// ``clean_batch`` (with its ``urls`` or ``sites``): a list of
    /// ``(cleaned, stats)`` tuples, in order.
    #[pyo3(signature = (texts, *, urls = None, sites = None))]
    fn clean_batch_with_stats<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        sites: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = Self::texts(texts, "clean_batch_with_stats")?;
        let sites = self.sites("clean_batch_with_stats", texts.len(), urls, sites)?;
        let inputs: Vec<&[u8]> = texts.iter().map(Text::as_bytes).collect();
        let cleaned = self.clean_all(py, &inputs, sites.as_deref(), |c| c)?;
        let mut items = Vec::with_capacity(texts.len());
        for (t, c) in texts.iter().zip(&cleaned) {
            let pair = [t.wrap(py, &c.to_vec()), stats_dict(py, c)?.into_any()];
            items.push(PyTuple::new(py, pair)?);
        }
        PyList::new(py, items)
    }

    /// Why each line was kept or dropped.
    ///
    /// Returns:
    ///     One dict per input line, in order: ``line`` (1-based), ``keep``,
    ///     ``label`` (``"content"``, ``"navigation"``, ``"legal"``…),
    ///     ``rule`` (what decided, with the line it refers to:
    ///     ``"line-score"``, ``"marker"``, ``"region@55"``…), ``ref`` (that
    ///     1-based line, or None), ``score`` (positive looks like article
    ///     text) and ``text`` (the line without its terminator; str or bytes
    ///     like the input). Lines dropped as their site's template (rule
    ///     ``"template"``) also carry ``template``: ``{"site", "site_docs",
    ///     "site_total", "sites"}`` -- the site, how many of its documents
    ///     have the line, its documents, and how many sites have the line --
    ///     as in ``deboil clean --explain``. ``url`` and ``site`` as for
    ///     ``clean``.
    #[pyo3(signature = (text, *, url = None, site = None))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        url: Option<&Bound<'py, PyAny>>,
        site: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let site = self.site("explain", url, site)?;
        let input = text.as_bytes();
        let cleaned = py.detach(|| self.clean_doc(input, site.as_deref()));
        let evidence = match (self.stats(), &site) {
            (Some(stats), Some(site)) => Some(stats.evidence(site)),
            _ => None,
        };
        let mut key_buf = String::new();
        let list = PyList::empty(py);
        for (i, v) in cleaned.verdicts().iter().enumerate() {
            let d = PyDict::new(py);
            d.set_item("line", i + 1)?;
            d.set_item("keep", v.keep)?;
            d.set_item("label", v.label.as_str())?;
            d.set_item("rule", v.rule.to_string())?;
            d.set_item("ref", v.rule.refers_to().map(|n| n + 1))?;
            d.set_item("score", score(v.score))?;
            d.set_item("text", text.wrap(py, &input[v.span.content()]))?;
            if let (Some(ev), deboil::Rule::Template { .. }) = (&evidence, v.rule) {
                let key = templates::line_key(&input[v.span.content()], &mut key_buf);
                if let Some(hit) = key.and_then(|k| ev.lookup(k)) {
                    let t = PyDict::new(py);
                    t.set_item("site", ev.site())?;
                    t.set_item("site_docs", hit.site_docs)?;
                    t.set_item("site_total", hit.site_total)?;
                    t.set_item("sites", hit.sites)?;
                    d.set_item("template", t)?;
                }
            }
            list.append(d)?;
        }
        Ok(list)
    }

    /// The options this cleaner was built with, as keyword arguments:
    /// ``Cleaner(**c.config)`` builds an equal cleaner.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.cleaner.config();
        let d = PyDict::new(py);
        d.set_item("strictness", name_of(c.strictness(), &STRICTNESS))?;
        let off: Vec<&str> =
            Stage::ALL.iter().filter(|&&s| !c.stage_on(s)).map(|s| s.as_str()).collect();
        d.set_item("stages_off", off)?;
        d.set_item("blank_lines", name_of(c.blank_lines(), &BLANK_LINES))?;
        d.set_item("max_document_bytes", c.max_document_bytes())?;
        d.set_item("max_document_lines", c.max_document_lines())?;
        d.set_item("over_limit", name_of(c.over_limit(), &OVER_LIMIT))?;
        let language: Cow<'_, str> = match c.language() {
            LanguageChoice::Auto => "auto".into(),
            LanguageChoice::Fixed(l) => l.code().into(),
        };
        d.set_item("language", language)?;
        d.set_item("threads", self.threads)?;
        d.set_item("templates", self.templates(py))?;
        Ok(d)
    }

    /// The :class:`Templates` this cleaner drops template lines with, or
    /// None.
    #[getter]
    fn templates(&self, py: Python<'_>) -> Option<Py<PyTemplates>> {
        self.templates.as_ref().map(|(t, _)| t.clone_ref(py))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let config = self.config(py)?;
        let mut parts = Vec::new();
        for (k, v) in config.iter() {
            parts.push(format!("{}={}", k.str()?, v.repr()?));
        }
        Ok(format!("Cleaner({})", parts.join(", ")))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCleaner>().is_ok_and(|o| {
            let o = o.get();
            let same_templates = match (&o.templates, &self.templates) {
                (None, None) => true,
                (Some((_, a)), Some((_, b))) => same_stats(a, b),
                _ => false,
            };
            o.cleaner.config() == self.cleaner.config()
                && o.threads == self.threads
                && same_templates
        })
    }

    /// Pickle support (Spark, Ray and datatrove ship cleaners to workers):
    /// a cleaner is rebuilt from its options (its templates travel as
    /// their bytes).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rebuild = py.import("deboil._deboil")?.getattr("_rebuild_cleaner")?;
        let args = PyTuple::new(py, [self.config(py)?])?;
        PyTuple::new(py, [rebuild, args.into_any()])
    }
}

/// Rebuild a `Cleaner` from its `config` dict (used by pickle).
#[pyfunction(name = "_rebuild_cleaner")]
fn rebuild_cleaner<'py>(
    py: Python<'py>,
    config: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    py.get_type::<PyCleaner>().call((), Some(config))
}

/// deboil's Rust core: `Cleaner`, `Templates`, `url_host`. Import them from
/// `deboil`.
#[pymodule]
fn _deboil(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_class::<PyTemplates>()?;
    m.add_function(wrap_pyfunction!(rebuild_cleaner, m)?)?;
    m.add_function(wrap_pyfunction!(rebuild_templates, m)?)?;
    m.add_function(wrap_pyfunction!(py_url_host, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)?;
    m.add("DEFAULT_MAX_DOCUMENT_LINES", DEFAULT_MAX_DOCUMENT_LINES)?;
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    m.add("LABELS", PyTuple::new(m.py(), labels)?)?;
    let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
    m.add("STAGES", PyTuple::new(m.py(), stages)?)?;
    Ok(())
}
