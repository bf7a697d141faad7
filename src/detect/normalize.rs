//! The normalised view the detectors scan, and the map from it back to the original bytes.
//!
//! Disguises must not help: fullwidth or Arabic-Indic digits, zero-width characters, soft
//! hyphens, typographic dashes and spaces all become plain ASCII here. Every detector works on
//! this view, and every finding is mapped back to byte offsets of the original input.
//!
//! The view is built in one pass. Text made only of ASCII and Latin-1 letters (ordinary Swedish
//! prose) needs no change, so it is borrowed as it is and only a lower-case copy is made.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::offsets::OffsetMap;
use unicode_normalization::char::canonical_combining_class;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// A normalised view of a text with a lower-case twin of identical byte layout.
#[derive(Debug)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    lower: String,
    /// `None` when `text` is the original, byte for byte.
    map: Option<OffsetMap>,
    /// Where each character of the Cyrillic, Arabic or Ge'ez script starts in the normalised
    /// text, in order.
    other_scripts: Vec<usize>,
}

impl<'a> Normalized<'a> {
    /// Builds the normalised view of `original`.
    pub fn new(original: &'a str) -> Normalized<'a> {
        match lower_if_plain(original) {
            Some(lower) => Normalized {
                text: Cow::Borrowed(original),
                lower,
                map: None,
                other_scripts: Vec::new(),
            },
            None => Builder::new(original).finish(),
        }
    }

    /// The normalised text: NFKC, every decimal digit as ASCII, format characters dropped,
    /// dashes as `-`, spaces as ` `.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalised text in lower case. Byte offsets are the same as in [`Normalized::text`].
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// Where each character of the Cyrillic, Arabic or Ge'ez script starts in the normalised
    /// text, in order (residents' letters in Russian, Ukrainian, Arabic, Persian, Tigrinya …):
    /// recorded in the one pass that builds the view, so that the readers of those scripts
    /// visit only them.
    pub fn other_scripts(&self) -> &[usize] {
        &self.other_scripts
    }

    /// True when the normalised text is the original itself.
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }

    /// Writes the first letter of each word starting at `starts` as a capital, where its
    /// capital has the same length in UTF-8 (every Swedish letter): the byte layout, the
    /// lower-case twin and the map to the original stay as they were.
    pub fn capitalise(&mut self, starts: &[usize]) {
        if starts.is_empty() {
            return;
        }
        let text = self.text.to_mut();
        for &at in starts {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            let mut upper = c.to_uppercase();
            if let (Some(u), None) = (upper.next(), upper.next())
                && u.len_utf8() == c.len_utf8()
            {
                let mut buf = [0u8; 4];
                text.replace_range(at..at + c.len_utf8(), u.encode_utf8(&mut buf));
            }
        }
    }

    /// Maps a byte range of the normalised text to the byte range of the original it came from.
    /// Both ends of the result lie on character boundaries of the original.
    pub fn original_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.map {
            None => span,
            Some(map) => map.source_span(span, self.text.len()),
        }
    }
}

/// Lower-cases `text` if it needs no other normalisation: only ASCII and U+00C0..U+00FF.
///
/// The copy and the ASCII lower-casing are vectorised by the compiler; non-ASCII bytes are found
/// eight at a time, and the rare upper-case Latin-1 letters (Å, Ä, Ö, É …) are lowered in place.
fn lower_if_plain(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut upper_latin1 = Vec::new();
    let mut i = 0;
    while let Some(offset) = first_non_ascii(&bytes[i..]) {
        let at = i + offset;
        // Only U+00C0..U+00FF (lead byte 0xC3) may stay as it is.
        let second = *bytes.get(at + 1).filter(|_| bytes[at] == 0xC3)?;
        if (0x80..=0x9E).contains(&second) && second != 0x97 {
            upper_latin1.push(at);
        }
        i = at + 2;
    }
    let mut lower = text.to_owned();
    lower.make_ascii_lowercase();
    for at in upper_latin1 {
        let folded: String = text[at..at + 2].to_lowercase();
        // Same length, so the splice replaces two bytes in place.
        lower.replace_range(at..at + 2, &folded);
    }
    Some(lower)
}

/// The end of the run from `at` of ASCII and Latin-1 letters (U+00C0..U+00FF), which need no
/// normalisation.
fn plain_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(offset) = first_non_ascii(&bytes[at..]) {
        let i = at + offset;
        if bytes[i] == 0xC3 && bytes.get(i + 1).is_some_and(|b| (0x80..=0xBF).contains(b)) {
            at = i + 2;
        } else {
            return i;
        }
    }
    bytes.len()
}

/// `text` in lower case, keeping its byte layout: ASCII in bulk, other characters one by one
/// and only when their lower case has the same length.
fn lower_same_layout(text: &str) -> String {
    let mut lower = text.to_owned();
    lower.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(offset) = first_non_ascii(&bytes[at..]) {
        let i = at + offset;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let folded = lower_same_len(c);
        if folded != c {
            let mut buf = [0u8; 4];
            lower.replace_range(i..i + c.len_utf8(), folded.encode_utf8(&mut buf));
        }
        at = i + c.len_utf8();
    }
    lower
}

/// The index of the first byte >= 0x80, eight bytes at a time.
#[inline]
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        let high = x & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(base + high.trailing_zeros() as usize / 8);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| *b >= 0x80)
        .map(|p| base + p)
}

/// What to do with one character of the original.
enum Action {
    Keep,
    Drop,
    Replace(char),
    /// A combining mark: compose it with the character before.
    Combine,
    /// Apply NFKC to the character and classify the result.
    Decompose,
}

fn classify(c: char) -> Action {
    if c.is_ascii() || ('\u{C0}'..='\u{FF}').contains(&c) {
        return Action::Keep;
    }
    match c.general_category() {
        GeneralCategory::Format => Action::Drop,
        GeneralCategory::DecimalNumber => Action::Replace(decimal_digit(c)),
        GeneralCategory::SpaceSeparator => Action::Replace(' '),
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
            Action::Replace('\n')
        }
        GeneralCategory::DashPunctuation => Action::Replace('-'),
        _ if c == '\u{2212}' => Action::Replace('-'),
        GeneralCategory::NonspacingMark
        | GeneralCategory::EnclosingMark
        | GeneralCategory::SpacingMark => Action::Combine,
        _ if unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes =>
        {
            Action::Keep
        }
        _ => Action::Decompose,
    }
}

/// The ASCII digit for a Unicode decimal digit (general category Nd).
///
/// Every Nd range in Unicode is a run of ten code points from zero to nine, and adjacent runs
/// are whole, so the value is the distance from the start of the contiguous Nd block, mod 10.
pub fn decimal_digit(c: char) -> char {
    let mut first = c as u32;
    while first > 0 {
        match char::from_u32(first - 1) {
            Some(prev) if prev.general_category() == GeneralCategory::DecimalNumber => first -= 1,
            _ => break,
        }
    }
    let value = (c as u32 - first) % 10;
    char::from_digit(value, 10).unwrap_or('0')
}

/// True for a character of the Cyrillic, Arabic (with its presentation forms) or Ge'ez block:
/// the scripts of residents' letters that the detectors read apart from Latin.
fn other_script_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0400}'..='\u{06FF}' | '\u{1200}'..='\u{137F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}'
    )
}

/// The lower-case form of `c` when it has the same UTF-8 length; otherwise `c` itself, so that
/// the lower-case view keeps the byte layout of the normalised text.
fn lower_same_len(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

struct Builder<'a> {
    original: &'a str,
    text: String,
    lower: String,
    map: OffsetMap,
    /// The last emitted unit: (normalised start, original range), for composing marks.
    last_unit: Option<(usize, Range<usize>)>,
    /// Where the characters of the Cyrillic, Arabic or Ge'ez script seen so far start.
    other_scripts: Vec<usize>,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Builder<'a> {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            lower: String::with_capacity(original.len()),
            map: OffsetMap::default(),
            last_unit: None,
            other_scripts: Vec::new(),
        }
    }

    fn finish(mut self) -> Normalized<'a> {
        let bytes = self.original.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Runs of ASCII and Latin-1 letters are copied as they are, in bulk.
            let run_end = plain_run_end(bytes, at);
            if run_end > at {
                self.push_run(at..run_end);
                at = run_end;
                continue;
            }
            let Some(c) = self.original[at..].chars().next() else {
                break;
            };
            let end = at + c.len_utf8();
            if other_script_letter(c) {
                self.other_scripts.push(self.text.len());
            }
            match classify(c) {
                Action::Keep => self.push_run(at..end),
                Action::Drop => {}
                Action::Replace(r) => self.push_replaced(&[r], at..end),
                Action::Decompose => {
                    let expanded: Vec<char> = std::iter::once(c).nfkc().map(simplify).collect();
                    self.push_replaced(&expanded, at..end);
                }
                Action::Combine => {
                    let marks_end = self.original[end..]
                        .char_indices()
                        .find(|&(_, next)| {
                            canonical_combining_class(next) == 0
                                && !matches!(classify(next), Action::Combine)
                        })
                        .map_or(self.original.len(), |(i, _)| end + i);
                    self.compose(at..marks_end);
                    at = marks_end;
                    continue;
                }
            }
            at = end;
        }
        self.lower = lower_same_layout(&self.text);
        Normalized {
            text: Cow::Owned(self.text),
            lower: self.lower,
            map: Some(self.map),
            other_scripts: self.other_scripts,
        }
    }

    /// Copies `range` of the original verbatim.
    fn push_run(&mut self, range: Range<usize>) {
        let norm = self.text.len();
        self.map.verbatim(norm, range.start);
        let run = &self.original[range.clone()];
        self.text.push_str(run);
        let last = run.chars().next_back().map_or(0, char::len_utf8);
        self.last_unit = Some((self.text.len() - last, range.end - last..range.end));
    }

    fn push_replaced(&mut self, chars: &[char], orig: Range<usize>) {
        if chars.is_empty() {
            return;
        }
        let norm = self.text.len();
        self.map.replaced(norm, orig.clone());
        for &c in chars {
            self.text.push(c);
        }
        self.last_unit = Some((norm, orig));
    }

    /// Composes the combining marks at `marks` with the unit emitted just before them.
    fn compose(&mut self, marks: Range<usize>) {
        let (base_norm, base_orig) = match self.last_unit.take() {
            Some((norm, orig)) if orig.end == marks.start => (norm, orig),
            _ => {
                // A mark with nothing to combine with: drop it; it carries no letter or digit.
                return;
            }
        };
        let base_text = self.text[base_norm..].to_string();
        self.truncate(base_norm);
        let mut cluster = base_text;
        cluster.push_str(&self.original[marks.clone()]);
        let composed: Vec<char> = cluster.nfkc().map(simplify).collect();
        let base_is_separator_or_digit = composed
            .first()
            .is_some_and(|c| c.is_ascii_digit() || *c == '-' || *c == ' ');
        let kept: Vec<char> = composed
            .into_iter()
            .filter(|c| {
                let mark =
                    canonical_combining_class(*c) != 0 || matches!(classify(*c), Action::Combine);
                !(base_is_separator_or_digit && mark)
            })
            .collect();
        self.push_replaced(&kept, base_orig.start..marks.end);
    }

    fn truncate(&mut self, norm: usize) {
        self.text.truncate(norm);
        self.map.truncate(norm);
    }
}

/// Maps one character of NFKC output to its plain form (digits, dashes, spaces).
fn simplify(c: char) -> char {
    match classify(c) {
        Action::Replace(r) => r,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check<'a>(original: &'a str, expected: &str) -> Normalized<'a> {
        let n = Normalized::new(original);
        assert_eq!(n.text(), expected, "normalising {original:?}");
        assert_eq!(n.text().len(), n.lower().len());
        n
    }

    #[test]
    fn capitalising_keeps_the_byte_layout() {
        let mut n = Normalized::new("åsa och örjan och ß");
        n.capitalise(&[0, 9, 20, 99]);
        // "ß" has a two-letter capital and stays; a start past the end is ignored.
        assert_eq!(n.text(), "Åsa och Örjan och ß");
        assert_eq!(n.lower(), "åsa och örjan och ß");
        assert!(n.is_identity());
    }

    #[test]
    fn swedish_prose_is_borrowed_and_lower_cased() {
        let n = check(
            "Öppna ÅTERVINNINGEN på Ängsvägen",
            "Öppna ÅTERVINNINGEN på Ängsvägen",
        );
        assert!(n.is_identity());
        assert_eq!(n.lower(), "öppna återvinningen på ängsvägen");
    }

    #[test]
    fn fullwidth_and_arabic_indic_digits_become_ascii() {
        check("８５０１０１-２３８２", "850101-2382");
        check("٨٥٠١٠١-٢٣٨٢", "850101-2382");
        check("۸۵۰۱۰۱", "850101");
        check("१९८५", "1985");
        check("𝟖𝟓", "85");
    }

    #[test]
    fn format_characters_are_dropped_and_offsets_map_back() {
        let original = "x 8501\u{200B}01-2382 y";
        let n = check(original, "x 850101-2382 y");
        let start = n.text().find('8').unwrap_or(0);
        let span = n.original_span(start..start + 11);
        assert_eq!(&original[span], "8501\u{200B}01-2382");
    }

    #[test]
    fn soft_hyphen_inside_a_number_is_dropped() {
        let original = "850\u{AD}101-2382";
        let n = check(original, "850101-2382");
        assert_eq!(&original[n.original_span(0..11)], original);
    }

    #[test]
    fn dash_and_space_variants_become_plain() {
        for dash in [
            '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{FE63}',
            '\u{FF0D}',
        ] {
            check(&format!("850101{dash}2382"), "850101-2382");
        }
        for space in ['\u{A0}', '\u{202F}', '\u{2009}', '\u{2007}', '\u{3000}'] {
            check(&format!("850101{space}2382"), "850101 2382");
        }
    }

    #[test]
    fn decomposed_letters_are_composed() {
        let original = "la\u{308}kare";
        let n = check(original, "läkare");
        assert_eq!(n.lower(), "läkare");
        assert_eq!(&original[n.original_span(1..3)], "a\u{308}");
    }

    #[test]
    fn overlay_marks_on_digits_are_dropped() {
        check("8\u{335}5", "85");
    }

    #[test]
    fn replaced_characters_map_to_whole_original_characters() {
        let original = "ab８c";
        let n = check(original, "ab8c");
        assert_eq!(&original[n.original_span(2..3)], "８");
        assert_eq!(&original[n.original_span(3..4)], "c");
        assert_eq!(&original[n.original_span(0..4)], original);
    }

    #[test]
    fn decimal_digit_values() {
        assert_eq!(decimal_digit('٣'), '3');
        assert_eq!(decimal_digit('９'), '9');
        assert_eq!(decimal_digit('𝟘'), '0');
        assert_eq!(decimal_digit('𝟿'), '9');
    }
}
