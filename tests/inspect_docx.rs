//! `.docx` files: read with a namespace-aware XML reader from every text part, within limits on
//! entries, decompressed size and XML depth, refusing DTDs. Before issue 9 a document with a
//! default namespace extracted to nothing and passed, and `sluss scan` of any `.docx` panicked
//! in a debug build (an add overflow on its `usize::MAX` limit).

use std::io::Write;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use sluss::body::formats::docx::text;
use sluss::body::{Limits, Uninspectable};
use sluss::detect::{Detectors, Kind};
use sluss::policy::{Action, ServicePolicy};

static DETECTORS: LazyLock<Detectors> =
    LazyLock::new(|| Detectors::embedded().unwrap_or_else(|e| unreachable!("{e}")));

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const SECRET: &str = "850101-2382";

/// A zip of `(name, content)` entries, deflated.
fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in entries {
        assert!(zip.start_file(*name, options).is_ok());
        assert!(zip.write_all(content).is_ok());
    }
    assert!(zip.finish().is_ok());
    buffer.into_inner()
}

/// A part with `body` inside a `w:`-prefixed root element.
fn part(root: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:{root} xmlns:w=\"{W}\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">{body}</w:{root}>"
    )
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn document(body: &str) -> String {
    part("document", &format!("<w:body>{body}</w:body>"))
}

fn read(file: &[u8]) -> Result<String, Uninspectable> {
    text(file, &Limits::default())
}

#[test]
fn every_text_part_is_read() {
    let text_box = "<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Ruta\" descr=\"Bild på Leyla Hassan\"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>I rutan: 850101-2382</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    let cases: Vec<(&str, String)> = vec![
        (
            "word/header1.xml",
            part("hdr", &paragraph("Sidhuvud 850101-2382")),
        ),
        (
            "word/footer2.xml",
            part("ftr", &paragraph("Sidfot 850101-2382")),
        ),
        (
            "word/footnotes.xml",
            part(
                "footnotes",
                &format!(
                    "<w:footnote w:id=\"1\">{}</w:footnote>",
                    paragraph("Fotnot 850101-2382")
                ),
            ),
        ),
        (
            "word/endnotes.xml",
            part(
                "endnotes",
                &format!(
                    "<w:endnote w:id=\"1\">{}</w:endnote>",
                    paragraph("Slutnot 850101-2382")
                ),
            ),
        ),
        (
            "word/comments.xml",
            part(
                "comments",
                &format!(
                    "<w:comment w:id=\"0\" w:author=\"A\">{}</w:comment>",
                    paragraph("Kommentar 850101-2382")
                ),
            ),
        ),
        ("word/document.xml", document(text_box)),
        (
            "word/document.xml",
            document(
                "<w:p><w:del><w:r><w:delText>Struket 850101-2382</w:delText></w:r></w:del></w:p>",
            ),
        ),
    ];
    for (name, xml) in cases {
        let main = document(&paragraph("Huvudtext"));
        let file = if name == "word/document.xml" {
            archive(&[(name, xml.as_bytes())])
        } else {
            archive(&[
                ("word/document.xml", main.as_bytes()),
                (name, xml.as_bytes()),
            ])
        };
        let extracted = read(&file).unwrap_or_else(|e| unreachable!("{name}: {e}"));
        assert!(extracted.contains(SECRET), "{name}: {extracted:?}");
    }
}

#[test]
fn namespaces_are_resolved_not_matched_by_prefix() {
    let default_ns = format!(
        "<document xmlns=\"{W}\"><body><p><r><t>Pnr {SECRET}</t></r></p><p><r><t>SEKRETESS</t></r></p></body></document>"
    );
    let other_prefix = format!(
        "<ord:document xmlns:ord=\"{W}\"><ord:body><ord:p><ord:r><ord:t>Pnr {SECRET}</ord:t></ord:r></ord:p></ord:body></ord:document>"
    );
    // The strict OOXML namespace.
    let strict = format!(
        "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body><w:p><w:r><w:t>Pnr {SECRET}</w:t></w:r></w:p></w:body></w:document>"
    );
    for xml in [default_ns, other_prefix, strict] {
        let file = archive(&[("word/document.xml", xml.as_bytes())]);
        let extracted = read(&file).unwrap_or_default();
        assert!(
            extracted.contains(&format!("Pnr {SECRET}\n")),
            "{xml}: {extracted:?}"
        );
    }
    // Through the whole pipeline, as an upload would be.
    let xml = format!(
        "<document xmlns=\"{W}\"><body><p><r><t>Pnr {SECRET}</t></r></p></body></document>"
    );
    let file = archive(&[("word/document.xml", xml.as_bytes())]);
    let report = sluss::scan::scan_input(&DETECTORS, &ServicePolicy::default(), "a.docx", &file)
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(report.action(), Action::Block);
    assert!(report.findings.iter().any(|f| f.kind == Kind::Personnummer));
}

#[test]
fn sluss_scan_reads_a_docx_without_overflow() {
    // Debug builds panicked here: the file limit was usize::MAX and docx added one to it.
    let file = archive(&[("word/document.xml", document(&paragraph("Hej")).as_bytes())]);
    let report = sluss::scan::scan_input(&DETECTORS, &ServicePolicy::default(), "hej.docx", &file)
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(report.action(), Action::Allow);
    // The limit for files is real: a part larger than it is refused, not read.
    let limits = sluss::scan::file_limits();
    assert!(limits.max_bytes < usize::MAX / 2);
    let unlimited = Limits {
        max_bytes: usize::MAX,
        ..Limits::default()
    };
    assert_eq!(text(&file, &unlimited).unwrap_or_default(), "Hej\n");
}

#[test]
fn zip_bombs_are_refused_quickly() {
    // One entry of 64 MiB of zeros (about 64 KiB compressed): stops at the limit.
    let zeros = vec![b' '; 64 << 20];
    let mut xml = document(&paragraph("x")).into_bytes();
    xml.extend_from_slice(&zeros);
    let bomb = archive(&[("word/document.xml", &xml)]);
    assert!(bomb.len() < 256 * 1024, "{}", bomb.len());
    let started = Instant::now();
    assert_eq!(
        read(&bomb),
        Err(Uninspectable::TooLarge { limit: 10 << 20 })
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // Many parts of 1 MiB each: the limit is for all parts together.
    let big = document(&paragraph(&"a".repeat(1 << 20)));
    let mut entries: Vec<(String, Vec<u8>)> =
        vec![("word/document.xml".into(), big.clone().into_bytes())];
    for i in 0..12 {
        entries.push((format!("word/header{i}.xml"), big.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    assert_eq!(
        read(&archive(&refs)),
        Err(Uninspectable::TooLarge { limit: 10 << 20 })
    );
    // Too many entries.
    let names: Vec<String> = (0..1500)
        .map(|i| format!("customXml/item{i}.xml"))
        .collect();
    let mut many: Vec<(&str, &[u8])> = vec![("word/document.xml", b"<a/>")];
    many.extend(names.iter().map(|n| (n.as_str(), &b"<b/>"[..])));
    assert!(matches!(
        read(&archive(&many)),
        Err(Uninspectable::OverLimit { .. })
    ));
}

#[test]
fn xml_bombs_are_refused() {
    // Billion laughs: entities need a DTD, and a DTD is refused.
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    );
    let file = archive(&[("word/document.xml", laughs.as_bytes())]);
    assert!(matches!(
        read(&file),
        Err(Uninspectable::CorruptFile { .. })
    ));
    // An entity used without a DTD is not text we can read.
    let undefined = document("<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>");
    let file = archive(&[("word/document.xml", undefined.as_bytes())]);
    assert!(matches!(
        read(&file),
        Err(Uninspectable::CorruptFile { .. })
    ));
    // Deep nesting.
    let deep = document(&("<w:sdt>".repeat(1000) + &"</w:sdt>".repeat(1000)));
    let file = archive(&[("word/document.xml", deep.as_bytes())]);
    assert!(matches!(read(&file), Err(Uninspectable::TooDeep { .. })));
    // Character references are read (and cannot hide a digit).
    let refs = document("<w:p><w:r><w:t>&#56;50101&#x2D;2382 &amp; &lt;b&gt;</w:t></w:r></w:p>");
    let file = archive(&[("word/document.xml", refs.as_bytes())]);
    assert_eq!(read(&file).unwrap_or_default(), "850101-2382 & <b>\n");
}

#[test]
fn a_docx_without_a_main_part_or_not_a_zip_is_uninspectable() {
    let file = archive(&[("word/other.xml", document(&paragraph(SECRET)).as_bytes())]);
    assert!(matches!(
        read(&file),
        Err(Uninspectable::CorruptFile { .. })
    ));
    assert!(matches!(
        read(b"PK\x03\x04 not really"),
        Err(Uninspectable::CorruptFile { .. })
    ));
}
