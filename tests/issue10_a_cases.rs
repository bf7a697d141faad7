//! The general rules of issue 10 for identity numbers, markings, internal material and English
//! prompts (tests/data/issue10-a-cases.toml): each rule's cases that must be stopped and the
//! must-pass counterparts written in the same words. Every case must pass.

mod case_files;

#[test]
fn issue_10_rules_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a-cases.toml",
        include_str!("data/issue10-a-cases.toml"),
        0,
    );
}
