//! Decoding of `/proc/PID/pagemap` entries (one little-endian u64 per virtual page).

/// One pagemap entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PagemapEntry(pub u64);

impl PagemapEntry {
    const PRESENT: u64 = 1 << 63;
    const SWAPPED: u64 = 1 << 62;
    const FILE_OR_SHARED: u64 = 1 << 61;

    /// The page is in RAM.
    pub fn present(self) -> bool {
        self.0 & Self::PRESENT != 0
    }

    /// The page is in swap.
    pub fn swapped(self) -> bool {
        self.0 & Self::SWAPPED != 0
    }

    /// The page is a page-cache page or shared anonymous memory (not a private anonymous copy).
    pub fn file_or_shared(self) -> bool {
        self.0 & Self::FILE_OR_SHARED != 0
    }

    /// Whether the page's contents belong in the image. `private_file`: the page belongs to a
    /// private file mapping, where only pages copied on write (anonymous) differ from the file.
    pub fn has_contents(self, private_file: bool) -> bool {
        if !(self.present() || self.swapped()) {
            return false;
        }
        !(private_file && self.file_or_shared())
    }
}

/// Decodes a buffer read from a pagemap file.
pub fn decode(bytes: &[u8]) -> impl Iterator<Item = PagemapEntry> + '_ {
    bytes.chunks_exact(8).map(|c| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        PagemapEntry(u64::from_le_bytes(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bits() {
        let present_anon = PagemapEntry(1 << 63 | 0x1234);
        let present_file = PagemapEntry(1 << 63 | 1 << 61);
        let swapped = PagemapEntry(1 << 62);
        let none = PagemapEntry(0);
        assert!(present_anon.present() && !present_anon.file_or_shared());
        assert!(present_anon.has_contents(true));
        assert!(!present_file.has_contents(true));
        assert!(present_file.has_contents(false));
        assert!(swapped.has_contents(false));
        assert!(!none.has_contents(false));
        let bytes: Vec<u8> = [present_anon.0, none.0]
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .collect();
        let v: Vec<_> = decode(&bytes).collect();
        assert_eq!(v, vec![present_anon, none]);
    }
}
