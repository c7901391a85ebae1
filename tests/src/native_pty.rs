//! A pseudo-terminal for the suites that need a terminal: `--shell-job` (a subject whose
//! controlling terminal it is) and the progress bars (hmcr's stderr on it). Everything written to
//! the terminal side is collected from the master by a reader thread.

use std::ffi::CStr;
use std::fs::File;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pty pair: the master is kept here, the terminal side is opened by path when needed.
#[derive(Debug)]
pub struct Pty {
    /// Keeps the pty alive; the reader thread reads a duplicate.
    _master: File,
    slave: PathBuf,
    output: Arc<Mutex<Vec<u8>>>,
}

fn check(ret: libc::c_int, what: &str) -> std::io::Result<libc::c_int> {
    if ret < 0 {
        let e = std::io::Error::last_os_error();
        Err(std::io::Error::new(e.kind(), format!("{what}: {e}")))
    } else {
        Ok(ret)
    }
}

impl Pty {
    /// Opens a new pty (24 rows, 120 columns) and starts collecting what is written to it.
    pub fn open() -> std::io::Result<Pty> {
        // SAFETY: plain syscalls on a descriptor we own; ptsname_r writes at most buf.len()
        // bytes into buf.
        let (master, slave) = unsafe {
            let fd = check(
                libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC),
                "posix_openpt",
            )?;
            let master = File::from(OwnedFd::from_raw_fd(fd));
            check(libc::grantpt(fd), "grantpt")?;
            check(libc::unlockpt(fd), "unlockpt")?;
            let mut buf = [0 as libc::c_char; 128];
            let rc = libc::ptsname_r(fd, buf.as_mut_ptr(), buf.len());
            if rc != 0 {
                return Err(std::io::Error::from_raw_os_error(rc));
            }
            let ws = libc::winsize {
                ws_row: 24,
                ws_col: 120,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            check(
                libc::ioctl(fd, libc::TIOCSWINSZ, &ws as *const libc::winsize),
                "TIOCSWINSZ",
            )?;
            let path = CStr::from_ptr(buf.as_ptr()).to_string_lossy().into_owned();
            (master, PathBuf::from(path))
        };
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone()?;
        let sink = Arc::clone(&output);
        // Reads fail with EIO while no terminal side is open (between a subject's end and its
        // restore, for instance): retry until the Pty is dropped.
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while Arc::strong_count(&sink) > 1 {
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        if let Ok(mut out) = sink.lock() {
                            out.extend_from_slice(&buf[..n]);
                        }
                    }
                    _ => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Ok(Pty {
            _master: master,
            slave,
            output,
        })
    }

    /// Path of the terminal side (`/dev/pts/N`).
    pub fn terminal_path(&self) -> &Path {
        &self.slave
    }

    /// Opens the terminal side without making it anyone's controlling terminal.
    pub fn open_terminal(&self) -> std::io::Result<File> {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(&self.slave)
    }

    /// Everything written to the terminal so far (lossy UTF-8).
    pub fn text(&self) -> String {
        let bytes = self.output.lock().map(|o| o.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Waits until the terminal output contains `needle`; false on timeout.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.text().contains(needle) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
