//! Person linkage: which identified person, if any, a sensitive finding is about.
//!
//! A sensitive word blocks only when it is data *about an identifiable person* (SPEC.md, issue
//! 10), not when a name and a sensitive word merely share a prompt. The rules, in order:
//!
//! 1. **Same sentence.** A person named in the sentence (or clause) that holds the word is its
//!    subject, object or owner ("Eva Mattsson är sjukskriven", "orosanmälan om Leyla, vars pappa
//!    missbrukar alkohol", "brukaren Jonas Meyer är hiv-positiv"). A name marked as an
//!    *official* (a staff or expert role before it, "psykiatern X", "Handläggare: X", or in
//!    apposition after it, "X, psykolog", "X (S)") is linked only as the subject of what follows
//!    it, never across reported content ("att", "that"), nor to a word before it.
//! 2. **Reference.** A pronoun or a definite role noun of the person concerned in that sentence
//!    ("hon", "hennes", "his", "brukaren", "the client") refers back to the person named
//!    shortly before, unless an indefinite person ("en kvinna", "a client", "någon") stands
//!    between them. The second person ("du", "your") refers to the person greeted by name
//!    ("Hej Tomas!"), the first person to the sender named in a "From:" line.
//! 3. **Record.** A block headed by a person (a label such as "Elev:" or "Brukare:", or a name
//!    with an age, class or identity number at the start of a line) is about that person down
//!    to the next blank line.
//!
//! Sentences end at line breaks, tabs, table bars, quotation marks, `? ! ;`, a colon before a
//! space and a full stop before a space (not after an abbreviation). A sensitive word that is
//! itself a staff role ("demenssjuksköterska") names a profession and is linked to nobody.
//!
//! Linked findings get the person's id in [`Finding::person`]: the byte offset of the person's
//! anchor mention. Identifiers of a person (names, identity numbers, and the e-mail addresses,
//! phone numbers and addresses written with a name) carry the same id, so that the policy can
//! ask whether a sensitive finding's person is identified by an identifier it counts.

use std::ops::Range;

use super::context::Context;
use super::finding::{Category, Confidence, Finding, Kind};
use super::keywords::for_each_word;
use super::names;
use super::normalize::Normalized;
use super::text::{floor_boundary, line_around};
use super::vocab::FOREIGN_RULE;
use crate::patterns::{NameLists, Roles, Sex, Work};

/// Longest stretch (bytes) read on each side of a word for its sentence.
const UNIT_MAX: usize = 400;
/// A pronoun's antecedent is named at most this far (bytes) before it.
const ANAPHOR_REACH: usize = 600;
/// The greeted person or the sender is named at most this far before a "du" or "jag".
const ADDRESS_REACH: usize = 1500;
/// A record's subject heads it at most this far before a word of the record.
const RECORD_REACH: usize = 1500;
/// A pronoun with nobody named before it refers to a person named at most this far after it.
const CATAPHOR_REACH: usize = 250;
/// A lone given name refers to an earlier full name at most this far back.
const COREF_REACH: usize = 2048;
/// A phone number, address or identity number belongs to the name written at most this far
/// before it on the same line.
const ATTACH_REACH: usize = 160;

/// One mention of a person: a name, an identity number or a personal e-mail address.
#[derive(Clone, Copy, Debug, Default)]
struct Mention {
    start: usize,
    end: usize,
    /// Index of the finding.
    finding: usize,
    /// The person's id (offset of the anchor mention).
    id: usize,
    /// A staff member or expert acting in office.
    official: bool,
    /// Named as the source of a report ("enligt X", "säger X"): an official, and never the
    /// subject of the clause around it.
    source: bool,
    /// A single given name below the acting threshold.
    lone_given: bool,
    /// A name, as opposed to a number or an address.
    name: bool,
    /// A character of fiction or a supposed case: what is said of them is said of nobody, and
    /// they are still the one it is said of ("chefen Kim och den påhittade medarbetaren Robin,
    /// som varit sjukskriven …" is about Robin, not Kim).
    invented: bool,
    /// Greeted by name ("Hej Tomas").
    greeted: bool,
    /// Named as the sender of a message.
    sender: bool,
    /// A family or couple named by its surname ("familjen Kaya", "the Kaya family"): a sender
    /// who writes "vi".
    household: bool,
    /// Signs the message after its text ("mvh Fatima Ali", "Hälsningar\nRobin Ek", "/Kalle").
    signoff: bool,
    /// Named by the writer as themself ("jag heter Jonas Berglund", "my name is …").
    introduced: bool,
    /// Heads a record about them.
    record: bool,
    /// A phone number, address or e-mail address written without a name: it identifies the
    /// person a sentence refers to ("ring 073-… till kvinnan som …") or the person a message
    /// goes to ("SMS till 076-…"), never a clinic on its own.
    weak: bool,
    /// An address that says where a person noun right before it lives ("damen på Vallgatan
    /// 12B", "brukaren i lgh 1103"): a later pronoun or role noun can point back to it.
    resident: bool,
    /// The sex nearly all bearers of the name's first word have ("Anna", "Per"), if one.
    sex: Option<Sex>,
}

/// Links the sensitive findings of one scan to the persons they are about, and marks every
/// identifier of a person with that person's id. Spans are offsets of `view`'s text.
pub fn link(
    view: &Normalized<'_>,
    lists: &NameLists,
    context: &Context<'_>,
    findings: &mut [Finding],
) {
    if !findings
        .iter()
        .any(|f| matches!(f.kind, Kind::Sensitive(_)))
    {
        return;
    }
    let roles = &lists.roles;
    let (text, lower) = (view.text(), view.lower());
    let other_scripts = view.other_scripts();
    let mentions = mentions(text, lower, lists, context, findings);
    for m in mentions.iter().filter(|m| !m.invented) {
        findings[m.finding].person = Some(m.id);
    }
    attach(lower, &mentions, findings);
    let mentions = with_contacts(lower, roles, mentions, findings);
    if mentions.is_empty() {
        return;
    }
    let reader = Reader {
        text,
        lower,
        roles,
        mentions: &mentions,
    };
    let mut raised = Vec::new();
    for f in findings.iter_mut() {
        if !matches!(f.kind, Kind::Sensitive(_)) {
            continue;
        }
        if f.kind == Kind::Sensitive(Category::Union) && contact_line(lower, &f.span) {
            continue;
        }
        let in_text = reader.about(&f.span);
        if in_text.is_none()
            && let Some(m) = reader.reported(&f.span, f.kind)
        {
            f.person = Some(mentions[m].id);
            // The report is as sure as the act it reports: "Polisanmälan gjord" after the
            // suspicion.
            f.confidence = f.confidence.max(Confidence::Medium);
            continue;
        }
        let about = in_text
            .or_else(|| biometric_owner(lower, &mentions, f).map(|m| (m, false)))
            .or_else(|| concerned_next(lower, roles, &mentions, &f.span).map(|m| (m, false)))
            .or_else(|| named_after(lower, &mentions, &f.span).map(|m| (m, false)))
            .or_else(|| named_next(lower, roles, &mentions, &f.span).map(|m| (m, false)))
            .or_else(|| quoted_speaker(lower, &mentions, &f.span).map(|m| (m, false)))
            .or_else(|| same_record(lower, &mentions, &f.span).map(|m| (m, false)))
            .or_else(|| {
                (f.kind == Kind::Sensitive(Category::Health))
                    .then(|| reading_of(lower, &mentions, &f.span))
                    .flatten()
                    .map(|m| (m, false))
            })
            .or_else(|| {
                (f.rule == FOREIGN_RULE
                    || (f.confidence >= Confidence::Medium
                        && foreign_passage(lower, &f.span, other_scripts)))
                .then(|| passage_person(lower, &mentions, &f.span))
                .flatten()
                .map(|m| (m, false))
            });
        if let Some((m, direct)) = about {
            if mentions[m].invented {
                continue;
            }
            f.person = Some(mentions[m].id);
            // "Henrik … har gift sig med sin man": a partner of the subject's own sex. "sin"
            // points to the subject, named before it in the sentence (not the partner's name
            // after it).
            if f.confidence < Confidence::Medium
                && let Some(sex) = partner_sex(&lower[f.span.clone()])
                    .or_else(|| partner_named_after(&mentions, &lower[f.span.clone()], f.span.end))
                && let Some(subject) = reflexive_subject(text, &mentions, &f.span)
                && mentions[subject].sex == Some(sex)
            {
                f.confidence = Confidence::Medium;
                f.person = Some(mentions[subject].id);
            }
            // "Ingvar Persson … Han lever med sin manliga partner": the subject a pronoun of
            // the partner's sex, standing for the person the finding was tied to.
            if f.confidence < Confidence::Medium
                && let Some(sex) = partner_sex(&lower[f.span.clone()])
                && pronoun_subject(text, lower, &f.span) == Some(sex)
                && mentions[m].sex.is_none_or(|s| s == sex)
            {
                f.confidence = Confidence::Medium;
            }
            // "På mötet sa chefen att Erik Nyman är gift med en man": a partner's sex said
            // outright, of the named person it is tied to, who is of that sex.
            if f.confidence < Confidence::Medium
                && !lower[f.span.clone()].starts_with("sin ")
                && let Some(sex) = partner_sex(&lower[f.span.clone()])
                && mentions[m].name
                && mentions[m].sex == Some(sex)
            {
                f.confidence = Confidence::Medium;
            }
            // A column named by a weak word ("Sympatiserar med" over rows of names and parties)
            // holds that datum of each person: as sure as the word in a sentence about them.
            if f.confidence < Confidence::Medium && header_cell(text, &f.span) {
                f.confidence = Confidence::Medium;
            }
            // A first name heading a record ("Ahmed, 41. Diagnos: …") is singled out by the
            // detail after it, like one that is the subject of its sentence.
            if (direct || mentions[m].record) && mentions[m].lone_given {
                raised.push(mentions[m].finding);
            }
        }
    }
    raise(findings, &raised);
}

/// How far (bytes) the braces of a record are looked for around a word.
const OBJECT_REACH: usize = 400;

/// Keys of a record written as code or JSON whose value is the person the record is about (not
/// the case officer who handles it: `"handlaggare": "Stig Holmgren"`).
const SUBJECT_KEYS: &[&str] = &[
    "child",
    "barn",
    "barnet",
    "name",
    "namn",
    "full_name",
    "fullname",
    "elev",
    "eleven",
    "student",
    "pupil",
    "client",
    "klient",
    "brukare",
    "brukaren",
    "patient",
    "person",
    "resident",
    "boende",
    "tenant",
    "hyresgast",
    "hyresgäst",
    "sokande",
    "sökande",
    "applicant",
    "deltagare",
    "participant",
    "employee",
    "medarbetare",
    "anstalld",
    "anställd",
    "vardtagare",
    "vårdtagare",
    "omsorgstagare",
    "subject",
];

/// The key of the record whose quoted value is exactly the text at `start..end`
/// (`"child": "Leo Axelsson"` gives `child`).
fn record_key(lower: &str, start: usize, end: usize) -> Option<&str> {
    let quote = lower[..start]
        .chars()
        .next_back()
        .filter(|&q| q == '"' || q == '\'')?;
    if !lower[end..].starts_with(quote) {
        return None;
    }
    let before = lower[..start - 1].trim_end_matches(' ').strip_suffix(':')?;
    let before = before.trim_end_matches(' ').strip_suffix(['"', '\''])?;
    let key_start = before
        .rfind(['"', '\'', '{', ',', ' ', '\n'])
        .map_or(0, |i| i + 1);
    Some(&before[key_start..])
}

/// The person of the record a word stands in, when a text holds data as code or JSON writes
/// it (`{"child": "Leo Axelsson", "decision": "LVU 2 §", …}`): between the braces around the
/// word exactly one person is named who is no official, as the whole value of a key that
/// names the record's subject ([`SUBJECT_KEYS`]; a prompt inside a chat request's braces is no
/// record of the people it names).
fn same_record(lower: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    let b = lower.as_bytes();
    let from = span.start.saturating_sub(OBJECT_REACH);
    let open = from + memchr::memrchr2(b'{', b'}', &b[from..span.start])?;
    let to = (span.end + OBJECT_REACH).min(b.len());
    let close = span.end + memchr::memchr2(b'{', b'}', &b[span.end..to])?;
    if b[open] != b'{' || b[close] != b'}' || memchr::memchr(b':', &b[open..close]).is_none() {
        return None;
    }
    let mut inside = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start > open && m.end < close && m.name && !m.official && !m.invented)
        .filter(|(_, m)| {
            record_key(lower, m.start, m.end).is_some_and(|k| SUBJECT_KEYS.contains(&k))
        });
    let (k, first) = inside.next()?;
    inside.all(|(_, m)| m.id == first.id).then_some(k)
}

/// The person a passage in another language names, for a word of that language in it (a
/// resident's letter in Finnish, Polish or Somali pasted for a translation: "Hei, olen Jari
/// Heikkinen. Toimeentulotukeni maksu on myöhässä …"). The grammar that ties the word to its
/// person (verb endings, possessive suffixes) is not read, so the passage, to its blank lines,
/// is taken as the letter of the person it names: the nearest name before the word, else the
/// first after it, else the last one named before the passage; never a staff member acting in
/// office.
fn passage_person(lower: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    let Range { start, end } = passage_around(lower, span);
    let person = |m: &&Mention| m.name && !m.official && !m.source && !m.invented;
    // A full name or a surname before a lone first name ("Mi hijo Andrés" reads "Mi" as one).
    let pick = |lone: bool| {
        let within = |m: &&Mention| person(m) && m.lone_given == lone;
        let before = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start >= start && m.end <= span.start)
            .rfind(|(_, m)| within(m));
        before.or_else(|| {
            mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.start >= span.end && m.end <= end)
                .find(|(_, m)| within(m))
        })
    };
    // A letter that names nobody is the letter of the person the text before it names
    // ("Joanna Wójcik på lönekontoret skrev till mig på polska. …\n\n'Badanie genetyczne …'").
    let introduced = || {
        mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.end <= start)
            .rfind(|(_, m)| person(m))
    };
    // A letter signed by no name but with the writer's telephone number or address in it
    // ("… اتصلوا بي على 070-284 61 93"): that contact is the person.
    let contact = || {
        mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.weak && !m.official && m.start >= start && m.end <= end)
    };
    pick(false)
        .or_else(|| pick(true))
        .or_else(introduced)
        .or_else(contact)
        .map(|(i, _)| i)
}

/// The person whose value a reading gives ("… i rum 11 har varit uppe hela natten.
/// Blodsocker 3,1 kl 03"): a word of health with a number right after it (a measurement is of
/// one body), in a paragraph that names one person before it and nobody else.
fn reading_of(lower: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    let rest = lower[span.end..].trim_start_matches([':', ' ']);
    if !rest.starts_with(|c: char| c.is_ascii_digit()) || rest.len() == lower.len() - span.end {
        return None;
    }
    // A reference value in a routine ("Blodtryck 120/80 räknas som normalt") is of nobody.
    let sentence = &rest[..rest.find(['.', '\n', '!', '?']).unwrap_or(rest.len())];
    let sentence = &sentence[..floor_boundary(sentence, sentence.len().min(120))];
    if [
        "räknas",
        "anses",
        "normal",
        "bör ",
        "ska vara",
        "referens",
        "gränsvärde",
    ]
    .iter()
    .any(|w| sentence.contains(w))
    {
        return None;
    }
    let Range { start, end } = passage_around(lower, span);
    let person = |m: &Mention| m.name && !m.official && !m.source && !m.invented;
    // Mentions are in text order: only the paragraph's are read.
    let from = mentions.partition_point(|m| m.start < start);
    let to = mentions.partition_point(|m| m.start < end);
    let mut named = (from..to)
        .map(|i| (i, &mentions[i]))
        .filter(|(_, m)| m.end <= end && person(m));
    let (first, m) = named.next()?;
    if m.start > span.start || named.any(|(_, other)| other.id != m.id) {
        return None;
    }
    Some(first)
}

/// How far (bytes) a passage is read on each side of a word for its blank lines.
const PASSAGE_REACH: usize = 1500;

/// The paragraph around `span`: between the blank lines before and after it, within
/// [`PASSAGE_REACH`] on each side.
fn passage_around(lower: &str, span: &Range<usize>) -> Range<usize> {
    let from = floor_boundary(lower, span.start.saturating_sub(PASSAGE_REACH));
    let to = floor_boundary(lower, (span.end + PASSAGE_REACH).min(lower.len()));
    let b = lower.as_bytes();
    let start = memchr::memmem::rfind(&b[from..span.start], b"\n\n").map_or(from, |i| from + i + 2);
    let end = memchr::memmem::find(&b[span.end..to], b"\n\n").map_or(to, |i| span.end + i);
    start..end
}

/// How many letters of another script make a paragraph another language's.
const OTHER_SCRIPT_LETTERS: usize = 12;

/// Short everyday words of the largest minority and immigrant languages, words that Swedish
/// and English do not have (Finnish "olen", "että", Polish "jest", "się", Somali "waxaan",
/// "iyo", Arabic written in Latin letters "3ndi", Spanish "porque", Bosnian "molim", Kurmanji
/// "navê").
const FOREIGN_WORDS: &[&str] = &[
    // Finnish
    "olen",
    "olemme",
    "minulla",
    "minun",
    "minua",
    "hän",
    "hänen",
    "häntä",
    "hänellä",
    "että",
    "mutta",
    "koska",
    "kanssa",
    "ovat",
    "oli",
    "myös",
    "terveisin",
    "kiitos",
    "voinko",
    "joka",
    "eikä",
    "ettei",
    "meidän",
    "teidän",
    // Polish
    "jest",
    "się",
    "jestem",
    "mojego",
    "mojej",
    "moja",
    "mój",
    "który",
    "która",
    "że",
    "bardzo",
    "proszę",
    "dzień",
    "dobry",
    "pozdrawiam",
    "jego",
    "był",
    "była",
    "nie",
    "mam",
    "mnie",
    // Somali
    "waxaan",
    "waa",
    "iyo",
    "ayaa",
    "magacaygu",
    "fadlan",
    "mahadsanid",
    "wuxuu",
    "waxay",
    "ayuu",
    "ayay",
    "aniga",
    "hadda",
    // Arabic in Latin letters
    "3ndi",
    "3andi",
    "shukran",
    "inshallah",
    "ana",
    "ktir",
    "kteer",
    "ma3",
    "3ala",
    "ba3ref",
    "3ayshe",
    "zawji",
    "3ando",
    "3ashan",
    "momken",
    "marhaba",
    "bokra",
    // Russian and Ukrainian in Latin letters (thirtieth round: "Zdravstvuite, eto Tatiana
    // Volkova … Ya podala zayavlenie na försörjningsstöd")
    "zdravstvuite",
    "zdravstvuyte",
    "menya",
    "spasibo",
    "pozhaluysta",
    "pozhaluista",
    "kogda",
    "eshche",
    "nechem",
    "detei",
    "detey",
    "ochen",
    "khochu",
    "pomogite",
    "pochemu",
    "dyakuyu",
    "diakuiu",
    // Spanish
    "porque",
    "quisiera",
    "tiene",
    "estoy",
    "señora",
    "señor",
    "gracias",
    "hola",
    "también",
    "hijo",
    "hija",
    "esposo",
    "marido",
    "nuestro",
    "nuestra",
    "llamo",
    "atentamente",
    // Bosnian, Croatian, Serbian
    "moj",
    "moju",
    "mog",
    "smo",
    "nije",
    "molim",
    "hvala",
    "poštovani",
    "zovem",
    "također",
    "njega",
    "njoj",
    // Kurmanji
    "navê",
    "heye",
    "silav",
    "dixwazin",
    "nikare",
    "diya",
    "bavê",
];

/// True when the paragraph around `span` is written in another language than Swedish and
/// English: two different words of [`FOREIGN_WORDS`] in it, or [`OTHER_SCRIPT_LETTERS`]
/// characters of the Cyrillic, Arabic or Ge'ez script (`other_scripts`: where each of the
/// text's starts, in order).
fn foreign_passage(lower: &str, span: &Range<usize>, other_scripts: &[usize]) -> bool {
    let passage = passage_around(lower, span);
    let from = floor_boundary(lower, passage.start.max(span.start.saturating_sub(300)));
    let to = floor_boundary(lower, passage.end.min(span.end + 300));
    let letters = other_scripts.partition_point(|&at| at < to)
        - other_scripts.partition_point(|&at| at < from);
    if letters >= OTHER_SCRIPT_LETTERS {
        return true;
    }
    let mut seen: Option<&str> = None;
    let mut found = false;
    for_each_word(&lower[from..to], |s, e| {
        let word = &lower[from + s..from + e];
        if !found && FOREIGN_WORDS.contains(&word) {
            match seen {
                Some(first) if first != word => found = true,
                None => seen = Some(word),
                _ => {}
            }
        }
    });
    found
}

/// The person the sentence after `span` says the matter concerns ("Hjälp mig formulera en
/// orosanmälan. Det gäller barnet som bor på Björkvägen 12 …", "… a care plan. It is about
/// Sara Lind"): the first mention in that sentence, when it opens with such words.
fn concerned_next(
    lower: &str,
    roles: &Roles,
    mentions: &[Mention],
    span: &Range<usize>,
) -> Option<usize> {
    const OPENERS: &[&str] = &[
        "det gäller ",
        "det handlar om ",
        "det rör ",
        "gäller ",
        "it is about ",
        "it's about ",
        "this is about ",
        "it concerns ",
    ];
    let rest = &lower[span.end..floor_boundary(lower, (span.end + 200).min(lower.len()))];
    let (stop, next) = next_sentence(rest, 0)?;
    let opener = OPENERS.iter().find(|o| next.starts_with(**o))?;
    // `next` is a suffix of `rest`, which may end before the text does.
    let from = span.end + (rest.len() - next.len()) + opener.len();
    let sentence_end = lower[from..]
        .find(['.', '?', '!', '\n'])
        .map_or(lower.len(), |i| from + i);
    // Only the sentence right after the finding's own, and nobody named in between.
    if !rest[..stop].is_empty()
        && mentions
            .iter()
            .any(|m| m.start > span.end && m.start < from)
    {
        return None;
    }
    // The person is named right after the opener, or is a person noun the mention then
    // places ("barnet som bor på …"), never a group ("alla som arbetar på …").
    let k = mentions
        .iter()
        .position(|m| m.start >= from && m.start < sentence_end)?;
    let m = &mentions[k];
    let between = lower[from..m.start].trim();
    let head = between.split(' ').next().unwrap_or("");
    (!m.official
        && !m.invented
        && m.start - from <= 48
        && (between.is_empty() || roles.concerned.contains(head)))
    .then_some(k)
}

/// The person the clause after the finding's sentence names as the one described ("1 elev, 7C,
/// hög frånvaro, romsk familj. Det är Dragan Nikolić.", "… har diabetes typ 1. Men alla i byn
/// vet ju att det är Noah i åk 5, så …"): a name right after "det är" that ends its clause,
/// or has only a class after it.
fn named_after(lower: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    let rest = &lower[span.end..floor_boundary(lower, (span.end + 240).min(lower.len()))];
    let (_, next) = next_sentence(rest, 0)?;
    let from = span.end + (rest.len() - next.len());
    let clause_end = lower[from..]
        .find(['.', '?', '!', '\n', ','])
        .map_or(lower.len(), |i| from + i);
    let name_at = from + lower[from..clause_end].find("det är ")? + "det är ".len();
    let k = mentions.iter().position(|m| m.start == name_at)?;
    let m = &mentions[k];
    let tail = lower[m.end.min(clause_end)..clause_end].trim();
    (m.name
        && !m.official
        && !m.invented
        && (tail.is_empty() || (tail.starts_with("i ") && tail.len() <= 12)))
        .then_some(k)
}

/// Where the sentence holding byte `from` of `rest` stops, and the text of the sentence after it
/// (its leading spaces and line breaks skipped).
fn next_sentence(rest: &str, from: usize) -> Option<(usize, &str)> {
    let stop = from + rest[from..].find(['.', '?', '!', '\n'])?;
    Some((stop, rest[stop + 1..].trim_start_matches([' ', '\n'])))
}

/// How far after a finding a sentence may name the person it spoke of without a name.
const NAMED_NEXT_REACH: usize = 240;

/// The person a later sentence names as the one spoken of ("… en elev i klassen har svår
/// nötallergi. Packa inga nötter. Eleven heter Ella Nord", "Hon heter Sara Lind", "The pupil's
/// name is Ella Nord"): the mention right after a role noun of the person concerned or a
/// pronoun and a naming verb, within two sentences of the finding, in the same paragraph, with
/// nobody named between.
fn named_next(
    lower: &str,
    roles: &Roles,
    mentions: &[Mention],
    span: &Range<usize>,
) -> Option<usize> {
    const PRONOUNS: &[&str] = &["hon", "han", "hen", "personen", "she", "he", "they"];
    const NAMING: &[&str] = &[
        "heter ",
        "is called ",
        "'s name is ",
        "’s name is ",
        "s namn är ",
    ];
    let end = floor_boundary(lower, (span.end + NAMED_NEXT_REACH).min(lower.len()));
    let rest = &lower[span.end..end];
    let mut from = 0;
    // The two sentences after the finding's own.
    for _ in 0..2 {
        let (stop, next) = next_sentence(rest, from)?;
        // A blank line ends the paragraph the finding is in.
        if rest[stop..].starts_with("\n\n") {
            return None;
        }
        from = stop + 1;
        let at = span.end + (rest.len() - next.len());
        let Some((subject, after)) = NAMING.iter().find_map(|v| {
            let i = next.find(v)?;
            Some((next[..i].trim_end(), i + v.len()))
        }) else {
            continue;
        };
        if !(PRONOUNS.contains(&subject) || roles.concerned.contains(subject)) {
            continue;
        }
        let name_at = at + after;
        let k = mentions.iter().position(|m| m.start >= span.end)?;
        let m = &mentions[k];
        return (m.start == name_at && m.name && !m.official && !m.invented).then_some(k);
    }
    None
}

/// The speaker of the quotation that holds `span` ("Leo på Solrosen sa i dag att 'pappa slog
/// mamma i huvudet'", "Ahmed sa: ”jag har ont i magen varje dag”"): what a person says in their
/// own words about themselves or their family is theirs. The quotation opens after a verb of
/// saying (and "att" or a colon), still open at the word, and the speaker is the last person
/// named before it in the sentence, no official.
fn quoted_speaker(lower: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    const QUOTES: [char; 5] = ['"', '\'', '“', '”', '«'];
    const SAYING: &[&str] = &[
        "sa",
        "sade",
        "säger",
        "berättade",
        "berättar",
        "skrek",
        "ropade",
        "viskade",
        "said",
        "says",
        "told",
        "tells",
    ];
    // The line up to the word, read back at most QUOTE_CONTEXT bytes to know which quotation
    // marks open and which close; the quotation must open within QUOTE_REACH of the word.
    let from = floor_boundary(lower, span.start.saturating_sub(QUOTE_CONTEXT));
    let line_start = lower[from..span.start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let open = line_start + open_quotation(&lower[line_start..span.start], &QUOTES)?;
    if span.start - open > QUOTE_REACH {
        return None;
    }
    let head = lower[line_start..open].trim_end_matches([' ', ':']);
    let head = head.strip_suffix(" att").unwrap_or(head);
    let head_start = line_start + head.len();
    // The verb of saying, perhaps after an adverbial ("sa i dag under vilan att").
    if !head
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .any(|w| SAYING.contains(&w))
    {
        return None;
    }
    // The sentence start: back to the last sentence end or line break.
    let sentence_start = lower[..head_start]
        .rfind(['.', '?', '!', '\n'])
        .map_or(0, |i| i + 1);
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.start >= sentence_start && m.end <= head_start)
        .filter(|(_, m)| !m.official && !m.invented && !m.source)
        .map(|(i, _)| i)
        .next_back()
}

/// Bytes before a quoted word within which its quotation must open.
const QUOTE_REACH: usize = 80;
/// Bytes of the line before a quoted word read to pair quotation marks.
const QUOTE_CONTEXT: usize = 400;

/// Where the quotation still open at the end of `text` starts, if one is: each quotation mark
/// opens or closes in turn, and an apostrophe between letters ("she's", "don't") is none.
fn open_quotation(text: &str, quotes: &[char]) -> Option<usize> {
    let mut open = None;
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let apostrophe = c == '\'' && prev.is_alphanumeric() && next.is_alphanumeric();
        if quotes.contains(&c) && !apostrophe {
            open = if open.is_some() { None } else { Some(i) };
        }
        prev = c;
    }
    open
}

/// Bytes around a biometric term within which a named person's template is read.
const BIOMETRIC_REACH: usize = 400;

/// The person whose biometric data a text about templates or enrolments holds: a named person
/// (no official, source or character) in the same paragraph, within [`BIOMETRIC_REACH`] bytes
/// ("… exporterades en fil med fingeravtrycksmallar. Filen omfattade medarbetarna Kenneth Åhs
/// och …", a log row `user="Petra Söderberg" … template_hash=…`). A template identifies exactly
/// one person: the one the text names beside it, wherever the sentence ends.
fn biometric_owner(lower: &str, mentions: &[Mention], f: &Finding) -> Option<usize> {
    if f.kind != Kind::Sensitive(Category::Biometric) || f.confidence < Confidence::High {
        return None;
    }
    // A question about templates ("Kan du förklara hur fingeravtrycksmallar lagras?") is about
    // no one's: only a person in its own sentence is read.
    let unit = unit_around(lower, f.span.start);
    let (lo, hi) = if lower.as_bytes().get(unit.end) == Some(&b'?') {
        (unit.start, unit.end)
    } else {
        (
            f.span.start.saturating_sub(BIOMETRIC_REACH),
            f.span.end + BIOMETRIC_REACH,
        )
    };
    mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.start >= lo
                && m.end <= hi
                // A full name, or an identifier of one person (a personal e-mail address, an
                // identity number), never a lone first name or a contact without a name.
                && ((m.name && !m.lone_given) || (!m.name && !m.weak))
                && !m.official
                && !m.source
                && !m.invented
        })
        .filter(|(_, m)| {
            let (a, b) = if m.end <= f.span.start {
                (m.end, f.span.start)
            } else {
                (f.span.end, m.start)
            };
            a > b || !lower[a..b].contains("\n\n")
        })
        .min_by_key(|(_, m)| m.start.abs_diff(f.span.start))
        .map(|(i, _)| i)
}

/// A first name that is the subject of sensitive data in its own sentence, or the person
/// greeted in a message about them, identifies that person to anyone in the workplace.
fn raise(findings: &mut [Finding], names: &[usize]) {
    for &i in names {
        let f = &mut findings[i];
        if f.confidence < Confidence::Medium {
            f.confidence = Confidence::Medium;
            f.rule = "name.subject";
        }
    }
}

/// The mentions of persons among `findings`, sorted, with their ids and flags.
fn mentions(
    text: &str,
    lower: &str,
    lists: &NameLists,
    context: &Context<'_>,
    findings: &[Finding],
) -> Vec<Mention> {
    let roles = &lists.roles;
    // "Rehab har fått nytt nummer": a word found as a name and as sensitive vocabulary on the
    // same span is the word (a unit, a treatment), not a person the fact is about.
    let mut vocabulary: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| matches!(f.kind, Kind::Sensitive(_)))
        .map(|f| (f.span.start, f.span.end))
        .collect();
    vocabulary.sort_unstable();
    let mut out: Vec<Mention> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| match f.kind {
            Kind::PersonName => vocabulary
                .binary_search(&(f.span.start, f.span.end))
                .is_err(),
            Kind::Personnummer | Kind::Samordningsnummer => true,
            Kind::Email => personal_email(text, &f.span, lists),
            Kind::Phone => {
                callers_phone(lower, roles, f.span.start) && !service_number(&text[f.span.clone()])
            }
            _ => false,
        })
        .map(|(i, f)| Mention {
            start: f.span.start,
            end: f.span.end,
            finding: i,
            id: f.span.start,
            lone_given: f.kind == Kind::PersonName
                && f.confidence < Confidence::Medium
                && !text[f.span.clone()].contains(' '),
            name: f.kind == Kind::PersonName,
            sex: (f.kind == Kind::PersonName)
                .then(|| sex_of_name(lists, &text[f.span.clone()]))
                .flatten(),
            ..Mention::default()
        })
        .collect();
    let invented_from = context.fiction_declared_at();
    // Which works the text names, each read once and only for a name of one of its people.
    let named_works = std::cell::RefCell::new(Vec::new());
    out.retain_mut(|m| {
        // A lone first name after "i" is a place ("myndigheter i Sofia"), no person at all.
        if m.lone_given && place_after_in(lower, m.start) {
            return false;
        }
        let character = (m.lone_given && in_work_named_before(lower, m.start))
            || (m.name && (in_quoted_title(lower, m.start) || portrayed(lower, context, m.start)));
        let supposed = m.lone_given && supposed(lower, m.start);
        m.invented = fictional(lower, context, m.start, m.end)
            || (m.name && famous_character(lower, &roles.characters, m.start))
            || (m.name && of_named_work(lower, roles, &named_works, m.start, m.end))
            || (m.name && in_fiction(lower, m.start, m.end))
            || invented_from.is_some_and(|at| at <= m.start)
            || in_synopsis(lower, m.start)
            || character
            || supposed;
        true
    });
    out.sort_by_key(|m| m.start);
    for k in 0..out.len() {
        out[k] = flagged(text, lower, roles, &out[..k], out[k]);
        // "vaktmästaren på Björkskolan" acts in office like a named official: linked as the
        // subject of what follows, never through a topic ("informerar om …").
        let m = &mut out[k];
        if findings[m.finding].rule == "name.description" {
            // "vår enda kurator" holds an official's role as well.
            m.official |= lower[m.start..m.end]
                .split(' ')
                .any(|w| roles.unique.contains(w) || is_official_role(roles, w));
        }
    }
    out
}

/// The sex of the first word of a name as the lists write it ("ANNA" and "anna" are "Anna").
fn sex_of_name(lists: &NameLists, name: &str) -> Option<Sex> {
    let first = name.split(|c: char| !c.is_alphabetic()).next()?;
    let mut chars = first.chars();
    let head = chars.next()?;
    let written: String = head
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    lists.sex(&written)
}

/// The sex a third-person pronoun or a person noun at the start of `word` refers to, if it
/// tells one.
fn sex_of_pronoun(word: &str) -> Option<Sex> {
    let word = word
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    match word {
        "han" | "honom" | "hans" | "he" | "him" | "his" | "himself" => Some(Sex::Male),
        "hon" | "henne" | "hennes" | "she" | "her" | "hers" | "herself" => Some(Sex::Female),
        // Definite person nouns that tell a sex ("den åtalade kvinnan" is no Mattias).
        "mannen" | "pojken" | "killen" => Some(Sex::Male),
        "kvinnan" | "flickan" | "tjejen" | "damen" => Some(Sex::Female),
        "herren" => Some(Sex::Male),
        // Indefinite ones, for someone new between a name and a pronoun ("en ung man").
        "man" | "pojke" | "kille" | "herre" | "boy" => Some(Sex::Male),
        "kvinna" | "flicka" | "tjej" | "dam" | "woman" | "girl" => Some(Sex::Female),
        _ => None,
    }
}

/// The sex a personal pronoun in the subject's place gives: the last "han" or "hon" before
/// `span` in its sentence ("Han lever med sin manliga partner").
fn pronoun_subject(text: &str, lower: &str, span: &Range<usize>) -> Option<Sex> {
    let unit = unit_around(text, span.start);
    lower[unit.start..span.start]
        .split(|c: char| !c.is_alphabetic())
        .rev()
        .find_map(|w| match w {
            "han" => Some(Sex::Male),
            "hon" => Some(Sex::Female),
            _ => None,
        })
}

/// The sex of the partner a reflexive partner phrase names ("sin man", "sin fru"), if it is one.
fn partner_sex(phrase: &str) -> Option<Sex> {
    // "gift med en man", "lever ihop med en kvinna", "married to a man" (thirtieth round): the
    // partner's sex said outright after "med en" or "to/with a".
    if let Some((_, partner)) = phrase
        .rsplit_once(" med en ")
        .or_else(|| phrase.rsplit_once(" to a "))
        .or_else(|| phrase.rsplit_once(" with a "))
        .or_else(|| phrase.rsplit_once(" has a "))
    {
        return match partner.strip_prefix("annan ").unwrap_or(partner) {
            "man" | "husband" | "boyfriend" => Some(Sex::Male),
            "kvinna" | "woman" | "wife" => Some(Sex::Female),
            _ => None,
        };
    }
    match phrase.strip_prefix("sin ")? {
        "man" | "make" | "äkta man" | "pojkvän" | "manliga partner" | "manlige partner" => {
            Some(Sex::Male)
        }
        "fru" | "hustru" | "maka" | "flickvän" | "kvinnliga partner" => Some(Sex::Female),
        _ => None,
    }
}

/// True when the sentence of `span` gives the contacts of an advert or a notice ("Frågor
/// besvaras av enhetschef X och facklig representant för Vårdförbundet, Peter Ek",
/// "Fackliga företrädare: Kommunal, Eva Strand"): a union's representative named as the
/// contact acts in that office, which says nothing of anyone's membership.
fn contact_line(lower: &str, span: &Range<usize>) -> bool {
    const CONTACTS: &[&str] = &[
        "frågor besvaras av",
        "frågor om tjänsten",
        "upplysningar lämnas av",
        "upplysningar om tjänsten",
        "mer information lämnas av",
        "för frågor kontakta",
        "för mer information kontakta",
        "fackliga företrädare",
        "facklig företrädare",
        "fackliga kontaktpersoner",
        "facklig kontaktperson",
        "fackliga kontakter",
        "facklig kontakt",
    ];
    let line = line_around(lower, span.start);
    let sentence = unit_around(lower, span.start);
    let from = line.start.max(sentence.start.saturating_sub(200));
    let head = &lower[floor_boundary(lower, from)..span.end];
    // "… facklig kontakt är Eva, som gick med i Kommunal i fjol": membership told all the same.
    let membership = ["medlem", "gick med", "gått med", "member", "joined"]
        .iter()
        .any(|m| lower[sentence.clone()].contains(m));
    CONTACTS.iter().any(|c| head.contains(c)) && !membership
}

/// The sex of the partner named by a first name right after a phrase that ends in "sin" ("gifte
/// sig med sin Jonas"), if the name tells one.
fn partner_named_after(mentions: &[Mention], phrase: &str, end: usize) -> Option<Sex> {
    if !phrase.ends_with(" sin") {
        return None;
    }
    let k = mentions.partition_point(|m| m.start <= end);
    mentions
        .get(k)
        .filter(|m| m.start == end + 1 && m.name && m.lone_given)?
        .sex
}

/// The person a reflexive at `span` points to: the last name before it in its sentence that is
/// no official, source or character.
fn reflexive_subject(text: &str, mentions: &[Mention], span: &Range<usize>) -> Option<usize> {
    let unit = unit_around(text, span.start);
    let k = mentions.partition_point(|m| m.end <= span.start);
    mentions[..k]
        .iter()
        .rposition(|m| m.name && !m.official && !m.source && !m.invented)
        .filter(|&i| mentions[i].start >= unit.start)
}

/// Finite verbs that open a note's sentence with its subject left out ("Har demens …", "Fick
/// ett sår …", "Has dementia").
const NOTE_VERBS: &[&str] = &[
    "har",
    "hade",
    "fick",
    "får",
    "tar",
    "tog",
    "behöver",
    "saknar",
    "vägrar",
    "vägrade",
    "klagar",
    "klagade",
    "mår",
    "verkar",
    "uppger",
    "uppgav",
    "upplever",
    "äter",
    "sover",
    "ligger",
    "föll",
    "has",
    "had",
    "takes",
    "took",
    "needs",
    "refuses",
    "refused",
    "complains",
    "seems",
    "fell",
];

/// Words that, right after a sentence's first verb, are its subject ("Har du …", "Har det …").
const SUBJECT_AFTER_VERB: &[&str] = &[
    "du", "ni", "vi", "jag", "han", "hon", "hen", "de", "den", "det", "man", "någon", "nån",
    "alla", "you", "we", "i", "he", "she", "they", "it", "there", "anyone", "someone",
];

/// True when `sentence` opens with one of [`NOTE_VERBS`] and no subject after it, and asks
/// nothing.
fn opens_without_subject(sentence: &str) -> bool {
    let sentence = sentence.trim_start_matches(|c: char| c.is_whitespace() || "-*•–".contains(c));
    let mut words = sentence.split(|c: char| !c.is_alphanumeric());
    let (Some(verb), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    NOTE_VERBS.contains(&verb)
        && !SUBJECT_AFTER_VERB.contains(&next)
        && !sentence.trim_end().ends_with('?')
}

/// What an official does to the one in their care, right after the role that opens a
/// sentence ("Läkaren har satt in …", "Sjuksköterskan misstänker …"): see
/// `Reader::official_acts_on`.
const OFFICIAL_ACTS: &[&str] = &[
    "satt in ",
    "sätter in ",
    "satte in ",
    "satt ut ",
    "sätter ut ",
    "satte ut ",
    "ordinerat ",
    "ordinerade ",
    "ordinerar ",
    "skrivit ut ",
    "skrev ut ",
    "skriver ut ",
    "misstänker ",
    "misstänkte ",
    "bedömer ",
    "bedömde ",
    "bedömt ",
    "konstaterade ",
    "konstaterat ",
    "ställt diagnos",
    "ställde diagnos",
    "remitterat ",
    "remitterade ",
    "höjt ",
    "höjde ",
    "sänkt ",
    "sänkte ",
    "ökat ",
    "ökade ",
    "gett ",
    "gav ",
    "ger ",
    "ändrat ",
    "ändrade ",
    "justerat ",
    "justerade ",
    "undersökt ",
    "undersökte ",
    "bekräftat ",
    "bekräftade ",
    "noterat ",
    "noterade ",
    "tror ",
    "tagit prov",
    "tog prov",
    "påbörjat ",
    "påbörjade ",
    "avslutat ",
    "avslutade ",
    "prescribed ",
    "suspects ",
    "diagnosed ",
    "gave ",
    "changed ",
    "started ",
];

/// Phrases that tell an official's own experience, not a topic they speak on.
const OWN_EXPERIENCE: &[&str] = &[
    "hur det var att",
    "hur det kändes att",
    "vad det innebar för",
    "what it was like",
    "what it felt like",
];

/// Words of a report to the police by the writer's side ("Vi har polisanmält", "Polisanmälan
/// är gjord", "anmält det till polisen").
const POLICE_REPORT: &[&str] = &[
    "polisanm",
    "anmält till polisen",
    "anmält det till polisen",
    "anmälan till polisen",
    "anmäla till polisen",
    "anmäla det till polisen",
    // What a register extract shows is the record of the one it was taken for ("… till
    // tjänsten som upphandlingschef, Peter Lindqvist. Utdraget ur belastningsregistret visar
    // en dom för …").
    "belastningsregistret visar",
    "registerutdraget visar",
    "utdraget visar",
    "framgår av belastningsregistret",
    "framgår av registerutdraget",
    "framgår av utdraget",
];

/// Words of a report of concern to social services by the writer's side ("Hjälp mig skriva en
/// orosanmälan", "Vi har anmält till socialtjänsten").
const CONCERN_REPORT: &[&str] = &[
    "anmälan om oro",
    "anmäla oro",
    "anmält oro",
    "anmälan till socialtjänsten",
    "anmäla till socialtjänsten",
    "anmäla det till socialtjänsten",
    "anmält till socialtjänsten",
    "anmält det till socialtjänsten",
];

/// One report of concern as a word: not the plural of a job advert or a statistic ("utreda
/// orosanmälningar").
const CONCERN_REPORT_WORDS: &[&str] = &[
    "orosanmälan",
    "orosanmäla",
    "orosanmält",
    "orosanmälde",
    "orosanmäler",
    "orosanmälts",
];

/// Words for the children and households a report of concern is made about.
const CONCERN_SUBJECTS: &[&str] = &[
    "barn",
    "barnet",
    "barnen",
    "son",
    "sonen",
    "dotter",
    "dottern",
    "pojken",
    "flickan",
    "bebisen",
    "spädbarnet",
    "eleven",
    "familjen",
    "hemmet",
    "föräldrarna",
    "mamman",
    "pappan",
    // A parent named in the sentence before ("Hans mamma heter Sara Nyström").
    "mamma",
    "pappa",
    "vårdnadshavaren",
    "child",
    "children",
    "kids",
    "family",
];

/// Auxiliaries, verbs of making and articles between a writer and the report they make.
const REPORT_MAKING: &[&str] = &[
    "ska",
    "skall",
    "har",
    "hade",
    "behöver",
    "måste",
    "vill",
    "bör",
    "kan",
    "borde",
    "nu",
    "också",
    "skriva",
    "skriver",
    "skrev",
    "skrivit",
    "göra",
    "gör",
    "gjorde",
    "gjort",
    "lämna",
    "lämnar",
    "lämnade",
    "lämnat",
    "upprätta",
    "formulera",
    "en",
    "ett",
    "in",
];

/// Verbs of having or getting a service or a role serving one ("har en god man").
const HAVING: &[&str] = &[
    "har",
    "hade",
    "haft",
    "får",
    "fick",
    "fått",
    "beviljats",
    "beviljades",
    "behöver",
    "has",
    "had",
    "got",
    "gets",
];

/// Words for a doer nobody knows or names: a report after them is not about the person named.
const INDEFINITE_DOERS: &[&str] = &[
    "någon",
    "några",
    "okänd",
    "okända",
    "obehöriga",
    "gärningsman",
    "gärningsmannen",
    "gärningsmän",
    "ungdomar",
    "ungdomarna",
    "tjuv",
    "tjuvar",
    "tjuvarna",
    "inbrottstjuvar",
    "someone",
    "unknown",
];

/// Verbs of telling before "för"/"to"/"in" and the one told.
const TELLING: &[&str] = &[
    "berättat",
    "berättade",
    "berättar",
    "sagt",
    "sa",
    "sade",
    "säger",
    "anförtrott",
    "anförtrodde",
    "erkänt",
    "erkände",
    "avslöjat",
    "avslöjade",
    "förklarat",
    "förklarade",
    "said",
    "says",
    "explained",
    "admitted",
    "confided",
];

/// True when `word` can stand between an indefinite article and a person noun without
/// making them someone known: an age ("15-årig", "34-åriga") or an adjective of age or
/// novelty ("ung", "äldre", "okänd", "annan").
fn person_modifier(word: &str) -> bool {
    word.ends_with("årig")
        || word.ends_with("åriga")
        || word.ends_with("-year-old")
        || matches!(
            word,
            "ung"
                | "unga"
                | "äldre"
                | "gammal"
                | "okänd"
                | "annan"
                | "ny"
                | "young"
                | "old"
                | "older"
                | "elderly"
                | "unknown"
                | "another"
        )
}

/// A noun for a person by what they do or their age, known by its ending ("lastbilschaufför",
/// "28-åring", "cyklist", "förare"): after an indefinite article it introduces someone new
/// ("en lastbilschaufför, som …", "en 23-åring").
fn agent_noun(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "åring",
        "chaufför",
        "förare",
        "ist",
        "arbetare",
        "anställd",
        "invånare",
        "boende",
        "resenär",
        "passagerare",
        "pensionär",
        "tonåring",
        "besökare",
        "medlem",
    ];
    word.len() > 5 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Heads of compounds that name an authority, an industry or research, not a person's state
/// ("Läkemedelsverket", "läkemedelstillverkaren", "Läkemedelsförsäkringen",
/// "cancerforskningen"). Associations are left out: membership of a patients' association
/// tells of a person's health.
const INSTITUTION_HEADS: &[&str] = &[
    // A unit of the municipality named after its service ("försörjningsstödsenheten").
    "enheten",
    "enhetens",
    "sektionen",
    "verket",
    "verkets",
    "myndigheten",
    "myndighetens",
    "försäkringen",
    "tillverkare",
    "tillverkaren",
    "tillverkarna",
    "industrin",
    "industrins",
    "bolaget",
    "bolagen",
    "företaget",
    "företagen",
    "forskning",
    "forskningen",
    "institutet",
];

/// A sensitive word that is a compound naming an authority, an industry or research
/// ([`INSTITUTION_HEADS`]): nobody's health or crime.
fn institution_word(word: &str) -> bool {
    !word.contains(' ')
        && INSTITUTION_HEADS
            .iter()
            .any(|h| word.len() >= h.len() + 4 && word.ends_with(h))
}

/// Plural nouns of groups of people: a sensitive word that modifies one ("missbrukande
/// kvinnor", "psykiskt sjuka personer", "homeless families") is said of a group.
const GROUP_NOUNS: &[&str] = &[
    "kvinnor",
    "män",
    "personer",
    "människor",
    "ungdomar",
    "elever",
    "föräldrar",
    "familjer",
    "patienter",
    "invånare",
    "medborgare",
    "pojkar",
    "flickor",
    "tjejer",
    "killar",
    "individer",
    "grupper",
    "people",
    "women",
    "men",
    "children",
    "patients",
    "residents",
    "families",
    "persons",
    "pupils",
    "students",
    "individuals",
];

/// True when `rest`, the text right after a sensitive word, opens with a plural noun of a
/// group of people, or with one adjective and then such a noun ("våldsutsatta missbrukande
/// kvinnor").
fn modifies_group(rest: &str) -> bool {
    if !rest.starts_with(' ') {
        return false;
    }
    let mut words = rest.split(|c: char| !c.is_alphanumeric());
    words.next();
    let (Some(first), second) = (words.next(), words.next()) else {
        return false;
    };
    // "men" is also the Swedish "but" ("har diabetes men mår bra"): the English plural only
    // at the end or before an English word ("gay men who …").
    if first == "men" {
        return second.is_none_or(|w| {
            w.is_empty()
                || [
                    "who", "with", "and", "in", "are", "were", "have", "had", "of", "from", "aged",
                    "over", "under", "living", "at", "or",
                ]
                .contains(&w)
        });
    }
    GROUP_NOUNS.contains(&first)
        || (first.ends_with(['a', 'e'])
            && rest[1 + first.len()..].starts_with(' ')
            && second.is_some_and(|w| GROUP_NOUNS.contains(&w)))
}

/// True when the word at `at` follows the preposition "i" ("myndigheter i Sofia", "bor i
/// Alice Springs"): a lone given name there is a place, never a person ("kär i Sofia" aside,
/// which nobody writes to an AI service about someone's health).
fn place_after_in(lower: &str, at: usize) -> bool {
    let before = &lower[floor_boundary(lower, at.saturating_sub(3))..at];
    before == " i " || before.ends_with("\ni ") || (at == 2 && before == "i ")
}

/// True when the name at `at..end` is introduced as invented, a few words before it on its
/// line ("en fiktiv tjej som heter Mira", "a made-up client called Sam") or in apposition right
/// after it ("dokumentären om Hamid, en fiktiv pojke", "Sam, a fictional client"): nobody is
/// identified.
fn fictional(lower: &str, context: &Context<'_>, at: usize, end: usize) -> bool {
    let before = line_before(lower, at);
    let near = &before[floor_boundary(before, before.len().saturating_sub(48))..];
    let after = &lower[end..floor_boundary(lower, (end + 40).min(lower.len()))];
    let apposition = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
        .or_else(|| after.strip_prefix(" – "))
        .map(|rest| {
            let mut words = rest.split(|c: char| !c.is_alphanumeric() && c != '-');
            let first = words.next().unwrap_or("");
            // "en fiktiv pojke", "a made-up client", or the adjective alone ("fiktiv person").
            let second = if matches!(first, "en" | "ett" | "a" | "an" | "the" | "den" | "det") {
                words.next().unwrap_or("")
            } else {
                first
            };
            invented(second)
        })
        .unwrap_or(false);
    // A list of invented people in the sentence: "en tabell över fiktiva figurer som … –
    // Pippi Långstrump, Emil i Lönneberga, …".
    // Only a name after a list's comma, dash, colon, conjunction or "such as" can be an item
    // of such a list.
    let item = [", ", "– ", "- ", ": ", " as ", " and ", " och ", "ex. "]
        .iter()
        .any(|sep| lower[..at].ends_with(sep));
    let window = &lower[floor_boundary(lower, at.saturating_sub(200))..at];
    let stems = [
        "fikti", "påhitt", "fictio", "made-up", "imagin", "invent", "hypot",
    ];
    let listed = item && stems.iter().any(|stem| window.contains(stem)) && {
        let from = unit_around(lower, at).start.max(at.saturating_sub(200));
        let mut words = lower[floor_boundary(lower, from)..at]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .peekable();
        let mut found = false;
        while let Some(w) = words.next() {
            // "fiktiva personer", "ett påhittat övningsexempel" (an example of any kind).
            found |= invented(w)
                && words
                    .peek()
                    .is_some_and(|n| INVENTED_GROUPS.contains(n) || n.ends_with("exempel"));
        }
        found
    };
    apposition
        || listed
        || pseudonym(near)
        || story_requested(lower, context, at)
        || near
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(invented)
}

/// True when a well-known character of fiction is written whole from byte `at` ("emil i
/// lönneberga har ju typ adhd").
fn famous_character(lower: &str, characters: &[String], at: usize) -> bool {
    let rest = &lower[at..];
    let first = rest.as_bytes().first();
    characters.iter().any(|c| {
        c.as_bytes().first() == first
            && rest.starts_with(c.as_str())
            && !rest[c.len()..]
                .chars()
                .next()
                .is_some_and(|ch| ch.is_alphanumeric())
    })
}

/// True when the name at `at..end` belongs to a well-known work of fiction that the text
/// names ("Oves sorg efter Sonja" in a guide to "En man som heter Ove"): its first word a
/// character's first name or its last word the author's surname (a genitive "-s" aside).
fn of_named_work(
    lower: &str,
    roles: &Roles,
    named_works: &std::cell::RefCell<Vec<Option<bool>>>,
    at: usize,
    end: usize,
) -> bool {
    let name = &lower[at..end];
    let first = name.split(' ').next().unwrap_or("");
    let last = name.rsplit(' ').next().unwrap_or("");
    let listed = |w: &str| {
        roles.work_names.contains(w)
            || w.strip_suffix('s')
                .is_some_and(|b| roles.work_names.contains(b))
    };
    if !listed(first) && !listed(last) {
        return false;
    }
    let of_work = |work: &Work, word: &str| {
        work.names
            .iter()
            .any(|n| n == word || word.strip_suffix('s') == Some(n.as_str()))
    };
    let mut named = named_works.borrow_mut();
    if named.is_empty() {
        named.resize(roles.works.len(), None);
    }
    let candidate = roles
        .works
        .iter()
        .zip(named.iter_mut())
        .any(|(work, known)| {
            (of_work(work, first) || (last != first && of_work(work, last)))
                && *known.get_or_insert_with(|| work.finder.find(lower.as_bytes()).is_some())
        });
    // A workplace or a class after the name makes someone real ("Jonatan i klass 5B läser
    // Bröderna Lejonhjärta", "Bosse på förskolan Solrosen"); a place of the plot does not
    // ("Skorpan i Nangijala").
    let real_place = || {
        [" i ", " på ", " från ", " vid ", " in ", " at "]
            .iter()
            .find_map(|p| lower[end..].strip_prefix(p))
            .is_some_and(|rest| WORKPLACES.iter().any(|w| rest.starts_with(w)))
    };
    candidate && !real_place()
}

/// Words that open a workplace, a unit or a class after a preposition ("på förskolan …",
/// "i klass 5B", "på vår avdelning").
const WORKPLACES: &[&str] = &[
    "förskola",
    "skola",
    "fritids",
    "klass",
    "åk ",
    "årskurs",
    "avdelning",
    "enhet",
    "boende",
    "hemtjänst",
    "kontor",
    "kök",
    "jobbet",
    "arbetet",
    "vår ",
    "min ",
    "mitt ",
    "våra ",
    "our ",
    "my ",
    "the school",
    "the preschool",
    "the unit",
    "the office",
    "class ",
];

/// Bytes of a name's line read back for a request to write a story.
const STORY_REACH: usize = 240;

/// True when the line before a name asks for a story, a dialogue or a role play to be written
/// ("Write a short easy-English story for my SFI class: Ahmed is a bus driver who has
/// diabetes …", "skriv en dialog där Sara …"): its people are made up by the one writing.
fn story_requested(lower: &str, context: &Context<'_>, at: usize) -> bool {
    const ASKS: &[&str] = &["write", "skriv", "create", "gör", "hitta", "make", "invent"];
    // Most texts ask for no story: the automaton's hits tell before any word is split.
    if !context.story_within(at.saturating_sub(STORY_REACH), at) {
        return false;
    }
    let near = &lower[floor_boundary(lower, at.saturating_sub(STORY_REACH))..at];
    let near = near.rfind('\n').map_or(near, |i| &near[i + 1..]);
    let near_start = at - near.len();
    // A request to write comes before the kind of story, on the name's line.
    let mut ask = None;
    for_each_word(near, |s, e| {
        if ask.is_none() && ASKS.contains(&&near[s..e]) {
            ask = Some(near_start + e);
        }
    });
    ask.is_some_and(|from| context.story_within(from, at))
}

/// True when `before` ends with a name being given for the occasion ("vi kan kalla honom …",
/// "låt oss kalla brukaren …", "let's call her …"): the infinitive of the naming verb after a
/// modal, unlike "kallar" or "brukar kalla" of a real nickname.
fn pseudonym(before: &str) -> bool {
    // "kalla" and "call" both hold "all"; most names have neither before them.
    if !before.as_bytes().windows(3).any(|w| w == b"all") {
        return false;
    }
    let mut words = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .rev();
    let mut verb = words.next().unwrap_or("");
    if matches!(
        verb,
        "honom"
            | "henne"
            | "hen"
            | "personen"
            | "brukaren"
            | "eleven"
            | "klienten"
            | "him"
            | "her"
            | "them"
            | "the"
    ) {
        verb = words.next().unwrap_or("");
    }
    let modal = words.next().unwrap_or("");
    (verb == "kalla" && matches!(modal, "kan" | "ska" | "skulle" | "kunde" | "får" | "oss"))
        || (verb == "call"
            && matches!(
                modal,
                "let's" | "lets" | "us" | "we'll" | "i'll" | "can" | "could" | "will" | "shall"
            ))
}

/// Plural nouns for invented people after an adjective of [`invented`] ("fiktiva figurer").
const INVENTED_GROUPS: &[&str] = &[
    "figurer",
    "karaktärer",
    "personer",
    "gestalter",
    "exempel",
    "characters",
    "people",
    "persons",
    "examples",
];

/// Fiction a character lives in, right after "i"/"in (the)" ("Ove i romanen", "the Simpson
/// family in the TV series", "I filmen dricker pappan Lasse …"). A documentary shows real
/// people and is not among them.
const FICTION: &[&str] = &[
    "romanen",
    "novellen",
    "boken",
    "barnboken",
    "deckaren",
    "filmen",
    "pjäsen",
    "serien",
    "tv-serien",
    "tv-serie",
    "musikalen",
    "sagan",
    "novel",
    "book",
    "film",
    "movie",
    "play",
    "series",
    "show",
    "sitcom",
    "cartoon",
];

/// True when the mention at `at..end` is a character: the fiction it lives in follows it
/// right away ("Ove i romanen", "the Simpson family in the TV series") or opens its sentence
/// ("I filmen har Mira …", "In the series, Sam …").
fn in_fiction(lower: &str, at: usize, end: usize) -> bool {
    let fiction_at = |rest: &str| {
        let rest = rest
            .strip_prefix("i ")
            .or_else(|| rest.strip_prefix("in "))
            .unwrap_or("");
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        let rest = rest.strip_prefix("tv ").unwrap_or(rest);
        let word = rest
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("");
        !word.is_empty() && FICTION.contains(&word)
    };
    let after = &lower[end..floor_boundary(lower, (end + 40).min(lower.len()))];
    let after = [" family", " household", "-familjen"]
        .iter()
        .find_map(|w| after.strip_prefix(w))
        .unwrap_or(after);
    if after.strip_prefix(' ').is_some_and(fiction_at) {
        return true;
    }
    let before = line_before(lower, at);
    let sentence = before
        .rfind(". ")
        .map_or(before, |i| &before[i + 2..])
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    // A name in the title of a reviewed work ("en recension av En man som heter Ove").
    let near = &sentence[floor_boundary(sentence, sentence.len().saturating_sub(40))..];
    let reviewed = [
        "recension av ",
        "recensera ",
        "book review of ",
        "film review of ",
    ]
    .iter()
    .any(|r| near.contains(r));
    reviewed || (sentence.len() < 64 && fiction_at(sentence))
}

/// True when a first name at `at` is the person of a supposed case, a few words before it on
/// its line ("Anta att \"Anna\" berättar för sin chef …", "Suppose Sam tells …"): a full name
/// there may still be someone real ("anta att Anna Ek inte kommer").
fn supposed(lower: &str, at: usize) -> bool {
    let before = line_before(lower, at);
    let near = &before[floor_boundary(before, before.len().saturating_sub(24))..];
    [
        "anta att",
        "antag att",
        "tänk dig att",
        "låt säga att",
        "suppose ",
        "imagine ",
        "let's say ",
    ]
    .iter()
    .any(|p| near.contains(p))
}

/// Words that say a person is invented.
fn invented(w: &str) -> bool {
    matches!(
        w,
        "fiktiv"
            | "fiktivt"
            | "fiktiva"
            | "påhittad"
            | "påhittat"
            | "påhittade"
            | "fictional"
            | "fictitious"
            | "made-up"
            | "imaginary"
            | "invented"
            | "hypothetical"
            | "hypotetisk"
            | "hypotetiskt"
            | "hypotetiska"
            // The person of a story being written ("Huvudpersonen Elsa, 34, …").
            | "huvudperson"
            | "huvudpersonen"
            | "huvudpersonerna"
            | "protagonist"
            | "protagonisten"
            | "romanfigur"
            | "romanfiguren"
    )
}

/// Words that name a work of fiction or a documentary in the heading of a summary.
const GENRES: &[&str] = &[
    "roman",
    "romanen",
    "novell",
    "novellen",
    "bok",
    "boken",
    "barnbok",
    "ungdomsroman",
    "deckare",
    "film",
    "filmen",
    "långfilm",
    "kortfilm",
    "pjäs",
    "pjäsen",
    "dokumentär",
    "dokumentären",
    "serie",
    "serien",
    "tv-serie",
    "tv-serien",
    "musikal",
    "opera",
    "novel",
    "novella",
    "book",
    "movie",
    "play",
    "documentary",
    "series",
    "dir",
    "regi",
    "directed",
];

/// True when the name at `at` is in the summary of a work: a paragraph under a heading line
/// that gives a quoted title and the kind of work ("\"Vinterljus\" av Hanna Sörlin (roman,
/// 2023)", "\"The Quiet Room\" (2021, dir. …)"). The persons of a plot are characters, not
/// people anyone could identify; the paragraph ends at a blank line.
fn in_synopsis(lower: &str, at: usize) -> bool {
    let from = floor_boundary(lower, at.saturating_sub(RECORD_REACH));
    let mut head = &lower[from..floor_boundary(lower, at).max(from)];
    // Skip the name's own line: the heading is a line above it. (memchr's search: this runs
    // for every name, and the standard library's reverse search is byte by byte.)
    let Some(i) = memchr::memrchr(b'\n', head.as_bytes()) else {
        return false;
    };
    head = &head[..i];
    let mut end = head.len();
    let breaks = memchr::memrchr_iter(b'\n', head.as_bytes()).map(Some);
    for newline in breaks.chain([None]) {
        let line = &head[newline.map_or(0, |n| n + 1)..end];
        if line.trim().is_empty() {
            return false;
        }
        if work_heading(line) {
            return true;
        }
        end = newline.unwrap_or(0);
    }
    false
}

/// True when the sentence before `at` names a work by a quoted title after its author's
/// genitive or a genre word ("I första delen av Jonas Gardells ”Torka aldrig tårar …” firas
/// julafton hemma hos juden Paul", "i romanen ”Vinterljus” flyr Mira"): a lone first name
/// after it is a character of the work.
fn in_work_named_before(lower: &str, at: usize) -> bool {
    const QUOTES: [char; 5] = ['"', '“', '”', '«', '»'];
    // The sentence so far: back to a full stop or a line break (a closing quote ends none).
    let window = &lower[floor_boundary(lower, at.saturating_sub(240))..at];
    let before = window
        .rfind(". ")
        .or_else(|| window.rfind('\n'))
        .map_or(window, |i| &window[i + 1..]);
    let Some(open) = before.find(QUOTES) else {
        return false;
    };
    let after_open = &before[open..];
    let closed = after_open
        .char_indices()
        .skip(1)
        .any(|(_, c)| QUOTES.contains(&c));
    let head = before[..open].trim_end();
    let word = head
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    // The work is where the sentence takes place: it opens with "I" ("I första delen av …",
    // "I romanen …"), or "i" stands right before the genre word; "Vi läste Astrid Lindgrens
    // ”Mio min Mio” och sedan berättade Ahmed …" is about a real pupil.
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let genre = GENRES.contains(&word) || WORKS.contains(&word);
    let set_in = matches!(words.first(), Some(&"i" | &"in"))
        || (genre && words.len() >= 2 && matches!(words[words.len() - 2], "i" | "in"));
    closed
        && set_in
        && (genre || (word.len() > 3 && word.ends_with('s') && head.len() > word.len()))
}

/// Words of a career in a sentence's opening adverbial ("Efter 30 år inom missbruksvården",
/// "efter många år av arbete med …"): what follows is work, not a person's state.
const CAREER: &[&str] = &[
    "arbete",
    "arbetat",
    "arbetet",
    "jobb",
    "jobbat",
    "inom",
    "tjänst",
    "tjänstgöring",
    "yrke",
    "yrket",
    "karriär",
    "som",
    "work",
    "working",
    "career",
    "as",
];

/// Bytes read before a sentence for the work it talks about.
const WORK_REACH: usize = 400;

/// True when the sentence of the name at `at` says how a work portrays it, and a genre word
/// names the work before it ("Vi ska visa filmen Fadern … hur Anthonys demens skildras, hur
/// dottern Anne …"): the names there are its characters.
fn portrayed(lower: &str, context: &Context<'_>, at: usize) -> bool {
    // Most texts portray nothing: the verb is looked up before the sentence is delimited.
    if !context.portrayal_within(at.saturating_sub(UNIT_MAX), at + UNIT_MAX) {
        return false;
    }
    let unit = unit_around(lower, at);
    context.portrayal_within(unit.start, unit.end)
        && lower[floor_boundary(lower, unit.start.saturating_sub(WORK_REACH))..unit.end]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| GENRES.contains(&w))
}

/// Verbs of reading, watching and performing a work, whose object may be its quoted title.
const READ_VERBS: &[&str] = &[
    "läser", "läste", "läst", "läsa", "ser", "såg", "sett", "se", "spelar", "spelade", "sätter",
    "reading", "read", "reads", "watching", "watched", "watch", "staging",
];

/// True when the name at `at` stands inside a quotation still open on its line that a genre
/// word or a verb of reading or watching opens ("läser 'En man som heter Ove'", "the novel
/// \"Eleanor Oliphant …"): the name is part of a work's title, a character of it.
fn in_quoted_title(lower: &str, at: usize) -> bool {
    const QUOTES: [char; 6] = ['"', '“', '”', '«', '»', '\''];
    let before = line_before(lower, at);
    let before = &before[floor_boundary(before, before.len().saturating_sub(120))..];
    let bytes = before.as_bytes();
    // Read the quotation marks in order: a straight apostrophe opens only before a word and
    // after none ("'A Man …"), and closes only what is open; inside or after a word it is an
    // apostrophe ("Anna's", "don't", "citizens' club"). The quotation open at the end holds
    // the name.
    let mut open: Option<usize> = None;
    for (i, _) in before.match_indices(QUOTES) {
        let word_before = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
        // The window ends where the name starts: a mark at its end stands before the name.
        let word_after = bytes.get(i + 1).is_none_or(u8::is_ascii_alphanumeric);
        if bytes[i] == b'\'' {
            if open.is_some() && word_before && !word_after {
                open = None;
            } else if open.is_none() && !word_before && word_after {
                open = Some(i);
            }
        } else {
            open = if open.is_some() { None } else { Some(i) };
        }
    }
    let Some(open) = open else {
        return false;
    };
    let word = before[..open]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    GENRES.contains(&word)
        || WORKS.contains(&word)
        || READ_VERBS.contains(&word)
        // "frågor utifrån ”En man som heter Ove”", "based on 'A Man Called Ove'".
        || matches!(word, "utifrån" | "on" | "inspirerad" | "inspired")
            && (word != "on" || before[..open].trim_end().ends_with("based on"))
        // "Är ”En man som heter Ove” lämplig?" after a film afternoon is planned: a title
        // asked about, never speech ("sa Ahmed i 3B ”Omar slog mig”").
        || (matches!(word, "är" | "blir" | "passar" | "om" | "is" | "about")
            && screening_before(line_before(lower, at - (before.len() - open))))
}

/// True when the text before a quotation on its line plans a showing or a reading of a work
/// ("Vi planerar en filmeftermiddag … Är ”En man som heter Ove” lämplig?", "bokcirkeln läser
/// …"): the quotation is the work's title.
fn screening_before(line: &str) -> bool {
    const SHOWINGS: &[&str] = &[
        "film",
        "biokväll",
        "biobesök",
        "bioeftermiddag",
        "teater",
        "bokcirkel",
        "bokklubb",
        "högläsning",
        "movie",
    ];
    let head = &line[floor_boundary(line, line.len().saturating_sub(200))..];
    head.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "bio" || SHOWINGS.iter().any(|s| w.starts_with(s)))
}

/// A heading line of a work: a quoted title and a genre word ([`GENRES`]) on the same line.
fn work_heading(line: &str) -> bool {
    if line.len() > 160 {
        return false;
    }
    let quoted = ['"', '“', '”', '«', '»']
        .iter()
        .map(|&q| line.matches(q).count())
        .sum::<usize>()
        >= 2;
    quoted
        && line
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|w| GENRES.contains(&w))
}

/// `m` with its flags and id, given the mentions before it.
fn flagged(text: &str, lower: &str, roles: &Roles, earlier: &[Mention], mut m: Mention) -> Mention {
    let before = line_before(lower, m.start);
    let words = last_words(before, 3);
    let wider = last_words(before, 5);
    // "enligt kammaråklagare Thomas Hertz": the role may stand between, and the organisation's
    // genitive before it ("säger Skatteverkets handläggare X", "säger Sundsvalls länssjukhus
    // smittskyddsläkare X").
    // "Mentorn skriver: Alva …" introduces what is written, not its source.
    let after_role = |k: usize| {
        // The word right after the verb is the organisation's genitive.
        wider.get(k..).is_some_and(source) && (k == 1 || wider[k - 1].ends_with('s'))
    };
    m.source = m.name
        && !before.trim_end().ends_with(':')
        && !reported_subject(lower, &words, m.end)
        && (source(&words)
            || (wider.first().is_some_and(|w| is_official_role(roles, w))
                && (1..=3).any(after_role)));
    // "Medarbetare: Tuomas Virtanen, undersköterska": in the field of a record about a person
    // concerned, a job title after the name is that person's, not an official's capacity
    // ("Namn:" heads contact blocks as often as records, so it does not count).
    let concerned_field = {
        let label = before.trim_end().trim_end_matches(':').trim();
        before.trim_end().ends_with(':')
            && !matches!(label, "namn" | "name")
            && roles.record.contains(label)
    };
    // "för vår medlem Fatima Osman, handläggare på bygglovsenheten": an organisation's member,
    // named as such, is the one a letter is about; her job title is no office she acts in.
    let member = matches!(
        words.first(),
        Some(&("medlem" | "medlemmen" | "medlemmar" | "member"))
    );
    m.official = m.name
        && (m.source
            || (!concerned_field && !member && official(lower, roles, &words, m.end))
            || role_of_field_in_apposition(roles, before)
            || role_of_field_before(roles, &wider)
            || author(before, &words)
            || passive_agent(&words)
            || coordinated_agent(lower, earlier, &words, m.start));
    m.greeted = recipient(roles, before, &wider)
        || (m.name && heads_address_block(text, before, m.end))
        || (m.name && called_out(before, &text[m.end..]));
    m.signoff = m.name && signoff(lower, m.start);
    // "Från familjen Kaya, Storgatan 14: Vi är …": a household writes as "vi".
    m.household = m.name && words.first().is_some_and(|w| HOUSEHOLDS.contains(w));
    m.introduced = m.name && introduced(before);
    m.sender = sender(lower, roles, before, m.end, &words)
        || (m.household && sender(lower, roles, before, m.end, &words[1..]))
        || m.introduced;
    m.record = !m.official && record(lower, roles, before, &words, m.end);
    if m.name && !text[m.start..m.end].contains(' ') {
        if let Some(a) = coreferent(lower, earlier, m) {
            m.id = a.id;
            m.official |= a.official;
            // The singled-out given name written again is as singled out.
            m.lone_given &= a.end - a.start != m.end - m.start || a.lone_given;
            // "den påhittade kollegan Robin … Robin har …": still the invented one.
            m.invented |= a.invented;
        } else {
            // "läser 'Hanna och …' … Hannas ätstörning": the same first name as a character
            // is that character.
            m.invented |= same_name_invented(lower, earlier, m);
        }
    } else if !m.name
        && let Some(owner) = owner_before(lower, earlier, m.start)
    {
        // "Felicia Nyqvist, 110723-3189": the number is hers.
        m.id = owner.id;
    }
    m
}

/// A phone number given as a caller's own ("samtal från 073-618 42 95", "ring mig på …",
/// "call from …"): in a call log or a message it stands for the person who called.
fn callers_phone(lower: &str, roles: &Roles, at: usize) -> bool {
    const CALLER: &[&str] = &[
        "samtal från",
        "ringde från",
        "sms från",
        "ring mig på",
        "mitt nummer är",
        // "Ring mamman, hon nås på 073-…": the person reached at it.
        "hon nås på",
        "han nås på",
        "hen nås på",
        "she can be reached on",
        "he can be reached on",
        "call from",
        "call me on",
        "my number is",
    ];
    let before = line_before(lower, at).trim_end_matches([' ', ':']);
    if CALLER.iter().any(|c| before.ends_with(c)) {
        return true;
    }
    // "medarbetaren som nås på 070-…": a person noun's number.
    if let Some(head) = before.strip_suffix(" som nås på") {
        return last_words(head, 1)
            .first()
            .is_some_and(|w| roles.concerned.contains(*w));
    }
    // "Samtal från kvinna, tel 070-…": the number given with the caller.
    let Some(head) = [
        "tel", "tel.", "tfn", "telefon", "mobil", "tel nr", "telnr", "phone",
    ]
    .iter()
    .find_map(|k| before.strip_suffix(k))
    .filter(|h| h.ends_with([' ', ','])) else {
        return false;
    };
    let head = head.trim_end_matches([' ', ',']);
    let near = &head[floor_boundary(head, head.len().saturating_sub(40))..];
    ["samtal från", "ringde", "sms från", "call from", "called"]
        .iter()
        .any(|c| near.contains(c))
}

/// True when the phone number after `before` (its last three words `words`, nearest first) is
/// given as a staff member's, by their role ("ring nattsköterskan på 070-…", "handläggaren nås
/// på …", "kuratorn, tel …"): a work number, nobody's own.
fn staff_number(roles: &Roles, before: &str, words: &[&str]) -> bool {
    let role = match words {
        ["på" | "on" | "at", "nås" | "reached", role, ..] => Some(*role),
        ["på" | "on" | "at", role, ..] => Some(*role),
        [label @ ("tel" | "tfn" | "telefon" | "mobil" | "phone"), ..] => before
            .trim_end_matches([' ', ':', '.'])
            .strip_suffix(label)
            .and_then(|head| {
                last_words(head.trim_end_matches([' ', ',']), 1)
                    .first()
                    .copied()
            }),
        _ => None,
    };
    role.is_some_and(|role| is_official_role(roles, role))
}

/// A number of a service, never a private person's: free (020), shared-cost (077) and premium
/// (0900, 0939, 0944) numbers.
fn service_number(phone: &str) -> bool {
    let digits: String = phone
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .replacen("46", "0", usize::from(phone.trim_start().starts_with('+')));
    ["020", "077", "0900", "0939", "0944"]
        .iter()
        .any(|p| digits.starts_with(p))
}

/// An e-mail address whose local part starts with a given name ("lisa.holmgren84@…"), or any
/// address at a free mail service, which belongs to a private person ("k.lindqvist88@gmail.com").
fn personal_email(text: &str, span: &Range<usize>, lists: &NameLists) -> bool {
    const FREE_MAIL: &[&str] = &[
        "gmail.com",
        "hotmail.com",
        "hotmail.se",
        "outlook.com",
        "outlook.se",
        "live.se",
        "live.com",
        "yahoo.com",
        "yahoo.se",
        "icloud.com",
        "me.com",
        "protonmail.com",
        "proton.me",
        "telia.com",
        "spray.se",
        "bredband.net",
        "gmx.com",
    ];
    let address = &text[span.clone()];
    let (local, domain) = address.split_once('@').unwrap_or((address, ""));
    if FREE_MAIL.iter().any(|d| domain.eq_ignore_ascii_case(d)) {
        return true;
    }
    let first = local
        .split(|c: char| !c.is_alphabetic())
        .find(|p| !p.is_empty())
        .unwrap_or("");
    let mut chars = first.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    let capitalised: String = c.to_uppercase().chain(chars).collect();
    first.chars().count() >= 3 && lists.is_given(&capitalised)
}

/// The text of the line before `at` (at most 80 bytes).
fn line_before(lower: &str, at: usize) -> &str {
    let from = floor_boundary(lower, at.saturating_sub(80));
    let slice = &lower[from..at];
    match memchr::memrchr(b'\n', slice.as_bytes()) {
        Some(i) => &slice[i + 1..],
        None => slice,
    }
}

/// The word that ends one space before `at` ("säger" in "säger han"), or "".
fn word_right_before(lower: &str, at: usize) -> &str {
    let Some(head) = lower[..at].strip_suffix(' ') else {
        return "";
    };
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[start..]
}

/// Up to `n` words at the end of `before`, nearest first, as long as only spaces, colons,
/// full stops and hyphens stand between them and the end (so "Talare: Professor" and
/// "Dr. " count, "frukost. " followed by a new sentence does not).
fn last_words(before: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = before;
    while out.len() < n {
        let trimmed = rest.trim_end_matches([' ', ':', '.']);
        let gap = &rest[trimmed.len()..];
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
            .last()
            .map_or(trimmed.len(), |(i, _)| i);
        let word = &trimmed[start..];
        let stop = gap.contains('.') && !ABBREVIATIONS.contains(&word);
        if word.is_empty() || stop {
            break;
        }
        out.push(word);
        rest = &trimmed[..start];
    }
    out
}

/// True when `word` is a role of an official, staff member or expert; in a hyphenated
/// compound the last part decides ("Brå-utredaren", "it-chefen", "HR-konsulten").
fn is_official_role(roles: &Roles, word: &str) -> bool {
    let official = |w: &str| {
        roles.official.contains(w)
            || roles
                .official_suffixes
                .iter()
                .any(|s| w.len() > s.len() && w.ends_with(s.as_str()))
    };
    official(word)
        || word
            .rsplit_once('-')
            .is_some_and(|(head, last)| !head.is_empty() && last.len() >= 4 && official(last))
}

/// A name after an English title with its field ("our Director of Social Services, Maria
/// Holm", "Head of Elderly Care Anna Ek"): the role stands before "of" and one to three words
/// of the field (`wider` holds the words before the name, nearest first).
fn role_of_field_before(roles: &Roles, wider: &[&str]) -> bool {
    (1..=3).any(|k| {
        wider.get(k) == Some(&"of")
            && wider
                .get(k + 1)
                .is_some_and(|w| *w == "head" || is_official_role(roles, w))
    })
}

/// A name with an official's role before it ("socialchef Per Nordström") or in apposition
/// after it ("Erik Sjöholm, psykolog", "Lars Öberg (C)").
fn official(lower: &str, roles: &Roles, before: &[&str], end: usize) -> bool {
    // "klasslärare till Sofia", "mentor för Ali", "the case worker of Anna": the role is
    // someone else's, and the name that of the one they serve.
    let served = matches!(
        before.first(),
        Some(&("till" | "för" | "åt" | "to" | "for" | "of"))
    );
    // "vår blivande kontaktperson Jonas Eriksson": a role not yet taken up is no office the
    // person acts in (an applicant, whose register extract is theirs).
    // "slutkandidaten till tjänsten som upphandlingschef, Peter Lindqvist": a post applied for.
    let post = before.get(1) == Some(&"som")
        && before.get(2).is_some_and(|w| {
            matches!(
                *w,
                "tjänsten" | "tjänst" | "jobbet" | "rollen" | "befattningen" | "position" | "role"
            )
        });
    let future = post
        || before.get(1).is_some_and(|w| {
            matches!(
                *w,
                "blivande"
                    | "tilltänkt"
                    | "tilltänkta"
                    | "presumtiv"
                    | "presumtiva"
                    | "prospective"
                    | "future"
            )
        });
    // "beslutar att avskeda badmästare Jimmy Strand": the employee a decision in employment is
    // about is its object, not an official acting in office.
    let dismissed = before.get(1).is_some_and(|w| {
        matches!(
            *w,
            "avskeda"
                | "avskedar"
                | "avskedade"
                | "avskedat"
                | "avskedas"
                | "omplacera"
                | "omplaceras"
                | "stänga"
                | "avstänga"
                | "avstängd"
                | "avstängde"
                | "dismiss"
                | "dismissed"
                | "fire"
                | "fired"
                | "suspend"
                | "suspended"
        )
    });
    if !future
        && !dismissed
        && before
            .iter()
            .take(if served { 1 } else { 2 })
            .any(|w| is_official_role(roles, w))
    {
        return true;
    }
    if lectures(&lower[end..floor_boundary(lower, (end + 80).min(lower.len()))]) {
        return true;
    }
    let after = &lower[end..floor_boundary(lower, (end + 40).min(lower.len()))];
    // A signature: the name alone on its line and the role alone on the next ("Petra
    // Ahlström\nLSS-handläggare").
    if let Some(next) = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))
        .and_then(|rest| rest.split('\n').next())
    {
        let own_line = line_before(lower, end).split_whitespace().count() <= 3;
        // "Socialsekreterare, Ekonomiskt bistånd": the role before the unit's name.
        let role = next.split(',').next().unwrap_or(next).trim();
        if own_line && !role.contains(' ') && is_official_role(roles, role) {
            return true;
        }
    }
    // `"namn":"Eva Sandberg","roll":"Enhetschef"`: a record's role field beside the name.
    if let Some(role) = role_field_after(after) {
        return is_official_role(roles, role);
    }
    // "Lennart Boström har varit socialchef i 14 år": the office a person holds, said with a
    // copula.
    if let Some(rest) = [
        " har varit ",
        " är ",
        " var ",
        " has been ",
        " is ",
        " was ",
    ]
    .iter()
    .find_map(|p| after.strip_prefix(p))
    {
        let rest = ["vår ", "kommunens ", "our ", "the "]
            .iter()
            .find_map(|p| rest.strip_prefix(p))
            .unwrap_or(rest);
        let word = rest
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("");
        if is_official_role(roles, word) {
            return true;
        }
    }
    // "Anna Ekstedt som ambassadör": the office a person takes up or holds.
    let Some(rest) = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
        .or_else(|| after.strip_prefix(" – "))
        .or_else(|| after.strip_prefix(" som "))
    else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("");
    if after.starts_with(" (") && rest[word.len()..].starts_with(')') {
        // A party after a name marks a politician: "(S)", "(KD)", "(SD)".
        let party = matches!(
            word,
            "s" | "m" | "c" | "v" | "l" | "kd" | "sd" | "mp" | "fi" | "nyans"
        );
        if party {
            return true;
        }
    }
    is_official_role(roles, word)
}

/// True when the words after a name tell that the person lectures, maybe after their
/// organisation ("Anna Wikström från Länsstyrelsen som föreläser om …", "X, som håller en
/// föreläsning om …"): a speaker in an expert's office, whose topic is no data of theirs.
fn lectures(after: &str) -> bool {
    const LECTURING: &[&str] = &[
        "föreläser",
        "föreläste",
        "ska föreläsa",
        "kommer att föreläsa",
        "kommer och föreläser",
        "håller en föreläsning",
        "håller föreläsningen",
        "håller ett föredrag",
        "höll en föreläsning",
        "höll ett föredrag",
        "lectures",
        "will lecture",
        "gives a talk",
        "will give a talk",
    ];
    let mut rest = after.strip_prefix(',').unwrap_or(after);
    // "från Länsstyrelsen", "på Barnahus": the organisation, at most five words and no clause.
    for preposition in [" från ", " på ", " vid ", " from ", " at "] {
        if let Some(tail) = rest.strip_prefix(preposition)
            && let Some(at) = tail.find(" som ").or_else(|| tail.find(" who "))
            && !tail[..at].contains([',', '.', ';', ':', '\n'])
            && tail[..at].split(' ').count() <= 5
        {
            rest = &tail[at..];
            break;
        }
    }
    let Some(verb) = rest
        .strip_prefix(" som ")
        .or_else(|| rest.strip_prefix(" who "))
    else {
        return false;
    };
    LECTURING
        .iter()
        .any(|l| verb.starts_with(l) && verb[l.len()..].starts_with([' ', ',']))
}

/// The value of a role field right after a name's field in a JSON or a key-value record
/// (`","roll":"enhetschef"`, `", "title": "rektor"`), lower case.
fn role_field_after(after: &str) -> Option<&str> {
    let rest = after.strip_prefix('"')?.trim_start_matches([',', ' ']);
    let rest = rest.strip_prefix('"')?;
    let (key, rest) = rest.split_once('"')?;
    if !matches!(
        key,
        "roll" | "role" | "titel" | "title" | "befattning" | "yrke"
    ) {
        return None;
    }
    let rest = rest.trim_start_matches([':', ' ']).strip_prefix('"')?;
    rest.split('"').next()
}

/// A verb or participle of working somewhere or as something ("arbetar", "jobbat", "anställd",
/// "works").
fn works(word: &str) -> bool {
    matches!(
        word,
        "arbetar"
            | "arbetade"
            | "arbetat"
            | "arbeta"
            | "jobbar"
            | "jobbade"
            | "jobbat"
            | "jobba"
            | "tjänstgjort"
            | "verksam"
            | "verksamma"
            | "working"
            | "anställd"
            | "anställda"
            | "tjänstgör"
            | "praktiserar"
            | "works"
            | "worked"
            | "employed"
    )
}

/// English reports its content without "that": in "our coach says Mohammed J. in the Tuesday
/// group was arrested", the name after the verb of saying is the subject of what is said, not
/// its source, when a finite verb follows it in its clause.
fn reported_subject(lower: &str, words: &[&str], end: usize) -> bool {
    const FINITE: &[&str] = &[
        "was", "is", "has", "had", "were", "will", "would", "got", "gets", "did", "does", "can",
        "could", "should", "must",
    ];
    if !matches!(words.first(), Some(&("says" | "said"))) {
        return false;
    }
    let rest = &lower[end..floor_boundary(lower, (end + 80).min(lower.len()))];
    let clause = rest
        .split(['.', ',', ';', '?', '!', '\n', ':', '"', '”'])
        .next()
        .unwrap_or("");
    clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| FINITE.contains(&w))
}

/// A name in apposition after an official's role and its field: "The head of elderly care,
/// Lena Håkansson, said …", "Chefen för äldreomsorgen, Lena Håkansson, …".
fn role_of_field_in_apposition(roles: &Roles, before: &str) -> bool {
    let Some(head) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let words = last_words(head, 5);
    (2..words.len()).any(|k| {
        is_official_role(roles, words[k])
            && matches!(words[k - 1], "of" | "for" | "för" | "inom" | "på" | "vid")
    })
}

/// A person quoted as the source of what is reported, the verb of saying right before the
/// name ("säger Pia Andersen", "enligt Ulf Karlsson", "said Tom Reed"): news and press
/// releases name their sources so; what the sentence reports is not about them unless they
/// are its subject.
fn source(words: &[&str]) -> bool {
    words.first().is_some_and(|w| {
        matches!(
            *w,
            "säger"
                | "sa"
                | "sade"
                | "uppger"
                | "uppgav"
                | "enligt"
                | "meddelar"
                | "meddelade"
                | "kommenterar"
                | "konstaterar"
                | "bekräftar"
                | "bekräftade"
                | "betonar"
                | "påpekar"
                | "förklarar"
                | "berättar"
                | "skriver"
                | "says"
                | "said"
        )
    }) || words.starts_with(&["to", "according"])
}

/// Words after "om"/"about" that keep a work's subject the person's own ("en bok om sin
/// depression", "about her illness") or make "om" a time ("om kvällen").
const OWN_OR_TIME: &[&str] = &[
    "sin",
    "sitt",
    "sina",
    "egen",
    "eget",
    "egna",
    "her",
    "his",
    "own",
    "hennes",
    "hans",
    "min",
    "mitt",
    "mina",
    "my",
    "kvällen",
    "kvällarna",
    "dagen",
    "dagarna",
    "morgonen",
    "natten",
    "nätterna",
    "året",
    "veckan",
    "helgen",
    "helgerna",
];

/// Words that name a written, filmed or spoken work: what it is about is a topic, and whom it
/// names after "av" or "by" is its author.
const WORKS: &[&str] = &[
    "bok",
    "boken",
    "böcker",
    "roman",
    "romanen",
    "artikel",
    "artikeln",
    "rapport",
    "rapporten",
    "avhandling",
    "avhandlingen",
    "studie",
    "studien",
    "film",
    "filmen",
    "pjäs",
    "pjäsen",
    "föreläsning",
    "föreläsningen",
    "podd",
    "podden",
    "poddavsnitt",
    "dikt",
    "dikten",
    "krönika",
    "krönikan",
    "insändare",
    "insändaren",
    "blogginlägg",
    "blogginlägget",
    "debattartikel",
    "debattartikeln",
    "utredning",
    "utredningen",
    "book",
    "novel",
    "article",
    "report",
    "study",
    "paper",
    "thesis",
    "talk",
    "lecture",
    "podcast",
    "documentary",
    "essay",
    "column",
    "novell",
    "novellen",
    "dokumentär",
    "dokumentären",
    "serie",
    "serien",
    "föreställning",
    "föreställningen",
    "utställning",
    "utställningen",
    "låt",
    "låten",
    "album",
    "albumet",
    "movie",
    "series",
    "exhibition",
];

/// The agent of a passive verb ("operationen utfördes av Leif Sjö", "leddes av", "was
/// performed by"): who did something, not whom it was done to; what the subject of the verb
/// names is not about them.
fn passive_agent(words: &[&str]) -> bool {
    let passive = |verb: &str| {
        verb.len() > 4 && (verb.ends_with("des") || verb.ends_with("tes") || verb.ends_with("ats"))
    };
    match words {
        // "utfördes av Leif Sjö", or with a role between: "utfördes av kirurgen Leif Sjö".
        ["av", verb, ..] | [_, "av", verb] => passive(verb),
        ["by", verb, ..] | [_, "by", verb] => verb.len() > 4 && verb.ends_with("ed"),
        _ => false,
    }
}

/// The second of two agents ("genomfördes av Leif Swärd och Dick Larsson").
fn coordinated_agent(lower: &str, earlier: &[Mention], words: &[&str], at: usize) -> bool {
    let Some(first) = earlier.last() else {
        return false;
    };
    matches!(words.first(), Some(&"och" | &"and"))
        && first.name
        && lower.get(first.end..at).is_some_and(|gap| gap.len() <= 5)
        && passive_agent(&last_words(line_before(lower, first.start), 3))
}

/// The author of a work, named after "av" or "by" with the work before it on the line ("boken
/// \"Ångestboken\" av Moa Lindgren", "a report by Anna Ek"): what the work is about is a topic.
fn author(before: &str, words: &[&str]) -> bool {
    if !words.first().is_some_and(|w| matches!(*w, "av" | "by")) {
        return false;
    }
    let head = before.trim_end();
    let head = head
        .strip_suffix("av")
        .or_else(|| head.strip_suffix("by"))
        .unwrap_or(head);
    let quoted = head.trim_end().ends_with(['"', '”', '»', '\'']);
    quoted
        || head
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORKS.contains(&w))
}

/// Prepositions before an object pronoun ("en presentation av henne", "a note about him").
const OBJECT_PREPOSITIONS: &[&str] = &["av", "om", "till", "för", "åt", "of", "about", "for", "to"];

/// Talks and days of training, whose topics a colon after them lists.
const TALKS: &[&str] = &[
    "föreläsning",
    "föreläsningen",
    "föredrag",
    "föredraget",
    "presentation",
    "presentationen",
    "utbildning",
    "utbildningen",
    "temadag",
    "temadagen",
    "seminarium",
    "seminariet",
    "workshop",
    "workshopen",
    "lecture",
    "talk",
    "training",
    // What one learnt from a talk ("sammanfatta tre lärdomar: färre sömnmedel, …").
    "lärdomar",
    "lärdomarna",
    "takeaways",
    "learnings",
    "seminar",
];

/// True when `slice` names a talk before a colon ("höll en föreläsning på temadagen: tidiga
/// tecken på demens, …"): what the colon lists are its topics.
fn talk_topics(slice: &str) -> bool {
    slice.find(": ").is_some_and(|colon| {
        slice[..colon]
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| TALKS.contains(&w))
    })
}

/// Words of speaking or fighting for a cause before "för"/"for" ("en stark röst för
/// försörjningsstödstagares rättigheter", "kämpat för"): an official's cause, not their data
/// ("arbetat för" is left out: it is as often an employer, "har arbetat för kommunen").
const ADVOCACY: &[&str] = &[
    "röst",
    "kämpat",
    "kämpar",
    "kämpade",
    "förespråkare",
    "talesperson",
    "ambassadör",
    "voice",
    "advocate",
    "campaigned",
    "fought",
];

/// True when `slice` speaks of working or speaking for a cause ([`ADVOCACY`] before "för").
fn advocacy(slice: &str) -> bool {
    let mut previous = "";
    let mut found = false;
    for_each_word(slice, |s, e| {
        let word = &slice[s..e];
        found |= matches!(word, "för" | "for") && ADVOCACY.contains(&previous);
        previous = word;
    });
    found
}

/// English nouns of a talk or a text before "on" and its topic ("an open lecture on living
/// well with dementia"; "on" alone is no topic: "is on sick leave").
const ENGLISH_TALKS: &[&str] = &[
    "lecture",
    "lectures",
    "talk",
    "talks",
    "seminar",
    "webinar",
    "presentation",
    "workshop",
    "course",
    "training",
    "session",
    "keynote",
    "speech",
    "panel",
    "book",
    "article",
    "research",
    "study",
    "paper",
    "podcast",
];

/// Words of a speaker about themselves (the English "I" is the Swedish "i" in lower case).
const FIRST_PERSON: &[&str] = &["jag", "mig", "min", "mitt", "mina", "my", "me", "myself"];

/// Labels of one respondent's answer in a survey export ("Svar 1 (Jonas Ek, …):").
const RESPONSES: &[&str] = &[
    "svar",
    "kommentar",
    "synpunkt",
    "fritextsvar",
    "respondent",
    "answer",
    "response",
    "comment",
];

/// A union's elected representatives, members of the union they represent.
const UNION_ROLES: &[&str] = &[
    "ombud",
    "ombudet",
    "arbetsplatsombud",
    "arbetsplatsombudet",
    "skyddsombud",
    "skyddsombudet",
    "huvudskyddsombud",
    "huvudskyddsombudet",
    "förtroendevald",
    "representative",
    "steward",
    // The chair and board of a union's local section are its members too ("ordförande i
    // Kommunals sektion", twenty-fourth round).
    "ordförande",
    "ordföranden",
    "kassör",
    "kassören",
    "styrelseledamot",
    "ledamot",
    "chair",
    "chairperson",
];

/// Nouns of a household named by its surname after them ("familjen Kaya", "paret Ek").
const HOUSEHOLDS: &[&str] = &["familjen", "paret", "family"];

/// The first person plural, which a household that sends a message writes in.
const FIRST_PLURAL: &[&str] = &["vi", "oss", "vår", "vårt", "våra", "we", "us", "our"];

/// Named as a message's sender: "From: lisa@…", "Mejl från lisa@…:", "Anna Berg skrev:",
/// "Anna Berg: jag …".
fn sender(lower: &str, roles: &Roles, before: &str, end: usize, words: &[&str]) -> bool {
    let label = before.trim_start();
    if let Some((head, _)) = label.split_once(':')
        && roles.sender.contains(head.trim())
    {
        return true;
    }
    if words.first().is_some_and(|w| roles.sender.contains(*w)) || lower[end..].starts_with(':') {
        return true;
    }
    // "X skrev:", "X kommenterade på Facebook:": the colon on the same line, close after.
    let after = &lower[end..floor_boundary(lower, (end + 40).min(lower.len()))];
    let after = after.split('\n').next().unwrap_or("");
    let word = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    (roles.sender.contains(word) || QUOTE_VERBS.contains(&word)) && after.contains(':')
}

/// Kinds of social-services records that, opening a text, make it a record about the person
/// or household it names ("Orosanmälan", "Anmälan om oro", "Utredning enligt 11 kap. SoL").
const RECORD_KINDS: &[&str] = &[
    "orosanmälan",
    "anmälan om oro",
    "lex sarah-anmälan",
    "lvu-ansökan",
    "lvm-anmälan",
    "anmälan enligt lvm",
];

/// Plural definite persons other than a named one: a sensitive word after one of these is
/// said of them ("X vill inte säga vad männen misstänks för", "… eleverna har magsjuka").
/// Family nouns ("barnen", "föräldrarna") are left out: a named person's children are theirs.
const PLURAL_PERSONS: &[&str] = &[
    "männen",
    "kvinnorna",
    "ungdomarna",
    "personerna",
    "poliserna",
    "patienterna",
    "eleverna",
    "brukarna",
    "klienterna",
    "gärningsmännen",
    "rånarna",
];

/// Indefinite plural person nouns: a group, described by the words after it ("unga med
/// psykisk ohälsa", "elever som har adhd", "children with autism").
const GROUP_PLURALS: &[&str] = &[
    "unga",
    "ungdomar",
    "barn",
    "elever",
    "patienter",
    "brukare",
    "klienter",
    "kvinnor",
    "män",
    "personer",
    "föräldrar",
    "familjer",
    "vuxna",
    "äldre",
    "anställda",
    "medarbetare",
    "invånare",
    "pojkar",
    "flickor",
    "tjejer",
    "killar",
    "people",
    "children",
    "patients",
    "pupils",
    "students",
    "women",
    "men",
    "adults",
    "families",
    "parents",
    "employees",
    "residents",
    "besökare",
    "kunder",
    "gäster",
    "deltagare",
    "sökande",
    "hyresgäster",
    "resenärer",
    "låntagare",
    "visitors",
    "customers",
    "guests",
    "participants",
    "clients",
    "tenants",
    "users",
];

/// Possessive determiners: a group after one is the person's own ("sina barn", "her pupils").
const GROUP_OWNERS: &[&str] = &[
    "sina", "hennes", "hans", "hens", "deras", "mina", "våra", "era", "her", "his", "their", "my",
    "our",
];

/// Participles that, after "de", name several other people ("de gripna", "de misstänkta").
const PLURAL_PARTICIPLES: &[&str] = &[
    "gripna",
    "misstänkta",
    "anhållna",
    "häktade",
    "åtalade",
    "dömda",
    "skadade",
    "drabbade",
    "inblandade",
    "omhändertagna",
    "placerade",
];

/// Reflexive pronouns and possessives: their person is the subject of their own clause, or of
/// a note without one.
const REFLEXIVES: &[&str] = &[
    "sig",
    "sin",
    "sitt",
    "sina",
    "själv",
    "herself",
    "himself",
    "themselves",
];

/// Verbs that introduce a comment or a quote with a colon after the name of the one who wrote
/// or said it ("Maria Lind kommenterade på Facebook: \"Jag …\"", "Anna sa: …"): what follows
/// in the first person is theirs.
const QUOTE_VERBS: &[&str] = &[
    "kommenterade",
    "kommenterar",
    "postade",
    "postar",
    "twittrade",
    "tweetade",
    "sa",
    "sade",
    "säger",
    "commented",
    "posted",
    "tweeted",
    "says",
    "said",
];

/// Closing words of a message: the name after one signs it ("mvh Fatima Ali", "Med vänlig
/// hälsning\nFatuma Ali", "Best regards, Sam").
const CLOSINGS: &[&str] = &[
    "mvh",
    "vh",
    "hälsningar",
    "hälsning",
    "hälsar",
    "förhand",
    "tack",
    "regards",
    "wishes",
    "cheers",
    "thanks",
    "sincerely",
    "best",
];

/// True when the name at `at` signs a message: after a closing word on its line or alone on
/// the line after one, or right after a slash that starts a signature ("/Kalle").
fn signoff(lower: &str, at: usize) -> bool {
    let before = line_before(lower, at);
    if before.trim_end().ends_with('/') {
        let head = before.trim_end().trim_end_matches('/');
        return head.trim().is_empty() || head.ends_with(' ');
    }
    let closing = |line: &str| {
        let line = line.trim_end_matches(|c: char| !c.is_alphanumeric());
        let last = line
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        CLOSINGS.contains(&last)
    };
    if !before.trim().is_empty() {
        return closing(before);
    }
    // The name starts its line: the closing ends the line before.
    let line_start = at - before.len();
    let Some(head) = lower[..line_start].strip_suffix('\n') else {
        return false;
    };
    let head = head.trim_end_matches(['\r', ' ']);
    let from = floor_boundary(head, head.len().saturating_sub(80));
    let previous = head[from..].rsplit('\n').next().unwrap_or("");
    closing(previous)
}

/// True when the writer introduces themself by the name after `before` ("Jag, Fatuma Ali,",
/// "jag heter Sara", "Hi, this is Priya", "my name is Sam").
fn introduced(before: &str) -> bool {
    const INTRODUCTIONS: &[&str] = &[
        "jag, ",
        "jag heter ",
        "mitt namn är ",
        "my name is ",
        "this is ",
        "det här är ",
        "i'm ",
        "i’m ",
        "i am ",
    ];
    INTRODUCTIONS.iter().any(|i| {
        before.ends_with(i) && {
            let head = &before[..before.len() - i.len()];
            // Also inside a quoted message ("”Jag heter …", "'Hi, I'm …").
            head.is_empty()
                || head.ends_with([
                    ' ', ',', '.', '!', '"', '\n', '”', '“', '\'', '’', '«', '»', ':',
                ])
        }
    }) || before == "i, "
        || before.ends_with(". i, ")
}

/// Heads a record about the person: a record label before the name ("Elev: X", "Brukare X"),
/// or the name at the start of a line (after at most a short label) followed by a detail such
/// as an age, a class or a number ("S: Sonja Ek, 86 år").
fn record(lower: &str, roles: &Roles, before: &str, words: &[&str], end: usize) -> bool {
    let label = before.trim_end().trim_end_matches(':').trim();
    if roles.record.contains(label)
        || words.first().is_some_and(|w| roles.record.contains(*w))
        || field_key(before).is_some_and(|key| roles.record.contains(key))
    {
        return true;
    }
    let at_line_start = before.trim().is_empty() || before.trim_end().ends_with(':');
    let after = &lower[end..floor_boundary(lower, (end + 16).min(lower.len()))];
    let detail = after.trim_start_matches([',', ' ', '(']);
    if at_line_start {
        // "Ingrid Sjöberg, rum 12, …", "Gösta Ek (lgh 4)": a resident's room or flat;
        // "Elsa Virtanen, född 2015, …": a birth year or date.
        let room_or_birth = [
            "rum ",
            "room ",
            "lgh ",
            "lägenhet ",
            "flat ",
            "född ",
            "f. ",
            "born ",
            // "Stefan Lindqvist, besök 10/3. Har …": a case note of a visit or a call.
            "besök ",
            "hembesök ",
            "samtal ",
            "telefonsamtal ",
            "möte ",
            "visit ",
        ]
        .iter()
        .any(|w| {
            detail.starts_with(w) && detail[w.len()..].starts_with(|c: char| c.is_ascii_digit())
        });
        // "Gunnel Åkesson, Lärkvägen 3, Solbacka": the person's home address heads notes.
        let address = after.starts_with(", ")
            && starts_with_street(
                &lower[end + 2..floor_boundary(lower, (end + 48).min(lower.len()))],
            );
        // "bengt karlsson, hemtjänst norra\n3/2 luktade …": a name and a care unit heading
        // dated notes on the lines below.
        let journal = after.starts_with(", ") && dated_notes_below(lower, end);
        return room_or_birth
            || address
            || journal
            || detail.starts_with(|c: char| c.is_ascii_digit());
    }
    // A sentence that opens with the name and an age: "Skriv en orosanmälan. Liam Johansson,
    // 7 år, …", "Sammanfatta. Ahmed, 34. Diagnos: …".
    let sentence_start = before.ends_with(". ") && last_words(before, 1).is_empty();
    sentence_start && after.starts_with(", ") && age_detail(detail)
}

/// True when the line holding `end` is short (a heading: a name and a unit) and the next line
/// opens with a date ("3/2", "2024-02-03", "12 mars"): notes kept on the person below it.
fn dated_notes_below(lower: &str, end: usize) -> bool {
    let Some(eol) = memchr::memchr(b'\n', &lower.as_bytes()[end..]).map(|i| end + i) else {
        return false;
    };
    if eol - end > 40 || lower[end..eol].contains(['.', '?', '!']) {
        return false;
    }
    let next = &lower[eol + 1..];
    let digits = next.bytes().take_while(u8::is_ascii_digit).count();
    (1..=4).contains(&digits) && matches!(next.as_bytes().get(digits), Some(b'/' | b'-' | b' '))
}

/// True when the lower-case `rest` opens with a street and its number ("lärkvägen 3, …").
fn starts_with_street(rest: &str) -> bool {
    let mut parts = rest.split(' ');
    let street = parts.next().unwrap_or("");
    super::identifiers::LOWER_CASE_STREET_SUFFIXES
        .iter()
        .any(|e| street.len() > e.len() && street.ends_with(e))
        && parts
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

/// The key of a data field whose value starts at the end of `before`: `"elev": "` in JSON,
/// `name=` in a log line, `<elev>` in XML.
fn field_key(before: &str) -> Option<&str> {
    let head = before.trim_end_matches(['"', '\'', ' ']);
    let head = head
        .strip_suffix(':')
        .or_else(|| head.strip_suffix('='))
        .or_else(|| head.strip_suffix('>'))?;
    let head = head.trim_end_matches(['"', '\'', ' ']);
    let key = head
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .filter(|k| !k.is_empty())?;
    // Only a quoted key, a key glued to `=`, or a tag is a field's: "Till: Anna" is a header.
    (before.trim_end() != before.trim_end_matches(['"', '\''])
        || before.ends_with('=')
        || before.ends_with('>'))
    .then_some(key)
}

/// A school class or an age right after a name: "Yonas (klass 3C)", "Liam i klass 2", "Elsa
/// i 4B", "Nora, 9 år", "Sam (grade 2".
fn class_or_age_after(lower: &str, end: usize) -> bool {
    let after = &lower[end..floor_boundary(lower, (end + 24).min(lower.len()))];
    let detail = after.trim_start_matches([',', ' ', '(']);
    let detail = detail.strip_prefix("i ").unwrap_or(detail);
    let class = ["klass ", "åk ", "årskurs ", "grade ", "year "]
        .iter()
        .any(|w| {
            detail.starts_with(w) && detail[w.len()..].starts_with(|c: char| c.is_ascii_digit())
        });
    let bytes = detail.as_bytes();
    let code = bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.get(1).is_some_and(u8::is_ascii_alphabetic)
        && !bytes.get(2).is_some_and(u8::is_ascii_alphanumeric);
    class || code || age_detail(detail)
}

/// An age at the start of `detail`: "7 år", "34.", "34,", "16-årig" (never a phone number).
fn age_detail(detail: &str) -> bool {
    let digits = detail.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = &detail[digits..];
    rest.starts_with(" år")
        || rest.starts_with("-år")
        || rest.starts_with(" years")
        || ((rest.starts_with(". ") || rest.starts_with(", ") || rest.starts_with(".\n"))
            && !rest[2..].starts_with(|c: char| c.is_ascii_digit()))
}

/// An earlier name whose first word is this lone given name ("Elsa" after "Elsa Holmgren"), or
/// whose last word is this surname ("Lindahl", "Lindahls" after "Gösta Lindahl").
fn coreferent(lower: &str, earlier: &[Mention], m: Mention) -> Option<Mention> {
    let (word, base) = word_and_base(lower, m);
    in_reach(earlier, m)
        .find(|a| {
            let name = &lower[a.start..a.end];
            let given = name.starts_with(word) && name[word.len()..].starts_with([' ', '-']);
            let last_word = |w: &str| {
                name.len() > w.len()
                    && name.ends_with(w)
                    && name.as_bytes()[name.len() - w.len() - 1] == b' '
            };
            // "Theo, 3 år 8 mån, avdelning Stjärnan … Theo leker …": the same given name
            // again, after it was singled out by an age, a class or a place.
            let same = name == word && !a.lone_given;
            a.name && (given || same || last_word(word) || last_word(base))
        })
        .copied()
}

/// The one word of the mention `m` and the same without a genitive "s".
fn word_and_base(lower: &str, m: Mention) -> (&str, &str) {
    let word = &lower[m.start..m.end];
    (word, word.strip_suffix('s').unwrap_or(word))
}

/// The earlier mentions within [`COREF_REACH`] before `m`, nearest first.
fn in_reach(earlier: &[Mention], m: Mention) -> impl Iterator<Item = &Mention> {
    earlier
        .iter()
        .rev()
        .take_while(move |a| a.start + COREF_REACH >= m.start)
}

/// True when an invented mention within reach before `m` is the same one word as `m`, or `m`
/// is its genitive.
fn same_name_invented(lower: &str, earlier: &[Mention], m: Mention) -> bool {
    let (word, base) = word_and_base(lower, m);
    in_reach(earlier, m).any(|a| {
        a.invented && a.name && matches!(&lower[a.start..a.end], n if n == word || n == base)
    })
}

/// The name written shortly before `at` on the same line, if no other mention stands between.
fn owner_before(lower: &str, earlier: &[Mention], at: usize) -> Option<Mention> {
    let last = earlier.last()?;
    let between = lower.get(last.end..at)?;
    (last.name && between.len() <= ATTACH_REACH && !between.contains('\n')).then_some(*last)
}

/// Gives phone numbers, addresses and role-less e-mail addresses written with a name that
/// name's person id ("Maria Ek, tel 0380-…", "för Elsa-Britt Nord, Kvarngatan 5 B").
fn attach(lower: &str, mentions: &[Mention], findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        if !matches!(f.kind, Kind::Phone | Kind::Address | Kind::Email) || f.person.is_some() {
            continue;
        }
        let at = f.span.start;
        let k = mentions.partition_point(|m| m.end <= at);
        if let Some(owner) = owner_before(lower, &mentions[..k], at) {
            f.person = Some(owner.id);
        }
    }
}

/// Adds the phone numbers, addresses and e-mail addresses that no name owns as weak mentions
/// with ids of their own; a service's phone number is nobody's.
fn with_contacts(
    lower: &str,
    roles: &Roles,
    mut mentions: Vec<Mention>,
    findings: &mut [Finding],
) -> Vec<Mention> {
    for (i, f) in findings.iter_mut().enumerate() {
        if !matches!(f.kind, Kind::Phone | Kind::Address | Kind::Email) || f.person.is_some() {
            continue;
        }
        // A helpline's free or shared-cost number ("Kvinnofridslinjen 020-50 50 50") is a
        // service's, nobody's own.
        if f.kind == Kind::Phone && service_number(&lower[f.span.clone()]) {
            continue;
        }
        let before = line_before(lower, f.span.start);
        let words = last_words(before, 3);
        if f.kind == Kind::Phone && staff_number(roles, before, &words) {
            continue;
        }
        f.person = Some(f.span.start);
        // "damen på Vallgatan 12B", "mannen på 070-458 22 19": the number or address names
        // the person noun before it, and a later pronoun can point back to it.
        // So does a number given as theirs ("sms till mamman, nummer 070-…").
        let numbered = f.kind == Kind::Phone
            && words.first().is_some_and(|w| {
                matches!(
                    *w,
                    "nummer"
                        | "tel"
                        | "telefon"
                        | "mobil"
                        | "telefonnummer"
                        | "mobilnummer"
                        | "number"
                        | "phone"
                ) && before
                    .trim_end_matches([' ', ':', '.'])
                    .strip_suffix(*w)
                    .is_some_and(|head| {
                        // "brukaren, nummer …", "brukaren med telefonnummer …".
                        let head = last_words(head.trim_end_matches([' ', ',']), 2);
                        let owner = match head.as_slice() {
                            ["med" | "with", owner, ..] => Some(owner),
                            [last, ..] => Some(last),
                            [] => None,
                        };
                        owner.is_some_and(|p| roles.concerned.contains(*p))
                    })
            });
        let resident = numbered
            || (matches!(f.kind, Kind::Address | Kind::Phone)
                && matches!(words.first(), Some(&("på" | "i" | "at" | "on")))
                && words.get(1).is_some_and(|w| {
                    // "zigenarfamiljen på Storgatan 14": a family named by a compound.
                    roles.concerned.contains(*w) || *w == "personen" || w.ends_with("familjen")
                }));
        mentions.push(Mention {
            start: f.span.start,
            end: f.span.end,
            finding: i,
            id: f.span.start,
            greeted: recipient(roles, before, &words),
            sender: sender(lower, roles, before, f.span.end, &words),
            weak: true,
            resident,
            sex: resident
                .then(|| words.get(1).and_then(|w| sex_of_pronoun(w)))
                .flatten(),
            ..Mention::default()
        });
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// Messages whose recipient is named after "till" / "to": "skriv ett brev till Arvid Nord",
/// "SMS till 076-…", "write a letter to …".
const MESSAGES: &[&str] = &[
    "brev",
    "mejl",
    "mail",
    "e-post",
    "meddelande",
    "sms",
    "svar",
    "kallelse",
    "beslut",
    // The definite forms, further before the name ("Brevet nedan ska till Ewa Kowalczyk").
    "brevet",
    "mejlet",
    "mailet",
    "meddelandet",
    "svaret",
    "kallelsen",
    "beslutet",
    "ring",
    "ringa",
    "skicka",
    "skriv",
    "letter",
    "email",
    "e-mail",
    "message",
    "reply",
    "text",
    "note",
    "write",
    "send",
];

/// The person a message is addressed to: greeted ("Hej Tomas"), named as its recipient, or
/// in a "Till:" / "To:" header line.
fn recipient(roles: &Roles, before: &str, words: &[&str]) -> bool {
    let header = matches!(before.trim(), "till:" | "to:" | "mottagare:" | "recipient:");
    let greeted = header || words.iter().take(2).any(|w| roles.greeting.contains(*w));
    let to = words.first().is_some_and(|w| matches!(*w, "till" | "to"))
        && words[1..].iter().any(|w| MESSAGES.contains(w));
    greeted || to
}

/// True when a name opens its line with an exclamation mark after it, as a card or a speech
/// calls out the one it is for ("Kenny! Välkommen tillbaka …"): the "du" after it is that
/// person.
fn called_out(before: &str, after: &str) -> bool {
    before
        .trim_start_matches(['"', '“', '”', '\'', ' '])
        .is_empty()
        && after.starts_with('!')
}

/// True when the name ending at `end` heads the address block of a letter: at the start of its
/// line (perhaps after "Till"/"To" or a quotation mark) with a street and a number after it, on
/// its line after a comma or on the next line ("Till Anna Sjöberg, Furuvägen 22, 702 15
/// Örebro"). The "du" of the letter is that person.
fn heads_address_block(text: &str, before: &str, end: usize) -> bool {
    // A letter quoted after a request on the same line ("make this nicer: 'Till Ahmed Yusuf,
    // Björkvägen 7B. …'") opens where its quotation does.
    let before = memchr::memrchr(b':', before.as_bytes())
        .filter(|&i| {
            let rest = &before[i + 1..];
            ["'", "\"", "“", "”", "«"]
                .iter()
                .any(|q| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(q)))
        })
        .map_or(before, |i| &before[i + 2..]);
    let head = before
        .trim()
        .trim_start_matches(['"', '“', '”', '\'', '>', ' ']);
    if !matches!(head, "" | "till" | "to") {
        return false;
    }
    let rest = &text[end..floor_boundary(text, (end + 60).min(text.len()))];
    let street = rest
        .strip_prefix(", ")
        .or_else(|| rest.strip_prefix('\n'))
        .unwrap_or("");
    let mut words = street.split(' ');
    let name = words.next().unwrap_or("");
    let number = words.next().unwrap_or("");
    name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).all(char::is_lowercase)
        && name.chars().count() > 3
        && number.starts_with(|c: char| c.is_ascii_digit())
}

/// Definite person nouns and their indefinite base ("mannen" after "en man").
const DEFINITE_PERSONS: &[(&str, &str)] = &[
    ("mannen", "man"),
    ("kvinnan", "kvinna"),
    ("pojken", "pojke"),
    ("flickan", "flicka"),
    ("killen", "kille"),
    ("tjejen", "tjej"),
    ("ungdomen", "ungdom"),
    ("personen", "person"),
    ("the man", "man"),
    ("the woman", "woman"),
    ("the boy", "boy"),
    ("the girl", "girl"),
];

/// Possessive pronouns, which a collective noun after them makes a reference to a group.
const POSSESSIVES: &[&str] = &[
    "hennes", "hans", "hens", "sin", "sitt", "sina", "her", "his",
];

/// Nouns for a person's team or unit at work ("hennes team", "his department").
const COLLECTIVES: &[&str] = &[
    "team",
    "teamet",
    "enhet",
    "enheten",
    "avdelning",
    "avdelningen",
    "arbetsgrupp",
    "arbetsgruppen",
    "personal",
    "personalen",
    "medarbetare",
    "kollegor",
    "verksamhet",
    "verksamheten",
    "forskargrupp",
    "forskargruppen",
    "staff",
    "unit",
    "department",
    "colleagues",
    "group",
    "organisation",
    "organization",
];

/// Nouns that a word of a field modifies: a service, a work or an effort in that field.
const FIELD_NOUNS: &[&str] = &[
    "care",
    "services",
    "service",
    "unit",
    "ward",
    "research",
    "initiative",
    "initiatives",
    "prevention",
    "awareness",
    "programme",
    "program",
    "project",
    "strategy",
    "clinic",
    "nursing",
    "support",
    "team",
    "prize",
    "award",
    "places",
    "beds",
    // The kind of a case an official handles ("i ett LVU-mål", "LVM-ärenden").
    "mål",
    "målet",
    "ärende",
    "ärendet",
    "ärenden",
    "ärendena",
];

/// Business parties of a procurement or a contract: after an indefinite article and before a
/// relative clause, someone other than a person named before them.
const BUSINESS_PARTIES: &[&str] = &[
    "anbudsgivare",
    "leverantör",
    "underleverantör",
    "entreprenör",
    "underentreprenör",
    "företag",
    "bolag",
    "firma",
    "bidder",
    "supplier",
    "contractor",
    "subcontractor",
    "company",
];

/// What kind of reference a word is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reference {
    Third,
    Second,
    First,
    /// "vi", "we": the household that sends the message, if one does.
    FirstPlural,
}

/// Reads sentences and references around sensitive findings.
struct Reader<'a> {
    text: &'a str,
    lower: &'a str,
    roles: &'a Roles,
    mentions: &'a [Mention],
}

impl Reader<'_> {
    /// The mention the finding at `span` is about, and whether it is named in the same sentence.
    fn about(&self, span: &Range<usize>) -> Option<(usize, bool)> {
        let reach = ADDRESS_REACH.max(RECORD_REACH);
        let first = self
            .mentions
            .partition_point(|m| m.end + reach < span.start);
        if self
            .mentions
            .get(first)
            .is_none_or(|m| m.start > span.end + UNIT_MAX)
        {
            return None;
        }
        // A word in the summary of a novel or film is about its characters.
        if self.profession(span)
            || self.workplace(span)
            || institution_word(&self.lower[span.clone()])
            || in_synopsis(self.lower, span.start)
        {
            return None;
        }
        let unit = unit_around(self.text, span.start);
        // Most sensitive words have a name in their sentence: read the references only when
        // they are needed.
        if let Some(m) = self.direct(&unit, span, false) {
            return Some((m, true));
        }
        let refs = self.references(&unit, span);
        let refers = refs.iter().any(|r| r.2 == Reference::Third);
        if refers && let Some(m) = self.direct(&unit, span, true) {
            return Some((m, true));
        }
        if let Some((m, greeted)) = self.by_reference(&unit, refs, span) {
            return Some((m, greeted));
        }
        if let Some(m) = self.definite_topic(&unit, span) {
            return Some((m, false));
        }
        if let Some(m) = self.listed_after_colon(&unit, span) {
            return Some((m, true));
        }
        // A row's person is named whole in a cell, or surname first ("Strand, Eva"): as
        // singled out as the subject of a sentence.
        if let Some(m) = self.row_subject(span) {
            return Some((m, true));
        }
        self.caption_subject(&unit, span)
            .or_else(|| self.line_head_subject(span))
            .or_else(|| self.record_subject(span.start))
            .or_else(|| self.headed_subject(span))
            .or_else(|| self.line_subject(&unit, span))
            .or_else(|| self.dropped_subject(&unit))
            .or_else(|| self.official_acts_on(&unit))
            .map(|m| (m, false))
            .or_else(|| self.quote_said_of(&unit).map(|m| (m, true)))
    }

    /// The person a quotation is said of or to, named right after it ("sa att vi 'inte behöver
    /// ta in fler romer' om Mirela Kovačević", "\"…\" about Anna Berg"): the words in the
    /// quotation are a remark about them.
    fn quote_said_of(&self, unit: &Range<usize>) -> Option<usize> {
        let close = self.lower[unit.end..].chars().next()?;
        if !matches!(close, '\'' | '"' | '”' | '’' | '»') {
            return None;
        }
        let rest = &self.lower[unit.end + close.len_utf8()..];
        let trimmed = rest.trim_start_matches(' ');
        let preposition = ["om ", "till ", "about ", "to "]
            .iter()
            .find(|p| trimmed.starts_with(**p))?;
        let at = unit.end + close.len_utf8() + (rest.len() - trimmed.len()) + preposition.len();
        let k = self.mentions.partition_point(|m| m.start < at);
        self.mentions.get(k).and_then(|m| {
            (m.start == at && m.name && !m.official && !m.invented && !m.source).then_some(k)
        })
    }

    /// The person an official's act in a sentence that names nobody concerns ("Karin Sjöberg
    /// på avd 3 har blivit mer orolig på kvällarna. Läkaren har satt in Oxascand 5 mg vid
    /// behov."): the sentence opens with an official's role in the definite form, names no
    /// one and asks nothing, and the sentence before it in the same paragraph names one person
    /// who is no official. (What the doctor prescribes or suspects is the patient's.)
    fn official_acts_on(&self, unit: &Range<usize>) -> Option<usize> {
        let sentence = self.lower[unit.clone()]
            .trim_start_matches(|c: char| c.is_whitespace() || "-*•–".contains(c));
        let mut words = sentence.split(|c: char| !c.is_alphanumeric());
        let role = match words.next()? {
            "the" => words.next()?,
            word => word,
        };
        let definite = ["en", "an", "rn", "et"].iter().any(|e| role.ends_with(e));
        // The act itself: what a clinician or case worker does to the one in their care.
        let rest = sentence[sentence.find(role).map_or(0, |i| i + role.len())..].trim_start();
        let rest = ["har ", "hade ", "has ", "had ", "nu "]
            .iter()
            .fold(rest, |r, aux| r.strip_prefix(aux).unwrap_or(r));
        if !definite
            || !OFFICIAL_ACTS.iter().any(|a| rest.starts_with(a))
            || !self.roles.official.contains(role)
            || sentence.trim_end().ends_with('?')
            || self.lower[unit.end..].starts_with('?')
        {
            return None;
        }
        let previous = self.previous_sentence(unit)?;
        let k = self.sole_named(&previous)?;
        let m = &self.mentions[k];
        (!m.official && !m.source && (!m.lone_given || m.record)).then_some(k)
    }

    /// The sentence before `unit` in the same paragraph, when `unit` itself names nobody.
    fn previous_sentence(&self, unit: &Range<usize>) -> Option<Range<usize>> {
        if !self.mentions_in(unit).is_empty() {
            return None;
        }
        let before = self.lower[..unit.start].trim_end();
        if before.is_empty() || self.lower[before.len()..unit.start].contains("\n\n") {
            return None;
        }
        Some(unit_around(self.text, before.len() - 1))
    }

    /// The indices of the mentions that start inside `r`.
    fn mentions_in(&self, r: &Range<usize>) -> Range<usize> {
        let lo = self.mentions.partition_point(|m| m.start < r.start);
        let hi = self.mentions.partition_point(|m| m.start < r.end);
        lo..hi
    }

    /// The first name mention in `r` (not an invented one), when every other name there is the
    /// same person's.
    fn sole_named(&self, r: &Range<usize>) -> Option<usize> {
        let range = self.mentions_in(r);
        let lo = range.start;
        let mut persons = self.mentions[range]
            .iter()
            .enumerate()
            .filter(|(_, m)| m.name && !m.invented);
        let (k, m) = persons.next()?;
        persons.all(|(_, other)| other.id == m.id).then_some(lo + k)
    }

    /// The person a report to the police, or a report of concern to social services, is about
    /// when its sentence names nobody ("Vi misstänker att Johan Ek har fakturerat kommunen för
    /// privata varor. Vi har gjort polisanmälan om trolöshet.", "… misstänks fritidsledaren
    /// Kevin Ström. Polisanmälan gjord.", "Vaktmästaren har sett två små barn ensamma hos
    /// familjen Haxhiu på Parkvägen 3B. Hjälp mig skriva en orosanmälan."): the one person
    /// named in the sentence before, in the same paragraph, who did what is reported or whose
    /// household is. Nobody indefinite ("någon", "en man") may stand in either sentence; a
    /// staff member or a source of the account is the one reported to the police only where
    /// the sentence before speaks of a suspicion, or the source of their own deed; and the
    /// writer who introduces or signs themselves is never the one reported.
    fn reported(&self, span: &Range<usize>, kind: Kind) -> Option<usize> {
        let (phrases, words) = match kind {
            Kind::Sensitive(Category::Criminal) => (POLICE_REPORT, &[][..]),
            // The report of concern is the finding itself ("orosanmälan").
            Kind::Sensitive(Category::Social) if self.lower[span.clone()].contains("anmä") => {
                (CONCERN_REPORT, CONCERN_REPORT_WORDS)
            }
            _ => return None,
        };
        let unit = unit_around(self.text, span.start);
        let sentence = &self.lower[unit.clone()];
        if !phrases.iter().any(|w| sentence.contains(w))
            && !sentence
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| words.contains(&w))
        {
            return None;
        }
        let previous = self.previous_sentence(&unit)?;
        let told = &self.lower[previous.clone()];
        let unnamed = |s: &str| {
            s.split(|c: char| !c.is_alphanumeric())
                .any(|w| INDEFINITE_DOERS.contains(&w))
        };
        if unnamed(sentence) || unnamed(told) {
            return None;
        }
        let concern_kind = kind == Kind::Sensitive(Category::Social);
        let i = self
            .sole_named(&previous)
            .or_else(|| concern_kind.then(|| self.family_named(&previous)).flatten())?;
        let m = &self.mentions[i];
        let suspected = told.contains("misstänk") || told.contains("misstank");
        // A source who spoke of their own deed ("sa Tomas Berglund att han skulle …").
        let own_words = m.source && [" att han ", " att hon "].iter().any(|w| told.contains(w));
        let police = kind == Kind::Sensitive(Category::Criminal);
        let writer = m.sender || m.signoff;
        // A concern is reported about a child or a household: one of them must be what the
        // sentence before tells of ("Maria Lund är ny rektor. Hur gör man en orosanmälan?"
        // reports nobody).
        let concern = police
            || m.household
            || m.record
            || told
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CONCERN_SUBJECTS.contains(&w));
        (!writer && concern && ((police && (suspected || own_words)) || !(m.official || m.source)))
            .then_some(i)
    }

    /// The family a sentence names with several of its members, for a report of concern
    /// about it ("hos familjen Yilmaz på Tallvägen 4 bodde barnen Elif och Can …"): the
    /// household named by its surname, when every other name there is no official, source or
    /// invented person.
    fn family_named(&self, r: &Range<usize>) -> Option<usize> {
        let range = self.mentions_in(r);
        let lo = range.start;
        let names = self.mentions[range]
            .iter()
            .enumerate()
            .filter(|(_, m)| m.name);
        if names
            .clone()
            .any(|(_, m)| m.official || m.source || m.invented)
        {
            return None;
        }
        names
            .clone()
            .find(|(_, m)| m.household)
            .map(|(k, _)| lo + k)
    }

    /// The person of a note's sentence that leaves its subject out ("Gösta Hellman föll i
    /// natt. Har demens och blodförtunnande medicin.", "Fick ett sår på pannan."): it opens
    /// with a finite verb of a state or an event, no pronoun or "det" after it (a question
    /// "Har du …?" is none), and goes on about the one person named in the sentence before,
    /// or in the one before that when it too leaves its subject out. Within the paragraph.
    fn dropped_subject(&self, unit: &Range<usize>) -> Option<usize> {
        let mut unit = unit.clone();
        for _ in 0..3 {
            if !opens_without_subject(&self.lower[unit.clone()])
                || self.lower[unit.end..].starts_with('?')
            {
                return None;
            }
            let before = self.lower[..unit.start].trim_end();
            if before.is_empty() || self.lower[before.len()..unit.start].contains("\n\n") {
                return None;
            }
            let previous = unit_around(self.text, before.len() - 1);
            let range = self.mentions_in(&previous);
            let lo = range.start;
            let mut persons = self.mentions[range]
                .iter()
                .enumerate()
                .filter(|(_, m)| m.name && !m.official && !m.source && !m.invented);
            if let Some((k, m)) = persons.next() {
                let alone = persons.all(|(_, other)| other.id == m.id);
                return (alone && (!m.lone_given || m.record)).then_some(lo + k);
            }
            unit = previous;
        }
        None
    }

    /// The person a row of a table or list is about: the word at `span` stands in a cell of
    /// a row (cells split by tabs, semicolons or bars) and one cell of the same row is, whole,
    /// the full name of one person who is no official ("4\tIngrid Holm\t19:00\tinsulin",
    /// "Ali Rahimi;7711204573;avslag"). A record row is about the person named in it; a table
    /// whose header names officials' roles ("Föreläsare\tÄmne") lists experts, not persons
    /// concerned.
    fn row_subject(&self, span: &Range<usize>) -> Option<usize> {
        let line = line_around(self.text, span.start);
        let row = &self.text[line.clone()];
        let sep = row_separator(row)?;
        self.row_person(&line, sep).or_else(|| {
            // A column named by the word in the header row ("user_id,namn,enhet,
            // fp_template_b64") holds that datum of each person in the rows below it. The header
            // opens the text or a paragraph, or follows a line that is no row ("Exporten ser ut
            // så här:").
            let previous = line_around(self.text, line.start.saturating_sub(1));
            let header = line.start == 0
                || self.text[..line.start].ends_with("\n\n")
                || (previous.end < line.start && !self.text[previous].contains(sep));
            let next = line_around(self.text, (line.end + 1).min(self.text.len()));
            (header
                && next.start > line.end
                && self.text[next.clone()].matches(sep).count() == row.matches(sep).count())
            .then(|| self.row_person(&next, sep))
            .flatten()
        })
    }

    /// The one person no official named, whole, in a cell of the row `line`.
    fn row_person(&self, line: &Range<usize>, sep: char) -> Option<usize> {
        let lo = self.mentions.partition_point(|m| m.start < line.start);
        let hi = self.mentions.partition_point(|m| m.start < line.end);
        let mut persons = self.mentions[lo..hi].iter().enumerate().filter(|(_, m)| {
            m.name && !m.official && m.end <= line.end && {
                let cell = cell_around(self.text, line, &(m.start..m.end), sep);
                // "Fam. Holmgren (Therese)": a family cell, its surname with the given name of
                // the one to contact.
                let head = self.lower[cell.start..m.start].trim();
                let tail = self.text[m.end..cell.end].trim();
                // "Strand, Eva": a surname first, then the given name.
                let surname_first = head.strip_suffix(',').is_some_and(|s| {
                    s.chars().count() >= 2 && s.chars().all(|c| c.is_alphabetic() || c == '-')
                });
                (((head.is_empty() || matches!(head, "fam." | "fam" | "familjen" | "family"))
                    && !m.lone_given)
                    || surname_first)
                    && (tail.is_empty()
                        || tail.starts_with('(') && tail.ends_with(')')
                        // "Jonny Karlsson, Storgatan 14": the person's address with the name.
                        || tail.starts_with(", ") && {
                            let raw = &self.text[m.end..cell.end];
                            let at = m.end + (raw.len() - raw.trim_start().len()) + 2;
                            starts_with_street(&self.lower[at..cell.end])
                        })
            }
        });
        let (k, m) = persons.next()?;
        if persons.any(|(_, other)| other.id != m.id) || self.header_of_officials(line.start, sep) {
            return None;
        }
        Some(lo + k)
    }

    /// The persons of a list under a caption that states the sensitive fact of them all
    /// ("Medarbetare med avdrag för fackavgift, mars" over lines that each open with a full
    /// name): the word at `span` stands in a short caption line, and at least two lines right
    /// below it open with the full name of a person who is no official. A caption that names
    /// officials ("Föreläsare:", "Kontaktpersoner för …"), announces a topic ("… om
    /// diabetes") or asks something is no caption of persons concerned. Linked to the first.
    fn caption_subject(&self, unit: &Range<usize>, span: &Range<usize>) -> Option<usize> {
        let line = line_around(self.text, span.start);
        let caption = &self.lower[line.clone()];
        // A line that ends with a colon introduces the list below it even when it also holds
        // the request ("Skriv ett mejl till de här som är med i Kommunal, om att …:").
        let introduces = caption.trim_end().ends_with(':');
        // A list on the caption's own line after a colon: "… som är muslimer …: Fatima Ali,
        // Yusuf Ahmed, Sara Lind". The caption is what stands before the colon.
        // The colon ends the word's own sentence: one further on introduces something else.
        let sentence_end = floor_boundary(self.lower, (unit.end + 2).min(line.end)).max(span.end);
        let colon = self.lower[span.end..sentence_end]
            .find(": ")
            .map(|i| span.end + i);
        // Such a caption is the sentence that holds the word, also after other sentences on
        // its line ("Inför lönerevisionen … Enligt min lista är följande med i Kommunal:
        // Birgitta Lund, …"), and it asks something only when that sentence or its list does
        // (not a request after the list: "… Kan du sätta upp en tabell?").
        let (start, asks) = match colon {
            Some(c) => {
                let caption_start = unit.start.max(line.start);
                // The list's sentence ends with a question mark: it asks about them.
                let list_asks = self.lower[c..line.end]
                    .find(['.', '?', '!'])
                    .is_some_and(|i| self.lower.as_bytes()[c + i] == b'?');
                let asks = self.lower[caption_start..c].contains('?') || list_asks;
                (caption_start, asks)
            }
            None => (line.start, caption.trim_end().ends_with('?')),
        };
        let head = colon.map_or(caption.len(), |c| c - start);
        if head
            > if introduces || colon.is_some() {
                2 * MAX_CAPTION
            } else {
                MAX_CAPTION
            }
            || asks
            || self.topic(line.start, span.start)
            || self.lower[start..colon.unwrap_or(line.end)]
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| !w.is_empty() && is_official_role(self.roles, w))
        {
            return None;
        }
        if let Some(colon) = colon {
            let k = self.mentions.partition_point(|m| m.start < colon);
            let listed = self.mentions[k..]
                .iter()
                .take_while(|m| m.end <= line.end)
                .filter(|m| m.name && !m.official && !m.lone_given)
                .count();
            if listed >= 2 {
                return Some(k);
            }
        }
        let mut rows = Vec::new();
        let mut at = line.end + 1;
        while rows.len() < 2 && at < self.text.len() {
            let row = line_around(self.text, at);
            let head = row.start
                + (row.len()
                    - self.text[row.clone()]
                        .trim_start_matches(|c: char| c.is_whitespace() || "-–•*·".contains(c))
                        .len());
            let k = self.mentions.partition_point(|m| m.start < head);
            self.mentions.get(k).filter(|m| {
                m.start == head && m.name && !m.official && !m.lone_given && m.end <= row.end
            })?;
            rows.push(k);
            at = row.end + 1;
        }
        (rows.len() == 2).then(|| rows[0])
    }

    /// The header row of the table whose row starts at `row_start` (the first line of the
    /// block of lines split by `sep` above it) names an official's role.
    fn header_of_officials(&self, row_start: usize, sep: char) -> bool {
        let mut start = row_start;
        for _ in 0..MAX_TABLE_ROWS {
            if start == 0 {
                break;
            }
            let prev = line_around(self.text, start - 1);
            if !self.text[prev.clone()].contains(sep) {
                break;
            }
            start = prev.start;
        }
        let header = &self.lower[line_around(self.lower, start)];
        header
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && is_official_role(self.roles, w))
    }

    /// The person whose name and a colon head the word's line, as in a handover or a list of
    /// residents ("Rum 6 Sture Lund: KAD bytt idag", "- Doris: Ont i magen, laxerande givet"):
    /// what follows the colon on that line is about them, with nobody else named between. A
    /// room or flat number may stand before the name.
    fn line_head_subject(&self, span: &Range<usize>) -> Option<usize> {
        let line = line_around(self.lower, span.start);
        let lo = self.mentions.partition_point(|m| m.start < line.start);
        let m = self.mentions.get(lo)?;
        if m.end > span.start || !m.name || m.official || m.invented || m.source {
            return None;
        }
        // Decoration, and the quotation marks of a pasted handover ("'Rum 6 Sture Lund: …'").
        let head = self.lower[line.start..m.start]
            .trim_matches([' ', '-', '*', '•', '\t', '\'', '"', '”', '“', '»']);
        // "Svar 1 (Jonas Ek, Tekniska förvaltningen): …": an answer of a survey export headed by
        // its respondent in parentheses.
        let respondent = head.strip_suffix('(').map(str::trim_end);
        let after = &self.lower[m.end..span.start];
        // The respondent's answer is about them when it speaks of "jag", "min" (not "Vi
        // behöver fler rutiner för sjukskrivning").
        let headed = match respondent {
            Some(_) => after.find("):").is_some_and(|i| {
                !after[..i].contains(['(', ')', '\n', ':'])
                    && self.lower[m.end + i..line.end]
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| FIRST_PERSON.contains(&w))
            }),
            None => after.starts_with(':'),
        };
        if !headed {
            return None;
        }
        let mut words = respondent
            .unwrap_or(head)
            .split(' ')
            .filter(|w| !w.is_empty());
        let located = match (words.next(), words.next(), words.next()) {
            (None, _, _) => respondent.is_none(),
            (Some(label), number, None) if respondent.is_some() => {
                RESPONSES.contains(&label)
                    && number.is_none_or(|n| n.starts_with(|c: char| c.is_ascii_digit()))
            }
            // "Rum 6", "lgh 1102", "room 4B": the place of the person named after it.
            (Some(place), Some(number), None) => {
                ["rum", "room", "lgh", "lägenhet", "plats", "säng", "bed"].contains(&place)
                    && number.starts_with(|c: char| c.is_ascii_digit())
            }
            _ => false,
        };
        if !located {
            return None;
        }
        let others = self.mentions[lo + 1..]
            .iter()
            .take_while(|o| o.start < span.start)
            .any(|o| o.name && o.id != m.id);
        // A programme lists its speakers the same way ("Anna Holm: Demens hos äldre"): no talk
        // named on the line or in the paragraph above it.
        let from = floor_boundary(self.lower, line.start.saturating_sub(RECORD_REACH));
        let paragraph = self.lower[from..line.end]
            .rsplit("\n\n")
            .next()
            .unwrap_or("");
        let programme = paragraph.split(|c: char| !c.is_alphanumeric()).any(|w| {
            TALKS.contains(&w)
                || matches!(
                    w,
                    "program" | "programmet" | "agenda" | "talare" | "speakers" | "programme"
                )
        });
        (!others && !programme).then_some(lo)
    }

    /// The one person a line of text is about, for a word whose own sentence names nobody:
    /// "Vi har tagit emot din fråga om Yonas (klass 3C). Som du vet har vi gjort en
    /// orosanmälan …", "… för Liam Karlsson i klass 2. Den genetiska utredningen visar …". The
    /// person is named by more than a lone first name earlier on the same line, within reach,
    /// is no official, and is the only person named on the line before the word; neither an
    /// indefinite person ("en elev") nor a topic ("föreläsning om …") stands between.
    fn line_subject(&self, unit: &Range<usize>, span: &Range<usize>) -> Option<usize> {
        let line_start = self.lower[..unit.start].rfind('\n').map_or(0, |i| i + 1);
        let lo = self.mentions.partition_point(|m| m.start < line_start);
        // A mention that starts on an earlier line may end past `unit.start` (a number
        // wrapped at a line break): the mentions on the line before the unit may be none.
        let hi = self
            .mentions
            .partition_point(|m| m.end <= unit.start)
            .max(lo);
        let mut persons = self.mentions[lo..hi]
            .iter()
            .enumerate()
            .filter(|(_, m)| m.name && !m.official);
        let (first, m) = persons.next()?;
        if persons.any(|(_, other)| other.id != m.id) {
            return None;
        }
        let last = self.mentions[lo..hi]
            .iter()
            .rposition(|o| o.name && o.id == m.id)
            .map_or(first, |k| k);
        let last = &self.mentions[lo + last];
        let singled_out = !m.lone_given
            && !m.weak
            && self.mentions[lo + first].end <= unit.start
            && class_or_age_after(self.lower, self.mentions[lo + first].end);
        (singled_out
            && last.end + ANAPHOR_REACH >= span.start
            && !self.generic_between(last.end, span.start)
            && !self.topic(last.end, span.start)
            && !self.generic_owner_after(span.end))
        .then_some(lo + first)
    }

    /// A sensitive word that is itself a staff role, or stands right before one, names a
    /// profession ("diabetessköterska", "addiction psychiatrist").
    fn profession(&self, span: &Range<usize>) -> bool {
        let word = &self.lower[span.clone()];
        let next = self.lower[span.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
            .unwrap_or("");
        // A role word labels a name only right next to it ("demenssjuksköterska Maria
        // Wiklund", "Maria Wiklund, demenssjuksköterska"); alone it is where care is given
        // ("återbesöket hos psykiatrisjuksköterskan").
        let k = self.mentions.partition_point(|m| m.start + 64 < span.start);
        let by_name = self.mentions[k..]
            .iter()
            .take_while(|m| m.start <= span.end + 2)
            .any(|m| {
                m.name
                    && ((m.start >= span.end && m.start - span.end <= 2)
                        || (m.end <= span.start && span.start - m.end <= 3))
            });
        // "börjar som socialsekreterare", "works as a social worker": a job taken or held.
        let before = last_words(line_before(self.lower, span.start), 3);
        let as_job = match before.as_slice() {
            ["som" | "as", verb, ..] | ["a" | "an", "as", verb] => {
                works(verb)
                    || matches!(
                        *verb,
                        "börjar"
                            | "började"
                            | "anställs"
                            | "anställdes"
                            | "rekryteras"
                            | "vikarierar"
                            | "starts"
                            | "started"
                            | "hired"
                    )
            }
            _ => false,
        };
        // "Socialsekreteraren ringde från 070-…": the role of the caller whose number follows.
        let caller = [
            "ringde från",
            "ringer från",
            "har ringt från",
            "ringde in från",
        ]
        .iter()
        .any(|c| self.lower[span.end..].trim_start().starts_with(c));
        // A role of two words is one only as the role list writes it ("gode mannen").
        let role = if word.contains(' ') {
            self.roles.official.contains(word)
        } else {
            is_official_role(self.roles, word)
        };
        // "Anna Lind har en god man, Kerstin Ek", "Kerstin Ek, god man för Anna Lind": the role
        // is one somebody has, or holds for the person named after it; that says something
        // of them. So is one in a name's or a pronoun's genitive ("Kalle Bergs gode man Lisa
        // Ek", "hans kurator").
        let labels = (by_name || caller) && role && {
            let genitive = self.mentions[k..]
                .iter()
                .take_while(|m| m.start < span.start)
                .any(|m| m.name && m.end + 1 >= span.start && self.lower[..m.end].ends_with('s'));
            let owned = before.iter().take(2).any(|w| HAVING.contains(w))
                || before.first().is_some_and(|w| POSSESSIVES.contains(w))
                || genitive;
            !owned && !matches!(next, "för" | "åt" | "for")
        };
        labels
            || (!next.is_empty() && is_official_role(self.roles, next))
            || (as_job && is_official_role(self.roles, word))
    }

    /// A word that names the field of a service, a work or a prize right before the noun it
    /// modifies ("the prize for best dementia care initiative", "addiction services", "cancer
    /// research", "ett LVU-mål"): said of an official, it is their work, not their health.
    fn field(&self, span: &Range<usize>) -> bool {
        // "addiction services", and a compound's head after a hyphen ("ett LVU-mål").
        let rest = &self.lower[span.end..];
        let next = rest
            .strip_prefix(' ')
            .or_else(|| rest.strip_prefix('-'))
            .and_then(|rest| {
                rest.split(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
            })
            .unwrap_or("");
        FIELD_NOUNS.contains(&next)
    }

    /// A service named as someone's workplace says nothing about them: "chef för
    /// socialtjänsten", "arbetar på beroendemottagningen", "works in psychiatry".
    fn workplace(&self, span: &Range<usize>) -> bool {
        let before = line_before(self.lower, span.start);
        let words = last_words(before, 6);
        // Coordinated fields before the word are skipped: "överläkare i barn- och
        // ungdomspsykiatri", "sjuksköterska inom psykiatri och beroendevård".
        let mut skip = 0;
        while let Some(w) = words.get(skip) {
            if matches!(*w, "och" | "and" | "eller" | "or") {
                skip += 2;
            } else if w.ends_with('-') {
                skip += 1;
            } else {
                break;
            }
        }
        let coordinated = skip;
        // "Handläggare: Anna Berg, socialsekreterare, ekonomiskt bistånd": the unit after an
        // official's role in apposition is where they work.
        if let Some(head) = self.lower[..span.start].strip_suffix(", ") {
            // The role is one word: the comma before it is at most a few dozen bytes back.
            let near = floor_boundary(head, head.len().saturating_sub(48));
            let role_start = head[near..].rfind(", ").map_or(0, |i| near + i + 2);
            let role = &head[role_start..];
            if role_start > 2 && !role.contains(' ') && is_official_role(self.roles, role) {
                let name_end = role_start - 2;
                let k = self.mentions.partition_point(|m| m.end < name_end);
                if self.mentions[k..]
                    .iter()
                    .take_while(|m| m.end == name_end)
                    .any(|m| m.official)
                {
                    return true;
                }
            }
        }
        // The owner's name before the service is part of it: "från Röda Korsets
        // behandlingscenter", "på Region Skånes beroendemottagning". A name that owns nothing
        // ("Rolf Ek på Björkskolan misstänks …") is the place itself, and the word after it no
        // service.
        // A capitalised service is a proper name, and the capitalised words before it are part
        // of it ("från Svenskt Demenscentrum").
        let genitive = words.get(skip).is_some_and(|w| w.ends_with('s'))
            || self.capitalised(&self.lower[span.clone()]);
        let owner = words
            .iter()
            .skip(skip)
            .take(3)
            .take_while(|w| self.capitalised(w))
            .count();
        if owner < 3 && genitive {
            skip += owner;
        }
        // An organisation named after an official's name and a comma is where they work:
        // "demenssjuksköterska Ulf Nordström, Svenskt Demenscentrum".
        if coordinated == 0 && words.len() == owner && self.capitalised(&self.lower[span.clone()]) {
            let first = words.last().map_or(span.start, |w| self.offset(w));
            if let Some(comma) = self.lower[..first].trim_end_matches(' ').strip_suffix(',') {
                let k = self.mentions.partition_point(|m| m.end < comma.len());
                if self.mentions[k..]
                    .iter()
                    .take_while(|m| m.end == comma.len())
                    .any(|m| m.official)
                {
                    return true;
                }
            }
        }
        let Some((&preposition, rest)) = words.get(skip..).unwrap_or(&[]).split_first() else {
            return false;
        };
        // "vald till ombud för Vision", "skyddsombud i Kommunal": a union's representative is
        // its member, and the union no workplace.
        if matches!(preposition, "för" | "i" | "från" | "for" | "of")
            && rest.first().is_some_and(|w| UNION_ROLES.contains(w))
        {
            return false;
        }
        // "enheten för ekonomiskt bistånd", "the unit for addiction care": a unit's name.
        let org_unit = |w: &str| {
            matches!(
                w,
                "enheten"
                    | "enhet"
                    | "avdelningen"
                    | "sektionen"
                    | "funktionen"
                    | "teamet"
                    | "gruppen"
                    | "unit"
                    | "department"
                    | "section"
                    | "team"
            )
        };
        let employed = |w: &str| {
            works(w)
                || matches!(w, "chef" | "chefen" | "manager" | "head")
                || is_official_role(self.roles, w)
        };
        // An expert's field: "expert på autism", "a leading expert on dementia".
        let expertise = |w: &str| {
            matches!(
                w,
                "expert"
                    | "experts"
                    | "expertis"
                    | "expertise"
                    | "forskning"
                    | "research"
                    | "specialiserad"
                    | "specialiserade"
                    | "specialised"
                    | "specialized"
                    | "personal"
                    | "personalen"
                    | "staff"
                    | "utbildar"
                    | "utbildning"
                    | "utbildningar"
                    | "kurs"
                    | "kurser"
                    | "training"
                    | "trains"
                    | "course"
            )
        };
        // "barnpsykiatern Karin Åberg från BUP", "psykologen från BUP", "enhetschef Petra
        // Holmqvist på demensboendet Lärkan": the service an official comes from or works at.
        if matches!(
            preposition,
            "från" | "from" | "på" | "vid" | "inom" | "hos" | "at"
        ) && coordinated == 0
        {
            let head = Some(self.offset(preposition))
                .filter(|&at| self.lower[..at].ends_with(' '))
                .map(|at| self.lower[..at].trim_end_matches(' ').len());
            let k = head.map_or(0, |h| self.mentions.partition_point(|m| m.end < h));
            let official_before = head.is_some_and(|h| {
                self.mentions[k..]
                    .iter()
                    .take_while(|m| m.end == h)
                    .any(|m| m.official)
            });
            if official_before
                || rest
                    .first()
                    .is_some_and(|w| is_official_role(self.roles, w))
            {
                return true;
            }
        }
        // "har jobbat med familjehemsvård", "works with addiction care": a field of work.
        matches!(
            preposition,
            "på" | "i"
                | "inom"
                | "vid"
                | "för"
                | "hos"
                | "med"
                | "at"
                | "in"
                | "for"
                | "of"
                | "within"
                | "with"
        ) && rest
            .first()
            .is_some_and(|w| employed(w) || expertise(w) || org_unit(w))
            || matches!(preposition, "on" | "om") && rest.first().is_some_and(|w| expertise(w))
    }

    /// Where `word`, a slice of the lower-case text, starts.
    fn offset(&self, word: &str) -> usize {
        word.as_ptr() as usize - self.lower.as_ptr() as usize
    }

    /// True when `word`, a slice of the lower-case text, is written with a capital in the text.
    fn capitalised(&self, word: &str) -> bool {
        names::starts_upper(self.text.as_bytes(), self.offset(word))
    }

    /// The nearest mention in the sentence that the finding can be about.
    fn direct(&self, unit: &Range<usize>, span: &Range<usize>, refers: bool) -> Option<usize> {
        let lo = self.mentions.partition_point(|m| m.start < unit.start);
        let hi = self.mentions.partition_point(|m| m.start < unit.end);
        (lo..hi)
            .filter(|&k| {
                let m = &self.mentions[k];
                let inside = m.start < span.end && span.start < m.end;
                let weak_ok = !m.weak || refers || m.greeted || m.resident;
                // An indefinite person between the name and the word takes the word, and so
                // does a work the person made or shows ("en roman om alkoholism").
                let generic =
                    m.end <= span.start && self.someone_else_between(m.end, span.start, true);
                // The signer of a message is what its first person says, not what stands
                // before the closing ("… vi har influensa på avdelningen, hälsningar Karin").
                !inside
                    && !m.source
                    && !m.signoff
                    && weak_ok
                    && !generic
                    && !self.generic_owner_after(span.end)
                    && (!m.official
                        || (m.end <= span.start
                            && !self.barrier(m.end, span.start)
                            && !self.topic(m.end, span.start)
                            && !self.field(span))
                        || (m.end <= span.start && self.own_experience(m.end, span.start))
                        || self.fronted_state(unit, span, m))
            })
            .min_by_key(|&k| {
                let m = &self.mentions[k];
                if m.end <= span.start {
                    span.start - m.end
                } else {
                    m.start.saturating_sub(span.end)
                }
            })
    }

    /// True when the words between an official's name at `a` and a finding at `b` tell what
    /// something was like for them ("intervju med Erik Strand, HR-specialist, om hur det var
    /// att komma ut som homosexuell"): their own experience, though no subject of it is
    /// written.
    fn own_experience(&self, a: usize, b: usize) -> bool {
        let slice = self.between(a, b);
        // A lecture's title is a topic ("föreläser om hur det var att vara sjuk på 1800-talet").
        OWN_EXPERIENCE.iter().any(|p| slice.contains(p))
            && !["föreläs", "lecture", "seminari"]
                .iter()
                .any(|l| slice.contains(l))
    }

    /// True when `span` stands in an adverbial that opens the sentence and tells the state or
    /// past of its subject `m`, named right after the verb ("Efter ett år av
    /// cellgiftsbehandling mot bröstcancer är vår kökschef Ulla Persson tillbaka"): said of
    /// that person, even an official's, unless the adverbial is about a topic ("Efter
    /// föreläsningen om depression …").
    fn fronted_state(&self, unit: &Range<usize>, span: &Range<usize>, m: &Mention) -> bool {
        const OPENERS: &[&str] = &[
            "efter ",
            "sedan ",
            "trots ",
            "på grund av ",
            "pga ",
            "after ",
            "following ",
            "despite ",
        ];
        let head =
            self.lower[unit.start..span.start].trim_start_matches(|c: char| !c.is_alphanumeric());
        span.end <= m.start
            && m.start - span.end <= 60
            && OPENERS.iter().any(|o| head.starts_with(o))
            && !self.topic(unit.start, span.start)
            && !self.between(span.end, m.start).contains([',', ';', ':'])
            // "Efter många år av arbete med missbruk", "Efter 30 år inom missbruksvården": a
            // career, not a state.
            && !head
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| CAREER.contains(&w))
    }

    /// The lower-case text from `a` to `b` (empty when they are out of order).
    fn between(&self, a: usize, b: usize) -> &str {
        self.lower.get(a..b).unwrap_or("")
    }

    /// True when reported content opens between `a` and `b` ("… skriver att …").
    fn barrier(&self, a: usize, b: usize) -> bool {
        let mut found = false;
        let slice = self.between(a, b);
        for_each_word(slice, |s, e| {
            // "efter att ha dömts", "för att ha varit": an infinitive after a preposition
            // shares the subject of its clause, it reports nobody else's words.
            let infinitive = || {
                ["ha ", "bli ", "vara "]
                    .iter()
                    .any(|v| slice[e..].trim_start_matches(' ').starts_with(v))
                    && ["efter", "för", "utan", "innan", "sedan"]
                        .iter()
                        .any(|p| slice[..s].trim_end().ends_with(p))
            };
            found |= self.roles.barrier.contains(&slice[s..e]) && !infinitive();
        });
        found
    }

    /// True when a topic opens between an official's name at `a` and the word at `b` ("psykolog
    /// X om ångest", "Rektor X berättar om arbetet mot psykisk ohälsa", "speaks about
    /// depression"), unless the topic is the official's own ("om sin sjukskrivning").
    fn topic(&self, a: usize, b: usize) -> bool {
        // "X, HR-specialist, om hur det var att komma ut som homosexuell": what it was like
        // for them is their own experience, no topic (a lecture's title still is one).
        if self.own_experience(a, b) {
            return false;
        }
        let slice = self.between(a, b);
        let mut words = Vec::new();
        for_each_word(slice, |s, e| words.push(&slice[s..e]));
        // A word of `heads` not followed by one of `own`.
        let opens = |heads: &[&str], own: &[&str]| {
            words.iter().enumerate().any(|(i, w)| {
                heads.contains(w) && !words.get(i + 1).is_some_and(|next| own.contains(next))
            })
        };
        // "Arbetsterapeut X visar hjälpmedel", "X presents new treatments": an official who
        // shows or presents something presents a topic ("visar tecken på …" is said of them).
        // "Ministern X besöker en demensby", "inviger det nya boendet": a visit is to a place.
        opens(
            &[
                "visar",
                "presenterar",
                "presentera",
                "present",
                "presented",
                "presenting",
                "presenterade",
                "redovisar",
                "redovisa",
                "redovisade",
                "demonstrerar",
                "tipsar",
                "shows",
                "presents",
                "demonstrates",
                "besöker",
                "besökte",
                "verksamhetsbesök",
                "studiebesök",
                "inviger",
                "invigde",
                "visits",
                "visited",
                // "ordförande X (S) kommenterar ökningen av orosanmälningar".
                "kommenterar",
                "kommenterade",
                "diskuterar",
                "diskuterade",
                "comments",
                "commented",
                "discusses",
                "discussed",
            ],
            &[
                "tecken", "symtom", "sig", "signs", "symptoms", "sin", "sitt", "sina",
            ],
        ) || opens(
            // "Handläggare X har beviljat försörjningsstöd", "signed the decision on …": a
            // decision in a case is about the client, not the official who makes it.
            &[
                "beviljar",
                "beviljade",
                "beviljat",
                "avslår",
                "avslog",
                "avslagit",
                "beslutar",
                "beslutade",
                "beslutat",
                "handlägger",
                "handlade",
                "utreder",
                "utredde",
                "signerade",
                "undertecknade",
                "undertecknat",
                "grants",
                "granted",
                "approves",
                "approved",
                "rejected",
                "denied",
                "decided",
                "signed",
                "handles",
                "handled",
            ],
            // "has been signed off for depression": sick leave, no decision signed.
            &[
                "sin", "sitt", "sina", "egen", "eget", "egna", "her", "his", "own", "off",
            ],
        ) || opens(
            // "Dietisten X har tagit fram nya riktlinjer för specialkost vid celiaki": guidance
            // an official writes is on its topic.
            &[
                "riktlinjer",
                "riktlinje",
                "rutiner",
                "rutin",
                "rutinen",
                "handbok",
                "handboken",
                "vägledning",
                "informationsmaterial",
                "broschyr",
                "broschyren",
                "checklista",
                "guidelines",
                "guidance",
                "handbook",
                "leaflet",
                "checklist",
            ],
            &[
                "sin", "sitt", "sina", "egen", "eget", "egna", "her", "his", "own",
            ],
        ) || words
            .windows(2)
            .any(|w| ENGLISH_TALKS.contains(&w[0]) && w[1] == "on")
            || advocacy(slice)
            || opens(
                // "ambassadör mot människohandel", "works against domestic violence".
                &["om", "about", "kring", "regarding", "mot", "against"],
                &[
                    "sin", "sitt", "sina", "egen", "eget", "egna", "her", "his", "own",
                ],
            )
            || talk_topics(slice)
    }

    /// A pronoun or role noun in the sentence, resolved to its antecedent; the flag says the
    /// antecedent was greeted (a "du" in a message to a named person).
    fn by_reference(
        &self,
        unit: &Range<usize>,
        refs: Vec<(usize, usize, Reference)>,
        span: &Range<usize>,
    ) -> Option<(usize, bool)> {
        refs.into_iter().find_map(|(s, e, kind)| {
            let (a, b) = if e <= span.start {
                (e, span.start)
            } else {
                (span.end.min(s), s)
            };
            // An indefinite person between the reference and the word is whom the word is
            // about: "X skriver i sin roman om en kvinna som döljer sitt missbruk".
            if self.barrier(a, b) || self.someone_else_between(a, b, e <= span.start) {
                return None;
            }
            match kind {
                // "Jag ska skriva en orosanmälan", "hur gör vi en polisanmälan": the writer
                // makes the report; it is about someone else.
                Reference::First | Reference::FirstPlural
                    if e <= span.start && self.writers_report(a, span) =>
                {
                    None
                }
                Reference::Third if self.introduced_unnamed(s, &self.lower[s..e]) => None,
                // "… bestäms tidigt, säger han": a pronoun after a verb of saying is the
                // quote's source, like a name there; the quote is not about them.
                Reference::Third if source(&[word_right_before(self.lower, s)]) => None,
                // "her dementia care programme": an official's field of work.
                // "enligt åklagaren X förnekar mannen att han …": whom a sentence reports on
                // is not the source it names.
                Reference::Third => self
                    .antecedent(s)
                    .filter(|&m| !(self.mentions[m].official && self.field(span)))
                    // "Skriv ett tackmejl till henne och sammanfatta tre lärdomar: färre
                    // sömnmedel, …": what an official's talk taught is its topics.
                    .filter(|&m| !(self.mentions[m].official && talk_topics(self.between(a, b))))
                    // "… Hassan Jama (S) …, han har varit en stark röst för
                    // försörjningsstödstagares rättigheter": an official's cause after the
                    // pronoun, as after the name.
                    .filter(|&m| {
                        !(self.mentions[m].official
                            && e <= span.start
                            && advocacy(self.between(a, b)))
                    })
                    // "föreläsaren X ska prata om demens, skriv en presentation av henne": a
                    // pronoun after a preposition in a later clause is whom a request is
                    // about; an official's topic stays their work.
                    .filter(|&m| {
                        !(self.mentions[m].official
                            && s >= span.end
                            && self.between(a, b).contains(',')
                            && OBJECT_PREPOSITIONS.contains(&word_right_before(self.lower, s)))
                    })
                    // "Handläggare X signerar beslutet om försörjningsstöd, lägg in hans titel":
                    // a possessive after the word owns the noun after it; an official's
                    // decision stays their work.
                    .filter(|&m| {
                        !(self.mentions[m].official
                            && s >= span.end
                            && POSSESSIVES.contains(&&self.lower[s..e]))
                    })
                    .filter(|&m| {
                        !(self.mentions[m].source && unit.contains(&self.mentions[m].start))
                    })
                    // "… säger smittskyddsläkaren Hans Boman. … kunde han lämna sjukhuset": an
                    // official quoted in an earlier sentence spoke in office; a later "han" is
                    // whom the report is about.
                    .filter(|&m| {
                        let o = &self.mentions[m];
                        !(o.official && o.source && o.start < unit.start)
                    })
                    // "… säger X. Mannen vårdas nedsövd": a definite person noun is the person
                    // a report is about, never the source or official it quotes.
                    .filter(|&m| {
                        !(self.mentions[m].official
                            && DEFINITE_PERSONS
                                .iter()
                                .any(|(d, _)| *d == &self.lower[s..e]))
                    })
                    // A reflexive binds to the subject of its own clause ("barn och unga som
                    // har hela livet framför sig"); it reaches back past its sentence only in
                    // notes without a subject ("Anna Ek, 82. Glömmer sina mediciner"), and
                    // notes are not about the official who spoke before.
                    .filter(|&m| {
                        !(REFLEXIVES.contains(&&self.lower[s..e])
                            && self.mentions[m].official
                            && self.mentions[m].start < unit.start)
                    })
                    // "Ali har varit hos oss i sju år. … han är tillbaka efter en sjukskrivning":
                    // a personal or possessive pronoun that points back to a first name singles
                    // the person out as the name would in its place; a role noun ("mannen") or
                    // a pronoun before the name does not.
                    .map(|m| {
                        let personal = matches!(
                            &self.lower[s..e],
                            "han"
                                | "hon"
                                | "he"
                                | "she"
                                | "hans"
                                | "hennes"
                                | "his"
                                | "her"
                                | "sin"
                                | "sitt"
                                | "sina"
                        );
                        (m, personal && self.mentions[m].end <= s)
                    }),
                Reference::Second => self.addressed(s, |m| m.greeted).map(|m| (m, true)),
                Reference::First => self
                    .addressed(s, |m| m.sender)
                    .or_else(|| self.signed_after(s).filter(|_| !self.topic(a, b)))
                    .map(|m| (m, true)),
                // "Mitt namn är Tobias Hellström och jag och min man Jonas … att vi är …":
                // a sender who wrote of themself and a partner is one of the "vi".
                Reference::FirstPlural => self
                    .addressed(s, |m| m.sender && m.household)
                    .or_else(|| {
                        self.addressed(s, |m| m.sender)
                            .filter(|&m| self.sender_and_partner(self.mentions[m].end, s))
                    })
                    .map(|m| (m, true)),
            }
        })
    }

    /// True when the finding at `span` is a report to the police or social services that the
    /// first person before it makes: only auxiliaries, verbs of making and an article stand
    /// between ("jag ska skriva en orosanmälan", "vi har gjort en polisanmälan"). A report the
    /// writer is the subject of ("vi har blivit orosanmälda") has another verb between.
    fn writers_report(&self, from: usize, span: &Range<usize>) -> bool {
        let word = &self.lower[span.clone()];
        let report = ["orosanmälan", "polisanmälan", "anmälan"]
            .iter()
            .any(|r| word.starts_with(r));
        report
            && self
                .between(from, span.start)
                .split(|c: char| !c.is_alphanumeric())
                .all(|w| w.is_empty() || REPORT_MAKING.contains(&w))
    }

    /// The references in the sentence, nearest to the finding first.
    fn references(
        &self,
        unit: &Range<usize>,
        span: &Range<usize>,
    ) -> Vec<(usize, usize, Reference)> {
        let slice = &self.lower[unit.clone()];
        let mut refs: Vec<(usize, usize, Reference)> = Vec::new();
        let roles = self.roles;
        let mut previous: Option<(usize, usize)> = None;
        for_each_word(slice, |s, e| {
            let word = &slice[s..e];
            let kind = if roles.third.contains(word) || roles.concerned.contains(word) {
                Some(Reference::Third)
            } else if roles.second.contains(word) {
                Some(Reference::Second)
            } else if roles.first.contains(word)
                || &self.text[unit.start + s..unit.start + e] == "I"
            {
                // English "I" (Swedish "i" is a preposition).
                Some(Reference::First)
            } else if FIRST_PLURAL.contains(&word) {
                Some(Reference::FirstPlural)
            } else if let Some((ps, _)) = previous
                && roles.concerned.contains(&slice[ps..e])
            {
                // Two-word role nouns: "den enskilde", "the client".
                Some(Reference::Third)
            } else {
                None
            };
            // "hennes team införde musikterapi", "his unit offers therapy": what the person's
            // team or unit does is work, not a fact about the person.
            let collective = kind.is_some() && POSSESSIVES.contains(&word) && {
                let rest = slice[e..].trim_start_matches(' ');
                let next = rest
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
                    .unwrap_or("");
                COLLECTIVES.contains(&next)
            };
            if let Some(kind) = kind
                && !collective
            {
                refs.push((unit.start + s, unit.start + e, kind));
            }
            previous = Some((s, e));
        });
        // Nearest reference first.
        refs.sort_by_key(|&(s, _, _)| s.abs_diff(span.start));
        refs
    }

    /// The persons a relative clause with the word introduces, listed after a colon on the same
    /// line ("vilka i personalgruppen som är med i Kommunal: Leila, Jonas och Britt-Marie",
    /// "pupils who need a nut-free diet: Sam, Ella"), or by a caption of members ("Medlemmar i
    /// Kommunal: Jessica Nord, …"), or given as its example ("… per anställd,
    /// t.ex. rad 14: Sara Öberg"): the word is about each; linked to the first, who is singled
    /// out as the subject of it would be.
    fn listed_after_colon(&self, unit: &Range<usize>, span: &Range<usize>) -> Option<usize> {
        let after = &self.lower[unit.end..];
        let head = &self.lower[unit.start..span.start];
        let caption = ["medlemmar ", "members ", "följande ", "the following "]
            .iter()
            .any(|c| head.trim_start().starts_with(c));
        // A caption heads a list on the lines below it as well ("Medlemmar Vision:\nMaria Holm").
        let rest = after
            .strip_prefix(": ")
            .or_else(|| caption.then(|| after.strip_prefix(":\n")).flatten())?;
        let relative = head
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "som" | "who"));
        // "… innehåller fingeravtrycksmallar per anställd, t.ex. rad 14: Sara Öberg, …": an
        // example of whom the word is about.
        let example = self.lower[span.end..unit.end]
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .any(|w| {
                matches!(
                    w,
                    "t.ex." | "t.ex" | "exempel" | "exempelvis" | "e.g." | "e.g"
                )
            });
        // "Medlemmar i Kommunal på förskolan Tallbacken: Jessica Nord, Petra Malm": a caption of
        // the persons listed after it that opens its clause.
        if !(relative || example || caption) {
            return None;
        }
        let list_start = unit.end + (after.len() - rest.len());
        let k = self.mentions.partition_point(|m| m.start < list_start);
        let m = self.mentions.get(k)?;
        (m.start == list_start && m.name && !m.official && !m.invented).then_some(k)
    }

    /// A sensitive noun in the definite form that opens its sentence ("Brukaren på Solrosvägen
    /// 22 har blivit mer förvirrad. Demensutredningen är inte klar än.") is the case of the
    /// person the sentence before is about: the definite form points at what was just told.
    /// Only back, within the paragraph, to a person concerned (a resident named by an address
    /// after a role noun, the head of a record) with nobody else between: after a name alone,
    /// news runs on to an unrelated sentence as often.
    fn definite_topic(&self, unit: &Range<usize>, span: &Range<usize>) -> Option<usize> {
        let head = &self.lower[unit.start..span.start];
        if !head.trim_start_matches([' ', '-', '*', '•']).is_empty() {
            return None;
        }
        let word = &self.lower[span.clone()];
        if word.contains(' ') || !(word.ends_with("en") || word.ends_with("et")) {
            return None;
        }
        let k = self.mentions.partition_point(|m| m.end <= unit.start);
        let i = k.checked_sub(1)?;
        let m = &self.mentions[i];
        let between = &self.lower[m.end..span.start];
        (m.end + ANAPHOR_REACH >= span.start
            && (m.resident || m.record || self.concerned_by_role(m))
            && !m.official
            && !m.invented
            && !between.contains("\n\n")
            && !self.others_between(m.end, span.start, false, None))
        .then_some(i)
    }

    /// True when `m` is a full name right after a role noun of a person concerned ("Brukaren
    /// Gunnel Åkesson", "eleven Noah Berg").
    fn concerned_by_role(&self, m: &Mention) -> bool {
        m.name
            && !m.lone_given
            && self
                .roles
                .concerned
                .contains(word_right_before(self.lower, m.start))
    }

    /// The person a third-person reference at `at` points back to; with nobody named before
    /// it, the person named right after it ("Hon har fått en cancerdiagnos … Det gäller
    /// Birgitta Håkansson").
    fn antecedent(&self, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.end <= at);
        // "hon" never means a Per, "han" never an Anna: a name of the other sex is passed over.
        let word = self.lower[at..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let pronoun = sex_of_pronoun(word);
        let agrees = |i: usize| match (pronoun, self.mentions[i].sex) {
            (Some(p), Some(s)) => p == s,
            _ => true,
        };
        // "brevet till klienten", "the client": the person concerned is never the official
        // who handles the case.
        let concerned = self.roles.concerned.contains(word)
            || ["the ", "den ", "this "].iter().any(|a| {
                self.lower[..at].ends_with(a)
                    && self.roles.concerned.contains(format!("{a}{word}").as_str())
            });
        let before = (0..k)
            .rev()
            .take_while(|&i| self.mentions[i].end + ANAPHOR_REACH >= at)
            .find(|&i| {
                (!self.mentions[i].weak || self.mentions[i].resident)
                    && agrees(i)
                    && !(concerned && self.mentions[i].official)
            });
        match before {
            Some(i) => (!self.others_between(self.mentions[i].end, at, false, pronoun)
                && !self.opens_with_definite_person(self.mentions[i].end, at))
            .then_some(i),
            // A quote's "han" is not the person named after its source: "– Han blev skadad,
            // säger X. När Y hörde det …".
            // A reflexive binds within its clause: it never points forward to a name ("Sin
            // svärmor lurade hon … Bäst blev Joakim Blom").
            None if REFLEXIVES.contains(&word) => None,
            None => (k..self.mentions.len())
                .take_while(|&i| self.mentions[i].start <= at + CATAPHOR_REACH)
                .take_while(|&i| !self.mentions[i].source)
                .find(|&i| {
                    let m = &self.mentions[i];
                    m.name && !m.official && m.start >= at && agrees(i)
                })
                // A name inside a quotation opened after the pronoun is in someone's words
                // ("Han dömdes … ett uttalande: ” … misstankarna mot Ian Watkins …").
                .filter(|&i| {
                    let start = self.mentions[i].start;
                    !self.generic_between(at, start)
                        && !self.between(at, start).contains(['"', '”', '“', '«', '»'])
                }),
        }
    }

    /// True when the sentence of a reference at `at` starts after `name_end` with a definite
    /// person noun as its subject ("Mannen fördes till sjukhuset där han vårdas"): the pronoun
    /// means that person, not someone named in an earlier sentence.
    fn opens_with_definite_person(&self, name_end: usize, at: usize) -> bool {
        // The last sentence end between the name and the reference, if any: only the stretch
        // between them is read.
        let between = self.between(name_end, at);
        let Some(stop) = between.rfind(['.', '!', '?', '\n']) else {
            return false;
        };
        let opening = between[stop + 1..]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        DEFINITE_PERSONS
            .iter()
            .any(|(d, _)| !d.contains(' ') && *d == opening)
    }

    /// An indefinite person between `a` and `b` ("en kvinna", "a client", "någon").
    fn generic_between(&self, a: usize, b: usize) -> bool {
        self.someone_else_between(a, b, false)
    }

    /// [`Self::generic_between`], and with `works` also a work and what it is about ("släpper
    /// sin nya roman, som handlar om en familj som splittras av missbruk", "har skrivit en bok
    /// om demens", "a film about addiction"): a word after them is the work's subject, not the
    /// person's, unless the work is about their own life ("en bok om sin depression") or "om"
    /// tells a time ("om kvällen"). One reading of the words for both.
    fn someone_else_between(&self, a: usize, b: usize, works: bool) -> bool {
        self.others_between(a, b, works, None)
    }

    /// [`Self::someone_else_between`] for a pronoun of the sex `referent`: an indefinite person
    /// of the other sex is not whom it means ("Maria Holm kom in på akuten. En ung man hade
    /// misshandlat henne"), unless a relative clause describes that person ("en 15-årig flicka
    /// som han …"): then they are the sentence's topic.
    fn others_between(&self, a: usize, b: usize, works: bool, referent: Option<Sex>) -> bool {
        let slice = self.between(a, b);
        let roles = self.roles;
        let subject_pronoun = referent.is_some()
            && matches!(
                self.lower[b..].split(|c: char| !c.is_alphabetic()).next(),
                Some("han" | "hon" | "he" | "she")
            );
        let (mut previous, mut earlier) = ("", "");
        // The words before `previous`, nearest first: an article may stand up to three back.
        let mut back: [&str; 4] = [""; 4];
        let mut found = false;
        let (mut work, mut opened) = (false, false);
        let mut previous_end = 0;
        let mut other_sex_before = false;
        // "X … bröt handleden när hon försökte hindra en boende från att falla. Hon är
        // sjukskriven": an indefinite person the named person acts on in her own clause (a
        // pronoun of the referent's sex before it in the same sentence) is an object, not the
        // subject a later subject pronoun continues.
        let mut acting = false;
        let mut party = false;
        for_each_word(slice, |s, e| {
            let word = &slice[s..e];
            if slice[previous_end..s].contains(['.', '!', '?', '\n']) {
                acting = false;
            }
            if std::mem::take(&mut other_sex_before) {
                found |= word == "som";
            }
            // "Tänk på kvinnan som gick från jobbet …": in a later sentence than the person
            // named, a definite person noun with a restrictive relative clause (no comma)
            // describes someone unnamed; "Kvinnan, som är 45" may still be the person named
            // before, and "ring 073-… till kvinnan som …" gives her number in her sentence.
            let described = word == "som"
                && &slice[previous_end..s] == " "
                && DEFINITE_PERSONS.iter().any(|(d, _)| *d == previous)
                && slice[..s].contains(['.', '!', '?', '\n']);
            previous_end = e;
            if works {
                if opened {
                    opened = false;
                    found |= !OWN_OR_TIME.contains(&word);
                }
                opened = work
                    && matches!(
                        word,
                        "om" | "about"
                            | "handlar"
                            | "skildrar"
                            | "skildras"
                            | "depicts"
                            | "explores"
                    );
                work |= WORKS.contains(&word);
            }
            // "har en pappa som …", "has a son who …": a relative of the person, not someone else.
            let relating = |w: &str| matches!(w, "har" | "hade" | "has" | "had" | "med" | "with");
            let person = roles.generic.contains(word) || agent_noun(word);
            // "en flicka", and with an age or a plain adjective between: "en 15-årig flicka",
            // "en ung man".
            // "15-årig" is read as two words.
            let article = if roles.articles.contains(back[0]) {
                Some(1)
            } else if person_modifier(back[0]) && roles.articles.contains(back[1]) {
                Some(2)
            } else if back[0].starts_with("årig")
                && back[1].bytes().all(|b| b.is_ascii_digit())
                && roles.articles.contains(back[2])
            {
                Some(3)
            } else {
                None
            };
            // "har enligt en annan elev tagit …", "has according to a colleague …": the source
            // of a report is no one the clause is about.
            // Nor is the one told ("har berättat för en kollega att hon är …", "told a
            // colleague that she …").
            let source = |k: usize| {
                let next = back.get(k + 1).copied().unwrap_or("");
                back[k] == "enligt"
                    || (back[k] == "to" && next == "according")
                    || (matches!(back[k], "för" | "to" | "in") && TELLING.contains(&next))
                    || matches!(back[k], "told" | "tells" | "telling")
                    // The agent of a passive is not whom a later subject "hon" means: "X har
                    // blivit kallad … av en annan ungdom. Hon är …".
                    || (subject_pronoun && matches!(back[k], "av" | "by"))
            };
            // A colleague or a client one has or talks with is someone else ("har pratat med en
            // kollega som är …"); a child or a parent one has is family.
            let kin = !matches!(
                word,
                "kollega"
                    | "medarbetare"
                    | "klient"
                    | "patient"
                    | "brukare"
                    | "elev"
                    | "kund"
                    | "sökande"
                    | "person"
                    | "individ"
                    | "invånare"
                    | "colleague"
                    | "employee"
                    | "client"
                    | "pupil"
                    | "student"
                    | "resident"
                    | "individual"
            ) && !aged_stranger(&slice[e..]);
            let mut indefinite = person
                && !(subject_pronoun && acting)
                && article.is_some_and(|k| !(source(k) || (kin && relating(back[k]))));
            if indefinite
                && referent.is_some()
                && sex_of_pronoun(word).is_some_and(|sex| Some(sex) != referent)
            {
                indefinite = false;
                other_sex_before = true;
            }
            let pronoun = matches!(
                word,
                "någon" | "nån" | "someone" | "somebody" | "anyone" | "personer" | "people"
            );
            // "för unga med psykisk ohälsa", "children with autism": a group described by what
            // follows, unless it is the person's own ("har två barn med autism", "sina elever
            // som …").
            // ("men som …" is the Swedish "but as …": the English plural only before "with",
            // "who".)
            let group = matches!(word, "med" | "som" | "with" | "who")
                && GROUP_PLURALS.contains(&previous)
                && !(previous == "men" && matches!(word, "med" | "som"))
                && ![back[1], back[2]].iter().any(|w| {
                    matches!(*w, "har" | "hade" | "has" | "had") || GROUP_OWNERS.contains(w)
                });
            // "de gripna", "männen", "the suspects": other people, several of them; never what
            // a subject "han" or "hon" means ("Marcus har berättat för eleverna att han är …"),
            // though a possessive may be theirs ("eleverna i hennes klass har …").
            let others = (!subject_pronoun && PLURAL_PERSONS.contains(&word))
                || (previous == "de" && PLURAL_PARTICIPLES.contains(&word));
            acting |= subject_pronoun
                && matches!(word, "han" | "hon" | "he" | "she")
                && sex_of_pronoun(word) == referent;
            // "utesluta en anbudsgivare vars företrädare dömts för bedrägeri": a business party
            // an indefinite article introduces, with a relative clause that describes it, is
            // someone else; "driver ett företag och har dömts" (no relative clause) and "ett
            // företag som hon startade efter att hon dömts" (a person's pronoun after it) still
            // speak of the subject.
            if matches!(word, "vars" | "som" | "där" | "whose" | "which" | "that")
                && BUSINESS_PARTIES.contains(&previous)
                && roles.articles.contains(back[1])
            {
                party = true;
            } else if matches!(word, "han" | "hon" | "he" | "she") {
                party = false;
            }
            found |= indefinite
                || group
                || pronoun
                || others
                || described
                || self.introduced_unnamed(a + s, word);
            back = [word, back[0], back[1], back[2]];
            earlier = previous;
            previous = word;
        });
        // An opener at the very end: its subject is the word itself ("en bok om" + "demens").
        found || opened || party
    }

    /// True when `word` at `at` is a definite person noun ("mannen", "kvinnan", "the man")
    /// whose person was introduced earlier without a name ("En 34-årig man häktades … Mannen
    /// förnekar brott"): it, and a pronoun after it, mean that unnamed person, not a person
    /// named nearer. An introduction as someone's relative ("har en pojke som …") or followed
    /// by a name ("en kvinna, Eva Ek, …") does not count.
    fn introduced_unnamed(&self, at: usize, word: &str) -> bool {
        let Some(&(_, base)) = DEFINITE_PERSONS.iter().find(|(d, _)| *d == word) else {
            return false;
        };
        let from = floor_boundary(self.lower, at.saturating_sub(ANAPHOR_REACH));
        let slice = &self.lower[from..floor_boundary(self.lower, at).max(from)];
        let mut words: Vec<(usize, &str)> = Vec::new();
        for_each_word(slice, |s, e| words.push((s, &slice[s..e])));
        words.iter().enumerate().any(|(i, &(s, w))| {
            if w != base || i == 0 {
                return false;
            }
            // "en man", "en 34-årig man", "a young man": an article at most two words back.
            let Some(article) =
                (1..=3.min(i)).find(|&k| matches!(words[i - k].1, "en" | "ett" | "a" | "an"))
            else {
                return false;
            };
            let related = i > article
                && matches!(
                    words[i - article - 1].1,
                    "har" | "hade" | "has" | "had" | "med" | "with"
                );
            let start = from + s;
            let named = self
                .mentions
                .iter()
                .any(|m| m.name && m.start >= start && m.start <= start + base.len() + 40);
            !related && !named
        })
    }

    /// True when the word at `end` is said of a group right after it ("risk för cancer hos de
    /// boende", "depression bland unga", "anxiety among pupils").
    fn generic_owner_after(&self, end: usize) -> bool {
        let rest = &self.lower[end..floor_boundary(self.lower, (end + 40).min(self.lower.len()))];
        if modifies_group(rest) {
            return true;
        }
        let mut words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip_while(|w| matches!(*w, "är" | "var" | "is" | "are" | "was" | "were"));
        let (Some(preposition), Some(next)) = (words.next(), words.next()) else {
            return false;
        };
        // "ett rehabiliteringsärende för en medarbetare", "a care plan for a client": the case
        // of someone unnamed.
        if matches!(preposition, "för" | "åt" | "till" | "for" | "to")
            && self.roles.articles.contains(next)
            && words
                .next()
                .is_some_and(|w| w != "man" && self.roles.generic.contains(w))
        {
            return true;
        }
        matches!(preposition, "hos" | "bland" | "among" | "amongst")
            && (self.roles.generic.contains(next)
                || self.roles.articles.contains(next)
                || matches!(
                    next,
                    "unga"
                        | "barn"
                        | "elever"
                        | "äldre"
                        | "young"
                        | "pupils"
                        | "children"
                        | "staff"
                ))
    }

    /// True when the writer speaks of themself and their partner between `a` and `b` ("jag
    /// och min man", "min fru och jag", "my wife and I").
    fn sender_and_partner(&self, a: usize, b: usize) -> bool {
        const PARTNERS: &[&str] = &[
            "man",
            "fru",
            "maka",
            "make",
            "sambo",
            "partner",
            "flickvän",
            "pojkvän",
            "husband",
            "wife",
        ];
        let partner = |w: &str| PARTNERS.contains(&w);
        let mut words: Vec<&str> = Vec::new();
        let slice = self.between(a, b);
        for_each_word(slice, |s, e| words.push(&slice[s..e]));
        // "jag och min X", "min X och jag", "I and my X", "my X and I".
        words.windows(4).any(|w| match w {
            ["jag", "och", "min", p] | ["i", "and", "my", p] => partner(p),
            ["min", p, "och", "jag"] | ["my", p, "and", "i"] => partner(p),
            _ => false,
        })
    }

    /// The nearest mention before `at` with the given flag, within reach.
    fn addressed(&self, at: usize, flag: impl Fn(&Mention) -> bool) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.end <= at);
        (0..k)
            .rev()
            .take_while(|&i| self.mentions[i].end + ADDRESS_REACH >= at)
            .find(|&i| flag(&self.mentions[i]))
    }

    /// The person who signs the message after `at` ("… jag har fått diagnosen … mvh Fatima
    /// Ali") or names themself as its writer after it ("… Jag heter Jonas Berglund och jobbar
    /// på …"), within reach: the first person before is that person.
    fn signed_after(&self, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.start < at);
        (k..self.mentions.len())
            .take_while(|&i| self.mentions[i].start <= at + ADDRESS_REACH)
            .find(|&i| self.mentions[i].signoff || self.mentions[i].introduced)
    }

    /// The subject of the record that holds `at`: the nearest record head before it, or else
    /// after it ("Skriv en orosanmälan. Barnet: Wilma …"), with no blank line between.
    /// The subject of a social-services record that opens with its kind ("Orosanmälan inkom
    /// per telefon 09.40: Anmälaren är granne till familjen på Ringvägen 14 …"): the word at
    /// `span` starts the first line of its block and names such a record, and the block
    /// names one person or address that is no official's; linked to the first of them.
    fn headed_subject(&self, span: &Range<usize>) -> Option<usize> {
        let word = &self.lower[span.clone()];
        if !RECORD_KINDS.iter().any(|k| word.starts_with(k)) {
            return None;
        }
        let line = line_around(self.lower, span.start);
        let block_start = self.lower[..line.start].rfind("\n\n").map_or(0, |i| i + 2);
        let head = self.lower[line.start..span.start]
            .trim_start_matches(|c: char| c.is_whitespace() || "#*-–•:".contains(c));
        if !head.is_empty() || self.lower[block_start..line.start].trim() != "" {
            return None;
        }
        let block_end = self.lower[span.end..]
            .find("\n\n")
            .map_or(self.lower.len(), |i| span.end + i);
        let k = self.mentions.partition_point(|m| m.start < span.end);
        self.mentions[k..]
            .iter()
            .take_while(|m| m.start < block_end)
            .position(|m| {
                !m.official
                    && ((m.weak && self.household_before(m.start)) || (m.name && !m.lone_given))
            })
            .map(|i| k + i)
    }

    /// True when a household or a dwelling is named right before `at` ("familjen på
    /// Ringvägen 14", "bor på …", "adress: …"): an address there is the person's home, not a
    /// service's door ("Kontakta socialtjänsten på Storgatan 5").
    fn household_before(&self, at: usize) -> bool {
        let before = line_before(self.lower, at);
        let near = &before[floor_boundary(before, before.len().saturating_sub(30))..];
        [
            "familjen",
            "family at",
            "family on",
            "lives at",
            "live at",
            "bor ",
            "boende",
            "adress",
            "hemma",
            "lägenheten",
            "hos ",
        ]
        .iter()
        .any(|w| near.contains(w))
    }

    fn record_subject(&self, at: usize) -> Option<usize> {
        let k = self.mentions.partition_point(|m| m.end <= at);
        let before = (0..k)
            .rev()
            .take_while(|&i| self.mentions[i].end + RECORD_REACH >= at)
            .find(|&i| self.mentions[i].record)
            .filter(|&i| !self.between(self.mentions[i].end, at).contains("\n\n"));
        before.or_else(|| {
            (k..self.mentions.len())
                .take_while(|&i| self.mentions[i].start <= at + RECORD_REACH)
                .find(|&i| self.mentions[i].record && self.mentions[i].start >= at)
                .filter(|&i| !self.between(at, self.mentions[i].start).contains("\n\n"))
        })
    }
}

/// Rows read upwards for the header of a table.
const MAX_TABLE_ROWS: usize = 64;
/// Longest caption line over a list of persons (bytes).
const MAX_CAPTION: usize = 120;

/// The cell separator of a table or list row: a tab, a semicolon, a bar or a CSV comma, at
/// least twice on the line (two cells besides the name's).
/// True when `span` is, whole, a cell of a table's header row: the first line of a block, split
/// by a row separator.
fn header_cell(text: &str, span: &Range<usize>) -> bool {
    let line = line_around(text, span.start);
    let row = &text[line.clone()];
    let first = line.start == 0 || text[..line.start].ends_with("\n\n");
    let Some(sep) = row_separator(row).filter(|_| first) else {
        return false;
    };
    let cell = cell_around(text, &line, span, sep);
    text[cell.start..span.start].trim().is_empty() && text[span.end..cell.end].trim().is_empty()
}

/// The cell of the row `line` (cells split by `sep`) that holds `span`.
fn cell_around(text: &str, line: &Range<usize>, span: &Range<usize>, sep: char) -> Range<usize> {
    let start = text[line.start..span.start]
        .rfind(sep)
        .map_or(line.start, |i| line.start + i + 1);
    let end = text[span.end..line.end]
        .find(sep)
        .map_or(line.end, |i| span.end + i);
    start..end
}

fn row_separator(row: &str) -> Option<char> {
    ['\t', ';', '|']
        .into_iter()
        .find(|&c| row.matches(c).count() >= 2)
        // A CSV row: commas with no space after them, unlike prose.
        .or_else(|| (row.matches(',').count() >= 2 && !row.contains(", ")).then_some(','))
}

/// The sentence or clause around byte `at` (see the module documentation).
pub fn unit_around(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let floor = at.saturating_sub(UNIT_MAX);
    let ceiling = (at + UNIT_MAX).min(bytes.len());
    let mut start = at;
    while start > floor && !ends_unit(text, start - 1) {
        start -= 1;
    }
    let mut end = at;
    while end < ceiling && !ends_unit(text, end) {
        end += 1;
    }
    floor_boundary(text, start)..floor_boundary(text, end)
}

/// True when the byte at `i` ends a sentence or clause.
fn ends_unit(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes[i] {
        b'"' => !nickname_quote(text, i) && !closes_quoted_subject(text, i),
        b'\n' => !wraps_sentence(text, i),
        b'\t' | b'|' | b'?' | b'!' | b';' => true,
        b'\'' => {
            // A quotation mark, not an apostrophe inside a word ("Parkinson's").
            let letter = |j: Option<&u8>| j.is_some_and(u8::is_ascii_alphanumeric);
            let apostrophe =
                letter(i.checked_sub(1).and_then(|j| bytes.get(j))) && letter(bytes.get(i + 1));
            !apostrophe && !nickname_quote(text, i)
        }
        // A colon ends a label ("Talare: Professor …", "Brukare: Elsa …"), not the details
        // that follow a heading in lower case ("Rehabplan för Marie S: utmattningssyndrom").
        b':' => match bytes.get(i + 1) {
            None | Some(b'\n') => true,
            Some(b' ') => bytes.get(i + 2).is_none_or(|&b| !b.is_ascii_lowercase()),
            Some(_) => false,
        },
        b'.' => bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) && !abbreviation(bytes, i),
        // “ ” « » (UTF-8 E2 80 9C / 9D, C2 AB / BB): the last byte ends the unit.
        0x9C | 0x9D => {
            i >= 2
                && bytes[i - 2] == 0xE2
                && bytes[i - 1] == 0x80
                && !nickname_quote(text, i)
                && !closes_quoted_subject(text, i)
        }
        0xAB | 0xBB => i >= 1 && bytes[i - 1] == 0xC2,
        _ => false,
    }
}

/// True when an age range follows a person noun (`rest` starts right after it): "en kvinna i
/// 40-årsåldern", "en man i övre medelåldern", "a woman in her 40s". One has a partner or a
/// child, not a person of an age: such a person is someone a professional has in a case.
fn aged_stranger(rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some("i"), Some(age), _) => {
            age.ends_with("årsåldern")
                || matches!(age, "tonåren" | "övre" | "nedre" | "medelåldern")
        }
        (Some("in"), Some("her" | "his" | "their"), Some(age)) => {
            age.ends_with("s") && age.starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// A line this long (bytes) or longer that a line break ends in the middle of a sentence is
/// wrapped prose, not a line of its own.
const WRAPPED_LINE: usize = 40;

/// True when the line break at byte `i` wraps a sentence, as in text pasted from a PDF or a
/// narrow column ("… när jag berättade för arbetslaget att jag\när gay och …"): the line
/// before is long and ends with a letter, a comma or a hyphen, and the next goes on in lower
/// case.
fn wraps_sentence(text: &str, i: usize) -> bool {
    // Only the last WRAPPED_LINE bytes are read back: a line break among them makes the line
    // short (and a long line is never walked to its start).
    let from = i.saturating_sub(WRAPPED_LINE);
    if i < WRAPPED_LINE || memchr::memchr(b'\n', &text.as_bytes()[from..i]).is_some() {
        return false;
    }
    let goes_on = text[i + 1..].chars().next().is_some_and(char::is_lowercase);
    goes_on
        && text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == ',' || c == '-')
}

/// True when the quotation mark ending at byte `i` closes a quoted phrase that is the subject
/// of the verb right after it (`"Bosse på vaktmästeriet i stadshuset" har opererats för …`):
/// what the verb says is said of the quoted person, in the same unit.
fn closes_quoted_subject(text: &str, i: usize) -> bool {
    const FINITE: &[&str] = &[
        "har", "hade", "är", "var", "blev", "ska", "skulle", "kommer", "fick", "kan", "has", "had",
        "is", "was",
    ];
    // Closing, not opening: a word's last letter right before the mark.
    let mark_start = floor_boundary(text, i);
    let before = text[..mark_start].chars().next_back();
    if !before.is_some_and(char::is_alphanumeric) {
        return false;
    }
    // A short description of a person: opened within 60 bytes, a capitalised word first, at
    // most six words, a place preposition and no punctuation of a sentence (a quoted saying
    // is no subject).
    let from = floor_boundary(text, mark_start.saturating_sub(60));
    let Some(open) = text[from..mark_start].rfind(['"', '“', '”']) else {
        return false;
    };
    let quoted = &text[from + open..mark_start];
    let quoted = quoted[quoted.chars().next().map_or(0, char::len_utf8)..].trim_start();
    if !quoted.chars().next().is_some_and(char::is_uppercase)
        || quoted.contains(['.', ',', '!', '?', ':', ';'])
        || quoted.split_whitespace().count() > 6
        // A person by where they work or come from ("Bosse på vaktmästeriet", "Sasha från
        // Kyiv"), not a title.
        || !quoted
            .split_whitespace()
            .any(|w| matches!(w, "på" | "från" | "vid" | "at" | "from"))
    {
        return false;
    }
    let Some(rest) = text.get(i + 1..).and_then(|r| r.strip_prefix(' ')) else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // Or a verb in the present tense ("”Micke på Björkhagens fritidsgård” säljer hasch …").
    FINITE.contains(&word)
        || (word.chars().count() >= 4 && ["er", "ar", "år"].iter().any(|e| word.ends_with(e)))
}

/// Longest nickname in quotation marks after a name (bytes).
const MAX_NICKNAME: usize = 24;

/// True when the quotation mark ending at byte `i` opens or closes a nickname right after a
/// capitalised name, in a sentence that goes on in lower case (`Lasse "Bagarn" i köket har
/// …`, `Peter ”Pecka” Holm`): the nickname belongs to the name, it is no quotation.
fn nickname_quote(text: &str, i: usize) -> bool {
    let start = floor_boundary(text, i);
    if nickname_opening(text, start, i + 1).is_some() {
        return true;
    }
    // A closing mark: the nearest mark before it opens a nickname that ends here.
    let from = floor_boundary(text, start.saturating_sub(MAX_NICKNAME + 4));
    text[from..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '"' | '“' | '”' | '\''))
        .is_some_and(|(k, c)| {
            nickname_opening(text, from + k, from + k + c.len_utf8()) == Some(start)
        })
}

/// Where the closing mark of a nickname opened by the mark at `open..open_end` starts: a
/// capitalised word and a space before the mark, a capitalised word or two without sentence
/// punctuation inside, and a space and a lower-case word or a capitalised surname after it.
fn nickname_opening(text: &str, open: usize, open_end: usize) -> Option<usize> {
    let after_name = text[..open].strip_suffix(' ').is_some_and(|before| {
        before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    let rest = &text[open_end..floor_boundary(text, (open_end + MAX_NICKNAME + 8).min(text.len()))];
    let close = rest.find(['"', '”', '“', '\''])?;
    let inner = &rest[..close];
    let quote = rest[close..].chars().next().map_or(1, char::len_utf8);
    // What follows the mark, past a short aside before the place ("'Kaptenen' (ni vet vem) i
    // rum 8 …"); only its start is read.
    let after = super::text::after_aside(&text[open_end + close + quote..]);
    // A nickname alone, with the place of the one it names after it ("\"Mormor\" in room 9",
    // "”Pysen” på gruppbostaden …"), is as much a part of its sentence.
    // "”Lillen” som jobbar på återvinningscentralen …": so is one with the verb of working.
    // Two words in lower case as chat writes them ("'big mike' on the night shift").
    let lower_case = inner.chars().next().is_some_and(char::is_lowercase);
    let placed = (!inner.contains(' ') || (lower_case && inner.split(' ').count() == 2))
        && [
            " på ",
            " i ",
            " in ",
            " at ",
            " on ",
            " från ",
            " som jobbar ",
            " som arbetar ",
        ]
        .iter()
        .any(|p| after.starts_with(p))
        // "”Abu Sami” som jobbar i diskcentralen …": two words with the verb of working.
        || (inner.split(' ').count() == 2
            && [" som jobbar ", " som arbetar "]
                .iter()
                .any(|p| after.starts_with(p)))
        // "”Lasse Lok” i kommunens kök har …", "”Kalle Tandlös” som brukar sova i entrén …":
        // a quoted name of two capitalised words with its place or a relative clause.
        || (inner.split(' ').count() == 2
            && inner.split(' ').all(|w| w.starts_with(char::is_uppercase))
            && [" på ", " i ", " från ", " vid ", " som "]
                .iter()
                .any(|p| after.starts_with(p)));
    // So is one that a naming verb gives ("en på lagret, kallad ”Järnet”, som har …").
    let named = !inner.contains(' ') && super::names::named_by_verb(text, open_end);
    if !(after_name || placed || named) {
        return None;
    }
    let goes_on = after.starts_with(' ') && after[1..].starts_with(char::is_alphabetic)
        || named && after.starts_with(", ");
    (close > 0
        && close <= MAX_NICKNAME
        && (inner.chars().next().is_some_and(char::is_uppercase) || (placed && lower_case))
        && !inner.contains(['.', '!', '?', ':', ';', ',', '\n'])
        && goes_on)
        .then_some(open_end + close)
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "t.ex", "bl.a", "ex", "kap", "nr", "ca", "dr", "mr", "mrs", "ms", "st", "jfr", "resp", "tel",
    "enl", "sekr", "kl", "etc", "osv", "m.fl", "f.d", "p.g.a", "pga", "dvs", "d.v.s", "vs", "mm",
    "inkl", "exkl", "ang", "avd", "tfn", "prof", "doc", "fr.o.m", "t.o.m", "s.k", "e.g", "i.e",
    "jr", "sr", "no", "tf",
];

fn abbreviation(bytes: &[u8], dot: usize) -> bool {
    let start = bytes[..dot]
        .iter()
        .rposition(|&b| !(b.is_ascii_alphanumeric() || b == b'.' || b >= 0x80))
        .map_or(0, |p| p + 1);
    let word = &bytes[start..dot];
    if word.len() == 1 {
        // An initial ("K. Svensson") or a list letter.
        return word[0].is_ascii_alphabetic();
    }
    ABBREVIATIONS
        .iter()
        .any(|a| a.as_bytes().eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit<'a>(text: &'a str, word: &str) -> &'a str {
        let at = text.find(word).unwrap_or(0);
        &text[unit_around(text, at)]
    }

    #[test]
    fn sentences_end_at_stops_but_not_at_abbreviations() {
        let text = "Hon är sjuk. Han bor t.ex. i Lund, kl. 8 går han. Nästa";
        assert_eq!(unit(text, "sjuk"), "Hon är sjuk");
        assert_eq!(unit("Hon ringde i går. En kvinna", "kvinna"), " En kvinna");
        assert_eq!(unit(text, "Lund"), " Han bor t.ex. i Lund, kl. 8 går han");
        let quoted = "“Våra medlemmar är sjuka”, säger Eva";
        assert_eq!(unit(quoted, "sjuka"), "Våra medlemmar är sjuka");
        assert_eq!(
            unit("Parkinson's disease\tX", "disease"),
            "Parkinson's disease"
        );
    }

    #[test]
    fn a_nickname_in_quotes_is_part_of_the_sentence_but_a_title_is_not() {
        let ascii = "Lasse \"Bagarn\" i köket har en dom";
        assert_eq!(unit(ascii, "dom"), ascii);
        let curly = "Peter ”Pecka” Holm har en dom";
        assert_eq!(unit(curly, "dom"), curly);
        // A title after a lower-case word, and a quotation that ends its sentence, still end
        // the unit.
        assert_eq!(
            unit("boken \"Ångest\" av Eva handlar om en dom", "dom"),
            " av Eva handlar om en dom"
        );
        assert_eq!(unit("Han sa \"Nej\". Sedan en dom", "dom"), " Sedan en dom");
        // A nickname alone with a place after it.
        let alone = "vi kallar honom \"Bengan\" i rum 4 och han har en dom";
        assert_eq!(unit(alone, "dom"), alone);
    }

    #[test]
    fn overlapping_mentions_never_slice_backwards() {
        // Found by tests/properties.rs: an e-mail address running into a street name.
        let detectors =
            crate::detect::Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
        let text = "anna.svensson@kommun.sediabetesStorgatan 12 BSökande ";
        assert!(!detectors.scan(text).is_empty());
    }

    #[test]
    fn signatures_follow_a_closing_or_a_slash() {
        let signed = |text: &str, name: &str| signoff(text, text.find(name).unwrap_or(0));
        assert!(signed("jag är sjuk. mvh fatima ali", "fatima"));
        assert!(signed(
            "jag är sjuk.\n\nmed vänlig hälsning\nrobin ek\nit",
            "robin"
        ));
        assert!(signed("jag är sjuk\n/kalle", "kalle"));
        assert!(!signed("jag ringde kalle i går", "kalle"));
        assert!(!signed("mötet\nrobin ek leder det", "robin"));
    }

    #[test]
    fn ages_and_classes_after_a_name() {
        assert!(age_detail("34. diagnos"));
        assert!(age_detail("7 år, klass"));
        assert!(!age_detail("070-123 45 67"));
        assert!(class_or_age_after("yonas (klass 3c).", 5));
        assert!(class_or_age_after("elsa i 4b i dag", 4));
        assert!(!class_or_age_after("elsa i lund", 4));
    }

    #[test]
    fn last_words_stop_at_a_sentence_end() {
        assert_eq!(
            last_words("talare: professor ", 3),
            vec!["professor", "talare"]
        );
        assert!(last_words("med frukost. ", 3).is_empty());
        assert_eq!(last_words("dr. ", 2), vec!["dr"]);
    }
}
