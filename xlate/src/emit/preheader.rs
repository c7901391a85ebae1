//! Loop preheaders: a block that branches back to its own start gets a few instructions in
//! front of its first guest instruction that set up values every iteration would otherwise
//! load again, and its back edges enter just after them:
//! - the RIP base (x27) for the block's first RIP-relative operand;
//! - one constant, kept in [`LOOP_CONST`] (x18, which otherwise only LDP/STP pairs use, and
//!   none in such a block: see [`super::pairs::Plan::keep_pair_register_free`]): the first
//!   that the loop stores to memory (`movb $1, (%rbx,%rax)` in a sieve), else the first large
//!   displacement from a register (`add 0x47a060(%rdi),%r13d` in sha256).
//!
//! A back edge enters after the preheader only if both still hold what the preheader put there
//! on every path to it (no helper call, whose stub clobbers x27 and may clobber x18, and no
//! local label where paths that did one might meet); otherwise it enters at the start, as every
//! branch from elsewhere does. Blocks that check their own code on entry (self-modifying code)
//! get no preheader: every iteration must run the check.

use super::Emitter;
use crate::decode::DecodedBlock;
use dynasmrt::DynasmApi;
use iced_x86::{Instruction, Mnemonic, OpKind, Register};

/// The register holding the loop constant.
pub const LOOP_CONST: u8 = 18;

/// What a block's preheader sets up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Plan {
    /// Guest address loaded into the RIP base.
    pub rip_base: Option<u64>,
    /// The constant loaded into [`LOOP_CONST`].
    pub constant: Option<u64>,
}

/// Where the back edges of a block with a preheader enter, and what holds there.
#[derive(Clone, Copy, Debug)]
pub struct LoopEntry {
    /// Offset of the first guest instruction's code from the block's start.
    pub offset: usize,
    pub plan: Plan,
}

/// The preheader of `block`, if it loops to its own start and has something to hoist.
pub fn plan(block: &DecodedBlock) -> Option<Plan> {
    if block.self_check {
        return None;
    }
    let loops = block.insns.iter().any(|i| {
        (i.is_jcc_short_or_near() || i.mnemonic() == Mnemonic::Jmp)
            && i.op_kind(0) == OpKind::NearBranch64
            && i.near_branch_target() == block.start
    });
    if !loops {
        return None;
    }
    let p = Plan {
        rip_base: block
            .insns
            .iter()
            .find(|i| i.is_ip_rel_memory_operand())
            .map(|i| i.ip_rel_memory_address()),
        constant: block
            .insns
            .iter()
            .find_map(stored_constant)
            .or_else(|| block.insns.iter().find_map(large_displacement)),
    };
    (p != Plan::default()).then_some(p)
}

/// The non-zero immediate a `mov mem, imm` stores (truncated to the store's size), which the
/// emitter would otherwise build in a register first.
pub fn stored_constant(i: &Instruction) -> Option<u64> {
    if i.mnemonic() != Mnemonic::Mov
        || i.op_kind(0) != OpKind::Memory
        || i.op_count() != 2
        || i.op_kind(1) == OpKind::Register
        || i.memory_segment() == Register::FS
        || i.memory_segment() == Register::GS
    {
        return None;
    }
    // the value `Emitter::mov` stores (it truncates to the operand size the same way)
    let v = super::operands::immediate(i, 1, i.memory_size().size() as u32);
    (v != 0).then_some(v)
}

/// The displacement of a memory operand `[reg + disp]` (a guest base register, no index) too
/// large for the immediate forms of an access, which the emitter would otherwise load into x17
/// (see `Emitter::offset_in_x17`): `add 0x47a060(%rdi),%r13d` in sha256's round loop.
pub fn large_displacement(i: &Instruction) -> Option<u64> {
    let base = i.memory_base();
    if !(0..i.op_count()).any(|n| i.op_kind(n) == OpKind::Memory)
        || base == Register::None
        || base == Register::RIP
        || base.size() != 8
        || i.memory_index() != Register::None
        || matches!(i.memory_segment(), Register::FS | Register::GS)
    {
        return None;
    }
    let d = i.memory_displacement64() as i64;
    let size = i.memory_size().size() as u32;
    (size > 0 && !super::operands::encodable(d, size)).then_some(d as u64)
}

impl Emitter<'_> {
    /// Emits the preheader of `plan`; back edges may enter after it (see [`LoopEntry`]).
    pub fn loop_preheader(&mut self, plan: Plan) {
        if let Some(v) = plan.constant {
            self.mov_imm(LOOP_CONST, v);
            self.loop_const = Some(v);
        }
        if let Some(a) = plan.rip_base {
            self.mov_imm(crate::regmap::RIP_BASE, a);
            self.rip_base = Some(a);
        }
        self.loop_entry = Some(LoopEntry {
            offset: self.a.offset().0,
            plan,
        });
    }

    /// Offset from the block start where a branch back to the start may enter from here: after
    /// the preheader while its registers still hold their values, else 0.
    pub fn loop_entry_offset(&self) -> u64 {
        match self.loop_entry {
            Some(e)
                if e.plan.rip_base.is_none_or(|a| self.rip_base == Some(a))
                    && e.plan.constant.is_none_or(|v| self.loop_const == Some(v)) =>
            {
                e.offset as u64
            }
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{decode_block, SliceSource};

    fn block(bytes: &[u8]) -> DecodedBlock {
        let src = SliceSource {
            base: 0x40_1000,
            bytes,
        };
        decode_block(&src, 0x40_1000, 64)
    }

    #[test]
    fn a_sieve_loop_hoists_its_stored_byte() {
        // movb $1, (%rbx,%rax); add %rdx,%rax; cmp %r13,%rax; jle start
        let b = block(&[
            0xc6, 0x04, 0x03, 0x01, 0x48, 0x01, 0xd0, 0x4c, 0x39, 0xe8, 0x7e, 0xf4,
        ]);
        assert_eq!(
            plan(&b),
            Some(Plan {
                rip_base: None,
                constant: Some(1)
            })
        );
    }

    #[test]
    fn a_rip_relative_loop_hoists_its_base_and_a_straight_block_nothing() {
        // movdqa 0x100(%rip),%xmm0; add $0x10,%rax; cmp %rcx,%rax; jne start
        let mut code = vec![0x66, 0x0f, 0x6f, 0x05, 0x00, 0x01, 0x00, 0x00];
        code.extend([0x48, 0x83, 0xc0, 0x10, 0x48, 0x39, 0xc8, 0x75, 0xef]);
        let p = plan(&block(&code)).expect("a loop");
        assert_eq!(p.rip_base, Some(0x40_1000 + 8 + 0x100));
        assert_eq!(p.constant, None);
        // the same body jumping elsewhere
        code[16] = 0x10;
        assert_eq!(plan(&block(&code)), None);
    }

    #[test]
    fn a_table_loop_without_stores_hoists_its_large_displacement() {
        // add 0x47a060(%rdi),%r13d; add $4,%rdi; cmp $0x100,%rdi; jne start
        let b = block(&[
            0x44, 0x03, 0xaf, 0x60, 0xa0, 0x47, 0x00, 0x48, 0x83, 0xc7, 0x04, 0x48, 0x81, 0xff,
            0x00, 0x01, 0x00, 0x00, 0x75, 0xec,
        ]);
        assert_eq!(
            plan(&b),
            Some(Plan {
                rip_base: None,
                constant: Some(0x47a060)
            })
        );
        // small displacements are encoded in the access
        assert_eq!(large_displacement(&b.insns[1]), None);
    }

    #[test]
    fn zero_and_segment_stores_are_not_hoisted() {
        // movl $0, (%rax)
        let b = block(&[0xc7, 0x00, 0x00, 0x00, 0x00, 0x00]);
        assert_eq!(b.insns.first().and_then(stored_constant), None);
        // movq $-1, %fs:(%rax) ; movw $0x1234, (%rax)
        let b = block(&[
            0x64, 0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff, 0x66, 0xc7, 0x00, 0x34, 0x12,
        ]);
        assert_eq!(stored_constant(&b.insns[0]), None);
        assert_eq!(stored_constant(&b.insns[1]), Some(0x1234));
    }
}
