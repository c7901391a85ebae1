//! Differential oracle: glibc itself, started with GLIBC_TUNABLES hiding the features a target
//! lacks, binds its IFUNC slots; the plan made for the same program started normally must bind
//! every slot to the same function.

mod hotpatch_common;

use std::collections::BTreeMap;

use hotpatch_common::{build_subject, Subject, ORACLE_REMOVED, ORACLE_TUNABLES};
use restore::hotpatch::{
    plan_hotpatch, Guest, HotpatchItem, LiveProcess, PlanOptions, SourceCpu, TargetCpu,
};

type Key = (String, u64);

/// (object, slot offset) -> (object, function offset) of every IFUNC-bound slot.
fn slot_map(p: &LiveProcess, rebind: &BTreeMap<u64, u64>) -> BTreeMap<Key, Key> {
    let guest = Guest::load(
        p,
        p,
        &PlanOptions {
            debug_root: None,
            ..PlanOptions::default()
        },
    )
    .expect("load objects");
    let rel = |addr: u64| -> Key {
        let o = guest
            .object_at(addr)
            .unwrap_or_else(|| panic!("{addr:#x} outside every object"));
        (o.name.clone(), addr - o.bias)
    };
    guest
        .ifunc_slots(p)
        .expect("slots")
        .into_iter()
        // Some resolvers return data, not code (glibc's `__x86_cacheinfo` returns 0): those
        // slots are compared as raw values.
        .map(|s| {
            let v = *rebind.get(&s.slot).unwrap_or(&s.value);
            let to = if guest.object_at(v).is_some() {
                rel(v)
            } else {
                (String::from("-"), v)
            };
            (rel(s.slot), to)
        })
        .collect()
}

fn oracle(static_link: bool) {
    let host = SourceCpu::host();
    assert!(
        host.features.contains("avx512f"),
        "the oracle needs an AVX-512 host, where plan and tuned glibc differ from the untuned one"
    );
    let target = TargetCpu::from_names(
        host.features
            .iter()
            .filter(|f| !ORACLE_REMOVED.contains(&f.as_str())),
    );
    let exe = build_subject(static_link);
    let plain = Subject::start(&exe, None);
    let tuned = Subject::start(&exe, Some(ORACLE_TUNABLES));

    let p = LiveProcess::open(plain.pid()).expect("open plain");
    let plan = plan_hotpatch(&p, &p, &host, &target, &PlanOptions::default()).expect("plan");
    println!("{plan}");
    let rebind: BTreeMap<u64, u64> = plan
        .items
        .iter()
        .filter_map(|i| match i {
            HotpatchItem::GotRebind { slot, to, .. } => Some((*slot, to.addr)),
            _ => None,
        })
        .collect();
    assert!(
        rebind.len() >= 10,
        "only {} rebinds planned:\n{plan}",
        rebind.len()
    );

    let planned = slot_map(&p, &rebind);
    let t = LiveProcess::open(tuned.pid()).expect("open tuned");
    let truth = slot_map(&t, &BTreeMap::new());
    assert_eq!(planned.len(), truth.len(), "different IFUNC slot sets");
    let mut diffs = Vec::new();
    for (k, v) in &planned {
        if truth.get(k) != Some(v) {
            diffs.push(format!("{k:?}: plan {v:?}, glibc {:?}", truth.get(k)));
        }
    }
    assert!(
        diffs.is_empty(),
        "static={static_link}: plan and glibc disagree on {} of {} slots:\n{}",
        diffs.len(),
        planned.len(),
        diffs.join("\n")
    );
    println!("static={static_link}: {} IFUNC slots, {} rebound, all equal to glibc's own choice under the tunables", planned.len(), rebind.len());
}

#[test]
fn plan_matches_glibc_tunables_dynamic() {
    oracle(false);
}

#[test]
fn plan_matches_glibc_tunables_static() {
    oracle(true);
}
