//! The runtime context generated code reaches through `x28` ([`crate::regmap::CTX`]): the guest
//! state first, then translator-private fields (raw host flags, exit protocol, helper scratch).

use crate::state::{rflags, GuestState};
use core::mem::{offset_of, size_of};

/// Why generated code returned to the run loop.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u64)]
pub enum ExitReason {
    /// Indirect branch target (in `guest.rip`) not found in the lookup table.
    LookupMiss = 1,
    /// Direct branch to `guest.rip` not chained yet; `patch_site` is the branch word to patch.
    Chain = 2,
    /// SYSCALL executed; `guest.rip` is the next instruction.
    Syscall = 3,
    /// INT3 executed; `guest.rip` is the next instruction.
    Breakpoint = 4,
    /// An instruction that cannot be translated was reached at `guest.rip`.
    Unsupported = 5,
    /// A helper asked to stop (e.g. divide error); details in `pending`.
    HelperStop = 6,
    /// HLT or another privileged instruction at `guest.rip` (the guest would get SIGSEGV).
    Privileged = 7,
    /// DIV/IDIV at `guest.rip` divided by zero or overflowed (#DE; the guest would get SIGFPE).
    DivideError = 8,
    /// The enter stub saw `signal_pending` and ran nothing; `guest.rip` is unchanged.
    Signal = 9,
    /// The fault handler routed a fault of the guest instruction at `guest.rip` here (details
    /// in the thread's signal state).
    Fault = 10,
    /// The entry check of a block translated from changeable memory found the guest bytes at
    /// `guest.rip` (the block start) changed: invalidate and translate again.
    CodeChanged = 11,
}

impl ExitReason {
    pub fn from_raw(v: u64) -> Option<ExitReason> {
        Some(match v {
            1 => ExitReason::LookupMiss,
            2 => ExitReason::Chain,
            3 => ExitReason::Syscall,
            4 => ExitReason::Breakpoint,
            5 => ExitReason::Unsupported,
            6 => ExitReason::HelperStop,
            7 => ExitReason::Privileged,
            8 => ExitReason::DivideError,
            9 => ExitReason::Signal,
            10 => ExitReason::Fault,
            11 => ExitReason::CodeChanged,
            _ => return None,
        })
    }
}

/// Stop requests raised by helpers (stored in `Context::pending`).
pub mod pending {
    pub const NONE: u64 = 0;
    /// #DE: divide by zero or quotient overflow.
    pub const DIVIDE_ERROR: u64 = 1;
    /// #GP raised by an interpreted instruction (invalid operand, e.g. misaligned XSAVE area).
    pub const GENERAL_PROTECTION: u64 = 3;
}

#[repr(C, align(16))]
pub struct Context {
    pub guest: GuestState,
    /// Host NZCV as read by `mrs` (bits 28..31), x86 carry sense.
    pub nzcv: u64,
    /// Lazy PF source (x24).
    pub pf_src: u64,
    /// Lazy AF source (x25).
    pub af_src: u64,
    pub exit_reason: u64,
    pub patch_site: u64,
    pub pending: u64,
    /// Base of the inline lookup table generated code probes (x26 is loaded from here on entry
    /// and after helper calls); the signal handler may switch it to an empty table.
    pub lookup_table: u64,
    /// Host FPSR cumulative exception bits from inline SSE arithmetic (merged into MXCSR).
    pub fpsr: u64,
    /// Scratch memory for helpers and multi-step sequences.
    pub scratch: [u64; 8],
    /// Non-zero when the host signal handler recorded a signal for this thread; checked by the
    /// enter stub before it jumps into a block (see [`crate::signal::breakout`]).
    pub signal_pending: u64,
    /// Host sp while a helper runs (0 otherwise): a fault inside the helper unwinds to it.
    pub helper_sp: u64,
    /// Return address of the running helper call (in the calling block).
    pub helper_ret: u64,
    /// Non-zero when the host signal handler unlinked the chained branches of this thread's
    /// code (see [`crate::signal::breakout`]): the run loop links them again.
    pub unlinked: u64,
}
const _: () = assert!(size_of::<Context>() == 592 + 64 + 64 + 32);

/// Offsets used by generated code.
pub mod off {
    use super::*;
    pub const NZCV: u32 = offset_of!(Context, nzcv) as u32;
    pub const PF_SRC: u32 = offset_of!(Context, pf_src) as u32;
    pub const AF_SRC: u32 = offset_of!(Context, af_src) as u32;
    pub const EXIT_REASON: u32 = offset_of!(Context, exit_reason) as u32;
    pub const PATCH_SITE: u32 = offset_of!(Context, patch_site) as u32;
    pub const PENDING: u32 = offset_of!(Context, pending) as u32;
    pub const LOOKUP_TABLE: u32 = offset_of!(Context, lookup_table) as u32;
    pub const FPSR: u32 = offset_of!(Context, fpsr) as u32;
    pub const SIGNAL_PENDING: u32 = offset_of!(Context, signal_pending) as u32;
    pub const HELPER_SP: u32 = offset_of!(Context, helper_sp) as u32;
    pub const HELPER_RET: u32 = offset_of!(Context, helper_ret) as u32;
}

const NZCV_N: u64 = 1 << 31;
const NZCV_Z: u64 = 1 << 30;
const NZCV_C: u64 = 1 << 29;
const NZCV_V: u64 = 1 << 28;

impl Context {
    pub fn new(guest: GuestState, lookup_table: u64) -> Self {
        let mut c = Context {
            guest,
            nzcv: 0,
            pf_src: 0,
            af_src: 0,
            exit_reason: 0,
            patch_site: 0,
            pending: 0,
            lookup_table,
            fpsr: 0,
            scratch: [0; 8],
            signal_pending: 0,
            helper_sp: 0,
            helper_ret: 0,
            unlinked: 0,
        };
        c.split_flags();
        c
    }

    /// Folds the host flag representation (NZCV, lazy PF/AF) into `guest.rflags`.
    pub fn materialize_flags(&mut self) {
        self.guest.rflags = combine_flags(self.guest.rflags, self.nzcv, self.pf_src, self.af_src);
        self.guest.mxcsr |= fpsr_to_mxcsr(self.fpsr);
        self.fpsr = 0;
    }

    /// Spreads `guest.rflags` into the host representation.
    pub fn split_flags(&mut self) {
        let (nzcv, pf, af) = split_flags(self.guest.rflags);
        self.nzcv = nzcv;
        self.pf_src = pf;
        self.af_src = af;
    }
}

/// MXCSR exception flags for the cumulative exception bits of an aarch64 FPSR
/// (IOC→IE, DZC→ZE, OFC→OE, UFC→UE, IXC→PE, IDC→DE).
pub fn fpsr_to_mxcsr(fpsr: u64) -> u32 {
    let map = [(0, 0), (1, 2), (2, 3), (3, 4), (4, 5), (7, 1)];
    map.iter()
        .filter(|(a, _)| fpsr >> a & 1 != 0)
        .fold(0, |m, (_, x)| m | (1 << x))
}

/// x86 RFLAGS from the non-status bits of `base` and the host representation of the status flags.
pub fn combine_flags(base: u64, nzcv: u64, pf_src: u64, af_src: u64) -> u64 {
    let mut f = (base & !rflags::STATUS) | rflags::FIXED;
    if nzcv & NZCV_C != 0 {
        f |= rflags::CF;
    }
    if nzcv & NZCV_Z != 0 {
        f |= rflags::ZF;
    }
    if nzcv & NZCV_N != 0 {
        f |= rflags::SF;
    }
    if nzcv & NZCV_V != 0 {
        f |= rflags::OF;
    }
    if (pf_src as u8).count_ones().is_multiple_of(2) {
        f |= rflags::PF;
    }
    if af_src & 0x10 != 0 {
        f |= rflags::AF;
    }
    f
}

/// Host representation (NZCV, PF source, AF source) of the status flags in `f`.
pub fn split_flags(f: u64) -> (u64, u64, u64) {
    let mut nzcv = 0;
    if f & rflags::CF != 0 {
        nzcv |= NZCV_C;
    }
    if f & rflags::ZF != 0 {
        nzcv |= NZCV_Z;
    }
    if f & rflags::SF != 0 {
        nzcv |= NZCV_N;
    }
    if f & rflags::OF != 0 {
        nzcv |= NZCV_V;
    }
    let pf = if f & rflags::PF != 0 { 0 } else { 1 };
    let af = if f & rflags::AF != 0 { 0x10 } else { 0 };
    (nzcv, pf, af)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_round_trip() {
        for bits in 0..64u64 {
            let mut f = rflags::FIXED | rflags::IF | rflags::DF;
            let all = [
                rflags::CF,
                rflags::PF,
                rflags::AF,
                rflags::ZF,
                rflags::SF,
                rflags::OF,
            ];
            for (i, b) in all.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    f |= b;
                }
            }
            let (n, p, a) = split_flags(f);
            assert_eq!(combine_flags(f & !rflags::STATUS, n, p, a), f);
        }
    }
}
