//! Fuzz target: `sluss::fuzzing::forms` (see src/fuzzing.rs).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sluss::detect::Detectors;

static DETECTORS: LazyLock<Detectors> = LazyLock::new(|| match Detectors::embedded() {
    Ok(d) => d,
    Err(e) => panic!("built-in patterns are broken: {e}"),
});

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = sluss::fuzzing::forms(data, &DETECTORS) {
        panic!("{problem}");
    }
});
