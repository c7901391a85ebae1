//! A file being written under a temporary name (`<name>.tmp`, mode 0600) and renamed into place
//! only when complete, so an interrupted write never leaves a file that looks finished.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::WriteImageError;

/// Suffix of files still being written.
pub(crate) const TMP_SUFFIX: &str = ".tmp";

/// The temporary and final names of one file being written. Dropping it without `commit`
/// removes the temporary file.
#[derive(Debug)]
pub(crate) struct PendingFile {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl PendingFile {
    /// Creates `<dest>.tmp` (replacing a stale one from an earlier crash) with mode 0600.
    pub(crate) fn create(dest: PathBuf) -> Result<(Self, File), WriteImageError> {
        let mut tmp_name = dest.clone().into_os_string();
        tmp_name.push(TMP_SUFFIX);
        let tmp = PathBuf::from(tmp_name);
        match fs::remove_file(&tmp) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(WriteImageError::Create { path: tmp, source }),
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|source| WriteImageError::Create {
                path: tmp.clone(),
                source,
            })?;
        Ok((
            PendingFile {
                tmp,
                dest,
                committed: false,
            },
            file,
        ))
    }

    /// The name the file will have once committed.
    pub(crate) fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flushes `file` to stable storage and renames it to its final name.
    pub(crate) fn commit(mut self, file: File, len: u64) -> Result<(), WriteImageError> {
        file.sync_data().map_err(|source| WriteImageError::Io {
            path: self.tmp.clone(),
            offset: len,
            source,
        })?;
        drop(file);
        fs::rename(&self.tmp, &self.dest).map_err(|source| WriteImageError::Rename {
            from: self.tmp.clone(),
            to: self.dest.clone(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a leftover *.tmp is harmless (never taken for a finished file).
            let _ = fs::remove_file(&self.tmp);
        }
    }
}
