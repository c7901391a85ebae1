//! Reading the bytes buffered in a pipe without consuming them: `tee(2)` duplicates the pipe's
//! buffers into a private pipe, which is then drained. The original pipe keeps its data.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// `F_GETPIPE_SZ` of an open pipe.
pub fn pipe_capacity(pipe: &impl AsRawFd) -> io::Result<u32> {
    // SAFETY: F_GETPIPE_SZ takes no argument and only reads the descriptor.
    let ret = unsafe { libc::fcntl(pipe.as_raw_fd(), libc::F_GETPIPE_SZ) };
    if ret < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(ret as u32)
}

/// Number of bytes buffered in a pipe (`FIONREAD`).
pub fn buffered_bytes(pipe: &impl AsRawFd) -> io::Result<usize> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int to the pointer we pass.
    let ret = unsafe { libc::ioctl(pipe.as_raw_fd(), libc::FIONREAD, &mut n as *mut libc::c_int) };
    if ret < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(usize::try_from(n).unwrap_or(0))
}

fn new_pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the array.
    let ret = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) };
    if ret < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: both descriptors were just created and are owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Copies the bytes buffered in `pipe` (a descriptor of ours referring to the pipe, opened for
/// reading, e.g. through `/proc/PID/fd/N`) without removing them from it.
pub fn peek_pipe(pipe: &impl AsRawFd) -> io::Result<Vec<u8>> {
    let want = buffered_bytes(pipe)?;
    if want == 0 {
        return Ok(Vec::new());
    }
    let (rd, wr) = new_pipe()?;
    let cap = pipe_capacity(pipe)?.max(want as u32);
    // SAFETY: F_SETPIPE_SZ takes an int by value.
    if unsafe { libc::fcntl(wr.as_raw_fd(), libc::F_SETPIPE_SZ, cap as libc::c_int) } < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: tee only operates on the two descriptors.
    let n = unsafe {
        libc::tee(
            pipe.as_raw_fd(),
            wr.as_raw_fd(),
            want,
            libc::SPLICE_F_NONBLOCK,
        )
    };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    drop(wr);
    let mut out = Vec::with_capacity(n as usize);
    File::from(rd).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn peek_leaves_data_in_place() {
        let (rd, wr) = new_pipe().expect("pipe");
        let mut w = File::from(wr);
        w.write_all(b"hello pipe").expect("write");
        assert_eq!(peek_pipe(&rd).expect("peek"), b"hello pipe");
        assert_eq!(buffered_bytes(&rd).expect("fionread"), 10);
        let mut r = File::from(rd);
        let mut buf = [0u8; 10];
        r.read_exact(&mut buf).expect("read");
        assert_eq!(&buf, b"hello pipe");
    }
}
