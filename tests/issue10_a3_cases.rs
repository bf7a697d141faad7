//! Third round of issue 10 (tests/data/issue10-a3-cases.toml): markings in subject and header
//! lines, quoted stamps, statute damage tests, timestamps and public text; each rule's cases and
//! their must-pass counterparts.

mod case_files;

#[test]
fn issue_10_third_round_rules_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a3-cases.toml",
        include_str!("data/issue10-a3-cases.toml"),
        0,
    );
}
