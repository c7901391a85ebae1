//! Native checkpoint/restore conformance: every subject of tests/subjects/ is started, dumped
//! with the real `hmcr dump`, restored with `hmcr restore` and must pass its own check.
//! Needs root (original pids via clone3 set_tid).

use hmcr_tests::native_hmcr::Hmcr;
use hmcr_tests::native_proc::require_root;
use hmcr_tests::native_subject::{
    all_subjects, check_subject, env_subject_options, Subject, SubjectOptions,
};

fn opts(name: &str) -> SubjectOptions {
    all_subjects()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, o)| o)
        .unwrap_or_else(|| panic!("unknown subject {name}"))
}

macro_rules! subject_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_subject(stringify!($name), &opts(stringify!($name)));
            }
        )*

        /// Every subject listed in `all_subjects` has a test here.
        #[test]
        fn every_subject_has_a_test() {
            let tested = [$(stringify!($name)),*];
            for (name, _) in all_subjects() {
                assert!(tested.contains(&name), "subject {name} has no test in native_subjects.rs");
            }
        }
    };
}

subject_tests!(
    env,
    busyloop_regs,
    sleep,
    mappings,
    fpu,
    sigaltstack,
    pending_signals,
    sigactions,
    sigmask,
    pipes,
    file_offsets,
    deleted_file,
    timers,
    threads,
    zombie,
    session,
    vdso,
    counter,
);

/// `hmcr restore -d`: the restored tree runs on its own after hmcr exits.
#[test]
fn restore_detached() {
    require_root("restore -d");
    let hmcr = Hmcr::new();
    let mut s = Subject::start("env", &env_subject_options());
    s.dump(&hmcr, &[]);
    s.restore_detached_and_check(&hmcr);
}

/// Images are never modified by restore: a second restore from the same directory works.
#[test]
fn restore_twice_from_same_images() {
    require_root("restoring twice");
    let hmcr = Hmcr::new();
    // A subject that changes no file: a restored copy that wrote to a mapped file would
    // (rightly) make the next restore refuse the changed file.
    let mut s = Subject::start("busyloop_regs", &SubjectOptions::default());
    s.dump(&hmcr, &[]);
    let listing = |dir: &std::path::Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
            .flatten()
            // CRIU-style restore statistics are the one file restore may add.
            .filter(|e| !e.file_name().to_string_lossy().starts_with("stats-restore"))
            .map(|e| {
                let bytes = std::fs::read(e.path()).unwrap_or_default();
                (e.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        v.sort();
        v
    };
    let images_before = listing(&s.img());
    s.restore_and_check(&hmcr, &[]);
    assert!(
        listing(&s.img()) == images_before,
        "hmcr restore modified the image directory {}",
        s.img().display()
    );
    // The second restored copy writes PASS at the same offset as the first: start from
    // "READY\n" again so its verdict is judged alone.
    std::fs::write(s.stdout_path(), "READY\n").unwrap_or_else(|e| panic!("rewriting stdout: {e}"));
    s.restore_and_check(&hmcr, &[]);
}

/// A signal sent as soon as `hmcr restore` has written the pidfile (hmcr staying the parent)
/// reaches the restored process: it is sent once, never repeated.
#[test]
fn signal_right_after_restore_is_delivered() {
    require_root("restore");
    let hmcr = Hmcr::new();
    let mut s = Subject::start("busyloop_regs", &SubjectOptions::default());
    s.dump(&hmcr, &[]);
    s.single_sigterm();
    s.restore_and_check(&hmcr, &[]);
}

/// A signal sent as soon as `hmcr restore -d` has exited reaches the restored process: it is
/// sent once, never repeated.
#[test]
fn signal_right_after_detached_restore_is_delivered() {
    require_root("restore -d");
    let hmcr = Hmcr::new();
    // 64 MiB of memory to restore: the race hmcr-bench-native first showed.
    let mut s = Subject::start(
        "bench_mem",
        &SubjectOptions {
            args: vec!["64".into()],
            ..SubjectOptions::default()
        },
    );
    s.dump(&hmcr, &[]);
    s.single_sigterm();
    s.restore_detached_and_check(&hmcr);
}
