//! `patterns/names/*.txt`: given names, surnames, and names that are also ordinary words.

use std::collections::HashSet;

use super::{PatternError, PatternFile, PatternSource};

/// Name lists, keyed by the name as written (capitalised).
#[derive(Clone, Debug, Default)]
pub struct NameLists {
    given: HashSet<Box<str>>,
    surnames: HashSet<Box<str>>,
    ambiguous: HashSet<Box<str>>,
}

impl NameLists {
    /// Reads `names/given.txt`, `names/surnames.txt` and `names/ambiguous.txt`.
    pub fn load(source: &PatternSource) -> Result<NameLists, PatternError> {
        Ok(NameLists {
            given: parse(&source.read("names/given.txt")?)?,
            surnames: parse(&source.read("names/surnames.txt")?)?,
            ambiguous: parse(&source.read("names/ambiguous.txt")?)?,
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

    /// True for a name that is also an ordinary word.
    pub fn is_ambiguous(&self, word: &str) -> bool {
        self.ambiguous.contains(word)
    }

    /// Number of given names.
    pub fn given_count(&self) -> usize {
        self.given.len()
    }
}

fn parse(file: &PatternFile) -> Result<HashSet<Box<str>>, PatternError> {
    let mut names = HashSet::new();
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
