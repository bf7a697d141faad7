//! Identifiers that make data personal: phone, e-mail, address, IBAN, bankgiro, payment card.
//!
//! Formats from research/swedish-detection.md §5. Each has its checksum where it has one
//! (Luhn for cards and bankgiro, mod 97 for IBAN); keywords nearby raise or lower confidence.

use super::context::Context;
use super::digits::{Cluster, DigitString, GapKind, Group};
use super::finding::{Confidence, Digits, Finding, Kind};
use super::personnummer::luhn_valid;
use super::text::{char_at, char_before, is_word_char};

/// Finds phone numbers, card numbers, bankgiro numbers, postcodes and street addresses in one
/// cluster.
pub fn find_in_cluster(
    text: &str,
    cluster: &Cluster,
    context: &Context<'_>,
    street_suffixes: &[String],
    out: &mut Vec<Finding>,
) {
    let Some(first) = cluster.groups.first() else {
        return;
    };
    if char_before(text, first.start).is_some_and(is_word_char) {
        return;
    }
    street_before(text, first, street_suffixes, out);
    phone(text, cluster, context, out);
    card(text, cluster, context, out);
    bankgiro(text, cluster, context, out);
    postcode(text, cluster, out);
}

/// Street-name endings that chat written without capitals still writes before a house number
/// ("björkvägen 3"); the short and generic ones ("plan", "väg", "parken") are left out, since
/// "våningsplan 2" is no address.
pub(super) const LOWER_CASE_STREET_SUFFIXES: &[&str] = &[
    "gatan", "vägen", "gränd", "gränden", "stigen", "backen", "allén", "torget", "slingan",
    "leden", "liden", "stråket", "kajen",
];

/// The starts of street names written in lower case right before a house number of one to
/// four digits ("björkvägen 3", "storgatan 12b"), for [`street_before`] to read once they are
/// capitalised.
pub fn lower_case_streets(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(u8::is_ascii_digit) {
        let at = from + i;
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        from = at + digits;
        let Some(name) = (digits <= 4)
            .then(|| word_before_number(text, at))
            .flatten()
        else {
            continue;
        };
        let word = &text[name.clone()];
        let street = LOWER_CASE_STREET_SUFFIXES
            .iter()
            .any(|s| word.len() > s.len() && word.ends_with(s));
        if street && word.starts_with(|c: char| c.is_lowercase()) {
            starts.push(name.start);
        }
    }
    starts
}

/// True when nothing word-like follows `end`.
fn clean_end(text: &str, end: usize) -> bool {
    !char_at(text, end).is_some_and(is_word_char)
}

fn phone(text: &str, cluster: &Cluster, context: &Context<'_>, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let groups = &cluster.groups;
    let first = &text[groups[0].start..groups[0].end];
    let plus = char_before(text, groups[0].start) == Some('+');
    let (country_digits, swedish) = if plus && first.starts_with("46") {
        (2, true)
    } else if first.starts_with("0046") {
        (4, true)
    } else if plus && !first.starts_with('0') {
        (0, false)
    } else if first.starts_with('0') && !first.starts_with("00") {
        (0, true)
    } else {
        return;
    };
    let (min, max) = if swedish { (8, 10) } else { (8, 15) };
    let mut national = DigitString::default();
    let mut last = 0;
    for (k, g) in groups.iter().enumerate() {
        if k > 0 {
            let gap = cluster.gaps[k - 1].kind;
            if !matches!(
                gap,
                GapKind::Space | GapKind::Hyphen | GapKind::Paren | GapKind::Slash | GapKind::Dot
            ) {
                break;
            }
            // "+46 (0)70 …": the trunk zero in parentheses is not part of the number.
            let in_parens = gap == GapKind::Paren
                && cluster
                    .gaps
                    .get(k)
                    .is_some_and(|next| next.kind == GapKind::Paren);
            if in_parens && g.len() == 1 && bytes[g.start] == b'0' {
                continue;
            }
        }
        let mut digits = &bytes[g.start..g.end];
        if k == 0 {
            digits = &digits[country_digits..];
            if swedish && country_digits > 0 {
                national.push(b"0");
            }
        }
        if national.len() + digits.len() > max {
            break;
        }
        national.push(digits);
        last = k;
    }
    let span = groups[0].start - usize::from(plus)..groups[last].end;
    let at_end = last + 1 == groups.len();
    if national.len() < min
        || (at_end && !clean_end(text, span.end))
        || (!at_end && cluster.gaps[last].kind != GapKind::Other && national.len() < max)
    {
        return;
    }
    let formatted = last > 0 || plus || country_digits > 0;
    let confidence = if context.phone_near(&span, 30, 12) {
        Confidence::High
    } else if formatted || national.starts_with(b"07") {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    out.push(
        Finding::new(
            Kind::Phone,
            if swedish { "phone.se" } else { "phone.intl" },
            span,
            confidence,
        )
        .with_digits(Digits::from_ascii(&national)),
    );
}

fn card(text: &str, cluster: &Cluster, context: &Context<'_>, out: &mut Vec<Finding>) {
    let groups = &cluster.groups;
    let len = |i: usize| groups[i].len();
    let layout_ok = match groups.len() {
        0 => false,
        1 => (13..=19).contains(&len(0)),
        3 if (len(0), len(1), len(2)) == (4, 6, 5) => true,
        n => (0..n - 1).all(|i| len(i) == 4) && (1..=4).contains(&len(n - 1)),
    };
    let gaps_ok = cluster
        .gaps
        .iter()
        .all(|g| matches!(g.kind, GapKind::Space | GapKind::Hyphen));
    let span = cluster.span();
    if !layout_ok || !gaps_ok || !clean_end(text, span.end) {
        return;
    }
    let digits = cluster.digits(text.as_bytes(), 0, groups.len() - 1);
    let plausible_issuer = matches!(digits.first(), Some(b'2'..=b'6'));
    if !(13..=19).contains(&digits.len()) || !plausible_issuer || !luhn_valid(&digits) {
        return;
    }
    let confidence = if context.card_near(&span, 40) {
        Confidence::High
    } else if context.other_number_near(&span, 40, 16, |_| true) {
        Confidence::Low
    } else {
        Confidence::Medium
    };
    out.push(
        Finding::new(Kind::PaymentCard, "card.luhn", span, confidence)
            .with_digits(Digits::from_ascii(&digits)),
    );
}

fn bankgiro(text: &str, cluster: &Cluster, context: &Context<'_>, out: &mut Vec<Finding>) {
    let groups = &cluster.groups;
    let span = cluster.span();
    let shape = groups.len() == 2
        && matches!((groups[0].len(), groups[1].len()), (3 | 4, 4))
        && cluster.gaps[0].kind == GapKind::Hyphen;
    if !shape || !clean_end(text, span.end) || !context.bankgiro_before(&span, 30) {
        return;
    }
    let digits = cluster.digits(text.as_bytes(), 0, 1);
    if luhn_valid(&digits) {
        out.push(
            Finding::new(Kind::Bankgiro, "bankgiro", span, Confidence::Medium)
                .with_digits(Digits::from_ascii(&digits)),
        );
    }
}

/// `123 45 Ort`: a five-digit postcode written 3+2, followed by a capitalised place name.
fn postcode(text: &str, cluster: &Cluster, out: &mut Vec<Finding>) {
    let groups = &cluster.groups;
    let shape = groups.len() == 2
        && groups[0].len() == 3
        && groups[1].len() == 2
        && cluster.gaps[0].kind == GapKind::Space
        && text.as_bytes()[groups[0].start] != b'0';
    if !shape {
        return;
    }
    let after = groups[1].end;
    let rest = &text[after..];
    let Some(town) = rest.strip_prefix(' ') else {
        return;
    };
    let town_len: usize = town
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .map(char::len_utf8)
        .sum();
    let capitalised = town.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || town_len < 2 {
        return;
    }
    let span = groups[0].start..after + 1 + town_len;
    out.push(Finding::new(
        Kind::Address,
        "address.postcode",
        span.clone(),
        Confidence::Medium,
    ));
}

/// IBAN lengths by country (ISO 13616) for the countries staff most often meet.
fn iban_length(country: &str) -> Option<usize> {
    Some(match country {
        "SE" | "ES" => 24,
        "NO" => 15,
        "DK" | "FI" | "NL" | "FO" | "GL" => 18,
        "DE" | "GB" | "IE" => 22,
        "FR" | "IT" => 27,
        "PL" => 28,
        "CH" => 21,
        "AT" | "EE" | "LT" => 20,
        "LV" => 21,
        "BE" => 16,
        "IS" => 26,
        _ => return None,
    })
}

/// An IBAN whose check digits start at `digits_start` (just after the country code).
pub fn iban(text: &str, digits_start: usize) -> Option<Finding> {
    let start = digits_start.checked_sub(2)?;
    let country = text.get(start..digits_start)?;
    if !country.bytes().all(|b| b.is_ascii_uppercase())
        || char_before(text, start).is_some_and(is_word_char)
    {
        return None;
    }
    // Collect up to 34 alphanumerics, allowing single spaces between groups.
    let bytes = text.as_bytes();
    let mut chars = Vec::with_capacity(34);
    let mut ends = Vec::with_capacity(34);
    let mut i = start;
    while i < bytes.len() && chars.len() < 34 {
        let b = bytes[i];
        if b.is_ascii_digit() || b.is_ascii_uppercase() {
            chars.push(b);
            ends.push(i + 1);
            i += 1;
        } else if b == b' ' && bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()) {
            i += 1;
        } else {
            break;
        }
    }
    let lengths: Vec<usize> = match iban_length(country) {
        Some(len) => vec![len],
        None => (15..=34).rev().collect(),
    };
    let len = lengths.into_iter().find(|&len| {
        len <= chars.len()
            && chars[2..4].iter().all(u8::is_ascii_digit)
            && clean_end(text, ends[len - 1])
            && mod97(&chars[..len]) == 1
    })?;
    let span = start..ends[len - 1];
    Some(Finding::new(
        Kind::Iban,
        "iban.mod97",
        span,
        Confidence::High,
    ))
}

/// ISO 7064 mod 97-10 over an IBAN (country and check digits moved to the end).
fn mod97(iban: &[u8]) -> u32 {
    let mut rest = 0u32;
    for &b in iban[4..].iter().chain(&iban[..4]) {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b - b'A') + 10
        };
        rest = if value >= 10 {
            (rest * 100 + value) % 97
        } else {
            (rest * 10 + value) % 97
        };
    }
    rest
}

/// Local parts of role mailboxes, which do not identify a person.
const ROLE_MAILBOXES: &[&str] = &[
    "info",
    "kontakt",
    "kommun",
    "kommunen",
    "registrator",
    "support",
    "noreply",
    "no-reply",
    "admin",
    "kundtjanst",
    "kundtjänst",
    "vaxel",
    "växel",
    "servicecenter",
    "hej",
    "hello",
    "mail",
    "post",
    "postmaster",
    "webmaster",
    "press",
    "media",
    "ekonomi",
    "hr",
    "it",
    "helpdesk",
    "service",
    "bibliotek",
    "kansli",
    "kontaktcenter",
    "felanmalan",
    "felanmälan",
    "order",
    "faktura",
    "invoice",
    "example",
    "test",
];

/// E-mail addresses, found from their `@`.
pub fn emails(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'@', bytes) {
        let local_start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || "._%+-".contains(c))
            .last()
            .map_or(at, |(i, _)| i);
        let domain_len: usize = text[at + 1..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '.' || c == '-')
            .map(char::len_utf8)
            .sum();
        let domain = text[at + 1..at + 1 + domain_len].trim_end_matches(['.', '-']);
        let local = &text[local_start..at];
        let tld = domain.rsplit('.').next().unwrap_or("");
        let valid = !local.is_empty()
            && !local.starts_with('.')
            && domain.contains('.')
            && tld.len() >= 2
            && tld.chars().all(char::is_alphabetic)
            && !domain.starts_with(['.', '-']);
        if !valid {
            continue;
        }
        let span = local_start..at + 1 + domain.len();
        let lower_local = local.to_lowercase();
        let confidence = if ROLE_MAILBOXES.contains(&lower_local.as_str()) {
            Confidence::Low
        } else {
            Confidence::Medium
        };
        out.push(Finding::new(Kind::Email, "email", span.clone(), confidence));
    }
}

/// The word (letters and hyphens) that ends one or two spaces before the house number at `at`
/// ("Storgatan" in "Storgatan 12"), if one does.
fn word_before_number(text: &str, at: usize) -> Option<std::ops::Range<usize>> {
    let end = text[..at].trim_end_matches(' ').len();
    if !(1..=2).contains(&(at - end)) {
        return None;
    }
    let start = super::text::hyphenated_word_start(text, end);
    (start < end).then_some(start..end)
}

/// A street address ending at a house number: a capitalised street name ending in a known
/// suffix (`Storgatan`), one or two spaces, the number (1–4 digits) and an optional entrance
/// letter (`12 B`). Called for each digit cluster, with the cluster's first group.
pub fn street_before(text: &str, number: &Group, suffixes: &[String], out: &mut Vec<Finding>) {
    if !(1..=4).contains(&number.len()) {
        return;
    }
    let Some(word) = word_before_number(text, number.start) else {
        return;
    };
    let (word_start, name_end) = (word.start, word.end);
    let name = &text[..name_end];
    let Some(suffix) = suffixes.iter().find(|s| {
        name.len() > s.len()
            && name.is_char_boundary(name.len() - s.len())
            && name[name.len() - s.len()..].eq_ignore_ascii_case(s)
    }) else {
        return;
    };
    let capitalised = text[word_start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if !capitalised || name_end - word_start <= suffix.len() {
        return;
    }
    let mut end = number.end;
    // An optional entrance letter: "12 B", "12B".
    let tail = &text[end..];
    let letter = tail.strip_prefix(' ').unwrap_or(tail);
    let mut letters = letter.chars();
    if let (Some(l), next) = (letters.next(), letters.next())
        && l.is_ascii_alphabetic()
        && !next.is_some_and(is_word_char)
    {
        end += tail.len() - letter.len() + 1;
    }
    if !clean_end(text, end) {
        return;
    }
    let span = word_start..end;
    out.push(Finding::new(
        Kind::Address,
        "address.street",
        span.clone(),
        Confidence::Medium,
    ));
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_case_streets_before_a_house_number() {
        let words = |text: &str| {
            super::lower_case_streets(text)
                .into_iter()
                .map(|s| text[s..].split(' ').next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(words("maria bor på björkvägen 3, lgh 1102"), ["björkvägen"]);
        assert_eq!(
            words("storgatan 12b och lillgränd 4"),
            ["storgatan", "lillgränd"]
        );
        assert!(words("mötet är på våningsplan 2 kl 10").is_empty());
        assert!(words("vägen 3 mil bort, Storgatan 4").is_empty());
    }

    use super::*;

    #[test]
    fn iban_check_digits() {
        assert_eq!(mod97(b"SE4550000000058398257466"), 1);
        assert_ne!(mod97(b"SE4550000000058398257467"), 1);
        assert_eq!(mod97(b"GB82WEST12345698765432"), 1);
    }
}
