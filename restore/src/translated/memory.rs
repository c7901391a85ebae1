//! The guest's address space inside the restorer: every VMA of the image mapped at its own
//! address (`MAP_FIXED_NOREPLACE`: a collision with the restorer's own mappings is an error that
//! names both ranges), file-backed VMAs from the same files (refused if they changed), pages
//! streamed from the pages file straight into place, then the final protections.
//!
//! vvar is mapped anonymous: the guest never reads it, because its vDSO calls are intercepted.
//! The vDSO's pages come from the image (the translator finds the entry points in them).
//! `[vsyscall]` is not a mapping user space can make and is skipped.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;

use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::PageRunKind;
use thiserror::Error;

use super::host;
use super::image::ProcessImage;

/// Guest stack below the image's stack VMA that is mapped in advance (the restorer cannot grow
/// a mapping on demand the way the kernel grows a stack).
const STACK_RESERVE: u64 = 8 << 20;

#[derive(Debug, Error)]
pub enum MapGuestMemoryError {
    #[error("the guest range {start:#x}-{end:#x} ({name}) collides with this restorer's own mapping {own}; the restorer cannot place the guest at its addresses. The aarch64 hmcr is linked at 0x600000000000 to stay clear of x86_64 programs; under qemu-user the emulator's own mappings can be in the way (try again: their addresses are randomised)")]
    Collision {
        start: u64,
        end: u64,
        name: String,
        own: String,
    },
    #[error("mapping the guest range {start:#x}-{end:#x} ({name}): {source}")]
    Map {
        start: u64,
        end: u64,
        name: String,
        source: std::io::Error,
    },
    #[error("opening {path}, mapped by the guest at {start:#x}: {source}; the file must exist on this host at the same path")]
    OpenFile {
        path: String,
        start: u64,
        source: std::io::Error,
    },
    #[error("file {path} mapped at {start:#x} changed since the dump ({what}); restoring it would give the process different code or data. Put the original file back (same size and modification time)")]
    FileChanged {
        path: String,
        start: u64,
        what: String,
    },
    #[error("filling {pages} pages at {addr:#x} from {file}: {source}")]
    Fill {
        addr: u64,
        pages: u64,
        file: String,
        source: std::io::Error,
    },
    #[error("the page run at {addr:#x} ({pages} pages) has checksum {found:#010x}, the image recorded {expected:#010x}: the pages file is damaged")]
    Checksum {
        addr: u64,
        pages: u64,
        expected: u32,
        found: u32,
    },
    #[error("the image has stored pages but no pages file")]
    NoPagesFile,
    #[error("setting the protection of the guest range {start:#x}-{end:#x} ({name}) to {prot:#x}: {source}")]
    Protect {
        start: u64,
        end: u64,
        name: String,
        prot: u32,
        source: std::io::Error,
    },
}

/// One range mapped for the guest.
#[derive(Clone, Debug)]
pub struct GuestRange {
    pub start: u64,
    pub end: u64,
    /// Final PROT_* bits.
    pub prot: u32,
    pub name: String,
}

/// The guest ranges this restorer mapped; unmapped on drop unless [`GuestMemoryMap::keep`] was
/// called (so a failed restore leaves the restorer as it was).
#[derive(Debug, Default)]
pub struct GuestMemoryMap {
    ranges: Vec<GuestRange>,
    kept: bool,
}

impl GuestMemoryMap {
    /// The range holding `addr`.
    pub fn find(&self, addr: u64) -> Option<&GuestRange> {
        self.ranges.iter().find(|r| r.start <= addr && addr < r.end)
    }

    /// The guest owns these mappings from now on: do not unmap them on drop.
    pub fn keep(&mut self) {
        self.kept = true;
    }
}

impl Drop for GuestMemoryMap {
    fn drop(&mut self) {
        if !self.kept {
            for r in &self.ranges {
                host::unmap(r.start, r.end - r.start);
            }
        }
    }
}

/// This restorer's own mappings overlapping `[start, end)`, from /proc/self/maps.
fn own_mappings_over(start: u64, end: u64) -> String {
    let text = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    let hits: Vec<String> = text
        .lines()
        .filter(|l| {
            let Some((a, rest)) = l.split_once('-') else {
                return false;
            };
            let b = rest.split(' ').next().unwrap_or("");
            match (u64::from_str_radix(a, 16), u64::from_str_radix(b, 16)) {
                (Ok(a), Ok(b)) => a < end && start < b,
                _ => false,
            }
        })
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    if hits.is_empty() {
        "(not listed in /proc/self/maps: under qemu-user, a mapping of the emulator itself)".into()
    } else {
        hits.join("; ")
    }
}

fn vma_name(v: &Vma) -> String {
    if v.name.is_empty() {
        "anonymous".into()
    } else {
        v.name.clone()
    }
}

fn check_file(v: &Vma, f: &File) -> Result<(), MapGuestMemoryError> {
    let Some(r) = v.file.as_ref() else {
        return Ok(());
    };
    let meta = f
        .metadata()
        .map_err(|source| MapGuestMemoryError::OpenFile {
            path: r.path.clone(),
            start: v.start,
            source,
        })?;
    let mtime_ns = meta.mtime() * 1_000_000_000 + meta.mtime_nsec();
    let mut what = Vec::new();
    if meta.size() != r.size {
        what.push(format!("size {} → {}", r.size, meta.size()));
    }
    if r.mtime_ns != 0 && mtime_ns != r.mtime_ns {
        what.push(format!("modification time {} → {mtime_ns} ns", r.mtime_ns));
    }
    if what.is_empty() {
        Ok(())
    } else {
        Err(MapGuestMemoryError::FileChanged {
            path: r.path.clone(),
            start: v.start,
            what: what.join(", "),
        })
    }
}

/// Maps one VMA (writable, so that its pages can be filled) and records it in `map`.
fn map_vma(v: &Vma, map: &mut GuestMemoryMap) -> Result<(), MapGuestMemoryError> {
    let kind = v.kind.enum_value_or_default();
    let name = vma_name(v);
    let len = v.end - v.start;
    let rw = libc::PROT_READ | libc::PROT_WRITE;
    let map_err = |source: std::io::Error| {
        if source.raw_os_error() == Some(libc::EEXIST) {
            MapGuestMemoryError::Collision {
                start: v.start,
                end: v.end,
                name: name.clone(),
                own: own_mappings_over(v.start, v.end),
            }
        } else {
            MapGuestMemoryError::Map {
                start: v.start,
                end: v.end,
                name: name.clone(),
                source,
            }
        }
    };
    match kind {
        VmaKind::VMA_FILE_PRIVATE | VmaKind::VMA_FILE_SHARED => {
            let path = v.file.as_ref().map(|f| f.path.clone()).unwrap_or_default();
            let shared = kind == VmaKind::VMA_FILE_SHARED;
            let writable = shared && v.prot & libc::PROT_WRITE as u32 != 0;
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(writable)
                .open(&path)
                .map_err(|source| MapGuestMemoryError::OpenFile {
                    path: path.clone(),
                    start: v.start,
                    source,
                })?;
            check_file(v, &file)?;
            // a shared file mapping holds the file's own contents: mapped with its final
            // protection and never filled
            let (prot, flags) = if shared {
                (v.prot as i32, libc::MAP_SHARED)
            } else {
                (rw, libc::MAP_PRIVATE)
            };
            host::map_fixed(v.start, len, prot, flags, Some(file.as_raw_fd()), v.pgoff)
                .map_err(map_err)?;
        }
        VmaKind::VMA_ANON_SHARED => {
            host::map_fixed(
                v.start,
                len,
                rw,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                None,
                0,
            )
            .map_err(map_err)?;
        }
        _ => {
            host::map_fixed(
                v.start,
                len,
                rw,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                None,
                0,
            )
            .map_err(map_err)?;
        }
    }
    map.ranges.push(GuestRange {
        start: v.start,
        end: v.end,
        prot: v.prot,
        name,
    });
    Ok(())
}

/// The stack VMA's lower neighbour limit: the reserve stops a page above whatever lies below.
fn stack_reserve(vmas: &[Vma], stack: &Vma) -> Option<(u64, u64)> {
    let below = vmas
        .iter()
        .filter(|v| v.end <= stack.start)
        .map(|v| v.end)
        .max()
        .unwrap_or(0);
    let want = STACK_RESERVE.saturating_sub(stack.end - stack.start);
    let lowest = below.saturating_add(1 << 20);
    let start = stack.start.saturating_sub(want).max(lowest);
    (start < stack.start).then_some((start, stack.start))
}

/// Fills the stored and zero page runs.
fn fill_pages(img: &ProcessImage, map: &GuestMemoryMap) -> Result<(), MapGuestMemoryError> {
    let ps = img.page_size;
    for run in &img.runs {
        let len = run.nr_pages * ps;
        // shared file mappings hold the file itself; vvar is never read
        let skip = |addr: u64| {
            img.vmas.iter().any(|v| {
                v.start <= addr
                    && addr < v.end
                    && matches!(
                        v.kind.enum_value_or_default(),
                        VmaKind::VMA_FILE_SHARED | VmaKind::VMA_VVAR | VmaKind::VMA_VSYSCALL
                    )
            })
        };
        if skip(run.vaddr) || map.find(run.vaddr).is_none() {
            continue;
        }
        match run.kind.enum_value_or_default() {
            PageRunKind::PAGE_RUN_STORED => {
                let pages = img
                    .pages
                    .get(run.pages_file as usize)
                    .ok_or(MapGuestMemoryError::NoPagesFile)?;
                let fill_err = |source| MapGuestMemoryError::Fill {
                    addr: run.vaddr,
                    pages: run.nr_pages,
                    file: pages.path().display().to_string(),
                    source,
                };
                let off = pages
                    .page_offset(run.page_index)
                    .map_err(|e| fill_err(std::io::Error::other(e.to_string())))?;
                host::pread_into(pages.file().as_raw_fd(), run.vaddr, len, off)
                    .map_err(fill_err)?;
                let found = crc32fast::hash(host::guest_bytes(run.vaddr, len));
                if found != run.crc32 {
                    return Err(MapGuestMemoryError::Checksum {
                        addr: run.vaddr,
                        pages: run.nr_pages,
                        expected: run.crc32,
                        found,
                    });
                }
            }
            PageRunKind::PAGE_RUN_ZERO => {
                // anonymous memory is zero already; a private file mapping shows the file
                let in_file = img.vmas.iter().any(|v| {
                    v.start <= run.vaddr
                        && run.vaddr < v.end
                        && v.kind.enum_value_or_default() == VmaKind::VMA_FILE_PRIVATE
                });
                if in_file {
                    host::zero_guest(run.vaddr, len);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Maps the guest's whole address space and fills it. On error everything mapped is unmapped.
pub fn map_guest_memory(
    img: &ProcessImage,
    log: &dyn Fn(u8, &str),
) -> Result<GuestMemoryMap, MapGuestMemoryError> {
    let mut map = GuestMemoryMap::default();
    for v in &img.vmas {
        if v.kind.enum_value_or_default() == VmaKind::VMA_VSYSCALL {
            continue;
        }
        map_vma(v, &mut map)?;
        log(
            2,
            &format!(
                "mapped guest {:#x}-{:#x} {} ({:?})",
                v.start,
                v.end,
                vma_name(v),
                v.kind.enum_value_or_default()
            ),
        );
        if v.kind.enum_value_or_default() == VmaKind::VMA_STACK {
            if let Some((s, e)) = stack_reserve(&img.vmas, v) {
                let flags = libc::MAP_PRIVATE | libc::MAP_ANONYMOUS;
                match host::map_fixed(s, e - s, v.prot as i32, flags, None, 0) {
                    Ok(()) => map.ranges.push(GuestRange {
                        start: s,
                        end: e,
                        prot: v.prot,
                        name: "stack reserve".into(),
                    }),
                    Err(err) => log(
                        1,
                        &format!(
                            "no stack reserve below {:#x} ({err}): the guest stack cannot grow",
                            v.start
                        ),
                    ),
                }
            }
        }
    }
    fill_pages(img, &map)?;
    for r in map.ranges.iter() {
        let v_kind_shared = img.vmas.iter().any(|v| {
            v.start == r.start && v.kind.enum_value_or_default() == VmaKind::VMA_FILE_SHARED
        });
        if v_kind_shared {
            continue;
        }
        let prot = if img
            .vmas
            .iter()
            .any(|v| v.start == r.start && v.kind.enum_value_or_default() == VmaKind::VMA_VVAR)
        {
            libc::PROT_NONE as u32
        } else {
            r.prot
        };
        host::protect(r.start, r.end - r.start, prot as i32).map_err(|source| {
            MapGuestMemoryError::Protect {
                start: r.start,
                end: r.end,
                name: r.name.clone(),
                prot,
                source,
            }
        })?;
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use images_format::proto::inventory::Inventory;
    use images_format::proto::process::ProcessCore;

    fn image_with(vmas: Vec<Vma>) -> ProcessImage {
        ProcessImage {
            dir: "/nonexistent".into(),
            inventory: Inventory::new(),
            pid: 1234,
            core: ProcessCore::new(),
            threads: Vec::new(),
            vmas,
            runs: Vec::new(),
            pages: Vec::new(),
            page_size: 4096,
            fds: Vec::new(),
            pipes: Vec::new(),
        }
    }

    fn anon(start: u64, end: u64, name: &str) -> Vma {
        let mut v = Vma::new();
        v.start = start;
        v.end = end;
        v.prot = 3;
        v.kind = VmaKind::VMA_ANON_PRIVATE.into();
        v.name = name.into();
        v
    }

    #[test]
    fn a_guest_range_over_the_restorers_own_code_is_a_collision_naming_both() {
        let own = image_with as fn(Vec<Vma>) -> ProcessImage as usize as u64 & !0xfff;
        let img = image_with(vec![anon(own, own + 4096, "[heap]")]);
        let err = map_guest_memory(&img, &|_, _| {}).expect_err("the range is taken");
        let text = err.to_string();
        match err {
            MapGuestMemoryError::Collision { start, own: o, .. } => {
                assert_eq!(start, own);
                assert!(o.contains("r-x") || o.contains("r--"), "{text}");
            }
            other => panic!("expected a collision, got {other}"),
        }
        assert!(
            text.contains("[heap]") && text.contains(&format!("{own:#x}")),
            "{text}"
        );
    }

    #[test]
    fn a_failure_unmaps_what_was_mapped() {
        // a free range (probe it), then a second VMA over our own code: the first must go
        let probe = {
            let mut m = GuestMemoryMap::default();
            let addr = 0x2000_0000_0000u64;
            host::map_fixed(
                addr,
                8192,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                None,
                0,
            )
            .expect("0x200000000000 is free in a test process");
            m.ranges.push(GuestRange {
                start: addr,
                end: addr + 8192,
                prot: 1,
                name: "probe".into(),
            });
            addr
        }; // dropped: unmapped
        let own = image_with as fn(Vec<Vma>) -> ProcessImage as usize as u64 & !0xfff;
        let img = image_with(vec![
            anon(probe, probe + 8192, "first"),
            anon(own, own + 4096, "second"),
        ]);
        assert!(matches!(
            map_guest_memory(&img, &|_, _| {}),
            Err(MapGuestMemoryError::Collision { .. })
        ));
        // mapping the first range again succeeds only if the failed restore unmapped it
        host::map_fixed(
            probe,
            8192,
            libc::PROT_READ,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            None,
            0,
        )
        .expect("the failed restore left its first mapping behind");
        host::unmap(probe, 8192);
    }
}
