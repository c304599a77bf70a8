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

/// The directories output files of this process created (see
/// [`AtomicFile::create`]): when a file is dropped without a commit, those
/// of its parents left empty are removed again, so that a run stopped early
/// (`--strict`, Ctrl-C) leaves no empty directories, and a directory that
/// was there before is never removed. A directory leaves the set when a
/// file is committed into it, so the set holds only directories of files in
/// flight (memory does not grow with the output tree).
static MADE_DIRS: std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<PathBuf>>> =
    std::sync::LazyLock::new(Default::default);

impl AtomicFile {
    /// Start writing `dest` (creating its directory if needed).
    pub(crate) fn create(dest: &Path) -> io::Result<AtomicFile> {
        let dir = dest.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if !dir.is_dir() {
            let missing = dir
                .ancestors()
                .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
                .map(Path::to_path_buf);
            let mut made = MADE_DIRS.lock().unwrap_or_else(|e| e.into_inner());
            made.extend(missing);
            fs::create_dir_all(dir)?;
        }
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}{TEMP_SUFFIX}", std::process::id()));
        let file = match File::create(&tmp) {
            Ok(f) => f,
            Err(e) => {
                remove_made_dirs(dir);
                return Err(e);
            }
        };
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
        if let Some(dir) = self.tmp.parent() {
            let mut made = MADE_DIRS.lock().unwrap_or_else(|e| e.into_inner());
            if !made.is_empty() {
                // Its directory and their parents now hold a file: never removed.
                for d in dir.ancestors() {
                    if !made.remove(d) {
                        break;
                    }
                }
            }
        }
        self.tmp = PathBuf::new();
        Ok(())
    }
}

/// Remove `dir` and its parents while they are empty and were made by this
/// process ([`MADE_DIRS`]): another file in one of them keeps it and its
/// parents.
fn remove_made_dirs(dir: &Path) {
    let mut made = MADE_DIRS.lock().unwrap_or_else(|e| e.into_inner());
    for d in dir.ancestors() {
        if !made.contains(d) || fs::remove_dir(d).is_err() {
            break;
        }
        made.remove(d);
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.tmp.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.tmp);
            if let Some(dir) = self.tmp.parent() {
                remove_made_dirs(dir);
            }
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

        // Directories made for a file that is never committed go with it;
        // one that holds another output stays.
        let deep = dir.join("new/deeper/out.txt");
        let mut d = AtomicFile::create(&deep).unwrap();
        d.write_all(b"x").unwrap();
        drop(d);
        assert!(!dir.join("new").exists(), "empty directories left behind");
        let kept = dir.join("new/a/kept.txt");
        let mut a = AtomicFile::create(&kept).unwrap();
        let mut b = AtomicFile::create(&dir.join("new/a/b/gone.txt")).unwrap();
        a.write_all(b"a").unwrap();
        b.write_all(b"b").unwrap();
        a.commit().unwrap();
        drop(b);
        assert!(kept.exists() && !dir.join("new/a/b").exists());
        // Two files in a new directory, dropped one after the other: the
        // directory goes with the last, whichever made it.
        let (one, two) = (dir.join("new/c/1.txt"), dir.join("new/c/2.txt"));
        let (f1, f2) = (AtomicFile::create(&one).unwrap(), AtomicFile::create(&two).unwrap());
        drop(f1);
        assert!(dir.join("new/c").exists());
        drop(f2);
        assert!(!dir.join("new/c").exists() && dir.join("new/a").exists());
        // A directory that was there before is never removed.
        fs::create_dir_all(dir.join("old")).unwrap();
        drop(AtomicFile::create(&dir.join("old/x.txt")).unwrap());
        assert!(dir.join("old").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}
