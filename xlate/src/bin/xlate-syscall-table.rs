//! Prints the x86_64 syscall table of the translator's ABI layer: one tab-separated row per
//! syscall number (number, name, kind, host number or reason), then the counts per kind.
//! `--kind passthrough|translated|unsupported` prints only that kind.

use xlate::syscall::listing::{counts, describe};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = match args.as_slice() {
        [] => None,
        [flag, kind] if flag == "--kind" => Some(kind.clone()),
        _ => {
            eprintln!("usage: xlate-syscall-table [--kind passthrough|translated|unsupported]");
            std::process::exit(2);
        }
    };
    let rows = describe();
    println!("nr\tname\tkind\tdetail");
    for r in rows
        .iter()
        .filter(|r| only.as_deref().is_none_or(|k| k == r.kind.label()))
    {
        println!("{r}");
    }
    let (p, t, u, m) = counts(&rows);
    println!(
        "# {} x86_64 syscalls: {p} passthrough, {t} translated, {u} unsupported, {m} missing",
        rows.len()
    );
}
