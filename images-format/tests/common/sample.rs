//! Test-only generator of sample images: the source of the golden images (written once with
//! `HMCR_BLESS=1`) and of fresh images for the bad-input and property tests.
//!
//! Every value here is fixed (no clock, no host data), so the same code always writes the same
//! bytes.

use images_format::proto::common::{Arch, FileRef};
use images_format::proto::core::{
    RobustList, Rseq, SigAltStack, ThreadCore, X86FpState, X86Regs, X86Thread,
};
use images_format::proto::files::{FdEntry, FdKind, GhostFile, PipeData};
use images_format::proto::inventory::{CpuInfo, CpuidLeaf, Inventory, VdsoLayout, VdsoSymbol};
use images_format::proto::mm::{Vma, VmaKind};
use images_format::proto::pagemap::{PageRun, PageRunKind};
use images_format::proto::process::{
    AuxvEntry, Creds, FsState, MmLayout, ProcessCore, Rlimit, SigAction,
};
use images_format::proto::pstree::{ProcessEntry, ProcessState};
use images_format::proto::stats::DumpStats;
use images_format::{ExistingImage, ImageDir};
use protobuf::MessageField;

use std::path::Path;

/// Contents of a stored page run, before it is written.
pub struct StoredRun {
    pub vaddr: u64,
    pub data: Vec<u8>,
}

/// One entry of a process's pagemap, in address order.
pub enum RunSpec {
    Stored(StoredRun),
    Zero { vaddr: u64, nr_pages: u64 },
}

pub struct SampleProcess {
    pub pid: u32,
    pub process: ProcessCore,
    pub cores: Vec<ThreadCore>,
    pub vmas: Vec<Vma>,
    pub runs: Vec<RunSpec>,
    pub fds: Vec<FdEntry>,
}

/// Everything one sample image holds.
pub struct Sample {
    /// The inventory as the dumper passes it to `finish` (files and version not filled in).
    pub inventory: Inventory,
    pub pstree: Vec<ProcessEntry>,
    pub processes: Vec<SampleProcess>,
    pub pipes: Option<Vec<PipeData>>,
    pub ghosts: Vec<GhostFile>,
    pub stats: Option<DumpStats>,
    /// Pages files per process (1 in format 1.x; from 2.0 on the dump writes one per worker).
    /// Stored runs go to them in turn: stored run k of a process to file k % pages_files.
    pub pages_files: u32,
}

impl Sample {
    pub fn page_size(&self) -> u32 {
        self.inventory.page_size
    }

    /// The pagemap runs this sample's process gets when written (pages_file, page_index and
    /// crc32 follow from the order of stored runs; computed here independently of the writer).
    pub fn expected_runs(&self, proc_index: usize) -> Vec<PageRun> {
        let ps = u64::from(self.page_size());
        let mut next_index = vec![0; self.pages_files as usize];
        let mut stored = 0u32;
        let mut out = Vec::new();
        for spec in &self.processes[proc_index].runs {
            let mut run = PageRun::new();
            match spec {
                RunSpec::Stored(s) => {
                    let file = stored % self.pages_files;
                    stored += 1;
                    run.vaddr = s.vaddr;
                    run.nr_pages = s.data.len() as u64 / ps;
                    run.kind = PageRunKind::PAGE_RUN_STORED.into();
                    run.pages_file = file;
                    run.page_index = next_index[file as usize];
                    run.crc32 = crc32fast::hash(&s.data);
                    next_index[file as usize] += run.nr_pages;
                }
                RunSpec::Zero { vaddr, nr_pages } => {
                    run.vaddr = *vaddr;
                    run.nr_pages = *nr_pages;
                    run.kind = PageRunKind::PAGE_RUN_ZERO.into();
                }
            }
            out.push(run);
        }
        out
    }

    /// Pages in pages file `file` of a process.
    pub fn stored_pages(&self, proc_index: usize, file: u32) -> u64 {
        self.expected_runs(proc_index)
            .iter()
            .filter(|r| r.kind.enum_value_or_default() == PageRunKind::PAGE_RUN_STORED)
            .filter(|r| r.pages_file == file)
            .map(|r| r.nr_pages)
            .sum()
    }

    /// Writes the sample as an image directory at `dir`, through the public writer API.
    pub fn write(&self, dir: &Path, existing: ExistingImage) -> ImageDir {
        let w = ImageDir::create(dir, existing).unwrap();
        w.write_pstree(&self.pstree).unwrap();
        for p in &self.processes {
            w.write_process(&p.process).unwrap();
            for core in &p.cores {
                w.write_core(core).unwrap();
            }
            w.write_mm(p.pid, &p.vmas).unwrap();
            let mut pages: Vec<_> = (0..self.pages_files)
                .map(|part| w.pages_part_writer(p.pid, part, self.page_size()).unwrap())
                .collect();
            let mut runs = Vec::new();
            let mut stored = 0u32;
            for spec in &p.runs {
                match spec {
                    RunSpec::Stored(s) => {
                        let file = stored % self.pages_files;
                        stored += 1;
                        let mut run = pages[file as usize].append_run(s.vaddr, &s.data).unwrap();
                        run.pages_file = file;
                        runs.push(run);
                    }
                    RunSpec::Zero { vaddr, nr_pages } => {
                        let mut run = PageRun::new();
                        run.vaddr = *vaddr;
                        run.nr_pages = *nr_pages;
                        run.kind = PageRunKind::PAGE_RUN_ZERO.into();
                        runs.push(run);
                    }
                }
            }
            let totals: Vec<u64> = pages.into_iter().map(|f| f.finish().unwrap()).collect();
            let header = images_format::pagemap_header(p.pid, &totals);
            w.write_pagemap(&header, &runs).unwrap();
            w.write_fdinfo(p.pid, &p.fds).unwrap();
        }
        if let Some(pipes) = &self.pipes {
            w.write_pipes_data(pipes).unwrap();
        }
        for g in &self.ghosts {
            w.write_ghost(g).unwrap();
        }
        if let Some(stats) = &self.stats {
            w.write_dump_stats(stats).unwrap();
        }
        w.finish(self.inventory.clone()).unwrap()
    }
}

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed) ^ (i >> 8) as u8)
        .collect()
}

fn file_ref(path: &str, ino: u64, size: u64) -> FileRef {
    let mut f = FileRef::new();
    f.path = path.to_string();
    f.dev = 0x803;
    f.ino = ino;
    f.size = size;
    f.mtime_ns = 1_700_000_000_123_456_789;
    f.mode = 0o100755;
    f
}

fn x86_cpu() -> CpuInfo {
    let mut cpu = CpuInfo::new();
    cpu.vendor = "GenuineIntel".into();
    cpu.model_name = "Sample CPU @ 3.00GHz".into();
    cpu.family = 6;
    cpu.model = 0x8f;
    cpu.stepping = 8;
    for (leaf, subleaf, eax, ebx, ecx, edx) in [
        (
            0u32,
            0u32,
            0x20u32,
            0x756e_6547u32,
            0x6c65_746eu32,
            0x4965_6e69u32,
        ),
        (1, 0, 0x806f8, 0x0010_0800, 0x7ffe_fbff, 0xbfeb_fbff),
        (7, 0, 2, 0xf3bf_b7ef, 0x1b41_5f6e, 0xffdc_4432),
        (0xd, 0, 0x602e7, 0x2b00, 0x2b00, 0),
        (0xd, 1, 0x1f, 0x2a00, 0x1800, 0),
        (0x8000_0001, 0, 0, 0, 0x121, 0x2c10_0800),
    ] {
        let mut l = CpuidLeaf::new();
        l.leaf = leaf;
        l.subleaf = subleaf;
        l.eax = eax;
        l.ebx = ebx;
        l.ecx = ecx;
        l.edx = edx;
        cpu.cpuid.push(l);
    }
    cpu.xcr0 = 0x602e7;
    cpu.xsave_size = 0x2b00;
    for (index, offset, size) in [
        (2u32, 576u32, 256u32),
        (5, 1088, 64),
        (6, 1152, 512),
        (7, 1664, 1024),
        (9, 2688, 8),
    ] {
        let mut c = images_format::proto::inventory::XsaveComponent::new();
        c.index = index;
        c.offset = offset;
        c.size = size;
        cpu.xsave_components.push(c);
    }
    cpu.features = vec![
        "sse4_2".into(),
        "avx2".into(),
        "avx512f".into(),
        "xsavec".into(),
    ];
    cpu.tsc_khz = 3_000_000;
    cpu
}

fn inventory(arch: Arch, page_size: u32, root_pid: u32, cpu: CpuInfo) -> Inventory {
    let mut inv = Inventory::new();
    inv.tool_version = "0.1.0".into();
    inv.source_arch = arch.into();
    inv.page_size = page_size;
    inv.kernel_release = "6.18.0-sample".into();
    inv.root_pid = root_pid;
    inv.cpu = MessageField::some(cpu);
    let mut vdso = VdsoLayout::new();
    vdso.vdso_size = 0x2000;
    vdso.vvar_size = 0x4000;
    for (name, offset) in [
        ("__vdso_clock_gettime", 0xc30u64),
        ("__vdso_gettimeofday", 0xc10),
        ("__vdso_getcpu", 0xc50),
    ] {
        let mut s = VdsoSymbol::new();
        s.name = name.into();
        s.offset = offset;
        vdso.symbols.push(s);
    }
    inv.vdso = MessageField::some(vdso);
    inv.dump_time_unix_ns = 1_763_780_000_000_000_000;
    inv.hostname = "sample-host".into();
    inv
}

fn pstree_entry(
    pid: u32,
    ppid: u32,
    threads: &[u32],
    state: ProcessState,
    comm: &str,
) -> ProcessEntry {
    let mut e = ProcessEntry::new();
    e.pid = pid;
    e.ppid = ppid;
    e.pgid = 100;
    e.sid = 90;
    e.threads = threads.to_vec();
    e.state = state.into();
    e.comm = comm.into();
    e
}

fn x86_core(tid: u32, rip: u64, with_rseq: bool) -> ThreadCore {
    let mut regs = X86Regs::new();
    regs.rip = rip;
    regs.rsp = 0x7ffd_0000_1000 - u64::from(tid) * 0x100;
    regs.rax = u64::MAX - 37; // -ERESTARTSYS style value
    regs.orig_rax = 202;
    regs.rdi = 0x5555_5555_a000;
    regs.cs = 0x33;
    regs.ss = 0x2b;
    regs.eflags = 0x246;
    regs.fs_base = 0x7f00_0000_7740 + u64::from(tid);
    let mut fpu = X86FpState::new();
    fpu.fcw = 0x37f;
    fpu.mxcsr = 0x1f80;
    fpu.mxcsr_mask = 0xffff;
    fpu.st_space = pattern(128, 1);
    fpu.xmm_space = pattern(256, tid as u8);
    fpu.ymmh_space = pattern(256, 3);
    fpu.pkru = Some(0x5555_5554);
    fpu.xstate_bv = 0x2e7;
    let mut x86 = X86Thread::new();
    x86.gprs = MessageField::some(regs);
    x86.fpu = MessageField::some(fpu);
    x86.xsave = pattern(1088, 9);
    let mut core = ThreadCore::new();
    core.tid = tid;
    core.arch = Arch::ARCH_X86_64.into();
    core.x86 = MessageField::some(x86);
    core.sigmask = 1 << (10 - 1);
    let mut ss = SigAltStack::new();
    ss.sp = 0x7f00_1000_0000;
    ss.flags = 2; // SS_DISABLE
    core.sigaltstack = MessageField::some(ss);
    core.clear_child_tid = 0x7f00_0000_7a10;
    let mut rl = RobustList::new();
    rl.head = 0x7f00_0000_7a20;
    rl.len = 24;
    core.robust_list = MessageField::some(rl);
    if with_rseq {
        let mut r = Rseq::new();
        r.addr = 0x7f00_0000_7e00;
        r.len = 32;
        r.sig = 0x5305_3053;
        core.rseq = MessageField::some(r);
    }
    core.comm = format!("worker-{tid}");
    core.interrupted_syscall = Some(202);
    core
}

fn process_core(pid: u32, comm: &str) -> ProcessCore {
    let mut p = ProcessCore::new();
    p.pid = pid;
    for (key, value) in [
        (6u64, 4096u64),
        (25, 0x7ffd_0000_2000),
        (33, 0x7fff_f7fc_1000),
    ] {
        let mut a = AuxvEntry::new();
        a.key = key;
        a.value = value;
        p.auxv.push(a);
    }
    for (resource, cur, max) in [(3u32, 8u64 << 20, u64::MAX), (7, 1024, 524_288)] {
        let mut r = Rlimit::new();
        r.resource = resource;
        r.cur = cur;
        r.max = max;
        p.rlimits.push(r);
    }
    let mut creds = Creds::new();
    creds.uid = 1000;
    creds.euid = 1000;
    creds.suid = 1000;
    creds.fsuid = 1000;
    creds.gid = 1000;
    creds.egid = 1000;
    creds.sgid = 1000;
    creds.fsgid = 1000;
    creds.groups = vec![24, 27, 1000];
    creds.cap_bnd = 0x1ff_ffff_ffff;
    p.creds = MessageField::some(creds);
    let mut fs = FsState::new();
    fs.cwd = "/home/sample".into();
    fs.root = "/".into();
    fs.umask = 0o022;
    p.fs = MessageField::some(fs);
    for signo in [2u32, 15, 17] {
        let mut sa = SigAction::new();
        sa.signo = signo;
        sa.handler = if signo == 17 {
            1
        } else {
            0x5555_5555_1230 + u64::from(signo)
        };
        sa.flags = 0x0400_0000; // SA_RESTORER
        sa.restorer = 0x7fff_f7e4_2520;
        p.sigactions.push(sa);
    }
    let mut mm = MmLayout::new();
    mm.start_code = 0x5555_5555_4000;
    mm.end_code = 0x5555_5555_6000;
    mm.start_brk = 0x5555_5555_9000;
    mm.brk = 0x5555_5557_a000;
    mm.start_stack = 0x7ffd_0000_1ff0;
    mm.exe_path = "/usr/bin/sample".into();
    p.mm = MessageField::some(mm);
    p.exit_signal = 17;
    p.dumpable = true;
    p.comm = comm.into();
    p
}

fn vma(start: u64, end: u64, prot: u32, flags: u32, kind: VmaKind, name: &str) -> Vma {
    let mut v = Vma::new();
    v.start = start;
    v.end = end;
    v.prot = prot;
    v.flags = flags;
    v.kind = kind.into();
    v.name = name.into();
    v
}

fn fd(fd: i32, kind: FdKind, path: &str, flags: u32) -> FdEntry {
    let mut e = FdEntry::new();
    e.fd = fd;
    e.kind = kind.into();
    e.path = path.into();
    e.flags = flags;
    e
}

/// The main golden image: a three-process x86_64 tree (a zombie included) with threads, pages
/// (stored and zero runs), pipes with buffered data, a deleted-but-open file and dump stats.
pub fn basic() -> Sample {
    let ps = 4096usize;
    let mut code = vma(
        0x5555_5555_4000,
        0x5555_5555_6000,
        5,
        2,
        VmaKind::VMA_FILE_PRIVATE,
        "/usr/bin/sample",
    );
    code.file = MessageField::some(file_ref("/usr/bin/sample", 1234, 0x4000));
    code.pgoff = 0x1000;
    code.vm_flag_names = vec![
        "rd".into(),
        "ex".into(),
        "mr".into(),
        "mw".into(),
        "me".into(),
    ];
    let mut ghost_map = vma(
        0x7f00_2000_0000,
        0x7f00_2000_1000,
        1,
        2,
        VmaKind::VMA_FILE_PRIVATE,
        "/tmp/scratch (deleted)",
    );
    let mut ghost_ref = file_ref("/tmp/scratch", 777, 10);
    ghost_ref.deleted = true;
    ghost_ref.ghost_id = Some(1);
    ghost_ref.mode = 0o100600;
    ghost_map.file = MessageField::some(ghost_ref.clone());
    let vmas_100 = vec![
        code,
        vma(
            0x5555_5555_9000,
            0x5555_5557_a000,
            3,
            0x22,
            VmaKind::VMA_HEAP,
            "[heap]",
        ),
        ghost_map,
        vma(
            0x7ffd_0000_0000,
            0x7ffd_0000_2000,
            3,
            0x122,
            VmaKind::VMA_STACK,
            "[stack]",
        ),
        vma(
            0x7fff_f7fc_1000,
            0x7fff_f7fc_3000,
            5,
            2,
            VmaKind::VMA_VDSO,
            "[vdso]",
        ),
        vma(
            0xffff_ffff_ff60_0000,
            0xffff_ffff_ff60_1000,
            4,
            2,
            VmaKind::VMA_VSYSCALL,
            "[vsyscall]",
        ),
    ];
    let runs_100 = vec![
        RunSpec::Stored(StoredRun {
            vaddr: 0x5555_5555_9000,
            data: pattern(2 * ps, 0x11),
        }),
        RunSpec::Zero {
            vaddr: 0x5555_5555_b000,
            nr_pages: 3,
        },
        RunSpec::Stored(StoredRun {
            vaddr: 0x7f00_2000_0000,
            data: pattern(ps, 0x22),
        }),
        RunSpec::Stored(StoredRun {
            vaddr: 0x7ffd_0000_1000,
            data: pattern(ps, 0x33),
        }),
    ];
    let mut fds_100 = vec![
        fd(0, FdKind::FD_TTY, "/dev/pts/3", 2),
        fd(1, FdKind::FD_CHR, "/dev/null", 1),
        fd(2, FdKind::FD_CHR, "/dev/null", 1),
        fd(3, FdKind::FD_PIPE, "pipe:[5550]", 0),
        fd(4, FdKind::FD_PIPE, "pipe:[5550]", 0o4001),
        fd(5, FdKind::FD_REG, "/tmp/scratch (deleted)", 0o2),
    ];
    fds_100[1].rdev = Some(0x103);
    fds_100[2].rdev = Some(0x103);
    fds_100[3].pipe_id = Some(5550);
    fds_100[4].pipe_id = Some(5550);
    fds_100[4].cloexec = true;
    fds_100[5].pos = 7;
    fds_100[5].file = MessageField::some(ghost_ref);

    let child_vmas = vec![vma(
        0x7ffd_1000_0000,
        0x7ffd_1000_4000,
        3,
        0x122,
        VmaKind::VMA_STACK,
        "[stack]",
    )];
    let child_runs = vec![RunSpec::Zero {
        vaddr: 0x7ffd_1000_0000,
        nr_pages: 4,
    }];

    let mut pipe = PipeData::new();
    pipe.pipe_id = 5550;
    pipe.data = b"buffered bytes still in the pipe\n".to_vec();
    pipe.pipe_size = 65536;
    let mut ghost = GhostFile::new();
    ghost.id = 1;
    ghost.mode = 0o100600;
    ghost.contents = b"scratch!!\n".to_vec();
    let mut stats = DumpStats::new();
    stats.freezing_time_us = 120;
    stats.frozen_time_us = 3400;
    stats.memdump_time_us = 800;
    stats.memwrite_time_us = 300;
    stats.pages_scanned = 13;
    stats.pages_written = 4;
    stats.pages_zero = 7;
    stats.total_time_us = 4100;

    let mut zombie = pstree_entry(103, 100, &[103], ProcessState::PROCESS_ZOMBIE, "defunct");
    zombie.exit_code = Some(0x100);
    Sample {
        inventory: inventory(Arch::ARCH_X86_64, ps as u32, 100, x86_cpu()),
        pstree: vec![
            pstree_entry(100, 0, &[100, 101], ProcessState::PROCESS_ALIVE, "sample"),
            pstree_entry(102, 100, &[102], ProcessState::PROCESS_ALIVE, "child"),
            zombie,
        ],
        processes: vec![
            SampleProcess {
                pid: 100,
                process: process_core(100, "sample"),
                cores: vec![
                    x86_core(100, 0x5555_5555_4a10, true),
                    x86_core(101, 0x7fff_f7e9_1234, false),
                ],
                vmas: vmas_100,
                runs: runs_100,
                fds: fds_100,
            },
            SampleProcess {
                pid: 102,
                process: process_core(102, "child"),
                cores: vec![x86_core(102, 0x5555_5555_4b20, false)],
                vmas: child_vmas,
                runs: child_runs,
                fds: Vec::new(),
            },
        ],
        pipes: Some(vec![pipe]),
        ghosts: vec![ghost],
        stats: Some(stats),
        pages_files: 1,
    }
}

/// A one-process image with 16 KiB pages (header page as large as a page), no pipes, no ghost
/// files and no stats: the optional files are absent.
pub fn single_16k() -> Sample {
    let ps = 16384usize;
    let mut cpu = CpuInfo::new();
    cpu.vendor = "0x41".into();
    cpu.model_name = "Sample aarch64".into();
    let mut core = ThreadCore::new();
    core.tid = 7;
    core.arch = Arch::ARCH_AARCH64.into();
    core.sigmask = 0;
    core.comm = "tiny".into();
    Sample {
        inventory: inventory(Arch::ARCH_AARCH64, ps as u32, 7, cpu),
        pstree: vec![pstree_entry(
            7,
            0,
            &[7],
            ProcessState::PROCESS_STOPPED,
            "tiny",
        )],
        processes: vec![SampleProcess {
            pid: 7,
            process: process_core(7, "tiny"),
            cores: vec![core],
            vmas: vec![vma(
                0x4000_0000,
                0x4000_8000,
                3,
                0x22,
                VmaKind::VMA_ANON_PRIVATE,
                "",
            )],
            runs: vec![
                RunSpec::Stored(StoredRun {
                    vaddr: 0x4000_0000,
                    data: pattern(ps, 0x44),
                }),
                RunSpec::Zero {
                    vaddr: 0x4000_4000,
                    nr_pages: 1,
                },
            ],
            fds: vec![fd(0, FdKind::FD_CHR, "/dev/null", 0)],
        }],
        pipes: None,
        ghosts: Vec::new(),
        stats: None,
        pages_files: 1,
    }
}

/// The basic sample as format 2.0 writes it: its stored runs spread over two pages files.
pub fn basic_two_pages_files() -> Sample {
    Sample {
        pages_files: 2,
        ..basic()
    }
}

/// Builds a sample.
pub type MakeSample = fn() -> Sample;

/// The golden images: directory name under tests/golden/ and the sample it holds.
pub fn goldens() -> Vec<(&'static str, MakeSample)> {
    vec![
        ("v1.0-basic", basic),
        ("v1.0-single-16k", single_16k),
        ("v2.0-basic", basic_two_pages_files),
    ]
}
