//! Stage 5c: the main text block.
//!
//! The decisive signal for a line-level cleaner is *where the article is*
//! (FIELD.md §8: share of words in long lines, distance to the longest
//! line, words nearby). This stage finds the contiguous run of lines that
//! maximises kept words minus a cost per dropped line — the maximum-subarray
//! formulation of Finn et al.'s Body Text Extraction (2001), solved with
//! Kadane's algorithm in one linear pass — and a *terminator*: a comments or
//! end-of-article cue after enough article text, after which nothing is kept
//! (boilerpipe's TerminatingBlocksFinder, FIELD.md §2.2).

use crate::score::Class;

/// Cost, in words, of a dropped line inside the main block. A block may
/// bridge a gap of dropped lines (an inline ad, a caption, a "Read also"
/// link) when the text on both sides outweighs it: 8 words per line lets two
/// 40-word paragraphs bridge up to ten dropped lines.
pub const DROPPED_LINE_COST: f32 = 8.0;

/// A comments cue ends the article only on a short line ("12 comments",
/// "{ 2 comments… read them below or add one }").
pub const TERMINATOR_MAX_WORDS: u32 = 12;

/// Lines kept by the fallback get the content label from this many words
/// on (heading below).
pub const FALLBACK_CONTENT_WORDS: u32 = 10;

/// Lines after a comments cue inspected for the rhythm of a comment
/// section (see `comment_signs` in `clean.rs`).
pub const RHYTHM_WINDOW: usize = 12;

/// Lines after a comments cue searched for comment headers with dates.
pub const DATES_WINDOW: usize = 30;

/// Lines after a counted comments cue searched for the same footer under
/// the next post of a blog index (see `recurring_footer` in `clean.rs`):
/// blog index posts in the dev sets run 5–40 lines, footer to footer; 80
/// leaves room for a long post without reaching far into a page.
pub const FOOTER_WINDOW: usize = 80;

/// Comment headers with dates needed in [`DATES_WINDOW`].
pub const MIN_DATE_LINES: usize = 3;

/// Dated lines within [`RHYTHM_WINDOW`] lines after a comments cue that
/// make it a comment section even when a date comes first (a blog index has
/// one date per post, a comment section one per comment).
pub const MIN_DATED_COMMENTS: usize = 4;

/// Most words of a comment header line ("Matt Jaycox | November 9, 2012
/// 12:13 AM | Reply").
pub const DATE_LINE_MAX_WORDS: u32 = 15;

/// Heading-like lines directly above the block that join it (a title and a
/// byline or subtitle); the context pass then decides them like any other
/// short line.
pub const MAX_LEAD_HEADINGS: usize = 2;

/// A title joined to the block has at least this many words: one-word
/// lines above an article are section labels and datelines ("PARIS").
pub const LEAD_MIN_WORDS: u32 = 3;

/// How many non-blank, non-metadata lines above the block are searched for
/// its title.
pub const LEAD_WINDOW: usize = 3;

/// How many metadata lines (dates, credits, share buttons, a caption) the
/// title search steps over: they often sit between a title and the first
/// paragraph.
pub const LEAD_MAX_METADATA: usize = 10;

/// Words of kept text before a terminator counts: a "Comments" link in a top
/// menu is not the end of the article.
pub const TERMINATOR_MIN_WORDS: u32 = 60;

/// Cost, in words, of a short line (not yet resolved by context) inside the
/// block: a run of forty one-word menu items costs as much as a paragraph.
pub const SHORT_LINE_COST: f32 = 1.5;

/// Sentences right after the block that join it as the article's last
/// lines (see `closing_sentence` in `clean.rs`).
pub const TAIL_MAX_LINES: usize = 2;

/// Fewest words of a closing sentence: "Thanks!" and "Read more." are not.
pub const TAIL_MIN_WORDS: u32 = 4;

/// One line as the block finder sees it.
#[derive(Clone, Copy, Debug)]
pub struct BlockLine {
    /// The line's context-free class.
    pub class: Class,
    /// Words on the line.
    pub words: u32,
}

fn value(l: &BlockLine) -> f32 {
    match l.class {
        Class::Blank => 0.0,
        Class::Good => l.words.max(1) as f32,
        Class::NearGood => l.words.max(1) as f32 / 2.0,
        Class::Short => -SHORT_LINE_COST,
        Class::Bad => -DROPPED_LINE_COST,
    }
}

/// The best block as a half-open line range, or `None` when nothing is kept.
/// Ties go to the earliest block. Linear time, constant space.
pub fn best_block(lines: &[BlockLine]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut run = 0.0f32;
    let mut start = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.class == Class::Blank {
            continue;
        }
        let v = value(l);
        if run <= 0.0 {
            run = 0.0;
            start = i;
        }
        run += v;
        if v > 0.0 && best.is_none_or(|(b, _, _)| run > b) {
            best = Some((run, start, i + 1));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(spec: &[(bool, u32)]) -> Vec<BlockLine> {
        spec.iter()
            .map(|&(kept, words)| BlockLine {
                class: if kept { Class::Good } else { Class::Bad },
                words,
            })
            .collect()
    }

    #[test]
    fn picks_the_heaviest_run() {
        // nav, short kept teaser, nav x3, article (3 paragraphs), nav.
        let l = lines(&[
            (false, 2),
            (true, 5),
            (false, 1),
            (false, 1),
            (false, 1),
            (true, 40),
            (true, 50),
            (true, 30),
            (false, 3),
        ]);
        assert_eq!(best_block(&l), Some((5, 8)));
    }

    #[test]
    fn bridges_a_small_gap() {
        let l = lines(&[(true, 40), (false, 3), (true, 40)]);
        assert_eq!(best_block(&l), Some((0, 3)));
        // A gap too wide for the text on one side.
        let l = lines(&[(true, 5), (false, 1), (false, 1), (true, 60)]);
        assert_eq!(best_block(&l), Some((3, 4)));
    }

    #[test]
    fn nothing_kept_no_block() {
        assert_eq!(best_block(&lines(&[(false, 3), (false, 9)])), None);
        assert_eq!(best_block(&[]), None);
    }
}
