//! Input and output formats for batch cleaning: plain text documents, JSONL
//! records and WARC/WET records, uncompressed, gzip or zstd.
//!
//! * [`open`] detects an input's [`Compression`] (by magic bytes) and
//!   [`Format`] (by file extension, else by content) and returns a
//!   decompressing reader.
//! * [`RecordReader`] cuts that stream into [`Record`]s with bounded memory:
//!   a plain text file is one document; a JSONL file is one record per line
//!   ([`jsonl`]); a WARC file is one record per WARC record ([`warc`]).
//! * A record's cleanable text, with its id and URL, is a [`Document`].
//!
//! ```
//! use deboil::io::{open, Format, Compression, Record, RecordReader};
//! let input = open(&b"{\"text\":\"hello\"}\n{\"text\":\"bye\"}\n"[..], None, None).unwrap();
//! assert_eq!(input.format, Format::Jsonl);
//! assert_eq!(input.compression, Compression::None);
//! let mut records = RecordReader::new(input.reader, input.format);
//! let mut n = 0;
//! while let Some(record) = records.next_record() {
//!     assert!(matches!(record.unwrap(), Record::Jsonl(_)));
//!     n += 1;
//! }
//! assert_eq!(n, 2);
//! ```

mod compress;
pub mod jsonl;
mod stream;
pub mod warc;

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use bytes::Bytes;

pub use compress::Compression;
pub use jsonl::{JsonlLine, JsonlReader, JsonlRecord};
pub use warc::{WarcReader, WarcRecord};

/// The shape of an input or output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One plain text document (one block per line).
    Text,
    /// One JSON object per line, the text in a string field.
    Jsonl,
    /// WARC records (Common Crawl WARC and WET files).
    Warc,
}

impl Format {
    /// The format named by a file name's extension, after any compression
    /// extension: `.txt`/`.text` → text; `.jsonl`/`.ndjson`/`.jl` → JSONL;
    /// `.warc`/`.wet` → WARC. `None` for anything else.
    ///
    /// ```
    /// use deboil::io::Format;
    /// use std::path::Path;
    /// assert_eq!(Format::from_path(Path::new("CC-1.warc.wet.gz")), Some(Format::Warc));
    /// assert_eq!(Format::from_path(Path::new("shard.jsonl.zst")), Some(Format::Jsonl));
    /// assert_eq!(Format::from_path(Path::new("a.input.txt")), Some(Format::Text));
    /// assert_eq!(Format::from_path(Path::new("README")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = ["gz", "zst", "zstd"]
            .iter()
            .find_map(|c| name.strip_suffix(&format!(".{c}")))
            .unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" | "jl" => Some(Format::Jsonl),
            "warc" | "wet" => Some(Format::Warc),
            _ => None,
        }
    }

    /// Guess the format from the first bytes of the (decompressed) stream:
    /// `WARC/` starts WARC; a first line that parses as a JSON object (or,
    /// if longer than `head`, starts with `{"`) starts JSONL; anything else
    /// is text.
    pub fn sniff(head: &[u8]) -> Format {
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let (first, complete) = match memchr::memchr(b'\n', head) {
            Some(i) => (&head[..i], true),
            None => (head, head.len() < SNIFF_BYTES),
        };
        let first = first.trim_ascii();
        if !first.starts_with(b"{") {
            return Format::Text;
        }
        let object = if complete {
            serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first).is_ok()
        } else {
            first.starts_with(b"{\"")
        };
        if object {
            Format::Jsonl
        } else {
            Format::Text
        }
    }

    /// A short name: `text`, `jsonl`, `warc`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An opened input: its detected compression and format, and a reader of
/// its decompressed bytes.
pub struct Input {
    /// Compression found by magic bytes.
    pub compression: Compression,
    /// Format: forced, or from the file name, or sniffed from the content.
    pub format: Format,
    /// The decompressed bytes.
    pub reader: Box<dyn Read + Send>,
}

impl fmt::Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input")
            .field("compression", &self.compression)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

/// Bytes of decompressed input looked at to sniff the format.
const SNIFF_BYTES: usize = 8 << 10;

/// Open `reader` as an input: detect compression by magic bytes, then the
/// format (`forced`, else from `path`'s extension, else sniffed).
///
/// A file whose name says `.gz` or `.zst` but whose content has no such
/// magic bytes is an error (a damaged or mislabelled file), except when it
/// is empty.
pub fn open<R: Read + Send + 'static>(
    mut reader: R,
    path: Option<&Path>,
    forced: Option<Format>,
) -> io::Result<Input> {
    let mut magic = Vec::with_capacity(4);
    read_up_to(&mut reader, &mut magic, 4)?;
    let compression = match Compression::from_magic(&magic) {
        Some(c) => c,
        None => match path.and_then(Compression::from_path) {
            Some(c) if !magic.is_empty() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("not a {} file (no {} magic bytes)", c.as_str(), c.as_str()),
                ))
            }
            _ => Compression::None,
        },
    };
    let raw = io::Cursor::new(magic).chain(reader);
    let mut decoded = compression.decoder(raw)?;
    let format = match forced.or_else(|| path.and_then(Format::from_path)) {
        Some(f) => f,
        None => {
            let mut head = Vec::with_capacity(SNIFF_BYTES);
            read_up_to(&mut decoded, &mut head, SNIFF_BYTES)?;
            let format = Format::sniff(&head);
            decoded = Box::new(io::Cursor::new(head).chain(decoded));
            format
        }
    };
    Ok(Input { compression, format, reader: decoded })
}

/// Read until `buf` holds `n` bytes or the stream ends.
fn read_up_to<R: Read + ?Sized>(r: &mut R, buf: &mut Vec<u8>, n: usize) -> io::Result<()> {
    r.take((n - buf.len()) as u64).read_to_end(buf).map(|_| ())
}

/// One document: the text to clean, and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// An identifier: the file's path, the JSONL record's `id` field, or the
    /// WARC-Record-ID.
    pub id: Option<String>,
    /// The page's URL: the JSONL record's `url` field or the WARC record's
    /// `WARC-Target-URI`. Kept for stages that work across the documents of
    /// one site.
    pub url: Option<String>,
    /// The text, one block per line.
    pub text: Bytes,
}

/// One record of an input stream, before parsing.
#[derive(Clone, Debug)]
pub enum Record {
    /// A whole plain text document.
    Text(Bytes),
    /// One line of a JSONL stream (blank lines included).
    Jsonl(JsonlLine),
    /// One WARC record.
    Warc(WarcRecord),
}

/// Why reading an input stream failed, at which record.
#[derive(Debug)]
pub struct InputError {
    record: Option<u64>,
    fatal: bool,
    message: String,
}

impl InputError {
    /// The 1-based record the error is about (a JSONL line number, a WARC
    /// record number), if any.
    pub fn record(&self) -> Option<u64> {
        self.record
    }

    /// Whether the stream ended with this error (read errors, truncation)
    /// rather than skipping one bad record.
    pub fn is_fatal(&self) -> bool {
        self.fatal
    }

    /// The message, without the record number.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(n) => write!(f, "record {n}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for InputError {}

/// Cuts a decompressed stream into [`Record`]s of one [`Format`].
pub struct RecordReader {
    kind: Kind,
}

enum Kind {
    Text(Option<Box<dyn Read + Send>>),
    Jsonl(JsonlReader<Box<dyn Read + Send>>, u64),
    Warc(WarcReader<Box<dyn Read + Send>>),
}

impl RecordReader {
    /// Read `format` records from `reader`.
    pub fn new(reader: Box<dyn Read + Send>, format: Format) -> RecordReader {
        let kind = match format {
            Format::Text => Kind::Text(Some(reader)),
            Format::Jsonl => Kind::Jsonl(JsonlReader::new(reader), 0),
            Format::Warc => Kind::Warc(WarcReader::new(reader)),
        };
        RecordReader { kind }
    }

    /// The next record, `None` at the end of the stream, or an error. After
    /// a fatal error (see [`InputError::is_fatal`]) the stream is over.
    pub fn next_record(&mut self) -> Option<Result<Record, InputError>> {
        match &mut self.kind {
            Kind::Text(reader) => {
                let mut reader = reader.take()?;
                let mut text = Vec::new();
                Some(match reader.read_to_end(&mut text) {
                    Ok(_) => Ok(Record::Text(Bytes::from(text))),
                    Err(e) => Err(InputError { record: None, fatal: true, message: e.to_string() }),
                })
            }
            Kind::Jsonl(reader, last) => match reader.next_line()? {
                Ok(line) => {
                    *last = line.number;
                    Some(Ok(Record::Jsonl(line)))
                }
                Err(e) => Some(Err(InputError {
                    record: Some(*last + 1),
                    fatal: true,
                    message: e.to_string(),
                })),
            },
            Kind::Warc(reader) => Some(match reader.next_record()? {
                Ok(rec) => Ok(Record::Warc(rec)),
                Err(e) => Err(InputError {
                    record: Some(e.record),
                    fatal: e.fatal,
                    message: format!("{} (offset {})", e.message, e.offset),
                }),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"{\"text\": \"a\"}\n{"), Format::Jsonl);
        assert_eq!(Format::sniff(b"{\"text\": \"a\"} trailing\n"), Format::Text);
        assert_eq!(Format::sniff(b"  {\"text\": \"a\"}  "), Format::Jsonl);
        assert_eq!(Format::sniff(b"{curly} text\nmore"), Format::Text);
        assert_eq!(Format::sniff(b"Hello\n"), Format::Text);
        assert_eq!(Format::sniff(b""), Format::Text);
    }

    #[test]
    fn opens_compressed_by_magic() {
        let mut gz = Vec::new();
        Compression::Gzip.encode_into(b"WARC/1.0\r\n", &mut gz).unwrap();
        let input = open(io::Cursor::new(gz), Some(Path::new("x.bin")), None).unwrap();
        assert_eq!((input.compression, input.format), (Compression::Gzip, Format::Warc));
        let err = open(&b"plain"[..], Some(Path::new("x.jsonl.gz")), None).unwrap_err();
        assert!(err.to_string().contains("not a gz file"), "{err}");
        let empty = open(&b""[..], Some(Path::new("x.jsonl.gz")), None).unwrap();
        assert_eq!((empty.compression, empty.format), (Compression::None, Format::Jsonl));
    }
}
