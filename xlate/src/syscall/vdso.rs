//! The guest's vDSO: x86_64 code that reads kernel data pages (vvar) the aarch64 host does not
//! provide. The translator must not run it; calls to its entry points are intercepted and
//! served with real host syscalls.
//!
//! [`VdsoIntercepts::from_image`] finds the entry points in the vDSO's ELF dynamic symbol table
//! (the image holds the guest's vDSO pages at their guest address); the engine checks
//! [`VdsoIntercepts::lookup`] when it is about to translate a block at a guest address and, on a
//! hit, runs [`serve`] instead: it performs the call on the guest's registers and returns to
//! the guest's caller like the `ret` at the end of the real function.

use super::abi_fs::{Timespec, Timeval};
use super::guest_struct::write;
use super::raw::{syscall6, EFAULT, ENOSYS};
use crate::state::{gpr as G, GuestState};
use goblin::elf::program_header::PT_LOAD;
use goblin::elf::Elf;
use libc::{SYS_clock_getres, SYS_clock_gettime, SYS_getcpu, SYS_getrandom};
use std::collections::BTreeMap;

/// A vDSO function served by the syscall layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum VdsoCall {
    /// `int clock_gettime(clockid_t, struct timespec *)`
    ClockGettime,
    /// `int gettimeofday(struct timeval *, struct timezone *)`
    Gettimeofday,
    /// `time_t time(time_t *)`
    Time,
    /// `long getcpu(unsigned *cpu, unsigned *node, void *cache)`
    Getcpu,
    /// `int clock_getres(clockid_t, struct timespec *)`
    ClockGetres,
    /// `ssize_t getrandom(void *buf, size_t len, unsigned flags, void *state, size_t state_len)`
    Getrandom,
}

impl VdsoCall {
    /// The call a vDSO symbol name stands for (both the `__vdso_` names and the plain aliases).
    pub fn from_symbol(name: &str) -> Option<VdsoCall> {
        Some(match name.strip_prefix("__vdso_").unwrap_or(name) {
            "clock_gettime" => VdsoCall::ClockGettime,
            "gettimeofday" => VdsoCall::Gettimeofday,
            "time" => VdsoCall::Time,
            "getcpu" => VdsoCall::Getcpu,
            "clock_getres" => VdsoCall::ClockGetres,
            "getrandom" => VdsoCall::Getrandom,
            _ => return None,
        })
    }
}

/// One intercepted entry point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VdsoEntry {
    pub symbol: String,
    pub guest_addr: u64,
    pub call: VdsoCall,
}

/// Why a vDSO image could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ParseVdsoError {
    #[error("the guest vDSO image at {base:#x} ({len} bytes) is not a valid ELF file: {source}; the image's [vdso] pages are damaged or not a vDSO")]
    Elf {
        base: u64,
        len: usize,
        source: goblin::error::Error,
    },
    #[error("the guest vDSO image at {base:#x} has no PT_LOAD segment, so its symbol addresses cannot be placed")]
    NoLoadSegment { base: u64 },
    #[error("the guest vDSO image at {base:#x} exports none of the time functions (clock_gettime, gettimeofday, time, getcpu, clock_getres)")]
    NoEntryPoints { base: u64 },
}

/// The guest addresses to intercept, and what serves each.
#[derive(Clone, Debug, Default)]
pub struct VdsoIntercepts {
    by_addr: BTreeMap<u64, VdsoCall>,
    entries: Vec<VdsoEntry>,
}

impl VdsoIntercepts {
    /// Reads the dynamic symbols of the vDSO `image` mapped at guest address `base`.
    pub fn from_image(image: &[u8], base: u64) -> Result<VdsoIntercepts, ParseVdsoError> {
        let elf = Elf::parse(image).map_err(|source| ParseVdsoError::Elf {
            base,
            len: image.len(),
            source,
        })?;
        // the vDSO is linked at some address (0 today) and mapped at `base`
        let link = elf
            .program_headers
            .iter()
            .filter(|p| p.p_type == PT_LOAD)
            .map(|p| p.p_vaddr.wrapping_sub(p.p_offset))
            .min()
            .ok_or(ParseVdsoError::NoLoadSegment { base })?;
        let mut out = VdsoIntercepts::default();
        for sym in elf.dynsyms.iter() {
            if !sym.is_function() || sym.st_value == 0 {
                continue;
            }
            let Some(name) = elf.dynstrtab.get_at(sym.st_name) else {
                continue;
            };
            let Some(call) = VdsoCall::from_symbol(name) else {
                continue;
            };
            let guest_addr = base.wrapping_add(sym.st_value.wrapping_sub(link));
            out.by_addr.insert(guest_addr, call);
            out.entries.push(VdsoEntry {
                symbol: name.to_string(),
                guest_addr,
                call,
            });
        }
        if out.entries.is_empty() {
            return Err(ParseVdsoError::NoEntryPoints { base });
        }
        out.entries
            .sort_by(|a, b| (a.guest_addr, &a.symbol).cmp(&(b.guest_addr, &b.symbol)));
        Ok(out)
    }

    /// The call to serve when the guest reaches `rip`, if it is an intercepted entry point.
    pub fn lookup(&self, rip: u64) -> Option<VdsoCall> {
        self.by_addr.get(&rip).copied()
    }

    /// Every intercepted entry point (aliases share an address), by address.
    pub fn entries(&self) -> &[VdsoEntry] {
        &self.entries
    }
}

/// Runs `call` for the guest as the vDSO function would (arguments in RDI, RSI, RDX, RCX, R8;
/// result in RAX as the C function returns it: 0 or -errno for the int functions), then returns
/// to the caller: RIP = the return address popped from the guest stack.
pub fn serve(call: VdsoCall, state: &mut GuestState) {
    let a = [
        state.gpr[G::RDI],
        state.gpr[G::RSI],
        state.gpr[G::RDX],
        state.gpr[G::RCX],
        state.gpr[G::R8],
    ];
    let r = match call {
        VdsoCall::ClockGettime => syscall6(SYS_clock_gettime, [a[0], a[1], 0, 0, 0, 0]),
        VdsoCall::ClockGetres => syscall6(SYS_clock_getres, [a[0], a[1], 0, 0, 0, 0]),
        VdsoCall::Gettimeofday => gettimeofday(a[0], a[1]),
        VdsoCall::Time => time(a[0]),
        VdsoCall::Getcpu => syscall6(SYS_getcpu, [a[0], a[1], 0, 0, 0, 0]),
        VdsoCall::Getrandom => {
            // (NULL, 0, 0, &params, ~0UL) asks for the vDSO's state parameters: refusing makes
            // glibc use the getrandom syscall; real requests are served by the syscall.
            if a[4] == u64::MAX {
                -ENOSYS
            } else {
                syscall6(SYS_getrandom, [a[0], a[1], a[2], 0, 0, 0])
            }
        }
    };
    state.gpr[G::RAX] = r as u64;
    let rsp = state.gpr[G::RSP];
    state.rip = crate::guestmem::read_uint(rsp, 8);
    state.gpr[G::RSP] = rsp.wrapping_add(8);
}

fn now() -> Result<Timespec, i64> {
    let mut ts = Timespec::default();
    let r = syscall6(
        SYS_clock_gettime,
        [
            libc::CLOCK_REALTIME as u64,
            &mut ts as *mut Timespec as u64,
            0,
            0,
            0,
            0,
        ],
    );
    if r < 0 {
        Err(r)
    } else {
        Ok(ts)
    }
}

fn gettimeofday(tv: u64, tz: u64) -> i64 {
    if tv != 0 {
        let ts = match now() {
            Ok(t) => t,
            Err(e) => return e,
        };
        write(
            tv,
            &Timeval {
                tv_sec: ts.tv_sec,
                tv_usec: ts.tv_nsec / 1000,
            },
        );
    }
    if tz != 0 {
        // the kernel's sys_tz (minuteswest, dsttime) is what the syscall reports; ask it
        let mut host_tz = [0i32; 2];
        let r = syscall6(
            libc::SYS_gettimeofday,
            [0, host_tz.as_mut_ptr() as u64, 0, 0, 0, 0],
        );
        if r < 0 {
            return r;
        }
        crate::guestmem::write_uint(tz, 4, host_tz[0] as u32 as u64);
        crate::guestmem::write_uint(tz + 4, 4, host_tz[1] as u32 as u64);
    }
    0
}

fn time(tloc: u64) -> i64 {
    match now() {
        Ok(ts) => {
            if tloc != 0 {
                crate::guestmem::write_uint(tloc, 8, ts.tv_sec as u64);
            }
            ts.tv_sec
        }
        Err(_) => -EFAULT,
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;

    /// This process's own vDSO (an x86_64 vDSO on this host): base and bytes.
    fn own_vdso() -> (u64, Vec<u8>) {
        let maps = std::fs::read_to_string("/proc/self/maps").expect("procfs is mounted");
        let line = maps
            .lines()
            .find(|l| l.ends_with("[vdso]"))
            .expect("this process has a [vdso] mapping");
        let (s, rest) = line.split_once('-').expect("range");
        let e = rest.split(' ').next().expect("end");
        let s = u64::from_str_radix(s, 16).expect("hex");
        let e = u64::from_str_radix(e, 16).expect("hex");
        // SAFETY: reading our own readable [vdso] mapping, which stays mapped for the process's life.
        let bytes =
            unsafe { core::slice::from_raw_parts(s as *const u8, (e - s) as usize) }.to_vec();
        // SAFETY: getauxval has no preconditions.
        assert_eq!(unsafe { libc::getauxval(libc::AT_SYSINFO_EHDR) }, s);
        (s, bytes)
    }

    #[test]
    fn finds_the_time_entry_points_of_a_real_x86_64_vdso() {
        let (base, image) = own_vdso();
        let v = VdsoIntercepts::from_image(&image, base).expect("the host vDSO parses");
        let names: Vec<&str> = v.entries().iter().map(|e| e.symbol.as_str()).collect();
        for want in [
            "__vdso_clock_gettime",
            "__vdso_gettimeofday",
            "__vdso_time",
            "__vdso_getcpu",
            "__vdso_clock_getres",
        ] {
            assert!(names.contains(&want), "{want} missing from {names:?}");
        }
        let cg = v
            .entries()
            .iter()
            .find(|e| e.symbol == "__vdso_clock_gettime")
            .expect("found above");
        assert_eq!(v.lookup(cg.guest_addr), Some(VdsoCall::ClockGettime));
        assert!(cg.guest_addr > base && cg.guest_addr < base + image.len() as u64);
        // the address really is the function: call the x86_64 code natively on this host
        type ClockGettime = unsafe extern "C" fn(libc::clockid_t, *mut libc::timespec) -> i32;
        // SAFETY: on an x86_64 host this is the kernel's own vDSO clock_gettime entry point,
        // found through its dynamic symbol table; its C signature is the documented one.
        let f: ClockGettime =
            unsafe { core::mem::transmute::<usize, ClockGettime>(cg.guest_addr as usize) };
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: valid clock id and output pointer.
        assert_eq!(unsafe { f(libc::CLOCK_MONOTONIC, &mut ts) }, 0);
        let mut now = Timespec::default();
        syscall6(
            SYS_clock_gettime,
            [
                libc::CLOCK_MONOTONIC as u64,
                &mut now as *mut Timespec as u64,
                0,
                0,
                0,
                0,
            ],
        );
        assert!(
            (now.tv_sec - ts.tv_sec).abs() <= 1,
            "vDSO says {}, syscall says {}",
            ts.tv_sec,
            now.tv_sec
        );
    }

    #[test]
    fn serving_a_call_returns_to_the_caller() {
        let mut stack = [0u64; 4];
        stack[1] = 0x401234; // return address at RSP
        let mut out = Timespec::default();
        let mut st = GuestState::default();
        st.gpr[G::RSP] = &stack[1] as *const u64 as u64;
        st.gpr[G::RDI] = libc::CLOCK_REALTIME as u64;
        st.gpr[G::RSI] = &mut out as *mut Timespec as u64;
        serve(VdsoCall::ClockGettime, &mut st);
        assert_eq!(st.gpr[G::RAX], 0);
        assert_eq!(st.rip, 0x401234);
        assert_eq!(st.gpr[G::RSP], &stack[2] as *const u64 as u64);
        assert!(out.tv_sec > 1_600_000_000, "clock_gettime wrote {out:?}");
        let mut tloc = 0i64;
        st.gpr[G::RSP] = &stack[1] as *const u64 as u64;
        st.gpr[G::RDI] = &mut tloc as *mut i64 as u64;
        serve(VdsoCall::Time, &mut st);
        assert_eq!(st.gpr[G::RAX] as i64, tloc);
        assert!((tloc - out.tv_sec).abs() <= 2);
    }

    #[test]
    fn garbage_is_a_typed_error() {
        assert!(matches!(
            VdsoIntercepts::from_image(b"not an elf", 0x7fff0000),
            Err(ParseVdsoError::Elf { .. })
        ));
    }
}
