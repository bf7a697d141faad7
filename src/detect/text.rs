//! Small helpers for reading a text around a position: word boundaries, lines, clauses, words.

use std::ops::Range;

/// True for characters that belong to a word (letters and digits of any script).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // The Latin-1 letters (å, ä, ö, é …) without the Unicode tables; × and ÷ are none.
        (('\u{c0}'..='\u{ff}').contains(&c) && c != '×' && c != '÷') || c.is_alphanumeric()
    }
}

/// The character just before byte `at`.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// The character starting at byte `at`.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// True when no word character touches `at` from the left.
pub fn starts_word(text: &str, at: usize) -> bool {
    !char_before(text, at).is_some_and(is_word_char)
}

/// True when no word character touches `at` from the right.
pub fn ends_word(text: &str, at: usize) -> bool {
    !char_at(text, at).is_some_and(is_word_char)
}

/// Where the run of characters for which `keep` holds that ends `text` starts: the byte after
/// its last character for which `keep` does not hold (0 when there is none). The character
/// that breaks the run may be of any width (`”`, a no-break space).
pub fn trailing_run_start(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| !keep(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Where the word of letters and hyphens that ends at byte `end` starts ("hr-chef", "Anna-Lena";
/// `end` itself when a letter or hyphen does not stand before it).
pub fn hyphenated_word_start(text: &str, end: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map_or(end, |(i, _)| i)
}

/// The line around byte `at`, without its line break (at most [`MAX_CLAUSE`] bytes each side).
pub fn line_around(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at.min(text.len()));
    let bytes = text.as_bytes();
    let floor = at.saturating_sub(MAX_CLAUSE);
    let ceiling = (at + MAX_CLAUSE).min(bytes.len());
    let start = memchr::memrchr(b'\n', &bytes[floor..at]).map_or(floor, |i| floor + i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..ceiling]).map_or(ceiling, |i| at + i);
    floor_boundary(text, start)..floor_boundary(text, end)
}

/// Longest stretch (bytes) read on each side when looking for a clause or line end.
pub const MAX_CLAUSE: usize = 400;

/// The clause (sentence or part of one) around byte `at`.
///
/// A clause ends at a line break, at `?`, `!` or `;`, at a `.` followed by white space and an
/// upper-case letter (so `26 kap. 1 §` and `Sekr. enl.` do not end one), and at `:` followed by
/// white space (so "Sammanfatta följande: Handlingen är …" is two clauses).
pub fn clause_around(text: &str, at: usize) -> Range<usize> {
    let at = floor_boundary(text, at.min(text.len()));
    let bytes = text.as_bytes();
    // Clauses longer than this are cut: context further away says little, and the bound keeps
    // every lookup constant-time on long texts without punctuation.
    let floor = at.saturating_sub(MAX_CLAUSE);
    let ceiling = (at + MAX_CLAUSE).min(bytes.len());
    let mut start = at;
    while start > floor {
        if is_clause_end(bytes, start - 1) {
            break;
        }
        start -= 1;
    }
    let mut end = at;
    while end < ceiling {
        if is_clause_end(bytes, end) {
            break;
        }
        end += 1;
    }
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end);
    let clause = &text[start..end];
    let trimmed_start = start + (clause.len() - clause.trim_start().len());
    trimmed_start..end.max(trimmed_start)
}

/// The character that closes the clause containing `at`, if any (`?`, `.`, `:` …).
pub fn clause_terminator(text: &str, clause: &Range<usize>) -> Option<u8> {
    text.as_bytes().get(clause.end).copied()
}

fn is_clause_end(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' | b'?' | b'!' | b';' => true,
        b'.' | b':' => {
            let mut j = i + 1;
            let mut saw_space = false;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                saw_space = true;
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'\n' {
                return true;
            }
            if bytes[i] == b':' {
                return saw_space;
            }
            saw_space && starts_upper(&bytes[j..])
        }
        _ => false,
    }
}

fn starts_upper(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii_uppercase() => true,
        // U+00C0..U+00DE (Å, Ä, Ö, É …) in UTF-8.
        [0xC3, second, ..] => (0x80..=0x9E).contains(second),
        _ => false,
    }
}

/// The largest character boundary at or below `at`.
pub fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary at or above `at`.
pub fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Up to `n` words that end before byte `at` within `range`, nearest first.
pub fn words_before(text: &str, range: Range<usize>, at: usize, n: usize) -> Vec<&str> {
    let from = floor_boundary(text, range.start.min(at));
    let slice = &text[from..floor_boundary(text, at)];
    slice
        .split(|c: char| !is_word_char(c) && c != '-' && c != '.')
        .filter(|w| !w.is_empty() && w.chars().any(is_word_char))
        .rev()
        .take(n)
        .collect()
}

/// Up to `n` words that start at or after byte `at` within `range`, nearest first.
pub fn words_after(text: &str, range: Range<usize>, at: usize, n: usize) -> Vec<&str> {
    let to = floor_boundary(text, range.end.max(at));
    let slice = &text[floor_boundary(text, at)..to];
    slice
        .split(|c: char| !is_word_char(c) && c != '-')
        .filter(|w| !w.is_empty() && w.chars().any(is_word_char))
        .take(n)
        .collect()
}

/// True when the letters of `s` are all upper case and there is at least one.
pub fn is_upper_word(s: &str) -> bool {
    // ASCII letters are told apart without the Unicode tables, and the first lower-case
    // letter ends the reading (most capitalised words are "Anna", not "ANNA").
    let mut letters = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            letters |= c.is_ascii_uppercase();
        } else if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters = true;
        }
    }
    letters
}

/// `rest` after a short aside in parentheses at its start (" (ni vet vem) i rum 11" gives " i
/// rum 11"), or `rest` itself: an aside of at most 30 bytes between a name and its place.
pub fn after_aside(rest: &str) -> &str {
    rest.strip_prefix(" (")
        .and_then(|aside| {
            aside
                .find(')')
                .filter(|&c| c <= 30 && !aside[..c].contains('\n'))
                .map(|c| &aside[c + 1..])
        })
        .unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_a_clause() {
        let text = "Sekr. enl. 23 kap. 1 § OSL gäller. Nästa mening.";
        let at = text.find("OSL").unwrap_or(0);
        let clause = clause_around(text, at);
        assert_eq!(&text[clause], "Sekr. enl. 23 kap. 1 § OSL gäller");
    }

    #[test]
    fn colon_with_space_splits_clauses() {
        let text = "Sammanfatta följande: Handlingen omfattas av sekretess.";
        let at = text.find("omfattas").unwrap_or(0);
        assert_eq!(
            &text[clause_around(text, at)],
            "Handlingen omfattas av sekretess"
        );
    }

    #[test]
    fn boundaries_and_words() {
        let text = "från rån";
        assert!(!starts_word(text, 2));
        assert!(starts_word(text, 6));
        assert_eq!(words_before(text, 0..text.len(), 6, 2), vec!["från"]);
        assert!(is_upper_word("HEMLIG/RESTRICTED"));
        assert!(!is_upper_word("Hemlig"));
    }
}
