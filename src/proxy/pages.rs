//! sluss's own pages, for requests addressed to the proxy itself: the register of approved
//! services (HTML and JSON, for transparency, with what is and is not inspected for each),
//! the person's own latest stops ("Mina stopp"), the PAC file and the CA certificate.

use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderValue, Method, Request, Response, StatusCode};
use hyper::body::Incoming;

use super::coverage::{self, Coverage};
use super::respond::{self, ClientBody, escape, simple_page};
use super::{Peer, Runtime, Shared, mystops, pac};
use crate::audit::Month;
use crate::config::{HostPattern, Service};
use crate::policy::{Action, ServicePolicy};

/// Answers a request for one of sluss's own pages.
pub fn serve(
    shared: &Shared,
    runtime: &Runtime,
    peer: &Peer,
    request: &Request<Incoming>,
) -> Response<ClientBody> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = respond::html(
            StatusCode::METHOD_NOT_ALLOWED,
            &simple_page("Metoden stöds inte", "sluss sidor kan bara hämtas (GET)."),
        );
        response
            .headers_mut()
            .insert(http::header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let wants_json = request
        .headers()
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"));
    match request.uri().path() {
        "/" => respond::html(StatusCode::OK, &index()),
        "/register" if wants_json => register_json(shared, runtime),
        "/register" => respond::html(StatusCode::OK, &register_html(shared, runtime)),
        "/register.json" => register_json(shared, runtime),
        mystops::PATH if wants_json => mystops::json(shared, peer),
        mystops::PATH => mystops::page(shared, runtime, peer),
        mystops::JSON_PATH => mystops::json(shared, peer),
        "/proxy.pac" => typed(
            pac::render(&runtime.register, &runtime.config.proxy.pac_proxies).into_bytes(),
            "application/x-ns-proxy-autoconfig",
        ),
        "/ca.pem" => typed(
            shared.ca.cert_pem().as_bytes().to_vec(),
            "application/x-pem-file",
        ),
        "/ca.crt" => typed(shared.ca.cert_der().to_vec(), "application/x-x509-ca-cert"),
        _ => respond::html(
            StatusCode::NOT_FOUND,
            &simple_page(
                "Sidan finns inte",
                "sluss har sidorna /register, /mina-stopp, /proxy.pac och /ca.pem.",
            ),
        ),
    }
}

fn typed(body: Vec<u8>, content_type: &'static str) -> Response<ClientBody> {
    let mut response = Response::new(respond::full(body));
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn index() -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>sluss</title>\
<style>{}</style></head><body><main><h1>sluss</h1>\
<p>sluss granskar trafik till AI-tjänster enligt kommunens AI-policy.</p><ul>\
<li><a href=\"/register\">Godkända AI-tjänster</a> (förteckningen)</li>\
<li><a href=\"/mina-stopp\">Mina stopp</a> (dina senaste stoppade förfrågningar)</li>\
<li><a href=\"/proxy.pac\">Proxyinställningar (PAC-fil)</a></li>\
<li><a href=\"/ca.pem\">sluss CA-certifikat</a> (<a href=\"/ca.crt\">DER</a>)</li>\
</ul></main></body></html>",
        respond::STYLE
    )
}

/// The Swedish word for what a policy does.
fn action_label(action: Action) -> &'static str {
    match action {
        Action::Block => "stoppas",
        Action::Redact => "maskeras",
        Action::Allow => "tillåts",
        Action::Warn => "tillåts med en skriftlig motivering",
    }
}

fn policy_lines(policy: &ServicePolicy) -> Vec<(&'static str, Action)> {
    vec![
        ("Personnummer", policy.personnummer),
        ("Samordningsnummer", policy.samordningsnummer),
        (
            "Sekretessmarkerade handlingar",
            policy.confidentiality_marker,
        ),
        ("Internt material", policy.internal_material),
        (
            "Känsliga personuppgifter om en identifierbar person",
            policy.sensitive_with_identifier,
        ),
        (
            "Känsliga uppgifter utan identifierbar person",
            policy.sensitive_without_identifier,
        ),
        (
            "Möjliga personnummer (osäkra)",
            policy.low_confidence_identity_number,
        ),
        ("Innehåll som inte kan granskas", policy.uninspectable),
    ]
}

/// The months `/register` shows counts for (oldest first), when it shows them.
fn published_months(runtime: &Runtime) -> Option<Vec<Month>> {
    let page = &runtime.config.register_page;
    page.publish_counts
        .then(|| Month::of(std::time::SystemTime::now()).last(page.months))
}

/// A service's requests per month as a table (no person: totals only).
fn counts_html(shared: &Shared, service: &Service, months: &[Month]) -> String {
    let counts = shared.published.of(&service.name, months);
    let rows: String = months
        .iter()
        .zip(counts)
        .rev()
        .map(|(month, count)| {
            format!(
                "<tr><th scope=\"row\">{}</th><td data-month=\"{month}\">{count}</td></tr>",
                month.swedish()
            )
        })
        .collect();
    format!(
        "<table class=\"counts\"><caption>Förfrågningar per månad</caption>\
<thead><tr><th scope=\"col\">Månad</th><th scope=\"col\">Förfrågningar</th></tr></thead>\
<tbody>{rows}</tbody></table>"
    )
}

fn register_html(shared: &Shared, runtime: &Runtime) -> String {
    let services = runtime.register.services();
    let months = published_months(runtime);
    let mut body = String::new();
    if services.is_empty() {
        body.push_str("<p>Inga AI-tjänster är godkända ännu. Kontakta IT-avdelningen.</p>");
    }
    for (i, service) in services.iter().enumerate() {
        let counts = months
            .as_deref()
            .map(|m| counts_html(shared, service, m))
            .unwrap_or_default();
        body.push_str(&service_html(
            service,
            &runtime.register.upload_hosts(i),
            runtime.limits.max_bytes,
            &counts,
        ));
    }
    if months.is_some() {
        body.push_str(
            "<p>Antalen är förfrågningar som sluss har granskat, räknade per månad (svensk tid) \
och uppdaterade med jämna mellanrum. De säger ingenting om vem som har skickat dem.</p>",
        );
    }
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Godkända AI-tjänster</title><style>{style}</style></head><body><main>\
<h1>Godkända AI-tjänster</h1>\
<p>Kommunen får bara använda AI-tjänster som är godkända och förtecknade här. \
Personnummer, sekretessbelagda uppgifter och känsliga personuppgifter får aldrig lämnas till öppna AI-tjänster.</p>\
{body}<footer>Förteckningen finns också som <a href=\"/register.json\">JSON</a>.</footer></main></body></html>",
        style = respond::STYLE,
    )
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("<li>{}</li>", escape(item)))
        .collect()
}

fn coverage_html(coverage: &Coverage) -> String {
    let warning = coverage
        .warning
        .as_ref()
        .map(|w| format!("<p class=\"box\">{}</p>", escape(w)))
        .unwrap_or_default();
    format!(
        "<p>Granskas:</p><ul>{}</ul><p>Granskas inte:</p><ul>{}</ul><p>{}</p>{warning}",
        list(&coverage.inspected),
        list(&coverage.not_inspected),
        escape(&coverage.unread),
    )
}

fn service_html(
    service: &Service,
    uploads: &[HostPattern],
    max_bytes: usize,
    counts: &str,
) -> String {
    let row = |label: &str, value: Option<String>| match value {
        Some(v) => format!(
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            escape(&v)
        ),
        None => String::new(),
    };
    let hosts: Vec<String> = service.hosts.iter().map(ToString::to_string).collect();
    let uploads: Vec<String> = uploads.iter().map(ToString::to_string).collect();
    let policy: String = policy_lines(&service.policy)
        .into_iter()
        .map(|(what, action)| format!("<li>{what}: {}</li>", action_label(action)))
        .collect();
    format!(
        "<section><h2>{name}</h2><table>{hosts}{uploads}{paths}{owner}{purpose}{approved}{dpia}</table>\
<p>I det som granskas:</p><ul>{policy}</ul>{coverage}{counts}</section>",
        coverage = coverage_html(&coverage::of(service, max_bytes)),
        name = escape(&service.name),
        hosts = row("Adresser", Some(hosts.join(", "))),
        uploads = row(
            "Adresser för filuppladdning",
            (!uploads.is_empty()).then(|| uploads.join(", "))
        ),
        paths = row(
            "Sökvägar",
            (!service.paths.is_empty()).then(|| service.paths.join(", "))
        ),
        owner = row("Ansvarig", service.owner.clone()),
        purpose = row("Ändamål", service.purpose.clone()),
        approved = row("Godkänd", service.approved.map(|d| d.to_string())),
        dpia = row("Konsekvensbedömning (DPIA)", service.dpia.clone()),
    )
}

/// A service's requests per month, oldest first, as `[{"month","requests"}]`.
fn counts_json(shared: &Shared, service: &Service, months: &[Month]) -> serde_json::Value {
    let counts: Vec<serde_json::Value> = months
        .iter()
        .zip(shared.published.of(&service.name, months))
        .map(|(month, requests)| serde_json::json!({"month": month.to_string(), "requests": requests}))
        .collect();
    serde_json::Value::Array(counts)
}

fn register_json(shared: &Shared, runtime: &Runtime) -> Response<ClientBody> {
    let months = published_months(runtime);
    let services: Vec<serde_json::Value> = runtime
        .register
        .services()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let coverage = coverage::of(s, runtime.limits.max_bytes);
            let mut entry = serde_json::json!({
                "name": s.name,
                "hosts": s.hosts.iter().map(ToString::to_string).collect::<Vec<_>>(),
                "upload_hosts": runtime.register.upload_hosts(i).iter().map(ToString::to_string).collect::<Vec<_>>(),
                "paths": s.paths,
                "owner": s.owner,
                "purpose": s.purpose,
                "approved": s.approved.map(|d| d.to_string()),
                "dpia": s.dpia,
                "policy": {
                    "personnummer": s.policy.personnummer,
                    "samordningsnummer": s.policy.samordningsnummer,
                    "confidentiality_marker": s.policy.confidentiality_marker,
                    "internal_material": s.policy.internal_material,
                    "sensitive_with_identifier": s.policy.sensitive_with_identifier,
                    "sensitive_without_identifier": s.policy.sensitive_without_identifier,
                    "low_confidence_identity_number": s.policy.low_confidence_identity_number,
                    "uninspectable": s.policy.uninspectable,
                },
                "inspection": {
                    "inspected": coverage.inspected,
                    "not_inspected": coverage.not_inspected,
                    "unread": coverage.unread,
                    "warning": coverage.warning,
                },
            });
            if let Some(months) = &months {
                entry["requests_per_month"] = counts_json(shared, s, months);
            }
            entry
        })
        .collect();
    respond::json(StatusCode::OK, &serde_json::json!({ "services": services }))
}
