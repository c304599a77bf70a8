//! Cross-document template evidence: lines that recur across the documents
//! of one site (or across many sites) are the site's template, not its
//! articles' text.
//!
//! This module defines what the cleaner needs from a batch — a lookup from a
//! line's normalised key to how often it occurred ([`LineEvidence`],
//! [`TemplateHit`]) — and the policy that turns a count into a verdict
//! ([`is_template`]). The counting itself (two passes over a batch,
//! `deboil learn`) lives with the batch engine; this module holds the
//! per-site statistics it produces:
//!
//! * [`Counts`]: exact counts of one slice of a batch — per site, its number
//!   of documents, and per (site, line key) the number of documents with the
//!   line (at most once per document). Merging is commutative, so per-thread
//!   counts combine to the same result in any order.
//! * [`Learner`]: folds [`Counts`] under a memory ceiling; above it, the
//!   (site, line) counts move to a count-min sketch (see [`Learner`]).
//! * [`TemplateStats`]: the learned statistics, saved to and loaded from a
//!   versioned, checksummed file ([`TemplateStats::save`],
//!   [`TemplateStats::load`]), answering [`LineEvidence`] lookups for one
//!   site at a time ([`TemplateStats::evidence`]).

use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::path::Path;

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::features::LineFeatures;
use crate::repeats::{fold_words, Digits};

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

/// Lines of at least this many words (and fewer than [`PROSE_WORDS`]) shaped
/// like a headline ([`is_headline`]) need [`PROSE_EVIDENCE_FACTOR`] times the
/// evidence too: an article's headline is printed in the "Related" and "Most
/// read" lists of the site's other pages.
pub const HEADLINE_WORDS: u32 = 5;

/// Share of its site's documents a line must be on to be dropped as
/// template where it stands as the document's own title (the heading
/// right above its main block): a site's banner is on nearly every page, a
/// headline in other pages' lists is not.
pub const TITLE_SITE_SHARE: f32 = 0.8;

/// Sites that must share a short line for it to count across sites
/// ("Share this", cookie banners).
pub const MIN_SITES_SHORT: u32 = 20;

/// Fewest words of a line that counts across sites: a single word on many
/// sites ("Music", "Introduction", "Reviews") is as often a section heading
/// as a menu entry. (Lines with digits never count across sites: "December
/// 2002" and "December 2011" share a key.)
pub const MIN_WORDS_CROSS_SITE: u32 = 2;

/// Lines with a date and at most this many words are datelines or archive
/// links: digits fold to 0, so "March 2011" and "March 2012" share a key.
pub const DATED_MAX_WORDS: u32 = 3;

/// Fewest letters a line needs for template evidence to count: digits fold
/// to 0 in line keys, so numbers, prices and table cells ("12", "91%",
/// "$14.") share keys across unrelated pages.
pub const MIN_LETTERS: u32 = 3;

/// Does this evidence make the line (with these features) template text?
///
/// Never for dates and times ([`LineFeatures::timestamp`], or a date in at
/// most [`DATED_MAX_WORDS`] words), lines with fewer than [`MIN_LETTERS`]
/// letters or with more digits than letters: their keys are the same on
/// unrelated pages (digits fold to 0), and the single-document cleaner
/// judges them on its own. Across sites, a line needs
/// [`MIN_WORDS_CROSS_SITE`] words and no digits.
///
/// Within a site, a line needs [`MIN_SITE_DOCS`] documents and
/// [`SITE_SHARE`] of the site's; prose-like lines ([`PROSE_WORDS`]) and
/// headlines ([`is_headline`]) [`PROSE_EVIDENCE_FACTOR`] times that.
pub fn is_template(hit: TemplateHit, f: &LineFeatures) -> bool {
    keyable(f) && (site_template(hit, f) || cross_site_template(hit, f))
}

/// [`is_template`] for a line that stands as the document's own title: the
/// site's evidence must also cover [`TITLE_SITE_SHARE`] of its documents.
pub fn is_title_template(hit: TemplateHit, f: &LineFeatures) -> bool {
    let title_share = (hit.site_total as f32 * TITLE_SITE_SHARE).ceil() as u32;
    keyable(f)
        && ((site_template(hit, f) && hit.site_docs >= title_share) || cross_site_template(hit, f))
}

/// Does the line look like a headline: [`HEADLINE_WORDS`] to
/// [`PROSE_WORDS`] words, with a stopword, no menu separators, URL or code?
/// ("Council approves the budget after a long debate", not "Home News
/// Sport Weather Video" or "Home | News | Sport".)
pub fn is_headline(f: &LineFeatures) -> bool {
    (HEADLINE_WORDS..PROSE_WORDS).contains(&f.words)
        && f.stopwords >= 1
        && f.separators == 0
        && !f.url
        && !f.code
}

/// Can the line's key be evidence at all (see [`is_template`])?
fn keyable(f: &LineFeatures) -> bool {
    let dated = f.timestamp || (f.has_date && f.words <= DATED_MAX_WORDS);
    !dated && f.letters >= MIN_LETTERS && f.letters >= f.digits
}

fn site_template(hit: TemplateHit, f: &LineFeatures) -> bool {
    let strong = f.words >= PROSE_WORDS || is_headline(f);
    let factor = if strong { PROSE_EVIDENCE_FACTOR } else { 1 };
    let by_share = (hit.site_total as f32 * SITE_SHARE).ceil() as u32;
    hit.site_total > 0 && hit.site_docs >= MIN_SITE_DOCS.max(by_share) * factor
}

fn cross_site_template(hit: TemplateHit, f: &LineFeatures) -> bool {
    f.words < PROSE_WORDS
        && f.words >= MIN_WORDS_CROSS_SITE
        && f.digits == 0
        && hit.sites >= MIN_SITES_SHORT
}

/// The normalised key of a line, as CCNet normalises lines: case folded,
/// digits mapped to 0, punctuation and symbols removed, whitespace collapsed;
/// then a 64-bit xxh3. `None` for lines with no letters or digits. `buf` is
/// scratch space.
pub fn line_key(text: &[u8], buf: &mut String) -> Option<u64> {
    fold_words(text, Digits::Zero, buf);
    (!buf.is_empty()).then(|| xxh3_64(buf.as_bytes()))
}

// ---------------------------------------------------------------------------
// Sites

/// Where a document's site (the scope templates are learned in) comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SiteFrom {
    /// The host of the document's URL when it has one, else the directory
    /// of its file.
    #[default]
    Auto,
    /// The directory of the document's file (as named on the command line).
    Dir,
    /// The host of the document's URL; documents without one have no site
    /// (see [`SiteFrom::None`]).
    Url,
    /// No sites: every document is on its own (the empty site name `""`).
    /// Its lines are never a site's template; they only count towards the
    /// cross-site evidence (a short line on many documents). A batch is
    /// never taken for one site: that is how CCNet deletes quotes that
    /// several outlets share.
    None,
}

impl SiteFrom {
    /// The site of a document with this `url` (if any) read from a file in
    /// directory `dir`.
    ///
    /// ```
    /// use deboil::templates::SiteFrom;
    /// assert_eq!(SiteFrom::Auto.site(Some("https://www.Example.com:8080/a?b"), "x"), "example.com");
    /// assert_eq!(SiteFrom::Auto.site(None, "crawl/site1"), "crawl/site1");
    /// assert_eq!(SiteFrom::Dir.site(Some("https://example.com/"), "crawl"), "crawl");
    /// assert_eq!(SiteFrom::None.site(Some("https://example.com/"), "crawl"), "");
    /// ```
    pub fn site(self, url: Option<&str>, dir: &str) -> String {
        let host = || url.and_then(url_host);
        match self {
            SiteFrom::Auto => host().unwrap_or_else(|| dir.to_owned()),
            SiteFrom::Dir => dir.to_owned(),
            SiteFrom::Url => host().unwrap_or_default(),
            SiteFrom::None => String::new(),
        }
    }
}

/// The host of a URL, lower-cased, without user info, port, trailing dot or
/// a leading `www.`; `None` if there is none. A URL without a scheme is
/// taken to start with its host.
///
/// ```
/// use deboil::templates::url_host;
/// assert_eq!(url_host("https://user@News.Example.org.:443/x").as_deref(), Some("news.example.org"));
/// assert_eq!(url_host("example.com/page").as_deref(), Some("example.com"));
/// assert_eq!(url_host("http://[::1]:80/").as_deref(), Some("[::1]"));
/// assert_eq!(url_host("https:///nohost"), None);
/// ```
pub fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        &host[..=host.find(']')?]
    } else {
        host.split(':').next().unwrap_or_default()
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

fn site_hash(site: &str) -> u64 {
    xxh3_64(site.as_bytes())
}

// ---------------------------------------------------------------------------
// Counting

/// Hashes line keys and (site, line key) pairs for the counting tables:
/// both are already xxh3 hashes, so one folded multiply per word mixes them
/// enough. The state starts from a per-table random seed (see [`KeyHash`]),
/// so that lines crafted to collide cannot make the tables slow.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        let p = u128::from(self.0 ^ x) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (p as u64) ^ ((p >> 64) as u64);
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// The [`BuildHasher`] of the counting tables: [`KeyHasher`] with a random
/// seed per table. Nothing deboil writes depends on the tables' order, so
/// the seed changes no result.
#[derive(Clone, Debug)]
pub struct KeyHash(u64);

impl Default for KeyHash {
    fn default() -> KeyHash {
        KeyHash(RandomState::new().hash_one(0x5EED_u64))
    }
}

impl BuildHasher for KeyHash {
    type Hasher = KeyHasher;

    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(self.0)
    }
}

type KeyMap<K, V> = HashMap<K, V, KeyHash>;

/// Estimated bytes per exact (site, line) count of a line on two or more of
/// a site's documents: a 16-byte hash-table entry (site number, line key,
/// count) and its control byte, at the 7/16 to 7/8 load of a table that
/// doubles when full (about 1.6 times the entry).
pub const PAIR_BYTES: usize = 28;

/// Estimated bytes per line seen on one site only (most lines of a batch:
/// every article's own text), per line on several sites and per (site,
/// line) pair on one of the site's documents for such a line: a 12-byte
/// entry (line key and site number, line key and number of sites, or site
/// number and line key) and its control byte, with the same load as
/// [`PAIR_BYTES`].
pub const FIRST_SEEN_BYTES: usize = 21;

/// The site number of a line first seen in a document without a site.
const NO_SITE: u32 = u32::MAX;

/// A line key as stored by the [`Learner`]: two halves, so that its table
/// entries pack into 12 bytes.
type Key = [u32; 2];

fn split(key: u64) -> Key {
    [key as u32, (key >> 32) as u32]
}

fn join(key: Key) -> u64 {
    u64::from(key[0]) | (u64::from(key[1]) << 32)
}

/// Per-document scratch for [`Counts::add_document`].
#[derive(Debug, Default)]
pub struct KeyScratch {
    buf: String,
    keys: Vec<u64>,
}

/// Exact counts of one slice of a batch: documents per site, and documents
/// per (site, line key), each line counted at most once per document; for
/// documents without a site (`""`), documents per line key.
/// Merging ([`Counts::merge`]) is commutative and associative.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    sites: HashMap<String, u32>,
    pairs: KeyMap<(u64, u64), u32>,
    lone: KeyMap<u64, u32>,
}

impl Counts {
    /// Count one document of `site` (`""`: a document without a site, which
    /// only counts towards the cross-site evidence).
    pub fn add_document(&mut self, site: &str, text: &[u8], s: &mut KeyScratch) {
        match self.sites.get_mut(site) {
            Some(n) => *n = n.saturating_add(1),
            None => {
                self.sites.insert(site.to_owned(), 1);
            }
        }
        s.keys.clear();
        for span in crate::lines::LineIter::new(text) {
            if let Some(k) = line_key(&text[span.content()], &mut s.buf) {
                s.keys.push(k);
            }
        }
        s.keys.sort_unstable();
        s.keys.dedup();
        if site.is_empty() {
            for &k in &s.keys {
                let n = self.lone.entry(k).or_insert(0);
                *n = n.saturating_add(1);
            }
            return;
        }
        let h = site_hash(site);
        for &k in &s.keys {
            let n = self.pairs.entry((h, k)).or_insert(0);
            *n = n.saturating_add(1);
        }
    }

    /// Add `other`'s counts to these.
    pub fn merge(&mut self, mut other: Counts) {
        if other.pairs.len() > self.pairs.len() {
            std::mem::swap(self, &mut other);
        }
        for (site, n) in other.sites {
            let e = self.sites.entry(site).or_insert(0);
            *e = e.saturating_add(n);
        }
        for (pair, n) in other.pairs {
            let e = self.pairs.entry(pair).or_insert(0);
            *e = e.saturating_add(n);
        }
        for (key, n) in other.lone {
            let e = self.lone.entry(key).or_insert(0);
            *e = e.saturating_add(n);
        }
    }

    /// Documents counted.
    pub fn documents(&self) -> u64 {
        self.sites.values().map(|&n| u64::from(n)).sum()
    }

    /// Distinct (site, line) pairs counted (lines of documents without a
    /// site not included).
    pub fn pairs(&self) -> usize {
        self.pairs.len()
    }
}

/// Rows of the count-min sketch.
const SKETCH_DEPTH: usize = 4;

/// A count-min sketch of (site, line) document counts: never below the
/// true count; above it only when a pair collides in every row.
#[derive(Clone, PartialEq, Eq)]
struct Sketch {
    /// Cells per row (a power of two).
    width: usize,
    cells: Vec<u32>,
}

impl Sketch {
    /// The largest sketch within `bytes` (at least 1024 cells per row).
    fn within(bytes: usize) -> Sketch {
        let per_row = (bytes / 4 / SKETCH_DEPTH).max(1024);
        let width = 1usize << (usize::BITS - 1 - per_row.leading_zeros());
        Sketch { width, cells: vec![0; width * SKETCH_DEPTH] }
    }

    fn slots(&self, pair: (u64, u64)) -> [usize; SKETCH_DEPTH] {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&pair.0.to_le_bytes());
        bytes[8..].copy_from_slice(&pair.1.to_le_bytes());
        std::array::from_fn(|r| {
            let h = xxh3_64_with_seed(&bytes, r as u64) as usize;
            r * self.width + (h & (self.width - 1))
        })
    }

    fn add(&mut self, pair: (u64, u64), n: u32) {
        for i in self.slots(pair) {
            self.cells[i] = self.cells[i].saturating_add(n);
        }
    }

    fn get(&self, pair: (u64, u64)) -> u32 {
        self.slots(pair).iter().map(|&i| self.cells[i]).min().unwrap_or(0)
    }

    fn bytes(&self) -> usize {
        self.cells.len() * 4
    }
}

impl fmt::Debug for Sketch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sketch({}x{})", SKETCH_DEPTH, self.width)
    }
}

/// How a [`Learner`] held its counts: what `deboil learn` reports. The
/// same for any input order and thread count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LearnUsage {
    /// Lines seen on one site only (or in one document without a site),
    /// each in a first-seen entry ([`FIRST_SEEN_BYTES`]).
    pub first_seen: u64,
    /// Exact counts of (site, line) pairs ([`PAIR_BYTES`] each for lines
    /// on two or more of a site's documents; [`FIRST_SEEN_BYTES`] for a
    /// line's single document on a site when the line is on several sites).
    pub pairs: u64,
    /// Lines on two or more sites ([`FIRST_SEEN_BYTES`] each).
    pub multi_site_lines: u64,
    /// Estimated bytes of all of the above (at the switch to the sketch,
    /// when it came); at most half the ceiling unless `sketch_bytes` > 0.
    pub estimated_bytes: u64,
    /// Bytes of the count-min sketch (0 while the counts are exact).
    pub sketch_bytes: u64,
    /// The memory ceiling.
    pub limit: u64,
}

/// Folds [`Counts`] into [`TemplateStats`] within a memory ceiling.
///
/// The exact tables hold, per line key: while the line is on one site
/// only, that site (a first-seen entry, [`FIRST_SEEN_BYTES`]; most lines
/// of a batch never leave it); once on several sites, the number of sites
/// and an entry per site that has it on one document. A (site, line) pair
/// gets a count ([`PAIR_BYTES`]) only when it is on two or more of the
/// site's documents. So memory grows with the pairs that occur more than
/// once, plus a cheap first-seen entry per distinct line, and nothing is
/// dropped at the end. Sites are numbered in the tables (in the order they
/// come; the statistics name them). Every change of the tables adds to
/// their estimated size (an entry only ever moves to a larger one), so
/// whether the estimate ever passes the ceiling depends only on the whole
/// batch, not on its order.
///
/// While the estimate stays within half the ceiling, the counts are exact.
/// Past it, they move into a count-min sketch filling the other half, and
/// every later count goes there: document counts may then be
/// over-estimated when lines collide, and the cross-site count
/// ([`TemplateHit::sites`]) is no longer known (it is reported as 1 for
/// lines the site has, so the cross-site rule is off). Both the exact
/// tables and the sketch are functions of the multiset of counts, so the
/// result is the same for any input order and thread count.
#[derive(Debug)]
pub struct Learner {
    limit: usize,
    sites: HashMap<String, u32>,
    /// Site numbers by site hash, and hashes by number.
    site_numbers: KeyMap<u64, u32>,
    site_hashes: Vec<u64>,
    /// Lines on one site only: their site ([`NO_SITE`] for a document
    /// without one).
    first: KeyMap<Key, u32>,
    /// Lines on two or more sites: their number of sites.
    key_sites: KeyMap<Key, u32>,
    /// (site, line) on exactly one of the site's documents, for lines in
    /// `key_sites`.
    pair_once: HashSet<(u32, Key), KeyHash>,
    /// (site, line) on two or more of the site's documents.
    pairs: KeyMap<(u32, Key), u32>,
    sketch: Option<Sketch>,
    usage: LearnUsage,
}

impl Learner {
    /// A learner keeping its counts within about `memory_limit` bytes.
    pub fn new(memory_limit: usize) -> Learner {
        Learner {
            limit: memory_limit,
            sites: HashMap::new(),
            site_numbers: KeyMap::default(),
            site_hashes: Vec::new(),
            first: KeyMap::default(),
            key_sites: KeyMap::default(),
            pair_once: HashSet::default(),
            pairs: KeyMap::default(),
            sketch: None,
            usage: LearnUsage { limit: memory_limit as u64, ..LearnUsage::default() },
        }
    }

    /// Whether the counts have moved to the sketch (the ceiling was passed).
    pub fn is_sketch(&self) -> bool {
        self.sketch.is_some()
    }

    /// How the counts are held so far (after the switch to the sketch: as
    /// they were at the switch).
    pub fn usage(&self) -> LearnUsage {
        if self.sketch.is_some() {
            return self.usage;
        }
        LearnUsage {
            first_seen: self.first.len() as u64,
            pairs: (self.pairs.len() + self.pair_once.len()) as u64,
            multi_site_lines: self.key_sites.len() as u64,
            estimated_bytes: self.estimate() as u64,
            ..self.usage
        }
    }

    /// Estimated bytes of the exact tables (see [`LearnUsage`]).
    fn estimate(&self) -> usize {
        let small = self.first.len() + self.key_sites.len() + self.pair_once.len();
        small.saturating_mul(FIRST_SEEN_BYTES).saturating_add(self.pairs.len() * PAIR_BYTES)
    }

    fn site_number(&mut self, hash: u64) -> u32 {
        if let Some(&n) = self.site_numbers.get(&hash) {
            return n;
        }
        let n = self.site_hashes.len() as u32;
        self.site_numbers.insert(hash, n);
        self.site_hashes.push(hash);
        n
    }

    /// Add a slice's counts.
    pub fn add(&mut self, counts: Counts) {
        for (site, n) in counts.sites {
            let e = self.sites.entry(site).or_insert(0);
            *e = e.saturating_add(n);
        }
        if let Some(sketch) = &mut self.sketch {
            for (pair, n) in counts.pairs {
                sketch.add(pair, n);
            }
            return;
        }
        for ((site, key), n) in counts.pairs {
            let site = self.site_number(site);
            self.add_pair(site, split(key), n);
        }
        for (key, n) in counts.lone {
            self.add_lone(split(key), n);
        }
        if self.estimate() > self.limit / 2 {
            self.move_to_sketch();
        }
    }

    /// Move the exact counts to a count-min sketch.
    fn move_to_sketch(&mut self) {
        self.usage = self.usage();
        let mut sketch = Sketch::within(self.limit / 2);
        let hashes = &self.site_hashes;
        // A first-seen line on two or more of its site's documents is
        // counted in `pairs`.
        for (key, site) in std::mem::take(&mut self.first) {
            if site != NO_SITE && !self.pairs.contains_key(&(site, key)) {
                sketch.add((hashes[site as usize], join(key)), 1);
            }
        }
        for ((site, key), n) in std::mem::take(&mut self.pairs) {
            sketch.add((hashes[site as usize], join(key)), n);
        }
        for (site, key) in std::mem::take(&mut self.pair_once) {
            sketch.add((hashes[site as usize], join(key)), 1);
        }
        self.key_sites = KeyMap::default();
        self.usage.sketch_bytes = sketch.bytes() as u64;
        self.sketch = Some(sketch);
    }

    /// Count `n` more documents of `site` with line `key`.
    fn add_pair(&mut self, site: u32, key: Key, n: u32) {
        if let Some(c) = self.pairs.get_mut(&(site, key)) {
            *c = c.saturating_add(n);
            return;
        }
        if let Some(k) = self.key_sites.get_mut(&key) {
            if self.pair_once.remove(&(site, key)) {
                self.pairs.insert((site, key), n.saturating_add(1));
            } else {
                *k = k.saturating_add(1);
                self.new_pair(site, key, n);
            }
            return;
        }
        match self.first.get(&key) {
            // On one document of this site so far.
            Some(&s) if s == site => {
                self.pairs.insert((site, key), n.saturating_add(1));
            }
            // First seen on another site: now on two.
            Some(&s) => {
                self.first.remove(&key);
                self.key_sites.insert(key, 2);
                if s != NO_SITE && !self.pairs.contains_key(&(s, key)) {
                    self.pair_once.insert((s, key));
                }
                self.new_pair(site, key, n);
            }
            None => {
                self.first.insert(key, site);
                if n >= 2 {
                    self.pairs.insert((site, key), n);
                }
            }
        }
    }

    /// A (site, line) pair not counted before, for a line in `key_sites`.
    fn new_pair(&mut self, site: u32, key: Key, n: u32) {
        if n >= 2 {
            self.pairs.insert((site, key), n);
        } else {
            self.pair_once.insert((site, key));
        }
    }

    /// Count `n` more documents without a site with line `key` (each one a
    /// site of its own for the cross-site count).
    fn add_lone(&mut self, key: Key, n: u32) {
        if let Some(k) = self.key_sites.get_mut(&key) {
            *k = k.saturating_add(n);
            return;
        }
        match self.first.remove(&key) {
            Some(s) => {
                self.key_sites.insert(key, n.saturating_add(1));
                if s != NO_SITE && !self.pairs.contains_key(&(s, key)) {
                    self.pair_once.insert((s, key));
                }
            }
            None if n >= 2 => {
                self.key_sites.insert(key, n);
            }
            None => {
                self.first.insert(key, NO_SITE);
            }
        }
    }

    /// The learned statistics: the exact counts of (site, line) pairs on
    /// two or more of a site's documents and of lines on two or more sites,
    /// or the sketch.
    pub fn finish(self) -> TemplateStats {
        let usage = self.usage();
        // The first-seen entries are no evidence: free them before the
        // statistics are built.
        drop(self.first);
        drop(self.pair_once);
        let hashes = &self.site_hashes;
        let mut pairs = KeyMap::with_capacity_and_hasher(self.pairs.len(), KeyHash::default());
        pairs.extend(self.pairs.into_iter().map(|((s, k), n)| ((hashes[s as usize], join(k)), n)));
        let mut key_sites =
            KeyMap::with_capacity_and_hasher(self.key_sites.len(), KeyHash::default());
        key_sites.extend(self.key_sites.into_iter().map(|(k, n)| (join(k), n)));
        let mut stats =
            TemplateStats::build(self.sites.into_iter().collect(), pairs, key_sites, self.sketch);
        stats.usage = Some(usage);
        stats
    }
}

// ---------------------------------------------------------------------------
// Learned statistics

/// Per-site template statistics learned from a batch: documents per site,
/// documents per (site, line) for lines on at least two of a site's
/// documents, and sites per line for lines on at least two sites.
///
/// Two statistics are equal when their counts are (how they were held while
/// learning, [`TemplateStats::usage`], is not compared).
#[derive(Clone, Debug, Default)]
pub struct TemplateStats {
    /// Sites and their document counts, sorted by name.
    sites: Vec<(String, u32)>,
    site_index: HashMap<String, usize>,
    pairs: KeyMap<(u64, u64), u32>,
    key_sites: KeyMap<u64, u32>,
    sketch: Option<Sketch>,
    usage: Option<LearnUsage>,
}

impl PartialEq for TemplateStats {
    fn eq(&self, other: &TemplateStats) -> bool {
        self.sites == other.sites
            && self.pairs == other.pairs
            && self.key_sites == other.key_sites
            && self.sketch == other.sketch
    }
}

impl Eq for TemplateStats {}

/// The [`LineEvidence`] of one site's documents (see
/// [`TemplateStats::evidence`]).
#[derive(Clone, Copy, Debug)]
pub struct SiteEvidence<'a> {
    stats: &'a TemplateStats,
    site: &'a str,
    hash: u64,
    total: u32,
}

impl SiteEvidence<'_> {
    /// The site's name.
    pub fn site(&self) -> &str {
        self.site
    }
}

impl LineEvidence for SiteEvidence<'_> {
    fn lookup(&self, key: u64) -> Option<TemplateHit> {
        let stats = self.stats;
        let site_docs = match &stats.sketch {
            _ if self.total == 0 => 0,
            Some(sketch) => sketch.get((self.hash, key)).min(self.total),
            None => stats.pairs.get(&(self.hash, key)).copied().unwrap_or(0),
        };
        let sites = match stats.key_sites.get(&key) {
            Some(&n) => n,
            None => u32::from(site_docs > 0),
        };
        (site_docs > 0 || sites > 0).then_some(TemplateHit {
            site_docs,
            site_total: self.total,
            sites,
        })
    }
}

/// A template statistics file that cannot be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplatesFileError {
    /// The file.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for TemplatesFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for TemplatesFileError {}

/// First bytes of a template statistics file.
pub const FILE_MAGIC: &[u8; 8] = b"DEBOILTM";

/// Version of the template statistics file format written.
pub const FILE_VERSION: u32 = 1;

impl TemplateStats {
    fn build(
        mut sites: Vec<(String, u32)>,
        pairs: KeyMap<(u64, u64), u32>,
        key_sites: KeyMap<u64, u32>,
        sketch: Option<Sketch>,
    ) -> TemplateStats {
        sites.sort_unstable();
        let site_index = sites.iter().enumerate().map(|(i, (s, _))| (s.clone(), i)).collect();
        TemplateStats { sites, site_index, pairs, key_sites, sketch, usage: None }
    }

    /// How the counts were held while learning them (`None` for statistics
    /// read from a file).
    pub fn usage(&self) -> Option<LearnUsage> {
        self.usage
    }

    /// The evidence for documents of `site`.
    ///
    /// Documents without a site (`""`) only have the cross-site evidence:
    /// their [`TemplateHit::site_total`] and [`TemplateHit::site_docs`] are 0.
    pub fn evidence<'a>(&'a self, site: &'a str) -> SiteEvidence<'a> {
        let total = match site {
            "" => 0,
            _ => self.site_index.get(site).map_or(0, |&i| self.sites[i].1),
        };
        SiteEvidence { stats: self, site, hash: site_hash(site), total }
    }

    /// Number of sites (documents without a site not counted).
    pub fn sites(&self) -> usize {
        self.sites.iter().filter(|(name, _)| !name.is_empty()).count()
    }

    /// Number of documents without a site.
    pub fn documents_without_site(&self) -> u64 {
        self.site_index.get("").map_or(0, |&i| u64::from(self.sites[i].1))
    }

    /// Documents counted for `site`; `None` for a site the statistics do
    /// not know (its documents get no per-site evidence, only the
    /// cross-site counts).
    pub fn site_documents(&self, site: &str) -> Option<u32> {
        self.site_index.get(site).map(|&i| self.sites[i].1)
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u64 {
        self.sites.iter().map(|&(_, n)| u64::from(n)).sum()
    }

    /// Exact (site, line) counts kept (lines on two or more of a site's
    /// documents; none when the counts went to the sketch).
    pub fn pairs(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the (site, line) counts are a count-min sketch (the memory
    /// ceiling was passed while learning; see [`Learner`]).
    pub fn is_sketch(&self) -> bool {
        self.sketch.is_some()
    }

    /// The file's bytes: [`FILE_MAGIC`], [`FILE_VERSION`] (u32), the
    /// payload's length (u64), the payload, and the payload's xxh3 (u64),
    /// all little-endian. The payload: flags (u32; bit 0: sketch); sites
    /// (u64 count, then per site sorted by name: u32 name length, name,
    /// u32 documents); pairs (u64 count, then sorted by site and key: u32
    /// site index, u64 key, u32 documents); line sites (u64 count, then
    /// sorted by key: u64 key, u32 sites); with a sketch, u64 width and
    /// its cells (u32, row by row). The same statistics always give the
    /// same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        p.extend_from_slice(&u32::from(self.sketch.is_some()).to_le_bytes());
        p.extend_from_slice(&(self.sites.len() as u64).to_le_bytes());
        let mut by_hash = HashMap::with_capacity(self.sites.len());
        for (i, (name, docs)) in self.sites.iter().enumerate() {
            p.extend_from_slice(&(name.len() as u32).to_le_bytes());
            p.extend_from_slice(name.as_bytes());
            p.extend_from_slice(&docs.to_le_bytes());
            by_hash.insert(site_hash(name), i as u32);
        }
        let mut pairs: Vec<(u32, u64, u32)> = self
            .pairs
            .iter()
            .filter_map(|(&(h, k), &n)| by_hash.get(&h).map(|&i| (i, k, n)))
            .collect();
        pairs.sort_unstable();
        p.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (i, k, n) in pairs {
            p.extend_from_slice(&i.to_le_bytes());
            p.extend_from_slice(&k.to_le_bytes());
            p.extend_from_slice(&n.to_le_bytes());
        }
        let mut keys: Vec<(u64, u32)> = self.key_sites.iter().map(|(&k, &n)| (k, n)).collect();
        keys.sort_unstable();
        p.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for (k, n) in keys {
            p.extend_from_slice(&k.to_le_bytes());
            p.extend_from_slice(&n.to_le_bytes());
        }
        if let Some(sketch) = &self.sketch {
            p.extend_from_slice(&(sketch.width as u64).to_le_bytes());
            for c in &sketch.cells {
                p.extend_from_slice(&c.to_le_bytes());
            }
        }
        let mut out = Vec::with_capacity(p.len() + 28);
        out.extend_from_slice(FILE_MAGIC);
        out.extend_from_slice(&FILE_VERSION.to_le_bytes());
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(&p);
        out.extend_from_slice(&xxh3_64(&p).to_le_bytes());
        out
    }

    /// Read statistics from [`TemplateStats::to_bytes`]'s format, checking
    /// the magic bytes, the version, the length and the checksum.
    pub fn from_bytes(bytes: &[u8]) -> Result<TemplateStats, String> {
        if bytes.len() < 8 || &bytes[..8] != FILE_MAGIC {
            return Err("not a deboil template statistics file (bad magic bytes)".into());
        }
        let mut r = Reader { bytes, pos: 8 };
        let version = r.u32()?;
        if version != FILE_VERSION {
            return Err(format!(
                "template statistics format version {version}, this deboil reads version {FILE_VERSION}"
            ));
        }
        let len = r.u64()?;
        let rest = bytes.len() - r.pos;
        if len.checked_add(8) != Some(rest as u64) {
            return Err(format!(
                "truncated or padded: payload of {len} bytes announced, {rest} bytes follow"
            ));
        }
        let payload = &bytes[r.pos..r.pos + len as usize];
        let sum = u64::from_le_bytes(bytes[bytes.len() - 8..].try_into().unwrap_or_default());
        if xxh3_64(payload) != sum {
            return Err("checksum mismatch: the file is corrupt".into());
        }
        let mut r = Reader { bytes: payload, pos: 0 };
        let flags = r.u32()?;
        if flags > 1 {
            return Err(format!("unknown flags {flags:#x}"));
        }
        let n_sites = r.count(8)?;
        let mut sites = Vec::with_capacity(n_sites);
        for _ in 0..n_sites {
            let n = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(n)?)
                .map_err(|_| "a site name is not UTF-8".to_owned())?
                .to_owned();
            sites.push((name, r.u32()?));
        }
        let hashes: Vec<u64> = sites.iter().map(|(s, _)| site_hash(s)).collect();
        let n_pairs = r.count(16)?;
        let mut pairs = KeyMap::with_capacity_and_hasher(n_pairs, KeyHash::default());
        for _ in 0..n_pairs {
            let i = r.u32()? as usize;
            let k = r.u64()?;
            let n = r.u32()?;
            let h = *hashes.get(i).ok_or_else(|| format!("site index {i} out of range"))?;
            pairs.insert((h, k), n);
        }
        let n_keys = r.count(12)?;
        let mut key_sites = KeyMap::with_capacity_and_hasher(n_keys, KeyHash::default());
        for _ in 0..n_keys {
            let k = r.u64()?;
            key_sites.insert(k, r.u32()?);
        }
        let sketch = if flags & 1 == 1 {
            let width = r.u64()? as usize;
            if !width.is_power_of_two() {
                return Err(format!("sketch width {width} is not a power of two"));
            }
            let n = r.count_of(width.saturating_mul(SKETCH_DEPTH), 4)?;
            let cells = (0..n).map(|_| r.u32()).collect::<Result<Vec<u32>, String>>()?;
            Some(Sketch { width, cells })
        } else {
            None
        };
        if r.pos != payload.len() {
            return Err(format!("{} unexpected bytes after the statistics", payload.len() - r.pos));
        }
        Ok(TemplateStats::build(sites, pairs, key_sites, sketch))
    }

    /// Write the statistics to `path` (see [`TemplateStats::to_bytes`]).
    pub fn save(&self, path: &Path) -> Result<(), TemplatesFileError> {
        std::fs::write(path, self.to_bytes()).map_err(|e| TemplatesFileError {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }

    /// Read statistics written by [`TemplateStats::save`]; a missing,
    /// foreign, truncated or corrupt file is an error naming it.
    pub fn load(path: &Path) -> Result<TemplateStats, TemplatesFileError> {
        let error =
            |message: String| TemplatesFileError { path: path.display().to_string(), message };
        let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
        TemplateStats::from_bytes(&bytes).map_err(error)
    }
}

/// Bounds-checked little-endian reading.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        self.take(4).map(|b| u32::from_le_bytes(b.try_into().unwrap_or_default()))
    }

    fn u64(&mut self) -> Result<u64, String> {
        self.take(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
    }

    /// A u64 count of items of at least `item` bytes each, checked against
    /// what is left.
    fn count(&mut self, item: usize) -> Result<usize, String> {
        let n = self.u64()?;
        self.count_of(usize::try_from(n).unwrap_or(usize::MAX), item)
    }

    fn count_of(&self, n: usize, item: usize) -> Result<usize, String> {
        if n.saturating_mul(item) > self.bytes.len() - self.pos {
            return Err(format!("count {n} at byte {} exceeds the file", self.pos));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(words: u32) -> LineFeatures {
        LineFeatures { words, letters: 5 * words, ..LineFeatures::default() }
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
        // A headline (in other pages' lists) needs three times the evidence,
        // and as the page's own title, 80% of the site.
        let headline = LineFeatures { stopwords: 2, ..f(8) };
        assert!(is_headline(&headline) && !is_headline(&f(8)));
        assert!(!is_headline(&LineFeatures { separators: 3, ..headline }));
        assert!(!is_template(hit(4, 10, 1), &headline));
        assert!(is_template(hit(9, 10, 1), &headline));
        assert!(!is_title_template(hit(9, 20, 1), &headline));
        assert!(is_title_template(hit(18, 20, 1), &headline));
        assert!(is_template(hit(4, 10, 1), &f(8)));
        // One word on many sites may be a section heading.
        assert!(!is_template(hit(1, 50, 40), &f(1)));
        assert!(is_template(hit(20, 20, 1), &f(1)));
        // Numbers and dates share keys everywhere: never template.
        let number = LineFeatures { words: 1, digits: 2, letters: 0, ..f(1) };
        assert!(!is_template(hit(20, 20, 40), &number));
        let date = LineFeatures { timestamp: true, ..f(2) };
        assert!(!is_template(hit(20, 20, 40), &date));
    }

    fn page(site: usize, i: usize) -> String {
        format!(
            "Home | News | Sport {site}\nAbout site {site}: we are a newsroom.\nArticle {i} of site {site} says something.\n"
        )
    }

    fn learn(order: &[(usize, usize)], chunks: usize, limit: usize) -> TemplateStats {
        let mut learner = Learner::new(limit);
        let mut s = KeyScratch::default();
        for part in order.chunks(order.len().div_ceil(chunks)) {
            let mut c = Counts::default();
            for &(site, i) in part {
                c.add_document(&format!("site{site}"), page(site, i).as_bytes(), &mut s);
            }
            learner.add(c);
        }
        learner.finish()
    }

    fn hit(stats: &TemplateStats, site: &str, line: &str) -> Option<TemplateHit> {
        let mut b = String::new();
        stats.evidence(site).lookup(line_key(line.as_bytes(), &mut b)?)
    }

    #[test]
    fn counts_are_per_document_and_independent_of_order() {
        let docs: Vec<(usize, usize)> = (0..3).flat_map(|s| (0..10).map(move |i| (s, i))).collect();
        let a = learn(&docs, 1, 1 << 30);
        let mut rev = docs.clone();
        rev.reverse();
        assert_eq!(a, learn(&rev, 7, 1 << 30));
        assert!(a.to_bytes() == learn(&rev, 3, 1 << 30).to_bytes());
        assert_eq!(a.sites(), 3);
        assert_eq!(a.documents(), 30);
        assert_eq!((a.site_documents("site1"), a.site_documents("elsewhere")), (Some(10), None));
        assert!(!a.is_sketch());
        let h = hit(&a, "site1", "Home | News | Sport 1").unwrap();
        assert_eq!(h, TemplateHit { site_docs: 10, site_total: 10, sites: 3 });
        // Digits fold to 0: "Article 3" is on every page, but once per page.
        assert_eq!(hit(&a, "site0", "about site 7 we are a newsroom").unwrap().site_docs, 10);
        assert_eq!(hit(&a, "site0", "never seen"), None);
    }

    #[test]
    fn documents_without_a_site_only_count_across_sites() {
        let mut learner = Learner::new(1 << 30);
        let mut s = KeyScratch::default();
        for i in 0..4 {
            let mut c = Counts::default();
            c.add_document("", page(0, i).as_bytes(), &mut s);
            c.add_document("site9", page(9, i).as_bytes(), &mut s);
            learner.add(c);
        }
        let a = learner.finish();
        assert_eq!((a.sites(), a.documents(), a.documents_without_site()), (1, 8, 4));
        // Four documents without a site and one site share the menu key.
        let h = hit(&a, "", "Home | News | Sport 0").unwrap();
        assert_eq!(h, TemplateHit { site_docs: 0, site_total: 0, sites: 5 });
        let h = hit(&a, "site9", "Home | News | Sport 9").unwrap();
        assert_eq!(h, TemplateHit { site_docs: 4, site_total: 4, sites: 5 });
        // A line of one document without a site: on one "site".
        assert_eq!(hit(&a, "", "Article 3 of site 0 says something.").unwrap().sites, 5);
        assert_eq!(hit(&a, "", "never seen"), None);
    }

    /// A tiny deterministic generator (xorshift64*).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        }
    }

    #[test]
    fn first_seen_tables_count_exactly_in_any_order_and_chunking() {
        for seed in 1..=40u64 {
            let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            // Documents of 6 sites or none, with lines from a small vocabulary
            // (so lines repeat within and across sites, and some don't).
            let docs: Vec<(String, String)> = (0..60)
                .map(|_| {
                    let site = match r.below(7) {
                        0 => String::new(),
                        n => format!("site{n}"),
                    };
                    let text: String =
                        (0..r.below(12)).map(|_| format!("line {}\n", r.below(40) + 100)).collect();
                    (site, text)
                })
                .collect();
            // The reference: documents per (site, line) and sites per line.
            let mut pairs: HashMap<(u64, u64), u32> = HashMap::new();
            let mut sites_of: HashMap<u64, Vec<String>> = HashMap::new();
            let mut b = String::new();
            for (d, (site, text)) in docs.iter().enumerate() {
                let mut keys: Vec<u64> =
                    text.lines().filter_map(|l| line_key(l.as_bytes(), &mut b)).collect();
                keys.sort_unstable();
                keys.dedup();
                for k in keys {
                    let name = if site.is_empty() { format!("#{d}") } else { site.clone() };
                    sites_of.entry(k).or_default().push(name);
                    if !site.is_empty() {
                        *pairs.entry((site_hash(site), k)).or_insert(0) += 1;
                    }
                }
            }
            pairs.retain(|_, n| *n >= 2);
            let key_sites: HashMap<u64, u32> = sites_of
                .into_iter()
                .map(|(k, mut v)| {
                    v.sort();
                    v.dedup();
                    (k, v.len() as u32)
                })
                .filter(|&(_, n)| n >= 2)
                .collect();
            let mut first = None;
            for (order, chunk) in [(0, 1), (1, 5), (2, 17), (3, 60)] {
                let mut idx: Vec<usize> = (0..docs.len()).collect();
                for i in (1..idx.len()).rev() {
                    idx.swap(i, (r.below(i + 1) + order) % (i + 1));
                }
                let mut learner = Learner::new(1 << 30);
                let mut s = KeyScratch::default();
                for part in idx.chunks(chunk) {
                    let mut c = Counts::default();
                    for &i in part {
                        c.add_document(&docs[i].0, docs[i].1.as_bytes(), &mut s);
                    }
                    learner.add(c);
                }
                let usage = learner.usage();
                let stats = learner.finish();
                let got: HashMap<_, _> = stats.pairs.iter().map(|(&p, &n)| (p, n)).collect();
                assert_eq!(got, pairs, "seed {seed}: pair counts");
                let got: HashMap<_, _> = stats.key_sites.iter().map(|(&k, &n)| (k, n)).collect();
                assert_eq!(got, key_sites, "seed {seed}: sites per line");
                match &first {
                    None => first = Some((stats.to_bytes(), usage)),
                    Some((bytes, u)) => {
                        assert!(&stats.to_bytes() == bytes, "seed {seed}: bytes differ");
                        assert_eq!(&usage, u, "seed {seed}: usage depends on the order");
                    }
                }
            }
        }
    }

    #[test]
    fn the_sketch_never_undercounts_and_is_order_independent() {
        let docs: Vec<(usize, usize)> = (0..3).flat_map(|s| (0..10).map(move |i| (s, i))).collect();
        let a = learn(&docs, 4, 100);
        assert!(a.is_sketch());
        let mut rev = docs.clone();
        rev.reverse();
        assert!(a.to_bytes() == learn(&rev, 2, 100).to_bytes(), "the sketch depends on the order");
        let h = hit(&a, "site2", "Home | News | Sport 2").unwrap();
        assert_eq!((h.site_docs, h.site_total, h.sites), (10, 10, 1));
    }

    #[test]
    fn files_round_trip_and_corruption_is_caught() {
        let docs: Vec<(usize, usize)> = (0..2).flat_map(|s| (0..5).map(move |i| (s, i))).collect();
        for limit in [1 << 30, 100] {
            let a = learn(&docs, 2, limit);
            let bytes = a.to_bytes();
            assert_eq!(TemplateStats::from_bytes(&bytes).unwrap(), a);
            let mut bad = bytes.clone();
            let mid = bad.len() / 2;
            bad[mid] ^= 1;
            assert!(TemplateStats::from_bytes(&bad).unwrap_err().contains("checksum"));
            assert!(TemplateStats::from_bytes(&bytes[..bytes.len() - 1]).is_err());
            assert!(TemplateStats::from_bytes(b"hello world").unwrap_err().contains("magic"));
            let mut v2 = bytes.clone();
            v2[8] = 2;
            assert!(TemplateStats::from_bytes(&v2).unwrap_err().contains("version"));
        }
    }
}
