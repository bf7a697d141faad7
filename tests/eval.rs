//! The independent evaluation of issue 10 (tests/data/eval/): prompts written by several
//! writers who read neither the detectors, nor the pattern files, nor each other's cases.
//!
//! Each writer's file was split in two before any detector was changed: `frozen/` is never
//! looked at case by case (this test prints only its totals), `tuning/` may be studied
//! (`SLUSS_EVAL_VERBOSE=1 cargo test --test eval -- --nocapture` lists its failures). The
//! figures that matter are the frozen half's: the share of what must be stopped that is
//! stopped, and the share of what must pass that is stopped.

#[allow(dead_code)] // the tally of `assert_failures_at_most` is not used here
mod case_files;

use std::collections::BTreeMap;

use case_files::{Expect, acted};
use sluss::detect::{Date, Detectors, Finding, Kind};
use sluss::policy::{ServicePolicy, Verdict, decide};

/// The day the cases were written for (10-digit numbers take their century from it).
const TODAY: Date = Date {
    year: 2026,
    month: 12,
    day: 4,
};

/// Counts for one class (or all).
#[derive(Default, Clone, Copy)]
struct Tally {
    must_stop: usize,
    stopped: usize,
    must_pass: usize,
    falsely_stopped: usize,
    kind_errors: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.must_stop += other.must_stop;
        self.stopped += other.stopped;
        self.must_pass += other.must_pass;
        self.falsely_stopped += other.falsely_stopped;
        self.kind_errors += other.kind_errors;
    }

    fn recall(&self) -> f64 {
        self.stopped as f64 / self.must_stop.max(1) as f64
    }

    fn false_rate(&self) -> f64 {
        self.falsely_stopped as f64 / self.must_pass.max(1) as f64
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<14} stopped {:>3}/{:<3} ({:>6.2} %)   falsely stopped {:>3}/{:<3} ({:>5.2} %)   kind errors {}",
            self.stopped,
            self.must_stop,
            100.0 * self.recall(),
            self.falsely_stopped,
            self.must_pass,
            100.0 * self.false_rate(),
            self.kind_errors
        )
    }
}

/// Whether `kind` (by name) was found with confidence medium or higher. A kind that sluss
/// does not know is never found.
fn found(findings: &[Finding], name: &str) -> bool {
    Kind::parse(name).is_some_and(|kind| acted(findings, kind))
}

/// Runs the cases of every file; failures are described in `report` when `verbose`.
fn evaluate(files: &[(&str, &str)], verbose: bool, report: &mut String) -> BTreeMap<String, Tally> {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let policy = ServicePolicy::default();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (name, file) in files {
        for (i, case) in case_files::load(name, file).iter().enumerate() {
            let findings = detectors.scan_on(&case.text, TODAY);
            let stopped = matches!(decide(&policy, &findings), Verdict::Block { .. });
            let kinds_ok = case.kinds.iter().all(|k| found(&findings, k))
                && !case.absent.iter().any(|k| found(&findings, k));
            let mut t = Tally::default();
            match case.expect {
                Expect::Block => {
                    t.must_stop = 1;
                    t.stopped = usize::from(stopped);
                }
                Expect::Allow => {
                    t.must_pass = 1;
                    t.falsely_stopped = usize::from(stopped);
                }
            }
            let verdict_ok = stopped == (case.expect == Expect::Block);
            t.kind_errors = usize::from(verdict_ok && !kinds_ok);
            tallies.entry(case.class.clone()).or_default().add(t);
            if verbose && !(verdict_ok && kinds_ok) {
                let shown = case_files::describe(&findings, &case.text);
                report.push_str(&format!(
                    "{name}#{} [{}] expected {:?}, stopped: {stopped}, kinds ok: {kinds_ok}\n  {:?}\n  note: {}\n  findings: {shown:?}\n",
                    i + 1,
                    case.class,
                    case.expect,
                    case.text,
                    case.note
                ));
            }
        }
    }
    tallies
}

/// Prints a table of `tallies` under `title` and returns the total.
fn table(title: &str, tallies: &BTreeMap<String, Tally>) -> Tally {
    let mut total = Tally::default();
    println!("{title}");
    for (class, t) in tallies {
        println!("  {}", t.line(class));
        total.add(*t);
    }
    println!("  {}", total.line("all"));
    total
}

/// Asserts that `total` (named `name`) stops at least `min_recall` of what must be stopped and
/// at most `max_false_rate` of what must pass.
fn assert_floor(name: &str, total: Tally, min_recall: f64, max_false_rate: f64) {
    assert!(
        total.recall() >= min_recall,
        "{name}: {:.2} % of what must be stopped is stopped, the floor is {:.2} %",
        100.0 * total.recall(),
        100.0 * min_recall
    );
    assert!(
        total.false_rate() <= max_false_rate,
        "{name}: {:.2} % of what must pass is stopped, the ceiling is {:.2} %",
        100.0 * total.false_rate(),
        100.0 * max_false_rate
    );
}

/// How a set is read: studied case by case (its failures listed with `SLUSS_EVAL_VERBOSE=1`),
/// or only counted (frozen halves and fresh sets: never a case printed).
#[derive(PartialEq)]
enum Reading {
    Studied,
    Counted,
}

/// Evaluates `files`, prints their table under `title`, and asserts the floors.
fn check_set(
    title: &str,
    files: &[(&str, &str)],
    reading: Reading,
    min_recall: f64,
    max_false_rate: f64,
) {
    let verbose = reading == Reading::Studied && std::env::var_os("SLUSS_EVAL_VERBOSE").is_some();
    let mut report = String::new();
    let total = table(title, &evaluate(files, verbose, &mut report));
    println!("{report}");
    assert_floor(title, total, min_recall, max_false_rate);
}

macro_rules! eval_files {
    ($dir:literal: $($name:literal),+) => {
        &[$(($name, include_str!(concat!("data/eval/", $dir, "/", $name)))),+]
    };
}

const FROZEN: &[(&str, &str)] = eval_files!("frozen":
    "w1-identity.toml", "w2-markings.toml", "w3-sensitive.toml", "w4-public.toml", "w5-mixed.toml");
/// The third round's writers (2026-12-04, written blind after the second round of detector
/// changes, split before the third): English and mixed prompts, sensitive data about a person,
/// public texts, markings and internal labels.
const FROZEN_3: &[(&str, &str)] = eval_files!("frozen":
    "w8-english.toml", "w9-person.toml", "w10-public.toml", "w11-markings.toml");
/// The fourth round's writers (2026-12-04, written blind after the third round of detector
/// changes, split before the fourth): a working day across many roles, people identified
/// indirectly with sensitive facts in everyday words, long pasted documents, English and mixed
/// prompts of developers and staff.
const FROZEN_4: &[(&str, &str)] = eval_files!("frozen":
    "w12-workday.toml", "w13-person.toml", "w14-documents.toml", "w15-english.toml");
/// The fourth round's tuning halves (studied by the fourth round of tuning).
const TUNING_4: &[(&str, &str)] = eval_files!("tuning":
    "w12-workday.toml", "w13-person.toml", "w14-documents.toml", "w15-english.toml");
const TUNING: &[(&str, &str)] = eval_files!("tuning":
    "w1-identity.toml", "w2-markings.toml", "w3-sensitive.toml", "w4-public.toml", "w5-mixed.toml",
    "w8-english.toml", "w9-person.toml", "w10-public.toml", "w11-markings.toml");
/// Written after the first round of detector changes by two new writers, blind like the others;
/// never studied (only its totals are printed), so it measures what tuning on the other halves
/// did not see.
const FRESH: &[(&str, &str)] = eval_files!("fresh": "w6-everyday.toml", "w7-boundary.toml");
/// Written during the fourth round of tuning by two more writers, blind like the others (the
/// people who handle the most sensitive data, and short chat messages); never studied.
const FRESH_4: &[(&str, &str)] = eval_files!("fresh": "w16-care.toml", "w17-chat.toml");
const FROZEN_5: &[(&str, &str)] =
    eval_files!("frozen": "w19-public.toml", "w20-workday.toml", "w21-numbers-marks.toml");
const TUNING_5: &[(&str, &str)] =
    eval_files!("tuning": "w19-public.toml", "w20-workday.toml", "w21-numbers-marks.toml");
/// Written after the sixth round by two more writers under the same brief and blindness (news,
/// minutes, adverts, statute and school letters; a working day across many roles).
const FROZEN_7: &[(&str, &str)] = eval_files!("frozen": "w22-news-public.toml", "w23-workday.toml");
/// The seventh round's tuning halves (studied by the seventh round of tuning).
const TUNING_7: &[(&str, &str)] = eval_files!("tuning": "w22-news-public.toml", "w23-workday.toml");
/// Written during the seventh round's tuning by two more writers under the same brief and
/// blindness (people identified indirectly; pasted documents); split before the eighth round.
const FROZEN_8: &[(&str, &str)] = eval_files!("frozen": "w24-people.toml", "w25-documents.toml");
/// The eighth round's tuning halves.
const TUNING_8: &[(&str, &str)] = eval_files!("tuning": "w24-people.toml", "w25-documents.toml");
/// w27 written during the eighth round's tuning by a new writer under the same brief and blindness
/// (municipal office work and pasted public text); split after the eighth round's last
/// detector change; and w26 (care and school) by a second writer, delivered after the ninth
/// round's last change and split then; and w28 (chat and mixed language) by a third, likewise.
const FROZEN_9: &[(&str, &str)] =
    eval_files!("frozen": "w26-care-school.toml", "w27-office-public.toml", "w28-chat-mixed.toml");
/// The ninth round's tuning halves.
const TUNING_9: &[(&str, &str)] =
    eval_files!("tuning": "w26-care-school.toml", "w27-office-public.toml", "w28-chat-mixed.toml");
/// The tenth round's blind sets: w29 (social services and elderly care), w30 (HR, politicians and the registry), w31 (school, IT
/// and communications) and w32 (English and mixed), written with the ninth round's brief while the tenth round tuned on w26
/// and w28, each split when it arrived.
const FROZEN_10: &[(&str, &str)] = eval_files!("frozen": "w29-social-elderly.toml", "w30-hr-politics.toml", "w31-school-it-numbers.toml", "w32-english.toml");
/// The tuning half of the tenth round's sets.
const TUNING_10: &[(&str, &str)] = eval_files!("tuning": "w29-social-elderly.toml", "w30-hr-politics.toml", "w31-school-it-numbers.toml", "w32-english.toml");
/// The eleventh round's blind sets: w33 (disability services, school and home health care), w34
/// (planning, environment, finance and the registry), w35 (English and mixed) and w36 (hurried
/// chat), written with the tenth round's brief at the start of the eleventh round and split
/// when they arrived, before any detector change of the round.
const FROZEN_11: &[(&str, &str)] = eval_files!("frozen": "w33-lss-health.toml", "w34-planning-finance.toml", "w35-english-mixed.toml", "w36-chat-everyday.toml");
/// The tuning half of the eleventh round's sets.
const TUNING_11: &[(&str, &str)] = eval_files!("tuning": "w33-lss-health.toml", "w34-planning-finance.toml", "w35-english-mixed.toml", "w36-chat-everyday.toml");
/// The twelfth round's blind sets: w37 (culture, leisure and communications), w38 (rescue
/// services, security, IT incidents and the registry), w39 (family care and newcomers) and w40
/// (long pasted documents), written with the eleventh
/// round's brief at the start of the twelfth round and split when they arrived, before any
/// detector change of the round.
const FROZEN_12: &[(&str, &str)] = eval_files!("frozen": "w37-culture-comms.toml", "w38-safety-it.toml", "w39-family-newcomers.toml", "w40-pasted-documents.toml");
/// The tuning half of the twelfth round's sets.
const TUNING_12: &[(&str, &str)] = eval_files!("tuning": "w37-culture-comms.toml", "w38-safety-it.toml", "w39-family-newcomers.toml", "w40-pasted-documents.toml");
/// The thirteenth round's blind sets: w41 (preschool and school), w42 (public texts, two thirds
/// to pass), w43 (human resources and rehabilitation) and w44 (developers and data), written
/// with the twelfth round's brief during the twelfth round (after its first rules) and split
/// when they arrived, before any later detector change.
const FROZEN_13: &[(&str, &str)] = eval_files!("frozen": "w41-school-preschool.toml", "w42-public-texts.toml", "w43-hr-rehab.toml", "w44-developers-data.toml");
/// The tuning half of the thirteenth round's sets.
const TUNING_13: &[(&str, &str)] = eval_files!("tuning": "w41-school-preschool.toml", "w42-public-texts.toml", "w43-hr-rehab.toml", "w44-developers-data.toml");
/// The fourteenth round's blind sets: w45 (sensitive data in everyday notes, identified in many
/// ways), w46 (English and mixed), w47 (secrecy and internal material: markings versus talk)
/// and w48 (very short chat), written with the twelfth round's brief during the twelfth round
/// (after its rules from w37–w44) and split when they arrived, before any later change.
const FROZEN_14: &[(&str, &str)] = eval_files!("frozen": "w45-people-in-notes.toml", "w46-english-mixed.toml", "w47-secrecy-talk.toml", "w48-quick-chat.toml");
/// The tuning half of the fourteenth round's sets.
const TUNING_14: &[(&str, &str)] = eval_files!("tuning": "w45-people-in-notes.toml", "w46-english-mixed.toml", "w47-secrecy-talk.toml", "w48-quick-chat.toml");
/// The fifteenth round's blind sets: w49 (care and health), w50 (social services for adults),
/// w51 (a whole office) and w52 (English, mixed and quick chat), written with the twelfth
/// round's brief after the twelfth round's last rule and split when they arrived: they measure
/// the twelfth round's rules on text nobody tuned them on.
const FROZEN_15: &[(&str, &str)] = eval_files!("frozen": "w49-care-health.toml", "w50-adult-social.toml", "w51-office-everyday.toml", "w52-mixed-chat.toml");
/// The tuning half of the fifteenth round's sets.
const TUNING_15: &[(&str, &str)] = eval_files!("tuning": "w49-care-health.toml", "w50-adult-social.toml", "w51-office-everyday.toml", "w52-mixed-chat.toml");
/// The sixteenth round's blind sets: w53 (school and youth), w54 (politicians and management),
/// w55 (services to residents) and w56 (many formats), written with the twelfth round's brief
/// after the rules tuned on w49–w52 and split when they arrived.
const FROZEN_16: &[(&str, &str)] = eval_files!("frozen": "w53-school-youth.toml", "w54-politics-management.toml", "w55-services-citizens.toml", "w56-mixed-formats.toml");
/// The tuning half of the sixteenth round's sets.
const TUNING_16: &[(&str, &str)] = eval_files!("tuning": "w53-school-youth.toml", "w54-politics-management.toml", "w55-services-citizens.toml", "w56-mixed-formats.toml");
/// The seventeenth round's blind sets: w57 (social care), w58 (administration and public
/// text), w59 (school, English and mixed) and w60 (quick chat and technical pastes), written
/// with the twelfth round's brief after the rules tuned on w53–w56 and split when they arrived.
const FROZEN_17: &[(&str, &str)] = eval_files!("frozen": "w57-social-care.toml", "w58-admin-public.toml", "w59-school-english.toml", "w60-chat-technical.toml");
/// The tuning half of the seventeenth round's sets.
const TUNING_17: &[(&str, &str)] = eval_files!("tuning": "w57-social-care.toml", "w58-admin-public.toml", "w59-school-english.toml", "w60-chat-technical.toml");
/// The eighteenth round's blind sets: w61 (care and school in a hurry), w62 (office and public
/// text), w63 (English, mixed and technical) and w64 (residents' messages and chat about them),
/// written with the twelfth round's brief after the rules tuned on w57–w60 and split when they
/// arrived: the last measure of the twelfth round on text nobody tuned it on.
const FROZEN_18: &[(&str, &str)] = eval_files!("frozen": "w61-care-school.toml", "w62-office-public.toml", "w63-english-tech.toml", "w64-residents-chat.toml");
/// The tuning half of the eighteenth round's sets.
const TUNING_18: &[(&str, &str)] = eval_files!("tuning": "w61-care-school.toml", "w62-office-public.toml", "w63-english-tech.toml", "w64-residents-chat.toml");
/// The nineteenth round's blind sets: w65 (people mentioned in passing), w66 (documents with
/// and without markings), w67 (English and numbers) and w68 (public text, two thirds to pass),
/// written with the twelfth round's brief after every rule of the twelfth round and split
/// when they arrived.
const FROZEN_19: &[(&str, &str)] = eval_files!("frozen": "w65-people-everyday.toml", "w66-documents-markings.toml", "w67-english-numbers.toml", "w68-public-mixed.toml");
/// The tuning half of the nineteenth round's sets.
const TUNING_19: &[(&str, &str)] = eval_files!("tuning": "w65-people-everyday.toml", "w66-documents-markings.toml", "w67-english-numbers.toml", "w68-public-mixed.toml");
/// The twentieth round's blind sets: w69 (social services and school), w70 (HR and care),
/// w71 (numbers and markings in administration) and w72 (public text and English), written
/// with the twelfth round's brief after every rule of the twelfth round and the first of the
/// thirteenth, and split when they arrived.
const FROZEN_20: &[(&str, &str)] = eval_files!("frozen": "w69-social-school.toml", "w70-hr-care.toml", "w71-numbers-markings.toml", "w72-public-english.toml");
/// The tuning half of the twentieth round's sets.
const TUNING_20: &[(&str, &str)] = eval_files!("tuning": "w69-social-school.toml", "w70-hr-care.toml", "w71-numbers-markings.toml", "w72-public-english.toml");
/// The twenty-first round's blind sets: w73 (residents and the contact centre), w74 (health in
/// municipal work), w75 (politics, communications and the registry) and w76 (hurried chat and
/// English), written with the twelfth round's brief after the rules tuned on w69–w72 and split
/// when they arrived.
const FROZEN_21: &[(&str, &str)] = eval_files!("frozen": "w73-residents-contact.toml", "w74-health-care.toml", "w75-politics-comms.toml", "w76-chat-english.toml");
/// The tuning half of the twenty-first round's sets.
const TUNING_21: &[(&str, &str)] = eval_files!("tuning": "w73-residents-contact.toml", "w74-health-care.toml", "w75-politics-comms.toml", "w76-chat-english.toml");
/// The twenty-second round's blind sets: w77 (preschool and school), w78 (social-services
/// documents), w79 (structured data and administration) and w80 (public text and news, two
/// thirds to pass), written with the twelfth round's brief after the rules tuned on w69–w76
/// and split when they arrived.
const FROZEN_22: &[(&str, &str)] = eval_files!("frozen": "w77-preschool-school.toml", "w78-social-documents.toml", "w79-admin-data.toml", "w80-public-news.toml");
/// The tuning half of the twenty-second round's sets.
const TUNING_22: &[(&str, &str)] = eval_files!("tuning": "w77-preschool-school.toml", "w78-social-documents.toml", "w79-admin-data.toml", "w80-public-news.toml");
/// The twenty-third round's blind sets: w81 (tables and records), w82 (elderly care and LSS),
/// w83 (HR, unions and internal documents) and w84 (an everyday mix from the whole
/// municipality), written with the twelfth round's brief after the rules tuned on w69–w80 and
/// split when they arrived.
const FROZEN_23: &[(&str, &str)] = eval_files!("frozen": "w81-tables-records.toml", "w82-elderly-lss.toml", "w83-hr-union-internal.toml", "w84-mixed-everyday.toml");
/// The tuning half of the twenty-third round's sets.
const TUNING_23: &[(&str, &str)] = eval_files!("tuning": "w81-tables-records.toml", "w82-elderly-lss.toml", "w83-hr-union-internal.toml", "w84-mixed-everyday.toml");
/// The twenty-fourth round's blind sets: w85 (people in running prose), w86 (forms and exports),
/// w87 (public and policy text, two thirds to pass) and w88 (quick chat and English), written
/// with the twelfth round's brief after the rules tuned on w69–w84 and split when they arrived.
const FROZEN_24: &[(&str, &str)] = eval_files!("frozen": "w85-people-stories.toml", "w86-forms-exports.toml", "w87-public-policy.toml", "w88-chat-english-mixed.toml");
/// The tuning half of the twenty-fourth round's sets.
const TUNING_24: &[(&str, &str)] = eval_files!("tuning": "w85-people-stories.toml", "w86-forms-exports.toml", "w87-public-policy.toml", "w88-chat-english-mixed.toml");
/// The twenty-fifth round's blind sets: w89 (care and social services), w90 (office documents),
/// w91 (school and youth) and w92 (public-facing work), written with the twelfth round's brief
/// after every rule of the thirteenth round and split when they arrived.
const FROZEN_25: &[(&str, &str)] = eval_files!("frozen": "w89-care-social.toml", "w90-office-documents.toml", "w91-school-youth.toml", "w92-public-residents.toml");
/// The tuning half of the twenty-fifth round's sets.
const TUNING_25: &[(&str, &str)] = eval_files!("tuning": "w89-care-social.toml", "w90-office-documents.toml", "w91-school-youth.toml", "w92-public-residents.toml");
/// The twenty-sixth round's blind sets: w93 (colleagues and residents), w94 (documents and
/// numbers) and w95 (public text and topics, two thirds to pass), written with the twelfth
/// round's brief after every rule of the thirteenth round and split when they arrived;
/// measured, not tuned on. (The fourth writer, w96, had not finished when the session closed.)
const FROZEN_26: &[(&str, &str)] = eval_files!("frozen": "w93-colleagues-residents.toml", "w94-documents-numbers.toml", "w95-public-topics.toml");
/// The tuning half of the twenty-sixth round's sets.
const TUNING_26: &[(&str, &str)] = eval_files!("tuning": "w93-colleagues-residents.toml", "w94-documents-numbers.toml", "w95-public-topics.toml");
/// The twenty-seventh round's blind sets: w97 (care and social services), w98 (chat and
/// English), w99 (office life and people) and w100 (documents and public text), written with
/// the same brief after every rule of the thirteenth round and split when they arrived.
const FROZEN_27: &[(&str, &str)] = eval_files!("frozen": "w97-care-social.toml", "w98-chat-english.toml", "w99-office-people.toml", "w100-documents-public.toml");
/// The tuning half of the twenty-seventh round's sets.
const TUNING_27: &[(&str, &str)] = eval_files!("tuning": "w97-care-social.toml", "w98-chat-english.toml", "w99-office-people.toml", "w100-documents-public.toml");
/// The twenty-eighth round's blind sets: w101 (school and preschool), w102 (health and elderly
/// care), w103 (residents and the contact centre) and w104 (politics, communications and
/// English), written with the same brief while the rules of w97–w100 were made, and split and
/// measured after them.
const FROZEN_28: &[(&str, &str)] = eval_files!("frozen": "w101-school-preschool.toml", "w102-health-elderly.toml", "w103-residents-contact.toml", "w104-politics-english.toml");
/// The tuning half of the twenty-eighth round's sets.
const TUNING_28: &[(&str, &str)] = eval_files!("tuning": "w101-school-preschool.toml", "w102-health-elderly.toml", "w103-residents-contact.toml", "w104-politics-english.toml");
/// The twenty-ninth round's blind sets: w105 (HR and rehabilitation), w106 (social-services
/// documents), w107 (IT and data) and w108 (an everyday mix, people identified indirectly),
/// written with the same brief while the rules of w101–w104 were made, and split and measured
/// after them.
const FROZEN_29: &[(&str, &str)] = eval_files!("frozen": "w105-hr-rehab.toml", "w106-social-documents.toml", "w107-it-data.toml", "w108-everyday-indirect.toml");
/// The tuning half of the twenty-ninth round's sets.
const TUNING_29: &[(&str, &str)] = eval_files!("tuning": "w105-hr-rehab.toml", "w106-social-documents.toml", "w107-it-data.toml", "w108-everyday-indirect.toml");
/// The thirtieth round's blind sets: w109 (people in care and support), w110 (registry and
/// public documents), w111 (English and chat) and w112 (workplace stories), written with the
/// same brief while the rules of w105–w108 were made, and split and measured after them.
const FROZEN_30: &[(&str, &str)] = eval_files!("frozen": "w109-care-people.toml", "w110-registry-public.toml", "w111-english-chat.toml", "w112-workplace-stories.toml");
/// The tuning half of the thirtieth round's sets.
const TUNING_30: &[(&str, &str)] = eval_files!("tuning": "w109-care-people.toml", "w110-registry-public.toml", "w111-english-chat.toml", "w112-workplace-stories.toml");
/// The thirty-first round's blind sets: w113 (school and social services), w114 (forms and
/// tables), w115 (public talk about sensitive things) and w116 (colleagues in chat), written
/// with the same brief while the rules of w109–w112 were made, and split and measured after
/// them.
const FROZEN_31: &[(&str, &str)] = eval_files!("frozen": "w113-school-social.toml", "w114-forms-tables.toml", "w115-public-talk.toml", "w116-colleagues-chat.toml");
/// The tuning half of the thirty-first round's sets.
const TUNING_31: &[(&str, &str)] = eval_files!("tuning": "w113-school-social.toml", "w114-forms-tables.toml", "w115-public-talk.toml", "w116-colleagues-chat.toml");
/// The thirty-second round's blind sets: w117 (elderly care and LSS), w118 (management and
/// HR), w119 (numbers and documents) and w120 (an everyday mix), written with the same brief
/// while the last rules of the fourteenth round were made, and split and measured after every
/// rule of that round.
const FROZEN_32: &[(&str, &str)] = eval_files!("frozen": "w117-elderly-lss.toml", "w118-management-hr.toml", "w119-numbers-documents.toml", "w120-mixed-everyday.toml");
/// The tuning half of the thirty-second round's sets.
const TUNING_32: &[(&str, &str)] = eval_files!("tuning": "w117-elderly-lss.toml", "w118-management-hr.toml", "w119-numbers-documents.toml", "w120-mixed-everyday.toml");
/// The thirty-third round's blind sets: w121 (people identified indirectly), w122 (culture,
/// leisure and technical services), w123 (English and international staff) and w124 (long
/// documents), written with the same brief while the rules of w117–w120 were made, and split and
/// measured after them.
const FROZEN_33: &[(&str, &str)] = eval_files!("frozen": "w121-people-indirect.toml", "w122-culture-leisure-tech.toml", "w123-english-international.toml", "w124-long-documents.toml");
/// The tuning half of the thirty-third round's sets.
const TUNING_33: &[(&str, &str)] = eval_files!("tuning": "w121-people-indirect.toml", "w122-culture-leisure-tech.toml", "w123-english-international.toml", "w124-long-documents.toml");
/// The thirty-fourth round's blind sets: w125 (social services and care), w126 (school and
/// HR), w127 (public and administrative documents) and w128 (chat in Swedish and English),
/// written with the same brief after every rule of the fourteenth round and measured before
/// the two last rules, which its tuning half showed.
const FROZEN_34: &[(&str, &str)] = eval_files!("frozen": "w125-social-care.toml", "w126-school-hr.toml", "w127-public-documents.toml", "w128-chat-english-mix.toml");
/// The tuning half of the thirty-fourth round's sets.
const TUNING_34: &[(&str, &str)] = eval_files!("tuning": "w125-social-care.toml", "w126-school-hr.toml", "w127-public-documents.toml", "w128-chat-english-mix.toml");
/// The thirty-fifth round's blind sets: w129 (care, social services and school), w130 (office
/// work and documents), w131 (public text and English) and w132 (everyday chat), written with
/// the same brief after every rule of the fourteenth round and measured before the session's
/// last two rules, which its tuning half showed.
const FROZEN_35: &[(&str, &str)] = eval_files!("frozen": "w129-care-school.toml", "w130-office-documents.toml", "w131-public-english.toml", "w132-chat-everyday.toml");
/// The tuning half of the thirty-fifth round's sets.
const TUNING_35: &[(&str, &str)] = eval_files!("tuning": "w129-care-school.toml", "w130-office-documents.toml", "w131-public-english.toml", "w132-chat-everyday.toml");
/// The thirty-sixth round (w133–w136), written blind after every rule of the fourteenth round.
const FROZEN_36: &[(&str, &str)] = eval_files!("frozen": "w133-social-services-care.toml", "w134-school-hr.toml", "w135-public-documents-english.toml", "w136-everyday-chat.toml");
/// The thirty-sixth round's tuning half.
const TUNING_36: &[(&str, &str)] = eval_files!("tuning": "w133-social-services-care.toml", "w134-school-hr.toml", "w135-public-documents-english.toml", "w136-everyday-chat.toml");
/// The thirty-seventh round (w137–w140), written blind by four new writers under the same brief.
const FROZEN_37: &[(&str, &str)] = eval_files!("frozen": "w137-care-health.toml", "w138-people-described.toml", "w139-registry-numbers.toml", "w140-politics-public-english.toml");
/// The thirty-seventh round's tuning half.
const TUNING_37: &[(&str, &str)] = eval_files!("tuning": "w137-care-health.toml", "w138-people-described.toml", "w139-registry-numbers.toml", "w140-politics-public-english.toml");
/// The thirty-eighth round (w141–w144), written blind by four new writers under the same brief.
const FROZEN_38: &[(&str, &str)] = eval_files!("frozen": "w141-social-school.toml", "w142-hr-management.toml", "w143-public-texts.toml", "w144-chat-mixed-english.toml");
/// The thirty-eighth round's tuning half.
const TUNING_38: &[(&str, &str)] = eval_files!("tuning": "w141-social-school.toml", "w142-hr-management.toml", "w143-public-texts.toml", "w144-chat-mixed-english.toml");
/// The thirty-ninth round (w145–w148), written blind by four new writers under the same brief.
const FROZEN_39: &[(&str, &str)] = eval_files!("frozen": "w145-described-people.toml", "w146-forms-numbers.toml", "w147-swedish-chat.toml", "w148-english-international.toml");
/// The thirty-ninth round's tuning half.
const TUNING_39: &[(&str, &str)] = eval_files!("tuning": "w145-described-people.toml", "w146-forms-numbers.toml", "w147-swedish-chat.toml", "w148-english-international.toml");
/// The fortieth round (w149–w152), written blind by four new writers under the same brief.
const FROZEN_40: &[(&str, &str)] = eval_files!("frozen": "w149-care-social.toml", "w150-school-youth.toml", "w151-admin-documents.toml", "w152-residents-politics.toml");
/// The fortieth round's tuning half.
const TUNING_40: &[(&str, &str)] = eval_files!("tuning": "w149-care-social.toml", "w150-school-youth.toml", "w151-admin-documents.toml", "w152-residents-politics.toml");
/// The forty-first round (w153–w156), written blind by four new writers under the same brief.
const FROZEN_41: &[(&str, &str)] = eval_files!("frozen": "w153-social-health.toml", "w154-workplace-people.toml", "w155-documents-markings.toml", "w156-public-english-mix.toml");
/// The forty-first round's tuning half.
const TUNING_41: &[(&str, &str)] = eval_files!("tuning": "w153-social-health.toml", "w154-workplace-people.toml", "w155-documents-markings.toml", "w156-public-english-mix.toml");
/// The forty-second round (w157–w160), written blind by four new writers under the same brief.
const FROZEN_42: &[(&str, &str)] = eval_files!("frozen": "w157-care-chat.toml", "w158-children-families.toml", "w159-office-it-finance.toml", "w160-society-english.toml");
/// The forty-second round's tuning half.
const TUNING_42: &[(&str, &str)] = eval_files!("tuning": "w157-care-chat.toml", "w158-children-families.toml", "w159-office-it-finance.toml", "w160-society-english.toml");
/// The forty-third round (w161–w164), written blind by four new writers under the same brief.
const FROZEN_43: &[(&str, &str)] = eval_files!("frozen": "w161-social-care-mix.toml", "w162-school-hr-mix.toml", "w163-documents-numbers-mix.toml", "w164-public-chat-english.toml");
/// The forty-third round's tuning half.
const TUNING_43: &[(&str, &str)] = eval_files!("tuning": "w161-social-care-mix.toml", "w162-school-hr-mix.toml", "w163-documents-numbers-mix.toml", "w164-public-chat-english.toml");
/// The forty-fourth round (w165–w168), written blind by four new writers under the same brief.
const FROZEN_44: &[(&str, &str)] = eval_files!("frozen": "w165-care-social-school.toml", "w166-office-documents.toml", "w167-public-politics.toml", "w168-chat-english.toml");
/// The forty-fourth round's tuning half.
const TUNING_44: &[(&str, &str)] = eval_files!("tuning": "w165-care-social-school.toml", "w166-office-documents.toml", "w167-public-politics.toml", "w168-chat-english.toml");
/// The forty-fifth round (w169–w172), written blind by four new writers under the same brief.
const FROZEN_45: &[(&str, &str)] = eval_files!("frozen": "w169-welfare-people.toml", "w170-staff-hr.toml", "w171-records-markings.toml", "w172-public-chat-english.toml");
/// The forty-fifth round's tuning half.
const TUNING_45: &[(&str, &str)] = eval_files!("tuning": "w169-welfare-people.toml", "w170-staff-hr.toml", "w171-records-markings.toml", "w172-public-chat-english.toml");
/// The forty-sixth round (w173–w176), written blind by four new writers under the same brief.
const FROZEN_46: &[(&str, &str)] = eval_files!("frozen": "w173-care-school-social.toml", "w174-workplace-office.toml", "w175-public-residents.toml", "w176-chat-english-mixed.toml");
/// The forty-sixth round's tuning half.
const TUNING_46: &[(&str, &str)] = eval_files!("tuning": "w173-care-school-social.toml", "w174-workplace-office.toml", "w175-public-residents.toml", "w176-chat-english-mixed.toml");
/// The forty-seventh round (w177–w180), written blind by four new writers under the same brief.
const FROZEN_47: &[(&str, &str)] = eval_files!("frozen": "w177-welfare-school.toml", "w178-hr-office.toml", "w179-public-politics.toml", "w180-chat-mixed.toml");
/// The forty-seventh round's tuning half.
const TUNING_47: &[(&str, &str)] = eval_files!("tuning": "w177-welfare-school.toml", "w178-hr-office.toml", "w179-public-politics.toml", "w180-chat-mixed.toml");
/// The forty-eighth round (w181–w184), written blind by four new writers under the same brief.
const FROZEN_48: &[(&str, &str)] = eval_files!("frozen": "w181-care-social.toml", "w182-school-youth-hr.toml", "w183-documents-public.toml", "w184-chat-english.toml");
/// The forty-eighth round's tuning half.
const TUNING_48: &[(&str, &str)] = eval_files!("tuning": "w181-care-social.toml", "w182-school-youth-hr.toml", "w183-documents-public.toml", "w184-chat-english.toml");
/// The forty-ninth round (w185–w188), written blind by four new writers under the same brief.
const FROZEN_49: &[(&str, &str)] = eval_files!("frozen": "w185-elderly-care-lss.toml", "w186-school-hr.toml", "w187-registry-finance-it.toml", "w188-english-residents.toml");
/// The forty-ninth round's tuning half.
const TUNING_49: &[(&str, &str)] = eval_files!("tuning": "w185-elderly-care-lss.toml", "w186-school-hr.toml", "w187-registry-finance-it.toml", "w188-english-residents.toml");
/// The fiftieth round (w189–w192), written blind by four new writers under the same brief.
const FROZEN_50: &[(&str, &str)] = eval_files!("frozen": "w189-social-services.toml", "w190-politics-council.toml", "w191-markings-internal.toml", "w192-quick-chat.toml");
/// The fiftieth round's tuning half.
const TUNING_50: &[(&str, &str)] = eval_files!("tuning": "w189-social-services.toml", "w190-politics-council.toml", "w191-markings-internal.toml", "w192-quick-chat.toml");
/// The fifty-first round (w193–w196), written blind by four new writers under the same brief.
const FROZEN_51: &[(&str, &str)] = eval_files!("frozen": "w193-psychiatry-housing.toml", "w194-managers-hr.toml", "w195-public-documents.toml", "w196-it-data-english.toml");
/// The fifty-first round's tuning half.
const TUNING_51: &[(&str, &str)] = eval_files!("tuning": "w193-psychiatry-housing.toml", "w194-managers-hr.toml", "w195-public-documents.toml", "w196-it-data-english.toml");
/// The fifty-second round (w197–w200), written blind by four new writers under the same brief.
const FROZEN_52: &[(&str, &str)] = eval_files!("frozen": "w197-schools.toml", "w198-contact-centre.toml", "w199-numbers-registry.toml", "w200-comms-culture-safety.toml");
/// The fifty-second round's tuning half.
const TUNING_52: &[(&str, &str)] = eval_files!("tuning": "w197-schools.toml", "w198-contact-centre.toml", "w199-numbers-registry.toml", "w200-comms-culture-safety.toml");
/// The fifty-third round (w201–w204), written blind by four new writers under the same brief.
const FROZEN_53: &[(&str, &str)] = eval_files!("frozen": "w201-care-nursing.toml", "w202-english-staff.toml", "w203-labour-integration.toml", "w204-security-investigations.toml");
/// The fifty-third round's tuning half.
const TUNING_53: &[(&str, &str)] = eval_files!("tuning": "w201-care-nursing.toml", "w202-english-staff.toml", "w203-labour-integration.toml", "w204-security-investigations.toml");
/// The fifty-fourth round (w205–w208), written blind by four new writers under the same brief.
const FROZEN_54: &[(&str, &str)] = eval_files!("frozen": "w205-short-prompts.toml", "w206-long-texts.toml", "w207-children-youth.toml", "w208-looks-risky.toml");
/// The fifty-fourth round's tuning half.
const TUNING_54: &[(&str, &str)] = eval_files!("tuning": "w205-short-prompts.toml", "w206-long-texts.toml", "w207-children-youth.toml", "w208-looks-risky.toml");
/// The fifty-fifth round (w209–w212), written blind by four new writers under the same brief.
const FROZEN_55: &[(&str, &str)] = eval_files!("frozen": "w209-adult-family.toml", "w210-workplace.toml", "w211-documents-labels.toml", "w212-residents.toml");
/// The fifty-fifth round's tuning half.
const TUNING_55: &[(&str, &str)] = eval_files!("tuning": "w209-adult-family.toml", "w210-workplace.toml", "w211-documents-labels.toml", "w212-residents.toml");
/// The fifty-sixth round (w213–w216), written blind by four new writers under the same brief.
const FROZEN_56: &[(&str, &str)] = eval_files!("frozen": "w213-health.toml", "w214-numbers.toml", "w215-special-categories.toml", "w216-slang-chat.toml");
/// The fifty-sixth round's tuning half.
const TUNING_56: &[(&str, &str)] = eval_files!("tuning": "w213-health.toml", "w214-numbers.toml", "w215-special-categories.toml", "w216-slang-chat.toml");
/// The fifty-seventh round (w217–w220), written blind by four new writers under the same brief.
const FROZEN_57: &[(&str, &str)] = eval_files!("frozen": "w217-care-social.toml", "w218-school-hr.toml", "w219-documents-numbers.toml", "w220-public-english.toml");
/// The fifty-seventh round's tuning half.
const TUNING_57: &[(&str, &str)] = eval_files!("tuning": "w217-care-social.toml", "w218-school-hr.toml", "w219-documents-numbers.toml", "w220-public-english.toml");
/// The fifty-eighth round (w221–w224), written blind by four new writers under the same brief.
const FROZEN_58: &[(&str, &str)] = eval_files!("frozen": "w221-technical-environment.toml", "w222-politicians.toml", "w223-private-lives.toml", "w224-rewrite-requests.toml");
/// The fifty-eighth round's tuning half.
const TUNING_58: &[(&str, &str)] = eval_files!("tuning": "w221-technical-environment.toml", "w222-politicians.toml", "w223-private-lives.toml", "w224-rewrite-requests.toml");
/// The fifty-ninth round (w225–w227), written blind by four new writers under the same brief.
const FROZEN_59: &[(&str, &str)] = eval_files!("frozen": "w225-care-health.toml", "w226-school-work.toml", "w227-documents-numbers.toml");
/// The fifty-ninth round's tuning half.
const TUNING_59: &[(&str, &str)] = eval_files!("tuning": "w225-care-health.toml", "w226-school-work.toml", "w227-documents-numbers.toml");
/// The sixtieth round (w229–w232), written blind by four new writers under the same brief.
const FROZEN_60: &[(&str, &str)] = eval_files!("frozen": "w229-elderly-disability.toml", "w230-hr-payroll.toml", "w231-special-categories.toml", "w232-quick-chat.toml");
/// The sixtieth round's tuning half.
const TUNING_60: &[(&str, &str)] = eval_files!("tuning": "w229-elderly-disability.toml", "w230-hr-payroll.toml", "w231-special-categories.toml", "w232-quick-chat.toml");
/// The sixty-first round (w228), written blind under the fifty-ninth round's brief; its set
/// arrived after that round was split, and was split and measured before anyone read it.
const FROZEN_61: &[(&str, &str)] = eval_files!("frozen": "w228-public-english.toml");
/// The sixty-first round's tuning half.
const TUNING_61: &[(&str, &str)] = eval_files!("tuning": "w228-public-english.toml");
/// The sixty-second round (w233–w236): child and family services, home care and health, HR and
/// managers, registry and documents; written blind by four new writers under the same brief.
const FROZEN_62: &[(&str, &str)] = eval_files!("frozen": "w233-child-family.toml", "w234-home-care-health.toml", "w235-hr-managers.toml", "w236-registry-documents.toml");
/// The sixty-second round's tuning half.
const TUNING_62: &[(&str, &str)] = eval_files!("tuning": "w233-child-family.toml", "w234-home-care-health.toml", "w235-hr-managers.toml", "w236-registry-documents.toml");
/// The sixty-third round (w237–w240): school and preschool, politics and associations, English
/// and IT, safety and crime; written blind by four writers at the same time as the sixty-second.
const FROZEN_63: &[(&str, &str)] = eval_files!("frozen": "w237-school-preschool.toml", "w238-politics-associations.toml", "w239-english-it.toml", "w240-safety-crime.toml");
/// The sixty-third round's tuning half.
const TUNING_63: &[(&str, &str)] = eval_files!("tuning": "w237-school-preschool.toml", "w238-politics-associations.toml", "w239-english-it.toml", "w240-safety-crime.toml");
/// The sixty-fourth round (w241–w244): economic assistance and housing, disability services,
/// student health, workplace investigations; written blind after every rule of the seventeenth
/// round.
const FROZEN_64: &[(&str, &str)] = eval_files!("frozen": "w241-assistance-housing.toml", "w242-disability-lss.toml", "w243-student-health.toml", "w244-workplace-investigations.toml");
/// The sixty-fourth round's tuning half.
const TUNING_64: &[(&str, &str)] = eval_files!("tuning": "w241-assistance-housing.toml", "w242-disability-lss.toml", "w243-student-health.toml", "w244-workplace-investigations.toml");
/// The sixty-fifth round (w245–w248): council administration, pasted data, residents writing
/// in, English-speaking staff; written at the same time as the sixty-fourth.
const FROZEN_65: &[(&str, &str)] = eval_files!("frozen": "w245-council-administration.toml", "w246-pasted-data.toml", "w247-residents-write.toml", "w248-english-staff.toml");
/// The sixty-fifth round's tuning half.
const TUNING_65: &[(&str, &str)] = eval_files!("tuning": "w245-council-administration.toml", "w246-pasted-data.toml", "w247-residents-write.toml", "w248-english-staff.toml");
/// The sixty-sixth round (w249–w252): adult individual and family care, municipal nursing,
/// recruitment, short hurried prompts; written blind while the sixty-fourth and sixty-fifth
/// rounds' rules were made.
const FROZEN_66: &[(&str, &str)] = eval_files!("frozen": "w249-adult-care.toml", "w250-municipal-nursing.toml", "w251-recruitment.toml", "w252-short-hurried.toml");
/// The sixty-sixth round's tuning half.
const TUNING_66: &[(&str, &str)] = eval_files!("tuning": "w249-adult-care.toml", "w250-municipal-nursing.toml", "w251-recruitment.toml", "w252-short-hurried.toml");
/// The sixty-seventh round (w253–w256): long pasted documents, culture and leisure,
/// integration, what staff tell in passing; written at the same time as the sixty-sixth.
const FROZEN_67: &[(&str, &str)] = eval_files!("frozen": "w253-long-documents.toml", "w254-culture-leisure.toml", "w255-integration.toml", "w256-in-passing.toml");
/// The sixty-seventh round's tuning half.
const TUNING_67: &[(&str, &str)] = eval_files!("tuning": "w253-long-documents.toml", "w254-culture-leisure.toml", "w255-integration.toml", "w256-in-passing.toml");
/// The sixty-eighth round (w257–w260): long pasted documents, elderly and dementia care,
/// conflicts in school, numbers in chat; written blind while the sixty-sixth and sixty-seventh
/// rounds' rules were made.
const FROZEN_68: &[(&str, &str)] = eval_files!("frozen": "w257-long-pasted.toml", "w258-elderly-dementia.toml", "w259-school-conflicts.toml", "w260-numbers-chat.toml");
/// The sixty-eighth round's tuning half.
const TUNING_68: &[(&str, &str)] = eval_files!("tuning": "w257-long-pasted.toml", "w258-elderly-dementia.toml", "w259-school-conflicts.toml", "w260-numbers-chat.toml");
/// The sixty-ninth round (w261–w264): elected representatives, payroll and leave, mixed Swedish
/// and English, children's social services; written at the same time as the sixty-eighth.
const FROZEN_69: &[(&str, &str)] = eval_files!("frozen": "w261-elected.toml", "w262-payroll-leave.toml", "w263-code-switching.toml", "w264-children-social.toml");
/// The sixty-ninth round's tuning half.
const TUNING_69: &[(&str, &str)] = eval_files!("tuning": "w261-elected.toml", "w262-payroll-leave.toml", "w263-code-switching.toml", "w264-children-social.toml");
/// The seventieth round (w265–w268): social services, school and youth, the workplace, documents
/// and numbers; written blind while the sixty-eighth and sixty-ninth rounds' rules were made,
/// split and measured after every rule of the seventeenth round.
const FROZEN_70: &[(&str, &str)] = eval_files!("frozen": "w265-social-services.toml", "w266-school-youth.toml", "w267-workplace.toml", "w268-documents-numbers.toml");
/// The seventieth round's tuning half.
const TUNING_70: &[(&str, &str)] = eval_files!("tuning": "w265-social-services.toml", "w266-school-youth.toml", "w267-workplace.toml", "w268-documents-numbers.toml");
/// The seventy-first round (w269–w272): health and care, public life, English and mixed, quick
/// chat; written and measured like the seventieth.
const FROZEN_71: &[(&str, &str)] = eval_files!("frozen": "w269-health-care.toml", "w270-public-life.toml", "w271-english-mixed.toml", "w272-quick-chat.toml");
/// The seventy-first round's tuning half.
const TUNING_71: &[(&str, &str)] = eval_files!("tuning": "w269-health-care.toml", "w270-public-life.toml", "w271-english-mixed.toml", "w272-quick-chat.toml");
/// The seventy-second round (w273–w276): care and social services, school and work, documents,
/// public life, residents and English; written blind while the seventieth and seventy-first
/// rounds' rules were made, split and measured after every rule of the seventeenth round.
const FROZEN_72: &[(&str, &str)] = eval_files!("frozen": "w273-care-social.toml", "w274-school-work.toml", "w275-documents.toml", "w276-public-residents-english.toml");
/// The seventy-second round's tuning half.
const TUNING_72: &[(&str, &str)] = eval_files!("tuning": "w273-care-social.toml", "w274-school-work.toml", "w275-documents.toml", "w276-public-residents-english.toml");
/// The seventy-third round (w277–w280): elderly care and disability, family care, school, HR;
/// written blind while the seventy-second round's rules were made, split and measured after
/// every rule of the seventeenth round.
const FROZEN_73: &[(&str, &str)] = eval_files!("frozen": "w277-elderly-disability.toml", "w278-family-care.toml", "w279-school.toml", "w280-hr-workplace.toml");
/// The seventy-third round's tuning half.
const TUNING_73: &[(&str, &str)] = eval_files!("tuning": "w277-elderly-disability.toml", "w278-family-care.toml", "w279-school.toml", "w280-hr-workplace.toml");
/// The seventy-fourth round (w281–w284): registry and numbers, special categories, residents and
/// the public, English and chat; written and measured like the seventy-third.
const FROZEN_74: &[(&str, &str)] = eval_files!("frozen": "w281-registry-numbers.toml", "w282-special-categories.toml", "w283-residents-public.toml", "w284-english-chat.toml");
/// The seventy-fourth round's tuning half.
const TUNING_74: &[(&str, &str)] = eval_files!("tuning": "w281-registry-numbers.toml", "w282-special-categories.toml", "w283-residents-public.toml", "w284-english-chat.toml");
/// The seventy-fifth round (w285–w288), written blind by four new writers under the same brief.
const FROZEN_75: &[(&str, &str)] = eval_files!("frozen": "w285-child-family.toml", "w286-school-diverse.toml", "w287-it-pasted-data.toml", "w288-long-documents.toml");
/// The seventy-fifth round's tuning half.
const TUNING_75: &[(&str, &str)] = eval_files!("tuning": "w285-child-family.toml", "w286-school-diverse.toml", "w287-it-pasted-data.toml", "w288-long-documents.toml");
/// The seventy-sixth round (w289–w292), written blind by four new writers under the same brief.
const FROZEN_76: &[(&str, &str)] = eval_files!("frozen": "w289-hr-union.toml", "w290-care-chat.toml", "w291-contact-registry.toml", "w292-english-mixed.toml");
/// The seventy-sixth round's tuning half.
const TUNING_76: &[(&str, &str)] = eval_files!("tuning": "w289-hr-union.toml", "w290-care-chat.toml", "w291-contact-registry.toml", "w292-english-mixed.toml");
/// The seventy-seventh round (w293–w296), written blind by four new writers under the same brief.
const FROZEN_77: &[(&str, &str)] = eval_files!("frozen": "w293-assistance-debt.toml", "w294-preschool.toml", "w295-politics.toml", "w296-municipal-health.toml");
/// The seventy-seventh round's tuning half.
const TUNING_77: &[(&str, &str)] = eval_files!("tuning": "w293-assistance-debt.toml", "w294-preschool.toml", "w295-politics.toml", "w296-municipal-health.toml");
/// The seventy-eighth round (w297–w300), written blind by four new writers under the same brief.
const FROZEN_78: &[(&str, &str)] = eval_files!("frozen": "w297-building-environment.toml", "w298-security-crisis.toml", "w299-lss.toml", "w300-translate-rewrite.toml");
/// The seventy-eighth round's tuning half.
const TUNING_78: &[(&str, &str)] = eval_files!("tuning": "w297-building-environment.toml", "w298-security-crisis.toml", "w299-lss.toml", "w300-translate-rewrite.toml");
/// The seventy-ninth round (w301–w304), written blind by four new writers under the same brief.
const FROZEN_79: &[(&str, &str)] = eval_files!("frozen": "w301-culture-leisure.toml", "w302-upper-secondary.toml", "w303-home-care-planning.toml", "w304-procurement.toml");
/// The seventy-ninth round's tuning half.
const TUNING_79: &[(&str, &str)] = eval_files!("tuning": "w301-culture-leisure.toml", "w302-upper-secondary.toml", "w303-home-care-planning.toml", "w304-procurement.toml");
/// The eightieth round (w305–w308), written blind by four new writers under the same brief.
const FROZEN_80: &[(&str, &str)] = eval_files!("frozen": "w305-integration.toml", "w306-management.toml", "w307-short-prompts.toml", "w308-addiction-psychiatry.toml");
/// The eightieth round's tuning half.
const TUNING_80: &[(&str, &str)] = eval_files!("tuning": "w305-integration.toml", "w306-management.toml", "w307-short-prompts.toml", "w308-addiction-psychiatry.toml");
/// The eighty-first round (w309–w312), written blind by four new writers under the same brief.
const FROZEN_81: &[(&str, &str)] = eval_files!("frozen": "w309-bup-school.toml", "w310-relatives.toml", "w311-labour-adult-ed.toml", "w312-legal.toml");
/// The eighty-first round's tuning half.
const TUNING_81: &[(&str, &str)] = eval_files!("tuning": "w309-bup-school.toml", "w310-relatives.toml", "w311-labour-adult-ed.toml", "w312-legal.toml");
/// The eighty-second round (w313–w316), written blind by four new writers under the same brief.
const FROZEN_82: &[(&str, &str)] = eval_files!("frozen": "w313-communications.toml", "w314-facilities-staff.toml", "w315-email-threads.toml", "w316-english-only.toml");
/// The eighty-second round's tuning half.
const TUNING_82: &[(&str, &str)] = eval_files!("tuning": "w313-communications.toml", "w314-facilities-staff.toml", "w315-email-threads.toml", "w316-english-only.toml");
/// The eighty-third round (w317–w323), written blind by four new writers under the same brief.
const FROZEN_83: &[(&str, &str)] = eval_files!("frozen": "w317-youth-services.toml", "w318-payroll.toml", "w320-identity-numbers.toml", "w323-elderly-notes.toml");
/// The eighty-third round's tuning half.
const TUNING_83: &[(&str, &str)] = eval_files!("tuning": "w317-youth-services.toml", "w318-payroll.toml", "w320-identity-numbers.toml", "w323-elderly-notes.toml");
/// The eighty-fourth round (w319–w322), written blind by four new writers under the same brief.
const FROZEN_84: &[(&str, &str)] = eval_files!("frozen": "w319-markings.toml", "w321-indirect-people.toml", "w322-public-text.toml");
/// The eighty-fourth round's tuning half.
const TUNING_84: &[(&str, &str)] = eval_files!("tuning": "w319-markings.toml", "w321-indirect-people.toml", "w322-public-text.toml");
/// The eighty-fifth round (w324, code-switching), written blind by the last writer of the 14:19
/// start and delivered after the eighteenth round's last rule.
const FROZEN_85: &[(&str, &str)] = eval_files!("frozen": "w324-code-switching.toml");
/// The eighty-fifth round's tuning half.
const TUNING_85: &[(&str, &str)] = eval_files!("tuning": "w324-code-switching.toml");
/// The eighty-sixth round (w325–w329), written blind by four new writers under the same brief.
const FROZEN_86: &[(&str, &str)] = eval_files!("frozen": "w325-unnamed-people.toml", "w327-pasted-data.toml", "w328-economic-assistance.toml", "w329-public-text.toml");
/// The eighty-sixth round's tuning half.
const TUNING_86: &[(&str, &str)] = eval_files!("tuning": "w325-unnamed-people.toml", "w327-pasted-data.toml", "w328-economic-assistance.toml", "w329-public-text.toml");
/// The eighty-seventh round (w326–w332), written blind by four new writers under the same brief.
const FROZEN_87: &[(&str, &str)] = eval_files!("frozen": "w326-long-documents.toml", "w330-identity-numbers.toml", "w331-english-staff.toml", "w332-markings.toml");
/// The eighty-seventh round's tuning half.
const TUNING_87: &[(&str, &str)] = eval_files!("tuning": "w326-long-documents.toml", "w330-identity-numbers.toml", "w331-english-staff.toml", "w332-markings.toml");
/// The eighty-eighth round (w333–w336), written blind by four new writers under the same brief
/// while the nineteenth round's rules were made, and measured after every one of them.
const FROZEN_88: &[(&str, &str)] = eval_files!("frozen": "w333-child-family.toml", "w334-hr-managers.toml", "w335-school.toml", "w336-elderly-care.toml");
/// The eighty-eighth round's tuning half.
const TUNING_88: &[(&str, &str)] = eval_files!("tuning": "w333-child-family.toml", "w334-hr-managers.toml", "w335-school.toml", "w336-elderly-care.toml");
/// The eighty-ninth round (w337–w340), written blind by four more writers at the same time,
/// measured after every rule of the nineteenth round.
const FROZEN_89: &[(&str, &str)] = eval_files!("frozen": "w337-public-everyday.toml", "w338-numbers-records.toml", "w339-markings-internal.toml", "w340-chat-style.toml");
/// The eighty-ninth round's tuning half.
const TUNING_89: &[(&str, &str)] = eval_files!("tuning": "w337-public-everyday.toml", "w338-numbers-records.toml", "w339-markings-internal.toml", "w340-chat-style.toml");
/// The ninetieth round (w341–w344), written blind by four new writers under the same brief.
const FROZEN_90: &[(&str, &str)] = eval_files!("frozen": "w341-politics.toml", "w342-public-texts.toml", "w343-classification.toml", "w344-social-services.toml");
/// The ninetieth round's tuning half.
const TUNING_90: &[(&str, &str)] = eval_files!("tuning": "w341-politics.toml", "w342-public-texts.toml", "w343-classification.toml", "w344-social-services.toml");
/// The ninety-first round (w345–w348), written blind by four new writers under the same brief.
const FROZEN_91: &[(&str, &str)] = eval_files!("frozen": "w345-care-handover.toml", "w346-pasted-numbers.toml", "w347-hr-union.toml", "w348-mixed-chat.toml");
/// The ninety-first round's tuning half.
const TUNING_91: &[(&str, &str)] = eval_files!("tuning": "w345-care-handover.toml", "w346-pasted-numbers.toml", "w347-hr-union.toml", "w348-mixed-chat.toml");
/// The ninety-second round (w349–w352), written blind by four new writers under the same brief.
const FROZEN_92: &[(&str, &str)] = eval_files!("frozen": "w349-school.toml", "w350-long-documents.toml", "w351-citizen-communication.toml", "w352-secrecy-documents.toml");
/// The ninety-second round's tuning half.
const TUNING_92: &[(&str, &str)] = eval_files!("tuning": "w349-school.toml", "w350-long-documents.toml", "w351-citizen-communication.toml", "w352-secrecy-documents.toml");
/// The ninety-third round (w353–w356), written blind by four new writers under the same brief.
const FROZEN_93: &[(&str, &str)] = eval_files!("frozen": "w353-identified-without-name.toml", "w354-english-staff.toml", "w355-disguised-numbers.toml", "w356-health-rehab.toml");
/// The ninety-third round's tuning half.
const TUNING_93: &[(&str, &str)] = eval_files!("tuning": "w353-identified-without-name.toml", "w354-english-staff.toml", "w355-disguised-numbers.toml", "w356-health-rehab.toml");
/// The ninety-fourth round (w357–w362), written blind by six new writers under the same brief.
const FROZEN_94: &[(&str, &str)] = eval_files!("frozen": "w357-elderly-care.toml", "w358-procurement.toml", "w359-pasted-data.toml", "w360-lss-psychiatry.toml", "w361-quick-chat.toml", "w362-permits-committees.toml");
/// The ninety-fourth round's tuning half.
const TUNING_94: &[(&str, &str)] = eval_files!("tuning": "w357-elderly-care.toml", "w358-procurement.toml", "w359-pasted-data.toml", "w360-lss-psychiatry.toml", "w361-quick-chat.toml", "w362-permits-committees.toml");
/// The ninety-fifth round (w363–w364), written blind by two new writers under the same brief.
const FROZEN_95: &[(&str, &str)] =
    eval_files!("frozen": "w363-residents-letters.toml", "w364-hr.toml");
/// The ninety-fifth round's tuning half.
const TUNING_95: &[(&str, &str)] =
    eval_files!("tuning": "w363-residents-letters.toml", "w364-hr.toml");
/// The ninety-sixth round (w365–w370), written blind by six new writers under the same brief.
const FROZEN_96: &[(&str, &str)] = eval_files!("frozen": "w365-adult-social.toml", "w366-school-welfare.toml", "w367-it-security.toml", "w368-communications.toml", "w369-minutes-memos.toml", "w370-international-staff.toml");
/// The ninety-sixth round's tuning half.
const TUNING_96: &[(&str, &str)] = eval_files!("tuning": "w365-adult-social.toml", "w366-school-welfare.toml", "w367-it-security.toml", "w368-communications.toml", "w369-minutes-memos.toml", "w370-international-staff.toml");
/// The ninety-seventh round (w371–w376), written blind by six new writers under the same brief.
const FROZEN_97: &[(&str, &str)] = eval_files!("frozen": "w371-workplace-incidents.toml", "w372-culture-leisure.toml", "w373-politics-council.toml", "w374-translation.toml", "w375-tables-lists.toml", "w376-safety-crisis.toml");
/// The ninety-seventh round's tuning half.
const TUNING_97: &[(&str, &str)] = eval_files!("tuning": "w371-workplace-incidents.toml", "w372-culture-leisure.toml", "w373-politics-council.toml", "w374-translation.toml", "w375-tables-lists.toml", "w376-safety-crisis.toml");
/// The ninety-eighth round (w377–w380), written blind by four new writers under the same brief.
const FROZEN_98: &[(&str, &str)] = eval_files!("frozen": "w377-registry-archive.toml", "w378-home-health.toml", "w379-housing-debt.toml", "w380-preschool.toml");
/// The ninety-eighth round's tuning half.
const TUNING_98: &[(&str, &str)] = eval_files!("tuning": "w377-registry-archive.toml", "w378-home-health.toml", "w379-housing-debt.toml", "w380-preschool.toml");
/// The ninety-ninth round (w381–w386), written blind by six new writers under the same brief.
const FROZEN_99: &[(&str, &str)] = eval_files!("frozen": "w381-intake-reception.toml", "w382-student-health.toml", "w383-sick-leave-rehab.toml", "w384-committee-minutes.toml", "w385-english-swenglish.toml", "w386-phone-chat.toml");
/// The ninety-ninth round's tuning half.
const TUNING_99: &[(&str, &str)] = eval_files!("tuning": "w381-intake-reception.toml", "w382-student-health.toml", "w383-sick-leave-rehab.toml", "w384-committee-minutes.toml", "w385-english-swenglish.toml", "w386-phone-chat.toml");
/// The hundredth round (w387–w390), written blind by four new writers under the same brief.
const FROZEN_100: &[(&str, &str)] = eval_files!("frozen": "w387-group-homes.toml", "w388-documents-markings.toml", "w389-payments-numbers.toml", "w390-neighbours-complaints.toml");
/// The hundredth round's tuning half.
const TUNING_100: &[(&str, &str)] = eval_files!("tuning": "w387-group-homes.toml", "w388-documents-markings.toml", "w389-payments-numbers.toml", "w390-neighbours-complaints.toml");
/// The hundred-and-first round (w391–w396), written blind by six new writers under the same brief.
const FROZEN_101: &[(&str, &str)] = eval_files!("frozen": "w391-night-care.toml", "w392-upper-secondary.toml", "w393-recruitment.toml", "w394-it-support.toml", "w395-family-law.toml", "w396-managers-briefings.toml");
/// The hundred-and-first round's tuning half.
const TUNING_101: &[(&str, &str)] = eval_files!("tuning": "w391-night-care.toml", "w392-upper-secondary.toml", "w393-recruitment.toml", "w394-it-support.toml", "w395-family-law.toml", "w396-managers-briefings.toml");
/// The hundred-and-second round (w397–w402), written blind by six new writers under the same brief.
const FROZEN_102: &[(&str, &str)] = eval_files!("frozen": "w397-compulsory-school.toml", "w398-dementia-care.toml", "w399-integration-labour.toml", "w400-registry-records.toml", "w401-politicians.toml", "w402-municipal-health-care.toml");
/// The hundred-and-second round's tuning half.
const TUNING_102: &[(&str, &str)] = eval_files!("tuning": "w397-compulsory-school.toml", "w398-dementia-care.toml", "w399-integration-labour.toml", "w400-registry-records.toml", "w401-politicians.toml", "w402-municipal-health-care.toml");
/// The hundred-and-third round (w403–w404), written blind by two new writers under the same brief.
const FROZEN_103: &[(&str, &str)] =
    eval_files!("frozen": "w403-culture-leisure.toml", "w404-permits-environment.toml");
/// The hundred-and-third round's tuning half.
const TUNING_103: &[(&str, &str)] =
    eval_files!("tuning": "w403-culture-leisure.toml", "w404-permits-environment.toml");
/// The hundred-and-fourth round (w405–w410), written blind by six new writers under the same brief.
const FROZEN_104: &[(&str, &str)] = eval_files!("frozen": "w405-hr-payroll.toml", "w406-adult-social-services.toml", "w407-preschool.toml", "w408-contact-centre.toml", "w409-lss-disability.toml", "w410-international-staff.toml");
/// The hundred-and-fourth round's tuning half.
const TUNING_104: &[(&str, &str)] = eval_files!("tuning": "w405-hr-payroll.toml", "w406-adult-social-services.toml", "w407-preschool.toml", "w408-contact-centre.toml", "w409-lss-disability.toml", "w410-international-staff.toml");
/// The hundred-and-fifth round (w411–w416), written blind by six new writers under the same brief.
const FROZEN_105: &[(&str, &str)] = eval_files!("frozen": "w411-school-bullying.toml", "w412-home-care.toml", "w413-finance-procurement.toml", "w414-safety-security.toml", "w415-communications.toml", "w416-child-youth-services.toml");
/// The hundred-and-fifth round's tuning half.
const TUNING_105: &[(&str, &str)] = eval_files!("tuning": "w411-school-bullying.toml", "w412-home-care.toml", "w413-finance-procurement.toml", "w414-safety-security.toml", "w415-communications.toml", "w416-child-youth-services.toml");
/// The hundred-and-sixth round (w417–w422), written blind by six new writers under the same brief.
const FROZEN_106: &[(&str, &str)] = eval_files!("frozen": "w417-council-secretariat.toml", "w418-special-needs-school.toml", "w419-housing-company.toml", "w420-teams-chat.toml", "w421-environmental-health.toml", "w422-long-documents.toml");
/// The hundred-and-sixth round's tuning half.
const TUNING_106: &[(&str, &str)] = eval_files!("tuning": "w417-council-secretariat.toml", "w418-special-needs-school.toml", "w419-housing-company.toml", "w420-teams-chat.toml", "w421-environmental-health.toml", "w422-long-documents.toml");
/// The hundred-and-seventh round (w423–w426), written blind by four new writers under the same brief.
const FROZEN_107: &[(&str, &str)] = eval_files!("frozen": "w423-school-meals-transport.toml", "w424-elderly-care-quality.toml", "w425-residents-writing.toml", "w426-it-data-exports.toml");
/// The hundred-and-seventh round's tuning half.
const TUNING_107: &[(&str, &str)] = eval_files!("tuning": "w423-school-meals-transport.toml", "w424-elderly-care-quality.toml", "w425-residents-writing.toml", "w426-it-data-exports.toml");
/// The hundred-and-eighth round (w427–w432), written blind by six new writers under the same brief.
const FROZEN_108: &[(&str, &str)] = eval_files!("frozen": "w427-guardianship.toml", "w428-rescue.toml", "w429-adult-education.toml", "w430-debt-counselling.toml", "w431-translation.toml", "w432-technical.toml");
/// The hundred-and-eighth round's tuning half.
const TUNING_108: &[(&str, &str)] = eval_files!("tuning": "w427-guardianship.toml", "w428-rescue.toml", "w429-adult-education.toml", "w430-debt-counselling.toml", "w431-translation.toml", "w432-technical.toml");
/// The hundred-and-ninth round (w433–w438), written blind by six new writers under the same brief.
const FROZEN_109: &[(&str, &str)] = eval_files!("frozen": "w433-pension-payroll.toml", "w434-youth-recreation.toml", "w435-archive-requests.toml", "w436-hurried-chat.toml", "w437-parents-relatives.toml", "w438-international-english.toml");
/// The hundred-and-ninth round's tuning half.
const TUNING_109: &[(&str, &str)] = eval_files!("tuning": "w433-pension-payroll.toml", "w434-youth-recreation.toml", "w435-archive-requests.toml", "w436-hurried-chat.toml", "w437-parents-relatives.toml", "w438-international-english.toml");
/// The hundred-and-tenth round (w439–w442), written blind by four new writers under the same brief.
const FROZEN_110: &[(&str, &str)] = eval_files!("frozen": "w439-adult-family-casework.toml", "w440-teachers.toml", "w441-elderly-home-care.toml", "w442-town-hall-admin.toml");
/// The hundred-and-tenth round's tuning half.
const TUNING_110: &[(&str, &str)] = eval_files!("tuning": "w439-adult-family-casework.toml", "w440-teachers.toml", "w441-elderly-home-care.toml", "w442-town-hall-admin.toml");
/// The hundred-and-eleventh round (w443–w448), written blind by six new writers under the same brief.
const FROZEN_111: &[(&str, &str)] = eval_files!("frozen": "w443-psychiatry-housing-support.toml", "w444-council-committees.toml", "w445-pasted-documents.toml", "w446-disability-assistance.toml", "w447-planning-neighbours.toml", "w448-press-social-media.toml");
/// The hundred-and-eleventh round's tuning half.
const TUNING_111: &[(&str, &str)] = eval_files!("tuning": "w443-psychiatry-housing-support.toml", "w444-council-committees.toml", "w445-pasted-documents.toml", "w446-disability-assistance.toml", "w447-planning-neighbours.toml", "w448-press-social-media.toml");
/// The hundred-and-twelfth round (w449–w452), written blind by four new writers under the same brief.
const FROZEN_112: &[(&str, &str)] = eval_files!("frozen": "w449-child-youth-foster-care.toml", "w450-managers-staff.toml", "w451-upper-secondary-health.toml", "w452-it-service-desk.toml");
/// The hundred-and-twelfth round's tuning half.
const TUNING_112: &[(&str, &str)] = eval_files!("tuning": "w449-child-youth-foster-care.toml", "w450-managers-staff.toml", "w451-upper-secondary-health.toml", "w452-it-service-desk.toml");
/// The hundred-and-thirteenth round (w453–w458), written blind by six new writers under the same brief.
const FROZEN_113: &[(&str, &str)] = eval_files!("frozen": "w453-financial-aid-labour.toml", "w454-hr-rehab.toml", "w455-preschool.toml", "w456-environmental-health.toml", "w457-housing-energy-company.toml", "w458-culture-leisure.toml");
/// The hundred-and-thirteenth round's tuning half.
const TUNING_113: &[(&str, &str)] = eval_files!("tuning": "w453-financial-aid-labour.toml", "w454-hr-rehab.toml", "w455-preschool.toml", "w456-environmental-health.toml", "w457-housing-energy-company.toml", "w458-culture-leisure.toml");
/// The hundred-and-fourteenth round (w459–w464), written blind by six new writers under the same brief.
const FROZEN_114: &[(&str, &str)] = eval_files!("frozen": "w459-school-meals-kitchen.toml", "w460-security-crisis.toml", "w461-procurement.toml", "w462-committee-secretaries.toml", "w463-contact-centre.toml", "w464-school-transport.toml");
/// The hundred-and-fourteenth round's tuning half.
const TUNING_114: &[(&str, &str)] = eval_files!("tuning": "w459-school-meals-kitchen.toml", "w460-security-crisis.toml", "w461-procurement.toml", "w462-committee-secretaries.toml", "w463-contact-centre.toml", "w464-school-transport.toml");
/// The hundred-and-fifteenth round (w465–w470), written blind by six new writers under the same brief.
const FROZEN_115: &[(&str, &str)] = eval_files!("frozen": "w465-sfi-integration.toml", "w466-legal-unit.toml", "w467-streets-parks.toml", "w468-colleague-chat.toml", "w469-politicians.toml", "w470-homelessness-housing.toml");
/// The hundred-and-fifteenth round's tuning half.
const TUNING_115: &[(&str, &str)] = eval_files!("tuning": "w465-sfi-integration.toml", "w466-legal-unit.toml", "w467-streets-parks.toml", "w468-colleague-chat.toml", "w469-politicians.toml", "w470-homelessness-housing.toml");
/// The hundred-and-sixteenth round (w471–w474), written blind by four new writers under the same brief.
const FROZEN_116: &[(&str, &str)] = eval_files!("frozen": "w471-night-handovers.toml", "w472-it-statistics-english.toml", "w473-easy-to-read-service.toml", "w474-contact-families.toml");
/// The hundred-and-sixteenth round's tuning half.
const TUNING_116: &[(&str, &str)] = eval_files!("tuning": "w471-night-handovers.toml", "w472-it-statistics-english.toml", "w473-easy-to-read-service.toml", "w474-contact-families.toml");
/// The hundred-and-seventeenth round (w475–w480), written blind by six new writers under the same brief.
const FROZEN_117: &[(&str, &str)] = eval_files!("frozen": "w475-mobility-housing-adaptation.toml", "w476-alcohol-licensing.toml", "w477-election-administration.toml", "w478-dictated-notes.toml", "w479-libraries-archive.toml", "w480-interpreters.toml");
/// The hundred-and-seventeenth round's tuning half.
const TUNING_117: &[(&str, &str)] = eval_files!("tuning": "w475-mobility-housing-adaptation.toml", "w476-alcohol-licensing.toml", "w477-election-administration.toml", "w478-dictated-notes.toml", "w479-libraries-archive.toml", "w480-interpreters.toml");
/// The hundred-and-eighteenth round (w481–w486), written blind by six new writers under the same brief.
const FROZEN_118: &[(&str, &str)] = eval_files!("frozen": "w481-phone-typing-no-diacritics.toml", "w482-pasted-from-pdf.toml", "w483-family-counselling.toml", "w484-associations-grants.toml", "w485-national-minorities.toml", "w486-staff-about-themselves.toml");
/// The hundred-and-eighteenth round's tuning half.
const TUNING_118: &[(&str, &str)] = eval_files!("tuning": "w481-phone-typing-no-diacritics.toml", "w482-pasted-from-pdf.toml", "w483-family-counselling.toml", "w484-associations-grants.toml", "w485-national-minorities.toml", "w486-staff-about-themselves.toml");
/// The hundred-and-nineteenth round (w487–w492), written blind by six new writers under the same brief.
const FROZEN_119: &[(&str, &str)] = eval_files!("frozen": "w487-teams-chat.toml", "w488-forwarded-email-threads.toml", "w489-school-nurse-youth-clinic.toml", "w490-municipal-premises.toml", "w491-ocr-handwritten-letters.toml", "w492-second-language-care-staff.toml");
/// The hundred-and-nineteenth round's tuning half.
const TUNING_119: &[(&str, &str)] = eval_files!("tuning": "w487-teams-chat.toml", "w488-forwarded-email-threads.toml", "w489-school-nurse-youth-clinic.toml", "w490-municipal-premises.toml", "w491-ocr-handwritten-letters.toml", "w492-second-language-care-staff.toml");
/// The hundred-and-twentieth round (w493–w498), written blind by six new writers under the same brief.
const FROZEN_120: &[(&str, &str)] = eval_files!("frozen": "w493-social-intake.toml", "w494-elder-care-managers.toml", "w495-school-principals-teachers.toml", "w496-hr-payroll.toml", "w497-office-swedish-english.toml", "w498-public-documents-politics.toml");
/// The hundred-and-twentieth round's tuning half.
const TUNING_120: &[(&str, &str)] = eval_files!("tuning": "w493-social-intake.toml", "w494-elder-care-managers.toml", "w495-school-principals-teachers.toml", "w496-hr-payroll.toml", "w497-office-swedish-english.toml", "w498-public-documents-politics.toml");
/// The hundred-and-twenty-first round (w499–w504), written blind by six new writers under the same brief.
const FROZEN_121: &[(&str, &str)] = eval_files!("frozen": "w499-funerals-estates.toml", "w500-whistleblowing-complaints.toml", "w501-social-media-moderation.toml", "w502-invitations-signatures.toml", "w503-crisis-support.toml", "w504-procurement-suppliers.toml");
/// The hundred-and-twenty-first round's tuning half.
const TUNING_121: &[(&str, &str)] = eval_files!("tuning": "w499-funerals-estates.toml", "w500-whistleblowing-complaints.toml", "w501-social-media-moderation.toml", "w502-invitations-signatures.toml", "w503-crisis-support.toml", "w504-procurement-suppliers.toml");
/// The hundred-and-twenty-second round (w505–w510), written blind by six new writers under the same brief.
const FROZEN_122: &[(&str, &str)] = eval_files!("frozen": "w505-translation-other-languages.toml", "w506-sports-leisure-facilities.toml", "w507-hurried-typos.toml", "w508-small-numbers-statistics.toml", "w509-fleet-drivers-traffic.toml", "w510-preschool-queue-fees.toml");
/// The hundred-and-twenty-second round's tuning half.
const TUNING_122: &[(&str, &str)] = eval_files!("tuning": "w505-translation-other-languages.toml", "w506-sports-leisure-facilities.toml", "w507-hurried-typos.toml", "w508-small-numbers-statistics.toml", "w509-fleet-drivers-traffic.toml", "w510-preschool-queue-fees.toml");
/// The hundred-and-twenty-third round (w511–w516), written blind by six new writers under the same brief.
const FROZEN_123: &[(&str, &str)] = eval_files!("frozen": "w511-letters-other-languages-ii.toml", "w512-labour-market-unit.toml", "w513-parents-messages-teachers.toml", "w514-refugee-social-housing.toml", "w515-own-documentation-rewrite.toml", "w516-legal-unit-appeals.toml");
/// The hundred-and-twenty-third round's tuning half.
const TUNING_123: &[(&str, &str)] = eval_files!("tuning": "w511-letters-other-languages-ii.toml", "w512-labour-market-unit.toml", "w513-parents-messages-teachers.toml", "w514-refugee-social-housing.toml", "w515-own-documentation-rewrite.toml", "w516-legal-unit-appeals.toml");
/// The hundred-and-twenty-fourth round (w517–w522), written blind by six new writers under the same brief.
const FROZEN_124: &[(&str, &str)] = eval_files!("frozen": "w517-sip-eht-meetings.toml", "w518-summer-jobs-young-staff.toml", "w519-cleaning-catering-facilities.toml", "w520-sms-reminders.toml", "w521-social-emergency-night.toml", "w522-infection-control.toml");
/// The hundred-and-twenty-fourth round's tuning half.
const TUNING_124: &[(&str, &str)] = eval_files!("tuning": "w517-sip-eht-meetings.toml", "w518-summer-jobs-young-staff.toml", "w519-cleaning-catering-facilities.toml", "w520-sms-reminders.toml", "w521-social-emergency-night.toml", "w522-infection-control.toml");
/// The hundred-and-twenty-fifth round (w523–w528), written blind by six new writers under the same
/// brief.
const FROZEN_125: &[(&str, &str)] = eval_files!("frozen": "w523-non-latin-scripts.toml", "w524-public-looking-texts.toml", "w525-politics-union-religion.toml", "w526-permits-inspection-complaints.toml", "w527-library-culture-history.toml", "w528-school-support-grades-absence.toml");
/// The hundred-and-twenty-fifth round's tuning half.
const TUNING_125: &[(&str, &str)] = eval_files!("tuning": "w523-non-latin-scripts.toml", "w524-public-looking-texts.toml", "w525-politics-union-religion.toml", "w526-permits-inspection-complaints.toml", "w527-library-culture-history.toml", "w528-school-support-grades-absence.toml");
/// The hundred-and-twenty-sixth round (w529–w534), written blind by six new writers under the same
/// brief.
const FROZEN_126: &[(&str, &str)] = eval_files!("frozen": "w529-non-latin-letters-ii.toml", "w530-hr-rehabilitation-conflicts.toml", "w531-council-secretariat.toml", "w532-it-helpdesk-logs.toml", "w533-home-care-daily.toml", "w534-fire-rescue-service.toml");
/// The hundred-and-twenty-sixth round's tuning half.
const TUNING_126: &[(&str, &str)] = eval_files!("tuning": "w529-non-latin-letters-ii.toml", "w530-hr-rehabilitation-conflicts.toml", "w531-council-secretariat.toml", "w532-it-helpdesk-logs.toml", "w533-home-care-daily.toml", "w534-fire-rescue-service.toml");
/// The hundred-and-twenty-seventh round (w535–w540), written blind by six new writers under the
/// same brief.
const FROZEN_127: &[(&str, &str)] = eval_files!("frozen": "w535-non-latin-letters-iii.toml", "w536-lss-disability-support.toml", "w537-communications-press.toml", "w538-debt-eviction-housing.toml", "w539-youth-leisure-fieldwork.toml", "w540-finance-payroll.toml");
/// The hundred-and-twenty-seventh round's tuning half.
const TUNING_127: &[(&str, &str)] = eval_files!("tuning": "w535-non-latin-letters-iii.toml", "w536-lss-disability-support.toml", "w537-communications-press.toml", "w538-debt-eviction-housing.toml", "w539-youth-leisure-fieldwork.toml", "w540-finance-payroll.toml");
/// The hundred-and-twenty-eighth round (w541-w546), written blind by six new writers under the same brief.
const FROZEN_128: &[(&str, &str)] = eval_files!("frozen": "w541-non-latin-letters-iv.toml", "w542-transport-service-adaptation.toml", "w543-pupil-health-team.toml", "w544-family-law.toml", "w545-addiction-homelessness.toml", "w546-hurried-colleague-chat.toml");
/// The hundred-and-twenty-eighth round's tuning half.
const TUNING_128: &[(&str, &str)] = eval_files!("tuning": "w541-non-latin-letters-iv.toml", "w542-transport-service-adaptation.toml", "w543-pupil-health-team.toml", "w544-family-law.toml", "w545-addiction-homelessness.toml", "w546-hurried-colleague-chat.toml");
/// The hundred-and-twenty-ninth round (w547-w552), written blind by six new writers under the same brief.
const FROZEN_129: &[(&str, &str)] = eval_files!("frozen": "w547-non-latin-letters-v.toml", "w548-dementia-elder-care.toml", "w549-adult-education-students.toml", "w550-recruitment-staffing.toml", "w551-building-neighbours-environment.toml", "w552-english-international-staff.toml");
/// The hundred-and-twenty-ninth round's tuning half.
const TUNING_129: &[(&str, &str)] = eval_files!("tuning": "w547-non-latin-letters-v.toml", "w548-dementia-elder-care.toml", "w549-adult-education-students.toml", "w550-recruitment-staffing.toml", "w551-building-neighbours-environment.toml", "w552-english-international-staff.toml");
/// The hundred-and-thirtieth round (w553-w558), written blind by six new writers under the same brief.
const FROZEN_130: &[(&str, &str)] = eval_files!("frozen": "w553-non-latin-letters-vi.toml", "w554-preschool-daily.toml", "w555-financial-assistance.toml", "w556-municipal-health-care.toml", "w557-culture-leisure-associations.toml", "w558-structured-data.toml");
/// The hundred-and-thirtieth round's tuning half.
const TUNING_130: &[(&str, &str)] = eval_files!("tuning": "w553-non-latin-letters-vi.toml", "w554-preschool-daily.toml", "w555-financial-assistance.toml", "w556-municipal-health-care.toml", "w557-culture-leisure-associations.toml", "w558-structured-data.toml");
/// The hundred-and-thirty-first round (w559-w564), written blind by six new writers under the same brief.
const FROZEN_131: &[(&str, &str)] = eval_files!("frozen": "w559-non-latin-letters-vii.toml", "w560-school-discipline-safety.toml", "w561-politicians-council.toml", "w562-refugee-reception.toml", "w563-forwarded-email-threads.toml", "w564-technical-department.toml");
/// The hundred-and-thirty-first round's tuning half.
const TUNING_131: &[(&str, &str)] = eval_files!("tuning": "w559-non-latin-letters-vii.toml", "w560-school-discipline-safety.toml", "w561-politicians-council.toml", "w562-refugee-reception.toml", "w563-forwarded-email-threads.toml", "w564-technical-department.toml");

/// The frozen half: at least this share of what must be stopped is stopped … Before any
/// detector change (2026-12-04): 104/156 (66.67 %) stopped, 35/185 (18.92 %) falsely stopped;
/// after the first round 135/156 (86.54 %) and 16/185 (8.65 %); after the second round
/// 135/156 (86.54 %) and 14/185 (7.57 %); after the third round 135/156 and 13/185 (7.03 %); after the fourth 136/156 (87.18 %) and
/// 13/185; after the fifth 137/156 (87.82 %) and 13/185; after the ninth 137/156 and 12/185
/// (6.49 %); after the tenth 138/156 (88.46 %) and 11/185 (5.95 %); after the eleventh 140/156
/// (89.74 %) and 11/185; after the twelfth 141/156 (90.38 %) and 11/185; after the thirteenth
/// 142/156 (91.03 %) and 11/185, and at its end 144/156 (92.31 %). The floors sit one case
/// under the last figures.
const FROZEN_MIN_RECALL: f64 = 0.916;
/// … and at most this share of what must pass is stopped.
const FROZEN_MAX_FALSE_RATE: f64 = 0.065;

#[test]
fn frozen_half_meets_the_floor() {
    check_set(
        "frozen half",
        FROZEN,
        Reading::Counted,
        FROZEN_MIN_RECALL,
        FROZEN_MAX_FALSE_RATE,
    );
}

/// The third round's frozen half (w8–w11): at least this share of what must be stopped is
/// stopped … Measured before the third round changed anything: 60/67 (89.55 %) stopped,
/// 7/79 (8.86 %) falsely stopped; after the third round 60/67 and 5/79 (6.33 %); after the
/// fifth 61/67 (91.04 %) and 5/79; after the seventh 61/67 and 4/79 (5.06 %); after the twelfth
/// 61/67 and 2/79 (2.53 %); after the thirteenth 62/67 (92.54 %) and 2/79; after the
/// fourteenth 63/67 (94.03 %) and 2/79. The floors sit one case under the last figures.
const FROZEN_3_MIN_RECALL: f64 = 0.925;
/// … and at most this share of what must pass is stopped.
const FROZEN_3_MAX_FALSE_RATE: f64 = 0.038;

#[test]
fn third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, third round (w8-w11)",
        FROZEN_3,
        Reading::Counted,
        FROZEN_3_MIN_RECALL,
        FROZEN_3_MAX_FALSE_RATE,
    );
}

/// The tuning half: before any detector change 96/149 (64.43 %) stopped, 38/180 (21.11 %)
/// falsely stopped; after the first round 148/149 (99.33 %) and 0/180; after the second round
/// 149/149 (100 %) and 0/180 (0 %). With the third round's tuning halves (w8–w11) added,
/// before the third round changed anything: 202/212 (95.28 %) and 4/259 (1.54 %); after it
/// 204/212 (96.23 %) and 1/259 (0.39 %); after the fourth 210/212 (99.06 %) and 1/259; after the fifth 210/212 and 0/259; after the sixth 212/212 and 0/259.
const TUNING_MIN_RECALL: f64 = 0.995;
/// … and at most this share of what must pass is stopped.
const TUNING_MAX_FALSE_RATE: f64 = 0.004;

#[test]
fn tuning_half_meets_the_floor() {
    check_set(
        "tuning half",
        TUNING,
        Reading::Studied,
        TUNING_MIN_RECALL,
        TUNING_MAX_FALSE_RATE,
    );
}

/// The fresh set (240 cases, written 2026-12-04 after the first round of changes): at least
/// this share of what must be stopped is stopped … First run: 103/114 (90.35 %) stopped,
/// 10/126 (7.94 %) falsely stopped; after the second round 103/114 and 7/126 (5.56 %); after
/// the third 103/114 and 6/126 (4.76 %); after the fourth 104/114 (91.23 %) and 6/126; after
/// the tenth (names in lower-case chat, groups) 108/114 (94.74 %) and 5/126 (3.97 %).
const FRESH_MIN_RECALL: f64 = 0.93;
/// … and at most this share of what must pass is stopped.
const FRESH_MAX_FALSE_RATE: f64 = 0.048;

#[test]
fn fresh_set_meets_the_floor() {
    check_set(
        "fresh set",
        FRESH,
        Reading::Counted,
        FRESH_MIN_RECALL,
        FRESH_MAX_FALSE_RATE,
    );
}

/// The fourth round's frozen half (w12–w15): at least this share of what must be stopped is
/// stopped … Measured before the fourth round changed anything: 68/76 (89.47 %)
/// stopped, 4/74 (5.41 %) falsely stopped; after it 70/76 (92.11 %) and 3/74 (4.05 %); after the
/// fifth 71/76 (93.42 %) and 3/74; after the twelfth 72/76 (94.74 %) and 2/74 (2.70 %). The
/// floors sit one case under the last figures.
const FROZEN_4_MIN_RECALL: f64 = 0.93;
/// … and at most this share of what must pass is stopped.
const FROZEN_4_MAX_FALSE_RATE: f64 = 0.041;

#[test]
fn fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fourth round (w12-w15)",
        FROZEN_4,
        Reading::Counted,
        FROZEN_4_MIN_RECALL,
        FROZEN_4_MAX_FALSE_RATE,
    );
}

/// The fourth round's tuning half: before the fourth round changed anything 61/72
/// (84.72 %) stopped, 3/70 (4.29 %) falsely stopped; after it 72/72 and 1/70 (1.43 %); after the fifth 72/72 and 0/70.
const TUNING_4_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_4_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fourth round (w12-w15)",
        TUNING_4,
        Reading::Studied,
        TUNING_4_MIN_RECALL,
        TUNING_4_MAX_FALSE_RATE,
    );
}

/// The fourth round's fresh set (160 cases): at least this share of what must be stopped is
/// stopped … Measured before the fourth round's changes were merged: 60/80 (75.00 %)
/// stopped, 3/80 (3.75 %) falsely stopped; after them 63/80 (78.75 %) and 3/80; after the fifth
/// round's 66/80 (82.50 %) and 3/80; after the tenth 70/80 (87.50 %) and 3/80; after the
/// thirteenth 74/80 (92.50 %) and 3/80. The floors sit one case under the last figures.
const FRESH_4_MIN_RECALL: f64 = 0.91;
/// … and at most this share of what must pass is stopped.
const FRESH_4_MAX_FALSE_RATE: f64 = 0.05;

#[test]
fn fourth_round_fresh_set_meets_the_floor() {
    check_set(
        "fresh set, fourth round (w16-w17)",
        FRESH_4,
        Reading::Counted,
        FRESH_4_MIN_RECALL,
        FRESH_4_MAX_FALSE_RATE,
    );
}

/// The fifth round's frozen half (w19–w21; the writer of w18 delivered nothing): at least this
/// share of what must be stopped is stopped … Measured before the fifth round changed anything:
/// 49/55 (89.09 %) stopped, 6/70 (8.57 %) falsely stopped; after it the same; after the sixth
/// round (news text) 49/55 and 5/70 (7.14 %); after the tenth 52/55 (94.55 %) and 5/70; after
/// the eleventh 52/55 and 4/70 (5.71 %); after the twelfth 53/55 (96.36 %) and 4/70; after the
/// thirteenth 54/55 (98.18 %) and 4/70. The floors sit one case under.
const FROZEN_5_MIN_RECALL: f64 = 0.96;
/// … and at most this share of what must pass is stopped.
const FROZEN_5_MAX_FALSE_RATE: f64 = 0.072;

#[test]
fn fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifth round (w19-w21)",
        FROZEN_5,
        Reading::Counted,
        FROZEN_5_MIN_RECALL,
        FROZEN_5_MAX_FALSE_RATE,
    );
}

/// The fifth round's tuning half: before the fifth round changed anything 42/50 (84.00 %)
/// stopped, 5/65 (7.69 %) falsely stopped; after it 49/50 (98.00 %) and 0/65; after the sixth
/// 50/50 and 0/65. After the fourteenth round 41/43 (95.35 %). The floors sit one case under the last figures.
const TUNING_5_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_5_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifth round (w19-w21)",
        TUNING_5,
        Reading::Studied,
        TUNING_5_MIN_RECALL,
        TUNING_5_MAX_FALSE_RATE,
    );
}

/// The seventh round's frozen half (w22–w23): at least this share of what must be stopped is
/// stopped … Measured before the seventh round changed anything: 39/43 (90.70 %) stopped, 0/44
/// falsely stopped; after it the same; after the eighth round 40/43 (93.02 %) and 0/44. The
/// floors sit one case under.
const FROZEN_7_MIN_RECALL: f64 = 0.93;
/// … and at most this share of what must pass is stopped.
const FROZEN_7_MAX_FALSE_RATE: f64 = 0.023;

#[test]
fn seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventh round (w22-w23)",
        FROZEN_7,
        Reading::Counted,
        FROZEN_7_MIN_RECALL,
        FROZEN_7_MAX_FALSE_RATE,
    );
}

/// The seventh round's tuning half: before the seventh round changed anything 31/36 (86.11 %)
/// stopped, 2/37 (5.41 %) falsely stopped; after it 36/36 and 0/37. The floors sit one case
/// under the last figures.
const TUNING_7_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_7_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventh round (w22-w23)",
        TUNING_7,
        Reading::Studied,
        TUNING_7_MIN_RECALL,
        TUNING_7_MAX_FALSE_RATE,
    );
}

/// The eighth round's frozen half (w24–w25): at least this share of what must be stopped is
/// stopped … Measured before the eighth round changed anything (after the seventh round's
/// rules, which never saw these cases): 35/42 (83.33 %) stopped, 3/42 (7.14 %) falsely
/// stopped; after the eighth round's tuning the same; after the tenth 37/42 (88.10 %) and 3/42;
/// after the eleventh 38/42 (90.48 %) and 3/42; after the twelfth 39/42 (92.86 %) and 3/42. The
/// floors sit one case under.
const FROZEN_8_MIN_RECALL: f64 = 0.90;
/// … and at most this share of what must pass is stopped.
const FROZEN_8_MAX_FALSE_RATE: f64 = 0.096;

#[test]
fn eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighth round (w24-w25)",
        FROZEN_8,
        Reading::Counted,
        FROZEN_8_MIN_RECALL,
        FROZEN_8_MAX_FALSE_RATE,
    );
}

/// The eighth round's tuning half: before the eighth round changed anything 32/39 (82.05 %)
/// stopped, 2/37 (5.41 %) falsely stopped; after it 37/39 (94.87 %) and 0/37; after the twelfth
/// 38/39 (97.44 %) and 0/37. The floors sit one case under the last figures.
const TUNING_8_MIN_RECALL: f64 = 0.94;
/// … and at most this share of what must pass is stopped.
const TUNING_8_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighth round (w24-w25)",
        TUNING_8,
        Reading::Studied,
        TUNING_8_MIN_RECALL,
        TUNING_8_MAX_FALSE_RATE,
    );
}

/// The ninth round's frozen half (w26–w28): at least this share of what must be stopped is
/// stopped … w27 measured before the ninth round changed anything: 18/22 (81.82 %), 0/22, and
/// the same after; w26 (care and school, delivered after the round's last change) measured as
/// it came: 14/22 (63.64 %), 0/20; w28 (chat, also after the last change) as it came: 20/22
/// (90.91 %), 0/20. Together 52/66 (78.79 %) and 0/62. After the tenth round (tuned on the
/// tuning halves of w26 and w28): w26 18/22 (81.82 %), w27 18/22, w28 20/22, together 56/66
/// (84.85 %) and 0/62; after the eleventh 57/66 (86.36 %) and 0/62; after the twelfth 58/66
/// (87.88 %) and 0/62. After the fourteenth round 60/66 (90.91 %); after the fifteenth 61/66
/// (92.42 %). The floors sit one case under.
const FROZEN_9_MIN_RECALL: f64 = 0.909;
/// … and at most this share of what must pass is stopped.
const FROZEN_9_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninth round (w26-w28)",
        FROZEN_9,
        Reading::Counted,
        FROZEN_9_MIN_RECALL,
        FROZEN_9_MAX_FALSE_RATE,
    );
}

/// The ninth round's tuning half (w26–w28): w27 before the ninth round changed anything 18/19
/// (94.74 %), 1/17, after it 19/19 and 0/17; w26, never studied yet, as it came: 16/21
/// (76.19 %), 0/17; w28 as it came: 19/21 (90.48 %), 0/17. Together 54/61 (88.52 %) and 0/51;
/// after the tenth round w26 20/21, w28 21/21, together 60/61 (98.36 %) and 0/51. The floors
/// sit one case under.
const TUNING_9_MIN_RECALL: f64 = 0.96;
/// … and at most this share of what must pass is stopped.
const TUNING_9_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninth round (w26-w28)",
        TUNING_9,
        Reading::Studied,
        TUNING_9_MIN_RECALL,
        TUNING_9_MAX_FALSE_RATE,
    );
}

/// The tenth round's frozen half (w30–w31): at least this share of what must be stopped is
/// stopped … w30 (HR, politicians and the registry) measured as it came, after the tenth
/// round's alcohol rule: 21/21 (100 %), 0/22; the same after the round's later rules (found by
/// probing, not from w30); w31 (school, IT, communications), after the round's last change, as
/// it came: 19/21 (90.48 %), 0/21; w32 (English and mixed), likewise: 18/21 (85.71 %), 2/20.
/// w29 (social services and elderly care), likewise: 20/20, 2/21. Together 78/83 (93.98 %) and
/// 4/84 (4.76 %). After the eleventh round (tuned on the tuning halves of w29–w36): 79/83
/// (95.18 %) and 4/84; after the twelfth round's first rules 79/83 and 3/84 (3.57 %); after
/// the thirteenth round's fiction rules 80/83 (96.39 %). After the fourteenth round 82/83 (98.80 %); after the fifteenth 2/84
/// (2.38 %) falsely stopped. The floors sit one case under.
const FROZEN_10_MIN_RECALL: f64 = 0.975;
/// … and at most this share of what must pass is stopped.
const FROZEN_10_MAX_FALSE_RATE: f64 = 0.036;

#[test]
fn tenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, tenth round (w29-w32)",
        FROZEN_10,
        Reading::Counted,
        FROZEN_10_MIN_RECALL,
        FROZEN_10_MAX_FALSE_RATE,
    );
}

/// The tenth round's tuning half (w30–w31): as they came, w30 19/19 (100 %), 0/18; w31 16/19
/// (84.21 %), 1/19; w32 17/21 (80.95 %), 0/18; w29 17/19, 2/20; together 69/78 (88.46 %) and
/// 3/75 (4.00 %); after the eleventh round, which tuned on them, 77/78 (98.72 %) and 1/75. The
/// floors sit one case under.
const TUNING_10_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_10_MAX_FALSE_RATE: f64 = 0.027;

#[test]
fn tenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, tenth round (w29-w32)",
        TUNING_10,
        Reading::Studied,
        TUNING_10_MIN_RECALL,
        TUNING_10_MAX_FALSE_RATE,
    );
}

/// The eleventh round's frozen half (w33–w36), measured as the sets came, before the round
/// changed any detector: w33 22/23, 0/20; w34 19/21, 2/21; w35 20/23, 0/20; w36 19/22, 0/21;
/// together 80/89 (89.89 %) and 2/82 (2.44 %). After the round's tuning (on the tuning halves
/// of w29–w36; these halves unread): 82/89 (92.13 %) and 2/82; after the twelfth round 84/89
/// (94.38 %) and 2/82. After the fourteenth round 85/89 (95.51 %). The floors sit one case under.
const FROZEN_11_MIN_RECALL: f64 = 0.943;
/// … and at most this share of what must pass is stopped.
const FROZEN_11_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn eleventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eleventh round (w33-w36)",
        FROZEN_11,
        Reading::Counted,
        FROZEN_11_MIN_RECALL,
        FROZEN_11_MAX_FALSE_RATE,
    );
}

/// The eleventh round's tuning half (w33–w36), as the sets came: w33 18/19, 1/18; w34 19/20,
/// 0/18; w35 17/19, 0/18; w36 17/19, 1/18; together 71/77 (92.21 %) and 2/72 (2.78 %); after
/// the round's tuning 77/77 and 0/72. The floors sit one case under.
const TUNING_11_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_11_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn eleventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eleventh round (w33-w36)",
        TUNING_11,
        Reading::Studied,
        TUNING_11_MIN_RECALL,
        TUNING_11_MAX_FALSE_RATE,
    );
}

/// The twelfth round's frozen half (w37–w40), measured as the sets came, before the round changed
/// any detector: w37 20/22, 1/22; w38 22/22, 1/22; w39 22/23, 0/21; w40 19/21, 3/22; together
/// 83/88 (94.32 %) and 5/87 (5.75 %); after the round 83/88 and 4/87 (4.60 %). After the fourteenth round (w97–w132) 85/88 (96.59 %). The floors sit
/// one case under.
const FROZEN_12_MIN_RECALL: f64 = 0.954;
/// … and at most this share of what must pass is stopped.
const FROZEN_12_MAX_FALSE_RATE: f64 = 0.058;

#[test]
fn twelfth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twelfth round (w37-w40)",
        FROZEN_12,
        Reading::Counted,
        FROZEN_12_MIN_RECALL,
        FROZEN_12_MAX_FALSE_RATE,
    );
}

/// The twelfth round's tuning half (w37–w40), as the sets came: w37 18/18, 0/16; w38 18/19,
/// 0/17; w39 18/19, 1/17; w40 19/19, 3/18; together 73/75 (97.33 %) and 4/70 (5.71 %); after
/// the twelfth round's first rules 75/75 and 0/70. The floors sit one case under.
const TUNING_12_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_12_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn twelfth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twelfth round (w37-w40)",
        TUNING_12,
        Reading::Studied,
        TUNING_12_MIN_RECALL,
        TUNING_12_MAX_FALSE_RATE,
    );
}

/// The thirteenth round's frozen half (w41–w44), measured as the sets came, after the twelfth
/// round's first rules and before any later change: w41 16/22, 0/22; w42 15/15, 1/28; w43
/// 21/21, 0/23; w44 19/22, 3/23; together 71/80 (88.75 %) and 4/96 (4.17 %); after the round
/// 72/80 (90.00 %) and 4/96; after the thirteenth round 73/80 (91.25 %). After the fourteenth round 3/96 (3.12 %) falsely stopped; after the
/// fifteenth 74/80 (92.50 %). The floors sit one case under.
const FROZEN_13_MIN_RECALL: f64 = 0.912;
/// … and at most this share of what must pass is stopped.
const FROZEN_13_MAX_FALSE_RATE: f64 = 0.042;

#[test]
fn thirteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirteenth round (w41-w44)",
        FROZEN_13,
        Reading::Counted,
        FROZEN_13_MIN_RECALL,
        FROZEN_13_MAX_FALSE_RATE,
    );
}

/// The thirteenth round's tuning half (w41–w44), as the sets came: w41 16/19, 0/17; w42 11/13,
/// 0/24; w43 16/19, 0/17; w44 15/17, 0/18; together 58/68 (85.29 %) and 0/76; after the twelfth
/// round's rules (tuned on these halves) 68/68 and 0/76. The floors sit one case under.
const TUNING_13_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_13_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn thirteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirteenth round (w41-w44)",
        TUNING_13,
        Reading::Studied,
        TUNING_13_MIN_RECALL,
        TUNING_13_MAX_FALSE_RATE,
    );
}

/// The fourteenth round's frozen half (w45–w48), measured as the sets came, before any change
/// after them: 76/88 (86.36 %) stopped and 4/88 (4.55 %) falsely stopped; after the rules
/// tuned on w69–w72 77/88 (87.50 %). After the fourteenth round 3/88 (3.41 %) falsely stopped. The floors sit one case under.
const FROZEN_14_MIN_RECALL: f64 = 0.86;
/// … and at most this share of what must pass is stopped.
const FROZEN_14_MAX_FALSE_RATE: f64 = 0.046;

#[test]
fn fourteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fourteenth round (w45-w48)",
        FROZEN_14,
        Reading::Counted,
        FROZEN_14_MIN_RECALL,
        FROZEN_14_MAX_FALSE_RATE,
    );
}

/// The fourteenth round's tuning half (w45–w48), as the sets came: 63/73 (86.30 %) and 5/71
/// (7.04 %); after the twelfth round's rules tuned on it 70/73 (95.89 %) and 0/71. The floors
/// sit one case under.
const TUNING_14_MIN_RECALL: f64 = 0.94;
/// … and at most this share of what must pass is stopped.
const TUNING_14_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fourteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fourteenth round (w45-w48)",
        TUNING_14,
        Reading::Studied,
        TUNING_14_MIN_RECALL,
        TUNING_14_MAX_FALSE_RATE,
    );
}

/// The fifteenth round's frozen half (w49–w52), measured as the sets came, after the twelfth
/// round's last rule: 85/88 (96.59 %) stopped and 2/87 (2.30 %) falsely stopped; after the rules
/// tuned on the tuning halves of w49–w56 86/88 (97.73 %) and 2/87; after those tuned on w57–w60
/// 86/88 and 1/87 (1.15 %); after those tuned on w69–w72 86/88 and 0/87. After the fourteenth round 87/88 (98.86 %). The floors sit one
/// case under.
const FROZEN_15_MIN_RECALL: f64 = 0.977;
/// … and at most this share of what must pass is stopped.
const FROZEN_15_MAX_FALSE_RATE: f64 = 0.012;

#[test]
fn fifteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifteenth round (w49-w52)",
        FROZEN_15,
        Reading::Counted,
        FROZEN_15_MIN_RECALL,
        FROZEN_15_MAX_FALSE_RATE,
    );
}

/// The fifteenth round's tuning half (w49–w52), as the sets came: 71/74 (95.95 %) and 1/71
/// (1.41 %); after three rules tuned on it 73/74 (98.65 %) and 0/71. The floors sit one case
/// under.
const TUNING_15_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_15_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fifteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifteenth round (w49-w52)",
        TUNING_15,
        Reading::Studied,
        TUNING_15_MIN_RECALL,
        TUNING_15_MAX_FALSE_RATE,
    );
}

/// The sixteenth round's frozen half (w53–w56), measured as the sets came: 78/86 (90.70 %)
/// stopped and 2/86 (2.33 %) falsely stopped. After the fourteenth round 80/86 (93.02 %) and 1/86 (1.16 %); after the
/// fifteenth 81/86 (94.19 %). The floors sit one case under.
const FROZEN_16_MIN_RECALL: f64 = 0.930;
/// … and at most this share of what must pass is stopped.
const FROZEN_16_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn sixteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixteenth round (w53-w56)",
        FROZEN_16,
        Reading::Counted,
        FROZEN_16_MIN_RECALL,
        FROZEN_16_MAX_FALSE_RATE,
    );
}

/// The sixteenth round's tuning half (w53–w56), as the sets came: 72/78 (92.31 %) and 0/70;
/// after five rules tuned on it 77/78 (98.72 %) and 0/70. The floors sit one case under.
const TUNING_16_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_16_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn sixteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixteenth round (w53-w56)",
        TUNING_16,
        Reading::Studied,
        TUNING_16_MIN_RECALL,
        TUNING_16_MAX_FALSE_RATE,
    );
}

/// The seventeenth round's frozen half (w57–w60), measured as the sets came: 81/87 (93.10 %)
/// stopped and 4/88 (4.55 %) falsely stopped; after the thirteenth round's rules 83/87
/// (95.40 %); after the fifteenth round's 84/87 (96.55 %). The floors sit one case under.
const FROZEN_17_MIN_RECALL: f64 = 0.954;
/// … and at most this share of what must pass is stopped.
const FROZEN_17_MAX_FALSE_RATE: f64 = 0.057;

#[test]
fn seventeenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventeenth round (w57-w60)",
        FROZEN_17,
        Reading::Counted,
        FROZEN_17_MIN_RECALL,
        FROZEN_17_MAX_FALSE_RATE,
    );
}

/// The seventeenth round's tuning half (w57–w60), as the sets came: 72/75 (96.00 %) and 2/70
/// (2.86 %); after three rules tuned on it 73/75 (97.33 %) and 0/70. The floors sit one case
/// under.
const TUNING_17_MIN_RECALL: f64 = 0.96;
/// … and at most this share of what must pass is stopped.
const TUNING_17_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventeenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventeenth round (w57-w60)",
        TUNING_17,
        Reading::Studied,
        TUNING_17_MIN_RECALL,
        TUNING_17_MAX_FALSE_RATE,
    );
}

/// The eighteenth round's frozen half (w61–w64), measured as the sets came: 84/89 (94.38 %)
/// stopped and 0/86 falsely stopped; 85/89 (95.51 %) after the fifteenth round's rules. The
/// floors sit one case under.
const FROZEN_18_MIN_RECALL: f64 = 0.943;
/// … and at most this share of what must pass is stopped.
const FROZEN_18_MAX_FALSE_RATE: f64 = 0.012;

#[test]
fn eighteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighteenth round (w61-w64)",
        FROZEN_18,
        Reading::Counted,
        FROZEN_18_MIN_RECALL,
        FROZEN_18_MAX_FALSE_RATE,
    );
}

/// The eighteenth round's tuning half (w61–w64), as the sets came: 65/76 (85.53 %) and 0/69;
/// after rules tuned on it 74/76 (97.37 %) and 0/69; after the thirteenth round's nickname
/// rule 75/76 (98.68 %). The floors sit one case under.
const TUNING_18_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_18_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn eighteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighteenth round (w61-w64)",
        TUNING_18,
        Reading::Studied,
        TUNING_18_MIN_RECALL,
        TUNING_18_MAX_FALSE_RATE,
    );
}

/// The nineteenth round's frozen half (w65–w68), measured as the sets came: 77/82 (93.90 %)
/// stopped and 6/92 (6.52 %) falsely stopped. After the fourteenth round 4/92 (4.35 %) falsely stopped. The floors sit one case under.
const FROZEN_19_MIN_RECALL: f64 = 0.92;
/// … and at most this share of what must pass is stopped.
const FROZEN_19_MAX_FALSE_RATE: f64 = 0.055;

#[test]
fn nineteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, nineteenth round (w65-w68)",
        FROZEN_19,
        Reading::Counted,
        FROZEN_19_MIN_RECALL,
        FROZEN_19_MAX_FALSE_RATE,
    );
}

/// The nineteenth round's tuning half (w65–w68), as the sets came: 66/69 (95.65 %) and 2/77
/// (2.60 %); after three rules tuned on it 67/69 (97.10 %) and 1/77 (1.30 %); after the
/// thirteenth round's fiction rules 68/69 (98.55 %). After the fourteenth round 0/77. The floors sit one case under.
const TUNING_19_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_19_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn nineteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, nineteenth round (w65-w68)",
        TUNING_19,
        Reading::Studied,
        TUNING_19_MIN_RECALL,
        TUNING_19_MAX_FALSE_RATE,
    );
}

/// The twentieth round's frozen half (w69–w72), measured as each set came: 84/91 (92.31 %)
/// stopped and 1/88 (1.14 %) falsely stopped (w69 19/23, 0/23; w70 24/26, 1/22; w71 23/23,
/// 0/21; w72 18/19, 0/22). After the fourteenth round 85/91 (93.41 %); after the fifteenth 86/91
/// (94.51 %). The floors sit one case under.
const FROZEN_20_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const FROZEN_20_MAX_FALSE_RATE: f64 = 0.023;

#[test]
fn twentieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twentieth round (w69-w72)",
        FROZEN_20,
        Reading::Counted,
        FROZEN_20_MIN_RECALL,
        FROZEN_20_MAX_FALSE_RATE,
    );
}

/// The twentieth round's tuning half (w69–w72), as the sets came: 76/85 (89.41 %) and 3/78
/// (3.85 %); w71 came first, and after a rule tuned on it 77/85; after the rules tuned on all
/// four 83/85 (97.65 %) and 0/78. The floors sit one case under.
const TUNING_20_MIN_RECALL: f64 = 0.96;
/// … and at most this share of what must pass is stopped.
const TUNING_20_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twentieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twentieth round (w69-w72)",
        TUNING_20,
        Reading::Studied,
        TUNING_20_MIN_RECALL,
        TUNING_20_MAX_FALSE_RATE,
    );
}

/// The twenty-first round's frozen half (w73–w76), measured as each set came: 88/96 (91.67 %)
/// stopped and 1/86 (1.16 %) falsely stopped (w73 22/24, 1/21; w74 22/25, 0/22; w75 22/22,
/// 0/21; w76 22/25, 0/22); after the rules tuned on w77–w84 89/96 (92.71 %). After the fourteenth round 90/96 (93.75 %). The floors sit
/// one case under.
const FROZEN_21_MIN_RECALL: f64 = 0.927;
/// … and at most this share of what must pass is stopped.
const FROZEN_21_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn twenty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-first round (w73-w76)",
        FROZEN_21,
        Reading::Counted,
        FROZEN_21_MIN_RECALL,
        FROZEN_21_MAX_FALSE_RATE,
    );
}

/// The twenty-first round's tuning half (w73–w76), as the sets came: 77/83 (92.77 %) and 1/77
/// (1.30 %); w76 came first, and after the rules tuned on it 79/83 (95.18 %) and 0/77; after
/// those tuned on all four 82/83 (98.80 %) and 0/77. The floors sit one case under.
const TUNING_21_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_21_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twenty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-first round (w73-w76)",
        TUNING_21,
        Reading::Studied,
        TUNING_21_MIN_RECALL,
        TUNING_21_MAX_FALSE_RATE,
    );
}

/// The twenty-second round's frozen half (w77–w80), measured as each set came: 84/86 (97.67 %)
/// stopped and 4/94 (4.26 %) falsely stopped (w77 23/23, 0/22; w78 22/23, 1/23; w79 23/24,
/// 3/22; w80 16/16, 0/27). The floors sit one case under.
const FROZEN_22_MIN_RECALL: f64 = 0.96;
/// … and at most this share of what must pass is stopped.
const FROZEN_22_MAX_FALSE_RATE: f64 = 0.054;

#[test]
fn twenty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-second round (w77-w80)",
        FROZEN_22,
        Reading::Counted,
        FROZEN_22_MIN_RECALL,
        FROZEN_22_MAX_FALSE_RATE,
    );
}

/// The twenty-second round's tuning half (w77–w80), as the sets came: 70/73 (95.89 %) and
/// 1/81 (1.23 %); w80 came first, and after two rules tuned on it 71/73 (97.26 %) and 0/81;
/// after those tuned on w78 73/73 and 0/81. The floors sit one case under.
const TUNING_22_MIN_RECALL: f64 = 0.98;
/// … and at most this share of what must pass is stopped.
const TUNING_22_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twenty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-second round (w77-w80)",
        TUNING_22,
        Reading::Studied,
        TUNING_22_MIN_RECALL,
        TUNING_22_MAX_FALSE_RATE,
    );
}

/// The twenty-third round's frozen half (w81–w84), measured as each set came: 85/91 (93.41 %)
/// stopped and 5/84 (5.95 %) falsely stopped (w81 19/22, 1/21; w82 24/24, 2/21; w83 21/23,
/// 0/21; w84 21/22, 2/21). After the fourteenth round 86/91 (94.51 %) and 3/84 (3.57 %). The floors sit one case under.
const FROZEN_23_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const FROZEN_23_MAX_FALSE_RATE: f64 = 0.048;

#[test]
fn twenty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-third round (w81-w84)",
        FROZEN_23,
        Reading::Counted,
        FROZEN_23_MIN_RECALL,
        FROZEN_23_MAX_FALSE_RATE,
    );
}

/// The twenty-third round's tuning half (w81–w84), as the sets came: 73/81 (90.12 %) and 3/77
/// (3.90 %); after the rules tuned on w82–w84 79/81 (97.53 %) and 2/77; after those tuned on
/// w81 81/81 and 0/77. The floors sit one case under.
const TUNING_23_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_23_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twenty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-third round (w81-w84)",
        TUNING_23,
        Reading::Studied,
        TUNING_23_MIN_RECALL,
        TUNING_23_MAX_FALSE_RATE,
    );
}

/// The twenty-fourth round's frozen half (w85–w88), measured as each set came: 77/86 (89.53 %)
/// stopped and 3/93 (3.23 %) falsely stopped (w85 23/23, 3/21; w86 19/23, 0/22; w87 15/17,
/// 0/28; w88 20/23, 0/22). After the fourteenth round 78/86 (90.70 %); after the fifteenth 79/86
/// (91.86 %). The floors sit one case under.
const FROZEN_24_MIN_RECALL: f64 = 0.906;
/// … and at most this share of what must pass is stopped.
const FROZEN_24_MAX_FALSE_RATE: f64 = 0.044;

#[test]
fn twenty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-fourth round (w85-w88)",
        FROZEN_24,
        Reading::Counted,
        FROZEN_24_MIN_RECALL,
        FROZEN_24_MAX_FALSE_RATE,
    );
}

/// The twenty-fourth round's tuning half (w85–w88), as the sets came: 73/75 (97.33 %) and 1/82
/// (1.22 %); after a rule tuned on w87 74/75 (98.67 %). The floors sit one case under.
const TUNING_24_MIN_RECALL: f64 = 0.97;
/// … and at most this share of what must pass is stopped.
const TUNING_24_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn twenty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-fourth round (w85-w88)",
        TUNING_24,
        Reading::Studied,
        TUNING_24_MIN_RECALL,
        TUNING_24_MAX_FALSE_RATE,
    );
}

/// The twenty-fifth round's frozen half (w89–w92), measured as the sets came, after every rule
/// of the thirteenth round: 83/90 (92.22 %) stopped and 0/89 falsely stopped (w89 24/24, 0/22;
/// w90 22/22, 0/23; w91 19/23, 0/23; w92 18/21, 0/21). After the fourteenth round 84/90 (93.33 %). The floors sit one case under.
const FROZEN_25_MIN_RECALL: f64 = 0.922;
/// … and at most this share of what must pass is stopped.
const FROZEN_25_MAX_FALSE_RATE: f64 = 0.012;

#[test]
fn twenty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-fifth round (w89-w92)",
        FROZEN_25,
        Reading::Counted,
        FROZEN_25_MIN_RECALL,
        FROZEN_25_MAX_FALSE_RATE,
    );
}

/// The twenty-fifth round's tuning half (w89–w92), as the sets came: 76/80 (95.00 %) and 0/78;
/// after three rules tuned on it 80/80 and 0/78. The floors sit one case under.
const TUNING_25_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_25_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twenty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-fifth round (w89-w92)",
        TUNING_25,
        Reading::Studied,
        TUNING_25_MIN_RECALL,
        TUNING_25_MAX_FALSE_RATE,
    );
}

/// The twenty-sixth round's frozen half (w93–w95), measured as the sets came: 47/50 (94.00 %)
/// stopped and 0/56 falsely stopped (w93 19/20, 0/17; w94 17/18, 0/17; w95 11/12, 0/22). The
/// floors sit one case under.
const FROZEN_26_MIN_RECALL: f64 = 0.919;
/// … and at most this share of what must pass is stopped.
const FROZEN_26_MAX_FALSE_RATE: f64 = 0.018;

#[test]
fn twenty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-sixth round (w93-w95)",
        FROZEN_26,
        Reading::Counted,
        FROZEN_26_MIN_RECALL,
        FROZEN_26_MAX_FALSE_RATE,
    );
}

/// The twenty-sixth round's tuning half (w93–w95), as the sets came: 34/35 (97.14 %) and 0/46.
/// The floors sit one case under.
const TUNING_26_MIN_RECALL: f64 = 0.94;
/// … and at most this share of what must pass is stopped.
const TUNING_26_MAX_FALSE_RATE: f64 = 0.022;

#[test]
fn twenty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-sixth round (w93-w95)",
        TUNING_26,
        Reading::Studied,
        TUNING_26_MIN_RECALL,
        TUNING_26_MAX_FALSE_RATE,
    );
}

/// The twenty-seventh round's frozen half (w97–w100), measured as the sets came: 77/84
/// (91.67 %) stopped and 2/81 (2.47 %) falsely stopped (w97 20/20, 1/20; w98 18/20, 0/21; w99
/// 19/21, 0/20; w100 20/23, 1/20); 78/84 (92.86 %) after the fifteenth round's rules. The
/// floors sit one case under.
const FROZEN_27_MIN_RECALL: f64 = 0.916;
/// … and at most this share of what must pass is stopped.
const FROZEN_27_MAX_FALSE_RATE: f64 = 0.038;

#[test]
fn twenty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-seventh round (w97-w100)",
        FROZEN_27,
        Reading::Counted,
        FROZEN_27_MIN_RECALL,
        FROZEN_27_MAX_FALSE_RATE,
    );
}

/// The twenty-seventh round's tuning half (w97–w100), as the sets came: 67/72 (93.06 %) and
/// 2/66 (3.03 %). After the rules tuned on it 72/72 and 0/66. The floors sit one case under.
const TUNING_27_MIN_RECALL: f64 = 0.986;
/// … and at most this share of what must pass is stopped.
const TUNING_27_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn twenty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-seventh round (w97-w100)",
        TUNING_27,
        Reading::Studied,
        TUNING_27_MIN_RECALL,
        TUNING_27_MAX_FALSE_RATE,
    );
}

/// The twenty-eighth round's frozen half (w101–w104), measured as the sets came (after the
/// rules of w97–w100): 85/89 (95.51 %) stopped and 0/77 falsely stopped (w101 22/23, 0/19;
/// w102 22/22, 0/18; w103 20/22, 0/20; w104 21/22, 0/20); 86/89 (96.63 %) after the fifteenth
/// round's rules. The floors sit one case under.
const FROZEN_28_MIN_RECALL: f64 = 0.955;
/// … and at most this share of what must pass is stopped.
const FROZEN_28_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn twenty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-eighth round (w101-w104)",
        FROZEN_28,
        Reading::Counted,
        FROZEN_28_MIN_RECALL,
        FROZEN_28_MAX_FALSE_RATE,
    );
}

/// The twenty-eighth round's tuning half (w101–w104), as the sets came: 70/75 (93.33 %) and
/// 3/67 (4.48 %). After the rules tuned on it 75/75 and 0/67. The floors sit one case under.
const TUNING_28_MIN_RECALL: f64 = 0.986;
/// … and at most this share of what must pass is stopped.
const TUNING_28_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn twenty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-eighth round (w101-w104)",
        TUNING_28,
        Reading::Studied,
        TUNING_28_MIN_RECALL,
        TUNING_28_MAX_FALSE_RATE,
    );
}

/// The twenty-ninth round's frozen half (w105–w108), measured as the sets came (after the
/// rules of w101–w104): 70/81 (86.42 %) stopped and 1/79 (1.27 %) falsely stopped (w105 20/22,
/// 0/19; w106 15/19, 0/19; w107 19/20, 1/20; w108 16/20, 0/21). The floors sit one case under.
const FROZEN_29_MIN_RECALL: f64 = 0.851;
/// … and at most this share of what must pass is stopped.
const FROZEN_29_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn twenty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, twenty-ninth round (w105-w108)",
        FROZEN_29,
        Reading::Counted,
        FROZEN_29_MIN_RECALL,
        FROZEN_29_MAX_FALSE_RATE,
    );
}

/// The twenty-ninth round's tuning half (w105–w108), as the sets came: 63/68 (92.65 %) and
/// 0/67. After the rules tuned on it 68/68 and 0/67. The floors sit one case under.
const TUNING_29_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_29_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn twenty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, twenty-ninth round (w105-w108)",
        TUNING_29,
        Reading::Studied,
        TUNING_29_MIN_RECALL,
        TUNING_29_MAX_FALSE_RATE,
    );
}

/// The thirtieth round's frozen half (w109–w112), measured as the sets came (after the rules
/// of w105–w108): 86/89 (96.63 %) stopped and 1/83 (1.20 %) falsely stopped (w109 24/25,
/// 0/22; w110 17/19, 1/20; w111 22/22, 0/21; w112 23/23, 0/20); 87/89 (97.75 %) after the
/// fifteenth round's rules. The floors sit one case under.
const FROZEN_30_MIN_RECALL: f64 = 0.966;
/// … and at most this share of what must pass is stopped.
const FROZEN_30_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn thirtieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirtieth round (w109-w112)",
        FROZEN_30,
        Reading::Counted,
        FROZEN_30_MIN_RECALL,
        FROZEN_30_MAX_FALSE_RATE,
    );
}

/// The thirtieth round's tuning half (w109–w112), as the sets came: 73/78 (93.59 %) and 2/70
/// (2.86 %). After the rules tuned on it 77/78 (98.72 %) and 0/70. The floors sit one case under.
const TUNING_30_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_30_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn thirtieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirtieth round (w109-w112)",
        TUNING_30,
        Reading::Studied,
        TUNING_30_MIN_RECALL,
        TUNING_30_MAX_FALSE_RATE,
    );
}

/// The thirty-first round's frozen half (w113–w116), measured as the sets came (after the
/// rules of w109–w112): 74/81 (91.36 %) stopped and 2/77 (2.60 %) falsely stopped (w113 18/20,
/// 0/19; w114 18/19, 1/17; w115 19/20, 1/21; w116 19/22, 0/20); 75/81 (92.59 %) after the
/// fifteenth round's rules. The floors sit one case under.
const FROZEN_31_MIN_RECALL: f64 = 0.913;
/// … and at most this share of what must pass is stopped.
const FROZEN_31_MAX_FALSE_RATE: f64 = 0.039;

#[test]
fn thirty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-first round (w113-w116)",
        FROZEN_31,
        Reading::Counted,
        FROZEN_31_MIN_RECALL,
        FROZEN_31_MAX_FALSE_RATE,
    );
}

/// The thirty-first round's tuning half (w113–w116), as the sets came: 68/70 (97.14 %) and
/// 0/69. After the rules tuned on it 70/70 and 0/69. The floors sit one case under.
const TUNING_31_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_31_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn thirty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-first round (w113-w116)",
        TUNING_31,
        Reading::Studied,
        TUNING_31_MIN_RECALL,
        TUNING_31_MAX_FALSE_RATE,
    );
}

/// The thirty-second round's frozen half (w117–w120), measured as the sets came (after every
/// rule of the fourteenth round): 82/86 (95.35 %) stopped and 2/75 (2.67 %) falsely stopped
/// (w117 21/22, 1/19; w118 21/22, 0/19; w119 19/21, 1/18; w120 21/21, 0/19); 83/86 (96.51 %)
/// after the fifteenth round's rules. The floors sit one case under.
const FROZEN_32_MIN_RECALL: f64 = 0.953;
/// … and at most this share of what must pass is stopped.
const FROZEN_32_MAX_FALSE_RATE: f64 = 0.041;

#[test]
fn thirty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-second round (w117-w120)",
        FROZEN_32,
        Reading::Counted,
        FROZEN_32_MIN_RECALL,
        FROZEN_32_MAX_FALSE_RATE,
    );
}

/// The thirty-second round's tuning half (w117–w120), as the sets came: 68/70 (97.14 %) and
/// 1/64 (1.56 %). After the rules tuned on it 70/70 and 0/64. The floors sit one case under.
const TUNING_32_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_32_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn thirty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-second round (w117-w120)",
        TUNING_32,
        Reading::Studied,
        TUNING_32_MIN_RECALL,
        TUNING_32_MAX_FALSE_RATE,
    );
}

/// The thirty-third round's frozen half (w121–w124), measured as the sets came (after the rules
/// of w117–w120): 70/83 (84.34 %) stopped and 2/77 (2.60 %) falsely stopped (w121 13/20, 1/19;
/// w122 21/22, 1/20; w123 18/20, 0/20; w124 18/21, 0/18). The floors sit one case under.
const FROZEN_33_MIN_RECALL: f64 = 0.831;
/// … and at most this share of what must pass is stopped.
const FROZEN_33_MAX_FALSE_RATE: f64 = 0.039;

#[test]
fn thirty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-third round (w121-w124)",
        FROZEN_33,
        Reading::Counted,
        FROZEN_33_MIN_RECALL,
        FROZEN_33_MAX_FALSE_RATE,
    );
}

/// The thirty-third round's tuning half (w121–w124), as the sets came: 59/69 (85.51 %) and
/// 2/63 (3.17 %). After the rules tuned on it 63/69 (91.30 %) and 0/63; after the fifteenth
/// round's rules 64/69 (92.75 %). The floors sit one case under.
const TUNING_33_MIN_RECALL: f64 = 0.913;
/// … and at most this share of what must pass is stopped.
const TUNING_33_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn thirty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-third round (w121-w124)",
        TUNING_33,
        Reading::Studied,
        TUNING_33_MIN_RECALL,
        TUNING_33_MAX_FALSE_RATE,
    );
}

/// The thirty-fourth round's frozen half (w125–w128), measured as the sets came (after every
/// rule of the fourteenth round): 80/85 (94.12 %) stopped and 1/82 (1.22 %) falsely stopped
/// (w125 19/21, 0/18; w126 21/22, 0/21; w127 20/21, 1/22; w128 20/21, 0/21). After the session's last rules 81/85 (95.29 %). The floors sit one
/// case under.
const FROZEN_34_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const FROZEN_34_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn thirty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-fourth round (w125-w128)",
        FROZEN_34,
        Reading::Counted,
        FROZEN_34_MIN_RECALL,
        FROZEN_34_MAX_FALSE_RATE,
    );
}

/// The thirty-fourth round's tuning half (w125–w128), as the sets came: 72/73 (98.63 %) and
/// 1/67 (1.49 %); after the two rules studied on it (the session's last) 73/73 and 0/67. The
/// floors sit one case under.
const TUNING_34_MIN_RECALL: f64 = 0.986;
/// … and at most this share of what must pass is stopped.
const TUNING_34_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn thirty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-fourth round (w125-w128)",
        TUNING_34,
        Reading::Studied,
        TUNING_34_MIN_RECALL,
        TUNING_34_MAX_FALSE_RATE,
    );
}

/// The thirty-fifth round's frozen half (w129–w132), measured as the sets came (after every
/// rule of the fourteenth round): 73/78 (93.59 %) stopped and 1/73 (1.37 %) falsely stopped
/// (w129 15/17, 0/16; w130 21/22, 0/20; w131 19/19, 1/18; w132 18/20, 0/19); 74/78 (94.87 %)
/// after the fifteenth round's rules. The floors sit one case under.
const FROZEN_35_MIN_RECALL: f64 = 0.935;
/// … and at most this share of what must pass is stopped.
const FROZEN_35_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn thirty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-fifth round (w129-w132)",
        FROZEN_35,
        Reading::Counted,
        FROZEN_35_MIN_RECALL,
        FROZEN_35_MAX_FALSE_RATE,
    );
}

/// The thirty-fifth round's tuning half (w129–w132), as the sets came: 64/67 (95.52 %) and
/// 1/57 (1.75 %); after the session's last two rules, studied on it, 65/67 (97.01 %) and 0/57;
/// after the fifteenth round's rules 66/67 (98.51 %). The floors sit one case under.
const TUNING_35_MIN_RECALL: f64 = 0.970;
/// … and at most this share of what must pass is stopped.
const TUNING_35_MAX_FALSE_RATE: f64 = 0.018;

#[test]
fn thirty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-fifth round (w129-w132)",
        TUNING_35,
        Reading::Studied,
        TUNING_35_MIN_RECALL,
        TUNING_35_MAX_FALSE_RATE,
    );
}

/// The thirty-sixth round's frozen half (w133–w136), measured as the sets came (after every
/// rule of the fourteenth round): 79/83 (95.18 %) stopped and 0/75 falsely stopped (w133 21/21,
/// 0/19; w134 19/20, 0/19; w135 19/19, 0/18; w136 20/23, 0/19); 80/83 (96.39 %) after the
/// fifteenth round's later rules. The floors sit one case under.
const FROZEN_36_MIN_RECALL: f64 = 0.951;
/// … and at most this share of what must pass is stopped.
const FROZEN_36_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn thirty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-sixth round (w133-w136)",
        FROZEN_36,
        Reading::Counted,
        FROZEN_36_MIN_RECALL,
        FROZEN_36_MAX_FALSE_RATE,
    );
}

/// The thirty-sixth round's tuning half (w133–w136), as the sets came: 65/70 (92.86 %) and
/// 3/70 (4.29 %) (w133 17/18, 0/17; w134 17/18, 0/18; w135 14/16, 3/17; w136 17/18, 0/18); after
/// the fifteenth round's rules, studied on it, 70/70 and 0/70. The floors sit one case under.
const TUNING_36_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_36_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn thirty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-sixth round (w133-w136)",
        TUNING_36,
        Reading::Studied,
        TUNING_36_MIN_RECALL,
        TUNING_36_MAX_FALSE_RATE,
    );
}

/// The thirty-seventh round's frozen half (w137–w140), measured as the sets came (after the
/// fifteenth round's rules from w133–w136): 81/88 (92.05 %) stopped and 0/77 falsely stopped
/// (w137 22/22, 0/17; w138 17/21, 0/20; w139 19/22, 0/20; w140 23/23, 0/20). The floors sit one
/// case under.
const FROZEN_37_MIN_RECALL: f64 = 0.909;
/// … and at most this share of what must pass is stopped.
const FROZEN_37_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn thirty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-seventh round (w137-w140)",
        FROZEN_37,
        Reading::Counted,
        FROZEN_37_MIN_RECALL,
        FROZEN_37_MAX_FALSE_RATE,
    );
}

/// The thirty-seventh round's tuning half (w137–w140), as the sets came: 69/78 (88.46 %) and
/// 3/63 (4.76 %) (w137 18/19, 2/16; w138 15/19, 0/16; w139 18/21, 1/15; w140 18/19, 0/16); after
/// the fifteenth round's rules studied on it, 72/78 (92.31 %) and 0/63. The floors sit one case
/// under.
const TUNING_37_MIN_RECALL: f64 = 0.910;
/// … and at most this share of what must pass is stopped.
const TUNING_37_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn thirty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-seventh round (w137-w140)",
        TUNING_37,
        Reading::Studied,
        TUNING_37_MIN_RECALL,
        TUNING_37_MAX_FALSE_RATE,
    );
}

/// The thirty-eighth round's frozen half (w141–w144), measured as the sets came (after the
/// fifteenth round's rules from w133–w140): 82/85 (96.47 %) stopped and 0/74 falsely stopped
/// (w141 21/21, 0/18; w142 22/23, 0/18; w143 21/21, 0/19; w144 18/20, 0/19). The floors sit one
/// case under.
const FROZEN_38_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_38_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn thirty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-eighth round (w141-w144)",
        FROZEN_38,
        Reading::Counted,
        FROZEN_38_MIN_RECALL,
        FROZEN_38_MAX_FALSE_RATE,
    );
}

/// The thirty-eighth round's tuning half (w141–w144), as the sets came: 71/75 (94.67 %) and
/// 1/61 (1.64 %) (w141 19/20, 1/15; w142 18/20, 0/16; w143 17/17, 0/15; w144 17/18, 0/15); after
/// the fifteenth round's last rules, studied on it, 74/75 (98.67 %) and 0/61. The floors sit one
/// case under.
const TUNING_38_MIN_RECALL: f64 = 0.973;
/// … and at most this share of what must pass is stopped.
const TUNING_38_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn thirty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-eighth round (w141-w144)",
        TUNING_38,
        Reading::Studied,
        TUNING_38_MIN_RECALL,
        TUNING_38_MAX_FALSE_RATE,
    );
}

/// The thirty-ninth round's frozen half (w145–w148), measured as the sets came (after the
/// fifteenth round's rules from w133–w144): 79/86 (91.86 %) stopped and 2/81 (2.47 %) falsely
/// stopped (w145 18/21, 0/19; w146 22/23, 0/20; w147 19/22, 1/21; w148 20/20, 1/21). The floors
/// sit one case under.
const FROZEN_39_MIN_RECALL: f64 = 0.906;
/// … and at most this share of what must pass is stopped.
const FROZEN_39_MAX_FALSE_RATE: f64 = 0.038;

#[test]
fn thirty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, thirty-ninth round (w145-w148)",
        FROZEN_39,
        Reading::Counted,
        FROZEN_39_MIN_RECALL,
        FROZEN_39_MAX_FALSE_RATE,
    );
}

/// The thirty-ninth round's tuning half (w145–w148), as the sets came: 71/75 (94.67 %) and
/// 0/65 (w145 17/19, 0/15; w146 19/19, 0/17; w147 18/20, 0/17; w148 17/17, 0/16); after the
/// fifteenth round's last rules, studied on it, 74/75 (98.67 %) and 0/65. The floors sit one case
/// under.
const TUNING_39_MIN_RECALL: f64 = 0.973;
/// … and at most this share of what must pass is stopped.
const TUNING_39_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn thirty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, thirty-ninth round (w145-w148)",
        TUNING_39,
        Reading::Studied,
        TUNING_39_MIN_RECALL,
        TUNING_39_MAX_FALSE_RATE,
    );
}

/// The fortieth round's frozen half (w149–w152), measured as the sets came (after the fifteenth
/// round's rules from w133–w148): 85/88 (96.59 %) stopped and 2/76 (2.63 %) falsely stopped
/// (w149 21/22, 0/17; w150 20/20, 2/19; w151 22/23, 0/19; w152 22/23, 0/21); 86/88 (97.73 %)
/// after the fifteenth round's later rules. The floors sit one case under.
const FROZEN_40_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const FROZEN_40_MAX_FALSE_RATE: f64 = 0.040;

#[test]
fn fortieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fortieth round (w149-w152)",
        FROZEN_40,
        Reading::Counted,
        FROZEN_40_MIN_RECALL,
        FROZEN_40_MAX_FALSE_RATE,
    );
}

/// The fortieth round's tuning half (w149–w152), as the sets came: 75/78 (96.15 %) and 1/65
/// (1.54 %) (w149 18/20, 0/16; w150 18/19, 0/16; w151 19/19, 1/17; w152 20/20, 0/16); after the
/// fifteenth round's last rules, studied on it, 78/78 and 0/65. The floors sit one case under.
const TUNING_40_MIN_RECALL: f64 = 0.987;
/// … and at most this share of what must pass is stopped.
const TUNING_40_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn fortieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fortieth round (w149-w152)",
        TUNING_40,
        Reading::Studied,
        TUNING_40_MIN_RECALL,
        TUNING_40_MAX_FALSE_RATE,
    );
}

/// The forty-first round's frozen half (w153–w156), measured as the sets came (after the
/// fifteenth round's rules from w133–w152): 83/86 (96.51 %) stopped and 1/76 (1.32 %) falsely
/// stopped (w153 20/21, 0/18; w154 23/24, 1/19; w155 20/21, 0/20; w156 20/20, 0/19). The floors
/// sit one case under.
const FROZEN_41_MIN_RECALL: f64 = 0.953;
/// … and at most this share of what must pass is stopped.
const FROZEN_41_MAX_FALSE_RATE: f64 = 0.027;

#[test]
fn forty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-first round (w153-w156)",
        FROZEN_41,
        Reading::Counted,
        FROZEN_41_MIN_RECALL,
        FROZEN_41_MAX_FALSE_RATE,
    );
}

/// The forty-first round's tuning half (w153–w156), as the sets came: 75/77 (97.40 %) and 2/61
/// (3.28 %) (w153 20/20, 1/15; w154 19/20, 0/14; w155 19/20, 1/16; w156 17/17, 0/16); after the
/// fifteenth round's last rules, studied on it, 76/77 (98.70 %) and 0/61. The floors sit one
/// case under.
const TUNING_41_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_41_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn forty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-first round (w153-w156)",
        TUNING_41,
        Reading::Studied,
        TUNING_41_MIN_RECALL,
        TUNING_41_MAX_FALSE_RATE,
    );
}

/// The forty-second round's frozen half (w157–w160), measured as the sets came (after the
/// fifteenth round's rules from w133–w156): 79/82 (96.34 %) stopped and 0/76 falsely stopped
/// (w157 20/21, 0/19; w158 23/23, 0/18; w159 19/19, 0/19; w160 17/19, 0/20). The floors sit one
/// case under.
const FROZEN_42_MIN_RECALL: f64 = 0.951;
/// … and at most this share of what must pass is stopped.
const FROZEN_42_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn forty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-second round (w157-w160)",
        FROZEN_42,
        Reading::Counted,
        FROZEN_42_MIN_RECALL,
        FROZEN_42_MAX_FALSE_RATE,
    );
}

/// The forty-second round's tuning half (w157–w160), as the sets came: 69/71 (97.18 %) and 1/62
/// (1.61 %) (w157 17/19, 1/15; w158 19/19, 0/16; w159 17/17, 0/16; w160 16/16, 0/15); after the
/// fifteenth round's last rules, studied on it, 71/71 and 0/62. The floors sit one case under.
const TUNING_42_MIN_RECALL: f64 = 0.985;
/// … and at most this share of what must pass is stopped.
const TUNING_42_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn forty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-second round (w157-w160)",
        TUNING_42,
        Reading::Studied,
        TUNING_42_MIN_RECALL,
        TUNING_42_MAX_FALSE_RATE,
    );
}

/// The forty-third round's frozen half (w161–w164), measured as the sets came (after the
/// fifteenth round's rules from w133–w160): 82/86 (95.35 %) stopped and 1/75 (1.33 %) falsely
/// stopped (w161 20/21, 0/19; w162 23/24, 0/19; w163 20/21, 0/18; w164 19/20, 1/19); 83/86
/// (96.51 %) after the rules its tuning half showed. The floors sit one case under.
const FROZEN_43_MIN_RECALL: f64 = 0.953;
/// … and at most this share of what must pass is stopped.
const FROZEN_43_MAX_FALSE_RATE: f64 = 0.027;

#[test]
fn forty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-third round (w161-w164)",
        FROZEN_43,
        Reading::Counted,
        FROZEN_43_MIN_RECALL,
        FROZEN_43_MAX_FALSE_RATE,
    );
}

/// The forty-third round's tuning half (w161–w164), as the sets came: 69/72 (95.83 %) and 1/63
/// (1.59 %) (w161 18/18, 0/16; w162 18/20, 0/15; w163 17/18, 1/16; w164 16/16, 0/16); after the
/// fifteenth round's last rules, studied on it, 72/72 and 0/63. The floors sit one case under.
const TUNING_43_MIN_RECALL: f64 = 0.986;
/// … and at most this share of what must pass is stopped.
const TUNING_43_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn forty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-third round (w161-w164)",
        TUNING_43,
        Reading::Studied,
        TUNING_43_MIN_RECALL,
        TUNING_43_MAX_FALSE_RATE,
    );
}

/// The forty-fourth round's frozen half (w165–w168), measured as the sets came (after the
/// fifteenth round's rules from w133–w164): 78/84 (92.86 %) stopped and 1/74 (1.35 %) falsely
/// stopped (w165 18/21, 1/18; w166 19/21, 0/19; w167 21/21, 0/19; w168 20/21, 0/18). The floors
/// sit one case under.
const FROZEN_44_MIN_RECALL: f64 = 0.916;
/// … and at most this share of what must pass is stopped.
const FROZEN_44_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn forty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-fourth round (w165-w168)",
        FROZEN_44,
        Reading::Counted,
        FROZEN_44_MIN_RECALL,
        FROZEN_44_MAX_FALSE_RATE,
    );
}

/// The forty-fourth round's tuning half (w165–w168), as the sets came: 73/74 (98.65 %) and 0/65
/// (w165 19/20, 0/15; w166 19/19, 0/16; w167 18/18, 0/17; w168 17/17, 0/17). The floors sit one
/// case under.
const TUNING_44_MIN_RECALL: f64 = 0.972;
/// … and at most this share of what must pass is stopped.
const TUNING_44_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn forty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-fourth round (w165-w168)",
        TUNING_44,
        Reading::Studied,
        TUNING_44_MIN_RECALL,
        TUNING_44_MAX_FALSE_RATE,
    );
}

/// The forty-fifth round's frozen half (w169–w172), measured as the sets came (after every rule
/// of the fifteenth round): 79/87 (90.80 %) stopped and 1/79 (1.27 %) falsely stopped (w169
/// 21/23, 0/19; w170 21/24, 0/21; w171 20/22, 1/20; w172 17/18, 0/19). The floors sit one case
/// under.
const FROZEN_45_MIN_RECALL: f64 = 0.896;
/// … and at most this share of what must pass is stopped.
const FROZEN_45_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn forty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-fifth round (w169-w172)",
        FROZEN_45,
        Reading::Counted,
        FROZEN_45_MIN_RECALL,
        FROZEN_45_MAX_FALSE_RATE,
    );
}

/// The forty-fifth round's tuning half (w169–w172), as the sets came: 72/76 (94.74 %) and 1/61
/// (1.64 %) (w169 19/19, 1/16; w170 19/20, 0/15; w171 19/20, 0/14; w172 15/17, 0/16); after the
/// fifteenth round's last rules, studied on it, 76/76 and 0/61. The floors sit one case under.
const TUNING_45_MIN_RECALL: f64 = 0.986;
/// … and at most this share of what must pass is stopped.
const TUNING_45_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn forty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-fifth round (w169-w172)",
        TUNING_45,
        Reading::Studied,
        TUNING_45_MIN_RECALL,
        TUNING_45_MAX_FALSE_RATE,
    );
}

/// The forty-sixth round's frozen half (w173–w176), measured as the sets came (after every rule
/// of the fifteenth round): 82/86 (95.35 %) stopped and 0/77 falsely stopped (w173 22/22, 0/19;
/// w174 20/20, 0/18; w175 19/21, 0/20; w176 21/23, 0/20). The floors sit one case under.
const FROZEN_46_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const FROZEN_46_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn forty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-sixth round (w173-w176)",
        FROZEN_46,
        Reading::Counted,
        FROZEN_46_MIN_RECALL,
        FROZEN_46_MAX_FALSE_RATE,
    );
}

/// The forty-sixth round's tuning half (w173–w176), as the sets came: 72/74 (97.30 %) and 0/68
/// (w173 19/19, 0/19; w174 17/18, 0/17; w175 18/18, 0/16; w176 18/19, 0/16); after one rule
/// studied on it after that measurement, 73/74 (98.65 %). The floors sit one case under.
const TUNING_46_MIN_RECALL: f64 = 0.972;
/// … and at most this share of what must pass is stopped.
const TUNING_46_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn forty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-sixth round (w173-w176)",
        TUNING_46,
        Reading::Studied,
        TUNING_46_MIN_RECALL,
        TUNING_46_MAX_FALSE_RATE,
    );
}

/// The forty-seventh round's frozen half (w177–w180), measured as the sets came (after every rule
/// of the fifteenth round): 86/88 (97.73 %) stopped and 1/75 (1.33 %) falsely stopped (w177
/// 22/22, 1/18; w178 23/23, 0/19; w179 22/22, 0/20; w180 19/21, 0/18). The floors sit one case
/// under.
const FROZEN_47_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const FROZEN_47_MAX_FALSE_RATE: f64 = 0.027;

#[test]
fn forty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-seventh round (w177-w180)",
        FROZEN_47,
        Reading::Counted,
        FROZEN_47_MIN_RECALL,
        FROZEN_47_MAX_FALSE_RATE,
    );
}

/// The forty-seventh round's tuning half (w177–w180), as the sets came: 70/74 (94.59 %) and 1/65
/// (1.54 %) (w177 19/19, 0/16; w178 15/17, 0/17; w179 17/19, 1/15; w180 19/19, 0/17). Measured,
/// not tuned on. The floors sit one case under.
const TUNING_47_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const TUNING_47_MAX_FALSE_RATE: f64 = 0.031;

#[test]
fn forty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-seventh round (w177-w180)",
        TUNING_47,
        Reading::Studied,
        TUNING_47_MIN_RECALL,
        TUNING_47_MAX_FALSE_RATE,
    );
}

/// The forty-eighth round's frozen half (w181–w184), measured as the sets came (after every rule
/// of the fifteenth round): 83/89 (93.26 %) stopped and 3/72 (4.17 %) falsely stopped (w181
/// 23/24, 1/17; w182 20/21, 1/18; w183 21/22, 1/18; w184 19/22, 0/19). The floors sit one case
/// under.
const FROZEN_48_MIN_RECALL: f64 = 0.921;
/// … and at most this share of what must pass is stopped.
const FROZEN_48_MAX_FALSE_RATE: f64 = 0.056;

#[test]
fn forty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-eighth round (w181-w184)",
        FROZEN_48,
        Reading::Counted,
        FROZEN_48_MIN_RECALL,
        FROZEN_48_MAX_FALSE_RATE,
    );
}

/// The forty-eighth round's tuning half (w181–w184), as the sets came: 69/72 (95.83 %) and 0/65
/// (w181 16/18, 0/17; w182 17/18, 0/15; w183 18/18, 0/16; w184 18/18, 0/17). Measured, not tuned
/// on. The floors sit one case under.
const TUNING_48_MIN_RECALL: f64 = 0.944;
/// … and at most this share of what must pass is stopped.
const TUNING_48_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn forty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-eighth round (w181-w184)",
        TUNING_48,
        Reading::Studied,
        TUNING_48_MIN_RECALL,
        TUNING_48_MAX_FALSE_RATE,
    );
}

/// The forty-ninth round's frozen half (w185–w188), measured as the sets came (written after
/// every rule of the fifteenth round, before any rule of the sixteenth): 85/88 (96.59 %) stopped
/// and 2/83 (2.41 %) falsely stopped (w185 23/24, 1/20; w186 22/22, 0/21; w187 22/22, 0/22;
/// w188 18/20, 1/20). The floors sit one case under.
const FROZEN_49_MIN_RECALL: f64 = 0.954;
/// … and at most this share of what must pass is stopped.
const FROZEN_49_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn forty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, forty-ninth round (w185-w188)",
        FROZEN_49,
        Reading::Counted,
        FROZEN_49_MIN_RECALL,
        FROZEN_49_MAX_FALSE_RATE,
    );
}

/// The forty-ninth round's tuning half (w185–w188), as the sets came: 77/79 (97.47 %) and 1/66
/// (1.52 %) (w185 20/21, 1/17; w186 19/19, 0/15; w187 19/20, 0/17; w188 19/19, 0/17). The
/// floors sit one case under.
const TUNING_49_MIN_RECALL: f64 = 0.962;
/// … and at most this share of what must pass is stopped.
const TUNING_49_MAX_FALSE_RATE: f64 = 0.031;

#[test]
fn forty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, forty-ninth round (w185-w188)",
        TUNING_49,
        Reading::Studied,
        TUNING_49_MIN_RECALL,
        TUNING_49_MAX_FALSE_RATE,
    );
}

/// The fiftieth round's frozen half (w189–w192), measured as the sets came (written after every
/// rule of the fifteenth round, before any rule of the sixteenth): 87/89 (97.75 %) stopped and
/// 1/82 (1.22 %) falsely stopped (w189 21/21, 0/20; w190 24/24, 1/21; w191 20/21, 0/20; w192
/// 22/23, 0/21). The floors sit one case under.
const FROZEN_50_MIN_RECALL: f64 = 0.966;
/// … and at most this share of what must pass is stopped.
const FROZEN_50_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn fiftieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fiftieth round (w189-w192)",
        FROZEN_50,
        Reading::Counted,
        FROZEN_50_MIN_RECALL,
        FROZEN_50_MAX_FALSE_RATE,
    );
}

/// The fiftieth round's tuning half (w189–w192), as the sets came: 70/78 (89.74 %) and 0/67
/// (w189 17/19, 0/16; w190 19/20, 0/17; w191 17/18, 0/17; w192 17/21, 0/17). The floors sit one
/// case under.
const TUNING_50_MIN_RECALL: f64 = 0.884;
/// … and at most this share of what must pass is stopped.
const TUNING_50_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fiftieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fiftieth round (w189-w192)",
        TUNING_50,
        Reading::Studied,
        TUNING_50_MIN_RECALL,
        TUNING_50_MAX_FALSE_RATE,
    );
}

/// The fifty-first round's frozen half (w193–w196), measured as the sets came (written after the
/// first rules of the sixteenth round): 86/94 (91.49 %) stopped and 2/83 (2.41 %) falsely stopped
/// (w193 24/24, 1/20; w194 21/23, 0/22; w195 23/24, 1/22; w196 18/23, 0/19). The floors sit one
/// case under.
const FROZEN_51_MIN_RECALL: f64 = 0.904;
/// … and at most this share of what must pass is stopped.
const FROZEN_51_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn fifty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-first round (w193-w196)",
        FROZEN_51,
        Reading::Counted,
        FROZEN_51_MIN_RECALL,
        FROZEN_51_MAX_FALSE_RATE,
    );
}

/// The fifty-first round's tuning half (w193–w196), as the sets came: 74/78 (94.87 %) and 1/70
/// (1.43 %) (w193 19/20, 0/18; w194 18/19, 0/18; w195 19/19, 1/17; w196 18/20, 0/17). The
/// floors sit one case under.
const TUNING_51_MIN_RECALL: f64 = 0.935;
/// … and at most this share of what must pass is stopped.
const TUNING_51_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn fifty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-first round (w193-w196)",
        TUNING_51,
        Reading::Studied,
        TUNING_51_MIN_RECALL,
        TUNING_51_MAX_FALSE_RATE,
    );
}

/// The fifty-second round's frozen half (w197–w200), measured as the sets came (written after the
/// first rules of the sixteenth round): 86/88 (97.73 %) stopped and 0/84 falsely stopped (w197
/// 26/26, 0/22; w198 18/19, 0/21; w199 20/21, 0/20; w200 22/22, 0/21). The floors sit one case
/// under.
const FROZEN_52_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const FROZEN_52_MAX_FALSE_RATE: f64 = 0.012;

#[test]
fn fifty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-second round (w197-w200)",
        FROZEN_52,
        Reading::Counted,
        FROZEN_52_MIN_RECALL,
        FROZEN_52_MAX_FALSE_RATE,
    );
}

/// The fifty-second round's tuning half (w197–w200), as the sets came: 77/79 (97.47 %) and 0/72
/// (w197 24/24, 0/18; w198 17/18, 0/19; w199 17/17, 0/17; w200 19/20, 0/18). The floors sit one
/// case under.
const TUNING_52_MIN_RECALL: f64 = 0.962;
/// … and at most this share of what must pass is stopped.
const TUNING_52_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn fifty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-second round (w197-w200)",
        TUNING_52,
        Reading::Studied,
        TUNING_52_MIN_RECALL,
        TUNING_52_MAX_FALSE_RATE,
    );
}

/// The fifty-third round's frozen half (w201–w204), measured as the sets came (after every rule
/// of the sixteenth round so far, commit 4edaed9): 83/89 (93.26 %) stopped and 0/79 falsely
/// stopped (w201 20/22, 0/20; w202 21/23, 0/19; w203 23/23, 0/20; w204 19/21, 0/20). The floors
/// sit one case under.
const FROZEN_53_MIN_RECALL: f64 = 0.921;
/// … and at most this share of what must pass is stopped.
const FROZEN_53_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn fifty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-third round (w201-w204)",
        FROZEN_53,
        Reading::Counted,
        FROZEN_53_MIN_RECALL,
        FROZEN_53_MAX_FALSE_RATE,
    );
}

/// The fifty-third round's tuning half (w201–w204), as the sets came: 76/80 (95.00 %) and 0/67
/// (w201 18/20, 0/17; w202 22/23, 0/18; w203 18/19, 0/16; w204 18/18, 0/16). The floors sit one
/// case under.
const TUNING_53_MIN_RECALL: f64 = 0.937;
/// … and at most this share of what must pass is stopped.
const TUNING_53_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fifty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-third round (w201-w204)",
        TUNING_53,
        Reading::Studied,
        TUNING_53_MIN_RECALL,
        TUNING_53_MAX_FALSE_RATE,
    );
}

/// The fifty-fourth round's frozen half (w205–w208), measured as the sets came (after every rule
/// of the sixteenth round so far, commit 4edaed9): 85/91 (93.41 %) stopped and 2/81 (2.47 %)
/// falsely stopped (w205 21/24, 0/20; w206 26/26, 2/18; w207 20/21, 0/20; w208 18/20, 0/23).
/// The floors sit one case under.
const FROZEN_54_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const FROZEN_54_MAX_FALSE_RATE: f64 = 0.038;

#[test]
fn fifty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-fourth round (w205-w208)",
        FROZEN_54,
        Reading::Counted,
        FROZEN_54_MIN_RECALL,
        FROZEN_54_MAX_FALSE_RATE,
    );
}

/// The fifty-fourth round's tuning half (w205–w208), as the sets came: 69/77 (89.61 %) and 3/65
/// (4.62 %) (w205 17/20, 1/15; w206 21/23, 2/15; w207 17/18, 0/17; w208 14/16, 0/18). The
/// floors sit one case under.
const TUNING_54_MIN_RECALL: f64 = 0.883;
/// … and at most this share of what must pass is stopped.
const TUNING_54_MAX_FALSE_RATE: f64 = 0.062;

#[test]
fn fifty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-fourth round (w205-w208)",
        TUNING_54,
        Reading::Studied,
        TUNING_54_MIN_RECALL,
        TUNING_54_MAX_FALSE_RATE,
    );
}

/// The fifty-fifth round's frozen half (w209–w212), measured as the sets came (after every rule
/// of the sixteenth round so far, commit 292ef1a): 87/92 (94.57 %) stopped and 1/79 (1.27 %)
/// falsely stopped (w209 20/23, 0/19; w210 23/24, 0/20; w211 21/21, 1/20; w212 23/24, 0/20).
/// The floors sit one case under.
const FROZEN_55_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const FROZEN_55_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn fifty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-fifth round (w209-w212)",
        FROZEN_55,
        Reading::Counted,
        FROZEN_55_MIN_RECALL,
        FROZEN_55_MAX_FALSE_RATE,
    );
}

/// The fifty-fifth round's tuning half (w209–w212), as the sets came: 76/79 (96.20 %) and 1/71
/// (1.41 %) (w209 19/20, 0/17; w210 19/20, 0/18; w211 19/20, 1/19; w212 19/19, 0/17). The
/// floors sit one case under.
const TUNING_55_MIN_RECALL: f64 = 0.949;
/// … and at most this share of what must pass is stopped.
const TUNING_55_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn fifty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-fifth round (w209-w212)",
        TUNING_55,
        Reading::Studied,
        TUNING_55_MIN_RECALL,
        TUNING_55_MAX_FALSE_RATE,
    );
}

/// The fifty-sixth round's frozen half (w213–w216), measured as the sets came (after every rule
/// of the sixteenth round so far, commit 292ef1a): 78/88 (88.64 %) stopped and 1/81 (1.23 %)
/// falsely stopped (w213 18/22, 0/19; w214 24/24, 0/21; w215 15/20, 1/21; w216 21/22, 0/20).
/// The floors sit one case under.
const FROZEN_56_MIN_RECALL: f64 = 0.875;
/// … and at most this share of what must pass is stopped.
const FROZEN_56_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn fifty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-sixth round (w213-w216)",
        FROZEN_56,
        Reading::Counted,
        FROZEN_56_MIN_RECALL,
        FROZEN_56_MAX_FALSE_RATE,
    );
}

/// The fifty-sixth round's tuning half (w213–w216), as the sets came: 63/75 (84.00 %) and 2/69
/// (2.90 %) (w213 16/17, 0/18; w214 18/22, 0/17; w215 12/18, 2/17; w216 17/18, 0/17). The
/// floors sit one case under.
const TUNING_56_MIN_RECALL: f64 = 0.826;
/// … and at most this share of what must pass is stopped.
const TUNING_56_MAX_FALSE_RATE: f64 = 0.044;

#[test]
fn fifty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-sixth round (w213-w216)",
        TUNING_56,
        Reading::Studied,
        TUNING_56_MIN_RECALL,
        TUNING_56_MAX_FALSE_RATE,
    );
}

/// The fifty-seventh round's frozen half (w217–w220), measured as the sets came (after every
/// rule of the sixteenth round, commit 56be1e8): 84/86 (97.67 %) stopped and 0/76 falsely
/// stopped (w217 21/23, 0/19; w218 21/21, 0/19; w219 21/21, 0/18; w220 21/21, 0/20). The floors
/// sit one case under.
const FROZEN_57_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const FROZEN_57_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn fifty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-seventh round (w217-w220)",
        FROZEN_57,
        Reading::Counted,
        FROZEN_57_MIN_RECALL,
        FROZEN_57_MAX_FALSE_RATE,
    );
}

/// The fifty-seventh round's tuning half (w217–w220), as the sets came: 71/75 (94.67 %) and 1/71
/// (1.41 %) (w217 18/19, 1/19; w218 16/18, 0/17; w219 18/19, 0/17; w220 19/19, 0/18). One rule
/// came from it after that measurement (72/75). The floors sit one case under the first figure.
const TUNING_57_MIN_RECALL: f64 = 0.933;
/// … and at most this share of what must pass is stopped.
const TUNING_57_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn fifty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-seventh round (w217-w220)",
        TUNING_57,
        Reading::Studied,
        TUNING_57_MIN_RECALL,
        TUNING_57_MAX_FALSE_RATE,
    );
}

/// The fifty-eighth round's frozen half (w221–w224), measured as the sets came (after every rule
/// of the sixteenth round, commit 56be1e8): 88/93 (94.62 %) stopped and 0/80 falsely stopped
/// (w221 23/23, 0/20; w222 22/23, 0/18; w223 22/24, 0/21; w224 21/23, 0/21). The floors sit one
/// case under.
const FROZEN_58_MIN_RECALL: f64 = 0.935;
/// … and at most this share of what must pass is stopped.
const FROZEN_58_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn fifty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-eighth round (w221-w224)",
        FROZEN_58,
        Reading::Counted,
        FROZEN_58_MIN_RECALL,
        FROZEN_58_MAX_FALSE_RATE,
    );
}

/// The fifty-eighth round's tuning half (w221–w224), as the sets came: 81/85 (95.29 %) and 0/67
/// (w221 21/22, 0/17; w222 20/20, 0/18; w223 19/21, 0/16; w224 21/22, 0/16). Measured, not
/// tuned on. The floors sit one case under.
const TUNING_58_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const TUNING_58_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn fifty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-eighth round (w221-w224)",
        TUNING_58,
        Reading::Studied,
        TUNING_58_MIN_RECALL,
        TUNING_58_MAX_FALSE_RATE,
    );
}

/// The fifty-ninth round's frozen half (w225–w227; w228 was not written in time), measured as the
/// sets came (after every rule of the sixteenth round, commit 16915f6): 61/65 (93.85 %) stopped
/// and 1/59 (1.69 %) falsely stopped (w225 22/22, 0/18; w226 19/21, 1/19; w227 20/22, 0/22). The
/// floors sit one case under.
const FROZEN_59_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const FROZEN_59_MAX_FALSE_RATE: f64 = 0.034;

#[test]
fn fifty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, fifty-ninth round (w225-w227)",
        FROZEN_59,
        Reading::Counted,
        FROZEN_59_MIN_RECALL,
        FROZEN_59_MAX_FALSE_RATE,
    );
}

/// The fifty-ninth round's tuning half (w225–w227), as the sets came: 55/55 and 0/53. Measured,
/// not tuned on. The floors sit one case under.
const TUNING_59_MIN_RECALL: f64 = 0.981;
/// … and at most this share of what must pass is stopped.
const TUNING_59_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn fifty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, fifty-ninth round (w225-w227)",
        TUNING_59,
        Reading::Studied,
        TUNING_59_MIN_RECALL,
        TUNING_59_MAX_FALSE_RATE,
    );
}

/// The sixtieth round's frozen half (w229–w232), measured as the sets came (after every rule of
/// the sixteenth round, commit 16915f6): 80/84 (95.24 %) stopped and 0/80 falsely stopped (w229
/// 22/22, 0/20; w230 22/23, 0/19; w231 16/18, 0/22; w232 20/21, 0/19). The floors sit one case
/// under.
const FROZEN_60_MIN_RECALL: f64 = 0.940;
/// … and at most this share of what must pass is stopped.
const FROZEN_60_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn sixtieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixtieth round (w229-w232)",
        FROZEN_60,
        Reading::Counted,
        FROZEN_60_MIN_RECALL,
        FROZEN_60_MAX_FALSE_RATE,
    );
}

/// The sixtieth round's tuning half (w229–w232), as the sets came: 70/74 (94.59 %) and 0/68
/// (w229 16/17, 0/18; w230 18/20, 0/16; w231 16/17, 0/18; w232 20/20, 0/16). Measured, not tuned
/// on. The floors sit one case under.
const TUNING_60_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const TUNING_60_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn sixtieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixtieth round (w229-w232)",
        TUNING_60,
        Reading::Studied,
        TUNING_60_MIN_RECALL,
        TUNING_60_MAX_FALSE_RATE,
    );
}

/// The sixty-first round's frozen half (w228, public life and English), measured at first contact
/// after every rule of the sixteenth round (commit 00b47b3): 21/21 stopped, 0/21 falsely stopped.
/// The floors sit one case under.
const FROZEN_61_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_61_MAX_FALSE_RATE: f64 = 0.048;

#[test]
fn sixty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-first round (w228)",
        FROZEN_61,
        Reading::Counted,
        FROZEN_61_MIN_RECALL,
        FROZEN_61_MAX_FALSE_RATE,
    );
}

/// The sixty-first round's tuning half (w228), same contact: 17/18 (94.44 %) stopped, 0/17 falsely
/// stopped. The floors sit one case under.
const TUNING_61_MIN_RECALL: f64 = 0.888;
/// … and at most this share of what must pass is stopped.
const TUNING_61_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn sixty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-first round (w228)",
        TUNING_61,
        Reading::Studied,
        TUNING_61_MIN_RECALL,
        TUNING_61_MAX_FALSE_RATE,
    );
}

/// The sixty-second round's frozen half (w233–w236), measured as the sets came (after the first
/// rule of the seventeenth round, commit 3f15e7f): 87/89 (97.75 %) stopped and 3/80 (3.75 %)
/// falsely stopped (w233 23/24, 1/21; w234 21/21, 2/20; w235 21/22, 0/19; w236 22/22, 0/20). The
/// floors sit one case under.
const FROZEN_62_MIN_RECALL: f64 = 0.966;
/// … and at most this share of what must pass is stopped.
const FROZEN_62_MAX_FALSE_RATE: f64 = 0.05;

#[test]
fn sixty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-second round (w233-w236)",
        FROZEN_62,
        Reading::Counted,
        FROZEN_62_MIN_RECALL,
        FROZEN_62_MAX_FALSE_RATE,
    );
}

/// The sixty-second round's tuning half (w233–w236), as the sets came: 71/74 (95.95 %) and 1/68
/// (1.47 %) (w233 21/21, 0/18; w234 15/17, 1/17; w235 18/18, 0/17; w236 17/18, 0/16). The floors
/// sit one case under.
const TUNING_62_MIN_RECALL: f64 = 0.945;
/// … and at most this share of what must pass is stopped.
const TUNING_62_MAX_FALSE_RATE: f64 = 0.03;

#[test]
fn sixty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-second round (w233-w236)",
        TUNING_62,
        Reading::Studied,
        TUNING_62_MIN_RECALL,
        TUNING_62_MAX_FALSE_RATE,
    );
}

/// The sixty-third round's frozen half (w237–w240), measured as the sets came (after the rules
/// of the sixty-second round's tuning half, commit 4648c44): 84/89 (94.38 %) stopped and 1/82
/// (1.22 %) falsely stopped (w237 23/23, 0/20; w238 22/24, 0/22; w239 19/20, 1/20; w240 20/22,
/// 0/20). The floors sit one case under.
const FROZEN_63_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const FROZEN_63_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn sixty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-third round (w237-w240)",
        FROZEN_63,
        Reading::Counted,
        FROZEN_63_MIN_RECALL,
        FROZEN_63_MAX_FALSE_RATE,
    );
}

/// The sixty-third round's tuning half (w237–w240), as the sets came: 70/77 (90.91 %) and 0/68
/// (w237 18/19, 0/17; w238 18/20, 0/17; w239 15/18, 0/17; w240 19/20, 0/17). The floors sit one
/// case under.
const TUNING_63_MIN_RECALL: f64 = 0.896;
/// … and at most this share of what must pass is stopped.
const TUNING_63_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn sixty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-third round (w237-w240)",
        TUNING_63,
        Reading::Studied,
        TUNING_63_MIN_RECALL,
        TUNING_63_MAX_FALSE_RATE,
    );
}

/// The sixty-fourth round's frozen half (w241–w244), measured as the sets came, after every rule
/// of the seventeenth round (commit 4a71a29): 83/87 (95.40 %) stopped and 1/82 (1.22 %) falsely
/// stopped (w241 21/21, 0/20; w242 20/23, 1/20; w243 20/21, 0/20; w244 22/22, 0/22). The floors
/// sit one case under.
const FROZEN_64_MIN_RECALL: f64 = 0.942;
/// … and at most this share of what must pass is stopped.
const FROZEN_64_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn sixty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-fourth round (w241-w244)",
        FROZEN_64,
        Reading::Counted,
        FROZEN_64_MIN_RECALL,
        FROZEN_64_MAX_FALSE_RATE,
    );
}

/// The sixty-fourth round's tuning half (w241–w244), as the sets came: 73/78 (93.59 %) and 1/71
/// (1.41 %) (w241 17/19, 0/18; w242 20/21, 1/17; w243 18/19, 0/17; w244 18/19, 0/19). The floors
/// sit one case under.
const TUNING_64_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const TUNING_64_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn sixty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-fourth round (w241-w244)",
        TUNING_64,
        Reading::Studied,
        TUNING_64_MIN_RECALL,
        TUNING_64_MAX_FALSE_RATE,
    );
}

/// The sixty-fifth round's frozen half (w245–w248), measured like the sixty-fourth: 84/87
/// (96.55 %) stopped and 1/80 (1.25 %) falsely stopped (w245 21/22, 0/19; w246 18/20, 0/22; w247
/// 23/23, 0/20; w248 22/22, 1/19). The floors sit one case under.
const FROZEN_65_MIN_RECALL: f64 = 0.954;
/// … and at most this share of what must pass is stopped.
const FROZEN_65_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn sixty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-fifth round (w245-w248)",
        FROZEN_65,
        Reading::Counted,
        FROZEN_65_MIN_RECALL,
        FROZEN_65_MAX_FALSE_RATE,
    );
}

/// The sixty-fifth round's tuning half (w245–w248), as the sets came: 73/76 (96.05 %) and 0/71
/// (w245 19/19, 0/18; w246 15/16, 0/18; w247 19/20, 0/17; w248 20/21, 0/18). The floors sit one
/// case under.
const TUNING_65_MIN_RECALL: f64 = 0.947;
/// … and at most this share of what must pass is stopped.
const TUNING_65_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn sixty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-fifth round (w245-w248)",
        TUNING_65,
        Reading::Studied,
        TUNING_65_MIN_RECALL,
        TUNING_65_MAX_FALSE_RATE,
    );
}

/// The sixty-sixth round's frozen half (w249–w252), measured as the sets came, after the rules
/// studied on the sixty-fourth and sixty-fifth rounds (commit 917e113): 86/88 (97.73 %) stopped
/// and 2/83 (2.41 %) falsely stopped (w249 22/22, 0/19; w250 20/21, 0/22; w251 22/23, 2/21; w252
/// 22/22, 0/21). The floors sit one case under.
const FROZEN_66_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const FROZEN_66_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn sixty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-sixth round (w249-w252)",
        FROZEN_66,
        Reading::Counted,
        FROZEN_66_MIN_RECALL,
        FROZEN_66_MAX_FALSE_RATE,
    );
}

/// The sixty-sixth round's tuning half (w249–w252), as the sets came: 73/78 (93.59 %) and 0/74
/// (w249 19/19, 0/18; w250 15/17, 0/19; w251 20/21, 0/19; w252 19/21, 0/18). The floors sit one
/// case under.
const TUNING_66_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const TUNING_66_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn sixty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-sixth round (w249-w252)",
        TUNING_66,
        Reading::Studied,
        TUNING_66_MIN_RECALL,
        TUNING_66_MAX_FALSE_RATE,
    );
}

/// The sixty-seventh round's frozen half (w253–w256), measured like the sixty-sixth: 83/87
/// (95.40 %) stopped and 4/82 (4.88 %) falsely stopped (w253 21/21, 4/21; w254 22/24, 0/19; w255
/// 21/21, 0/21; w256 19/21, 0/21): the long pasted documents of w253 are where false stops
/// gather. The floors sit one case under.
const FROZEN_67_MIN_RECALL: f64 = 0.942;
/// … and at most this share of what must pass is stopped.
const FROZEN_67_MAX_FALSE_RATE: f64 = 0.061;

#[test]
fn sixty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-seventh round (w253-w256)",
        FROZEN_67,
        Reading::Counted,
        FROZEN_67_MIN_RECALL,
        FROZEN_67_MAX_FALSE_RATE,
    );
}

/// The sixty-seventh round's tuning half (w253–w256), as the sets came: 71/73 (97.26 %) and 3/69
/// (4.35 %) (w253 19/19, 3/18; w254 18/20, 0/17; w255 17/17, 0/17; w256 17/17, 0/17). The floors
/// sit one case under.
const TUNING_67_MIN_RECALL: f64 = 0.958;
/// … and at most this share of what must pass is stopped.
const TUNING_67_MAX_FALSE_RATE: f64 = 0.058;

#[test]
fn sixty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-seventh round (w253-w256)",
        TUNING_67,
        Reading::Studied,
        TUNING_67_MIN_RECALL,
        TUNING_67_MAX_FALSE_RATE,
    );
}

/// The sixty-eighth round's frozen half (w257–w260), measured as the sets came, after the rules
/// studied on the sixty-sixth and sixty-seventh rounds (commit 66ba184): 85/90 (94.44 %) stopped
/// and 3/86 (3.49 %) falsely stopped (w257 20/21, 3/22; w258 22/22, 0/22; w259 20/23, 0/21; w260
/// 23/24, 0/21). The floors sit one case under.
const FROZEN_68_MIN_RECALL: f64 = 0.933;
/// … and at most this share of what must pass is stopped.
const FROZEN_68_MAX_FALSE_RATE: f64 = 0.047;

#[test]
fn sixty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-eighth round (w257-w260)",
        FROZEN_68,
        Reading::Counted,
        FROZEN_68_MIN_RECALL,
        FROZEN_68_MAX_FALSE_RATE,
    );
}

/// The sixty-eighth round's tuning half (w257–w260), as the sets came: 76/77 (98.70 %) and 1/72
/// (1.39 %) (w257 19/19, 1/18; w258 19/19, 0/18; w259 19/20, 0/19; w260 19/19, 0/17). The floors
/// sit one case under.
const TUNING_68_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_68_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn sixty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-eighth round (w257-w260)",
        TUNING_68,
        Reading::Studied,
        TUNING_68_MIN_RECALL,
        TUNING_68_MAX_FALSE_RATE,
    );
}

/// The sixty-ninth round's frozen half (w261–w264), measured like the sixty-eighth: 87/92
/// (94.57 %) stopped and 1/83 (1.20 %) falsely stopped (w261 24/24, 0/21; w262 22/24, 1/20; w263
/// 22/23, 0/21; w264 19/21, 0/21). The floors sit one case under.
const FROZEN_69_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const FROZEN_69_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn sixty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, sixty-ninth round (w261-w264)",
        FROZEN_69,
        Reading::Counted,
        FROZEN_69_MIN_RECALL,
        FROZEN_69_MAX_FALSE_RATE,
    );
}

/// The sixty-ninth round's tuning half (w261–w264), as the sets came: 75/79 (94.94 %) and 1/70
/// (1.43 %) (w261 20/21, 1/18; w262 18/19, 0/18; w263 18/20, 0/18; w264 19/19, 0/16). The floors
/// sit one case under.
const TUNING_69_MIN_RECALL: f64 = 0.936;
/// … and at most this share of what must pass is stopped.
const TUNING_69_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn sixty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, sixty-ninth round (w261-w264)",
        TUNING_69,
        Reading::Studied,
        TUNING_69_MIN_RECALL,
        TUNING_69_MAX_FALSE_RATE,
    );
}

/// The seventieth round's frozen half (w265–w268), measured as the sets came, after every rule
/// of the seventeenth round (commit 305064c): 82/87 (94.25 %) stopped and 0/84 falsely stopped
/// (w265 21/22, 0/22; w266 21/22, 0/20; w267 20/22, 0/21; w268 20/21, 0/21). The floors sit one
/// case under.
const FROZEN_70_MIN_RECALL: f64 = 0.931;
/// … and at most this share of what must pass is stopped.
const FROZEN_70_MAX_FALSE_RATE: f64 = 0.012;

#[test]
fn seventieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventieth round (w265-w268)",
        FROZEN_70,
        Reading::Counted,
        FROZEN_70_MIN_RECALL,
        FROZEN_70_MAX_FALSE_RATE,
    );
}

/// The seventieth round's tuning half (w265–w268), as the sets came: 70/74 (94.59 %) and 2/69
/// (2.90 %) (w265 19/19, 0/19; w266 18/19, 1/15; w267 17/19, 0/18; w268 16/17, 1/17). The floors
/// sit one case under.
const TUNING_70_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const TUNING_70_MAX_FALSE_RATE: f64 = 0.044;

#[test]
fn seventieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventieth round (w265-w268)",
        TUNING_70,
        Reading::Studied,
        TUNING_70_MIN_RECALL,
        TUNING_70_MAX_FALSE_RATE,
    );
}

/// The seventy-first round's frozen half (w269–w272), measured like the seventieth: 80/87
/// (91.95 %) stopped and 0/80 falsely stopped (w269 20/21, 0/19; w270 20/22, 0/20; w271 19/22,
/// 0/20; w272 21/22, 0/21). The floors sit one case under.
const FROZEN_71_MIN_RECALL: f64 = 0.908;
/// … and at most this share of what must pass is stopped.
const FROZEN_71_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn seventy_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-first round (w269-w272)",
        FROZEN_71,
        Reading::Counted,
        FROZEN_71_MIN_RECALL,
        FROZEN_71_MAX_FALSE_RATE,
    );
}

/// The seventy-first round's tuning half (w269–w272), as the sets came: 70/75 (93.33 %) and 1/72
/// (1.39 %) (w269 19/19, 0/19; w270 15/16, 1/18; w271 19/21, 0/19; w272 17/19, 0/16). The floors
/// sit one case under.
const TUNING_71_MIN_RECALL: f64 = 0.92;
/// … and at most this share of what must pass is stopped.
const TUNING_71_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn seventy_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-first round (w269-w272)",
        TUNING_71,
        Reading::Studied,
        TUNING_71_MIN_RECALL,
        TUNING_71_MAX_FALSE_RATE,
    );
}

/// The seventy-second round's frozen half (w273–w276), measured as the sets came, after every
/// rule of the seventeenth round (commit 3b7a05a): 87/94 (92.55 %) stopped and 4/86 (4.65 %)
/// falsely stopped (w273 22/24, 1/22; w274 22/23, 2/23; w275 22/24, 1/19; w276 21/23, 0/22).
/// Counted with the rules of commit 305064c instead: 86/94 and the same four false stops, so
/// the last rules cost it nothing. The floors sit one case under.
const FROZEN_72_MIN_RECALL: f64 = 0.914;
/// … and at most this share of what must pass is stopped.
const FROZEN_72_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn seventy_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-second round (w273-w276)",
        FROZEN_72,
        Reading::Counted,
        FROZEN_72_MIN_RECALL,
        FROZEN_72_MAX_FALSE_RATE,
    );
}

/// The seventy-second round's tuning half (w273–w276), as the sets came: 77/81 (95.06 %) and 0/70
/// (w273 21/21, 0/18; w274 17/19, 0/17; w275 19/21, 0/18; w276 20/20, 0/17). Measured, not tuned
/// on. The floors sit one case under.
const TUNING_72_MIN_RECALL: f64 = 0.938;
/// … and at most this share of what must pass is stopped.
const TUNING_72_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventy_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-second round (w273-w276)",
        TUNING_72,
        Reading::Studied,
        TUNING_72_MIN_RECALL,
        TUNING_72_MAX_FALSE_RATE,
    );
}

/// The seventy-third round's frozen half (w277–w280), measured as the sets came, after every
/// rule of the seventeenth round (commit cafece1): 82/85 (96.47 %) stopped and 3/82 (3.66 %)
/// falsely stopped (w277 21/22, 0/21; w278 20/21, 2/20; w279 21/21, 1/21; w280 20/21, 0/20); the
/// same counted with the rules of commit 305064c. The floors sit one case under.
const FROZEN_73_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_73_MAX_FALSE_RATE: f64 = 0.049;

#[test]
fn seventy_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-third round (w277-w280)",
        FROZEN_73,
        Reading::Counted,
        FROZEN_73_MIN_RECALL,
        FROZEN_73_MAX_FALSE_RATE,
    );
}

/// The seventy-third round's tuning half (w277–w280), as the sets came: 68/71 (95.77 %) and 4/65
/// (6.15 %) (w277 17/17, 2/16; w278 17/19, 0/16; w279 18/18, 0/16; w280 16/17, 2/17). Measured,
/// not tuned on. The floors sit one case under.
const TUNING_73_MIN_RECALL: f64 = 0.943;
/// … and at most this share of what must pass is stopped.
const TUNING_73_MAX_FALSE_RATE: f64 = 0.077;

#[test]
fn seventy_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-third round (w277-w280)",
        TUNING_73,
        Reading::Studied,
        TUNING_73_MIN_RECALL,
        TUNING_73_MAX_FALSE_RATE,
    );
}

/// The seventy-fourth round's frozen half (w281–w284), measured like the seventy-third: 81/85
/// (95.29 %) stopped and 0/79 falsely stopped (w281 21/21, 0/20; w282 20/22, 0/20; w283 20/21,
/// 0/19; w284 20/21, 0/20). The floors sit one case under.
const FROZEN_74_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const FROZEN_74_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn seventy_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-fourth round (w281-w284)",
        FROZEN_74,
        Reading::Counted,
        FROZEN_74_MIN_RECALL,
        FROZEN_74_MAX_FALSE_RATE,
    );
}

/// The seventy-fourth round's tuning half (w281–w284), as the sets came: 70/74 (94.59 %) and 0/70
/// (w281 18/18; w282 17/19; w283 18/19; w284 17/18). Measured, not tuned on. The floors sit one
/// case under.
const TUNING_74_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const TUNING_74_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventy_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-fourth round (w281-w284)",
        TUNING_74,
        Reading::Studied,
        TUNING_74_MIN_RECALL,
        TUNING_74_MAX_FALSE_RATE,
    );
}

/// The seventy-fifth round's frozen half (w285–w288), measured at first contact after the first
/// rules of the eighteenth round, which were made on other sets (w285 21/23, 0/19; w286 24/24,
/// 0/21; w287 21/24, 2/19; w288 20/21, 2/19): 86/92 (93.48 %) stopped and 4/78 falsely stopped. The
/// floors sit one case under.
const FROZEN_75_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const FROZEN_75_MAX_FALSE_RATE: f64 = 0.065;

#[test]
fn seventy_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-fifth round (w285-w288)",
        FROZEN_75,
        Reading::Counted,
        FROZEN_75_MIN_RECALL,
        FROZEN_75_MAX_FALSE_RATE,
    );
}

/// The seventy-fifth round's tuning half (w285–w288), at first contact: 75/78 (96.15 %) stopped and
/// 0/66 falsely stopped. The floors sit one case under.
const TUNING_75_MIN_RECALL: f64 = 0.948;
/// … and at most this share of what must pass is stopped.
const TUNING_75_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn seventy_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-fifth round (w285-w288)",
        TUNING_75,
        Reading::Studied,
        TUNING_75_MIN_RECALL,
        TUNING_75_MAX_FALSE_RATE,
    );
}

/// The seventy-sixth round's frozen half (w289–w292), measured at first contact like the seventy-
/// fifth (w289 24/24, 1/22; w290 19/20, 0/20; w291 18/19, 0/21; w292 21/22, 0/21): 82/85 (96.47 %)
/// stopped and 1/84 falsely stopped. The floors sit one case under.
const FROZEN_76_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_76_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn seventy_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-sixth round (w289-w292)",
        FROZEN_76,
        Reading::Counted,
        FROZEN_76_MIN_RECALL,
        FROZEN_76_MAX_FALSE_RATE,
    );
}

/// The seventy-sixth round's tuning half (w289–w292), at first contact: 72/77 (93.51 %) stopped and
/// 0/72 falsely stopped. The floors sit one case under.
const TUNING_76_MIN_RECALL: f64 = 0.922;
/// … and at most this share of what must pass is stopped.
const TUNING_76_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn seventy_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-sixth round (w289-w292)",
        TUNING_76,
        Reading::Studied,
        TUNING_76_MIN_RECALL,
        TUNING_76_MAX_FALSE_RATE,
    );
}

/// The seventy-seventh round's frozen half (w293–w296), measured at first contact after the rules
/// made on the tuning halves of w285-w292 (w293 22/23, 0/20; w294 21/22, 0/19; w295 21/22, 0/20;
/// w296 20/22, 1/19): 84/89 (94.38 %) stopped and 1/78 falsely stopped. The floors sit one case
/// under.
const FROZEN_77_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const FROZEN_77_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn seventy_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-seventh round (w293-w296)",
        FROZEN_77,
        Reading::Counted,
        FROZEN_77_MIN_RECALL,
        FROZEN_77_MAX_FALSE_RATE,
    );
}

/// The seventy-seventh round's tuning half (w293–w296), at first contact: 77/78 (98.72 %) stopped
/// and 0/68 falsely stopped. The floors sit one case under.
const TUNING_77_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_77_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventy_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-seventh round (w293-w296)",
        TUNING_77,
        Reading::Studied,
        TUNING_77_MIN_RECALL,
        TUNING_77_MAX_FALSE_RATE,
    );
}

/// The seventy-eighth round's frozen half (w297–w300), measured at first contact after the rules
/// made on the tuning halves of w285-w296 (w297 20/23, 0/20; w298 19/21, 1/22; w299 22/23, 0/21;
/// w300 20/21, 2/22): 81/88 (92.05 %) stopped and 3/85 falsely stopped. The floors sit one case
/// under.
const FROZEN_78_MIN_RECALL: f64 = 0.909;
/// … and at most this share of what must pass is stopped.
const FROZEN_78_MAX_FALSE_RATE: f64 = 0.048;

#[test]
fn seventy_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-eighth round (w297-w300)",
        FROZEN_78,
        Reading::Counted,
        FROZEN_78_MIN_RECALL,
        FROZEN_78_MAX_FALSE_RATE,
    );
}

/// The seventy-eighth round's tuning half (w297–w300), at first contact: 68/73 (93.15 %) stopped
/// and 0/70 falsely stopped. The floors sit one case under.
const TUNING_78_MIN_RECALL: f64 = 0.917;
/// … and at most this share of what must pass is stopped.
const TUNING_78_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventy_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-eighth round (w297-w300)",
        TUNING_78,
        Reading::Studied,
        TUNING_78_MIN_RECALL,
        TUNING_78_MAX_FALSE_RATE,
    );
}

/// The seventy-ninth round's frozen half (w301–w304), measured at first contact after the rules
/// made on the tuning halves of w285-w300 (w301 23/24, 1/20; w302 18/21, 1/21; w303 21/23, 1/22;
/// w304 20/21, 0/20): 82/89 (92.13 %) stopped and 3/83 falsely stopped. The floors sit one case
/// under.
const FROZEN_79_MIN_RECALL: f64 = 0.91;
/// … and at most this share of what must pass is stopped.
const FROZEN_79_MAX_FALSE_RATE: f64 = 0.049;

#[test]
fn seventy_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, seventy-ninth round (w301-w304)",
        FROZEN_79,
        Reading::Counted,
        FROZEN_79_MIN_RECALL,
        FROZEN_79_MAX_FALSE_RATE,
    );
}

/// The seventy-ninth round's tuning half (w301–w304), at first contact: 72/74 (97.30 %) stopped and
/// 0/71 falsely stopped. The floors sit one case under.
const TUNING_79_MIN_RECALL: f64 = 0.959;
/// … and at most this share of what must pass is stopped.
const TUNING_79_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn seventy_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, seventy-ninth round (w301-w304)",
        TUNING_79,
        Reading::Studied,
        TUNING_79_MIN_RECALL,
        TUNING_79_MAX_FALSE_RATE,
    );
}

/// The eightieth round's frozen half (w305–w308), measured at first contact like the seventy-ninth
/// (w305 23/23, 0/20; w306 19/20, 0/21; w307 21/22, 0/21; w308 22/23, 2/21): 85/88 (96.59 %)
/// stopped and 2/83 falsely stopped. The floors sit one case under.
const FROZEN_80_MIN_RECALL: f64 = 0.954;
/// … and at most this share of what must pass is stopped.
const FROZEN_80_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn eightieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eightieth round (w305-w308)",
        FROZEN_80,
        Reading::Counted,
        FROZEN_80_MIN_RECALL,
        FROZEN_80_MAX_FALSE_RATE,
    );
}

/// The eightieth round's tuning half (w305–w308), at first contact: 70/75 (93.33 %) stopped and
/// 1/71 falsely stopped. The floors sit one case under.
const TUNING_80_MIN_RECALL: f64 = 0.92;
/// … and at most this share of what must pass is stopped.
const TUNING_80_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn eightieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eightieth round (w305-w308)",
        TUNING_80,
        Reading::Studied,
        TUNING_80_MIN_RECALL,
        TUNING_80_MAX_FALSE_RATE,
    );
}

/// The eighty-first round's frozen half (w309–w312), measured at first contact after the rules made
/// on the tuning halves of w285-w308 (w309 21/22, 0/20; w310 17/20, 0/20; w311 22/22, 0/22; w312
/// 20/21, 1/21): 80/85 (94.12 %) stopped and 1/83 falsely stopped. The floors sit one case under.
const FROZEN_81_MIN_RECALL: f64 = 0.929;
/// … and at most this share of what must pass is stopped.
const FROZEN_81_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn eighty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-first round (w309-w312)",
        FROZEN_81,
        Reading::Counted,
        FROZEN_81_MIN_RECALL,
        FROZEN_81_MAX_FALSE_RATE,
    );
}

/// The eighty-first round's tuning half (w309–w312), at first contact: 71/73 (97.26 %) stopped and
/// 1/71 falsely stopped. The floors sit one case under.
const TUNING_81_MIN_RECALL: f64 = 0.958;
/// … and at most this share of what must pass is stopped.
const TUNING_81_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn eighty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-first round (w309-w312)",
        TUNING_81,
        Reading::Studied,
        TUNING_81_MIN_RECALL,
        TUNING_81_MAX_FALSE_RATE,
    );
}

/// The eighty-second round's frozen half (w313–w316), measured at first contact like the eighty-
/// first (w313 20/21, 0/20; w314 20/23, 0/20; w315 23/23, 0/18; w316 21/24, 1/22): 84/91 (92.31 %)
/// stopped and 1/80 falsely stopped. The floors sit one case under.
const FROZEN_82_MIN_RECALL: f64 = 0.912;
/// … and at most this share of what must pass is stopped.
const FROZEN_82_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn eighty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-second round (w313-w316)",
        FROZEN_82,
        Reading::Counted,
        FROZEN_82_MIN_RECALL,
        FROZEN_82_MAX_FALSE_RATE,
    );
}

/// The eighty-second round's tuning half (w313–w316), at first contact: 78/81 (96.30 %) stopped and
/// 1/68 falsely stopped. The floors sit one case under.
const TUNING_82_MIN_RECALL: f64 = 0.95;
/// … and at most this share of what must pass is stopped.
const TUNING_82_MAX_FALSE_RATE: f64 = 0.03;

#[test]
fn eighty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-second round (w313-w316)",
        TUNING_82,
        Reading::Studied,
        TUNING_82_MIN_RECALL,
        TUNING_82_MAX_FALSE_RATE,
    );
}

/// The eighty-third round's frozen half (w317–w323), written and measured after every rule of the
/// eighteenth round, not tuned on (w317 23/23, 0/21; w318 21/23, 1/20; w320 21/21, 0/22; w323
/// 23/25, 1/20): 88/92 (95.65 %) stopped and 2/83 falsely stopped. The floors sit one case under.
const FROZEN_83_MIN_RECALL: f64 = 0.945;
/// … and at most this share of what must pass is stopped.
const FROZEN_83_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn eighty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-third round (w317-w323)",
        FROZEN_83,
        Reading::Counted,
        FROZEN_83_MIN_RECALL,
        FROZEN_83_MAX_FALSE_RATE,
    );
}

/// The eighty-third round's tuning half (w317–w323), measured after every rule, not tuned on: 71/81
/// (87.65 %) stopped and 1/66 falsely stopped. The floors sit one case under.
const TUNING_83_MIN_RECALL: f64 = 0.864;
/// … and at most this share of what must pass is stopped.
const TUNING_83_MAX_FALSE_RATE: f64 = 0.031;

#[test]
fn eighty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-third round (w317-w323)",
        TUNING_83,
        Reading::Studied,
        TUNING_83_MIN_RECALL,
        TUNING_83_MAX_FALSE_RATE,
    );
}

/// The eighty-fourth round's frozen half (w319–w322), written and measured after every rule like
/// the eighty-third, not tuned on (w319 21/21, 0/21; w321 15/22, 0/21; w322 17/18, 0/23): 53/61
/// (86.89 %) stopped and 0/65 falsely stopped. The floors sit one case under.
const FROZEN_84_MIN_RECALL: f64 = 0.852;
/// … and at most this share of what must pass is stopped.
const FROZEN_84_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn eighty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-fourth round (w319-w322)",
        FROZEN_84,
        Reading::Counted,
        FROZEN_84_MIN_RECALL,
        FROZEN_84_MAX_FALSE_RATE,
    );
}

/// The eighty-fourth round's tuning half (w319–w322), measured after every rule, not tuned on:
/// 42/50 (84.00 %) stopped and 0/53 falsely stopped. The floors sit one case under.
const TUNING_84_MIN_RECALL: f64 = 0.82;
/// … and at most this share of what must pass is stopped.
const TUNING_84_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn eighty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-fourth round (w319-w322)",
        TUNING_84,
        Reading::Studied,
        TUNING_84_MIN_RECALL,
        TUNING_84_MAX_FALSE_RATE,
    );
}

/// The eighty-fifth round's frozen half (w324), split on arrival and measured after every rule of
/// the eighteenth round, not tuned on: 21/21 (100.00 %) stopped and 0/20 falsely stopped. The
/// floors sit one case under.
const FROZEN_85_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_85_MAX_FALSE_RATE: f64 = 0.05;

#[test]
fn eighty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-fifth round (w324)",
        FROZEN_85,
        Reading::Counted,
        FROZEN_85_MIN_RECALL,
        FROZEN_85_MAX_FALSE_RATE,
    );
}

/// The eighty-fifth round's tuning half (w324), measured after every rule of the eighteenth round:
/// 17/17 (100.00 %) stopped and 0/17 falsely stopped. The floors sit one case under.
const TUNING_85_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const TUNING_85_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn eighty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-fifth round (w324)",
        TUNING_85,
        Reading::Studied,
        TUNING_85_MIN_RECALL,
        TUNING_85_MAX_FALSE_RATE,
    );
}

/// The eighty-sixth round's frozen half (w325–w329), written blind (w325 people identified without
/// a name 12/22, 0/20; w327 pasted data 19/20, 0/20; w328 economic assistance 20/22, 0/19; w329
/// public text 18/18, 0/22), split on arrival and measured before any rule of the nineteenth round:
/// 69/82 (84.15 %) stopped and 0/81 falsely stopped. The floors sit one case under.
const FROZEN_86_MIN_RECALL: f64 = 0.829;
/// … and at most this share of what must pass is stopped.
const FROZEN_86_MAX_FALSE_RATE: f64 = 0.013;

#[test]
fn eighty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-sixth round (w325-w329)",
        FROZEN_86,
        Reading::Counted,
        FROZEN_86_MIN_RECALL,
        FROZEN_86_MAX_FALSE_RATE,
    );
}

/// The eighty-sixth round's tuning half (w325–w329), measured before any rule of the nineteenth
/// round: 59/70 (84.29 %) stopped and 4/71 falsely stopped. The floors sit one case under.
const TUNING_86_MIN_RECALL: f64 = 0.828;
/// … and at most this share of what must pass is stopped.
const TUNING_86_MAX_FALSE_RATE: f64 = 0.071;

#[test]
fn eighty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-sixth round (w325-w329)",
        TUNING_86,
        Reading::Studied,
        TUNING_86_MIN_RECALL,
        TUNING_86_MAX_FALSE_RATE,
    );
}

/// The eighty-seventh round's frozen half (w326–w332), written blind (w326 long documents 22/23,
/// 1/20; w330 identity numbers 18/20, 1/21; w331 English-speaking staff 19/20, 0/21; w332 markings
/// 20/20, 2/21), split on arrival and measured after the first two rules of the nineteenth round
/// (the open quotation, date ranges), before any rule made on it: 79/83 (95.18 %) stopped and 4/83
/// falsely stopped. The floors sit one case under.
const FROZEN_87_MIN_RECALL: f64 = 0.939;
/// … and at most this share of what must pass is stopped.
const FROZEN_87_MAX_FALSE_RATE: f64 = 0.061;

#[test]
fn eighty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-seventh round (w326-w332)",
        FROZEN_87,
        Reading::Counted,
        FROZEN_87_MIN_RECALL,
        FROZEN_87_MAX_FALSE_RATE,
    );
}

/// The eighty-seventh round's tuning half (w326–w332), measured at the same point: 72/75 (96.00 %)
/// stopped and 2/72 falsely stopped. The floors sit one case under.
const TUNING_87_MIN_RECALL: f64 = 0.946;
/// … and at most this share of what must pass is stopped.
const TUNING_87_MAX_FALSE_RATE: f64 = 0.042;

#[test]
fn eighty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-seventh round (w326-w332)",
        TUNING_87,
        Reading::Studied,
        TUNING_87_MIN_RECALL,
        TUNING_87_MAX_FALSE_RATE,
    );
}

/// The eighty-eighth round's frozen half (w333–w336), written blind (w333 children and families
/// 22/22, 0/20; w334 HR and managers 20/20, 0/20; w335 school 21/22, 0/19; w336 elderly care 19/22,
/// 1/19), split on arrival and measured after every rule of the nineteenth round, not tuned on:
/// 82/86 (95.35 %) stopped and 1/78 falsely stopped. The floors sit one case under.
const FROZEN_88_MIN_RECALL: f64 = 0.941;
/// … and at most this share of what must pass is stopped.
const FROZEN_88_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn eighty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-eighth round (w333-w336)",
        FROZEN_88,
        Reading::Counted,
        FROZEN_88_MIN_RECALL,
        FROZEN_88_MAX_FALSE_RATE,
    );
}

/// The eighty-eighth round's tuning half (w333–w336), measured at the same point: 73/76 (96.05 %)
/// stopped and 3/69 falsely stopped. The floors sit one case under.
const TUNING_88_MIN_RECALL: f64 = 0.947;
/// … and at most this share of what must pass is stopped.
const TUNING_88_MAX_FALSE_RATE: f64 = 0.058;

#[test]
fn eighty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-eighth round (w333-w336)",
        TUNING_88,
        Reading::Studied,
        TUNING_88_MIN_RECALL,
        TUNING_88_MAX_FALSE_RATE,
    );
}

/// The eighty-ninth round's frozen half (w337–w340), written blind (w337 public and everyday text
/// 18/19, 2/24; w338 numbers in records 21/21, 1/23; w339 markings and internal material 16/20,
/// 1/23; w340 chat-style prompts 22/23, 0/20), split on arrival and measured after every rule of
/// the nineteenth round, not tuned on: 77/83 (92.77 %) stopped and 4/90 falsely stopped. The floors
/// sit one case under.
const FROZEN_89_MIN_RECALL: f64 = 0.915;
/// … and at most this share of what must pass is stopped.
const FROZEN_89_MAX_FALSE_RATE: f64 = 0.056;

#[test]
fn eighty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, eighty-ninth round (w337-w340)",
        FROZEN_89,
        Reading::Counted,
        FROZEN_89_MIN_RECALL,
        FROZEN_89_MAX_FALSE_RATE,
    );
}

/// The eighty-ninth round's tuning half (w337–w340), measured at the same point: 61/68 (89.71 %)
/// stopped and 2/75 falsely stopped. The floors sit one case under.
const TUNING_89_MIN_RECALL: f64 = 0.882;
/// … and at most this share of what must pass is stopped.
const TUNING_89_MAX_FALSE_RATE: f64 = 0.04;

#[test]
fn eighty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, eighty-ninth round (w337-w340)",
        TUNING_89,
        Reading::Studied,
        TUNING_89_MIN_RECALL,
        TUNING_89_MAX_FALSE_RATE,
    );
}

/// The ninetieth round's frozen half (w341–w344), written blind (w341 politics 21/22, 0/21; w342
/// public texts 22/22, 0/20; w343 classification 20/20, 2/23; w344 social services 22/22, 0/18),
/// split on arrival and measured from the first rule of the twentieth round on, not tuned on: 85/86
/// (98.84 %) stopped and 2/82 falsely stopped. The floors sit one case under.
const FROZEN_90_MIN_RECALL: f64 = 0.976;
/// … and at most this share of what must pass is stopped.
const FROZEN_90_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn ninetieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninetieth round (w341-w344)",
        FROZEN_90,
        Reading::Counted,
        FROZEN_90_MIN_RECALL,
        FROZEN_90_MAX_FALSE_RATE,
    );
}

/// The ninetieth round's tuning half (w341–w344), at first contact 69/73 and 0/71, after the rules
/// made on it: 72/73 (98.63 %) stopped and 0/71 falsely stopped. The floors sit one case under.
const TUNING_90_MIN_RECALL: f64 = 0.972;
/// … and at most this share of what must pass is stopped.
const TUNING_90_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn ninetieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninetieth round (w341-w344)",
        TUNING_90,
        Reading::Studied,
        TUNING_90_MIN_RECALL,
        TUNING_90_MAX_FALSE_RATE,
    );
}

/// The ninety-first round's frozen half (w345–w348), written blind (w345 care handovers 18/22,
/// 0/19; w346 pasted numbers 17/22, 0/20; w347 HR and unions 21/22, 0/21; w348 mixed chat 22/22,
/// 2/22), split on arrival and measured from the first rule of the twentieth round on, not tuned
/// on: 78/88 (88.64 %) stopped and 2/82 falsely stopped. The floors sit one case under.
const FROZEN_91_MIN_RECALL: f64 = 0.875;
/// … and at most this share of what must pass is stopped.
const FROZEN_91_MAX_FALSE_RATE: f64 = 0.037;

#[test]
fn ninety_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-first round (w345-w348)",
        FROZEN_91,
        Reading::Counted,
        FROZEN_91_MIN_RECALL,
        FROZEN_91_MAX_FALSE_RATE,
    );
}

/// The ninety-first round's tuning half (w345–w348), at first contact 73/80 and 0/67, after the
/// rules made on it: 75/80 (93.75 %) stopped and 0/67 falsely stopped. The floors sit one case
/// under.
const TUNING_91_MIN_RECALL: f64 = 0.925;
/// … and at most this share of what must pass is stopped.
const TUNING_91_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn ninety_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-first round (w345-w348)",
        TUNING_91,
        Reading::Studied,
        TUNING_91_MIN_RECALL,
        TUNING_91_MAX_FALSE_RATE,
    );
}

/// The ninety-second round's frozen half (w349–w352), written blind (w349 school 21/21, 0/21; w350
/// long documents 21/22, 2/20; w351 citizen communication 21/22, 1/20; w352 secrecy in documents
/// 19/20, 1/21) while the twentieth round's rules were made, split and measured after them, not
/// tuned on: 82/85 (96.47 %) stopped and 4/82 falsely stopped. The floors sit one case under.
const FROZEN_92_MIN_RECALL: f64 = 0.952;
/// … and at most this share of what must pass is stopped.
const FROZEN_92_MAX_FALSE_RATE: f64 = 0.061;

#[test]
fn ninety_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-second round (w349-w352)",
        FROZEN_92,
        Reading::Counted,
        FROZEN_92_MIN_RECALL,
        FROZEN_92_MAX_FALSE_RATE,
    );
}

/// The ninety-second round's tuning half (w349–w352), measured at the same point: 71/74 (95.95 %)
/// stopped and 5/71 falsely stopped. The floors sit one case under.
const TUNING_92_MIN_RECALL: f64 = 0.945;
/// … and at most this share of what must pass is stopped.
const TUNING_92_MAX_FALSE_RATE: f64 = 0.085;

#[test]
fn ninety_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-second round (w349-w352)",
        TUNING_92,
        Reading::Studied,
        TUNING_92_MIN_RECALL,
        TUNING_92_MAX_FALSE_RATE,
    );
}

/// The ninety-third round's frozen half (w353–w356), written blind (w353 people identified without
/// a name 12/23, 0/20; w354 English-speaking staff 24/25, 0/21; w355 disguised numbers 15/22, 0/21;
/// w356 health care and rehabilitation 20/20, 1/20) while the twentieth round's rules were made,
/// split and measured after them, not tuned on: 71/90 (78.89 %) stopped and 1/82 falsely stopped.
/// The floors sit one case under.
const FROZEN_93_MIN_RECALL: f64 = 0.777;
/// … and at most this share of what must pass is stopped.
const FROZEN_93_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn ninety_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-third round (w353-w356)",
        FROZEN_93,
        Reading::Counted,
        FROZEN_93_MIN_RECALL,
        FROZEN_93_MAX_FALSE_RATE,
    );
}

/// The ninety-third round's tuning half (w353–w356), measured at the same point: 63/78 (80.77 %)
/// stopped and 0/74 falsely stopped. The floors sit one case under.
const TUNING_93_MIN_RECALL: f64 = 0.794;
/// … and at most this share of what must pass is stopped.
const TUNING_93_MAX_FALSE_RATE: f64 = 0.014;

#[test]
fn ninety_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-third round (w353-w356)",
        TUNING_93,
        Reading::Studied,
        TUNING_93_MIN_RECALL,
        TUNING_93_MAX_FALSE_RATE,
    );
}

/// The ninety-fourth round's frozen half (w357–w362), written blind (w357 elderly care, w358
/// procurement, w359 pasted data, w360 LSS and psychiatry, w361 quick chat, w362 permits and
/// committees) and measured at first contact, before any rule was made on the round: 122/130 (93.85
/// %) stopped and 2/122 falsely stopped. The floors sit one case under.
const FROZEN_94_MIN_RECALL: f64 = 0.93;
/// … and at most this share of what must pass is stopped.
const FROZEN_94_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn ninety_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-fourth round (w357-w362)",
        FROZEN_94,
        Reading::Counted,
        FROZEN_94_MIN_RECALL,
        FROZEN_94_MAX_FALSE_RATE,
    );
}

/// The ninety-fourth round's tuning half (w357–w362), at first contact: 109/116 (93.97 %) stopped
/// and 3/104 falsely stopped. The floors sit one case under.
const TUNING_94_MIN_RECALL: f64 = 0.931;
/// … and at most this share of what must pass is stopped.
const TUNING_94_MAX_FALSE_RATE: f64 = 0.039;

#[test]
fn ninety_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-fourth round (w357-w362)",
        TUNING_94,
        Reading::Studied,
        TUNING_94_MIN_RECALL,
        TUNING_94_MAX_FALSE_RATE,
    );
}

/// The ninety-fifth round's frozen half (w363–w364), written blind (w363 residents' letters and
/// complaints, w364 HR) and measured at first contact, before any rule was made on the round: 41/44
/// (93.18 %) stopped and 0/40 falsely stopped. The floors sit one case under.
const FROZEN_95_MIN_RECALL: f64 = 0.909;
/// … and at most this share of what must pass is stopped.
const FROZEN_95_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn ninety_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-fifth round (w363-w364)",
        FROZEN_95,
        Reading::Counted,
        FROZEN_95_MIN_RECALL,
        FROZEN_95_MAX_FALSE_RATE,
    );
}

/// The ninety-fifth round's tuning half (w363–w364), at first contact: 39/40 (97.50 %) stopped and
/// 1/34 falsely stopped. The floors sit one case under.
const TUNING_95_MIN_RECALL: f64 = 0.95;
/// … and at most this share of what must pass is stopped.
const TUNING_95_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn ninety_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-fifth round (w363-w364)",
        TUNING_95,
        Reading::Studied,
        TUNING_95_MIN_RECALL,
        TUNING_95_MAX_FALSE_RATE,
    );
}

/// The ninety-sixth round's frozen half (w365–w370), written blind (w365 adult social services,
/// w366 pupil welfare, w367 IT and information security, w368 communications, w369 minutes and
/// memos, w370 international staff) while the twenty-first round's rules were made and measured
/// after the last of them, never tuned on: 122/129 (94.57 %) stopped and 2/120 falsely stopped. The
/// floors sit one case under.
const FROZEN_96_MIN_RECALL: f64 = 0.937;
/// … and at most this share of what must pass is stopped.
const FROZEN_96_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn ninety_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-sixth round (w365-w370)",
        FROZEN_96,
        Reading::Counted,
        FROZEN_96_MIN_RECALL,
        FROZEN_96_MAX_FALSE_RATE,
    );
}

/// The ninety-sixth round's tuning half (w365–w370), measured with the frozen half: 111/114 (97.37
/// %) stopped and 0/103 falsely stopped. The floors sit one case under.
const TUNING_96_MIN_RECALL: f64 = 0.964;
/// … and at most this share of what must pass is stopped.
const TUNING_96_MAX_FALSE_RATE: f64 = 0.01;

#[test]
fn ninety_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-sixth round (w365-w370)",
        TUNING_96,
        Reading::Studied,
        TUNING_96_MIN_RECALL,
        TUNING_96_MAX_FALSE_RATE,
    );
}

/// The ninety-seventh round's frozen half (w371–w376), written blind (w371 workplace incidents,
/// w372 culture and leisure, w373 politics and council, w374 translation, w375 pasted tables and
/// lists, w376 safety and crisis management), split on arrival and measured before any rule made
/// on them: 126/134 (94.03 %) stopped and 1/122 falsely stopped. The floors sit one case under.
const FROZEN_97_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const FROZEN_97_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn ninety_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-seventh round (w371-w376)",
        FROZEN_97,
        Reading::Counted,
        FROZEN_97_MIN_RECALL,
        FROZEN_97_MAX_FALSE_RATE,
    );
}

/// The ninety-seventh round's tuning half (w371–w376), at first contact: 106/111 (95.50 %) stopped
/// and 4/103 falsely stopped. The floors sit one case under.
const TUNING_97_MIN_RECALL: f64 = 0.945;
/// … and at most this share of what must pass is stopped.
const TUNING_97_MAX_FALSE_RATE: f64 = 0.049;

#[test]
fn ninety_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-seventh round (w371-w376)",
        TUNING_97,
        Reading::Studied,
        TUNING_97_MIN_RECALL,
        TUNING_97_MAX_FALSE_RATE,
    );
}

/// The ninety-eighth round's frozen half (w377–w380), written blind (w377 registry and archive,
/// w378 home health care, w379 housing and debt counselling, w380 preschool and after-school)
/// while the twenty-second round's rules were made, left unsplit and unread until the last of
/// them, never tuned on: 91/93 (97.85 %) stopped and 1/84 falsely stopped. The floors sit one case
/// under.
const FROZEN_98_MIN_RECALL: f64 = 0.967;
/// … and at most this share of what must pass is stopped.
const FROZEN_98_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn ninety_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-eighth round (w377-w380)",
        FROZEN_98,
        Reading::Counted,
        FROZEN_98_MIN_RECALL,
        FROZEN_98_MAX_FALSE_RATE,
    );
}

/// The ninety-eighth round's tuning half (w377–w380), measured with the frozen half: 77/82 (93.90
/// %) stopped and 0/68 falsely stopped. The floors sit one case under.
const TUNING_98_MIN_RECALL: f64 = 0.926;
/// … and at most this share of what must pass is stopped.
const TUNING_98_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn ninety_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-eighth round (w377-w380)",
        TUNING_98,
        Reading::Studied,
        TUNING_98_MIN_RECALL,
        TUNING_98_MAX_FALSE_RATE,
    );
}

/// The ninety-ninth round's frozen half (w381–w386), written blind (w381 social-services intake,
/// w382 student health, w383 sick leave and rehabilitation, w384 committee minutes, w385 English
/// and Swedish-English, w386 prompts typed on a phone), split on arrival and measured before any
/// rule made on them: 126/134 (94.03 %) stopped and 1/136 falsely stopped. The floors sit one case
/// under.
const FROZEN_99_MIN_RECALL: f64 = 0.932;
/// … and at most this share of what must pass is stopped.
const FROZEN_99_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn ninety_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, ninety-ninth round (w381-w386)",
        FROZEN_99,
        Reading::Counted,
        FROZEN_99_MIN_RECALL,
        FROZEN_99_MAX_FALSE_RATE,
    );
}

/// The ninety-ninth round's tuning half (w381–w386), at first contact: 107/115 (93.04 %) stopped
/// and 1/114 falsely stopped. The floors sit one case under.
const TUNING_99_MIN_RECALL: f64 = 0.921;
/// … and at most this share of what must pass is stopped.
const TUNING_99_MAX_FALSE_RATE: f64 = 0.018;

#[test]
fn ninety_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, ninety-ninth round (w381-w386)",
        TUNING_99,
        Reading::Studied,
        TUNING_99_MIN_RECALL,
        TUNING_99_MAX_FALSE_RATE,
    );
}

/// The hundredth round's frozen half (w387–w390), written blind (w387 group homes and supported
/// housing, w388 pasted documents and markings, w389 payments and numbers, w390 residents'
/// complaints and neighbour disputes) while the twenty-third round's rules were made, left
/// unsplit and unread until the last of them, never tuned on: 88/91 (96.70 %) stopped and 1/93
/// falsely stopped. The floors sit one case under.
const FROZEN_100_MIN_RECALL: f64 = 0.956;
/// … and at most this share of what must pass is stopped.
const FROZEN_100_MAX_FALSE_RATE: f64 = 0.022;

#[test]
fn hundredth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundredth round (w387-w390)",
        FROZEN_100,
        Reading::Counted,
        FROZEN_100_MIN_RECALL,
        FROZEN_100_MAX_FALSE_RATE,
    );
}

/// The hundredth round's tuning half (w387–w390), measured with the frozen half: 77/78 (98.72 %)
/// stopped and 1/74 falsely stopped. The floors sit one case under.
const TUNING_100_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_100_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn hundredth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundredth round (w387-w390)",
        TUNING_100,
        Reading::Studied,
        TUNING_100_MIN_RECALL,
        TUNING_100_MAX_FALSE_RATE,
    );
}

/// The hundred-and-first round's frozen half (w391–w396), written blind (w391 night care, w392
/// upper secondary school and youth, w393 recruitment, w394 IT support, w395 family law, w396
/// managers' briefings) after the twenty-third round's rules, split on arrival and measured
/// before any rule made on them: 121/130 (93.08 %) stopped and 2/137 falsely stopped. The
/// floors sit one case under.
const FROZEN_101_MIN_RECALL: f64 = 0.923;
/// … and at most this share of what must pass is stopped.
const FROZEN_101_MAX_FALSE_RATE: f64 = 0.022;

#[test]
fn hundred_and_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-first round (w391-w396)",
        FROZEN_101,
        Reading::Counted,
        FROZEN_101_MIN_RECALL,
        FROZEN_101_MAX_FALSE_RATE,
    );
}

/// The hundred-and-first round's tuning half (w391–w396), at first contact: 112/117 (95.73 %)
/// stopped and 2/112 falsely stopped. The floors sit one case under.
const TUNING_101_MIN_RECALL: f64 = 0.948;
/// … and at most this share of what must pass is stopped.
const TUNING_101_MAX_FALSE_RATE: f64 = 0.027;

#[test]
fn hundred_and_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-first round (w391-w396)",
        TUNING_101,
        Reading::Studied,
        TUNING_101_MIN_RECALL,
        TUNING_101_MAX_FALSE_RATE,
    );
}

/// The hundred-and-second round's frozen half (w397–w402), written blind (w397 compulsory
/// school, w398 dementia care, w399 labour market and integration, w400 registry and public
/// records, w401 local politicians, w402 the municipality's health care) after the
/// twenty-third round's rules, split on arrival and measured before any rule made on them:
/// 136/141 (96.45 %) stopped and 2/130 falsely stopped. The floors sit one case under.
const FROZEN_102_MIN_RECALL: f64 = 0.957;
/// … and at most this share of what must pass is stopped.
const FROZEN_102_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn hundred_and_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-second round (w397-w402)",
        FROZEN_102,
        Reading::Counted,
        FROZEN_102_MIN_RECALL,
        FROZEN_102_MAX_FALSE_RATE,
    );
}

/// The hundred-and-second round's tuning half (w397–w402): 115/125 (92.00 %) stopped and
/// 2/112 falsely stopped at first contact, 124/125 and 0/112 after the twenty-fourth round's
/// rules. The floors sit one case under the latter.
const TUNING_102_MIN_RECALL: f64 = 0.984;
/// … and at most this share of what must pass is stopped.
const TUNING_102_MAX_FALSE_RATE: f64 = 0.009;

#[test]
fn hundred_and_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-second round (w397-w402)",
        TUNING_102,
        Reading::Studied,
        TUNING_102_MIN_RECALL,
        TUNING_102_MAX_FALSE_RATE,
    );
}

/// The hundred-and-third round's frozen half (w403–w404), written blind (w403 culture and
/// leisure, w404 building permits, environment and technical services) while the twenty-fourth
/// round's rules were made, kept unread in `unsplit/` and split and measured after the last
/// of them: 42/46 (91.30 %) stopped and 0/43 falsely stopped. The floors sit one case under.
const FROZEN_103_MIN_RECALL: f64 = 0.891;
/// … and at most this share of what must pass is stopped.
const FROZEN_103_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn hundred_and_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-third round (w403-w404)",
        FROZEN_103,
        Reading::Counted,
        FROZEN_103_MIN_RECALL,
        FROZEN_103_MAX_FALSE_RATE,
    );
}

/// The hundred-and-third round's tuning half (w403–w404): 38/40 (95.00 %) stopped and 0/36
/// falsely stopped when split. The floors sit one case under.
const TUNING_103_MIN_RECALL: f64 = 0.925;
/// … and at most this share of what must pass is stopped.
const TUNING_103_MAX_FALSE_RATE: f64 = 0.028;

#[test]
fn hundred_and_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-third round (w403-w404)",
        TUNING_103,
        Reading::Studied,
        TUNING_103_MIN_RECALL,
        TUNING_103_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fourth round's frozen half (w405–w410), written blind (w405 HR and payroll,
/// w406 adult social services, w407 preschool, w408 the contact centre, w409 disability
/// support under LSS, w410 international and English-speaking staff) after the twenty-fourth
/// round's first rules, split on arrival and measured before any rule made on them: 138/143
/// (96.50 %) stopped and 1/129 falsely stopped. The floors sit one case under.
const FROZEN_104_MIN_RECALL: f64 = 0.958;
/// … and at most this share of what must pass is stopped.
const FROZEN_104_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn hundred_and_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-fourth round (w405-w410)",
        FROZEN_104,
        Reading::Counted,
        FROZEN_104_MIN_RECALL,
        FROZEN_104_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fourth round's tuning half (w405–w410), at first contact: 117/120
/// (97.50 %) stopped and 0/104 falsely stopped. The floors sit one case under.
const TUNING_104_MIN_RECALL: f64 = 0.966;
/// … and at most this share of what must pass is stopped.
const TUNING_104_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-fourth round (w405-w410)",
        TUNING_104,
        Reading::Studied,
        TUNING_104_MIN_RECALL,
        TUNING_104_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fifth round's frozen half (w411–w416), written blind (w411 bullying and
/// safety in schools, w412 home care, w413 finance, procurement and debt collection, w414
/// safety, security and crisis management, w415 communications, w416 child and youth social
/// services) after the twenty-fourth round's rules on w397–w410, split on arrival and measured
/// before any rule made on them: 138/147 (93.88 %) stopped and 1/131 falsely stopped. The
/// floors sit one case under.
const FROZEN_105_MIN_RECALL: f64 = 0.931;
/// … and at most this share of what must pass is stopped.
const FROZEN_105_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn hundred_and_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-fifth round (w411-w416)",
        FROZEN_105,
        Reading::Counted,
        FROZEN_105_MIN_RECALL,
        FROZEN_105_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fifth round's tuning half (w411–w416), at first contact: 121/124 (97.58 %)
/// stopped and 1/115 falsely stopped. The floors sit one case under.
const TUNING_105_MIN_RECALL: f64 = 0.967;
/// … and at most this share of what must pass is stopped.
const TUNING_105_MAX_FALSE_RATE: f64 = 0.018;

#[test]
fn hundred_and_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-fifth round (w411-w416)",
        TUNING_105,
        Reading::Studied,
        TUNING_105_MIN_RECALL,
        TUNING_105_MAX_FALSE_RATE,
    );
}

/// The hundred-and-sixth round's frozen half (w417–w422), written blind (w417 the council
/// secretariat, w418 special needs education and the adapted school, w419 the municipal housing
/// company, w420 colleagues' chat, w421 environmental health and food inspections, w422 long
/// pasted documents) after the twenty-fourth round's rules on w397–w416, split on arrival and
/// measured before any rule made on them: 132/140 (94.29 %) stopped and 4/127 falsely stopped.
/// The floors sit one case under.
const FROZEN_106_MIN_RECALL: f64 = 0.935;
/// … and at most this share of what must pass is stopped.
const FROZEN_106_MAX_FALSE_RATE: f64 = 0.040;

#[test]
fn hundred_and_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-sixth round (w417-w422)",
        FROZEN_106,
        Reading::Counted,
        FROZEN_106_MIN_RECALL,
        FROZEN_106_MAX_FALSE_RATE,
    );
}

/// The hundred-and-sixth round's tuning half (w417–w422), at first contact: 119/122 (97.54 %)
/// stopped and 2/106 falsely stopped. The floors sit one case under.
const TUNING_106_MIN_RECALL: f64 = 0.967;
/// … and at most this share of what must pass is stopped.
const TUNING_106_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn hundred_and_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-sixth round (w417-w422)",
        TUNING_106,
        Reading::Studied,
        TUNING_106_MIN_RECALL,
        TUNING_106_MAX_FALSE_RATE,
    );
}

/// The hundred-and-seventh round's frozen half (w423–w426), written blind (w423 school meals,
/// transport and school nurses, w424 elderly care quality and complaints, w425 residents
/// writing to the municipality, w426 IT exports and logs) after every rule of the
/// twenty-fourth round, split on arrival and measured, not tuned on: 73/77 (94.81 %) stopped
/// and 0/70 falsely stopped. The floors sit one case under.
const FROZEN_107_MIN_RECALL: f64 = 0.935;
/// … and at most this share of what must pass is stopped.
const FROZEN_107_MAX_FALSE_RATE: f64 = 0.015;

#[test]
fn hundred_and_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-seventh round (w423-w426)",
        FROZEN_107,
        Reading::Counted,
        FROZEN_107_MIN_RECALL,
        FROZEN_107_MAX_FALSE_RATE,
    );
}

/// The hundred-and-seventh round's tuning half (w423–w426), at first contact: 61/66 (92.42 %)
/// stopped and 0/53 falsely stopped. The floors sit one case under.
const TUNING_107_MIN_RECALL: f64 = 0.909;
/// … and at most this share of what must pass is stopped.
const TUNING_107_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-seventh round (w423-w426)",
        TUNING_107,
        Reading::Studied,
        TUNING_107_MIN_RECALL,
        TUNING_107_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eighth round's frozen half (w427 guardianship, w428 rescue services, w429
/// adult education, w430 debt counselling, w431 translation and interpreting, w432 property and
/// technical services), written after every rule of the twenty-fourth round, split on arrival
/// and measured before any rule of the twenty-fifth: 134/141 (95.04 %) stopped and 0/128
/// falsely stopped. The floors sit one case under.
const FROZEN_108_MIN_RECALL: f64 = 0.943;
/// … and at most this share of what must pass is stopped.
const FROZEN_108_MAX_FALSE_RATE: f64 = 0.008;

#[test]
fn hundred_and_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-eighth round (w427-w432)",
        FROZEN_108,
        Reading::Counted,
        FROZEN_108_MIN_RECALL,
        FROZEN_108_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eighth round's tuning half (w427–w432), at first contact: 115/122 (94.26 %)
/// stopped and 1/112 falsely stopped. The floors sit one case under.
const TUNING_108_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const TUNING_108_MAX_FALSE_RATE: f64 = 0.018;

#[test]
fn hundred_and_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-eighth round (w427-w432)",
        TUNING_108,
        Reading::Studied,
        TUNING_108_MIN_RECALL,
        TUNING_108_MAX_FALSE_RATE,
    );
}

/// The hundred-and-ninth round's frozen half (w433 pensions, payroll and occupational health,
/// w434 youth recreation, clubs and summer jobs, w435 the archive and requests for public
/// documents, w436 hurried browser chat, w437 parents and relatives writing in, w438 English and
/// mixed prompts of international staff), written after every rule of the twenty-fifth round,
/// split on arrival and measured before any rule made on it: 137/142 (96.48 %) stopped and
/// 0/129 falsely stopped. The floors sit one case under.
const FROZEN_109_MIN_RECALL: f64 = 0.957;
/// … and at most this share of what must pass is stopped.
const FROZEN_109_MAX_FALSE_RATE: f64 = 0.008;

#[test]
fn hundred_and_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-ninth round (w433-w438)",
        FROZEN_109,
        Reading::Counted,
        FROZEN_109_MIN_RECALL,
        FROZEN_109_MAX_FALSE_RATE,
    );
}

/// The hundred-and-ninth round's tuning half (w433–w438), at first contact: 115/126 (91.27 %)
/// stopped and 4/113 falsely stopped. The floors sit one case under.
const TUNING_109_MIN_RECALL: f64 = 0.904;
/// … and at most this share of what must pass is stopped.
const TUNING_109_MAX_FALSE_RATE: f64 = 0.045;

#[test]
fn hundred_and_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-ninth round (w433-w438)",
        TUNING_109,
        Reading::Studied,
        TUNING_109_MIN_RECALL,
        TUNING_109_MAX_FALSE_RATE,
    );
}

/// The hundred-and-tenth round's frozen half (w439 adult and family case work, w440 teachers,
/// w441 elderly and home health care, w442 the town hall's administration and HR), written
/// after every rule of the twenty-fifth round, split on arrival and measured, not tuned on:
/// 72/73 (98.63 %) stopped and 1/68 falsely stopped. The floors sit one case under.
const FROZEN_110_MIN_RECALL: f64 = 0.972;
/// … and at most this share of what must pass is stopped.
const FROZEN_110_MAX_FALSE_RATE: f64 = 0.030;

#[test]
fn hundred_and_tenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-tenth round (w439-w442)",
        FROZEN_110,
        Reading::Counted,
        FROZEN_110_MIN_RECALL,
        FROZEN_110_MAX_FALSE_RATE,
    );
}

/// The hundred-and-tenth round's tuning half (w439–w442), at first contact: 60/63 (95.24 %)
/// stopped and 0/53 falsely stopped. The floors sit one case under.
const TUNING_110_MIN_RECALL: f64 = 0.936;
/// … and at most this share of what must pass is stopped.
const TUNING_110_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_tenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-tenth round (w439-w442)",
        TUNING_110,
        Reading::Studied,
        TUNING_110_MIN_RECALL,
        TUNING_110_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eleventh round's frozen half (w443 psychiatry, addiction and housing
/// support, w444 the council and its committees, w445 whole pasted documents, w446 disability
/// services and assistance, w447 planning, permits and neighbours, w448 the press office and
/// social media), written after every rule of the twenty-fifth round, split on arrival and
/// measured, not tuned on: 106/112 (94.64 %) stopped and 5/103 falsely stopped. The floors sit
/// one case under.
const FROZEN_111_MIN_RECALL: f64 = 0.937;
/// … and at most this share of what must pass is stopped.
const FROZEN_111_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn hundred_and_eleventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-eleventh round (w443-w448)",
        FROZEN_111,
        Reading::Counted,
        FROZEN_111_MIN_RECALL,
        FROZEN_111_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eleventh round's tuning half (w443–w448), at first contact: 96/97 (98.97 %)
/// stopped and 1/84 falsely stopped. The floors sit one case under.
const TUNING_111_MIN_RECALL: f64 = 0.979;
/// … and at most this share of what must pass is stopped.
const TUNING_111_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn hundred_and_eleventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-eleventh round (w443-w448)",
        TUNING_111,
        Reading::Studied,
        TUNING_111_MIN_RECALL,
        TUNING_111_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twelfth round's frozen half (w449 child and youth services and foster care,
/// w450 managers and their staff, w451 upper secondary school and student health, w452 the IT
/// service desk), written after every rule of the twenty-fifth round (its fourth part
/// included), split on arrival and measured, not tuned on: 72/76 (94.74 %) stopped and 1/69
/// falsely stopped. The floors sit one case under.
const FROZEN_112_MIN_RECALL: f64 = 0.934;
/// … and at most this share of what must pass is stopped.
const FROZEN_112_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn hundred_and_twelfth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twelfth round (w449-w452)",
        FROZEN_112,
        Reading::Counted,
        FROZEN_112_MIN_RECALL,
        FROZEN_112_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twelfth round's tuning half (w449–w452), at first contact: 62/64 (96.88 %)
/// stopped and 1/53 falsely stopped. The floors sit one case under.
const TUNING_112_MIN_RECALL: f64 = 0.953;
/// … and at most this share of what must pass is stopped.
const TUNING_112_MAX_FALSE_RATE: f64 = 0.038;

#[test]
fn hundred_and_twelfth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twelfth round (w449-w452)",
        TUNING_112,
        Reading::Studied,
        TUNING_112_MIN_RECALL,
        TUNING_112_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirteenth round's frozen half (w453 financial assistance and the
/// labour-market unit, w454 HR and rehabilitation, w455 preschool, w456 environmental and public
/// health inspection, w457 the housing and energy companies, w458 culture and leisure), written
/// after every rule of the twenty-fifth round, split on arrival and measured before any rule
/// made on its tuning half: 133/136 (97.79 %) stopped and 1/122 falsely stopped. The floors sit
/// one case under.
const FROZEN_113_MIN_RECALL: f64 = 0.970;
/// … and at most this share of what must pass is stopped.
const FROZEN_113_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_thirteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-thirteenth round (w453-w458)",
        FROZEN_113,
        Reading::Counted,
        FROZEN_113_MIN_RECALL,
        FROZEN_113_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirteenth round's tuning half (w453–w458), at first contact: 113/116
/// (97.41 %) stopped and 1/104 falsely stopped. The floors sit one case under.
const TUNING_113_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const TUNING_113_MAX_FALSE_RATE: f64 = 0.020;

#[test]
fn hundred_and_thirteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-thirteenth round (w453-w458)",
        TUNING_113,
        Reading::Studied,
        TUNING_113_MIN_RECALL,
        TUNING_113_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fourteenth round's frozen half (w459 school meals, kitchen and cleaning,
/// w460 security and crisis management, w461 procurement and contracts, w462 committee
/// secretaries and their politicians, w463 the contact centre, w464 school transport and special
/// transport service), written after the first two parts of the twenty-sixth round, split on
/// arrival and measured before any rule made on its tuning half: 132/137 (96.35 %) stopped and
/// 0/119 falsely stopped. The floors sit one case under.
const FROZEN_114_MIN_RECALL: f64 = 0.956;
/// … and at most this share of what must pass is stopped.
const FROZEN_114_MAX_FALSE_RATE: f64 = 0.009;

#[test]
fn hundred_and_fourteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-fourteenth round (w459-w464)",
        FROZEN_114,
        Reading::Counted,
        FROZEN_114_MIN_RECALL,
        FROZEN_114_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fourteenth round's tuning half (w459–w464), at first contact: 111/113
/// (98.23 %) stopped and 1/99 falsely stopped. The floors sit one case under.
const TUNING_114_MIN_RECALL: f64 = 0.973;
/// … and at most this share of what must pass is stopped.
const TUNING_114_MAX_FALSE_RATE: f64 = 0.021;

#[test]
fn hundred_and_fourteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-fourteenth round (w459-w464)",
        TUNING_114,
        Reading::Studied,
        TUNING_114_MIN_RECALL,
        TUNING_114_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fifteenth round's frozen half (w465 Swedish for immigrants and integration,
/// w466 the legal unit, w467 streets, parks and snow clearing, w468 chat between colleagues,
/// w469 elected politicians, w470 homelessness and social housing), written after the third part
/// of the twenty-sixth round, split on arrival and measured before any rule made on its tuning
/// half: 123/133 (92.48 %) stopped and 2/120 falsely stopped. The floors sit one case under.
const FROZEN_115_MIN_RECALL: f64 = 0.917;
/// … and at most this share of what must pass is stopped.
const FROZEN_115_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn hundred_and_fifteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-fifteenth round (w465-w470)",
        FROZEN_115,
        Reading::Counted,
        FROZEN_115_MIN_RECALL,
        FROZEN_115_MAX_FALSE_RATE,
    );
}

/// The hundred-and-fifteenth round's tuning half (w465–w470), at first contact: 113/116
/// (97.41 %) stopped and 1/107 falsely stopped. The floors sit one case under.
const TUNING_115_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const TUNING_115_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_fifteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-fifteenth round (w465-w470)",
        TUNING_115,
        Reading::Studied,
        TUNING_115_MIN_RECALL,
        TUNING_115_MAX_FALSE_RATE,
    );
}

/// The hundred-and-sixteenth round's frozen half (w471 night staff and handovers, w472 IT and
/// statistics staff in English with pasted data, w473 citizen service and easy-to-read Swedish,
/// w474 contact persons and support families), written after every rule of the twenty-sixth
/// round, split on arrival and measured, not tuned on: 85/90 (94.44 %) stopped and 1/81 falsely
/// stopped. The floors sit one case under.
const FROZEN_116_MIN_RECALL: f64 = 0.933;
/// … and at most this share of what must pass is stopped.
const FROZEN_116_MAX_FALSE_RATE: f64 = 0.025;

#[test]
fn hundred_and_sixteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-sixteenth round (w471-w474)",
        FROZEN_116,
        Reading::Counted,
        FROZEN_116_MIN_RECALL,
        FROZEN_116_MAX_FALSE_RATE,
    );
}

/// The hundred-and-sixteenth round's tuning half (w471–w474), at first contact: 77/78
/// (98.72 %) stopped and 2/70 falsely stopped. The floors sit one case under.
const TUNING_116_MIN_RECALL: f64 = 0.974;
/// … and at most this share of what must pass is stopped.
const TUNING_116_MAX_FALSE_RATE: f64 = 0.043;

#[test]
fn hundred_and_sixteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-sixteenth round (w471-w474)",
        TUNING_116,
        Reading::Studied,
        TUNING_116_MIN_RECALL,
        TUNING_116_MAX_FALSE_RATE,
    );
}

/// The hundred-and-seventeenth round's frozen half (w475 mobility services and housing
/// adaptation, w476 alcohol and tobacco licensing, w477 election administration, w478 notes
/// dictated and pasted from speech-to-text, w479 libraries, museums and the archive, w480
/// interpreters and translation), split on arrival and measured on the code of the first part of
/// the twenty-seventh round before any rule made on its tuning half: 127/135 (94.07 %) stopped
/// and 0/120 falsely stopped. The floors sit one case under.
const FROZEN_117_MIN_RECALL: f64 = 0.933;
/// … and at most this share of what must pass is stopped.
const FROZEN_117_MAX_FALSE_RATE: f64 = 0.009;

#[test]
fn hundred_and_seventeenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-seventeenth round (w475-w480)",
        FROZEN_117,
        Reading::Counted,
        FROZEN_117_MIN_RECALL,
        FROZEN_117_MAX_FALSE_RATE,
    );
}

/// The hundred-and-seventeenth round's tuning half (w475–w480), at first contact: 111/120
/// (92.50 %) stopped and 1/105 falsely stopped. The floors sit one case under.
const TUNING_117_MIN_RECALL: f64 = 0.916;
/// … and at most this share of what must pass is stopped.
const TUNING_117_MAX_FALSE_RATE: f64 = 0.020;

#[test]
fn hundred_and_seventeenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-seventeenth round (w475-w480)",
        TUNING_117,
        Reading::Studied,
        TUNING_117_MIN_RECALL,
        TUNING_117_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eighteenth round's frozen half (w481 prompts typed on a phone or a foreign
/// keyboard without Swedish letters, w482 text pasted from PDFs and scans, w483 family
/// counselling and parenting support, w484 grants to associations and sports clubs, w485
/// national minorities and minority languages, w486 staff writing about themselves and
/// colleagues), split on arrival and measured on the code of the second part of the
/// twenty-seventh round before any rule made on its tuning half: 118/134 (88.06 %) stopped and
/// 6/120 (5.00 %) falsely stopped. The floors sit one case under.
const FROZEN_118_MIN_RECALL: f64 = 0.873;
/// … and at most this share of what must pass is stopped.
const FROZEN_118_MAX_FALSE_RATE: f64 = 0.059;

#[test]
fn hundred_and_eighteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-eighteenth round (w481-w486)",
        FROZEN_118,
        Reading::Counted,
        FROZEN_118_MIN_RECALL,
        FROZEN_118_MAX_FALSE_RATE,
    );
}

/// The hundred-and-eighteenth round's tuning half (w481–w486), at first contact: 98/111
/// (88.29 %) stopped and 2/106 falsely stopped. The floors sit one case under.
const TUNING_118_MIN_RECALL: f64 = 0.873;
/// … and at most this share of what must pass is stopped.
const TUNING_118_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn hundred_and_eighteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-eighteenth round (w481-w486)",
        TUNING_118,
        Reading::Studied,
        TUNING_118_MIN_RECALL,
        TUNING_118_MAX_FALSE_RATE,
    );
}

/// The hundred-and-nineteenth round's frozen half (w487 Teams chat between colleagues, w488
/// long forwarded e-mail threads, w489 school nurses and the youth clinic, w490 municipal
/// premises and caretakers, w491 residents' handwritten letters and forms scanned and OCR'd,
/// w492 care staff with Swedish as their second language), split on arrival and measured on the
/// code of the fourth part of the twenty-seventh round before any rule made on its tuning half:
/// 131/136 (96.32 %) stopped and 4/122 (3.28 %) falsely stopped. The floors sit one case under.
const FROZEN_119_MIN_RECALL: f64 = 0.955;
/// … and at most this share of what must pass is stopped.
const FROZEN_119_MAX_FALSE_RATE: f64 = 0.041;

#[test]
fn hundred_and_nineteenth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-nineteenth round (w487-w492)",
        FROZEN_119,
        Reading::Counted,
        FROZEN_119_MIN_RECALL,
        FROZEN_119_MAX_FALSE_RATE,
    );
}

/// The hundred-and-nineteenth round's tuning half (w487–w492), at first contact: 109/119
/// (91.60 %) stopped and 1/106 falsely stopped. The floors sit one case under.
const TUNING_119_MIN_RECALL: f64 = 0.907;
/// … and at most this share of what must pass is stopped.
const TUNING_119_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_nineteenth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-nineteenth round (w487-w492)",
        TUNING_119,
        Reading::Studied,
        TUNING_119_MIN_RECALL,
        TUNING_119_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twentieth round's frozen half (w493 social services intake, w494 first-line
/// managers in elder care and home care, w495 school principals and teachers, w496 HR and
/// payroll, w497 office staff writing Swedish and English, w498 public documents and politics),
/// written after the fifth part of the twenty-seventh round, split on arrival and measured
/// before any rule made on its tuning half: 130/133 (97.74 %) stopped and 1/121 (0.83 %)
/// falsely stopped. The floors sit one case under.
const FROZEN_120_MIN_RECALL: f64 = 0.969;
/// … and at most this share of what must pass is stopped.
const FROZEN_120_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twentieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twentieth round (w493-w498)",
        FROZEN_120,
        Reading::Counted,
        FROZEN_120_MIN_RECALL,
        FROZEN_120_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twentieth round's tuning half (w493–w498), at first contact: 112/115
/// (97.39 %) stopped and 1/109 falsely stopped. The floors sit one case under.
const TUNING_120_MIN_RECALL: f64 = 0.965;
/// … and at most this share of what must pass is stopped.
const TUNING_120_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_twentieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twentieth round (w493-w498)",
        TUNING_120,
        Reading::Studied,
        TUNING_120_MIN_RECALL,
        TUNING_120_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-first round's frozen half (w499 funerals, estates and deceased
/// residents, w500 whistleblowing and complaints, w501 moderating the municipality's social
/// media, w502 pasted invitations, signatures and e-mail footers, w503 crisis support and
/// suicide prevention, w504 procurement and suppliers), written at the start of the
/// twenty-eighth round (after the rule on well-known works of fiction, made on older halves),
/// split on arrival and measured before any rule made on its tuning half: 124/132 (93.94 %)
/// stopped and 2/125 (1.60 %) falsely stopped. The floors sit one case under.
const FROZEN_121_MIN_RECALL: f64 = 0.931;
/// … and at most this share of what must pass is stopped.
const FROZEN_121_MAX_FALSE_RATE: f64 = 0.024;

#[test]
fn hundred_and_twenty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-first round (w499-w504)",
        FROZEN_121,
        Reading::Counted,
        FROZEN_121_MIN_RECALL,
        FROZEN_121_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-first round's tuning half (w499–w504), at first contact: 112/117
/// (95.73 %) stopped and 2/101 falsely stopped. The floors sit one case under.
const TUNING_121_MIN_RECALL: f64 = 0.948;
/// … and at most this share of what must pass is stopped.
const TUNING_121_MAX_FALSE_RATE: f64 = 0.030;

#[test]
fn hundred_and_twenty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-first round (w499-w504)",
        TUNING_121,
        Reading::Studied,
        TUNING_121_MIN_RECALL,
        TUNING_121_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-second round's frozen half (w505 residents' letters in other
/// languages to translate or summarise, w506 sports grounds, swimming halls and clubs, w507 staff
/// typing in a hurry with typos, w508 statistics and reports with small numbers, w509 the
/// vehicle fleet, drivers and traffic, w510 the preschool queue, placement and fees), written
/// after the first part of the twenty-eighth round, split on arrival and measured before any
/// rule made on its tuning half: 117/136 (86.03 %) stopped and 1/123 (0.81 %) falsely stopped.
/// The floors sit one case under.
const FROZEN_122_MIN_RECALL: f64 = 0.852;
/// … and at most this share of what must pass is stopped.
const FROZEN_122_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twenty_second_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-second round (w505-w510)",
        FROZEN_122,
        Reading::Counted,
        FROZEN_122_MIN_RECALL,
        FROZEN_122_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-second round's tuning half (w505–w510), at first contact: 102/117
/// (87.18 %) stopped and 2/106 falsely stopped. The floors sit one case under.
const TUNING_122_MIN_RECALL: f64 = 0.863;
/// … and at most this share of what must pass is stopped.
const TUNING_122_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn hundred_and_twenty_second_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-second round (w505-w510)",
        TUNING_122,
        Reading::Studied,
        TUNING_122_MIN_RECALL,
        TUNING_122_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-third round's frozen half (w511 residents' letters in Bosnian,
/// Croatian or Serbian, Persian, Kurmanji, Spanish, Meänkieli, Finnish and Arabic in Latin
/// letters, w512 the labour-market unit, w513 parents' messages to teachers, w514 housing for
/// newly arrived refugees and social contracts, w515 staff's own documentation to rewrite, w516
/// the legal unit), written after the third part of the twenty-eighth round, split on arrival
/// and measured before any rule made on its tuning half: 118/132 (89.39 %) stopped and 0/122
/// falsely stopped. The floors sit one case under.
const FROZEN_123_MIN_RECALL: f64 = 0.886;
/// … and at most this share of what must pass is stopped.
const FROZEN_123_MAX_FALSE_RATE: f64 = 0.009;

#[test]
fn hundred_and_twenty_third_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-third round (w511-w516)",
        FROZEN_123,
        Reading::Counted,
        FROZEN_123_MIN_RECALL,
        FROZEN_123_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-third round's tuning half (w511–w516), at first contact: 109/118
/// (92.37 %) stopped and 0/105 falsely stopped. The floors sit one case under.
const TUNING_123_MIN_RECALL: f64 = 0.915;
/// … and at most this share of what must pass is stopped.
const TUNING_123_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_twenty_third_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-third round (w511-w516)",
        TUNING_123,
        Reading::Studied,
        TUNING_123_MIN_RECALL,
        TUNING_123_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-fourth round's frozen half (w517 coordinated individual plans and
/// student health team meetings, w518 summer jobs and young employees, w519 cleaning, catering
/// and facility staff, w520 SMS and reminders to residents, w521 the social services' night
/// team, w522 infection control in elder care and schools), written after the fourth part of the
/// twenty-eighth round, split on arrival and measured before any rule made on its tuning half:
/// 130/133 (97.74 %) stopped and 1/124 (0.81 %) falsely stopped. The floors sit one case under.
const FROZEN_124_MIN_RECALL: f64 = 0.969;
/// … and at most this share of what must pass is stopped.
const FROZEN_124_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twenty_fourth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-fourth round (w517-w522)",
        FROZEN_124,
        Reading::Counted,
        FROZEN_124_MIN_RECALL,
        FROZEN_124_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-fourth round's tuning half (w517–w522), at first contact: 108/117
/// (92.31 %) stopped and 0/104 falsely stopped. The floors sit one case under.
const TUNING_124_MIN_RECALL: f64 = 0.914;
/// … and at most this share of what must pass is stopped.
const TUNING_124_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_twenty_fourth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-fourth round (w517-w522)",
        TUNING_124,
        Reading::Studied,
        TUNING_124_MIN_RECALL,
        TUNING_124_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-fifth round's frozen half (w523-w528: w523 residents' messages in Arabic,
/// Persian, Sorani, Cyrillic and Ge'ez scripts pasted for a translation, w524 public-looking texts
/// (intranet news, newsletters, class letters, workplace minutes, cards), w525 political opinions,
/// union membership and beliefs, w526 building permits, environmental and food inspection and
/// complaints, w527 libraries, culture and local history, w528 compulsory school support, grades
/// and absence), split on arrival and measured before any rule made on its tuning half: 117/134
/// (87.31 %) stopped and 1/121 (0.83 %) falsely stopped. The floors sit one case under.
const FROZEN_125_MIN_RECALL: f64 = 0.865;
/// … and at most this share of what must pass is stopped.
const FROZEN_125_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twenty_fifth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-fifth round (w523-w528)",
        FROZEN_125,
        Reading::Counted,
        FROZEN_125_MIN_RECALL,
        FROZEN_125_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-fifth round's tuning half (w523-w528), at first contact: 102/119
/// (85.71 %) stopped and 0/106 falsely stopped. The floors sit one case under.
const TUNING_125_MIN_RECALL: f64 = 0.848;
/// … and at most this share of what must pass is stopped.
const TUNING_125_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_twenty_fifth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-fifth round (w523-w528)",
        TUNING_125,
        Reading::Studied,
        TUNING_125_MIN_RECALL,
        TUNING_125_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-sixth round's frozen half (w529-w534: w529 letters and documents in
/// non-Latin scripts about housing, elder care, schools, labour market and benefits (Arabic,
/// Persian, Sorani, Pashto, Russian, Ukrainian, Tigrinya, Amharic), w530 HR: rehabilitation,
/// adjustments, conflicts, dismissals, w531 the council secretariat and elected officials, w532 the
/// IT helpdesk: tickets, logs, queries and exports, w533 home care: daily notes, scheduling, group
/// chats, w534 the fire and rescue service), written after the second part of the twenty-ninth
/// round, split on arrival and measured before any rule made on its tuning half: 124/134 (92.54 %)
/// stopped and 1/125 (0.80 %) falsely stopped. The floors sit one case under.
const FROZEN_126_MIN_RECALL: f64 = 0.917;
/// … and at most this share of what must pass is stopped.
const FROZEN_126_MAX_FALSE_RATE: f64 = 0.016;

#[test]
fn hundred_and_twenty_sixth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-sixth round (w529-w534)",
        FROZEN_126,
        Reading::Counted,
        FROZEN_126_MIN_RECALL,
        FROZEN_126_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-sixth round's tuning half (w529-w534), at first contact: 110/117
/// (94.02 %) stopped and 0/106 falsely stopped. The floors sit one case under.
const TUNING_126_MIN_RECALL: f64 = 0.931;
/// … and at most this share of what must pass is stopped.
const TUNING_126_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_twenty_sixth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-sixth round (w529-w534)",
        TUNING_126,
        Reading::Studied,
        TUNING_126_MIN_RECALL,
        TUNING_126_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-seventh round's frozen half (w535-w540: w535 letters in non-Latin scripts
/// and in Latin transliteration mixed with Swedish about preschool, school, elder care, LSS,
/// refugee reception, debt counselling and housing, w536 disability support under LSS, w537 the
/// communications unit, w538 debt counselling, evictions and the housing company, w539 youth
/// recreation centres and field workers, w540 finance and payroll), written after the third part of
/// the twenty-ninth round, split on arrival and measured before any rule made on its tuning half:
/// 119/136 (87.50 %) stopped and 1/119 (0.84 %) falsely stopped. The floors sit one case under.
const FROZEN_127_MIN_RECALL: f64 = 0.867;
/// … and at most this share of what must pass is stopped.
const FROZEN_127_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twenty_seventh_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-seventh round (w535-w540)",
        FROZEN_127,
        Reading::Counted,
        FROZEN_127_MIN_RECALL,
        FROZEN_127_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-seventh round's tuning half (w535-w540), at first contact: 108/117
/// (92.31 %) stopped and 1/106 falsely stopped. The floors sit one case under.
const TUNING_127_MIN_RECALL: f64 = 0.914;
/// … and at most this share of what must pass is stopped.
const TUNING_127_MAX_FALSE_RATE: f64 = 0.019;

#[test]
fn hundred_and_twenty_seventh_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-seventh round (w535-w540)",
        TUNING_127,
        Reading::Studied,
        TUNING_127_MIN_RECALL,
        TUNING_127_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-eighth round's frozen half (w541-w546: w541 letters in non-Latin scripts
/// (Arabic, Persian/Dari, Russian, Ukrainian, Tigrinya, Amharic, mixed with Swedish), w542
/// färdtjänst, parking permits for the disabled and housing adaptation, w543 the pupil health team,
/// w544 family law, w545 addiction care and homelessness, w546 hurried chat between colleagues),
/// written before any rule of the thirtieth round, split on arrival and measured before any rule
/// made on its tuning half: 130/136 (95.59 %) stopped and 3/124 (2.42 %) falsely stopped. The
/// floors sit one case under.
const FROZEN_128_MIN_RECALL: f64 = 0.948;
/// … and at most this share of what must pass is stopped.
const FROZEN_128_MAX_FALSE_RATE: f64 = 0.033;

#[test]
fn hundred_and_twenty_eighth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-eighth round (w541-w546)",
        FROZEN_128,
        Reading::Counted,
        FROZEN_128_MIN_RECALL,
        FROZEN_128_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-eighth round's tuning half (w541-w546), at first contact: 106/114
/// (92.98 %) stopped and 0/103 falsely stopped. The floors sit one case under.
const TUNING_128_MIN_RECALL: f64 = 0.921;
/// … and at most this share of what must pass is stopped.
const TUNING_128_MAX_FALSE_RATE: f64 = 0.010;

#[test]
fn hundred_and_twenty_eighth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-eighth round (w541-w546)",
        TUNING_128,
        Reading::Studied,
        TUNING_128_MIN_RECALL,
        TUNING_128_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-ninth round's frozen half (w547-w552: w547 messages in non-Latin scripts
/// and in Latin transliteration (Arabic, Persian/Dari, Sorani, Russian, Ukrainian, Tigrinya,
/// Amharic, mixed with Swedish), w548 elder care with dementia, w549 adult education and student
/// administration, w550 recruitment and staffing, w551 building permits, neighbours and
/// environmental health, w552 prompts mostly in English by international staff and residents),
/// split on arrival and measured on the code at the start of the thirtieth round, before any of its
/// rules: 123/133 (92.48 %) stopped and 1/121 (0.83 %) falsely stopped. The floors sit one case
/// under.
const FROZEN_129_MIN_RECALL: f64 = 0.917;
/// … and at most this share of what must pass is stopped.
const FROZEN_129_MAX_FALSE_RATE: f64 = 0.017;

#[test]
fn hundred_and_twenty_ninth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-twenty-ninth round (w547-w552)",
        FROZEN_129,
        Reading::Counted,
        FROZEN_129_MIN_RECALL,
        FROZEN_129_MAX_FALSE_RATE,
    );
}

/// The hundred-and-twenty-ninth round's tuning half (w547-w552), at first contact: 105/116
/// (90.52 %) stopped and 1/103 falsely stopped. The floors sit one case under.
const TUNING_129_MIN_RECALL: f64 = 0.896;
/// … and at most this share of what must pass is stopped.
const TUNING_129_MAX_FALSE_RATE: f64 = 0.020;

#[test]
fn hundred_and_twenty_ninth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-twenty-ninth round (w547-w552)",
        TUNING_129,
        Reading::Studied,
        TUNING_129_MIN_RECALL,
        TUNING_129_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirtieth round's frozen half (w553-w558: w553 messages in Arabic, Persian/Dari,
/// Sorani, Pashto, Tigrinya, Amharic, Russian and Ukrainian, in their scripts or in Latin letters,
/// w554 preschool daily communication, w555 financial assistance for adults, w556 the
/// municipality's own health care, w557 the culture and leisure department, w558 structured data
/// (CSV, JSON, forms, logs, tables)), split on arrival and measured on the code of the first part
/// of the thirtieth round (4187291), before any rule made on its tuning half: 120/130 (92.31 %)
/// stopped and 0/123 (0.00 %) falsely stopped. The floors sit one case under.
const FROZEN_130_MIN_RECALL: f64 = 0.915;
/// … and at most this share of what must pass is stopped.
const FROZEN_130_MAX_FALSE_RATE: f64 = 0.009;

#[test]
fn hundred_and_thirtieth_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-thirtieth round (w553-w558)",
        FROZEN_130,
        Reading::Counted,
        FROZEN_130_MIN_RECALL,
        FROZEN_130_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirtieth round's tuning half (w553-w558), at first contact: 107/118
/// (90.68 %) stopped and 2/106 falsely stopped. The floors sit one case under.
const TUNING_130_MIN_RECALL: f64 = 0.898;
/// … and at most this share of what must pass is stopped.
const TUNING_130_MAX_FALSE_RATE: f64 = 0.029;

#[test]
fn hundred_and_thirtieth_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-thirtieth round (w553-w558)",
        TUNING_130,
        Reading::Studied,
        TUNING_130_MIN_RECALL,
        TUNING_130_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirty-first round's frozen half (w559-w564: w559 letters and chat in Ukrainian,
/// Russian, Tigrinya, Amharic, Arabic and Persian scripts, w560 school discipline and safety, w561
/// elected politicians and the council, w562 refugee reception and establishment, w563 long
/// forwarded e-mail threads, w564 the technical department), split on arrival and measured on the
/// code of the first part of the thirtieth round (4187291), before any rule made on its tuning
/// half: 124/131 (94.66 %) stopped and 2/119 (1.68 %) falsely stopped. The floors sit one case
/// under.
const FROZEN_131_MIN_RECALL: f64 = 0.938;
/// … and at most this share of what must pass is stopped.
const FROZEN_131_MAX_FALSE_RATE: f64 = 0.026;

#[test]
fn hundred_and_thirty_first_round_frozen_half_meets_the_floor() {
    check_set(
        "frozen half, hundred-and-thirty-first round (w559-w564)",
        FROZEN_131,
        Reading::Counted,
        FROZEN_131_MIN_RECALL,
        FROZEN_131_MAX_FALSE_RATE,
    );
}

/// The hundred-and-thirty-first round's tuning half (w559-w564), at first contact: 106/115
/// (92.17 %) stopped and 1/101 falsely stopped. The floors sit one case under.
const TUNING_131_MIN_RECALL: f64 = 0.913;
/// … and at most this share of what must pass is stopped.
const TUNING_131_MAX_FALSE_RATE: f64 = 0.020;

#[test]
fn hundred_and_thirty_first_round_tuning_half_meets_the_floor() {
    check_set(
        "tuning half, hundred-and-thirty-first round (w559-w564)",
        TUNING_131,
        Reading::Studied,
        TUNING_131_MIN_RECALL,
        TUNING_131_MAX_FALSE_RATE,
    );
}
