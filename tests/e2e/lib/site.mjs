// Building the example site with the release binary and choosing the pages to check in the
// browser: one or two of every page type found in sitemap.xml, plus the 404 page, the OOGO
// export document and a few states that only exist with a query string (finder with
// filters, compare view, search results).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { REPO_ROOT } from "./tools.mjs";

// Cargo's target directory: ./target unless CARGO_TARGET_DIR says otherwise.
const TARGET_DIR = process.env.CARGO_TARGET_DIR ? path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR) : path.join(REPO_ROOT, "target");
export const BINARY = path.join(TARGET_DIR, "release", process.platform === "win32" ? "passend.exe" : "passend");

/** Build the site at root into a fresh temporary directory. Returns { dir, output, tmp }. */
export function buildSite(root = REPO_ROOT) {
  if (!fs.existsSync(BINARY)) throw new Error(`${BINARY} does not exist: run \`cargo build --release\` first (.ci/run does)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passend-e2e-"));
  const dir = path.join(tmp, "site");
  const r = spawnSync(BINARY, ["build", "--root", root, "--output", dir], { encoding: "utf8" });
  const output = `${r.stdout || ""}${r.stderr || ""}`;
  if (r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`passend build failed (exit ${r.status}):\n${output}`);
  }
  return { dir, output, tmp };
}

/** The [steunpunt] telefoon and email, and base_url, from passend.toml (simple key = "value" lines). */
export function readConfig(root = REPO_ROOT) {
  const toml = fs.readFileSync(path.join(root, "passend.toml"), "utf8");
  const sections = {};
  let current = "";
  for (const line of toml.split(/\r?\n/)) {
    const s = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (s) { current = s[1].trim(); continue; }
    const kv = /^\s*([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
    if (kv) (sections[current] ??= {})[kv[1]] = JSON.parse(`"${kv[2]}"`);
  }
  const cfg = { baseUrl: sections[""]?.base_url, telefoon: sections.steunpunt?.telefoon, email: sections.steunpunt?.email };
  for (const [k, v] of Object.entries(cfg)) if (!v) throw new Error(`passend.toml: no ${k} found`);
  return cfg;
}

/** URL paths listed in sitemap.xml, relative to base_url. */
export function sitemapPaths(dir, baseUrl) {
  const xml = fs.readFileSync(path.join(dir, "sitemap.xml"), "utf8");
  const base = baseUrl.replace(/\/$/, "");
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => {
    const loc = m[1].replace(/&amp;/g, "&");
    return loc.startsWith(base) ? loc.slice(base.length) || "/" : new URL(loc).pathname;
  });
}

// Page types, most specific first. `many` types get two samples (first and last in sorted
// order), the others one. A path that matches none of them is a new page type: it is named
// after its parent path and joins the suite by itself.
const PAGE_TYPES = [
  ["home", /^\/$/],
  ["plan index", /^\/plan\/$/],
  ["plan wijzigingen", /^\/plan\/wijzigingen\/$/],
  ["plan addendum", /^\/plan\/wijzigingen\/[^/]+\/$/, "many"],
  ["plan verantwoording", /^\/plan\/verantwoording\/$/],
  ["plan gewone taal", /^\/plan\/gewone-taal\/$/],
  ["plan cijfers", /^\/plan\/cijfers\/$/],
  ["plan versies", /^\/plan\/versies\/$/],
  ["chapter version", /^\/plan\/versies\/[^/]+\/[^/]+\/$/, "many"],
  ["chapter comparison", /^\/plan\/versies\/[^/]+\/[^/]+\/vergelijking\/$/, "many"],
  ["chapter", /^\/plan\/[^/]+\/$/, "many"],
  ["finder", /^\/scholen\/$/],
  ["dekking", /^\/scholen\/dekking\/$/],
  ["vergelijk", /^\/scholen\/vergelijk\/$/],
  ["finder per gemeente", /^\/scholen\/gemeente\/[^/]+\/$/, "many"],
  ["finder per gemeente en ondersteuning", /^\/scholen\/gemeente\/[^/]+\/[^/]+\/$/, "many"],
  ["finder per ondersteuning", /^\/scholen\/ondersteuning\/[^/]+\/$/, "many"],
  ["school", /^\/scholen\/[^/]+\/$/, "many"],
  ["steunpunt", /^\/steunpunt\/$/],
  ["steunpunt route", /^\/steunpunt\/route\/$/],
  ["steunpunt vragen (FAQ)", /^\/steunpunt\/vragen\/$/],
  ["steunpunt jongeren", /^\/steunpunt\/jongeren\/$/],
  ["steunpunt page", /^\/steunpunt\/[^/]+\/$/, "many"],
  ["begrippen", /^\/begrippen\/$/],
  ["zoeken", /^\/zoeken\/$/],
  ["oogo", /^\/oogo\/$/],
  ["oogo gemeente", /^\/oogo\/[^/]+\/$/, "many"],
  ["toegankelijkheid", /^\/toegankelijkheid\/$/],
  ["open data", /^\/data\/$/],
];

/** Type of a page, with a language prefix (/en/...) as a type of its own. */
export function pageType(urlPath) {
  const lang = /^\/([a-z]{2}(?:-[a-z]+)?)(\/.*)$/.exec(urlPath);
  if (lang && !["plan", "oogo"].includes(lang[1])) {
    const t = pageType(lang[2]);
    return { name: `${t.name} (${lang[1]})`, many: t.many };
  }
  for (const [name, re, many] of PAGE_TYPES) if (re.test(urlPath)) return { name, many: many === "many" };
  const parent = urlPath.replace(/[^/]+\/?$/, "");
  return { name: `new type ${parent}*`, many: true };
}

/**
 * The pages to check in the browser. Each: { url, type, status, layout } where layout is
 * "site" (skip link, main#inhoud, footer) or "document" (the OOGO export).
 */
export function choosePages(dir, baseUrl) {
  const byType = new Map();
  for (const p of [...new Set(sitemapPaths(dir, baseUrl))].sort()) {
    const t = pageType(p);
    if (!byType.has(t.name)) byType.set(t.name, { many: t.many, paths: [] });
    byType.get(t.name).paths.push(p);
  }
  const pages = [];
  for (const [type, { many, paths }] of byType) {
    const picks = many && paths.length > 1 ? [paths[0], paths.at(-1)] : [paths[0]];
    for (const url of picks) pages.push({ url, type, status: 200, layout: "site" });
  }
  // A chapter with tables of figures from the data (issue 14), whichever it is.
  const withFigures = (byType.get("chapter")?.paths ?? []).find((p) => fs.readFileSync(path.join(dir, p, "index.html"), "utf8").includes('class="cijfers"'));
  if (withFigures) pages.push({ url: withFigures, type: "chapter with figures", status: 200, layout: "site" });
  pages.push({ url: "/bestaat-niet/meer/", type: "404", status: 404, layout: "site" });
  // The OOGO export document of the first gemeente that has one.
  const oogo = path.join(dir, "oogo");
  if (fs.existsSync(oogo)) {
    const g = fs.readdirSync(oogo).sort().find((d) => fs.existsSync(path.join(oogo, d, `oogo-${d}.html`)));
    if (g) pages.push({ url: `/oogo/${g}/oogo-${g}.html`, type: "oogo export document", status: 200, layout: "document" });
  }
  // States that only exist with a query string.
  const schools = sitemapPaths(dir, baseUrl).filter((p) => pageType(p).name === "school").map((p) => p.split("/")[2]).sort();
  const gemeenten = sitemapPaths(dir, baseUrl).filter((p) => pageType(p).name === "finder per gemeente").map((p) => p.split("/")[3]).sort();
  if (byType.has("finder") && schools.length >= 2 && gemeenten.length) {
    pages.push({ url: `/scholen/?gemeente=${gemeenten[0]}&ondersteuning=autisme&toegankelijk=rolstoel&vergelijk=${schools[0].toUpperCase()},${schools[1].toUpperCase()}`, type: "finder with filters", status: 200, layout: "site" });
  }
  // The compare view is not in the sitemap (it needs a selection and JavaScript), so it is added
  // here whenever the build has it: bare, and with three schools chosen.
  if (fs.existsSync(path.join(dir, "scholen", "vergelijk", "index.html")) && schools.length >= 3) {
    if (!byType.has("vergelijk")) pages.push({ url: "/scholen/vergelijk/", type: "vergelijk", status: 200, layout: "site" });
    pages.push({ url: `/scholen/vergelijk/?ids=${schools.slice(0, 3).join(",")}`, type: "vergelijk with schools", status: 200, layout: "site" });
  }
  if (byType.has("zoeken")) pages.push({ url: "/zoeken/?q=dyslexie", type: "search results", status: 200, layout: "site" });
  // A school page with the SOP fields schools fill in (expertise, contact for support,
  // aanmelden), when the two samples above lack them.
  const withSop = schools.find((id) => fs.readFileSync(path.join(dir, "scholen", id, "index.html"), "utf8").includes('id="p-aanmelden"'));
  if (withSop && !pages.some((p) => p.url === `/scholen/${withSop}/`)) pages.push({ url: `/scholen/${withSop}/`, type: "school with SOP fields", status: 200, layout: "site" });
  return pages;
}
