//! Probes of what this host's kernel offers for checkpoint/restore, as `hmcr check` reports them.
//!
//! Every probe really exercises the feature (on a throw-away child or on this process's own
//! memory) rather than trusting a version number, and says why when the feature is missing.

use std::fs;
use std::io;

/// How much a missing feature matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// hmcr cannot dump or restore without it.
    Required,
    /// A faster or extra mode needs it; hmcr works without it.
    Optional,
}

/// The result of one probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    /// Stable identifier, used as a JSON key (documented in README.md).
    pub id: &'static str,
    /// What the feature is for, in a few words.
    pub what: &'static str,
    pub need: Need,
    /// `Ok(detail)` when present, `Err(reason)` when missing.
    pub outcome: Result<String, String>,
}

impl Probe {
    pub fn present(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// Runs every kernel-feature probe, in a fixed order.
pub fn probe_kernel() -> Vec<Probe> {
    vec![
        Probe {
            id: "ptrace",
            what: "seize and interrupt a process (freezing the tree)",
            need: Need::Required,
            outcome: probe_ptrace(),
        },
        Probe {
            id: "process_vm_readv",
            what: "read another process's memory in large batches (page dump)",
            need: Need::Required,
            outcome: probe_process_vm_readv(),
        },
        Probe {
            id: "clone3_set_tid",
            what: "create processes and threads with their original pids",
            need: Need::Required,
            outcome: probe_clone3_set_tid(),
        },
        Probe {
            id: "userfaultfd",
            what: "userfaultfd with write-protect (lazy restore, dirty tracking)",
            need: Need::Optional,
            outcome: probe_userfaultfd_wp(),
        },
        Probe {
            id: "pagemap_scan",
            what: "PAGEMAP_SCAN ioctl (fast present/written page scans)",
            need: Need::Optional,
            outcome: probe_pagemap_scan(),
        },
        Probe {
            id: "soft_dirty",
            what: "soft-dirty page tracking (incremental dumps, the classic way)",
            need: Need::Optional,
            outcome: probe_soft_dirty(),
        },
    ]
}

/// The kernel release string (`uname -r`).
pub fn kernel_release() -> io::Result<String> {
    Ok(fs::read_to_string("/proc/sys/kernel/osrelease")?
        .trim()
        .to_string())
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no memory effects.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).ok().filter(|s| *s > 0).unwrap_or(4096)
}

fn errno_text(what: &str) -> String {
    format!("{what}: {}", io::Error::last_os_error())
}

/// A child that only waits to be killed; reaped on drop.
struct IdleChild(libc::pid_t);

impl IdleChild {
    fn spawn() -> Result<IdleChild, String> {
        // SAFETY: fork in a probe; the child only calls async-signal-safe functions (pause, _exit).
        let pid = unsafe { libc::fork() };
        match pid {
            -1 => Err(errno_text("fork")),
            0 => loop {
                // SAFETY: pause is async-signal-safe; the parent kills us.
                unsafe { libc::pause() };
            },
            pid => Ok(IdleChild(pid)),
        }
    }
}

impl Drop for IdleChild {
    fn drop(&mut self) {
        // SAFETY: kill and waitpid on our own child pid; no memory is shared.
        unsafe {
            libc::kill(self.0, libc::SIGKILL);
            libc::waitpid(self.0, std::ptr::null_mut(), libc::__WALL);
        }
    }
}

fn probe_ptrace() -> Result<String, String> {
    let scope = fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "absent".to_string());
    let child = IdleChild::spawn()?;
    let pid = child.0;
    // SAFETY: PTRACE_SEIZE on our own child with no data pointer.
    if unsafe { libc::ptrace(libc::PTRACE_SEIZE, pid, 0, 0) } != 0 {
        return Err(format!(
            "{} (yama ptrace_scope={scope}; run as root or lower it)",
            errno_text("PTRACE_SEIZE")
        ));
    }
    // SAFETY: PTRACE_INTERRUPT on a child we just seized.
    if unsafe { libc::ptrace(libc::PTRACE_INTERRUPT, pid, 0, 0) } != 0 {
        return Err(errno_text("PTRACE_INTERRUPT"));
    }
    let mut status = 0;
    // SAFETY: waitpid on our own traced child with a valid status pointer.
    if unsafe { libc::waitpid(pid, &mut status, libc::__WALL) } != pid {
        return Err(errno_text("waitpid after PTRACE_INTERRUPT"));
    }
    // SAFETY: detach the stopped tracee; it is killed by the guard afterwards.
    unsafe { libc::ptrace(libc::PTRACE_DETACH, pid, 0, 0) };
    Ok(format!("seize+interrupt ok (yama ptrace_scope={scope})"))
}

fn probe_process_vm_readv() -> Result<String, String> {
    let child = IdleChild::spawn()?;
    // The child is a fork of us: this static has the same address and value there.
    static MARKER: [u8; 8] = *b"hmcrPRB\0";
    let mut buf = [0u8; 8];
    let local = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    let remote = libc::iovec {
        iov_base: MARKER.as_ptr() as *mut libc::c_void,
        iov_len: 8,
    };
    // SAFETY: one local iovec pointing at `buf` (8 writable bytes), one remote iovec.
    let n = unsafe { libc::process_vm_readv(child.0, &local, 1, &remote, 1, 0) };
    if n != 8 {
        return Err(errno_text("process_vm_readv"));
    }
    if buf != MARKER {
        return Err("process_vm_readv returned wrong bytes".to_string());
    }
    Ok("read 8 bytes from a child".to_string())
}

/// clone_args as the kernel defines it (version 2, with set_tid).
#[repr(C)]
#[derive(Default)]
struct CloneArgs {
    flags: u64,
    pidfd: u64,
    child_tid: u64,
    parent_tid: u64,
    exit_signal: u64,
    stack: u64,
    stack_size: u64,
    tls: u64,
    set_tid: u64,
    set_tid_size: u64,
    cgroup: u64,
}
const _: () = assert!(std::mem::size_of::<CloneArgs>() == 88);

fn probe_clone3_set_tid() -> Result<String, String> {
    let pid_max: i64 = fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(32768);
    // Look for a free pid high in the range, away from where new pids are handed out. Another
    // probe running at the same moment (two `hmcr check`s) may take the same one: EEXIST then
    // says nothing about the kernel, so try further down.
    let mut candidate = pid_max - 1000;
    let mut attempts = 0;
    loop {
        while candidate > 300 && fs::metadata(format!("/proc/{candidate}")).is_ok() {
            candidate -= 7;
        }
        let tid = candidate as libc::pid_t;
        match clone3_with_pid(tid) {
            Ok(child) if child == tid => {
                return Ok(format!("created a child with chosen pid {tid}"))
            }
            Ok(child) => return Err(format!("clone3 asked for pid {tid} but got {child}")),
            Err(err) if err.raw_os_error() == Some(libc::EEXIST) && attempts < 16 => {
                attempts += 1;
                candidate -= 7;
            }
            Err(err) => {
                return Err(match err.raw_os_error() {
                    Some(libc::ENOSYS) => {
                        "clone3 is not available (kernel older than 5.3)".to_string()
                    }
                    Some(libc::EPERM) => {
                        "clone3 set_tid needs CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE: run as root"
                            .to_string()
                    }
                    _ => format!("clone3 with set_tid={tid}: {err}"),
                })
            }
        }
    }
}

/// Creates a child that exits at once with pid `tid` through clone3's set_tid, reaps it, and
/// returns the pid it got.
fn clone3_with_pid(tid: libc::pid_t) -> io::Result<libc::pid_t> {
    let args = CloneArgs {
        exit_signal: libc::SIGCHLD as u64,
        set_tid: &tid as *const libc::pid_t as u64,
        set_tid_size: 1,
        ..CloneArgs::default()
    };
    // SAFETY: clone3 without CLONE_VM: the child gets a copy of our memory and exits at once
    // with _exit, touching nothing shared.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_clone3,
            &args as *const CloneArgs,
            std::mem::size_of::<CloneArgs>(),
        )
    };
    if ret == 0 {
        // SAFETY: in the child: leave immediately without running destructors.
        unsafe { libc::_exit(0) };
    }
    if ret < 0 {
        return Err(io::Error::last_os_error());
    }
    let child = ret as libc::pid_t;
    let mut status = 0;
    // SAFETY: reap our own child with a valid status pointer.
    unsafe { libc::waitpid(child, &mut status, 0) };
    Ok(child)
}

#[repr(C)]
struct UffdioApi {
    api: u64,
    features: u64,
    ioctls: u64,
}
const UFFD_API: u64 = 0xAA;
const UFFDIO_API: libc::c_ulong = 0xC018_AA3F; // _IOWR(0xAA, 0x3F, struct uffdio_api)
const UFFD_USER_MODE_ONLY: libc::c_int = 1;
const UFFD_FEATURE_PAGEFAULT_FLAG_WP: u64 = 1 << 0;
const UFFD_FEATURE_WP_ASYNC: u64 = 1 << 15;

fn probe_userfaultfd_wp() -> Result<String, String> {
    // SAFETY: the userfaultfd syscall takes only flags.
    let fd = unsafe { libc::syscall(libc::SYS_userfaultfd, libc::O_CLOEXEC | UFFD_USER_MODE_ONLY) }
        as libc::c_int;
    if fd < 0 {
        return Err(format!(
            "{} (check /proc/sys/vm/unprivileged_userfaultfd or run as root)",
            errno_text("userfaultfd")
        ));
    }
    let mut api = UffdioApi {
        api: UFFD_API,
        features: 0,
        ioctls: 0,
    };
    // SAFETY: UFFDIO_API on a fresh userfaultfd with a valid uffdio_api struct.
    let rc = unsafe { libc::ioctl(fd, UFFDIO_API, &mut api as *mut UffdioApi) };
    // SAFETY: closing the fd we opened above.
    unsafe { libc::close(fd) };
    if rc != 0 {
        return Err(errno_text("UFFDIO_API"));
    }
    if api.features & UFFD_FEATURE_PAGEFAULT_FLAG_WP == 0 {
        return Err("userfaultfd is present but write-protect is not".to_string());
    }
    let asynch = if api.features & UFFD_FEATURE_WP_ASYNC != 0 {
        ", async write-protect"
    } else {
        ""
    };
    Ok(format!(
        "write-protect{asynch} (features {:#x})",
        api.features
    ))
}

/// struct pm_scan_arg (linux/fs.h, kernel 6.7+).
#[repr(C)]
#[derive(Default)]
struct PmScanArg {
    size: u64,
    flags: u64,
    start: u64,
    end: u64,
    walk_end: u64,
    vec: u64,
    vec_len: u64,
    max_pages: u64,
    category_inverted: u64,
    category_mask: u64,
    category_anyof_mask: u64,
    return_mask: u64,
}
const _: () = assert!(std::mem::size_of::<PmScanArg>() == 96);
#[repr(C)]
#[derive(Default, Clone, Copy)]
struct PageRegion {
    start: u64,
    end: u64,
    categories: u64,
}
const PAGEMAP_SCAN: libc::c_ulong = 0xC060_6610; // _IOWR('f', 16, struct pm_scan_arg)
const PAGE_IS_PRESENT: u64 = 1 << 3;

fn probe_pagemap_scan() -> Result<String, String> {
    let file = fs::File::open("/proc/self/pagemap")
        .map_err(|e| format!("open /proc/self/pagemap: {e}"))?;
    let ps = page_size();
    let page = vec![1u8; ps as usize * 2];
    let start = (page.as_ptr() as u64 + ps - 1) & !(ps - 1);
    let mut regions = [PageRegion::default(); 4];
    let mut arg = PmScanArg {
        size: std::mem::size_of::<PmScanArg>() as u64,
        start,
        end: start + ps,
        vec: regions.as_mut_ptr() as u64,
        vec_len: regions.len() as u64,
        category_anyof_mask: PAGE_IS_PRESENT,
        return_mask: PAGE_IS_PRESENT,
        ..PmScanArg::default()
    };
    use std::os::fd::AsRawFd;
    // SAFETY: PAGEMAP_SCAN with a correctly sized pm_scan_arg whose vec points at `regions`.
    let rc = unsafe { libc::ioctl(file.as_raw_fd(), PAGEMAP_SCAN, &mut arg as *mut PmScanArg) };
    if rc < 0 {
        let err = io::Error::last_os_error();
        return Err(match err.raw_os_error() {
            Some(libc::ENOTTY) | Some(libc::EINVAL) => {
                format!("PAGEMAP_SCAN is not supported by this kernel (needs 6.7+): {err}")
            }
            _ => format!("PAGEMAP_SCAN: {err}"),
        });
    }
    if rc < 1 || regions[0].categories & PAGE_IS_PRESENT == 0 {
        return Err("PAGEMAP_SCAN did not report a page this process just wrote".to_string());
    }
    Ok("scan of this process's own pages ok".to_string())
}

fn probe_soft_dirty() -> Result<String, String> {
    // Writing 4 to clear_refs is accepted even by kernels built without CONFIG_MEM_SOFT_DIRTY,
    // so test the effect instead: after clearing, a written page must show bit 55 in pagemap.
    fs::write("/proc/self/clear_refs", "4")
        .map_err(|e| format!("writing /proc/self/clear_refs: {e}"))?;
    let ps = page_size();
    let mut page = vec![0u8; ps as usize * 2];
    let addr = (page.as_ptr() as u64 + ps - 1) & !(ps - 1);
    let index = (addr - page.as_ptr() as u64) as usize;
    // A volatile write so that the store really happens after clear_refs.
    // SAFETY: `index` is inside the buffer (it is below one page into a two-page buffer).
    unsafe { std::ptr::write_volatile(page.as_mut_ptr().add(index), 1) };
    let entry = read_pagemap_entry(addr)?;
    drop(page);
    if entry & (1 << 63) == 0 {
        return Err("the page just written is not present in pagemap".to_string());
    }
    if entry & (1 << 55) != 0 {
        Ok("a written page is marked soft-dirty".to_string())
    } else {
        Err("not compiled into this kernel (CONFIG_MEM_SOFT_DIRTY): written pages never show the soft-dirty bit; PAGEMAP_SCAN with userfaultfd write-protect is the alternative".to_string())
    }
}

fn read_pagemap_entry(addr: u64) -> Result<u64, String> {
    use std::os::unix::fs::FileExt;
    let file = fs::File::open("/proc/self/pagemap")
        .map_err(|e| format!("open /proc/self/pagemap: {e}"))?;
    let mut raw = [0u8; 8];
    file.read_exact_at(&mut raw, addr / page_size() * 8)
        .map_err(|e| format!("reading /proc/self/pagemap: {e}"))?;
    Ok(u64::from_le_bytes(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_has_a_unique_id_and_an_answer() {
        let probes = probe_kernel();
        let mut ids: Vec<_> = probes.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), probes.len());
        for p in &probes {
            match &p.outcome {
                Ok(d) | Err(d) => assert!(!d.is_empty(), "{} gave an empty answer", p.id),
            }
        }
    }

    #[test]
    fn kernel_release_is_read() {
        let rel = kernel_release().expect("reading osrelease");
        assert!(
            rel.chars().next().is_some_and(|c| c.is_ascii_digit()),
            "{rel}"
        );
    }
}
