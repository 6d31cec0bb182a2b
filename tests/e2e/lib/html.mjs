// A small HTML tokenizer for the static checks (inline code, links and anchors, contact
// details). It is not a full HTML parser and does not need to be: the Nu Html Checker
// validates the same files, so here we only need start tags with their attributes, the raw
// text of <script> and <style>, and the text between tags. It follows the HTML tokenizer
// where that matters for the checks: comments, raw-text elements, quoted and unquoted
// attribute values, character references in attribute values and text.

const NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", middot: "·", hellip: "…", ndash: "–", mdash: "—", euro: "€", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“" };

/** Decode the character references we can meet in generated output. */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (all, ref) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

/**
 * Tokenize an HTML string. Returns a list of tokens:
 *   { kind: "start", name, attrs: [{name, value}], line, selfClosing }
 *   { kind: "end", name, line }
 *   { kind: "text", text, line }            (decoded)
 *   { kind: "raw", name, text, line }       (content of script/style/textarea/title)
 */
export function tokenize(html) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const advance = (to) => {
    for (let k = i; k < to; k++) if (html.charCodeAt(k) === 10) line++;
    i = to;
  };
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      tokens.push({ kind: "text", text: decodeEntities(html.slice(i)), line });
      advance(html.length);
      break;
    }
    if (lt > i) {
      tokens.push({ kind: "text", text: decodeEntities(html.slice(i, lt)), line });
      advance(lt);
    }
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      advance(end < 0 ? html.length : end + 3);
      continue;
    }
    if (html[i + 1] === "!" || html[i + 1] === "?") {
      const end = html.indexOf(">", i);
      advance(end < 0 ? html.length : end + 1);
      continue;
    }
    const endTag = html[i + 1] === "/";
    const nameMatch = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(html.slice(i + (endTag ? 2 : 1), i + 80));
    if (!nameMatch) {
      tokens.push({ kind: "text", text: "<", line });
      advance(i + 1);
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const startLine = line;
    let j = i + (endTag ? 2 : 1) + nameMatch[0].length;
    const attrs = [];
    let selfClosing = false;
    // Attributes.
    while (j < html.length) {
      while (j < html.length && /\s/.test(html[j])) j++;
      if (html[j] === ">") { j++; break; }
      if (html[j] === "/" && html[j + 1] === ">") { selfClosing = true; j += 2; break; }
      if (html[j] === "/") { j++; continue; }
      const an = /^[^\s"'>\/=]+/.exec(html.slice(j, j + 200));
      if (!an) { j++; continue; }
      j += an[0].length;
      while (j < html.length && /\s/.test(html[j])) j++;
      let value = "";
      if (html[j] === "=") {
        j++;
        while (j < html.length && /\s/.test(html[j])) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const close = html.indexOf(q, j + 1);
          const stop = close < 0 ? html.length : close;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          const uv = /^[^\s>]*/.exec(html.slice(j))[0];
          value = uv;
          j += uv.length;
        }
      }
      attrs.push({ name: an[0].toLowerCase(), value: decodeEntities(value) });
    }
    advance(j);
    if (endTag) {
      tokens.push({ kind: "end", name, line: startLine });
      continue;
    }
    tokens.push({ kind: "start", name, attrs, line: startLine, selfClosing });
    if (RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      const stop = close < 0 ? html.length : close;
      tokens.push({ kind: "raw", name, text: html.slice(i, stop), line });
      advance(stop);
    }
  }
  return tokens;
}

/** The value of an attribute on a start tag, or undefined. */
export function attr(token, name) {
  const a = token.attrs.find((x) => x.name === name);
  return a ? a.value : undefined;
}

/** Visible-ish text of a document: text tokens outside script/style, whitespace collapsed. */
export function textContent(tokens) {
  return tokens
    .filter((t) => t.kind === "text" || (t.kind === "raw" && t.name === "title"))
    .map((t) => t.text)
    .join(" ")
    .replace(/\s+/g, " ");
}
