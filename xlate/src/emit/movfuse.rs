//! Register-to-register MOVs folded into the instruction that next writes their destination.
//!
//! x86's two-operand forms make compilers copy a register before changing the copy
//! (`mov r13d, ecx; ror r13d, 11`); aarch64's three-operand forms do both at once
//! (`ror w13, w1, #11`). A `mov dst, src` (both 32-bit or both 64-bit) is skipped when a later
//! instruction of the block (the consumer) overwrites all of `dst` as a function of its old
//! value — ADD/SUB/AND/OR/XOR with a register or immediate, a shift or rotate by a non-zero
//! constant, NOT, NEG — and every instruction in between is a register-only integer
//! instruction that neither touches `dst` nor writes `src`. The consumer then reads `src` where
//! it would read `dst` (see [`super::Emitter::gpr_alias`]).
//!
//! Nothing in between can fault, exit the block or observe `dst`, so no guest-visible state
//! ever lacks the move: by the consumer's end, `dst` holds what the pair computes.

use iced_x86::{Instruction, InstructionInfoFactory, Mnemonic, OpAccess, OpKind, Register};

/// How many instructions a move may be carried towards its consumer.
const WINDOW: usize = 8;

/// Moves of a block folded into consumers: `consumer[k] = Some(j)` for a skipped move at `k`
/// done by instruction `j`; `mov_of[j] = Some(k)` the other way round.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fusion {
    pub consumer: Vec<Option<usize>>,
    pub mov_of: Vec<Option<usize>>,
}

/// `mov r32, r32` or `mov r64, r64` between different registers: (dst, src) full registers.
fn plain_move(i: &Instruction) -> Option<(Register, Register)> {
    if i.mnemonic() != Mnemonic::Mov
        || i.op_count() != 2
        || i.op_kind(0) != OpKind::Register
        || i.op_kind(1) != OpKind::Register
    {
        return None;
    }
    let (d, s) = (i.op_register(0), i.op_register(1));
    let gpr = |r: Register| r.is_gpr32() || r.is_gpr64();
    if !gpr(d) || !gpr(s) || d.size() != s.size() || d.full_register() == s.full_register() {
        return None;
    }
    Some((d, s))
}

/// True if `i` overwrites all of `dst` (of its size) from its old value in a way the emitters
/// can take from another register.
fn consumes(i: &Instruction, dst: Register) -> bool {
    use Mnemonic as M;
    if i.op_count() == 0
        || i.op_kind(0) != OpKind::Register
        || i.op_register(0) != dst
        || i.has_lock_prefix()
    {
        return false;
    }
    match i.mnemonic() {
        M::Add | M::Sub | M::And | M::Or | M::Xor => {
            i.op_count() == 2
                && match i.op_kind(1) {
                    OpKind::Register => {
                        let r = i.op_register(1);
                        r.is_gpr32() || r.is_gpr64()
                    }
                    OpKind::Immediate8
                    | OpKind::Immediate8to32
                    | OpKind::Immediate8to64
                    | OpKind::Immediate32
                    | OpKind::Immediate32to64 => true,
                    _ => false,
                }
        }
        M::Shl | M::Sal | M::Shr | M::Sar | M::Rol | M::Ror => {
            let mask = if dst.size() == 8 { 63 } else { 31 };
            i.op_count() == 2 && i.op_kind(1) == OpKind::Immediate8 && i.immediate8() & mask != 0
        }
        M::Not | M::Neg => i.op_count() == 1,
        _ => false,
    }
}

/// True if `i` is an integer instruction on GPRs and immediates only (LEA's address is not
/// accessed): it cannot fault, and the emitters always have an inline form for it.
pub(crate) fn register_only_integer(i: &Instruction) -> bool {
    use Mnemonic as M;
    let simple = matches!(
        i.mnemonic(),
        M::Mov
            | M::Movzx
            | M::Movsx
            | M::Movsxd
            | M::Add
            | M::Sub
            | M::And
            | M::Or
            | M::Xor
            | M::Cmp
            | M::Test
            | M::Shl
            | M::Sal
            | M::Shr
            | M::Sar
            | M::Rol
            | M::Ror
            | M::Not
            | M::Neg
            | M::Inc
            | M::Dec
            | M::Lea
            | M::Nop
    ) || (i.mnemonic() == M::Imul && i.op_count() >= 2);
    if !simple || i.has_lock_prefix() {
        return false;
    }
    (0..i.op_count()).all(|n| match i.op_kind(n) {
        OpKind::Memory => i.mnemonic() == M::Lea || i.mnemonic() == M::Nop,
        OpKind::Register => i.op_register(n).is_gpr(),
        _ => true,
    })
}

/// True if `i` is a register-only integer instruction that leaves `dst` alone (neither reads
/// nor writes any part of it) and does not write `src`.
fn transparent(
    info: &mut InstructionInfoFactory,
    i: &Instruction,
    dst: Register,
    src: Register,
) -> bool {
    register_only_integer(i)
        && info.info(i).used_registers().iter().all(|u| {
            let r = u.register().full_register();
            r != dst.full_register()
                && !(r == src.full_register()
                    && matches!(
                        u.access(),
                        OpAccess::Write
                            | OpAccess::CondWrite
                            | OpAccess::ReadWrite
                            | OpAccess::ReadCondWrite
                    ))
        })
}

/// The moves of `insns` that fold into a later instruction.
pub fn plan(insns: &[Instruction]) -> Fusion {
    let n = insns.len();
    let mut f = Fusion {
        consumer: vec![None; n],
        mov_of: vec![None; n],
    };
    let mut info = InstructionInfoFactory::new();
    for k in 0..n {
        let Some((dst, src)) = plain_move(&insns[k]) else {
            continue;
        };
        for (j, i) in insns.iter().enumerate().take(k + 1 + WINDOW).skip(k + 1) {
            if consumes(i, dst) {
                if f.mov_of[j].is_none() {
                    f.consumer[k] = Some(j);
                    f.mov_of[j] = Some(k);
                }
                break;
            }
            if !transparent(&mut info, i, dst, src) {
                break;
            }
        }
    }
    f
}

fn xmm(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    (v < 16).then_some(v as u8)
}

/// `movdqa/movdqu/movaps/movups/movapd/movupd x, y` between XMM registers: (x, y).
pub fn xmm_move(i: &Instruction) -> Option<(u8, u8)> {
    use Mnemonic as M;
    if !matches!(
        i.mnemonic(),
        M::Movdqa | M::Movdqu | M::Movaps | M::Movups | M::Movapd | M::Movupd
    ) || i.op_kind(0) != OpKind::Register
        || i.op_kind(1) != OpKind::Register
    {
        return None;
    }
    let (x, y) = (xmm(i.op_register(0))?, xmm(i.op_register(1))?);
    (x != y).then_some((x, y))
}

/// The XMM registers among `i`'s register operands, if all of its operands are XMM registers
/// or immediates.
fn xmm_operands(i: &Instruction) -> Option<Vec<u8>> {
    (0..i.op_count())
        .filter_map(|n| match i.op_kind(n) {
            OpKind::Register => Some(xmm(i.op_register(n))),
            OpKind::Immediate8 => None,
            _ => Some(None),
        })
        .collect()
}

/// Moves between XMM registers folded into a later (not the next: see `translate`) integer
/// or logic SSE instruction that overwrites their destination from a first source, across
/// instructions that leave the destination alone, do not write the source, and cannot fault
/// or call a helper: register-only integer instructions, register moves, and the same SSE
/// forms (see [`super::sse::fusable_after_move`]). Inside one FP run (`runs`, see
/// [`super::fp_run::segments`]), whose replay redoes the move, packed arithmetic and scalar
/// double arithmetic on registers may also lie in between, and be the consumer (scalar
/// arithmetic only when its destination's upper half is dead after it, `upper_dead`: see
/// [`super::sse::scalar_fusable_after_move`]). Move and consumer are in the same run or both
/// outside runs.
pub fn xmm_plan(
    insns: &[Instruction],
    runs: &[Option<usize>],
    upper_dead: &[super::xmm_upper::UpperDead],
) -> Fusion {
    use super::sse::{fusable_after_move, is_packed_arith, scalar_fusable_after_move};
    let n = insns.len();
    let mut f = Fusion {
        consumer: vec![None; n],
        mov_of: vec![None; n],
    };
    for k in 0..n {
        let Some((x, y)) = xmm_move(&insns[k]) else {
            continue;
        };
        let in_run = runs[k].is_some();
        for j in k + 1..n.min(k + 1 + WINDOW) {
            let i = &insns[j];
            if runs[j] != runs[k] {
                break;
            }
            let ops = xmm_operands(i);
            // FP arithmetic only inside a run: alone, its NaN fallback calls a helper
            let arith = in_run
                && ops.is_some()
                && (is_packed_arith(i)
                    || scalar_fusable_after_move(i) && i.op_kind(0) == OpKind::Register);
            let writes_x = i.op_kind(0) == OpKind::Register && xmm(i.op_register(0)) == Some(x);
            let consumer = fusable_after_move(i)
                || arith && (is_packed_arith(i) || upper_dead[j] & (1 << x) != 0);
            if j > k + 1 && writes_x && ops.is_some() && consumer {
                if f.mov_of[j].is_none() {
                    f.consumer[k] = Some(j);
                    f.mov_of[j] = Some(k);
                }
                break;
            }
            let sse = fusable_after_move(i) || xmm_move(i).is_some() || arith;
            let passes = if register_only_integer(i) {
                true
            } else if let (true, Some(ops)) = (sse, ops) {
                !ops.contains(&x) && ops.first() != Some(&y)
            } else {
                false
            };
            if !passes {
                break;
            }
        }
    }
    f
}

/// Moves between XMM registers done by emitting the two instructions after them in swapped
/// order: in `movdqa x, y; A; B`, A overwrites `y` and B overwrites `x` from its old value
/// (the copy of `y`), both register-only SSE forms that take operand 0 from another register
/// (see [`super::sse::fusable_after_move`]). B goes first, reading `y` where it would read
/// `x` (`zip2 v7, v2, v0; zip1 v2, v2, v0` for `movdqa xmm7, xmm2; punpcklwd xmm2, xmm0;
/// punpckhwd xmm7, xmm0`), then A. That order is exact when A does not read `x` (B has
/// written it) and B does not read `y` (A has not written it yet); neither can fault or call
/// a helper, so no guest-visible state lies between them. Not inside FP runs (`runs`, see
/// [`super::fp_run::segments`]: a run's replay needs the instructions in order). `swaps[k]`:
/// the move at `k` is done this way.
pub fn xmm_swap_plan(insns: &[Instruction], runs: &[Option<usize>]) -> Vec<bool> {
    let mut swaps = vec![false; insns.len()];
    let writes = |i: &Instruction, r: u8| {
        super::sse::fusable_after_move(i)
            && i.op_kind(0) == OpKind::Register
            && xmm(i.op_register(0)) == Some(r)
    };
    let mut k = 0;
    while k + 2 < insns.len() {
        let (a, b) = (&insns[k + 1], &insns[k + 2]);
        let fits = xmm_move(&insns[k]).is_some_and(|(x, y)| {
            writes(a, y)
                && writes(b, x)
                && xmm_operands(a).is_some_and(|ops| !ops.contains(&x))
                && xmm_operands(b).is_some_and(|ops| !ops.contains(&y))
                && runs[k..k + 3].iter().all(Option::is_none)
        });
        if fits {
            swaps[k] = true;
            k += 3;
        } else {
            k += 1;
        }
    }
    swaps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    #[test]
    fn moves_fold_into_the_next_writer_of_their_destination() {
        // mov r13d,ecx; mov r14d,ecx; ror r13d,0xb; and r14d,r11d; mov eax,ecx; not eax
        let v = dec(&[
            0x41, 0x89, 0xcd, 0x41, 0x89, 0xce, 0x41, 0xc1, 0xcd, 0x0b, 0x45, 0x21, 0xde, 0x89,
            0xc8, 0xf7, 0xd0,
        ]);
        let f = plan(&v);
        assert_eq!(
            f.consumer,
            vec![Some(2), Some(3), None, None, Some(5), None]
        );
        assert_eq!(f.mov_of, vec![None, None, Some(0), Some(1), None, Some(4)]);
    }

    fn no_runs(v: &[Instruction]) -> Vec<Option<usize>> {
        vec![None; v.len()]
    }

    fn dead(v: &[Instruction]) -> Vec<crate::emit::xmm_upper::UpperDead> {
        vec![0; v.len()]
    }

    #[test]
    fn xmm_moves_fold_within_an_fp_run_across_its_arithmetic() {
        // movupd xmm5,[rbx]; movapd xmm5,xmm6; movapd xmm1,xmm6; mulsd xmm1,xmm6;
        // unpckhpd xmm5,xmm5; movapd xmm0,xmm5; mulsd xmm0,xmm0; addsd xmm1,xmm0
        let v = dec(&[
            0x66, 0x0f, 0x10, 0x2b, 0x66, 0x0f, 0x28, 0xee, 0x66, 0x0f, 0x28, 0xce, 0xf2, 0x0f,
            0x59, 0xce, 0x66, 0x0f, 0x15, 0xed, 0x66, 0x0f, 0x28, 0xc5, 0xf2, 0x0f, 0x59, 0xc0,
            0xf2, 0x0f, 0x58, 0xc8,
        ]);
        let runs = crate::emit::fp_run::segments(&v, &|_| false);
        assert!(runs.iter().all(|r| *r == Some(0)), "{runs:?}");
        let f = xmm_plan(&v, &runs, &dead(&v));
        assert_eq!(
            f.consumer[1],
            Some(4),
            "unpckhpd takes xmm6 across mulsd xmm1,xmm6"
        );
        assert_eq!(f.consumer[2], None, "mulsd xmm1,xmm6 is next to its move");
        assert_eq!(f.consumer[5], None, "xmm0's upper half is live after mulsd");
        // outside a run the scalar op in between (a helper call on NaN) stops the move
        let f = xmm_plan(&v, &no_runs(&v), &dead(&v));
        assert_eq!(f.consumer[1], None);
    }

    #[test]
    fn xmm_moves_fold_across_instructions_that_leave_them_alone() {
        // movdqa xmm2,xmm1; movdqa xmm0,xmm1; paddd xmm7,xmm1; punpcklwd xmm2,xmm7;
        // punpckhwd xmm0,xmm7
        let v = dec(&[
            0x66, 0x0f, 0x6f, 0xd1, 0x66, 0x0f, 0x6f, 0xc1, 0x66, 0x0f, 0xfe, 0xf9, 0x66, 0x0f,
            0x61, 0xd7, 0x66, 0x0f, 0x69, 0xc7,
        ]);
        let f = xmm_plan(&v, &no_runs(&v), &dead(&v));
        assert_eq!(f.consumer, vec![Some(3), Some(4), None, None, None]);
        // movdqa xmm2,xmm1; paddd xmm1,xmm3; punpcklwd xmm2,xmm7: the source changes
        let v = dec(&[
            0x66, 0x0f, 0x6f, 0xd1, 0x66, 0x0f, 0xfe, 0xcb, 0x66, 0x0f, 0x61, 0xd7,
        ]);
        assert_eq!(xmm_plan(&v, &no_runs(&v), &dead(&v)).consumer[0], None);
        // movdqa xmm2,xmm1; movdqu xmm3,[rsi]; punpcklwd xmm2,xmm7: a load in between
        let v = dec(&[
            0x66, 0x0f, 0x6f, 0xd1, 0xf3, 0x0f, 0x6f, 0x1e, 0x66, 0x0f, 0x61, 0xd7,
        ]);
        assert_eq!(xmm_plan(&v, &no_runs(&v), &dead(&v)).consumer[0], None);
    }

    #[test]
    fn xmm_moves_swap_the_next_two_writers_when_independent() {
        // movdqa xmm7,xmm2; punpcklwd xmm2,xmm0; punpckhwd xmm7,xmm0
        let v = dec(&[
            0x66, 0x0f, 0x6f, 0xfa, 0x66, 0x0f, 0x61, 0xd0, 0x66, 0x0f, 0x69, 0xf8,
        ]);
        assert_eq!(xmm_swap_plan(&v, &no_runs(&v)), vec![true, false, false]);
        // movdqa xmm7,xmm2; punpcklwd xmm2,xmm7: A reads the copy
        let w = dec(&[
            0x66, 0x0f, 0x6f, 0xfa, 0x66, 0x0f, 0x61, 0xd7, 0x66, 0x0f, 0x69, 0xf8,
        ]);
        assert_eq!(xmm_swap_plan(&w, &no_runs(&w)), vec![false; 3]);
        // movdqa xmm7,xmm2; punpcklwd xmm2,xmm0; punpckhwd xmm7,xmm2: B reads A's result
        let w = dec(&[
            0x66, 0x0f, 0x6f, 0xfa, 0x66, 0x0f, 0x61, 0xd0, 0x66, 0x0f, 0x69, 0xfa,
        ]);
        assert_eq!(xmm_swap_plan(&w, &no_runs(&w)), vec![false; 3]);
        // movdqa xmm7,xmm2; punpcklwd xmm2,[rax]; punpckhwd xmm7,xmm0: A may fault
        let w = dec(&[
            0x66, 0x0f, 0x6f, 0xfa, 0x66, 0x0f, 0x61, 0x10, 0x66, 0x0f, 0x69, 0xf8,
        ]);
        assert_eq!(xmm_swap_plan(&w, &no_runs(&w)), vec![false; 3]);
        // movapd xmm7,xmm2; mulpd xmm2,xmm0; unpckhpd xmm7,xmm0: A is FP arithmetic
        let w = dec(&[
            0x66, 0x0f, 0x28, 0xfa, 0x66, 0x0f, 0x59, 0xd0, 0x66, 0x0f, 0x15, 0xf8,
        ]);
        assert_eq!(xmm_swap_plan(&w, &no_runs(&w)), vec![false; 3]);
    }

    #[test]
    fn moves_stay_when_something_in_between_reads_or_could_fault() {
        // mov eax,ecx; add edx,eax; add eax,1: the copy is read before the consumer
        let v = dec(&[0x89, 0xc8, 0x01, 0xc2, 0x83, 0xc0, 0x01]);
        assert_eq!(plan(&v).consumer[0], None);
        // mov eax,ecx; mov ecx,[rsi]; add eax,1: a load in between (may fault)
        let v = dec(&[0x89, 0xc8, 0x8b, 0x0e, 0x83, 0xc0, 0x01]);
        assert_eq!(plan(&v).consumer[0], None);
        // mov eax,ecx; inc ecx; add eax,1: the source changes in between
        let v = dec(&[0x89, 0xc8, 0xff, 0xc1, 0x83, 0xc0, 0x01]);
        assert_eq!(plan(&v).consumer[0], None);
        // mov eax,ecx; shl eax,32: a masked zero count writes nothing but the zero extension
        let v = dec(&[0x89, 0xc8, 0xc1, 0xe0, 0x20]);
        assert_eq!(plan(&v).consumer[0], None);
        // mov rax,rcx; add eax,1: sizes differ
        let v = dec(&[0x48, 0x89, 0xc8, 0x83, 0xc0, 0x01]);
        assert_eq!(plan(&v).consumer[0], None);
        // mov eax,ecx; add eax,[rsi]: a consumer with a memory operand (may fault)
        let v = dec(&[0x89, 0xc8, 0x03, 0x06]);
        assert_eq!(plan(&v).consumer[0], None);
    }
}
