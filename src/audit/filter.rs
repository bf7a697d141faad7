//! Choosing records for `sluss logs` and counting them for `--summary`.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::SystemTime;

use std::sync::Arc;

use super::record::{EventAction, Record};
use super::status::{Status, Statuses};
use crate::detect::{Date, Kind};

/// Which records to show. Every field that is set must match; the default matches all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// At or after this time.
    pub since: Option<SystemTime>,
    /// Before this time.
    pub until: Option<SystemTime>,
    /// With a finding of this kind.
    pub kind: Option<Kind>,
    /// From this client (IPv4-mapped IPv6 addresses equal their IPv4 form).
    pub client: Option<IpAddr>,
    /// Whose service name or host contains this, ignoring case.
    pub service: Option<String>,
    /// With this action. Follow-ups (objections, statuses) match only when this names them
    /// or `incident` is given: the other filters choose requests.
    pub action: Option<EventAction>,
    /// With this incident id, ignoring case.
    pub incident: Option<String>,
    /// With a finding of this keyed hash (`hmac-sha256:…`): the incidents that carried the
    /// same value.
    pub key_hash: Option<String>,
    /// Whose incident has this current status (see [`StatusFilter`]).
    pub status: Option<StatusFilter>,
    /// Sent by this user (`user.name`, ignoring case; whole name).
    pub user: Option<String>,
    /// Decided by this rule (`event.reason`): the name itself, or the name and `:` and a
    /// detail (`uninspectable` matches `uninspectable:too_large`).
    pub reason: Option<String>,
}

/// A filter by current status, with the statuses it is judged by (filled by the reader from
/// the whole log, since a status is set by later records).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusFilter {
    /// The status wanted.
    pub wanted: Status,
    /// The incidents' statuses.
    pub current: Arc<Statuses>,
}

impl StatusFilter {
    /// A filter for `wanted`, with no statuses known yet.
    pub fn new(wanted: Status) -> StatusFilter {
        StatusFilter {
            wanted,
            current: Arc::default(),
        }
    }
}

impl Filter {
    /// This filter with its status filter (if any) judged by `statuses`.
    pub fn with_statuses(&self, statuses: &Arc<Statuses>) -> Filter {
        let mut filter = self.clone();
        if let Some(status) = &mut filter.status {
            status.current = statuses.clone();
        }
        filter
    }

    /// Whether `record` passes every condition that is set.
    pub fn matches(&self, record: &Record) -> bool {
        self.since.is_none_or(|t| record.timestamp >= t)
            && self.until.is_none_or(|t| record.timestamp < t)
            && self.kind.is_none_or(|k| record.has_kind(k))
            && self
                .client
                .is_none_or(|ip| ip.to_canonical() == record.source.ip.to_canonical())
            && match self.action {
                Some(a) => record.event.action == a,
                None => self.incident.is_some() || record.event.action.is_request(),
            }
            && self.status.as_ref().is_none_or(|s| {
                record.event.action.is_request()
                    && s.current.of(record.event.id.as_str()) == s.wanted
            })
            && self
                .incident
                .as_deref()
                .is_none_or(|id| record.event.id.as_str().eq_ignore_ascii_case(id.trim()))
            && self
                .service
                .as_deref()
                .is_none_or(|s| service_matches(record, s))
            && self
                .user
                .as_deref()
                .is_none_or(|u| user_matches(record.user.as_ref().map(|u| u.name.as_str()), u))
            && self
                .reason
                .as_deref()
                .is_none_or(|r| reason_matches(&record.event.reason, r))
            && self.key_hash.as_deref().is_none_or(|h| {
                record
                    .sluss
                    .findings
                    .iter()
                    .any(|f| f.key_hash.as_deref() == Some(h.trim()))
            })
    }
}

/// Whether a record's user name is `wanted` (trimmed, ignoring case). A record without a
/// user name matches no user.
pub fn user_matches(user: Option<&str>, wanted: &str) -> bool {
    let wanted = wanted.trim();
    user.is_some_and(|u| {
        u.eq_ignore_ascii_case(wanted)
            || (!u.is_ascii() && u.to_lowercase() == wanted.to_lowercase())
    })
}

/// Whether `event.reason` `reason` is the rule `wanted`, or that rule with a detail after
/// `:` (`uninspectable:too_large`, `rate_limit:requests`, `status:reviewed`).
pub fn reason_matches(reason: &str, wanted: &str) -> bool {
    let wanted = wanted.trim();
    reason == wanted
        || reason
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with(':'))
}

/// Whether the service name or the host contains `needle`, ignoring case.
fn service_matches(record: &Record, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let contains = |hay: &str| hay.to_lowercase().contains(&needle);
    record.sluss.service.as_deref().is_some_and(contains) || contains(&record.url.domain)
}

/// Counts of records for `sluss logs --summary`. A record counts once under each kind it has,
/// however many findings of that kind; a record without a registered service counts under its
/// host.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records.
    pub total: usize,
    /// Per UTC date (`--format json`).
    pub per_day: BTreeMap<Date, usize>,
    /// Per date in Europe/Stockholm (the text summary).
    pub per_local_day: BTreeMap<Date, usize>,
    /// Per kind of finding.
    pub per_kind: BTreeMap<Kind, usize>,
    /// Per service name (or host).
    pub per_service: BTreeMap<String, usize>,
    /// Per client address.
    pub per_client: BTreeMap<IpAddr, usize>,
    /// Per action.
    pub per_action: BTreeMap<EventAction, usize>,
    /// Local days of the records so far (a cache).
    days: super::local::Days,
}

impl Summary {
    /// Counts `records`.
    pub fn of<R: Borrow<Record>>(records: impl IntoIterator<Item = R>) -> Summary {
        let mut summary = Summary::default();
        for record in records {
            summary.add(record.borrow());
        }
        summary
    }

    /// Counts one more record.
    pub fn add(&mut self, record: &Record) {
        self.total += 1;
        *self
            .per_day
            .entry(super::time::utc_date(record.timestamp))
            .or_default() += 1;
        let local = self.days.date(super::time::unix_millis(record.timestamp));
        *self.per_local_day.entry(local).or_default() += 1;
        let mut kinds: Vec<Kind> = record.sluss.findings.iter().map(|f| f.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            *self.per_kind.entry(kind).or_default() += 1;
        }
        let service = record.sluss.service.as_ref().unwrap_or(&record.url.domain);
        match self.per_service.get_mut(service) {
            Some(count) => *count += 1,
            None => {
                self.per_service.insert(service.clone(), 1);
            }
        }
        *self.per_client.entry(record.source.ip).or_default() += 1;
        *self.per_action.entry(record.event.action).or_default() += 1;
    }
}
