//! sluss: a prompt-filtering forward proxy for generative-AI traffic, built for Swedish
//! municipalities.
//!
//! A request flows through a chain of plain steps; only the network edge is async, so the
//! command line, the tests, the fuzzers and the benchmarks run exactly the code the proxy runs:
//!
//! ```text
//! proxy        accept, CONNECT → intercept (tls::LeafCache) | tunnel, read the body
//! inspect      body::decode → body::extract → Detectors::scan → policy::decide → redact
//! audit        Record (kinds, masks, keyed hashes; never a value) appended before the answer
//! proxy        block page / JSON error, or forward and stream the response back
//! ```
//!
//! ```text
//! detect::Detectors::scan(&text)            -> Vec<Finding>   kind, rule, span, confidence
//! policy::decide(&ServicePolicy, &findings) -> Verdict        Allow | Redact | Block
//! ```
//!
//! Pattern files (`patterns/`) are embedded at build time; see [`patterns`].

pub mod admin;
pub mod audit;
pub mod body;
pub mod config;
pub mod detect;
#[doc(hidden)]
pub mod fuzzing;
pub mod inspect;
pub mod located;
pub mod metrics;
pub mod offsets;
pub mod patterns;
pub mod policy;
pub mod preflight;
pub mod proxy;
pub mod scan;
pub mod swedish;
pub mod tls;
