//! `patterns/ai-services.toml`: the catalogue of known public generative-AI services.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::{PatternError, PatternFile, line_of, toml_error};

/// Whether a service is used through an API or a browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceKind {
    /// Clients, SDKs and plugins.
    Api,
    /// A browser chat UI.
    Web,
}

/// The request-body family a service speaks (decides how prompts are extracted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApiFamily {
    /// OpenAI chat completions / responses, and OpenAI-compatible APIs.
    Openai,
    /// Anthropic messages.
    Anthropic,
    /// Google Gemini generateContent.
    Gemini,
    /// Azure OpenAI.
    AzureOpenai,
    /// Mistral.
    Mistral,
    /// Cohere.
    Cohere,
    /// Ollama.
    Ollama,
    /// Anything else: every string is scanned.
    Generic,
}

/// One known AI service.
#[derive(Clone, Debug)]
pub struct KnownService {
    /// Unique id.
    pub id: String,
    /// Display name (shown on Swedish block pages).
    pub name: String,
    /// Company.
    pub vendor: String,
    /// API or web.
    pub kind: ServiceKind,
    /// Body family.
    pub api: ApiFamily,
    /// Hosts: exact names or `*.suffix`.
    pub hosts: Vec<String>,
    /// Hosts that receive the service's file uploads (blob storage for presigned `PUT`s):
    /// routed like the service, and inspected as files when the service is registered.
    pub upload_hosts: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    service: Vec<ServiceFormat>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFormat {
    id: Spanned<String>,
    name: String,
    vendor: String,
    kind: ServiceKind,
    api: ApiFamily,
    hosts: Vec<Spanned<String>>,
    #[serde(default)]
    upload_hosts: Vec<Spanned<String>>,
}

/// Parses and checks the catalogue.
pub(super) fn parse(file: &PatternFile) -> Result<Vec<KnownService>, Vec<PatternError>> {
    let format: FileFormat = toml::from_str(&file.text).map_err(|e| vec![toml_error(file, &e)])?;
    let mut errors = Vec::new();
    let mut ids = HashMap::new();
    let mut hosts = HashMap::new();
    let mut services = Vec::new();
    for s in format.service {
        let line = line_of(&file.text, s.id.span().start);
        let id = s.id.into_inner();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            errors.push(err(
                file,
                line,
                format!("id `{id}`: use lower-case a-z, 0-9 and '-'"),
            ));
        }
        if let Some(first) = ids.insert(id.clone(), line) {
            errors.push(err(
                file,
                line,
                format!("id `{id}` is used twice (first on line {first})"),
            ));
        }
        let service_hosts = checked_hosts(file, s.hosts, &mut hosts, &mut errors);
        let upload_hosts = checked_hosts(file, s.upload_hosts, &mut hosts, &mut errors);
        services.push(KnownService {
            id,
            name: s.name,
            vendor: s.vendor,
            kind: s.kind,
            api: s.api,
            hosts: service_hosts,
            upload_hosts,
        });
    }
    if errors.is_empty() {
        Ok(services)
    } else {
        Err(errors)
    }
}

/// Checks host patterns (`hosts` or `upload_hosts`) with their lines; `seen` holds every host
/// of the file so far (a host belongs to one service, as a host or an upload host).
fn checked_hosts(
    file: &PatternFile,
    list: Vec<Spanned<String>>,
    seen: &mut HashMap<String, usize>,
    errors: &mut Vec<PatternError>,
) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len());
    for h in list {
        let line = line_of(&file.text, h.span().start);
        let host = h.into_inner();
        if let Some(reason) = host_problem(&host) {
            errors.push(err(file, line, format!("host `{host}`: {reason}")));
        } else if let Some(first) = seen.insert(host.clone(), line) {
            errors.push(err(
                file,
                line,
                format!("host `{host}` is listed twice (first on line {first})"),
            ));
        }
        out.push(host);
    }
    out
}

fn err(file: &PatternFile, line: usize, problem: String) -> PatternError {
    PatternError {
        path: file.path.clone(),
        line,
        problem,
    }
}

/// Why a host pattern is invalid, if it is. Shared with the register in the config.
pub fn host_problem(host: &str) -> Option<&'static str> {
    let name = host.strip_prefix("*.").unwrap_or(host);
    if name.is_empty() {
        Some("empty")
    } else if name.contains('*') {
        Some("a wildcard is allowed only as a leading `*.`")
    } else if host.contains("://") || host.contains('/') || host.contains(':') {
        Some("write the host name only, without scheme, port or path")
    } else if name != name.to_ascii_lowercase() {
        Some("must be lower case")
    } else if !name.split('.').all(|l| {
        !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }) {
        Some("not a valid host name")
    } else {
        crate::config::public_suffix_wildcard(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> PatternFile {
        PatternFile {
            path: "patterns/ai-services.toml".into(),
            text: text.to_string().into(),
        }
    }

    const ENTRY: &str = "[[service]]\nid = \"x\"\nname = \"X\"\nvendor = \"X\"\nkind = \"web\"\napi = \"generic\"\n";

    #[test]
    fn upload_hosts_are_read_and_checked_with_their_lines() {
        let ok = format!("{ENTRY}hosts = [\"x.test\"]\nupload_hosts = [\"*.files.x.test\"]\n");
        let services = parse(&file(&ok)).unwrap_or_else(|e| unreachable!("{e:?}"));
        assert_eq!(services[0].upload_hosts, vec!["*.files.x.test".to_string()]);

        let bad = format!(
            "{ENTRY}hosts = [\"x.test\"]\nupload_hosts = [\n  \"https://up.x.test/\",\n  \"x.test\",\n]\n"
        );
        let errors = parse(&file(&bad)).err().unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![9, 10], "{errors:?}");
        assert!(errors[0].problem.contains("without scheme"));
        assert!(errors[1].problem.contains("listed twice (first on line 7)"));
    }
}
