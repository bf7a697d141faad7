//! Twenty-fifth round of issue 10 (tests/data/issue10-a24-cases.toml): the classes the tuning
//! half of the hundred-and-eighth round (w427–w432) showed. Each rule has cases both ways.

mod case_files;

#[test]
fn issue_10_twenty_fifth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a24-cases.toml",
        include_str!("data/issue10-a24-cases.toml"),
        0,
    );
}
