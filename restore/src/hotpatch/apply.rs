//! Performing a plan's writes, after checking that every slot still holds what was planned.

use thiserror::Error;

use super::guest::{GuestAccessError, GuestAddr, GuestMemoryWrite};
use super::plan::{HotpatchItem, HotpatchPlan};

/// Applying a plan failed; when the check fails nothing has been written.
#[derive(Debug, Error)]
pub enum ApplyHotpatchError {
    #[error("{what} at {addr:#x} holds {found:#x}, the plan expected {expected:#x}: the guest changed since planning (was it running?); nothing was written, plan again with every thread held")]
    Changed {
        what: String,
        addr: u64,
        expected: u64,
        found: u64,
    },
    #[error("applying the hot-patch plan: {0}")]
    Access(#[from] GuestAccessError),
}

/// What apply did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApplyReport {
    pub writes: usize,
}

fn writes_of(plan: &HotpatchPlan) -> Vec<(String, u64, usize, u64, u64)> {
    plan.items
        .iter()
        .filter_map(|i| match i {
            HotpatchItem::GotRebind {
                symbol,
                slot,
                from,
                to,
                ..
            } => Some((format!("slot of {symbol}"), *slot, 8, from.addr, to.addr)),
            HotpatchItem::TrampolineSwitch {
                object,
                slot,
                from,
                to,
                ..
            } => Some((format!("GOT[2] of {object}"), *slot, 8, from.addr, to.addr)),
            HotpatchItem::CpuFeaturesUpdate {
                field,
                addr,
                width,
                old,
                new,
                ..
            } => Some((
                format!("cpu_features.{field}"),
                *addr,
                usize::from(*width),
                *old,
                *new,
            )),
            HotpatchItem::Unpatchable { .. } => None,
        })
        .collect()
}

/// Writes the plan into the guest. Every target location is read first and must hold the
/// planned old value; only then is anything written. The caller holds every guest thread.
pub fn apply(
    plan: &HotpatchPlan,
    mem: &mut impl GuestMemoryWrite,
) -> Result<ApplyReport, ApplyHotpatchError> {
    let writes = writes_of(plan);
    for (what, addr, width, old, _) in &writes {
        let mut b = [0u8; 8];
        mem.read(GuestAddr(*addr), &mut b[..*width])?;
        let found = u64::from_le_bytes(b);
        if found != *old {
            return Err(ApplyHotpatchError::Changed {
                what: what.clone(),
                addr: *addr,
                expected: *old,
                found,
            });
        }
    }
    for (_, addr, width, _, new) in &writes {
        mem.write(GuestAddr(*addr), &new.to_le_bytes()[..*width])?;
    }
    Ok(ApplyReport {
        writes: writes.len(),
    })
}
