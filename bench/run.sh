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
(cd bench && npm ci --no-audit --no-fund --silent)  # pinned by package-lock.json

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
# Index time, in-process latency, and `passend search` as a process next to /bin/true.
search=$(./target/release/examples/search_bench "$work/site" "$work/site/public" "${queries[@]}")

browser=$(node bench/measure.mjs "$work/site/public")
size() { du -sb "$1" | cut -f1; }
files() { find "$1" -type f | wc -l; }
cat > bench/results.json <<JSON
{
  "pages": $(find "$work/site/public" -name '*.html' -not -path '*/pagefind/*' | wc -l),
  "passend": { "build_ms_total": $build_ms, "search": $search,
               "tantivy_bytes": $(size "$work/site/public/.zoekindex"), "static_bytes": $(size "$work/site/public/zoeken/index"), "static_files": $(files "$work/site/public/zoeken/index") },
  "pagefind": { "index_ms": $pagefind_ms, "bytes": $(size "$work/site/public/pagefind"), "files": $(files "$work/site/public/pagefind") },
  "browser": $browser
}
JSON
cat bench/results.json
