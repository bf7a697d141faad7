//! "Mina stopp" after a restart: each person's latest stops read back from this instance's
//! audit log at start, in the background, so that the list (and the objection form, which
//! takes only a person's own latest stops) does not come back empty. Bounded as the list is:
//! stops of the last [`recent::MY_STOPS_AGE`], [`recent::MY_STOPS_KEEP`] per person, at most
//! [`recent::CAPACITY`] persons. Only records that verify are read.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use super::blocked::Stop;
use super::negotiate::Answered;
use super::{Shared, recent};
use crate::audit::{EventAction, Record};
use crate::detect::Kind;
use crate::policy::Rule;

/// Every rule, to read `event.reason` back.
const RULES: [Rule; 9] = [
    Rule::Personnummer,
    Rule::Samordningsnummer,
    Rule::ConfidentialityMarker,
    Rule::InternalMaterial,
    Rule::SensitiveWithIdentifier,
    Rule::SensitiveWithoutIdentifier,
    Rule::LowConfidenceIdentityNumber,
    Rule::Uninspectable,
    Rule::NotApproved,
];

/// The words of `sluss.uninspectable`, to read them back as the static words a stop holds.
const WHY: [&str; 16] = [
    "too_large",
    "websocket",
    "unsupported_type",
    "unknown_encoding",
    "corrupt_encoding",
    "malformed",
    "too_deep",
    "binary_part",
    "embedded",
    "charset",
    "ambiguous",
    "too_costly",
    "encrypted",
    "image_only",
    "corrupt",
    "over_limit",
];

/// The person and the stop a `block` record is about; `None` for anything else (other
/// actions, rate-limit refusals, records older than the list keeps).
pub fn stop_of(record: &Record, now: SystemTime) -> Option<(String, Stop)> {
    if record.event.action != EventAction::Block {
        return None;
    }
    if now.duration_since(record.timestamp).unwrap_or_default() > recent::MY_STOPS_AGE {
        return None;
    }
    let reason = record.event.reason.as_str();
    let rule = RULES
        .into_iter()
        .find(|r| r.as_str() == reason)
        .or_else(|| {
            (reason.starts_with("uninspectable") || reason == "inspection_failed")
                .then_some(Rule::Uninspectable)
        })?;
    let kinds = kinds_of(record);
    let person = match &record.user {
        Some(user) => format!("user:{}", user.name),
        None => format!("ip:{}", record.source.ip),
    };
    let stop = Stop {
        incident: record.event.id.as_str().to_string(),
        count: record.sluss.repeat.unwrap_or(1),
        time: record.timestamp,
        service: record
            .sluss
            .service
            .clone()
            .unwrap_or_else(|| record.url.domain.clone()),
        host: record.url.domain.clone(),
        rule,
        // The record lists the deciding findings first; which of its kinds decided is not
        // stored, so the first is taken as the deciding one.
        deciding: usize::from(!kinds.is_empty()),
        kinds,
        why: record
            .sluss
            .uninspectable
            .as_deref()
            .and_then(|w| WHY.into_iter().find(|known| *known == w)),
        answered: answered_of(record),
    };
    Some((person, stop))
}

/// The kinds a record found and how many of each, in order of first appearance.
fn kinds_of(record: &Record) -> Vec<(Kind, usize)> {
    let mut kinds: Vec<(Kind, usize)> = Vec::new();
    for finding in &record.sluss.findings {
        match kinds.iter_mut().find(|(k, _)| *k == finding.kind) {
            Some((_, count)) => *count += finding.count,
            None => kinds.push((finding.kind, finding.count)),
        }
    }
    kinds
}

/// How the person was answered (`sluss.answer`; a page when not said).
fn answered_of(record: &Record) -> Answered {
    match record.sluss.answer.as_deref() {
        Some("json") => Answered::Json,
        Some("event_stream") => Answered::EventStream,
        Some("websocket_close") => Answered::WebsocketClose,
        _ => Answered::Page,
    }
}

/// Reads this instance's log and puts each person's latest stops back on their list (on the
/// blocking pool; logged when done).
pub async fn restore(shared: Arc<Shared>) {
    let reading = shared.clone();
    let task = move || -> Result<usize, crate::audit::AuditError> {
        let path = reading.runtime.load().config.audit.path.clone();
        let reader = crate::audit::AuditReader::open(&path, &reading.audit_key.chain_key())?;
        let now = SystemTime::now();
        // The latest stops per person, newest last, bounded while reading.
        let mut latest: BTreeMap<String, Vec<Stop>> = BTreeMap::new();
        for record in reader.records().flatten() {
            let Some((person, stop)) = stop_of(&record, now) else {
                continue;
            };
            if latest.len() >= recent::CAPACITY && !latest.contains_key(&person) {
                continue;
            }
            let list = latest.entry(person).or_default();
            list.retain(|s| s.incident != stop.incident);
            list.push(stop);
            if list.len() > recent::MY_STOPS_KEEP {
                list.remove(0);
            }
        }
        let restored = latest.values().map(Vec::len).sum();
        let now = Instant::now();
        for (person, stops) in latest {
            for stop in stops {
                reading.recent.restore(&person, stop, now);
            }
        }
        Ok(restored)
    };
    match tokio::task::spawn_blocking(task).await {
        Ok(Ok(stops)) => tracing::info!(
            stops,
            "mina stopp: latest stops read back from the audit log"
        ),
        Ok(Err(e)) => tracing::warn!(error = %e, "mina stopp: cannot read the audit log"),
        Err(e) => tracing::warn!(error = %e, "mina stopp: reading the audit log failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{FindingSummary, Incident, IncidentId};
    use crate::policy::Action;
    use std::time::Duration;

    fn record(id: &str, age: Duration, action: Action, reason: &str) -> Record {
        let finding = |kind, count| FindingSummary {
            kind,
            rule: "r".into(),
            count,
            masked: "x".into(),
            key_hash: None,
        };
        Record::new(Incident {
            id: IncidentId::new(id),
            time: SystemTime::now() - age,
            client: std::net::IpAddr::from([10, 0, 0, 7]),
            user: None,
            service: Some("Kommunens AI".into()),
            host: "ai.kommun.test".into(),
            method: "POST".into(),
            path: "/v1".into(),
            action,
            reason: reason.into(),
            findings: vec![
                finding(Kind::Personnummer, 1),
                finding(Kind::Personnummer, 2),
                finding(Kind::ConfidentialityMarker, 1),
            ],
        })
    }

    #[test]
    fn a_recent_block_record_becomes_the_persons_stop() {
        let now = SystemTime::now();
        let day = Duration::from_secs(86_400);
        let Some((person, stop)) =
            stop_of(&record("S-2222AA", day, Action::Block, "personnummer"), now)
        else {
            unreachable!("a block record of yesterday is a stop")
        };
        assert_eq!(person, "ip:10.0.0.7");
        assert_eq!(stop.incident, "S-2222AA");
        assert_eq!(stop.rule, Rule::Personnummer);
        assert_eq!(
            stop.kinds,
            vec![(Kind::Personnummer, 3), (Kind::ConfidentialityMarker, 1)]
        );
        let old = record("S-2222AB", 8 * day, Action::Block, "personnummer");
        assert!(stop_of(&old, now).is_none(), "older than the list keeps");
        let redacted = record("S-2222AC", day, Action::Redact, "personnummer");
        assert!(stop_of(&redacted, now).is_none(), "not a stop");
        let limited = record("S-2222AD", day, Action::Block, "rate_limit:requests");
        assert!(stop_of(&limited, now).is_none(), "not a rule of the policy");
    }

    #[test]
    fn restored_stops_take_their_place_by_time() {
        let recent = recent::Recent::default();
        let now = Instant::now();
        let at = |id: &str, secs: u64| {
            let mut stop = Stop::new(IncidentId::new(id), "A", "a.test", Rule::Personnummer);
            stop.time = SystemTime::now() - Duration::from_secs(secs);
            stop
        };
        recent.remember("ip:1", at("S-NEWEST", 1), now);
        recent.restore("ip:1", at("S-OLDEST", 300), now);
        recent.restore("ip:1", at("S-MIDDLE", 200), now);
        recent.restore("ip:1", at("S-NEWEST", 1), now);
        let ids: Vec<String> = recent
            .stops_of("ip:1", now)
            .into_iter()
            .map(|s| s.incident)
            .collect();
        assert_eq!(ids, ["S-NEWEST", "S-MIDDLE", "S-OLDEST"]);
    }
}
