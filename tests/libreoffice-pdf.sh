#!/usr/bin/env bash
# Opens one exported ODT and one DOCX in LibreOffice (headless), converts them to PDF and
# checks that every OOGO theme heading is in the PDF text, in order. Proves the documents open
# without repair in a real office suite. Needs: soffice, pdftotext, the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in soffice pdftotext; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${CARGO_TARGET_DIR:-target}/release/passend" export oogo --root . --gemeente Rietmeer --output "$work/export" 2>/dev/null
labels=$(python3 -c 'import tomllib;print("\n".join(t["label"] for t in tomllib.load(open("src/vocabularies.toml","rb"))["oogo_thema"]))')
failed=0
for ext in odt docx; do
  mkdir -p "$work/$ext"
  timeout 180 soffice --headless -env:UserInstallation=file://$work/profile --convert-to pdf --outdir "$work/$ext" "$work/export/oogo/rietmeer/oogo-rietmeer.$ext" >/dev/null 2>&1
  pdf="$work/$ext/oogo-rietmeer.pdf"
  [ -s "$pdf" ] || { echo "FAIL: LibreOffice did not convert the $ext"; failed=1; continue; }
  text=$(pdftotext -layout "$pdf" - | tr -s ' \n' ' ')
  n=0; pos=0
  while IFS= read -r label; do
    n=$((n+1))
    rest=${text:$pos}
    prefix=${rest%%"$n. $label"*}
    if [ "$prefix" = "$rest" ]; then echo "FAIL: $ext PDF lacks heading '$n. $label' (in order)"; failed=1; break; fi
    pos=$((pos + ${#prefix} + ${#label}))
  done <<< "$labels"
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
  echo "$ext: converted to PDF with LibreOffice, $pages pages, $n theme headings found in order"
done
if [ "$failed" = 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
