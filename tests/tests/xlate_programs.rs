//! Whole-program tests of the translator: each `tests/programs/*.c`, compiled with
//! `gcc -O2 -static` for x86_64, must print exactly the same output and exit with the same status
//! when run through the translator (`xlate-run` under `qemu-aarch64-static`) as when run natively.

use std::path::PathBuf;

use hmcr_tests::xlate_build::{build_xlate_runners, require_tool, Profile};
use hmcr_tests::xlate_programs::{
    compile, native_command, output, translated_command, Arch, PROGRAMS,
};

fn check(name: &str) {
    let p = PROGRAMS
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no program {name}"));
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("programs");
    let exe = compile(name, Arch::X86_64, &out_dir).unwrap_or_else(|e| panic!("{e}"));
    let runners = build_xlate_runners(Profile::Release).unwrap_or_else(|e| panic!("{e}"));
    let qemu = require_tool("qemu-aarch64-static").unwrap_or_else(|e| panic!("{e}"));

    let native = output(native_command(&exe, p.test_args)).expect("running the program natively");
    assert!(
        native.status.success(),
        "{name} fails natively ({}): {}",
        native.status,
        String::from_utf8_lossy(&native.stderr)
    );
    let xl = output(translated_command(
        &qemu,
        &runners,
        &exe,
        p.test_args,
        false,
    ))
    .expect("starting qemu-aarch64-static");
    let expected = String::from_utf8_lossy(&native.stdout);
    let got = String::from_utf8_lossy(&xl.stdout);
    assert!(
        xl.status.code() == native.status.code() && expected == got,
        "{name} {:?} through the translator differs from native.\nnative ({}):\n{expected}\n\
         translated ({}):\n{got}\ntranslator stderr:\n{}",
        p.test_args,
        native.status,
        xl.status,
        String::from_utf8_lossy(&xl.stderr)
    );
}

#[test]
fn sieve() {
    check("sieve");
}

#[test]
fn sha256() {
    check("sha256");
}

#[test]
fn nbody() {
    check("nbody");
}

#[test]
fn fib() {
    check("fib");
}

#[test]
fn interp_computed_goto() {
    check("interp");
}

#[test]
fn string_routines() {
    check("strings");
}

#[test]
fn printf_floats_and_long_doubles() {
    check("printf_floats");
}

#[test]
fn syscalls_whose_abi_differs_on_aarch64() {
    check("syscall_abi");
}

#[test]
fn signals_reach_guest_handlers_with_x86_64_frames() {
    check("signals");
}

#[test]
fn default_ignored_signals_do_not_kill() {
    check("signal_death");
}

/// A guest without a handler dies with the signal the x86_64 CPU and kernel give it, exactly
/// like the native run (the translator re-raises it with the default action).
#[test]
fn unhandled_signals_kill_like_native() {
    use std::os::unix::process::ExitStatusExt;
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("programs");
    let exe = compile("signal_death", Arch::X86_64, &out_dir).unwrap_or_else(|e| panic!("{e}"));
    let runners = build_xlate_runners(Profile::Release).unwrap_or_else(|e| panic!("{e}"));
    let qemu = require_tool("qemu-aarch64-static").unwrap_or_else(|e| panic!("{e}"));
    let cases = [
        ("segv", libc::SIGSEGV),
        ("fpe", libc::SIGFPE),
        ("ill", libc::SIGILL),
        ("trap", libc::SIGTRAP),
        ("term", libc::SIGTERM),
        ("pipe", libc::SIGPIPE),
        ("blocked-segv", libc::SIGSEGV),
    ];
    for (case, sig) in cases {
        let native = output(native_command(&exe, &[case])).expect("running natively");
        assert_eq!(
            native.status.signal(),
            Some(sig),
            "native {case}: {}",
            native.status
        );
        let xl = output(translated_command(&qemu, &runners, &exe, &[case], false))
            .expect("starting qemu-aarch64-static");
        assert_eq!(
            (xl.status.signal(), &xl.stdout),
            (Some(sig), &native.stdout),
            "{case} through the translator: {}; stderr:\n{}",
            xl.status,
            String::from_utf8_lossy(&xl.stderr)
        );
    }
}

#[test]
fn every_program_has_a_test() {
    let tested = [
        "sieve",
        "sha256",
        "nbody",
        "fib",
        "interp",
        "strings",
        "printf_floats",
        "syscall_abi",
        "signals",
        "signal_death",
    ];
    for p in PROGRAMS {
        assert!(tested.contains(&p.name), "{} has no #[test]", p.name);
    }
    for e in std::fs::read_dir(hmcr_tests::xlate_programs::programs_dir()).expect("programs dir") {
        let path = e.expect("dir entry").path();
        if path.extension().is_some_and(|x| x == "c") {
            let stem = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            assert!(
                PROGRAMS.iter().any(|p| p.name == stem),
                "{} is not in PROGRAMS",
                path.display()
            );
        }
    }
}
