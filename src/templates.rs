//! Cross-document template evidence: lines that recur across the documents
//! of one site (or across many sites) are the site's template, not its
//! articles' text.
//!
//! This module defines what the cleaner needs from a batch — a lookup from a
//! line's normalised key to how often it occurred ([`LineEvidence`],
//! [`TemplateHit`]) — and the policy that turns a count into a verdict
//! ([`is_template`]). The counting itself (two passes over a batch, per-site
//! statistics, `deboil learn`) lives with the batch engine.

use xxhash_rust::xxh3::xxh3_64;

use crate::features::{for_each_char, LineFeatures};

/// How often a normalised line occurred in the batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub struct TemplateHit {
    /// Documents of this document's site that contain the line.
    pub site_docs: u32,
    /// Documents the site has in the batch.
    pub site_total: u32,
    /// Distinct sites whose documents contain the line.
    pub sites: u32,
}

/// Evidence about a document's lines from the rest of its batch.
pub trait LineEvidence: Sync {
    /// What is known about the line with normalised key `key` (see
    /// [`line_key`]) for the document being cleaned.
    fn lookup(&self, key: u64) -> Option<TemplateHit>;
}

/// Fewest documents of one site that must share a line before it counts as
/// the site's template, whatever the site's size.
pub const MIN_SITE_DOCS: u32 = 3;

/// Share of a site's documents that must share a line (above
/// [`MIN_SITE_DOCS`]): a line on 10% of a site's pages is its template.
pub const SITE_SHARE: f32 = 0.10;

/// Lines with at least this many words are prose-like: they need
/// [`PROSE_EVIDENCE_FACTOR`] times the evidence (an "About us" blurb on
/// every page is template; a quote that three articles share is not).
pub const PROSE_WORDS: u32 = 12;

/// Extra evidence factor for prose-like lines.
pub const PROSE_EVIDENCE_FACTOR: u32 = 3;

/// Sites that must share a short line for it to count across sites
/// ("Share this", cookie banners).
pub const MIN_SITES_SHORT: u32 = 20;

/// Does this evidence make the line (with these features) template text?
pub fn is_template(hit: TemplateHit, f: &LineFeatures) -> bool {
    let prose = f.words >= PROSE_WORDS;
    let factor = if prose { PROSE_EVIDENCE_FACTOR } else { 1 };
    let by_share = (hit.site_total as f32 * SITE_SHARE).ceil() as u32;
    let need = MIN_SITE_DOCS.max(by_share) * factor;
    let site_template = hit.site_docs >= need;
    let global_template = !prose && hit.sites >= MIN_SITES_SHORT;
    site_template || global_template
}

/// The normalised key of a line, as CCNet normalises lines: case folded,
/// digits mapped to 0, punctuation and symbols removed, whitespace collapsed;
/// then a 64-bit xxh3. `None` for lines with no letters or digits. `buf` is
/// scratch space.
pub fn line_key(text: &[u8], buf: &mut String) -> Option<u64> {
    buf.clear();
    let mut space = false;
    for_each_char(text, |c| {
        let Some(c) = c else { return };
        if c.is_alphanumeric() {
            if space && !buf.is_empty() {
                buf.push(' ');
            }
            space = false;
            if c.is_numeric() {
                buf.push('0');
            } else if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else if c.is_whitespace() {
            space = true;
        }
    });
    (!buf.is_empty()).then(|| xxh3_64(buf.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(words: u32) -> LineFeatures {
        LineFeatures { words, ..LineFeatures::default() }
    }

    #[test]
    fn keys_fold_case_digits_and_punctuation() {
        let mut b = String::new();
        assert_eq!(line_key(b"Share this!", &mut b), line_key(b"  share   THIS ", &mut b));
        assert_eq!(line_key(b"(c) 2023 Acme", &mut b), line_key(b"c 2024 acme", &mut b));
        assert_ne!(line_key(b"Share this", &mut b), line_key(b"Share that", &mut b));
        assert_eq!(line_key(b"---", &mut b), None);
    }

    #[test]
    fn policy_scales_with_site_size_and_prose() {
        let hit = |site_docs, site_total, sites| TemplateHit { site_docs, site_total, sites };
        // A menu line on 5 of 20 pages of a site.
        assert!(is_template(hit(5, 20, 1), &f(3)));
        // The same line on one page of the site: not template.
        assert!(!is_template(hit(1, 20, 1), &f(3)));
        // On 2 of 2 pages: below the minimum of 3 documents.
        assert!(!is_template(hit(2, 2, 1), &f(3)));
        // A prose line needs three times the evidence.
        assert!(!is_template(hit(5, 20, 1), &f(30)));
        assert!(is_template(hit(9, 20, 1), &f(30)));
        // A short line on many sites (cookie banner), but not a shared quote.
        assert!(is_template(hit(1, 50, 40), &f(3)));
        assert!(!is_template(hit(1, 50, 40), &f(30)));
    }
}
