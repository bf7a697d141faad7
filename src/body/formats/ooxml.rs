//! What the Office Open XML formats (`.docx`, `.xlsx`, `.pptx`) share: namespaces, the parts
//! that hold no text, DrawingML text (shapes, charts, SmartArt) and alternative text.

use quick_xml::events::BytesStart;

use super::xml::{self, Role, is_in};

/// WordprocessingML, transitional and strict.
pub(crate) const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// DrawingML (text in shapes, charts, SmartArt).
pub(crate) const A: &[&str] = &[
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];
/// Office Math.
pub(crate) const M: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];

/// True for a part that is XML and may hold text: any `.xml` part but relationships, styles,
/// themes, settings and fonts (a part name the application would accept as text must not be
/// skipped, so only the known text-free ones are).
pub(crate) fn may_hold_text(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if !lower.ends_with(".xml") || lower.contains("_rels/") || lower == "[content_types].xml" {
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
            | "presprops.xml"
            | "viewprops.xml"
            | "tablestyles.xml"
            | "calcchain.xml"
    ) && !lower.contains("/theme/")
        && !lower.starts_with("customxml/")
}

/// The role of a DrawingML or Office Math element, if it is one.
pub(crate) fn drawing_role(ns: Option<&str>, local: &str) -> Option<Role> {
    Some(match local {
        "t" if is_in(ns, A) || is_in(ns, M) => Role::Text,
        "p" if is_in(ns, A) => Role::Paragraph,
        "br" if is_in(ns, A) => Role::Break,
        "tc" if is_in(ns, A) => Role::Cell,
        _ => return None,
    })
}

/// The description and title of a drawing or shape (`wp:docPr`, `p:cNvPr`, `xdr:cNvPr`
/// `descr="…"`): alternative text a person wrote.
pub(crate) fn descriptions(local: &str, e: &BytesStart<'_>, out: &mut String) {
    if local == "docPr" || local == "cNvPr" {
        xml::attributes(e, &["descr", "title"], out);
    }
}
