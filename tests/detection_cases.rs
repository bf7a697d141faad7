//! Hand-written, realistic municipal prompts (tests/data/detection-cases.toml) run through the
//! detectors and the default policy.
//!
//! Each case says whether the default policy should block or allow it, and optionally which
//! kinds must (`kinds`) or must not (`absent`) be found with confidence medium or higher. Every
//! failing case is printed; the test asserts an overall pass rate (see `MIN_PASS_RATE`). Run with
//! `--nocapture` to see the table.

mod case_files;

/// The share of cases that must pass. When the cases were written (independently of the
/// detectors), 226 of 242 passed (93.39 %); the detectors were then fixed for the causes the
/// failures showed, and all 242 pass. A drop below 97 % is a regression.
const MIN_PASS_RATE: f64 = 0.97;

#[test]
fn detection_cases_meet_the_policy() {
    case_files::assert_pass_rate(
        "detection-cases.toml",
        include_str!("data/detection-cases.toml"),
        MIN_PASS_RATE,
    );
}
