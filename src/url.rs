//! Every URL of the built site comes from this module, so the URL layout of DESIGN.md lives in
//! one place: change a path here and links, sitemap and output files follow.

pub fn home() -> String {
    "/".into()
}
pub fn plan_index() -> String {
    "/plan/".into()
}
pub fn chapter(slug: &str) -> String {
    format!("/plan/{slug}/")
}
pub fn changes() -> String {
    "/plan/wijzigingen/".into()
}
pub fn changes_feed() -> String {
    "/plan/atom.xml".into()
}
/// The list of every vastgesteld version of the plan.
pub fn versions() -> String {
    "/plan/versies/".into()
}
/// A chapter as it read from `datum` (the start of that version) on: no longer in force.
pub fn version_chapter(datum: &str, slug: &str) -> String {
    format!("/plan/versies/{datum}/{slug}/")
}
/// What changed in a chapter on `datum`, word by word, against the version before.
pub fn comparison(datum: &str, slug: &str) -> String {
    format!("/plan/versies/{datum}/{slug}/vergelijking/")
}
pub fn addendum(slug: &str) -> String {
    format!("/plan/wijzigingen/{slug}/")
}
pub fn schools() -> String {
    "/scholen/".into()
}
pub fn school(id: &str) -> String {
    format!("/scholen/{}/", id.to_lowercase())
}
pub fn steunpunt_index() -> String {
    "/steunpunt/".into()
}
pub fn steunpunt_page(slug: &str) -> String {
    if slug == "index" {
        steunpunt_index()
    } else {
        format!("/steunpunt/{slug}/")
    }
}
pub fn route() -> String {
    "/steunpunt/route/".into()
}
pub fn faq() -> String {
    "/steunpunt/vragen/".into()
}
pub fn begrippen() -> String {
    "/begrippen/".into()
}
pub fn begrip(id: &str) -> String {
    format!("/begrippen/#{id}")
}
/// The anchor of a letter of the A-Z on /begrippen/; terms that start with a sign (letter `#`)
/// share `letter-overig`.
pub fn begrippen_letter_id(letter: &str) -> String {
    match crate::text::slugify(letter) {
        slug if slug.is_empty() => "letter-overig".into(),
        slug => format!("letter-{slug}"),
    }
}
pub fn verantwoording() -> String {
    "/plan/verantwoording/".into()
}
pub fn plain_language_plan() -> String {
    "/plan/gewone-taal/".into()
}
/// Page `n` (from 2) of a list split over pages; page 1 is the list's own URL. Two levels
/// deep, so no chapter (`/plan/<slug>/`) can take its place.
pub fn plan_index_page(n: usize) -> String {
    format!("/plan/pagina/{n}/")
}
pub fn plain_language_plan_page(n: usize) -> String {
    format!("/plan/gewone-taal/pagina/{n}/")
}
pub fn dekking_page(n: usize) -> String {
    format!("/scholen/dekking/pagina/{n}/")
}
pub fn accessibility_statement() -> String {
    "/toegankelijkheid/".into()
}
pub fn compare() -> String {
    "/scholen/vergelijk/".into()
}
/// The page that explains the open data files, their columns and their licence.
pub fn open_data() -> String {
    "/data/".into()
}
pub fn open_data_json() -> String {
    "/data/scholen.json".into()
}
pub fn open_data_csv() -> String {
    "/data/scholen.csv".into()
}
/// The gzip-compressed copy of an open data file: at national scale `scholen.json` is tens of
/// megabytes, a tenth of that compressed (issue 18).
pub fn compressed(url: &str) -> String {
    format!("{url}.gz")
}
/// Every figure of the plan (begroting, kengetallen with their series, doelen with their
/// progress) in one file.
pub fn figures_json() -> String {
    "/data/cijfers.json".into()
}
pub fn dekking() -> String {
    "/scholen/dekking/".into()
}
/// The folder of the finder's pages per gemeente (no page of its own).
fn schools_in_gemeente_folder() -> String {
    format!("{}gemeente/", schools())
}
pub fn schools_in_gemeente(slug: &str) -> String {
    format!("{}{slug}/", schools_in_gemeente_folder())
}
/// The folder of the finder's pages per kind of support (no page of its own).
fn schools_with_support_folder() -> String {
    format!("{}ondersteuning/", schools())
}
pub fn schools_with_support(key: &str) -> String {
    format!("{}{key}/", schools_with_support_folder())
}
/// The schools of a gemeente with extra support of one kind: the finder without JavaScript
/// for the combination parents ask about most (a page per gemeente x kind of support, with
/// the school type and the building's accessibility on the page).
pub fn schools_in_gemeente_with_support(slug: &str, key: &str) -> String {
    format!("{}{key}/", schools_in_gemeente(slug))
}
pub fn oogo_gemeente(slug: &str) -> String {
    format!("/oogo/{slug}/")
}
pub fn search() -> String {
    "/zoeken/".into()
}
/// The static search index the search page's script reads (`search::shards`).
pub fn search_index() -> String {
    format!("{}index/", search())
}
/// `passend serve`'s JSON answer to a query.
pub fn search_api() -> String {
    "/api/zoeken".into()
}
pub fn oogo() -> String {
    "/oogo/".into()
}

/// A file the site itself publishes from its `static/` folder (for example `[stijl] logo`).
pub fn site_file(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}
/// Every figure of the plan on one page.
pub fn figures() -> String {
    "/plan/cijfers/".into()
}
/// The CSV download of a table of figures in a chapter (`figures`).
pub fn figure_csv(file: &str) -> String {
    format!("/data/cijfers/{file}")
}
/// The CSV of a table as it was in a version of the plan no longer in force.
pub fn figure_csv_in_version(datum: &str, file: &str) -> String {
    format!("/data/cijfers/{datum}/{file}")
}
/// A file of the theme's `static/` folder.
pub fn asset(path: &str) -> String {
    format!("/assets/{path}")
}
/// The stylesheet of the printable OOGO export (a theme file).
pub fn oogo_stylesheet() -> String {
    asset("oogo.css")
}
/// One format of an OOGO summary for download: `/oogo/<slug>/oogo-<slug>.<format>`.
pub fn oogo_file(slug: &str, format: &str) -> String {
    format!("{}oogo-{slug}.{format}", oogo_gemeente(slug))
}
pub fn sitemap() -> String {
    "/sitemap.xml".into()
}
/// The CSS custom properties of the site's style tokens.
pub fn tokens_css() -> String {
    asset("tokens.css")
}
pub fn not_found() -> String {
    "/404.html".into()
}

/// Whether the first use of a begrip on the page at `url` links to its entry: chapters,
/// addenda, school and steunpunt pages; not lists (the plan's and the finder's), the
/// verantwoording, the begrippen page itself or exports.
pub fn links_begrippen(url: &str) -> bool {
    let under = |section: String| url.starts_with(&section) && url.len() > section.len();
    let chapter_or_addendum = under(plan_index()) && url.ends_with('/') && !url.starts_with(&verantwoording()) && url != changes();
    let school = under(schools()) && !url.starts_with(&schools_in_gemeente_folder()) && !url.starts_with(&schools_with_support_folder()) && url != dekking() && url != compare();
    chapter_or_addendum || school || url.starts_with(&steunpunt_index())
}

/// `to` relative to the page at `from`, for files that must also work opened from a folder
/// (the exported OOGO HTML): from `/oogo/x/oogo-x.html`, `/assets/oogo.css` is `../../assets/oogo.css`.
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.trim_start_matches('/').matches('/').count();
    format!("{}{}", "../".repeat(depth), to.trim_start_matches('/'))
}

/// The URL of a page in another interface language: `/en/steunpunt/`.
pub fn in_language(lang: &str, url: &str) -> String {
    format!("/{lang}{url}")
}

/// The file a URL is written to inside the output directory: `/plan/x/` -> `plan/x/index.html`.
pub fn output_file(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() {
        "index.html".into()
    } else if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slugify;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(slugify("Overstap PO–VO: coördinatie!"), "overstap-po-vo-coordinatie");
        assert_eq!(slugify("  3.2 Middelen "), "3-2-middelen");
        assert_eq!(slugify("Ĳsselstreek: Straße, Ærø"), "ijsselstreek-strasse-aero");
        assert_eq!(begrippen_letter_id("Ĳ"), "letter-ij");
        assert_eq!(begrippen_letter_id("#"), "letter-overig");
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/plan/x/"), "plan/x/index.html");
        assert_eq!(output_file("/sitemap.xml"), "sitemap.xml");
        assert_eq!(relative(&oogo_file("x", "html"), &oogo_stylesheet()), "../../assets/oogo.css");
        assert_eq!(relative("/index.html", &asset("a.css")), "assets/a.css");
    }

    #[test]
    fn begrippen_are_linked_on_reading_pages_only() {
        for linked in [chapter("x"), addendum("x"), school("ab12"), steunpunt_index(), steunpunt_page("x")] {
            assert!(links_begrippen(&linked), "{linked}");
        }
        for not in [home(), plan_index(), changes(), verantwoording(), schools(), compare(), dekking(), schools_in_gemeente("x"), schools_with_support("x"), begrippen(), oogo(), changes_feed(), in_language("en", &steunpunt_index())] {
            assert!(!links_begrippen(&not), "{not}");
        }
    }
}
