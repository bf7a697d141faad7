//! Warn and justify in an exchange (see [`super::super::justify`]): the warning with its
//! token (recorded as `warn`), the API client's retry with the token and the justification in
//! headers, and the browser's form that sends the held request (each recorded as
//! `justified`, with the justification, before the request is decided again with warnings
//! passed).

use bytes::Bytes;
use http::request::Parts;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;

use super::super::decision::Decision;
use super::super::justify::{self, FORM_PATH, Held, Pending, TEXT_HEADER, TOKEN_HEADER, body_hash};
use super::super::negotiate::Style;
use super::super::recent;
use super::super::respond::{self, ClientBody, Fault, STYLE, escape};
use super::Exchange;
use crate::audit::status::{MAX_COMMENT_CHARS, clean_comment};
use crate::audit::{EventAction, FollowUp, IncidentId, Record};
use crate::inspect::Inspection;
use crate::policy::{self, Action, Rule};

/// The largest justification form read.
const MAX_FORM_BYTES: usize = 16 * 1024;

impl Exchange<'_> {
    /// The host, method and path a token is bound to.
    fn justify_target(&self) -> (String, String, String) {
        (
            self.host().to_string(),
            self.method.clone(),
            self.path.clone(),
        )
    }

    /// A request a `warn` rule holds: recorded as `warn`, answered with a token (a browser:
    /// the interstitial, holding the request to send it once justified).
    pub(super) async fn warn(
        self,
        index: usize,
        parts: Parts,
        body: Bytes,
        inspection: &Inspection,
        rule: Rule,
        style: Style,
    ) -> Response<ClientBody> {
        let service = &self.runtime.register.services()[index];
        let name = service.name.clone();
        let decision = Decision::from_inspection(rule, inspection, service.policy.min_confidence);
        let style = style.for_body(&parts.headers, &parts.uri, &parts.method, &body);
        let answered = Some(match style {
            Style::Html => super::Answered::Page,
            _ => super::Answered::Json,
        });
        let Some(recorded) = self
            .record(Some(&name), Action::Warn, &decision, answered)
            .await
        else {
            return respond::failure(Fault::Internal, self.host(), style);
        };
        let token = self.hold(recorded.id.clone(), rule, &parts, body, style);
        tracing::info!(incident = %recorded.id, client = %self.peer.ip, host = self.host(), rule = rule.as_str(), "warned; the request is held for a justification");
        let (kinds, _) = decision.kinds();
        match style {
            Style::Html => respond::html(
                StatusCode::FORBIDDEN,
                &interstitial(&name, rule, &kinds, recorded.id.as_str(), &token),
            ),
            _ => warning_json(&name, rule, recorded.id.as_str(), &token),
        }
    }

    /// Keeps the warned request for a justification (a browser's with its body, to send it
    /// from the form) and returns its token.
    fn hold(
        &self,
        incident: IncidentId,
        rule: Rule,
        parts: &Parts,
        body: Bytes,
        style: Style,
    ) -> String {
        let mut pending = Pending::new(
            incident,
            recent::person(&self.peer),
            self.justify_target(),
            &body,
            rule,
        );
        if style == Style::Html {
            pending.held = Some(Held {
                method: parts.method.clone(),
                uri: parts.uri.clone(),
                version: parts.version,
                headers: parts.headers.clone(),
                body,
            });
        }
        self.shared().justifications.issue(pending)
    }

    /// An API client's retry with [`TOKEN_HEADER`] and [`TEXT_HEADER`]: the same person, host,
    /// method, path and body within the time allowed, and a justification that holds nothing
    /// the policy stops; then recorded and decided again with warnings passed.
    pub(super) async fn justified_retry(
        self,
        index: usize,
        mut parts: Parts,
        body: Bytes,
        style: Style,
    ) -> Response<ClientBody> {
        let token = header_text(&parts, TOKEN_HEADER);
        let text = header_text(&parts, TEXT_HEADER);
        parts.headers.remove(TOKEN_HEADER);
        parts.headers.remove(TEXT_HEADER);
        let justification = match self.check_justification(index, &text) {
            Ok(text) => text,
            Err(message) => return refused("justification_refused", message, style),
        };
        let target = self.justify_target();
        let person = recent::person(&self.peer);
        let hash = body_hash(&body);
        let taken = self
            .shared()
            .justifications
            .take(&token, &person, &target, Some(&hash));
        let pending = match taken {
            Ok(pending) => pending,
            Err(refusal) => {
                tracing::info!(client = %self.peer.ip, host = self.host(), refusal = refusal.code(), "justification token refused");
                return refused(refusal.code(), refusal.message(), style);
            }
        };
        if !self.record_justified(index, &pending, justification).await {
            return respond::failure(Fault::Internal, self.host(), style);
        }
        self.decided(index, parts, body, style, true).await
    }

    /// The interstitial's form ([`FORM_PATH`]): the token and the justification; the held
    /// request is then recorded and decided again with warnings passed, and its answer is
    /// the answer to the form.
    pub(super) async fn justified_form(
        self,
        index: usize,
        request: Request<Incoming>,
        style: Style,
    ) -> Response<ClientBody> {
        let Some((token, text)) = read_form(request).await else {
            return refused("justification_refused", "Formuläret är för stort.", style);
        };
        let justification = match self.check_justification(index, &text) {
            Ok(text) => text,
            Err(message) => return refused("justification_refused", message, style),
        };
        let person = recent::person(&self.peer);
        let taken = self
            .shared()
            .justifications
            .take(&token, &person, &self.held_target(), None);
        let mut pending = match taken {
            Ok(pending) => pending,
            Err(refusal) => return refused(refusal.code(), refusal.message(), style),
        };
        let Some(held) = pending.held.take() else {
            let message = "Förfrågan hölls inte kvar. Skicka den igen från tjänsten och skriv motiveringen på nytt.";
            return refused("justification_not_held", message, style);
        };
        if !self.record_justified(index, &pending, justification).await {
            return respond::failure(Fault::Internal, self.host(), style);
        }
        let Ok(request) = rebuild(&held) else {
            return respond::failure(Fault::Internal, self.host(), style);
        };
        let (parts, ()) = request.into_parts();
        let mut exchange = self;
        exchange.method = held.method.to_string();
        exchange.path = held.uri.path().to_string();
        exchange
            .decided(index, parts, held.body, Style::Html, true)
            .await
    }

    /// The target a held request's token must be bound to: this host, any method and path
    /// (the form posts to [`FORM_PATH`], not to the request's own path); checked by
    /// [`justify::Justifications::take`] against the pending request's own target.
    fn held_target(&self) -> (String, String, String) {
        (self.host().to_string(), String::new(), String::new())
    }

    /// The justification as kept, or why it is refused (Swedish): empty, too long, or holding
    /// what the policy stops even with warnings passed.
    fn check_justification(&self, index: usize, raw: &str) -> Result<String, &'static str> {
        if raw.chars().count() > MAX_COMMENT_CHARS {
            return Err("Motiveringen är för lång. Skriv högst 1000 tecken.");
        }
        let Some(text) = clean_comment(raw) else {
            return Err("Skriv en kort motivering till varför förfrågan behöver skickas.");
        };
        let policy = self.runtime.register.services()[index].policy.justified();
        for part in [raw, text.as_str()] {
            let findings = self.runtime.detectors.scan(part);
            if policy::decide(&policy, &findings).action() != Action::Allow {
                return Err(
                    "Motiveringen innehåller uppgifter som inte får skickas. Skriv den med egna ord, utan att klistra in innehållet.",
                );
            }
        }
        Ok(text)
    }

    /// Records that `pending` was sent with `justification`; false when the record could not
    /// be written (then nothing is sent).
    async fn record_justified(
        &self,
        index: usize,
        pending: &Pending,
        justification: String,
    ) -> bool {
        let mut record = Record::follow_up(FollowUp {
            incident: IncidentId::new(pending.incident.as_str()),
            time: std::time::SystemTime::now(),
            action: EventAction::Justified,
            client: self.peer.ip,
            user: self.peer.user.clone(),
            service: Some(self.service_name(index)),
            host: self.host().to_string(),
            status: None,
            comment: Some(justification),
        });
        record.event.reason = pending.rule.as_str().to_string();
        record.url.path = pending.target.2.clone();
        record.http.request.method = pending.target.1.clone();
        match self.shared().audit.append(record).await {
            Ok(()) => {
                self.shared()
                    .metrics
                    .traffic
                    .justified(&self.service_name(index));
                tracing::info!(incident = %pending.incident, client = %self.peer.ip, host = self.host(), "sent with a justification");
                true
            }
            Err(e) => {
                self.shared().metrics.audit_failures.inc();
                tracing::error!(error = %e, host = self.host(), "could not write the justification record");
                false
            }
        }
    }
}

/// The interstitial form's token and justification; `None` when it is too large to read.
async fn read_form(request: Request<Incoming>) -> Option<(String, String)> {
    let form = Limited::new(request.into_body(), MAX_FORM_BYTES)
        .collect()
        .await
        .ok()?
        .to_bytes();
    let field = |name: &str| {
        form_urlencoded::parse(&form)
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned())
            .last()
            .unwrap_or_default()
    };
    Some((field("token"), field("justification")))
}

/// A header's value as UTF-8 text (empty when absent or not UTF-8).
fn header_text(parts: &Parts, name: &str) -> String {
    parts
        .headers
        .get(name)
        .and_then(|v| String::from_utf8(v.as_bytes().to_vec()).ok())
        .unwrap_or_default()
}

/// The held request again.
fn rebuild(held: &Held) -> Result<Request<()>, http::Error> {
    let mut request = Request::builder()
        .method(held.method.clone())
        .uri(held.uri.clone())
        .version(held.version)
        .body(())?;
    *request.headers_mut() = held.headers.clone();
    Ok(request)
}

/// A refused justification: 403, Swedish, as a page or JSON.
fn refused(code: &str, message: &str, style: Style) -> Response<ClientBody> {
    match style {
        Style::Html => respond::html(
            StatusCode::FORBIDDEN,
            &respond::simple_page("Förfrågan skickades inte", message),
        ),
        _ => respond::json(
            StatusCode::FORBIDDEN,
            &serde_json::json!({"error": {"message": message, "type": "policy_warning", "code": code}}),
        ),
    }
}

/// The Swedish reason for a warning by `rule`.
fn reason(rule: Rule) -> &'static str {
    match rule {
        Rule::SensitiveWithoutIdentifier => {
            "Texten verkar innehålla känsliga uppgifter (till exempel om hälsa), men ingen person pekas ut."
        }
        Rule::SensitiveWithIdentifier => {
            "Texten verkar innehålla känsliga personuppgifter om en person som kan pekas ut."
        }
        Rule::InternalMaterial => {
            "Texten verkar vara internt material (till exempel ett utkast eller arbetsmaterial)."
        }
        Rule::Personnummer | Rule::Samordningsnummer => {
            "Texten verkar innehålla ett personnummer eller samordningsnummer."
        }
        Rule::LowConfidenceIdentityNumber => {
            "Texten innehåller ett nummer som kan vara ett personnummer eller samordningsnummer."
        }
        Rule::ConfidentialityMarker => "Texten verkar vara märkt som sekretessbelagd.",
        Rule::Uninspectable | Rule::NotApproved => {
            "Förfrågan behöver en motivering enligt kommunens AI-policy."
        }
    }
}

/// The 403 an API client gets: the reason, the incident and the one-time token.
fn warning_json(service: &str, rule: Rule, incident: &str, token: &str) -> Response<ClientBody> {
    let message = format!(
        "Varning från sluss: {} Vill du skicka förfrågan till {service} ändå, skicka den igen \
oförändrad inom {} med rubrikerna {TOKEN_HEADER} (koden) och {TEXT_HEADER} (en kort \
motivering). Ärende-id: {incident}.",
        reason(rule),
        crate::swedish::count(
            usize::try_from(justify::DEFAULT_TTL.as_secs() / 60).unwrap_or(0),
            "minut",
            "minuter"
        ),
    );
    let mut response = respond::json(
        StatusCode::FORBIDDEN,
        &serde_json::json!({"error": {
            "message": message,
            "type": "policy_warning",
            "code": "justification_required",
            "rule": rule.as_str(),
            "incident_id": incident,
            "justification_token": token,
            "justification_header": TEXT_HEADER,
            "token_header": TOKEN_HEADER,
        }}),
    );
    if let Ok(id) = http::HeaderValue::from_str(incident) {
        response.headers_mut().insert("x-sluss-incident", id);
    }
    response
}

/// The interstitial a browser gets: the reason, what was found, and a form to send anyway
/// with a justification (posted to [`FORM_PATH`] on the same host).
fn interstitial(
    service: &str,
    rule: Rule,
    kinds: &[(crate::detect::Kind, usize)],
    incident: &str,
    token: &str,
) -> String {
    let found = if kinds.is_empty() {
        String::new()
    } else {
        format!(
            "<p>Hittat: {} (uppgifterna visas inte).</p>",
            escape(&super::super::blocked::kinds_text(kinds))
        )
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Varning från sluss</title><style>{STYLE}</style></head><body><main>\
<h1>Vill du skicka det här?</h1>\
<div class=\"box\" role=\"alert\"><p>{why}</p></div>{found}\
<p>Förfrågan till {service} har inte skickats. Kommunens AI-policy tillåter att den skickas om \
du skriver en kort motivering. Motiveringen sparas i loggen tillsammans med ärende-id \
<span class=\"id\">{incident}</span> och kan granskas av informationssäkerhetsfunktionen.</p>\
<form method=\"post\" action=\"{FORM_PATH}\">\
<input type=\"hidden\" name=\"token\" value=\"{token}\">\
<label for=\"justification\">Motivering (högst {MAX_COMMENT_CHARS} tecken; klistra inte in \
texten igen):</label>\
<textarea id=\"justification\" name=\"justification\" rows=\"3\" maxlength=\"{MAX_COMMENT_CHARS}\" required></textarea>\
<button type=\"submit\">Skicka ändå</button></form>\
<p>Vill du inte skicka den, gå tillbaka och ändra texten. Erbjudandet gäller i {minutes}.</p>\
</main></body></html>",
        why = escape(reason(rule)),
        service = escape(service),
        incident = escape(incident),
        token = escape(token),
        minutes = crate::swedish::count(
            usize::try_from(justify::DEFAULT_TTL.as_secs() / 60).unwrap_or(0),
            "minut",
            "minuter"
        ),
    )
}
