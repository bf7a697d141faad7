//! Content carried inside a string: `data:` URLs, base64 fields of the AI APIs and plain base64
//! strings, decoded and recognised by their declared type or their first bytes.
//!
//! What is text, JSON or a document is read through the same dispatch as a whole body; images,
//! audio, video and anything else that cannot be read make the body uninspectable (the model
//! reads images and hears audio, so they are not harmless). Decoded content cannot be redacted
//! in place: a finding in it blocks the request, as one in a `.docx` file does.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT};

use super::content_type::ContentType;
use super::format::{self, Format};
use super::uninspectable::Uninspectable;

/// Decoded content and what it is said (or found) to be.
#[derive(Debug)]
pub struct Payload {
    /// The decoded bytes.
    pub bytes: Vec<u8>,
    /// The declared type (none: judged by the bytes).
    pub content_type: ContentType,
}

/// Plain base64 strings shorter than this are left as text (12 decoded bytes: enough for an
/// identity number written with a separator).
pub const MIN_PLAIN_BASE64: usize = 16;

fn malformed(problem: &str) -> Uninspectable {
    Uninspectable::Malformed {
        format: "embedded content",
        problem: problem.into(),
    }
}

/// True when `value` starts like a `data:` URL.
pub fn is_data_url(value: &str) -> bool {
    value
        .trim_start()
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
}

/// Decodes a `data:` URL (RFC 2397): `data:[<media type>][;base64],<data>`. Percent-encoded
/// data is percent-decoded; base64 data must be valid base64.
pub fn data_url(value: &str) -> Result<Payload, Uninspectable> {
    let rest = value.trim().get(5..).unwrap_or("");
    let comma = rest
        .find(',')
        .ok_or_else(|| malformed("a data: URL without a comma"))?;
    let (header, data) = (&rest[..comma], &rest[comma + 1..]);
    let (header, is_base64) = match header.rsplit_once(';') {
        Some((h, last)) if last.trim().eq_ignore_ascii_case("base64") => (h, true),
        _ => (header, false),
    };
    let content_type = if header.trim().is_empty() {
        ContentType::of("text/plain")
    } else {
        ContentType::parse(header)?
    };
    let data: std::borrow::Cow<'_, [u8]> = if data.contains('%') {
        percent_decode(data.as_bytes()).into()
    } else {
        data.as_bytes().into()
    };
    let bytes = if is_base64 {
        decode_base64(&data).ok_or_else(|| malformed("invalid base64 in a data: URL"))?
    } else {
        data.into_owned()
    };
    Ok(Payload {
        bytes,
        content_type,
    })
}

fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if input[i] == b'%'
            && let (Some(h), Some(l)) = (
                input.get(i + 1).and_then(|&b| hex(b)),
                input.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(input[i]);
        i += 1;
    }
    out
}

/// Decodes base64 (standard or URL-safe alphabet, padding optional), ignoring ASCII white
/// space (MIME line breaks). `None` when it is not base64.
pub fn decode_base64(input: &[u8]) -> Option<Vec<u8>> {
    let compact: std::borrow::Cow<'_, [u8]> = if input.iter().any(u8::is_ascii_whitespace) {
        input
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect::<Vec<u8>>()
            .into()
    } else {
        input.into()
    };
    STANDARD_PAD_INDIFFERENT
        .decode(&compact)
        .or_else(|_| URL_SAFE_PAD_INDIFFERENT.decode(&compact))
        .ok()
}

/// A string that is entirely base64 (no white space) and long enough to hold a prompt: its
/// decoded bytes. Ordinary words and identifiers rarely pass; when one does, its bytes are
/// only read further if they are text or a known file type.
pub fn plain_base64(value: &str) -> Option<Vec<u8>> {
    let bytes = value.as_bytes();
    if bytes.len() < MIN_PLAIN_BASE64 {
        return None;
    }
    let body = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="))
        .unwrap_or(bytes);
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || b"+/-_".contains(b);
    if !body.iter().all(alphabet) {
        return None;
    }
    decode_base64(bytes)
}

/// True when decoded bytes are worth reading as content: text (UTF-8 without control
/// characters, or with a byte order mark), or a format known by its first bytes (a file that
/// turns out to be unreadable then makes the body uninspectable).
pub fn is_content(bytes: &[u8]) -> bool {
    !matches!(format::magic(bytes), Ok(None))
        || bytes.starts_with(b"\xff\xfe")
        || bytes.starts_with(b"\xfe\xff")
        || format::is_text(bytes)
}

/// Media types whose content is not text sluss can read: refused as embedded content before
/// the base64 is decoded.
pub fn is_unreadable(mime: &str) -> bool {
    matches!(Format::from_mime(mime), Some(Format::Unreadable(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_urls_base64_and_percent() {
        let p = data_url("data:text/plain;charset=utf-8;base64,ODUwMTAxLTIzODI=")
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.bytes, b"850101-2382");
        assert_eq!(p.content_type.mime, "text/plain");
        assert_eq!(p.content_type.charset(), Some("utf-8"));
        let p = data_url("DATA:,850101%2D2382").unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(p.bytes, b"850101-2382");
        assert_eq!(p.content_type.mime, "text/plain");
        assert!(data_url("data:image/png;base64,@@@").is_err());
        assert!(data_url("data:text/plain").is_err());
    }

    #[test]
    fn plain_base64_needs_length_and_alphabet() {
        assert_eq!(
            plain_base64("ODUwMTAxLTIzODI=").as_deref(),
            Some(&b"850101-2382"[..])
        );
        assert_eq!(plain_base64("ODUwMTAxLTIz"), None);
        assert_eq!(plain_base64("Hej på dig, hur mår du idag?"), None);
        assert!(plain_base64("Sammanfattningen").is_none_or(|b| !format::is_text(&b)));
    }

    #[test]
    fn content_worth_reading() {
        assert!(is_content(b"\x89PNG\r\n\x1a\n"));
        assert!(is_content(b"%PDF-1.7"));
        assert!(is_content("Hej 850101-2382\n".as_bytes()));
        assert!(!is_content(b"\x00\x01\x02\x9f"));
        assert!(is_unreadable("image/png") && !is_unreadable("application/pdf"));
    }
}
