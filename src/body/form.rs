//! `application/x-www-form-urlencoded` bodies and URL query strings, with offset maps.

use std::ops::Range;

use crate::offsets::OffsetMap;

/// One decoded key or value of a form.
#[derive(Clone, Debug)]
pub struct FormComponent {
    /// The encoded bytes.
    pub literal: Range<usize>,
    /// The decoded text (invalid UTF-8 after percent-decoding is read as Windows-1252).
    pub value: String,
    /// Map from `value` offsets to input offsets.
    pub map: OffsetMap,
    /// True for a key, false for a value.
    pub is_key: bool,
}

/// Splits a form (or query string) into its keys and values, in order. Pairs are separated by
/// `&` (or `;`); a pair without `=` is a key with no value.
pub fn components(input: &[u8]) -> Vec<FormComponent> {
    let mut out = Vec::new();
    let mut start = 0;
    for pair in input.split(|&b| b == b'&' || b == b';') {
        let end = start + pair.len();
        match pair.iter().position(|&b| b == b'=') {
            Some(eq) => {
                out.push(decode(input, start..start + eq, true));
                out.push(decode(input, start + eq + 1..end, false));
            }
            None if !pair.is_empty() => out.push(decode(input, start..end, true)),
            None => {}
        }
        start = end + 1;
    }
    out
}

/// True when `text` looks like form data (`key=value&key=value`, no white space), so that a
/// JSON string holding a form is opened. Every pair must have a plain key (letters, digits,
/// `_-.[]%`): text that only starts like a form (`a=1&#56;…`, with HTML entities) is read as
/// text, so that nothing in it is read one way here and another way by the service.
pub fn looks_like_form(text: &str) -> bool {
    let plain_key = |key: &str| {
        !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-.[]%".contains(&b))
    };
    text.len() >= 3
        && !text.contains(char::is_whitespace)
        && text
            .split(['&', ';'])
            .next()
            .is_some_and(|first| first.contains('='))
        && text
            .split(['&', ';'])
            .filter(|pair| !pair.is_empty())
            .all(|pair| plain_key(pair.split('=').next().unwrap_or("")))
}

/// Percent-decodes `input[range]` (`+` is a space) with a map back to `input`.
fn decode(input: &[u8], range: Range<usize>, is_key: bool) -> FormComponent {
    let mut bytes = Vec::with_capacity(range.len());
    // For each decoded byte, the input range it came from.
    let mut origin: Vec<Range<usize>> = Vec::with_capacity(range.len());
    let mut i = range.start;
    while i < range.end {
        match input[i] {
            b'+' => {
                bytes.push(b' ');
                origin.push(i..i + 1);
                i += 1;
            }
            b'%' if i + 2 < range.end => match (hex(input[i + 1]), hex(input[i + 2])) {
                (Some(h), Some(l)) => {
                    bytes.push(h << 4 | l);
                    origin.push(i..i + 3);
                    i += 3;
                }
                _ => {
                    bytes.push(b'%');
                    origin.push(i..i + 1);
                    i += 1;
                }
            },
            b => {
                bytes.push(b);
                origin.push(i..i + 1);
                i += 1;
            }
        }
    }
    let (value, char_origins) = to_text(&bytes, &origin);
    let mut map = OffsetMap::default();
    for (out, src) in char_origins {
        map.replaced(out, src);
    }
    FormComponent {
        literal: range,
        value,
        map,
        is_key,
    }
}

/// Decoded bytes to text: UTF-8 when valid, else Windows-1252; each character with the input
/// range of its bytes.
fn to_text(bytes: &[u8], origin: &[Range<usize>]) -> (String, Vec<(usize, Range<usize>)>) {
    let mut text = String::with_capacity(bytes.len());
    let mut pieces = Vec::with_capacity(bytes.len());
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => {
            for (at, c) in s.char_indices() {
                let last = at + c.len_utf8() - 1;
                pieces.push((text.len(), origin[at].start..origin[last].end));
                text.push(c);
            }
        }
        Err(_) => {
            for (k, &b) in bytes.iter().enumerate() {
                let one = [b];
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
                pieces.push((text.len(), origin[k].clone()));
                text.push_str(&decoded);
            }
        }
    }
    (text, pieces)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Encodes `value` as a form component (`application/x-www-form-urlencoded`).
pub fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_with_offsets() {
        let input = b"q=%38%35%30%31%30%31%2D%32%33%38%32&namn=Anna+Sj%C3%B6berg&flag";
        let parts = components(input);
        let values: Vec<&str> = parts.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(
            values,
            vec!["q", "850101-2382", "namn", "Anna Sjöberg", "flag"]
        );
        let q = &parts[1];
        assert_eq!(q.map.source_span(0..11, q.value.len()), 2..35);
        let namn = &parts[3];
        let o = namn.value.find('ö').unwrap_or(0);
        let span = namn.map.source_span(o..o + 2, namn.value.len());
        assert_eq!(&input[span], b"%C3%B6");
    }

    #[test]
    fn broken_percent_escapes_are_kept() {
        let parts = components(b"a=100%&b=%zz");
        assert_eq!(parts[1].value, "100%");
        assert_eq!(parts[3].value, "%zz");
    }

    #[test]
    fn latin1_percent_bytes() {
        let parts = components(b"t=S%F6kande");
        assert_eq!(parts[1].value, "Sökande");
    }

    #[test]
    fn encode_round_trips() {
        let v = "Anna Sjöberg & co = 100%";
        let parts = components(format!("k={}", encode(v)).as_bytes());
        assert_eq!(parts[1].value, v);
    }

    #[test]
    fn form_detection() {
        assert!(looks_like_form("prompt=hej&model=x"));
        assert!(looks_like_form("a=1"));
        assert!(!looks_like_form("Hej = hopp"));
        assert!(!looks_like_form("=x"));
        assert!(looks_like_form("a=1&&b;c=2"));
        assert!(!looks_like_form("a=1&#56;50101-2382"));
        assert!(!looks_like_form("a=1&b c=2"));
    }
}
