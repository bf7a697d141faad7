//! "Mina stopp": a page on the proxy where a person sees their own latest stops (incident id,
//! time, service, kinds found, never values, what to do). The person is the user named by the
//! trusted user header, or else the client address; the list is kept in memory (see
//! [`super::recent`]) and starts empty when sluss starts.

use std::time::Instant;

use http::{Response, StatusCode};

use super::blocked::{Links, Stop, explanation, kinds_text, rule_label, shown_time};
use super::negotiate::Answered;
use super::recent::{self, MY_STOPS_KEEP};
use super::respond::{self, ClientBody, STYLE, escape};
use super::{Peer, Runtime, Shared};

/// Where the page is served.
pub const PATH: &str = "/mina-stopp";
/// The same list as JSON.
pub const JSON_PATH: &str = "/mina-stopp.json";

/// The page for `peer`.
pub fn page(shared: &Shared, runtime: &Runtime, peer: &Peer) -> Response<ClientBody> {
    let stops = shared
        .recent
        .stops_of(&recent::person(peer), Instant::now());
    let register = format!("http://{}/register", runtime.config.proxy.public_address);
    let links = Links {
        register: &register,
        stops: PATH,
        support: &runtime.config.support,
    };
    respond::html(StatusCode::OK, &render(peer, &stops, &links))
}

/// The list for `peer` as JSON (kinds and counts, never values).
pub fn json(shared: &Shared, peer: &Peer) -> Response<ClientBody> {
    let stops = shared
        .recent
        .stops_of(&recent::person(peer), Instant::now());
    let list: Vec<serde_json::Value> = stops
        .iter()
        .map(|s| {
            serde_json::json!({
                "incident_id": s.incident,
                "time": crate::audit::time::format(s.time),
                "service": s.service,
                "host": s.host,
                "rule": s.rule.as_str(),
                "count": s.count,
                "answer": s.answered.as_str(),
                "uninspectable": s.why,
                "findings": s.kinds.iter()
                    .map(|(k, n)| serde_json::json!({"kind": k.name(), "count": n}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    respond::json(StatusCode::OK, &serde_json::json!({ "stops": list }))
}

fn who(peer: &Peer) -> String {
    match &peer.user {
        Some(user) => format!(
            "<p>Du är inloggad som <strong>{}</strong>.</p>",
            escape(user)
        ),
        None => format!(
            "<p>Du känns igen på datorns adress <strong>{}</strong>. Delar du dator med andra \
ser de samma lista.</p>",
            escape(&peer.ip.to_string())
        ),
    }
}

fn answered_label(answered: Answered) -> &'static str {
    match answered {
        Answered::Page => "som en sida från sluss",
        Answered::Json => "som ett felmeddelande i tjänsten",
        Answered::EventStream => "som ett svar i chatten",
        Answered::WebsocketClose => "genom att anslutningen stängdes",
    }
}

fn entry(stop: &Stop, links: &Links<'_>) -> String {
    let (why, what) = explanation(stop, links);
    let row = |label: &str, value: &str| {
        format!(
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            escape(value)
        )
    };
    let found = if stop.kinds.is_empty() {
        "–".to_string()
    } else {
        kinds_text(&stop.kinds)
    };
    let times = if stop.count > 1 {
        row(
            "Antal gånger",
            &format!("{} (inom några minuter)", stop.count),
        )
    } else {
        String::new()
    };
    format!(
        "<section><h2><span class=\"id\">{id}</span></h2><table>{time}{service}{rule}{found}{times}{shown}</table>\
<p>{why}</p><p><strong>Vad du kan göra:</strong> {what}</p>{form}</section>",
        id = escape(&stop.incident),
        time = row("Tid", &shown_time(stop.time)),
        service = row("Tjänst", &stop.service),
        rule = row("Regel", rule_label(stop.rule)),
        found = row("Hittat", &found),
        shown = row("Visades", answered_label(stop.answered)),
        why = escape(&why),
        what = super::blocked::what_html(&what, links),
        form = if stop.incident.starts_with("S-") {
            super::objection::form_html(&stop.incident, super::objection::PATH)
        } else {
            String::new()
        },
    )
}

fn render(peer: &Peer, stops: &[Stop], links: &Links<'_>) -> String {
    let list = if stops.is_empty() {
        "<p>Inga förfrågningar från dig har stoppats den senaste veckan.</p>".to_string()
    } else {
        stops.iter().map(|s| entry(s, links)).collect()
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Mina stopp</title><style>{STYLE}</style></head><body><main>\
<h1>Mina stopp</h1>\
<p>Här ser du dina senaste förfrågningar till AI-tjänster som sluss har stoppat: högst \
{MY_STOPS_KEEP}, från den senaste veckan och sedan sluss senast startades. Vad som hittades \
anges bara som typ och antal; själva uppgifterna visas aldrig och sparas inte i klartext.</p>\
{who}{list}\
<p>Tror du att ett stopp är fel? Skriv en invändning under stoppet, eller kontakta \
IT-supporten och uppge ärende-id.</p>\
</main><footer><a href=\"/register\">Godkända AI-tjänster</a></footer></body></html>",
        who = who(peer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::IncidentId;
    use crate::detect::Kind;
    use crate::policy::Rule;

    #[test]
    fn the_page_lists_stops_without_values() {
        let mut stop = Stop::new(
            IncidentId::new("S-7K2M9Q"),
            "Kommunens <AI>",
            "ai.test",
            Rule::Personnummer,
        );
        stop.kinds = vec![(Kind::Personnummer, 2)];
        stop.deciding = 1;
        stop.count = 3;
        stop.answered = Answered::EventStream;
        let peer = Peer {
            ip: "10.1.2.3"
                .parse()
                .unwrap_or(std::net::Ipv4Addr::LOCALHOST.into()),
            user: Some("anna".into()),
        };
        let support = crate::config::SupportConfig::default();
        let links = Links {
            register: "/register",
            stops: PATH,
            support: &support,
        };
        let page = render(&peer, &[stop], &links);
        assert!(page.contains("<span class=\"id\">S-7K2M9Q</span>"));
        assert!(page.contains("Kommunens &lt;AI&gt;"));
        assert!(page.contains("2 × personnummer"));
        assert!(page.contains("3 (inom några minuter)"));
        assert!(page.contains("som ett svar i chatten"));
        assert!(page.contains("inloggad som <strong>anna</strong>"));
        let anonymous = Peer {
            ip: "10.1.2.3"
                .parse()
                .unwrap_or(std::net::Ipv4Addr::LOCALHOST.into()),
            user: None,
        };
        let empty = render(&anonymous, &[], &links);
        assert!(empty.contains("Inga förfrågningar"));
        assert!(empty.contains("10.1.2.3"));
    }
}
