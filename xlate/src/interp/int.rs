//! Interpreted integer instructions: string operations, rotates through carry, double shifts,
//! wide divides, flag transfers, CPUID, RDTSC and other rare forms.

use super::{mask, Exec, Fault, Interp};
use crate::guestmem as mem;
use crate::state::{gpr as G, rflags};
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

pub fn lookup(i: &Instruction) -> Option<Exec> {
    use Mnemonic as M;
    Some(match i.mnemonic() {
        M::Movsb | M::Movsw | M::Movsq => string_op,
        M::Movsd | M::Cmpsd if i.is_string_instruction() => string_op,
        M::Stosb
        | M::Stosw
        | M::Stosd
        | M::Stosq
        | M::Lodsb
        | M::Lodsw
        | M::Lodsd
        | M::Lodsq
        | M::Cmpsb
        | M::Cmpsw
        | M::Cmpsq
        | M::Scasb
        | M::Scasw
        | M::Scasd
        | M::Scasq => string_op,
        M::Rcl | M::Rcr => rcl_rcr,
        M::Rol | M::Ror => rol_ror,
        M::Shld | M::Shrd => shld_shrd,
        M::Div | M::Idiv => div,
        M::Lahf => lahf,
        M::Sahf => sahf,
        M::Pushfq | M::Pushf => pushf,
        M::Popfq | M::Popf => popf,
        M::Cpuid => cpuid,
        M::Rdtsc | M::Rdtscp => rdtsc,
        M::Bt | M::Bts | M::Btr | M::Btc => bt,
        M::Cmpxchg => cmpxchg,
        M::Xadd => xadd,
        M::Leave => leave,
        M::Enter => enter,
        M::Xlatb => xlat,
        M::Push | M::Pop => push_pop_16,
        M::Movbe => movbe,
        M::Cmpxchg8b => cmpxchg8b,
        M::Maskmovdqu => maskmovdqu,
        _ => return None,
    })
}

fn step(size: u32, df: bool) -> u64 {
    if df {
        (size as u64).wrapping_neg()
    } else {
        u64::from(size)
    }
}

/// Flags of `a - b` at `size` bytes.
pub fn sub_flags(it: &mut Interp<'_>, a: u64, b: u64, size: u32) {
    let m = mask(size);
    let (a, b) = (a & m, b & m);
    let r = a.wrapping_sub(b) & m;
    let sign = 1u64 << (size * 8 - 1);
    it.set_flag(rflags::CF, a < b);
    it.set_flag(rflags::OF, ((a ^ b) & (a ^ r) & sign) != 0);
    it.set_flag(rflags::AF, ((a ^ b ^ r) & 0x10) != 0);
    it.set_szp(r, size);
}

/// Bytes from `addr` to the end of its 4 KiB page.
fn to_page_end(addr: u64) -> u64 {
    4096 - (addr & 4095)
}

fn string_op(it: &mut Interp<'_>) -> Result<(), Fault> {
    use Mnemonic as M;
    let i = it.ins;
    let m = i.mnemonic();
    let size: u32 = match m {
        M::Movsb | M::Stosb | M::Lodsb | M::Cmpsb | M::Scasb => 1,
        M::Movsw | M::Stosw | M::Lodsw | M::Cmpsw | M::Scasw => 2,
        M::Movsd | M::Stosd | M::Lodsd | M::Cmpsd | M::Scasd => 4,
        _ => 8,
    };
    if i.memory_size().size() != 0 && i.memory_size().size() as u32 != size {
        return Err(Fault::Unsupported);
    }
    let df = it.flag(rflags::DF);
    let d = step(size, df);
    let rep = i.has_rep_prefix() || i.has_repne_prefix();
    let repe = i.has_rep_prefix();
    let a32 = matches!(i.op_kind(0), OpKind::MemoryESEDI | OpKind::MemorySegESI)
        || (i.op_count() > 1 && matches!(i.op_kind(1), OpKind::MemoryESEDI | OpKind::MemorySegESI));
    if a32 {
        return Err(Fault::Unsupported);
    }
    // segment override on the source (e.g. fs:) only matters for rsi
    let seg_base = match i.memory_segment() {
        Register::FS => it.ctx.guest.fs_base,
        Register::GS => it.ctx.guest.gs_base,
        _ => 0,
    };
    let is_cmp = matches!(
        m,
        M::Cmpsb | M::Cmpsw | M::Cmpsd | M::Cmpsq | M::Scasb | M::Scasw | M::Scasd | M::Scasq
    );
    loop {
        if rep && it.reg(G::RCX) == 0 {
            break;
        }
        let (rsi, rdi) = (it.reg(G::RSI), it.reg(G::RDI));
        match m {
            M::Movsb | M::Movsw | M::Movsd | M::Movsq => {
                // fast path for long forward byte/qword copies
                if rep && !df {
                    let n = it.reg(G::RCX);
                    let bytes = n * u64::from(size);
                    let src = rsi.wrapping_add(seg_base);
                    if src >= rdi.wrapping_add(bytes) || rdi >= src.wrapping_add(bytes) {
                        // chunks never cross a page of either side, and the registers follow
                        // each chunk: a fault (SIGSEGV to the guest) leaves RSI/RDI/RCX at the
                        // first element not copied, as the CPU does
                        let mut k = 0u64;
                        let mut buf = Vec::new();
                        while k < bytes {
                            let sz = u64::from(size);
                            let room = (bytes - k)
                                .min(to_page_end(src + k))
                                .min(to_page_end(rdi + k));
                            // whole elements (one that straddles a page goes alone)
                            let chunk = if room >= sz { room - room % sz } else { sz };
                            buf.clear();
                            buf.extend((0..chunk).map(|j| mem::read::<1>(src + k + j)[0]));
                            mem::write(rdi + k, &buf);
                            k += chunk;
                            it.set_reg(G::RSI, rsi.wrapping_add(k));
                            it.set_reg(G::RDI, rdi.wrapping_add(k));
                            it.set_reg(G::RCX, n - k / u64::from(size));
                        }
                        break;
                    }
                }
                let v = mem::read_uint(rsi.wrapping_add(seg_base), size);
                mem::write_uint(rdi, size, v);
                it.set_reg(G::RSI, rsi.wrapping_add(d));
                it.set_reg(G::RDI, rdi.wrapping_add(d));
            }
            M::Stosb | M::Stosw | M::Stosd | M::Stosq => {
                let v = it.reg(G::RAX) & mask(size);
                if rep && !df {
                    let n = it.reg(G::RCX);
                    let b = v.to_le_bytes();
                    let mut buf = Vec::with_capacity((n * u64::from(size)).min(1 << 20) as usize);
                    let mut addr = rdi;
                    let mut left = n;
                    while left > 0 {
                        // a chunk stays within one page, registers follow (see movs)
                        let chunk = left.min(to_page_end(addr) / u64::from(size)).max(1);
                        buf.clear();
                        for _ in 0..chunk {
                            buf.extend_from_slice(&b[..size as usize]);
                        }
                        mem::write(addr, &buf);
                        addr += chunk * u64::from(size);
                        left -= chunk;
                        it.set_reg(G::RDI, addr);
                        it.set_reg(G::RCX, left);
                    }
                    break;
                }
                mem::write_uint(rdi, size, v);
                it.set_reg(G::RDI, rdi.wrapping_add(d));
            }
            M::Lodsb | M::Lodsw | M::Lodsd | M::Lodsq => {
                let v = mem::read_uint(rsi.wrapping_add(seg_base), size);
                let r = match size {
                    1 => Register::AL,
                    2 => Register::AX,
                    4 => Register::EAX,
                    _ => Register::RAX,
                };
                it.write_gpr(r, v)?;
                it.set_reg(G::RSI, rsi.wrapping_add(d));
            }
            M::Cmpsb | M::Cmpsw | M::Cmpsd | M::Cmpsq => {
                let a = mem::read_uint(rsi.wrapping_add(seg_base), size);
                let b = mem::read_uint(rdi, size);
                sub_flags(it, a, b, size);
                it.set_reg(G::RSI, rsi.wrapping_add(d));
                it.set_reg(G::RDI, rdi.wrapping_add(d));
            }
            _ => {
                let a = it.reg(G::RAX) & mask(size);
                let b = mem::read_uint(rdi, size);
                sub_flags(it, a, b, size);
                it.set_reg(G::RDI, rdi.wrapping_add(d));
            }
        }
        if !rep {
            break;
        }
        let c = it.reg(G::RCX).wrapping_sub(1);
        it.set_reg(G::RCX, c);
        if is_cmp {
            let zf = it.flag(rflags::ZF);
            if (repe && !zf) || (!repe && zf) {
                break;
            }
        }
    }
    Ok(())
}

/// A zero shift count leaves everything unchanged except that a 32-bit register destination is
/// still written (zero-extended).
fn zero_count(it: &mut Interp<'_>) -> Result<(), Fault> {
    if it.ins.op_kind(0) == OpKind::Register && it.op_size(0) == 4 {
        let v = it.read_op(0, 4)?;
        it.write_op(0, 4, v)?;
    }
    Ok(())
}

fn count(it: &Interp<'_>) -> Result<u32, Fault> {
    let i = it.ins;
    let c = if i.op_kind(1) == OpKind::Register {
        it.read_gpr(Register::CL)? as u32
    } else {
        u32::from(i.immediate8())
    };
    Ok(c)
}

fn rcl_rcr(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let bits = size * 8;
    let cmask = if size == 8 { 63 } else { 31 };
    let c = count(it)? & cmask;
    let c = match size {
        1 => c % 9,
        2 => c % 17,
        _ => c,
    };
    if c == 0 {
        return zero_count(it);
    }
    let mut v = it.read_op(0, size)?;
    let mut cf = it.flag(rflags::CF);
    let msb = 1u64 << (bits - 1);
    for _ in 0..c {
        if it.mnemonic() == Mnemonic::Rcl {
            let out = v & msb != 0;
            v = ((v << 1) | u64::from(cf)) & mask(size);
            cf = out;
        } else {
            let out = v & 1 != 0;
            v = (v >> 1) | if cf { msb } else { 0 };
            cf = out;
        }
    }
    it.write_op(0, size, v)?;
    it.set_flag(rflags::CF, cf);
    let of = if it.mnemonic() == Mnemonic::Rcl {
        ((v & msb) != 0) ^ cf
    } else {
        ((v >> (bits - 1)) ^ (v >> (bits - 2))) & 1 != 0
    };
    it.set_flag(rflags::OF, of);
    Ok(())
}

fn rol_ror(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let bits = size * 8;
    let cmask = if size == 8 { 63 } else { 31 };
    let c = count(it)? & cmask;
    if c == 0 {
        return zero_count(it);
    }
    let v = it.read_op(0, size)?;
    let r = c % bits;
    let m = mask(size);
    let res = if it.mnemonic() == Mnemonic::Rol {
        ((v << r) | if r == 0 { 0 } else { v >> (bits - r) }) & m
    } else {
        ((v >> r) | if r == 0 { 0 } else { v << (bits - r) }) & m
    };
    it.write_op(0, size, res)?;
    let msb = (res >> (bits - 1)) & 1 != 0;
    if it.mnemonic() == Mnemonic::Rol {
        let cf = res & 1 != 0;
        it.set_flag(rflags::CF, cf);
        it.set_flag(rflags::OF, msb ^ cf);
    } else {
        it.set_flag(rflags::CF, msb);
        it.set_flag(rflags::OF, msb ^ ((res >> (bits - 2)) & 1 != 0));
    }
    Ok(())
}

fn shld_shrd(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let size = it.op_size(0);
    let bits = size * 8;
    let cmask = if size == 8 { 63 } else { 31 };
    let c = if i.op_kind(2) == OpKind::Register {
        it.read_gpr(Register::CL)? as u32
    } else {
        u32::from(i.immediate8())
    } & cmask;
    if c == 0 {
        return zero_count(it);
    }
    let d = it.read_op(0, size)?;
    let s = it.read_op(1, size)?;
    let (res, cf) = if bits == 16 && c > 16 {
        // undefined result; compute like hardware's 32-bit concatenation wrap
        let wide = (d << 16) | s;
        let r = if i.mnemonic() == Mnemonic::Shld {
            (wide << (c - 16)) >> 16
        } else {
            wide >> (c - 16)
        };
        (r & 0xffff, false)
    } else if i.mnemonic() == Mnemonic::Shld {
        let wide = ((d as u128) << bits) | s as u128;
        let r = (wide << c) >> bits;
        let cf = (d >> (bits - c)) & 1 != 0;
        (r as u64 & mask(size), cf)
    } else {
        let wide = ((s as u128) << bits) | d as u128;
        let r = wide >> c;
        let cf = (d >> (c - 1)) & 1 != 0;
        (r as u64 & mask(size), cf)
    };
    it.write_op(0, size, res)?;
    it.set_flag(rflags::CF, cf);
    it.set_szp(res, size);
    let of = ((res ^ d) >> (bits - 1)) & 1 != 0;
    it.set_flag(rflags::OF, of);
    Ok(())
}

fn div(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let signed = it.mnemonic() == Mnemonic::Idiv;
    let src = it.read_op(0, size)?;
    if src & mask(size) == 0 {
        return Err(Fault::DivideError);
    }
    let bits = size * 8;
    let (lo, hi) = match size {
        1 => (it.reg(G::RAX) & 0xffff, 0u64),
        _ => (it.reg(G::RAX) & mask(size), it.reg(G::RDX) & mask(size)),
    };
    let dividend: u128 = if size == 1 {
        u128::from(lo)
    } else {
        (u128::from(hi) << bits) | u128::from(lo)
    };
    let (q, r) = if signed {
        let dbits = if size == 1 { 16 } else { 2 * bits };
        let sd = ((dividend << (128 - dbits)) as i128) >> (128 - dbits);
        let ss = ((u128::from(src) << (128 - bits)) as i128) >> (128 - bits);
        let q = sd.checked_div(ss).ok_or(Fault::DivideError)?;
        let r = sd - q * ss;
        let lim = 1i128 << (bits - 1);
        if q < -lim || q >= lim {
            return Err(Fault::DivideError);
        }
        (q as u128 as u64 & mask(size), r as u128 as u64 & mask(size))
    } else {
        let q = dividend / u128::from(src);
        let r = dividend % u128::from(src);
        if q >> bits != 0 {
            return Err(Fault::DivideError);
        }
        (q as u64, r as u64)
    };
    match size {
        1 => {
            let ax = (r << 8) | q;
            it.write_gpr(Register::AX, ax)?;
        }
        2 => {
            it.write_gpr(Register::AX, q)?;
            it.write_gpr(Register::DX, r)?;
        }
        4 => {
            it.write_gpr(Register::EAX, q)?;
            it.write_gpr(Register::EDX, r)?;
        }
        _ => {
            it.set_reg(G::RAX, q);
            it.set_reg(G::RDX, r);
        }
    }
    Ok(())
}

fn lahf(it: &mut Interp<'_>) -> Result<(), Fault> {
    let f = (it.flags() & 0xd5) | 2;
    it.write_gpr(Register::AH, f)
}

fn sahf(it: &mut Interp<'_>) -> Result<(), Fault> {
    let ah = it.read_gpr(Register::AH)?;
    let f = (it.flags() & !0xd5) | (ah & 0xd5) | 2;
    it.ctx.guest.rflags = f;
    Ok(())
}

fn pushf(it: &mut Interp<'_>) -> Result<(), Fault> {
    let f = it.flags() & 0x00fc_0fd5 | 2;
    let size: u32 = if it.mnemonic() == Mnemonic::Pushf {
        2
    } else {
        8
    };
    let sp = it.reg(G::RSP).wrapping_sub(u64::from(size));
    mem::write_uint(sp, size, f);
    it.set_reg(G::RSP, sp);
    Ok(())
}

fn popf(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size: u32 = if it.mnemonic() == Mnemonic::Popf {
        2
    } else {
        8
    };
    let sp = it.reg(G::RSP);
    let v = mem::read_uint(sp, size);
    it.set_reg(G::RSP, sp.wrapping_add(u64::from(size)));
    let keep = it.flags() & !rflags::USER_WRITABLE & mask(size);
    let new = (v & rflags::USER_WRITABLE & mask(size))
        | keep
        | rflags::FIXED
        | (it.flags() & !mask(size));
    it.ctx.guest.rflags = new;
    Ok(())
}

fn cpuid(it: &mut Interp<'_>) -> Result<(), Fault> {
    let r = crate::cpuid::cpuid(it.reg(G::RAX) as u32, it.reg(G::RCX) as u32);
    it.set_reg(G::RAX, u64::from(r.eax));
    it.set_reg(G::RBX, u64::from(r.ebx));
    it.set_reg(G::RCX, u64::from(r.ecx));
    it.set_reg(G::RDX, u64::from(r.edx));
    Ok(())
}

/// Time-stamp counter: the host's virtual counter scaled to a nominal 1 GHz... (1 tick = 1 ns).
pub fn tsc_now() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe {
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
    }
    (ts.tv_sec as u64)
        .wrapping_mul(1_000_000_000)
        .wrapping_add(ts.tv_nsec as u64)
}

fn rdtsc(it: &mut Interp<'_>) -> Result<(), Fault> {
    let t = tsc_now();
    it.set_reg(G::RAX, t & 0xffff_ffff);
    it.set_reg(G::RDX, t >> 32);
    if it.mnemonic() == Mnemonic::Rdtscp {
        it.set_reg(G::RCX, 0);
    }
    Ok(())
}

fn bt(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let size = it.op_size(0);
    let bits = size * 8;
    let (addr_bits, bit): (Option<u64>, u64) = if i.op_kind(1) == OpKind::Register {
        let off = it.read_op(1, size)?;
        if i.op_kind(0) == OpKind::Memory {
            // signed bit offset relative to the operand address
            let soff = ((off << (64 - bits)) as i64) >> (64 - bits);
            let byte = soff.div_euclid(i64::from(bits)) * i64::from(size);
            let addr = it.ea().wrapping_add(byte as u64);
            (Some(addr), soff.rem_euclid(i64::from(bits)) as u64)
        } else {
            (None, off % u64::from(bits))
        }
    } else {
        let b = u64::from(i.immediate8()) % u64::from(bits);
        (
            if i.op_kind(0) == OpKind::Memory {
                Some(it.ea())
            } else {
                None
            },
            b,
        )
    };
    let v = match addr_bits {
        Some(a) => mem::read_uint(a, size),
        None => it.read_op(0, size)?,
    };
    it.set_flag(rflags::CF, (v >> bit) & 1 != 0);
    let nv = match it.mnemonic() {
        Mnemonic::Bts => v | (1 << bit),
        Mnemonic::Btr => v & !(1 << bit),
        Mnemonic::Btc => v ^ (1 << bit),
        _ => return Ok(()),
    };
    match addr_bits {
        Some(a) => mem::write_uint(a, size, nv),
        None => it.write_op(0, size, nv)?,
    }
    Ok(())
}

fn cmpxchg(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let acc = match size {
        1 => Register::AL,
        2 => Register::AX,
        4 => Register::EAX,
        _ => Register::RAX,
    };
    let a = it.read_gpr(acc)?;
    let d = it.read_op(0, size)?;
    sub_flags(it, a, d, size);
    if a == d {
        let s = it.read_op(1, size)?;
        it.write_op(0, size, s)?;
    } else {
        it.write_gpr(acc, d)?;
    }
    Ok(())
}

fn xadd(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    let d = it.read_op(0, size)?;
    let s = it.read_op(1, size)?;
    let r = d.wrapping_add(s) & mask(size);
    let sign = 1u64 << (size * 8 - 1);
    it.set_flag(rflags::CF, r < d);
    it.set_flag(rflags::OF, ((d ^ r) & (s ^ r) & sign) != 0);
    it.set_flag(rflags::AF, ((d ^ s ^ r) & 0x10) != 0);
    it.set_szp(r, size);
    it.write_op(1, size, d)?;
    it.write_op(0, size, r)
}

fn leave(it: &mut Interp<'_>) -> Result<(), Fault> {
    let bp = it.reg(G::RBP);
    let v = mem::read_uint(bp, 8);
    it.set_reg(G::RBP, v);
    it.set_reg(G::RSP, bp.wrapping_add(8));
    Ok(())
}

fn enter(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let alloc = u64::from(i.immediate16());
    let level = u64::from(i.immediate8_2nd()) & 31;
    let mut sp = it.reg(G::RSP).wrapping_sub(8);
    mem::write_uint(sp, 8, it.reg(G::RBP));
    let frame = sp;
    if level > 0 {
        let mut bp = it.reg(G::RBP);
        for _ in 1..level {
            bp = bp.wrapping_sub(8);
            sp = sp.wrapping_sub(8);
            let v = mem::read_uint(bp, 8);
            mem::write_uint(sp, 8, v);
        }
        sp = sp.wrapping_sub(8);
        mem::write_uint(sp, 8, frame);
    }
    it.set_reg(G::RBP, frame);
    it.set_reg(G::RSP, sp.wrapping_sub(alloc));
    Ok(())
}

fn xlat(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.reg(G::RBX).wrapping_add(it.reg(G::RAX) & 0xff);
    let v = mem::read_uint(a, 1);
    it.write_gpr(Register::AL, v)
}

fn push_pop_16(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0);
    if size != 2 {
        return Err(Fault::Unsupported);
    }
    if it.mnemonic() == Mnemonic::Push {
        let v = it.read_op(0, 2)?;
        let sp = it.reg(G::RSP).wrapping_sub(2);
        mem::write_uint(sp, 2, v);
        it.set_reg(G::RSP, sp);
    } else {
        let sp = it.reg(G::RSP);
        let v = mem::read_uint(sp, 2);
        it.set_reg(G::RSP, sp.wrapping_add(2));
        it.write_op(0, 2, v)?;
    }
    Ok(())
}

fn movbe(it: &mut Interp<'_>) -> Result<(), Fault> {
    let size = it.op_size(0).max(it.op_size(1));
    let v = it.read_op(1, size)?;
    let r = match size {
        2 => u64::from((v as u16).swap_bytes()),
        4 => u64::from((v as u32).swap_bytes()),
        _ => v.swap_bytes(),
    };
    it.write_op(0, size, r)
}

/// CMPXCHG8B: EDX:EAX vs m64; ZF reports success. (Not atomic against other host threads: the
/// 64-bit forms are used by 32-bit code and essentially never in x86_64 programs.)
fn cmpxchg8b(it: &mut Interp<'_>) -> Result<(), Fault> {
    let a = it.ea();
    let cur = mem::read_uint(a, 8);
    let exp = (it.reg(G::RDX) << 32) | (it.reg(G::RAX) & 0xffff_ffff);
    if cur == exp {
        let new = (it.reg(G::RCX) << 32) | (it.reg(G::RBX) & 0xffff_ffff);
        mem::write_uint(a, 8, new);
        it.set_flag(rflags::ZF, true);
    } else {
        it.set_reg(G::RAX, cur & 0xffff_ffff);
        it.set_reg(G::RDX, cur >> 32);
        it.set_flag(rflags::ZF, false);
    }
    Ok(())
}

/// MASKMOVDQU: stores the bytes of xmm1 whose mask byte in xmm2 has the top bit set, to [RDI].
fn maskmovdqu(it: &mut Interp<'_>) -> Result<(), Fault> {
    let i = it.ins;
    let x = |r: Register| {
        (r as usize)
            .checked_sub(Register::XMM0 as usize)
            .filter(|v| *v < 16)
            .ok_or(Fault::Unsupported)
    };
    let (s, m) = (x(i.op_register(1))?, x(i.op_register(2))?);
    let data = it.ctx.guest.xmm[s].0;
    let mask = it.ctx.guest.xmm[m].0;
    let base = it.reg(G::RDI);
    for k in 0..16 {
        if mask[k] & 0x80 != 0 {
            mem::write(base + k as u64, &data[k..k + 1]);
        }
    }
    Ok(())
}
