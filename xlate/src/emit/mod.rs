//! Back end: aarch64 emission with dynasmrt for one decoded block.
//!
//! Conventions (see [`crate::regmap`]): guest GPRs in x0..x15, XMM in v0..v15, context in x28,
//! NZCV holds SF/ZF/OF/CF with the carry possibly inverted inside a block (`c_inv`), lazy PF in
//! x24 and AF in x25. Only flags the liveness pass marks live are computed.

// The dynasm! macro wraps every dynamic register operand in a conversion to u8, which clippy
// reports as useless for operands that already are u8.
#![allow(clippy::useless_conversion)]

pub(crate) mod alu;
mod control;
pub mod data;
pub mod fp_run;
pub mod movfuse;
pub(crate) mod operands;
pub mod pairs;
mod pcmpstr;
pub mod preheader;
mod selfcheck;
pub mod sse;
mod string;
pub mod stubs;
pub mod xmm_upper;

use crate::a64::{self, Cond};
use crate::flags::FlagSet;
use dynasmrt::aarch64::Aarch64Relocation;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};
use iced_x86::{ConditionCode, Instruction};
pub use stubs::Stubs;

pub type Asm = VecAssembler<Aarch64Relocation>;

/// Why an instruction was not emitted inline.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NotInline {
    /// The instruction is valid but has no inline emitter (an interpreter helper may run it).
    NoEmitter,
}

/// A chainable direct exit: the branch word at `site` (offset in the block) goes to the guest
/// address `target` once that is translated.
#[derive(Clone, Copy, Debug)]
pub struct ChainSite {
    pub site: usize,
    pub target: u64,
    /// The word to put back at `site` when the target goes away, if not a branch to the next
    /// word (a conditional branch linked straight to its target restores to its slow path).
    pub unlinked: Option<u32>,
}

/// What a conditional branch tests.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BranchTest {
    /// A condition on NZCV (`b.cond`).
    Flags(Cond),
    /// A 32-bit (`sf` false) or 64-bit register against zero (`cbz`, or `cbnz` if `nonzero`).
    Zero { reg: u8, sf: bool, nonzero: bool },
    /// One bit of a register (`tbz`, or `tbnz` if `set`).
    Bit { reg: u8, bit: u32, set: bool },
}

impl BranchTest {
    /// The branch placed at `from` to `to`, if within its range.
    pub fn word(self, from: u64, to: u64) -> Option<u32> {
        match self {
            BranchTest::Flags(c) => a64::b_cond(c, from, to),
            BranchTest::Zero { reg, sf, nonzero } => {
                a64::cbz_sized(sf, nonzero, u32::from(reg), from, to)
            }
            BranchTest::Bit { reg, bit, set } => a64::tbz(set, u32::from(reg), bit, from, to),
        }
    }
}

/// Emission state for one block.
pub struct Emitter<'s> {
    pub a: Asm,
    pub base: u64,
    pub stubs: &'s Stubs,
    /// NZCV.C currently holds the inverse of x86 CF.
    pub c_inv: bool,
    /// Flags live after the current instruction.
    pub live: FlagSet,
    /// The current instruction.
    pub ins: Instruction,
    pub chains: Vec<ChainSite>,
    /// Lookup of already-translated targets for direct branches (guest → host).
    pub known: &'s dyn Fn(u64) -> Option<u64>,
    /// Chain sites emitted already pointing at a translated block: (site offset, target rip).
    pub prelinked: Vec<ChainSite>,
    /// Instructions run by the interpreter helper; boxed so generated code can point at them.
    // Boxed: generated code holds pointers to these, so they must not move.
    #[allow(clippy::vec_box)]
    pub interp: Vec<Box<Instruction>>,
    /// Emit fixed placeholder values instead of host addresses in helper calls (the emission
    /// snapshot must not depend on where the library is loaded).
    pub placeholder_addrs: bool,
    /// Inside an [`fp_run::FpRun`]: SSE arithmetic commits without its own NaN check.
    pub fp_deferred: bool,
    /// The current scalar double operation leaves its result in VT1 without inserting it into
    /// its destination; a later one takes it from there (see [`fp_run::insert_chains`]).
    pub defer_insert: bool,
    /// The current scalar double operation's destination has its new low half in VT1, not yet
    /// inserted (left by an earlier one with `defer_insert`).
    pub low_in_vt1: bool,
    /// A `movdqa/movaps/movapd x, y` (XMM `y`) was skipped: the current instruction, which
    /// writes `x`, reads `y` where it would read `x`.
    pub fused_src: Option<u8>,
    /// The current CMP/TEST may fold into the conditional branch that follows it (with this
    /// condition), the flags being dead after the branch: it then leaves its test here instead
    /// of setting NZCV.
    pub branch_fuse: Option<ConditionCode>,
    /// The test a folded CMP/TEST left for the branch.
    pub fused_test: Option<BranchTest>,
    /// The guest address held in [`crate::regmap::RIP_BASE`], if any (valid from where it is
    /// loaded until the next helper call or local label).
    pub rip_base: Option<u64>,
    /// A `mov dst, src` between GPRs (host registers) was skipped: the current instruction
    /// reads `src` where it would read `dst`, and overwrites `dst` (see [`movfuse`]).
    pub gpr_alias: Option<(u8, u8)>,
    /// The current SETcc is followed by a MOVZX that zero-extends its byte into the byte's own
    /// register, skipped: SETcc writes the condition zero-extended into the whole register
    /// (see [`data::setcc_zero_extended`]).
    pub setcc_wide: bool,
    /// Constants loaded from the literal pool: (label, value).
    pub literals: Vec<(DynamicLabel, u64)>,
    /// XMM registers whose upper half is dead after the current instruction.
    pub xmm_upper_dead: xmm_upper::UpperDead,
    /// XMM registers whose upper half is known to be zero before the current instruction
    /// (see [`xmm_upper::upper_zero`]).
    pub xmm_upper_zero: xmm_upper::UpperDead,
    /// Guest address of the block being translated (its own host address is `base`), so that
    /// loops branch straight back to their start.
    pub block_start: Option<u64>,
    /// Where back edges to the block start enter (after a loop preheader), see [`preheader`].
    pub loop_entry: Option<preheader::LoopEntry>,
    /// The constant held in [`preheader::LOOP_CONST`] here, if any.
    pub loop_const: Option<u64>,
    /// Where a `cfinv` changed the carry polarity: (offset after it, new `c_inv`); the fault map
    /// needs the polarity at any faulting host pc (see [`crate::signal`]).
    pub carry_marks: Vec<(u32, bool)>,
    /// The current instruction is the second of a pair: what the first did for it (see
    /// [`pairs`]).
    pub paired: Option<pairs::Paired>,
    /// The taken sides of the block's side exits, emitted after its last exit
    /// ([`Emitter::side_exit_path`]).
    pub side_exits: Vec<control::TakenSide>,
}

impl<'s> Emitter<'s> {
    pub fn new(base: u64, stubs: &'s Stubs, known: &'s dyn Fn(u64) -> Option<u64>) -> Self {
        Emitter {
            a: VecAssembler::new(base as usize),
            base,
            stubs,
            c_inv: false,
            live: FlagSet::ALL,
            ins: Instruction::default(),
            chains: Vec::new(),
            known,
            prelinked: Vec::new(),
            interp: Vec::new(),
            placeholder_addrs: false,
            fp_deferred: false,
            defer_insert: false,
            low_in_vt1: false,
            block_start: None,
            fused_src: None,
            gpr_alias: None,
            setcc_wide: false,
            rip_base: None,
            branch_fuse: None,
            fused_test: None,
            xmm_upper_dead: 0,
            xmm_upper_zero: 0,
            literals: Vec::new(),
            carry_marks: Vec::new(),
            paired: None,
            side_exits: Vec::new(),
            loop_entry: None,
            loop_const: None,
        }
    }

    /// Host address of the next emitted word.
    pub fn pos(&self) -> u64 {
        self.base + self.a.offset().0 as u64
    }

    pub fn word(&mut self, w: u32) {
        self.a.push_u32(w);
    }

    pub fn label(&mut self) -> DynamicLabel {
        self.a.new_dynamic_label()
    }

    pub fn bind(&mut self, l: DynamicLabel) {
        dynasm!(self.a ; .arch aarch64 ; =>l);
        // paths that meet here may not have loaded the RIP base, or may have called a helper
        self.rip_base = None;
        self.loop_const = None;
    }

    /// Unconditional branch to an absolute host address (stubs or other blocks).
    pub fn b_abs(&mut self, to: u64) {
        let from = self.pos();
        let w = a64::b(from, to).expect("code buffer is smaller than the branch range");
        self.word(w);
    }

    pub fn bl_abs(&mut self, to: u64) {
        let from = self.pos();
        let w = a64::bl(from, to).expect("code buffer is smaller than the branch range");
        self.word(w);
    }

    /// `b.cond` to a local label.
    pub fn b_cond_label(&mut self, c: Cond, l: DynamicLabel) {
        match c {
            Cond::Eq => dynasm!(self.a ; .arch aarch64 ; b.eq =>l),
            Cond::Ne => dynasm!(self.a ; .arch aarch64 ; b.ne =>l),
            Cond::Cs => dynasm!(self.a ; .arch aarch64 ; b.hs =>l),
            Cond::Cc => dynasm!(self.a ; .arch aarch64 ; b.lo =>l),
            Cond::Mi => dynasm!(self.a ; .arch aarch64 ; b.mi =>l),
            Cond::Pl => dynasm!(self.a ; .arch aarch64 ; b.pl =>l),
            Cond::Vs => dynasm!(self.a ; .arch aarch64 ; b.vs =>l),
            Cond::Vc => dynasm!(self.a ; .arch aarch64 ; b.vc =>l),
            Cond::Hi => dynasm!(self.a ; .arch aarch64 ; b.hi =>l),
            Cond::Ls => dynasm!(self.a ; .arch aarch64 ; b.ls =>l),
            Cond::Ge => dynasm!(self.a ; .arch aarch64 ; b.ge =>l),
            Cond::Lt => dynasm!(self.a ; .arch aarch64 ; b.lt =>l),
            Cond::Gt => dynasm!(self.a ; .arch aarch64 ; b.gt =>l),
            Cond::Le => dynasm!(self.a ; .arch aarch64 ; b.le =>l),
        }
    }

    /// Loads a 64-bit constant into `rd`: one MOVZ/MOVN/ORR when that suffices, else one LDR
    /// from the block's literal pool (placed after the block's last exit).
    pub fn mov_imm(&mut self, rd: u8, v: u64) {
        if rd != 31 && Self::mov_imm_len(v) > 1 {
            let l = match self.literals.iter().find(|&&(_, x)| x == v) {
                Some(&(l, _)) => l,
                None => {
                    let l = self.label();
                    self.literals.push((l, v));
                    l
                }
            };
            dynasm!(self.a ; .arch aarch64 ; ldr X(rd), =>l);
            return;
        }
        self.mov_imm_seq(rd, v);
    }

    /// Instructions [`Emitter::mov_imm_seq`] needs for `v`.
    fn mov_imm_len(v: u64) -> usize {
        if v != 0
            && v.count_ones() > 16
            && (v >> 16) != 0
            && dynasmrt::aarch64::encode_logical_immediate_64bit(v).is_some()
        {
            return 1;
        }
        let halves = (0..4).map(|k| (v >> (16 * k)) & 0xffff);
        let zeros = halves.clone().filter(|&h| h == 0).count();
        let ones = halves.filter(|&h| h == 0xffff).count();
        (4 - zeros.max(ones)).max(1)
    }

    /// Loads a 64-bit constant into `rd` with the shortest movz/movn/movk sequence.
    pub fn mov_imm_seq(&mut self, rd: u8, v: u64) {
        if let Some(enc) = dynasmrt::aarch64::encode_logical_immediate_64bit(v) {
            if v != 0 && v.count_ones() > 16 && (v >> 16) != 0 {
                let _ = enc;
                self.word(
                    a64::alu_imm(a64::Alu::Orr, true, u32::from(rd), 31, v).expect("encodable"),
                );
                return;
            }
        }
        let halves: [u32; 4] = [
            (v & 0xffff) as u32,
            ((v >> 16) & 0xffff) as u32,
            ((v >> 32) & 0xffff) as u32,
            ((v >> 48) & 0xffff) as u32,
        ];
        let zeros = halves.iter().filter(|&&h| h == 0).count();
        let ones = halves.iter().filter(|&&h| h == 0xffff).count();
        if ones > zeros {
            // movn then movk the halves that are not 0xffff
            let mut first = true;
            for (k, &h) in halves.iter().enumerate() {
                let sh = (k * 16) as u32;
                if h == 0xffff {
                    continue;
                }
                if first {
                    let nh = !h & 0xffff;
                    dynasm!(self.a ; .arch aarch64 ; movn X(rd), #nh, lsl #sh);
                    first = false;
                } else {
                    dynasm!(self.a ; .arch aarch64 ; movk X(rd), #h, lsl #sh);
                }
            }
            if first {
                dynasm!(self.a ; .arch aarch64 ; movn X(rd), #0);
            }
        } else {
            let mut first = true;
            for (k, &h) in halves.iter().enumerate() {
                let sh = (k * 16) as u32;
                if h == 0 {
                    continue;
                }
                if first {
                    dynasm!(self.a ; .arch aarch64 ; movz X(rd), #h, lsl #sh);
                    first = false;
                } else {
                    dynasm!(self.a ; .arch aarch64 ; movk X(rd), #h, lsl #sh);
                }
            }
            if first {
                dynasm!(self.a ; .arch aarch64 ; movz X(rd), #0);
            }
        }
    }

    /// Makes NZCV.C hold x86 CF (needed at block exits and before helpers).
    pub fn normalize_carry(&mut self) {
        if self.c_inv {
            dynasm!(self.a ; .arch aarch64 ; cfinv);
            self.c_inv = false;
            self.carry_marks.push((self.a.offset().0 as u32, false));
        }
    }

    /// Before a direct or indirect exit to another block: NZCV.C must hold x86 CF only if CF
    /// is live after the block (a dead carry may stay inverted).
    pub fn carry_for_exit(&mut self) {
        if self.live.intersects(FlagSet::CF) {
            self.normalize_carry();
        } else {
            self.c_inv = false;
        }
    }

    /// Makes NZCV.C hold the inverse of CF (aarch64 borrow sense, for SBC and LS/HI).
    pub fn invert_carry(&mut self) {
        if !self.c_inv {
            dynasm!(self.a ; .arch aarch64 ; cfinv);
            self.c_inv = true;
            self.carry_marks.push((self.a.offset().0 as u32, true));
        }
    }

    /// Computes the x86 parity of x24's low byte into bit 0 of `rd` (1 = odd = PF clear).
    pub fn parity_odd(&mut self, rd: u8) {
        dynasm!(self.a
            ; .arch aarch64
            ; eor W(rd), w24, w24, lsr #4
            ; eor W(rd), W(rd), W(rd), lsr #2
            ; eor W(rd), W(rd), W(rd), lsr #1
        );
    }

    /// Evaluates an x86 condition. Returns either an aarch64 condition on the current NZCV or,
    /// for the parity conditions, `Err(pf_set_wanted)` after computing parity into bit 0 of T0.
    pub fn cond(&mut self, cc: ConditionCode) -> Result<Cond, bool> {
        use ConditionCode as C;
        Ok(match cc {
            C::o => Cond::Vs,
            C::no => Cond::Vc,
            C::b => {
                if self.c_inv {
                    Cond::Cc
                } else {
                    Cond::Cs
                }
            }
            C::ae => {
                if self.c_inv {
                    Cond::Cs
                } else {
                    Cond::Cc
                }
            }
            C::e => Cond::Eq,
            C::ne => Cond::Ne,
            C::be => {
                self.invert_carry();
                Cond::Ls
            }
            C::a => {
                self.invert_carry();
                Cond::Hi
            }
            C::s => Cond::Mi,
            C::ns => Cond::Pl,
            C::l => Cond::Lt,
            C::ge => Cond::Ge,
            C::le => Cond::Le,
            C::g => Cond::Gt,
            C::p | C::np => {
                self.parity_odd(crate::regmap::T0);
                return Err(cc == C::p);
            }
            C::None => Cond::Eq,
        })
    }

    /// The test of a conditional branch on x86 condition `cc`: the folded CMP/TEST's, else
    /// NZCV's (the parity conditions test bit 0 of T0, computed here).
    pub fn branch_test(&mut self, cc: ConditionCode) -> BranchTest {
        if let Some(t) = self.fused_test.take() {
            return t;
        }
        match self.cond(cc) {
            Ok(c) => BranchTest::Flags(c),
            // T0 bit 0 = odd parity = PF clear
            Err(want_pf) => BranchTest::Bit {
                reg: crate::regmap::T0,
                bit: 0,
                set: !want_pf,
            },
        }
    }

    /// Branches to local label `l` when `t` holds.
    pub fn branch_to_label(&mut self, t: BranchTest, l: DynamicLabel) {
        match t {
            BranchTest::Flags(c) => self.b_cond_label(c, l),
            BranchTest::Zero { reg, sf, nonzero } => match (sf, nonzero) {
                (true, false) => dynasm!(self.a ; .arch aarch64 ; cbz X(reg), =>l),
                (true, true) => dynasm!(self.a ; .arch aarch64 ; cbnz X(reg), =>l),
                (false, false) => dynasm!(self.a ; .arch aarch64 ; cbz W(reg), =>l),
                (false, true) => dynasm!(self.a ; .arch aarch64 ; cbnz W(reg), =>l),
            },
            BranchTest::Bit { reg, bit, set } => match (bit >= 32, set) {
                (true, false) => dynasm!(self.a ; .arch aarch64 ; tbz X(reg), #bit, =>l),
                (true, true) => dynasm!(self.a ; .arch aarch64 ; tbnz X(reg), #bit, =>l),
                (false, false) => dynasm!(self.a ; .arch aarch64 ; tbz W(reg), #bit, =>l),
                (false, true) => dynasm!(self.a ; .arch aarch64 ; tbnz W(reg), #bit, =>l),
            },
        }
    }

    /// Sets `rd` (32-bit) to 1 if x86 condition `cc` holds, else 0. Does not change NZCV
    /// (except the carry polarity).
    pub fn setcc_into(&mut self, cc: ConditionCode, rd: u8) {
        match self.cond(cc) {
            Ok(c) => self.word(a64::cset(u32::from(rd), c)),
            Err(want_pf) => {
                // T0 bit0 = odd parity; PF = !odd
                let t0 = crate::regmap::T0;
                if want_pf {
                    dynasm!(self.a ; .arch aarch64 ; mvn W(rd), W(t0) ; and WSP(rd), W(rd), #1);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; and WSP(rd), W(t0), #1);
                }
            }
        }
    }

    /// Starts an emission that clobbers NZCV flags in `written` while flags `keep` (live, not
    /// written by the instruction) must survive: saves NZCV in T4. Returns the token for
    /// [`Emitter::preserve_end`].
    pub fn preserve_begin(&mut self, keep: FlagSet) -> Option<(u32, bool)> {
        let mut mask = 0u32;
        if keep.intersects(FlagSet::SF) {
            mask |= 8;
        }
        if keep.intersects(FlagSet::ZF) {
            mask |= 4;
        }
        if keep.intersects(FlagSet::CF) {
            mask |= 2;
        }
        if keep.intersects(FlagSet::OF) {
            mask |= 1;
        }
        if mask == 0 {
            return None;
        }
        self.word(a64::mrs_nzcv(u32::from(crate::regmap::T4)));
        Some((mask, self.c_inv))
    }

    /// Restores the flags saved by [`Emitter::preserve_begin`].
    pub fn preserve_end(&mut self, tok: Option<(u32, bool)>) {
        if let Some((mask, old_inv)) = tok {
            let t4 = crate::regmap::T4;
            dynasm!(self.a ; .arch aarch64 ; rmif X(t4), #28, #mask);
            if mask & 2 != 0 {
                self.c_inv = old_inv;
            }
        }
    }

    /// Calls an `extern "C" fn(*mut Context, u64)` helper with `arg`; the guest state is spilled
    /// around the call so the helper sees and may change it.
    pub fn call_helper(&mut self, f: u64, arg: u64) {
        let (f, arg) = if self.placeholder_addrs {
            (0xf00d_0000, 0xa000)
        } else {
            (f, arg)
        };
        self.normalize_carry();
        self.mov_imm(16, f);
        self.mov_imm(17, arg);
        let h = self.stubs.helper;
        self.bl_abs(h);
        // the helper stub keeps its return address in x27; helpers may use x18
        self.rip_base = None;
        self.loop_const = None;
    }

    /// Runs the current instruction in the interpreter helper; leaves the block through the
    /// helper-stop exit if the interpreter reports a fault or an unsupported form.
    pub fn interp_call(&mut self) {
        let b = Box::new(self.ins);
        let p = &*b as *const Instruction as u64;
        self.interp.push(b);
        self.call_helper(
            crate::helpers::interp_helper as *const () as usize as u64,
            p,
        );
        let go_on = self.label();
        dynasm!(self.a ; .arch aarch64
            ; ldr x17, [X(crate::regmap::CTX), #crate::context::off::PENDING]
            ; cbz x17, =>go_on
        );
        let stop = self.stubs.exit_helper_stop;
        self.b_abs(stop);
        self.bind(go_on);
    }

    /// Finished code bytes.
    #[allow(clippy::type_complexity)]
    pub fn finish(
        self,
    ) -> Result<
        (
            Vec<u8>,
            Vec<ChainSite>,
            Vec<ChainSite>,
            Vec<Box<Instruction>>,
        ),
        String,
    > {
        let mut a = self.a;
        // the literal pool: after the block's last exit, never executed
        if !self.literals.is_empty() {
            dynasm!(a ; .arch aarch64 ; .align 8);
            for &(l, v) in &self.literals {
                dynasm!(a ; .arch aarch64 ; =>l ; .u64 v);
            }
        }
        let code = a.finalize().map_err(|e| format!("{e:?}"))?;
        Ok((code, self.chains, self.prelinked, self.interp))
    }
}
