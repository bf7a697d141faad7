//! The list page: filter form, chart, table of records newest first, pages, CSV link.
//! Every value from the log is escaped: paths and user names come from clients.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::html::{self, document, incident_href, number, review_href};
use super::load::{Listing, PAGE_SIZE};
use super::{chart, labels};
use crate::audit::present::kind_counts;
use crate::audit::{EventAction, Status, Statuses};
use crate::audit::{Query, QueryError, Record};
use crate::proxy::respond::{escape, kind_label};
use crate::swedish::pick;

/// The list page for `query`: its records, or the reasons the query cannot be used.
pub fn list(query: &Query, result: Result<&Listing, &[QueryError]>) -> String {
    let mut main = String::with_capacity(64 * 1024);
    main.push_str("<h1>Granskning: stoppade och maskerade förfrågningar</h1>");
    main.push_str("<p><a href=\"/review/rapport\">Månadsrapport för uppföljning</a></p>");
    main.push_str(
        "<p>Förfrågningar som sluss har stoppat, maskerat eller varnat för (och tillåtna, om de \
         loggas). Välj ett ärende-id för att se alla uppgifter om ärendet och andra ärenden med \
         samma värde. Varje visning av granskningen loggas med vem som tittade.</p>",
    );
    if let Err(errors) = result {
        main.push_str(&error_box(errors));
    }
    main.push_str(&form(query));
    if let Ok(listing) = result {
        if listing.unreadable > 0 {
            let _ = write!(
                main,
                "<p class=\"note\" role=\"alert\">{} {} i loggen kunde inte läsas eller \
                 verifieras (ändrade, förfalskade, avklippta eller utan koppling till kedjan) och \
                 visas inte: {}. Kontrollera loggen med <code>sluss logs --verify</code>.</p>",
                number(listing.unreadable),
                pick(listing.unreadable, "rad", "rader"),
                escape(&listing.problems.join(", "))
            );
        }
        main.push_str(&chart_section(query, listing));
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
            "reason" => ("Skäl (regel)", "välj en regel i listan"),
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
         <div class=\"fields\">{}{}{}{}{}{}{}{}{}{}{}</div>\
         <p class=\"hint\" id=\"time-hint\">Från och Före: tid bakåt (30m, 24h, 7d), ett datum \
         (2026-11-22, räknas från 00:00 svensk tid) eller en tidpunkt (2026-11-22T10:15:00Z).</p>\
         <button type=\"submit\">Filtrera</button> <a href=\"/review\">Rensa filtret</a>\
         </fieldset></form>",
        text_field("since", "Från", &query.since, true),
        text_field("until", "Före", &query.until, true),
        kind_field(query.kind.as_deref()),
        reason_field(query.reason.as_deref()),
        action_field(query.action.as_deref()),
        status_field(query.status.as_deref()),
        text_field("service", "Tjänst eller värd", &query.service, false),
        text_field("user", "Användare (hela namnet)", &query.user, false),
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

/// The rules, by their Swedish names (not-approved and uninspectable stops carry no kind, so
/// the kind alone cannot choose them).
fn reason_field(current: Option<&str>) -> String {
    let mut options = option("", "Alla", current);
    for reason in labels::FILTER_REASONS {
        options.push_str(&option(reason, labels::reason(reason), current));
    }
    format!(
        "<div><label for=\"f-reason\">Skäl (regel)</label>\
         <select id=\"f-reason\" name=\"reason\">{options}</select></div>"
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

/// What the chart counts, as its title: every record the filter chooses, so with no action
/// chosen that is blocked and redacted requests alike (and warned and logged allowed ones).
pub fn chart_title(action: Option<&str>) -> String {
    let what = match action.and_then(|a| crate::audit::EventAction::parse(a.trim())) {
        Some(EventAction::Block) => "Blockerade förfrågningar",
        Some(EventAction::Redact) => "Maskerade förfrågningar",
        Some(EventAction::Allow) => "Tillåtna förfrågningar (loggade)",
        Some(EventAction::Warn) => "Varnade förfrågningar",
        Some(EventAction::Justified) => "Förfrågningar skickade med motivering",
        Some(EventAction::Objection) => "Invändningar",
        Some(EventAction::Status) => "Statusändringar",
        Some(EventAction::View) => "Visningar av granskningen",
        Some(EventAction::Traffic) => "Trafikräkningar",
        None => "Blockerade och maskerade förfrågningar",
    };
    format!("{what} per dag och skäl")
}

/// The chart and, for those who cannot see it, its numbers as a table.
fn chart_section(query: &Query, listing: &Listing) -> String {
    let title = chart_title(query.action.as_deref());
    let mut out = format!(
        "<section aria-labelledby=\"chart-heading\"><h2 id=\"chart-heading\">{}</h2>",
        escape(&title)
    );
    let Some(svg) = chart::svg(&listing.per_day, &title) else {
        out.push_str("<p>Inga förfrågningar att visa.</p></section>");
        return out;
    };
    if query.action.is_none() {
        out.push_str(
            "<p class=\"hint\">Diagrammet räknar varje post som matchar filtret: blockerade och \
             maskerade förfrågningar, och varnade (och tillåtna, om de loggas). Välj en åtgärd i \
             filtret för att se en sort i taget.</p>",
        );
    }
    let days = chart::days(&listing.per_day);
    let series = chart::series(&days);
    out.push_str(&svg);
    out.push_str(&chart::legend_html(&series));
    out.push_str(&numbers_table(&days, &series));
    out.push_str("</section>");
    out
}

/// The chart's numbers as a table, for those who cannot see it.
fn numbers_table(
    days: &[(crate::detect::Date, BTreeMap<String, usize>)],
    series: &[String],
) -> String {
    let mut out = String::from(
        "<details><summary>Visa diagrammets siffror som tabell</summary>\
         <div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Diagrammets siffror\"><table>\
         <caption>Förfrågningar per dag och skäl</caption><thead><tr><th scope=\"col\">Dag</th>",
    );
    for reason in series {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            escape(labels::reason(reason))
        );
    }
    out.push_str("<th scope=\"col\">Totalt</th></tr></thead><tbody>");
    for (day, counts) in days.iter().filter(|(_, c)| !c.is_empty()) {
        let _ = write!(out, "<tr><th scope=\"row\">{day}</th>");
        for reason in series {
            let _ = write!(out, "<td>{}</td>", counts.get(reason).copied().unwrap_or(0));
        }
        let _ = write!(out, "<td>{}</td></tr>", counts.values().sum::<usize>());
    }
    out.push_str("</tbody></table></div></details>");
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
    let excel = if filters.is_empty() {
        "/review.csv?format=excel".to_string()
    } else {
        format!("/review.csv?{filters}&format=excel")
    };
    let mut out = format!(
        "<section aria-labelledby=\"list-heading\"><h2 id=\"list-heading\">Förfrågningar</h2>\
         <p>Alla {} {} med det här filtret, äldst först: \
         <a href=\"{}\">Ladda ner för Excel</a> (semikolon, svenska rubriker, svensk tid) · \
         <a href=\"{}\">Ladda ner som CSV</a> (för verktyg: komma, engelska rubriker, UTC)</p>",
        number(listing.total),
        pick(listing.total, "träff", "träffar"),
        escape(&excel),
        escape(&csv),
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
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"list-caption\">\
         <table><caption id=\"list-caption\">Nyast först: {}–{} av {}</caption><thead><tr>\
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
    out.push_str("</tbody></table></div>");
    out
}

/// One record as a table row.
fn row(record: &Record, statuses: &Statuses) -> String {
    let service = match &record.sluss.service {
        Some(name) => format!(
            "{}<br><small>{}</small>",
            escape(name),
            escape(&record.url.domain)
        ),
        None => escape(&record.url.domain),
    };
    let user = match &record.user {
        Some(user) => format!(
            "<a href=\"{}\" title=\"Visa bara den här användarens poster\">{}</a>",
            escape(&html::user_href(&user.name)),
            escape(&user.name)
        ),
        None => "–".to_string(),
    };
    let id = record.event.id.as_str();
    // A view of the list or an export has an id of its own, with no incident page.
    let id_cell = if id.starts_with("V-") {
        escape(id)
    } else {
        format!(
            "<a href=\"{}\">{}</a>",
            escape(&incident_href(id)),
            escape(id)
        )
    };
    format!(
        "<tr><td>{}</td><td class=\"id-cell\">{id_cell}</td><td>{}</td><td>{}</td><td>{}</td>\
         <td>{service}</td><td>{}</td><td>{user}</td><td>{}</td></tr>",
        html::time(record.timestamp),
        labels::action(record.event.action),
        escape(labels::reason(&record.event.reason)),
        what_cell(record),
        escape(&record.source.ip.to_string()),
        if record.event.action.is_request() {
            statuses.of(id).label()
        } else {
            "–"
        },
    )
}

/// The findings of a request (`2 × personnummer`), or what a view looked at (its filter).
fn what_cell(record: &Record) -> String {
    if let Some(view) = &record.sluss.view {
        let filter: Vec<String> = view
            .filter
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let what = if filter.is_empty() {
            view.what.clone()
        } else {
            format!("{}: {}", view.what, filter.join(", "))
        };
        return escape(&what);
    }
    let findings: Vec<String> = kind_counts(record)
        .into_iter()
        .map(|(kind, count)| format!("{count} × {}", kind_label(kind, count)))
        .collect();
    if findings.is_empty() {
        "–".to_string()
    } else {
        escape(&findings.join(", "))
    }
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
