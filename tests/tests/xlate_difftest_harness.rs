//! Checks the differential harness itself, natively: the reference runner is deterministic,
//! captures what the CPU really computed, and the comparison notices every kind of difference.
//! (Without this, a broken reference would make the translator suites pass or fail for nothing.)

use std::path::PathBuf;
use std::time::Duration;

use hmcr_tests::difftest::cases;
use hmcr_tests::difftest::compare::compare;
use hmcr_tests::difftest::suite::{load_corpus, run_resilient, Corpus, RunnerCommand};
use hmcr_tests::difftest::wire::{Case, Outcome, CODE_ADDR};

fn corpus() -> Corpus {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("difftest/snippets");
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("difftest-asm");
    let only = std::env::var("HMCR_DIFF_ONLY").ok();
    load_corpus(&dir, &cache, only.as_deref()).expect("the snippet corpus loads and assembles")
}

fn native() -> RunnerCommand {
    RunnerCommand {
        program: PathBuf::from(env!("CARGO_BIN_EXE_difftest-host")),
        args: Vec::new(),
        limit: Duration::from_secs(120),
    }
}

fn directed(c: &Corpus) -> Vec<Case> {
    c.snippets
        .iter()
        .zip(&c.code)
        .enumerate()
        .map(|(i, (s, code))| cases::directed(i as u32, s, code))
        .collect()
}

#[test]
fn native_runner_is_deterministic_and_reaches_every_int3() {
    let c = corpus();
    assert!(
        c.snippets.len() > 10,
        "corpus too small: {}",
        c.snippets.len()
    );
    let cs = directed(&c);
    let a = run_resilient(&native(), &cs).expect("native run");
    let b = run_resilient(&native(), &cs).expect("native run");
    for (i, s) in c.snippets.iter().enumerate() {
        let d = compare(s, &a[i], &b[i]);
        assert!(d.is_empty(), "{}: two native runs differ: {d:?}", s.name);
        // Snippets named *_faults exist to check a fault; every other one must reach its int3.
        if s.name.ends_with("_faults") {
            assert!(
                matches!(a[i].outcome, Outcome::Fault(_)),
                "{}: expected a fault, got {:?}",
                s.name,
                a[i].outcome
            );
        } else {
            assert_eq!(a[i].outcome, Outcome::Breakpoint, "{}", s.name);
            assert_eq!(
                a[i].state.rip,
                CODE_ADDR + c.code[i].len() as u64,
                "{}: stopped somewhere else than the final int3",
                s.name
            );
        }
    }
}

fn run_one(c: &Corpus, name: &str) -> (Case, hmcr_tests::difftest::wire::CaseResult) {
    let i = c
        .snippets
        .iter()
        .position(|s| s.name == name)
        .unwrap_or_else(|| panic!("snippet {name} missing from the corpus"));
    let case = cases::directed(0, &c.snippets[i], &c.code[i]);
    let r = run_resilient(&native(), std::slice::from_ref(&case)).expect("native run");
    (case, r.into_iter().next().expect("one result"))
}

#[test]
fn native_runner_captures_real_results() {
    let c = corpus();
    // 0x7fff.. + 1 overflows: result 0x8000.., OF=1 SF=1 CF=0 ZF=0.
    let (_, r) = run_one(&c, "add_r64_smax_1");
    assert_eq!(r.outcome, Outcome::Breakpoint);
    assert_eq!(r.state.gpr[0], 0x8000_0000_0000_0000);
    assert_eq!(
        r.state.rflags & 0x8c1,
        0x880,
        "rflags {:#x}",
        r.state.rflags
    );
    // A memory destination is written back to the data region.
    let (case, r) = run_one(&c, "add_mem64_r");
    assert_eq!(
        r.data[8..16],
        0x8000_0000_0000_0000u64.to_le_bytes(),
        "0xffff.. + 0x8000..01 wraps to 0x8000.."
    );
    assert_ne!(case.data[8..16], r.data[8..16]);
    assert_eq!(
        r.state.rflags & 0x8c1,
        0x81,
        "CF and SF set, ZF and OF clear"
    );
}

#[test]
fn comparison_reports_each_kind_of_difference() {
    let c = corpus();
    let s = c
        .snippets
        .iter()
        .find(|s| s.name == "add_r64_smax_1")
        .expect("snippet");
    let (_, r) = run_one(&c, "add_r64_smax_1");
    assert!(compare(s, &r, &r).is_empty());

    let mut x = r.clone();
    x.state.gpr[3] ^= 1;
    assert_eq!(compare(s, &r, &x)[0].field, "rbx");

    let mut x = r.clone();
    x.state.rflags ^= 1 << 11;
    assert_eq!(compare(s, &r, &x)[0].field, "rflags.of");

    let mut x = r.clone();
    x.state.xmm[7][15] ^= 0x80;
    assert_eq!(compare(s, &r, &x)[0].field, "xmm7");

    let mut x = r.clone();
    x.data[0x123] ^= 1;
    assert!(compare(s, &r, &x)[0].field.starts_with("mem[data+0x123"));

    let mut x = r.clone();
    x.outcome = Outcome::Error("unsupported instruction".into());
    assert_eq!(compare(s, &r, &x)[0].field, "outcome");

    // An undefined flag is not compared.
    let logic = c
        .snippets
        .iter()
        .find(|s| s.name == "and_r64_zero")
        .expect("snippet");
    let mut x = r.clone();
    x.state.rflags ^= 1 << 4;
    assert!(
        compare(logic, &r, &x).is_empty(),
        "AF is undefined after AND"
    );
    assert!(!compare(s, &r, &x).is_empty(), "AF is defined after ADD");
}

#[test]
fn random_cases_are_reproducible_from_the_seed() {
    let c = corpus();
    let s = &c.snippets[0];
    let a = cases::random(0, s, &c.code[0], 42, 7);
    let b = cases::random(0, s, &c.code[0], 42, 7);
    let d = cases::random(0, s, &c.code[0], 43, 7);
    assert_eq!(a.state, b.state);
    assert_eq!(a.data, b.data);
    assert_ne!(a.state, d.state);
    assert_eq!(a.state.gpr[4], s.state.gpr[4], "rsp is never randomised");
}

#[test]
fn native_runner_survives_random_cases_and_is_deterministic() {
    let c = corpus();
    let seed = hmcr_tests::difftest::suite::seed_from_env().expect("seed");
    let cs: Vec<Case> = c
        .snippets
        .iter()
        .zip(&c.code)
        .filter(|(s, _)| s.no_random.is_none())
        .enumerate()
        .map(|(i, (s, code))| cases::random(i as u32, s, code, seed, 0))
        .collect();
    let a = run_resilient(&native(), &cs).expect("native run");
    let b = run_resilient(&native(), &cs).expect("native run");
    for (i, case) in cs.iter().enumerate() {
        assert!(
            !matches!(a[i].outcome, Outcome::Error(_) | Outcome::Timeout),
            "seed {seed:#x}: case {} ({:?}) broke the native runner: {:?}",
            case.id,
            case.state,
            a[i].outcome
        );
        assert_eq!(
            a[i].outcome, b[i].outcome,
            "seed {seed:#x}: case {}",
            case.id
        );
        assert_eq!(a[i].state, b[i].state, "seed {seed:#x}: case {}", case.id);
        assert_eq!(a[i].data, b[i].data, "seed {seed:#x}: case {}", case.id);
    }
}
