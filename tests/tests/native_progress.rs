//! Progress bars: `hmcr dump` and `hmcr restore` of a large process draw one on stderr when
//! stderr is a terminal (a pty here), and print nothing of the kind into a pipe. Needs root.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use hmcr_tests::native_hmcr::{Hmcr, HMCR_TIMEOUT};
use hmcr_tests::native_proc::{
    read_text, require_root, run_with_timeout, send_signal, wait_gone, CmdOutput,
};
use hmcr_tests::native_pty::Pty;
use hmcr_tests::native_subject::{Subject, SubjectOptions};

const DUMP_BAR: &str = "dumping memory";
const RESTORE_BAR: &str = "restoring memory";

/// Runs `cmd` to completion with its stderr on the terminal side of `pty`; returns its exit code.
fn run_on_terminal(cmd: &mut Command, pty: &Pty) -> i32 {
    let terminal = pty
        .open_terminal()
        .expect("opening the pty's terminal side");
    let desc = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(terminal)
        .spawn()
        .unwrap_or_else(|e| panic!("starting {desc}: {e}"));
    let deadline = std::time::Instant::now() + HMCR_TIMEOUT;
    loop {
        if let Some(st) = child.try_wait().expect("waiting for hmcr") {
            return st.code().unwrap_or(128);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{desc} did not finish within {HMCR_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn restore_detached(hmcr: &Hmcr, img: &Path, pidfile: &Path) -> Command {
    let mut c = hmcr.command(["restore", "-d", "-D"]);
    c.arg(img).arg("--pidfile").arg(pidfile);
    c
}

fn restored_pid(pidfile: &Path) -> i32 {
    read_text(pidfile)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("pidfile {} holds no pid", pidfile.display()))
}

fn assert_no_bar(out: &CmdOutput, bar: &str) {
    assert!(
        out.status.success() && !out.stderr.contains(bar),
        "with stderr on a pipe, hmcr must succeed without a progress bar\n{}",
        out.describe()
    );
}

#[test]
fn progress_bars_on_a_terminal_only() {
    require_root("the progress bar suite");
    let hmcr = Hmcr::new();
    let mut s = Subject::start(
        "bench_mem",
        &SubjectOptions {
            args: vec!["160".into()],
            ..SubjectOptions::default()
        },
    );
    let pid = s.pid();
    let img = s.img();

    // Dump on a terminal (leaving the subject running), then into a pipe (killing it).
    let pty = Pty::open().expect("opening a pty");
    let mut dump = hmcr.command(["dump", "-R", "-t", &pid.to_string(), "-D"]);
    dump.arg(&img);
    assert_eq!(
        run_on_terminal(&mut dump, &pty),
        0,
        "hmcr dump -R on a terminal failed:\n{}",
        pty.text()
    );
    assert!(
        pty.wait_for(DUMP_BAR, Duration::from_secs(5)),
        "hmcr dump with stderr on a terminal drew no \"{DUMP_BAR}\" bar; terminal output: {:?}",
        pty.text()
    );
    let piped = s.dump(&hmcr, &[]);
    assert_no_bar(&piped, DUMP_BAR);

    // Restore into a pipe: no bar. Then stop that process and restore again on a terminal.
    let pidfile = s.work().join("restore.pid");
    let out = run_with_timeout(&mut restore_detached(&hmcr, &img, &pidfile), HMCR_TIMEOUT);
    assert_no_bar(&out, RESTORE_BAR);
    let restored = restored_pid(&pidfile);
    s.guard().watch_tree(restored);
    send_signal(restored, libc::SIGKILL);
    wait_gone(restored, Duration::from_secs(10)).expect("the restored process did not go away");

    let pty = Pty::open().expect("opening a pty");
    let _ = std::fs::remove_file(&pidfile);
    let code = run_on_terminal(&mut restore_detached(&hmcr, &img, &pidfile), &pty);
    assert_eq!(
        code,
        0,
        "hmcr restore -d on a terminal failed:\n{}",
        pty.text()
    );
    assert!(
        pty.wait_for(RESTORE_BAR, Duration::from_secs(5)),
        "hmcr restore with stderr on a terminal drew no \"{RESTORE_BAR}\" bar; terminal output: {:?}",
        pty.text()
    );
    let restored = restored_pid(&pidfile);
    s.guard().watch_tree(restored);
    send_signal(restored, libc::SIGTERM);
    let st = wait_gone(restored, Duration::from_secs(60)).expect("restored subject did not end");
    assert!(
        st.is_some_and(|st| libc::WIFEXITED(st) && libc::WEXITSTATUS(st) == 0),
        "the subject restored on a terminal did not pass its memory check\n{}",
        s.describe()
    );
}
