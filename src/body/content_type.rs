//! Content-Type values read strictly (RFC 9110 §8.3.1): a media type and unique parameters.
//!
//! A value that two readers could understand differently is refused: a parameter given twice
//! (`boundary=XA; boundary=XB`: some servers take the first, others the last), a parameter
//! without a value or with an unterminated quoted string, a media type that is not
//! `type/subtype`.

use super::uninspectable::Uninspectable;

/// A parsed Content-Type: lower-case media type and its parameters (names lower case, values
/// unquoted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentType {
    /// `type/subtype`, lower case; empty when there was no Content-Type.
    pub mime: String,
    params: Vec<(String, String)>,
}

fn ambiguous(problem: impl Into<String>) -> Uninspectable {
    Uninspectable::Ambiguous(problem.into())
}

fn is_token(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

impl ContentType {
    /// No Content-Type at all (the body is sniffed).
    pub fn none() -> ContentType {
        ContentType::default()
    }

    /// A media type without parameters (for types sluss chooses itself).
    pub fn of(mime: &str) -> ContentType {
        ContentType {
            mime: mime.to_ascii_lowercase(),
            params: Vec::new(),
        }
    }

    /// Parses a Content-Type header value.
    pub fn parse(value: &str) -> Result<ContentType, Uninspectable> {
        let (mime, rest) = value.split_once(';').unwrap_or((value, ""));
        let mime = mime.trim().to_ascii_lowercase();
        let valid_mime = mime.split_once('/').is_some_and(|(t, s)| {
            !t.is_empty() && !s.is_empty() && t.bytes().all(is_token) && s.bytes().all(is_token)
        });
        if !valid_mime {
            return Err(ambiguous("the Content-Type is not a media type"));
        }
        let params = parameters(rest)?;
        Ok(ContentType { mime, params })
    }

    /// Parses an optional header value: `None` is no Content-Type.
    pub fn parse_optional(value: Option<&str>) -> Result<ContentType, Uninspectable> {
        match value {
            Some(v) if !v.trim().is_empty() => ContentType::parse(v),
            _ => Ok(ContentType::none()),
        }
    }

    /// The value of parameter `name` (lower case).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The declared charset, if any.
    pub fn charset(&self) -> Option<&str> {
        self.param("charset")
    }
}

/// The parameters after a media type or disposition (`; a=b; c="d"`): names lower case, each
/// at most once.
pub fn parameters(mut rest: &str) -> Result<Vec<(String, String)>, Uninspectable> {
    let mut params: Vec<(String, String)> = Vec::new();
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        if rest.is_empty() {
            return Ok(params);
        }
        let (name, value, after) = parameter(rest)?;
        if params.iter().any(|(n, _)| *n == name) {
            return Err(ambiguous(format!("the parameter `{name}` is given twice")));
        }
        params.push((name, value));
        rest = after;
    }
}

/// One `name=value` parameter at the start of `s`: name (lower case), value, and the rest
/// after it (which must be empty or start with `;`).
fn parameter(s: &str) -> Result<(String, String, &str), Uninspectable> {
    let eq = s
        .find('=')
        .ok_or_else(|| ambiguous("a Content-Type parameter has no value"))?;
    let name = s[..eq].trim();
    if name.is_empty() || !name.bytes().all(is_token) {
        return Err(ambiguous("a Content-Type parameter name is not a token"));
    }
    let rest = s[eq + 1..].trim_start_matches([' ', '\t']);
    let (value, after) = if let Some(quoted) = rest.strip_prefix('"') {
        quoted_string(quoted)?
    } else {
        let end = rest.find(';').unwrap_or(rest.len());
        let value = rest[..end].trim_end();
        if value.is_empty() || !value.bytes().all(is_token) {
            return Err(ambiguous(format!(
                "the Content-Type parameter `{name}` has an invalid value"
            )));
        }
        (value.to_string(), &rest[end..])
    };
    let after = after.trim_start_matches([' ', '\t']);
    if !(after.is_empty() || after.starts_with(';')) {
        return Err(ambiguous("text after a Content-Type parameter"));
    }
    Ok((name.to_ascii_lowercase(), value, after))
}

/// The inside of a quoted string (after its opening quote) with `\` escapes undone, and the
/// rest after the closing quote.
fn quoted_string(s: &str) -> Result<(String, &str), Uninspectable> {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &s[i + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => break,
            },
            c if c.is_control() && c != '\t' => break,
            c => value.push(c),
        }
    }
    Err(ambiguous(
        "an unterminated quoted string in the Content-Type",
    ))
}

/// The media type (lower case, no parameters) of a Content-Type value, read leniently (for
/// places that only name a type, such as a part of a multipart body that was already parsed).
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_read_with_quotes_and_case() {
        let ct = ContentType::parse("Multipart/Form-Data; Boundary=\"a;b c\"; charset=UTF-8")
            .unwrap_or_default();
        assert_eq!(ct.mime, "multipart/form-data");
        assert_eq!(ct.param("boundary"), Some("a;b c"));
        assert_eq!(ct.charset(), Some("UTF-8"));
        let trailing = ContentType::parse("application/json; ").unwrap_or_default();
        assert_eq!(trailing.mime, "application/json");
        let escaped = ContentType::parse(r#"text/plain; x="a\"b""#).unwrap_or_default();
        assert_eq!(escaped.param("x"), Some("a\"b"));
    }

    #[test]
    fn ambiguous_values_are_refused() {
        for bad in [
            "multipart/form-data; boundary=XA; boundary=XB",
            "multipart/form-data; boundary=XA; BOUNDARY=\"XA\"",
            "text/plain; charset=utf-8; charset=utf-16le",
            "text/plain; charset",
            "text/plain; charset=\"utf-8",
            "text/plain; charset=utf 8",
            "text/plain; charset=\"utf-8\" x",
            "text",
            "/json",
            "text/plain; =x",
        ] {
            assert!(
                matches!(ContentType::parse(bad), Err(Uninspectable::Ambiguous(_))),
                "{bad}"
            );
        }
    }
}
