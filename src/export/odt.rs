//! OpenDocument Text (ODT), the Dutch government's standard for editable documents. Headings
//! use the built-in "Heading 1..3" styles (so they appear in LibreOffice's navigator and in the
//! table of contents, a real `text:table-of-content` that Extra > Bijwerken renews), lists a
//! real list style, tables are real `table:table` elements with widths fitted to their content.
//! The title page has its own master page; every other page has the running header and the
//! page number. Colours and font come from the SWV's style tokens.

use super::document::{zip_package, Block, Document, Inline, Quoted};
use crate::text::escape_xml;

const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""#;

/// The text width of an A4 page with 2.2 cm margins, in cm.
const TEXT_WIDTH: f64 = 16.6;

/// A style token's colour as ODF wants it (`#rrggbb`), or the default when it is not one.
pub(crate) fn colour(token: &str, default: &str) -> String {
    let hex = token.trim_start_matches('#');
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        format!("#{}", hex.to_lowercase())
    } else {
        default.to_string()
    }
}

fn manifest(logo: Option<(&str, &str)>) -> String {
    let logo = logo.map(|(path, mime)| format!(r#" <manifest:file-entry manifest:full-path="{path}" manifest:media-type="{mime}"/>"#)).unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
{logo}
</manifest:manifest>
"#
    )
}

fn styles(doc: &Document) -> String {
    let kleur = colour(&doc.look.colour, "#1b4f72");
    let accent = colour(&doc.look.accent, "#a8431a");
    let font = escape_xml(&doc.look.font);
    let heading = |level: u8, size: &str| {
        format!(
            r#"<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="{level}" style:class="text"><style:text-properties fo:font-size="{size}" fo:font-weight="bold" fo:color="{kleur}"/></style:style>"#
        )
    };
    let contents = |level: u8| {
        let indent = f64::from(level - 1) * 0.5;
        format!(
            r#"<style:style style:name="Contents_20_{level}" style:display-name="Contents {level}" style:family="paragraph" style:parent-style-name="Standard" style:class="index"><style:paragraph-properties fo:margin-left="{indent}cm" fo:margin-bottom="0.1cm"><style:tab-stops><style:tab-stop style:position="{}cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties></style:style>"#,
            TEXT_WIDTH - indent
        )
    };
    let header = escape_xml(&doc.header);
    format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}>
 <office:styles>
  <style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:orphans="2" fo:widows="2"/><style:text-properties fo:font-family="'{font}'" fo:font-size="10.5pt" fo:language="nl" fo:country="NL"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.2cm" fo:line-height="115%"/></style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/></style:style>
  {}
  {}
  {}
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="24pt" fo:font-weight="bold" fo:color="{kleur}"/></style:style>
  <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter"><style:paragraph-properties fo:margin-bottom="1.2cm" fo:padding-bottom="0.3cm" fo:border-bottom="2pt solid {accent}"/><style:text-properties fo:font-size="17pt" fo:color="{accent}"/></style:style>
  <style:style style:name="Titelpagina_20_SWV" style:display-name="Titelpagina SWV" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Titelpagina_20_regel" style:display-name="Titelpagina regel" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.15cm"/><style:text-properties fo:font-size="12pt"/></style:style>
  <style:style style:name="Contents_20_Heading" style:display-name="Contents Heading" style:family="paragraph" style:parent-style-name="Heading" style:class="index"><style:text-properties fo:font-size="16pt" fo:font-weight="bold" fo:color="{kleur}"/></style:style>
  {}
  {}
  <style:style style:name="Quotations" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="html"><style:paragraph-properties fo:margin-left="0.4cm" fo:margin-bottom="0.15cm" fo:padding-left="0.3cm" fo:border-left="1.5pt solid {kleur}"/><style:text-properties fo:color="#333333"/></style:style>
  <style:style style:name="Quotations_20_kop" style:display-name="Quotations kop" style:family="paragraph" style:parent-style-name="Quotations"><style:paragraph-properties fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-bottom="0cm"/></style:style>
  <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold" fo:color="#ffffff"/></style:style>
  <style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:margin-top="0.2cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" fo:color="{kleur}"/></style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:padding-bottom="0.1cm" fo:border-bottom="0.5pt solid {kleur}"/><style:text-properties fo:font-size="9pt" fo:color="{kleur}"/></style:style>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="9pt"/></style:style>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="{kleur}" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
  <text:list-style style:name="Opsomming">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.45cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet>
  </text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.4cm" fo:margin-bottom="1.4cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4"><style:header><text:p text:style-name="Header">{header}</text:p></style:header><style:footer><text:p text:style-name="Footer">Pagina <text:page-number text:select-page="current">1</text:page-number> van <text:page-count>1</text:page-count></text:p></style:footer></style:master-page>
  <style:master-page style:name="Titelpagina" style:display-name="Titelpagina" style:page-layout-name="A4" style:next-style-name="Standard"/>
 </office:master-styles>
</office:document-styles>
"##,
        heading(1, "17pt"),
        heading(2, "14pt"),
        heading(3, "11.5pt"),
        contents(1),
        contents(2),
    )
}

fn inlines(items: &[Inline]) -> String {
    items
        .iter()
        .map(|i| {
            let text = escape_xml(&i.text);
            match (&i.link, i.bold) {
                (Some(url), _) => format!(r#"<text:a xlink:type="simple" xlink:href="{}" text:style-name="Internet_20_link">{text}</text:a>"#, escape_xml(url)),
                (None, true) => format!(r#"<text:span text:style-name="Strong_20_Emphasis">{text}</text:span>"#),
                (None, false) => text,
            }
        })
        .collect()
}

fn quote(paragraphs: &[Quoted]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let q = &paragraphs[i];
        if q.item {
            out.push_str(r#"<text:list text:style-name="Opsomming">"#);
            while i < paragraphs.len() && paragraphs[i].item {
                out.push_str(&format!(r#"<text:list-item><text:p text:style-name="Quotations">{}</text:p></text:list-item>"#, escape_xml(&paragraphs[i].text)));
                i += 1;
            }
            out.push_str("</text:list>");
            continue;
        }
        let style = if q.title { "Quotations_20_kop" } else { "Quotations" };
        out.push_str(&format!(r#"<text:p text:style-name="{style}">{}</text:p>"#, escape_xml(&q.text)));
        i += 1;
    }
    out
}

/// The bookmark name of the `n`th heading in the table of contents.
fn toc_mark(n: usize) -> String {
    format!("_Toc{n}")
}

fn contents(doc: &Document, title: &str) -> String {
    let entry = |level: u8| {
        format!(
            r#"<text:table-of-content-entry-template text:outline-level="{level}" text:style-name="Contents_20_{level}"><text:index-entry-link-start/><text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/><text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template>"#
        )
    };
    let mut out = format!(
        r#"<text:table-of-content text:style-name="Inhoud" text:protected="true" text:name="Inhoudsopgave"><text:table-of-content-source text:outline-level="2" text:use-index-marks="false"><text:index-title-template text:style-name="Contents_20_Heading">{}</text:index-title-template>{}{}</text:table-of-content-source><text:index-body><text:index-title text:style-name="Inhoud" text:name="Inhoudsopgave_kop"><text:p text:style-name="P_Inhoud">{}</text:p></text:index-title>"#,
        escape_xml(title),
        entry(1),
        entry(2),
        escape_xml(title)
    );
    // The entries as the office application would write them; the page numbers are references
    // to the headings' bookmarks, which it computes when it lays the document out.
    for (n, (level, text)) in doc.contents().into_iter().enumerate() {
        out.push_str(&format!(
            r##"<text:p text:style-name="Contents_20_{}"><text:a xlink:type="simple" xlink:href="#{}">{}<text:tab/><text:bookmark-ref text:reference-format="page" text:ref-name="{}">1</text:bookmark-ref></text:a></text:p>"##,
            level - 1,
            toc_mark(n),
            escape_xml(text),
            toc_mark(n)
        ));
    }
    out.push_str("</text:index-body></text:table-of-content>");
    out
}

fn body(doc: &Document, logo: Option<&str>) -> (String, String) {
    let (logo_w, logo_h) = doc.look.logo.as_ref().map_or((5.0, 2.2), |(_, bytes)| super::document::logo_size_cm(bytes));
    let mut out = String::new();
    let mut auto = String::new();
    let mut tables = 0;
    let mut page_break = false;
    let mut marks = 0;
    for block in &doc.blocks {
        match block {
            Block::TitlePage { top, title, subtitle, lines } => {
                out.push_str(r#"<text:p text:style-name="P_Titelpagina">"#);
                if let Some(path) = logo {
                    out.push_str(&format!(r#"<draw:frame draw:name="Logo" text:anchor-type="as-char" svg:width="{logo_w:.2}cm" svg:height="{logo_h:.2}cm"><draw:image xlink:href="{}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>"#, escape_xml(path)));
                }
                out.push_str("</text:p>");
                out.push_str(&format!(r#"<text:p text:style-name="Titelpagina_20_SWV">{}</text:p>"#, escape_xml(top)));
                out.push_str(&format!(r#"<text:p text:style-name="Title">{}</text:p>"#, escape_xml(title)));
                out.push_str(&format!(r#"<text:p text:style-name="Subtitle">{}</text:p>"#, escape_xml(subtitle)));
                for l in lines {
                    out.push_str(&format!(r#"<text:p text:style-name="Titelpagina_20_regel">{}</text:p>"#, escape_xml(l)));
                }
            }
            Block::Contents(title) => out.push_str(&contents(doc, title)),
            Block::Heading(level, text) => {
                let outline = level - 1;
                let style = if std::mem::take(&mut page_break) { format!("P_Break{outline}") } else { format!("Heading_20_{outline}") };
                let mark = if (2..=3).contains(level) {
                    marks += 1;
                    format!(r#"<text:bookmark text:name="{}"/>"#, toc_mark(marks - 1))
                } else {
                    String::new()
                };
                out.push_str(&format!(r#"<text:h text:style-name="{style}" text:outline-level="{outline}">{mark}{}</text:h>"#, escape_xml(text)));
            }
            Block::Paragraph(items) => out.push_str(&format!(r#"<text:p text:style-name="Text_20_body">{}</text:p>"#, inlines(items))),
            Block::List(items) => {
                out.push_str(r#"<text:list text:style-name="Opsomming">"#);
                for item in items {
                    out.push_str(&format!(r#"<text:list-item><text:p text:style-name="Text_20_body">{}</text:p></text:list-item>"#, inlines(item)));
                }
                out.push_str("</text:list>");
            }
            Block::Quote(paragraphs) => out.push_str(&quote(paragraphs)),
            Block::Table { caption, header, rows, widths } => {
                tables += 1;
                out.push_str(&format!(r#"<text:p text:style-name="Caption">{}</text:p>"#, escape_xml(caption)));
                auto.push_str(&format!(r#"<style:style style:name="Tbl{tables}" style:family="table"><style:table-properties style:width="{TEXT_WIDTH}cm" table:align="margins" fo:margin-bottom="0.3cm"/></style:style>"#));
                out.push_str(&format!(r#"<table:table table:name="Tabel{tables}" table:style-name="Tbl{tables}">"#));
                for (i, w) in widths.iter().enumerate() {
                    auto.push_str(&format!(
                        r#"<style:style style:name="Tbl{tables}.C{i}" style:family="table-column"><style:table-column-properties style:column-width="{:.2}cm" style:rel-width="{}*"/></style:style>"#,
                        TEXT_WIDTH * f64::from(*w) / 100.0,
                        w * 100
                    ));
                    out.push_str(&format!(r#"<table:table-column table:style-name="Tbl{tables}.C{i}"/>"#));
                }
                out.push_str("<table:table-header-rows><table:table-row>");
                for h in header {
                    out.push_str(&format!(r#"<table:table-cell office:value-type="string" table:style-name="KopCel"><text:p text:style-name="Table_20_Heading">{}</text:p></table:table-cell>"#, escape_xml(h)));
                }
                out.push_str("</table:table-row></table:table-header-rows>");
                for row in rows {
                    out.push_str("<table:table-row>");
                    for cell in row {
                        // An empty cell stays an empty, editable paragraph: where the gemeente answers.
                        let (style, text) = if cell.is_empty() { ("Antwoord", String::new()) } else { ("Cel", escape_xml(cell)) };
                        out.push_str(&format!(r#"<table:table-cell office:value-type="string" table:style-name="{style}"><text:p text:style-name="Table_20_Contents">{text}</text:p></table:table-cell>"#));
                    }
                    out.push_str("</table:table-row>");
                }
                out.push_str("</table:table>");
            }
            Block::PageBreak => page_break = true,
        }
    }
    (out, auto)
}

/// The ODT package bytes of `doc`.
pub fn write(doc: &Document) -> Vec<u8> {
    let kleur = colour(&doc.look.colour, "#1b4f72");
    let logo = doc.look.logo.as_ref().and_then(|(name, bytes)| {
        let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
        let mime = match ext.as_str() {
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "svg" => "image/svg+xml",
            "gif" => "image/gif",
            _ => return None,
        };
        Some((format!("Pictures/logo.{ext}"), mime, bytes.clone()))
    });
    let (text, tables) = body(doc, logo.as_ref().map(|(p, _, _)| p.as_str()));
    let content = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES}>
 <office:automatic-styles>
  <style:style style:name="P_Titelpagina" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Titelpagina"><style:paragraph-properties fo:margin-top="3cm" fo:margin-bottom="1cm"/></style:style>
  <style:style style:name="P_Inhoud" style:family="paragraph" style:parent-style-name="Contents_20_Heading" style:master-page-name="Standard"><style:paragraph-properties style:page-number="auto"/></style:style>
  <style:style style:name="Inhoud" style:family="section"><style:section-properties style:editable="false"/></style:style>
  <style:style style:name="P_Break1" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="P_Break2" style:family="paragraph" style:parent-style-name="Heading_20_2"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="P_Break3" style:family="paragraph" style:parent-style-name="Heading_20_3"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="KopCel" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:background-color="{kleur}" fo:border="0.5pt solid {kleur}"/></style:style>
  <style:style style:name="Cel" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #8a8a8a"/></style:style>
  <style:style style:name="Antwoord" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:background-color="#f5f7fa" fo:border="0.5pt solid #8a8a8a"/></style:style>
  {tables}
 </office:automatic-styles>
 <office:body><office:text>{text}</office:text></office:body>
</office:document-content>
"##
    );
    let meta = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}><office:meta><dc:title>{}</dc:title><dc:language>nl-NL</dc:language><meta:generator>passend</meta:generator></office:meta></office:document-meta>
"#,
        escape_xml(&doc.title)
    );
    let mut files = vec![
        ("mimetype", b"application/vnd.oasis.opendocument.text".to_vec()),
        ("META-INF/manifest.xml", manifest(logo.as_ref().map(|(p, m, _)| (p.as_str(), *m))).into_bytes()),
        ("content.xml", content.into_bytes()),
        ("styles.xml", styles(doc).into_bytes()),
        ("meta.xml", meta.into_bytes()),
    ];
    if let Some((path, _, bytes)) = &logo {
        files.push((path.as_str(), bytes.clone()));
    }
    zip_package(&files, true)
}
