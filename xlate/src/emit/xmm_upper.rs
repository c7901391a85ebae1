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
    let d = if i.op_kind(0) == OpKind::Register {
        xmm(i.op_register(0))
    } else {
        None
    };
    let src = if i.op_count() > 1 && i.op_kind(1) == OpKind::Register {
        xmm(i.op_register(1))
    } else {
        None
    };
    match m {
        // read the low halves, write the low half of a destination whose upper half passes
        // through; or read low halves only
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
            if !i.is_string_instruction() =>
        {
            live
        }
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
        M::Movapd | M::Movaps | M::Movupd | M::Movups | M::Movdqa | M::Movdqu => {
            let mut l = live;
            if let Some(d) = d {
                l &= !bit(d);
            }
            if let Some(s) = src {
                l |= bit(s);
            }
            l
        }
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

/// Upper halves live after block `b`, looking `depth` blocks ahead through its direct
/// branches and fall-through (everything is live after any other control transfer, beyond the
/// lookahead, and where `decode` finds no code). The guest ranges read are added to `ranges`:
/// the answer depends on them.
pub fn live_out(
    decode: &dyn Fn(u64) -> Option<DecodedBlock>,
    b: &DecodedBlock,
    depth: u32,
    ranges: &mut Vec<(u64, u64)>,
) -> u16 {
    let Some(last) = b.insns.last() else {
        return u16::MAX;
    };
    if b.self_check || depth == 0 {
        return u16::MAX;
    }
    let mut at = |rip: u64| live_in_at(decode, rip, depth - 1, ranges);
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
    ranges: &mut Vec<(u64, u64)>,
) -> u16 {
    let Some(b) = decode(rip) else {
        return u16::MAX;
    };
    if b.insns.is_empty() || b.self_check {
        return u16::MAX;
    }
    ranges.push((rip, b.next_rip.max(rip + 1)));
    let out = live_out(decode, &b, depth, ranges);
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
        let live = live_out(&decode, &first, 2, &mut ranges);
        assert_eq!(live & 1, 0, "xmm0 is overwritten whole after the jump");
        assert_eq!(live & (1 << 3), 0, "so is xmm3");
        assert_ne!(
            live & (1 << 4),
            0,
            "xmm4 is copied whole, and all is live after ret"
        );
        assert_eq!(ranges, vec![(0x1008, 0x1011)]);
        assert_eq!(live_out(&decode, &first, 0, &mut Vec::new()), u16::MAX);
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
