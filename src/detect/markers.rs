//! Confidentiality markers: telling a marking ("SEKRETESS", "Handlingen omfattas av sekretess
//! enligt 26 kap. 1 § OSL") from talk about secrecy ("Förklara sekretess för nyanställda",
//! "Sekretess: Nej", e-mail disclaimers).
//!
//! Heuristics from research/swedish-detection.md §3.2: a marking sits in label position (line
//! start, alone on a line, upper case, before a colon), or asserts something about the document;
//! questions, explanations, negations, hedges ("kan innehålla") and relative clauses ("uppgifter
//! som omfattas av sekretess") are talk, not markings.

use std::ops::Range;

use regex::Regex;

use super::automaton::MarkerWord;
use super::finding::{Confidence, Finding, Kind};
use super::normalize::Normalized;
use super::text::{
    char_before, clause_around, clause_terminator, ends_word, floor_boundary, is_upper_word,
    line_around, starts_word, words_after, words_before,
};
use crate::patterns::MarkerLists;

/// An OSL provision: `26 kap. 1 §`, `26 kap 1§`, `26:1`.
const PROVISION: &str =
    r"(?:\b([0-9]{1,2}) ?kap\.? ?[0-9]{1,2} ?[a-z]? ?§)|(?:\b([0-9]{1,2}):[0-9]{1,2}\b)";

/// Copulas that make an adjective an assertion ("Handlingen är sekretessbelagd").
const COPULAS: &[&str] = &[
    "är", "var", "blir", "blev", "blivit", "förblir", "anses", "bedöms",
];
/// Modal verbs of rules ("ska förvaras", "får inte lämnas").
const MODALS: &[&str] = &["ska", "skall", "bör", "måste", "får", "kan", "behöver"];
/// Verbs that tie protected identity to a person ("Anna har skyddade personuppgifter").
const POSSESSION: &[&str] = &[
    "har",
    "hade",
    "fått",
    "fick",
    "får",
    "beviljats",
    "omfattas",
    "är",
    "var",
    "blivit",
];

/// The marker detector's word lists, normalised for fast lookups.
#[derive(Debug)]
pub struct MarkerRules {
    lists: MarkerLists,
    /// Question and explanation phrases by their first word (the rest of each phrase, empty
    /// for one-word entries), so a clause is tokenised once.
    talk_words: std::collections::HashMap<String, Vec<String>>,
    /// [`PROVISION`], compiled.
    provision: Regex,
}

impl MarkerRules {
    /// Wraps the marker lists. Fails when a pattern does not compile: detection never
    /// switches itself off.
    pub fn new(lists: MarkerLists) -> Result<MarkerRules, regex::Error> {
        let mut talk_words: std::collections::HashMap<String, Vec<String>> = Default::default();
        for phrase in &lists.question_words {
            let (first, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
            talk_words
                .entry(first.to_string())
                .or_default()
                .push(rest.to_string());
        }
        Ok(MarkerRules {
            lists,
            talk_words,
            provision: Regex::new(PROVISION)?,
        })
    }

    /// The lists (for building the automaton).
    pub fn lists(&self) -> &MarkerLists {
        &self.lists
    }

    /// Judges every marker word the automaton found.
    pub fn find(
        &self,
        view: &Normalized<'_>,
        hits: &[(MarkerWord, Range<usize>)],
        out: &mut Vec<Finding>,
    ) {
        let mut found: Vec<Finding> = Vec::new();
        for (word, span) in hits {
            let judged = match word {
                MarkerWord::Label => self.label(view, span),
                MarkerWord::Key => self.key(view, span),
                MarkerWord::Assertion => self.assertion(view, span),
                MarkerWord::ProtectedIdentity => self.protected_identity(view, span),
                MarkerWord::Handling => self.handling(view, span),
                MarkerWord::Internal => self.internal(view, span),
                MarkerWord::Law => self.osl_reference(view, span),
            };
            if let Some((rule, confidence, span)) = judged {
                found.push(Finding::new(
                    Kind::ConfidentialityMarker,
                    rule,
                    span,
                    confidence,
                ));
            }
        }
        out.extend(one_per_line(view.text(), found));
    }

    /// Is the clause around `at` a question, an explanation or generic talk before `at`?
    fn is_talk(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        if clause_terminator(lower, clause) == Some(b'?') {
            return true;
        }
        let before = &lower[clause.start..floor_boundary(lower, at)];
        let mut words = before
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .peekable();
        while let Some(word) = words.next() {
            if let Some(rests) = self.talk_words.get(word) {
                let next = words.peek().copied().unwrap_or("");
                if rests
                    .iter()
                    .any(|r| r.is_empty() || r.split(' ').next() == Some(next))
                {
                    return true;
                }
            }
        }
        false
    }

    fn negated(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        words_before(lower, clause.clone(), at, 3)
            .iter()
            .any(|w| self.lists.negations.iter().any(|n| n == w))
    }

    fn hedged(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        words_before(lower, clause.clone(), at, 4)
            .iter()
            .any(|w| self.lists.hedges.iter().any(|h| h == w))
    }

    /// Security classes and stamps in label position.
    fn label(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let (text, lower) = (view.text(), view.lower());
        let clause = clause_around(view.text(), span.start);
        if clause_terminator(lower, &clause) == Some(b'?') {
            return None;
        }
        let original = &text[span.clone()];
        let upper = is_upper_word(original);
        let line = line_around(text, span.start);
        let head = strip_decoration(&text[line.start..span.start]);
        let tail = &text[span.end..line.end];
        let label_line = head.is_empty() && label_tail(tail);
        let after_key = self.after_key(lower, line.start, span.start);
        let english = original.is_ascii()
            && ["restricted", "confidential", "top secret", "secret"]
                .iter()
                .any(|e| lower[span.clone()].ends_with(e))
            && !lower[span.clone()].starts_with("hemlig");
        let confidence = if after_key {
            Confidence::High
        } else if label_line && upper {
            if english {
                Confidence::Medium
            } else {
                Confidence::High
            }
        } else if label_line && !english {
            // Title case alone on a line: "Hemlig", "Konfidentiellt". A heading "Sekretess" is as
            // often the title of a text about secrecy, so it is only reported.
            if lower[span.clone()] == *"sekretess" {
                Confidence::Low
            } else {
                Confidence::Medium
            }
        } else if upper && !english && !upper_run(text, span) {
            // Upper case inside mixed-case prose: "Detta dokument är KONFIDENTIELLT."
            Confidence::High
        } else {
            return None;
        };
        if self.is_talk(lower, &clause, span.start) && !label_line && !after_key {
            return None;
        }
        Some(("marker.label", confidence, span.clone()))
    }

    /// Is `at` preceded on its line by a classification key and a colon?
    fn after_key(&self, lower: &str, line_start: usize, at: usize) -> bool {
        let head = lower[line_start..at].trim_end();
        let Some(key) = head.strip_suffix(':').or_else(|| head.strip_suffix('=')) else {
            return false;
        };
        let key = strip_decoration(key.trim_end());
        self.lists
            .keys
            .iter()
            .any(|k| key == k || key.ends_with(&format!(" {k}")))
    }

    /// "Key: value" fields: the value decides.
    fn key(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let line = line_around(lower, span.start);
        let head = strip_decoration(&lower[line.start..span.start]);
        let rest = lower[span.end..line.end].trim_start();
        let value = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('='))?
            .trim();
        if !head.is_empty() || value.is_empty() {
            return None;
        }
        let key = &lower[span.clone()];
        let starts_with_any = |list: &[String]| {
            list.iter().any(|v| {
                value == v
                    || (value.starts_with(v.as_str())
                        && !value[v.len()..].starts_with(char::is_alphanumeric))
            })
        };
        if starts_with_any(&self.lists.negative_values) {
            return None;
        }
        let names_class = self.lists.labels.iter().any(|l| contains_word(value, l));
        let cites_law = self.provision.is_match(value)
            || self.lists.laws.iter().any(|l| contains_word(value, l))
            || value.starts_with("ja")
            || value.starts_with("enligt")
            || value.starts_with("gäller");
        let secrecy_key = key.starts_with("sekretess");
        let confidence = if names_class || (secrecy_key && cites_law) {
            Confidence::High
        } else if secrecy_key || starts_with_any(&self.lists.klassa_values) {
            Confidence::Medium
        } else if value.starts_with("intern") {
            Confidence::Low
        } else {
            return None;
        };
        let end = floor_boundary(lower, line.end);
        Some(("marker.field", confidence, span.start..end))
    }

    /// Assertions: "Handlingen är sekretessbelagd", "Uppgifterna omfattas av sekretess".
    fn assertion(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let clause = clause_around(view.text(), span.start);
        if self.is_talk(lower, &clause, span.start) || self.negated(lower, &clause, span.start) {
            return None;
        }
        let word = &lower[span.clone()];
        let before = words_before(lower, clause.clone(), span.start, 2);
        // A plural adjective with a modal verb is a rule about such documents, not a marking:
        // "Sekretessbelagda handlingar ska förvaras inlåsta".
        let general_rule = word.ends_with('a')
            && words_after(lower, clause.clone(), span.end, 3)
                .iter()
                .any(|w| MODALS.contains(w));
        let confidence = if self.hedged(lower, &clause, span.start) || general_rule {
            Confidence::Low
        } else if word.contains(" av sekretess")
            || word.contains(" med sekretess")
            || clause.start == span.start
            || before.iter().any(|w| COPULAS.contains(w))
            || words_after(lower, clause.clone(), span.end, 1).first() == Some(&"enligt")
        {
            Confidence::High
        } else {
            // An attributive adjective in prose: "sekretessbelagda handlingar".
            Confidence::Low
        };
        Some(("marker.assertion", confidence, span.clone()))
    }

    /// Protected identity said about a person.
    fn protected_identity(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let clause = clause_around(view.text(), span.start);
        if self.is_talk(lower, &clause, span.start) || self.negated(lower, &clause, span.start) {
            return None;
        }
        let before = words_before(lower, clause.clone(), span.start, 3);
        let confidence = if before.iter().any(|w| POSSESSION.contains(w)) {
            Confidence::High
        } else {
            Confidence::Low
        };
        Some(("marker.protected_identity", confidence, span.clone()))
    }

    /// Handling labels: "får ej spridas", "får ej lämnas ut".
    fn handling(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let clause = clause_around(view.text(), span.start);
        if self.is_talk(lower, &clause, span.start) || self.hedged(lower, &clause, span.start) {
            return None;
        }
        Some(("marker.handling", Confidence::Medium, span.clone()))
    }

    /// Internal-use labels: reported only, in label position or upper case.
    fn internal(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let text = view.text();
        let line = line_around(text, span.start);
        let head = strip_decoration(&text[line.start..span.start]);
        let label_line = head.is_empty() && label_tail(&text[span.end..line.end]);
        (label_line || is_upper_word(&text[span.clone()]))
            .then(|| ("marker.internal", Confidence::Low, span.clone()))
    }

    /// OSL references: a provision near the law's name, with a secrecy word or in label position.
    fn osl_reference(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let provision = &self.provision;
        let from = floor_boundary(lower, span.start.saturating_sub(60));
        let to = floor_boundary(lower, (span.end + 20).min(lower.len()));
        let window = &lower[from..to];
        let law = &lower[span.clone()];
        let chapters: std::ops::RangeInclusive<u32> = if law == "sekrl" {
            1..=16
        } else if law == "sekretesslagen" {
            1..=40
        } else {
            15..=40
        };
        let citation = provision.captures_iter(window).find(|c| {
            let chapter = c
                .get(1)
                .or_else(|| c.get(2))
                .and_then(|m| m.as_str().parse::<u32>().ok());
            chapter.is_some_and(|ch| chapters.contains(&ch))
        })?;
        let whole = citation.get(0)?;
        let cited = from + whole.start()..from + whole.end();
        let start = cited.start.min(span.start);
        let end = cited.end.max(span.end);
        let clause = clause_around(view.text(), start);
        if self.is_talk(lower, &clause, start) {
            return None;
        }
        let line = line_around(lower, start);
        let context =
            &lower[clause.start.min(line.start)..floor_boundary(lower, clause.end.max(line.end))];
        let secrecy = self
            .lists
            .secrecy_words
            .iter()
            .any(|w| contains_word(context, w));
        let head = strip_decoration(&lower[line.start..start]);
        let label_line =
            head.is_empty() || head == "enligt" || head == "enl." || head.starts_with("sekr");
        let confidence = if secrecy || label_line {
            Confidence::High
        } else {
            Confidence::Low
        };
        Some(("marker.osl_reference", confidence, start..end))
    }
}

type Judged = (&'static str, Confidence, Range<usize>);

/// Keeps the surest marker on each line (a stamp and its provision count once).
fn one_per_line(text: &str, mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| {
        (
            line_around(text, f.span.start).start,
            std::cmp::Reverse(f.confidence),
            f.span.start,
        )
    });
    let mut kept: Vec<Finding> = Vec::new();
    let mut last_line = None;
    for f in found {
        let line = line_around(text, f.span.start).start;
        if last_line != Some(line) {
            last_line = Some(line);
            kept.push(f);
        }
    }
    kept
}

/// The rest of a line after a label that still makes it a label line.
fn label_tail(tail: &str) -> bool {
    let t = tail.trim_start_matches(['*', '_', '#', ']', '"', '\'', ')']);
    let trimmed = t.trim();
    trimmed.is_empty()
        || trimmed.starts_with([':', '–', '—', '-', '/', ',', '(', '|', '.'])
        || trimmed.starts_with(char::is_numeric)
        || {
            let l = trimmed.to_lowercase();
            l.starts_with("enligt") || l.starts_with("enl.") || l.starts_with("med stöd av")
        }
}

/// Removes list and Markdown decoration from a line head ("**", "# ", "- ", "[", "|").
fn strip_decoration(head: &str) -> &str {
    head.trim_matches(|c: char| c.is_whitespace() || "*_#>-–[|\"'(".contains(c))
}

/// True when the words around `span` are upper case too (a shouted heading, not a label).
fn upper_run(text: &str, span: &Range<usize>) -> bool {
    let line = line_around(text, span.start);
    let before = words_before(text, line.clone(), span.start, 1);
    let after = words_after(text, line, span.end, 1);
    let shouting =
        |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && is_upper_word(w);
    before.iter().any(shouting) || after.iter().any(shouting)
}

/// True when `phrase` occurs in `haystack` at word boundaries.
fn contains_word(haystack: &str, phrase: &str) -> bool {
    haystack.match_indices(phrase).any(|(i, _)| {
        let end = i + phrase.len();
        let start_ok = !phrase.starts_with(char::is_alphanumeric) || starts_word(haystack, i);
        let end_ok = !phrase.ends_with(char::is_alphanumeric) || ends_word(haystack, end);
        start_ok && end_ok && char_before(haystack, i) != Some('-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisions() -> Result<(), regex::Error> {
        let r = Regex::new(PROVISION)?;
        assert!(r.is_match("sekr. enl. 23 kap. 1 § osl"));
        assert!(r.is_match("osl 26:1"));
        assert!(!r.is_match("lagen (2009:400)"));
        Ok(())
    }

    #[test]
    fn label_tails() {
        assert!(label_tail(""));
        assert!(label_tail(" – får ej lämnas ut"));
        assert!(label_tail(" enligt 26 kap. 1 § OSL"));
        assert!(!label_tail(" tips för sommaren"));
    }
}
