#!/usr/bin/env python3
"""Checks a printed OOGO summary (PDF) page by page, as a gemeente would leaf through it.

Usage: pdf-pages.py FILE.pdf GEMEENTE

- page 1 is the title page: it names the gemeente ("Samenvatting voor de gemeente X");
- page 2 holds the table of contents ("Inhoud" and the first theme);
- every page but the first has a page number ("Pagina N" or a lone N at the foot);
- no page except the title page and the last page is more than two-thirds empty.

How full a page is: the words of `pdftotext -bbox` between the running header and the footer
(the top and bottom 7% of the page); the page's text runs from the highest top of any page to
its own lowest word, against the height the fullest page uses. Prints one line per page.
Needs poppler-utils (pdftotext).
"""
import re
import subprocess
import sys
from html.parser import HTMLParser


class Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages = []
        self.word = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append({"h": float(a["height"]), "words": []})
        elif tag == "word":
            self.word = [float(a["ymin"]), float(a["ymax"]), ""]

    def handle_data(self, data):
        if self.word is not None:
            self.word[2] += data

    def handle_endtag(self, tag):
        if tag == "word" and self.word is not None:
            self.pages[-1]["words"].append(tuple(self.word))
            self.word = None


def main():
    pdf, gemeente = sys.argv[1], sys.argv[2]
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True, capture_output=True, text=True).stdout
    parser = Words()
    parser.feed(html)
    pages = parser.pages
    failures = []
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-"], check=True, capture_output=True, text=True).stdout for n in range(1, len(pages) + 1)]
    flat = [" ".join(t.split()) for t in texts]
    if len(pages) < 3:
        failures.append(f"only {len(pages)} pages")
    wie = "de regio " if gemeente.lower() == "regio" else f"de gemeente {gemeente}"
    if f"Samenvatting voor {wie}" not in flat[0]:
        failures.append(f"page 1 is not the title page for {wie}: {flat[0][:200]!r}")
    if len(flat) > 1 and not ("Inhoud" in flat[1] and "1. " in flat[1]):
        failures.append(f"page 2 does not hold the table of contents: {flat[1][:200]!r}")

    body = []
    for p in pages:
        h = p["h"]
        ws = [w for w in p["words"] if w[0] > 0.07 * h and w[1] < 0.93 * h]
        body.append(ws)
    tops = [min(w[0] for w in ws) for ws in body if ws]
    top = min(tops) if tops else 0
    bottom = max((max(w[1] for w in ws) for ws in body if ws), default=1)
    for n, (p, ws) in enumerate(zip(pages, body), start=1):
        lines = len({round(w[0]) for w in ws})
        fill = (max(w[1] for w in ws) - top) / (bottom - top) if ws else 0.0
        foot = " ".join(w[2] for w in p["words"] if w[0] >= 0.9 * p["h"])
        numbered = re.search(rf"(Pagina\s+)?\b{n}\b", foot) is not None
        print(f"page {n}: {lines} lines, {fill:.0%} full, page number {'yes' if numbered else 'NO'}")
        if n > 1 and not numbered:
            failures.append(f"page {n} has no page number at its foot ({foot!r})")
        if 1 < n < len(pages) and fill < 1 / 3:
            failures.append(f"page {n} is more than two-thirds empty ({fill:.0%} full, {lines} lines)")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
