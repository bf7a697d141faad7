//! Records as CSV for Swedish Excel, beside the RFC 4180 export for tools ([`super::csv`]):
//! semicolon-separated (Excel in Swedish uses the comma as decimal sign, so a comma-separated
//! file opens as one column), Swedish headers and words, times in Swedish time, UTF-8 with a
//! byte order mark (without it Excel reads å, ä and ö wrongly), CRLF line ends, and decimal
//! numbers with a decimal comma ([`decimal`]).
//!
//! No `sep=;` line: with it, Excel ignores the byte order mark. Cells that a spreadsheet would
//! run as a formula get a leading `'`, as in [`super::csv`].

use super::csv;
use super::kind_counts;
use super::labels;
use crate::audit::record::Record;
use crate::proxy::respond::kind_label;

/// The byte order mark that makes Excel read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// The column headers, in order.
pub const HEADERS: [&str; 15] = [
    "Tid (svensk tid)",
    "Tidszon",
    "Ärende-id",
    "Åtgärd",
    "Skäl",
    "Regel (kod)",
    "Tjänst",
    "Värd",
    "Metod",
    "Sökväg",
    "Klient",
    "Användare",
    "Fynd",
    "Maskerat",
    "Nyckelhashar (sparas inte i klartext)",
];

/// The header line (with CRLF), without the byte order mark.
pub fn header() -> String {
    csv::cells_line(&HEADERS, ';')
}

/// One record as a line (with CRLF).
pub fn line(record: &Record) -> String {
    let local = crate::audit::local::format(record.timestamp);
    let (time, zone) = local.rsplit_once(' ').unwrap_or((local.as_str(), ""));
    let findings: Vec<String> = kind_counts(record)
        .into_iter()
        .map(|(kind, n)| format!("{n} × {}", kind_label(kind, n)))
        .collect();
    let masked: Vec<&str> = record
        .sluss
        .findings
        .iter()
        .map(|f| f.masked.as_str())
        .collect();
    let hashes: Vec<&str> = record
        .sluss
        .findings
        .iter()
        .filter_map(|f| f.key_hash.as_deref())
        .collect();
    let cells: [String; 15] = [
        time.to_string(),
        zone.to_string(),
        record.event.id.to_string(),
        labels::action(record.event.action).to_string(),
        labels::reason(&record.event.reason).to_string(),
        record.event.reason.clone(),
        record.sluss.service.clone().unwrap_or_default(),
        record.url.domain.clone(),
        record.http.request.method.clone(),
        record.url.path.clone(),
        record.source.ip.to_string(),
        record
            .user
            .as_ref()
            .map_or_else(String::new, |u| u.name.clone()),
        findings.join(", "),
        masked.join(" "),
        hashes.join(" "),
    ];
    csv::cells_line(&cells, ';')
}

/// A number with `places` decimals and a decimal comma, as Swedish Excel reads numbers
/// (`12,5`); whole numbers are written as they are.
pub fn decimal(value: f64, places: usize) -> String {
    format!("{value:.places$}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn cell(text: &str) -> Cow<'_, str> {
        csv::cell_in(text, ';')
    }

    #[test]
    fn cells_are_quoted_for_semicolons_and_defused() {
        assert_eq!(cell("a,b"), "a,b");
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(decimal(12.5, 1), "12,5");
        assert_eq!(decimal(0.0567, 2), "0,06");
        assert!(header().starts_with("Tid (svensk tid);Tidszon;Ärende-id;"));
        assert!(header().ends_with("\r\n"));
    }
}
