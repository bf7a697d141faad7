//! Internal material (kind `internal_material`): labels of internal meeting notes, working
//! material, drafts and preliminary assessments ("INTERNT", "Arbetsmaterial – får ej spridas",
//! "Minnesanteckningar från internt möte", "Preliminär bedömning", "Utkast – ej för
//! publicering", "For internal use only").
//!
//! A label counts in label position only: at the head of its line (after decoration, an e-mail
//! subject prefix or a bracket) with a label's tail (end of line, dash, colon, comma, a date, a
//! version), the way a stamp, a heading or a footer is written. The same words in a sentence
//! ("skriv ett utkast", "vi har ett internt möte på tisdag") are not labels. Two more forms:
//! a strong label in upper case inside mixed-case prose ("Detta är INTERNT material") and a
//! statement said of the document ("Dokumentet är endast för internt bruk").

use std::ops::Range;

use super::finding::{Confidence, Kind};
use super::label::{place, strip_head};
use super::markers::{COPULAS, Judged, MarkerRules, upper_run};
use super::normalize::Normalized;
use super::text::{
    clause_around, clause_terminator, floor_boundary, is_upper_word, line_around, words_before,
};

impl MarkerRules {
    /// A label of internal material.
    pub(super) fn internal_label(
        &self,
        view: &Normalized<'_>,
        span: &Range<usize>,
    ) -> Option<Judged> {
        let (text, lower) = (view.text(), view.lower());
        let clause = clause_around(text, span.start);
        if clause_terminator(lower, &clause) == Some(b'?') {
            // "Preliminär bedömning – måste vi kommunicera den?" asks about the label.
            return None;
        }
        // "Internt PM", "INTERNAL MEMO": the adjective and its document noun are the label.
        let span = &self.with_document_noun(lower, span);
        let at = place(text, span, &self.lists.label_prefixes);
        if at.quoted || super::markers::defines_class(lower, span) {
            // "Intern: information som inte ska spridas utanför förvaltningen": a class of a
            // classification model, defined.
            return None;
        }
        let upper = is_upper_word(&text[span.clone()]);
        // A bare "preliminär" qualifies published things too ("Schema – preliminärt"): only at
        // the head of its line.
        let qualifier = !lower[span.clone()].starts_with("prelimin");
        if at.is_label() && !upper && caption(lower, span) {
            // "Utkast:" or "Draft:" over the text that follows: the writer's own draft being
            // introduced ("Utkast:\nHej Anna! … Kan du göra mitt svar vänligare?"), not a stamp.
            return None;
        }
        if retention_row(&lower[line_around(lower, span.start)]) {
            // "Utkast och arbetsmaterial – gallras när ärendet avslutats": a kind of document in
            // a retention plan.
            return None;
        }
        if at.is_label()
            || (qualifier
                && at.tail
                && !at.quoted
                && after_separator(text, span)
                && !requested(lower, span))
        {
            let confidence = if upper {
                Confidence::High
            } else {
                Confidence::Medium
            };
            return Some((
                Kind::InternalMaterial,
                "internal.label",
                confidence,
                span.clone(),
            ));
        }
        if assessment_heading(lower, span) {
            return Some((
                Kind::InternalMaterial,
                "internal.label",
                Confidence::Medium,
                span.clone(),
            ));
        }
        let strong = lower[span.clone()].starts_with("intern");
        // "vi ska skriva INTERNT på allt vi delar": the stamp named as what to write.
        (upper
            && strong
            && !upper_run(text, span)
            && !self.is_talk(lower, &clause, span.start)
            && !super::markers::stamp_named(lower, &clause, span))
        .then(|| {
            (
                Kind::InternalMaterial,
                "internal.upper",
                Confidence::Medium,
                span.clone(),
            )
        })
    }

    /// `span`, extended over a document noun when it is an internal adjective followed by one
    /// ("internt pm", "interna anteckningar").
    fn with_document_noun(&self, lower: &str, span: &Range<usize>) -> Range<usize> {
        if !lower[span.clone()].starts_with("intern") {
            return span.clone();
        }
        let rest = &lower[span.end..];
        let Some(after) = rest.strip_prefix(' ') else {
            return span.clone();
        };
        let noun = after
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if document_noun(&self.lists.document_nouns, noun) {
            span.start..span.end + 1 + noun.len()
        } else {
            span.clone()
        }
    }

    /// The heading of notes from an internal meeting: "Minnesanteckningar ledningsgruppen
    /// 2026-03-11", "Anteckningar från APT vecka 12", "Meeting notes – management team".
    pub(super) fn meeting_notes(
        &self,
        view: &Normalized<'_>,
        span: &Range<usize>,
    ) -> Option<Judged> {
        let (text, lower) = (view.text(), view.lower());
        let line = line_around(text, span.start);
        let head = &text[line.start..span.start];
        let pasted = super::label::pasted_after_request(head, &text[span.end..line.end]);
        if (!strip_head(head, &self.lists.label_prefixes).is_empty() && !pasted)
            || line.len() > MAX_HEADING
            || lower[line.clone()].trim_end().ends_with('?')
            || retention_row(&lower[line.clone()])
        {
            return None;
        }
        let named = self
            .internal_meetings
            .any_in_first(&lower[span.start..line.end], HEADING_WORDS);
        named.then(|| {
            (
                Kind::InternalMaterial,
                "internal.meeting_notes",
                Confidence::Medium,
                span.start..floor_boundary(text, line.end),
            )
        })
    }

    /// An internal-material phrase said of the document: "Dokumentet är endast för internt
    /// bruk", "This report is for internal use only", "Det här är ett internt arbetsmaterial".
    pub(super) fn internal_statement(
        &self,
        view: &Normalized<'_>,
        span: &Range<usize>,
    ) -> Option<Judged> {
        let (text, lower) = (view.text(), view.lower());
        let clause = clause_around(text, span.start);
        if super::label::quoted(text, span)
            || self.is_talk(lower, &clause, span.start)
            || self.negated(lower, &clause, span.start)
            || self.hedged(lower, &clause, span.start)
            || wished(&lower[clause.start..span.start])
        {
            return None;
        }
        let said_of = words_before(lower, clause, span.start, 3)
            .iter()
            .take_while(|w| !w.ends_with('.'))
            .any(|w| COPULAS.contains(w));
        said_of.then(|| {
            (
                Kind::InternalMaterial,
                "internal.statement",
                Confidence::Medium,
                span.clone(),
            )
        })
    }
}

/// True when a preliminary assessment heads the text as its title, a colon closing the line
/// ("Preliminär bedömning efter skyfallet 8 augusti:" over the assessment), at the head of the
/// text or of a block of it: the document is the assessment, as under the bare label.
fn assessment_heading(lower: &str, span: &Range<usize>) -> bool {
    const ASSESSMENTS: &[&str] = &[
        "preliminär bedömning",
        "preliminära bedömningar",
        "preliminary assessment",
        "preliminär analys",
    ];
    let line = line_around(lower, span.start);
    let title = lower[line.clone()].trim_end();
    ASSESSMENTS.contains(&&lower[span.clone()])
        && heads_block(&lower[..line.start])
        && lower[line.start..span.start].trim().is_empty()
        && title.ends_with(':')
        && title.len() - (span.start - line.start) <= MAX_HEAD
        && lower.len() > line.end + 1
        && !title.contains(['?', '.', '!'])
}

/// True when a line after `before` opens the text or a block of it: nothing before, a blank line,
/// or a line ending with a colon (the text pasted after a request).
fn heads_block(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t', '\r']);
    before.trim().is_empty() || before.ends_with("\n\n") || before.trim_end().ends_with(':')
}

/// True when the clause before a statement asks for it to be said rather than says it ("Vi
/// vill att det ska framgå att det är internt arbetsmaterial", "skriv att det är för internt
/// bruk", "make it clear that it is internal"): the label wished for, not carried.
fn wished(before: &str) -> bool {
    const WISHES: &[&str] = &[
        "ska framgå",
        "skall framgå",
        "bör framgå",
        "måste framgå",
        "vill att",
        "skriv att",
        "skriva att",
        "markera att",
        "tydligt att",
        "tydliggöra att",
        "stå att",
        "make it clear",
        "make clear",
        "should say",
        "want it to",
    ];
    WISHES.iter().any(|w| before.contains(w))
}

/// A bare draft word with a colon that ends its line, or "Utkast"/"Draft" alone on its line,
/// introducing the text below: "Utkast:", "Utkast" over the writer's letter, "Preliminärt:". A draft word
/// with a restriction ("Utkast – ej för publicering"), a preliminary assessment or an
/// upper-case stamp is still a label.
fn caption(lower: &str, span: &Range<usize>) -> bool {
    const BARE: &[&str] = &[
        "utkast",
        "draft",
        "preliminärt",
        "preliminär",
        "preliminary",
    ];
    let line = line_around(lower, span.start);
    let word = &lower[span.clone()];
    match lower[span.end..line.end].trim() {
        ":" => BARE.contains(&word),
        // Alone on its line only the writer's draft: a bare "Preliminärt" heads a forecast.
        "" => matches!(word, "utkast" | "draft"),
        _ => false,
    }
}

/// True when a line names what happens to a kind of document, as a retention plan's row does
/// ("Minnesanteckningar från interna möten – ej diarieförs – gallras vid inaktualitet").
fn retention_row(line: &str) -> bool {
    const RETENTION: &[&str] = &[
        "gallras",
        "gallring",
        "bevaras",
        "diarieförs",
        "arkiveras",
        "rensas",
        "is disposed",
        "is retained",
    ];
    RETENTION.iter().any(|w| line.contains(w))
}

/// Longest heading line of meeting notes (bytes).
const MAX_HEADING: usize = 160;
/// Words of a heading read for the name of a meeting.
const HEADING_WORDS: usize = 10;
/// Longest head before a separator that still makes a heading (bytes).
const MAX_HEAD: usize = 80;

/// A short heading, a separator and the label: "Budgetförslag 2027 – preliminärt",
/// "Förslag till ny organisation (ej beslutat)", "Anteckningar ledningsgrupp – internt".
/// True when the line opens with a request to write something ("Write a draft email, internal
/// only, to all managers", "Skriv ett mejl, internt, till chefsgruppen"): the label after a
/// separator qualifies the text asked for, it marks nothing pasted.
fn requested(lower: &str, span: &Range<usize>) -> bool {
    const REQUESTS: &[&str] = &[
        "skriv",
        "formulera",
        "författa",
        "gör",
        "write",
        "draft",
        "compose",
        "prepare",
        "create",
    ];
    let line = line_around(lower, span.start);
    lower[line.start..span.start]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| REQUESTS.contains(&w))
}

fn after_separator(text: &str, span: &Range<usize>) -> bool {
    let line = line_around(text, span.start);
    let head = text[line.start..span.start].trim_end();
    head.len() <= MAX_HEAD
        && head.ends_with(['–', '—', '-', ':', '(', '|', '/', ','])
        && !head
            .trim_end_matches(['–', '—', '-', ':', '(', '|', '/', ','])
            .trim()
            .is_empty()
}

/// Shortest document noun that heads a compound ("dokument" in "arbetsdokument", "rapport" in
/// "lägesrapport"); shorter ones ("pm", "paper") end too many other words.
const MIN_COMPOUND_HEAD: usize = 6;

/// True when `noun` is a document noun or a compound headed by one ("INTERNT ARBETSDOKUMENT",
/// "Intern lägesrapport", "Internt planeringsunderlag").
fn document_noun(nouns: &[String], noun: &str) -> bool {
    nouns.iter().any(|n| {
        n == noun
            || (n.len() >= MIN_COMPOUND_HEAD
                && noun.len() > n.len() + 2
                && noun.ends_with(n.as_str())
                && !n.contains(' '))
    })
}
