// The site on a parent's phone (issue 19), at 390, 320 and 1280 px wide, on one or two pages
// of every page type, with a screenshot of each type at each width in /tmp/e2e-shots/: the
// header leaves the screen to the content (under 100 px at 390), the page does not scroll
// sideways, no word of a heading, table header, caption, menu or table of contents is broken in
// the middle, no text runs out of its box, and every table wider than the screen scrolls in a
// labelled, focusable region with a visible cue. (axe runs on every page at these widths in
// every-page.test.mjs.) Then, with JavaScript off: a parent reaches the schools
// in Rietmeer with autism support, VO, wheelchair accessible, in at most three links, and the
// search page says why it cannot search and where to go instead.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { haveChromium, skipUnless, launchChromium } from "./lib/tools.mjs";
import { buildSite, readConfig, choosePages } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { recordingContext, newLog, settle, overflowCheck, layoutProblems, scrollRegionProblems } from "./lib/browser.mjs";

const HEADER_MAX = 100;
const config = readConfig();
const site = buildSite();
const pages = choosePages(site.dir, config.baseUrl).filter((p) => p.layout === "site");
let server, browser, log;

before(async () => {
  server = await serve(site.dir);
  log = newLog(server.origin);
  if (haveChromium) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(site.tmp, { recursive: true, force: true });
});
const url = (p) => server.origin + p;

const SHOTS = "/tmp/e2e-shots";
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

describe("on a phone", { skip: skipUnless(haveChromium, "Chromium") }, () => {
  for (const width of [390, 320, 1280]) {
    it(`${width} px: header, no sideways scrolling, whole words, no text out of its box, scrollable tables; a screenshot per page type (${pages.length} pages)`, async () => {
      const context = await recordingContext(browser, server.origin, log, { viewport: { width, height: width >= 1000 ? 900 : 844 } });
      const problems = [];
      const shot = new Set();
      fs.mkdirSync(SHOTS, { recursive: true });
      try {
        const page = await context.newPage();
        for (const p of pages) {
          const res = await page.goto(url(p.url), { waitUntil: "load" });
          assert.equal(res.status(), p.status, p.url);
          await settle(page);
          for (const m of await layoutProblems(page, { width, headerMax: HEADER_MAX })) problems.push(`${p.url}: ${m}`);
          for (const m of await scrollRegionProblems(page)) problems.push(`${p.url}: ${m}`);
          const wide = await overflowCheck(page);
          if (wide) problems.push(`${p.url}: ${wide.scrollWidth}px content in ${wide.width}px: ${wide.culprits.join("; ")}`);
          if (!shot.has(p.type)) {
            shot.add(p.type);
            await page.screenshot({ path: `${SHOTS}/${width}-${slug(p.type)}.png` });
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], problems.join("\n"));
    });
  }

  it("390 px: the home page's header is under 100 px, measured", async () => {
    const context = await recordingContext(browser, server.origin, log, { viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(url("/"), { waitUntil: "load" });
      const top = await page.evaluate(() => Math.round(document.querySelector("main").getBoundingClientRect().top));
      console.log(`content starts at ${top} px on a 390 px phone`);
      assert.ok(top < HEADER_MAX, `content starts at ${top} px`);
      await page.screenshot({ path: "/tmp/e2e-home-390.png" });
    } finally {
      await context.close();
    }
  });

  describe("without JavaScript", () => {
    let context;
    before(async () => { context = await recordingContext(browser, server.origin, log, { viewport: { width: 390, height: 844 }, javaScriptEnabled: false }); });
    after(async () => { await context?.close(); });

    it("schools in Rietmeer with autism support, VO, wheelchair accessible: at most three links from /scholen/", async () => {
      const page = await context.newPage();
      await page.goto(url("/scholen/"), { waitUntil: "load" });
      let clicks = 0;
      for (const name of ["Rietmeer", /^Autisme/]) {
        await page.getByRole("link", { name, exact: typeof name === "string" }).first().click();
        await page.waitForLoadState("load");
        clicks++;
      }
      assert.ok(clicks <= 3);
      assert.match(new URL(page.url()).pathname, /^\/scholen\/gemeente\/rietmeer\/autisme\/$/);
      const vo = page.locator("section", { has: page.getByRole("heading", { name: /^Voortgezet onderwijs/ }) });
      const cards = vo.locator(".school-card").filter({ hasText: "Toegankelijk met een rolstoel" });
      assert.ok((await cards.count()) > 0, "a VO school with wheelchair access, shown on the page");
      await page.close();
    });

    it("the search page explains itself and links the finder and the begrippen", async () => {
      const page = await context.newPage();
      await page.goto(url("/zoeken/?q=dyslexie"), { waitUntil: "load" });
      const note = page.locator(".zoek-zonder-js");
      assert.ok(await note.isVisible(), "the note without JavaScript is shown");
      assert.match(await note.innerText(), /JavaScript/);
      assert.equal(await note.locator("a[href='/scholen/']").count(), 1);
      assert.equal(await note.locator("a[href='/begrippen/']").count(), 1);
      await page.close();
    });
  });

  it("the finder with JavaScript: no school for every choice gives the choices to drop and the steunpunt's phone", async () => {
    const context = await recordingContext(browser, server.origin, log, { viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(url("/scholen/?gemeente=rietmeer&ondersteuning=medisch&toegankelijk=lift"), { waitUntil: "load" });
      await settle(page);
      assert.equal((await page.locator("#finder-count").innerText()).trim(), "0 scholen");
      const help = page.locator("#finder-leeg");
      assert.ok(await help.isVisible());
      const text = await help.innerText();
      assert.match(text, /Zonder Gemeente: Rietmeer \(\d+ scholen?\)/);
      assert.match(text, new RegExp(config.telefoon.replace(/ /g, "\\s")));
      await help.getByRole("link", { name: /Zonder Gemeente/ }).click();
      await page.waitForLoadState("load");
      await settle(page);
      assert.notEqual((await page.locator("#finder-count").innerText()).trim(), "0 scholen", "without the gemeente there are schools");
    } finally {
      await context.close();
    }
  });

  it("no request left the site", () => {
    assert.deepEqual(log.external, []);
  });
});
