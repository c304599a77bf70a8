//! Stage 6: boilerplate regions.
//!
//! A region opens on a strong opener — a "Latest news" / "Recommended" /
//! "Related" heading or a template leak — and extends while the lines keep
//! the rhythm of a list: numbered or bulleted items, headlines without final
//! punctuation, headline + timestamp pairs, a headline printed twice,
//! `SECTION <headline>` teasers, and single teaser sentences between such
//! items. It ends where prose that belongs to the article resumes: a prose
//! line followed by more prose. The one or two heading-like lines right
//! before that prose are handed back (they are the resumed article's title
//! or subheading, not list items). This is boilerpipe's terminating-block
//! idea (FIELD.md §2.2) made local, so a list in the middle of a page does
//! not take the rest of the page with it.

/// What the region pass needs to know about a line.
#[derive(Clone, Copy, Debug, Default)]
pub struct RegionLine {
    /// Blank line: skipped, never decides anything.
    pub blank: bool,
    /// Opens (or continues) a region.
    pub opener: bool,
    /// Has the shape of a list item (headline, timestamp, numbered, paired).
    pub list_like: bool,
    /// Looks like article prose.
    pub prose: bool,
    /// Could be the heading of prose that follows (handed back at the end).
    pub heading_like: bool,
    /// Has a normalised copy within a few lines (headline printed twice).
    pub paired: bool,
}

/// Heading-like lines handed back to the article when a region ends before
/// prose: a title and its copy.
pub const MAX_HANDED_BACK: usize = 2;

/// Most words of a teaser sentence kept inside a region when it is not
/// directly after a paired headline (seed 003's summaries have 25–35).
pub const MAX_TEASER_WORDS: u32 = 45;

/// Mark regions: `out[i]` becomes `Some(opener)` for every non-blank line
/// inside a region (`out` is resized to `lines.len()`). `words[i]` is line
/// i's word count. Teaser sentences are kept inside a region only when its
/// opener is at or after line `teasers_from` (where the article starts): a
/// list above the article is a menu, and prose after it is the article,
/// however list-like its layout (a slideshow's "heading, heading, paragraph"
/// has the rhythm of seed 003's teasers). Linear: every line is visited a
/// bounded number of times.
pub fn find(lines: &[RegionLine], words: &[u32], teasers_from: usize, out: &mut Vec<Option<u32>>) {
    let n = lines.len();
    out.clear();
    out.resize(n, None);
    let next_non_blank = |from: usize| (from..n).find(|&k| !lines[k].blank);
    let mut i = 0;
    while i < n {
        if !lines[i].opener {
            i += 1;
            continue;
        }
        let opener = i as u32;
        let teasers = i >= teasers_from;
        out[i] = Some(opener);
        let mut prev_item: Option<usize> = Some(i);
        let mut j = i + 1;
        let mut end = n;
        while j < n {
            let l = lines[j];
            if l.blank {
                j += 1;
                continue;
            }
            let inside = if l.opener || (l.list_like && !l.prose) {
                true
            } else if l.prose {
                let next = next_non_blank(j + 1);
                let after_pair = prev_item.is_some_and(|p| lines[p].paired);
                let next_is_item =
                    next.is_none_or(|k| lines[k].opener || (lines[k].list_like && !lines[k].prose));
                teasers && next_is_item && (after_pair || words[j] <= MAX_TEASER_WORDS)
            } else {
                l.list_like
            };
            if !inside {
                end = j;
                break;
            }
            out[j] = Some(opener);
            prev_item = Some(j);
            j += 1;
        }
        if end < n {
            // Hand back the heading(s) of the prose that ends the region.
            let mut handed = 0;
            let mut k = end;
            while k > i + 1 && handed < MAX_HANDED_BACK {
                k -= 1;
                if lines[k].blank {
                    continue;
                }
                if !lines[k].heading_like || lines[k].opener {
                    break;
                }
                out[k] = None;
                handed += 1;
            }
        }
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: char) -> RegionLine {
        match kind {
            'O' => RegionLine { opener: true, ..Default::default() },
            'h' => RegionLine { list_like: true, heading_like: true, ..Default::default() },
            'p' => RegionLine { prose: true, ..Default::default() },
            'P' => RegionLine {
                list_like: true,
                heading_like: true,
                paired: true,
                ..Default::default()
            },
            '_' => RegionLine { blank: true, ..Default::default() },
            _ => unreachable!(),
        }
    }

    fn run(shape: &str, words: u32) -> String {
        let lines: Vec<_> = shape.chars().map(line).collect();
        let w = vec![words; lines.len()];
        let mut out = Vec::new();
        find(&lines, &w, 0, &mut out);
        out.iter().map(|o| if o.is_some() { 'R' } else { '.' }).collect()
    }

    #[test]
    fn list_after_opener_to_the_end() {
        assert_eq!(run("ppOhhhh", 10), "..RRRRR");
    }

    #[test]
    fn prose_resumes_and_takes_its_heading_back() {
        assert_eq!(run("Ohhhhpp", 60), "RRR....");
        assert_eq!(run("Ohh_h_p_p", 60), "RR.......");
    }

    #[test]
    fn teasers_between_items_stay_inside() {
        // headline printed twice, summary, next section headline...
        assert_eq!(run("OPPpPPp", 60), "RRRRRRR");
        // short teasers between plain headlines
        assert_eq!(run("Ohphp", 20), "RRRRR");
    }

    #[test]
    fn no_teasers_in_a_region_above_the_article() {
        let lines: Vec<_> = "OPPpPPp".chars().map(line).collect();
        let mut out = Vec::new();
        find(&lines, &[60; 7], 3, &mut out);
        // The prose at 3 ends the region; the two headings above it are
        // handed back to the article, leaving only the opener.
        assert_eq!(
            out.iter().map(|o| o.is_some()).collect::<Vec<_>>(),
            [true, false, false, false, false, false, false]
        );
    }

    #[test]
    fn no_opener_no_region() {
        assert_eq!(run("hhhpphh", 10), ".......");
    }

    #[test]
    fn opener_followed_by_prose_is_alone() {
        assert_eq!(run("Opp", 60), "R..");
    }
}
