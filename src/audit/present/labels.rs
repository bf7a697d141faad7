//! The Swedish words for actions and rules, shared by the review page and the exports for
//! Swedish spreadsheets.

use crate::audit::EventAction;

/// `Blockerad`, `Maskerad`, `Tillåten`, …
pub fn action(action: EventAction) -> &'static str {
    match action {
        EventAction::Block => "Blockerad",
        EventAction::Redact => "Maskerad",
        EventAction::Allow => "Tillåten",
        EventAction::Warn => "Varnad",
        EventAction::Justified => "Skickad med motivering",
        EventAction::Objection => "Invändning",
        EventAction::Status => "Status satt",
        EventAction::View => "Visning av granskningen",
        EventAction::Traffic => "Trafikräkning",
    }
}

/// The rules that stop requests, in the order the chart stacks them.
pub const REASONS: [&str; 9] = [
    "personnummer",
    "samordningsnummer",
    "confidentiality_marker",
    "internal_material",
    "sensitive_with_identifier",
    "sensitive_without_identifier",
    "low_confidence_identity_number",
    "uninspectable",
    "not_approved",
];

/// Every rule the review page's filter offers: those that stop, then the other reasons a
/// record can carry.
pub const FILTER_REASONS: [&str; 13] = [
    "personnummer",
    "samordningsnummer",
    "confidentiality_marker",
    "internal_material",
    "sensitive_with_identifier",
    "sensitive_without_identifier",
    "low_confidence_identity_number",
    "uninspectable",
    "not_approved",
    "ambiguous_headers",
    "inspection_failed",
    "rate_limit",
    "allowed",
];

/// The Swedish name of a rule as stored in `event.reason` (a detail after `:` named by the
/// rule alone); an unknown one as it is.
pub fn reason(reason: &str) -> &str {
    match reason {
        r if r.starts_with("uninspectable:") => "Släpptes igenom ogranskad",
        r if r.starts_with("rate_limit") => "Hastighetsgräns",
        r if r.starts_with("status:") => "Status",
        r if r.starts_with("view:") => "Visning",
        "ambiguous_headers" => "Tvetydiga huvuden",
        "inspection_failed" => "Granskningen misslyckades",
        "allowed" => "Tillåten (loggad)",
        "objection" => "Invändning",
        "personnummer" => "Personnummer",
        "samordningsnummer" => "Samordningsnummer",
        "confidentiality_marker" => "Sekretessmarkering",
        "internal_material" => "Internt material",
        "sensitive_with_identifier" => "Känsliga uppgifter om en identifierbar person",
        "sensitive_without_identifier" => "Känsliga uppgifter",
        "low_confidence_identity_number" => "Möjligt personnummer",
        "uninspectable" => "Kunde inte granskas",
        "not_approved" => "Ej godkänd AI-tjänst",
        other => other,
    }
}
