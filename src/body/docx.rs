//! The text of a `.docx` file: `word/document.xml` out of the zip, paragraphs as lines.

use std::io::Read;

use super::extract::Uninspectable;

fn malformed(problem: &str) -> Uninspectable {
    Uninspectable::Malformed {
        format: "docx",
        problem: problem.into(),
    }
}

/// The text of a `.docx` file, reading at most `limit` bytes of XML (a zip bomb stops there).
pub fn text(file: &[u8], limit: usize) -> Result<String, Uninspectable> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(file))
        .map_err(|_| malformed("not a zip archive"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| malformed("no word/document.xml"))?;
    let mut xml = Vec::new();
    entry
        .take(limit as u64 + 1)
        .read_to_end(&mut xml)
        .map_err(|_| malformed("cannot decompress word/document.xml"))?;
    if xml.len() > limit {
        return Err(Uninspectable::TooLarge { limit });
    }
    let xml = String::from_utf8(xml).map_err(|_| malformed("word/document.xml is not UTF-8"))?;
    Ok(xml_text(&xml))
}

/// The character data of `<w:t>` elements; `</w:p>` ends a line, `<w:tab/>` is a tab,
/// `<w:br/>` a line break.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    let mut in_text = false;
    while let Some(lt) = rest.find('<') {
        if in_text {
            out.push_str(&unescape(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        match (name, tag.starts_with('/'), tag.ends_with('/')) {
            ("w:t", false, false) => in_text = true,
            ("w:t", true, _) => in_text = false,
            ("w:p", true, _) | ("w:br", _, _) | ("w:cr", _, _) => out.push('\n'),
            ("w:tab", _, _) => out.push('\t'),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal .docx with `paragraphs`.
    pub(crate) fn docx(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>"
        );
        let mut buffer = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let _ = zip.start_file("word/document.xml", options);
        let _ = zip.write_all(xml.as_bytes());
        let _ = zip.finish();
        buffer.into_inner()
    }

    #[test]
    fn paragraphs_become_lines() {
        let file = docx(&["SEKRETESS", "Leyla Hassan &amp; familj"]);
        assert_eq!(
            text(&file, 1 << 20).unwrap_or_default(),
            "SEKRETESS\nLeyla Hassan & familj\n"
        );
    }

    #[test]
    fn not_a_docx() {
        assert!(text(b"hello", 1024).is_err());
        let file = docx(&["x".repeat(5000).as_str()]);
        assert_eq!(
            text(&file, 1000),
            Err(Uninspectable::TooLarge { limit: 1000 })
        );
    }
}
