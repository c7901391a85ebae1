//! Reader of a pages file: verifies the header page and the file size, then serves pages by
//! position (pread) or exposes the file and offsets for mmap, and verifies run CRCs.

use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use crate::error::ReadImageError;
use crate::framing::{self, HEADER_LEN, PAGES_HEADER_MIN};
use crate::proto::pagemap::{PageRun, PageRunKind};
use crate::version::FormatVersion;

/// Chunk size for verifying runs without holding them in memory.
const VERIFY_CHUNK: usize = 1 << 20;

/// An open, verified pages file.
#[derive(Debug)]
pub struct PagesReader {
    file: File,
    path: PathBuf,
    version: FormatVersion,
    page_size: u32,
    page_count: u64,
    header_len: u64,
}

impl PagesReader {
    /// Opens `path` and verifies magic, header CRCs, version, kind, page size, and that the file
    /// is exactly one header page plus `page_count` pages long.
    pub fn open(path: &Path) -> Result<Self, ReadImageError> {
        let file = crate::regular_file::open_regular(path)?;
        let io_err = |offset, source| ReadImageError::Io {
            path: path.to_path_buf(),
            offset,
            source,
        };
        let len = file.metadata().map_err(|e| io_err(0, e))?.len();
        let truncated = || ReadImageError::Truncated {
            path: path.to_path_buf(),
            offset: 0,
            what: "the pages header page".to_string(),
            len,
        };
        // The common header first, so that a record file opened here says what it is.
        if len < HEADER_LEN as u64 {
            return Err(truncated());
        }
        let mut common = [0u8; HEADER_LEN];
        (&file).read_exact(&mut common).map_err(|e| io_err(0, e))?;
        let header = framing::decode_header(&common, path)?;
        if header.kind != crate::kinds::FileKind::Pages {
            return Err(ReadImageError::KindMismatch {
                path: path.to_path_buf(),
                expected: crate::kinds::FileKind::Pages,
                found: header.kind,
            });
        }
        if len < PAGES_HEADER_MIN as u64 {
            return Err(truncated());
        }
        let mut page = vec![0u8; PAGES_HEADER_MIN];
        file.read_exact_at(&mut page, 0).map_err(|e| io_err(0, e))?;
        let header_len = framing::pages_header_len(framing::pages_header_page_size(&page));
        if header_len > PAGES_HEADER_MIN {
            if len < header_len as u64 {
                return Err(truncated());
            }
            page.resize(header_len, 0);
            file.read_exact_at(&mut page[PAGES_HEADER_MIN..], PAGES_HEADER_MIN as u64)
                .map_err(|e| io_err(PAGES_HEADER_MIN as u64, e))?;
        }
        let h = framing::decode_pages_header(&page, path)?;
        let expected = h
            .page_count
            .checked_mul(u64::from(h.page_size))
            .and_then(|data| data.checked_add(h.header_len));
        if expected != Some(len) {
            return Err(ReadImageError::PagesSize {
                path: path.to_path_buf(),
                len,
                expected: expected.unwrap_or(u64::MAX),
                page_count: h.page_count,
                page_size: h.page_size,
                header_len: h.header_len,
            });
        }
        Ok(PagesReader {
            file,
            path: path.to_path_buf(),
            version: h.version,
            page_size: h.page_size,
            page_count: h.page_count,
            header_len: h.header_len,
        })
    }

    /// The file, e.g. to mmap pages straight from it (offsets from [`PagesReader::page_offset`]).
    pub fn file(&self) -> &File {
        &self.file
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Format version in the file header.
    pub fn version(&self) -> FormatVersion {
        self.version
    }

    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Number of pages stored.
    pub fn page_count(&self) -> u64 {
        self.page_count
    }

    fn check_range(&self, first: u64, count: u64) -> Result<(), ReadImageError> {
        match first.checked_add(count) {
            Some(end) if end <= self.page_count => Ok(()),
            _ => Err(ReadImageError::PagesOutOfRange {
                path: self.path.clone(),
                first,
                count,
                total: self.page_count,
            }),
        }
    }

    /// File offset of page `page_index` (a multiple of the page size, for mmap). `page_index`
    /// may equal the page count (the end of the file), not more.
    pub fn page_offset(&self, page_index: u64) -> Result<u64, ReadImageError> {
        self.check_range(page_index, 0)?;
        Ok(self.header_len + page_index * u64::from(self.page_size))
    }

    /// Reads pages starting at `page_index` into `buf` (a whole number of pages).
    pub fn read_pages(&self, page_index: u64, buf: &mut [u8]) -> Result<(), ReadImageError> {
        if !buf.len().is_multiple_of(self.page_size as usize) {
            return Err(ReadImageError::BufferSize {
                path: self.path.clone(),
                len: buf.len(),
                page_size: self.page_size,
            });
        }
        let count = (buf.len() / self.page_size as usize) as u64;
        self.check_range(page_index, count)?;
        let offset = self.page_offset(page_index)?;
        self.file
            .read_exact_at(buf, offset)
            .map_err(|source| self.read_error(offset, source))
    }

    fn read_error(&self, offset: u64, source: io::Error) -> ReadImageError {
        if source.kind() == io::ErrorKind::UnexpectedEof {
            // The file shrank after it was opened.
            ReadImageError::Truncated {
                path: self.path.clone(),
                offset,
                what: "page data".to_string(),
                len: self.file.metadata().map(|m| m.len()).unwrap_or(0),
            }
        } else {
            ReadImageError::Io {
                path: self.path.clone(),
                offset,
                source,
            }
        }
    }

    fn stored_range(&self, run: &PageRun) -> Result<(), ReadImageError> {
        if run.kind.enum_value() != Ok(PageRunKind::PAGE_RUN_STORED) {
            return Err(ReadImageError::RunNotStored {
                path: self.path.clone(),
                vaddr: run.vaddr,
                nr_pages: run.nr_pages,
                page_index: run.page_index,
            });
        }
        self.check_range(run.page_index, run.nr_pages)
    }

    fn check_crc(&self, run: &PageRun, computed: u32) -> Result<(), ReadImageError> {
        if computed == run.crc32 {
            return Ok(());
        }
        Err(ReadImageError::PageRunChecksum {
            path: self.path.clone(),
            vaddr: run.vaddr,
            nr_pages: run.nr_pages,
            page_index: run.page_index,
            offset: self.header_len + run.page_index * u64::from(self.page_size),
            stored: run.crc32,
            computed,
        })
    }

    /// Verifies the CRC-32 of a STORED run, reading it in bounded chunks.
    pub fn verify_run(&self, run: &PageRun) -> Result<(), ReadImageError> {
        self.stored_range(run)?;
        let mut offset = self.page_offset(run.page_index)?;
        let end = offset + run.nr_pages * u64::from(self.page_size);
        let mut buf = vec![0u8; VERIFY_CHUNK.min((end - offset) as usize)];
        let mut hasher = crc32fast::Hasher::new();
        while offset < end {
            let n = buf.len().min((end - offset) as usize);
            self.file
                .read_exact_at(&mut buf[..n], offset)
                .map_err(|source| self.read_error(offset, source))?;
            hasher.update(&buf[..n]);
            offset += n as u64;
        }
        self.check_crc(run, hasher.finalize())
    }

    /// Reads a STORED run into `buf` (exactly `nr_pages * page_size` bytes) and verifies its
    /// CRC-32.
    pub fn read_run(&self, run: &PageRun, buf: &mut [u8]) -> Result<(), ReadImageError> {
        self.stored_range(run)?;
        let want = run.nr_pages.checked_mul(u64::from(self.page_size));
        if want != Some(buf.len() as u64) {
            return Err(ReadImageError::BufferSize {
                path: self.path.clone(),
                len: buf.len(),
                page_size: self.page_size,
            });
        }
        self.read_pages(run.page_index, buf)?;
        self.check_crc(run, crc32fast::hash(buf))
    }
}
