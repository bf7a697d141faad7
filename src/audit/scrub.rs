//! Masking what a client wrote into the fields of an audit record (URL path, host, method,
//! user name): every finding is replaced by its placeholder, by the finding's span.
//!
//! The path is read exactly as the proxy inspects it (`body::extract` as a form, then
//! [`Detectors::scan`]), and each finding's span is traced back to the raw path with
//! [`crate::body::Document::source_span`], so that percent-escapes, `+`, fullwidth digits and
//! `=`/`;`/`&` in a segment are masked where they stand. No rule looks at the shape of a
//! segment: whatever the detectors find is masked, and only that.
//!
//! The result is scanned again; should anything still be found (a placeholder next to digits
//! that then read as a number), the field is masked again, and after [`ROUNDS`] rounds it is
//! replaced whole. A path that cannot be read as the proxy reads it is replaced whole too.

use std::ops::Range;

use crate::body::{self, Limits};
use crate::detect::{Detectors, Kind};

/// What a field becomes when it cannot be masked finding by finding.
pub const UNREADABLE: &str = "[UNREADABLE]";

/// Masking rounds before a field is replaced whole.
const ROUNDS: usize = 3;

/// The path without query string or fragment, every finding replaced by its placeholder
/// (`/v1/files/id=[PERSONNUMMER]`).
pub fn path(detectors: &Detectors, limits: &Limits, path: &str) -> String {
    let mut text = match path.find(['?', '#']) {
        Some(end) => path[..end].to_string(),
        None => path.to_string(),
    };
    for _ in 0..ROUNDS {
        let Ok(document) = body::extract(
            text.as_bytes(),
            Some("application/x-www-form-urlencoded"),
            limits,
        ) else {
            return UNREADABLE.to_string();
        };
        let edits: Vec<(Range<usize>, &'static str)> = detectors
            .scan(&document.text)
            .iter()
            .map(|f| (document.source_span(f.span.clone()), f.kind.placeholder()))
            .collect();
        if edits.is_empty() {
            return text;
        }
        text = replace(&text, edits);
    }
    UNREADABLE.to_string()
}

/// `text` (a host, a method: no encoding of its own) with every finding replaced by its
/// placeholder.
pub fn text(detectors: &Detectors, text: &str) -> String {
    masked(detectors, text, |_| true)
}

/// The user name of the trusted user header with every finding but a person's name replaced by
/// its placeholder: the field names the member of staff on purpose ("anna.svensson"), and an
/// identity number in it is masked like anywhere else.
pub fn user(detectors: &Detectors, user: &str) -> String {
    masked(detectors, user, |kind| kind != Kind::PersonName)
}

/// `text` with every finding of a kind that `mask` accepts replaced by its placeholder.
fn masked(detectors: &Detectors, text: &str, mask: impl Fn(Kind) -> bool) -> String {
    let mut text = text.to_string();
    for _ in 0..ROUNDS {
        let edits: Vec<(Range<usize>, &'static str)> = detectors
            .scan(&text)
            .iter()
            .filter(|f| mask(f.kind))
            .map(|f| (f.span.clone(), f.kind.placeholder()))
            .collect();
        if edits.is_empty() {
            return text;
        }
        text = replace(&text, edits);
    }
    UNREADABLE.to_string()
}

/// `text` with each range replaced by its placeholder; overlapping ranges are merged (the
/// first placeholder stands), and ranges are widened to character boundaries.
fn replace(text: &str, mut edits: Vec<(Range<usize>, &'static str)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (range, placeholder) in edits {
        let start = floor_boundary(text, range.start.min(text.len()));
        let end = ceil_boundary(text, range.end.min(text.len()));
        if end <= done {
            continue;
        }
        if start >= done {
            out.push_str(&text[done..start]);
            out.push_str(placeholder);
        }
        done = end.max(done);
    }
    out.push_str(&text[done..]);
    out
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_merge_and_boundaries_hold() {
        let text = "a/ä811218-9876/b";
        let out = replace(text, vec![(3..9, "[X]"), (5..15, "[Y]"), (2..4, "[Z]")]);
        assert_eq!(out, "a/[Z]/b");
        assert_eq!(replace("abc", vec![]), "abc");
        assert_eq!(replace("abc", vec![(1..2, "[X]")]), "a[X]c");
    }

    #[test]
    fn a_user_name_keeps_the_name_and_loses_an_identity_number() {
        let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(user(&detectors, "anna.svensson"), "anna.svensson");
        assert_eq!(user(&detectors, "Anna Svensson"), "Anna Svensson");
        let masked = user(&detectors, "anna.svensson 811218-9876");
        assert!(
            masked.starts_with("anna.svensson ") && !masked.contains("9876"),
            "{masked}"
        );
    }
}
