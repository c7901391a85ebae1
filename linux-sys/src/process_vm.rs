//! `process_vm_readv(2)`: copy another process's memory into ours in large batches.

use std::io;

use crate::pid::Pid;

/// The kernel's limit on iovecs per call (`UIO_MAXIOV`).
pub const MAX_IOVECS: usize = 1024;

/// One remote range to read: `len` bytes at `addr` in the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemoteRange {
    pub addr: u64,
    pub len: usize,
}

/// Reads the `remote` ranges of process `pid`, back to back, into `local`. Returns the number of
/// bytes read, which is short only when a range is not readable (the read stops at the first
/// unreadable byte, as the kernel does). `local` must be at least the sum of the lengths.
///
/// Any number of ranges is accepted; they are issued in calls of at most `MAX_IOVECS` iovecs.
pub fn read_ranges(pid: Pid, local: &mut [u8], remote: &[RemoteRange]) -> io::Result<usize> {
    let total: usize = remote.iter().map(|r| r.len).sum();
    if local.len() < total {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "read_ranges: buffer of {} bytes for {total} bytes",
                local.len()
            ),
        ));
    }
    let mut done = 0usize;
    let mut idx = 0usize;
    // Offset already consumed inside remote[idx] after a short read.
    let mut skip = 0usize;
    while idx < remote.len() {
        let mut iovs: Vec<libc::iovec> = Vec::with_capacity(MAX_IOVECS.min(remote.len() - idx));
        let mut want = 0usize;
        for (k, r) in remote[idx..].iter().take(MAX_IOVECS).enumerate() {
            let off = if k == 0 { skip } else { 0 };
            iovs.push(libc::iovec {
                iov_base: (r.addr as usize + off) as *mut libc::c_void,
                iov_len: r.len - off,
            });
            want += r.len - off;
        }
        let local_iov = libc::iovec {
            iov_base: local[done..].as_mut_ptr().cast(),
            iov_len: want,
        };
        // SAFETY: the local iovec covers `want` bytes inside `local` (checked above: done + want
        // <= total <= local.len()); remote iovecs are only dereferenced by the kernel in the
        // target's address space.
        let ret = unsafe {
            libc::process_vm_readv(
                pid.as_raw(),
                &local_iov,
                1,
                iovs.as_ptr(),
                iovs.len() as u64,
                0,
            )
        };
        if ret < 0 {
            let err = io::Error::last_os_error();
            if done > 0 && err.raw_os_error() == Some(libc::EFAULT) {
                return Ok(done);
            }
            return Err(err);
        }
        let got = ret as usize;
        done += got;
        if got < want {
            // Work out how far we got, then stop: the next byte is unreadable.
            return Ok(done);
        }
        idx += iovs.len();
        skip = 0;
    }
    Ok(done)
}

/// Writes all of `data` into process `pid` at `addr` with `process_vm_writev`. The target pages
/// must be writable (this does not bypass protections, unlike `PTRACE_POKEDATA`).
pub fn write_all(pid: Pid, addr: u64, data: &[u8]) -> io::Result<()> {
    let mut done = 0usize;
    while done < data.len() {
        let local = libc::iovec {
            iov_base: data[done..].as_ptr() as *mut libc::c_void,
            iov_len: data.len() - done,
        };
        let remote = libc::iovec {
            iov_base: (addr as usize + done) as *mut libc::c_void,
            iov_len: data.len() - done,
        };
        // SAFETY: the kernel only reads our `local` buffer (inside `data`) and writes the
        // target's memory.
        let ret = unsafe { libc::process_vm_writev(pid.as_raw(), &local, 1, &remote, 1, 0) };
        if ret < 0 {
            return Err(io::Error::last_os_error());
        }
        if ret == 0 {
            return Err(io::Error::from_raw_os_error(libc::EFAULT));
        }
        done += ret as usize;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{read_ranges, RemoteRange};
    use crate::pid::Pid;

    #[test]
    fn reads_own_memory() {
        let a = [1u8, 2, 3, 4];
        let b = [9u8; 3];
        let mut out = [0u8; 7];
        let n = read_ranges(
            Pid::this_process(),
            &mut out,
            &[
                RemoteRange {
                    addr: a.as_ptr() as u64,
                    len: 4,
                },
                RemoteRange {
                    addr: b.as_ptr() as u64,
                    len: 3,
                },
            ],
        )
        .expect("reading our own memory");
        assert_eq!(n, 7);
        assert_eq!(out, [1, 2, 3, 4, 9, 9, 9]);
    }

    #[test]
    fn rejects_small_buffer() {
        let a = [0u8; 8];
        let mut out = [0u8; 4];
        let r = RemoteRange {
            addr: a.as_ptr() as u64,
            len: 8,
        };
        assert!(read_ranges(Pid::this_process(), &mut out, &[r]).is_err());
    }
}
