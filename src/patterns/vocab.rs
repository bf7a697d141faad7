//! `patterns/sensitive/<category>.toml`: vocabulary for one sensitive category.

use serde::Deserialize;
use toml::Spanned;

use super::{PatternError, PatternFile, line_of, toml_error};
use crate::detect::Category;

/// How a word matches the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchMode {
    /// Anywhere, including inside compounds (`alkoholmissbruk`). Stems under five characters
    /// are treated as `Prefix`.
    Infix,
    /// At the start of a word.
    Prefix,
    /// A whole word or phrase.
    Word,
    /// A whole word, exact case (acronyms).
    WordCaseSensitive,
}

/// How strongly a word points at the category; becomes the finding's confidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// Names the category about a person: high confidence.
    Strong,
    /// Needs a person link: medium confidence.
    Medium,
    /// Only with other signals: low confidence, reported but not acted on.
    Weak,
}

/// One `[[terms]]` group.
#[derive(Clone, Debug)]
pub struct TermGroup {
    /// How the words match.
    pub mode: MatchMode,
    /// How strongly they point at the category.
    pub strength: Strength,
    /// The words (lower case unless `WordCaseSensitive`).
    pub words: Vec<String>,
    /// Lower-case phrases containing a word; a match inside one of them is ignored.
    pub exclude: Vec<String>,
    /// Lower-case phrases; a match counts after one of them ("medlem i Kommunal"). The three
    /// requirements are alternatives: a group with any of them counts when one holds.
    pub requires_before: Vec<String>,
    /// Lower-case words; a match counts when one of them follows it (a person noun after an
    /// adjective: "somaliska tjejen", "romsk familj"; "SD-väljare").
    pub requires_after: Vec<String>,
    /// Lower-case words; a match counts right after one of them, whatever follows it (a
    /// predicate after a copula: "hon är kurdisk", "he is Kurdish"; "röstar SD").
    pub or_after: Vec<String>,
    /// Lower-case word starts; a match counts when one of them begins a word earlier in the
    /// same sentence (an act under a suspicion: "misstänker att X har tagit med sig …").
    pub requires_in_sentence: Vec<String>,
    /// Lower-case words; a weak match right after one of them counts as medium (a demonym
    /// said of someone: "familjen är kurder", "han är syrian").
    pub raise_after: Vec<String>,
    /// A match also counts in a row of a list right after a person's full name and a dash,
    /// colon or tab ("Sara Nyberg – Kommunal", "Piotr Nowak: Vision").
    pub after_name: bool,
    /// The language of the words when it is neither Swedish nor English (an ISO 639-1 code:
    /// "fi", "pl", "so"): residents write to the municipality in their own languages, and a
    /// word of such a passage is about the person the passage names (see `detect::linkage`).
    pub language: Option<String>,
}

/// The vocabulary of one category file.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    /// The file it came from.
    pub path: String,
    /// The category.
    pub category: Category,
    /// Its term groups.
    pub groups: Vec<TermGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    category: Spanned<String>,
    terms: Vec<GroupFormat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFormat {
    #[serde(rename = "match")]
    mode: Spanned<String>,
    strength: Spanned<String>,
    words: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    requires_before: Vec<Spanned<String>>,
    #[serde(default)]
    requires_after: Vec<Spanned<String>>,
    #[serde(default)]
    or_after: Vec<Spanned<String>>,
    #[serde(default)]
    requires_in_sentence: Vec<Spanned<String>>,
    #[serde(default)]
    raise_after: Vec<Spanned<String>>,
    #[serde(default)]
    after_name: bool,
    #[serde(default)]
    language: Option<Spanned<String>>,
}

impl Vocabulary {
    /// Parses and checks one category file.
    pub fn parse(file: &PatternFile) -> Result<Vocabulary, Vec<PatternError>> {
        let format: FileFormat =
            toml::from_str(&file.text).map_err(|e| vec![toml_error(file, &e)])?;
        let mut errors = Vec::new();
        let mut problem = |span: std::ops::Range<usize>, problem: String| {
            errors.push(PatternError {
                path: file.path.clone(),
                line: line_of(&file.text, span.start),
                problem,
            });
        };
        let category = Category::parse(format.category.get_ref());
        if category.is_none() {
            problem(
                format.category.span(),
                format!(
                    "unknown category `{}` (expected one of: {})",
                    format.category.get_ref(),
                    Category::ALL.map(Category::as_str).join(", ")
                ),
            );
        }
        let mut groups = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for g in format.terms {
            let mode = match g.mode.get_ref().as_str() {
                "infix" => Some(MatchMode::Infix),
                "prefix" => Some(MatchMode::Prefix),
                "word" | "phrase" => Some(MatchMode::Word),
                "word_cs" => Some(MatchMode::WordCaseSensitive),
                other => {
                    problem(
                        g.mode.span(),
                        format!(
                            "unknown match `{other}` (expected infix, prefix, word, word_cs or phrase)"
                        ),
                    );
                    None
                }
            };
            let strength = match g.strength.get_ref().as_str() {
                "strong" => Some(Strength::Strong),
                "medium" => Some(Strength::Medium),
                "weak" => Some(Strength::Weak),
                other => {
                    problem(
                        g.strength.span(),
                        format!("unknown strength `{other}` (expected strong, medium or weak)"),
                    );
                    None
                }
            };
            if g.words.is_empty() {
                problem(g.mode.span(), "a [[terms]] group has no words".into());
            }
            for w in &g.words {
                let word = w.get_ref();
                if let Some(reason) = word_problem(word, mode == Some(MatchMode::WordCaseSensitive))
                {
                    problem(w.span(), format!("word `{word}`: {reason}"));
                } else if let Some(first_line) =
                    seen.insert(word.clone(), line_of(&file.text, w.span().start))
                {
                    problem(
                        w.span(),
                        format!("word `{word}` is listed twice (first on line {first_line})"),
                    );
                }
            }
            for e in g
                .exclude
                .iter()
                .chain(&g.requires_before)
                .chain(&g.requires_after)
                .chain(&g.or_after)
                .chain(&g.requires_in_sentence)
                .chain(&g.raise_after)
            {
                if let Some(reason) = word_problem(e.get_ref(), false) {
                    problem(e.span(), format!("phrase `{}`: {reason}", e.get_ref()));
                }
            }
            for e in &g.exclude {
                let phrase = e.get_ref();
                if !g
                    .words
                    .iter()
                    .any(|w| phrase.contains(&w.get_ref().to_lowercase()))
                {
                    problem(
                        e.span(),
                        format!("exclude phrase `{phrase}` contains none of the group's words"),
                    );
                }
            }
            if let Some(language) = &g.language {
                let code = language.get_ref();
                if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
                    problem(
                        language.span(),
                        format!("language `{code}` is not a two-letter ISO 639-1 code"),
                    );
                } else if matches!(code.as_str(), "sv" | "en") {
                    problem(
                        language.span(),
                        "Swedish and English words need no `language`".to_string(),
                    );
                }
            }
            if let (Some(mode), Some(strength)) = (mode, strength) {
                groups.push(TermGroup {
                    mode,
                    strength,
                    words: g.words.into_iter().map(Spanned::into_inner).collect(),
                    exclude: g.exclude.into_iter().map(Spanned::into_inner).collect(),
                    requires_before: g
                        .requires_before
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    requires_after: g
                        .requires_after
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    or_after: g.or_after.into_iter().map(Spanned::into_inner).collect(),
                    requires_in_sentence: g
                        .requires_in_sentence
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    raise_after: g.raise_after.into_iter().map(Spanned::into_inner).collect(),
                    after_name: g.after_name,
                    language: g.language.map(Spanned::into_inner),
                });
            }
        }
        match category {
            Some(category) if errors.is_empty() => Ok(Vocabulary {
                path: file.path.clone(),
                category,
                groups,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a word cannot be used, if it cannot.
pub(crate) fn word_problem(word: &str, case_sensitive: bool) -> Option<&'static str> {
    if word.is_empty() {
        Some("empty")
    } else if word.trim() != word {
        Some("leading or trailing white space")
    } else if word.contains("  ") || word.contains(['\t', '\n']) {
        Some("words must be separated by single spaces")
    } else if !case_sensitive && word.to_lowercase() != word {
        Some("must be lower case (only word_cs keeps case)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn parse(text: &'static str) -> Result<Vocabulary, Vec<PatternError>> {
        Vocabulary::parse(&PatternFile {
            path: "test.toml".into(),
            text: Cow::Borrowed(text),
        })
    }

    #[test]
    fn every_mistake_is_reported_with_its_line() {
        let errors = parse(
            "category = \"health\"\n\
             [[terms]]\n\
             match = \"infix\"\n\
             strength = \"huge\"\n\
             words = [\"Diabetes\", \"astma\", \"astma\"]\n",
        )
        .err()
        .unwrap_or_default();
        let lines: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.problem.as_str()))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().any(|(l, p)| *l == 4 && p.contains("strength")));
        assert!(
            lines
                .iter()
                .any(|(l, p)| *l == 5 && p.contains("lower case"))
        );
        assert!(lines.iter().any(|(l, p)| *l == 5 && p.contains("twice")));
    }

    #[test]
    fn a_language_is_a_two_letter_code_other_than_swedish_and_english() {
        let group = |language: &str| {
            format!(
                "category = \"health\"\n[[terms]]\nmatch = \"prefix\"\nstrength = \"strong\"\n\
                 language = \"{language}\"\nwords = [\"masennu\"]\n"
            )
        };
        let parse_owned = |text: String| {
            Vocabulary::parse(&PatternFile {
                path: "test.toml".into(),
                text: Cow::Owned(text),
            })
        };
        let finnish = parse_owned(group("fi")).unwrap_or_else(|e| unreachable!("{e:?}"));
        assert_eq!(finnish.groups[0].language.as_deref(), Some("fi"));
        for bad in ["finnish", "FI", "sv", "en"] {
            let errors = parse_owned(group(bad)).err().unwrap_or_default();
            assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
            assert_eq!(errors[0].line, 5, "{bad}");
        }
    }

    #[test]
    fn unknown_keys_are_refused() {
        let errors = parse("category = \"health\"\nterms = []\ncolour = 1\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
    }
}
