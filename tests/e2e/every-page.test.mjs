// axe on EVERY HTML page the example site has (issue 19), not a sample per page type: a
// contrast failure on one chapter (a begrip link inside a coloured label) was missed by the
// sample. Each page at 320, 390 and 1280 px, with the full WCAG 2.0/2.1/2.2 A and AA rule
// set; at each width also: no sideways scrolling of the page (WCAG 1.4.10) and every table
// wider than the screen in a labelled, focusable scroll region with a visible cue.
//
// Runtime: one browser context per width, axe loaded into it once (an init script, not
// injected per page), and E2E_WORKERS pages of that context (default: 2, or 1 on one core)
// taking URLs from one queue. The figures (pages, page loads, seconds per width) are written
// to last-run-every-page.json and printed by summary.mjs.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_DIR, haveChromium, skipUnless, launchChromium, axeSourceText, runAxe, formatAxe } from "./lib/tools.mjs";
import { buildSite } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { listFiles, urlForFile } from "./lib/static.mjs";
import { recordingContext, newLog, settle, overflowCheck, scrollRegionProblems } from "./lib/browser.mjs";

const WIDTHS = [320, 390, 1280];
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS) || Math.min(2, os.availableParallelism()));
const site = buildSite();
// Every HTML file as the URL a visitor uses; 404.html as the answer to a path that does not exist.
const urls = listFiles(site.dir, [".html"]).map((f) => (path.relative(site.dir, f) === "404.html" ? "/bestaat-niet/meer/" : urlForFile(site.dir, f))).sort();
const figures = { date: new Date().toISOString(), pages: urls.length, workers: WORKERS, widths: WIDTHS, pageLoads: 0, axeViolations: 0, reflowProblems: 0, seconds: {} };
let server, browser, log;

before(async () => {
  server = await serve(site.dir);
  log = newLog(server.origin);
  if (haveChromium) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.writeFileSync(path.join(E2E_DIR, "last-run-every-page.json"), JSON.stringify(figures, null, 2) + "\n");
  fs.rmSync(site.tmp, { recursive: true, force: true });
});

describe(`every page (${urls.length})`, { skip: skipUnless(haveChromium, "Chromium") }, () => {
  it("the site has all its pages, the Arabic ones right to left among them", () => {
    assert.ok(urls.length > 200, `${urls.length} pages`);
    assert.ok(urls.includes("/ar/"), "the Arabic home page");
  });

  for (const width of WIDTHS) {
    it(`${width} px: axe finds nothing, the page does not scroll sideways, wide tables scroll in a labelled region`, async () => {
      const started = Date.now();
      const context = await recordingContext(browser, server.origin, log, { viewport: { width, height: width >= 1000 ? 900 : 844 } });
      await context.addInitScript(axeSourceText());
      const problems = [];
      const queue = [...urls];
      const worker = async () => {
        const page = await context.newPage();
        for (let u = queue.shift(); u !== undefined; u = queue.shift()) {
          const res = await page.goto(server.origin + u, { waitUntil: "load" });
          figures.pageLoads++;
          if (res.status() !== (u === "/bestaat-niet/meer/" ? 404 : 200)) problems.push(`${u}: status ${res.status()}`);
          await settle(page);
          const axe = await runAxe(page);
          figures.axeViolations += axe.violations.length;
          if (axe.violations.length) problems.push(formatAxe(axe.violations, `${u} at ${width} px`));
          const wide = await overflowCheck(page);
          if (wide) figures.reflowProblems++;
          if (wide) problems.push(`${u}: ${wide.scrollWidth}px content in ${wide.width}px: ${wide.culprits.join("; ")}`);
          for (const m of await scrollRegionProblems(page)) problems.push(`${u}: ${m}`);
        }
        await page.close();
      };
      try {
        await Promise.all(Array.from({ length: WORKERS }, worker));
      } finally {
        await context.close();
        figures.seconds[width] = Math.round((Date.now() - started) / 1000);
      }
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }

  it("no request left the site, no console error, no failed subresource", () => {
    assert.deepEqual(log.external, []);
    assert.deepEqual(log.console, []);
    assert.deepEqual(log.failedSubresources, []);
  });
});
