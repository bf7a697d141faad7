//! The body is judged by what it is: a charset the bytes contradict is refused, byte order
//! marks are honoured, JSON sent as text or as a form is read as JSON, a Content-Type with a
//! parameter twice is refused, and multipart bodies are parsed strictly (RFC 2046/7578). Each
//! case below delivered a clear personnummer to an approved service before issue 9.

use std::sync::LazyLock;

use sluss::body::{Limits, Uninspectable};
use sluss::detect::Detectors;
use sluss::inspect::{Inspection, Outcome, Request, inspect};
use sluss::policy::{Rule, ServicePolicy};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

fn run(body: &[u8], content_type: Option<&str>) -> Inspection {
    let request = Request {
        body,
        content_type,
        ..Request::default()
    };
    inspect(
        &DETECTORS,
        &ServicePolicy::default(),
        &request,
        &Limits::default(),
    )
}

fn personnummer(i: &Inspection) -> bool {
    i.outcome
        == Outcome::Block {
            rule: Rule::Personnummer,
        }
}

fn refused(i: &Inspection) -> bool {
    i.outcome
        == Outcome::Block {
            rule: Rule::Uninspectable,
        }
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian { b"\xfe\xff" } else { b"\xff\xfe" });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn a_charset_the_bytes_contradict_is_refused() {
    let ascii = b"Pnr 850101-2382 till handlaggaren.";
    for ct in [
        "text/plain; charset=utf-16le",
        "text/plain; charset=utf-16be",
        "text/plain; charset=utf-16",
        "text/plain; charset=utf-8; charset=utf-16le",
    ] {
        let inspection = run(ascii, Some(ct));
        assert!(refused(&inspection), "{ct}: {:?}", inspection.outcome);
        assert!(
            matches!(
                inspection.uninspectable,
                Some(Uninspectable::Charset(_) | Uninspectable::Ambiguous(_))
            ),
            "{ct}: {:?}",
            inspection.uninspectable
        );
    }
    // A byte order mark of another encoding than the declared one.
    let le = utf16("Pnr 850101-2382", false, true);
    assert!(refused(&run(&le, Some("text/plain; charset=utf-8"))));
    assert!(refused(&run(&le, Some("text/plain; charset=utf-16be"))));
    assert!(refused(&run(&le, Some("text/plain; charset=windows-1252"))));
    let utf8_bom = b"\xef\xbb\xbfPnr 850101-2382";
    assert!(refused(&run(
        utf8_bom,
        Some("text/plain; charset=utf-16le")
    )));
    // Bytes that are not UTF-8 under a UTF-8 label; charsets that are not read.
    assert!(refused(&run(
        b"Pnr 850101-2382 \xff\xfe\xfd",
        Some("text/plain; charset=utf-8")
    )));
    assert!(refused(&run(
        b"Pnr 850101-2382",
        Some("text/plain; charset=iso-2022-kr")
    )));
    assert!(refused(&run(
        b"Pnr 850101-2382",
        Some("text/plain; charset=shift_jis")
    )));
    assert!(refused(&run(
        b"{}",
        Some("application/json; charset=utf-16le")
    )));
}

#[test]
fn byte_order_marks_are_honoured_and_real_utf16_is_read() {
    for (big, ct) in [
        (false, None),
        (true, None),
        (false, Some("text/plain")),
        (true, Some("text/plain; charset=utf-16")),
        (false, Some("text/plain; charset=utf-16le")),
    ] {
        let body = utf16("Sökande 850101-2382 har ringt.", big, true);
        assert!(personnummer(&run(&body, ct)), "{big} {ct:?}");
    }
    let no_bom = utf16("Sökande 850101-2382 har ringt.", false, false);
    assert!(personnummer(&run(
        &no_bom,
        Some("text/plain; charset=utf-16le")
    )));
    // Odd length or a lone surrogate: not UTF-16.
    let mut odd = no_bom.clone();
    odd.push(b'x');
    assert!(refused(&run(&odd, Some("text/plain; charset=utf-16le"))));
}

#[test]
fn json_sent_as_text_form_or_nothing_is_read_as_json() {
    let escaped =
        r#"{"prompt":"Pnr \u0038\u0035\u0030\u0031\u0030\u0031-\u0032\u0033\u0038\u0032"}"#;
    for ct in [
        Some("text/plain"),
        Some("text/plain; charset=utf-8"),
        Some("text/markdown"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        assert!(personnummer(&run(escaped.as_bytes(), ct)), "{ct:?}");
    }
    // A form value holding JSON with escapes.
    let form = format!(
        "model=gpt&messages={}",
        sluss::body::form::encode(
            r#"[{"role":"user","content":"\u0038\u0035\u0030\u0031\u0030\u0031-2382"}]"#
        )
    );
    assert!(personnummer(&run(
        form.as_bytes(),
        Some("application/x-www-form-urlencoded")
    )));
}

#[test]
fn a_content_type_with_a_parameter_twice_is_refused() {
    let body =
        b"--XB\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n850101-2382\r\n--XB--\r\n";
    for ct in [
        "multipart/form-data; boundary=XA; boundary=XB",
        "multipart/form-data; boundary=XB; Boundary=XA",
        "text/plain; charset=utf-8; charset=latin1",
    ] {
        let inspection = run(body, Some(ct));
        assert!(refused(&inspection), "{ct}");
        assert!(matches!(
            inspection.uninspectable,
            Some(Uninspectable::Ambiguous(_))
        ));
    }
}

fn multipart(body: &str) -> Inspection {
    run(body.as_bytes(), Some("multipart/form-data; boundary=B"))
}

#[test]
fn multipart_is_parsed_strictly() {
    // A close delimiter in mid-line is not one: the number after it is not skipped.
    let mid_line = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nSammanfatta --B--\r\n850101-2382\r\n--B--\r\n";
    let inspection = multipart(mid_line);
    assert!(
        personnummer(&inspection) || refused(&inspection),
        "{:?}",
        inspection.outcome
    );
    assert_ne!(inspection.outcome, Outcome::Forward);
    // The same, with the delimiter right before the number on one line.
    let same_line = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nHej --B-- 850101-2382\r\n--B--\r\n";
    assert!(refused(&multipart(same_line)));
    // Quoted-printable and base64 parts are decoded; an unknown encoding is refused.
    let qp = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPnr =38=35=30=31=30=31-=32=33=38=32\r\n--B--\r\n";
    assert!(personnummer(&multipart(qp)));
    let b64 = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\nContent-Transfer-Encoding: base64\r\n\r\nUG5yIDg1MDEwMS0yMzgy\r\n--B--\r\n";
    assert!(personnummer(&multipart(b64)));
    let unknown = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\nContent-Transfer-Encoding: x-rot13\r\n\r\nCae 850101-2382\r\n--B--\r\n";
    assert!(refused(&multipart(unknown)));
    // The preamble and the epilogue are read.
    let preamble = "Pnr 850101-2382\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhej\r\n--B--\r\n";
    assert!(personnummer(&multipart(preamble)));
    let epilogue =
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhej\r\n--B--\r\nPnr 850101-2382";
    assert!(personnummer(&multipart(epilogue)));
    // A part after the close delimiter, a header twice, a folded header: ambiguous.
    let after_close = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhej\r\n--B--\r\n--B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n850101-2382\r\n--B--\r\n";
    assert!(refused(&multipart(after_close)));
    let header_twice = "--B\r\nContent-Type: text/plain\r\nContent-Type: image/png\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhej\r\n--B--\r\n";
    assert!(refused(&multipart(header_twice)));
    let folded = "--B\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nhej\r\n--B--\r\n";
    assert!(refused(&multipart(folded)));
    // A JSON part, a docx-named part, and a clean body.
    let json_part = "--B\r\nContent-Disposition: form-data; name=\"payload\"\r\nContent-Type: application/json\r\n\r\n{\"p\":\"\\u0038\\u0035\\u0030101-2382\"}\r\n--B--\r\n";
    assert!(personnummer(&multipart(json_part)));
    let clean = "--B\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nSkriv en inbjudan.\r\n--B\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-4o\r\n--B--\r\n";
    assert_eq!(multipart(clean).outcome, Outcome::Forward);
}
