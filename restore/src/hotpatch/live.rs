//! The live-process backend: mappings from `/proc/PID/maps`, memory through `/proc/PID/mem`.
//! Reading needs ptrace-read permission on the process (root, or a tracer); writing through
//! `/proc/PID/mem` works even on read-only pages (the kernel uses FOLL_FORCE), which is what the
//! patcher needs for RELRO-protected GOTs.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use linux_sys::pid::Pid;

use super::guest::{
    AddressSpace, FileIdentity, GuestAccessError, GuestAddr, GuestMemory, GuestMemoryWrite,
    Mapping, PROT_EXEC, PROT_READ, PROT_WRITE,
};

/// A running (preferably stopped) process seen through /proc.
#[derive(Debug)]
pub struct LiveProcess {
    pid: Pid,
    mem: File,
    writable: bool,
}

impl LiveProcess {
    /// Opens `/proc/PID/mem` for reading only.
    pub fn open(pid: Pid) -> Result<LiveProcess, GuestAccessError> {
        Self::open_inner(pid, false)
    }

    /// Opens `/proc/PID/mem` for reading and writing (for [`super::apply`]).
    pub fn open_rw(pid: Pid) -> Result<LiveProcess, GuestAccessError> {
        Self::open_inner(pid, true)
    }

    fn open_inner(pid: Pid, writable: bool) -> Result<LiveProcess, GuestAccessError> {
        let path = format!("/proc/{pid}/mem");
        let mem = OpenOptions::new()
            .read(true)
            .write(writable)
            .open(&path)
            .map_err(|source| GuestAccessError::Mappings {
                guest: format!("process {pid}"),
                source,
            })?;
        Ok(LiveProcess { pid, mem, writable })
    }

    pub fn pid(&self) -> Pid {
        self.pid
    }

    fn guest(&self) -> String {
        format!("process {}", self.pid)
    }
}

/// Parses the text of a `/proc/PID/maps` file.
pub fn parse_proc_maps(text: &str, guest: &str) -> Result<Vec<Mapping>, GuestAccessError> {
    let mut out = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || GuestAccessError::MapsSyntax {
            guest: guest.to_string(),
            line: idx + 1,
            text: line.to_string(),
        };
        let mut fields = line.splitn(6, ' ');
        let range = fields.next().ok_or_else(bad)?;
        let perms = fields.next().ok_or_else(bad)?;
        let offset = fields.next().ok_or_else(bad)?;
        let dev = fields.next().ok_or_else(bad)?;
        let inode = fields.next().ok_or_else(bad)?;
        let name = fields.next().unwrap_or("").trim_start();
        let (start, end) = range.split_once('-').ok_or_else(bad)?;
        let start = u64::from_str_radix(start, 16).map_err(|_| bad())?;
        let end = u64::from_str_radix(end, 16).map_err(|_| bad())?;
        let offset = u64::from_str_radix(offset, 16).map_err(|_| bad())?;
        let (major, minor) = dev.split_once(':').ok_or_else(bad)?;
        let major = u32::from_str_radix(major, 16).map_err(|_| bad())?;
        let minor = u32::from_str_radix(minor, 16).map_err(|_| bad())?;
        let ino: u64 = inode.parse().map_err(|_| bad())?;
        let p = perms.as_bytes();
        let mut prot = 0;
        if p.first() == Some(&b'r') {
            prot |= PROT_READ;
        }
        if p.get(1) == Some(&b'w') {
            prot |= PROT_WRITE;
        }
        if p.get(2) == Some(&b'x') {
            prot |= PROT_EXEC;
        }
        let (path, identity) = if ino != 0 && name.starts_with('/') {
            let clean = name.strip_suffix(" (deleted)").unwrap_or(name);
            let identity = FileIdentity {
                dev: libc::makedev(major, minor),
                ino,
                size: None,
                mtime_ns: None,
            };
            (Some(PathBuf::from(clean)), Some(identity))
        } else {
            (None, None)
        };
        out.push(Mapping {
            start: GuestAddr(start),
            end: GuestAddr(end),
            prot,
            offset,
            path,
            identity,
        });
    }
    Ok(out)
}

impl AddressSpace for LiveProcess {
    fn mappings(&self) -> Result<Vec<Mapping>, GuestAccessError> {
        let text =
            std::fs::read_to_string(format!("/proc/{}/maps", self.pid)).map_err(|source| {
                GuestAccessError::Mappings {
                    guest: self.guest(),
                    source,
                }
            })?;
        parse_proc_maps(&text, &self.guest())
    }
}

impl GuestMemory for LiveProcess {
    fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), GuestAccessError> {
        self.mem
            .read_exact_at(buf, addr.0)
            .map_err(|source| GuestAccessError::Read {
                guest: self.guest(),
                addr,
                len: buf.len(),
                source,
            })
    }
}

impl GuestMemoryWrite for LiveProcess {
    fn write(&mut self, addr: GuestAddr, data: &[u8]) -> Result<(), GuestAccessError> {
        if !self.writable {
            return Err(GuestAccessError::ReadOnly {
                guest: format!("{} (opened read-only)", self.guest()),
            });
        }
        self.mem
            .write_all_at(data, addr.0)
            .map_err(|source| GuestAccessError::Write {
                guest: self.guest(),
                addr,
                len: data.len(),
                source,
            })
    }
}
