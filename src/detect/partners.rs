//! A partner of the same sex, told of a person ("Erik Nyman är gift med en man", "pappan …
//! eftersom han numera lever med en man", "hennes fru"): the words tell a sexual orientation
//! only together with the sex of whom they are said, which no word list knows. The person's
//! sex is read from the nearest pronoun, person noun or given name before the words in their
//! sentence; the finding is then linked to a person as any sensitive word is.

use std::ops::Range;

use super::finding::{Category, Confidence, Finding, Kind};
use super::normalize::Normalized;
use super::text::floor_boundary;
use crate::patterns::{NameLists, Sex};

/// The rule of every finding made here.
pub const RULE: &str = "partner.same_sex";

/// Words that say a person lives with or is married to a partner of the given sex.
const PARTNER_OF: &[(&str, Sex)] = &[
    ("gift med en man", Sex::Male),
    ("gift med en annan man", Sex::Male),
    ("lever med en man", Sex::Male),
    ("lever ihop med en man", Sex::Male),
    ("lever tillsammans med en man", Sex::Male),
    ("sambo med en man", Sex::Male),
    ("bor ihop med en man", Sex::Male),
    ("har en pojkvän", Sex::Male),
    ("married to a man", Sex::Male),
    ("lives with a man", Sex::Male),
    ("has a boyfriend", Sex::Male),
    ("has a husband", Sex::Male),
    ("gift med en kvinna", Sex::Female),
    ("gift med en annan kvinna", Sex::Female),
    ("lever med en kvinna", Sex::Female),
    ("lever ihop med en kvinna", Sex::Female),
    ("lever tillsammans med en kvinna", Sex::Female),
    ("sambo med en kvinna", Sex::Female),
    ("bor ihop med en kvinna", Sex::Female),
    ("har en flickvän", Sex::Female),
    ("married to a woman", Sex::Female),
    ("lives with a woman", Sex::Female),
    ("has a wife", Sex::Female),
];

/// A pronoun and a partner of the same sex as the pronoun ("hans pojkvän", "hennes fru").
const OWN_PARTNER: &[&str] = &[
    "hans pojkvän",
    "hans make",
    "his boyfriend",
    "his husband",
    "hennes flickvän",
    "hennes fru",
    "hennes hustru",
    "hennes maka",
    "her wife",
];

/// Words of a sentence read back from the partner words for the person's sex.
const SUBJECT_REACH: usize = 12;

/// Finds partners of the same sex as the person they are told of, in the lower-case view and
/// the names already found (`findings`).
pub fn find(view: &Normalized<'_>, lists: &NameLists, findings: &mut Vec<Finding>) {
    let lower = view.lower();
    let mut found = Vec::new();
    for phrase in OWN_PARTNER {
        for (at, _) in lower.match_indices(phrase) {
            if whole(lower, at, at + phrase.len()) {
                found.push(at..at + phrase.len());
            }
        }
    }
    for (phrase, partner) in PARTNER_OF {
        for (at, _) in lower.match_indices(phrase) {
            let span = at..at + phrase.len();
            if whole(lower, span.start, span.end)
                && subject_sex(view, lists, findings, at) == Some(*partner)
            {
                found.push(span);
            }
        }
    }
    findings.extend(found.into_iter().map(|span| {
        Finding::new(
            Kind::Sensitive(Category::Sexuality),
            RULE,
            span,
            Confidence::High,
        )
    }));
}

/// True when `start..end` of `lower` is whole words.
fn whole(lower: &str, start: usize, end: usize) -> bool {
    let before = lower[..start].chars().next_back();
    let after = lower[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The sex of the person a sentence tells something of at `at`: the nearest pronoun, person
/// noun or name with a given name of known sex before it in its sentence. The first person
/// ("jag är gift med en man") tells no sex.
fn subject_sex(
    view: &Normalized<'_>,
    lists: &NameLists,
    findings: &[Finding],
    at: usize,
) -> Option<Sex> {
    let lower = view.lower();
    let from = floor_boundary(lower, at.saturating_sub(160));
    let head = &lower[from..at];
    let sentence = head.rfind(['.', '!', '?', '\n', ';']).map_or(0, |i| i + 1);
    let words = head[sentence..]
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphabetic()
                && !head[sentence..][..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
        })
        .map(|(i, _)| from + sentence + i)
        .collect::<Vec<_>>();
    for &start in words.iter().rev().take(SUBJECT_REACH) {
        let word = lower[start..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if let Some(sex) = pronoun_or_noun(word) {
            return Some(sex);
        }
        if matches!(word, "jag" | "i" | "me" | "vi" | "we" | "du" | "you") {
            return None;
        }
        // A name: the sex of its first word, a given name.
        if let Some(name) = findings
            .iter()
            .find(|f| f.kind == Kind::PersonName && contains(&f.span, start))
        {
            let text = view.text();
            let given = text[name.span.clone()]
                .split(|c: char| !c.is_alphabetic())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            return lists.sex(&title_case(given));
        }
    }
    None
}

fn contains(span: &Range<usize>, at: usize) -> bool {
    span.start <= at && at < span.end
}

/// The sex a pronoun or a definite person noun tells.
fn pronoun_or_noun(word: &str) -> Option<Sex> {
    match word {
        "han" | "he" | "pappan" | "sonen" | "mannen" | "pojken" | "killen" | "brodern"
        | "brorsan" | "farfar" | "morfar" | "father" | "son" | "brother" => Some(Sex::Male),
        "hon" | "she" | "mamman" | "dottern" | "kvinnan" | "flickan" | "tjejen" | "systern"
        | "syrran" | "farmor" | "mormor" | "mother" | "daughter" | "sister" => Some(Sex::Female),
        _ => None,
    }
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let lists = NameLists::load(&crate::patterns::PatternSource::Embedded)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let view = Normalized::new(text);
        let mut findings = Vec::new();
        // A name where the test puts one: the whole of "Erik Nyman" or "Anna Nyman".
        for name in ["Erik Nyman", "Anna Nyman"] {
            if let Some(at) = text.find(name) {
                findings.push(Finding::new(
                    Kind::PersonName,
                    "name.full",
                    at..at + name.len(),
                    Confidence::High,
                ));
            }
        }
        find(&view, &lists, &mut findings);
        findings
            .iter()
            .filter(|f| f.rule == RULE)
            .map(|f| view.text()[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn a_partner_of_the_same_sex_is_told_of_the_person() {
        assert_eq!(found("Erik Nyman är gift med en man."), ["gift med en man"]);
        assert_eq!(
            found("pappan, eftersom han numera lever med en man"),
            ["lever med en man"]
        );
        assert_eq!(found("Hon bor med hennes fru i Lund."), ["hennes fru"]);
        assert_eq!(found("Mamman har en flickvän."), ["har en flickvän"]);
    }

    #[test]
    fn a_partner_of_the_other_sex_or_of_an_unknown_person_is_no_finding() {
        assert!(found("Anna Nyman är gift med en man.").is_empty());
        assert!(found("Erik Nyman är gift med en kvinna.").is_empty());
        assert!(found("Jag är gift med en man.").is_empty());
        assert!(found("Personen lever med en man.").is_empty());
        assert!(found("Han hälsade. Hon är gift med en man.").is_empty());
    }
}
