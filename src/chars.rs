//! Fast, exact character properties for the hot path.
//!
//! The standard library answers `char::is_alphabetic`, `to_lowercase` and
//! friends for non-ASCII characters with binary searches over Unicode
//! tables; on Cyrillic, Greek or accented Latin text that search was the
//! single largest cost of the per-line pass (docs/performance.md). This
//! module answers the same questions with the same answers: from a table
//! built once from the standard library for U+0000–U+07FF (every script
//! with two-byte UTF-8: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic…),
//! from ranges checked exhaustively by the tests for the common CJK blocks,
//! and from the standard library itself for everything else.

use std::sync::LazyLock;

/// Characters below this code point are answered from the table.
const TABLE_END: u32 = 0x800;

const ALPHABETIC: u32 = 1 << 21;
const NUMERIC: u32 = 1 << 22;
const WHITESPACE: u32 = 1 << 23;
const UPPERCASE: u32 = 1 << 24;
/// The lower case is more than one character (U+0130 İ → "i̇").
const MULTI_LOWER: u32 = 1 << 25;
const CHAR_BITS: u32 = (1 << 21) - 1;

/// Per character: its single-character lower case in the low 21 bits, and
/// the property flags above.
static TABLE: LazyLock<Box<[u32]>> = LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| {
            let c = char::from_u32(u).unwrap_or('\0');
            let mut lower = c.to_lowercase();
            let first = lower.next().unwrap_or(c);
            let mut v = first as u32;
            if lower.next().is_some() {
                v |= MULTI_LOWER;
            }
            for (yes, flag) in [
                (c.is_alphabetic(), ALPHABETIC),
                (c.is_numeric(), NUMERIC),
                (c.is_whitespace(), WHITESPACE),
                (c.is_uppercase(), UPPERCASE),
            ] {
                if yes {
                    v |= flag;
                }
            }
            v
        })
        .collect()
});

/// The properties of one character below U+0800 (ASCII and every two-byte
/// UTF-8 character), from one fetch of the table: what [`is_alphabetic`],
/// [`is_numeric`], [`is_whitespace`], [`is_uppercase`] and [`push_lower`]
/// say of it, for a caller that asks several of them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Props(u32);

impl Props {
    /// The properties of `c`, or `None` from U+0800 on.
    #[inline(always)]
    pub(crate) fn of(c: char) -> Option<Props> {
        entry(c).map(Props)
    }

    /// [`is_alphabetic`].
    #[inline(always)]
    pub(crate) fn is_alphabetic(self) -> bool {
        self.0 & ALPHABETIC != 0
    }

    /// [`is_numeric`].
    #[inline(always)]
    pub(crate) fn is_numeric(self) -> bool {
        self.0 & NUMERIC != 0
    }

    /// [`is_alphanumeric`].
    #[inline(always)]
    pub(crate) fn is_alphanumeric(self) -> bool {
        self.0 & (ALPHABETIC | NUMERIC) != 0
    }

    /// [`is_whitespace`].
    #[inline(always)]
    pub(crate) fn is_whitespace(self) -> bool {
        self.0 & WHITESPACE != 0
    }

    /// [`is_uppercase`].
    #[inline(always)]
    pub(crate) fn is_uppercase(self) -> bool {
        self.0 & UPPERCASE != 0
    }

    /// The lower case when it is one character (what [`push_lower`]
    /// pushes); `None` when it is several.
    #[inline(always)]
    pub(crate) fn lower(self) -> Option<char> {
        if self.0 & MULTI_LOWER != 0 {
            return None;
        }
        char::from_u32(self.0 & CHAR_BITS)
    }
}

/// Blocks of letters that are alphabetic, not numeric, not upper case and
/// their own lower case, in full (checked for every code point by the
/// tests): CJK unified ideographs, hiragana, katakana, Hangul syllables.
#[inline]
fn is_plain_letter_block(u: u32) -> bool {
    matches!(u, 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA | 0xAC00..=0xD7A3)
}

#[inline]
fn entry(c: char) -> Option<u32> {
    let u = c as u32;
    (u < TABLE_END).then(|| TABLE[u as usize])
}

/// The character encoded by a well-formed two-byte UTF-8 sequence at the
/// start of `bytes` (a lead byte `C2`–`DF` and a continuation byte): such a
/// pair is one character wherever it stands, as `str::utf8_chunks` decodes
/// it. `None` for anything else.
#[inline(always)]
pub(crate) fn two_byte_char(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [b0 @ 0xC2..=0xDF, b1, ..] if b1 & 0xC0 == 0x80 => {
            char::from_u32(u32::from(b0 & 0x1F) << 6 | u32::from(b1 & 0x3F))
        }
        _ => None,
    }
}

/// The character encoded by a well-formed three-byte UTF-8 sequence at the
/// start of `bytes` (a lead byte `E0`–`EF`, a second byte in the range that
/// lead allows, a continuation byte): such a triple is one character
/// wherever it stands, as `str::utf8_chunks` decodes it. `None` for
/// anything else (surrogates and overlong forms included).
#[inline(always)]
pub(crate) fn three_byte_char(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [b0 @ 0xE0..=0xEF, b1, b2, ..]
            if b2 & 0xC0 == 0x80
                && match b0 {
                    0xE0 => matches!(b1, 0xA0..=0xBF),
                    0xED => matches!(b1, 0x80..=0x9F),
                    _ => b1 & 0xC0 == 0x80,
                } =>
        {
            char::from_u32(
                u32::from(b0 & 0x0F) << 12 | u32::from(b1 & 0x3F) << 6 | u32::from(b2 & 0x3F),
            )
        }
        _ => None,
    }
}

/// The first character of `bytes` (not empty) and its length in bytes, as
/// `str::utf8_chunks` decodes it: `None` and the length of the invalid
/// sequence there when the bytes do not start with a character. One-, two-
/// and three-byte characters are decoded inline; the rest (four-byte
/// characters, invalid sequences) out of line.
///
/// A sequence's extent depends on its own bytes only (at most four), so
/// decoding `bytes` step by step from a character boundary gives the same
/// characters and invalid sequences as `utf8_chunks` over the whole.
#[inline(always)]
pub(crate) fn decode(bytes: &[u8]) -> (Option<char>, usize) {
    let b0 = bytes[0];
    if b0 < 0x80 {
        return (Some(char::from(b0)), 1);
    }
    if let Some(c) = two_byte_char(bytes) {
        return (Some(c), 2);
    }
    if let Some(c) = three_byte_char(bytes) {
        return (Some(c), 3);
    }
    decode_slow(bytes)
}

/// The rare case of [`decode`], kept out of line.
#[cold]
#[inline(never)]
fn decode_slow(bytes: &[u8]) -> (Option<char>, usize) {
    let window = &bytes[..bytes.len().min(4)];
    match window.utf8_chunks().next() {
        Some(chunk) => match chunk.valid().chars().next() {
            Some(c) => (Some(c), c.len_utf8()),
            None => (None, chunk.invalid().len().max(1)),
        },
        None => (None, 1),
    }
}

/// Same as [`char::is_alphabetic`].
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match entry(c) {
        Some(e) => e & ALPHABETIC != 0,
        None => is_plain_letter_block(c as u32) || c.is_alphabetic(),
    }
}

/// Same as [`char::is_numeric`].
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    match entry(c) {
        Some(e) => e & NUMERIC != 0,
        None => !is_plain_letter_block(c as u32) && c.is_numeric(),
    }
}

/// Same as [`char::is_alphanumeric`].
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match entry(c) {
        Some(e) => e & (ALPHABETIC | NUMERIC) != 0,
        None => is_plain_letter_block(c as u32) || c.is_alphanumeric(),
    }
}

/// Same as [`char::is_whitespace`].
#[inline]
pub(crate) fn is_whitespace(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r');
    }
    match entry(c) {
        Some(e) => e & WHITESPACE != 0,
        None => !is_plain_letter_block(c as u32) && c.is_whitespace(),
    }
}

/// Same as [`char::is_uppercase`].
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    match entry(c) {
        Some(e) => e & UPPERCASE != 0,
        None => !is_plain_letter_block(c as u32) && c.is_uppercase(),
    }
}

/// Append the lower case of `c` to `out`: the same characters as
/// `out.extend(c.to_lowercase())`.
#[inline(always)]
pub(crate) fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match entry(c) {
        Some(e) if e & MULTI_LOWER == 0 => {
            out.push(char::from_u32(e & CHAR_BITS).unwrap_or(c));
        }
        None if is_plain_letter_block(c as u32) => out.push(c),
        _ => push_lower_slow(c, out),
    }
}

/// Write the UTF-8 bytes of the lower case of `c` at the start of `out`
/// (the same bytes as [`push_lower`] appends to a `String`) and return how
/// many were written. `out` must have room for twice `c`'s own UTF-8 length
/// (the tests check that no lower case needs more).
#[inline(always)]
pub(crate) fn write_lower_utf8(c: char, out: &mut [u8]) -> usize {
    if c.is_ascii() {
        out[0] = c.to_ascii_lowercase() as u8;
        return 1;
    }
    match entry(c) {
        Some(e) if e & MULTI_LOWER == 0 => {
            char::from_u32(e & CHAR_BITS).unwrap_or(c).encode_utf8(out).len()
        }
        None if is_plain_letter_block(c as u32) => c.encode_utf8(out).len(),
        _ => write_lower_slow(c, out),
    }
}

/// Append the UTF-8 bytes of the lower case of `c` to `out`: the same bytes
/// as [`push_lower`] appends to a `String`.
#[inline(always)]
pub(crate) fn push_lower_utf8(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase() as u8);
        return;
    }
    let mut tmp = [0u8; 8];
    let n = write_lower_utf8(c, &mut tmp);
    out.extend_from_slice(&tmp[..n]);
}

/// The rare case of [`write_lower_utf8`], kept out of line.
#[cold]
fn write_lower_slow(c: char, out: &mut [u8]) -> usize {
    let mut n = 0;
    for l in c.to_lowercase() {
        n += l.encode_utf8(&mut out[n..]).len();
    }
    n
}

/// The rare case of [`push_lower`], kept out of line.
#[cold]
fn push_lower_slow(c: char, out: &mut String) {
    out.extend(c.to_lowercase());
}

/// Eight bytes with the same value, for the byte-parallel tests below.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// The high bit of each byte.
const HIGH_BITS: u64 = splat(0x80);
/// The low seven bits of each byte.
const LOW_BITS: u64 = splat(0x7F);
/// The bit that tells an ASCII letter's cases apart (`A` 0x41, `a` 0x61);
/// ASCII digits (0x30–0x39) have it set already.
pub(crate) const CASE_BITS: u64 = splat(0x20);

/// The bytes of `x` whose low seven bits lie in `lo..=hi` (`hi` < 0x80),
/// as their high bits. Each byte's sum stays below 0x100, so no byte
/// carries into the next.
#[inline(always)]
const fn in_range7(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & LOW_BITS;
    let ge_lo = low + splat(0x80 - lo);
    let gt_hi = low + splat(0x7F - hi);
    ge_lo & !gt_hi & HIGH_BITS
}

/// The ASCII letters and digits among the eight bytes of `x` (loaded
/// little-endian: byte `k` of the text is bits `8k..8k+8`), as the high
/// bit of each such byte: what [`u8::is_ascii_alphanumeric`] says of each
/// byte, eight at a time (checked for every byte value at every position
/// by the tests).
#[inline(always)]
pub(crate) const fn ascii_alnum_bits(x: u64) -> u64 {
    (in_range7(x, b'0', b'9') | in_range7(x | CASE_BITS, b'a', b'z')) & !x & HIGH_BITS
}

/// How many of the eight bytes of `x` (loaded little-endian) lead the
/// text before the first byte without its bit in `bits` (a mask from
/// [`ascii_alnum_bits`]): 8 when every byte has it.
#[inline(always)]
pub(crate) const fn leading_run(bits: u64) -> usize {
    ((!bits & HIGH_BITS).trailing_zeros() / 8) as usize
}

/// The eight bytes of `bytes` from `i`, little-endian, when there are
/// eight.
#[inline(always)]
pub(crate) fn load8(bytes: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = bytes.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-parallel classes are the byte methods', for every byte
    /// value at every position, whatever the other bytes hold.
    #[test]
    fn eight_byte_classes_are_the_byte_methods() {
        for background in [0u8, b'a', b'Z', b'0', b' ', 0x7F, 0x80, 0xC3, 0xFF] {
            for pos in 0..8 {
                for b in 0..=255u8 {
                    let mut w = [background; 8];
                    w[pos] = b;
                    let x = u64::from_le_bytes(w);
                    let alnum = ascii_alnum_bits(x);
                    for (k, &v) in w.iter().enumerate() {
                        let bit = 0x80u64 << (8 * k);
                        assert_eq!(alnum & bit != 0, v.is_ascii_alphanumeric(), "{w:?}");
                        if v.is_ascii_alphanumeric() {
                            let lower = ((x | CASE_BITS) >> (8 * k)) as u8;
                            assert_eq!(lower, v.to_ascii_lowercase());
                        }
                    }
                    let run = w.iter().take_while(|v| v.is_ascii_alphanumeric()).count();
                    assert_eq!(leading_run(alnum), run, "{w:?}");
                }
            }
        }
        assert_eq!(load8(b"abcdefgh", 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(load8(b"abcdefgh", 1), None);
    }

    /// [`Props`] says of every character below U+0800 what the functions
    /// it stands for say.
    #[test]
    fn props_are_the_functions() {
        for u in 0..TABLE_END {
            let Some(c) = char::from_u32(u) else { continue };
            let p = Props::of(c).expect("below U+0800");
            assert_eq!(p.is_alphabetic(), is_alphabetic(c), "{u:x}");
            assert_eq!(p.is_numeric(), is_numeric(c), "{u:x}");
            assert_eq!(p.is_alphanumeric(), is_alphanumeric(c), "{u:x}");
            assert_eq!(p.is_whitespace(), is_whitespace(c), "{u:x}");
            assert_eq!(p.is_uppercase(), is_uppercase(c), "{u:x}");
            let mut want = String::new();
            push_lower(c, &mut want);
            match p.lower() {
                Some(l) => assert_eq!(want, l.to_string(), "{u:x}"),
                None => assert!(want.chars().count() > 1, "{u:x}"),
            }
        }
        assert!(Props::of('\u{800}').is_none());
    }

    /// Every code point of the table and of the shortcut blocks, plus a
    /// stride through the rest: the same answers as the standard library.
    #[test]
    fn same_answers_as_std() {
        let blocks = [0..0x800u32, 0x3000..0x3100, 0x4E00..0xA000, 0xAC00..0xD800];
        let stride = (0x800..0x11_0000u32).step_by(7);
        for u in blocks.into_iter().flatten().chain(stride) {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{u:#x}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{u:#x}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{u:#x}");
            assert_eq!(is_whitespace(c), c.is_whitespace(), "{u:#x}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{u:#x}");
            let mut ours = String::new();
            push_lower(c, &mut ours);
            let std: String = c.to_lowercase().collect();
            assert_eq!(ours, std, "{u:#x}");
            let mut bytes = [0u8; 8];
            let room = 2 * c.len_utf8();
            let n = write_lower_utf8(c, &mut bytes[..room]);
            assert_eq!(&bytes[..n], std.as_bytes(), "{u:#x}");
        }
    }

    /// [`write_lower_utf8`]'s room, and the fold's `FOLD_GROWTH` in
    /// `repeats.rs`: no lower case takes more than twice its character's
    /// bytes, and an ASCII character's takes one.
    #[test]
    fn lower_case_fits_twice_the_bytes() {
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let lower: usize = c.to_lowercase().map(char::len_utf8).sum();
            assert!(lower <= 2 * c.len_utf8(), "{:#x}", c as u32);
            assert!(!c.is_ascii() || lower == 1);
            let mut bytes = [0u8; 8];
            let n = write_lower_utf8(c, &mut bytes[..2 * c.len_utf8()]);
            assert_eq!(n, lower, "{:#x}", c as u32);
        }
    }

    #[test]
    fn two_byte_chars_decode_as_std_does() {
        for b0 in 0..=255u8 {
            for b1 in 0..=255u8 {
                let bytes = [b0, b1, b'x'];
                let std = bytes.utf8_chunks().next().and_then(|ch| {
                    let v = ch.valid();
                    (v.len() >= 2).then(|| v.chars().next()).flatten()
                });
                let std = std.filter(|c| c.len_utf8() == 2);
                assert_eq!(two_byte_char(&bytes), std, "{b0:#x} {b1:#x}");
            }
        }
        assert_eq!(two_byte_char(&[0xD0]), None);
    }

    #[test]
    fn three_byte_chars_decode_as_std_does() {
        let first =
            |bytes: &[u8]| bytes.utf8_chunks().next().and_then(|ch| ch.valid().chars().next());
        for b0 in 0xC0..=0xFFu8 {
            for b1 in 0..=255u8 {
                for b2 in 0..=255u8 {
                    let bytes = [b0, b1, b2, b'x'];
                    let std = first(&bytes).filter(|c| c.len_utf8() == 3);
                    assert_eq!(three_byte_char(&bytes), std, "{b0:#x} {b1:#x} {b2:#x}");
                }
            }
        }
        assert_eq!(three_byte_char(&[0xE4, 0xB8]), None);
    }

    /// Decoding step by step gives what `utf8_chunks` gives on the whole:
    /// every sequence of up to three bytes drawn from interesting values,
    /// between ASCII bytes and at the ends, plus four-byte characters.
    #[test]
    fn decode_steps_agree_with_utf8_chunks() {
        fn whole(bytes: &[u8]) -> Vec<Option<char>> {
            let mut out = Vec::new();
            for chunk in bytes.utf8_chunks() {
                out.extend(chunk.valid().chars().map(Some));
                if !chunk.invalid().is_empty() {
                    out.push(None);
                }
            }
            out
        }
        fn steps(bytes: &[u8]) -> Vec<Option<char>> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let (c, n) = decode(&bytes[i..]);
                assert!(n >= 1 && i + n <= bytes.len());
                assert!(c.map_or(n <= 3, |c| c.len_utf8() == n));
                out.push(c);
                i += n;
            }
            out
        }
        let values: Vec<u8> = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xD0, 0xDF,
            0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        .to_vec();
        for &a in &values {
            for &b in &values {
                for &c in &values {
                    for &d in &values {
                        let bytes = [a, b, c, d, b'x', a, b];
                        assert_eq!(steps(&bytes), whole(&bytes), "{bytes:x?}");
                    }
                }
            }
        }
        let text = "a\u{e9}\u{4e2d}\u{1F600}\u{10FFFF}z";
        assert_eq!(steps(text.as_bytes()), whole(text.as_bytes()));
        assert_eq!(steps(b"\xF0\x9F\x98"), whole(b"\xF0\x9F\x98"));
    }

    #[test]
    fn the_shortcut_blocks_are_plain_letters() {
        for u in [0x4E00..=0x9FFF, 0x3041..=0x3096, 0x30A1..=0x30FA, 0xAC00..=0xD7A3]
            .into_iter()
            .flatten()
        {
            let c = char::from_u32(u).unwrap();
            assert!(c.is_alphabetic() && !c.is_numeric() && !c.is_uppercase(), "{u:#x}");
            assert!(c.to_lowercase().eq([c]), "{u:#x}");
        }
        let mut s = String::new();
        push_lower('İ', &mut s);
        push_lower('Ж', &mut s);
        assert_eq!(s, "i\u{307}ж");
    }
}
