//! The fuzzers' seed corpus (fuzz/corpus/<target>/) replayed as a normal test, so every input a
//! fuzz run saved keeps being checked by `cargo test`.

use std::path::Path;

use sluss::detect::Detectors;
use sluss::fuzzing;

type Check = fn(&[u8], &Detectors) -> Result<(), String>;

#[test]
fn seed_corpus_holds_the_invariants() {
    let detectors = Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}"));
    let targets: [(&str, Check); 3] = [
        ("json_extract", fuzzing::json_extract),
        ("forms", fuzzing::forms),
        ("redaction", fuzzing::redaction),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (target, check) in targets {
        let dir = root.join(target);
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| unreachable!("{}: {e}", dir.display()));
        let mut count = 0;
        for entry in entries.flatten() {
            let data = std::fs::read(entry.path()).unwrap_or_default();
            if let Err(problem) = check(&data, &detectors) {
                unreachable!("{target}: {}: {problem}", entry.path().display());
            }
            count += 1;
        }
        assert!(count >= 4, "{target}: only {count} corpus files");
    }
}
