//! Turns a decision about one request into an audit record and appends it before the client
//! gets its answer. The record holds kinds, masks and keyed hashes, never a matched value; what
//! the client wrote into the path, host, method or user header is stored with every finding
//! replaced by its placeholder, by the finding's span.

use std::sync::Arc;
use std::time::SystemTime;

use super::{Peer, Shared};
use crate::audit::{AuditError, Incident, IncidentId, Record, scrub, summarize};
use crate::body::Limits;
use crate::detect::{Detectors, Finding};
use crate::policy::Action;

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
}

/// Appends the record for `report` with `evidence` (findings and their matched texts, which
/// only the keyed hash and the mask see) and returns the incident id it carries.
pub async fn record(
    shared: &Arc<Shared>,
    detectors: &Detectors,
    report: &Report<'_>,
    evidence: &[(Finding, &str)],
) -> Result<IncidentId, AuditError> {
    let id = IncidentId::random();
    let incident = Incident {
        id: id.clone(),
        time: SystemTime::now(),
        client: report.peer.ip,
        user: report
            .peer
            .user
            .as_deref()
            .map(|u| scrub::text(detectors, u)),
        service: report.service.map(str::to_string),
        host: scrub::text(detectors, report.host),
        method: scrub::text(detectors, report.method),
        path: loggable_path(detectors, &shared.runtime.load().limits, report.path),
        action: report.action,
        reason: report.reason.to_string(),
        findings: summarize(evidence, &shared.audit_key),
    };
    let record = Record::new(incident);
    // Durable before the answer: the writer thread commits records in batches (one fsync for
    // all that wait) and sends them to syslog after the write.
    shared.audit.append(record).await?;
    Ok(id)
}

/// The path without its query string, every finding replaced by its placeholder where it
/// stands (`/v1/files/id=[PERSONNUMMER]`), read as the proxy reads it: see
/// [`crate::audit::scrub`].
pub fn loggable_path(detectors: &Detectors, limits: &Limits, path: &str) -> String {
    scrub::path(detectors, limits, path)
}
