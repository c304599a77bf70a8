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

use std::borrow::Cow;
use std::sync::{Arc, Mutex, PoisonError};

use deboil::config::{DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DOCUMENT_LINES};
use deboil::{
    BlankLines, Cleaned, Cleaner, Config, Label, LanguageChoice, OverLimit, Stage, Strictness,
    Switch,
};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
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
///         ``"repeats"``, ``"main-block"``. Default: none.
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
///
/// ``None`` for any option means its default.
///
/// Raises:
///     TypeError: an option of the wrong type.
///     ValueError: an unknown name or a limit below 1.
#[pyclass(module = "deboil", name = "Cleaner", frozen)]
struct PyCleaner {
    cleaner: Cleaner,
    threads: Option<usize>,
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
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        strictness: Option<&Bound<'_, PyAny>>,
        stages_off: Option<&Bound<'_, PyAny>>,
        blank_lines: Option<&Bound<'_, PyAny>>,
        max_document_bytes: Option<&Bound<'_, PyAny>>,
        max_document_lines: Option<&Bound<'_, PyAny>>,
        over_limit: Option<&Bound<'_, PyAny>>,
        language: Option<&Bound<'_, PyAny>>,
        threads: Option<&Bound<'_, PyAny>>,
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
        Ok(PyCleaner { cleaner: Cleaner::new(b.build()), threads, pool: Mutex::new(None) })
    }

    /// Clean one document.
    ///
    /// Args:
    ///     text: the page as plain text, one block per line (``\n``,
    ///         ``\r\n`` or ``\r`` line ends). A ``bytes`` text is cleaned as
    ///         it is (invalid UTF-8 included) and the result is ``bytes``.
    ///
    /// Returns:
    ///     The kept lines, each exactly as in the input (terminator
    ///     included), in order: the same as ``deboil clean`` writes.
    ///
    /// Raises:
    ///     TypeError: ``text`` is not str or bytes.
    ///     UnicodeEncodeError: ``text`` has lone surrogates (not UTF-8).
    fn clean<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let input = text.as_bytes();
        let out = py.detach(|| self.cleaner.clean(input).to_vec());
        Ok(text.wrap(py, &out))
    }

    /// Clean many documents in parallel (the interpreter is released while
    /// they are cleaned, on ``threads`` threads).
    ///
    /// The result equals ``[self.clean(t) for t in texts]``, in order.
    ///
    /// Args:
    ///     texts: an iterable (a list, say) of str or bytes.
    ///
    /// Raises:
    ///     TypeError: ``texts`` is not iterable, or is a single str/bytes,
    ///         or an item is not str or bytes (its index is named).
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = Self::texts(texts, "clean_batch")?;
        let inputs: Vec<&[u8]> = texts.iter().map(Text::as_bytes).collect();
        let pool = self.pool()?;
        let outs: Vec<Vec<u8>> = py.detach(|| {
            pool.install(|| inputs.par_iter().map(|t| self.cleaner.clean(t).to_vec()).collect())
        });
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
    fn clean_with_stats<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let input = text.as_bytes();
        let cleaned = py.detach(|| self.cleaner.clean(input));
        let out = cleaned.to_vec();
        PyTuple::new(py, [text.wrap(py, &out), stats_dict(py, &cleaned)?.into_any()])
    }

    /// ``clean_with_stats`` over many documents, in parallel like
    /// ``clean_batch``: a list of ``(cleaned, stats)`` tuples, in order.
    fn clean_batch_with_stats<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = Self::texts(texts, "clean_batch_with_stats")?;
        let inputs: Vec<&[u8]> = texts.iter().map(Text::as_bytes).collect();
        let pool = self.pool()?;
        let cleaned: Vec<Cleaned<'_>> = py
            .detach(|| pool.install(|| inputs.par_iter().map(|t| self.cleaner.clean(t)).collect()));
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
    ///     like the input).
    fn explain<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = Text::extract(text, || "text".to_owned())?;
        let input = text.as_bytes();
        let cleaned = py.detach(|| self.cleaner.clean(input));
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
        Ok(d)
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
            o.cleaner.config() == self.cleaner.config() && o.threads == self.threads
        })
    }

    /// Pickle support (Spark, Ray and datatrove ship cleaners to workers):
    /// a cleaner is rebuilt from its options.
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

/// deboil's Rust core: `Cleaner`. Import it from `deboil`.
#[pymodule]
fn _deboil(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_function(wrap_pyfunction!(rebuild_cleaner, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEFAULT_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)?;
    m.add("DEFAULT_MAX_DOCUMENT_LINES", DEFAULT_MAX_DOCUMENT_LINES)?;
    let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    m.add("LABELS", PyTuple::new(m.py(), labels)?)?;
    let stages: Vec<&str> = Stage::ALL.iter().map(|s| s.as_str()).collect();
    m.add("STAGES", PyTuple::new(m.py(), stages)?)?;
    Ok(())
}
