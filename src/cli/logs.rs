//! `sluss logs`: list, count, verify or purge the audit log (all rotated files, oldest first).

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use anyhow::Context as _;
use clap::ValueEnum;
use sluss::audit::checkpoint::Copy as Checkpoint;
use sluss::audit::present::{csv, summary, table};
use sluss::audit::{AuditKey, AuditReader, Filter, LineProblem, PublicKey, Query, Summary};
use sluss::config::load_or_default;

use super::ConfigArg;

/// `sluss logs` arguments.
#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    #[command(flatten)]
    config: ConfigArg,
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
    /// Records with this action: block, redact or allow.
    #[arg(long, value_name = "A")]
    action: Option<String>,
    /// The record with this incident id.
    #[arg(long, value_name = "ID")]
    incident: Option<String>,
    /// Records with a finding of this keyed hash (the same value in several incidents).
    #[arg(long, value_name = "HASH")]
    key_hash: Option<String>,
    /// Output: a table, the stored JSON lines byte for byte, or CSV (RFC 4180).
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
}

/// Runs `sluss logs`.
pub fn run(args: LogsArgs) -> anyhow::Result<ExitCode> {
    let config = load_or_default(args.config.config.as_deref())
        .map_err(|e| anyhow::anyhow!("invalid config:\n{e}"))?;
    let path = config.audit.path.as_path();
    let filter = query(&args)
        .filter(SystemTime::now())
        .map_err(|errors| anyhow::anyhow!("{}", lines(&errors)))?;
    let reader = open(&config)?;
    if reader.files().is_empty() {
        if args.verify {
            println!("no audit log at {}: nothing to verify", path.display());
            return Ok(ExitCode::from(2));
        }
        eprintln!("note: no audit log at {} yet", path.display());
    }
    if args.verify {
        return verify(&reader, args.checkpoints.as_deref());
    }
    if let Some(cutoff) = &args.purge_before {
        return purge(reader, cutoff);
    }
    let written = if args.summary {
        print_summary(&reader, &filter, args.format)
    } else {
        print_records(&reader, &filter, args.format)
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
    }
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

/// The matching records in `format`, oldest first.
fn print_records(reader: &AuditReader, filter: &Filter, format: Output) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
    match format {
        Output::Json => {
            for entry in reader.entries() {
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
            for_each_match(reader, filter, |record| {
                out.write_all(csv::line(record).as_bytes())
            })?;
            out.flush()
        }
        Output::Table => {
            let mut table = table::TableWriter::new(out, terminal_width());
            for_each_match(reader, filter, |record| table.push(record))?;
            let (rows, _) = table.finish()?;
            if rows == 0 {
                eprintln!("no matching records");
            }
            Ok(())
        }
    }
}

/// Calls `each` with every record that passes `filter`; reports unreadable lines.
fn for_each_match(
    reader: &AuditReader,
    filter: &Filter,
    mut each: impl FnMut(&sluss::audit::Record) -> io::Result<()>,
) -> io::Result<()> {
    for record in reader.records() {
        match record {
            Ok(record) if filter.matches(&record) => each(&record)?,
            Ok(_) => {}
            Err(problem) => report(&problem),
        }
    }
    Ok(())
}

/// `--summary`: counts of the matching records, and how long reading took.
fn print_summary(reader: &AuditReader, filter: &Filter, format: Output) -> io::Result<()> {
    let started = Instant::now();
    let mut counts = Summary::default();
    for_each_match(reader, filter, |record| {
        counts.add(record);
        Ok(())
    })?;
    let took = started.elapsed();
    let mut out = io::stdout().lock();
    match format {
        Output::Json => writeln!(out, "{}", summary::json(&counts, took)),
        Output::Table | Output::Csv => write!(out, "{}", summary::text(&counts, took)),
    }
}

/// A reader of the configured log, keyed with the audit key (which must exist: a log cannot
/// be checked without the key it was written with) and checking checkpoints with the public
/// key beside the signing key, when there is one.
fn open(config: &sluss::config::Config) -> anyhow::Result<AuditReader> {
    let key = AuditKey::load(&config.audit.key_file).with_context(|| {
        format!(
            "cannot read the audit key {}: the log is checked with the key it was written with \
             ([audit] key_file)",
            config.audit.key_file.display()
        )
    })?;
    let public = PublicKey::load_beside(&config.audit.signing_key_file)?;
    Ok(AuditReader::open(&config.audit.path, &key.chain_key())?.with_public_key(public))
}

/// `--verify`: exit 0 when the chain is whole, 1 when it is broken or holds nothing.
fn verify(reader: &AuditReader, copies: Option<&Path>) -> anyhow::Result<ExitCode> {
    let copies = match copies {
        Some(file) => read_copies(file)?,
        None => Vec::new(),
    };
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
    println!("{report}");
    eprintln!("verified in {:.2?}", started.elapsed());
    Ok(if report.is_whole() && !report.is_empty() {
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

/// `--purge-before DATE`: deletes whole rotated files older than the date.
fn purge(mut reader: AuditReader, cutoff: &str) -> anyhow::Result<ExitCode> {
    let time = sluss::audit::query::parse_time(cutoff, SystemTime::now())
        .map_err(|problem| anyhow::anyhow!("--purge-before {cutoff:?}: {problem}"))?;
    let report = reader.purge_before(time)?;
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
