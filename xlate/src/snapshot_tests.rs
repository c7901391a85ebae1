//! Emission snapshot: for a table of single x86 instructions, the exact aarch64 sequence the
//! translator emits, disassembled, kept in `xlate/snapshots/emit.snap`. Any change in generated
//! code shows up as a diff in review. `HMCR_BLESS=1 cargo test -p xlate emission_snapshot`
//! rewrites the file.

use crate::emit::{Emitter, Stubs};
use crate::flags::FlagSet;
use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

/// (hex bytes, flags live after the instruction)
const TABLE: &[(&str, FlagSet)] = &[
    ("4801d8", FlagSet::NONE),               // add rax, rbx (flags dead)
    ("4801d8", FlagSet::ALL),                // add rax, rbx (all flags live)
    ("01d8", FlagSet::ZF),                   // add eax, ebx
    ("00d8", FlagSet::ALL),                  // add al, bl
    ("00fc", FlagSet::NONE),                 // add ah, bh
    ("4829d8", FlagSet::CF),                 // sub rax, rbx
    ("4839d8", FlagSet::ZF),                 // cmp rax, rbx
    ("4883f805", FlagSet::CF),               // cmp rax, 5
    ("4885c0", FlagSet::ZF),                 // test rax, rax
    ("31c0", FlagSet::NONE),                 // xor eax, eax
    ("4811d8", FlagSet::ALL),                // adc rax, rbx
    ("4819d8", FlagSet::CF),                 // sbb rax, rbx
    ("48ffc0", FlagSet::ZF),                 // inc rax
    ("48ffc0", FlagSet::ALL),                // inc rax (CF preserved)
    ("48f7d8", FlagSet::ALL),                // neg rax
    ("48c1e003", FlagSet::NONE),             // shl rax, 3
    ("48c1e003", FlagSet::ALL),              // shl rax, 3 (flags)
    ("48d3e8", FlagSet::NONE),               // shr rax, cl
    ("48c1c805", FlagSet::NONE),             // ror rax, 5
    ("480fafc3", FlagSet::NONE),             // imul rax, rbx
    ("48f7e3", FlagSet::ALL),                // mul rbx
    ("f7f3", FlagSet::NONE),                 // div ebx
    ("48f7fb", FlagSet::NONE),               // idiv rbx
    ("488b4308", FlagSet::NONE),             // mov rax, [rbx+8]
    ("8b448b10", FlagSet::NONE),             // mov eax, [rbx+rcx*4+16]
    ("48890424", FlagSet::NONE),             // mov [rsp], rax
    ("48b88877665544332211", FlagSet::NONE), // mov rax, 0x1122334455667788
    ("0fb6c3", FlagSet::NONE),               // movzx eax, bl
    ("4863c3", FlagSet::NONE),               // movsxd rax, ebx
    ("488d443b08", FlagSet::NONE),           // lea rax, [rbx+rdi+8]
    ("50", FlagSet::NONE),                   // push rax
    ("5b", FlagSet::NONE),                   // pop rbx
    ("480f44c3", FlagSet::NONE),             // cmove rax, rbx
    ("0f97c0", FlagSet::NONE),               // seta al
    ("480fc8", FlagSet::NONE),               // bswap rax
    ("480fbcc3", FlagSet::ZF),               // bsf rax, rbx
    ("f3480fb8c3", FlagSet::ZF),             // popcnt rax, rbx
    ("480fa3d8", FlagSet::CF),               // bt rax, rbx
    ("f0480fb10b", FlagSet::ZF),             // lock cmpxchg [rbx], rcx
    ("f0480fc10b", FlagSet::NONE),           // lock xadd [rbx], rcx
    ("488703", FlagSet::NONE),               // xchg [rbx], rax
    ("64488b042528000000", FlagSet::NONE),   // mov rax, fs:[0x28]
    ("660fefc1", FlagSet::NONE),             // pxor xmm0, xmm1
    ("660f6f03", FlagSet::NONE),             // movdqa xmm0, [rbx]
    ("660f74c1", FlagSet::NONE),             // pcmpeqb xmm0, xmm1
    ("660fd7c0", FlagSet::NONE),             // pmovmskb eax, xmm0
    ("4863448500", FlagSet::NONE),           // movsxd rax, [rbp+rax*4]
    ("f20f58c1", FlagSet::NONE),             // addsd xmm0, xmm1
    ("660f2ec1", FlagSet::ALL),              // ucomisd xmm0, xmm1
    ("660f70c11b", FlagSet::NONE),           // pshufd xmm0, xmm1, 0x1b
    ("660f60c1", FlagSet::NONE),             // punpcklbw xmm0, xmm1
    ("660f72d007", FlagSet::NONE),           // psrld xmm0, 7
    ("660f67c1", FlagSet::NONE),             // packuswb xmm0, xmm1
];

fn bytes_of(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("valid hex in table"))
        .collect()
}

fn objdump(code: &[u8], base: u64) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("xlate-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let f = dir.join("code.bin");
    std::fs::write(&f, code).expect("write temp code");
    let out = Command::new("aarch64-linux-gnu-objdump")
        .args(["-D", "-b", "binary", "-m", "aarch64", "--adjust-vma"])
        .arg(format!("{base:#x}"))
        .arg(&f)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "the emission snapshot needs aarch64-linux-gnu-objdump (Debian package \
                 binutils-aarch64-linux-gnu, installed by contrib/setup.sh): {e}"
            )
        });
    assert!(
        out.status.success(),
        "objdump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .filter(|l| l.contains(":\t"))
        .map(|l| {
            let parts: Vec<&str> = l.split('\t').collect();
            // "   addr:" "word" "mnemonic" "operands..."
            let asm = parts[2..].join(" ");
            let asm = asm.split("//").next().unwrap_or("").trim_end().to_string();
            format!("    {} {}", parts[1].trim(), asm)
        })
        .collect()
}

fn render() -> String {
    let base = 0x10_0000u64;
    // fake stubs near the block so the branches encode
    let stubs = Stubs {
        enter: base - 0x1000,
        indirect: base - 0x0f00,
        exit_chain: base - 0x0e00,
        exit_syscall: base - 0x0d00,
        exit_int3: base - 0x0c00,
        exit_unsupported: base - 0x0b00,
        exit_privileged: base - 0x0a00,
        exit_divide: base - 0x0900,
        exit_signal: base - 0x0880,
        exit_fault: base - 0x0840,
        exit_helper_stop: base - 0x0800,
        helper: base - 0x0700,
    };
    let known = |_: u64| None;
    let mut out = String::from(
        "# xlate emission snapshot (regmap v1): x86 instruction -> aarch64 code.\n\
         # Regenerate with HMCR_BLESS=1 cargo test -p xlate emission_snapshot\n",
    );
    for &(hex, live) in TABLE {
        let bytes = bytes_of(hex);
        let mut d = Decoder::with_ip(64, &bytes, 0x40_0000, DecoderOptions::NONE);
        let ins = d.decode();
        let mut text = String::new();
        IntelFormatter::new().format(&ins, &mut text);
        let mut e = Emitter::new(base, &stubs, &known);
        e.ins = ins;
        e.live = live;
        e.placeholder_addrs = true;
        let r = crate::translate::emit_one(&mut e);
        let (code, ..) = e.finish().expect("labels resolve");
        let _ = writeln!(out, "\n## {text}    [{hex}] live={:?}", live_names(live));
        match r {
            Ok(()) => {
                for l in objdump(&code, base) {
                    let _ = writeln!(out, "{l}");
                }
            }
            Err(_) => {
                let _ = writeln!(out, "    (interpreter)");
            }
        }
    }
    out
}

fn live_names(f: FlagSet) -> String {
    let names = [
        ("CF", FlagSet::CF),
        ("PF", FlagSet::PF),
        ("AF", FlagSet::AF),
        ("ZF", FlagSet::ZF),
        ("SF", FlagSet::SF),
        ("OF", FlagSet::OF),
    ];
    let v: Vec<&str> = names
        .iter()
        .filter(|(_, b)| f.contains(*b))
        .map(|(n, _)| *n)
        .collect();
    if v.is_empty() {
        "none".into()
    } else {
        v.join(",")
    }
}

#[test]
fn emission_snapshot() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("snapshots/emit.snap");
    let now = render();
    if std::env::var("HMCR_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &now).expect("write snapshot");
        return;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); create it with HMCR_BLESS=1",
            path.display()
        )
    });
    if old != now {
        let diff: Vec<String> = old
            .lines()
            .zip(now.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(20)
            .map(|(n, (a, b))| format!("line {}:\n  -{a}\n  +{b}", n + 1))
            .collect();
        panic!(
            "emitted code differs from {} ({} vs {} lines); first differences:\n{}\n\
             If the change is intended, re-run with HMCR_BLESS=1.",
            path.display(),
            old.lines().count(),
            now.lines().count(),
            diff.join("\n")
        );
    }
}
