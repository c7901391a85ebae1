//! `--shell-job`: a subject that leads its session with a pty as its controlling terminal (as a
//! job started from a shell) is dumped and restored with `--shell-job`; the restored process
//! still has that terminal as its controlling terminal, in the foreground, and what it writes to
//! it arrives at the pty master. Without `--shell-job` the dump refuses with the documented
//! message and the subject runs on. Needs root.

use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::time::Duration;

use hmcr_tests::native_hmcr::Hmcr;
use hmcr_tests::native_proc::{proc_stat, read_text, require_root};
use hmcr_tests::native_pty::Pty;
use hmcr_tests::native_subject::{Subject, SubjectOptions};

/// The tty_nr field of /proc/PID/stat (0: no controlling terminal).
fn ctty_of(pid: i32) -> u64 {
    let stat = read_text(std::path::Path::new(&format!("/proc/{pid}/stat")));
    let after_comm = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    // Fields after comm: state ppid pgrp session tty_nr ...
    after_comm
        .split_whitespace()
        .nth(4)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0)
}

#[test]
fn shell_job_keeps_its_terminal() {
    require_root("the --shell-job suite");
    let hmcr = Hmcr::new();
    let pty = Pty::open().expect("opening a pty");
    let mut s = Subject::start(
        "shell_job",
        &SubjectOptions {
            terminal: Some(pty.terminal_path().to_path_buf()),
            ..SubjectOptions::default()
        },
    );
    let pid = s.pid();
    let tty = ctty_of(pid);
    assert_ne!(
        tty,
        0,
        "the subject has no controlling terminal\n{}",
        s.describe()
    );

    // Without --shell-job: refused, documented message, the subject untouched.
    let refused = hmcr.dump(pid, &s.img(), &[]);
    assert_eq!(
        refused.code(),
        1,
        "a dump of a process on a terminal without --shell-job must fail\n{}",
        refused.describe()
    );
    let expected = format!(
        "has fd 0 open on the terminal {}",
        pty.terminal_path().display()
    );
    assert!(
        refused.stderr.contains(&expected) && refused.stderr.contains("rerun with --shell-job"),
        "the refusal does not say \"{expected}; ... rerun with --shell-job\"\n{}",
        refused.describe()
    );
    let st = proc_stat(pid);
    assert!(
        st.as_ref()
            .is_some_and(|st| st.state != 'Z' && st.state != 'X'),
        "after the refused dump the subject is not running ({st:?})\n{}",
        s.describe()
    );
    assert_eq!(
        ctty_of(pid),
        tty,
        "after the refused dump the subject lost its terminal"
    );

    // With --shell-job: dumped (and killed), then restored by a hmcr whose stdin is the
    // terminal, in a session of its own that does not hold the terminal.
    s.dump(&hmcr, &["--shell-job"]);
    let terminal = pty
        .open_terminal()
        .expect("opening the pty's terminal side");
    s.restore_with_and_check(&hmcr, &["--shell-job"], move |c| {
        c.stdin(Stdio::from(terminal));
        // SAFETY: setsid is async-signal-safe and touches no memory.
        unsafe {
            c.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    });
    let line = format!("shell job {pid} writes on its terminal after restore");
    assert!(
        pty.wait_for(&line, Duration::from_secs(10)),
        "the restored subject's line \"{line}\" did not arrive at the pty master; terminal \
         output: {:?}",
        pty.text()
    );
}
