//! `sluss logs` as people run it: the real binary on logs written by `AuditWriter` in a
//! temporary folder. Every filter, every format, the summary, `--verify` (exit 0, 1, 2),
//! unreadable lines and `--purge-before`. The ignored test times `--summary` on a million
//! records (`cargo test --release --test cli_logs -- --ignored --nocapture`).

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use common::{TestResult, at, chain, config, fixtures, incident, pnr, shows_pnr, temp, write_log};
use sluss::audit::AuditReader;

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A folder with a config and the five fixture records.
struct Fixture {
    _dir: tempfile::TempDir,
    config: PathBuf,
    log: PathBuf,
}

fn fixture() -> TestResult<Fixture> {
    let dir = temp("sluss-logs-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    write_log(&log, fixtures(SystemTime::now()), 100 << 20, 10)?;
    Ok(Fixture {
        _dir: dir,
        config,
        log,
    })
}

/// Runs `sluss logs --config <config> args…` with `COLUMNS` set to `columns`.
fn logs(config: &Path, args: &[&str], columns: &str) -> TestResult<Run> {
    let output = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .arg("logs")
        .arg("--config")
        .arg(config)
        .args(args)
        .env("COLUMNS", columns)
        .output()?;
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout)?,
        stderr: String::from_utf8(output.stderr)?,
    };
    assert!(
        !shows_pnr(&run.stdout) && !shows_pnr(&run.stderr),
        "a personnummer in the output"
    );
    Ok(run)
}

/// The incident ids in `text`, in order of appearance.
fn ids(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if word.len() == 8 && word.starts_with("S-") && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

/// The ids `args` select.
fn selected(f: &Fixture, args: &[&str]) -> TestResult<Vec<String>> {
    let run = logs(&f.config, args, "200")?;
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    Ok(ids(&run.stdout))
}

#[test]
fn the_table_lists_every_record_oldest_first_within_the_width() -> TestResult {
    let f = fixture()?;
    let run = logs(&f.config, &[], "100")?;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        ids(&run.stdout),
        ["S-AAAAAA", "S-BBBBBB", "S-CCCCCC", "S-DDDDDD", "S-EEEEEE"]
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("time "), "{}", lines[0]);
    assert!(
        lines.iter().all(|l| l.chars().count() <= 100),
        "{}",
        run.stdout
    );
    // Swedish time with the zone, though the log holds UTC (08:00Z).
    assert!(
        lines[1].starts_with("2026-11-01 09:00:00 CET  S-AAAAAA  block"),
        "{}",
        lines[1]
    );
    assert!(
        run.stdout.contains('…'),
        "long cells are cut:\n{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no escape sequence reaches the terminal"
    );
    let wide = logs(&f.config, &[], "250")?;
    assert!(wide.stdout.contains("personnummer×3"), "{}", wide.stdout);
    assert!(wide.stdout.contains("sensitive:health×2 person_name×1"));
    assert!(
        wide.stdout
            .contains("Kommunens Azure OpenAI / kommun.openai.azure.com")
    );
    assert!(wide.stdout.contains("2001:db8::5"));
    Ok(())
}

#[test]
fn every_filter_selects_its_records() -> TestResult {
    let f = fixture()?;
    let cases: [(&[&str], &[&str]); 13] = [
        (
            &["--since", "2026-11-02", "--until", "2026-11-03"],
            &["S-BBBBBB"],
        ),
        (
            &["--until", "2026-11-03T10:30:00Z"],
            &["S-AAAAAA", "S-BBBBBB", "S-CCCCCC"],
        ),
        (&["--since", "24h"], &["S-EEEEEE"]),
        (
            &["--since", "2026-11-03T10:00:00+00:00", "--until", "2h"],
            &["S-CCCCCC", "S-DDDDDD"],
        ),
        (&["--kind", "personnummer"], &["S-AAAAAA", "S-BBBBBB"]),
        (&["--kind", "sensitive:health"], &["S-DDDDDD"]),
        (&["--client", "10.0.0.1"], &["S-AAAAAA", "S-CCCCCC"]),
        (&["--client", "2001:db8::5"], &["S-DDDDDD"]),
        (&["--service", "azure"], &["S-BBBBBB", "S-DDDDDD"]),
        (&["--service", "chatgpt.com"], &["S-CCCCCC"]),
        (&["--action", "redact"], &["S-BBBBBB"]),
        (&["--incident", "s-dddddd"], &["S-DDDDDD"]),
        (
            &[
                "--action",
                "block",
                "--client",
                "10.0.0.1",
                "--kind",
                "personnummer",
            ],
            &["S-AAAAAA"],
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(selected(&f, args)?, expected, "{args:?}");
    }
    let hash = pnr(common::PNR).key_hash.unwrap_or_default();
    assert_eq!(
        selected(&f, &["--key-hash", &hash])?,
        ["S-AAAAAA", "S-BBBBBB"]
    );
    assert!(selected(&f, &["--action", "allow", "--kind", "personnummer"])?.is_empty());
    Ok(())
}

#[test]
fn bad_filter_values_are_errors_naming_each_flag() -> TestResult {
    let f = fixture()?;
    let run = logs(
        &f.config,
        &[
            "--since", "igår", "--kind", "pnr", "--client", "10.0.0", "--action", "stop",
        ],
        "120",
    )?;
    assert_eq!(run.code, 2);
    for flag in [
        "--since \"igår\"",
        "--kind \"pnr\"",
        "--client \"10.0.0\"",
        "--action \"stop\"",
    ] {
        assert!(run.stderr.contains(flag), "{flag}: {}", run.stderr);
    }
    assert!(run.stdout.is_empty());
    Ok(())
}

#[test]
fn json_prints_the_stored_lines_byte_for_byte() -> TestResult {
    let f = fixture()?;
    let stored = fs::read_to_string(&f.log)?;
    let all = logs(&f.config, &["--format", "json"], "80")?;
    assert_eq!(all.stdout, stored);
    let some = logs(
        &f.config,
        &["--format", "json", "--kind", "personnummer"],
        "80",
    )?;
    let expected: String = stored.split_inclusive('\n').take(2).collect();
    assert_eq!(some.stdout, expected);
    Ok(())
}

#[test]
fn csv_quotes_as_rfc_4180_says_and_defuses_formulas() -> TestResult {
    let f = fixture()?;
    let run = logs(&f.config, &["--format", "csv"], "80")?;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(
        rows[0],
        "time,incident,action,reason,service,host,method,path,client,user,kinds,masked,key_hashes"
    );
    assert!(rows[1].starts_with(
        "2026-11-01T08:00:00.000Z,S-AAAAAA,block,personnummer,OpenAI API,api.openai.com,POST,\
         /v1/chat/completions,10.0.0.1,anna,personnummer×1,19XXXXXX-XXXX,hmac-sha256:"
    ));
    // The formula gets a leading quote, and the cell is quoted because it holds quotes.
    assert!(
        rows[2].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klicka\"\")\","),
        "{}",
        rows[2]
    );
    assert!(rows[2].contains(",personnummer×3,19XXXXXX-XXXX 19XXXXXX-XXXX,hmac-sha256:"));
    assert!(
        rows[3].contains(",chatgpt.com,GET,/,10.0.0.1,,,,"),
        "{}",
        rows[3]
    );
    // A comma in a user name: the cell is quoted, the escape character kept as data.
    assert!(
        rows[4].contains(",\"bo\u{1b}[31m,<script>alert(1)</script>\","),
        "{}",
        rows[4]
    );
    Ok(())
}

#[test]
fn the_summary_counts_per_action_day_kind_service_and_client() -> TestResult {
    let f = fixture()?;
    let run = logs(&f.config, &["--summary"], "80")?;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = &run.stdout;
    assert!(text.starts_with("5 records ("), "{text}");
    for expected in [
        "  block   3\n",
        "  2026-11-03  2\n",
        "  personnummer            2\n",
        "  Kommunens Azure OpenAI  2\n",
        "  chatgpt.com             1\n",
        "  10.0.0.1     2\n",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let json = logs(
        &f.config,
        &["--summary", "--format", "json", "--service", "azure"],
        "80",
    )?;
    let value: serde_json::Value = serde_json::from_str(&json.stdout)?;
    assert_eq!(value["total"], 2);
    assert_eq!(value["per_action"]["redact"], 1);
    assert_eq!(value["per_kind"]["sensitive:health"], 1);
    assert_eq!(value["per_client"]["2001:db8::5"], 1);
    assert_eq!(value["per_day"]["2026-11-02"], 1);
    Ok(())
}

#[test]
fn verify_exits_0_when_whole_1_when_broken_and_2_on_error() -> TestResult {
    let f = fixture()?;
    let whole = logs(&f.config, &["--verify"], "80")?;
    assert_eq!(whole.code, 0, "{}{}", whole.stdout, whole.stderr);
    assert!(
        whole
            .stdout
            .contains("chain whole: 5 records and 0 checkpoints in 1 files"),
        "{}",
        whole.stdout
    );

    let stored = fs::read_to_string(&f.log)?;
    fs::write(&f.log, stored.replacen("\"10.0.0.2\"", "\"10.0.0.9\"", 1))?;
    let edited = logs(&f.config, &["--verify"], "80")?;
    assert_eq!(edited.code, 1, "{}", edited.stdout);
    let at_line_2 = format!("{}:2:", f.log.display());
    assert!(edited.stdout.contains(&at_line_2), "{}", edited.stdout);
    assert!(edited.stdout.contains("edited"), "{}", edited.stdout);
    assert!(
        !logs(&f.config, &["--format", "json"], "80")?
            .stdout
            .contains("10.0.0.9"),
        "the edited record is not shown"
    );

    let lines: Vec<&str> = stored.split_inclusive('\n').collect();
    fs::write(&f.log, [lines[0], lines[2], lines[3], lines[4]].concat())?;
    let deleted = logs(&f.config, &["--verify"], "80")?;
    assert_eq!(deleted.code, 1, "{}", deleted.stdout);
    assert!(deleted.stdout.contains(&at_line_2), "{}", deleted.stdout);

    let missing = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["logs", "--verify", "--config"])
        .arg(f.log.with_file_name("no-such.toml"))
        .output()?;
    assert_eq!(missing.status.code(), Some(2));
    Ok(())
}

#[test]
fn unreadable_lines_are_reported_with_file_and_line_and_reading_goes_on() -> TestResult {
    let f = fixture()?;
    let mut text = fs::read_to_string(&f.log)?;
    let lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    text = [
        lines[0].as_str(),
        "this is not a record}\n",
        &lines[1..].concat(),
        "{\"@timestamp\":\"2026-11-",
    ]
    .concat();
    fs::write(&f.log, text)?;
    for format in ["table", "json", "csv"] {
        let run = logs(&f.config, &["--format", format], "120")?;
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert_eq!(ids(&run.stdout).len(), 5, "{format}: {}", run.stdout);
        let log = f.log.display();
        assert!(
            run.stderr.contains(&format!("{log}:2: not a record")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("{log}:7: line cut off")),
            "{}",
            run.stderr
        );
    }
    // A complete line that is not a record was not written by sluss: a break, named. The
    // line cut off at the end (a crash's) alone would not be.
    let verify = logs(&f.config, &["--verify"], "80")?;
    assert_eq!(verify.code, 1, "{}", verify.stdout);
    assert!(
        verify
            .stdout
            .contains(&format!("{}:2: not a record", f.log.display()))
            && verify.stdout.contains("lines not shown: 2"),
        "{}",
        verify.stdout
    );
    fs::write(
        &f.log,
        [lines.concat().as_str(), "{\"@timestamp\":\"2026-11-"].concat(),
    )?;
    let cut = logs(&f.config, &["--verify"], "80")?;
    assert_eq!(cut.code, 0, "{}", cut.stdout);
    assert!(cut.stdout.contains("lines not shown: 1"), "{}", cut.stdout);
    assert!(
        verify.stderr.contains(":2: not a record"),
        "{}",
        verify.stderr
    );
    Ok(())
}

#[test]
fn purge_deletes_old_rotated_files_and_the_chain_stays_whole() -> TestResult {
    let dir = temp("sluss-purge-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    let days: Vec<_> = (0..30)
        .map(|d| {
            let mut i = incident(
                &format!("S-P{d:05}"),
                at((2026, 10, 1), 12, 0) + Duration::from_secs(d * 86_400),
            );
            i.findings = vec![pnr(common::PNR)];
            i
        })
        .collect();
    write_log(&log, days, 4096, 100)?;
    let before = AuditReader::open(&log, &chain())?.files().to_vec();
    assert!(before.len() > 4, "rotated into {} files", before.len());

    let run = logs(&config, &["--purge-before", "2026-10-15"], "80")?;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let deleted: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("deleted "))
        .collect();
    assert!(!deleted.is_empty(), "{}", run.stdout);
    assert!(deleted.iter().all(|file| !Path::new(file).exists()));
    assert_eq!(deleted[0], before[0].display().to_string(), "oldest first");

    let left = logs(&config, &["--format", "csv"], "80")?;
    let times: Vec<&str> = left.stdout.lines().skip(1).map(|l| &l[..10]).collect();
    assert!(
        times.iter().filter(|t| **t >= "2026-10-15").count() == 16,
        "{times:?}"
    );
    assert!(times.len() < 30, "something was deleted");
    let verify = logs(&config, &["--verify"], "80")?;
    assert_eq!(verify.code, 0, "{}", verify.stdout);
    assert!(verify.stdout.contains("after a purge"), "{}", verify.stdout);

    let again = logs(&config, &["--purge-before", "2026-10-15"], "80")?;
    assert!(
        again.stdout.starts_with("nothing deleted"),
        "{}",
        again.stdout
    );
    let bad = logs(&config, &["--purge-before", "snart"], "80")?;
    assert_eq!(bad.code, 2);
    Ok(())
}

#[test]
fn a_missing_log_is_an_empty_one() -> TestResult {
    let dir = temp("sluss-empty-")?;
    let config = config(dir.path(), "")?;
    let run = logs(&config, &[], "80")?;
    assert_eq!(run.code, 0);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("no audit log"), "{}", run.stderr);
    // Nothing to verify is not a whole chain: a cron check on the wrong folder must fail.
    let verify = logs(&config, &["--verify"], "80")?;
    assert_eq!(verify.code, 2);
    assert!(
        verify.stdout.contains("no audit log at"),
        "{}",
        verify.stdout
    );
    Ok(())
}

/// `sluss logs --summary` over a million records; run in release:
/// `cargo test --release --test cli_logs -- --ignored --nocapture`.
#[test]
#[ignore]
fn summary_of_a_million_records() -> TestResult {
    const N: u64 = 1_000_000;
    let dir = temp("sluss-million-")?;
    let config = config(dir.path(), "")?;
    let log = dir.path().join("audit.jsonl");
    let started = Instant::now();
    let mut writer = sluss::audit::AuditWriter::open(&log, 256 << 20, 10, chain())?;
    writer.set_fsync(false);
    for n in 0..N {
        let mut i = incident(
            "S-2222AA",
            at((2026, 1, 1), 0, 0) + Duration::from_secs(n * 30),
        );
        i.id = sluss::audit::IncidentId::random();
        i.client = std::net::IpAddr::from([10, 0, (n % 7) as u8, (n % 250) as u8]);
        i.user = Some(format!("user{}", n % 500));
        i.findings = vec![pnr(common::PNR)];
        if n % 3 == 0 {
            i.findings.push(common::word(
                sluss::detect::Kind::Sensitive(sluss::detect::Category::Health),
                "vocab.strong",
                1,
                "[hälsa]",
            ));
        }
        writer.append(sluss::audit::Record::new(i))?;
    }
    drop(writer);
    let write_time = started.elapsed();
    let files = AuditReader::open(&log, &chain())?.files().to_vec();
    let bytes: u64 = files
        .iter()
        .map(|f| fs::metadata(f).map_or(0, |m| m.len()))
        .sum();

    let started = Instant::now();
    let run = logs(&config, &["--summary"], "120")?;
    let summary_time = started.elapsed();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(&format!("{N} records")),
        "{}",
        &run.stdout[..200.min(run.stdout.len())]
    );
    let started = Instant::now();
    let filtered = logs(
        &config,
        &[
            "--summary",
            "--kind",
            "sensitive:health",
            "--client",
            "10.0.3.3",
        ],
        "120",
    )?;
    let filtered_time = started.elapsed();
    assert_eq!(filtered.code, 0);
    println!(
        "{N} records in {} files, {:.1} MB ({:.0} bytes/record); written in {write_time:.2?}\n\
         sluss logs --summary: {summary_time:.2?} wall (binary says: {})\n\
         sluss logs --summary --kind --client: {filtered_time:.2?}",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / N as f64,
        run.stdout.lines().next().unwrap_or(""),
    );
    Ok(())
}

#[test]
fn user_and_rule_filters_select_their_records() -> TestResult {
    let f = fixture()?;
    let cases: [(&[&str], &[&str]); 7] = [
        (&["--user", "anna"], &["S-AAAAAA"]),
        (&["--user", "ANNA"], &["S-AAAAAA"]),
        (&["--user", "ann"], &[]),
        (&["--user", "eva", "--since", "24h"], &["S-EEEEEE"]),
        // Not-approved stops carry no kind: the rule chooses them.
        (&["--reason", "not_approved"], &["S-CCCCCC"]),
        (&["--rule", "personnummer"], &["S-AAAAAA", "S-BBBBBB"]),
        (
            &["--reason", "personnummer", "--user", "anna"],
            &["S-AAAAAA"],
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(selected(&f, args)?, expected, "{args:?}");
    }
    let bad = logs(&f.config, &["--reason", "inte en regel"], "120")?;
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("--reason \"inte en regel\""),
        "{}",
        bad.stderr
    );
    Ok(())
}

/// Splits one line of the Swedish-Excel CSV into its cells (`;`, quotes doubled).
fn semicolon_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (';', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn the_swedish_excel_csv_parses_back_with_swedish_headers_and_times() -> TestResult {
    let f = fixture()?;
    let run = logs(&f.config, &["--format", "csv-sv"], "120")?;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run
        .stdout
        .strip_prefix('\u{FEFF}')
        .ok_or("no byte order mark")?;
    assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(lines.iter().all(|l| !l.contains('\n')), "bare LF in a line");
    let header = semicolon_cells(lines[0]);
    assert_eq!(
        &header[..6],
        [
            "Tid (svensk tid)",
            "Tidszon",
            "Ärende-id",
            "Åtgärd",
            "Skäl",
            "Regel (kod)"
        ]
    );
    assert_eq!(lines.len(), 6, "a header and five records");
    let rows: Vec<Vec<String>> = lines[1..].iter().map(|l| semicolon_cells(l)).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()), "{rows:?}");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let a = &rows[0];
    // 2026-11-01 08:00 UTC is 09:00 in Stockholm (CET).
    assert_eq!(a[column("Tid (svensk tid)")], "2026-11-01 09:00:00");
    assert_eq!(a[column("Tidszon")], "CET");
    assert_eq!(a[column("Ärende-id")], "S-AAAAAA");
    assert_eq!(a[column("Åtgärd")], "Blockerad");
    assert_eq!(a[column("Användare")], "anna");
    assert_eq!(a[column("Fynd")], "1 × personnummer");
    let b = &rows[1];
    assert_eq!(b[column("Åtgärd")], "Maskerad");
    // A formula in a user name is defused; it stays one cell.
    assert!(b[column("Användare")].starts_with("'=HYPERLINK("), "{b:?}");
    let d = &rows[3];
    assert_eq!(
        d[column("Fynd")],
        "2 × känsliga uppgifter (hälsa), 1 × namn"
    );
    assert_eq!(
        d[column("Skäl")],
        "Känsliga uppgifter om en identifierbar person"
    );
    let c = &rows[2];
    assert_eq!(c[column("Skäl")], "Ej godkänd AI-tjänst");
    assert_eq!(c[column("Regel (kod)")], "not_approved");
    // `excel` is the same format.
    let again = logs(&f.config, &["--format", "excel"], "120")?;
    assert_eq!(again.stdout, run.stdout);
    Ok(())
}

#[test]
fn views_of_the_review_page_are_verified_but_not_listed_or_counted_as_requests() -> TestResult {
    use sluss::audit::view::{View, Viewed};
    use sluss::audit::{AuditWriter, IncidentId, Record};
    // One writer for the fixtures and the views: a second open of the log in this process
    // could meet the lock still held by a child that another test is starting (fork copies
    // the descriptor until exec).
    let dir = temp("sluss-logs-views-")?;
    let f = Fixture {
        config: config(dir.path(), "")?,
        log: dir.path().join("audit.jsonl"),
        _dir: dir,
    };
    let mut writer = AuditWriter::open(&f.log, 100 << 20, 10, chain())?;
    writer.set_fsync(false);
    for incident in fixtures(SystemTime::now()) {
        writer.append(Record::new(incident))?;
    }
    for (incident, what) in [(None, "list"), (Some("S-AAAAAA"), "incident")] {
        writer.append(Record::view(Viewed {
            time: SystemTime::now(),
            client: "127.0.0.1".parse()?,
            user: "granskare".into(),
            host: "127.0.0.1".into(),
            path: "/review".into(),
            incident: incident.map(IncidentId::new),
            view: View {
                what: what.into(),
                ..View::default()
            },
        }))?;
    }
    drop(writer);
    assert_eq!(logs(&f.config, &["--verify"], "120")?.code, 0);
    assert_eq!(selected(&f, &[])?.len(), 5);
    let summary = logs(&f.config, &["--summary", "--format", "json"], "120")?;
    let counts: serde_json::Value = serde_json::from_str(&summary.stdout)?;
    assert_eq!(counts["total"], 5, "{counts}");
    assert!(counts["per_action"].get("view").is_none(), "{counts}");
    let views = logs(&f.config, &["--action", "view", "--format", "json"], "120")?;
    assert_eq!(views.stdout.lines().count(), 2, "{}", views.stdout);
    // An incident's views come with it.
    let a = logs(
        &f.config,
        &["--incident", "S-AAAAAA", "--format", "json"],
        "120",
    )?;
    assert_eq!(a.stdout.lines().count(), 2, "{}", a.stdout);
    let by_user = logs(
        &f.config,
        &["--user", "granskare", "--action", "view"],
        "200",
    )?;
    assert_eq!(by_user.code, 0);
    assert!(by_user.stdout.contains("S-AAAAAA"), "{}", by_user.stdout);
    Ok(())
}
