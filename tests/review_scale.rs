//! The review page and `sluss logs` at a million records (ignored; run in release with
//! `cargo test --release --test review_scale -- --ignored --nocapture`).

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::time::Instant;

use common::{TestResult, million_log};

#[test]
#[ignore]
fn generate_a_million() -> TestResult {
    let started = Instant::now();
    let (dir, _) = million_log(1_000_000)?;
    println!("log in {} ready after {:.2?}", dir.display(), started.elapsed());
    Ok(())
}
