//! Security staff set an incident's status (`POST /review/<id>/status`: ny, granskad,
//! felaktigt stopp, åtgärdad) with a comment; each change is its own record in the audit chain
//! with who (the admin user) and when, never an edit of the stop's record.
//!
//! The form carries a token bound to the logged-in user (a keyed hash under the audit key),
//! so another site cannot make a logged-in browser post a status. The comment is cleaned,
//! length-limited and refused when it holds anything the default policy would stop: the audit
//! log never holds such a value.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::{Response, StatusCode};

use super::html::{document, incident_href};
use super::load::{self, Detail};
use crate::admin::reply::{self, AdminBody};
use crate::admin::review::Indexes;
use crate::audit::status::{MAX_COMMENT_CHARS, clean_comment};
use crate::audit::{EventAction, FollowUp, IncidentId, Record, Status};
use crate::policy::{self, Action, ServicePolicy};
use crate::proxy::Shared;
use crate::proxy::respond::escape;

/// The largest form body read.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// The path a status for incident `id` is posted to.
pub fn path(id: &str) -> String {
    let id: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
    format!("/review/{id}/status")
}

/// The form token of `user`: a keyed hash, so only sluss can make it.
pub fn token(shared: &Shared, user: &str) -> String {
    shared
        .audit_key
        .key_hash(&format!("review-status-form:{user}"))
}

/// What the form sent.
struct Form {
    status: Option<String>,
    comment: String,
    token: String,
}

fn parse(body: &[u8]) -> Form {
    let mut form = Form {
        status: None,
        comment: String::new(),
        token: String::new(),
    };
    for (name, value) in form_urlencoded::parse(body) {
        match name.as_ref() {
            "status" => form.status = Some(value.into_owned()),
            "comment" => form.comment = value.into_owned(),
            "token" => form.token = value.into_owned(),
            _ => {}
        }
    }
    form
}

/// Sets the status of incident `id` as `user` from `client`, from the posted `body`; 303 to
/// the incident's page when done.
pub async fn set(
    shared: &Arc<Shared>,
    indexes: &Arc<Indexes>,
    (user, client): (&str, IpAddr),
    id: &str,
    body: Bytes,
) -> Response<AdminBody> {
    let form = parse(&body);
    if form.token != token(shared, user) {
        tracing::warn!(client = %client, user, incident = id, "admin: status form without a valid token");
        return refused(
            StatusCode::FORBIDDEN,
            id,
            "Formuläret kom inte från granskningssidan. Ladda om ärendets sida och försök igen.",
        );
    }
    let Some(status) = form.status.as_deref().and_then(Status::parse) else {
        return refused(StatusCode::BAD_REQUEST, id, "Välj en status.");
    };
    let comment = match check_comment(shared, &form.comment) {
        Ok(comment) => comment,
        Err(problem) => return refused(StatusCode::UNPROCESSABLE_ENTITY, id, &problem),
    };
    let wanted = id.to_string();
    let read = move |all: &[crate::audit::index::Index]| load::detail(all, &wanted);
    let detail = match super::blocking(shared, indexes, read).await {
        Some(Some(detail)) => detail,
        Some(None) => return reply::html(StatusCode::NOT_FOUND, super::detail::not_found(id)),
        None => return reply::failed(),
    };
    let record = status_record(&detail, status, (user, client), comment);
    if let Err(e) = shared.audit.append(record).await {
        tracing::error!(incident = id, error = %e, "admin: status not written to the audit log");
        return reply::failed();
    }
    tracing::info!(client = %client, user, incident = id, status = status.as_str(), "admin: incident status set");
    reply::redirect_to(&incident_href(detail.record.event.id.as_str()))
}

/// The record of a status change of `detail`'s incident.
fn status_record(
    detail: &Detail,
    status: Status,
    (user, client): (&str, IpAddr),
    comment: Option<String>,
) -> Record {
    let incident = &detail.record;
    Record::follow_up(FollowUp {
        incident: IncidentId::new(incident.event.id.as_str()),
        time: SystemTime::now(),
        action: EventAction::Status,
        client,
        user: Some(user.to_string()),
        service: incident.sluss.service.clone(),
        host: incident.url.domain.clone(),
        status: Some(status),
        comment,
    })
}

/// The comment as kept (`None` when blank), or why it is refused (Swedish).
fn check_comment(shared: &Shared, raw: &str) -> Result<Option<String>, String> {
    if raw.chars().count() > MAX_COMMENT_CHARS {
        return Err(format!(
            "Kommentaren är för lång. Skriv högst {MAX_COMMENT_CHARS} tecken."
        ));
    }
    let Some(comment) = clean_comment(raw) else {
        return Ok(None);
    };
    let runtime = shared.runtime.load();
    let policy = ServicePolicy::default();
    for text in [raw, comment.as_str()] {
        let findings = runtime.detectors.scan(text);
        if policy::decide(&policy, &findings).action() != Action::Allow {
            return Err(
                "Kommentaren innehåller uppgifter som inte får sparas i loggen \
(till exempel ett personnummer). Skriv den utan sådana uppgifter."
                    .into(),
            );
        }
    }
    Ok(Some(comment))
}

fn refused(status: StatusCode, id: &str, message: &str) -> Response<AdminBody> {
    let main = format!(
        "<p><a href=\"{}\">← Tillbaka till ärendet</a></p><h1>Statusen sparades inte</h1>\
<div class=\"error\" role=\"alert\"><p>{}</p></div>",
        escape(&incident_href(id)),
        escape(message)
    );
    reply::html(status, document("Statusen sparades inte", &main))
}

/// The form on an incident's page.
pub fn form_html(id: &str, current: Status, token: &str) -> String {
    let options: String = Status::ALL
        .iter()
        .map(|s| {
            let selected = if *s == current { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                s.as_str(),
                escape(s.label())
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"{action}\"><fieldset><legend>Sätt status</legend>\
<input type=\"hidden\" name=\"token\" value=\"{token}\">\
<div><label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\">{options}</select></div>\
<div><label for=\"f-comment\">Kommentar (högst {MAX_COMMENT_CHARS} tecken, inga personuppgifter)</label>\
<textarea id=\"f-comment\" name=\"comment\" rows=\"3\" maxlength=\"{MAX_COMMENT_CHARS}\"></textarea></div>\
<button type=\"submit\">Spara status</button></fieldset></form>",
        action = escape(&path(id)),
        token = escape(token),
    )
}
