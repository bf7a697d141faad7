//! Why a body or a file cannot be inspected, and how to name the reason to a person.
//!
//! An uninspectable body is a value the policy decides on (`policy.uninspectable`), not an
//! error. Each variant has a [`Reason`]: a short machine code for the audit log and a Swedish
//! phrase for the block page, both fixed words, never text from the request (a file name or a
//! content type chosen by the client could carry the very value sluss must not echo).

use super::json::JsonError;

/// Why a body cannot be inspected. A value the policy decides on, not an error.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Uninspectable {
    /// Larger than the limit once decoded (a body, or all the parts of a file together).
    #[error("the body is larger than {limit} bytes once decoded")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// A file with more entries, pages or parts than the limit.
    #[error("the {format} file has more than {limit} {what}")]
    OverLimit {
        /// The format (`PDF`, `docx` …).
        format: &'static str,
        /// What was counted (`entries`, `pages` …).
        what: &'static str,
        /// The limit.
        limit: usize,
    },
    /// A content coding sluss does not know.
    #[error("unknown content-encoding `{0}`")]
    UnknownEncoding(String),
    /// A content coding that does not decode.
    #[error("the body's {encoding} encoding is corrupt")]
    Corrupt {
        /// Which coding.
        encoding: &'static str,
    },
    /// Not valid in its declared format (JSON, a form, a multipart body).
    #[error("malformed {format} body: {problem}")]
    Malformed {
        /// The format.
        format: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// A document file that cannot be read: cut off, damaged, or not what its type says.
    #[error("the {format} file is damaged: {problem}")]
    CorruptFile {
        /// The format (`PDF`, `docx` …).
        format: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// A document protected by a password (its text is encrypted).
    #[error("the {format} file is encrypted")]
    Encrypted {
        /// The format.
        format: &'static str,
    },
    /// A document whose pages hold images but no text (a scanned paper): what it says cannot
    /// be read without optical character recognition.
    #[error("the {format} file has pages with images but no text (scanned)")]
    ImageOnly {
        /// The format.
        format: &'static str,
    },
    /// Nested deeper than the limit.
    #[error("the body is nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A content type sluss cannot read.
    #[error("content type `{0}` cannot be inspected")]
    UnsupportedType(String),
    /// A binary file in a multipart body.
    #[error("the file `{0}` cannot be inspected")]
    BinaryPart(String),
    /// Content inside the body (a `data:` URL, a base64 field) that cannot be read: an image,
    /// audio, an archive …
    #[error("embedded content of type `{0}` cannot be inspected")]
    Embedded(String),
    /// The bytes contradict the declared charset (an ASCII body declared as UTF-16, a byte
    /// order mark of another encoding …): reading it as declared would scan garbage.
    #[error("the body does not match its declared charset: {0}")]
    Charset(String),
    /// The body can be read in more than one way (a parameter given twice, a multipart body
    /// that parsers split differently, bytes that are two file formats at once): sluss and the
    /// service might not see the same text.
    #[error("the body can be read in more than one way: {0}")]
    Ambiguous(String),
    /// Reading and scanning it would take longer than the inspection's budget.
    #[error("the body is too costly to inspect (over the budget of {budget_ms} ms)")]
    TooCostly {
        /// The budget, in milliseconds.
        budget_ms: u64,
    },
}

/// A reason named to people: a machine code (audit log, metrics, `sluss scan --format json`)
/// and a Swedish phrase (block page, JSON error message). Both are fixed words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Short, stable, lower case: `encrypted`, `image_only`, `too_large` …
    pub code: &'static str,
    /// What a staff member reads, in Swedish: "krypterat dokument" …
    pub swedish: &'static str,
}

impl Uninspectable {
    /// The reason as a code and a Swedish phrase (see [`Reason`]).
    pub fn reason(&self) -> Reason {
        let (code, swedish) = match self {
            Uninspectable::TooLarge { .. } => {
                ("too_large", "innehållet är för stort för att granskas")
            }
            Uninspectable::OverLimit { .. } => (
                "over_limit",
                "dokumentet har fler sidor eller delar än vad som kan granskas",
            ),
            Uninspectable::UnknownEncoding(_) => ("unknown_encoding", "okänd komprimering"),
            Uninspectable::Corrupt { .. } => ("corrupt_encoding", "skadad komprimering"),
            Uninspectable::Malformed { .. } => ("malformed", "felaktigt uppbyggt innehåll"),
            Uninspectable::CorruptFile { .. } => ("corrupt", "skadad eller ofullständig fil"),
            Uninspectable::Encrypted { .. } => ("encrypted", "krypterat dokument"),
            Uninspectable::ImageOnly { .. } => (
                "image_only",
                "inskannat dokument: sidor med bilder men utan text",
            ),
            Uninspectable::TooDeep { .. } => ("too_deep", "för djupt nästlat innehåll"),
            Uninspectable::UnsupportedType(_) => {
                ("unsupported_type", "filformat som inte kan granskas")
            }
            Uninspectable::BinaryPart(_) => ("binary_part", "bifogad fil som inte kan granskas"),
            Uninspectable::Embedded(_) => (
                "embedded",
                "inbäddad bild, ljud eller fil som inte kan granskas",
            ),
            Uninspectable::Charset(_) => ("charset", "teckenkodningen stämmer inte med innehållet"),
            Uninspectable::Ambiguous(_) => ("ambiguous", "innehåll som kan läsas på flera sätt"),
            Uninspectable::TooCostly { .. } => ("too_costly", "för tidskrävande att granska"),
        };
        Reason { code, swedish }
    }

    /// A damaged file of `format`.
    pub(crate) fn corrupt(format: &'static str, problem: impl Into<String>) -> Uninspectable {
        Uninspectable::CorruptFile {
            format,
            problem: problem.into(),
        }
    }
}

impl From<JsonError> for Uninspectable {
    fn from(e: JsonError) -> Uninspectable {
        match e {
            JsonError::TooDeep { limit } => Uninspectable::TooDeep { limit },
            JsonError::Malformed { at, what } => Uninspectable::Malformed {
                format: "JSON",
                problem: format!("{what} at byte {at}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_fixed_words_without_client_text() {
        let file = Uninspectable::BinaryPart("850101-2382.png".into());
        assert_eq!(file.reason().code, "binary_part");
        assert!(!file.reason().swedish.contains("2382"));
        let encrypted = Uninspectable::Encrypted { format: "PDF" };
        assert_eq!(
            encrypted.reason(),
            Reason {
                code: "encrypted",
                swedish: "krypterat dokument"
            }
        );
        assert_eq!(
            Uninspectable::ImageOnly { format: "PDF" }.reason().code,
            "image_only"
        );
    }
}
