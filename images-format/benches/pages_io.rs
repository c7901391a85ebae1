//! Throughput of the pages file writer and reader (a benchmark: it prints figures, asserts none).
//!
//! `cargo bench -p images-format --bench pages_io [-- DIR [MiB]]`
//! Defaults: DIR = /dev/shm (tmpfs, so the figures are the code's, not the disk's), 1024 MiB.

use std::path::PathBuf;
use std::time::Instant;

use images_format::proto::inventory::Inventory;
use images_format::{ExistingImage, ImageDir};

const PAGE: usize = 4096;

fn gbps(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / secs / 1e9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo bench` passes `--bench`; skip flags.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let base = PathBuf::from(args.first().map(String::as_str).unwrap_or("/dev/shm"));
    let mib: u64 = match args.get(1) {
        Some(s) => s.parse()?,
        None => 1024,
    };
    let total = mib << 20;
    let dir = base.join(format!("hmcr-pages-bench-{}", std::process::id()));

    // A source buffer with non-trivial contents (as process memory would be).
    let src: Vec<u8> = (0..(64usize << 20))
        .map(|i| (i as u8).wrapping_mul(167) ^ (i >> 12) as u8)
        .collect();

    let t = Instant::now();
    let mut h = crc32fast::Hasher::new();
    h.update(&src);
    std::hint::black_box(h.finalize());
    let crc_secs = t.elapsed().as_secs_f64();
    println!(
        "crc32 alone:                 {:6.2} GB/s",
        gbps(src.len() as u64, crc_secs)
    );

    // Baseline: plain write(2) of the same bytes in 1 MiB calls, no framing, no CRC. On a busy
    // machine this is the ceiling the pages writer can reach.
    {
        use std::io::Write;
        std::fs::create_dir_all(&dir)?;
        let path = dir.join("baseline");
        let mut f = std::fs::File::create(&path)?;
        let t = Instant::now();
        let mut written = 0u64;
        while written < total {
            let off = (written as usize) % src.len();
            f.write_all(&src[off..off + (1 << 20)])?;
            written += 1 << 20;
        }
        f.sync_data()?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "plain write(2), 1 MiB calls: {:6.2} GB/s (baseline)",
            gbps(written, secs)
        );
        drop(f);
        std::fs::remove_dir_all(&dir)?;
    }

    println!("writing {mib} MiB of pages into {}", dir.display());
    for chunk in [PAGE, 64 << 10, 1 << 20, 16 << 20] {
        let _ = std::fs::remove_dir_all(&dir);
        let w = ImageDir::create(&dir, ExistingImage::Refuse)?;
        let mut pages = w.pages_writer(1, PAGE as u32)?;
        let t = Instant::now();
        let mut written = 0u64;
        let mut off = 0usize;
        while written < total {
            if off + chunk > src.len() {
                off = 0;
            }
            let run = pages.append_run(0x7f00_0000_0000 + written, &src[off..off + chunk])?;
            std::hint::black_box(run);
            off += chunk;
            written += chunk as u64;
        }
        let n = pages.finish()?; // includes the final header write, fsync (a no-op on tmpfs) and rename
        let secs = t.elapsed().as_secs_f64();
        println!(
            "write, {:>8}-byte appends: {:6.2} GB/s ({n} pages, {secs:.3} s)",
            chunk,
            gbps(written, secs)
        );
        let image = w.finish(Inventory::new())?;

        if chunk == 1 << 20 {
            let reader = image.open_pages(1)?;
            let mut buf = vec![0u8; 1 << 20];
            let t = Instant::now();
            let mut read = 0u64;
            let mut index = 0u64;
            while index < reader.page_count() {
                reader.read_pages(index, &mut buf)?;
                std::hint::black_box(crc32fast::hash(&buf));
                index += (buf.len() / PAGE) as u64;
                read += buf.len() as u64;
            }
            let secs = t.elapsed().as_secs_f64();
            println!(
                "read+crc, 1 MiB preads:      {:6.2} GB/s ({secs:.3} s)",
                gbps(read, secs)
            );
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
