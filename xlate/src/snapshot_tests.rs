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
    ("488b04c520904700", FlagSet::NONE),     // mov rax, [rax*8+0x479020]
    ("803c1300", FlagSet::ZF),               // cmp byte [rbx+rdx], 0
    ("c6040301", FlagSet::NONE),             // mov byte [rbx+rax], 1
    ("f20f58c1", FlagSet::NONE),             // addsd xmm0, xmm1
    ("660f2ec1", FlagSet::ALL),              // ucomisd xmm0, xmm1
    ("660f2ec1", FlagSet(1 | 8)),            // ucomisd xmm0, xmm1 (CF, ZF: ja/jb/je)
    ("660f6f3d288a0700", FlagSet::NONE),     // movdqa xmm7, [rip+0x78a28]
    ("660f70c11b", FlagSet::NONE),           // pshufd xmm0, xmm1, 0x1b
    ("660f60c1", FlagSet::NONE),             // punpcklbw xmm0, xmm1
    ("660f72d007", FlagSet::NONE),           // psrld xmm0, 7
    ("660f67c1", FlagSet::NONE),             // packuswb xmm0, xmm1
    ("660fe4fe", FlagSet::NONE),             // pmulhuw xmm7, xmm6
    ("660f3a0fc104", FlagSet::NONE),         // palignr xmm0, xmm1, 4
    ("660f73fa08", FlagSet::NONE),           // pslldq xmm2, 8
    ("660f3a630e1a", FlagSet(1 | 8)),        // pcmpistri xmm1, [rsi], 0x1a
    ("f348ab", FlagSet::NONE),               // rep stosq
    ("f3a4", FlagSet::NONE),                 // rep movsb
];

fn bytes_of(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("valid hex in table"))
        .collect()
}

fn objdump(code: &[u8], base: u64) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("xlate-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // one file per call: the snapshot tests run in parallel
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let f = dir.join(format!("code-{n}.bin"));
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
    let stubs = Stubs::fake_below(base);
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

/// Litmus-test blocks translated whole in TSO mode (multi-threaded guests): where the barriers
/// go. (hex bytes, description)
const TSO_BLOCKS: &[(&str, &str)] = &[
    // message passing, writer: data then flag; the two stores must stay in order
    ("48890748891e", "mp writer: mov [rdi],rax; mov [rsi],rbx"),
    // message passing, reader: flag then data; the two loads must stay in order
    ("488b06488b1f", "mp reader: mov rax,[rsi]; mov rbx,[rdi]"),
    // store buffering: x86 itself lets the load pass the store, so no barrier between them
    ("488907488b1e", "sb: mov [rdi],rax; mov rbx,[rsi]"),
    // a locked instruction is a full barrier
    ("f0480fc107488b1e", "lock xadd [rdi],rax; mov rbx,[rsi]"),
    // implicit stack accesses are ordered too
    ("50488b1e5b", "push rax; mov rbx,[rsi]; pop rbx"),
];

fn translate_block(hex: &str, tso: bool) -> Vec<u8> {
    translate_block_live(hex, tso, FlagSet::ALL)
}

/// `hex` translated as one block with `live_out` flags live after it.
fn translate_block_live(hex: &str, tso: bool, live_out: FlagSet) -> Vec<u8> {
    let base = 0x10_0000u64;
    let stubs = Stubs::fake_below(base);
    let bytes = bytes_of(hex);
    let src = crate::decode::SliceSource {
        base: 0x40_0000,
        bytes: &bytes,
    };
    let block = crate::decode::decode_block(&src, 0x40_0000, 16);
    let known = |_: u64| None;
    crate::translate::translate(&block, live_out, base, &stubs, &known, tso)
        .expect("litmus blocks translate")
        .code
}

/// The barriers in translated code, in order.
fn barriers(code: &[u8]) -> Vec<crate::tso::Barrier> {
    use crate::tso::Barrier;
    code.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .filter_map(|w| {
            [Barrier::Loads, Barrier::Stores, Barrier::Full]
                .into_iter()
                .find(|b| b.word() == w)
        })
        .collect()
}

#[test]
fn tso_litmus_blocks_get_the_barriers_x86_ordering_needs() {
    use crate::tso::Barrier::{Full, Loads, Stores};
    let want = [
        vec![Full, Stores],
        vec![Loads, Loads],
        vec![Full],
        vec![Full, Full],
        vec![Full, Loads],
    ];
    for (&(hex, what), want) in TSO_BLOCKS.iter().zip(want) {
        assert_eq!(barriers(&translate_block(hex, true)), want, "{what}");
        assert!(
            barriers(&translate_block(hex, false)).is_empty(),
            "{what}: single-threaded code has no barriers"
        );
    }
}

#[test]
fn tso_emission_snapshot() {
    let mut now = String::from(
        "# xlate TSO emission snapshot: whole litmus blocks translated for a multi-threaded guest.\n\
         # Regenerate with HMCR_BLESS=1 cargo test -p xlate tso_emission_snapshot\n",
    );
    for &(hex, what) in TSO_BLOCKS {
        let _ = writeln!(now, "\n## {what}    [{hex}]");
        for l in objdump(&translate_block(hex, true), 0x10_0000) {
            let _ = writeln!(now, "{l}");
        }
    }
    bless_or_compare("tso.snap", &now);
}

/// Writes snapshot `file` (under `snapshots/`) with HMCR_BLESS=1, else checks `now` against it.
fn bless_or_compare(file: &str, now: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots")
        .join(file);
    if std::env::var("HMCR_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, now).expect("write snapshot");
        return;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); create it with HMCR_BLESS=1",
            path.display()
        )
    });
    assert!(
        old == now,
        "emitted code differs from {}; if intended, re-run with HMCR_BLESS=1.\nnow:\n{now}",
        path.display()
    );
}

/// Blocks whose instructions the translator emits together. (hex bytes, flags live after the
/// block, description)
const FUSION_BLOCKS: &[(&str, FlagSet, &str)] = &[
    (
        "4189cd4189ce41c1cd0b4521de89c8f7d0",
        FlagSet::ALL,
        "moves into their next writer: mov r13d,ecx; mov r14d,ecx; ror r13d,11; \
         and r14d,r11d; mov eax,ecx; not eax",
    ),
    (
        "660f6f3d288a0700660ffe1d088a0700660ffc0586890700",
        FlagSet::ALL,
        "RIP-relative constants from one base: movdqa xmm7,[rip+0x78a28]; \
         paddd xmm3,[rip+0x78a08]; paddb xmm0,[rip+0x78986]",
    ),
    (
        "803c130075f0",
        FlagSet::NONE,
        "compare into the branch, flags dead after it: cmp byte [rbx+rdx],0; jne -16",
    ),
    (
        "a80475f0",
        FlagSet::NONE,
        "bit test into the branch: test al,4; jne -16",
    ),
    ("660f2ec177f0", FlagSet::NONE, "ucomisd xmm0,xmm1; ja -16"),
    (
        "39f70f9cc00fb6c00f9fc10fb6f9",
        FlagSet::NONE,
        "setcc zero-extended in its own register: cmp edi,esi; setl al; movzx eax,al; \
         setg cl; movzx edi,cl (another register: not folded)",
    ),
    (
        "486307498d0480488d7804486300ff24c520904700",
        FlagSet::NONE,
        "jump-table dispatch, the table load in register-offset form: movsxd rax,[rdi]; \
         lea rax,[r8+rax*4]; lea rdi,[rax+4]; movsxd rax,[rax]; jmp [rax*8+0x479020]",
    ),
    (
        "41544989fc5531ed534889fb488d7bff4883eb02e800000000",
        FlagSet::NONE,
        "paired pushes and the call's return address: push r12; mov r12,rdi; push rbp; \
         xor ebp,ebp; push rbx; mov rbx,rdi; lea rdi,[rbx-1]; sub rbx,2; call +0",
    ),
    (
        "4183e4015b498d042c5d415cc3",
        FlagSet::NONE,
        "paired pops (not across the LEA reading RBP): and r12d,1; pop rbx; \
         lea rax,[r12+rbp]; pop rbp; pop r12; ret",
    ),
    (
        "488b46f8480146f0",
        FlagSet::ALL,
        "a load paired with a read-modify-write's load: mov rax,[rsi-8]; add [rsi-16],rax",
    ),
    (
        "4403af60a04700898764a04700018768a04700480fbf8700f0ffff",
        FlagSet::NONE,
        "large displacements from a register in x17, register-offset form: \
         add r13d,[rdi+0x47a060]; mov [rdi+0x47a064],eax; add [rdi+0x47a068],eax; \
         movsx rax,word [rdi-0x1000]",
    ),
    (
        "4403af60a047004883c7044881ff0001000075ec",
        FlagSet::NONE,
        "a loop keeps its large displacement in x18: add r13d,[rdi+0x47a060]; add rdi,4; \
         cmp rdi,0x100; jne start",
    ),
    (
        "c60403014801d04c39e87ef4",
        FlagSet::NONE,
        "a loop keeps its stored constant in x18 from a preheader, the back edge enters after \
         it: mov byte [rbx+rax],1; add rax,rdx; cmp rax,r13; jle start",
    ),
    (
        "660f6f050001000048394c240875f1",
        FlagSet::NONE,
        "a loop loads its RIP base once: movdqa xmm0,[rip+0x100]; cmp [rsp+8],rcx; jne start",
    ),
    (
        "488b46f8480146f0c60701ebf3",
        FlagSet::NONE,
        "a loop keeping a constant in x18 pairs no load into it: mov rax,[rsi-8]; \
         add [rsi-16],rax; mov byte [rdi],1; jmp start",
    ),
    (
        "660f6ffa660f61d0660f69f8",
        FlagSet::ALL,
        "a move done by swapping the next two writers: movdqa xmm7,xmm2; \
         punpcklwd xmm2,xmm0; punpckhwd xmm7,xmm0",
    ),
    (
        "f20f59ce660f28c5f20f59c5f20f58c8660f28c3",
        FlagSet::ALL,
        "FP run: a move into a scalar op whose upper half dies after it, and one lane insert \
         for a chain of scalar ops: mulsd xmm1,xmm6; movapd xmm0,xmm5; mulsd xmm0,xmm5; \
         addsd xmm1,xmm0; movapd xmm0,xmm3",
    ),
    (
        "f20f1000f20f59c2f20f584008f20f114008",
        FlagSet::ALL,
        "FP run: scalar ops on a register whose upper half a scalar load zeroed, as plain \
         scalars: movsd xmm0,[rax]; mulsd xmm0,xmm2; addsd xmm0,[rax+8]; movsd [rax+8],xmm0",
    ),
];

#[test]
fn fusion_emission_snapshot() {
    let mut now = String::from(
        "# xlate fusion snapshot: whole blocks whose instructions are emitted together.\n\
         # Regenerate with HMCR_BLESS=1 cargo test -p xlate fusion_emission_snapshot\n",
    );
    for &(hex, live, what) in FUSION_BLOCKS {
        let _ = writeln!(now, "\n## {what}    [{hex}]");
        // up to the first helper call: the calls' literals are host addresses
        for l in objdump(&translate_block_live(hex, false, live), 0x10_0000) {
            if l.contains(" bl ") {
                let _ = writeln!(now, "    (helper calls follow)");
                break;
            }
            let _ = writeln!(now, "{l}");
        }
    }
    bless_or_compare("fusion.snap", &now);
}

/// Superblocks: blocks that go on past conditional branches. (hex bytes, flags live at every
/// side exit's target, flags live after the block, description)
const SUPERBLOCKS: &[(&str, FlagSet, FlagSet, &str)] = &[
    (
        "4839d875044883c001c3",
        FlagSet::ALL,
        FlagSet::ALL,
        "carry inverted at a side exit whose target reads it: cmp rax,rbx; jne +4; \
         add rax,1; ret",
    ),
    (
        "803c13007502ffc975f431c0c3",
        FlagSet::NONE,
        FlagSet::NONE,
        "compares folded into side exits, flags dead on both sides: cmp byte [rbx+rdx],0; \
         jne +2; dec ecx; jne -12; xor eax,eax; ret",
    ),
];

#[test]
fn superblock_emission_snapshot() {
    let mut now = String::from(
        "# xlate superblock snapshot: blocks that go on past conditional branches.\n\
         # Regenerate with HMCR_BLESS=1 cargo test -p xlate superblock_emission_snapshot\n",
    );
    let base = 0x10_0000u64;
    let stubs = Stubs::fake_below(base);
    let known = |_: u64| None;
    for &(hex, side_live, live_out, what) in SUPERBLOCKS {
        let bytes = bytes_of(hex);
        let src = crate::decode::SliceSource {
            base: 0x40_0000,
            bytes: &bytes,
        };
        let mut block =
            crate::decode::decode_superblock(&src, 0x40_0000, 16, crate::decode::MAX_SIDE_EXITS);
        assert!(!block.side_exits.is_empty(), "{what}");
        for x in &mut block.side_exits {
            x.live_flags = side_live;
        }
        let code = crate::translate::translate(&block, live_out, base, &stubs, &known, false)
            .expect("superblocks translate")
            .code;
        let _ = writeln!(now, "\n## {what}    [{hex}]");
        for l in objdump(&code, base) {
            let _ = writeln!(now, "{l}");
        }
    }
    bless_or_compare("superblock.snap", &now);
}

#[test]
fn read_modify_write_with_index_and_large_displacement_stores_where_it_loads() {
    // sub [rbp*8+0x4bd3c0], r14: the address is built in x16 once; the store must not add the
    // displacement a second time (it did: glibc-built code then wrote to twice the address).
    let code = translate_block("4c2934edc0d34b00", false);
    let words: Vec<u32> = code
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    // the 64-bit load and the store back use the same base register and offset, and nothing
    // in between writes that register
    let is_ldr = |w: u32| w & 0xffc0_0000 == 0xf940_0000;
    let is_str = |w: u32| w & 0xffc0_0000 == 0xf900_0000;
    let ld = words.iter().position(|&w| is_ldr(w)).expect("a load");
    let st = words.iter().rposition(|&w| is_str(w)).expect("a store");
    assert!(ld < st, "{words:x?}");
    // Rn (bits 5..9) and imm12 (bits 10..21)
    let addr = |w: u32| (w >> 5) & 0x1_ffff;
    assert_eq!(addr(words[ld]), addr(words[st]), "{words:x?}");
    let rn = (words[ld] >> 5) & 0x1f;
    for &w in &words[ld + 1..st] {
        assert_ne!(
            w & 0x1f,
            rn,
            "{w:#010x} may write the address register: {words:x?}"
        );
    }
}

/// Targets of the conditional branches (`b.cond`) in `code` placed at `base`.
fn b_cond_targets(code: &[u8], base: u64) -> Vec<u64> {
    code.chunks_exact(4)
        .enumerate()
        .filter_map(|(k, w)| {
            let w = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            (w & 0xff00_0010 == 0x5400_0000).then(|| {
                let imm19 = i64::from(((w >> 5) & 0x7ffff) as i32) << 45 >> 45;
                (base as i64 + 4 * k as i64 + imm19 * 4) as u64
            })
        })
        .collect()
}

#[test]
fn a_loop_enters_after_its_preheader_only_while_the_preheader_registers_hold() {
    let base = 0x10_0000u64;
    // paddq xmm0,[rip+0x100]; add rcx,1; cmp rcx,5; jne start: the RIP base survives
    let plain = translate_block_live("660fd405000100004883c1014883f90575ee", false, FlagSet::NONE);
    assert_eq!(
        b_cond_targets(&plain, base),
        vec![base + 4],
        "after `ldr x27, =...`"
    );
    // the same with `mov edx,1; mov rax,rcx; div rbx` (a 128-bit dividend goes to the
    // interpreter helper, whose stub clobbers x27) and a store: back to the preheader
    let helper = translate_block_live(
        "660fd40500010000ba010000004889c848f7f3488984cf000200004883c1014883f90575db",
        false,
        FlagSet::NONE,
    );
    assert!(
        b_cond_targets(&helper, base).contains(&base),
        "{:x?}",
        b_cond_targets(&helper, base)
    );
    assert!(!b_cond_targets(&helper, base).contains(&(base + 4)));
}
