//! Fifteenth round of issue 10 (tests/data/issue10-a14-cases.toml): the classes the tuning
//! halves of the thirty-sixth round's blind sets (w133–w136) showed. Each rule has cases both
//! ways.

mod case_files;

#[test]
fn issue_10_fifteenth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a14-cases.toml",
        include_str!("data/issue10-a14-cases.toml"),
        0,
    );
}
