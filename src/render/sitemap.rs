//! The sitemap (render stage, run by the last `build` producer): every HTML page the other
//! producers made, from the output's file list, with the date a chapter or school changed.

use crate::site::Site;
use crate::text::Date;
use crate::url;
use std::collections::BTreeMap;

/// sitemap.xml with every HTML page except the 404 page.
pub fn sitemap<'a>(site: &Site, paths: impl Iterator<Item = &'a str>) -> String {
    let base = site.config.base_url.trim_end_matches('/');
    let mut lastmod: BTreeMap<String, Date> = BTreeMap::new();
    for ch in &site.chapters {
        if let Some(d) = ch.bijgewerkt {
            lastmod.insert(ch.url.clone(), d);
        }
    }
    for s in &site.schools {
        if let Some(d) = s.vastgesteld {
            lastmod.insert(s.url.clone(), d);
        }
    }
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    // The compare view only shows something with JavaScript and a selection in its URL.
    let not_for_search_engines = [url::compare()];
    for path in paths.filter(|p| p.ends_with("index.html")) {
        let page_url = format!("/{}", path.trim_end_matches("index.html"));
        if not_for_search_engines.contains(&page_url) {
            continue;
        }
        xml.push_str(&format!("  <url><loc>{base}{page_url}</loc>"));
        if let Some(d) = lastmod.get(&page_url) {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
