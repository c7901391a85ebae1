//! Real round trips: a C program is started, dumped by `hmcr dump` (which kills it), restored by
//! `hmcr restore`, and must carry on exactly where it was. Also the failure paths: a pid
//! collision, a corrupted image, and restoring twice from one image.

mod support;

use std::time::Duration;

use support::*;

const LONG: Duration = Duration::from_secs(60);

/// The counter continues from where it was dumped (no line lost or repeated), keeps its
/// nanosleep loop working, and `hmcr restore` exits with the program's own status (3).
#[test]
fn counter_carries_on_and_restore_exits_with_its_status() {
    let dir = test_dir("counter");
    let bin = compile("counter", &dir);
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let mut child = spawn(&bin, &[out.to_str().expect("utf8 path"), "2000"]);
    wait_until("20 lines of output", LONG, || lines(&out).len() >= 20);
    dump(child.id(), &img, &[]);
    let status = child.wait().expect("reaping the dumped subject");
    assert!(!status.success(), "dump kills the subject by default");
    let at_dump = lines(&out).len();
    assert!(at_dump < 2001, "the subject had finished before the dump");

    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    let st = wait_child(&mut restore, LONG, "hmcr restore of the counter");
    assert_eq!(
        st.code(),
        Some(3),
        "hmcr restore exits with the restored root's status"
    );
    let got = lines(&out);
    let want: Vec<String> = (0..=2000).map(|i| i.to_string()).collect();
    assert_eq!(
        got, want,
        "output after restore continues exactly (dumped after {at_dump} lines)"
    );
}

/// 200 MiB of touched heap come back byte for byte (the program checks its own checksum).
#[test]
fn large_heap_is_restored_exactly() {
    let dir = test_dir("heap");
    let bin = compile("heap", &dir);
    let (ready, go, img) = (dir.join("ready"), dir.join("go"), dir.join("img"));
    let mut child = spawn(
        &bin,
        &[
            "200",
            ready.to_str().expect("utf8"),
            go.to_str().expect("utf8"),
        ],
    );
    wait_until("the heap to be filled", LONG, || {
        std::fs::read_to_string(&ready).is_ok_and(|s| s.ends_with('\n'))
    });
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped subject");
    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    let pid = read_pid(&dir.join("pid"));
    assert!(alive(pid), "the restored heap program runs");
    std::fs::write(&go, b"go").expect("writing the go file");
    let st = wait_child(&mut restore, LONG, "the restored heap program");
    assert_eq!(
        st.code(),
        Some(0),
        "the restored program found its 200 MiB heap intact"
    );
}

/// Four threads with TLS keep counting after restore, each consistent with its shared slot.
#[test]
fn threads_keep_running_with_their_tls() {
    let dir = test_dir("threads");
    let bin = compile("threads", &dir);
    let (ready, go, img) = (dir.join("ready"), dir.join("go"), dir.join("img"));
    let mut child = spawn(
        &bin,
        &[ready.to_str().expect("utf8"), go.to_str().expect("utf8")],
    );
    wait_until("the threads to start", LONG, || {
        std::fs::read_to_string(&ready).is_ok_and(|s| s.ends_with('\n'))
    });
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped subject");
    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    let pid = read_pid(&dir.join("pid"));
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(tasks, 5, "main thread and four workers are back");
    std::fs::write(&go, b"go").expect("writing the go file");
    let st = wait_child(&mut restore, LONG, "the restored threaded program");
    assert_eq!(
        st.code(),
        Some(0),
        "every thread moved on after restore, TLS consistent"
    );
}

/// With the original still running (`--leave-running`), its pid is taken: the error names the
/// pid, who holds it, and the way out; `--pid-policy=any` then restores under a new pid.
#[test]
fn pid_collision_is_explained_and_pid_policy_any_restores() {
    let dir = test_dir("collision");
    let bin = compile("counter", &dir);
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let mut child = spawn(&bin, &[out.to_str().expect("utf8"), "1000000"]);
    let pid = child.id();
    wait_until("some output", LONG, || lines(&out).len() >= 10);
    dump(pid, &img, &["--leave-running"]);
    assert!(alive(pid), "--leave-running keeps the original");

    let o = restore_output(&img, &["-d"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success(),
        "restore must fail while pid {pid} is taken"
    );
    assert!(
        err.contains(&format!("pid {pid} is already used")),
        "error names the pid: {err}"
    );
    assert!(err.contains("counter"), "error names the holder: {err}");
    assert!(
        err.contains("--pid-policy=any"),
        "error suggests the option: {err}"
    );

    let pidfile = dir.join("pid");
    let o = restore_output(
        &img,
        &[
            "-d",
            "--pid-policy=any",
            "--pidfile",
            pidfile.to_str().expect("utf8"),
        ],
    );
    assert!(
        o.status.success(),
        "restore under a new pid: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let new = read_pid(&pidfile);
    assert_ne!(new, pid);
    std::thread::sleep(Duration::from_millis(100));
    assert!(alive(new), "the copy restored under pid {new} runs");
    let comm = std::fs::read_to_string(format!("/proc/{new}/comm")).unwrap_or_default();
    assert_eq!(comm.trim(), "counter");
    kill(new);
    let _ = child.kill();
    let _ = child.wait();
}

/// A flipped byte in the pages file: the restore fails with a CRC error naming the file, and
/// nothing it created is left (the original pid is free again).
#[test]
fn corrupted_pages_fail_cleanly() {
    let dir = test_dir("corrupt");
    let bin = compile("counter", &dir);
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let mut child = spawn(&bin, &[out.to_str().expect("utf8"), "1000000"]);
    let pid = child.id();
    wait_until("some output", LONG, || lines(&out).len() >= 10);
    dump(pid, &img, &[]);
    child.wait().expect("reaping the dumped subject");
    // The dump writes one pages file per worker; a flipped byte is found in either.
    let mut corrupted = 0;
    for name in [format!("pages-{pid}.img"), format!("pages-{pid}-1.img")] {
        let pages = img.join(&name);
        let good = std::fs::read(&pages).expect("reading the pages file");
        if good.len() <= 4096 {
            continue; // this worker stored no pages
        }
        let mut bytes = good.clone();
        bytes[4096 + 100] ^= 0x40;
        std::fs::write(&pages, &bytes).expect("corrupting the pages file");

        let o = restore_output(&img, &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success());
        assert!(
            err.contains("corrupt") && err.contains(&name),
            "CRC error naming {name}: {err}"
        );
        assert!(
            !alive(pid) && !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "nothing left as pid {pid}"
        );
        std::fs::write(&pages, &good).expect("repairing the pages file");
        corrupted += 1;
    }
    assert!(corrupted > 0, "some pages file holds data");
}

/// The image is only read: two restores in a row from the same directory both work, and every
/// image file is byte-identical afterwards.
#[test]
fn restoring_twice_from_one_image_works() {
    let dir = test_dir("twice");
    let bin = compile("counter", &dir);
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let mut child = spawn(&bin, &[out.to_str().expect("utf8"), "1000"]);
    wait_until("some output", LONG, || lines(&out).len() >= 10);
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped subject");
    let before = snapshot(&img);
    for round in 0..2 {
        let mut r = spawn_restore(&img, &dir.join(format!("pid{round}")), &[]);
        let st = wait_child(&mut r, LONG, "hmcr restore");
        assert_eq!(st.code(), Some(3), "round {round}");
        let want: Vec<String> = (0..=1000).map(|i| i.to_string()).collect();
        assert_eq!(lines(&out), want, "round {round}");
    }
    assert!(snapshot(&img) == before, "restore never modifies the image");
}

/// A session leader with a zombie child (exit status 7) and a writer child feeding it through a
/// pipe: the tree comes back with the same shape, pids, session and pipe, and the zombie's
/// status is still there to be reaped.
#[test]
fn process_tree_with_pipe_and_zombie() {
    let dir = test_dir("tree");
    let bin = compile("tree", &dir);
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let mut child = spawn(&bin, &[out.to_str().expect("utf8"), "1500"]);
    let pid = child.id();
    wait_until("some output", LONG, || lines(&out).len() >= 20);
    dump(pid, &img, &[]);
    child.wait().expect("reaping the dumped subject");
    // The dumped children were reparented to init when their parent died: wait for their pids.
    let kids: Vec<u32> = std::fs::read_dir(&img)
        .expect("listing the image")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_prefix("core-")?
                .strip_suffix(".img")?
                .parse()
                .ok()
        })
        .collect();
    wait_until("the dumped tree's pids to be free", LONG, || {
        kids.iter()
            .all(|k| !std::path::Path::new(&format!("/proc/{k}")).exists())
    });
    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    let root = read_pid(&dir.join("pid"));
    assert_eq!(root, pid, "the root gets its original pid");
    let sid = std::fs::read_to_string(format!("/proc/{root}/stat")).unwrap_or_default();
    let fields: Vec<&str> = sid
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    assert_eq!(
        fields.get(3).copied(),
        Some(pid.to_string().as_str()),
        "still a session leader: {sid}"
    );
    let st = wait_child(&mut restore, LONG, "the restored tree");
    assert_eq!(
        st.code(),
        Some(3),
        "zombie status and writer exit as expected after restore"
    );
    let want: Vec<String> = (0..=1500).map(|i| i.to_string()).collect();
    assert_eq!(
        lines(&out),
        want,
        "every number went through the restored pipe once"
    );
}

/// Signal state: a handler on the alternate stack, a ticking POSIX timer (same id and interval),
/// a blocked pending signal, and a sleep in progress all survive (the program checks itself).
#[test]
fn signal_state_and_posix_timer_survive() {
    let dir = test_dir("signals");
    let bin = compile("signals", &dir);
    let (ready, go, img) = (dir.join("ready"), dir.join("go"), dir.join("img"));
    let mut child = spawn(
        &bin,
        &[ready.to_str().expect("utf8"), go.to_str().expect("utf8")],
    );
    wait_until("the timer to tick", LONG, || {
        std::fs::read_to_string(&ready).is_ok_and(|s| s.ends_with('\n'))
    });
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped subject");
    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    read_pid(&dir.join("pid"));
    std::fs::write(&go, b"go").expect("writing the go file");
    let st = wait_child(&mut restore, LONG, "the restored signal program");
    assert_eq!(
        st.code(),
        Some(0),
        "exit code names the failed check (see programs/signals.c)"
    );
}

/// The system's python3 interpreter dumped mid-computation finishes with output identical to an
/// uninterrupted run.
#[test]
fn python3_mid_computation() {
    let dir = test_dir("python");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/calc.py");
    let out = dir.join("out.txt");
    let img = dir.join("img");
    let python = std::path::Path::new("/usr/bin/python3");
    assert!(python.exists(), "this test needs /usr/bin/python3");
    let mut child = spawn(
        python,
        &[script.to_str().expect("utf8"), out.to_str().expect("utf8")],
    );
    wait_until("python to be mid-way", LONG, || lines(&out).len() >= 100);
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped interpreter");
    let mut restore = spawn_restore(&img, &dir.join("pid"), &[]);
    let st = wait_child(&mut restore, LONG, "the restored python3");
    assert_eq!(st.code(), Some(0));
    let mut total: u64 = 0;
    let want: Vec<String> = (0..3000u64)
        .map(|i| {
            total += i * i;
            format!("{i} {total}")
        })
        .collect();
    assert_eq!(
        lines(&out),
        want,
        "output identical to an uninterrupted run"
    );
}

/// A signal sent the moment the restore reports the pid interrupts the restored `pause()` the
/// way it would have interrupted the original: the handler runs and the call returns EINTR
/// (it is not silently restarted after the handler).
#[test]
fn signal_right_after_restore_interrupts_the_restored_syscall() {
    let dir = test_dir("term");
    let bin = compile("term", &dir);
    let img = dir.join("img");
    let mut child = spawn(&bin, &[]);
    wait_until("the program to wait in pause()", LONG, || {
        std::fs::read_to_string(format!("/proc/{}/wchan", child.id()))
            .is_ok_and(|w| w.contains("pause"))
    });
    dump(child.id(), &img, &[]);
    child.wait().expect("reaping the dumped subject");
    let pidfile = dir.join("pid");
    let mut restore = spawn_restore(&img, &pidfile, &[]);
    let pid = read_pid(&pidfile);
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let st = wait_child(&mut restore, LONG, "the restored program after SIGTERM");
    assert_eq!(st.code(), Some(42), "the handler ran and pause() returned");
}
