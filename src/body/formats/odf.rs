//! OpenDocument text, spreadsheets and presentations (`.odt`, `.ods`, `.odp` and their
//! templates): the text of `content.xml`, `styles.xml` (page headers and footers live there)
//! and `meta.xml`.
//!
//! Paragraphs and headings end lines, table cells are separated by tabs and rows by lines;
//! sheet names (`table:name`) and the values of cells (`office:value`, which may be written
//! differently from the displayed text, such as a number shown as `1,99E+11`) are read too;
//! notes, annotations and drawings are read like any other text. White space inside a
//! paragraph is collapsed as the format prescribes. A document encrypted with a password
//! (`manifest:encryption-data`) is [`Uninspectable::Encrypted`].

use quick_xml::events::BytesStart;

use super::package::Package;
use super::xml::{self, Markup, Role, is_in};
use crate::body::format::Format;
use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const TEXT: &[&str] = &["urn:oasis:names:tc:opendocument:xmlns:text:1.0"];
const TABLE: &[&str] = &["urn:oasis:names:tc:opendocument:xmlns:table:1.0"];
const MANIFEST: &[&str] = &["urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"];

/// The text of an OpenDocument `.odt` file.
pub fn odt(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    text(file, Format::Odt, limits)
}

/// The text of an OpenDocument `.ods` file.
pub fn ods(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    text(file, Format::Ods, limits)
}

/// The text of an OpenDocument `.odp` file.
pub fn odp(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    text(file, Format::Odp, limits)
}

fn text(file: &[u8], format: Format, limits: &Limits) -> Result<String, Uninspectable> {
    let name = format.name();
    let mut package = Package::open(file, name, limits)?;
    if package.has("META-INF/manifest.xml") {
        let manifest = package.read("META-INF/manifest.xml")?;
        let mut check = Manifest { encrypted: false };
        xml::read(&manifest, name, &mut check, limits, &mut String::new())?;
        if check.encrypted {
            return Err(Uninspectable::Encrypted { format: name });
        }
    }
    if !package.has("content.xml") {
        return Err(Uninspectable::corrupt(name, "no content.xml"));
    }
    let mut out = String::new();
    for part in ["content.xml", "styles.xml", "meta.xml"] {
        if !package.has(part) {
            continue;
        }
        limits.check()?;
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let mut markup = Open {
            blank: true,
            tables: 0,
            limit: limits.max_pages,
        };
        xml::read(&package.read(part)?, name, &mut markup, limits, &mut out)?;
        if markup.tables > limits.max_pages {
            return Err(Uninspectable::OverLimit {
                format: name,
                what: "sheets",
                limit: limits.max_pages,
            });
        }
    }
    Ok(out)
}

/// Finds `manifest:encryption-data`.
struct Manifest {
    encrypted: bool,
}

impl Markup for Manifest {
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        _e: &BytesStart<'_>,
        _out: &mut String,
    ) -> Role {
        if local == "encryption-data" && is_in(ns, MANIFEST) {
            self.encrypted = true;
        }
        // Not `Skip`: that would hide the elements inside (`encryption-data` is nested).
        Role::Other
    }

    fn text(&mut self, _role: Option<Role>, _text: &str, _out: &mut String) {}
}

/// OpenDocument elements.
struct Open {
    /// Whether the text so far ends in white space (for collapsing).
    blank: bool,
    /// Tables seen.
    tables: usize,
    limit: usize,
}

impl Markup for Open {
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role {
        if is_in(ns, TABLE) {
            return match local {
                "table" => {
                    self.tables += 1;
                    if self.tables <= self.limit {
                        xml::attributes(e, &["name"], out);
                    }
                    Role::Other
                }
                "table-row" => Role::Paragraph,
                "table-cell" | "covered-table-cell" => {
                    xml::attributes(e, &["value", "string-value", "date-value"], out);
                    Role::Cell
                }
                _ => Role::Other,
            };
        }
        if !is_in(ns, TEXT) {
            return Role::Other;
        }
        match local {
            "p" | "h" => {
                self.blank = true;
                Role::Paragraph
            }
            "s" => Role::Space,
            "tab" => Role::Tab,
            "line-break" => Role::Break,
            "span" | "a" | "note-citation" | "note-body" | "bookmark-ref" => Role::Text,
            _ => Role::Other,
        }
    }

    fn text(&mut self, role: Option<Role>, text: &str, out: &mut String) {
        if !matches!(role, Some(Role::Paragraph | Role::Text)) {
            if !text.trim().is_empty() {
                out.push_str(text);
            }
            return;
        }
        // ODF 1.3 §6.1.2: white space inside a paragraph collapses to one space.
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\r' | '\n') {
                if !self.blank {
                    out.push(' ');
                    self.blank = true;
                }
            } else {
                out.push(c);
                self.blank = false;
            }
        }
    }
}
