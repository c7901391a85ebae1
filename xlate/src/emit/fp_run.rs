//! Runs of SSE floating-point instructions checked for an x86/aarch64 NaN difference once per
//! run instead of once per instruction.
//!
//! Inline SSE arithmetic is exact unless FPSR.IOC gets set (see `branch_if_no_invalid`). A run
//! is a sequence of instructions that only write XMM registers (arithmetic, register and load
//! moves, unpacks, bitwise ops): no GPR, flag or memory writes. Its destinations are copied to
//! spare vector registers (v16..v27) first; the arithmetic then commits without checks, and one
//! IOC test at the end either continues or restores the destinations and replays the whole run
//! in the interpreter, which is exact. Loads are replayed too: nothing in the run writes memory.

use super::xmm_upper::UpperDead;
use super::Emitter;
use crate::helpers;
use dynasmrt::{dynasm, DynasmApi};
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

/// Spare vector registers for the destinations' copies (v16..v27; v28..v31 are VT3..VT0).
const BACKUP_BASE: u8 = 16;
const MAX_DESTS: usize = 12;
/// Where a run's GPR members are backed up (no run member's emission uses T3 or T4).
const GPR_BACKUPS: [u8; MAX_GPRS] = [crate::regmap::T3, crate::regmap::T4];

/// GPRs a run may change (`add/sub r64, imm`), backed up in T3 and T4.
const MAX_GPRS: usize = 2;

/// A run found by [`find`]: `len` instructions whose XMM destinations are `dests` and whose
/// GPR destinations (host registers) are `gprs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FpRun {
    pub len: usize,
    pub dests: Vec<u8>,
    pub gprs: Vec<u8>,
}

/// The host register of the 64-bit GPR that `i` changes, if `i` is `add/sub r64, imm` (a
/// pointer step between the loads of a loop): a run member whose register is restored before
/// the replay.
fn gpr_member(i: &Instruction) -> Option<u8> {
    if !matches!(i.mnemonic(), Mnemonic::Add | Mnemonic::Sub)
        || i.has_lock_prefix()
        || i.op_count() != 2
        || i.op_kind(0) != OpKind::Register
        || !matches!(
            i.op_kind(1),
            OpKind::Immediate8to64 | OpKind::Immediate32to64
        )
    {
        return None;
    }
    let r = i.op_register(0);
    if !r.is_gpr64() || r == Register::RSP {
        return None;
    }
    super::operands::gpr(r).map(|g| g.host)
}

fn xmm(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    (v < 16).then_some(v as u8)
}

/// Instructions checked after every execution when emitted on their own: (scalar, packed).
fn arith(m: Mnemonic) -> Option<bool> {
    use Mnemonic as M;
    match m {
        M::Addsd
        | M::Subsd
        | M::Mulsd
        | M::Divsd
        | M::Sqrtsd
        | M::Addss
        | M::Subss
        | M::Mulss
        | M::Divss
        | M::Sqrtss => Some(false),
        M::Addpd | M::Subpd | M::Mulpd | M::Divpd | M::Addps | M::Subps | M::Mulps | M::Divps => {
            Some(true)
        }
        _ => None,
    }
}

/// The XMM register a run member writes, if `i` may be in a run.
fn member_dest(i: &Instruction) -> Option<u8> {
    use Mnemonic as M;
    if i.op_kind(0) != OpKind::Register || i.is_string_instruction() || i.has_lock_prefix() {
        return None;
    }
    let d = xmm(i.op_register(0))?;
    let src_ok = match i.op_kind(1) {
        OpKind::Register => xmm(i.op_register(1)).is_some(),
        OpKind::Memory => true,
        _ => false,
    };
    if !src_ok || i.op_count() != 2 {
        return None;
    }
    let member = arith(i.mnemonic()).is_some()
        || matches!(
            i.mnemonic(),
            M::Movapd
                | M::Movaps
                | M::Movupd
                | M::Movups
                | M::Movdqa
                | M::Movdqu
                | M::Movsd
                | M::Movss
                | M::Unpcklpd
                | M::Unpckhpd
                | M::Xorpd
                | M::Xorps
                | M::Andpd
                | M::Andps
                | M::Orpd
                | M::Orps
        );
    (member && helpers::interp_supports(i)).then_some(d)
}

/// True if `i` (a run member writing `d`) overwrites all of `d` without reading it.
fn writes_whole_dest(i: &Instruction, d: u8) -> bool {
    use Mnemonic as M;
    match i.mnemonic() {
        M::Movapd | M::Movaps | M::Movupd | M::Movups | M::Movdqa | M::Movdqu => {
            i.op_kind(1) == OpKind::Memory || xmm(i.op_register(1)) != Some(d)
        }
        // loads zero the rest of the register
        M::Movsd | M::Movss => i.op_kind(1) == OpKind::Memory,
        _ => false,
    }
}

/// The run starting at `insns[k]` with the destinations that need a copy: those written
/// before the run could have read them. A destination whose first access in the run
/// overwrites it whole needs none: the replay recomputes it before anything reads it.
fn scan<'a>(
    insns: &'a [Instruction],
    k: usize,
    gpr_ok: &'a dyn Fn(usize) -> bool,
) -> impl Iterator<Item = (usize, Vec<u8>, Vec<u8>)> + 'a {
    // destinations written so far, those copied, and registers read before being written
    let (mut written, mut backed, mut read) = (Vec::new(), Vec::new(), Vec::new());
    let mut gprs: Vec<u8> = Vec::new();
    insns[k..].iter().enumerate().map_while(move |(n, i)| {
        if let Some(g) = gpr_member(i).filter(|_| gpr_ok(k + n)) {
            if !gprs.contains(&g) {
                if gprs.len() == MAX_GPRS {
                    return None;
                }
                gprs.push(g);
            }
            return Some((n + 1, backed.clone(), gprs.clone()));
        }
        let d = member_dest(i)?;
        let src = match i.op_kind(1) {
            OpKind::Register => xmm(i.op_register(1)),
            _ => None,
        };
        if let Some(s) = src {
            if !written.contains(&s) && !read.contains(&s) {
                read.push(s);
            }
        }
        if !written.contains(&d) {
            if !writes_whole_dest(i, d) || read.contains(&d) {
                if backed.len() == MAX_DESTS {
                    return None;
                }
                backed.push(d);
            }
            written.push(d);
        }
        Some((n + 1, backed.clone(), gprs.clone()))
    })
}

/// The longest worthwhile run starting at `insns[k]`, if any; `gpr_ok(n)`: instruction `n`
/// may be a GPR member (see `gpr_member`) when it is one.
pub fn find(insns: &[Instruction], k: usize, gpr_ok: &dyn Fn(usize) -> bool) -> Option<FpRun> {
    // instructions saved by the run so far: per-instruction check (mrs + tbz) and, for packed
    // arithmetic, the result copy; the run pays one copy per backed-up destination and one
    // check
    let (mut saved, mut best) = (0i32, None);
    for (len, dests, gprs) in scan(insns, k, gpr_ok) {
        let i = &insns[k + len - 1];
        match arith(i.mnemonic()) {
            Some(false) => saved += 2,
            Some(true) => saved += 3,
            None => {}
        }
        // a run that ends with a GPR member gains nothing by it
        if saved - 2 - dests.len() as i32 - gprs.len() as i32 > 0 && gpr_member(i).is_none() {
            best = Some(FpRun { len, dests, gprs });
        }
    }
    best
}

/// The runs the translation of `insns` opens, as [`crate::translate`] finds them (the first
/// run from the first instruction where one starts, the next after its end): for each
/// instruction, the start of the run it belongs to.
pub fn segments(insns: &[Instruction], gpr_ok: &dyn Fn(usize) -> bool) -> Vec<Option<usize>> {
    let mut of = vec![None; insns.len()];
    let mut k = 0;
    while k < insns.len() {
        match find(insns, k, gpr_ok) {
            Some(r) => {
                of[k..k + r.len].fill(Some(k));
                k += r.len;
            }
            None => k += 1,
        }
    }
    of
}

/// True if `i` is ADD/SUB/MUL/DIV/SQRT SD: (destination, register source if any).
fn scalar_double(i: &Instruction) -> Option<(u8, Option<u8>)> {
    use Mnemonic as M;
    if !matches!(
        i.mnemonic(),
        M::Addsd | M::Subsd | M::Mulsd | M::Divsd | M::Sqrtsd
    ) || i.op_kind(0) != OpKind::Register
    {
        return None;
    }
    let d = xmm(i.op_register(0))?;
    match i.op_kind(1) {
        OpKind::Register => Some((d, Some(xmm(i.op_register(1))?))),
        OpKind::Memory => Some((d, None)),
        _ => None,
    }
}

/// True if `i`, a run member, neither mentions XMM `d` nor can fault, and its emission inside
/// a run leaves VT1 alone: register moves and merges, packed arithmetic (written straight to
/// its destination), unpacks and logic on registers, and scalar double arithmetic written as a
/// plain scalar (`plain`, see [`insert_chains`]).
fn leaves_low_pending(i: &Instruction, d: u8, plain: UpperDead) -> bool {
    let regs: Option<Vec<u8>> = (0..i.op_count())
        .map(|n| match i.op_kind(n) {
            OpKind::Register => xmm(i.op_register(n)),
            _ => None,
        })
        .collect();
    let Some(regs) = regs else {
        return false;
    };
    if regs.contains(&d) || member_dest(i).is_none() {
        return false;
    }
    match arith(i.mnemonic()) {
        // scalar: only doubles written as plain scalars leave VT1 alone
        Some(false) => scalar_double(i).is_some() && plain & (1 << regs[0]) != 0,
        // packed arithmetic (straight into its destination), moves, unpacks, logic
        _ => true,
    }
}

/// Lane inserts a run leaves to a later member. A scalar double operation whose destination's
/// upper half stays live computes into VT1 and inserts that into the destination's low lane;
/// when the next operation reading the destination is another such operation on it, with
/// register operands, and nothing in between mentions the destination, can fault or uses VT1
/// (see `leaves_low_pending`), that operation takes the low half from VT1 instead and the
/// insert happens once, after the last of the chain (`mulsd x6,x1; ...; addsd x0,x1; ...;
/// addsd x0,x1` inserts once). `next[k] = Some(j)`: member `k` leaves its insert to member
/// `j`. `plain[k]`: the registers a scalar double member `k` writes as a plain scalar (upper
/// half dead after it or zero, see `Emitter::scalar_fp`).
pub fn insert_chains(members: &[Instruction], plain: &[UpperDead]) -> Vec<Option<usize>> {
    let mut next = vec![None; members.len()];
    for (k, i) in members.iter().enumerate() {
        let Some((d, _)) = scalar_double(i) else {
            continue;
        };
        if plain[k] & (1 << d) != 0 {
            // written as a plain scalar: no insert
            continue;
        }
        for (j, m) in members.iter().enumerate().skip(k + 1) {
            if let Some((dj, Some(_))) = scalar_double(m) {
                if dj == d {
                    next[k] = Some(j);
                    break;
                }
            }
            if !leaves_low_pending(m, d, plain[j]) {
                break;
            }
        }
    }
    next
}

impl Emitter<'_> {
    /// Starts a run: copies its destinations and defers the per-instruction checks.
    pub fn fp_run_begin(&mut self, run: &FpRun) {
        // the replay calls helpers, which normalise the carry: normalise it on both paths now
        self.normalize_carry();
        for (n, &d) in run.dests.iter().enumerate() {
            let b = BACKUP_BASE + n as u8;
            dynasm!(self.a ; .arch aarch64 ; mov V(b).B16, V(d).B16);
        }
        for (&g, b) in run.gprs.iter().zip(GPR_BACKUPS) {
            dynasm!(self.a ; .arch aarch64 ; mov X(b), X(g));
        }
        self.fp_deferred = true;
    }

    /// Ends a run whose instructions are `members`: one IOC check, and the exact replay.
    pub fn fp_run_end(&mut self, run: &FpRun, members: &[Instruction]) {
        self.fp_deferred = false;
        // a SUB member may have left the carry inverted; the replay leaves it normal
        self.normalize_carry();
        let ok = self.label();
        self.branch_if_no_invalid(ok);
        for (n, &d) in run.dests.iter().enumerate() {
            let b = BACKUP_BASE + n as u8;
            dynasm!(self.a ; .arch aarch64 ; mov V(d).B16, V(b).B16);
        }
        for (&g, b) in run.gprs.iter().zip(GPR_BACKUPS) {
            dynasm!(self.a ; .arch aarch64 ; mov X(g), X(b));
        }
        let current = self.ins;
        for i in members {
            self.ins = *i;
            self.interp_call();
        }
        self.ins = current;
        self.bind(ok);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    #[test]
    fn runs_take_pointer_steps_along() {
        // mulsd xmm1,xmm0; add rbx,0x38; divsd xmm9,xmm1; mulsd xmm9,xmm0; addsd xmm1,xmm9
        let v = dec(&[
            0xf2, 0x0f, 0x59, 0xc8, 0x48, 0x83, 0xc3, 0x38, 0xf2, 0x44, 0x0f, 0x5e, 0xc9, 0xf2,
            0x44, 0x0f, 0x59, 0xc8, 0xf2, 0x41, 0x0f, 0x58, 0xc9,
        ]);
        assert_eq!(
            find(&v, 0, &|_| true),
            Some(FpRun {
                len: 5,
                dests: vec![1, 9],
                gprs: vec![3]
            })
        );
        // not when a register move folds into the step, nor when it would end the run
        assert_eq!(find(&v, 0, &|n| n != 1), None);
        assert_eq!(find(&v[..2], 0, &|_| true), None);
    }

    #[test]
    fn run_stops_at_stores_and_gpr_writes_and_needs_a_saving() {
        // mulsd xmm0,xmm1; addsd xmm0,[rax]; mulpd xmm2,xmm3; movsd [rax],xmm0; add rax,8
        let v = dec(&[
            0xf2, 0x0f, 0x59, 0xc1, 0xf2, 0x0f, 0x58, 0x00, 0x66, 0x0f, 0x59, 0xd3, 0xf2, 0x0f,
            0x11, 0x00, 0x48, 0x83, 0xc0, 0x08,
        ]);
        let none = |_: usize| false;
        let r = find(&v, 0, &none).expect("three checked instructions make a run");
        assert_eq!(
            r,
            FpRun {
                len: 3,
                dests: vec![0, 2],
                gprs: vec![]
            }
        );
        assert_eq!(find(&v, 3, &none), None, "a store is not a run member");
        // a single scalar operation saves nothing
        assert_eq!(find(&v[..1], 0, &none), None);
        // movapd xmm3,[rax]; mulpd xmm3,xmm4; mulpd xmm4,xmm3; movapd xmm5,xmm4; addpd xmm5,xmm1
        // xmm3 and xmm5 are loaded whole before any read: only xmm4 needs a copy
        let v = dec(&[
            0x66, 0x0f, 0x28, 0x18, 0x66, 0x0f, 0x59, 0xdc, 0x66, 0x0f, 0x59, 0xe3, 0x66, 0x0f,
            0x28, 0xec, 0x66, 0x0f, 0x58, 0xe9,
        ]);
        assert_eq!(
            find(&v, 0, &none),
            Some(FpRun {
                len: 5,
                dests: vec![4],
                gprs: vec![]
            })
        );
        // mulpd xmm1,xmm2; movapd xmm2,[rax]; addpd xmm2,xmm1: xmm2 is read before its load
        let v = dec(&[
            0x66, 0x0f, 0x59, 0xca, 0x66, 0x0f, 0x28, 0x10, 0x66, 0x0f, 0x58, 0xd1,
        ]);
        assert_eq!(
            find(&v, 0, &none),
            Some(FpRun {
                len: 3,
                dests: vec![1, 2],
                gprs: vec![]
            })
        );
    }
}
