//! "Jag tror att stoppet är fel": the person who was stopped sends a short comment about one
//! of their latest stops, which becomes its own record in the audit chain (`event.action`
//! `objection`, the incident's id, the comment); the stop's record is never edited.
//!
//! Only the person who was stopped can object (the incident must be among their latest stops,
//! see [`super::recent`]: same user, else same client address), which also makes a forged
//! cross-site post useless without the incident id. The comment is scanned with the same
//! detectors and refused, without being echoed, when it holds anything the service's policy
//! would stop or any kind that the stop was about. Objections are rate-limited per person and
//! length-limited.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use http::header::ACCEPT;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::blocked::{Stop, kinds_text, shown_time};
use super::recent;
use super::respond::{self, ClientBody, STYLE, escape};
use super::{Peer, Runtime, Shared};
use crate::audit::status::{MAX_COMMENT_CHARS, clean_comment};
use crate::audit::{EventAction, FollowUp, IncidentId, Record};
use crate::detect::Finding;
use crate::policy::{self, Action, ServicePolicy};

/// Where the form is served and posted.
pub const PATH: &str = "/invandning";
/// The largest form body read (the comment is at most [`MAX_COMMENT_CHARS`] characters).
pub const MAX_FORM_BYTES: usize = 16 * 1024;
/// Objections a person may send at once ...
const BURST: u32 = 5;
/// ... and then one per this many seconds.
const EVERY_SECS: u64 = 60;
/// Persons tracked before the limiter forgets those back to fresh.
const TRACKED: usize = 10_000;

/// The rate limit on objections, per person.
pub struct Objections {
    limiter: DefaultKeyedRateLimiter<String>,
}

impl std::fmt::Debug for Objections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Objections")
            .field("tracked", &self.limiter.len())
            .finish()
    }
}

impl Default for Objections {
    fn default() -> Self {
        let quota = Quota::with_period(std::time::Duration::from_secs(EVERY_SECS))
            .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(BURST).unwrap_or(NonZeroU32::MIN));
        Objections {
            limiter: RateLimiter::keyed(quota),
        }
    }
}

impl Objections {
    /// Whether `person` may send one more objection now (counts it).
    fn admit(&self, person: &str) -> bool {
        if self.limiter.len() > TRACKED {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&person.to_string()).is_ok()
    }
}

/// Why an objection was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    NotYours,
    Empty,
    TooLong,
    Repeats,
    TooMany,
    Unreadable,
}

impl Refused {
    fn status(self) -> StatusCode {
        match self {
            Refused::NotYours => StatusCode::NOT_FOUND,
            Refused::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Refused::Repeats => StatusCode::UNPROCESSABLE_ENTITY,
            Refused::TooLong => StatusCode::PAYLOAD_TOO_LARGE,
            Refused::Empty | Refused::Unreadable => StatusCode::BAD_REQUEST,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Refused::NotYours => "objection_unknown_incident",
            Refused::Empty => "objection_empty",
            Refused::TooLong => "objection_too_long",
            Refused::Repeats => "objection_holds_content",
            Refused::TooMany => "objection_rate_limit",
            Refused::Unreadable => "objection_unreadable",
        }
    }

    fn message(self, stop: Option<&Stop>) -> String {
        match self {
            Refused::NotYours => "Ärendet finns inte bland dina senaste stopp. Du kan bara \
invända mot dina egna stopp från den senaste veckan; kontakta annars IT-supporten och uppge \
ärende-id."
                .into(),
            Refused::Empty => {
                "Skriv en kort kommentar om varför du tycker att stoppet var fel.".into()
            }
            Refused::TooLong => {
                format!("Kommentaren är för lång. Skriv högst {MAX_COMMENT_CHARS} tecken.")
            }
            Refused::Repeats => {
                let kinds = stop
                    .filter(|s| !s.kinds.is_empty())
                    .map(|s| format!(" (stoppet gällde {})", kinds_text(&s.kinds)))
                    .unwrap_or_default();
                format!(
                    "Kommentaren skickades inte: den innehåller uppgifter som inte får lämnas \
ut{kinds}. Klistra inte in innehållet igen; beskriv med egna ord varför du tycker att stoppet \
var fel."
                )
            }
            Refused::TooMany => "Du har skickat många invändningar på kort tid. Vänta en \
minut och försök igen."
                .into(),
            Refused::Unreadable => "Formuläret kunde inte läsas. Skicka det från sidan Mina \
stopp."
                .into(),
        }
    }
}

/// Answers `GET` (the form for `?incident=`) and `POST` (the objection) on [`PATH`].
pub async fn handle(
    shared: Arc<Shared>,
    runtime: Arc<Runtime>,
    peer: Peer,
    request: Request<Incoming>,
) -> Response<ClientBody> {
    let json = wants_json(&request);
    if request.method() == Method::GET || request.method() == Method::HEAD {
        let id = form_field(request.uri().query().unwrap_or(""), "incident");
        let stop = id.as_deref().and_then(|id| find_stop(&shared, &peer, id));
        return match stop {
            Some(stop) => respond::html(StatusCode::OK, &form_page(&stop, None)),
            None => refusal(Refused::NotYours, None, json),
        };
    }
    if request.method() != Method::POST {
        return refusal(Refused::Unreadable, None, json);
    }
    let body = match Limited::new(request.into_body(), MAX_FORM_BYTES)
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(_) => return refusal(Refused::TooLong, None, json),
    };
    let Ok(body) = std::str::from_utf8(&body) else {
        return refusal(Refused::Unreadable, None, json);
    };
    let id = form_field(body, "incident").unwrap_or_default();
    let Some(stop) = find_stop(&shared, &peer, &id) else {
        return refusal(Refused::NotYours, None, json);
    };
    let raw = form_field(body, "comment").unwrap_or_default();
    let comment = match check(&runtime, &stop, &raw) {
        Ok(comment) => comment,
        Err(refused) => return refusal_for(refused, &stop, json),
    };
    if !shared.objections.admit(&recent::person(&peer)) {
        return refusal_for(Refused::TooMany, &stop, json);
    }
    record(&shared, &runtime, &peer, &stop, comment, json).await
}

/// Writes the objection's record and answers.
async fn record(
    shared: &Shared,
    runtime: &Runtime,
    peer: &Peer,
    stop: &Stop,
    comment: String,
    json: bool,
) -> Response<ClientBody> {
    let registered = registered(runtime, &stop.service).map(|_| stop.service.clone());
    let record = Record::follow_up(FollowUp {
        incident: IncidentId::new(&stop.incident),
        time: SystemTime::now(),
        action: EventAction::Objection,
        client: peer.ip,
        user: peer.user.clone(),
        service: registered,
        host: stop.host.clone(),
        status: None,
        comment: Some(comment),
    });
    if let Err(e) = shared.audit.append(record).await {
        tracing::error!(incident = %stop.incident, error = %e, "objection: audit record not written");
        let message = "Invändningen kunde inte sparas. Försök igen om en stund eller kontakta \
IT-supporten och uppge ärende-id.";
        return answer(
            StatusCode::INTERNAL_SERVER_ERROR,
            "objection_not_saved",
            message,
            json,
        );
    }
    tracing::info!(incident = %stop.incident, client = %peer.ip, "objection recorded");
    if json {
        return respond::json(
            StatusCode::OK,
            &serde_json::json!({"incident_id": stop.incident, "objection": "recorded"}),
        );
    }
    respond::html(StatusCode::OK, &thanks_page(stop))
}

/// The comment as it will be kept, or why it is refused: empty, too long, or holding what the
/// policy would stop or a kind the stop was about.
fn check(runtime: &Runtime, stop: &Stop, raw: &str) -> Result<String, Refused> {
    if raw.chars().count() > MAX_COMMENT_CHARS {
        return Err(Refused::TooLong);
    }
    let comment = clean_comment(raw).ok_or(Refused::Empty)?;
    let policy = registered(runtime, &stop.service)
        .cloned()
        .unwrap_or_default();
    // Scan what the person typed as well as what is kept: cleaning must not hide anything.
    for text in [raw, comment.as_str()] {
        if holds_stoppable(&runtime.detectors.scan(text), &policy, stop) {
            return Err(Refused::Repeats);
        }
    }
    Ok(comment)
}

/// Whether `findings` hold anything `policy` would act on, or any finding at or above its
/// threshold of a kind that `stop` was about.
fn holds_stoppable(findings: &[Finding], policy: &ServicePolicy, stop: &Stop) -> bool {
    if policy::decide(policy, findings).action() != Action::Allow {
        return true;
    }
    findings.iter().any(|f| {
        f.confidence >= policy.min_confidence && stop.kinds.iter().any(|(k, _)| *k == f.kind)
    })
}

/// The policy of the registered service called `name`, if there is one.
fn registered<'a>(runtime: &'a Runtime, name: &str) -> Option<&'a ServicePolicy> {
    runtime
        .register
        .services()
        .iter()
        .find(|s| s.name == name)
        .map(|s| &s.policy)
}

/// Incident `id` among `peer`'s latest stops.
fn find_stop(shared: &Shared, peer: &Peer, id: &str) -> Option<Stop> {
    let id = IncidentId::new(id);
    shared
        .recent
        .stops_of(&recent::person(peer), Instant::now())
        .into_iter()
        .find(|s| s.incident == id.as_str())
}

/// The last value of `name` in a form-encoded `text`.
fn form_field(text: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(text.as_bytes())
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
        .last()
}

fn wants_json<B>(request: &Request<B>) -> bool {
    request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

fn refusal(refused: Refused, stop: Option<&Stop>, json: bool) -> Response<ClientBody> {
    answer(
        refused.status(),
        refused.code(),
        &refused.message(stop),
        json,
    )
}

/// A refusal about a stop the person may try again for: the form again, with the message
/// (never the comment).
fn refusal_for(refused: Refused, stop: &Stop, json: bool) -> Response<ClientBody> {
    if json {
        return refusal(refused, Some(stop), json);
    }
    let page = form_page(stop, Some(&refused.message(Some(stop))));
    respond::html(refused.status(), &page)
}

fn answer(status: StatusCode, code: &str, message: &str, json: bool) -> Response<ClientBody> {
    if json {
        let body =
            serde_json::json!({"error": {"message": message, "type": "objection", "code": code}});
        return respond::json(status, &body);
    }
    respond::html(
        status,
        &respond::simple_page("Invändningen skickades inte", message),
    )
}

/// The form for one stop, as a section of a page (also on "Mina stopp"): `action` is where it
/// posts.
pub fn form_html(incident: &str, action: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" class=\"objection\">\
<input type=\"hidden\" name=\"incident\" value=\"{id}\">\
<label for=\"comment-{id}\">Tror du att stoppet är fel? Berätta kort varför \
(högst {MAX_COMMENT_CHARS} tecken):</label>\
<p class=\"hint\" id=\"hint-{id}\"><strong>Klistra inte in texten som stoppades igen.</strong> \
Kommentaren granskas på samma sätt och skickas inte om den innehåller sådana uppgifter. \
Den sparas i loggen och läses av informationssäkerhetsfunktionen.</p>\
<textarea id=\"comment-{id}\" name=\"comment\" rows=\"3\" maxlength=\"{MAX_COMMENT_CHARS}\" \
aria-describedby=\"hint-{id}\" required></textarea>\
<button type=\"submit\">Skicka invändning</button></form>",
        action = escape(action),
        id = escape(incident),
    )
}

fn form_page(stop: &Stop, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| {
            format!(
                "<div class=\"box\" role=\"alert\"><p>{}</p></div>",
                escape(p)
            )
        })
        .unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Invändning mot stopp</title><style>{STYLE}</style></head><body><main>\
<h1>Invändning mot stopp <span class=\"id\">{id}</span></h1>{problem}\
<p>{service}, {time}.</p>{form}\
<p><a href=\"/mina-stopp\">Mina stopp</a></p></main></body></html>",
        id = escape(&stop.incident),
        service = escape(&stop.service),
        time = escape(&shown_time(stop.time)),
        form = form_html(&stop.incident, PATH),
    )
}

fn thanks_page(stop: &Stop) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Invändningen är mottagen</title><style>{STYLE}</style></head><body><main>\
<h1>Tack, invändningen är mottagen</h1>\
<p>Din kommentar om ärende <span class=\"id\">{id}</span> är sparad och granskas av \
informationssäkerhetsfunktionen. Stoppet gäller tills vidare.</p>\
<p><a href=\"/mina-stopp\">Mina stopp</a></p></main></body></html>",
        id = escape(&stop.incident),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{Detectors, Kind};
    use crate::policy::Rule;

    fn stop(kinds: Vec<(Kind, usize)>) -> Stop {
        let mut stop = Stop::new(
            IncidentId::new("S-7K2M9Q"),
            "AI",
            "ai.test",
            Rule::Personnummer,
        );
        stop.kinds = kinds;
        stop
    }

    #[test]
    fn comments_with_what_was_stopped_are_refused() {
        let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        let policy = ServicePolicy::default();
        let pnr = stop(vec![(Kind::Personnummer, 1)]);
        let judge = |text: &str, stop: &Stop| holds_stoppable(&detectors.scan(text), &policy, stop);
        assert!(judge("det var 19121212-1212 som stoppades", &pnr));
        assert!(judge("SEKRETESS enligt 26 kap. 1 § OSL", &pnr));
        assert!(!judge(
            "Det var ett påhittat exempelnummer i en utbildning.",
            &pnr
        ));
        let health = stop(vec![(Kind::Sensitive(crate::detect::Category::Health), 1)]);
        assert!(judge("Det handlade om diabetes i allmänhet", &health));
    }

    #[test]
    fn the_form_warns_against_pasting_again() {
        let form = form_html("S-7K2M9Q", "http://proxy:3128/invandning");
        assert!(form.contains("Klistra inte in texten som stoppades igen"));
        assert!(form.contains("action=\"http://proxy:3128/invandning\""));
        assert!(form.contains("value=\"S-7K2M9Q\""));
        assert!(form.contains(&format!("maxlength=\"{MAX_COMMENT_CHARS}\"")));
    }
}
