//! The fixed guest→host register map. ONE table, versioned: restore and a later dump of a
//! translated process depend on it, so any change bumps [`REGMAP_VERSION`].
//!
//! | host            | role                                                                  |
//! |-----------------|-----------------------------------------------------------------------|
//! | x0..x15         | guest RAX RCX RDX RBX RSP RBP RSI RDI R8..R15 (x86 encoding order)     |
//! | x16, x17        | scratch (x16: effective address / patch site, x17: guest RIP at exits)|
//! | x18             | block-local, survives inline code (helpers may clobber it): a loop's  |
//! |                 | stored constant from its preheader (`emit::preheader`), or a value a  |
//! |                 | paired access loaded early for a later instruction (`emit::pairs`);   |
//! |                 | a block with a loop constant plans no such pair. Version 2 polled a   |
//! |                 | signal flag here; signals now unlink chains, see                      |
//! |                 | [`crate::signal::breakout`]                                           |
//! | x19..x23        | scratch temporaries T0..T4                                            |
//! | x24             | lazy PF: parity of its low byte gives PF (even parity → PF=1)         |
//! | x25             | lazy AF: bit 4 gives AF                                               |
//! | x26             | base of the indirect-branch lookup table                              |
//! | x27             | RIP base: within a block, a guest address RIP-relative operands are   |
//! |                 | addressed from (block-local; the helper stub clobbers it)             |
//! | x28             | pointer to the runtime context (whose first field is `GuestState`)    |
//! | x29, x30, sp    | host frame pointer, link register, host stack                         |
//! | NZCV            | x86 SF=N, ZF=Z, OF=V, CF=C (x86 sense) at every block boundary        |
//! | v0..v15         | guest XMM0..XMM15                                                     |
//! | v16..v31        | scratch vector registers                                              |
//!
//! Inside a block the carry may be held inverted (aarch64 borrow sense after SUB/CMP); the
//! emitter tracks this per instruction and normalises before leaving the block.
//! x87 state, MXCSR, fs/gs base and DF live in the context only.

/// Version of this table and of the `GuestState` offsets used by generated code.
pub const REGMAP_VERSION: u32 = 4;

/// Host register number holding guest GPR `g` (x86 encoding order).
pub const fn guest_gpr(g: usize) -> u8 {
    g as u8
}

/// Host vector register holding guest XMM `x`.
pub const fn guest_xmm(x: usize) -> u8 {
    x as u8
}

/// Scratch: effective address.
pub const EA: u8 = 16;
/// Scratch: guest RIP at block exits.
pub const RIP_OUT: u8 = 17;
/// Block-local: the second value of a paired load (see [`crate::emit::pairs`]).
pub const PAIR: u8 = 18;
/// Scratch temporaries.
pub const T0: u8 = 19;
pub const T1: u8 = 20;
pub const T2: u8 = 21;
pub const T3: u8 = 22;
pub const T4: u8 = 23;
/// Lazy parity source.
pub const PF_SRC: u8 = 24;
/// Lazy adjust-flag source.
pub const AF_SRC: u8 = 25;
/// Lookup table base.
pub const LOOKUP: u8 = 26;
/// Block-local base of RIP-relative addresses.
pub const RIP_BASE: u8 = 27;
/// Runtime context pointer.
pub const CTX: u8 = 28;
/// Scratch vector registers.
pub const VT0: u8 = 31;
pub const VT1: u8 = 30;
pub const VT2: u8 = 29;
pub const VT3: u8 = 28;
