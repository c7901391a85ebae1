//! Differential instruction tests: every snippet of `tests/difftest/snippets/` runs natively on
//! this x86_64 host (the reference) and through the translator (its aarch64 build under
//! `qemu-aarch64-static`); every GPR, flag (minus the snippet's undefined ones), XMM register,
//! MXCSR, the x87 state and the data region must match.
//!
//! - `directed`: each snippet's own initial state.
//! - `randomised`: rounds of random inputs per snippet within a time budget
//!   (`HMCR_DIFF_BUDGET_SECS`, default 40; `HMCR_DIFF_CASES` random cases per snippet per round,
//!   default 2). The seed is printed; `HMCR_DIFF_SEED=<seed> HMCR_DIFF_ONLY=<name>` reproduces.
//!
//! Known failures: `tests/difftest/known-failures.txt` (an entry that passes fails the suite).
//! `HMCR_DIFF_BLESS_KNOWN=1 cargo test -p hmcr-tests --test xlate_diff directed` rewrites it from
//! the current directed results, and the same for `randomised` adds `random:` entries for
//! snippets that fail only with random inputs (bless `directed` first; review the diff).

use std::path::PathBuf;
use std::time::Duration;

use hmcr_tests::difftest::known::KnownFailures;
use hmcr_tests::difftest::suite::{
    bless_known, bless_known_random, load_corpus, run_directed, run_random, seed_from_env, Corpus,
    RandomPlan, RunnerCommand,
};
use hmcr_tests::xlate_build::{build_xlate_runners, require_tool, Profile};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Corpus {
    let only = std::env::var("HMCR_DIFF_ONLY").ok();
    load_corpus(
        &manifest().join("difftest/snippets"),
        &PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("difftest-asm"),
        only.as_deref(),
    )
    .unwrap_or_else(|e| panic!("loading the snippet corpus: {e}"))
}

fn known() -> KnownFailures {
    KnownFailures::load(&manifest().join("difftest/known-failures.txt"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn runners() -> (RunnerCommand, RunnerCommand) {
    let dir = build_xlate_runners(Profile::Release).unwrap_or_else(|e| panic!("{e}"));
    let qemu = require_tool("qemu-aarch64-static").unwrap_or_else(|e| panic!("{e}"));
    let native = RunnerCommand {
        program: PathBuf::from(env!("CARGO_BIN_EXE_difftest-host")),
        args: Vec::new(),
        limit: Duration::from_secs(300),
    };
    let xlate = RunnerCommand {
        program: qemu,
        args: vec![dir.join("xlate-snippet").display().to_string()],
        limit: Duration::from_secs(600),
    };
    (native, xlate)
}

fn env_num(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|e| panic!("{name}={v} is not a number: {e}")),
        Err(_) => default,
    }
}

#[test]
fn directed() {
    let c = corpus();
    let (native, xlate) = runners();
    let known = known();
    let sum = run_directed(&c, &native, &xlate, &known).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("HMCR_DIFF_BLESS_KNOWN").is_some() {
        assert!(
            std::env::var_os("HMCR_DIFF_ONLY").is_none(),
            "bless the known failures from a full run (without HMCR_DIFF_ONLY)"
        );
        let path = manifest().join("difftest/known-failures.txt");
        bless_known(&path, &known, &sum).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!(
            "HMCR_DIFF_BLESS_KNOWN: wrote {} ({} entries)",
            path.display(),
            sum.reasons.len()
        );
        return;
    }
    let text = sum.text(
        "directed difftest",
        env_num("HMCR_DIFF_REPORTS", 40) as usize,
    );
    println!("{text}");
    assert!(sum.ok(), "{text}");
}

#[test]
fn randomised() {
    let c = corpus();
    let (native, xlate) = runners();
    let seed = seed_from_env().unwrap_or_else(|e| panic!("{e}"));
    let plan = RandomPlan {
        seed,
        per_round: env_num("HMCR_DIFF_CASES", 2) as u32,
        max_rounds: env_num("HMCR_DIFF_ROUNDS", 64) as u32,
        budget: Duration::from_secs(env_num("HMCR_DIFF_BUDGET_SECS", 40)),
    };
    println!("randomised difftest seed: HMCR_DIFF_SEED={seed:#x}");
    let sum = run_random(&c, &plan, &native, &xlate, &known()).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("HMCR_DIFF_BLESS_KNOWN").is_some() {
        let path = manifest().join("difftest/known-failures.txt");
        bless_known_random(&path, &sum, seed).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!(
            "HMCR_DIFF_BLESS_KNOWN: added {} random: entries to {}",
            sum.failures.len(),
            path.display()
        );
        return;
    }
    let text = sum.text(
        &format!("randomised difftest (seed {seed:#x})"),
        env_num("HMCR_DIFF_REPORTS", 20) as usize,
    );
    println!("{text}");
    assert!(sum.ok(), "{text}");
}
