#!/usr/bin/env bash
# Benchmark: passend's search against Pagefind on a generated site of >= 10,000 pages.
# Usage: bash bench/run.sh [PAGES=10000]   (needs Node, npm and Debian's chromium)
# Prints the figures of BENCHMARKS.md; raw results go to bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-10000}"
# BENCH_WORK=DIR keeps the generated site (and Pagefind's index) in DIR and reuses it on the next
# run: the site is generated only when DIR/site is missing; passend always rebuilds it.
if [ -n "${BENCH_WORK:-}" ]; then
  work="$BENCH_WORK"; mkdir -p "$work"
else
  work="$(mktemp -d /tmp/passend-bench-XXXX)"
  trap 'rm -rf "$work"' EXIT
fi

echo "== building passend (release)" >&2
cargo build --release --quiet
cargo build --release --quiet --example search_bench
(cd bench && npm install --no-audit --no-fund --silent)  # pinned by package-lock.json

echo "== site of $pages pages in $work/site" >&2
if [ -n "${BENCH_WORK:-}" ] && [ -f "$work/site/passend.toml" ]; then
  rm -rf "$work/site/themes" && cp -r themes "$work/site/themes"  # the current search.js
else
  node bench/generate.mjs "$work/site" "$pages"
fi

ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms); ./target/release/passend build --root "$work/site" 2>"$work/build.log"; t1=$(ms)
tail -1 "$work/build.log" >&2
build_ms=$((t1 - t0))

t0=$(ms); (cd bench && npx --no-install pagefind --site "$work/site/public" --output-subdir pagefind >"$work/pagefind.log" 2>&1); t1=$(ms)
pagefind_ms=$((t1 - t0))

queries=(dyslexie autisme rolstoel hoogbegaafd thuiszitten toelaatbaarheidsverklaring ondersteuning plusklas "mijn kind is dyslectisch" "hoogbegaafd Rietmeer")
inproc=$(./target/release/examples/search_bench "$work/site" "$work/site/public" "${queries[@]}")

# `passend search` as a process, as a user runs it: wall time per call, 20 rounds of all queries.
times=()
for round in $(seq 20); do
  for q in "${queries[@]}"; do
    a=$(date +%s%N); ./target/release/passend search --output "$work/site/public" --json "$q" >/dev/null; b=$(date +%s%N)
    times+=($(( (b - a) / 1000 )))
  done
done
# The floor of any process on this machine, timed the same way: /bin/true.
spawn=()
for i in $(seq 200); do a=$(date +%s%N); /bin/true; b=$(date +%s%N); spawn+=($(( (b - a) / 1000 ))); done
spawn_p50=$(printf '%s\n' "${spawn[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int(NR*0.5)]/1000 }')
cli=$(printf '%s\n' "${times[@]}" | sort -n | awk -v spawn="$spawn_p50" '{ a[NR] = $1 } END { printf "{\"cli_process_p50_ms\": %.2f, \"cli_process_p99_ms\": %.2f, \"calls\": %d, \"bin_true_p50_ms\": %s}", a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, NR, spawn }')

browser=$(node bench/measure.mjs "$work/site/public")
size() { du -sb "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }
cat > bench/results.json <<JSON
{
  "pages": $(find "$work/site/public" -name '*.html' -not -path '*/pagefind/*' | wc -l),
  "passend": { "build_ms_total": $build_ms, "in_process": $inproc, "cli": $cli,
               "tantivy_bytes": $(size "$work/site/public/.zoekindex"), "static_bytes": $(size "$work/site/public/zoeken/index"), "static_files": $(files "$work/site/public/zoeken/index") },
  "pagefind": { "index_ms": $pagefind_ms, "bytes": $(size "$work/site/public/pagefind"), "files": $(files "$work/site/public/pagefind") },
  "browser": $browser
}
JSON
cat bench/results.json
