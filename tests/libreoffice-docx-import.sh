#!/usr/bin/env bash
# Makes a DOCX and an ODT with LibreOffice (headless) from tests/fixtures/import/docx/libreoffice.html,
# imports it with passend and checks the outline, the lists and the table exactly: proves that
# `passend import` reads Word and OpenDocument files as an office suite writes them, not only the
# hand-written one in tests/import_docx.rs. Needs: soffice, the debug or release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "FAIL: soffice is not installed (apt-get install libreoffice-writer-nogui)"; exit 1; }
bin="${CARGO_TARGET_DIR:-target}/release/passend"
[ -x "$bin" ] || bin="${CARGO_TARGET_DIR:-target}/debug/passend"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${KEEP_WORK:-}
[ -n "$keep" ] && trap - EXIT
cp tests/fixtures/import/docx/libreoffice.html "$work/plan.html"
failed=0
for ext in docx odt; do
  case $ext in docx) filter='docx:MS Word 2007 XML' ;; odt) filter='odt:writer8' ;; esac
  timeout 180 soffice --headless -env:UserInstallation=file://$work/profile --convert-to "$filter" --outdir "$work" "$work/plan.html" >/dev/null 2>&1
  [ -s "$work/plan.$ext" ] || { echo "FAIL: LibreOffice did not make a $ext"; failed=1; continue; }
  out="$work/out-$ext"
  "$bin" import "$work/plan.$ext" --output "$out" > "$work/report-$ext.txt"
  expect() { # file, text
    local content
    content=$(cat "$out/$1")
    [[ "$content" == *"$2"* ]] || { echo "FAIL: $ext: $1 lacks: $2"; echo "$content"; failed=1; }
  }
  files=$(cd "$out" && ls | tr '\n' ' ')
  [ "$files" = "01-onze-koers.md 02-geld.md 03-bijlage-1-adressen.md IMPORT-REPORT.md " ] || { echo "FAIL: $ext: chapter files: $files"; cat "$work/report-$ext.txt"; failed=1; continue; }
  expect 01-onze-koers.md 'Wij willen dat **elk kind** een plek vindt die past, dicht bij huis.'
  expect 01-onze-koers.md '## Onze speerpunten'
  expect 01-onze-koers.md '### Wie helpt ouders'
  expect 01-onze-koers.md $'1. Een sterke basis in elke klas\n2. Geen kind thuis'
  expect 01-onze-koers.md $'- het steunpunt luistert naar de vraag;\n- het steunpunt gaat mee naar school.'
  expect 02-geld.md $'| Post | 2026 | 2027 |\n| --- | --- | --- |\n| Arrangementen | 910.000 | 935.000 |\n| Totaal | 1.381.000 | 1.413.500 |'
  expect 03-bijlage-1-adressen.md 'title = "Bijlage 1: Adressen"'
  echo "$ext made by LibreOffice: chapters, headings, lists and table checked"
done
exit "$failed"
