//! The audit log on real files (issue 5): no value in any record, keyed hashes that link
//! incidents, the hash chain and what breaks it, rotation, crashes mid-write, the key file,
//! filters, summaries and purging. The ignored test measures a million records.

use std::error::Error;
use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use sluss::audit::{
    AuditError, AuditKey, AuditReader, AuditWriter, ChainReport, Filter, FindingSummary, Incident,
    IncidentId, Problem, Record, Summary, summarize, time,
};
use sluss::detect::{Category, Confidence, Date, Detectors, Digits, Finding, Kind};
use sluss::policy::Action;

type TestResult = Result<(), Box<dyn Error>>;

const MB: u64 = 1 << 20;

/// A fresh directory, removed when dropped.
fn temp() -> Result<tempfile::TempDir, std::io::Error> {
    tempfile::Builder::new().prefix("sluss-audit-").tempdir()
}

/// 2026-11-01T08:00:00Z plus `minutes`.
fn at(minutes: u64) -> SystemTime {
    let start = Date::new(2026, 11, 1).map_or(SystemTime::UNIX_EPOCH, time::start_of_day);
    start + Duration::from_secs(8 * 3600 + minutes * 60)
}

/// An incident varying with `n`: client 10.0.0.(n % 4), two services, every third allowed.
fn incident(n: u64, findings: Vec<FindingSummary>) -> Incident {
    let action = [Action::Block, Action::Redact, Action::Allow][(n % 3) as usize];
    Incident {
        id: IncidentId::random(),
        time: at(n * 60),
        client: IpAddr::from([10, 0, 0, (n % 4) as u8]),
        user: n.is_multiple_of(2).then(|| format!("user{n}")),
        service: (n % 5 != 4)
            .then(|| ["OpenAI API", "Kommunens Azure OpenAI"][(n % 2) as usize].into()),
        host: if n.is_multiple_of(2) {
            "api.openai.com"
        } else {
            "kommun.openai.azure.com"
        }
        .into(),
        method: "POST".into(),
        path: "/v1/chat/completions".into(),
        action,
        reason: "personnummer".into(),
        findings,
    }
}

/// One personnummer finding summarised with `key`.
fn pnr_summary(key: &AuditKey, matched: &str) -> Vec<FindingSummary> {
    let digits: String = matched.chars().filter(char::is_ascii_digit).collect();
    let digits = if digits.len() == 10 {
        format!("19{digits}")
    } else {
        digits
    };
    let finding = Finding::new(
        Kind::Personnummer,
        "pnr.long",
        0..matched.len(),
        Confidence::High,
    )
    .with_digits(Digits::from_ascii(digits.as_bytes()));
    summarize(&[(finding, matched)], key)
}

/// Writes `count` records (numbered from `first`) to `path`, fsync off.
fn write(
    path: &Path,
    first: u64,
    count: u64,
    max_bytes: u64,
    keep: usize,
) -> Result<(), AuditError> {
    let key = AuditKey::from_bytes(&[3; 32]);
    let mut writer = AuditWriter::open(path, max_bytes, keep, chain())?;
    writer.set_fsync(false);
    for n in first..first + count {
        writer.append(Record::new(incident(n, pnr_summary(&key, "19850101-2382"))))?;
    }
    Ok(())
}

/// Every record, failing on the first broken line.
fn read_all(path: &Path) -> Result<Vec<Record>, Box<dyn Error>> {
    let records: Result<Vec<_>, _> = AuditReader::open(path, &chain())?.records().collect();
    Ok(records.map_err(|p| p.to_string())?)
}

/// The lines of `path`, each with its newline.
fn lines(path: &Path) -> Result<Vec<String>, std::io::Error> {
    Ok(fs::read_to_string(path)?
        .split_inclusive('\n')
        .map(str::to_string)
        .collect())
}

/// The break's line, or 0 when the chain is whole.
fn break_line(report: &ChainReport) -> usize {
    report.first_break.as_ref().map_or(0, |b| b.line)
}

/// A finding of every kind, with realistic matched texts.
fn every_kind() -> Vec<(Finding, &'static str)> {
    let number = |kind, rule, text: &'static str, digits: &str| {
        let f = Finding::new(kind, rule, 0..text.len(), Confidence::High)
            .with_digits(Digits::from_ascii(digits.as_bytes()));
        (f, text)
    };
    let word = |kind, rule, text: &'static str| {
        (
            Finding::new(kind, rule, 0..text.len(), Confidence::High),
            text,
        )
    };
    let sensitive = [
        (Category::Health, "diabetes typ 1"),
        (Category::Ethnicity, "romsk härkomst"),
        (Category::Politics, "medlem i Sverigedemokraterna"),
        (Category::Religion, "konverterat till islam"),
        (Category::Union, "medlem i Kommunal"),
        (Category::Sexuality, "homosexuell"),
        (Category::Genetic, "BRCA1-mutation"),
        (Category::Biometric, "fingeravtryck"),
        (Category::Criminal, "dömd för misshandel"),
        (Category::Social, "orosanmälan"),
    ];
    let mut all = vec![
        number(
            Kind::Personnummer,
            "pnr.long",
            "19850101-2382",
            "198501012382",
        ),
        number(
            Kind::Samordningsnummer,
            "samordning",
            "850161-2388",
            "198501612388",
        ),
        word(
            Kind::ConfidentialityMarker,
            "marker.osl_reference",
            "Sekretess enligt 26 kap. 1 § OSL",
        ),
        word(Kind::PersonName, "name.full", "Leyla Hassan"),
        number(Kind::Phone, "phone.se", "070-123 45 67", "0701234567"),
        word(Kind::Email, "email", "anna.svensson@kommun.se"),
        word(
            Kind::Address,
            "address.street",
            "Storgatan 12, 852 30 Sundsvall",
        ),
        word(Kind::Iban, "iban", "SE45 5000 0000 0583 9825 7466"),
        number(Kind::Bankgiro, "bankgiro", "5050-1055", "50501055"),
        number(
            Kind::PaymentCard,
            "card.luhn",
            "4111 1111 1111 1111",
            "4111111111111111",
        ),
    ];
    all.extend(sensitive.map(|(c, text)| word(Kind::Sensitive(c), "vocab.strong", text)));
    all
}

#[test]
fn records_never_hold_the_value_of_any_kind() -> TestResult {
    let dir = temp()?;
    let key = AuditKey::load_or_create(&dir.path().join("keys/audit.key"))?;
    let log = dir.path().join("audit.jsonl");
    let findings = every_kind();
    let mut writer = AuditWriter::open(&log, 10 * MB, 3, chain())?;
    writer.append(Record::new(incident(0, summarize(&findings, &key))))?;
    for (finding, matched) in &findings {
        writer.append(Record::new(incident(
            1,
            summarize(&[(finding.clone(), matched)], &key),
        )))?;
    }
    let raw = fs::read_to_string(&log)?;
    for (finding, matched) in &findings {
        assert!(!raw.contains(matched), "{} leaked", finding.kind);
        let normalised = finding.key(matched);
        assert!(!raw.contains(&normalised), "{} key leaked", finding.kind);
    }
    let key_text = fs::read_to_string(dir.path().join("keys/audit.key"))?;
    assert!(!raw.contains(key_text.trim()));
    let records = read_all(&log)?;
    let kinds: Vec<Kind> = records[0].sluss.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        findings.iter().map(|(f, _)| f.kind).collect::<Vec<_>>()
    );
    let masks: Vec<&str> = records[0]
        .sluss
        .findings
        .iter()
        .map(|f| f.masked.as_str())
        .collect();
    assert_eq!(
        &masks[..6],
        [
            "19XXXXXX-XXXX",
            "XXXXXX-XXXX",
            "[sekretessmarkering]",
            "[namn]",
            "[telefonnummer]",
            "…@kommun.se"
        ]
    );
    Ok(())
}

#[test]
fn real_detector_findings_leave_no_value_in_the_log() -> TestResult {
    let detectors = Detectors::embedded()?;
    let text = "Sammanfatta ärendet: Leyla Hassan, 19850101-2382, tel 070-123 45 67, \
                e-post leyla.hassan@example.se, har diabetes och en orosanmälan är gjord.";
    let findings: Vec<(Finding, &str)> = detectors
        .scan(text)
        .into_iter()
        .map(|f| {
            let matched = &text[f.span.clone()];
            (f, matched)
        })
        .collect();
    assert!(findings.len() >= 4, "{findings:?}");
    let dir = temp()?;
    let key = AuditKey::load_or_create(&dir.path().join("audit.key"))?;
    let log = dir.path().join("audit.jsonl");
    AuditWriter::open(&log, MB, 1, chain())?
        .append(Record::new(incident(0, summarize(&findings, &key))))?;
    let raw = fs::read_to_string(&log)?;
    for (finding, matched) in &findings {
        assert!(!raw.contains(matched), "{finding} leaked");
        assert!(!raw.contains(&finding.key(matched)), "{finding} key leaked");
    }
    Ok(())
}

#[test]
fn the_same_number_links_incidents_and_different_numbers_do_not() -> TestResult {
    let dir = temp()?;
    let key_path = dir.path().join("audit.key");
    let log = dir.path().join("audit.jsonl");
    let mut writer = AuditWriter::open(&log, MB, 1, chain())?;
    let key = AuditKey::load_or_create(&key_path)?;
    writer.append(Record::new(incident(0, pnr_summary(&key, "19850101-2382"))))?;
    // The key is read back from its file: linking survives a restart.
    let key = AuditKey::load_or_create(&key_path)?;
    writer.append(Record::new(incident(1, pnr_summary(&key, "850101-2382"))))?;
    writer.append(Record::new(incident(2, pnr_summary(&key, "19900101-0017"))))?;
    let hashes: Vec<Option<String>> = read_all(&log)?
        .iter()
        .map(|r| r.sluss.findings[0].key_hash.clone())
        .collect();
    assert!(hashes[0].is_some());
    assert_eq!(hashes[0], hashes[1]);
    assert_ne!(hashes[0], hashes[2]);
    let other_key = AuditKey::from_bytes(&[9; 32]);
    assert_ne!(
        hashes[0],
        pnr_summary(&other_key, "19850101-2382")[0].key_hash
    );
    Ok(())
}

#[test]
fn records_have_the_ecs_shape_of_the_spec() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    let key = AuditKey::from_bytes(&[3; 32]);
    let summary = pnr_summary(&key, "19850101-2382");
    let key_hash = summary[0].key_hash.clone().unwrap_or_default();
    let incident = Incident {
        id: IncidentId::new("S-7K2M9Q"),
        time: time::parse("2026-11-22T10:15:00.123Z").ok_or("time")?,
        client: IpAddr::from([10, 1, 2, 3]),
        user: Some("anna.svensson".into()),
        service: Some("OpenAI API".into()),
        host: "api.openai.com".into(),
        method: "POST".into(),
        path: "/v1/chat/completions?user=198501012382".into(),
        action: Action::Block,
        reason: "personnummer".into(),
        findings: summary,
    };
    let mut writer = AuditWriter::open(&log, MB, 1, chain())?;
    writer.append(Record::new(incident))?;
    let line = fs::read_to_string(&log)?;
    let expected = format!(
        concat!(
            r#"{{"@timestamp":"2026-11-22T10:15:00.123Z","#,
            r#""event":{{"id":"S-7K2M9Q","action":"block","reason":"personnummer","kind":"alert","category":["web"],"type":["denied"]}},"#,
            r#""source":{{"ip":"10.1.2.3"}},"user":{{"name":"anna.svensson"}},"#,
            r#""url":{{"domain":"api.openai.com","path":"/v1/chat/completions"}},"http":{{"request":{{"method":"POST"}}}},"#,
            r#""sluss":{{"service":"OpenAI API","findings":[{{"kind":"personnummer","rule":"pnr.long","count":1,"masked":"19XXXXXX-XXXX","key_hash":"{}"}}]}},"#,
            r#""prev_hash":"{}","hash":"{}"}}"#,
            "\n"
        ),
        key_hash,
        "0".repeat(64),
        writer.last_hash()
    );
    assert_eq!(line, expected);
    assert!(key_hash.starts_with("hmac-sha256:"));
    // Unknown user and service are left out, not null.
    let mut anonymous = incident_without_user();
    anonymous.service = None;
    let json = serde_json::to_string(&Record::new(anonymous))?;
    assert!(!json.contains("\"user\"") && !json.contains("\"service\"") && !json.contains("null"));
    Ok(())
}

fn incident_without_user() -> Incident {
    Incident {
        user: None,
        ..incident(1, Vec::new())
    }
}

#[test]
fn an_untouched_chain_verifies() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 30, MB, 3)?;
    // A restarted writer continues the chain.
    write(&log, 30, 20, MB, 3)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.records, report.files), (50, 1));
    assert!(report.broken_lines.is_empty());
    assert_eq!(report.start.and_then(|s| s.after), None);
    assert_eq!(read_all(&log)?.len(), 50);
    Ok(())
}

/// Writes 10 records, changes the file's lines with `tamper`, and verifies.
fn tampered(tamper: impl FnOnce(&mut Vec<String>)) -> Result<ChainReport, Box<dyn Error>> {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 10, MB, 3)?;
    let mut lines = lines(&log)?;
    tamper(&mut lines);
    fs::write(&log, lines.concat())?;
    Ok(AuditReader::open(&log, &chain())?.verify()?)
}

#[test]
fn an_edited_byte_is_caught_at_its_line() -> TestResult {
    let report = tampered(|lines| lines[6] = lines[6].replacen("\"POST\"", "\"PUT\"", 1))?;
    assert_eq!(break_line(&report), 7, "{report}");
    assert!(report.to_string().contains("edited"), "{report}");
    // A single flipped byte in a hash is caught too.
    let report = tampered(|lines| lines[3] = flip_first_hex_of_prev_hash(&lines[3]))?;
    assert_eq!(break_line(&report), 4, "{report}");
    // The line no longer verifies, so it is not shown; the rest is.
    assert_eq!(report.broken_lines.len(), 1);
    assert_eq!(report.records, 9);
    Ok(())
}

/// `line` with the first digit of its `prev_hash` changed (0 <-> 1).
fn flip_first_hex_of_prev_hash(line: &str) -> String {
    let at = line
        .find("\"prev_hash\":\"")
        .map_or(0, |i| i + "\"prev_hash\":\"".len());
    let mut bytes = line.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn an_edit_that_breaks_the_json_is_caught_at_its_line() -> TestResult {
    let report = tampered(|lines| lines[4] = lines[4].replacen('{', "", 1))?;
    assert_eq!(break_line(&report), 5, "{report}");
    // Only the broken line: the record after it verifies and links to the hash it claims.
    assert_eq!(report.broken_lines.len(), 1);
    assert_eq!(report.records, 9);
    Ok(())
}

#[test]
fn a_deleted_line_is_caught_where_it_was() -> TestResult {
    let report = tampered(|lines| {
        lines.remove(4);
    })?;
    assert_eq!(break_line(&report), 5, "{report}");
    let report = tampered(|lines| {
        lines.remove(0);
    })?;
    assert_eq!(break_line(&report), 1, "{report}");
    assert!(report.to_string().contains("not here"), "{report}");
    Ok(())
}

#[test]
fn swapped_lines_are_caught_at_the_first() -> TestResult {
    let report = tampered(|lines| lines.swap(2, 3))?;
    assert_eq!(break_line(&report), 3, "{report}");
    // Lines 3, 4 and 5 no longer link to the entry before them; none of them is shown.
    assert_eq!(report.records, 7);
    assert_eq!(report.broken_lines.len(), 3);
    Ok(())
}

#[test]
fn rotation_keeps_the_chain_across_files_and_honours_keep() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    let line_len = {
        write(&dir.path().join("probe.jsonl"), 0, 1, MB, 1)?;
        fs::metadata(dir.path().join("probe.jsonl"))?.len()
    };
    // Three records per file; 12 records make four files, all kept.
    let max = 3 * line_len + line_len / 2;
    write(&log, 0, 12, max, 5)?;
    let reader = AuditReader::open(&log, &chain())?;
    let names: Vec<String> = reader.files().iter().map(|f| name(f)).collect();
    assert_eq!(
        names,
        [
            "audit.jsonl.3",
            "audit.jsonl.2",
            "audit.jsonl.1",
            "audit.jsonl"
        ]
    );
    for file in reader.files() {
        assert!(fs::metadata(file)?.len() <= max);
    }
    let report = reader.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.records, report.files), (12, 4));
    assert_eq!(report.start.as_ref().and_then(|s| s.after.as_ref()), None);
    let minutes: Vec<u64> = read_all(&log)?
        .iter()
        .map(|r| minutes_of(r.timestamp))
        .collect();
    assert_eq!(minutes, (0..12).map(|n| n * 60).collect::<Vec<_>>());

    // Nine more, keep 2: the oldest files go, and the chain starts after a rotation.
    write(&log, 12, 9, max, 2)?;
    let reader = AuditReader::open(&log, &chain())?;
    let names: Vec<String> = reader.files().iter().map(|f| name(f)).collect();
    assert_eq!(names, ["audit.jsonl.2", "audit.jsonl.1", "audit.jsonl"]);
    let report = reader.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.records, 9);
    let after = report
        .start
        .as_ref()
        .and_then(|s| s.after.as_ref())
        .ok_or("no anchor")?;
    assert_eq!(after.reason, "rotation");
    assert!(report.to_string().contains("after a rotation"), "{report}");
    let first = read_all(&log)?.first().map(|r| minutes_of(r.timestamp));
    assert_eq!(first, Some(12 * 60));
    Ok(())
}

#[test]
fn keep_zero_keeps_only_the_current_file() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 7, 1500, 0)?;
    let reader = AuditReader::open(&log, &chain())?;
    assert_eq!(reader.files(), std::slice::from_ref(&log));
    let report = reader.verify()?;
    assert!(report.is_whole(), "{report}");
    assert!(report.records < 7);
    assert!(
        report
            .to_string()
            .contains("after a rotation deleted audit.jsonl"),
        "{report}"
    );
    Ok(())
}

#[cfg(unix)]
#[test]
fn log_files_are_not_readable_by_others() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 6, 1500, 1)?;
    for file in [
        log.clone(),
        log.with_extension("jsonl.1"),
        log.with_extension("jsonl.anchors"),
    ] {
        let mode = fs::metadata(&file)?.permissions().mode();
        assert_eq!(mode & 0o007, 0, "{} has mode {mode:o}", file.display());
    }
    Ok(())
}

#[test]
fn a_rotated_file_deleted_by_hand_is_a_break() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 9, 2000, 5)?;
    let oldest = AuditReader::open(&log, &chain())?.files()[0].clone();
    fs::remove_file(&oldest)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert_eq!(break_line(&report), 1, "{report}");
    assert!(report.to_string().contains("not here"), "{report}");
    Ok(())
}

#[test]
fn a_writer_killed_mid_record_loses_only_that_record() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 5, MB, 3)?;
    let full = lines(&log)?[4].clone();
    append_raw(&log, &full[..full.len() / 2])?;
    write(&log, 5, 3, MB, 3)?;

    let results: Vec<_> = AuditReader::open(&log, &chain())?.records().collect();
    assert_eq!(results.len(), 9);
    let problems: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].line, &problems[0].problem),
        (6, &Problem::Truncated)
    );
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.records, 8);
    assert_eq!(report.broken_lines.len(), 1);
    assert_eq!(report.broken_lines[0].line, 6);
    Ok(())
}

#[test]
fn a_record_cut_just_before_its_newline_still_counts() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 3, MB, 3)?;
    let text = fs::read_to_string(&log)?;
    fs::write(&log, text.trim_end())?;
    write(&log, 3, 2, MB, 3)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!((report.records, report.broken_lines.len()), (5, 0));
    Ok(())
}

#[test]
fn a_half_line_as_the_only_content_continues_from_the_rotated_file() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    write(&log, 0, 4, 1500, 3)?;
    assert_eq!(AuditReader::open(&log, &chain())?.files().len(), 2);
    // A rotation that renamed the files, then a crash during the first write to the new file.
    fs::rename(log.with_extension("jsonl.1"), log.with_extension("jsonl.2"))?;
    fs::rename(&log, log.with_extension("jsonl.1"))?;
    append_raw(&log, "{\"@timestamp\":\"2026-11-")?;
    write(&log, 4, 2, 1500, 3)?;
    let report = AuditReader::open(&log, &chain())?.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.broken_lines.len(), 1);
    Ok(())
}

fn append_raw(path: &Path, text: &str) -> Result<(), std::io::Error> {
    use std::io::Write;
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(text.as_bytes())
}

#[cfg(unix)]
#[test]
fn the_key_file_is_private_and_a_readable_one_is_refused() -> TestResult {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp()?;
    let path = dir.path().join("deep/er/audit.key");
    let key = AuditKey::load_or_create(&path)?;
    assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
    let text = fs::read_to_string(&path)?;
    assert_eq!(text.trim().len(), 64);
    assert!(!format!("{key:?}").contains(text.trim()));
    assert_eq!(
        AuditKey::load_or_create(&path)?.key_hash("x"),
        key.key_hash("x")
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644))?;
    let refused = AuditKey::load_or_create(&path);
    assert!(
        matches!(refused, Err(AuditError::KeyPermissions { mode: 0o644, .. })),
        "{refused:?}"
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
    fs::write(&path, "not a key\n")?;
    assert!(matches!(
        AuditKey::load_or_create(&path),
        Err(AuditError::KeyMalformed { .. })
    ));
    // No temporary files are left beside it.
    assert_eq!(fs::read_dir(path.parent().ok_or("parent")?)?.count(), 1);
    Ok(())
}

#[test]
fn every_filter_selects_what_it_says() -> TestResult {
    let key = AuditKey::from_bytes(&[3; 32]);
    let records: Vec<Record> = (0..12u64)
        .map(|n| {
            let findings = if n.is_multiple_of(2) {
                pnr_summary(&key, "19850101-2382")
            } else {
                summarize(&every_kind()[3..4], &key)
            };
            Record::new(incident(n, findings))
        })
        .collect();
    let chosen = |filter: Filter| -> Vec<u64> {
        records
            .iter()
            .filter(|r| filter.matches(r))
            .map(|r| minutes_of(r.timestamp) / 60)
            .collect()
    };
    assert_eq!(chosen(Filter::default()).len(), 12);
    assert_eq!(
        chosen(Filter {
            since: Some(at(600)),
            ..Filter::default()
        }),
        [10, 11]
    );
    assert_eq!(
        chosen(Filter {
            until: Some(at(120)),
            ..Filter::default()
        }),
        [0, 1]
    );
    assert_eq!(
        chosen(Filter {
            since: Some(at(120)),
            until: Some(at(240)),
            ..Filter::default()
        }),
        [2, 3]
    );
    assert_eq!(
        chosen(Filter {
            kind: Some(Kind::PersonName),
            ..Filter::default()
        }),
        [1, 3, 5, 7, 9, 11]
    );
    assert_eq!(
        chosen(Filter {
            kind: Some(Kind::Email),
            ..Filter::default()
        }),
        Vec::<u64>::new()
    );
    let client: IpAddr = "10.0.0.2".parse()?;
    assert_eq!(
        chosen(Filter {
            client: Some(client),
            ..Filter::default()
        }),
        [2, 6, 10]
    );
    let mapped: IpAddr = "::ffff:10.0.0.2".parse()?;
    assert_eq!(
        chosen(Filter {
            client: Some(mapped),
            ..Filter::default()
        }),
        [2, 6, 10]
    );
    assert_eq!(
        chosen(Filter {
            service: Some("azure".into()),
            ..Filter::default()
        }),
        [1, 3, 5, 7, 9, 11]
    );
    // Record 4 has no registered service; its host still matches.
    assert_eq!(
        chosen(Filter {
            service: Some("OPENAI API".into()),
            ..Filter::default()
        }),
        [0, 2, 6, 8, 10]
    );
    assert_eq!(
        chosen(Filter {
            service: Some("api.openai.com".into()),
            ..Filter::default()
        }),
        [0, 2, 4, 6, 8, 10]
    );
    assert_eq!(
        chosen(Filter {
            action: Some(Action::Allow.into()),
            ..Filter::default()
        }),
        [2, 5, 8, 11]
    );
    let id = records[7].event.id.as_str().to_lowercase();
    assert_eq!(
        chosen(Filter {
            incident: Some(id),
            ..Filter::default()
        }),
        [7]
    );
    assert_eq!(
        chosen(Filter {
            action: Some(Action::Block.into()),
            kind: Some(Kind::Personnummer),
            ..Filter::default()
        }),
        [0, 6]
    );
    Ok(())
}

#[test]
fn the_summary_counts_per_day_kind_service_and_client() -> TestResult {
    let key = AuditKey::from_bytes(&[3; 32]);
    let mut records = Vec::new();
    for n in 0..30u64 {
        let mut findings = pnr_summary(&key, "19850101-2382");
        if n.is_multiple_of(3) {
            // Two names: the record counts once for person_name.
            findings.extend(summarize(&every_kind()[3..4], &key));
            findings.extend(summarize(
                &[(every_kind()[3].0.clone(), "Sven Olsson")],
                &key,
            ));
        }
        records.push(Record::new(incident(n, findings)));
    }
    // Minute n * 60 from 08:00 on 1 November: 16 on the 1st, 24 on the 2nd... of 30 records.
    let summary = Summary::of(&records);
    assert_eq!(summary.total, 30);
    let days: Vec<(String, usize)> = summary
        .per_day
        .iter()
        .map(|(d, c)| (d.to_string(), *c))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-01".to_string(), 16),
            ("2026-11-02".to_string(), 14)
        ]
    );
    assert_eq!(summary.per_kind.get(&Kind::Personnummer), Some(&30));
    assert_eq!(summary.per_kind.get(&Kind::PersonName), Some(&10));
    assert_eq!(summary.per_service.get("OpenAI API"), Some(&12));
    assert_eq!(summary.per_service.get("Kommunens Azure OpenAI"), Some(&12));
    assert_eq!(summary.per_service.get("api.openai.com"), Some(&3));
    assert_eq!(summary.per_service.get("kommun.openai.azure.com"), Some(&3));
    assert_eq!(summary.per_client.values().sum::<usize>(), 30);
    assert_eq!(
        summary.per_client.get(&IpAddr::from([10, 0, 0, 1])),
        Some(&8)
    );
    assert_eq!(summary.per_action.get(&Action::Allow.into()), Some(&10));
    // By value, as `sluss logs` streams them from the reader.
    assert_eq!(Summary::of(records.clone()), summary);
    Ok(())
}

#[test]
fn purging_deletes_old_rotated_files_and_keeps_the_chain_verifiable() -> TestResult {
    let dir = temp()?;
    let log = dir.path().join("audit.jsonl");
    let key = AuditKey::from_bytes(&[3; 32]);
    // Ten records one day apart, two per file: .4 .3 .2 .1 and the current file.
    let mut writer = AuditWriter::open(&log, 1, 10, chain())?;
    writer.set_fsync(false);
    for n in 0..10 {
        let mut inc = incident(n, pnr_summary(&key, "19850101-2382"));
        inc.time = at(n * 24 * 60);
        writer.append(Record::new(inc))?;
    }
    let mut reader = AuditReader::open(&log, &chain())?;
    assert_eq!(reader.files().len(), 10);
    let cutoff = Date::new(2026, 11, 5)
        .map(time::start_of_day)
        .ok_or("date")?;
    let purged = reader.purge_before(cutoff)?;
    let deleted: Vec<String> = purged.deleted.iter().map(|f| name(f)).collect();
    assert_eq!(
        deleted,
        [
            "audit.jsonl.9",
            "audit.jsonl.8",
            "audit.jsonl.7",
            "audit.jsonl.6"
        ]
    );
    let report = reader.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.records, 6);
    assert!(
        report
            .to_string()
            .contains("after a purge deleted audit.jsonl.6"),
        "{report}"
    );
    // The writer goes on after the purge, and a purge of everything keeps the current file.
    writer.append(Record::new(incident(10, Vec::new())))?;
    let purged = reader.purge_before(at(100 * 24 * 60))?;
    assert_eq!(purged.deleted.len(), 6);
    assert_eq!(reader.files(), std::slice::from_ref(&log));
    let report = reader.verify()?;
    assert!(report.is_whole(), "{report}");
    assert_eq!(report.records, 1);
    Ok(())
}

#[test]
fn a_missing_log_reads_as_empty() -> TestResult {
    let dir = temp()?;
    let reader = AuditReader::open(dir.path().join("nothing/audit.jsonl"), &chain())?;
    assert_eq!(reader.records().count(), 0);
    let report = reader.verify()?;
    assert!(report.is_whole());
    assert_eq!(report.records, 0);
    Ok(())
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn minutes_of(t: SystemTime) -> u64 {
    t.duration_since(at(0)).map_or(0, |d| d.as_secs() / 60)
}

/// A million records with fsync off, then reading, summarising and verifying them. Run with
/// `cargo test --release --test audit -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_million_records() -> TestResult {
    const N: u64 = 1_000_000;
    let dir = temp()?;
    let log: PathBuf = dir.path().join("audit.jsonl");
    let key = AuditKey::from_bytes(&[3; 32]);
    let findings = summarize(&every_kind()[..4], &key);
    let started = Instant::now();
    let mut writer = AuditWriter::open(&log, 256 * MB, 10, chain())?;
    writer.set_fsync(false);
    for n in 0..N {
        writer.append(Record::new(incident(n, findings.clone())))?;
    }
    let write_time = started.elapsed();
    let reader = AuditReader::open(&log, &chain())?;
    let bytes: u64 = reader
        .files()
        .iter()
        .map(|f| fs::metadata(f).map_or(0, |m| m.len()))
        .sum();

    let started = Instant::now();
    let records: Vec<Record> = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|p| p.to_string())?;
    let read_time = started.elapsed();
    let started = Instant::now();
    let summary = Summary::of(&records);
    let summary_time = started.elapsed();
    let started = Instant::now();
    let streamed = Summary::of(reader.records().filter_map(Result::ok));
    let streamed_time = started.elapsed();
    let started = Instant::now();
    let report = reader.verify()?;
    let verify_time = started.elapsed();

    assert_eq!(
        (summary.total, streamed.total, report.records),
        (N as usize, N as usize, N as usize)
    );
    assert!(report.is_whole(), "{report}");
    println!(
        "{N} records, {} files, {:.1} MB ({:.0} bytes/record)\n\
         write (fsync off): {write_time:.2?}\n\
         records() iterate + parse: {read_time:.2?}\n\
         Summary::of (in memory): {summary_time:.2?}\n\
         records() + Summary::of streamed: {streamed_time:.2?}\n\
         verify: {verify_time:.2?}",
        reader.files().len(),
        bytes as f64 / 1e6,
        bytes as f64 / N as f64,
    );
    Ok(())
}

/// The chain key of the fixture key.
fn chain() -> sluss::audit::ChainKey {
    sluss::audit::AuditKey::from_bytes(&[7; 32]).chain_key()
}
