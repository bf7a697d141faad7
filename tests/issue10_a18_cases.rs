//! Nineteenth round of issue 10 (tests/data/issue10-a18-cases.toml): the classes the tuning
//! halves of the eighty-third to eighty-fifth rounds (w317–w324) showed, and the review of the
//! eighteenth round. Each rule has cases both ways.

mod case_files;

#[test]
fn issue_10_nineteenth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a18-cases.toml",
        include_str!("data/issue10-a18-cases.toml"),
        0,
    );
}
