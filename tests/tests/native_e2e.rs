//! End-to-end: real programs dumped mid-run with `hmcr dump` and restored with `hmcr restore`
//! write exactly the output of an uninterrupted run. Needs root.

use std::path::PathBuf;

use hmcr_tests::native_build::{subject_bin, subjects_dir};
use hmcr_tests::native_hmcr::Hmcr;
use hmcr_tests::native_proc::require_root;
use hmcr_tests::native_workload::{check_workload, Workload};

fn c_workload(name: &str, args: &[&str], dump_after_lines: usize) -> Workload {
    require_root("the native end-to-end suite");
    let program = subject_bin(name).unwrap_or_else(|e| panic!("building {name}: {e}"));
    Workload {
        name: name.to_owned(),
        program,
        args: args.iter().map(|s| (*s).to_owned()).collect(),
        dump_after_lines,
    }
}

/// A C program with a 300 MiB heap, touched and rewritten, printing checksums.
#[test]
fn large_heap() {
    check_workload(&Hmcr::new(), &c_workload("e2e_bigheap", &["300"], 4));
}

/// Four threads meeting at a barrier after each step.
#[test]
fn multi_threaded() {
    check_workload(&Hmcr::new(), &c_workload("e2e_threads", &[], 6));
}

/// A parent feeding three children through pipes and collecting their results.
#[test]
fn children_and_pipes() {
    check_workload(&Hmcr::new(), &c_workload("e2e_pipes", &[], 6));
}

/// The system's python3 interpreter in the middle of a computation.
#[test]
fn python3_interpreter() {
    require_root("the native end-to-end suite");
    let python = PathBuf::from("/usr/bin/python3");
    assert!(
        python.exists(),
        "/usr/bin/python3 is missing: this test runs the system's python3 (apt-get install python3)"
    );
    let script = subjects_dir().join("e2e_compute.py");
    check_workload(
        &Hmcr::new(),
        &Workload {
            name: "python3".to_owned(),
            program: python,
            args: vec!["-u".to_owned(), script.display().to_string()],
            dump_after_lines: 8,
        },
    );
}
