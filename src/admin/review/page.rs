//! The list page: filter form, chart, table of records newest first, pages, CSV link.
//! Every value from the log is escaped: paths and user names come from clients.

use std::fmt::Write as _;

use super::html::{self, document, incident_href, number, review_href};
use super::load::{Listing, PAGE_SIZE};
use super::{chart, labels};
use crate::audit::present::kind_counts;
use crate::audit::{EventAction, Status, Statuses};
use crate::audit::{Query, QueryError, Record};
use crate::proxy::respond::{escape, kind_label};

/// The list page for `query`: its records, or the reasons the query cannot be used.
pub fn list(query: &Query, result: Result<&Listing, &[QueryError]>) -> String {
    let mut main = String::with_capacity(64 * 1024);
    main.push_str("<h1>Granskning: stoppade förfrågningar</h1>");
    main.push_str("<p><a href=\"/review/rapport\">Månadsrapport för uppföljning</a></p>");
    main.push_str(
        "<p>Förfrågningar som sluss har stoppat eller maskerat. Välj ett ärende-id för att se \
         alla uppgifter om ärendet och andra ärenden med samma värde.</p>",
    );
    if let Err(errors) = result {
        main.push_str(&error_box(errors));
    }
    main.push_str(&form(query));
    if let Ok(listing) = result {
        if listing.unreadable > 0 {
            let _ = write!(
                main,
                "<p class=\"note\" role=\"alert\">{} rader i loggen kunde inte läsas eller \
                 verifieras (ändrade, förfalskade, avklippta eller utan koppling till kedjan) och \
                 visas inte: {}. Kontrollera loggen med <code>sluss logs --verify</code>.</p>",
                number(listing.unreadable),
                escape(&listing.problems.join(", "))
            );
        }
        main.push_str(&chart_section(listing));
        main.push_str(&results(query, listing));
    }
    document("Granskning", &main)
}

/// The reasons a query cannot be used, in Swedish.
fn error_box(errors: &[QueryError]) -> String {
    let mut items = String::new();
    for e in errors {
        let (field, problem) = match e.field {
            "since" => ("Från", TIME_HINT),
            "until" => ("Före", TIME_HINT),
            "kind" => ("Typ av uppgift", "välj en typ i listan"),
            "client" => ("Klient", "ange en IP-adress, till exempel 10.1.2.3"),
            "action" => ("Åtgärd", "välj blockerad, maskerad eller tillåten"),
            other => (other, "ogiltigt värde"),
        };
        let _ = write!(
            items,
            "<li>{field}: ”{}” går inte att använda – {problem}.</li>",
            escape(&e.value)
        );
    }
    format!(
        "<div class=\"error\" role=\"alert\"><p>Filtret kunde inte användas:</p><ul>{items}</ul></div>"
    )
}

const TIME_HINT: &str = "ange tid bakåt (30m, 24h, 7d), ett datum (2026-11-22, från 00:00 svensk tid) \
eller en tidpunkt (2026-11-22T10:15:00Z)";

/// The filter form: the same filters as `sluss logs`, sent as GET parameters.
fn form(query: &Query) -> String {
    format!(
        "<form method=\"get\" action=\"/review\"><fieldset><legend>Filter</legend>\
         <div class=\"fields\">{}{}{}{}{}{}{}{}{}</div>\
         <p class=\"hint\" id=\"time-hint\">Från och Före: tid bakåt (30m, 24h, 7d), ett datum \
         (2026-11-22, räknas från 00:00 svensk tid) eller en tidpunkt (2026-11-22T10:15:00Z).</p>\
         <button type=\"submit\">Filtrera</button> <a href=\"/review\">Rensa filtret</a>\
         </fieldset></form>",
        text_field("since", "Från", &query.since, true),
        text_field("until", "Före", &query.until, true),
        kind_field(query.kind.as_deref()),
        action_field(query.action.as_deref()),
        status_field(query.status.as_deref()),
        text_field("service", "Tjänst eller värd", &query.service, false),
        text_field("client", "Klient (IP-adress)", &query.client, false),
        text_field("incident", "Ärende-id", &query.incident, false),
        text_field("key_hash", "Nyckelhash", &query.key_hash, false),
    )
}

/// A labelled text input for the query field `name`.
fn text_field(name: &str, label: &str, value: &Option<String>, time_hint: bool) -> String {
    let described = if time_hint {
        " aria-describedby=\"time-hint\""
    } else {
        ""
    };
    format!(
        "<div><label for=\"f-{name}\">{label}</label><input type=\"text\" id=\"f-{name}\" \
         name=\"{name}\" value=\"{}\"{described}></div>",
        escape(value.as_deref().unwrap_or("")),
    )
}

/// The kinds, by their Swedish names.
fn kind_field(current: Option<&str>) -> String {
    let mut options = option("", "Alla", current);
    for kind in crate::detect::Kind::all() {
        options.push_str(&option(kind.name(), &kind_label(kind, 1), current));
    }
    format!(
        "<div><label for=\"f-kind\">Typ av uppgift</label>\
         <select id=\"f-kind\" name=\"kind\">{options}</select></div>"
    )
}

/// The actions, by their Swedish names.
fn action_field(current: Option<&str>) -> String {
    let mut options = option("", "Alla", current);
    for action in EventAction::ALL {
        options.push_str(&option(action.as_str(), labels::action(action), current));
    }
    format!(
        "<div><label for=\"f-action\">Åtgärd</label>\
         <select id=\"f-action\" name=\"action\">{options}</select></div>"
    )
}

/// The statuses, by their Swedish names.
fn status_field(current: Option<&str>) -> String {
    let current = current.and_then(Status::parse).map(Status::as_str);
    let mut options = option("", "Alla", current);
    for status in Status::ALL {
        options.push_str(&option(status.as_str(), status.label(), current));
    }
    format!(
        "<div><label for=\"f-status\">Status</label>\
         <select id=\"f-status\" name=\"status\">{options}</select></div>"
    )
}

/// One `<option>`, selected when it is the current value.
fn option(value: &str, label: &str, current: Option<&str>) -> String {
    let selected = if current.unwrap_or("") == value {
        " selected"
    } else {
        ""
    };
    format!(
        "<option value=\"{}\"{selected}>{}</option>",
        escape(value),
        escape(label)
    )
}

/// The chart and, for those who cannot see it, its numbers as a table.
fn chart_section(listing: &Listing) -> String {
    let mut out = String::from(
        "<section aria-labelledby=\"chart-heading\"><h2 id=\"chart-heading\">Per dag och skäl</h2>",
    );
    let Some(svg) = chart::svg(&listing.per_day) else {
        out.push_str("<p>Inga förfrågningar att visa.</p></section>");
        return out;
    };
    out.push_str(&svg);
    let days = chart::days(&listing.per_day);
    let series = chart::series(&days);
    out.push_str(
        "<details><summary>Visa diagrammets siffror som tabell</summary><table>\
         <caption>Förfrågningar per dag och skäl</caption><thead><tr><th scope=\"col\">Dag</th>",
    );
    for reason in &series {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            escape(labels::reason(reason))
        );
    }
    out.push_str("<th scope=\"col\">Totalt</th></tr></thead><tbody>");
    for (day, counts) in days.iter().filter(|(_, c)| !c.is_empty()) {
        let _ = write!(out, "<tr><th scope=\"row\">{day}</th>");
        for reason in &series {
            let _ = write!(out, "<td>{}</td>", counts.get(reason).copied().unwrap_or(0));
        }
        let _ = write!(out, "<td>{}</td></tr>", counts.values().sum::<usize>());
    }
    out.push_str("</tbody></table></details></section>");
    out
}

/// The table of records, the pages, and the CSV link.
fn results(query: &Query, listing: &Listing) -> String {
    let filters = query.to_query_string();
    let csv = if filters.is_empty() {
        "/review.csv".to_string()
    } else {
        format!("/review.csv?{filters}")
    };
    let mut out = format!(
        "<section aria-labelledby=\"list-heading\"><h2 id=\"list-heading\">Förfrågningar</h2>\
         <p><a href=\"{}\">Ladda ner som CSV</a> (alla {} träffar med det här filtret, äldst först)</p>",
        escape(&csv),
        number(listing.total)
    );
    if listing.rows.is_empty() {
        out.push_str(if listing.total == 0 {
            "<p>Inga förfrågningar matchar filtret.</p>"
        } else {
            "<p>Den här sidan är tom: det finns inte så många träffar.</p>"
        });
    } else {
        out.push_str(&table(listing));
    }
    out.push_str(&pages(&filters, listing));
    out.push_str("</section>");
    out
}

/// The records of the page.
fn table(listing: &Listing) -> String {
    let first = listing.page * PAGE_SIZE + 1;
    let mut out = format!(
        "<table><caption>Nyast först: {}–{} av {}</caption><thead><tr>\
         <th scope=\"col\">Tid</th><th scope=\"col\">Ärende-id</th>\
         <th scope=\"col\">Åtgärd</th><th scope=\"col\">Skäl</th><th scope=\"col\">Fynd</th>\
         <th scope=\"col\">Tjänst</th><th scope=\"col\">Klient</th>\
         <th scope=\"col\">Användare</th><th scope=\"col\">Status</th></tr></thead><tbody>",
        number(first),
        number(first + listing.rows.len() - 1),
        number(listing.total)
    );
    for record in &listing.rows {
        out.push_str(&row(record, &listing.statuses));
    }
    out.push_str("</tbody></table>");
    out
}

/// One record as a table row.
fn row(record: &Record, statuses: &Statuses) -> String {
    let findings: Vec<String> = kind_counts(record)
        .into_iter()
        .map(|(kind, count)| format!("{count} × {}", kind_label(kind, count)))
        .collect();
    let service = match &record.sluss.service {
        Some(name) => format!(
            "{}<br><small>{}</small>",
            escape(name),
            escape(&record.url.domain)
        ),
        None => escape(&record.url.domain),
    };
    format!(
        "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
         <td>{service}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        html::time(record.timestamp),
        escape(&incident_href(record.event.id.as_str())),
        escape(record.event.id.as_str()),
        labels::action(record.event.action),
        escape(labels::reason(&record.event.reason)),
        if findings.is_empty() {
            "–".to_string()
        } else {
            escape(&findings.join(", "))
        },
        escape(&record.source.ip.to_string()),
        escape(record.user.as_ref().map_or("–", |u| u.name.as_str())),
        if record.event.action.is_follow_up() {
            "–"
        } else {
            statuses.of(record.event.id.as_str()).label()
        },
    )
}

/// Links to the newer and older pages, keeping the filter.
fn pages(filters: &str, listing: &Listing) -> String {
    let count = listing.total.div_ceil(PAGE_SIZE).max(1);
    if count == 1 && listing.page == 0 {
        return String::new();
    }
    let href = |page: usize| {
        let mut query = filters.to_string();
        if page > 0 {
            if !query.is_empty() {
                query.push('&');
            }
            let _ = write!(query, "page={}", page + 1);
        }
        escape(&review_href(&query))
    };
    let mut out = String::from("<nav class=\"pages\" aria-label=\"Sidor\">");
    if listing.page > 0 {
        let newer = listing.page.min(count) - 1;
        let _ = write!(out, "<a href=\"{}\" rel=\"prev\">← Nyare</a>", href(newer));
    }
    let _ = write!(
        out,
        "<span aria-current=\"page\">Sida {} av {}</span>",
        number(listing.page + 1),
        number(count)
    );
    if listing.page + 1 < count {
        let _ = write!(
            out,
            "<a href=\"{}\" rel=\"next\">Äldre →</a>",
            href(listing.page + 1)
        );
    }
    out.push_str("</nav>");
    out
}
