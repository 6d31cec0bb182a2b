// The site on a parent's phone (issue 19), at 390 and 320 px wide, on one or two pages of every
// page type: the header leaves the screen to the content (under 100 px at 390), the page does
// not scroll sideways, no word of a title or of a chapter's table of contents is broken in the
// middle, every table wider than the screen scrolls in a labelled, focusable region with a
// visible cue, and axe finds nothing. Then, with JavaScript off: a parent reaches the schools
// in Rietmeer with autism support, VO, wheelchair accessible, in at most three links, and the
// search page says why it cannot search and where to go instead.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { haveChromium, skipUnless, launchChromium, runAxe, formatAxe } from "./lib/tools.mjs";
import { buildSite, readConfig, choosePages } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { recordingContext, newLog, settle, overflowCheck } from "./lib/browser.mjs";

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

/** What a page looks like on a phone: the problems found, as sentences. */
async function phoneProblems(page, width) {
  return page.evaluate(({ width, max }) => {
    const out = [];
    const header = document.querySelector(".site-header");
    const h = header ? Math.round(header.getBoundingClientRect().height) : 0;
    if (width >= 390 && h >= max) out.push(`the header is ${h} px high (at most ${max - 1})`);
    // A word is broken in the middle when two letters next to each other lie on different
    // lines, unless the first is a hyphen or a soft hyphen (a hyphenation). Letters are compared
    // one by one: the hyphen a browser draws for a soft hyphen has a box of its own.
    const top = (n, i) => {
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      // The last box: a letter after a soft hyphen also gets the box of the drawn hyphen.
      const box = Array.from(r.getClientRects()).filter((x) => x.width > 0).at(-1);
      return box ? Math.round(box.top) : null;
    };
    for (const el of document.querySelectorAll("main h1, .toc a")) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of n.data.matchAll(/[^\s-]+/g)) {
          for (let i = m.index; i + 1 < m.index + m[0].length; i++) {
            if (/[\u00ad\u2010]/.test(n.data[i]) || /[\u00ad]/.test(n.data[i + 1])) continue;
            const a = top(n, i), b = top(n, i + 1);
            if (a !== null && b !== null && a !== b) {
              out.push(`"${m[0].replace(/\u00ad/g, "")}" in ${el.tagName.toLowerCase()} is broken in the middle, after "${n.data.slice(m.index, i + 1).replace(/\u00ad/g, "")}"`);
              break;
            }
          }
        }
      }
    }
    for (const t of document.querySelectorAll("table")) {
      const box = t.parentElement;
      if (t.getBoundingClientRect().width <= box.getBoundingClientRect().width + 1) continue;
      const where = (t.querySelector("caption")?.textContent || box.getAttribute("aria-label") || "a table").trim().slice(0, 50);
      if (!["auto", "scroll"].includes(getComputedStyle(box).overflowX)) { out.push(`${where}: wider than the screen, not in a scroll region`); continue; }
      if (box.getAttribute("tabindex") !== "0") out.push(`${where}: its scroll region cannot take focus`);
      if (box.getAttribute("role") !== "region" || !(box.getAttribute("aria-label") || box.getAttribute("aria-labelledby"))) out.push(`${where}: its scroll region is not a labelled region`);
      if (getComputedStyle(box).backgroundImage === "none") out.push(`${where}: no visible cue that it scrolls`);
      box.scrollLeft = box.scrollWidth;
      if (box.scrollLeft === 0) out.push(`${where}: does not scroll`);
      box.scrollLeft = 0;
    }
    return out;
  }, { width, max: HEADER_MAX });
}

describe("on a phone", { skip: skipUnless(haveChromium, "Chromium") }, () => {
  for (const width of [390, 320]) {
    it(`${width} px: header, no sideways scrolling, whole words, scrollable tables, axe (${pages.length} pages)`, async () => {
      const context = await recordingContext(browser, server.origin, log, { viewport: { width, height: 844 } });
      const problems = [];
      try {
        const page = await context.newPage();
        for (const p of pages) {
          const res = await page.goto(url(p.url), { waitUntil: "load" });
          assert.equal(res.status(), p.status, p.url);
          await settle(page);
          for (const m of await phoneProblems(page, width)) problems.push(`${p.url}: ${m}`);
          const wide = await overflowCheck(page);
          if (wide) problems.push(`${p.url}: ${wide.scrollWidth}px content in ${wide.width}px: ${wide.culprits.join("; ")}`);
          const axe = await runAxe(page);
          if (axe.violations.length) problems.push(formatAxe(axe.violations, `${p.url} at ${width} px`));
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
