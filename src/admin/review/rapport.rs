//! The monthly follow-up report as a printable Swedish page (`/review/rapport?month=2026-11`,
//! also `sluss report --format html`), and its CSV and JSON downloads
//! (`/review/rapport.csv`, `/review/rapport.json`). The numbers come from
//! [`crate::audit::report`]; the page names no person.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::SystemTime;

use http::{Response, StatusCode};

use super::labels;
use crate::admin::reply::{self, AdminBody};
use crate::audit::Month;
use crate::audit::report::{self, Numbers, Report, TrendMonth};
use crate::detect::Kind;
use crate::proxy::Shared;
use crate::proxy::respond::{STYLE, escape};

/// The page's own style: tables, the chart, and a print stylesheet (A4, no links or forms).
const REPORT_STYLE: &str = "body{max-width:70rem}\
table{width:100%;border-collapse:collapse;margin:.5rem 0 1.25rem}caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{border-bottom:1px solid #8a8a8a;padding:.3rem .6rem .3rem 0;text-align:left}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
thead th{border-bottom:2px solid #1a1a1a}.error{border-left:.4rem solid #b3261e;background:#fdf1f0;padding:.5rem 1rem}\
.ok{border-left:.4rem solid #2f6b2f;background:#eef6ee;padding:.5rem 1rem}.note{color:#444;font-size:.9rem}\
nav.downloads{display:flex;gap:1.5rem;flex-wrap:wrap;margin:.5rem 0 1rem}\
svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#1a1a1a}.table-wrap{overflow-x:auto}\
@media print{@page{size:A4;margin:15mm}body{max-width:none;font-size:10pt;color:#000;background:#fff}\
nav.downloads,form.month{display:none}.table-wrap{overflow:visible}a{color:#000;text-decoration:none}section{break-inside:avoid}\
table{page-break-inside:auto}tr{break-inside:avoid}}";

/// The report's Swedish page. With `downloads`, links to the CSV and JSON and a month picker
/// (the review page's version); without, a standalone document (`sluss report`).
pub fn page(report: &Report, downloads: bool) -> String {
    let month = report.month;
    let mut main = format!(
        "<h1>Uppföljning av AI-användning, {}</h1>",
        escape(&month.swedish())
    );
    if downloads {
        main.push_str(&downloads_nav(month));
    }
    main.push_str(&integrity(report));
    main.push_str(&summary(report));
    main.push_str(&services(report));
    main.push_str(&not_approved(report));
    main.push_str(&trend(&report.trend));
    let _ = write!(
        main,
        "<p class=\"note\">Rapporten innehåller inga användarnamn, klientadresser, ärende-id eller \
kommentarer, bara antal. Stopp, varningar och maskeringar räknas i den månad de skedde; \
invändningar och status räknas med stoppet de gäller, så som de är bedömda när rapporten tas \
fram ({generated} UTC). Andelen felaktiga stopp är de invändningar som \
informationssäkerhetsfunktionen har bedömt som <em>felaktigt stopp</em> delat med de \
invändningar som har bedömts (granskad, felaktigt stopp eller åtgärdad).</p>",
        generated = escape(&report.generated)
    );
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\">\
<title>Uppföljning {month} – sluss</title><style>{STYLE}{REPORT_STYLE}</style></head><body>\
<main>{main}</main><footer>sluss. Siffrorna kommer ur granskningsloggen (räkneposter per \
tjänst och de stoppade förfrågningarna); loggen innehåller aldrig själva uppgifterna.</footer>\
</body></html>"
    )
}

/// The month picker and the download links.
fn downloads_nav(month: Month) -> String {
    format!(
        "<nav class=\"downloads\" aria-label=\"Rapporten\"><a href=\"/review\">Till granskningen</a>\
<a href=\"/review/rapport?month={previous}\">Föregående månad</a>\
<a href=\"/review/rapport.csv?month={month}\" download>Ladda ner CSV</a>\
<a href=\"/review/rapport.json?month={month}\" download>Ladda ner JSON</a></nav>\
<form class=\"month\" method=\"get\" action=\"/review/rapport\"><label for=\"m\">Månad (ÅÅÅÅ-MM)</label> \
<input id=\"m\" name=\"month\" value=\"{month}\" pattern=\"[0-9]{{4}}-[0-9]{{2}}\" size=\"8\"> \
<button type=\"submit\">Visa</button></form>",
        previous = month.previous(),
    )
}

/// Whether the logs verified.
fn integrity(report: &Report) -> String {
    if report.verified {
        return format!(
            "<p class=\"ok\" data-key=\"verified\">Loggkedjan är verifierad ({} {}).</p>",
            report.logs.len(),
            if report.logs.len() == 1 {
                "logg"
            } else {
                "loggar"
            }
        );
    }
    let mut items = String::new();
    for log in report.logs.iter().filter(|l| !l.verified) {
        let _ = write!(
            items,
            "<li>{}: {}</li>",
            escape(&log.log),
            escape(&log.detail)
        );
    }
    if report.unreadable_lines > 0 {
        let _ = write!(
            items,
            "<li>{} rader kunde inte läsas eller verifieras och är inte räknade.</li>",
            report.unreadable_lines
        );
    }
    format!(
        "<div class=\"error\" role=\"alert\" data-key=\"verified\"><p><strong>Loggen kunde inte \
verifieras.</strong> Siffrorna kan vara ofullständiga eller ändrade; kontrollera med \
<code>sluss logs --verify</code>.</p><ul>{items}</ul></div>"
    )
}

/// The rows of a numbers table: Swedish label, English key, value.
fn rows(n: &Numbers) -> Vec<(&'static str, &'static str, String)> {
    vec![
        (
            "Granskade förfrågningar",
            "requests",
            n.requests.to_string(),
        ),
        ("Tillåtna", "allowed", n.allowed.to_string()),
        ("Maskerade", "redacted", n.redacted.to_string()),
        ("Stoppade", "stops", n.stops.to_string()),
        (
            "Varningar (motivering begärd)",
            "warnings",
            n.warnings.to_string(),
        ),
        (
            "Skickade med motivering",
            "sent_with_justification",
            n.sent_with_justification.to_string(),
        ),
        (
            "Släppta utan granskning",
            "uninspectable_allowed",
            n.uninspectable_allowed.to_string(),
        ),
        ("Invändningar mot stopp", "objected", n.objected.to_string()),
        (
            "Bedömda invändningar",
            "objections_judged",
            n.objections_judged.to_string(),
        ),
        (
            "Felaktiga stopp (efter invändning)",
            "objections_false_stop",
            n.objections_false_stop.to_string(),
        ),
        (
            "Andel felaktiga stopp",
            "false_stop_rate",
            percent(n.false_stop_rate),
        ),
    ]
}

/// `33 %`, or `–` when nothing is judged.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.0}\u{a0}%", r * 100.0))
}

/// The month's totals.
fn summary(report: &Report) -> String {
    let mut body = String::new();
    for (label, key, value) in rows(&report.totals) {
        let _ = write!(
            body,
            "<tr><th scope=\"row\">{label}</th><td class=\"n\" data-key=\"{key}\">{value}</td></tr>"
        );
    }
    let _ = write!(
        body,
        "<tr><th scope=\"row\">Försök mot ej godkända AI-tjänster</th>\
<td class=\"n\" data-key=\"not_approved_attempts\">{}</td></tr>",
        report.not_approved_attempts
    );
    let traffic = if report.traffic_recorded {
        String::new()
    } else {
        "<p class=\"note\">Månaden har inga räkneposter: antalet granskade förfrågningar är \
okänt (loggar från före räkneposterna, eller ingen trafik).</p>"
            .to_string()
    };
    format!(
        "<section id=\"summary\"><h2>Sammanfattning</h2>{traffic}<table><caption>Alla tjänster, {}</caption>\
<tbody>{body}</tbody></table></section>",
        escape(&report.month.swedish())
    )
}

/// One table with a column per service, then each service's stops by rule and kind.
fn services(report: &Report) -> String {
    if report.services.is_empty() {
        return "<section id=\"services\"><h2>Per tjänst</h2><p>Inga förfrågningar till \
godkända tjänster är registrerade den här månaden.</p></section>"
            .to_string();
    }
    let columns: Vec<(String, String, &Numbers)> = report
        .services
        .iter()
        .map(|s| {
            let name = escape(&s.service);
            (name.clone(), format!("data-service=\"{name}\""), &s.numbers)
        })
        .collect();
    let table = matrix(
        "Förfrågningar, stopp och invändningar per tjänst",
        "Tjänst",
        &columns,
        None,
    );
    let details: String = report.services.iter().map(breakdown).collect();
    format!("<section id=\"services\"><h2>Per tjänst</h2>{table}{details}</section>")
}

/// A table with a row per number and a column per service or month: `columns` are the
/// header (HTML), the cells' attribute and the numbers; `extra` one more row (label, key,
/// values).
fn matrix(
    caption: &str,
    corner: &str,
    columns: &[(String, String, &Numbers)],
    extra: Option<(&str, &str, Vec<u64>)>,
) -> String {
    let mut head = format!("<th scope=\"col\">{corner}</th>");
    for (header, _, _) in columns {
        let _ = write!(head, "<th scope=\"col\" class=\"n\">{header}</th>");
    }
    let cells: Vec<Vec<(&str, &str, String)>> = columns.iter().map(|(_, _, n)| rows(n)).collect();
    let mut body = String::new();
    for (i, (label, _, _)) in rows(&Numbers::default()).into_iter().enumerate() {
        let _ = write!(body, "<tr><th scope=\"row\">{label}</th>");
        for ((_, attribute, _), column) in columns.iter().zip(&cells) {
            let (_, key, value) = &column[i];
            let _ = write!(
                body,
                "<td class=\"n\" data-key=\"{key}\" {attribute}>{value}</td>"
            );
        }
        body.push_str("</tr>");
    }
    if let Some((label, key, values)) = extra {
        let _ = write!(body, "<tr><th scope=\"row\">{label}</th>");
        for ((_, attribute, _), value) in columns.iter().zip(values) {
            let _ = write!(
                body,
                "<td class=\"n\" data-key=\"{key}\" {attribute}>{value}</td>"
            );
        }
        body.push_str("</tr>");
    }
    format!(
        "<div class=\"table-wrap\"><table><caption>{caption}</caption><thead><tr>{head}</tr></thead>\
<tbody>{body}</tbody></table></div>"
    )
}

/// A service's stops by rule and by kind.
fn breakdown(service: &report::ServiceReport) -> String {
    if service.stops_by_rule.is_empty() {
        return String::new();
    }
    let name = escape(&service.service);
    let mut rules = String::new();
    for (rule, count) in &service.stops_by_rule {
        let _ = write!(
            rules,
            "<tr><th scope=\"row\">{}</th><td class=\"n\" data-rule=\"{}\">{count}</td></tr>",
            escape(labels::reason(rule)),
            escape(rule)
        );
    }
    let mut kinds = String::new();
    for (kind, count) in &service.stops_by_kind {
        let label = Kind::parse(kind).map_or_else(|| kind.clone(), labels::kind);
        let _ = write!(
            kinds,
            "<tr><th scope=\"row\">{}</th><td class=\"n\" data-kind=\"{}\">{count}</td></tr>",
            escape(&label),
            escape(kind)
        );
    }
    format!(
        "<h3>{name}</h3><table><caption>Stopp per regel</caption><tbody>{rules}</tbody></table>\
<table><caption>Stopp per typ av uppgift (ett stopp med flera typer räknas under var och en)</caption>\
<tbody>{kinds}</tbody></table>"
    )
}

/// The not-approved AI services tried most.
fn not_approved(report: &Report) -> String {
    if report.not_approved.is_empty() {
        return "<section id=\"not-approved\"><h2>Ej godkända AI-tjänster</h2><p>Inga försök \
mot ej godkända AI-tjänster den här månaden.</p></section>"
            .to_string();
    }
    let mut body = String::new();
    for host in &report.not_approved {
        let _ = write!(
            body,
            "<tr><th scope=\"row\"><code>{}</code></th><td class=\"n\" data-host=\"{}\">{}</td></tr>",
            escape(&host.host),
            escape(&host.host),
            host.attempts
        );
    }
    format!(
        "<section id=\"not-approved\"><h2>Ej godkända AI-tjänster som personal försökte använda</h2>\
<p>Underlag till förteckningen: tjänster som efterfrågas men inte är godkända (bara värdnamn).</p>\
<table><thead><tr><th scope=\"col\">Tjänst (värdnamn)</th><th scope=\"col\" class=\"n\">Försök</th></tr></thead>\
<tbody>{body}</tbody></table></section>"
    )
}

/// The trend: a chart of requests and stops per month, and the same numbers as a table.
fn trend(months: &[TrendMonth]) -> String {
    let columns: Vec<(String, String, &Numbers)> = months
        .iter()
        .map(|m| {
            let short = labels::MONTHS
                .get(usize::try_from(m.month.month.saturating_sub(1)).unwrap_or(0))
                .copied()
                .unwrap_or("");
            (
                format!("{short} {}", m.month.year),
                format!("data-month=\"{}\"", m.month),
                &m.numbers,
            )
        })
        .collect();
    let attempts = months.iter().map(|m| m.not_approved_attempts).collect();
    let table = matrix(
        "Samma siffror per månad",
        "Månad",
        &columns,
        Some((
            "Försök mot ej godkända AI-tjänster",
            "not_approved_attempts",
            attempts,
        )),
    );
    format!(
        "<section id=\"trend\"><h2>Utveckling de senaste {n} månaderna</h2>{chart}{table}</section>",
        n = months.len(),
        chart = chart(months),
    )
}

/// The chart's series: name and colour (from the review chart's colour-blind-safe palette).
const SERIES: [(&str, &str); 3] = [
    ("Stoppade", "#0072b2"),
    ("Varningar", "#806600"),
    ("Felaktiga stopp", "#b8470b"),
];
/// The chart's size and margins, in its own units.
const CHART: (u64, u64, u64, u64) = (640, 220, 40, 40);

/// A month's values in the order of [`SERIES`].
fn series(month: &TrendMonth) -> [u64; 3] {
    [
        month.numbers.stops,
        month.numbers.warnings,
        month.numbers.objections_false_stop,
    ]
}

/// Bars per month: stops, warnings and false stops (after objection), with their numbers.
fn chart(months: &[TrendMonth]) -> String {
    let (width, height, left, bottom) = CHART;
    let max = months.iter().flat_map(series).max().unwrap_or(0).max(1);
    let group = (width - left) / u64::try_from(months.len().max(1)).unwrap_or(1);
    let bar = (group.saturating_sub(12) / 3).max(4);
    let mut svg = format!(
        "<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" \
width=\"100%\" style=\"max-width:{width}px\"><title id=\"chart-title\">Stoppade förfrågningar, \
varningar och felaktiga stopp per månad</title>\
<line x1=\"{left}\" y1=\"{base}\" x2=\"{width}\" y2=\"{base}\" stroke=\"#1a1a1a\"/>",
        base = height - bottom
    );
    for (i, month) in months.iter().enumerate() {
        let x0 = left + u64::try_from(i).unwrap_or(0) * group + 6;
        svg.push_str(&bars(month, x0, bar, max));
    }
    for (j, (name, colour)) in SERIES.iter().enumerate() {
        let x = left + u64::try_from(j).unwrap_or(0) * 170;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>\
<text x=\"{}\" y=\"{}\">{name}</text>",
            height - 14,
            x + 14,
            height - 5
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One month's bars from `x0`, each `bar` wide, scaled to `max`, with its label below.
fn bars(month: &TrendMonth, x0: u64, bar: u64, max: u64) -> String {
    let (_, height, _, bottom) = CHART;
    let plot = height - bottom - 20;
    let mut out = String::new();
    for (j, value) in series(month).into_iter().enumerate() {
        let h = value * plot / max;
        let x = x0 + u64::try_from(j).unwrap_or(0) * bar;
        let y = height - bottom - h;
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{h}\" fill=\"{}\"><title>{}: {value}</title></rect>\
<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{value}</text>",
            bar - 1,
            SERIES[j].1,
            SERIES[j].0,
            x + bar / 2,
            y.saturating_sub(3).max(10),
        );
    }
    let short = labels::MONTHS
        .get(usize::try_from(month.month.month.saturating_sub(1)).unwrap_or(0))
        .copied()
        .unwrap_or("");
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{short} {}</text>",
        x0 + bar * 3 / 2,
        height - bottom + 15,
        month.month.year
    );
    out
}

/// The month asked for in the query (`month=2026-11`), or the current one; an error message
/// (Swedish) for a malformed month.
fn month_of(raw: Option<&str>) -> Result<Month, String> {
    let wanted = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .find(|(name, _)| name == "month")
        .map(|(_, value)| value.into_owned());
    match wanted.as_deref().map(str::trim) {
        None | Some("") => Ok(Month::of(SystemTime::now())),
        Some(text) => Month::parse(text)
            .ok_or_else(|| format!("Månaden {text:?} ska skrivas ÅÅÅÅ-MM, till exempel 2026-11.")),
    }
}

/// The format of a report answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The Swedish page.
    Html,
    /// CSV (RFC 4180).
    Csv,
    /// JSON with English keys.
    Json,
}

/// `/review/rapport[.csv|.json]?month=YYYY-MM`: the report of every log the review page
/// shows, read on the blocking pool.
pub async fn serve(shared: &Arc<Shared>, raw: Option<&str>, format: Format) -> Response<AdminBody> {
    let month = match month_of(raw) {
        Ok(month) => month,
        Err(message) => return reply::text(StatusCode::BAD_REQUEST, format!("{message}\n")),
    };
    let reading = shared.clone();
    let task = move || report::read(&super::sources(&reading)?, month);
    let report = match tokio::task::spawn_blocking(task).await {
        Ok(Ok(report)) => report,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "report: cannot read the audit log");
            return reply::failed();
        }
        Err(e) => {
            tracing::error!(error = %e, "report: reading the audit log failed");
            return reply::failed();
        }
    };
    match format {
        Format::Html => reply::html(StatusCode::OK, page(&report, true)),
        Format::Csv => reply::with_type(
            StatusCode::OK,
            "text/csv; charset=utf-8",
            reply::full(report::csv::text(&report)),
        ),
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => reply::with_type(StatusCode::OK, "application/json", reply::full(json)),
            Err(_) => reply::failed(),
        },
    }
}
