//! Office Open XML (DOCX) for Word. Headings use Word's built-in Heading 1..3 styles (shown in
//! the navigation pane and in the table of contents, a real TOC field that Word and LibreOffice
//! update), lists a real numbering definition, tables are real `w:tbl` tables with a repeating
//! header row and column widths fitted to their content, links are real hyperlinks. The title
//! page has no header or footer (`w:titlePg`); the other pages have the running header and a
//! PAGE field. Colours and font come from the SWV's style tokens.

use super::document::{zip_package, Block, Document, Inline, Quoted};
use super::odt::colour;
use crate::text::escape_xml;

/// The text width of an A4 page with 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11906 - 2 * 1417;

fn content_types(logo_ext: Option<&str>) -> String {
    let logo = match logo_ext {
        Some("png") => r#"<Default Extension="png" ContentType="image/png"/>"#,
        Some("jpeg") => r#"<Default Extension="jpeg" ContentType="image/jpeg"/>"#,
        Some("gif") => r#"<Default Extension="gif" ContentType="image/gif"/>"#,
        _ => "",
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
 <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
 <Default Extension="xml" ContentType="application/xml"/>{logo}
 <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
 <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
 <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
 <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
 <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
 <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
 <Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
 <Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
 <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>
"#
    )
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
 <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>
"#;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A bullet list: one abstract numbering with a bullet, used by every list and quoted list item.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>
"#;

/// Word updates the fields (the table of contents' page numbers) when the document opens.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:updateFields w:val="true"/><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/></w:settings>
"#;

fn styles(doc: &Document) -> String {
    let kleur = colour(&doc.look.colour, "#1b4f72").trim_start_matches('#').to_uppercase();
    let accent = colour(&doc.look.accent, "#a8431a").trim_start_matches('#').to_uppercase();
    let font = escape_xml(&doc.look.font);
    let heading = |level: u8, size: u32| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:color w:val="{kleur}"/><w:sz w:val="{size}"/></w:rPr></w:style>"#,
            level - 1
        )
    };
    let toc = |level: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="{}"/></w:pPr></w:style>"#,
            u32::from(level - 1) * 284
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
 <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/><w:sz w:val="21"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
 <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="{kleur}"/><w:sz w:val="48"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6" w:color="{accent}"/></w:pBdr><w:spacing w:after="600"/></w:pPr><w:rPr><w:color w:val="{accent}"/><w:sz w:val="34"/></w:rPr></w:style>
 {}
 {}
 {}
 <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:qFormat/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
 {}
 {}
 <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:color w:val="{kleur}"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="{kleur}"/></w:pBdr><w:ind w:left="340"/></w:pPr><w:rPr><w:color w:val="333333"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="567" w:hanging="283"/></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{kleur}"/></w:pBdr></w:pPr><w:rPr><w:color w:val="{kleur}"/><w:sz w:val="18"/></w:rPr></w:style>
 <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="right"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
 <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="{kleur}"/><w:u w:val="single"/></w:rPr></w:style>
 <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
 <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/><w:left w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/><w:right w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="8A8A8A"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
"#,
        heading(1, 34),
        heading(2, 28),
        heading(3, 23),
        toc(1),
        toc(2),
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

fn cell(text: &str, width: u32, head: Option<&str>) -> String {
    let (shade, content) = match head {
        Some(kleur) => (format!(r#"<w:shd w:val="clear" w:color="auto" w:fill="{kleur}"/>"#), format!(r#"<w:r><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape_xml(text))),
        // An empty cell is where the gemeente writes its answer.
        None if text.is_empty() => (r#"<w:shd w:val="clear" w:color="auto" w:fill="F5F7FA"/>"#.to_string(), String::new()),
        None => (String::new(), run(text, false)),
    };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{content}</w:p></w:tc>"#)
}

fn field(instruction: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        escape_xml(result)
    )
}

fn quote(paragraphs: &[Quoted]) -> String {
    paragraphs
        .iter()
        .map(|q| {
            let ppr = if q.item { r#"<w:pStyle w:val="Quote"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="680" w:hanging="283"/>"# } else if q.title { r#"<w:pStyle w:val="Quote"/><w:keepNext/>"# } else { r#"<w:pStyle w:val="Quote"/>"# };
            format!(r#"<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>"#, run(&q.text, q.title))
        })
        .collect()
}

fn toc_mark(n: usize) -> String {
    format!("_Toc{n}")
}

/// The TOC field with the entries as Word would write them; each page number is a PAGEREF
/// field to the heading's bookmark, so it is right as soon as the fields are updated.
fn contents(doc: &Document, title: &str) -> String {
    let mut out = format!(r#"<w:p><w:pPr><w:pStyle w:val="TOCHeading"/><w:pageBreakBefore/></w:pPr>{}</w:p>"#, run(title, false));
    let entries = doc.contents();
    for (n, (level, text)) in entries.iter().enumerate() {
        let begin = if n == 0 {
            r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        } else {
            ""
        };
        let end = if n + 1 == entries.len() { r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"# } else { "" };
        let page = format!(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF {} \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#, toc_mark(n));
        out.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="TOC{}"/></w:pPr>{begin}<w:hyperlink w:anchor="{}" w:history="1"><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:tab/></w:r>{}</w:hyperlink>{end}</w:p>"#,
            level - 1,
            toc_mark(n),
            escape_xml(text),
            page
        ));
    }
    out
}

/// The DOCX package bytes of `doc`.
pub fn write(doc: &Document) -> Vec<u8> {
    let kleur = colour(&doc.look.colour, "#1b4f72").trim_start_matches('#').to_uppercase();
    let logo = doc.look.logo.as_ref().and_then(|(name, bytes)| {
        let ext = match name.rsplit('.').next().unwrap_or("").to_lowercase().as_str() {
            "png" => "png",
            "jpg" | "jpeg" => "jpeg",
            "gif" => "gif",
            _ => return None,
        };
        Some((ext, bytes.clone()))
    });
    let mut links = Vec::new();
    let mut body = String::new();
    let mut page_break = false;
    let mut marks = 0;
    for block in &doc.blocks {
        match block {
            Block::TitlePage { top, title, subtitle, lines } => {
                if let Some((_, bytes)) = &logo {
                    // In EMU: 360000 to the cm.
                    let (w, h) = super::document::logo_size_cm(bytes);
                    let (cx, cy) = ((w * 360000.0) as u64, (h * 360000.0) as u64);
                    body.push_str(&format!(r#"<w:p><w:pPr><w:spacing w:before="1400" w:after="400"/></w:pPr><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="1" name="Logo"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#));
                    body.push_str(&paragraph(None, &[Inline::bold(top.clone())], &mut links, r#"<w:spacing w:after="120"/>"#));
                } else {
                    body.push_str(&paragraph(None, &[Inline::bold(top.clone())], &mut links, r#"<w:spacing w:before="2400" w:after="120"/>"#));
                }
                body.push_str(&paragraph(Some("Title"), &[Inline::text(title.clone())], &mut links, ""));
                body.push_str(&paragraph(Some("Subtitle"), &[Inline::text(subtitle.clone())], &mut links, ""));
                for l in lines {
                    body.push_str(&paragraph(None, &[Inline::text(l.clone())], &mut links, ""));
                }
            }
            Block::Contents(title) => body.push_str(&contents(doc, title)),
            Block::Heading(level, text) => {
                let brk = if std::mem::take(&mut page_break) { "<w:pageBreakBefore/>" } else { "" };
                let style = format!("Heading{}", level - 1);
                if (2..=3).contains(level) {
                    marks += 1;
                    let id = marks - 1;
                    body.push_str(&format!(
                        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{brk}</w:pPr><w:bookmarkStart w:id="{id}" w:name="{}"/>{}<w:bookmarkEnd w:id="{id}"/></w:p>"#,
                        toc_mark(id),
                        run(text, false)
                    ));
                } else {
                    body.push_str(&paragraph(Some(&style), &[Inline::text(text.clone())], &mut links, brk));
                }
            }
            Block::Paragraph(items) => body.push_str(&paragraph(None, items, &mut links, "")),
            Block::List(items) => {
                for item in items {
                    body.push_str(&paragraph(Some("ListParagraph"), item, &mut links, ""));
                }
            }
            Block::Quote(paragraphs) => body.push_str(&quote(paragraphs)),
            Block::Table { caption, header, rows, widths } => {
                body.push_str(&paragraph(Some("Caption"), &[Inline::text(caption.clone())], &mut links, ""));
                let twips: Vec<u32> = widths.iter().map(|w| TEXT_WIDTH * w / 100).collect();
                body.push_str(&format!(
                    r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
                ));
                for w in &twips {
                    body.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
                }
                body.push_str(r#"</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
                for (h, w) in header.iter().zip(&twips) {
                    body.push_str(&cell(h, *w, Some(&kleur)));
                }
                body.push_str("</w:tr>");
                for row in rows {
                    // A row is kept on one page unless it is long (a list of every school with
                    // one kind of support): such a row would push itself and the heading before
                    // it to the next page and leave most of this one empty. About 110 twips a
                    // character at 10 pt.
                    let lines = row.iter().zip(&twips).map(|(c, w)| c.chars().count().div_ceil((*w as usize / 110).max(1))).max().unwrap_or(0);
                    body.push_str(if lines > 12 { "<w:tr>" } else { "<w:tr><w:trPr><w:cantSplit/></w:trPr>" });
                    for (c, w) in row.iter().zip(&twips) {
                        body.push_str(&cell(c, *w, None));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str(r#"</w:tbl><w:p><w:pPr><w:spacing w:after="60"/></w:pPr></w:p>"#);
            }
            Block::PageBreak => page_break = true,
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/><w:footerReference w:type="default" r:id="rIdFooter"/><w:footerReference w:type="first" r:id="rIdFooterFirst"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1417" w:bottom="1134" w:left="1417" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>
"#
    );
    let header = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{}</w:p></w:hdr>
"#, run(&doc.header, false));
    let footer = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{}{}{}{}</w:p></w:ftr>
"#,
        run("Pagina ", false),
        field("PAGE", "1"),
        run(" van ", false),
        field("NUMPAGES", "1")
    );
    let empty_header = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {W}><w:p/></w:hdr>\n");
    let empty_footer = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {W}><w:p/></w:ftr>\n");
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/><Relationship Id="rIdFooterFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>"#,
    );
    if let Some((ext, _)) = &logo {
        rels.push_str(&format!(r#"<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.{ext}"/>"#));
    }
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
    let logo_path = logo.as_ref().map(|(ext, _)| format!("word/media/logo.{ext}"));
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", content_types(logo.as_ref().map(|(e, _)| *e)).into_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes().to_vec()),
        ("word/document.xml", document.into_bytes()),
        ("word/styles.xml", styles(doc).into_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes().to_vec()),
        ("word/settings.xml", SETTINGS.as_bytes().to_vec()),
        ("word/header1.xml", header.into_bytes()),
        ("word/footer1.xml", footer.into_bytes()),
        ("word/header2.xml", empty_header.into_bytes()),
        ("word/footer2.xml", empty_footer.into_bytes()),
        ("word/_rels/document.xml.rels", rels.into_bytes()),
        ("docProps/core.xml", core.into_bytes()),
    ];
    if let (Some(path), Some((_, bytes))) = (&logo_path, &logo) {
        files.push((path.as_str(), bytes.clone()));
    }
    zip_package(&files, false)
}
