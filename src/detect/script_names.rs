//! Names written in the scripts of residents' letters that are not Latin: Cyrillic (Russian,
//! Ukrainian), Arabic script (Arabic, Persian, Dari, Sorani) and Ge'ez (Tigrinya, Amharic).
//!
//! Staff paste such a letter for a translation ("Це Оксана Гнатюк з групи …", "أنا أحمد
//! الزبيدي، رقمي …"). The name lists are Latin, so these names are read from the way a letter
//! writes them: in Cyrillic, two or more capitalised words in a row (the script has capitals,
//! and only proper names take them inside a sentence); in scripts without capitals, the words a
//! writer introduces themself with ("my name is …", "I am … ,").
//!
//! A text without a letter of these scripts is never read here (the normalised view tells it
//! at no cost).

use std::ops::Range;

use super::finding::{Confidence, Finding, Kind};
use super::normalize::Normalized;

/// The rule of every finding made here.
pub const RULE: &str = "name.script";

/// The most words a name introduced by a phrase may have.
const MAX_WORDS: usize = 3;

/// How a writer introduces themself, and what may close the name after the phrase.
struct Introduction {
    /// The phrase before the name, a whole word or words.
    phrase: &'static str,
    /// A word that ends the name (a copula after it: Persian "هستم", Tigrinya "እዩ"), if the
    /// language puts one there; otherwise the name runs to the next punctuation.
    closer: Option<&'static str>,
    /// A letter the name's last word ends with, the copula written onto it (Sorani "من
    /// ڕێژین عوسمانم", "I am Rezhin Osman"): the name is read without it.
    suffix: Option<char>,
    /// The fewest words of the name: a bare "I am" is followed by many things that are no
    /// name ("أنا أم لطفلين"), so it takes a first and a last name.
    min_words: usize,
}

/// Words that end a name introduced without a closer, before where the writer lives or is
/// ("أنا رنا خليل من Fornbyvägen 9", "I am Rana Khalil from …"): Arabic "from", "in";
/// Persian "from", "in", "and", "is" ("نام دخترم سحر حیدری و پسرم …", "my daughter's name is
/// Sahar Heydari and my son's …").
const NAME_ENDS: &[&str] = &["من", "في", "از", "در", "و", "است"];

/// The introductions read, by script. Arabic: "my name is", "I am"; Persian and Dari: "my
/// name is", "I am … (hastam)"; Sorani: "my name is"; Tigrinya: "my name is … (iyu)"; Amharic:
/// "my name is … (new)"; Pashto: "I am … (yam)".
const INTRODUCTIONS: &[Introduction] = &[
    Introduction {
        phrase: "اسمي",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "أنا",
        closer: None,
        suffix: None,
        min_words: 2,
    },
    Introduction {
        phrase: "انا",
        closer: None,
        suffix: None,
        min_words: 2,
    },
    Introduction {
        phrase: "اسم من",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "نام من",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    // "The name of my daughter/son is …" (Persian and Dari, Arabic).
    Introduction {
        phrase: "نام دخترم",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "نام پسرم",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "اسم دخترم",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "اسم پسرم",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "اسم ابني",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "اسم ابنتي",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "من",
        closer: Some("هستم"),
        suffix: None,
        min_words: 2,
    },
    Introduction {
        phrase: "من",
        closer: None,
        suffix: Some('م'),
        min_words: 2,
    },
    Introduction {
        phrase: "زه",
        closer: Some("یم"),
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "ناوم",
        closer: None,
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "ሽመይ",
        closer: Some("እዩ"),
        suffix: None,
        min_words: 1,
    },
    Introduction {
        phrase: "ስሜ",
        closer: Some("ነው"),
        suffix: None,
        min_words: 1,
    },
];

/// Finds the names of a text in Cyrillic, Arabic or Ge'ez script.
pub fn find(view: &Normalized<'_>, out: &mut Vec<Finding>) {
    let letters = view.other_scripts();
    if letters.is_empty() {
        return;
    }
    let text = view.text();
    let words = words_of_other_scripts(text, letters);
    if words.is_empty() {
        return;
    }
    cyrillic_runs(text, &words, out);
    introduced(text, &words, out);
    before_class(text, &words, out);
    kin_apposition(text, &words, out);
}

/// Words for a class at school after "in" or "from" ("في الصف 3A", "من الصف", Persian and Dari
/// "در صنف ۶ب", "در کلاس"): the words before them name the pupil in the class.
const CLASS_WORDS: &[&str] = &["الصف", "صف", "الفصل", "صنف", "کلاس", "پۆلی", "پۆل"];

/// Prepositions before [`CLASS_WORDS`]: Arabic "in", "from"; Persian "in"; Sorani "in".
const CLASS_PREPOSITIONS: &[&str] = &["في", "من", "در", "لە"];

/// Words for one's own child or spouse right before their name ("ابنتي ليلى", "my daughter
/// Layla"; "دخترم زهرا رضایی"; Amharic "ልጄ አብዲ ሁሴን", "my child Abdi Hussein").
const KIN: &[&str] = &[
    "ابني",
    "ابنتي",
    "بنتي",
    "ولدي",
    "طفلي",
    "طفلتي",
    "دخترم",
    "پسرم",
    "فرزندم",
    // "بچه‌ام" ("my child") as the normalised view reads it, without the zero-width joiner.
    "بچهام",
    "کوڕەکەم",
    "کچەکەم",
    "ልጄ",
    "ወደይ",
    "ጓለይ",
    "ውላደይ",
    "أبي",
    "أمي",
    "والدي",
    "والدتي",
    "زوجي",
    "زوجتي",
    "پدرم",
    "مادرم",
    "شوهرم",
    "همسرم",
    "باوکم",
    "دایکم",
];

/// Commas of the scripts read here and of Latin text.
const COMMAS: &[char] = &['،', ','];

/// A relative named in an apposition after a word for them, between commas ("باوکم، ڕەحیم
/// محەمەدی، ئەندامی …", Sorani "my father, Rahim Mohammadi, a member of …"): one to three
/// words of the same script.
fn kin_apposition(text: &str, words: &[(Range<usize>, Script)], out: &mut Vec<Finding>) {
    for k in 0..words.len() {
        if !KIN.contains(&&text[words[k].0.clone()]) {
            continue;
        }
        let Some(first) = words.get(k + 1) else {
            continue;
        };
        let gap = &text[words[k].0.end..first.0.start];
        if !gap.starts_with(COMMAS) || gap.trim_start_matches(COMMAS) != " " {
            continue;
        }
        for last in k + 1..(k + 1 + MAX_WORDS).min(words.len()) {
            if words[last].1 != first.1
                || (last > k + 1 && &text[words[last - 1].0.end..words[last].0.start] != " ")
            {
                break;
            }
            if text[words[last].0.end..].starts_with(COMMAS) {
                push_name(out, first.0.start..words[last].0.end);
                break;
            }
        }
    }
}

/// Words that open a phrase about many ("all", "some", "the pupils"), never a name's first word.
const NOT_FIRST_NAMES: &[&str] = &[
    "جميع",
    "كل",
    "بعض",
    "أحد",
    "هذا",
    "هذه",
    "طلاب",
    "تلاميذ",
    "أطفال",
    "همه",
    "بعضی",
    "یک",
    "این",
    "آن",
    "شاگردان",
];

/// A pupil named before the class they are in, in a script without capitals: one or two words
/// right after a word for one's child, or two words that open no phrase about many, before "in
/// class 6B" ("ابنتي ليلى في صف 6B", "نرحب بعودة مريم خليل من الصف 3A", "دخترم زهرا رضایی
/// در صنف ۶ب"; Amharic "ልጄ አብዲ ሁሴን በ5A ክፍል", "in 5A" written onto the class). The class
/// must be written as one (a digit follows).
fn before_class(text: &str, words: &[(Range<usize>, Script)], out: &mut Vec<Finding>) {
    let spaced = |a: usize, b: usize| &text[words[a].0.end..words[b].0.start] == " ";
    let digit_at = |at: usize| {
        text[at..].trim_start_matches(' ').starts_with(|c: char| {
            // ASCII, Arabic-Indic and Persian digits ("6B", "٦ب", "۶ب").
            c.is_ascii_digit()
                || ('\u{0660}'..='\u{0669}').contains(&c)
                || ('\u{06F0}'..='\u{06F9}').contains(&c)
        })
    };
    for k in 2..words.len() {
        let word = &text[words[k].0.clone()];
        let arabic_class = CLASS_PREPOSITIONS.contains(&word)
            && words.get(k + 1).is_some_and(|(r, _)| {
                CLASS_WORDS.contains(&&text[r.clone()]) && spaced(k, k + 1) && digit_at(r.end)
            });
        // Amharic "በ" ("in") written onto the class: "በ5A".
        let ethiopic_class = word == "በ" && digit_at(words[k].0.end);
        if !(arabic_class || ethiopic_class) || !spaced(k - 1, k) {
            continue;
        }
        let script = words[k].1;
        let same = |i: usize| words[i].1 == script;
        let kin = |i: usize| KIN.contains(&&text[words[i].0.clone()]);
        let first = if kin(k - 2) && same(k - 1) && spaced(k - 2, k - 1) {
            k - 1
        } else if k >= 3 && kin(k - 3) && same(k - 2) && spaced(k - 3, k - 2) {
            k - 2
        } else if same(k - 2) && same(k - 1) && spaced(k - 2, k - 1) && !kin(k - 1) && !kin(k - 2) {
            let first = &text[words[k - 2].0.clone()];
            if first.starts_with("ال") || NOT_FIRST_NAMES.contains(&first) {
                continue;
            }
            k - 2
        } else if same(k - 1)
            && text[..words[k - 1].0.start]
                .trim_end_matches(' ')
                .ends_with(['،', ',', '.', '\n', ':'])
            && !text[words[k - 1].0.clone()].starts_with("ال")
            && !NOT_FIRST_NAMES.contains(&&text[words[k - 1].0.clone()])
        {
            // One word opening its clause: "مرحباً، لانا في صف 6A …" ("Hello, Lana in 6A …").
            k - 1
        } else {
            continue;
        };
        push_name(out, words[first].0.start..words[k - 1].0.end);
    }
}

/// The words of `text` written in one of the scripts read here, with their script, from
/// where each character of those scripts starts (`letters`, in order).
fn words_of_other_scripts(text: &str, letters: &[usize]) -> Vec<(Range<usize>, Script)> {
    let mut words = Vec::new();
    let mut current: Option<(Range<usize>, Script)> = None;
    for &at in letters {
        // A combining mark already read with the letter before it.
        if current.as_ref().is_some_and(|(word, _)| at < word.end) {
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        // The letter with the vowel signs and shadda written on it ("سرّي").
        let end = at
            + c.len_utf8()
            + text[at + c.len_utf8()..]
                .chars()
                .take_while(|&m| is_mark(m))
                .map(char::len_utf8)
                .sum::<usize>();
        match (&mut current, script_of(c)) {
            (Some((word, s)), Some(t)) if word.end == at && *s == t => word.end = end,
            (_, script) => {
                words.extend(current.take());
                current = script.map(|t| (at..end, t));
            }
        }
    }
    words.extend(current);
    words
}

/// The scripts a name is read in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Cyrillic,
    Arabic,
    Ethiopic,
}

/// The script of a letter, when it is one read here.
fn script_of(c: char) -> Option<Script> {
    match c {
        '\u{0400}'..='\u{04FF}' if c.is_alphabetic() => Some(Script::Cyrillic),
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D5}' | '\u{06FA}'..='\u{06FF}' => {
            Some(Script::Arabic)
        }
        '\u{1200}'..='\u{135A}' => Some(Script::Ethiopic),
        _ => None,
    }
}

/// A combining mark (Arabic vowel signs and shadda).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Words that open a Cyrillic sentence, capitalised there, before a name ("Це Оксана …",
/// "Уважаемая Анна Петровна"): never the name's first word.
const CYRILLIC_OPENERS: &[&str] = &[
    "Це",
    "Это",
    "Я",
    "Мы",
    "Ми",
    "Мене",
    "Меня",
    "Моя",
    "Мой",
    "Мій",
    "Наш",
    "Наша",
    "Ваш",
    "Ваша",
    "Вот",
    "Тут",
    "Здравствуйте",
    "Добрий",
    "Добрый",
    "Привіт",
    "Привет",
    "Уважаемый",
    "Уважаемая",
    "Шановний",
    "Шановна",
    "Дорогой",
    "Дорогая",
    "Дорогий",
    "Дорога",
    "Пан",
    "Пані",
    "Господин",
    "Госпожа",
];

/// Two or three capitalised Cyrillic words in a row, separated by single spaces: a name
/// ("Галина Петровна Козлова", "Оксана Гнатюк"). Words in capitals throughout are a stamp or
/// an abbreviation, not a name.
fn cyrillic_runs(text: &str, words: &[(Range<usize>, Script)], out: &mut Vec<Finding>) {
    let capitalised = |r: &Range<usize>| {
        let mut chars = text[r.clone()].chars();
        chars.next().is_some_and(char::is_uppercase)
            && text[r.clone()].chars().count() >= 2
            && chars.all(|c| c.is_lowercase() || c == '\'' || c == '’')
    };
    let mut k = 0;
    while k < words.len() {
        let (first, script) = &words[k];
        if *script != Script::Cyrillic
            || !capitalised(first)
            || CYRILLIC_OPENERS.contains(&&text[first.clone()])
        {
            k += 1;
            continue;
        }
        let mut end = k;
        while end + 1 < words.len()
            && end + 1 - k < MAX_WORDS
            && words[end + 1].1 == Script::Cyrillic
            && capitalised(&words[end + 1].0)
            && &text[words[end].0.end..words[end + 1].0.start] == " "
        {
            end += 1;
        }
        if end > k {
            out.push(Finding::new(
                Kind::PersonName,
                RULE,
                first.start..words[end].0.end,
                Confidence::Medium,
            ));
        }
        k = end + 1;
    }
}

/// The name a writer introduces themself with, in a script without capitals.
fn introduced(text: &str, words: &[(Range<usize>, Script)], out: &mut Vec<Finding>) {
    for intro in INTRODUCTIONS {
        let phrase: Vec<&str> = intro.phrase.split(' ').collect();
        for k in 0..words.len() {
            let Some(after) = phrase_at(text, words, k, &phrase) else {
                continue;
            };
            if let Some(name) = name_after(text, words, after, intro) {
                push_name(out, name);
            }
        }
    }
}

/// Adds the name at `span`, unless a name of this rule already starts there.
fn push_name(out: &mut Vec<Finding>, span: Range<usize>) {
    if !out
        .iter()
        .any(|f| f.rule == RULE && f.span.start == span.start)
    {
        out.push(Finding::new(
            Kind::PersonName,
            RULE,
            span,
            Confidence::Medium,
        ));
    }
}

/// The index of the word after `phrase` when the words from `k` spell it, with single spaces
/// between them.
fn phrase_at(
    text: &str,
    words: &[(Range<usize>, Script)],
    k: usize,
    phrase: &[&str],
) -> Option<usize> {
    let spelled = phrase.iter().enumerate().all(|(i, p)| {
        words
            .get(k + i)
            .is_some_and(|(r, _)| &text[r.clone()] == *p)
            && (i == 0 || &text[words[k + i - 1].0.end..words[k + i].0.start] == " ")
    });
    spelled.then_some(k + phrase.len())
}

/// The name after an introduction ending before word `from`: up to [`MAX_WORDS`] words of the
/// same script, separated by single spaces, closed by the introduction's closer or by
/// punctuation.
fn name_after(
    text: &str,
    words: &[(Range<usize>, Script)],
    from: usize,
    intro: &Introduction,
) -> Option<Range<usize>> {
    let (first, script) = words.get(from)?;
    if !text[words[from - 1].0.end..first.start].trim().is_empty()
        || NAME_ENDS.contains(&&text[first.clone()])
    {
        return None;
    }
    if let Some(suffix) = intro.suffix {
        return suffixed_name(text, words, from, intro.min_words, suffix);
    }
    let mut end = from;
    loop {
        let next = end + 1;
        let gap_is_space = words
            .get(next)
            .is_some_and(|(r, s)| s == script && &text[words[end].0.end..r.start] == " ");
        let closes = words
            .get(next)
            .is_some_and(|(r, _)| intro.closer == Some(&text[r.clone()]));
        if intro.closer.is_some() && gap_is_space && closes {
            break;
        }
        // Arabic writes "and" onto the next word: after "my name is", "اسمي رنا الحسن وأسكن في
        // …" ("… Rana al-Hassan and I live in …") ends the name before "وأسكن" as before a word
        // above (after a bare "I am" the words may be a description: "أنا أم لطفلين وأعيش").
        let names_it = intro.phrase.starts_with("اسم") || intro.phrase.starts_with("نام");
        // With a closer, a place word ends the name too when the closer follows it ("من رضا
        // کریمی از اتاق ۲۱۴ هستم", "I am Reza Karimi from room 214").
        let closer_later = intro.closer.is_some_and(|closer| {
            words[next.min(words.len())..]
                .iter()
                .take(6)
                .any(|(r, _)| &text[r.clone()] == closer)
        });
        let ends = (intro.closer.is_none() || closer_later)
            && words.get(next).is_some_and(|(r, _)| {
                let word = &text[r.clone()];
                NAME_ENDS.contains(&word) || (names_it && next - from >= 2 && word.starts_with('و'))
            });
        // Two words, a given name and a family name, before such a word: three are as often
        // a description ("أنا أم لطفلين وأعيش في …", "I am a mother of two and live in").
        if gap_is_space && ends && next - from <= 2 {
            break;
        }
        if !gap_is_space || next - from >= MAX_WORDS {
            if intro.closer.is_some() {
                return None;
            }
            // Without a closer the name ends at punctuation.
            let rest = text[words[end].0.end..].trim_start_matches(' ');
            if !rest.starts_with([',', '،', '.', '\n', '!', '-', '(']) {
                return None;
            }
            break;
        }
        end = next;
    }
    (end + 1 - from >= intro.min_words).then(|| first.start..words[end].0.end)
}

/// The name of `min_words` to [`MAX_WORDS`] words from word `from` whose last word ends with
/// `suffix`, without it.
fn suffixed_name(
    text: &str,
    words: &[(Range<usize>, Script)],
    from: usize,
    min_words: usize,
    suffix: char,
) -> Option<Range<usize>> {
    let script = words[from].1;
    for end in from..(from + MAX_WORDS).min(words.len()) {
        let (r, s) = &words[end];
        if *s != script || (end > from && &text[words[end - 1].0.end..r.start] != " ") {
            return None;
        }
        let word = &text[r.clone()];
        // Persian writes the copula as a word of its own ("من لیلا رحیمی هستم"), and the
        // perfect tense ends in "-ه‌ام" ("من مسیحی شده‌ام", "I have become a Christian"; the
        // normalised view drops the zero-width non-joiner): a verb, no name.
        if word == "هستم" || word.ends_with("هام") {
            return None;
        }
        if word.ends_with(suffix) && word.chars().count() > 2 {
            return (end + 1 - from >= min_words)
                .then(|| words[from].0.start..r.end - suffix.len_utf8());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let view = Normalized::new(text);
        let mut out = Vec::new();
        find(&view, &mut out);
        out.iter()
            .map(|f| view.text()[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn reads_capitalised_cyrillic_words_in_a_row() {
        assert_eq!(
            names("Добрий день. Це Оксана Гнатюк з групи."),
            ["Оксана Гнатюк"]
        );
        assert_eq!(
            names("Моя мама, Галина Петровна Козлова, живёт у вас."),
            ["Галина Петровна Козлова"]
        );
        assert!(names("Здравствуйте. Моя мама живёт у вас. КОНФИДЕНЦИАЛЬНО").is_empty());
    }

    #[test]
    fn reads_the_name_a_writer_introduces_themself_with() {
        assert_eq!(
            names("السلام عليكم، أنا أحمد الزبيدي، رقمي"),
            ["أحمد الزبيدي"]
        );
        assert_eq!(names("با سلام، من لیلا رحیمی هستم. دو"), ["لیلا رحیمی"]);
        assert_eq!(names("ሰላም። ሽመይ ተስፋይ ገብረሚካኤል እዩ።"), ["ተስፋይ ገብረሚካኤል"]);
        assert_eq!(names("سڵاو، من ڕێژین عوسمانم لە پۆلی"), ["ڕێژین عوسمان"]);
        assert_eq!(names("أنا رنا خليل من Fornbyvägen 9."), ["رنا خليل"]);
        assert_eq!(names("سلام ورور، زه عبدالولي یم. نن"), ["عبدالولي"]);
        // Vowel signs on every letter stay inside the words.
        assert_eq!(names("اسمي سَارَة، أنا"), ["سَارَة"]);
        // "I am a mother of two children, and …": no name without punctuation after it.
        assert!(names("أنا أم لطفلين وأعيش في المدينة منذ سنتين.").is_empty());
        assert!(names("Hej, jag heter Anna.").is_empty());
        // "My daughter's name is Sahar Heydari and my son's …"; "my name is Rana al-Hassan and
        // I live …".
        assert_eq!(names("نام دخترم سحر حیدری و پسرم"), ["سحر حیدری"]);
        assert_eq!(names("اسمي رنا الحسن وأسكن في Vallby"), ["رنا الحسن"]);
        // "I am Reza Karimi from room 214"; "I have become a Christian" names nobody.
        assert_eq!(names("سلام، من رضا کریمی از اتاق ۲۱۴ هستم."), ["رضا کریمی"]);
        assert!(names("من مسیحی شده\u{200C}ام و").is_empty());
        assert!(names("من مسیحی شدهام و").is_empty());
    }

    #[test]
    fn reads_a_pupil_named_before_the_class() {
        assert_eq!(names("ابنتي ليلى في صف 6B في مدرسة"), ["ليلى"]);
        assert_eq!(names("نرحب بعودة مريم خليل من الصف 3A بعد"), ["مريم خليل"]);
        assert_eq!(names("دخترم زهرا رضایی در صنف ۶ب است"), ["زهرا رضایی"]);
        assert_eq!(names("ልጄ አብዲ ሁሴን በ5A ክፍል ይማራል።"), ["አብዲ ሁሴን"]);
        // "All pupils in class 3A", "the pupils in class 3A": no name; a class without its
        // number is none either.
        assert!(names("جميع الطلاب في الصف 3A").is_empty());
        assert!(names("كل الطلاب في الصف 3A").is_empty());
        assert!(names("مريم خليل في الصف الثالث").is_empty());
        // A letter of the script after the class word is no class number ("in class one").
        assert!(names("زهرا رضایی در کلاس یک است").is_empty());
        // One word opening its clause; not "the pupils".
        assert_eq!(names("مرحباً، لانا في صف 6A لديها"), ["لانا"]);
        assert!(names("مرحباً، الطلاب في صف 6A").is_empty());
    }

    #[test]
    fn reads_a_relative_named_between_commas() {
        assert_eq!(
            names("سڵاو. باوکم، ڕەحیم محەمەدی، ئەندامی حیزبی"),
            ["ڕەحیم محەمەدی"]
        );
        assert!(names("باوکم، ئەو کاتە کە هات بۆ سوید زۆر نەخۆش بوو و").is_empty());
    }
}
