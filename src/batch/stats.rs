//! Counters of a batch run ([`Stats`], merged with `+=`) and the final
//! [`Summary`].

use std::fmt;
use std::ops::AddAssign;
use std::time::Duration;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::BatchError;
use crate::Label;

/// A count per [`Label`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelCounts([u64; Label::ALL.len()]);

impl Default for LabelCounts {
    fn default() -> LabelCounts {
        LabelCounts([0; Label::ALL.len()])
    }
}

impl LabelCounts {
    fn index(label: Label) -> usize {
        let i = label as usize;
        if Label::ALL.get(i) == Some(&label) {
            i
        } else {
            Label::ALL.iter().position(|&l| l == label).unwrap_or(Label::ALL.len() - 1)
        }
    }

    /// Add one for `label`.
    #[inline]
    pub fn add(&mut self, label: Label) {
        self.0[LabelCounts::index(label)] += 1;
    }

    /// The count for `label`.
    pub fn get(&self, label: Label) -> u64 {
        self.0[LabelCounts::index(label)]
    }

    /// Labels with a non-zero count, with their counts, in [`Label::ALL`]
    /// order.
    pub fn nonzero(&self) -> impl Iterator<Item = (Label, u64)> + '_ {
        Label::ALL.iter().map(|&l| (l, self.get(l))).filter(|&(_, n)| n > 0)
    }
}

impl AddAssign for LabelCounts {
    fn add_assign(&mut self, other: LabelCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

impl Serialize for LabelCounts {
    /// As a map from every label's name to its count.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(Label::ALL.len()))?;
        for l in Label::ALL {
            map.serialize_entry(l.as_str(), &self.get(l))?;
        }
        map.end()
    }
}

/// Totals of a batch run, or of part of one. Merge with `+=`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Input files read (stdin counts as one).
    pub files: u64,
    /// Input files skipped by `resume` because their output was complete.
    pub files_skipped: u64,
    /// Input files with at least one error.
    pub files_failed: u64,
    /// Records read: a text file is one record, a JSONL file one per
    /// non-blank line, a WARC file one per WARC record.
    pub records: u64,
    /// Documents cleaned (text files, JSONL records with a text field, WARC
    /// conversion and plain-text response records).
    pub documents: u64,
    /// Documents left with no text but whitespace.
    pub documents_empty: u64,
    /// Empty documents left out of the output (`drop_empty`).
    pub documents_dropped: u64,
    /// Lines of the documents' text.
    pub lines_in: u64,
    /// Lines kept.
    pub lines_out: u64,
    /// Bytes of the documents' text.
    pub bytes_in: u64,
    /// Bytes of text kept.
    pub bytes_out: u64,
    /// Bytes read from input files as stored (compressed if they are).
    pub input_bytes: u64,
    /// Bytes written to outputs as stored (compressed if they are).
    pub output_bytes: u64,
    /// Errors (bad records, unreadable files…).
    pub errors: u64,
    /// Dropped lines per label.
    pub dropped_lines: LabelCounts,
}

impl Stats {
    /// Share of the documents' text bytes removed, in `0.0..=1.0`.
    pub fn removed_share(&self) -> f64 {
        if self.bytes_in == 0 {
            0.0
        } else {
            1.0 - self.bytes_out as f64 / self.bytes_in as f64
        }
    }
}

impl AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        self.files += o.files;
        self.files_skipped += o.files_skipped;
        self.files_failed += o.files_failed;
        self.records += o.records;
        self.documents += o.documents;
        self.documents_empty += o.documents_empty;
        self.documents_dropped += o.documents_dropped;
        self.lines_in += o.lines_in;
        self.lines_out += o.lines_out;
        self.bytes_in += o.bytes_in;
        self.bytes_out += o.bytes_out;
        self.input_bytes += o.input_bytes;
        self.output_bytes += o.output_bytes;
        self.errors += o.errors;
        self.dropped_lines += o.dropped_lines;
    }
}

impl AddAssign<&Stats> for Stats {
    fn add_assign(&mut self, o: &Stats) {
        *self += o.clone();
    }
}

/// At most this many failures are listed in a [`Summary`]; the rest are
/// counted.
pub const MAX_LISTED_FAILURES: usize = 1000;

/// The outcome of a batch run: totals, failures, time.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Totals.
    pub stats: Stats,
    /// The first [`MAX_LISTED_FAILURES`] failures, in input order.
    pub failures: Vec<BatchError>,
    /// Failures beyond those listed.
    pub failures_omitted: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// Whether the run was cancelled before the end.
    pub interrupted: bool,
}

impl Summary {
    /// Whether anything failed.
    pub fn failed(&self) -> bool {
        self.stats.errors > 0
    }

    /// Input bytes (as stored) per second, in MB (10^6 bytes).
    pub fn input_mb_per_s(&self) -> f64 {
        mb_per_s(self.stats.input_bytes, self.elapsed)
    }

    /// Document text bytes per second, in MB (10^6 bytes).
    pub fn text_mb_per_s(&self) -> f64 {
        mb_per_s(self.stats.bytes_in, self.elapsed)
    }

    /// Documents per second.
    pub fn documents_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.stats.documents as f64 / s
        } else {
            0.0
        }
    }

    pub(crate) fn add_failure(&mut self, e: BatchError) {
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(e);
        } else {
            self.failures_omitted += 1;
        }
    }

    /// The summary as a JSON object (for `--report`).
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Failure<'a> {
            file: Option<&'a str>,
            record: Option<u64>,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            #[serde(flatten)]
            stats: &'a Stats,
            removed_share: f64,
            elapsed_secs: f64,
            input_mb_per_s: f64,
            text_mb_per_s: f64,
            documents_per_s: f64,
            interrupted: bool,
            failures: Vec<Failure<'a>>,
            failures_omitted: u64,
        }
        let report = Report {
            stats: &self.stats,
            removed_share: self.stats.removed_share(),
            elapsed_secs: self.elapsed.as_secs_f64(),
            input_mb_per_s: self.input_mb_per_s(),
            text_mb_per_s: self.text_mb_per_s(),
            documents_per_s: self.documents_per_s(),
            interrupted: self.interrupted,
            failures: self
                .failures
                .iter()
                .map(|e| Failure { file: e.file(), record: e.record(), message: e.message() })
                .collect(),
            failures_omitted: self.failures_omitted,
        };
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

fn mb_per_s(bytes: u64, elapsed: Duration) -> f64 {
    let s = elapsed.as_secs_f64();
    if s > 0.0 {
        bytes as f64 / 1e6 / s
    } else {
        0.0
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < UNITS.len() {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

impl fmt::Display for Summary {
    /// A human-readable multi-line summary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.stats;
        write!(f, "files      {} read", s.files)?;
        if s.files_skipped > 0 {
            write!(f, ", {} skipped (complete)", s.files_skipped)?;
        }
        if s.files_failed > 0 {
            write!(f, ", {} with errors", s.files_failed)?;
        }
        writeln!(f)?;
        write!(f, "documents  {} cleaned of {} records", s.documents, s.records)?;
        if s.documents_empty > 0 {
            write!(f, ", {} left empty", s.documents_empty)?;
        }
        if s.documents_dropped > 0 {
            write!(f, ", {} dropped", s.documents_dropped)?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "lines      {} in, {} out, {} dropped",
            s.lines_in,
            s.lines_out,
            s.lines_in - s.lines_out.min(s.lines_in)
        )?;
        writeln!(
            f,
            "text       {} in, {} out, {:.1}% removed",
            human_bytes(s.bytes_in),
            human_bytes(s.bytes_out),
            100.0 * s.removed_share()
        )?;
        writeln!(
            f,
            "files I/O  {} read, {} written",
            human_bytes(s.input_bytes),
            human_bytes(s.output_bytes)
        )?;
        let dropped: Vec<String> =
            s.dropped_lines.nonzero().map(|(l, n)| format!("{l} {n}")).collect();
        if !dropped.is_empty() {
            writeln!(f, "dropped    {}", dropped.join(", "))?;
        }
        writeln!(
            f,
            "time       {:.2} s, {:.1} MB/s read, {:.1} MB/s of text, {:.0} documents/s",
            self.elapsed.as_secs_f64(),
            self.input_mb_per_s(),
            self.text_mb_per_s(),
            self.documents_per_s()
        )?;
        if self.interrupted {
            writeln!(f, "interrupted before the end")?;
        }
        if s.errors > 0 {
            writeln!(f, "errors     {} in {} files", s.errors, s.files_failed)?;
            for e in &self.failures {
                writeln!(f, "  {e}")?;
            }
            if self.failures_omitted > 0 {
                writeln!(f, "  … and {} more", self.failures_omitted)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_assign_merges() {
        let mut a = Stats { documents: 1, bytes_in: 10, ..Stats::default() };
        a.dropped_lines.add(Label::Navigation);
        let mut b = Stats { documents: 2, bytes_in: 5, bytes_out: 3, ..Stats::default() };
        b.dropped_lines.add(Label::Navigation);
        b.dropped_lines.add(Label::Legal);
        a += b;
        assert_eq!((a.documents, a.bytes_in, a.bytes_out), (3, 15, 3));
        assert_eq!(a.dropped_lines.get(Label::Navigation), 2);
        assert_eq!(a.dropped_lines.get(Label::Legal), 1);
        assert_eq!(a.dropped_lines.nonzero().count(), 2);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["dropped_lines"]["navigation"], 2);
        assert_eq!(json["dropped_lines"]["content"], 0);
    }
}
