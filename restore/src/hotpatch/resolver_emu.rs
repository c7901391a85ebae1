//! Runs an IFUNC resolver symbolically: a small interpreter for the integer instructions glibc's
//! x86_64 resolvers consist of (loads of `cpu_features` words, bit tests, branches, conditional
//! moves, rip-relative LEA of the variants, calls of small helpers), reading guest memory with the
//! planned `cpu_features` writes laid over it. Nothing of the guest is executed and nothing is
//! written to it, so the choice is glibc's own and is available for `--dry-run`.

use std::collections::HashMap;

use iced_x86::{ConditionCode, Instruction, Mnemonic, OpKind, Register};
use thiserror::Error;

use super::decode::CodeView;
use super::guest::{GuestAddr, GuestMemory};

/// The resolver could not be interpreted.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EmulateResolverError {
    #[error("instruction `{mnemonic}` at {addr:#x} is outside the interpreted subset")]
    Unsupported { addr: u64, mnemonic: String },
    #[error("no code at {addr:#x}")]
    NoCode { addr: u64 },
    #[error("reading {len} bytes at {addr:#x}: {detail}")]
    Memory {
        addr: u64,
        len: usize,
        detail: String,
    },
    #[error("more than {MAX_STEPS} steps")]
    TooLong,
}

const MAX_STEPS: usize = 4096;
const STACK_TOP: u64 = 0x7fff_fff0_0000;
const RETURN_MARK: u64 = 0xdead_0000_0000_0000;

/// Bytes laid over guest memory during interpretation: (address, bytes).
pub type Overlay = [(u64, Vec<u8>)];

struct Emu<'a> {
    mem: &'a dyn GuestMemory,
    overlay: &'a Overlay,
    writes: HashMap<u64, u8>,
    regs: [u64; 16],
    cf: bool,
    zf: bool,
    sf: bool,
    of: bool,
}

fn mask(size: usize) -> u64 {
    if size >= 8 {
        u64::MAX
    } else {
        (1u64 << (size * 8)) - 1
    }
}

fn sign_bit(v: u64, size: usize) -> bool {
    v >> (size * 8 - 1) & 1 == 1
}

fn sext(v: u64, size: usize) -> u64 {
    if size >= 8 {
        v
    } else {
        let sh = 64 - size * 8;
        (((v << sh) as i64) >> sh) as u64
    }
}

impl Emu<'_> {
    fn read_mem(&self, addr: u64, size: usize) -> Result<u64, EmulateResolverError> {
        let mut buf = [0u8; 8];
        let b = &mut buf[..size];
        self.mem
            .read(GuestAddr(addr), b)
            .or_else(|e| {
                if (STACK_TOP - 0x10_0000..STACK_TOP + 0x1000).contains(&addr) {
                    Ok(())
                } else {
                    Err(e)
                }
            })
            .map_err(|e| EmulateResolverError::Memory {
                addr,
                len: size,
                detail: e.to_string(),
            })?;
        for (i, byte) in b.iter_mut().enumerate() {
            let a = addr.wrapping_add(i as u64);
            for (start, bytes) in self.overlay {
                if a >= *start && a < start + bytes.len() as u64 {
                    *byte = bytes[(a - start) as usize];
                }
            }
            if let Some(w) = self.writes.get(&a) {
                *byte = *w;
            }
        }
        Ok(u64::from_le_bytes(buf))
    }

    fn write_mem(&mut self, addr: u64, size: usize, v: u64) {
        for (i, byte) in v.to_le_bytes()[..size].iter().enumerate() {
            self.writes.insert(addr.wrapping_add(i as u64), *byte);
        }
    }

    fn reg_index(r: Register) -> Option<(usize, bool)> {
        let high = matches!(r, Register::AH | Register::CH | Register::DH | Register::BH);
        let full = r.full_register();
        let idx = (full as usize).checked_sub(Register::RAX as usize)?;
        (idx < 16).then_some((idx, high))
    }

    fn get_reg(&self, r: Register, addr: u64) -> Result<u64, EmulateResolverError> {
        let (i, high) =
            Self::reg_index(r).ok_or_else(|| unsupported(addr, format!("register {r:?}")))?;
        let v = self.regs[i];
        Ok(if high {
            (v >> 8) & 0xff
        } else {
            v & mask(r.size())
        })
    }

    fn set_reg(&mut self, r: Register, v: u64, addr: u64) -> Result<(), EmulateResolverError> {
        let (i, high) =
            Self::reg_index(r).ok_or_else(|| unsupported(addr, format!("register {r:?}")))?;
        let old = self.regs[i];
        self.regs[i] = match (high, r.size()) {
            (true, _) => (old & !0xff00) | ((v & 0xff) << 8),
            (false, 1) => (old & !0xff) | (v & 0xff),
            (false, 2) => (old & !0xffff) | (v & 0xffff),
            (false, 4) => v & 0xffff_ffff,
            _ => v,
        };
        Ok(())
    }

    fn ea(&self, ins: &Instruction) -> Result<u64, EmulateResolverError> {
        if ins.is_ip_rel_memory_operand() {
            return Ok(ins.ip_rel_memory_address());
        }
        let mut a = ins.memory_displacement64();
        if ins.memory_base() != Register::None {
            a = a.wrapping_add(self.get_reg(ins.memory_base(), ins.ip())?);
        }
        if ins.memory_index() != Register::None {
            a = a.wrapping_add(
                self.get_reg(ins.memory_index(), ins.ip())?
                    .wrapping_mul(u64::from(ins.memory_index_scale())),
            );
        }
        Ok(a)
    }

    fn op_size(ins: &Instruction, i: u32) -> usize {
        match ins.op_kind(i) {
            OpKind::Register => ins.op_register(i).size(),
            OpKind::Memory => ins.memory_size().size(),
            _ if i == 0 => 8,
            _ => Self::op_size(ins, 0),
        }
    }

    fn read_op(&self, ins: &Instruction, i: u32) -> Result<u64, EmulateResolverError> {
        match ins.op_kind(i) {
            OpKind::Register => self.get_reg(ins.op_register(i), ins.ip()),
            OpKind::Memory => self.read_mem(self.ea(ins)?, ins.memory_size().size()),
            OpKind::Immediate8
            | OpKind::Immediate16
            | OpKind::Immediate32
            | OpKind::Immediate64
            | OpKind::Immediate8to16
            | OpKind::Immediate8to32
            | OpKind::Immediate8to64
            | OpKind::Immediate32to64 => Ok(ins.immediate(i)),
            k => Err(unsupported(
                ins.ip(),
                format!("{:?} operand {k:?}", ins.mnemonic()),
            )),
        }
    }

    fn write_op(&mut self, ins: &Instruction, i: u32, v: u64) -> Result<(), EmulateResolverError> {
        match ins.op_kind(i) {
            OpKind::Register => self.set_reg(ins.op_register(i), v, ins.ip()),
            OpKind::Memory => {
                let a = self.ea(ins)?;
                self.write_mem(a, ins.memory_size().size(), v);
                Ok(())
            }
            k => Err(unsupported(
                ins.ip(),
                format!("{:?} destination {k:?}", ins.mnemonic()),
            )),
        }
    }

    fn logic_flags(&mut self, r: u64, size: usize) {
        self.cf = false;
        self.of = false;
        self.zf = r & mask(size) == 0;
        self.sf = sign_bit(r, size);
    }

    fn cond(&self, cc: ConditionCode, addr: u64) -> Result<bool, EmulateResolverError> {
        Ok(match cc {
            ConditionCode::o => self.of,
            ConditionCode::no => !self.of,
            ConditionCode::b => self.cf,
            ConditionCode::ae => !self.cf,
            ConditionCode::e => self.zf,
            ConditionCode::ne => !self.zf,
            ConditionCode::be => self.cf || self.zf,
            ConditionCode::a => !self.cf && !self.zf,
            ConditionCode::s => self.sf,
            ConditionCode::ns => !self.sf,
            ConditionCode::l => self.sf != self.of,
            ConditionCode::ge => self.sf == self.of,
            ConditionCode::le => self.zf || self.sf != self.of,
            ConditionCode::g => !self.zf && self.sf == self.of,
            other => return Err(unsupported(addr, format!("condition {other:?} (parity)"))),
        })
    }

    fn push(&mut self, v: u64) {
        self.regs[4] = self.regs[4].wrapping_sub(8);
        self.write_mem(self.regs[4], 8, v);
    }

    fn pop(&mut self) -> Result<u64, EmulateResolverError> {
        let v = self.read_mem(self.regs[4], 8)?;
        self.regs[4] = self.regs[4].wrapping_add(8);
        Ok(v)
    }
}

fn is_cmovcc(m: Mnemonic) -> bool {
    use Mnemonic::*;
    matches!(
        m,
        Cmovo
            | Cmovno
            | Cmovb
            | Cmovae
            | Cmove
            | Cmovne
            | Cmovbe
            | Cmova
            | Cmovs
            | Cmovns
            | Cmovl
            | Cmovge
            | Cmovle
            | Cmovg
    )
}

fn is_setcc(m: Mnemonic) -> bool {
    use Mnemonic::*;
    matches!(
        m,
        Seto | Setno
            | Setb
            | Setae
            | Sete
            | Setne
            | Setbe
            | Seta
            | Sets
            | Setns
            | Setl
            | Setge
            | Setle
            | Setg
    )
}

fn unsupported(addr: u64, mnemonic: String) -> EmulateResolverError {
    EmulateResolverError::Unsupported { addr, mnemonic }
}

/// Interprets the resolver at `entry` (called with no arguments, as x86_64 glibc calls IFUNC
/// resolvers) and returns what it returns in rax.
pub fn run_resolver(
    view: &CodeView<'_>,
    mem: &dyn GuestMemory,
    overlay: &Overlay,
    entry: u64,
) -> Result<u64, EmulateResolverError> {
    let mut emu = Emu {
        mem,
        overlay,
        writes: HashMap::new(),
        regs: [0; 16],
        cf: false,
        zf: false,
        sf: false,
        of: false,
    };
    emu.regs[4] = STACK_TOP;
    emu.push(RETURN_MARK);
    let mut ip = entry;
    for _ in 0..MAX_STEPS {
        let ins = view
            .decode_at(ip)
            .map_err(|e| EmulateResolverError::Memory {
                addr: ip,
                len: 15,
                detail: e.to_string(),
            })?
            .ok_or(EmulateResolverError::NoCode { addr: ip })?;
        let mut next = ins.next_ip();
        let size = Emu::op_size(&ins, 0);
        match ins.mnemonic() {
            Mnemonic::Nop | Mnemonic::Endbr64 | Mnemonic::Prefetchnta | Mnemonic::Prefetcht0 => {}
            Mnemonic::Mov => {
                let v = emu.read_op(&ins, 1)?;
                emu.write_op(&ins, 0, v)?;
            }
            Mnemonic::Movzx => {
                let v = emu.read_op(&ins, 1)?;
                emu.write_op(&ins, 0, v)?;
            }
            Mnemonic::Movsx | Mnemonic::Movsxd => {
                let v = sext(emu.read_op(&ins, 1)?, Emu::op_size(&ins, 1));
                emu.write_op(&ins, 0, v & mask(size))?;
            }
            Mnemonic::Lea => {
                let a = emu.ea(&ins)?;
                emu.write_op(&ins, 0, a & mask(size))?;
            }
            Mnemonic::And | Mnemonic::Or | Mnemonic::Xor | Mnemonic::Test => {
                let a = emu.read_op(&ins, 0)?;
                let b = emu.read_op(&ins, 1)? & mask(size);
                let r = match ins.mnemonic() {
                    Mnemonic::Or => a | b,
                    Mnemonic::Xor => a ^ b,
                    _ => a & b,
                } & mask(size);
                emu.logic_flags(r, size);
                if ins.mnemonic() != Mnemonic::Test {
                    emu.write_op(&ins, 0, r)?;
                }
            }
            Mnemonic::Add | Mnemonic::Sub | Mnemonic::Cmp => {
                let a = emu.read_op(&ins, 0)? & mask(size);
                let b = emu.read_op(&ins, 1)? & mask(size);
                let (r, cf, of) = if ins.mnemonic() == Mnemonic::Add {
                    let r = a.wrapping_add(b) & mask(size);
                    (r, r < a, sign_bit(!(a ^ b) & (a ^ r), size))
                } else {
                    let r = a.wrapping_sub(b) & mask(size);
                    (r, a < b, sign_bit((a ^ b) & (a ^ r), size))
                };
                emu.zf = r == 0;
                emu.sf = sign_bit(r, size);
                emu.cf = cf;
                emu.of = of;
                if ins.mnemonic() != Mnemonic::Cmp {
                    emu.write_op(&ins, 0, r)?;
                }
            }
            Mnemonic::Shr | Mnemonic::Shl | Mnemonic::Sar => {
                let a = emu.read_op(&ins, 0)? & mask(size);
                let n = (emu.read_op(&ins, 1)? & 0x3f) as u32;
                if n != 0 {
                    let r = match ins.mnemonic() {
                        Mnemonic::Shr => a >> n,
                        Mnemonic::Shl => a << n,
                        _ => sext(a, size) >> n,
                    } & mask(size);
                    emu.cf = match ins.mnemonic() {
                        Mnemonic::Shl => (a >> (size as u32 * 8 - n)) & 1 == 1,
                        _ => (sext(a, size) >> (n - 1)) & 1 == 1,
                    };
                    emu.zf = r == 0;
                    emu.sf = sign_bit(r, size);
                    emu.of = false;
                    emu.write_op(&ins, 0, r)?;
                }
            }
            Mnemonic::Bt => {
                let a = emu.read_op(&ins, 0)?;
                let n = emu.read_op(&ins, 1)? & (size as u64 * 8 - 1);
                emu.cf = (a >> n) & 1 == 1;
            }
            Mnemonic::Not => {
                let a = emu.read_op(&ins, 0)?;
                emu.write_op(&ins, 0, !a & mask(size))?;
            }
            Mnemonic::Push => {
                let v = emu.read_op(&ins, 0)?;
                emu.push(v);
            }
            Mnemonic::Pop => {
                let v = emu.pop()?;
                emu.write_op(&ins, 0, v)?;
            }
            Mnemonic::Jmp if ins.op_kind(0) == OpKind::NearBranch64 => {
                next = ins.near_branch_target()
            }
            Mnemonic::Call if ins.op_kind(0) == OpKind::NearBranch64 => {
                emu.push(next);
                next = ins.near_branch_target();
            }
            Mnemonic::Ret => {
                let to = emu.pop()?;
                if to == RETURN_MARK {
                    return Ok(emu.regs[0]);
                }
                next = to;
            }
            m if ins.is_jcc_short_or_near() => {
                if emu
                    .cond(ins.condition_code(), ins.ip())
                    .map_err(|_| unsupported(ins.ip(), format!("{m:?}")))?
                {
                    next = ins.near_branch_target();
                }
            }
            _ if is_cmovcc(ins.mnemonic()) => {
                if emu.cond(ins.condition_code(), ins.ip())? {
                    let v = emu.read_op(&ins, 1)?;
                    emu.write_op(&ins, 0, v)?;
                } else if size == 4 {
                    let v = emu.read_op(&ins, 0)?;
                    emu.write_op(&ins, 0, v)?;
                }
            }
            _ if is_setcc(ins.mnemonic()) => {
                let v = u64::from(emu.cond(ins.condition_code(), ins.ip())?);
                emu.write_op(&ins, 0, v)?;
            }
            m => return Err(unsupported(ins.ip(), format!("{m:?}").to_ascii_lowercase())),
        }
        ip = next;
    }
    Err(EmulateResolverError::TooLong)
}
