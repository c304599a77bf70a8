//! A small streaming WARC reader and writer (WARC/1.0 and WARC/1.1), enough
//! to clean Common Crawl WET files and plain-text WARC responses.
//!
//! A record is a version line (`WARC/1.0`), header lines (`Name: value`),
//! an empty line, a block of exactly `Content-Length` bytes, and two CRLFs.
//! [`WarcReader`] holds one record at a time beyond what the caller keeps,
//! whatever the file's size.
//!
//! ## What is cleaned
//!
//! * `conversion` records (WET): the whole block is the page's text.
//! * `response` records whose HTTP `Content-Type` is `text/plain` and whose
//!   body has neither a `Content-Encoding` nor a `Transfer-Encoding`: the
//!   HTTP body after the HTTP headers; the HTTP headers are kept and their
//!   `Content-Length`, if any, corrected. Other responses (HTML, images,
//!   compressed or chunked bodies) are not plain text and are copied
//!   unchanged.
//! * Every other record (`warcinfo`, `request`, `metadata`, …) is copied
//!   unchanged.
//!
//! When a cleaned record's block changes, its WARC `Content-Length` is
//! corrected and its `WARC-Block-Digest` / `WARC-Payload-Digest` (SHA-1,
//! base32, as Common Crawl writes them) are recomputed; a digest in another
//! algorithm is removed rather than left wrong. Every other header line is
//! copied byte for byte.
//!
//! ## Errors
//!
//! A malformed version line or header, a missing or invalid
//! `Content-Length`, or a block not followed by CRLF CRLF is reported for
//! that record; the reader then skips to the next line starting with
//! `WARC/1.` and goes on. A block cut short by the end of the stream ends
//! the stream with an error.

use std::fmt;
use std::io::{self, Read};
use std::ops::Range;

use bytes::Bytes;

use super::stream::StreamBuf;

/// Header blocks larger than this are malformed (garbage, not WARC).
const MAX_HEADER_BYTES: usize = 1 << 20;
/// Records with a larger block are skipped with an error rather than held
/// in memory (a corrupt `Content-Length` must not make the reader buffer
/// the rest of a multi-gigabyte file).
pub const MAX_RECORD_BYTES: usize = 256 << 20;

/// One header line: byte ranges into the record's head.
#[derive(Clone, Debug)]
struct HeaderLine {
    name: Range<usize>,
    value: Range<usize>,
    /// The whole line including its terminator.
    line: Range<usize>,
}

/// One WARC record, its header block parsed and its content block as a
/// shared slice of the read buffer.
#[derive(Clone, Debug)]
pub struct WarcRecord {
    number: u64,
    offset: u64,
    head: Bytes,
    headers: Vec<HeaderLine>,
    block: Bytes,
}

/// Why a WARC record could not be read.
#[derive(Debug)]
pub struct WarcError {
    /// 1-based number of the record.
    pub record: u64,
    /// Offset of the record in the decompressed stream.
    pub offset: u64,
    /// Whether the stream can go on after it (false for read errors and
    /// truncation).
    pub fatal: bool,
    /// What is wrong.
    pub message: String,
    /// The underlying I/O error, if any.
    pub io: Option<io::Error>,
}

impl fmt::Display for WarcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record {} (offset {}): {}", self.record, self.offset, self.message)
    }
}

impl std::error::Error for WarcError {}

impl WarcRecord {
    /// 1-based number of the record in its stream.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// Byte offset of the record in the decompressed stream.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The content block.
    pub fn block(&self) -> &Bytes {
        &self.block
    }

    /// The first header named `name` (case-insensitive), as UTF-8 with
    /// surrounding whitespace trimmed.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| self.head[h.name.clone()].eq_ignore_ascii_case(name.as_bytes()))
            .and_then(|h| std::str::from_utf8(&self.head[h.value.clone()]).ok())
            .map(str::trim)
    }

    /// `WARC-Type` (`conversion`, `response`, `warcinfo`, …).
    pub fn warc_type(&self) -> Option<&str> {
        self.header("WARC-Type")
    }

    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers
    /// put around it.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(|u| u.trim_start_matches('<').trim_end_matches('>'))
    }

    /// `WARC-Record-ID`.
    pub fn record_id(&self) -> Option<&str> {
        self.header("WARC-Record-ID")
    }

    /// The range of the block that holds plain text to clean, if any (see
    /// the module documentation for which records have one).
    pub fn text_range(&self) -> Option<Range<usize>> {
        match self.warc_type()? {
            t if t.eq_ignore_ascii_case("conversion") => Some(0..self.block.len()),
            t if t.eq_ignore_ascii_case("response") => {
                let http = HttpHead::parse(&self.block)?;
                let plain = http
                    .header(&self.block, "content-type")
                    .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("text/plain"));
                let encoded = http.header(&self.block, "content-encoding").is_some_and(|v| {
                    !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("identity")
                }) || http.header(&self.block, "transfer-encoding").is_some();
                (plain && !encoded).then_some(http.len..self.block.len())
            }
            _ => None,
        }
    }

    /// Append this record to `out` with `text_range()` of the block replaced
    /// by `text`, correcting `Content-Length` and digests. Without a text
    /// range, or when `text` equals it, the record is copied unchanged.
    pub fn write_with_text(&self, text: &[u8], out: &mut Vec<u8>) {
        let range = match self.text_range() {
            Some(r) if self.block[r.clone()] != *text => r,
            _ => {
                self.write_unchanged(out);
                return;
            }
        };
        // The new block: the HTTP head (if any) with a corrected
        // Content-Length, then the text.
        let mut block = Vec::with_capacity(range.start + text.len() + 16);
        if range.start > 0 {
            let http = HttpHead::parse(&self.block).expect("text range implies an HTTP head");
            http.write_with_length(&self.block, text.len(), &mut block);
        }
        block.extend_from_slice(text);
        let payload = &block[block.len() - text.len()..];

        out.reserve(self.head.len() + block.len() + 4);
        let mut last = 0;
        for h in &self.headers {
            out.extend_from_slice(&self.head[last..h.line.start]);
            last = h.line.end;
            let name = &self.head[h.name.clone()];
            let value = if name.eq_ignore_ascii_case(b"Content-Length") {
                Some(block.len().to_string())
            } else if name.eq_ignore_ascii_case(b"WARC-Block-Digest") {
                redigest(&self.head[h.value.clone()], &block)
            } else if name.eq_ignore_ascii_case(b"WARC-Payload-Digest") {
                redigest(&self.head[h.value.clone()], payload)
            } else {
                out.extend_from_slice(&self.head[h.line.clone()]);
                continue;
            };
            if let Some(value) = value {
                let line = &self.head[h.line.clone()];
                let term: &[u8] = if line.ends_with(b"\r\n") { b"\r\n" } else { b"\n" };
                out.extend_from_slice(name);
                out.extend_from_slice(b": ");
                out.extend_from_slice(value.as_bytes());
                out.extend_from_slice(term);
            }
        }
        out.extend_from_slice(&self.head[last..]);
        out.extend_from_slice(&block);
        out.extend_from_slice(b"\r\n\r\n");
    }

    /// Append this record to `out` as it was read (trailing CRLFs normalised).
    pub fn write_unchanged(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&self.block);
        out.extend_from_slice(b"\r\n\r\n");
    }
}

/// `sha1:<base32>` of `data` if `old` is a SHA-1 digest; `None` (remove the
/// header) for any other algorithm, which we cannot recompute.
fn redigest(old: &[u8], data: &[u8]) -> Option<String> {
    let old = std::str::from_utf8(old).ok()?.trim();
    let (alg, _) = old.split_once(':')?;
    if !alg.eq_ignore_ascii_case("sha1") {
        return None;
    }
    let digest = sha1_smol::Sha1::from(data).digest().bytes();
    Some(format!("{alg}:{}", base32(&digest)))
}

/// RFC 4648 base32, upper case, no padding needed for 20 bytes.
fn base32(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(data.len().div_ceil(5) * 8);
    let (mut acc, mut bits) = (0u64, 0u32);
    for &b in data {
        acc = (acc << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    while !out.len().is_multiple_of(8) {
        out.push('=');
    }
    out
}

/// The HTTP status line and headers at the start of a response block.
struct HttpHead {
    /// Header lines (name and value ranges, whole line range).
    headers: Vec<HeaderLine>,
    /// Length of the head, blank line included.
    len: usize,
}

impl HttpHead {
    fn parse(block: &[u8]) -> Option<HttpHead> {
        if !block.starts_with(b"HTTP/") {
            return None;
        }
        let mut pos = memchr::memchr(b'\n', block)? + 1;
        let mut headers = Vec::new();
        loop {
            let end = pos + memchr::memchr(b'\n', &block[pos..])? + 1;
            let line = &block[pos..end];
            let content = trim_eol(line);
            if content.is_empty() {
                return Some(HttpHead { headers, len: end });
            }
            if let Some(colon) = memchr::memchr(b':', content) {
                headers.push(HeaderLine {
                    name: pos..pos + colon,
                    value: pos + colon + 1..pos + content.len(),
                    line: pos..end,
                });
            }
            pos = end;
        }
    }

    fn header<'b>(&self, block: &'b [u8], name: &str) -> Option<&'b str> {
        self.headers
            .iter()
            .find(|h| block[h.name.clone()].trim_ascii().eq_ignore_ascii_case(name.as_bytes()))
            .and_then(|h| std::str::from_utf8(&block[h.value.clone()]).ok())
    }

    /// Append the head with its `Content-Length` (if any) set to `len`.
    fn write_with_length(&self, block: &[u8], len: usize, out: &mut Vec<u8>) {
        let mut last = 0;
        for h in &self.headers {
            if block[h.name.clone()].trim_ascii().eq_ignore_ascii_case(b"content-length") {
                out.extend_from_slice(&block[last..h.value.start]);
                out.extend_from_slice(format!(" {len}").as_bytes());
                last = h.value.end;
            }
        }
        out.extend_from_slice(&block[last..self.len]);
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Reads [`WarcRecord`]s from a (decompressed) stream.
pub struct WarcReader<R> {
    buf: StreamBuf<R>,
    number: u64,
    done: bool,
}

/// What parsing a header block found.
enum Head {
    /// Complete and valid: head length, headers, content length.
    Ok(usize, Vec<HeaderLine>, usize),
    /// Not enough bytes buffered yet.
    Incomplete,
    /// Malformed, with a message.
    Bad(String),
}

impl<R: Read> WarcReader<R> {
    /// Read records from `inner` (already decompressed).
    pub fn new(inner: R) -> WarcReader<R> {
        WarcReader { buf: StreamBuf::new(inner), number: 0, done: false }
    }

    /// Bytes consumed from the stream so far.
    pub fn position(&self) -> u64 {
        self.buf.offset()
    }

    /// The next record, `None` at the end, or an error for one record (after
    /// which reading goes on unless [`WarcError::fatal`]).
    pub fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        if self.done {
            return None;
        }
        let r = self.read_record();
        if let Some(Err(e)) = &r {
            if e.fatal {
                self.done = true;
            }
        }
        r
    }

    fn error(&self, offset: u64, fatal: bool, message: String, io: Option<io::Error>) -> WarcError {
        WarcError { record: self.number, offset, fatal, message, io }
    }

    fn io_error(&self, e: io::Error) -> WarcError {
        self.error(self.buf.offset(), true, e.to_string(), Some(e))
    }

    fn read_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        // Skip blank lines between records (lenient about extra CRLFs).
        loop {
            let data = self.buf.data();
            let skip = data.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            if skip > 0 {
                self.buf.discard(skip);
            }
            if !self.buf.data().is_empty() {
                break;
            }
            match self.buf.fill() {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(self.io_error(e))),
            }
        }
        self.number += 1;
        let offset = self.buf.offset();
        let (head_len, headers, content_len) = loop {
            match parse_head(self.buf.data(), self.buf.at_eof()) {
                Head::Ok(h, hs, c) => break (h, hs, c),
                Head::Bad(msg) => {
                    let e = self.error(offset, false, msg, None);
                    return Some(self.resync(e));
                }
                Head::Incomplete => match self.buf.fill() {
                    Ok(0) => {
                        let e = self.error(
                            offset,
                            true,
                            "truncated: the stream ends inside the header block".into(),
                            None,
                        );
                        return Some(Err(e));
                    }
                    Ok(_) => {}
                    Err(e) => return Some(Err(self.io_error(e))),
                },
            }
        };
        if content_len > MAX_RECORD_BYTES {
            return Some(self.skip_huge(offset, head_len, content_len));
        }
        let total = head_len + content_len;
        match self.buf.fill_to(total + 4) {
            Ok(_) => {}
            Err(e) => return Some(Err(self.io_error(e))),
        }
        let have = self.buf.data().len();
        if have < total {
            let e = self.error(
                offset,
                true,
                format!(
                    "truncated: Content-Length is {content_len} but the stream ends after {} bytes",
                    have - head_len
                ),
                None,
            );
            return Some(Err(e));
        }
        let trailer = &self.buf.data()[total..have.min(total + 4)];
        let trailer_ok = trailer == b"\r\n\r\n"
            || trailer.starts_with(b"\n\n")
            || (self.buf.at_eof() && b"\r\n\r\n".starts_with(trailer))
            || (self.buf.at_eof() && trailer == b"\n");
        if !trailer_ok {
            let e = self.error(
                offset,
                false,
                format!(
                    "the {content_len}-byte block (Content-Length) is not followed by CRLF CRLF; \
                     wrong Content-Length?"
                ),
                None,
            );
            return Some(self.resync(e));
        }
        let trailer_len = if trailer.starts_with(b"\n\n") { 2 } else { trailer.len() };
        let head = self.buf.take(head_len);
        let block = self.buf.take(content_len);
        self.buf.discard(trailer_len);
        Some(Ok(WarcRecord { number: self.number, offset, head, headers, block }))
    }

    /// Stream past a record too large to hold, and report it.
    fn skip_huge(
        &mut self,
        offset: u64,
        head_len: usize,
        content_len: usize,
    ) -> Result<WarcRecord, WarcError> {
        let mut left = head_len + content_len;
        while left > 0 {
            if self.buf.data().is_empty() {
                match self.buf.fill() {
                    Ok(0) => {
                        let msg = format!("truncated: Content-Length is {content_len}");
                        return Err(self.error(offset, true, msg, None));
                    }
                    Ok(_) => {}
                    Err(e) => return Err(self.io_error(e)),
                }
            }
            let n = left.min(self.buf.data().len());
            self.buf.discard(n);
            left -= n;
        }
        Err(self.error(
            offset,
            false,
            format!("record too large ({content_len} bytes, limit {MAX_RECORD_BYTES}): skipped"),
            None,
        ))
    }

    /// Skip to the next line that starts with `WARC/1.` and return `e`.
    fn resync(&mut self, e: WarcError) -> Result<WarcRecord, WarcError> {
        const NEEDLE: &[u8] = b"\nWARC/1.";
        // Start past the first byte so the bad record's own version line
        // is not found again.
        let mut from = 1;
        loop {
            let data = self.buf.data();
            if let Some(i) = memchr::memmem::find(&data[from.min(data.len())..], NEEDLE) {
                self.buf.discard(from + i + 1);
                return Err(e);
            }
            let keep = NEEDLE.len() - 1;
            if data.len() > keep + from {
                let n = data.len() - keep;
                self.buf.discard(n);
                from = 0;
            }
            match self.buf.fill() {
                Ok(0) => {
                    let n = self.buf.data().len();
                    self.buf.discard(n);
                    self.done = true;
                    return Err(e);
                }
                Ok(_) => {}
                Err(io) => {
                    self.done = true;
                    return Err(self.io_error(io));
                }
            }
        }
    }
}

/// Parse a header block at the start of `data`.
fn parse_head(data: &[u8], eof: bool) -> Head {
    let Some(nl) = memchr::memchr(b'\n', data) else {
        if data.len() > MAX_HEADER_BYTES || (eof && !data.is_empty()) {
            return Head::Bad(format!(
                "malformed WARC header: expected a version line like WARC/1.0, found {:?}",
                preview(data)
            ));
        }
        return Head::Incomplete;
    };
    let version = trim_eol(&data[..=nl]);
    if !is_version(version) {
        return Head::Bad(format!(
            "malformed WARC header: expected a version line like WARC/1.0, found {:?}",
            preview(version)
        ));
    }
    let mut pos = nl + 1;
    let mut headers: Vec<HeaderLine> = Vec::with_capacity(12);
    loop {
        let Some(i) = memchr::memchr(b'\n', &data[pos..]) else {
            if data.len() > MAX_HEADER_BYTES {
                return Head::Bad("malformed WARC header: header block too large".into());
            }
            return Head::Incomplete;
        };
        let end = pos + i + 1;
        let content = trim_eol(&data[pos..end]);
        if content.is_empty() {
            pos = end;
            break;
        }
        if content[0] == b' ' || content[0] == b'\t' {
            // A folded continuation line: extend the previous header.
            match headers.last_mut() {
                Some(h) => {
                    h.value.end = pos + content.len();
                    h.line.end = end;
                }
                None => return Head::Bad("malformed WARC header: continuation line first".into()),
            }
        } else {
            let Some(colon) = memchr::memchr(b':', content) else {
                return Head::Bad(format!(
                    "malformed WARC header line {:?} (no colon)",
                    preview(content)
                ));
            };
            if colon == 0 {
                return Head::Bad(format!("malformed WARC header line {:?}", preview(content)));
            }
            headers.push(HeaderLine {
                name: pos..pos + colon,
                value: pos + colon + 1..pos + content.len(),
                line: pos..end,
            });
        }
        pos = end;
    }
    let lengths: Vec<&HeaderLine> = headers
        .iter()
        .filter(|h| data[h.name.clone()].eq_ignore_ascii_case(b"Content-Length"))
        .collect();
    let len = match lengths.as_slice() {
        [] => return Head::Bad("missing Content-Length".into()),
        [h] => &data[h.value.clone()],
        _ => return Head::Bad("more than one Content-Length".into()),
    };
    let text = String::from_utf8_lossy(len.trim_ascii());
    match text.parse::<u64>() {
        Ok(n) if !text.starts_with('+') => match usize::try_from(n) {
            Ok(n) => Head::Ok(pos, headers, n),
            Err(_) => Head::Bad(format!("Content-Length {n} too large")),
        },
        _ => Head::Bad(format!("invalid Content-Length {text:?}")),
    }
}

fn is_version(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"WARC/") else { return false };
    let mut parts = rest.split(|&b| b == b'.');
    let digits =
        |p: Option<&[u8]>| p.is_some_and(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit));
    digits(parts.next()) && digits(parts.next()) && parts.next().is_none()
}

fn preview(data: &[u8]) -> String {
    let end = data.len().min(40);
    let mut s = String::from_utf8_lossy(&data[..end]).into_owned();
    if data.len() > end {
        s.push('…');
    }
    s
}

/// Build a WARC record (for tests and tools): `headers` in order, then
/// `Content-Length`, then the block.
pub fn build_record(version: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(version.as_bytes());
    out.extend_from_slice(b"\r\n");
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(data: &[u8]) -> Vec<Result<WarcRecord, String>> {
        let mut r = WarcReader::new(data);
        let mut out = Vec::new();
        while let Some(rec) = r.next_record() {
            out.push(rec.map_err(|e| e.to_string()));
        }
        out
    }

    fn conversion(uri: &str, text: &str) -> Vec<u8> {
        build_record(
            "WARC/1.0",
            &[
                ("WARC-Type", "conversion"),
                ("WARC-Target-URI", uri),
                ("WARC-Record-ID", "<urn:uuid:1>"),
                ("WARC-Block-Digest", "sha1:AAAA"),
            ],
            text.as_bytes(),
        )
    }

    #[test]
    fn reads_records() {
        let mut data = build_record("WARC/1.0", &[("WARC-Type", "warcinfo")], b"software: x\r\n");
        data.extend(conversion("http://a.example/", "Hello\nWorld\n"));
        let recs = read_all(&data);
        assert_eq!(recs.len(), 2);
        let r = recs[1].as_ref().unwrap();
        assert_eq!(r.warc_type(), Some("conversion"));
        assert_eq!(r.target_uri(), Some("http://a.example/"));
        assert_eq!(&r.block()[..], b"Hello\nWorld\n");
        assert_eq!(r.text_range(), Some(0..12));
        assert_eq!(recs[0].as_ref().unwrap().text_range(), None);
        let mut out = Vec::new();
        for r in &recs {
            r.as_ref().unwrap().write_unchanged(&mut out);
        }
        assert_eq!(out, data);
    }

    #[test]
    fn rewrites_length_and_digest() {
        let data = conversion("<http://a.example/>", "Hello\nWorld\n");
        let rec = read_all(&data).pop().unwrap().unwrap();
        assert_eq!(rec.target_uri(), Some("http://a.example/"));
        let mut out = Vec::new();
        rec.write_with_text(b"World\n", &mut out);
        let back = read_all(&out).pop().unwrap().unwrap();
        assert_eq!(&back.block()[..], b"World\n");
        assert_eq!(back.header("Content-Length"), Some("6"));
        // sha1("World\n") in base32.
        let d = sha1_smol::Sha1::from(b"World\n").digest().bytes();
        assert_eq!(back.header("WARC-Block-Digest").unwrap(), format!("sha1:{}", base32(&d)));
        assert_eq!(back.header("WARC-Target-URI"), Some("<http://a.example/>"));
    }

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
        assert_eq!(base32(b"f"), "MY======");
    }

    #[test]
    fn plain_text_responses_only() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nA\nB\nC\n";
        let data = build_record("WARC/1.1", &[("WARC-Type", "response")], http);
        let rec = read_all(&data).pop().unwrap().unwrap();
        let r = rec.text_range().unwrap();
        assert_eq!(&rec.block()[r], b"A\nB\nC\n");
        let mut out = Vec::new();
        rec.write_with_text(b"B\n", &mut out);
        let back = read_all(&out).pop().unwrap().unwrap();
        assert!(back.block().ends_with(b"Content-Length: 2\r\n\r\nB\n"), "{:?}", back.block());
        for other in [
            &b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>"[..],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n\r\nxx",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
        ] {
            let data = build_record("WARC/1.1", &[("WARC-Type", "response")], other);
            assert_eq!(read_all(&data).pop().unwrap().unwrap().text_range(), None);
        }
    }

    #[test]
    fn malformed_headers_resync() {
        let mut data = conversion("u1", "one\n");
        data.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: abc\r\n\r\nxyz\r\n\r\n",
        );
        data.extend(conversion("u3", "three\n"));
        data.extend_from_slice(
            b"WARC/1.0\r\nWARC-Type conversion\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
        );
        data.extend(conversion("u5", "five\n"));
        let recs = read_all(&data);
        assert_eq!(recs.len(), 5, "{recs:?}");
        assert_eq!(
            recs[1].as_ref().unwrap_err(),
            &format!(
                "record 2 (offset {}): invalid Content-Length \"abc\"",
                conversion("u1", "one\n").len()
            )
        );
        assert_eq!(recs[2].as_ref().unwrap().target_uri(), Some("u3"));
        assert!(recs[3].as_ref().unwrap_err().contains("record 4"));
        assert!(recs[3].as_ref().unwrap_err().contains("no colon"));
        assert_eq!(recs[4].as_ref().unwrap().target_uri(), Some("u5"));
    }

    #[test]
    fn wrong_content_length_is_caught() {
        let mut data = conversion("u1", "one\n");
        let good = data.clone();
        let n = data.len();
        // Claim one byte fewer than the block has.
        let s = String::from_utf8(data.clone())
            .unwrap()
            .replace("Content-Length: 4", "Content-Length: 3");
        data = s.into_bytes();
        assert_eq!(data.len(), n);
        data.extend(conversion("u2", "two\n"));
        let recs = read_all(&data);
        assert!(recs[0].as_ref().unwrap_err().contains("not followed by CRLF CRLF"), "{recs:?}");
        assert_eq!(recs[1].as_ref().unwrap().target_uri(), Some("u2"));
        assert_eq!(recs.len(), 2);
        let _ = good;
    }

    #[test]
    fn truncation_is_fatal() {
        let data = conversion("u1", "one two three\n");
        let recs = read_all(&data[..data.len() - 8]);
        assert_eq!(recs.len(), 1);
        let e = recs[0].as_ref().unwrap_err();
        assert!(e.contains("truncated: Content-Length is 14"), "{e}");
        let recs = read_all(&data[..20]);
        assert!(recs[0].as_ref().unwrap_err().contains("truncated"), "{recs:?}");
    }

    #[test]
    fn garbage_is_one_error() {
        let recs = read_all(b"hello world\nthis is not warc\n");
        assert_eq!(recs.len(), 1);
        assert!(recs[0].as_ref().unwrap_err().contains("expected a version line"));
    }
}
