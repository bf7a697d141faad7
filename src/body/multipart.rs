//! `multipart/form-data` bodies: form fields and uploaded files.
//!
//! Text fields and text-like files (`.txt`, `.csv`, `.md`, `.json`, `.docx` …) are read; any
//! other file (an image, a PDF) makes the body uninspectable, so the policy decides (fail closed).

use std::ops::Range;

use memchr::memmem;

use super::document::{Document, Encoding, SourceMap};
use super::docx;
use super::extract::{Limits, Uninspectable, media_type, parameter, text};
use crate::offsets::OffsetMap;

/// One part: its headers of interest and where its content is.
#[derive(Clone, Debug, Default)]
pub struct Part {
    /// Form field name.
    pub name: Option<String>,
    /// File name, for file parts.
    pub filename: Option<String>,
    /// The part's Content-Type.
    pub content_type: Option<String>,
    /// The content's byte range in the body.
    pub content: Range<usize>,
}

fn malformed(problem: &str) -> Uninspectable {
    Uninspectable::Malformed {
        format: "multipart",
        problem: problem.into(),
    }
}

/// Splits a multipart body into its parts.
pub fn parts(body: &[u8], boundary: &str, max_parts: usize) -> Result<Vec<Part>, Uninspectable> {
    if boundary.is_empty() || boundary.len() > 200 {
        return Err(malformed("invalid boundary"));
    }
    let delimiter = format!("--{boundary}");
    let finder = memmem::Finder::new(delimiter.as_bytes());
    let mut at = finder
        .find(body)
        .ok_or_else(|| malformed("no boundary in the body"))?;
    let mut parts = Vec::new();
    loop {
        let after = at + delimiter.len();
        if body.get(after..after + 2) == Some(b"--") {
            return Ok(parts);
        }
        let headers_start = after
            + line_break_len(body, after)
                .ok_or_else(|| malformed("boundary not followed by a line break"))?;
        let (headers_end, content_start) =
            headers_end(body, headers_start).ok_or_else(|| malformed("part headers do not end"))?;
        let next = finder
            .find(&body[content_start..])
            .map(|i| content_start + i)
            .ok_or_else(|| malformed("no closing boundary"))?;
        // The line break before the delimiter belongs to the delimiter.
        let mut content_end = next;
        if body[..content_end].ends_with(b"\r\n") {
            content_end -= 2;
        } else if body[..content_end].ends_with(b"\n") {
            content_end -= 1;
        }
        let mut part = parse_headers(&body[headers_start..headers_end]);
        part.content = content_start..content_end.max(content_start);
        parts.push(part);
        if parts.len() > max_parts {
            return Err(malformed("too many parts"));
        }
        at = next;
    }
}

fn line_break_len(body: &[u8], at: usize) -> Option<usize> {
    match body.get(at..) {
        Some([b'\r', b'\n', ..]) => Some(2),
        Some([b'\n', ..]) => Some(1),
        _ => None,
    }
}

/// The end of the header block starting at `start`, and where the content starts.
fn headers_end(body: &[u8], start: usize) -> Option<(usize, usize)> {
    let rest = &body[start..];
    if rest.starts_with(b"\r\n") {
        return Some((start, start + 2));
    }
    if let Some(i) = memmem::find(rest, b"\r\n\r\n") {
        return Some((start + i, start + i + 4));
    }
    memmem::find(rest, b"\n\n").map(|i| (start + i, start + i + 2))
}

fn parse_headers(block: &[u8]) -> Part {
    let text = String::from_utf8_lossy(block);
    let mut part = Part::default();
    for line in text.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.trim().eq_ignore_ascii_case("content-disposition") {
            part.name = parameter(value, "name");
            part.filename = parameter(value, "filename").or_else(|| {
                parameter(value, "filename*")
                    .map(|v| v.rsplit('\'').next().unwrap_or(&v).to_string())
            });
        } else if name.trim().eq_ignore_ascii_case("content-type") {
            part.content_type = Some(value.to_string());
        }
    }
    part
}

/// How a part is read.
enum Reading {
    Text,
    Json,
    Docx,
    Binary,
}

/// The media type of `.docx` files.
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn reading(part: &Part) -> Reading {
    let mime = part
        .content_type
        .as_deref()
        .map(media_type)
        .unwrap_or_default();
    let extension = part
        .filename
        .as_deref()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if mime == DOCX_TYPE || extension == "docx" {
        Reading::Docx
    } else if mime == "application/json" || mime.ends_with("+json") || extension == "json" {
        Reading::Json
    } else if part.filename.is_none()
        || mime.starts_with("text/")
        || matches!(
            extension.as_str(),
            "txt" | "text" | "md" | "markdown" | "csv" | "tsv" | "log" | "xml" | "html" | "htm"
        )
    {
        Reading::Text
    } else {
        Reading::Binary
    }
}

/// Reads every part of a multipart body into `doc`.
pub(crate) fn extract<'a>(
    doc: &mut Document<'a>,
    body: &'a [u8],
    boundary: &str,
    limits: &Limits,
) -> Result<(), Uninspectable> {
    for part in parts(body, boundary, limits.max_parts)? {
        let content = &body[part.content.clone()];
        match reading(&part) {
            Reading::Text => {
                let charset = part
                    .content_type
                    .as_deref()
                    .and_then(|ct| parameter(ct, "charset"));
                text(doc, 0, content, part.content.start, charset.as_deref())?;
            }
            Reading::Json => {
                let layer = doc.push_layer(
                    content.to_vec(),
                    0,
                    part.content.clone(),
                    Encoding::Raw,
                    SourceMap::Shift(part.content.start),
                );
                super::extract::json_layer(doc, layer, limits)?;
            }
            Reading::Docx => {
                let text = docx::text(content, limits.max_bytes)?;
                // Text read out of a compressed file cannot be traced to its bytes: every
                // finding points at the whole file, and the file cannot be redacted.
                let mut map = OffsetMap::default();
                map.replaced(0, part.content.clone());
                doc.push_leaf(
                    &text,
                    0,
                    part.content.clone(),
                    Encoding::Fixed,
                    SourceMap::Map(map),
                    false,
                    None,
                );
            }
            Reading::Binary => {
                let name = part
                    .filename
                    .clone()
                    .or(part.content_type.clone())
                    .unwrap_or_else(|| "binary part".into());
                return Err(Uninspectable::BinaryPart(name));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::extract::extract as extract_body;

    const BODY: &str = "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nSammanfatta för 850101-2382\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anteckning.txt\"\r\nContent-Type: text/plain\r\n\r\nLeyla Hassan har diabetes.\r\n--XyZ--\r\n";

    #[test]
    fn fields_and_text_files_are_read() {
        let doc = extract_body(
            BODY.as_bytes(),
            Some("multipart/form-data; boundary=XyZ"),
            &Limits::default(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        assert!(doc.text.contains("Sammanfatta för 850101-2382"));
        assert!(doc.text.contains("Leyla Hassan har diabetes."));
        let at = doc.text.find("850101").unwrap_or(0);
        let span = doc.source_span(at..at + 11);
        assert_eq!(&BODY[span], "850101-2382");
    }

    #[test]
    fn binary_files_are_uninspectable() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"bild.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}PNG\r\n--b--";
        let result = extract_body(
            body.as_bytes(),
            Some("multipart/form-data; boundary=b"),
            &Limits::default(),
        );
        assert_eq!(
            result.err(),
            Some(Uninspectable::BinaryPart("bild.png".into()))
        );
    }

    #[test]
    fn redaction_keeps_the_multipart_frame() {
        let doc = extract_body(
            BODY.as_bytes(),
            Some("multipart/form-data; boundary=XyZ"),
            &Limits::default(),
        )
        .unwrap_or_else(|e| unreachable!("{e}"));
        let at = doc.text.find("850101").unwrap_or(0);
        let out = doc
            .redact(&[(at..at + 11, "[PERSONNUMMER]")])
            .unwrap_or_default();
        let out = String::from_utf8_lossy(&out);
        assert!(
            out.contains("Sammanfatta för [PERSONNUMMER]\r\n--XyZ\r\n"),
            "{out}"
        );
        assert!(out.ends_with("--XyZ--\r\n"));
    }
}
