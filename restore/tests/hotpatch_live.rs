//! Hot-patch planning and applying against live processes started on this host (AVX-512 CPU),
//! for a translator-like target (x86-64 baseline + SSE3..SSE4.2, POPCNT).

mod hotpatch_common;

use hotpatch_common::{build_subject, Subject, SUBJECT_AFTER};
use restore::hotpatch::{
    apply, audit_pointer_slots, plan_hotpatch, trampoline, ChosenBy, CodeRef, CodeView,
    FunctionCache, Guest, HotpatchItem, HotpatchPlan, LiveProcess, PlanOptions, SourceCpu,
    TargetCpu, TrampolineKind,
};

fn host_has(f: &str) -> bool {
    SourceCpu::host().features.contains(f)
}

fn require_avx512_host() {
    assert!(
        host_has("avx512f") && host_has("avx512vl") && host_has("avx512bw"),
        "these tests need a host with AVX-512 (F, VL, BW) so that glibc binds AVX-512/EVEX variants; this one lacks it"
    );
}

fn plan_for(pid: linux_sys::pid::Pid, target: &TargetCpu, opts: &PlanOptions) -> HotpatchPlan {
    let p = LiveProcess::open(pid).expect("opening the subject's memory");
    plan_hotpatch(&p, &p, &SourceCpu::host(), target, opts).expect("planning")
}

fn rebinds(plan: &HotpatchPlan) -> Vec<(&str, &CodeRef, &CodeRef)> {
    plan.items
        .iter()
        .filter_map(|i| match i {
            HotpatchItem::GotRebind {
                symbol, from, to, ..
            } => Some((symbol.as_str(), from, to)),
            _ => None,
        })
        .collect()
}

fn assert_core_rebinds(plan: &HotpatchPlan, target: &TargetCpu) {
    let rb = rebinds(plan);
    assert!(!rb.is_empty(), "no rebinding planned:\n{plan}");
    for (sym, from, to) in &rb {
        assert!(
            from.needs.iter().any(|f| !target.has(f)),
            "{sym}: the old variant {} needs only target features {:?}",
            from.name,
            from.needs
        );
        assert!(
            to.needs.iter().all(|f| target.has(f)),
            "{sym}: the new variant {} needs {:?}",
            to.name,
            to.needs
        );
    }
    let has = |pred: &dyn Fn(&str) -> bool| {
        rb.iter()
            .any(|(s, from, _)| pred(s) && from.needs.iter().any(|f| f.starts_with("avx512")))
    };
    assert!(
        has(&|s| s.contains("memcpy") || s.contains("memmove")),
        "memcpy/memmove not rebound from an AVX-512 variant:\n{plan}"
    );
    assert!(
        has(&|s| s.contains("strlen")),
        "strlen not rebound from an EVEX variant:\n{plan}"
    );
    assert!(
        has(&|s| s.contains("memset")),
        "memset not rebound:\n{plan}"
    );
    assert_eq!(plan.unpatchable().count(), 0, "unpatchable items:\n{plan}");
    assert!(
        plan.items.iter().any(|i| matches!(i, HotpatchItem::CpuFeaturesUpdate { field, .. } if field == "active[leaf 0x7.0].ebx")),
        "the cached leaf-7 features are not updated:\n{plan}"
    );
}

#[test]
fn dynamic_plan_rebinds_memcpy_strlen_and_the_trampoline() {
    require_avx512_host();
    let exe = build_subject(false);
    let s = Subject::start(&exe, None);
    let target = TargetCpu::xlate_default();
    let plan = plan_for(s.pid(), &target, &PlanOptions::default());
    println!("{plan}");
    assert_core_rebinds(&plan, &target);
    let tramp: Vec<_> = plan
        .items
        .iter()
        .filter_map(|i| match i {
            HotpatchItem::TrampolineSwitch { from, to, .. } => Some((from, to)),
            _ => None,
        })
        .collect();
    assert!(!tramp.is_empty(), "no trampoline switch:\n{plan}");
    for (from, to) in tramp {
        assert_eq!(from.name, "_dl_runtime_resolve_xsavec");
        assert_eq!(to.name, "_dl_runtime_resolve_fxsave");
        assert!(
            from.needs.contains(&"xsavec".to_string()),
            "{:?}",
            from.needs
        );
        assert!(to.needs.iter().all(|f| target.has(f)), "{:?}", to.needs);
    }
    // The names are what libc6-dbg says.
    assert!(
        rebinds(&plan)
            .iter()
            .any(|(_, from, _)| from.name.contains("avx512") || from.name.contains("evex"))
            && rebinds(&plan)
                .iter()
                .all(|(_, _, to)| to.name.contains("sse2")
                    || to.name.contains("ssse3")
                    || to.name.contains("sse4")),
        "unexpected variant names:\n{plan}"
    );
    let json = plan.to_json();
    assert_eq!(
        json["items"].as_array().map(Vec::len),
        Some(plan.items.len())
    );
}

#[test]
fn static_plan_rebinds_memcpy_and_strlen() {
    require_avx512_host();
    let exe = build_subject(true);
    let s = Subject::start(&exe, None);
    let target = TargetCpu::xlate_default();
    let plan = plan_for(s.pid(), &target, &PlanOptions::default());
    println!("{plan}");
    assert_core_rebinds(&plan, &target);
    assert!(
        plan.notes
            .iter()
            .any(|n| n.contains("_dl_x86_cpu_features")),
        "cpu_features of the static binary not found by its symbol:\n{plan}"
    );
}

/// Same plan without any symbol names (no debug files): same slots, same addresses.
#[test]
fn plan_does_not_depend_on_names() {
    require_avx512_host();
    let exe = build_subject(false);
    let s = Subject::start(&exe, None);
    let target = TargetCpu::xlate_default();
    let named = plan_for(s.pid(), &target, &PlanOptions::default());
    let unnamed = plan_for(
        s.pid(),
        &target,
        &PlanOptions {
            debug_root: None,
            ..PlanOptions::default()
        },
    );
    println!("{unnamed}");
    let key = |p: &HotpatchPlan| -> Vec<(u64, u64, u64)> {
        p.items
            .iter()
            .filter_map(|i| match i {
                HotpatchItem::GotRebind { slot, from, to, .. }
                | HotpatchItem::TrampolineSwitch { slot, from, to, .. } => {
                    Some((*slot, from.addr, to.addr))
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(key(&named), key(&unnamed));
    assert!(
        rebinds(&unnamed)
            .iter()
            .any(|(_, from, _)| from.name.starts_with("libc.so.6+0x")),
        "{unnamed}"
    );
}

/// The structural trampoline finder agrees with ld.so's debug symbols.
#[test]
fn trampoline_found_structurally_matches_debug_symbols() {
    require_avx512_host();
    let exe = build_subject(false);
    let s = Subject::start(&exe, None);
    let p = LiveProcess::open(s.pid()).expect("open");
    let guest = Guest::load(&p, &p, &PlanOptions::default()).expect("load");
    let ld = guest
        .objects
        .iter()
        .find(|o| o.dyn_defs.contains_key("_rtld_global_ro"))
        .expect("ld.so mapped");
    assert_eq!(
        ld.names_from, "debug file",
        "libc6-dbg must provide ld.so's symbols for this cross-check"
    );
    let sym = |n: &str| {
        ld.bias
            + ld.symbol_value(n)
                .unwrap_or_else(|| panic!("{n} in ld.so's debug symbols"))
                .value
    };
    let xsavec = sym("_dl_runtime_resolve_xsavec");
    let maps = restore::hotpatch::AddressSpace::mappings(&p).expect("maps");
    let cache = FunctionCache::new(CodeView::new(&p, &maps));
    assert_eq!(
        trampoline::classify(&cache.get(xsavec).expect("decode")),
        Some(TrampolineKind::Xsavec)
    );
    for kind in [TrampolineKind::Fxsave, TrampolineKind::Xsave] {
        let found = trampoline::find_structurally(&cache, xsavec, kind).expect("sweep");
        assert_eq!(found, Some(sym(kind.symbol())), "{kind:?}");
    }
}

/// Apply to the live process, check every code pointer slot, let the process finish.
#[test]
fn apply_then_every_slot_runs_on_the_target_and_the_program_still_works() {
    require_avx512_host();
    for static_link in [false, true] {
        let exe = build_subject(static_link);
        let s = Subject::start(&exe, None);
        let target = TargetCpu::xlate_default();
        let opts = PlanOptions::default();
        let before = {
            let p = LiveProcess::open(s.pid()).expect("open");
            audit_pointer_slots(&p, &p, &target, &opts).expect("audit")
        };
        assert!(
            !before.bad.is_empty(),
            "the audit finds nothing to fix before the patch: it cannot fail"
        );
        let plan = plan_for(s.pid(), &target, &opts);
        let mut w = LiveProcess::open_rw(s.pid()).expect("open rw");
        let report = apply(&plan, &mut w).expect("apply");
        assert_eq!(report.writes, plan.write_count());
        // A second apply must refuse: the slots no longer hold the planned old values.
        assert!(
            apply(&plan, &mut w).is_err(),
            "apply did not check the old values"
        );
        let after = audit_pointer_slots(&w, &w, &target, &opts).expect("audit");
        assert!(after.code_slots > 0);
        assert!(
            after.bad.is_empty(),
            "static={static_link}: slots still bound to missing features: {:#?}",
            after.bad
        );
        // Planning again finds nothing more to do.
        let again = plan_for(s.pid(), &target, &opts);
        assert!(
            !again.items.iter().any(|i| matches!(
                i,
                HotpatchItem::GotRebind { .. }
                    | HotpatchItem::TrampolineSwitch { .. }
                    | HotpatchItem::CpuFeaturesUpdate { .. }
            )),
            "static={static_link}: a second plan still has work:\n{again}"
        );
        drop(w);
        let (out, code) = s.finish();
        assert_eq!(out, SUBJECT_AFTER, "static={static_link}");
        assert_eq!(code, Some(0));
    }
}

/// Without interpreting resolvers, the candidate rule alone still gives every slot a variant the
/// target runs, and the program still works after apply.
#[test]
fn candidate_rule_alone_gives_runnable_variants() {
    require_avx512_host();
    for static_link in [false, true] {
        let exe = build_subject(static_link);
        let s = Subject::start(&exe, None);
        let target = TargetCpu::xlate_default();
        let opts = PlanOptions {
            interpret_resolvers: false,
            ..PlanOptions::default()
        };
        let plan = plan_for(s.pid(), &target, &opts);
        println!("{plan}");
        assert_core_rebinds(&plan, &target);
        assert!(plan
            .items
            .iter()
            .all(|i| !matches!(i, HotpatchItem::GotRebind { chosen_by, .. } if *chosen_by != ChosenBy::CandidateRule)));
        let mut w = LiveProcess::open_rw(s.pid()).expect("open rw");
        apply(&plan, &mut w).expect("apply");
        let after = audit_pointer_slots(&w, &w, &target, &opts).expect("audit");
        assert!(
            after.bad.is_empty(),
            "static={static_link}: {:#?}",
            after.bad
        );
        drop(w);
        let (out, code) = s.finish();
        assert_eq!(out, SUBJECT_AFTER, "static={static_link}");
        assert_eq!(code, Some(0));
    }
}

/// A stripped static binary: no symbols at all. glibc's cpu_features is found by pattern (the
/// source's CPUID leaf-1 words after the basic block) and the plan writes exactly what it writes
/// for the unstripped binary (non-PIE: same addresses).
#[test]
fn stripped_static_binary_plans_the_same_writes() {
    require_avx512_host();
    let exe = build_subject(true);
    let stripped = exe.with_file_name("subject-static-stripped");
    std::fs::copy(&exe, &stripped).expect("copy");
    let st = std::process::Command::new("strip")
        .arg(&stripped)
        .status()
        .expect("strip (binutils) must be installed");
    assert!(st.success());
    let target = TargetCpu::xlate_default();
    let key = |p: &HotpatchPlan| -> Vec<(u64, u64, u64)> {
        let mut v: Vec<(u64, u64, u64)> = p
            .items
            .iter()
            .filter_map(|i| match i {
                HotpatchItem::GotRebind { slot, from, to, .. } => Some((*slot, from.addr, to.addr)),
                HotpatchItem::CpuFeaturesUpdate { addr, old, new, .. } => Some((*addr, *old, *new)),
                _ => None,
            })
            .collect();
        v.sort();
        v
    };
    let a = Subject::start(&exe, None);
    let named = plan_for(a.pid(), &target, &PlanOptions::default());
    drop(a);
    let b = Subject::start(&stripped, None);
    let bare = plan_for(b.pid(), &target, &PlanOptions::default());
    println!("{bare}");
    assert!(bare.notes.iter().any(|n| n.contains("pattern")), "{bare}");
    assert_eq!(key(&named), key(&bare));
    assert!(
        rebinds(&bare)
            .iter()
            .all(|(_, from, _)| from.name.starts_with("subject-static-stripped+0x")),
        "{bare}"
    );
}
