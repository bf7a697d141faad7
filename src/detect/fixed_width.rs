//! Identity numbers inside fixed-width records whose layout the text states.
//!
//! An export from a payroll or case system is often a file of fixed-width records: every field
//! a number of characters, nothing between them ("0041778301012467000032150"). The digit
//! scanner sees one long run and rightly finds nothing in it. When the text also states the
//! layout ("Fälten är anst.nr 6 tecken, pnr 10 tecken, belopp 9 tecken"), the identity field
//! has a known place in every record: the characters there are read as the number they are.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::context::Context;
use super::date::Date;
use super::finding::{Confidence, Finding};
use super::personnummer::{self, Separator};
use super::text::floor_boundary;

/// A field of a stated layout: its name, then its width and a unit ("pnr 10 tecken",
/// "ssn: 12 chars").
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([a-zåäö][a-zåäö0-9_.\-]*)\s*:?\s+(\d{1,3})\s+(?:tecken|positioner|pos|siffror|chars|characters|bytes|digits)\b",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Field names of an identity number.
const ID_FIELDS: &[&str] = &[
    "pnr",
    "personnummer",
    "personnr",
    "pers.nr",
    "persnr",
    "samordningsnummer",
    "ssn",
    "personal_number",
    "person_id",
];

/// Units of a field's width; the text is read only when one of them stands in it.
const UNITS: &[&str] = &[
    " tecken",
    " positioner",
    " chars",
    " characters",
    " siffror",
];

/// Finds the identity numbers in the records after a stated layout with an identity field.
pub fn find(text: &str, lower: &str, context: &Context<'_>, today: Date, out: &mut Vec<Finding>) {
    // The layout names the identity field with an identity keyword ("pnr", "personnummer"),
    // which the keyword automaton has already found; only the line around one is read, and
    // at most [`LAYOUT_REACH`] bytes of it on either side.
    let mut read_to = 0;
    for hit in context.identity_keywords() {
        if hit.start < read_to {
            continue;
        }
        let lo = floor_boundary(lower, hit.start.saturating_sub(LAYOUT_REACH));
        let hi = floor_boundary(lower, (hit.end + LAYOUT_REACH).min(lower.len()));
        let line_start =
            memchr::memrchr(b'\n', &lower.as_bytes()[lo..hit.start]).map_or(lo, |i| lo + i + 1);
        let line_end =
            memchr::memchr(b'\n', &lower.as_bytes()[hit.end..hi]).map_or(hi, |i| hit.end + i + 1);
        read_to = line_end;
        let line = &lower[line_start..line_end];
        if !UNITS.iter().any(|u| line.contains(u)) {
            continue;
        }
        if let Some(field) = identity_field(line) {
            records(text, line_end, field, today, out);
        }
    }
}

/// Bytes read around an identity keyword for the layout it belongs to.
const LAYOUT_REACH: usize = 240;

/// The offset and width of the identity field a line's layout states, if one.
fn identity_field(line: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for caps in FIELD.captures_iter(line) {
        let name = caps.get(1)?.as_str().trim_end_matches(['.', ':']);
        let width: usize = caps.get(2)?.as_str().parse().ok()?;
        if ID_FIELDS.contains(&name) {
            return matches!(width, 10 | 12).then_some(offset..offset + width);
        }
        offset += width;
    }
    None
}

/// Lines of other text allowed between a layout and its records.
const MAX_LINES_BEFORE_RECORDS: usize = 4;

/// Reads the field at `field` in every record line after `from`: a line of letters, digits and
/// spaces at least as long as the field's end, up to the first line after them that is none.
fn records(text: &str, from: usize, field: Range<usize>, today: Date, out: &mut Vec<Finding>) {
    let mut start = from;
    let mut seen = false;
    let mut skipped = 0;
    for line in text[from..].split_inclusive('\n') {
        let record = line.trim_end_matches(['\n', '\r']);
        let is_record = record.len() >= field.end
            && record
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b' ');
        if is_record {
            seen = true;
            let digits = &record.as_bytes()[field.clone()];
            if let Some(id) = personnummer::validate(digits, Separator::None, today)
                && id.exact_date
                && !id.future
            {
                let span = start + field.start..start + field.end;
                out.push(
                    Finding::new(id.kind, "pnr.fixed_width", span, Confidence::High)
                        .with_digits(Some(id.canonical)),
                );
            }
        } else {
            // The records follow the layout after at most a few lines of other text, and end
            // at the first line that is none.
            skipped += 1;
            if seen || skipped > MAX_LINES_BEFORE_RECORDS {
                break;
            }
        }
        start += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let detectors =
            crate::detect::Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        let today = Date::new(2026, 12, 4).unwrap_or_else(|| unreachable!());
        detectors
            .scan_on(text, today)
            .into_iter()
            .filter(|f| f.rule == "pnr.fixed_width")
            .map(|f| text[f.span].to_string())
            .collect()
    }

    #[test]
    fn the_stated_identity_field_is_read_in_every_record() {
        let text = "Fälten är anst.nr 6 tecken, pnr 10 tecken, belopp 9 tecken.\n\n\
                    0041778301012467000032150\n0041797204126648000029870\n";
        assert_eq!(found(text), ["8301012467", "7204126648"]);
    }

    #[test]
    fn no_identity_field_or_no_valid_number_finds_nothing() {
        let layout = "Fälten är anst.nr 6 tecken, kod 10 tecken, belopp 9 tecken.\n\n\
                      0041778301012467000032150\n";
        assert!(found(layout).is_empty());
        let invalid = "Fälten är anst.nr 6 tecken, pnr 10 tecken, belopp 9 tecken.\n\n\
                       0041778301012468000032150\n";
        assert!(found(invalid).is_empty());
    }
}
