//! Sixteenth round of issue 10 (tests/data/issue10-a15-cases.toml): the classes the tuning
//! halves of the forty-ninth and fiftieth rounds' blind sets (w185–w192) showed. Each rule has
//! cases both ways.

mod case_files;

#[test]
fn issue_10_sixteenth_round_classes_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a15-cases.toml",
        include_str!("data/issue10-a15-cases.toml"),
        0,
    );
}
