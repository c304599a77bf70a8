//! A growable read buffer over a byte stream that hands out record slices
//! as [`Bytes`] without copying them.
//!
//! Records are cut from the front of the buffer with [`StreamBuf::take`];
//! each cut shares the buffer's allocation, which is freed when the last
//! record cut from it is dropped. Only an incomplete record at the end of
//! the buffer is ever copied (into the next allocation). Memory therefore
//! stays proportional to the records in flight, not to the stream.

use std::io::{self, Read};

use bytes::{Bytes, BytesMut};

/// Bytes asked of the underlying reader per `read` call at most.
const READ_STEP: usize = 256 << 10;
/// Fresh capacity reserved when the buffer runs out of room.
const RESERVE: usize = 1 << 20;

/// A read buffer over `R` (see the module documentation).
pub(crate) struct StreamBuf<R> {
    inner: R,
    buf: BytesMut,
    /// Stream offset of `buf[0]`.
    offset: u64,
    eof: bool,
}

impl<R: Read> StreamBuf<R> {
    pub(crate) fn new(inner: R) -> StreamBuf<R> {
        StreamBuf { inner, buf: BytesMut::new(), offset: 0, eof: false }
    }

    /// The buffered, not yet taken bytes.
    pub(crate) fn data(&self) -> &[u8] {
        &self.buf
    }

    /// Stream offset of the first buffered byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Whether the underlying reader is exhausted.
    pub(crate) fn at_eof(&self) -> bool {
        self.eof
    }

    /// Read more bytes into the buffer. Returns how many were added; 0 means
    /// the end of the stream.
    pub(crate) fn fill(&mut self) -> io::Result<usize> {
        if self.eof {
            return Ok(0);
        }
        let len = self.buf.len();
        if self.buf.capacity() - len < READ_STEP / 4 {
            self.buf.reserve(RESERVE.max(len));
        }
        let step = (self.buf.capacity() - len).min(READ_STEP);
        self.buf.resize(len + step, 0);
        let result = loop {
            match self.inner.read(&mut self.buf[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        match result {
            Ok(n) => {
                self.buf.truncate(len + n);
                if n == 0 {
                    self.eof = true;
                }
                Ok(n)
            }
            Err(e) => {
                self.buf.truncate(len);
                Err(e)
            }
        }
    }

    /// Fill until at least `n` bytes are buffered or the stream ends.
    /// Returns whether `n` bytes are available.
    pub(crate) fn fill_to(&mut self, n: usize) -> io::Result<bool> {
        while self.buf.len() < n {
            if self.fill()? == 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Cut the first `n` buffered bytes off as a shared slice.
    pub(crate) fn take(&mut self, n: usize) -> Bytes {
        self.offset += n as u64;
        self.buf.split_to(n).freeze()
    }

    /// Drop the first `n` buffered bytes.
    pub(crate) fn discard(&mut self, n: usize) {
        self.offset += n as u64;
        let _ = self.buf.split_to(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most 3 bytes per call.
    struct Trickle<'a>(&'a [u8]);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(buf.len()).min(3);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn takes_and_offsets() {
        let mut s = StreamBuf::new(Trickle(b"hello world"));
        assert!(s.fill_to(5).unwrap());
        assert_eq!(&s.take(5)[..], b"hello");
        assert_eq!(s.offset(), 5);
        s.discard(1);
        assert!(!s.fill_to(100).unwrap());
        assert!(s.at_eof());
        assert_eq!(s.data(), b"world");
    }
}
