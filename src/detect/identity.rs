//! Personnummer and samordningsnummer in digit clusters: the written forms and their confidence.
//!
//! Forms (research/swedish-detection.md §1.2 and §8.2): `YYMMDD-NNNC`, `YYMMDD+NNNC`,
//! `YYYYMMDD-NNNC`, with a space or no separator; and the evasion forms `8 5 0 1 0 1 2 3 8 2`,
//! `85.01.01-2382`, `850101-<b>2382</b>`, `850101-\n2382`, digits read out in groups
//! (`85 01 01 23 82`, `196 803 224 515`) and letters typed for digits (`9OIOOI-2I86`, O for zero,
//! l or I for one). Confidence: high with a dash or plus or with an identity keyword within about
//! 300 characters; lower for bare numbers in a phone, invoice or case context (SPEC: reported,
//! not acted on). Phone words lower only numbers that can be phone numbers (a Swedish number
//! starts with 0); a number that an other-number keyword lowered is an identity number after all
//! when it is attached to a person: a name, a role word or "född" just before it on its line
//! ([`attach_to_persons`]).

use std::ops::Range;

use super::context::Context;
use super::date::Date;
use super::digits::{Cluster, DigitString, Gap, GapKind, read_cluster};
use super::finding::{Confidence, Finding, Kind};
use super::personnummer::{IdNumber, Separator, validate};
use super::text::{
    ceil_boundary, char_at, char_before, floor_boundary, is_word_char, line_around,
    trailing_run_start, words_after,
};

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
    /// Digits read out in groups of two to four separated by spaces: `85 01 01 23 82`.
    Grouped,
}

/// Finds identity numbers in one cluster. The spans of findings that an other-number keyword
/// lowered (or that are only groups of digits) are added to `pending`, for
/// [`attach_to_persons`].
pub fn find(
    text: &str,
    cluster: &Cluster,
    context: &Context<'_>,
    today: Date,
    out: &mut Vec<Finding>,
    pending: &mut Vec<Range<usize>>,
) {
    find_at(text, 0, cluster, context, today, out, pending);
}

/// [`find`] in `text`, a copy of the scanned text from byte `base` on (spans and context
/// lookups are shifted by `base`).
fn find_at(
    text: &str,
    base: usize,
    cluster: &Cluster,
    context: &Context<'_>,
    today: Date,
    out: &mut Vec<Finding>,
    pending: &mut Vec<Range<usize>>,
) {
    let groups = &cluster.groups;
    let mut i = 0;
    while i < groups.len() {
        if i == 0 && char_before(text, groups[0].start).is_some_and(is_word_char) {
            i += 1;
            continue;
        }
        let Some(m) = match_at(text, cluster, i, today) else {
            i += 1;
            continue;
        };
        let span = base + groups[i].start..base + groups[m.last].end;
        let local = groups[i].start..groups[m.last].end;
        let stamp = file_stamp(text, local.clone(), &m.digits) || log_stamp(text, local, &m.digits);
        let (confidence, waits) = judge((text, base), &m, &span, context, stamp);
        if waits {
            pending.push(span.clone());
        }
        out.push(
            Finding::new(
                m.id.kind,
                rule_name(m.id.kind, m.form, m.separator, m.digits.len()),
                span,
                confidence,
            )
            .with_digits(Some(m.id.canonical)),
        );
        i = m.last + 1;
    }
}

/// A valid number starting at a group of a cluster.
struct Match {
    last: usize,
    form: Form,
    separator: Separator,
    digits: DigitString,
    id: IdNumber,
}

/// The longest form starting at group `i` whose digits validate.
fn match_at(text: &str, cluster: &Cluster, i: usize, today: Date) -> Option<Match> {
    let groups = &cluster.groups;
    candidate_forms(text.as_bytes(), cluster, i).find_map(|(last, form, separator)| {
        let at_end = last == groups.len() - 1;
        if at_end && char_at(text, groups[last].end).is_some_and(is_word_char)
            || form == Form::Grouped && amount(text, groups[last].end)
        {
            return None;
        }
        let digits = cluster.digits(text.as_bytes(), i, last);
        let id = validate(&digits, separator, today)?;
        Some(Match {
            last,
            form,
            separator,
            digits,
            id,
        })
    })
}

/// The confidence of a match at `span`, and whether it waits for the names
/// ([`attach_to_persons`]): a number attached to a person is an identity number after all.
fn judge(
    (text, base): (&str, usize),
    m: &Match,
    span: &Range<usize>,
    context: &Context<'_>,
    stamp: bool,
) -> (Confidence, bool) {
    let (form, digits, id) = (m.form, &m.digits, &m.id);
    // A Swedish phone number starts with 0: phone words say nothing about other numbers
    // (a 12-digit number starting 19 or 20 never is one).
    let phone_shaped = digits.first() == Some(&b'0') && digits.len() == 10;
    // 0702198763 is as much a mobile number as the number of someone born in 2007.
    let mobile = form == Form::Bare && mobile_shaped(digits);
    // Ten digits read out in five pairs ("29 03 17 08 23": five groups of two or more digits
    // with one space between, 14 bytes) that is no phone number is how people dictate or copy
    // a personnummer; other groupings ("850 101 2382") stay low.
    let five_pairs =
        form == Form::Grouped && digits.len() == 10 && !phone_shaped && span.len() == 14;
    let mut confidence = if mobile {
        Confidence::Low
    } else if five_pairs {
        Confidence::Medium
    } else {
        base_confidence(form, m.separator, digits.len())
    };
    let mut lowered = false;
    if context.identity_near(span, KEYWORD_WINDOW) || personal_account(text, base, span) {
        confidence = Confidence::High;
    } else if stamp {
        // A date and a time in a file name: `export_20240312-0815.csv`. Words glued to it
        // ("Diariet_FULL_") are parts of the file name, not a person it is attached to.
        confidence = Confidence::Low;
    } else if other_near(text, base, context, span, phone_shaped) {
        // SPEC: a phone, invoice or case context lowers separator-less numbers only; a
        // number written with its separator is still acted on.
        // Groups with a dash or plus right where the birth number starts ("07 12 05 - 36 28")
        // are written with the separator, like `071205-3628`.
        confidence = match form {
            Form::Bare => Confidence::Low,
            Form::Grouped if m.separator == Separator::Space => Confidence::Low,
            _ => confidence.min(Confidence::Medium),
        };
        lowered = confidence == Confidence::Low;
    }
    // A coordination number whose day does not exist in its month (31 November, 30
    // February) is no number Skatteverket issues: reported, never blocked by default.
    if !id.exact_date {
        confidence = Confidence::Low;
    }
    if id.future {
        confidence = Confidence::Low;
    }
    let waits = id.exact_date
        && !id.future
        && confidence == Confidence::Low
        && (lowered || form == Form::Grouped || mobile)
        && (!phone_shaped || mobile);
    (confidence, waits)
}

/// An account number behind Nordea's clearing number 3300 (a *personkonto*): the account number
/// is the holder's personnummer ("Clearing: 3300\nKontonr: 8309278615", "3300-8309278615").
fn personal_account(text: &str, base: usize, span: &Range<usize>) -> bool {
    const REACH: usize = 80;
    let Some(at) = span.start.checked_sub(base) else {
        return false;
    };
    let from = floor_boundary(text, at.saturating_sub(REACH));
    // ASCII lower case keeps every byte offset.
    let before = text[from..floor_boundary(text, at)].to_ascii_lowercase();
    before.match_indices("3300").any(|(i, _)| {
        let whole = !before[..i].ends_with(|c: char| c.is_ascii_digit())
            && !before[i + 4..].starts_with(|c: char| c.is_ascii_digit());
        // Right before the account number ("3300-8309278615", "3300 8309278615"), or named
        // as the clearing number ("Clearing: 3300", "clnr 3300").
        let glued = before[i + 4..]
            .trim_start_matches([' ', '-', ','])
            .is_empty();
        let named = ["clearing", "clnr", "clear.nr"]
            .iter()
            .filter_map(|w| before[..i].rfind(w))
            .any(|c| i - c < 30);
        whole && (glued || named)
    })
}

/// A date and a time glued into a file name or an identifier (`IMG_20240615-1432.jpg`,
/// `backup-20231105-0245.bak`): the last four digits are a time of day (HHMM) and the number
/// is joined to the word before it by `_`, `-` or `.`, or to an extension or `_` after it. An
/// identity keyword near it still makes it an identity number.
fn file_stamp(text: &str, span: Range<usize>, digits: &[u8]) -> bool {
    let Some(time) = digits.get(digits.len().saturating_sub(4)..) else {
        return false;
    };
    let num = |d: &[u8]| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    if time.len() != 4 || num(&time[..2]) > 23 || num(&time[2..]) > 59 {
        return false;
    }
    let glued_left = match char_before(text, span.start) {
        Some('_') => true,
        Some('-' | '.') => char_before(text, span.start - 1).is_some_and(char::is_alphanumeric),
        _ => false,
    };
    let glued_right = match char_at(text, span.end) {
        Some('_') => true,
        Some('.') => char_at(text, span.end + 1).is_some_and(|c| c.is_ascii_alphabetic()),
        _ => false,
    };
    glued_left || glued_right
}

/// The last four digits are a time of day (HHMM).
fn clock(digits: &[u8]) -> bool {
    let num = |d: &[u8]| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    digits.len() >= 4 && {
        let time = &digits[digits.len() - 4..];
        num(&time[..2]) <= 23 && num(&time[2..]) <= 59
    }
}

/// Words that follow the timestamp of a log line: its level.
const LOG_LEVELS: &[&str] = &[
    "info", "warn", "warning", "error", "err", "debug", "trace", "fatal", "crit", "critical",
    "notice", "alert", "emerg",
];

/// A date and a time of day written as the timestamp of a log line (`260314-0845 WARN auth
/// failed`, `260314-0846:12 INFO …`): the last four digits are a time, and a log level (or
/// a bracketed field) follows it, or the line before or after opens with a timestamp of the
/// same day. A column of identity numbers of one birth date is rare; of one day's times in a
/// log, the rule.
fn log_stamp(text: &str, span: Range<usize>, digits: &[u8]) -> bool {
    if !clock(digits) || span.end - span.start > 16 {
        return false;
    }
    let rest = &text[span.end..];
    // Seconds after the time: "0845:12".
    let rest = match rest.as_bytes() {
        [b':', a, b, ..] if a.is_ascii_digit() && b.is_ascii_digit() => &rest[3..],
        _ => rest,
    };
    let leveled = rest.starts_with([' ', '\t']) && {
        let next = rest.trim_start_matches([' ', '\t']);
        next.starts_with('[')
            || next
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .is_some_and(|w| LOG_LEVELS.iter().any(|l| w.eq_ignore_ascii_case(l)))
    };
    leveled || same_day_column(text, &span)
}

/// The line before or after the line of the number at `span` (which opens its line) opens
/// with the same date and separator and then a time of day.
fn same_day_column(text: &str, span: &Range<usize>) -> bool {
    let line = line_around(text, span.start);
    if !text[line.start..span.start].trim().is_empty() {
        return false;
    }
    let stamp = &text[span.clone()];
    let Some(date_part) = stamp.get(..stamp.len().saturating_sub(4)) else {
        return false;
    };
    let opens_alike = |l: &str| {
        let l = l.trim_start();
        l.get(..stamp.len()).is_some_and(|head| {
            head.starts_with(date_part)
                && head.as_bytes()[date_part.len()..]
                    .iter()
                    .all(u8::is_ascii_digit)
                && clock(head.as_bytes())
        })
    };
    let previous = text[..line.start.saturating_sub(1)].rsplit('\n').next();
    let next = text.get(line.end + 1..).and_then(|t| t.split('\n').next());
    line.start > 0 && previous.is_some_and(opens_alike) || next.is_some_and(opens_alike)
}

/// Ten digits that read as a Swedish mobile number: 070, 072, 073, 076 or 079 and seven more.
fn mobile_shaped(digits: &[u8]) -> bool {
    digits.len() == 10
        && digits.starts_with(b"07")
        && matches!(digits[2], b'0' | b'2' | b'3' | b'6' | b'9')
}

/// An other-number keyword near `span`: any (phone words too) for a number shaped like a
/// phone number, only the others (OCR, order, ärende …) for one that cannot be a phone number.
/// A keyword the text says is missing ("ett brev utan dnr", "no case number") names no number.
fn other_near(
    text: &str,
    base: usize,
    context: &Context<'_>,
    span: &Range<usize>,
    phone_shaped: bool,
) -> bool {
    // Phone words say nothing about a number that cannot be a phone number. A keyword after
    // the number past a field separator labels the next field ("subject=197104302760,
    // orderRef=8f3a…"), and one before it past a question or a blank line belongs to the
    // request, not to the number ("… per vecka, störst först?\n\n194112035813  Hemtjänst").
    let gap = |a: usize, b: usize| text.get(a.saturating_sub(base)..b.saturating_sub(base));
    context.other_number_near(span, OTHER_BEFORE, OTHER_AFTER, |r| {
        let next_field = r.start >= span.end
            && gap(span.end, r.start).is_some_and(|g| g.contains([',', ';', '|', '\t', '\n', '&']));
        let request = r.end <= span.start
            && gap(r.end, span.start).is_some_and(|g| g.contains(['?', '!']) || g.contains("\n\n"));
        !next_field
            && !request
            && !lacking(text, base, r.start)
            && (phone_shaped || !context.is_phone_keyword(r))
    })
}

/// True when the word before byte `at` (of the scanned text; `text` starts at `base`) says
/// that what follows is lacking: "utan", "inget", "saknar", "without", "no".
fn lacking(text: &str, base: usize, at: usize) -> bool {
    let Some(at) = at.checked_sub(base).filter(|&a| text.is_char_boundary(a)) else {
        return false;
    };
    let before = text[..at].trim_end_matches(' ');
    let word = &before[trailing_run_start(before, char::is_alphanumeric)..];
    ["utan", "inget", "ingen", "saknar", "without", "no"]
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// A currency or unit right after `end`: "198 501 012 382 kr" is an amount.
fn amount(text: &str, end: usize) -> bool {
    const UNITS: &[&str] = &[
        "kr",
        "kronor",
        "sek",
        "mkr",
        "tkr",
        "mdkr",
        "miljoner",
        "miljarder",
        "euro",
        "eur",
        "usd",
        "dollar",
        "st",
        "ton",
        "kg",
        "invånare",
        "procent",
    ];
    let rest = &text[end..];
    rest.starts_with([':', '%', '€', '$'])
        || words_after(rest, 0..rest.len().min(16), 0, 1)
            .first()
            .is_some_and(|w| UNITS.contains(&w.to_lowercase().as_str()))
}

/// How far before a number a person's name, a role word or "född" attaches it to the person.
const ATTACH_BEFORE: usize = 48;
/// … and how far after it a name does ("8501012382 Anna Svensson" in a table row).
const ATTACH_AFTER: usize = 16;
/// Longest name span considered (bytes).
const MAX_NAME: usize = 128;

/// Raises the identity numbers at the spans in `pending` that are attached to a person to
/// medium: a person's name (medium or surer) or a role word or "född" just before it
/// on its line, or a name just after it, with no other-number keyword between. "Ringt: Yasmin
/// Ahmadi 9401130589", "elev 8501012382, ärende 12", "Ärende: Anna Ek 8501012382".
pub fn attach_to_persons(
    text: &str,
    findings: &mut [Finding],
    pending: &[Range<usize>],
    context: &Context<'_>,
) {
    if pending.is_empty() {
        return;
    }
    let mut names: Vec<Range<usize>> = findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName && f.confidence >= Confidence::Medium)
        .map(|f| f.span.clone())
        .collect();
    names.sort_by_key(|r| r.start);
    let mut pending = pending.to_vec();
    pending.sort_by_key(|r| (r.start, r.end));
    for f in findings.iter_mut() {
        let waiting = f.kind.is_identity_number()
            && f.confidence == Confidence::Low
            && pending
                .binary_search_by_key(&(f.span.start, f.span.end), |r| (r.start, r.end))
                .is_ok();
        if waiting && attached(text, f, &names, context) {
            f.confidence = Confidence::Medium;
        }
    }
}

/// Is the number `f` attached to a person: a name (in `names`, sorted by start), a role word
/// or a person keyword just before it, or a name just after it, on its line and with no
/// other-number keyword between?
fn attached(text: &str, f: &Finding, names: &[Range<usize>], context: &Context<'_>) -> bool {
    let span = &f.span;
    let line = line_around(text, span.start);
    let lo = ceil_boundary(text, span.start.saturating_sub(ATTACH_BEFORE)).max(line.start);
    let hi = (span.end + ATTACH_AFTER).min(line.end);
    // A mobile number stands next to names and role words as often as an identity number
    // does: only "född", "namn" and the like attach it.
    let mobile = f.rule.ends_with("short.bare")
        && f.digits
            .is_some_and(|d| mobile_shaped(&d.expose().as_bytes()[2..]));
    let first = names.partition_point(|n| n.start + MAX_NAME < lo);
    let near = || {
        names[first..]
            .iter()
            .take_while(|n| n.start < hi)
            .filter(|_| !mobile)
    };
    let name_before = near()
        .filter(|n| n.end > lo && n.end <= span.start)
        .map(|n| n.end)
        .max();
    let word_before = if mobile {
        context.person_keyword_ending_in(lo, span.start)
    } else {
        context.person_word_ending_in(lo, span.start)
    };
    let attached_before = name_before
        .max(word_before)
        .is_some_and(|end| !context.other_number_within(end, span.start));
    attached_before
        || near().any(|n| n.start >= span.end && !context.other_number_within(span.end, n.start))
        || !mobile
            && (about_number(&text[lo..span.start]) || subject_line(&text[line.start..span.start]))
}

/// The number is what the words before it are about, not their own number: "faktura för
/// 9207271462", "ärende avseende 8501012382", "invoice for …". An invoice's or a case's own
/// number follows its noun directly ("faktura 12345", "fakturanummer …", "ärende nr …").
fn about_number(before: &str) -> bool {
    const ABOUT: &[&str] = &[
        "för",
        "avseende",
        "gällande",
        "angående",
        "ang",
        "rörande",
        "beträffande",
        "for",
        "regarding",
        "concerning",
    ];
    before
        .trim_end_matches([' ', ':'])
        .trim_end_matches('.')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| {
            ABOUT
                .iter()
                .any(|a| w.eq_ignore_ascii_case(a) || w == "För")
        })
}

/// The head of the line before the number is an e-mail subject ("Ämne: SV: Ang. 8501012382",
/// "Subject: RE: 8501012382 – komplettering"): what a subject names is what the mail is about.
fn subject_line(head: &str) -> bool {
    let h = head.trim_start_matches(|c: char| c.is_whitespace() || "*_>#".contains(c));
    ["ämne:", "subject:", "Ämne:"]
        .iter()
        .any(|p| h.get(..p.len()).is_some_and(|x| x.eq_ignore_ascii_case(p)))
}

/// Words that may hide an identity number behind letters typed for digits: O or o for zero,
/// l, I or | for one, mixed with at least one digit (`9OIOOI`, `l97l0ll9`, `83O31O`).
pub fn confusable_word(b: &[u8], start: usize, end: usize) -> bool {
    let len = end - start;
    if !(2..=MAX_CONFUSABLE).contains(&len) || !confusable(b[start]) && !b[start].is_ascii_digit() {
        return false;
    }
    let word = &b[start..end];
    word.iter().all(|&c| c.is_ascii_digit() || confusable(c))
        && word.iter().any(u8::is_ascii_digit)
        && word.iter().any(|&c| confusable(c))
}

/// A character typed for a digit inside a number (O for 0; l, I or | for 1).
pub fn confusable(c: u8) -> bool {
    matches!(c, b'O' | b'o' | b'l' | b'I' | b'|')
}

/// Longest word that [`confusable_word`] considers (a 12-digit number with its separator).
const MAX_CONFUSABLE: usize = 13;
/// Bytes read from a confusable word on for the number it may start.
const CONFUSABLE_WINDOW: usize = 32;

/// Finds an identity number written with letters for digits, starting at the word at `start`
/// of the normalised `text`. The letters are read as digits in every word of digits and such
/// letters in a short window, and the window is scanned like a digit cluster; only a number that
/// needed a substitution and keeps at least four real digits is reported (rule `pnr.letters`).
/// Returns where the next search may start.
pub fn find_confusable(
    text: &str,
    start: usize,
    context: &Context<'_>,
    today: Date,
    out: &mut Vec<Finding>,
    pending: &mut Vec<Range<usize>>,
) -> usize {
    let b = text.as_bytes();
    // Letters in the birth number only ("651203-371O"): the number starts at the date before
    // the dash.
    let start = date_before_dash(b, start).unwrap_or(start);
    let mut line_end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |i| start + i);
    // A number split over a line break after its dash or a digit ("74O6O1-\n9575") goes on on
    // the next line.
    let split = b[start..line_end]
        .trim_ascii_end()
        .last()
        .is_some_and(|&c| c == b'-' || c.is_ascii_digit() || confusable(c));
    if split && line_end < b.len() && line_end < start + CONFUSABLE_WINDOW {
        line_end = memchr::memchr(b'\n', &b[line_end + 1..]).map_or(b.len(), |i| line_end + 1 + i);
    }
    let mut end = (start + CONFUSABLE_WINDOW).min(line_end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut window: Vec<u8> = b[start..end].to_vec();
    substitute(&mut window);
    let Ok(window) = String::from_utf8(window) else {
        return start + 1;
    };
    let Some(first) = window.bytes().position(|c| c.is_ascii_digit()) else {
        return start + 1;
    };
    if first != 0 {
        return start + 1;
    }
    let mut cluster = Cluster::default();
    let next = read_cluster(&window, 0, &mut cluster);
    let (mut found, mut lowered) = (Vec::new(), Vec::new());
    find_at(
        &window,
        start,
        &cluster,
        context,
        today,
        &mut found,
        &mut lowered,
    );
    for mut f in found {
        let original = &b[f.span.clone()];
        let real_digits = original.iter().filter(|c| c.is_ascii_digit()).count();
        if real_digits < 4 || !original.iter().any(|&c| confusable(c)) {
            continue;
        }
        f.rule = if f.kind == Kind::Samordningsnummer {
            "snr.letters"
        } else {
            "pnr.letters"
        };
        if lowered.contains(&f.span) {
            pending.push(f.span.clone());
        }
        out.push(f);
    }
    start + next.max(1)
}

/// Where the date of a number starts when a dash or plus right before `at` ends six or eight
/// digits (or letters typed for digits) that start a word.
fn date_before_dash(b: &[u8], at: usize) -> Option<usize> {
    let dash = at.checked_sub(1).filter(|&d| matches!(b[d], b'-' | b'+'))?;
    let from = b[..dash]
        .iter()
        .rposition(|&c| !(c.is_ascii_digit() || confusable(c)))
        .map_or(0, |p| p + 1);
    let starts_word = from == 0 || !b[from - 1].is_ascii_alphanumeric();
    (matches!(dash - from, 6 | 8) && starts_word && b[from].is_ascii_digit()).then_some(from)
}

/// Reads O/o as 0 and l/I/| as 1 in every word of `window` made of digits and those letters
/// only (and holding a digit), so "Omar" stays a name.
fn substitute(window: &mut [u8]) {
    let mut i = 0;
    while i < window.len() {
        let end = window[i..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'|')
            .map_or(window.len(), |p| i + p);
        let word = &mut window[i..end];
        if word.iter().all(|&c| c.is_ascii_digit() || confusable(c))
            && word.iter().any(u8::is_ascii_digit)
        {
            for c in word.iter_mut() {
                *c = match *c {
                    b'O' | b'o' => b'0',
                    b'l' | b'I' | b'|' => b'1',
                    other => other,
                };
            }
        }
        i = end + 1;
    }
}

fn base_confidence(form: Form, separator: Separator, len: usize) -> Confidence {
    match form {
        Form::Standard(Separator::Hyphen | Separator::Plus) => Confidence::High,
        // Groups of digits read as a phone number when they start with 0, and as any number
        // when they do not; a 12-digit number starting 19 or 20 is a birth date, and a dash
        // or plus right where the birth number starts (`69 03 23-57 26`) is a personnummer's.
        Form::Grouped if len == 12 || separator != Separator::Space => Confidence::Medium,
        Form::Grouped => Confidence::Low,
        _ => Confidence::Medium,
    }
}

/// The forms that start at group `i`, longest first: (last group, form, separator).
fn candidate_forms(
    text: &[u8],
    cluster: &Cluster,
    i: usize,
) -> impl Iterator<Item = (usize, Form, Separator)> {
    let groups = &cluster.groups;
    let gaps = &cluster.gaps;
    let len = |k: usize| groups.get(i + k).map_or(0, |g| g.len());
    let mut forms: [Option<(usize, Form, Separator)>; 8] = [None; 8];
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
        // "2025-05-01 – 2027-04-30": a dash before a year that goes on as a date the same way
        // joins two dates of a range, not a date and its birth number.
        let range =
            g3 == GapKind::Hyphen && len(4) == 2 && gaps.get(i + 3).is_some_and(|g| g.kind == g1);
        if date_gap && g1 == g2 && last_gap && !range {
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
    if let Some(form) = wrapped(text, cluster, i) {
        push(form);
    }
    if matches!(len(0), 10 | 12) {
        push((i, Form::Bare, Separator::None));
    }
    if (2..=4).contains(&len(0)) {
        for (last, separator) in grouped(cluster, i).into_iter().flatten() {
            push((last, Form::Grouped, separator));
        }
    }
    forms.into_iter().flatten()
}

/// Groups of two to four digits from group `i` on, joined by spaces (a dash or plus only where
/// the birth number starts), that make up exactly the whole cluster with 10 or 12 digits and at
/// least three groups: `85 01 01 23 82`, `196 803 224 515`, `8501 01-23 82`. The whole cluster,
/// so that a row of figures in a table is not read as one.
fn grouped(cluster: &Cluster, i: usize) -> [Option<(usize, Separator)>; 2] {
    let groups = &cluster.groups;
    let mut found = [None, None];
    if i != 0 || groups.len() < 3 {
        return found;
    }
    let mut total = 0;
    let mut separator = Separator::Space;
    for (k, group) in groups.iter().enumerate() {
        let len = group.len();
        if !(2..=4).contains(&len) {
            return found;
        }
        if k > 0 {
            match cluster.gaps[k - 1].kind {
                GapKind::Space => {}
                GapKind::Hyphen if total == 6 || total == 8 => separator = Separator::Hyphen,
                GapKind::Plus if total == 6 => separator = Separator::Plus,
                _ => return found,
            }
        }
        total += len;
    }
    let last = groups.len() - 1;
    match total {
        12 => found[0] = Some((last, separator)),
        10 => found[1] = Some((last, separator)),
        _ => {}
    }
    found
}

fn separator_of(gap: GapKind) -> Separator {
    if gap == GapKind::Plus {
        Separator::Plus
    } else {
        Separator::Hyphen
    }
}

/// A number wrapped at a line break that is not its separator: in the date (`5508\n17-4926`),
/// in the birth number (`20171205-23\n70`) or, without a separator, anywhere
/// (`19550817\n4926`). Text copied from a narrow column or a log wraps so.
fn wrapped(text: &[u8], cluster: &Cluster, i: usize) -> Option<(usize, Form, Separator)> {
    let groups = &cluster.groups;
    let gaps = &cluster.gaps;
    let len = |k: usize| groups.get(i + k).map_or(0, |g| g.len());
    let wrap = |k: usize| gaps.get(i + k).is_some_and(|g| line_wrap(text, g));
    let joins = |k: usize| {
        gaps.get(i + k)
            .is_some_and(|g| matches!(g.kind, GapKind::Hyphen | GapKind::Plus))
    };
    if wrap(0) && joins(1) && matches!(len(0) + len(1), 6 | 8) && len(2) == 4 {
        return Some((i + 2, Form::Split, separator_of(gaps[i + 1].kind)));
    }
    if joins(0) && wrap(1) && matches!(len(0), 6 | 8) && len(1) + len(2) == 4 {
        return Some((i + 2, Form::Split, separator_of(gaps[i].kind)));
    }
    if wrap(0) && matches!(len(0) + len(1), 10 | 12) && len(0) >= 2 && len(1) >= 2 {
        return Some((i + 1, Form::Split, Separator::None));
    }
    None
}

/// A gap that is one line break, with at most spaces or a carriage return around it.
fn line_wrap(text: &[u8], gap: &Gap) -> bool {
    let bytes = &text[gap.span.0..gap.span.1];
    bytes.iter().filter(|&&b| b == b'\n').count() == 1
        && bytes.iter().all(|b| matches!(b, b'\n' | b'\r' | b' '))
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
        (false, Form::Grouped, _, _) => "pnr.grouped",
        (true, Form::Standard(Separator::Space), _, false) => "snr.short.space",
        (true, Form::Standard(Separator::Space), _, true) => "snr.long.space",
        (true, Form::Standard(_), _, false) => "snr.short",
        (true, Form::Standard(_), _, true) => "snr.long",
        (true, Form::Bare, _, false) => "snr.short.bare",
        (true, Form::Bare, _, true) => "snr.long.bare",
        (true, Form::Spaced, _, _) => "snr.spaced",
        (true, Form::Dotted, _, _) => "snr.dotted",
        (true, Form::Split, _, _) => "snr.split",
        (true, Form::Grouped, _, _) => "snr.grouped",
    }
}
