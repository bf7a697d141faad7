//! Fifth round of issue 10, misses (tests/data/issue10-a5-misses-cases.toml): hurried
//! lower-case internal-material labels, "Sekretess gäller" as a stamp, identity numbers that a
//! subject line or a preposition ties to the matter, record rows of named people, a named
//! employee's religion or diagnosis in a lower-case HR question, and log timestamps that are
//! dates and times of day; each rule's cases and their must-pass counterparts.

mod case_files;

#[test]
fn issue_10_fifth_round_miss_rules_hold_on_their_cases() {
    case_files::assert_failures_at_most(
        "issue10-a5-misses-cases.toml",
        include_str!("data/issue10-a5-misses-cases.toml"),
        0,
    );
}
