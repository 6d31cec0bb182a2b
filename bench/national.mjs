// Generates a national-scale site for `bench/national.sh` (issue 18): the example site's
// sources plus N synthetic school profiles, M plan-like chapters and G gemeenten, and the same
// text as plain Markdown pages for Hugo, so that both generators build the same content.
//
// Node rather than a cargo example: it is the language of the existing benchmark generator
// (bench/generate.mjs), needs no compile of the crate on a busy two-core machine, and keeps
// benchmark-only code out of the crate's build.
//
// Usage: node bench/national.mjs OUT_DIR [--schools 10000] [--chapters 3000] [--gemeenten 250]
// Writes OUT_DIR/site (a passend site) and OUT_DIR/hugo (a Hugo site). Deterministic: the same
// arguments give the same files, byte for byte.
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const out = args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--")));
if (!out) { console.error("usage: node national.mjs OUT_DIR [--schools N] [--chapters N] [--gemeenten N]"); process.exit(2); }
const opt = (name, dflt) => { const i = args.indexOf("--" + name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const nSchools = opt("schools", 10000), nChapters = opt("chapters", 3000), nGemeenten = opt("gemeenten", 250);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const site = path.join(out, "site"), hugo = path.join(out, "hugo");
fs.rmSync(out, { recursive: true, force: true });
for (const d of ["content", "schools", "themes"]) fs.cpSync(path.join(root, d), path.join(site, d), { recursive: true });

// A small deterministic random generator, so every run generates the same site.
let seed = 18;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, "0");

// Gemeenten: the example's six, then invented names from two syllable lists.
const example = ["Lindeveld", "Rietmeer", "Hoogzand", "Brugwaard", "Eikenrode", "Vlietdam"];
const heads = ["Aal", "Beek", "Berk", "Bos", "Dal", "Dijk", "Duin", "Eem", "Elst", "Goor", "Haar", "Heuvel", "Hol", "Kamp", "Kerk", "Laar", "Leeu", "Meer", "Mol", "Noord", "Oost", "Ooster", "Ven", "Vos", "Wald", "Weer", "West", "Wijk", "Zuid", "Zwaan"];
const tails = ["veld", "dam", "rode", "waard", "broek", "horst", "lo", "hem", "stein", "wolde", "hoven", "gein", "zande", "burg", "dorp", "mond"];
const gemeenten = [...example];
for (let i = 0; gemeenten.length < nGemeenten; i++) {
  const name = heads[i % heads.length] + tails[Math.floor(i / heads.length) % tails.length] + (i >= heads.length * tails.length ? ` ${Math.floor(i / (heads.length * tails.length)) + 1}` : "");
  if (!gemeenten.includes(name)) gemeenten.push(name);
}
const toml = fs.readFileSync(path.join(root, "passend.toml"), "utf8")
  .replace(/^gemeenten = \[.*\]$/m, "gemeenten = [" + gemeenten.map((g) => JSON.stringify(g)).join(", ") + "]");
fs.writeFileSync(path.join(site, "passend.toml"), toml);

// Hugo: a minimal theme-less site (a list and a single layout) over the same text.
fs.mkdirSync(path.join(hugo, "layouts/_default"), { recursive: true });
fs.writeFileSync(path.join(hugo, "hugo.toml"), `baseURL = "https://example.org/"\nlanguageCode = "nl"\ntitle = "Passend nationaal"\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = false\n`);
const layout = (body) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><header><a href="/">Passend</a></header><main><h1>{{ .Title }}</h1>${body}</main></body></html>\n`;
fs.writeFileSync(path.join(hugo, "layouts/_default/single.html"), layout(`{{ with .Params.samenvatting }}<p class="samenvatting">{{ . }}</p>{{ end }}{{ .TableOfContents }}{{ .Content }}{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}`));
fs.writeFileSync(path.join(hugo, "layouts/_default/list.html"), layout(`{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.samenvatting }} {{ . }}{{ end }}</li>{{ end }}</ul>`));
fs.writeFileSync(path.join(hugo, "layouts/index.html"), layout(`<ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>`));
const hugoPage = (rel, front, body) => {
  const file = path.join(hugo, "content", rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "+++\n" + front + "+++\n" + body);
};
hugoPage("plan/_index.md", `title = "Ondersteuningsplan"\n`, "");
hugoPage("scholen/_index.md", `title = "Scholen"\n`, "");

// Text: sentences of our own about the fictional national portal, combined at random.
const kinds = ["dyslexie", "dyscalculie", "tos", "nt2", "hoogbegaafdheid", "gedrag", "adhd", "autisme", "sociaal-emotioneel", "motoriek", "visueel", "auditief", "medisch", "cognitie", "executieve-functies", "herstart"];
const levels = ["basis", "basis", "basis", "extra", "arrangement", "niet"];
const types = ["bao", "bao", "bao", "bao", "sbo", "vo"];
const denominaties = ["openbaar", "protestants-christelijk", "rooms-katholiek", "algemeen-bijzonder", "islamitisch"];
const names = ["De Linde", "Het Anker", "De Regenboog", "De Wilg", "Het Kompas", "De Klimop", "De Vlinder", "De Zonnebloem", "Het Baken", "De Brug", "De Horizon", "De Sleutel", "Het Palet", "De Ster", "De Eik", "Het Veer", "De Meander", "Het Lover", "De Kameleon", "De Fontein"];
const prefixes = { bao: ["OBS", "CBS", "RKBS", "PCBS", "Montessorischool", "Daltonschool"], sbo: ["SBO"], vo: ["College", "Lyceum", "Scholengemeenschap"] };
const sentences = [
  "Elke regio maakt eigen afspraken, maar de kern is overal gelijk: een kind krijgt de hulp die het nodig heeft.",
  "Het ondersteuningsteam van de school komt zes keer per jaar bij elkaar en nodigt ouders uit voor het gesprek over hun kind.",
  "Een arrangement wordt na twaalf weken besproken met de leerling, de ouders en de leerkracht.",
  "De basisondersteuning is in alle regio's beschreven in een checklist die scholen jaarlijks invullen.",
  "Voor een plaats in het speciaal onderwijs is een TLV nodig, die het samenwerkingsverband binnen zes weken afgeeft.",
  "Het OPP beschrijft de doelen van de leerling en wordt minstens eens per jaar met de ouders besproken.",
  "Scholen hebben zorgplicht zodra ouders hun kind schriftelijk aanmelden.",
  "Gemeenten en samenwerkingsverbanden stemmen jeugdhulp en onderwijs op elkaar af in het OOGO.",
  "Thuiszitters krijgen binnen drie maanden een plan voor terugkeer naar school.",
  "De consulent van het samenwerkingsverband denkt mee als een school vastloopt.",
  "Ouders kunnen altijd terecht bij een onafhankelijk steunpunt met vragen over extra ondersteuning.",
  "In de tabel hieronder staat per schooljaar hoeveel leerlingen een voorziening gebruikten.",
  "De middelen voor lichte ondersteuning gaan grotendeels rechtstreeks naar de schoolbesturen.",
  "Een leerling die tijdelijk naar een bovenschoolse voorziening gaat, blijft ingeschreven op de eigen school.",
  "Het samenwerkingsverband volgt jaarlijks hoeveel leerlingen teruggaan naar het regulier onderwijs.",
  "Leerlingen met een taalachterstand kunnen een jaar naar een schakelklas.",
  "De intern begeleider is voor ouders het eerste aanspreekpunt binnen de school.",
  "Bij de overstap van po naar vo draagt de basisschool het dossier warm over.",
  "Wie het niet eens is met een besluit, kan bezwaar maken bij de commissie.",
  "De kengetallen per gemeente staan in het open-databestand bij dit plan.",
];
// Short and plain (B1), as `passend check` asks of a summary.
const summaries = ["Hier leest u hoe de scholen in deze regio samenwerken.", "Zo krijgt uw kind hulp op school.", "Wat doen wij als een kind niet naar school gaat?", "Hoe wij het geld voor hulp op school verdelen.", "Wat u als ouder kunt doen als het niet goed gaat."];
const para = (n) => Array.from({ length: n }, () => pick(sentences)).join(" ");

// Schools: every SOP field, varied support; ids never clash with the example's (which use 9x).
const schoolIds = [];
for (let i = 0; i < nSchools; i++) {
  const brin = pad(10 + (i % 80), 2) + String.fromCharCode(65 + Math.floor(i / 80) % 26) + String.fromCharCode(65 + Math.floor(i / 2080) % 26);
  const id = brin + "00";
  const g = gemeenten[int(0, gemeenten.length - 1)];
  const type = pick(types);
  const naam = `${pick(prefixes[type])} ${pick(names)} ${i + 1}`;
  let t = `brin = "${brin}"\nvestiging = "00"\nnaam = "${naam}"\nbestuur = "Stichting Onderwijs ${g}"\nonderwijstype = "${type}"\ndenominatie = "${pick(denominaties)}"\ngemeente = "${g}"\nvastgesteld = 2025-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}\n`;
  t += `sop_document = "https://school${i + 1}.example.nl/sop.pdf"\n`;
  t += `grenzen = [${JSON.stringify(pick(sentences))}]\nambities = [${JSON.stringify(pick(sentences))}]\nketenpartners = ["CJG ${g}", "jeugdarts GGD", "schoolmaatschappelijk werk"]\n`;
  t += `\n[adres]\nstraat = "Schoolstraat ${1 + (i % 200)}"\npostcode = "${1000 + (i % 8999)} AB"\nplaats = "${g}"\n`;
  t += `\n[leerlingen]\naantal = ${int(60, 900)}\npeildatum = 2025-10-01\n`;
  t += `\n[contact]\ntelefoon = "0${int(10, 99)} ${int(100, 999)} ${int(1000, 9999)}"\nemail = "info@school${i + 1}.example.nl"\nwebsite = "https://school${i + 1}.example.nl"\n`;
  let md = `**${type}** in ${g}, ${naam}. Bestuur: Stichting Onderwijs ${g}.\n`;
  for (const k of kinds) {
    if (rnd() < 0.5) continue;
    const lv = pick(levels), uitleg = `${pick(sentences)} ${pick(sentences)}`;
    t += `\n[ondersteuning.${k}]\nniveau = "${lv}"\nuitleg = ${JSON.stringify(uitleg)}\n`;
    md += `\n## ${k}\n\nNiveau: ${lv}. ${uitleg}\n`;
  }
  t += `\n[toegankelijkheid]\nrolstoel = ${rnd() < 0.4}\nlift = ${rnd() < 0.3}\naangepast_toilet = ${rnd() < 0.5}\nverzorgingsruimte = ${rnd() < 0.3}\nstilteruimte = ${rnd() < 0.3}\n`;
  fs.writeFileSync(path.join(site, "schools", id + ".toml"), t);
  hugoPage(`scholen/${id.toLowerCase()}.md`, `title = ${JSON.stringify(naam)}\n`, md);
  schoolIds.push(id);
}

// Chapters: ~700 words each, with headings (some with an anchor), a list, a table, footnotes,
// begrippen from the example's begrippenlijst (linked by the build), links to neighbouring
// chapters, to an anchor in another chapter and to site pages.
const slugOf = (c) => `${pad(100 + c, 4)}-regio-${c + 1}`;
for (let c = 0; c < nChapters; c++) {
  const title = `Regio ${c + 1}: ${pick(names).replace(/^(De|Het) /, "")} en omgeving`;
  const samenvatting = pick(summaries);
  let body = `${para(4)}[^1]\n`;
  const other = (c + 1 + int(0, nChapters - 2)) % nChapters;
  for (let s = 0; s < 6; s++) {
    body += `\n## ${["Afspraken", "Voorzieningen", "Ouders", "Middelen", "Resultaten", "Overstap"][s]} in regio ${c + 1}${s === 1 ? " {#voorzieningen}" : ""}\n\n${para(5)}\n`;
    if (s === 1) body += `\n${para(3)} Zie ook [regio ${other + 1}](@/plan/${slugOf(other)}.md#voorzieningen), de [scholen](/scholen/) en het [steunpunt](/steunpunt/).\n`;
    if (s === 2) body += `\n- ${pick(sentences)}\n- ${pick(sentences)}\n- ${pick(sentences)}\n`;
    if (s === 3) {
      body += `\n| Schooljaar | Leerlingen | Arrangementen | TLV's |\n|---|---:|---:|---:|\n`;
      for (let y = 0; y < 4; y++) body += `| ${2022 + y}-${2023 + y} | ${int(2000, 9000)} | ${int(20, 400)} | ${int(5, 90)} |\n`;
    }
    if (s === 4) body += `\n### Toelichting\n\n${para(3)}[^2]\n`;
  }
  body += `\n[^1]: ${pick(sentences)}\n\n[^2]: ${pick(sentences)}\n`;
  const md = `+++\ntitle = "${title}"\norder = ${100 + c}\nsector = "beide"\nsamenvatting = "${samenvatting}"\n+++\n${body}`;
  fs.writeFileSync(path.join(site, "content/plan", slugOf(c) + ".md"), md);
  const hugoBody = body.replace(/\(@\/plan\/([^).#]+)\.md(#[^)]*)?\)/g, "(/plan/$1/$2)");
  hugoPage(`plan/${slugOf(c)}.md`, `title = "${title}"\nweight = ${100 + c}\nsamenvatting = "${samenvatting}"\n`, hugoBody);
}
console.error(`${nSchools} schools, ${nChapters} chapters, ${gemeenten.length} gemeenten: ${site} (passend) and ${hugo} (Hugo)`);
