// Checks over the generated files themselves, without a browser: inline code (what a strict
// Content-Security-Policy would block), resources from other hosts, internal links and
// anchors, and the steunpunt contact on every page.

import fs from "node:fs";
import path from "node:path";
import { tokenize, attr, textContent } from "./html.mjs";

/** All files under dir whose name ends with one of the extensions, sorted, as absolute paths. */
export function listFiles(dir, exts) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** The URL path a file is served at: plan/x/index.html -> /plan/x/, 404.html -> /404.html. */
export function urlForFile(root, file) {
  const rel = path.relative(root, file).split(path.sep).join("/");
  if (rel === "index.html") return "/";
  if (rel.endsWith("/index.html")) return "/" + rel.slice(0, -"index.html".length);
  return "/" + rel;
}

// Script types that the browser executes (HTML spec: a JavaScript MIME type, "module", or
// no/empty type). Anything else (application/ld+json, application/json) is a data block.
const JS_TYPES = new Set(["", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-javascript", "application/x-ecmascript", "text/ecmascript", "text/jscript", "text/livescript", "text/x-javascript", "text/x-ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5"]);

/**
 * Inline code in one HTML document: <script> with JavaScript in it, <style> elements,
 * style="" attributes, on*="" event handler attributes and javascript: URLs. A CSP without
 * 'unsafe-inline' blocks all of these, so they are either broken or a hole.
 */
export function inlineCodeProblems(html) {
  const problems = [];
  const tokens = tokenize(html);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== "start") continue;
    if (t.name === "style") problems.push({ line: t.line, what: "<style> element" });
    if (t.name === "script" && attr(t, "src") === undefined) {
      const type = (attr(t, "type") ?? "").trim().toLowerCase().split(";")[0].trim();
      const body = tokens[k + 1]?.kind === "raw" ? tokens[k + 1].text : "";
      if (JS_TYPES.has(type) && body.trim() !== "") problems.push({ line: t.line, what: `inline <script>${type ? ` type="${type}"` : ""} with code: ${body.trim().slice(0, 60)}` });
    }
    for (const a of t.attrs) {
      if (a.name === "style") problems.push({ line: t.line, what: `style="${a.value.slice(0, 60)}" on <${t.name}>` });
      else if (/^on[a-z]+$/.test(a.name)) problems.push({ line: t.line, what: `event handler ${a.name}="${a.value.slice(0, 40)}" on <${t.name}>` });
      else if (["href", "src", "action", "formaction"].includes(a.name) && /^\s*javascript:/i.test(a.value)) problems.push({ line: t.line, what: `javascript: URL in ${a.name} on <${t.name}>` });
    }
  }
  return problems;
}

const LOADING_LINK_RELS = ["stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest", "apple-touch-icon", "mask-icon"];

function srcsetUrls(value) {
  return (value || "").split(",").map((s) => s.trim().split(/\s+/)[0]).filter(Boolean);
}

/** URLs in one document that the browser would fetch by itself (not links the user follows). */
export function resourceUrls(html) {
  const out = [];
  for (const t of tokenize(html)) {
    if (t.kind !== "start") continue;
    const push = (u) => u !== undefined && u !== "" && out.push({ line: t.line, tag: t.name, url: u });
    switch (t.name) {
      case "script": case "iframe": case "embed": case "audio": case "track": push(attr(t, "src")); break;
      case "img": case "source": push(attr(t, "src")); srcsetUrls(attr(t, "srcset")).forEach(push); break;
      case "video": push(attr(t, "src")); push(attr(t, "poster")); break;
      case "object": push(attr(t, "data")); break;
      case "input": if ((attr(t, "type") || "").toLowerCase() === "image") push(attr(t, "src")); break;
      case "link": {
        const rels = (attr(t, "rel") || "").toLowerCase().split(/\s+/);
        if (rels.some((r) => LOADING_LINK_RELS.includes(r))) push(attr(t, "href"));
        break;
      }
      default: break;
    }
  }
  return out;
}

/** url() and @import targets in a stylesheet. */
export function cssUrls(css) {
  const out = [];
  const re = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)["']?\s*\)/g;
  let m;
  while ((m = re.exec(css))) out.push(m[1] || m[2]);
  return out;
}

/** Is this URL (resolved against the page) on another host than the site? */
export function isExternal(url, pageUrl, siteOrigins) {
  if (/^(data|blob|about):/i.test(url)) return false;
  let u;
  try { u = new URL(url, "http://site.invalid" + pageUrl); } catch { return true; }
  return !["http://site.invalid", ...siteOrigins].includes(u.origin);
}

/** Resources from other hosts referenced by the HTML and CSS files under root. */
export function externalResources(root) {
  const problems = [];
  for (const file of listFiles(root, [".html"])) {
    const html = fs.readFileSync(file, "utf8");
    const pageUrl = urlForFile(root, file);
    for (const r of resourceUrls(html)) {
      // A resource URL on the public base_url is not served by the local server either,
      // and would load from the live site: count it too.
      if (isExternal(r.url, pageUrl, [])) problems.push({ file: path.relative(root, file), line: r.line, what: `<${r.tag}> loads ${r.url}` });
    }
  }
  for (const file of listFiles(root, [".css"])) {
    const css = fs.readFileSync(file, "utf8");
    for (const u of cssUrls(css)) {
      if (isExternal(u, urlForFile(root, file), [])) problems.push({ file: path.relative(root, file), line: 0, what: `stylesheet loads ${u}` });
    }
  }
  return problems;
}

/** The ids (and a[name]) a document defines. */
export function anchorsOf(tokens) {
  const ids = new Set();
  for (const t of tokens) {
    if (t.kind !== "start") continue;
    const id = attr(t, "id");
    if (id !== undefined) ids.add(id);
    if (t.name === "a" && attr(t, "name") !== undefined) ids.add(attr(t, "name"));
  }
  return ids;
}

function linksOf(tokens) {
  const out = [];
  for (const t of tokens) {
    if (t.kind !== "start") continue;
    const push = (u) => u !== undefined && out.push({ line: t.line, tag: t.name, url: u });
    if (["a", "area", "link"].includes(t.name)) push(attr(t, "href"));
    if (["img", "script", "iframe", "source", "audio", "video", "track", "embed"].includes(t.name)) push(attr(t, "src"));
    if (["img", "source"].includes(t.name)) srcsetUrls(attr(t, "srcset")).forEach(push);
    if (t.name === "form") push(attr(t, "action"));
    if (t.name === "object") push(attr(t, "data"));
  }
  return out;
}

/**
 * Every internal link and anchor in the HTML files under root resolves: the target file
 * exists (a directory URL needs its index.html) and a #fragment names an id in the target.
 * baseUrl is the site's public address (links to it count as internal). 404.html is
 * resolved as if served at a deep missing path, since that is where visitors meet it.
 * Pass files to check the links of only those pages (targets are still looked up in root).
 */
export function checkLinks(root, baseUrl, { files = listFiles(root, [".html"]) } = {}) {
  const site = new URL(baseUrl).origin;
  const parsed = new Map();
  const tokensOf = (file) => {
    if (!parsed.has(file)) parsed.set(file, tokenize(fs.readFileSync(file, "utf8")));
    return parsed.get(file);
  };
  const anchorCache = new Map();
  const anchorsFor = (file) => {
    if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(tokensOf(file)));
    return anchorCache.get(file);
  };
  const broken = [];
  let checked = 0;
  let external = 0;
  for (const file of files) {
    const rel = path.relative(root, file);
    const pageUrl = rel === "404.html" ? "/bestaat/niet/" : urlForFile(root, file);
    for (const l of linksOf(tokensOf(file))) {
      const raw = l.url.trim();
      if (raw === "" && l.tag === "form") continue;
      if (/^(mailto|tel|data|sms):/i.test(raw)) continue;
      // A same-document reference (#id) points into this page wherever it is served.
      if (raw.startsWith("#")) {
        checked++;
        let id;
        try { id = decodeURIComponent(raw.slice(1)); } catch { id = raw.slice(1); }
        if (id && id !== "top" && !anchorsFor(file).has(id)) broken.push({ file: rel, line: l.line, href: raw, why: `no id="${id}" in this page` });
        continue;
      }
      let u;
      try { u = new URL(raw, "http://site.invalid" + pageUrl); } catch { broken.push({ file: rel, line: l.line, href: raw, why: "not a valid URL" }); continue; }
      if (u.origin !== "http://site.invalid" && u.origin !== site) { external++; continue; }
      checked++;
      let p;
      try { p = decodeURIComponent(u.pathname); } catch { broken.push({ file: rel, line: l.line, href: raw, why: "bad percent-encoding" }); continue; }
      let target = path.join(root, p);
      if (!target.startsWith(root)) { broken.push({ file: rel, line: l.line, href: raw, why: "outside the site" }); continue; }
      if (p.endsWith("/")) target = path.join(target, "index.html");
      else if (fs.existsSync(target) && fs.statSync(target).isDirectory()) target = path.join(target, "index.html");
      if (!fs.existsSync(target)) { broken.push({ file: rel, line: l.line, href: raw, why: `no file ${path.relative(root, target)}` }); continue; }
      const frag = u.hash.slice(1);
      if (frag && frag !== "top" && target.endsWith(".html")) {
        let id;
        try { id = decodeURIComponent(frag); } catch { id = frag; }
        if (!anchorsFor(target).has(id)) broken.push({ file: rel, line: l.line, href: raw, why: `no id="${id}" in ${path.relative(root, target)}` });
      }
    }
  }
  return { files: files.length, checked, external, broken };
}

/**
 * The steunpunt phone number and e-mail address in the text of a document and, when links is
 * true (site pages, not the OOGO export documents), as tel: and mailto: links.
 */
export function contactProblems(html, phone, email, { links = true } = {}) {
  const tokens = tokenize(html);
  const text = textContent(tokens).replace(/\u00a0/g, " ");
  const hrefs = tokens.filter((t) => t.kind === "start" && t.name === "a").map((t) => attr(t, "href") || "");
  const problems = [];
  if (!text.includes(phone)) problems.push(`phone number "${phone}" not in the text`);
  if (!text.includes(email)) problems.push(`e-mail "${email}" not in the text`);
  if (!links) return problems;
  const digits = phone.replace(/[^0-9+]/g, "");
  if (!hrefs.some((h) => h.replace(/[^0-9+]/g, "").endsWith(digits.replace(/^0/, "")) && /^tel:/i.test(h))) problems.push(`no tel: link for ${phone}`);
  if (!hrefs.some((h) => h.toLowerCase() === `mailto:${email.toLowerCase()}`)) problems.push(`no mailto: link for ${email}`);
  return problems;
}

/**
 * DESIGN.md: "tables with caption and scope". Every <table> has a <caption> (its first child)
 * and every <th> a scope attribute. Returns [{ line, what }].
 */
export function tableProblems(html) {
  const problems = [];
  const tokens = tokenize(html);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== "start") continue;
    if (t.name === "table") {
      const next = tokens.slice(k + 1).find((x) => !(x.kind === "text" && x.text.trim() === ""));
      if (!next || next.kind !== "start" || next.name !== "caption") problems.push({ line: t.line, what: "<table> without <caption>" });
    }
    if (t.name === "th" && attr(t, "scope") === undefined) problems.push({ line: t.line, what: "<th> without scope" });
  }
  return problems;
}
