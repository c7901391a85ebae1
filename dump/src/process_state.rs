//! Per-process state read from /proc and with tracer-side syscalls: credentials, cwd/root/umask,
//! personality, auxv, rlimits, mm layout, exe, comm, exit signal; merged with what the remote
//! syscalls reported (`remote_state`).

use images_format::proto::process::{AuxvEntry, Creds, FsState, MmLayout, ProcessCore, Rlimit};
use linux_sys::pid::Pid;
use linux_sys::tracer_syscalls;
use protobuf::MessageField;

use crate::error::CollectError;
use crate::proc_status::{Stat, Status};
use crate::remote_state::RemoteProcessState;

fn read(pid: Pid, what: &str) -> Result<Vec<u8>, CollectError> {
    let path = format!("/proc/{pid}/{what}");
    std::fs::read(&path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            CollectError::TargetExited {
                pid,
                during: format!("reading {path}"),
            }
        } else {
            CollectError::Proc { pid, path, source }
        }
    })
}

fn link(pid: Pid, what: &str) -> Result<String, CollectError> {
    let path = format!("/proc/{pid}/{what}");
    std::fs::read_link(&path)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|source| CollectError::Proc { pid, path, source })
}

/// Builds the `ProcessCore` of `pid`.
pub fn build(
    pid: Pid,
    status: &Status,
    stat: &Stat,
    remote: RemoteProcessState,
) -> Result<ProcessCore, CollectError> {
    let mut p = ProcessCore::new();
    p.pid = pid.as_u32();
    let pers = String::from_utf8_lossy(&read(pid, "personality")?)
        .trim()
        .to_string();
    p.personality = u32::from_str_radix(&pers, 16).map_err(|_| CollectError::Parse {
        pid,
        path: format!("/proc/{pid}/personality"),
        source: crate::proc_status::ProcParseError {
            what: format!("bad personality {pers:?}"),
        },
    })?;
    let auxv = read(pid, "auxv")?;
    for pair in auxv.chunks_exact(16) {
        let mut k = [0u8; 8];
        let mut v = [0u8; 8];
        k.copy_from_slice(&pair[..8]);
        v.copy_from_slice(&pair[8..]);
        let mut e = AuxvEntry::new();
        e.key = u64::from_le_bytes(k);
        e.value = u64::from_le_bytes(v);
        let end = e.key == 0;
        p.auxv.push(e);
        if end {
            break;
        }
    }
    for resource in 0..tracer_syscalls::RLIMIT_COUNT {
        let l =
            tracer_syscalls::get_rlimit(pid, resource).map_err(|source| CollectError::Ptrace {
                tid: pid,
                what: "reading resource limits (prlimit)",
                source,
            })?;
        let mut r = Rlimit::new();
        r.resource = resource;
        r.cur = l.cur;
        r.max = l.max;
        p.rlimits.push(r);
    }
    let mut c = Creds::new();
    [c.uid, c.euid, c.suid, c.fsuid] = status.uids;
    [c.gid, c.egid, c.sgid, c.fsgid] = status.gids;
    c.groups = status.groups.clone();
    c.cap_inh = status.cap_inh;
    c.cap_prm = status.cap_prm;
    c.cap_eff = status.cap_eff;
    c.cap_bnd = status.cap_bnd;
    c.cap_amb = status.cap_amb;
    c.no_new_privs = status.no_new_privs;
    c.securebits = remote.securebits;
    p.creds = MessageField::some(c);
    let mut fs = FsState::new();
    fs.cwd = link(pid, "cwd")?;
    fs.root = link(pid, "root")?;
    fs.umask = status.umask.unwrap_or(0o022);
    p.fs = MessageField::some(fs);
    p.sigactions = remote.sigactions;
    p.itimers = MessageField::some(remote.itimers);
    p.posix_timers = remote.posix_timers;
    let mut mm = MmLayout::new();
    mm.start_code = stat.ufield(26);
    mm.end_code = stat.ufield(27);
    mm.start_stack = stat.ufield(28);
    mm.start_data = stat.ufield(45);
    mm.end_data = stat.ufield(46);
    mm.start_brk = stat.ufield(47);
    mm.brk = remote.brk;
    mm.arg_start = stat.ufield(48);
    mm.arg_end = stat.ufield(49);
    mm.env_start = stat.ufield(50);
    mm.env_end = stat.ufield(51);
    mm.exe_path = link(pid, "exe").unwrap_or_default();
    p.mm = MessageField::some(mm);
    p.shared_pending_mask = status.shd_pending;
    p.exit_signal = stat.field(38) as i32;
    p.dumpable = remote.dumpable;
    p.child_subreaper = remote.child_subreaper;
    p.pdeath_signal = remote.pdeath_signal;
    p.comm = stat.comm.clone();
    Ok(p)
}
