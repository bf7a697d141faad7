//! One Aho-Corasick automaton over every word list, run once over the lower-case view.
//!
//! Sensitive vocabulary, marker words and context keywords all go into the same automaton, so
//! the text is walked once for all of them; each pattern knows which lists it belongs to, and
//! the word-boundary rules of each list are applied to its matches.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::text::{ends_word, is_word_char, starts_word};

/// Which list a marker word came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerWord {
    /// Security class or stamp.
    Label,
    /// Key of a classification field.
    Key,
    /// Assertion that something is confidential.
    Assertion,
    /// Protected identity.
    ProtectedIdentity,
    /// Handling label.
    Handling,
    /// Internal-use label.
    Internal,
    /// Name of a secrecy law.
    Law,
}

/// Which context list a keyword came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextWord {
    /// Makes an identity number sure.
    Identity,
    /// Makes a bare number something else.
    OtherNumber,
    /// Makes a phone number sure.
    Phone,
    /// Required before a bankgiro number.
    Bankgiro,
    /// Makes a card number sure.
    Card,
    /// Role word before a name.
    Role,
    /// Street-name ending.
    StreetSuffix,
}

/// What a pattern means to the detectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A sensitive term (index into the term table).
    Term(u32),
    /// A marker word.
    Marker(MarkerWord),
    /// A context keyword.
    Context(ContextWord),
}

/// Collects patterns and their owners, then builds the automaton.
#[derive(Default)]
pub struct AutomatonBuilder {
    patterns: Vec<String>,
    index: HashMap<String, usize>,
    owners: Vec<Vec<Owner>>,
}

impl AutomatonBuilder {
    /// Adds `pattern` (lower case) for `owner`. A pattern shared by several lists is stored once.
    pub fn add(&mut self, pattern: &str, owner: Owner) {
        let id = match self.index.get(pattern) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len();
                self.patterns.push(pattern.to_string());
                self.index.insert(pattern.to_string(), id);
                self.owners.push(Vec::new());
                id
            }
        };
        if !self.owners[id].contains(&owner) {
            self.owners[id].push(owner);
        }
    }

    /// Builds the automaton (a DFA: the pattern set is fixed for the life of the detectors).
    pub fn build(self) -> Result<Automaton, aho_corasick::BuildError> {
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&self.patterns)?;
        Ok(Automaton {
            ac,
            owners: self.owners,
            patterns: self.patterns,
        })
    }
}

/// The built automaton.
#[derive(Debug)]
pub struct Automaton {
    ac: AhoCorasick,
    owners: Vec<Vec<Owner>>,
    patterns: Vec<String>,
}

/// Positions of keyword matches, by list. Ranges are byte ranges of the normalised text.
#[derive(Debug, Default)]
pub struct Hits {
    /// Sensitive terms (term index, span), before their own boundary rules.
    pub terms: Vec<(u32, Range<usize>)>,
    /// Marker words at word boundaries.
    pub markers: Vec<(MarkerWord, Range<usize>)>,
    /// Identity keywords.
    pub identity: Vec<Range<usize>>,
    /// Keywords of other numbers.
    pub other_number: Vec<Range<usize>>,
    /// Phone keywords.
    pub phone: Vec<Range<usize>>,
    /// Bankgiro keywords.
    pub bankgiro: Vec<Range<usize>>,
    /// Card keywords.
    pub card: Vec<Range<usize>>,
    /// Role words.
    pub role: Vec<Range<usize>>,
    /// Street-name endings (ending a word).
    pub street: Vec<Range<usize>>,
}

impl Automaton {
    /// Number of distinct patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Runs the automaton over `lower` (the lower-case view) and sorts matches into lists.
    pub fn scan(&self, lower: &str) -> Hits {
        let mut hits = Hits::default();
        for m in self.ac.find_overlapping_iter(lower) {
            let id = m.pattern().as_usize();
            let span = m.range();
            for &owner in &self.owners[id] {
                match owner {
                    Owner::Term(t) => hits.terms.push((t, span.clone())),
                    Owner::Marker(kind) => {
                        if bounded_word(lower, &self.patterns[id], &span) {
                            hits.markers.push((kind, span.clone()));
                        }
                    }
                    Owner::Context(ContextWord::StreetSuffix) => {
                        if ends_word(lower, span.end) && !starts_word(lower, span.start) {
                            hits.street.push(span.clone());
                        }
                    }
                    Owner::Context(kind) => {
                        if bounded_prefix(lower, &self.patterns[id], &span) {
                            let list = match kind {
                                ContextWord::Identity => &mut hits.identity,
                                ContextWord::OtherNumber => &mut hits.other_number,
                                ContextWord::Phone => &mut hits.phone,
                                ContextWord::Bankgiro => &mut hits.bankgiro,
                                ContextWord::Card => &mut hits.card,
                                ContextWord::Role => &mut hits.role,
                                ContextWord::StreetSuffix => &mut hits.street,
                            };
                            list.push(span.clone());
                        }
                    }
                }
            }
        }
        hits
    }
}

/// A whole-word match: boundaries are checked on the sides where the pattern has a word
/// character (so `sekr.` and `§` work).
pub fn bounded_word(text: &str, pattern: &str, span: &Range<usize>) -> bool {
    bounded_prefix(text, pattern, span)
        && (!pattern.chars().next_back().is_some_and(is_word_char) || ends_word(text, span.end))
}

/// A match at the start of a word.
pub fn bounded_prefix(text: &str, pattern: &str, span: &Range<usize>) -> bool {
    !pattern.chars().next().is_some_and(is_word_char) || starts_word(text, span.start)
}
