//! The follow-up report (issue 14 item 4) against a log with known counts, written with the
//! real `AuditWriter`: every number of the JSON and the CSV, the HTML showing them, and
//! `sluss report` as a binary (exit codes, a bad month, a missing log, a log that does not
//! verify).

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::{PNR, TestResult, at, chain, incident, pnr, shows_pnr, temp, word};
use sluss::audit::report::{self, Report};
use sluss::audit::sources::LogSource;
use sluss::audit::{
    AuditWriter, EventAction, FollowUp, IncidentId, Month, Record, Status, TrafficCounts,
};
use sluss::detect::{Category, Kind};
use sluss::policy::Action;

const OPENAI: &str = "OpenAI API";
const AZURE: &str = "Kommunens Azure OpenAI";

/// A follow-up (objection, status, justified) about `id` at `when`.
fn follow(id: &str, when: SystemTime, action: EventAction, status: Option<Status>) -> Record {
    Record::follow_up(FollowUp {
        incident: IncidentId::new(id),
        time: when,
        action,
        client: IpAddr::from([10, 0, 0, 9]),
        user: Some("anna.svensson".into()),
        service: Some(OPENAI.into()),
        host: "api.openai.com".into(),
        status,
        comment: Some("Det var ett ordernummer, inget personnummer.".into()),
    })
}

/// A stop of `service` by `reason` with `findings`.
fn stop(
    id: &str,
    when: SystemTime,
    service: &str,
    reason: &str,
    findings: Vec<sluss::audit::FindingSummary>,
) -> Record {
    let mut i = incident(id, when);
    i.service = Some(service.into());
    i.reason = reason.into();
    i.user = Some("anna.svensson".into());
    i.findings = findings;
    Record::new(i)
}

fn with_action(mut record: Record, action: Action) -> Record {
    record.event = sluss::audit::record::Event::new(
        record.event.id.clone(),
        action,
        record.event.reason.clone(),
    );
    record
}

fn not_approved(id: &str, when: SystemTime, host: &str) -> Record {
    let mut i = incident(id, when);
    i.service = None;
    i.host = host.into();
    i.reason = "not_approved".into();
    Record::new(i)
}

fn traffic(service: &str, since: SystemTime, numbers: [u64; 7]) -> Record {
    let [
        requests,
        allowed,
        redacted,
        blocked,
        warned,
        justified,
        uninspectable_allowed,
    ] = numbers;
    let counts = TrafficCounts {
        since,
        requests,
        allowed,
        redacted,
        blocked,
        warned,
        justified,
        uninspectable_allowed,
    };
    Record::traffic(service, counts, since + Duration::from_secs(900))
}

/// The log: October and November 2026 (and one December stop, outside the report), in time
/// order as the proxy writes it. What November holds:
/// - traffic: OpenAI 100 + 50 requests, Azure 40 (allowed 90+50+35, redacted 2, blocked 5+2,
///   warned 3, justified 2, uninspectable allowed 1)
/// - OpenAI: stops S-NOV001..3 (personnummer), S-NOV004 (marking and personnummer), two
///   warnings (one then sent with a justification), one redaction
/// - Azure: S-NOV005 (sensitive_with_identifier: health and a name)
/// - not approved: chatgpt.com ×3, claude.ai ×1
/// - objections to S-NOV001 (then felaktigt stopp), S-NOV002 (granskad), S-NOV003 (none);
///   S-NOV005 felaktigt stopp without an objection
///
/// October: traffic 70; stops S-OCT001 (objection in November, then felaktigt stopp) and
/// S-OCT002; chatgpt.com ×1.
fn records() -> Vec<Record> {
    let nov = |day, hour| at((2026, 11, day), hour, 0);
    let oct = |day, hour| at((2026, 10, day), hour, 0);
    let marker = word(
        Kind::ConfidentialityMarker,
        "marker.osl",
        1,
        "[sekretessmarkering]",
    );
    let health = word(
        Kind::Sensitive(Category::Health),
        "vocab.strong",
        2,
        "[hälsa]",
    );
    let name = word(Kind::PersonName, "name.full", 1, "[namn]");
    vec![
        traffic(OPENAI, oct(5, 8), [70, 68, 0, 2, 0, 0, 0]),
        stop(
            "S-OCT001",
            oct(5, 9),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
        stop(
            "S-OCT002",
            oct(6, 9),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
        not_approved("S-OCT003", oct(7, 9), "chatgpt.com"),
        traffic(OPENAI, nov(2, 8), [100, 90, 2, 5, 3, 2, 1]),
        traffic(AZURE, nov(2, 8), [40, 35, 0, 2, 0, 0, 0]),
        stop(
            "S-NOV001",
            nov(2, 9),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
        stop(
            "S-NOV002",
            nov(2, 10),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
        follow("S-OCT001", nov(2, 11), EventAction::Objection, None),
        stop(
            "S-NOV003",
            nov(3, 9),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
        stop(
            "S-NOV004",
            nov(3, 10),
            OPENAI,
            "confidentiality_marker",
            vec![marker, pnr(PNR)],
        ),
        stop(
            "S-NOV005",
            nov(3, 11),
            AZURE,
            "sensitive_with_identifier",
            vec![health, name],
        ),
        with_action(
            stop(
                "S-NOV006",
                nov(4, 9),
                OPENAI,
                "sensitive_without_identifier",
                vec![],
            ),
            Action::Warn,
        ),
        follow("S-NOV006", nov(4, 9), EventAction::Justified, None),
        with_action(
            stop(
                "S-NOV007",
                nov(4, 10),
                OPENAI,
                "sensitive_without_identifier",
                vec![],
            ),
            Action::Warn,
        ),
        with_action(
            stop(
                "S-NOV008",
                nov(4, 11),
                OPENAI,
                "personnummer",
                vec![pnr(PNR)],
            ),
            Action::Redact,
        ),
        not_approved("S-NOV009", nov(5, 9), "chatgpt.com"),
        not_approved("S-NOV010", nov(5, 10), "claude.ai"),
        not_approved("S-NOV011", nov(6, 9), "chatgpt.com"),
        not_approved("S-NOV012", nov(7, 9), "ChatGPT.com"),
        traffic(OPENAI, nov(10, 8), [50, 50, 0, 0, 0, 0, 0]),
        follow("S-NOV001", nov(10, 9), EventAction::Objection, None),
        follow("S-NOV002", nov(10, 9), EventAction::Objection, None),
        follow("S-NOV003", nov(10, 9), EventAction::Objection, None),
        follow(
            "S-NOV001",
            nov(11, 9),
            EventAction::Status,
            Some(Status::FalseStop),
        ),
        follow(
            "S-NOV002",
            nov(11, 10),
            EventAction::Status,
            Some(Status::Reviewed),
        ),
        follow(
            "S-NOV005",
            nov(11, 11),
            EventAction::Status,
            Some(Status::FalseStop),
        ),
        follow(
            "S-OCT001",
            nov(12, 9),
            EventAction::Status,
            Some(Status::FalseStop),
        ),
        stop(
            "S-DEC001",
            at((2026, 12, 2), 9, 0),
            OPENAI,
            "personnummer",
            vec![pnr(PNR)],
        ),
    ]
}

/// Writes [`records`] to `dir/audit.jsonl` with the real writer.
fn write(dir: &Path) -> TestResult {
    let mut writer = AuditWriter::open(dir.join("audit.jsonl"), 1 << 30, 3, chain())?;
    writer.set_fsync(false);
    for record in records() {
        writer.append(record)?;
    }
    Ok(())
}

fn november() -> TestResult<Month> {
    Month::parse("2026-11").ok_or_else(|| "month".into())
}

/// Every number the report must hold, as (JSON pointer, value).
fn expected() -> Vec<(&'static str, serde_json::Value)> {
    use serde_json::json;
    vec![
        ("/month", json!("2026-11")),
        ("/verified", json!(true)),
        ("/traffic_recorded", json!(true)),
        ("/unreadable_lines", json!(0)),
        ("/totals/requests", json!(190)),
        ("/totals/allowed", json!(175)),
        ("/totals/redacted", json!(2)),
        ("/totals/blocked", json!(7)),
        ("/totals/warned", json!(3)),
        ("/totals/justified", json!(2)),
        ("/totals/uninspectable_allowed", json!(1)),
        ("/totals/stops", json!(5)),
        ("/totals/warnings", json!(2)),
        ("/totals/sent_with_justification", json!(1)),
        ("/totals/redactions", json!(1)),
        ("/totals/objected", json!(3)),
        ("/totals/objections_judged", json!(2)),
        ("/totals/objections_false_stop", json!(1)),
        ("/totals/false_stop_rate", json!(0.5)),
        ("/totals/status/new", json!(4)),
        ("/totals/status/reviewed", json!(1)),
        ("/totals/status/false_stop", json!(2)),
        ("/not_approved_attempts", json!(4)),
        ("/not_approved/0/host", json!("chatgpt.com")),
        ("/not_approved/0/attempts", json!(3)),
        ("/not_approved/1/host", json!("claude.ai")),
        ("/not_approved/1/attempts", json!(1)),
        ("/services/0/service", json!(AZURE)),
        ("/services/0/requests", json!(40)),
        ("/services/0/stops", json!(1)),
        ("/services/0/objected", json!(0)),
        ("/services/0/false_stop_rate", json!(null)),
        ("/services/0/status/false_stop", json!(1)),
        (
            "/services/0/stops_by_rule/sensitive_with_identifier",
            json!(1),
        ),
        ("/services/0/stops_by_kind/sensitive:health", json!(1)),
        ("/services/0/stops_by_kind/person_name", json!(1)),
        ("/services/1/service", json!(OPENAI)),
        ("/services/1/requests", json!(150)),
        ("/services/1/allowed", json!(140)),
        ("/services/1/stops", json!(4)),
        ("/services/1/warnings", json!(2)),
        ("/services/1/sent_with_justification", json!(1)),
        ("/services/1/redactions", json!(1)),
        ("/services/1/objected", json!(3)),
        ("/services/1/objections_judged", json!(2)),
        ("/services/1/objections_false_stop", json!(1)),
        ("/services/1/false_stop_rate", json!(0.5)),
        ("/services/1/stops_by_rule/personnummer", json!(3)),
        ("/services/1/stops_by_rule/confidentiality_marker", json!(1)),
        ("/services/1/stops_by_kind/personnummer", json!(4)),
        ("/services/1/stops_by_kind/confidentiality_marker", json!(1)),
        ("/trend/4/month", json!("2026-10")),
        ("/trend/4/requests", json!(70)),
        ("/trend/4/stops", json!(2)),
        ("/trend/4/objected", json!(1)),
        ("/trend/4/objections_false_stop", json!(1)),
        ("/trend/4/false_stop_rate", json!(1.0)),
        ("/trend/4/not_approved_attempts", json!(1)),
        ("/trend/5/month", json!("2026-11")),
        ("/trend/5/stops", json!(5)),
        ("/trend/5/requests", json!(190)),
        ("/trend/0/month", json!("2026-06")),
        ("/trend/0/stops", json!(0)),
    ]
}

fn check_json(json: &serde_json::Value) {
    for (pointer, value) in expected() {
        assert_eq!(json.pointer(pointer), Some(&value), "{pointer} in {json:#}");
    }
    assert_eq!(json["services"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["trend"].as_array().map(Vec::len), Some(6));
}

/// (section, month, service, host, metric): the keys of a CSV line.
type CsvKey = (String, String, String, String, String);

/// The CSV's cells by their keys.
fn csv_cells(text: &str) -> TestResult<BTreeMap<CsvKey, String>> {
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("section,month,service,host,metric,value")
    );
    let mut cells = BTreeMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split(',').collect();
        let [section, month, service, host, metric, value] = parts[..] else {
            return Err(format!("not six cells: {line}").into());
        };
        let key = (section, month, service, host, metric);
        let key = (
            key.0.into(),
            key.1.into(),
            key.2.into(),
            key.3.into(),
            key.4.into(),
        );
        assert!(
            cells.insert(key, value.to_string()).is_none(),
            "twice: {line}"
        );
    }
    Ok(cells)
}

/// Every number of [`expected`] that has a CSV line, by the CSV's keys.
fn check_csv(text: &str) -> TestResult {
    let cells = csv_cells(text)?;
    let get = |section: &str, month: &str, service: &str, host: &str, metric: &str| {
        cells
            .get(&(
                section.into(),
                month.into(),
                service.into(),
                host.into(),
                metric.into(),
            ))
            .cloned()
            .unwrap_or_else(|| format!("missing {section} {month} {service} {host} {metric}"))
    };
    let total = |metric: &str| get("total", "2026-11", "", "", metric);
    for (metric, value) in [
        ("requests", "190"),
        ("allowed", "175"),
        ("redacted", "2"),
        ("blocked", "7"),
        ("warned", "3"),
        ("justified", "2"),
        ("uninspectable_allowed", "1"),
        ("stops", "5"),
        ("warnings", "2"),
        ("sent_with_justification", "1"),
        ("redactions", "1"),
        ("objected", "3"),
        ("objections_judged", "2"),
        ("objections_false_stop", "1"),
        ("false_stop_rate", "0.5000"),
        ("status.new", "4"),
        ("status.reviewed", "1"),
        ("status.false_stop", "2"),
        ("not_approved_attempts", "4"),
    ] {
        assert_eq!(total(metric), value, "total {metric}");
    }
    let openai = |metric: &str| get("service", "2026-11", OPENAI, "", metric);
    for (metric, value) in [
        ("requests", "150"),
        ("stops", "4"),
        ("objected", "3"),
        ("false_stop_rate", "0.5000"),
        ("stops_by_rule.personnummer", "3"),
        ("stops_by_rule.confidentiality_marker", "1"),
        ("stops_by_kind.personnummer", "4"),
        ("stops_by_kind.confidentiality_marker", "1"),
    ] {
        assert_eq!(openai(metric), value, "{OPENAI} {metric}");
    }
    let azure = |metric: &str| get("service", "2026-11", AZURE, "", metric);
    assert_eq!(azure("requests"), "40");
    assert_eq!(azure("false_stop_rate"), "");
    assert_eq!(azure("stops_by_kind.sensitive:health"), "1");
    assert_eq!(
        get("not_approved", "2026-11", "", "chatgpt.com", "attempts"),
        "3"
    );
    assert_eq!(
        get("not_approved", "2026-11", "", "claude.ai", "attempts"),
        "1"
    );
    assert_eq!(get("trend", "2026-10", "", "", "requests"), "70");
    assert_eq!(
        get("trend", "2026-10", "", "", "objections_false_stop"),
        "1"
    );
    assert_eq!(
        get("trend", "2026-10", "", "", "not_approved_attempts"),
        "1"
    );
    assert_eq!(get("trend", "2026-06", "", "", "stops"), "0");
    assert_eq!(get("integrity", "2026-11", "", "", "verified"), "true");
    Ok(())
}

/// The HTML shows the numbers (by their `data-key` cells) and no person.
fn check_html(html: &str) {
    for needle in [
        "<html lang=\"sv\"",
        "Uppföljning av AI-användning, november 2026",
        "Loggkedjan är verifierad",
        "data-key=\"requests\">190<",
        "data-key=\"stops\">5<",
        "data-key=\"warnings\">2<",
        "data-key=\"sent_with_justification\">1<",
        "data-key=\"objected\">3<",
        "data-key=\"objections_judged\">2<",
        "data-key=\"objections_false_stop\">1<",
        "data-key=\"false_stop_rate\">50\u{a0}%<",
        "data-key=\"not_approved_attempts\">4<",
        "data-rule=\"personnummer\">3<",
        "data-kind=\"sensitive:health\">1<",
        "data-host=\"chatgpt.com\">3<",
        "data-month=\"2026-10\"",
        "<svg",
        "@media print",
        "Personnummer",
        "känslig uppgift (hälsa)",
    ] {
        assert!(html.contains(needle), "{needle:?} in the HTML:\n{html}");
    }
    assert!(!html.contains("<script"), "no script");
}

/// Nothing that names a person: users, client addresses, comments, incident ids.
fn names_nobody(text: &str) {
    for personal in [
        "anna.svensson",
        "10.0.0.1",
        "10.0.0.9",
        "ordernummer",
        "S-NOV001",
        "S-OCT001",
    ] {
        assert!(
            !text.contains(personal),
            "{personal:?} in the report:\n{text}"
        );
    }
    assert!(!shows_pnr(text));
}

#[test]
fn the_report_counts_what_the_log_holds() -> TestResult {
    let dir = temp("sluss-report-")?;
    write(dir.path())?;
    let source = LogSource::with_key(dir.path().join("audit.jsonl"), chain(), None);
    let report: Report = report::read(&[source], november()?)?;
    let json = serde_json::to_value(&report)?;
    check_json(&json);
    let csv = report::csv::text(&report);
    check_csv(&csv)?;
    let html = sluss::admin::review::rapport::page(&report, true);
    check_html(&html);
    assert!(html.contains("/review/rapport.csv?month=2026-11"));
    let _ = std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.html"),
        &html,
    );
    for text in [json.to_string(), csv, html] {
        names_nobody(&text);
    }
    Ok(())
}

fn sluss(args: &[&str], dir: &Path) -> TestResult<(i32, String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(args)
        .current_dir(dir)
        .output()?;
    Ok((
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout)?,
        String::from_utf8(output.stderr)?,
    ))
}

#[test]
fn sluss_report_writes_each_format_and_refuses_bad_input() -> TestResult {
    let dir = temp("sluss-report-cli-")?;
    let config = common::config(dir.path(), "")?;
    write(dir.path())?;
    let config = config.display().to_string();
    let base = ["report", "--config", config.as_str(), "--month", "2026-11"];

    let (code, json, stderr) = sluss(&[&base[..], &["--format", "json"]].concat(), dir.path())?;
    assert_eq!(code, 0, "{stderr}");
    check_json(&serde_json::from_str(&json)?);
    let (code, csv, stderr) = sluss(&[&base[..], &["--format", "csv"]].concat(), dir.path())?;
    assert_eq!(code, 0, "{stderr}");
    check_csv(&csv)?;
    let (code, html, stderr) = sluss(&base, dir.path())?;
    assert_eq!(code, 0, "{stderr}");
    check_html(&html);
    assert!(
        !html.contains("rapport.csv"),
        "the standalone page has no download links"
    );
    // --log reads the named log (the folder), as `sluss logs --log`.
    let folder = dir.path().display().to_string();
    let (code, json, stderr) = sluss(
        &[
            "report", "--config", &config, "--month", "2026-11", "--format", "json", "--log",
            &folder,
        ],
        dir.path(),
    )?;
    assert_eq!(code, 0, "{stderr}");
    check_json(&serde_json::from_str(&json)?);

    for bad in ["2026-13", "nov", "2026-1"] {
        let (code, out, stderr) =
            sluss(&["report", "--config", &config, "--month", bad], dir.path())?;
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert!(out.is_empty());
        assert!(
            stderr.contains("YYYY-MM") && stderr.contains(bad),
            "{stderr}"
        );
    }
    let missing = dir.path().join("nowhere").join("audit.jsonl");
    let missing = missing.display().to_string();
    let (code, out, stderr) = sluss(
        &[
            "report", "--config", &config, "--month", "2026-11", "--log", &missing,
        ],
        dir.path(),
    )?;
    assert_eq!(code, 2, "{stderr}");
    assert!(out.is_empty());
    assert!(
        stderr.contains("no audit log") && stderr.contains("nowhere"),
        "{stderr}"
    );
    let (code, _, stderr) = sluss(&["report", "--config", &config], dir.path())?;
    assert_eq!(code, 2, "--month is required: {stderr}");
    Ok(())
}

#[test]
fn a_log_that_does_not_verify_is_said_so_and_exits_1() -> TestResult {
    let dir = temp("sluss-report-forged-")?;
    let config = common::config(dir.path(), "")?;
    write(dir.path())?;
    let log = dir.path().join("audit.jsonl");
    let text = std::fs::read_to_string(&log)?;
    // One stop is made to look like another rule: its HMAC no longer matches.
    let edited = text.replacen(
        "\"reason\":\"confidentiality_marker\"",
        "\"reason\":\"personnummer\"",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&log, edited)?;
    let config = config.display().to_string();
    let (code, json, stderr) = sluss(
        &[
            "report", "--config", &config, "--month", "2026-11", "--format", "json",
        ],
        dir.path(),
    )?;
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("does not verify"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&json)?;
    assert_eq!(json["verified"], false);
    assert_eq!(json["logs"][0]["verified"], false);
    assert_eq!(json["unreadable_lines"], 1);
    // The edited stop is not counted.
    assert_eq!(json["totals"]["stops"], 4);
    let (code, html, _) = sluss(
        &["report", "--config", &config, "--month", "2026-11"],
        dir.path(),
    )?;
    assert_eq!(code, 1);
    assert!(html.contains("Loggen kunde inte verifieras"), "{html}");
    Ok(())
}
