#!/usr/bin/env bash
# Opens the exported ODT and DOCX of every gemeente and of the region in LibreOffice (headless),
# converts them to PDF and checks them as a gemeente would read them: every OOGO theme heading
# is in the PDF text, in order; page 1 is the title page naming the gemeente, page 2 holds the
# table of contents, every page after the title page has its page number, and no page but the
# title page and the last is more than two-thirds empty (tests/pdf-pages.py). Proves the
# documents open without repair in a real office suite. Needs: soffice, pdftotext, the release
# binary.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in soffice pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${CARGO_TARGET_DIR:-target}/release/passend" export oogo --root . --output "$work/export" 2>/dev/null
labels=$(python3 -c 'import tomllib;print("\n".join(t["label"] for t in tomllib.load(open("src/vocabularies.toml","rb"))["oogo_thema"]))')
gemeenten=$(python3 -c 'import tomllib;print("\n".join(tomllib.load(open("passend.toml","rb"))["gemeenten"]))'; echo regio)
failed=0
checked=0
for ext in odt docx; do
  mkdir -p "$work/$ext"
  files=()
  while IFS= read -r g; do
    s=$(echo "$g" | tr '[:upper:]' '[:lower:]')
    files+=("$work/export/oogo/$s/oogo-$s.$ext")
  done <<< "$gemeenten"
  timeout 600 soffice --headless -env:UserInstallation=file://$work/profile --convert-to pdf --outdir "$work/$ext" "${files[@]}" >/dev/null 2>&1 || true
  while IFS= read -r g; do
    s=$(echo "$g" | tr '[:upper:]' '[:lower:]')
    pdf="$work/$ext/oogo-$s.pdf"
    [ -s "$pdf" ] || { echo "FAIL: LibreOffice did not convert the $ext of $g"; failed=1; continue; }
    text=$(pdftotext -layout "$pdf" - | tr -s ' \n' ' ')
    n=0; pos=0
    while IFS= read -r label; do
      n=$((n+1))
      rest=${text:$pos}
      prefix=${rest%%"$n. $label"*}
      if [ "$prefix" = "$rest" ]; then echo "FAIL: $ext PDF of $g lacks heading '$n. $label' (in order)"; failed=1; break; fi
      pos=$((pos + ${#prefix} + ${#label}))
    done <<< "$labels"
    if ! report=$(python3 tests/pdf-pages.py "$pdf" "$g"); then
      echo "$report" | grep FAIL | sed "s/^FAIL:/FAIL: $ext of $g:/"
      failed=1
    fi
    pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages/ {print $2}')
    fullest=$(echo "$report" | awk '/^page/ && $2 != "1:" && $2 != "'"$pages"':" {gsub("%","",$5); if (min == "" || $5 + 0 < min + 0) min = $5} END {print min}')
    echo "$ext $g: $pages pages, $n theme headings in order, title page, contents on page 2, page numbers, emptiest middle page ${fullest}% full"
    checked=$((checked+1))
  done <<< "$gemeenten"
done
if [ "$failed" = 0 ]; then echo "$checked passed, 0 failed"; else echo "some failed"; exit 1; fi
