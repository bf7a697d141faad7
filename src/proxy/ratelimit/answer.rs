//! What a client over a limit gets: 429 with `Retry-After` and a Swedish explanation (an HTML
//! page for browsers, OpenAI- or Anthropic-shaped JSON for tools), and one audit record per
//! client and window, written before the first answer of the window; the hooks the proxy calls.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, RETRY_AFTER};
use http::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpStream;

use super::{Limit, Refusal};
use crate::config::Route;
use crate::patterns::ApiFamily;
use crate::policy::{Action, Rule};
use crate::proxy::front::{host_of, user_of};
use crate::proxy::incident::{self, Report};
use crate::proxy::respond::{self, ClientBody, Style};
use crate::proxy::{Peer, Runtime, Shared};

/// The hook before a request is handled: `None` when it may go on, else the 429 for it.
/// Only requests to AI services (registered or known) are counted; the user is the one the
/// request names in the trusted header, else the connection's.
pub async fn admit_request<B>(
    shared: &Arc<Shared>,
    peer: &Peer,
    host: &str,
    request: &Request<B>,
) -> Option<Response<ClientBody>> {
    let runtime = shared.runtime.load_full();
    let (service, api) = match runtime.register.route(host) {
        Route::Other => return None,
        Route::Approved(i) | Route::Upload(i) => {
            let s = &runtime.register.services()[i];
            (Some(s.name.clone()), s.api)
        }
        Route::NotApproved(k) => (None, runtime.register.known()[k].api),
    };
    let user = user_of(&runtime, request.headers()).or_else(|| peer.user.clone());
    let refusal = shared.rate.check_request(peer.ip, user.as_deref()).err()?;
    let peer = Peer { ip: peer.ip, user };
    let report = Report {
        peer: &peer,
        host,
        service: service.as_deref(),
        method: request.method().as_str(),
        path: request.uri().path(),
        action: Action::Block,
        reason: refusal.limit.reason(),
        answered: Some(Style::for_request(request.headers(), api).answered()),
        why: None,
    };
    let incident = record_once(shared, &runtime, &refusal, &report).await;
    let style = Style::for_request(request.headers(), api);
    Some(too_many(&refusal, &incident, style))
}

/// The hook where a stop is answered: a stop by the detector counts against the client's and
/// the user's stops per hour (not "not approved", and not bodies that cannot be read: those
/// say nothing about probing the detector).
pub fn stopped(shared: &Shared, peer: &Peer, rule: Rule) {
    if !matches!(rule, Rule::NotApproved | Rule::Uninspectable) {
        shared.rate.stopped(peer.ip, peer.user.as_deref());
    }
}

/// A client with `connections_per_client` open already: its one request is read (so that it
/// sees an answer, not a reset), answered 429 and the connection closed.
pub async fn refuse_connection(
    shared: Arc<Shared>,
    stream: TcpStream,
    addr: SocketAddr,
    refusal: Refusal,
) {
    let timeout = shared.runtime.load().config.proxy.first_request_timeout;
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .keep_alive(false);
    let refusal = Arc::new(refusal);
    let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
        let (shared, refusal) = (shared.clone(), refusal.clone());
        async move {
            let runtime = shared.runtime.load_full();
            let peer = Peer {
                ip: addr.ip().to_canonical(),
                user: user_of(&runtime, request.headers()),
            };
            let host = request.uri().authority().map(host_of).unwrap_or_default();
            let report = Report {
                peer: &peer,
                host: &host,
                service: None,
                method: request.method().as_str(),
                path: request.uri().path(),
                action: Action::Block,
                reason: refusal.limit.reason(),
                answered: Some(
                    Style::for_request(request.headers(), ApiFamily::Generic).answered(),
                ),
                why: None,
            };
            let incident = record_once(&shared, &runtime, &refusal, &report).await;
            let style = Style::for_request(request.headers(), ApiFamily::Generic);
            let mut response = too_many(&refusal, &incident, style);
            response
                .headers_mut()
                .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
            Ok::<_, Infallible>(response)
        }
    });
    let serving = builder.serve_connection(TokioIo::new(stream), service);
    let _ = tokio::time::timeout(timeout, serving).await;
}

/// Counts the refusal and returns the incident id of its window, writing the window's one
/// audit record (and one log line) on its first refusal.
async fn record_once(
    shared: &Arc<Shared>,
    runtime: &Runtime,
    refusal: &Refusal,
    report: &Report<'_>,
) -> String {
    shared.metrics.refused.add(&[refusal.limit.metric()], 1);
    let window = shared.rate.window(&refusal.key, refusal.limit);
    let incident = window
        .get_or_init(|| async {
            match incident::record(shared, &runtime.detectors, report, &[]).await {
                Ok(recorded) => {
                    let id = recorded.id;
                    tracing::warn!(
                        incident = %id.as_str(), client = %report.peer.ip,
                        limit = refusal.limit.reason(), allowed = refusal.allowed,
                        retry_after_secs = retry_secs(refusal.retry_after),
                        "rate limit reached: answering 429 (recorded once per client and window)"
                    );
                    id.as_str().to_string()
                }
                Err(e) => {
                    shared.metrics.audit_failures.inc();
                    tracing::error!(error = %e, "could not write the audit record of a rate limit");
                    "–".to_string()
                }
            }
        })
        .await;
    incident.clone()
}

/// `Retry-After` in whole seconds, at least 1.
fn retry_secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// A wait in Swedish: seconds up to 90, else minutes (rounded up).
fn wait_text(secs: u64) -> String {
    let count = |n: u64, one: &str, many: &str| {
        crate::swedish::count(usize::try_from(n).unwrap_or(usize::MAX), one, many)
    };
    match secs {
        0..=90 => count(secs.max(1), "sekund", "sekunder"),
        _ => count(secs.div_ceil(60), "minut", "minuter"),
    }
}

/// The Swedish explanation of a refusal.
fn message(refusal: &Refusal, incident: &str) -> String {
    let wait = wait_text(retry_secs(refusal.retry_after).max(1));
    let n = refusal.allowed;
    let text = match refusal.limit {
        Limit::Requests => format!(
            "Du har skickat fler än {n} förfrågningar till AI-tjänster på en minut. Vänta {wait} \
             och försök igen."
        ),
        Limit::Stops => format!(
            "Många av dina förfrågningar till AI-tjänster har stoppats den senaste timmen (fler \
             än {n}), så sluss tar inte emot fler just nu. Vänta {wait} och försök igen. Behöver \
             du hjälp att ta bort personuppgifter eller sekretessbelagt innehåll ur en text, \
             kontakta IT-supporten eller dataskyddsombudet."
        ),
        Limit::Connections => format!(
            "Din dator har fler än {n} anslutningar öppna till sluss. Stäng flikar eller program \
             som du inte använder och försök igen om {wait}."
        ),
    };
    if incident == "–" {
        text
    } else {
        format!("{text} Ärende-id: {incident}.")
    }
}

/// 429 with `Retry-After` and the explanation, as a page or as JSON.
pub fn too_many(refusal: &Refusal, incident: &str, style: Style) -> Response<ClientBody> {
    let status = StatusCode::TOO_MANY_REQUESTS;
    let text = message(refusal, incident);
    let code = refusal.limit.metric();
    let mut response = match style {
        Style::Html => respond::html(
            status,
            &respond::simple_page("För många förfrågningar", &text),
        ),
        _ => {
            let incident = (incident != "–").then_some(incident);
            respond::error_answer(status, &text, "rate_limit_error", code, incident, style)
        }
    };
    response.headers_mut().insert(
        RETRY_AFTER,
        HeaderValue::from(retry_secs(refusal.retry_after).max(1)),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::super::Key;
    use super::*;

    fn refusal(limit: Limit, secs: u64) -> Refusal {
        Refusal {
            limit,
            key: Key::Client(std::net::IpAddr::from([10, 0, 0, 1])),
            retry_after: Duration::from_millis(secs * 1000 - 1),
            allowed: 30,
        }
    }

    #[test]
    fn answers_are_429_with_retry_after_in_swedish() {
        let r = too_many(&refusal(Limit::Stops, 120), "S-ABCDEF", Style::Html);
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            r.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()),
            Some("120")
        );
        let r = too_many(
            &refusal(Limit::Requests, 1),
            "–",
            Style::Json(crate::proxy::negotiate::Shape::Anthropic),
        );
        assert_eq!(
            r.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()),
            Some("1")
        );
        let text = message(&refusal(Limit::Stops, 120), "S-ABCDEF");
        assert!(
            text.contains("2 minuter") && text.contains("S-ABCDEF"),
            "{text}"
        );
        let text = message(&refusal(Limit::Requests, 20), "–");
        assert!(
            text.contains("20 sekunder") && !text.contains("Ärende"),
            "{text}"
        );
    }
}
