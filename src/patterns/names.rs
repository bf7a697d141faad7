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

use super::{PatternError, PatternFile, PatternSource};

/// Name lists, keyed by the name as written (capitalised).
#[derive(Clone, Debug, Default)]
pub struct NameLists {
    given: NameSet,
    surnames: NameSet,
    ambiguous: NameSet,
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
