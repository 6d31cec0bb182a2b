// Generates a national-scale site for the benchmark: the example site's sources plus synthetic
// school profiles and chapters, so that `passend build` writes at least N pages.
// Usage: node bench/generate.mjs OUT_DIR [PAGES=10000]
import fs from "node:fs";
import path from "node:path";

const [out, pagesArg] = process.argv.slice(2);
if (!out) { console.error("usage: node generate.mjs OUT_DIR [PAGES]"); process.exit(2); }
const target = Number(pagesArg || 10000);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
fs.rmSync(out, { recursive: true, force: true });
for (const d of ["content", "schools", "themes"]) fs.cpSync(path.join(root, d), path.join(out, d), { recursive: true });
fs.copyFileSync(path.join(root, "passend.toml"), path.join(out, "passend.toml"));

// A small deterministic random generator, so every run generates the same site.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const gemeenten = ["Lindeveld", "Rietmeer", "Hoogzand", "Brugwaard", "Eikenrode", "Vlietdam"];
const kinds = ["dyslexie", "dyscalculie", "tos", "nt2", "hoogbegaafdheid", "gedrag", "adhd", "autisme", "sociaal-emotioneel", "motoriek", "visueel", "auditief", "medisch", "cognitie", "executieve-functies", "herstart"];
const levels = ["basis", "basis", "basis", "extra", "arrangement", "niet"];
const names = ["De Linde", "Het Anker", "De Regenboog", "De Wilg", "Het Kompas", "De Klimop", "De Vlinder", "De Zonnebloem", "Het Baken", "De Brug", "De Horizon", "De Sleutel", "Het Palet", "De Ster", "De Eik", "Het Veer"];
const prefixes = ["OBS", "CBS", "RKBS", "PCBS", "Montessorischool", "Daltonschool"];
const words = "Wij werken met kleine groepjes en een vaste aanpak. De leerkracht stemt de lessen af op wat uw kind nodig heeft. Samen met u maken we een plan en we bespreken elke zes weken hoe het gaat. Een specialist van het samenwerkingsverband denkt mee. Kinderen krijgen extra instructie, hulpmiddelen en meer tijd. Wij werken samen met het CJG, de jeugdarts en de intern begeleider. Het team volgt scholing over lezen, rekenen, gedrag en taal. Ouders zijn welkom om mee te denken over de ondersteuning van hun kind.".split(". ");
const sentence = () => pick(words) + ".";

let pages = 117; // what the example site builds
const letters = "ABCDEFGHJKLMNPRSTVWXYZ";
let n = 0;
for (let i = 0; pages < target - 200; i++) {
  const brin = String(10 + (i % 80)).padStart(2, "0") + letters[Math.floor(i / 80) % letters.length] + letters[Math.floor(i / (80 * letters.length)) % letters.length];
  const id = brin + "00";
  if (fs.existsSync(path.join(out, "schools", id + ".toml"))) continue;
  const g = pick(gemeenten);
  let t = `brin = "${brin}"\nvestiging = "00"\nnaam = "${pick(prefixes)} ${pick(names)} ${i}"\nbestuur = "Stichting Onderwijs ${g}"\nonderwijstype = "bao"\ngemeente = "${g}"\nvastgesteld = 2025-03-01\n`;
  t += `\n[adres]\nstraat = "Schoolstraat ${1 + (i % 200)}"\npostcode = "${3000 + (i % 6000)} AB"\nplaats = "${g}"\n`;
  for (const k of kinds) {
    if (rnd() < 0.5) continue;
    t += `\n[ondersteuning.${k}]\nniveau = "${pick(levels)}"\nuitleg = "${sentence()} ${sentence()} ${sentence()}"\n`;
  }
  t += `\n[toegankelijkheid]\nrolstoel = ${rnd() < 0.4}\nlift = ${rnd() < 0.3}\n`;
  fs.writeFileSync(path.join(out, "schools", id + ".toml"), t);
  pages++; n++;
}
// Chapters with sections: the rest of the pages.
const plan = path.join(out, "content/plan");
for (let c = 0; pages < target; c++) {
  let md = `+++\ntitle = "Achtergrond ${c + 1}: ${pick(names)}"\norder = ${100 + c}\nsamenvatting = "${sentence()}"\n+++\n${sentence()} ${sentence()}\n`;
  for (let s = 0; s < 12; s++) md += `\n## Paragraaf ${s + 1} over ${pick(kinds)}\n\n${sentence()} ${sentence()} ${sentence()} ${sentence()}\n`;
  fs.writeFileSync(path.join(plan, `${100 + c}-achtergrond-${c + 1}.md`), md);
  pages++;
}
console.error(`${n} synthetic schools and ${pages - 117 - n} chapters added: about ${pages} pages in ${out}`);
