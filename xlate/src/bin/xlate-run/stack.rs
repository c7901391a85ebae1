//! Builds the initial x86_64 process stack: argc, argv, envp, auxv and the strings they point to.

use crate::elf::{Image, PHENT};

/// Size of the guest stack mapping.
const STACK_SIZE: usize = 8 << 20;

const AT_NULL: u64 = 0;
const AT_PHDR: u64 = 3;
const AT_PHENT: u64 = 4;
const AT_PHNUM: u64 = 5;
const AT_PAGESZ: u64 = 6;
const AT_BASE: u64 = 7;
const AT_FLAGS: u64 = 8;
const AT_ENTRY: u64 = 9;
const AT_UID: u64 = 11;
const AT_EUID: u64 = 12;
const AT_GID: u64 = 13;
const AT_EGID: u64 = 14;
const AT_PLATFORM: u64 = 15;
const AT_HWCAP: u64 = 16;
const AT_CLKTCK: u64 = 17;
const AT_SECURE: u64 = 23;
const AT_RANDOM: u64 = 25;
const AT_HWCAP2: u64 = 26;
const AT_EXECFN: u64 = 31;

/// The stack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BuildStackError {
    #[error("mapping the {STACK_SIZE}-byte guest stack: {0}")]
    Map(std::io::Error),
    #[error("argv and environment ({0} bytes) do not fit the guest stack")]
    TooBig(usize),
    #[error("reading random bytes for AT_RANDOM: {0}")]
    Random(std::io::Error),
}

/// Lays out the stack; returns the initial RSP (pointing at argc).
pub fn build(
    image: &Image,
    argv: &[String],
    env: &[String],
    execfn: &str,
) -> Result<u64, BuildStackError> {
    // SAFETY: a fresh anonymous mapping at an address of the kernel's choosing; checked below.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            STACK_SIZE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return Err(BuildStackError::Map(std::io::Error::last_os_error()));
    }
    let base = base as u64;
    let top = base + STACK_SIZE as u64;

    // Strings and AT_RANDOM bytes go at the top; their guest addresses are computed first.
    let mut blob: Vec<u8> = Vec::new();
    let mut add = |bytes: &[u8]| -> u64 {
        let off = blob.len() as u64;
        blob.extend_from_slice(bytes);
        blob.push(0);
        off
    };
    let argv_off: Vec<u64> = argv.iter().map(|a| add(a.as_bytes())).collect();
    let env_off: Vec<u64> = env.iter().map(|e| add(e.as_bytes())).collect();
    let platform_off = add(b"x86_64");
    let execfn_off = add(execfn.as_bytes());
    let mut random = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut random))
        .map_err(BuildStackError::Random)?;
    let random_off = blob.len() as u64;
    blob.extend_from_slice(&random);
    let blob_start = (top - 16 - blob.len() as u64) & !15;
    let at = |off: u64| blob_start + off;

    // SAFETY: getuid and friends cannot fail.
    let (uid, euid, gid, egid) = unsafe {
        (
            libc::getuid(),
            libc::geteuid(),
            libc::getgid(),
            libc::getegid(),
        )
    };
    let hwcap = u64::from(xlate::cpuid::cpuid(1, 0).edx);
    let auxv: [(u64, u64); 19] = [
        (AT_PHDR, image.phdr),
        (AT_PHENT, PHENT),
        (AT_PHNUM, image.phnum),
        (AT_PAGESZ, 4096),
        (AT_BASE, 0),
        (AT_FLAGS, 0),
        (AT_ENTRY, image.entry),
        (AT_UID, u64::from(uid)),
        (AT_EUID, u64::from(euid)),
        (AT_GID, u64::from(gid)),
        (AT_EGID, u64::from(egid)),
        (AT_SECURE, 0),
        (AT_RANDOM, at(random_off)),
        (AT_HWCAP, hwcap),
        (AT_HWCAP2, 0),
        (AT_PLATFORM, at(platform_off)),
        (AT_CLKTCK, 100),
        (AT_EXECFN, at(execfn_off)),
        (AT_NULL, 0),
    ];
    let mut words: Vec<u64> = Vec::new();
    words.push(argv.len() as u64);
    words.extend(argv_off.iter().map(|o| at(*o)));
    words.push(0);
    words.extend(env_off.iter().map(|o| at(*o)));
    words.push(0);
    for (k, v) in auxv {
        words.push(k);
        words.push(v);
    }
    let words_len = words.len() as u64 * 8;
    // RSP must be 16-byte aligned at the entry point (pointing at argc).
    let rsp = (blob_start - words_len) & !15;
    let needed = (top - rsp) as usize;
    if needed > STACK_SIZE / 2 {
        return Err(BuildStackError::TooBig(needed));
    }
    let mut image_bytes = Vec::with_capacity(words.len() * 8);
    for w in &words {
        image_bytes.extend_from_slice(&w.to_le_bytes());
    }
    // SAFETY: both ranges lie inside the stack mapping made above ([rsp, top) ⊂ [base, top)).
    unsafe {
        std::ptr::copy_nonoverlapping(image_bytes.as_ptr(), rsp as *mut u8, image_bytes.len());
        std::ptr::copy_nonoverlapping(blob.as_ptr(), blob_start as *mut u8, blob.len());
    }
    Ok(rsp)
}
