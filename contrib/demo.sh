#!/usr/bin/env bash
# hmcr demo: start a workload, dump it mid-run, restore it, and watch it carry on from where it
# was. Builds hmcr if needed. Needs root (ptrace, and clone3 with set_tid to get the pid back).
#
#   bash contrib/demo.sh            # native: dump and restore on this x86_64 host
#   bash contrib/demo.sh --aarch64  # then also resume the same image translated, as on an Arm
#                                   # host: the static aarch64 hmcr under qemu-aarch64-static
#                                   # (installs the cross toolchain and qemu with contrib/setup.sh)
#
# The workload is the system's python3 counting and printing to a log file; the log shows the
# count stop at the dump and resume at the very next number after the restore.
set -euo pipefail
cd "$(dirname "$0")/.."

cross=0
case "${1:-}" in
    "") ;;
    --aarch64) cross=1 ;;
    *) echo "usage: bash contrib/demo.sh [--aarch64]" >&2; exit 2 ;;
esac

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf '\n\033[1;31mdemo failed: %s\033[0m\n' "$*" >&2; exit 1; }
trap 'die "command failed at line $LINENO: $BASH_COMMAND"' ERR

[ "$(id -u)" = 0 ] || die "run the demo as root (hmcr needs ptrace and clone3 with set_tid)"
command -v python3 >/dev/null || die "python3 is not installed (apt-get install python3)"

say "Building hmcr (cargo build --release -p hmcr)"
cargo build --release --quiet -p hmcr
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
HMCR="$target_dir/release/hmcr"
[ -x "$HMCR" ] || die "cargo finished but $HMCR does not exist"

work=$(mktemp -d /tmp/hmcr-demo.XXXXXX)
pid=""
cleanup() {
    # Stop the workload (by pid) if the demo ends early; keep nothing but the log on failure.
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# carried_on PID TRIES WHAT TITLE: waits (TRIES × 0.1 s) for the log to reach tick last+4,
# checks PID still runs, shows the log around the dump and sets `next` to the tick after it,
# which must be last+1.
carried_on() {
    local p=$1 tries=$2 what=$3 title=$4
    for _ in $(seq "$tries"); do
        [ "$(tail -n 1 "$work/counter.log" | awk '{print $2}')" -ge $((last + 4)) ] && break
        sleep 0.1
    done
    kill -0 "$p" 2>/dev/null || die "$what ($p) is not running; log tail: $(tail -n 3 "$work/counter.log")"
    say "$title"
    grep -n -A 4 "^tick *$last " "$work/counter.log" | sed 's/^/  /'
    next=$(grep -A 1 "^tick *$last " "$work/counter.log" | tail -n 1 | awk '{print $2}')
    [ "$next" = "$((last + 1))" ] || die "after tick $last $what printed tick $next"
}

# The workload: a python3 process in its own session (so it does not hold this terminal),
# counting and keeping a running checksum, one line every 0.25 s.
cat > "$work/workload.py" <<'PY'
import os, sys, time
os.setsid()
n, acc = 0, 1
while True:
    n += 1
    acc = (acc * 31 + n) % 1_000_000_007
    print(f"tick {n:4d}  checksum {acc:10d}  pid {os.getpid()}", flush=True)
    time.sleep(0.25)
PY

say "Starting the workload (python3 counting into $work/counter.log)"
python3 -u "$work/workload.py" > "$work/counter.log" 2>&1 < /dev/null &
pid=$!
disown "$pid"   # bash still reaps it (its pid must be free again for the restore), silently
for _ in $(seq 100); do
    [ "$(wc -l < "$work/counter.log")" -ge 8 ] && break
    sleep 0.1
done
[ "$(wc -l < "$work/counter.log")" -ge 8 ] || die "the workload printed nothing; log: $(cat "$work/counter.log")"
tail -n 3 "$work/counter.log"

say "Dumping it: hmcr dump -t $pid -D $work/img"
"$HMCR" dump -t "$pid" -D "$work/img" --display-stats
for _ in $(seq 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
[ ! -e "/proc/$pid" ] || die "pid $pid still exists after the dump ($(cat /proc/$pid/status 2>/dev/null | grep State))"
last=$(tail -n 1 "$work/counter.log" | awk '{print $2}')
echo "process $pid is gone; the log stopped at tick $last; image: $(du -sh "$work/img" | cut -f1)"
sleep 1
after_wait=$(tail -n 1 "$work/counter.log" | awk '{print $2}')
[ "$after_wait" = "$last" ] || die "the log kept growing after the dump ($last -> $after_wait)"

say "Restoring it: hmcr restore -D $work/img -d"
"$HMCR" restore -D "$work/img" -d --pidfile "$work/restored.pid"
rpid=$(cat "$work/restored.pid")
pid=$rpid
echo "restored as pid $rpid"
carried_on "$rpid" 100 "the restored workload" "The log around the dump: the count goes on from where it was"
kill "$rpid"
pid=""
say "Done: dumped at tick $last, restored, and it carried on with tick $next."

[ "$cross" = 1 ] || exit 0

say "Cross-ISA: building the static aarch64 hmcr (contrib/setup.sh, contrib/build-aarch64.sh)"
bash contrib/setup.sh > "$work/setup.log" 2>&1 || die "contrib/setup.sh failed; see its output: $(tail -n 5 "$work/setup.log")"
bash contrib/build-aarch64.sh --quiet
A64="${HMCR_AARCH64_TARGET_DIR:-$PWD/target-aarch64}/aarch64-unknown-linux-gnu/release/hmcr"
[ -x "$A64" ] || die "the aarch64 build finished but $A64 does not exist"

# The image still holds the process as it was at tick $last (restore never modifies it). Put
# the log back as it was then (same file, the guest's fd keeps its offset), and resume the
# x86_64 image through the translator.
lines_at_dump=$(grep -n "^tick *$last " "$work/counter.log" | cut -d: -f1)
head -n "$lines_at_dump" "$work/counter.log" > "$work/log.at-dump"
cat "$work/log.at-dump" > "$work/counter.log"
say "Restoring the same x86_64 image on 'aarch64': qemu-aarch64-static $A64 restore -D $work/img --target aarch64 -d"
qemu-aarch64-static "$A64" restore -D "$work/img" --target aarch64 -d --pidfile "$work/xlate.pid"
pid=$(cat "$work/xlate.pid")
carried_on "$pid" 300 "the translated workload" "The log around the dump, now written by x86_64 code translated to aarch64"
kill "$pid"
pid=""
say "Done: the same image resumed through the translator and carried on with tick $next."
