//! Figures in chapters: shortcodes in a chapter's Markdown that take their numbers from
//! `content/data/` (begroting, kengetallen, doelen), so the plan, the OOGO documents and the
//! downloads can never disagree.
//!
//! - Block shortcodes, alone on a line: `{{ begroting(soort="lasten", jaren="2026-2029") }}`,
//!   `{{ kengetal(naam="deelname-so") }}`, `{{ doelen(thema="thuiszitters") }}`: an accessible
//!   table (caption, scope, unit in the header, nl-NL numbers) with a CSV download.
//! - Inline: `{{ getal(kengetal="leerlingen-po", gemeente="Rietmeer") }}` -> `2.480`,
//!   `{{ getal(begroting="resultaat", jaar=2026) }}` -> `-250.000`.
//!
//! An unknown shortcode, argument, name, year or gemeente is an error at its file, line and
//! column with 'bedoelde u'. Block figures go through Markdown as a one-word placeholder
//! paragraph and are put in after rendering, so the lines of everything else stay exact.
//!
//! Layer: above `data`, `markdown` and `config`; `content` uses it for chapters.

use crate::config::Config;
use crate::data::{Data, Doel, Kengetal, Post, Punt};
use crate::diagnostics::{suggestion, Diagnostics, Position};
use crate::markdown::{self, BodySource, Rendered};
use crate::charts::{self, Bar, Line, Point};
use crate::text::{csv, escape_html, nl, slugify, Date};
use std::collections::BTreeMap;

/// A table a chapter shows, with its CSV download.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name under `/data/cijfers/`, from the shortcode: `begroting-lasten-2026-2029.csv`.
    pub file: String,
    /// Semicolon-separated with a BOM, as Dutch Excel opens it.
    pub csv: String,
}

/// A block figure waiting for its place in the rendered HTML.
struct Block {
    token: String,
    html: String,
    plain: String,
}

const BLOCKS: &[&str] = &["begroting", "kengetal", "doelen"];
const ALL: &[&str] = &["begroting", "kengetal", "doelen", "getal"];

/// Render a chapter body with its shortcodes filled in from `data`. Returns the body and the
/// tables it shows (for their CSV files).
pub fn render(src: &BodySource<'_>, data: &Data, config: &Config, diags: &mut Diagnostics) -> (Rendered, Vec<Table>) {
    if !src.text.contains("{{") {
        return (markdown::render(src, diags), Vec::new());
    }
    let mut blocks = Vec::new();
    let mut tables = Vec::new();
    let mut text = String::with_capacity(src.text.len());
    let mut fenced = false;
    // (offset in the expanded text, offset in the source) of each line, to give headings their
    // place in the source: addenda cut sections out of the Markdown as written.
    let mut line_starts: Vec<(usize, usize)> = Vec::new();
    let mut source_offset = 0;
    for (i, line) in src.text.split_inclusive('\n').enumerate() {
        line_starts.push((text.len(), source_offset));
        source_offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        if fenced || !line.contains("{{") {
            text.push_str(line);
            continue;
        }
        let line_no = src.line_offset + i + 1;
        let ctx = Ctx { rel: src.rel, line: line_no, data, config };
        if trimmed.starts_with("{{") && trimmed.ends_with("}}") && trimmed.matches("{{").count() == 1 {
            let column = line.len() - line.trim_start().len() + 1;
            match parse(&trimmed[2..trimmed.len() - 2], &ctx, column, diags).and_then(|call| ctx.block(&call, diags)) {
                Some(Figure::Table(html, plain, table)) => {
                    let token = format!("PASSENDFIGUUR{}X", blocks.len());
                    text.push_str(&token);
                    text.push('\n');
                    blocks.push(Block { token, html, plain });
                    if !tables.contains(&table) {
                        tables.push(table);
                    }
                }
                Some(Figure::Inline(value)) => {
                    text.push_str(&value);
                    text.push('\n');
                }
                None => text.push('\n'),
            }
            continue;
        }
        text.push_str(&inline(line, &ctx, diags));
    }
    let mut rendered = markdown::render(&BodySource { text: &text, ..*src }, diags);
    for h in &mut rendered.headings {
        let line = line_starts.partition_point(|(expanded, _)| *expanded <= h.start).saturating_sub(1);
        if let Some((expanded, source)) = line_starts.get(line) {
            h.start = source + (h.start - expanded);
        }
    }
    for b in &blocks {
        rendered.html = rendered.html.replace(&format!("<p>{}</p>", b.token), &b.html);
        for s in &mut rendered.sections {
            s.text = s.text.replace(&b.token, &b.plain);
        }
    }
    (rendered, tables)
}

/// One table of `/plan/cijfers/`: every figure of the plan on one page.
pub struct Overview {
    /// `begroting`, `kengetallen` or `doelen`.
    pub groep: &'static str,
    pub html: String,
    pub table: Table,
}

/// Every table the data makes, as the shortcodes would show it: the whole begroting, each
/// kengetal per gemeente, the doelen.
pub fn overview(data: &Data, config: &Config) -> Vec<Overview> {
    let ctx = Ctx { rel: "content/data", line: 0, data, config };
    // (group on the page, figure, arguments)
    type Planned<'d> = (&'static str, &'d str, Vec<(&'d str, String)>);
    let mut calls: Vec<Planned> = Vec::new();
    if !data.begroting.jaren.is_empty() {
        for soort in ["baten", "lasten", "resultaat"] {
            calls.push(("begroting", "begroting", vec![("soort", soort.to_string())]));
        }
        if data.begroting.reserves().is_some() && data.begroting.signaleringswaarden().is_some() {
            calls.push(("begroting", "begroting", vec![("soort", "reserve".to_string())]));
        }
        for jaar in &data.begroting.jaren {
            calls.push(("begroting", "begroting", vec![("soort", "samenstelling".to_string()), ("jaar", jaar.to_string())]));
        }
    }
    for k in &data.kengetallen.kengetal {
        // A series over time and, where there are any, the gemeenten at the peildatum.
        if k.punten(data.kengetallen.peildatum).len() > 1 {
            calls.push(("kengetallen", "kengetal", vec![("naam", k.key.clone()), ("weergave", "reeks".into())]));
        }
        if !k.gemeenten.is_empty() || k.punten(data.kengetallen.peildatum).len() <= 1 {
            calls.push(("kengetallen", "kengetal", vec![("naam", k.key.clone()), ("weergave", "gemeenten".into())]));
        }
    }
    if !data.doelen.is_empty() {
        calls.push(("doelen", "doelen", Vec::new()));
    }
    let mut scratch = Diagnostics::new();
    calls
        .into_iter()
        .filter_map(|(groep, name, args)| {
            let call = Call { name: name.to_string(), args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), pos: Position::START };
            match ctx.block(&call, &mut scratch)? {
                Figure::Table(html, _, table) => Some(Overview { groep, html, table }),
                Figure::Inline(_) => None,
            }
        })
        .collect()
}

/// The inline shortcodes of one line replaced by their values; code spans are left alone.
fn inline(line: &str, ctx: &Ctx, diags: &mut Diagnostics) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    let mut in_code = false;
    while let Some(open) = rest.find(['{', '`']) {
        let (before, at) = rest.split_at(open);
        out.push_str(before);
        if let Some(after) = at.strip_prefix('`') {
            in_code = !in_code;
            out.push('`');
            rest = after;
            continue;
        }
        if in_code || !at.starts_with("{{") {
            out.push('{');
            rest = &at[1..];
            continue;
        }
        let Some(close) = at.find("}}") else {
            out.push_str(at);
            return out;
        };
        let column = line[..line.len() - rest.len() + open].chars().count() + 1;
        match parse(&at[2..close], ctx, column, diags).and_then(|call| ctx.inline(&call, diags)) {
            Some(value) => out.push_str(&value),
            None => out.push('?'),
        }
        rest = &at[close + 2..];
    }
    out.push_str(rest);
    out
}

/// A parsed shortcode: its name, its arguments and where it is.
struct Call {
    name: String,
    args: BTreeMap<String, String>,
    pos: Position,
}

const FORM: &str = "schrijf een figuur als {{ naam(sleutel=\"waarde\", jaar=2026) }}, bijvoorbeeld {{ begroting(soort=\"lasten\") }} of {{ getal(kengetal=\"leerlingen-po\") }}";

fn parse(inner: &str, ctx: &Ctx, column: usize, diags: &mut Diagnostics) -> Option<Call> {
    let pos = Position { line: ctx.line, column };
    let inner = inner.trim();
    let Some((name, rest)) = inner.split_once('(') else {
        diags.error(ctx.rel, pos, format!("`{{{{ {inner} }}}}` is geen figuur"), FORM);
        return None;
    };
    let name = name.trim();
    if !ALL.contains(&name) {
        diags.error(ctx.rel, pos, format!("onbekende figuur `{name}`"), suggestion(name, ALL.iter().copied()));
        return None;
    }
    let Some(args_text) = rest.trim_end().strip_suffix(')') else {
        diags.error(ctx.rel, pos, format!("de figuur `{name}` mist de sluitende `)`"), FORM);
        return None;
    };
    let mut args = BTreeMap::new();
    for part in split_args(args_text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((key, value)) = part.split_once('=') else {
            diags.error(ctx.rel, pos, format!("`{part}` in `{name}` is geen sleutel=waarde"), FORM);
            return None;
        };
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        args.insert(key.trim().to_string(), value.to_string());
    }
    Some(Call { name: name.to_string(), args, pos })
}

/// Arguments split at commas outside quotes.
fn split_args(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

enum Figure {
    Table(String, String, Table),
    Inline(String),
}

impl Figure {
    /// Put a chart and its summary sentence above the table (the summary is visible: it is what
    /// the chart says, for everyone, and search finds it).
    fn with_chart(self, summary: &str, svg: &str) -> Figure {
        match self {
            Figure::Table(html, plain, table) => {
                let html = html.replacen("<figure class=\"cijfers\">", &format!("<figure class=\"cijfers\"><p class=\"grafiek-uitleg\">{}</p>{svg}", escape_html(summary)), 1);
                Figure::Table(html, format!("{summary} {plain}"), table)
            }
            other => other,
        }
    }

    /// Put `extra` (already HTML) after the table, before the download link.
    fn with_after(self, extra: &str, plain_extra: &str) -> Figure {
        match self {
            Figure::Table(html, plain, table) => Figure::Table(html.replacen("<figcaption", &format!("{extra}<figcaption"), 1), format!("{plain} {plain_extra}"), table),
            other => other,
        }
    }

    /// Name the figure's source beside its download.
    fn with_source(self, bron: Option<&str>) -> Figure {
        match (self, bron) {
            (Figure::Table(html, plain, table), Some(bron)) => Figure::Table(html.replacen("<figcaption class=\"meta\">", &format!("<figcaption class=\"meta\">Bron: {}. ", escape_html(bron)), 1), plain, table),
            (other, _) => other,
        }
    }
}

struct Ctx<'a> {
    rel: &'a str,
    line: usize,
    data: &'a Data,
    config: &'a Config,
}

impl Ctx<'_> {
    /// Check the call's arguments against those its figure takes.
    fn allowed(&self, call: &Call, allowed: &[&str], diags: &mut Diagnostics) -> bool {
        let mut ok = true;
        for key in call.args.keys() {
            if !allowed.contains(&key.as_str()) {
                diags.error(self.rel, call.pos, format!("`{}` kent geen argument `{key}`", call.name), suggestion(key, allowed.iter().copied()));
                ok = false;
            }
        }
        ok
    }

    /// The data file a figure draws from, when it is broken (its own errors say why).
    fn source_broken(&self, call: &Call) -> bool {
        let file = match call.name.as_str() {
            "begroting" => "begroting.toml",
            "kengetal" => "kengetallen.toml",
            "doelen" => "doelen.toml",
            _ if call.args.contains_key("begroting") => "begroting.toml",
            _ => "kengetallen.toml",
        };
        self.data.broken.contains(&file)
    }

    fn block(&self, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        if self.source_broken(call) {
            return None;
        }
        match call.name.as_str() {
            "begroting" => self.begroting(call, diags),
            "kengetal" => self.kengetal(call, diags),
            "doelen" => self.doelen(call, diags),
            _ => self.inline(call, diags).map(Figure::Inline),
        }
    }

    fn inline(&self, call: &Call, diags: &mut Diagnostics) -> Option<String> {
        if self.source_broken(call) {
            return None;
        }
        if BLOCKS.contains(&call.name.as_str()) {
            diags.error(self.rel, call.pos, format!("`{}` is een tabel en hoort op een eigen regel", call.name), "zet de figuur alleen op een regel, of gebruik getal(...) voor één getal in een zin");
            return None;
        }
        if !self.allowed(call, &["kengetal", "gemeente", "jaar", "datum", "landelijk", "begroting", "post", "categorie", "doel", "waarde"], diags) {
            return None;
        }
        if let Some(key) = call.args.get("doel") {
            return self.goal_value(key, call, diags);
        }
        if let Some(key) = call.args.get("kengetal") {
            let k = self.find_kengetal(key, call, diags)?;
            let point = self.point(k, call, diags)?;
            let value = match (call.args.get("gemeente"), call.args.get("landelijk")) {
                (Some(_), Some(_)) => {
                    diags.error(self.rel, call.pos, "`gemeente` en `landelijk` gaan niet samen", "kies het cijfer van één gemeente of het landelijke cijfer");
                    return None;
                }
                (Some(g), None) => {
                    let g = self.gemeente(g, call, diags)?;
                    let value = point.gemeenten.get(g).copied();
                    if value.is_none() {
                        diags.error(self.rel, call.pos, format!("kengetal `{}` heeft op {} geen waarde voor {g}", k.key, point.datum.to_dutch()), "vul de gemeente aan in content/data/kengetallen.toml, of laat `gemeente` weg voor het regiocijfer");
                    }
                    value?
                }
                (None, Some(_)) => {
                    if point.landelijk.is_none() {
                        diags.error(self.rel, call.pos, format!("kengetal `{}` heeft op {} geen landelijk cijfer", k.key, point.datum.to_dutch()), "zet landelijk = <waarde> bij het kengetal in content/data/kengetallen.toml");
                    }
                    point.landelijk?
                }
                (None, None) => point.regio,
            };
            return Some(number(value, &k.eenheid));
        }
        if let Some(what) = call.args.get("begroting") {
            let kinds = ["baten", "lasten", "resultaat", "tekort", "reserve", "buffer", "signaleringswaarde_minimum", "aandeel"];
            if !kinds.contains(&what.as_str()) {
                diags.error(self.rel, call.pos, format!("onbekend deel van de begroting `{what}`"), suggestion(what, kinds));
                return None;
            }
            let b = &self.data.begroting;
            // Amounts of the begroting that have no year.
            if let Some(value) = match what.as_str() {
                "buffer" => Some(b.reserve.as_ref().and_then(|r| r.buffer)),
                "signaleringswaarde_minimum" => Some(b.reserve.as_ref().and_then(|r| r.signaleringswaarde_minimum)),
                _ => None,
            } {
                let Some(value) = value else {
                    diags.error(self.rel, call.pos, format!("de begroting heeft geen `{what}`"), format!("zet in content/data/begroting.toml onder [reserve] {what} = <bedrag>"));
                    return None;
                };
                return Some(nl::integer(value));
            }
            let Some(jaar) = call.args.get("jaar") else {
                diags.error(self.rel, call.pos, "welk jaar? `jaar` ontbreekt", format!("schrijf bijvoorbeeld jaar={}", b.jaren.first().copied().unwrap_or(2026)));
                return None;
            };
            // The reserve at the end of the year before the first: `[reserve] begin`.
            if what == "reserve" && b.jaren.first().is_some_and(|first| jaar.parse::<i32>().ok() == Some(first - 1)) {
                if let Some(r) = &b.reserve {
                    return Some(nl::integer(r.begin));
                }
            }
            let index = self.year_index(jaar, call, diags)?;
            if let Some(post) = call.args.get("post") {
                let rows: Vec<&Post> = b.baten.iter().chain(&b.lasten).collect();
                let Some(row) = rows.iter().find(|r| &r.post == post) else {
                    diags.error(self.rel, call.pos, format!("de begroting heeft geen post `{post}`"), suggestion(post, rows.iter().map(|r| r.post.as_str())));
                    return None;
                };
                return Some(nl::integer(row.bedragen.get(index).copied().unwrap_or(0)));
            }
            if what == "aandeel" {
                // A categorie's share of the year's lasten, in whole percents.
                let Some(c) = call.args.get("categorie") else {
                    diags.error(self.rel, call.pos, "het aandeel van welke categorie? `categorie` ontbreekt", "schrijf bijvoorbeeld getal(begroting=\"aandeel\", categorie=\"scholen\", jaar=2026)");
                    return None;
                };
                let parts = b.lasten_per_categorie(index);
                let Some(part) = parts.iter().find(|(k, _)| *k == Some(c.as_str())) else {
                    diags.error(self.rel, call.pos, format!("de begroting heeft geen categorie `{c}`"), suggestion(c, parts.iter().filter_map(|(k, _)| *k)));
                    return None;
                };
                return Some(format!("{}%", share(part.1, b.totals()[index].2)));
            }
            if let Some(c) = call.args.get("categorie") {
                let rows: Vec<&Post> = if what == "baten" { b.baten.iter().collect() } else { b.lasten.iter().collect() };
                let chosen: Vec<&&Post> = rows.iter().filter(|p| p.categorie.as_ref() == Some(c)).collect();
                if chosen.is_empty() {
                    diags.error(self.rel, call.pos, format!("de begroting heeft geen categorie `{c}`"), suggestion(c, rows.iter().filter_map(|p| p.categorie.as_deref())));
                    return None;
                }
                return Some(nl::integer(chosen.iter().filter_map(|p| p.bedragen.get(index)).fold(0i64, |t, a| t.saturating_add(*a))));
            }
            if what == "reserve" {
                let Some(reserves) = b.reserves() else {
                    diags.error(self.rel, call.pos, "de begroting heeft geen `[reserve]`", "zet in content/data/begroting.toml [reserve] met begin = <reserve aan het eind van het jaar voor het eerste jaar>");
                    return None;
                };
                return Some(nl::integer(reserves[index]));
            }
            let (_, baten, lasten, resultaat) = b.totals()[index];
            return Some(nl::integer(match what.as_str() {
                "baten" => baten,
                "lasten" => lasten,
                "tekort" => -resultaat,
                _ => resultaat,
            }));
        }
        diags.error(self.rel, call.pos, "`getal` zonder bron", "schrijf getal(kengetal=\"leerlingen-po\") of getal(begroting=\"resultaat\", jaar=2026)");
        None
    }

    /// `getal(doel="minder-thuiszitters", waarde="nulmeting"|"streefwaarde"|"laatste")`: a goal
    /// is named by its title as a slug.
    fn goal_value(&self, key: &str, call: &Call, diags: &mut Diagnostics) -> Option<String> {
        let doelen = &self.data.doelen;
        let Some(d) = doelen.iter().find(|d| slugify(&d.titel) == key) else {
            let keys: Vec<String> = doelen.iter().map(|d| slugify(&d.titel)).collect();
            diags.error(self.rel, call.pos, format!("onbekend doel `{key}`"), suggestion(key, keys.iter().map(String::as_str)));
            return None;
        };
        let kinds = ["nulmeting", "streefwaarde", "laatste"];
        let waarde = call.args.get("waarde").map_or("streefwaarde", String::as_str);
        let value = match waarde {
            "nulmeting" => d.nulmeting,
            "streefwaarde" => d.streefwaarde,
            "laatste" => {
                let Some(v) = d.voortgang(&self.data.kengetallen) else {
                    diags.error(self.rel, call.pos, format!("doel `{}` heeft nog geen meting", d.titel), "voeg een [[doel.meting]] toe in content/data/doelen.toml, of koppel het doel aan een kengetal");
                    return None;
                };
                v.waarde
            }
            other => {
                diags.error(self.rel, call.pos, format!("onbekende waarde `{other}` van een doel"), suggestion(other, kinds));
                return None;
            }
        };
        Some(number(value, &d.eenheid))
    }

    fn find_kengetal(&self, key: &str, call: &Call, diags: &mut Diagnostics) -> Option<&crate::data::Kengetal> {
        let all = &self.data.kengetallen.kengetal;
        let found = all.iter().find(|k| k.key == key);
        if found.is_none() {
            diags.error(self.rel, call.pos, format!("onbekend kengetal `{key}`"), suggestion(key, all.iter().map(|k| k.key.as_str())));
        }
        found
    }

    /// The point of a kengetal's series a call asks for: `datum=`, the one value of `jaar=`, or
    /// the peildatum's.
    fn point<'k>(&self, k: &'k Kengetal, call: &Call, diags: &mut Diagnostics) -> Option<Punt<'k>> {
        let peildatum = self.data.kengetallen.peildatum;
        let punten = k.punten(peildatum);
        let dates = || punten.iter().map(|p| p.datum.to_string()).collect::<Vec<_>>().join(", ");
        if let Some(d) = call.args.get("datum") {
            let found = Date::parse(d).and_then(|d| punten.iter().find(|p| p.datum == d));
            if found.is_none() {
                diags.error(self.rel, call.pos, format!("kengetal `{}` heeft geen waarde op `{d}`", k.key), format!("kies uit {}", dates()));
            }
            return found.copied();
        }
        if let Some(j) = call.args.get("jaar") {
            let in_year: Vec<&Punt> = punten.iter().filter(|p| j.parse::<i32>().ok() == Some(p.datum.year)).collect();
            return match in_year.as_slice() {
                [one] => Some(**one),
                [] => {
                    diags.error(self.rel, call.pos, format!("kengetal `{}` heeft geen waarde in {j}", k.key), format!("kies een jaar met een waarde: {}", dates()));
                    None
                }
                _ => {
                    diags.error(self.rel, call.pos, format!("kengetal `{}` heeft meer waarden in {j}", k.key), format!("kies er één met datum=, uit {}", dates()));
                    None
                }
            };
        }
        Some(Punt { datum: peildatum.unwrap_or(Date { year: 0, month: 1, day: 1 }), regio: k.regio, landelijk: k.landelijk, gemeenten: &k.gemeenten, prognose: false })
    }

    fn gemeente<'g>(&self, name: &'g str, call: &Call, diags: &mut Diagnostics) -> Option<&'g str> {
        if self.config.gemeenten.iter().any(|g| g == name) {
            return Some(name);
        }
        diags.error(self.rel, call.pos, format!("gemeente `{name}` hoort niet bij de regio"), suggestion(name, self.config.gemeenten.iter().map(String::as_str)));
        None
    }

    /// The index of a year of the begroting, or an error naming the years there are.
    fn year_index(&self, jaar: &str, call: &Call, diags: &mut Diagnostics) -> Option<usize> {
        let jaren = &self.data.begroting.jaren;
        let found = jaar.parse::<i32>().ok().and_then(|j| jaren.iter().position(|y| *y == j));
        if found.is_none() {
            let list: Vec<String> = jaren.iter().map(i32::to_string).collect();
            diags.error(self.rel, call.pos, format!("de begroting heeft geen jaar {jaar}"), format!("kies uit {}", list.join(", ")));
        }
        found
    }

    /// The years of `jaren="2026-2029"` (default: all) as indices into the begroting.
    fn years(&self, call: &Call, diags: &mut Diagnostics) -> Option<Vec<usize>> {
        let all = &self.data.begroting.jaren;
        let Some(range) = call.args.get("jaren") else { return Some((0..all.len()).collect()) };
        let (from, to) = range.split_once('-').unwrap_or((range, range));
        let (from, to) = (self.year_index(from.trim(), call, diags)?, self.year_index(to.trim(), call, diags)?);
        if from > to {
            diags.error(self.rel, call.pos, format!("de jaren `{range}` lopen terug"), "schrijf het eerste jaar eerst, bijvoorbeeld jaren=\"2026-2029\"");
            return None;
        }
        Some((from..=to).collect())
    }

    fn begroting(&self, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        if !self.allowed(call, &["soort", "jaren", "jaar", "categorie", "titel"], diags) {
            return None;
        }
        let kinds = ["baten", "lasten", "resultaat", "reserve", "samenstelling"];
        let soort = call.args.get("soort").map_or("resultaat", String::as_str);
        if !kinds.contains(&soort) {
            diags.error(self.rel, call.pos, format!("onbekende soort `{soort}` van de begroting"), suggestion(soort, kinds));
            return None;
        }
        let b = &self.data.begroting;
        if b.jaren.is_empty() {
            diags.error(self.rel, call.pos, "er is geen begroting om te tonen", "maak content/data/begroting.toml met jaren, [[baten]] en [[lasten]] (of herstel de fout die daar gemeld wordt)");
            return None;
        }
        if soort == "samenstelling" {
            return self.composition(call, diags);
        }
        if let Some(j) = call.args.get("jaar") {
            diags.error(self.rel, call.pos, format!("`jaar={j}` hoort bij soort=\"samenstelling\""), "kies de jaren van deze tabel met jaren=\"2026-2029\"");
            return None;
        }
        let years = self.years(call, diags)?;
        let categorie = call.args.get("categorie");
        if let Some(c) = categorie {
            let known: Vec<&str> = b.lasten.iter().filter_map(|p| p.categorie.as_deref()).collect();
            if !known.contains(&c.as_str()) {
                diags.error(self.rel, call.pos, format!("de begroting heeft geen categorie `{c}`"), suggestion(c, known.iter().copied()));
                return None;
            }
        }
        let span = format!("{}-{}", b.jaren[years[0]], b.jaren[*years.last()?]);
        let header: Vec<String> = years.iter().map(|&i| b.jaren[i].to_string()).collect();
        let totals = b.totals();
        let mut rows: Vec<(String, Vec<i64>, bool)> = Vec::new();
        match soort {
            "reserve" => {
                let (Some(reserves), Some(signal)) = (b.reserves(), b.signaleringswaarden()) else {
                    diags.error(self.rel, call.pos, "de begroting heeft geen `[reserve]` met `signaleringswaarde_procent`", "zet in content/data/begroting.toml [reserve] met begin = <reserve aan het eind van het jaar voor het eerste jaar> en signaleringswaarde_procent = 3.5");
                    return None;
                };
                rows.push(("Resultaat van het jaar".into(), years.iter().map(|&i| totals[i].3).collect(), false));
                rows.push(("Reserve".into(), years.iter().map(|&i| reserves[i]).collect(), true));
                let pct = nl::decimal(b.reserve.as_ref().and_then(|r| r.signaleringswaarde_procent).unwrap_or_default(), 1);
                rows.push((format!("Signaleringswaarde ({pct}% van de baten)"), years.iter().map(|&i| signal[i]).collect(), false));
                if let Some(buffer) = b.reserve.as_ref().and_then(|r| r.buffer) {
                    rows.push(("Minimale buffer uit de risicoanalyse".into(), years.iter().map(|_| buffer).collect(), false));
                }
            }
            "resultaat" => {
                rows.push(("Totaal baten".into(), years.iter().map(|&i| totals[i].1).collect(), false));
                rows.push(("Totaal lasten".into(), years.iter().map(|&i| totals[i].2).collect(), false));
                rows.push(("Resultaat".into(), years.iter().map(|&i| totals[i].3).collect(), true));
            }
            side => {
                let posts = if side == "baten" { &b.baten } else { &b.lasten };
                let chosen: Vec<&Post> = posts.iter().filter(|p| categorie.is_none() || p.categorie.as_ref() == categorie).collect();
                for p in &chosen {
                    rows.push((p.post.clone(), years.iter().map(|&i| p.bedragen.get(i).copied().unwrap_or(0)).collect(), false));
                }
                let label = if categorie.is_some() { "Totaal".to_string() } else { format!("Totaal {side}") };
                rows.push((label, years.iter().map(|&i| chosen.iter().filter_map(|p| p.bedragen.get(i)).fold(0i64, |t, a| t.saturating_add(*a))).collect(), true));
            }
        }
        let default_title = match (soort, categorie) {
            ("resultaat", _) => format!("Resultaat {span}, po en vo samen"),
            ("reserve", _) => format!("Reserve en signaleringswaarde {span}, po en vo samen"),
            (side, Some(c)) => format!("{} {span}, {}", capitalize(side), b.categorie_label(c).to_lowercase()),
            (side, None) => format!("{} {span}, po en vo samen", capitalize(side)),
        };
        let title = call.args.get("titel").cloned().unwrap_or(default_title);
        let first = match soort {
            "resultaat" => "Resultaat".to_string(),
            "reserve" => "Stand per 31 december".to_string(),
            side => capitalize(side),
        };
        let cells: Vec<(String, Vec<String>, bool)> = rows.into_iter().map(|(l, v, strong)| (l, v.into_iter().map(nl::integer).collect(), strong)).collect();
        let file = format!("{}.csv", slugify(&format!("begroting {soort} {} {span}", categorie.map_or("", String::as_str))));
        Some(table(&title, "in euro", &first, &header, &cells, file))
    }

    fn kengetal(&self, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        if !self.allowed(call, &["naam", "gemeente", "titel", "weergave"], diags) {
            return None;
        }
        let Some(naam) = call.args.get("naam") else {
            diags.error(self.rel, call.pos, "welk kengetal? `naam` ontbreekt", "schrijf bijvoorbeeld kengetal(naam=\"leerlingen-po\")");
            return None;
        };
        let k = self.find_kengetal(naam, call, diags)?;
        let gemeente = match call.args.get("gemeente") {
            Some(g) => Some(self.gemeente(g, call, diags)?),
            None => None,
        };
        let views = ["reeks", "gemeenten"];
        let view = match call.args.get("weergave") {
            Some(v) if views.contains(&v.as_str()) => v.as_str(),
            Some(v) => {
                diags.error(self.rel, call.pos, format!("onbekende weergave `{v}`"), suggestion(v, views));
                return None;
            }
            // A series is drawn when there is one; else the gemeenten at the peildatum.
            None if k.punten(self.data.kengetallen.peildatum).len() > 1 => "reeks",
            None => "gemeenten",
        };
        if view == "reeks" {
            return self.series(k, gemeente, call, diags);
        }
        let gemeenten: Vec<&str> = match gemeente {
            Some(g) => {
                if !k.gemeenten.contains_key(g) {
                    diags.error(self.rel, call.pos, format!("kengetal `{}` heeft geen waarde voor {g}", k.key), "vul de gemeente aan in content/data/kengetallen.toml, of laat `gemeente` weg voor het regiocijfer");
                    return None;
                }
                vec![g]
            }
            None => self.config.gemeenten.iter().map(String::as_str).filter(|g| k.gemeenten.contains_key(*g)).collect(),
        };
        let mut rows: Vec<(String, Vec<String>, bool)> = gemeenten.iter().map(|g| (g.to_string(), vec![number(k.gemeenten[*g], &k.eenheid)], false)).collect();
        rows.push(("Regio".into(), vec![number(k.regio, &k.eenheid)], true));
        if let Some(l) = k.landelijk {
            rows.push(("Landelijk".into(), vec![number(l, &k.eenheid)], false));
        }
        // The unit and the peildatum go in the caption, whatever the title says.
        let peildatum = self.data.kengetallen.peildatum.map(|d| format!(", {}", d.to_dutch())).unwrap_or_default();
        let title = call.args.get("titel").cloned().unwrap_or_else(|| k.label.clone());
        let unit = format!("{}{peildatum}", unit_of(&k.eenheid));
        let file = format!("{}.csv", slugify(&format!("kengetal {naam} {}", gemeente.unwrap_or(""))));
        Some(table(&title, &unit, "Gemeente", std::slice::from_ref(&k.label), &rows, file).with_source(k.bron.as_deref()))
    }

    /// A kengetal over time: a line per series (the gemeente or the region, and the region and
    /// landelijk figure beside a gemeente's percentage), the values by date in a table, and a
    /// sentence that says what the lines show.
    fn series(&self, k: &Kengetal, gemeente: Option<&str>, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        let punten = k.punten(self.data.kengetallen.peildatum);
        let point = |p: &Punt, v: f64| Point { datum: p.datum, value: v, shown: number(v, &k.eenheid), prognose: p.prognose };
        let mut lines: Vec<Line> = Vec::new();
        if let Some(g) = gemeente {
            let own: Vec<Point> = punten.iter().filter_map(|p| p.gemeenten.get(g).map(|v| point(p, *v))).collect();
            if own.is_empty() {
                diags.error(self.rel, call.pos, format!("kengetal `{}` heeft geen waarden voor {g}", k.key), "vul de gemeente aan in content/data/kengetallen.toml, of laat `gemeente` weg voor het regiocijfer");
                return None;
            }
            lines.push(Line { label: g.to_string(), class: "regio", points: own });
        }
        // A gemeente's count and the region's are of another size; percentages compare.
        if gemeente.is_none() || k.eenheid == "procent" {
            let class = if gemeente.is_some() { "vergelijk" } else { "regio" };
            lines.push(Line { label: "Regio".into(), class, points: punten.iter().map(|p| point(p, p.regio)).collect() });
        }
        let landelijk: Vec<Point> = punten.iter().filter_map(|p| p.landelijk.map(|v| point(p, v))).collect();
        if !landelijk.is_empty() && (gemeente.is_none() || k.eenheid == "procent") {
            lines.push(Line { label: "Landelijk".into(), class: "landelijk", points: landelijk });
        }
        let doel = if gemeente.is_none() { self.data.doelen.iter().find(|d| d.kengetal.as_deref() == Some(&k.key)) } else { None };
        let title = call.args.get("titel").cloned().unwrap_or_else(|| match gemeente {
            Some(g) => format!("{}, {g}", k.label),
            None => k.label.clone(),
        });
        // The summary names the figure as the data does ("Thuiszitters (langer dan 4 weken)"),
        // not as a chapter numbers it ("Figuur 1. ...").
        let subject = match gemeente {
            Some(g) => format!("{} in {g}", k.label),
            None => k.label.clone(),
        };
        let summary = series_summary(&subject, &lines, doel, &k.eenheid);
        let header: Vec<String> = lines.iter().map(|l| l.label.clone()).collect();
        let rows: Vec<(String, Vec<String>, bool)> = punten
            .iter()
            .map(|p| {
                let label = if p.prognose { format!("{} (prognose)", p.datum.to_dutch()) } else { p.datum.to_dutch() };
                let cells = lines.iter().map(|l| l.points.iter().find(|q| q.datum == p.datum).map_or_else(|| "–".to_string(), |q| q.shown.clone())).collect();
                (label, cells, false)
            })
            .collect();
        let file = format!("{}.csv", slugify(&format!("kengetal {} {} reeks", k.key, gemeente.unwrap_or(""))));
        let eenheid = k.eenheid.clone();
        let svg = charts::lines(&format!("grafiek-{}", file.trim_end_matches(".csv")), &title, &summary, &lines, |v| number(v, &eenheid));
        Some(table(&title, unit_of(&k.eenheid), "Datum", &header, &rows, file).with_chart(&summary, &svg).with_source(k.bron.as_deref()))
    }

    fn doelen(&self, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        if !self.allowed(call, &["thema", "titel"], diags) {
            return None;
        }
        let thema = call.args.get("thema");
        if let Some(t) = thema {
            let vocab = &self.config.vocabulaires.oogo_thema;
            if !vocab.contains(t) {
                diags.error(self.rel, call.pos, format!("onbekend thema `{t}`"), suggestion(t, vocab.keys()));
                return None;
            }
        }
        let doelen: Vec<&Doel> = self.data.doelen.iter().filter(|d| thema.is_none_or(|t| &d.thema == t)).collect();
        if doelen.is_empty() {
            diags.warning(self.rel, call.pos, "deze figuur toont geen doelen", "voeg doelen met dit thema toe aan content/data/doelen.toml of kies een ander thema");
        }
        let vocab = &self.config.vocabulaires.voortgang;
        let kengetallen = &self.data.kengetallen;
        let mut bars = String::new();
        let mut summaries = Vec::new();
        let rows: Vec<(String, Vec<String>, bool)> = doelen
            .iter()
            .map(|d| {
                let voortgang = d.voortgang(kengetallen);
                let last = voortgang.map_or_else(|| "–".to_string(), |v| format!("{} ({})", number(v.waarde, &d.eenheid), v.datum.to_dutch()));
                let status = voortgang.map_or("nog geen meting", |v| vocab.label(v.status)).to_string();
                if let Some(v) = voortgang {
                    let summary = format!(
                        "{}: van {} in {} naar {} op {}; het doel is {} in {}. {}: volgens de lijn naar het doel zou het nu {} zijn.",
                        d.titel,
                        number(d.nulmeting, &d.eenheid),
                        d.nulmeting_jaar,
                        number(v.waarde, &d.eenheid),
                        v.datum.to_dutch(),
                        number(d.streefwaarde, &d.eenheid),
                        d.streefjaar,
                        vocab.label(v.status),
                        // A count is expected in whole pupils.
                        number(if d.eenheid == "procent" { v.verwacht } else { v.verwacht.round() }, &d.eenheid)
                    );
                    let expected = if d.streefwaarde == d.nulmeting { 100.0 } else { (v.verwacht - d.nulmeting) / (d.streefwaarde - d.nulmeting) * 100.0 };
                    let id = format!("voortgang-{}", slugify(&d.titel));
                    bars.push_str(&format!("<li class=\"voortgang-{}\"><p>{}</p>{}</li>", v.status, escape_html(&summary), charts::progress(&id, &d.titel, &summary, v.procent_gedaan, expected)));
                    summaries.push(summary);
                }
                (d.titel.clone(), vec![d.indicator.clone(), format!("{} ({})", number(d.nulmeting, &d.eenheid), d.nulmeting_jaar), last, format!("{} ({})", number(d.streefwaarde, &d.eenheid), d.streefjaar), status], false)
            })
            .collect();
        let title = call.args.get("titel").cloned().unwrap_or_else(|| "Doelen".into());
        let file = format!("{}.csv", slugify(&format!("doelen {}", thema.map_or("", String::as_str))));
        let mut figure = table(&title, "", "Doel", &["Indicator".into(), "Nulmeting".into(), "Laatste meting".into(), "Streefwaarde".into(), "Voortgang".into()], &rows, file);
        if !bars.is_empty() {
            figure = figure.with_after(&format!("<ul class=\"voortgang\">{bars}</ul>"), &summaries.join(" "));
        }
        Some(figure)
    }

    /// `begroting(soort="samenstelling")`: the lasten of one year per categorie, as bars and a
    /// table with each part's share.
    fn composition(&self, call: &Call, diags: &mut Diagnostics) -> Option<Figure> {
        let b = &self.data.begroting;
        let index = match call.args.get("jaar") {
            Some(j) => self.year_index(j, call, diags)?,
            None => 0,
        };
        let year = b.jaren[index];
        let total = b.totals()[index].2;
        let parts = b.lasten_per_categorie(index);
        let label = |k: Option<&str>| k.map_or_else(|| "Overige lasten".to_string(), |k| b.categorie_label(k).to_string());
        let bars: Vec<Bar> = parts.iter().map(|(k, amount)| Bar { label: label(*k), value: *amount as f64, shown: format!("{} ({}%)", nl::euro(*amount), share(*amount, total)) }).collect();
        let mut ranked: Vec<&(Option<&str>, i64)> = parts.iter().collect();
        ranked.sort_by_key(|(_, a)| std::cmp::Reverse(*a));
        let named: Vec<String> = ranked.iter().take(2).map(|(k, a)| format!("{} ({}%)", label(*k).to_lowercase(), share(*a, total))).collect();
        let title = call.args.get("titel").cloned().unwrap_or_else(|| format!("Waar de lasten van {year} naartoe gaan"));
        let summary = format!("Van de lasten in {year}, {} in totaal, gaat het grootste deel naar {}.", nl::euro(total), named.join(" en daarna naar "));
        let rows: Vec<(String, Vec<String>, bool)> = parts
            .iter()
            .map(|(k, a)| (label(*k), vec![nl::integer(*a), format!("{}%", share(*a, total))], false))
            .chain(std::iter::once(("Totaal lasten".to_string(), vec![nl::integer(total), "100%".to_string()], true)))
            .collect();
        let file = format!("begroting-samenstelling-{year}.csv");
        let svg = charts::bars(&format!("grafiek-begroting-samenstelling-{year}"), &title, &summary, &bars);
        Some(table(&title, "in euro", "Categorie", &[format!("Lasten {year}"), "Aandeel".into()], &rows, file).with_chart(&summary, &svg))
    }
}

/// `part` as a whole percentage of `total`, rounded half up, in integers.
fn share(part: i64, total: i64) -> i64 {
    if total == 0 {
        return 0;
    }
    ((part as i128 * 200 + total as i128) / (total as i128 * 2)) as i64
}

/// How a unit shows in a caption: `%` for percentages.
fn unit_of(eenheid: &str) -> &str {
    if eenheid == "procent" {
        "%"
    } else {
        eenheid
    }
}

/// One sentence on what a chart's lines show: the first line's way from its first to its last
/// measurement, the others' last measured values, the last prognosis, and the goal.
fn series_summary(subject: &str, lines: &[Line], doel: Option<&Doel>, eenheid: &str) -> String {
    let mut parts = Vec::new();
    if let Some(main) = lines.first() {
        let measured: Vec<&Point> = main.points.iter().filter(|p| !p.prognose).collect();
        if let (Some(first), Some(last)) = (measured.first(), measured.last()) {
            let way = if last.value < first.value {
                "gedaald"
            } else if last.value > first.value {
                "gestegen"
            } else {
                "gelijk gebleven"
            };
            if measured.len() > 1 {
                parts.push(format!("{subject}: {way} van {} op {} naar {} op {}", first.shown, first.datum.to_dutch(), last.shown, last.datum.to_dutch()));
            } else {
                parts.push(format!("{subject}: {} op {}", last.shown, last.datum.to_dutch()));
            }
        }
        for other in &lines[1..] {
            if let Some(last) = other.points.iter().rfind(|p| !p.prognose) {
                parts.push(format!("{} {} op {}", other.label.to_lowercase(), last.shown, last.datum.to_dutch()));
            }
        }
        if let Some(p) = main.points.iter().rfind(|p| p.prognose) {
            parts.push(format!("de prognose voor {} is {}", p.datum.to_dutch(), p.shown));
        }
    }
    if let Some(d) = doel {
        parts.push(format!("het doel is {} in {}", number(d.streefwaarde, eenheid), d.streefjaar));
    }
    let mut sentence = parts.join("; ");
    sentence.push('.');
    sentence
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A value in nl-NL form for its unit: `14.520`, `2,4%`.
fn number(value: f64, eenheid: &str) -> String {
    if eenheid == "procent" {
        nl::percent(value)
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        nl::integer(value as i64)
    } else {
        nl::decimal(value, 1)
    }
}

/// An accessible table (caption, column and row headers, the unit in the caption) with a link
/// to its CSV, its plain text for search, and the CSV itself.
fn table(title: &str, unit: &str, first: &str, header: &[String], rows: &[(String, Vec<String>, bool)], file: String) -> Figure {
    let id = format!("figuur-{}", file.trim_end_matches(".csv"));
    let caption = if unit.is_empty() { title.to_string() } else { format!("{title} ({unit})") };
    let mut html = format!("<figure class=\"cijfers\"><div class=\"tabel\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\"><table><caption id=\"{id}\">{}</caption><thead><tr><th scope=\"col\">{}</th>", escape_html(&caption), escape_html(first));
    // Columns of numbers align right (and their header with them); columns of words left.
    let numeric: Vec<bool> = (0..header.len()).map(|i| rows.iter().all(|(_, v, _)| v.get(i).is_none_or(|c| c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-' || ch == '€' || ch == '–')))).collect();
    let align = |i: usize| if numeric[i] { " class=\"rechts\"" } else { "" };
    for (i, h) in header.iter().enumerate() {
        html.push_str(&format!("<th scope=\"col\"{}>{}</th>", align(i), escape_html(h)));
    }
    html.push_str("</tr></thead><tbody>\n");
    let mut plain = caption.clone();
    let mut csv_text = String::from("\u{feff}");
    csv_text.push_str(&std::iter::once(first).chain(header.iter().map(String::as_str)).map(|c| csv::cell(c, ';')).collect::<Vec<_>>().join(";"));
    csv_text.push_str("\r\n");
    for (label, values, strong) in rows {
        let (open, close) = if *strong { ("<strong>", "</strong>") } else { ("", "") };
        html.push_str(&format!("<tr><th scope=\"row\">{open}{}{close}</th>", escape_html(label)));
        for (i, v) in values.iter().enumerate() {
            html.push_str(&format!("<td{}>{open}{}{close}</td>", align(i), escape_html(v)));
        }
        html.push_str("</tr>\n");
        plain.push_str(&format!(" {label} {}", values.join(" ")));
        csv_text.push_str(&std::iter::once(label.as_str()).chain(values.iter().map(String::as_str)).map(|c| csv::cell(c, ';')).collect::<Vec<_>>().join(";"));
        csv_text.push_str("\r\n");
    }
    let href = crate::url::figure_csv(&file);
    html.push_str(&format!("</tbody></table></div><figcaption class=\"meta\"><a href=\"{}\" download>Download deze tabel als CSV</a> (voor Excel)</figcaption></figure>", escape_html(&href)));
    Figure::Table(html, plain, Table { file, csv: csv_text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_split_outside_quotes() {
        assert_eq!(split_args("a=\"x, y\", b=2"), vec!["a=\"x, y\"", " b=2"]);
    }

    #[test]
    fn numbers_follow_their_unit() {
        assert_eq!(number(14520.0, "aantal"), "14.520");
        assert_eq!(number(2.4, "procent"), "2,4%");
        assert_eq!(number(3.26, "fte"), "3,3");
    }
}
