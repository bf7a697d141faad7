//! A strict, non-recursive JSON reader that reports where every string literal is.
//!
//! `serde_json` gives values, not positions; extraction and redaction need the byte range of each
//! string literal and a map from its decoded text back to those bytes. The reader validates the
//! whole document (malformed JSON is uninspectable, not guessed at), keeps an explicit stack with
//! a depth limit (deep nesting is uninspectable, never a stack overflow), and skips string bodies
//! with `memchr`.

use std::borrow::Cow;
use std::ops::Range;

use crate::offsets::OffsetMap;

/// Why a JSON document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not valid JSON (at byte `at`).
    #[error("malformed JSON at byte {at}: {what}")]
    Malformed {
        /// Byte offset of the problem.
        at: usize,
        /// What was wrong.
        what: &'static str,
    },
    /// Nested deeper than the limit.
    #[error("JSON nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
}

/// A string literal found in the document.
#[derive(Clone, Debug)]
pub struct JsonString<'a> {
    /// The bytes between the quotes.
    pub literal: Range<usize>,
    /// The decoded value (borrowed from the document when it had no escapes).
    pub value: Cow<'a, str>,
    /// Map from `value` offsets to document offsets; `None` when the literal had no escapes
    /// (then `value` is the literal itself).
    pub map: Option<OffsetMap>,
}

impl JsonString<'_> {
    /// The document byte range of `value` bytes `span`.
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.map {
            None => self.literal.start + span.start..self.literal.start + span.end,
            Some(map) => map.source_span(span, self.value.len()),
        }
    }
}

/// What the reader met, in document order. Containers are reported when they open and close,
/// so a visitor keeps whatever path state it needs (a frame index, not a copy of the path).
#[derive(Debug)]
pub enum Event<'a> {
    /// `{` (`object`) or `[` opened.
    Open {
        /// True for an object.
        object: bool,
    },
    /// The innermost open container closed.
    Close,
    /// A key of the innermost object.
    Key(JsonString<'a>),
    /// A string value.
    String(JsonString<'a>),
    /// A number value: its literal's byte range.
    Number(Range<usize>),
    /// `true`, `false` or `null`.
    Literal,
}

enum Frame {
    Object { expect_key: bool, members: usize },
    Array { index: usize },
}

/// Reads `doc` and calls `visit` for every event, in order. A visitor error stops the reading
/// and is returned. Memory is one small frame per open container: nothing is copied per value.
pub fn read<'a, E: From<JsonError>>(
    doc: &'a [u8],
    max_depth: usize,
    mut visit: impl FnMut(Event<'a>) -> Result<(), E>,
) -> Result<(), E> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = skip_ws(doc, 0);
    let mut done = false;
    while i < doc.len() {
        if done {
            return Err(malformed(i, "text after the end of the document").into());
        }
        let b = doc[i];
        match stack.last_mut() {
            Some(Frame::Object {
                expect_key: true,
                members,
            }) => {
                if b == b'}' && *members == 0 {
                    stack.pop();
                    visit(Event::Close)?;
                    i = after_value(doc, i + 1, &mut stack, &mut done, &mut visit)?;
                    continue;
                }
                if b != b'"' {
                    return Err(malformed(i, "expected a key").into());
                }
                let (s, end) = string(doc, i)?;
                visit(Event::Key(s))?;
                let j = skip_ws(doc, end);
                if doc.get(j) != Some(&b':') {
                    return Err(malformed(j, "expected ':'").into());
                }
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
                i = skip_ws(doc, j + 1);
                continue;
            }
            Some(Frame::Array { index }) if b == b']' && *index == 0 => {
                stack.pop();
                visit(Event::Close)?;
                i = after_value(doc, i + 1, &mut stack, &mut done, &mut visit)?;
                continue;
            }
            _ => {}
        }
        let end = match b {
            b'{' | b'[' => {
                if stack.len() >= max_depth {
                    return Err(JsonError::TooDeep { limit: max_depth }.into());
                }
                let object = b == b'{';
                stack.push(if object {
                    Frame::Object {
                        expect_key: true,
                        members: 0,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
                visit(Event::Open { object })?;
                i = skip_ws(doc, i + 1);
                continue;
            }
            b'"' => {
                let (s, end) = string(doc, i)?;
                visit(Event::String(s))?;
                end
            }
            b't' => literal(doc, i, b"true", &mut visit)?,
            b'f' => literal(doc, i, b"false", &mut visit)?,
            b'n' => literal(doc, i, b"null", &mut visit)?,
            b'-' | b'0'..=b'9' => {
                let end = number(doc, i)?;
                visit(Event::Number(i..end))?;
                end
            }
            _ => return Err(malformed(i, "expected a value").into()),
        };
        i = after_value(doc, end, &mut stack, &mut done, &mut visit)?;
    }
    if !done {
        return Err(malformed(doc.len(), "unexpected end of the document").into());
    }
    Ok(())
}

/// Reads `doc` and calls `visit` for every string literal (keys and values), in order.
pub fn read_strings<'a>(
    doc: &'a [u8],
    max_depth: usize,
    mut visit: impl FnMut(JsonString<'a>),
) -> Result<(), JsonError> {
    read(doc, max_depth, |event| {
        if let Event::Key(s) | Event::String(s) = event {
            visit(s);
        }
        Ok::<(), JsonError>(())
    })
}

/// True when `doc` is one valid JSON document no deeper than `max_depth`.
pub fn is_json(doc: &[u8], max_depth: usize) -> bool {
    read(doc, max_depth, |_| Ok::<(), JsonError>(())).is_ok()
}

/// After a value ending at `at`: a comma, the container's end, or the end of the document.
fn after_value<'a, E: From<JsonError>>(
    doc: &'a [u8],
    at: usize,
    stack: &mut Vec<Frame>,
    done: &mut bool,
    visit: &mut impl FnMut(Event<'a>) -> Result<(), E>,
) -> Result<usize, E> {
    let mut i = skip_ws(doc, at);
    loop {
        let close = match stack.last_mut() {
            None => {
                *done = true;
                return Ok(i);
            }
            Some(Frame::Object {
                expect_key,
                members,
            }) => {
                if doc.get(i) == Some(&b',') {
                    *expect_key = true;
                    *members += 1;
                    return Ok(skip_ws(doc, i + 1));
                }
                b'}'
            }
            Some(Frame::Array { index }) => {
                if doc.get(i) == Some(&b',') {
                    *index += 1;
                    return Ok(skip_ws(doc, i + 1));
                }
                b']'
            }
        };
        if doc.get(i) != Some(&close) {
            let what = if close == b'}' {
                "expected ',' or '}'"
            } else {
                "expected ',' or ']'"
            };
            return Err(malformed(i, what).into());
        }
        stack.pop();
        visit(Event::Close)?;
        i = skip_ws(doc, i + 1);
    }
}

fn skip_ws(doc: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = doc.get(i) {
        i += 1;
    }
    i
}

fn malformed(at: usize, what: &'static str) -> JsonError {
    JsonError::Malformed { at, what }
}

fn literal<'a, E: From<JsonError>>(
    doc: &'a [u8],
    at: usize,
    word: &[u8],
    visit: &mut impl FnMut(Event<'a>) -> Result<(), E>,
) -> Result<usize, E> {
    if doc.get(at..at + word.len()) != Some(word) {
        return Err(malformed(at, "invalid literal").into());
    }
    visit(Event::Literal)?;
    Ok(at + word.len())
}

fn number(doc: &[u8], at: usize) -> Result<usize, JsonError> {
    let mut i = at;
    if doc.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while doc.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match doc.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return Err(malformed(i, "invalid number")),
    }
    if doc.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return Err(malformed(i, "invalid number"));
        }
    }
    if let Some(b'e' | b'E') = doc.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = doc.get(i) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return Err(malformed(i, "invalid number"));
        }
    }
    Ok(i)
}

/// Reads the string literal whose opening quote is at `at`; returns it and the index after the
/// closing quote.
fn string(doc: &[u8], at: usize) -> Result<(JsonString<'_>, usize), JsonError> {
    let start = at + 1;
    // Fast path: no escapes.
    let i = start
        + memchr::memchr2(b'"', b'\\', &doc[start..])
            .ok_or_else(|| malformed(doc.len(), "unterminated string"))?;
    if doc[i] == b'\\' {
        return escaped(doc, start);
    }
    let literal = start..i;
    let raw = &doc[literal.clone()];
    if has_control(raw) {
        return Err(malformed(start, "control character in a string"));
    }
    let value =
        simdutf8::basic::from_utf8(raw).map_err(|_| malformed(start, "string is not UTF-8"))?;
    Ok((
        JsonString {
            literal,
            value: Cow::Borrowed(value),
            map: None,
        },
        i + 1,
    ))
}

/// Reads a string literal with escapes, decoding them with an offset map.
fn escaped(doc: &[u8], start: usize) -> Result<(JsonString<'_>, usize), JsonError> {
    let mut value = String::new();
    let mut map = OffsetMap::default();
    let mut i = start;
    loop {
        let run_end = i + memchr::memchr2(b'"', b'\\', &doc[i..])
            .ok_or_else(|| malformed(doc.len(), "unterminated string"))?;
        let run = &doc[i..run_end];
        if has_control(run) {
            return Err(malformed(i, "control character in a string"));
        }
        let run =
            simdutf8::basic::from_utf8(run).map_err(|_| malformed(i, "string is not UTF-8"))?;
        if !run.is_empty() {
            map.verbatim(value.len(), i);
            value.push_str(run);
        }
        i = run_end;
        if doc[i] == b'"' {
            return Ok((
                JsonString {
                    literal: start..i,
                    value: Cow::Owned(value),
                    map: Some(map),
                },
                i + 1,
            ));
        }
        // An escape.
        let esc_start = i;
        let c = match doc.get(i + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let (c, end) = unicode_escape(doc, i)?;
                map.replaced(value.len(), esc_start..end);
                value.push(c);
                i = end;
                continue;
            }
            _ => return Err(malformed(i, "invalid escape")),
        };
        map.replaced(value.len(), esc_start..i + 2);
        value.push(c);
        i += 2;
    }
}

/// `\uXXXX`, with surrogate pairs; lone surrogates become U+FFFD.
fn unicode_escape(doc: &[u8], at: usize) -> Result<(char, usize), JsonError> {
    let first = hex4(doc, at + 2)?;
    if (0xD800..0xDC00).contains(&first) {
        if doc.get(at + 6..at + 8) == Some(b"\\u") {
            let second = hex4(doc, at + 8)?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok((
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                    at + 12,
                ));
            }
        }
        return Ok((char::REPLACEMENT_CHARACTER, at + 6));
    }
    Ok((
        char::from_u32(first).unwrap_or(char::REPLACEMENT_CHARACTER),
        at + 6,
    ))
}

fn hex4(doc: &[u8], at: usize) -> Result<u32, JsonError> {
    let digits = doc
        .get(at..at + 4)
        .ok_or_else(|| malformed(at, "short \\u escape"))?;
    let text = std::str::from_utf8(digits).map_err(|_| malformed(at, "invalid \\u escape"))?;
    u32::from_str_radix(text, 16).map_err(|_| malformed(at, "invalid \\u escape"))
}

/// True when `bytes` holds a control character (< 0x20), which JSON strings must escape.
/// Eight bytes at a time ("has less than" bit trick; exact for the question "any?").
fn has_control(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        if x.wrapping_sub(ONES * 0x20) & !x & (ONES * 0x80) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20)
}

/// Encodes `value` as the inside of a JSON string literal (without quotes).
pub fn escape(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(doc: &str) -> Result<Vec<String>, JsonError> {
        let mut out = Vec::new();
        read_strings(doc.as_bytes(), 64, |s| out.push(s.value.into_owned()))?;
        Ok(out)
    }

    #[test]
    fn finds_keys_and_values_with_places() {
        let found = strings(r#"{"model":"gpt","messages":[{"role":"user","content":"Hej"}],"n":1.5e3,"x":[true,null,-0]}"#)
            .unwrap_or_default();
        let values: Vec<&str> = found.iter().map(String::as_str).collect();
        assert_eq!(
            values,
            vec![
                "model", "gpt", "messages", "role", "user", "content", "Hej", "n", "x"
            ]
        );
    }

    #[test]
    fn escapes_are_decoded_and_mapped() {
        let doc = r#"{"a":"\u0038\u00e4\ud83d\ude00x\n"}"#;
        let mut got = Vec::new();
        let _ = read_strings(doc.as_bytes(), 8, |s| got.push(s));
        let s = &got[1];
        assert_eq!(s.value, "8ä😀x\n");
        assert_eq!(&doc[s.source_span(0..1)], "\\u0038");
        assert_eq!(&doc[s.source_span(1..3)], "\\u00e4");
        assert_eq!(&doc[s.source_span(3..7)], "\\ud83d\\ude00");
        assert_eq!(&doc[s.source_span(7..8)], "x");
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in [
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "[1,]",
            "[1 2]",
            "{\"a\":1,}",
            "\"abc",
            "[\"a\nb\"]",
            "{\"a\":\"\\x\"}",
            "01",
            "1.",
            "tru",
            "{} {}",
            "[\"\\u12\"]",
            "{,}",
            "[,1]",
        ] {
            assert!(strings(bad).is_err(), "{bad:?}");
        }
        for good in [
            "{}",
            "[]",
            "\"x\"",
            "1",
            "[{}]",
            "{\"a\":[]}",
            " { \"a\" : [ 1 , 2 ] } ",
        ] {
            assert!(strings(good).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert_eq!(strings(&deep), Err(JsonError::TooDeep { limit: 64 }));
    }

    #[test]
    fn control_characters_anywhere_are_found() {
        for i in 0..20 {
            let mut v = vec![b'a'; 20];
            assert!(!has_control(&v));
            v[i] = 0x1f;
            assert!(has_control(&v), "{i}");
            v[i] = 0x80;
            assert!(!has_control(&v), "{i}");
        }
    }

    #[test]
    fn escape_round_trips() {
        for s in ["plain", "q\"uote", "back\\slash", "ny\nrad", "åäö", "\u{0}"] {
            let doc = format!("\"{}\"", escape(s));
            let mut got = String::new();
            let _ = read_strings(doc.as_bytes(), 4, |j| got = j.value.into_owned());
            assert_eq!(got, s);
        }
    }
}
