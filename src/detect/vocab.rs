//! Sensitive categories: Swedish vocabulary with inflections, compounds, acronyms and traps.

use std::ops::Range;

use super::automaton::{Automaton, AutomatonBuilder, Owner};
use super::finding::{Category, Confidence, Finding, Kind};
use super::keywords::Anchor;
use super::normalize::Normalized;
use super::text::{clause_around, ends_word, floor_boundary, starts_word, words_before};
use crate::patterns::{MatchMode, Strength, Vocabulary};

/// Stems shorter than this (in characters) match only at the start of a word.
const MIN_INFIX_CHARS: usize = 5;
/// How many words may stand between a `requires_before` phrase and the term.
const REQUIRES_BEFORE_GAP: usize = 3;

/// One term of the vocabulary, as matched.
#[derive(Debug)]
struct Term {
    category: Category,
    mode: MatchMode,
    confidence: Confidence,
    /// The word as written (exact case matters for `WordCaseSensitive`).
    word: String,
    /// The word in lower case.
    lower: String,
    /// Index into `groups` for exclusions and requirements.
    group: usize,
}

#[derive(Debug, Default)]
struct GroupRules {
    exclude: Vec<String>,
    requires_before: Vec<String>,
    requires_after: Vec<String>,
    or_after: Vec<String>,
    requires_in_sentence: Vec<String>,
    raise_after: Vec<String>,
    after_name: bool,
    /// Words of a language other than Swedish and English.
    foreign: bool,
}

impl GroupRules {
    /// The rules with every phrase folded like the terms of a text written without Swedish
    /// letters.
    fn folded(&self) -> GroupRules {
        let fold = |phrases: &[String]| phrases.iter().map(|p| fold_swedish(p)).collect();
        GroupRules {
            exclude: fold(&self.exclude),
            requires_before: fold(&self.requires_before),
            requires_after: fold(&self.requires_after),
            or_after: fold(&self.or_after),
            requires_in_sentence: fold(&self.requires_in_sentence),
            raise_after: fold(&self.raise_after),
            after_name: self.after_name,
            foreign: self.foreign,
        }
    }
}

/// The rule of a medium or strong word of another language than Swedish and English: the
/// linkage ties it to the person its passage names.
pub const FOREIGN_RULE: &str = "vocab.foreign";

/// Folded terms shorter than this (in characters) are not added: short words with their
/// Swedish letters taken away are other words too ("våld" → "vald", elected; "rån" → "ran").
const MIN_FOLDED_CHARS: usize = 5;

/// `lower` with å, ä and ö written as a, a and o, as on a keyboard without them.
fn fold_swedish(lower: &str) -> String {
    lower
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

/// True when the lower-case text is Swedish written without å, ä or ö: typed on a phone or a
/// keyboard without them ("hjalp mig formulera en orosanmalan och skicka"), where the
/// vocabulary's folded terms count. Swedish function words that have no such letters tell it
/// from English (which has none of those letters either, and is not scanned twice).
fn without_swedish_letters(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    !memchr::memchr_iter(0xC3, bytes).any(|i| matches!(bytes.get(i + 1), Some(0xA5 | 0xA4 | 0xB6)))
        && [
            " och ", " att ", " som ", " det ", " inte ", " jag ", " har ",
        ]
        .iter()
        .any(|w| memchr::memmem::find(bytes, w.as_bytes()).is_some())
}

/// The compiled vocabulary of every category.
#[derive(Debug, Default)]
pub struct VocabularyDetector {
    terms: Vec<Term>,
    groups: Vec<GroupRules>,
    /// The folded terms' own automaton, run only over a text written without Swedish letters
    /// (so that the scan of every other text does not test their patterns).
    folded: Option<Automaton>,
}

impl VocabularyDetector {
    /// Compiles the vocabularies and registers their words with the automaton.
    pub fn build(
        vocabularies: &[Vocabulary],
        automaton: &mut AutomatonBuilder,
    ) -> VocabularyDetector {
        let mut detector = VocabularyDetector::default();
        let mut folded_automaton = AutomatonBuilder::default();
        for vocabulary in vocabularies {
            for group in &vocabulary.groups {
                let group_index = detector.groups.len();
                let rules = GroupRules {
                    exclude: group.exclude.clone(),
                    requires_before: group.requires_before.clone(),
                    requires_after: group.requires_after.clone(),
                    or_after: group.or_after.clone(),
                    requires_in_sentence: group.requires_in_sentence.clone(),
                    raise_after: group.raise_after.clone(),
                    after_name: group.after_name,
                    foreign: group.language.is_some(),
                };
                // The same rules with their phrases folded, for the folded terms.
                let folded_rules = rules.folded();
                detector.groups.push(rules);
                detector.groups.push(folded_rules);
                for word in &group.words {
                    let mode = match group.mode {
                        MatchMode::Infix if word.chars().count() < MIN_INFIX_CHARS => {
                            MatchMode::Prefix
                        }
                        mode => mode,
                    };
                    let lower = word.to_lowercase();
                    let folded = fold_swedish(&lower);
                    let mut forms = vec![(word.clone(), lower, false)];
                    if mode != MatchMode::WordCaseSensitive
                        && folded != forms[0].1
                        && folded.chars().count() >= MIN_FOLDED_CHARS
                    {
                        forms.push((folded.clone(), folded, true));
                    }
                    for (word, lower, folded) in forms {
                        let index = detector.terms.len() as u32;
                        let anchor = if mode == MatchMode::Infix {
                            Anchor::Floating
                        } else {
                            Anchor::Start
                        };
                        let builder = if folded {
                            &mut folded_automaton
                        } else {
                            &mut *automaton
                        };
                        builder.add(&lower, Owner::Term(index), anchor);
                        detector.terms.push(Term {
                            category: vocabulary.category,
                            mode,
                            confidence: match group.strength {
                                Strength::Strong => Confidence::High,
                                Strength::Medium => Confidence::Medium,
                                Strength::Weak => Confidence::Low,
                            },
                            word,
                            lower,
                            group: group_index + usize::from(folded),
                        });
                    }
                }
            }
        }
        detector.folded = Some(folded_automaton.build());
        detector
    }

    /// Turns raw automaton matches into findings, applying each term's rules; in a text
    /// written without Swedish letters, the folded terms' matches too.
    pub fn findings(
        &self,
        view: &Normalized<'_>,
        hits: &[(u32, Range<usize>)],
        out: &mut Vec<Finding>,
    ) {
        self.term_findings(view, hits, out);
        if let Some(folded) = &self.folded
            && without_swedish_letters(view.lower())
        {
            let hits = folded.scan(view.lower());
            self.term_findings(view, &hits.terms, out);
        }
    }

    fn term_findings(
        &self,
        view: &Normalized<'_>,
        hits: &[(u32, Range<usize>)],
        out: &mut Vec<Finding>,
    ) {
        for (index, span) in hits {
            let Some(term) = self.terms.get(*index as usize) else {
                continue;
            };
            if !self.matches(term, view, span) {
                continue;
            }
            let span = whole_words(view.lower(), span);
            if term.mode == MatchMode::Infix && routine_compound(view.lower(), &span) {
                continue;
            }
            let confidence = match term.confidence {
                Confidence::Low
                    if right_after(
                        view.lower(),
                        span.start,
                        &self.groups[term.group].raise_after,
                    ) =>
                {
                    Confidence::Medium
                }
                confidence => confidence,
            };
            out.push(Finding::new(
                Kind::Sensitive(term.category),
                match confidence {
                    Confidence::High | Confidence::Medium if self.groups[term.group].foreign => {
                        FOREIGN_RULE
                    }
                    Confidence::High => "vocab.strong",
                    Confidence::Medium => "vocab.medium",
                    Confidence::Low => "vocab.weak",
                },
                span,
                confidence,
            ));
        }
    }

    fn matches(&self, term: &Term, view: &Normalized<'_>, span: &Range<usize>) -> bool {
        let lower = view.lower();
        let bounded = match term.mode {
            MatchMode::Infix => true,
            MatchMode::Prefix => starts_word(lower, span.start),
            MatchMode::Word => starts_word(lower, span.start) && ends_word(lower, span.end),
            MatchMode::WordCaseSensitive => {
                starts_word(lower, span.start)
                    && ends_word(lower, span.end)
                    && view.text().get(span.clone()) == Some(term.word.as_str())
            }
        };
        if !bounded || topic_mention(view.text(), lower, span) {
            return false;
        }
        let rules = &self.groups[term.group];
        if rules
            .exclude
            .iter()
            .any(|phrase| inside_phrase(lower, span, &term.lower, phrase))
        {
            return false;
        }
        // The requirements are alternatives: a group with none always counts, a group with
        // several counts when any one holds ("röstar på SD", "röstar SD", "SD-väljare").
        if rules.requires_before.is_empty()
            && rules.requires_after.is_empty()
            && rules.or_after.is_empty()
            && rules.requires_in_sentence.is_empty()
        {
            return true;
        }
        preceded_by(view.text(), lower, span.start, &rules.requires_before)
            || (!rules.requires_after.is_empty()
                && followed_by(lower, span.end, &rules.requires_after))
            || right_after(lower, span.start, &rules.or_after)
            || earlier_in_sentence(view.text(), lower, span.start, &rules.requires_in_sentence)
            || (rules.after_name && after_full_name(view.text(), span.start))
    }
}

/// True when the text before `at` is a dash, colon, tab or a table's cell separator after
/// exactly two capitalised words,
/// the first at the start of a line or after a comma, semicolon, colon or parenthesis: an item
/// of a list that pairs a person with the term ("… walk out: Sara Nyberg – Kommunal, Piotr
/// Nowak – Vision").
fn after_full_name(text: &str, at: usize) -> bool {
    let head = &text[floor_boundary(text, at.saturating_sub(80))..at];
    // A later cell of a table row that holds a full name ("20331 | Kristina Malm | 812 |
    // Kommunal", padded cells too).
    let line = head.rsplit('\n').next().unwrap_or("");
    if let Some(sep) = ['|', '\t', ';'].into_iter().find(|&c| line.contains(c)) {
        let mut cells = line.split(sep).map(str::trim);
        // Padding spaces only: a tab is the separator itself.
        if line.trim_end_matches(' ').ends_with(sep) && cells.any(full_name) {
            return true;
        }
    }
    // A table row's cell separator too ("Anna Berglund;Kommunal;412", "… | Vision | …").
    let Some(head) = [" – ", " - ", ": ", "\t", " — ", ";", " | ", "|", ","]
        .iter()
        .find_map(|sep| head.strip_suffix(sep))
    else {
        return false;
    };
    let item = head
        .rsplit(['\n', ',', ';', ':', '(', '|'])
        .next()
        .unwrap_or("")
        .trim_start();
    full_name(item)
}

/// Two capitalised words ("Kristina Malm"), as a list or a table writes a person's name.
fn full_name(item: &str) -> bool {
    let words: Vec<&str> = item.split(' ').collect();
    words.len() == 2
        && words.iter().all(|w| {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
        })
}

/// Widens a match inside a compound to the whole word (`journalanteckningen`).
fn whole_words(lower: &str, span: &Range<usize>) -> Range<usize> {
    let start = lower[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = span.end
        + lower[span.end..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum::<usize>();
    start..end
}

/// Heads of compounds that name an organisation's routine or work, or an association, not
/// anyone's condition: "läkemedelshantering", "missbruksrutiner", "demensstrategin",
/// "suicidpreventionsarbete", "Diabetesföreningen".
const ROUTINE_HEADS: &[&str] = &[
    "hantering",
    "hanteringen",
    "rutin",
    "rutinen",
    "rutiner",
    "rutinerna",
    "riktlinje",
    "riktlinjen",
    "riktlinjer",
    "riktlinjerna",
    "policy",
    "policyn",
    "strategi",
    "strategin",
    "statistik",
    "statistiken",
    "arbete",
    "arbetet",
    "utbildning",
    "utbildningen",
    "samordning",
    "samordningen",
    // associations and funds named after a condition ("Diabetesföreningen",
    // "Reumatikerförbundet", "Cancerfonden"): organisations, not anyone's diagnosis
    "förening",
    "föreningen",
    "förbund",
    "förbundet",
    "fonden",
    "sällskapet",
];

/// True when the compound `span` (a whole word) ends in a routine noun after the term
/// ("läkemedelshantering", "demensstrategin").
fn routine_compound(lower: &str, span: &Range<usize>) -> bool {
    let word = &lower[span.clone()];
    ROUTINE_HEADS
        .iter()
        .any(|head| word.len() > head.len() + 3 && word.ends_with(head))
}

/// Nouns of texts and events *about* a subject: "föreläsning om demens", "broschyr om
/// diabetes". A term right after "<noun> om" is the topic, not a person's condition.
const TOPIC_NOUNS: &[&str] = &[
    "föreläsning",
    "utbildning",
    "broschyr",
    "information",
    "inbjudan",
    "temadag",
    "artikel",
    "text",
    "kurs",
    "seminari",
    "material",
    "faktablad",
    "presentation",
    "policy",
    "rutin",
    "fråg",
    "webbinari",
    "konferens",
    "kampanj",
    "affisch",
    "nyhetsbrev",
    "enkät",
    "rapport",
    "statistik",
    "forskning",
    "studie",
    "dokumentär",
    "handbok",
    "vägledning",
    "checklista",
    "kunskap",
    "sammanfattning",
    "quiz",
    "föredrag",
    "workshop",
    "bok",
    "book",
    "film",
    "podd",
    "podcast",
    // Verbs of telling, teaching and writing about a subject ("föreläser om demens"); "om sin
    // demens" puts a possessive between and stays personal.
    "föreläs",
    "talar",
    "talade",
    "pratar",
    "pratade",
    "informera",
    "undervis",
    "forskar",
    "skriver",
    "skrev",
    "lecture",
    "talk",
    "speak",
    "seminar",
    "training",
    "leaflet",
    "brochure",
    "guide",
    "tips",
];

/// Question words that may stand between "om" and the topic: "en bok om hur ADHD ser ut",
/// "a talk about why dementia …".
const TOPIC_QUESTION_WORDS: &[&str] =
    &["hur", "varför", "vad", "när", "how", "why", "what", "when"];

/// True when the match is the topic of a text or event ("en föreläsning om demens", "en bok om
/// hur ADHD ser ut").
fn topic_mention(text: &str, lower: &str, span: &Range<usize>) -> bool {
    let clause = clause_around(text, span.start);
    let before = words_before(lower, clause.clone(), span.start, 3);
    let about = |preposition: &str, noun: &str| {
        (matches!(preposition, "om" | "about" | "kring" | "on")
            && TOPIC_NOUNS.iter().any(|t| noun.contains(t)))
            // "your work against domestic violence", "arbetet mot hedersvåld": a field of work.
            || (matches!(preposition, "mot" | "against")
                && ["arbete", "arbetet", "work", "insatser", "insatserna", "kampen", "fight"]
                    .contains(&noun))
    };
    let named_topic = match before.as_slice() {
        [preposition, noun, ..] if about(preposition, noun) => true,
        [question, preposition, noun] => {
            TOPIC_QUESTION_WORDS.contains(question) && about(preposition, noun)
        }
        _ => false,
    };
    named_topic || talk_topic(text, clause, span.start)
}

/// Verbs of a talk given or planned, in the forms a programme uses ("hon ska prata om", "han
/// föreläser om", "will talk about"); "pratar om" and "berättar om" as often tell of one's own
/// life and are left out.
const TALK_VERBS: &[&str] = &[
    "prata",
    "föreläsa",
    "föreläser",
    "föreläste",
    "informera",
    "informerar",
    "undervisa",
    "undervisar",
    "talk",
    "speak",
    "lecture",
];

/// Words that make what follows a person's own ("om sin utmattning", "about her cancer"). English
/// "I" is capitalised, and a capitalised word makes [`talk_topic`] read no topic.
const OWN_WORDS: &[&str] = &[
    "sin", "sitt", "sina", "hans", "hennes", "hens", "deras", "min", "mitt", "mina", "din", "ditt",
    "dina", "han", "hon", "hen", "jag", "his", "her", "their", "my", "he", "she",
];

/// True when the match at `at` is in the object of a talk ("Hon ska prata om tidiga signaler
/// på utmattning", thirtieth round): at most five words after "om" that follows a verb of
/// [`TALK_VERBS`], none of them making it someone's own, naming someone (a capital) or
/// opening a statement ("informera om att hon …" tells, it names no topic).
fn talk_topic(text: &str, clause: Range<usize>, at: usize) -> bool {
    let before = words_before(text, clause, at, 7);
    let Some(k) = before.iter().position(|w| matches!(*w, "om" | "about")) else {
        return false;
    };
    before
        .get(k + 1)
        .is_some_and(|v| TALK_VERBS.iter().any(|t| v.eq_ignore_ascii_case(t)))
        && !before[..k].iter().any(|w| {
            OWN_WORDS.iter().any(|o| w.eq_ignore_ascii_case(o))
                || matches!(*w, "att" | "that")
                || w.starts_with(char::is_uppercase)
        })
}

/// True when the match at `span` (of `word`) lies inside an occurrence of `phrase`.
fn inside_phrase(lower: &str, span: &Range<usize>, word: &str, phrase: &str) -> bool {
    phrase.match_indices(word).any(|(k, _)| {
        span.start
            .checked_sub(k)
            .and_then(|from| lower.get(from..from + phrase.len()))
            == Some(phrase)
    })
}

/// True when one of `words` is the first or second word after `end` (the rest of a compound
/// counts: "tjejen" after "somaliska", "familj" in "romsk familj").
fn followed_by(lower: &str, end: usize, words: &[String]) -> bool {
    let window = &lower[end..floor_boundary(lower, (end + 40).min(lower.len()))];
    let window = window
        .split(['.', ',', ';', ':', '\n', '!', '?'])
        .next()
        .unwrap_or("");
    window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| words.iter().any(|p| w == p))
}

/// True when the word right before `at`, with only spaces between, is one of `words`.
fn right_after(lower: &str, at: usize, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let head = lower[floor_boundary(lower, at.saturating_sub(24))..at].trim_end_matches(' ');
    let word = head
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.iter().any(|w| w == word)
}

/// True when one of `starts` begins a word earlier in the sentence that holds `at` (at most
/// a clause's bound of bytes back).
fn earlier_in_sentence(text: &str, lower: &str, at: usize, starts: &[String]) -> bool {
    if starts.is_empty() {
        return false;
    }
    let sentence = clause_around(text, at);
    let window = &lower[sentence.start.min(at)..at];
    starts.iter().any(|start| {
        window
            .match_indices(start.as_str())
            .any(|(k, _)| starts_word(lower, sentence.start + k))
    })
}

/// True when one of `phrases` ends at most a few words before `at`, in the same clause. The
/// clause and the window are found once; a phrase is looked for only where a word of the window
/// starts with its first byte (most groups list dozens of phrases, and the window is short).
fn preceded_by(text: &str, lower: &str, at: usize, phrases: &[String]) -> bool {
    if phrases.is_empty() {
        return false;
    }
    let clause = clause_around(text, at);
    let from = floor_boundary(lower, at.saturating_sub(80).max(clause.start));
    let window = &lower[from..at];
    let starts: Vec<usize> = window
        .char_indices()
        .filter(|&(k, _)| starts_word(lower, from + k))
        .map(|(k, _)| k)
        .collect();
    phrases.iter().any(|phrase| {
        starts.iter().any(|&k| {
            let end = from + k + phrase.len();
            phrase.as_bytes().first() == window.as_bytes().get(k)
                && window[k..].starts_with(phrase.as_str())
                && ends_word(lower, end)
                && words_before(lower, end..at, at, REQUIRES_BEFORE_GAP + 1).len()
                    <= REQUIRES_BEFORE_GAP
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusion_phrase_covers_the_match() {
        let lower = "vår personuppgiftsbehandling";
        let start = lower.find("behandling").unwrap_or(0);
        assert!(inside_phrase(
            lower,
            &(start..start + 10),
            "behandling",
            "personuppgiftsbehandling"
        ));
        assert!(!inside_phrase(
            lower,
            &(start..start + 10),
            "behandling",
            "databehandling"
        ));
    }

    #[test]
    fn requirement_must_be_close_before() {
        let lower = "johan är medlem i kommunal";
        let at = lower.find("kommunal").unwrap_or(0);
        assert!(preceded_by(lower, lower, at, &["medlem i".to_string()]));
        let far = "medlem i en förening som ligger nära kommunal";
        let at = far.find("kommunal").unwrap_or(0);
        assert!(!preceded_by(far, far, at, &["medlem i".to_string()]));
    }
}
