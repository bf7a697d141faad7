//! What sluss reads of the traffic to a service and what it cannot, in plain Swedish, for the
//! register page: a policy that masks personnummer protects only what is read, so the register
//! says what is not read and what the service's policy does with it.
//!
//! The tables here must follow what the inspection reads: a test inspects a sample of every
//! file format listed and fails when a format is read that is listed as unread, or the other
//! way round.

use crate::config::Service;
use crate::policy::Action;

/// File formats, and whether sluss reads their text (inside a multipart upload, a raw upload
/// or base64 in JSON). Keep in step with `body::extract`.
pub const FILE_FORMATS: &[(&str, bool)] = &[
    ("Word (.docx)", true),
    ("PDF", true),
    ("Excel (.xlsx)", true),
    ("PowerPoint (.pptx)", true),
    ("OpenDocument (.odt, .ods, .odp)", true),
    ("RTF", true),
    ("HTML", true),
    ("text (.txt, .csv, .md)", true),
];

/// What is and is not inspected for one service, as sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// What is read and judged by the policy.
    pub inspected: Vec<String>,
    /// What is not read.
    pub not_inspected: Vec<String>,
    /// What the service's policy does with what is not read.
    pub unread: String,
    /// A warning when something passes unread although the policy masks or stops findings.
    pub warning: Option<String>,
}

/// The coverage of `service` with bodies read up to `max_bytes`.
pub fn of(service: &Service, max_bytes: usize) -> Coverage {
    let read: Vec<&str> = FILE_FORMATS
        .iter()
        .filter(|(_, r)| *r)
        .map(|(n, _)| *n)
        .collect();
    let unread: Vec<&str> = FILE_FORMATS
        .iter()
        .filter(|(_, r)| !*r)
        .map(|(n, _)| *n)
        .collect();
    let mut inspected = vec![
        "Texten i förfrågningar: JSON (alla fält), formulär, vanlig text.".to_string(),
        "Adressens sökväg och frågesträng, huvuden och kakor.".to_string(),
        format!(
            "Filer: {}; text och JSON inbäddade som data:-länkar eller base64.",
            read.join(", ")
        ),
    ];
    let mut not_inspected = vec![
        if unread.is_empty() {
            "Andra filer: bilder, ljud, video och okända filformat.".to_string()
        } else {
            format!(
                "Andra filer: {}, bilder, ljud och video.",
                unread.join(", ")
            )
        },
        "Krypterade, skadade eller inskannade filer.".to_string(),
        format!("Förfrågningar större än {}.", megabytes(max_bytes)),
    ];
    inspected.push("Textmeddelanden över WebSocket (som vissa chattjänster använder).".to_string());
    not_inspected.push("Binära meddelanden över WebSocket.".to_string());
    let passes = service.policy.uninspectable == Action::Allow;
    let unread = if passes {
        "Det som inte kan granskas släpps igenom ogranskat och loggas.".to_string()
    } else {
        "Det som inte kan granskas stoppas.".to_string()
    };
    let warning = passes.then(|| {
        "Observera: policyn gäller bara det som granskas. Uppgifter i filer eller meddelanden \
som inte kan granskas når tjänsten utan att stoppas eller maskeras."
            .to_string()
    });
    Coverage {
        inspected,
        not_inspected,
        unread,
        warning,
    }
}

/// `10 MB`, `512 kB`.
fn megabytes(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes >> 20)
    } else {
        format!("{} kB", (bytes >> 10).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Limits;
    use crate::config::HostPattern;
    use crate::detect::Detectors;
    use crate::inspect::{Outcome, Request, inspect};
    use crate::patterns::ApiFamily;
    use crate::policy::{PolicyOverrides, ServicePolicy};
    use std::io::Write;

    type Res = Result<(), Box<dyn std::error::Error>>;

    fn zip(entries: &[(&str, &str)]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        for (name, content) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())?;
            zip.write_all(content.as_bytes())?;
        }
        zip.finish()?;
        Ok(buffer.into_inner())
    }

    /// A small file of each listed format holding a personnummer, and its content type.
    fn sample(format: &str) -> Result<(Vec<u8>, &'static str), Box<dyn std::error::Error>> {
        const PNR: &str = "Beslut för 850101-2382 om bistånd.";
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
        Ok(match format {
            "Word (.docx)" => (
                zip(&[(
                    "word/document.xml",
                    &format!(
                        "<w:document {w}><w:body><w:p><w:r><w:t>{PNR}</w:t></w:r></w:p></w:body></w:document>"
                    ),
                )])?,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            // Files written by LibreOffice (see tests/data/documents/source).
            "PDF" => (
                include_bytes!("../../tests/data/documents/beslut.pdf").to_vec(),
                "application/pdf",
            ),
            "Excel (.xlsx)" => (
                include_bytes!("../../tests/data/documents/register.xlsx").to_vec(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            "PowerPoint (.pptx)" => (
                include_bytes!("../../tests/data/documents/presentation.pptx").to_vec(),
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            "OpenDocument (.odt, .ods, .odp)" => (
                zip(&[
                    ("mimetype", "application/vnd.oasis.opendocument.text"),
                    (
                        "content.xml",
                        &format!(
                            "<office:document-content><text:p>{PNR}</text:p></office:document-content>"
                        ),
                    ),
                ])?,
                "application/vnd.oasis.opendocument.text",
            ),
            "RTF" => (
                format!("{{\\rtf1\\ansi {PNR}}}").into_bytes(),
                "application/rtf",
            ),
            "HTML" => (
                include_bytes!("../../tests/data/documents/beslut.html").to_vec(),
                "text/html",
            ),
            "text (.txt, .csv, .md)" => (
                include_bytes!("../../tests/data/documents/register.csv").to_vec(),
                "text/csv",
            ),
            other => return Err(format!("no sample for {other}").into()),
        })
    }

    #[test]
    fn the_listed_formats_are_the_ones_the_inspection_reads() -> Res {
        let detectors = Detectors::embedded()?;
        let policy = ServicePolicy::default();
        for (format, listed) in FILE_FORMATS {
            let (body, content_type) = sample(format)?;
            let request = Request {
                body: &body,
                content_type: Some(content_type),
                ..Request::default()
            };
            let inspection = inspect(&detectors, &policy, &request, &Limits::default());
            let read = inspection.uninspectable.is_none();
            assert_eq!(read, *listed, "{format}: read {read}, listed {listed}");
            if read {
                assert!(
                    matches!(inspection.outcome, Outcome::Block { .. }),
                    "{format}: the personnummer inside was not found"
                );
            }
        }
        Ok(())
    }

    fn service(uninspectable: Action) -> Service {
        Service {
            name: "AI".into(),
            hosts: vec![HostPattern::parse("ai.test")],
            upload_hosts: Vec::new(),
            paths: Vec::new(),
            owner: None,
            purpose: None,
            approved: None,
            dpia: None,
            api: ApiFamily::Openai,
            policy: ServicePolicy::default().with(&PolicyOverrides {
                personnummer: Some(Action::Redact),
                uninspectable: Some(uninspectable),
                ..PolicyOverrides::default()
            }),
        }
    }

    #[test]
    fn a_service_that_lets_unread_content_pass_is_warned_about() {
        let strict = of(&service(Action::Block), 10 << 20);
        assert_eq!(strict.unread, "Det som inte kan granskas stoppas.");
        assert!(strict.warning.is_none());
        assert!(strict.not_inspected.iter().any(|l| l.contains("WebSocket")));
        assert!(strict.not_inspected.iter().any(|l| l.contains("10 MB")));
        assert!(strict.inspected.iter().any(|l| l.contains("Word (.docx)")));
        let open = of(&service(Action::Allow), 512 << 10);
        assert!(open.unread.contains("släpps igenom ogranskat"));
        assert!(open.warning.is_some());
        assert!(open.not_inspected.iter().any(|l| l.contains("512 kB")));
    }
}
