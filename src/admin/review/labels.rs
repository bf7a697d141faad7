//! The Swedish words of the review page for actions, reasons and kinds.

use crate::audit::EventAction;
use crate::detect::Kind;

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

/// The Swedish name of a rule as stored in `event.reason`; an unknown one as it is.
pub fn reason(reason: &str) -> &str {
    match reason {
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

/// The Swedish name of a kind (`personnummer`, `känslig uppgift (hälsa)`, …).
pub fn kind(kind: Kind) -> String {
    crate::proxy::respond::kind_label(kind, 1)
}

/// A fill colour for each rule, from a colour-blind-safe palette darkened so that every bar
/// has at least 3:1 contrast against the white background (WCAG 1.4.11).
pub fn colour(index: usize) -> &'static str {
    const PALETTE: [&str; 9] = [
        "#0072b2", "#b8470b", "#007a5e", "#a2407e", "#5d5d5d", "#806600", "#3b3b98", "#8b1e1e",
        "#2f6b2f",
    ];
    PALETTE[index % PALETTE.len()]
}

/// Swedish month abbreviations, for the chart's axis.
pub const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_swedish_words() {
        for r in REASONS {
            assert_ne!(reason(r), r);
        }
        assert_eq!(reason("<script>"), "<script>");
        assert_eq!(action(EventAction::Block), "Blockerad");
    }
}
