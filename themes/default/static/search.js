/* Zoeken op /zoeken/ zonder server: haalt alleen de delen van /zoeken/index/ op die een vraag
   nodig heeft. Analyse en rangorde zijn een vertaling van src/search/ (analysis.rs, stem.rs,
   engine.rs, results.rs): dezelfde stappen en dezelfde sommen in dezelfde volgorde, zodat beide
   dezelfde scores geven (tests/search_browser.rs vergelijkt ze); de tabellen (synoniemen,
   stopwoorden, parameters) komen uit meta.bin, dus uit dezelfde build als de index van
   `passend search`. */
(function () {
  "use strict";
  /* Where the index is, and where to point when nothing is found, come from the search form
     (src/search/results.rs writes them from src/url.rs). */
  var FORM = document.querySelector("form.zoek-formulier");
  var BASE = FORM ? FORM.getAttribute("data-index") : "", meta = null, files = {}, FOLD = {}, STOP = {};
  var WORD = /^[\p{Alphabetic}\p{N}]+$/u;

  function get(name) {
    if (!files[name]) {
      files[name] = fetch(BASE + name + (meta ? "?v=" + meta.v : "")).then(function (r) {
        if (!r.ok) return null;
        return r.arrayBuffer().then(function (buf) {
          var b = new Uint8Array(buf);
          if (b[0] !== 0x1f || b[1] !== 0x8b) return b;
          var s = new Response(b).body.pipeThrough(new DecompressionStream("gzip"));
          return new Response(s).arrayBuffer().then(function (x) { return new Uint8Array(x); });
        });
      }).catch(function () { return null; });
    }
    return files[name];
  }
  function loadMeta() {
    return get("meta.bin").then(function (b) {
      if (!meta) {
        meta = JSON.parse(new TextDecoder().decode(b));
        meta.fold.forEach(function (f) { FOLD[f[0]] = f[1]; });
        meta.stop.forEach(function (w) { STOP[w] = 1; });
        meta.leafSet = {}; meta.leaves.forEach(function (l) { meta.leafSet[l] = 1; });
      }
      return meta;
    });
  }

  /* Binary reader: LEB128 varints and UTF-8 strings. */
  function Reader(b) { this.b = b; this.i = 0; }
  Reader.prototype.n = function () {
    var v = 0, m = 1, x;
    do { x = this.b[this.i++]; v += (x & 127) * m; m *= 128; } while (x & 128);
    return v;
  };
  var UTF8 = new TextDecoder();
  Reader.prototype.s = function () {
    var len = this.n(), b = this.b, i = this.i, end = i + len, s = "", ascii = true;
    /* Most terms are ASCII: build those directly, without a decoder call each. */
    for (var j = i; j < end; j++) if (b[j] > 127) { ascii = false; break; }
    if (ascii) for (j = i; j < end; j++) s += String.fromCharCode(b[j]);
    else s = UTF8.decode(b.subarray(i, end));
    this.i = end; return s;
  };

  /* ---- analysis.rs ---- */
  function chars(s) { return Array.from(s); }
  function fold(c) {
    var out = "";
    chars(c.toLowerCase()).forEach(function (l) { out += FOLD[l] !== undefined ? FOLD[l] : l; });
    return out;
  }
  /* Lowercase a-z and 0-9 as they are (FOLD only has letters beyond ASCII); the rest through fold. */
  function foldChar(c) {
    var k = c.charCodeAt(0);
    if (k < 128) {
      if (k >= 65 && k <= 90) return String.fromCharCode(k + 32);
      return (k >= 97 && k <= 122) || (k >= 48 && k <= 57) ? c : null;
    }
    var f = fold(c);
    return f && WORD.test(f) ? f : null;
  }
  function tokens(text) {
    var out = [], cur = null, i = 0;
    for (var c of text) {
      var f = foldChar(c);
      if (f) {
        if (!cur) cur = { start: i, end: i, folded: "" };
        cur.folded += f; cur.end = i + c.length;
      } else if (cur) { push(out, cur); cur = null; }
      i += c.length;
    }
    if (cur) push(out, cur);
    return out;
  }
  function push(out, t) { var n = chars(t.folded).length; if (n >= 2 && n <= 40) out.push(t); }
  /* Words repeat over texts and queries: stem each different word once per page. */
  var STEMS = new Map();
  function stemOf(w) {
    var s = STEMS.get(w);
    if (s === undefined) { s = STOP[w] ? null : stem(w); if (STEMS.size < 50000) STEMS.set(w, s); }
    return s;
  }
  function stemmed(text) {
    return tokens(text).map(function (t) { return [t, stemOf(t.folded)]; });
  }
  /* The first two letters of a word; its stem starts with them (analysis.rs: head). */
  function head(w) { var out = "", n = 0; for (var c of w) { out += c; if (++n === 2) break; } return out; }
  /* Tokens with their stem where it is in `set`; only words with a matching head are stemmed. */
  function tokensMatching(text, set) {
    var heads = new Set();
    set.forEach(function (s) { heads.add(head(s)); });
    return tokens(text).map(function (t) {
      var s = heads.has(head(t.folded)) ? stemOf(t.folded) : null;
      return [t, s !== null && set.has(s) ? s : null];
    });
  }
  function analyze(text) { return stemmed(text).filter(function (x) { return x[1] !== null; }).map(function (x) { return x[1]; }); }

  /* ---- stem.rs: Snowball Dutch ---- */
  function isV(c) { return "aeiouyè".indexOf(c) >= 0; }
  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length).join("") === s; }
  function undouble(w) { if (ends(w, "kk") || ends(w, "dd") || ends(w, "tt")) w.pop(); }
  function enEnding(w, start, p1) {
    if (start < p1 || start === 0 || isV(w[start - 1])) return;
    if (start >= 3 && w.slice(start - 3, start).join("") === "gem") return;
    w.length = start; undouble(w);
  }
  function eEnding(w, p1, st) {
    st.e = false;
    var n = w.length;
    if (n >= 2 && w[n - 1] === "e" && n - 1 >= p1 && !isV(w[n - 2])) { w.length = n - 1; st.e = true; undouble(w); }
  }
  function regions(w) {
    var n = w.length;
    if (n < 3) return [n, n];
    function avc(from) {
      var v = from; while (v < n && !isV(w[v])) v++;
      if (v >= n) return -1;
      var c = v + 1; while (c < n && isV(w[c])) c++;
      return c >= n ? -1 : c + 1;
    }
    var p1 = avc(0);
    if (p1 < 0) return [n, n];
    var p2 = avc(p1); if (p2 < 0) p2 = n;
    return [Math.max(p1, 3), p2];
  }
  function stem(word) {
    var w = chars(word), i = 0, st = { e: false };
    if (w[0] === "y") w[0] = "Y";
    while (i + 1 < w.length) {
      if (isV(w[i])) {
        if (w[i + 1] === "i" && i + 2 < w.length && isV(w[i + 2])) { w[i + 1] = "I"; i += 3; continue; }
        if (w[i + 1] === "y") { w[i + 1] = "Y"; i += 2; continue; }
      }
      i++;
    }
    var r = regions(w), p1 = r[0], p2 = r[1], s;
    if (ends(w, "heden")) { if (w.length - 5 >= p1) { w.length -= 5; w.push("h", "e", "i", "d"); } }
    else if (ends(w, "ene") || ends(w, "en")) enEnding(w, w.length - (ends(w, "ene") ? 3 : 2), p1);
    else if (ends(w, "se") || ends(w, "s")) {
      s = w.length - (ends(w, "se") ? 2 : 1);
      if (s >= p1 && s > 0 && !isV(w[s - 1]) && w[s - 1] !== "j") w.length = s;
    }
    eEnding(w, p1, st);
    if (ends(w, "heid")) {
      s = w.length - 4;
      if (s >= p2 && !(s > 0 && w[s - 1] === "c")) { w.length = s; if (ends(w, "en")) enEnding(w, w.length - 2, p1); }
    }
    if (ends(w, "end") || ends(w, "ing")) {
      s = w.length - 3;
      if (s >= p2) {
        w.length = s;
        if (ends(w, "ig") && w.length - 2 >= p2 && !(w.length > 2 && w[w.length - 3] === "e")) w.length -= 2; else undouble(w);
      }
    } else if (ends(w, "ig")) { s = w.length - 2; if (s >= p2 && !(s > 0 && w[s - 1] === "e")) w.length = s; }
    else if (ends(w, "lijk")) { s = w.length - 4; if (s >= p2) { w.length = s; eEnding(w, p1, st); } }
    else if (ends(w, "baar")) { s = w.length - 4; if (s >= p2) w.length = s; }
    else if (ends(w, "bar")) { s = w.length - 3; if (s >= p2 && st.e) w.length = s; }
    var n = w.length;
    if (n >= 4) {
      var last = w[n - 1], a = w[n - 3], b = w[n - 2];
      if (!isV(last) && last !== "I" && a === b && "aeou".indexOf(a) >= 0 && !isV(w[n - 4])) w.splice(n - 2, 1);
    }
    return w.join("").replace(/I/g, "i").replace(/Y/g, "y");
  }

  /* The spelling key (analysis.rs: spelling_key): how Dutch writes one sound, folded. */
  var KEY2 = { ph: "f", th: "t", qu: "kw", ch: "ch", ij: "ei", ie: "i", au: "ou", dt: "t" }, KEY1 = { c: "k", x: "ks", y: "i", z: "s" };
  function spellingKey(word) {
    var c = chars(word), out = "", i = 0;
    while (i < c.length) {
      var two = i + 1 < c.length ? c[i] + c[i + 1] : null, rep, step = 1;
      if (two !== null && KEY2[two] !== undefined) { rep = KEY2[two]; step = 2; }
      else rep = KEY1[c[i]] !== undefined ? KEY1[c[i]] : c[i];
      for (var ch of rep) if (out.slice(-ch.length) !== ch) out += ch;
      i += step;
    }
    if (out.slice(-1) === "d") { out = out.slice(0, -1); if (out.slice(-1) !== "t") out += "t"; }
    return out;
  }
  /* analysis.rs: spelling_distance. */
  function spellingDistance(a, b, max) {
    var d = editDistance(a, b, max);
    if (d !== null) return d;
    if (max >= 1 && a.length === b.length && a.length >= 5 && a.slice().sort().join("") === b.slice().sort().join("")) return 1;
    return null;
  }

  function same(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }
  function startsWith(a, b, at) { return a.length - at >= b.length && b.every(function (x, i) { return a[at + i] === x; }); }
  function windowAt(a, g) { for (var i = 0; i + g.length <= a.length; i++) if (startsWith(a, g, i)) return i; return -1; }

  function parseQuery(query) {
    var P = meta.params;
    query = chars(query).slice(0, P.max_query_chars).join("");
    var words = stemmed(query).filter(function (x) { return x[1] !== null; }).map(function (x) { return [x[0].folded, x[1]]; });
    var stems = words.map(function (x) { return x[1]; });
    var gemeente = null;
    meta.gemeenten.some(function (g, i) { if (g.stems.length && windowAt(stems, g.stems) >= 0) { gemeente = i; return true; } return false; });
    if (gemeente !== null) {
      var g = meta.gemeenten[gemeente].stems;
      if (stems.length > g.length) { var at = windowAt(stems, g); stems.splice(at, g.length); words.splice(at, g.length); }
    }
    var units = [], i = 0;
    while (i < stems.length && units.length < P.max_units) {
      var best = null;
      function consider(m) { if (startsWith(stems, m, i) && (!best || m.length > best.length)) best = m; }
      meta.synonyms.forEach(function (group) { group.forEach(consider); });
      meta.everyday.forEach(function (e) { e.words.forEach(consider); });
      var len = best ? best.length : 1;
      var typed = words.slice(i, i + len).map(function (x) { return x[0]; }).join(" ");
      var alts = [{ stems: stems.slice(i, i + len), weight: 1 }], also = [];
      if (best) {
        meta.synonyms.forEach(function (group) {
          if (!group.some(function (m) { return same(m, best); })) return;
          group.forEach(function (o) {
            if (!alts.some(function (a) { return same(a.stems, o); })) alts.push({ stems: o, weight: P.synonym });
          });
        });
        meta.everyday.forEach(function (e) {
          if (!e.words.some(function (m) { return same(m, best); })) return;
          e.means.forEach(function (o) {
            if (!alts.some(function (a) { return same(a.stems, o); })) alts.push({ stems: o, weight: P.everyday });
          });
          if (also.indexOf(e.label) < 0) also.push(e.label);
        });
      }
      var n = chars(words[i][0]).length;
      units.push({ typed: typed, alts: alts, fuzzy: !best && n >= P.fuzzy_min ? [stems[i], n >= P.fuzzy2_min ? 2 : 1] : null, also: also });
      i += len;
    }
    return { units: units, gemeente: gemeente };
  }

  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return null;
    var n = a.length, m = b.length, prev2 = new Array(m + 1).fill(0), prev = [], cur = new Array(m + 1).fill(0), i, j, t;
    for (j = 0; j <= m; j++) prev.push(j);
    for (i = 1; i <= n; i++) {
      cur[0] = i; var rowMin = cur[0];
      for (j = 1; j <= m; j++) {
        var cost = a[i - 1] !== b[j - 1] ? 1 : 0;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v; rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) return null;
      t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[m] <= max ? prev[m] : null;
  }

  /* ---- the Source of engine.rs, over the shards ---- */
  function key(p) {
    return chars(p).map(function (c) { return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_"; }).join("");
  }
  var leaves = {}, facets = null;
  function leafOf(term) {
    var c = chars(term);
    for (var k = Math.min(c.length, 4); k >= 1; k--) { var p = c.slice(0, k).join(""); if (meta.leafSet[p]) return p; }
    return null;
  }
  /* A leaf: per term and field its postings as typed arrays, documents (ascending) and impact
     bytes. */
  var EMPTY = [{ docs: new Uint32Array(0), imp: new Uint8Array(0) }, { docs: new Uint32Array(0), imp: new Uint8Array(0) }, { docs: new Uint32Array(0), imp: new Uint8Array(0) }];
  function leaf(p) {
    if (!leaves[p]) leaves[p] = get("p-" + key(p) + ".bin").then(function (b) {
      var out = { terms: {} }; if (!b) return out;
      var r = new Reader(b), n = r.n(), i;
      for (i = 0; i < n; i++) {
        var t = r.s(), fields = [];
        for (var f = 0; f < 3; f++) {
          var c = r.n(), docs = new Uint32Array(c), imp = new Uint8Array(c), doc = 0;
          for (var j = 0; j < c; j++) { doc = j === 0 ? r.n() : doc + r.n(); docs[j] = doc; imp[j] = r.b[r.i++]; }
          fields.push({ docs: docs, imp: imp });
        }
        out.terms[t] = fields;
      }
      return out;
    });
    return leaves[p];
  }
  function df(fields) { return fields[0].docs.length + fields[1].docs.length + fields[2].docs.length; }
  /* The terms of a typo group and their document frequency (shards.rs: w-<group>.bin). */
  var groups = {};
  function spellingGroup(g) {
    if (meta.groups.indexOf(g) < 0) return Promise.resolve([]);
    if (!groups[g]) groups[g] = get("w-" + key(g) + ".bin").then(function (b) {
      var out = []; if (!b) return out;
      var r = new Reader(b), n = r.n();
      for (var i = 0; i < n; i++) out.push([r.s(), r.n()]);
      return out;
    });
    return groups[g];
  }
  /* Terms starting with `prefix`, from the postings leaf that holds it: for a prefix of at least
     4 letters (prefix_min, at least 4 by a check in analysis.rs) that leaf holds every longer
     term too (a leaf is named by at most 4 letters). */
  function leafTermsWithPrefix(prefix) {
    var p = leafOf(prefix);
    if (p === null) return Promise.resolve([]);
    return leaf(p).then(function (l) {
      return Object.keys(l.terms).filter(function (t) { return t.lastIndexOf(prefix, 0) === 0; }).map(function (t) { return [t, df(l.terms[t])]; });
    });
  }
  function postings(term) {
    var p = leafOf(term);
    if (p === null) return Promise.resolve(EMPTY);
    return leaf(p).then(function (l) { return l.terms[term] || EMPTY; });
  }
  function facet(name) {
    if (!facets) facets = get("facetten.bin").then(function (b) {
      var out = {}; if (!b) return out;
      var r = new Reader(b), n = r.n();
      for (var i = 0; i < n; i++) {
        var k = r.s(), c = r.n(), list = [], doc = 0;
        for (var j = 0; j < c; j++) { doc = j === 0 ? r.n() : doc + r.n(); list.push(doc); }
        out[k] = list;
      }
      return out;
    });
    return facets.then(function (f) { return f[name] || []; });
  }

  /* ---- engine.rs ---- */
  function byDfThenTerm(a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); }
  function expand(q) {
    var P = meta.params;
    return Promise.all(q.units.map(function (unit) {
      var out = [];
      function add(stems, weight, via) {
        var e = out.find(function (x) { return same(x.stems, stems); });
        if (e) { if (e.weight < weight) { e.weight = weight; e.via = via; } }
        else out.push({ stems: stems, weight: weight, via: via });
      }
      /* The leaves of the words themselves are needed in any case: they hold the words'
         postings, their compounds (a leaf is named by at most the first 4 letters) and the
         vocabulary for typos. */
      unit.alts.forEach(function (alt) { alt.stems.forEach(postings); });
      var steps = unit.alts.map(function (alt) {
        var s = alt.stems.length === 1 ? alt.stems[0] : null;
        return s !== null && chars(s).length >= P.prefix_min ? leafTermsWithPrefix(s) : Promise.resolve(null);
      });
      var fkey = unit.fuzzy ? chars(spellingKey(unit.fuzzy[0])) : null;
      var fz = fkey && fkey.length >= 2 ? spellingGroup(head(fkey.join(""))) : Promise.resolve(null);
      return Promise.all(steps.concat([fz])).then(function (res) {
        unit.alts.forEach(function (alt, i) {
          add(alt.stems, alt.weight, alt.weight < 1 ? "synonym" : "exact");
          if (res[i]) {
            var s = alt.stems[0];
            res[i].filter(function (x) { return x[0] !== s; }).sort(byDfThenTerm).slice(0, P.prefix_max).forEach(function (x) {
              add([x[0]], alt.weight * P.prefix, "prefix");
            });
          }
        });
        var list = res[res.length - 1];
        if (list) {
          var max = unit.fuzzy[1], typedStem = unit.fuzzy[0];
          list.map(function (x) {
            if (x[0] === typedStem) return null;
            var d = spellingDistance(fkey, chars(spellingKey(x[0])), max);
            return d === null ? null : [Math.max(d, 1), x[1], x[0]];
          })
            .filter(Boolean)
            .sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); })
            .slice(0, P.fuzzy_max)
            .forEach(function (x) { add([x[2]], x[0] === 1 ? P.fuzzy1 : P.fuzzy2, "typo"); });
        }
        return out;
      });
    }));
  }
  function idf(n, df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }
  /* Dense scratch arrays of meta.n zeros, left zero again by every step (engine.rs: Scratch). */
  var dense = null;
  function scratch() {
    if (!dense || dense.n !== meta.n) dense = { n: meta.n, acc: new Float64Array(meta.n), best: new Float64Array(meta.n), sum: new Float64Array(meta.n), matched: new Uint8Array(meta.n) };
    return dense;
  }
  /* Per term: its documents (in field order, not sorted) and their score, summed over fields in
     field order, as engine.rs each_scored adds them (there per document, here in a dense array). */
  function termScores(fields) {
    var P = meta.params, acc = scratch().acc, touched = [];
    fields.forEach(function (list, f) {
      var c = list.docs.length;
      if (!c) return;
      var w = P.weights[f] * idf(meta.n, c) * (P.k1 + 1) / 255, docs = list.docs, imp = list.imp;
      for (var j = 0; j < c; j++) {
        var d = docs[j];
        if (d >= acc.length) continue;
        if (acc[d] === 0) touched.push(d);
        acc[d] += w * imp[j];
      }
    });
    var docs = Uint32Array.from(touched), scores = new Float64Array(docs.length);
    for (var i = 0; i < docs.length; i++) { scores[i] = acc[docs[i]]; acc[docs[i]] = 0; }
    return { docs: docs, scores: scores };
  }
  /* A copy by ascending document, for merging the words of a phrase. */
  function sorted(t) {
    var acc = scratch().acc, docs = t.docs.slice().sort(), scores = new Float64Array(docs.length), i;
    for (i = 0; i < t.docs.length; i++) acc[t.docs[i]] = t.scores[i];
    for (i = 0; i < docs.length; i++) { scores[i] = acc[docs[i]]; acc[docs[i]] = 0; }
    return { docs: docs, scores: scores };
  }
  function rank(q, expansions, slug, limit) {
    var P = meta.params, terms = {};
    expansions.forEach(function (unit) { unit.forEach(function (e) { e.stems.forEach(function (s) { terms[s] = 1; }); }); });
    var names = Object.keys(terms);
    return Promise.all(names.map(postings).concat([slug ? facet("gemeente:" + slug) : [], slug ? facet("kind:school") : []])).then(function (all) {
      var there = all[all.length - 2], schools = all[all.length - 1], cache = {};
      names.forEach(function (t, i) { cache[t] = all[i]; });
      var sc = {}, ds = scratch(), best = ds.best, sum = ds.sum, matched = ds.matched, every = [];
      function scores(t) { if (!sc[t]) sc[t] = termScores(cache[t]); return sc[t]; }
      expansions.forEach(function (unit) {
        var touched = [];
        unit.forEach(function (e) {
          var w = e.weight;
          function consider(d, s) { var v = w * s; if (best[d] === 0) touched.push(d); if (v > best[d]) best[d] = v; }
          var i, j;
          if (e.stems.length === 1) {
            var t = scores(e.stems[0]);
            for (i = 0; i < t.docs.length; i++) consider(t.docs[i], t.scores[i]);
          } else {
            /* A phrase counts where all its words occur: their mean. */
            var parts = e.stems.map(function (s) { return sorted(scores(s)); }), k = parts.length, at = parts.map(function () { return 0; });
            docs: for (i = 0; i < parts[0].docs.length; i++) {
              var d = parts[0].docs[i], total = parts[0].scores[i];
              for (j = 1; j < k; j++) {
                var p = parts[j];
                while (at[j] < p.docs.length && p.docs[at[j]] < d) at[j]++;
                if (at[j] >= p.docs.length || p.docs[at[j]] !== d) continue docs;
                total += p.scores[at[j]];
              }
              consider(d, total / k);
            }
          }
        });
        touched.forEach(function (d) { if (matched[d] === 0) every.push(d); sum[d] += best[d]; best[d] = 0; matched[d] += 1; });
      });
      var thereSet = new Set(there), excluded = new Set(schools.filter(function (d) { return !thereSet.has(d); }));
      var n = q.units.length, top = [], count = 0, filter = !!slug;
      /* The best `limit` in rank order; ties keep index order. Only a document that makes the
         list becomes an object: a common word matches most of the site. */
      for (var x = 0; x < every.length; x++) {
        var d = every[x], s = sum[d], m = matched[d];
        sum[d] = 0; matched[d] = 0;
        if (filter && excluded.has(d)) continue;
        count++;
        var score = s * (1 + m) / (1 + n) * (filter && thereSet.has(d) ? P.gemeente_boost : 1), key = Math.round(score * 1e6);
        var last = top.length >= limit ? top[top.length - 1] : null;
        if (last && !(key > last.key || (key === last.key && d < last.doc))) continue;
        var h = { doc: d, score: score, key: key }, i = top.length;
        while (i > 0 && (key > top[i - 1].key || (key === top[i - 1].key && d < top[i - 1].doc))) i--;
        top.splice(i, 0, h);
        if (top.length > limit) top.pop();
      }
      return { total: count, hits: top };
    });
  }

  /* ---- results.rs ---- */
  function esc(s) {
    return s.replace(/[&<>"']|[\u0000-\u0008\u000b-\u001f]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c] || "";
    });
  }
  function highlight(text, set, win) {
    var toks = tokensMatching(text, set), hit = toks.map(function (t) { return t[1] !== null; });
    var from = 0, to = toks.length;
    if (win && toks.length > win) {
      /* Number the matched stems, then slide the window over the text counting them. */
      var ids = new Map(), id = toks.map(function (t, i) {
        if (!hit[i]) return -1;
        if (!ids.has(t[1])) ids.set(t[1], ids.size);
        return ids.get(t[1]);
      });
      var count = new Uint32Array(ids.size), distinct = 0, best = [0, 0];
      for (var i = 0; i < toks.length; i++) {
        if (id[i] >= 0 && count[id[i]]++ === 0) distinct++;
        if (i >= win && id[i - win] >= 0 && --count[id[i - win]] === 0) distinct--;
        if (i + 1 >= win && distinct > best[1]) best = [i + 1 - win, distinct];
      }
      from = best[0]; to = best[0] + win;
    }
    var tf = from === 0 ? 0 : toks[from][0].start, tt = to >= toks.length ? text.length : toks[to - 1][0].end;
    var html = tf > 0 ? "…" : "", pos = tf, matched = [];
    for (var j = from; j < Math.min(to, toks.length); j++) {
      if (!hit[j]) continue;
      var t = toks[j][0];
      html += esc(text.slice(pos, t.start)) + "<mark>" + esc(text.slice(t.start, t.end)) + "</mark>";
      pos = t.end;
      var w = text.slice(t.start, t.end).toLowerCase();
      if (matched.indexOf(w) < 0) matched.push(w);
    }
    html += esc(text.slice(pos, tt));
    if (tt < text.length) html += "…";
    return [html, matched];
  }
  function suggestions() {
    return JSON.parse((FORM && FORM.getAttribute("data-suggesties")) || "[]");
  }
  // Documents come meta.dn to a file: document i is entry i % dn of file d/<i / dn>.bin.
  function fragment(doc) {
    return get("d/" + Math.floor(doc / meta.dn) + ".bin").then(function (b) { return b ? JSON.parse(new TextDecoder().decode(b))[doc % meta.dn] || null : null; });
  }

  function search(query, limit) {
    limit = limit || 10;
    return loadMeta().then(function () {
      var q = parseQuery(query);
      var r = { query: chars(query).slice(0, meta.params.max_query_chars).join("").trim(), total: 0, results: [], finder: [], gemeente: null, suggestions: [], also: [] };
      if (!q.units.length) { if (query.trim()) r.suggestions = suggestions(); return r; }
      q.units.forEach(function (u) { u.also.forEach(function (a) { if (r.also.indexOf(a) < 0) r.also.push(a); }); });
      if (q.gemeente !== null) facet("kind:school");
      return expand(q).then(function (ex) {
        var g = q.gemeente === null ? null : meta.gemeenten[q.gemeente];
        return rank(q, ex, g ? g.slug : null, limit).then(function (ranked) {
          r.total = ranked.total;
          var hits = ranked.hits;
          var set = new Set();
          ex.forEach(function (u) { u.forEach(function (e) { e.stems.forEach(function (s) { set.add(s); }); }); });
          var top = hits.slice(0, limit);
          return Promise.all(top.map(function (h) { return fragment(h.doc); })).then(function (frags) {
            top.forEach(function (h, i) {
              var d = frags[i]; if (!d) return;
              var t = highlight(d.t, set, 0), s = highlight(d.x, set, meta.params.snippet_words), matched = t[1];
              s[1].forEach(function (m) { if (matched.indexOf(m) < 0) matched.push(m); });
              r.results.push({ url: d.u, title: d.t, title_html: t[0], breadcrumb: d.b, kind: d.k, kind_label: meta.kindLabels[d.k] || "",
                snippet_html: s[0], matched: matched.slice(0, 6), score: Math.round(h.score * 1e6) / 1e6 });
            });
            var named = new Set();
            ex.forEach(function (u) { u.forEach(function (e) { if (e.via !== "prefix" && e.stems.length === 1) named.add(e.stems[0]); }); });
            meta.kinds.forEach(function (k) {
              if (k.triggers.some(function (t) { return named.has(t); })) r.finder.push({ label: "Scholen met extra ondersteuning bij " + k.label.toLowerCase(), url: k.url });
            });
            if (g) r.gemeente = { label: "Alle scholen in " + g.naam, url: g.url };
            if (!r.total) r.suggestions = suggestions();
            return r;
          });
        });
      });
    });
  }

  /* ---- the page ---- */
  function status(r) {
    if (!r.query) return "";
    if (!r.total) return "Geen resultaten voor ‘" + r.query + "’.";
    return r.total + " " + (r.total === 1 ? "resultaat" : "resultaten") + " voor ‘" + r.query + "’.";
  }
  function links(list) {
    return "<ul>" + list.map(function (l) { return '<li><a href="' + esc(l.url) + '">' + esc(l.label) + "</a></li>"; }).join("") + "</ul>";
  }
  function show(r) {
    var $ = function (id) { return document.getElementById(id); };
    var found = r.finder.concat(r.gemeente ? [r.gemeente] : []);
    $("zoek-vinder").innerHTML = found.length ? "<p>Zoekt u een school?</p>" + links(found) : "";
    var list = $("zoek-resultaten");
    list.innerHTML = r.results.map(function (it) {
      var why = it.matched.length ? '<p class="zoek-waarom">Gevonden op: ' + it.matched.map(function (m) { return "<mark>" + esc(m) + "</mark>"; }).join(", ") + "</p>" : "";
      return '<li class="zoek-resultaat"><h2 class="zoek-titel"><a href="' + esc(it.url) + '">' + it.title_html + '</a></h2><p class="zoek-kruimel"><span class="zoek-soort">' +
        esc(it.kind_label) + "</span>" + (it.breadcrumb ? " · " : "") + esc(it.breadcrumb) + '</p><p class="zoek-fragment">' + it.snippet_html + "</p>" + why + "</li>";
    }).join("\n");
    list.hidden = !r.results.length;
    $("zoek-suggesties").innerHTML = r.suggestions.length ? "<p>Probeer een ander of korter woord, of kijk hier:</p>" + links(r.suggestions) : "";
    $("zoek-status").textContent = status(r);
    $("zoek-ook").textContent = r.also && r.also.length ? "We zochten ook naar: " + r.also.join("; ") + "." : "";
  }
  function run(q) {
    document.getElementById("zoek-status").textContent = q ? "Bezig met zoeken…" : "";
    return search(q, 10).then(show, function () { show({ query: q, total: 0, results: [], finder: [], gemeente: null, suggestions: suggestions(), also: [] }); });
  }
  window.passendZoeken = { search: search, spellingKey: spellingKey, analyze: function (t) { return loadMeta().then(function () { return analyze(t); }); } };

  var form = FORM, input = document.getElementById("zoekterm");
  var box = document.getElementById("zoek-uitkomst");
  if (!form || !input || !box || !window.DecompressionStream) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value;
    history.pushState(null, "", form.getAttribute("action") + (q ? "?q=" + encodeURIComponent(q) : ""));
    run(q);
  });
  window.addEventListener("popstate", function () {
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q; run(q);
  });
  /* While a parent types, fetch what the words so far need (the analyzer tables, then the
     postings leaf of each word), so that on a slow phone connection the search itself starts
     with most files at hand. Nothing is shown until the form is sent. */
  var warmTimer = null;
  input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
  input.addEventListener("input", function () {
    clearTimeout(warmTimer);
    warmTimer = setTimeout(function () {
      loadMeta().then(function () {
        parseQuery(input.value).units.forEach(function (u) { u.alts.forEach(function (a) { a.stems.forEach(postings); }); });
      }).catch(function () {});
    }, 300);
  });
  var q0 = new URLSearchParams(location.search).get("q");
  if (q0 !== null && !box.hasAttribute("data-server")) { input.value = q0; run(q0); }
})();
