//! Pattern files: the vocabulary and lists the detectors are built from.
//!
//! The `patterns/` folder of the repository is embedded in the binary at build time, so that
//! `sluss` runs anywhere; `[detection] patterns_dir` may point at another folder with the same
//! layout. Loading collects every problem in every file, each with its file and line.

mod lists;
mod names;
pub mod services;
mod vocab;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use lists::{ContextLists, MarkerLists};
pub use names::{NameLists, Roles, Sex, Work};
pub use services::{ApiFamily, KnownService, ServiceKind};
pub use vocab::{MatchMode, Strength, TermGroup, Vocabulary};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/patterns");

/// Where pattern files are read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternSource {
    /// The `patterns/` folder built into the binary.
    Embedded,
    /// A folder on disk with the same layout.
    Dir(PathBuf),
}

/// One pattern file's contents and the path to show in messages.
#[derive(Clone, Debug)]
pub struct PatternFile {
    /// Path shown in error messages (`patterns/markers.toml` for embedded files).
    pub path: String,
    /// The file's text.
    pub text: Cow<'static, str>,
}

/// A mistake in a pattern file, with its line.
pub type PatternError = crate::located::LocatedError;

/// Every problem found while loading pattern files.
pub type PatternErrors = crate::located::LocatedErrors;

impl PatternSource {
    /// Reads one file, by its path relative to the patterns folder.
    pub fn read(&self, relative: &str) -> Result<PatternFile, PatternError> {
        match self {
            PatternSource::Embedded => EMBEDDED
                .get_file(relative)
                .and_then(|f| f.contents_utf8())
                .map(|text| PatternFile {
                    path: format!("patterns/{relative}"),
                    text: Cow::Borrowed(text),
                })
                .ok_or_else(|| PatternError {
                    path: format!("patterns/{relative}"),
                    line: 0,
                    problem: "missing from the built-in patterns".into(),
                }),
            PatternSource::Dir(dir) => {
                let path = dir.join(relative);
                read_file(&path)
            }
        }
    }

    /// Reads every `.toml` file directly inside a sub-folder, sorted by name.
    pub fn read_folder(&self, relative: &str) -> Result<Vec<PatternFile>, PatternError> {
        let mut files = match self {
            PatternSource::Embedded => EMBEDDED
                .get_dir(relative)
                .map(|dir| {
                    dir.files()
                        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                        .filter_map(|f| {
                            Some(PatternFile {
                                path: format!("patterns/{}", f.path().display()),
                                text: Cow::Borrowed(f.contents_utf8()?),
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default(),
            PatternSource::Dir(dir) => {
                let folder = dir.join(relative);
                let entries = std::fs::read_dir(&folder).map_err(|e| PatternError {
                    path: folder.display().to_string(),
                    line: 0,
                    problem: format!("cannot read folder: {e}"),
                })?;
                let mut files = Vec::new();
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.extension().is_some_and(|e| e == "toml") {
                        files.push(read_file(&path)?);
                    }
                }
                files
            }
        };
        files.sort_by(|a, b| a.path.cmp(&b.path));
        if files.is_empty() {
            return Err(PatternError {
                path: self.display(relative),
                line: 0,
                problem: "no .toml files found".into(),
            });
        }
        Ok(files)
    }

    fn display(&self, relative: &str) -> String {
        match self {
            PatternSource::Embedded => format!("patterns/{relative}"),
            PatternSource::Dir(dir) => dir.join(relative).display().to_string(),
        }
    }
}

fn read_file(path: &Path) -> Result<PatternFile, PatternError> {
    std::fs::read_to_string(path)
        .map(|text| PatternFile {
            path: path.display().to_string(),
            text: Cow::Owned(text),
        })
        .map_err(|e| PatternError {
            path: path.display().to_string(),
            line: 0,
            problem: format!("cannot read: {e}"),
        })
}

/// Every pattern file, parsed and checked.
#[derive(Clone, Debug)]
pub struct Patterns {
    /// Sensitive vocabulary, one entry per category file.
    pub vocabulary: Vec<Vocabulary>,
    /// Confidentiality-marker vocabulary.
    pub markers: MarkerLists,
    /// Context keywords.
    pub context: ContextLists,
    /// Given names, surnames and ambiguous names.
    pub names: NameLists,
    /// Known public AI services.
    pub services: Vec<KnownService>,
}

impl Patterns {
    /// Loads and checks every pattern file from `source`, reporting all problems.
    pub fn load(source: &PatternSource) -> Result<Patterns, PatternErrors> {
        let mut errors = Vec::new();
        let mut vocabulary = Vec::new();
        match source.read_folder("sensitive") {
            Ok(files) => {
                for file in files {
                    match Vocabulary::parse(&file) {
                        Ok(v) => vocabulary.push(v),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
            }
            Err(e) => errors.push(e),
        }
        let markers = load_one(source, "markers.toml", MarkerLists::parse, &mut errors);
        let context = load_one(source, "context.toml", ContextLists::parse, &mut errors);
        let services = load_one(source, "ai-services.toml", services::parse, &mut errors);
        let names = NameLists::load(source).map_err(|e| errors.push(e)).ok();
        check_unique_categories(&vocabulary, &mut errors);
        match (markers, context, services, names) {
            (Some(markers), Some(context), Some(services), Some(names)) if errors.is_empty() => {
                Ok(Patterns {
                    vocabulary,
                    markers,
                    context,
                    names,
                    services,
                })
            }
            _ => Err(crate::located::LocatedErrors(errors)),
        }
    }

    /// The built-in patterns. They are checked by the test suite, so failing here means the
    /// binary was built from a broken tree.
    pub fn embedded() -> Result<Patterns, PatternErrors> {
        Patterns::load(&PatternSource::Embedded)
    }
}

fn load_one<T>(
    source: &PatternSource,
    relative: &str,
    parse: fn(&PatternFile) -> Result<T, Vec<PatternError>>,
    errors: &mut Vec<PatternError>,
) -> Option<T> {
    let file = source.read(relative).map_err(|e| errors.push(e)).ok()?;
    parse(&file).map_err(|mut e| errors.append(&mut e)).ok()
}

fn check_unique_categories(vocabulary: &[Vocabulary], errors: &mut Vec<PatternError>) {
    let mut seen = std::collections::HashMap::new();
    for v in vocabulary {
        if let Some(first) = seen.insert(v.category, v.path.clone()) {
            errors.push(PatternError {
                path: v.path.clone(),
                line: 0,
                problem: format!(
                    "category `{}` is already defined in {first}",
                    v.category.as_str()
                ),
            });
        }
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turns a TOML parse error into a pattern error with a line.
pub(crate) fn toml_error(file: &PatternFile, error: &toml::de::Error) -> PatternError {
    PatternError {
        path: file.path.clone(),
        line: error.span().map_or(0, |s| line_of(&file.text, s.start)),
        problem: error.message().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_patterns_load_without_problems() {
        match Patterns::embedded() {
            Ok(p) => {
                assert_eq!(p.vocabulary.len(), 10);
                assert!(p.names.given_count() > 1000);
                assert!(!p.services.is_empty());
            }
            Err(e) => unreachable!("built-in patterns are broken:\n{e}"),
        }
    }

    #[test]
    fn lines_are_one_based() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 4), 3);
    }
}
