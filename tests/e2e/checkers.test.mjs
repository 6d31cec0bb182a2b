// Show it fails: every checker of the suite is fed a page from fixtures/ with one deliberate
// fault and must report it, and must pass fixtures/good.html (so a failure is about the fault,
// not about the page). The checkers are the same functions site.test.mjs runs on the site.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_DIR, haveChromium, haveJava, skipUnless, requireTool, launchChromium, runAxe, runVnu } from "./lib/tools.mjs";
import { serve } from "./lib/server.mjs";
import { inlineCodeProblems, externalResources, checkLinks, contactProblems, tableProblems } from "./lib/static.mjs";
import { DESKTOP, recordingContext, newLog, settle, keyboardCheck, noJsCheck, overflowCheck, PHONE, layoutProblems, scrollRegionProblems } from "./lib/browser.mjs";

const FIXTURES = path.join(E2E_DIR, "fixtures");
const fx = (name) => path.join(FIXTURES, name);
const read = (name) => fs.readFileSync(fx(name), "utf8");
const PHONE_NO = "0341 820 400";
const EMAIL = "steunpunt@passendlindeveld.nl";
const BASE = "https://www.passendlindeveld.nl";

describe("static checkers on the fixtures", () => {
  it("inline code: good.html passes (its ld+json data block is allowed)", () => {
    assert.deepEqual(inlineCodeProblems(read("good.html")), []);
  });

  it("inline code: inline.html fails on style=, <style> and the inline <script>", () => {
    const what = inlineCodeProblems(read("inline.html")).map((p) => p.what).join("\n");
    assert.match(what, /style="color: red"/);
    assert.match(what, /<style> element/);
    assert.match(what, /inline <script> with code/);
  });

  it("inline code: event handlers and javascript: URLs fail too", () => {
    const what = inlineCodeProblems('<p onclick="x()">a</p><a href="javascript:void(0)">b</a>').map((p) => p.what).join("\n");
    assert.match(what, /onclick/);
    assert.match(what, /javascript: URL/);
  });

  it("external resources: external.html fails on the font stylesheet and the script; good.html passes", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "passend-fx-"));
    try {
      fs.copyFileSync(fx("good.html"), path.join(tmp, "good.html"));
      assert.deepEqual(externalResources(tmp), []);
      fs.copyFileSync(fx("external.html"), path.join(tmp, "external.html"));
      fs.writeFileSync(path.join(tmp, "font.css"), '@import url("https://fonts.example.net/a.css");\nbody { background: url(/ok.png); }\n');
      const what = externalResources(tmp).map((p) => p.what).join("\n");
      assert.match(what, /fonts\.googleapis\.com/);
      assert.match(what, /cdn\.example\.com\/lib\.js/);
      assert.match(what, /fonts\.example\.net/);
      assert.doesNotMatch(what, /ok\.png/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("links: broken-links.html fails on the missing page and the missing anchor; good.html passes", () => {
    const good = checkLinks(FIXTURES, BASE, { files: [fx("good.html")] });
    assert.deepEqual(good.broken, []);
    assert.ok(good.checked > 0);
    const bad = checkLinks(FIXTURES, BASE, { files: [fx("broken-links.html")] });
    const why = bad.broken.map((b) => `${b.href}: ${b.why}`).join("\n");
    assert.match(why, /\/bestaat-niet\/: no file/);
    assert.match(why, /#geen-anker: no id="geen-anker"/);
    assert.match(why, /#nergens: no id="nergens" in this page/);
  });

  it("contact: no-contact.html fails; good.html passes", () => {
    assert.deepEqual(contactProblems(read("good.html"), PHONE_NO, EMAIL), []);
    const p = contactProblems(read("no-contact.html"), PHONE_NO, EMAIL).join("\n");
    assert.match(p, /phone number/);
    assert.match(p, /e-mail/);
  });

  it("tables: a table without caption and a th without scope fail; good ones pass", () => {
    assert.deepEqual(tableProblems('<table>\n<caption>Scholen</caption><tr><th scope="col">Naam</th></tr></table>'), []);
    const what = tableProblems("<table><tr><th>Naam</th></tr><tr><td>x</td></tr></table>").map((p) => p.what).join("\n");
    assert.match(what, /without <caption>/);
    assert.match(what, /without scope/);
  });

  it("Nu Html Checker: invalid.html fails on the duplicate id and the stray </div>; good.html passes", { skip: skipUnless(haveJava, "java") }, () => {
    const r = runVnu([fx("good.html"), fx("invalid.html")]);
    const good = r.errors.filter((e) => e.file.endsWith("good.html"));
    const bad = r.errors.filter((e) => e.file.endsWith("invalid.html")).map((e) => e.message).join("\n");
    assert.deepEqual(good, []);
    assert.match(bad, /Duplicate ID/i);
    assert.match(bad, /Stray end tag/i);
  });
});

describe("browser checkers on the fixtures", { skip: skipUnless(haveChromium, "chromium") }, () => {
  let server;
  let browser;
  before(async () => {
    requireTool(haveChromium, "Chromium (/usr/bin/chromium)");
    // No _headers among the fixtures: the server sends its strict CSP.
    server = await serve(FIXTURES);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function withPage(options, fn) {
    const log = newLog(server.origin);
    const context = await recordingContext(browser, server.origin, log, { viewport: DESKTOP.viewport, ...options });
    const page = await context.newPage();
    try {
      return await fn(page, log);
    } finally {
      await context.close();
    }
  }
  const open = async (page, name) => {
    await page.goto(`${server.origin}/${name}`);
    await settle(page);
  };

  it("axe, keyboard and network log: good.html passes all three", async () => {
    await withPage({}, async (page, log) => {
      await open(page, "good.html");
      assert.deepEqual((await runAxe(page)).violations, []);
      const kb = await keyboardCheck(page, () => open(page, "good.html"), { footerSelector: "footer" });
      assert.deepEqual(kb.problems, []);
      assert.deepEqual(log.external, []);
      assert.deepEqual(log.csp, []);
      assert.deepEqual(log.console, []);
    });
  });

  for (const [file, rule] of [["no-alt.html", "image-alt"], ["unlabelled.html", "label"], ["low-contrast.html", "color-contrast"]]) {
    it(`axe: ${file} fails with ${rule}`, async () => {
      await withPage({}, async (page) => {
        await open(page, file);
        const ids = (await runAxe(page)).violations.map((v) => v.id);
        assert.ok(ids.includes(rule), `expected ${rule}, got [${ids.join(", ")}]`);
      });
    });
  }

  it("network log: external.html, with the CSP bypassed, requests the other hosts", async () => {
    await withPage({ bypassCSP: true }, async (page, log) => {
      await open(page, "external.html");
      const urls = log.external.map((e) => e.url).join("\n");
      assert.match(urls, /fonts\.googleapis\.com/);
      assert.match(urls, /cdn\.example\.com\/lib\.js/);
    });
  });

  it("network log: external.html under the strict CSP shows up as blocked external requests", async () => {
    await withPage({}, async (page, log) => {
      await open(page, "external.html");
      assert.ok(log.csp.length > 0, "no CSP violation reported");
      assert.match(log.external.map((e) => e.url).join("\n"), /cdn\.example\.com|fonts\.googleapis\.com/);
    });
  });

  it("CSP: inline.html's inline style and script are reported as violations", async () => {
    await withPage({}, async (page, log) => {
      await open(page, "inline.html");
      const text = log.csp.map((c) => c.text).join("\n");
      assert.match(text, /inline style|style-src/i);
      assert.match(text, /inline script|script-src/i);
    });
  });

  it("keyboard: no-focus.html fails on the missing skip link and the invisible focus", async () => {
    await withPage({}, async (page) => {
      const kb = await keyboardCheck(page, () => open(page, "no-focus.html"), { footerSelector: "footer" });
      const p = kb.problems.join("\n");
      assert.match(p, /first Tab stop is not the skip link/);
      assert.match(p, /no visible focus indicator/);
    });
  });

  it("keyboard: trap.html fails as a keyboard trap", async () => {
    await withPage({}, async (page) => {
      const kb = await keyboardCheck(page, () => open(page, "trap.html"), { footerSelector: "footer" });
      assert.match(kb.problems.join("\n"), /keyboard trap/);
    });
  });

  it("keyboard: obscured.html fails because the focused links end up under the fixed bar", async () => {
    await withPage({}, async (page) => {
      const kb = await keyboardCheck(page, () => open(page, "obscured.html"), { footerSelector: "footer" });
      assert.match(kb.problems.join("\n"), /off screen or covered by other content: a\[href="tel:/);
    });
  });

  it("without JavaScript: js-only.html fails; good.html passes", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await open(page, "good.html");
      assert.deepEqual(await noJsCheck(page, { navSelector: "nav" }), []);
      await open(page, "js-only.html");
      const p = (await noJsCheck(page, { navSelector: "nav" })).join("\n");
      assert.match(p, /main#inhoud is not visible|no visible h1/);
    });
    await withPage({}, async (page) => {
      await open(page, "js-only.html");
      assert.deepEqual(await noJsCheck(page, { navSelector: "nav", minText: 100 }), [], "with JavaScript the page is complete, so the fault is the missing fallback");
    });
  });

  it("reflow: too-wide.html scrolls sideways at phone width; good.html does not", async () => {
    await withPage({ viewport: PHONE.viewport }, async (page) => {
      await open(page, "good.html");
      assert.equal(await overflowCheck(page), null);
      await open(page, "too-wide.html");
      const wide = await overflowCheck(page);
      assert.ok(wide, "too-wide.html does not scroll sideways");
      assert.match(wide.culprits.join("\n"), /p\.too-wide/);
    });
  });

  it("phone layout: phone-layout.html fails on the broken word, the text out of its box and the table outside a scroll region; good.html passes", async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await open(page, "good.html");
      assert.deepEqual(await layoutProblems(page, { width: 390, headerMax: 100 }), []);
      assert.deepEqual(await scrollRegionProblems(page), []);
      await open(page, "phone-layout.html");
      const layout = (await layoutProblems(page, { width: 390, headerMax: 100 })).join("\n");
      assert.match(layout, /"Ondersteuningsstructuurplannen" in h2 is broken in the middle/);
      assert.match(layout, /text overflows p\.narrow/);
      assert.match((await scrollRegionProblems(page)).join("\n"), /Te brede tabel: wider than the screen, not in a scroll region/);
    });
  });
});
