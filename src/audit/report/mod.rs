//! The monthly follow-up report (`sluss report`, `/review/rapport`): per service, the
//! requests (from the `traffic` records), the stops by rule and by kind, the warnings and the
//! requests sent with a justification, the objections and how security staff judged them;
//! the not-approved AI services that staff tried most (host names only); the same totals for
//! the months before; and whether every log verified.
//!
//! Nothing in it names a person: no user, no client address, no incident id, no comment.
//!
//! ```text
//! Builder::add(&Record) (every record of every log, oldest first) -> Builder::finish -> Report
//! csv::text(&Report), serde_json::to_string(&Report), admin::review::rapport::page(&Report)
//! ```
//!
//! Stops, warnings and redactions count in the month of their record; an objection and a
//! status count with the stop they are about (in the stop's month, as judged when the report
//! is made); `traffic` records count in the month their interval started.

pub mod csv;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::AuditError;
use super::month::Month;
use super::reader::AuditReader;
use super::record::{EventAction, Record};
use super::sources::{LogSource, Merged};
use super::status::Status;

/// Months in the trend, the report's month included.
pub const TREND_MONTHS: usize = 6;
/// Not-approved hosts listed.
pub const NOT_APPROVED_SHOWN: usize = 20;
/// The `event.reason` of a request to a known AI service that is not approved.
const NOT_APPROVED: &str = "not_approved";

/// The numbers of one service (or of all) in one month.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Numbers {
    /// Inspected requests (from `traffic` records).
    pub requests: u64,
    /// Of them let through.
    pub allowed: u64,
    /// Of them let through with findings replaced.
    pub redacted: u64,
    /// Of them stopped.
    pub blocked: u64,
    /// Of them held by a `warn` rule.
    pub warned: u64,
    /// Held requests sent with a justification.
    pub justified: u64,
    /// Let through without inspection (`uninspectable = "allow"`).
    pub uninspectable_allowed: u64,
    /// Stop records (`block`).
    pub stops: u64,
    /// Warning records (`warn`): the person was asked for a justification.
    pub warnings: u64,
    /// Records of requests sent with a justification (`justified`).
    pub sent_with_justification: u64,
    /// Redaction records (`redact`).
    pub redactions: u64,
    /// Stops and warnings the person objected to.
    pub objected: u64,
    /// Of them, judged by security staff (status granskad, felaktigt stopp or åtgärdad).
    pub objections_judged: u64,
    /// Of them, judged a false stop (felaktigt stopp).
    pub objections_false_stop: u64,
    /// `objections_false_stop / objections_judged` (none when nothing is judged yet).
    pub false_stop_rate: Option<f64>,
    /// Stops and warnings by current status: `new`, `reviewed`, `false_stop`, `resolved`.
    pub status: BTreeMap<String, u64>,
}

/// One service's numbers in the report's month, and its stops by rule and by kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ServiceReport {
    /// The service's name as registered.
    pub service: String,
    /// Its numbers.
    #[serde(flatten)]
    pub numbers: Numbers,
    /// Stops by the rule that decided (`event.reason`).
    pub stops_by_rule: BTreeMap<String, u64>,
    /// Stops in which each kind was found (a stop with two kinds counts under both).
    pub stops_by_kind: BTreeMap<String, u64>,
}

/// A not-approved AI service and how often staff tried it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HostCount {
    /// The host name.
    pub host: String,
    /// Requests stopped as not approved.
    pub attempts: u64,
}

/// One month of the trend: the totals of every service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendMonth {
    /// The month.
    pub month: Month,
    /// Its totals.
    #[serde(flatten)]
    pub numbers: Numbers,
    /// Requests to not-approved AI services.
    pub not_approved_attempts: u64,
}

/// Whether one log verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Integrity {
    /// The log (its current file).
    pub log: String,
    /// Whether its chain is whole (as `sluss logs --verify` judges it).
    pub verified: bool,
    /// What the verifier found.
    pub detail: String,
}

/// The follow-up report of one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The month.
    pub month: Month,
    /// When it was made (RFC 3339, UTC).
    pub generated: String,
    /// Whether every log verified and every line was read.
    pub verified: bool,
    /// Each log's verification.
    pub logs: Vec<Integrity>,
    /// Lines that could not be read or did not verify (not counted).
    pub unreadable_lines: u64,
    /// Whether the month holds any `traffic` record (without, `requests` are unknown).
    pub traffic_recorded: bool,
    /// Every service's totals.
    pub totals: Numbers,
    /// Per service, by name.
    pub services: Vec<ServiceReport>,
    /// Requests to not-approved AI services.
    pub not_approved_attempts: u64,
    /// The not-approved AI services tried most, most first (at most [`NOT_APPROVED_SHOWN`]).
    pub not_approved: Vec<HostCount>,
    /// The totals of the report's month and the months before, oldest first.
    pub trend: Vec<TrendMonth>,
}

/// A stop (or warning) of the months read, and what became of it.
#[derive(Debug)]
struct Stop {
    month: Month,
    service: Option<String>,
    objected: bool,
    status: Status,
}

/// What one month holds, while reading.
#[derive(Debug, Default)]
struct MonthTally {
    totals: Numbers,
    services: BTreeMap<String, ServiceReport>,
    not_approved: HashMap<String, u64>,
    not_approved_attempts: u64,
    traffic_recorded: bool,
}

/// Reads records (oldest first) into a [`Report`].
#[derive(Debug)]
pub struct Builder {
    month: Month,
    months: Vec<Month>,
    tallies: BTreeMap<Month, MonthTally>,
    stops: HashMap<String, Stop>,
    unreadable: u64,
}

impl Builder {
    /// A report of `month`, with the trend over it and the months before.
    pub fn new(month: Month) -> Builder {
        let months = month.last(TREND_MONTHS);
        Builder {
            month,
            tallies: months.iter().map(|m| (*m, MonthTally::default())).collect(),
            months,
            stops: HashMap::new(),
            unreadable: 0,
        }
    }

    /// Counts a line that could not be read or did not verify.
    pub fn unreadable(&mut self) {
        self.unreadable += 1;
    }

    /// Counts one record (records come oldest first, so a follow-up comes after its stop).
    pub fn add(&mut self, record: &Record) {
        match record.event.action {
            EventAction::Traffic => self.traffic(record),
            EventAction::Objection | EventAction::Status => self.follow_up(record),
            _ => self.request(record),
        }
    }

    fn traffic(&mut self, record: &Record) {
        let Some((service, counts)) = record.traffic_counts() else {
            return;
        };
        let Some(tally) = self.tallies.get_mut(&Month::of(counts.since)) else {
            return;
        };
        tally.traffic_recorded = true;
        for numbers in [
            &mut tally.totals,
            &mut service_entry(&mut tally.services, service).numbers,
        ] {
            numbers.requests += counts.requests;
            numbers.allowed += counts.allowed;
            numbers.redacted += counts.redacted;
            numbers.blocked += counts.blocked;
            numbers.warned += counts.warned;
            numbers.justified += counts.justified;
            numbers.uninspectable_allowed += counts.uninspectable_allowed;
        }
    }

    fn request(&mut self, record: &Record) {
        let month = Month::of(record.timestamp);
        let Some(tally) = self.tallies.get_mut(&month) else {
            return;
        };
        let action = record.event.action;
        if action == EventAction::Block && record.event.reason == NOT_APPROVED {
            tally.not_approved_attempts += 1;
            *tally
                .not_approved
                .entry(record.url.domain.to_ascii_lowercase())
                .or_default() += 1;
            return;
        }
        let Some(service) = record.sluss.service.as_deref() else {
            return;
        };
        let entry = service_entry(&mut tally.services, service);
        for numbers in [&mut tally.totals, &mut entry.numbers] {
            match action {
                EventAction::Block => numbers.stops += 1,
                EventAction::Warn => numbers.warnings += 1,
                EventAction::Justified => numbers.sent_with_justification += 1,
                EventAction::Redact => numbers.redactions += 1,
                _ => {}
            }
        }
        if action == EventAction::Block {
            count_stop(entry, record);
        }
        if matches!(action, EventAction::Block | EventAction::Warn) {
            self.stops
                .entry(record.event.id.as_str().to_string())
                .or_insert(Stop {
                    month,
                    service: Some(service.to_string()),
                    objected: false,
                    status: Status::New,
                });
        }
    }

    fn follow_up(&mut self, record: &Record) {
        let Some(stop) = self.stops.get_mut(record.event.id.as_str()) else {
            return;
        };
        match record.status_set() {
            Some(status) => stop.status = status,
            None => stop.objected = true,
        }
    }

    /// The report, with each log's verification.
    pub fn finish(mut self, logs: Vec<Integrity>, generated: String) -> Report {
        self.judge_stops();
        let month = self.month;
        let trend: Vec<TrendMonth> = self
            .months
            .iter()
            .map(|m| {
                let tally = self.tallies.get(m);
                TrendMonth {
                    month: *m,
                    numbers: tally.map(|t| t.totals.clone()).unwrap_or_default(),
                    not_approved_attempts: tally.map_or(0, |t| t.not_approved_attempts),
                }
            })
            .collect();
        let tally = self.tallies.remove(&month).unwrap_or_default();
        let mut not_approved: Vec<HostCount> = tally
            .not_approved
            .into_iter()
            .map(|(host, attempts)| HostCount { host, attempts })
            .collect();
        not_approved.sort_by(|a, b| b.attempts.cmp(&a.attempts).then(a.host.cmp(&b.host)));
        not_approved.truncate(NOT_APPROVED_SHOWN);
        Report {
            month,
            generated,
            verified: logs.iter().all(|l| l.verified) && self.unreadable == 0,
            logs,
            unreadable_lines: self.unreadable,
            traffic_recorded: tally.traffic_recorded,
            totals: tally.totals,
            services: tally.services.into_values().collect(),
            not_approved_attempts: tally.not_approved_attempts,
            not_approved,
            trend,
        }
    }

    /// Counts each stop's objection and status into its month and service.
    fn judge_stops(&mut self) {
        for stop in self.stops.values() {
            let Some(tally) = self.tallies.get_mut(&stop.month) else {
                continue;
            };
            let service = stop.service.as_deref().unwrap_or_default();
            let entry = service_entry(&mut tally.services, service);
            for numbers in [&mut tally.totals, &mut entry.numbers] {
                *numbers
                    .status
                    .entry(stop.status.as_str().to_string())
                    .or_default() += 1;
                if stop.objected {
                    numbers.objected += 1;
                    if stop.status != Status::New {
                        numbers.objections_judged += 1;
                    }
                    if stop.status == Status::FalseStop {
                        numbers.objections_false_stop += 1;
                    }
                }
            }
        }
        for tally in self.tallies.values_mut() {
            rate(&mut tally.totals);
            for entry in tally.services.values_mut() {
                rate(&mut entry.numbers);
            }
        }
    }
}

/// Counts a stop under its rule and under each kind it found.
fn count_stop(entry: &mut ServiceReport, record: &Record) {
    *entry
        .stops_by_rule
        .entry(record.event.reason.clone())
        .or_default() += 1;
    let mut kinds: Vec<&str> = record
        .sluss
        .findings
        .iter()
        .map(|f| f.kind.name())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        *entry.stops_by_kind.entry(kind.to_string()).or_default() += 1;
    }
}

/// The entry of `service`, created empty.
fn service_entry<'a>(
    services: &'a mut BTreeMap<String, ServiceReport>,
    service: &str,
) -> &'a mut ServiceReport {
    services
        .entry(service.to_string())
        .or_insert_with(|| ServiceReport {
            service: service.to_string(),
            ..ServiceReport::default()
        })
}

/// Sets the false-stop rate from the judged objections.
fn rate(numbers: &mut Numbers) {
    numbers.false_stop_rate = (numbers.objections_judged > 0)
        .then(|| numbers.objections_false_stop as f64 / numbers.objections_judged as f64);
}

/// Reads every log of `sources` (each verified on its own, as `sluss logs --verify` does;
/// then their records merged by time) into the report of `month`. Reads each log twice:
/// call it off the async workers.
pub fn read(sources: &[LogSource], month: Month) -> Result<Report, AuditError> {
    let mut logs = Vec::with_capacity(sources.len());
    let mut readers = Vec::with_capacity(sources.len());
    for source in sources {
        let reader = source.reader()?;
        let chain = reader.verify()?;
        logs.push(Integrity {
            log: source.path.display().to_string(),
            verified: chain.is_whole(),
            detail: chain.to_string(),
        });
        readers.push(reader);
    }
    let mut builder = Builder::new(month);
    let records = readers.iter().map(AuditReader::records).collect();
    for record in Merged::new(records, |r: &Record| r.timestamp) {
        match record {
            Ok(record) => builder.add(&record),
            Err(_) => builder.unreadable(),
        }
    }
    let now = super::time::format(std::time::SystemTime::now());
    Ok(builder.finish(logs, now))
}
