//! Person names: given names from SCB statistics, with guards for names that are also words.
//!
//! A name identifies a person (SPEC.md) as a full name ("Leyla Hassan"), or as a first name
//! with an age ("Leyla, 16 år"), a school class ("Leyla i 7B") or a role word ("eleven Leyla").
//! A lone first name is reported with low confidence. Names that are also ordinary words (Bo,
//! Per, Hans, Stig …) need a surname or a role word (research/swedish-detection.md §6).

use super::context::Context;
use super::finding::{Confidence, Finding, Kind};
use super::normalize::Normalized;
use super::text::{clause_around, is_word_char};
use crate::patterns::NameLists;

/// Surname endings (research §6, FRALLAN76 heuristics).
const SURNAME_ENDINGS: &[&str] = &[
    "sson", "son", "sen", "berg", "ström", "lund", "dahl", "dal", "gren", "qvist", "quist",
    "kvist", "mark", "vall", "holm", "blad", "bäck", "borg", "stedt", "felt", "feldt", "ling",
    "löf", "löv", "ius", "ér", "én", "sköld", "stam", "hed", "lin", "lander", "ander",
];

/// Capitalised words that end like surnames but are not.
const NOT_SURNAMES: &[&str] = &["Person", "Personen", "Reason", "Season", "Design", "Region"];

/// Role words this close (bytes) before a name make it a person.
const ROLE_WINDOW: usize = 16;

#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
}

/// Finds person names among the capitalised words (`words`, byte ranges in order) of the
/// normalised view.
pub fn find(
    view: &Normalized<'_>,
    lists: &NameLists,
    context: &Context<'_>,
    words: &[std::ops::Range<usize>],
    out: &mut Vec<Finding>,
) {
    let text = view.text();
    let tokens = join_hyphenated(text, words);
    let mut k = 0;
    while k < tokens.len() {
        let token = tokens[k];
        let word = &text[token.start..token.end];
        if !is_given(lists, word) {
            // A name not in the lists right after a role word is still a person ("eleven
            // Áile Kuhmunen", "patienten Nguyen").
            if context.role_before(token.start, ROLE_WINDOW) && plausible_name(word) {
                let mut end = token.end;
                if k + 1 < tokens.len()
                    && adjacent(text, tokens[k], tokens[k + 1])
                    && plausible_name(&text[tokens[k + 1].start..tokens[k + 1].end])
                {
                    end = tokens[k + 1].end;
                    k += 1;
                }
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.role",
                    token.start..end,
                    Confidence::Medium,
                ));
            }
            k += 1;
            continue;
        }
        let ambiguous = lists.is_ambiguous(word);
        // Full name: the given name followed directly by one or two surname-like words.
        let mut last = k;
        while last + 1 < tokens.len()
            && last - k < 2
            && adjacent(text, tokens[last], tokens[last + 1])
            && surname_like(
                lists,
                &text[tokens[last + 1].start..tokens[last + 1].end],
                ambiguous,
            )
        {
            last += 1;
        }
        let (rule, confidence, end) = if last > k {
            let confidence = if ambiguous {
                Confidence::Medium
            } else {
                Confidence::High
            };
            ("name.full", confidence, tokens[last].end)
        } else if context.role_before(token.start, ROLE_WINDOW) {
            ("name.role", Confidence::Medium, token.end)
        } else if ambiguous {
            k += 1;
            continue;
        } else if has_age(text, token) {
            ("name.age", Confidence::Medium, token.end)
        } else if has_class(view.text(), view.lower(), token) {
            ("name.class", Confidence::Medium, token.end)
        } else {
            ("name.given", Confidence::Low, token.end)
        };
        let span = token.start..end;
        out.push(Finding::new(
            Kind::PersonName,
            rule,
            span.clone(),
            confidence,
        ));
        k = last + 1;
    }
}

/// A capitalised word that can be a name: not shouted, at least two letters.
fn plausible_name(word: &str) -> bool {
    word.chars().count() >= 2
        && !word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn is_given(lists: &NameLists, word: &str) -> bool {
    lists.is_given(word) || (word.contains('-') && word.split('-').all(|part| lists.is_given(part)))
}

fn surname_like(lists: &NameLists, word: &str, strict: bool) -> bool {
    if word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return false;
    }
    if lists.is_surname(word) || (lists.is_given(word) && !lists.is_ambiguous(word)) {
        return true;
    }
    if word.contains('-') && word.split('-').all(|p| surname_like(lists, p, strict)) {
        return true;
    }
    let ending = SURNAME_ENDINGS
        .iter()
        .any(|e| word.len() > e.len() + 2 && word.ends_with(e))
        && !NOT_SURNAMES.contains(&word);
    // After an unambiguous given name, any capitalised word mid-sentence is taken as a surname
    // (foreign surnames are not in any list); after an ambiguous one, only known endings count.
    ending || (!strict && word.chars().count() >= 3)
}

/// Capitalised words, with hyphenated ones joined ("Anna-Karin").
fn join_hyphenated(text: &str, words: &[std::ops::Range<usize>]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(last) = tokens.last_mut()
            && w.start == last.end + 1
            && text.as_bytes().get(last.end) == Some(&b'-')
        {
            last.end = w.end;
            continue;
        }
        tokens.push(Token {
            start: w.start,
            end: w.end,
        });
    }
    tokens
}

/// True when the word at `at` starts with an upper-case letter (ASCII or Latin-1).
#[inline]
pub fn starts_upper(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(0xC3) => bytes
            .get(at + 1)
            .is_some_and(|n| (0x80..=0x9E).contains(n) && *n != 0x97),
        _ => false,
    }
}

/// Two tokens separated by exactly one space.
fn adjacent(text: &str, a: Token, b: Token) -> bool {
    b.start == a.end + 1 && text.as_bytes().get(a.end) == Some(&b' ')
}

/// "Leyla, 16 år", "Leyla (13 år)", "Leyla 16 år", "16-åriga Leyla".
fn has_age(text: &str, token: Token) -> bool {
    let after = &text[token.end..];
    let trimmed = after.trim_start_matches([',', ' ', '(']);
    let gap = after.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if gap <= 3 && (1..=3).contains(&digits) {
        let rest = trimmed[digits..].trim_start_matches(' ');
        if rest.starts_with("år") && !rest["år".len()..].starts_with(is_word_char) {
            return true;
        }
        if rest.starts_with("-år") {
            return true;
        }
    }
    let before = text[..token.start].trim_end_matches(' ');
    let before = before.strip_suffix('a').unwrap_or(before);
    before.ends_with("årig") || before.ends_with("åring")
}

/// A school class in the same clause after the name: "i klass 7B", "åk 8", "i 7B".
fn has_class(text: &str, lower: &str, token: Token) -> bool {
    // Every class names a digit; most names have none close after them.
    let ahead = &lower.as_bytes()[token.end..(token.end + 60).min(lower.len())];
    if !ahead.iter().any(u8::is_ascii_digit) {
        return false;
    }
    let clause = clause_around(text, token.start);
    let end = (token.end + 60).min(clause.end.max(token.end));
    let end = super::text::floor_boundary(lower, end);
    let window = &lower[token.end..end];
    let words: Vec<&str> = window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        matches!(pair[0], "klass" | "åk" | "årskurs" | "förskoleklass")
            && pair[1].starts_with(|c: char| c.is_ascii_digit())
    }) || words
        .windows(2)
        .any(|pair| pair[0] == "i" && is_class_code(pair[1]))
}

fn is_class_code(word: &str) -> bool {
    let bytes = word.as_bytes();
    matches!(bytes, [d, l] | [b'1', d, l] if d.is_ascii_digit() && l.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, word: &str) -> Token {
        let start = text.find(word).unwrap_or(0);
        Token {
            start,
            end: start + word.len(),
        }
    }

    #[test]
    fn ages_before_and_after() {
        for (text, word) in [
            ("om Leyla, 16 år, som", "Leyla"),
            ("om Leyla (13 år) vars", "Leyla"),
            ("16-åriga Leyla har", "Leyla"),
        ] {
            assert!(has_age(text, token(text, word)), "{text}");
        }
        assert!(!has_age(
            "Leyla har 16 bilar",
            token("Leyla har 16 bilar", "Leyla")
        ));
        assert!(!has_age("Leyla, 16 åren", token("Leyla, 16 åren", "Leyla")));
    }

    #[test]
    fn classes() {
        let text = "leyla går i klass 7b och";
        assert!(has_class(text, text, token(text, "leyla")));
        let text = "leyla i 7b har";
        assert!(has_class(text, text, token(text, "leyla")));
        let text = "leyla har 7 bilar";
        assert!(!has_class(text, text, token(text, "leyla")));
    }

    #[test]
    fn hyphenated_words_are_joined() {
        let text = "Hej Anna-Karin Öberg, och ÅSA.";
        let mut words = Vec::new();
        crate::detect::keywords::for_each_word(text, |s, e| {
            if starts_upper(text.as_bytes(), s) {
                words.push(s..e);
            }
        });
        let joined: Vec<&str> = join_hyphenated(text, &words)
            .into_iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(joined, vec!["Hej", "Anna-Karin", "Öberg", "ÅSA"]);
    }
}
