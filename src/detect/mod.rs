//! The scanner: finds in a text what the municipal AI policy forbids.
//!
//! [`Detectors::scan`] builds the normalised view once ([`normalize`]), runs one Aho-Corasick
//! automaton over it for every word list ([`automaton`]), walks digit clusters once for every
//! number-shaped identifier ([`digits`]), and reads capitalised words for names. Findings are
//! mapped back to byte offsets of the original text.

pub mod automaton;
pub mod context;
pub mod date;
pub mod digits;
pub mod finding;
pub mod fixed_width;
pub mod identifiers;
pub mod identity;
pub mod internal;
pub mod keywords;
pub mod label;
pub mod linkage;
pub mod markers;
pub mod mask;
pub mod names;
pub mod normalize;
pub mod personnummer;
pub mod phrases;
pub mod script_names;
pub mod spoken;
pub mod text;
pub mod vocab;

pub use date::Date;
pub use finding::{Category, Confidence, Digits, Finding, Kind};
pub use normalize::Normalized;

use automaton::{Automaton, AutomatonBuilder, ContextWord, MarkerWord, Owner};
use context::{Context, sort_hits};
use keywords::Anchor;
use markers::MarkerRules;
use vocab::VocabularyDetector;

use crate::patterns::{NameLists, Patterns};

/// Every detector, compiled once from the pattern files and shared by all requests.
#[derive(Debug)]
pub struct Detectors {
    automaton: Automaton,
    vocabulary: VocabularyDetector,
    markers: MarkerRules,
    names: NameLists,
    street_suffixes: Vec<String>,
}

/// The detectors could not be built from the pattern files.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the detectors: {0}")]
pub struct BuildError(String);

impl Detectors {
    /// Compiles the detectors from loaded pattern files.
    pub fn build(patterns: &Patterns) -> Result<Detectors, BuildError> {
        let mut builder = AutomatonBuilder::default();
        let vocabulary = VocabularyDetector::build(&patterns.vocabulary, &mut builder);
        let m = &patterns.markers;
        for (list, word) in [
            (&m.labels, MarkerWord::Label),
            (&m.keys, MarkerWord::Key),
            (&m.assertions, MarkerWord::Assertion),
            (&m.protected_identity, MarkerWord::ProtectedIdentity),
            (&m.handling, MarkerWord::Handling),
            (&m.internal, MarkerWord::Internal),
            (&m.internal_statements, MarkerWord::InternalStatement),
            (&m.meeting_notes, MarkerWord::Notes),
            (&m.laws, MarkerWord::Law),
        ] {
            for w in list {
                builder.add(w, Owner::Marker(word), Anchor::Start);
            }
        }
        let c = &patterns.context;
        for (list, word) in [
            (&c.identity_keywords, ContextWord::Identity),
            (&c.other_number_keywords, ContextWord::OtherNumber),
            (&c.phone_keywords, ContextWord::Phone),
            (&c.bankgiro_keywords, ContextWord::Bankgiro),
            (&c.card_keywords, ContextWord::Card),
            (&c.role_words, ContextWord::Role),
            (&c.person_keywords, ContextWord::Person),
            (&c.naming_verbs, ContextWord::Naming),
            (&c.fiction_declarations, ContextWord::Fiction),
            (&c.description_openers, ContextWord::Description),
            (&c.nickname_verbs, ContextWord::Nickname),
            (&c.portrayal_verbs, ContextWord::Portrayal),
            (&c.story_words, ContextWord::Story),
        ] {
            for w in list {
                builder.add(w, Owner::Context(word), Anchor::Start);
            }
        }
        Ok(Detectors {
            automaton: builder.build(),
            vocabulary,
            markers: MarkerRules::new(patterns.markers.clone())
                .map_err(|e| BuildError(format!("a marker pattern does not compile: {e}")))?,
            names: patterns.names.clone(),
            street_suffixes: patterns.context.street_suffixes.clone(),
        })
    }

    /// The detectors built from the patterns compiled into the binary.
    pub fn embedded() -> Result<Detectors, String> {
        let patterns = Patterns::embedded().map_err(|e| e.to_string())?;
        Detectors::build(&patterns).map_err(|e| e.to_string())
    }

    /// Scans `text`; findings are sorted by position and carry byte offsets into `text`.
    pub fn scan(&self, text: &str) -> Vec<Finding> {
        self.scan_on(text, Date::today())
    }

    /// Scans `text` as if today were `today` (for the century of 10-digit numbers).
    ///
    /// Texts of [`PARALLEL_MIN`] bytes or more are scanned in parts on several threads (see
    /// [`Detectors::scan_in_parts`]); the findings are the same.
    pub fn scan_on(&self, text: &str, today: Date) -> Vec<Finding> {
        if text.len() < PARALLEL_MIN {
            return self.scan_whole(text, today);
        }
        // Asking the system is slow (cgroup files on Linux): once per process.
        static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        let cores =
            *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from));
        let parts = cores.min(MAX_PARTS).min(text.len() / (PARALLEL_MIN / 2));
        if parts < 2 {
            return self.scan_whole(text, today);
        }
        self.scan_in_parts(text, today, parts)
    }

    /// Scans `text` in `parts` parts, one thread each. Each part is read with [`MARGIN`] bytes of
    /// the text around it, so every detector sees the context it would see in the whole text,
    /// and keeps the findings that start inside it. Public for the tests that check that the
    /// findings equal those of one whole scan.
    #[doc(hidden)]
    pub fn scan_in_parts(&self, text: &str, today: Date, parts: usize) -> Vec<Finding> {
        let bounds = split_points(text, parts.max(1));
        let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
        let Some((&first, rest)) = ranges.split_first() else {
            return Vec::new();
        };
        let mut findings = std::thread::scope(|scope| {
            let handles: Vec<_> = rest
                .iter()
                .map(|&(a, b)| scope.spawn(move || self.scan_part(text, a, b, today)))
                .collect();
            let mut all = self.scan_part(text, first.0, first.1, today);
            for handle in handles {
                // A panic in a part is a bug in a detector: pass it on as the whole scan would.
                all.extend(
                    handle
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                );
            }
            all
        });
        findings.sort_by_key(|f| f.span.start);
        merge_overlaps(findings)
    }

    /// Scans `text` a part of [`CHECKED_PART`] bytes at a time, calling `check` before each
    /// part and after the last, so that a caller with a deadline can stop a long scan between
    /// parts. The findings are those of one scan (see [`Detectors::scan_in_parts`]).
    pub fn scan_checked<E>(
        &self,
        text: &str,
        today: Date,
        mut check: impl FnMut() -> Result<(), E>,
    ) -> Result<Vec<Finding>, E> {
        check()?;
        if text.len() <= CHECKED_PART + MARGIN {
            let findings = self.scan_on(text, today);
            check()?;
            return Ok(findings);
        }
        let mut findings = Vec::new();
        let mut a = 0;
        while a < text.len() {
            let b = char_boundary_at_or_after(text, (a + CHECKED_PART).min(text.len()));
            findings.extend(self.scan_range(text, a, b, |part| self.scan_on(part, today)));
            check()?;
            a = b;
        }
        Ok(merge_overlaps(findings))
    }

    /// The findings of `text[a..b]`, read with its margins, in offsets of `text`.
    fn scan_part(&self, text: &str, a: usize, b: usize, today: Date) -> Vec<Finding> {
        self.scan_range(text, a, b, |part| self.scan_whole(part, today))
    }

    /// The findings that `scan` makes of `text[a..b]` read with its margins, in offsets of
    /// `text`.
    fn scan_range(
        &self,
        text: &str,
        a: usize,
        b: usize,
        scan: impl Fn(&str) -> Vec<Finding>,
    ) -> Vec<Finding> {
        let lo = char_boundary_at_or_after(text, a.saturating_sub(MARGIN));
        let hi = char_boundary_at_or_after(text, (b + MARGIN).min(text.len()));
        let mut findings = scan(&text[lo..hi]);
        findings.retain(|f| (a..b).contains(&(lo + f.span.start)));
        for f in &mut findings {
            f.span = lo + f.span.start..lo + f.span.end;
            f.person = f.person.map(|p| lo + p);
        }
        findings
    }

    /// One walk over the words of the normalised view drives everything: a word starting with
    /// a letter goes to the keyword engine (and, capitalised, to the name and IBAN detectors); a
    /// word starting with a digit starts a digit cluster.
    fn scan_whole(&self, text: &str, today: Date) -> Vec<Finding> {
        let mut view = Normalized::new(text);
        // Chat written without capitals writes names and streets in lower case too:
        // capitalise them, so that the name and address rules read them.
        if names::uncapitalised(view.text()) {
            let mut starts = names::lower_case_names(view.text(), view.lower(), &self.names);
            starts.extend(identifiers::lower_case_streets(view.text()));
            view.capitalise(&starts);
        } else {
            let starts = names::lower_case_field_names(view.text(), view.lower(), &self.names);
            view.capitalise(&starts);
        }
        let (normalized, lower) = (view.text(), view.lower());
        let (nb, lb) = (normalized.as_bytes(), lower.as_bytes());
        let keywords = self.automaton.keywords();
        let mut raw = Vec::new();
        let mut capitalised = Vec::new();
        let mut numbers = Vec::new();
        let mut spaced = label::SpacedRuns::default();
        let mut confusables = Vec::new();
        keywords::for_each_word(lower, |start, end| {
            spaced.word(lb, start, end);
            if identity::confusable_word(nb, start, end) {
                confusables.push(start);
            }
            if nb[start].is_ascii_digit() {
                numbers.push(start);
            } else {
                keywords.match_word(lb, start, end, &mut raw);
                if names::starts_upper(nb, start) {
                    capitalised.push(start..end);
                }
            }
        });
        let mut hits = self.automaton.dispatch(lower, raw);
        sort_hits(&mut hits);
        let context = Context::new(&hits);
        let mut findings = Vec::new();
        // IBANs first: their digits must not be read again as other numbers.
        let mut taken = 0;
        let mut ibans: Vec<std::ops::Range<usize>> = Vec::new();
        for word in &capitalised {
            if word.len() >= 4
                && nb[word.start + 1].is_ascii_uppercase()
                && nb[word.start + 2].is_ascii_digit()
                && let Some(f) = identifiers::iban(normalized, word.start + 2)
            {
                ibans.push(f.span.clone());
                findings.push(f);
            }
        }
        let mut cluster = digits::Cluster::default();
        let mut iban = ibans.iter().peekable();
        // Identity numbers lowered by an other-number keyword, for attach_to_persons.
        let mut pending = Vec::new();
        for &start in &numbers {
            while iban.peek().is_some_and(|r| r.end <= start) {
                iban.next();
            }
            if start < taken || iban.peek().is_some_and(|r| r.start <= start) {
                continue;
            }
            taken = digits::read_cluster(normalized, start, &mut cluster);
            identity::find(
                normalized,
                &cluster,
                &context,
                today,
                &mut findings,
                &mut pending,
            );
            identifiers::find_in_cluster(
                normalized,
                &cluster,
                &context,
                &self.street_suffixes,
                &mut findings,
            );
        }
        let mut next = 0;
        for &start in &confusables {
            if start >= next {
                next = identity::find_confusable(
                    normalized,
                    start,
                    &context,
                    today,
                    &mut findings,
                    &mut pending,
                );
            }
        }
        // Numbers read out in words, near an identity keyword only.
        if !context.identity_keywords().is_empty() {
            spoken::find(lower, &context, today, &mut findings);
        }
        fixed_width::find(normalized, lower, &context, today, &mut findings);
        identifiers::emails(normalized, &mut findings);
        self.vocabulary.findings(&view, &hits.terms, &mut findings);
        self.markers
            .find(&view, &hits.markers, &spaced.finish(), &mut findings);
        names::find(&view, &self.names, &context, &capitalised, &mut findings);
        names::find_lower_case(&view, &self.names, &context, &numbers, &mut findings);
        names::find_descriptions(
            &view,
            &self.names,
            (&capitalised, &numbers),
            context.description_openers(),
            &mut findings,
        );
        names::find_initials(&view, &mut findings);
        names::find_dotted_initials(&view, &mut findings);
        script_names::find(&view, &mut findings);
        drop_company_names(normalized, &mut findings);
        identity::attach_to_persons(normalized, &mut findings, &pending, &context);
        drop_words_of_names(&mut findings);
        linkage::link(&view, &self.names, &context, &mut findings);
        for f in &mut findings {
            f.span = view.original_span(f.span.clone());
            f.person = f.person.map(|p| view.original_span(p..p).start);
        }
        merge_overlaps(findings)
    }

    /// Number of keyword matches in a lower-case text (for measurements).
    pub fn keyword_hits(&self, lower: &str) -> usize {
        let hits = self.automaton.scan(lower);
        hits.terms.len()
            + hits.markers.len()
            + hits.identity.len()
            + hits.other_number.len()
            + hits.role.len()
    }

    /// Number of patterns in the keyword automaton.
    pub fn pattern_count(&self) -> usize {
        self.automaton.len()
    }
}

/// Company forms written after a firm's name ("Nova Omsorg AB", "Lindqvist & Son HB").
const COMPANY_FORMS: &[&str] = &[
    "AB",
    "HB",
    "KB",
    "Aktiebolag",
    "aktiebolag",
    "Ltd",
    "Inc",
    "Oy",
    "AS",
    "ASA",
    "GmbH",
    "ApS",
    "(publ)",
];

/// Drops the person names that are a company's name, the company form right after them
/// ("Nova Omsorg AB", "Karin Berg AB"): a firm is no person, even one named after its owner.
fn drop_company_names(text: &str, findings: &mut Vec<Finding>) {
    findings.retain(|f| {
        if f.kind != Kind::PersonName {
            return true;
        }
        let rest = &text[f.span.end..];
        let Some(rest) = rest.strip_prefix(' ') else {
            return true;
        };
        !COMPANY_FORMS.iter().any(|form| {
            rest.strip_prefix(form)
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        })
    });
}

/// Drops the sensitive findings that are words of a person's name ("Christian Djoos",
/// "Rut Kristen"): a name is no religion, no health, no ethnicity. Only names that are sure
/// (a full name, or medium confidence or higher) overrule the vocabulary.
fn drop_words_of_names(findings: &mut Vec<Finding>) {
    let mut names: Vec<std::ops::Range<usize>> = findings
        .iter()
        .filter(|f| f.kind == Kind::PersonName && f.confidence >= Confidence::Medium)
        .map(|f| f.span.clone())
        .collect();
    if names.is_empty() {
        return;
    }
    // Names do not overlap: the one that starts last at or before a word is the only one that
    // can hold it (a binary search, so that a text full of names stays linear).
    names.sort_by_key(|n| n.start);
    findings.retain(|f| {
        if !matches!(f.kind, Kind::Sensitive(_)) {
            return true;
        }
        let k = names.partition_point(|n| n.start <= f.span.start);
        k == 0 || names[k - 1].end < f.span.end
    });
}

/// Texts from this size on are scanned in parts on several threads.
pub const PARALLEL_MIN: usize = 256 * 1024;
/// Most parts (threads) for one scan.
const MAX_PARTS: usize = 4;
/// Text read on either side of a part: more than any detector looks around a finding (context
/// keywords within 300 characters, clauses, names with their role words).
pub const MARGIN: usize = 8 * 1024;
/// The part of a text scanned between two checks of [`Detectors::scan_checked`].
pub const CHECKED_PART: usize = 1 << 20;

/// `parts + 1` increasing offsets from 0 to `text.len()`, each inner one at a line break or
/// white space near an equal share, on a character boundary.
fn split_points(text: &str, parts: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut points = vec![0];
    for i in 1..parts {
        let ideal = text.len() * i / parts;
        let window = &bytes[ideal..(ideal + 4096).min(bytes.len())];
        let at = window
            .iter()
            .position(|&c| c == b'\n')
            .or_else(|| window.iter().position(u8::is_ascii_whitespace))
            .map_or(ideal, |p| ideal + p + 1);
        let at = char_boundary_at_or_after(text, at);
        if at > *points.last().unwrap_or(&0) && at < text.len() {
            points.push(at);
        }
    }
    points.push(text.len());
    points
}

fn char_boundary_at_or_after(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// Sorts findings and merges overlapping ones of the same kind, keeping the surest.
fn merge_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        (
            a.span.start,
            a.kind,
            std::cmp::Reverse(a.confidence),
            std::cmp::Reverse(a.span.end),
        )
            .cmp(&(
                b.span.start,
                b.kind,
                std::cmp::Reverse(b.confidence),
                std::cmp::Reverse(b.span.end),
            ))
    });
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        // Sorted by start: an overlapping finding of the same kind is among the last few.
        let overlapping = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|k| k.kind == f.kind && k.span.end > f.span.start);
        match overlapping {
            Some(kept) => {
                if f.confidence > kept.confidence {
                    kept.confidence = f.confidence;
                    kept.rule = f.rule;
                }
                kept.person = kept.person.or(f.person);
                kept.span.end = kept.span.end.max(f.span.end);
            }
            None => out.push(f),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        detectors.scan(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn an_iban_is_found_in_groups_of_four_and_unbroken() {
        for text in [
            "IBAN SE45 5000 0000 0583 9825 7466, BIC ESSESESS",
            "IBAN SE4550000000058398257466.",
        ] {
            assert!(kinds(text).contains(&Kind::Iban), "{text}");
        }
        assert!(!kinds("IBAN SE45 5000 0000 0583 9825 7467").contains(&Kind::Iban));
    }

    #[test]
    fn the_sql_keyword_add_is_not_the_diagnosis() {
        let sql = "ALTER TABLE lokaler ADD COLUMN yta int;";
        assert!(kinds(sql).is_empty(), "{:?}", kinds(sql));
        assert!(!kinds("Eleven har ADD och behöver stöd.").is_empty());
    }
}
