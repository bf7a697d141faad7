//! Swedish words after a count: `1 dag` / `3 dagar`, `1 × känslig uppgift` / `4 × känsliga
//! uppgifter`. One function, so that every page staff and security staff read agrees.

/// `singular` for exactly one, else `plural`.
pub fn pick<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

/// `n` and the word in the number it takes: `count(1, "dag", "dagar")` is `1 dag`,
/// `count(3, "dag", "dagar")` is `3 dagar` (and `0 dagar`).
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", pick(n, singular, plural))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1, "dag", "dagar"), "1 dag");
        assert_eq!(count(3, "dag", "dagar"), "3 dagar");
        assert_eq!(count(0, "förfrågan", "förfrågningar"), "0 förfrågningar");
        assert_eq!(pick(1, "ärende", "ärenden"), "ärende");
        assert_eq!(pick(21, "ärende", "ärenden"), "ärenden");
    }
}
