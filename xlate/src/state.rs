//! The guest (x86_64) architectural state: the contract between the translator, the test harness
//! and cross-ISA restore, which fills it from an image.
//!
//! Layout is `#[repr(C)]` and size-asserted; offsets are used by generated code (see
//! [`crate::regmap`]), so any change here bumps [`crate::regmap::REGMAP_VERSION`].

use core::mem::size_of;

/// Index of a guest general-purpose register, in x86 encoding order.
pub mod gpr {
    pub const RAX: usize = 0;
    pub const RCX: usize = 1;
    pub const RDX: usize = 2;
    pub const RBX: usize = 3;
    pub const RSP: usize = 4;
    pub const RBP: usize = 5;
    pub const RSI: usize = 6;
    pub const RDI: usize = 7;
    pub const R8: usize = 8;
    pub const R9: usize = 9;
    pub const R10: usize = 10;
    pub const R11: usize = 11;
    pub const R12: usize = 12;
    pub const R13: usize = 13;
    pub const R14: usize = 14;
    pub const R15: usize = 15;
}

/// x86 RFLAGS bits.
pub mod rflags {
    pub const CF: u64 = 1 << 0;
    /// Bit 1 always reads as one.
    pub const FIXED: u64 = 1 << 1;
    pub const PF: u64 = 1 << 2;
    pub const AF: u64 = 1 << 4;
    pub const ZF: u64 = 1 << 6;
    pub const SF: u64 = 1 << 7;
    pub const TF: u64 = 1 << 8;
    pub const IF: u64 = 1 << 9;
    pub const DF: u64 = 1 << 10;
    pub const OF: u64 = 1 << 11;
    pub const AC: u64 = 1 << 18;
    pub const ID: u64 = 1 << 21;
    /// The six arithmetic status flags.
    pub const STATUS: u64 = CF | PF | AF | ZF | SF | OF;
    /// Bits user code can change with POPF.
    pub const USER_WRITABLE: u64 = STATUS | DF | TF | AC | ID;
}

/// One 128-bit XMM register, stored little-endian as in memory (FXSAVE layout).
#[repr(C, align(16))]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Xmm(pub [u8; 16]);

impl Xmm {
    /// The register as two little-endian 64-bit lanes.
    pub fn to_u64x2(self) -> [u64; 2] {
        let mut lo = [0u8; 8];
        let mut hi = [0u8; 8];
        lo.copy_from_slice(&self.0[..8]);
        hi.copy_from_slice(&self.0[8..]);
        [u64::from_le_bytes(lo), u64::from_le_bytes(hi)]
    }
    /// Builds a register from two little-endian 64-bit lanes.
    pub fn from_u64x2(v: [u64; 2]) -> Self {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&v[0].to_le_bytes());
        b[8..].copy_from_slice(&v[1].to_le_bytes());
        Xmm(b)
    }
}

/// One x87 register slot: an 80-bit extended-precision value in bytes 0..10 (64-bit significand
/// little-endian, then sign and 15-bit exponent), bytes 10..16 zero, exactly like an FXSAVE slot.
#[repr(C, align(16))]
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct F80Slot(pub [u8; 16]);

/// x87 FPU state.
///
/// `regs` holds the *physical* registers R0..R7; ST(i) is `regs[(TOP + i) % 8]` where TOP is
/// bits 11..14 of `fsw`. [`X87State::st`] does that arithmetic. `ftw` is the full 16-bit tag word
/// (two bits per physical register: 00 valid, 01 zero, 10 special, 11 empty), not FXSAVE's
/// abridged byte; [`GuestState::to_fxsave`] and [`GuestState::from_fxsave`] convert.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct X87State {
    pub fcw: u16,
    pub fsw: u16,
    pub ftw: u16,
    pub fop: u16,
    pub _pad: u32,
    pub fip: u64,
    pub fdp: u64,
    pub regs: [F80Slot; 8],
}
const _: () = assert!(size_of::<X87State>() == 160);

impl Default for X87State {
    /// The state after FNINIT: FCW 0x37f, everything empty.
    fn default() -> Self {
        X87State {
            fcw: 0x037f,
            fsw: 0,
            ftw: 0xffff,
            fop: 0,
            _pad: 0,
            fip: 0,
            fdp: 0,
            regs: [F80Slot::default(); 8],
        }
    }
}

impl X87State {
    /// The stack top (TOP field of the status word).
    pub fn top(&self) -> usize {
        usize::from((self.fsw >> 11) & 7)
    }
    /// Physical index of ST(i).
    pub fn st_index(&self, i: usize) -> usize {
        (self.top() + i) & 7
    }
    /// ST(i) as stored bytes.
    pub fn st(&self, i: usize) -> F80Slot {
        self.regs[self.st_index(i)]
    }
}

/// The complete user-visible x86_64 register state of one guest thread.
#[repr(C, align(16))]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct GuestState {
    /// RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8..R15 (x86 encoding order; see [`gpr`]).
    pub gpr: [u64; 16],
    pub rip: u64,
    /// x86 RFLAGS bits ([`rflags`]); exact whenever the translator is not running.
    pub rflags: u64,
    pub fs_base: u64,
    pub gs_base: u64,
    pub xmm: [Xmm; 16],
    pub mxcsr: u32,
    pub _pad0: u32,
    pub _pad1: u64,
    pub x87: X87State,
}
const _: () = assert!(size_of::<GuestState>() == 592);

/// Byte offsets of [`GuestState`] fields, used by generated code.
pub mod offsets {
    pub const GPR: u32 = 0;
    pub const RIP: u32 = 128;
    pub const RFLAGS: u32 = 136;
    pub const FS_BASE: u32 = 144;
    pub const GS_BASE: u32 = 152;
    pub const XMM: u32 = 160;
    pub const MXCSR: u32 = 416;
    pub const X87: u32 = 432;
}
const _: () = assert!(core::mem::offset_of!(GuestState, rip) == offsets::RIP as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, rflags) == offsets::RFLAGS as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, fs_base) == offsets::FS_BASE as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, gs_base) == offsets::GS_BASE as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, xmm) == offsets::XMM as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, mxcsr) == offsets::MXCSR as usize);
const _: () = assert!(core::mem::offset_of!(GuestState, x87) == offsets::X87 as usize);

impl Default for GuestState {
    /// The state of a fresh x86_64 process: all zero, RFLAGS 0x202, MXCSR 0x1f80, x87 after FNINIT.
    fn default() -> Self {
        GuestState {
            gpr: [0; 16],
            rip: 0,
            rflags: rflags::FIXED | rflags::IF,
            fs_base: 0,
            gs_base: 0,
            xmm: [Xmm::default(); 16],
            mxcsr: 0x1f80,
            _pad0: 0,
            _pad1: 0,
            x87: X87State::default(),
        }
    }
}

/// Size of the legacy FXSAVE area.
pub const FXSAVE_SIZE: usize = 512;

impl GuestState {
    /// Writes the x87/SSE state in the 512-byte FXSAVE (64-bit) format.
    pub fn to_fxsave(&self) -> [u8; FXSAVE_SIZE] {
        let mut a = [0u8; FXSAVE_SIZE];
        let x = &self.x87;
        a[0..2].copy_from_slice(&x.fcw.to_le_bytes());
        a[2..4].copy_from_slice(&x.fsw.to_le_bytes());
        a[4] = abridge_tag_word(x.ftw);
        a[6..8].copy_from_slice(&x.fop.to_le_bytes());
        a[8..16].copy_from_slice(&x.fip.to_le_bytes());
        a[16..24].copy_from_slice(&x.fdp.to_le_bytes());
        a[24..28].copy_from_slice(&self.mxcsr.to_le_bytes());
        a[28..32].copy_from_slice(&0xffffu32.to_le_bytes());
        for i in 0..8 {
            let off = 32 + 16 * i;
            a[off..off + 10].copy_from_slice(&x.st(i).0[..10]);
        }
        for (i, r) in self.xmm.iter().enumerate() {
            let off = 160 + 16 * i;
            a[off..off + 16].copy_from_slice(&r.0);
        }
        a
    }

    /// Loads the x87/SSE state from the 512-byte FXSAVE (64-bit) format (as found at the start
    /// of an XSAVE area in a core image).
    pub fn load_fxsave(&mut self, a: &[u8; FXSAVE_SIZE]) {
        let u16_at = |o: usize| u16::from_le_bytes([a[o], a[o + 1]]);
        let u64_at = |o: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&a[o..o + 8]);
            u64::from_le_bytes(b)
        };
        let x = &mut self.x87;
        x.fcw = u16_at(0);
        x.fsw = u16_at(2);
        x.fop = u16_at(6);
        x.fip = u64_at(8);
        x.fdp = u64_at(16);
        self.mxcsr = u32::from_le_bytes([a[24], a[25], a[26], a[27]]);
        let top = x.top();
        let mut regs = [F80Slot::default(); 8];
        for (i, _) in regs.clone().iter().enumerate() {
            let off = 32 + 16 * i;
            let mut s = [0u8; 16];
            s[..10].copy_from_slice(&a[off..off + 10]);
            regs[(top + i) & 7] = F80Slot(s);
        }
        x.regs = regs;
        x.ftw = expand_tag_word(a[4], &x.regs);
        for (i, r) in self.xmm.iter_mut().enumerate() {
            let off = 160 + 16 * i;
            r.0.copy_from_slice(&a[off..off + 16]);
        }
    }
}

/// Full tag word (2 bits per physical register) to FXSAVE's abridged form (1 = not empty).
pub fn abridge_tag_word(ftw: u16) -> u8 {
    let mut out = 0u8;
    for i in 0..8 {
        if (ftw >> (2 * i)) & 3 != 3 {
            out |= 1 << i;
        }
    }
    out
}

/// Abridged tag byte back to the full tag word, classifying each non-empty physical register.
pub fn expand_tag_word(abridged: u8, regs: &[F80Slot; 8]) -> u16 {
    let mut ftw = 0u16;
    for (i, r) in regs.iter().enumerate() {
        let tag: u16 = if abridged & (1 << i) == 0 {
            3
        } else {
            let exp = u16::from_le_bytes([r.0[8], r.0[9]]) & 0x7fff;
            let mant = u64::from_le_bytes([
                r.0[0], r.0[1], r.0[2], r.0[3], r.0[4], r.0[5], r.0[6], r.0[7],
            ]);
            if exp == 0x7fff || (exp != 0 && mant >> 63 == 0) || (exp == 0 && mant != 0) {
                2
            } else if exp == 0 && mant == 0 {
                1
            } else {
                0
            }
        };
        ftw |= tag << (2 * i);
    }
    ftw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fxsave_round_trip_keeps_stack_order() {
        let mut s = GuestState::default();
        s.x87.fsw = 6 << 11; // TOP = 6
        s.x87.regs[6].0[0] = 0xaa; // ST(0)
        s.x87.regs[7].0[0] = 0xbb; // ST(1)
        s.x87.regs[0].0[0] = 0xcc; // ST(2)
        s.x87.ftw = !(0b1111 << 12) & !0b11;
        s.xmm[3] = Xmm::from_u64x2([1, 2]);
        s.mxcsr = 0x1fa0;
        let a = s.to_fxsave();
        assert_eq!(a[32], 0xaa);
        assert_eq!(a[48], 0xbb);
        assert_eq!(a[64], 0xcc);
        assert_eq!(a[4], 0b1100_0001);
        let mut t = GuestState::default();
        t.load_fxsave(&a);
        assert_eq!(t.x87.regs, s.x87.regs);
        assert_eq!(t.xmm[3].to_u64x2(), [1, 2]);
        assert_eq!(t.mxcsr, 0x1fa0);
        assert_eq!(abridge_tag_word(t.x87.ftw), a[4]);
    }
}
