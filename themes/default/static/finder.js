/* School finder and compare view. Progressive enhancement: the static pages per gemeente and
   per kind of support work without this script. With it, /scholen/ gets a filter form whose
   state lives in the URL (shareable, bookmarkable), and /scholen/vergelijk/?ids=a,b,c shows up
   to three schools side by side from /data/scholen.json. No dependencies, no inline code. */
(function () {
  "use strict";
  var MAX_COMPARE = 3;

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function setupFinder(form) {
    var list = document.getElementById("school-list");
    var count = document.getElementById("finder-count");
    var cards = Array.prototype.slice.call(list.querySelectorAll(".school-card"));
    var compareBar = document.getElementById("compare-bar");
    var compareLink = document.getElementById("compare-link");
    var compareCount = document.getElementById("compare-count");
    form.hidden = false;

    function state() {
      var data = new FormData(form);
      return {
        gemeente: data.get("gemeente") || "",
        type: data.get("type") || "",
        ondersteuning: data.get("ondersteuning") || "",
        voorziening: data.get("voorziening") || "",
        expertise: data.get("expertise") || "",
        toegankelijk: data.getAll("toegankelijk"),
        sorteer: data.get("sorteer") || "naam",
        vergelijk: cards.map(function (c) { return c.querySelector("input[name=vergelijk]"); })
          .filter(function (i) { return i.checked; }).map(function (i) { return i.value; })
      };
    }

    function matches(card, s) {
      var d = card.dataset;
      if (s.gemeente && d.gemeente !== s.gemeente) return false;
      if (s.type && d.type !== s.type) return false;
      if (s.ondersteuning && words(d.extra).indexOf(s.ondersteuning) < 0) return false;
      if (s.voorziening && words(d.voorzieningen).indexOf(s.voorziening) < 0) return false;
      if (s.expertise && words(d.expertise).indexOf(s.expertise) < 0) return false;
      var access = words(d.toegankelijk);
      return s.toegankelijk.every(function (t) { return access.indexOf(t) >= 0; });
    }

    function toUrl(s) {
      var params = new URLSearchParams();
      ["gemeente", "type", "ondersteuning", "voorziening", "expertise"].forEach(function (k) { if (s[k]) params.set(k, s[k]); });
      s.toegankelijk.forEach(function (t) { params.append("toegankelijk", t); });
      if (s.sorteer !== "naam") params.set("sorteer", s.sorteer);
      if (s.vergelijk.length) params.set("vergelijk", s.vergelijk.join(","));
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "");
    }

    function apply() {
      var s = state();
      var key = s.sorteer === "plaats" ? "plaats" : "naam";
      cards.sort(function (a, b) {
        return a.dataset[key].localeCompare(b.dataset[key], "nl") || a.dataset.naam.localeCompare(b.dataset.naam, "nl");
      });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, s);
        card.hidden = !ok;
        if (ok) shown += 1;
        list.appendChild(card);
      });
      count.textContent = shown === 1 ? "1 school" : shown + " scholen";
      emptyHelp(s, shown);
      var chosen = s.vergelijk;
      cards.forEach(function (card) {
        var box = card.querySelector("input[name=vergelijk]");
        box.disabled = !box.checked && chosen.length >= MAX_COMPARE;
      });
      compareBar.hidden = chosen.length === 0;
      compareLink.href = compareLink.getAttribute("href").split("?")[0] + "?ids=" + chosen.join(",");
      compareCount.textContent = "(" + chosen.length + " van " + MAX_COMPARE + ")";
      history.replaceState(null, "", toUrl(s));
    }

    /* No school matches every choice: per choice, how many schools there are without it (a link
       to that state), and the steunpunt's phone number from the page's introduction. */
    var empty = document.getElementById("finder-leeg");
    function emptyHelp(s, shown) {
      if (!empty) return;
      empty.hidden = shown > 0;
      empty.textContent = "";
      if (shown > 0) return;
      var options = [];
      ["gemeente", "type", "ondersteuning", "voorziening"].forEach(function (k) {
        if (!s[k]) return;
        var el = form.elements[k], label = form.querySelector("label[for=" + el.id + "]");
        options.push({ label: (label ? label.textContent : k) + ": " + el.options[el.selectedIndex].text, state: Object.assign({}, s, { [k]: "" }) });
      });
      s.toegankelijk.forEach(function (t) {
        var label = form.querySelector("label[for=f-t-" + t + "]");
        options.push({ label: label ? label.textContent : t, state: Object.assign({}, s, { toegankelijk: s.toegankelijk.filter(function (x) { return x !== t; }) }) });
      });
      empty.appendChild(cell("p", "Geen school past bij al deze keuzes. Probeer het zonder één keuze:"));
      var ul = document.createElement("ul");
      options.forEach(function (o) {
        var n = cards.filter(function (c) { return matches(c, o.state); }).length;
        var li = document.createElement("li");
        li.appendChild(cell("a", "Zonder " + o.label, { href: toUrl(o.state) }));
        li.appendChild(document.createTextNode(" (" + (n === 1 ? "1 school" : n + " scholen") + ")"));
        ul.appendChild(li);
      });
      empty.appendChild(ul);
      var tel = document.querySelector(".lead a[href^='tel:']");
      if (tel) {
        var p = cell("p", "Of bel het ouder- en jeugdsteunpunt: ");
        p.appendChild(tel.cloneNode(true));
        p.appendChild(document.createTextNode(". Zij zoeken met u mee."));
        empty.appendChild(p);
      }
    }

    function restore() {
      var params = new URLSearchParams(location.search);
      ["gemeente", "type", "ondersteuning", "voorziening", "expertise", "sorteer"].forEach(function (k) {
        var el = form.elements[k];
        var v = params.get(k);
        if (el && v && Array.prototype.some.call(el.options, function (o) { return o.value === v; })) el.value = v;
      });
      var access = params.getAll("toegankelijk");
      Array.prototype.forEach.call(form.querySelectorAll("input[name=toegankelijk]"), function (box) {
        box.checked = access.indexOf(box.value) >= 0;
      });
      var compare = (params.get("vergelijk") || "").split(",").filter(Boolean).slice(0, MAX_COMPARE);
      cards.forEach(function (card) {
        var box = card.querySelector("input[name=vergelijk]");
        box.checked = compare.indexOf(box.value) >= 0;
      });
    }

    cards.forEach(function (card) {
      card.querySelector(".compare-choice").hidden = false;
    });
    form.addEventListener("change", apply);
    list.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    restore();
    apply();
  }

  function cell(tag, text, attrs) {
    var el = document.createElement(tag);
    el.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  function setupCompare(target) {
    var status = document.getElementById("compare-status");
    var ids = (new URLSearchParams(location.search).get("ids") || "").split(",").filter(Boolean).slice(0, MAX_COMPARE);
    if (!ids.length) return;
    status.textContent = "Scholen worden geladen…";
    fetch(target.getAttribute("data-open-data")).then(function (r) { return r.json(); }).then(function (data) {
      var schools = ids.map(function (id) {
        return data.scholen.filter(function (s) { return s.id.toLowerCase() === id.toLowerCase(); })[0];
      }).filter(Boolean);
      if (!schools.length) { status.textContent = "Deze scholen zijn niet gevonden."; return; }
      var table = document.createElement("table");
      table.appendChild(cell("caption", "Vergelijking van " + schools.map(function (s) { return s.naam; }).join(", ")));
      var head = document.createElement("tr");
      head.appendChild(cell("th", "", { scope: "col" }));
      schools.forEach(function (s) {
        var th = document.createElement("th");
        th.setAttribute("scope", "col");
        var a = cell("a", s.naam, { href: s.url });
        th.appendChild(a);
        head.appendChild(th);
      });
      var thead = document.createElement("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var body = document.createElement("tbody");
      function row(label, values) {
        var tr = document.createElement("tr");
        tr.appendChild(cell("th", label, { scope: "row" }));
        values.forEach(function (v) { tr.appendChild(cell("td", v)); });
        body.appendChild(tr);
      }
      row("Soort school", schools.map(function (s) { return s.onderwijstype_label; }));
      row("Plaats", schools.map(function (s) { return s.adres.plaats + " (" + s.gemeente + ")"; }));
      data.soorten.forEach(function (k) {
        row(k.label, schools.map(function (s) { return data.niveaus[s.ondersteuning[k.key].niveau] || s.ondersteuning[k.key].niveau; }));
      });
      row("Toegankelijk met rolstoel", schools.map(function (s) { return s.toegankelijkheid.rolstoel ? "ja" : "nee"; }));
      row("Voorzieningen", schools.map(function (s) { return s.voorzieningen.map(function (v) { return v.naam; }).join(", ") || "–"; }));
      row("Expertise in het team", schools.map(function (s) { return (s.expertise || []).join(", ") || "–"; }));
      table.appendChild(body);
      var wrap = cell("div", "", { "class": "tabel", role: "region", tabindex: "0", "aria-label": "Vergelijking" });
      wrap.appendChild(table);
      target.appendChild(wrap);
      status.textContent = schools.length + " scholen naast elkaar.";
    }).catch(function () {
      status.textContent = "De gegevens konden niet worden geladen. Probeer het later opnieuw.";
    });
  }

  var form = document.getElementById("finder");
  if (form) setupFinder(form);
  var compare = document.getElementById("compare-table");
  if (compare) setupCompare(compare);
})();
