//! Control transfer: block exits (chained direct exits, indirect lookup), Jcc/JMP/CALL/RET,
//! SYSCALL, INT3, and exits for undecodable or privileged instructions.

use super::{ChainSite, Emitter, NotInline};
use crate::a64;
use crate::regmap::{RIP_OUT, T0};
use crate::state::gpr as G;
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind};

const RSP: u8 = G::RSP as u8;

impl Emitter<'_> {
    /// Leaves the block towards guest address `target` through a patchable branch.
    ///
    /// A backward branch (a loop, or a call to lower code) first polls the context's
    /// `signal_pending` flag: every endless path through translated code passes a backward
    /// branch or an indirect one (the `indirect` stub polls too), so a recorded signal is
    /// delivered within one loop iteration at two instructions per back edge.
    pub fn exit_direct(&mut self, target: u64) {
        self.normalize_carry();
        let signal = (target <= self.ins.ip()).then(|| {
            let l = self.label();
            dynasm!(self.a
                ; .arch aarch64
                ; ldr x16, [x28, #crate::context::off::SIGNAL_PENDING]
                ; cbnz x16, =>l
            );
            l
        });
        let site = self.a.offset().0;
        let here = self.pos();
        match (self.known)(target) {
            Some(host) => {
                let w = a64::b(here, host).expect("code buffer is smaller than the branch range");
                self.word(w);
                self.prelinked.push(ChainSite { site, target });
            }
            None => {
                self.word(a64::b(here, here + 4).expect("next word"));
                self.chains.push(ChainSite { site, target });
            }
        }
        // slow path: ask the run loop to translate and chain
        self.word(a64::adr(16, -4));
        self.mov_imm(RIP_OUT, target);
        let stub = self.stubs.exit_chain;
        self.b_abs(stub);
        if let Some(l) = signal {
            self.bind(l);
            self.mov_imm(RIP_OUT, target);
            let stub = self.stubs.exit_signal;
            self.b_abs(stub);
        }
    }

    /// Leaves the block towards the guest address in x17 through the inline lookup.
    pub fn exit_indirect(&mut self) {
        self.normalize_carry();
        let stub = self.stubs.indirect;
        self.b_abs(stub);
    }

    /// Leaves the block through one of the exit stubs with x17 = `rip`.
    pub fn exit_to(&mut self, stub: u64, rip: u64) {
        self.normalize_carry();
        self.mov_imm(RIP_OUT, rip);
        self.b_abs(stub);
    }

    /// Reads the branch target operand (register or memory) into x17.
    fn target_into_x17(&mut self) -> Result<(), NotInline> {
        match self.ins.op_kind(0) {
            OpKind::Register => {
                let g = self.gpr_op(0)?;
                dynasm!(self.a ; .arch aarch64 ; mov x17, X(g.host));
            }
            OpKind::Memory => {
                let a = self.mem_addr()?;
                self.load(8, T0, a);
                dynasm!(self.a ; .arch aarch64 ; mov x17, X(T0));
            }
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    /// The block-ending control transfer.
    pub fn control(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let next = i.next_ip();
        match i.mnemonic() {
            Mnemonic::Jmp => {
                if matches!(i.op_kind(0), OpKind::NearBranch64) {
                    self.exit_direct(i.near_branch_target());
                } else {
                    self.target_into_x17()?;
                    self.exit_indirect();
                }
            }
            Mnemonic::Call => {
                if matches!(i.op_kind(0), OpKind::NearBranch64) {
                    self.mov_imm(T0, next);
                    dynasm!(self.a ; .arch aarch64 ; str X(T0), [X(RSP), #-8]!);
                    self.exit_direct(i.near_branch_target());
                } else {
                    self.target_into_x17()?;
                    self.mov_imm(T0, next);
                    dynasm!(self.a ; .arch aarch64 ; str X(T0), [X(RSP), #-8]!);
                    self.exit_indirect();
                }
            }
            Mnemonic::Ret => {
                dynasm!(self.a ; .arch aarch64 ; ldr x17, [X(RSP)], #8);
                if i.op_count() == 1 {
                    let n = i64::from(i.immediate16());
                    self.add_imm64(RSP, RSP, n);
                }
                self.exit_indirect();
            }
            Mnemonic::Syscall => {
                let s = self.stubs.exit_syscall;
                self.exit_to(s, next);
            }
            Mnemonic::Int3 => {
                let s = self.stubs.exit_int3;
                self.exit_to(s, next);
            }
            Mnemonic::Hlt
            | Mnemonic::Int
            | Mnemonic::Int1
            | Mnemonic::Into
            | Mnemonic::Ud2
            | Mnemonic::Ud0
            | Mnemonic::Ud1 => {
                let s = self.stubs.exit_privileged;
                self.exit_to(s, i.ip());
            }
            Mnemonic::Jrcxz
            | Mnemonic::Jecxz
            | Mnemonic::Loop
            | Mnemonic::Loope
            | Mnemonic::Loopne => {
                self.loop_insn()?;
            }
            _ if i.is_jcc_short_or_near() => self.jcc()?,
            _ => return Err(NotInline::NoEmitter),
        }
        Ok(())
    }

    fn jcc(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let taken = self.label();
        match self.cond(i.condition_code()) {
            Ok(c) => self.b_cond_label(c, taken),
            Err(want_pf) => {
                if want_pf {
                    dynasm!(self.a ; .arch aarch64 ; tbz W(T0), #0, =>taken);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; tbnz W(T0), #0, =>taken);
                }
            }
        }
        let inv = self.c_inv;
        self.exit_direct(i.next_ip());
        self.c_inv = inv;
        self.bind(taken);
        self.exit_direct(i.near_branch_target());
        Ok(())
    }

    fn loop_insn(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let taken = self.label();
        match i.mnemonic() {
            Mnemonic::Jrcxz => dynasm!(self.a ; .arch aarch64 ; cbz x1, =>taken),
            Mnemonic::Jecxz => dynasm!(self.a ; .arch aarch64 ; cbz w1, =>taken),
            Mnemonic::Loop => {
                dynasm!(self.a ; .arch aarch64 ; sub XSP(1), XSP(1), #1 ; cbnz x1, =>taken)
            }
            Mnemonic::Loope | Mnemonic::Loopne => {
                let no = self.label();
                dynasm!(self.a ; .arch aarch64 ; sub XSP(1), XSP(1), #1 ; cbz x1, =>no);
                if i.mnemonic() == Mnemonic::Loope {
                    dynasm!(self.a ; .arch aarch64 ; b.eq =>taken);
                } else {
                    dynasm!(self.a ; .arch aarch64 ; b.ne =>taken);
                }
                self.bind(no);
            }
            _ => return Err(NotInline::NoEmitter),
        }
        let inv = self.c_inv;
        self.exit_direct(i.next_ip());
        self.c_inv = inv;
        self.bind(taken);
        self.exit_direct(i.near_branch_target());
        Ok(())
    }
}
