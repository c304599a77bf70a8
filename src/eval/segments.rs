//! Scoring against snippet annotations (segment sets), exactly as
//! `score_segments.py` does: the output and every snippet are
//! whitespace-normalised ([`normalize_whitespace`]) and a snippet is present
//! when it is a case-sensitive substring of the normalised output.
//!
//! `with` snippets (main text) present are true positives, absent ones
//! false negatives; `without` snippets (boilerplate) present are false
//! positives, absent ones true negatives. Counts are summed over documents
//! before the ratios are taken (micro average).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::text::{decode_lossy, normalize_whitespace, py_words};

/// One document's annotations (`<id>.segments.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct Segments {
    /// Snippets of the main text a correct output must contain.
    #[serde(default)]
    pub with: Vec<String>,
    /// Snippets of boilerplate a correct output must not contain.
    #[serde(default)]
    pub without: Vec<String>,
    /// The document's language guess (ISO 639-1), when annotated.
    #[serde(default)]
    pub lang: Option<String>,
}

/// Which snippets an output contains.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SegmentMatch {
    /// For each `with` snippet, whether the output contains it.
    pub found_with: Vec<bool>,
    /// For each `without` snippet, whether the output contains it.
    pub found_without: Vec<bool>,
}

impl SegmentMatch {
    /// Match `output` (raw text, any line structure) against `segments`
    /// (`score_segments.py`'s `count_doc`).
    ///
    /// ```
    /// use deboil::eval::segments::{SegmentMatch, Segments};
    /// let seg = Segments {
    ///     with: vec!["quick  brown\nfox".into(), "Lazy dog".into()],
    ///     without: vec!["Home".into()],
    ///     lang: None,
    /// };
    /// let m = SegmentMatch::of(&seg, "The quick brown\n  fox jumps over the lazy dog.\n");
    /// assert_eq!(m.found_with, [true, false]); // case-sensitive: "Lazy" ≠ "lazy"
    /// assert_eq!(m.found_without, [false]);
    /// let c = m.counts();
    /// assert_eq!((c.tp, c.fn_, c.fp, c.tn), (1, 1, 0, 1));
    /// ```
    pub fn of(segments: &Segments, output: &str) -> SegmentMatch {
        let out = normalize_whitespace(output);
        let found = |s: &String| out.contains(normalize_whitespace(s).as_str());
        SegmentMatch {
            found_with: segments.with.iter().map(found).collect(),
            found_without: segments.without.iter().map(found).collect(),
        }
    }

    /// The TP/FN/FP/TN counts of this match.
    pub fn counts(&self) -> SegmentCounts {
        let tp = self.found_with.iter().filter(|&&f| f).count() as u64;
        let fp = self.found_without.iter().filter(|&&f| f).count() as u64;
        SegmentCounts {
            tp,
            fn_: self.found_with.len() as u64 - tp,
            fp,
            tn: self.found_without.len() as u64 - fp,
        }
    }
}

/// Snippet counts, of one document or summed over many.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SegmentCounts {
    /// `with` snippets present.
    pub tp: u64,
    /// `with` snippets absent.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// `without` snippets present.
    pub fp: u64,
    /// `without` snippets absent.
    pub tn: u64,
}

/// Precision, recall, F1 and accuracy of snippet counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SegmentRatios {
    /// TP / (TP + FP).
    #[serde(rename = "P")]
    pub precision: f64,
    /// TP / (TP + FN).
    #[serde(rename = "R")]
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    #[serde(rename = "F1")]
    pub f1: f64,
    /// (TP + TN) / all snippets.
    pub accuracy: f64,
}

impl SegmentCounts {
    /// `score_segments.py`'s `ratios`, same operations in the same order.
    ///
    /// ```
    /// use deboil::eval::segments::SegmentCounts;
    /// // TP 3, FN 1, FP 1, TN 5: P = 3/4, R = 3/4, F1 = 3/4, acc = 8/10.
    /// let r = SegmentCounts { tp: 3, fn_: 1, fp: 1, tn: 5 }.ratios();
    /// assert_eq!((r.precision, r.recall, r.f1, r.accuracy), (0.75, 0.75, 0.75, 0.8));
    /// ```
    pub fn ratios(&self) -> SegmentRatios {
        let (tp, fn_, fp, tn) = (self.tp as f64, self.fn_ as f64, self.fp as f64, self.tn as f64);
        let p = if self.tp + self.fp > 0 { tp / (tp + fp) } else { 0.0 };
        let r = if self.tp + self.fn_ > 0 { tp / (tp + fn_) } else { 0.0 };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let total = self.tp + self.fn_ + self.fp + self.tn;
        let accuracy = if total > 0 { (tp + tn) / total as f64 } else { 0.0 };
        SegmentRatios { precision: p, recall: r, f1, accuracy }
    }

    /// The number of snippets counted.
    pub fn total(&self) -> u64 {
        self.tp + self.fn_ + self.fp + self.tn
    }
}

impl std::ops::AddAssign for SegmentCounts {
    fn add_assign(&mut self, o: SegmentCounts) {
        self.tp += o.tp;
        self.fn_ += o.fn_;
        self.fp += o.fp;
        self.tn += o.tn;
    }
}

/// A document's text whitespace-normalised as a whole, remembering which
/// part of the normalised text each input line became, so that a snippet
/// found in it can be traced back to the input lines it spans.
#[derive(Clone, Debug, Default)]
pub struct LineMap {
    text: String,
    lines: Vec<Range<usize>>,
}

impl LineMap {
    /// Build the map from the lines' texts (without terminators).
    ///
    /// ```
    /// use deboil::eval::segments::LineMap;
    /// let map = LineMap::new([&b"Menu"[..], b"", b"The  quick", b"brown fox."]);
    /// assert_eq!(map.text(), "Menu The quick brown fox.");
    /// let hit = map.find("quick brown").unwrap();
    /// assert_eq!(map.lines_in(hit), [2, 3]);
    /// ```
    pub fn new<'a>(lines: impl IntoIterator<Item = &'a [u8]>) -> LineMap {
        let mut map = LineMap::default();
        for line in lines {
            let line = decode_lossy(line);
            let start = map.text.len();
            let mut first = true;
            for word in py_words(&line) {
                if !map.text.is_empty() {
                    map.text.push(' ');
                }
                if first {
                    map.lines.push(map.text.len()..map.text.len());
                    first = false;
                }
                map.text.push_str(word);
            }
            if first {
                map.lines.push(start..start);
            } else if let Some(r) = map.lines.last_mut() {
                r.end = map.text.len();
            }
        }
        map
    }

    /// The normalised text (`" ".join(text.split())`).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte range of the first occurrence of the normalised `snippet`
    /// in the normalised text.
    pub fn find(&self, snippet: &str) -> Option<Range<usize>> {
        let s = normalize_whitespace(snippet);
        self.text.find(&s).map(|at| at..at + s.len())
    }

    /// Every non-overlapping occurrence of the normalised `snippet`, in order.
    pub fn find_all(&self, snippet: &str) -> Vec<Range<usize>> {
        let s = normalize_whitespace(snippet);
        if s.is_empty() {
            return Vec::new();
        }
        self.text.match_indices(&s).map(|(at, m)| at..at + m.len()).collect()
    }

    /// Indices (0-based) of the lines that have text inside `range`.
    pub fn lines_in(&self, range: Range<usize>) -> Vec<usize> {
        // Line ranges are sorted and disjoint; empty ones (blank lines) are
        // never part of a match.
        let first = self.lines.partition_point(|r| r.end <= range.start);
        (first..self.lines.len())
            .take_while(|&i| self.lines[i].start < range.end)
            .filter(|&i| !self.lines[i].is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(with: &[&str], without: &[&str]) -> Segments {
        Segments {
            with: with.iter().map(|s| s.to_string()).collect(),
            without: without.iter().map(|s| s.to_string()).collect(),
            lang: None,
        }
    }

    #[test]
    fn whitespace_normalised_on_both_sides() {
        // The snippet's tab/newline and the output's line break collapse.
        let s = seg(&["first\tsentence  here", "second one"], &[]);
        let m = SegmentMatch::of(&s, "  first\nsentence here\n\nsecond\u{a0}one\n");
        assert_eq!(m.found_with, [true, true]);
    }

    #[test]
    fn case_sensitive_and_split_lines() {
        // "Home" is not "home"; a snippet across two lines is only found
        // when both are present next to each other.
        let s = seg(&["alpha beta"], &["home"]);
        assert_eq!(
            SegmentMatch::of(&s, "Home\nalpha\nbeta\n").counts(),
            SegmentCounts { tp: 1, fn_: 0, fp: 0, tn: 1 }
        );
        assert_eq!(
            SegmentMatch::of(&s, "alpha\ngamma\nbeta home\n").counts(),
            SegmentCounts { tp: 0, fn_: 1, fp: 1, tn: 0 }
        );
    }

    #[test]
    fn empty_output_and_empty_snippet() {
        // Empty output: every with snippet missed, every without absent.
        let s = seg(&["a", "b"], &["c"]);
        let c = SegmentMatch::of(&s, "").counts();
        assert_eq!((c.tp, c.fn_, c.fp, c.tn), (0, 2, 0, 1));
        let r = c.ratios();
        // P has no denominator → 0; R = 0; F1 0; accuracy = 1/3.
        assert_eq!((r.precision, r.recall, r.f1), (0.0, 0.0, 0.0));
        assert!((r.accuracy - 1.0 / 3.0).abs() < 1e-15);
        // Python's `"" in out` is always true.
        let s = seg(&["  "], &[]);
        assert_eq!(SegmentMatch::of(&s, "").found_with, [true]);
    }

    #[test]
    fn summed_counts() {
        // doc1: tp 2 fn 0 fp 1 tn 1; doc2: tp 0 fn 2 fp 0 tn 2.
        // Sum: tp 2 fn 2 fp 1 tn 3 → P 2/3, R 1/2, F1 = 2*(2/3)(1/2)/(7/6) = 4/7,
        // accuracy 5/8.
        let mut c = SegmentCounts { tp: 2, fn_: 0, fp: 1, tn: 1 };
        c += SegmentCounts { tp: 0, fn_: 2, fp: 0, tn: 2 };
        let r = c.ratios();
        assert!((r.precision - 2.0 / 3.0).abs() < 1e-15);
        assert_eq!((r.recall, r.accuracy), (0.5, 0.625));
        assert!((r.f1 - 4.0 / 7.0).abs() < 1e-15);
    }

    #[test]
    fn line_map_traces_snippets_to_lines() {
        let map = LineMap::new([&b"  Nav  "[..], b"\t", b"Body one", b"two", b"Foot"]);
        assert_eq!(map.text(), "Nav Body one two Foot");
        // "one two" spans lines 2 and 3; "Nav" is line 0 alone; a part of
        // a word still names its line.
        assert_eq!(map.lines_in(map.find("one\ntwo").unwrap()), [2, 3]);
        assert_eq!(map.lines_in(map.find("Nav").unwrap()), [0]);
        assert_eq!(map.lines_in(map.find("oot").unwrap()), [4]);
        assert_eq!(map.find("absent"), None);
        let map = LineMap::new([&b"x y"[..], b"x y"]);
        assert_eq!(map.find_all("x y"), [0..3, 4..7]);
    }
}
