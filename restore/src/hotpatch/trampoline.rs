//! Finding ld.so's lazy-binding trampolines. By name when ld.so's symbols are known (its
//! separate debug file); otherwise structurally: ld.so stores the chosen trampoline into GOT[2]
//! with a rip-relative LEA, and the three variants are loaded side by side in
//! `elf_machine_runtime_setup`. So: find the LEA sites that load the current trampoline, take the
//! other LEA targets of ld.so's code, nearest LEA site first, and keep the first whose code saves state with the
//! wanted instruction (`fxsave`+`fxrstor`, or `xsave`+`xrstor` without `xsavec`) and ends in an
//! indirect jump, like every trampoline (`jmp *%r11`).

use std::collections::BTreeSet;

use iced_x86::Mnemonic;

use super::cpu_features::TrampolineKind;
use super::decode::{FunctionCache, FunctionInfo};
use super::elf_object::MappedObject;
use super::guest::GuestAccessError;

/// The kind of trampoline a function is, from its instructions.
pub fn classify(f: &FunctionInfo) -> Option<TrampolineKind> {
    let has = |m: &[Mnemonic]| m.iter().any(|x| f.mnemonics.contains(x));
    if has(&[Mnemonic::Xsavec, Mnemonic::Xsavec64]) {
        Some(TrampolineKind::Xsavec)
    } else if has(&[Mnemonic::Xsave, Mnemonic::Xsave64])
        && has(&[Mnemonic::Xrstor, Mnemonic::Xrstor64])
    {
        Some(TrampolineKind::Xsave)
    } else if has(&[Mnemonic::Fxsave, Mnemonic::Fxsave64])
        && has(&[Mnemonic::Fxrstor, Mnemonic::Fxrstor64])
    {
        Some(TrampolineKind::Fxsave)
    } else {
        None
    }
}

/// The `want` trampoline of ld.so (`ld`), given the current one at `current`: (address, how).
pub fn find_sibling(
    cache: &FunctionCache<'_>,
    ld: &MappedObject,
    current: u64,
    want: TrampolineKind,
) -> Result<Option<(u64, String)>, GuestAccessError> {
    if let Some(sym) = ld.symbol_value(want.symbol()) {
        let addr = ld.bias.wrapping_add(sym.value);
        if classify(&*cache.get(addr)?) == Some(want) {
            return Ok(Some((addr, format!("{} symbols", ld.names_from))));
        }
    }
    Ok(find_structurally(cache, current, want)?.map(|a| {
        (
            a,
            "structural: LEA sibling with the right save instruction".to_string(),
        )
    }))
}

/// The structural search alone (also used by tests to cross-check the symbol lookup).
pub fn find_structurally(
    cache: &FunctionCache<'_>,
    current: u64,
    want: TrampolineKind,
) -> Result<Option<u64>, GuestAccessError> {
    let sweep = cache.view.linear_sweep(current)?;
    let leas: Vec<(u64, u64)> = sweep
        .iter()
        .filter(|i| i.mnemonic() == Mnemonic::Lea && i.is_ip_rel_memory_operand())
        .map(|i| (i.ip(), i.ip_rel_memory_address()))
        .filter(|(_, t)| cache.view.is_code(*t))
        .collect();
    let sites: Vec<u64> = leas
        .iter()
        .filter(|(_, t)| *t == current)
        .map(|(ip, _)| *ip)
        .collect();
    // Candidates: every code address ld.so loads with LEA, nearest LEA site first (the three
    // trampolines are stored by the same function, `elf_machine_runtime_setup`).
    let mut by_distance: Vec<(u64, u64)> = leas
        .iter()
        .filter(|(_, t)| *t != current)
        .map(|(ip, t)| {
            (
                sites
                    .iter()
                    .map(|s| s.abs_diff(*ip))
                    .min()
                    .unwrap_or(u64::MAX),
                *t,
            )
        })
        .collect();
    by_distance.sort();
    let mut tried = BTreeSet::new();
    for (_, t) in by_distance {
        if !tried.insert(t) {
            continue;
        }
        let f = cache.get(t)?;
        let ends_indirect = f.mnemonics.contains(&Mnemonic::Jmp);
        if classify(&f) == Some(want) && ends_indirect {
            return Ok(Some(t));
        }
    }
    Ok(None)
}
