//! Hand-written, realistic municipal prompts (tests/data/detection-cases.toml) run through the
//! detectors and the default policy.
//!
//! Each case says whether the default policy should block or allow it, and optionally which
//! kinds must (`kinds`) or must not (`absent`) be found with confidence medium or higher. Every
//! failing case is printed; the test bounds the number of failures (see `MAX_FAILURES`). Run with
//! `--nocapture` to see the table.

mod case_files;

/// How many cases may fail. When the cases were written (independently of the detectors), 226
/// of 242 passed (93.39 %); the detectors were then fixed for the causes the failures showed,
/// and all 242 pass. Any failure is a regression.
const MAX_FAILURES: usize = 0;

#[test]
fn detection_cases_meet_the_policy() {
    case_files::assert_failures_at_most(
        "detection-cases.toml",
        include_str!("data/detection-cases.toml"),
        MAX_FAILURES,
    );
}
