//! The hot-patch stage: code in an image that is bound to the source CPU is rebound to what the
//! target offers before the first guest instruction runs.
//!
//! glibc binds code to the CPU at load time: IFUNC resolvers pick memcpy/strlen/... variants
//! (AVX-512/EVEX on the machine the images come from) and store them in pointer slots
//! (IRELATIVE relocations, and JUMP_SLOT/GLOB_DAT entries whose symbol is an IFUNC); ld.so puts
//! its lazy-binding trampoline (`_dl_runtime_resolve_xsavec`) in GOT[2] of every object with a
//! lazy PLT; and glibc caches the CPU features (`cpu_features`) for later resolutions.
//!
//! # Planning ([`plan_hotpatch`])
//! Inputs are behind traits ([`AddressSpace`], [`GuestMemory`]) so that one planner serves a live
//! process ([`LiveProcess`]) and an image ([`ImageProcess`]). For every mapped ELF object (its
//! on-disk file, checked against the mapping's identity, parsed with goblin):
//! 1. **cpu_features** ([`cpu_features`]): found through ld.so's `_rtld_global_ro` (glibc 2.36
//!    offset) or a static binary's `_dl_x86_cpu_features`, validated against the source CPU's
//!    CPUID leaf 1, or found by that pattern; the plan clears every feature bit the target lacks
//!    in both the `cpuid` and `active` words, the `preferred` bits that select AVX2/ERMS/FSRM
//!    variants, lowers `isa_1` to the target's level and sets `xsave_state_size` so that ld.so
//!    picks the trampoline chosen below. Unknown glibc releases get an `Unpatchable` item.
//! 2. **IFUNC slots**: each slot's current function is decoded (iced-x86, recursive descent from
//!    its entry) and the CPU features of its instructions are collected. A slot that needs a
//!    feature the target lacks is rebound to the variant **glibc itself picks on the target**:
//!    the slot's resolver is *interpreted* ([`resolver_emu`], a small pure interpreter of the
//!    integer instructions resolvers consist of) over guest memory with the new cpu_features laid
//!    over it. Nothing runs in the guest, so this works for `--dry-run` and for images, and it
//!    needs no function names: the resolver's code is the rule. The choice is then decoded too and
//!    must need only target features. If the resolver cannot be interpreted, the fallback
//!    ([`ChosenBy::CandidateRule`]) takes the resolver's candidate set (the functions it loads
//!    with rip-relative LEA), keeps those whose instructions need only target features, and picks
//!    the one needing the most features (the most specialised that runs), which the plan marks.
//! 3. **Trampoline**: GOT[2] holding the xsavec trampoline (recognised by its `xsavec`
//!    instruction) is switched to the fxsave one (the xsave one when the target has AVX but not
//!    XSAVEC), found by ld.so's symbols or structurally ([`trampoline`]).
//!
//! Names come from .symtab, else the separate debug file (`/usr/lib/debug/.build-id/xx/….debug`),
//! else .dynsym, else `libc.so.6+0xOFFSET`; the plan does not depend on them.
//!
//! # Applying ([`apply`])
//! `apply` first reads every location and refuses (writing nothing) unless each still holds the
//! planned old value, then writes. **The caller must guarantee** that no guest thread executes
//! between planning and the end of `apply`, and until every thread is released together: every
//! thread of the process is held before it executes any guest instruction and has acknowledged
//! it (stopped under ptrace, or parked by the translator), plan and apply run, then all threads
//! are released at once. A thread that ran in between could have copied a slot (a function
//! pointer kept elsewhere cannot be patched: the translator must implement the instruction or
//! stop with a diagnostic naming it).
//!
//! [`audit_pointer_slots`] re-checks, after apply, every code pointer slot of every object.

mod apply;
mod audit;
pub mod cpu_features;
mod decode;
mod elf_object;
mod features;
mod guest;
mod image;
mod live;
mod plan;
mod planner;
pub mod resolver_emu;
pub mod trampoline;

pub use apply::{apply, ApplyHotpatchError, ApplyReport};
pub use audit::{audit_pointer_slots, AuditReport, BadSlot};
pub use cpu_features::{CpuFeaturesSite, TrampolineKind};
pub use decode::{decode_function, CodeView, FunctionCache, FunctionInfo};
pub use elf_object::{MappedObject, SlotKind};
pub use features::{
    compatibility, feature_name, CompatReport, SourceCpu, TargetCpu, X86_64_BASELINE,
};
pub use guest::{
    AddressSpace, FileIdentity, GuestAccessError, GuestAddr, GuestMemory, GuestMemoryWrite,
    Mapping, PROT_EXEC, PROT_READ, PROT_WRITE,
};
pub(crate) use image::mapping_of_vma;
pub use image::{ImageProcess, OpenImageProcessError};
pub use live::{parse_proc_maps, LiveProcess};
pub use plan::{ChosenBy, CodeRef, HotpatchItem, HotpatchPlan};
pub use planner::{
    plan_hotpatch, plan_image, Guest, IfuncSlot, PlanHotpatchError, PlanImageError, PlanOptions,
};
