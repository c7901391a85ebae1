//! Decoding of the standard-format xsave area (as `PTRACE_GETREGSET NT_X86_XSTATE` returns it)
//! into the ISA-neutral `X86FpState` view of the image.

use images_format::proto::core::X86FpState;
use linux_sys::cpu::XsaveComponent;

/// Offset of the xsave header (XSTATE_BV) in the standard layout.
const XSAVE_HEADER: usize = 512;

fn bytes_at(area: &[u8], off: usize, len: usize) -> Vec<u8> {
    area.get(off..off + len)
        .map(<[u8]>::to_vec)
        .unwrap_or_default()
}

fn u16_at(area: &[u8], off: usize) -> u32 {
    area.get(off..off + 2)
        .map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(area: &[u8], off: usize) -> u32 {
    area.get(off..off + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(area: &[u8], off: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(b) = area.get(off..off + 8) {
        w.copy_from_slice(b);
    }
    u64::from_le_bytes(w)
}

/// Decodes `area`. `components` gives the standard-layout offset and size of each extended
/// component (from CPUID leaf 0xd). A component whose XSTATE_BV bit is clear is in its initial
/// state, which is all zeros for the components decoded here; it is then left empty, except
/// when present in XCR0, where zeros are recorded so the translator sees the full register file.
pub fn decode(area: &[u8], components: &[XsaveComponent]) -> X86FpState {
    let xstate_bv = u64_at(area, XSAVE_HEADER);
    let component = |index: u32, expected: usize| -> Vec<u8> {
        let Some(c) = components.iter().find(|c| c.index == index) else {
            return Vec::new();
        };
        let len = (c.size as usize).min(expected);
        if xstate_bv & (1 << index) != 0 {
            bytes_at(area, c.offset as usize, len)
        } else {
            vec![0u8; len]
        }
    };
    let mut fp = X86FpState::new();
    fp.fcw = u16_at(area, 0);
    fp.fsw = u16_at(area, 2);
    fp.ftw = area.get(4).copied().map_or(0, u32::from);
    fp.fop = u16_at(area, 6);
    fp.fip = u64_at(area, 8);
    fp.fdp = u64_at(area, 16);
    fp.mxcsr = u32_at(area, 24);
    fp.mxcsr_mask = u32_at(area, 28);
    fp.st_space = bytes_at(area, 32, 128);
    fp.xmm_space = bytes_at(area, 160, 256);
    fp.ymmh_space = component(2, 256);
    fp.opmask = component(5, 64);
    fp.zmm_hi256 = component(6, 512);
    fp.hi16_zmm = component(7, 1024);
    let pkru = component(9, 8);
    if pkru.len() >= 4 {
        fp.pkru = Some(u32_at(&pkru, 0));
    }
    fp.xstate_bv = xstate_bv;
    fp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_legacy_and_extended_parts() {
        let comps = [
            XsaveComponent {
                index: 2,
                offset: 576,
                size: 256,
            },
            XsaveComponent {
                index: 9,
                offset: 2688,
                size: 8,
            },
        ];
        let mut area = vec![0u8; 2696];
        area[0..2].copy_from_slice(&0x037fu16.to_le_bytes());
        area[24..28].copy_from_slice(&0x1f80u32.to_le_bytes());
        area[160] = 0xaa; // xmm0 byte 0
        area[576] = 0xbb; // ymm0 upper byte 0
        area[2688..2692].copy_from_slice(&0x55u32.to_le_bytes());
        area[512..520].copy_from_slice(&((1u64 << 2) | (1 << 9) | 3).to_le_bytes());
        let fp = decode(&area, &comps);
        assert_eq!(fp.fcw, 0x37f);
        assert_eq!(fp.mxcsr, 0x1f80);
        assert_eq!(fp.xmm_space[0], 0xaa);
        assert_eq!(fp.ymmh_space.len(), 256);
        assert_eq!(fp.ymmh_space[0], 0xbb);
        assert_eq!(fp.pkru, Some(0x55));
        assert!(fp.opmask.is_empty(), "no AVX-512 component listed");
        // Component present in XCR0 but in init state: zeros.
        area[512..520].copy_from_slice(&3u64.to_le_bytes());
        let fp = decode(&area, &comps);
        assert_eq!(fp.ymmh_space, vec![0u8; 256]);
    }
}
