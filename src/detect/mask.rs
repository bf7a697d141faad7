//! Masked hints of findings, for people to read: `19XXXXXX-XXXX`, `[namn]`. Never the value.

use unicode_properties::UnicodeGeneralCategory;

use super::finding::{Category, Kind};

/// A masked form of `matched` (the text a finding of `kind` covers) that keeps at most a hint.
///
/// Identity numbers keep their shape and, in the 12-digit form, the century; every other kind
/// becomes a bracketed Swedish label, except e-mail, which keeps its domain.
pub fn mask(kind: Kind, matched: &str) -> String {
    match kind {
        Kind::Personnummer | Kind::Samordningsnummer => mask_number(matched),
        Kind::Email => match matched.rsplit_once('@') {
            Some((_, domain)) => format!("…@{domain}"),
            None => "[e-post]".into(),
        },
        Kind::Phone => "[telefonnummer]".into(),
        Kind::PersonName => "[namn]".into(),
        Kind::Address => "[adress]".into(),
        Kind::Iban => "[iban]".into(),
        Kind::Bankgiro => "[bankgiro]".into(),
        Kind::PaymentCard => "[kortnummer]".into(),
        Kind::ConfidentialityMarker => "[sekretessmarkering]".into(),
        Kind::InternalMaterial => "[internt material]".into(),
        Kind::Sensitive(c) => format!("[{}]", category_label(c)),
    }
}

/// The Swedish word for a category, as shown to staff.
pub fn category_label(category: Category) -> &'static str {
    match category {
        Category::Health => "hälsa",
        Category::Ethnicity => "etniskt ursprung",
        Category::Politics => "politisk åsikt",
        Category::Religion => "religion",
        Category::Union => "fackligt medlemskap",
        Category::Sexuality => "sexualliv",
        Category::Genetic => "genetiska uppgifter",
        Category::Biometric => "biometriska uppgifter",
        Category::Criminal => "brott",
        Category::Social => "socialtjänst",
    }
}

/// `19850101-2382` → `19XXXXXX-XXXX`; `850101-2382` → `XXXXXX-XXXX`. Separators kept as
/// `-`, `+` or a space; any other character (invisible or look-alike) is dropped.
fn mask_number(matched: &str) -> String {
    let digits: Vec<char> = matched.chars().filter(|c| c.is_numeric()).collect();
    let keep_century = digits.len() == 12;
    let mut out = String::with_capacity(16);
    let mut seen = 0;
    for c in matched.chars() {
        if c.is_numeric() {
            let plain = super::normalize::decimal_digit(c);
            out.push(if keep_century && seen < 2 { plain } else { 'X' });
            seen += 1;
        } else if c == '+' {
            out.push('+');
        } else if c.is_whitespace() {
            out.push(' ');
        } else if c == '\u{2212}'
            || c.general_category() == unicode_properties::GeneralCategory::DashPunctuation
        {
            out.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_shape_and_century_only() {
        assert_eq!(mask(Kind::Personnummer, "19850101-2382"), "19XXXXXX-XXXX");
        assert_eq!(mask(Kind::Personnummer, "850101-2382"), "XXXXXX-XXXX");
        assert_eq!(mask(Kind::Personnummer, "090527+1474"), "XXXXXX+XXXX");
        assert_eq!(
            mask(Kind::Samordningsnummer, "８５０１０１‐２３８２"),
            "XXXXXX-XXXX"
        );
        assert_eq!(
            mask(Kind::Personnummer, "8501\u{200B}01-2382"),
            "XXXXXX-XXXX"
        );
    }

    #[test]
    fn other_kinds_become_labels() {
        assert_eq!(mask(Kind::PersonName, "Leyla Hassan"), "[namn]");
        assert_eq!(mask(Kind::Email, "anna.svensson@kommun.se"), "…@kommun.se");
        assert_eq!(
            mask(Kind::Sensitive(Category::Health), "diabetes"),
            "[hälsa]"
        );
    }
}
