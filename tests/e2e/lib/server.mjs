// A tiny static file server for the built site, on 127.0.0.1 and a free port. It sends the
// headers of the generated `_headers` file (Netlify / Cloudflare Pages format) the way such a
// host would, or a strict Content-Security-Policy when there is no such file, and serves
// 404.html with status 404 for anything that does not exist.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";

export const STRICT_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".pdf": "application/pdf",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Parse a `_headers` file: a path pattern on its own line, then indented `Name: value`
 * lines. `*` matches anything (a splat), `:name` one path segment. Returns
 * [{ pattern: RegExp, headers: [[name, value]] }].
 */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "" || raw.trim().startsWith("#")) continue;
    if (!/^\s/.test(raw)) {
      const source = raw.trim();
      const re = "^" + source.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/:[a-zA-Z]\w*/g, "[^/]+") + "$";
      current = { source, pattern: new RegExp(re), headers: [] };
      rules.push(current);
      continue;
    }
    const colon = raw.indexOf(":");
    if (current && colon > 0) current.headers.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
  }
  return rules;
}

/**
 * Start serving root. Options: headers: "file" (default: use root/_headers, or the strict
 * CSP when missing) or "none" (send no security headers at all).
 * Resolves to { origin, port, close(), headerSource }.
 */
export function serve(root, { headers = "file" } = {}) {
  root = path.resolve(root);
  const headersPath = path.join(root, "_headers");
  const rules = headers === "file" && fs.existsSync(headersPath) ? parseHeadersFile(fs.readFileSync(headersPath, "utf8")) : null;
  const headerSource = headers === "none" ? "none" : rules ? "_headers" : "built-in strict CSP";

  const securityHeaders = (urlPath) => {
    if (headers === "none") return [];
    if (!rules) return [["Content-Security-Policy", STRICT_CSP]];
    return rules.filter((r) => r.pattern.test(urlPath)).flatMap((r) => r.headers);
  };

  const send = (res, status, file, urlPath, method) => {
    const body = fs.readFileSync(file);
    res.statusCode = status;
    for (const [k, v] of securityHeaders(urlPath)) res.setHeader(k, v);
    res.setHeader("Content-Type", TYPES[path.extname(file).toLowerCase()] || "application/octet-stream");
    res.setHeader("Content-Length", body.length);
    res.setHeader("Cache-Control", "no-store");
    res.end(method === "HEAD" ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let urlPath;
    try { urlPath = decodeURIComponent(url.pathname); } catch { urlPath = "/\0"; }
    const notFound = () => {
      const page = path.join(root, "404.html");
      if (fs.existsSync(page)) return send(res, 404, page, urlPath, req.method);
      res.statusCode = 404;
      res.end("not found");
    };
    if (req.method !== "GET" && req.method !== "HEAD") { res.statusCode = 405; res.end(); return; }
    if (urlPath.includes("\0")) return notFound();
    let file = path.join(root, urlPath);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound();
    // _headers is configuration for the host, not content.
    if (path.basename(file) === "_headers" || path.basename(file).startsWith(".")) return notFound();
    let stat = fs.existsSync(file) ? fs.statSync(file) : null;
    if (stat && stat.isDirectory()) {
      if (!urlPath.endsWith("/")) {
        res.statusCode = 301;
        res.setHeader("Location", url.pathname + "/" + url.search);
        res.end();
        return;
      }
      file = path.join(file, "index.html");
      stat = fs.existsSync(file) ? fs.statSync(file) : null;
    }
    if (!stat || !stat.isFile()) return notFound();
    send(res, 200, file, urlPath, req.method);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        headerSource,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
