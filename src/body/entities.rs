//! HTML character references (`&#56;`, `&#x38;`, `&amp;` …) in extracted text, decoded so that
//! they cannot hide a number, with a map back to the text they came from.

use crate::offsets::OffsetMap;

/// Named references worth decoding: the ones that occur in chat text and could split or hide
/// a value.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("shy", '\u{AD}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("minus", '\u{2212}'),
    ("zwsp", '\u{200B}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
];

/// Decodes the character references in `text`; `None` when there are none.
pub fn decode(text: &str) -> Option<(String, OffsetMap)> {
    let bytes = text.as_bytes();
    let first = memchr::memchr(b'&', bytes)?;
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    let mut copied = 0;
    let mut i = first;
    let mut any = false;
    while i < bytes.len() {
        let Some(offset) = memchr::memchr(b'&', &bytes[i..]) else {
            break;
        };
        i += offset;
        match reference(&text[i..]) {
            Some((c, len)) => {
                if copied < i {
                    map.verbatim(out.len(), copied);
                    out.push_str(&text[copied..i]);
                }
                map.replaced(out.len(), i..i + len);
                out.push(c);
                i += len;
                copied = i;
                any = true;
            }
            None => i += 1,
        }
    }
    if !any {
        return None;
    }
    if copied < text.len() {
        map.verbatim(out.len(), copied);
        out.push_str(&text[copied..]);
    }
    Some((out, map))
}

/// The character and length of the reference at the start of `s` (which starts with `&`).
fn reference(s: &str) -> Option<(char, usize)> {
    // Bytes, not `str` slicing: the window may end inside a multi-byte character.
    let window = &s.as_bytes()[1..s.len().min(12)];
    let end = memchr::memchr(b';', window)? + 1;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(value)?
    } else {
        NAMED.iter().find(|(name, _)| *name == body)?.1
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_named_references() {
        let text = "&#56;50101&#x2D;2382 &amp; x&shy;y";
        let (out, map) = decode(text).unwrap_or_default();
        assert_eq!(out, "850101-2382 & x\u{AD}y");
        assert_eq!(
            &text[map.source_span(0..11, out.len())],
            "&#56;50101&#x2D;2382"
        );
    }

    #[test]
    fn a_reference_before_multibyte_text_is_decoded() {
        let (out, _) = decode("2010&#56;50101-ädemens").unwrap_or_default();
        assert_eq!(out, "2010850101-ädemens");
    }

    #[test]
    fn text_without_references_is_untouched() {
        assert!(decode("AT&T och Q&A").is_none());
        assert!(decode("ingen referens").is_none());
    }
}
