//! Every view of the review page becomes a record of the audit chain (who looked at what:
//! the list and its filter, an incident, an export), written before the page is sent: a view
//! that cannot be recorded is not shown (500).
//!
//! # Not flooding the chain
//! - One record per person, client, page and filter in [`WINDOW`]: paging through a list,
//!   reloading, or going back to an incident writes nothing new (the page number of the first
//!   view is kept). A changed filter, another incident or another export format is a new view.
//! - At most [`PER_MINUTE`] records a minute per person (a burst of [`BURST`]), so that a
//!   script cannot fill the log with views.
//! - A view not written is counted, and the count goes on that person's next record
//!   (`sluss.view.unrecorded`); every view is also logged to standard error as before.
//!
//! The memory is bounded: at most [`MAX_KEYS`] recent views are remembered; when full, the
//! expired ones are dropped, and if none has expired the memory is cleared (views are then
//! written again rather than lost).

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::audit::view::{View, Viewed, WITHHELD};
use crate::audit::{IncidentId, Record};
use crate::policy::{self, Action, ServicePolicy};
use crate::proxy::Shared;

/// Repeats of the same view by the same person within this time are not written again.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// View records a minute per person, steady.
pub const PER_MINUTE: f64 = 30.0;
/// View records per person at once.
pub const BURST: f64 = 60.0;
/// Recent views remembered.
pub const MAX_KEYS: usize = 10_000;

/// What identifies a view for coalescing: who, from where, what, with which filter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    user: String,
    client: IpAddr,
    what: String,
    target: String,
}

/// One person's allowance and the views not written since their last record.
#[derive(Clone, Copy, Debug)]
struct Allowance {
    tokens: f64,
    at: Instant,
    unrecorded: u64,
}

/// The recent views, kept between requests.
#[derive(Debug, Default)]
pub struct Views {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    written: HashMap<Key, Instant>,
    people: HashMap<String, Allowance>,
}

impl Views {
    /// Nothing seen yet.
    pub fn new() -> Views {
        Views::default()
    }

    /// Whether a view under `key` should be written at `now`: `Some(unrecorded)` (views of
    /// that person not written since their last record), or `None` when it is covered.
    fn admit(&self, key: Key, now: Instant) -> Option<u64> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let allowance = state.people.entry(key.user.clone()).or_insert(Allowance {
            tokens: BURST,
            at: now,
            unrecorded: 0,
        });
        let minutes = now.saturating_duration_since(allowance.at).as_secs_f64() / 60.0;
        allowance.tokens = (allowance.tokens + minutes * PER_MINUTE).min(BURST);
        allowance.at = now;
        let recent = state
            .written
            .get(&key)
            .is_some_and(|at| now.saturating_duration_since(*at) < WINDOW);
        let allowance = state.people.get_mut(&key.user)?;
        if recent || allowance.tokens < 1.0 {
            allowance.unrecorded += 1;
            return None;
        }
        allowance.tokens -= 1.0;
        let unrecorded = std::mem::take(&mut allowance.unrecorded);
        if state.written.len() >= MAX_KEYS {
            state
                .written
                .retain(|_, at| now.saturating_duration_since(*at) < WINDOW);
            if state.written.len() >= MAX_KEYS {
                state.written.clear();
            }
        }
        state.written.insert(key, now);
        Some(unrecorded)
    }

    /// Undoes [`Views::admit`] for a record that could not be written: the view is not
    /// covered (the next one is written, or refused again), and the count is kept.
    fn forget(&self, key: &Key, unrecorded: u64) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.written.remove(key);
        if let Some(allowance) = state.people.get_mut(&key.user) {
            allowance.unrecorded += unrecorded;
            allowance.tokens = (allowance.tokens + 1.0).min(BURST);
        }
    }
}

/// A view of `path` with `query`, as the page would record it (`None` for a path that is not
/// a view: the status form posts, not found).
pub fn classify(path: &str, query: Option<&str>) -> Option<(String, Option<IncidentId>)> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let incident_asked = pairs
        .iter()
        .rev()
        .find(|(name, value)| name == "incident" && !value.trim().is_empty())
        .map(|(_, value)| IncidentId::new(value));
    match path {
        "/review" | "/review/" => Some(match incident_asked {
            Some(id) => ("incident".into(), Some(id)),
            None => ("list".into(), None),
        }),
        "/review.csv" => Some((
            match super::export::Flavour::from_query(query) {
                super::export::Flavour::Tools => "export",
                super::export::Flavour::SwedishExcel => "export_excel",
            }
            .into(),
            None,
        )),
        _ => {
            let rest = path.strip_prefix("/review/")?;
            if rest.len() >= 3 && rest[..2].eq_ignore_ascii_case("S-") && !rest.contains('/') {
                Some(("incident".into(), Some(IncidentId::new(rest))))
            } else {
                Some(("page".into(), None))
            }
        }
    }
}

/// The filter of `query` as kept in the record: every filter field that is given; values
/// that the default policy would stop are [`WITHHELD`].
fn filter_of(shared: &Shared, query: Option<&str>) -> (BTreeMap<String, String>, Option<usize>) {
    let (parsed, page) = super::parse_query(query);
    let runtime = shared.runtime.load();
    let policy = ServicePolicy::default();
    let mut filter = BTreeMap::new();
    for (name, value) in parsed.pairs() {
        let findings = runtime.detectors.scan(value);
        let kept = if policy::decide(&policy, &findings).action() == Action::Allow {
            value.chars().take(200).collect()
        } else {
            WITHHELD.to_string()
        };
        filter.insert(name.to_string(), kept);
    }
    (filter, Some(page + 1))
}

/// What a view looked at, for coalescing: the incident, or the path and the filter (without
/// the page number, so that paging is one view).
fn target(path: &str, incident: Option<&IncidentId>, filter: &BTreeMap<String, String>) -> String {
    match incident {
        Some(id) => id.as_str().to_string(),
        None => {
            let mut text = form_urlencoded::Serializer::new(String::new());
            for (name, value) in filter {
                text.append_pair(name, value);
            }
            format!("{path}?{}", text.finish())
        }
    }
}

/// Records the view of `path` by `user` from `client`, unless it is covered by an earlier
/// record ([`WINDOW`], the rate). `Err` when the record could not be written: the caller
/// must not show the page.
pub async fn record(
    shared: &Shared,
    views: &Views,
    (user, client): (&str, IpAddr),
    path: &str,
    query: Option<&str>,
) -> Result<(), crate::audit::AuditError> {
    let Some((what, incident)) = classify(path, query) else {
        return Ok(());
    };
    let (filter, page) = filter_of(shared, query);
    let key = Key {
        user: user.to_string(),
        client,
        what: what.clone(),
        target: target(path, incident.as_ref(), &filter),
    };
    let Some(unrecorded) = views.admit(key.clone(), Instant::now()) else {
        return Ok(());
    };
    let host = shared
        .runtime
        .load()
        .config
        .admin
        .as_ref()
        .map_or_else(String::new, |a| a.listen.ip().to_string());
    let list = what == "list";
    let record = Record::view(Viewed {
        time: SystemTime::now(),
        client,
        user: user.to_string(),
        host,
        path: path.to_string(),
        incident,
        view: View {
            what,
            filter,
            page: if list { page } else { None },
            unrecorded,
        },
    });
    let written = shared.audit.append(record).await;
    if written.is_err() {
        views.forget(&key, unrecorded);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(user: &str, target: &str) -> Key {
        Key {
            user: user.into(),
            client: IpAddr::from([127, 0, 0, 1]),
            what: "list".into(),
            target: target.into(),
        }
    }

    #[test]
    fn repeats_within_the_window_are_counted_on_the_next_record() {
        let views = Views::new();
        let t = Instant::now();
        assert_eq!(views.admit(key("anna", "/review?"), t), Some(0));
        // Paging and reloading the same filter: covered.
        assert_eq!(
            views.admit(key("anna", "/review?"), t + Duration::from_secs(5)),
            None
        );
        assert_eq!(
            views.admit(key("anna", "/review?"), t + Duration::from_secs(9)),
            None
        );
        // Another person is not covered by anna's record.
        assert_eq!(views.admit(key("bo", "/review?"), t), Some(0));
        // A new filter is a new view, and carries the two not written.
        assert_eq!(
            views.admit(key("anna", "/review?user=bo"), t + Duration::from_secs(10)),
            Some(2)
        );
        // After the window, the same view is written again.
        assert_eq!(views.admit(key("anna", "/review?"), t + WINDOW), Some(0));
    }

    #[test]
    fn a_view_whose_record_failed_is_not_covered() {
        let views = Views::new();
        let t = Instant::now();
        let k = key("anna", "/review?");
        assert_eq!(views.admit(k.clone(), t), Some(0));
        views.forget(&k, 0);
        assert_eq!(views.admit(k, t + Duration::from_secs(1)), Some(0));
    }

    #[test]
    fn a_person_gets_at_most_the_burst_then_the_rate() {
        let views = Views::new();
        let t = Instant::now();
        let written = (0..200)
            .filter(|i| {
                views
                    .admit(key("anna", &format!("/review?p={i}")), t)
                    .is_some()
            })
            .count();
        assert_eq!(written, BURST as usize);
        // Two seconds later, one more (30 a minute).
        assert_eq!(
            views.admit(key("anna", "/review?p=x"), t + Duration::from_secs(2)),
            Some(140)
        );
    }

    #[test]
    fn paths_are_classified() {
        let c =
            |p: &str, q: Option<&str>| classify(p, q).map(|(w, i)| (w, i.map(|i| i.to_string())));
        assert_eq!(c("/review", Some("page=3")), Some(("list".into(), None)));
        assert_eq!(
            c("/review", Some("incident=s-7k2m9q")),
            Some(("incident".into(), Some("S-7K2M9Q".into())))
        );
        assert_eq!(
            c("/review/S-7K2M9Q", None),
            Some(("incident".into(), Some("S-7K2M9Q".into())))
        );
        assert_eq!(
            c("/review.csv", Some("format=excel")),
            Some(("export_excel".into(), None))
        );
        assert_eq!(c("/review.csv", None), Some(("export".into(), None)));
        assert_eq!(c("/review/rapport", None), Some(("page".into(), None)));
        assert_eq!(c("/metrics", None), None);
    }
}
