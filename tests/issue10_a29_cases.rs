//! Thirtieth round of issue 10 (tests/data/issue10-a29-cases.toml): the classes the tuning
//! halves showed in the session of 2026-12-08. Each rule has cases both ways.

mod case_files;

#[test]
fn issue_10_thirtieth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a29-cases.toml",
        include_str!("data/issue10-a29-cases.toml"),
        0,
    );
}
