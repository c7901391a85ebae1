//! The after-patch check: every pointer slot the relocations of the mapped objects write
//! (JUMP_SLOT, GLOB_DAT, IRELATIVE, R_X86_64_64) and every GOT[2] that points at code is
//! decoded; a slot whose function needs a feature the target lacks is reported.

use super::features::TargetCpu;
use super::guest::{AddressSpace, GuestAddr, GuestMemory};
use super::planner::{Guest, PlanHotpatchError, PlanOptions};

/// A pointer slot that still leads to code the target cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSlot {
    pub object: String,
    pub slot: u64,
    pub reloc: &'static str,
    pub points_to: String,
    pub missing: Vec<String>,
}

/// Result of the audit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Slots that point at code (and were decoded).
    pub code_slots: usize,
    pub bad: Vec<BadSlot>,
}

/// Checks every code pointer slot of the guest against `target`.
pub fn audit_pointer_slots(
    space: &dyn AddressSpace,
    mem: &dyn GuestMemory,
    target: &TargetCpu,
    opts: &PlanOptions,
) -> Result<AuditReport, PlanHotpatchError> {
    let guest = Guest::load(space, mem, opts)?;
    let mut report = AuditReport::default();
    for o in &guest.objects {
        let mut slots: Vec<(u64, &'static str)> = o
            .relocs
            .iter()
            .map(|r| (o.bias.wrapping_add(r.offset), r.kind.as_str()))
            .collect();
        if let Some(pltgot) = o.pltgot {
            slots.push((o.bias.wrapping_add(pltgot) + 16, "GOT[2]"));
        }
        for (slot, reloc) in slots {
            let Ok(value) = mem.read_u64(GuestAddr(slot)) else {
                continue;
            };
            if !guest.cache.view.is_code(value) {
                continue;
            }
            report.code_slots += 1;
            let f = guest.cache.get(value)?;
            let missing = f.missing_on(target);
            if !missing.is_empty() {
                report.bad.push(BadSlot {
                    object: o.name.clone(),
                    slot,
                    reloc,
                    points_to: guest.code_ref(value)?.name,
                    missing,
                });
            }
        }
    }
    Ok(report)
}
