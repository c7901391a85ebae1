//! Translation of one decoded block: flag liveness, per-instruction emission (inline or through
//! the interpreter helper), and the block exit.

use crate::decode::{BlockEnd, DecodedBlock};
use crate::emit::alu::AluOp;
use crate::emit::{ChainSite, Emitter, NotInline, Stubs};
use crate::flags::{self, FlagSet};
use crate::helpers;
use dynasmrt::DynasmApi;
use iced_x86::{Instruction, Mnemonic, OpKind};

/// Result of translating one block.
pub struct Translated {
    pub code: Vec<u8>,
    /// Direct exits already linked to translated blocks.
    pub prelinked: Vec<ChainSite>,
    /// Instructions the generated code hands to the interpreter (must live as long as the code).
    // Boxed: generated code holds pointers to these, so they must not move.
    #[allow(clippy::vec_box)]
    pub interp: Vec<Box<Instruction>>,
    /// Number of guest instructions translated.
    pub guest_insns: usize,
    /// Fault-map marks: (offset, guest instruction, carry inverted from here on).
    pub marks: Vec<(u32, u64, bool)>,
}

/// Emits one instruction inline if the translator has an emitter for it.
#[cfg(test)]
pub(crate) fn emit_one(e: &mut Emitter<'_>) -> Result<(), NotInline> {
    emit_inline(e)
}

fn emit_inline(e: &mut Emitter<'_>) -> Result<(), NotInline> {
    let i = e.ins;
    let m = i.mnemonic();
    if m == Mnemonic::Cmpxchg16b {
        return e.cmpxchg16b();
    }
    if i.has_lock_prefix()
        || (m == Mnemonic::Xadd || m == Mnemonic::Cmpxchg) && i.op_kind(0) == OpKind::Memory
    {
        return e.atomic_rmw();
    }
    if (i.has_rep_prefix() || i.has_repne_prefix()) && i.is_string_instruction() {
        return Err(NotInline::NoEmitter);
    }
    match m {
        Mnemonic::Add => e.alu(AluOp::Add),
        Mnemonic::Or => e.alu(AluOp::Or),
        Mnemonic::Adc => e.alu(AluOp::Adc),
        Mnemonic::Sbb => e.alu(AluOp::Sbb),
        Mnemonic::And => e.alu(AluOp::And),
        Mnemonic::Sub => e.alu(AluOp::Sub),
        Mnemonic::Xor => e.alu(AluOp::Xor),
        Mnemonic::Cmp => e.alu(AluOp::Cmp),
        Mnemonic::Test => e.alu(AluOp::Test),
        Mnemonic::Inc => e.inc_dec(true),
        Mnemonic::Dec => e.inc_dec(false),
        Mnemonic::Neg => e.neg(),
        Mnemonic::Not => e.not(),
        Mnemonic::Shl
        | Mnemonic::Sal
        | Mnemonic::Shr
        | Mnemonic::Sar
        | Mnemonic::Rol
        | Mnemonic::Ror => e.shift(),
        Mnemonic::Imul if i.op_count() >= 2 => e.imul_n(),
        Mnemonic::Imul => e.mul1(true),
        Mnemonic::Mul => e.mul1(false),
        Mnemonic::Div => e.div(false),
        Mnemonic::Idiv => e.div(true),
        Mnemonic::Bt | Mnemonic::Bts | Mnemonic::Btr | Mnemonic::Btc => e.bt(),
        Mnemonic::Bsf | Mnemonic::Bsr | Mnemonic::Tzcnt | Mnemonic::Lzcnt | Mnemonic::Popcnt => {
            e.bitscan()
        }
        Mnemonic::Mov
            if i.op_kind(0) == OpKind::Register && i.op_register(0).is_segment_register() =>
        {
            Err(NotInline::NoEmitter)
        }
        Mnemonic::Mov
            if i.op_kind(1) == OpKind::Register && i.op_register(1).is_segment_register() =>
        {
            e.mov_seg()
        }
        Mnemonic::Mov => e.mov(),
        Mnemonic::Movzx => e.movx(false),
        Mnemonic::Movsx | Mnemonic::Movsxd => e.movx(true),
        Mnemonic::Lea => e.lea(),
        Mnemonic::Push => e.push(),
        Mnemonic::Pop => e.pop(),
        Mnemonic::Xchg => e.xchg(),
        Mnemonic::Cmpxchg16b => e.cmpxchg16b(),
        Mnemonic::Bswap => e.bswap(),
        Mnemonic::Cbw
        | Mnemonic::Cwde
        | Mnemonic::Cdqe
        | Mnemonic::Cwd
        | Mnemonic::Cdq
        | Mnemonic::Cqo => e.sign_extend_acc(),
        Mnemonic::Clc | Mnemonic::Stc | Mnemonic::Cmc | Mnemonic::Cld | Mnemonic::Std => {
            e.flag_insn()
        }
        Mnemonic::Nop
        | Mnemonic::Endbr64
        | Mnemonic::Pause
        | Mnemonic::Prefetchnta
        | Mnemonic::Prefetcht0
        | Mnemonic::Prefetcht1
        | Mnemonic::Prefetcht2
        | Mnemonic::Prefetchw
        | Mnemonic::Mfence
        | Mnemonic::Lfence
        | Mnemonic::Sfence => e.fence(),
        Mnemonic::Cmova
        | Mnemonic::Cmovae
        | Mnemonic::Cmovb
        | Mnemonic::Cmovbe
        | Mnemonic::Cmove
        | Mnemonic::Cmovg
        | Mnemonic::Cmovge
        | Mnemonic::Cmovl
        | Mnemonic::Cmovle
        | Mnemonic::Cmovne
        | Mnemonic::Cmovno
        | Mnemonic::Cmovnp
        | Mnemonic::Cmovns
        | Mnemonic::Cmovo
        | Mnemonic::Cmovp
        | Mnemonic::Cmovs => e.cmov(),
        Mnemonic::Seta
        | Mnemonic::Setae
        | Mnemonic::Setb
        | Mnemonic::Setbe
        | Mnemonic::Sete
        | Mnemonic::Setg
        | Mnemonic::Setge
        | Mnemonic::Setl
        | Mnemonic::Setle
        | Mnemonic::Setne
        | Mnemonic::Setno
        | Mnemonic::Setnp
        | Mnemonic::Setns
        | Mnemonic::Seto
        | Mnemonic::Setp
        | Mnemonic::Sets => e.setcc(),
        _ => e.sse(),
    }
}

/// Translates `block` for placement at host address `base`.
pub fn translate(
    block: &DecodedBlock,
    live_out: FlagSet,
    base: u64,
    stubs: &Stubs,
    known: &dyn Fn(u64) -> Option<u64>,
) -> Result<Translated, String> {
    let mut e = Emitter::new(base, stubs, known);
    let live = flags::liveness(&block.insns, live_out);
    let mut ended = false;
    let mut marks: Vec<(u32, u64, bool)> = Vec::new();
    let mut rip = block.start;
    for (k, ins) in block.insns.iter().enumerate() {
        take_carry_marks(&mut e, &mut marks, rip);
        rip = ins.ip();
        marks.push((e.a.offset().0 as u32, rip, e.c_inv));
        e.ins = *ins;
        e.live = live[k];
        let is_last = k + 1 == block.insns.len();
        let is_control =
            crate::decode::ends_block(ins) && !matches!(ins.mnemonic(), Mnemonic::Cpuid);
        if is_control {
            match e.control() {
                Ok(()) => {
                    ended = true;
                    break;
                }
                Err(NotInline::NoEmitter) => {
                    let s = e.stubs.exit_unsupported;
                    e.exit_to(s, ins.ip());
                    ended = true;
                    break;
                }
            }
        }
        let start = e.a.offset().0;
        match emit_inline(&mut e) {
            Ok(()) => {}
            Err(NotInline::NoEmitter) => {
                let _ = start;
                if helpers::interp_supports(ins) {
                    let b = Box::new(*ins);
                    let p = &*b as *const Instruction as u64;
                    e.interp.push(b);
                    e.call_helper(helpers::interp_helper as *const () as usize as u64, p);
                    dynasmrt::dynasm!(e.a ; .arch aarch64 ; ldr x17, [x28, #crate::context::off::PENDING]);
                    let stop = e.stubs.exit_helper_stop;
                    let here = e.pos();
                    e.word(crate::a64::cbz(true, 17, here, stop).expect("stubs within range"));
                } else {
                    let s = e.stubs.exit_unsupported;
                    e.exit_to(s, ins.ip());
                    ended = true;
                    break;
                }
            }
        }
        if is_last {
            break;
        }
    }
    if !ended {
        if block.insns.is_empty() && block.end == BlockEnd::Undecodable {
            let s = e.stubs.exit_unsupported;
            e.exit_to(s, block.start);
        } else {
            e.exit_direct(block.next_rip);
        }
    }
    take_carry_marks(&mut e, &mut marks, rip);
    let n = block.insns.len();
    let (code, _unlinked, prelinked, interp) = e.finish()?;
    Ok(Translated {
        code,
        prelinked,
        interp,
        guest_insns: n,
        marks,
    })
}

/// Moves the emitter's carry-polarity changes into the fault-map marks of instruction `rip`.
fn take_carry_marks(e: &mut Emitter<'_>, marks: &mut Vec<(u32, u64, bool)>, rip: u64) {
    marks.extend(e.carry_marks.drain(..).map(|(o, inv)| (o, rip, inv)));
}
