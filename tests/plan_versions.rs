//! The text in force (issue 13): vastgesteld addenda change the chapters, the begroting, the
//! schools' voorzieningen and the planperiode; concept ones only propose; every version stays
//! readable, with a word-level comparison, a timeline of the road to vaststelling and a feed.

mod common;
use common::*;
use std::path::Path;

fn built(label: &str) -> TempDir {
    let site = copy_example(label);
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "build failed:\n{}", run.stderr);
    site
}

/// A page's HTML without the soft hyphens headings get for phones (`Reserve en weer­stands­ver­mo­gen`).
fn page(site: &TempDir, url: &str) -> String {
    read(&site.path().join("public").join(url.trim_start_matches('/')).join("index.html")).replace('\u{AD}', "")
}

/// The part of a page between <main> and </main>.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    &html[start..html[start..].find("</main>").map_or(html.len(), |i| start + i)]
}

#[test]
fn a_vastgesteld_addendum_changes_the_text_in_force_everywhere() {
    let site = built("in-force");
    // Chapter 4's table of bovenschoolse voorzieningen has the new row; the version before not.
    let ch4 = page(&site, "/plan/extra-ondersteuning/");
    assert!(ch4.contains("Plusklas vo Brugwaard"), "chapter 4 in force has the plusklas row");
    let old4 = page(&site, "/plan/versies/2026-07-01/extra-ondersteuning/");
    assert!(!main_of(&old4).contains("Plusklas vo Brugwaard"), "the version as vastgesteld does not");
    assert!(old4.contains("Deze tekst geldt niet meer"), "an old version says so");
    assert!(old4.contains("href=\"/plan/extra-ondersteuning/\""), "and links the text in force");
    // The section note: which addendum, since when, the text before and the comparison.
    let note_at = ch4.find("<aside class=\"wijziging\"").expect("a note at the changed section");
    let heading_at = ch4.find("id=\"bovenschoolse-arrangementen\"").expect("the replaced section keeps its anchor");
    assert!(note_at > heading_at && note_at - heading_at < 200, "the note sits right under the section's heading");
    let note = &ch4[note_at..note_at + ch4[note_at..].find("</aside>").unwrap()];
    for part in ["/plan/wijzigingen/2026-09-plusklassen/", "15 september 2026", "/plan/versies/2026-07-01/extra-ondersteuning/#bovenschoolse-arrangementen", "/plan/versies/2026-09-15/extra-ondersteuning/vergelijking/"] {
        assert!(note.contains(part), "the note has {part}: {note}");
    }
    // Chapter 11's figures: the new result, not the old one.
    let ch11 = main_of(&page(&site, "/plan/middelen-en-begroting/")).to_string();
    assert!(ch11.contains("<strong>-278.000</strong>"), "chapter 11 shows the result in force");
    assert!(!ch11.contains("<strong>-250.000</strong>"), "and not the result as vastgesteld");
    assert!(ch11.contains("id=\"meerjarenbegroting\""), "links to #meerjarenbegroting still land");
    assert!(ch11.contains("id=\"fn-2\""), "the chapter keeps its footnotes");
    // The begroting data in force reaches the OOGO documents.
    let oogo = read(&site.path().join("public/oogo/rietmeer/index.html"));
    assert!(oogo.contains("-€ 278.000"), "the OOGO summary has the begroting in force");
    // The new voorziening is on its school's page and in the open data.
    let school = page(&site, "/scholen/97bc00/");
    assert!(school.contains("vo Brugwaard</strong>") && school.contains("(24 plaatsen)"), "the host school lists the voorziening");
    assert!(read(&site.path().join("public/data/scholen.json")).contains("Plusklas vo Brugwaard"));
    // The dekking and the finder count it: the host school now offers more for hoogbegaafdheid.
    let kind = page(&site, "/scholen/ondersteuning/hoogbegaafdheid/");
    let brugwaard = &kind[kind.find("id=\"gemeente-brugwaard\"").expect("a Brugwaard group")..];
    assert!(brugwaard[..brugwaard.find("</section>").unwrap_or(brugwaard.len())].contains("Brugwaard College"));
    let dekking = page(&site, "/scholen/dekking/");
    let vo = &dekking[dekking.find("id=\"dekking-vo\"").expect("a VO table")..];
    assert!(vo.contains("<a href=\"/scholen/97bc00/\">Plusklas vo Brugwaard</a> <span class=\"voorziening-voor\">bij Brugwaard College, voor: Meer- en hoogbegaafdheid, 24 plaatsen</span>"), "the dekking's VO table has the addendum's voorziening as a row");
    // The extension addendum: the planperiode in force.
    assert!(page(&site, "/plan/").contains("Ondersteuningsplan 2026-2031"));
}

#[test]
fn the_comparison_marks_insertions_and_deletions_in_words_not_colour_only() {
    let site = built("comparison");
    let cmp = page(&site, "/plan/versies/2026-09-15/middelen-en-begroting/vergelijking/");
    let ins = cmp.find("<ins><span class=\"visually-hidden\">[nieuw: </span>").expect("an insertion, announced in words");
    assert!(cmp[ins..].contains("278.000"), "the new result is inserted");
    let del = cmp.find("<del><span class=\"visually-hidden\">[weg: </span>").expect("a deletion, announced in words");
    assert!(cmp[del..].contains("250.000"), "the old result is deleted");
    assert!(cmp.contains("Reserve en weerstandsvermogen"), "the reserve follows the new resultaten, so its section changed");
    assert!(!cmp.contains(">Uitgangspunten <"), "sections that did not change are not listed");
    let changes = page(&site, "/plan/wijzigingen/");
    assert!(changes.contains("<a href=\"/plan/extra-ondersteuning/#bovenschoolse-arrangementen\">Extra ondersteuning en voorzieningen: nieuwe tekst over Bovenschoolse arrangementen</a>"), "the changes page says what each change did, linked");
    assert!(changes.contains("De planperiode loopt tot en met 2031"));
    assert!(changes.contains("De begroting: nieuwe bedragen voor Bovenschoolse voorzieningen: plusklas, rebound en Herstartklas"));
    let versions = page(&site, "/plan/versies/");
    assert!(versions.contains("Geldt nu") && versions.contains("Gold van 1 juli 2026 tot 15 september 2026"), "the list of versions with their periods");
}

#[test]
fn a_concept_addendum_only_proposes() {
    let site = built("concept-addendum");
    let ch8 = page(&site, "/plan/thuiszitters/");
    assert!(ch8.contains("<aside class=\"wijziging voorgesteld\""), "the section carries a proposed change");
    assert!(ch8.contains("Voorgestelde wijziging"));
    // The section keeps its text in force: the concept's new text is not in it.
    let source = read(&site.path().join("content/plan/08-thuiszitters.md"));
    // The heading is `## Doorzettingsmacht {#doorzettingsmacht oogo=thuiszitters}`.
    let first_sentence = source.split("{#doorzettingsmacht").nth(1).unwrap().split_once('}').unwrap().1.trim().lines().next().unwrap();
    let probe: String = first_sentence.chars().take(40).collect();
    assert!(ch8.contains(&probe), "the text in force is unchanged: {probe}");
    assert!(!main_of(&ch8).contains("0,6 fte begeleiding per 6 plaatsen"), "the concept's text is not in force");
    assert!(!site.path().join("public/plan/versies/2026-11-10").exists(), "a concept makes no version");
    let ch4 = page(&site, "/plan/extra-ondersteuning/");
    let notice = &ch4[ch4.find("aria-label=\"Wijzigingen\"").unwrap()..];
    let proposed = notice.find("Voorgestelde wijziging, nog niet vastgesteld").expect("the chapter's notice separates proposals");
    assert!(notice[proposed..].contains("reboundplaatsen"));
    assert!(!notice[..proposed].contains("reboundplaatsen"), "the concept is not listed as a change in force");
}

#[test]
fn the_road_to_vaststelling_is_an_ordered_list() {
    let site = built("timeline");
    for url in ["/", "/plan/"] {
        let html = page(&site, url);
        let section = &html[html.find("class=\"tijdlijn\"").unwrap_or_else(|| panic!("{url} has the timeline"))..];
        let list = &section[section.find("<ol>").unwrap()..section.find("</ol>").unwrap()];
        let opr = list.find("Instemming van de ondersteuningsplanraad").unwrap();
        let oogo = list.find("Op overeenstemming gericht overleg").unwrap();
        let inspectie = list.find("Gestuurd naar de inspectie").unwrap();
        assert!(opr < oogo && oogo < inspectie, "{url}: steps in date order");
        assert!(list.contains("19 mei 2026"));
    }
    let addendum = page(&site, "/plan/wijzigingen/2026-11-verlenging-planperiode/");
    assert!(addendum.contains("Gestuurd naar de inspectie"), "an addendum shows its own road");
    // Its own text has a heading "Besluitvorming" too: the timeline's id must not repeat it.
    assert_eq!(addendum.matches("id=\"besluitvorming\"").count(), 1, "one element per id");
}

#[test]
fn a_concept_plan_says_so_on_every_plan_page_and_a_vastgesteld_one_on_none() {
    let site = built("vastgesteld-plan");
    let public = site.path().join("public");
    let plan_pages: Vec<_> = walk(&public.join("plan")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(plan_pages.len() > 20);
    for p in &plan_pages {
        assert!(!read(p).contains("Concept – nog niet vastgesteld"), "{} has no concept notice", p.display());
    }
    edit(&site.path().join("passend.toml"), "status = \"vastgesteld\"", "status = \"concept\"");
    let run = passend(&["build", "--root", site.path().to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    for p in walk(&public.join("plan")).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = read(&p);
        assert!(html.contains("Concept – nog niet vastgesteld"), "{} carries the concept notice", p.display());
        assert!(html.contains("Laatste stap: OOGO op 4 juni 2026") || html.contains("Laatste stap: INSPECTIE"), "{} names the round", p.display());
    }
    assert!(!read(&public.join("steunpunt/index.html")).contains("Concept – nog niet vastgesteld"), "only plan pages");
}

#[test]
fn the_feed_is_atom_with_one_title_stable_ids_and_an_entry_per_addendum_and_version() {
    use quick_xml::events::Event;
    let site = built("feed");
    let xml = read(&site.path().join("public/plan/atom.xml"));
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut path: Vec<String> = Vec::new();
    let (mut feed_titles, mut entries, mut ids, mut entry_fields) = (Vec::new(), 0, Vec::new(), Vec::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "feed" {
                    let ns = e.attributes().filter_map(Result::ok).find(|a| a.key.as_ref() == "xmlns").map(|a| a.value.into_owned());
                    assert_eq!(ns.as_deref(), Some("http://www.w3.org/2005/Atom"));
                }
                if name == "entry" {
                    entries += 1;
                    entry_fields.clear();
                }
                path.push(name);
            }
            Event::End(e) => {
                if e.name().as_ref() == "entry" {
                    for field in ["id", "title", "updated"] {
                        assert!(entry_fields.contains(&field.to_string()), "every entry has {field}");
                    }
                }
                path.pop();
            }
            Event::Text(t) => {
                let text = t.into_inner().into_owned();
                match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                    ["feed", "title"] => feed_titles.push(text),
                    ["feed", "entry", field] => {
                        if *field == "id" {
                            ids.push(text.clone());
                        }
                        if *field == "title" {
                            assert!(!text.contains("(concept) (concept)"), "no doubled status: {text}");
                        }
                        if *field == "updated" {
                            assert!(text.len() == 20 && text.ends_with('Z'), "RFC 3339 date: {text}");
                        }
                        entry_fields.push(field.to_string());
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(feed_titles.len(), 1, "one feed title");
    assert_eq!(entries, 3 + 1, "three addenda and one new version");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("https://")), "ids are absolute and stable");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
