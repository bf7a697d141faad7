//! `multipart/form-data` bodies, parsed strictly (RFC 2046 §5.1, RFC 7578), every part read
//! through the same dispatch as a whole body.
//!
//! Standard parsers disagree on sloppy bodies, and a body that sluss splits one way and the
//! service another could carry text that sluss never read. So anything that could be split two
//! ways is refused ([`Uninspectable::Ambiguous`]):
//!
//! * a delimiter is `--boundary` at the start of a line (after CRLF, or at the very start),
//!   followed by optional blanks and CRLF; the close delimiter adds `--`. The boundary anywhere
//!   else (inside a line, or starting a longer line), or after the close delimiter, is refused;
//! * part headers are CRLF lines `Name: value`, no folding; Content-Disposition, Content-Type
//!   and Content-Transfer-Encoding at most once each, their parameters at most once each;
//! * `Content-Transfer-Encoding` 7bit, 8bit and binary are read as they are; quoted-printable
//!   and base64 are decoded (and cannot be redacted); any other is refused.
//!
//! The preamble and the epilogue, which parsers ignore, are read as text when they are not
//! blank. Fields and files are read by what they are (declared type, file name, bytes: see
//! [`super::format::judge`]): text, JSON and every document format sluss reads; a file it
//! cannot read (an image, an archive) makes the body uninspectable (fail closed).

use std::ops::Range;

use memchr::memmem;

use super::content_type::{ContentType, parameters};
use super::document::{Document, Encoding, Origin, SourceMap};
use super::nested::Cx;
use super::uninspectable::Uninspectable;
use crate::offsets::OffsetMap;

/// One part: its headers of interest and where its content is.
#[derive(Clone, Debug, Default)]
pub struct Part {
    /// Form field name.
    pub name: Option<String>,
    /// File name, for file parts.
    pub filename: Option<String>,
    /// The part's Content-Type.
    pub content_type: Option<ContentType>,
    /// The part's Content-Transfer-Encoding (lower case), if any.
    pub transfer_encoding: Option<String>,
    /// The content's byte range in the body.
    pub content: Range<usize>,
}

/// A multipart body split into its pieces.
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// Before the first delimiter.
    pub preamble: Range<usize>,
    /// The parts, in order.
    pub parts: Vec<Part>,
    /// After the close delimiter.
    pub epilogue: Range<usize>,
}

fn malformed(problem: &str) -> Uninspectable {
    Uninspectable::Malformed {
        format: "multipart",
        problem: problem.into(),
    }
}

fn ambiguous(problem: &str) -> Uninspectable {
    Uninspectable::Ambiguous(format!("multipart body: {problem}"))
}

/// A boundary as RFC 2046 allows it: 1 to 70 characters of `bchars`, not ending in a space.
fn valid_boundary(boundary: &str) -> bool {
    let bchar = |b: u8| b.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&b);
    (1..=70).contains(&boundary.len()) && boundary.bytes().all(bchar) && !boundary.ends_with(' ')
}

/// A delimiter found in the body.
struct Delimiter {
    /// Where the line break before it starts (or 0 at the very start).
    start: usize,
    /// After the line it ends (its CRLF), or the end of the body.
    end: usize,
    close: bool,
}

/// Every occurrence of `--boundary` must be a delimiter line; returns them in order.
fn delimiters(body: &[u8], boundary: &str) -> Result<Vec<Delimiter>, Uninspectable> {
    let dash = format!("--{boundary}");
    let mut found = Vec::new();
    for at in memmem::find_iter(body, dash.as_bytes()) {
        let start = if at == 0 {
            0
        } else if body[..at].ends_with(b"\r\n") {
            at - 2
        } else {
            return Err(ambiguous("the boundary appears inside a line"));
        };
        let mut i = at + dash.len();
        let close = body.get(i..i + 2) == Some(b"--");
        if close {
            i += 2;
        }
        while matches!(body.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let end = match body.get(i..i + 2) {
            Some(b"\r\n") => i + 2,
            None if close && i == body.len() => i,
            _ => return Err(ambiguous("a line starts with the boundary and goes on")),
        };
        found.push(Delimiter { start, end, close });
    }
    Ok(found)
}

/// Splits a multipart body into preamble, parts and epilogue.
pub fn parts(body: &[u8], boundary: &str, max_parts: usize) -> Result<Split, Uninspectable> {
    if !valid_boundary(boundary) {
        return Err(malformed("invalid boundary"));
    }
    let found = delimiters(body, boundary)?;
    let Some(first) = found.first() else {
        return Err(malformed("no boundary in the body"));
    };
    if first.close {
        return Err(malformed("no parts"));
    }
    let mut split = Split {
        preamble: 0..first.start,
        ..Split::default()
    };
    for pair in found.windows(2) {
        let (open, next) = (&pair[0], &pair[1]);
        if open.close {
            return Err(ambiguous("the boundary appears after the close delimiter"));
        }
        split
            .parts
            .push(part(body, open.end..next.start.max(open.end))?);
        if split.parts.len() > max_parts {
            return Err(malformed("too many parts"));
        }
    }
    match found.last() {
        Some(last) if last.close => split.epilogue = last.end..body.len(),
        _ => return Err(malformed("no closing boundary")),
    }
    Ok(split)
}

/// One part: headers, a blank line, content.
fn part(body: &[u8], range: Range<usize>) -> Result<Part, Uninspectable> {
    let bytes = &body[range.clone()];
    let (headers, content_start) = if bytes.starts_with(b"\r\n") {
        (&bytes[..0], 2)
    } else {
        let end =
            memmem::find(bytes, b"\r\n\r\n").ok_or_else(|| malformed("part headers do not end"))?;
        (&bytes[..end], end + 4)
    };
    let mut part = parse_headers(headers)?;
    part.content = range.start + content_start.min(bytes.len())..range.end;
    Ok(part)
}

fn parse_headers(block: &[u8]) -> Result<Part, Uninspectable> {
    let text = String::from_utf8_lossy(block);
    let mut part = Part::default();
    let mut seen: Vec<String> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        if line.starts_with([' ', '\t']) || line.contains(['\r', '\n']) {
            return Err(ambiguous("a folded or broken part header"));
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| malformed("a part header without a colon"))?;
        let name = name.trim().to_ascii_lowercase();
        if seen.contains(&name) {
            return Err(ambiguous(&format!("the part header {name} is given twice")));
        }
        let value = value.trim();
        match name.as_str() {
            "content-disposition" => disposition(value, &mut part)?,
            "content-type" => part.content_type = Some(ContentType::parse(value)?),
            "content-transfer-encoding" => {
                part.transfer_encoding = Some(value.to_ascii_lowercase());
            }
            _ => {}
        }
        seen.push(name);
    }
    Ok(part)
}

/// `form-data; name="…"; filename="…"` (parameters at most once each).
fn disposition(value: &str, part: &mut Part) -> Result<(), Uninspectable> {
    let rest = value.split_once(';').map_or("", |(_, rest)| rest);
    let params = parameters(rest)?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    part.name = get("name");
    part.filename = get("filename*")
        .map(|v| v.rsplit('\'').next().unwrap_or(&v).to_string())
        .or_else(|| get("filename"));
    Ok(())
}

/// Reads every part of a multipart body in `layer` into `doc`: each part through the dispatch,
/// judged by its declared type, its file name and its bytes. A part with neither a type nor a
/// file name is a text field (RFC 7578 §4.4); a file that cannot be read is a binary part.
pub(crate) fn read(
    doc: &mut Document<'_>,
    layer: usize,
    body: &[u8],
    content_type: &ContentType,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    cx.nest()?;
    let boundary = content_type
        .param("boundary")
        .ok_or_else(|| malformed("no boundary"))?;
    let split = parts(body, boundary, cx.limits.max_parts)?;
    let text = ContentType::of("text/plain");
    for range in [split.preamble.clone(), split.epilogue.clone()] {
        if !body[range.clone()].trim_ascii().is_empty() {
            let child = doc.push_slice_layer(layer, range);
            cx.read(doc, child, &text, None)?;
        }
    }
    for part in &split.parts {
        cx.limits.check()?;
        let child = part_layer(doc, layer, body, part)?;
        let first = doc.leaves().len();
        let declared = match (&part.content_type, &part.filename) {
            (Some(ct), _) => ct.clone(),
            (None, Some(_)) => ContentType::none(),
            (None, None) => text.clone(),
        };
        match cx.read(doc, child, &declared, part.filename.as_deref()) {
            Err(Uninspectable::UnsupportedType(mime)) if part.filename.is_some() => {
                return Err(Uninspectable::BinaryPart(
                    part.filename.clone().unwrap_or(mime),
                ));
            }
            other => other?,
        }
        if part.filename.is_none() {
            // A form field is a value like a form's: it joins no other field without a
            // separator.
            let end = doc.leaves().len();
            doc.demote_texts(first..end);
        }
    }
    Ok(())
}

/// The layer a part's content is read from: a slice of the body, or its content decoded from
/// a Content-Transfer-Encoding (which cannot be written back).
fn part_layer(
    doc: &mut Document<'_>,
    layer: usize,
    body: &[u8],
    part: &Part,
) -> Result<usize, Uninspectable> {
    Ok(match part.transfer_encoding.as_deref() {
        None | Some("7bit" | "8bit" | "binary") => {
            doc.push_slice_layer(layer, part.content.clone())
        }
        Some(coding) => {
            let decoded = transfer_decode(coding, &body[part.content.clone()])?;
            let mut map = OffsetMap::default();
            map.replaced(0, part.content.clone());
            doc.push_layer(
                decoded,
                Origin {
                    layer,
                    literal: part.content.clone(),
                    encoding: Encoding::Fixed,
                    map: SourceMap::Map(map),
                },
            )
        }
    })
}

/// Undoes a Content-Transfer-Encoding: quoted-printable or base64; any other is refused.
fn transfer_decode(coding: &str, bytes: &[u8]) -> Result<Vec<u8>, Uninspectable> {
    match coding {
        "base64" => super::embedded::decode_base64(bytes)
            .ok_or_else(|| malformed("a base64 part that is not base64")),
        "quoted-printable" => quoted_printable(bytes),
        other => Err(ambiguous(&format!(
            "unknown Content-Transfer-Encoding `{other}`"
        ))),
    }
}

/// Quoted-printable (RFC 2045 §6.7): `=XX` is a byte, `=` at the end of a line is a soft break.
fn quoted_printable(bytes: &[u8]) -> Result<Vec<u8>, Uninspectable> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes.get(i + 1..i + 3) {
            Some(b"\r\n") => i += 3,
            Some([h, l]) => match (hex(*h), hex(*l)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                }
                _ => return Err(malformed("invalid quoted-printable")),
            },
            _ if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            _ => return Err(malformed("invalid quoted-printable")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::extract::extract as extract_body;
    use crate::body::limits::Limits;

    const BODY: &str = "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nSammanfatta för 850101-2382\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anteckning.txt\"\r\nContent-Type: text/plain\r\n\r\nLeyla Hassan har diabetes.\r\n--XyZ--\r\n";

    fn read(body: &str, boundary: &str) -> Result<String, Uninspectable> {
        extract_body(
            body.as_bytes(),
            Some(&format!("multipart/form-data; boundary={boundary}")),
            &Limits::default(),
        )
        .map(|d| d.text)
    }

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
        assert_eq!(
            read(body, "b").err(),
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

    #[test]
    fn a_close_delimiter_inside_a_line_is_refused() {
        let body = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nHej --B-- 850101-2382\r\n--B--\r\n";
        assert!(matches!(read(body, "B"), Err(Uninspectable::Ambiguous(_))));
        let longer =
            "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--BX\r\n--B--\r\n";
        assert!(matches!(
            read(longer, "B"),
            Err(Uninspectable::Ambiguous(_))
        ));
        let after = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n--B\r\n\r\n850101-2382\r\n--B--";
        assert!(matches!(read(after, "B"), Err(Uninspectable::Ambiguous(_))));
    }

    #[test]
    fn transfer_encodings_are_decoded_or_refused() {
        let qp = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=38=35=30101-23=\r\n82\r\n--B--\r\n";
        assert!(read(qp, "B").unwrap_or_default().contains("850101-2382"));
        let b64 = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64\r\n\r\nODUwMTAxLTIzODI=\r\n--B--\r\n";
        assert!(read(b64, "B").unwrap_or_default().contains("850101-2382"));
        let unknown = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nabc\r\n--B--\r\n";
        assert!(matches!(
            read(unknown, "B"),
            Err(Uninspectable::Ambiguous(_))
        ));
    }

    #[test]
    fn preamble_and_epilogue_are_read() {
        let body = "850101-2382\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\nSEKRETESS";
        let text = read(body, "B").unwrap_or_default();
        assert!(
            text.contains("850101-2382") && text.contains("SEKRETESS"),
            "{text:?}"
        );
    }

    #[test]
    fn repeated_headers_and_parameters_are_refused() {
        let twice = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n--B--\r\n";
        assert!(matches!(read(twice, "B"), Err(Uninspectable::Ambiguous(_))));
        let params =
            "--B\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--B--\r\n";
        assert!(matches!(
            read(params, "B"),
            Err(Uninspectable::Ambiguous(_))
        ));
    }
}
