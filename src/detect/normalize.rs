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
}

impl<'a> Normalized<'a> {
    /// Builds the normalised view of `original`.
    pub fn new(original: &'a str) -> Normalized<'a> {
        match lower_if_plain(original) {
            Some(lower) => Normalized {
                text: Cow::Borrowed(original),
                lower,
                map: None,
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

    /// True when the normalised text is the original itself.
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
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
fn lower_if_plain(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut lower = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            lower.push(b.to_ascii_lowercase());
            i += 1;
        } else if b == 0xC3 {
            // U+00C0..U+00FF: the second byte is 0x80..=0xBF. Upper case is U+00C0..U+00DE
            // except U+00D7 (multiplication sign); lower case adds 0x20.
            let next = *bytes.get(i + 1)?;
            let folded = if (0x80..=0x9E).contains(&next) && next != 0x97 {
                next + 0x20
            } else {
                next
            };
            lower.push(0xC3);
            lower.push(folded);
            i += 2;
        } else {
            return None;
        }
    }
    // Only ASCII bytes and whole two-byte sequences were copied, so this cannot fail.
    String::from_utf8(lower).ok()
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
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Builder<'a> {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            lower: String::with_capacity(original.len()),
            map: OffsetMap::default(),
            last_unit: None,
        }
    }

    fn finish(mut self) -> Normalized<'a> {
        let mut chars = self.original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let end = at + c.len_utf8();
            match classify(c) {
                Action::Keep => self.push_verbatim(c, at),
                Action::Drop => {}
                Action::Replace(r) => self.push_replaced(&[r], at..end),
                Action::Decompose => {
                    let expanded: Vec<char> = std::iter::once(c).nfkc().map(simplify).collect();
                    self.push_replaced(&expanded, at..end);
                }
                Action::Combine => {
                    let mut marks_end = end;
                    while let Some(&(next_at, next)) = chars.peek() {
                        if canonical_combining_class(next) == 0
                            && !matches!(classify(next), Action::Combine)
                        {
                            break;
                        }
                        marks_end = next_at + next.len_utf8();
                        chars.next();
                    }
                    self.compose(at..marks_end);
                }
            }
        }
        Normalized {
            text: Cow::Owned(self.text),
            lower: self.lower,
            map: Some(self.map),
        }
    }

    fn push_verbatim(&mut self, c: char, at: usize) {
        let norm = self.text.len();
        self.map.verbatim(norm, at);
        self.text.push(c);
        self.lower.push(lower_same_len(c));
        self.last_unit = Some((norm, at..at + c.len_utf8()));
    }

    fn push_replaced(&mut self, chars: &[char], orig: Range<usize>) {
        if chars.is_empty() {
            return;
        }
        let norm = self.text.len();
        self.map.replaced(norm, orig.clone());
        for &c in chars {
            self.text.push(c);
            self.lower.push(lower_same_len(c));
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
        self.lower.truncate(norm);
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
