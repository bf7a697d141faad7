//! Second round of issue 10 (tests/data/issue10-a2-cases.toml): English and mixed prompts,
//! sensitive data about a named person (also in lower case and from names outside the lists) and
//! public text about nobody; each rule's cases and their must-pass counterparts.

mod case_files;

#[test]
fn issue_10_rules_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a2-cases.toml",
        include_str!("data/issue10-a2-cases.toml"),
        0,
    );
}
