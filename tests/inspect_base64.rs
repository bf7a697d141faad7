//! Base64 and `data:` URLs inside JSON, per API family: a personnummer in text, JSON or a
//! `.docx` carried as base64 is found and blocks (it cannot be redacted in place); an image or
//! audio is uninspectable; clean text passes. Before issue 9 every one of these was forwarded
//! unread.

use std::io::Write;
use std::sync::LazyLock;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sluss::body::{Limits, Uninspectable};
use sluss::detect::{Detectors, Kind};
use sluss::inspect::{Outcome, Request, inspect};
use sluss::policy::{Action, PolicyOverrides, Rule, ServicePolicy};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

const SECRET: &str = "Patienten 850101-2382 har diabetes typ 2. Sekretess enligt 25 kap. 1 § OSL.";
const CLEAN: &str = "Skriv en inbjudan till kommunens temadag om biblioteket.";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A minimal PNG (signature and IHDR chunk).
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn docx(text: &str) -> Vec<u8> {
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    );
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default();
    let types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    assert!(zip.start_file("[Content_Types].xml", options).is_ok());
    assert!(zip.write_all(types.as_bytes()).is_ok());
    assert!(zip.start_file("word/document.xml", options).is_ok());
    assert!(zip.write_all(xml.as_bytes()).is_ok());
    assert!(zip.finish().is_ok());
    buffer.into_inner()
}

/// A payload: its media type, bytes and what inspection must do with it.
struct Payload {
    name: &'static str,
    mime: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    /// Blocked for the personnummer found inside.
    Found,
    /// Blocked as uninspectable.
    Unreadable,
    /// Forwarded.
    Clean,
}

fn payloads() -> Vec<Payload> {
    vec![
        Payload {
            name: "text",
            mime: "text/plain",
            bytes: SECRET.as_bytes().to_vec(),
            expect: Expect::Found,
        },
        Payload {
            name: "json",
            mime: "application/json",
            bytes: serde_json::json!({"journal": SECRET})
                .to_string()
                .into_bytes(),
            expect: Expect::Found,
        },
        Payload {
            name: "docx",
            mime: DOCX,
            bytes: docx(SECRET),
            expect: Expect::Found,
        },
        Payload {
            name: "png",
            mime: "image/png",
            bytes: PNG.to_vec(),
            expect: Expect::Unreadable,
        },
        Payload {
            name: "clean",
            mime: "text/plain",
            bytes: CLEAN.as_bytes().to_vec(),
            expect: Expect::Clean,
        },
    ]
}

/// A request body of one API family carrying `mime` content as base64 `b64`.
type Family = (&'static str, fn(&str, &str) -> serde_json::Value);

fn data_url(mime: &str, b64: &str) -> String {
    format!("data:{mime};base64,{b64}")
}

fn families() -> Vec<Family> {
    vec![
        ("openai chat image_url", |mime, b64| {
            serde_json::json!({"model": "gpt-4o", "messages": [{"role": "user", "content": [
                {"type": "text", "text": "Vad står det här?"},
                {"type": "image_url", "image_url": {"url": data_url(mime, b64), "detail": "auto"}}]}]})
        }),
        ("openai chat file", |mime, b64| {
            serde_json::json!({"model": "gpt-4o", "messages": [{"role": "user", "content": [
                {"type": "file", "file": {"filename": "underlag", "file_data": data_url(mime, b64)}},
                {"type": "text", "text": "Sammanfatta filen."}]}]})
        }),
        ("responses input_file", |mime, b64| {
            serde_json::json!({"model": "gpt-4.1", "input": [{"role": "user", "content": [
                {"type": "input_file", "filename": "underlag", "file_data": data_url(mime, b64)},
                {"type": "input_text", "text": "Sammanfatta filen."}]}]})
        }),
        ("responses input_image", |mime, b64| {
            serde_json::json!({"model": "gpt-4.1", "input": [{"role": "user", "content": [
                {"type": "input_image", "image_url": data_url(mime, b64)}]}]})
        }),
        ("anthropic document source", |mime, b64| {
            serde_json::json!({"model": "claude-sonnet-4", "max_tokens": 512, "messages": [{"role": "user", "content": [
                {"type": "document", "source": {"type": "base64", "media_type": mime, "data": b64}},
                {"type": "text", "text": "Sammanfatta."}]}]})
        }),
        ("anthropic image source, data first", |mime, b64| {
            serde_json::json!({"model": "claude-sonnet-4", "max_tokens": 512, "messages": [{"role": "user", "content": [
                {"type": "image", "source": {"data": b64, "media_type": mime, "type": "base64"}}]}]})
        }),
        ("gemini inline_data", |mime, b64| {
            serde_json::json!({"contents": [{"role": "user", "parts": [
                {"text": "Sammanfatta."}, {"inline_data": {"mime_type": mime, "data": b64}}]}]})
        }),
        ("gemini inlineData", |mime, b64| {
            serde_json::json!({"contents": [{"role": "user", "parts": [
                {"inlineData": {"data": b64, "mimeType": mime}}]}]})
        }),
        ("mistral image_url string", |mime, b64| {
            serde_json::json!({"model": "pixtral", "messages": [{"role": "user", "content": [
                {"type": "image_url", "image_url": data_url(mime, b64)}]}]})
        }),
        ("mistral document_url", |mime, b64| {
            serde_json::json!({"model": "mistral-small", "messages": [{"role": "user", "content": [
                {"type": "document_url", "document_url": data_url(mime, b64)}]}]})
        }),
        (
            "ollama images (raw base64, sniffed)",
            |_, b64| serde_json::json!({"model": "llava", "messages": [{"role": "user", "content": "Vad ser du?", "images": [b64]}]}),
        ),
        ("bedrock bytes (raw base64, sniffed)", |_, b64| {
            serde_json::json!({"messages": [{"role": "user", "content": [
                {"document": {"name": "underlag", "source": {"bytes": b64}}}]}]})
        }),
        (
            "plain base64 as the prompt",
            |_, b64| serde_json::json!({"model": "gpt-4o", "messages": [{"role": "user", "content": b64}]}),
        ),
    ]
}

fn check(inspection: &sluss::inspect::Inspection, expect: Expect) -> Result<(), String> {
    let found = inspection
        .findings
        .iter()
        .any(|f| f.kind == Kind::Personnummer);
    match expect {
        Expect::Found if found && matches!(inspection.outcome, Outcome::Block { .. }) => Ok(()),
        Expect::Unreadable
            if matches!(inspection.uninspectable, Some(Uninspectable::Embedded(_)))
                && inspection.outcome
                    == (Outcome::Block {
                        rule: Rule::Uninspectable,
                    }) =>
        {
            Ok(())
        }
        Expect::Clean if inspection.outcome == Outcome::Forward => Ok(()),
        _ => Err(format!(
            "outcome {:?}, uninspectable {:?}, findings {:?}",
            inspection.outcome, inspection.uninspectable, inspection.findings
        )),
    }
}

fn redacting() -> ServicePolicy {
    ServicePolicy::default().with(&PolicyOverrides {
        personnummer: Some(Action::Redact),
        ..PolicyOverrides::default()
    })
}

#[test]
fn every_family_and_payload_is_read_or_refused() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for (family, build) in families() {
        for payload in payloads() {
            let plain_prompt = family.starts_with("plain base64");
            if plain_prompt && payload.name != "text" && payload.name != "clean" {
                continue;
            }
            let b64 = STANDARD.encode(&payload.bytes);
            let body = build(payload.mime, &b64).to_string();
            let request = Request {
                body: body.as_bytes(),
                content_type: Some("application/json"),
                ..Request::default()
            };
            for policy in [ServicePolicy::default(), redacting()] {
                cases += 1;
                let inspection = inspect(&DETECTORS, &policy, &request, &Limits::default());
                if let Err(e) = check(&inspection, payload.expect) {
                    failures.push(format!("{family} / {}: {e}", payload.name));
                }
                // Decoded content cannot be redacted in place: a redacting policy still blocks.
                if payload.expect == Expect::Found
                    && !matches!(inspection.outcome, Outcome::Block { .. })
                {
                    failures.push(format!("{family} / {}: not blocked", payload.name));
                }
            }
        }
    }
    assert!(cases >= 100, "{cases}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn outcome_of(body: &serde_json::Value) -> sluss::inspect::Inspection {
    let body = body.to_string();
    let request = Request {
        body: body.as_bytes(),
        content_type: Some("application/json"),
        ..Request::default()
    };
    inspect(
        &DETECTORS,
        &ServicePolicy::default(),
        &request,
        &Limits::default(),
    )
}

#[test]
fn audio_is_uninspectable_in_every_shape() {
    let b64 = STANDARD.encode(b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0");
    let openai = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "input_audio", "input_audio": {"data": b64, "format": "wav"}}]}]});
    let mistral = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "input_audio", "input_audio": b64}]}]});
    let raw_pcm = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "input_audio", "input_audio": {"format": "pcm16", "data": STANDARD.encode([0u8, 1, 2, 3, 250, 251, 252, 253, 9, 9, 9, 9])}}]}]});
    for body in [openai, mistral, raw_pcm] {
        let inspection = outcome_of(&body);
        assert!(
            matches!(&inspection.uninspectable, Some(Uninspectable::Embedded(m)) if m.starts_with("audio/")),
            "{body}: {:?}",
            inspection.uninspectable
        );
    }
}

#[test]
fn anthropic_text_sources_and_percent_data_urls_are_read() {
    let text_source = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": SECRET}}]}]});
    assert!(check(&outcome_of(&text_source), Expect::Found).is_ok());
    let percent = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "data:text/plain,Patienten%20850101%2D2382"}}]}]});
    assert!(check(&outcome_of(&percent), Expect::Found).is_ok());
    let url_safe = serde_json::json!({"messages": [{"role": "user", "content":
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(SECRET)}]});
    assert!(check(&outcome_of(&url_safe), Expect::Found).is_ok());
}

#[test]
fn a_declared_text_type_over_an_image_is_judged_by_the_bytes() {
    let b64 = STANDARD.encode(PNG);
    let body = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "base64", "media_type": "text/plain", "data": b64}}]}]});
    assert!(check(&outcome_of(&body), Expect::Unreadable).is_ok());
}

#[test]
fn base64_inside_base64_is_followed_to_the_nesting_limit() {
    let inner = STANDARD.encode(SECRET);
    let once = serde_json::json!({"note": inner}).to_string();
    let body = serde_json::json!({"messages": [{"role": "user", "content": [
        {"type": "file", "file": {"file_data": data_url("application/json", &STANDARD.encode(once))}}]}]});
    assert!(check(&outcome_of(&body), Expect::Found).is_ok());
    // Deeper than the limit: refused, never passed unread.
    let mut value = SECRET.to_string();
    for _ in 0..8 {
        value = data_url("text/plain", &STANDARD.encode(&value));
    }
    let deep = serde_json::json!({"messages": [{"role": "user", "content": value}]});
    let inspection = outcome_of(&deep);
    assert_eq!(
        inspection.outcome,
        Outcome::Block {
            rule: Rule::Uninspectable
        },
        "{:?}",
        inspection.uninspectable
    );
}

#[test]
fn ordinary_strings_that_happen_to_be_base64_pass() {
    let body = serde_json::json!({"model": "gpt-4o", "user": "user_2aBcDeFgHiJkLmNoP",
        "messages": [{"role": "user", "content": "Sammanfattningen"}],
        "metadata": {"trace": "0123456789abcdef0123456789abcdef"}});
    assert_eq!(outcome_of(&body).outcome, Outcome::Forward);
}
