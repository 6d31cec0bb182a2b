// Browser-side checks: a context that logs every request (and keeps the suite off the
// network), keyboard-only navigation with visible focus, and pages without JavaScript.

export const PHONE = { name: "phone", viewport: { width: 375, height: 812 } };
export const DESKTOP = { name: "desktop", viewport: { width: 1280, height: 900 } };

/**
 * A browser context whose network log is kept. Requests to any host but `origin` are
 * recorded in log.external and then aborted, so the suite never reaches the internet and
 * a page that would load something from elsewhere is caught whether or not that host
 * answers. Console errors (CSP violations among them), page errors and subresources that
 * fail (status >= 400) are recorded too.
 */
export async function recordingContext(browser, origin, log, options = {}) {
  const context = await browser.newContext({ locale: "nl-NL", reducedMotion: "reduce", ...options });
  const isLocal = (url) => url.startsWith(origin + "/") || url === origin || /^(data|blob|about):/.test(url);
  await context.route("**/*", (route) => (isLocal(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
  context.on("request", (req) => {
    log.requests++;
    if (!isLocal(req.url())) log.external.push({ url: req.url(), from: req.frame()?.url?.() ?? "" });
  });
  context.on("page", (page) => attachPageLog(page, log));
  return context;
}

/**
 * Resolves once the page has had no request in flight for quietMs (the scripts of the site
 * fetch JSON after load). Much quicker than Playwright's "networkidle", which waits 500 ms.
 */
export async function settle(page, { quietMs = 100, timeoutMs = 5000 } = {}) {
  await page.waitForLoadState("load");
  const state = page.__passendInflight;
  if (!state) return;
  const start = Date.now();
  let quietSince = state.count === 0 ? Date.now() : null;
  while (Date.now() - start < timeoutMs) {
    await new Promise((r) => setTimeout(r, 25));
    if (state.count > 0) quietSince = null;
    else if (quietSince === null) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs && Date.now() - state.last >= quietMs) return;
  }
}

function attachPageLog(page, log) {
  const inflight = { count: 0, last: Date.now() };
  page.__passendInflight = inflight;
  page.on("request", () => { inflight.count++; inflight.last = Date.now(); });
  const done = () => { inflight.count = Math.max(0, inflight.count - 1); inflight.last = Date.now(); };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    // Our own aborts of external requests show up as console errors too; they are in
    // log.external already.
    if (/net::ERR_BLOCKED_BY_CLIENT/.test(text)) return;
    const entry = { page: page.url(), text };
    if (/Content Security Policy|Refused to/i.test(text)) {
      log.csp.push(entry);
      // A blocked attempt to load from another host is an external request as well; the
      // CSP hid it from the network log.
      for (const m of text.matchAll(/'(https?:\/\/[^']+)'/g)) {
        if (!m[1].startsWith(log.origin + "/")) log.external.push({ url: m[1], from: page.url(), blockedByCsp: true });
      }
    } else if (!/status of 404/.test(text) || !page.url().includes("/bestaat-niet")) {
      log.console.push(entry);
    }
  });
  page.on("pageerror", (err) => log.console.push({ page: page.url(), text: `uncaught: ${err.message}` }));
  page.on("response", (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) return;
    if (res.status() >= 400) log.failedSubresources.push({ page: page.url(), url: res.url(), status: res.status() });
  });
}

export function newLog(origin) {
  return { origin, requests: 0, external: [], csp: [], console: [], failedSubresources: [] };
}

// --- keyboard ------------------------------------------------------------------------

/** Runs in the page: describe document.activeElement, for the keyboard walk. */
function focusStep(footerSelector) {
  const kb = (window.__passendKb ??= { ids: new WeakMap(), next: 1, prev: null, prevInfo: null });
  const el = document.activeElement;
  const styleOf = (e) => {
    const cs = getComputedStyle(e);
    return { outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, outlineColor: cs.outlineColor, boxShadow: cs.boxShadow };
  };
  let previous = null;
  if (kb.prev && kb.prev !== el) previous = { focused: kb.prevInfo, unfocused: kb.prev.isConnected ? styleOf(kb.prev) : null };
  if (!el || el === document.body || el === document.documentElement) {
    kb.prev = null;
    kb.prevInfo = null;
    return { atBody: true, previous };
  }
  let id = kb.ids.get(el);
  if (!id) { id = kb.next++; kb.ids.set(el, id); }
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const vw = window.innerWidth, vh = window.innerHeight;
  const visible = r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && parseFloat(cs.opacity) > 0;
  // WCAG 2.4.11 Focus Not Obscured: some part of the focused element must be on screen and
  // not covered by other content. Test a few points of its visible part.
  const left = Math.max(r.left, 0), right = Math.min(r.right, vw), top = Math.max(r.top, 0), bottom = Math.min(r.bottom, vh);
  let shown = false;
  if (right > left && bottom > top) {
    const pts = [[(left + right) / 2, (top + bottom) / 2], [left + 2, top + 2], [right - 2, top + 2], [left + 2, bottom - 2], [right - 2, bottom - 2]];
    shown = pts.some(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit && (hit === el || el.contains(hit) || Array.from(el.labels || []).some((l) => l.contains(hit)));
    });
  }
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 50);
  const desc = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + (el.getAttribute("href") ? `[href="${el.getAttribute("href")}"]` : "") + (text ? ` "${text}"` : "");
  const info = { id, desc, inFooter: footerSelector ? !!el.closest(footerSelector) : false, visible, shown, ...styleOf(el) };
  kb.prev = el;
  kb.prevInfo = info;
  return { atBody: false, info, previous };
}

function transparent(color) {
  return /^rgba\(.*,\s*0\)$/.test(color) || color === "transparent";
}

/** Does the focused state differ visibly from the unfocused one (outline or box-shadow)? */
export function focusIndicator(focused, unfocused) {
  const hasOutline = focused.outlineStyle !== "none" && focused.outlineWidth >= 1 && !transparent(focused.outlineColor);
  const hasShadow = focused.boxShadow && focused.boxShadow !== "none";
  if (!unfocused) return hasOutline || hasShadow;
  const outlineChanged = hasOutline && (unfocused.outlineStyle === "none" || unfocused.outlineWidth < 1 || unfocused.outlineStyle !== focused.outlineStyle || unfocused.outlineWidth !== focused.outlineWidth || unfocused.outlineColor !== focused.outlineColor);
  const shadowChanged = hasShadow && unfocused.boxShadow !== focused.boxShadow;
  return outlineChanged || shadowChanged;
}

/**
 * Keyboard-only check of the page currently loaded in `page` (pass `load` to reload it):
 * - with skipLink: the first Tab stop is a skip link to #inhoud that is visible when focused,
 *   and Enter on it moves focus to main#inhoud;
 * - Tab from the top reaches the end of the page (the footer, with footerSelector) without
 *   getting stuck or going round in a loop, every stop is visible, not obscured and has a
 *   visible focus indicator; Shift+Tab from the end goes back.
 * Returns { problems: [string], stops: number }.
 */
export async function keyboardCheck(page, load, { skipLink = true, footerSelector = "footer", maxExtra = 20 } = {}) {
  const problems = [];
  const fresh = async () => {
    await load();
    await page.evaluate(() => { delete window.__passendKb; window.scrollTo(0, 0); if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur(); });
  };

  if (skipLink) {
    await fresh();
    await page.keyboard.press("Tab");
    const first = await page.evaluate(focusStep, footerSelector);
    const isSkip = await page.evaluate(() => {
      const el = document.activeElement;
      return !!el && el.tagName === "A" && el.getAttribute("href") === "#inhoud";
    });
    if (first.atBody || !isSkip) {
      problems.push(`first Tab stop is not the skip link to #inhoud but ${first.atBody ? "nothing" : first.info.desc}`);
    } else {
      if (!first.info.visible || !first.info.shown) problems.push(`skip link is not visible when focused (${first.info.desc})`);
      if (!focusIndicator(first.info, null)) problems.push("skip link has no focus indicator");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.hash === "#inhoud", null, { timeout: 3000 }).catch(() => {});
      const target = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? { tag: el.tagName.toLowerCase(), id: el.id } : null;
      });
      if (!target || target.tag !== "main" || target.id !== "inhoud") problems.push(`Enter on the skip link moves focus to ${target ? `${target.tag}#${target.id}` : "nothing"}, not main#inhoud`);
    }
  }

  await fresh();
  const max = (await page.evaluate(() => document.querySelectorAll("a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]").length)) + maxExtra;
  const stops = [];
  const seen = new Set();
  let ended = false;
  let loopAt = null;
  const checkPrevious = (previous) => {
    if (!previous || !previous.focused) return;
    if (!focusIndicator(previous.focused, previous.unfocused)) {
      problems.push(`no visible focus indicator on ${previous.focused.desc} (outline ${previous.focused.outlineStyle} ${previous.focused.outlineWidth}px, box-shadow ${previous.focused.boxShadow})`);
    }
  };
  for (let step = 0; step < max; step++) {
    await page.keyboard.press("Tab");
    const r = await page.evaluate(focusStep, footerSelector);
    checkPrevious(r.previous);
    if (r.atBody) { ended = true; break; }
    if (seen.has(r.info.id)) {
      if (r.info.id === stops[0]?.id) ended = true; // wrapped round to the first stop
      else loopAt = r.info.desc;
      break;
    }
    seen.add(r.info.id);
    stops.push(r.info);
    if (!r.info.visible) problems.push(`focus lands on an invisible element: ${r.info.desc}`);
    else if (!r.info.shown) problems.push(`focused element is off screen or covered by other content: ${r.info.desc}`);
  }
  if (loopAt) problems.push(`keyboard trap: Tab goes round in a loop at ${loopAt} after ${stops.length} stops`);
  else if (!ended) problems.push(`keyboard trap: Tab did not reach the end of the page in ${max} presses (last: ${stops.at(-1)?.desc})`);
  if (footerSelector && !stops.some((s) => s.inFooter)) problems.push(`Tab never reaches the footer (${footerSelector}); ${stops.length} stops, last ${stops.at(-1)?.desc ?? "none"}`);
  if (ended && stops.length > 1) {
    // Back again: Shift+Tab from past the end lands on the last stop, then the one before it.
    await page.keyboard.press("Shift+Tab");
    let r = await page.evaluate(focusStep, footerSelector);
    if (r.atBody || r.info.id !== stops.at(-1).id) {
      // Some builds wrap focus through the document first; one more press.
      await page.keyboard.press("Shift+Tab");
      r = await page.evaluate(focusStep, footerSelector);
    }
    if (!r.atBody && r.info.id === stops.at(-1).id) {
      await page.keyboard.press("Shift+Tab");
      r = await page.evaluate(focusStep, footerSelector);
      if (r.atBody || r.info.id !== stops.at(-2).id) problems.push(`Shift+Tab from ${stops.at(-1).desc} goes to ${r.atBody ? "nothing" : r.info.desc}, not back to ${stops.at(-2).desc}`);
    } else {
      problems.push(`Shift+Tab from the end does not return to the last stop ${stops.at(-1).desc}`);
    }
  }
  return { problems: [...new Set(problems)], stops: stops.length };
}

/** Press Tab until the element matching selector has focus; false if it never does. */
export async function tabTo(page, selector, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
  }
  return false;
}

// --- without JavaScript -------------------------------------------------------------

/**
 * With JavaScript off, the page shows its main content: main#inhoud with a heading, text
 * and working links, plus the site navigation and footer. Returns a list of problems.
 * `expectLinks` is a selector for links that must be present and visible inside main.
 */
export async function noJsCheck(page, { expectLinks = "a[href]", minText = 150, navSelector = "nav.main-nav" } = {}) {
  const problems = [];
  const main = page.locator("main#inhoud");
  if (!(await main.isVisible())) return ["main#inhoud is not visible"];
  const h1 = main.locator("h1").first();
  if (!(await h1.count()) || !(await h1.isVisible()) || !(await h1.innerText()).trim()) problems.push("no visible h1 in main");
  const text = (await main.innerText()).trim();
  if (text.length < minText) problems.push(`main has only ${text.length} characters of visible text`);
  const links = main.locator(expectLinks);
  const n = await links.count();
  let visible = 0;
  for (let i = 0; i < n; i++) if (await links.nth(i).isVisible()) visible++;
  if (visible === 0) problems.push(`no visible links (${expectLinks}) in main`);
  const navLinks = page.locator(`${navSelector} a[href]`);
  if ((await navLinks.count()) === 0 || !(await navLinks.first().isVisible())) problems.push("site navigation not visible");
  if (!(await page.locator("footer").first().isVisible())) problems.push("footer not visible");
  return problems;
}

// --- reflow -------------------------------------------------------------------------

/**
 * WCAG 1.4.10 Reflow: the page does not scroll sideways at this width. Wide tables may
 * scroll inside their own region; the page itself may not. Returns null when it fits, or
 * { scrollWidth, width, culprits: [string] } naming the innermost elements that stick out
 * (outside any scroll container).
 */
export async function overflowCheck(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const vw = root.clientWidth;
    if (root.scrollWidth <= vw) return null;
    const inScroller = (e) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const out = [];
    for (const e of document.body.querySelectorAll("*")) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1 || inScroller(e)) continue;
      if (Array.from(e.children).some((c) => c.getBoundingClientRect().right > vw + 1)) continue;
      const desc = e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
      out.push(`${desc} reaches ${Math.round(r.right)}px: "${(e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50)}"`);
    }
    return { scrollWidth: root.scrollWidth, width: vw, culprits: out.slice(0, 8) };
  });
}

// --- on a phone (issue 19) ------------------------------------------------------------

/**
 * Every table wider than its box must sit in a scroll region a keyboard and a screen reader
 * can use: overflow-x auto or scroll, tabindex="0", role="region" with a label, a visible cue
 * (the region's background shadows), and it must really scroll. Returns problems as sentences.
 */
export async function scrollRegionProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const t of document.querySelectorAll("table")) {
      const box = t.parentElement;
      if (t.getBoundingClientRect().width <= box.getBoundingClientRect().width + 1) continue;
      const where = (t.querySelector("caption")?.textContent || box.getAttribute("aria-label") || "a table").trim().replace(/\s+/g, " ").slice(0, 50);
      if (!["auto", "scroll"].includes(getComputedStyle(box).overflowX)) { out.push(`${where}: wider than the screen, not in a scroll region`); continue; }
      if (box.getAttribute("tabindex") !== "0") out.push(`${where}: its scroll region cannot take focus`);
      if (box.getAttribute("role") !== "region" || !(box.getAttribute("aria-label") || box.getAttribute("aria-labelledby"))) out.push(`${where}: its scroll region is not a labelled region`);
      if (getComputedStyle(box).backgroundImage === "none") out.push(`${where}: no visible cue that it scrolls`);
      const start = box.scrollLeft;
      // Right to left, scrollLeft runs from 0 to minus the overflow.
      box.scrollLeft = getComputedStyle(box).direction === "rtl" ? -box.scrollWidth : box.scrollWidth;
      if (box.scrollLeft === start) out.push(`${where}: does not scroll`);
      box.scrollLeft = start;
    }
    return out;
  });
}

/**
 * What a page looks like at this width, as sentences: the header's height (from 390 px up,
 * at most headerMax - 1), words broken in the middle without a hyphen or soft hyphen in
 * headings, table headers, captions, the menu and tables of contents, and text that overflows
 * its box (an element whose content is wider than itself, outside any scroll region).
 */
export async function layoutProblems(page, { width, headerMax }) {
  return page.evaluate(({ width, max }) => {
    const out = [];
    const header = document.querySelector(".site-header");
    const h = header ? Math.round(header.getBoundingClientRect().height) : 0;
    if (width >= 390 && width < 1000 && h >= max) out.push(`the header is ${h} px high (at most ${max - 1})`);
    // A word is broken in the middle when two letters next to each other lie on different
    // lines, unless the first is a hyphen or a soft hyphen (a hyphenation). Letters are compared
    // one by one, only in words whose first and last letter are on different lines: the
    // hyphen a browser draws for a soft hyphen has a box of its own.
    const top = (n, i) => {
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      // The last box: a letter after a soft hyphen also gets the box of the drawn hyphen.
      const box = Array.from(r.getClientRects()).filter((x) => x.width > 0).at(-1);
      return box ? Math.round(box.top) : null;
    };
    for (const el of document.querySelectorAll("main h1, main h2, main h3, th, caption, .toc a, .main-nav a, .breadcrumb a")) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (const m of n.data.matchAll(/[^\s-]+/g)) {
          const first = top(n, m.index), last = top(n, m.index + m[0].length - 1);
          if (first === null || last === null || first === last) continue;
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
    // Text wider than its box: the innermost such elements, outside scroll regions (tables
    // in them are checked by scrollRegionProblems) and the visually hidden texts.
    const scrolls = (e) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX);
    const inScroller = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true; return false; };
    const overflowing = (e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !scrolls(e) && getComputedStyle(e).display !== "inline";
    for (const e of document.body.querySelectorAll("*")) {
      if (!overflowing(e) || inScroller(e) || Array.from(e.querySelectorAll("*")).some(overflowing)) continue;
      const desc = e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
      out.push(`text overflows ${desc} (${e.scrollWidth} px in ${e.clientWidth} px): "${(e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50)}"`);
    }
    return out;
  }, { width, max: headerMax });
}
