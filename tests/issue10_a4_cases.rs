//! Fourth round of issue 10 (tests/data/issue10-a4-cases.toml): whom a sensitive fact is
//! about when the writer signs after the text or introduces themself, when a "Till:" header
//! names the recipient, and when a sentence opens with a name and an age; each rule's cases
//! and their must-pass counterparts.

mod case_files;

#[test]
fn issue_10_fourth_round_linkage_rules_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a4-cases.toml",
        include_str!("data/issue10-a4-cases.toml"),
        0,
    );
}
