//! # deboil
//!
//! Strips boilerplate from plain text scraped from the web: navigation and
//! section labels, "latest news" and "recommended" lists of unrelated
//! headlines, timestamps, titles printed twice, photo captions and credits,
//! share/subscribe/cookie lines, theme strings and template leaks. What comes
//! out is the article: its lines byte-for-byte as they were, nothing invented.
//!
//! ```
//! use deboil::{Cleaner, Config};
//! let cleaner = Cleaner::new(Config::default());
//! let cleaned = cleaner.clean(b"Home\nMenu\n");
//! assert_eq!(cleaned.verdicts().len(), 2);
//! ```
//!
//! ## Pipeline
//!
//! 1. [`lines`]: split on `\n`, `\r\n` and lone `\r` with memchr, no copies.
//! 2. [`features`]: per-line characters, words, stopwords, punctuation, case,
//!    digits, list and timestamp shape, URL and code shape.
//! 3. `markers`: marker phrases in one aho-corasick pass.
//! 4. [`lang`]: the document's language and stoplist; script islands.
//! 5. `score` / `context`: a per-line score, then neighbour context.
//! 6. `regions`: boilerplate regions opened by markers, extended by rhythm.
//! 7. `repeats`: repeated lines inside the document.
//! 8. Output: the kept lines in order ([`Cleaned`]).
//!
//! ## Odd input
//!
//! Bytes are bytes: invalid UTF-8 and NUL are counted as symbols, never
//! decoded into replacement characters, and always copied through unchanged
//! if their line is kept. `\n`, `\r\n` and a lone `\r` end lines; the
//! terminator belongs to its line. A missing final newline is kept missing.
//! An empty input has no lines and an empty output.
#![deny(missing_docs)]

pub mod batch;
mod chars;
mod clean;
mod codeblock;
pub mod config;
pub mod context;
pub mod eval;
pub mod features;
pub mod io;
pub mod lang;
#[doc(hidden)]
pub mod learned;
mod linecache;
pub mod lines;
pub mod mainblock;
pub mod markers;
pub mod regions;
pub mod repeats;
pub mod score;
pub mod templates;
#[cfg(test)]
mod testdata;
pub mod timestamp;
mod verdict;

pub use clean::{Cleaned, Cleaner};
pub use config::{
    BlankLines, Config, ConfigBuilder, LanguageChoice, OverLimit, Stage, Strictness, Switch,
};
pub use lang::Lang;
pub use verdict::{Label, Rule, Verdict};
