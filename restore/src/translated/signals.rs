//! Signals pending in the image (process-wide and thread-directed), queued again to the process
//! running the guest once the guest's handlers and mask are in place, as the native restorer does:
//! they are delivered when the guest unblocks them.

use images_format::proto::core::ThreadCore;
use images_format::proto::process::ProcessCore;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum QueueSignalsError {
    #[error("queueing {what} pending signal {signo} again: {source}")]
    Queue {
        what: &'static str,
        signo: i32,
        source: std::io::Error,
    },
}

/// A raw siginfo from the image, padded or cut to the kernel's 128 bytes.
fn siginfo(raw: &[u8]) -> [u8; 128] {
    let mut b = [0u8; 128];
    let n = raw.len().min(128);
    b[..n].copy_from_slice(&raw[..n]);
    b
}

/// Queues every pending signal of the image to this process (and its thread `[0]`).
pub fn queue_pending(core: &ProcessCore, leader: &ThreadCore) -> Result<(), QueueSignalsError> {
    // SAFETY: getpid and gettid have no preconditions.
    let (pid, tid) = unsafe { (libc::getpid(), libc::syscall(libc::SYS_gettid)) };
    for raw in &core.shared_pending {
        let info = siginfo(raw);
        let signo = i32::from_ne_bytes([info[0], info[1], info[2], info[3]]);
        // SAFETY: a 128-byte siginfo in a live buffer, queued to this very process.
        let r = unsafe { libc::syscall(libc::SYS_rt_sigqueueinfo, pid, signo, info.as_ptr()) };
        if r < 0 {
            return Err(QueueSignalsError::Queue {
                what: "process-wide",
                signo,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    for p in &leader.pending {
        let info = siginfo(&p.siginfo);
        let signo = p.signo as i32;
        // SAFETY: as above, to this thread.
        let r =
            unsafe { libc::syscall(libc::SYS_rt_tgsigqueueinfo, pid, tid, signo, info.as_ptr()) };
        if r < 0 {
            return Err(QueueSignalsError::Queue {
                what: "thread-directed",
                signo,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}
