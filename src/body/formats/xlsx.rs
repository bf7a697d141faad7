//! `.xlsx` (and `.xlsm`, `.xltx`): sheet names, every cell's text and value, comments, headers
//! and footers, drawings, charts and pivot caches of an Excel workbook.
//!
//! Sheets are read row by row, cells separated by tabs, with shared strings put in their cells
//! (so `Personnummer⇥850101-2382` stays one line); numbers are read as written in the file
//! (`198501012382`). Shared strings that no cell uses are read at the end, and every other XML
//! part that may hold text is read the generic way (see [`super::xml`]). Header and footer
//! formatting codes (`&L`, `&"Arial,Bold"`, `&14`) are taken out so that a stamp such as
//! `&CSEKRETESS` reads as `SEKRETESS`.

use quick_xml::events::BytesStart;

use super::ooxml;
use super::package::{Package, ordered};
use super::xml::{self, Markup, Role};
use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const FORMAT: &str = "xlsx";

/// The text of an `.xlsx` file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let mut package = Package::open(file, FORMAT, limits)?;
    let names = package.names().to_vec();
    let find = |wanted: &str| {
        names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
    };
    let workbook = find("xl/workbook.xml")
        .ok_or_else(|| Uninspectable::corrupt(FORMAT, "no xl/workbook.xml"))?;
    let mut strings = match find("xl/sharedStrings.xml") {
        Some(name) => shared_strings(&package.read(&name)?, limits)?,
        None => SharedStrings::default(),
    };
    let mut out = String::new();
    xml::read(
        &package.read(&workbook)?,
        FORMAT,
        &mut Generic,
        limits,
        &mut out,
    )?;
    let sheets = ordered(&names, |n| {
        n.to_ascii_lowercase().starts_with("xl/worksheets/") && ooxml::may_hold_text(n)
    });
    if sheets.len() > limits.max_pages {
        return Err(Uninspectable::OverLimit {
            format: FORMAT,
            what: "sheets",
            limit: limits.max_pages,
        });
    }
    for sheet in &sheets {
        limits.check()?;
        let mut cells = Sheet {
            strings: &mut strings,
            shared: false,
            header: None,
        };
        out.push('\n');
        xml::read(&package.read(sheet)?, FORMAT, &mut cells, limits, &mut out)?;
    }
    strings.unused(&mut out);
    let others = ordered(&names, |n| {
        let lower = n.to_ascii_lowercase();
        (lower.starts_with("xl/") || lower.starts_with("docprops/"))
            && ooxml::may_hold_text(n)
            && !lower.starts_with("xl/worksheets/")
            && *n != workbook
            && !lower.eq_ignore_ascii_case("xl/sharedstrings.xml")
    });
    for name in others {
        limits.check()?;
        out.push('\n');
        xml::read(&package.read(name)?, FORMAT, &mut Generic, limits, &mut out)?;
    }
    Ok(out)
}

/// The shared string table, and which entries cells used.
#[derive(Default)]
struct SharedStrings {
    strings: Vec<String>,
    used: Vec<bool>,
}

impl SharedStrings {
    /// Appends entry `index` (as written in a cell), or the index itself when there is none.
    fn put(&mut self, index: &str, out: &mut String) {
        match index
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| self.strings.get(i).map(|s| (i, s)))
        {
            Some((i, s)) => {
                out.push_str(s);
                self.used[i] = true;
            }
            None => out.push_str(index),
        }
    }

    /// Appends the entries no cell used.
    fn unused(&self, out: &mut String) {
        for (s, used) in self.strings.iter().zip(&self.used) {
            if !used && !s.trim().is_empty() {
                out.push('\n');
                out.push_str(s);
            }
        }
    }
}

/// The entries of `xl/sharedStrings.xml`: each `si`, its runs joined, phonetic guides left out.
fn shared_strings(xml_text: &str, limits: &Limits) -> Result<SharedStrings, Uninspectable> {
    let mut table = Table {
        strings: Vec::new(),
    };
    let mut scratch = String::new();
    xml::read(xml_text, FORMAT, &mut table, limits, &mut scratch)?;
    let used = vec![false; table.strings.len()];
    Ok(SharedStrings {
        strings: table.strings,
        used,
    })
}

/// Reads `si` entries into strings.
struct Table {
    strings: Vec<String>,
}

impl Markup for Table {
    fn start(
        &mut self,
        _ns: Option<&str>,
        local: &str,
        _e: &BytesStart<'_>,
        _out: &mut String,
    ) -> Role {
        match local {
            "si" => {
                self.strings.push(String::new());
                Role::Other
            }
            "t" => Role::Text,
            "rPh" | "phoneticPr" => Role::Skip,
            _ => Role::Other,
        }
    }

    fn text(&mut self, role: Option<Role>, text: &str, _out: &mut String) {
        if let Some(current) = self.strings.last_mut()
            && (role == Some(Role::Text) || !text.trim().is_empty())
        {
            current.push_str(text);
        }
    }
}

/// A worksheet: rows of cells, shared strings put in place.
struct Sheet<'s> {
    strings: &'s mut SharedStrings,
    /// Whether the open cell holds a shared string index.
    shared: bool,
    /// The text of the open header or footer element (its formatting codes are taken out when
    /// it closes: `&` arrives as a reference of its own).
    header: Option<String>,
}

impl Markup for Sheet<'_> {
    fn start(
        &mut self,
        _ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role {
        ooxml::descriptions(local, e, out);
        match local {
            "row" => Role::Paragraph,
            "c" => {
                self.shared = xml::attribute(e, "t").as_deref() == Some("s");
                Role::Cell
            }
            "t" => Role::Text,
            "rPh" => Role::Skip,
            "oddHeader" | "oddFooter" | "evenHeader" | "evenFooter" | "firstHeader"
            | "firstFooter" => {
                self.header = Some(String::new());
                Role::Paragraph
            }
            _ => Role::Other,
        }
    }

    fn text(&mut self, role: Option<Role>, text: &str, out: &mut String) {
        if let Some(header) = &mut self.header {
            header.push_str(text);
        } else if self.shared && role == Some(Role::Other) {
            // The `v` of a shared-string cell: its index.
            self.strings.put(text, out);
        } else if role == Some(Role::Text) || !text.trim().is_empty() {
            out.push_str(text);
        }
    }

    fn end(&mut self, role: Role, out: &mut String) {
        if role == Role::Cell {
            self.shared = false;
        }
        if let Some(header) = self.header.take() {
            header_text(&header, out);
        }
        match role {
            Role::Paragraph => out.push('\n'),
            Role::Cell => out.push('\t'),
            _ => {}
        }
    }
}

/// Any other part: DrawingML text, pivot cache values (`<s v="…"/>`), and character data.
struct Generic;

impl Markup for Generic {
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role {
        ooxml::descriptions(local, e, out);
        match local {
            // Sheet names, defined names, table columns, pivot cache items.
            "sheet" | "definedName" | "tableColumn" | "table" => xml::attributes(e, &["name"], out),
            "s" | "n" | "d" => xml::attributes(e, &["v"], out),
            _ => {}
        }
        match local {
            "rPh" => Role::Skip,
            "t" => Role::Text,
            _ => ooxml::drawing_role(ns, local).unwrap_or(Role::Other),
        }
    }
}

/// Header and footer text without its formatting codes: `&L`, `&C`, `&R` (sections), `&P`,
/// `&N`, `&D`, `&T`, `&F`, `&A`, `&Z`, `&G` (fields), `&B`, `&I`, `&U`, `&E`, `&S`, `&X`, `&Y`,
/// `&K` and six hex digits (style), `&"font,style"`, `&` and a font size; `&&` is `&`.
fn header_text(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '&' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('&') => out.push('&'),
            Some('"') => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                }
            }
            Some('K') => {
                for _ in 0..6 {
                    chars.next();
                }
            }
            Some(d) if d.is_ascii_digit() => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            Some('L' | 'C' | 'R') => out.push('\n'),
            Some(_) => out.push(' '),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_codes_are_taken_out() {
        let mut out = String::new();
        header_text("&L&\"Arial,Fet\"&14SEKRETESS&RSida &P av &N &&", &mut out);
        assert!(out.contains("\nSEKRETESS\n"), "{out:?}");
        assert!(out.ends_with("&"), "{out:?}");
    }
}
