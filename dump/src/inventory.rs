//! The inventory of a dump: format and tool versions, source host (architecture, page size,
//! kernel, hostname), CPU description and the vDSO layout of the source host.

use std::time::{SystemTime, UNIX_EPOCH};

use images_format::proto::common::Arch;
use images_format::proto::inventory::{
    CpuInfo, CpuidLeaf, Inventory, VdsoLayout, VdsoSymbol, XsaveComponent,
};
use linux_sys::cpu::CpuDescription;
use linux_sys::pid::Pid;
use linux_sys::process_vm::{self, RemoteRange};
use protobuf::MessageField;

use crate::proc_maps;

fn uname_field(path: &str) -> String {
    std::fs::read_to_string(path)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The CPU description as the image records it.
pub fn cpu_info(cpu: &CpuDescription) -> CpuInfo {
    let mut c = CpuInfo::new();
    c.vendor = cpu.vendor.clone();
    c.model_name = cpu.model_name.clone();
    c.family = cpu.family;
    c.model = cpu.model;
    c.stepping = cpu.stepping;
    c.cpuid = cpu
        .cpuid
        .iter()
        .map(|w| {
            let mut l = CpuidLeaf::new();
            l.leaf = w.leaf;
            l.subleaf = w.subleaf;
            l.eax = w.eax;
            l.ebx = w.ebx;
            l.ecx = w.ecx;
            l.edx = w.edx;
            l
        })
        .collect();
    c.xcr0 = cpu.xcr0;
    c.xsave_size = cpu.xsave_size;
    c.xsave_components = cpu
        .xsave_components
        .iter()
        .map(|x| {
            let mut o = XsaveComponent::new();
            o.index = x.index;
            o.offset = x.offset;
            o.size = x.size;
            o
        })
        .collect();
    c.features = cpu.features.iter().map(|s| s.to_string()).collect();
    c
}

/// Exported symbols of a vDSO image (offsets from its start).
pub fn vdso_symbols(image: &[u8]) -> Vec<VdsoSymbol> {
    let Ok(elf) = goblin::elf::Elf::parse(image) else {
        return Vec::new();
    };
    let mut out: Vec<VdsoSymbol> = elf
        .dynsyms
        .iter()
        .filter(|s| {
            s.st_shndx != 0
                && s.st_value != 0
                && (s.is_function() || s.st_type() == goblin::elf::sym::STT_OBJECT)
        })
        .filter_map(|s| {
            let name = elf.dynstrtab.get_at(s.st_name)?;
            let mut v = VdsoSymbol::new();
            v.name = name.to_string();
            v.offset = s.st_value;
            Some(v)
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The vDSO layout of this host (the same kernel the dumped processes run on).
pub fn host_vdso() -> VdsoLayout {
    let mut layout = VdsoLayout::new();
    let me = Pid::this_process();
    let Ok(text) = std::fs::read_to_string("/proc/self/maps") else {
        return layout;
    };
    let Ok(maps) = proc_maps::parse_smaps(&text) else {
        return layout;
    };
    for m in &maps {
        match m.name.as_str() {
            "[vdso]" => {
                layout.vdso_size = m.len();
                let len = m.len() as usize;
                let mut image = vec![0u8; len];
                if process_vm::read_ranges(me, &mut image, &[RemoteRange { addr: m.start, len }])
                    .ok()
                    == Some(len)
                {
                    layout.symbols = vdso_symbols(&image);
                }
            }
            "[vvar]" | "[vvar_vclock]" => layout.vvar_size += m.len(),
            _ => {}
        }
    }
    layout
}

/// Builds the inventory (the writer fills in the format version and file list).
pub fn build(root: Pid, cpu: &CpuDescription) -> Inventory {
    let mut inv = Inventory::new();
    inv.tool_version = env!("CARGO_PKG_VERSION").to_string();
    inv.source_arch = Arch::ARCH_X86_64.into();
    inv.page_size = crate::memory::PAGE_SIZE as u32;
    inv.kernel_release = uname_field("/proc/sys/kernel/osrelease");
    inv.hostname = uname_field("/proc/sys/kernel/hostname");
    inv.root_pid = root.as_u32();
    inv.cpu = MessageField::some(cpu_info(cpu));
    inv.vdso = MessageField::some(host_vdso());
    inv.dump_time_unix_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0);
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_vdso_has_clock_gettime() {
        let v = host_vdso();
        assert!(v.vdso_size >= 4096, "no [vdso] in /proc/self/maps");
        assert!(
            v.symbols
                .iter()
                .any(|s| s.name.contains("clock_gettime") && s.offset < v.vdso_size),
            "vDSO symbols: {:?}",
            v.symbols.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
    }
}
