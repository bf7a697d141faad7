//! Label position: where a word stands as a label on a document (a stamp, a heading, a subject
//! line, a bracketed tag, a footer) rather than as a word in a sentence; and stamps written with
//! spaced-out letters (`H E M L I G`).

use std::ops::Range;

use super::text::{char_at, char_before, line_around};

/// Where a label word stands on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// Nothing but decoration, an e-mail subject prefix or an intensifier before it on its line.
    pub head: bool,
    /// What follows on the line keeps it a label (end of line, dash, colon, a date …).
    pub tail: bool,
    /// Directly enclosed in quotes: an example of the word, not a label.
    pub quoted: bool,
    /// A list item that names the word and explains it ("• Internt material: sådant som …"):
    /// a term being defined, as in a policy, not a stamp.
    pub defined: bool,
}

impl Place {
    /// At the head of its line with a label's tail: a label.
    pub fn is_label(&self) -> bool {
        self.head && self.tail && !self.quoted && !self.defined
    }
}

/// Where `span` of `text` stands. `prefixes` are lower-case words allowed before a label (e-mail
/// subject prefixes with their colon, intensifiers).
pub fn place(text: &str, span: &Range<usize>, prefixes: &[String]) -> Place {
    let line = line_around(text, span.start);
    let head = strip_head(&text[line.start..span.start], prefixes);
    let tail = &text[span.end..line.end.max(span.end)];
    Place {
        head: head.is_empty()
            || opens_pasted_quote(&text[line.start..span.start], tail)
            || pasted_after_request(&text[line.start..span.start], tail),
        tail: label_tail(tail),
        quoted: quoted(text, span),
        defined: list_item(&text[line.start..span.start]) && explained(tail),
    }
}

/// A quotation that runs at least this many bytes past a label or stamp opening it is a pasted
/// text.
pub const PASTED_QUOTE: usize = 40;

/// Quotation marks, straight and typographic.
pub const QUOTES: &[char] = &['"', '“', '”', '«', '»', '\'', '‘', '’'];

/// True when the label opens a quotation that a colon introduces and that runs on past it:
/// `översätt till lätt svenska: 'Konfidentiell – endast för mottagaren. Handlingen …'` quotes
/// the document itself, and the label heads it.
fn opens_pasted_quote(head: &str, tail: &str) -> bool {
    let Some(before) = head.trim_end().strip_suffix(QUOTES) else {
        return false;
    };
    before.trim_end().ends_with(':') && tail.find(QUOTES).is_none_or(|close| close > PASTED_QUOTE)
}

/// True when a short request and a colon open the line and the text pasted after it runs on
/// past the label: "renskriv: Minnesanteckningar från internt möte ledningsgruppen 12/3 - …",
/// "sammanfatta: INTERNT – …". The label heads the pasted text. Not after a question or an
/// example ("fråga:", "t.ex.:").
pub fn pasted_after_request(head: &str, tail: &str) -> bool {
    /// Longest request (bytes).
    const MAX_REQUEST: usize = 40;
    let Some(request) = head.trim().strip_suffix(':') else {
        return false;
    };
    if request.is_empty() || request.len() > MAX_REQUEST {
        return false;
    }
    let lower = request.to_lowercase();
    request.split_whitespace().count() <= 4
        && !request.contains(['.', '?', '!', ':', '"', '”', '\''])
        && ![
            "fråga", "exempel", "example", "question", "tips", "t.ex", "e.g",
        ]
        .iter()
        .any(|w| lower.contains(w))
        && tail.trim().len() >= PASTED_QUOTE / 2
}

/// A line head that opens a list item: a bullet or a list number.
fn list_item(head: &str) -> bool {
    let h = head.trim_start();
    ["• ", "· ", "- ", "* ", "– ", "+ "]
        .iter()
        .any(|b| h.starts_with(b))
        || h.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty()
                && n.len() <= 2
                && n.bytes().all(|b| b.is_ascii_digit())
                && rest.starts_with(' ')
        })
}

/// A tail that explains the word before it: a colon or a dash and then words.
fn explained(tail: &str) -> bool {
    let t = tail.trim_start_matches(['*', '_']).trim_start();
    let rest = t
        .strip_prefix(':')
        .or_else(|| t.strip_prefix('–'))
        .or_else(|| t.strip_prefix('—'))
        .or_else(|| t.strip_prefix(" -"))
        .or_else(|| t.strip_prefix('-'));
    rest.is_some_and(|r| {
        r.trim_start()
            .chars()
            .next()
            .is_some_and(char::is_alphabetic)
    })
}

/// `head` without decoration, e-mail subject prefixes (`SV:`, `Ämne:`) and intensifiers
/// (`STRICTLY`), from both ends.
pub fn strip_head<'t>(head: &'t str, prefixes: &[String]) -> &'t str {
    let mut head = strip_decoration(head);
    'strip: loop {
        for p in prefixes {
            let Some(first) = head.get(..p.len()) else {
                continue;
            };
            let rest = &head[p.len()..];
            let word_ends = p.ends_with(':') || rest.is_empty() || rest.starts_with(' ');
            // The first byte decides for most prefixes (Ä and ä share their lead byte).
            let may = first.as_bytes()[0].to_ascii_lowercase() == p.as_bytes()[0];
            if word_ends && may && first.to_lowercase() == *p {
                head = strip_decoration(rest);
                continue 'strip;
            }
        }
        return head;
    }
}

/// Tags a transcriber or an OCR program puts in brackets before what stood on the page.
const TRANSCRIPTION_TAGS: &[&str] = &[
    "stämpel",
    "stämpeln",
    "stamp",
    "sidhuvud",
    "header",
    "rubrik",
    "heading",
    "handskrivet",
    "handwritten",
    "överst",
    "top",
];

/// Removes list and Markdown decoration from a line head ("**", "# ", "- ", "[", "|", "1."),
/// and the slashes and rules that set off a footer or a banner ("/Konfidentiell – endast för
/// HR", "=== INTERNT ===").
pub fn strip_decoration(head: &str) -> &str {
    let head =
        head.trim_matches(|c: char| c.is_whitespace() || "*_#>-–—•·[|\"'(“”«»/=~".contains(c));
    // A transcriber's tag in brackets ("[STÄMPEL] HEMLIG", "[Sidhuvud:] Sekretess"): where the
    // stamp stood, not a word of the text.
    if let Some(tag) = head.strip_suffix(']')
        && TRANSCRIPTION_TAGS.contains(&tag.trim_end_matches(':').to_lowercase().as_str())
    {
        return "";
    }
    // A list number ("1.", "2)") is decoration too, a section number ("3.7") is not.
    match head.strip_suffix(['.', ')']) {
        Some(n) if !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) => "",
        _ => head,
    }
}

/// The rest of a line after a label that still makes it a label line.
pub fn label_tail(tail: &str) -> bool {
    if column_gap(tail) {
        // A column of a header: "Sekretess    Dnr SN 2025/311    Sida 1 (2)".
        return true;
    }
    if tail
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(char::is_alphabetic))
    {
        // A hyphenated compound: "Intern-utbildning", "Sekretess-frågor".
        return false;
    }
    let t = tail.trim_start();
    if t.starts_with([']', ')']) {
        // The label closes its bracket: "[INTERNT] Hej allihop", "(HEMLIG)".
        return true;
    }
    let t = t.trim_start_matches(['*', '_', '#', '"', '\'', '”', '»']);
    let trimmed = t.trim();
    trimmed.is_empty()
        || trimmed.starts_with([':', '–', '—', '-', '/', ',', '(', '|', '.', '[', ';', '!'])
        || trimmed.starts_with(char::is_numeric)
        || version(trimmed)
        || ["enligt", "enl.", "med stöd av"]
            .iter()
            .any(|p| starts_with_ignoring_case(trimmed, p))
        || restriction_tail(trimmed)
}

/// Longest restriction after a label without punctuation (words).
const MAX_RESTRICTION_WORDS: usize = 6;
/// … and in bytes (a long line is a sentence).
const MAX_RESTRICTION_BYTES: usize = 64;

/// A short negated restriction written after the label without a dash, as a hurried stamp
/// line is ("arbetsmaterial ej klart sprid inte", "internt får ej spridas", "utkast inte
/// för publicering", "draft do not share"): a negation opens it, it names what must not be
/// done with the text (spread, publish, share, quote) or that it is not finished, and the line
/// ends there without asking anything.
fn restriction_tail(tail: &str) -> bool {
    const OPENERS: &[&str] = &["ej", "inte", "icke", "får", "not", "do", "sprid"];
    const RESTRICTED: &[&str] = &[
        "sprid",
        "spridas",
        "spridning",
        "publiceras",
        "publicering",
        "delas",
        "dela",
        "citeras",
        "vidarebefordras",
        "klart",
        "färdigt",
        "fastställt",
        "fastställd",
        "beslutat",
        "beslutad",
        "share",
        "shared",
        "distribute",
        "distribution",
        "circulate",
        "circulation",
        "forward",
        "publication",
        "final",
    ];
    if tail.len() > MAX_RESTRICTION_BYTES
        || tail.contains(['?', '.', '!']) && !tail.trim_end().ends_with('!')
    {
        return false;
    }
    let lower = tail.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    (1..=MAX_RESTRICTION_WORDS).contains(&words.len())
        && OPENERS.contains(&words[0])
        && words
            .iter()
            .any(|w| ["ej", "inte", "icke", "not"].contains(w))
        && words.iter().any(|w| RESTRICTED.contains(w))
}

/// A tab or three spaces: the gap between the columns of a header or footer line.
fn column_gap(tail: &str) -> bool {
    tail.starts_with('\t') || tail.starts_with("   ")
}

/// The rest of a line after a label holds other fields of a document header: a column gap or a
/// bar and then a date, a diary number or a page number ("| IFO Vuxen | 2025-02-03",
/// "    Dnr SN 2025/311    Sida 1 (2)").
pub fn header_fields(tail: &str) -> bool {
    let t = tail.trim_end();
    let separated = column_gap(t) || t.trim_start().starts_with('|');
    separated && any_header_field(t)
}

/// One of the fields of `line` (split at bars, tabs and column gaps) is a date, a diary
/// number or a page number.
fn any_header_field(line: &str) -> bool {
    const KEYS: &[&str] = &[
        "dnr",
        "diarienr",
        "diarienummer",
        "sida",
        "page",
        "ärendenr",
    ];
    line.split(['|', '\t'])
        .flat_map(|f| f.split("   "))
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .any(|f| {
            let l = f.to_lowercase();
            let dated = f.bytes().filter(u8::is_ascii_digit).count() >= 4
                && f.contains(['-', '/'])
                && f.starts_with(|c: char| c.is_ascii_digit());
            dated || KEYS.iter().any(|k| l.starts_with(k))
        })
}

/// `text` starts with the lower-case `prefix`, ASCII letters in any case (no allocation: a
/// tail may be a long line).
fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// A version tag: `v0.4`, `v. 2`, `version 3`.
fn version(t: &str) -> bool {
    let head = &t.as_bytes()[..t.len().min(12)];
    let l = String::from_utf8_lossy(head).to_ascii_lowercase();
    let rest = l
        .strip_prefix("version")
        .or_else(|| l.strip_prefix("ver."))
        .or_else(|| l.strip_prefix("v."))
        .or_else(|| l.strip_prefix('v'));
    rest.is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Directly enclosed in quotes (`"HEMLIG"`, `'CONFIDENTIAL'`, `“Utkast”`): an example.
pub fn quoted(text: &str, span: &Range<usize>) -> bool {
    let opens = matches!(
        char_before(text, span.start),
        Some('"' | '\'' | '“' | '”' | '«' | '‘')
    );
    let closes = matches!(
        char_at(text, span.end),
        Some('"' | '\'' | '”' | '“' | '»' | '’')
    );
    opens && closes
}

/// Collects runs of single letters separated by single spaces (`H E M L I G`), word by word,
/// during the scanner's one walk over the words.
#[derive(Debug, Default)]
pub struct SpacedRuns {
    start: usize,
    last_end: usize,
    letters: usize,
    runs: Vec<Range<usize>>,
}

/// A spaced-out word has at least this many letters.
const MIN_SPACED: usize = 4;

/// Marks that may separate the letters of a spaced-out stamp besides spaces: `S-E-K-R-E-T-E-S-S`,
/// `H.E.M.L.I.G`, `S_E_K_R`.
const SPACER_MARKS: &[u8] = b"-._*";

/// True when `gap` (one to three bytes) separates the letters of a spaced-out stamp: spaces, or
/// one mark with spaces around it (`H E M`, `H-E-M`, `H - E - M`).
fn spacer(gap: &[u8]) -> bool {
    let marks = gap.iter().filter(|c| SPACER_MARKS.contains(c)).count();
    marks <= 1 && gap.iter().all(|&c| c == b' ' || SPACER_MARKS.contains(&c))
}

impl SpacedRuns {
    /// Takes the next word `start..end` of the lower-case text `b`.
    #[inline]
    pub fn word(&mut self, b: &[u8], start: usize, end: usize) {
        let single = match end - start {
            1 => b[start].is_ascii_alphabetic(),
            // Å, Ä, Ö, É … (two bytes, lead byte 0xC3).
            2 => b[start] == 0xC3,
            _ => false,
        };
        if !single {
            self.close();
            return;
        }
        let gap = start - self.last_end;
        if self.letters > 0 && (1..=3).contains(&gap) && spacer(&b[self.last_end..start]) {
            self.letters += 1;
        } else {
            self.close();
            self.start = start;
            self.letters = 1;
        }
        self.last_end = end;
    }

    fn close(&mut self) {
        if self.letters >= MIN_SPACED {
            self.runs.push(self.start..self.last_end);
        }
        self.letters = 0;
    }

    /// The runs found.
    pub fn finish(mut self) -> Vec<Range<usize>> {
        self.close();
        self.runs
    }
}

/// The letters of a spaced-out run, lower case, with a space where the run had two or more
/// (`B E G R Ä N S A T  H E M L I G` → `begränsat hemlig`); marks between letters are dropped.
pub fn collapse(lower: &str, run: &Range<usize>) -> String {
    let mut out = String::with_capacity(run.len() / 2 + 2);
    let (mut spaces, mut marked) = (0, false);
    for c in lower[run.clone()].chars() {
        if c.is_ascii() && SPACER_MARKS.contains(&(c as u8)) {
            marked = true;
            continue;
        }
        if c == ' ' {
            spaces += 1;
            continue;
        }
        // "h . e" is one word: spaces around a mark are not a word break.
        if spaces >= 2 && !marked && !out.is_empty() {
            out.push(' ');
        }
        (spaces, marked) = (0, false);
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes() -> Vec<String> {
        ["sv:", "ämne:", "subject:", "strictly"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn place_of(text: &str, word: &str) -> Place {
        let at = text.find(word).unwrap_or(0);
        place(text, &(at..at + word.len()), &prefixes())
    }

    #[test]
    fn heads_tails_and_brackets() {
        assert!(place_of("SV: KONFIDENTIELLT – anbud", "KONFIDENTIELLT").is_label());
        assert!(place_of("Ämne: [INTERNT] budget", "INTERNT").is_label());
        assert!(place_of("STRICTLY CONFIDENTIAL – NOT", "CONFIDENTIAL").is_label());
        assert!(
            place_of(
                "Internt arbetsmaterial v0.4 | Komm",
                "Internt arbetsmaterial"
            )
            .is_label()
        );
        assert!(place_of("1. HEMLIG", "HEMLIG").is_label());
        assert!(!place_of("• Internt material: sådant som", "Internt material").is_label());
        assert!(!place_of("- Utkast – dokument som inte", "Utkast").is_label());
        assert!(place_of("- UTKAST -", "UTKAST").is_label());
        assert!(!place_of("3.7 Sekretess", "Sekretess").is_label());
        assert!(!place_of("Preliminärt bokslut 2024: Västerby", "Preliminärt").is_label());
        assert!(!place_of("skriv ett utkast till", "utkast").is_label());
        assert!(place_of("Märk med \"HEMLIG\" överst", "HEMLIG").quoted);
    }

    #[test]
    fn a_short_negated_restriction_is_a_label_tail() {
        assert!(place_of("utkast inte klart sprid ej\nText", "utkast").is_label());
        assert!(place_of("internt får inte spridas", "internt").is_label());
        assert!(place_of("draft do not share", "draft").is_label());
        // A sentence, a question or a restriction that is not one.
        assert!(
            !place_of(
                "utkast ej klart. Kan du sprida det till alla i laget",
                "utkast"
            )
            .is_label()
        );
        assert!(!place_of("utkast ska inte spridas?", "utkast").is_label());
        assert!(!place_of("internt inte så mycket att säga", "internt").is_label());
        assert!(!place_of("utkast får vi dela med alla", "utkast").is_label());
    }

    #[test]
    fn spaced_letters_are_collected_and_collapsed() {
        let text = "h e m l i g\n\nen a b text b e g r ä n s a t  h e m l i g";
        let mut runs = SpacedRuns::default();
        super::super::keywords::for_each_word(text, |s, e| runs.word(text.as_bytes(), s, e));
        let runs = runs.finish();
        let words: Vec<String> = runs.iter().map(|r| collapse(text, r)).collect();
        assert_eq!(words, vec!["hemlig", "begränsat hemlig"]);
    }

    #[test]
    fn letters_may_be_separated_by_one_mark() {
        let text = "s-e-k-r-e-t-e-s-s\nh . e . m . l . i . g\nt-ex a--b--c--d";
        let mut runs = SpacedRuns::default();
        super::super::keywords::for_each_word(text, |s, e| runs.word(text.as_bytes(), s, e));
        let runs = runs.finish();
        let words: Vec<String> = runs.iter().map(|r| collapse(text, r)).collect();
        assert_eq!(words, vec!["sekretess", "hemlig"]);
    }
}
