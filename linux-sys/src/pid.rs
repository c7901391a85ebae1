//! The `Pid` newtype: a process or thread id as the kernel numbers it.

use std::fmt;

/// A process id or thread id (the kernel does not distinguish them at the syscall level).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pid(i32);

impl Pid {
    /// Wraps a raw id. Returns `None` for zero or negative values, which are never a real task.
    pub fn new(raw: i32) -> Option<Pid> {
        (raw > 0).then_some(Pid(raw))
    }

    /// Wraps a raw id given as `u32` (as in image files); `None` if it does not fit a `pid_t`.
    pub fn from_u32(raw: u32) -> Option<Pid> {
        i32::try_from(raw).ok().and_then(Pid::new)
    }

    /// The raw `pid_t` value.
    pub fn as_raw(self) -> i32 {
        self.0
    }

    /// The id as `u32` (always positive).
    pub fn as_u32(self) -> u32 {
        self.0.unsigned_abs()
    }

    /// The pid of the calling process.
    pub fn this_process() -> Pid {
        Pid(std::process::id() as i32)
    }
}

impl fmt::Display for Pid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Pid;

    #[test]
    fn rejects_non_positive() {
        assert!(Pid::new(0).is_none());
        assert!(Pid::new(-5).is_none());
        assert_eq!(Pid::new(7).map(Pid::as_raw), Some(7));
        assert!(Pid::from_u32(u32::MAX).is_none());
    }
}
