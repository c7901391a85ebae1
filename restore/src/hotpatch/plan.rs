//! The hot-patch plan: what will be written where and why, printable for people and as JSON.

use std::fmt;

use serde_json::{json, Value};

use super::elf_object::SlotKind;

/// A function in the guest, as the plan names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRef {
    pub addr: u64,
    /// A symbol, or `object+0xOFFSET` when the object has no symbols.
    pub name: String,
    /// Non-baseline CPU features its instructions need.
    pub needs: Vec<String>,
}

/// How a replacement was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChosenBy {
    /// The IFUNC resolver, interpreted with the updated cpu_features: glibc's own choice.
    Resolver,
    /// The resolver could not be interpreted: among the functions it can return (its
    /// rip-relative LEA targets), those the target runs, the one needing the most features.
    CandidateRule,
}

/// One step of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HotpatchItem {
    /// A pointer slot bound through IFUNC gets the variant glibc picks on the target.
    GotRebind {
        object: String,
        slot: u64,
        kind: SlotKind,
        symbol: String,
        from: CodeRef,
        to: CodeRef,
        chosen_by: ChosenBy,
    },
    /// GOT[2] of an object with lazy PLT: ld.so's trampoline for the target.
    TrampolineSwitch {
        object: String,
        slot: u64,
        from: CodeRef,
        to: CodeRef,
        found_by: String,
    },
    /// A field of glibc's cached cpu_features.
    CpuFeaturesUpdate {
        object: String,
        field: String,
        addr: u64,
        width: u8,
        old: u64,
        new: u64,
    },
    /// Something bound to the source hardware that the plan cannot fix.
    Unpatchable { what: String, why: String },
}

/// The plan for one process.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HotpatchPlan {
    /// Features the target offers.
    pub target: Vec<String>,
    pub items: Vec<HotpatchItem>,
    /// How the plan was made (glibc release, where names came from, slots examined).
    pub notes: Vec<String>,
}

impl HotpatchPlan {
    /// The number of memory writes `apply` performs.
    pub fn write_count(&self) -> usize {
        self.items
            .iter()
            .filter(|i| !matches!(i, HotpatchItem::Unpatchable { .. }))
            .count()
    }

    pub fn unpatchable(&self) -> impl Iterator<Item = &HotpatchItem> {
        self.items
            .iter()
            .filter(|i| matches!(i, HotpatchItem::Unpatchable { .. }))
    }

    /// The plan as JSON.
    pub fn to_json(&self) -> Value {
        let code = |c: &CodeRef| json!({"addr": format!("{:#x}", c.addr), "name": c.name, "needs": c.needs});
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|i| match i {
                HotpatchItem::GotRebind { object, slot, kind, symbol, from, to, chosen_by } => json!({
                    "type": "got_rebind", "object": object, "slot": format!("{slot:#x}"), "reloc": kind.as_str(),
                    "symbol": symbol, "from": code(from), "to": code(to),
                    "chosen_by": match chosen_by { ChosenBy::Resolver => "resolver", ChosenBy::CandidateRule => "candidate_rule" },
                }),
                HotpatchItem::TrampolineSwitch { object, slot, from, to, found_by } => json!({
                    "type": "trampoline_switch", "object": object, "slot": format!("{slot:#x}"),
                    "from": code(from), "to": code(to), "found_by": found_by,
                }),
                HotpatchItem::CpuFeaturesUpdate { object, field, addr, width, old, new } => json!({
                    "type": "cpu_features_update", "object": object, "field": field, "addr": format!("{addr:#x}"),
                    "width": width, "old": format!("{old:#x}"), "new": format!("{new:#x}"),
                }),
                HotpatchItem::Unpatchable { what, why } => json!({"type": "unpatchable", "what": what, "why": why}),
            })
            .collect();
        json!({"target": self.target, "items": items, "notes": self.notes})
    }
}

fn needs(c: &CodeRef) -> String {
    if c.needs.is_empty() {
        String::new()
    } else {
        format!(" ({})", c.needs.join(","))
    }
}

impl fmt::Display for HotpatchItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HotpatchItem::GotRebind {
                object,
                slot,
                kind,
                symbol,
                from,
                to,
                chosen_by,
            } => {
                let how = match chosen_by {
                    ChosenBy::Resolver => "",
                    ChosenBy::CandidateRule => " [candidate rule]",
                };
                write!(
                    f,
                    "{symbol}: {object} {} {slot:#x} {}{} -> {}{}{how}",
                    kind.as_str(),
                    from.name,
                    needs(from),
                    to.name,
                    needs(to)
                )
            }
            HotpatchItem::TrampolineSwitch {
                object,
                slot,
                from,
                to,
                found_by,
            } => {
                write!(
                    f,
                    "lazy-binding trampoline: {object} GOT[2] {slot:#x} {}{} -> {}{} [{found_by}]",
                    from.name,
                    needs(from),
                    to.name,
                    needs(to)
                )
            }
            HotpatchItem::CpuFeaturesUpdate {
                object,
                field,
                addr,
                width,
                old,
                new,
            } => {
                let w = usize::from(*width) * 2;
                write!(
                    f,
                    "cpu_features.{field}: {object} {addr:#x} {old:#0w$x} -> {new:#0w$x}",
                    w = w + 2
                )
            }
            HotpatchItem::Unpatchable { what, why } => write!(f, "UNPATCHABLE {what}: {why}"),
        }
    }
}

impl fmt::Display for HotpatchPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "hot-patch plan for a target with: {}",
            self.target.join(" ")
        )?;
        for n in &self.notes {
            writeln!(f, "  note: {n}")?;
        }
        if self.items.is_empty() {
            writeln!(f, "  nothing to patch")?;
        }
        for i in &self.items {
            writeln!(f, "  {i}")?;
        }
        Ok(())
    }
}
