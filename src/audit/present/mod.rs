//! Records for people and spreadsheets: the `sluss logs` table, CSV, and the summary.
//!
//! Only what the record holds is shown: kinds, counts, masks and keyed hashes, never a value.

pub mod csv;
pub mod csv_sv;
pub mod labels;
pub mod summary;
pub mod table;

use std::collections::BTreeMap;

use super::record::Record;
use crate::detect::Kind;

/// The kinds a record found and how many of each, in the order of [`Kind`].
pub fn kind_counts(record: &Record) -> Vec<(Kind, usize)> {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for finding in &record.sluss.findings {
        *counts.entry(finding.kind).or_default() += finding.count;
    }
    counts.into_iter().collect()
}

/// `personnummer×2 phone×1`: each kind with its count, separated by `separator`.
pub fn kinds_text(record: &Record, separator: &str) -> String {
    kind_counts(record)
        .iter()
        .map(|(kind, count)| format!("{}×{count}", kind.name()))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `OpenAI API / api.openai.com`, or the host alone for a service not in the register.
pub fn service_text(record: &Record) -> String {
    match &record.sluss.service {
        Some(service) => format!("{service} / {}", record.url.domain),
        None => record.url.domain.clone(),
    }
}

/// `2026-11-22 11:15:00 CET`: the time in Europe/Stockholm to the second, for tables.
pub fn short_time(record: &Record) -> String {
    super::local::format(record.timestamp)
}

/// `text` with control and format characters (escape sequences, bidirectional overrides,
/// zero-width characters) replaced by `�`, so that a hostile path or user name from a client
/// cannot move the cursor, recolour the terminal or reorder what a reviewer reads.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let unsafe_char =
        |c: char| c.is_control() || matches!(c.general_category(), GeneralCategory::Format);
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_not_printed() {
        assert_eq!(printable("anna"), "anna");
        assert_eq!(printable("a\u{1b}[31mb\nc"), "a\u{FFFD}[31mb\u{FFFD}c");
        assert_eq!(printable("x\u{202E}y\u{200B}"), "x\u{FFFD}y\u{FFFD}");
    }
}
