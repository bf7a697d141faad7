//! Person names: given names from SCB statistics, with guards for names that are also words.
//!
//! A name identifies a person (SPEC.md) as a full name ("Leyla Hassan"), or as a first name
//! with an age ("Leyla, 16 år"), a school class ("Leyla i 7B") or a role word ("eleven Leyla").
//! A lone first name is reported with low confidence. Names that are also ordinary words (Bo,
//! Per, Hans, Stig …) need a surname or a role word (research/swedish-detection.md §6).

use super::context::Context;
use super::finding::{Confidence, Finding, Kind};
use super::normalize::Normalized;
use super::text::{clause_around, is_word_char, trailing_run_start};
use crate::patterns::NameLists;

/// Surname endings (research §6, FRALLAN76 heuristics).
const SURNAME_ENDINGS: &[&str] = &[
    "sson", "son", "sen", "berg", "ström", "lund", "dahl", "dal", "gren", "qvist", "quist",
    "kvist", "mark", "vall", "holm", "blad", "bäck", "borg", "stedt", "felt", "feldt", "ling",
    "löf", "löv", "ius", "ér", "én", "sköld", "stam", "hed", "lin", "lander", "ander",
];

/// Capitalised words that end like surnames but are not.
const NOT_SURNAMES: &[&str] = &["Person", "Personen", "Reason", "Season", "Design", "Region"];

/// Endings of a place named after a person, written as one word ("Selma Lagerlöfskolan",
/// "Olof Palmegatan"): such a word after a given name is no surname.
const PLACE_COMPOUND_ENDINGS: &[&str] = &[
    "skolan",
    "gymnasiet",
    "förskolan",
    "gatan",
    "vägen",
    "torget",
    "parken",
    "hallen",
    "biblioteket",
    "kyrkan",
    "sjukhuset",
    "plan",
    "platsen",
];

/// Longest gap (bytes) between a role word and the name after it.
const ROLE_GAP: usize = 3;

#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
}

/// Finds person names among the capitalised words (`words`, byte ranges in order) of the
/// normalised view.
pub fn find(
    view: &Normalized<'_>,
    lists: &NameLists,
    context: &Context<'_>,
    words: &[std::ops::Range<usize>],
    out: &mut Vec<Finding>,
) {
    let text = view.text();
    let tokens = join_hyphenated(text, words);
    // Where sensitive words start, for first names in the genitive that own one; gathered at
    // the first such name (most texts have none).
    let mut sensitive: Option<Vec<usize>> = None;
    // The last words of the full names found so far, for a surname alone after them.
    let mut surnames = Surnames::default();
    let mut k = 0;
    while k < tokens.len() {
        let token = tokens[k];
        let word = &text[token.start..token.end];
        if named_place(view.lower(), lists, &tokens, k) {
            k = skip_place(text, &tokens, k);
            continue;
        }
        if let Some(end) = inverted_name(text, lists, &tokens, k) {
            // "Användare: Öberg, Lars – IT-enheten": a field's value, surname first.
            out.push(Finding::new(
                Kind::PersonName,
                "name.full",
                token.start..end,
                Confidence::Medium,
            ));
            k += 2;
            continue;
        }
        // "Lillen", "Bullen": a nickname that is a word is read as a nickname, not a given name.
        let word_nickname = lists.is_nickname(word) && lists.is_ambiguous(word);
        if !is_given(lists, word) || word_nickname {
            if let Some(confidence) =
                genitive_given(text, lists, context, word, token, (&mut sensitive, out))
            {
                // "Annas pappa har cancer", "Ahmeds sjukskrivning": a first name in the
                // genitive owns what follows it.
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.genitive",
                    token.start..token.end,
                    confidence,
                ));
                k += 1;
                continue;
            }
            // A nickname in quotes with a place of one person after it ("”Lillen” på daglig
            // verksamhet Verkstaden", "\"Bengan\" in room 14").
            // So is one that a naming verb gives ("han som alla kallar ”Sotarn”", "known as
            // \"Bullen\"").
            // Unquoted, a naming verb gives a nickname when a person is the one named
            // ("killen de kallar Bullen", "the guy everyone calls Bullen"), and a workplace
            // one that is a known nickname ("Bullen på brandstation Norra").
            let named =
                context.nickname_verb_before(token.start) && named_by_verb(text, token.start);
            if ((quoted(text, token)
                && (has_place(view, token)
                    || named
                    || unit_after(view.lower(), token, lists.is_nickname(word))))
                || (named && person_named(view.lower(), &lists.roles, token.start))
                || (word_nickname && has_place(view, token))
                // In single quotes, a named workplace or a known nickname's unit.
                || (single_quoted(text, token)
                    && (has_place(view, token)
                        || (lists.is_nickname(word) && unit_after(view.lower(), token, true)))))
                && plausible_name(word)
                && !names_a_thing(view.lower(), token.start)
            {
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.nickname",
                    token.start..token.end,
                    Confidence::Medium,
                ));
                k += 1;
                continue;
            }
            // A surname alone after the full name, as minutes and news refer to a person
            // ("§ 34 … – Gösta Lindahl\nLindahl har …", "Lindahls ansökan").
            if surnames.update(text, out).refers(word, token.start) && plausible_name(word) {
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.surname",
                    token.start..token.end,
                    Confidence::Medium,
                ));
                k += 1;
                continue;
            }
            // A name not in the lists right after a role word is still a person ("eleven
            // Áile Kuhmunen", "patienten Nguyen"), and so is one with a role in parentheses
            // after it ("Ros (mamma till …)").
            let role = role_right_before(text, context, token.start)
                || role_after(context, text, token)
                || family_name(text, token)
                || (class_right_after(view.lower(), token) && name_shaped(word));
            // A name not in the lists before a listed surname ("Nhung Nguyen", "Ánde Labba"),
            // unless the word is a role before a full name ("Brukare Ahmed Yusuf": the name
            // is the two words after it).
            let role_before_full_name = || {
                k + 2 < tokens.len()
                    && context.role_before(token.end, token.end - token.start)
                    && adjacent(text, tokens[k + 1], tokens[k + 2])
                    && lists.is_given(&as_written(&text[tokens[k + 1].start..tokens[k + 1].end]))
                    && surname_like(lists, &text[tokens[k + 2].start..tokens[k + 2].end], false)
            };
            let before_surname = k + 1 < tokens.len()
                && adjacent(text, tokens[k], tokens[k + 1])
                && lists.is_surname(&as_written(&text[tokens[k + 1].start..tokens[k + 1].end]))
                && !FUNCTION_WORDS.contains(&word)
                && !role_before_full_name();
            // A greeting or a pronoun after a role word is no name ("svar till mamman: Hej!",
            // "till pappan: Vi har …").
            if (role || before_surname)
                && plausible_name(word)
                && !title(text, token.end)
                && !not_a_name(lists, &word.to_lowercase())
            {
                let mut end = token.end;
                if k + 1 < tokens.len()
                    && adjacent(text, tokens[k], tokens[k + 1])
                    && plausible_name(&text[tokens[k + 1].start..tokens[k + 1].end])
                {
                    end = tokens[k + 1].end;
                    k += 1;
                }
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.role",
                    token.start..end,
                    Confidence::Medium,
                ));
            }
            k += 1;
            continue;
        }
        // "Selma Lagerlöfskolan", "Olof Palmegatan": a place named after a person, one word.
        if k + 1 < tokens.len()
            && adjacent(text, tokens[k], tokens[k + 1])
            && place_compound(&text[tokens[k + 1].start..tokens[k + 1].end])
        {
            k += 2;
            continue;
        }
        let ambiguous = lists.is_ambiguous(&as_written(word));
        // Full name: the given name followed directly by one or two surname-like words.
        let mut last = k;
        while last + 1 < tokens.len()
            && last - k < 2
            && adjacent(text, tokens[last], tokens[last + 1])
            && surname_like(
                lists,
                &text[tokens[last + 1].start..tokens[last + 1].end],
                ambiguous,
            )
        {
            last += 1;
        }
        // "Per-Olof \"Pelle\" Granström": a nickname in quotes between given name and surname.
        if last == k && nickname_between(text, &tokens, k, lists, ambiguous) {
            last = k + 2;
        }
        // "Nils Ferlin-gymnasiet", "Astrid Lindgren-skolan": a place named after a person,
        // joined to its head with a hyphen.
        if hyphen_place(&text[tokens[last].end..]) {
            k = last + 1;
            continue;
        }
        // "Ibrahim S: Autismdiagnos …", "Vera M. har hög frånvaro": a given name with its
        // surname's initial is one person.
        if last == k
            && !ambiguous
            && !super::text::is_upper_word(word)
            && let Some(end) = surname_initial(text, token.end)
        {
            out.push(Finding::new(
                Kind::PersonName,
                "name.surname_initial",
                token.start..end,
                Confidence::Medium,
            ));
            k += 1;
            while k < tokens.len() && tokens[k].start < end {
                k += 1;
            }
            continue;
        }
        let shouted = super::text::is_upper_word(word);
        if last == k
            && (shouted || after_day_number(text, token.start) || english_question(text, token))
        {
            // "IVO", "KOL": capitals alone are acronyms; "12 May" is a date; "Can you …" asks.
            k += 1;
            continue;
        }
        let (rule, confidence, end) = if last > k {
            let confidence = if ambiguous {
                Confidence::Medium
            } else {
                Confidence::High
            };
            ("name.full", confidence, tokens[last].end)
        } else if role_right_before(text, context, token.start) || role_after(context, text, token)
        {
            ("name.role", Confidence::Medium, token.end)
        } else if ambiguous
            && !((mid_sentence(text, token.start) && placed(view, token))
                || has_class(view.text(), view.lower(), token)
                || english_workplace(view, token))
        {
            // "Ville", "Maj": a word as often as a name, unless written mid-sentence with an
            // age, a class or a room after it ("en elev, Ville i 8A"), or anywhere with a
            // school class ("Saga i 6A har inte varit i skolan").
            k += 1;
            continue;
        } else if has_age(text, token) {
            ("name.age", Confidence::Medium, token.end)
        } else if has_class(view.text(), view.lower(), token) {
            ("name.class", Confidence::Medium, token.end)
        } else if has_place(view, token) {
            ("name.place", Confidence::Medium, token.end)
        } else {
            ("name.given", Confidence::Low, token.end)
        };
        let span = token.start..end;
        out.push(Finding::new(
            Kind::PersonName,
            rule,
            span.clone(),
            confidence,
        ));
        k = last + 1;
    }
}

/// Capitalised prepositions and conjunctions that open a line or a sentence before a name
/// ("Till Ahmed Yusuf, Björkvägen 7B", "Från Omar Ali"): never a name themselves.
const FUNCTION_WORDS: &[&str] = &[
    "Till",
    "Från",
    "Med",
    "Och",
    "För",
    "Om",
    "Av",
    "Hos",
    "Åt",
    "Enligt",
    "Angående",
    "Ang",
    "Mellan",
    "To",
    "From",
    "With",
    "And",
    "For",
    "By",
    "Dear",
    "Re",
];

/// A given name that is an English auxiliary verb, asking: "Can you shorten …", "May I ask …",
/// "Will it rain …". The name itself is written with its surname or role ("Can Yilmaz").
fn english_question(text: &str, token: Token) -> bool {
    matches!(&text[token.start..token.end], "Can" | "May" | "Will")
        && text[token.end..].strip_prefix(' ').is_some_and(|rest| {
            let next = rest
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            matches!(
                next,
                "you"
                    | "I"
                    | "we"
                    | "he"
                    | "she"
                    | "it"
                    | "they"
                    | "this"
                    | "that"
                    | "someone"
                    | "anyone"
                    | "somebody"
                    | "anybody"
                    | "there"
                    | "one"
                    | "the"
                    | "a"
                    | "an"
                    | "my"
                    | "our"
                    | "your"
            )
        })
}

/// Stems of things that get names in quotes too: projects, programmes, groups, systems.
const NAMED_THINGS: &[&str] = &[
    "projekt",
    "program",
    "system",
    "app",
    "satsning",
    "grupp",
    "team",
    "kampanj",
    "modell",
    "metod",
    "verktyg",
    "dokument",
    "mapp",
    "fil",
    "enhet",
    "avdelning",
    "boende",
    "hus",
    "project",
    "programme",
    "group",
    "campaign",
    "model",
    "method",
    "tool",
    "unit",
    "ward",
    "house",
    "folder",
    "file",
    // Works get titles in quotes too ("boken kallad ”Ensam”", "the film called \"Home\"").
    "bok",
    "film",
    "serie",
    "pjäs",
    "roman",
    "låt",
    "dikt",
    "kurs",
    "book",
    "series",
    "novel",
    "song",
    "play",
    "course",
];

/// True when one of the three words before `at` on its line is a thing that gets a name in
/// quotes ("döpte projektet till ”Fenix”", "the app \"Kompis\""), not a person.
fn names_a_thing(lower: &str, at: usize) -> bool {
    let from = super::text::floor_boundary(lower, at.saturating_sub(64));
    let line = lower[from..at].rsplit('\n').next().unwrap_or("");
    let mut words = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    // A word written, stamped or printed ("skriver ”Konfidentiellt” i sidfoten", "stämplat
    // \"Hemligt\"", "ordet ”Internt”") is a text quoted, nobody called by it.
    let first = words.next();
    first.is_some_and(|w| WRITING.contains(&w))
        || first
            .into_iter()
            .chain(words.take(2))
            .any(|w| NAMED_THINGS.iter().any(|t| w.starts_with(t)))
}

/// Verbs of writing and stamping, and nouns of words and stamps, that quote a text.
const WRITING: &[&str] = &[
    "skriver",
    "skrev",
    "skrivit",
    "skriva",
    "stämplar",
    "stämplade",
    "stämplat",
    "stämpla",
    "märker",
    "märkte",
    "märkt",
    "märkta",
    "märka",
    "trycker",
    "tryckt",
    "ordet",
    "orden",
    "texten",
    "stämpeln",
    "rubriken",
    "writes",
    "wrote",
    "written",
    "stamped",
    "stamps",
    "marked",
    "word",
    "label",
    "labelled",
    "labeled",
    "heading",
];

/// True when a naming verb ends right before the quotation mark that opens the word at `at`
/// ("alla kallar ”Sotarn”", "kallad för \"Järnet\"", "known as \"Bullen\""): the quoted word
/// is what someone is called.
pub(crate) fn named_by_verb(text: &str, at: usize) -> bool {
    const VERBS: &[&str] = &[
        "kalla",
        "kallar",
        "kallas",
        "kallad",
        "kallade",
        "kallat",
        "called",
        "calls",
        "call",
        "nicknamed",
        "alias",
        "aka",
    ];
    // Read back word by word on bytes, without allocating: this runs for every capitalised
    // word that is no listed name.
    let is = |w: &str, list: &[&str]| list.iter().any(|v| v.eq_ignore_ascii_case(w));
    let head = text[..at].trim_end_matches(['"', '”', '“']);
    let (start, mut last) = word_back(head, head.len());
    let mut start = start;
    // The one named may stand between ("kallar honom Lillen", "they call her \"Pysen\"").
    if is(last, &["honom", "henne", "hen", "him", "her"]) {
        (start, last) = word_back(head, start);
    }
    if is(last, VERBS) {
        return true;
    }
    let before = || word_back(head, start).1;
    (matches!(last, "för" | "För") && is(before(), VERBS))
        || (is(last, &["as"]) && is(before(), &["known"]))
}

/// The word that ends at or before `end` in `text` (after separators) and where it starts:
/// ASCII letters and digits and every non-ASCII byte make words; at most a few separators are
/// skipped.
fn word_back(text: &str, end: usize) -> (usize, &str) {
    let bytes = text.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    let mut e = end;
    while e > 0 && !word_byte(bytes[e - 1]) && end - e < 4 {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && word_byte(bytes[s - 1]) && e - s < 24 {
        s -= 1;
    }
    // A word longer than any verb read here: cut at a character boundary.
    while !text.is_char_boundary(s) {
        s += 1;
    }
    (s, &text[s..e])
}

/// Words for a person, someone unnamed whom a naming verb after them names.
const PERSON_NOUNS: &[&str] = &[
    "killen", "tjejen", "mannen", "kvinnan", "pojken", "flickan", "grabben", "snubben", "typen",
    "gubben", "tanten", "kille", "tjej", "man", "kvinna", "pojke", "flicka", "han", "hon", "honom",
    "henne", "guy", "woman", "boy", "girl", "lad", "he", "she", "him", "her", "someone",
    "somebody",
];

/// True when a word for a person is among the naming verb that ends right before `at`, the
/// one named after it and the words before it (five in all: "killen de kallar …", "a guy
/// everyone calls …"), or, further back (eight words), a person noun whose relative clause the
/// naming verb is in ("Killen i 8B på Ekskolan som alla kallar …", "en deltagare som alla
/// kallar …": also the nouns of a person concerned in `roles`); within its sentence.
fn person_named(lower: &str, roles: &crate::patterns::Roles, at: usize) -> bool {
    let from = super::text::floor_boundary(lower, at.saturating_sub(80));
    let line = &lower[from..at];
    let line = line.rsplit(['\n', '.', '!', '?']).next().unwrap_or(line);
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(8)
        .collect();
    if words.iter().take(5).any(|w| PERSON_NOUNS.contains(w)) {
        return true;
    }
    // The relative pronoun within the three words before the verb, the person noun (no
    // pronoun) before it.
    let Some(rel) = words
        .iter()
        .take(4)
        .position(|w| matches!(*w, "som" | "who" | "whom"))
    else {
        return false;
    };
    words[rel + 1..].iter().any(|w| {
        (PERSON_NOUNS.contains(w) && !PRONOUNS_NAMED.contains(w))
            || roles.concerned.contains(*w)
            || (roles.generic.contains(*w) && w.len() > 3 && !roles.articles.contains(*w))
            // a trade ("en förare som alla kallar Plog-Pelle", "städaren som de kallar …")
            || agent_noun(w)
            || w.strip_suffix('n').is_some_and(agent_noun)
    })
}

/// The pronouns of [`PERSON_NOUNS`]: named only from close by.
const PRONOUNS_NAMED: &[&str] = &["han", "hon", "honom", "henne", "he", "she", "him", "her"];

/// How far (bytes) after a full name its surname alone still refers to it.
const SURNAME_REACH: usize = 4096;

/// The last words of the full names found so far, with where they end, read from the findings
/// once each.
#[derive(Default)]
struct Surnames<'t> {
    /// Findings read so far.
    read: usize,
    ends: std::collections::HashMap<&'t str, usize>,
    /// A bit per [`sketch`] of the words in `ends`: most words miss here, unhashed.
    bloom: u64,
}

/// A cheap 6-bit digest of a word: its length and its first and last bytes.
fn sketch(word: &str) -> u64 {
    let b = word.as_bytes();
    let (first, last) = (
        b.first().copied().unwrap_or(0),
        b.last().copied().unwrap_or(0),
    );
    1 << ((b.len() as u64 * 31 + u64::from(first) + u64::from(last) * 7) % 64)
}

impl<'t> Surnames<'t> {
    /// Reads the findings added since the last call.
    fn update(&mut self, text: &'t str, found: &[Finding]) -> &Self {
        for f in &found[self.read.min(found.len())..] {
            if f.kind == Kind::PersonName
                && let Some((_, last)) = text[f.span.clone()].rsplit_once(' ')
                // Two letters are a surname too ("Tomas Ek … Ek har dömts").
                && last.len() >= 2
            {
                self.ends.insert(last, f.span.end);
                self.bloom |= sketch(last);
            }
        }
        self.read = found.len();
        self
    }

    /// True when `word` at `at` (or it without a genitive s) is the last word of a full name
    /// found shortly before.
    fn refers(&self, word: &str, at: usize) -> bool {
        let base = word.strip_suffix('s').unwrap_or(word);
        [word, base].iter().any(|w| {
            self.bloom & sketch(w) != 0
                && self
                    .ends
                    .get(w)
                    .is_some_and(|&end| end <= at && at - end <= SURNAME_REACH)
        })
    }
}

/// True when the word at `token` stands alone in quotes (`"Bengan"`, `”Lillen”`).
fn quoted(text: &str, token: Token) -> bool {
    let open = text[..token.start].chars().next_back();
    let close = text[token.end..].chars().next();
    matches!(open, Some('"' | '”' | '“')) && matches!(close, Some('"' | '”'))
}

/// True when the word at `token` stands in single quotes, which also quote titles and sayings
/// ("'Lillen' på nattpatrullen", "'Bamse' at the depot"): the opening one at a word's start, a
/// place preposition right after the closing one.
fn single_quoted(text: &str, token: Token) -> bool {
    let open = text[..token.start].chars().next_back();
    let Some(close @ ('\'' | '’')) = text[token.end..].chars().next() else {
        return false;
    };
    let after = &text[token.end + close.len_utf8()..];
    // A short aside before the place ("'Prästen' (ni vet vem) i rum 11").
    let after = super::text::after_aside(after);
    matches!(open, Some('\'' | '‘' | '’'))
        && text[..token.start]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| !c.is_alphanumeric())
        && [" på ", " i ", " at ", " in "]
            .iter()
            .any(|p| after.starts_with(p))
}

/// True when the word ending at `end` is a title abbreviation before a name ("our colleague
/// Dr. Nasrin Karimi", "kollegan Prof. Ek"): the name follows the title, the title is none.
fn title(text: &str, end: usize) -> bool {
    const TITLES: &[&str] = &[
        "dr", "prof", "doc", "mr", "mrs", "ms", "mx", "fr", "hr", "st",
    ];
    let start = trailing_run_start(&text[..end], char::is_alphanumeric);
    text[end..].starts_with('.') && TITLES.contains(&text[start..end].to_lowercase().as_str())
}

/// How many sentences [`uncapitalised`] reads.
const SENTENCES_READ: usize = 16;

/// True when more of the first sentences of `text` start with a lower-case letter than with a
/// capital: a text written without capitals (hurried chat), where names are in lower case too.
/// A sentence
/// starts at the text's start and after a line break, `.`, `!` or `?`; one starting with a digit
/// or anything else but a letter (after spaces, dashes and bullets) does not count; the first
/// [`SENTENCES_READ`] that count decide, and a tie goes to the first of them.
pub fn uncapitalised(text: &str) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    let mut first_lower = None;
    // The first sentences tell how the writer writes; a long text is not read to its end.
    for start in sentence_starts(text) {
        if lower + upper == SENTENCES_READ {
            break;
        }
        let rest = text[start..].trim_start_matches([' ', '\t', '\r', '-', '*', '•', '"', '(']);
        match rest.chars().next() {
            Some(c) if c.is_lowercase() => lower += 1,
            Some(c) if c.is_uppercase() => upper += 1,
            _ => continue,
        }
        first_lower.get_or_insert(lower == 1);
    }
    // A tie goes to how the text starts ("behöver skriva en anmälan, jonny … Vad ska stå?").
    lower > upper || (lower == upper && first_lower == Some(true))
}

/// Ordinary words that are a listed given name and an "s" ("this" of Thi, "klass" of Klas,
/// "minnas" of Minna): never a name's genitive in a text without capitals. The given names (not
/// also words) whose lower-case genitive is a word of Zipf frequency 3.5 or more in English or
/// Swedish (wordfreq), names of persons and places apart.
const WORDS_LIKE_GENITIVES: &[&str] = &[
    "this", "thus", "class", "klass", "minnas", "allies", "jeans", "marines", "bosses", "kinas",
    "alas", "sans", "alias",
];

/// The starts of a lower-case full name that is the value of a person's field in a text
/// otherwise written with capitals ("Användare: sara nyström (kort 004411)", "Elev: leo
/// virtanen"): the key is a record label ([`Roles::record`](crate::patterns::names::Roles)) at
/// the head of its line, and the value a listed given name and a listed surname. The scanner
/// writes them with capitals, as [`lower_case_names`] does for a text without any.
pub fn lower_case_field_names(text: &str, lower: &str, lists: &NameLists) -> Vec<usize> {
    let mut starts = Vec::new();
    for colon in memchr::memchr_iter(b':', lower.as_bytes()) {
        // The key heads its line, within a few bytes: never a walk back over a long line
        // (a chat body in JSON is one line full of colons).
        let from = super::text::floor_boundary(lower, colon.saturating_sub(32));
        let window = &lower[from..colon];
        let head = match window.rfind('\n') {
            Some(i) => &window[i + 1..],
            None if from == 0 => window,
            None => continue,
        };
        let key = head
            .trim_start_matches(['-', '*', '•', ' ', '\t'])
            .trim_end();
        if key.is_empty() || key.len() > 24 || !lists.roles.record.contains(key) {
            continue;
        }
        let value = colon
            + 1
            + (lower[colon + 1..].len() - lower[colon + 1..].trim_start_matches(' ').len());
        let mut words = lower[value..]
            .split(|c: char| !c.is_alphabetic() && c != '-')
            .take(2);
        let (Some(given), Some(surname)) = (words.next(), words.next()) else {
            continue;
        };
        let surname_at = value + given.len() + 1;
        // Written in lower case in the text itself, not only in its lower-case twin.
        let lower_case =
            |at: usize, w: &str| !w.is_empty() && text.get(at..).is_some_and(|t| t.starts_with(w));
        if lower.as_bytes().get(value + given.len()) == Some(&b' ')
            && lower_case(value, given)
            && lower_case(surname_at, surname)
            && lists.is_given(&title_case(given))
            && lists.is_surname(&title_case(surname))
        {
            starts.extend([value, surname_at]);
        }
    }
    starts
}

/// The starts of the lower-case words of `text` (its lower-case twin is `lower`) that a text
/// written without capitals holds as names: a listed given name that is no ordinary word
/// ([`NameLists::is_lower_case_name`]), also in the genitive ("annas mamma"), and a listed
/// surname right after one ("ahmed hussein"). The scanner writes them with capitals, so that the
/// rules for capitalised names read them as the writer meant them.
pub fn lower_case_names(text: &str, lower: &str, lists: &NameLists) -> Vec<usize> {
    let mut starts = Vec::new();
    // The end of the last given name taken, for a surname right after it.
    let mut given_end: Option<usize> = None;
    // The end of the last courtesy title ("fru", "herr"), and the word before it.
    let mut title_end: Option<usize> = None;
    let mut previous = "";
    super::keywords::for_each_word(lower, |start, end| {
        let Some(word) = lower_word(text, start).filter(|w| w.len() == end - start) else {
            title_end = None;
            return;
        };
        // "fru jovanovic", "herr lindqvist": a listed surname right after a courtesy title
        // that is nobody's spouse ("min fru").
        let after_title = title_end
            .take()
            .is_some_and(|e| e + 1 == start && text.as_bytes()[e] == b' ')
            && lists.is_surname(&title_case(word));
        if COURTESY_TITLES.contains(&word) && !POSSESSIVES.contains(&previous) {
            title_end = Some(end);
        }
        previous = word;
        if after_title {
            starts.push(start);
            given_end = None;
            return;
        }
        if word.chars().count() < 3 {
            return;
        }
        let title = title_case(word);
        // A surname that is also a word ("lund", "berg", "holm") is a surname right after a
        // given name that is none ("maria lund"); one that is no word is the family's name
        // right after "familjen" ("familjen rahimi på björkvägen").
        let surname = (given_end.is_some_and(|e| e + 1 == start && text.as_bytes()[e] == b' ')
            || ["familjen ", "family "]
                .iter()
                .any(|f| lower[..start].ends_with(f))
                && !lists.is_word(&title))
            && lists.is_surname(&title);
        let given = lists.is_lower_case_name(&title)
            || title.strip_suffix('s').is_some_and(|base| {
                base.chars().count() >= 3
                    && lists.is_lower_case_name(base)
                    && !WORDS_LIKE_GENITIVES.contains(&word)
            });
        // "lisa andersson", "lena svensson": a given name that is also a word ("lisa", "lena")
        // is a name right before a surname that is none.
        let word_given =
            !given && !surname && lists.is_given(&title) && surname_after(text, lower, end, lists);
        // "linda i växeln", "lisa på förskolan solrosen": such a name is a name before a place
        // where colleagues or a unit know one person by it, as in capitalised text.
        let placed = !given
            && !surname
            && !word_given
            && !NOT_NAMES_BEFORE_PLACES.contains(&word)
            && lists.is_given(&title)
            && lower_place_after(lower, end);
        if surname || given || word_given || placed {
            starts.push(start);
        }
        given_end = ((given || word_given || placed) && !surname).then_some(end);
    });
    starts
}

/// Listed given names that are words also right before a place ("hans" is "his": "sonen hans
/// på förskolan").
const NOT_NAMES_BEFORE_PLACES: &[&str] = &["hans", "alla", "bara", "ens", "mest"];

/// True when a place of one person follows `end` in the lower-case text `lower`: "i" and a
/// staffed post ("i växeln"), "på" and a unit or workplace in the definite form ("på
/// förskolan", "på parkenheten"), or a numbered place ("på avd 3", "i rum 12").
fn lower_place_after(lower: &str, end: usize) -> bool {
    let Some(mut rest) = lower.get(end..).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    // A surname's initial between ("lisa m på löneenheten", "lisa m. i växeln").
    if let Some(after) = rest
        .strip_prefix(|c: char| c.is_alphabetic())
        .map(|r| r.strip_prefix('.').unwrap_or(r))
        .and_then(|r| r.strip_prefix(' '))
        && !["i ", "på "].iter().any(|p| rest.starts_with(p))
    {
        rest = after;
    }
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let (Some(preposition), Some(place)) = (words.next(), words.next()) else {
        return false;
    };
    // Only the words right after the name: "i växeln", not "i dag … växeln".
    if !rest.starts_with(preposition) || !rest[preposition.len()..].starts_with(' ') {
        return false;
    }
    match preposition {
        "i" if STAFFED_POSTS.contains(&place) => true,
        "i" | "på" if LOCATORS.contains(&place) => words
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())),
        "på" => {
            UNIT_KINDS.contains(&place)
                || DEPARTMENTS_SHORT.contains(&place)
                || (WORKPLACES.iter().any(|w| place.ends_with(w))
                    && ["an", "en", "et"].iter().any(|e| place.ends_with(e)))
                || UNITS_DEFINITE
                    .iter()
                    .any(|u| place.ends_with(u) && place.len() > u.len())
        }
        _ => false,
    }
}

/// A municipality's departments as colleagues name them in chat ("robin på tekniska", "lisa på
/// soc", "ali på hr"): a place where colleagues know one person by a given name.
const DEPARTMENTS_SHORT: &[&str] = &[
    "tekniska", "soc", "socialen", "ekonomi", "hr", "lönen", "kansliet", "miljö", "bygg",
];

/// True when the lower-case word right after `end` (one space between) is a listed surname that
/// is no ordinary word ("andersson", "svensson", not "berg").
fn surname_after(text: &str, lower: &str, end: usize, lists: &NameLists) -> bool {
    if text.as_bytes().get(end) != Some(&b' ') {
        return false;
    }
    let next = lower[end + 1..]
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .next()
        .unwrap_or("");
    if next.chars().count() < 3 || !text[end + 1..].starts_with(next) {
        return false;
    }
    let title = title_case(next);
    lists.is_surname(&title) && !lists.is_word(&title) && !lists.is_given(&title)
}

/// Courtesy titles before a surname ("fru Jovanovic", "herr Lind", "Mrs Jones").
const COURTESY_TITLES: &[&str] = &["fru", "herr", "fröken", "mrs", "mr", "ms", "miss"];

/// Possessives that make a courtesy title a relative ("min fru", "hans fru").
const POSSESSIVES: &[&str] = &[
    "min", "din", "hans", "hennes", "sin", "vår", "er", "deras", "my", "his", "your", "their",
];

/// Party letters that stand alone as subjects in political text ("S vill sänka skatten"): never
/// read as a person's initial.
const PARTY_LETTERS: &[u8] = b"SMCVLI";

/// Finds a person written as dotted initials ("A.S. i 6B på Björkskolan", "J.P., fritidsledare
/// på ungdomsgården"): two capitals, each with a dot. Like a given name, they single
/// out a person with an age, a class or a place of one person after them (medium); alone they
/// are low, and linkage raises them only as the subject of a sentence.
pub fn find_dotted_initials(view: &Normalized<'_>, out: &mut Vec<Finding>) {
    let text = view.text();
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for at in memchr::memchr_iter(b'.', bytes) {
        // The first initial's dot: a capital before it that starts a word.
        if at == 0
            || !bytes[at - 1].is_ascii_uppercase()
            || (at >= 2 && bytes[at - 2].is_ascii_alphanumeric())
            || found.last().is_some_and(|f: &Finding| f.span.end > at)
        {
            continue;
        }
        let mut end = at + 1;
        let mut letters = 1;
        while letters < 3 {
            let next = end + usize::from(bytes.get(end) == Some(&b' '));
            if bytes.get(next).is_some_and(u8::is_ascii_uppercase)
                && bytes.get(next + 1) == Some(&b'.')
            {
                end = next + 2;
                letters += 1;
            } else {
                break;
            }
        }
        // Two initials, a given name's and a surname's: three or more dotted capitals are an
        // abbreviation ("U.S.A."), and a letter right after is a word ("A.B.Cykel").
        if letters != 2 || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let token = Token { start: at - 1, end };
        let (rule, confidence) = if has_age(text, token) {
            ("name.age", Confidence::Medium)
        } else if has_class(text, view.lower(), token) {
            ("name.class", Confidence::Medium)
        } else if has_place(view, token) {
            ("name.place", Confidence::Medium)
        } else {
            ("name.initials", Confidence::Low)
        };
        found.push(Finding::new(
            Kind::PersonName,
            rule,
            token.start..end,
            confidence,
        ));
    }
    out.extend(found);
}

/// Finds the initial a note refers back to a person by after naming them in full ("Hembesök hos
/// Roger Nilsson … R säger att han dricker …", "R inlagd på akuten"): a capital letter alone at
/// the start of a line or a sentence, the first letter of a full name found before it, with a
/// word in lower case after it. "I" (English) and the party letters are left out.
pub fn find_initials(view: &Normalized<'_>, out: &mut Vec<Finding>) {
    let bytes = view.text().as_bytes();
    // Where the first full name of each initial ends.
    let mut named_by = [usize::MAX; 26];
    for f in out
        .iter()
        .filter(|f| f.kind == Kind::PersonName && f.rule == "name.full")
    {
        let Some(&b) = bytes.get(f.span.start) else {
            continue;
        };
        if b.is_ascii_uppercase() && !PARTY_LETTERS.contains(&b) {
            let slot = &mut named_by[usize::from(b - b'A')];
            *slot = (*slot).min(f.span.end);
        }
    }
    let Some(&from) = named_by.iter().min().filter(|&&e| e != usize::MAX) else {
        return;
    };
    // A capital letter alone, after the full name of that initial, a word in lower case after it.
    let initial = |at: usize| {
        bytes
            .get(at)
            .is_some_and(|&b| b.is_ascii_uppercase() && named_by[usize::from(b - b'A')] <= at)
            && bytes.get(at + 1) == Some(&b' ')
            && bytes.get(at + 2).is_some_and(u8::is_ascii_lowercase)
    };
    let mut found = Vec::new();
    let mut push = |at: usize| {
        found.push(Finding::new(
            Kind::PersonName,
            "name.initial",
            at..at + 1,
            Confidence::Medium,
        ));
    };
    // Line starts, past a date or a time that opens a note's line ("2024-02-16 R inlagd …"):
    // at most 24 bytes without a letter.
    for nl in memchr::memchr_iter(b'\n', &bytes[from..]).map(|i| from + i) {
        let start = nl + 1;
        let mut at = start;
        while at < bytes.len()
            && at - start < 24
            && !bytes[at].is_ascii_alphabetic()
            && bytes[at] != b'\n'
        {
            at += 1;
        }
        if (at == start || bytes[at - 1] == b' ') && initial(at) {
            push(at);
        }
    }
    // Sentence starts.
    for dot in memchr::memmem::find_iter(&bytes[from..], b". ").map(|i| from + i) {
        if initial(dot + 2) {
            push(dot + 2);
        }
    }
    out.extend(found);
}

/// Finds given names written in lower case ("min kollega sara", "faadumo i 8a", "sara, 16
/// år"): a word of the name lists that is not also an ordinary word, right after a role word or
/// right before a school class or an age. `numbers` are the starts of the digit clusters.
pub fn find_lower_case(
    view: &Normalized<'_>,
    lists: &NameLists,
    context: &Context<'_>,
    numbers: &[usize],
    out: &mut Vec<Finding>,
) {
    lower_after_roles(view.text(), lists, context, out);
    lower_after_naming(view.text(), lists, context, out);
    quoted_lower_nicknames(view.lower(), &lists.roles, out);
    lower_subjects(view.text(), lists, out);
    for &n in numbers {
        lower_before_number(view.text(), view.lower(), lists, n, out);
    }
}

/// Longest nickname in quotes written in lower case, in bytes ("big mike", "tjocke-lasse").
const MAX_LOWER_NICKNAME: usize = 20;

/// "vaktmästarn 'kruttan' på tekniska", "\"pysen\" på dagverksamheten linden", "'kicken' on
/// tekniska kontoret": one or two lower-case words in quotes that open a clause or follow a
/// person noun, with a workplace or unit of one person after them, are a nickname (rule
/// `name.nickname`, medium). Capitalised nicknames are found by [`find`]. A quoted word after
/// any other word ("skriv \"ja\" i rutan", "ordet \"typ\" i texten") is a quoted word.
fn quoted_lower_nicknames(lower: &str, roles: &crate::patterns::Roles, out: &mut Vec<Finding>) {
    let bytes = lower.as_bytes();
    for q in memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes) {
        let Some(open) = lower[q..].chars().next() else {
            continue;
        };
        if !matches!(open, '"' | '\'' | '“' | '”' | '‘' | '’') {
            continue;
        }
        let start = q + open.len_utf8();
        let inner_len = lower[start..]
            .find(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-'))
            .unwrap_or(lower.len() - start);
        let inner = &lower[start..start + inner_len];
        let Some(close) = lower[start + inner_len..].chars().next() else {
            continue;
        };
        if !matches!(close, '"' | '\'' | '”' | '’')
            || (open == '"') != (close == '"')
            || inner.is_empty()
            || inner.len() > MAX_LOWER_NICKNAME
            || inner.starts_with([' ', '-'])
            || inner.ends_with([' ', '-'])
            || inner.split(' ').count() > 2
            || !inner.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        let after = &lower[start + inner_len + close.len_utf8()..];
        let Some(person_before) = nickname_opens(lower, roles, q) else {
            continue;
        };
        if !(workplace_after(after) || (person_before && after.starts_with(' '))) {
            continue;
        }
        out.push(Finding::new(
            Kind::PersonName,
            "name.nickname",
            start..start + inner_len,
            Confidence::Medium,
        ));
    }
}

/// Whether the quotation mark at `q` opens a clause (`Some(false)`) or follows a person noun
/// (`Some(true)`: "vaktmästarn 'kruttan'", "killen \"bullen\""); `None` after any other word.
fn nickname_opens(lower: &str, roles: &crate::patterns::Roles, q: usize) -> Option<bool> {
    let head = lower[..q].trim_end_matches(' ');
    if head.is_empty() || head.ends_with(['.', '!', '?', '\n', ',', ':', '(']) {
        return Some(false);
    }
    if !lower[..q].ends_with(' ') {
        return None;
    }
    let word = &head[super::text::hyphenated_word_start(head, head.len())..];
    if matches!(word, "att" | "och" | "men" | "that" | "and") {
        return Some(false);
    }
    (DESCRIBED.contains(&word)
        || PERSON_WORDS.contains(&word)
        || roles.unique.contains(word)
        || roles.concerned.contains(word)
        // The spoken definite form of a trade ("vaktmästarn", "bagarn").
        || (word.ends_with("arn") && word.chars().count() >= 6)
        || ["en", "n"]
            .iter()
            .any(|s| word.strip_suffix(s).is_some_and(agent_noun)))
    .then_some(true)
}

/// True when `rest` (after a closing quotation mark) places one person at a workplace or unit:
/// a preposition, then within two words a definite noun ("på tekniska kontoret", "i köket",
/// "på dagverksamheten linden", "on the night shift", "som jobbar på förrådet").
fn workplace_after(rest: &str) -> bool {
    let rest = [" som jobbar", " som arbetar", " who works"]
        .iter()
        .find_map(|v| rest.strip_prefix(v))
        .unwrap_or(rest);
    let Some(rest) = [
        " på ", " i ", " från ", " vid ", " on ", " at ", " in ", " from ",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p)) else {
        return false;
    };
    let mut words = rest.split(|c: char| !c.is_alphabetic()).take(2);
    let first = words.next().unwrap_or("");
    first == "the"
        || std::iter::once(first).chain(words).any(|w| {
            w.chars().count() >= 4 && (w.ends_with("en") || w.ends_with("et") || w.ends_with("an"))
        })
}

/// "min kollega sara", "enhetschef annika strand".
fn lower_after_roles(text: &str, lists: &NameLists, context: &Context<'_>, out: &mut Vec<Finding>) {
    for role in context.roles() {
        let rest = &text[role.end..];
        let trimmed = rest.trim_start_matches(' ');
        let trimmed = trimmed.strip_prefix(": ").unwrap_or(trimmed);
        let gap = rest.len() - trimmed.len();
        if (1..=ROLE_GAP).contains(&gap)
            && let Some(end) = lower_given(lists, text, role.end + gap)
        {
            let end = lower_surname(lists, text, end).unwrap_or(end);
            out.push(Finding::new(
                Kind::PersonName,
                "name.role",
                role.end + gap..end,
                Confidence::Medium,
            ));
        }
    }
}

/// "hyresgästen heter ali", "a client called sam": a listed given name (not also an ordinary
/// word) in lower case right after a naming verb. Capitalised names are found by [`find`].
fn lower_after_naming(
    text: &str,
    lists: &NameLists,
    context: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    for verb in context.naming_verbs() {
        // "Vad heter lex Sarah på engelska?": asking what a thing is called names nobody.
        if text.as_bytes().get(verb.end) != Some(&b' ')
            || text.as_bytes()[..verb.start]
                .rsplit(|b| !b.is_ascii_alphabetic())
                .nth(1)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"vad"))
        {
            continue;
        }
        if let Some(end) = lower_given(lists, text, verb.end + 1) {
            let end = lower_surname(lists, text, end).unwrap_or(end);
            out.push(Finding::new(
                Kind::PersonName,
                "name.named",
                verb.end + 1..end,
                Confidence::Medium,
            ));
        }
    }
}

/// Verbs that make the word before them a sentence's subject.
/// Chat writes "är" as "e" or "ä" ("robin på tekniska e sjuk idag").
const SUBJECT_VERBS: &[&str] = &[
    "har", "hade", "är", "e", "ä", "var", "ska", "skulle", "kommer", "mår", "blev", "verkar",
    "has", "had", "is", "was", "seems", "will",
];

/// "sara har varit sjukskriven", "björn i hemtjänstgrupp öst har luktat alkohol": a given name
/// in lower case where a sentence starts, followed by its verb (after at most a short "i/på
/// …" complement). A name that is also a word counts only when the writer writes without
/// capitals (the text starts in lower case).
fn lower_subjects(text: &str, lists: &NameLists, out: &mut Vec<Finding>) {
    let uncapitalised = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    // After a colon too: "Inför lönesamtalen: jonas ström på parkförvaltningen är med i …".
    let colons = memchr::memchr_iter(b':', text.as_bytes())
        .map(|i| i + 1)
        .filter(|&i| text.as_bytes().get(i) == Some(&b' '));
    for start in sentence_starts(text).chain(colons) {
        let at = start + text[start..].len() - text[start..].trim_start().len();
        let Some(word) = lower_word(text, at) else {
            continue;
        };
        let title = title_case(word);
        // A nickname too, where the writer writes without capitals ("leffe på ekbacken har …").
        let nickname = uncapitalised && lists.is_nickname(&title) && !lists.is_ambiguous(&title);
        if word.chars().count() < 3
            || !(lists.is_given(&title) || nickname)
            || (lists.is_ambiguous(&title) && !uncapitalised)
        {
            continue;
        }
        let end = at + word.len();
        // "anna-karin lindqvist på hemtjänsten norr har …": a double given name and a listed
        // surname make a full name, whose place complement may be a word longer.
        let end = hyphenated_given(lists, text, word, end).unwrap_or(end);
        let full = lower_surname_or_shaped(lists, text, end);
        let end = full.unwrap_or(end);
        if subject_verb_follows(&text[end..], if full.is_some() { 4 } else { 3 }) {
            out.push(Finding::new(
                Kind::PersonName,
                "name.subject",
                at..end,
                Confidence::Medium,
            ));
        }
    }
}

/// The end of a double given name in lower case whose first part `first` ends at `end`
/// ("anna-karin", "per-olof"), if the whole is a listed given name.
fn hyphenated_given(lists: &NameLists, text: &str, first: &str, end: usize) -> Option<usize> {
    if text.as_bytes().get(end) != Some(&b'-') {
        return None;
    }
    let second = lower_word(text, end + 1)?;
    let whole = format!("{}-{}", title_case(first), title_case(second));
    let both = |w: &str| lists.is_given(&title_case(w)) && !lists.is_ambiguous(&title_case(w));
    (lists.is_given(&whole) || both(first) && both(second)).then_some(end + 1 + second.len())
}

/// Surname endings sure enough to make a lower-case word after a given name a surname
/// ("holmqvist", "lindström"), where the lists do not have it.
const SURE_SURNAME_ENDINGS: &[&str] = &[
    "sson", "qvist", "kvist", "quist", "ström", "gren", "berg", "lund", "holm", "blad", "dahl",
    "borg", "stedt",
];

/// The end of a lower-case surname after the given name ending at `end`: a listed one, or a
/// word of at least six letters with a sure surname ending.
fn lower_surname_or_shaped(lists: &NameLists, text: &str, end: usize) -> Option<usize> {
    lower_surname(lists, text, end).or_else(|| {
        let word = lower_word(text, end + 1).filter(|_| text.as_bytes().get(end) == Some(&b' '))?;
        (word.chars().count() >= 6 && SURE_SURNAME_ENDINGS.iter().any(|e| word.ends_with(e)))
            .then_some(end + 1 + word.len())
    })
}

/// 0 and every position right after a `\n`, `.`, `!` or `?` (before the end of `text`), in
/// order. The bytes are searched with memchr (`?` apart, it is rare), not decoded as characters.
fn sentence_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut stops = memchr::memchr3_iter(b'\n', b'.', b'!', bytes).peekable();
    let mut questions = memchr::memchr_iter(b'?', bytes).peekable();
    let merged = std::iter::from_fn(move || match (stops.peek(), questions.peek()) {
        (Some(&a), Some(&b)) if b < a => questions.next(),
        (Some(_), _) => stops.next(),
        (None, _) => questions.next(),
    });
    std::iter::once(0).chain(merged.map(|i| i + 1).filter(move |&i| i < bytes.len()))
}

/// True when a subject verb follows directly, or after a place complement of at most
/// `complement` words that starts with a preposition ("i hemtjänstgrupp öst har", after a full
/// name also "i köket på ekbackaskolan har").
fn subject_verb_follows(rest: &str, complement: usize) -> bool {
    let rest = without_aside(rest);
    let clause = rest
        .split(['.', ',', ';', ':', '!', '?', '\n'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause.split_whitespace().take(complement + 2).collect();
    let verb = |w: &&str| SUBJECT_VERBS.contains(w) || SAYING_VERBS.contains(w);
    match words.as_slice() {
        [first, ..] if verb(first) => true,
        [preposition, rest @ ..]
            if matches!(*preposition, "i" | "på" | "från" | "in" | "at" | "from") =>
        {
            rest.iter().take(complement).skip(1).any(verb)
        }
        _ => false,
    }
}

/// Verbs of telling after a subject in notes: "linda på avd blåbär berättade idag att …".
const SAYING_VERBS: &[&str] = &[
    "berättade",
    "berättar",
    "sa",
    "sade",
    "säger",
    "told",
    "said",
];

/// `rest` without the first aside in its first 80 bytes: a parenthesis ("jonte på
/// parkavdelningen (han som kör gräsklipparen) har …") or a short apposition between commas
/// ("linda på avd blåbär, tallbackens förskola, berättade …").
fn without_aside(rest: &str) -> std::borrow::Cow<'_, str> {
    let head = &rest[..super::text::floor_boundary(rest, rest.len().min(80))];
    let stop = head.find(['.', '!', '?', '\n']).unwrap_or(head.len());
    let head = &head[..stop];
    let cut = |open: usize, close: usize| -> std::borrow::Cow<'_, str> {
        format!("{} {}", &rest[..open], &rest[close + 1..]).into()
    };
    if let Some(open) = head.find('(')
        && let Some(close) = head[open..].find(')').map(|i| open + i)
    {
        return cut(open, close);
    }
    if let Some(first) = head.find(',')
        && let Some(second) = head[first + 1..].find(',').map(|i| first + 1 + i)
        && head[first + 1..second].split_whitespace().count() <= 4
    {
        return cut(first, second);
    }
    rest.into()
}

/// Abbreviated months, some of them names ("jan", "maj").
const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// True when the word at `start..end` is a month's abbreviation and another month's stands
/// within 40 bytes on either side: a list of counts by month.
fn month_in_list(lower: &str, start: usize, end: usize) -> bool {
    if !MONTHS.contains(&&lower[start..end]) {
        return false;
    }
    let from = super::text::floor_boundary(lower, start.saturating_sub(40));
    let to = super::text::floor_boundary(lower, (end + 40).min(lower.len()));
    lower[from..to]
        .split(|c: char| !c.is_alphabetic())
        .any(|w| MONTHS.contains(&w) && w != &lower[start..end])
}

/// "faadumo i 8a", "elias 7c", "sara, 16 år": the name before the class or age at `n`.
fn lower_before_number(
    text: &str,
    lower: &str,
    lists: &NameLists,
    n: usize,
    out: &mut Vec<Finding>,
) {
    let (rule, before) = if is_class_code(&lower[n..]) {
        let head = lower[..n].trim_end_matches(' ');
        (
            "name.class",
            head.strip_suffix(" i")
                .or(head.strip_suffix(" in"))
                .unwrap_or(head),
        )
    } else if is_age(&lower[n..]) {
        ("name.age", lower[..n].trim_end_matches([' ', ',', '(']))
    } else {
        return;
    };
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    if start >= before.len() || n - before.len() > 4 {
        return;
    }
    // "jan 112, feb 98, … jun 88": month abbreviations with their counts, in a list of months.
    if month_in_list(lower, start, before.len()) {
        return;
    }
    if lower_given(lists, text, start) == Some(before.len()) {
        out.push(Finding::new(
            Kind::PersonName,
            rule,
            start..before.len(),
            Confidence::Medium,
        ));
        return;
    }
    // "ella nilsson i 5b", "pelle nyström 62 år": a listed surname after a given name.
    let given_end = before[..start].strip_suffix(' ');
    let given_start = given_end.map(|g| {
        g.char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic())
            .last()
            .map_or(g.len(), |(i, _)| i)
    });
    if let (Some(g), Some(gs)) = (given_end, given_start)
        && gs < g.len()
        && lower_given(lists, text, gs) == Some(g.len())
        && lower_surname(lists, text, g.len()) == Some(before.len())
    {
        out.push(Finding::new(
            Kind::PersonName,
            rule,
            gs..before.len(),
            Confidence::Medium,
        ));
    }
}

/// The end of a lower-case given name starting at `at`, if one does.
fn lower_given(lists: &NameLists, text: &str, at: usize) -> Option<usize> {
    let word = lower_word(text, at)?;
    let title = title_case(word);
    (word.chars().count() >= 3 && lists.is_given(&title) && !lists.is_ambiguous(&title))
        .then_some(at + word.len())
}

/// The end of a lower-case listed surname right after the name ending at `end`.
fn lower_surname(lists: &NameLists, text: &str, end: usize) -> Option<usize> {
    let at = end + 1;
    if text.as_bytes().get(end) != Some(&b' ') {
        return None;
    }
    let word = lower_word(text, at)?;
    lists
        .is_surname(&title_case(word))
        .then_some(at + word.len())
}

/// The lower-case word (letters only) starting at `at`.
fn lower_word(text: &str, at: usize) -> Option<&str> {
    // An ASCII byte other than a lower-case letter starts no lower-case word (most sentences
    // start with a capital): decided without decoding the word.
    if text
        .as_bytes()
        .get(at)
        .is_none_or(|b| b.is_ascii() && !b.is_ascii_lowercase())
        || !text.is_char_boundary(at)
        || !super::text::starts_word(text, at)
    {
        return None;
    }
    let len: usize = text[at..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let word = &text[at..at + len];
    (len > 0 && word.chars().all(char::is_lowercase) && super::text::ends_word(text, at + len))
        .then_some(word)
}

/// `word` with its first letter in upper case ("lisa" gives "Lisa").
pub(crate) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An age at the start of `rest`: "16 år", "16-årig", "(16)", "16,".
fn is_age(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let after = &rest[digits..];
    let after_space = after.trim_start_matches(' ');
    (after_space.starts_with("år") && !after_space["år".len()..].starts_with(is_word_char))
        || after.starts_with("-år")
        || after.starts_with(')')
        || after.starts_with(", ")
}

/// Pronouns, question words and greetings: never a name, even after a role word and a colon.
fn not_a_name(lists: &NameLists, lower: &str) -> bool {
    const PRONOUNS: &[&str] = &[
        "vi", "jag", "du", "ni", "han", "hon", "hen", "de", "dem", "det", "den", "detta", "denna",
        "här", "där", "vår", "vårt", "våra", "er", "we", "you", "he", "she", "they", "it", "this",
        "our", "the",
        // Question words that open a heading after a colon ("Skriv en folder för vårdnadshavare:
        // Vad händer när …").
        "vad", "vem", "vilka", "vilken", "vilket", "hur", "när", "varför", "what", "who", "how",
        "when", "why", "which",
    ];
    PRONOUNS.contains(&lower)
        || lists.roles.greeting.contains(lower)
        || lists.roles.first.contains(lower)
        || lists.roles.third.contains(lower)
}

/// Relatives, partners and what belongs to a person: a first name in the genitive before one of
/// these is a person ("Annas pappa", "Ahmeds fru", "Jonnas mentor").
const RELATIVES: &[&str] = &[
    "pappa",
    "mamma",
    "son",
    "dotter",
    "man",
    "fru",
    "make",
    "maka",
    "sambo",
    "bror",
    "syster",
    "barn",
    "föräldrar",
    "mormor",
    "morfar",
    "farmor",
    "farfar",
    "pojkvän",
    "flickvän",
    "partner",
    "familj",
    "kille",
    "tjej",
    "döttrar",
    "söner",
    "bröder",
    "systrar",
    "styvpappa",
    "styvmamma",
    "exman",
    "exfru",
    // What belongs to a person: their staff, their room, their file ("Jonnas mentor").
    "mentor",
    "lärare",
    "klasslärare",
    "handläggare",
    "kontaktperson",
    "assistent",
    "chef",
    "klass",
    "rum",
    "lägenhet",
    "ärende",
    "journal",
];

/// The confidence of `word` as a given name in the genitive ("Annas", "Ahmeds") that owns the
/// word after it: a relative ("Annas pappa") or a sensitive word found there ("Ahmeds
/// sjukskrivning"; `sensitive` caches the sorted starts of the sensitive words of `found`). Low alone, medium after a role word ("eleven Noors mamma"). `None` when
/// `word` is no such genitive: the name without its -s is not listed or is also a word (`Per`,
/// `Bo`), or what follows is something else ("Israels utrikesminister").
fn genitive_given(
    text: &str,
    lists: &NameLists,
    context: &Context<'_>,
    word: &str,
    token: Token,
    (sensitive, found): (&mut Option<Vec<usize>>, &[Finding]),
) -> Option<Confidence> {
    let base = word.strip_suffix('s')?;
    if base.chars().count() < 3
        || base.ends_with('s')
        || !lists.is_given(base)
        || WORDS_LIKE_GENITIVES
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
    {
        return None;
    }
    let next = text[token.end..].strip_prefix(' ')?;
    let next = &next[..next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len())];
    // "Sagas mamma": a name that is also a word ("saga") is the name before a relative, whom
    // the word never has.
    if lists.is_ambiguous(base) && !RELATIVES.contains(&next) {
        return None;
    }
    let mut owns_sensitive = || {
        sensitive
            .get_or_insert_with(|| {
                let mut starts: Vec<usize> = found
                    .iter()
                    .filter(|f| matches!(f.kind, Kind::Sensitive(_)))
                    .map(|f| f.span.start)
                    .collect();
                starts.sort_unstable();
                starts
            })
            .binary_search(&(token.end + 1))
            .is_ok()
    };
    if !(RELATIVES.contains(&next) || owns_sensitive()) {
        return None;
    }
    Some(if role_right_before(text, context, token.start) {
        Confidence::Medium
    } else {
        Confidence::Low
    })
}

/// A capitalised word that can be a name: not shouted, at least two letters.
fn plausible_name(word: &str) -> bool {
    word.chars().count() >= 2
        && !word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn is_given(lists: &NameLists, word: &str) -> bool {
    let word = &*as_written(word);
    lists.is_given(word)
        || (word.contains('-')
            && (word.split('-').all(|part| lists.is_given(part))
                // "Farmor-Greta", "Moster-Anna": a given name with a kinship word before it,
                // as a unit calls a resident or a child its relative.
                || word.split_once('-').is_some_and(|(kin, name)| {
                    KIN_PREFIXES.contains(&kin.to_lowercase().as_str()) && lists.is_given(name)
                })))
}

/// Kinship words written before a given name with a hyphen ("Farmor-Greta", "Moster-Anna").
const KIN_PREFIXES: &[&str] = &[
    "farmor", "mormor", "farfar", "morfar", "moster", "faster", "morbror", "farbror", "tant",
    "kusin", "lill", "lilla", "gammel",
];

/// A name written in capitals ("ANNA BERG") in the form the lists hold ("Anna Berg").
fn as_written(word: &str) -> std::borrow::Cow<'_, str> {
    // A lower-case ASCII letter as the second byte (a character of its own: the first is ASCII
    // or a two-byte letter whose second byte is no ASCII) makes a word not all capitals.
    let second_lower = word.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase);
    if !second_lower && word.chars().count() >= 2 && super::text::is_upper_word(word) {
        let mut chars = word.chars();
        let first = chars.next().map(String::from).unwrap_or_default();
        std::borrow::Cow::Owned(first + &chars.as_str().to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// True when the word before `at` is a role word, with only spaces or a label colon between
/// them on the same line ("eleven Leyla", "Brukare: Elsa"; not "… frukost. Ingen", nor across
/// a tab or a line break).
fn role_right_before(text: &str, context: &Context<'_>, at: usize) -> bool {
    let head = &text.as_bytes()[at.saturating_sub(ROLE_GAP)..at];
    let gap = head
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b':')
        .count();
    let colons = head[head.len() - gap..]
        .iter()
        .filter(|&&b| b == b':')
        .count();
    let mut end = at - gap;
    // "Mr. Hassan", "Dr. Holm": a short title with its full stop.
    if gap == 1
        && end >= 3
        && text.as_bytes()[end - 1] == b'.'
        && text.as_bytes()[end.saturating_sub(4)..end - 1]
            .iter()
            .filter(|b| b.is_ascii_alphabetic())
            .count()
            <= 3
    {
        end -= 1;
    }
    let title = end < at - gap;
    // Counted only after a full stop, and only as far as the bound it is held to: every
    // sentence start passes the title test above, and the word before is mostly long.
    let word_len = || {
        text[..end]
            .chars()
            .rev()
            .take_while(|c| is_word_char(*c))
            .take(4)
            .count()
    };
    gap >= 1
        && colons <= 1
        && end > 0
        && (!title || word_len() <= 3)
        && super::text::char_before(text, end).is_some_and(is_word_char)
        && context.role_before(end, 1)
        && !home_not_resident(text, end)
}

/// True when the role word ending at `end` is "boende" the home, not the resident: after a
/// genitive or an adjective of homes ("Rönnens boende: Anhörigcafé …", "särskilt boende").
fn home_not_resident(text: &str, end: usize) -> bool {
    let Some(head) = text[..end].strip_suffix("boende") else {
        return false;
    };
    let previous = head
        .trim_end_matches(' ')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    previous.chars().count() > 2
        && (previous.ends_with('s')
            || matches!(
                previous.to_lowercase().as_str(),
                "särskilt" | "särskilda" | "eget" | "nytt" | "vårt" | "ert"
            ))
}

/// A role word in parentheses right after the name: "Ros (mamma till …)", "Malin (medarbetare)".
fn role_after(context: &Context<'_>, text: &str, token: Token) -> bool {
    text[token.end..].starts_with(" (") && context.role_before(token.end + 3, 1)
}

/// True when the word at `token` names a family: "the Lakatos family", "the Nguyen household",
/// "Lakatos-familjen", "Fam. Holmgren" (reads at most the four bytes before the word).
fn family_name(text: &str, token: Token) -> bool {
    let after = &text[token.end..];
    let b = text.as_bytes();
    let the = token.start >= 4
        && b[token.start - 4..token.start].eq_ignore_ascii_case(b"the ")
        && (token.start == 4 || !b[token.start - 5].is_ascii_alphanumeric());
    (the && [" family", " household", " kids", " children"]
        .iter()
        .any(|w| after.starts_with(w)))
        || after.starts_with("-familjen")
        || text[..token.start].ends_with("Fam. ")
        || text[..token.start].ends_with("fam. ")
}

/// True when the name starting at token `k` is a street, square, building or law named after
/// a person: a genitive followed by a place noun ("Olof Palmes gata", "Gustav Adolfs torg"),
/// or "lex" before it ("lex Sarah").
fn named_place(lower: &str, lists: &NameLists, tokens: &[Token], k: usize) -> bool {
    let start = tokens[k].start;
    if &lower[start..tokens[k].end] == "lex" || after_institution(lower, lists, start) {
        return true;
    }
    let before = lower[..start].trim_end_matches(' ');
    if before.ends_with("lex") && before.len() < start {
        let lex_start = before.len() - 3;
        if super::text::starts_word(lower, lex_start) {
            return true;
        }
    }
    let mut last = k;
    while last + 1 < tokens.len() && last - k < 2 && tokens[last + 1].start == tokens[last].end + 1
    {
        last += 1;
    }
    (k..=last).any(|j| {
        let end = tokens[j].end;
        lower[..end].ends_with('s') && {
            let next = lower[end..]
                .strip_prefix(' ')
                .unwrap_or("")
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            lists.roles.place.contains(next) || institution_compound(next)
        }
    })
}

/// Heads of institution names that compounds end in ("Astrid Lindgrens barnsjukhus",
/// "Carl Larssons konstskola"): a name in the genitive before one names the institution.
const INSTITUTION_HEADS: &[&str] = &[
    "sjukhus",
    "sjukhuset",
    "skola",
    "skolan",
    "gymnasium",
    "gymnasiet",
    "museum",
    "museet",
    "institut",
    "institutet",
];

/// True when `word` is a compound (a part of three letters or more before it) of an
/// institution head.
fn institution_compound(word: &str) -> bool {
    INSTITUTION_HEADS
        .iter()
        .any(|h| word.len() >= h.len() + 3 && word.ends_with(h))
}

/// True when an institution noun stands right before `at`, with one space between
/// ("Vårdcentralen Gustav Adolf"): the name is the institution's.
fn after_institution(lower: &str, lists: &NameLists, at: usize) -> bool {
    let Some(head) = lower[..at].strip_suffix(' ') else {
        return false;
    };
    // The word before, found on bytes while it is ASCII (most words); decoded otherwise.
    let ascii_start = head
        .bytes()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |i| i + 1);
    let word = if head
        .as_bytes()
        .get(ascii_start.wrapping_sub(1))
        .is_some_and(|b| !b.is_ascii())
    {
        head.rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
    } else {
        &head[ascii_start..]
    };
    // "särskilt boende Ekbacken": a kind of housing with its name, not a resident.
    let housing = word == "boende"
        && head[..head.len() - word.len()]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| matches!(w, "särskilt" | "särskilda" | "särskild"));
    housing || lists.roles.institution.contains(word)
}

/// True when a day number stands right before `at` ("12 May", "on 5 June").
fn after_day_number(text: &str, at: usize) -> bool {
    let head = text[..at].strip_suffix(' ').unwrap_or("");
    let digits = head.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let before = &head[..head.len() - digits];
    // "23:10 Gösta ringde larmet": the minutes of a clock time in a log, no day.
    // "14/3 Alva 8B – …": a date written with a slash (day and month, or month and day)
    // names its month already.
    let clock_or_date = before
        .strip_suffix([':', '.', '/'])
        .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()));
    // "Rum 7 Elsa", "avd 2 Karl": a room's or ward's number, no day.
    let place = || {
        before
            .strip_suffix(' ')
            .and_then(|h| h.rsplit(char::is_whitespace).next())
            .is_some_and(|w| LOCATORS.contains(&w.to_lowercase().as_str()))
    };
    !clock_or_date && !place()
}

/// The index of the first token after the place name starting at `k`.
fn skip_place(text: &str, tokens: &[Token], k: usize) -> usize {
    let mut j = k + 1;
    while j < tokens.len() && tokens[j].start == tokens[j - 1].end + 1 {
        if text.as_bytes()[tokens[j - 1].end] != b' ' {
            break;
        }
        j += 1;
    }
    j
}

/// Where the initial of a surname right after a given name ending at `at` ends: a space, one
/// capital letter (not the English "I") and a colon, full stop, comma, closing parenthesis,
/// space or line break after it ("Ibrahim S:", "Vera M.", "Isa L,").
fn surname_initial(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    let letter = *b.get(at + 1)?;
    (b[at] == b' '
        && letter.is_ascii_uppercase()
        && letter != b'I'
        && match b.get(at + 2) {
            None => true,
            // Not a middle initial before a surname ("Anders W Jonsson").
            Some(b' ') => b.get(at + 3).is_some_and(|c| !c.is_ascii_uppercase()),
            Some(c) => matches!(c, b':' | b'.' | b',' | b')' | b'\n' | b';'),
        })
    .then_some(at + 2)
}

/// True when `after` (the text right after a name) opens with a hyphen and a place head
/// ("-gymnasiet", "-skolan", "-grundskolan"): the name is the place's.
fn hyphen_place(after: &str) -> bool {
    after.strip_prefix('-').is_some_and(|rest| {
        let word = rest
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        PLACE_COMPOUND_ENDINGS.contains(&word) || place_compound(word)
    })
}

/// True when `word` is a place named after a person, written as one word ([`PLACE_COMPOUND_ENDINGS`]).
fn place_compound(word: &str) -> bool {
    PLACE_COMPOUND_ENDINGS
        .iter()
        .any(|e| word.len() > e.len() + 2 && word.ends_with(e))
}

fn surname_like(lists: &NameLists, word: &str, strict: bool) -> bool {
    if place_compound(word) {
        return false;
    }
    if word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        // "ANNA BERG": in capitals, only a listed surname counts.
        let written = as_written(word);
        return lists.is_surname(&written);
    }
    if lists.is_surname(word) || (lists.is_given(word) && !lists.is_ambiguous(word)) {
        return true;
    }
    if word.contains('-') && word.split('-').all(|p| surname_like(lists, p, strict)) {
        return true;
    }
    // A surname in the genitive ("Ester Lundbergs man"): its base ends like one too.
    let base = word.strip_suffix('s').filter(|b| !b.ends_with('s'));
    let ending = [Some(word), base].into_iter().flatten().any(|w| {
        SURNAME_ENDINGS
            .iter()
            .any(|e| w.len() > e.len() + 2 && w.ends_with(e))
    }) && !NOT_SURNAMES.contains(&word);
    if base.is_some_and(|b| lists.is_surname(b)) {
        return true;
    }
    // After an unambiguous given name, any capitalised word mid-sentence is taken as a surname
    // (foreign surnames are not in any list); after an ambiguous one, only known endings count.
    ending || (!strict && word.chars().count() >= 3)
}

/// Capitalised words, with hyphenated ones joined ("Anna-Karin").
fn join_hyphenated(text: &str, words: &[std::ops::Range<usize>]) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(last) = tokens.last_mut()
            && w.start == last.end + 1
            && text.as_bytes().get(last.end) == Some(&b'-')
        {
            last.end = w.end;
            continue;
        }
        tokens.push(Token {
            start: w.start,
            end: w.end,
        });
    }
    tokens
}

/// True when the word at `at` starts with an upper-case letter (ASCII or Latin-1).
#[inline]
pub fn starts_upper(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(0xC3) => bytes
            .get(at + 1)
            .is_some_and(|n| (0x80..=0x9E).contains(n) && *n != 0x97),
        _ => false,
    }
}

/// True when the token after `k` is a nickname in quotes and a surname follows it: `Per-Olof
/// "Pelle" Granström`.
fn nickname_between(
    text: &str,
    tokens: &[Token],
    k: usize,
    lists: &NameLists,
    ambiguous: bool,
) -> bool {
    let (Some(&nick), Some(&surname)) = (tokens.get(k + 1), tokens.get(k + 2)) else {
        return false;
    };
    matches!(
        text.get(tokens[k].end..nick.start),
        Some(" \"" | " ”" | " “")
    ) && matches!(text.get(nick.end..surname.start), Some("\" " | "” "))
        && surname_like(lists, &text[surname.start..surname.end], ambiguous)
}

/// Two tokens separated by exactly one space.
fn adjacent(text: &str, a: Token, b: Token) -> bool {
    b.start == a.end + 1 && text.as_bytes().get(a.end) == Some(&b' ')
}

/// The end of a name written surname first at the start of a line or a field's value: a listed
/// surname, a comma and a listed given name that is no word ("Öberg, Lars", "Namn: Holm,
/// Karin").
fn inverted_name(text: &str, lists: &NameLists, tokens: &[Token], k: usize) -> Option<usize> {
    let (surname, given) = (tokens[k], *tokens.get(k + 1)?);
    if text.get(surname.end..given.start) != Some(", ") {
        return None;
    }
    // The head of the line, read back at most a field label's length.
    let from = super::text::floor_boundary(text, surname.start.saturating_sub(MAX_FIELD_LABEL));
    let near = &text[from..surname.start];
    let head = match near.rfind('\n') {
        Some(i) => &near[i + 1..],
        None if from == 0 => near,
        None => return None,
    }
    .trim_end();
    let field_start = head.is_empty() || (head.ends_with(':') && !head.contains(". "));
    let word = |t: Token| &text[t.start..t.end];
    (field_start
        && lists.is_surname(word(surname))
        && !lists.is_given(word(surname))
        && lists.is_given(word(given))
        && !lists.is_ambiguous(word(given)))
    .then_some(given.end)
}

/// Longest field label (bytes) read before a name written surname first.
const MAX_FIELD_LABEL: usize = 40;

/// "Leyla, 16 år", "Leyla (13 år)", "Leyla 16 år", "16-åriga Leyla".
fn has_age(text: &str, token: Token) -> bool {
    let after = &text[token.end..];
    let trimmed = after.trim_start_matches([',', ' ', '(']);
    let gap = after.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if gap <= 3 && (1..=3).contains(&digits) {
        let rest = trimmed[digits..].trim_start_matches(' ');
        if rest.starts_with("år") && !rest["år".len()..].starts_with(is_word_char) {
            return true;
        }
        if rest.starts_with("-år") {
            return true;
        }
    }
    let before = text[..token.start].trim_end_matches(' ');
    let before = before.strip_suffix('a').unwrap_or(before);
    before.ends_with("årig") || before.ends_with("åring")
}

/// An age, a school class or a place of one person after the name.
fn placed(view: &Normalized<'_>, token: Token) -> bool {
    has_age(view.text(), token)
        || has_class(view.text(), view.lower(), token)
        || has_place(view, token)
}

/// True when an English workplace follows the word ("Mark from the IT helpdesk", "Bill at the
/// depot"): a name that is also a Swedish word ("mark", "bill") is a person there, anywhere in
/// the sentence, since no Swedish text goes on in English.
fn english_workplace(view: &Normalized<'_>, token: Token) -> bool {
    let after = &view.text()[token.end..];
    (after.starts_with(" from the ") || after.starts_with(" at the ")) && has_place(view, token)
}

/// True when the word at `at` stands inside a sentence: a word before it on its line, and
/// no full stop, question or exclamation mark right before it.
fn mid_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '"', '”', '(']);
    !before.is_empty() && !before.ends_with(['.', '!', '?', '\n', ':', '-', '–'])
}

/// Heads of the compounds that name a municipal unit in the definite form ("parkenheten",
/// "fordonsdepån", "återvinningscentralen", "lokalvården").
const UNITS_DEFINITE: &[&str] = &[
    "enheten",
    "depån",
    "centralen",
    "förrådet",
    "köket",
    "vaktmästeriet",
    "kontoret",
    "avdelningen",
    "förvaltningen",
    "vården",
    "stationen",
    "verkstaden",
    "lagret",
];

/// Posts of a workplace after "i" that a first name is known by among colleagues ("Sanna i
/// växeln", "Jonna i receptionen", "Ali i kassan").
const STAFFED_POSTS: &[&str] = &[
    "växeln",
    "receptionen",
    "kassan",
    "kundtjänst",
    "kundtjänsten",
    "supporten",
    "servicedesken",
    "kontaktcenter",
    "kontaktcentret",
    "städet",
    "caféet",
    "kaféet",
    "kafeterian",
];

/// Workplaces after "på" that one person's first name is known by among colleagues: a
/// capitalised word ending in one of these ("på Norrbyskolan", "på Solgården"), or a
/// capitalised genitive before one ("på Rönngårdens servicehus", "på Ekbackens förskola").
const WORKPLACES: &[&str] = &[
    "skolan",
    "skola",
    "gymnasiet",
    "förskola",
    "boendet",
    "boende",
    "hemmet",
    "gården",
    "servicehuset",
    "servicehus",
    "vårdcentralen",
    "vårdcentral",
    "kliniken",
    "mottagningen",
    "biblioteket",
    "fritidsgården",
    "boendestöd",
    "boendestödet",
    "hemtjänst",
    "hemtjänsten",
    "gruppbostad",
    "gruppbostaden",
    "dagverksamhet",
    "dagverksamheten",
    "korttids",
    "korttidsboendet",
    "fritids",
    "förskolan",
    "brandstationen",
    "centralen",
    "stationen",
    "depån",
];

/// English workplaces after "at the" and a name ("'Bamse' at the Västerby depot").
const ENGLISH_WORKPLACES: &[&str] = &[
    "helpdesk",
    "servicedesk",
    "reception",
    "canteen",
    "depot",
    "school",
    "office",
    "library",
    "centre",
    "center",
    "home",
    "station",
    "clinic",
    "preschool",
    "kitchen",
    "unit",
    "ward",
    "warehouse",
    "plant",
    "garage",
];

/// A place of one person close after a first name in its clause, perhaps after a quoted
/// nickname: a room or a flat with its number ("Gösta i lägenhet 4", "Stig på rum 3") or a
/// named workplace, perhaps after the part of it ("Lasse \"Bagarn\" i köket på Norrbyskolan",
/// "Mira på Ekbackens förskola"). A town after "i" holds many and does not count.
fn has_place(view: &Normalized<'_>, token: Token) -> bool {
    let (text, lower) = (view.text(), view.lower());
    let clause = clause_around(text, token.start);
    let mut end =
        super::text::floor_boundary(lower, (token.end + 80).min(clause.end.max(token.end)));
    let mut from = token.end;
    // A quoted nickname: ` "Bagarn"`, ` ”Bagarn”`.
    let rest = &text[from..end];
    if let Some(inner) = rest.strip_prefix(" \"").or_else(|| rest.strip_prefix(" ”")) {
        let Some(close) = inner.find(['"', '”']).filter(|&c| c <= 24) else {
            return false;
        };
        let quote = inner[close..].chars().next().map_or(1, char::len_utf8);
        from = end - inner.len() + close + quote;
    }
    // A short aside after the name, before its place ("'Prästen' (ni vet vem) i rum 11").
    // The parenthesis ends the clause: the place is read after it.
    let unquoted = text[from..].trim_start_matches(['\'', '"', '”', '’']);
    let placed = super::text::after_aside(unquoted);
    if placed.len() < unquoted.len() {
        from = text.len() - placed.len();
        end = super::text::floor_boundary(lower, (from + 80).min(text.len()));
    }
    // So is the naming of a nickname ("\"Doktorn\" som vi kallar honom på Granbackens …").
    let after_quote = &lower[from..];
    let after_quote = after_quote.trim_start_matches(['\'', '"', '”', '’']);
    if let Some(rest) = after_quote.strip_prefix(" som ")
        && let Some(rest) = ["vi", "de", "alla", "man", "personalen"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .and_then(|r| r.strip_prefix(" kallar "))
        && let Some(rest) = ["honom", "henne", "hen"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
    {
        from = lower.len() - rest.len();
        end = super::text::floor_boundary(lower, (from + 80).min(text.len()));
    }
    // The initial of a surname: "Sara W. på förskolan Tallbacken", "lisa m på löneenheten"
    // (not the one-letter words "i", "å", "ö").
    let b = text.as_bytes();
    if b.get(from) == Some(&b' ')
        && b.get(from + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() && c != b'i' && c != b'I')
    {
        let dot = usize::from(b.get(from + 2) == Some(&b'.'));
        if b.get(from + 2 + dot) == Some(&b' ') && from + 2 + dot <= end {
            from += 2 + dot;
        }
    }
    let mut words: Vec<(usize, &str)> = Vec::with_capacity(6);
    let slice = &lower[from..end];
    let mut start: Option<usize> = None;
    for (i, c) in slice
        .char_indices()
        .chain(std::iter::once((slice.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((from + s, &slice[s..i]));
                start = None;
                if words.len() == 6 {
                    break;
                }
            }
            _ => {}
        }
    }
    let word = |i: usize| words.get(i).map_or("", |&(_, w)| w);
    let capitalised = |i: usize| {
        words
            .get(i)
            .is_some_and(|&(at, _)| starts_upper(text.as_bytes(), at))
    };
    // "från" a unit as well ("”Snuset” från Hagalunds boendestöd").
    if !matches!(word(0), "i" | "på" | "från" | "in" | "at" | "from") {
        return false;
    }
    if LOCATORS.contains(&word(1)) && word(2).starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // "på daglig verksamhet Verkstaden": the kind of unit, then its name.
    if word(0) == "på" && UNIT_KINDS.contains(&word(1)) {
        let name = if UNIT_KINDS.contains(&word(2)) { 3 } else { 2 };
        if capitalised(name) {
            return true;
        }
    }
    if matches!(word(0), "in" | "at" | "from") {
        // "Anders at ekonomienheten": a Swedish unit in English text.
        let swedish_unit = !capitalised(1)
            && ["enheten", "kontoret", "förvaltningen", "avdelningen"]
                .iter()
                .chain(WORKPLACES)
                .any(|w| word(1).ends_with(w));
        // "Mark from the IT helpdesk", "Lena at the Brook school": the workplace's noun right
        // after "the" or after one word of its name.
        return swedish_unit
            || (word(0) != "in"
                && word(1) == "the"
                && (ENGLISH_WORKPLACES.contains(&word(2))
                    || (capitalised(2) && ENGLISH_WORKPLACES.contains(&word(3)))));
    }
    // "Bullen på parkenheten", "Kenta på återvinningscentralen": one of the municipality's
    // own units in the definite form, where a nickname is known.
    if word(0) == "på"
        && !capitalised(1)
        && UNITS_DEFINITE
            .iter()
            .any(|u| word(1).ends_with(u) && word(1).len() > u.len())
    {
        return true;
    }
    // "Sanna i växeln", "sanna i receptionen på stadshuset": the posts of a workplace that one
    // or two colleagues staff, in the definite form after "i".
    if word(0) == "i" && !capitalised(1) && STAFFED_POSTS.contains(&word(1)) {
        return true;
    }
    // "på brandstationen i Norrvik": the one workplace of its kind in a village or district
    // ("på återvinningscentralen i Norrby").
    if word(0) == "på"
        && !capitalised(1)
        && WORKPLACES.iter().any(|w| word(1).ends_with(w))
        && word(2) == "i"
        && capitalised(3)
    {
        return true;
    }
    // "i köket på …", "på avdelningen på …": the part of the workplace before it.
    let mut at = 0;
    if word(0) == "i" && !capitalised(1) && matches!(word(2), "på" | "vid") {
        at = 2;
    } else if !matches!(word(0), "på" | "från") {
        return false;
    }
    let place = at + 1;
    // "Leo på Solrosen", "Ella på Blåklockan": a preschool's or a unit's own name, one word in
    // the definite form.
    if at == 0
        && word(0) == "på"
        && capitalised(1)
        && !capitalised(2)
        && word(1).chars().count() >= 6
        && (word(1).ends_with("en") || word(1).ends_with("an"))
    {
        return true;
    }
    capitalised(place)
        && (WORKPLACES
            .iter()
            .any(|w| word(place).ends_with(w) && word(place).len() > w.len())
            // "på Östra skolan", "på Norra vårdcentralen": a place's own word before the
            // workplace noun.
            || (!capitalised(place + 1) && WORKPLACES.contains(&word(place + 1)))
            || (word(place).ends_with('s')
                // "på Ekbackens gruppboende": also a compound of a workplace word.
                && WORKPLACES.iter().any(|w| word(place + 1).ends_with(w))
                && !capitalised(place + 1)))
}

/// A unit in the definite form right after a quoted nickname ("”Lillen” på nattpatrullen",
/// "\"Bullen\" i köket"): the writer's own workplace, where the nickname is known. A unit
/// in "-an" ("i kassan", but also "på skolan" after a project's quoted name) counts only after
/// a `known` nickname.
fn unit_after(lower: &str, token: Token, known: bool) -> bool {
    let rest = lower[token.end..].trim_start_matches(['"', '”', '“', '»', '\'', '’']);
    // "”Lillen” som jobbar på återvinningscentralen": the verb of working before the unit.
    let rest = [" som jobbar", " som arbetar", " som är"]
        .iter()
        .find_map(|v| rest.strip_prefix(v))
        .unwrap_or(rest);
    let Some(rest) = ["på ", "i ", "från "]
        .iter()
        .find_map(|p| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(p)))
    else {
        return false;
    };
    let mut words = rest.split(|c: char| !c.is_alphabetic());
    let mut unit = words.next().unwrap_or("");
    // An organisation's unit: "på parkförvaltningens förråd", "i stadshusets reception".
    // After the genitive the unit's noun is written indefinite.
    let mut owned = false;
    if unit.chars().count() >= 5
        && unit.ends_with('s')
        && rest[unit.len()..].starts_with(' ')
        && let Some(next) = words.next()
    {
        unit = next;
        owned = true;
    }
    // "på lagret", "i köket", and the "-an" of "i kassan", "på förskolan".
    unit.chars().count() >= 4
        && (owned
            || unit.ends_with("en")
            || unit.ends_with("et")
            || (known && unit.ends_with("an")))
}

/// A school class in the same clause after the name: "i klass 7B", "åk 8", "i 7B", "in 4A",
/// "in year 9".
fn has_class(text: &str, lower: &str, token: Token) -> bool {
    // The writer's class named without its code ("Ville i vår klass har epilepsi").
    if let Some(rest) = lower[token.end..].strip_prefix(' ')
        && OWN_CLASS.iter().any(|p| {
            rest.strip_prefix(p)
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        })
    {
        return true;
    }
    // Every class names a digit; most names have none close after them.
    let ahead = &lower.as_bytes()[token.end..(token.end + 60).min(lower.len())];
    if !ahead.iter().any(u8::is_ascii_digit) {
        return false;
    }
    let clause = clause_around(text, token.start);
    let end = (token.end + 60).min(clause.end.max(token.end));
    let end = super::text::floor_boundary(lower, end);
    let window = &lower[token.end..end];
    let words: Vec<&str> = window
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words
        .first()
        .is_some_and(|w| is_class_code(w) && window.starts_with(' '))
        || words.windows(2).any(|pair| {
            matches!(
                pair[0],
                "klass" | "åk" | "årskurs" | "förskoleklass" | "class" | "grade" | "year"
            )
                && pair[1].starts_with(|c: char| c.is_ascii_digit())
        })
        || words
            .windows(2)
            .any(|pair| pair[0] == "i" && is_class_code(pair[1]))
        // English "in" only right after the name: "Fatima in 4A" (not "Can you … in 4A").
        || words.first() == Some(&"in") && words.get(1).is_some_and(|w| is_class_code(w))
}

/// A school class named as the writer's or the reader's, without its code.
const OWN_CLASS: &[&str] = &[
    "i vår klass",
    "i min klass",
    "i er klass",
    "i din klass",
    "i klassen",
    "in our class",
    "in my class",
];

/// True when a school class follows the word at `token` directly ("Tsegaye i 5B", "Oyelaran
/// (2B)", "Amani åk 3"): a pupil's name, listed or not.
fn class_right_after(lower: &str, token: Token) -> bool {
    let rest =
        &lower[token.end..super::text::floor_boundary(lower, (token.end + 16).min(lower.len()))];
    let rest = rest
        .strip_prefix(" i ")
        .or_else(|| rest.strip_prefix(" in "))
        .or_else(|| rest.strip_prefix(" ("));
    let Some(rest) = rest else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(is_class_code)
}

/// A word shaped like a name rather than a noun: three letters or more, and no ending of a
/// definite or plural noun ("Klassrummet i 5B", "Eleverna i 8A", "Mentorn i 7C").
fn name_shaped(word: &str) -> bool {
    const NOUN_ENDINGS: &[&str] = &["en", "et", "na", "rn", "er", "ar", "or", "an", "ng", "het"];
    // What a class has besides its pupils: subjects and the events of its week.
    const CLASS_WORDS: &[&str] = &[
        "matte",
        "matematik",
        "svenska",
        "engelska",
        "musik",
        "slöjd",
        "bild",
        "idrott",
        "teknik",
        "historia",
        "geografi",
        "biologi",
        "fysik",
        "kemi",
        "religion",
        "samhällskunskap",
        "hemkunskap",
        "spanska",
        "tyska",
        "franska",
        "lunch",
        "rast",
        "prov",
        "läxa",
        "schema",
        "klassråd",
        "mentorstid",
        "friluftsdag",
        "utflykt",
        "simning",
        "elevråd",
        "klassresa",
    ];
    let lower = word.to_lowercase();
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && !NOUN_ENDINGS.iter().any(|e| lower.ends_with(e))
        && !CLASS_WORDS.contains(&lower.as_str())
}

fn is_class_code(word: &str) -> bool {
    let bytes = word.as_bytes();
    let len = if bytes.first() == Some(&b'1') && bytes.get(1).is_some_and(u8::is_ascii_digit) {
        3
    } else {
        2
    };
    bytes.len() >= len
        && bytes[len - 2].is_ascii_digit()
        && bytes[len - 1].is_ascii_alphabetic()
        && !bytes.get(len).is_some_and(u8::is_ascii_alphanumeric)
        && super::text::ends_word(word, len)
}

/// Nouns of a place inside a workplace that a number follows ("rum 12", "lgh 1102").
const LOCATORS: &[&str] = &[
    "rum",
    "lgh",
    "lägenhet",
    "avdelning",
    "avd",
    "våning",
    "plan",
    "korridor",
    "säng",
    "nr",
    "room",
    "flat",
    "apartment",
    "bed",
];

/// English person nouns that a school class after them singles out when "the" makes them
/// definite ("the boy in class 4A"); Swedish ones are the roles of a person concerned
/// ("flickan i 5B", "eleven i 9A").
const CLASS_PUPILS: &[&str] = &["girl", "boy", "pupil", "student", "kid"];

/// Where a definite person noun starts that the school class at `at..end` ("5b", "klass 4a")
/// singles out: "flickan i klass 5B", "eleven i 9A", "the girl in 5B". A class holds many,
/// the definite singular one the writer has in mind.
fn pupil_of_class(
    lower: &str,
    roles: &crate::patterns::Roles,
    at: usize,
    end: usize,
) -> Option<usize> {
    if !is_class_code(&lower[at..end]) {
        return None;
    }
    let mut head = lower[..at].strip_suffix(' ')?;
    for w in ["klass", "class", "årskurs", "åk", "grade", "year"] {
        if let Some(rest) = head.strip_suffix(w).and_then(|r| r.strip_suffix(' ')) {
            head = rest;
            break;
        }
    }
    let head = ["i", "in"]
        .iter()
        .find_map(|p| head.strip_suffix(p))?
        .strip_suffix(' ')?;
    let start = last_word_start(head)?;
    let noun = &head[start..];
    if roles.concerned.contains(noun) || noun == "grabben" {
        return Some(start);
    }
    // English nouns are definite by "the" ("the girl in 5B"; "a girl in 5B" is anyone).
    if CLASS_PUPILS.contains(&noun) {
        let article = head[..start].strip_suffix("the ")?;
        return Some(article.len());
    }
    None
}

/// Where the word naming the kind of a unit starts when one stands right before `at`, a
/// unit's proper name ("fritidsgården Oasen", "äldreboendet Solgården").
fn unit_kind_before(lower: &str, at: usize) -> Option<usize> {
    let head = lower[..at].strip_suffix(' ')?;
    // Unit kinds end in a vowel or "n", "t", "s" ("fritids"); most words before a capitalised
    // word are prepositions, read no further.
    if !head.ends_with(['n', 't', 's', 'a', 'e']) {
        return None;
    }
    let start = last_word_start(head)?;
    UNIT_KINDS.contains(&&head[start..]).then_some(start)
}

/// Where the last run of letters at the end of `text` starts, if `text` ends with one.
fn last_word_start(text: &str) -> Option<usize> {
    text.char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)
}

/// Locators of a place one person lives in ("rum 22", "lgh 1102"), unlike a ward or a floor.
const OWN_ROOMS: &[&str] = &[
    "rum",
    "room",
    "lgh",
    "lägenhet",
    "flat",
    "apartment",
    "säng",
    "bed",
];

/// True when only list marks and spaces stand between the start of its line and `at`.
fn opens_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at]
        .chars()
        .all(|c| c.is_whitespace() || "-*•–".contains(c))
}

/// Person nouns that a room or a flat after them describes ("damen i rum 9", "the lady in
/// room 9"): one person, told by where they live.
const ROOM_PERSONS: &[&str] = &[
    "damen",
    "mannen",
    "kvinnan",
    "herren",
    "tanten",
    "farbrorn",
    "gubben",
    "lady",
    "man",
    "woman",
    "gentleman",
];

/// Lower-case words naming the kind of a unit before its proper name ("på daglig verksamhet
/// Verkstaden", "på gruppbostaden Solrosen", "på avdelningen Tallen").
const UNIT_KINDS: &[&str] = &[
    "fritidsgården",
    "fritidsgård",
    "ungdomsgården",
    "brandstation",
    "station",
    "daglig",
    "dagliga",
    "verksamhet",
    "verksamheten",
    "dagverksamheten",
    "gruppbostaden",
    "gruppboendet",
    "servicebostaden",
    "boendet",
    "äldreboendet",
    "demensboendet",
    "korttidsboendet",
    "avdelningen",
    "avdelning",
    "avd",
    "enheten",
    "förskolan",
    "fritids",
    "hemtjänstgruppen",
    "teamet",
    "träffpunkten",
];

/// Descriptions that identify one person as a name would: a role one person holds at a named
/// workplace ("kocken på Lindängsskolan"), or a definite role of the person concerned or such a
/// role with a room or a flat ("brukaren på rum 12", "patienten på avdelning 4", "hyresgästen
/// i lgh 1102"). Found from the capitalised words (`words`) and the numbers (`numbers`, starts)
/// that could be the workplace or the room; medium confidence, rule `name.description`.
pub fn find_descriptions(
    view: &Normalized<'_>,
    lists: &NameLists,
    (words, numbers): (&[std::ops::Range<usize>], &[usize]),
    openers: &[std::ops::Range<usize>],
    out: &mut Vec<Finding>,
) {
    let lower = view.lower();
    let roles = &lists.roles;
    // A workplace is named after "på", "vid" or "at" ("kocken på Lindängsskolan"); after "i"
    // stands a town ("rektorn i Malmö"), which holds many. Only a role one person holds
    // counts with a workplace; the person concerned counts with a room or a flat, which one
    // person holds ("brukaren på rum 12"), not with a home or a hospital of many.
    let role_before = |at: usize, room: bool| -> Option<usize> {
        // The kind of unit may stand before its name ("kassören på fritidsgården Oasen").
        let at = unit_kind_before(lower, at).unwrap_or(at);
        // Most capitalised words follow no preposition: the last letter of one ("på", "i",
        // "vid", "at", "in") and its space first.
        let b = lower.as_bytes();
        if at < 3 || b[at - 1] != b' ' || !matches!(b[at - 2], 0xA5 | b'i' | b'd' | b't' | b'n') {
            return None;
        }
        let before = &lower[..at];
        let prepositions: &[&str] = if room {
            &["på ", "i ", "vid ", "at ", "in "]
        } else {
            &["på ", "vid ", "at "]
        };
        let rest = prepositions
            .iter()
            .find_map(|p| before.strip_suffix(p))?
            .strip_suffix(' ')?
            // A role used as a nickname: "\"Kocken\" på Lindängsskolan".
            .trim_end_matches(['"', '”', '’', '\'']);
        let start = super::text::hyphenated_word_start(rest, rest.len());
        if start == rest.len() {
            return None;
        }
        let role = &rest[start..];
        if roles.unique.contains(role)
            || (room && (roles.concerned.contains(role) || ROOM_PERSONS.contains(&role)))
        {
            return Some(start);
        }
        // "vår rektor på Källskolan": the indefinite role after a possessive (the possessive
        // first: the role's definite form is built only then).
        let owner = rest[..start].trim_end_matches(' ');
        let owner_start = owner.rfind(' ').map_or(0, |i| i + 1);
        (start > owner.len()
            && matches!(
                &owner[owner_start..],
                "vår" | "vårt" | "er" | "min" | "our" | "my"
            )
            && unique_indefinite(roles, role))
        .then_some(owner_start)
    };
    for word in words {
        if let Some(start) = role_before(word.start, false) {
            out.push(Finding::new(
                Kind::PersonName,
                "name.description",
                start..word.end,
                Confidence::Medium,
            ));
        }
    }
    heads_of_municipality(lower, out);
    for opener in openers {
        singled_out(lower, roles, opener, out);
        described_at_work(lower, opener, out);
        described_by_clause(lower, roles, opener, out);
    }
    // The names found before this detector, gathered once and only when a room needs them.
    let mut found_names: Option<NameSpans> = None;
    for &at in numbers {
        let end = at
            + lower[at..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(lower.len() - at);
        // "rum 12", "lgh 1102", "avd. 4": the locator noun before the number.
        let before = lower[..at].trim_end_matches(' ').trim_end_matches('.');
        let noun_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic())
            .last()
            .map_or(before.len(), |(i, _)| i);
        let noun = &before[noun_start..];
        if let Some(start) = pupil_of_class(lower, roles, at, end) {
            out.push(Finding::new(
                Kind::PersonName,
                "name.description",
                start..end,
                Confidence::Medium,
            ));
            continue;
        }
        if !LOCATORS.contains(&noun) {
            continue;
        }
        // "Rum 22 – diabetes typ 1": a line of a handover list that opens with a room stands
        // for the one who lives there.
        if OWN_ROOMS.contains(&noun) && opens_line(before, noun_start) && {
            let rest = &lower[end..];
            [" – ", " - ", ": ", " — "]
                .iter()
                .any(|s| rest.starts_with(s))
        } {
            out.push(Finding::new(
                Kind::PersonName,
                "name.description",
                noun_start..end,
                Confidence::Medium,
            ));
            continue;
        }
        if noun_start == 0 {
            continue;
        }
        // A name found already keeps its own finding; the room makes a person only of a word
        // nothing else took for a name ("Lillis i rum 14").
        let mut unnamed = |start: usize| {
            let found = found_names.get_or_insert_with(|| NameSpans::of(out));
            !found.covers(start)
        };
        if let Some(start) = role_before(noun_start, true)
            .or_else(|| named_before(view, lists, noun_start).filter(|&s| unnamed(s)))
        {
            out.push(Finding::new(
                Kind::PersonName,
                "name.description",
                start..end,
                Confidence::Medium,
            ));
        }
    }
}

/// Words before "enda"/"only" that single out one of a group the writer knows ("vår enda
/// skolsköterska", "the only man in the kitchen").
const SINGLING: &[&str] = &[
    "vår", "vårt", "den", "er", "min", "deras", "our", "the", "their", "my",
];

/// Person nouns that a description may single out besides the role lists.
const PERSON_WORDS: &[&str] = &[
    "kille",
    "killen",
    "tjej",
    "tjejen",
    "man",
    "mannen",
    "kvinna",
    "kvinnan",
    "person",
    "personen",
    "medarbetare",
    "medarbetaren",
    "anställd",
    "anställda",
    "elev",
    "eleven",
    "guy",
    "woman",
    "girl",
    "boy",
    "employee",
    "nurse",
    "teacher",
    "cleaner",
    "caretaker",
];

/// "vår enda skolsköterska", "den enda kvinnan i köket", "our only nurse": a person singled out
/// by being the only one of a role or a kind where the writer works identifies them as a name
/// would; medium confidence, rule `name.description`.
fn singled_out(
    lower: &str,
    roles: &crate::patterns::Roles,
    opener: &std::ops::Range<usize>,
    out: &mut Vec<Finding>,
) {
    if lower[opener.clone()].starts_with("bara en")
        || lower[opener.clone()].starts_with("only have the one")
    {
        only_one_aside(lower, opener, out);
        return;
    }
    if !matches!(&lower[opener.clone()], "enda" | "ende" | "only")
        || !lower[..opener.start].ends_with(' ')
        || !lower[opener.end..].starts_with(' ')
    {
        return;
    }
    let at = opener.start - 1;
    let det_start = trailing_run_start(&lower[..at], char::is_alphabetic);
    if !SINGLING.contains(&&lower[det_start..at]) {
        return;
    }
    let word_end = |from: usize| {
        from + lower[from..]
            .find(|c: char| !c.is_alphabetic() && c != '-')
            .unwrap_or(lower.len() - from)
    };
    let mut noun_start = opener.end + 1;
    let mut noun_end = word_end(noun_start);
    // "our only female electrician", "vår enda manliga förskollärare": a word of sex or age
    // between.
    // Where the words after "enda" and its adjective begin.
    let mut described_end = opener.end;
    if SINGLING_ADJECTIVES.contains(&&lower[noun_start..noun_end])
        && lower[noun_end..].starts_with(' ')
    {
        described_end = noun_end;
        noun_start = noun_end + 1;
        noun_end = word_end(noun_start);
    }
    let noun = &lower[noun_start..noun_end];
    // The role is written indefinite after "enda" ("vår enda vaktmästare"); a noun of an
    // agent ("elektriker", "electrician") is a person's trade.
    if PERSON_WORDS.contains(&noun)
        || roles.official.contains(noun)
        || roles.unique.contains(noun)
        || unique_indefinite(roles, noun)
        || agent_noun(noun)
    {
        out.push(Finding::new(
            Kind::PersonName,
            "name.description",
            det_start..noun_end,
            Confidence::Medium,
        ));
        return;
    }
    // "Idrottsläraren på Kvarnskolan, den enda manliga vi har, …", "Skyddsombudet … är den
    // ende där som …": "den enda" in apposition to a person, the group it is one of named
    // after it, singles that person out.
    let head = lower[..det_start].trim_end_matches(' ');
    if lower[det_start..opener.start].trim_end() == "den"
        && (head.ends_with(',') || head.ends_with(" är") || head.ends_with(" var"))
        && person_heads_clause(lower, roles, det_start)
        && GROUP_AFTER_ONLY
            .iter()
            .any(|g| lower[described_end..].starts_with(g))
    {
        out.push(Finding::new(
            Kind::PersonName,
            "name.description",
            det_start..described_end,
            Confidence::Medium,
        ));
    }
}

/// True when the clause before `at` opens with a person noun ("Idrottsläraren på Kvarnskolan,
/// den enda …", "Ledamoten från Västra byn, den enda …"), not a thing ("Boken, den enda i
/// serien …").
fn person_heads_clause(lower: &str, roles: &crate::patterns::Roles, at: usize) -> bool {
    // A clause is read back at most this far; the words that open it are what counts.
    const CLAUSE_REACH: usize = 200;
    let before = &lower[super::text::floor_boundary(lower, at.saturating_sub(CLAUSE_REACH))..at];
    let start = [".", "!", "?", "\n", ":", ";", "(", " - ", " – "]
        .iter()
        .filter_map(|m| before.rfind(m).map(|i| i + m.len()))
        .max()
        .unwrap_or(0);
    let mut words = before[start..]
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty());
    // Past the determiners and "vi har en" before the person noun.
    let Some(word) = words.find(|w| {
        !SINGLING.contains(w)
            && !matches!(*w, "en" | "ett" | "a" | "an" | "vi" | "har" | "we" | "have")
    }) else {
        return false;
    };
    // The definite form of a role ("skyddsombudet", "idrottsläraren") or the role itself.
    [
        Some(word),
        word.strip_suffix("en"),
        word.strip_suffix("et"),
        word.strip_suffix('n'),
    ]
    .into_iter()
    .flatten()
    .any(|w| {
        PERSON_WORDS.contains(&w)
            || roles.unique.contains(w)
            || roles.official.contains(w)
            || roles.concerned.contains(w)
            || agent_noun(w)
    })
}

/// What names the group after "den enda" in apposition ("den enda manliga vi har", "den ende
/// där som är med i Kommunal", "den enda i nämnden som …").
const GROUP_AFTER_ONLY: &[&str] = &[
    " vi har", " där", " här", " i ", " på ", " som ", " av ", " bland ", " we have", " there",
    " here", " in ", " at ", " among ",
];

/// "Vår receptionist i stadshusets entré (vi har bara en) har fått …", "… (det är bara en
/// förare på den linjen)", "(we only have the one)": an aside right after a person that says
/// there is one of them singles that person out; the aside stands for them (rule
/// `name.description`, medium).
fn only_one_aside(lower: &str, opener: &std::ops::Range<usize>, out: &mut Vec<Finding>) {
    // The lead is a few words: the parenthesis is looked for only that far back.
    let from = super::text::floor_boundary(lower, opener.start.saturating_sub(ONLY_ONE_LEAD_MAX));
    let Some(open) = lower[from..opener.start].rfind('(').map(|i| from + i) else {
        return;
    };
    let lead = lower[open + 1..opener.start].trim_end();
    if !ONLY_ONE_LEADS.contains(&lead) || lower[..open].trim_end().ends_with(['.', '!', '?']) {
        return;
    }
    // Only the one-of-a-kind aside itself: "bara en" followed by its noun phrase at most.
    let to = super::text::floor_boundary(lower, (opener.end + ONLY_ONE_REST_MAX).min(lower.len()));
    let Some(close) = lower[opener.end..to].find(')') else {
        return;
    };
    let close = opener.end + close;
    if lower[opener.end..close].contains(['(', ',', '.']) {
        return;
    }
    out.push(Finding::new(
        Kind::PersonName,
        "name.description",
        open..close + 1,
        Confidence::Medium,
    ));
}

/// Longest lead of an only-one aside in bytes, "(" included ("(vi har ju bara en").
const ONLY_ONE_LEAD_MAX: usize = 12;

/// Longest rest of an only-one aside after "bara en", ")" included ("förare på den linjen)").
const ONLY_ONE_REST_MAX: usize = 41;

/// Words that open an aside saying there is only one of a person ("vi har bara en", "det är
/// bara en förare", "we only have the one").
const ONLY_ONE_LEADS: &[&str] = &[
    "vi har",
    "det är",
    "det finns",
    "vi har ju",
    "we",
    "there is",
];

/// Words of sex or age between "enda"/"only" and the person noun.
const SINGLING_ADJECTIVES: &[&str] = &[
    "female",
    "male",
    "young",
    "older",
    "new",
    "kvinnliga",
    "kvinnlige",
    "manliga",
    "manlige",
    "unga",
    "unge",
    "äldre",
    "nya",
    "nye",
];

/// True when `noun` ends like a noun of an agent, a person's trade ("elektriker",
/// "undersköterska", "electrician", "receptionist").
fn agent_noun(noun: &str) -> bool {
    noun.chars().count() >= 6
        && [
            "are", "ör", "ist", "iker", "erska", "log", "man", "ian", "er", "or", "ant", "ent",
        ]
        .iter()
        .any(|e| noun.ends_with(e))
}

/// True when `role` is the indefinite form of a role one person holds ("rektor" of
/// "rektorn", "vaktmästare" of "vaktmästaren").
fn unique_indefinite(roles: &crate::patterns::Roles, role: &str) -> bool {
    ["n", "en"]
        .iter()
        .any(|s| roles.unique.contains(format!("{role}{s}").as_str()))
}

/// Definite person nouns that a place of work after them describes.
const DESCRIBED: &[&str] = &[
    "killen",
    "tjejen",
    "mannen",
    "kvinnan",
    "damen",
    "grabben",
    "snubben",
    "the guy",
    "the girl",
    "the man",
    "the woman",
    "the lady",
];

/// Bytes between a person noun and the clause that places them at work.
const DESCRIPTION_GAP: usize = 40;

/// "tjejen med rött hår som jobbar i kassan på simhallen", "the guy who works at the depot",
/// "kvinnan som bor på Storgatan 12": one person, told by where they work or live, identifies
/// them as a name would; medium confidence, rule `name.description`.
fn described_at_work(lower: &str, opener: &std::ops::Range<usize>, out: &mut Vec<Finding>) {
    let phrase = &lower[opener.clone()];
    if !(phrase.starts_with("som ") || phrase.starts_with("who "))
        || !lower[opener.end..].starts_with(' ')
    {
        return;
    }
    let rest = &lower[opener.end + 1..];
    if !["i ", "på ", "vid ", "at ", "in ", "into "]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return;
    }
    let at = opener.start.saturating_sub(1);
    let from = super::text::floor_boundary(lower, at.saturating_sub(DESCRIPTION_GAP));
    let head = &lower[from..at];
    // The person noun within the gap, in the same clause.
    let Some((i, noun)) = DESCRIBED
        .iter()
        .filter_map(|n| head.rfind(n).map(|i| (i, *n)))
        .max_by_key(|&(i, _)| i)
    else {
        return;
    };
    let start = from + i;
    if !super::text::starts_word(lower, start)
        || lower[start + noun.len()..at].contains([',', '.', ';', '\n'])
    {
        return;
    }
    out.push(Finding::new(
        Kind::PersonName,
        "name.description",
        start..start + noun.len(),
        Confidence::Medium,
    ));
}

/// The offices a municipality has one holder of, in the definite form ("Kommundirektören har
/// …") or, indefinite, after a possessive ("Vår kommundirektör har fått en cancerdiagnos"):
/// the office names its holder as a name does.
const HEADS_OF_MUNICIPALITY: &[&str] = &[
    "kommundirektör",
    "kommunchef",
    "stadsdirektör",
    "socialchef",
    "skolchef",
    "utbildningschef",
    "ekonomichef",
    "personalchef",
    "hr-chef",
    "it-chef",
    "kommunikationschef",
    "säkerhetschef",
    "räddningschef",
];

/// Descriptions by an office of the municipality that one person holds
/// ([`HEADS_OF_MUNICIPALITY`]), rule `name.description`, medium.
fn heads_of_municipality(lower: &str, out: &mut Vec<Finding>) {
    let b = lower.as_bytes();
    for needle in ["chef", "direktör"] {
        for at in memchr::memmem::find_iter(b, needle.as_bytes()) {
            let end = at + needle.len();
            let start = super::text::hyphenated_word_start(lower, at);
            let word_end = lower[end..]
                .find(|c: char| !c.is_alphabetic())
                .map_or(lower.len(), |i| end + i);
            let word = &lower[start..word_end];
            let Some(head) = HEADS_OF_MUNICIPALITY.iter().find(|h| word.starts_with(**h)) else {
                continue;
            };
            let definite = word.len() == head.len() + 2 && word.ends_with("en");
            let owner = lower[..start].trim_end_matches(' ');
            let possessed = word.len() == head.len()
                && ["vår", "vårt", "our", "min"].iter().any(|p| {
                    owner.ends_with(p)
                        && !owner[..owner.len() - p.len()].ends_with(char::is_alphanumeric)
                });
            let from = if possessed {
                owner.rfind(' ').map_or(0, |i| i + 1)
            } else {
                start
            };
            // "fastställd av kommundirektören", "skicka till socialchefen": the office as an
            // agent or an addressee acts in office; only a subject is described.
            let governed = lower[..from]
                .trim_end_matches(' ')
                .rsplit(' ')
                .next()
                .is_some_and(|w| {
                    matches!(
                        w,
                        "av" | "by"
                            | "från"
                            | "from"
                            | "till"
                            | "to"
                            | "hos"
                            | "med"
                            | "with"
                            | "för"
                            | "for"
                    )
                });
            if (definite || possessed) && !governed {
                out.push(Finding::new(
                    Kind::PersonName,
                    "name.description",
                    from..word_end,
                    Confidence::Medium,
                ));
            }
        }
    }
}

/// Openers whose head, a pronoun or "the guy", is the person a relative clause describes.
const PRONOUN_HEADS: &[&str] = &[
    "han som",
    "hon som",
    "the guy who",
    "the man who",
    "the woman who",
    "the girl who",
    "the boy who",
    "the lady who",
];

/// ", hon som började i måndags", ", han som kör rutt 7", ", the guy who drives the red Saab":
/// one person, singled out by what a relative clause in apposition says they do; and
/// "förskolläraren … som är gift med vår IT-chef": one person, told by whom they are married
/// to. Medium confidence, rule `name.description`.
fn described_by_clause(
    lower: &str,
    roles: &crate::patterns::Roles,
    opener: &std::ops::Range<usize>,
    out: &mut Vec<Finding>,
) {
    let phrase = &lower[opener.clone()];
    let span = if let Some(head) = PRONOUN_HEADS.iter().find(|p| phrase == **p) {
        // In apposition to a person the writer knows ("Vår nya receptionist …, hon som
        // började i måndags,"); news tells of an unnamed "han som greps" without one.
        if !lower[..opener.start].trim_end_matches(' ').ends_with(',') {
            return;
        }
        // The pronoun or the noun phrase before " som"/" who".
        opener.start..opener.start + head.len() - " som".len()
    } else if phrase.starts_with("som är ") || phrase.starts_with("who is ") {
        // The definite person noun before, perhaps with its workplace between, in the same
        // clause: "förskolläraren på Vitsippans förskola som är gift med …".
        let from =
            super::text::floor_boundary(lower, opener.start.saturating_sub(2 * DESCRIPTION_GAP));
        let head = &lower[from..opener.start];
        // A word cut by the window's start is no word.
        let cut = if from > 0 {
            head.find(' ').map_or(head.len(), |i| i + 1)
        } else {
            0
        };
        let clause = head[cut..]
            .rfind([',', '.', ';', '\n'])
            .map_or(cut, |i| cut + i + 1);
        let person = |w: &str| {
            DESCRIBED.contains(&w)
                || roles.official.contains(w)
                || roles.unique.contains(w)
                || roles.concerned.contains(w)
                || (w.len() > 6 && ["aren", "ören", "erskan"].iter().any(|e| w.ends_with(e)))
        };
        // The last person noun of the clause, by its own position (not a search for its text,
        // which could land inside a longer word).
        let mut last = None;
        super::keywords::for_each_word(&head[clause..], |s, e| {
            if person(&head[clause + s..clause + e]) {
                last = Some(from + clause + s..from + clause + e);
            }
        });
        let Some(noun) = last else {
            return;
        };
        noun
    } else {
        return;
    };
    out.push(Finding::new(
        Kind::PersonName,
        "name.description",
        span,
        Confidence::Medium,
    ));
}

/// The spans of person names found so far, sorted by start, with the furthest end reached by
/// any span up to each one: whether a position lies inside a name is one binary search (a scan
/// over all findings per room would be quadratic on text full of rooms).
struct NameSpans {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl NameSpans {
    fn of(findings: &[Finding]) -> NameSpans {
        let mut spans: Vec<(usize, usize)> = findings
            .iter()
            .filter(|f| f.kind == Kind::PersonName)
            .map(|f| (f.span.start, f.span.end))
            .collect();
        spans.sort_unstable();
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        NameSpans {
            starts: spans.into_iter().map(|(start, _)| start).collect(),
            reach,
        }
    }

    /// True when some name span contains `at`.
    fn covers(&self, at: usize) -> bool {
        let k = self.starts.partition_point(|&s| s <= at);
        k > 0 && self.reach[k - 1] > at
    }
}

/// Pet-name endings added to a given name ("Lill" → "Lillis", "Maj" → "Majsan").
const PET_ENDINGS: &[&str] = &["is", "isen", "an", "san", "ie"];

/// The start of a capitalised given name, or a pet name made from one, right before "i " or
/// "på " at `at` ("Lillis i rum 14", "Stig på rum 3"): one person holds a room.
fn named_before(view: &Normalized<'_>, lists: &NameLists, at: usize) -> Option<usize> {
    let text = view.text();
    let rest = ["i ", "på "]
        .iter()
        .find_map(|p| text[..at].strip_suffix(p))?
        .strip_suffix(' ')?;
    let start = last_word_start(rest)?;
    let word = &rest[start..];
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    let given = |w: &str| lists.is_given(w) && !lists.is_ambiguous(w);
    // The pet ending is itself the evidence: "Majsan" is a person though "Maj" is a month.
    let pet = || {
        PET_ENDINGS.iter().any(|e| {
            word.strip_suffix(e)
                .is_some_and(|stem| stem.chars().count() >= 3 && lists.is_given(stem))
        })
    };
    (capitalised && word.chars().count() >= 3 && (given(word) || pet())).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_spans_cover_the_inside_of_every_name_even_nested_ones() {
        let name = |r: std::ops::Range<usize>| {
            Finding::new(Kind::PersonName, "name.full", r, Confidence::High)
        };
        let other = Finding::new(Kind::Phone, "phone.se", 40..50, Confidence::High);
        let spans = NameSpans::of(&[name(20..30), other, name(0..12), name(2..5)]);
        for at in [0, 4, 6, 11, 20, 29] {
            assert!(spans.covers(at), "{at} lies inside a name");
        }
        for at in [12, 15, 30, 45] {
            assert!(!spans.covers(at), "{at} lies outside every name");
        }
        assert!(!NameSpans::of(&[]).covers(0));
    }

    #[test]
    fn a_text_is_uncapitalised_when_most_sentences_start_in_lower_case() {
        assert!(uncapitalised("hej. kan du hjälpa mig? sara har ont"));
        assert!(uncapitalised("sammanfatta: ahmed har haft bistånd"));
        assert!(!uncapitalised("Hej. Kan du hjälpa mig? sara har ont"));
        // A tie goes to how the text starts.
        assert!(uncapitalised("behöver hjälp, sara har ont. Vad gör jag?"));
        assert!(!uncapitalised("Behöver hjälp, Sara har ont. vad gör jag?"));
        assert!(!uncapitalised("Sammanfatta detta.\nRapport om läget"));
        // Digits after a decimal point start no sentence that counts.
        assert!(uncapitalised("rast kl 10.40 i dag"));
        assert!(!uncapitalised("12.30 Möte"));
    }

    #[test]
    fn lower_case_names_are_listed_names_that_are_no_words() {
        let lists = NameLists::load(&crate::patterns::PatternSource::Embedded)
            .unwrap_or_else(|e| unreachable!("{e}"));
        let starts = |text: &str| {
            let lower = text.to_lowercase();
            lower_case_names(text, &lower, &lists)
                .into_iter()
                .map(|s| text[s..].split(' ').next().unwrap_or("").to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(starts("ahmed hussein har bistånd"), ["ahmed", "hussein"]);
        assert_eq!(starts("annas mamma ringde"), ["annas"]);
        assert_eq!(starts("maria lund ringde"), ["maria", "lund"]);
        // Names that are also words, and surnames without a given name before them.
        assert!(starts("en lina, en knut och ramadan").is_empty());
        assert!(starts("vi har berg och lund i parken").is_empty());
        // Capitalised words are left as they are.
        assert!(starts("Ahmed Hussein har bistånd").is_empty());
    }

    fn token(text: &str, word: &str) -> Token {
        let start = text.find(word).unwrap_or(0);
        Token {
            start,
            end: start + word.len(),
        }
    }

    #[test]
    fn ages_before_and_after() {
        for (text, word) in [
            ("om Leyla, 16 år, som", "Leyla"),
            ("om Leyla (13 år) vars", "Leyla"),
            ("16-åriga Leyla har", "Leyla"),
        ] {
            assert!(has_age(text, token(text, word)), "{text}");
        }
        assert!(!has_age(
            "Leyla har 16 bilar",
            token("Leyla har 16 bilar", "Leyla")
        ));
        assert!(!has_age("Leyla, 16 åren", token("Leyla, 16 åren", "Leyla")));
    }

    #[test]
    fn classes() {
        let text = "leyla går i klass 7b och";
        assert!(has_class(text, text, token(text, "leyla")));
        let text = "leyla i 7b har";
        assert!(has_class(text, text, token(text, "leyla")));
        let text = "leyla har 7 bilar";
        assert!(!has_class(text, text, token(text, "leyla")));
    }

    #[test]
    fn hyphenated_words_are_joined() {
        let text = "Hej Anna-Karin Öberg, och ÅSA.";
        let mut words = Vec::new();
        crate::detect::keywords::for_each_word(text, |s, e| {
            if starts_upper(text.as_bytes(), s) {
                words.push(s..e);
            }
        });
        let joined: Vec<&str> = join_hyphenated(text, &words)
            .into_iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(joined, vec!["Hej", "Anna-Karin", "Öberg", "ÅSA"]);
    }
}
