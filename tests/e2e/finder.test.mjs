// The school finder's JavaScript in Chromium: combined filters show exactly the schools the
// static pages (and the school profiles) say they should, the state lives in the URL and comes
// back from it, and the compare view shows the chosen schools side by side.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { buildSite } from "./lib/site.mjs";
import { serve } from "./lib/server.mjs";
import { launchChromium } from "./lib/tools.mjs";

let site, server, browser;

before(async () => {
  site = buildSite();
  server = await serve(site.dir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site.tmp, { recursive: true, force: true });
});

/** The school ids (data-id) listed on a static page of the built site. */
function staticIds(urlPath) {
  const html = fs.readFileSync(path.join(site.dir, urlPath, "index.html"), "utf8");
  return new Set([...html.matchAll(/class="school-card" data-id="([^"]+)"/g)].map((m) => m[1]));
}

/** All schools with their data from /data/scholen.json. */
function profiles() {
  return JSON.parse(fs.readFileSync(path.join(site.dir, "data", "scholen.json"), "utf8")).scholen;
}

async function visibleIds(page) {
  return new Set(await page.$$eval("#school-list .school-card", (cards) => cards.filter((c) => !c.hidden).map((c) => c.dataset.id)));
}

const intersect = (a, b) => new Set([...a].filter((x) => b.has(x)));

test("combined filters give the same schools as the static pages", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/scholen/`);
  assert.equal(await page.isVisible("#finder"), true, "the script shows the filter form");
  const cases = [
    { gemeente: "lindeveld", ondersteuning: "autisme" },
    { gemeente: "rietmeer", ondersteuning: "dyslexie" },
    { gemeente: "vlietdam", ondersteuning: "hoogbegaafdheid" },
    { gemeente: "hoogzand", ondersteuning: "gedrag" },
  ];
  for (const c of cases) {
    await page.selectOption("#f-gemeente", c.gemeente);
    await page.selectOption("#f-ondersteuning", c.ondersteuning);
    const expected = intersect(staticIds(`scholen/gemeente/${c.gemeente}`), staticIds(`scholen/ondersteuning/${c.ondersteuning}`));
    assert.deepEqual(await visibleIds(page), expected, `${c.gemeente} + ${c.ondersteuning}`);
    const count = await page.textContent("#finder-count");
    assert.match(count, new RegExp(`^${expected.size} scholen?$`), "the result count is announced");
  }
  await page.close();
});

test("type, voorziening and accessibility filters match the profiles", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/scholen/`);
  await page.selectOption("#f-type", "vo");
  await page.check("#f-t-rolstoel");
  await page.check("#f-t-lift");
  const expected = new Set(profiles().filter((s) => s.onderwijstype === "vo" && s.toegankelijkheid.rolstoel && s.toegankelijkheid.lift).map((s) => s.id));
  assert.deepEqual(await visibleIds(page), expected);
  await page.click("#f-wissen");
  await page.waitForFunction(() => document.querySelectorAll("#school-list .school-card:not([hidden])").length > 40);
  const withPlusklas = profiles().filter((s) => s.voorzieningen.some((v) => /plusklas de sprong/i.test(v.naam))).map((s) => s.id);
  const option = await page.$eval("#f-voorziening", (sel) => [...sel.options].find((o) => /Plusklas De Sprong/i.test(o.textContent)).value);
  await page.selectOption("#f-voorziening", option);
  assert.deepEqual(await visibleIds(page), new Set(withPlusklas));
  await page.close();
});

test("the URL holds the state and restores it; sorting by place", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/scholen/`);
  await page.selectOption("#f-gemeente", "lindeveld");
  await page.selectOption("#f-ondersteuning", "dyslexie");
  await page.selectOption("#f-sorteer", "plaats");
  const url = page.url();
  assert.match(url, /gemeente=lindeveld/);
  assert.match(url, /ondersteuning=dyslexie/);
  assert.match(url, /sorteer=plaats/);
  const shown = await visibleIds(page);

  const fresh = await browser.newPage();
  await fresh.goto(url);
  assert.equal(await fresh.inputValue("#f-gemeente"), "lindeveld");
  assert.equal(await fresh.inputValue("#f-ondersteuning"), "dyslexie");
  assert.deepEqual(await visibleIds(fresh), shown, "a shared link shows the same list");
  const places = await fresh.$$eval("#school-list .school-card", (cards) => cards.filter((c) => !c.hidden).map((c) => c.dataset.plaats));
  assert.deepEqual(places, [...places].sort((a, b) => a.localeCompare(b, "nl")), "sorted by place");
  await page.close();
  await fresh.close();
});

test("compare up to three schools, by keyboard, and see them side by side", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/scholen/`);
  const ids = await page.$$eval("#school-list .school-card", (cards) => cards.slice(0, 4).map((c) => c.dataset.id));
  for (const id of ids.slice(0, 3)) {
    await page.focus(`#v-${id}`);
    await page.keyboard.press("Space");
  }
  assert.equal(await page.isDisabled(`#v-${ids[3]}`), true, "a fourth school cannot be chosen");
  assert.match(page.url(), new RegExp(`vergelijk=${ids.slice(0, 3).join("%2C")}`));
  const href = await page.getAttribute("#compare-link", "href");
  await page.goto(`${server.origin}${href}`);
  await page.waitForSelector("#compare-table table");
  const headers = await page.$$eval("#compare-table thead th[scope=col] a", (as) => as.map((a) => a.textContent));
  const names = Object.fromEntries(profiles().map((s) => [s.id, s.naam]));
  assert.deepEqual(headers, ids.slice(0, 3).map((id) => names[id]));
  const rows = await page.$$eval("#compare-table tbody th[scope=row]", (ths) => ths.map((t) => t.textContent));
  assert.ok(rows.includes("Dyslexie") && rows.includes("Toegankelijk met rolstoel"));
  await page.close();
});
