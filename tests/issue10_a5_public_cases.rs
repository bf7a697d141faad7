//! Fifth round of issue 10, public and not-personal texts (tests/data/issue10-a5-public-cases.toml):
//! persons in the summary of a novel or film (characters), a name introduced as invented in
//! apposition, an unnamed suspect in a news text that names officials ("en man … Mannen … Han"),
//! and an official's field of work or team next to health words; each rule with the cases that
//! must still be stopped.

mod case_files;

#[test]
fn issue_10_fifth_round_public_texts_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a5-public-cases.toml",
        include_str!("data/issue10-a5-public-cases.toml"),
        0,
    );
}
