//! The evaluation's error type: what went wrong, and with which file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An error while loading a labelled set or evaluating one of its
/// documents. Its message always names the file concerned.
#[derive(Debug)]
pub struct EvalError {
    path: PathBuf,
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io { action: &'static str, err: io::Error },
    Json(serde_json::Error),
    Invalid(String),
}

impl EvalError {
    pub(crate) fn io(action: &'static str, path: &Path, err: io::Error) -> EvalError {
        EvalError { path: path.to_owned(), kind: ErrorKind::Io { action, err } }
    }

    pub(crate) fn json(path: &Path, err: serde_json::Error) -> EvalError {
        EvalError { path: path.to_owned(), kind: ErrorKind::Json(err) }
    }

    pub(crate) fn invalid(path: &Path, message: impl Into<String>) -> EvalError {
        EvalError { path: path.to_owned(), kind: ErrorKind::Invalid(message.into()) }
    }

    /// The file or directory the error is about.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.kind {
            ErrorKind::Io { action, err } => write!(f, "cannot {action} {path}: {err}"),
            ErrorKind::Json(err) => write!(f, "{path}: invalid JSON: {err}"),
            ErrorKind::Invalid(msg) => write!(f, "{path}: {msg}"),
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { err, .. } => Some(err),
            ErrorKind::Json(err) => Some(err),
            ErrorKind::Invalid(_) => None,
        }
    }
}
