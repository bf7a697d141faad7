//! Judges each client-to-server WebSocket message under the service's policy: text messages
//! (JSON, plain text, SignalR records) are inspected like request bodies and forwarded,
//! redacted or stopped; binary messages (and text of more SignalR records than `max_parts`)
//! cannot be read and follow `policy.uninspectable`; a message over the size limit is stopped. Every stop and redaction is recorded before the
//! message goes on (or does not). Control frames carry no client content upstream: the
//! client's pings are answered by sluss (tungstenite does), its pongs answer pings that sluss
//! already answered upstream, and its close frame goes on without its reason text.

use std::borrow::Cow;

use bytes::Bytes;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::Utf8Bytes;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::decision::{self, Decision};
use super::exchange::Opened;
use super::websocket_message::{Records, too_large_reason};
use crate::inspect::{Inspection, Outcome};
use crate::policy::{Action, Rule, Verdict};

/// What becomes of one client message.
#[derive(Debug)]
pub enum Step {
    /// Send this on to the server (the message as it came, or redacted).
    Forward(Message),
    /// Send nothing; close the client's socket with this frame, and the server's.
    Stop(CloseFrame),
    /// Send nothing and go on (a ping or pong: each side's are answered where they arrive).
    Skip,
}

/// The judge of one socket's client messages.
pub struct Judge {
    opened: Opened,
    /// Whether a message let through unread has been recorded (once per socket: the audit log
    /// says the socket carried unread content, not every message of it).
    unread_recorded: bool,
}

impl Judge {
    /// A judge for the socket opened by `opened`.
    pub fn new(opened: Opened) -> Judge {
        Judge {
            opened,
            unread_recorded: false,
        }
    }

    /// Judges a data message (text or binary); a close goes on without its reason, pings and
    /// pongs stay with sluss.
    pub async fn message(&mut self, message: Message) -> Step {
        if matches!(message, Message::Text(_) | Message::Binary(_)) && !self.opened.refresh() {
            return Step::Stop(self.opened.stop(Decision::stop(Rule::NotApproved)).await);
        }
        match message {
            Message::Text(text) => self.text(text).await,
            binary @ Message::Binary(_) => self.unreadable(binary).await,
            Message::Close(frame) => Step::Forward(Message::Close(frame.map(|f| CloseFrame {
                code: f.code,
                reason: Utf8Bytes::default(),
            }))),
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => Step::Skip,
        }
    }

    /// Inspects every document of a text message; any stop stops the whole message.
    async fn text(&mut self, text: Utf8Bytes) -> Step {
        let records = Records::of(text.as_str());
        if records.parts().len() > self.opened.max_records() {
            return self.unreadable(Message::Text(text)).await;
        }
        let whole = Bytes::from(text.clone());
        let mut inspections = Vec::with_capacity(records.parts().len());
        for part in records.parts() {
            match self.opened.inspect(whole.slice_ref(part.as_bytes())).await {
                Ok(inspection) => inspections.push(inspection),
                Err(e) => return Step::Stop(self.opened.failed(&e).await),
            }
        }
        if let Some(blocked) = inspections
            .iter()
            .find(|i| matches!(i.outcome.action(), Action::Block | Action::Warn))
        {
            // A message cannot be held and sent again with a justification: a warning stops it.
            let rule = match blocked.outcome {
                Outcome::Block { rule } | Outcome::Warn { rule } => rule,
                _ => Rule::Uninspectable,
            };
            let stop =
                Decision::from_inspection(rule, blocked, self.opened.policy().min_confidence);
            return Step::Stop(self.opened.stop(stop).await);
        }
        if !self.record_passes(&inspections).await {
            return Step::Stop(self.opened.unrecorded());
        }
        if inspections.iter().all(|i| i.outcome == Outcome::Forward) {
            return Step::Forward(Message::Text(text));
        }
        match redacted(&records, &inspections) {
            Some(new) => Step::Forward(Message::text(new)),
            None => Step::Stop(self.opened.unrecorded()),
        }
    }

    /// Records what is let through: redactions, uninspected documents, and everything with
    /// `log_allowed`. False when a required record could not be written.
    async fn record_passes(&self, inspections: &[Inspection]) -> bool {
        for inspection in inspections {
            let recorded = match &inspection.outcome {
                Outcome::Replace { .. } => {
                    let threshold = self.opened.policy().min_confidence;
                    let decision = Decision::from_inspection(
                        redaction_rule(inspection),
                        inspection,
                        threshold,
                    );
                    self.opened.record_pass(Action::Redact, &decision).await
                }
                _ => self.opened.record_allowed(inspection).await,
            };
            if !recorded {
                return false;
            }
        }
        true
    }

    /// A message that cannot be read (binary, or more records than are inspected): stopped,
    /// or let through when the policy allows uninspectable content (recorded once per socket).
    async fn unreadable(&mut self, message: Message) -> Step {
        if self.opened.policy().uninspectable != Action::Allow {
            self.opened.count_uninspectable(Action::Block);
            return Step::Stop(self.opened.stop(Decision::stop(Rule::Uninspectable)).await);
        }
        self.opened.count_uninspectable(Action::Allow);
        if !self.unread_recorded {
            let pass = Decision::with_reason(Rule::Uninspectable, decision::PASSED_WEBSOCKET);
            if !self.opened.record_pass(Action::Allow, &pass).await {
                return Step::Stop(self.opened.unrecorded());
            }
            self.unread_recorded = true;
        }
        Step::Forward(message)
    }

    /// A message over the size limit (the WebSocket layer refused to read it whole): stopped
    /// and recorded, whatever the policy says about uninspectable content, since sluss does not
    /// hold it to pass on.
    pub async fn too_large(&self) -> CloseFrame {
        self.opened.count_uninspectable(Action::Block);
        let incident = self
            .opened
            .record_stop(&Decision::stop(Rule::Uninspectable))
            .await;
        CloseFrame {
            code: CloseCode::Size,
            reason: too_large_reason(&incident).into(),
        }
    }

    /// Who is connected, and where to (for logs).
    pub fn describe(&self) -> (std::net::IpAddr, &str) {
        self.opened.describe()
    }
}

/// The rule behind a redaction (or a block) verdict.
pub fn redaction_rule(inspection: &Inspection) -> Rule {
    match &inspection.verdict {
        Verdict::Redact { rules, .. } => rules.first().copied().unwrap_or(Rule::Personnummer),
        Verdict::Block { rule, .. } | Verdict::Warn { rule, .. } => *rule,
        Verdict::Allow => Rule::Personnummer,
    }
}

/// The message with every redacted document replaced, in its framing; `None` when a redacted
/// body is not text (it always is: documents of a text message are re-encoded as UTF-8).
fn redacted(records: &Records<'_>, inspections: &[Inspection]) -> Option<String> {
    let mut new: Vec<Cow<'_, str>> = Vec::with_capacity(inspections.len());
    for (part, inspection) in records.parts().iter().zip(inspections) {
        match &inspection.outcome {
            Outcome::Replace { body, .. } => {
                new.push(Cow::Owned(String::from_utf8(body.clone()).ok()?))
            }
            _ => new.push(Cow::Borrowed(part)),
        }
    }
    Some(records.join(&new))
}
