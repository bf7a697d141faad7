//! Personnummer and samordningsnummer in digit clusters: the written forms and their confidence.
//!
//! Forms (research/swedish-detection.md §1.2 and §8.2): `YYMMDD-NNNC`, `YYMMDD+NNNC`,
//! `YYYYMMDD-NNNC`, with a space or no separator; and the evasion forms `8 5 0 1 0 1 2 3 8 2`,
//! `85.01.01-2382`, `850101-<b>2382</b>`, `850101-\n2382`. Confidence: high with a dash or plus
//! or with an identity keyword within about 300 characters; lower for bare numbers in a phone,
//! invoice or case context (SPEC: reported, not acted on).

use super::context::Context;
use super::date::Date;
use super::digits::{Cluster, GapKind};
use super::finding::{Confidence, Finding, Kind};
use super::personnummer::{Separator, validate};
use super::text::{char_at, char_before, is_word_char};

/// Identity keywords this far (bytes) before or after a number make it sure.
const KEYWORD_WINDOW: usize = 300;
/// Other-number keywords this far before a number lower its confidence.
const OTHER_BEFORE: usize = 40;
/// … or this far after it.
const OTHER_AFTER: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// One run of 10 or 12 digits.
    Bare,
    /// Date and birth number joined by a dash, plus or space.
    Standard(Separator),
    /// A space between every digit.
    Spaced,
    /// `85.01.01-2382`, `1985/01/01-2382`.
    Dotted,
    /// Date and birth number split by markup, a line break or a table cell.
    Split,
}

/// Finds identity numbers in one cluster.
pub fn find(
    text: &str,
    cluster: &Cluster,
    context: &Context<'_>,
    today: Date,
    out: &mut Vec<Finding>,
) {
    let bytes = text.as_bytes();
    let groups = &cluster.groups;
    let mut i = 0;
    while i < groups.len() {
        if i == 0 && char_before(text, groups[0].start).is_some_and(is_word_char) {
            i += 1;
            continue;
        }
        let mut matched = None;
        for (j, form, separator) in candidate_forms(cluster, i) {
            let last = j == groups.len() - 1;
            if last && char_at(text, groups[j].end).is_some_and(is_word_char) {
                continue;
            }
            let digits = cluster.digits(bytes, i, j);
            if let Some(id) = validate(&digits, separator, today) {
                matched = Some((j, form, separator, digits.len(), id));
                break;
            }
        }
        let Some((j, form, separator, len, id)) = matched else {
            i += 1;
            continue;
        };
        let span = groups[i].start..groups[j].end;
        let mut confidence = base_confidence(form, len);
        if context.identity_near(&span, KEYWORD_WINDOW) {
            confidence = Confidence::High;
        } else if context.other_number_near(&span, OTHER_BEFORE, OTHER_AFTER) {
            // SPEC: a phone, invoice or case context lowers separator-less numbers only; a
            // number written with its separator is still acted on.
            confidence = match form {
                Form::Bare => Confidence::Low,
                _ => confidence.min(Confidence::Medium),
            };
        }
        if !id.exact_date {
            confidence = confidence.lowered();
        }
        if id.future {
            confidence = Confidence::Low;
        }
        out.push(
            Finding::new(
                id.kind,
                rule_name(id.kind, form, separator, len),
                span,
                confidence,
            )
            .with_digits(Some(id.canonical)),
        );
        i = j + 1;
    }
}

fn base_confidence(form: Form, len: usize) -> Confidence {
    match form {
        Form::Standard(Separator::Hyphen | Separator::Plus) => Confidence::High,
        Form::Bare if len == 12 => Confidence::Medium,
        _ => Confidence::Medium,
    }
}

/// The forms that start at group `i`, longest first: (last group, form, separator).
fn candidate_forms(cluster: &Cluster, i: usize) -> impl Iterator<Item = (usize, Form, Separator)> {
    let groups = &cluster.groups;
    let gaps = &cluster.gaps;
    let len = |k: usize| groups.get(i + k).map_or(0, |g| g.len());
    let mut forms: [Option<(usize, Form, Separator)>; 5] = [None; 5];
    let mut n = 0;
    let mut push = |form| {
        forms[n] = Some(form);
        n += 1;
    };
    // Spaced forms need single-digit groups only.
    if len(0) == 1 {
        for total in [12, 10] {
            if let Some(separator) = spaced(cluster, i, total) {
                push((i + total - 1, Form::Spaced, separator));
            }
        }
    }
    if matches!((len(0), len(1), len(2), len(3)), (2 | 4, 2, 2, 4)) {
        let (g1, g2, g3) = (gaps[i].kind, gaps[i + 1].kind, gaps[i + 2].kind);
        let date_gap = matches!(
            g1,
            GapKind::Dot | GapKind::Slash | GapKind::Hyphen | GapKind::Space
        );
        let last_gap = matches!(
            g3,
            GapKind::Hyphen | GapKind::Plus | GapKind::Space | GapKind::Dot | GapKind::Slash
        );
        if date_gap && g1 == g2 && last_gap {
            push((i + 3, Form::Dotted, separator_of(g3)));
        }
    }
    if matches!((len(0), len(1)), (6 | 8, 4)) {
        let form = match gaps[i].kind {
            GapKind::Hyphen => Form::Standard(Separator::Hyphen),
            GapKind::Plus => Form::Standard(Separator::Plus),
            GapKind::Space => Form::Standard(Separator::Space),
            GapKind::Other | GapKind::Dot | GapKind::Slash => Form::Split,
            GapKind::Paren => Form::Split,
        };
        let separator = match form {
            Form::Standard(s) => s,
            _ => Separator::Hyphen,
        };
        push((i + 1, form, separator));
    }
    if matches!(len(0), 10 | 12) {
        push((i, Form::Bare, Separator::None));
    }
    forms.into_iter().flatten()
}

fn separator_of(gap: GapKind) -> Separator {
    if gap == GapKind::Plus {
        Separator::Plus
    } else {
        Separator::Hyphen
    }
}

/// `total` single digits from group `i`, separated by spaces, with at most a dash or plus
/// between the date and the birth number.
fn spaced(cluster: &Cluster, i: usize, total: usize) -> Option<Separator> {
    let groups = cluster.groups.get(i..i + total)?;
    if !groups.iter().all(|g| g.len() == 1) {
        return None;
    }
    let date_end = total - 4;
    let mut separator = Separator::Hyphen;
    for (k, gap) in cluster.gaps[i..i + total - 1].iter().enumerate() {
        match gap.kind {
            GapKind::Space => {}
            GapKind::Hyphen if k + 1 == date_end => {}
            GapKind::Plus if k + 1 == date_end => separator = Separator::Plus,
            _ => return None,
        }
    }
    Some(separator)
}

fn rule_name(kind: Kind, form: Form, separator: Separator, len: usize) -> &'static str {
    let coordination = kind == Kind::Samordningsnummer;
    let long = len == 12;
    match (coordination, form, separator, long) {
        (false, Form::Standard(Separator::Space), _, false) => "pnr.short.space",
        (false, Form::Standard(Separator::Space), _, true) => "pnr.long.space",
        (false, Form::Standard(_), _, false) => "pnr.short",
        (false, Form::Standard(_), _, true) => "pnr.long",
        (false, Form::Bare, _, false) => "pnr.short.bare",
        (false, Form::Bare, _, true) => "pnr.long.bare",
        (false, Form::Spaced, _, _) => "pnr.spaced",
        (false, Form::Dotted, _, _) => "pnr.dotted",
        (false, Form::Split, _, _) => "pnr.split",
        (true, Form::Standard(Separator::Space), _, false) => "snr.short.space",
        (true, Form::Standard(Separator::Space), _, true) => "snr.long.space",
        (true, Form::Standard(_), _, false) => "snr.short",
        (true, Form::Standard(_), _, true) => "snr.long",
        (true, Form::Bare, _, false) => "snr.short.bare",
        (true, Form::Bare, _, true) => "snr.long.bare",
        (true, Form::Spaced, _, _) => "snr.spaced",
        (true, Form::Dotted, _, _) => "snr.dotted",
        (true, Form::Split, _, _) => "snr.split",
    }
}
