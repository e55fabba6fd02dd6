#!/usr/bin/env bash
# Flake hunt: runs the README's test command N times, each time on a fresh clone of this repository's HEAD, and
# prints every test that failed at least once, how often, and the first line of its first failure.
#
# Usage: scripts/flake-hunt.sh N [--load] [--keep] [--repo-local DIR]
#   --load            keep one core busy (a shell busy loop) during every run, as a loaded CI machine would
#   --keep            keep the clones and their reports (default: only the reports of failed runs are kept)
#   --repo-local DIR  use DIR as the local Maven repository (default: Maven's own, ~/.m2/repository)
# Each run adds --fail-at-end to the README's command, so that a failure in one module does not hide the
# tests of the modules that do not depend on it. Work goes to target/flake-hunt/<time>/ (run-<i>.log and the
# Surefire/Failsafe reports of failed runs). Exit status: 0 when every run was green, 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
runs="$1"; shift
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive whole number, was '$runs'" >&2; usage; }
load=0; keep=0; repo_local=""
while [ $# -gt 0 ]; do
  case "$1" in
    --load) load=1 ;;
    --keep) keep=1 ;;
    --repo-local) [ $# -ge 2 ] || usage; repo_local="$2"; shift ;;
    *) echo "unknown option '$1'" >&2; usage ;;
  esac
  shift
done

# The README's test command, read from the README itself so that the hunt follows it when it changes: the
# indented command line under "Run the tests:".
test_cmd="$(awk '/^Run the tests:/ {found=1; next} found && /^    [^ ]/ {sub(/^    /, ""); print; exit}' "$root/README.md")"
[ -n "$test_cmd" ] || { echo "no test command found under 'Run the tests:' in README.md" >&2; exit 1; }
maven_extra=(--fail-at-end)
[ -n "$repo_local" ] && maven_extra+=("-Dmaven.repo.local=$repo_local")

out="$root/target/flake-hunt/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
busy_pid=""
cleanup() { [ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ "$load" = 1 ]; then
  bash -c 'while :; do :; done' &
  busy_pid=$!
fi

echo "flake hunt: $runs run(s) of '$test_cmd ${maven_extra[*]}' on fresh clones of $(git -C "$root" rev-parse --short HEAD)$( [ "$load" = 1 ] && echo ', one core busy')" >&2
echo "output: $out" >&2
green=0
for i in $(seq 1 "$runs"); do
  clone="$out/clone-$i"
  git clone -q "$root" "$clone"
  start=$(date +%s)
  set +e
  (cd "$clone" && $test_cmd "${maven_extra[@]}") >"$out/run-$i.log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start ))
  # Keep the test reports of every run (small), and the whole clone only when asked.
  mkdir -p "$out/reports-$i"
  find "$clone" -path '*/target/*-reports/TEST-*.xml' -exec cp {} "$out/reports-$i/" \;
  if [ "$keep" = 0 ]; then rm -rf "$clone"; fi
  if [ "$rc" = 0 ]; then green=$((green + 1)); verdict=green; else verdict="RED (exit $rc)"; fi
  echo "$i $rc" >>"$out/exit-codes"
  printf 'run %d of %d: %s in %dm%02ds\n' "$i" "$runs" "$verdict" $((secs / 60)) $((secs % 60)) >&2
done

python3 - "$out" "$runs" "$green" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET
out, runs, green = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
failed = {}   # test -> [count, first line of its first failure, run of that failure]
totals = []
runs_with_failures = set()
for i in range(1, runs + 1):
    tests = 0
    for path in sorted(glob.glob(os.path.join(out, f"reports-{i}", "TEST-*.xml"))):
        try:
            suite = ET.parse(path).getroot()
        except ET.ParseError as e:
            failed.setdefault(os.path.basename(path), [0, f"unreadable report: {e}", i])[0] += 1
            continue
        for case in suite.iter("testcase"):
            tests += 1
            for kind in ("failure", "error"):
                bad = case.find(kind)
                if bad is None:
                    continue
                name = f"{case.get('classname')}.{case.get('name')}"
                text = (bad.get("message") or bad.text or kind).strip().splitlines()
                first = f"{bad.get('type', kind)}: {text[0] if text else ''}"[:300]
                entry = failed.setdefault(name, [0, first, i])
                entry[0] += 1
                runs_with_failures.add(i)
                break
    totals.append(tests)
codes = dict(line.split() for line in open(os.path.join(out, "exit-codes")))
for i in range(1, runs + 1):
    if codes.get(str(i)) != "0" and i not in runs_with_failures:
        # red without a failed test (a build error, a timeout): name the first error line of its log
        first = next((l.strip() for l in open(os.path.join(out, f"run-{i}.log"), errors="replace")
                      if l.startswith("[ERROR]")), "no [ERROR] line")
        failed.setdefault(f"(build of run {i})", [1, first[:300], i])
print(f"{green} of {runs} runs green; tests per run: {', '.join(map(str, totals))}")
if not failed:
    print("no test failed")
else:
    print("| test | failed | first failure (run) |")
    print("|---|---|---|")
    for name, (count, first, run) in sorted(failed.items(), key=lambda kv: -kv[1][0]):
        print(f"| {name} | {count} of {runs} | {first.replace('|', '/')} (run {run}) |")
PY
echo "logs: $out/run-*.log" >&2
[ "$green" = "$runs" ]
