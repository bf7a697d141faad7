//! `patterns/names/*.txt`: given names, surnames, and names that are also ordinary words.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher for the name sets (Fx, as in rustc): the keys are public
/// data, so hash flooding is not a concern, and lookups sit on the scanner's hot path.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type NameSet = HashSet<Box<str>, BuildHasherDefault<FxHasher>>;

/// A word set behind an exact prefilter: a bit per (length, first two bytes, last byte) of
/// every name, 8 KiB that stay in the L1 cache. Most capitalised words of prose are no name and
/// are rejected by one bit test instead of a hash lookup in a table of 100+ KiB.
#[derive(Clone, Debug, Default)]
pub struct FilteredSet {
    set: NameSet,
    filter: Box<[u64]>,
}

/// Bits of the name filter (a power of two).
const NAME_FILTER_BITS: usize = 1 << 16;

impl FilteredSet {
    /// The set of `set`'s words with its filter.
    pub fn new(set: NameSet) -> FilteredSet {
        let mut filter = vec![0u64; NAME_FILTER_BITS / 64].into_boxed_slice();
        for name in &set {
            let key = name_key(name.as_bytes());
            filter[key / 64] |= 1 << (key % 64);
        }
        FilteredSet { set, filter }
    }

    /// True when `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let key = name_key(word.as_bytes());
        // An empty (default) filter has no bits: nothing is a member.
        self.filter
            .get(key / 64)
            .is_some_and(|w| w >> (key % 64) & 1 != 0)
            && self.set.contains(word)
    }

    fn len(&self) -> usize {
        self.set.len()
    }
}

/// The filter bit of a word: its length, first two bytes and last byte, hashed.
#[inline]
fn name_key(b: &[u8]) -> usize {
    let (first, second, last) = match b {
        [] => (0, 0, 0),
        [x] => (*x, 0, *x),
        [x, y, .., z] => (*x, *y, *z),
        [x, y] => (*x, *y, *y),
    };
    let packed =
        u64::from(first) | u64::from(second) << 8 | u64::from(last) << 16 | (b.len() as u64) << 24;
    (packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

use super::{PatternError, PatternFile, PatternSource};

/// Name lists, keyed by the name as written (capitalised).
#[derive(Clone, Debug, Default)]
pub struct NameLists {
    given: FilteredSet,
    surnames: FilteredSet,
    ambiguous: FilteredSet,
    nicknames: FilteredSet,
    lower_words: FilteredSet,
    women: FilteredSet,
    men: FilteredSet,
    /// The person-linkage vocabulary (`names/roles.toml`).
    pub roles: Roles,
}

/// The sex a given name is borne by (`names/given-women.txt`, `names/given-men.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    /// Borne by women in at least 95 % of cases.
    Female,
    /// Borne by men in at least 95 % of cases.
    Male,
}

/// One lower-case word list of `names/roles.toml`.
pub type WordSet = HashSet<Box<str>, BuildHasherDefault<FxHasher>>;

/// The words that tell whom a sentence is about (`names/roles.toml`, see that file).
#[derive(Clone, Debug, Default)]
pub struct Roles {
    /// Roles of officials, staff and experts.
    pub official: WordSet,
    /// Endings that make a compound an official's role.
    pub official_suffixes: Vec<String>,
    /// Definite role nouns of the person concerned.
    pub concerned: WordSet,
    /// Third-person singular pronouns and reflexives.
    pub third: WordSet,
    /// Second-person pronouns.
    pub second: WordSet,
    /// First-person pronouns.
    pub first: WordSet,
    /// Greeting words.
    pub greeting: WordSet,
    /// Words that name the sender of a message.
    pub sender: WordSet,
    /// Labels that head a record about a person.
    pub record: WordSet,
    /// Person nouns that make a reference generic after an article.
    pub generic: WordSet,
    /// Indefinite articles and quantifiers.
    pub articles: WordSet,
    /// Subordinators that open reported content.
    pub barrier: WordSet,
    /// Place nouns after a genitive name.
    pub place: FilteredSet,
    /// Institution nouns before a name that is the institution's own ("Vårdcentralen Gustav
    /// Adolf", "förskolan Astrid Lindgren").
    pub institution: FilteredSet,
    /// Definite roles that one person holds at a workplace ("kocken", "vaktmästaren").
    pub unique: WordSet,
    /// Well-known characters of fiction, written whole ("emil i lönneberga").
    pub characters: Vec<String>,
    /// Well-known works of fiction with the names of their people and author.
    pub works: Vec<Work>,
    /// Every name of [`Roles::works`], for a quick test before the works are read.
    pub work_names: WordSet,
}

/// A well-known work of fiction: a search for its title and the names (first names of its
/// characters, its author's surname) that, in a text that names it, belong to the work.
#[derive(Debug, Clone)]
pub struct Work {
    /// Lower-case names of the work's people and its author ("ove", "sonja", "backman").
    pub names: Vec<String>,
    /// The search for the lower-case title ("en man som heter ove"), built once.
    pub finder: memchr::memmem::Finder<'static>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFormat {
    official: ListFormat,
    concerned: ListFormat,
    third: ListFormat,
    second: ListFormat,
    first: ListFormat,
    greeting: ListFormat,
    sender: ListFormat,
    record: ListFormat,
    generic: ListFormat,
    barrier: ListFormat,
    place: ListFormat,
    institution: ListFormat,
    unique: ListFormat,
    characters: ListFormat,
    works: ListFormat,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFormat {
    words: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
}

fn word_set(words: &[String]) -> WordSet {
    words.iter().map(|w| w.as_str().into()).collect()
}

impl Roles {
    fn parse(file: &PatternFile) -> Result<Roles, PatternError> {
        let f: RolesFormat = toml::from_str(&file.text).map_err(|e| PatternError {
            path: file.path.clone(),
            line: e
                .span()
                .map_or(0, |s| file.text[..s.start].matches('\n').count() + 1),
            problem: e.message().to_string(),
        })?;
        if let Some((i, _)) =
            file.text.lines().enumerate().find(|(_, l)| {
                !l.trim_start().starts_with('#') && l.chars().any(char::is_uppercase)
            })
        {
            return Err(PatternError {
                path: file.path.clone(),
                line: i + 1,
                problem: "the linkage words must be lower case".into(),
            });
        }
        let works = works(file, &f.works.words)?;
        Ok(Roles {
            official: word_set(&f.official.words),
            official_suffixes: f.official.suffixes,
            concerned: word_set(&f.concerned.words),
            third: word_set(&f.third.words),
            second: word_set(&f.second.words),
            first: word_set(&f.first.words),
            greeting: word_set(&f.greeting.words),
            sender: word_set(&f.sender.words),
            record: word_set(&f.record.words),
            generic: word_set(&f.generic.words),
            articles: word_set(&f.generic.articles),
            barrier: word_set(&f.barrier.words),
            place: FilteredSet::new(word_set(&f.place.words)),
            institution: FilteredSet::new(word_set(&f.institution.words)),
            unique: word_set(&f.unique.words),
            characters: f.characters.words,
            work_names: works
                .iter()
                .flat_map(|w| w.names.iter())
                .map(|n| n.as_str().into())
                .collect(),
            works,
        })
    }
}

/// Reads the `works` entries, each "title: name name …".
fn works(file: &PatternFile, entries: &[String]) -> Result<Vec<Work>, PatternError> {
    entries
        .iter()
        .map(|entry| {
            let (title, names) = entry.split_once(':').ok_or_else(|| PatternError {
                path: file.path.clone(),
                line: file
                    .text
                    .lines()
                    .position(|l| l.contains(entry.as_str()))
                    .map_or(0, |i| i + 1),
                problem: format!("a work needs \"title: names\", not \"{entry}\""),
            })?;
            Ok(Work {
                finder: memchr::memmem::Finder::new(title.trim().as_bytes()).into_owned(),
                names: names.split_whitespace().map(str::to_string).collect(),
            })
        })
        .collect()
}

impl NameLists {
    /// Reads `names/given.txt`, `names/given-world.txt` and `names/given-nicknames.txt`,
    /// `names/surnames.txt`,
    /// `names/surnames-common.txt` and `names/surnames-world.txt`, `names/ambiguous.txt`, `names/given-women.txt`,
    /// `names/given-men.txt`, `names/lower-case-words.txt` and `names/roles.toml`.
    pub fn load(source: &PatternSource) -> Result<NameLists, PatternError> {
        let mut given = parse(&source.read("names/given.txt")?)?;
        given.extend(parse(&source.read("names/given-world.txt")?)?);
        let nicknames = parse(&source.read("names/given-nicknames.txt")?)?;
        given.extend(nicknames.iter().cloned());
        let mut surnames = parse(&source.read("names/surnames.txt")?)?;
        surnames.extend(parse(&source.read("names/surnames-common.txt")?)?);
        surnames.extend(parse(&source.read("names/surnames-world.txt")?)?);
        Ok(NameLists {
            given: FilteredSet::new(given),
            surnames: FilteredSet::new(surnames),
            ambiguous: FilteredSet::new(parse(&source.read("names/ambiguous.txt")?)?),
            nicknames: FilteredSet::new(nicknames),
            lower_words: FilteredSet::new(parse(&source.read("names/lower-case-words.txt")?)?),
            women: FilteredSet::new(parse(&source.read("names/given-women.txt")?)?),
            men: FilteredSet::new(parse(&source.read("names/given-men.txt")?)?),
            roles: Roles::parse(&source.read("names/roles.toml")?)?,
        })
    }

    /// True for a known given name.
    pub fn is_given(&self, word: &str) -> bool {
        self.given.contains(word)
    }

    /// True for a known surname.
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// The sex nearly all bearers of the given name `word` have, if one.
    pub fn sex(&self, word: &str) -> Option<Sex> {
        if self.women.contains(word) {
            Some(Sex::Female)
        } else if self.men.contains(word) {
            Some(Sex::Male)
        } else {
            None
        }
    }

    /// True for a name that is also an ordinary word.
    pub fn is_ambiguous(&self, word: &str) -> bool {
        self.ambiguous.contains(word)
    }

    /// True for a nickname of `names/given-nicknames.txt` ("Bettan", "Lillen").
    pub fn is_nickname(&self, word: &str) -> bool {
        self.nicknames.contains(word)
    }

    /// True for a given name (capitalised, `word`) that a text written without capitals may
    /// hold in lower case as a name: listed, and neither a word of `ambiguous.txt` nor an
    /// ordinary lower-case word (`lower-case-words.txt`: "lina", "knut", "may").
    pub fn is_lower_case_name(&self, word: &str) -> bool {
        self.given.contains(word)
            && !self.ambiguous.contains(word)
            && !self.lower_words.contains(word)
    }

    /// True for a listed name that is also an ordinary word, in the lists of ambiguous names
    /// or of lower-case words ("Lisa", "Berg", "Lund").
    pub fn is_word(&self, word: &str) -> bool {
        self.ambiguous.contains(word) || self.lower_words.contains(word)
    }

    /// Number of given names.
    pub fn given_count(&self) -> usize {
        self.given.len()
    }
}

fn parse(file: &PatternFile) -> Result<NameSet, PatternError> {
    let mut names = NameSet::default();
    for (i, line) in file.text.lines().enumerate() {
        let name = line.trim();
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        let capitalised = name.chars().next().is_some_and(char::is_uppercase);
        let letters = name
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
        if !capitalised || !letters {
            return Err(PatternError {
                path: file.path.clone(),
                line: i + 1,
                problem: format!("`{name}` is not a capitalised name (letters, '-' and ''' only)"),
            });
        }
        names.insert(name.into());
    }
    Ok(names)
}
