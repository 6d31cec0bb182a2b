#!/usr/bin/env bash
# Prints /oogo/<gemeente>/ of every gemeente, /oogo/regio/ and one exported oogo-<gemeente>.html
# to PDF with Debian's Chromium (headless, as "Afdrukken > Opslaan als PDF" does) and checks each
# PDF like tests/libreoffice-pdf.sh: page 1 is the title page naming the gemeente, page 2 holds
# the contents, page numbers on every page after the first, and no page but the first and the
# last more than two-thirds empty (tests/pdf-pages.py). Needs: chromium, pdftotext, python3, the
# release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${PASSEND_CHROMIUM:-/usr/bin/chromium}
for tool in "$chromium" pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (apt-get install chromium poppler-utils)"; exit 1; }
done
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"${CARGO_TARGET_DIR:-target}/release/passend" build --root . --output "$work/site" >/dev/null 2>&1
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request;urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break; sleep 0.1; done
gemeenten=$(python3 -c 'import tomllib;print("\n".join(tomllib.load(open("passend.toml","rb"))["gemeenten"]))')
first=$(echo "$gemeenten" | head -1 | tr '[:upper:]' '[:lower:]')
failed=0
checked=0
print_and_check() { # name url
  local name=$1 url=$2 pdf="$work/$checked.pdf"
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --no-pdf-header-footer --print-to-pdf="$pdf" "$url" >/dev/null 2>&1 || true
  if [ ! -s "$pdf" ]; then echo "FAIL: Chromium did not print $url"; failed=1; return; fi
  if ! report=$(python3 tests/pdf-pages.py "$pdf" "$name"); then
    echo "$report" | grep FAIL | sed "s|^FAIL:|FAIL: $url:|"
    failed=1
  fi
  echo "$url: $(pdfinfo "$pdf" | awk '/^Pages/ {print $2}') pages checked"
  checked=$((checked+1))
}
while IFS= read -r g; do
  s=$(echo "$g" | tr '[:upper:]' '[:lower:]')
  print_and_check "$g" "http://127.0.0.1:$port/oogo/$s/"
done <<< "$gemeenten"
print_and_check "$(echo "$gemeenten" | head -1)" "http://127.0.0.1:$port/oogo/$first/oogo-$first.html"
print_and_check regio "http://127.0.0.1:$port/oogo/regio/oogo-regio.html"
if [ "$failed" = 0 ]; then echo "$checked passed, 0 failed"; else echo "some failed"; exit 1; fi
