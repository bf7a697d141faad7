//! Records as CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, a quote or a
//! line break, quotes doubled), safe to open in a spreadsheet.
//!
//! # Formula injection
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
//! carriage return) as a formula. A path or a user name comes from a client and could be
//! `=HYPERLINK(…)`; such a cell gets a leading `'`, which spreadsheets show as text (OWASP's
//! advice). The cell then differs from the log by that one character.

use std::borrow::Cow;

use super::kinds_text;
use crate::audit::record::Record;

/// The header line (with CRLF).
pub const HEADER: &str = "time,incident,action,reason,service,host,method,path,client,user,\
kinds,masked,key_hashes\r\n";

/// One record as a CSV line (with CRLF).
pub fn line(record: &Record) -> String {
    let findings = &record.sluss.findings;
    let masked: Vec<&str> = findings.iter().map(|f| f.masked.as_str()).collect();
    let hashes: Vec<&str> = findings
        .iter()
        .filter_map(|f| f.key_hash.as_deref())
        .collect();
    let cells = [
        crate::audit::time::format(record.timestamp),
        record.event.id.to_string(),
        record.event.action.as_str().to_string(),
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
        kinds_text(record, " "),
        masked.join(" "),
        hashes.join(" "),
    ];
    cells_line(&cells, ',')
}

/// The cells, each made safe with [`cell_in`], joined by `separator` and ended by CRLF.
pub fn cells_line<S: AsRef<str>>(cells: &[S], separator: char) -> String {
    let mut line = String::with_capacity(256);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(separator);
        }
        line.push_str(&cell_in(cell.as_ref(), separator));
    }
    line.push_str("\r\n");
    line
}

/// One cell of the comma-separated file: defused if it would start a formula, quoted if it
/// must be.
pub fn cell_text(text: &str) -> Cow<'_, str> {
    cell_in(text, ',')
}

/// One cell of a file separated by `separator`: defused if it would start a formula, quoted
/// if it holds the separator, `"` or a line break.
pub fn cell_in(text: &str, separator: char) -> Cow<'_, str> {
    let defused: Cow<'_, str> = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    };
    if defused.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\"")).into()
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_as_rfc_4180_says() {
        assert_eq!(cell_text("plain"), "plain");
        assert_eq!(cell_text("a,b"), "\"a,b\"");
        assert_eq!(cell_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell_text("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(cell_text(""), "");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell_text("=1+1"), "'=1+1");
        assert_eq!(cell_text("+46701234567"), "'+46701234567");
        assert_eq!(cell_text("-2+3"), "'-2+3");
        assert_eq!(cell_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell_text("\t=x"), "'\t=x");
        assert_eq!(
            cell_text("=HYPERLINK(\"http://x\",\"a\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\""
        );
        assert_eq!(cell_text("a=b"), "a=b");
    }
}
