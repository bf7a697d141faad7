//! `sluss scan` as a user runs it: every document format read, with a finding and clean; files it
//! cannot read follow the uninspectable policy; UTF-16 files (with and without a byte-order mark) are read,
//! text output stays linear in the number of findings (issue 10), and the policy key
//! `internal_material` is accepted by `sluss check` and followed per service.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{Res, TempDir};

fn sluss() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sluss"))
}

fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn json_lines(out: &Output) -> Res<Vec<serde_json::Value>> {
    Ok(std::str::from_utf8(&out.stdout)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?)
}

#[test]
fn utf16_text_files_are_decoded_with_and_without_a_byte_order_mark() -> Res {
    let dir = TempDir::new("scan-utf16")?;
    let text = "Anteckning\r\nSökande: Åsa Öberg, personnummer 850101-2382.\r\n";
    for (name, big, bom) in [
        ("le-bom.txt", false, true),
        ("be-bom.txt", true, true),
        ("le.txt", false, false),
        ("be.txt", true, false),
    ] {
        let path = dir.path(name);
        let bytes = utf16(text, big, bom);
        std::fs::write(&path, &bytes)?;
        let out = sluss()
            .args(["scan", "--format", "json"])
            .arg(&path)
            .output()?;
        assert_eq!(out.status.code(), Some(1), "{name}: {out:?}");
        let report = &json_lines(&out)?[0];
        assert_eq!(report["action"], "block", "{name}");
        let number = report["findings"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["kind"] == "personnummer"))
            .ok_or("no personnummer")?;
        let (start, end) = (
            number["start"].as_u64().ok_or("start")? as usize,
            number["end"].as_u64().ok_or("end")? as usize,
        );
        assert_eq!(&bytes[start..end], &utf16("850101-2382", big, false)[..]);
        let out = sluss()
            .args(["scan", "--format", "text"])
            .arg(&path)
            .output()?;
        let shown = String::from_utf8(out.stdout)?;
        let row = shown
            .lines()
            .find(|l| l.contains("personnummer") && l.contains("pnr."))
            .ok_or("no personnummer row")?;
        assert!(row.trim_start().starts_with("2:34 "), "{name}: {row}");
        assert!(
            !shown.contains("2382"),
            "{name}: the value is shown: {shown}"
        );
    }
    Ok(())
}

/// Runs `sluss scan` with its output thrown away and returns how long it took, or an error
/// when it has not finished within `limit` (then it is stopped).
fn timed_scan(format: &str, path: &Path, limit: Duration) -> Res<Duration> {
    let mut child = sluss()
        .args(["scan", "--format", format])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = child.id();
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    match rx.recv_timeout(limit) {
        Ok(status) => {
            assert_eq!(status?.code(), Some(1), "{format}: the file holds findings");
            Ok(started.elapsed())
        }
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            Err(format!("--format {format} took more than {limit:?}").into())
        }
    }
}

/// A file of `size` bytes, a finding every 20 bytes, long lines and short ones.
fn dense_file(dir: &TempDir, size: usize) -> Res<std::path::PathBuf> {
    let path = dir.path(&format!("dense-{size}.txt"));
    let mut text = String::with_capacity(size);
    let mut i = 0usize;
    while text.len() < size {
        text.push_str("pnr 850101-2382 ");
        text.push_str(if i % 400 == 399 { "\n" } else { "; " });
        i += 1;
    }
    std::fs::write(&path, &text)?;
    Ok(path)
}

#[test]
fn text_output_of_a_file_dense_with_findings_grows_linearly() -> Res {
    // Text output that reads the text again for every finding (line:column, excerpt) is
    // quadratic: four times the findings would take sixteen times as long. The ratio is
    // measured in one run, so a slow machine does not matter.
    let dir = TempDir::new("scan-dense")?;
    let (small, large) = (dense_file(&dir, 1 << 20)?, dense_file(&dir, 4 << 20)?);
    let small_time = timed_scan("text", &small, Duration::from_secs(600))?;
    // The limit also bounds the test when text output regresses: it is stopped, not waited for.
    let limit = small_time * 8 + Duration::from_secs(1);
    let large_time = timed_scan("text", &large, limit)?;
    assert!(
        large_time <= limit,
        "4 MiB {large_time:?}, 1 MiB {small_time:?}: four times the findings must take at most \
         eight times as long"
    );
    let json_time = timed_scan("json", &large, Duration::from_secs(600))?;
    eprintln!("4 MiB dense: text {large_time:?}, json {json_time:?}; 1 MiB text {small_time:?}");
    Ok(())
}

fn write_config(dir: &TempDir, body: &str) -> Res<std::path::PathBuf> {
    let d = dir.0.display();
    let path = dir.path("sluss.toml");
    std::fs::write(
        &path,
        format!(
            "[ca]\ncert = \"{d}/ca.pem\"\nkey = \"{d}/ca-key.pem\"\n\n[audit]\npath = \"{d}/audit.jsonl\"\n\n{body}"
        ),
    )?;
    Ok(path)
}

#[test]
fn internal_material_blocks_by_default_and_a_service_approved_for_it_allows_it() -> Res {
    let dir = TempDir::new("scan-internal")?;
    let config = write_config(
        &dir,
        "[[service]]\nname = \"Intern AI\"\nhosts = [\"ai.kommun.example\"]\n\
         policy = { internal_material = \"allow\" }\n",
    )?;
    let check = sluss().args(["check", "--config"]).arg(&config).output()?;
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let notes = dir.path("notes.txt");
    std::fs::write(
        &notes,
        "Arbetsmaterial – får ej spridas\nFörslag till ny organisation för kultur- och fritidsförvaltningen.\n",
    )?;
    let default = sluss()
        .args(["scan", "--format", "json", "--config"])
        .arg(&config)
        .arg(&notes)
        .output()?;
    assert_eq!(default.status.code(), Some(1), "{default:?}");
    let report = &json_lines(&default)?[0];
    assert_eq!(report["action"], "block");
    assert!(
        report["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["kind"] == "internal_material")),
        "{report}"
    );
    let approved = sluss()
        .args([
            "scan",
            "--format",
            "json",
            "--service",
            "Intern AI",
            "--config",
        ])
        .arg(&config)
        .arg(&notes)
        .output()?;
    assert_eq!(approved.status.code(), Some(0), "{approved:?}");
    let text = sluss()
        .args(["scan", "--format", "text", "--config"])
        .arg(&config)
        .arg(&notes)
        .output()?;
    assert!(String::from_utf8(text.stdout)?.contains("(rule: internal_material)"));
    Ok(())
}

#[test]
fn check_refuses_redacting_internal_material() -> Res {
    let dir = TempDir::new("scan-internal-redact")?;
    let config = write_config(&dir, "[policy]\ninternal_material = \"redact\"\n")?;
    let check = sluss().args(["check", "--config"]).arg(&config).output()?;
    assert_eq!(check.status.code(), Some(2), "{check:?}");
    let said = String::from_utf8(check.stdout)? + &String::from_utf8(check.stderr)?;
    assert!(said.contains("internal_material"), "{said}");
    Ok(())
}

const DOCUMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents");

/// `sluss scan --format json` of one file: its exit code and its report.
fn scan_json(path: &Path, config: Option<&Path>) -> Res<(Option<i32>, serde_json::Value)> {
    let mut command = sluss();
    command.args(["scan", "--format", "json"]);
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let out = command.arg(path).output()?;
    let report = json_lines(&out)?
        .into_iter()
        .next()
        .ok_or_else(|| format!("no report for {}: {out:?}", path.display()))?;
    Ok((out.status.code(), report))
}

#[test]
fn every_supported_format_is_scanned_with_a_finding_and_clean() -> Res {
    // Made with LibreOffice from tests/data/documents/source (CSV and Markdown by hand).
    let cases: &[(&str, &str)] = &[
        ("beslut.docx", "clean.docx"),
        ("header-marking.docx", "clean.docx"),
        ("register.xlsx", "budget.xlsx"),
        ("presentation.pptx", "clean-slides.pptx"),
        ("beslut.odt", "clean.odt"),
        ("header-marking.odt", "clean.odt"),
        ("register.ods", "budget.ods"),
        ("presentation.odp", "clean-slides.odp"),
        ("beslut.rtf", "clean.rtf"),
        ("beslut.html", "clean.html"),
        ("beslut.pdf", "clean.pdf"),
        ("header-marking.pdf", "clean.pdf"),
        ("register.csv", "clean.csv"),
        ("beslut.md", "clean.md"),
    ];
    for (finding, clean) in cases {
        let (code, report) = scan_json(&Path::new(DOCUMENTS).join(finding), None)?;
        assert_eq!(code, Some(1), "{finding}: {report}");
        assert_eq!(report["action"], "block", "{finding}");
        let kinds: Vec<&str> = report["findings"]
            .as_array()
            .map(|f| f.iter().filter_map(|f| f["kind"].as_str()).collect())
            .unwrap_or_default();
        assert!(
            kinds
                .iter()
                .any(|k| *k == "personnummer" || *k == "confidentiality_marker"),
            "{finding}: {kinds:?}"
        );
        let (code, report) = scan_json(&Path::new(DOCUMENTS).join(clean), None)?;
        assert_eq!(code, Some(0), "{clean}: {report}");
        assert_eq!(report["action"], "allow", "{clean}");
    }
    Ok(())
}

#[test]
fn a_file_sluss_cannot_read_follows_the_uninspectable_policy() -> Res {
    let dir = TempDir::new("scan-binary")?;
    // Bytes that are no format and not text (a NUL, bytes of no code page), named as text, as
    // an unknown type and without a name sluss knows: never read as Windows-1252 text.
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    binary.extend((0u8..=255).cycle().take(4096));
    for name in ["program.bin", "program", "notes.txt"] {
        std::fs::write(dir.path(name), &binary)?;
    }
    let scanned = std::fs::read(Path::new(DOCUMENTS).join("scanned.pdf"))?;
    std::fs::write(dir.path("scanned.pdf"), &scanned)?;
    let encrypted = std::fs::read(Path::new(DOCUMENTS).join("encrypted.pdf"))?;
    std::fs::write(dir.path("encrypted.pdf"), &encrypted)?;
    let expected = [
        ("program.bin", "unsupported_type"),
        ("program", "unsupported_type"),
        ("notes.txt", "unsupported_type"),
        ("scanned.pdf", "image_only"),
        ("encrypted.pdf", "encrypted"),
    ];
    let allow = write_config(&dir, "[policy]\nuninspectable = \"allow\"\n")?;
    for (name, reason) in expected {
        let path = dir.path(name);
        // The default policy stops what cannot be inspected.
        let (code, report) = scan_json(&path, None)?;
        assert_eq!(code, Some(1), "{name}: {report}");
        assert_eq!(report["action"], "block", "{name}");
        assert_eq!(report["reason"], reason, "{name}: {report}");
        // A policy that lets it pass says so, and exits 0.
        let (code, report) = scan_json(&path, Some(&allow))?;
        assert_eq!(code, Some(0), "{name}: {report}");
        assert_eq!(report["action"], "allow", "{name}");
        assert_eq!(report["reason"], reason, "{name}");
    }
    let text = sluss()
        .args(["scan", "--format", "text"])
        .arg(dir.path("scanned.pdf"))
        .output()?;
    let shown = String::from_utf8(text.stdout)?;
    assert!(
        shown.contains(
            "block (rule: uninspectable: the PDF file has pages with images but no text (scanned))"
        ),
        "{shown}"
    );
    Ok(())
}
