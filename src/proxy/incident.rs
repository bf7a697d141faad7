//! Turns a decision about one request into an audit record and appends it before the client
//! gets its answer. The record holds kinds, masks and keyed hashes, never a matched value; what
//! the client wrote into the path, host, method or user header is stored with every finding
//! replaced by its placeholder, by the finding's span.
//!
//! A stop is also remembered for the person ([`super::recent`]): a repeat of the same value by
//! the same person to the same service within minutes is the same incident (its record carries
//! the incident id and which stop of it this is, so every stop stays in the chain); the stop
//! shows on the person's "Mina stopp" page; and a stop that the app showed only as an error
//! (JSON, a stream, a WebSocket close) is explained on their next page load on the page's host.

use std::sync::Arc;
use std::time::{Instant, SystemTime};

use super::blocked::Stop;
use super::decision::Decision;
use super::negotiate::Answered;
use super::recent::{self, Claim};
use super::{Peer, Runtime, Shared};
use crate::audit::{
    AuditError, AuditKey, FindingSummary, Incident, IncidentId, Record, scrub, summarize,
};
use crate::body::Limits;
use crate::config::Route;
use crate::detect::{Detectors, Finding};
use crate::policy::{Action, Rule};

/// What the audit record says about a request, apart from its findings.
pub struct Report<'a> {
    /// Who sent it.
    pub peer: &'a Peer,
    /// The host it was for.
    pub host: &'a str,
    /// The registered service, if any.
    pub service: Option<&'a str>,
    /// The HTTP method.
    pub method: &'a str,
    /// The URL path (a query string is cut off).
    pub path: &'a str,
    /// What was done.
    pub action: Action,
    /// The policy rule that decided.
    pub reason: &'a str,
    /// How the person was answered, for a stop (`sluss.answer`).
    pub answered: Option<Answered>,
    /// Why content could not be inspected, if that mattered (`sluss.uninspectable`).
    pub why: Option<&'a str>,
}

/// The incident a record was written for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The incident id (that of an earlier stop when this one repeats it).
    pub id: IncidentId,
    /// Which stop of the incident this is (1 for the first; always 1 for what is not a stop).
    pub count: u32,
}

/// Appends the record for `report` with `evidence` (findings and their matched texts, which
/// only the keyed hash and the mask see) and returns the incident it belongs to: a stop that
/// repeats an open incident (same person, service, reason and values) gets its id.
pub async fn record(
    shared: &Arc<Shared>,
    detectors: &Detectors,
    report: &Report<'_>,
    evidence: &[(Finding, &str)],
) -> Result<Recorded, AuditError> {
    let all = evidence.len();
    record_at(shared, detectors, report, evidence, all, SystemTime::now()).await
}

/// [`record`], at `time`, where the first `deciding` of `evidence` decided: only they make a
/// stop the repeat of an earlier one (an edited prompt that still holds the same number is the
/// same incident).
async fn record_at(
    shared: &Arc<Shared>,
    detectors: &Detectors,
    report: &Report<'_>,
    evidence: &[(Finding, &str)],
    deciding: usize,
    time: SystemTime,
) -> Result<Recorded, AuditError> {
    let findings = summarize(evidence, &shared.audit_key);
    let repeatable = (report.action == Action::Block).then(|| {
        let who = recent::person(report.peer);
        let decided = summarize(&evidence[..deciding.min(evidence.len())], &shared.audit_key);
        fingerprint(&shared.audit_key, &who, report, &decided)
    });
    let claim = match &repeatable {
        Some(fp) => shared.recent.claim(fp, Instant::now()),
        None => Claim {
            id: IncidentId::random(),
            count: 1,
        },
    };
    let incident = Incident {
        id: claim.id.clone(),
        time,
        client: report.peer.ip,
        user: report
            .peer
            .user
            .as_deref()
            .map(|u| scrub::user(detectors, u)),
        service: report.service.map(str::to_string),
        host: scrub::text(detectors, report.host),
        method: scrub::text(detectors, report.method),
        path: loggable_path(detectors, &shared.runtime.load().limits, report.path),
        action: report.action,
        reason: report.reason.to_string(),
        findings,
    };
    let mut record = Record::new(incident);
    record.sluss.answer = report.answered.map(|a| a.as_str().to_string());
    record.sluss.uninspectable = report.why.map(str::to_string);
    record.sluss.repeat = (claim.count > 1).then_some(claim.count);
    // Durable before the answer: the writer thread commits records in batches (one fsync for
    // all that wait) and sends them to syslog after the write.
    if let Err(e) = shared.audit.append(record).await {
        if let Some(fp) = &repeatable {
            shared.recent.unclaim(fp, &claim);
        }
        return Err(e);
    }
    Ok(Recorded {
        id: claim.id,
        count: claim.count,
    })
}

/// A keyed hash of who stopped what where: the person, the service (or host), the reason and
/// the set of deciding values (their keyed hashes; for words such as a category or a marking,
/// which link no person, their kind and mask).
fn fingerprint(
    key: &AuditKey,
    person: &str,
    report: &Report<'_>,
    findings: &[FindingSummary],
) -> String {
    let mut values: Vec<String> = findings
        .iter()
        .map(|f| {
            let value = f.key_hash.as_deref().unwrap_or(&f.masked);
            format!("{}\u{1f}{}\u{1f}{value}", f.kind.name(), f.rule)
        })
        .collect();
    values.sort_unstable();
    values.dedup();
    let parts = [
        person,
        report.service.unwrap_or(report.host),
        report.reason,
        report.why.unwrap_or(""),
        &values.join("\u{1e}"),
    ];
    key.key_hash(&parts.join("\u{1d}"))
}

/// A stop about to be recorded and answered.
pub struct Stopping<'a> {
    /// The record's fields (`action` is `Block`; `answered` says how the person is answered).
    pub report: Report<'a>,
    /// The service's name as shown to the person (registered or known).
    pub shown: &'a str,
    /// The host of the page that sent the request (its `Origin` or `Referer`), where the
    /// person's next page load shows the explanation; `None`: the request's own host.
    pub page: Option<&'a str>,
}

/// Records a stop and remembers it for the person: the returned [`Stop`] carries the incident
/// id (that of the incident it repeats, if any; `–` when the record could not be written,
/// which is logged and counted) and is what every answer about it shows.
pub async fn stop(
    shared: &Arc<Shared>,
    runtime: &Runtime,
    stopping: &Stopping<'_>,
    decision: &Decision,
) -> Stop {
    let report = &stopping.report;
    let time = SystemTime::now();
    let evidence: Vec<_> = decision
        .evidence
        .iter()
        .map(|(f, m)| (f.clone(), m.as_str()))
        .collect();
    let recorded = record_at(
        shared,
        &runtime.detectors,
        report,
        &evidence,
        decision.deciding,
        time,
    )
    .await;
    let (kinds, deciding) = decision.kinds();
    let mut stop = Stop {
        incident: "–".to_string(),
        count: 1,
        time,
        service: stopping.shown.to_string(),
        host: report.host.to_string(),
        rule: decision.rule,
        kinds,
        deciding,
        why: decision.why,
        answered: report.answered.unwrap_or(Answered::Page),
    };
    match recorded {
        Ok(recorded) => {
            stop.incident = recorded.id.as_str().to_string();
            stop.count = recorded.count;
            remember(shared, runtime, stopping, &stop);
        }
        Err(e) => {
            shared.metrics.audit_failures.inc();
            tracing::error!(error = %e, host = report.host, "could not write the audit record");
        }
    }
    tracing::info!(
        incident = %stop.incident, count = stop.count, client = %report.peer.ip,
        host = report.host, rule = decision.rule.as_str(), answer = stop.answered.as_str(),
        "stopped a request"
    );
    stop
}

/// Puts a recorded stop on the person's "Mina stopp" list and, when the app showed it only as
/// an error, leaves it for their next page load on the page's host (if sluss intercepts that
/// host for an approved service: elsewhere the page load does not pass through sluss's
/// inspection, or is stopped anyway).
fn remember(shared: &Shared, runtime: &Runtime, stopping: &Stopping<'_>, stop: &Stop) {
    let now = Instant::now();
    let who = recent::person(stopping.report.peer);
    shared.recent.remember(&who, stop.clone(), now);
    if stop.answered.is_page() || stop.rule == Rule::NotApproved {
        return;
    }
    let page = stopping.page.unwrap_or(stopping.report.host);
    if matches!(runtime.register.route(page), Route::Approved(_)) {
        shared.recent.leave_notice(&who, page, stop.clone(), now);
    }
}

/// The path without its query string, every finding replaced by its placeholder where it
/// stands (`/v1/files/id=[PERSONNUMMER]`), read as the proxy reads it: see
/// [`crate::audit::scrub`].
pub fn loggable_path(detectors: &Detectors, limits: &Limits, path: &str) -> String {
    scrub::path(detectors, limits, path)
}
