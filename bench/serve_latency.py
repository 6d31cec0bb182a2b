#!/usr/bin/env python3
"""Edit-to-served latency of `passend serve` (issue 18): start the preview on a site, then
EDITS times append a unique sentence to one chapter and time from the write until the chapter's
page served by the preview contains it (polled every 2 ms). Prints one JSON object: each
latency in ms, their median and max, the startup time, the time from the last edit until the
background search index finds it, and the server's peak memory (VmHWM) after that.

Usage: serve_latency.py PASSEND SITE_DIR CHAPTER_FILE PAGE_URL [EDITS=20] [BUDGET_SECONDS=300]
Stops early (and says so) when the edits take longer than the budget together.
"""
import json, os, socket, statistics, subprocess, sys, time, urllib.request

passend, site, chapter, page = sys.argv[1:5]
edits = int(sys.argv[5]) if len(sys.argv) > 5 else 20
budget = float(sys.argv[6]) if len(sys.argv) > 6 else 300.0

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
        return r.read().decode("utf-8", "replace")

original = open(chapter, encoding="utf-8").read()
started = time.monotonic()
server = subprocess.Popen([passend, "serve", "--root", site, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while True:
        try:
            get(page)
            break
        except Exception:
            if server.poll() is not None:
                sys.exit("passend serve stopped")
            time.sleep(0.05)
    startup = time.monotonic() - started
    latencies = []
    t_all = time.monotonic()
    for i in range(edits):
        marker = f"Meetpunt {i} van de benchmark."
        text = original.rstrip("\n") + f"\n\n{marker}\n"
        t0 = time.monotonic()
        with open(chapter, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            try:
                if marker in get(page):
                    break
            except Exception:
                pass
            time.sleep(0.002)
        latencies.append((time.monotonic() - t0) * 1000)
        if time.monotonic() - t_all > budget:
            break
        time.sleep(0.2)
    # The search index is made in the background once the sources are quiet: wait until it
    # finds the last edit's marker, so the peak memory includes making it.
    t_index = time.monotonic()
    index_s = None
    while time.monotonic() - t_index < 120:
        try:
            if json.loads(get("/api/zoeken?q=meetpunt"))["total"] > 0:
                index_s = round(time.monotonic() - t_index, 2)
                break
        except Exception:
            pass
        time.sleep(0.1)
    status = open(f"/proc/{server.pid}/status").read()
    peak = next((l.split(":", 1)[1].strip() for l in status.splitlines() if l.startswith("VmHWM")), "")
finally:
    server.terminate()
    server.wait()
    with open(chapter, "w", encoding="utf-8") as f:
        f.write(original)
print(json.dumps({
    "edits": len(latencies), "asked": edits,
    "median_ms": round(statistics.median(latencies), 1), "max_ms": round(max(latencies), 1),
    "latencies_ms": [round(l, 1) for l in latencies],
    "startup_s": round(startup, 2), "search_index_after_last_edit_s": index_s, "peak_memory": peak,
}))
