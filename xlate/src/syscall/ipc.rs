//! System V IPC and POSIX message queues. `struct semid64_ds` differs (x86_64 keeps an unused
//! word after each time field: 104 bytes against 88 on aarch64), so semctl's IPC_STAT /
//! SEM_STAT / SEM_STAT_ANY / IPC_SET convert it; `msqid64_ds`, `shmid64_ds`, `ipc64_perm`,
//! `struct sembuf` and `struct mq_attr` are the same on both 64-bit ABIs. shmat/shmdt map and
//! unmap guest memory, so they keep the translation cache coherent.

use super::guest_struct::{read, write, GuestPod};
use super::host::NATIVE;
use super::raw::{syscall6, EFAULT};
use super::table::Table;
use super::SysCtx;
use core::mem::size_of;
use libc::{
    SYS_mq_getsetattr, SYS_mq_notify, SYS_mq_open, SYS_mq_timedreceive, SYS_mq_timedsend,
    SYS_mq_unlink, SYS_msgctl, SYS_msgget, SYS_msgrcv, SYS_msgsnd, SYS_semctl, SYS_semget,
    SYS_semop, SYS_semtimedop, SYS_shmat, SYS_shmctl, SYS_shmdt, SYS_shmget,
};

/// x86_64 `struct semid64_ds` (104 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct X86SemidDs {
    pub sem_perm: [u8; 48],
    pub sem_otime: i64,
    pub unused1: u64,
    pub sem_ctime: i64,
    pub unused2: u64,
    pub sem_nsems: u64,
    pub unused3: u64,
    pub unused4: u64,
}
const _: () = assert!(size_of::<X86SemidDs>() == 104);

/// Generic 64-bit (aarch64) `struct semid64_ds` (88 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aarch64SemidDs {
    pub sem_perm: [u8; 48],
    pub sem_otime: i64,
    pub sem_ctime: i64,
    pub sem_nsems: u64,
    pub unused3: u64,
    pub unused4: u64,
}
const _: () = assert!(size_of::<Aarch64SemidDs>() == 88);

impl Default for X86SemidDs {
    fn default() -> Self {
        Self::from(&Aarch64SemidDs::default())
    }
}

impl Default for Aarch64SemidDs {
    fn default() -> Self {
        Aarch64SemidDs {
            sem_perm: [0; 48],
            sem_otime: 0,
            sem_ctime: 0,
            sem_nsems: 0,
            unused3: 0,
            unused4: 0,
        }
    }
}

impl From<&Aarch64SemidDs> for X86SemidDs {
    fn from(s: &Aarch64SemidDs) -> Self {
        X86SemidDs {
            sem_perm: s.sem_perm,
            sem_otime: s.sem_otime,
            unused1: 0,
            sem_ctime: s.sem_ctime,
            unused2: 0,
            sem_nsems: s.sem_nsems,
            unused3: 0,
            unused4: 0,
        }
    }
}

impl From<&X86SemidDs> for Aarch64SemidDs {
    fn from(s: &X86SemidDs) -> Self {
        Aarch64SemidDs {
            sem_perm: s.sem_perm,
            sem_otime: s.sem_otime,
            sem_ctime: s.sem_ctime,
            sem_nsems: s.sem_nsems,
            unused3: 0,
            unused4: 0,
        }
    }
}

// SAFETY: repr(C) integer-only kernel structures.
unsafe impl GuestPod for X86SemidDs {}
// SAFETY: as above.
unsafe impl GuestPod for Aarch64SemidDs {}

const IPC_SET: u64 = 1;
const IPC_STAT: u64 = 2;
const SEM_STAT: u64 = 18;
const SEM_STAT_ANY: u64 = 20;
const IPC_64: u64 = 0x100;
/// Offset of `shm_segsz` in `struct shmid64_ds` (both ABIs).
const SHM_SEGSZ: usize = 48;

pub fn register(t: &mut Table) {
    t.passthrough(29, "shmget", SYS_shmget);
    t.translate(30, "shmat", shmat);
    t.passthrough(31, "shmctl", SYS_shmctl);
    t.passthrough(64, "semget", SYS_semget);
    t.passthrough(65, "semop", SYS_semop);
    t.translate(66, "semctl", semctl);
    t.translate(67, "shmdt", shmdt);
    t.passthrough(68, "msgget", SYS_msgget);
    t.passthrough(69, "msgsnd", SYS_msgsnd);
    t.passthrough(70, "msgrcv", SYS_msgrcv);
    t.passthrough(71, "msgctl", SYS_msgctl);
    t.passthrough(220, "semtimedop", SYS_semtimedop);
    t.passthrough(240, "mq_open", SYS_mq_open);
    t.passthrough(241, "mq_unlink", SYS_mq_unlink);
    t.passthrough(242, "mq_timedsend", SYS_mq_timedsend);
    t.passthrough(243, "mq_timedreceive", SYS_mq_timedreceive);
    t.passthrough(244, "mq_notify", SYS_mq_notify);
    t.passthrough(245, "mq_getsetattr", SYS_mq_getsetattr);
}

/// semctl(semid, semnum, cmd, arg) with `struct semid64_ds` converted for the STAT/SET commands.
fn semctl(_: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let cmd = a[2] & !IPC_64;
    if NATIVE || !matches!(cmd, IPC_SET | IPC_STAT | SEM_STAT | SEM_STAT_ANY) {
        return syscall6(SYS_semctl, [a[0], a[1], a[2], a[3], 0, 0]);
    }
    if a[3] == 0 {
        return -EFAULT;
    }
    let mut host = if cmd == IPC_SET {
        Aarch64SemidDs::from(&read::<X86SemidDs>(a[3]))
    } else {
        Aarch64SemidDs::default()
    };
    let r = syscall6(
        SYS_semctl,
        [
            a[0],
            a[1],
            a[2],
            &mut host as *mut Aarch64SemidDs as u64,
            0,
            0,
        ],
    );
    if r >= 0 && cmd != IPC_SET {
        write(a[3], &X86SemidDs::from(&host));
    }
    r
}

fn shmat(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let r = syscall6(SYS_shmat, [a[0], a[1], a[2], 0, 0, 0]);
    if r >= 0 {
        let mut ds = [0u8; 112];
        if syscall6(
            SYS_shmctl,
            [a[0], IPC_STAT, ds.as_mut_ptr() as u64, 0, 0, 0],
        ) >= 0
        {
            let mut sz = [0u8; 8];
            sz.copy_from_slice(&ds[SHM_SEGSZ..SHM_SEGSZ + 8]);
            cx.code.invalidate(r as u64, u64::from_le_bytes(sz));
        }
    }
    r
}

fn shmdt(cx: &mut SysCtx<'_>, a: [u64; 6]) -> i64 {
    let len = mapping_len_at(a[0]);
    let r = syscall6(SYS_shmdt, [a[0], 0, 0, 0, 0, 0]);
    if r == 0 {
        cx.code.invalidate(a[0], len.unwrap_or(4096));
    }
    r
}

/// Length of the mapping that starts exactly at `addr`, from /proc/self/maps.
fn mapping_len_at(addr: u64) -> Option<u64> {
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    maps.lines().find_map(|l| {
        let range = l.split(' ').next()?;
        let (s, e) = range.split_once('-')?;
        let s = u64::from_str_radix(s, 16).ok()?;
        let e = u64::from_str_radix(e, 16).ok()?;
        (s == addr).then_some(e - s)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semid_ds_conversion_keeps_every_field() {
        let mut x = X86SemidDs {
            sem_otime: 11,
            sem_ctime: 22,
            sem_nsems: 3,
            ..X86SemidDs::default()
        };
        x.sem_perm[0] = 0x42;
        x.sem_perm[47] = 0x7;
        let a = Aarch64SemidDs::from(&x);
        assert_eq!(
            (
                a.sem_otime,
                a.sem_ctime,
                a.sem_nsems,
                a.sem_perm[0],
                a.sem_perm[47]
            ),
            (11, 22, 3, 0x42, 7)
        );
        assert_eq!(X86SemidDs::from(&a), x);
        assert_eq!(core::mem::offset_of!(X86SemidDs, sem_ctime), 64);
        assert_eq!(core::mem::offset_of!(Aarch64SemidDs, sem_ctime), 56);
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn x86_semid_ds_matches_this_hosts_libc() {
        assert_eq!(size_of::<libc::semid_ds>(), size_of::<X86SemidDs>());
        assert_eq!(
            core::mem::offset_of!(libc::semid_ds, sem_nsems),
            core::mem::offset_of!(X86SemidDs, sem_nsems)
        );
        assert_eq!(core::mem::offset_of!(libc::shmid_ds, shm_segsz), SHM_SEGSZ);
    }

    #[test]
    fn mapping_length_from_proc_maps() {
        // an address that surely starts a mapping: the first line of /proc/self/maps
        let maps = std::fs::read_to_string("/proc/self/maps").expect("procfs is mounted");
        let first = maps.lines().next().expect("at least one mapping");
        let (s, rest) = first.split_once('-').expect("range");
        let e = rest.split(' ').next().expect("end");
        let (s, e) = (
            u64::from_str_radix(s, 16).expect("hex"),
            u64::from_str_radix(e, 16).expect("hex"),
        );
        assert_eq!(mapping_len_at(s), Some(e - s));
        assert_eq!(mapping_len_at(s + 1), None);
    }
}
