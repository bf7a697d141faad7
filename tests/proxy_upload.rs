//! Upload hosts end to end: a chat UI sends files to blob storage with a presigned `PUT`. A
//! register entry's `upload_hosts` (and the catalogue's upload hosts of a registered service)
//! are intercepted and their bodies inspected as files under the service's policy, on any path;
//! the catalogue's upload hosts of a service that is not registered are answered "not
//! approved"; the PAC file and `/register` name them; `sluss check` reports a bad one with its
//! file and line.

mod common;

use std::io::Write;
use std::process::Command;

use common::*;
use http::StatusCode;

/// The registered service's chat host (approved only under `/v1/`).
const FILES_AI: &str = "files-ai.kommun.test";
/// One of its upload hosts, under `*.blob.kommun.test`.
const BLOB: &str = "x1.blob.kommun.test";
/// Its other upload host (exact).
const UPLOAD: &str = "upload.kommun.test";
/// An upload host of ChatGPT in the catalogue.
const CHATGPT_UPLOAD: &str = "sdmntprwestus.oaiusercontent.com";

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// A presigned path as Azure Blob Storage gives them.
const PRESIGNED: &str = "/files/00000000-2554-7230/raw?se=2026-12-04T10%3A15%3A00Z&sp=w&sv=2024-08-04&sr=b&sig=c2lnbmF0dXJl";

fn docx(text: &str) -> Res<Vec<u8>> {
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    );
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )?;
    zip.write_all(xml.as_bytes())?;
    zip.finish()?;
    Ok(buffer.into_inner())
}

async fn start(extra: &str) -> Res<(Upstream, Sluss)> {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        resolve: [FILES_AI, BLOB, UPLOAD, CHATGPT_UPLOAD]
            .iter()
            .map(|h| (format!("{h}:443"), upstream.addr))
            .collect(),
        extra: format!(
            "[[service]]\nname = \"Filtjänst\"\nhosts = [\"{FILES_AI}\"]\npaths = [\"/v1/\"]\n\
             upload_hosts = [\"*.blob.kommun.test\", \"{UPLOAD}\"]\n{extra}"
        ),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    Ok((upstream, sluss))
}

/// PUTs `body` as `content_type` to `https://{host}{path}` through sluss.
async fn put(
    sluss: &Sluss,
    host: &str,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Res<(StatusCode, String)> {
    let response = sluss
        .client()?
        .put(format!("https://{host}{path}"))
        .header("content-type", content_type)
        .header("x-ms-blob-type", "BlockBlob")
        .header("origin", "https://chat.example")
        .body(body)
        .send()
        .await?;
    let status = response.status();
    Ok((status, response.text().await?))
}

#[tokio::test]
async fn an_upload_with_a_personnummer_is_stopped_and_a_clean_one_passes_whole() -> Res {
    let (upstream, sluss) = start("").await?;
    let stamped = docx(&format!("Beslut för {PNR} om bistånd."))?;
    let (status, text) = put(&sluss, BLOB, PRESIGNED, DOCX, stamped).await?;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    assert!(!leaks_pnr(&text));
    let (status, _) = put(
        &sluss,
        UPLOAD,
        "/any/path/notes.txt",
        "text/plain; charset=utf-8",
        format!("Anteckningar: {PNR}").into_bytes(),
    )
    .await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        upstream.received().is_empty(),
        "nothing reached the blob storage"
    );

    let records = sluss.audit_records();
    assert_eq!(records.len(), 2);
    for (record, host) in records.iter().zip([BLOB, UPLOAD]) {
        assert_eq!(record["event"]["action"], "block");
        assert_eq!(record["event"]["reason"], "personnummer");
        assert_eq!(record["sluss"]["service"], "Filtjänst");
        assert_eq!(record["url"]["domain"], host);
        assert_eq!(record["http"]["request"]["method"], "PUT");
    }
    assert!(!leaks_pnr(&sluss.audit_text()));

    // Clean files pass byte for byte, on paths outside the service's `/v1/`.
    let clean = docx("Protokoll från biblioteksnämndens öppna möte.")?;
    let (status, _) = put(&sluss, BLOB, PRESIGNED, DOCX, clean.clone()).await?;
    assert_eq!(status, StatusCode::OK);
    let text = "Program för temadagen om läsning.".as_bytes().to_vec();
    let (status, _) = put(
        &sluss,
        UPLOAD,
        "/any/path/notes.txt",
        "text/plain",
        text.clone(),
    )
    .await?;
    assert_eq!(status, StatusCode::OK);
    let received = upstream.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].method, "PUT");
    assert_eq!(received[0].host, BLOB);
    assert_eq!(received[0].path, PRESIGNED);
    assert_eq!(received[0].body.as_ref(), clean.as_slice());
    assert_eq!(received[0].headers["x-ms-blob-type"], "BlockBlob");
    assert_eq!(received[1].body.as_ref(), text.as_slice());
    sluss.stop().await
}

#[tokio::test]
async fn a_raw_file_upload_is_inspected_not_passed() -> Res {
    let (upstream, sluss) = start("").await?;
    // A presigned PUT often says only `application/octet-stream`: the bytes decide (a .docx by
    // its zip signature once the document readers sniff it; until then it is uninspectable),
    // and either way it does not pass with a personnummer inside.
    let stamped = docx(&format!("Beslut för {PNR} om bistånd."))?;
    let (status, _) = put(&sluss, BLOB, PRESIGNED, "application/octet-stream", stamped).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(upstream.received().is_empty());
    let reason = sluss.audit_records()[0]["event"]["reason"].clone();
    assert!(
        reason == "personnummer" || reason == "uninspectable",
        "{reason}"
    );
    sluss.stop().await
}

#[tokio::test]
async fn a_known_services_upload_host_follows_the_service() -> Res {
    // Not registered: the upload host is answered "not approved", naming the service.
    let (upstream, sluss) = start("").await?;
    let clean = docx("Protokoll från biblioteksnämndens öppna möte.")?;
    let (status, text) = put(&sluss, CHATGPT_UPLOAD, PRESIGNED, DOCX, clean.clone()).await?;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    assert!(
        text.contains("ChatGPT") && text.contains("not_approved"),
        "{text}"
    );
    assert!(upstream.received().is_empty());
    sluss.stop().await?;

    // Registered by its main host: its upload hosts come along and are inspected.
    let registered = "\n[[service]]\nname = \"ChatGPT Edu\"\nhosts = [\"chatgpt.com\"]\n";
    let (upstream, sluss) = start(registered).await?;
    let (status, _) = put(&sluss, CHATGPT_UPLOAD, PRESIGNED, DOCX, clean).await?;
    assert_eq!(status, StatusCode::OK);
    let stamped = docx(&format!("Beslut för {PNR} om bistånd."))?;
    let (status, _) = put(&sluss, CHATGPT_UPLOAD, PRESIGNED, DOCX, stamped).await?;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(upstream.received().len(), 1, "only the clean file arrived");
    let records = sluss.audit_records();
    assert_eq!(records[0]["sluss"]["service"], "ChatGPT Edu");
    assert_eq!(records[0]["url"]["domain"], CHATGPT_UPLOAD);
    sluss.stop().await
}

#[tokio::test]
async fn the_pac_file_and_the_register_name_the_upload_hosts() -> Res {
    let registered = "\n[[service]]\nname = \"ChatGPT Edu\"\nhosts = [\"chatgpt.com\"]\n";
    let (_upstream, sluss) = start(registered).await?;
    let direct = direct_client()?;
    let base = format!("http://{}", sluss.addr);
    let pac = direct
        .get(format!("{base}/proxy.pac"))
        .send()
        .await?
        .text()
        .await?;
    for host in [
        "\".blob.kommun.test\"",
        "\"upload.kommun.test\"",
        "\".oaiusercontent.com\"",
    ] {
        assert!(pac.contains(host), "{host} missing from the PAC file");
    }
    let register = direct.get(format!("{base}/register.json")).send().await?;
    let json: serde_json::Value = serde_json::from_str(&register.text().await?)?;
    let services = json["services"].as_array().cloned().unwrap_or_default();
    let named = |name: &str| services.iter().find(|s| s["name"] == name).cloned();
    let files = named("Filtjänst").ok_or("Filtjänst missing")?;
    assert_eq!(
        files["upload_hosts"],
        serde_json::json!(["*.blob.kommun.test", UPLOAD])
    );
    let edu = named("ChatGPT Edu").ok_or("ChatGPT Edu missing")?;
    assert_eq!(
        edu["upload_hosts"],
        serde_json::json!(["*.oaiusercontent.com"])
    );
    let page = direct
        .get(format!("{base}/register"))
        .send()
        .await?
        .text()
        .await?;
    assert!(page.contains("Adresser för filuppladdning"));
    assert!(page.contains("*.blob.kommun.test, upload.kommun.test"));
    sluss.stop().await
}

#[test]
fn sluss_check_reports_a_bad_upload_host_with_its_file_and_line() -> Res {
    let dir = TempDir::new("upload-check")?;
    let path = dir.path("sluss.toml");
    std::fs::write(
        &path,
        "[[service]]\nname = \"A\"\nhosts = [\"a.kommun.se\"]\nupload_hosts = [\n  \"*.blob.kommun.se\",\n  \"https://files.kommun.se/\",\n]\n",
    )?;
    let out = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["check", "--config"])
        .arg(&path)
        .output()?;
    assert_eq!(out.status.code(), Some(2));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("sluss.toml:6:") && text.contains("host `https://files.kommun.se/`"),
        "{text}"
    );
    Ok(())
}

/// A PDF of `pages` pages, each showing a line of text.
fn pdf_pages(pages: usize) -> Res<Vec<u8>> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 700 Td (Protokoll) Tj ET".to_vec(),
    ));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => i64::try_from(pages)?,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

/// A `multipart/form-data` body with one file, and its content type.
fn multipart(name: &str, content_type: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----sluss-test-7MA4YWxkTrZu0gW";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn documents_that_cannot_be_read_are_stopped_naming_why_on_the_page_and_in_the_log() -> Res {
    let (upstream, sluss) = start("").await?;
    let documents = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents");
    let read = |name: &str| std::fs::read(format!("{documents}/{name}"));
    let whole = read("beslut.docx")?;
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("word/document.xml", options)?;
        zip.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>x")?;
        zip.write_all(&vec![b' '; 32 << 20])?;
        zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")?;
        zip.finish()?;
    }
    // (file name, type, bytes, reason code, what the page says)
    let cases: Vec<(&str, &str, Vec<u8>, &str, &str)> = vec![
        (
            "beslut.pdf",
            "application/pdf",
            read("encrypted.pdf")?,
            "encrypted",
            "dokumentet är krypterat med lösenord",
        ),
        (
            "skannat.pdf",
            "application/pdf",
            read("scanned.pdf")?,
            "image_only",
            "dokumentet är inskannat: sidorna är bilder utan text",
        ),
        (
            "beslut.docx",
            DOCX,
            whole[..whole.len() / 2].to_vec(),
            "corrupt",
            "filen är skadad eller ofullständig",
        ),
        (
            "protokoll.pdf",
            "application/pdf",
            pdf_pages(2001)?,
            "over_limit",
            "dokumentet har fler sidor eller delar än vad sluss kan granska",
        ),
        (
            "stor.docx",
            DOCX,
            bomb,
            "too_large",
            "meddelandet är större än vad sluss kan granska",
        ),
    ];
    let client = sluss.client()?;
    for (name, content_type, file, _, said) in &cases {
        // A form post of the file from the service's page: the Swedish block page.
        let (multipart_type, body) = multipart(name, content_type, file);
        let response = client
            .post(format!("https://{FILES_AI}/v1/files"))
            .header("content-type", multipart_type)
            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .header("sec-fetch-mode", "navigate")
            .header("sec-fetch-dest", "document")
            .body(body)
            .send()
            .await?;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{name}");
        let incident = response.headers()["x-sluss-incident"].to_str()?.to_string();
        let page = response.text().await?;
        assert!(
            page.contains(&format!("Innehållet kunde inte granskas ({said})")),
            "{name}: {page}"
        );
        assert!(page.contains(&incident), "{name}");
        // The same file PUT raw to the upload host by the app's fetch: JSON naming why.
        let (status, text) = put(&sluss, BLOB, PRESIGNED, content_type, file.clone()).await?;
        assert_eq!(status, StatusCode::FORBIDDEN, "{name}: {text}");
        assert!(text.contains(said), "{name}: {text}");
    }
    assert!(
        upstream.received().is_empty(),
        "nothing reached the service"
    );
    let records = sluss.audit_records();
    let reasons: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r["event"]["reason"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                r["sluss"]["uninspectable"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = cases
        .iter()
        .flat_map(|(_, _, _, reason, _)| {
            let pair = ("uninspectable".to_string(), reason.to_string());
            [pair.clone(), pair]
        })
        .collect();
    assert_eq!(reasons, expected);
    sluss.stop().await
}
