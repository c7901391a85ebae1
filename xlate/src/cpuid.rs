//! The CPU the translator presents to the guest. Feature bits match exactly what is implemented
//! (inline or in the interpreter); nothing more.

/// Result registers of one CPUID query.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct CpuidResult {
    pub eax: u32,
    pub ebx: u32,
    pub ecx: u32,
    pub edx: u32,
}

fn regs4(s: &[u8; 16]) -> CpuidResult {
    let w = |i: usize| u32::from_le_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]);
    CpuidResult {
        eax: w(0),
        ebx: w(4),
        ecx: w(8),
        edx: w(12),
    }
}

/// Leaf 1 ECX features.
pub mod ecx1 {
    pub const SSE3: u32 = 1 << 0;
    pub const SSSE3: u32 = 1 << 9;
    pub const CX16: u32 = 1 << 13;
    pub const SSE41: u32 = 1 << 19;
    pub const SSE42: u32 = 1 << 20;
    pub const MOVBE: u32 = 1 << 22;
    pub const POPCNT: u32 = 1 << 23;
    pub const XSAVE: u32 = 1 << 26;
    /// The OS enabled XSAVE: XGETBV is usable and XCR0 says which state components exist.
    pub const OSXSAVE: u32 = 1 << 27;
}

/// Leaf 1 EDX features.
pub mod edx1 {
    pub const FPU: u32 = 1 << 0;
    pub const TSC: u32 = 1 << 4;
    pub const CX8: u32 = 1 << 8;
    pub const CMOV: u32 = 1 << 15;
    pub const CLFSH: u32 = 1 << 19;
    pub const MMX: u32 = 1 << 23;
    pub const FXSR: u32 = 1 << 24;
    pub const SSE: u32 = 1 << 25;
    pub const SSE2: u32 = 1 << 26;
}

/// Leaf 1 ECX as reported.
pub const LEAF1_ECX: u32 = ecx1::SSE3
    | ecx1::SSSE3
    | ecx1::CX16
    | ecx1::SSE41
    | ecx1::SSE42
    | ecx1::MOVBE
    | ecx1::POPCNT
    | ecx1::XSAVE
    | ecx1::OSXSAVE;
/// Leaf 0xD subleaf 1 EAX: XSAVEOPT (bit 0) only; no XSAVEC (1), XGETBV ECX=1 (2), XSAVES (3).
pub const LEAFD1_EAX: u32 = 1;
/// Leaf 7 EBX: BMI1 (3), BMI2 (8), ADX (19).
pub const LEAF7_EBX: u32 = (1 << 3) | (1 << 8) | (1 << 19);
/// Leaf 1 EDX as reported.
pub const LEAF1_EDX: u32 = edx1::FPU
    | edx1::TSC
    | edx1::CX8
    | edx1::CMOV
    | edx1::CLFSH
    | edx1::MMX
    | edx1::FXSR
    | edx1::SSE
    | edx1::SSE2;
/// Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (bit 0), LZCNT (bit 5).
pub const EXT1_ECX: u32 = 1 | (1 << 5);
/// Leaf 0x80000001 EDX: SYSCALL (11), NX (20), RDTSCP (27), LM (29).
pub const EXT1_EDX: u32 = (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29);

/// CPUID for leaf `eax`, subleaf `ecx`.
pub fn cpuid(leaf: u32, sub: u32) -> CpuidResult {
    match leaf {
        0 => {
            let mut v = [0u8; 16];
            v[0..4].copy_from_slice(&0xdu32.to_le_bytes());
            // EBX EDX ECX = "GenuineIntel"
            v[4..8].copy_from_slice(b"Genu");
            v[12..16].copy_from_slice(b"ineI");
            v[8..12].copy_from_slice(b"ntel");
            regs4(&v)
        }
        1 => CpuidResult {
            // family 6, model 0x55 (display), stepping 4
            eax: 0x0005_0654,
            // CLFLUSH line 8*8 = 64 bytes, 1 logical processor
            ebx: (8 << 8) | (1 << 16),
            ecx: LEAF1_ECX,
            edx: LEAF1_EDX,
        },
        // Cache descriptors: 0xff = "use leaf 4".
        2 => CpuidResult {
            eax: 0x00ff_0001,
            ebx: 0,
            ecx: 0,
            edx: 0,
        },
        4 => {
            // (type, level, ways, partitions, line, sets)
            let caches: [(u32, u32, u32, u32, u32, u32); 4] = [
                (1, 1, 8, 1, 64, 64),    // L1d 32 KiB
                (2, 1, 8, 1, 64, 64),    // L1i 32 KiB
                (3, 2, 16, 1, 64, 1024), // L2 1 MiB
                (3, 3, 16, 1, 64, 8192), // L3 8 MiB
            ];
            match caches.get(sub as usize) {
                Some(&(ty, level, ways, parts, line, sets)) => CpuidResult {
                    eax: ty | (level << 5) | (1 << 8),
                    ebx: (line - 1) | ((parts - 1) << 12) | ((ways - 1) << 22),
                    ecx: sets - 1,
                    edx: 0,
                },
                None => CpuidResult::default(),
            }
        }
        // XSAVE state: XCR0 = x87 | SSE; the area is the 512-byte legacy region + 64-byte header
        0xd => match sub {
            0 => CpuidResult {
                eax: crate::interp::XCR0 as u32,
                ebx: crate::interp::XSAVE_AREA_SIZE,
                ecx: crate::interp::XSAVE_AREA_SIZE,
                edx: (crate::interp::XCR0 >> 32) as u32,
            },
            1 => CpuidResult {
                eax: LEAFD1_EAX,
                ..Default::default()
            },
            _ => CpuidResult::default(),
        },
        7 => CpuidResult {
            eax: 0,
            ebx: if sub == 0 { LEAF7_EBX } else { 0 },
            ecx: 0,
            edx: 0,
        },
        0x8000_0000 => CpuidResult {
            eax: 0x8000_0008,
            ..Default::default()
        },
        0x8000_0001 => CpuidResult {
            eax: 0,
            ebx: 0,
            ecx: EXT1_ECX,
            edx: EXT1_EDX,
        },
        0x8000_0002..=0x8000_0004 => {
            let brand = *b"hmcr x86_64 on aarch64 translator (xlate)\0\0\0\0\0\0\0";
            let k = (leaf - 0x8000_0002) as usize * 16;
            let mut v = [0u8; 16];
            v.copy_from_slice(&brand[k..k + 16]);
            regs4(&v)
        }
        0x8000_0006 => CpuidResult {
            eax: 0,
            ebx: 0,
            // L2: 1024 KiB, 8-way (code 6), 64-byte lines
            ecx: (1024 << 16) | (6 << 12) | 64,
            edx: 0,
        },
        0x8000_0008 => CpuidResult {
            eax: 0x3027,
            ..Default::default()
        },
        _ => CpuidResult::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendor_and_no_avx() {
        let r = cpuid(0, 0);
        let mut v = Vec::new();
        v.extend_from_slice(&r.ebx.to_le_bytes());
        v.extend_from_slice(&r.edx.to_le_bytes());
        v.extend_from_slice(&r.ecx.to_le_bytes());
        assert_eq!(&v, b"GenuineIntel");
        let l1 = cpuid(1, 0);
        assert_eq!(l1.ecx & (1 << 28), 0, "no AVX");
        assert_ne!(l1.ecx & (1 << 26), 0, "XSAVE advertised");
        assert_ne!(l1.ecx & (1 << 27), 0, "OSXSAVE advertised");
        let d0 = cpuid(0xd, 0);
        assert_eq!((d0.eax, d0.ebx, d0.ecx, d0.edx), (3, 576, 576, 0));
        assert_eq!(cpuid(0xd, 1).eax & 0b1110, 0, "no XSAVEC/XGETBV1/XSAVES");
        assert_eq!(cpuid(0xd, 2), CpuidResult::default(), "no AVX state");
        let l7 = cpuid(7, 0);
        assert_eq!(l7.ebx & (1 << 5), 0, "no AVX2");
        assert_eq!(l7.ebx & (1 << 9), 0, "no ERMS");
        assert_eq!(l7.edx & (1 << 4), 0, "no FSRM");
    }
}
