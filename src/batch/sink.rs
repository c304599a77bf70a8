//! Output files written atomically: to a temporary file in the destination
//! directory, renamed over the final name only when complete. A run that is
//! interrupted or fails on a file leaves no half-written output under the
//! final name; `resume` therefore only has to look for the final name.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::plan::TEMP_SUFFIX;

/// An output file being written (see the module documentation). Dropping it
/// without [`AtomicFile::commit`] removes the temporary file.
pub(crate) struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Start writing `dest` (creating its directory if needed).
    pub(crate) fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}{TEMP_SUFFIX}", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            file: Some(BufWriter::with_capacity(64 << 10, file)),
        })
    }

    /// Append `data`.
    pub(crate) fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.write_all(data),
            None => Err(io::Error::other("output already closed")),
        }
    }

    /// Flush and close the temporary file, keeping it for [`AtomicFile::commit`]
    /// (a file written by a worker thread, committed later in input order,
    /// holds no file descriptor meanwhile).
    pub(crate) fn close(&mut self) -> io::Result<()> {
        if let Some(f) = self.file.take() {
            let file = f.into_inner().map_err(|e| e.into_error())?;
            drop(file);
        }
        Ok(())
    }

    /// Flush (unless closed) and rename the temporary file to the final name.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        self.close()?;
        fs::rename(&self.tmp, &self.dest)?;
        self.tmp = PathBuf::new();
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.tmp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_renames_and_drop_removes() {
        let dir = std::env::temp_dir().join(format!("deboil-sink-{}", std::process::id()));
        let dest = dir.join("sub/out.txt");
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"hello").unwrap();
        assert!(!dest.exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"hello");

        let other = dir.join("sub/other.txt");
        let mut g = AtomicFile::create(&other).unwrap();
        g.write_all(b"partial").unwrap();
        drop(g);
        assert!(!other.exists());
        let left: Vec<_> = fs::read_dir(dir.join("sub")).unwrap().collect();
        assert_eq!(left.len(), 1, "temp file left behind");

        // Closed (no descriptor held), then committed or dropped.
        let third = dir.join("sub/third.txt");
        let mut h = AtomicFile::create(&third).unwrap();
        h.write_all(b"closed").unwrap();
        h.close().unwrap();
        assert!(h.write_all(b"more").is_err());
        assert!(!third.exists());
        h.commit().unwrap();
        assert_eq!(fs::read(&third).unwrap(), b"closed");
        let fourth = dir.join("sub/fourth.txt");
        let mut k = AtomicFile::create(&fourth).unwrap();
        k.write_all(b"closed").unwrap();
        k.close().unwrap();
        drop(k);
        assert!(!fourth.exists());
        let left: Vec<_> = fs::read_dir(dir.join("sub")).unwrap().collect();
        assert_eq!(left.len(), 2, "temp file left behind");
        fs::remove_dir_all(&dir).unwrap();
    }
}
