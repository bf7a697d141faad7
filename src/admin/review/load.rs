//! Reading the audit log for one page: one pass over every file, keeping only the page's
//! records and the counts per day. Synchronous: run it on the blocking pool.

use std::collections::{BTreeMap, VecDeque};
use std::time::SystemTime;

use crate::audit::{AuditError, AuditReader, Filter, IncidentId, Record};
use crate::detect::{Date, Kind};

/// Records per page.
pub const PAGE_SIZE: usize = 100;
/// Incidents listed per keyed hash on a detail page.
pub const RELATED_SHOWN: usize = 20;

/// Records per day, per rule (`event.reason`).
pub type PerDay = BTreeMap<Date, BTreeMap<String, usize>>;

/// One page of the list, and what the chart needs.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Records that match the filter.
    pub total: usize,
    /// The page shown, from 0.
    pub page: usize,
    /// Its records, newest first.
    pub rows: Vec<Record>,
    /// Every matching record counted per day and rule.
    pub per_day: PerDay,
    /// Lines of the log that could not be read or do not verify (never shown as records).
    pub unreadable: usize,
    /// The first of them, as `file:line` (at most [`PROBLEMS_SHOWN`]).
    pub problems: Vec<String>,
}

/// Lines that do not verify named on the page.
pub const PROBLEMS_SHOWN: usize = 10;

/// Pages read in one pass, keeping `(page + 1) × PAGE_SIZE` records; deeper pages take two
/// passes (count, then pick) so that memory never holds more than a page or so.
const ONE_PASS_PAGES: usize = 10;

/// Page `page` (from 0, newest first) of the records that pass `filter`.
pub fn listing(log: &super::Log, filter: &Filter, page: usize) -> Result<Listing, AuditError> {
    let reader = log.open()?;
    let mut listing = Listing {
        page,
        ..Listing::default()
    };
    let skip = page.saturating_mul(PAGE_SIZE);
    if page < ONE_PASS_PAGES {
        let keep = skip + PAGE_SIZE;
        let mut newest: VecDeque<Record> = VecDeque::new();
        each_match(&reader, filter, &mut listing, |_, record| {
            if newest.len() == keep {
                newest.pop_front();
            }
            newest.push_back(record);
        });
        listing.rows = newest
            .into_iter()
            .rev()
            .skip(skip)
            .take(PAGE_SIZE)
            .collect();
    } else {
        each_match(&reader, filter, &mut listing, |_, _| {});
        let end = listing.total.saturating_sub(skip);
        let window = end.saturating_sub(PAGE_SIZE)..end;
        let mut rows = Vec::new();
        each_match(&reader, filter, &mut Listing::default(), |index, record| {
            if window.contains(&index) {
                rows.push(record);
            }
        });
        rows.reverse();
        listing.rows = rows;
    }
    Ok(listing)
}

/// Counts every record that passes `filter` into `listing` and hands it to `each` with its
/// index among the matches.
fn each_match(
    reader: &AuditReader,
    filter: &Filter,
    listing: &mut Listing,
    mut each: impl FnMut(usize, Record),
) {
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(problem) => {
                listing.unreadable += 1;
                if listing.problems.len() < PROBLEMS_SHOWN {
                    let name = problem.file.file_name().map_or_else(
                        || problem.file.display().to_string(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                    listing.problems.push(format!("{name}:{}", problem.line));
                }
                continue;
            }
        };
        if !filter.matches(&record) {
            continue;
        }
        *listing
            .per_day
            .entry(crate::audit::local::date(record.timestamp))
            .or_default()
            .entry(record.event.reason.clone())
            .or_default() += 1;
        each(listing.total, record);
        listing.total += 1;
    }
}

/// One incident and the others that share a value with it.
#[derive(Clone, Debug)]
pub struct Detail {
    /// The record.
    pub record: Record,
    /// Per keyed hash of its findings, the other incidents with that hash.
    pub related: Vec<Related>,
}

/// The other incidents with one keyed hash.
#[derive(Clone, Debug)]
pub struct Related {
    /// The hash.
    pub key_hash: String,
    /// The kind of the finding that carried it.
    pub kind: Kind,
    /// The masked hint of that finding.
    pub masked: String,
    /// How many other incidents carry it.
    pub total: usize,
    /// The newest of them (at most [`RELATED_SHOWN`]), newest first.
    pub newest: Vec<(IncidentId, SystemTime)>,
}

/// The record of incident `id` (the newest, should two share an id), and its related
/// incidents; `None` when no record has that id. Two passes over the log.
pub fn detail(log: &super::Log, id: &str) -> Result<Option<Detail>, AuditError> {
    let reader = log.open()?;
    let wanted = Filter {
        incident: Some(id.to_string()),
        ..Filter::default()
    };
    let Some(record) = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| wanted.matches(r))
        .last()
    else {
        return Ok(None);
    };
    let mut related: Vec<Related> = Vec::new();
    for finding in &record.sluss.findings {
        if let Some(hash) = &finding.key_hash
            && !related.iter().any(|r| &r.key_hash == hash)
        {
            related.push(Related {
                key_hash: hash.clone(),
                kind: finding.kind,
                masked: finding.masked.clone(),
                total: 0,
                newest: Vec::new(),
            });
        }
    }
    if !related.is_empty() {
        collect_related(&reader, &record.event.id, &mut related);
    }
    Ok(Some(Detail { record, related }))
}

/// Fills `related` with the incidents other than `this` that carry each hash.
fn collect_related(reader: &AuditReader, this: &IncidentId, related: &mut [Related]) {
    let mut found: Vec<VecDeque<(IncidentId, SystemTime)>> = vec![VecDeque::new(); related.len()];
    for record in reader.records().filter_map(Result::ok) {
        if &record.event.id == this {
            continue;
        }
        for (entry, newest) in related.iter_mut().zip(found.iter_mut()) {
            let carries = record
                .sluss
                .findings
                .iter()
                .any(|f| f.key_hash.as_deref() == Some(entry.key_hash.as_str()));
            if carries {
                entry.total += 1;
                if newest.len() == RELATED_SHOWN {
                    newest.pop_front();
                }
                newest.push_back((record.event.id.clone(), record.timestamp));
            }
        }
    }
    for (entry, newest) in related.iter_mut().zip(found) {
        entry.newest = newest.into_iter().rev().collect();
    }
}
