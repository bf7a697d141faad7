//! Confidentiality markers: telling a marking ("SEKRETESS", "Handlingen omfattas av sekretess
//! enligt 26 kap. 1 § OSL") from talk about secrecy ("Förklara sekretess för nyanställda",
//! "Sekretess: Nej", e-mail disclaimers).
//!
//! Heuristics from research/swedish-detection.md §3.2: a marking sits in label position (line
//! start, alone on a line, upper case, before a colon, in a subject line or a bracket, spaced out
//! as `H E M L I G`), or asserts something about the document; questions, explanations,
//! negations, hedges ("kan innehålla") and relative clauses ("uppgifter som omfattas av
//! sekretess") are talk, not markings. So are citations (quoted statute text, summaries of JO
//! decisions), lists of security classes (training material) and quoted examples of a stamp.
//! Labels of internal material are judged in [`super::internal`].

use std::ops::Range;

use regex::Regex;

use super::automaton::MarkerWord;
use super::finding::{Confidence, Finding, Kind};
use super::label::{self, place, strip_decoration};
use super::normalize::Normalized;
pub(super) use super::phrases::Phrases;
use super::text::{
    char_before, clause_around, clause_terminator, ends_word, floor_boundary, is_upper_word,
    line_around, starts_word, words_after, words_before,
};
use crate::patterns::MarkerLists;

/// An OSL provision: `26 kap. 1 §`, `26 kap 1§`, `26:1`, and as dictated or written out,
/// `26 kap 1 paragrafen`, `26 kapitlet 1 §`.
const PROVISION: &str = r"(?:\b([0-9]{1,2}) ?kap(?:\.|itlet|itel)? ?[0-9]{1,2} ?[a-z]? ?(?:§|paragraf(?:en)?\b))|(?:\b([0-9]{1,2}):[0-9]{1,2}\b)";

/// A row of a register of documents, opening with a case number ("KS 2024/0388 Inkommen: …",
/// "SN 2025/119\t2025-03-03\t…", "Dnr 2025.114 …"), matched on the lower-case line.
const CASE_NUMBER_ROW: &str = r"^(?:dnr:? ?)?[a-zåäö]{0,6}[ -]?[0-9]{4}[/.:-][0-9]{1,6}\b";

/// Statute text: the formula of OSL's secrecy provisions ("Sekretess gäller inom socialtjänsten
/// för uppgift om en enskilds personliga förhållanden …") and of its damage tests ("om det kan
/// antas att leverantören lider skada om uppgiften röjs", "om det inte står klart att uppgiften
/// kan röjas utan att …"), which a marking never uses: a marking states that the document is
/// secret, the law and the texts that explain it state when information may be.
const STATUTE: &str = r"(?:(?:sekretess(?:en)? gäller|gäller sekretess(?:en)?)\b[^.;?!]{0,160}?\b(?:för uppgift (?:om|som|i|hos|rörande|angående|enligt|till)\b|i högst [a-zåäö]+ år\b))|(?:\b(?:kan antas|står klart) att\b[^.;?!]{0,160}?\b(?:lider (?:betydande |allvarlig )?(?:skada|men)|(?:kan )?röjas utan)\b)";

/// Copulas that make an adjective an assertion ("Handlingen är sekretessbelagd").
pub(super) const COPULAS: &[&str] = &[
    "är", "var", "blir", "blev", "blivit", "förblir", "anses", "bedöms", "is", "are", "was",
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

/// The words of `text` (letters and digits), in order.
pub(super) fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The marker detector's word lists, normalised for fast lookups.
#[derive(Debug)]
pub struct MarkerRules {
    pub(super) lists: MarkerLists,
    /// Question and explanation phrases.
    talk_words: Phrases,
    /// Words of citations and decision summaries.
    citations: Phrases,
    /// Courts and ombudsmen.
    decision_makers: Phrases,
    /// Internal meetings, in headings of meeting notes.
    pub(super) internal_meetings: Phrases,
    /// [`PROVISION`], compiled.
    provision: Regex,
    /// [`STATUTE`], compiled.
    statute: Regex,
    /// [`CASE_NUMBER_ROW`], compiled.
    case_number_row: Regex,
    /// Labels and internal-material labels without spaces, for spaced-out stamps.
    compact_labels: Vec<String>,
    compact_internal: Vec<String>,
}

impl MarkerRules {
    /// Wraps the marker lists. Fails when a pattern does not compile: detection never
    /// switches itself off.
    pub fn new(lists: MarkerLists) -> Result<MarkerRules, regex::Error> {
        let compact = |list: &[String]| list.iter().map(|l| l.replace(' ', "")).collect();
        Ok(MarkerRules {
            talk_words: Phrases::new(&lists.question_words),
            citations: Phrases::new(&lists.citations),
            decision_makers: Phrases::new(&lists.decision_makers),
            internal_meetings: Phrases::new(&lists.internal_meetings),
            provision: Regex::new(PROVISION)?,
            statute: Regex::new(STATUTE)?,
            case_number_row: Regex::new(CASE_NUMBER_ROW)?,
            compact_labels: compact(&lists.labels),
            compact_internal: compact(&lists.internal),
            lists,
        })
    }

    /// The lists (for building the automaton).
    pub fn lists(&self) -> &MarkerLists {
        &self.lists
    }

    /// Judges every marker word the automaton found, and the spaced-out runs of letters.
    pub fn find(
        &self,
        view: &Normalized<'_>,
        hits: &[(MarkerWord, Range<usize>)],
        spaced: &[Range<usize>],
        out: &mut Vec<Finding>,
    ) {
        let mut found: Vec<Finding> = Vec::new();
        let listed = enumerated_classes(view.lower(), hits);
        for (word, span) in hits {
            let judged = match word {
                MarkerWord::Label if inside(&listed, span) => None,
                MarkerWord::Label => self.label(view, span),
                MarkerWord::Key if inside(&listed, span) => None,
                MarkerWord::Key => self.key(view, span),
                MarkerWord::Assertion => self.assertion(view, span),
                MarkerWord::ProtectedIdentity => self.protected_identity(view, span),
                MarkerWord::Handling => self.handling(view, span),
                MarkerWord::Internal if inside(&listed, span) => None,
                MarkerWord::Internal => self.internal_label(view, span),
                MarkerWord::InternalStatement => self.internal_statement(view, span),
                MarkerWord::Notes => self.meeting_notes(view, span),
                MarkerWord::Law => self.osl_reference(view, span),
            };
            if let Some((kind, rule, confidence, span)) = judged
                && !quoted_in_prose(view.text(), &span)
                && !in_alternation(view.text(), &span)
            {
                found.push(Finding::new(kind, rule, span, confidence));
            }
        }
        for run in spaced {
            if let Some((kind, rule, confidence, span)) = self.spaced(view, run) {
                found.push(Finding::new(kind, rule, span, confidence));
            }
        }
        out.extend(one_per_line(view.text(), found));
    }

    /// A stamp with spaced-out letters in label position: `H E M L I G`, `I N T E R N T`.
    fn spaced(&self, view: &Normalized<'_>, run: &Range<usize>) -> Option<Judged> {
        let collapsed = label::collapse(view.lower(), run);
        // "S e k r e t e s s  e n l i g t  2 6  k a p . …": a spaced-out secrecy statement
        // opening its line, the class and the law it cites.
        if let Some(("sekretess", "enligt" | "enl" | "jml")) = collapsed.split_once(' ') {
            let lower = view.lower();
            let line_start = lower[..run.start].rfind('\n').map_or(0, |i| i + 1);
            if strip_decoration(&lower[line_start..run.start]).is_empty() {
                return Some((
                    Kind::ConfidentialityMarker,
                    "marker.spaced",
                    Confidence::High,
                    run.clone(),
                ));
            }
        }
        let compact = collapsed.replace(' ', "");
        let kind = if self.compact_labels.contains(&compact) {
            Kind::ConfidentialityMarker
        } else if self.compact_internal.contains(&compact) {
            Kind::InternalMaterial
        } else {
            return None;
        };
        place(view.text(), run, &self.lists.label_prefixes)
            .is_label()
            .then(|| (kind, "marker.spaced", Confidence::High, run.clone()))
    }

    /// Is the sentence around `at` a citation: a summary of a decision (JO, JK, a court) or a
    /// quotation of the law?
    fn is_citation(&self, lower: &str, clause: &Range<usize>) -> bool {
        // The decision maker is named near the citation: the line, at most CITED bytes around.
        let line = line_around(lower, clause.start);
        let from = floor_boundary(lower, line.start.max(clause.start.saturating_sub(CITED)));
        let to = floor_boundary(lower, line.end.min(clause.end + CITED / 2));
        // A provision written out ("26 kap 1 paragrafen") is not "paragrafen" cited.
        self.citations
            .any_in(&self.provision.replace_all(&lower[clause.clone()], " "))
            || self.decision_makers.any_in(&lower[from..to.max(from)])
    }

    /// Does the clause after `at` say that what is secret is left out of this text ("Delar av
    /// informationen omfattas av sekretess och redovisas inte i protokollet")? Then the text
    /// at hand is what may be published.
    fn left_out(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        const INCLUDED: &[&str] = &[
            "redovisas",
            "återges",
            "ingår",
            "tas",
            "publiceras",
            "bifogas",
            "framgår",
            "finns",
            "included",
            "published",
            "shown",
        ];
        // "… och redovisas därför inte": a sentence adverb may stand between verb and negation.
        const ADVERBS: &[&str] = &["därför", "alltså", "således", "heller", "här", "därmed"];
        let words = words_after(lower, clause.clone(), at.min(clause.end), usize::MAX);
        words.windows(2).enumerate().any(|(i, pair)| {
            let negated_after = self.is_negation(pair[1])
                || (ADVERBS.contains(&pair[1])
                    && words.get(i + 2).is_some_and(|w| self.is_negation(w)));
            (INCLUDED.contains(&pair[0]) && negated_after)
                || (self.is_negation(pair[0]) && INCLUDED.contains(&pair[1]))
        })
    }

    /// True when `word` is a negation ("inte", "ej", "ingen" …).
    fn is_negation(&self, word: &str) -> bool {
        self.lists.negations.iter().any(|n| n == word)
    }

    /// Does the clause after `at` say that no marking is needed or made ("… gäller sekretess
    /// enligt 19 kap. 3 § OSL, så det behövs ingen särskild markering")? Then the provision
    /// is discussed, not stamped on this text.
    fn marking_denied(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        let words = words_after(lower, clause.clone(), at.min(clause.end), usize::MAX);
        let mut words = words.iter();
        words.by_ref().any(|w| self.is_negation(w))
            && words.any(|w| {
                ["mark", "märk", "stämp", "sekretessmark", "sekretessmärk"]
                    .iter()
                    .any(|stem| w.starts_with(stem))
            })
    }

    /// Do talk words stand before `at` on its line ("Exempel på märkning: SEKRETESS …")?
    fn talk_on_line(&self, lower: &str, at: usize) -> bool {
        let line = line_around(lower, at);
        let from = floor_boundary(lower, line.start.max(at.saturating_sub(CITED)));
        self.talk_words
            .any_in(&lower[from..floor_boundary(lower, at).max(from)])
    }

    /// Does the paragraph around `at` quote statute text ("Sekretess gäller … för uppgift om")?
    fn in_statute_text(&self, lower: &str, at: usize) -> bool {
        let from = floor_boundary(lower, at.saturating_sub(PARAGRAPH));
        let to = floor_boundary(lower, (at + PARAGRAPH).min(lower.len()));
        let at = floor_boundary(lower, at).max(from);
        let b = lower.as_bytes();
        // Every statute formula has "gäller" or a damage test's "antas" or "klart": most
        // paragraphs are rejected by SIMD searches.
        let near = &b[from..to];
        if ["gäller", "antas", "klart"]
            .iter()
            .all(|w| memchr::memmem::find(near, w.as_bytes()).is_none())
        {
            return false;
        }
        let start = memchr::memmem::rfind(&b[from..at], b"\n\n").map_or(from, |i| from + i + 2);
        let end = memchr::memmem::find(&b[at..to], b"\n\n").map_or(to, |i| at + i);
        self.statute.is_match(&lower[start..end])
    }

    /// Is the clause around `at` a question, an explanation or generic talk before `at`?
    pub(super) fn is_talk(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        if clause_terminator(lower, clause) == Some(b'?') && !answered_before(lower, clause, at) {
            return true;
        }
        let before = &lower[clause.start..floor_boundary(lower, at).max(clause.start)];
        self.talk_words.any_in(before)
    }

    pub(super) fn negated(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        let negation = |w: &&str| self.is_negation(w);
        let before = words_before(lower, clause.clone(), at, 8);
        // "… innebär inte i sig att handlingen är sekretessbelagd": a negated verb governs the
        // "att"-clause the assertion stands in.
        before.iter().take(3).any(negation)
            || before
                .iter()
                .position(|w| *w == "att")
                .is_some_and(|att| att <= 3 && before[att + 1..].iter().any(negation))
    }

    pub(super) fn hedged(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        words_before(lower, clause.clone(), at, 4)
            .iter()
            .any(|w| self.lists.hedges.iter().any(|h| h == w))
    }

    /// Security classes and stamps in label position.
    fn label(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let (text, lower) = (view.text(), view.lower());
        let clause = clause_around(view.text(), span.start);
        // A quoted subject line is the mail's own ("ämnesrad: 'HEMLIG – ny rutin …'"), also
        // when the request after it asks a question. (Its line is found only after a quotation
        // mark: in chat JSON a line can be the whole body.)
        let quote_before = text[floor_boundary(text, span.start.saturating_sub(4))..span.start]
            .trim_end()
            .ends_with(super::label::QUOTES);
        let subject =
            quote_before && quoted_subject_line(lower, &line_around(text, span.start), span);
        if clause_terminator(lower, &clause) == Some(b'?') && !subject {
            return None;
        }
        let original = &text[span.clone()];
        let upper = is_upper_word(original);
        let line = line_around(text, span.start);
        let at = place(text, span, &self.lists.label_prefixes);
        let after_key = self.after_key(lower, line.start, span.start);
        // A quoted value of a classification key is the field's value (`"classification":
        // "KONFIDENTIELL"`), not an example of the stamp.
        // "Det står ”HEMLIG” högst upp": the stamp of the document at hand, reported.
        let reported = at.quoted && reported_stamp(text, span);
        if (at.quoted && !after_key && !subject && !reported) || defines_class(lower, span) {
            // An example of the stamp: `skriv "HEMLIG" i sidhuvudet`; a class defined in a
            // classification model: "Konfidentiell: information som omfattas av sekretess".
            return None;
        }
        // "Sekretess gäller" alone at the head of the text: the stamp of the document.
        let applies = !at.is_label() && secrecy_applies_stamp(lower, span, at.head);
        let label_line =
            at.is_label() || applies || subject || reported || heading_dash(lower, &line, span);
        let english = original.is_ascii()
            && ["restricted", "confidential", "top secret", "secret"]
                .iter()
                .any(|e| lower[span.clone()].ends_with(e))
            && !lower[span.clone()].starts_with("hemlig");
        let confidence = if after_key {
            Confidence::High
        } else if applies {
            Confidence::Medium
        } else if label_line {
            if upper && !english {
                Confidence::High
            } else if lower[span.clone()] == *"sekretess" && !upper {
                // A heading "Sekretess" is as often the title of a text about secrecy, so it
                // is only reported; in an e-mail subject or a header line of fields it is the
                // stamp of the document.
                if self.stamp_line(text, &line, span) {
                    Confidence::Medium
                } else {
                    Confidence::Low
                }
            } else {
                // English stamps, and title case alone on a line ("Hemlig", "Confidential").
                Confidence::Medium
            }
        } else {
            self.label_in_prose(view, &clause, span, upper && !english)?
        };
        if (self.is_talk(lower, &clause, span.start) || self.talk_on_line(lower, span.start))
            && !label_line
            && !after_key
        {
            return None;
        }
        Some((
            Kind::ConfidentialityMarker,
            "marker.label",
            confidence,
            span.clone(),
        ))
    }

    /// Is the line of a label at `span` the subject line of an e-mail ("Ämne: SV: Sekretess –
    /// placering") or a header line of fields ("Sekretess | IFO Vuxen | 2025-02-03",
    /// "Sekretess    Dnr SN 2025/311    Sida 1 (2)"), and not a subject that asks about or
    /// announces something ("Ämne: Sekretess – utbildning för nyanställda")?
    fn stamp_line(&self, text: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
        let head = strip_decoration(&text[line.start..span.start]);
        let tail = &text[span.end..line.end.max(span.end)];
        // After an e-mail subject prefix or a call for attention ("OBS! Sekretess"), not
        // after an intensifier alone.
        let subject = !head.is_empty()
            && (head.contains([':', '!']) || head.eq_ignore_ascii_case("obs"))
            && label::strip_head(head, &self.lists.label_prefixes).is_empty();
        let tail_lower = tail.to_lowercase();
        let talk = tail.contains('?')
            || self.talk_words.any_in(&tail_lower)
            || words_of(&tail_lower)
                .iter()
                .any(|w| w.starts_with("fråg") || w.starts_with("utbildning"));
        (subject || label::header_fields(tail)) && !talk
    }

    /// A label inside a sentence: said of the document ("Detta dokument är konfidentiellt",
    /// "This e-mail is strictly confidential"), or in upper case inside mixed-case prose
    /// ("Detta är KONFIDENTIELLT") but not in a rule about such documents ("Handlingar som är
    /// HEMLIGA ska förvaras inlåsta").
    fn label_in_prose(
        &self,
        view: &Normalized<'_>,
        clause: &Range<usize>,
        span: &Range<usize>,
        swedish_upper: bool,
    ) -> Option<Confidence> {
        let (text, lower) = (view.text(), view.lower());
        let said_of = self.said_of_document(lower, clause, span.start);
        let shouted = swedish_upper
            && !upper_run(text, span)
            && !stamp_mentioned(lower, clause, span)
            && !named_as_word(lower, clause, span)
            && !self.hedged(lower, clause, span.start)
            && !words_after(lower, clause.clone(), span.end, 2)
                .iter()
                .any(|w| MODALS.contains(w));
        (said_of || shouted).then_some(Confidence::High)
    }

    /// A class said of the text at hand: a copula (perhaps with an intensifier) right before
    /// `at`, and a document subject before it, with no hedge or negation.
    fn said_of_document(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        let before = words_before(lower, clause.clone(), at, 5);
        let mut words = before
            .iter()
            .skip_while(|w| ["strictly", "highly", "strikt", "strängt", "mycket"].contains(w));
        if !words.next().is_some_and(|w| COPULAS.contains(w)) {
            return false;
        }
        words
            .take(3)
            .any(|w| self.lists.document_subjects.iter().any(|d| d == w))
            && !self.hedged(lower, clause, at)
            && !self.negated(lower, clause, at)
            && !self.is_talk(lower, clause, at)
            && !self.another_document(lower, clause, at)
    }

    /// A provision said to cover the text at hand: "Uppgifterna i anbudet omfattas av 31 kap.
    /// 16 § OSL", "Handlingen faller under 19 kap. 3 § OSL" (a document subject a few words
    /// before the verb). "Uppgifter om hälsa omfattas av …" states the law in general.
    fn provision_of_document(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        let before = words_before(lower, clause.clone(), at, 8);
        let covered = matches!(
            before.as_slice(),
            [
                "av",
                "omfattas" | "omfattades" | "omfattad" | "omfattade",
                ..
            ] | ["under", "faller" | "föll" | "lyder", ..]
                | ["by", "covered" | "protected", ..]
        );
        covered
            && before[2..]
                .iter()
                .take(4)
                .any(|w| self.lists.document_subjects.iter().any(|d| d == w))
            && !self.hedged(lower, clause, at)
            && !self.negated(lower, clause, at)
            && !self.another_document(lower, clause, at)
    }

    /// Is `at` preceded on its line by a classification key and a colon?
    fn after_key(&self, lower: &str, line_start: usize, at: usize) -> bool {
        // A JSON member's value: `"classification": "KONFIDENTIELL"`.
        let head = lower[line_start..at].trim_end_matches(['"', '\'', ' ']);
        let Some(key) = head
            .strip_suffix(':')
            .or_else(|| head.strip_suffix('='))
            .or_else(|| head.strip_suffix('|'))
        else {
            return false;
        };
        // A table row "| Säkerhetsskyddsklass | KONFIDENTIELL |" is a key and its value too.
        let key = strip_decoration(key.trim_end().trim_end_matches(['"', '\'']));
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
        let raw = &lower[span.end..line.end];
        let rest = raw.trim_start();
        // "Sekretess: Ja", "Sekretess = ja", a table row "| Sekretess | Ja |", a tab column.
        let value = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix('='))
            .or_else(|| rest.strip_prefix('|'))
            .or_else(|| raw.starts_with('\t').then_some(rest))?
            .trim()
            .trim_end_matches('|')
            .trim();
        if !head.is_empty() || value.is_empty() {
            return None;
        }
        // "Sekretess: [ ] Ja   [X] Nej": a form's boxes; the value is the option ticked, and a
        // form with none ticked is a blank template.
        let value = match ticked_option(value) {
            Some(Some(option)) => option,
            Some(None) => return None,
            None => value,
        };
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
        let end = floor_boundary(lower, line.end);
        let (kind, confidence) = if names_class || (secrecy_key && cites_law) {
            (Kind::ConfidentialityMarker, Confidence::High)
        } else if value.starts_with("intern") {
            // "Informationsklass: Intern" classifies the document as internal material.
            (Kind::InternalMaterial, Confidence::Medium)
        } else if secrecy_key || starts_with_any(&self.lists.klassa_values) {
            (Kind::ConfidentialityMarker, Confidence::Medium)
        } else {
            return None;
        };
        Some((kind, "marker.field", confidence, span.start..end))
    }

    /// Assertions: "Handlingen är sekretessbelagd", "Uppgifterna omfattas av sekretess".
    fn assertion(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let line = line_around(lower, span.start);
        let head = strip_decoration(&lower[line.start..span.start]);
        // "[Stämpel] OMFATTAS AV SEKRETESS": the stamp's own heading, not talk about stamps;
        // "4. Förvärv av fastigheten Smedjan 7 – Omfattas av sekretess enligt …": an item of a
        // list or a heading, marked after its dash.
        let stamp_head = matches!(
            head.trim_end_matches([']', ':', ' ']),
            "stämpel" | "stamp" | "märkning"
        ) || (head.is_empty()
            && lower[line.start..span.start].trim_end().ends_with(']'));
        let item_tail = !head.is_empty()
            && head.len() <= MAX_ITEM_HEAD
            && lower[line.start..span.start].ends_with(" - ")
            && !lower[line.clone()].contains('?')
            && !self.talk_words.any_in(head)
            && !head
                .split_once(". ")
                .filter(|(n, _)| n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
                .map_or(head, |(_, item)| item)
                .contains(['.', ',', '?']);
        if stamp_head || item_tail {
            return Some((
                Kind::ConfidentialityMarker,
                "marker.assertion",
                Confidence::High,
                span.clone(),
            ));
        }
        let clause = clause_around(view.text(), span.start);
        // "En bilaga … är stämplad ”Omfattas av sekretess” men …": the quoted stamp of a
        // document described, not pasted.
        let described = {
            let pre =
                lower[line.start..span.start].trim_end_matches(['"', '”', '“', '\'', '«', ' ']);
            let words: Vec<&str> = pre
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(6)
                .collect();
            pre.len() < span.start - line.start
                && words.first().is_some_and(|w| DESCRIBED.contains(w))
                && described_elsewhere(lower, &words, span.end)
        };
        if described
            || self.is_talk(lower, &clause, span.start)
            || contrasts_concepts(lower, span.start)
            || self.negated(lower, &clause, span.start)
            || self.is_citation(lower, &clause)
        {
            return None;
        }
        let word = &lower[span.clone()];
        let before = words_before(lower, clause.clone(), span.start, 2);
        let next = words_after(lower, clause.clone(), span.end, 1);
        let general_rule = self.general_rule(lower, &clause, span)
            || instructed(lower, &clause, span.start)
            || reported(lower, &clause, span.start);
        // "… ska omfattas av sekretess": a rule or a request, not a statement about this text.
        let modal = before.iter().any(|w| MODALS.contains(w));
        let opens = strip_decoration(&lower[clause.start..span.start]).is_empty();
        // "Hemligstämplad rapport läckte till pressen": an adjective before a document noun
        // with a sentence going on after it is a headline about that document, not a stamp.
        let headline = next
            .first()
            .is_some_and(|n| self.lists.document_nouns.iter().any(|d| d == n))
            && words_after(lower, clause.clone(), span.end, 3).len() == 3;
        // "Bilagan innehåller sekretessbelagda uppgifter": said of the text at hand.
        let contains = before
            .first()
            .is_some_and(|w| ["innehåller", "innehöll", "contains", "rör"].contains(w));
        // Professional secrecy binds persons ("All personal omfattas av tystnadsplikt"): only
        // a stamp opening its line marks a text with it.
        let binds_persons = word.ends_with("tystnadsplikt") && !opens;
        let confidence = if self.in_statute_text(lower, span.start)
            || self.another_document(lower, &clause, span.start)
            || self.left_out(lower, &clause, span.end)
            || binds_persons
        {
            Confidence::Low
        } else if self.contains_secret_information(lower, &clause, span.start) {
            Confidence::High
        } else if self.hedged(lower, &clause, span.start) || modal {
            Confidence::Low
        } else if contains {
            Confidence::High
        } else if general_rule
            || self.general_subject(lower, &clause)
            || self.numbered_rule(lower, &clause, span.start)
        {
            Confidence::Low
        } else if word.contains(" av sekretess")
            || word.ends_with(" secrecy")
            || word.starts_with("sekretess på ")
            || word.contains(" med sekretess")
            || (opens && !headline)
            || before.iter().any(|w| COPULAS.contains(w))
            || next.first() == Some(&"enligt")
        {
            Confidence::High
        } else {
            // An attributive adjective in prose: "sekretessbelagda handlingar".
            Confidence::Low
        };
        Some((
            Kind::ConfidentialityMarker,
            "marker.assertion",
            confidence,
            span.clone(),
        ))
    }

    /// Is the subject of a secrecy statement another document, named by a relative clause
    /// ("Handlingen du begärt ut är sekretessbelagd", "Den handling som ni frågar om omfattas
    /// av sekretess", "The document you requested is confidential")? An answer to a request for
    /// a document speaks of that document; a marking speaks of the text it stands on.
    fn another_document(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        const RELATIVE: &[&str] = &["du", "ni", "som", "vi", "you", "that", "which"];
        const HERE: &[&str] = &[
            "nedan", "bifogas", "bifogad", "bifogade", "bifogat", "här", "below", "attached",
            "enclosed", "here",
        ];
        let before = words_before(lower, clause.clone(), at, 10);
        if before.iter().any(|w| HERE.contains(w)) {
            // "Dokumentet som bifogas nedan är sekretessbelagt" points at the text at hand.
            return false;
        }
        // "Åtkomst nekad: Handlingen är sekretessmarkerad och din roll saknar behörighet": a
        // system's refusal speaks of a document the writer could not open.
        let line = &lower[line_around(lower, at)];
        if [
            "åtkomst nekad",
            "saknar behörighet",
            "behörighet saknas",
            "access denied",
            "not authorised",
            "not authorized",
            "permission denied",
        ]
        .iter()
        .any(|p| line.contains(p))
        {
            return true;
        }
        // "Övriga detaljer i fallet är hemligstämplade", "the remaining pages are classified":
        // what is secret is what the text leaves out.
        if before
            .iter()
            .any(|w| ["övriga", "övrigt", "resten", "remaining", "other"].contains(w))
        {
            return true;
        }
        // "Observera att bilaga 2 är sekretessmarkerad": an attachment the text refers to by
        // its number (not "Bilagan är …" or "Denna bilaga är …", the attachment at hand, nor
        // one pasted below under its heading "Bilaga 2 – …").
        let attachment = |name: &str, number: &str| {
            ["bilaga", "appendix", "annex"].contains(&name)
                && (number.bytes().all(|b| b.is_ascii_digit()) || number.len() == 1)
        };
        let in_clause = before
            .windows(2)
            .find(|w| attachment(w[1], w[0]))
            .map(|w| (w[1], w[0]));
        // "Bilaga 4, som beskriver passersystemet, bedöms omfattas av sekretess": the
        // attachment opens the sentence, its relative clause set off by commas (a heading
        // "Bilaga 4 – …" has no comma there).
        // The clause may open after a line break inside the sentence, and a text in lower case
        // has no clause break at its full stops: both openings are read.
        let opening_at = |start: usize| {
            let opening = &lower[start..floor_boundary(lower, (start + 24).min(at))];
            let mut words = opening
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let (name, number) = (words.next()?, words.next()?);
            let comma = opening[opening.find(number)? + number.len()..].starts_with(',');
            (attachment(name, number) && comma).then_some((name, number))
        };
        let numbered = in_clause
            .or_else(|| opening_at(clause.start))
            .or_else(|| opening_at(sentence_start(lower, at)));
        if let Some((name, number)) = numbered {
            let heading = format!("{name} {number}");
            // Pasted before or after the sentence that refers to it, within a bounded window.
            let from = floor_boundary(lower, at.saturating_sub(PASTED_ATTACHMENT));
            let to = floor_boundary(lower, (at + PASTED_ATTACHMENT).min(lower.len()));
            // A line that opens with the attachment and a comma is a sentence about it ("Bilaga
            // 4, som …"), not its heading.
            let pasted = lower[from..to].lines().any(|l| {
                l.trim_start()
                    .strip_prefix(heading.as_str())
                    .is_some_and(|rest| !rest.starts_with(','))
            });
            let deictic = before
                .iter()
                .any(|w| ["denna", "detta", "dessa", "this", "these"].contains(w));
            if !pasted && !deictic {
                return true;
            }
        }
        // "Ärendena är sekretessmarkerade i diariet": a registry entry for case files kept
        // elsewhere, as a registrar tells a citizen.
        if words_after(lower, clause.clone(), at, 6)
            .iter()
            .any(|w| ["diariet", "diarieförteckningen", "diariesystemet"].contains(w))
        {
            return true;
        }
        // Nearest first: … [subject] [relative] … [at].
        before.windows(2).any(|w| {
            RELATIVE.contains(&w[0])
                && (self.lists.document_subjects.iter().any(|d| d == w[1])
                    || ["handling", "uppgift", "dokument", "document", "documents"].contains(&w[1]))
                && !["detta", "denna", "dessa", "här", "this", "these"].contains(&w[1])
        })
    }

    /// "[Handlingen] innehåller uppgifter som omfattas av sekretess": the relative clause is
    /// about the information the text at hand holds, a statement, unless the clause is a
    /// condition or a possibility ("Om handlingen innehåller uppgifter som …", "… som kan
    /// omfattas …").
    fn contains_secret_information(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        let before = words_before(lower, clause.clone(), at, 12);
        if before.first() != Some(&"som") {
            return false;
        }
        let Some(verb) = before
            .iter()
            .take(5)
            .position(|w| ["innehåller", "innehöll", "rymmer", "contains", "contain"].contains(w))
        else {
            return false;
        };
        // Said of the text at hand: the verb opens the clause ("Innehåller uppgifter som …")
        // or follows a document subject ("Bilagan innehåller …"), not "Ärendet innehåller …".
        let subject = before
            .get(verb + 1)
            .is_none_or(|w| self.lists.document_subjects.iter().any(|d| d == w));
        subject
            && !before[verb + 1..].iter().any(|w| {
                MODALS.contains(w)
                    || self.lists.hedges.iter().any(|h| h == w)
                    || self.lists.negations.iter().any(|n| n == w)
            })
            && !self.is_talk(lower, clause, at)
    }

    /// A clause about documents in general: its subject (the first word) is an indefinite
    /// plural document noun or a compound of one ("Anbudshandlingar omfattas av sekretess …",
    /// "Uppgifter om hälsa omfattas av …"), or what anyone tells ("Det du berättar …"), with nothing
    /// pointing at the text at hand.
    fn general_subject(&self, lower: &str, clause: &Range<usize>) -> bool {
        const HERE: &[&str] = &[
            "detta", "denna", "dessa", "här", "nedan", "bifogade", "ärendet", "akten", "this",
        ];
        let words = words_after(lower, clause.clone(), clause.start, 12);
        // "Det du berättar för oss omfattas av sekretess", "Allt som sägs i samtalet …": what
        // anyone tells, a promise of a service's secrecy, not a document's marking.
        let told = matches!(
            words.as_slice(),
            [
                "det" | "allt" | "everything" | "what",
                "du" | "ni" | "som" | "you",
                ..
            ]
        );
        (told
            || words.first().is_some_and(|first| {
                self.lists
                    .generic_nouns
                    .iter()
                    .any(|g| !g.contains(' ') && first.ends_with(g.as_str()))
            }))
            && !words.iter().any(|w| HERE.contains(w))
    }

    /// A clause in a numbered section of a guideline or policy ("4.1 Elevhälsans insatser
    /// omfattas av sekretess enligt 25 kap. OSL", "2. Den kurativa insatsen omfattas av …")
    /// whose subject is a kind of activity or information, not the text at hand: the rule
    /// text states what the law covers. A marking is not written as a numbered clause, and
    /// "1. Uppgifterna i detta ärende omfattas av sekretess" still names the text at hand.
    fn numbered_rule(&self, lower: &str, clause: &Range<usize>, at: usize) -> bool {
        const HERE: &[&str] = &[
            "detta", "denna", "dessa", "här", "nedan", "bifogade", "ärendet", "akten", "this",
        ];
        let line = line_around(lower, at);
        let head = lower[line.start..].trim_start();
        let digits = head.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &head[digits..];
        // "4.1 ", "4.1. ", "12. ", "3.2.1 ".
        let numbered = (1..=2).contains(&digits)
            && rest.starts_with('.')
            && rest
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .starts_with(' ');
        if !numbered {
            return false;
        }
        let subject = words_before(lower, clause.clone(), at, 8);
        !subject.is_empty()
            && !subject
                .iter()
                .any(|w| HERE.contains(w) || self.lists.document_subjects.iter().any(|d| d == w))
    }

    /// A plural adjective with a modal verb is a rule about such documents, not a marking:
    /// "Sekretessbelagda handlingar ska förvaras inlåsta"; so is a plural adjective before an
    /// indefinite plural noun or a compound of one: "Säkerhetsskyddsklassificerade uppgifter
    /// delas in i …", "Sekretessmarkerade pappershandlingar förvaras i låst skåp".
    fn general_rule(&self, lower: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
        let word = &lower[span.clone()];
        let after = words_after(lower, clause.clone(), span.end, 3);
        (word.ends_with('a') || word.ends_with("de"))
            && (after.iter().any(|w| MODALS.contains(w))
                || after.first().is_some_and(|n| {
                    // Compounds too: "Sekretessmarkerade pappershandlingar förvaras …".
                    self.lists
                        .generic_nouns
                        .iter()
                        .any(|g| g == n || (!g.contains(' ') && n.ends_with(g.as_str())))
                }))
    }

    /// Protected identity said about a person.
    fn protected_identity(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let clause = clause_around(view.text(), span.start);
        if self.is_talk(lower, &clause, span.start) || self.negated(lower, &clause, span.start) {
            return None;
        }
        let before = words_before(lower, clause.clone(), span.start, 4);
        // "allt fler har skyddade personuppgifter", "antalet barn som har …": a group.
        let group = before
            .iter()
            .any(|w| self.lists.quantifiers.iter().any(|q| q == w));
        let unnamed = opens_with_someone(lower, &clause);
        let confidence =
            if !group && !unnamed && before.iter().take(3).any(|w| POSSESSION.contains(w)) {
                Confidence::High
            } else {
                Confidence::Low
            };
        Some((
            Kind::ConfidentialityMarker,
            "marker.protected_identity",
            confidence,
            span.clone(),
        ))
    }

    /// Handling labels: "får ej spridas", "får ej lämnas ut".
    fn handling(&self, view: &Normalized<'_>, span: &Range<usize>) -> Option<Judged> {
        let lower = view.lower();
        let clause = clause_around(view.text(), span.start);
        if self.is_talk(lower, &clause, span.start) || self.hedged(lower, &clause, span.start) {
            return None;
        }
        Some((
            Kind::ConfidentialityMarker,
            "marker.handling",
            Confidence::Medium,
            span.clone(),
        ))
    }

    /// Is the line a row of a list of the law's provisions ("21 kap. 3 § OSL – skyddad
    /// identitet" over "26 kap. 1 § OSL – socialtjänst")? The line opens with the provision and
    /// describes it after a dash, colon or tab, and a line next to it opens with a provision too:
    /// a reference list, where a marking names one provision for its own document.
    fn provision_list(&self, lower: &str, line: &Range<usize>, end: usize) -> bool {
        let described = lower[end.min(line.end)..line.end]
            .trim_start_matches(' ')
            .starts_with(['–', '-', '—', ':', '\t', '(']);
        let opens_with_provision = |row: &str| {
            let row = strip_decoration(row);
            self.provision.find(row).is_some_and(|m| m.start() == 0)
        };
        described && neighbour_lines(lower, line).any(opens_with_provision)
    }

    /// Is the line a row of a register of documents, next to another row ("KS 2024/0388
    /// Inkommen: Anbud … – Sekretess 19:3 OSL" over "KS 2024/0389 Inkommen: Medborgarförslag
    /// …")? A provision there notes which listed document is secret: the register itself is
    /// the public list, not the marked document.
    fn register_rows(&self, lower: &str, line: &Range<usize>) -> bool {
        let row = |l: &str| self.case_number_row.is_match(strip_decoration(l));
        row(&lower[line.clone()]) && neighbour_lines(lower, line).any(row)
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
        let mut citations = provision.captures_iter(window).filter_map(|c| {
            let chapter = c
                .get(1)
                .or_else(|| c.get(2))
                .and_then(|m| m.as_str().parse::<u32>().ok());
            c.get(0)
                .filter(|_| chapter.is_some_and(|ch| chapters.contains(&ch)))
        });
        // The provision nearest before the law's name ("… – skyddad identitet\n23 kap. 1 § OSL"
        // is the second line's), else the first after it ("OSL 26 kap. 1 §").
        let first = citations.next()?;
        let whole = std::iter::once(first)
            .chain(citations)
            .take_while(|m| from + m.end() <= span.start)
            .last()
            .unwrap_or(first);
        let cited = from + whole.start()..from + whole.end();
        let start = cited.start.min(span.start);
        let end = cited.end.max(span.end);
        let clause = clause_around(view.text(), start);
        if self.is_talk(lower, &clause, start)
            || self.is_citation(lower, &clause)
            || self.talk_on_line(lower, start)
            || self.marking_denied(lower, &clause, end)
        {
            return None;
        }
        let line = line_around(lower, start);
        let context =
            &lower[clause.start.min(line.start)..floor_boundary(lower, clause.end.max(line.end))];
        let secrecy = self
            .lists
            .secrecy_words
            .iter()
            .any(|w| contains_word(context, w))
            || names_secrecy_compound(context);
        let head = strip_decoration(&lower[line.start..start]);
        // "Sidfot i dokumentet: Sekretessmarkering – 26 kap. 1 § OSL": a field after a lead-in.
        let field = head.rsplit(": ").next().unwrap_or(head);
        let label_line = head.is_empty()
            || head == "enligt"
            || head == "enl."
            || head.starts_with("sekr")
            || field.starts_with("sekr");
        // "Enligt 15 kap. 2 § OSL ska en markering innehålla …": what the law requires.
        let rule_stated = matches!(head, "enligt" | "enl.")
            && lower[end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w, "ska" | "skall" | "får" | "måste" | "kan" | "bör"));
        let confidence = if self.in_statute_text(lower, start)
            || rule_stated
            || (head.is_empty() && self.provision_list(lower, &line, end))
            || self.register_rows(lower, &line)
            || modal_rule(lower, &clause, start)
            || self.another_document(lower, &clause, start)
            || self.left_out(lower, &clause, end)
            || self.general_subject(lower, &clause)
            || (lower[clause.clone()].contains("omfatta")
                && self.numbered_rule(lower, &clause, start))
        {
            // The provision names quoted statute text, or a rule about what "ska omfattas av
            // sekretess": a citation, not a marking of this text.
            Confidence::Low
        } else if secrecy || label_line || self.provision_of_document(lower, &clause, start) {
            Confidence::High
        } else {
            Confidence::Low
        };
        Some((
            Kind::ConfidentialityMarker,
            "marker.osl_reference",
            confidence,
            start..end,
        ))
    }
}

/// The lines right before and after `line`, where there are such.
fn neighbour_lines<'a>(lower: &'a str, line: &Range<usize>) -> impl Iterator<Item = &'a str> {
    let previous = lower[..line.start.saturating_sub(1)]
        .rsplit('\n')
        .next()
        .filter(|_| line.start > 0);
    let next = lower
        .get(line.end + 1..)
        .and_then(|rest| rest.split('\n').next());
    [previous, next].into_iter().flatten()
}

/// True when the clause opens with an indefinite person ("En anställd på lönekontoret har
/// berättat att hon fått skyddade personuppgifter", "A client has …"): what it tells is about
/// someone unnamed, a case to ask about, not a marking of a person's data.
fn opens_with_someone(lower: &str, clause: &Range<usize>) -> bool {
    const PERSONS: &[&str] = &[
        "anställd",
        "medarbetare",
        "kollega",
        "elev",
        "brukare",
        "klient",
        "patient",
        "kvinna",
        "man",
        "person",
        "förälder",
        "vårdnadshavare",
        "sökande",
        "invånare",
        "employee",
        "colleague",
        "client",
        "pupil",
        "student",
        "woman",
        "resident",
        "parent",
    ];
    let words = words_after(lower, clause.clone(), clause.start, 2);
    // "En av våra ersättare har skyddade personuppgifter", "One of our staff …".
    let one_of = matches!(words.first(), Some(&("en" | "ett" | "one")))
        && matches!(words.get(1), Some(&("av" | "of")));
    one_of
        || (matches!(words.first(), Some(&("en" | "ett" | "a" | "an")))
            && words.get(1).is_some_and(|w| PERSONS.contains(w)))
}

/// What a rule decided: the kind, the rule's name, the confidence and the span.
pub(super) type Judged = (Kind, &'static str, Confidence, Range<usize>);

/// Bytes read before a clause for the name of a court or ombudsman, and before a label for
/// talk words on its line.
const CITED: usize = 240;

/// Bytes read on each side for the paragraph around a provision.
const PARAGRAPH: usize = 1200;

/// "Sekretess gäller" written as a stamp: alone on its line at the head of the text or of a
/// paragraph of its own (the text or a blank line before it, a blank line or the end after
/// it), with at most a provision after it ("Sekretess gäller enligt 26 kap. 1 § OSL"). The
/// same words in a sentence ("Sekretess gäller för uppgifter om …") or as a heading over a
/// text that goes on explaining the rule are not a stamp.
fn secrecy_applies_stamp(lower: &str, span: &Range<usize>, head: bool) -> bool {
    if !head || &lower[span.clone()] != "sekretess" {
        return false;
    }
    let line = line_around(lower, span.start);
    let tail = lower[span.end..line.end.max(span.end)]
        .trim()
        .trim_end_matches(['.', '!', '*', '_', ']', ')']);
    let Some(rest) = tail.strip_prefix("gäller") else {
        return false;
    };
    let rest = rest.trim();
    if !(rest.is_empty() || rest.starts_with("enligt ") && rest.len() <= 48) {
        return false;
    }
    // The text or a blank line before the line …
    let before = lower[..line.start].trim_end_matches([' ', '\t', '\r']);
    let opens = before.trim().is_empty() || before.ends_with("\n\n");
    // … and the end of the text or a blank line after it.
    let after = &lower[line.end.min(lower.len())..];
    let after = after.strip_prefix('\n').unwrap_or(after);
    let after = after.trim_start_matches([' ', '\t', '\r']);
    let closes = after.is_empty() || after.starts_with('\n');
    opens && closes
}

/// A question mark closes the clause, but a comma and a conjunction after `at` start a new
/// part: "det här är sekretessbelagt, men kan du skriva om det?" asserts, then asks.
fn answered_before(lower: &str, clause: &Range<usize>, at: usize) -> bool {
    const OPENERS: &[&str] = &[
        "är", "var", "har", "kan", "får", "ska", "måste", "bör", "is", "are", "can", "do", "does",
        "should", "may",
    ];
    let first = words_of(&lower[clause.clone()]);
    if first.first().is_some_and(|w| OPENERS.contains(w)) {
        return false;
    }
    let after = &lower[floor_boundary(lower, at).max(clause.start)..clause.end];
    [
        ", men ",
        ", så ",
        ", och ",
        ", but ",
        ", so ",
        ", and ",
        " så spara",
        " men kan",
    ]
    .iter()
    .any(|c| after.contains(c))
}

/// Is a stamp in a sentence talked about rather than used: written, put or seen somewhere
/// ("Skriv SEKRETESS i sidhuvudet", "I mallen står det HEMLIG i sidhuvudet")?
fn stamp_mentioned(lower: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
    let before = words_before(lower, clause.clone(), span.start, 4);
    // "har stämplat varenda sida i sitt anbud med KONFIDENTIELLT": what a stamp put on a
    // document further back in the sentence was.
    let stamped_with = before.first() == Some(&"med")
        && words_of(&lower[clause.start..span.start])
            .iter()
            .any(|w| STAMPED_WITH.contains(w));
    stamp_named(lower, clause, span)
        || ((stamped_with || before.iter().any(|w| DESCRIBED.contains(w)))
            && (described_elsewhere(lower, &before, clause.end)
                || before.iter().any(|w| DOCUMENTS_IN_GENERAL.contains(w))))
        || defined(lower, clause, span)
}

/// True when the label is named as a word ("om mejlet innehåller orden HEMLIG eller
/// KONFIDENTIELLT i ämnesraden", "the keyword CONFIDENTIAL"): a rule or a search about the
/// word, not a marking.
fn named_as_word(lower: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
    words_before(lower, clause.clone(), span.start, 3)
        .iter()
        .any(|w| WORD_NOUNS.contains(w))
}

/// Nouns that name what follows as a word.
const WORD_NOUNS: &[&str] = &[
    "ordet",
    "orden",
    "ord",
    "termen",
    "termerna",
    "begreppet",
    "begreppen",
    "nyckelordet",
    "nyckelorden",
    "sökordet",
    "sökorden",
    "strängen",
    "word",
    "words",
    "term",
    "terms",
    "keyword",
    "keywords",
    "string",
];

/// Verbs of stamping or marking a document "med" a label.
const STAMPED_WITH: &[&str] = &[
    "stämplat",
    "stämplad",
    "stämplade",
    "stämplar",
    "stämplats",
    "märkt",
    "märkta",
    "märker",
    "märkte",
    "märkts",
    "markerat",
    "markerad",
    "markerade",
    "markerar",
];

/// True when the label at `span` is the subject of a definition ("HEMLIG är en
/// säkerhetsskyddsklass", "KONFIDENTIELLT betyder att …", "CONFIDENTIAL means …"): the word
/// explained, not a marking.
fn defined(lower: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
    let after = words_after(lower, clause.clone(), span.end, 2);
    match after.as_slice() {
        [verb, ..] if ["betyder", "innebär", "means"].contains(verb) => true,
        [copula, article, ..] => {
            ["är", "is"].contains(copula) && ["en", "ett", "a", "an"].contains(article)
        }
        _ => false,
    }
}

/// True when a verb of writing or stamping stands before the label at `span`, or a place on a
/// page after it ("skriv HEMLIG", "INTERNT i sidhuvudet"): the stamp named as what to write.
pub(super) fn stamp_named(lower: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
    const VERBS: &[&str] = &[
        "skriv",
        "skriva",
        "skrivs",
        "skriver",
        "står",
        "stod",
        "sätt",
        "sätta",
        "sätts",
        "ange",
        "anges",
        "stämpla",
        "stämplas",
        "märk",
        "märks",
        "märka",
        "write",
        "put",
        "add",
        "type",
        "says",
        "stamp",
    ];
    const PLACES: &[&str] = &[
        "sidhuvud",
        "sidfot",
        "överst",
        "högst",
        "längst",
        "header",
        "footer",
        "rubrik",
        "kuvert",
        "mall",
        "försättsblad",
        "top",
        "bottom",
    ];
    let before = words_before(lower, clause.clone(), span.start, 4);
    let after = words_after(lower, clause.clone(), span.end, 3);
    before.iter().any(|w| VERBS.contains(w))
        || after
            .iter()
            .any(|w| PLACES.iter().any(|p| w.starts_with(p)))
}

/// The option ticked among a form's boxes (`[x] nej`, `☒ ja`, `(x) nej`) in a lower-case field
/// value: `None` when the value has no boxes, `Some(None)` when none is ticked.
fn ticked_option(value: &str) -> Option<Option<&str>> {
    const TICKED: &[&str] = &["[x]", "(x)", "☒", "☑", "■"];
    const EMPTY: &[&str] = &["[ ]", "[]", "( )", "☐", "□"];
    let ticked = TICKED
        .iter()
        .find_map(|t| value.find(t).map(|i| i + t.len()));
    match ticked {
        Some(at) => Some(Some(value[at..].trim_start())),
        None => EMPTY.iter().any(|e| value.contains(e)).then_some(None),
    }
}

/// Indefinite plurals of documents: "Handlingar stämplade HEMLIG lämnas till …" is a rule
/// for every such document, not the stamp of one (whatever is pasted after it).
const DOCUMENTS_IN_GENERAL: &[&str] = &[
    "handlingar",
    "akter",
    "documents",
    "envelopes",
    "files",
    "papers",
];

/// True when the words before a described stamp (`before`, nearest first) point at no text at
/// hand and no document is pasted after `end`: the stamp is another document's.
fn described_elsewhere(lower: &str, before: &[&str], end: usize) -> bool {
    !before.iter().any(|w| DEICTIC.contains(w)) && !pasted_after(lower, end)
}

/// "handlingen är stämplad HEMLIG": a stamp described on a document that is not in the
/// text; with the document pasted after it, the stamp is this text's.
const DESCRIBED: &[&str] = &[
    "stämplad",
    "stämplat",
    "stämplade",
    "märkt",
    "märkta",
    "stamped",
    "marked",
];

/// Words that point at the text at hand: "Detta dokument är märkt HEMLIG", "this memo".
const DEICTIC: &[&str] = &[
    "detta", "denna", "här", "texten", "nedan", "bifogade", "this", "below", "attached",
];

/// True when at least two non-empty lines follow the line of `at`: a document pasted after
/// what is said of it.
fn pasted_after(text: &str, at: usize) -> bool {
    let window = &text[at..floor_boundary(text, (at + PASTE_WINDOW).min(text.len()))];
    let Some(line_end) = window.find('\n') else {
        return false;
    };
    window[line_end..]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(2)
        .count()
        == 2
}

/// True when `span` is one branch of a pattern's alternation, between `(` or `|` and `|` or
/// `)`: `(?i)\b(konfidentiell|hemlig|omfattas av sekretess)\b` in a mail rule or a regex is
/// what the rule looks for, not a marking of this text.
fn in_alternation(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end.min(text.len())..].chars().next();
    matches!(before, Some('|' | '('))
        && matches!(after, Some('|' | ')'))
        && (before == Some('|') || after == Some('|'))
}

/// Bytes read after a line for the document pasted below it.
const PASTE_WINDOW: usize = 400;

/// A stamp that ends the first line of the text (or of a document pasted after a line that
/// introduces it) after a short heading and a dash: "VISSELBLÅSARÄRENDE – KONFIDENTIELLT".
fn heading_dash(lower: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
    let head = &lower[line.start..span.start];
    let before = lower[..line.start].trim();
    // The first line of the text, or of a document pasted after a one-line request that
    // introduces it ("Förbättra språket i det här:").
    (before.is_empty()
        || (before.ends_with(':') && before.len() <= MAX_ITEM_HEAD * 3 && !before.contains('\n')))
        && head.ends_with(" - ")
        && head.len() <= MAX_ITEM_HEAD
        && !head.contains(['.', '?', ':'])
        && lower[span.end..line.end].trim().is_empty()
}

/// True when the label opens a quotation right after a subject-line key ("ämnesrad:
/// 'HEMLIG – ny rutin …'", "subject: \"CONFIDENTIAL – …\""): the quoted subject of a mail
/// the writer pastes, not an example of the stamp.
fn quoted_subject_line(text: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
    let head = text[line.start..span.start].trim_end();
    let Some(before) = head.strip_suffix(super::label::QUOTES) else {
        return false;
    };
    // The quotation closes on its line, any question comes after it (the writer's request),
    // and the mail's text follows on the lines below.
    let tail = &text[span.end..line.end.max(span.end)];
    let Some(close) = tail.find(super::label::QUOTES) else {
        return false;
    };
    let body_below = text[line.end.max(span.end)..]
        .lines()
        .any(|l| l.split_whitespace().count() >= 3);
    if tail[..close].contains('?') || !body_below {
        return false;
    }
    // The key's last bytes only: the head of a line of chat JSON can be the whole body.
    let before = before.trim_end();
    let before = before[floor_boundary(before, before.len().saturating_sub(24))..].to_lowercase();
    ["ämnesrad:", "ämnesraden:", "ämne:", "subject:", "subject line:", "rubrik:"]
        .iter()
        .any(|key| before.ends_with(key))
        // "ett mejl med ämnesrad 'KONFIDENTIELLT – …'"
        || [" ämnesrad", " ämnesraden", " subject line"]
            .iter()
            .any(|key| before.ends_with(key))
}

/// Longest head of a list item or heading (bytes) whose dash a secrecy assertion may follow.
const MAX_ITEM_HEAD: usize = 80;

/// How far (bytes) around a reference to a numbered attachment its pasted heading is looked for.
const PASTED_ATTACHMENT: usize = 8192;

/// Bytes read back for the start of a sentence.
const SENTENCE_REACH: usize = 200;

/// Where the sentence that holds byte `at` starts: after the last full stop, question or
/// exclamation mark before a space, or line break, at most [`SENTENCE_REACH`] bytes back. Unlike
/// [`clause_around`] it needs no capital after the stop (texts written in lower case).
fn sentence_start(lower: &str, at: usize) -> usize {
    let from = floor_boundary(lower, at.saturating_sub(SENTENCE_REACH));
    let b = &lower.as_bytes()[from..at.max(from)];
    let start = (0..b.len())
        .rev()
        .find(|&i| {
            b[i] == b'\n' || (matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1) == Some(&b' '))
        })
        .map_or(0, |i| i + if b[i] == b'\n' { 1 } else { 2 });
    let start = from + start;
    start + (lower[start..at].len() - lower[start..at].trim_start().len())
}

/// Longest quotation (bytes) read as a quoted stamp.
const MAX_QUOTE: usize = 120;

/// Is `span` inside a short quotation that a sentence opens on the same line: `där det står
/// "Sekretess enligt 26 kap. 1 § OSL" högst upp`, `när det står 'Sekretess: Ja' i systemet`?
/// The stamp is mentioned (reported, asked about), not used; a stamp that opens its line
/// in quotes, or that the sentence says the text is marked with ("It is marked 'Sensitive'"),
/// is still used.
fn quoted_in_prose(text: &str, span: &Range<usize>) -> bool {
    use super::label::{PASTED_QUOTE, QUOTES};
    let line = line_around(text, span.start);
    let from = floor_boundary(text, line.start.max(span.start.saturating_sub(MAX_QUOTE)));
    let Some(open) = text[from..span.start].rfind(QUOTES).map(|i| from + i) else {
        return false;
    };
    // An opening quote follows a space (an apostrophe inside a word is not one); a straight
    // double quote opens when an odd number of them stands before the span on its line.
    let opens = char_before(text, open).is_some_and(char::is_whitespace)
        && (!text[open..].starts_with('"')
            || text[line.start..span.start].matches('"').count() % 2 == 1);
    let to = floor_boundary(text, line.end.min(span.end + MAX_QUOTE).max(span.end));
    let closes = text[span.end..to].contains(QUOTES);
    let before: Vec<&str> = text[line.start..open]
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    // "It is marked 'Sensitive – not for external distribution'", "Texten är märkt "HEMLIG"":
    // a stamp said of the text at hand.
    let marked = before.iter().rev().take(3).any(|w| {
        let w = w.to_lowercase();
        [
            "märkt",
            "stämplad",
            "stämplat",
            "marked",
            "labelled",
            "labeled",
            "stamped",
        ]
        .iter()
        .any(|m| w.starts_with(m))
    });
    let marked = marked || placed_on_document(text, &line, open, to);
    // `gör om till enkel svenska: "HEMLIG enl. säkerhetsskyddslagen. Reservkraft …"`: a
    // quotation that a colon introduces and the stamp opens is the pasted document itself.
    let pasted_quote = text[line.start..open].trim_end().ends_with(':')
        && text[open..span.start]
            .chars()
            .skip(1)
            .all(char::is_whitespace)
        && text[span.end..to]
            .find(QUOTES)
            .is_none_or(|close| close > PASTED_QUOTE);
    opens
        && closes
        && before.len() >= 2
        && !marked
        && !pasted_quote
        && !introduces_paste(text, &line)
        && !form_field(text, &line, open)
        && !quoted_subject_line(text, &line, span)
}

/// Words that say where on a page a stamp stands ("överst", "högst upp", "i sidhuvudet").
const PAGE_PLACES: &[&str] = &[
    "överst",
    "högst upp",
    "längst upp",
    "längst ner",
    "längst ned",
    "nederst",
    "i sidhuvudet",
    "i sidfoten",
    "i rubriken",
    "på första sidan",
    "at the top",
    "in the header",
];

/// True when the stamp at `span` opens a quotation (its quotation mark at most four bytes
/// before it) that [`placed_on_document`] reports.
fn reported_stamp(text: &str, span: &Range<usize>) -> bool {
    let from = floor_boundary(text, span.start.saturating_sub(4));
    let Some(open) = text[from..span.start]
        .rfind(super::label::QUOTES)
        .map(|i| from + i)
    else {
        return false;
    };
    let line = line_around(text, span.start);
    let to = floor_boundary(text, line.end.min(span.end + MAX_QUOTE).max(span.end));
    placed_on_document(text, &line, open, to)
}

/// True when the sentence that quotes a stamp states, as a main clause, where it stands on
/// the document: "Överst står det ”Omfattas av sekretess”", "Det står ”HEMLIG” högst upp".
/// That reports the marking of the text at hand. A subordinate clause ("där det står …
/// högst upp", "när det står …") or a question still only mentions it.
fn placed_on_document(text: &str, line: &Range<usize>, open: usize, to: usize) -> bool {
    // The sentence is read back at most MAX_QUOTE bytes (a line of chat JSON can be the whole
    // body).
    let head = &text[floor_boundary(text, line.start.max(open.saturating_sub(MAX_QUOTE)))..open];
    let sentence = head
        .rfind([':', '.', '!', '?'])
        .map_or(head, |i| &head[i + 1..])
        .trim()
        .to_lowercase();
    // The quotation and what follows it on its line, up to MAX_QUOTE after the stamp.
    let tail = text[open..to].to_lowercase();
    if tail.contains('?') {
        return false;
    }
    let opens_with_place = PAGE_PLACES.iter().any(|p| {
        sentence
            .strip_prefix(p)
            .is_some_and(|r| r.trim_start().starts_with("står det"))
    });
    let says_place_after = matches!(sentence.as_str(), "det står" | "det stod")
        && PAGE_PLACES.iter().any(|p| contains_word(&tail, p));
    opens_with_place || says_place_after
}

/// True when the quotation opening at `open` is the value of a field of a pasted form: its
/// line is "Key: "…"" and the line above it is a field too ("Skäl: Vägen saknar …" over
/// "Handläggarens anteckning: "Får ej lämnas ut – sekretess""). An example's field quotes the
/// stamp as talk.
fn form_field(text: &str, line: &Range<usize>, open: usize) -> bool {
    /// Longest field key (bytes).
    const MAX_KEY: usize = 80;
    let is_field = |line: &str, value: bool| {
        let Some((key, rest)) = line.split_once(':') else {
            return false;
        };
        let key = key.trim().to_lowercase();
        !key.is_empty()
            && key.len() <= MAX_KEY
            && !key.contains(['.', '?', '!', '"'])
            && !["exempel", "example", "t.ex", "e.g"]
                .iter()
                .any(|e| key.contains(e))
            && (!value || !rest.trim().is_empty())
    };
    let head = text[line.start..open].trim_end();
    let above = text[..line.start].trim_end_matches(['\n', '\r']);
    let above = &above[above.rfind('\n').map_or(0, |i| i + 1)..];
    head.ends_with(':') && is_field(head, false) && is_field(above, true)
}

/// True when `line` ends with a colon and at least two more lines follow: the writer
/// introduces the document they paste ("det står 'sekretess enligt 18 kap. 8 § OSL' högst upp
/// på larmplanen, gör om tabellen till en lista:\n…"), so what they quote from it is its
/// marking.
fn introduces_paste(text: &str, line: &Range<usize>) -> bool {
    text[line.clone()].trim_end().ends_with(':') && pasted_after(text, line.start)
}

/// A modal verb before the verb of a secrecy statement within the words before `at`: "uppgifter
/// som ska omfattas av sekretess enligt 31 kap. 16 § OSL" states a rule, not a marking.
fn modal_rule(lower: &str, clause: &Range<usize>, at: usize) -> bool {
    const VERBS: &[&str] = &[
        "omfattas",
        "vara",
        "bli",
        "anses",
        "gälla",
        "beläggas",
        "sekretessbeläggas",
        "råda",
        "sekretessmarkeras",
    ];
    let words = words_before(lower, clause.clone(), at, 6);
    words
        .windows(2)
        .any(|w| VERBS.contains(&w[0]) && MODALS.contains(&w[1]))
}

/// Compounds that end in a secrecy word: "anbudssekretess", "upphandlingssekretessen".
fn names_secrecy_compound(context: &str) -> bool {
    words_of(context).iter().any(|w| {
        w.len() > "sekretess".len() + 2 && (w.ends_with("sekretess") || w.ends_with("sekretessen"))
    })
}

/// The security class a label names, to tell a list of classes from a stamp.
fn security_class(label: &str) -> Option<u8> {
    let classes: [(&str, u8); 15] = [
        ("kvalificerat hemlig", 1),
        ("begränsat hemlig", 2),
        ("hemlig", 3),
        ("konfidentiell", 4),
        ("cosmic top secret", 5),
        ("top secret", 5),
        ("confidential", 6),
        ("restricted", 7),
        ("secret", 8),
        // The lower classes of information-classification models ("öppen, intern,
        // konfidentiell och hemlig").
        ("intern", 9),
        ("internal", 10),
        // The Traffic Light Protocol's restricted colours.
        ("tlp:red", 12),
        ("tlp red", 12),
        ("tlp:amber", 13),
        ("tlp amber", 13),
    ];
    if label == "sekretess" {
        // The level of secret information in a municipal model ("Öppen, Intern, Sekretess").
        return Some(11);
    }
    classes
        .iter()
        .find(|(c, _)| label.starts_with(c) || label.ends_with(c))
        .map(|&(_, id)| id)
}

/// The label hits (outermost spans, sorted) that belong to a list of security classes: three or more different
/// classes close together ("KVALIFICERAT HEMLIG, HEMLIG, KONFIDENTIELL och BEGRÄNSAT HEMLIG",
/// a slide with one class per line). Training material lists the classes; a document is
/// stamped with one.
fn enumerated_classes(lower: &str, hits: &[(MarkerWord, Range<usize>)]) -> Vec<Range<usize>> {
    const NEAR: usize = 160;
    let mut labels: Vec<&Range<usize>> = hits
        .iter()
        // "Sekretess" heads a row of a classification table as a key does ("Sekretess |
        // Uppgifter som omfattas av OSL | Socialakter").
        .filter(|(w, s)| {
            matches!(w, MarkerWord::Label | MarkerWord::Internal)
                || (*w == MarkerWord::Key && &lower[s.clone()] == "sekretess")
        })
        .map(|(_, s)| s)
        .collect();
    labels.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    // Drop hits inside a longer one ("hemlig" in "kvalificerat hemlig").
    let mut outer: Vec<&Range<usize>> = Vec::with_capacity(labels.len());
    for s in labels {
        if outer.last().is_none_or(|o| s.start >= o.end) {
            outer.push(s);
        }
    }
    let mut listed: Vec<Range<usize>> = Vec::new();
    let mut group: Vec<&Range<usize>> = Vec::new();
    let mut flush = |group: &mut Vec<&Range<usize>>| {
        let mut classes: Vec<u8> = group
            .iter()
            .filter_map(|s| security_class(&lower[(*s).clone()]))
            .collect();
        classes.sort_unstable();
        classes.dedup();
        if (1..3).contains(&classes.len())
            && let (Some(first), Some(last)) = (group.first(), group.last())
        {
            classes.extend(listed_open_levels(lower, first.start, last.end, NEAR / 2));
            classes.sort_unstable();
            classes.dedup();
        }
        if classes.len() >= 3 {
            listed.extend(group.iter().map(|s| (*s).clone()));
        }
        group.clear();
    };
    for s in outer {
        if group.last().is_some_and(|g| s.start > g.end + NEAR) {
            flush(&mut group);
        }
        group.push(s);
    }
    flush(&mut group);
    listed
}

/// Levels of classification models that are no marker themselves ("Offentlig", "TLP:GREEN",
/// the "Strikt" of "Strikt konfidentiell"), as ids after [`security_class`]'s, when written as
/// items of a list (next to a comma, a slash, "och", "eller", "and", "or" or a line break)
/// within `reach` bytes of the labels `start..end`: "Offentlig, Intern, Konfidentiell och Strikt
/// konfidentiell" lists the levels of a model, as "TLP:RED, TLP:AMBER, TLP:GREEN" does.
fn listed_open_levels(lower: &str, start: usize, end: usize, reach: usize) -> Vec<u8> {
    const LEVELS: [(&str, u8); 8] = [
        ("offentlig", 20),
        ("öppen", 20),
        ("public", 20),
        ("strikt konfidentiell", 21),
        ("highly confidential", 21),
        ("tlp:green", 22),
        ("tlp:clear", 23),
        ("tlp:white", 23),
    ];
    let from = floor_boundary(lower, start.saturating_sub(reach));
    let to = floor_boundary(lower, (end + reach).min(lower.len()));
    let window = &lower[from..to];
    let item = |at: usize, len: usize| {
        let before = window[..at].trim_end_matches([' ', '\t', '(', '"', '*', '-', '•']);
        let after = window[at + len..].trim_start_matches([' ', '\t', ')', '"', '*']);
        let list_before = before.is_empty()
            || before.ends_with([',', '/', '\n', '|', ';', ':'])
            || [" och", " eller", " and", " or"]
                .iter()
                .any(|w| before.ends_with(w));
        // The last item of a list ends its sentence: "… och Strikt konfidentiell."
        let list_after = after.is_empty()
            || after.starts_with([',', '/', '\n', '|', ';'])
            || !before.is_empty() && after.starts_with(['.', ':', '?', '!'])
            || ["och ", "eller ", "and ", "or "]
                .iter()
                .any(|w| after.starts_with(w));
        let whole = !window[..at].ends_with(|c: char| c.is_alphanumeric())
            && !window[at + len..].starts_with(|c: char| c.is_alphanumeric());
        whole && list_before && list_after
    };
    LEVELS
        .iter()
        .filter(|(word, _)| window.match_indices(word).any(|(at, w)| item(at, w.len())))
        .map(|&(_, id)| id)
        .collect()
}

/// Nouns that open the definition of a class in a classification model.
const DEFINED: &[&str] = &[
    "information",
    "uppgifter",
    "handlingar",
    "dokument",
    "data",
    "material",
    "innehåll",
];
/// Words that follow a defined noun, or open a definition themselves.
const DEFINING: &[&str] = &[
    "som", "där", "vars", "vilken", "vilka", "that", "which", "where", "avser", "innebär",
    "betyder", "omfattar", "means",
];

/// True when the label at `span` heads a definition in a classification model: a colon, dash
/// or equals sign after it, then "information som …", "uppgifter där …", "avser …"
/// ("Konfidentiell: information som omfattas av sekretess enligt OSL", "Intern – information
/// som inte ska spridas"). A stamp is followed by the end of its line, a date or a case number;
/// the class and what it means is the model, not a marking.
pub(super) fn defines_class(lower: &str, span: &Range<usize>) -> bool {
    let line = line_around(lower, span.start);
    let tail = lower[span.end..line.end.max(span.end)].trim_start();
    let Some(rest) = tail
        .strip_prefix(':')
        .or_else(|| tail.strip_prefix('='))
        .or_else(|| tail.strip_prefix('–'))
        .or_else(|| tail.strip_prefix('—'))
        .or_else(|| tail.strip_prefix('-'))
    else {
        return false;
    };
    let words = words_of(rest);
    match words.first() {
        Some(first) if DEFINING.contains(first) => true,
        Some(first) if DEFINED.contains(first) => {
            words.get(1).is_some_and(|w| DEFINING.contains(w))
        }
        _ => false,
    }
}

/// Imperative verbs of an instruction whose "att"-clause states what to check or record:
/// "Anteckna i diariet att handlingen är sekretessmarkerad", "Kontrollera att uppgifterna
/// omfattas av sekretess". "Observera att …", "Notera att …" point at the text at hand and
/// are not here.
const INSTRUCTING: &[&str] = &[
    "anteckna",
    "ange",
    "kontrollera",
    "säkerställ",
    "säkerställa",
    "se",
    "skriv",
    "registrera",
    "dokumentera",
    "pröva",
    "bedöm",
    "avgör",
    "undersök",
    "markera",
    "check",
    "ensure",
    "verify",
    "record",
    "confirm",
];

/// True when the clause of `at` opens with an instruction verb and an "att" ("that") stands
/// between it and `at`: the secrecy is what the reader is told to check or write down, a
/// step of a routine, not a statement about this text.
fn instructed(lower: &str, clause: &Range<usize>, at: usize) -> bool {
    let words = words_before(lower, clause.clone(), at, 10);
    // Nearest first: the opening verb is the last word read.
    let Some(att) = words.iter().position(|w| matches!(*w, "att" | "that")) else {
        return false;
    };
    let opening = strip_decoration(&lower[clause.start..at]);
    let first = words_of(opening).into_iter().next().unwrap_or("");
    INSTRUCTING.contains(&first) && words.len() > att + 1 && words.last() == Some(&first)
}

/// Verbs of saying or writing whose "att"-clause reports what another text says.
const REPORTING: &[&str] = &[
    "skriver", "skrev", "säger", "sa", "sade", "påstår", "uppger", "uppgav", "hävdar", "says",
    "said", "states", "stated", "writes", "wrote", "claims",
];

/// True when the sentence before `at` sets concepts against each other
/// ("Skriv en text om skillnaden mellan att en handling är allmän, att den omfattas av
/// sekretess och …", "the difference between public and confidential"): the assertion is one of
/// the concepts explained, said of no text at hand.
fn contrasts_concepts(lower: &str, at: usize) -> bool {
    let from = floor_boundary(lower, at.saturating_sub(400));
    let before = &lower[from..at];
    let sentence = before
        .rfind(['.', '?', '!', '\n'])
        .map_or(before, |i| &before[i + 1..]);
    // The concepts follow the phrase as clauses or coordinated nouns ("mellan att …, att …",
    // "between public and confidential"), not as the subject of the assertion ("Utredningen om
    // skillnaden mellan grupperna omfattas av sekretess").
    [
        "skillnaden mellan",
        "skillnad mellan",
        "skillnaderna mellan",
        "difference between",
    ]
    .iter()
    .filter_map(|p| sentence.find(p).map(|i| &sentence[i + p.len()..]))
    .any(|rest| {
        [" att ", " och ", " that ", " and "]
            .iter()
            .any(|c| rest.contains(c))
    })
}

/// True when an "att" ("that") right before the assertion's clause follows a verb of saying
/// or "står det" ("längst ner står det att innehållet omfattas av sekretess", "the e-mail says
/// that …"): the writer reports what another text says; a marking is written on the text
/// itself.
fn reported(lower: &str, clause: &Range<usize>, at: usize) -> bool {
    let words = words_before(lower, clause.clone(), at, 10);
    // "a letter that says Omfattas av sekretess at the top", "där det står Hemlig": the words
    // quoted right after a verb of saying are another text's, unless that text is pasted after.
    let quoted = matches!(
        (words.first(), words.get(1)),
        (Some(&("says" | "said" | "reads" | "read")), _)
            | (Some(&("står" | "stod")), Some(&"det"))
            | (Some(&"det"), Some(&("står" | "stod")))
    );
    if quoted && !pasted_after(lower, clause.end) {
        return true;
    }
    let Some(att) = words.iter().position(|w| matches!(*w, "att" | "that")) else {
        return false;
    };
    match (words.get(att + 1), words.get(att + 2)) {
        (Some(&"det"), Some(&("står" | "stod"))) => true,
        (Some(&("står" | "stod")), Some(&"det")) => true,
        (Some(verb), _) => REPORTING.contains(verb),
        _ => false,
    }
}

/// True when `span` lies inside one of the sorted, disjoint `ranges`.
fn inside(ranges: &[Range<usize>], span: &Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.start <= span.start);
    i > 0 && ranges[i - 1].end >= span.end
}

/// Keeps the surest finding of each kind on each line (a stamp and its provision count once).
/// A handling phrase on the line of an internal-material label belongs to that label
/// ("Arbetsmaterial – får ej spridas" is internal material, not a secrecy marking).
fn one_per_line(text: &str, mut found: Vec<Finding>) -> Vec<Finding> {
    let line_of = |f: &Finding| line_around(text, f.span.start).start;
    let internal_lines: Vec<usize> = found
        .iter()
        .filter(|f| f.kind == Kind::InternalMaterial && f.confidence >= Confidence::Medium)
        .map(line_of)
        .collect();
    found.retain(|f| !(f.rule == "marker.handling" && internal_lines.contains(&line_of(f))));
    found.sort_by_key(|f| {
        (
            line_of(f),
            f.kind,
            std::cmp::Reverse(f.confidence),
            f.span.start,
        )
    });
    let mut kept: Vec<Finding> = Vec::new();
    let mut last = None;
    for f in found {
        let key = (line_of(&f), f.kind);
        if last != Some(key) {
            last = Some(key);
            kept.push(f);
        }
    }
    kept
}

/// True when the words around `span` are upper case too (a shouted heading, not a label).
pub(super) fn upper_run(text: &str, span: &Range<usize>) -> bool {
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
        assert!(r.is_match("sekretess enligt 26 kap 1 paragrafen osl"));
        assert!(r.is_match("26 kapitlet 1 § osl"));
        assert!(!r.is_match("26 kap 1 paragrafstyckena"));
        assert!(!r.is_match("lagen (2009:400)"));
        Ok(())
    }

    #[test]
    fn statute_formula() -> Result<(), regex::Error> {
        let r = Regex::new(STATUTE)?;
        assert!(r.is_match("sekretess gäller inom socialtjänsten för uppgift om en enskilds"));
        assert!(r.is_match("sekretess gäller för uppgift som hänför sig till"));
        assert!(!r.is_match("sekretess gäller för uppgifterna i denna handling"));
        assert!(!r.is_match("sekretess gäller enligt 26 kap. 1 § osl"));
        Ok(())
    }

    #[test]
    fn secrecy_compounds() {
        assert!(names_secrecy_compound("anbudssekretess enligt 19 kap. 3 §"));
        assert!(names_secrecy_compound("upphandlingssekretessen gäller"));
        assert!(!names_secrecy_compound("sekretessprövning enligt"));
    }

    #[test]
    fn classes_in_a_list_are_not_stamps() {
        let lower = "• kvalificerat hemlig – a\n• hemlig – b\n• konfidentiell – c\n";
        let hits: Vec<(MarkerWord, Range<usize>)> = lower
            .match_indices("kvalificerat hemlig")
            .chain(lower.match_indices("hemlig"))
            .chain(lower.match_indices("konfidentiell"))
            .map(|(at, w)| (MarkerWord::Label, at..at + w.len()))
            .collect();
        // "hemlig" inside "kvalificerat hemlig" is not a class of its own.
        assert_eq!(hits.len(), 4);
        let listed = enumerated_classes(lower, &hits);
        assert_eq!(listed.len(), 3);
        assert!(hits.iter().all(|(_, s)| inside(&listed, s)));
        let two: Vec<_> = hits.iter().filter(|(_, s)| s.start < 40).cloned().collect();
        assert!(enumerated_classes(lower, &two).is_empty());
    }
}
