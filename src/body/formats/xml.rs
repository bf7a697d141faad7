//! The text of one XML part of a document, read with a namespace-aware reader.
//!
//! Each format says what its elements are ([`Markup`]): text, a paragraph, a table cell, a
//! tab … matched by namespace URI and local name, never by prefix, so `<t>` under a default
//! `xmlns` is text too. Other non-blank character data is read as well (fail safe). No DTD is
//! accepted (so no entity expansion and no billion laughs: only the five predefined entities
//! and character references), nesting is bounded by `xml_depth`, and the inspection deadline is
//! checked while reading.

use quick_xml::NsReader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use crate::body::document::SEPARATOR;
use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

/// What an element is to the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Its character data is text, white space kept.
    Text,
    /// Ends a line when it closes.
    Paragraph,
    /// Ends a table cell (a tab) when it closes.
    Cell,
    /// A tab.
    Tab,
    /// A line break.
    Break,
    /// A space.
    Space,
    /// Nothing inside it is text (phonetic guides, binary data).
    Skip,
    /// Anything else: its non-blank character data is read.
    Other,
}

/// How a format's elements are read.
pub(crate) trait Markup {
    /// What element `local` in namespace `ns` is; it may read text out of the element's
    /// attributes (alternative text, cell values) into `out`.
    fn start(
        &mut self,
        ns: Option<&str>,
        local: &str,
        e: &BytesStart<'_>,
        out: &mut String,
    ) -> Role;

    /// Character data inside an element of `role` (the innermost open one).
    fn text(&mut self, role: Option<Role>, text: &str, out: &mut String) {
        read_text(role, text, out);
    }

    /// An element of `role` closed.
    fn end(&mut self, role: Role, out: &mut String) {
        match role {
            Role::Paragraph => out.push('\n'),
            Role::Cell => out.push('\t'),
            _ => {}
        }
    }
}

/// Character data as read by default: the data of text elements as it is; other non-blank
/// data (a property value, a position) set apart by [`SEPARATOR`] on both sides, so that
/// numbers of neighbouring elements never run together into one.
pub(crate) fn read_text(role: Option<Role>, text: &str, out: &mut String) {
    if role == Some(Role::Text) {
        out.push_str(text);
    } else if !text.trim().is_empty() {
        if !out.is_empty() && !out.ends_with(SEPARATOR) {
            out.push_str(SEPARATOR);
        }
        out.push_str(text.trim());
        out.push_str(SEPARATOR);
    }
}

/// The namespace URI of a resolved name, if bound.
fn namespace<'r>(ns: &'r ResolveResult<'_>) -> Option<&'r str> {
    match ns {
        ResolveResult::Bound(Namespace(n)) => Some(n),
        _ => None,
    }
}

/// Appends the text of the XML part `xml` (of a `format` file) to `out`.
pub(crate) fn read(
    xml: &str,
    format: &'static str,
    markup: &mut impl Markup,
    limits: &Limits,
    out: &mut String,
) -> Result<(), Uninspectable> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Role> = Vec::new();
    // How many open elements are inside a skipped one (0: not skipping).
    let mut skipping = 0usize;
    let mut events = 0usize;
    loop {
        events += 1;
        if events.is_multiple_of(4096) {
            limits.check()?;
        }
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| Uninspectable::corrupt(format, format!("invalid XML: {e}")))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= limits.xml_depth {
                    return Err(Uninspectable::TooDeep {
                        limit: limits.xml_depth,
                    });
                }
                let role = if skipping > 0 {
                    Role::Skip
                } else {
                    markup.start(namespace(&ns), e.local_name().into_inner(), &e, out)
                };
                if role == Role::Skip {
                    skipping += 1;
                }
                stack.push(role);
            }
            Event::Empty(e) if skipping == 0 => {
                match markup.start(namespace(&ns), e.local_name().into_inner(), &e, out) {
                    Role::Tab => out.push('\t'),
                    Role::Break | Role::Paragraph => out.push('\n'),
                    Role::Space => out.push(' '),
                    Role::Cell => out.push('\t'),
                    _ => {}
                }
            }
            Event::End(_) => match stack.pop() {
                Some(Role::Skip) => skipping = skipping.saturating_sub(1),
                Some(role) if skipping == 0 => markup.end(role, out),
                _ => {}
            },
            Event::Text(t) if skipping == 0 => {
                markup.text(stack.last().copied(), &t.xml10_content(), out);
            }
            Event::CData(t) if skipping == 0 => {
                markup.text(stack.last().copied(), &t.xml10_content(), out);
            }
            Event::GeneralRef(r) => {
                let c = reference(&r, format)?;
                if skipping == 0 {
                    let mut buffer = [0u8; 4];
                    markup.text(Some(Role::Text), c.encode_utf8(&mut buffer), out);
                }
            }
            Event::DocType(_) => return Err(Uninspectable::corrupt(format, "a DTD in a part")),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// `&lt;` and the other predefined entities, and character references; any other entity
/// cannot be defined (no DTD) and makes the part corrupt.
fn reference(r: &BytesRef<'_>, format: &'static str) -> Result<char, Uninspectable> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c);
    }
    Ok(match &**r {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return Err(Uninspectable::corrupt(format, "an undefined entity")),
    })
}

/// Appends the values of `e`'s attributes whose local name is in `names` (non-blank), each
/// followed by a line break.
pub(crate) fn attributes(e: &BytesStart<'_>, names: &[&str], out: &mut String) {
    for attribute in e.attributes().flatten() {
        if !names.contains(&attribute.key.local_name().into_inner()) {
            continue;
        }
        if let Ok(value) = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            && !value.trim().is_empty()
        {
            out.push_str(&value);
            out.push('\n');
        }
    }
}

/// The value of `e`'s attribute with local name `name`, if any.
pub(crate) fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// True when namespace `ns` is one of `list`.
pub(crate) fn is_in(ns: Option<&str>, list: &[&str]) -> bool {
    ns.is_some_and(|n| list.contains(&n))
}
