#!/usr/bin/env bash
# Import benchmark: generates synthetic estates (npm run gen) and times the import CLI against a
# tools/neo4j-local started here on a fresh directory, one size at a time.
# Usage: bash bench/import/run.sh [CIS ...]   (default: 100000 1000000). Prints one JSON line per size.
# BENCH_WARMUP_CIS=N first imports, untimed, an N-CI estate with other ids into the same database, so
# that the timed import runs on a Neo4j whose JVM has compiled its hot code, as a running CMDB's has.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-100000 1000000}")
[ $# -eq 0 ] && sizes=(100000 1000000)
for n in "${sizes[@]}"; do
  data="bench/data/estate-$n"
  [ -f "$data/dependencies.csv" ] || node dist/src/cli/generate.js --cis "$n" --out "$data" >&2
  db="$(mktemp -d /tmp/cmdb-bench-import-XXXX)"
  tools/neo4j-local/neo4j-local --data "$db" --port 7699 --heap "${BENCH_NEO4J_HEAP:-6g}" --pagecache "${BENCH_NEO4J_PAGECACHE:-6g}" > "$db.log" 2>&1 &
  neo=$!
  # A failed step (set -e) must not leave this Neo4j holding the port for the next run.
  trap 'kill "$neo" 2>/dev/null || true' EXIT
  until grep -q NEO4J_LOCAL_READY "$db.log"; do sleep 1; kill -0 $neo || { cat "$db.log"; exit 1; }; done
  warmup="${BENCH_WARMUP_CIS:-0}"
  if [ "$warmup" -gt 0 ]; then
    wdata="bench/data/warmup-$warmup"
    if [ ! -f "$wdata/dependencies.csv" ]; then
      node dist/src/cli/generate.js --cis "$warmup" --out "$wdata.tmp" >&2
      sed -i 's/\bg-/w-/g' "$wdata.tmp"/*.csv # every id of the generator starts with g-
      mv "$wdata.tmp" "$wdata"
    fi
    NEO4J_URI=bolt://127.0.0.1:7699 node dist/src/cli/import.js "$wdata" > /dev/null
  fi
  start=$(date +%s.%N)
  result=$(NEO4J_URI=bolt://127.0.0.1:7699 NODE_OPTIONS=--max-old-space-size=16000 /usr/bin/time -f '%M' -o "$db.rss" node dist/src/cli/import.js "$data")
  end=$(date +%s.%N)
  echo "{\"cis\":$n,\"warmupCis\":$warmup,\"import\":$result,\"wallSeconds\":$(echo "$end - $start" | bc),\"cliMaxRssKb\":$(cat "$db.rss")}"
  kill $neo; wait $neo || true
  du -sh "$db" >&2
  rm -rf "$db" "$db.log" "$db.rss"
done
