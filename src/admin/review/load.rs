//! What one review page needs, from the indexes of the logs it shows (this instance's and
//! `[audit] other_instances`): the page's records, the counts per day and rule, an incident
//! and the incidents related to it. Synchronous: run it on the blocking pool.
//!
//! The indexes are kept between requests and catch up with the logs on each one (see
//! [`crate::audit::index`]); a record shown is read again from its log and checked.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::audit::filter::Filter;
use crate::audit::index::{Hit, Index, Stale};
use crate::audit::sources::LogSource;
use crate::audit::time::from_unix_millis;
use crate::audit::{AuditError, IncidentId, Record, Status, Statuses};
use crate::detect::{Date, Kind};

/// Records per page.
pub const PAGE_SIZE: usize = 100;
/// Incidents listed per keyed hash on a detail page.
pub const RELATED_SHOWN: usize = 20;
/// Lines that do not verify named on the page.
pub const PROBLEMS_SHOWN: usize = 10;

/// Records per day (in Europe/Stockholm), per rule (`event.reason`).
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
    /// Lines of the logs that could not be read or do not verify (never shown as records).
    pub unreadable: usize,
    /// The first of them, as `file:line` (at most [`PROBLEMS_SHOWN`]).
    pub problems: Vec<String>,
    /// The incidents' current statuses (every log's status records).
    pub statuses: Arc<Statuses>,
}

/// The indexes of the logs the review pages show, kept between requests.
#[derive(Debug, Default)]
pub struct Indexes {
    state: Mutex<Vec<Index>>,
}

impl Indexes {
    /// No index yet: the first request builds them.
    pub fn new() -> Indexes {
        Indexes::default()
    }

    /// Runs `read` on indexes of `sources` that have caught up with the logs (built on first
    /// use, or when the list of logs changed). When `read` finds that a log changed under its
    /// index, the indexes are read again from the logs and `read` runs once more.
    pub fn with<T>(
        &self,
        sources: &[LogSource],
        read: impl Fn(&[Index]) -> Result<T, Stale>,
    ) -> Result<T, AuditError> {
        let mut indexes = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let same = indexes.len() == sources.len()
            && indexes
                .iter()
                .zip(sources)
                .all(|(i, s)| i.source().path == s.path);
        if same {
            for index in indexes.iter_mut() {
                index.refresh()?;
            }
        } else {
            *indexes = sources
                .iter()
                .map(|s| Index::build(s.clone()))
                .collect::<Result<_, _>>()?;
        }
        if let Ok(value) = read(&indexes) {
            return Ok(value);
        }
        for index in indexes.iter_mut() {
            index.rebuild()?;
        }
        read(&indexes).map_err(|stale| {
            AuditError::io(
                "read",
                sources.first().map(|s| s.path.clone()).unwrap_or_default(),
                std::io::Error::other(stale),
            )
        })
    }
}

/// A hit in one of several indexes.
type Found = (i64, usize, Hit);

/// Page `page` (from 0, newest first) of the records of every index that pass `filter`.
pub fn listing(indexes: &[Index], filter: &Filter, page: usize) -> Result<Listing, Stale> {
    let statuses = statuses(indexes);
    let filter = &filter.with_statuses(&statuses);
    let mut listing = Listing {
        page,
        statuses,
        ..Listing::default()
    };
    for index in indexes {
        count(index, filter, &mut listing)?;
        let (count, kept) = index.problems();
        listing.unreadable += count;
        for problem in kept {
            if listing.problems.len() < PROBLEMS_SHOWN {
                listing.problems.push(if indexes.len() > 1 {
                    format!("{}:{}", problem.file.display(), problem.line)
                } else {
                    problem.short()
                });
            }
        }
    }
    let skip = page.saturating_mul(PAGE_SIZE);
    let wanted = skip.saturating_add(PAGE_SIZE);
    let mut newest: Vec<Found> = Vec::new();
    for (i, index) in indexes.iter().enumerate() {
        let mut taken = 0;
        index.hits(filter, true, |hit| {
            newest.push((hit.time_ms, i, hit));
            taken += 1;
            taken < wanted
        })?;
    }
    // Newest first across the logs; within one log, its own order.
    newest.sort_by_key(|(time, i, _)| (std::cmp::Reverse(*time), *i));
    for (_, i, hit) in newest.into_iter().skip(skip).take(PAGE_SIZE) {
        listing.rows.push(indexes[i].read(hit)?);
    }
    Ok(listing)
}

/// The current statuses of incidents, from the status records of every log.
pub fn statuses(indexes: &[Index]) -> Arc<Statuses> {
    let mut all = Statuses::default();
    for index in indexes {
        all.merge(index.statuses());
    }
    Arc::new(all)
}

/// Counts the records of `index` that pass `filter` into `listing`, per day and rule.
fn count(index: &Index, filter: &Filter, listing: &mut Listing) -> Result<(), Stale> {
    let counts = index.count(filter)?;
    listing.total += counts.total;
    for (day, reasons) in counts.per_day {
        let into = listing.per_day.entry(day).or_default();
        for (reason, n) in reasons {
            *into.entry(reason).or_default() += n;
        }
    }
    Ok(())
}

/// One incident and the others that share a value with it.
#[derive(Clone, Debug)]
pub struct Detail {
    /// The record.
    pub record: Record,
    /// The log it is in.
    pub log: PathBuf,
    /// Per keyed hash of its findings, the other incidents with that hash.
    pub related: Vec<Related>,
    /// Objections and statuses about it, oldest first.
    pub follow_ups: Vec<Record>,
    /// Its current status.
    pub status: Status,
    /// Views of it on the review page (who looked, when), newest first, at most
    /// [`VIEWS_SHOWN`].
    pub views: Vec<Record>,
}

/// Views of an incident listed on its page.
pub const VIEWS_SHOWN: usize = 20;

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

/// Records read for one incident at most (its stops and follow-ups).
pub const INCIDENT_RECORDS: usize = 500;

/// The record of incident `id` (the newest stop, should repeats share the id), its
/// follow-ups (objections, statuses, oldest first), its current status and its related
/// incidents; `None` when no record but follow-ups has that id.
pub fn detail(indexes: &[Index], id: &str) -> Result<Option<Detail>, Stale> {
    let wanted = Filter {
        incident: Some(id.to_string()),
        ..Filter::default()
    };
    let mut hits: Vec<Found> = Vec::new();
    for (i, index) in indexes.iter().enumerate() {
        index.hits(&wanted, true, |hit| {
            hits.push((hit.time_ms, i, hit));
            hits.len() < INCIDENT_RECORDS
        })?;
    }
    hits.sort_by_key(|(time, i, _)| (std::cmp::Reverse(*time), *i));
    let (main, mut follow_ups, views) = sort_out(indexes, hits)?;
    let Some((at, this, record)) = main else {
        return Ok(None);
    };
    follow_ups.reverse();
    let mut related: Vec<Related> = Vec::new();
    for finding in &record.sluss.findings {
        if let Some(hash) = &finding.key_hash
            && !related.iter().any(|r| &r.key_hash == hash)
        {
            let (total, newest) = sharing(indexes, hash, (at, this))?;
            related.push(Related {
                key_hash: hash.clone(),
                kind: finding.kind,
                masked: finding.masked.clone(),
                total,
                newest,
            });
        }
    }
    Ok(Some(Detail {
        status: statuses(indexes).of(record.event.id.as_str()),
        record,
        log: indexes[at].source().path.clone(),
        related,
        follow_ups,
        views,
    }))
}

/// An incident's stop (with where it is), follow-ups and views.
type Sorted = (Option<(usize, Hit, Record)>, Vec<Record>, Vec<Record>);

/// The records of an incident's hits (newest first): its stop (the newest), its follow-ups
/// and its views (at most [`VIEWS_SHOWN`]).
fn sort_out(indexes: &[Index], hits: Vec<Found>) -> Result<Sorted, Stale> {
    let mut main = None;
    let mut follow_ups = Vec::new();
    let mut views = Vec::new();
    for (_, at, hit) in hits {
        let record = indexes[at].read(hit)?;
        if record.event.action.is_follow_up() {
            follow_ups.push(record);
        } else if record.event.action == crate::audit::EventAction::View {
            if views.len() < VIEWS_SHOWN {
                views.push(record);
            }
        } else if main.is_none() {
            main = Some((at, hit, record));
        }
    }
    Ok((main, follow_ups, views))
}

/// How many records other than `this` carry `hash`, and the newest of them.
fn sharing(
    indexes: &[Index],
    hash: &str,
    this: (usize, Hit),
) -> Result<(usize, Vec<(IncidentId, SystemTime)>), Stale> {
    let filter = Filter {
        key_hash: Some(hash.to_string()),
        ..Filter::default()
    };
    let mut total = 0;
    let mut newest: Vec<Found> = Vec::new();
    for (i, index) in indexes.iter().enumerate() {
        let mut taken = 0;
        index.hits(&filter, true, |hit| {
            if (i, hit) != this {
                total += 1;
                if taken < RELATED_SHOWN {
                    newest.push((hit.time_ms, i, hit));
                    taken += 1;
                }
            }
            true
        })?;
    }
    newest.sort_by_key(|(time, i, _)| (std::cmp::Reverse(*time), *i));
    let mut shown = Vec::new();
    for (time, i, hit) in newest.into_iter().take(RELATED_SHOWN) {
        let record = indexes[i].read(hit)?;
        shown.push((record.event.id, from_unix_millis(time)));
    }
    Ok((total, shown))
}
