//! Liveness of the upper 64 bits of the XMM registers within a block.
//!
//! A scalar double operation (ADDSD...) keeps the upper half of its destination, which costs a
//! separate insert on aarch64 (a scalar result clears the rest of the vector register). When the
//! upper half is dead after the instruction — overwritten before anything reads it — the result
//! may be written as a plain scalar. Unknown instructions read every XMM operand whole, and the
//! whole state is live at the block's end.

use crate::decode::DecodedBlock;
use iced_x86::{FlowControl, Instruction, Mnemonic, OpKind, Register};

/// Bit `x` set: the upper half of XMMx is dead.
pub type UpperDead = u16;

fn xmm(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    (v < 16).then_some(v as u8)
}

fn bit(x: u8) -> u16 {
    1 << x
}

/// XMM registers among `i`'s explicit operands.
fn xmm_operands(i: &Instruction) -> u16 {
    (0..i.op_count())
        .filter(|&n| i.op_kind(n) == OpKind::Register)
        .filter_map(|n| xmm(i.op_register(n)))
        .fold(0, |m, x| m | bit(x))
}

/// Scalar double operations that read the low halves of their XMM operands and write (if
/// anything) the low half of their destination, whose upper half passes through.
fn low_half_only(m: Mnemonic) -> bool {
    use Mnemonic as M;
    matches!(
        m,
        M::Addsd
            | M::Subsd
            | M::Mulsd
            | M::Divsd
            | M::Sqrtsd
            | M::Minsd
            | M::Maxsd
            | M::Ucomisd
            | M::Comisd
            | M::Cvtsi2sd
            | M::Cvttsd2si
            | M::Cvtsd2si
    )
}

/// `i`'s operands 0 and 1 when they are XMM registers.
fn dest_and_src(i: &Instruction) -> (Option<u8>, Option<u8>) {
    let reg = |n: u32| {
        if i.op_count() > n && i.op_kind(n) == OpKind::Register {
            xmm(i.op_register(n))
        } else {
            None
        }
    };
    (reg(0), reg(1))
}

/// Upper halves live before `i`, given those live after it.
fn live_before(i: &Instruction, live: u16) -> u16 {
    use Mnemonic as M;
    let ops = xmm_operands(i);
    let m = i.mnemonic();
    if matches!(
        m,
        M::Fxsave
            | M::Fxsave64
            | M::Xsave
            | M::Xsave64
            | M::Xsaveopt
            | M::Xsaveopt64
            | M::Xsavec
            | M::Xsavec64
            | M::Xsaves
            | M::Xsaves64
    ) {
        return u16::MAX;
    }
    if ops == 0 {
        return live;
    }
    let (d, src) = dest_and_src(i);
    match m {
        _ if low_half_only(m) => live,
        M::Movsd if !i.is_string_instruction() => match (d, i.op_kind(1)) {
            // load: the whole destination is written
            (Some(d), OpKind::Memory) => live & !bit(d),
            // register merge or store: low halves only
            _ => live,
        },
        M::Unpcklpd => match d {
            Some(d) => live & !bit(d),
            None => live | ops,
        },
        M::Movapd | M::Movaps | M::Movupd | M::Movups | M::Movdqa | M::Movdqu => match (d, src) {
            // a register copy: the source's upper half matters only if the copy's does
            (Some(d), Some(s)) => {
                let copied = live & bit(d) != 0;
                (live & !bit(d)) | if copied { bit(s) } else { 0 }
            }
            // a load writes the destination whole
            (Some(d), None) => live & !bit(d),
            // a store reads the source whole
            (None, Some(s)) => live | bit(s),
            (None, None) => live,
        },
        _ => live | ops,
    }
}

/// For each instruction of a block, the XMM registers whose upper half is dead after it,
/// given the upper halves live after the block.
pub fn upper_dead(insns: &[Instruction], live_out: u16) -> Vec<UpperDead> {
    let mut out = vec![0; insns.len()];
    let mut live = live_out;
    for (k, i) in insns.iter().enumerate().rev() {
        out[k] = !live;
        live = live_before(i, live);
    }
    out
}

/// For each instruction of a block, the XMM registers whose upper half is known to be zero
/// before it: set by a scalar load (MOVSD/MOVSS from memory), MOVQ/MOVD into an XMM register
/// or a self-XOR, kept by scalar operations (which leave the upper half alone) and copied by
/// register moves. A scalar double operation on such a register may then also be written as a
/// plain scalar (which clears the upper half: no change). Unknown at the block's start; an
/// instruction not modelled here forgets everything if it has an XMM operand (it may write
/// XMM registers, some implicitly), as does an XRSTOR/FXRSTOR.
pub fn upper_zero(insns: &[Instruction]) -> Vec<UpperDead> {
    use Mnemonic as M;
    let mut out = Vec::with_capacity(insns.len());
    let mut zero: u16 = 0;
    for i in insns {
        out.push(zero);
        let ops = xmm_operands(i);
        let (d, src) = dest_and_src(i);
        let m = i.mnemonic();
        zero = match (m, d) {
            (
                M::Fxrstor | M::Fxrstor64 | M::Xrstor | M::Xrstor64 | M::Xrstors | M::Xrstors64,
                _,
            ) => 0,
            _ if ops == 0 => zero,
            // the low 64 bits change or are read, the upper half stays
            _ if low_half_only(m)
                || matches!(
                    m,
                    M::Addss
                        | M::Subss
                        | M::Mulss
                        | M::Divss
                        | M::Sqrtss
                        | M::Minss
                        | M::Maxss
                        | M::Cvtsi2ss
                        | M::Ucomiss
                        | M::Comiss
                        | M::Cvttss2si
                        | M::Cvtss2si
                ) =>
            {
                zero
            }
            (M::Movsd | M::Movss, Some(d)) if !i.is_string_instruction() => {
                match i.op_kind(1) {
                    OpKind::Memory => zero | bit(d),
                    // a merge into the low half
                    _ => zero,
                }
            }
            (M::Movq | M::Movd, Some(d)) => zero | bit(d),
            (M::Movapd | M::Movaps | M::Movupd | M::Movups | M::Movdqa | M::Movdqu, Some(d)) => {
                match src {
                    Some(s) if zero & bit(s) != 0 => zero | bit(d),
                    _ => zero & !bit(d),
                }
            }
            (M::Pxor | M::Xorps | M::Xorpd, Some(d)) if src == Some(d) => zero | bit(d),
            // stores and moves out of XMM registers
            (
                M::Movsd
                | M::Movss
                | M::Movq
                | M::Movd
                | M::Movapd
                | M::Movaps
                | M::Movupd
                | M::Movups
                | M::Movdqa
                | M::Movdqu,
                None,
            ) => zero,
            _ => 0,
        };
    }
    out
}

/// Upper halves live before the straight-line code `insns`, given those live after it.
pub fn live_in(insns: &[Instruction], live_out: u16) -> u16 {
    insns.iter().rev().fold(live_out, |l, i| live_before(i, l))
}

/// True if the emission of `insns` can use dead upper halves (scalar double arithmetic, see
/// `Emitter::scalar_fp`): only then is a lookahead ([`live_out`]) worth its decoding.
pub fn worth_looking_ahead(insns: &[Instruction]) -> bool {
    use Mnemonic as M;
    insns.iter().any(|i| {
        matches!(
            i.mnemonic(),
            M::Addsd | M::Subsd | M::Mulsd | M::Divsd | M::Sqrtsd
        )
    })
}

/// Upper halves live at a RET under the psABI: the return registers XMM0 and XMM1. (Nothing
/// is assumed at a CALL: a caller compiled with GCC's -fipa-ra may keep a vector in a
/// caller-saved register across a call to a function it knows leaves that register alone. At
/// a RET the only registers whose upper half a scalar operation may change are ones the
/// function writes, which such a caller cannot be relying on.)
pub const ABI_LIVE_AT_RET: u16 = 0x0003;

/// Upper halves live after block `b`, looking `depth` blocks ahead through its direct
/// branches and fall-through (everything is live after any other control transfer, beyond the
/// lookahead, and where `decode` finds no code). With `abi` (see `Config::abi_flags`) only
/// [`ABI_LIVE_AT_RET`] are live after a RET. The guest
/// ranges read are added to `ranges`: the answer depends on them.
pub fn live_out(
    decode: &dyn Fn(u64) -> Option<DecodedBlock>,
    b: &DecodedBlock,
    depth: u32,
    abi: bool,
    ranges: &mut Vec<(u64, u64)>,
) -> u16 {
    let Some(last) = b.insns.last() else {
        return u16::MAX;
    };
    if b.self_check {
        return u16::MAX;
    }
    match last.flow_control() {
        FlowControl::Return if abi => return ABI_LIVE_AT_RET,
        _ => {}
    }
    if depth == 0 {
        return u16::MAX;
    }
    let mut at = |rip: u64| live_in_at(decode, rip, depth - 1, abi, ranges);
    match last.flow_control() {
        FlowControl::ConditionalBranch if last.is_jcc_short_or_near() => {
            at(last.near_branch_target()) | at(b.next_rip)
        }
        FlowControl::UnconditionalBranch if last.op_kind(0) == OpKind::NearBranch64 => {
            at(last.near_branch_target())
        }
        FlowControl::Next => at(b.next_rip),
        _ => u16::MAX,
    }
}

/// Upper halves live on entry to the code at `rip` (see [`live_out`]).
pub fn live_in_at(
    decode: &dyn Fn(u64) -> Option<DecodedBlock>,
    rip: u64,
    depth: u32,
    abi: bool,
    ranges: &mut Vec<(u64, u64)>,
) -> u16 {
    let Some(b) = decode(rip) else {
        return u16::MAX;
    };
    if b.insns.is_empty() || b.self_check {
        return u16::MAX;
    }
    ranges.push((rip, b.next_rip.max(rip + 1)));
    let out = live_out(decode, &b, depth, abi, ranges);
    live_in(&b.insns, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    #[test]
    fn lookahead_follows_direct_branches_and_stops_at_other_transfers() {
        use crate::decode::{decode_block, SliceSource};
        // 0: mulsd xmm0,xmm1; jmp 8 / 6: (2 bytes of padding) / 8: movapd xmm0,xmm2;
        // movapd xmm3,xmm4; ret
        let code = [
            0xf2, 0x0f, 0x59, 0xc1, 0xeb, 0x02, 0x90, 0x90, 0x66, 0x0f, 0x28, 0xc2, 0x66, 0x0f,
            0x28, 0xdc, 0xc3,
        ];
        let src = SliceSource {
            base: 0x1000,
            bytes: &code,
        };
        let decode = |r: u64| Some(decode_block(&src, r, 16));
        let first = decode_block(&src, 0x1000, 16);
        let mut ranges = Vec::new();
        let live = live_out(&decode, &first, 2, false, &mut ranges);
        assert_eq!(live & 1, 0, "xmm0 is overwritten whole after the jump");
        assert_eq!(live & (1 << 3), 0, "so is xmm3");
        assert_ne!(
            live & (1 << 4),
            0,
            "xmm4 is copied whole, and all is live after ret"
        );
        assert_eq!(ranges, vec![(0x1008, 0x1011)]);
        assert_eq!(
            live_out(&decode, &first, 0, false, &mut Vec::new()),
            u16::MAX
        );
    }

    #[test]
    fn upper_half_known_zero_after_scalar_loads_through_scalar_ops_and_copies() {
        // movsd xmm0,[rax]; mulsd xmm0,xmm2; movapd xmm3,xmm0; addsd xmm3,xmm1;
        // unpcklpd xmm0,xmm0; pxor xmm5,xmm5; pcmpistrm xmm1,xmm2,0; mulsd xmm5,xmm1
        let v = dec(&[
            0xf2, 0x0f, 0x10, 0x00, 0xf2, 0x0f, 0x59, 0xc2, 0x66, 0x0f, 0x28, 0xd8, 0xf2, 0x0f,
            0x58, 0xd9, 0x66, 0x0f, 0x14, 0xc0, 0x66, 0x0f, 0xef, 0xed, 0x66, 0x0f, 0x3a, 0x62,
            0xca, 0x00, 0xf2, 0x0f, 0x59, 0xe9,
        ]);
        let z = upper_zero(&v);
        assert_eq!(z[0], 0, "unknown at the start");
        assert_eq!(z[1], 1, "the load zeroes xmm0's upper half");
        assert_eq!(z[3], 0b1001, "the copy has the zero upper half too");
        assert_eq!(z[4], 0b1001, "scalar addsd keeps it");
        assert_eq!(z[5], 0, "unpcklpd is not modelled: everything is forgotten");
        assert_eq!(z[6], 0b10_0000, "a self-xor zeroes xmm5");
        assert_eq!(
            z[7], 0,
            "pcmpistrm writes xmm0 implicitly: everything is forgotten"
        );
    }

    #[test]
    fn abi_returns_leave_only_the_return_registers_live_and_calls_everything() {
        // call rel32 / ret
        let call = crate::decode::decode_block(
            &crate::decode::SliceSource {
                base: 0x1000,
                bytes: &[0xe8, 0x00, 0x00, 0x00, 0x00],
            },
            0x1000,
            16,
        );
        let ret = crate::decode::decode_block(
            &crate::decode::SliceSource {
                base: 0x1000,
                bytes: &[0xc3],
            },
            0x1000,
            16,
        );
        let none = |_: u64| None;
        let mut r = Vec::new();
        assert_eq!(live_out(&none, &call, 3, true, &mut r), u16::MAX);
        assert_eq!(live_out(&none, &ret, 3, true, &mut r), ABI_LIVE_AT_RET);
        assert_eq!(live_out(&none, &call, 3, false, &mut r), u16::MAX);
        assert_eq!(live_out(&none, &ret, 3, false, &mut r), u16::MAX);
        assert!(r.is_empty());
    }

    #[test]
    fn upper_half_dies_at_a_whole_write_and_lives_through_scalar_ops() {
        // mulsd xmm0,xmm1; addsd xmm0,xmm2; movsd xmm0,[rax]; mulpd xmm1,xmm0
        let v = dec(&[
            0xf2, 0x0f, 0x59, 0xc1, 0xf2, 0x0f, 0x58, 0xc2, 0xf2, 0x0f, 0x10, 0x00, 0x66, 0x0f,
            0x59, 0xc8,
        ]);
        let d = upper_dead(&v, u16::MAX);
        assert_ne!(d[0] & 1, 0, "xmm0's upper half is overwritten by the load");
        assert_ne!(d[1] & 1, 0);
        assert_eq!(d[2] & 1, 0, "mulpd reads xmm0 whole");
        assert_eq!(d[0] & 2, 0, "mulpd reads xmm1 whole");
        assert_eq!(d[3], 0, "everything is live at the block's end");
    }
}
