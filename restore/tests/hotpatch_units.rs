//! Unit-level checks of the hot-patch pieces on synthetic guests: the /proc maps parser, the
//! resolver interpreter (with and without the cpu_features overlay), feature naming and levels.

use std::cell::RefCell;

use restore::hotpatch::resolver_emu::run_resolver;
use restore::hotpatch::{
    feature_name, parse_proc_maps, CodeView, GuestAccessError, GuestAddr, GuestMemory, Mapping,
    TargetCpu, PROT_EXEC, PROT_READ, PROT_WRITE,
};

struct VecMemory {
    base: u64,
    bytes: RefCell<Vec<u8>>,
}

impl GuestMemory for VecMemory {
    fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), GuestAccessError> {
        let bytes = self.bytes.borrow();
        let off = addr.0.checked_sub(self.base).map(|o| o as usize);
        match off {
            Some(o) if o + buf.len() <= bytes.len() => {
                buf.copy_from_slice(&bytes[o..o + buf.len()]);
                Ok(())
            }
            _ => Err(GuestAccessError::NotMapped {
                guest: "test".into(),
                addr,
                len: buf.len(),
            }),
        }
    }
}

fn mapping(start: u64, end: u64, prot: u32) -> Mapping {
    Mapping {
        start: GuestAddr(start),
        end: GuestAddr(end),
        prot,
        offset: 0,
        path: None,
        identity: None,
    }
}

/// A resolver in the style of glibc's: load a feature word, test a bit, pick one of two LEA
/// targets with CMOVE.
fn resolver_guest(flags: u32) -> VecMemory {
    let mut bytes = vec![0u8; 0x2000];
    let code: &[u8] = &[
        0x8b, 0x05, 0xfa, 0x0f, 0x00, 0x00, // mov eax, [rip+0xffa] -> [0x2000]
        0xa9, 0x00, 0x00, 0x01, 0x00, // test eax, 0x10000
        0x48, 0x8d, 0x05, 0x10, 0x00, 0x00, 0x00, // lea rax, [rip+0x10] -> 0x1022
        0x48, 0x8d, 0x15, 0x20, 0x00, 0x00, 0x00, // lea rdx, [rip+0x20] -> 0x1039
        0x48, 0x0f, 0x44, 0xc2, // cmove rax, rdx
        0xc3, // ret
    ];
    bytes[..code.len()].copy_from_slice(code);
    bytes[0x1000..0x1004].copy_from_slice(&flags.to_le_bytes());
    VecMemory {
        base: 0x1000,
        bytes: RefCell::new(bytes),
    }
}

#[test]
fn resolver_interpreter_follows_the_feature_bit_and_the_overlay() {
    let maps = [
        mapping(0x1000, 0x2000, PROT_READ | PROT_EXEC),
        mapping(0x2000, 0x3000, PROT_READ | PROT_WRITE),
    ];
    let with_bit = resolver_guest(0x1_0000);
    let view = CodeView::new(&with_bit, &maps);
    assert_eq!(run_resolver(&view, &with_bit, &[], 0x1000), Ok(0x1022));
    // The overlay (the planned cpu_features write) clears the bit: the other variant.
    assert_eq!(
        run_resolver(&view, &with_bit, &[(0x2000, vec![0, 0, 0, 0])], 0x1000),
        Ok(0x1039)
    );
    let without = resolver_guest(0);
    let view = CodeView::new(&without, &maps);
    assert_eq!(run_resolver(&view, &without, &[], 0x1000), Ok(0x1039));
}

#[test]
fn resolver_interpreter_refuses_what_it_does_not_know() {
    let maps = [mapping(0x1000, 0x2000, PROT_READ | PROT_EXEC)];
    let mem = VecMemory {
        base: 0x1000,
        // cpuid; ret; then padding up to the mapping's end
        bytes: RefCell::new([vec![0x0f, 0xa2, 0xc3], vec![0; 0x1000 - 3]].concat()),
    };
    let view = CodeView::new(&mem, &maps);
    let err = run_resolver(&view, &mem, &[], 0x1000).expect_err("cpuid must not be interpreted");
    assert!(err.to_string().contains("cpuid"), "{err}");
}

#[test]
fn proc_maps_lines_parse() {
    let text = "55d0c0a00000-55d0c0a01000 r--p 00000000 fd:01 1234 /usr/bin/x\n\
                7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n\
                7ffd1000000-7ffd1021000 rw-p 00000000 00:00 0                          [stack]\n\
                7f1000000000-7f1000001000 r-xp 00002000 08:02 99 /tmp/a file (deleted)\n";
    let m = parse_proc_maps(text, "test").expect("parse");
    assert_eq!(m.len(), 4);
    assert_eq!(
        m[0].path.as_deref(),
        Some(std::path::Path::new("/usr/bin/x"))
    );
    assert_eq!(
        m[0].identity.map(|i| (i.dev, i.ino)),
        Some((libc::makedev(0xfd, 1), 1234))
    );
    assert_eq!(m[1].path, None);
    assert_eq!(m[2].path, None);
    assert_eq!(
        m[3].path.as_deref(),
        Some(std::path::Path::new("/tmp/a file"))
    );
    assert_eq!((m[3].prot, m[3].offset), (PROT_READ | PROT_EXEC, 0x2000));
    assert!(parse_proc_maps("zzz r--p", "test").is_err());
}

#[test]
fn feature_names_and_levels() {
    use iced_x86::CpuidFeature as F;
    assert_eq!(feature_name(F::AVX512F).as_deref(), Some("avx512f"));
    assert_eq!(feature_name(F::SSE3).as_deref(), Some("pni"));
    assert_eq!(feature_name(F::LZCNT).as_deref(), Some("abm"));
    assert_eq!(feature_name(F::XSAVEC).as_deref(), Some("xsavec"));
    assert_eq!(feature_name(F::SSE2), None);
    assert_eq!(TargetCpu::xlate_default().isa_level_bits(), 0b11);
    assert_eq!(TargetCpu::from_names(["sse4_2"]).isa_level_bits(), 0b1);
    assert!(
        TargetCpu::xlate_default().has("sse2"),
        "the baseline is implied"
    );
}
