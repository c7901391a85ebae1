//! Identification of this host's CPU: vendor, model, the raw CPUID words, XCR0 and the xsave
//! layout. Dump records it in the inventory; `hmcr check` prints it; the hot-patch stage compares
//! a source CPU with a target one using the same feature names.

/// One CPUID result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CpuidWords {
    pub leaf: u32,
    pub subleaf: u32,
    pub eax: u32,
    pub ebx: u32,
    pub ecx: u32,
    pub edx: u32,
}

/// One xsave state component in the standard (non-compacted) layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XsaveComponent {
    pub index: u32,
    pub offset: u32,
    pub size: u32,
}

/// What a CPU is and offers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CpuDescription {
    pub arch: &'static str,
    pub vendor: String,
    pub model_name: String,
    pub family: u32,
    pub model: u32,
    pub stepping: u32,
    pub cpuid: Vec<CpuidWords>,
    pub xcr0: u64,
    pub xsave_size: u32,
    pub xsave_components: Vec<XsaveComponent>,
    pub features: Vec<&'static str>,
}

/// Where a feature bit lives: (leaf, subleaf, register index eax=0..edx=3, bit, name).
/// The names are Linux's /proc/cpuinfo names.
pub const X86_FEATURE_BITS: &[(u32, u32, u8, u8, &str)] = &[
    (1, 0, 3, 0, "fpu"),
    (1, 0, 3, 4, "tsc"),
    (1, 0, 3, 8, "cx8"),
    (1, 0, 3, 15, "cmov"),
    (1, 0, 3, 23, "mmx"),
    (1, 0, 3, 24, "fxsr"),
    (1, 0, 3, 25, "sse"),
    (1, 0, 3, 26, "sse2"),
    (1, 0, 2, 0, "pni"),
    (1, 0, 2, 1, "pclmulqdq"),
    (1, 0, 2, 9, "ssse3"),
    (1, 0, 2, 12, "fma"),
    (1, 0, 2, 13, "cx16"),
    (1, 0, 2, 19, "sse4_1"),
    (1, 0, 2, 20, "sse4_2"),
    (1, 0, 2, 22, "movbe"),
    (1, 0, 2, 23, "popcnt"),
    (1, 0, 2, 25, "aes"),
    (1, 0, 2, 26, "xsave"),
    (1, 0, 2, 27, "osxsave"),
    (1, 0, 2, 28, "avx"),
    (1, 0, 2, 29, "f16c"),
    (1, 0, 2, 30, "rdrand"),
    (7, 0, 1, 3, "bmi1"),
    (7, 0, 1, 5, "avx2"),
    (7, 0, 1, 8, "bmi2"),
    (7, 0, 1, 9, "erms"),
    (7, 0, 1, 16, "avx512f"),
    (7, 0, 1, 17, "avx512dq"),
    (7, 0, 1, 18, "rdseed"),
    (7, 0, 1, 19, "adx"),
    (7, 0, 1, 28, "avx512cd"),
    (7, 0, 1, 29, "sha_ni"),
    (7, 0, 1, 30, "avx512bw"),
    (7, 0, 1, 31, "avx512vl"),
    (7, 0, 2, 1, "avx512vbmi"),
    (7, 0, 2, 3, "pku"),
    (7, 0, 2, 6, "avx512_vbmi2"),
    (7, 0, 2, 8, "gfni"),
    (7, 0, 2, 9, "vaes"),
    (7, 0, 2, 11, "avx512_vnni"),
    (7, 0, 2, 14, "avx512_vpopcntdq"),
    (7, 0, 3, 4, "fsrm"),
    (7, 0, 3, 22, "amx_bf16"),
    (7, 0, 3, 24, "amx_tile"),
    (7, 0, 3, 25, "amx_int8"),
    (0xd, 1, 0, 0, "xsaveopt"),
    (0xd, 1, 0, 1, "xsavec"),
    (0xd, 1, 0, 3, "xsaves"),
    (0x8000_0001, 0, 2, 0, "lahf_lm"),
    (0x8000_0001, 0, 2, 5, "abm"),
    (0x8000_0001, 0, 3, 11, "syscall"),
    (0x8000_0001, 0, 3, 20, "nx"),
    (0x8000_0001, 0, 3, 27, "rdtscp"),
    (0x8000_0001, 0, 3, 29, "lm"),
    // Bits glibc's cached cpu_features may hold, which the hot-patch stage must be able to clear.
    (7, 0, 1, 4, "hle"),
    (7, 0, 1, 11, "rtm"),
    (7, 0, 1, 21, "avx512ifma"),
    (7, 0, 2, 10, "vpclmulqdq"),
    (7, 0, 2, 12, "avx512_bitalg"),
    (7, 0, 3, 8, "avx512_vp2intersect"),
    (7, 0, 3, 23, "avx512_fp16"),
    (7, 1, 0, 4, "avx_vnni"),
    (7, 1, 0, 5, "avx512_bf16"),
    (0xd, 1, 0, 2, "xgetbv1"),
    (0x8000_0001, 0, 2, 6, "sse4a"),
    (0x8000_0001, 0, 2, 11, "xop"),
    (0x8000_0001, 0, 2, 16, "fma4"),
    (0x8000_0001, 0, 2, 21, "tbm"),
];

/// The feature names set in a list of CPUID words, in table order.
pub fn x86_feature_names(words: &[CpuidWords]) -> Vec<&'static str> {
    X86_FEATURE_BITS
        .iter()
        .filter(|(leaf, sub, reg, bit, _)| {
            words.iter().any(|w| {
                w.leaf == *leaf && w.subleaf == *sub && {
                    let r = [w.eax, w.ebx, w.ecx, w.edx][usize::from(*reg)];
                    r & (1 << bit) != 0
                }
            })
        })
        .map(|(.., name)| *name)
        .collect()
}

/// Describes the CPU this code runs on.
pub fn host_cpu() -> CpuDescription {
    imp::host_cpu()
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::*;
    use core::arch::x86_64::{__cpuid_count, _xgetbv, CpuidResult};

    fn cpuid(leaf: u32, subleaf: u32) -> CpuidWords {
        let CpuidResult { eax, ebx, ecx, edx } = __cpuid_count(leaf, subleaf);
        CpuidWords {
            leaf,
            subleaf,
            eax,
            ebx,
            ecx,
            edx,
        }
    }

    fn xgetbv0() -> u64 {
        // SAFETY: only called when CPUID.1:ECX.OSXSAVE is set, which makes XGETBV legal.
        unsafe { _xgetbv(0) }
    }

    fn regs_text(regs: &[u32]) -> String {
        regs.iter()
            .flat_map(|r| r.to_le_bytes())
            .map(char::from)
            .collect()
    }

    pub fn host_cpu() -> CpuDescription {
        let l0 = cpuid(0, 0);
        let max_leaf = l0.eax;
        let vendor = regs_text(&[l0.ebx, l0.edx, l0.ecx]);
        let mut words = vec![l0];
        for (leaf, sub) in [(1, 0), (7, 0), (7, 1), (0xd, 0), (0xd, 1)] {
            if leaf <= max_leaf {
                words.push(cpuid(leaf, sub));
            }
        }
        let max_ext = cpuid(0x8000_0000, 0).eax;
        for leaf in [0x8000_0001u32, 0x8000_0002, 0x8000_0003, 0x8000_0004] {
            if leaf <= max_ext {
                words.push(cpuid(leaf, 0));
            }
        }
        let l1 = words.iter().find(|w| w.leaf == 1).copied();
        let (family, model, stepping) = match l1 {
            Some(w) => {
                let base_family = (w.eax >> 8) & 0xf;
                let family = if base_family == 0xf {
                    base_family + ((w.eax >> 20) & 0xff)
                } else {
                    base_family
                };
                let mut model = (w.eax >> 4) & 0xf;
                if base_family == 0x6 || base_family == 0xf {
                    model |= ((w.eax >> 16) & 0xf) << 4;
                }
                (family, model, w.eax & 0xf)
            }
            None => (0, 0, 0),
        };
        let osxsave = l1.is_some_and(|w| w.ecx & (1 << 27) != 0);
        let mut xcr0 = 0;
        let mut xsave_size = 0;
        let mut xsave_components = Vec::new();
        if osxsave && max_leaf >= 0xd {
            xcr0 = xgetbv0();
            xsave_size = cpuid(0xd, 0).ebx;
            for index in 2..64u32 {
                if xcr0 & (1u64 << index) != 0 {
                    let w = cpuid(0xd, index);
                    words.push(w);
                    xsave_components.push(XsaveComponent {
                        index,
                        offset: w.ebx,
                        size: w.eax,
                    });
                }
            }
        }
        let brand: Vec<u32> = words
            .iter()
            .filter(|w| (0x8000_0002..=0x8000_0004).contains(&w.leaf))
            .flat_map(|w| [w.eax, w.ebx, w.ecx, w.edx])
            .collect();
        let model_name = regs_text(&brand)
            .trim_matches(char::from(0))
            .trim()
            .to_string();
        let features = x86_feature_names(&words);
        CpuDescription {
            arch: "x86_64",
            vendor,
            model_name,
            family,
            model,
            stepping,
            cpuid: words,
            xcr0,
            xsave_size,
            xsave_components,
            features,
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
mod imp {
    use super::*;

    /// On a non-x86 host the description comes from /proc/cpuinfo and the auxv hwcaps.
    pub fn host_cpu() -> CpuDescription {
        let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let field = |name: &str| {
            info.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split(':').nth(1))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        CpuDescription {
            arch: std::env::consts::ARCH,
            vendor: field("CPU implementer"),
            model_name: field("CPU part"),
            ..CpuDescription::default()
        }
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    #[test]
    fn host_cpu_agrees_with_the_compiler_runtime_detection() {
        let cpu = host_cpu();
        assert!(!cpu.vendor.is_empty());
        let has = |f: &str| cpu.features.contains(&f);
        assert_eq!(has("sse2"), std::arch::is_x86_feature_detected!("sse2"));
        assert_eq!(has("avx2"), std::arch::is_x86_feature_detected!("avx2"));
        assert_eq!(
            has("avx512f"),
            std::arch::is_x86_feature_detected!("avx512f")
        );
        assert_eq!(has("bmi2"), std::arch::is_x86_feature_detected!("bmi2"));
        assert_eq!(has("xsavec"), std::arch::is_x86_feature_detected!("xsavec"));
        if has("xsave") {
            assert!(
                cpu.xsave_size >= 576,
                "xsave area {} too small",
                cpu.xsave_size
            );
            assert_eq!(cpu.xcr0 & 3, 3, "x87 and SSE state are always enabled");
        }
    }

    #[test]
    fn feature_names_follow_the_table() {
        let words = [CpuidWords {
            leaf: 7,
            subleaf: 0,
            eax: 0,
            ebx: 1 << 16 | 1 << 8,
            ecx: 0,
            edx: 0,
        }];
        assert_eq!(x86_feature_names(&words), vec!["bmi2", "avx512f"]);
    }
}
