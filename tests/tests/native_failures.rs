//! Failure paths of `hmcr dump` and `hmcr restore`: each fails with exit status 1 and an error
//! that names what failed, and a failed dump leaves its target running and unharmed (it keeps
//! counting, and passes its own memory check when told to stop). Needs root (mounts, setuid).
//!
//! Key words expected on stderr (case-insensitive), besides the pid or path concerned:
//! - nonexistent pid: "no such process" or "does not exist" or "not found"
//! - no permission: "permission" or "not permitted"
//! - unwritable directory: "read-only"
//! - full disk: "no space"
//! - corrupted image: "corrupt"
//! - pid collision: the pid and "--pid-policy"

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hmcr_tests::native_hmcr::Hmcr;
use hmcr_tests::native_proc::{
    alive, exists, read_text, require_root, run_with_timeout, CmdOutput, TempDir,
};
use hmcr_tests::native_subject::{Subject, SubjectOptions};

/// `hmcr`'s documented exit status for a failed command (cli/src/exit.rs, README "Exit status").
const EXIT_FAILURE: i32 = 1;

fn counter(mib: usize) -> Subject {
    Subject::start(
        "counter",
        &SubjectOptions {
            args: vec![mib.to_string()],
            ..SubjectOptions::default()
        },
    )
}

fn assert_failed_with(out: &CmdOutput, what: &str, needles_any: &[&str], must_contain: &[&str]) {
    let err = out.stderr.to_lowercase();
    assert_eq!(
        out.code(),
        EXIT_FAILURE,
        "{what}: expected exit status {EXIT_FAILURE}\n{}",
        out.describe()
    );
    assert!(
        needles_any.iter().any(|n| err.contains(&n.to_lowercase())),
        "{what}: stderr should say one of {needles_any:?}\n{}",
        out.describe()
    );
    for m in must_contain {
        assert!(
            out.stderr.contains(m),
            "{what}: stderr should name {m:?}\n{}",
            out.describe()
        );
    }
}

fn read_counter(s: &Subject) -> u64 {
    read_text(&s.work().join("cwd/counter"))
        .trim()
        .parse()
        .unwrap_or(0)
}

/// After a failed dump: the target is alive, not traced or stopped, keeps counting, and passes
/// its own check.
fn assert_unharmed(mut s: Subject, what: &str) {
    let pid = s.pid();
    assert!(
        alive(pid),
        "{what}: the target {pid} is gone after a failed dump\n{}",
        s.describe()
    );
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let tracer = status
        .lines()
        .find_map(|l| l.strip_prefix("TracerPid:"))
        .map(str::trim)
        .unwrap_or("?");
    assert!(
        tracer == "0",
        "{what}: the target {pid} is still traced by {tracer} after a failed dump"
    );
    let c0 = read_counter(&s);
    std::thread::sleep(Duration::from_millis(300));
    let c1 = read_counter(&s);
    assert!(
        c1 > c0,
        "{what}: the target {pid} stopped counting after a failed dump ({c0} then {c1}); state {:?}",
        hmcr_tests::native_proc::proc_stat(pid)
    );
    let (code, out) = s.terminate_without_dump();
    assert!(
        code == 0 && out == "READY\nPASS\n",
        "{what}: the target failed its own check after a failed dump (exit {code}):\n{out}"
    );
}

/// A tmpfs mounted for one test, unmounted on drop.
struct Mount {
    path: PathBuf,
}

impl Mount {
    fn tmpfs(path: &Path, options: &str) -> Mount {
        std::fs::create_dir_all(path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        let out = run_with_timeout(
            std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", options, "hmcr-test"])
                .arg(path),
            Duration::from_secs(20),
        );
        assert!(
            out.status.success(),
            "mounting a tmpfs for the test failed\n{}",
            out.describe()
        );
        Mount {
            path: path.to_path_buf(),
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        if let Ok(c) = CString::new(self.path.as_os_str().as_bytes()) {
            // SAFETY: c is a valid NUL-terminated path for the duration of the call.
            unsafe {
                libc::umount2(c.as_ptr(), libc::MNT_DETACH);
            }
        }
    }
}

#[test]
fn dump_of_nonexistent_pid() {
    require_root("the failure suite");
    let hmcr = Hmcr::new();
    // A pid that just existed and is surely free now.
    let mut child = std::process::Command::new("true")
        .spawn()
        .unwrap_or_else(|e| panic!("starting true: {e}"));
    let pid = child.id() as i32;
    let _ = child.wait();
    assert!(!exists(pid), "pid {pid} was reused at once");
    let tmp = TempDir::new("nopid");
    let out = hmcr.dump(pid, &tmp.path().join("img"), &[]);
    assert_failed_with(
        &out,
        "dump of a nonexistent pid",
        &["no such process", "does not exist", "not found"],
        &[&pid.to_string()],
    );
}

#[test]
fn dump_without_permission() {
    require_root("the failure suite (runs hmcr as nobody against a root process)");
    let hmcr = Hmcr::new();
    let s = counter(4);
    let tmp = TempDir::new("noperm");
    // The image directory is writable by nobody: only the permission on the target can fail.
    let img = tmp.path().join("img");
    std::fs::create_dir_all(&img).unwrap_or_else(|e| panic!("creating {}: {e}", img.display()));
    for p in [tmp.path(), img.as_path()] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777))
            .unwrap_or_else(|e| panic!("chmod {}: {e}", p.display()));
    }
    let mut cmd = hmcr.command(["dump", "-t", &s.pid().to_string(), "-D"]);
    // std drops the supplementary groups when root switches uid.
    cmd.arg(&img).uid(65534).gid(65534);
    let out = run_with_timeout(&mut cmd, Duration::from_secs(60));
    assert_failed_with(
        &out,
        "dump of a root process by nobody",
        &["permission", "not permitted"],
        &[&s.pid().to_string()],
    );
    assert_unharmed(s, "dump without permission");
}

#[test]
fn dump_into_read_only_directory() {
    require_root("the failure suite (mounts a read-only tmpfs)");
    let hmcr = Hmcr::new();
    let s = counter(4);
    let tmp = TempDir::new("rodir");
    let mnt = tmp.path().join("ro");
    let _mount = Mount::tmpfs(&mnt, "ro,size=1m");
    let img = mnt.join("img");
    let out = hmcr.dump(s.pid(), &img, &[]);
    assert_failed_with(
        &out,
        "dump into a read-only file system",
        &["read-only"],
        &[&mnt.display().to_string()],
    );
    assert_unharmed(s, "dump into a read-only directory");
}

#[test]
fn dump_onto_full_disk() {
    require_root("the failure suite (mounts a small tmpfs)");
    let hmcr = Hmcr::new();
    let s = counter(64);
    let tmp = TempDir::new("fulldisk");
    let mnt = tmp.path().join("small");
    let _mount = Mount::tmpfs(&mnt, "size=4m");
    let out = hmcr.dump(s.pid(), &mnt.join("img"), &[]);
    assert_failed_with(
        &out,
        "dump of 64 MiB into a 4 MiB tmpfs",
        &["no space"],
        &[],
    );
    assert_unharmed(s, "dump onto a full disk");
}

/// Copy an image directory (flat) to `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("creating {}: {e}", to.display()));
    for e in std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("listing {}: {e}", from.display()))
        .flatten()
    {
        std::fs::copy(e.path(), to.join(e.file_name()))
            .unwrap_or_else(|err| panic!("copying {}: {err}", e.path().display()));
    }
}

/// Flip one byte of `file`: at `offset_from_start`, or in the middle.
fn flip_byte(file: &Path, offset_from_start: Option<usize>) {
    let mut bytes =
        std::fs::read(file).unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
    assert!(
        bytes.len() > 64,
        "{} is too small to corrupt",
        file.display()
    );
    let at = offset_from_start
        .unwrap_or(bytes.len() / 2)
        .min(bytes.len() - 1);
    bytes[at] ^= 0x40;
    std::fs::write(file, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", file.display()));
}

fn find_image(dir: &Path, stem: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("listing {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}-")) && n.ends_with(".img"))
        })
        .unwrap_or_else(|| panic!("no {stem}-*.img in the image directory {}", dir.display()))
}

#[test]
fn restore_of_corrupted_image() {
    require_root("the failure suite");
    let hmcr = Hmcr::new();
    let mut s = counter(4);
    let pid = s.pid();
    s.dump(&hmcr, &[]);
    let tmp = TempDir::new("corrupt");
    for stem in ["pages", "core", "mm"] {
        let dir = tmp.path().join(format!("img-{stem}"));
        copy_dir(&s.img(), &dir);
        let file = find_image(&dir, stem);
        // Pages: a byte in the middle of the page data (after the header page).
        let len = std::fs::metadata(&file)
            .map(|m| m.len() as usize)
            .unwrap_or(0);
        let at = (stem == "pages" && len > 8192).then(|| 4096 + (len - 4096) / 2);
        flip_byte(&file, at);
        let pidfile = tmp.path().join(format!("{stem}.pid"));
        let mut cmd = hmcr.command(["restore", "-D"]);
        cmd.arg(&dir).arg("--pidfile").arg(&pidfile);
        let out = run_with_timeout(&mut cmd, Duration::from_secs(120));
        let what = format!("restore with one byte flipped in {}", file.display());
        assert_failed_with(&out, &what, &["corrupt"], &[]);
        assert!(
            !alive(pid),
            "{what}: a process with the original pid {pid} is running after the failed restore"
        );
    }
    // The intact image still restores.
    s.restore_and_check(&hmcr, &[]);
}

#[test]
fn restore_with_pid_collision() {
    require_root("the failure suite");
    let hmcr = Hmcr::new();
    let mut s = counter(4);
    let pid = s.pid();
    s.dump(&hmcr, &["--leave-running"]);
    let tmp = TempDir::new("collision");
    let pidfile = tmp.path().join("restore.pid");
    let mut cmd = hmcr.command(["restore", "-D"]);
    cmd.arg(s.img()).arg("--pidfile").arg(&pidfile);
    let out = run_with_timeout(&mut cmd, Duration::from_secs(120));
    assert_failed_with(
        &out,
        "restore while the original process lives",
        &["--pid-policy"],
        &[&pid.to_string()],
    );
    // The original was not disturbed by the failed restore.
    let c0 = read_counter(&s);
    std::thread::sleep(Duration::from_millis(300));
    assert!(read_counter(&s) > c0, "the original {pid} stopped counting");

    // --pid-policy any restores a copy under a new pid; it passes its check too.
    let img = s.img();
    let mut restore = hmcr.spawn_restore(
        &img,
        &pidfile,
        &["--pid-policy", "any"],
        &tmp.path().join("any"),
    );
    let new_pid = restore
        .wait_for_pid(Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("restore --pid-policy any: {e}"));
    assert_ne!(new_pid, pid, "--pid-policy any reused the taken pid");
    s.guard().watch_tree(new_pid);
    let mut sent = false;
    let code = restore
        .wait(Duration::from_secs(60), || {
            if !sent {
                hmcr_tests::native_proc::send_signal(new_pid, libc::SIGTERM);
                sent = true;
            }
        })
        .unwrap_or_else(|e| panic!("restored copy under pid {new_pid}: {e}"));
    assert_eq!(
        code,
        0,
        "the copy restored with --pid-policy any failed its check\n{}\n--- hmcr stderr ---\n{}",
        s.describe(),
        restore.stderr()
    );
    assert_unharmed(s, "pid collision");
}
