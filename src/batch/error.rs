//! [`BatchError`]: one failure, naming the file and the record.

use std::fmt;

/// What kind of failure a [`BatchError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The options cannot work (refused output path, bad glob…): nothing was
    /// done.
    Usage,
    /// An input file, or one record of it, could not be read or cleaned.
    Input,
    /// An output could not be written.
    Output,
    /// Standard output was closed by its reader.
    BrokenPipe,
}

/// One failure of a batch run: the file (as the user named it), the record
/// if the failure concerns one, and what went wrong.
///
/// Displays as `shard-03.jsonl.gz: record 1841: missing field "text"`.
/// JSONL records are numbered by line; WARC records by their position in
/// the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchError {
    kind: Kind,
    file: Option<String>,
    record: Option<u64>,
    message: String,
}

impl BatchError {
    pub(crate) fn new(
        kind: Kind,
        file: Option<&str>,
        record: Option<u64>,
        message: impl Into<String>,
    ) -> BatchError {
        BatchError { kind, file: file.map(str::to_owned), record, message: message.into() }
    }

    pub(crate) fn usage(message: impl Into<String>) -> BatchError {
        BatchError::new(Kind::Usage, None, None, message)
    }

    pub(crate) fn input(file: &str, record: Option<u64>, message: impl Into<String>) -> BatchError {
        BatchError::new(Kind::Input, Some(file), record, message)
    }

    pub(crate) fn output(file: &str, message: impl Into<String>) -> BatchError {
        BatchError::new(Kind::Output, Some(file), None, message)
    }

    pub(crate) fn broken_pipe() -> BatchError {
        BatchError::new(Kind::BrokenPipe, None, None, "broken pipe")
    }

    /// The file the error is about, as named on the command line or found
    /// by walking a directory.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The 1-based record number (JSONL line, WARC record), if any.
    pub fn record(&self) -> Option<u64> {
        self.record
    }

    /// The message alone.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the options were unusable and nothing was done (exit code 2).
    pub fn is_usage(&self) -> bool {
        self.kind == Kind::Usage
    }

    /// Whether standard output was closed by its reader (`| head`): the run
    /// should end quietly.
    pub fn is_broken_pipe(&self) -> bool {
        self.kind == Kind::BrokenPipe
    }
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        if let Some(n) = self.record {
            write!(f, "record {n}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for BatchError {}
