//! From a decoded body and its content type to a [`Document`]: the text a person wrote.
//!
//! * JSON: every string value at any depth, escapes decoded; a string that itself holds JSON or
//!   form data is opened (browser chat UIs nest them); keys are scanned too. The text parts of
//!   one chat message (`{"type":"text","text":…}` siblings in OpenAI, Anthropic, Gemini and
//!   responses-API bodies) are joined with nothing between them, so a number split across two
//!   parts is still found. Who wrote each part (`role`) is recorded, but every string is
//!   scanned whatever its role.
//! * `application/x-www-form-urlencoded`: keys and values, percent-decoded.
//! * `multipart/form-data`: text parts and text-like files (`.txt`, `.csv`, `.md`, `.json`,
//!   `.docx`); other binary parts make the body uninspectable.
//! * `text/*` in its charset. Anything else is uninspectable.

use std::collections::HashMap;

use super::document::{Document, Encoding, Role, SourceMap};
use super::json::{JsonError, JsonString, Place, Step, read_strings};
use super::{charset, form, multipart};

/// Why a body cannot be inspected. A value the policy decides on, not an error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Uninspectable {
    /// Larger than the limit once decoded.
    #[error("the body is larger than {limit} bytes once decoded")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// A content coding sluss does not know.
    #[error("unknown content-encoding `{0}`")]
    UnknownEncoding(String),
    /// A content coding that does not decode.
    #[error("the body's {encoding} encoding is corrupt")]
    Corrupt {
        /// Which coding.
        encoding: &'static str,
    },
    /// Not valid in its declared format.
    #[error("malformed {format} body: {problem}")]
    Malformed {
        /// The format.
        format: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// Nested deeper than the limit.
    #[error("the body is nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A content type sluss cannot read.
    #[error("content type `{0}` cannot be inspected")]
    UnsupportedType(String),
    /// A binary file in a multipart body.
    #[error("the file `{0}` cannot be inspected")]
    BinaryPart(String),
}

/// Bounds on extraction.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest JSON nesting (objects and arrays).
    pub json_depth: usize,
    /// How many times a string may hold another document (JSON in JSON …).
    pub nesting: usize,
    /// Most parts of a multipart body.
    pub max_parts: usize,
    /// Largest decoded size, also for files inside the body (`.docx`).
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json_depth: 128,
            nesting: 4,
            max_parts: 100,
            max_bytes: 10 << 20,
        }
    }
}

/// The media type (lower case, no parameters) and one parameter of a Content-Type value.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The value of parameter `name` in a Content-Type value (quotes removed).
pub fn parameter(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Extracts the text of a decoded `body` of type `content_type` (`None`: sniffed).
pub fn extract<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<Document<'a>, Uninspectable> {
    let mut doc = Document::new(body);
    let mime = content_type.map(media_type).unwrap_or_default();
    match mime.as_str() {
        "application/json" | "text/json" => json(&mut doc, 0, body, 0, limits)?,
        m if m.ends_with("+json") => json(&mut doc, 0, body, 0, limits)?,
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => ndjson(&mut doc, body, limits)?,
        "application/x-www-form-urlencoded" => form_leaves(&mut doc, 0, body),
        multipart::DOCX_TYPE => {
            let text = super::docx::text(body, limits.max_bytes)?;
            let mut map = crate::offsets::OffsetMap::default();
            map.replaced(0, 0..body.len());
            doc.push_leaf(
                &text,
                0,
                0..body.len(),
                Encoding::Fixed,
                SourceMap::Map(map),
                false,
                None,
            );
        }
        "multipart/form-data" => {
            let boundary = content_type
                .and_then(|ct| parameter(ct, "boundary"))
                .ok_or(Uninspectable::Malformed {
                    format: "multipart",
                    problem: "no boundary".into(),
                })?;
            multipart::extract(&mut doc, body, &boundary, limits)?;
        }
        m if m.starts_with("text/") => {
            let charset = content_type.and_then(|ct| parameter(ct, "charset"));
            text(&mut doc, 0, body, 0, charset.as_deref())?
        }
        "" => sniff(&mut doc, body, limits)?,
        other => return Err(Uninspectable::UnsupportedType(other.to_string())),
    }
    Ok(doc)
}

/// A body without a content type: JSON if it parses, form data if it looks like it, text if it
/// is UTF-8; anything else is uninspectable.
fn sniff<'a>(doc: &mut Document<'a>, body: &'a [u8], limits: &Limits) -> Result<(), Uninspectable> {
    let trimmed = body.trim_ascii_start();
    if trimmed.first().is_some_and(|b| *b == b'{' || *b == b'[')
        && read_strings(body, limits.json_depth, |_| {}).is_ok()
    {
        return json(doc, 0, body, 0, limits);
    }
    match simdutf8::basic::from_utf8(body) {
        Ok(s) if form::looks_like_form(s) => {
            form_leaves(doc, 0, body);
            Ok(())
        }
        Ok(_) => text(doc, 0, body, 0, Some("utf-8")),
        Err(_) => Err(Uninspectable::UnsupportedType(
            "application/octet-stream".into(),
        )),
    }
}

/// Text in `charset` (UTF-8 or Windows-1252 when absent) at `range_start` of `layer`.
pub(crate) fn text(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    range_start: usize,
    charset: Option<&str>,
) -> Result<(), Uninspectable> {
    let decoded = charset::decode(bytes, charset).ok_or_else(|| {
        Uninspectable::UnsupportedType(format!("text in charset {}", charset.unwrap_or("?")))
    })?;
    let map = match decoded.map {
        SourceMap::Shift(s) => SourceMap::Shift(range_start + s),
        SourceMap::Map(m) => {
            if range_start == 0 {
                SourceMap::Map(m)
            } else {
                // Rare (a non-UTF-8 text part in a multipart body): shift through a layer.
                let sub = doc.push_layer(
                    bytes.to_vec(),
                    layer,
                    range_start..range_start + bytes.len(),
                    Encoding::Raw,
                    SourceMap::Shift(range_start),
                );
                doc.push_leaf(
                    &decoded.text,
                    sub,
                    0..bytes.len(),
                    Encoding::Raw,
                    SourceMap::Map(m),
                    false,
                    None,
                );
                return Ok(());
            }
        }
    };
    doc.push_leaf(
        &decoded.text,
        layer,
        range_start..range_start + bytes.len(),
        Encoding::Raw,
        map,
        false,
        None,
    );
    Ok(())
}

/// Form keys and values of `layer`'s buffer `bytes`.
fn form_leaves(doc: &mut Document<'_>, layer: usize, bytes: &[u8]) {
    for component in form::components(bytes) {
        doc.push_leaf(
            &component.value,
            layer,
            component.literal.clone(),
            Encoding::Form,
            SourceMap::Map(component.map),
            false,
            None,
        );
    }
}

fn ndjson<'a>(
    doc: &mut Document<'a>,
    body: &'a [u8],
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let mut start = 0;
    for line in body.split(|&b| b == b'\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if line.trim_ascii().is_empty() {
            continue;
        }
        let layer = doc.push_layer(
            line.to_vec(),
            0,
            range.clone(),
            Encoding::Raw,
            SourceMap::Shift(range.start),
        );
        json(doc, layer, line, 1, limits)?;
    }
    Ok(())
}

fn json_error(e: JsonError) -> Uninspectable {
    match e {
        JsonError::TooDeep { limit } => Uninspectable::TooDeep { limit },
        JsonError::Malformed { at, what } => Uninspectable::Malformed {
            format: "JSON",
            problem: format!("{what} at byte {at}"),
        },
    }
}

/// The members whose strings are system instructions in the chat APIs.
const SYSTEM_MEMBERS: &[&str] = &[
    "system",
    "instructions",
    "systemInstruction",
    "system_instruction",
];

/// JSON in `layer`'s buffer `bytes`; `nesting` counts the enclosing documents.
fn json(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let mut strings: Vec<JsonString> = Vec::new();
    read_strings(bytes, limits.json_depth, |s| strings.push(s)).map_err(json_error)?;
    let roles = roles(&strings);
    // Text parts first, joined per message; then every other string.
    let (parts, others): (Vec<&JsonString>, Vec<&JsonString>) =
        strings.iter().partition(|s| is_text_part(s));
    let mut previous_array: Option<&[Step]> = None;
    for s in parts {
        let array = &s.path[..s.path.len() - 2];
        let join = previous_array == Some(array);
        previous_array = Some(array);
        let role = role_of(&roles, &s.path);
        string_leaf(doc, layer, s, join, role, nesting, limits)?;
    }
    for s in others {
        let role = if s.place == Place::Key {
            None
        } else {
            role_of(&roles, &s.path)
        };
        string_leaf(doc, layer, s, false, role, nesting, limits)?;
    }
    Ok(())
}

/// JSON in the whole buffer of `layer` (a nested layer, e.g. a `.json` file in a multipart body).
pub(crate) fn json_layer(
    doc: &mut Document<'_>,
    layer: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let buffer = doc.layer_buffer(layer).to_vec();
    json(doc, layer, &buffer, 1, limits)
}

/// A `"text"` member of an object that is an element of an array: a chat content part.
fn is_text_part(s: &JsonString<'_>) -> bool {
    s.place == Place::Member("text".into())
        && s.path.len() >= 2
        && matches!(s.path[s.path.len() - 2], Step::Element(_))
}

/// Roles by the path of the message object they belong to.
fn roles(strings: &[JsonString<'_>]) -> HashMap<Vec<Step>, Role> {
    strings
        .iter()
        .filter(|s| s.place == Place::Member("role".into()))
        .filter_map(|s| {
            Some((
                s.path[..s.path.len().saturating_sub(1)].to_vec(),
                Role::parse(&s.value)?,
            ))
        })
        .collect()
}

fn role_of(roles: &HashMap<Vec<Step>, Role>, path: &[Step]) -> Option<Role> {
    if let Some(Step::Member(first)) = path.first()
        && SYSTEM_MEMBERS.contains(&first.as_str())
    {
        return Some(Role::System);
    }
    if roles.is_empty() {
        return None;
    }
    (0..path.len())
        .rev()
        .find_map(|k| roles.get(&path[..k]).copied())
}

/// A string: opened when it holds JSON or form data, else a leaf.
fn string_leaf(
    doc: &mut Document<'_>,
    layer: usize,
    s: &JsonString,
    join: bool,
    role: Option<Role>,
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let map = match &s.map {
        None => SourceMap::Shift(s.literal.start),
        Some(m) => SourceMap::Map(m.clone()),
    };
    if s.place != Place::Key && nesting < limits.nesting {
        let value = s.value.trim_start();
        let holds_json = (value.starts_with('{') || value.starts_with('['))
            && read_strings(s.value.as_bytes(), limits.json_depth, |_| {}).is_ok();
        if holds_json || form::looks_like_form(&s.value) {
            let child = doc.push_layer(
                s.value.as_bytes().to_vec(),
                layer,
                s.literal.clone(),
                Encoding::Json,
                map,
            );
            let buffer = doc.layer_buffer(child).to_vec();
            if holds_json {
                return json(doc, child, &buffer, nesting + 1, limits);
            }
            form_leaves(doc, child, &buffer);
            return Ok(());
        }
    }
    doc.push_leaf(
        &s.value,
        layer,
        s.literal.clone(),
        Encoding::Json,
        map,
        join,
        role,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::document::SEPARATOR;

    fn text_of(body: &str, ct: &str) -> String {
        extract(body.as_bytes(), Some(ct), &Limits::default())
            .map(|d| d.text)
            .unwrap_or_default()
    }

    #[test]
    fn openai_chat_parts_of_one_message_are_joined() {
        let body = r#"{"model":"gpt-4o","messages":[{"role":"system","content":"Var kort."},{"role":"user","content":[{"type":"text","text":"pnr 8501"},{"type":"text","text":"01-2382"}]}]}"#;
        let doc = extract(
            body.as_bytes(),
            Some("application/json"),
            &Limits::default(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(doc.text.starts_with("pnr 850101-2382"), "{:?}", doc.text);
        let at = doc.text.find("850101").unwrap_or(0);
        let span = doc.source_span(at..at + 11);
        assert_eq!(&body[span], "8501\"},{\"type\":\"text\",\"text\":\"01-2382");
        let leaf = doc
            .leaves()
            .iter()
            .find(|l| doc.text[l.text.clone()] == *"Var kort.");
        assert_eq!(leaf.and_then(|l| l.role), Some(Role::System));
        assert_eq!(doc.leaves()[0].role, Some(Role::User));
    }

    #[test]
    fn gemini_and_anthropic_shapes() {
        let gemini = r#"{"contents":[{"role":"user","parts":[{"text":"Leyla "},{"text":"Hassan"}]}],"systemInstruction":{"parts":[{"text":"Svara"}]}}"#;
        assert!(text_of(gemini, "application/json").starts_with("Leyla Hassan"));
        let anthropic = r#"{"system":"Du är hjälpsam","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}"#;
        assert!(text_of(anthropic, "application/json").starts_with("ab"));
    }

    #[test]
    fn nested_json_and_form_in_strings_are_opened() {
        let body = r#"{"payload":"{\"prompt\":\"pnr \\u0038\\u0035\\u0030101-2382\"}","form":"q=Anna+Sj%C3%B6berg&x=1"}"#;
        let doc = extract(
            body.as_bytes(),
            Some("application/json"),
            &Limits::default(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(doc.text.contains("pnr 850101-2382"), "{:?}", doc.text);
        assert!(doc.text.contains("Anna Sjöberg"));
        let at = doc.text.find("850101").unwrap_or(0);
        let span = doc.source_span(at..at + 11);
        assert_eq!(&body[span], "\\\\u0038\\\\u0035\\\\u0030101-2382");
    }

    #[test]
    fn unrelated_strings_are_separated() {
        let text = text_of(r#"{"id":"850101","code":"2382"}"#, "application/json");
        assert!(text.contains(&format!("850101{SEPARATOR}")), "{text:?}");
    }

    #[test]
    fn uninspectable_bodies() {
        let limits = Limits::default();
        assert!(matches!(
            extract(b"{\"a\":", Some("application/json"), &limits),
            Err(Uninspectable::Malformed { .. })
        ));
        assert!(matches!(
            extract(b"\x89PNG", Some("image/png"), &limits),
            Err(Uninspectable::UnsupportedType(_))
        ));
        assert!(matches!(
            extract(b"\xff\xfe\x00", None, &limits),
            Err(Uninspectable::UnsupportedType(_))
        ));
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(
            extract(deep.as_bytes(), Some("application/json"), &limits),
            Err(Uninspectable::TooDeep { .. })
        ));
    }

    #[test]
    fn text_and_sniffing() {
        assert_eq!(
            text_of("Hej 850101-2382", "text/plain; charset=utf-8"),
            "Hej 850101-2382"
        );
        let latin1 = extract(
            b"S\xf6kande",
            Some("text/plain; charset=iso-8859-1"),
            &Limits::default(),
        )
        .map(|d| d.text)
        .unwrap_or_default();
        assert_eq!(latin1, "Sökande");
        let sniffed = extract(b"{\"a\":\"b\"}", None, &Limits::default())
            .map(|d| d.text)
            .unwrap_or_default();
        assert!(sniffed.contains('b'));
    }
}
