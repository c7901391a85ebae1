//! Credentials, set last in each thread with remote syscalls (Linux credentials are per thread;
//! the C library normally broadcasts them, here every thread runs the calls itself). Earlier
//! steps need hmcr's privileges, so nothing of this happens before them.
//!
//! Order: groups and gids, bounding set, keep-caps, uids, capability sets, ambient set,
//! securebits/keep-caps back, no_new_privs.

use images_format::proto::process::{Creds, ProcessCore};

use crate::native::memory::{MapMemoryError, Target};

const CAPSET_V3: u32 = 0x2008_0522;
const PR_CAP_AMBIENT_RAISE: u64 = 2;
const SECBIT_KEEP_CAPS: u32 = 1 << 4;

fn cap_last_cap() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(40)
}

/// Restores the thread's credentials from the process image.
pub(crate) fn restore(t: &mut Target, core: &ProcessCore) -> Result<(), MapMemoryError> {
    let Some(c) = core.creds.as_ref() else {
        return Ok(());
    };
    let c: &Creds = c;
    let groups: Vec<u8> = c.groups.iter().flat_map(|g| g.to_ne_bytes()).collect();
    let gaddr = if groups.is_empty() {
        0
    } else {
        t.put(0, &groups)?
    };
    t.call(libc::SYS_setgroups, &[c.groups.len() as u64, gaddr], || {
        format!("setgroups({:?})", c.groups)
    })?;
    t.call(
        libc::SYS_setresgid,
        &[c.gid.into(), c.egid.into(), c.sgid.into()],
        || format!("setresgid({}, {}, {})", c.gid, c.egid, c.sgid),
    )?;
    if c.fsgid != c.egid {
        t.call(libc::SYS_setfsgid, &[c.fsgid.into()], || {
            format!("setfsgid({})", c.fsgid)
        })?;
    }
    let last = cap_last_cap();
    for cap in 0..=last.min(63) {
        if c.cap_bnd & (1u64 << cap) == 0 {
            t.call(
                libc::SYS_prctl,
                &[libc::PR_CAPBSET_DROP as u64, cap.into(), 0, 0, 0],
                || format!("dropping capability {cap} from the bounding set"),
            )?;
        }
    }
    if c.securebits & !SECBIT_KEEP_CAPS != 0 {
        let bits = c.securebits | SECBIT_KEEP_CAPS;
        t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_SECUREBITS as u64, bits.into(), 0, 0, 0],
            || format!("setting securebits {bits:#x}"),
        )?;
    } else {
        t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_KEEPCAPS as u64, 1, 0, 0, 0],
            || "PR_SET_KEEPCAPS".into(),
        )?;
    }
    t.call(
        libc::SYS_setresuid,
        &[c.uid.into(), c.euid.into(), c.suid.into()],
        || format!("setresuid({}, {}, {})", c.uid, c.euid, c.suid),
    )?;
    if c.fsuid != c.euid {
        t.call(libc::SYS_setfsuid, &[c.fsuid.into()], || {
            format!("setfsuid({})", c.fsuid)
        })?;
    }
    let mut caps = Vec::with_capacity(32);
    caps.extend_from_slice(&CAPSET_V3.to_ne_bytes());
    caps.extend_from_slice(&0i32.to_ne_bytes());
    for half in [0u32, 32] {
        for set in [c.cap_eff, c.cap_prm, c.cap_inh] {
            caps.extend_from_slice(&((set >> half) as u32).to_ne_bytes());
        }
    }
    let haddr = t.put(128, &caps[..8])?;
    let daddr = t.put(160, &caps[8..])?;
    t.call(libc::SYS_capset, &[haddr, daddr], || {
        format!(
            "capset(eff {:#x}, prm {:#x}, inh {:#x})",
            c.cap_eff, c.cap_prm, c.cap_inh
        )
    })?;
    for cap in 0..=last.min(63) {
        if c.cap_amb & (1u64 << cap) != 0 {
            t.call(
                libc::SYS_prctl,
                &[
                    libc::PR_CAP_AMBIENT as u64,
                    PR_CAP_AMBIENT_RAISE,
                    cap.into(),
                    0,
                    0,
                ],
                || format!("raising ambient capability {cap}"),
            )?;
        }
    }
    if c.securebits & SECBIT_KEEP_CAPS == 0 {
        t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_KEEPCAPS as u64, 0, 0, 0, 0],
            || "clearing PR_SET_KEEPCAPS".into(),
        )?;
    }
    if c.no_new_privs {
        t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_NO_NEW_PRIVS as u64, 1, 0, 0, 0],
            || "PR_SET_NO_NEW_PRIVS".into(),
        )?;
    }
    Ok(())
}

/// Process flags a credential change resets, restored after it (main thread): parent-death
/// signal (also replaces the SIGKILL used during the restore), dumpable, child subreaper.
pub(crate) fn process_flags(t: &mut Target, core: &ProcessCore) -> Result<(), MapMemoryError> {
    let pdeath = core.pdeath_signal.max(0) as u64;
    t.call(
        libc::SYS_prctl,
        &[libc::PR_SET_PDEATHSIG as u64, pdeath, 0, 0, 0],
        || format!("PR_SET_PDEATHSIG({pdeath})"),
    )?;
    let dumpable = u64::from(core.dumpable);
    t.call(
        libc::SYS_prctl,
        &[libc::PR_SET_DUMPABLE as u64, dumpable, 0, 0, 0],
        || format!("PR_SET_DUMPABLE({dumpable})"),
    )?;
    if core.child_subreaper {
        t.call(
            libc::SYS_prctl,
            &[libc::PR_SET_CHILD_SUBREAPER as u64, 1, 0, 0, 0],
            || "PR_SET_CHILD_SUBREAPER".into(),
        )?;
    }
    Ok(())
}
