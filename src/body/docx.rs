//! The text of a `.docx` file: every text part, read with a namespace-aware XML reader.
//!
//! Read: `word/document.xml` (text boxes included), headers, footers, footnotes, endnotes,
//! comments, and any other XML part under `word/` (a main part under another name, glossary,
//! charts). Text is the character data of WordprocessingML, DrawingML and Office Math text
//! elements (`w:t`, `w:delText`, `w:instrText`, `a:t`, `m:t` …) matched by namespace, not by
//! prefix, so `<t>` under a default `xmlns` is text too; other non-blank character data is read
//! as well (fail safe), and image descriptions (`descr`, `title` of `docPr`). Paragraphs end
//! lines; tabs and breaks are kept.
//!
//! Limits: at most `max_entries` entries in the archive; at most `max_bytes` of XML read, all
//! parts together (a zip bomb stops there); at most `xml_depth` nested elements; no DTD (so no
//! entity expansion, no billion laughs); the inspection deadline is checked while reading.

use std::io::Read;

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::extract::{Limits, Uninspectable};

/// WordprocessingML, transitional and strict.
const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// DrawingML (text in shapes, charts, SmartArt).
const A: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];
/// Office Math.
const M: &[&str] = &["http://schemas.openxmlformats.org/officeDocument/2006/math"];

fn malformed(problem: impl Into<String>) -> Uninspectable {
    Uninspectable::Malformed {
        format: "docx",
        problem: problem.into(),
    }
}

/// The text of a `.docx` file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(file))
        .map_err(|_| malformed("not a zip archive"))?;
    if archive.len() > limits.max_entries {
        return Err(malformed(format!(
            "more than {} entries in the archive",
            limits.max_entries
        )));
    }
    let mut names: Vec<String> = Vec::new();
    for name in archive.file_names() {
        let name = name.map_err(|_| malformed("an entry name that cannot be read"))?;
        if is_text_part(&name) {
            names.push(name.into_owned());
        }
    }
    if !names.iter().any(|n| n == "word/document.xml") {
        return Err(malformed("no word/document.xml"));
    }
    // The main document first, then the others in a stable order.
    names.sort_by_key(|n| (n != "word/document.xml", n.clone()));
    let mut budget = limits.max_bytes;
    let mut out = String::new();
    for name in names {
        limits.check()?;
        let xml = read_entry(&mut archive, &name, &mut budget, limits.max_bytes)?;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        xml_text(&xml, limits, &mut out)?;
    }
    Ok(out)
}

/// An XML part under `word/` (relationship and settings parts hold no text, but a part name
/// that Word would accept as text must not be skipped, so only the known text-free ones are).
fn is_text_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if !lower.starts_with("word/") || !lower.ends_with(".xml") {
        return false;
    }
    let file = lower.rsplit('/').next().unwrap_or("");
    !matches!(
        file,
        "styles.xml"
            | "stylesweffects.xml"
            | "settings.xml"
            | "websettings.xml"
            | "fonttable.xml"
            | "numbering.xml"
    ) && !lower.starts_with("word/theme/")
        && !lower.contains("/_rels/")
}

/// Reads entry `name` as UTF-8, taking its size from `budget` (shared by all parts).
fn read_entry<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut usize,
    limit: usize,
) -> Result<String, Uninspectable> {
    let entry = archive
        .by_name(name)
        .map_err(|_| malformed(format!("cannot open {name}")))?;
    let mut xml = Vec::new();
    let allowed = u64::try_from(*budget).unwrap_or(u64::MAX).saturating_add(1);
    entry
        .take(allowed)
        .read_to_end(&mut xml)
        .map_err(|_| malformed(format!("cannot decompress {name}")))?;
    if xml.len() > *budget {
        return Err(Uninspectable::TooLarge { limit });
    }
    *budget -= xml.len();
    String::from_utf8(xml).map_err(|_| malformed(format!("{name} is not UTF-8")))
}

/// What an element is to the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Its character data is text (white space kept).
    Text,
    /// Ends a line when it closes.
    Paragraph,
    /// A tab.
    Tab,
    /// A line break.
    Break,
    /// Anything else.
    Other,
}

fn role(ns: &ResolveResult<'_>, local: &str) -> Role {
    let in_ns =
        |list: &[&str]| matches!(ns, ResolveResult::Bound(Namespace(n)) if list.contains(n));
    match local {
        "t" if in_ns(W) || in_ns(A) || in_ns(M) => Role::Text,
        "delText" | "instrText" | "delInstrText" if in_ns(W) => Role::Text,
        "p" if in_ns(W) || in_ns(A) => Role::Paragraph,
        "tab" | "ptab" if in_ns(W) => Role::Tab,
        "br" | "cr" if in_ns(W) => Role::Break,
        "br" if in_ns(A) => Role::Break,
        _ => Role::Other,
    }
}

/// Appends the text of one XML part to `out`.
fn xml_text(xml: &str, limits: &Limits, out: &mut String) -> Result<(), Uninspectable> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Role> = Vec::new();
    let mut events = 0usize;
    loop {
        events += 1;
        if events.is_multiple_of(4096) {
            limits.check()?;
        }
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| malformed(format!("invalid XML: {e}")))?;
        let in_text = stack.last() == Some(&Role::Text);
        match event {
            Event::Start(e) => {
                if stack.len() >= limits.xml_depth {
                    return Err(Uninspectable::TooDeep {
                        limit: limits.xml_depth,
                    });
                }
                let r = role(&ns, e.local_name().into_inner());
                descriptions(&e, out);
                stack.push(r);
            }
            Event::Empty(e) => {
                match role(&ns, e.local_name().into_inner()) {
                    Role::Tab => out.push('\t'),
                    Role::Break | Role::Paragraph => out.push('\n'),
                    _ => {}
                }
                descriptions(&e, out);
            }
            Event::End(_) => {
                if stack.pop() == Some(Role::Paragraph) {
                    out.push('\n');
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                if in_text || !content.trim().is_empty() {
                    out.push_str(&content);
                }
            }
            Event::CData(t) => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => out.push(reference(&r)?),
            Event::DocType(_) => return Err(malformed("a DTD in a document part")),
            Event::Eof => return Ok(()),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

/// `&lt;` and the other predefined entities, and character references; any other entity
/// cannot be defined (no DTD) and makes the part malformed.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Result<char, Uninspectable> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c);
    }
    Ok(match &**r {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        other => return Err(malformed(format!("unknown entity `{other}`"))),
    })
}

/// The description and title of a drawing (`wp:docPr descr="…"`): alternative text a person
/// wrote.
fn descriptions(e: &BytesStart<'_>, out: &mut String) {
    if e.local_name().into_inner() != "docPr" {
        return;
    }
    for attribute in e.attributes().flatten() {
        let key = attribute.key.local_name().into_inner();
        if (key == "descr" || key == "title")
            && let Ok(value) = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            && !value.trim().is_empty()
        {
            out.push_str(&value);
            out.push('\n');
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const WNS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A .docx whose entries are `(name, xml)`.
    pub(crate) fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, xml) in entries {
            let _ = zip.start_file(*name, options);
            let _ = zip.write_all(xml.as_bytes());
        }
        let _ = zip.finish();
        buffer.into_inner()
    }

    /// A minimal .docx with `paragraphs`.
    pub(crate) fn docx(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"{WNS}\"><w:body>{body}</w:body></w:document>"
        );
        archive(&[("word/document.xml", &xml)])
    }

    fn read(file: &[u8]) -> Result<String, Uninspectable> {
        text(file, &Limits::default())
    }

    #[test]
    fn paragraphs_become_lines() {
        let file = docx(&["SEKRETESS", "Leyla Hassan &amp; familj"]);
        assert_eq!(
            read(&file).unwrap_or_default(),
            "SEKRETESS\nLeyla Hassan & familj\n"
        );
    }

    #[test]
    fn a_default_namespace_does_not_hide_the_text() {
        let xml = format!(
            "<document xmlns=\"{WNS}\"><body><p><r><t>850101-2382</t></r></p></body></document>"
        );
        let file = archive(&[("word/document.xml", &xml)]);
        assert_eq!(read(&file).unwrap_or_default(), "850101-2382\n");
        let other_prefix = format!(
            "<x:document xmlns:x=\"{WNS}\"><x:body><x:p><x:r><x:t>Hej</x:t><x:tab/><x:t>du</x:t></x:r></x:p></x:body></x:document>"
        );
        let file = archive(&[("word/document.xml", &other_prefix)]);
        assert_eq!(read(&file).unwrap_or_default(), "Hej\tdu\n");
    }

    #[test]
    fn not_a_docx() {
        assert!(read(b"hello").is_err());
        let file = docx(&["x".repeat(5000).as_str()]);
        let small = Limits {
            max_bytes: 1000,
            ..Limits::default()
        };
        assert_eq!(
            text(&file, &small),
            Err(Uninspectable::TooLarge { limit: 1000 })
        );
    }

    #[test]
    fn a_limit_of_usize_max_does_not_overflow() {
        let file = docx(&["Hej"]);
        let unlimited = Limits {
            max_bytes: usize::MAX,
            ..Limits::default()
        };
        assert_eq!(text(&file, &unlimited).unwrap_or_default(), "Hej\n");
    }
}
