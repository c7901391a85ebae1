//! Making the plan: every pointer slot bound through IFUNC, ld.so's trampoline in GOT[2], and
//! glibc's cached cpu_features, checked against the target's features.

use std::collections::HashMap;
use std::path::PathBuf;

use thiserror::Error;

use super::cpu_features::{self, trampoline_kind_for};
use super::decode::{CodeView, FunctionCache};
use super::elf_object::{load_objects, MappedObject, SlotKind};
use super::features::{SourceCpu, TargetCpu};
use super::guest::{AddressSpace, GuestAccessError, GuestAddr, GuestMemory};
use super::plan::{ChosenBy, CodeRef, HotpatchItem, HotpatchPlan};
use super::resolver_emu::{run_resolver, EmulateResolverError};
use super::trampoline;

/// Planning options.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    /// Where separate debug files live (`/usr/lib/debug`); `None`: do not use them (the plan
    /// then names functions `object+0xOFFSET` where the object has no .symtab).
    pub debug_root: Option<PathBuf>,
    /// Interpret IFUNC resolvers to get glibc's own choice (the default). `false` uses only the
    /// candidate rule ([`ChosenBy::CandidateRule`]), e.g. to test it.
    pub interpret_resolvers: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            debug_root: Some(PathBuf::from("/usr/lib/debug")),
            interpret_resolvers: true,
        }
    }
}

/// Planning failed before anything could be examined.
#[derive(Debug, Error)]
pub enum PlanHotpatchError {
    #[error("hot-patch planning: {0}")]
    Access(#[from] GuestAccessError),
}

/// What the planner learnt about the guest; kept for the audit and tests.
pub struct Guest<'a> {
    pub objects: Vec<MappedObject>,
    pub cache: FunctionCache<'a>,
    pub problems: Vec<(PathBuf, String)>,
}

impl<'a> Guest<'a> {
    /// Loads the objects mapped in the guest.
    pub fn load(
        space: &dyn AddressSpace,
        mem: &'a dyn GuestMemory,
        opts: &PlanOptions,
    ) -> Result<Guest<'a>, PlanHotpatchError> {
        let mappings = space.mappings()?;
        let (objects, problems) = load_objects(&mappings, opts.debug_root.as_deref());
        let cache = FunctionCache::new(CodeView::new(mem, &mappings));
        Ok(Guest {
            objects,
            cache,
            problems: problems.into_iter().map(|p| (p.path, p.why)).collect(),
        })
    }

    pub fn object_at(&self, addr: u64) -> Option<&MappedObject> {
        self.objects.iter().find(|o| o.contains(addr))
    }

    /// A printable reference to the function at `addr`.
    pub fn code_ref(&self, addr: u64) -> Result<CodeRef, GuestAccessError> {
        self.code_ref_hinted(addr, "")
    }

    /// [`Self::code_ref`] preferring alias names that contain `hint` (the slot's symbol).
    pub fn code_ref_hinted(&self, addr: u64, hint: &str) -> Result<CodeRef, GuestAccessError> {
        let f = self.cache.get(addr)?;
        let name = self
            .object_at(addr)
            .map(|o| o.name_of_hinted(addr, hint))
            .unwrap_or_else(|| format!("{addr:#x}"));
        Ok(CodeRef {
            addr,
            name,
            needs: f.needs.iter().cloned().collect(),
        })
    }

    /// Every IFUNC-bound pointer slot: (object index, slot address, kind, symbol, resolver).
    /// JUMP_SLOT/GLOB_DAT slots count when their current value lies in an object that defines the
    /// symbol as STT_GNU_IFUNC (a lazy slot still pointing at its PLT is not bound yet).
    pub fn ifunc_slots(&self, mem: &dyn GuestMemory) -> Result<Vec<IfuncSlot>, GuestAccessError> {
        let mut out = Vec::new();
        for (oi, o) in self.objects.iter().enumerate() {
            for r in &o.relocs {
                let slot = o.bias.wrapping_add(r.offset);
                let resolver = match r.kind {
                    SlotKind::Irelative => o.bias.wrapping_add(r.addend as u64),
                    SlotKind::JumpSlot | SlotKind::GlobDat => {
                        let Some(sym) = &r.symbol else { continue };
                        let value = mem.read_u64(GuestAddr(slot))?;
                        let Some(def) = self.object_at(value) else {
                            continue;
                        };
                        match def.dyn_defs.get(sym) {
                            Some((v, true)) => def.bias.wrapping_add(*v),
                            _ => continue,
                        }
                    }
                    SlotKind::Abs64 => continue,
                };
                let value = mem.read_u64(GuestAddr(slot))?;
                let symbol = match &r.symbol {
                    Some(s) => s.clone(),
                    None => self
                        .object_at(resolver)
                        .and_then(|d| d.ifunc_name_at(resolver))
                        .unwrap_or_else(|| {
                            format!(
                                "ifunc@{}",
                                self.object_at(resolver)
                                    .map(|d| d.name_of(resolver))
                                    .unwrap_or_default()
                            )
                        }),
                };
                out.push(IfuncSlot {
                    object: oi,
                    slot,
                    kind: r.kind,
                    symbol,
                    resolver,
                    value,
                });
            }
        }
        Ok(out)
    }
}

/// A pointer slot bound through IFUNC.
#[derive(Clone, Debug)]
pub struct IfuncSlot {
    pub object: usize,
    pub slot: u64,
    pub kind: SlotKind,
    pub symbol: String,
    pub resolver: u64,
    pub value: u64,
}

/// Plans the hot-patch of one guest process for `target`.
pub fn plan_hotpatch(
    space: &dyn AddressSpace,
    mem: &dyn GuestMemory,
    source: &SourceCpu,
    target: &TargetCpu,
    opts: &PlanOptions,
) -> Result<HotpatchPlan, PlanHotpatchError> {
    let guest = Guest::load(space, mem, opts)?;
    let mappings = space.mappings()?;
    let mut plan = HotpatchPlan {
        target: target.features().map(str::to_string).collect(),
        ..HotpatchPlan::default()
    };
    for (path, why) in &guest.problems {
        plan.items.push(HotpatchItem::Unpatchable {
            what: path.display().to_string(),
            why: why.clone(),
        });
    }
    for o in &guest.objects {
        if let Some(r) = &o.glibc_release {
            plan.notes.push(format!("{}: glibc {r}", o.name));
        }
    }

    // 1. cpu_features: its new contents also steer the resolvers interpreted below.
    let mut overlay: Vec<(u64, Vec<u8>)> = Vec::new();
    match cpu_features::locate(&guest.objects, &mappings, mem, source) {
        Ok(site) => {
            plan.notes.push(format!(
                "cpu_features at {:#x} in {} (found by {})",
                site.addr, site.object, site.found_by
            ));
            match cpu_features::plan_writes(&site, mem, source, target) {
                Ok(writes) => {
                    for w in writes {
                        overlay
                            .push((w.addr, w.new.to_le_bytes()[..usize::from(w.width)].to_vec()));
                        plan.items.push(HotpatchItem::CpuFeaturesUpdate {
                            object: site.object.clone(),
                            field: w.field,
                            addr: w.addr,
                            width: w.width,
                            old: w.old,
                            new: w.new,
                        });
                    }
                }
                Err(why) => plan.items.push(HotpatchItem::Unpatchable {
                    what: "glibc cpu_features".into(),
                    why,
                }),
            }
        }
        Err(why) => plan.items.push(HotpatchItem::Unpatchable {
            what: "glibc cpu_features".into(),
            why,
        }),
    }

    // 2. IFUNC-bound slots.
    let slots = guest.ifunc_slots(mem)?;
    let mut examined = 0usize;
    let mut choice: HashMap<u64, Result<(u64, ChosenBy), String>> = HashMap::new();
    for s in &slots {
        examined += 1;
        let object = &guest.objects[s.object];
        if !guest.cache.view.is_code(s.value) {
            continue;
        }
        let from = guest.cache.get(s.value)?;
        if from.missing_on(target).is_empty() {
            continue;
        }
        let chosen = match choice.get(&s.resolver) {
            Some(c) => c.clone(),
            None => {
                let c = choose_variant(
                    &guest,
                    mem,
                    &overlay,
                    s.resolver,
                    target,
                    opts.interpret_resolvers,
                )?;
                choice.insert(s.resolver, c.clone());
                c
            }
        };
        match chosen {
            Ok((to, chosen_by)) => plan.items.push(HotpatchItem::GotRebind {
                object: object.name.clone(),
                slot: s.slot,
                kind: s.kind,
                symbol: s.symbol.clone(),
                from: guest.code_ref_hinted(s.value, &s.symbol)?,
                to: guest.code_ref_hinted(to, &s.symbol)?,
                chosen_by,
            }),
            Err(why) => plan.items.push(HotpatchItem::Unpatchable {
                what: format!(
                    "{}: {} {} {:#x} -> {}",
                    s.symbol,
                    object.name,
                    s.kind.as_str(),
                    s.slot,
                    guest.code_ref(s.value)?.name
                ),
                why,
            }),
        }
    }
    plan.notes.push(format!(
        "{examined} IFUNC-bound pointer slots examined in {} objects",
        guest.objects.len()
    ));

    // 3. Lazy-binding trampolines.
    let want = trampoline_kind_for(target);
    for o in &guest.objects {
        let Some(pltgot) = o.pltgot else { continue };
        let slot = o.bias.wrapping_add(pltgot) + 16;
        let Ok(value) = mem.read_u64(GuestAddr(slot)) else {
            continue;
        };
        if value == 0 || !guest.cache.view.is_code(value) {
            continue;
        }
        let Some(kind) = trampoline::classify(&*guest.cache.get(value)?) else {
            continue;
        };
        if kind == want {
            continue;
        }
        let Some(ld) = guest.object_at(value) else {
            continue;
        };
        match trampoline::find_sibling(&guest.cache, ld, value, want)? {
            Some((to, found_by)) => plan.items.push(HotpatchItem::TrampolineSwitch {
                object: o.name.clone(),
                slot,
                from: guest.code_ref(value)?,
                to: guest.code_ref(to)?,
                found_by,
            }),
            None => plan.items.push(HotpatchItem::Unpatchable {
                what: format!(
                    "{} GOT[2] {slot:#x} -> {}",
                    o.name,
                    guest.code_ref(value)?.name
                ),
                why: format!("{} not found in {}", want.symbol(), ld.name),
            }),
        }
    }
    Ok(plan)
}

/// The variant the target gets for the IFUNC with resolver `resolver`.
fn choose_variant(
    guest: &Guest<'_>,
    mem: &dyn GuestMemory,
    overlay: &[(u64, Vec<u8>)],
    resolver: u64,
    target: &TargetCpu,
    interpret: bool,
) -> Result<Result<(u64, ChosenBy), String>, GuestAccessError> {
    let emulated = if interpret {
        run_resolver(&guest.cache.view, mem, overlay, resolver)
    } else {
        Err(EmulateResolverError::Unsupported {
            addr: resolver,
            mnemonic: "(interpretation disabled)".into(),
        })
    };
    let emu_note = match emulated {
        Ok(to) if guest.cache.view.is_code(to) => {
            let f = guest.cache.get(to)?;
            let missing = f.missing_on(target);
            if missing.is_empty() {
                return Ok(Ok((to, ChosenBy::Resolver)));
            }
            format!(
                "the resolver picks {} which needs {}",
                guest.code_ref(to)?.name,
                missing.join(",")
            )
        }
        Ok(to) => format!("the resolver returned {to:#x}, which is not code"),
        Err(e) => format!("the resolver could not be interpreted ({e})"),
    };
    let res = guest.cache.get(resolver)?;
    let mut best: Option<(usize, u64)> = None;
    for &c in &res.lea_targets {
        let f = guest.cache.get(c)?;
        if f.missing_on(target).is_empty() && !f.incomplete {
            let key = (f.needs.len(), c);
            if best.is_none_or(|b| key.0 > b.0) {
                best = Some(key);
            }
        }
    }
    Ok(match best {
        Some((_, c)) => Ok((c, ChosenBy::CandidateRule)),
        None => Err(format!(
            "{emu_note}; none of the {} candidate variants runs on the target",
            res.lea_targets.len()
        )),
    })
}

/// Reading an image for planning failed.
#[derive(Debug, Error)]
pub enum PlanImageError {
    #[error("reading the process tree of image {}: {source}", .dir.display())]
    Pstree {
        dir: PathBuf,
        source: images_format::ReadImageError,
    },
    #[error(transparent)]
    Open(#[from] super::image::OpenImageProcessError),
    #[error("process {pid} of image {}: {source}", .dir.display())]
    Plan {
        dir: PathBuf,
        pid: u32,
        source: PlanHotpatchError,
    },
}

/// The compatibility report and one plan per live process of an image directory, as
/// `hmcr check -D DIR` and `hmcr restore --dry-run` print them. Nothing is executed or written.
pub fn plan_image(
    image: &images_format::ImageDir,
    target: &TargetCpu,
    opts: &PlanOptions,
) -> Result<(super::features::CompatReport, Vec<(u32, HotpatchPlan)>), PlanImageError> {
    let source = SourceCpu::from_inventory(&image.inventory().cpu);
    let compat = super::features::compatibility(&source, target);
    let dir = image.path().to_path_buf();
    let procs = image
        .read_pstree()
        .map_err(|source| PlanImageError::Pstree {
            dir: dir.clone(),
            source,
        })?;
    let mut plans = Vec::new();
    for p in procs {
        if !image.has(images_format::ImageFile::mm(p.pid)) {
            continue; // zombies have no memory
        }
        let guest = super::image::ImageProcess::open(image, p.pid)?;
        let plan = plan_hotpatch(&guest, &guest, &source, target, opts).map_err(|source| {
            PlanImageError::Plan {
                dir: dir.clone(),
                pid: p.pid,
                source,
            }
        })?;
        plans.push((p.pid, plan));
    }
    Ok((compat, plans))
}
