//! Compression: detection by magic bytes and file extension, streaming
//! decoders, and whole-buffer encoders.
//!
//! Compressed output is written as a sequence of independent members (gzip)
//! or frames (zstd), each compressed separately — which lets the batch
//! engine compress pieces of one output file on several threads and still
//! produce a single valid `.gz` / `.zst` file that every standard tool
//! (`gzip -d`, `zstd -d`, [`flate2::read::MultiGzDecoder`]) reads whole.

use std::io::{self, Read, Write};
use std::path::Path;

/// The compression of an input or output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compression {
    /// Uncompressed bytes.
    None,
    /// gzip, possibly of several members (Common Crawl WET files).
    Gzip,
    /// Zstandard, possibly of several frames.
    Zstd,
}

/// gzip's magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Zstandard's frame magic number, little-endian.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// gzip level used for output: zlib's default, a good ratio at speed.
const GZIP_LEVEL: u32 = 6;
/// zstd level used for output: the library default.
const ZSTD_LEVEL: i32 = 3;

impl Compression {
    /// Compression named by the magic bytes at the start of `head`, if any.
    ///
    /// ```
    /// use deboil::io::Compression;
    /// assert_eq!(Compression::from_magic(&[0x1f, 0x8b, 8, 0]), Some(Compression::Gzip));
    /// assert_eq!(Compression::from_magic(b"hello"), None);
    /// ```
    pub fn from_magic(head: &[u8]) -> Option<Compression> {
        if head.starts_with(&GZIP_MAGIC) {
            Some(Compression::Gzip)
        } else if head.starts_with(&ZSTD_MAGIC) {
            Some(Compression::Zstd)
        } else {
            None
        }
    }

    /// Compression named by the file name's last extension (`.gz`, `.zst`,
    /// `.zstd`), if any.
    pub fn from_path(path: &Path) -> Option<Compression> {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("gz") => Some(Compression::Gzip),
            Some(e) if e.eq_ignore_ascii_case("zst") || e.eq_ignore_ascii_case("zstd") => {
                Some(Compression::Zstd)
            }
            _ => None,
        }
    }

    /// The file extension for this compression, without the dot (`None` for
    /// uncompressed).
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Compression::None => None,
            Compression::Gzip => Some("gz"),
            Compression::Zstd => Some("zst"),
        }
    }

    /// A short name: `none`, `gz`, `zst`.
    pub fn as_str(self) -> &'static str {
        self.extension().unwrap_or("none")
    }

    /// Wrap `reader` in a streaming decoder for this compression.
    ///
    /// gzip input may hold several members (they are read as one stream);
    /// zstd input may hold several frames. A truncated or corrupt stream
    /// makes a later `read` fail with an [`io::Error`].
    pub fn decoder<'a, R: Read + Send + 'a>(
        self,
        reader: R,
    ) -> io::Result<Box<dyn Read + Send + 'a>> {
        Ok(match self {
            Compression::None => Box::new(reader),
            Compression::Gzip => Box::new(GzipReader::new(reader)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(reader)?),
        })
    }

    /// Append `data` to `out` as one independent member (gzip) or frame
    /// (zstd); uncompressed data is appended as it is.
    pub fn encode_into(self, data: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Compression::None => out.extend_from_slice(data),
            Compression::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(
                    std::mem::take(out),
                    flate2::Compression::new(GZIP_LEVEL),
                );
                enc.write_all(data)?;
                *out = enc.finish()?;
            }
            Compression::Zstd => {
                let mut enc = zstd::stream::write::Encoder::new(std::mem::take(out), ZSTD_LEVEL)?;
                enc.include_contentsize(true)?;
                enc.set_pledged_src_size(Some(data.len() as u64))?;
                enc.write_all(data)?;
                *out = enc.finish()?;
            }
        }
        Ok(())
    }
}

/// A multi-member gzip reader that also rejects trailing garbage and
/// truncation with a clear message.
///
/// [`flate2::read::MultiGzDecoder`] already reads every member; this wrapper
/// only turns its `UnexpectedEof` into a message that says the file is
/// truncated.
struct GzipReader<R: Read> {
    inner: flate2::read::MultiGzDecoder<io::BufReader<R>>,
}

impl<R: Read> GzipReader<R> {
    fn new(reader: R) -> GzipReader<R> {
        GzipReader {
            inner: flate2::read::MultiGzDecoder::new(io::BufReader::with_capacity(
                256 << 10,
                reader,
            )),
        }
    }
}

impl<R: Read> Read for GzipReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                io::Error::new(io::ErrorKind::UnexpectedEof, "truncated gzip stream")
            }
            _ => io::Error::new(e.kind(), format!("corrupt gzip stream: {e}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(c: Compression, pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in pieces {
            c.encode_into(p, &mut out).unwrap();
        }
        let mut dec = c.decoder(&out[..]).unwrap();
        let mut back = Vec::new();
        dec.read_to_end(&mut back).unwrap();
        back
    }

    #[test]
    fn members_concatenate() {
        for c in [Compression::None, Compression::Gzip, Compression::Zstd] {
            assert_eq!(roundtrip(c, &[b"abc\n", b"", b"def"]), b"abc\ndef", "{c:?}");
            assert_eq!(roundtrip(c, &[b""]), b"", "{c:?}");
        }
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let mut out = Vec::new();
        Compression::Gzip.encode_into(&[b'x'; 10_000], &mut out).unwrap();
        out.truncate(out.len() / 2);
        let mut back = Vec::new();
        let err = Compression::Gzip.decoder(&out[..]).unwrap().read_to_end(&mut back).unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
    }

    #[test]
    fn corrupt_zstd_is_an_error() {
        let mut out = Vec::new();
        Compression::Zstd.encode_into(&[b'y'; 10_000], &mut out).unwrap();
        let n = out.len();
        out[n / 2] ^= 0xff;
        out[n - 2] ^= 0xff;
        let mut back = Vec::new();
        assert!(Compression::Zstd.decoder(&out[..]).unwrap().read_to_end(&mut back).is_err());
    }

    #[test]
    fn magic_and_extension() {
        assert_eq!(Compression::from_magic(&ZSTD_MAGIC), Some(Compression::Zstd));
        assert_eq!(Compression::from_path(Path::new("a.jsonl.GZ")), Some(Compression::Gzip));
        assert_eq!(Compression::from_path(Path::new("a.jsonl.zst")), Some(Compression::Zstd));
        assert_eq!(Compression::from_path(Path::new("a.jsonl")), None);
    }
}
