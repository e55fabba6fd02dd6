#!/usr/bin/env bash
# Times the synchronous part of a heap keyed-state snapshot (HeapSnapshotBench): builds the engine's test classes,
# then runs the benchmark in its own JVM. Usage: scripts/bench-heap-snapshot.sh [KEYS] (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl engine -am test-compile -DskipTests >/dev/null 2>&1 || mvn -B -q -pl engine -am test-compile -DskipTests
cp_file=$(mktemp)
mvn -B -q -o -pl engine dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -Xms2g -Xmx2g -cp "engine/target/test-classes:engine/target/classes:$(cat "$cp_file")" \
  io.rivulet.runtime.state.heap.HeapSnapshotBench "${1:-1000000}"
rm -f "$cp_file"
