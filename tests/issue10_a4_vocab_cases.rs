//! Fourth round of issue 10 (tests/data/issue10-a4-vocab-cases.toml): what counts as sensitive
//! in everyday Swedish and English (voting, party activity, drinking, religious practice, union
//! activity, genetics, nursing and medication, demonyms after a copula), each rule with cases
//! that must pass.

mod case_files;

#[test]
fn issue_10_fourth_round_vocabulary_holds_on_its_cases() {
    case_files::assert_failures_at_most(
        "issue10-a4-vocab-cases.toml",
        include_str!("data/issue10-a4-vocab-cases.toml"),
        0,
    );
}
