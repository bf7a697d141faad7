//! Sets of short phrases (one to a few words) looked up in a stretch of text, word by word,
//! without allocating: the marker rules ask "is there a question word / a citation / a court in
//! this clause or line?" for every marker word they judge.

use std::collections::HashMap;

/// A set of lower-case phrases.
#[derive(Debug)]
pub struct Phrases {
    /// The words after the first of each phrase, by its first word.
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// One bit per (first byte, second byte) of a first word: most words are rejected here.
    heads: Box<[u64; 1024]>,
}

fn head_bit(word: &[u8]) -> usize {
    let a = usize::from(word.first().copied().unwrap_or(0));
    let b = usize::from(word.get(1).copied().unwrap_or(0));
    a << 8 | b
}

impl Phrases {
    /// The set of `list` (phrases of words separated by single spaces).
    pub fn new(list: &[String]) -> Phrases {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut heads = Box::new([0u64; 1024]);
        for phrase in list {
            let mut words = phrase.split(' ').map(str::to_string);
            if let Some(first) = words.next() {
                let bit = head_bit(first.as_bytes());
                heads[bit >> 6] |= 1 << (bit & 63);
                by_first.entry(first).or_default().push(words.collect());
            }
        }
        Phrases { by_first, heads }
    }

    /// True when one of the phrases occurs in `text` (lower case) as whole words.
    pub fn any_in(&self, text: &str) -> bool {
        let mut words = Words { text, at: 0 };
        while let Some((start, end)) = words.next() {
            let word = &text[start..end];
            let bit = head_bit(word.as_bytes());
            if self.heads[bit >> 6] >> (bit & 63) & 1 == 0 {
                continue;
            }
            let Some(rests) = self.by_first.get(word) else {
                continue;
            };
            let follows = |rest: &Vec<String>| {
                let mut after = Words { text, at: end };
                rest.iter()
                    .all(|r| after.next().is_some_and(|(s, e)| &text[s..e] == r))
            };
            if rests.iter().any(follows) {
                return true;
            }
        }
        false
    }

    /// True when one of the phrases occurs among the first `n` words of `text`.
    pub fn any_in_first(&self, text: &str, n: usize) -> bool {
        let mut words = Words { text, at: 0 };
        let end = (0..n)
            .filter_map(|_| words.next())
            .last()
            .map_or(0, |w| w.1);
        self.any_in(&text[..end])
    }
}

/// The words (runs of letters and digits) of a text, as byte ranges.
struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl Words<'_> {
    fn next(&mut self) -> Option<(usize, usize)> {
        let b = self.text.as_bytes();
        let word_at = |i: usize| -> (bool, usize) {
            match b[i] {
                c if c.is_ascii() => (c.is_ascii_alphanumeric(), 1),
                // Latin-1 letters (å, ä, ö, é …), the common case, without a table lookup; only
                // × and ÷ (0xC3 0x97, 0xC3 0xB7) are not letters.
                0xC3 if b.get(i + 1).is_some_and(|&n| n != 0x97 && n != 0xB7) => (true, 2),
                _ => {
                    let c = self.text[i..].chars().next().unwrap_or(' ');
                    (c.is_alphanumeric(), c.len_utf8())
                }
            }
        };
        let mut i = self.at;
        while i < b.len() {
            let (word, len) = word_at(i);
            if word {
                break;
            }
            i += len;
        }
        if i >= b.len() {
            self.at = b.len();
            return None;
        }
        let start = i;
        while i < b.len() {
            let (word, len) = word_at(i);
            if !word {
                break;
            }
            i += len;
        }
        self.at = i;
        Some((start, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(list: &[&str]) -> Phrases {
        Phrases::new(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn whole_words_and_phrases() {
        let p = set(&["jo", "med hänvisning till", "kan du förklara"]);
        assert!(p.any_in("enligt jo:s beslut"));
        assert!(!p.any_in("jobbet och jordgubbar"));
        assert!(p.any_in("vägrade, med hänvisning till 19 kap."));
        assert!(!p.any_in("med hänvisning"));
        assert!(p.any_in("hej – kan du förklara?"));
        assert!(p.any_in_first("jo, det stämmer", 1));
        assert!(!p.any_in_first("det stämmer jo", 2));
    }
}
