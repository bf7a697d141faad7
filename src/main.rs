//! The `sluss` binary.
fn main() {}
