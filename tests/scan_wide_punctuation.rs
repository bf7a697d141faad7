//! Every detector reads the text around a word; a character of two or three bytes next to a
//! word (a typographic quotation mark, a no-break space, a dash) must never be cut in half.
//! The case files, the labelled corpus and the evaluation's tuning halves are scanned with their spaces turned into such
//! characters, on either side of each word: no scan may panic, and every span must lie on
//! character boundaries.

use std::path::Path;

use sluss::detect::Detectors;

/// What each space of a text becomes: quotation marks, guillemets, an ellipsis and dashes on
/// either side of the words, no-break and thin spaces instead of the space.
const SPACES: &[&str] = &[
    " ”", "” ", " “", " «", "» ", "… ", " –", "– ", "\u{a0}", "\u{2009}", " ’", "’ ",
];

/// The texts of every case file and of the labelled corpus in `tests/data`, and of the tuning
/// halves of the blind evaluation (never the frozen halves, which are not printed).
fn texts() -> Vec<String> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut texts = Vec::new();
    let mut entries: Vec<_> = [data.clone(), data.join("eval/tuning")]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(dir).unwrap_or_else(|e| unreachable!("a folder of case files: {e}"))
        })
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    entries.sort();
    for path in entries {
        let file =
            std::fs::read_to_string(&path).unwrap_or_else(|e| unreachable!("case file: {e}"));
        let value: toml::Value =
            toml::from_str(&file).unwrap_or_else(|e| unreachable!("case file parses: {e}"));
        for case in value
            .get("case")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(text) = case.get("text").and_then(toml::Value::as_str) {
                texts.push(text.to_string());
            }
        }
    }
    let corpus = std::fs::read_to_string(data.join("corpus.jsonl"))
        .unwrap_or_else(|e| unreachable!("corpus: {e}"));
    for line in corpus.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| unreachable!("corpus line parses: {e}"));
        if let Some(text) = value["text"].as_str() {
            texts.push(text.to_string());
        }
    }
    texts
}

#[test]
fn wide_characters_next_to_words_are_never_cut() {
    let detectors =
        Detectors::embedded().unwrap_or_else(|e| unreachable!("embedded patterns: {e}"));
    let texts = texts();
    assert!(texts.len() > 2000, "only {} texts read", texts.len());
    let mut failures = Vec::new();
    for (n, text) in texts.iter().enumerate() {
        // Each text with two of the replacements, in turn; SLUSS_WIDE_ALL=1 tries every one.
        let all = std::env::var_os("SLUSS_WIDE_ALL").is_some();
        let spaces: Vec<&str> = if all {
            SPACES.to_vec()
        } else {
            vec![SPACES[n % SPACES.len()], SPACES[(n + 5) % SPACES.len()]]
        };
        for space in spaces {
            let variant = text.replace(' ', space);
            match std::panic::catch_unwind(|| detectors.scan(&variant)) {
                Err(_) => failures.push(format!("the scan panicked on {variant:?}")),
                Ok(findings) => failures.extend(
                    findings
                        .iter()
                        .filter(|f| {
                            !variant.is_char_boundary(f.span.start)
                                || !variant.is_char_boundary(f.span.end)
                        })
                        .map(|f| format!("{f:?} cuts a character in {variant:?}")),
                ),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
