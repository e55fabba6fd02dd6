#!/usr/bin/env bash
# Runs Rivulet and Apache Flink (the anchor in ../shared/anchors/flink-baseline) on the same workloads, one
# after the other on this machine, ROUNDS times each, and prints a Markdown table with medians and ratios.
# Usage: scripts/bench-vs-flink.sh [ROUNDS]        (default 3; the anchor folder may be set with FLINK_ANCHOR)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
anchor="${FLINK_ANCHOR:-$root/../shared/anchors/flink-baseline}"
rounds="${1:-3}"
[ -x "$anchor/run.sh" ] || [ -f "$anchor/run.sh" ] || { echo "no Flink anchor at $anchor (set FLINK_ANCHOR)" >&2; exit 1; }

workloads=("chain 200000000 1" "shuffle 200000000 2" "window 20000000 2")
out="$(mktemp)"
"$root/bin/rivulet" --version >&2   # build first, outside the measurements
for r in $(seq 1 "$rounds"); do
  for w in "${workloads[@]}"; do
    "$root/bin/rivulet" bench $w | grep -E '^rivulet [a-z]+ n=' | tee -a "$out" >&2
    bash "$anchor/run.sh" $w | tee -a "$out" >&2
  done
done

python3 - "$out" "$rounds" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r'(rivulet|flink) (\w+) n=(\d+) p=(\d+) seconds=([\d.]+) records_per_s=(\d+)', line)
    if m:
        rows.setdefault((m.group(2), m.group(3), m.group(4)), {}).setdefault(m.group(1), []).append(int(m.group(6)))
print(f"| workload | N | P | Rivulet records/s (median of {sys.argv[2]}) | Flink records/s (median) | Rivulet / Flink |")
print("|---|---|---|---|---|---|")
for (job, n, p), r in rows.items():
    a, b = statistics.median(r["rivulet"]), statistics.median(r["flink"])
    print(f"| {job} | {int(n):,} | {p} | {a:,.0f} | {b:,.0f} | {a / b:.2f} |")
PY
