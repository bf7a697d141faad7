//! Turns a decision about one request into an audit record and appends it before the client
//! gets its answer. The record holds kinds, masks and keyed hashes, never a matched value; a
//! URL path that itself carries a finding is stored with that segment replaced.

use std::sync::Arc;
use std::time::SystemTime;

use super::{Peer, Shared};
use crate::audit::{AuditError, Incident, IncidentId, Record, summarize};
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
        user: report.peer.user.clone(),
        service: report.service.map(str::to_string),
        host: report.host.to_string(),
        method: report.method.to_string(),
        path: loggable_path(detectors, report.path),
        action: report.action,
        reason: report.reason.to_string(),
        findings: summarize(evidence, &shared.audit_key),
    };
    let record = Record::new(incident);
    let writer = shared.clone();
    // The write is synchronous and durable (fsync): keep it off the async workers.
    let appended = tokio::task::spawn_blocking(move || {
        let mut audit = writer
            .audit
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let line = audit.append_line(record)?;
        // Sent after the durable write, so a collector never holds a record the file lacks.
        if let Some(syslog) = &writer.syslog {
            syslog.send(&line);
        }
        Ok(())
    })
    .await;
    match appended {
        Ok(Ok(())) => Ok(id),
        Ok(Err(e)) => Err(e),
        Err(join) => Err(AuditError::Io {
            action: "append to",
            path: shared.runtime.load().config.audit.path.clone(),
            source: std::io::Error::other(join.to_string()),
        }),
    }
}

/// The path without its query string, each segment that holds a finding replaced by the
/// finding's placeholder (`/v1/users/[PERSONNUMMER]`), so that no value reaches the log.
pub fn loggable_path(detectors: &Detectors, path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    if !path
        .bytes()
        .any(|b| b.is_ascii_digit() || b == b'%' || b == b'@' || b >= 0x80)
    {
        // Nothing a detector could find without digits, escapes, e-mail or non-ASCII letters,
        // except names; AI API paths hold none, and names alone are not values we hash.
        return path.to_string();
    }
    path.split('/')
        .map(|segment| {
            let decoded: String = crate::body::form::components(segment.as_bytes())
                .into_iter()
                .map(|c| c.value)
                .collect();
            match detectors.scan(&decoded).first() {
                Some(f) => f.kind.placeholder().to_string(),
                None => segment.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}
