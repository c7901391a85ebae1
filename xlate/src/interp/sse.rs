//! Interpreted SSE/SSE2 (and MXCSR) instructions on the spilled XMM state.
//!
//! Floating point follows x86 rules where they differ from aarch64: NaN operands propagate the
//! first NaN (quieted), invalid operations produce the negative "real indefinite" NaN, MIN/MAX
//! return the second operand for NaNs and equal values, and out-of-range conversions to integer
//! return the "integer indefinite" value. MXCSR rounding control is honoured by conversions to
//! integer; arithmetic always rounds to nearest (the MXCSR default), and MXCSR exception flags are
//! not accumulated (documented limitation).

use super::{Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{rflags, Xmm};
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

fn xidx(r: Register) -> Option<usize> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)? as usize;
    if v < 16 {
        Some(v)
    } else {
        None
    }
}

impl Interp<'_> {
    fn xr(&self, i: usize) -> u128 {
        u128::from_le_bytes(self.ctx.guest.xmm[i].0)
    }
    fn set_xr(&mut self, i: usize, v: u128) {
        self.ctx.guest.xmm[i] = Xmm(v.to_le_bytes());
    }
    /// XMM or memory operand `n`; memory reads the operand's own size, zero-extended.
    fn xop(&self, n: u32) -> Result<u128, Fault> {
        match self.ins.op_kind(n) {
            OpKind::Register => {
                let r = self.ins.op_register(n);
                if let Some(x) = xidx(r) {
                    Ok(self.xr(x))
                } else {
                    Ok(u128::from(self.read_gpr(r)?))
                }
            }
            OpKind::Memory => {
                let a = self.ea();
                Ok(match self.ins.memory_size().size() {
                    16 => mem::read_u128(a),
                    8 => u128::from(mem::read_uint(a, 8)),
                    4 => u128::from(mem::read_uint(a, 4)),
                    2 => u128::from(mem::read_uint(a, 2)),
                    1 => u128::from(mem::read_uint(a, 1)),
                    _ => return Err(Fault::Unsupported),
                })
            }
            _ => Err(Fault::Unsupported),
        }
    }
    fn xdst(&self) -> Result<usize, Fault> {
        xidx(self.ins.op_register(0)).ok_or(Fault::Unsupported)
    }
    fn imm8(&self) -> u8 {
        self.ins.immediate8()
    }
}

// ----- lane helpers -----
fn u8s(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}
fn from_u8s(a: [u8; 16]) -> u128 {
    u128::from_le_bytes(a)
}
fn u16s(v: u128) -> [u16; 8] {
    let mut o = [0u16; 8];
    for (k, x) in o.iter_mut().enumerate() {
        *x = (v >> (16 * k)) as u16;
    }
    o
}
fn from_u16s(a: [u16; 8]) -> u128 {
    a.iter()
        .enumerate()
        .fold(0u128, |acc, (k, &x)| acc | (u128::from(x) << (16 * k)))
}
fn u32s(v: u128) -> [u32; 4] {
    let mut o = [0u32; 4];
    for (k, x) in o.iter_mut().enumerate() {
        *x = (v >> (32 * k)) as u32;
    }
    o
}
fn from_u32s(a: [u32; 4]) -> u128 {
    a.iter()
        .enumerate()
        .fold(0u128, |acc, (k, &x)| acc | (u128::from(x) << (32 * k)))
}
fn u64s(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}
fn from_u64s(a: [u64; 2]) -> u128 {
    u128::from(a[0]) | (u128::from(a[1]) << 64)
}

macro_rules! lanewise {
    ($name:ident, $split:ident, $join:ident, $t:ty, $n:expr) => {
        fn $name(a: u128, b: u128, f: impl Fn($t, $t) -> $t) -> u128 {
            let (x, y) = ($split(a), $split(b));
            let mut o = [0 as $t; $n];
            for k in 0..$n {
                o[k] = f(x[k], y[k]);
            }
            $join(o)
        }
    };
}
lanewise!(map8, u8s, from_u8s, u8, 16);
lanewise!(map16, u16s, from_u16s, u16, 8);
lanewise!(map32, u32s, from_u32s, u32, 4);
lanewise!(map64, u64s, from_u64s, u64, 2);

use super::fpx::{self, Op};

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Movaps
        | M::Movups
        | M::Movapd
        | M::Movupd
        | M::Movdqa
        | M::Movdqu
        | M::Lddqu
        | M::Movntdq
        | M::Movntps
        | M::Movntpd
        | M::Movntdqa => mov128,
        M::Movd | M::Movq => movdq,
        M::Movss => movss,
        M::Movsd if !i.is_string_instruction() => movsd_sse,
        M::Movhps | M::Movhpd | M::Movlps | M::Movlpd | M::Movhlps | M::Movlhps => movhl,
        M::Movnti => movnti,
        M::Pand
        | M::Andps
        | M::Andpd
        | M::Pandn
        | M::Andnps
        | M::Andnpd
        | M::Por
        | M::Orps
        | M::Orpd
        | M::Pxor
        | M::Xorps
        | M::Xorpd => logic,
        M::Paddb
        | M::Paddw
        | M::Paddd
        | M::Paddq
        | M::Psubb
        | M::Psubw
        | M::Psubd
        | M::Psubq
        | M::Paddusb
        | M::Paddusw
        | M::Psubusb
        | M::Psubusw
        | M::Paddsb
        | M::Paddsw
        | M::Psubsb
        | M::Psubsw
        | M::Pmullw
        | M::Pmulhw
        | M::Pmulhuw
        | M::Pmuludq
        | M::Pmaddwd
        | M::Pavgb
        | M::Pavgw
        | M::Pminub
        | M::Pmaxub
        | M::Pminsw
        | M::Pmaxsw
        | M::Pcmpeqb
        | M::Pcmpeqw
        | M::Pcmpeqd
        | M::Pcmpgtb
        | M::Pcmpgtw
        | M::Pcmpgtd
        | M::Psadbw => int_arith,
        M::Psllw
        | M::Pslld
        | M::Psllq
        | M::Psrlw
        | M::Psrld
        | M::Psrlq
        | M::Psraw
        | M::Psrad
        | M::Pslldq
        | M::Psrldq => shifts,
        M::Pshufd | M::Pshuflw | M::Pshufhw | M::Shufps | M::Shufpd => shuffles,
        M::Punpcklbw
        | M::Punpcklwd
        | M::Punpckldq
        | M::Punpcklqdq
        | M::Punpckhbw
        | M::Punpckhwd
        | M::Punpckhdq
        | M::Punpckhqdq
        | M::Unpcklps
        | M::Unpckhps
        | M::Unpcklpd
        | M::Unpckhpd => unpack,
        M::Packsswb | M::Packuswb | M::Packssdw => pack,
        M::Pmovmskb | M::Movmskps | M::Movmskpd => movmsk,
        M::Pextrw | M::Pinsrw => pextr_pinsr_w,
        M::Addss
        | M::Subss
        | M::Mulss
        | M::Divss
        | M::Minss
        | M::Maxss
        | M::Sqrtss
        | M::Addsd
        | M::Subsd
        | M::Mulsd
        | M::Divsd
        | M::Minsd
        | M::Maxsd
        | M::Sqrtsd
        | M::Addps
        | M::Subps
        | M::Mulps
        | M::Divps
        | M::Minps
        | M::Maxps
        | M::Sqrtps
        | M::Addpd
        | M::Subpd
        | M::Mulpd
        | M::Divpd
        | M::Minpd
        | M::Maxpd
        | M::Sqrtpd => fp_arith,
        M::Cmpss | M::Cmpps | M::Cmppd => fp_cmp,
        M::Cmpsd if !i.is_string_instruction() => fp_cmp,
        M::Ucomiss | M::Comiss | M::Ucomisd | M::Comisd => comis,
        M::Cvtsi2ss
        | M::Cvtsi2sd
        | M::Cvttss2si
        | M::Cvttsd2si
        | M::Cvtss2si
        | M::Cvtsd2si
        | M::Cvtss2sd
        | M::Cvtsd2ss
        | M::Cvtdq2ps
        | M::Cvtps2dq
        | M::Cvttps2dq
        | M::Cvtdq2pd
        | M::Cvtpd2dq
        | M::Cvttpd2dq
        | M::Cvtps2pd
        | M::Cvtpd2ps => cvt,
        M::Stmxcsr | M::Ldmxcsr => mxcsr,
        M::Rcpss | M::Rcpps | M::Rsqrtss | M::Rsqrtps => approx,
        _ => return None,
    })
}

fn mov128(it: &mut Interp<'_>) -> Result<(), Fault> {
    let v = it.xop(1)?;
    match it.ins.op_kind(0) {
        OpKind::Memory => {
            mem::write_u128(it.ea(), v);
            Ok(())
        }
        _ => {
            let d = it.xdst()?;
            it.set_xr(d, v);
            Ok(())
        }
    }
}

fn movdq(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let size = if i.mnemonic() == Mnemonic::Movd { 4 } else { 8 };
    let m = if size == 4 {
        0xffff_ffffu128
    } else {
        u128::from(u64::MAX)
    };
    match i.op_kind(0) {
        OpKind::Register if xidx(i.op_register(0)).is_some() => {
            let d = it.xdst()?;
            let v = it.xop(1)? & m;
            it.set_xr(d, v);
        }
        OpKind::Register => {
            let v = it.xop(1)? & m;
            it.write_gpr(i.op_register(0), v as u64)?;
        }
        OpKind::Memory => {
            let v = it.xop(1)? & m;
            mem::write_uint(it.ea(), size, v as u64);
        }
        _ => return Err(Fault::Unsupported),
    }
    Ok(())
}

fn movss(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    match (i.op_kind(0), i.op_kind(1)) {
        (OpKind::Register, OpKind::Register) => {
            let d = it.xdst()?;
            let v = (it.xr(d) & !0xffff_ffffu128) | (it.xop(1)? & 0xffff_ffff);
            it.set_xr(d, v);
        }
        (OpKind::Register, OpKind::Memory) => {
            let d = it.xdst()?;
            let v = it.xop(1)? & 0xffff_ffff;
            it.set_xr(d, v);
        }
        _ => {
            let v = it.xop(1)?;
            mem::write_uint(it.ea(), 4, v as u64);
        }
    }
    Ok(())
}

fn movsd_sse(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let lo = u128::from(u64::MAX);
    match (i.op_kind(0), i.op_kind(1)) {
        (OpKind::Register, OpKind::Register) => {
            let d = it.xdst()?;
            let v = (it.xr(d) & !lo) | (it.xop(1)? & lo);
            it.set_xr(d, v);
        }
        (OpKind::Register, OpKind::Memory) => {
            let d = it.xdst()?;
            let v = it.xop(1)? & lo;
            it.set_xr(d, v);
        }
        _ => {
            let v = it.xop(1)?;
            mem::write_uint(it.ea(), 8, v as u64);
        }
    }
    Ok(())
}

fn movhl(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let lo = u128::from(u64::MAX);
    match i.mnemonic() {
        Mnemonic::Movhlps => {
            let d = it.xdst()?;
            let s = it.xop(1)?;
            it.set_xr(d, (it.xr(d) & !lo) | (s >> 64));
        }
        Mnemonic::Movlhps => {
            let d = it.xdst()?;
            let s = it.xop(1)?;
            it.set_xr(d, (it.xr(d) & lo) | (s << 64));
        }
        Mnemonic::Movhps | Mnemonic::Movhpd => {
            if i.op_kind(0) == OpKind::Memory {
                let v = it.xop(1)?;
                mem::write_uint(it.ea(), 8, (v >> 64) as u64);
            } else {
                let d = it.xdst()?;
                let s = it.xop(1)?;
                it.set_xr(d, (it.xr(d) & lo) | (s << 64));
            }
        }
        _ => {
            if i.op_kind(0) == OpKind::Memory {
                let v = it.xop(1)?;
                mem::write_uint(it.ea(), 8, v as u64);
            } else {
                let d = it.xdst()?;
                let s = it.xop(1)?;
                it.set_xr(d, (it.xr(d) & !lo) | (s & lo));
            }
        }
    }
    Ok(())
}

fn movnti(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let v = it.read_op(1, size)?;
    it.write_op(0, size, v)
}

fn logic(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let r = match it.mnemonic() {
        M::Pand | M::Andps | M::Andpd => a & b,
        M::Pandn | M::Andnps | M::Andnpd => !a & b,
        M::Por | M::Orps | M::Orpd => a | b,
        _ => a ^ b,
    };
    it.set_xr(d, r);
    Ok(())
}

fn sat_i8(v: i32) -> u8 {
    v.clamp(-128, 127) as i8 as u8
}
fn sat_u8(v: i32) -> u8 {
    v.clamp(0, 255) as u8
}
fn sat_i16(v: i32) -> u16 {
    v.clamp(-32768, 32767) as i16 as u16
}
fn sat_u16(v: i32) -> u16 {
    v.clamp(0, 65535) as u16
}

fn int_arith(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let r = match it.mnemonic() {
        M::Paddb => map8(a, b, |x, y| x.wrapping_add(y)),
        M::Paddw => map16(a, b, |x, y| x.wrapping_add(y)),
        M::Paddd => map32(a, b, |x, y| x.wrapping_add(y)),
        M::Paddq => map64(a, b, |x, y| x.wrapping_add(y)),
        M::Psubb => map8(a, b, |x, y| x.wrapping_sub(y)),
        M::Psubw => map16(a, b, |x, y| x.wrapping_sub(y)),
        M::Psubd => map32(a, b, |x, y| x.wrapping_sub(y)),
        M::Psubq => map64(a, b, |x, y| x.wrapping_sub(y)),
        M::Paddusb => map8(a, b, |x, y| x.saturating_add(y)),
        M::Paddusw => map16(a, b, |x, y| x.saturating_add(y)),
        M::Psubusb => map8(a, b, |x, y| x.saturating_sub(y)),
        M::Psubusw => map16(a, b, |x, y| x.saturating_sub(y)),
        M::Paddsb => map8(a, b, |x, y| sat_i8(i32::from(x as i8) + i32::from(y as i8))),
        M::Paddsw => map16(a, b, |x, y| {
            sat_i16(i32::from(x as i16) + i32::from(y as i16))
        }),
        M::Psubsb => map8(a, b, |x, y| sat_i8(i32::from(x as i8) - i32::from(y as i8))),
        M::Psubsw => map16(a, b, |x, y| {
            sat_i16(i32::from(x as i16) - i32::from(y as i16))
        }),
        M::Pmullw => map16(a, b, |x, y| x.wrapping_mul(y)),
        M::Pmulhw => map16(a, b, |x, y| {
            ((i32::from(x as i16) * i32::from(y as i16)) >> 16) as u16
        }),
        M::Pmulhuw => map16(a, b, |x, y| ((u32::from(x) * u32::from(y)) >> 16) as u16),
        M::Pmuludq => {
            let (x, y) = (u64s(a), u64s(b));
            from_u64s([
                (x[0] & 0xffff_ffff) * (y[0] & 0xffff_ffff),
                (x[1] & 0xffff_ffff) * (y[1] & 0xffff_ffff),
            ])
        }
        M::Pmaddwd => {
            let (x, y) = (u16s(a), u16s(b));
            let mut o = [0u32; 4];
            for k in 0..4 {
                let p0 = i32::from(x[2 * k] as i16) * i32::from(y[2 * k] as i16);
                let p1 = i32::from(x[2 * k + 1] as i16) * i32::from(y[2 * k + 1] as i16);
                o[k] = p0.wrapping_add(p1) as u32;
            }
            from_u32s(o)
        }
        M::Pavgb => map8(a, b, |x, y| ((u16::from(x) + u16::from(y) + 1) >> 1) as u8),
        M::Pavgw => map16(a, b, |x, y| ((u32::from(x) + u32::from(y) + 1) >> 1) as u16),
        M::Pminub => map8(a, b, |x, y| x.min(y)),
        M::Pmaxub => map8(a, b, |x, y| x.max(y)),
        M::Pminsw => map16(a, b, |x, y| (x as i16).min(y as i16) as u16),
        M::Pmaxsw => map16(a, b, |x, y| (x as i16).max(y as i16) as u16),
        M::Pcmpeqb => map8(a, b, |x, y| if x == y { 0xff } else { 0 }),
        M::Pcmpeqw => map16(a, b, |x, y| if x == y { 0xffff } else { 0 }),
        M::Pcmpeqd => map32(a, b, |x, y| if x == y { u32::MAX } else { 0 }),
        M::Pcmpgtb => map8(a, b, |x, y| if (x as i8) > (y as i8) { 0xff } else { 0 }),
        M::Pcmpgtw => map16(
            a,
            b,
            |x, y| if (x as i16) > (y as i16) { 0xffff } else { 0 },
        ),
        M::Pcmpgtd => map32(
            a,
            b,
            |x, y| if (x as i32) > (y as i32) { u32::MAX } else { 0 },
        ),
        M::Psadbw => {
            let (x, y) = (u8s(a), u8s(b));
            let s = |r: std::ops::Range<usize>| -> u64 {
                r.map(|k| u64::from(x[k].abs_diff(y[k]))).sum()
            };
            from_u64s([s(0..8), s(8..16)])
        }
        _ => return Err(Fault::Unsupported),
    };
    it.set_xr(d, r);
    Ok(())
}

fn shifts(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let d = it.xdst()?;
    let a = it.xr(d);
    let cnt: u64 = if i.op_count() == 2 && i.op_kind(1) != OpKind::Immediate8 {
        it.xop(1)? as u64
    } else {
        u64::from(it.imm8())
    };
    let r = match it.mnemonic() {
        M::Psllw => map16(a, 0, |x, _| if cnt > 15 { 0 } else { x << cnt }),
        M::Pslld => map32(a, 0, |x, _| if cnt > 31 { 0 } else { x << cnt }),
        M::Psllq => map64(a, 0, |x, _| if cnt > 63 { 0 } else { x << cnt }),
        M::Psrlw => map16(a, 0, |x, _| if cnt > 15 { 0 } else { x >> cnt }),
        M::Psrld => map32(a, 0, |x, _| if cnt > 31 { 0 } else { x >> cnt }),
        M::Psrlq => map64(a, 0, |x, _| if cnt > 63 { 0 } else { x >> cnt }),
        M::Psraw => map16(a, 0, |x, _| ((x as i16) >> cnt.min(15)) as u16),
        M::Psrad => map32(a, 0, |x, _| ((x as i32) >> cnt.min(31)) as u32),
        M::Pslldq => {
            if cnt > 15 {
                0
            } else {
                a << (8 * cnt)
            }
        }
        M::Psrldq => {
            if cnt > 15 {
                0
            } else {
                a >> (8 * cnt)
            }
        }
        _ => return Err(Fault::Unsupported),
    };
    it.set_xr(d, r);
    Ok(())
}

fn shuffles(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let s = it.xop(1)?;
    let imm = it.imm8();
    let r = match it.mnemonic() {
        M::Pshufd => {
            let x = u32s(s);
            from_u32s([0, 1, 2, 3].map(|k| x[((imm >> (2 * k)) & 3) as usize]))
        }
        M::Pshuflw => {
            let x = u16s(s);
            let mut o = x;
            for k in 0..4 {
                o[k] = x[((imm >> (2 * k)) & 3) as usize];
            }
            from_u16s(o)
        }
        M::Pshufhw => {
            let x = u16s(s);
            let mut o = x;
            for k in 0..4 {
                o[4 + k] = x[4 + ((imm >> (2 * k)) & 3) as usize];
            }
            from_u16s(o)
        }
        M::Shufps => {
            let (x, y) = (u32s(it.xr(d)), u32s(s));
            from_u32s([
                x[(imm & 3) as usize],
                x[((imm >> 2) & 3) as usize],
                y[((imm >> 4) & 3) as usize],
                y[((imm >> 6) & 3) as usize],
            ])
        }
        _ => {
            let (x, y) = (u64s(it.xr(d)), u64s(s));
            from_u64s([x[(imm & 1) as usize], y[((imm >> 1) & 1) as usize]])
        }
    };
    it.set_xr(d, r);
    Ok(())
}

fn unpack(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let m = it.mnemonic();
    let high = matches!(
        m,
        M::Punpckhbw | M::Punpckhwd | M::Punpckhdq | M::Punpckhqdq | M::Unpckhps | M::Unpckhpd
    );
    let r = match m {
        M::Punpcklbw | M::Punpckhbw => {
            let (x, y) = (u8s(a), u8s(b));
            let base = if high { 8 } else { 0 };
            let mut o = [0u8; 16];
            for k in 0..8 {
                o[2 * k] = x[base + k];
                o[2 * k + 1] = y[base + k];
            }
            from_u8s(o)
        }
        M::Punpcklwd | M::Punpckhwd => {
            let (x, y) = (u16s(a), u16s(b));
            let base = if high { 4 } else { 0 };
            let mut o = [0u16; 8];
            for k in 0..4 {
                o[2 * k] = x[base + k];
                o[2 * k + 1] = y[base + k];
            }
            from_u16s(o)
        }
        M::Punpckldq | M::Punpckhdq | M::Unpcklps | M::Unpckhps => {
            let (x, y) = (u32s(a), u32s(b));
            let base = if high { 2 } else { 0 };
            from_u32s([x[base], y[base], x[base + 1], y[base + 1]])
        }
        _ => {
            let (x, y) = (u64s(a), u64s(b));
            let k = usize::from(high);
            from_u64s([x[k], y[k]])
        }
    };
    it.set_xr(d, r);
    Ok(())
}

fn pack(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let r = match it.mnemonic() {
        M::Packsswb | M::Packuswb => {
            let (x, y) = (u16s(a), u16s(b));
            let mut o = [0u8; 16];
            for k in 0..8 {
                let (p, q) = (i32::from(x[k] as i16), i32::from(y[k] as i16));
                if it.mnemonic() == M::Packsswb {
                    o[k] = sat_i8(p);
                    o[8 + k] = sat_i8(q);
                } else {
                    o[k] = sat_u8(p);
                    o[8 + k] = sat_u8(q);
                }
            }
            from_u8s(o)
        }
        _ => {
            let (x, y) = (u32s(a), u32s(b));
            let mut o = [0u16; 8];
            for k in 0..4 {
                o[k] = sat_i16((x[k] as i32).clamp(-32768, 32767));
                o[4 + k] = sat_i16((y[k] as i32).clamp(-32768, 32767));
            }
            let _ = sat_u16;
            from_u16s(o)
        }
    };
    it.set_xr(d, r);
    Ok(())
}

fn movmsk(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let s = it.xop(1)?;
    let v: u64 = match it.mnemonic() {
        M::Pmovmskb => u8s(s)
            .iter()
            .enumerate()
            .fold(0, |acc, (k, &x)| acc | (u64::from(x >> 7) << k)),
        M::Movmskps => u32s(s)
            .iter()
            .enumerate()
            .fold(0, |acc, (k, &x)| acc | (u64::from(x >> 31) << k)),
        _ => u64s(s)
            .iter()
            .enumerate()
            .fold(0, |acc, (k, &x)| acc | ((x >> 63) << k)),
    };
    let r = it.ins.op_register(0);
    it.write_gpr(r.full_register32(), v)?;
    let _ = r;
    Ok(())
}

fn pextr_pinsr_w(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let imm = it.imm8();
    if i.mnemonic() == Mnemonic::Pextrw {
        let s = it.xop(1)?;
        let v = u16s(s)[(imm & 7) as usize];
        if i.op_kind(0) == OpKind::Memory {
            mem::write_uint(it.ea(), 2, u64::from(v));
        } else {
            it.write_gpr(i.op_register(0).full_register32(), u64::from(v))?;
        }
    } else {
        let d = it.xdst()?;
        let v = if i.op_kind(1) == OpKind::Memory {
            mem::read_uint(it.ea(), 2)
        } else {
            it.read_gpr(i.op_register(1))?
        };
        let mut x = u16s(it.xr(d));
        x[(imm & 7) as usize] = v as u16;
        it.set_xr(d, from_u16s(x));
    }
    Ok(())
}

fn fp_arith(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let m = it.mnemonic();
    let mut fl = 0u32;
    let op = match m {
        M::Addss | M::Addsd | M::Addps | M::Addpd => Some(Op::Add),
        M::Subss | M::Subsd | M::Subps | M::Subpd => Some(Op::Sub),
        M::Mulss | M::Mulsd | M::Mulps | M::Mulpd => Some(Op::Mul),
        M::Divss | M::Divsd | M::Divps | M::Divpd => Some(Op::Div),
        M::Sqrtss | M::Sqrtsd | M::Sqrtps | M::Sqrtpd => Some(Op::Sqrt),
        _ => None,
    };
    let max = matches!(m, M::Maxss | M::Maxsd | M::Maxps | M::Maxpd);
    let f32op = |x: u32, y: u32, fl: &mut u32| match op {
        Some(o) => fpx::op32(o, x, y, fl),
        None => fpx::minmax32(max, x, y, fl),
    };
    let f64op = |x: u64, y: u64, fl: &mut u32| match op {
        Some(o) => fpx::op64(o, x, y, fl),
        None => fpx::minmax64(max, x, y, fl),
    };
    let r = match m {
        M::Addss | M::Subss | M::Mulss | M::Divss | M::Minss | M::Maxss | M::Sqrtss => {
            (a & !0xffff_ffffu128) | u128::from(f32op(a as u32, b as u32, &mut fl))
        }
        M::Addsd | M::Subsd | M::Mulsd | M::Divsd | M::Minsd | M::Maxsd | M::Sqrtsd => {
            (a & !u128::from(u64::MAX)) | u128::from(f64op(a as u64, b as u64, &mut fl))
        }
        M::Addps | M::Subps | M::Mulps | M::Divps | M::Minps | M::Maxps | M::Sqrtps => {
            let (x, y) = (u32s(a), u32s(b));
            let mut o = [0u32; 4];
            for k in 0..4 {
                o[k] = f32op(x[k], y[k], &mut fl);
            }
            from_u32s(o)
        }
        _ => {
            let (x, y) = (u64s(a), u64s(b));
            from_u64s([f64op(x[0], y[0], &mut fl), f64op(x[1], y[1], &mut fl)])
        }
    };
    it.set_xr(d, r);
    it.ctx.guest.mxcsr |= fl;
    Ok(())
}

fn fp_cmp(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let p = it.imm8();
    let mut fl = 0u32;
    // DE: a denormal operand (unless DAZ treats it as zero)
    let daz = it.ctx.guest.mxcsr & 0x40 != 0;
    let c32 = |x: u32, y: u32, fl: &mut u32| {
        let sn = fpx::snan32(x) || fpx::snan32(y);
        if !daz && (f32::from_bits(x).is_subnormal() || f32::from_bits(y).is_subnormal()) {
            *fl |= fpx::DE;
        }
        fpx::cmp(
            f64::from(f32::from_bits(x)),
            f64::from(f32::from_bits(y)),
            sn,
            p,
            fl,
        )
    };
    let c64 = |x: u64, y: u64, fl: &mut u32| {
        let sn = fpx::snan64(x) || fpx::snan64(y);
        if !daz && (f64::from_bits(x).is_subnormal() || f64::from_bits(y).is_subnormal()) {
            *fl |= fpx::DE;
        }
        fpx::cmp(f64::from_bits(x), f64::from_bits(y), sn, p, fl)
    };
    let r = match it.mnemonic() {
        M::Cmpss => {
            (a & !0xffff_ffffu128)
                | if c32(a as u32, b as u32, &mut fl) {
                    0xffff_ffff
                } else {
                    0
                }
        }
        M::Cmpsd => {
            (a & !u128::from(u64::MAX))
                | if c64(a as u64, b as u64, &mut fl) {
                    u128::from(u64::MAX)
                } else {
                    0
                }
        }
        M::Cmpps => {
            let (x, y) = (u32s(a), u32s(b));
            let mut o = [0u32; 4];
            for k in 0..4 {
                o[k] = if c32(x[k], y[k], &mut fl) {
                    u32::MAX
                } else {
                    0
                };
            }
            from_u32s(o)
        }
        _ => {
            let (x, y) = (u64s(a), u64s(b));
            let mut o = [0u64; 2];
            for k in 0..2 {
                o[k] = if c64(x[k], y[k], &mut fl) {
                    u64::MAX
                } else {
                    0
                };
            }
            from_u64s(o)
        }
    };
    it.set_xr(d, r);
    it.ctx.guest.mxcsr |= fl;
    Ok(())
}

fn comis(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let single = matches!(it.mnemonic(), Mnemonic::Ucomiss | Mnemonic::Comiss);
    let signalling = matches!(it.mnemonic(), Mnemonic::Comiss | Mnemonic::Comisd);
    let (x, y, sn) = if single {
        (
            f64::from(f32::from_bits(a as u32)),
            f64::from(f32::from_bits(b as u32)),
            fpx::snan32(a as u32) || fpx::snan32(b as u32),
        )
    } else {
        (
            f64::from_bits(a as u64),
            f64::from_bits(b as u64),
            fpx::snan64(a as u64) || fpx::snan64(b as u64),
        )
    };
    let mut fl = 0u32;
    let (zf, pf, cf) = if x.is_nan() || y.is_nan() {
        if sn || signalling {
            fl |= fpx::IE;
        }
        (true, true, true)
    } else {
        if x.is_subnormal() || y.is_subnormal() {
            fl |= fpx::DE;
        }
        if x < y {
            (false, false, true)
        } else if x > y {
            (false, false, false)
        } else {
            (true, false, false)
        }
    };
    it.set_flag(rflags::ZF, zf);
    it.set_flag(rflags::PF, pf);
    it.set_flag(rflags::CF, cf);
    it.set_flag(rflags::OF, false);
    it.set_flag(rflags::SF, false);
    it.set_flag(rflags::AF, false);
    it.ctx.guest.mxcsr |= fl;
    Ok(())
}

fn cvt(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let m = i.mnemonic();
    let rc = (it.ctx.guest.mxcsr >> 13) & 3;
    let mut fl = 0u32;
    match m {
        M::Cvtsi2ss | M::Cvtsi2sd => {
            let d = it.xdst()?;
            let size = it.op_size(1);
            let v = it.read_op(1, size)?;
            let iv: i64 = if size == 8 {
                v as i64
            } else {
                i64::from(v as u32 as i32)
            };
            let a = it.xr(d);
            let r = if m == M::Cvtsi2ss {
                (a & !0xffff_ffffu128) | u128::from(fpx::int_to_f32(iv, &mut fl))
            } else {
                (a & !u128::from(u64::MAX)) | u128::from(fpx::int_to_f64(iv, &mut fl))
            };
            it.set_xr(d, r);
        }
        M::Cvttss2si | M::Cvtss2si | M::Cvttsd2si | M::Cvtsd2si => {
            let s = it.xop(1)?;
            let single = matches!(m, M::Cvttss2si | M::Cvtss2si);
            let x = if single {
                f64::from(f32::from_bits(s as u32))
            } else {
                f64::from_bits(s as u64)
            };
            let t = matches!(m, M::Cvttss2si | M::Cvttsd2si);
            let r = i.op_register(0);
            let bits = r.size() as u32 * 8;
            let v = fpx::to_int(x, bits, t, rc, &mut fl);
            it.write_gpr(r, v)?;
        }
        M::Cvtss2sd => {
            let d = it.xdst()?;
            let s = it.xop(1)?;
            let a = it.xr(d);
            it.set_xr(
                d,
                (a & !u128::from(u64::MAX)) | u128::from(fpx::f32_to_f64(s as u32, &mut fl)),
            );
        }
        M::Cvtsd2ss => {
            let d = it.xdst()?;
            let s = it.xop(1)?;
            let a = it.xr(d);
            it.set_xr(
                d,
                (a & !0xffff_ffffu128) | u128::from(fpx::f64_to_f32(s as u64, rc, &mut fl)),
            );
        }
        M::Cvtdq2ps => {
            let d = it.xdst()?;
            let s = u32s(it.xop(1)?);
            let o = s.map(|x| fpx::int_to_f32(i64::from(x as i32), &mut fl));
            it.set_xr(d, from_u32s(o));
        }
        M::Cvtps2dq | M::Cvttps2dq => {
            let d = it.xdst()?;
            let s = u32s(it.xop(1)?);
            let t = m == M::Cvttps2dq;
            let o = s.map(|x| {
                let f = f32::from_bits(x);
                fpx::to_int(f64::from(f), 32, t, rc, &mut fl) as u32
            });
            it.set_xr(d, from_u32s(o));
        }
        M::Cvtdq2pd => {
            let d = it.xdst()?;
            let s = u32s(it.xop(1)?);
            it.set_xr(
                d,
                from_u64s([
                    f64::from(s[0] as i32).to_bits(),
                    f64::from(s[1] as i32).to_bits(),
                ]),
            );
        }
        M::Cvtpd2dq | M::Cvttpd2dq => {
            let d = it.xdst()?;
            let s = u64s(it.xop(1)?);
            let t = m == M::Cvttpd2dq;
            let mut c = |x: u64| {
                let f = f64::from_bits(x);
                fpx::to_int(f, 32, t, rc, &mut fl) as u32
            };
            let (l0, l1) = (c(s[0]), c(s[1]));
            it.set_xr(d, from_u32s([l0, l1, 0, 0]));
        }
        M::Cvtps2pd => {
            let d = it.xdst()?;
            let s = u32s(it.xop(1)?);
            let (l0, l1) = (
                fpx::f32_to_f64(s[0], &mut fl),
                fpx::f32_to_f64(s[1], &mut fl),
            );
            it.set_xr(d, from_u64s([l0, l1]));
        }
        _ => {
            let d = it.xdst()?;
            let s = u64s(it.xop(1)?);
            let (l0, l1) = (
                fpx::f64_to_f32(s[0], rc, &mut fl),
                fpx::f64_to_f32(s[1], rc, &mut fl),
            );
            it.set_xr(d, from_u32s([l0, l1, 0, 0]));
        }
    }
    it.ctx.guest.mxcsr |= fl;
    Ok(())
}

fn mxcsr(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.ea();
    if it.mnemonic() == Mnemonic::Stmxcsr {
        mem::write_uint(a, 4, u64::from(it.ctx.guest.mxcsr));
    } else {
        it.ctx.guest.mxcsr = mem::read_uint(a, 4) as u32 & 0xffff;
    }
    Ok(())
}

/// RCP/RSQRT: x86 returns an approximation with relative error ≤ 1.5·2^-12; this computes the
/// exact value rounded to 12 significant bits, which is within that bound but not bit-identical
/// to any particular Intel implementation.
fn approx(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xdst()?;
    let a = it.xr(d);
    let b = it.xop(1)?;
    let f = |x: u32, rs: bool| -> u32 {
        let v = f32::from_bits(x);
        let r = if rs { 1.0 / v.sqrt() } else { 1.0 / v };
        if r.is_nan() && !v.is_nan() {
            return fpx::F32_INDEF;
        }
        if r.is_finite() && r != 0.0 {
            r.to_bits() & 0xffff_f000
        } else {
            r.to_bits()
        }
    };
    let r = match it.mnemonic() {
        M::Rcpss => (a & !0xffff_ffffu128) | u128::from(f(b as u32, false)),
        M::Rsqrtss => (a & !0xffff_ffffu128) | u128::from(f(b as u32, true)),
        M::Rcpps => map32(b, 0, |x, _| f(x, false)),
        _ => map32(b, 0, |x, _| f(x, true)),
    };
    it.set_xr(d, r);
    Ok(())
}
