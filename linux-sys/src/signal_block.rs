//! Deferring termination signals in the calling thread while a critical section runs (e.g. while
//! a process tree is frozen and some of its threads are borrowed for remote syscalls: dying then
//! would let them resume with borrowed registers).

use std::io;

/// While alive, the listed signals are blocked in the calling thread (and in threads it creates);
/// dropping it restores the previous mask, so a signal that arrived meanwhile is delivered then.
#[derive(Debug)]
pub struct BlockedSignals {
    old: libc::sigset_t,
}

impl BlockedSignals {
    /// Blocks `signals` (e.g. `[SIGINT, SIGTERM, SIGHUP, SIGQUIT]`) in the calling thread.
    pub fn block(signals: &[i32]) -> io::Result<BlockedSignals> {
        // SAFETY: sigset_t is plain data; sigemptyset initialises it before use.
        let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: as above.
        let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set` is a valid sigset_t owned by us.
        unsafe { libc::sigemptyset(&mut set) };
        for &sig in signals {
            // SAFETY: `set` is initialised; an invalid signal number only makes this fail.
            if unsafe { libc::sigaddset(&mut set, sig) } != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        // SAFETY: both pointers are valid sigset_t values.
        let ret = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old) };
        if ret != 0 {
            return Err(io::Error::from_raw_os_error(ret));
        }
        Ok(BlockedSignals { old })
    }
}

impl Drop for BlockedSignals {
    fn drop(&mut self) {
        // SAFETY: restores the mask saved by `block`; a null old-set pointer is allowed.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, std::ptr::null_mut()) };
    }
}

#[cfg(test)]
mod tests {
    use super::BlockedSignals;

    fn blocked(sig: i32) -> bool {
        // SAFETY: plain data, filled by pthread_sigmask.
        let mut cur: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: querying the mask only.
        unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut cur) };
        // SAFETY: `cur` was filled above.
        unsafe { libc::sigismember(&cur, sig) == 1 }
    }

    #[test]
    fn blocks_and_restores() {
        assert!(!blocked(libc::SIGHUP));
        {
            let _g = BlockedSignals::block(&[libc::SIGHUP]).expect("block");
            assert!(blocked(libc::SIGHUP));
        }
        assert!(!blocked(libc::SIGHUP));
    }
}
