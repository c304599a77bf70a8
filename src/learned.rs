//! The inputs of the learned re-scorer experiment (docs/learned.md): one
//! vector of numbers per line, made from the rule pipeline's own signals
//! (its verdict, the line's features, its class, marker, region and
//! main-block membership) and from the line's context (neighbours'
//! verdicts, words nearby, position, distance to the main block and to the
//! longest line).
//!
//! Only computed when asked for ([`crate::Cleaner::clean_with_inputs`], used
//! by `examples/learned.rs` to dump training data); the cleaner's verdicts
//! never depend on them. No model is compiled in: cross-validated, the
//! re-scorer did not beat the rules by a clear margin (docs/learned.md).

use crate::features::LineFeatures;
use crate::markers::MarkerHit;
use crate::score::{self, Class, LineClass};
use crate::verdict::{Label, Rule, Verdict};

/// What the rule pipeline knew about one line, besides its verdict.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trace {
    /// Context-free class and rule.
    pub cf: LineClass,
    /// Marker on the line.
    pub marker: Option<MarkerHit>,
    /// Inside a boilerplate region.
    pub region: bool,
    /// Outside the main block (`Some(Outside)`) or after a terminator
    /// (`Some(Region)`).
    pub outside: Option<Rule>,
    /// Title/lead line joined to the main block.
    pub lead: bool,
    /// Heading-like, list-like, prose, paired (from the region pass).
    pub heading_like: bool,
    /// See `heading_like`.
    pub list_like: bool,
    /// See `heading_like`.
    pub prose: bool,
    /// See `heading_like`.
    pub paired: bool,
    /// A repeat of an earlier line.
    pub repeat: bool,
}

/// Number of rule kinds one-hot encoded (see [`rule_index`]).
const N_RULES: usize = 13;
/// Number of marker kinds.
const N_MARKERS: usize = 20;

/// The input names, in order (the training script reads them from the dump).
pub const INPUT_NAMES: &[&str] = &[
    // document
    "d_lines",
    "d_words",
    "d_long_share",
    "d_kept_words_share",
    "d_kept_lines_share",
    "d_has_block",
    // line
    "chars",
    "words",
    "eff_len",
    "stop_density",
    "stopwords",
    "upper_ratio",
    "digit_ratio",
    "punct_ratio",
    "number_ratio",
    "cap_ratio",
    "longest_word",
    "terminal",
    "colon_end",
    "bullet",
    "numbered",
    "timestamp",
    "has_date",
    "url",
    "code",
    "separators",
    "indent",
    // pipeline
    "keep",
    "score",
    "cf_good",
    "cf_near",
    "cf_short",
    "cf_bad",
    "cf_shape_bad",
    "marker",
    "marker_drops",
    "region",
    "outside",
    "after_terminator",
    "lead",
    "heading_like",
    "list_like",
    "prose",
    "paired",
    "repeat",
    // position and context
    "rel_pos",
    "in_block",
    "before_block",
    "after_block",
    "dist_block",
    "dist_longest",
    "before_first_long",
    "after_last_long",
    "words_pm1",
    "words_pm2",
    "words_pm5",
    "kept_pm1",
    "kept_pm2",
    "kept_pm5",
    "score_pm2",
    "prev_keep",
    "next_keep",
    "prev_words",
    "next_words",
    "prev_terminal",
    "next_terminal",
    "blank_before",
    "blank_after",
    "dist_kept",
    "run_words",
    "run_lines",
    // one-hot: final rule, final label, marker kind (appended below)
];

/// Number of inputs per line.
pub const N_INPUTS: usize = 71 + N_RULES + 18 + N_MARKERS;

/// The name of input `k` (including the one-hot groups).
pub fn input_name(k: usize) -> String {
    let base = INPUT_NAMES.len();
    if k < base {
        INPUT_NAMES[k].to_owned()
    } else if k < base + N_RULES {
        format!("rule_{}", RULE_NAMES[k - base])
    } else if k < base + N_RULES + 18 {
        format!("label_{}", Label::ALL[k - base - N_RULES].as_str())
    } else {
        format!("marker_{}", k - base - N_RULES - 18)
    }
}

const RULE_NAMES: [&str; N_RULES] = [
    "blank",
    "line-score",
    "context",
    "marker",
    "shape",
    "region",
    "repeat",
    "script",
    "title",
    "fallback",
    "outside",
    "limit",
    "template",
];

fn rule_index(r: Rule) -> usize {
    match r {
        Rule::Blank => 0,
        Rule::LineScore => 1,
        Rule::Context => 2,
        Rule::Marker => 3,
        Rule::Shape => 4,
        Rule::Region { .. } => 5,
        Rule::Repeat { .. } => 6,
        Rule::Script => 7,
        Rule::Title => 8,
        Rule::Fallback => 9,
        Rule::Outside => 10,
        Rule::Limit => 11,
        Rule::Template { .. } => 12,
    }
}

fn label_index(l: Label) -> usize {
    Label::ALL.iter().position(|&x| x == l).unwrap_or(0)
}

#[inline]
fn ln1p(x: f32) -> f32 {
    x.ln_1p()
}

#[inline]
fn ratio(a: u32, b: u32) -> f32 {
    if b == 0 {
        0.0
    } else {
        a as f32 / b as f32
    }
}

fn b(x: bool) -> f32 {
    if x {
        1.0
    } else {
        0.0
    }
}

/// A line of at least this many words is "long" (FIELD.md §8).
const LONG_LINE_WORDS: u32 = 20;

/// Compute the inputs of every line into `out` (one row per verdict; blank
/// lines get a row of zeros and are never re-scored). `block` is the main
/// block's line range (lead lines included), when there is one.
pub(crate) fn inputs(
    verdicts: &[Verdict],
    traces: &[Trace],
    block: Option<(usize, usize)>,
    out: &mut Vec<[f32; N_INPUTS]>,
) {
    let n = traces.len().min(verdicts.len());
    out.clear();
    out.resize(verdicts.len(), [0.0; N_INPUTS]);
    // Non-blank lines, in order.
    let nb: Vec<usize> = (0..n).filter(|&i| !verdicts[i].features.blank).collect();
    let m = nb.len();
    if m == 0 {
        return;
    }
    let f = |k: usize| -> &LineFeatures { &verdicts[nb[k]].features };
    let keep = |k: usize| verdicts[nb[k]].keep;
    let total_words: u32 = (0..m).map(|k| f(k).words).sum();
    let long_words: u32 =
        (0..m).filter(|&k| f(k).words >= LONG_LINE_WORDS).map(|k| f(k).words).sum();
    let kept_words: u32 = (0..m).filter(|&k| keep(k)).map(|k| f(k).words).sum();
    let kept_lines = (0..m).filter(|&k| keep(k)).count() as u32;
    let longest = (0..m).max_by(|&a, &c| f(a).words.cmp(&f(c).words).then(c.cmp(&a))).unwrap_or(0);
    let first_long = (0..m).find(|&k| f(k).words >= LONG_LINE_WORDS);
    let last_long = (0..m).rev().find(|&k| f(k).words >= LONG_LINE_WORDS);
    // Block bounds in non-blank positions.
    let block_nb = block.map(|(s, e)| {
        let s = nb.partition_point(|&i| i < s);
        let e = nb.partition_point(|&i| i < e);
        (s, e)
    });
    // Prefix sums over non-blank lines.
    let mut pw = vec![0.0f64; m + 1];
    let mut pk = vec![0.0f64; m + 1];
    let mut ps = vec![0.0f64; m + 1];
    for k in 0..m {
        pw[k + 1] = pw[k] + f(k).words as f64;
        pk[k + 1] = pk[k] + b(keep(k)) as f64;
        ps[k + 1] = ps[k] + verdicts[nb[k]].score.clamp(-10.0, 10.0) as f64;
    }
    let window = |p: &[f64], k: usize, r: usize, self_in: bool| -> (f32, f32) {
        let lo = k.saturating_sub(r);
        let hi = (k + r + 1).min(m);
        let mut sum = p[hi] - p[lo];
        let mut cnt = (hi - lo) as f64;
        if !self_in {
            sum -= p[k + 1] - p[k];
            cnt -= 1.0;
        }
        (sum as f32, if cnt > 0.0 { (sum / cnt) as f32 } else { 0.0 })
    };
    // Distance to the nearest kept line (in non-blank lines).
    let mut dist_kept = vec![m as f32; m];
    let mut last = None;
    for (k, d) in dist_kept.iter_mut().enumerate() {
        if keep(k) {
            last = Some(k);
        }
        if let Some(l) = last {
            *d = (k - l) as f32;
        }
    }
    let mut last = None;
    for (k, d) in dist_kept.iter_mut().enumerate().rev() {
        if keep(k) {
            last = Some(k);
        }
        if let Some(l) = last {
            *d = d.min((l - k) as f32);
        }
    }
    // Runs of equal keep verdicts: words and lines of each.
    let mut run_words = vec![0.0f32; m];
    let mut run_lines = vec![0.0f32; m];
    let mut k = 0;
    while k < m {
        let mut e = k;
        let mut w = 0u32;
        while e < m && keep(e) == keep(k) {
            w += f(e).words;
            e += 1;
        }
        for r in k..e {
            run_words[r] = ln1p(w as f32);
            run_lines[r] = ln1p((e - k) as f32);
        }
        k = e;
    }
    let denom = (m.max(2) - 1) as f32;
    for k in 0..m {
        let i = nb[k];
        let v = &verdicts[i];
        let t = &traces[i];
        let fe = &v.features;
        let row = &mut out[i];
        let mut j = 0;
        let mut put = |x: f32| {
            row[j] = x;
            j += 1;
        };
        // document
        put(ln1p(m as f32));
        put(ln1p(total_words as f32));
        put(ratio(long_words, total_words));
        put(ratio(kept_words, total_words));
        put(ratio(kept_lines, m as u32));
        put(b(block_nb.is_some()));
        // line
        put(ln1p(fe.chars as f32));
        put(ln1p(fe.words as f32));
        put(ln1p(score::effective_length(fe)));
        put(score::stop_density(fe));
        put(ln1p(fe.stopwords as f32));
        put(ratio(fe.upper, fe.letters));
        put(ratio(fe.digits, fe.chars));
        put(ratio(fe.punct, fe.chars));
        put(ratio(fe.numbers, fe.words));
        put(ratio(fe.capitalised, fe.words));
        put(fe.longest_word.min(40) as f32);
        put(b(fe.terminal));
        put(b(fe.colon_end));
        put(b(fe.bullet));
        put(b(fe.numbered));
        put(b(fe.timestamp));
        put(b(fe.has_date));
        put(b(fe.url));
        put(b(fe.code));
        put(fe.separators.min(10) as f32);
        put(b(fe.indent > 0));
        // pipeline
        put(b(v.keep));
        put(v.score.clamp(-10.0, 10.0));
        put(b(t.cf.class == Class::Good));
        put(b(t.cf.class == Class::NearGood));
        put(b(t.cf.class == Class::Short));
        put(b(t.cf.class == Class::Bad));
        put(b(t.cf.class == Class::Bad && t.cf.rule != Rule::LineScore));
        put(b(t.marker.is_some()));
        put(b(t.marker.is_some_and(|h| score::marker_drops(h, fe))));
        put(b(t.region));
        put(b(t.outside == Some(Rule::Outside)));
        put(b(matches!(t.outside, Some(Rule::Region { .. }))));
        put(b(t.lead));
        put(b(t.heading_like));
        put(b(t.list_like));
        put(b(t.prose));
        put(b(t.paired));
        put(b(t.repeat));
        // position and context
        put(k as f32 / denom);
        let (in_block, before, after, dist) = match block_nb {
            Some((s, _)) if k < s => (false, true, false, (s - k) as f32),
            Some((_, e)) if k >= e => (false, false, true, (k + 1 - e) as f32),
            Some(_) => (true, false, false, 0.0),
            None => (false, false, false, m as f32),
        };
        put(b(in_block));
        put(b(before));
        put(b(after));
        put(ln1p(dist));
        put(ln1p(k.abs_diff(longest) as f32));
        put(b(first_long.is_none_or(|x| k < x)));
        put(b(last_long.is_none_or(|x| k > x)));
        put(ln1p(window(&pw, k, 1, false).0));
        put(ln1p(window(&pw, k, 2, false).0));
        put(ln1p(window(&pw, k, 5, false).0));
        put(window(&pk, k, 1, false).1);
        put(window(&pk, k, 2, false).1);
        put(window(&pk, k, 5, false).1);
        put(window(&ps, k, 2, false).1 / 10.0);
        put(if k > 0 { b(keep(k - 1)) } else { -1.0 });
        put(if k + 1 < m { b(keep(k + 1)) } else { -1.0 });
        put(if k > 0 { ln1p(f(k - 1).words as f32) } else { 0.0 });
        put(if k + 1 < m { ln1p(f(k + 1).words as f32) } else { 0.0 });
        put(if k > 0 { b(f(k - 1).terminal) } else { 0.0 });
        put(if k + 1 < m { b(f(k + 1).terminal) } else { 0.0 });
        put(b(i > 0 && verdicts[i - 1].features.blank));
        put(b(i + 1 < verdicts.len() && verdicts[i + 1].features.blank));
        put(ln1p(dist_kept[k]));
        put(run_words[k]);
        put(run_lines[k]);
        debug_assert_eq!(j, INPUT_NAMES.len());
        let base = INPUT_NAMES.len();
        row[base + rule_index(v.rule)] = 1.0;
        row[base + N_RULES + label_index(v.label)] = 1.0;
        if let Some(h) = t.marker {
            row[base + N_RULES + 18 + h.kind as usize] = 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cleaner, Config};

    #[test]
    fn one_row_per_line_and_names_for_every_input() {
        assert_eq!(N_INPUTS, INPUT_NAMES.len() + N_RULES + Label::ALL.len() + N_MARKERS);
        let names: Vec<String> = (0..N_INPUTS).map(input_name).collect();
        let mut uniq = names.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(uniq.len(), names.len());
        let page = "Home\n\nThe council approved the new budget on Tuesday after a long debate \
            about school funding, which had divided the members of the council for months.\n\
            Share this\n";
        let c = Cleaner::new(Config::default());
        let (cleaned, rows) = c.clean_with_inputs(page.as_bytes());
        assert_eq!(rows.len(), cleaned.verdicts().len());
        let keep = INPUT_NAMES.iter().position(|&n| n == "keep").unwrap();
        for (v, r) in cleaned.verdicts().iter().zip(&rows) {
            if v.features.blank {
                assert!(r.iter().all(|&x| x == 0.0));
            } else {
                assert_eq!(r[keep] == 1.0, v.keep);
            }
        }
        // Asking for the inputs changes no verdict.
        let plain = c.clean(page.as_bytes());
        assert!(plain.verdicts().iter().zip(cleaned.verdicts()).all(|(a, b)| a.keep == b.keep));
    }
}
