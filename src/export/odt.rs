//! OpenDocument Text (ODT), the Dutch government's standard for editable documents. Headings
//! use the built-in "Heading 1..3" styles (so they appear in LibreOffice's navigator and table
//! of contents) and tables are real `table:table` elements.

use crate::text::escape_xml;
use super::document::{zip_package, Block, Document, Inline};

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3""#;

fn styles() -> String {
    let heading = |level: u8, size: &str| {
        format!(
            r#"<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="{level}" style:class="text"><style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}>
 <office:styles>
  <style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="11pt" fo:language="nl" fo:country="NL"/></style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-bottom="0.25cm"/></style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text"><style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/></style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter"><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
  {}
  {}
  {}
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
  <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:styles>
</office:document-styles>
"#,
        heading(1, "18pt"),
        heading(2, "15pt"),
        heading(3, "13pt")
    )
}

fn inlines(items: &[Inline]) -> String {
    items
        .iter()
        .map(|i| {
            let text = escape_xml(&i.text);
            match (&i.link, i.bold) {
                (Some(url), _) => format!(r#"<text:a xlink:type="simple" xlink:href="{}">{text}</text:a>"#, escape_xml(url)),
                (None, true) => format!(r#"<text:span text:style-name="Strong_20_Emphasis">{text}</text:span>"#),
                (None, false) => text,
            }
        })
        .collect()
}

fn body(doc: &Document) -> String {
    let mut out = String::new();
    let mut tables = 0;
    let mut page_break = false;
    for block in &doc.blocks {
        match block {
            Block::Heading(1, text) => out.push_str(&format!(r#"<text:p text:style-name="Title">{}</text:p>"#, escape_xml(text))),
            Block::Heading(level, text) => {
                let style = if std::mem::take(&mut page_break) { format!("P_Break{}", level - 1) } else { format!("Heading_20_{}", level - 1) };
                out.push_str(&format!(r#"<text:h text:style-name="{style}" text:outline-level="{}">{}</text:h>"#, level - 1, escape_xml(text)));
            }
            Block::Paragraph(items) => out.push_str(&format!(r#"<text:p text:style-name="Text_20_body">{}</text:p>"#, inlines(items))),
            Block::List(items) => {
                out.push_str("<text:list>");
                for item in items {
                    out.push_str(&format!(r#"<text:list-item><text:p text:style-name="Text_20_body">{}</text:p></text:list-item>"#, inlines(item)));
                }
                out.push_str("</text:list>");
            }
            Block::Table { caption, header, rows } => {
                tables += 1;
                out.push_str(&format!(r#"<text:p text:style-name="Caption">{}</text:p>"#, escape_xml(caption)));
                out.push_str(&format!(r#"<table:table table:name="Tabel{tables}" table:style-name="Tbl"><table:table-column table:number-columns-repeated="{}"/>"#, header.len()));
                out.push_str("<table:table-header-rows><table:table-row>");
                for h in header {
                    out.push_str(&format!(r#"<table:table-cell office:value-type="string" table:style-name="Cell"><text:p text:style-name="Table_20_Heading">{}</text:p></table:table-cell>"#, escape_xml(h)));
                }
                out.push_str("</table:table-row></table:table-header-rows>");
                for row in rows {
                    out.push_str("<table:table-row>");
                    for cell in row {
                        out.push_str(&format!(r#"<table:table-cell office:value-type="string" table:style-name="Cell"><text:p text:style-name="Table_20_Contents">{}</text:p></table:table-cell>"#, escape_xml(cell)));
                    }
                    out.push_str("</table:table-row>");
                }
                out.push_str("</table:table>");
            }
            Block::PageBreak => page_break = true,
        }
    }
    out
}

/// The ODT package bytes of `doc`.
pub fn write(doc: &Document) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES}>
 <office:automatic-styles>
  <style:style style:name="P_Break1" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="P_Break2" style:family="paragraph" style:parent-style-name="Heading_20_2"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="P_Break3" style:family="paragraph" style:parent-style-name="Heading_20_3"><style:paragraph-properties fo:break-before="page"/></style:style>
  <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16.5cm" table:align="margins"/></style:style>
  <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>{}</office:text></office:body>
</office:document-content>
"#,
        body(doc)
    );
    let meta = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}><office:meta><dc:title>{}</dc:title><dc:language>nl-NL</dc:language><meta:generator>passend</meta:generator></office:meta></office:document-meta>
"#,
        escape_xml(&doc.title)
    );
    zip_package(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text".to_vec()),
            ("META-INF/manifest.xml", MANIFEST.as_bytes().to_vec()),
            ("content.xml", content.into_bytes()),
            ("styles.xml", styles().into_bytes()),
            ("meta.xml", meta.into_bytes()),
        ],
        true,
    )
}
