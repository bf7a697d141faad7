//! What a detector reports: the kind, the rule, where, how sure — never the value in `Debug`.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A special category of personal data (GDPR art. 9 and 10) or municipal social-services data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Health, including psychiatry, disability and substance abuse.
    Health,
    /// Ethnic origin.
    Ethnicity,
    /// Political opinions.
    Politics,
    /// Religious or philosophical beliefs.
    Religion,
    /// Trade-union membership.
    Union,
    /// Sex life or sexual orientation.
    Sexuality,
    /// Genetic data.
    Genetic,
    /// Biometric data used to identify a person.
    Biometric,
    /// Criminal convictions and offences (art. 10).
    Criminal,
    /// Social services (ekonomiskt bistånd, LVU, orosanmälan, …).
    Social,
}

impl Category {
    /// Every category, in the order of SPEC.md.
    pub const ALL: [Category; 10] = [
        Category::Health,
        Category::Ethnicity,
        Category::Politics,
        Category::Religion,
        Category::Union,
        Category::Sexuality,
        Category::Genetic,
        Category::Biometric,
        Category::Criminal,
        Category::Social,
    ];

    /// The lower-case name used in kinds (`sensitive:<name>`) and pattern files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Health => "health",
            Category::Ethnicity => "ethnicity",
            Category::Politics => "politics",
            Category::Religion => "religion",
            Category::Union => "union",
            Category::Sexuality => "sexuality",
            Category::Genetic => "genetic",
            Category::Biometric => "biometric",
            Category::Criminal => "criminal",
            Category::Social => "social",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// What was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Swedish personal identity number.
    Personnummer,
    /// Coordination number (day + 60).
    Samordningsnummer,
    /// A document marked as confidential.
    ConfidentialityMarker,
    /// Internal material: a label of internal meeting notes, working material, a draft or a
    /// preliminary assessment ("INTERNT", "Arbetsmaterial – får ej spridas").
    InternalMaterial,
    /// A special category of personal data.
    Sensitive(Category),
    /// A person's name (full name, or first name with age, class or role).
    PersonName,
    /// A telephone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A postal or street address.
    Address,
    /// An IBAN account number.
    Iban,
    /// A Swedish bankgiro number.
    Bankgiro,
    /// A payment-card number.
    PaymentCard,
}

impl Kind {
    /// Every kind of finding, in the order of SPEC.md.
    pub fn all() -> Vec<Kind> {
        let mut kinds = vec![
            Kind::Personnummer,
            Kind::Samordningsnummer,
            Kind::ConfidentialityMarker,
            Kind::InternalMaterial,
        ];
        kinds.extend(Category::ALL.map(Kind::Sensitive));
        kinds.extend([
            Kind::PersonName,
            Kind::Phone,
            Kind::Email,
            Kind::Address,
            Kind::Iban,
            Kind::Bankgiro,
            Kind::PaymentCard,
        ]);
        kinds
    }

    /// The kind's name as in SPEC.md (`personnummer`, `sensitive:health`, …).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Personnummer => "personnummer",
            Kind::Samordningsnummer => "samordningsnummer",
            Kind::ConfidentialityMarker => "confidentiality_marker",
            Kind::InternalMaterial => "internal_material",
            Kind::Sensitive(c) => match c {
                Category::Health => "sensitive:health",
                Category::Ethnicity => "sensitive:ethnicity",
                Category::Politics => "sensitive:politics",
                Category::Religion => "sensitive:religion",
                Category::Union => "sensitive:union",
                Category::Sexuality => "sensitive:sexuality",
                Category::Genetic => "sensitive:genetic",
                Category::Biometric => "sensitive:biometric",
                Category::Criminal => "sensitive:criminal",
                Category::Social => "sensitive:social",
            },
            Kind::PersonName => "person_name",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Address => "address",
            Kind::Iban => "iban",
            Kind::Bankgiro => "bankgiro",
            Kind::PaymentCard => "payment_card",
        }
    }

    /// Parses a kind name as written in SPEC.md and in config files.
    pub fn parse(name: &str) -> Option<Kind> {
        if let Some(category) = name.strip_prefix("sensitive:") {
            return Category::parse(category).map(Kind::Sensitive);
        }
        Some(match name {
            "personnummer" => Kind::Personnummer,
            "samordningsnummer" => Kind::Samordningsnummer,
            "confidentiality_marker" => Kind::ConfidentialityMarker,
            "internal_material" => Kind::InternalMaterial,
            "person_name" => Kind::PersonName,
            "phone" => Kind::Phone,
            "email" => Kind::Email,
            "address" => Kind::Address,
            "iban" => Kind::Iban,
            "bankgiro" => Kind::Bankgiro,
            "payment_card" => Kind::PaymentCard,
            _ => return None,
        })
    }

    /// Identity numbers: personnummer and samordningsnummer.
    pub fn is_identity_number(self) -> bool {
        matches!(self, Kind::Personnummer | Kind::Samordningsnummer)
    }

    /// The placeholder that redaction puts in place of a finding of this kind.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Personnummer => "[PERSONNUMMER]",
            Kind::Samordningsnummer => "[SAMORDNINGSNUMMER]",
            Kind::ConfidentialityMarker => "[SEKRETESSMARKERING]",
            Kind::InternalMaterial => "[INTERNT MATERIAL]",
            Kind::Sensitive(_) => "[KÄNSLIG UPPGIFT]",
            Kind::PersonName => "[NAMN]",
            Kind::Phone => "[TELEFON]",
            Kind::Email => "[E-POST]",
            Kind::Address => "[ADRESS]",
            Kind::Iban => "[IBAN]",
            Kind::Bankgiro => "[BANKGIRO]",
            Kind::PaymentCard => "[KORTNUMMER]",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// How sure a detector is. The default policy acts on `Medium` and `High`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Reported and counted, not acted on by default (a bare number in a phone context).
    Low,
    /// Acted on.
    Medium,
    /// Acted on.
    High,
}

impl Confidence {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// One step lower (`Low` stays `Low`).
    pub fn lowered(self) -> Confidence {
        match self {
            Confidence::High => Confidence::Medium,
            _ => Confidence::Low,
        }
    }
}

/// The canonical digits of a number-shaped finding (a personnummer as `YYYYMMDDNNNC`, a phone
/// number as its national digits), kept inline so that a finding costs no allocation. `Debug`
/// never shows them.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Digits {
    value: u64,
    len: u8,
}

impl Digits {
    /// Up to 19 ASCII digits; `None` for anything else.
    pub fn from_ascii(digits: &[u8]) -> Option<Digits> {
        if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let value = digits
            .iter()
            .fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
        Some(Digits {
            value,
            len: digits.len() as u8,
        })
    }

    /// The digits as written, with leading zeros. Callers must not log this.
    pub fn expose(&self) -> String {
        format!("{:0width$}", self.value, width = usize::from(self.len))
    }
}

impl fmt::Debug for Digits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Digits(<hidden>)")
    }
}

/// One thing a detector found.
///
/// `span` is a byte range into the text that was scanned (the original bytes, before any
/// normalisation), so `text[span]` is exactly the matched text. `Debug` and `Display` print the
/// kind, rule, span and confidence, never the matched text.
#[derive(Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: Kind,
    /// Which rule found it (`pnr.short`, `marker.osl_reference`, `vocab.strong`, …).
    pub rule: &'static str,
    /// Byte range in the scanned text.
    pub span: Range<usize>,
    /// How sure the detector is.
    pub confidence: Confidence,
    /// Canonical digits of number-shaped findings (identity numbers, phones, cards, bankgiro).
    pub digits: Option<Digits>,
    /// The person this finding names or is about, as the byte offset (in the scanned text) of
    /// that person's anchor mention: set on identifiers of a person and on sensitive findings
    /// linked to one (see `detect::linkage`). `None`: no person (a clinic's phone number, a
    /// sensitive word about nobody in particular).
    pub person: Option<usize>,
}

impl Finding {
    /// A finding with the given parts.
    pub fn new(
        kind: Kind,
        rule: &'static str,
        span: Range<usize>,
        confidence: Confidence,
    ) -> Finding {
        Finding {
            kind,
            rule,
            span,
            confidence,
            digits: None,
            person: None,
        }
    }

    /// The same finding with its canonical digits.
    pub fn with_digits(mut self, digits: Option<Digits>) -> Finding {
        self.digits = digits;
        self
    }

    /// The normalised value that identifies what was found, for keyed hashing: the canonical
    /// digits of numbers, else the matched text (`matched`, the text at `span`) in lower case
    /// with white space collapsed. Callers must never log it.
    pub fn key(&self, matched: &str) -> String {
        match self.digits {
            Some(d) => d.expose(),
            None => matched
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        }
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("kind", &self.kind.name())
            .field("rule", &self.rule)
            .field("span", &self.span)
            .field("confidence", &self.confidence)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}, {}) at {}..{}",
            self.kind,
            self.rule,
            self.confidence.as_str(),
            self.span.start,
            self.span.end
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let finding = Finding::new(Kind::Personnummer, "pnr.short", 0..11, Confidence::High)
            .with_digits(Digits::from_ascii(b"198501012382"));
        assert!(!format!("{finding:?}").contains("8501"));
        assert!(!format!("{finding}").contains("8501"));
        assert_eq!(finding.key("850101-2382"), "198501012382");
        let phone = Finding::new(Kind::Phone, "phone.se", 0..10, Confidence::Medium)
            .with_digits(Digits::from_ascii(b"0701234567"));
        assert_eq!(phone.key("070-123 45 67"), "0701234567");
    }

    #[test]
    fn kind_names_round_trip() {
        assert_eq!(Kind::all().len(), 21);
        for kind in Kind::all() {
            assert_eq!(Kind::parse(kind.name()), Some(kind));
        }
        assert_eq!(Kind::parse("sensitive:weather"), None);
    }
}
