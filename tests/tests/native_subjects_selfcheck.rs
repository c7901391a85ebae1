//! The subjects themselves, without hmcr: each passes its own check when left alone, and each
//! really fails when told to expect a wrong value (HMCR_SUBJECT_BREAK=1), so a PASS after a
//! restore means something.

use hmcr_tests::native_subject::{all_subjects, Subject, SubjectOptions};

fn opts(name: &str) -> SubjectOptions {
    all_subjects()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, o)| o)
        .unwrap_or_else(|| panic!("unknown subject {name}"))
}

fn run(name: &str) {
    let (code, out) = Subject::start(name, &opts(name)).terminate_without_dump();
    assert!(
        code == 0 && out == "READY\nPASS\n",
        "subject {name} fails without any dump (exit {code}):\n{out}"
    );
    let mut broken = opts(name);
    broken.env.push(("HMCR_SUBJECT_BREAK".into(), "1".into()));
    let (code, out) = Subject::start(name, &broken).terminate_without_dump();
    assert!(
        code == 1 && out.starts_with("READY\nFAIL: ") && out.ends_with('\n') && !out.contains("PASS"),
        "subject {name} with a deliberately wrong expectation did not report FAIL (exit {code}):\n{out}"
    );
}

macro_rules! selfcheck_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run(stringify!($name));
            }
        )*

        #[test]
        fn every_subject_is_self_checked() {
            let tested = [$(stringify!($name)),*];
            for (name, _) in all_subjects() {
                assert!(tested.contains(&name), "subject {name} has no self-check");
            }
        }
    };
}

selfcheck_tests!(
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
