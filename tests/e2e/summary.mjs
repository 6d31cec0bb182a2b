// Prints the figures of the last run (written by site.test.mjs to last-run.json), one line
// per figure, after the test report. Exits non-zero when there are none.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "last-run.json");
if (!fs.existsSync(file)) {
  console.log("e2e summary: no figures recorded (the site suite did not finish)");
  process.exit(1);
}
const f = JSON.parse(fs.readFileSync(file, "utf8"));
const n = (v) => (v === null || v === undefined ? "not run" : String(v));
const lines = [
  ["pages checked", `${n(f.pagesChecked)} URLs of ${n(f.pageTypes)} page types in Chromium ${f.chromium ?? "(not run)"} (${n(f.pageVisits)} page loads at 375 and 1280 px); all ${n(f.htmlFiles)} HTML files with vnu and the static checks`],
  ["axe rules run", `${n(f.axeRules)} rules (axe-core ${f.axeVersion ?? "?"}, ${f.axeTags.join(" ")}), ${n(f.axeRuleRuns)} rule runs`],
  ["axe violations", `${n(f.axeViolations)} (${n(f.axeViolationNodes)} elements)`],
  ["vnu errors", n(f.vnuErrors)],
  ["broken links", `${n(f.brokenLinks)} of ${n(f.linksChecked)} internal links and anchors`],
  ["external requests", `${n(f.externalRequests)} in the browser, ${n(f.externalResourcesStatic)} referenced in HTML/CSS`],
  ["keyboard problems", n(f.keyboardProblems)],
  ["no-JS problems", n(f.noJsProblems)],
  ["inline script/style", n(f.inlineCode)],
  ["contact missing", n(f.contactMissing)],
  ["tables without caption / th without scope", n(f.tableProblems)],
  ["CSP violations / console errors / failed subresources", `${n(f.cspViolations)} / ${n(f.consoleErrors)} / ${n(f.failedSubresources)}`],
];
// every-page.test.mjs: axe and reflow on every HTML file at 320, 390 and 1280 px.
const everyFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "last-run-every-page.json");
if (fs.existsSync(everyFile)) {
  const e = JSON.parse(fs.readFileSync(everyFile, "utf8"));
  lines.push(["every page", `${e.pages} pages at ${e.widths.join(", ")} px (${e.pageLoads} page loads, ${e.workers} workers; seconds per width ${e.widths.map((w) => e.seconds[w] ?? "?").join(" / ")}): ${e.axeViolations} axe violations, ${e.reflowProblems} pages scrolling sideways`]);
} else {
  lines.push(["every page", "not run"]);
}
console.log(`\ne2e summary (${f.date}, headers from ${f.headers})`);
for (const [k, v] of lines) console.log(`  ${k}: ${v}`);
