//! Interpreted x87 instructions. Values are kept as exact 80-bit bit patterns in the guest
//! state; arithmetic is computed in double precision (see [`super::f80`] for the precise
//! limitation). Stack overflow/underflow with masked exceptions behave like hardware (IE|SF,
//! C1, indefinite results).

use super::f80::{self, F80, INDEFINITE};
use super::{Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{rflags, F80Slot, X87State, FXSAVE_SIZE};
use iced_x86::{Instruction, MemorySize, Mnemonic, OpKind, Register};

const C0: u16 = 1 << 8;
const C1: u16 = 1 << 9;
const C2: u16 = 1 << 10;
const C3: u16 = 1 << 14;
const IE: u16 = 1;
const DE: u16 = 1 << 1;
const OE: u16 = 1 << 3;
const UE: u16 = 1 << 4;
const PE: u16 = 1 << 5;
const SF: u16 = 1 << 6;
const ES: u16 = 1 << 7;

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Fnstcw | M::Fstcw => fnstcw,
        M::Fldcw => fldcw,
        M::Fnstsw | M::Fstsw => fnstsw,
        M::Fninit | M::Finit => fninit,
        M::Fnclex | M::Fclex => |it: &mut Interp<'_>| {
            it.ctx.guest.x87.fsw &= !0x80ff;
            Ok(())
        },
        M::Wait => |_: &mut Interp<'_>| Ok(()),
        M::Fxsave | M::Fxsave64 => fxsave,
        M::Fxrstor | M::Fxrstor64 => fxrstor,
        M::Fld | M::Fild => fld,
        M::Fld1 | M::Fldz | M::Fldpi | M::Fldl2e | M::Fldln2 | M::Fldl2t | M::Fldlg2 => fldconst,
        M::Fst | M::Fstp | M::Fist | M::Fistp | M::Fisttp => fst,
        M::Fadd
        | M::Faddp
        | M::Fsub
        | M::Fsubp
        | M::Fsubr
        | M::Fsubrp
        | M::Fmul
        | M::Fmulp
        | M::Fdiv
        | M::Fdivp
        | M::Fdivr
        | M::Fdivrp
        | M::Fiadd
        | M::Fisub
        | M::Fisubr
        | M::Fimul
        | M::Fidiv
        | M::Fidivr => farith,
        M::Fchs | M::Fabs | M::Fsqrt | M::Frndint | M::F2xm1 | M::Fsin | M::Fcos => funary,
        M::Fxch => fxch,
        M::Fcom
        | M::Fcomp
        | M::Fcompp
        | M::Fucom
        | M::Fucomp
        | M::Fucompp
        | M::Ficom
        | M::Ficomp
        | M::Ftst => fcom,
        M::Fcomi | M::Fcomip | M::Fucomi | M::Fucomip => fcomi,
        M::Fxam => fxam,
        M::Fprem | M::Fprem1 => fprem,
        M::Fscale => fscale,
        M::Fyl2x | M::Fyl2xp1 | M::Fpatan => fbinary_pop,
        M::Fptan | M::Fsincos | M::Fxtract => fpush_two,
        M::Fcmovb
        | M::Fcmove
        | M::Fcmovbe
        | M::Fcmovu
        | M::Fcmovnb
        | M::Fcmovne
        | M::Fcmovnbe
        | M::Fcmovnu => fcmov,
        M::Ffree | M::Ffreep => ffree,
        M::Fincstp | M::Fdecstp => fincdec,
        M::Fnop => |_: &mut Interp<'_>| Ok(()),
        _ => return None,
    })
}

impl Interp<'_> {
    fn x(&mut self) -> &mut X87State {
        &mut self.ctx.guest.x87
    }
    fn top(&self) -> usize {
        self.ctx.guest.x87.top()
    }
    fn set_top(&mut self, t: usize) {
        let x = self.x();
        x.fsw = (x.fsw & !(7 << 11)) | ((t as u16 & 7) << 11);
    }
    fn phys(&self, i: usize) -> usize {
        (self.top() + i) & 7
    }
    fn empty(&self, i: usize) -> bool {
        let p = self.phys(i);
        (self.ctx.guest.x87.ftw >> (2 * p)) & 3 == 3
    }
    fn st(&self, i: usize) -> F80 {
        F80::from_bytes(&self.ctx.guest.x87.regs[self.phys(i)].0)
    }
    fn set_phys(&mut self, p: usize, v: F80) {
        let mut s = [0u8; 16];
        s[..10].copy_from_slice(&v.to_bytes());
        let tag: u16 = if v.exp() == 0x7fff
            || (v.exp() != 0 && v.mant >> 63 == 0)
            || (v.exp() == 0 && v.mant != 0)
        {
            2
        } else if v.is_zero() {
            1
        } else {
            0
        };
        let x = self.x();
        x.regs[p] = F80Slot(s);
        x.ftw = (x.ftw & !(3 << (2 * p))) | (tag << (2 * p));
    }
    fn set_st(&mut self, i: usize, v: F80) {
        let p = self.phys(i);
        self.set_phys(p, v);
    }
    fn raise(&mut self, e: u16) {
        let x = self.x();
        x.fsw |= e;
        if x.fsw & 0x3f & !(x.fcw & 0x3f) != 0 {
            x.fsw |= ES;
        }
    }
    fn push(&mut self, v: F80) {
        let t = (self.top() + 7) & 7;
        self.set_top(t);
        let full = (self.ctx.guest.x87.ftw >> (2 * t)) & 3 != 3;
        if full {
            // stack overflow: IE|SF with C1 = 1, indefinite pushed (masked response)
            self.raise(IE | SF);
            self.x().fsw |= C1;
            self.set_phys(t, INDEFINITE);
        } else {
            self.x().fsw &= !C1;
            self.set_phys(t, v);
        }
    }
    fn pop(&mut self) {
        let t = self.top();
        let x = self.x();
        x.ftw |= 3 << (2 * t);
        self.set_top(t + 1);
    }
    /// ST(i) for reading; underflow (empty register) gives IE|SF, C1 = 0 and the indefinite.
    fn st_read(&mut self, i: usize) -> F80 {
        if self.empty(i) {
            self.raise(IE | SF);
            self.x().fsw &= !C1;
            INDEFINITE
        } else {
            self.st(i)
        }
    }
    fn sti(&self, n: u32) -> usize {
        (self.ins.op_register(n) as usize) - (Register::ST0 as usize)
    }
    fn rc(&self) -> u16 {
        (self.ctx.guest.x87.fcw >> 10) & 3
    }
    /// Memory operand as an 80-bit value.
    /// The memory operand as an 80-bit value; a denormal single or double raises DE (loading
    /// makes it a normal extended value, so later uses do not).
    fn mem_value(&mut self) -> Result<F80, Fault> {
        let a = self.ea();
        Ok(match self.ins.memory_size() {
            MemorySize::Float32 => {
                let f = f32::from_bits(mem::read_uint(a, 4) as u32);
                if f.is_subnormal() {
                    self.raise(DE);
                }
                F80::from_f32(f)
            }
            MemorySize::Float64 => {
                let f = f64::from_bits(mem::read_uint(a, 8));
                if f.is_subnormal() {
                    self.raise(DE);
                }
                F80::from_f64(f)
            }
            MemorySize::Float80 => F80::from_bytes(&mem::read::<10>(a)),
            MemorySize::Int16 => F80::from_i64(i64::from(mem::read_uint(a, 2) as u16 as i16)),
            MemorySize::Int32 => F80::from_i64(i64::from(mem::read_uint(a, 4) as u32 as i32)),
            MemorySize::Int64 => F80::from_i64(mem::read_uint(a, 8) as i64),
            _ => return Err(Fault::Unsupported),
        })
    }
}

/// Result of a double computation back to 80 bits, raising PE/IE as observed.
fn result(it: &mut Interp<'_>, r: f64, inputs_nan: bool) -> F80 {
    if r.is_nan() && !inputs_nan {
        it.raise(IE);
        return INDEFINITE;
    }
    F80::from_f64(r)
}

fn fnstcw(it: &mut Interp<'_>) -> Result<(), Fault> {
    mem::write_uint(it.ea(), 2, u64::from(it.ctx.guest.x87.fcw));
    Ok(())
}

fn fldcw(it: &mut Interp<'_>) -> Result<(), Fault> {
    it.ctx.guest.x87.fcw = mem::read_uint(it.ea(), 2) as u16;
    Ok(())
}

fn fnstsw(it: &mut Interp<'_>) -> Result<(), Fault> {
    let sw = u64::from(it.ctx.guest.x87.fsw);
    if it.ins.op_kind(0) == OpKind::Register && it.ins.op_register(0) == Register::AX {
        it.write_gpr(Register::AX, sw)
    } else {
        mem::write_uint(it.ea(), 2, sw);
        Ok(())
    }
}

fn fninit(it: &mut Interp<'_>) -> Result<(), Fault> {
    let regs = it.ctx.guest.x87.regs;
    it.ctx.guest.x87 = X87State {
        regs,
        ..X87State::default()
    };
    Ok(())
}

fn fxsave(it: &mut Interp<'_>) -> Result<(), Fault> {
    let img = super::xsave::legacy_image(it);
    let a = it.ea();
    // bytes 416..464 are reserved and 464..512 available to software: hardware writes neither
    mem::write(a, &img[..416]);
    Ok(())
}

fn fxrstor(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.ea();
    let img: [u8; FXSAVE_SIZE] = mem::read::<FXSAVE_SIZE>(a);
    it.ctx.guest.load_fxsave(&img);
    Ok(())
}

fn fld(it: &mut Interp<'_>) -> Result<(), Fault> {
    let v = if it.ins.op_kind(0) == OpKind::Memory {
        let v = it.mem_value()?;
        // loading a signalling NaN from f32/f64 raises IE and quiets it
        if matches!(
            it.ins.memory_size(),
            MemorySize::Float32 | MemorySize::Float64
        ) && v.is_nan()
            && v.mant & (1 << 62) == 0
        {
            it.raise(IE);
            F80 {
                mant: v.mant | (1 << 62),
                se: v.se,
            }
        } else {
            v
        }
    } else {
        let i = it.sti(0);
        it.st_read(i)
    };
    it.push(v);
    Ok(())
}

fn fldconst(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let v = match it.mnemonic() {
        M::Fld1 => F80 {
            mant: 1 << 63,
            se: 16383,
        },
        M::Fldz => F80::default(),
        // the exact 64-bit significands the x87 uses (round-to-nearest)
        M::Fldpi => F80 {
            mant: 0xc90f_daa2_2168_c235,
            se: 16384,
        },
        M::Fldl2e => F80 {
            mant: 0xb8aa_3b29_5c17_f0bc,
            se: 16383,
        },
        M::Fldln2 => F80 {
            mant: 0xb172_17f7_d1cf_79ac,
            se: 16382,
        },
        M::Fldl2t => F80 {
            mant: 0xd49a_784b_cd1b_8afe,
            se: 16384,
        },
        _ => F80 {
            mant: 0x9a20_9a84_fbcf_f799,
            se: 16381,
        },
    };
    it.push(v);
    Ok(())
}

fn fst(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let m = it.mnemonic();
    let pop = matches!(m, M::Fstp | M::Fistp | M::Fisttp);
    let v = it.st_read(0);
    // C1 = the stored value was rounded up in magnitude (0 after a stack underflow)
    it.x().fsw &= !C1;
    if it.ins.op_kind(0) == OpKind::Register {
        let i = it.sti(0);
        it.set_st(i, v);
    } else {
        let a = it.ea();
        match it.ins.memory_size() {
            MemorySize::Float32 => {
                let f = v.to_f32();
                if !v.is_nan() && f64::from(f) != v.to_f64() {
                    it.raise(
                        PE | narrowing_exceptions(v, f.is_infinite(), f.is_subnormal() || f == 0.0),
                    );
                    if f.is_finite() && F80::from_f32(f).magnitude_above(v) {
                        it.x().fsw |= C1;
                    }
                }
                mem::write_uint(a, 4, u64::from(f.to_bits()));
            }
            MemorySize::Float64 => {
                let f = v.to_f64();
                if !v.is_nan() && F80::from_f64(f) != v {
                    it.raise(
                        PE | narrowing_exceptions(v, f.is_infinite(), f.is_subnormal() || f == 0.0),
                    );
                    if f.is_finite() && F80::from_f64(f).magnitude_above(v) {
                        it.x().fsw |= C1;
                    }
                }
                mem::write_uint(a, 8, f.to_bits());
            }
            MemorySize::Float80 => mem::write(a, &v.to_bytes()),
            ms @ (MemorySize::Int16 | MemorySize::Int32 | MemorySize::Int64) => {
                let bits = match ms {
                    MemorySize::Int16 => 16,
                    MemorySize::Int32 => 32,
                    _ => 64,
                };
                let rc = if m == M::Fisttp { 3 } else { it.rc() };
                let out: u64 = match v.to_int(bits, rc) {
                    None => {
                        it.raise(IE);
                        1u64 << (bits - 1)
                    }
                    Some((r, inexact, up)) => {
                        if inexact {
                            it.raise(PE);
                        }
                        if up {
                            it.x().fsw |= C1;
                        }
                        (r as u64)
                            & if bits == 64 {
                                u64::MAX
                            } else {
                                (1u64 << bits) - 1
                            }
                    }
                };
                mem::write_uint(a, bits / 8, out);
            }
            _ => return Err(Fault::Unsupported),
        }
    }
    if pop {
        it.pop();
    }
    Ok(())
}

fn farith(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let m = i.mnemonic();
    // (destination index, a, b): dst = a op b
    let (dst, a, b, pop) = if i.op_count() == 1 && i.op_kind(0) == OpKind::Memory {
        let v = it.mem_value()?;
        let s0 = it.st_read(0);
        (0, s0, v, false)
    } else if i.op_count() == 0 {
        // faddp etc. without operands: st(1) = st(1) op st(0), pop
        let s1 = it.st_read(1);
        let s0 = it.st_read(0);
        (1, s1, s0, true)
    } else {
        let d = it.sti(0);
        let s = it.sti(1);
        let a = it.st_read(d);
        let b = it.st_read(s);
        let pop = matches!(
            m,
            M::Faddp | M::Fsubp | M::Fsubrp | M::Fmulp | M::Fdivp | M::Fdivrp
        );
        (d, a, b, pop)
    };
    let rc = it.rc();
    let mut fl = 0u16;
    // DE: a denormal extended operand (pseudo-denormals included)
    if [a, b].iter().any(|v| v.exp() == 0 && v.mant != 0) {
        fl |= DE;
    }
    let v = match m {
        M::Fadd | M::Faddp | M::Fiadd => f80::add(a, b, false, rc, &mut fl),
        M::Fsub | M::Fsubp | M::Fisub => f80::add(a, b, true, rc, &mut fl),
        M::Fsubr | M::Fsubrp | M::Fisubr => f80::add(b, a, true, rc, &mut fl),
        M::Fmul | M::Fmulp | M::Fimul => f80::mul(a, b, rc, &mut fl),
        M::Fdiv | M::Fdivp | M::Fidiv => f80::div(a, b, rc, &mut fl),
        _ => f80::div(b, a, rc, &mut fl),
    };
    // C1 = rounded up (the ROUNDED_UP bit is C1's position in FSW)
    it.x().fsw &= !C1;
    if fl != 0 {
        it.raise(fl);
    }
    it.set_st(dst, v);
    if pop {
        it.pop();
    }
    Ok(())
}

fn funary(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let a = it.st_read(0);
    let v = match it.mnemonic() {
        M::Fchs => a.neg(),
        M::Fabs => a.abs(),
        M::Fsqrt => {
            let mut fl = 0u16;
            let r = f80::sqrt(a, it.rc(), &mut fl);
            it.x().fsw &= !C1;
            if fl != 0 {
                it.raise(fl);
            }
            r
        }
        M::Frndint => frndint(it, a),
        _ => {
            let x = a.to_f64();
            let r = match it.mnemonic() {
                M::Fsqrt => x.sqrt(),
                M::F2xm1 => x.exp2() - 1.0,
                M::Fsin => x.sin(),
                _ => x.cos(),
            };
            if a.is_nan() {
                a
            } else {
                result(it, r, false)
            }
        }
    };
    if matches!(it.mnemonic(), M::Fsin | M::Fcos) {
        it.x().fsw &= !C2;
    }
    it.set_st(0, v);
    Ok(())
}

/// OE/UE of an inexact FST to a narrower format (masked responses): overflow when a finite value
/// became infinite, underflow when the result is tiny (denormal or zero).
fn narrowing_exceptions(v: F80, became_inf: bool, tiny: bool) -> u16 {
    if became_inf && !v.is_inf() {
        OE
    } else if tiny && !v.is_zero() {
        UE
    } else {
        0
    }
}

/// FRNDINT, exact in 80 bits: PE when inexact, C1 = rounded up in magnitude.
fn frndint(it: &mut Interp<'_>, a: F80) -> F80 {
    it.x().fsw &= !C1;
    // NaN, infinity, zero and |a| >= 2^63 are integral already
    if a.exp() == 0x7fff || a.is_zero() || a.exp() >= 16383 + 63 {
        return a;
    }
    match a.to_int(64, it.rc()) {
        Some((v, inexact, up)) => {
            if inexact {
                it.raise(PE);
            }
            if up {
                it.x().fsw |= C1;
            }
            if v == 0 {
                F80 {
                    mant: 0,
                    se: a.se & 0x8000,
                }
            } else {
                F80::from_i64(v)
            }
        }
        None => a,
    }
}

fn fxch(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = if it.ins.op_count() == 0 {
        1
    } else {
        it.sti(1).max(it.sti(0))
    };
    let a = it.st_read(0);
    let b = it.st_read(i);
    it.set_st(0, b);
    it.set_st(i, a);
    it.x().fsw &= !C1;
    Ok(())
}

/// Compares a and b: (C3, C2, C0) = (eq, unordered, less).
fn compare(a: F80, b: F80) -> (bool, bool, bool) {
    let (x, y) = (a.to_f64(), b.to_f64());
    if a.is_nan() || b.is_nan() {
        return (true, true, true);
    }
    // exact comparison on the 80-bit values when the doubles tie
    if x == y && a != b && !(a.is_zero() && b.is_zero()) {
        let key = |v: F80| -> (bool, u16, u64) { (v.sign(), v.exp(), v.mant) };
        let (sa, ea, ma) = key(a);
        let (_, eb, mb) = key(b);
        let mag_less = (ea, ma) < (eb, mb);
        let less = if sa { !mag_less } else { mag_less };
        return (false, false, less);
    }
    (x == y, false, x < y)
}

fn fcom(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let m = i.mnemonic();
    let a = it.st_read(0);
    let b = if m == M::Ftst {
        F80::default()
    } else if i.op_count() >= 1 && i.op_kind(i.op_count() - 1) == OpKind::Memory {
        it.mem_value()?
    } else if i.op_count() == 0 {
        it.st_read(1)
    } else {
        let k = it.sti(i.op_count() - 1);
        it.st_read(k)
    };
    let unordered_ok = matches!(m, M::Fucom | M::Fucomp | M::Fucompp);
    let snan = |v: F80| v.is_nan() && v.mant & (1 << 62) == 0;
    if (a.is_nan() || b.is_nan()) && (!unordered_ok || snan(a) || snan(b)) {
        it.raise(IE);
    }
    let (eq, un, lt) = compare(a, b);
    let x = it.x();
    x.fsw &= !(C0 | C1 | C2 | C3);
    if eq {
        x.fsw |= C3;
    }
    if un {
        x.fsw |= C2;
    }
    if lt {
        x.fsw |= C0;
    }
    match m {
        M::Fcomp | M::Fucomp | M::Ficomp => it.pop(),
        M::Fcompp | M::Fucompp => {
            it.pop();
            it.pop();
        }
        _ => {}
    }
    Ok(())
}

fn fcomi(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let m = it.mnemonic();
    let k = it.sti(1);
    let a = it.st_read(0);
    let b = it.st_read(k);
    let snan = |v: F80| v.is_nan() && v.mant & (1 << 62) == 0;
    if (a.is_nan() || b.is_nan()) && (matches!(m, M::Fcomi | M::Fcomip) || snan(a) || snan(b)) {
        it.raise(IE);
    }
    let (eq, un, lt) = compare(a, b);
    it.set_flag(rflags::ZF, eq);
    it.set_flag(rflags::PF, un);
    it.set_flag(rflags::CF, lt);
    it.set_flag(rflags::OF, false);
    it.set_flag(rflags::SF, false);
    it.set_flag(rflags::AF, false);
    it.x().fsw &= !C1;
    if matches!(m, M::Fcomip | M::Fucomip) {
        it.pop();
    }
    Ok(())
}

fn fxam(it: &mut Interp<'_>) -> Result<(), Fault> {
    let (c3, c2, c0) = if it.empty(0) {
        (true, false, true)
    } else {
        it.st(0).fxam_class()
    };
    let sign = it.st(0).sign();
    let x = it.x();
    x.fsw &= !(C0 | C1 | C2 | C3);
    if c3 {
        x.fsw |= C3;
    }
    if c2 {
        x.fsw |= C2;
    }
    if c0 {
        x.fsw |= C0;
    }
    if sign {
        x.fsw |= C1;
    }
    Ok(())
}

fn fprem(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.st_read(0);
    let b = it.st_read(1);
    let (x, y) = (a.to_f64(), b.to_f64());
    let (r, q) = if it.mnemonic() == Mnemonic::Fprem {
        let r = x % y;
        (r, ((x - r) / y).abs())
    } else {
        let q = (x / y).round_ties_even();
        let r = x - q * y;
        (r, q.abs())
    };
    let qi = if q.is_finite() { (q as u64) & 7 } else { 0 };
    let v = if a.is_nan() || b.is_nan() {
        if a.is_nan() {
            a
        } else {
            b
        }
    } else {
        result(it, r, false)
    };
    it.set_st(0, v);
    let xs = it.x();
    xs.fsw &= !(C0 | C1 | C2 | C3);
    if qi & 4 != 0 {
        xs.fsw |= C0;
    }
    if qi & 2 != 0 {
        xs.fsw |= C3;
    }
    if qi & 1 != 0 {
        xs.fsw |= C1;
    }
    Ok(())
}

fn fscale(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.st_read(0);
    let b = it.st_read(1);
    let n = b.to_f64().trunc();
    let v = if a.is_nan() || a.is_zero() || a.is_inf() {
        a
    } else if n.abs() < 30000.0 {
        // exact on the 80-bit value: adjust the exponent
        let e = i32::from(a.exp()) + n as i32;
        if (1..0x7fff).contains(&e) {
            F80 {
                mant: a.mant,
                se: (a.se & 0x8000) | e as u16,
            }
        } else {
            result(it, a.to_f64() * 2f64.powi(n as i32), false)
        }
    } else {
        result(it, a.to_f64() * 2f64.powf(n), false)
    };
    it.set_st(0, v);
    Ok(())
}

fn fbinary_pop(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let x = it.st_read(0).to_f64();
    let y = it.st_read(1).to_f64();
    let r = match it.mnemonic() {
        M::Fyl2x => y * x.log2(),
        M::Fyl2xp1 => y * x.ln_1p() / std::f64::consts::LN_2,
        _ => y.atan2(x),
    };
    let v = result(it, r, x.is_nan() || y.is_nan());
    it.set_st(1, v);
    it.pop();
    Ok(())
}

fn fpush_two(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let a = it.st_read(0);
    let x = a.to_f64();
    match it.mnemonic() {
        M::Fptan => {
            let t = result(it, x.tan(), a.is_nan());
            it.set_st(0, t);
            it.push(F80 {
                mant: 1 << 63,
                se: 16383,
            });
            it.x().fsw &= !C2;
        }
        M::Fsincos => {
            let s = result(it, x.sin(), a.is_nan());
            let c = result(it, x.cos(), a.is_nan());
            it.set_st(0, s);
            it.push(c);
            it.x().fsw &= !C2;
        }
        _ => {
            // FXTRACT: ST(0) = significand, push exponent... (exponent below)
            let e = F80::from_i64(i64::from(a.exp()) - 16383);
            let sig = F80 {
                mant: a.mant,
                se: (a.se & 0x8000) | 16383,
            };
            it.set_st(0, e);
            it.push(sig);
        }
    }
    Ok(())
}

fn fcmov(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let f = |b: u64| it.flag(b);
    let c = match it.mnemonic() {
        M::Fcmovb => f(rflags::CF),
        M::Fcmove => f(rflags::ZF),
        M::Fcmovbe => f(rflags::CF) || f(rflags::ZF),
        M::Fcmovu => f(rflags::PF),
        M::Fcmovnb => !f(rflags::CF),
        M::Fcmovne => !f(rflags::ZF),
        M::Fcmovnbe => !f(rflags::CF) && !f(rflags::ZF),
        _ => !f(rflags::PF),
    };
    let k = it.sti(1);
    let v = it.st_read(k);
    if c {
        it.set_st(0, v);
    }
    Ok(())
}

fn ffree(it: &mut Interp<'_>) -> Result<(), Fault> {
    let k = it.sti(0);
    let p = it.phys(k);
    it.x().ftw |= 3 << (2 * p);
    if it.mnemonic() == Mnemonic::Ffreep {
        it.pop();
    }
    Ok(())
}

fn fincdec(it: &mut Interp<'_>) -> Result<(), Fault> {
    let t = it.top();
    let n = if it.mnemonic() == Mnemonic::Fincstp {
        t + 1
    } else {
        t + 7
    };
    it.set_top(n & 7);
    it.x().fsw &= !C1;
    Ok(())
}
