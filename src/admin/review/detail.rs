//! The detail page of one incident: every field of its record, its findings, and the other
//! incidents whose findings carry the same keyed hash (the same value, never shown).

use std::fmt::Write as _;

use super::html::{self, document, incident_href, key_hash_href, number};
use super::labels;
use super::load::{Detail, RELATED_SHOWN, Related};
use crate::audit::Record;
use crate::proxy::respond::escape;
use crate::swedish::pick;

/// The page of `detail`; `token` goes into the status form.
pub fn page(detail: &Detail, token: &str) -> String {
    let record = &detail.record;
    let id = escape(record.event.id.as_str());
    let mut main = format!(
        "<p><a href=\"/review\">← Tillbaka till listan</a></p><h1>Ärende {id}</h1>{}",
        fields(record)
    );
    main.push_str(&handling(detail, token));
    main.push_str(&findings(detail));
    main.push_str(&related(detail));
    main.push_str(&views(detail));
    let _ = write!(
        main,
        "<h2>Loggkedjan</h2><p>Varje post bär en hash av posten före, så att ändringar och \
         borttagningar syns vid <code>sluss logs --verify</code>.</p>\
         <dl class=\"fields-list\"><dt>Logg</dt><dd><code>{}</code></dd>\
         <dt>Föregående posts hash</dt><dd><code>{}</code></dd>\
         <dt>Postens hash</dt><dd><code>{}</code></dd></dl>",
        escape(&detail.log.display().to_string()),
        escape(&record.prev_hash),
        escape(&record.hash)
    );
    document(&format!("Ärende {}", record.event.id), &main)
}

/// The incident's status, what happened since (objections, statuses) and the status form.
fn handling(detail: &Detail, token: &str) -> String {
    let id = detail.record.event.id.as_str();
    let mut out = format!(
        "<h2>Hantering</h2><p>Status: <strong class=\"status\">{}</strong></p>",
        escape(detail.status.label())
    );
    if detail.follow_ups.is_empty() {
        out.push_str("<p>Inga invändningar eller statusändringar ännu.</p>");
    } else {
        out.push_str(
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Hantering\">\
             <table><caption>Invändningar och statusändringar, äldst först</caption><thead><tr>\
             <th scope=\"col\">Tid</th><th scope=\"col\">Vad</th><th scope=\"col\">Vem</th>\
             <th scope=\"col\">Kommentar</th></tr></thead><tbody>",
        );
        for record in &detail.follow_ups {
            out.push_str(&follow_up_row(record));
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str(&super::status::form_html(id, detail.status, token));
    out
}

/// One objection or status change as a table row.
fn follow_up_row(record: &Record) -> String {
    let what = match record.status_set() {
        Some(status) => format!("Status: {}", status.label()),
        None => labels::action(record.event.action).to_string(),
    };
    let who = match &record.user {
        Some(user) => format!("{} ({})", user.name, record.source.ip),
        None => record.source.ip.to_string(),
    };
    format!(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        html::time(record.timestamp),
        escape(&what),
        escape(&who),
        escape(record.sluss.comment.as_deref().unwrap_or("–")),
    )
}

/// The page when no record has the id.
pub fn not_found(id: &str) -> String {
    document(
        "Ärendet hittades inte",
        &format!(
            "<p><a href=\"/review\">← Tillbaka till listan</a></p><h1>Ärendet hittades inte</h1>\
             <p>Det finns ingen post med ärende-id <code>{}</code> i loggen. Kontrollera id:t \
             (till exempel S-7K2M9Q). Gamla poster kan ha rensats bort.</p>",
            escape(id)
        ),
    )
}

/// The record's fields as a description list.
fn fields(record: &Record) -> String {
    let mut out = String::from("<dl class=\"fields-list\">");
    for (name, value) in field_rows(record) {
        let _ = write!(out, "<dt>{name}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>");
    out
}

/// Each field's Swedish name and its value as HTML (escaped here).
fn field_rows(record: &Record) -> [(&'static str, String); 11] {
    let reason = &record.event.reason;
    let service = record.sluss.service.as_deref();
    let user = record.user.as_ref().map(|u| u.name.as_str());
    let event = &record.event;
    [
        (
            "Tid",
            format!(
                "{} <span class=\"nw\">({} UTC)</span>",
                html::time(record.timestamp),
                escape(&crate::audit::time::format(record.timestamp))
            ),
        ),
        ("Åtgärd", labels::action(event.action).to_string()),
        (
            "Skäl",
            format!(
                "{} (<code>{}</code>)",
                escape(labels::reason(reason)),
                escape(reason)
            ),
        ),
        (
            "Tjänst",
            escape(service.unwrap_or("– (inte i kommunens register)")),
        ),
        ("Värd", escape(&record.url.domain)),
        ("Metod", escape(&record.http.request.method)),
        (
            "Sökväg",
            format!("<code>{}</code>", escape(&record.url.path)),
        ),
        ("Klient", escape(&record.source.ip.to_string())),
        ("Användare", escape(user.unwrap_or("– (okänd)"))),
        (
            "Händelsetyp (ECS)",
            escape(&format!(
                "{} / {} / {}",
                event.kind,
                event.category.join(","),
                event.types.join(",")
            )),
        ),
        ("Ärende-id", escape(event.id.as_str())),
    ]
}

/// The findings table.
fn findings(detail: &Detail) -> String {
    let record = &detail.record;
    if record.sluss.findings.is_empty() {
        return "<h2>Fynd</h2><p>Inga fynd: förfrågan stoppades av ett annat skäl (till exempel \
                en tjänst som inte är godkänd).</p>"
            .into();
    }
    let mut out = String::from(
        "<h2>Fynd</h2><p>Själva uppgifterna sparas inte i klartext: loggen har bara en maskerad \
         form och, för uppgifter som pekar ut en person, en nyckelhash (en hash med kommunens \
         hemliga nyckel, HMAC-SHA256). Hashen går inte att läsa tillbaka till värdet, men samma \
         värde ger samma hash, så att ärenden med samma uppgift kan kopplas ihop.</p>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Fynd\">\
         <table><caption>Vad som hittades (värdena sparas inte i klartext)\
         </caption><thead><tr><th scope=\"col\">Typ</th><th scope=\"col\">Regel</th>\
         <th scope=\"col\">Antal</th><th scope=\"col\">Maskerat</th>\
         <th scope=\"col\">Nyckelhash (inte i klartext)</th></tr></thead><tbody>",
    );
    for finding in &record.sluss.findings {
        let hash = match &finding.key_hash {
            Some(hash) => {
                let others = detail
                    .related
                    .iter()
                    .find(|r| &r.key_hash == hash)
                    .map_or(0, |r| r.total);
                format!(
                    "<code>{}</code><br><a href=\"{}\">{} {} med samma värde</a>",
                    escape(hash),
                    escape(&key_hash_href(hash)),
                    number(others),
                    pick(others, "annat ärende", "andra ärenden"),
                )
            }
            None => "– (typen pekar inte ut en person)".into(),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{hash}</td></tr>",
            escape(&labels::kind(finding.kind)),
            escape(&finding.rule),
            finding.count,
            escape(&finding.masked),
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Who looked at the incident on the review page, newest first.
fn views(detail: &Detail) -> String {
    let mut out = String::from(
        "<h2>Visningar</h2><p>Vem som har tittat på ärendet i granskningen (upprepade \
         visningar av samma person inom tio minuter räknas som en).</p>",
    );
    if detail.views.is_empty() {
        out.push_str("<p>Inga tidigare visningar.</p>");
        return out;
    }
    out.push_str("<ul>");
    for view in &detail.views {
        let who = match &view.user {
            Some(user) => format!("{} ({})", user.name, view.source.ip),
            None => view.source.ip.to_string(),
        };
        let _ = write!(
            out,
            "<li>{}, {}</li>",
            html::time(view.timestamp),
            escape(&who)
        );
    }
    out.push_str("</ul>");
    out
}

/// The other incidents per keyed hash.
fn related(detail: &Detail) -> String {
    if detail.related.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<h2>Samma värde i andra ärenden</h2><p>Nyckelhashen är densamma när samma värde \
         (till exempel samma personnummer) har stoppats i flera ärenden.</p>",
    );
    for related in &detail.related {
        out.push_str(&related_list(related));
    }
    out
}

/// One hash's incidents.
fn related_list(related: &Related) -> String {
    let mut out = format!(
        "<h3>{} <code>{}</code></h3>",
        escape(&labels::kind(related.kind)),
        escape(&related.masked)
    );
    if related.total == 0 {
        out.push_str("<p>Inga andra ärenden har samma värde.</p>");
        return out;
    }
    out.push_str("<ul>");
    for (id, at) in &related.newest {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a>, {}</li>",
            escape(&incident_href(id.as_str())),
            escape(id.as_str()),
            html::time(*at)
        );
    }
    out.push_str("</ul>");
    if related.total > RELATED_SHOWN {
        let _ = write!(
            out,
            "<p><a href=\"{}\">Visa alla ärenden med samma värde</a> ({} andra)</p>",
            escape(&key_hash_href(&related.key_hash)),
            number(related.total)
        );
    }
    out
}
