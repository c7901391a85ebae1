//! Translation of one decoded block: flag liveness, per-instruction emission (inline or through
//! the interpreter helper), and the block exit.

use crate::decode::{BlockEnd, DecodedBlock, SideExit};
use crate::emit::alu::AluOp;
use crate::emit::fp_run::{self, FpRun};
use crate::emit::{data, movfuse, pairs, sse, xmm_upper, ChainSite, Emitter, NotInline, Stubs};
use crate::flags::{self, FlagSet};
use crate::helpers;
use crate::tso;
use dynasmrt::DynasmApi;
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

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
        return e.rep_string();
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

fn xmm_reg(r: Register) -> Option<u8> {
    let v = (r as u32).checked_sub(Register::XMM0 as u32)?;
    (v < 16).then_some(v as u8)
}

/// If `mov` is `movdqa/movdqu/movaps/movups/movapd/movupd x, y` between XMM registers and
/// `next` writes `x` reading it through an operand the emitter can redirect, the XMM `y`.
/// Packed arithmetic, and scalar double arithmetic after which `x`'s upper half is dead
/// (`next_upper_dead`, see [`sse::scalar_fusable_after_move`]), qualify only inside an FP run
/// (`in_run`): alone, their NaN fallback would run them in the interpreter without the move.
/// A `next` with a memory operand does not qualify: its load may fault, and the guest's
/// handler must then see the move done.
fn fusable_move(
    mov: &Instruction,
    next: &Instruction,
    in_run: bool,
    next_upper_dead: xmm_upper::UpperDead,
) -> Option<u8> {
    let (x, y) = movfuse::xmm_move(mov)?;
    if next.op_kind(0) != OpKind::Register
        || xmm_reg(next.op_register(0)) != Some(x)
        || (0..next.op_count()).any(|n| next.op_kind(n) == OpKind::Memory)
        || !(sse::fusable_after_move(next)
            || in_run && sse::is_packed_arith(next)
            || in_run && next_upper_dead & (1 << x) != 0 && sse::scalar_fusable_after_move(next))
    {
        return None;
    }
    Some(y)
}

/// Translates `block` for placement at host address `base`; `tso`: order memory accesses as
/// x86 does (multi-threaded guests, see [`crate::tso`]).
pub fn translate(
    block: &DecodedBlock,
    live_out: FlagSet,
    base: u64,
    stubs: &Stubs,
    known: &dyn Fn(u64) -> Option<u64>,
    tso: bool,
) -> Result<Translated, String> {
    let mut e = Emitter::new(base, stubs, known);
    e.block_start = Some(block.start);
    let side = &block.side_exits;
    let live = by_pieces(
        &block.insns,
        side,
        live_out,
        |x| x.live_flags,
        FlagSet::union,
        |p, l| (flags::liveness(p, l), flags::live_in(p, l)),
    );
    if block.self_check {
        e.self_check(block.start, block.code_bytes());
    }
    let preheader = crate::emit::preheader::plan(block);
    if let Some(p) = preheader {
        e.loop_preheader(p);
    }
    let mut info = iced_x86::InstructionInfoFactory::new();
    let mut order = tso::Orderer::new();
    let upper_dead = by_pieces(
        &block.insns,
        side,
        block.upper_live_out,
        |x| x.upper_live,
        |a, b| a | b,
        |p, l| (xmm_upper::upper_dead(p, l), xmm_upper::live_in(p, l)),
    );
    let upper_zero = xmm_upper::upper_zero(&block.insns);
    // scalar double ops of a run written as plain scalars
    let plain: Vec<xmm_upper::UpperDead> = upper_dead
        .iter()
        .zip(&upper_zero)
        .map(|(d, z)| d | z)
        .collect();
    let gpr_fusion = movfuse::plan(&block.insns);
    // FP runs may take `add/sub r64, imm` along, unless a register move folds into it
    let gpr_ok = |n: usize| gpr_fusion.mov_of[n].is_none();
    let runs = fp_run::segments(&block.insns, &gpr_ok);
    let mut xmm_fusion = movfuse::xmm_plan(&block.insns, &runs, &upper_dead);
    let xmm_swaps = movfuse::xmm_swap_plan(&block.insns, &runs);
    // a move at `m` done by emitting the two instructions after it swapped (movfuse)
    let mut swapped: Option<usize> = None;
    // the open run's lane inserts left to later members (fp_run::insert_chains), indexed from
    // `chains_from`, and the member the pending one is left to
    let mut chains: Vec<Option<usize>> = Vec::new();
    let mut chains_from = 0;
    let mut low_pending: Option<usize> = None;
    // LDP/STP pairs do not order their two accesses: not under TSO
    let mut pairs = if tso || block.unpaired {
        pairs::Plan::default()
    } else {
        pairs::plan(&block.insns, &mut info)
    };
    if preheader.is_some_and(|p| p.constant.is_some()) {
        // x18 holds the loop's constant throughout
        pairs.keep_pair_register_free();
    }
    let mut ended = false;
    // the open run of SSE arithmetic and where it started
    let mut run: Option<(FpRun, usize)> = None;
    // a register move fused into the next instruction
    let mut fused: Option<Instruction> = None;
    // a MOVZX done by the SETcc before it
    let mut zero_extended: Option<usize> = None;
    let mut marks: Vec<(u32, u64, bool)> = Vec::new();
    let mut rip = block.start;
    for (k, ins) in block.insns.iter().enumerate() {
        if let Some((r, start)) = &run {
            if k == start + r.len {
                debug_assert!(low_pending.is_none(), "lane inserts are left within a run");
                e.fp_run_end(r, &block.insns[*start..k]);
                run = None;
            }
        }
        take_carry_marks(&mut e, &mut marks, rip);
        rip = ins.ip();
        marks.push((e.a.offset().0 as u32, rip, e.c_inv));
        if run.is_none() {
            if let Some(r) = fp_run::find(&block.insns, k, &gpr_ok) {
                e.fp_run_begin(&r);
                let members = k..k + r.len;
                chains = fp_run::insert_chains(&block.insns[members.clone()], &plain[members])
                    .into_iter()
                    .map(|j| j.map(|j| k + j))
                    .collect();
                chains_from = k;
                run = Some((r, k));
            }
        }
        // the lane insert left to this instruction by an earlier one of the run, if any
        e.low_in_vt1 = low_pending == Some(k);
        if e.low_in_vt1 {
            low_pending = None;
        }
        e.defer_insert = run.is_some()
            && k >= chains_from
            && chains.get(k - chains_from).copied().flatten().is_some();
        if e.defer_insert {
            low_pending = chains[k - chains_from];
        }
        if gpr_fusion.consumer[k].is_some() || zero_extended == Some(k) {
            // done by a later instruction (movfuse) or by the SETcc before it
            continue;
        }
        if pairs.second(k) == Some(pairs::Paired::All) {
            // the second of a pair that the first did whole
            continue;
        }
        if xmm_swaps[k]
            && run.is_none()
            && fused.is_none()
            && xmm_fusion.consumer[k].is_none()
            && xmm_fusion.mov_of[k + 1..=k + 2].iter().all(Option::is_none)
        {
            // done by the second instruction after it, emitted with the first
            swapped = Some(k);
            continue;
        }
        if swapped.is_some_and(|m| k == m + 2) {
            // emitted before the instruction ahead of it
            swapped = None;
            continue;
        }
        if swapped.is_some_and(|m| k == m + 1) {
            let (mov, later) = (block.insns[k - 1], block.insns[k + 1]);
            e.ins = later;
            e.live = live[k + 1];
            e.xmm_upper_dead = upper_dead[k + 1];
            e.xmm_upper_zero = upper_zero[k + 1];
            e.branch_fuse = None;
            e.gpr_alias = None;
            e.setcc_wide = false;
            e.fused_src = Some(xmm_reg(mov.op_register(1)).expect("checked by movfuse"));
            emit_inline(&mut e).map_err(|_| "a swapped SSE instruction has an inline form")?;
            e.fused_src = None;
        }
        if let Some(j) = xmm_fusion.consumer[k] {
            // planned outside runs, or within the open run (whose replay redoes it)
            let as_planned = match (&run, runs[k]) {
                (None, None) => true,
                (Some((r, start)), Some(s)) => *start == s && j < start + r.len,
                _ => false,
            };
            if as_planned {
                continue;
            }
            // runs went otherwise than planned (one closed early): emitted here
            xmm_fusion.mov_of[j] = None;
        }
        e.ins = *ins;
        e.setcc_wide = block
            .insns
            .get(k + 1)
            .is_some_and(|n| data::setcc_zero_extended(ins, n));
        if e.setcc_wide {
            zero_extended = Some(k + 1);
        }
        e.live = live[k];
        e.xmm_upper_dead = upper_dead[k];
        e.xmm_upper_zero = upper_zero[k];
        // a CMP/TEST right before a conditional branch (the block's last or a side exit),
        // whose flags die there
        e.branch_fuse = block
            .insns
            .get(k + 1)
            .filter(|j| {
                (k + 2 == block.insns.len() || side.iter().any(|x| x.index == k + 1))
                    && j.is_jcc_short_or_near()
                    && live[k + 1].is_empty()
                    && matches!(ins.mnemonic(), Mnemonic::Cmp | Mnemonic::Test)
            })
            .map(|j| j.condition_code());
        let gpr_move = gpr_fusion.mov_of[k].map(|m| block.insns[m]);
        e.gpr_alias = gpr_move.map(|m| {
            let host = |r: Register| {
                crate::emit::operands::gpr(r)
                    .expect("checked by movfuse")
                    .host
            };
            (host(m.op_register(0)), host(m.op_register(1)))
        });
        let planned = xmm_fusion.mov_of[k].map(|m| block.insns[m]);
        // a planned move's destination is untouched up to its consumer: no adjacent move
        // into the consumer can be pending
        debug_assert!(planned.is_none() || fused.is_none());
        if fused.is_none() {
            fused = planned;
        }
        e.fused_src = fused.map(|m| xmm_reg(m.op_register(1)).expect("checked when fused"));
        if fused.is_none() {
            if let Some(next) = block.insns.get(k + 1) {
                // inside one FP run (whose replay redoes the move), packed arithmetic can take
                // the fused source too; outside runs, not into the start of one
                let same_run = run.as_ref().is_some_and(|(r, start)| k + 1 < start + r.len);
                let ok = if same_run {
                    fusable_move(ins, next, true, upper_dead[k + 1]).is_some()
                } else {
                    run.is_none()
                        && fusable_move(ins, next, false, upper_dead[k + 1]).is_some()
                        && fp_run::find(&block.insns, k + 1, &gpr_ok).is_none()
                };
                if ok {
                    fused = Some(*ins);
                    continue;
                }
            }
        }
        let fused_move = fused.take();
        // the second of a pair: what the first did for it (a CALL's return address pushed, a
        // memory operand or a RET's target loaded)
        e.paired = pairs.second(k);
        if let Some(op) = pairs.first(k) {
            // the first of a pair: a load, store, push or pop, with the second's access
            e.pair(op);
            continue;
        }
        let access = if tso {
            tso::access(&mut info, ins)
        } else {
            tso::Access::default()
        };
        if let Some(b) = order.before(access) {
            e.word(b.word());
        }
        let is_last = k + 1 == block.insns.len();
        if let Some(x) = side.iter().find(|x| x.index == k) {
            e.jcc_side_exit(x.live_flags);
            continue;
        }
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
        let inline = emit_inline(&mut e);
        e.gpr_alias = None;
        match inline {
            Ok(()) => {}
            Err(NotInline::NoEmitter) => {
                if let Some(m) = gpr_move {
                    // the skipped move first, as it was
                    e.ins = m;
                    emit_inline(&mut e).map_err(|_| "a register move has an inline form")?;
                    e.ins = *ins;
                }
                if let Some(m) = fused_move {
                    // the fused move first, as it was
                    e.ins = m;
                    e.fused_src = None;
                    emit_inline(&mut e).map_err(|_| "a register move has an inline form")?;
                    e.ins = *ins;
                }
                // a run member without an inline form: close the run before it (the helper
                // call below would clear FPSR)
                if let Some((mut r, start)) = run.take() {
                    // moves skipped for consumers after the run's new end, done now
                    for j in k + 1..block.insns.len() {
                        if let Some(m) = xmm_fusion.mov_of[j].filter(|&m| m < k) {
                            e.ins = block.insns[m];
                            e.fused_src = None;
                            emit_inline(&mut e)
                                .map_err(|_| "a register move has an inline form")?;
                            xmm_fusion.mov_of[j] = None;
                        }
                    }
                    r.len = k - start;
                    e.fp_run_end(&r, &block.insns[start..k]);
                    e.ins = *ins;
                }
                // the interpreter loads a paired operand itself
                e.paired = None;
                if helpers::interp_supports(ins) {
                    e.interp_call();
                } else {
                    let s = e.stubs.exit_unsupported;
                    e.exit_to(s, ins.ip());
                    ended = true;
                    break;
                }
            }
        }
        if let Some(b) = order.after(access) {
            e.word(b.word());
        }
        if e.paired.is_some() {
            return Err(format!(
                "the paired access of {ins} at {:#x} was not used",
                ins.ip()
            ));
        }
        if is_last {
            break;
        }
    }
    if let Some((r, start)) = run.take() {
        // a run reaching the end of a cut block
        e.fp_run_end(&r, &block.insns[start..start + r.len]);
    }
    if !ended {
        if block.insns.is_empty() && block.end == BlockEnd::Undecodable {
            let s = e.stubs.exit_unsupported;
            e.exit_to(s, block.start);
        } else {
            e.exit_direct(block.next_rip);
        }
    }
    // the taken sides of the side exits, out of line
    for x in std::mem::take(&mut e.side_exits) {
        take_carry_marks(&mut e, &mut marks, rip);
        rip = x.rip;
        marks.push((e.a.offset().0 as u32, rip, x.c_inv));
        e.side_exit_path(x);
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

/// A backward analysis of a block with side exits, run piece by piece: `pass(piece, after)`
/// analyses one straight-line piece (ending at a side exit or at the block's end) given what
/// is live after it, and returns its per-instruction results and what is live on entry. After
/// a side exit, what the fall-through needs is joined with what the branch target needs
/// (`taken`).
fn by_pieces<L: Copy, R>(
    insns: &[Instruction],
    exits: &[SideExit],
    live_out: L,
    taken: impl Fn(&SideExit) -> L,
    join: impl Fn(L, L) -> L,
    pass: impl Fn(&[Instruction], L) -> (Vec<R>, L),
) -> Vec<R> {
    let mut pieces = Vec::with_capacity(exits.len() + 1);
    let (mut end, mut live) = (insns.len(), live_out);
    for x in exits.iter().rev() {
        let (r, l) = pass(&insns[x.index + 1..end], live);
        pieces.push(r);
        live = join(l, taken(x));
        end = x.index + 1;
    }
    pieces.push(pass(&insns[..end], live).0);
    pieces.into_iter().rev().flatten().collect()
}

/// Moves the emitter's carry-polarity changes into the fault-map marks of instruction `rip`.
fn take_carry_marks(e: &mut Emitter<'_>, marks: &mut Vec<(u32, u64, bool)>, rip: u64) {
    marks.extend(e.carry_marks.drain(..).map(|(o, inv)| (o, rip, inv)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{decode_block, CodeSource, SliceSource};

    /// Guest code on a writable page.
    struct Writable<'a>(SliceSource<'a>);
    impl CodeSource for Writable<'_> {
        fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
            self.0.read(addr, buf)
        }
        fn may_change(&self, _start: u64, _end: u64) -> bool {
            true
        }
    }

    fn words(code: &[u8]) -> Vec<u32> {
        code.chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    /// cmp rax, rbx; jne +4 (to the ret); add rax, 1; ret: one side exit when decoded as a
    /// superblock.
    const SIDE_EXIT_BLOCK: [u8; 10] = [0x48, 0x39, 0xd8, 0x75, 0x04, 0x48, 0x83, 0xc0, 0x01, 0xc3];
    const SIDE_TARGET: u64 = 0x40_0009;

    fn translate_side_exit_block(known: &dyn Fn(u64) -> Option<u64>) -> (Translated, u64) {
        let src = SliceSource {
            base: 0x40_0000,
            bytes: &SIDE_EXIT_BLOCK,
        };
        let mut block = crate::decode::decode_superblock(&src, 0x40_0000, 64, 2);
        assert_eq!(block.side_exits.len(), 1);
        // the carry is dead at the target: no carry fix-up on the way out
        block.side_exits[0].live_flags = FlagSet::ZF;
        let base = 0x10_0000;
        let s = Stubs::fake_below(base);
        let tr = translate(&block, FlagSet::ALL, base, &s, known, false).expect("translates");
        (tr, base)
    }

    /// Host addresses of the `b.cond` branches in `code` placed at `base`: (at, target).
    fn cond_branches(code: &[u8], base: u64) -> Vec<(u64, u64)> {
        words(code)
            .iter()
            .enumerate()
            .filter(|&(_, &w)| w & 0xff00_0010 == 0x5400_0000)
            .filter_map(|(k, &w)| {
                let at = base + 4 * k as u64;
                crate::a64::cond_branch_target(at, w).map(|t| (at, t))
            })
            .collect()
    }

    #[test]
    fn a_side_exit_branches_out_of_line_and_the_block_goes_on() {
        let (tr, base) = translate_side_exit_block(&|_| None);
        let w = words(&tr.code);
        let branches = cond_branches(&tr.code, base);
        assert_eq!(branches.len(), 1, "{w:x?}");
        let (at, exit) = branches[0];
        // the fall-through (add rax, 1 and the return's lookup) follows the branch inline; the
        // taken side's exit comes after the block's last exit, the return's `br x16`
        let br_x16 = 0xd61f_0200;
        let last_exit = w
            .iter()
            .position(|&x| x == br_x16)
            .expect("the return probes");
        assert!(exit > base + 4 * last_exit as u64, "{w:x?}");
        // the exit is an unlinked chain site reporting the conditional branch as its patch site
        let k = ((exit - base) / 4) as usize;
        assert_eq!(Some(w[k]), crate::a64::b(exit, exit + 4));
        assert_eq!(
            w[k + 1],
            crate::a64::adr(16, (at as i64 - (exit + 4) as i64) as i32)
        );
        // the fault map marks the exit as the branch's code, after the block's own marks
        let offs: Vec<u32> = tr.marks.iter().map(|m| m.0).collect();
        assert!(offs.windows(2).all(|p| p[0] <= p[1]), "{offs:?}");
        assert!(tr
            .marks
            .iter()
            .any(|&(o, rip, _)| u64::from(o) == exit - base && rip == 0x40_0003));
    }

    #[test]
    fn a_side_exit_to_a_translated_target_branches_straight_there() {
        let target_host = 0x10_0000 - 0x800;
        let known = |t: u64| (t == SIDE_TARGET).then_some(target_host);
        let (tr, base) = translate_side_exit_block(&known);
        let branches = cond_branches(&tr.code, base);
        assert_eq!(branches.len(), 1);
        let (at, to) = branches[0];
        assert_eq!(to, target_host);
        // unlinked, the branch goes to the slow exit after the block, which links itself too
        let site = tr
            .prelinked
            .iter()
            .find(|c| c.site as u64 == at - base)
            .expect("the branch is a linked chain site");
        assert_eq!(site.target, SIDE_TARGET);
        let slow = crate::a64::cond_branch_target(at, site.unlinked.expect("an unlinked form"))
            .expect("a conditional branch");
        assert!(slow > at);
        let slow_word = words(&tr.code)[((slow - base) / 4) as usize];
        assert_eq!(Some(slow_word), crate::a64::b(slow, target_host));
        assert!(tr
            .prelinked
            .iter()
            .any(|c| c.site as u64 == slow - base && c.target == SIDE_TARGET));
    }

    #[test]
    fn flags_live_at_a_side_exit_target_are_live_before_the_branch() {
        // add rax, rbx; jne +2; xor ecx, ecx; ret
        let insns = crate::decode::decode_all(&[0x48, 0x01, 0xd8, 0x75, 0x02, 0x31, 0xc9, 0xc3]);
        let exit = |live_flags| {
            [SideExit {
                index: 1,
                live_flags,
                upper_live: u16::MAX,
            }]
        };
        let live = |side: &[SideExit]| {
            by_pieces(
                &insns,
                side,
                FlagSet::NONE,
                |x| x.live_flags,
                FlagSet::union,
                |p, l| (flags::liveness(p, l), flags::live_in(p, l)),
            )
        };
        let dead = live(&exit(FlagSet::NONE));
        assert_eq!(
            dead,
            vec![FlagSet::ZF, FlagSet::NONE, FlagSet::NONE, FlagSet::NONE]
        );
        let cf = live(&exit(FlagSet::CF));
        assert_eq!(cf[0], FlagSet::ZF.union(FlagSet::CF));
        assert_eq!(cf[1], FlagSet::CF, "the fall-through overwrites every flag");
    }

    #[test]
    fn blocks_from_changeable_memory_check_their_bytes_on_entry() {
        // mov eax, 0x12345678; add eax, ebx; ret (18 bytes: one 16-byte pair + a 2-byte tail)
        let guest = [
            0xb8, 0x78, 0x56, 0x34, 0x12, 0x01, 0xd8, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90,
            0x90, 0x90, 0x90, 0xc3,
        ];
        let base = 0x10_0000;
        let s = Stubs::fake_below(base);
        let known = |_: u64| None;
        let src = SliceSource {
            base: 0x40_0000,
            bytes: &guest,
        };
        let plain = translate(
            &decode_block(&src, 0x40_0000, 64),
            FlagSet::ALL,
            base,
            &s,
            &known,
            false,
        )
        .expect("translates");
        let block = decode_block(&Writable(src), 0x40_0000, 64);
        assert!(block.self_check);
        let checked = translate(&block, FlagSet::ALL, base, &s, &known, false)
            .expect("translates with a check");
        let w = words(&checked.code);
        // first word jumps over the mismatch exit and the copy of the guest bytes
        assert_eq!(w[0] >> 26, 0b000101, "b over the check data");
        // the copy of the guest bytes is in the code, padded to words
        let pool = checked
            .code
            .windows(guest.len())
            .position(|x| x == guest)
            .expect("guest bytes copied into the block");
        assert_eq!(pool % 4, 0);
        // the mismatch path leaves through exit_code_changed
        let exits = w
            .iter()
            .enumerate()
            .filter(|&(k, &x)| Some(x) == crate::a64::b(base + 4 * k as u64, s.exit_code_changed))
            .count();
        assert_eq!(exits, 1);
        // the check never touches the flags: no compare/subs (flag-setting ALU ops have S=1,
        // i.e. bits 29..30 = 0b11 for the 64-bit add/sub class 0x6b/0xeb)
        let check_len = checked.code.len() - plain.code.len();
        assert!(check_len > guest.len(), "{check_len}");
        for &x in &w[..check_len / 4] {
            assert_ne!(
                x & 0x7f20_0000,
                0x6b00_0000,
                "flag-setting sub/cmp {x:#010x} in the check"
            );
            assert_ne!(
                x & 0x7f00_0000,
                0x7100_0000,
                "cmp imm {x:#010x} in the check"
            );
        }
    }
}
