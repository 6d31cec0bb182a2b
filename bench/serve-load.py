#!/usr/bin/env python3
"""Load check of `passend serve` (issue 12): loopback only, bounded in time, standard library only.

Starts `passend serve` on a copy of the example site, then for each mode (keep-alive: every
client keeps one connection; close: a new connection per request) runs 50 clients for
SECONDS seconds while a chapter is touched every second, so the preview rebuilds under load.
Prints requests/s, p50 and p99 latency and errors per mode. Give several binaries to measure
them side by side in one run:

    python3 bench/serve-load.py target/release/passend [OLD_BINARY ...] [--seconds 10]
"""
import os, shutil, socket, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLIENTS = 50
PATHS = ["/", "/assets/style.css", "/scholen/", "/plan/", "/steunpunt/"]


def copy_site(dest):
    for name in ["passend.toml", "content", "schools", "themes", "static", "templates", "i18n"]:
        src = os.path.join(ROOT, name)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(dest, name))
        elif os.path.isfile(src):
            shutil.copy(src, dest)


def start(binary, site):
    proc = subprocess.Popen([binary, "serve", "--root", site, "--port", "0"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, port
    raise SystemExit(f"{binary} did not start")


def read_response(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    status = int(head.split()[1])
    length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        rest += chunk
    return status


def client(port, keep_alive, deadline, latencies, errors, n):
    sock = None
    i = n
    while time.time() < deadline:
        path = PATHS[i % len(PATHS)]
        i += 1
        started = time.perf_counter()
        try:
            if sock is None:
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            header = "" if keep_alive else "Connection: close\r\n"
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{header}\r\n".encode())
            status = read_response(sock)
            if status >= 500:
                errors.append(status)
            latencies.append(time.perf_counter() - started)
        except (OSError, ConnectionError, ValueError, StopIteration) as e:
            errors.append(repr(e))
            sock = None
        if not keep_alive and sock is not None:
            sock.close()
            sock = None


def run(binary, seconds):
    site = tempfile.mkdtemp(prefix="passend-load-")
    try:
        copy_site(site)
        proc, port = start(binary, site)
        chapter = sorted(f for f in os.listdir(os.path.join(site, "content/plan")) if f.endswith(".md"))[0]
        results = []
        for keep_alive in (True, False):
            latencies, errors = [], []
            deadline = time.time() + seconds
            threads = [threading.Thread(target=client, args=(port, keep_alive, deadline, latencies, errors, n)) for n in range(CLIENTS)]
            for t in threads:
                t.start()
            while time.time() < deadline:
                time.sleep(1)
                with open(os.path.join(site, "content/plan", chapter), "a") as f:
                    f.write("\nEen regel om opnieuw te bouwen.\n")
            for t in threads:
                t.join()
            latencies.sort()
            pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
            results.append(("keep-alive" if keep_alive else "close", len(latencies) / seconds, pct(0.5), pct(0.99), len(errors)))
        proc.kill()
        proc.wait()
        return results
    finally:
        shutil.rmtree(site, ignore_errors=True)


def main():
    args = sys.argv[1:]
    seconds = 10
    if "--seconds" in args:
        i = args.index("--seconds")
        seconds = int(args[i + 1])
        del args[i : i + 2]
    binaries = args or [os.path.join(ROOT, "target/release/passend")]
    print(f"{CLIENTS} clients, {seconds} s per mode, a rebuild every second")
    print(f"{'binary':40} {'mode':11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for binary in binaries:
        for mode, rps, p50, p99, errors in run(binary, seconds):
            print(f"{binary:40} {mode:11} {rps:8.0f} {p50:8.1f} {p99:8.1f} {errors:7}")


if __name__ == "__main__":
    main()
