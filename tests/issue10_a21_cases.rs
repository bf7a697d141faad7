//! Twenty-second round of issue 10 (tests/data/issue10-a21-cases.toml): the classes the tuning
//! halves of the ninety-seventh round (w371–w376) and earlier rounds showed. Each rule has cases
//! both ways.

mod case_files;

#[test]
fn issue_10_twenty_second_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a21-cases.toml",
        include_str!("data/issue10-a21-cases.toml"),
        0,
    );
}
