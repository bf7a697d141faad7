//! Property tests of the scanner (proptest).
//!
//! * Offsets always lie on character boundaries of the input, whatever the input.
//! * Notes about people built from names, numbers, pronouns, roles, sensitive words and line
//!   breaks scan without a panic (the linkage reads sentences, lines and table rows).
//! * Disguising a valid number never hides it: other-script digits (fullwidth, Arabic-Indic,
//!   Devanagari, mathematical), zero-width characters, soft hyphens and typographic dashes and
//!   spaces inside a Skatteverket test number still give a finding covering exactly the disguised
//!   number.

use std::sync::LazyLock;

use proptest::prelude::*;
use sluss::detect::{Date, Detectors, Kind};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

static PINS: LazyLock<Vec<String>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("data/personnummer-meta/allPins.json")).unwrap_or_default()
});

static COORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("data/personnummer-meta/allCoords.json")).unwrap_or_default()
});

/// Pieces of realistic and hostile text.
const PIECES: &[&str] = &[
    "Sökande ",
    "850101-2382",
    "19850101-2382",
    "8501012382",
    "070-123 45 67",
    "+46 70 123 45 67",
    " har ",
    "diabetes",
    "HEMLIG\n",
    "Sekretess: ",
    "26 kap. 1 § OSL",
    "Leyla Hassan",
    "Leyla, 16 år",
    "anna.svensson@kommun.se",
    "Storgatan 12 B",
    "SE45 5000 0000 0583 9825 7466",
    "\u{200B}",
    "\u{AD}",
    "８",
    "٣",
    "é",
    "e\u{301}",
    "“",
    "”",
    "–",
    "\u{A0}",
    "\u{FEFF}",
    "𝟖",
    "①",
    "ﬁ",
    "İ",
    "ß",
    "\n",
    "\t",
    "  ",
    "<b>",
    "**",
    "§",
    "…",
    "×",
    "日本",
    "🙂",
    "\u{202E}",
    "\r\n",
];

/// Pieces of notes about people: names, numbers (one wrapped at a line break), pronouns,
/// roles, sensitive words and the punctuation that ends sentences, lines and table cells.
const NOTE_PIECES: &[&str] = &[
    "Jag skriver om ",
    "811218-\n9876",
    "850101-2382",
    " som ",
    "har diabetes",
    "sjukskriven för utmattning",
    "orosanmälan",
    "missbruk",
    ". ",
    ", ",
    "\n",
    "\n\n",
    "\t",
    ";",
    "Hon ",
    "han ",
    "Anna Ek",
    "leo",
    "Leo",
    " i 5B",
    "Elev: ",
    "brukaren ",
    "mvh\n",
    "Hej ",
    "Det gäller ",
    "\"Bengan\" ",
    "(",
    ")",
    "föreläser om ",
    "enligt ",
    "säger ",
    "Storgatan 12 B",
    "070-123 45 67",
];

fn note_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(NOTE_PIECES), 0..40).prop_map(|v| v.concat())
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

/// Digits of other scripts, by value: fullwidth, Arabic-Indic, Extended Arabic-Indic,
/// Devanagari, mathematical bold.
const DIGIT_ZEROS: &[u32] = &[0xFF10, 0x0660, 0x06F0, 0x0966, 0x1D7CE];
/// Invisible characters that must be ignored.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
];
/// Dash variants.
const DASHES: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{FE63}',
    '\u{FF0D}',
];

#[derive(Debug, Clone)]
struct Disguise {
    number: usize,
    coordination: bool,
    form: usize,
    digit_script: Vec<Option<usize>>,
    invisible: Vec<Option<usize>>,
    dash: usize,
}

fn disguise() -> impl Strategy<Value = Disguise> {
    (
        0usize..100_000,
        any::<bool>(),
        0usize..3,
        proptest::collection::vec(proptest::option::of(0..DIGIT_ZEROS.len()), 12),
        proptest::collection::vec(proptest::option::weighted(0.25, 0..INVISIBLE.len()), 13),
        0..DASHES.len(),
    )
        .prop_map(
            |(number, coordination, form, digit_script, invisible, dash)| Disguise {
                number,
                coordination,
                form,
                digit_script,
                invisible,
                dash,
            },
        )
}

/// Writes a test number in a plain form, then disguises it.
fn render(d: &Disguise) -> (String, Kind) {
    let (list, kind) = if d.coordination {
        (&*COORDS, Kind::Samordningsnummer)
    } else {
        (&*PINS, Kind::Personnummer)
    };
    let twelve = &list[d.number % list.len()];
    let year: i32 = twelve[..4].parse().unwrap_or(0);
    let plus = TODAY.year - year >= 100;
    let plain = match d.form {
        0 => format!(
            "{}{}{}",
            &twelve[2..8],
            if plus { '+' } else { DASHES[d.dash] },
            &twelve[8..]
        ),
        1 => format!("{}{}{}", &twelve[..8], DASHES[d.dash], &twelve[8..]),
        _ => twelve.clone(),
    };
    let mut out = String::new();
    let chars: Vec<char> = plain.chars().collect();
    let mut digit_index = 0;
    for (i, c) in chars.iter().enumerate() {
        if i > 0
            && let Some(Some(inv)) = d.invisible.get(i % 13)
        {
            out.push(INVISIBLE[*inv]);
        }
        match c.to_digit(10) {
            Some(v) => {
                let script = d.digit_script.get(digit_index % 12).copied().flatten();
                digit_index += 1;
                match script.and_then(|s| char::from_u32(DIGIT_ZEROS[s] + v)) {
                    Some(other) => out.push(other),
                    None => out.push(*c),
                }
            }
            None => out.push(*c),
        }
    }
    (out, kind)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_lie_on_character_boundaries(text in hostile_text()) {
        for f in DETECTORS.scan_on(&text, TODAY) {
            prop_assert!(f.span.start < f.span.end, "{f:?}");
            prop_assert!(f.span.end <= text.len(), "{f:?}");
            prop_assert!(text.is_char_boundary(f.span.start), "{f:?} in {text:?}");
            prop_assert!(text.is_char_boundary(f.span.end), "{f:?} in {text:?}");
        }
    }

    #[test]
    fn notes_about_people_scan_without_panicking(text in note_text()) {
        for f in DETECTORS.scan_on(&text, TODAY) {
            prop_assert!(f.span.start < f.span.end && f.span.end <= text.len(), "{f:?}");
        }
    }

    #[test]
    fn disguises_never_hide_a_valid_number(d in disguise(), prefix in "(Sökande |pnr: |Personen |)", suffix in "( har ringt.|, tack.|)") {
        let (number, kind) = render(&d);
        let text = format!("{prefix}{number}{suffix}");
        let span = prefix.len()..prefix.len() + number.len();
        let findings = DETECTORS.scan_on(&text, TODAY);
        prop_assert!(
            findings.iter().any(|f| f.kind == kind && f.span == span),
            "{kind} not found at {span:?} in {text:?}: {findings:?}"
        );
    }
}
