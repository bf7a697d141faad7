//! Bodies read in place, with a map from their text back to their bytes (so findings point at
//! the bytes and can be redacted): text in its charset, forms, NDJSON, and bodies with nothing
//! declared, sniffed by content. One entry point per format; the dispatch table is in
//! [`super::extract`].

use super::charset;
use super::content_type::ContentType;
use super::document::{Class, Document, Encoding, Origin, SourceMap};
use super::form;
use super::format::is_legacy_text;
use super::json::is_json;
use super::nested::Cx;
use super::uninspectable::Uninspectable;
use super::walk;

/// True when `bytes` (after white space) start like JSON and are one valid JSON document.
pub(crate) fn looks_like_json(bytes: &[u8], json_depth: usize) -> bool {
    bytes
        .trim_ascii_start()
        .first()
        .is_some_and(|b| *b == b'{' || *b == b'[')
        && is_json(bytes, json_depth)
}

/// JSON in UTF-8: a declared charset other than UTF-8 (RFC 8259 allows no other) is refused.
pub(crate) fn json(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    content_type: &ContentType,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    if let Some(charset) = content_type.charset()
        && !charset.trim().eq_ignore_ascii_case("utf-8")
        && !charset.trim().eq_ignore_ascii_case("utf8")
    {
        return Err(Uninspectable::Charset(format!(
            "JSON declared as {charset} (JSON is UTF-8)"
        )));
    }
    walk::json(doc, layer, bytes, cx)
}

/// A form body; one that is JSON is read as JSON.
pub(crate) fn form(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    _content_type: &ContentType,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    if looks_like_json(bytes, cx.limits.json_depth) {
        walk::json(doc, layer, bytes, cx)
    } else {
        form_leaves(doc, layer, bytes, cx)
    }
}

/// Text in its declared charset.
pub(crate) fn text(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    content_type: &ContentType,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    text_body(doc, layer, bytes, content_type.charset(), cx)
}

/// A body with nothing declared (or declared as something its bytes are not): JSON if it
/// parses, text with a byte order mark, form data if it looks like it, UTF-8 text, 8-bit text
/// in a legacy code page; anything else is uninspectable.
pub(crate) fn sniffed(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    _content_type: &ContentType,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    if looks_like_json(bytes, cx.limits.json_depth) {
        return walk::json(doc, layer, bytes, cx);
    }
    if charset::bom(bytes).is_some() {
        return text_body(doc, layer, bytes, None, cx);
    }
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) if form::looks_like_form(s) => form_leaves(doc, layer, bytes, cx),
        Ok(_) => text_body(doc, layer, bytes, Some("utf-8"), cx),
        Err(_) if is_legacy_text(bytes) => text_body(doc, layer, bytes, None, cx),
        Err(_) => Err(binary()),
    }
}

fn binary() -> Uninspectable {
    Uninspectable::UnsupportedType("application/octet-stream".into())
}

/// True when `bytes` with no charset declared and no byte order mark are not text: a NUL
/// byte, or neither UTF-8 nor 8-bit text.
fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, bytes).is_some()
        || (simdutf8::basic::from_utf8(bytes).is_err() && !is_legacy_text(bytes))
}

/// Text in `charset` (judged against the bytes; see [`charset::judge`]). Text that is JSON is
/// read as JSON. Bytes with no charset and no byte order mark that are not text at all (a
/// binary file named `.txt`) are not read as Windows-1252.
pub(crate) fn text_body(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    charset: Option<&str>,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    if charset.is_none() && charset::bom(bytes).is_none() && is_binary(bytes) {
        return Err(binary());
    }
    let decoded = charset::judge(bytes, charset)?;
    let is_identity = matches!(decoded.map, SourceMap::Shift(0));
    if looks_like_json(decoded.text.as_bytes(), cx.limits.json_depth) {
        if is_identity {
            return walk::json(doc, layer, bytes, cx);
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
        return walk::json(doc, child, &text, cx);
    }
    // Text that is a `data:` URL or base64 as a whole is opened like a JSON string.
    let origin = Origin {
        layer,
        literal: 0..bytes.len(),
        encoding: Encoding::Raw,
        map: decoded.map,
    };
    walk::string_value(doc, &decoded.text, origin, Class::Text, cx)
}

/// Form keys and values of `layer`'s buffer `bytes`; a value holding JSON (or a `data:` URL,
/// or base64) is opened like a JSON string.
fn form_leaves(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    cx: Cx<'_>,
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
            walk::string_value(doc, &component.value, origin, Class::Value, cx)?;
        }
    }
    Ok(())
}

/// One JSON document per line.
pub(crate) fn ndjson(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    _content_type: &ContentType,
    cx: Cx<'_>,
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
        walk::json(doc, child, line, cx.inner())?;
    }
    Ok(())
}
