//! The branch words that link translated blocks straight to one another — chained direct exits
//! and loops prelinked to their own block's start — with the word each had before it was
//! linked. The recording signal handler undoes all of them at once, so that the thread's
//! translated code comes back to the run loop at its next block boundary (see
//! [`crate::signal::breakout`]); the run loop puts them back as soon as it has control again.

use crate::addrmap::AddrMap;
use crate::codebuf::{self, CodeBuf};

/// One linked branch word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Link {
    /// The word in place now: a branch to the target block.
    linked: u32,
    /// The word before linking: towards the exit that asks the run loop for the target.
    unlinked: u32,
}

/// Every linked branch word of one code buffer, by host address.
#[derive(Debug, Default)]
pub struct Links {
    sites: AddrMap<Link>,
}

impl Links {
    /// Records that the word at `site` now is `linked` and was `unlinked` before.
    pub fn insert(&mut self, site: u64, linked: u32, unlinked: u32) {
        self.sites.insert(site, Link { linked, unlinked });
    }

    /// Forgets `site` (its word was put back: the target went away).
    pub fn remove(&mut self, site: u64) {
        self.sites.remove(&site);
    }

    /// Forgets everything (the code buffer was flushed).
    pub fn clear(&mut self) {
        self.sites.clear();
    }

    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// Writes every site's unlinked word, with the icache maintenance each needs.
    ///
    /// # Safety
    /// Async-signal-safe (no allocation, no lock), for the recording handler. Every recorded
    /// site must be a word of a live code buffer, and nothing may change `self` or run the code
    /// meanwhile on another thread: the handler calls it only while its own thread executes
    /// translated code of this buffer (code buffers are per thread), never while the run loop
    /// itself changes the links.
    pub unsafe fn unlink_all(&self) {
        for (&site, l) in &self.sites {
            // SAFETY: the caller's contract: `site` is a word of the live code buffer.
            unsafe { codebuf::write_word(site, l.unlinked) };
        }
    }

    /// Puts every linked word back (after [`Links::unlink_all`]; no target went away since).
    pub fn relink_all(&self, code: &mut CodeBuf) {
        for (&site, l) in &self.sites {
            code.patch_word(site, l.linked);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlink_all_restores_the_exits_and_relink_all_the_branches() {
        let mut code = CodeBuf::new(1 << 20).expect("code buffer");
        let words: Vec<u8> = [0x1400_0001u32, 0x1400_0001, 0x5400_0040]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        let at = code.push(&words).expect("fits");
        let mut links = Links::default();
        code.patch_word(at, 0x1400_0100);
        links.insert(at, 0x1400_0100, 0x1400_0001);
        code.patch_word(at + 8, 0x5400_1000);
        links.insert(at + 8, 0x5400_1000, 0x5400_0040);
        // SAFETY: both sites are words of `code`, which lives on; nothing runs it.
        unsafe { links.unlink_all() };
        let now = |code: &CodeBuf| [0, 4, 8].map(|o| code.read_word(at + o));
        assert_eq!(now(&code), [0x1400_0001, 0x1400_0001, 0x5400_0040]);
        links.relink_all(&mut code);
        assert_eq!(now(&code), [0x1400_0100, 0x1400_0001, 0x5400_1000]);
        links.remove(at);
        // SAFETY: as above.
        unsafe { links.unlink_all() };
        assert_eq!(now(&code), [0x1400_0100, 0x1400_0001, 0x5400_0040]);
        assert_eq!(links.len(), 1);
    }
}
