//! The syscall registration table, indexed by x86_64 syscall number.

use super::{raw, SysCtx};

/// A translating implementation: gets the six raw arguments, returns the value for RAX.
pub type SysFn = fn(&mut SysCtx<'_>, [u64; 6]) -> i64;

/// One syscall's handling.
#[derive(Clone, Copy, Debug)]
pub enum Entry {
    /// Same ABI on the host: call host syscall `host` with the arguments unchanged.
    Passthrough { name: &'static str, host: i64 },
    /// Structures, flags or semantics differ: run `f`.
    Translate { name: &'static str, f: SysFn },
    /// Refused: returns -ENOSYS and logs the reason once.
    Unsupported {
        name: &'static str,
        reason: &'static str,
    },
}

impl Entry {
    pub fn name(&self) -> &'static str {
        match self {
            Entry::Passthrough { name, .. }
            | Entry::Translate { name, .. }
            | Entry::Unsupported { name, .. } => name,
        }
    }
}

/// Highest x86_64 syscall number + 1 the table covers.
pub const TABLE_SIZE: usize = 512;

pub struct Table {
    entries: Vec<Option<Entry>>,
}

impl Default for Table {
    fn default() -> Self {
        Self::new()
    }
}

impl Table {
    pub fn new() -> Table {
        Table {
            entries: vec![None; TABLE_SIZE],
        }
    }

    /// Registers (or replaces) the entry for x86_64 syscall `nr`.
    pub fn set(&mut self, nr: usize, e: Entry) {
        if nr < TABLE_SIZE {
            self.entries[nr] = Some(e);
        }
    }

    pub fn passthrough(&mut self, nr: usize, name: &'static str, host: i64) {
        self.set(nr, Entry::Passthrough { name, host });
    }

    pub fn translate(&mut self, nr: usize, name: &'static str, f: SysFn) {
        self.set(nr, Entry::Translate { name, f });
    }

    pub fn unsupported(&mut self, nr: usize, name: &'static str, reason: &'static str) {
        self.set(nr, Entry::Unsupported { name, reason });
    }

    pub fn get(&self, nr: u64) -> Option<&Entry> {
        self.entries.get(usize::try_from(nr).ok()?)?.as_ref()
    }

    /// All registered entries (number, entry).
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Entry)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(n, e)| e.as_ref().map(|e| (n, e)))
    }

    pub fn dispatch(&self, nr: u64, cx: &mut SysCtx<'_>, args: [u64; 6]) -> i64 {
        match self.get(nr) {
            Some(Entry::Passthrough { host, .. }) => raw::syscall6(*host, args),
            Some(Entry::Translate { f, .. }) => f(cx, args),
            Some(Entry::Unsupported { name, reason }) => {
                if cx.proc.report_once(nr) {
                    eprintln!("xlate: guest syscall {name} ({nr}) unsupported: {reason}; returning -ENOSYS");
                }
                -raw::ENOSYS
            }
            None => {
                if cx.proc.report_once(nr) {
                    eprintln!("xlate: guest syscall {nr} not in the table; returning -ENOSYS");
                }
                -raw::ENOSYS
            }
        }
    }
}
