//! Engine-change guard: scans every text of the project's corpora (tests/data, except the blind
//! evaluation sets `eval/frozen` and `eval/fresh`, which only `cargo test --test eval` reads)
//! and prints every finding (kind, rule, span, confidence, digits, person), one per line.
//!
//! Run it before and after a change to the scanner's engine and compare the outputs; they must
//! be identical:
//!
//! ```text
//! cargo run --release --example scan_snapshot > /tmp/before.txt
//! ```
//!
//! The texts: the corpus, every string of the TOML case files and of the personnummer lists
//! (alone, and the lists' numbers in sentences), the documents (read as `sluss scan` reads
//! them), the fuzz seeds, variants of each short text (upper case, lower case, no-break spaces,
//! line breaks, fullwidth digits), all short texts joined into one long text, and the
//! benchmark's inputs (whole and in parts).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sluss::detect::{Date, Detectors, Finding};
use sluss::policy::ServicePolicy;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
const FUZZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus");

fn main() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let today = Date::new(2026, 12, 4).unwrap_or_else(|| unreachable!());
    let mut out = String::new();
    let mut short = Vec::new();
    for (source, text) in texts() {
        scan_one(&detectors, today, &source, &text, &mut out);
        for (variant, changed) in variants(&text) {
            scan_one(
                &detectors,
                today,
                &format!("{source}#{variant}"),
                &changed,
                &mut out,
            );
        }
        short.push(text);
    }
    let joined = short.join("\n");
    scan_one(&detectors, today, "joined", &joined, &mut out);
    let parts = detectors.scan_in_parts(&joined, today, 3);
    write_findings(&mut out, "joined#parts3", &parts);
    for (source, text) in bench_inputs() {
        scan_one(&detectors, today, &source, &text, &mut out);
        let one = detectors.scan_in_parts(&text, today, 1);
        write_findings(&mut out, &format!("{source}#one_core"), &one);
    }
    documents(&detectors, &mut out);
    print!("{out}");
}

fn scan_one(detectors: &Detectors, today: Date, source: &str, text: &str, out: &mut String) {
    let findings = detectors.scan_on(text, today);
    write_findings(out, source, &findings);
}

fn write_findings(out: &mut String, source: &str, findings: &[Finding]) {
    let _ = writeln!(out, "{source}: {}", findings.len());
    for f in findings {
        let digits = f.digits.map(|d| d.expose()).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {} {}..{} {} {digits} {:?}",
            f.kind,
            f.rule,
            f.span.start,
            f.span.end,
            f.confidence.as_str(),
            f.person
        );
    }
}

/// Every text of the corpora, with a name saying where it came from.
fn texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let corpus = read(&Path::new(DATA).join("corpus.jsonl"));
    for (n, line) in corpus.lines().enumerate() {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
            strings_json(&value, &format!("corpus:{n}"), &mut texts);
        }
    }
    let mut tomls = files(Path::new(DATA), "toml");
    tomls.sort();
    for path in tomls {
        let name = display(&path);
        if let Ok(value) = toml::from_str::<toml::Value>(&read(&path)) {
            strings_toml(&value, &name, &mut texts);
        }
    }
    for list in ["allPins", "allCoords", "interim", "list", "orgnumber"] {
        let path = Path::new(DATA).join(format!("personnummer-meta/{list}.json"));
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&read(&path)) else {
            continue;
        };
        let mut numbers = Vec::new();
        strings_json(&value, list, &mut numbers);
        for (k, chunk) in numbers.chunks(40).enumerate() {
            let values: Vec<&str> = chunk.iter().map(|(_, v)| v.as_str()).collect();
            texts.push((
                format!("{list}:sentence{k}"),
                format!("Personnummer för de sökande: {}.", values.join(", ")),
            ));
            texts.push((format!("{list}:bare{k}"), values.join("\n")));
        }
        if list != "allPins" {
            texts.extend(numbers);
        }
    }
    let mut seeds = files(Path::new(FUZZ), "");
    seeds.sort();
    for path in seeds {
        if let Ok(bytes) = std::fs::read(&path) {
            texts.push((display(&path), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    texts
}

fn strings_json(value: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::String(s) => out.push((at.to_string(), s.clone())),
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings_json(v, &format!("{at}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                strings_json(v, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn strings_toml(value: &toml::Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((at.to_string(), s.clone())),
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                strings_toml(v, &format!("{at}[{i}]"), out);
            }
        }
        toml::Value::Table(map) => {
            for (k, v) in map {
                strings_toml(v, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Disguises and case changes of a text (only texts long enough to hold a finding).
fn variants(text: &str) -> Vec<(&'static str, String)> {
    if text.len() < 12 || text.len() > 20_000 {
        return Vec::new();
    }
    let fullwidth: String = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0xFF10 + d).unwrap_or(c),
            _ => c,
        })
        .collect();
    vec![
        ("upper", text.to_uppercase()),
        ("lower", text.to_lowercase()),
        ("nbsp", text.replace(' ', "\u{a0}")),
        ("lines", text.replace(". ", ".\n")),
        ("fullwidth", fullwidth),
    ]
}

/// The texts of `benches/scan.rs` (the same construction).
fn bench_inputs() -> Vec<(String, String)> {
    let corpus = read(&Path::new(DATA).join("corpus.jsonl"));
    let select = |groups: &[&str]| -> Vec<String> {
        corpus
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| groups.iter().any(|g| v["group"] == *g))
            .filter_map(|v| v["text"].as_str().map(str::to_string))
            .collect()
    };
    let clean = select(&["clean", "marker_generic"]);
    let mut mixed = select(&["clean"]);
    mixed.extend(
        select(&["pnr_plain", "sensitive_id", "marker", "pnr_evasion"])
            .into_iter()
            .step_by(9),
    );
    let mut inputs = Vec::new();
    for size in [1 << 10, 64 << 10, 1 << 20] {
        inputs.push((format!("bench:prose_clean:{size}"), fill(&clean, size)));
        inputs.push((format!("bench:prose_findings:{size}"), fill(&mixed, size)));
        let chat = serde_json::json!({"model": "gpt-4o", "messages": [
            {"role": "user", "content": fill(&clean, size)}]})
        .to_string();
        inputs.push((format!("bench:chat_json:{size}"), chat));
    }
    inputs
}

fn fill(pieces: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 512);
    let mut i = 0;
    while out.len() < size && !pieces.is_empty() {
        out.push_str(&pieces[(i * 7) % pieces.len()]);
        out.push(if i % 5 == 4 { '\n' } else { ' ' });
        i += 1;
    }
    out
}

/// The document files, read and scanned as `sluss scan` does.
fn documents(detectors: &Detectors, out: &mut String) {
    let policy = ServicePolicy::default();
    let mut paths = files(&Path::new(DATA).join("documents"), "");
    paths.sort();
    for path in paths {
        let name = display(&path);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        match sluss::scan::scan_input(detectors, &policy, &name, &bytes) {
            Ok(report) => write_findings(out, &name, &report.findings),
            Err(e) => {
                let _ = writeln!(out, "{name}: uninspectable {e}");
            }
        }
    }
}

/// Files under `dir` ending in `ext` (every file for ""), skipping the blind evaluation sets.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.to_string_lossy();
        if name.contains("eval/frozen") || name.contains("eval/fresh") {
            continue;
        }
        if path.is_dir() {
            found.extend(files(&path, ext));
        } else if ext.is_empty() || path.extension().is_some_and(|e| e == ext) {
            found.push(path);
        }
    }
    found
}

fn display(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
