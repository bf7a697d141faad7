//! From a decoded body (or a file) and its declared type to a [`Document`]: the text a person
//! wrote, and THE dispatch table from each format to its reader.
//!
//! What a body is comes from its Content-Type, its file name (files, multipart parts, the last
//! segment of an upload URL) and its bytes ([`format::judge`]: the bytes win). The same
//! dispatch reads a whole body and every body inside it (a multipart part, a `data:` URL or
//! base64 field, a string holding JSON), so a PDF is read the same way whether it is uploaded
//! raw, in a multipart form or as base64 in a chat message, and `sluss scan` reads files with
//! it too.
//!
//! * Read in place, with a map back to the bytes (redactable where the encoding allows): JSON
//!   ([`super::walk`]), NDJSON, forms, text in its charset, bodies sniffed by content
//!   ([`super::plain`]), multipart ([`super::multipart`]).
//! * Document files ([`super::formats`]): `.docx`, `.xlsx`, `.pptx`, `.odt`, `.ods`, `.odp`,
//!   RTF, HTML, PDF. Their text is one leaf that cannot be redacted, every finding pointing at
//!   the whole file.
//! * Anything else (images, audio, video, archives, legacy Office files, unknown binary data)
//!   is uninspectable.
//!
//! Each inspection has a time budget (`Limits::budget`), checked while reading; past it the
//! body is uninspectable as too costly.

use super::content_type::ContentType;
use super::document::{Class, Document, Encoding, Origin, SourceMap};
use super::format::{self, Format};
pub use super::limits::Limits;
use super::nested::Cx;
pub use super::uninspectable::Uninspectable;
use super::{formats, multipart, plain};

/// A reader of a body in place: `(document, layer, its bytes, declared type, context)`.
pub(crate) type BodyReader =
    for<'a> fn(&mut Document<'a>, usize, &[u8], &ContentType, Cx<'_>) -> Result<(), Uninspectable>;

/// A reader of a document file: its text.
pub type FileReader = fn(&[u8], &Limits) -> Result<String, Uninspectable>;

/// How a format is read.
#[derive(Clone, Copy)]
pub(crate) enum Reader {
    /// In place, with a map back to the bytes.
    Body(BodyReader),
    /// A document file, whose text cannot be traced back into it.
    File(FileReader),
}

/// The dispatch table: each format sluss reads, and its reader. Adding a format is a variant
/// of [`Format`] (with its media types, extensions and magic) and a line here.
pub(crate) fn reader(format: Format) -> Option<Reader> {
    Some(match format {
        Format::Unknown => Reader::Body(plain::sniffed),
        Format::Json => Reader::Body(plain::json),
        Format::Ndjson => Reader::Body(plain::ndjson),
        Format::Form => Reader::Body(plain::form),
        Format::Multipart => Reader::Body(multipart::read),
        Format::Text => Reader::Body(plain::text),
        Format::Html => Reader::File(formats::html::text),
        Format::Rtf => Reader::File(formats::rtf::text),
        Format::Pdf => Reader::File(formats::pdf::text),
        Format::Docx => Reader::File(formats::docx::text),
        Format::Xlsx => Reader::File(formats::xlsx::text),
        Format::Pptx => Reader::File(formats::pptx::text),
        Format::Odt => Reader::File(formats::odf::odt),
        Format::Ods => Reader::File(formats::odf::ods),
        Format::Odp => Reader::File(formats::odf::odp),
        Format::Unreadable(_) => return None,
    })
}

/// The reader of document files of `format`, if it is one (for benchmarks and tests of one
/// reader).
pub fn file_reader(format: Format) -> Option<FileReader> {
    match reader(format)? {
        Reader::File(read) => Some(read),
        Reader::Body(_) => None,
    }
}

/// Extracts the text of a decoded `body` with Content-Type value `content_type` (`None`:
/// judged by its bytes). A Content-Type that could be read two ways is refused.
pub fn extract<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<Document<'a>, Uninspectable> {
    extract_named(body, content_type, None, limits)
}

/// [`extract`] for a body or file that has a name (`report.pdf`): the name says what it is when
/// neither the Content-Type nor the bytes do.
pub fn extract_named<'a>(
    body: &'a [u8],
    content_type: Option<&str>,
    name: Option<&str>,
    limits: &Limits,
) -> Result<Document<'a>, Uninspectable> {
    let limits = limits.started();
    let content_type = ContentType::parse_optional(content_type)?;
    let mut doc = Document::new(body);
    let cx = Cx {
        limits: &limits,
        nesting: 0,
        dispatch,
    };
    dispatch(&mut doc, 0, &content_type, name, cx)?;
    Ok(doc)
}

/// The format a body would be read as (see [`format::judge`]).
pub fn format_of(
    body: &[u8],
    content_type: Option<&str>,
    name: Option<&str>,
) -> Result<Format, Uninspectable> {
    format::judge(&ContentType::parse_optional(content_type)?, name, body)
}

/// Reads the whole buffer of `layer` by what it is: declared as `content_type`, named `name`.
fn dispatch(
    doc: &mut Document<'_>,
    layer: usize,
    content_type: &ContentType,
    name: Option<&str>,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    cx.limits.check()?;
    let bytes = doc.layer_bytes(layer);
    let bytes: &[u8] = &bytes;
    let format = format::judge(content_type, name, bytes)?;
    match reader(format) {
        Some(Reader::Body(read)) => read(doc, layer, bytes, content_type, cx),
        Some(Reader::File(read)) => {
            let text = read(bytes, cx.limits)?;
            file_leaf(doc, layer, bytes.len(), &text);
            Ok(())
        }
        None => Err(Uninspectable::UnsupportedType(unread_type(
            format,
            content_type,
        ))),
    }
}

/// The type to name for a format that is not read: the declared one when it says as much,
/// else what the bytes are.
fn unread_type(format: Format, content_type: &ContentType) -> String {
    if Format::from_mime(&content_type.mime) == Some(format) {
        content_type.mime.clone()
    } else {
        format.name().to_string()
    }
}

/// The text of a document file in `layer`: one leaf that cannot be redacted, every finding
/// pointing at the whole file (text read out of a compressed file cannot be traced to its
/// bytes).
fn file_leaf(doc: &mut Document<'_>, layer: usize, len: usize, text: &str) {
    let mut map = crate::offsets::OffsetMap::default();
    map.replaced(0, 0..len);
    doc.push_leaf(
        text,
        Origin {
            layer,
            literal: 0..len,
            encoding: Encoding::Fixed,
            map: SourceMap::Map(map),
        },
        Class::Text,
        false,
    );
}

/// Reads a string value found outside any body (a header value) as the dispatch reads a string
/// inside one: opened when it holds JSON, a form, a `data:` URL or base64.
pub(crate) fn string_value(
    doc: &mut Document<'_>,
    value: &str,
    origin: Origin,
    class: Class,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    let cx = Cx {
        limits,
        nesting: 0,
        dispatch,
    };
    super::walk::string_value(doc, value, origin, class, cx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::document::{Role, SEPARATOR};
    use std::time::Instant;

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
