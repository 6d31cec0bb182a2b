// Measures static search in headless Chromium for passend and Pagefind on the same built site:
// bytes transferred for a first query (with the script) and a following query, and latency.
// Chromium is driven over the DevTools protocol on a pipe (fds 3 and 4): no dependencies.
// Usage: node bench/measure.mjs PUBLIC_DIR > results.json
import { spawn, execFileSync } from "node:child_process";
import http from "node:http";
import http2 from "node:http2";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const QUERIES = process.env.BENCH_QUERIES ? JSON.parse(process.env.BENCH_QUERIES) : ["dyslexie", "autisme", "rolstoel", "hoogbegaafd", "thuiszitten", "toelaatbaarheidsverklaring", "ondersteuning", "plusklas", "gedrag", "taalklas"];

// The Pagefind page: an empty document that imports Pagefind's API on demand.
fs.writeFileSync(path.join(dir, "pf-bench.html"), '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>pf</title></head><body></body></html>');

// A cross-check of the DevTools counts: the body bytes the server sent for the engine's files.
let served = 0, servedFilter = () => false;
const takeServed = () => { const b = served; served = 0; return b; };
// BENCH_HTTP2=1 serves over HTTP/2 with TLS (a throwaway self-signed certificate made with
// openssl), as most static hosts do: one connection, every request of a round at once.
const h2 = process.env.BENCH_HTTP2 === "1";
const handler = (req, res) => {
  let p = path.join(dir, decodeURIComponent(req.url.split("?")[0]));
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
  if (!fs.existsSync(p)) { res.writeHead(404); return res.end(); }
  const ext = path.extname(p);
  const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" }[ext] || "application/octet-stream";
  // Whole files from memory with their length, as a static host's cache serves them: the
  // server should cost as little as possible of the measured time, for both engines.
  const body = fs.readFileSync(p);
  if (servedFilter(req.url)) served += body.length;
  res.writeHead(200, { "Content-Type": type, "Content-Length": body.length });
  res.end(body);
};
let server;
if (h2) {
  const tls = fs.mkdtempSync("/tmp/bench-tls-");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", `${tls}/key.pem`, "-out", `${tls}/cert.pem`], { stdio: "ignore" });
  server = http2.createSecureServer({ key: fs.readFileSync(`${tls}/key.pem`), cert: fs.readFileSync(`${tls}/cert.pem`) }, handler);
} else {
  server = http.createServer(handler);
}
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `${h2 ? "https" : "http"}://127.0.0.1:${server.address().port}`;

const chrome = spawn(process.env.CHROMIUM || "/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--remote-debugging-pipe", ...(h2 ? ["--ignore-certificate-errors"] : []), "--user-data-dir=" + fs.mkdtempSync("/tmp/pf-bench-"), "about:blank"], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
const out = chrome.stdio[3], inp = chrome.stdio[4];
let buf = Buffer.alloc(0), next = 0;
const waiting = new Map(), listeners = [];
inp.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  let i;
  while ((i = buf.indexOf(0)) >= 0) {
    const msg = JSON.parse(buf.subarray(0, i).toString());
    buf = buf.subarray(i + 1);
    if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
    else listeners.forEach((l) => l(msg));
  }
});
function call(method, params = {}, sessionId) {
  const id = ++next;
  out.write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((resolve, reject) => waiting.set(id, (m) => (m.error ? reject(new Error(method + ": " + JSON.stringify(m.error))) : resolve(m.result))));
}
async function page() {
  const { targetId } = await call("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await call("Target.attachToTarget", { targetId, flatten: true });
  await call("Network.enable", {}, sessionId);
  await call("Network.setCacheDisabled", { cacheDisabled: false }, sessionId);
  await call("Page.enable", {}, sessionId);
  const requests = new Map();
  let bytes = 0;
  const counted = { value: (u) => true };
  // Requests made by workers (Pagefind searches in a Web Worker) are not the page's: attach to
  // every worker the page starts, before it runs, and count its requests too.
  const sessions = new Set([sessionId]);
  await call("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
  listeners.push((m) => {
    if (m.method === "Target.attachedToTarget" && sessions.has(m.sessionId)) {
      const child = m.params.sessionId;
      sessions.add(child);
      call("Network.enable", {}, child)
        .then(() => call("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, child))
        .catch(() => {})
        .then(() => call("Runtime.runIfWaitingForDebugger", {}, child)).catch(() => {});
      return;
    }
    if (!sessions.has(m.sessionId)) return;
    if (m.method === "Network.requestWillBeSent") requests.set(m.params.requestId, m.params.request.url);
    if (m.method === "Network.loadingFinished" && counted.value(requests.get(m.params.requestId) || "")) {
      bytes += m.params.encodedDataLength;
      if (process.env.BENCH_DEBUG) console.error("  " + requests.get(m.params.requestId) + " " + m.params.encodedDataLength);
    }
  });
  const evaluate = async (expression) => {
    const r = await call("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(expression + ": " + JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  return {
    sessionId, evaluate, counted,
    take() { const b = bytes; bytes = 0; return b; },
    async goto(url, ready) {
      await call("Page.navigate", { url }, sessionId);
      for (let i = 0; i < 400; i++) {
        await new Promise((r) => setTimeout(r, 25));
        try { if (await evaluate(`!!(${ready})`)) return; } catch (e) { /* navigating */ }
      }
      throw new Error("not ready: " + url);
    },
    close() { return call("Target.closeTarget", { targetId }); },
  };
}

const engines = {
  passend: {
    url: "/zoeken/", ready: "document.readyState === 'complete' && window.passendZoeken",
    counts: (u) => u.includes("/assets/search.js") || u.includes("/zoeken/index/"),
    run: (q) => `(async () => { const t = window.__qt = performance.now(); const r = await passendZoeken.search(${JSON.stringify(q)}, 10); return [performance.now() - t, r.total, r.results.map(x => x.url)]; })()`,
  },
  pagefind: {
    url: "/pf-bench.html", ready: "document.readyState === 'complete'",
    counts: (u) => u.includes("/pagefind/"),
    run: (q) => `(async () => { const t = performance.now(); window.pf = window.pf || await import('/pagefind/pagefind.js'); const s = await pf.search(${JSON.stringify(q)}); const d = await Promise.all(s.results.slice(0, 10).map(x => x.data())); return [performance.now() - t, s.results.length, d.map(x => x.url)]; })()`,
  },
};

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const results = {};
// BENCH_ENGINES=passend measures one engine only; BENCH_DEBUG=1 lists every counted request.
for (const [name, e] of Object.entries(engines).filter(([n]) => !process.env.BENCH_ENGINES || process.env.BENCH_ENGINES.split(",").includes(n))) {
  const first = [], firstMs = [], nextB = [], nextMs = [], found = {}, firstServed = [], nextServed = [];
  servedFilter = e.counts;
  for (let i = 0; i < QUERIES.length; i++) {
    // A fresh page and an empty cache for the first query; search.js loads with the page.
    await call("Network.clearBrowserCache", {}, undefined).catch(() => {});
    const p = await page();
    await call("Network.clearBrowserCache", {}, p.sessionId);
    p.counted.value = e.counts;
    await p.goto(base + e.url, e.ready);
    await new Promise((r) => setTimeout(r, 100));
    if (process.env.BENCH_DEBUG) console.error(name + " first " + QUERIES[i]);
    const [ms, total] = await p.evaluate(e.run(QUERIES[i]));
    await new Promise((r) => setTimeout(r, 100));
    first.push(p.take()); firstServed.push(takeServed()); firstMs.push(ms); found[QUERIES[i]] = total;
    // The following queries in the same page.
    for (let j = 1; j <= 3; j++) {
      const q = QUERIES[(i + j) % QUERIES.length];
      if (process.env.BENCH_DEBUG) console.error(name + " next " + q);
      const [ms2] = await p.evaluate(e.run(q));
      if (process.env.BENCH_DEBUG) console.error("  " + ms2.toFixed(1) + " ms " + await p.evaluate("JSON.stringify(performance.getEntriesByType('resource').filter(e => e.startTime > window.__qt).map(e => [e.name.split('/').pop().split('?')[0], Math.round(e.startTime - window.__qt), Math.round(e.duration)]))"));
      await new Promise((r) => setTimeout(r, 50));
      nextB.push(p.take()); nextServed.push(takeServed()); nextMs.push(ms2);
    }
    await p.close();
  }
  results[name] = {
    first_query_bytes_median: median(first), first_query_bytes_max: Math.max(...first), first_query_ms_median: median(firstMs),
    next_query_bytes_median: median(nextB), next_query_bytes_max: Math.max(...nextB), next_query_ms_median: median(nextMs), next_query_ms_max: Math.max(...nextMs),
    first_query_served_bytes_median: median(firstServed), next_query_served_bytes_median: median(nextServed),
    results_found: found,
  };
}
console.log(JSON.stringify(results, null, 2));
chrome.kill(); server.close();
process.exit(0);
