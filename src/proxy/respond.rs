//! Every answer sluss gives itself, in Swedish: block pages for browsers, OpenAI- or
//! Anthropic-shaped JSON errors for tools, and the one place where failures become statuses
//! (a fault of the client → 400, of the upstream → 502, of sluss → 500).
//!
//! Nothing here ever shows a detected value: only kinds, counts, the rule and the incident id.

use bytes::Bytes;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderValue, Response, StatusCode};
use http_body_util::BodyExt;
use http_body_util::Full;
use http_body_util::combinators::UnsyncBoxBody;

use super::shapes::{self, Message};

pub use super::blocked::{kind_label, rule_label};
pub use super::negotiate::{Shape, Style};

/// Any error of a body sluss sends on.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Why a response body sent to a client broke off (the upstream failed or went silent).
#[derive(Debug)]
pub struct BodyError(pub BoxError);

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// The body type of responses sent to clients.
pub type ClientBody = UnsyncBoxBody<Bytes, BodyError>;

/// A complete body.
pub fn full(bytes: impl Into<Bytes>) -> ClientBody {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// Who caused a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The client sent something invalid.
    Downstream,
    /// The upstream server failed or could not be reached.
    Upstream,
    /// sluss itself failed.
    Internal,
}

/// The answer to a failure (never a detected value; `detail` is for the log and is shown only
/// for upstream failures, where it names the host and the problem).
pub fn failure(fault: Fault, host: &str, style: Style) -> Response<ClientBody> {
    let (status, message) = match fault {
        Fault::Downstream => (
            StatusCode::BAD_REQUEST,
            "Förfrågan kunde inte tolkas av sluss.".to_string(),
        ),
        Fault::Upstream => (
            StatusCode::BAD_GATEWAY,
            format!(
                "AI-tjänsten {host} svarade inte eller kunde inte nås. Försök igen om en stund."
            ),
        ),
        Fault::Internal => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "Ett internt fel uppstod i sluss. Kontakta IT-supporten.".to_string(),
        ),
    };
    let kind = match fault {
        Fault::Downstream => "invalid_request_error",
        Fault::Upstream => "upstream_error",
        Fault::Internal => "internal_error",
    };
    error_answer(status, &message, kind, kind, None, style)
}

/// 403 for traffic the configuration refuses (a client outside `allowed_clients`, or other
/// traffic when `other_traffic = "deny"`).
pub fn refused(message: &str) -> Response<ClientBody> {
    let mut response = Response::new(full(format!("{message}\n")));
    *response.status_mut() = StatusCode::FORBIDDEN;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// 403 for a destination sluss never connects to (its own machine, link-local, …).
pub fn destination_refused() -> Response<ClientBody> {
    refused(
        "sluss: adressen får inte nås genom proxyn (till exempel proxyservern själv eller \
         ett internt nät). Kontakta IT-supporten om du behöver nå den.",
    )
}

/// 403 for other traffic to a port that is not the web's (443 for tunnels, 80 for HTTP).
pub fn port_refused(tls: bool) -> Response<ClientBody> {
    refused(if tls {
        "sluss: tunnlar tillåts bara till port 443."
    } else {
        "sluss: okrypterad HTTP tillåts bara till port 80."
    })
}

/// 503 when every place in `max_connections` is taken by a working connection.
pub fn too_many_connections() -> Response<ClientBody> {
    unavailable("sluss har för många anslutningar just nu. Försök igen om en stund.")
}

/// 503 when the memory for request bodies is taken by other requests.
pub fn body_budget_exhausted(style: Style) -> Response<ClientBody> {
    let message = "sluss granskar för många förfrågningar just nu. Försök igen om en stund.";
    let mut response = error_answer(
        StatusCode::SERVICE_UNAVAILABLE,
        message,
        "overloaded_error",
        "body_budget",
        None,
        style,
    );
    response
        .headers_mut()
        .insert(http::header::RETRY_AFTER, HeaderValue::from_static("5"));
    response
}

fn unavailable(message: &str) -> Response<ClientBody> {
    let mut response = refused(message);
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    headers.insert(http::header::RETRY_AFTER, HeaderValue::from_static("5"));
    headers.insert(http::header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// 400 for a request whose headers could be read two ways (two `Content-Type`, a
/// `Connection` header that would remove what the inspection read, …). Never forwarded.
pub fn ambiguous_headers(incident: &str, style: Style) -> Response<ClientBody> {
    let message = format!(
        "Stoppad av sluss: förfrågan har huvuden som kan tolkas på flera sätt (till exempel två \
         Content-Type eller ett Connection-huvud som tar bort Content-Type), så den kan inte \
         granskas säkert och skickades inte vidare. Ärende-id: {incident}."
    );
    error_answer(
        StatusCode::BAD_REQUEST,
        &message,
        "invalid_request_error",
        "ambiguous_headers",
        Some(incident),
        style,
    )
}

/// 500 when the inspection itself failed (a bug in sluss): nothing was forwarded.
pub fn inspection_failed(incident: &str, style: Style) -> Response<ClientBody> {
    let message = format!(
        "Ett internt fel uppstod när sluss granskade förfrågan. Den skickades inte vidare. \
         Kontakta IT-supporten och uppge ärende-id {incident}."
    );
    error_answer(
        StatusCode::INTERNAL_SERVER_ERROR,
        &message,
        "internal_error",
        "inspection_failed",
        Some(incident),
        style,
    )
}

/// An error sluss gives itself: a short page, or the JSON error of the client's API family.
pub(crate) fn error_answer(
    status: StatusCode,
    message: &str,
    kind: &str,
    code: &str,
    incident: Option<&str>,
    style: Style,
) -> Response<ClientBody> {
    let Some(shape) = style.shape() else {
        let title = if status == StatusCode::FORBIDDEN || status == StatusCode::BAD_REQUEST {
            "sluss skickade inte förfrågan"
        } else {
            "sluss kunde inte skicka förfrågan"
        };
        return html(status, &simple_page(title, message));
    };
    let message = Message {
        text: message,
        code,
        error_type: kind,
        incident,
        count: 1,
        findings: &[],
    };
    let mut response = json(status, &shapes::json_error(shape, status, &message));
    if let Some(id) = incident.and_then(|i| HeaderValue::from_str(i).ok()) {
        response.headers_mut().insert("x-sluss-incident", id);
    }
    response
}

/// Why other traffic was refused under `other_traffic = "deny"`.
pub const OTHER_TRAFFIC_DENIED: &str =
    "sluss: trafik till andra tjänster än kommunens AI-tjänster är inte tillåten genom proxyn.";

/// 421 for a request whose host is not the one its connection was opened for.
pub fn misdirected() -> Response<ClientBody> {
    let mut response = refused("sluss: förfrågan gäller en annan värd än anslutningen.");
    *response.status_mut() = StatusCode::MISDIRECTED_REQUEST;
    response
}

/// The answer to a client outside `allowed_clients` (the connection is then closed).
pub fn refused_client() -> Response<ClientBody> {
    let mut response =
        refused("sluss: din dator får inte använda den här proxyn. Kontakta IT-supporten.");
    response
        .headers_mut()
        .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// A JSON response.
pub fn json(status: StatusCode, value: &serde_json::Value) -> Response<ClientBody> {
    let mut response = Response::new(full(value.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An HTML response.
pub fn html(status: StatusCode, page: &str) -> Response<ClientBody> {
    let mut response = Response::new(full(page.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    response
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Shared page style: plain, readable, high contrast, no external resources.
pub const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;\
max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}\
h1{font-size:1.6rem;margin-bottom:.5rem}h2{font-size:1.15rem;margin-top:1.5rem}\
.box{border-left:.4rem solid #b3261e;background:#fdf1f0;padding:.75rem 1rem}\
.id{font-family:ui-monospace,monospace;font-size:1.1rem;font-weight:600}\
table{border-collapse:collapse}td,th{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}\
footer{margin-top:2rem;font-size:.9rem;color:#555}";

/// A page with a heading and one paragraph.
pub fn simple_page(title: &str, message: &str) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{t}</title><style>{STYLE}</style></head><body><main><h1>{t}</h1><p>{m}</p></main></body></html>",
        t = escape(title),
        m = escape(message),
    )
}
