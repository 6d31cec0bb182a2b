#!/usr/bin/env bash
# National-scale benchmark (issue 18), side by side in one run on the same machine:
#   - passend's full build of the generated national site (median of RUNS), peak memory,
#     output size and number of files, the largest HTML pages;
#   - Hugo (Debian `hugo`) building the same chapters and one Markdown page per school;
#   - `cp -r` of passend's own output (what writing that many files costs on this disk);
#     the three alternate per round, so load from elsewhere hits each alike;
#   - edit-to-served latency of `passend serve` on the national site (bench/serve_latency.py);
#   - the example site's build (median of RUNS).
# Not run by CI (minutes of work). Usage:
#   bash bench/national.sh            (BENCH_WORK=DIR keeps the generated site and outputs;
#                                       RUNS=5 EDITS=20 SERVE_BUDGET=300; PASSEND=path/to/binary;
#                                       GEN_ARGS="--schools 10000 --chapters 3000 --gemeenten 250")
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$(mktemp -d /tmp/passend-national.XXXXXX)}
PASSEND=${PASSEND:-$ROOT/target/release/passend}
RUNS=${RUNS:-5}
EDITS=${EDITS:-20}
SERVE_BUDGET=${SERVE_BUDGET:-300}
export PASSEND_TODAY=${PASSEND_TODAY:-2026-11-23}
command -v hugo >/dev/null || { echo "hugo ontbreekt: apt-get install -y hugo" >&2; exit 2; }
# Pagefind indexes Hugo's output, so that Hugo's side also ends with a static search index, as
# passend's build does (pinned by bench/package-lock.json).
(cd "$ROOT/bench" && npm ci --no-audit --no-fund --silent)
[ -x "$PASSEND" ] || { echo "bouw eerst: cargo build --release" >&2; exit 2; }

# Every run writes into a folder of its own, and nothing is removed between runs. This disk is
# ext4 without a journal. There, creating a file skips every inode freed in the last one to six
# minutes (ext4's `recently_deleted`), and it rescans them for each new file. So a tool run right
# after `rm -rf` of a large tree paid for that removal, and for whatever ran before it: `cp -r`
# of the same 538 MB took 1.6 s, 5.7 s or 12 s. So the previous run's folders are removed and
# the site generated (which replaces the previous one) first, and the runs start once ext4 no
# longer counts those inodes as recently freed (60 s after they are written out).
rm -rf "$WORK"/out "$WORK"/out.* "$WORK"/cp "$WORK"/cp.* "$WORK"/hugo-out "$WORK"/hugo-out.* "$WORK"/ex "$WORK"/ex.*
# shellcheck disable=SC2086
node "$ROOT/bench/national.mjs" "$WORK/gen" ${GEN_ARGS:-}
SITE=$WORK/gen/site
echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$PASSEND" check --root "$SITE" >/dev/null 2>&1 && echo "passend check: geen fouten" || { echo "passend check faalt" >&2; exit 1; }

sync
echo "waiting 65 s until ext4 reuses the removed inodes freely"
sleep 65
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: > "$WORK/passend.txt"; : > "$WORK/hugo.txt"; : > "$WORK/pagefind.txt"; : > "$WORK/cp.txt"; : > "$WORK/example.txt"
for i in $(seq "$RUNS"); do
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$PASSEND" build --root "$SITE" --output "$WORK/out.$i" >/dev/null 2>&1
  cat "$WORK/t" >> "$WORK/passend.txt"
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/t" hugo --quiet --source "$WORK/gen/hugo" --destination "$WORK/hugo-out.$i" >/dev/null 2>&1
  cat "$WORK/t" >> "$WORK/hugo.txt"
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$ROOT/bench/node_modules/.bin/pagefind" --site "$WORK/hugo-out.$i" --output-subdir pagefind >/dev/null 2>&1
  cat "$WORK/t" >> "$WORK/pagefind.txt"
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/t" cp -r "$WORK/out.$i" "$WORK/cp.$i"
  cat "$WORK/t" >> "$WORK/cp.txt"
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$PASSEND" build --root "$ROOT" --output "$WORK/ex.$i" >/dev/null 2>&1
  cat "$WORK/t" >> "$WORK/example.txt"
  echo "ronde $i: passend $(cut -d' ' -f1 < "$WORK/passend.txt" | tail -1) s, hugo $(tail -1 "$WORK/hugo.txt" | cut -d' ' -f1) s + pagefind $(tail -1 "$WORK/pagefind.txt" | cut -d' ' -f1) s, cp -r $(tail -1 "$WORK/cp.txt" | cut -d' ' -f1) s, voorbeeld $(tail -1 "$WORK/example.txt" | cut -d' ' -f1) s; load $(cut -d' ' -f1 /proc/loadavg)"
done
OUT=$WORK/out.$RUNS
P=$(cut -d' ' -f1 "$WORK/passend.txt" | median); PM=$(cut -d' ' -f2 "$WORK/passend.txt" | sort -n | tail -1)
H=$(cut -d' ' -f1 "$WORK/hugo.txt" | median); HM=$(cut -d' ' -f2 "$WORK/hugo.txt" | sort -n | tail -1)
# Hugo and Pagefind of the same round, added, then the median of those sums.
HP=$(paste -d' ' "$WORK/hugo.txt" "$WORK/pagefind.txt" | awk '{print $1 + $3}' | median)
PF=$(cut -d' ' -f1 "$WORK/pagefind.txt" | median)
C=$(cut -d' ' -f1 "$WORK/cp.txt" | median); E=$(cut -d' ' -f1 "$WORK/example.txt" | median)
size() { echo "$(du -sb "$1" | cut -f1 | awk '{printf "%.0f MB", $1/1e6}') in $(find "$1" -type f | wc -l) files"; }
echo
echo "| | wall (median of $RUNS) | peak memory (max) | output |"
echo "|---|---|---|---|"
echo "| passend build | $P s | $((PM / 1024)) MB | $(size "$OUT") |"
echo "| hugo | $H s | $((HM / 1024)) MB | $(size "$WORK/hugo-out.$RUNS") (with Pagefind's index) |"
echo "| pagefind on hugo's output | $PF s | | $(size "$WORK/hugo-out.$RUNS/pagefind") |"
echo "| hugo + pagefind (per round, added) | $HP s | | |"
echo "| cp -r of passend's output | $C s | | |"
echo "| passend build, example site | $E s | | |"
awk -v p="$P" -v h="$H" -v hp="$HP" -v c="$C" 'BEGIN {printf "ratios: passend/hugo %.2f (target <= 0.6), passend/(hugo + pagefind) %.2f, passend/cp %.2f (target <= 1.5)\n", p/h, p/hp, p/c}'
# (`|| true`: head closing the pipe early must not end the script under pipefail.)
echo "HTML pages a parent opens over 300 kB (the OOGO documents under oogo/ are the gemeenten's):"
find "$OUT" -name '*.html' -size +300k -not -path "$OUT/oogo/*" -printf '  %s %P\n' | sort -rn | head -20 || true
echo "largest OOGO documents:"
find "$OUT/oogo" -name '*.html' -size +300k -printf '  %s %P\n' | sort -rn | head -3 || true
echo
# A glob, not `ls | grep -m1`: grep stopping early killed ls with SIGPIPE, and under pipefail
# that stopped the script before the serve measurement.
CHAPTERS=("$SITE"/content/plan/0150-*.md)
CHAPTER=$(basename "${CHAPTERS[0]}")
SLUG=$(echo "$CHAPTER" | sed -E 's/^[0-9]+-//; s/\.md$//')
echo "passend serve: $EDITS edits of content/plan/$CHAPTER, served at /plan/$SLUG/ (budget ${SERVE_BUDGET}s)"
python3 "$ROOT/bench/serve_latency.py" "$PASSEND" "$SITE" "$SITE/content/plan/$CHAPTER" "/plan/$SLUG/" "$EDITS" "$SERVE_BUDGET"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
