//! Bringing a thread's translated code back to the run loop when a signal is recorded, without
//! any poll in translated code.
//!
//! Translated code leaves a block in one of three ways: a direct branch (chained straight to the
//! target block, or towards the exit that asks the run loop for it), the inline probe of the
//! indirect-branch lookup table (x26), or a stub exit (syscall, fault, ...). Loops through
//! translated code therefore run through chained branches or table hits only. When the recording
//! handler ([`super::host`]) interrupts that code, it makes both go to the run loop:
//!
//! - every chained branch word of the thread's code buffer gets its unlinked word back
//!   ([`Links::unlink_all`]; a loop prelinked to its own block's start is one of them);
//! - x26 in the interrupted context, and the context's `lookup_table` that the helper-call stub
//!   reloads x26 from, point at a table that holds no entry, so every indirect branch misses.
//!
//! The interrupted block runs on to its end (a block is straight-line code plus finite internal
//! loops such as REP), and its exit, whichever it is, reaches the run loop; so does the code of
//! a block entered through a probe that had hit before the handler ran, whose exits are unlinked
//! as well. The run loop then relinks everything at once ([`Links::relink_all`]) and restores
//! the table before it runs translated code again: no target can have gone away in between, and
//! steady-state code is as before. Signals are delivered there (see [`super::deliver`]).
//!
//! Code caches are per thread (docs/xlate-threads.md) and a host signal handler runs on the
//! thread it interrupted, so nothing else executes or changes that code buffer meanwhile. The
//! handler patches only when the interrupted pc is in translated code or in a helper called from
//! it: the run loop is then suspended in its call into translated code, outside every place
//! where it changes the code buffer, the cache or the links; that is the guard. Elsewhere (the
//! run loop itself, a syscall) the handler only records: the enter stub checks the context's
//! `signal_pending` as its very last step before jumping into a block, and a signal that comes
//! between that check and the jump is caught by [`Breakout::action`], which sends the stub to
//! its bail-out path. A blocking syscall returns -EINTR (the recording handler has no
//! SA_RESTART), so its thread is back in the run loop anyway.
//!
//! Cost: nothing in steady-state code; per signal taken inside translated code, two writes (and
//! the icache maintenance) per linked branch word of the thread.

use crate::emit::Stubs;
use crate::links::Links;

/// What the recording handler needs to break one machine's translated code out to its run loop.
#[derive(Debug)]
pub struct Breakout {
    /// The chained branch words of the machine's code buffer.
    pub links: Links,
    /// A lookup table in which every probe misses.
    empty_table: u64,
    /// The code buffer (stubs and blocks).
    buffer: (u64, u64),
    /// Stub ranges where x26 holds the run loop's own value (the enter stub before saving it,
    /// the return path after restoring it).
    host_x26: [(u64, u64); 2],
    /// The enter stub's final `signal_pending` check up to its jump into the block.
    enter_check: (u64, u64),
    /// Where the enter stub returns to the run loop without running the block.
    enter_bail: u64,
}

/// What the handler does to the interrupted context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing: no translated code is about to run without the enter stub's check first, or
    /// the thread is on its way back to the run loop.
    Nothing,
    /// Resume at this pc (the enter stub's bail-out, instead of jumping into the block).
    Bail(u64),
    /// Unlink every chained branch, and make every table probe miss; `x26`: the interrupted
    /// x26 is the generated code's table base (false in a helper, whose x26 is its own).
    Unlink { x26: bool },
}

impl Breakout {
    /// For code generated with `stubs` into the code buffer `buffer`.
    pub fn new(stubs: &Stubs, buffer: (u64, u64), empty_table: u64) -> Breakout {
        Breakout {
            links: Links::default(),
            empty_table,
            buffer,
            host_x26: [
                (stubs.enter, stubs.enter_saved),
                (stubs.leave_restored, stubs.leave_end),
            ],
            enter_check: (stubs.enter_check, stubs.enter_bail),
            enter_bail: stubs.enter_bail,
        }
    }

    /// The lookup table in which every probe misses.
    pub fn empty_table(&self) -> u64 {
        self.empty_table
    }

    /// What to do for a signal that interrupted the thread at host `pc`; `in_helper`: a helper
    /// called from translated code was running (`Context::helper_sp` set).
    pub fn action(&self, pc: u64, in_helper: bool) -> Action {
        let within = |(s, e): (u64, u64)| s <= pc && pc < e;
        if !within(self.buffer) {
            return if in_helper {
                Action::Unlink { x26: false }
            } else {
                Action::Nothing
            };
        }
        if within(self.enter_check) {
            return Action::Bail(self.enter_bail);
        }
        if self.host_x26.iter().any(|&r| within(r)) {
            return Action::Nothing;
        }
        Action::Unlink { x26: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{stubs, Asm};

    #[test]
    fn the_handler_bails_out_of_the_enter_stub_and_unlinks_elsewhere_in_translated_code() {
        let base = 0x10_0000u64;
        let mut a = Asm::new(base as usize);
        let s = stubs::build(&mut a, base);
        let len = a.finalize().expect("stub labels resolve").len() as u64;
        let end = base + (1 << 20);
        let b = Breakout::new(&s, (base, end), 0x7000_0000);
        assert!(s.enter < s.enter_saved && s.enter_saved < s.enter_check);
        assert!(s.enter_check < s.enter_bail && s.leave_restored < s.leave_end);
        // the run loop (outside the buffer, no helper): the enter stub's check sees the flag
        assert_eq!(b.action(0x5000, false), Action::Nothing);
        // the enter stub before it saved the run loop's x26, and the return path after restoring it
        assert_eq!(b.action(s.enter, false), Action::Nothing);
        assert_eq!(b.action(s.leave_end - 4, false), Action::Nothing);
        // between the check and the jump into the block: bail out instead
        for pc in (s.enter_check..s.enter_bail).step_by(4) {
            assert_eq!(b.action(pc, false), Action::Bail(s.enter_bail), "{pc:#x}");
        }
        // just before the check: its load still sees the flag
        assert_eq!(
            b.action(s.enter_check - 4, false),
            Action::Unlink { x26: true }
        );
        // translated blocks, the indirect stub, the helper stub
        for pc in [base + len, end - 4, s.indirect, s.helper] {
            assert_eq!(b.action(pc, false), Action::Unlink { x26: true }, "{pc:#x}");
        }
        // inside a helper (Rust code, with a helper frame): not its x26
        assert_eq!(b.action(0x5000, true), Action::Unlink { x26: false });
    }
}
