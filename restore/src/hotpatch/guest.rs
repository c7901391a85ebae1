//! What the planner and the patcher need from a guest: its mappings ([`AddressSpace`]) and its
//! memory ([`GuestMemory`], [`GuestMemoryWrite`]). A live process ([`super::LiveProcess`]) and an
//! image directory ([`super::ImageProcess`]) implement them; so can the cross-ISA restorer, whose
//! guest memory lives in its own address space.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// An address in the guest's address space (never dereferenced by the planner itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GuestAddr(pub u64);

impl fmt::Display for GuestAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

impl GuestAddr {
    /// `self + off`, wrapping (addresses here come from guest data and must never panic).
    pub fn offset(self, off: u64) -> GuestAddr {
        GuestAddr(self.0.wrapping_add(off))
    }
}

/// Protection bits of a mapping, as mmap's PROT_* values.
pub const PROT_READ: u32 = 1;
/// See [`PROT_READ`].
pub const PROT_WRITE: u32 = 2;
/// See [`PROT_READ`].
pub const PROT_EXEC: u32 = 4;

/// Which file a mapping maps, as the source host saw it (to refuse a changed file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileIdentity {
    /// `st_dev` in glibc's `makedev` encoding; 0 when unknown.
    pub dev: u64,
    pub ino: u64,
    /// `st_size` when known (images record it; /proc/PID/maps does not).
    pub size: Option<u64>,
    /// `st_mtime` in nanoseconds when known.
    pub mtime_ns: Option<i64>,
}

/// One mapping of the guest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub start: GuestAddr,
    pub end: GuestAddr,
    /// PROT_* bits.
    pub prot: u32,
    /// Offset in the mapped file (0 for anonymous memory).
    pub offset: u64,
    /// The mapped file's path (`None` for anonymous memory and pseudo files like `[heap]`).
    pub path: Option<PathBuf>,
    pub identity: Option<FileIdentity>,
}

impl Mapping {
    pub fn contains(&self, addr: GuestAddr) -> bool {
        self.start <= addr && addr < self.end
    }
    pub fn len(&self) -> u64 {
        self.end.0.saturating_sub(self.start.0)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn is_exec(&self) -> bool {
        self.prot & PROT_EXEC != 0
    }
}

/// Reading or writing guest memory, or listing its mappings, failed.
#[derive(Debug, Error)]
pub enum GuestAccessError {
    #[error("listing the mappings of {guest}: {source}; check that the process exists and that this tool may trace it")]
    Mappings {
        guest: String,
        source: std::io::Error,
    },
    #[error("{guest}: line {line} of its maps is malformed ({text:?})")]
    MapsSyntax {
        guest: String,
        line: usize,
        text: String,
    },
    #[error("reading {len} bytes at {addr} of {guest}: {source}")]
    Read {
        guest: String,
        addr: GuestAddr,
        len: usize,
        source: std::io::Error,
    },
    #[error("writing {len} bytes at {addr} of {guest}: {source}")]
    Write {
        guest: String,
        addr: GuestAddr,
        len: usize,
        source: std::io::Error,
    },
    #[error("{addr} (+{len} bytes) is not mapped in {guest}")]
    NotMapped {
        guest: String,
        addr: GuestAddr,
        len: usize,
    },
    #[error("reading {addr} of {guest} from the image: {detail}")]
    Image {
        guest: String,
        addr: GuestAddr,
        detail: String,
    },
    #[error("{guest} is read-only here (an image): apply the plan to the restored process")]
    ReadOnly { guest: String },
}

/// The guest's mappings.
pub trait AddressSpace {
    /// Every mapping, in address order.
    fn mappings(&self) -> Result<Vec<Mapping>, GuestAccessError>;
}

/// Reads guest memory at guest addresses.
pub trait GuestMemory {
    /// Fills `buf` from `addr`; fails unless every byte is readable.
    fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), GuestAccessError>;

    /// Reads a little-endian u64.
    fn read_u64(&self, addr: GuestAddr) -> Result<u64, GuestAccessError> {
        let mut b = [0u8; 8];
        self.read(addr, &mut b)?;
        Ok(u64::from_le_bytes(b))
    }
}

/// Writes guest memory (used by [`super::apply`]).
pub trait GuestMemoryWrite: GuestMemory {
    /// Writes all of `data` at `addr`, whatever the mapping's protection.
    fn write(&mut self, addr: GuestAddr, data: &[u8]) -> Result<(), GuestAccessError>;
}
