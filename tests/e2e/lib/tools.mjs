// The real tools the suite drives: Debian's Chromium (through playwright-core), the Nu Html
// Checker (vnu-jar from npm, on Java) and axe-core (from node_modules). Under CI=true a
// missing tool makes the suite fail; elsewhere the tests that need it are skipped with a note.

import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const E2E_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = path.resolve(E2E_DIR, "..", "..");

export const IN_CI = process.env.CI === "true";
export const CHROMIUM = process.env.PASSEND_CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const VNU_JAR = path.join(E2E_DIR, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
export const AXE_SOURCE_PATH = require.resolve("axe-core/axe.min.js");

export const haveChromium = fs.existsSync(CHROMIUM);
export const JAVA = process.env.PASSEND_JAVA || "java";
export const haveJava = spawnSync(JAVA, ["-version"], { stdio: "ignore" }).status === 0;

/**
 * The `skip` option for a test that needs a tool: false when the tool is there. Under CI=true
 * it is always false, so the test runs and fails on the missing tool instead of skipping.
 */
export function skipUnless(available, what) {
  if (available || IN_CI) return false;
  return `${what} not found (set CI=true to make this a failure)`;
}

/** Throw when a tool is missing; used at the start of tests that need it. */
export function requireTool(available, what) {
  if (!available) throw new Error(`${what} is missing${IN_CI ? " under CI=true: the suite fails rather than skips" : ""}`);
}

export async function launchChromium() {
  requireTool(haveChromium, `Chromium (${CHROMIUM})`);
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

let axeSource = null;
/** The axe-core source, to evaluate in the page (page.evaluate is not subject to the CSP). */
export function axeSourceText() {
  axeSource ??= fs.readFileSync(AXE_SOURCE_PATH, "utf8");
  return axeSource;
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Run axe-core on the current page with the WCAG 2.0/2.1/2.2 A and AA rules. */
export async function runAxe(page) {
  const injected = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!injected) await page.evaluate(axeSourceText());
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    const slim = (list) => list.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary })) }));
    return {
      violations: slim(r.violations),
      incomplete: r.incomplete.map((v) => v.id),
      rules: [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map((v) => v.id),
      version: r.testEngine.version,
    };
  }, AXE_TAGS);
}

/** Human-readable report of axe violations. */
export function formatAxe(violations, where) {
  return violations.map((v) => [
    `  [${v.impact}] ${v.id}: ${v.help} (${where})`,
    `    ${v.helpUrl}`,
    ...v.nodes.slice(0, 8).map((n) => `    - ${n.target}\n      ${n.html}\n      ${(n.summary || "").split("\n").join("\n      ")}`),
    v.nodes.length > 8 ? `    … and ${v.nodes.length - 8} more` : "",
  ].filter(Boolean).join("\n")).join("\n");
}

/**
 * Run the Nu Html Checker over files, errors only. Returns
 * { errors: [{ file, line, column, message, extract }], messages }.
 */
export function runVnu(files) {
  requireTool(haveJava, "Java (for the Nu Html Checker)");
  requireTool(fs.existsSync(VNU_JAR), `vnu.jar (${VNU_JAR}; run npm ci in tests/e2e)`);
  const errors = [];
  // Batches keep the command line short however many pages the site grows to.
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200);
    const r = spawnSync(JAVA, ["-Xss4m", "-jar", VNU_JAR, "--format", "json", "--errors-only", ...batch], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    const out = (r.stderr || "").trim() || (r.stdout || "").trim();
    let parsed;
    try { parsed = JSON.parse(out); } catch { throw new Error(`vnu did not return JSON (exit ${r.status}):\n${out.slice(0, 2000)}`); }
    for (const m of parsed.messages || []) {
      if (m.type === "error" || m.type === "non-document-error" || m.subType === "fatal") {
        errors.push({ file: m.url ? fileURLToPath(m.url) : "(unknown)", line: m.lastLine ?? m.firstLine, column: m.lastColumn, message: m.message, extract: m.extract });
      }
    }
  }
  return { errors };
}
