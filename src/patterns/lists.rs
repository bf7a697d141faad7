//! `patterns/markers.toml` and `patterns/context.toml`: named word lists.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::vocab::word_problem;
use super::{PatternError, PatternFile, line_of, toml_error};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Prefixes {
    prefix: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Suffixes {
    suffix: Vec<Spanned<String>>,
}

/// Checks a list: lower case, single spaces, no duplicates.
fn check(
    file: &PatternFile,
    list: Vec<Spanned<String>>,
    errors: &mut Vec<PatternError>,
) -> Vec<String> {
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for w in list {
        let line = line_of(&file.text, w.span().start);
        let word = w.into_inner();
        if let Some(reason) = word_problem(&word, false) {
            errors.push(PatternError {
                path: file.path.clone(),
                line,
                problem: format!("`{word}`: {reason}"),
            });
        } else if let Some(first) = seen.insert(word.clone(), line) {
            errors.push(PatternError {
                path: file.path.clone(),
                line,
                problem: format!("`{word}` is listed twice (first on line {first})"),
            });
        } else {
            out.push(word);
        }
    }
    out
}

macro_rules! word_lists {
    ($(#[$doc:meta])* $name:ident, $format:ident { $($(#[$fdoc:meta])* $field:ident: $kind:ident . $key:ident),* $(,)? }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $format {
            $($field: $kind,)*
        }

        $(#[$doc])*
        #[derive(Clone, Debug, Default)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: Vec<String>,)*
        }

        impl $name {
            /// Parses and checks the file.
            pub fn parse(file: &PatternFile) -> Result<$name, Vec<PatternError>> {
                let format: $format =
                    toml::from_str(&file.text).map_err(|e| vec![toml_error(file, &e)])?;
                let mut errors = Vec::new();
                let lists = $name {
                    $($field: check(file, format.$field.$key, &mut errors),)*
                };
                if errors.is_empty() { Ok(lists) } else { Err(errors) }
            }
        }
    };
}

word_lists!(
    /// The vocabulary of confidentiality markers (see `patterns/markers.toml`).
    MarkerLists, MarkerFormat {
        /// Security classes and stamps, markings in label position.
        labels: Words.words,
        /// Keys of classification fields (`Säkerhetsskyddsklass:`).
        keys: Words.words,
        /// Field values meaning "not confidential".
        negative_values: Words.words,
        /// KLASSA levels that count as confidential.
        klassa_values: Words.words,
        /// Assertions that a document is confidential.
        assertions: Words.words,
        /// Protected identity.
        protected_identity: Words.words,
        /// Handling labels (medium).
        handling: Words.words,
        /// Labels of internal material, in label position.
        internal: Words.words,
        /// Internal-material phrases that mark a document also inside a sentence.
        internal_statements: Words.words,
        /// Document nouns after an internal adjective ("Internt PM").
        document_nouns: Words.words,
        /// Headings of meeting notes.
        meeting_notes: Words.words,
        /// Meetings that are internal by nature.
        internal_meetings: Words.words,
        /// Subject prefixes and intensifiers that may stand before a label.
        label_prefixes: Words.words,
        /// Words that make a sentence a report of a decision or a citation.
        citations: Words.words,
        /// Those who decide about secrecy: a line naming one reports a decision.
        decision_makers: Words.words,
        /// Subjects that make "X är konfidentiellt" a statement about the text at hand.
        document_subjects: Words.words,
        /// Indefinite plural nouns that make an attributive assertion generic.
        generic_nouns: Words.words,
        /// Words that make protected identity a statement about a group.
        quantifiers: Words.words,
        /// Names of the secrecy laws.
        laws: Words.words,
        /// Words that make an OSL citation a marking.
        secrecy_words: Words.words,
        /// Clause openers that make a question or explanation.
        question_words: Words.words,
        /// Words that soften an assertion.
        hedges: Words.words,
        /// Negations.
        negations: Words.words,
    }
);

word_lists!(
    /// Context keywords (see `patterns/context.toml`).
    ContextLists, ContextFormat {
        /// Make an identity number sure.
        identity_keywords: Prefixes.prefix,
        /// Make a bare number something else (phone, invoice, case).
        other_number_keywords: Prefixes.prefix,
        /// Attach a number to a person.
        person_keywords: Prefixes.prefix,
        /// Make a phone number sure.
        phone_keywords: Prefixes.prefix,
        /// Required before a bankgiro number.
        bankgiro_keywords: Prefixes.prefix,
        /// Make a card number sure.
        card_keywords: Prefixes.prefix,
        /// Role words in front of a given name.
        role_words: Prefixes.prefix,
        /// Verbs that introduce a person's name ("heter", "kallas").
        naming_verbs: Prefixes.prefix,
        /// Declarations that a text's people are invented ("alla namn är fiktiva").
        fiction_declarations: Prefixes.prefix,
        /// Words that open a description of one person ("enda", "som jobbar").
        description_openers: Prefixes.prefix,
        /// Verbs that give a nickname ("kallar", "known as").
        nickname_verbs: Prefixes.prefix,
        /// Verbs that say a work portrays someone ("skildras", "portrayed").
        portrayal_verbs: Prefixes.prefix,
        /// Kinds of story a writer may ask for ("berättelse", "story").
        story_words: Prefixes.prefix,
        /// Endings of street names.
        street_suffixes: Suffixes.suffix,
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn a_missing_list_is_named() {
        let file = PatternFile {
            path: "context.toml".into(),
            text: Cow::Borrowed("[identity_keywords]\nprefix = [\"pnr\"]\n"),
        };
        let errors = ContextLists::parse(&file).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].problem.contains("other_number_keywords"),
            "{}",
            errors[0]
        );
    }
}
