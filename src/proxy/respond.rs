//! Every answer sluss gives itself, in Swedish: block pages for browsers, OpenAI- or
//! Anthropic-shaped JSON errors for tools, and the one place where failures become statuses
//! (a fault of the client → 400, of the upstream → 502, of sluss → 500).
//!
//! Nothing here ever shows a detected value: only kinds, counts, the rule and the incident id.

use bytes::Bytes;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Response, StatusCode};
use http_body_util::BodyExt;
use http_body_util::Full;
use http_body_util::combinators::UnsyncBoxBody;

use crate::detect::Kind;
use crate::detect::mask::category_label;
use crate::policy::Rule;

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

/// How the client wants its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A browser: an HTML page.
    Html,
    /// An API client: OpenAI-style JSON.
    OpenAi,
    /// An Anthropic API client: Anthropic-style JSON.
    Anthropic,
}

impl Style {
    /// HTML when the client accepts `text/html`; JSON otherwise, Anthropic-shaped for
    /// Anthropic hosts.
    pub fn for_request(headers: &HeaderMap, anthropic: bool) -> Style {
        let accepts_html = headers
            .get_all(http::header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.contains("text/html"));
        if accepts_html {
            Style::Html
        } else if anthropic {
            Style::Anthropic
        } else {
            Style::OpenAi
        }
    }
}

/// What a block answer tells.
#[derive(Clone, Debug)]
pub struct Stop<'a> {
    /// The incident id the staff member can quote.
    pub incident: &'a str,
    /// The service (registered or known) the request was for.
    pub service: &'a str,
    /// The rule that stopped it.
    pub rule: Rule,
    /// Kinds found and how many of each (acted on).
    pub kinds: Vec<(Kind, usize)>,
    /// Where the register is published (for "not approved").
    pub register_url: &'a str,
}

/// The Swedish name of a kind, in singular or plural.
pub fn kind_label(kind: Kind, count: usize) -> String {
    let one = count == 1;
    match kind {
        Kind::Personnummer => "personnummer".into(),
        Kind::Samordningsnummer => "samordningsnummer".into(),
        Kind::ConfidentialityMarker => if one {
            "sekretessmarkering"
        } else {
            "sekretessmarkeringar"
        }
        .into(),
        Kind::InternalMaterial => "internt material".into(),
        Kind::Sensitive(c) => format!("känslig uppgift ({})", category_label(c)),
        Kind::PersonName => "namn".into(),
        Kind::Phone => "telefonnummer".into(),
        Kind::Email => if one {
            "e-postadress"
        } else {
            "e-postadresser"
        }
        .into(),
        Kind::Address => if one { "adress" } else { "adresser" }.into(),
        Kind::Iban => "kontonummer (IBAN)".into(),
        Kind::Bankgiro => "bankgironummer".into(),
        Kind::PaymentCard => "kortnummer".into(),
    }
}

/// Why, in one Swedish sentence, and what to do instead.
fn explanation(stop: &Stop<'_>) -> (String, String) {
    match stop.rule {
        Rule::Personnummer | Rule::Samordningsnummer => (
            "Texten innehåller personnummer eller samordningsnummer, som inte får skickas till AI-tjänster.".into(),
            "Ta bort numret, eller ersätt det med en platshållare som [PERSONNUMMER], och skicka igen.".into(),
        ),
        Rule::ConfidentialityMarker => (
            "Texten är märkt som sekretessbelagd eller säkerhetsskyddsklassad. Sådana uppgifter får aldrig lämnas till AI-tjänster.".into(),
            "Använd inte AI-tjänsten för den här handlingen. Fråga din chef eller kommunens dataskyddsombud om du är osäker.".into(),
        ),
        Rule::InternalMaterial => (
            "Texten är märkt som internt material (till exempel arbetsmaterial, ett utkast, minnesanteckningar från ett internt möte eller en preliminär bedömning). Sådant får inte lämnas till AI-tjänster som inte är godkända för internt material.".into(),
            "Använd en AI-tjänst som kommunen har godkänt för internt material, eller vänta tills materialet är beslutat och publicerat.".into(),
        ),
        Rule::SensitiveWithIdentifier | Rule::SensitiveWithoutIdentifier => (
            "Texten innehåller känsliga personuppgifter tillsammans med uppgifter som pekar ut en person.".into(),
            "Avidentifiera texten: ta bort namn, personnummer, adresser, telefonnummer och andra uppgifter som kan peka ut personen, och skicka igen.".into(),
        ),
        Rule::Uninspectable => (
            "Innehållet kunde inte granskas (till exempel en bild, en okänd fil eller ett för stort meddelande) och stoppades därför.".into(),
            "Skicka innehållet som vanlig text, dela upp det i mindre delar, eller använd en tjänst som kommunen har godkänt för sådant material.".into(),
        ),
        Rule::NotApproved => (
            format!("AI-tjänsten {} är inte godkänd av kommunen.", stop.service),
            format!("Använd en AI-tjänst som kommunen har godkänt. Förteckningen finns på {}.", stop.register_url),
        ),
    }
}

/// The Swedish name of a policy rule.
pub fn rule_label(rule: Rule) -> &'static str {
    match rule {
        Rule::Personnummer => "personnummer får inte skickas",
        Rule::Samordningsnummer => "samordningsnummer får inte skickas",
        Rule::ConfidentialityMarker => "sekretessmarkerade handlingar får inte skickas",
        Rule::InternalMaterial => "internt material får inte skickas",
        Rule::SensitiveWithIdentifier => {
            "känsliga personuppgifter om en identifierbar person får inte skickas"
        }
        Rule::SensitiveWithoutIdentifier => "känsliga personuppgifter",
        Rule::Uninspectable => "innehåll som inte kan granskas stoppas",
        Rule::NotApproved => "endast godkända AI-tjänster får användas",
    }
}

/// The answer to a stopped request: 403 with a page or a JSON error.
pub fn stopped(stop: &Stop<'_>, style: Style) -> Response<ClientBody> {
    let (why, what) = explanation(stop);
    let code = match (stop.rule, stop.kinds.first()) {
        (Rule::NotApproved, _) => "not_approved".to_string(),
        (Rule::Uninspectable, _) => "uninspectable".to_string(),
        (_, Some((kind, _))) => kind.name().to_string(),
        (rule, None) => rule.as_str().to_string(),
    };
    let message = format!(
        "Stoppad av sluss: {why} {what} Ärende-id: {}.",
        stop.incident
    );
    match style {
        Style::Html => html(StatusCode::FORBIDDEN, &page(stop, &why, &what)),
        Style::OpenAi => json(
            StatusCode::FORBIDDEN,
            &serde_json::json!({"error": {
                "message": message,
                "type": "policy_violation",
                "code": code,
                "incident_id": stop.incident,
            }}),
        ),
        Style::Anthropic => json(
            StatusCode::FORBIDDEN,
            &serde_json::json!({
                "type": "error",
                "error": {"type": "permission_error", "message": message},
                "incident_id": stop.incident,
                "code": code,
            }),
        ),
    }
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
    match style {
        Style::Html => html(
            status,
            &simple_page("sluss kunde inte skicka förfrågan", &message),
        ),
        _ => json(
            status,
            &serde_json::json!({"error": {"message": message, "type": match fault {
                Fault::Downstream => "invalid_request_error",
                Fault::Upstream => "upstream_error",
                Fault::Internal => "internal_error",
            }}}),
        ),
    }
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
    let mut response = match style {
        Style::Html => html(
            StatusCode::SERVICE_UNAVAILABLE,
            &simple_page("sluss är upptagen", message),
        ),
        _ => json(
            StatusCode::SERVICE_UNAVAILABLE,
            &serde_json::json!({"error": {"message": message, "type": "overloaded_error"}}),
        ),
    };
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
        incident,
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
        incident,
        style,
    )
}

fn error_answer(
    status: StatusCode,
    message: &str,
    kind: &str,
    code: &str,
    incident: &str,
    style: Style,
) -> Response<ClientBody> {
    match style {
        Style::Html => html(
            status,
            &simple_page("sluss skickade inte förfrågan", message),
        ),
        Style::OpenAi => json(
            status,
            &serde_json::json!({"error": {"message": message, "type": kind, "code": code, "incident_id": incident}}),
        ),
        Style::Anthropic => json(
            status,
            &serde_json::json!({"type": "error", "error": {"type": kind, "message": message}, "incident_id": incident, "code": code}),
        ),
    }
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

fn page(stop: &Stop<'_>, why: &str, what: &str) -> String {
    let mut kinds = String::new();
    for (kind, count) in &stop.kinds {
        kinds.push_str(&format!(
            "<li>{count} × {}</li>",
            escape(&kind_label(*kind, *count))
        ));
    }
    let found = if kinds.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>Det här hittades</h2><ul>{kinds}</ul><p>Själva uppgifterna visas inte och sparas inte.</p>"
        )
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Stoppad av sluss</title><style>{STYLE}</style></head><body><main>\
<h1>Förfrågan stoppades</h1>\
<div class=\"box\" role=\"alert\"><p>{why}</p></div>\
<h2>Tjänst</h2><p>{service}</p>{found}\
<h2>Regel</h2><p>Kommunens AI-policy: {rule}.</p>\
<h2>Vad du kan göra</h2><p>{what}</p>\
<h2>Ärende-id</h2><p>Uppge <span class=\"id\">{id}</span> om du kontaktar IT-supporten eller informationssäkerhetsfunktionen.</p>\
</main><footer>sluss granskar trafik till AI-tjänster enligt kommunens AI-policy.</footer></body></html>",
        why = escape(why),
        service = escape(stop.service),
        rule = escape(rule_label(stop.rule)),
        what = escape(what),
        id = escape(stop.incident),
    )
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Category;

    fn stop() -> Stop<'static> {
        Stop {
            incident: "S-7K2M9Q",
            service: "OpenAI <API>",
            rule: Rule::SensitiveWithIdentifier,
            kinds: vec![
                (Kind::Sensitive(Category::Health), 1),
                (Kind::PersonName, 2),
            ],
            register_url: "http://127.0.0.1:3128/register",
        }
    }

    #[test]
    fn the_page_is_swedish_escaped_and_names_kinds_not_values() {
        let p = page(&stop(), "Varför", "Vad");
        assert!(p.contains("lang=\"sv\""));
        assert!(p.contains("OpenAI &lt;API&gt;"));
        assert!(p.contains("1 × känslig uppgift (hälsa)"));
        assert!(p.contains("2 × namn"));
        assert!(p.contains("S-7K2M9Q"));
        assert!(!p.contains("http://") || p.contains("127.0.0.1"));
        assert!(!p.contains("<script") && !p.contains("src="));
    }

    #[test]
    fn json_errors_carry_code_and_incident() {
        let r = stopped(&stop(), Style::OpenAi);
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = stopped(&stop(), Style::Anthropic);
        assert_eq!(
            r.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some("application/json")
        );
    }
}
