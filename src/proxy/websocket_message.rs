//! What of a WebSocket message is inspected, and what a stopped socket's close frame says:
//! plain functions, no sockets.
//!
//! A text message is one JSON (or plain text) document, unless it is in SignalR's JSON framing
//! (each record ends with the record separator `0x1E`, as Microsoft Copilot and Bing Chat send
//! them): then each record is a document of its own, and a redacted message is joined again in
//! the same framing. A close reason must fit in 123 bytes (RFC 6455 §5.5: a control frame
//! carries at most 125, two of them the code), so the Swedish reasons are short and always keep
//! the incident id.

use std::borrow::Cow;

use crate::policy::Rule;

/// SignalR's record separator (ASCII RS), which ends every record of its JSON protocol.
pub const RECORD_SEPARATOR: char = '\u{1e}';

/// The most bytes a close reason may have.
pub const MAX_CLOSE_REASON: usize = 123;

/// The documents of a text message, in order.
#[derive(Debug, PartialEq, Eq)]
pub struct Records<'a> {
    parts: Vec<&'a str>,
    signalr: bool,
}

impl<'a> Records<'a> {
    /// Cuts `text` into the documents that are inspected: the SignalR records when the message
    /// ends with the record separator (JSON cannot hold a raw 0x1E, so a separator is never
    /// inside a record), else the whole text.
    pub fn of(text: &'a str) -> Records<'a> {
        match text.strip_suffix(RECORD_SEPARATOR) {
            Some(records) => Records {
                parts: records.split(RECORD_SEPARATOR).collect(),
                signalr: true,
            },
            None => Records {
                parts: vec![text],
                signalr: false,
            },
        }
    }

    /// The documents.
    pub fn parts(&self) -> &[&'a str] {
        &self.parts
    }

    /// The message again with each document replaced by `new` (same order and count), in the
    /// framing it came in.
    pub fn join(&self, new: &[Cow<'_, str>]) -> String {
        let mut out = String::new();
        for part in new {
            out.push_str(part);
            if self.signalr {
                out.push(RECORD_SEPARATOR);
            }
        }
        out
    }
}

/// What a stopped socket's close frame says, in Swedish, with the incident id.
pub fn stopped_reason(rule: Rule, incident: &str) -> String {
    let what = match rule {
        Rule::Personnummer | Rule::LowConfidenceIdentityNumber => "personnummer",
        Rule::Samordningsnummer => "samordningsnummer",
        Rule::ConfidentialityMarker => "sekretessmarkering",
        Rule::InternalMaterial => "internt material",
        Rule::SensitiveWithIdentifier | Rule::SensitiveWithoutIdentifier => {
            "känsliga personuppgifter"
        }
        Rule::Uninspectable => "innehåll som inte kan granskas",
        Rule::NotApproved => "tjänsten är inte godkänd",
    };
    fit(
        format!("Stoppat av sluss: {what}. Ärende-id: {incident}"),
        incident,
    )
}

/// The close reason for a message larger than sluss inspects.
pub fn too_large_reason(incident: &str) -> String {
    fit(
        format!(
            "Stoppat av sluss: meddelandet är för stort för att granskas. Ärende-id: {incident}"
        ),
        incident,
    )
}

/// The close reason when sluss itself failed (an inspection or an audit record).
pub fn internal_reason(incident: &str) -> String {
    fit(
        format!("Internt fel i sluss, inget skickades. Ärende-id: {incident}"),
        incident,
    )
}

/// The close reason for frames that break the WebSocket protocol (nothing was forwarded).
pub const PROTOCOL_REASON: &str = "sluss: ogiltigt WebSocket-meddelande";

/// The close reason when the upstream's WebSocket broke.
pub const UPSTREAM_REASON: &str = "sluss: AI-tjänsten bröt anslutningen";

/// `reason` if it fits a close frame, else the shortest form that still names the incident.
fn fit(reason: String, incident: &str) -> String {
    if reason.len() <= MAX_CLOSE_REASON {
        return reason;
    }
    let short = format!("Stoppat av sluss. Ärende-id: {incident}");
    if short.len() <= MAX_CLOSE_REASON {
        return short;
    }
    let mut end = MAX_CLOSE_REASON;
    while !short.is_char_boundary(end) {
        end -= 1;
    }
    short[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signalr_records_are_documents_of_their_own() {
        let text = "{\"type\":6}\u{1e}{\"type\":1,\"target\":\"chat\"}\u{1e}";
        let records = Records::of(text);
        assert_eq!(
            records.parts(),
            ["{\"type\":6}", "{\"type\":1,\"target\":\"chat\"}"]
        );
        let same: Vec<Cow<'_, str>> = records.parts().iter().map(|p| Cow::from(*p)).collect();
        assert_eq!(records.join(&same), text);
        let new = [Cow::from("{}"), Cow::from("[]")];
        assert_eq!(records.join(&new), "{}\u{1e}[]\u{1e}");
    }

    #[test]
    fn a_message_without_the_trailing_separator_is_one_document() {
        let text = "a\u{1e}b";
        let records = Records::of(text);
        assert_eq!(records.parts(), [text]);
        assert_eq!(records.join(&[Cow::from("x")]), "x");
        assert_eq!(Records::of("").parts(), [""]);
    }

    #[test]
    fn close_reasons_are_swedish_short_and_name_the_incident() {
        let rules = [
            Rule::Personnummer,
            Rule::Samordningsnummer,
            Rule::ConfidentialityMarker,
            Rule::SensitiveWithIdentifier,
            Rule::SensitiveWithoutIdentifier,
            Rule::Uninspectable,
            Rule::NotApproved,
        ];
        for rule in rules {
            let reason = stopped_reason(rule, "S-7K2M9Q");
            assert!(reason.len() <= MAX_CLOSE_REASON, "{reason}");
            assert!(reason.contains("Ärende-id: S-7K2M9Q"), "{reason}");
        }
        for reason in [too_large_reason("S-7K2M9Q"), internal_reason("S-7K2M9Q")] {
            assert!(reason.len() <= MAX_CLOSE_REASON, "{reason}");
            assert!(reason.ends_with("S-7K2M9Q"), "{reason}");
        }
        assert!(PROTOCOL_REASON.len() <= MAX_CLOSE_REASON);
        assert!(UPSTREAM_REASON.len() <= MAX_CLOSE_REASON);
    }

    #[test]
    fn a_reason_too_long_keeps_the_incident_and_a_char_boundary() {
        let long_id = "Ä".repeat(40);
        let reason = stopped_reason(Rule::Personnummer, &long_id);
        assert!(reason.len() <= MAX_CLOSE_REASON);
        assert!(reason.starts_with("Stoppat av sluss. Ärende-id: Ä"));
        let reason = stopped_reason(
            Rule::Personnummer,
            "S-1234567890123456789012345678901234567890123456789012345678901234567890",
        );
        assert!(reason.len() <= MAX_CLOSE_REASON);
        assert!(reason.contains("S-123"), "{reason}");
    }
}
