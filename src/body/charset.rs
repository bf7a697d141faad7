//! Text in a known or guessed character set, decoded to UTF-8 with a map back to the bytes.
//!
//! [`judge`] reads a text body by what it is: a byte order mark is honoured when no charset is
//! declared, and a declared charset that the bytes contradict (an ASCII body declared as
//! UTF-16, a byte order mark of another encoding, bytes that are not UTF-8 under `utf-8`) is
//! refused rather than decoded into garbage that the scanner would pass while the service reads
//! the bytes as they are.

use encoding_rs::Encoding;

use super::uninspectable::Uninspectable;

use super::document::SourceMap;
use crate::offsets::OffsetMap;

/// Text decoded from bytes, with a map back to them.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// From the text to the bytes.
    pub map: SourceMap,
}

impl Decoded {
    fn identity(text: String) -> Decoded {
        Decoded {
            text,
            map: SourceMap::Shift(0),
        }
    }

    fn mapped(text: String, map: OffsetMap) -> Decoded {
        Decoded {
            text,
            map: SourceMap::Map(map),
        }
    }

    /// The byte range of text bytes `span`.
    pub fn source_span(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        match &self.map {
            SourceMap::Shift(start) => start + span.start..start + span.end,
            SourceMap::Map(map) => map.source_span(span, self.text.len()),
        }
    }
}

/// Decodes `bytes` as text. UTF-8 (with or without BOM) is used as it is; otherwise `label`
/// (a charset name such as `iso-8859-1`) or, without one, Windows-1252 (the Swedish Windows
/// default, a superset of ISO-8859-1). Returns `None` for an unknown label.
pub fn decode(bytes: &[u8], label: Option<&str>) -> Option<Decoded> {
    let encoding = match label {
        Some(l) => Encoding::for_label(l.trim().as_bytes())?,
        None => encoding_rs::UTF_8,
    };
    if encoding == encoding_rs::UTF_8 {
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            return Some(match text.strip_prefix('\u{FEFF}') {
                Some(rest) => Decoded {
                    text: rest.to_string(),
                    map: SourceMap::Shift(3),
                },
                None => Decoded::identity(text.to_string()),
            });
        }
        if label.is_some() {
            // Declared UTF-8 but not UTF-8: read what can be read, map each byte.
            return Some(single_byte(bytes, encoding_rs::WINDOWS_1252));
        }
        return Some(single_byte(bytes, encoding_rs::WINDOWS_1252));
    }
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(utf16(bytes, encoding));
    }
    Some(single_byte(bytes, encoding))
}

/// The encoding named by a byte order mark at the start of `bytes`.
pub fn bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        Some(encoding_rs::UTF_8)
    } else if bytes.starts_with(b"\xff\xfe") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xfe\xff") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn contradicted(problem: String) -> Uninspectable {
    Uninspectable::Charset(problem)
}

/// Decodes a text body declared with charset `label` (`None`: none declared), refusing what
/// the bytes contradict:
///
/// * no charset: a byte order mark decides; else UTF-8, or Windows-1252 when not UTF-8;
/// * a byte order mark must name the declared encoding (`utf-16` takes either UTF-16 mark);
/// * `utf-8` must be valid UTF-8;
/// * UTF-16 must have whole, paired code units, and is refused when the bytes are plain
///   8-bit text without a single zero byte (an ASCII body declared as UTF-16);
/// * UTF-32 marks, and charsets that are neither UTF-8, UTF-16 nor single-byte (ISO-2022-JP,
///   Shift_JIS, the `replacement` encoding …), are not read.
pub fn judge(bytes: &[u8], label: Option<&str>) -> Result<Decoded, Uninspectable> {
    if bytes.starts_with(b"\xff\xfe\0\0") || bytes.starts_with(b"\0\0\xfe\xff") {
        return Err(contradicted("a UTF-32 byte order mark".into()));
    }
    let marked = bom(bytes);
    let Some(label) = label.map(str::trim) else {
        return Ok(match marked {
            Some(e) if e != encoding_rs::UTF_8 => utf16(bytes, e),
            _ => {
                decode(bytes, None).unwrap_or_else(|| single_byte(bytes, encoding_rs::WINDOWS_1252))
            }
        })
        .and_then(|d| checked_utf16(bytes, marked, d));
    };
    let declared = Encoding::for_label(label.as_bytes())
        .ok_or_else(|| Uninspectable::UnsupportedType(format!("text in charset {label}")))?;
    let generic_utf16 = label.eq_ignore_ascii_case("utf-16");
    let encoding = match marked {
        Some(m) if generic_utf16 && m != encoding_rs::UTF_8 => m,
        Some(m) if m != declared => {
            return Err(contradicted(format!(
                "a {} byte order mark on a body declared as {label}",
                m.name()
            )));
        }
        _ => declared,
    };
    if encoding == encoding_rs::UTF_8 {
        return match simdutf8::basic::from_utf8(bytes) {
            Ok(_) => Ok(decode(bytes, None).unwrap_or_else(|| Decoded::identity(String::new()))),
            Err(_) => Err(contradicted(format!(
                "bytes that are not UTF-8 declared as {label}"
            ))),
        };
    }
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if marked.is_none() && !bytes.contains(&0) && simdutf8::basic::from_utf8(bytes).is_ok() {
            return Err(contradicted(format!("8-bit text declared as {label}")));
        }
        return checked_utf16(bytes, Some(encoding), utf16(bytes, encoding));
    }
    if !encoding.is_single_byte() {
        return Err(Uninspectable::UnsupportedType(format!(
            "text in charset {label}"
        )));
    }
    Ok(single_byte(bytes, encoding))
}

/// UTF-16 text must be whole code units and pairs: an odd length or a lone surrogate means the
/// bytes are something else.
fn checked_utf16(
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
    decoded: Decoded,
) -> Result<Decoded, Uninspectable> {
    let is_utf16 =
        encoding.is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    if !is_utf16 {
        return Ok(decoded);
    }
    if !bytes.len().is_multiple_of(2) || decoded.text.contains(char::REPLACEMENT_CHARACTER) {
        return Err(contradicted("bytes that are not whole UTF-16".into()));
    }
    Ok(decoded)
}

/// Decodes a single-byte encoding, one character per input byte.
fn single_byte(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut map = OffsetMap::default();
    let mut buf = [0u8; 1];
    for (i, &b) in bytes.iter().enumerate() {
        let out = text.len();
        if b.is_ascii() {
            map.verbatim(out, i);
            text.push(b as char);
        } else {
            buf[0] = b;
            let (decoded, _) = encoding.decode_without_bom_handling(&buf);
            map.replaced(out, i..i + 1);
            text.push_str(&decoded);
        }
    }
    Decoded::mapped(text, map)
}

fn utf16(bytes: &[u8], encoding: &'static Encoding) -> Decoded {
    let big = encoding == encoding_rs::UTF_16BE;
    let start = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        2
    } else {
        0
    };
    let units: Vec<(usize, u16)> = bytes[start..]
        .chunks_exact(2)
        .enumerate()
        .map(|(i, c)| {
            (
                start + 2 * i,
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                },
            )
        })
        .collect();
    let mut text = String::with_capacity(units.len());
    let mut map = OffsetMap::default();
    let mut i = 0;
    while i < units.len() {
        let (at, unit) = units[i];
        let (c, len) = match char::decode_utf16([unit, units.get(i + 1).map_or(0, |u| u.1)]).next()
        {
            Some(Ok(c)) => (c, c.len_utf16()),
            _ => (char::REPLACEMENT_CHARACTER, 1),
        };
        map.replaced(text.len(), at..at + 2 * len);
        text.push(c);
        i += len;
    }
    Decoded::mapped(text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_maps_each_byte() {
        let bytes = b"S\xf6kande 850101-2382";
        let Some(doc) = decode(bytes, None) else {
            unreachable!()
        };
        assert_eq!(doc.text, "Sökande 850101-2382");
        let at = doc.text.find('8').unwrap_or(0);
        assert_eq!(doc.source_span(at..at + 11), 8..19);
    }

    #[test]
    fn utf8_is_identity_and_bom_is_skipped() {
        assert!(
            decode("åäö".as_bytes(), None).is_some_and(|d| matches!(d.map, SourceMap::Shift(0)))
        );
        let Some(doc) = decode(b"\xef\xbb\xbfabc", None) else {
            unreachable!()
        };
        assert_eq!(doc.text, "abc");
        assert_eq!(doc.source_span(0..3), 3..6);
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Ö1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let Some(doc) = decode(&bytes, Some("utf-16le")) else {
            unreachable!()
        };
        assert_eq!(doc.text, "Ö1");
        assert_eq!(doc.source_span(2..3), 4..6);
    }
}
