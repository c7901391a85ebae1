//! CPU feature sets by Linux /proc/cpuinfo names (as [`linux_sys::cpu`] uses them): what the
//! target offers ([`TargetCpu`]), what the source had ([`SourceCpu`]), the names of the features
//! an instruction needs (from iced-x86's CPUID table), and the compatibility report.

use std::collections::BTreeSet;
use std::fmt;

use iced_x86::CpuidFeature;
use images_format::proto::inventory::CpuInfo;
use linux_sys::cpu::{CpuDescription, CpuidWords};

/// Features every x86-64 CPU has: never reported as missing, never cleared.
pub const X86_64_BASELINE: &[&str] = &[
    "fpu", "tsc", "cx8", "cmov", "mmx", "fxsr", "sse", "sse2", "syscall", "nx", "lm", "clflush",
];

/// Every known feature bit (one table, [`linux_sys::cpu::X86_FEATURE_BITS`]).
pub fn all_feature_bits() -> impl Iterator<Item = &'static (u32, u32, u8, u8, &'static str)> {
    linux_sys::cpu::X86_FEATURE_BITS.iter()
}

/// What the target (host CPU for a native restore, the translator for cross-ISA) offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetCpu {
    features: BTreeSet<String>,
}

impl TargetCpu {
    /// A target offering `names` (plus the x86-64 baseline, always implied).
    pub fn from_names<I: IntoIterator<Item = S>, S: AsRef<str>>(names: I) -> TargetCpu {
        let mut features: BTreeSet<String> =
            names.into_iter().map(|s| s.as_ref().to_string()).collect();
        features.extend(X86_64_BASELINE.iter().map(|s| s.to_string()));
        TargetCpu { features }
    }

    /// This host's CPU.
    pub fn host() -> TargetCpu {
        // Named with the same table as a source CPU (feature_names_of), so that restoring on
        // the machine that dumped plans nothing.
        Self::from_names(SourceCpu::host().features)
    }

    /// What the translator offers: the feature names its CPUID reports (xlate::cpuid), so the
    /// plan and the guest's view of the CPU cannot disagree.
    pub fn xlate_default() -> TargetCpu {
        let words: Vec<linux_sys::cpu::CpuidWords> =
            [(1, 0), (7, 0), (7, 1), (0xd, 1), (0x8000_0001, 0)]
                .into_iter()
                .map(|(leaf, subleaf)| {
                    let r = xlate::cpuid::cpuid(leaf, subleaf);
                    linux_sys::cpu::CpuidWords {
                        leaf,
                        subleaf,
                        eax: r.eax,
                        ebx: r.ebx,
                        ecx: r.ecx,
                        edx: r.edx,
                    }
                })
                .collect();
        Self::from_names(feature_names_of(&words))
    }

    pub fn has(&self, name: &str) -> bool {
        self.features.contains(name)
    }

    pub fn features(&self) -> impl Iterator<Item = &str> {
        self.features.iter().map(String::as_str)
    }

    /// The x86-64 micro-architecture level (1..=4) the target reaches, as glibc's `isa_1` bits
    /// count them (baseline=1, v2=2, v3=4, v4=8); returns the bit mask glibc stores.
    pub fn isa_level_bits(&self) -> u32 {
        let all = |l: &[&str]| l.iter().all(|f| self.has(f));
        let mut bits = 1;
        if all(&[
            "cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3",
        ]) {
            bits |= 2;
            if all(&[
                "avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "osxsave",
            ]) {
                bits |= 4;
                if all(&["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]) {
                    bits |= 8;
                }
            }
        }
        bits
    }
}

/// What the source CPU was (from the image inventory, or this host for live processes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceCpu {
    pub vendor: String,
    pub model_name: String,
    pub family: u32,
    pub model: u32,
    pub stepping: u32,
    pub cpuid: Vec<CpuidWords>,
    pub xsave_size: u32,
    pub features: BTreeSet<String>,
}

impl SourceCpu {
    pub fn from_description(d: &CpuDescription) -> SourceCpu {
        SourceCpu {
            vendor: d.vendor.clone(),
            model_name: d.model_name.clone(),
            family: d.family,
            model: d.model,
            stepping: d.stepping,
            cpuid: d.cpuid.clone(),
            xsave_size: d.xsave_size,
            features: d.features.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn host() -> SourceCpu {
        Self::from_description(&linux_sys::cpu::host_cpu())
    }

    /// From an image's inventory.
    pub fn from_inventory(cpu: &CpuInfo) -> SourceCpu {
        let cpuid: Vec<CpuidWords> = cpu
            .cpuid
            .iter()
            .map(|l| CpuidWords {
                leaf: l.leaf,
                subleaf: l.subleaf,
                eax: l.eax,
                ebx: l.ebx,
                ecx: l.ecx,
                edx: l.edx,
            })
            .collect();
        let mut features: BTreeSet<String> = cpu.features.iter().cloned().collect();
        features.extend(feature_names_of(&cpuid));
        SourceCpu {
            vendor: cpu.vendor.clone(),
            model_name: cpu.model_name.clone(),
            family: cpu.family,
            model: cpu.model,
            stepping: cpu.stepping,
            cpuid,
            xsave_size: cpu.xsave_size,
            features,
        }
    }

    /// The CPUID words of `(leaf, subleaf)` if recorded.
    pub fn leaf(&self, leaf: u32, subleaf: u32) -> Option<&CpuidWords> {
        self.cpuid
            .iter()
            .find(|w| w.leaf == leaf && w.subleaf == subleaf)
    }
}

/// The names of every known feature bit set in `words`.
pub fn feature_names_of(words: &[CpuidWords]) -> BTreeSet<String> {
    all_feature_bits()
        .filter(|(leaf, sub, reg, bit, _)| {
            words.iter().any(|w| {
                w.leaf == *leaf
                    && w.subleaf == *sub
                    && [w.eax, w.ebx, w.ecx, w.edx][usize::from(*reg)] & (1u32 << bit) != 0
            })
        })
        .map(|(.., name)| name.to_string())
        .collect()
}

/// The Linux name of an iced-x86 CPUID feature, or `None` for what every x86-64 CPU executes
/// (8086..486 instructions, long mode, multi-byte NOPs, CPUID, PAUSE, ENDBR64 which older CPUs
/// execute as a NOP).
pub fn feature_name(f: CpuidFeature) -> Option<String> {
    let name = match f {
        CpuidFeature::INTEL8086
        | CpuidFeature::INTEL186
        | CpuidFeature::INTEL286
        | CpuidFeature::INTEL386
        | CpuidFeature::INTEL486
        | CpuidFeature::X64
        | CpuidFeature::MULTIBYTENOP
        | CpuidFeature::PAUSE
        | CpuidFeature::CPUID
        | CpuidFeature::CET_IBT
        | CpuidFeature::FPU
        | CpuidFeature::FPU287
        | CpuidFeature::FPU387
        | CpuidFeature::CMOV
        | CpuidFeature::CX8
        | CpuidFeature::MMX
        | CpuidFeature::SSE
        | CpuidFeature::SSE2
        | CpuidFeature::FXSR
        | CpuidFeature::SYSCALL
        | CpuidFeature::TSC
        | CpuidFeature::CLFSH => return None,
        CpuidFeature::SSE3 => "pni",
        CpuidFeature::LZCNT => "abm",
        CpuidFeature::SHA => "sha_ni",
        CpuidFeature::CMPXCHG16B => "cx16",
        CpuidFeature::AVX512_VBMI => "avx512vbmi",
        CpuidFeature::AVX512_IFMA => "avx512ifma",
        CpuidFeature::AVX512_4VNNIW => "avx512_4vnniw",
        other => return Some(format!("{other:?}").to_ascii_lowercase()),
    };
    Some(name.to_string())
}

/// Source features the target lacks, and the xsave sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompatReport {
    pub source_model: String,
    pub source_features: Vec<String>,
    pub target_features: Vec<String>,
    /// Offered by the source CPU, not by the target: code bound to them must be patched.
    pub missing: Vec<String>,
    pub source_xsave_size: u32,
}

/// Compares the source CPU with the target.
pub fn compatibility(source: &SourceCpu, target: &TargetCpu) -> CompatReport {
    let missing = source
        .features
        .iter()
        .filter(|f| !target.has(f))
        .cloned()
        .collect();
    CompatReport {
        source_model: format!(
            "{} {} (family {:#x} model {:#x} stepping {})",
            source.vendor, source.model_name, source.family, source.model, source.stepping
        ),
        source_features: source.features.iter().cloned().collect(),
        target_features: target.features().map(str::to_string).collect(),
        missing,
        source_xsave_size: source.xsave_size,
    }
}

impl fmt::Display for CompatReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "source CPU: {}", self.source_model)?;
        writeln!(f, "source features: {}", self.source_features.join(" "))?;
        writeln!(f, "target features: {}", self.target_features.join(" "))?;
        if self.missing.is_empty() {
            writeln!(f, "the target offers every feature of the source CPU")?;
        } else {
            writeln!(
                f,
                "missing on the target (code using them must be rebound or fails): {}",
                self.missing.join(" ")
            )?;
        }
        writeln!(f, "source xsave area: {} bytes", self.source_xsave_size)
    }
}
