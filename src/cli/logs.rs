//! `sluss logs`: list, count, verify or purge the audit log (all rotated files, oldest first).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use anyhow::Context as _;
use clap::ValueEnum;
use sluss::audit::checkpoint::Copy as Checkpoint;
use sluss::audit::present::{csv, csv_sv, summary, table};
use sluss::audit::sources::{LogSource, Merged};
use sluss::audit::{AuditReader, Entry, Filter, LineProblem, Query, Record, Statuses, Summary};
use sluss::config::{Config, load_or_default};

use super::ConfigArg;

/// `sluss logs` arguments.
#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    #[command(flatten)]
    config: ConfigArg,
    /// Read this audit log (its current file, or the folder holding `audit.jsonl`) instead of
    /// the configured ones; repeat it for several instances. Each is verified on its own,
    /// with the keys in its folder, else the configured ones. Records are merged by time.
    #[arg(long = "log", value_name = "FILE|DIR")]
    logs: Vec<PathBuf>,
    /// Records at or after: a duration back from now (30m, 24h, 7d), a date (2026-11-22,
    /// from 00:00 Swedish time) or an RFC 3339 time.
    #[arg(long, value_name = "DURATION|DATE")]
    since: Option<String>,
    /// Records before: as --since.
    #[arg(long, value_name = "DURATION|DATE")]
    until: Option<String>,
    /// Records with a finding of this kind (personnummer, sensitive:health, …).
    #[arg(long, value_name = "K")]
    kind: Option<String>,
    /// Records from this client address.
    #[arg(long, value_name = "IP")]
    client: Option<String>,
    /// Records whose service name or host contains this (ignoring case).
    #[arg(long, value_name = "S")]
    service: Option<String>,
    /// Records with this action: block, redact, allow, warn, justified, objection, status or
    /// view (objections, statuses and views of the review page show only when asked for, or
    /// with --incident).
    #[arg(long, value_name = "A")]
    action: Option<String>,
    /// Incidents whose current status (set on the review page) is this: new, reviewed,
    /// false-stop, resolved (or ny, granskad, felaktigt-stopp, åtgärdad).
    #[arg(long, value_name = "S")]
    status: Option<String>,
    /// Records of this user (`user.name`, the whole name, ignoring case).
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
    /// Records decided by this rule (`event.reason`): personnummer, not_approved,
    /// uninspectable (with any detail, e.g. uninspectable:too_large), …
    #[arg(long, alias = "rule", value_name = "RULE")]
    reason: Option<String>,
    /// The record with this incident id.
    #[arg(long, value_name = "ID")]
    incident: Option<String>,
    /// Records with a finding of this keyed hash (the same value in several incidents).
    #[arg(long, value_name = "HASH")]
    key_hash: Option<String>,
    /// Output: a table, the stored JSON lines byte for byte, CSV (RFC 4180, for tools), or
    /// CSV for Swedish Excel (semicolons, Swedish headers and words, Swedish time, BOM).
    #[arg(long, value_enum, default_value_t = Output::Table)]
    format: Output,
    /// Print counts per action, day, kind, service and client instead of records (as JSON
    /// with --format json).
    #[arg(long)]
    summary: bool,
    /// Check the keyed hash chain and the signed checkpoints. Exit 0 when it is whole, 1 when
    /// it is broken or empty, 2 on error (no log, no key).
    #[arg(long, conflicts_with_all = ["summary", "purge_before"])]
    verify: bool,
    /// With --verify: checkpoint lines kept elsewhere (e.g. the syslog collector's file, one
    /// message per line); the log must still hold each of them.
    #[arg(long, value_name = "FILE", requires = "verify")]
    checkpoints: Option<std::path::PathBuf>,
    /// Delete rotated files whose records are all older than this date (or RFC 3339 time, or
    /// duration back from now, e.g. 180d). The current file is never deleted.
    #[arg(long, value_name = "DATE", conflicts_with = "summary")]
    purge_before: Option<String>,
}

/// Output format of `logs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// A table fitted to the terminal ($COLUMNS, else 120 characters).
    Table,
    /// The stored lines, byte for byte.
    Json,
    /// CSV with a header line; cells that would start a formula get a leading '.
    Csv,
    /// CSV as Swedish Excel opens it: `;`, Swedish headers, UTF-8 with BOM, CRLF.
    #[value(name = "csv-sv", alias = "excel")]
    CsvSv,
}

/// Runs `sluss logs`.
pub fn run(args: LogsArgs) -> anyhow::Result<ExitCode> {
    let config = load_or_default(args.config.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let filter = query(&args)
        .filter(SystemTime::now())
        .map_err(|errors| anyhow::anyhow!("{}", lines(&errors)))?;
    let sources = sources(&config, &args)?;
    let mut readers = Vec::with_capacity(sources.len());
    for source in &sources {
        let reader = source.reader()?;
        if reader.files().is_empty() {
            if args.verify {
                println!(
                    "no audit log at {}: nothing to verify",
                    source.path.display()
                );
                return Ok(ExitCode::from(2));
            }
            eprintln!("note: no audit log at {} yet", source.path.display());
        }
        readers.push(reader);
    }
    if args.verify {
        return verify(&readers, args.checkpoints.as_deref());
    }
    if let Some(cutoff) = &args.purge_before {
        // Without --log, only this instance's own log: another instance purges its own.
        let own = if args.logs.is_empty() {
            1
        } else {
            readers.len()
        };
        return purge(readers.into_iter().take(own).collect(), cutoff);
    }
    let filter = with_statuses(&readers, filter);
    let written = if args.summary {
        print_summary(&readers, &filter, args.format)
    } else {
        print_records(&readers, &filter, args.format)
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => other
            .map(|()| ExitCode::SUCCESS)
            .context("cannot write to standard output"),
    }
}

/// The filter flags as a [`Query`].
fn query(args: &LogsArgs) -> Query {
    Query {
        since: args.since.clone(),
        until: args.until.clone(),
        kind: args.kind.clone(),
        client: args.client.clone(),
        service: args.service.clone(),
        action: args.action.clone(),
        incident: args.incident.clone(),
        key_hash: args.key_hash.clone(),
        status: args.status.clone(),
        user: args.user.clone(),
        reason: args.reason.clone(),
    }
}

/// `filter` with its status filter judged by the status records of every log (a first pass
/// over the logs, only when a status is asked for; unreadable lines are reported by the
/// second).
fn with_statuses(readers: &[AuditReader], filter: Filter) -> Filter {
    if filter.status.is_none() {
        return filter;
    }
    let mut statuses = Statuses::default();
    for reader in readers {
        for record in reader.records().flatten() {
            statuses.add(&record);
        }
    }
    filter.with_statuses(&std::sync::Arc::new(statuses))
}

/// One message per line, as `--field: problem`.
fn lines(errors: &[sluss::audit::QueryError]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            format!(
                "--{} {:?}: {}",
                e.field.replace('_', "-"),
                e.value,
                e.problem
            )
        })
        .collect();
    lines.join("\n")
}

/// A line the reader could not read: reported, never fatal.
fn report(problem: &LineProblem) {
    eprintln!("warning: {problem}");
}

/// The matching records in `format`, oldest first (several logs merged by time).
fn print_records(readers: &[AuditReader], filter: &Filter, format: Output) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
    match format {
        Output::Json => {
            let logs = readers.iter().map(AuditReader::entries).collect();
            for entry in Merged::new(logs, |e: &Entry| e.record.timestamp) {
                match entry {
                    Ok(entry) if filter.matches(&entry.record) => {
                        out.write_all(&entry.line)?;
                        out.write_all(b"\n")?;
                    }
                    Ok(_) => {}
                    Err(problem) => report(&problem),
                }
            }
            out.flush()
        }
        Output::Csv => {
            out.write_all(csv::HEADER.as_bytes())?;
            for_each_match(readers, filter, |record| {
                out.write_all(csv::line(record).as_bytes())
            })?;
            out.flush()
        }
        Output::CsvSv => print_csv_sv(readers, filter, out),
        Output::Table => {
            let mut table = table::TableWriter::new(out, terminal_width());
            for_each_match(readers, filter, |record| table.push(record))?;
            let (rows, _) = table.finish()?;
            if rows == 0 {
                eprintln!("no matching records");
            }
            Ok(())
        }
    }
}

/// The matching records as CSV for Swedish Excel (byte order mark, `;`, Swedish headers).
fn print_csv_sv(readers: &[AuditReader], filter: &Filter, mut out: impl Write) -> io::Result<()> {
    out.write_all(csv_sv::BOM.as_bytes())?;
    out.write_all(csv_sv::header().as_bytes())?;
    for_each_match(readers, filter, |record| {
        out.write_all(csv_sv::line(record).as_bytes())
    })?;
    out.flush()
}

/// Calls `each` with every record that passes `filter`, the logs merged by time; reports
/// unreadable lines.
fn for_each_match(
    readers: &[AuditReader],
    filter: &Filter,
    mut each: impl FnMut(&Record) -> io::Result<()>,
) -> io::Result<()> {
    let logs = readers.iter().map(AuditReader::records).collect();
    for record in Merged::new(logs, |r: &Record| r.timestamp) {
        match record {
            Ok(record) if filter.matches(&record) => each(&record)?,
            Ok(_) => {}
            Err(problem) => report(&problem),
        }
    }
    Ok(())
}

/// `--summary`: counts of the matching records, and how long reading took.
fn print_summary(readers: &[AuditReader], filter: &Filter, format: Output) -> io::Result<()> {
    let started = Instant::now();
    let mut counts = Summary::default();
    for_each_match(readers, filter, |record| {
        counts.add(record);
        Ok(())
    })?;
    let took = started.elapsed();
    let mut out = io::stdout().lock();
    match format {
        Output::Json => writeln!(out, "{}", summary::json(&counts, took)),
        Output::Table | Output::Csv | Output::CsvSv => {
            write!(out, "{}", summary::text(&counts, took))
        }
    }
}

/// The logs to read: `--log` ones, else this instance's and `[audit] other_instances`. This
/// instance's is checked with the configured key, which must exist (a log cannot be checked
/// without the key it was written with); another with the keys in its folder, else these.
fn sources(config: &Config, args: &LogsArgs) -> anyhow::Result<Vec<LogSource>> {
    let audit = &config.audit;
    let context = |path: &Path| {
        format!(
            "cannot read the keys of the audit log {}: it is checked with the key it was \
             written with (`audit-key` beside it, else [audit] key_file {})",
            path.display(),
            audit.key_file.display()
        )
    };
    let resolve = |path: &PathBuf| {
        LogSource::resolve(path, &audit.key_file, &audit.signing_key_file)
            .with_context(|| context(path))
    };
    if !args.logs.is_empty() {
        return args.logs.iter().map(resolve).collect();
    }
    let own = LogSource::own(&audit.path, &audit.key_file, &audit.signing_key_file)
        .with_context(|| context(&audit.path))?;
    let mut sources = vec![own];
    for other in &audit.other_instances {
        sources.push(resolve(other)?);
    }
    Ok(sources)
}

/// `--verify`: each log's chain on its own; exit 0 when every one is whole and holds
/// something, 1 when one is broken or empty.
fn verify(readers: &[AuditReader], copies: Option<&Path>) -> anyhow::Result<ExitCode> {
    let copies = match copies {
        Some(_) if readers.len() > 1 => anyhow::bail!(
            "--checkpoints checks one log: pick it with --log (the copies of several instances \
             cannot be told apart by log)"
        ),
        Some(file) => read_copies(file)?,
        None => Vec::new(),
    };
    let mut ok = true;
    for reader in readers {
        let started = Instant::now();
        let report = reader.verify_with(&copies)?;
        for problem in &report.broken_lines {
            eprintln!("warning: {problem}");
        }
        if report.broken_count > report.broken_lines.len() {
            eprintln!(
                "warning: and {} more lines that do not verify",
                report.broken_count - report.broken_lines.len()
            );
        }
        if readers.len() > 1 {
            let path = reader
                .files()
                .last()
                .map_or_else(String::new, |f| f.display().to_string());
            println!("{path}: {report}");
        } else {
            println!("{report}");
        }
        eprintln!("verified in {:.2?}", started.elapsed());
        ok &= report.is_whole() && !report.is_empty();
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The checkpoints in `file` (stored lines or syslog messages; other lines are skipped).
fn read_copies(file: &Path) -> anyhow::Result<Vec<Checkpoint>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read checkpoints from {}", file.display()))?;
    let copies: Vec<Checkpoint> = text.lines().filter_map(Checkpoint::parse).collect();
    if copies.is_empty() {
        anyhow::bail!("{} holds no checkpoint", file.display());
    }
    Ok(copies)
}

/// `--purge-before DATE`: deletes whole rotated files older than the date, in each log.
fn purge(readers: Vec<AuditReader>, cutoff: &str) -> anyhow::Result<ExitCode> {
    let time = sluss::audit::query::parse_time(cutoff, SystemTime::now())
        .map_err(|problem| anyhow::anyhow!("--purge-before {cutoff:?}: {problem}"))?;
    let mut deleted = Vec::new();
    for mut reader in readers {
        deleted.extend(reader.purge_before(time)?.deleted);
    }
    let report = sluss::audit::PurgeReport { deleted };
    if report.deleted.is_empty() {
        println!(
            "nothing deleted: no rotated file holds only records before {}",
            sluss::audit::time::format(time)
        );
    }
    for file in &report.deleted {
        println!("deleted {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `$COLUMNS` if it is a number, else [`table::DEFAULT_WIDTH`].
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|w| *w >= 20)
        .unwrap_or(table::DEFAULT_WIDTH)
}
