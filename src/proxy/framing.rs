//! Headers that sluss and the upstream could read differently: sluss refuses such requests
//! (400) instead of guessing, so that the body it judged is the body the upstream reads.
//!
//! - `Content-Type`, `Content-Encoding`, `Content-Length` or `Transfer-Encoding` given twice
//!   (sluss would read one, the upstream perhaps another), or a `Content-Type` that is a list;
//! - those headers with bytes outside visible ASCII (parsers differ on them);
//! - a `Connection` header naming `Host` or a `Content-*` header: sluss would drop it as
//!   hop-by-hop after judging the body by it.

use http::header::{self, HeaderMap, HeaderName};

/// The headers that say how the body is framed and what it is.
const FRAMING: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::CONTENT_ENCODING,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
];

/// Why a request's headers are ambiguous.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Ambiguity {
    /// A framing header appears more than once.
    #[error("`{0}` appears more than once")]
    Repeated(&'static str),
    /// `Content-Type` holds a list (a comma outside quotes).
    #[error("`content-type` holds more than one type")]
    ContentTypeList,
    /// A framing header holds a byte outside visible ASCII.
    #[error("`{0}` holds a byte outside visible ASCII")]
    NotAscii(&'static str),
    /// `Connection` names a header the inspection relies on.
    #[error("`connection` names `{0}`, which the inspection relies on")]
    HopByHop(String),
}

/// Checks a request's headers before its body is judged.
pub fn check(headers: &HeaderMap) -> Result<(), Ambiguity> {
    for name in &FRAMING {
        let mut values = headers.get_all(name).iter();
        let Some(value) = values.next() else {
            continue;
        };
        if values.next().is_some() {
            return Err(Ambiguity::Repeated(name.as_str()));
        }
        let visible = value
            .as_bytes()
            .iter()
            .all(|&b| b == b'\t' || (0x20..0x7f).contains(&b));
        if !visible {
            return Err(Ambiguity::NotAscii(name.as_str()));
        }
        if name == header::CONTENT_TYPE && has_list_comma(value.as_bytes()) {
            return Err(Ambiguity::ContentTypeList);
        }
    }
    for value in headers.get_all(header::CONNECTION) {
        for token in value.as_bytes().split(|&b| b == b',') {
            let token = String::from_utf8_lossy(token).trim().to_ascii_lowercase();
            if token == "host" || token.starts_with("content-") {
                return Err(Ambiguity::HopByHop(token));
            }
        }
    }
    Ok(())
}

/// A comma outside a quoted string: `text/plain, application/json` is two types.
fn has_list_comma(value: &[u8]) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for &b in value {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b',' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(lines: &[(&str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in lines {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(value),
            ) {
                map.append(name, value);
            }
        }
        map
    }

    #[test]
    fn ordinary_requests_pass() {
        let ok = headers(&[
            ("content-type", b"multipart/form-data; boundary=\"a,b\""),
            ("content-encoding", b"gzip, br"),
            ("content-length", b"12"),
            ("connection", b"keep-alive, Upgrade"),
            ("upgrade", b"websocket"),
        ]);
        assert_eq!(check(&ok), Ok(()));
    }

    #[test]
    fn repeated_framing_headers_are_refused() {
        for name in [
            "content-type",
            "content-encoding",
            "content-length",
            "transfer-encoding",
        ] {
            let twice = headers(&[(name, b"a"), (name, b"a")]);
            assert!(
                matches!(check(&twice), Err(Ambiguity::Repeated(_))),
                "{name}"
            );
        }
        let list = headers(&[("content-type", b"text/plain, application/json")]);
        assert_eq!(check(&list), Err(Ambiguity::ContentTypeList));
    }

    #[test]
    fn non_ascii_framing_values_are_refused() {
        let odd = headers(&[("content-type", "application/jsön".as_bytes())]);
        assert!(matches!(check(&odd), Err(Ambiguity::NotAscii(_))));
        let other = headers(&[("x-note", "åäö".as_bytes())]);
        assert_eq!(
            check(&other),
            Ok(()),
            "only framing headers are held to ASCII"
        );
    }

    #[test]
    fn connection_may_not_remove_what_was_judged() {
        for value in [
            &b"content-type"[..],
            b"keep-alive, Content-Encoding",
            b"content-length",
            b"Host",
            b"content-language",
        ] {
            let map = headers(&[("connection", value)]);
            assert!(
                matches!(check(&map), Err(Ambiguity::HopByHop(_))),
                "{}",
                String::from_utf8_lossy(value)
            );
        }
    }
}
