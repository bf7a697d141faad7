//! Request counts per service that survive a restart: the proxy tallies every inspected
//! request in memory ([`Tally`]) and writes what it counted as one chained `traffic` record
//! per service at most every `[audit] traffic_interval_secs`, at each month's start (Swedish
//! time) and at shutdown. A traffic record holds counts only: no client, no user, no path.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::month::Month;
use super::record::{
    Event, EventAction, Http, HttpRequest, IncidentId, Record, Sluss, Source, Url,
};
use crate::policy::Action;

/// What one service saw over an interval (`sluss.traffic` of a `traffic` record).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrafficCounts {
    /// Start of the interval; the record's `@timestamp` is its end.
    #[serde(with = "super::time::rfc3339")]
    pub since: SystemTime,
    /// Inspected requests (and WebSocket messages) to the service.
    pub requests: u64,
    /// Of them, let through unchanged (uninspected ones included).
    pub allowed: u64,
    /// Let through with findings replaced.
    pub redacted: u64,
    /// Stopped.
    pub blocked: u64,
    /// Held by a `warn` rule.
    pub warned: u64,
    /// Held requests then sent with a justification (counted also under `warned`).
    pub justified: u64,
    /// Let through although they could not be inspected (`uninspectable = "allow"`; counted
    /// also under `allowed`).
    pub uninspectable_allowed: u64,
}

impl Default for TrafficCounts {
    fn default() -> Self {
        TrafficCounts {
            since: std::time::UNIX_EPOCH,
            requests: 0,
            allowed: 0,
            redacted: 0,
            blocked: 0,
            warned: 0,
            justified: 0,
            uninspectable_allowed: 0,
        }
    }
}

impl TrafficCounts {
    /// Adds `other`'s counts (its `since` is ignored).
    pub fn add(&mut self, other: &TrafficCounts) {
        self.requests += other.requests;
        self.allowed += other.allowed;
        self.redacted += other.redacted;
        self.blocked += other.blocked;
        self.warned += other.warned;
        self.justified += other.justified;
        self.uninspectable_allowed += other.uninspectable_allowed;
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.requests == 0 && self.justified == 0
    }
}

/// The counts since the last [`Tally::take`], per service, and when the first of them was
/// counted. One short lock per request.
#[derive(Debug, Default)]
pub struct Tally {
    state: Mutex<(Option<SystemTime>, BTreeMap<String, TrafficCounts>)>,
}

impl Tally {
    /// Counts one inspected request to `service` and what was done with it.
    pub fn request(&self, service: &str, action: Action) {
        self.with(service, |c| {
            c.requests += 1;
            match action {
                Action::Allow => c.allowed += 1,
                Action::Redact => c.redacted += 1,
                Action::Block => c.blocked += 1,
                Action::Warn => c.warned += 1,
            }
        });
    }

    /// Counts a request let through uninspected (already counted by [`Tally::request`]).
    pub fn uninspectable_allowed(&self, service: &str) {
        self.with(service, |c| c.uninspectable_allowed += 1);
    }

    /// Counts a held request sent with a justification.
    pub fn justified(&self, service: &str) {
        self.with(service, |c| c.justified += 1);
    }

    /// The counts since the last take, each with `since` set to when the first of them was
    /// counted (`now` if none was), and a fresh start.
    pub fn take(&self, now: SystemTime) -> Vec<(String, TrafficCounts)> {
        let mut state = self.lock();
        let since = state.0.take().unwrap_or(now).min(now);
        let taken = std::mem::take(&mut state.1);
        taken
            .into_iter()
            .filter(|(_, c)| !c.is_empty())
            .map(|(service, mut counts)| {
                counts.since = since;
                (service, counts)
            })
            .collect()
    }

    /// Puts counts back that could not be written (they go into the next record).
    pub fn restore(&self, counts: Vec<(String, TrafficCounts)>) {
        let mut state = self.lock();
        for (service, back) in counts {
            state.1.entry(service).or_default().add(&back);
            state.0 = Some(state.0.map_or(back.since, |t| t.min(back.since)));
        }
    }

    fn with(&self, service: &str, change: impl FnOnce(&mut TrafficCounts)) {
        let mut state = self.lock();
        if state.0.is_none() {
            state.0 = Some(SystemTime::now());
        }
        match state.1.get_mut(service) {
            Some(counts) => change(counts),
            None => change(state.1.entry(service.to_string()).or_default()),
        }
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, (Option<SystemTime>, BTreeMap<String, TrafficCounts>)> {
        // Every update is one statement: the counts stay usable after a panic elsewhere.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Requests per service and month (Swedish time), from `traffic` records: what `/register`
/// publishes with `[register] publish_counts`. A record counts in the month of its `since`
/// (an interval never spans a month's start: one is written at that moment).
#[derive(Debug, Default)]
pub struct Monthly {
    counts: Mutex<BTreeMap<(String, Month), u64>>,
}

impl Monthly {
    /// Adds `requests` to `service` in `month`.
    pub fn add(&self, service: &str, month: Month, requests: u64) {
        *self.lock().entry((service.to_string(), month)).or_default() += requests;
    }

    /// Replaces every count (after reading the logs again).
    pub fn replace(&self, counts: BTreeMap<(String, Month), u64>) {
        *self.lock() = counts;
    }

    /// The requests of `service` in each of `months` (0 where none were recorded).
    pub fn of(&self, service: &str, months: &[Month]) -> Vec<u64> {
        let counts = self.lock();
        months
            .iter()
            .map(|m| counts.get(&(service.to_string(), *m)).copied().unwrap_or(0))
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<(String, Month), u64>> {
        self.counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Adds the requests of a `traffic` record to `counts` when its month is at or after `from`.
pub fn count_monthly(record: &Record, from: Month, counts: &mut BTreeMap<(String, Month), u64>) {
    if let Some((service, traffic)) = record.traffic_counts() {
        let month = Month::of(traffic.since);
        if month >= from {
            *counts.entry((service.to_string(), month)).or_default() += traffic.requests;
        }
    }
}

impl Record {
    /// The `traffic` record of `service` for the interval that ends at `until`: `event.id`
    /// `T-` and six random symbols, `source.ip` `0.0.0.0` (no client), no user, no path.
    pub fn traffic(service: &str, counts: TrafficCounts, until: SystemTime) -> Record {
        let random = IncidentId::random();
        let id = IncidentId::new(&format!("T-{}", &random.as_str()[2..]));
        Record {
            timestamp: until,
            event: Event::new(id, EventAction::Traffic, "interval".into()),
            source: Source {
                ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            },
            user: None,
            url: Url {
                domain: String::new(),
                path: String::new(),
            },
            http: Http {
                request: HttpRequest {
                    method: String::new(),
                },
            },
            sluss: Sluss {
                service: Some(service.to_string()),
                findings: Vec::new(),
                answer: None,
                uninspectable: None,
                repeat: None,
                status: None,
                comment: None,
                view: None,
                traffic: Some(counts),
            },
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    /// The counts of a `traffic` record, with its service.
    pub fn traffic_counts(&self) -> Option<(&str, &TrafficCounts)> {
        if self.event.action != EventAction::Traffic {
            return None;
        }
        Some((self.sluss.service.as_deref()?, self.sluss.traffic.as_ref()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_take_returns_the_counts_and_starts_again() {
        let tally = Tally::default();
        tally.request("A", Action::Allow);
        tally.request("A", Action::Block);
        tally.request("A", Action::Warn);
        tally.justified("A");
        tally.request("B", Action::Allow);
        tally.uninspectable_allowed("B");
        let now = SystemTime::now();
        let taken = tally.take(now);
        assert_eq!(taken.len(), 2);
        let (name, a) = &taken[0];
        assert_eq!(name, "A");
        assert_eq!(
            (a.requests, a.allowed, a.blocked, a.warned, a.justified),
            (3, 1, 1, 1, 1)
        );
        assert_eq!(taken[1].1.uninspectable_allowed, 1);
        assert!(tally.take(now).is_empty());
        tally.restore(taken);
        assert_eq!(tally.take(now).len(), 2);
    }

    #[test]
    fn a_traffic_record_holds_counts_and_nothing_personal() -> Result<(), Box<dyn std::error::Error>>
    {
        let counts = TrafficCounts {
            requests: 5,
            allowed: 5,
            ..TrafficCounts::default()
        };
        let record = Record::traffic("Kommunens AI", counts, SystemTime::now());
        let json = String::from_utf8(record.canonical_json()?)?;
        assert!(json.contains("\"action\":\"traffic\""), "{json}");
        assert!(json.contains("\"requests\":5"), "{json}");
        assert!(!json.contains("\"user\""), "{json}");
        let back: Record = serde_json::from_str(&json)?;
        assert_eq!(back.traffic_counts().map(|(_, c)| c.requests), Some(5));
        assert!(back.event.id.as_str().starts_with("T-"));
        Ok(())
    }
}
