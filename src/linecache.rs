//! A per-thread memo of the per-line work that depends only on a line's
//! bytes and the document's stoplist.
//!
//! The same lines recur across the pages of a batch: a site's menus,
//! footers, share buttons and "latest news" entries, and the quotes and
//! headlines that several outlets print. Their features, marker hit, repeat
//! key, caption and byline shapes are the same every time, so a line seen
//! before on this thread (byte for byte, with the same stoplist) takes them
//! from here instead of computing them again. Every value is a pure function
//! of the key, so the cleaner's output does not depend on what the cache
//! holds, on the order documents arrive in, or on the thread count; the
//! bytes are compared, not just their hash. Memory is bounded: the cache is
//! emptied when it reaches [`MAX_ENTRIES`] lines or [`MAX_ARENA_BYTES`] of
//! line text.

use std::collections::HashMap;

use crate::features::LineFeatures;
use crate::markers::MarkerHit;

/// Lines longer than this are not cached: paragraphs rarely recur, and
/// hashing and comparing them would cost what it saves.
pub const MAX_CACHED_LINE: usize = 256;

/// Most lines held at once (about 100 bytes each besides the text).
pub const MAX_ENTRIES: usize = 1 << 15;

/// Most bytes of line text held at once.
pub const MAX_ARENA_BYTES: usize = 2 << 20;

/// What the cleaner computes for one line before looking at its neighbours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct LineFacts {
    /// Stage 2.
    pub features: LineFeatures,
    /// Stage 3 (whether or not the stage is on; the caller decides).
    pub marker: Option<MarkerHit>,
    /// Stage 7's normalised hash.
    pub hash: Option<u64>,
    /// `score::is_caption`.
    pub caption: bool,
    /// `score::is_byline` or `score::is_author_bio`: a credit by its shape.
    pub byline: bool,
    /// The line names comments (`clean::mentions_comments`); only worked
    /// out for the lines the terminator asks about (short, undated), false
    /// for the others.
    pub comments: bool,
}

struct Entry {
    start: u32,
    len: u32,
    facts: LineFacts,
}

/// The memo (one per thread, in the cleaner's scratch space).
#[derive(Default)]
pub(crate) struct LineCache {
    index: HashMap<(u64, u8), u32, foldhash::fast::FixedState>,
    entries: Vec<Entry>,
    arena: Vec<u8>,
    /// Lookups answered from the memo (for tests and profiling).
    pub hits: u64,
    /// Lookups that computed.
    pub misses: u64,
}

impl LineCache {
    /// Forget every line (the allocations are kept).
    pub fn clear(&mut self) {
        self.index.clear();
        self.entries.clear();
        self.arena.clear();
    }

    /// The facts of `line` under stoplist `stop_id`: from the memo, or from
    /// `compute` (then remembered).
    #[inline]
    pub fn get_or_compute(
        &mut self,
        line: &[u8],
        stop_id: u8,
        compute: impl FnOnce() -> LineFacts,
    ) -> LineFacts {
        if line.len() > MAX_CACHED_LINE {
            self.misses += 1;
            return compute();
        }
        let key = (xxhash_rust::xxh3::xxh3_64(line), stop_id);
        if let Some(&i) = self.index.get(&key) {
            let e = &self.entries[i as usize];
            let (start, len) = (e.start as usize, e.len as usize);
            if &self.arena[start..start + len] == line {
                self.hits += 1;
                return e.facts;
            }
            // A 64-bit collision: compute, and leave the memo as it is.
            self.misses += 1;
            return compute();
        }
        self.misses += 1;
        let facts = compute();
        if self.entries.len() >= MAX_ENTRIES || self.arena.len() + line.len() > MAX_ARENA_BYTES {
            self.clear();
        }
        self.index.insert(key, self.entries.len() as u32);
        self.entries.push(Entry { start: self.arena.len() as u32, len: line.len() as u32, facts });
        self.arena.extend_from_slice(line);
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(words: u32) -> LineFacts {
        LineFacts {
            features: LineFeatures { words, ..LineFeatures::default() },
            marker: None,
            hash: Some(u64::from(words)),
            caption: false,
            byline: words == 2,
            comments: false,
        }
    }

    #[test]
    fn remembers_by_bytes_and_stoplist() {
        let mut c = LineCache::default();
        assert_eq!(c.get_or_compute(b"Home", 0, || facts(1)), facts(1));
        // Seen: the closure is not called.
        assert_eq!(c.get_or_compute(b"Home", 0, || unreachable!()), facts(1));
        // Another stoplist is another key.
        assert_eq!(c.get_or_compute(b"Home", 1, || facts(2)), facts(2));
        assert_eq!(c.get_or_compute(b"home", 0, || facts(3)), facts(3));
        assert_eq!((c.hits, c.misses), (1, 3));
    }

    #[test]
    fn long_lines_are_not_kept_and_memory_is_bounded() {
        let mut c = LineCache::default();
        let long = vec![b'x'; MAX_CACHED_LINE + 1];
        c.get_or_compute(&long, 0, || facts(1));
        assert_eq!(c.get_or_compute(&long, 0, || facts(5)), facts(5));
        assert!(c.entries.is_empty());
        for i in 0..MAX_ENTRIES + 10 {
            let line = format!("line {i}");
            c.get_or_compute(line.as_bytes(), 0, || facts(i as u32));
        }
        assert!(c.entries.len() <= MAX_ENTRIES && c.arena.len() <= MAX_ARENA_BYTES);
        // After the reset, the newest lines are still answered right.
        let last = format!("line {}", MAX_ENTRIES + 9);
        let got = c.get_or_compute(last.as_bytes(), 0, || unreachable!());
        assert_eq!(got, facts((MAX_ENTRIES + 9) as u32));
    }
}
