//! Cross-check of the ABI tables against both real ABIs: two small C programs print sizes,
//! offsets and constants — one through the kernel's uapi headers, one through glibc — and are
//! compiled with this host's `gcc` (x86_64) and with `aarch64-linux-gnu-gcc -static`, the latter
//! run under `qemu-aarch64-static`. The test then checks that
//! - the values that differ between the two ABIs are exactly the ones the syscall layer
//!   converts, and our x86_64 and aarch64 structures/flag tables have both sides' values;
//! - every other value is identical on both (what makes the passthrough entries valid);
//! - the x86_64 side agrees with the `libc` crate on this host.
//!
//! Needs gcc, gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, linux-libc-dev and qemu-user-static
//! (installed by contrib/setup.sh); the test fails, naming the missing tool, if one is absent.
#![cfg(target_arch = "x86_64")]

use super::abi::{
    open_flags_to_aarch64, open_flags_to_x86, Aarch64Stat, KernelSigaction, StackT, X86Stat,
    OPEN_FLAG_MAP,
};
use super::abi_fs::{Aarch64EpollEvent, Flock, KernelStatfs, OpenHow, X86EpollEvent};
use super::abi_sys::{
    Cmsghdr, Iovec, Itimerval, KernelTermios, Msghdr, Rlimit, Rusage, SchedParam, Siginfo, Sysinfo,
    Utsname, Winsize,
};
use super::ipc::{Aarch64SemidDs, X86SemidDs};
use core::mem::{offset_of, size_of};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const KERNEL_ABI_C: &str = include_str!("abi_crosscheck/kernel_abi.c");
const LIBC_ABI_C: &str = include_str!("abi_crosscheck/libc_abi.c");
const SIGFRAME_C: &str = include_str!("abi_crosscheck/sigframe_x86_64.c");

type Values = BTreeMap<String, i64>;

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!(
            "{what}: cannot run {:?}: {e} (install it: see contrib/setup.sh)",
            cmd.get_program()
        )
    });
    assert!(
        out.status.success(),
        "{what}: {:?} failed with {}:\n{}{}",
        cmd.get_program(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the probe prints ASCII")
}

fn parse(text: &str) -> Values {
    text.lines()
        .map(|l| {
            let (k, v) = l
                .split_once(' ')
                .unwrap_or_else(|| panic!("bad probe line {l:?}"));
            (
                k.to_string(),
                v.parse::<i64>()
                    .unwrap_or_else(|e| panic!("bad value in {l:?}: {e}")),
            )
        })
        .collect()
}

fn scratch_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("xlate-abi-crosscheck-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("create a scratch directory under the temp dir");
    d
}

/// Compiles `src` for both architectures and returns (x86_64 values, aarch64 values).
fn probe(dir: &Path, name: &str, src: &str) -> (Values, Values) {
    let c = dir.join(format!("{name}.c"));
    std::fs::write(&c, src).expect("write the probe source");
    let x86 = dir.join(format!("{name}-x86_64"));
    let a64 = dir.join(format!("{name}-aarch64"));
    run(
        Command::new("gcc").arg("-O0").arg("-o").arg(&x86).arg(&c),
        "x86_64 probe build",
    );
    run(
        Command::new("aarch64-linux-gnu-gcc")
            .arg("-static")
            .arg("-O0")
            .arg("-o")
            .arg(&a64)
            .arg(&c),
        "aarch64 probe build",
    );
    let xv = parse(&run(&mut Command::new(&x86), "x86_64 probe run"));
    let av = parse(&run(
        Command::new("qemu-aarch64-static").arg(&a64),
        "aarch64 probe run under qemu",
    ));
    assert_eq!(
        xv.keys().collect::<Vec<_>>(),
        av.keys().collect::<Vec<_>>(),
        "{name}: both probes print the same keys"
    );
    (xv, av)
}

fn u(v: usize) -> i64 {
    v as i64
}

/// Values that differ between the ABIs, with the x86_64 and aarch64 sides as the syscall layer
/// knows them.
fn known_differences() -> BTreeMap<&'static str, (i64, i64)> {
    let flag = |x86: u64| (x86 as i64, open_flags_to_aarch64(x86) as i64);
    let o_tmpfile_x86 = 0o20000000 | OPEN_FLAG_MAP[0].0;
    BTreeMap::from([
        (
            "sizeof_stat",
            (u(size_of::<X86Stat>()), u(size_of::<Aarch64Stat>())),
        ),
        (
            "stat.st_nlink",
            (
                u(offset_of!(X86Stat, st_nlink)),
                u(offset_of!(Aarch64Stat, st_nlink)),
            ),
        ),
        (
            "stat.st_mode",
            (
                u(offset_of!(X86Stat, st_mode)),
                u(offset_of!(Aarch64Stat, st_mode)),
            ),
        ),
        (
            "stat.st_uid",
            (
                u(offset_of!(X86Stat, st_uid)),
                u(offset_of!(Aarch64Stat, st_uid)),
            ),
        ),
        (
            "stat.st_rdev",
            (
                u(offset_of!(X86Stat, st_rdev)),
                u(offset_of!(Aarch64Stat, st_rdev)),
            ),
        ),
        (
            "sizeof_epoll_event",
            (
                u(size_of::<X86EpollEvent>()),
                u(size_of::<Aarch64EpollEvent>()),
            ),
        ),
        (
            "epoll_event.data",
            (
                u(offset_of!(X86EpollEvent, data)),
                u(offset_of!(Aarch64EpollEvent, data)),
            ),
        ),
        (
            "sizeof_semid64_ds",
            (u(size_of::<X86SemidDs>()), u(size_of::<Aarch64SemidDs>())),
        ),
        (
            "semid64_ds.sem_ctime",
            (
                u(offset_of!(X86SemidDs, sem_ctime)),
                u(offset_of!(Aarch64SemidDs, sem_ctime)),
            ),
        ),
        (
            "semid64_ds.sem_nsems",
            (
                u(offset_of!(X86SemidDs, sem_nsems)),
                u(offset_of!(Aarch64SemidDs, sem_nsems)),
            ),
        ),
        ("O_DIRECTORY", flag(OPEN_FLAG_MAP[0].0)),
        ("O_NOFOLLOW", flag(OPEN_FLAG_MAP[1].0)),
        ("O_DIRECT", flag(OPEN_FLAG_MAP[2].0)),
        ("O_LARGEFILE", flag(OPEN_FLAG_MAP[3].0)),
        ("O_TMPFILE", flag(o_tmpfile_x86)),
        // The guest's alternate stack is recorded by the translator (signal frames are built by
        // the engine on it), never handed to the host kernel, so the larger aarch64 minimum does
        // not apply to it.
        ("MINSIGSTKSZ", (2048, 5120)),
        ("SIGSTKSZ", (8192, 16384)),
    ])
}

/// Same-on-both values that the layer declares as Rust structures: they must match too.
fn declared_same() -> BTreeMap<&'static str, i64> {
    BTreeMap::from([
        ("stat.st_size", u(offset_of!(X86Stat, st_size))),
        ("stat.st_blksize", u(offset_of!(X86Stat, st_blksize))),
        ("stat.st_blocks", u(offset_of!(X86Stat, st_blocks))),
        ("stat.st_atime", u(offset_of!(X86Stat, st_atime))),
        ("stat.st_mtime", u(offset_of!(X86Stat, st_mtime))),
        ("stat.st_ctime_nsec", u(offset_of!(X86Stat, st_ctime_nsec))),
        ("sizeof_statfs", u(size_of::<KernelStatfs>())),
        ("statfs.f_fsid", u(offset_of!(KernelStatfs, f_fsid))),
        ("statfs.f_namelen", u(offset_of!(KernelStatfs, f_namelen))),
        ("statfs.f_flags", u(offset_of!(KernelStatfs, f_flags))),
        ("sizeof_flock", u(size_of::<Flock>())),
        ("flock.l_start", u(offset_of!(Flock, l_start))),
        ("flock.l_len", u(offset_of!(Flock, l_len))),
        ("flock.l_pid", u(offset_of!(Flock, l_pid))),
        ("sizeof_termios", u(size_of::<KernelTermios>())),
        ("termios.c_line", u(offset_of!(KernelTermios, c_line))),
        ("termios.c_cc", u(offset_of!(KernelTermios, c_cc))),
        ("NCCS", 19),
        ("sizeof_winsize", u(size_of::<Winsize>())),
        ("sizeof_sigaction", u(size_of::<KernelSigaction>())),
        ("sigaction.sa_flags", u(offset_of!(KernelSigaction, flags))),
        (
            "sigaction.sa_restorer",
            u(offset_of!(KernelSigaction, restorer)),
        ),
        ("sigaction.sa_mask", u(offset_of!(KernelSigaction, mask))),
        ("sizeof_stack_t", u(size_of::<StackT>())),
        ("stack_t.ss_size", u(offset_of!(StackT, ss_size))),
        ("sizeof_siginfo_t", u(size_of::<Siginfo>())),
        ("sizeof_new_utsname", u(size_of::<Utsname>())),
        ("new_utsname.machine", u(offset_of!(Utsname, machine))),
        ("sizeof_sysinfo", u(size_of::<Sysinfo>())),
        ("sysinfo.totalram", u(offset_of!(Sysinfo, totalram))),
        ("sysinfo.mem_unit", u(offset_of!(Sysinfo, mem_unit))),
        ("sizeof_rlimit", u(size_of::<Rlimit>())),
        ("sizeof_rusage", u(size_of::<Rusage>())),
        ("sizeof_open_how", u(size_of::<OpenHow>())),
        ("sizeof_msghdr", u(size_of::<Msghdr>())),
        ("msghdr.msg_flags", u(offset_of!(Msghdr, msg_flags))),
        (
            "msghdr.msg_controllen",
            u(offset_of!(Msghdr, msg_controllen)),
        ),
        ("sizeof_cmsghdr", u(size_of::<Cmsghdr>())),
        ("sizeof_iovec", u(size_of::<Iovec>())),
        ("sizeof_itimerval", u(size_of::<Itimerval>())),
        ("sizeof_sched_param", u(size_of::<SchedParam>())),
        ("SA_RESTORER", 0x0400_0000),
        ("SS_DISABLE", 2),
        ("F_GETFL", 3),
        ("F_SETFL", 4),
        ("IPC_64", 0x100),
    ])
}

/// x86_64 values from the `libc` crate on this host.
fn libc_x86() -> BTreeMap<&'static str, i64> {
    use libc as l;
    let mut m = BTreeMap::from([
        ("O_DIRECTORY", i64::from(l::O_DIRECTORY)),
        ("O_NOFOLLOW", i64::from(l::O_NOFOLLOW)),
        ("O_DIRECT", i64::from(l::O_DIRECT)),
        // (glibc defines O_LARGEFILE as 0 for 64-bit programs; the kernel value is checked above)
        ("O_TMPFILE", i64::from(l::O_TMPFILE)),
        ("O_CLOEXEC", i64::from(l::O_CLOEXEC)),
        ("O_NONBLOCK", i64::from(l::O_NONBLOCK)),
        ("O_PATH", i64::from(l::O_PATH)),
        ("F_OFD_SETLKW", i64::from(l::F_OFD_SETLKW)),
        ("TCGETS", l::TCGETS as i64),
        ("TCSETSW", l::TCSETSW as i64),
        ("TIOCGWINSZ", l::TIOCGWINSZ as i64),
        ("FIONREAD", l::FIONREAD as i64),
        ("FIONBIO", l::FIONBIO as i64),
        ("TIOCSPGRP", l::TIOCSPGRP as i64),
        ("SA_ONSTACK", l::SA_ONSTACK as i64),
        ("SA_RESTART", l::SA_RESTART as i64),
        ("SA_SIGINFO", l::SA_SIGINFO as i64),
        ("SIGSTKSZ", l::SIGSTKSZ as i64),
        ("MINSIGSTKSZ", l::MINSIGSTKSZ as i64),
        ("MAP_FIXED_NOREPLACE", i64::from(l::MAP_FIXED_NOREPLACE)),
        ("MAP_STACK", i64::from(l::MAP_STACK)),
        ("EAGAIN", i64::from(l::EAGAIN)),
        ("ENOSYS", i64::from(l::ENOSYS)),
        ("SOL_SOCKET", i64::from(l::SOL_SOCKET)),
        ("SO_REUSEADDR", i64::from(l::SO_REUSEADDR)),
        ("SO_PEERCRED", i64::from(l::SO_PEERCRED)),
        ("SOCK_CLOEXEC", i64::from(l::SOCK_CLOEXEC)),
        ("MSG_NOSIGNAL", i64::from(l::MSG_NOSIGNAL)),
        ("EPOLLIN", i64::from(l::EPOLLIN)),
        ("EPOLL_CLOEXEC", i64::from(l::EPOLL_CLOEXEC)),
        ("RLIMIT_NOFILE", i64::from(l::RLIMIT_NOFILE)),
        ("FUTEX_WAIT_BITSET", i64::from(l::FUTEX_WAIT_BITSET)),
        ("sizeof_epoll_event", u(size_of::<l::epoll_event>())),
        ("sizeof_sockaddr_un", u(size_of::<l::sockaddr_un>())),
        ("sizeof_msghdr", u(size_of::<l::msghdr>())),
        ("sizeof_stack_t", u(size_of::<l::stack_t>())),
        ("sizeof_flock", u(size_of::<l::flock>())),
    ]);
    m.insert("sizeof_stat", u(size_of::<l::stat>()));
    m.insert("stat.st_mode", u(offset_of!(l::stat, st_mode)));
    m.insert("stat.st_nlink", u(offset_of!(l::stat, st_nlink)));
    m
}

#[test]
fn abi_tables_match_both_architectures_c_compilers() {
    let dir = scratch_dir();
    let (mut x86, mut a64) = probe(&dir, "kernel_abi", KERNEL_ABI_C);
    let (gx, ga) = probe(&dir, "libc_abi", LIBC_ABI_C);
    for (k, v) in gx {
        assert!(
            x86.insert(k.clone(), v).is_none(),
            "{k} printed by both probes"
        );
    }
    a64.extend(ga);
    let _ = std::fs::remove_dir_all(&dir);

    let mut errors = Vec::new();
    let diffs = known_differences();
    // 1. what differs is exactly what the layer converts, with the right values on each side
    for (k, xv) in &x86 {
        let av = a64[k];
        match diffs.get(k.as_str()) {
            Some(&(want_x, want_a)) if (*xv, av) != (want_x, want_a) => {
                errors.push(format!(
                    "{k}: x86_64 {xv}, aarch64 {av}; the layer assumes {want_x} / {want_a}"
                ));
            }
            Some(_) => {}
            None if *xv != av => errors.push(format!(
                "{k}: x86_64 {xv} but aarch64 {av}, and no conversion in the syscall layer accounts for it"
            )),
            None => {}
        }
    }
    for k in diffs.keys() {
        if !x86.contains_key(*k) {
            errors.push(format!(
                "{k}: expected difference not printed by the probes"
            ));
        }
    }
    // 2. declared same-on-both structures
    for (k, want) in declared_same() {
        match x86.get(k) {
            Some(v) if *v == want && a64[k] == want => {}
            other => errors.push(format!(
                "{k}: probes say {other:?} / {:?}, the Rust declaration says {want}",
                a64.get(k)
            )),
        }
    }
    // 3. every open flag translates both ways
    for k in x86
        .keys()
        .filter(|k| k.starts_with("O_") || k.starts_with("__O_") || *k == "FASYNC")
    {
        let (xv, av) = (x86[k] as u64, a64[k] as u64);
        if open_flags_to_aarch64(xv) != av || open_flags_to_x86(av) != xv {
            errors.push(format!(
                "{k}: x86_64 {xv:#o} -> {:#o} (aarch64 is {av:#o}); aarch64 {av:#o} -> {:#o}",
                open_flags_to_aarch64(xv),
                open_flags_to_x86(av)
            ));
        }
    }
    // 4. the x86_64 side agrees with this host's libc crate
    for (k, want) in libc_x86() {
        if x86.get(k) != Some(&want) {
            errors.push(format!(
                "{k}: x86_64 probe {:?}, libc crate {want}",
                x86.get(k)
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "{} ABI mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
    println!(
        "checked {} ABI values on x86_64 and aarch64 ({} differ, all converted)",
        x86.len(),
        diffs.len()
    );
}

/// The x86_64 signal frame structures against the x86_64 kernel headers (aarch64 has its own,
/// unrelated frame; the translator builds x86_64 frames for the guest).
#[test]
fn signal_frame_matches_the_x86_64_kernel_headers() {
    use super::abi_signal::{
        X86Sigcontext, X86Ucontext, UC_FP_XSTATE, UC_SIGCONTEXT_SS, UC_STRICT_RESTORE_SS,
        X86_FPSTATE_SIZE,
    };
    let dir = scratch_dir().join("sigframe");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let c = dir.join("sigframe.c");
    std::fs::write(&c, SIGFRAME_C).expect("write the probe source");
    let exe = dir.join("sigframe");
    run(
        Command::new("gcc").arg("-o").arg(&exe).arg(&c),
        "x86_64 signal frame probe build",
    );
    let v = parse(&run(
        &mut Command::new(&exe),
        "x86_64 signal frame probe run",
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let want = BTreeMap::from([
        ("sizeof_sigcontext", u(size_of::<X86Sigcontext>())),
        ("sigcontext.rip", u(offset_of!(X86Sigcontext, rip))),
        ("sigcontext.eflags", u(offset_of!(X86Sigcontext, eflags))),
        ("sigcontext.cs", u(offset_of!(X86Sigcontext, cs))),
        ("sigcontext.err", u(offset_of!(X86Sigcontext, err))),
        ("sigcontext.cr2", u(offset_of!(X86Sigcontext, cr2))),
        ("sigcontext.fpstate", u(offset_of!(X86Sigcontext, fpstate))),
        ("sizeof_ucontext", u(size_of::<X86Ucontext>())),
        ("ucontext.uc_stack", u(offset_of!(X86Ucontext, uc_stack))),
        (
            "ucontext.uc_mcontext",
            u(offset_of!(X86Ucontext, uc_mcontext)),
        ),
        (
            "ucontext.uc_sigmask",
            u(offset_of!(X86Ucontext, uc_sigmask)),
        ),
        ("sizeof_fpstate", u(X86_FPSTATE_SIZE)),
        ("UC_FP_XSTATE", UC_FP_XSTATE as i64),
        ("UC_SIGCONTEXT_SS", UC_SIGCONTEXT_SS as i64),
        ("UC_STRICT_RESTORE_SS", UC_STRICT_RESTORE_SS as i64),
    ]);
    let got: BTreeMap<&str, i64> = v.iter().map(|(k, x)| (k.as_str(), *x)).collect();
    assert_eq!(got, want);
}
