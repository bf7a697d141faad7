//! A held-out set of labelled prompts (tests/data/heldout-cases.toml), written without reading
//! the detectors or the other case files, to measure how the detectors generalise.
//!
//! Run with `--nocapture` to see every failure.

mod case_files;

/// How many held-out cases may fail. Before any change to the detectors 172 of 176 passed
/// (97.73 %). Two general causes were then fixed (an IBAN written in groups of four, and the SQL
/// keyword `ADD` read as the diagnosis) and 175 pass; the one left expects
/// `info@byggkonsult-norr.se` to count as a personal e-mail address, and sluss deliberately rates
/// role addresses (info@, kontakt@, …) low. A second failure is a regression.
const MAX_FAILURES: usize = 1;

#[test]
fn heldout_cases_meet_the_policy() {
    case_files::assert_failures_at_most(
        "heldout-cases.toml",
        include_str!("data/heldout-cases.toml"),
        MAX_FAILURES,
    );
}
