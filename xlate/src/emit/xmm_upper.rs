//! Liveness of the upper 64 bits of the XMM registers within a block.
//!
//! A scalar double operation (ADDSD...) keeps the upper half of its destination, which costs a
//! separate insert on aarch64 (a scalar result clears the rest of the vector register). When the
//! upper half is dead after the instruction — overwritten before anything reads it — the result
//! may be written as a plain scalar. Unknown instructions read every XMM operand whole, and the
//! whole state is live at the block's end.

use iced_x86::{Instruction, Mnemonic, OpKind, Register};

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

/// For each instruction of a block, the XMM registers whose upper half is dead after it.
pub fn upper_dead(insns: &[Instruction]) -> Vec<UpperDead> {
    let mut out = vec![0; insns.len()];
    let mut live = u16::MAX;
    for (k, i) in insns.iter().enumerate().rev() {
        out[k] = !live;
        live = live_before(i, live);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_all as dec;

    #[test]
    fn upper_half_dies_at_a_whole_write_and_lives_through_scalar_ops() {
        // mulsd xmm0,xmm1; addsd xmm0,xmm2; movsd xmm0,[rax]; mulpd xmm1,xmm0
        let v = dec(&[
            0xf2, 0x0f, 0x59, 0xc1, 0xf2, 0x0f, 0x58, 0xc2, 0xf2, 0x0f, 0x10, 0x00, 0x66, 0x0f,
            0x59, 0xc8,
        ]);
        let d = upper_dead(&v);
        assert_ne!(d[0] & 1, 0, "xmm0's upper half is overwritten by the load");
        assert_ne!(d[1] & 1, 0);
        assert_eq!(d[2] & 1, 0, "mulpd reads xmm0 whole");
        assert_eq!(d[0] & 2, 0, "mulpd reads xmm1 whole");
        assert_eq!(d[3], 0, "everything is live at the block's end");
    }
}
