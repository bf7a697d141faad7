//! The review page's index of an audit log: it agrees with reading the log itself for every
//! filter, follows appends and rotation without reading the log again, waits for a line being
//! written, and never hands out a record that does not verify (an edit after indexing, a file
//! deleted by hand: the index is rebuilt and the line reported).

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::fs;
use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{TestResult, at, chain, fixtures, incident, pnr, temp};
use sluss::admin::review::load::{self, Indexes};
use sluss::audit::index::Index;
use sluss::audit::sources::LogSource;
use sluss::audit::{AuditReader, AuditWriter, Filter, Incident, IncidentId, Query, Record};

fn source(log: &Path) -> LogSource {
    LogSource::with_key(log, chain(), None)
}

/// `n` incidents a minute apart from 2026-11-01, varied so that every filter selects some.
fn many(n: u64) -> Vec<Incident> {
    (0..n)
        .map(|i| {
            let mut x = incident(
                "S-2222AA",
                at((2026, 11, 1), 0, 0) + Duration::from_secs(60 * i),
            );
            x.id = IncidentId::new(&format!("S-{:06}", i));
            x.client = IpAddr::from([10, 0, 0, (i % 4) as u8]);
            if i % 3 == 0 {
                x.findings = vec![pnr(common::PNR)];
            }
            if i % 5 == 0 {
                x.service = Some("Kommunens Azure OpenAI".into());
                x.host = "kommun.openai.azure.com".into();
                x.action = sluss::policy::Action::Redact;
            }
            x
        })
        .collect()
}

/// The ids the index finds for `filter`, oldest first.
fn via_index(index: &Index, filter: &Filter) -> TestResult<Vec<String>> {
    let mut hits = Vec::new();
    index.hits(filter, false, |hit| {
        hits.push(hit);
        true
    })?;
    hits.into_iter()
        .map(|hit| Ok(index.read(hit)?.event.id.to_string()))
        .collect()
}

/// The ids reading the log finds for `filter`, oldest first.
fn via_log(log: &Path, filter: &Filter) -> TestResult<Vec<String>> {
    Ok(AuditReader::open(log, &chain())?
        .records()
        .filter_map(Result::ok)
        .filter(|r| filter.matches(r))
        .map(|r| r.event.id.to_string())
        .collect())
}

fn filter(pairs: &[(&str, &str)]) -> TestResult<Filter> {
    Query::from_pairs(pairs.iter().copied())
        .filter(SystemTime::now())
        .map_err(|e| format!("{e:?}").into())
}

#[test]
fn every_filter_finds_what_reading_the_log_finds() -> TestResult {
    let dir = temp("sluss-index-")?;
    let log = dir.path().join("audit.jsonl");
    let mut incidents = many(300);
    incidents.extend(fixtures(SystemTime::now()));
    common::write_log(&log, incidents, 16 * 1024, 100)?;
    let index = Index::build(source(&log))?;
    assert_eq!(index.len(), 305);
    let hash = pnr(common::PNR).key_hash.unwrap_or_default();
    for pairs in [
        vec![],
        vec![("kind", "personnummer")],
        vec![("kind", "sensitive:health")],
        vec![("client", "10.0.0.2")],
        vec![("client", "::ffff:10.0.0.2")],
        vec![("client", "10.9.9.9")],
        vec![("service", "azure")],
        vec![("service", "API.OPENAI")],
        vec![("action", "redact")],
        vec![("incident", "s-000042")],
        vec![("incident", "S-BBBBBB")],
        vec![("key_hash", hash.as_str())],
        vec![
            ("since", "2026-11-01T02:00:00Z"),
            ("until", "2026-11-01T03:00:00+01:00"),
        ],
        vec![
            ("kind", "personnummer"),
            ("client", "10.0.0.3"),
            ("action", "block"),
        ],
        vec![("user", "anna")],
        vec![("user", "EVA")],
        vec![("user", "nobody")],
        vec![("user", "anna"), ("client", "10.0.0.1")],
        vec![("user", "anna"), ("client", "10.0.0.2")],
        vec![("reason", "not_approved")],
        vec![("reason", "personnummer"), ("action", "redact")],
        vec![("reason", "uninspectable")],
    ] {
        let filter = filter(&pairs)?;
        assert_eq!(
            via_index(&index, &filter)?,
            via_log(&log, &filter)?,
            "{pairs:?}"
        );
    }
    Ok(())
}

#[test]
fn appends_and_rotation_are_followed_without_reading_the_log_again() -> TestResult {
    let dir = temp("sluss-index-follow-")?;
    let log = dir.path().join("audit.jsonl");
    let all = many(400);
    let mut writer = AuditWriter::open(&log, 8 * 1024, 3, chain())?;
    writer.set_fsync(false);
    let mut written = all.into_iter();
    for incident in written.by_ref().take(50) {
        writer.append(Record::new(incident))?;
    }
    let mut index = Index::build(source(&log))?;
    assert_eq!(index.len(), 50);
    // Batches that rotate the file several times and delete the oldest (keep = 3).
    for _ in 0..7 {
        for incident in written.by_ref().take(50) {
            writer.append(Record::new(incident))?;
        }
        index.refresh()?;
        let everything = Filter::default();
        assert_eq!(via_index(&index, &everything)?, via_log(&log, &everything)?);
    }
    assert_eq!(index.rebuilds(), 0, "followed, not read again");
    assert!(
        dir.path().join("audit.jsonl.anchors").exists(),
        "files were deleted"
    );
    assert_eq!(index.problems().0, 0);
    Ok(())
}

#[test]
fn a_line_being_written_waits_until_it_is_whole() -> TestResult {
    let dir = temp("sluss-index-partial-")?;
    let log = dir.path().join("audit.jsonl");
    common::write_log(&log, many(3), 100 << 20, 10)?;
    // The next record as the writer would write it, in two parts.
    let other = dir.path().join("other.jsonl");
    fs::copy(&log, &other)?;
    common::write_log(&other, many(4).split_off(3), 100 << 20, 10)?;
    let full = fs::read(&other)?;
    let line = &full[fs::metadata(&log)?.len() as usize..];
    let (first, rest) = line.split_at(line.len() / 2);
    fs::OpenOptions::new()
        .append(true)
        .open(&log)?
        .write_all(first)?;
    let mut index = Index::build(source(&log))?;
    assert_eq!(
        (index.len(), index.problems().0),
        (3, 0),
        "the half line waits"
    );
    fs::OpenOptions::new()
        .append(true)
        .open(&log)?
        .write_all(rest)?;
    index.refresh()?;
    assert_eq!(
        (index.len(), index.problems().0, index.rebuilds()),
        (4, 0, 0)
    );
    Ok(())
}

#[test]
fn an_edit_after_indexing_is_never_shown_and_the_index_is_rebuilt() -> TestResult {
    let dir = temp("sluss-index-edit-")?;
    let log = dir.path().join("audit.jsonl");
    common::write_log(&log, fixtures(SystemTime::now()), 100 << 20, 10)?;
    let indexes = Indexes::new();
    let sources = [source(&log)];
    let everything = Filter::default();
    let before = indexes.with(&sources, |i| load::listing(i, &everything, 0))?;
    assert_eq!(before.total, 5);
    // Same length, other client: the index still holds the old line's place and hash.
    let text = fs::read_to_string(&log)?.replacen("10.0.0.3", "10.0.0.9", 1);
    fs::write(&log, text)?;
    let after = indexes.with(&sources, |i| load::listing(i, &everything, 0))?;
    let ids: Vec<String> = after.rows.iter().map(|r| r.event.id.to_string()).collect();
    assert_eq!(ids, ["S-DDDDDD", "S-CCCCCC", "S-BBBBBB", "S-AAAAAA"]);
    assert_eq!((after.total, after.unreadable), (4, 1));
    assert_eq!(after.problems, ["audit.jsonl:5"]);
    Ok(())
}

#[test]
fn a_rotated_file_deleted_by_hand_is_reported() -> TestResult {
    let dir = temp("sluss-index-deleted-")?;
    let log = dir.path().join("audit.jsonl");
    common::write_log(&log, many(200), 8 * 1024, 100)?;
    let mut index = Index::build(source(&log))?;
    assert_eq!(index.problems().0, 0);
    let oldest = AuditReader::open(&log, &chain())?.files()[0].clone();
    fs::remove_file(&oldest)?;
    index.refresh()?;
    assert_eq!(index.rebuilds(), 1);
    let (count, kept) = index.problems();
    assert_eq!(count, 1, "{kept:?}");
    assert!(
        kept[0]
            .to_string()
            .contains("deleted other than by rotation"),
        "{}",
        kept[0]
    );
    Ok(())
}
