//! The WebSocket branch of an exchange (a child module of `exchange`, so that it records through
//! the same private methods as requests): the handshake's URL and headers are inspected like a
//! request without a body; a stop then completes the handshake and closes the socket at once
//! with a Swedish reason (so that a browser learns why instead of seeing a failed connection),
//! else the handshake goes upstream and, once both sides have switched, every client message is
//! judged (see [`super::super::websocket_judge`]) through the [`Opened`] exchange, which lives
//! as long as the socket.

use std::sync::Arc;

use bytes::Bytes;
use http::{Request, Response};
use hyper::body::Incoming;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::super::blocked::{self, Links};
use super::super::inspection::{self, Failed, Subject};
use super::super::negotiate::Answered;
use super::super::respond::{self, ClientBody, Fault, Style};
use super::super::websocket::{self, Session};
use super::super::websocket_judge::{Judge, redaction_rule};
use super::super::websocket_message::{internal_reason, stopped_reason};
use super::super::{Runtime, Shared, forward};
use super::{Conn, Decision, Exchange};
use crate::config::Route;
use crate::inspect::{Inspection, Outcome};
use crate::policy::{Action, Rule, ServicePolicy};

impl Exchange<'_> {
    /// A WebSocket handshake to service `index`: the URL and headers are inspected; a stop
    /// closes the socket with the reason (or, for a request that is not a valid handshake,
    /// gets the usual answer); else the handshake goes upstream and the messages are judged.
    pub(super) async fn websocket_upgrade(
        self,
        index: usize,
        request: Request<Incoming>,
        style: Style,
    ) -> Response<ClientBody> {
        let name = self.service_name(index);
        let user_header = self.runtime.config.proxy.user_header.as_deref();
        let subject = Subject::new(request.headers(), request.uri(), Bytes::new(), user_header);
        let inspection = match inspection::run(self.shared(), &self.runtime, index, subject).await {
            Ok(inspection) => inspection,
            Err(e) => return self.inspection_failed(&name, &e, style).await,
        };
        self.count(&name, &inspection);
        let threshold = self.runtime.register.services()[index]
            .policy
            .min_confidence;
        let stop = match &inspection.outcome {
            // A handshake cannot be held and sent again with a justification: a warning stops it.
            Outcome::Block { rule } | Outcome::Warn { rule } => {
                Decision::from_inspection(*rule, &inspection, threshold)
            }
            // The URL and headers are what the service reads: a finding in them cannot be
            // replaced (the inspection says so too), so this only guards the invariant.
            Outcome::Replace { .. } => {
                Decision::from_inspection(redaction_rule(&inspection), &inspection, threshold)
            }
            Outcome::Forward => {
                if !self.record_allowed(&name, &inspection).await {
                    return respond::failure(Fault::Internal, self.host(), style);
                }
                return self.websocket(index, request, style).await;
            }
        };
        self.refuse_websocket(&name, stop, request, style).await
    }

    /// Records a stopped handshake and closes the socket with the reason, or answers as a
    /// stopped request when the client did not send a valid handshake.
    async fn refuse_websocket(
        &self,
        name: &str,
        decision: Decision,
        request: Request<Incoming>,
        style: Style,
    ) -> Response<ClientBody> {
        let stop = self
            .record_stop(Some(name), name, &decision, Answered::WebsocketClose)
            .await;
        tracing::info!(
            incident = %stop.incident, client = %self.peer.ip, host = self.host(),
            rule = decision.rule.as_str(), "stopped a WebSocket handshake"
        );
        let frame = close_frame(
            CloseCode::Policy,
            stopped_reason(decision.rule, &stop.incident),
        );
        match websocket::refuse(request, frame) {
            Ok(response) => response,
            Err(_) => {
                let (register, stops) = self.addresses();
                let links = Links {
                    register: &register,
                    stops: &stops,
                    support: &self.runtime.config.support,
                };
                blocked::stopped(&stop, style, &links)
            }
        }
    }

    /// Passes the handshake upstream; once both sides have switched, the relay judges every
    /// client message through the [`Opened`] exchange.
    async fn websocket(
        self,
        index: usize,
        request: Request<Incoming>,
        style: Style,
    ) -> Response<ClientBody> {
        let proxy = &self.runtime.config.proxy;
        let session = Session {
            ticket: self.conn.ticket.clone(),
            idle: proxy.tunnel_idle_timeout,
            max_message: self.runtime.limits.max_bytes,
            judge: Judge::new(Opened::new(&self, index)),
        };
        let opened = forward::websocket(
            &self.runtime.connector,
            &self.conn.target,
            request,
            self.timeouts(),
            session,
        )
        .await;
        match opened {
            Ok(response) => response,
            Err(e) => self.upstream_failed(&e, style),
        }
    }
}

/// A close frame with `code` and `reason` (already short enough, see
/// [`super::super::websocket_message`]).
pub fn close_frame(code: CloseCode, reason: String) -> CloseFrame {
    CloseFrame {
        code,
        reason: reason.into(),
    }
}

/// The exchange that opened an intercepted WebSocket, kept for the life of the socket: its
/// messages are inspected under the service's policy (the one in force when each message
/// arrives) and recorded like requests, with the handshake's client, user, host and path.
pub struct Opened {
    conn: Arc<Conn>,
    runtime: Arc<Runtime>,
    index: usize,
    peer: super::super::Peer,
    method: String,
    path: String,
    cors: super::Cors,
    page: Option<String>,
}

impl Opened {
    fn new(exchange: &Exchange<'_>, index: usize) -> Opened {
        Opened {
            conn: Arc::new(exchange.conn.clone()),
            runtime: exchange.runtime.clone(),
            index,
            peer: exchange.peer.clone(),
            method: exchange.method.clone(),
            path: exchange.path.clone(),
            cors: exchange.cors.clone(),
            page: exchange.page.clone(),
        }
    }

    /// The exchange again, for its recording and counting methods.
    fn exchange(&self) -> Exchange<'_> {
        Exchange {
            conn: &self.conn,
            runtime: self.runtime.clone(),
            peer: self.peer.clone(),
            method: self.method.clone(),
            path: self.path.clone(),
            cors: self.cors.clone(),
            page: self.page.clone(),
            // Messages are not requests: no added latency is observed for them.
            body_read: std::sync::OnceLock::new(),
        }
    }

    /// Shared state.
    pub fn shared(&self) -> &Arc<Shared> {
        &self.conn.shared
    }

    /// Follows a reload: the newest runtime, with the service the host now routes to. False
    /// when the host is no longer approved (then the socket is closed).
    pub fn refresh(&mut self) -> bool {
        if Arc::ptr_eq(&self.conn.shared.runtime.load(), &self.runtime) {
            return true;
        }
        let current = self.conn.shared.runtime.load_full();
        match current.register.route(&self.conn.target.host) {
            Route::Approved(i) | Route::Upload(i) => {
                self.runtime = current;
                self.index = i;
                true
            }
            Route::NotApproved(_) | Route::Other => false,
        }
    }

    /// The service's name.
    pub fn service(&self) -> String {
        self.runtime.register.services()[self.index].name.clone()
    }

    /// The most SignalR records one message may hold (`max_parts`, as for multipart bodies):
    /// each is inspected on its own, so a message of a million tiny records would cost a
    /// million inspections.
    pub fn max_records(&self) -> usize {
        self.runtime.limits.max_parts
    }

    /// The service's policy.
    pub fn policy(&self) -> &ServicePolicy {
        &self.runtime.register.services()[self.index].policy
    }

    /// Inspects one text document of a message (no URL, no headers: those were read with the
    /// handshake), counted like a request.
    pub async fn inspect(&self, text: Bytes) -> Result<Inspection, Failed> {
        let subject = Subject {
            body: text,
            content_type: None,
            content_encoding: None,
            query: None,
            path: String::new(),
            headers: http::HeaderMap::new(),
        };
        let inspected = inspection::run(self.shared(), &self.runtime, self.index, subject).await;
        if let Ok(inspection) = &inspected {
            self.exchange().count(&self.service(), inspection);
        }
        inspected
    }

    /// Records a stopped message and returns the close frame that tells the client why, with
    /// the incident id.
    pub async fn stop(&self, decision: Decision) -> CloseFrame {
        let incident = self.record_stop(&decision).await;
        close_frame(CloseCode::Policy, stopped_reason(decision.rule, &incident))
    }

    /// Records a stopped message and returns its incident id ("–" when the record could not
    /// be written: the message is stopped all the same).
    pub async fn record_stop(&self, decision: &Decision) -> String {
        let exchange = self.exchange();
        let name = self.service();
        let stop = exchange
            .record_stop(Some(&name), &name, decision, Answered::WebsocketClose)
            .await;
        tracing::info!(
            incident = %stop.incident, client = %self.peer.ip, host = exchange.host(),
            rule = decision.rule.as_str(), "stopped a WebSocket message; the socket is closed"
        );
        stop.incident
    }

    /// Records a message that is let through (redacted, uninspected, or any with
    /// `log_allowed`) as `action`; false when a required record could not be written (then
    /// nothing is forwarded).
    pub async fn record_pass(&self, action: Action, decision: &Decision) -> bool {
        let name = self.service();
        let recorded = self
            .exchange()
            .record(Some(&name), action, decision, None)
            .await;
        recorded.is_some()
    }

    /// Records an allowed message (uninspected parts always, everything with `log_allowed`);
    /// false when a required record could not be written.
    pub async fn record_allowed(&self, inspection: &Inspection) -> bool {
        self.exchange()
            .record_allowed(&self.service(), inspection)
            .await
    }

    /// Counts a message that could not be inspected under `action`.
    pub fn count_uninspectable(&self, action: Action) {
        self.shared()
            .metrics
            .count_uninspectable(&self.service(), action);
    }

    /// The inspection failed (a bug in sluss): recorded; the close frame says so.
    pub async fn failed(&self, error: &Failed) -> CloseFrame {
        self.shared().metrics.inspection_failures.inc();
        let stop = Decision::with_reason(Rule::Uninspectable, super::decision::INSPECTION_FAILED);
        let name = self.service();
        let exchange = self.exchange();
        let incident = exchange
            .record(
                Some(&name),
                Action::Block,
                &stop,
                Some(Answered::WebsocketClose),
            )
            .await
            .map_or_else(|| "–".to_string(), |r| r.id.as_str().to_string());
        tracing::error!(
            incident = %incident, client = %self.peer.ip, host = exchange.host(), error = %error,
            "inspection of a WebSocket message failed; nothing was forwarded"
        );
        close_frame(CloseCode::Error, internal_reason(&incident))
    }

    /// The close frame for a message that could not be recorded (nothing was forwarded).
    pub fn unrecorded(&self) -> CloseFrame {
        close_frame(CloseCode::Error, internal_reason("–"))
    }

    /// Who is connected, and where to (for logs).
    pub fn describe(&self) -> (std::net::IpAddr, &str) {
        (self.peer.ip, &self.conn.target.host)
    }
}
