//! Identity numbers read out in words, as a voicemail, a dictation or a note taken on the phone
//! writes them: "personnummer noll sju noll nio tjugoett femtio fyrtio", "my personal number is
//! nine five zero seven zero four, eight one six four", "48 elva sjutton 3527".
//!
//! Only near an identity keyword (the prefilter: most texts hold none). A run of number words
//! and digit groups, split by spaces, commas or dashes only, is read as the digits it says
//! (tens and units as two digits: "tjugoett" is 21, "elva" 11, "noll" 0); every stretch of
//! the run that says 10 or 12 digits and validates as a personnummer or samordningsnummer
//! (date and check digit) is a finding. The run must hold two number words at least: digits
//! alone are the digit scanner's.

use std::ops::Range;

use super::context::Context;
use super::date::Date;
use super::finding::{Confidence, Finding, Kind};
use super::personnummer::{Separator, validate};

/// How far from an identity keyword (bytes) a number in words is read.
const KEYWORD_REACH: usize = 200;

/// The digits a number word says, if it is one (lower case): 0–99 in Swedish and English.
fn digits_of(word: &str) -> Option<u8> {
    const UNITS: [(&str, &str, u8); 10] = [
        ("noll", "zero", 0),
        ("ett", "one", 1),
        ("två", "two", 2),
        ("tre", "three", 3),
        ("fyra", "four", 4),
        ("fem", "five", 5),
        ("sex", "six", 6),
        ("sju", "seven", 7),
        ("åtta", "eight", 8),
        ("nio", "nine", 9),
    ];
    const TEENS: [(&str, &str, u8); 10] = [
        ("tio", "ten", 10),
        ("elva", "eleven", 11),
        ("tolv", "twelve", 12),
        ("tretton", "thirteen", 13),
        ("fjorton", "fourteen", 14),
        ("femton", "fifteen", 15),
        ("sexton", "sixteen", 16),
        ("sjutton", "seventeen", 17),
        ("arton", "eighteen", 18),
        ("nitton", "nineteen", 19),
    ];
    const TENS: [(&str, &str, u8); 8] = [
        ("tjugo", "twenty", 20),
        ("trettio", "thirty", 30),
        ("fyrtio", "forty", 40),
        ("femtio", "fifty", 50),
        ("sextio", "sixty", 60),
        ("sjuttio", "seventy", 70),
        ("åttio", "eighty", 80),
        ("nittio", "ninety", 90),
    ];
    // Every number word starts with one of these letters ("åtta": the lead byte of "å").
    if !matches!(
        word.as_bytes().first(),
        Some(b'n' | b'e' | b't' | b'f' | b's' | b'o' | b'z' | 0xC3)
    ) {
        return None;
    }
    // "oh" is a zero read out in English; the article "en" is no digit on its own (only the
    // unit of a compound: "tjugoen").
    let unit = |w: &str| {
        UNITS
            .iter()
            .find(|(sv, en, _)| w == *sv || w == *en)
            .map(|u| u.2)
            .or((w == "oh").then_some(0))
    };
    if let Some(n) = unit(word).or_else(|| {
        TEENS
            .iter()
            .find(|(sv, en, _)| word == *sv || word == *en)
            .map(|t| t.2)
    }) {
        return Some(n);
    }
    for (sv, en, tens) in TENS {
        for stem in [sv, en] {
            if let Some(rest) = word.strip_prefix(stem) {
                let rest = rest.trim_start_matches('-');
                if rest.is_empty() {
                    return Some(tens);
                }
                let u = if rest == "en" { Some(1) } else { unit(rest) };
                if let Some(u) = u.filter(|&u| u > 0) {
                    return Some(tens + u);
                }
            }
        }
    }
    None
}

/// One token of a run: its byte range and the digits it says.
struct Token {
    span: Range<usize>,
    digits: Vec<u8>,
    word: bool,
}

/// Appends the identity numbers read out in words near an identity keyword of `lower` (the
/// lower-case view; spans are its byte offsets).
pub fn find(lower: &str, context: &Context<'_>, today: Date, out: &mut Vec<Finding>) {
    let mut done = 0;
    for keyword in context.identity_keywords() {
        // A number read out follows its keyword ("mitt personnummer är …"); a little before
        // it too ("… , det är hennes personnummer").
        let from = keyword.start.saturating_sub(KEYWORD_REACH / 4).max(done);
        let to = (keyword.end + KEYWORD_REACH).min(lower.len());
        if from >= to {
            continue;
        }
        let (from, to) = (
            super::text::floor_boundary(lower, from),
            super::text::floor_boundary(lower, to),
        );
        read_window(lower, from..to, today, out);
        done = to;
    }
}

/// Reads the runs of number tokens in `window`.
fn read_window(lower: &str, window: Range<usize>, today: Date, out: &mut Vec<Finding>) {
    let mut run: Vec<Token> = Vec::new();
    let mut last_end = window.start;
    let flush = |run: &mut Vec<Token>, out: &mut Vec<Finding>| {
        numbers_in_run(run, today, out);
        run.clear();
    };
    let bytes = lower.as_bytes();
    // Words on bytes: ASCII letters, digits, dashes inside a word, and every non-ASCII byte
    // (Swedish letters; a word holding other characters is no number word and ends a run).
    let word_byte = |c: u8| c.is_ascii_alphanumeric() || c >= 0x80;
    let mut i = window.start;
    while i < window.end {
        if !word_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < window.end
            && (word_byte(bytes[i])
                || bytes[i] == b'-' && i + 1 < window.end && word_byte(bytes[i + 1]))
        {
            i += 1;
        }
        let span = s..i;
        let word = &lower[span.clone()];
        let gap = &bytes[last_end..span.start];
        // Only spaces, commas, dashes and full stops between the tokens of a run (a gap holds
        // ASCII only: every other byte is read as a word's).
        let joined = run.is_empty()
            || gap
                .iter()
                .all(|g| matches!(g, b' ' | b',' | b'-' | b'.' | b'\n'));
        if !joined {
            flush(&mut run, out);
        }
        let token = if word.bytes().all(|b| b.is_ascii_digit()) {
            (word.len() <= 8).then(|| Token {
                span: span.clone(),
                digits: word.bytes().map(|b| b - b'0').collect(),
                word: false,
            })
        } else if word.len() <= 16 {
            digits_of(word).map(|n| Token {
                span: span.clone(),
                digits: if n >= 10 {
                    vec![n / 10, n % 10]
                } else {
                    vec![n]
                },
                word: true,
            })
        } else {
            None
        };
        match token {
            Some(t) => run.push(t),
            None => flush(&mut run, out),
        }
        last_end = span.end;
    }
    flush(&mut run, out);
}

/// Every stretch of `run` that says 10 or 12 digits of a valid identity number, with two
/// number words at least.
fn numbers_in_run(run: &[Token], today: Date, out: &mut Vec<Finding>) {
    if run.iter().filter(|t| t.word).count() < 2 {
        return;
    }
    let mut i = 0;
    while i < run.len() {
        let mut digits: Vec<u8> = Vec::new();
        let mut found = None;
        for (j, t) in run.iter().enumerate().skip(i) {
            digits.extend(t.digits.iter().map(|d| b'0' + d));
            if digits.len() > 12 {
                break;
            }
            let words = run[i..=j].iter().filter(|t| t.word).count();
            if matches!(digits.len(), 10 | 12)
                && words >= 2
                && let Some(id) = validate(&digits, Separator::Other, today)
                && id.exact_date
                && !id.future
            {
                found = Some((j, id));
            }
        }
        if let Some((j, id)) = found {
            let span = run[i].span.start..run[j].span.end;
            // Every window lies within reach of its identity keyword: as sure as a number
            // written with one.
            let confidence = Confidence::High;
            let rule = if id.kind == Kind::Samordningsnummer {
                "snr.words"
            } else {
                "pnr.words"
            };
            out.push(Finding::new(id.kind, rule, span, confidence).with_digits(Some(id.canonical)));
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::digits_of;

    #[test]
    fn number_words_in_swedish_and_english() {
        assert_eq!(digits_of("noll"), Some(0));
        assert_eq!(digits_of("tjugoett"), Some(21));
        assert_eq!(digits_of("femtioen"), Some(51));
        assert_eq!(digits_of("sjutton"), Some(17));
        assert_eq!(digits_of("ninety-nine"), Some(99));
        assert_eq!(digits_of("twenty"), Some(20));
        assert_eq!(digits_of("en"), None);
        assert_eq!(digits_of("sexton"), Some(16));
        assert_eq!(digits_of("tjugo"), Some(20));
        assert_eq!(digits_of("tjugonoll"), None);
    }
}
