//! Where log lines go: stderr by default, or the file named by `-o/--log-file`.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use anyhow::Context;

/// A small leveled logger shared by the subcommands: `-v` repeated raises the level.
pub struct Log {
    level: u8,
    file: Option<Mutex<File>>,
}

impl Log {
    /// Opens the log. `verbosity` is the number of `-v` flags.
    pub fn open(log_file: Option<&Path>, verbosity: u8) -> anyhow::Result<Log> {
        let file = match log_file {
            Some(p) => {
                Some(Mutex::new(File::create(p).with_context(|| {
                    format!("creating log file {}", p.display())
                })?))
            }
            None => None,
        };
        Ok(Log {
            level: verbosity,
            file,
        })
    }

    /// The log file's descriptor, when logging to a file (a translated restore keeps the
    /// guest's fds off it).
    pub fn file_fd(&self) -> Option<i32> {
        use std::os::fd::AsRawFd;
        self.file
            .as_ref()
            .and_then(|f| f.lock().ok().map(|f| f.as_raw_fd()))
    }

    /// Logs `msg` if the verbosity is at least `level` (0 = always).
    pub fn at(&self, level: u8, msg: &str) {
        if level > self.level && self.file.is_none() {
            return;
        }
        match &self.file {
            Some(f) => {
                if let Ok(mut f) = f.lock() {
                    let _ = writeln!(f, "{msg}");
                }
            }
            None => eprintln!("{msg}"),
        }
    }
}
