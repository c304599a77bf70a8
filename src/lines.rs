//! Stage 1: split a document into lines without copying or allocating per line.
//!
//! A line is the bytes up to and including its terminator. Three terminators
//! are recognised: `\n`, `\r\n` and a lone `\r` (old Mac files and stray
//! carriage returns in scraped text). The last line may have no terminator.
//! An empty input has no lines. Lines are never empty: the smallest line is a
//! bare terminator, which is how blank lines appear.
//!
//! Invalid UTF-8 and NUL bytes are ordinary bytes here; splitting looks only
//! at `\n` and `\r`, so every byte of the input belongs to exactly one line.

use std::ops::Range;

/// One line of a document as byte offsets into it.
///
/// `start..content_end` is the text without its terminator and
/// `start..end` the whole line with its terminator, so the concatenation of
/// every line's `start..end` is the input, byte for byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineSpan {
    /// Offset of the first byte of the line.
    pub start: usize,
    /// Offset one past the last byte of the text, before the terminator.
    pub content_end: usize,
    /// Offset one past the terminator (equal to `content_end` when the line
    /// is the last one and has no terminator).
    pub end: usize,
}

impl LineSpan {
    /// The whole line, terminator included.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The line's text without its terminator.
    #[inline]
    pub fn content(&self) -> Range<usize> {
        self.start..self.content_end
    }

    /// The terminator bytes' range (empty for a final unterminated line).
    #[inline]
    pub fn terminator(&self) -> Range<usize> {
        self.content_end..self.end
    }
}

/// An iterator over the [`LineSpan`]s of a byte slice.
///
/// ```
/// use deboil::lines::LineIter;
/// let spans: Vec<_> = LineIter::new(b"a\r\nb\rc\n\nd").map(|l| l.range()).collect();
/// assert_eq!(spans, vec![0..3, 3..5, 5..7, 7..8, 8..9]);
/// ```
#[derive(Clone, Debug)]
pub struct LineIter<'a> {
    haystack: &'a [u8],
    pos: usize,
}

impl<'a> LineIter<'a> {
    /// Iterate over the lines of `haystack`.
    pub fn new(haystack: &'a [u8]) -> LineIter<'a> {
        LineIter { haystack, pos: 0 }
    }
}

impl Iterator for LineIter<'_> {
    type Item = LineSpan;

    #[inline]
    fn next(&mut self) -> Option<LineSpan> {
        let hay = self.haystack;
        let start = self.pos;
        if start >= hay.len() {
            return None;
        }
        let span = match memchr::memchr2(b'\n', b'\r', &hay[start..]) {
            None => LineSpan { start, content_end: hay.len(), end: hay.len() },
            Some(i) => {
                let at = start + i;
                let end = if hay[at] == b'\r' && hay.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                LineSpan { start, content_end: at, end }
            }
        };
        self.pos = span.end;
        Some(span)
    }
}

/// Split `haystack` into lines, appending them to `out` (which is cleared
/// first). Reusing `out` across documents avoids allocating per document.
pub fn split_into(haystack: &[u8], out: &mut Vec<LineSpan>) {
    out.clear();
    out.extend(LineIter::new(haystack));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slow, obviously correct reference: walk byte by byte.
    fn naive(h: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < h.len() {
            if h[i] == b'\n' {
                out.push((start, i, i + 1));
                start = i + 1;
            } else if h[i] == b'\r' {
                let end = if i + 1 < h.len() && h[i + 1] == b'\n' { i + 2 } else { i + 1 };
                out.push((start, i, end));
                start = end;
                i = end;
                continue;
            }
            i += 1;
        }
        if start < h.len() {
            out.push((start, h.len(), h.len()));
        }
        out
    }

    fn fast(h: &[u8]) -> Vec<(usize, usize, usize)> {
        LineIter::new(h).map(|l| (l.start, l.content_end, l.end)).collect()
    }

    #[test]
    fn edge_cases_match_reference() {
        let cases: &[&[u8]] = &[
            b"",
            b"\n",
            b"\r",
            b"\r\n",
            b"\n\n",
            b"\r\r\n\n",
            b"abc",
            b"abc\n",
            b"a\nb",
            b"a\r\nb\r\n",
            b"a\rb\rc",
            b"\0\0\n\xff\xfe\r",
            "Новости\r\n21:15 20 мар 2026.".as_bytes(),
        ];
        for c in cases {
            assert_eq!(fast(c), naive(c), "input {:?}", c);
        }
    }

    #[test]
    fn lines_concatenate_to_input() {
        let input = b"one\r\ntwo\rthree\n\nfour";
        let mut joined = Vec::new();
        for l in LineIter::new(input) {
            joined.extend_from_slice(&input[l.range()]);
        }
        assert_eq!(&joined[..], &input[..]);
    }

    #[test]
    fn crlf_terminator_is_two_bytes() {
        let l: Vec<_> = LineIter::new(b"x\r\n").collect();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].terminator(), 1..3);
        assert_eq!(l[0].content(), 0..1);
    }

    #[test]
    fn split_into_reuses_buffer() {
        let mut buf = Vec::with_capacity(8);
        split_into(b"a\nb\n", &mut buf);
        assert_eq!(buf.len(), 2);
        split_into(b"c", &mut buf);
        assert_eq!(buf.len(), 1);
        assert_eq!(buf[0].range(), 0..1);
    }
}
