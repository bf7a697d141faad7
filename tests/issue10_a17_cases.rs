//! Eighteenth round of issue 10 (tests/data/issue10-a17-cases.toml): the classes the tuning
//! halves of the seventy-third round and later blind sets (w277 onwards) showed. Each rule has
//! cases both ways.

mod case_files;

#[test]
fn issue_10_eighteenth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a17-cases.toml",
        include_str!("data/issue10-a17-cases.toml"),
        0,
    );
}
