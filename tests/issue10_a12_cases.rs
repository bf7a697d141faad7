//! Thirteenth round of issue 10 (tests/data/issue10-a12-cases.toml): the classes the earlier
//! rounds left undone and the tuning halves of the twentieth blind sets (w69–w72) showed. Each
//! rule has cases both ways.

mod case_files;

#[test]
fn issue_10_thirteenth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a12-cases.toml",
        include_str!("data/issue10-a12-cases.toml"),
        0,
    );
}
