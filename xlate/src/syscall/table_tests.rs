//! Tests of the whole table: coverage, names, registration conflicts, passthrough numbers on
//! aarch64, and real calls made with x86_64 numbers and x86_64 structures through the table
//! (on an x86_64 host the host ABI is the guest's; under `qemu-aarch64-static` the same tests
//! exercise the conversions for real, see xlate/README or the report of `cargo test --target
//! aarch64-unknown-linux-gnu`).

use super::listing::{counts, describe, RowKind, X86_64_SYSCALLS};
use super::table::{Entry, Table};
use super::{CodeInvalidator, LinuxSyscalls, SyscallHandler, SyscallOutcome};
use crate::state::{gpr as G, GuestState};
use std::collections::BTreeMap;

#[test]
fn every_x86_64_syscall_has_an_explicit_entry() {
    let rows = describe();
    let missing: Vec<String> = rows
        .iter()
        .filter(|r| r.kind == RowKind::Missing)
        .map(|r| format!("{} {}", r.nr, r.name))
        .collect();
    assert!(missing.is_empty(), "no entry for: {missing:?}");
    let (p, t, u, m) = counts(&rows);
    assert_eq!(p + t + u + m, 335 + 39);
    println!("{p} passthrough, {t} translated, {u} unsupported");
    for r in &rows {
        println!("{r}");
    }
}

#[test]
fn entries_are_named_like_the_x86_64_kernel_names_them() {
    let mut sys = LinuxSyscalls::new(0);
    let t = sys.table_mut();
    for &(nr, name) in X86_64_SYSCALLS {
        let e = t
            .get(nr as u64)
            .unwrap_or_else(|| panic!("{nr} {name} missing"));
        assert_eq!(e.name(), name, "entry {nr}");
    }
}

#[cfg(target_arch = "x86_64")]
#[test]
fn the_number_list_matches_this_hosts_x86_64_kernel_headers() {
    let h = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h";
    let text =
        std::fs::read_to_string(h).unwrap_or_else(|e| panic!("{h}: {e} (install linux-libc-dev)"));
    let from_header = defines(&text, "__NR_");
    let mut checked = 0;
    for &(nr, name) in X86_64_SYSCALLS {
        if let Some(&n) = from_header.get(name) {
            assert_eq!(n, nr as i64, "{name}");
            checked += 1;
        } else {
            // newer than the installed headers: only the unified range may be absent
            assert!(nr > 450, "{nr} {name} missing from {h}");
        }
    }
    assert!(checked >= 360);
}

/// `#define <prefix>name number` lines of a header.
fn defines(text: &str, prefix: &str) -> BTreeMap<String, i64> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next()? == "#define").then_some(())?;
            let name = w.next()?.strip_prefix(prefix)?;
            let v = w.next()?.parse::<i64>().ok()?;
            Some((name.to_string(), v))
        })
        .collect()
}

/// Registers every family into its own table and reports numbers claimed twice (a later
/// family would silently replace an earlier one's entry).
#[test]
fn no_syscall_is_registered_by_two_families() {
    type Register = fn(&mut Table);
    let families: &[(&str, Register)] = &[
        ("file", super::file::register),
        ("stat", super::stat::register),
        ("memory", super::memory::register),
        ("process", super::process::register),
        ("signal", super::signal::register),
        ("time", super::time::register),
        ("misc", super::misc::register),
        ("fs_legacy", super::fs_legacy::register),
        ("fileio", super::fileio::register),
        ("dir", super::dir::register),
        ("poll_select", super::poll_select::register),
        ("epoll", super::epoll::register),
        ("fdevents", super::fdevents::register),
        ("socket", super::socket::register),
        ("sched", super::sched::register),
        ("creds", super::creds::register),
        ("rlimit", super::rlimit::register),
        ("time_extra", super::time_extra::register),
        ("signal_extra", super::signal_extra::register),
        ("memory_extra", super::memory_extra::register),
        ("ipc", super::ipc::register),
        ("aio", super::aio::register),
        ("admin", super::admin::register),
        ("clone", super::clone::register),
        ("futex", super::futex::register),
        ("xattr", super::xattr::register),
        ("proc_extra", super::proc_extra::register),
        ("ids", super::ids::register),
    ];
    let mut owner: BTreeMap<usize, &str> = BTreeMap::new();
    let mut dups = Vec::new();
    for (fam, reg) in families {
        let mut t = Table::new();
        reg(&mut t);
        for (nr, e) in t.iter() {
            if let Some(prev) = owner.insert(nr, fam) {
                dups.push(format!("{nr} {} in {prev} and {fam}", e.name()));
            }
        }
    }
    assert!(dups.is_empty(), "registered twice: {dups:?}");
    // and the list above is complete: together the families give the whole table
    let mut sys = LinuxSyscalls::new(0);
    assert_eq!(
        sys.table_mut().iter().count(),
        owner.len(),
        "a family is missing from this test's list"
    );
}

/// The generic (aarch64) syscall header: on an x86_64 host the cross one, on aarch64 the native.
fn aarch64_numbers() -> BTreeMap<String, i64> {
    let paths = [
        "/usr/aarch64-linux-gnu/include/asm-generic/unistd.h",
        "/usr/include/asm-generic/unistd.h",
    ];
    for p in paths {
        if let Ok(text) = std::fs::read_to_string(p) {
            if cfg!(target_arch = "x86_64") && p.starts_with("/usr/include") {
                continue;
            }
            let mut m = defines(&text, "__NR3264_");
            m.extend(defines(&text, "__NR_"));
            return m;
        }
    }
    panic!("no aarch64 syscall header at {paths:?} (install libc6-dev-arm64-cross)");
}

#[test]
fn passthrough_targets_exist_on_aarch64_with_these_numbers() {
    let a64 = aarch64_numbers();
    let mut sys = LinuxSyscalls::new(0);
    let mut errors = Vec::new();
    for (nr, e) in sys.table_mut().iter() {
        let Entry::Passthrough { name, host } = e else {
            continue;
        };
        let alias = match *name {
            "newfstatat" => "fstatat",
            n => n,
        };
        match a64.get(alias) {
            Some(&n) => {
                if cfg!(target_arch = "aarch64") && n != *host {
                    errors.push(format!(
                        "{nr} {name}: host number {host}, aarch64 header says {n}"
                    ));
                }
            }
            None if nr > 450 && *host == nr as i64 => {} // unified numbers newer than the header
            None => errors.push(format!(
                "{nr} {name}: passthrough, but aarch64 has no such call"
            )),
        }
        if cfg!(target_arch = "x86_64") && *host != nr as i64 {
            errors.push(format!(
                "{nr} {name}: on an x86_64 host the passthrough number must be {nr}, is {host}"
            ));
        }
    }
    assert!(errors.is_empty(), "{errors:#?}");
}

// ---- real calls through the table ----

struct NoCode(Vec<(u64, u64)>);
impl CodeInvalidator for NoCode {
    fn invalidate(&mut self, start: u64, len: u64) {
        self.0.push((start, len));
    }
    fn has_code_from(&self, _file: super::FileId) -> bool {
        false
    }
    fn file_changed(&mut self, _file: super::FileId, _start: u64, _end: u64) {}
}

fn call(sys: &mut LinuxSyscalls, nr: u64, a: [u64; 6]) -> i64 {
    let mut st = GuestState::default();
    st.gpr[G::RAX] = nr;
    for (r, v) in [G::RDI, G::RSI, G::RDX, G::R10, G::R8, G::R9]
        .into_iter()
        .zip(a)
    {
        st.gpr[r] = v;
    }
    let mut code = NoCode(Vec::new());
    assert_eq!(sys.syscall(&mut st, &mut code), SyscallOutcome::Continue);
    st.gpr[G::RAX] as i64
}

fn sys() -> LinuxSyscalls {
    let s = LinuxSyscalls::new(0);
    s.proc.set_log_unsupported(false);
    s
}

fn cstr(s: &std::path::Path) -> std::ffi::CString {
    std::ffi::CString::new(s.as_os_str().as_encoded_bytes()).expect("no NUL in test paths")
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("xlate-table-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn p<T>(v: &T) -> u64 {
    v as *const T as u64
}

fn pm<T>(v: &mut T) -> u64 {
    v as *mut T as u64
}

#[test]
fn stat_family_returns_the_x86_64_struct() {
    use super::abi::X86Stat;
    use super::guest_struct::from_bytes;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = scratch("stat");
    let f = d.join("file");
    std::fs::write(&f, vec![7u8; 12345]).expect("write");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let l = d.join("link");
    std::os::unix::fs::symlink(&f, &l).expect("symlink");
    let meta = std::fs::metadata(&f).expect("metadata");
    let mut s = sys();
    let fc = cstr(&f);
    let lc = cstr(&l);
    let check = |buf: &[u8; 144], mode: u32| {
        let st: X86Stat = from_bytes(buf).expect("144 bytes");
        assert_eq!(st.st_mode, mode, "mode");
        assert_eq!(st.st_nlink, 1, "nlink (offset 16 on x86_64)");
        assert_eq!(st.st_ino, meta.ino());
        assert_eq!(st.st_blksize, meta.blksize() as i64);
        assert_eq!(st.st_mtime, meta.mtime());
        assert_eq!(st.st_mtime_nsec, meta.mtime_nsec());
        st
    };
    let mut buf = [0xaau8; 144];
    assert_eq!(
        call(&mut s, 4, [fc.as_ptr() as u64, pm(&mut buf), 0, 0, 0, 0]),
        0,
        "stat"
    );
    assert_eq!(check(&buf, 0o100640).st_size, 12345);
    let mut buf = [0xaau8; 144];
    assert_eq!(
        call(&mut s, 6, [lc.as_ptr() as u64, pm(&mut buf), 0, 0, 0, 0]),
        0,
        "lstat"
    );
    let st: X86Stat = from_bytes(&buf).expect("144 bytes");
    assert_eq!(st.st_mode & 0o170000, 0o120000, "lstat sees the link");
    let file = std::fs::File::open(&f).expect("open");
    let fd = std::os::fd::AsRawFd::as_raw_fd(&file) as u64;
    let mut buf = [0u8; 144];
    assert_eq!(call(&mut s, 5, [fd, pm(&mut buf), 0, 0, 0, 0]), 0, "fstat");
    check(&buf, 0o100640);
    let mut buf = [0u8; 144];
    let at_fdcwd = -100i64 as u64;
    assert_eq!(
        call(
            &mut s,
            262,
            [at_fdcwd, lc.as_ptr() as u64, pm(&mut buf), 0, 0, 0]
        ),
        0,
        "newfstatat"
    );
    check(&buf, 0o100640);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn open_flags_and_fcntl_getfl_use_x86_64_values() {
    let d = scratch("open");
    let f = d.join("file");
    std::fs::write(&f, b"x").expect("write");
    let mut s = sys();
    let (dc, fc) = (cstr(&d), cstr(&f));
    // x86_64 O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC (on aarch64 the raw value would mean O_DIRECT)
    let x_dir = 0o200000 | 0o400000 | 0o2000000;
    let fd = call(&mut s, 2, [dc.as_ptr() as u64, x_dir, 0, 0, 0, 0]);
    assert!(fd >= 0, "open(dir, O_DIRECTORY) = {fd}");
    call(&mut s, 3, [fd as u64, 0, 0, 0, 0, 0]);
    let r = call(&mut s, 2, [fc.as_ptr() as u64, x_dir, 0, 0, 0, 0]);
    assert_eq!(r, -i64::from(libc::ENOTDIR), "O_DIRECTORY on a file");
    // O_RDWR | O_APPEND | O_NONBLOCK | O_NOFOLLOW (x86_64 0o400000). A 64-bit kernel adds
    // O_LARGEFILE, which is 0o400000 on aarch64: unconverted it would read as x86_64
    // O_NOFOLLOW. (qemu-user on an x86_64 host drops O_LARGEFILE from F_GETFL, so its presence
    // is not required; when present it must be the x86_64 bit.)
    let want = 0o2 | 0o2000 | 0o4000 | 0o400000;
    let fd = call(
        &mut s,
        257,
        [-100i64 as u64, fc.as_ptr() as u64, want, 0, 0, 0],
    );
    assert!(fd >= 0, "openat = {fd}");
    let fl = call(&mut s, 72, [fd as u64, 3, 0, 0, 0, 0]) as u64;
    let o_largefile_x86 = 0o100000;
    assert_eq!(
        fl & !o_largefile_x86,
        want,
        "F_GETFL in x86_64 values: {fl:#o} (O_NOFOLLOW kept)"
    );
    // F_SETFL with x86_64 O_NONBLOCK cleared: the append and access bits stay
    assert_eq!(call(&mut s, 72, [fd as u64, 4, 0o2000, 0, 0, 0]), 0);
    let fl = call(&mut s, 72, [fd as u64, 3, 0, 0, 0, 0]) as u64;
    assert_eq!(
        fl & !o_largefile_x86,
        (want & !0o4000),
        "after F_SETFL: {fl:#o}"
    );
    call(&mut s, 3, [fd as u64, 0, 0, 0, 0, 0]);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn getdents_returns_legacy_records() {
    let d = scratch("getdents");
    for n in ["alpha", "b", "a-much-longer-file-name.txt"] {
        std::fs::write(d.join(n), b"").expect("write");
    }
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    let mut s = sys();
    let dc = cstr(&d);
    let fd = call(&mut s, 2, [dc.as_ptr() as u64, 0o200000, 0, 0, 0, 0]);
    assert!(fd >= 0);
    let mut buf = vec![0u8; 4096];
    let mut seen = BTreeMap::new();
    loop {
        let n = call(
            &mut s,
            78,
            [
                fd as u64,
                buf.as_mut_ptr() as u64,
                buf.len() as u64,
                0,
                0,
                0,
            ],
        );
        assert!(n >= 0, "getdents = {n}");
        if n == 0 {
            break;
        }
        let mut off = 0usize;
        while off < n as usize {
            let rec = &buf[off..];
            let reclen = usize::from(u16::from_le_bytes([rec[16], rec[17]]));
            let name_end = rec[18..reclen].iter().position(|&b| b == 0).expect("NUL") + 18;
            let name = String::from_utf8_lossy(&rec[18..name_end]).into_owned();
            seen.insert(name, rec[reclen - 1]);
            off += reclen;
        }
    }
    call(&mut s, 3, [fd as u64, 0, 0, 0, 0, 0]);
    assert_eq!(seen.get("alpha"), Some(&libc::DT_REG));
    assert_eq!(seen.get("a-much-longer-file-name.txt"), Some(&libc::DT_REG));
    assert_eq!(seen.get("b"), Some(&libc::DT_REG));
    assert_eq!(seen.get("sub"), Some(&libc::DT_DIR));
    assert_eq!(seen.get("."), Some(&libc::DT_DIR));
    assert_eq!(seen.len(), 6);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn pipe_dup2_poll_select_epoll() {
    let mut s = sys();
    let mut fds = [0i32; 2];
    assert_eq!(call(&mut s, 22, [pm(&mut fds), 0, 0, 0, 0, 0]), 0, "pipe");
    let (r, w) = (fds[0] as u64, fds[1] as u64);
    // dup2(fd, fd) returns fd (dup3 would say EINVAL)
    assert_eq!(call(&mut s, 33, [r, r, 0, 0, 0, 0]), r as i64);
    let spare = call(&mut s, 33, [r, 200, 0, 0, 0, 0]);
    assert_eq!(spare, 200);
    // nothing to read yet: poll times out, select too
    let mut pfd = [fds[0], 1i32]; // struct pollfd { fd, events = POLLIN, revents = 0 }
    assert_eq!(
        call(&mut s, 7, [pm(&mut pfd), 1, 10, 0, 0, 0]),
        0,
        "poll timeout"
    );
    let msg = b"hello";
    assert_eq!(call(&mut s, 1, [w, msg.as_ptr() as u64, 5, 0, 0, 0]), 5);
    let mut pfd = [fds[0], 1i32];
    assert_eq!(
        call(&mut s, 7, [pm(&mut pfd), 1, u64::MAX, 0, 0, 0]),
        1,
        "poll ready (timeout -1)"
    );
    assert_eq!(pfd[1] >> 16, 1, "revents = POLLIN");
    let mut set = [0u64; 16];
    set[0] = 1 << r;
    let mut tv = [5i64, 0]; // 5 s
    assert_eq!(
        call(&mut s, 23, [r + 1, pm(&mut set), 0, 0, pm(&mut tv), 0]),
        1,
        "select"
    );
    assert_eq!(set[0], 1 << r);
    assert!(
        tv[0] <= 5 && tv[1] < 1_000_000,
        "remaining time written back as timeval: {tv:?}"
    );
    // epoll with the packed 12-byte x86_64 event
    let ep = call(&mut s, 213, [1, 0, 0, 0, 0, 0]);
    assert!(ep >= 0, "epoll_create");
    assert_eq!(
        call(&mut s, 213, [0, 0, 0, 0, 0, 0]),
        -i64::from(libc::EINVAL),
        "epoll_create(0)"
    );
    let mut ev = [0u8; 12];
    ev[..4].copy_from_slice(&1u32.to_le_bytes()); // EPOLLIN
    ev[4..].copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
    assert_eq!(
        call(&mut s, 233, [ep as u64, 1, r, p(&ev), 0, 0]),
        0,
        "epoll_ctl ADD"
    );
    let mut out = [0xffu8; 36];
    assert_eq!(
        call(&mut s, 232, [ep as u64, pm(&mut out), 3, 1000, 0, 0]),
        1,
        "epoll_wait"
    );
    assert_eq!(
        u32::from_le_bytes(out[..4].try_into().expect("4")),
        1,
        "events"
    );
    assert_eq!(
        u64::from_le_bytes(out[4..12].try_into().expect("8")),
        0x1122_3344_5566_7788,
        "data at offset 4"
    );
    assert_eq!(out[12], 0xff, "only one 12-byte event written");
    let mut out2 = [0u8; 12];
    assert_eq!(
        call(&mut s, 281, [ep as u64, pm(&mut out2), 1, 0, 0, 8]),
        1,
        "epoll_pwait"
    );
    assert_eq!(out2, out[..12]);
    for fd in [r, w, 200, ep as u64] {
        call(&mut s, 3, [fd, 0, 0, 0, 0, 0]);
    }
}

#[test]
fn uname_says_x86_64() {
    let mut s = sys();
    let mut u = [0u8; 390];
    assert_eq!(call(&mut s, 63, [pm(&mut u), 0, 0, 0, 0, 0]), 0);
    assert_eq!(&u[260..267], b"x86_64\0");
    assert_eq!(&u[..6], b"Linux\0");
}

#[test]
fn time_alarm_rlimits() {
    let mut s = sys();
    let mut t = 0i64;
    let now = call(&mut s, 201, [pm(&mut t), 0, 0, 0, 0, 0]);
    assert!(now > 1_600_000_000 && t == now);
    assert_eq!(
        call(&mut s, 37, [100, 0, 0, 0, 0, 0]),
        0,
        "alarm: none pending"
    );
    assert_eq!(
        call(&mut s, 37, [0, 0, 0, 0, 0, 0]),
        100,
        "alarm: 100 s were left (rounded)"
    );
    let mut rl = [0u64; 2];
    assert_eq!(
        call(
            &mut s,
            97,
            [libc::RLIMIT_NOFILE as u64, pm(&mut rl), 0, 0, 0, 0]
        ),
        0,
        "getrlimit"
    );
    assert!(rl[0] > 0 && rl[0] <= rl[1]);
    assert_eq!(
        call(
            &mut s,
            160,
            [libc::RLIMIT_NOFILE as u64, p(&rl), 0, 0, 0, 0]
        ),
        0,
        "setrlimit"
    );
}

#[test]
fn legacy_path_calls() {
    let d = scratch("paths");
    let mut s = sys();
    let a = cstr(&d.join("a"));
    let b = cstr(&d.join("b"));
    let c = cstr(&d.join("c"));
    let sub = cstr(&d.join("sub"));
    assert!(
        call(&mut s, 85, [a.as_ptr() as u64, 0o600, 0, 0, 0, 0]) >= 0,
        "creat"
    );
    assert_eq!(
        call(
            &mut s,
            86,
            [a.as_ptr() as u64, b.as_ptr() as u64, 0, 0, 0, 0]
        ),
        0,
        "link"
    );
    assert_eq!(
        call(
            &mut s,
            88,
            [a.as_ptr() as u64, c.as_ptr() as u64, 0, 0, 0, 0]
        ),
        0,
        "symlink"
    );
    let mut buf = [0u8; 256];
    let n = call(&mut s, 89, [c.as_ptr() as u64, pm(&mut buf), 256, 0, 0, 0]);
    assert_eq!(&buf[..n as usize], a.as_bytes(), "readlink");
    assert_eq!(
        call(&mut s, 90, [a.as_ptr() as u64, 0o751, 0, 0, 0, 0]),
        0,
        "chmod"
    );
    let tv = [[1_000_000i64, 250_000], [2_000_000i64, 500_000]];
    assert_eq!(
        call(&mut s, 235, [a.as_ptr() as u64, p(&tv), 0, 0, 0, 0]),
        0,
        "utimes"
    );
    let ub = [3_000_000i64, 4_000_000];
    assert_eq!(
        call(&mut s, 132, [b.as_ptr() as u64, p(&ub), 0, 0, 0, 0]),
        0,
        "utime"
    );
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(d.join("a")).expect("stat a");
    assert_eq!((m.mode() & 0o777, m.nlink()), (0o751, 2));
    // b is a hard link to a: utime on b set the times last
    assert_eq!((m.atime(), m.mtime()), (3_000_000, 4_000_000));
    assert_eq!(
        call(&mut s, 21, [a.as_ptr() as u64, 4, 0, 0, 0, 0]),
        0,
        "access R_OK"
    );
    assert_eq!(
        call(&mut s, 83, [sub.as_ptr() as u64, 0o700, 0, 0, 0, 0]),
        0,
        "mkdir"
    );
    assert_eq!(
        call(&mut s, 84, [sub.as_ptr() as u64, 0, 0, 0, 0, 0]),
        0,
        "rmdir"
    );
    assert_eq!(
        call(
            &mut s,
            82,
            [b.as_ptr() as u64, sub.as_ptr() as u64, 0, 0, 0, 0]
        ),
        0,
        "rename"
    );
    assert_eq!(
        call(&mut s, 87, [sub.as_ptr() as u64, 0, 0, 0, 0, 0]),
        0,
        "unlink"
    );
    let mut sfs = [0u8; 120];
    assert_eq!(
        call(&mut s, 137, [a.as_ptr() as u64, pm(&mut sfs), 0, 0, 0, 0]),
        0,
        "statfs"
    );
    assert_eq!(
        i64::from_le_bytes(sfs[64..72].try_into().expect("8")),
        255,
        "f_namelen"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn semctl_ipc_stat_gives_the_x86_64_semid_ds() {
    let mut s = sys();
    let id = call(&mut s, 64, [0, 3, 0o600 | 0o1000, 0, 0, 0]); // IPC_PRIVATE, 3 sems, IPC_CREAT
    assert!(id >= 0, "semget = {id}");
    let mut ds = [0xeeu8; 104];
    assert_eq!(
        call(&mut s, 66, [id as u64, 0, 2, pm(&mut ds), 0, 0]),
        0,
        "IPC_STAT"
    );
    assert_eq!(
        u64::from_le_bytes(ds[80..88].try_into().expect("8")),
        3,
        "sem_nsems at x86_64 offset 80"
    );
    let ctime = i64::from_le_bytes(ds[64..72].try_into().expect("8"));
    assert!(
        ctime > 1_600_000_000,
        "sem_ctime at x86_64 offset 64: {ctime}"
    );
    assert_eq!(call(&mut s, 66, [id as u64, 0, 0, 0, 0, 0]), 0, "IPC_RMID");
}

#[test]
fn fork_and_vfork_return_twice() {
    let mut s = sys();
    for nr in [57u64, 58] {
        let pid = call(&mut s, nr, [0; 6]);
        if pid == 0 {
            // child: a copy of this test process, at the point the guest would resume
            // SAFETY: _exit is async-signal-safe and ends the forked child immediately.
            unsafe { libc::_exit(40 + nr as i32 - 57) };
        }
        assert!(pid > 0, "fork/vfork = {pid}");
        let mut status = 0i32;
        assert_eq!(
            call(&mut s, 61, [pid as u64, pm(&mut status), 0, 0, 0, 0]),
            pid,
            "wait4"
        );
        assert_eq!((status >> 8) & 0xff, 40 + nr as i32 - 57);
    }
    // glibc's fork: clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0, &tid, 0)
    let mut tid = 0u32;
    let pid = call(&mut s, 56, [0x1200011, 0, 0, pm(&mut tid), 0, 0]);
    if pid == 0 {
        let me = std::process::id();
        // SAFETY: as above.
        unsafe { libc::_exit(if tid == me { 0 } else { 1 }) };
    }
    let mut status = 0i32;
    assert_eq!(
        call(&mut s, 61, [pid as u64, pm(&mut status), 0, 0, 0, 0]),
        pid
    );
    assert_eq!(
        status, 0,
        "the child saw its own tid stored by CLONE_CHILD_SETTID"
    );
}

#[test]
fn thread_clone_without_a_spawner_is_refused() {
    let mut s = sys();
    assert_eq!(
        call(&mut s, 56, [0x3d0f00, 0x1000, 0, 0, 0, 0]),
        -i64::from(libc::ENOSYS)
    );
}

#[test]
fn unsupported_entries_return_enosys() {
    let mut s = sys();
    assert_eq!(
        call(&mut s, 154, [0; 6]),
        -i64::from(libc::ENOSYS),
        "modify_ldt"
    );
    assert_eq!(
        call(&mut s, 425, [0; 6]),
        -i64::from(libc::ENOSYS),
        "io_uring_setup"
    );
}

#[test]
fn clone3_serves_threads_only_and_lets_glibc_fall_back_to_clone() {
    let mut s = sys();
    let einval = -(libc::EINVAL as i64);
    let enosys = -(libc::ENOSYS as i64);
    // struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls
    let mut clone3 = |flags: u64, exit_signal: u64, size: u64| {
        let mut args = [0u64; 11];
        args[0] = flags;
        args[4] = exit_signal;
        call(&mut s, 435, [args.as_ptr() as u64, size, 0, 0, 0, 0])
    };
    assert_eq!(clone3(0x3d0f00, 0, 32), einval, "short size");
    // fork-like (posix_spawn's CLONE_VM|CLONE_VFORK, plain fork): glibc falls back to clone
    assert_eq!(clone3(0x4100, 17, 88), enosys);
    assert_eq!(clone3(0, 17, 88), enosys);
    // pidfds are not served either
    assert_eq!(clone3(0x3d0f00 | 0x1000, 0, 88), enosys);
    // a thread with an exit signal is invalid, as on the kernel
    assert_eq!(clone3(0x3d0f00, 17, 88), einval);
    // a valid thread request, but this handler has no engine to run it
    assert_eq!(clone3(0x3d0f00, 0, 88), enosys);
    assert_eq!(call(&mut s, 435, [0, 88, 0, 0, 0, 0]), einval, "null args");
}
