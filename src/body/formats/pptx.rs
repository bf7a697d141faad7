//! `.pptx` (and `.pptm`, `.ppsx`, `.potx`): the text of a PowerPoint presentation.
//!
//! Slides first, in order, then speaker notes, comments, and every other XML part under `ppt/`
//! that may hold text (masters and layouts with their footers, charts, SmartArt), and the
//! document properties. Text is DrawingML text (`a:t`, paragraphs, table cells), comment text
//! (`p:text`) and the alternative text of shapes and pictures.

use quick_xml::events::BytesStart;

use super::ooxml;
use super::package::{Package, ordered};
use super::xml::{self, Markup, Role};
use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const FORMAT: &str = "pptx";

/// The text of a `.pptx` file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let mut package = Package::open(file, FORMAT, limits)?;
    let names = package.names().to_vec();
    if !names
        .iter()
        .any(|n| n.eq_ignore_ascii_case("ppt/presentation.xml"))
    {
        return Err(Uninspectable::corrupt(FORMAT, "no ppt/presentation.xml"));
    }
    let in_folder = |folder: &'static str| {
        move |n: &str| n.to_ascii_lowercase().starts_with(folder) && ooxml::may_hold_text(n)
    };
    let slides = ordered(&names, in_folder("ppt/slides/"));
    if slides.len() > limits.max_pages {
        return Err(Uninspectable::OverLimit {
            format: FORMAT,
            what: "slides",
            limit: limits.max_pages,
        });
    }
    let notes = ordered(&names, in_folder("ppt/notesslides/"));
    let rest = ordered(&names, |n| {
        let lower = n.to_ascii_lowercase();
        (lower.starts_with("ppt/") || lower.starts_with("docprops/"))
            && ooxml::may_hold_text(n)
            && !lower.starts_with("ppt/slides/")
            && !lower.starts_with("ppt/notesslides/")
    });
    let mut out = String::new();
    for name in slides.into_iter().chain(notes).chain(rest) {
        limits.check()?;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        xml::read(&package.read(name)?, FORMAT, &mut Slides, limits, &mut out)?;
    }
    Ok(out)
}

/// PresentationML and DrawingML elements.
struct Slides;

impl Markup for Slides {
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role {
        ooxml::descriptions(local, e, out);
        if local == "cmAuthor" {
            xml::attributes(e, &["name"], out);
        }
        match local {
            "text" => Role::Paragraph,
            _ => ooxml::drawing_role(ns, local).unwrap_or(Role::Other),
        }
    }
}
