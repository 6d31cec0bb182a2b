// `passend serve` in Chromium (issue 12, defect 14): pages of the live preview load without
// any request waiting on the server (the old server stalled a script request for seconds in
// about one page load of four), and saving a chapter reloads the open page by itself.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { BINARY } from "./lib/site.mjs";
import { REPO_ROOT, launchChromium } from "./lib/tools.mjs";

const PAGES = ["/", "/scholen/", "/zoeken/", "/steunpunt/", "/plan/", "/begrippen/"];
const ROUNDS = 4;
const SLOWEST_MS = 1000;

let tmp, child, origin, browser;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passend-preview-"));
  for (const name of ["passend.toml", "content", "schools", "themes", "static", "templates", "i18n"]) {
    const from = path.join(REPO_ROOT, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(tmp, name), { recursive: true });
  }
  child = spawn(BINARY, ["serve", "--root", tmp, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  origin = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`passend serve did not start:\n${seen}`)), 60000);
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  child?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("no request of a preview page waits on the server", async () => {
  const page = await browser.newPage();
  const slow = [];
  let loads = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of PAGES) {
      await page.goto(origin + p, { waitUntil: "load" });
      loads++;
      const timings = await page.evaluate(() =>
        [{ name: location.href, duration: performance.getEntriesByType("navigation")[0].responseEnd - performance.getEntriesByType("navigation")[0].requestStart }].concat(
          performance.getEntriesByType("resource").filter((r) => !r.name.includes("/__passend/wacht")).map((r) => ({ name: r.name, duration: r.responseEnd - r.requestStart }))
        )
      );
      for (const t of timings) if (t.duration > SLOWEST_MS) slow.push(`${t.name}: ${Math.round(t.duration)} ms`);
    }
  }
  await page.close();
  assert.equal(loads, ROUNDS * PAGES.length);
  assert.deepEqual(slow, [], `requests slower than ${SLOWEST_MS} ms`);
});

test("saving a chapter reloads the open page", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/plan/", { waitUntil: "load" });
  const before = await page.evaluate(() => document.documentElement.getAttribute("data-passend-generatie"));
  const chapter = fs.readdirSync(path.join(tmp, "content/plan")).filter((f) => f.endsWith(".md")).sort()[0];
  fs.appendFileSync(path.join(tmp, "content/plan", chapter), "\nEen nieuwe zin uit de test van het voorbeeld.\n");
  await page.waitForFunction((gen) => document.documentElement.getAttribute("data-passend-generatie") !== gen, before, { timeout: 30000 });
  await page.close();
});
