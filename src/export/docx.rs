//! Office Open XML (DOCX) for Word. Headings use Word's built-in Heading 1..3 styles (shown in
//! the navigation pane), tables are real `w:tbl` tables with a repeating header row, links are
//! real hyperlinks.

use crate::text::escape_xml;
use super::document::{zip_package, Block, Document, Inline};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="xml" ContentType="application/xml"/>
 <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
 <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
 <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
 <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
"#;

fn styles() -> String {
    let heading = |level: u8, size: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
 <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
 <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="40"/></w:rPr></w:style>
 {}
 {}
 {}
 <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:i/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:style>
 <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>
 <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
 <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
"#,
        heading(1, 32),
        heading(2, 28),
        heading(3, 24)
    )
}

fn run(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#, escape_xml(text))
}

fn paragraph(style: Option<&str>, items: &[Inline], links: &mut Vec<String>, extra_ppr: &str) -> String {
    let mut p = String::from("<w:p>");
    if style.is_some() || !extra_ppr.is_empty() {
        p.push_str("<w:pPr>");
        if let Some(s) = style {
            p.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
        }
        p.push_str(extra_ppr);
        p.push_str("</w:pPr>");
    }
    for i in items {
        match &i.link {
            Some(url) => {
                links.push(url.clone());
                p.push_str(&format!(
                    r#"<w:hyperlink r:id="rIdLink{}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:hyperlink>"#,
                    links.len(),
                    escape_xml(&i.text)
                ));
            }
            None => p.push_str(&run(&i.text, i.bold)),
        }
    }
    p.push_str("</w:p>");
    p
}

fn cell(text: &str, bold: bool) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr><w:p>{}</w:p></w:tc>"#, run(text, bold))
}

/// The DOCX package bytes of `doc`.
pub fn write(doc: &Document) -> Vec<u8> {
    let mut links = Vec::new();
    let mut body = String::new();
    let mut page_break = false;
    for block in &doc.blocks {
        match block {
            Block::Heading(1, text) => body.push_str(&paragraph(Some("Title"), &[Inline::text(text.clone())], &mut links, "")),
            Block::Heading(level, text) => {
                let brk = if std::mem::take(&mut page_break) { "<w:pageBreakBefore/>" } else { "" };
                body.push_str(&paragraph(Some(&format!("Heading{}", level - 1)), &[Inline::text(text.clone())], &mut links, brk));
            }
            Block::Paragraph(items) => body.push_str(&paragraph(None, items, &mut links, "")),
            Block::List(items) => {
                for item in items {
                    let mut with_bullet = vec![Inline::text("• ")];
                    with_bullet.extend(item.iter().cloned());
                    body.push_str(&paragraph(Some("ListParagraph"), &with_bullet, &mut links, ""));
                }
            }
            Block::Table { caption, header, rows } => {
                body.push_str(&paragraph(Some("Caption"), &[Inline::text(caption.clone())], &mut links, ""));
                body.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#);
                for _ in header {
                    body.push_str(r#"<w:gridCol/>"#);
                }
                body.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
                for h in header {
                    body.push_str(&cell(h, true));
                }
                body.push_str("</w:tr>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for c in row {
                        body.push_str(&cell(c, false));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
            Block::PageBreak => page_break = true,
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>
"#
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    for (i, url) in links.iter().enumerate() {
        rels.push_str(&format!(
            r#"<Relationship Id="rIdLink{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
            i + 1,
            escape_xml(url)
        ));
    }
    rels.push_str("</Relationships>\n");
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:language>nl-NL</dc:language><dc:creator>passend</dc:creator></cp:coreProperties>
"#,
        escape_xml(&doc.title)
    );
    zip_package(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
            ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
            ("word/document.xml", document.into_bytes()),
            ("word/styles.xml", styles().into_bytes()),
            ("word/_rels/document.xml.rels", rels.into_bytes()),
            ("docProps/core.xml", core.into_bytes()),
        ],
        false,
    )
}
