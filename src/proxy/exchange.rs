//! One intercepted request, from routing to answer. The phases, in order:
//!
//! 1. **route**: the host is an approved service, a known AI service that is not approved, or
//!    other traffic (after a reload, or for plain-HTTP absolute-form requests);
//! 2. **check**: headers that sluss and the upstream could read differently are refused;
//! 3. **read**: the body up to `max_body_bytes`, in room taken from the body budget (over the
//!    limit it is uninspectable);
//! 4. **inspect**: decode, extract, scan body and URL, decide under the service's policy;
//! 5. **record**: stopped and redacted requests, and everything let through uninspected, go to
//!    the audit log before anything else;
//! 6. **answer**: a Swedish block page or JSON error, or forward (the original bytes or the
//!    redacted body) and stream the response back.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::request::Parts;
use http::{Request, Response};
use hyper::body::Incoming;

use super::blocked::{self, Links};
use super::budget::Reservation;
use super::collect::{CollectError, Collected, Prefixed, collect};
use super::cors::{self, Cors};
use super::decision::{self, Decision};
use super::drain::Ticket;
use super::forward::{self, Target, Timeouts};
use super::incident::{self, Recorded, Report, Stopping};
use super::inspection::{self, Subject};
use super::negotiate::{self, Answered};
use super::respond::{self, ClientBody, Fault, Style};
use super::{Peer, Runtime, Shared, framing, recent};
use crate::config::{OtherTraffic, Route, register::normalize_host};
use crate::detect::Kind;
use crate::inspect::{Inspection, Outcome};
use crate::policy::{Action, Rule, Verdict};

// The WebSocket branch: a child module, so that it records through the same private
// `Exchange` methods as requests do.
#[path = "websocket_exchange.rs"]
mod websocket_exchange;
// Warn and justify, likewise.
#[path = "justify_exchange.rs"]
mod justify_exchange;
pub use websocket_exchange::Opened;

/// The client side of one intercepted connection (or one absolute-form request).
#[derive(Clone)]
pub struct Conn {
    /// Shared state.
    pub shared: Arc<Shared>,
    /// Who is connected.
    pub peer: Peer,
    /// Where its requests go.
    pub target: Target,
    /// The client connection's place (a WebSocket relay keeps it).
    pub ticket: Arc<Ticket>,
}

/// Answers one request on `conn`. Never fails: every problem becomes an answer.
pub async fn handle(conn: Arc<Conn>, request: Request<Incoming>) -> Response<ClientBody> {
    let runtime = conn.shared.runtime.load_full();
    let exchange = Exchange::new(&conn, runtime, &request);
    if !addressed_to(&request, &conn.target) {
        return respond::misdirected();
    }
    let cors = exchange.cors.clone();
    let mut response = match exchange.runtime.register.route(&conn.target.host) {
        Route::Approved(i) => exchange.approved(i, request, false).await,
        Route::Upload(i) => exchange.approved(i, request, true).await,
        Route::NotApproved(k) => exchange.not_approved(k, &request).await,
        // Other traffic: the upstream's answers, and sluss's refusals, as they are.
        Route::Other => return exchange.other(request).await,
    };
    if response.extensions().get::<Forwarded>().is_none() {
        cors.apply(&mut response);
    }
    response
}

/// Marks a response that came from the upstream (sluss adds no CORS headers of its own to it).
#[derive(Clone, Copy, Debug)]
struct Forwarded;

/// The request's host (URI authority or `Host`) is the connection's target. A browser that
/// reuses an HTTP/2 connection for another host gets 421 and opens a new one.
fn addressed_to(request: &Request<Incoming>, target: &Target) -> bool {
    let host = match request.uri().host() {
        Some(host) => host.to_string(),
        None => match request
            .headers()
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<http::uri::Authority>().ok())
        {
            Some(authority) => authority.host().to_string(),
            None => return !request.headers().contains_key(header::HOST),
        },
    };
    normalize_host(host.trim_start_matches('[').trim_end_matches(']')) == target.host
}

/// The only port plain-HTTP other traffic goes to (tunnels: 443), as for CONNECT.
const HTTP_PORT: u16 = 80;

/// One request being answered.
struct Exchange<'a> {
    conn: &'a Conn,
    runtime: Arc<Runtime>,
    peer: Peer,
    method: String,
    path: String,
    /// CORS for sluss's own answers.
    cors: Cors,
    /// The host of the page that sent the request (`Origin`, else `Referer`).
    page: Option<String>,
    /// When the whole body of an inspected request was read: the start of the latency sluss
    /// adds (observed when the request is sent on, or when the answer to its stop is ready).
    body_read: OnceLock<Instant>,
}

impl<'a> Exchange<'a> {
    fn new(conn: &'a Conn, runtime: Arc<Runtime>, request: &Request<Incoming>) -> Exchange<'a> {
        let mut peer = conn.peer.clone();
        if let Some(user) = super::front::user_of(&runtime, request.headers()) {
            peer.user = Some(user);
        }
        let headers = request.headers();
        Exchange {
            conn,
            peer,
            method: request.method().to_string(),
            path: request.uri().path().to_string(),
            cors: Cors::of(headers, &runtime.register, &conn.target.host),
            page: page_host(headers),
            runtime,
            body_read: OnceLock::new(),
        }
    }

    /// Observes the latency added to an inspected request (once; nothing for other requests).
    fn observe_added(&self) {
        if let Some(read) = self.body_read.get() {
            self.shared().metrics.added.observe(read.elapsed());
        }
    }

    fn shared(&self) -> &Arc<Shared> {
        &self.conn.shared
    }

    fn host(&self) -> &str {
        &self.conn.target.host
    }

    fn service_name(&self, index: usize) -> String {
        self.runtime.register.services()[index].name.clone()
    }

    /// sluss's pages that answers link to: the register and the person's latest stops.
    fn addresses(&self) -> (String, String) {
        let public = &self.runtime.config.proxy.public_address;
        (
            format!("http://{public}/register"),
            format!("http://{public}{}", super::mystops::PATH),
        )
    }

    /// A registered service, or one of its upload hosts (`upload`): check the path (not on
    /// upload hosts, whose paths are presigned blob names) and the headers, then read, inspect,
    /// record and answer. An upload's body is inspected as the file it is, by its content type
    /// and its bytes, under the service's policy. A page load first shows the explanation of a
    /// stop the app showed only as an error, if one is waiting.
    async fn approved(
        self,
        index: usize,
        request: Request<Incoming>,
        upload: bool,
    ) -> Response<ClientBody> {
        let service = &self.runtime.register.services()[index];
        let style = Style::for_request(request.headers(), service.api);
        let name = service.name.clone();
        let preflight = negotiate::is_preflight(request.method(), request.headers());
        if self.path == super::justify::FORM_PATH && request.method() == http::Method::POST {
            return self.justified_form(index, request, style).await;
        }
        if !upload && !service.allows_path(&self.path) {
            if preflight {
                return self.cors.preflight(request.headers());
            }
            let stop = Decision::stop(Rule::NotApproved);
            return self.stop(Some(&name), &name, stop, style).await;
        }
        if negotiate::is_page_load(request.method(), request.headers())
            && let Some(response) = self.notice(request.uri())
        {
            return response;
        }
        if let Err(ambiguity) = framing::check(request.headers()) {
            return self.ambiguous(&name, &ambiguity, style).await;
        }
        if forward::is_websocket(request.headers()) {
            return self.websocket_upgrade(index, request, style).await;
        }
        let (parts, body) = request.into_parts();
        let proxy = &self.runtime.config.proxy;
        let mut room = Reservation::new(
            self.shared().budget.clone(),
            proxy.body_budget_bytes,
            proxy.body_budget_wait,
        );
        let (limit, idle) = (self.runtime.limits.max_bytes, proxy.idle_timeout);
        match collect(body, limit, idle, &mut room).await {
            Ok(Collected::Complete(bytes)) => self.inspected(index, parts, bytes, style).await,
            Ok(Collected::TooLarge(body)) => {
                let style = style.for_body(&parts.headers, &parts.uri, &parts.method, &[]);
                self.too_large(index, parts, body, style).await
            }
            Err(e) => self.not_read(&e, style),
        }
    }

    /// The explanation of a stop that this person's app showed only as an error, on their
    /// first page load on this host since (taken: shown once).
    fn notice(&self, uri: &http::Uri) -> Option<Response<ClientBody>> {
        let person = recent::person(&self.peer);
        let stop =
            self.shared()
                .recent
                .take_notice(&person, self.host(), std::time::Instant::now())?;
        let (register, stops) = self.addresses();
        let links = Links {
            register: &register,
            stops: &stops,
            support: &self.runtime.config.support,
        };
        let again = uri.path_and_query().map_or("/", |p| p.as_str());
        tracing::info!(incident = %stop.incident, client = %self.peer.ip, host = self.host(), "showed a stop on the next page load");
        Some(blocked::notice(&stop, &links, again))
    }

    /// A body that could not be read: 503 when the budget had no room, else 400.
    fn not_read(&self, error: &CollectError, style: Style) -> Response<ClientBody> {
        if let CollectError::Budget(_) = error {
            self.shared().metrics.refused.add(&["body_budget"], 1);
            tracing::warn!(host = self.host(), client = %self.peer.ip, error = %error, "no room for the request body: answered 503");
            return respond::body_budget_exhausted(style);
        }
        tracing::info!(host = self.host(), client = %self.peer.ip, error = %error, "request body not read");
        respond::failure(Fault::Downstream, self.host(), style)
    }

    /// Headers that could be read two ways: refused with 400 and recorded.
    async fn ambiguous(
        &self,
        name: &str,
        ambiguity: &framing::Ambiguity,
        style: Style,
    ) -> Response<ClientBody> {
        self.shared().metrics.refused.add(&["ambiguous_headers"], 1);
        let stop = Decision::with_reason(Rule::Uninspectable, decision::AMBIGUOUS_HEADERS);
        let answered = Some(error_answered(style));
        let incident = self
            .record(Some(name), Action::Block, &stop, answered)
            .await;
        let incident = incident.map_or_else(|| "–".to_string(), |r| r.id.to_string());
        tracing::warn!(
            incident = %incident, client = %self.peer.ip, host = self.host(), problem = %ambiguity,
            "refused a request with ambiguous headers"
        );
        respond::ambiguous_headers(&incident, style)
    }

    /// Inspects a complete body and acts on the outcome; a retry with a justification token
    /// is checked first (see [`super::justify`]).
    async fn inspected(
        self,
        index: usize,
        parts: Parts,
        body: Bytes,
        style: Style,
    ) -> Response<ClientBody> {
        let _ = self.body_read.set(Instant::now());
        if parts.headers.contains_key(super::justify::TOKEN_HEADER) {
            return self.justified_retry(index, parts, body, style).await;
        }
        self.decided(index, parts, body, style, false).await
    }

    /// Inspects a complete body (`justified`: under the policy with warnings passed) and acts
    /// on the outcome.
    async fn decided(
        self,
        index: usize,
        parts: Parts,
        body: Bytes,
        style: Style,
        justified: bool,
    ) -> Response<ClientBody> {
        let name = self.service_name(index);
        let user_header = self.runtime.config.proxy.user_header.as_deref();
        let subject = Subject::new(&parts.headers, &parts.uri, body.clone(), user_header);
        let run = inspection::run_as(self.shared(), &self.runtime, index, subject, justified);
        let inspection = match run.await {
            Ok(inspection) => inspection,
            Err(e) => return self.inspection_failed(&name, &e, style).await,
        };
        self.count(&name, &inspection);
        match &inspection.outcome {
            Outcome::Block { .. } if negotiate::is_preflight(&parts.method, &parts.headers) => {
                // The request itself follows the preflight and is stopped with an answer the
                // page can read; the preflight is neither forwarded nor recorded.
                self.cors.preflight(&parts.headers)
            }
            Outcome::Block { rule } => {
                let threshold = self.runtime.register.services()[index]
                    .policy
                    .min_confidence;
                let stop = Decision::from_inspection(*rule, &inspection, threshold);
                let style = style.for_body(&parts.headers, &parts.uri, &parts.method, &body);
                self.stop(Some(&name), &name, stop, style).await
            }
            Outcome::Warn { .. } if negotiate::is_preflight(&parts.method, &parts.headers) => {
                self.cors.preflight(&parts.headers)
            }
            Outcome::Warn { rule } => {
                let rule = *rule;
                self.warn(index, parts, body, &inspection, rule, style)
                    .await
            }
            Outcome::Replace { .. } => self.redacted(index, parts, inspection, style).await,
            Outcome::Forward => {
                if !self.record_allowed(&name, &inspection).await {
                    return respond::failure(Fault::Internal, self.host(), style);
                }
                self.forward(parts, forward::full_body(body), style).await
            }
        }
    }

    /// Records an allowed request: always when it went uninspected (the policy let an
    /// unreadable body through), otherwise with `log_allowed`. False when a required record
    /// could not be written (then nothing is forwarded).
    async fn record_allowed(&self, name: &str, inspection: &Inspection) -> bool {
        if let Some(why) = &inspection.uninspectable {
            let pass = Decision::allowed(inspection, &decision::uninspected_reason(why));
            return self
                .record(Some(name), Action::Allow, &pass, None)
                .await
                .is_some();
        }
        if self.runtime.config.audit.log_allowed {
            let everything = Decision::allowed(inspection, "allowed");
            let _ = self
                .record(Some(name), Action::Allow, &everything, None)
                .await;
        }
        true
    }

    /// The inspection failed (a panic, a bug in sluss): 500, recorded, nothing forwarded.
    async fn inspection_failed(
        &self,
        name: &str,
        error: &inspection::Failed,
        style: Style,
    ) -> Response<ClientBody> {
        self.shared().metrics.inspection_failures.inc();
        let stop = Decision::with_reason(Rule::Uninspectable, decision::INSPECTION_FAILED);
        let answered = Some(error_answered(style));
        let incident = self
            .record(Some(name), Action::Block, &stop, answered)
            .await;
        let incident = incident.map_or_else(|| "–".to_string(), |r| r.id.to_string());
        tracing::error!(
            incident = %incident, client = %self.peer.ip, host = self.host(), error = %error,
            "inspection failed; the request was not forwarded"
        );
        respond::inspection_failed(&incident, style)
    }

    /// Counts the request, its findings and the inspection time.
    fn count(&self, service: &str, inspection: &Inspection) {
        let metrics = &self.shared().metrics;
        let action = inspection.outcome.action();
        if inspection.uninspectable.is_some() {
            metrics.count_uninspectable(service, action);
        } else {
            metrics.count_request(service, action);
        }
        metrics.inspection.observe(inspection.elapsed);
        metrics.count_findings(inspection.findings.iter().map(|f| f.kind));
        let sensitive = inspection
            .findings
            .iter()
            .any(|f| matches!(f.kind, Kind::Sensitive(_)));
        if sensitive && inspection.outcome == Outcome::Forward {
            metrics.sensitive_unidentified.inc();
        }
    }

    /// Forwards the redacted body after recording the redaction.
    async fn redacted(
        self,
        index: usize,
        mut parts: Parts,
        inspection: Inspection,
        style: Style,
    ) -> Response<ClientBody> {
        let rule = match &inspection.verdict {
            Verdict::Redact { rules, .. } => rules.first().copied().unwrap_or(Rule::Personnummer),
            _ => Rule::Personnummer,
        };
        let service = &self.runtime.register.services()[index];
        let name = service.name.clone();
        let decision = Decision::from_inspection(rule, &inspection, service.policy.min_confidence);
        if self
            .record(Some(&name), Action::Redact, &decision, None)
            .await
            .is_none()
        {
            // No forwarding without its audit record.
            return respond::failure(Fault::Internal, self.host(), style);
        }
        let Outcome::Replace {
            body,
            redactions,
            content_type,
        } = inspection.outcome
        else {
            return respond::failure(Fault::Internal, self.host(), style);
        };
        replace_body_headers(&mut parts.headers, body.len(), content_type.as_deref());
        let mut response = self
            .forward(parts, forward::full_body(body.into()), style)
            .await;
        response
            .headers_mut()
            .insert("x-sluss-redacted", HeaderValue::from(redactions));
        cors::expose_redacted(&mut response);
        response
    }

    /// A body over the limit: stopped, unless the policy lets uninspectable bodies through
    /// (then recorded as such and forwarded whole).
    async fn too_large(
        self,
        index: usize,
        parts: Parts,
        body: Prefixed<Incoming>,
        style: Style,
    ) -> Response<ClientBody> {
        if !self.passes_uninspected(index) {
            return self.stop_uninspectable(index, style, "too_large").await;
        }
        let name = self.service_name(index);
        let pass = Decision::with_reason(Rule::Uninspectable, decision::PASSED_TOO_LARGE)
            .because("too_large");
        if self
            .record(Some(&name), Action::Allow, &pass, None)
            .await
            .is_none()
        {
            return respond::failure(Fault::Internal, self.host(), style);
        }
        self.forward(parts, forward::boxed(body), style).await
    }

    /// Whether traffic sluss cannot inspect (a body over the limit) may pass to service
    /// `index`: its `uninspectable` policy decides. Counted either way.
    fn passes_uninspected(&self, index: usize) -> bool {
        let service = &self.runtime.register.services()[index];
        let passes = service.policy.uninspectable == Action::Allow;
        let action = if passes { Action::Allow } else { Action::Block };
        self.shared()
            .metrics
            .count_uninspectable(&service.name, action);
        passes
    }

    /// Stops uninspectable traffic to service `index` (`why`: `too_large`, `websocket`), with
    /// an audit record.
    async fn stop_uninspectable(
        self,
        index: usize,
        style: Style,
        why: &'static str,
    ) -> Response<ClientBody> {
        let name = self.service_name(index);
        let stop = Decision::stop(Rule::Uninspectable).because(why);
        self.stop(Some(&name), &name, stop, style).await
    }

    /// A known AI service that is not in the register. A preflight is answered by sluss, so
    /// that the request itself follows and gets the readable "not approved" answer.
    async fn not_approved(self, known: usize, request: &Request<Incoming>) -> Response<ClientBody> {
        let headers = request.headers();
        if negotiate::is_preflight(request.method(), headers) {
            return self.cors.preflight(headers);
        }
        let service = &self.runtime.register.known()[known];
        let style = Style::for_request(headers, service.api);
        let name = service.name.clone();
        self.shared().metrics.not_approved.add(&[&name], 1);
        let stop = Decision::stop(Rule::NotApproved);
        self.stop(None, &name, stop, style).await
    }

    /// Neither registered nor known (a reload removed it, or plain HTTP to another host):
    /// refused under `deny`, else forwarded to the web's port only (as CONNECT) and only to an
    /// allowed destination (checked when connecting).
    async fn other(self, request: Request<Incoming>) -> Response<ClientBody> {
        let style = Style::for_request(request.headers(), crate::patterns::ApiFamily::Generic);
        let metrics = &self.shared().metrics;
        if self.runtime.config.proxy.other_traffic == OtherTraffic::Deny {
            metrics.refused.add(&["other_traffic"], 1);
            return respond::refused(respond::OTHER_TRAFFIC_DENIED);
        }
        let target = &self.conn.target;
        let port = if target.tls {
            super::connect::TUNNEL_PORT
        } else {
            HTTP_PORT
        };
        if target.port != port {
            metrics.refused.add(&["port"], 1);
            tracing::info!(client = %self.peer.ip, host = self.host(), port = target.port, "refused other traffic to a port that is not the web's");
            return respond::port_refused(target.tls);
        }
        let (parts, body) = request.into_parts();
        self.forward(parts, forward::boxed(body), style).await
    }

    fn timeouts(&self) -> Timeouts {
        let upstream = &self.runtime.config.upstream;
        Timeouts {
            response: upstream.response_timeout,
            body_idle: upstream.body_idle_timeout,
        }
    }

    /// Sends the request upstream and streams the answer back.
    async fn forward(
        &self,
        parts: Parts,
        body: super::upstream::UpstreamBody,
        style: Style,
    ) -> Response<ClientBody> {
        let private = self.runtime.config.proxy.user_header.as_deref();
        let request = match forward::upstream_request(&self.conn.target, parts, body, private) {
            Ok(request) => request,
            Err(_) => return respond::failure(Fault::Downstream, self.host(), style),
        };
        self.observe_added();
        match forward::send(&self.runtime.client, request, self.timeouts()).await {
            Ok(mut response) => {
                response.extensions_mut().insert(Forwarded);
                response
            }
            Err(e) => self.upstream_failed(&e, style),
        }
    }

    /// 403 for a refused destination, else 502.
    fn upstream_failed(
        &self,
        error: &forward::UpstreamError,
        style: Style,
    ) -> Response<ClientBody> {
        let metrics = &self.shared().metrics;
        if let Some((host, addr, reason)) = error.refusal() {
            metrics.refused.add(&["destination"], 1);
            tracing::warn!(
                client = %self.peer.ip, host, %addr, %reason,
                "refused a request to a destination sluss does not connect to"
            );
            return respond::destination_refused();
        }
        metrics.upstream_errors.inc();
        tracing::warn!(host = self.host(), client = %self.peer.ip, error = %error, "upstream failed");
        respond::failure(Fault::Upstream, self.host(), style)
    }

    /// Records a stop and answers in `style`: the block page, the JSON error of the service's
    /// API family, or a stream carrying the explanation.
    async fn stop(
        &self,
        service: Option<&str>,
        shown: &str,
        decision: Decision,
        style: Style,
    ) -> Response<ClientBody> {
        let stop = self
            .record_stop(service, shown, &decision, style.answered())
            .await;
        let (register, stops) = self.addresses();
        let links = Links {
            register: &register,
            stops: &stops,
            support: &self.runtime.config.support,
        };
        let answer = blocked::stopped(&stop, style, &links);
        self.observe_added();
        answer
    }

    /// Records a stop answered as `answered`, counts it for the probing limit and remembers it
    /// for the person (repeats, the next page load, "Mina stopp").
    async fn record_stop(
        &self,
        service: Option<&str>,
        shown: &str,
        decision: &Decision,
        answered: Answered,
    ) -> blocked::Stop {
        super::ratelimit::stopped(self.shared(), &self.peer, decision.rule);
        let stopping = Stopping {
            report: Report {
                peer: &self.peer,
                host: self.host(),
                service,
                method: &self.method,
                path: &self.path,
                action: Action::Block,
                reason: &decision.reason,
                answered: Some(answered),
                why: decision.why,
            },
            shown,
            page: self.page.as_deref(),
        };
        incident::stop(self.shared(), &self.runtime, &stopping, decision).await
    }

    /// Appends the audit record; `None` (logged and counted) when it could not be written.
    async fn record(
        &self,
        service: Option<&str>,
        action: Action,
        decision: &Decision,
        answered: Option<Answered>,
    ) -> Option<Recorded> {
        let report = Report {
            peer: &self.peer,
            host: self.host(),
            service,
            method: &self.method,
            path: &self.path,
            action,
            reason: &decision.reason,
            answered,
            why: decision.why,
        };
        let evidence: Vec<_> = decision
            .evidence
            .iter()
            .map(|(f, m)| (f.clone(), m.as_str()))
            .collect();
        match incident::record(self.shared(), &self.runtime.detectors, &report, &evidence).await {
            Ok(recorded) => Some(recorded),
            Err(e) => {
                self.shared().metrics.audit_failures.inc();
                tracing::error!(error = %e, host = self.host(), "could not write the audit record");
                None
            }
        }
    }
}

/// How an error answer in `style` reaches the person (a stream is never sent for an error).
fn error_answered(style: Style) -> Answered {
    match style {
        Style::Html => Answered::Page,
        _ => Answered::Json,
    }
}

/// The host of the page a request came from: its `Origin`, else its `Referer`.
fn page_host(headers: &HeaderMap) -> Option<String> {
    [header::ORIGIN, header::REFERER].iter().find_map(|name| {
        let value = headers.get(name)?.to_str().ok()?;
        let uri: http::Uri = value.parse().ok()?;
        let host = uri.host()?;
        Some(normalize_host(
            host.trim_start_matches('[').trim_end_matches(']'),
        ))
    })
}

/// The redacted body goes without content coding, with its own length and (for text in
/// another charset, now UTF-8) its new content type.
fn replace_body_headers(headers: &mut HeaderMap, len: usize, content_type: Option<&str>) {
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::TRANSFER_ENCODING);
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Some(ct) = content_type.and_then(|ct| HeaderValue::from_str(ct).ok()) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
}
