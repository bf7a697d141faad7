//! `sluss scan`: files, folders (recursively) or stdin, with the proxy's detectors and policy.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use sluss::body::charset;
use sluss::detect::mask::mask;
use sluss::detect::{Confidence, Finding};
use sluss::policy::Action;
use sluss::scan::{Report, scan_input};

use super::{ConfigArg, Format, load};

/// Show a progress bar on a terminal when the inputs are at least this large in total.
const PROGRESS_BYTES: u64 = 16 << 20;
/// … or this many.
const PROGRESS_FILES: usize = 200;
/// Context shown around a finding in text output, in bytes on each side.
const EXCERPT_CONTEXT: usize = 40;

/// Arguments of `sluss scan`.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    #[command(flatten)]
    config: ConfigArg,
    /// Decide with the policy of this registered service instead of the default policy.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Files or folders to scan; `-` or nothing reads stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

enum Source {
    Stdin,
    File(PathBuf),
}

struct Input {
    display: String,
    source: Source,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    kind: &'a str,
    start: usize,
    end: usize,
    rule: &'a str,
    confidence: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    path: &'a str,
    action: &'a str,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    error: String,
}

/// Runs `sluss scan`.
pub fn run(args: ScanArgs) -> anyhow::Result<ExitCode> {
    let (config, detectors, _) = load(&args.config)?;
    let policy = match &args.service {
        Some(name) => {
            let index = config.service_named(name).with_context(|| {
                let names: Vec<&str> = config.services.iter().map(|s| s.name.as_str()).collect();
                format!(
                    "no service named `{name}` in the register (registered: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )
            })?;
            config.policy_for(Some(index)).clone()
        }
        None => config.policy.clone(),
    };
    let inputs = collect_inputs(&args.paths)?;
    let progress = progress_bar(&inputs);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (mut errors, mut stopped, mut counts) = (0usize, false, [0usize; 3]);
    for input in &inputs {
        let bytes = match read(&input.source) {
            Ok(bytes) => bytes,
            Err(e) => {
                errors += 1;
                report_error(&mut out, args.format, &input.display, &format!("{e:#}"))?;
                continue;
            }
        };
        if let Some(bar) = &progress {
            bar.inc(bytes.len() as u64);
        }
        match scan_input(&detectors, &policy, &input.display, &bytes) {
            Ok(report) => {
                let action = report.action();
                counts[action as usize] += 1;
                stopped |= action != Action::Allow;
                match args.format {
                    Format::Json => print_json(&mut out, &input.display, &report)?,
                    Format::Text => print_text(&mut out, &input.display, &bytes, &report)?,
                }
            }
            Err(uninspectable) => {
                // As the proxy would: the policy's `uninspectable` action decides.
                let action = policy.uninspectable;
                counts[action as usize] += 1;
                stopped |= action != Action::Allow;
                report_uninspectable(
                    &mut out,
                    args.format,
                    &input.display,
                    action,
                    &uninspectable.to_string(),
                )?;
            }
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.format == Format::Text {
        writeln!(
            out,
            "scanned {} input{}: {} block, {} redact, {} allow{}",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" },
            counts[Action::Block as usize],
            counts[Action::Redact as usize],
            counts[Action::Allow as usize],
            if errors > 0 {
                format!(", {errors} error(s)")
            } else {
                String::new()
            }
        )?;
    }
    Ok(ExitCode::from(if errors > 0 {
        2
    } else if stopped {
        1
    } else {
        0
    }))
}

fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![Input {
            display: "-".into(),
            source: Source::Stdin,
        }]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                display: "-".into(),
                source: Source::Stdin,
            });
        } else if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)
                .with_context(|| format!("cannot read folder {}", path.display()))?;
            files.sort();
            inputs.extend(files.into_iter().map(|f| Input {
                display: f.display().to_string(),
                source: Source::File(f),
            }));
        } else {
            inputs.push(Input {
                display: path.display().to_string(),
                source: Source::File(path.clone()),
            });
        }
    }
    Ok(inputs)
}

/// Every file below `dir`; symbolic links to folders are not followed (no loops).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), files)?;
        } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
            files.push(entry.path());
        }
    }
    Ok(())
}

fn read(source: &Source) -> anyhow::Result<Vec<u8>> {
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read stdin")?;
            Ok(bytes)
        }
        Source::File(path) => {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
        }
    }
}

fn progress_bar(inputs: &[Input]) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .filter_map(|i| match &i.source {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    if total < PROGRESS_BYTES && inputs.len() < PROGRESS_FILES {
        return None;
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

fn report_error(
    out: &mut impl Write,
    format: Format,
    path: &str,
    error: &str,
) -> anyhow::Result<()> {
    eprintln!("sluss: {path}: {error}");
    if format == Format::Json {
        serde_json::to_writer(
            &mut *out,
            &JsonError {
                path,
                error: error.to_string(),
            },
        )?;
        writeln!(out)?;
    }
    Ok(())
}

fn report_uninspectable(
    out: &mut impl Write,
    format: Format,
    path: &str,
    action: Action,
    why: &str,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({"path": path, "action": action.as_str(), "uninspectable": why, "findings": []}),
            )?;
            writeln!(out)?;
        }
        Format::Text => writeln!(
            out,
            "{path}: {} (rule: uninspectable: {why})",
            action.as_str()
        )?,
    }
    Ok(())
}

fn print_json(out: &mut impl Write, path: &str, report: &Report) -> anyhow::Result<()> {
    let findings = report
        .findings
        .iter()
        .map(|f| JsonFinding {
            kind: f.kind.name(),
            start: f.span.start,
            end: f.span.end,
            rule: f.rule,
            confidence: f.confidence.as_str(),
        })
        .collect();
    serde_json::to_writer(
        &mut *out,
        &JsonReport {
            path,
            action: report.action().as_str(),
            findings,
        },
    )?;
    writeln!(out)?;
    Ok(())
}

fn print_text(
    out: &mut impl Write,
    path: &str,
    bytes: &[u8],
    report: &Report,
) -> anyhow::Result<()> {
    if report.findings.is_empty() {
        return Ok(());
    }
    let reason = match &report.verdict {
        sluss::policy::Verdict::Block { rule, .. } => format!(" (rule: {})", rule.as_str()),
        sluss::policy::Verdict::Redact { rules, .. } => {
            let names: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
            format!(" (rules: {})", names.join(", "))
        }
        sluss::policy::Verdict::Allow => String::new(),
    };
    writeln!(out, "{path}: {}{reason}", report.action().as_str())?;
    for f in &report.findings {
        let (line, column) = line_and_column(bytes, f.span.start);
        let note = if f.confidence == Confidence::Low {
            "  (reported only)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {line}:{column}  {:<22} {:<7} {:<26} {}{note}",
            f.kind.name(),
            f.confidence.as_str(),
            f.rule,
            excerpt(bytes, f, &report.findings)
        )?;
    }
    Ok(())
}

/// 1-based line and column (in characters) of byte `at`.
fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = decode(&before[line_start..]).chars().count() + 1;
    (line, column)
}

/// The finding's line around it, with every finding in view masked.
fn excerpt(bytes: &[u8], finding: &Finding, all: &[Finding]) -> String {
    let line_start = bytes[..finding.span.start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = bytes[finding.span.end..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| finding.span.end + i);
    let from = char_start(
        bytes,
        finding
            .span
            .start
            .saturating_sub(EXCERPT_CONTEXT)
            .max(line_start),
    );
    let to = char_start(bytes, (finding.span.end + EXCERPT_CONTEXT).min(line_end));
    let mut text = String::new();
    if from > line_start {
        text.push('…');
    }
    let mut at = from;
    let mut in_view: Vec<&Finding> = all
        .iter()
        .filter(|f| f.span.start < to && f.span.end > from)
        .collect();
    in_view.sort_by_key(|f| f.span.start);
    for f in in_view {
        if f.span.start < at {
            continue;
        }
        text.push_str(&decode(&bytes[at..f.span.start]));
        text.push_str(&mask(f.kind, &decode(&bytes[f.span.clone()])));
        at = f.span.end;
    }
    if at < to {
        text.push_str(&decode(&bytes[at..to]));
    }
    if to < line_end {
        text.push('…');
    }
    text.replace(['\t', '\r'], " ")
}

fn char_start(bytes: &[u8], mut at: usize) -> usize {
    if std::str::from_utf8(bytes).is_ok() {
        while at > 0 && at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
            at -= 1;
        }
    }
    at
}

fn decode(bytes: &[u8]) -> String {
    charset::decode(bytes, None)
        .map(|d| d.text)
        .unwrap_or_default()
}
