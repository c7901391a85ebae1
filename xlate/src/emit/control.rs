//! Control transfer: block exits (chained direct exits, indirect lookup), Jcc/JMP/CALL/RET,
//! SYSCALL, INT3, and exits for undecodable or privileged instructions.

use super::{ChainSite, Emitter, NotInline};
use crate::a64;
use crate::regmap::{LOOKUP, RIP_OUT, T0};
use crate::state::gpr as G;
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind};

const RSP: u8 = G::RSP as u8;

impl Emitter<'_> {
    /// Leaves the block towards guest address `target` through a patchable branch.
    ///
    /// A backward branch (a loop, or a call to lower code) first polls the signal flag in x18
    /// ([`crate::regmap::SIGNAL_FLAG`]): every endless path through translated code passes a
    /// backward branch or an indirect one (the `indirect` stub polls too), so a recorded signal
    /// is delivered within one loop iteration at one instruction per back edge.
    pub fn exit_direct(&mut self, target: u64) {
        self.carry_for_exit();
        let signal = (target <= self.ins.ip()).then(|| {
            let l = self.label();
            dynasm!(self.a ; .arch aarch64 ; cbnz x18, =>l);
            l
        });
        let site = self.a.offset().0;
        let here = self.pos();
        match (self.known)(target) {
            Some(host) => {
                let w = a64::b(here, host).expect("code buffer is smaller than the branch range");
                self.word(w);
                self.prelinked.push(ChainSite {
                    site,
                    target,
                    unlinked: None,
                });
            }
            None => {
                self.word(a64::b(here, here + 4).expect("next word"));
                self.chains.push(ChainSite {
                    site,
                    target,
                    unlinked: None,
                });
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
        self.exit_indirect_reg(RIP_OUT);
    }

    /// Leaves the block towards the guest address in host register `r` (a guest GPR or x17):
    /// polls for a recorded signal, probes the lookup table inline (the same hash as
    /// [`crate::cache::lookup_index`]) and jumps to the translation on a hit; on a miss or a
    /// pending signal the shared stub takes over with x17.
    pub fn exit_indirect_reg(&mut self, r: u8) {
        self.carry_for_exit();
        let bits = crate::cache::LOOKUP_BITS;
        let miss = self.label();
        // a recorded signal: the shared stub polls again and delivers it (see exit_direct)
        dynasm!(self.a ; .arch aarch64
            ; cbnz x18, =>miss
            ; ubfiz x16, X(r), #4, #bits
            ; add x16, X(LOOKUP), x16
            ; ldp X(T0), x16, [x16]
            ; eor X(T0), X(T0), X(r)
            ; cbnz X(T0), =>miss
            ; br x16
            ; =>miss
        );
        if r != RIP_OUT {
            dynasm!(self.a ; .arch aarch64 ; mov x17, X(r));
        }
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
                self.load(8, RIP_OUT, a);
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
                } else if i.op_kind(0) == OpKind::Register {
                    let g = self.gpr_op(0)?;
                    if g.size != 8 {
                        return Err(NotInline::NoEmitter);
                    }
                    self.exit_indirect_reg(g.host);
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

    /// Host address of the translation of guest `target` if it exists already (this block
    /// included).
    fn known_host(&self, target: u64) -> Option<u64> {
        if self.block_start == Some(target) {
            return Some(self.base);
        }
        (self.known)(target)
    }

    fn jcc(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let target = i.near_branch_target();
        let known = self.known_host(target);
        // A loop branching straight to its translated start skips exit_direct's poll: poll
        // here instead, before the branch, exiting to deliver at this Jcc (not executed yet,
        // so the flags it reads are saved, normalised on the way out).
        let signal = (known.is_some() && target <= i.ip()).then(|| {
            let l = self.label();
            dynasm!(self.a ; .arch aarch64 ; cbnz x18, =>l);
            (l, self.c_inv)
        });
        let test = self.branch_test(i.condition_code());
        if let Some(known) = known {
            // a translated target within reach: branch straight there when the carry needs no
            // normalising on the way
            let carry_ok = !self.c_inv || !self.live.intersects(crate::flags::FlagSet::CF);
            let here = self.pos();
            if let Some(w) = Some(known)
                .filter(|_| carry_ok)
                .and_then(|h| test.word(here, h))
            {
                let site = self.a.offset().0;
                self.word(w);
                let inv = self.c_inv;
                self.exit_direct(i.next_ip());
                self.c_inv = inv;
                // unlinked, the branch goes to the ordinary exit towards the target below
                let slow = self.pos();
                let unlinked = test.word(here, slow).expect("the slow path is near");
                self.prelinked.push(ChainSite {
                    site,
                    target,
                    unlinked: Some(unlinked),
                });
                self.exit_direct(target);
                self.signal_exit_here(signal);
                return Ok(());
            }
        }
        let taken = self.label();
        self.branch_to_label(test, taken);
        let inv = self.c_inv;
        self.exit_direct(i.next_ip());
        self.c_inv = inv;
        self.bind(taken);
        self.exit_direct(i.near_branch_target());
        self.signal_exit_here(signal);
        Ok(())
    }

    /// The exit of a poll made before the current instruction (with the carry inverted or not
    /// at the poll): deliver the signal with the guest at this instruction.
    fn signal_exit_here(&mut self, poll: Option<(dynasmrt::DynamicLabel, bool)>) {
        if let Some((l, inv)) = poll {
            self.bind(l);
            self.c_inv = inv;
            self.normalize_carry();
            let rip = self.ins.ip();
            self.mov_imm(RIP_OUT, rip);
            let stub = self.stubs.exit_signal;
            self.b_abs(stub);
        }
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
