//! `.docx` (and `.docm`, `.dotx`): the text of every part of a Word document.
//!
//! Read: `word/document.xml` first (text boxes included), then headers, footers, footnotes,
//! endnotes, comments and any other XML part under `word/` (glossary, charts, SmartArt), and
//! the document properties (`docProps/`: title, subject, custom properties such as
//! classification labels). Text is the character data of WordprocessingML, DrawingML and Office
//! Math text elements (`w:t`, `w:delText`, `w:instrText`, `a:t`, `m:t` …) matched by
//! namespace; other non-blank character data is read too, and image descriptions. Paragraphs
//! end lines; tabs and breaks are kept.

use quick_xml::events::BytesStart;

use super::ooxml::{self, W};
use super::package::{Package, ordered};
use super::xml::{self, Markup, Role, is_in};
use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const FORMAT: &str = "docx";
const MAIN: &str = "word/document.xml";

/// The text of a `.docx` file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let mut package = Package::open(file, FORMAT, limits)?;
    let names = package.names().to_vec();
    let main = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(MAIN))
        .cloned()
        .ok_or_else(|| Uninspectable::corrupt(FORMAT, "no word/document.xml"))?;
    let others = ordered(&names, |n| {
        let lower = n.to_ascii_lowercase();
        (lower.starts_with("word/") || lower.starts_with("docprops/"))
            && ooxml::may_hold_text(n)
            && *n != main
    });
    let mut out = String::new();
    for name in std::iter::once(main.as_str()).chain(others) {
        limits.check()?;
        let part = package.read(name)?;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        xml::read(&part, FORMAT, &mut Word, limits, &mut out)?;
    }
    Ok(out)
}

/// WordprocessingML elements.
struct Word;

impl Markup for Word {
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role {
        ooxml::descriptions(local, e, out);
        if let Some(role) = ooxml::drawing_role(ns, local) {
            return role;
        }
        if !is_in(ns, W) {
            return Role::Other;
        }
        match local {
            "t" | "delText" | "instrText" | "delInstrText" => Role::Text,
            "p" => Role::Paragraph,
            "tc" => Role::Cell,
            "tab" | "ptab" => Role::Tab,
            "br" | "cr" => Role::Break,
            _ => Role::Other,
        }
    }
}
