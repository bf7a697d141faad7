//! `sluss scan`: files, folders (recursively) or stdin, with the proxy's detectors and policy.

use std::borrow::Cow;
use std::io::{IsTerminal, Read, Write};
use std::ops::Range;
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
    // Buffered: a file dense with findings is hundreds of thousands of lines (flushed after
    // each input).
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut errors, mut stopped, mut counts) = (0usize, false, [0usize; 4]);
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
                    &uninspectable,
                )?;
            }
        }
        out.flush()?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if args.format == Format::Text {
        writeln!(
            out,
            "scanned {} input{}: {} block, {} redact, {} allow{}{}",
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" },
            counts[Action::Block as usize],
            counts[Action::Redact as usize],
            counts[Action::Allow as usize],
            match counts[Action::Warn as usize] {
                0 => String::new(),
                n => format!(", {n} warn"),
            },
            if errors > 0 {
                format!(", {errors} error(s)")
            } else {
                String::new()
            }
        )?;
    }
    out.flush()?;
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
    why: &sluss::body::Uninspectable,
) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            let reason = why.reason().code;
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({"path": path, "action": action.as_str(), "uninspectable": why.to_string(), "reason": reason, "findings": []}),
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
        sluss::policy::Verdict::Block { rule, .. } | sluss::policy::Verdict::Warn { rule, .. } => {
            format!(" (rule: {})", rule.as_str())
        }
        sluss::policy::Verdict::Redact { rules, .. } => {
            let names: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
            format!(" (rules: {})", names.join(", "))
        }
        sluss::policy::Verdict::Allow => String::new(),
    };
    writeln!(out, "{path}: {}{reason}", report.action().as_str())?;
    let spans: Vec<Range<usize>> = report.findings.iter().map(|f| f.span.clone()).collect();
    let (display, spans) = displayed(bytes, spans);
    let lines = TextLines::new(&display, &spans);
    for (k, f) in report.findings.iter().enumerate() {
        let (line, column) = lines.position(k);
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
            lines.excerpt(k, &report.findings)
        )?;
    }
    Ok(())
}

/// The text shown for an input and the findings' spans in it: the input itself, or, for a
/// UTF-16 file, its UTF-8 decoding (spans mapped in one pass).
fn displayed(bytes: &[u8], spans: Vec<Range<usize>>) -> (Cow<'_, [u8]>, Vec<Range<usize>>) {
    let big = match sluss::scan::utf16_charset(bytes) {
        Some("utf-16be") => true,
        Some(_) => false,
        None => return (Cow::Borrowed(bytes), spans),
    };
    let bom = usize::from(bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]));
    let units = bytes[2 * bom..].chunks_exact(2).map(|c| {
        if big {
            u16::from_be_bytes([c[0], c[1]])
        } else {
            u16::from_le_bytes([c[0], c[1]])
        }
    });
    // Every span boundary, sorted, is met once while the code units are decoded in order.
    let mut bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut mapped = vec![0; bounds.len()];
    let mut next = 0;
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut at = 2 * bom;
    for c in char::decode_utf16(units) {
        while next < bounds.len() && bounds[next] <= at {
            mapped[next] = text.len();
            next += 1;
        }
        let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
        at += 2 * c.len_utf16().min(2);
        text.push(c);
    }
    for m in &mut mapped[next..] {
        *m = text.len();
    }
    let map = |x: usize| mapped[bounds.partition_point(|&b| b < x)];
    let spans = spans.iter().map(|s| map(s.start)..map(s.end)).collect();
    (Cow::Owned(text.into_bytes()), spans)
}

/// Line, column and excerpt of every finding, computed in one pass over the text (a scan
/// with many findings must not read the text again for each one).
struct TextLines<'a> {
    bytes: &'a [u8],
    spans: &'a [Range<usize>],
    /// Finding indices by start.
    order: Vec<usize>,
    /// Position of each finding in `order`.
    rank: Vec<usize>,
    /// (line, column, line start) of each finding.
    at: Vec<(usize, usize, usize)>,
    utf8: bool,
}

impl<'a> TextLines<'a> {
    fn new(bytes: &'a [u8], spans: &'a [Range<usize>]) -> TextLines<'a> {
        let utf8 = std::str::from_utf8(bytes).is_ok();
        let mut order: Vec<usize> = (0..spans.len()).collect();
        order.sort_by_key(|&k| spans[k].start);
        let mut rank = vec![0; spans.len()];
        let mut at = vec![(0, 0, 0); spans.len()];
        let (mut pos, mut line, mut line_start, mut column) = (0, 1, 0, 0);
        for (r, &k) in order.iter().enumerate() {
            rank[k] = r;
            let to = spans[k].start.min(bytes.len()).max(pos);
            let seg = &bytes[pos..to];
            match memchr::memrchr(b'\n', seg) {
                Some(i) => {
                    line += memchr::memchr_iter(b'\n', seg).count();
                    line_start = pos + i + 1;
                    column = chars(&bytes[line_start..to], utf8);
                }
                None => column += chars(seg, utf8),
            }
            pos = to;
            at[k] = (line, column + 1, line_start);
        }
        TextLines {
            bytes,
            spans,
            order,
            rank,
            at,
            utf8,
        }
    }

    /// 1-based line and column (in characters) of finding `k`.
    fn position(&self, k: usize) -> (usize, usize) {
        (self.at[k].0, self.at[k].1)
    }

    /// Finding `k`'s line around it, at most [`EXCERPT_CONTEXT`] bytes each side, with every
    /// finding in view masked.
    fn excerpt(&self, k: usize, findings: &[Finding]) -> String {
        let (bytes, span) = (self.bytes, &self.spans[k]);
        let start = span.start.min(bytes.len());
        let end = span.end.clamp(start, bytes.len());
        let line_start = self.at[k].2;
        let from = self.char_start(start.saturating_sub(EXCERPT_CONTEXT).max(line_start));
        let limit = (end + EXCERPT_CONTEXT).min(bytes.len());
        let (to, more) = match memchr::memchr(b'\n', &bytes[end..limit]) {
            Some(i) => (end + i, false),
            None => {
                let to = self.char_start(limit);
                (to, to < bytes.len() && bytes[to] != b'\n')
            }
        };
        let mut text = String::new();
        if from > line_start {
            text.push('…');
        }
        let mut at = from;
        for j in self.in_view(k, from, to) {
            let s = &self.spans[j];
            if s.start < at || s.end > bytes.len() {
                continue;
            }
            text.push_str(&decode(&bytes[at..s.start]));
            text.push_str(&mask(findings[j].kind, &decode(&bytes[s.clone()])));
            at = s.end;
        }
        if at < to {
            text.push_str(&decode(&bytes[at..to]));
        }
        if more {
            text.push('…');
        }
        text.replace(['\t', '\r'], " ")
    }

    /// The findings that overlap `from..to`, by start: neighbours of finding `k` in start
    /// order (a bounded look back for long findings that began earlier).
    fn in_view(&self, k: usize, from: usize, to: usize) -> Vec<usize> {
        let r = self.rank[k];
        let overlaps = |j: usize| self.spans[j].start < to && self.spans[j].end > from;
        let mut view: Vec<usize> = self.order[r.saturating_sub(LOOK_BACK)..r]
            .iter()
            .copied()
            .filter(|&j| overlaps(j))
            .collect();
        view.extend(
            self.order[r..]
                .iter()
                .copied()
                .take_while(|&j| self.spans[j].start < to)
                .filter(|&j| overlaps(j)),
        );
        view
    }

    /// `at`, moved back to the start of its character in UTF-8 text.
    fn char_start(&self, mut at: usize) -> usize {
        if self.utf8 {
            while at > 0 && at < self.bytes.len() && (self.bytes[at] & 0xC0) == 0x80 {
                at -= 1;
            }
        }
        at
    }
}

/// Findings before one in start order that are still looked at for its excerpt.
const LOOK_BACK: usize = 16;

/// Characters in `bytes`: UTF-8 characters, or bytes for a single-byte charset.
fn chars(bytes: &[u8], utf8: bool) -> usize {
    if utf8 {
        bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    } else {
        bytes.len()
    }
}

fn decode(bytes: &[u8]) -> String {
    charset::decode(bytes, None)
        .map(|d| d.text)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sluss::detect::{Confidence, Kind};

    /// The straightforward reading of line and column, to check the one-pass one against.
    fn naive(bytes: &[u8], at: usize) -> (usize, usize) {
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        (line, decode(&before[line_start..]).chars().count() + 1)
    }

    #[test]
    fn one_pass_positions_equal_the_straightforward_ones() {
        let text = "Rad ett: 850101-2382 och åäö 850101-2382\nRad två\n\nö 850101-2382 slut";
        let spans: Vec<Range<usize>> = text
            .match_indices("850101-2382")
            .map(|(i, m)| i..i + m.len())
            .collect();
        let lines = TextLines::new(text.as_bytes(), &spans);
        for (k, s) in spans.iter().enumerate() {
            assert_eq!(lines.position(k), naive(text.as_bytes(), s.start));
        }
        let latin1 = b"\xe5\xe4\xf6 850101-2382\n\xf6 850101-2382";
        let spans = vec![4..15, 18..29];
        let lines = TextLines::new(latin1, &spans);
        assert_eq!(lines.position(0), (1, 5));
        assert_eq!(lines.position(1), (2, 3));
    }

    #[test]
    fn excerpts_mask_every_finding_in_view_and_stop_at_the_line() {
        let text = "Anna 850101-2382, Bo 850101-2382\nnästa rad";
        let spans: Vec<Range<usize>> = text
            .match_indices("850101-2382")
            .map(|(i, m)| i..i + m.len())
            .collect();
        let findings: Vec<Finding> = spans
            .iter()
            .map(|s| Finding::new(Kind::Personnummer, "pnr.short", s.clone(), Confidence::High))
            .collect();
        let lines = TextLines::new(text.as_bytes(), &spans);
        let excerpt = lines.excerpt(0, &findings);
        assert!(!excerpt.contains("2382"), "{excerpt}");
        assert!(!excerpt.contains("nästa"), "{excerpt}");
        assert!(excerpt.starts_with("Anna "), "{excerpt}");
    }

    #[test]
    fn utf16_spans_are_mapped_to_the_decoded_text() {
        let text = "Ö: 850101-2382";
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (display, spans) = displayed(&bytes, std::iter::once(8..30).collect());
        assert_eq!(&display[spans[0].clone()], "850101-2382".as_bytes());
    }
}
