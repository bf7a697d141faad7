//! One intercepted request, from routing to answer. The phases, in order:
//!
//! 1. **route**: the host is an approved service, a known AI service that is not approved, or
//!    other traffic (after a reload, or for plain-HTTP absolute-form requests);
//! 2. **read**: the body up to `max_body_bytes` (over the limit it is uninspectable);
//! 3. **inspect**: decode, extract, scan body and URL, decide under the service's policy;
//! 4. **record**: stopped and redacted requests go to the audit log before anything else;
//! 5. **answer**: a Swedish block page or JSON error, or forward (the original bytes or the
//!    redacted body) and stream the response back.

use std::sync::Arc;

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::request::Parts;
use http::{Request, Response};
use hyper::body::Incoming;

use super::collect::{Collected, Prefixed, collect};
use super::forward::{self, Target};
use super::incident::{self, Report};
use super::respond::{self, ClientBody, Fault, Stop, Style};
use super::{Peer, Runtime, Shared};
use crate::config::{OtherTraffic, Route, register::normalize_host};
use crate::detect::Kind;
use crate::inspect::{self, Inspection, Outcome};
use crate::patterns::ApiFamily;
use crate::policy::{Action, Rule, Verdict};

/// Bodies larger than this are inspected on the blocking pool, not on an async worker.
const INLINE_INSPECTION_BYTES: usize = 64 * 1024;

/// The client side of one intercepted connection (or one absolute-form request).
pub struct Conn {
    /// Shared state.
    pub shared: Arc<Shared>,
    /// Who is connected.
    pub peer: Peer,
    /// Where its requests go.
    pub target: Target,
}

/// Answers one request on `conn`. Never fails: every problem becomes an answer.
pub async fn handle(conn: Arc<Conn>, request: Request<Incoming>) -> Response<ClientBody> {
    let runtime = conn.shared.runtime.load_full();
    let exchange = Exchange::new(&conn, runtime, &request);
    if !addressed_to(&request, &conn.target) {
        return respond::misdirected();
    }
    match exchange.runtime.register.route(&conn.target.host) {
        Route::Approved(i) => exchange.approved(i, request).await,
        Route::NotApproved(k) => exchange.not_approved(k, request.headers()).await,
        Route::Other => exchange.other(request).await,
    }
}

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

/// One request being answered.
struct Exchange<'a> {
    conn: &'a Conn,
    runtime: Arc<Runtime>,
    peer: Peer,
    method: String,
    path: String,
}

impl<'a> Exchange<'a> {
    fn new(conn: &'a Conn, runtime: Arc<Runtime>, request: &Request<Incoming>) -> Exchange<'a> {
        let mut peer = conn.peer.clone();
        if let Some(user) = super::front::user_of(&runtime, request.headers()) {
            peer.user = Some(user);
        }
        Exchange {
            conn,
            peer,
            method: request.method().to_string(),
            path: request.uri().path().to_string(),
            runtime,
        }
    }

    fn shared(&self) -> &Arc<Shared> {
        &self.conn.shared
    }

    fn host(&self) -> &str {
        &self.conn.target.host
    }

    fn register_url(&self) -> String {
        format!(
            "http://{}/register",
            self.runtime.config.proxy.public_address
        )
    }

    /// A registered service: check the path, then read, inspect, record and answer.
    async fn approved(self, index: usize, request: Request<Incoming>) -> Response<ClientBody> {
        let service = &self.runtime.register.services()[index];
        let style = Style::for_request(request.headers(), service.api == ApiFamily::Anthropic);
        let name = service.name.clone();
        if !service.allows_path(&self.path) {
            let stop = Decision::stop(Rule::NotApproved, Vec::new());
            return self.stop(Some(&name), &name, stop, style).await;
        }
        if forward::is_websocket(request.headers()) {
            // WebSocket messages are not inspected: the upgrade follows `uninspectable`.
            if self.passes_uninspected(index) {
                return self.websocket(request, style).await;
            }
            return self.stop_uninspectable(index, style).await;
        }
        let (parts, body) = request.into_parts();
        let (limit, idle) = (
            self.runtime.limits.max_bytes,
            self.runtime.config.proxy.idle_timeout,
        );
        match collect(body, limit, idle).await {
            Ok(Collected::Complete(bytes)) => self.inspected(index, parts, bytes, style).await,
            Ok(Collected::TooLarge(body)) => self.too_large(index, parts, body, style).await,
            Err(e) => {
                tracing::info!(host = self.host(), client = %self.peer.ip, error = %e, "request body not read");
                respond::failure(Fault::Downstream, self.host(), style)
            }
        }
    }

    /// Inspects a complete body and acts on the outcome.
    async fn inspected(
        self,
        index: usize,
        parts: Parts,
        body: Bytes,
        style: Style,
    ) -> Response<ClientBody> {
        let inspection = match self.inspect(index, &parts, body.clone()).await {
            Some(inspection) => inspection,
            None => return respond::failure(Fault::Internal, self.host(), style),
        };
        let name = self.runtime.register.services()[index].name.clone();
        self.count(&name, &inspection);
        match &inspection.outcome {
            Outcome::Block { rule } => {
                let stop = Decision::from_inspection(*rule, &inspection);
                self.stop(Some(&name), &name, stop, style).await
            }
            Outcome::Replace { .. } => self.redacted(&name, parts, inspection, style).await,
            Outcome::Forward => {
                if self.runtime.config.audit.log_allowed {
                    let everything = Decision::allowed(&inspection);
                    let _ = self.record(Some(&name), Action::Allow, &everything).await;
                }
                self.forward(parts, forward::full_body(body), style).await
            }
        }
    }

    /// Runs the inspection pipeline, on the blocking pool for large bodies.
    async fn inspect(&self, index: usize, parts: &Parts, body: Bytes) -> Option<Inspection> {
        let header = |name: header::HeaderName| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header(header::CONTENT_TYPE);
        let content_encoding = header(header::CONTENT_ENCODING);
        let query = parts.uri.query().map(str::to_string);
        // Header values are inspected too, except the trusted user header sluss consumes.
        let mut headers = parts.headers.clone();
        if let Some(user_header) = self.runtime.config.proxy.user_header.as_deref() {
            headers.remove(user_header);
        }
        let path = self.path.clone();
        let runtime = self.runtime.clone();
        let inline = body.len() <= INLINE_INSPECTION_BYTES;
        let run = move || {
            let policy = &runtime.register.services()[index].policy;
            let request = inspect::Request {
                body: &body,
                content_type: content_type.as_deref(),
                content_encoding: content_encoding.as_deref(),
                query: query.as_deref(),
                path: Some(&path),
                headers: Some(&headers),
            };
            inspect::inspect(&runtime.detectors, policy, &request, &runtime.limits)
        };
        if inline {
            return Some(run());
        }
        match tokio::task::spawn_blocking(run).await {
            Ok(inspection) => Some(inspection),
            Err(e) => {
                tracing::error!(host = self.host(), error = %e, "inspection failed");
                None
            }
        }
    }

    /// Counts the request, its findings and the inspection time.
    fn count(&self, service: &str, inspection: &Inspection) {
        let metrics = &self.shared().metrics;
        metrics.count_request(service, inspection.outcome.action());
        metrics.inspection.observe(inspection.elapsed);
        for finding in &inspection.findings {
            metrics.findings.add(&[finding.kind.name()], 1);
        }
        if inspection.uninspectable.is_some() {
            metrics.uninspectable.inc();
        }
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
        name: &str,
        mut parts: Parts,
        inspection: Inspection,
        style: Style,
    ) -> Response<ClientBody> {
        let rule = match &inspection.verdict {
            Verdict::Redact { rules, .. } => rules.first().copied().unwrap_or(Rule::Personnummer),
            _ => Rule::Personnummer,
        };
        let decision = Decision::from_inspection(rule, &inspection);
        if self
            .record(Some(name), Action::Redact, &decision)
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
        response
    }

    /// A body over the limit: stopped, unless the policy lets uninspectable bodies through.
    async fn too_large(
        self,
        index: usize,
        parts: Parts,
        body: Prefixed,
        style: Style,
    ) -> Response<ClientBody> {
        if self.passes_uninspected(index) {
            return self.forward(parts, forward::boxed(body), style).await;
        }
        self.stop_uninspectable(index, style).await
    }

    /// Whether traffic sluss cannot inspect (a body over the limit, WebSocket messages) may
    /// pass to service `index`: its `uninspectable` policy decides. Counted either way.
    fn passes_uninspected(&self, index: usize) -> bool {
        let service = &self.runtime.register.services()[index];
        let passes = service.policy.uninspectable == Action::Allow;
        let metrics = &self.shared().metrics;
        metrics.uninspectable.inc();
        let action = if passes { Action::Allow } else { Action::Block };
        metrics.count_request(&service.name, action);
        passes
    }

    /// Stops uninspectable traffic to service `index`, with an audit record.
    async fn stop_uninspectable(self, index: usize, style: Style) -> Response<ClientBody> {
        let name = self.runtime.register.services()[index].name.clone();
        let stop = Decision::stop(Rule::Uninspectable, Vec::new());
        self.stop(Some(&name), &name, stop, style).await
    }

    /// A known AI service that is not in the register.
    async fn not_approved(self, known: usize, headers: &HeaderMap) -> Response<ClientBody> {
        let service = &self.runtime.register.known()[known];
        let style = Style::for_request(headers, service.api == ApiFamily::Anthropic);
        let name = service.name.clone();
        self.shared().metrics.not_approved.add(&[&name], 1);
        let stop = Decision::stop(Rule::NotApproved, Vec::new());
        self.stop(None, &name, stop, style).await
    }

    /// Neither registered nor known (a reload removed it, or plain HTTP to another host).
    async fn other(self, request: Request<Incoming>) -> Response<ClientBody> {
        let style = Style::for_request(request.headers(), false);
        match self.runtime.config.proxy.other_traffic {
            OtherTraffic::Deny => {
                self.shared().metrics.refused.add(&["other_traffic"], 1);
                respond::refused(respond::OTHER_TRAFFIC_DENIED)
            }
            OtherTraffic::Tunnel => {
                let (parts, body) = request.into_parts();
                self.forward(parts, forward::boxed(body), style).await
            }
        }
    }

    async fn websocket(self, request: Request<Incoming>, style: Style) -> Response<ClientBody> {
        let timeout = self.runtime.config.upstream.connect_timeout;
        match forward::websocket(&self.runtime.connector, &self.conn.target, request, timeout).await
        {
            Ok(response) => response,
            Err(e) => self.upstream_failed(&e, style),
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
        let timeout = self.runtime.config.upstream.response_timeout;
        match forward::send(&self.runtime.client, request, timeout).await {
            Ok(response) => response,
            Err(e) => self.upstream_failed(&e, style),
        }
    }

    fn upstream_failed(
        &self,
        error: &forward::UpstreamError,
        style: Style,
    ) -> Response<ClientBody> {
        self.shared().metrics.upstream_errors.inc();
        tracing::warn!(host = self.host(), client = %self.peer.ip, error = %error, "upstream failed");
        respond::failure(Fault::Upstream, self.host(), style)
    }

    /// Records a stop and answers with the block page or JSON error.
    async fn stop(
        &self,
        service: Option<&str>,
        shown: &str,
        decision: Decision,
        style: Style,
    ) -> Response<ClientBody> {
        let incident = self.record(service, Action::Block, &decision).await;
        let incident = incident.unwrap_or_else(|| "–".to_string());
        tracing::info!(
            incident = %incident, client = %self.peer.ip, host = self.host(),
            rule = decision.rule.as_str(), "stopped a request"
        );
        let register_url = self.register_url();
        let stop = Stop {
            incident: &incident,
            service: shown,
            rule: decision.rule,
            kinds: decision.kinds(),
            register_url: &register_url,
        };
        respond::stopped(&stop, style)
    }

    /// Appends the audit record; `None` (logged and counted) when it could not be written.
    async fn record(
        &self,
        service: Option<&str>,
        action: Action,
        decision: &Decision,
    ) -> Option<String> {
        let report = Report {
            peer: &self.peer,
            host: self.host(),
            service,
            method: &self.method,
            path: &self.path,
            action,
            // An allowed request (recorded with `log_allowed`) broke no rule.
            reason: if action == Action::Allow {
                "allowed"
            } else {
                decision.rule.as_str()
            },
        };
        let evidence: Vec<_> = decision
            .evidence
            .iter()
            .map(|(f, m)| (f.clone(), m.as_str()))
            .collect();
        match incident::record(self.shared(), &self.runtime.detectors, &report, &evidence).await {
            Ok(id) => Some(id.as_str().to_string()),
            Err(e) => {
                self.shared().metrics.audit_failures.inc();
                tracing::error!(error = %e, host = self.host(), "could not write the audit record");
                None
            }
        }
    }
}

/// What an audit record and a block answer need from a decision: the rule and the findings
/// behind it, with the matched text that only the keyed hash sees.
struct Decision {
    rule: Rule,
    evidence: Vec<(crate::detect::Finding, String)>,
}

impl Decision {
    fn stop(rule: Rule, evidence: Vec<(crate::detect::Finding, String)>) -> Decision {
        Decision { rule, evidence }
    }

    /// The findings that caused the verdict (all findings when it names none).
    fn from_inspection(rule: Rule, inspection: &Inspection) -> Decision {
        let causes: &[usize] = match &inspection.verdict {
            Verdict::Block { causes, .. } => causes,
            Verdict::Redact { targets, .. } => targets,
            Verdict::Allow => &[],
        };
        let evidence = causes
            .iter()
            .filter_map(|&i| {
                let finding = inspection.findings.get(i)?;
                let matched = inspection.matched.get(i)?;
                Some((finding.clone(), matched.expose().to_string()))
            })
            .collect();
        Decision { rule, evidence }
    }

    /// Every finding of an allowed request (for `log_allowed`).
    fn allowed(inspection: &Inspection) -> Decision {
        let evidence = inspection
            .evidence()
            .map(|(f, m)| (f.clone(), m.expose().to_string()))
            .collect();
        Decision {
            rule: Rule::SensitiveWithoutIdentifier,
            evidence,
        }
    }

    /// Kinds and counts, in order of first appearance.
    fn kinds(&self) -> Vec<(Kind, usize)> {
        let mut kinds: Vec<(Kind, usize)> = Vec::new();
        for (finding, _) in &self.evidence {
            match kinds.iter_mut().find(|(k, _)| *k == finding.kind) {
                Some((_, n)) => *n += 1,
                None => kinds.push((finding.kind, 1)),
            }
        }
        kinds
    }
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
