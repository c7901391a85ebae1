//! Control transfer: block exits (chained direct exits, indirect lookup), Jcc/JMP/CALL/RET,
//! SYSCALL, INT3, and exits for undecodable or privileged instructions.

use super::pairs::Paired;
use super::{BranchTest, ChainSite, Emitter, NotInline};
use crate::a64;
use crate::flags::FlagSet;
use crate::regmap::{LOOKUP, RIP_OUT, T0};
use crate::state::gpr as G;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};
use iced_x86::{Mnemonic, OpKind};

const RSP: u8 = G::RSP as u8;

/// The taken side of a conditional branch that does not end its block, waiting for its exit
/// to be emitted after the block.
#[derive(Clone, Copy, Debug)]
pub struct TakenSide {
    /// Offset of the branch word.
    site: usize,
    test: BranchTest,
    /// Where the branch goes, unless it is linked straight to the translated target.
    label: Option<DynamicLabel>,
    /// Guest target.
    target: u64,
    /// Guest address of the branch.
    pub rip: u64,
    /// Carry polarity at the branch.
    pub c_inv: bool,
    /// Flags live at the target.
    live: FlagSet,
}

impl Emitter<'_> {
    /// Leaves the block towards guest address `target` through a patchable branch (no signal
    /// poll: a recorded signal unlinks it, see [`crate::signal::breakout`]).
    pub fn exit_direct(&mut self, target: u64) {
        self.exit_direct_from(target, None);
    }

    /// [`Emitter::exit_direct`] for the taken side of a conditional branch: `cond` = (offset of
    /// the `b.cond` word, offset it branches to). When that is this exit's branch (no carry
    /// fix-up in between), the exit reports the `b.cond` as its patch site, and the run loop
    /// links the condition itself straight to the target (see `Machine::chain`): a taken
    /// branch then costs one instruction, not two.
    fn exit_direct_from(&mut self, target: u64, cond: Option<(usize, usize)>) {
        self.carry_for_exit();
        let site = self.a.offset().0;
        let report = match cond {
            Some((cond_site, to)) if to == site => cond_site,
            _ => site,
        };
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
        let adr_at = self.a.offset().0;
        self.word(a64::adr(16, report as i32 - adr_at as i32));
        self.mov_imm(RIP_OUT, target);
        let stub = self.stubs.exit_chain;
        self.b_abs(stub);
    }

    /// Leaves the block towards the guest address in x17 through the inline lookup.
    pub fn exit_indirect(&mut self) {
        self.exit_indirect_reg(RIP_OUT);
    }

    /// Leaves the block towards the guest address in host register `r` (a guest GPR or x17):
    /// probes the lookup table inline (the same hash as [`crate::cache::lookup_index`]) and
    /// jumps to the translation on a hit; on a miss the shared stub takes over with x17 (a
    /// recorded signal makes every probe miss, see [`crate::signal::breakout`]).
    pub fn exit_indirect_reg(&mut self, r: u8) {
        self.carry_for_exit();
        let miss = self.label();
        dynasm!(self.a ; .arch aarch64
            ; add XSP(16), XSP(LOOKUP), W(r), uxth #4
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
                // a jump table `[table + index * 8]` loads with the register-offset form
                if let Some(rr) = self.mem_reg_index(8) {
                    self.load_rr(8, false, RIP_OUT, rr);
                } else {
                    let a = self.mem_addr()?;
                    self.load(8, RIP_OUT, a);
                }
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
                    self.push_return_address(next);
                    self.exit_direct(i.near_branch_target());
                } else if let Some(g) = self
                    .gpr_op(0)
                    .ok()
                    .filter(|g| i.op_kind(0) == OpKind::Register && g.size == 8 && g.host != RSP)
                {
                    // the target register survives the push: probe it in place
                    self.push_return_address(next);
                    self.exit_indirect_reg(g.host);
                } else {
                    self.target_into_x17()?;
                    self.push_return_address(next);
                    self.exit_indirect();
                }
            }
            Mnemonic::Ret => {
                // popped already by a pair with the POP before (see `pairs`), or here
                let target = match self.paired.take() {
                    Some(Paired::Loaded(r)) => r,
                    _ => {
                        dynasm!(self.a ; .arch aarch64 ; ldr x17, [X(RSP)], #8);
                        RIP_OUT
                    }
                };
                if i.op_count() == 1 {
                    let n = i64::from(i.immediate16());
                    self.add_imm64(RSP, RSP, n);
                }
                self.exit_indirect_reg(target);
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

    /// Pushes a CALL's return address `next`, unless a pair with the PUSH before pushed it
    /// (see [`super::pairs`]).
    fn push_return_address(&mut self, next: u64) {
        if self.paired.take() == Some(Paired::ReturnAddressStored) {
            return;
        }
        self.mov_imm(T0, next);
        dynasm!(self.a ; .arch aarch64 ; str X(T0), [X(RSP), #-8]!);
    }

    /// Host address of the translation of guest `target` if it exists already (this block
    /// included).
    fn known_host(&self, target: u64) -> Option<u64> {
        if self.block_start == Some(target) {
            return Some(self.base + self.loop_entry_offset());
        }
        (self.known)(target)
    }

    fn jcc(&mut self) -> Result<(), NotInline> {
        let i = self.ins;
        let target = i.near_branch_target();
        let known = self.known_host(target);
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
                let slow_off = self.a.offset().0;
                self.exit_direct_from(target, Some((site, slow_off)));
                return Ok(());
            }
        }
        let taken = self.label();
        let cond_site = self.a.offset().0;
        self.branch_to_label(test, taken);
        let inv = self.c_inv;
        self.exit_direct(i.next_ip());
        self.c_inv = inv;
        self.bind(taken);
        let taken_off = self.a.offset().0;
        self.exit_direct_from(i.near_branch_target(), Some((cond_site, taken_off)));
        Ok(())
    }

    /// A conditional branch inside a superblock (a side exit): branches out when taken, goes
    /// on with the next instruction of the block otherwise. The exit towards the target is
    /// emitted out of line after the block ([`Emitter::side_exit_path`]); `taken_live`: the
    /// flags live at the target. A translated target within reach gets the branch itself,
    /// unless the carry needs normalising on the way.
    pub fn jcc_side_exit(&mut self, taken_live: FlagSet) {
        let i = self.ins;
        let target = i.near_branch_target();
        let known = self.known_host(target);
        let test = self.branch_test(i.condition_code());
        let carry_ok = !self.c_inv || !taken_live.intersects(FlagSet::CF);
        let site = self.a.offset().0;
        let here = self.pos();
        let linked = known.filter(|_| carry_ok).and_then(|h| test.word(here, h));
        let label = match linked {
            Some(w) => {
                self.word(w);
                None
            }
            None => {
                let l = self.label();
                self.branch_to_label(test, l);
                Some(l)
            }
        };
        self.side_exits.push(TakenSide {
            site,
            test,
            label,
            target,
            rip: i.ip(),
            c_inv: self.c_inv,
            live: taken_live,
        });
    }

    /// The exit of the taken side of a side exit, after the block's other code.
    pub fn side_exit_path(&mut self, x: TakenSide) {
        self.c_inv = x.c_inv;
        self.live = x.live;
        match x.label {
            Some(l) => self.bind(l),
            None => {
                // linked straight to the target; unlinked, the branch comes here
                let from = self.base + x.site as u64;
                let unlinked = x
                    .test
                    .word(from, self.pos())
                    .expect("the slow path is near");
                self.prelinked.push(ChainSite {
                    site: x.site,
                    target: x.target,
                    unlinked: Some(unlinked),
                });
            }
        }
        let off = self.a.offset().0;
        self.exit_direct_from(x.target, Some((x.site, off)));
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

#[cfg(test)]
mod tests {
    use crate::decode::{decode_block, SliceSource};
    use crate::emit::Stubs;

    fn words_of(guest: &[u8]) -> Vec<u32> {
        let src = SliceSource {
            base: 0x40_0000,
            bytes: guest,
        };
        let block = decode_block(&src, 0x40_0000, 16);
        let base = 0x10_0000u64;
        let stubs = Stubs::fake_below(base);
        let known = |_: u64| None;
        let flags = crate::flags::FlagSet::NONE;
        crate::translate::translate(&block, flags, base, &stubs, &known, false)
            .expect("translates")
            .code
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    /// `add x16, x26, w<r>, uxth #4`: the lookup probe's address of the entry for register r.
    fn probe_of(r: u32) -> u32 {
        0x8b20_3350 | (r << 16)
    }

    #[test]
    fn an_indirect_call_probes_its_target_register_in_place() {
        // call rax: the probe reads x0 (guest RAX) itself, after the push
        let w = words_of(&[0xff, 0xd0]);
        assert!(w.contains(&probe_of(0)), "{w:x?}");
        assert!(!w.contains(&probe_of(17)), "{w:x?}");
        // call rsp: the push changes RSP, so the target is copied to x17 first
        let w = words_of(&[0xff, 0xd4]);
        assert!(w.contains(&probe_of(17)), "{w:x?}");
    }
}
