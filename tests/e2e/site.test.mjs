// The example site, checked the way people will meet it. Builds the site with the release
// binary (cargo build --release is run before this suite, by .ci/run), serves it on
// 127.0.0.1 and checks it with axe-core, the keyboard, JavaScript off, the network log, the
// Nu Html Checker, and static checks over every generated HTML file. The figures of the run
// go to last-run.json; summary.mjs prints them after the test report.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { E2E_DIR, IN_CI, haveChromium, haveJava, skipUnless, requireTool, launchChromium, runAxe, formatAxe, runVnu, AXE_TAGS } from "./lib/tools.mjs";
import { buildSite, readConfig, choosePages } from "./lib/site.mjs";
import { serve, parseHeadersFile } from "./lib/server.mjs";
import { listFiles, urlForFile, inlineCodeProblems, externalResources, checkLinks, contactProblems, tableProblems } from "./lib/static.mjs";
import { PHONE, DESKTOP, recordingContext, newLog, settle, keyboardCheck, noJsCheck, tabTo, overflowCheck } from "./lib/browser.mjs";

const config = readConfig();
const site = buildSite();
const pages = choosePages(site.dir, config.baseUrl);
const htmlFiles = listFiles(site.dir, [".html"]);
const rel = (f) => path.relative(site.dir, f);
const isExport = (f) => /(^|\/)oogo-[^/]+\.html$/.test(rel(f));

const figures = {
  date: new Date().toISOString(),
  chromium: null,
  axeVersion: null,
  headers: null,
  htmlFiles: htmlFiles.length,
  pagesChecked: 0,
  pageVisits: 0,
  pageTypes: [...new Set(pages.map((p) => p.type))].length,
  axeRules: new Set(),
  axeRuleRuns: 0,
  axeViolations: 0,
  axeViolationNodes: 0,
  axeIncomplete: 0,
  keyboardProblems: 0,
  reflowProblems: 0,
  noJsProblems: 0,
  vnuErrors: null,
  linksChecked: 0,
  brokenLinks: null,
  inlineCode: null,
  tableProblems: null,
  contactMissing: 0,
  externalRequests: 0,
  externalResourcesStatic: null,
  cspViolations: 0,
  consoleErrors: 0,
  failedSubresources: 0,
};
const checkedUrls = new Set();
const axeIncompleteRules = new Set();

let server;
let browser;
let log;

before(async () => {
  server = await serve(site.dir);
  figures.headers = server.headerSource;
  log = newLog(server.origin);
  if (haveChromium) {
    browser = await launchChromium();
    figures.chromium = browser.version();
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
  const out = {
    ...figures,
    axeRules: figures.axeRules.size,
    axeTags: AXE_TAGS,
    axeIncompleteRules: [...axeIncompleteRules].sort(),
    externalRequestList: [...new Set(log?.external.map((e) => e.url) ?? [])],
    pages: pages.map((p) => `${p.type}: ${p.url}`),
    ci: IN_CI,
  };
  fs.writeFileSync(path.join(E2E_DIR, "last-run.json"), JSON.stringify(out, null, 2) + "\n");
  if (process.env.E2E_KEEP) console.log(`built site kept in ${site.dir}`);
  else fs.rmSync(site.tmp, { recursive: true, force: true });
});

const url = (p) => server.origin + p;

async function visit(page, p) {
  const res = await page.goto(url(p.url), { waitUntil: "load" });
  figures.pageVisits++;
  checkedUrls.add(p.url);
  figures.pagesChecked = checkedUrls.size;
  assert.ok(res, `no response for ${p.url}`);
  assert.equal(res.status(), p.status, `${p.url} answered ${res.status()}, expected ${p.status}`);
  // Let deferred scripts settle (finder, compare table from JSON).
  await settle(page);
  return res;
}

// --- static checks over every generated file ----------------------------------------

describe("generated files", () => {
  it(`the build reports no errors and writes pages (${htmlFiles.length} HTML files)`, () => {
    assert.ok(htmlFiles.length > 0, "no HTML files in the output");
    assert.ok(fs.existsSync(path.join(site.dir, "sitemap.xml")), "no sitemap.xml");
    assert.ok(fs.existsSync(path.join(site.dir, "404.html")), "no 404.html");
  });

  it("no inline script, style element, style attribute or event handler in any HTML file", () => {
    const problems = htmlFiles.flatMap((f) => inlineCodeProblems(fs.readFileSync(f, "utf8")).map((p) => `${rel(f)}:${p.line}: ${p.what}`));
    figures.inlineCode = problems.length;
    assert.deepEqual(problems, [], `inline code that a strict CSP blocks:\n${problems.join("\n")}`);
  });

  it("no HTML or CSS file loads anything from another host", () => {
    const problems = externalResources(site.dir).map((p) => `${p.file}:${p.line}: ${p.what}`);
    figures.externalResourcesStatic = problems.length;
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it(`the steunpunt phone (${config.telefoon}) and e-mail (${config.email}) are on every page`, () => {
    const problems = htmlFiles.flatMap((f) => contactProblems(fs.readFileSync(f, "utf8"), config.telefoon, config.email, { links: !isExport(f) }).map((p) => `${rel(f)}: ${p}`));
    figures.contactMissing += problems.length;
    assert.deepEqual(problems, [], problems.join("\n"));
  });

  it("every internal link and anchor resolves", () => {
    const r = checkLinks(site.dir, config.baseUrl);
    figures.linksChecked = r.checked;
    figures.brokenLinks = r.broken.length;
    const lines = r.broken.map((b) => `${b.file}:${b.line}: ${b.href} (${b.why})`);
    assert.deepEqual(lines, [], `${r.broken.length} broken links:\n${lines.join("\n")}`);
  });

  // DESIGN.md asks for tables with caption and scope; Markdown tables without a "Tabel ..."
  // paragraph get their section heading as a (visually hidden) caption.
  it("every table has a caption and every th a scope", () => {
    const problems = htmlFiles.flatMap((f) => tableProblems(fs.readFileSync(f, "utf8")).map((p) => `${rel(f)}:${p.line}: ${p.what}`));
    figures.tableProblems = problems.length;
    assert.deepEqual(problems, [], `${problems.length} table problems:\n${problems.join("\n")}`);
  });

  it("every HTML file passes the Nu Html Checker (vnu-jar) with zero errors", { skip: skipUnless(haveJava, "java") }, () => {
    const r = runVnu(htmlFiles);
    figures.vnuErrors = r.errors.length;
    const lines = r.errors.map((e) => `${rel(e.file)}:${e.line}:${e.column}: ${e.message}${e.extract ? `\n    ${e.extract.replace(/\n/g, " ")}` : ""}`);
    assert.deepEqual(lines, [], `${r.errors.length} vnu errors:\n${lines.join("\n")}`);
  });

  it("the output has a _headers file with a Content-Security-Policy without unsafe-inline, and the server sends it", async () => {
    const file = path.join(site.dir, "_headers");
    assert.ok(fs.existsSync(file), "no _headers file in the output");
    const rules = parseHeadersFile(fs.readFileSync(file, "utf8"));
    const fromFile = rules.filter((r) => r.pattern.test("/")).flatMap((r) => r.headers).find(([k]) => k.toLowerCase() === "content-security-policy");
    assert.ok(fromFile, "_headers sets no Content-Security-Policy for /");
    const res = await fetch(url("/"));
    const csp = res.headers.get("content-security-policy");
    assert.ok(csp, "no Content-Security-Policy header");
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), `CSP allows inline code: ${csp}`);
    assert.match(csp, /default-src 'self'/);
  });
});

// --- in Chromium ----------------------------------------------------------------------

const browserSkip = skipUnless(haveChromium, "chromium");

describe("in Chromium", { skip: browserSkip }, () => {
  before(() => requireTool(haveChromium, "Chromium (/usr/bin/chromium)"));

  for (const width of [PHONE, DESKTOP]) {
    describe(`${width.name} ${width.viewport.width}x${width.viewport.height}`, () => {
      let context;
      before(async () => { context = await recordingContext(browser, server.origin, log, { viewport: width.viewport }); });
      after(async () => { await context?.close(); });

      for (const p of pages) {
        // axe runs on every HTML file at 320, 390 and 1280 px in every-page.test.mjs; here only
        // on the states a file does not have (a query string: filters, a selection, results).
        const axeHere = p.url.includes("?");
        it(`${axeHere ? "axe, " : ""}visible contact, no sideways scrolling: ${p.type} ${p.url}`, async () => {
          const page = await context.newPage();
          try {
            await visit(page, p);
            const r = axeHere ? await runAxe(page) : { version: figures.axeVersion, rules: [], violations: [], incomplete: [] };
            figures.axeVersion = r.version;
            r.rules.forEach((id) => figures.axeRules.add(id));
            figures.axeRuleRuns += r.rules.length;
            figures.axeViolations += r.violations.length;
            figures.axeViolationNodes += r.violations.reduce((n, v) => n + v.nodes.length, 0);
            figures.axeIncomplete += r.incomplete.length;
            r.incomplete.forEach((id) => axeIncompleteRules.add(id));
            const failures = [];
            if (r.violations.length) {
              const report = formatAxe(r.violations, `${p.url} @ ${width.name}`);
              console.log(`axe violations on ${p.url} at ${width.name} width:\n${report}`);
              failures.push(`axe-core found ${r.violations.length} violation(s) on ${p.url} at ${width.name} width:\n${report}`);
            }
            if (p.layout === "site") {
              // The steunpunt contact is visible on the rendered page at this width, not only in the source.
              const text = (await page.locator("body").innerText()).replace(/\u00a0/g, " ");
              const missing = [config.telefoon, config.email].filter((c) => !text.includes(c));
              figures.contactMissing += missing.length;
              if (missing.length) failures.push(`steunpunt contact not visible on ${p.url} at ${width.name} width: ${missing.join(", ")}`);
            }
            const wide = await overflowCheck(page);
            if (wide) {
              figures.reflowProblems++;
              failures.push(`${p.url} scrolls sideways at ${width.name} width (${wide.scrollWidth}px content in ${wide.width}px):\n  ${wide.culprits.join("\n  ")}`);
            }
            assert.deepEqual(failures, [], failures.join("\n"));
          } finally {
            await page.close();
          }
        });

        it(`keyboard: ${p.type} ${p.url}`, async () => {
          const page = await context.newPage();
          try {
            const site = p.layout === "site";
            const r = await keyboardCheck(page, () => visit(page, p), { skipLink: site, footerSelector: site ? "footer.site-footer" : null });
            figures.keyboardProblems += r.problems.length;
            assert.deepEqual(r.problems, [], `keyboard problems on ${p.url} at ${width.name} width (${r.stops} Tab stops):\n${r.problems.join("\n")}`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }

  describe("keyboard only: finder, compare and search", () => {
    let context;
    before(async () => { context = await recordingContext(browser, server.origin, log, { viewport: DESKTOP.viewport }); });
    after(async () => { await context?.close(); });

    it("the finder's filters work with Tab, arrow keys and Space, and the state goes into the URL", { skip: !pages.some((p) => p.type === "finder") && "no finder page" }, async () => {
      const page = await context.newPage();
      await visit(page, { url: "/scholen/", status: 200 });
      const before = await page.locator("#finder-count").innerText();
      assert.ok(await tabTo(page, "#f-gemeente"), "Tab never reaches the gemeente filter (#f-gemeente)");
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction(() => location.search.includes("gemeente="), null, { timeout: 3000 }).catch(() => {});
      assert.match(new URL(page.url()).search, /gemeente=/, "choosing a gemeente with the arrow key does not update the URL");
      const afterGemeente = await page.locator("#finder-count").innerText();
      assert.notEqual(afterGemeente, before, "choosing a gemeente does not change the number of schools shown");
      assert.ok(await tabTo(page, "input[name=toegankelijk]"), "Tab never reaches a building filter checkbox");
      await page.keyboard.press("Space");
      assert.ok(await page.evaluate(() => document.activeElement.checked), "Space does not tick the focused checkbox");
      await page.waitForFunction(() => location.search.includes("toegankelijk="), null, { timeout: 3000 }).catch(() => {});
      assert.match(new URL(page.url()).search, /toegankelijk=/);
      // Reset with the keyboard.
      assert.ok(await tabTo(page, "#f-wissen"), "Tab never reaches the reset button");
      await page.keyboard.press("Enter");
      await page.waitForFunction((b) => document.getElementById("finder-count").innerText === b, before, { timeout: 3000 }).catch(() => {});
      assert.equal(await page.locator("#finder-count").innerText(), before, "Filters wissen (Enter) does not bring all schools back");
      // Shift+Tab goes back to the last building checkbox.
      await page.keyboard.press("Shift+Tab");
      assert.ok(await page.evaluate(() => document.activeElement.matches("#finder *")), "Shift+Tab from the reset button leaves the filter form");
      await page.close();
    });

    it("compare: choose two schools with Space, follow the compare link with Enter, see them side by side", { skip: !pages.some((p) => p.type === "vergelijk") && "no compare page" }, async () => {
      const page = await context.newPage();
      await visit(page, { url: "/scholen/", status: 200 });
      for (let i = 0; i < 2; i++) {
        assert.ok(await tabTo(page, "input[name=vergelijk]:not(:checked)"), "Tab never reaches a Vergelijk checkbox");
        await page.keyboard.press("Space");
      }
      const chosen = await page.locator("input[name=vergelijk]:checked").count();
      assert.equal(chosen, 2, "Space did not tick two Vergelijk checkboxes");
      assert.ok(await page.locator("#compare-bar").isVisible(), "the compare bar does not appear");
      assert.ok(await tabTo(page, "#compare-link"), "Tab never reaches the compare link");
      await Promise.all([page.waitForURL(/\/scholen\/vergelijk\/\?ids=/), page.keyboard.press("Enter")]);
      await page.waitForSelector("#compare-table table", { timeout: 5000 });
      const cols = await page.locator("#compare-table thead th").count();
      assert.equal(cols, 3, "the compare table does not show the two schools");
      // The table region scrolls sideways on a phone; it must take focus.
      assert.ok(await tabTo(page, "#compare-table [tabindex='0']", 60), "Tab never reaches the compare table region");
      await page.close();
    });

    it("search: Tab to the search field, type, Enter submits and shows the query", { skip: !pages.some((p) => p.type === "zoeken") && "no search page" }, async () => {
      const page = await context.newPage();
      await visit(page, { url: "/zoeken/", status: 200 });
      assert.ok(await tabTo(page, "input[type=search], input[name=q]"), "Tab never reaches the search field");
      await page.keyboard.type("dyslexie");
      await Promise.all([page.waitForURL(/[?&]q=dyslexie/), page.keyboard.press("Enter")]);
      await settle(page);
      const value = await page.locator("input[name=q]").first().inputValue().catch(() => "");
      const mainText = await page.locator("main").innerText();
      assert.ok(value === "dyslexie" || /dyslexie/i.test(mainText), "after searching, neither the field nor the page shows the query");
      await page.close();
    });
  });

  describe("content on hover or focus (WCAG 1.4.13)", () => {
    let context;
    before(async () => { context = await recordingContext(browser, server.origin, log, { viewport: DESKTOP.viewport }); });
    after(async () => { await context?.close(); });
    const chapter = pages.find((p) => p.type === "chapter");
    // The short explanation of a begrip pops up over the text on hover and focus. It must stay
    // while the pointer moves onto it and go away with Escape (themes/default/static/begrippen.js).
    it("a begrip's explanation stays when the pointer moves onto it, and Escape hides it", { skip: !chapter && "no chapter" }, async () => {
      const page = await context.newPage();
      try {
        await visit(page, chapter);
        const link = page.locator("a.begrip[aria-describedby]").first();
        assert.ok(await link.count(), `no begrip links on ${chapter.url}`);
        const tip = page.locator(`[id="${await link.getAttribute("aria-describedby")}"]`);
        await link.scrollIntoViewIfNeeded();
        await link.hover();
        assert.ok(await tip.isVisible(), "the explanation does not appear on hover");
        const box = await tip.boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
        assert.ok(await tip.isVisible(), "the explanation disappears when the pointer moves onto it (not hoverable)");
        await page.mouse.move(0, 0);
        await link.focus();
        assert.ok(await tip.isVisible(), "the explanation does not appear on focus");
        await page.keyboard.press("Escape");
        assert.ok(!(await tip.isVisible()), "Escape does not hide the explanation (not dismissible)");
      } finally {
        await page.close();
      }
    });
  });

  describe("without JavaScript", () => {
    let context;
    before(async () => { context = await recordingContext(browser, server.origin, log, { viewport: PHONE.viewport, javaScriptEnabled: false }); });
    after(async () => { await context?.close(); });
    const wanted = {
      chapter: "a[href]",
      school: "a[href]",
      "finder per gemeente": "a[href^='/scholen/']",
      "finder per ondersteuning": "a[href^='/scholen/']",
      "finder per gemeente en ondersteuning": "a[href^='/scholen/']",
      steunpunt: "a[href]",
      "steunpunt route": "a[href]",
      "steunpunt vragen (FAQ)": "a[href]",
      "steunpunt jongeren": "a[href]",
      "steunpunt page": "a[href]",
      finder: "a[href^='/scholen/']",
    };
    for (const p of pages.filter((q) => wanted[q.type] || /^steunpunt/.test(q.type))) {
      it(`${p.type} ${p.url} shows its content and links`, async () => {
        const page = await context.newPage();
        try {
          await visit(page, p);
          const problems = await noJsCheck(page, { expectLinks: wanted[p.type] || "a[href]" });
          figures.noJsProblems += problems.length;
          assert.deepEqual(problems, [], `without JavaScript, ${p.url}:\n${problems.join("\n")}`);
        } finally {
          await page.close();
        }
      });
    }
  });

  describe("network", () => {
    it("every checked page, with its CSP bypassed so nothing hides a request, asks only 127.0.0.1", async () => {
      const context = await recordingContext(browser, server.origin, log, { viewport: DESKTOP.viewport, bypassCSP: true });
      try {
        for (const p of pages) {
          const page = await context.newPage();
          await visit(page, p);
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
          await settle(page);
          await page.close();
        }
      } finally {
        await context.close();
      }
      const hosts = [...new Set(log.external.map((e) => `${e.url} (from ${e.from})`))];
      assert.deepEqual(hosts, [], `requests to other hosts:\n${hosts.join("\n")}`);
    });

    it("screenshot of the home page at phone width in /tmp/e2e-home.png", async () => {
      const context = await recordingContext(browser, server.origin, log, { viewport: PHONE.viewport });
      const page = await context.newPage();
      await visit(page, { url: "/", status: 200 });
      await page.screenshot({ path: "/tmp/e2e-home.png", fullPage: true });
      await context.close();
    });

    it("the network log of the whole run: no external requests, CSP violations, console errors or failed subresources", () => {
      figures.externalRequests = new Set(log.external.map((e) => e.url)).size;
      figures.cspViolations = log.csp.length;
      figures.consoleErrors = log.console.length;
      figures.failedSubresources = log.failedSubresources.length;
      const lines = [
        ...[...new Set(log.external.map((e) => `external request: ${e.url}${e.blockedByCsp ? " (blocked by the CSP)" : ""} from ${e.from}`))],
        ...[...new Set(log.csp.map((e) => `CSP violation on ${e.page}: ${e.text}`))],
        ...[...new Set(log.console.map((e) => `console error on ${e.page}: ${e.text}`))],
        ...[...new Set(log.failedSubresources.map((e) => `${e.status} for ${e.url} on ${e.page}`))],
      ];
      assert.deepEqual(lines, [], lines.join("\n"));
    });
  });
});

if (IN_CI && !haveChromium) {
  it("Chromium is installed (CI=true)", () => requireTool(false, "Chromium (/usr/bin/chromium)"));
}
if (IN_CI && !haveJava) {
  it("Java is installed for the Nu Html Checker (CI=true)", () => requireTool(false, "Java"));
}
