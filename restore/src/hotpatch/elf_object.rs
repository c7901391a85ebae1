//! The ELF objects mapped in a guest: their on-disk file (checked against the mapping's
//! identity), load bias, relocations that bind pointer slots, PLT GOT, symbols (from .symtab,
//! else from the separate debug file found by build-id, plus .dynsym) and glibc release.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use goblin::elf::dynamic::DT_PLTGOT;
use goblin::elf::program_header::{PT_DYNAMIC, PT_LOAD};
use goblin::elf::reloc::{R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_IRELATIVE, R_X86_64_JUMP_SLOT};
use goblin::elf::sym::{STT_FUNC, STT_GNU_IFUNC};
use goblin::elf::Elf;

use super::guest::{GuestAddr, Mapping};

/// How a pointer slot is bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SlotKind {
    /// R_X86_64_IRELATIVE: the slot holds what the resolver at the addend returned.
    Irelative,
    /// R_X86_64_JUMP_SLOT: a PLT GOT entry.
    JumpSlot,
    /// R_X86_64_GLOB_DAT: a GOT entry for a symbol's address.
    GlobDat,
    /// R_X86_64_64: an absolute pointer in data.
    Abs64,
}

impl SlotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Irelative => "IRELATIVE",
            SlotKind::JumpSlot => "JUMP_SLOT",
            SlotKind::GlobDat => "GLOB_DAT",
            SlotKind::Abs64 => "R_X86_64_64",
        }
    }
}

/// One relocation that writes a pointer slot.
#[derive(Clone, Debug)]
pub struct SlotReloc {
    /// Link-time address of the slot (add the bias).
    pub offset: u64,
    pub kind: SlotKind,
    pub symbol: Option<String>,
    pub addend: i64,
}

/// A symbol, at a link-time address.
#[derive(Clone, Debug)]
pub struct Sym {
    pub value: u64,
    pub size: u64,
    pub name: String,
    pub ifunc: bool,
}

/// One mapped ELF object.
#[derive(Debug)]
pub struct MappedObject {
    pub path: PathBuf,
    /// File name (`libc.so.6`), for messages.
    pub name: String,
    pub bias: u64,
    pub start: GuestAddr,
    pub end: GuestAddr,
    pub relocs: Vec<SlotReloc>,
    /// Defined dynamic symbols by name (link-time value, is IFUNC).
    pub dyn_defs: HashMap<String, (u64, bool)>,
    pub pltgot: Option<u64>,
    /// Sorted by value.
    pub symbols: Vec<Sym>,
    pub names_from: &'static str,
    /// "2.36" when the file carries glibc's "release version" banner.
    pub glibc_release: Option<String>,
    pub is_static_exec: bool,
}

/// Why an object cannot be used.
#[derive(Debug, Clone)]
pub struct ObjectProblem {
    pub path: PathBuf,
    pub why: String,
}

impl MappedObject {
    pub fn contains(&self, addr: u64) -> bool {
        self.start.0 <= addr && addr < self.end.0
    }

    /// A symbol defined (link-time value) by name, looking in .symtab/debug symbols then .dynsym.
    pub fn symbol_value(&self, name: &str) -> Option<&Sym> {
        self.symbols.iter().find(|s| s.name == name)
    }

    /// The best name for a run-time address: a symbol starting there, else `file+0xOFF`.
    pub fn name_of(&self, addr: u64) -> String {
        self.name_of_hinted(addr, "")
    }

    /// [`Self::name_of`], preferring among aliases at the same address a name containing `hint`
    /// (a memmove slot pointing at `__memcpy_ssse3`/`__memmove_ssse3` is named `__memmove_ssse3`).
    pub fn name_of_hinted(&self, addr: u64, hint: &str) -> String {
        let hint = hint.trim_start_matches('_');
        let rel = addr.wrapping_sub(self.bias);
        let at = self.symbols.partition_point(|s| s.value < rel);
        let exact: Vec<&Sym> = self.symbols[at..]
            .iter()
            .take_while(|s| s.value == rel)
            .collect();
        if let Some(best) = exact.iter().min_by_key(|s| {
            (
                hint.is_empty() || !s.name.contains(hint),
                s.name.starts_with("__GI_") || s.name.starts_with("__libc_"),
                s.ifunc,
                s.name.len(),
                s.name.clone(),
            )
        }) {
            return best.name.clone();
        }
        format!("{}+{:#x}", self.name, rel)
    }

    /// The name of the IFUNC symbol whose resolver is at run-time `addr`, if known.
    pub fn ifunc_name_at(&self, addr: u64) -> Option<String> {
        let rel = addr.wrapping_sub(self.bias);
        self.symbols
            .iter()
            .filter(|s| s.value == rel && s.ifunc)
            .min_by_key(|s| {
                (
                    s.name.starts_with("__GI_") || s.name.starts_with("__libc_"),
                    s.name.len(),
                )
            })
            .map(|s| s.name.clone())
    }
}

/// Groups file mappings by path and loads each ELF object. Objects that are not ELF (fonts,
/// locale archives) are skipped silently; ELF objects that cannot be trusted are returned as
/// problems.
pub fn load_objects(
    mappings: &[Mapping],
    debug_root: Option<&Path>,
) -> (Vec<MappedObject>, Vec<ObjectProblem>) {
    let mut objects = Vec::new();
    let mut problems = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for m in mappings {
        let (Some(path), Some(_)) = (&m.path, &m.identity) else {
            continue;
        };
        if m.offset != 0 || seen.contains(path) {
            continue;
        }
        seen.push(path.clone());
        let group: Vec<&Mapping> = mappings
            .iter()
            .filter(|x| x.path.as_ref() == Some(path))
            .collect();
        match load_object(path, m, &group, debug_root) {
            Ok(Some(o)) => objects.push(o),
            Ok(None) => {}
            Err(why) => problems.push(ObjectProblem {
                path: path.clone(),
                why,
            }),
        }
    }
    (objects, problems)
}

fn check_identity(path: &Path, m: &Mapping) -> Result<(), String> {
    let Some(id) = m.identity else { return Ok(()) };
    let md = std::fs::metadata(path).map_err(|e| format!("cannot stat {}: {e}", path.display()))?;
    let same = md.ino() == id.ino
        && id.size.is_none_or(|s| s == md.size())
        && id
            .mtime_ns
            .is_none_or(|t| t == md.mtime() * 1_000_000_000 + md.mtime_nsec())
        && (id.size.is_some() || id.dev == 0 || id.dev == md.dev());
    if same {
        Ok(())
    } else {
        Err(format!(
            "{} on disk is not the file the guest maps (inode/size/mtime differ): cannot read its symbols and relocations; restore with the original file",
            path.display()
        ))
    }
}

fn load_object(
    path: &Path,
    first: &Mapping,
    group: &[&Mapping],
    debug_root: Option<&Path>,
) -> Result<Option<MappedObject>, String> {
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    if data.get(..4) != Some(b"\x7fELF") {
        return Ok(None);
    }
    check_identity(path, first)?;
    let elf = Elf::parse(&data)
        .map_err(|e| format!("{} is not a valid ELF file: {e}", path.display()))?;
    if elf.header.e_machine != goblin::elf::header::EM_X86_64 {
        return Ok(None);
    }
    let load0 = elf
        .program_headers
        .iter()
        .filter(|p| p.p_type == PT_LOAD)
        .min_by_key(|p| p.p_offset)
        .ok_or_else(|| format!("{} has no PT_LOAD segment", path.display()))?;
    let bias = first.start.0.wrapping_sub(load0.p_vaddr & !0xfff);
    let start = group.iter().map(|m| m.start).min().unwrap_or(first.start);
    let end = group.iter().map(|m| m.end).max().unwrap_or(first.end);
    let has_dynamic = elf.program_headers.iter().any(|p| p.p_type == PT_DYNAMIC);

    let mut relocs = Vec::new();
    let dyn_name = |r_sym: usize| -> Option<String> {
        if r_sym == 0 {
            return None;
        }
        elf.dynsyms
            .get(r_sym)
            .and_then(|s| elf.dynstrtab.get_at(s.st_name))
            .map(str::to_string)
    };
    for r in elf.dynrelas.iter().chain(elf.pltrelocs.iter()) {
        if let Some(kind) = slot_kind(r.r_type) {
            relocs.push(SlotReloc {
                offset: r.r_offset,
                kind,
                symbol: dyn_name(r.r_sym),
                addend: r.r_addend.unwrap_or(0),
            });
        }
    }
    if !has_dynamic {
        for (_, sec) in &elf.shdr_relocs {
            for r in sec.iter() {
                if r.r_type == R_X86_64_IRELATIVE {
                    relocs.push(SlotReloc {
                        offset: r.r_offset,
                        kind: SlotKind::Irelative,
                        symbol: None,
                        addend: r.r_addend.unwrap_or(0),
                    });
                }
            }
        }
    }
    relocs.sort_by_key(|r| r.offset);
    relocs.dedup_by_key(|r| r.offset);

    let mut dyn_defs = HashMap::new();
    let mut symbols = Vec::new();
    for s in elf.dynsyms.iter() {
        if s.st_shndx == 0 {
            continue;
        }
        let Some(name) = elf.dynstrtab.get_at(s.st_name) else {
            continue;
        };
        let ifunc = s.st_type() == STT_GNU_IFUNC;
        // A name can have several versions (libm's log2@@GLIBC_2.29 is an IFUNC,
        // log2@GLIBC_2.2.5 a plain function): keep the IFUNC one, so that slots bound through
        // it are found. A slot bound to the plain version is rebound only if its function
        // needs what the target lacks, which a plain compat version does not.
        let def = dyn_defs
            .entry(name.to_string())
            .or_insert((s.st_value, ifunc));
        if ifunc && !def.1 {
            *def = (s.st_value, true);
        }
        if s.st_type() == STT_FUNC || ifunc || s.st_size > 0 {
            symbols.push(Sym {
                value: s.st_value,
                size: s.st_size,
                name: name.to_string(),
                ifunc,
            });
        }
    }
    let mut names_from = ".dynsym";
    if !elf.syms.is_empty() {
        push_symtab(&elf, &mut symbols);
        names_from = ".symtab";
    } else if let Some(root) = debug_root {
        if let Some(debug) = debug_file(&elf, &data, root) {
            if let Ok(ddata) = std::fs::read(&debug) {
                if let Ok(delf) = Elf::parse(&ddata) {
                    push_symtab(&delf, &mut symbols);
                    names_from = "debug file";
                }
            }
        }
    }
    symbols.sort_by_key(|s| s.value);

    let pltgot = elf.dynamic.as_ref().and_then(|d| {
        d.dyns
            .iter()
            .find(|x| x.d_tag == DT_PLTGOT)
            .map(|x| x.d_val)
    });
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(Some(MappedObject {
        path: path.to_path_buf(),
        name,
        bias,
        start,
        end,
        relocs,
        dyn_defs,
        pltgot,
        symbols,
        names_from,
        glibc_release: glibc_release(&data),
        is_static_exec: !has_dynamic,
    }))
}

fn slot_kind(t: u32) -> Option<SlotKind> {
    match t {
        R_X86_64_IRELATIVE => Some(SlotKind::Irelative),
        R_X86_64_JUMP_SLOT => Some(SlotKind::JumpSlot),
        R_X86_64_GLOB_DAT => Some(SlotKind::GlobDat),
        R_X86_64_64 => Some(SlotKind::Abs64),
        _ => None,
    }
}

fn push_symtab(elf: &Elf<'_>, out: &mut Vec<Sym>) {
    for s in elf.syms.iter() {
        let t = s.st_type();
        if s.st_value == 0 || !(t == STT_FUNC || t == STT_GNU_IFUNC || s.st_size > 0) {
            continue;
        }
        let Some(name) = elf.strtab.get_at(s.st_name) else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        out.push(Sym {
            value: s.st_value,
            size: s.st_size,
            name: name.to_string(),
            ifunc: t == STT_GNU_IFUNC,
        });
    }
}

/// `<root>/.build-id/xx/rest.debug` for the object's GNU build-id, if that file exists.
fn debug_file(elf: &Elf<'_>, data: &[u8], root: &Path) -> Option<PathBuf> {
    let notes = elf
        .iter_note_sections(data, Some(".note.gnu.build-id"))
        .or_else(|| elf.iter_note_headers(data))?;
    for note in notes.flatten() {
        if note.n_type == goblin::elf::note::NT_GNU_BUILD_ID
            && note.name == "GNU"
            && note.desc.len() > 1
        {
            let hex: String = note.desc.iter().map(|b| format!("{b:02x}")).collect();
            let p = root
                .join(".build-id")
                .join(&hex[..2])
                .join(format!("{}.debug", &hex[2..]));
            return p.is_file().then_some(p);
        }
    }
    None
}

/// The glibc release of a file that carries the "... release version 2.36" banner (libc.so.6,
/// ld.so).
fn glibc_release(data: &[u8]) -> Option<String> {
    let pat = b"release version ";
    let pos = data.windows(pat.len()).position(|w| w == pat)?;
    let rest = &data[pos + pat.len()..];
    let len = rest
        .iter()
        .take(16)
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    let v = std::str::from_utf8(&rest[..len])
        .ok()?
        .trim_end_matches('.');
    (!v.is_empty()).then(|| v.to_string())
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use crate::hotpatch::{FileIdentity, GuestAddr, PROT_EXEC, PROT_READ};
    use std::os::unix::fs::MetadataExt;

    /// libm has `log2@@GLIBC_2.29` (IFUNC) and `log2@GLIBC_2.2.5` (a plain function): the IFUNC
    /// definition must win, or slots bound through it (python's math module) are never rebound.
    #[test]
    fn a_versioned_ifunc_definition_wins_over_a_plain_one() {
        let path = PathBuf::from("/lib/x86_64-linux-gnu/libm.so.6");
        let md = std::fs::metadata(&path).expect("this host's glibc libm");
        let m = Mapping {
            start: GuestAddr(0x7f00_0000_0000),
            end: GuestAddr(0x7f00_0000_0000 + md.size().div_ceil(0x1000) * 0x1000),
            prot: PROT_READ | PROT_EXEC,
            offset: 0,
            path: Some(path.clone()),
            identity: Some(FileIdentity {
                dev: md.dev(),
                ino: md.ino(),
                size: Some(md.size()),
                mtime_ns: Some(md.mtime() * 1_000_000_000 + md.mtime_nsec()),
            }),
        };
        let (objects, problems) = load_objects(&[m], None);
        assert!(problems.is_empty(), "{problems:?}");
        let libm = objects.first().expect("libm loaded");
        assert_eq!(
            libm.dyn_defs.get("log2").map(|d| d.1),
            Some(true),
            "log2's IFUNC definition"
        );
    }
}
