//! From a decoded body and its content type to a [`Document`]: the text a person wrote.
//!
//! One dispatch reads a body by what it is, and the same dispatch reads every body inside it
//! (a multipart part, a `data:` URL or base64 field, a string holding JSON):
//!
//! * JSON (see [`super::walk`]): every string, key and number at any depth, escapes decoded;
//!   strings holding JSON, form data, `data:` URLs or base64 are opened; the text parts of one
//!   chat message are joined.
//! * `application/x-www-form-urlencoded`: keys and values, percent-decoded; a value that holds
//!   JSON is opened. A form body that is JSON is read as JSON.
//! * `multipart/form-data`: parsed strictly (see [`super::multipart`]), each part dispatched.
//! * `.docx`: the text of every part (see [`super::docx`]); it cannot be redacted.
//! * `text/*` in its charset, judged against the bytes (see [`super::charset::judge`]); text
//!   that is JSON is read as JSON, so `\u0038` cannot hide a digit.
//! * No content type: JSON if it parses, a form if it looks like one, text if it is text.
//!
//! Anything else is uninspectable. Each inspection has a time budget (`Limits::budget`),
//! checked while reading; past it the body is uninspectable as too costly.

use std::time::{Duration, Instant};

use super::content_type::ContentType;
use super::document::{Class, Document, Encoding, Origin, SourceMap};
use super::json::{JsonError, is_json};
use super::{charset, form, multipart, walk};

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
    /// Content inside the body (a `data:` URL, a base64 field) that cannot be read: an image,
    /// audio, a PDF file …
    #[error("embedded content of type `{0}` cannot be inspected")]
    Embedded(String),
    /// The bytes contradict the declared charset (an ASCII body declared as UTF-16, a byte
    /// order mark of another encoding …): reading it as declared would scan garbage.
    #[error("the body does not match its declared charset: {0}")]
    Charset(String),
    /// The body can be read in more than one way (a parameter given twice, a multipart body
    /// that parsers split differently): sluss and the service might not see the same text.
    #[error("the body can be read in more than one way: {0}")]
    Ambiguous(String),
    /// Reading and scanning it would take longer than the inspection's budget.
    #[error("the body is too costly to inspect (over the budget of {budget_ms} ms)")]
    TooCostly {
        /// The budget, in milliseconds.
        budget_ms: u64,
    },
}

impl From<JsonError> for Uninspectable {
    fn from(e: JsonError) -> Uninspectable {
        match e {
            JsonError::TooDeep { limit } => Uninspectable::TooDeep { limit },
            JsonError::Malformed { at, what } => Uninspectable::Malformed {
                format: "JSON",
                problem: format!("{what} at byte {at}"),
            },
        }
    }
}

/// Bounds on extraction.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest JSON nesting (objects and arrays).
    pub json_depth: usize,
    /// How many times a body may hold another (JSON in a string, base64 in JSON …).
    pub nesting: usize,
    /// Most parts of a multipart body.
    pub max_parts: usize,
    /// Largest decoded size, also for files inside the body (`.docx`, all its parts together).
    pub max_bytes: usize,
    /// Most entries in a zip archive (`.docx`).
    pub max_entries: usize,
    /// Deepest XML nesting in a `.docx` part.
    pub xml_depth: usize,
    /// Time one inspection (decode, extract and scan) may take.
    pub budget: Duration,
    /// When the current inspection must be done; set from `budget` when it starts.
    pub deadline: Option<Instant>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            json_depth: 64,
            nesting: 4,
            max_parts: 100,
            max_bytes: 10 << 20,
            max_entries: 1000,
            xml_depth: 256,
            budget: Duration::from_secs(2),
            deadline: None,
        }
    }
}

impl Limits {
    /// These limits with the deadline set from the budget, unless one is set already.
    pub fn started(&self) -> Limits {
        let mut limits = *self;
        if limits.deadline.is_none() {
            limits.deadline = Instant::now().checked_add(self.budget);
        }
        limits
    }

    /// `TooCostly` once the deadline has passed.
    pub fn check(&self) -> Result<(), Uninspectable> {
        match self.deadline {
            Some(deadline) if Instant::now() >= deadline => Err(self.too_costly()),
            _ => Ok(()),
        }
    }

    /// The `TooCostly` reason for these limits.
    pub fn too_costly(&self) -> Uninspectable {
        Uninspectable::TooCostly {
            budget_ms: u64::try_from(self.budget.as_millis()).unwrap_or(u64::MAX),
        }
    }
}

/// Extracts the text of a decoded `body` with Content-Type value `content_type` (`None`:
/// sniffed). A Content-Type that could be read two ways is refused.
pub fn extract<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<Document<'a>, Uninspectable> {
    let limits = limits.started();
    let content_type = ContentType::parse_optional(content_type)?;
    let mut doc = Document::new(body);
    dispatch(&mut doc, 0, &content_type, 0, &limits)?;
    Ok(doc)
}

/// Reads the whole buffer of `layer` as `content_type`; `nesting` counts the bodies around it.
pub(crate) fn dispatch(
    doc: &mut Document<'_>,
    layer: usize,
    content_type: &ContentType,
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    limits.check()?;
    let bytes = doc.layer_bytes(layer);
    let bytes: &[u8] = &bytes;
    match content_type.mime.as_str() {
        "application/json" | "text/json" => {
            json_body(doc, layer, bytes, content_type, nesting, limits)
        }
        m if m.ends_with("+json") => json_body(doc, layer, bytes, content_type, nesting, limits),
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => ndjson(doc, layer, bytes, nesting, limits),
        "application/x-www-form-urlencoded" => {
            if looks_like_json(bytes, limits) {
                walk::json(doc, layer, bytes, nesting, limits)
            } else {
                form_leaves(doc, layer, bytes, nesting, limits)
            }
        }
        multipart::DOCX_TYPE => docx_leaf(doc, layer, bytes, limits),
        "multipart/form-data" | "multipart/mixed" => {
            let boundary =
                content_type
                    .param("boundary")
                    .ok_or_else(|| Uninspectable::Malformed {
                        format: "multipart",
                        problem: "no boundary".into(),
                    })?;
            multipart::extract(doc, layer, bytes, boundary, nesting, limits)
        }
        m if m.starts_with("text/") => {
            text_body(doc, layer, bytes, content_type.charset(), nesting, limits)
        }
        "" => sniff(doc, layer, bytes, nesting, limits),
        other => Err(Uninspectable::UnsupportedType(other.to_string())),
    }
}

/// JSON in UTF-8: a declared charset other than UTF-8 (RFC 8259 allows no other) is refused.
fn json_body(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    content_type: &ContentType,
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    if let Some(charset) = content_type.charset()
        && !charset.trim().eq_ignore_ascii_case("utf-8")
        && !charset.trim().eq_ignore_ascii_case("utf8")
    {
        return Err(Uninspectable::Charset(format!(
            "JSON declared as {charset} (JSON is UTF-8)"
        )));
    }
    walk::json(doc, layer, bytes, nesting, limits)
}

/// True when `bytes` (after white space) start like JSON and are one valid JSON document.
fn looks_like_json(bytes: &[u8], limits: &Limits) -> bool {
    bytes
        .trim_ascii_start()
        .first()
        .is_some_and(|b| *b == b'{' || *b == b'[')
        && is_json(bytes, limits.json_depth)
}

/// A body without a content type: JSON if it parses, text with a byte order mark, form data if
/// it looks like it, UTF-8 text; anything else is uninspectable.
fn sniff(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    if looks_like_json(bytes, limits) {
        return walk::json(doc, layer, bytes, nesting, limits);
    }
    if charset::bom(bytes).is_some() {
        return text_body(doc, layer, bytes, None, nesting, limits);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) if form::looks_like_form(s) => form_leaves(doc, layer, bytes, nesting, limits),
        Ok(_) => text_body(doc, layer, bytes, Some("utf-8"), nesting, limits),
        Err(_) => Err(Uninspectable::UnsupportedType(
            "application/octet-stream".into(),
        )),
    }
}

/// Text in `charset` (judged against the bytes; see [`charset::judge`]). Text that is JSON is
/// read as JSON.
pub(crate) fn text_body(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    charset: Option<&str>,
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let decoded = charset::judge(bytes, charset)?;
    let is_identity = matches!(decoded.map, SourceMap::Shift(0));
    if looks_like_json(decoded.text.as_bytes(), limits) {
        if is_identity {
            return walk::json(doc, layer, bytes, nesting, limits);
        }
        // Another charset (or a byte order mark): read the UTF-8 text as a layer of its own.
        let child = doc.push_layer(
            decoded.text.into_bytes(),
            Origin {
                layer,
                literal: 0..bytes.len(),
                encoding: Encoding::Raw,
                map: decoded.map,
            },
        );
        let text = doc.layer_bytes(child);
        return walk::json(doc, child, &text, nesting, limits);
    }
    // Text that is a `data:` URL or base64 as a whole is opened like a JSON string.
    let origin = Origin {
        layer,
        literal: 0..bytes.len(),
        encoding: Encoding::Raw,
        map: decoded.map,
    };
    walk::string_value(doc, &decoded.text, origin, Class::Text, nesting, limits)
}

/// Form keys and values of `layer`'s buffer `bytes`; a value holding JSON (or a `data:` URL,
/// or base64) is opened like a JSON string.
fn form_leaves(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    for component in form::components(bytes) {
        let origin = Origin {
            layer,
            literal: component.literal.clone(),
            encoding: Encoding::Form,
            map: SourceMap::Map(component.map),
        };
        if component.is_key {
            doc.push_leaf(&component.value, origin, Class::Key, false);
        } else {
            walk::string_value(doc, &component.value, origin, Class::Value, nesting, limits)?;
        }
    }
    Ok(())
}

/// One JSON document per line.
fn ndjson(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    nesting: usize,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let mut start = 0;
    for line in bytes.split(|&b| b == b'\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if line.trim_ascii().is_empty() {
            continue;
        }
        let child = doc.push_layer(
            line.to_vec(),
            Origin {
                layer,
                literal: range.clone(),
                encoding: Encoding::Raw,
                map: SourceMap::Shift(range.start),
            },
        );
        walk::json(doc, child, line, nesting + 1, limits)?;
    }
    Ok(())
}

/// The text of a `.docx` file: one leaf that cannot be redacted, every finding pointing at the
/// whole file (text read out of a compressed file cannot be traced to its bytes).
fn docx_leaf(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let text = super::docx::text(bytes, limits)?;
    let mut map = crate::offsets::OffsetMap::default();
    map.replaced(0, 0..bytes.len());
    doc.push_leaf(
        &text,
        Origin {
            layer,
            literal: 0..bytes.len(),
            encoding: Encoding::Fixed,
            map: SourceMap::Map(map),
        },
        Class::Text,
        false,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::document::{Role, SEPARATOR};

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
        assert!(doc.text.contains("pnr 850101-2382"), "{:?}", doc.text);
        let at = doc.text.find("850101").unwrap_or(0);
        let span = doc.source_span(at..at + 11);
        assert_eq!(&body[span], "8501\"},{\"type\":\"text\",\"text\":\"01-2382");
        let role_of = |text: &str| {
            doc.leaves()
                .iter()
                .find(|l| doc.text[l.text.clone()] == *text)
                .and_then(|l| l.role)
        };
        assert_eq!(role_of("Var kort."), Some(Role::System));
        assert_eq!(role_of("pnr 8501"), Some(Role::User));
    }

    #[test]
    fn a_role_after_the_content_still_counts() {
        let body = r#"{"messages":[{"content":"Hej","role":"assistant"}],"system":"Kort"}"#;
        let doc = extract(
            body.as_bytes(),
            Some("application/json"),
            &Limits::default(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let role_of = |text: &str| {
            doc.leaves()
                .iter()
                .find(|l| doc.text[l.text.clone()] == *text)
                .and_then(|l| l.role)
        };
        assert_eq!(role_of("Hej"), Some(Role::Assistant));
        assert_eq!(role_of("Kort"), Some(Role::System));
    }

    #[test]
    fn gemini_and_anthropic_shapes() {
        let gemini = r#"{"contents":[{"role":"user","parts":[{"text":"Leyla "},{"text":"Hassan"}]}],"systemInstruction":{"parts":[{"text":"Svara"}]}}"#;
        assert!(text_of(gemini, "application/json").contains("Leyla Hassan"));
        let anthropic = r#"{"system":"Du är hjälpsam","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}"#;
        assert!(text_of(anthropic, "application/json").contains(&format!("{SEPARATOR}ab")));
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
    fn numbers_are_leaves() {
        let text = text_of(r#"{"patient_id":198112189876,"t":0.5}"#, "application/json");
        assert!(text.contains("198112189876"), "{text:?}");
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
            extract(b"\x00\x9f\x92\x96", None, &limits),
            Err(Uninspectable::UnsupportedType(_))
        ));
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(matches!(
            extract(deep.as_bytes(), Some("application/json"), &limits),
            Err(Uninspectable::TooDeep { .. })
        ));
        assert!(matches!(
            extract(b"{}", Some("application/json; charset=utf-16le"), &limits),
            Err(Uninspectable::Charset(_))
        ));
    }

    #[test]
    fn a_passed_deadline_is_too_costly() {
        let limits = Limits {
            deadline: Some(Instant::now()),
            ..Limits::default()
        };
        assert!(matches!(
            extract(b"{\"a\":\"b\"}", Some("application/json"), &limits),
            Err(Uninspectable::TooCostly { .. })
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

    #[test]
    fn json_sent_as_text_or_form_is_read_as_json() {
        let body = r#"{"prompt":"\u0038\u0035\u0030\u0031\u0030\u0031-2382"}"#;
        for ct in [
            "text/plain",
            "text/plain; charset=windows-1252",
            "application/x-www-form-urlencoded",
        ] {
            assert!(text_of(body, ct).contains("850101-2382"), "{ct}");
        }
        let form = r#"a=1&payload=%7B%22p%22%3A%22%5Cu0038%5Cu0035%5Cu0030101-2382%22%7D"#;
        assert!(text_of(form, "application/x-www-form-urlencoded").contains("850101-2382"));
    }
}
