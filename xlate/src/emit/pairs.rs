//! Neighbouring guest accesses to adjacent 4- or 8-byte slots done by one LDP/STP.
//!
//! Compiled x86 code makes two accesses where aarch64 code makes one pair access: prologues
//! and epilogues (`push r12; push rbp`, `pop rbp; pop r12; ret`), the return address a CALL
//! pushes after a PUSH, and neighbouring stack-slot loads (`mov rax, [rsi-8]; add [rsi-16],
//! rax`). A pair is planned between a first instruction (A) and the next instruction that
//! accesses memory (B) when:
//! - both access adjacent slots of one size off one base register (for PUSH/POP/CALL/RET the
//!   stack), A a load or store and B the same kind; B may also be an ALU instruction whose
//!   memory operand is loaded (the read half of a read-modify-write or a compare), or for
//!   loads the RET that pops the return address, for stores the CALL that pushes it;
//! - everything between A and B is a register-only integer instruction (it cannot fault, call
//!   a helper or leave the block, see [`super::movfuse`]) that neither writes the base
//!   register nor uses the stack pointer for stack pairs, nor uses the register B loads
//!   into, nor writes the register B stores.
//!
//! A's place does both accesses; B's skips its own (its loaded value, when B is not a plain
//! load, is in [`PAIR`] until B uses it). Nothing between them can observe the difference:
//! B's slot is accessed early, which no instruction in between reads, writes or depends on.
//! A faulting pair access belongs to A in the fault map: the run loop gets the guest state
//! before A (a faulting LDP/STP writes back no base and, like the single loads, loads no
//! destination; an STP crossing into an unwritable page may have written A's slot, which A
//! writes again). x86 faults at B when
//! only B's slot is inaccessible, with A done, so the run loop does not deliver such a fault:
//! it retranslates the code around A without pairs and runs A again, which then faults where
//! x86 does (`Machine::retry_unpaired`; `tests/programs/signals.c` checks both slots).
//!
//! Not for multi-threaded guests (see [`crate::tso`]): the two accesses of an LDP/STP are not
//! ordered with each other, which x86 requires between a thread's loads and its stores.

use super::Emitter;
use crate::regmap::{T0, T1};
use crate::state::gpr as G;
use dynasmrt::{dynasm, DynasmApi};
use iced_x86::{Instruction, InstructionInfoFactory, Mnemonic, OpAccess, OpKind, Register};

/// Host register that holds B's loaded value from A to B (x18: no emitter uses it otherwise,
/// and nothing between A and B calls a helper, which may clobber it; shared with a loop's
/// constant, see [`Plan::keep_pair_register_free`]).
pub const PAIR: u8 = crate::regmap::PAIR;

/// How many instructions may separate A and B.
const WINDOW: usize = 8;

const RSP: u8 = G::RSP as u8;

/// A value a pair stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A host register (guest GPR).
    Reg(u8),
    /// A constant.
    Imm(u64),
}

/// The access done at A's place for both instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairOp {
    /// `stp b, a, [rsp, #-16]!`: A pushes `a`, B pushes `b` (or is a CALL pushing its return
    /// address).
    Push { a: Value, b: Value },
    /// `ldp a, b, [rsp], #16`: A pops into `a`, B into `b` (or is a RET and `b` is [`PAIR`]).
    Pop { a: u8, b: u8 },
    /// `ldp lo, hi, [at]`.
    Load { at: PairAt, lo: u8, hi: u8 },
    /// `stp lo, hi, [at]`.
    Store { at: PairAt, lo: Value, hi: Value },
}

/// Where an LDP/STP of two `size`-byte slots accesses: `[base, #off]` (host register).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairAt {
    pub base: u8,
    pub off: i32,
    pub size: u32,
}

/// What B finds done when it is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paired {
    /// Everything: B emits nothing.
    All,
    /// B is a CALL whose return address is pushed.
    ReturnAddressStored,
    /// B's memory operand (or a RET's target) is in this host register.
    Loaded(u8),
}

/// The pairs of a block, in instruction order: (A, B, the access done at A, what B finds).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub pairs: Vec<(usize, usize, PairOp, Paired)>,
}

impl Plan {
    /// The access instruction `k` does for itself and a later one, if it is a pair's first.
    pub fn first(&self, k: usize) -> Option<PairOp> {
        self.pairs.iter().find(|p| p.0 == k).map(|p| p.2)
    }

    /// Drops the pairs that would load into [`PAIR`] (a loop keeps its constant there, see
    /// [`super::preheader`]).
    pub fn keep_pair_register_free(&mut self) {
        self.pairs
            .retain(|p| !matches!(p.3, Paired::Loaded(r) if r == PAIR));
    }

    /// What instruction `k` finds done, if it is a pair's second.
    pub fn second(&self, k: usize) -> Option<Paired> {
        self.pairs.iter().find(|p| p.1 == k).map(|p| p.3)
    }
}

/// One instruction's memory access as a pair member.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// The value, and the guest register holding it.
    Push(Value, Option<Register>),
    Pop(Register),
    /// A direct CALL, or one through a register other than RSP.
    Call(u64),
    Ret,
    /// `mov r, [slot]` (`dst` Some) or an ALU instruction reading `[slot]`.
    Load {
        slot: Slot,
        dst: Option<Register>,
    },
    /// `mov [slot], r/imm`; `src_reg` the register stored, if any.
    Store {
        slot: Slot,
        src: Value,
        src_reg: Option<Register>,
    },
}

/// A 4- or 8-byte memory operand `[base + disp]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    base: Register,
    disp: i64,
    size: u32,
}

/// Values `va` for slot `a` and `vb` for slot `b` when the slots are neighbours off one base
/// that LDP/STP can address: (where, the lower slot's value, the higher one's).
fn neighbours<T>(a: Slot, va: T, b: Slot, vb: T) -> Option<(PairAt, T, T)> {
    if a.base != b.base || a.size != b.size || (b.disp - a.disp).abs() != i64::from(a.size) {
        return None;
    }
    let (off, lo, hi) = if a.disp < b.disp {
        (a.disp, va, vb)
    } else {
        (b.disp, vb, va)
    };
    let at = PairAt {
        base: host(a.base)?,
        off: off as i32,
        size: a.size,
    };
    pair_offset_ok(off, a.size).then_some((at, lo, hi))
}

fn host(r: Register) -> Option<u8> {
    super::operands::gpr(r).map(|g| g.host)
}

/// The memory operand as a slot of `size` bytes: `[base + disp]` with a 64-bit general base
/// other than RIP, no index and no FS/GS; 4 or 8 bytes.
fn slot(i: &Instruction, size: u32) -> Option<Slot> {
    let base = i.memory_base();
    (base.is_gpr64()
        && i.memory_index() == Register::None
        && !matches!(i.memory_segment(), Register::FS | Register::GS)
        && matches!(size, 4 | 8))
    .then(|| Slot {
        base,
        disp: i.memory_displacement64() as i64,
        size,
    })
}

/// A 4- or 8-byte GPR (not RSP) as a whole-register value: the register.
fn whole_gpr(r: Register) -> Option<Register> {
    ((r.is_gpr64() || r.is_gpr32()) && r.full_register() != Register::RSP).then_some(r)
}

/// ALU instructions whose emitters load their memory operand through
/// [`Emitter::load_operand`].
fn loads_operand(i: &Instruction) -> bool {
    use Mnemonic as M;
    match i.mnemonic() {
        M::Add | M::Or | M::Adc | M::Sbb | M::And | M::Sub | M::Xor | M::Cmp | M::Test => {
            i.op_count() == 2
        }
        M::Imul => i.op_count() == 2 && i.op_kind(1) == OpKind::Memory,
        _ => false,
    }
}

fn access(i: &Instruction) -> Option<Access> {
    use Mnemonic as M;
    if i.has_lock_prefix() || i.has_rep_prefix() || i.has_repne_prefix() {
        return None;
    }
    let m = i.mnemonic();
    match m {
        M::Push if i.stack_pointer_increment() == -8 => match i.op_kind(0) {
            OpKind::Register => {
                let r = whole_gpr(i.op_register(0)).filter(|r| r.is_gpr64())?;
                Some(Access::Push(Value::Reg(host(r)?), Some(r)))
            }
            OpKind::Immediate8to64 | OpKind::Immediate32to64 => {
                Some(Access::Push(Value::Imm(i.immediate(0)), None))
            }
            _ => None,
        },
        M::Pop if i.stack_pointer_increment() == 8 && i.op_kind(0) == OpKind::Register => {
            whole_gpr(i.op_register(0))
                .filter(|r| r.is_gpr64())
                .map(Access::Pop)
        }
        M::Call => {
            let direct = i.op_kind(0) == OpKind::NearBranch64;
            let reg = i.op_kind(0) == OpKind::Register
                && whole_gpr(i.op_register(0)).is_some_and(|r| r.is_gpr64());
            (direct || reg).then(|| Access::Call(i.next_ip()))
        }
        M::Ret if i.op_count() == 0 => Some(Access::Ret),
        M::Mov => {
            let (k0, k1) = (i.op_kind(0), i.op_kind(1));
            if k0 == OpKind::Register && k1 == OpKind::Memory {
                let dst = whole_gpr(i.op_register(0))?;
                Some(Access::Load {
                    slot: slot(i, dst.size() as u32)?,
                    dst: Some(dst),
                })
            } else if k0 == OpKind::Memory {
                let size = i.memory_size().size() as u32;
                let slot = slot(i, size)?;
                let (src, src_reg) = match k1 {
                    OpKind::Register => {
                        let r = whole_gpr(i.op_register(1))?;
                        (Value::Reg(host(r)?), Some(r))
                    }
                    OpKind::Immediate32 | OpKind::Immediate32to64 => {
                        let v = i.immediate(1);
                        (
                            Value::Imm(if size == 4 { v & 0xffff_ffff } else { v }),
                            None,
                        )
                    }
                    _ => return None,
                };
                Some(Access::Store { slot, src, src_reg })
            } else {
                None
            }
        }
        _ if loads_operand(i) => Some(Access::Load {
            slot: slot(i, i.memory_size().size() as u32)?,
            dst: None,
        }),
        _ => None,
    }
}

/// The GPRs the instructions `between` use and those they write, as masks (bit n: the full
/// register n in x86 encoding order).
fn gpr_uses(info: &mut InstructionInfoFactory, between: &[Instruction]) -> (u32, u32) {
    let (mut used, mut written) = (0u32, 0u32);
    for i in between {
        for u in info.info(i).used_registers() {
            let r = u.register().full_register();
            if !r.is_gpr64() {
                continue;
            }
            let bit = 1 << (r as u32 - Register::RAX as u32);
            used |= bit;
            if matches!(
                u.access(),
                OpAccess::Write
                    | OpAccess::CondWrite
                    | OpAccess::ReadWrite
                    | OpAccess::ReadCondWrite
            ) {
                written |= bit;
            }
        }
    }
    (used, written)
}

/// LDP/STP's scaled signed 7-bit offset holds `off` for `size`-byte slots.
fn pair_offset_ok(off: i64, size: u32) -> bool {
    let s = i64::from(size);
    off % s == 0 && (-64..64).contains(&(off / s))
}

/// The pair of `a` (A) and `b` (B) with the instructions `between` them, if exact.
fn pair_of(
    info: &mut InstructionInfoFactory,
    a: Access,
    b: Access,
    between: &[Instruction],
) -> Option<(PairOp, Paired)> {
    // `used(r, true)`: an instruction between writes `r`; `used(r, false)`: uses it at all
    // `used(r, true)`: an instruction between writes `r`; `used(r, false)`: uses it at all
    let (any, writes) = if between.is_empty() {
        (0, 0)
    } else {
        gpr_uses(info, between)
    };
    let used = |r: Register, written: bool| {
        let bit = 1 << (r.full_register() as u32 - Register::RAX as u32);
        (if written { writes } else { any }) & bit != 0
    };
    match (a, b) {
        (Access::Push(va, _), Access::Push(..) | Access::Call(_)) => {
            if used(Register::RSP, false) {
                return None;
            }
            let (vb, done) = match b {
                // the register pushed second must hold its value already at A
                Access::Push(v, r) => {
                    if r.is_some_and(|r| used(r, true)) {
                        return None;
                    }
                    (v, Paired::All)
                }
                Access::Call(ret) => (Value::Imm(ret), Paired::ReturnAddressStored),
                _ => return None,
            };
            Some((PairOp::Push { a: va, b: vb }, done))
        }
        (Access::Pop(ra), Access::Pop(_) | Access::Ret) => {
            if used(Register::RSP, false) {
                return None;
            }
            let (hb, done) = match b {
                Access::Pop(rb) => {
                    if rb.full_register() == ra.full_register() || used(rb, false) {
                        return None;
                    }
                    (host(rb)?, Paired::All)
                }
                _ => (PAIR, Paired::Loaded(PAIR)),
            };
            Some((
                PairOp::Pop {
                    a: host(ra)?,
                    b: hb,
                },
                done,
            ))
        }
        (
            Access::Load {
                slot: sa,
                dst: Some(da),
            },
            Access::Load { slot: sb, dst },
        ) => {
            // the base must stay: not loaded into by A, not written between
            if da.full_register() == sa.base.full_register() || used(sa.base, true) {
                return None;
            }
            let (hb, done) = match dst {
                Some(db) => {
                    if db.full_register() == da.full_register() || used(db, false) {
                        return None;
                    }
                    (host(db)?, Paired::All)
                }
                None => (PAIR, Paired::Loaded(PAIR)),
            };
            let (at, lo, hi) = neighbours(sa, host(da)?, sb, hb)?;
            Some((PairOp::Load { at, lo, hi }, done))
        }
        (
            Access::Store {
                slot: sa, src: va, ..
            },
            Access::Store {
                slot: sb,
                src: vb,
                src_reg,
            },
        ) => {
            if used(sa.base, true) || src_reg.is_some_and(|r| used(r, true)) {
                return None;
            }
            let (at, lo, hi) = neighbours(sa, va, sb, vb)?;
            Some((PairOp::Store { at, lo, hi }, Paired::All))
        }
        _ => None,
    }
}

/// The pairs of `insns` (a block).
pub fn plan(insns: &[Instruction], info: &mut InstructionInfoFactory) -> Plan {
    let n = insns.len();
    let mut p = Plan::default();
    let mut k = 0;
    while k < n {
        // a first is a PUSH, POP or MOV (checked first: the cheap test for most instructions)
        let first = matches!(
            insns[k].mnemonic(),
            Mnemonic::Push | Mnemonic::Pop | Mnemonic::Mov
        );
        let Some(a) = first.then(|| access(&insns[k])).flatten() else {
            k += 1;
            continue;
        };
        // B: the next instruction that is not register-only
        let j = (k + 1..n.min(k + 2 + WINDOW))
            .find(|&j| !super::movfuse::register_only_integer(&insns[j]));
        let found = j.and_then(|j| {
            let b = access(&insns[j])?;
            pair_of(info, a, b, &insns[k + 1..j]).map(|x| (j, x))
        });
        match found {
            Some((j, (op, done))) => {
                p.pairs.push((k, j, op, done));
                k = j + 1;
            }
            None => k += 1,
        }
    }
    p
}

impl Emitter<'_> {
    /// Register holding `v` (constants in `tmp`).
    fn pair_value(&mut self, v: Value, tmp: u8) -> u8 {
        match v {
            Value::Reg(r) => r,
            Value::Imm(0) => 31,
            Value::Imm(x) => {
                self.mov_imm(tmp, x);
                tmp
            }
        }
    }

    /// Does both accesses of a pair, at its first instruction's place.
    pub fn pair(&mut self, op: PairOp) {
        let loads_pair_register = match op {
            PairOp::Pop { b, .. } => b == PAIR,
            PairOp::Load { lo, hi, .. } => lo == PAIR || hi == PAIR,
            _ => false,
        };
        if loads_pair_register {
            // no longer the loop constant (none is planned with one, see `Plan`)
            self.loop_const = None;
        }
        match op {
            PairOp::Push { a, b } => {
                let va = self.pair_value(a, T0);
                let vb = self.pair_value(b, T1);
                dynasm!(self.a ; .arch aarch64 ; stp X(vb), X(va), [X(RSP), #-16]!);
            }
            PairOp::Pop { a, b } => {
                dynasm!(self.a ; .arch aarch64 ; ldp X(a), X(b), [X(RSP)], #16);
            }
            PairOp::Load { at, lo, hi } => {
                let PairAt { base, off, size } = at;
                if size == 8 {
                    dynasm!(self.a ; .arch aarch64 ; ldp X(lo), X(hi), [X(base), #off]);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; ldp W(lo), W(hi), [X(base), #off]);
                }
            }
            PairOp::Store { at, lo, hi } => {
                let PairAt { base, off, size } = at;
                let lo = self.pair_value(lo, T0);
                let hi = self.pair_value(hi, T1);
                if size == 8 {
                    dynasm!(self.a ; .arch aarch64 ; stp X(lo), X(hi), [X(base), #off]);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; stp W(lo), W(hi), [X(base), #off]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    fn plan(insns: &[Instruction]) -> Plan {
        super::plan(insns, &mut InstructionInfoFactory::new())
    }

    /// For every instruction of `insns`, the second of the pair it is the first of.
    fn firsts(insns: &[Instruction]) -> Vec<Option<usize>> {
        let p = plan(insns);
        (0..insns.len())
            .map(|k| p.pairs.iter().find(|x| x.0 == k).map(|x| x.1))
            .collect()
    }

    #[test]
    fn prologue_pushes_pair_with_each_other_and_the_call() {
        // push r12; mov r12,rdi; push rbp; xor ebp,ebp; push rbx; mov rbx,rdi;
        // lea rdi,[rbx-1]; sub rbx,2; call .+0
        let v = dec(&[
            0x41, 0x54, 0x49, 0x89, 0xfc, 0x55, 0x31, 0xed, 0x53, 0x48, 0x89, 0xfb, 0x48, 0x8d,
            0x7b, 0xff, 0x48, 0x83, 0xeb, 0x02, 0xe8, 0x00, 0x00, 0x00, 0x00,
        ]);
        let p = plan(&v);
        assert_eq!(
            firsts(&v),
            vec![Some(2), None, None, None, Some(8), None, None, None, None]
        );
        assert_eq!(
            p.first(0),
            Some(PairOp::Push {
                a: Value::Reg(12),
                b: Value::Reg(5)
            })
        );
        assert_eq!(p.second(2), Some(Paired::All));
        assert_eq!(p.second(8), Some(Paired::ReturnAddressStored));
        assert_eq!(
            p.first(4),
            Some(PairOp::Push {
                a: Value::Reg(3),
                b: Value::Imm(0x1019)
            })
        );
    }

    #[test]
    fn epilogue_pops_pair_unless_an_instruction_between_reads_the_second() {
        // pop rbx; lea rax,[r12+rbp]; pop rbp; pop r12; ret
        let v = dec(&[0x5b, 0x49, 0x8d, 0x04, 0x2c, 0x5d, 0x41, 0x5c, 0xc3]);
        let p = plan(&v);
        // the LEA reads RBP, which the second POP would load early
        assert_eq!(firsts(&v), vec![None, None, Some(3), None, None]);
        assert_eq!(p.first(2), Some(PairOp::Pop { a: 5, b: 12 }));
        // pop r12; ret: the return address into PAIR
        let v = dec(&[0x41, 0x5c, 0xc3]);
        let p = plan(&v);
        assert_eq!(p.first(0), Some(PairOp::Pop { a: 12, b: PAIR }));
        assert_eq!(p.second(1), Some(Paired::Loaded(PAIR)));
        // pop rbx; push rbx: different kinds
        assert_eq!(firsts(&dec(&[0x5b, 0x53])), vec![None, None]);
    }

    #[test]
    fn neighbouring_slot_loads_pair_with_a_read_modify_write() {
        // mov rax,[rsi-8]; add [rsi-16],rax
        let v = dec(&[0x48, 0x8b, 0x46, 0xf8, 0x48, 0x01, 0x46, 0xf0]);
        let p = plan(&v);
        assert_eq!(
            p.first(0),
            Some(PairOp::Load {
                at: PairAt {
                    base: 6,
                    off: -16,
                    size: 8,
                },
                lo: PAIR,
                hi: 0
            })
        );
        assert_eq!(p.second(1), Some(Paired::Loaded(PAIR)));
        // a loop keeping its constant in PAIR drops the pair
        let mut p = p;
        p.keep_pair_register_free();
        assert_eq!(p, Plan::default());
        // mov rcx,[rsi-8]; add rdi,4; sar qword [rsi-16],cl
        let v = dec(&[
            0x48, 0x8b, 0x4e, 0xf8, 0x48, 0x83, 0xc7, 0x04, 0x48, 0xd3, 0x7e, 0xf0,
        ]);
        // SAR is not an operand-loading ALU instruction
        assert_eq!(firsts(&v), vec![None, None, None]);
        // mov rax,[rsi-8]; add rsi,8; add [rsi-16],rax: the base changes in between
        let v = dec(&[
            0x48, 0x8b, 0x46, 0xf8, 0x48, 0x83, 0xc6, 0x08, 0x48, 0x01, 0x46, 0xf0,
        ]);
        assert_eq!(firsts(&v), vec![None, None, None]);
        // mov rax,[rsi]; mov rax,[rsi+8]: one destination
        let v = dec(&[0x48, 0x8b, 0x06, 0x48, 0x8b, 0x46, 0x08]);
        assert_eq!(firsts(&v), vec![None, None]);
        // mov rsi,[rsi]; mov rax,[rsi+8]: the first load changes the base
        let v = dec(&[0x48, 0x8b, 0x36, 0x48, 0x8b, 0x46, 0x08]);
        assert_eq!(firsts(&v), vec![None, None]);
        // mov eax,[rdi+4]; mov edx,[rdi]: 4-byte slots, in either order
        let v = dec(&[0x8b, 0x47, 0x04, 0x8b, 0x17]);
        assert_eq!(
            plan(&v).first(0),
            Some(PairOp::Load {
                at: PairAt {
                    base: 7,
                    off: 0,
                    size: 4,
                },
                lo: 2,
                hi: 0
            })
        );
    }

    #[test]
    fn stores_pair_when_the_second_value_is_ready() {
        // mov [rsp+8],rax; mov [rsp+16],rbx
        let v = dec(&[0x48, 0x89, 0x44, 0x24, 0x08, 0x48, 0x89, 0x5c, 0x24, 0x10]);
        // stp lo, hi, [rsp, #8]
        let at_rsp_8 = |lo, hi| {
            Some(PairOp::Store {
                at: PairAt {
                    base: 4,
                    off: 8,
                    size: 8,
                },
                lo,
                hi,
            })
        };
        assert_eq!(plan(&v).first(0), at_rsp_8(Value::Reg(0), Value::Reg(3)));
        // mov [rsp+8],rax; mov rbx,rcx; mov [rsp+16],rbx: the second value is computed between
        let v = dec(&[
            0x48, 0x89, 0x44, 0x24, 0x08, 0x48, 0x89, 0xcb, 0x48, 0x89, 0x5c, 0x24, 0x10,
        ]);
        assert_eq!(firsts(&v), vec![None, None, None]);
        // mov qword [rsp+16],0; mov [rsp+8],rax
        let v = dec(&[
            0x48, 0xc7, 0x44, 0x24, 0x10, 0x00, 0x00, 0x00, 0x00, 0x48, 0x89, 0x44, 0x24, 0x08,
        ]);
        assert_eq!(plan(&v).first(0), at_rsp_8(Value::Reg(0), Value::Imm(0)));
        // push rax; mov rsp,rbp; push rbx: RSP changes in between; push rax; push rsp: RSP
        // itself pushed
        let v = dec(&[0x50, 0x48, 0x89, 0xec, 0x53]);
        assert_eq!(firsts(&v), vec![None, None, None]);
        let v = dec(&[0x50, 0x54]);
        assert_eq!(firsts(&v), vec![None, None]);
    }
}
