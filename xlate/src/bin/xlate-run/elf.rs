//! Maps a static, non-PIE x86_64 ELF executable at its own addresses.

use std::path::{Path, PathBuf};

const PAGE: u64 = 4096;
const PT_LOAD: u32 = 1;
const PT_INTERP: u32 = 3;
const PT_PHDR: u32 = 6;
const PF_X: u32 = 1;
const PF_W: u32 = 2;
const PF_R: u32 = 4;
const ET_EXEC: u16 = 2;
const EM_X86_64: u16 = 62;
/// Size of one ELF64 program header.
pub const PHENT: u64 = 56;

/// Why the program could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadElfError {
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {msg}")]
    Format { path: PathBuf, msg: String },
    #[error(
        "{path}: mapping segment {start:#x}..{end:#x}: {source} (it overlaps something already \
         mapped in this process; the aarch64 runners must be linked high: \
         -C link-arg=-Wl,-Ttext-segment=0x600000000000)"
    )]
    Map {
        path: PathBuf,
        start: u64,
        end: u64,
        source: std::io::Error,
    },
    #[error("{path}: giving segment pages {start:#x}..{end:#x} their protection: {source}")]
    Protect {
        path: PathBuf,
        start: u64,
        end: u64,
        source: std::io::Error,
    },
}

/// A loaded program.
#[derive(Debug)]
pub struct Image {
    /// Entry point.
    pub entry: u64,
    /// Guest address of the program headers (for AT_PHDR).
    pub phdr: u64,
    /// Number of program headers.
    pub phnum: u64,
    /// First address after the highest segment, page-aligned: the initial program break.
    pub brk: u64,
}

fn u16_at(b: &[u8], o: usize) -> u16 {
    u16::from_le_bytes([b[o], b[o + 1]])
}
fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    let mut a = [0; 8];
    a.copy_from_slice(&b[o..o + 8]);
    u64::from_le_bytes(a)
}

struct Phdr {
    kind: u32,
    flags: u32,
    offset: u64,
    vaddr: u64,
    filesz: u64,
    memsz: u64,
}

/// Loads `path` into this process at the addresses its headers name.
pub fn load(path: &Path) -> Result<Image, LoadElfError> {
    let bytes = std::fs::read(path).map_err(|source| LoadElfError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let bad = |msg: String| LoadElfError::Format {
        path: path.to_path_buf(),
        msg,
    };
    if bytes.len() < 64 || &bytes[..4] != b"\x7fELF" || bytes[4] != 2 || bytes[5] != 1 {
        return Err(bad("not a 64-bit little-endian ELF file".into()));
    }
    if u16_at(&bytes, 18) != EM_X86_64 {
        return Err(bad(format!("machine {} is not x86_64", u16_at(&bytes, 18))));
    }
    if u16_at(&bytes, 16) != ET_EXEC {
        return Err(bad(
            "not a fixed-address executable (static-pie and shared objects are not supported by \
             this loader; link with gcc -static -no-pie)"
                .into(),
        ));
    }
    let entry = u64_at(&bytes, 24);
    let phoff = u64_at(&bytes, 32);
    let phentsize = u64::from(u16_at(&bytes, 54));
    let phnum = u64::from(u16_at(&bytes, 56));
    if phentsize != PHENT || phoff + phnum * PHENT > bytes.len() as u64 {
        return Err(bad("program headers out of range".into()));
    }
    let mut phdrs = Vec::new();
    for i in 0..phnum {
        let o = (phoff + i * PHENT) as usize;
        phdrs.push(Phdr {
            kind: u32_at(&bytes, o),
            flags: u32_at(&bytes, o + 4),
            offset: u64_at(&bytes, o + 8),
            vaddr: u64_at(&bytes, o + 16),
            filesz: u64_at(&bytes, o + 32),
            memsz: u64_at(&bytes, o + 40),
        });
    }
    if phdrs.iter().any(|p| p.kind == PT_INTERP) {
        return Err(bad(
            "dynamically linked (has an interpreter); this loader runs static programs only".into(),
        ));
    }
    let mut phdr_addr = phdrs.iter().find(|p| p.kind == PT_PHDR).map(|p| p.vaddr);
    let mut brk = 0;
    // Pages already mapped by earlier segments (two segments may share a boundary page).
    let mut mapped: Vec<(u64, u64)> = Vec::new();
    // Final protection per page (a page shared by two segments gets both).
    let mut prot_of_page: std::collections::BTreeMap<u64, i32> = std::collections::BTreeMap::new();
    for p in phdrs.iter().filter(|p| p.kind == PT_LOAD) {
        if p.filesz > p.memsz || p.offset + p.filesz > bytes.len() as u64 {
            return Err(bad(format!("segment at {:#x} has bad sizes", p.vaddr)));
        }
        let start = p.vaddr & !(PAGE - 1);
        let end = (p.vaddr + p.memsz + PAGE - 1) & !(PAGE - 1);
        let mut from = start;
        for &(s, e) in &mapped {
            if s <= from && from < e {
                from = e;
            }
        }
        if from < end {
            // Writable while the contents are copied in; the segment's own protection is set
            // below (code in writable pages costs the translator an entry check per block).
            map_segment(path, from, end, libc::PROT_READ | libc::PROT_WRITE)?;
            mapped.push((from, end));
        }
        let prot = [
            (PF_R, libc::PROT_READ),
            (PF_W, libc::PROT_WRITE),
            (PF_X, libc::PROT_EXEC),
        ]
        .iter()
        .filter(|(f, _)| p.flags & f != 0)
        .fold(0, |acc, (_, pr)| acc | pr);
        for page in (start..end).step_by(PAGE as usize) {
            *prot_of_page.entry(page).or_insert(0) |= prot;
        }
        // SAFETY: [start, end) was just mapped read-write for us, and the copy stays inside
        // [vaddr, vaddr + filesz) which lies within it; the file range was checked above.
        unsafe {
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr().add(p.offset as usize),
                p.vaddr as *mut u8,
                p.filesz as usize,
            );
        }
        if phdr_addr.is_none() && p.offset <= phoff && phoff < p.offset + p.filesz {
            phdr_addr = Some(p.vaddr + (phoff - p.offset));
        }
        brk = brk.max(end);
    }
    protect_pages(path, &prot_of_page)?;
    let phdr = phdr_addr.ok_or_else(|| bad("program headers are not inside a segment".into()))?;
    Ok(Image {
        entry,
        phdr,
        phnum,
        brk,
    })
}

/// Applies the per-page protections, one mprotect per run of equal protection.
fn protect_pages(
    path: &Path,
    prot_of_page: &std::collections::BTreeMap<u64, i32>,
) -> Result<(), LoadElfError> {
    let mut runs: Vec<(u64, u64, i32)> = Vec::new();
    for (&page, &prot) in prot_of_page {
        match runs.last_mut() {
            Some((_, end, p)) if *end == page && *p == prot => *end += PAGE,
            _ => runs.push((page, page + PAGE, prot)),
        }
    }
    for (start, end, prot) in runs {
        // SAFETY: [start, end) consists of pages this loader mapped for the guest program.
        let r = unsafe { libc::mprotect(start as *mut libc::c_void, (end - start) as usize, prot) };
        if r != 0 {
            return Err(LoadElfError::Protect {
                path: path.to_path_buf(),
                start,
                end,
                source: std::io::Error::last_os_error(),
            });
        }
    }
    Ok(())
}

fn map_segment(path: &Path, start: u64, end: u64, prot: i32) -> Result<(), LoadElfError> {
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping; the result is checked.
    let p = unsafe {
        libc::mmap(
            start as *mut libc::c_void,
            (end - start) as usize,
            prot,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED || p as u64 != start {
        let source = if p == libc::MAP_FAILED {
            std::io::Error::last_os_error()
        } else {
            std::io::Error::other(format!("placed at {p:p}"))
        };
        return Err(LoadElfError::Map {
            path: path.to_path_buf(),
            start,
            end,
            source,
        });
    }
    Ok(())
}
