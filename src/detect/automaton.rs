//! One keyword automaton over every word list, run once over the lower-case view.
//!
//! Sensitive vocabulary, marker words and context keywords all go into the same engine
//! ([`super::keywords`]), so the text is walked once for all of them; each pattern knows which
//! lists it belongs to, and the word-boundary rules of each list are applied to its matches.

use std::collections::HashMap;
use std::ops::Range;

use super::keywords::{Anchor, Keywords};
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
    /// Label of internal material.
    Internal,
    /// Internal-material phrase that also counts inside a sentence.
    InternalStatement,
    /// Heading noun of meeting notes.
    Notes,
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
    /// Word that attaches a number to a person ("född").
    Person,
    /// Verb that introduces a person's name ("heter", "kallas").
    Naming,
    /// Declaration that a text's people are invented ("alla namn är fiktiva").
    Fiction,
    /// Opens a description of one person ("enda", "som jobbar").
    Description,
    /// Gives a nickname ("kallar", "known as").
    Nickname,
    /// Says a work portrays someone ("skildras").
    Portrayal,
    /// A kind of story a writer may ask for ("berättelse").
    Story,
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
    patterns: Vec<(Vec<u8>, Anchor)>,
    index: HashMap<(String, AnchorKey), usize>,
    owners: Vec<Vec<Owner>>,
}

type AnchorKey = u8;

fn anchor_key(anchor: Anchor) -> AnchorKey {
    match anchor {
        Anchor::Start => 0,
        Anchor::Floating => 1,
    }
}

impl AutomatonBuilder {
    /// Adds `pattern` (lower case) for `owner`, matching where `anchor` says. A pattern shared
    /// by several lists is stored once per anchor.
    pub fn add(&mut self, pattern: &str, owner: Owner, anchor: Anchor) {
        let key = (pattern.to_string(), anchor_key(anchor));
        let id = match self.index.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.patterns.len();
                self.patterns.push((pattern.as_bytes().to_vec(), anchor));
                self.index.insert(key, id);
                self.owners.push(Vec::new());
                id
            }
        };
        if !self.owners[id].contains(&owner) {
            self.owners[id].push(owner);
        }
    }

    /// Builds the automaton.
    pub fn build(self) -> Automaton {
        Automaton {
            keywords: Keywords::new(&self.patterns),
            owners: self.owners,
            patterns: self
                .patterns
                .into_iter()
                .map(|(p, _)| String::from_utf8_lossy(&p).into_owned())
                .collect(),
        }
    }
}

/// The built automaton.
#[derive(Debug)]
pub struct Automaton {
    keywords: Keywords,
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
    /// Words that attach a number to a person.
    pub person: Vec<Range<usize>>,
    /// Naming verbs ("heter").
    pub naming: Vec<Range<usize>>,
    /// Declarations that the people are invented.
    pub fiction: Vec<Range<usize>>,
    /// Words that open a description of one person.
    pub description: Vec<Range<usize>>,
    /// Verbs that give a nickname.
    pub nickname: Vec<Range<usize>>,
    /// Verbs that say a work portrays someone.
    pub portrayal: Vec<Range<usize>>,
    /// Kinds of story a writer may ask for.
    pub story: Vec<Range<usize>>,
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

    /// The keyword engine, for the scanner's word loop.
    pub fn keywords(&self) -> &Keywords {
        &self.keywords
    }

    /// Runs the automaton over a whole lower-case text and sorts matches into lists.
    pub fn scan(&self, lower: &str) -> Hits {
        let mut raw = Vec::new();
        self.keywords.find_all(lower, &mut raw);
        self.dispatch(lower, raw)
    }

    /// Sorts raw keyword matches into lists, applying each list's boundary rules.
    pub fn dispatch(&self, lower: &str, raw: Vec<(u32, Range<usize>)>) -> Hits {
        let mut hits = Hits::default();
        for (id, span) in raw {
            let id = id as usize;
            for &owner in &self.owners[id] {
                match owner {
                    Owner::Term(t) => hits.terms.push((t, span.clone())),
                    Owner::Marker(kind) => {
                        if bounded_word(lower, &self.patterns[id], &span) {
                            hits.markers.push((kind, span.clone()));
                        }
                    }
                    Owner::Context(kind) => {
                        // Role words are whole words ("fru", not "frukost"); the other context
                        // keywords are prefixes ("telefonnummer").
                        let bounded = if matches!(
                            kind,
                            ContextWord::Role
                                | ContextWord::Naming
                                | ContextWord::Description
                                | ContextWord::Nickname
                                | ContextWord::Portrayal
                                | ContextWord::Story
                        ) {
                            bounded_word(lower, &self.patterns[id], &span)
                        } else {
                            bounded_prefix(lower, &self.patterns[id], &span)
                        };
                        if bounded {
                            let list = match kind {
                                ContextWord::Identity => &mut hits.identity,
                                ContextWord::OtherNumber => &mut hits.other_number,
                                ContextWord::Phone => &mut hits.phone,
                                ContextWord::Bankgiro => &mut hits.bankgiro,
                                ContextWord::Card => &mut hits.card,
                                ContextWord::Role => &mut hits.role,
                                ContextWord::Person => &mut hits.person,
                                ContextWord::Naming => &mut hits.naming,
                                ContextWord::Fiction => &mut hits.fiction,
                                ContextWord::Description => &mut hits.description,
                                ContextWord::Nickname => &mut hits.nickname,
                                ContextWord::Portrayal => &mut hits.portrayal,
                                ContextWord::Story => &mut hits.story,
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
