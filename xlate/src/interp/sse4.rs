//! Interpreted SSE3, SSSE3, SSE4.1, SSE4.2 (including PCMPxSTRx and CRC32), BMI1/BMI2 and ADX.

// Lane loops index several arrays with the same lane number; iterator forms are less clear.
#![allow(clippy::needless_range_loop)]

use super::{mask, Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{rflags, Xmm};
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

fn xidx(r: Register) -> Option<usize> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)? as usize;
    (v < 16).then_some(v)
}

fn lanes<const N: usize>(v: u128, bits: u32) -> [u64; N] {
    let mut o = [0u64; N];
    let m = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    for (k, x) in o.iter_mut().enumerate() {
        *x = (v >> (bits as usize * k)) as u64 & m;
    }
    o
}
fn join<const N: usize>(a: [u64; N], bits: u32) -> u128 {
    let m = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    a.iter().enumerate().fold(0u128, |acc, (k, &x)| {
        acc | (u128::from(x & m) << (bits as usize * k))
    })
}
fn sx(v: u64, bits: u32) -> i64 {
    ((v << (64 - bits)) as i64) >> (64 - bits)
}

impl Interp<'_> {
    fn xr4(&self, i: usize) -> u128 {
        u128::from_le_bytes(self.ctx.guest.xmm[i].0)
    }
    fn set_xr4(&mut self, i: usize, v: u128) {
        self.ctx.guest.xmm[i] = Xmm(v.to_le_bytes());
    }
    fn xop4(&self, n: u32) -> Result<u128, Fault> {
        match self.ins.op_kind(n) {
            OpKind::Register => {
                let r = self.ins.op_register(n);
                match xidx(r) {
                    Some(x) => Ok(self.xr4(x)),
                    None => Ok(u128::from(self.read_gpr(r)?)),
                }
            }
            OpKind::Memory => {
                let a = self.ea();
                Ok(match self.ins.memory_size().size() {
                    16 => mem::read_u128(a),
                    s @ (1 | 2 | 4 | 8) => u128::from(mem::read_uint(a, s as u32)),
                    _ => return Err(Fault::Unsupported),
                })
            }
            _ => Err(Fault::Unsupported),
        }
    }
    fn xd4(&self) -> Result<usize, Fault> {
        xidx(self.ins.op_register(0)).ok_or(Fault::Unsupported)
    }
}

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Addsubps
        | M::Addsubpd
        | M::Haddps
        | M::Haddpd
        | M::Hsubps
        | M::Hsubpd
        | M::Movddup
        | M::Movshdup
        | M::Movsldup => sse3,
        M::Pshufb
        | M::Palignr
        | M::Pabsb
        | M::Pabsw
        | M::Pabsd
        | M::Psignb
        | M::Psignw
        | M::Psignd
        | M::Phaddw
        | M::Phaddd
        | M::Phaddsw
        | M::Phsubw
        | M::Phsubd
        | M::Phsubsw
        | M::Pmaddubsw
        | M::Pmulhrsw => ssse3,
        M::Pminsb
        | M::Pmaxsb
        | M::Pminuw
        | M::Pmaxuw
        | M::Pminsd
        | M::Pmaxsd
        | M::Pminud
        | M::Pmaxud
        | M::Pmulld
        | M::Pmuldq
        | M::Pcmpeqq
        | M::Pcmpgtq
        | M::Packusdw
        | M::Pmovzxbw
        | M::Pmovzxbd
        | M::Pmovzxbq
        | M::Pmovzxwd
        | M::Pmovzxwq
        | M::Pmovzxdq
        | M::Pmovsxbw
        | M::Pmovsxbd
        | M::Pmovsxbq
        | M::Pmovsxwd
        | M::Pmovsxwq
        | M::Pmovsxdq
        | M::Pblendw
        | M::Blendps
        | M::Blendpd
        | M::Pblendvb
        | M::Blendvps
        | M::Blendvpd
        | M::Phminposuw => sse41_int,
        M::Ptest => ptest,
        M::Pextrb
        | M::Pextrd
        | M::Pextrq
        | M::Extractps
        | M::Pinsrb
        | M::Pinsrd
        | M::Pinsrq
        | M::Insertps => ins_ext,
        M::Roundps | M::Roundpd | M::Roundss | M::Roundsd | M::Dpps | M::Dppd | M::Mpsadbw => {
            sse41_fp
        }
        M::Pcmpistri | M::Pcmpistrm | M::Pcmpestri | M::Pcmpestrm => pcmpstr,
        M::Crc32 => crc32,
        M::Andn
        | M::Bextr
        | M::Blsi
        | M::Blsmsk
        | M::Blsr
        | M::Bzhi
        | M::Mulx
        | M::Pdep
        | M::Pext
        | M::Rorx
        | M::Sarx
        | M::Shlx
        | M::Shrx => bmi,
        M::Adcx | M::Adox => adx,
        _ => return None,
    })
}

fn sse3(it: &mut Interp<'_>) -> Result<(), Fault> {
    use super::fpx::{op32, op64, Op};
    use Mnemonic as M;
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    let mut fl = 0u32;
    let (x4, y4) = (
        lanes::<4>(a, 32).map(|v| v as u32),
        lanes::<4>(b, 32).map(|v| v as u32),
    );
    let (x2, y2) = (lanes::<2>(a, 64), lanes::<2>(b, 64));
    let j32 = |v: [u32; 4]| join(v.map(u64::from), 32);
    let r = match it.mnemonic() {
        M::Addsubps => j32([
            op32(Op::Sub, x4[0], y4[0], &mut fl),
            op32(Op::Add, x4[1], y4[1], &mut fl),
            op32(Op::Sub, x4[2], y4[2], &mut fl),
            op32(Op::Add, x4[3], y4[3], &mut fl),
        ]),
        M::Addsubpd => join(
            [
                op64(Op::Sub, x2[0], y2[0], &mut fl),
                op64(Op::Add, x2[1], y2[1], &mut fl),
            ],
            64,
        ),
        M::Haddps | M::Hsubps => {
            let o = if it.mnemonic() == M::Haddps {
                Op::Add
            } else {
                Op::Sub
            };
            j32([
                op32(o, x4[0], x4[1], &mut fl),
                op32(o, x4[2], x4[3], &mut fl),
                op32(o, y4[0], y4[1], &mut fl),
                op32(o, y4[2], y4[3], &mut fl),
            ])
        }
        M::Haddpd | M::Hsubpd => {
            let o = if it.mnemonic() == M::Haddpd {
                Op::Add
            } else {
                Op::Sub
            };
            join(
                [
                    op64(o, x2[0], x2[1], &mut fl),
                    op64(o, y2[0], y2[1], &mut fl),
                ],
                64,
            )
        }
        M::Movddup => {
            let lo = b as u64;
            join([lo, lo], 64)
        }
        M::Movshdup => {
            let l = lanes::<4>(b, 32);
            join([l[1], l[1], l[3], l[3]], 32)
        }
        _ => {
            let l = lanes::<4>(b, 32);
            join([l[0], l[0], l[2], l[2]], 32)
        }
    };
    it.set_xr4(d, r);
    it.ctx.guest.mxcsr |= fl;
    Ok(())
}

fn sat16(v: i64) -> u64 {
    v.clamp(-32768, 32767) as u64 & 0xffff
}

fn ssse3(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    let r = match it.mnemonic() {
        M::Pshufb => {
            let (x, y) = (a.to_le_bytes(), b.to_le_bytes());
            let mut o = [0u8; 16];
            for k in 0..16 {
                o[k] = if y[k] & 0x80 != 0 {
                    0
                } else {
                    x[(y[k] & 15) as usize]
                };
            }
            u128::from_le_bytes(o)
        }
        M::Palignr => {
            let n = u32::from(it.ins.immediate8());
            let mut bytes = [0u8; 32];
            bytes[..16].copy_from_slice(&b.to_le_bytes());
            bytes[16..].copy_from_slice(&a.to_le_bytes());
            let mut o = [0u8; 16];
            for k in 0..16 {
                let s = k + n as usize;
                o[k] = if s < 32 { bytes[s] } else { 0 };
            }
            u128::from_le_bytes(o)
        }
        M::Pabsb => join(lanes::<16>(b, 8).map(|x| sx(x, 8).unsigned_abs()), 8),
        M::Pabsw => join(lanes::<8>(b, 16).map(|x| sx(x, 16).unsigned_abs()), 16),
        M::Pabsd => join(lanes::<4>(b, 32).map(|x| sx(x, 32).unsigned_abs()), 32),
        M::Psignb | M::Psignw | M::Psignd => {
            let bits = match it.mnemonic() {
                M::Psignb => 8,
                M::Psignw => 16,
                _ => 32,
            };
            let n = 128 / bits as usize;
            let (x, y) = (lanes::<16>(a, bits), lanes::<16>(b, bits));
            let mut o = [0u64; 16];
            for k in 0..n {
                let s = sx(y[k], bits);
                o[k] = if s < 0 {
                    (sx(x[k], bits).wrapping_neg()) as u64
                } else if s == 0 {
                    0
                } else {
                    x[k]
                };
            }
            join(o, bits)
        }
        M::Phaddw | M::Phsubw | M::Phaddsw | M::Phsubsw => {
            let (x, y) = (lanes::<8>(a, 16), lanes::<8>(b, 16));
            let m = it.mnemonic();
            let f = |p: u64, q: u64| -> u64 {
                let (p, q) = (sx(p, 16), sx(q, 16));
                match m {
                    M::Phaddw => (p + q) as u64 & 0xffff,
                    M::Phsubw => (p - q) as u64 & 0xffff,
                    M::Phaddsw => sat16(p + q),
                    _ => sat16(p - q),
                }
            };
            let mut o = [0u64; 8];
            for k in 0..4 {
                o[k] = f(x[2 * k], x[2 * k + 1]);
                o[4 + k] = f(y[2 * k], y[2 * k + 1]);
            }
            join(o, 16)
        }
        M::Phaddd | M::Phsubd => {
            let (x, y) = (lanes::<4>(a, 32), lanes::<4>(b, 32));
            let add = it.mnemonic() == M::Phaddd;
            let f = |p: u64, q: u64| {
                if add {
                    p.wrapping_add(q)
                } else {
                    p.wrapping_sub(q)
                }
            };
            join(
                [f(x[0], x[1]), f(x[2], x[3]), f(y[0], y[1]), f(y[2], y[3])],
                32,
            )
        }
        M::Pmaddubsw => {
            let (x, y) = (lanes::<16>(a, 8), lanes::<16>(b, 8));
            let mut o = [0u64; 8];
            for k in 0..8 {
                let s =
                    x[2 * k] as i64 * sx(y[2 * k], 8) + x[2 * k + 1] as i64 * sx(y[2 * k + 1], 8);
                o[k] = sat16(s);
            }
            join(o, 16)
        }
        _ => {
            let (x, y) = (lanes::<8>(a, 16), lanes::<8>(b, 16));
            join(
                core::array::from_fn::<u64, 8, _>(|k| {
                    ((((sx(x[k], 16) * sx(y[k], 16)) >> 14) + 1) >> 1) as u64 & 0xffff
                }),
                16,
            )
        }
    };
    it.set_xr4(d, r);
    Ok(())
}

fn sse41_int(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    let m = it.mnemonic();
    let map = |bits: u32, f: &dyn Fn(u64, u64) -> u64| -> u128 {
        let n = 128 / bits as usize;
        let (x, y) = (lanes::<16>(a, bits), lanes::<16>(b, bits));
        let mut o = [0u64; 16];
        for k in 0..n {
            o[k] = f(x[k], y[k]);
        }
        join(o, bits)
    };
    let ext = |from: u32, to: u32, signed: bool| -> u128 {
        let n = 128 / to as usize;
        let x = lanes::<16>(b, from);
        let mut o = [0u64; 16];
        for k in 0..n {
            o[k] = if signed { sx(x[k], from) as u64 } else { x[k] };
        }
        join(o, to)
    };
    let r = match m {
        M::Pminsb => map(8, &|p, q| if sx(p, 8) < sx(q, 8) { p } else { q }),
        M::Pmaxsb => map(8, &|p, q| if sx(p, 8) > sx(q, 8) { p } else { q }),
        M::Pminuw => map(16, &|p, q| p.min(q)),
        M::Pmaxuw => map(16, &|p, q| p.max(q)),
        M::Pminsd => map(32, &|p, q| if sx(p, 32) < sx(q, 32) { p } else { q }),
        M::Pmaxsd => map(32, &|p, q| if sx(p, 32) > sx(q, 32) { p } else { q }),
        M::Pminud => map(32, &|p, q| p.min(q)),
        M::Pmaxud => map(32, &|p, q| p.max(q)),
        M::Pmulld => map(32, &|p, q| p.wrapping_mul(q)),
        M::Pmuldq => {
            let (x, y) = (lanes::<4>(a, 32), lanes::<4>(b, 32));
            join(
                [
                    (sx(x[0], 32) * sx(y[0], 32)) as u64,
                    (sx(x[2], 32) * sx(y[2], 32)) as u64,
                ],
                64,
            )
        }
        M::Pcmpeqq => map(64, &|p, q| if p == q { u64::MAX } else { 0 }),
        M::Pcmpgtq => map(64, &|p, q| {
            if (p as i64) > (q as i64) {
                u64::MAX
            } else {
                0
            }
        }),
        M::Packusdw => {
            let (x, y) = (lanes::<4>(a, 32), lanes::<4>(b, 32));
            let s = |v: u64| sx(v, 32).clamp(0, 65535) as u64;
            join(
                [
                    s(x[0]),
                    s(x[1]),
                    s(x[2]),
                    s(x[3]),
                    s(y[0]),
                    s(y[1]),
                    s(y[2]),
                    s(y[3]),
                ],
                16,
            )
        }
        M::Pmovzxbw => ext(8, 16, false),
        M::Pmovzxbd => ext(8, 32, false),
        M::Pmovzxbq => ext(8, 64, false),
        M::Pmovzxwd => ext(16, 32, false),
        M::Pmovzxwq => ext(16, 64, false),
        M::Pmovzxdq => ext(32, 64, false),
        M::Pmovsxbw => ext(8, 16, true),
        M::Pmovsxbd => ext(8, 32, true),
        M::Pmovsxbq => ext(8, 64, true),
        M::Pmovsxwd => ext(16, 32, true),
        M::Pmovsxwq => ext(16, 64, true),
        M::Pmovsxdq => ext(32, 64, true),
        M::Pblendw | M::Blendps | M::Blendpd => {
            let bits = match m {
                M::Pblendw => 16,
                M::Blendps => 32,
                _ => 64,
            };
            let imm = u64::from(it.ins.immediate8());
            let n = 128 / bits as usize;
            let (x, y) = (lanes::<8>(a, bits), lanes::<8>(b, bits));
            let mut o = [0u64; 8];
            for k in 0..n {
                o[k] = if imm >> k & 1 != 0 { y[k] } else { x[k] };
            }
            join(o, bits)
        }
        M::Pblendvb | M::Blendvps | M::Blendvpd => {
            let bits = match m {
                M::Pblendvb => 8,
                M::Blendvps => 32,
                _ => 64,
            };
            let sel = it.xr4(0);
            let n = 128 / bits as usize;
            let (x, y, s) = (
                lanes::<16>(a, bits),
                lanes::<16>(b, bits),
                lanes::<16>(sel, bits),
            );
            let mut o = [0u64; 16];
            for k in 0..n {
                o[k] = if s[k] >> (bits - 1) & 1 != 0 {
                    y[k]
                } else {
                    x[k]
                };
            }
            join(o, bits)
        }
        _ => {
            // PHMINPOSUW
            let x = lanes::<8>(b, 16);
            let (mut v, mut idx) = (x[0], 0u64);
            for (k, &e) in x.iter().enumerate() {
                if e < v {
                    v = e;
                    idx = k as u64;
                }
            }
            u128::from(v | (idx << 16))
        }
    };
    it.set_xr4(d, r);
    Ok(())
}

fn ptest(it: &mut Interp<'_>) -> Result<(), Fault> {
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    it.set_flag(rflags::ZF, a & b == 0);
    it.set_flag(rflags::CF, !a & b == 0);
    for f in [rflags::OF, rflags::SF, rflags::AF, rflags::PF] {
        it.set_flag(f, false);
    }
    Ok(())
}

fn ins_ext(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let imm = u32::from(i.immediate8());
    match i.mnemonic() {
        M::Pextrb | M::Pextrd | M::Pextrq | M::Extractps => {
            let s = it.xop4(1)?;
            let (bits, idx) = match i.mnemonic() {
                M::Pextrb => (8, imm & 15),
                M::Pextrq => (64, imm & 1),
                _ => (32, imm & 3),
            };
            let v = (s >> (bits * idx)) as u64 & mask(bits / 8);
            if i.op_kind(0) == OpKind::Memory {
                mem::write_uint(it.ea(), bits / 8, v);
            } else {
                let r = i.op_register(0);
                if bits == 64 {
                    it.write_gpr(r, v)?;
                } else {
                    it.write_gpr(r.full_register32(), v)?;
                }
            }
        }
        M::Insertps => {
            let d = it.xd4()?;
            let a = it.xr4(d);
            let src: u64 = if i.op_kind(1) == OpKind::Memory {
                mem::read_uint(it.ea(), 4)
            } else {
                let s = it.xop4(1)?;
                (s >> (32 * ((imm >> 6) & 3))) as u64 & 0xffff_ffff
            };
            let mut l = lanes::<4>(a, 32);
            l[((imm >> 4) & 3) as usize] = src;
            for k in 0..4 {
                if imm >> k & 1 != 0 {
                    l[k] = 0;
                }
            }
            it.set_xr4(d, join(l, 32));
        }
        _ => {
            let d = it.xd4()?;
            let a = it.xr4(d);
            let (bits, idx) = match i.mnemonic() {
                M::Pinsrb => (8u32, imm & 15),
                M::Pinsrq => (64, imm & 1),
                _ => (32, imm & 3),
            };
            let v = if i.op_kind(1) == OpKind::Memory {
                mem::read_uint(it.ea(), bits / 8)
            } else {
                it.read_gpr(i.op_register(1))? & mask(bits / 8)
            };
            let m = (u128::from(mask(bits / 8))) << (bits * idx);
            it.set_xr4(d, (a & !m) | (u128::from(v) << (bits * idx)));
        }
    }
    Ok(())
}

fn round_mode(x: f64, imm: u8, mxcsr: u32) -> f64 {
    let rc = if imm & 4 != 0 {
        (mxcsr >> 13) & 3
    } else {
        u32::from(imm & 3)
    };
    match rc {
        0 => x.round_ties_even(),
        1 => x.floor(),
        2 => x.ceil(),
        _ => x.trunc(),
    }
}

/// MXCSR exception flags of one DPPS/DPPD step `r = x op y` (masked responses): IE for a NaN
/// made from non-NaN operands or a signalling NaN operand, OE for a finite overflow, PE when the
/// exact result was not representable, UE when such a result is tiny (x86 detects tininess after
/// rounding).
fn dp_flags(
    x_nan: bool,
    y_nan: bool,
    snan: bool,
    r_nan: bool,
    overflow: bool,
    inexact: bool,
    tiny: bool,
) -> u32 {
    use super::fpx::{IE, OE, PE, UE};
    let mut f = 0;
    if snan || (r_nan && !x_nan && !y_nan) {
        f |= IE;
    }
    if overflow {
        f |= OE | PE;
    } else if inexact {
        f |= PE;
        if tiny {
            f |= UE;
        }
    }
    f
}

/// x86 NaN results: the first NaN operand, quietened; an invalid operation on numbers gives the
/// default NaN ("real indefinite", negative), not the host's positive one.
fn x86_nan32(x: f32, y: f32, r: f32) -> f32 {
    if x.is_nan() {
        f32::from_bits(x.to_bits() | 0x40_0000)
    } else if y.is_nan() {
        f32::from_bits(y.to_bits() | 0x40_0000)
    } else if r.is_nan() {
        f32::from_bits(0xffc0_0000)
    } else {
        r
    }
}

fn x86_nan64(x: f64, y: f64, r: f64) -> f64 {
    if x.is_nan() {
        f64::from_bits(x.to_bits() | 1 << 51)
    } else if y.is_nan() {
        f64::from_bits(y.to_bits() | 1 << 51)
    } else if r.is_nan() {
        f64::from_bits(0xfff8_0000_0000_0000)
    } else {
        r
    }
}

fn dp_mul32(x: f32, y: f32, daz: bool, ex: &mut u32) -> f32 {
    let p = x86_nan32(x, y, x * y);
    if !daz && (x.is_subnormal() || y.is_subnormal()) {
        *ex |= super::fpx::DE;
    }
    let snan = |v: f32| v.is_nan() && v.to_bits() & 0x40_0000 == 0;
    let exact = f64::from(x) * f64::from(y);
    let inexact = p.is_finite() && f64::from(p) != exact;
    let overflow = p.is_infinite() && x.is_finite() && y.is_finite();
    *ex |= dp_flags(
        x.is_nan(),
        y.is_nan(),
        snan(x) || snan(y),
        p.is_nan(),
        overflow,
        inexact,
        p.abs() < f32::MIN_POSITIVE,
    );
    p
}

fn dp_add32(x: f32, y: f32, ex: &mut u32) -> f32 {
    let s = x86_nan32(x, y, x + y);
    // TwoSum: the rounding error of s, exact when s is finite
    let bb = s - x;
    let err = (x - (s - bb)) + (y - bb);
    let inexact = s.is_finite() && err != 0.0;
    let overflow = s.is_infinite() && x.is_finite() && y.is_finite();
    *ex |= dp_flags(
        x.is_nan(),
        y.is_nan(),
        false,
        s.is_nan(),
        overflow,
        inexact,
        s.abs() < f32::MIN_POSITIVE,
    );
    s
}

fn dp_mul64(x: f64, y: f64, daz: bool, ex: &mut u32) -> f64 {
    let p = x86_nan64(x, y, x * y);
    if !daz && (x.is_subnormal() || y.is_subnormal()) {
        *ex |= super::fpx::DE;
    }
    let snan = |v: f64| v.is_nan() && v.to_bits() & (1 << 51) == 0;
    // the fused multiply-add gives the exact rounding error of the product
    let inexact = p.is_finite() && x.mul_add(y, -p) != 0.0;
    let overflow = p.is_infinite() && x.is_finite() && y.is_finite();
    *ex |= dp_flags(
        x.is_nan(),
        y.is_nan(),
        snan(x) || snan(y),
        p.is_nan(),
        overflow,
        inexact,
        p.abs() < f64::MIN_POSITIVE,
    );
    p
}

fn dp_add64(x: f64, y: f64, ex: &mut u32) -> f64 {
    let s = x86_nan64(x, y, x + y);
    let bb = s - x;
    let err = (x - (s - bb)) + (y - bb);
    let inexact = s.is_finite() && err != 0.0;
    let overflow = s.is_infinite() && x.is_finite() && y.is_finite();
    *ex |= dp_flags(
        x.is_nan(),
        y.is_nan(),
        false,
        s.is_nan(),
        overflow,
        inexact,
        s.abs() < f64::MIN_POSITIVE,
    );
    s
}

fn sse41_fp(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    let imm = it.ins.immediate8();
    let mx = it.ctx.guest.mxcsr;
    let fl = std::cell::Cell::new(0u32);
    // IE for signalling NaNs; PE when the result is inexact unless imm bit 3 suppresses it
    let q32 = |x: u64| -> u64 {
        // only the low lane: the caller may pass more bits
        let x = x & 0xffff_ffff;
        let f = f32::from_bits(x as u32);
        if f.is_nan() {
            if x & 0x40_0000 == 0 {
                fl.set(fl.get() | super::fpx::IE);
            }
            return x | 0x40_0000;
        }
        let r = round_mode(f64::from(f), imm, mx);
        if r != f64::from(f) && imm & 8 == 0 {
            fl.set(fl.get() | super::fpx::PE);
        }
        u64::from((r as f32).to_bits())
    };
    let q64 = |x: u64| -> u64 {
        let f = f64::from_bits(x);
        if f.is_nan() {
            if x & (1 << 51) == 0 {
                fl.set(fl.get() | super::fpx::IE);
            }
            return x | (1 << 51);
        }
        let r = round_mode(f, imm, mx);
        if r != f && imm & 8 == 0 {
            fl.set(fl.get() | super::fpx::PE);
        }
        r.to_bits()
    };
    let r = match it.mnemonic() {
        M::Roundps => join(lanes::<4>(b, 32).map(q32), 32),
        M::Roundpd => join(lanes::<2>(b, 64).map(q64), 64),
        M::Roundss => (a & !0xffff_ffffu128) | u128::from(q32(b as u64)),
        M::Roundsd => (a & !u128::from(u64::MAX)) | u128::from(q64(b as u64)),
        M::Dpps => {
            let (x, y) = (lanes::<4>(a, 32), lanes::<4>(b, 32));
            let f = |v: u64| f32::from_bits(v as u32);
            let daz = mx & 0x40 != 0;
            let mut ex = 0u32;
            let mut t = [0f32; 4];
            for k in 0..4 {
                if imm >> (4 + k) & 1 != 0 {
                    t[k] = dp_mul32(f(x[k]), f(y[k]), daz, &mut ex);
                }
            }
            let l = dp_add32(t[0], t[1], &mut ex);
            let h = dp_add32(t[2], t[3], &mut ex);
            let s = dp_add32(l, h, &mut ex);
            fl.set(fl.get() | ex);
            let mut o = [0u64; 4];
            for k in 0..4 {
                if imm >> k & 1 != 0 {
                    o[k] = u64::from(s.to_bits());
                }
            }
            join(o, 32)
        }
        M::Dppd => {
            let (x, y) = (lanes::<2>(a, 64), lanes::<2>(b, 64));
            let f = f64::from_bits;
            let daz = mx & 0x40 != 0;
            let mut ex = 0u32;
            let mut t = [0f64; 2];
            for k in 0..2 {
                if imm >> (4 + k) & 1 != 0 {
                    t[k] = dp_mul64(f(x[k]), f(y[k]), daz, &mut ex);
                }
            }
            let s = dp_add64(t[0], t[1], &mut ex);
            fl.set(fl.get() | ex);
            let mut o = [0u64; 2];
            for k in 0..2 {
                if imm >> k & 1 != 0 {
                    o[k] = s.to_bits();
                }
            }
            join(o, 64)
        }
        _ => {
            // MPSADBW
            let (x, y) = (a.to_le_bytes(), b.to_le_bytes());
            let ao = usize::from((imm >> 2) & 1) * 4;
            let bo = usize::from(imm & 3) * 4;
            let mut o = [0u64; 8];
            for k in 0..8 {
                o[k] = (0..4)
                    .map(|j| u64::from(x[ao + k + j].abs_diff(y[bo + j])))
                    .sum();
            }
            join(o, 16)
        }
    };
    it.set_xr4(d, r);
    it.ctx.guest.mxcsr |= fl.get();
    Ok(())
}

fn pcmpstr(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let m = i.mnemonic();
    let imm = i.immediate8();
    let d = it.xd4()?;
    let a = it.xr4(d);
    let b = it.xop4(1)?;
    let words = imm & 1 != 0;
    let signed = imm & 2 != 0;
    let n: usize = if words { 8 } else { 16 };
    let bits = if words { 16 } else { 8 };
    let el = |v: u128, k: usize| -> i64 {
        let x = (v >> (bits * k)) as u64 & mask(bits as u32 / 8);
        if signed {
            sx(x, bits as u32)
        } else {
            x as i64
        }
    };
    let explicit = matches!(m, M::Pcmpestri | M::Pcmpestrm);
    // REX.W selects 64-bit lengths in RAX/RDX (byte 0x48..0x4f before the 0x66 0x0f 0x3a)
    let rexw = matches!(
        i.code(),
        iced_x86::Code::Pcmpestri64_xmm_xmmm128_imm8 | iced_x86::Code::Pcmpestrm64_xmm_xmmm128_imm8
    );
    let len = |reg: usize, v: u128| -> usize {
        if explicit {
            let r = it.reg(reg);
            let l = if rexw {
                r as i64
            } else {
                i64::from(r as u32 as i32)
            };
            (l.unsigned_abs() as usize).min(n)
        } else {
            (0..n).find(|&k| el(v, k) == 0).unwrap_or(n)
        }
    };
    let la = len(crate::state::gpr::RAX, a);
    let lb = len(crate::state::gpr::RDX, b);
    let agg = (imm >> 2) & 3;
    let mut res1 = 0u32;
    for j in 0..n {
        let bv = j < lb;
        let bit = match agg {
            0 => bv && (0..la).any(|k| el(a, k) == el(b, j)),
            1 => {
                bv && (0..la / 2 * 2)
                    .step_by(2)
                    .any(|k| el(a, k) <= el(b, j) && el(b, j) <= el(a, k + 1))
            }
            2 => {
                let av = j < la;
                match (av, bv) {
                    (false, false) => true,
                    (true, true) => el(a, j) == el(b, j),
                    _ => false,
                }
            }
            _ => (0..n - j).all(|k| {
                if k >= la {
                    true
                } else if j + k >= lb {
                    false
                } else {
                    el(a, k) == el(b, j + k)
                }
            }),
        };
        if bit {
            res1 |= 1 << j;
        }
    }
    let full = (1u32 << n) - 1;
    let res2 = match (imm >> 4) & 3 {
        1 => !res1 & full,
        3 => res1 ^ ((1u32 << lb) - 1),
        _ => res1,
    };
    if matches!(m, M::Pcmpistri | M::Pcmpestri) {
        let idx = if res2 == 0 {
            n as u32
        } else if imm & 0x40 != 0 {
            31 - res2.leading_zeros()
        } else {
            res2.trailing_zeros()
        };
        it.set_reg(crate::state::gpr::RCX, u64::from(idx));
    } else {
        let out: u128 = if imm & 0x40 != 0 {
            let mut o = 0u128;
            for j in 0..n {
                if res2 >> j & 1 != 0 {
                    o |= u128::from(mask(bits as u32 / 8)) << (bits * j);
                }
            }
            o
        } else {
            u128::from(res2)
        };
        it.set_xr4(0, out);
    }
    it.set_flag(rflags::CF, res2 != 0);
    it.set_flag(rflags::ZF, lb < n);
    it.set_flag(rflags::SF, la < n);
    it.set_flag(rflags::OF, res2 & 1 != 0);
    it.set_flag(rflags::AF, false);
    it.set_flag(rflags::PF, false);
    Ok(())
}

fn crc32(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let size = match i.op_kind(1) {
        OpKind::Memory => i.memory_size().size() as u32,
        _ => i.op_register(1).size() as u32,
    };
    let v = it.read_op(1, size)?;
    let mut crc = it.read_gpr(i.op_register(0))? as u32;
    for k in 0..size {
        crc ^= (v >> (8 * k)) as u32 & 0xff;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0x82f6_3b78
            } else {
                crc >> 1
            };
        }
    }
    // the 64-bit form zero-extends into the full register; the 32-bit form writes r32
    it.write_gpr(i.op_register(0), u64::from(crc))
}

fn bmi(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let size = it.op_size(0);
    let bits = size * 8;
    let m = mask(size);
    let set = |it: &mut Interp<'_>, r: u64, cf: bool| {
        it.set_flag(rflags::ZF, r & m == 0);
        it.set_flag(rflags::SF, (r >> (bits - 1)) & 1 != 0);
        it.set_flag(rflags::CF, cf);
        it.set_flag(rflags::OF, false);
    };
    match i.mnemonic() {
        M::Andn => {
            let r = !it.read_op(1, size)? & it.read_op(2, size)? & m;
            set(it, r, false);
            it.write_op(0, size, r)
        }
        M::Bextr => {
            let src = it.read_op(1, size)?;
            let ctl = it.read_op(2, size)?;
            let start = (ctl & 0xff) as u32;
            let len = ((ctl >> 8) & 0xff) as u32;
            let r = if start >= bits { 0 } else { src >> start };
            let r = if len >= 64 {
                r
            } else {
                r & ((1u64 << len) - 1)
            } & m;
            set(it, r, false);
            it.write_op(0, size, r)
        }
        M::Blsi | M::Blsmsk | M::Blsr => {
            let s = it.read_op(1, size)?;
            let (r, cf) = match i.mnemonic() {
                M::Blsi => (s & s.wrapping_neg(), s != 0),
                M::Blsmsk => (s ^ s.wrapping_sub(1), s == 0),
                _ => (s & s.wrapping_sub(1), s == 0),
            };
            let r = r & m;
            set(it, r, cf);
            it.write_op(0, size, r)
        }
        M::Bzhi => {
            let s = it.read_op(1, size)?;
            let n = (it.read_op(2, size)? & 0xff) as u32;
            let r = if n >= bits { s } else { s & ((1u64 << n) - 1) } & m;
            set(it, r, n > bits - 1);
            it.write_op(0, size, r)
        }
        M::Mulx => {
            let a = it.read_gpr(if size == 8 {
                Register::RDX
            } else {
                Register::EDX
            })?;
            let b = it.read_op(2, size)?;
            let p = u128::from(a) * u128::from(b);
            let lo = p as u64 & m;
            let hi = (p >> bits) as u64 & m;
            it.write_op(1, size, lo)?;
            it.write_op(0, size, hi)
        }
        M::Pdep | M::Pext => {
            let s = it.read_op(1, size)?;
            let mk = it.read_op(2, size)?;
            let mut r = 0u64;
            let mut k = 0;
            for bit in 0..bits {
                if mk >> bit & 1 != 0 {
                    if i.mnemonic() == M::Pdep {
                        r |= ((s >> k) & 1) << bit;
                    } else {
                        r |= ((s >> bit) & 1) << k;
                    }
                    k += 1;
                }
            }
            it.write_op(0, size, r)
        }
        M::Rorx => {
            let s = it.read_op(1, size)?;
            let c = u32::from(i.immediate8()) % bits;
            let r = if c == 0 {
                s
            } else {
                ((s >> c) | (s << (bits - c))) & m
            };
            it.write_op(0, size, r)
        }
        _ => {
            let s = it.read_op(1, size)?;
            let c = (it.read_op(2, size)? as u32) & (bits - 1);
            let r = match i.mnemonic() {
                M::Shlx => s << c,
                M::Shrx => s >> c,
                _ => (sx(s, bits) >> c) as u64,
            } & m;
            it.write_op(0, size, r)
        }
    }
}

fn adx(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let f = if it.mnemonic() == Mnemonic::Adcx {
        rflags::CF
    } else {
        rflags::OF
    };
    let a = it.read_op(0, size)?;
    let b = it.read_op(1, size)?;
    let c = u128::from(it.flag(f));
    let s = u128::from(a) + u128::from(b) + c;
    it.set_flag(f, s >> (size * 8) != 0);
    it.write_op(0, size, s as u64 & mask(size))
}
