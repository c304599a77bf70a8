//! Scoring against a full gold text (pair sets): bag-of-words token
//! precision, recall and F1 as `score.py` defines them, and its line oracle.
//!
//! With `O` the output's token multiset and `G` the gold's:
//! `tp = |O ∩ G|`, `P = tp/|O|`, `R = tp/|G|`, `F1 = 2PR/(P+R)`, each 0
//! when its denominator is 0 (so an empty output scores 0).

use serde::Serialize;

use super::text::TokenBag;

/// Share of a line's tokens that must be found in the gold for the line
/// oracle to call it content (`score.py`'s `threshold=0.5`).
pub const ORACLE_THRESHOLD: f64 = 0.5;

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    #[serde(rename = "P")]
    pub precision: f64,
    /// Recall.
    #[serde(rename = "R")]
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    #[serde(rename = "F1")]
    pub f1: f64,
}

impl Prf {
    /// `score.py`'s `ratios(tp, n_out, n_gold)`, with the same floating-point
    /// operations in the same order, so the figures are bit-identical.
    ///
    /// ```
    /// use deboil::eval::pairs::Prf;
    /// // output "a b b c", gold "b c c d": tp 2 of 4 and 4.
    /// let r = Prf::from_counts(2, 4, 4);
    /// assert_eq!((r.precision, r.recall, r.f1), (0.5, 0.5, 0.5));
    /// assert_eq!(Prf::from_counts(0, 0, 7).f1, 0.0);
    /// ```
    pub fn from_counts(tp: u64, n_out: u64, n_gold: u64) -> Prf {
        let p = if n_out > 0 { tp as f64 / n_out as f64 } else { 0.0 };
        let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf { precision: p, recall: r, f1 }
    }
}

/// Token counts of one output against its gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PairCounts {
    /// Tokens of the output also in the gold (multiset overlap).
    pub tp: u64,
    /// Tokens in the output.
    pub n_out: u64,
    /// Tokens in the gold.
    pub n_gold: u64,
}

impl PairCounts {
    /// Count `output` against `gold`.
    pub fn of(output: &TokenBag, gold: &TokenBag) -> PairCounts {
        PairCounts { tp: output.overlap(gold), n_out: output.len(), n_gold: gold.len() }
    }

    /// Count two texts against each other.
    ///
    /// ```
    /// use deboil::eval::pairs::PairCounts;
    /// let c = PairCounts::of_texts("a b b c", "b c c d");
    /// assert_eq!((c.tp, c.n_out, c.n_gold), (2, 4, 4));
    /// ```
    pub fn of_texts(output: &str, gold: &str) -> PairCounts {
        PairCounts::of(&TokenBag::from_text(output), &TokenBag::from_text(gold))
    }

    /// Precision, recall and F1 of these counts.
    pub fn prf(&self) -> Prf {
        Prf::from_counts(self.tp, self.n_out, self.n_gold)
    }
}

impl std::ops::AddAssign for PairCounts {
    fn add_assign(&mut self, o: PairCounts) {
        self.tp += o.tp;
        self.n_out += o.n_out;
        self.n_gold += o.n_gold;
    }
}

/// Token-weighted line counts against the line oracle: every line weighs
/// its number of tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LineCounts {
    /// Tokens on kept lines the oracle calls content.
    pub tp: u64,
    /// Tokens on kept lines the oracle calls boilerplate.
    pub fp: u64,
    /// Tokens on dropped lines the oracle calls content.
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl LineCounts {
    /// Line-level precision, recall and F1.
    pub fn prf(&self) -> Prf {
        Prf::from_counts(self.tp, self.tp + self.fp, self.tp + self.fn_)
    }
}

impl std::ops::AddAssign for LineCounts {
    fn add_assign(&mut self, o: LineCounts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// `score.py`'s line oracle over lines given as token bags: which lines a
/// perfect line-level cleaner keeps.
///
/// Lines are visited longest (in tokens) first, ties in line order; a line
/// is kept when at least [`ORACLE_THRESHOLD`] of its tokens can still be
/// matched in what is left of the gold, and its tokens are then taken out
/// of the gold, so a repeated title or a short navigation line can only
/// claim gold tokens the longer content lines have not already claimed.
/// Lines without tokens are never kept.
///
/// ```
/// use deboil::eval::pairs::oracle_keep_lines;
/// use deboil::eval::text::TokenBag;
/// let lines: Vec<TokenBag> = ["Home", "the cat sat on the mat", "the cat"]
///     .iter().map(|l| TokenBag::from_text(l)).collect();
/// let gold = TokenBag::from_text("The cat sat on the mat.");
/// // The long line claims every gold token; "the cat" then finds none left.
/// assert_eq!(oracle_keep_lines(&lines, &gold), [false, true, false]);
/// ```
pub fn oracle_keep_lines(lines: &[TokenBag], gold: &TokenBag) -> Vec<bool> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(lines[i].len()), i));
    let mut remaining = gold.clone();
    let mut keep = vec![false; lines.len()];
    for i in order {
        let line = &lines[i];
        if line.is_empty() {
            // Sorted longest first: every remaining line is empty too.
            break;
        }
        let matched = line.overlap(&remaining);
        if matched as f64 >= ORACLE_THRESHOLD * line.len() as f64 {
            keep[i] = true;
            remaining.subtract(line);
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(out: &str, gold: &str) -> (u64, u64, u64, f64, f64, f64) {
        let c = PairCounts::of_texts(out, gold);
        let r = c.prf();
        (c.tp, c.n_out, c.n_gold, r.precision, r.recall, r.f1)
    }

    #[test]
    fn hand_computed_cases() {
        // "a b b c" vs "b c c d": overlap {b, c} = 2; P = 2/4, R = 2/4, F1 = .5
        assert_eq!(counts("a b b c", "b c c d"), (2, 4, 4, 0.5, 0.5, 0.5));
        // Output is a subset: "x y" vs "x y z w": P 1, R .5, F1 = 2*.5/1.5 = 2/3
        let (tp, _, _, p, r, f) = counts("x y", "x y z w");
        assert_eq!((tp, p, r), (2, 1.0, 0.5));
        assert!((f - 2.0 / 3.0).abs() < 1e-15);
        // Empty output scores 0 everywhere.
        assert_eq!(counts("", "a b"), (0, 0, 2, 0.0, 0.0, 0.0));
        assert_eq!(counts(" ,.! ", "a b"), (0, 0, 2, 0.0, 0.0, 0.0));
        // No overlap: P = R = 0, F1 0 (no division by zero).
        assert_eq!(counts("a", "b"), (0, 1, 1, 0.0, 0.0, 0.0));
    }

    #[test]
    fn normalisation_applies_to_both_sides() {
        // Full-width "ＳＴＲＡＳＳＥ" → NFKC "STRASSE" → casefold "strasse";
        // gold "Straße" → "strasse": a match. "東京" is two tokens.
        let (tp, n_out, n_gold, p, r, f) = counts("ＳＴＲＡＳＳＥ 東京", "Straße 東");
        assert_eq!((tp, n_out, n_gold, r), (2, 3, 2, 1.0));
        // P = 2/3, F1 = 2 * 2/3 * 1 / (5/3) = 0.8
        assert!((p - 2.0 / 3.0).abs() < 1e-15 && (f - 0.8).abs() < 1e-15);
        // Underscore splits: "foo_bar" is "foo" + "bar".
        assert_eq!(counts("foo_bar", "foo bar"), (2, 2, 2, 1.0, 1.0, 1.0));
        // Digits are tokens; "3.14" is "3" and "14".
        let (tp, n_out, n_gold, p, r, f) = counts("3.14", "3 14 15");
        assert_eq!((tp, n_out, n_gold, p), (2, 2, 3, 1.0));
        // R = 2/3, F1 = 2 * 1 * 2/3 / (5/3) = 0.8
        assert!((r - 2.0 / 3.0).abs() < 1e-15 && (f - 0.8).abs() < 1e-15);
    }

    #[test]
    fn oracle_threshold_and_consumption() {
        let bags = |ls: &[&str]| ls.iter().map(|l| TokenBag::from_text(l)).collect::<Vec<_>>();
        let gold = TokenBag::from_text("one two three four");
        // "one two x y": 2 of 4 found = exactly 50% → content.
        // "one five six": 1 of 3 after nothing claimed "one" yet? The longer
        // line went first and took "one", so 0 of 3 → boilerplate.
        // "" has no tokens → never content.
        let lines = bags(&["one five six", "one two x y", ""]);
        assert_eq!(oracle_keep_lines(&lines, &gold), [false, true, false]);
        // Ties by length go in line order: the first "three four" claims
        // the tokens, the second finds none left.
        let lines = bags(&["three four", "three four"]);
        assert_eq!(oracle_keep_lines(&lines, &gold), [true, false]);
    }

    #[test]
    fn line_counts_prf() {
        // tp 6, fp 2, fn 4: P = 6/8, R = 6/10, F1 = 2*.75*.6/1.35 = 2/3
        let c = LineCounts { tp: 6, fp: 2, fn_: 4 };
        let r = c.prf();
        assert_eq!((r.precision, r.recall), (0.75, 0.6));
        assert!((r.f1 - 2.0 / 3.0).abs() < 1e-12);
    }
}
