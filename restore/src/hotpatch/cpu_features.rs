//! glibc's cached CPU features (`struct cpu_features`): where it is in the guest, and the writes
//! that make it describe the target, so that IFUNC resolutions after the restore (dlopen, lazy
//! binding, the resolvers the planner interprets) and ld.so's trampoline choice pick variants the
//! target runs.
//!
//! Layout (glibc 2.36, sysdeps/x86/include/cpu-features.h), offsets from the struct start:
//! `basic` {kind, max_cpuid, family, model, stepping} (20 bytes); 9 × {cpuid[4], active[4]}
//! words (index 0 = leaf 1, 1 = leaf 7, 2 = 0x80000001, 3 = 0xd.1, 4 = 0x80000007,
//! 5 = 0x80000008, 6 = 7.1, 7 = 0x19, 8 = 0x14); `preferred` at 308; `isa_1` at 312;
//! `xsave_state_size` (u64) at 320; sizeof 480. In a dynamically linked process the struct is
//! `_rtld_global_ro._dl_x86_cpu_features` at offset 0x70 of ld.so's exported `_rtld_global_ro`;
//! in a static one it is the object `_dl_x86_cpu_features`. These offsets were checked against
//! the code of the 2.36 resolvers (memmove reads `preferred` at +0x134 and leaf-7 `active.ebx`
//! at +0x48) and are used only when the glibc release is 2.36 (or, for a static binary, the
//! object is 480 bytes); otherwise the plan says it cannot update the cache.

use super::elf_object::MappedObject;
use super::features::{all_feature_bits, SourceCpu, TargetCpu};
use super::guest::{GuestAddr, GuestMemory, Mapping, PROT_WRITE};

const RTLD_GLOBAL_RO_CPU_FEATURES: u64 = 0x70;
const SIZEOF_CPU_FEATURES_2_36: u64 = 480;
const FEATURES_OFF: u64 = 20;
const ENTRY_SIZE: u64 = 32;
const PREFERRED_OFF: u64 = 308;
const ISA_1_OFF: u64 = 312;
const XSAVE_STATE_SIZE_OFF: u64 = 320;
/// (leaf, subleaf) of each `features[]` index.
const INDEX_LEAVES: [(u32, u32); 9] = [
    (1, 0),
    (7, 0),
    (0x8000_0001, 0),
    (0xd, 1),
    (0x8000_0007, 0),
    (0x8000_0008, 0),
    (7, 1),
    (0x19, 0),
    (0x14, 0),
];
const REG_NAMES: [&str; 4] = ["eax", "ebx", "ecx", "edx"];
/// `preferred` bits of glibc 2.36 (cpu-features-preferred_feature_index_1.def, as this build
/// numbers them; checked against its memmove resolver).
const PREFERRED_AVX_FAST_UNALIGNED_LOAD: u32 = 9;
const PREFERRED_PREFER_ERMS: u32 = 11;
const PREFERRED_PREFER_FSRM: u32 = 14;
/// ld.so's STATE_SAVE_OFFSET (2.36): what precedes the xsave area in the trampoline's frame.
const STATE_SAVE_OFFSET: u64 = 64;

/// Where the struct is and how it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuFeaturesSite {
    pub object: String,
    pub addr: u64,
    pub found_by: String,
}

/// One field write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldWrite {
    pub field: String,
    pub addr: u64,
    /// 4 or 8 bytes.
    pub width: u8,
    pub old: u64,
    pub new: u64,
}

fn read_u32(mem: &dyn GuestMemory, addr: u64) -> Result<u32, String> {
    let mut b = [0u8; 4];
    mem.read(GuestAddr(addr), &mut b)
        .map_err(|e| e.to_string())?;
    Ok(u32::from_le_bytes(b))
}

/// Checks that `addr` holds a cpu_features struct of the source CPU: a valid `basic` block
/// followed by the leaf-1 eax/ecx/edx words the source recorded (ebx holds the APIC id, which
/// differs per core).
fn validate(mem: &dyn GuestMemory, addr: u64, source: &SourceCpu) -> Result<(), String> {
    let kind = read_u32(mem, addr)?;
    let max_cpuid = read_u32(mem, addr + 4)?;
    if !(1..=4).contains(&kind) || !(7..0x100).contains(&max_cpuid) {
        return Err(format!(
            "{addr:#x} does not hold glibc's cpu_features (kind {kind}, max_cpuid {max_cpuid:#x})"
        ));
    }
    if let Some(l1) = source.leaf(1, 0) {
        let words = [
            read_u32(mem, addr + FEATURES_OFF)?,
            read_u32(mem, addr + FEATURES_OFF + 8)?,
            read_u32(mem, addr + FEATURES_OFF + 12)?,
        ];
        if words != [l1.eax, l1.ecx, l1.edx] {
            return Err(format!(
                "cpu_features at {addr:#x} records CPUID leaf 1 {:08x}/{:08x}/{:08x}, the source CPU had {:08x}/{:08x}/{:08x}",
                words[0], words[1], words[2], l1.eax, l1.ecx, l1.edx
            ));
        }
    }
    Ok(())
}

/// Finds glibc's cpu_features in the guest.
pub fn locate(
    objects: &[MappedObject],
    mappings: &[Mapping],
    mem: &dyn GuestMemory,
    source: &SourceCpu,
) -> Result<CpuFeaturesSite, String> {
    if let Some(ld) = objects
        .iter()
        .find(|o| o.dyn_defs.contains_key("_rtld_global_ro"))
    {
        let release = ld.glibc_release.clone().unwrap_or_else(|| "unknown".into());
        if release != "2.36" {
            return Err(format!(
                "{} is glibc {release}; the layout of its cpu_features is known for 2.36 only, so the cached features stay as they are (later dlopen/lazy resolutions may pick variants the target lacks)",
                ld.name
            ));
        }
        let (value, _) = ld.dyn_defs["_rtld_global_ro"];
        let addr = ld.bias.wrapping_add(value) + RTLD_GLOBAL_RO_CPU_FEATURES;
        validate(mem, addr, source)?;
        return Ok(CpuFeaturesSite {
            object: ld.name.clone(),
            addr,
            found_by: "_rtld_global_ro+0x70 (glibc 2.36)".into(),
        });
    }
    if let Some(exe) = objects.iter().find(|o| o.is_static_exec) {
        if let Some(sym) = exe.symbol_value("_dl_x86_cpu_features") {
            if sym.size != SIZEOF_CPU_FEATURES_2_36 {
                return Err(format!(
                    "{}: _dl_x86_cpu_features is {} bytes, not the 480 of glibc 2.36: unknown layout, cached features left as they are",
                    exe.name, sym.size
                ));
            }
            let addr = exe.bias.wrapping_add(sym.value);
            validate(mem, addr, source)?;
            return Ok(CpuFeaturesSite {
                object: exe.name.clone(),
                addr,
                found_by: "_dl_x86_cpu_features (.symtab, 480 bytes = glibc 2.36)".into(),
            });
        }
        return pattern_search(exe, mappings, mem, source);
    }
    Err("no glibc found (neither ld.so's _rtld_global_ro nor a static glibc executable)".into())
}

/// Searches the writable memory of a static executable (its data, bss and the anonymous
/// mapping that follows) for the struct: the source's leaf-1 words after a valid basic block,
/// with a plausible `isa_1` and `xsave_state_size`.
fn pattern_search(
    exe: &MappedObject,
    mappings: &[Mapping],
    mem: &dyn GuestMemory,
    source: &SourceCpu,
) -> Result<CpuFeaturesSite, String> {
    let l1 = source.leaf(1, 0).ok_or(
        "the source CPU record lacks CPUID leaf 1, needed to find cpu_features by pattern",
    )?;
    let mut pat = Vec::new();
    pat.extend_from_slice(&l1.eax.to_le_bytes());
    for m in mappings.iter().filter(|m| {
        m.prot & PROT_WRITE != 0
            && m.start.0 < exe.end.0 + 0x100_0000
            && m.end.0 > exe.start.0
            && m.len() <= 64 << 20
    }) {
        let mut buf = vec![0u8; m.len() as usize];
        if mem.read(m.start, &mut buf).is_err() {
            continue;
        }
        let mut i = FEATURES_OFF as usize;
        while i + 16 <= buf.len() {
            if buf[i..i + 4] == pat[..] {
                let addr = m.start.0 + i as u64 - FEATURES_OFF;
                if validate(mem, addr, source).is_ok() {
                    let isa = read_u32(mem, addr + ISA_1_OFF).unwrap_or(0);
                    if (1..16).contains(&isa) {
                        return Ok(CpuFeaturesSite {
                            object: exe.name.clone(),
                            addr,
                            found_by: "pattern (leaf-1 words after the basic block)".into(),
                        });
                    }
                }
            }
            i += 4;
        }
    }
    Err(format!(
        "{}: glibc's cpu_features not found (no symbol, no match of the source's CPUID leaf 1)",
        exe.name
    ))
}

/// The writes that make the struct at `site` describe `target`.
pub fn plan_writes(
    site: &CpuFeaturesSite,
    mem: &dyn GuestMemory,
    source: &SourceCpu,
    target: &TargetCpu,
) -> Result<Vec<FieldWrite>, String> {
    let mut out = Vec::new();
    for (idx, (leaf, sub)) in INDEX_LEAVES.iter().enumerate() {
        for reg in 0..4u8 {
            let mut clear = 0u32;
            for (l, s, r, bit, name) in all_feature_bits() {
                if l == leaf && s == sub && *r == reg && !target.has(name) {
                    clear |= 1 << bit;
                }
            }
            if clear == 0 {
                continue;
            }
            let base = site.addr + FEATURES_OFF + ENTRY_SIZE * idx as u64 + 4 * u64::from(reg);
            for (half, what) in [(0u64, "cpuid"), (16, "active")] {
                let addr = base + half;
                let old = read_u32(mem, addr)?;
                let new = old & !clear;
                if new != old {
                    out.push(FieldWrite {
                        field: format!(
                            "{what}[leaf {leaf:#x}.{sub}].{}",
                            REG_NAMES[usize::from(reg)]
                        ),
                        addr,
                        width: 4,
                        old: u64::from(old),
                        new: u64::from(new),
                    });
                }
            }
        }
    }
    let mut clear_pref = 0u32;
    if !target.has("avx2") {
        clear_pref |= 1 << PREFERRED_AVX_FAST_UNALIGNED_LOAD;
    }
    if !target.has("erms") {
        clear_pref |= 1 << PREFERRED_PREFER_ERMS;
    }
    if !target.has("fsrm") {
        clear_pref |= 1 << PREFERRED_PREFER_FSRM;
    }
    let addr = site.addr + PREFERRED_OFF;
    let old = read_u32(mem, addr)?;
    if old & clear_pref != 0 {
        out.push(FieldWrite {
            field: "preferred[0]".into(),
            addr,
            width: 4,
            old: u64::from(old),
            new: u64::from(old & !clear_pref),
        });
    }
    let addr = site.addr + ISA_1_OFF;
    let old = read_u32(mem, addr)?;
    let new = old & target.isa_level_bits();
    if new != old {
        out.push(FieldWrite {
            field: "isa_1".into(),
            addr,
            width: 4,
            old: u64::from(old),
            new: u64::from(new),
        });
    }
    let addr = site.addr + XSAVE_STATE_SIZE_OFF;
    let mut b = [0u8; 8];
    mem.read(GuestAddr(addr), &mut b)
        .map_err(|e| e.to_string())?;
    let old = u64::from_le_bytes(b);
    let new = match trampoline_kind_for(target) {
        TrampolineKind::Xsavec => old,
        TrampolineKind::Xsave => {
            let standard = source
                .leaf(0xd, 0)
                .map(|w| u64::from(w.ebx))
                .unwrap_or(u64::from(source.xsave_size));
            (standard + STATE_SAVE_OFFSET).div_ceil(64) * 64
        }
        TrampolineKind::Fxsave => 0,
    };
    if new != old {
        out.push(FieldWrite {
            field: "xsave_state_size".into(),
            addr,
            width: 8,
            old,
            new,
        });
    }
    Ok(out)
}

/// ld.so's lazy-binding trampolines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrampolineKind {
    Fxsave,
    Xsave,
    Xsavec,
}

impl TrampolineKind {
    pub fn symbol(self) -> &'static str {
        match self {
            TrampolineKind::Fxsave => "_dl_runtime_resolve_fxsave",
            TrampolineKind::Xsave => "_dl_runtime_resolve_xsave",
            TrampolineKind::Xsavec => "_dl_runtime_resolve_xsavec",
        }
    }
}

/// The trampoline for a target, by glibc's rule with one change: a target without XSAVEC but
/// with AVX state needs `xsave` (fxsave would lose the upper halves of the vector registers);
/// without AVX, `fxsave` saves everything the target has.
pub fn trampoline_kind_for(target: &TargetCpu) -> TrampolineKind {
    if target.has("xsavec") {
        TrampolineKind::Xsavec
    } else if target.has("avx") && target.has("xsave") {
        TrampolineKind::Xsave
    } else {
        TrampolineKind::Fxsave
    }
}
