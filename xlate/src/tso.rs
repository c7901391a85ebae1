//! x86 memory ordering (TSO) on aarch64, for guests with more than one thread.
//!
//! x86 guarantees that a thread's loads are not reordered with its other loads, its stores not
//! with its other stores, and a load not with a later store; only a store followed by a load
//! (to another address) may be reordered. aarch64 allows all four. Code that passes messages
//! through plain `mov`s (seqlocks, lock-free queues, glibc's and the compiler's release/acquire
//! idioms, which compile to plain moves on x86) relies on the three orders.
//!
//! Strategy: barriers between guest memory accesses, emitted per guest instruction from its
//! memory-access info (iced-x86's `used_memory`, which includes implicit stack and string
//! accesses; the interpreter's helpers are covered too because the barriers surround the whole
//! instruction):
//! - before an instruction that accesses memory, when a load happened since the last barrier
//!   that orders loads: `DMB ISHLD` (orders earlier loads before every later load and store);
//! - before an instruction that writes memory, when a store happened since the last barrier
//!   that orders stores: `DMB ISHST` (orders earlier stores before later stores); both needed:
//!   one `DMB ISH`;
//! - LOCK-prefixed instructions, XCHG with memory and MFENCE are full barriers on x86: `DMB ISH`
//!   before and after (the LSE atomics are acquire-release already; the barriers also order the
//!   surrounding plain accesses, store→load included).
//!
//! A block starts with both kinds of access assumed pending (its predecessor is unknown), so
//! the first access of every block pays a barrier. No barrier is ever needed between a store
//! and a later load: that is the one reordering x86 itself allows.
//!
//! The engine emits this only once the process has a second thread (the run loop of every
//! thread flushes its code cache when it sees that, so all code is retranslated ordered);
//! single-threaded guests run without barriers. Cost: roughly one barrier per guest instruction
//! that touches memory and follows another memory access (see the README for measurements).

use iced_x86::{Instruction, InstructionInfoFactory, Mnemonic, OpAccess};

/// What one guest instruction does to memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Access {
    pub reads: bool,
    pub writes: bool,
    /// A full barrier on x86 (LOCK, XCHG with memory, MFENCE).
    pub full: bool,
}

/// The memory accesses of `ins`.
pub fn access(info: &mut InstructionInfoFactory, ins: &Instruction) -> Access {
    let mut a = Access::default();
    for m in info.info(ins).used_memory() {
        match m.access() {
            OpAccess::Read | OpAccess::CondRead => a.reads = true,
            OpAccess::Write | OpAccess::CondWrite => a.writes = true,
            OpAccess::ReadWrite | OpAccess::ReadCondWrite => {
                a.reads = true;
                a.writes = true;
            }
            _ => {}
        }
    }
    let xchg_mem = ins.mnemonic() == Mnemonic::Xchg && (a.reads || a.writes);
    a.full = xchg_mem
        || ins.mnemonic() == Mnemonic::Mfence
        || ins.has_lock_prefix() && (a.reads || a.writes);
    a
}

/// A barrier to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Barrier {
    /// `DMB ISHLD`
    Loads,
    /// `DMB ISHST`
    Stores,
    /// `DMB ISH`
    Full,
}

impl Barrier {
    /// The instruction word.
    pub fn word(self) -> u32 {
        match self {
            Barrier::Loads => 0xd503_39bf,
            Barrier::Stores => 0xd503_3abf,
            Barrier::Full => 0xd503_3bbf,
        }
    }
}

/// Which accesses since the last barrier still need ordering, through one block.
#[derive(Clone, Copy, Debug)]
pub struct Orderer {
    load_pending: bool,
    store_pending: bool,
}

impl Default for Orderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Orderer {
    /// At a block entry: whatever ran before is unknown.
    pub fn new() -> Orderer {
        Orderer {
            load_pending: true,
            store_pending: true,
        }
    }

    /// The barrier to emit before an instruction with access `a`.
    pub fn before(&mut self, a: Access) -> Option<Barrier> {
        if a.full {
            self.load_pending = false;
            self.store_pending = false;
            return Some(Barrier::Full);
        }
        let ld = self.load_pending && (a.reads || a.writes);
        let st = self.store_pending && a.writes;
        let b = match (ld, st) {
            (true, true) => Some(Barrier::Full),
            (true, false) => Some(Barrier::Loads),
            (false, true) => Some(Barrier::Stores),
            (false, false) => None,
        };
        match b {
            Some(Barrier::Full) => {
                self.load_pending = false;
                self.store_pending = false;
            }
            Some(Barrier::Loads) => self.load_pending = false,
            Some(Barrier::Stores) => self.store_pending = false,
            None => {}
        }
        b
    }

    /// The barrier to emit after the instruction (full barriers only), and the new pending set.
    pub fn after(&mut self, a: Access) -> Option<Barrier> {
        if a.full {
            self.load_pending = false;
            self.store_pending = false;
            return Some(Barrier::Full);
        }
        self.load_pending |= a.reads;
        self.store_pending |= a.writes;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced_x86::{Decoder, DecoderOptions};

    fn acc(hex: &[u8]) -> Access {
        let ins = Decoder::with_ip(64, hex, 0x1000, DecoderOptions::NONE).decode();
        access(&mut InstructionInfoFactory::new(), &ins)
    }

    #[test]
    fn accesses_include_implicit_stack_and_string_operands() {
        let r = |reads, writes, full| Access {
            reads,
            writes,
            full,
        };
        assert_eq!(acc(&[0x48, 0x8b, 0x07]), r(true, false, false)); // mov rax,[rdi]
        assert_eq!(acc(&[0x48, 0x89, 0x07]), r(false, true, false)); // mov [rdi],rax
        assert_eq!(acc(&[0x48, 0x01, 0x07]), r(true, true, false)); // add [rdi],rax
        assert_eq!(acc(&[0x48, 0x8d, 0x07]), r(false, false, false)); // lea rax,[rdi]
        assert_eq!(acc(&[0x50]), r(false, true, false)); // push rax
        assert_eq!(acc(&[0xc3]), r(true, false, false)); // ret
        assert_eq!(acc(&[0xa4]), r(true, true, false)); // movsb
        assert_eq!(acc(&[0x48, 0x87, 0x07]), r(true, true, true)); // xchg [rdi],rax
        assert_eq!(acc(&[0xf0, 0x48, 0x0f, 0xc1, 0x07]), r(true, true, true)); // lock xadd
        assert_eq!(acc(&[0x0f, 0xae, 0xf0]), r(false, false, true)); // mfence
        assert_eq!(acc(&[0x48, 0x01, 0xd8]), r(false, false, false)); // add rax,rbx
    }

    #[test]
    fn barriers_keep_every_order_but_store_then_load() {
        let load = Access {
            reads: true,
            ..Access::default()
        };
        let store = Access {
            writes: true,
            ..Access::default()
        };
        let mut o = Orderer::new();
        // block entry: unknown past, a store needs both orders
        assert_eq!(o.before(store), Some(Barrier::Full));
        o.after(store);
        // store -> store
        assert_eq!(o.before(store), Some(Barrier::Stores));
        o.after(store);
        // store -> load: allowed to reorder on x86 too
        assert_eq!(o.before(load), None);
        o.after(load);
        // load -> load
        assert_eq!(o.before(load), Some(Barrier::Loads));
        o.after(load);
        // load (and store pending) -> store
        assert_eq!(o.before(store), Some(Barrier::Full));
        o.after(store);
        // non-memory instructions change nothing
        assert_eq!(o.before(Access::default()), None);
        assert_eq!(o.after(Access::default()), None);
        assert_eq!(o.before(store), Some(Barrier::Stores));
    }
}
