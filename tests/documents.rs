//! Document readers through the dispatch (issue 11 item 1): every text part of the office
//! formats made by LibreOffice is read (headers, notes, sheet names); encrypted, scanned,
//! damaged and over-limit files are uninspectable with their own reason; zip bombs, XML bombs
//! and entry counts are refused for every zip-based format; a PDF with a huge compressed stream
//! or too many pages is refused quickly.

use std::io::Write;
use std::time::{Duration, Instant};

use sluss::body::{Limits, Uninspectable, extract_named};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/documents");

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";
const ODP: &str = "application/vnd.oasis.opendocument.presentation";

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn fixture(name: &str) -> Res<Vec<u8>> {
    Ok(std::fs::read(format!("{DATA}/{name}"))?)
}

/// The text the dispatch reads out of `bytes` declared as `content_type`.
fn read(bytes: &[u8], content_type: &str) -> Result<String, Uninspectable> {
    extract_named(bytes, Some(content_type), None, &Limits::default()).map(|d| d.text)
}

fn read_fixture(name: &str, content_type: &str) -> Res<String> {
    read(&fixture(name)?, content_type).map_err(|e| format!("{name}: {e}").into())
}

#[test]
fn every_text_part_of_the_libreoffice_fixtures_is_read() -> Res {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "header-marking.docx",
            DOCX,
            &["SEKRETESS enligt 26 kap. 1 § OSL"],
        ),
        (
            "header-marking.odt",
            ODT,
            &["SEKRETESS enligt 26 kap. 1 § OSL"],
        ),
        (
            "header-marking.pdf",
            "application/pdf",
            &["SEKRETESS enligt 26 kap. 1 § OSL"],
        ),
        ("beslut.rtf", "application/rtf", &["850101-2382"]),
        ("beslut.html", "text/html", &["850101-2382"]),
        (
            "register.xlsx",
            XLSX,
            &[
                "Elever",
                "Klass 3B",
                "Anna Svensson",
                "850101-2382",
                "198501012382",
            ],
        ),
        (
            "register.ods",
            ODS,
            &["Elever", "Klass 3B", "Leyla Hassan", "198501012382"],
        ),
        (
            "presentation.pptx",
            PPTX,
            &["850101-2382", "Stödanteckning: nämn inte namnet."],
        ),
        (
            "presentation.odp",
            ODP,
            &["850101-2382", "Stödanteckning: nämn inte namnet."],
        ),
        ("register.csv", "text/csv", &["Leyla Hassan;850101-2382"]),
        ("beslut.md", "text/markdown", &["**850101-2382**"]),
    ];
    for (name, content_type, expected) in cases {
        let text = read_fixture(name, content_type)?;
        for wanted in *expected {
            assert!(text.contains(wanted), "{name}: no {wanted:?} in {text:?}");
        }
    }
    Ok(())
}

#[test]
fn encrypted_scanned_and_damaged_files_are_uninspectable_with_their_reason() -> Res {
    // LibreOffice's PDF export with an open password.
    let encrypted = read(&fixture("encrypted.pdf")?, "application/pdf");
    assert_eq!(encrypted, Err(Uninspectable::Encrypted { format: "PDF" }));
    // A PNG turned into a PDF by LibreOffice Draw: a page with an image and no text.
    let scanned = read(&fixture("scanned.pdf")?, "application/pdf");
    assert_eq!(scanned, Err(Uninspectable::ImageOnly { format: "PDF" }));
    // Cut off in the middle: every format is damaged, not empty and clean.
    for (name, content_type) in [
        ("beslut.pdf", "application/pdf"),
        ("beslut.docx", DOCX),
        ("register.xlsx", XLSX),
        ("presentation.pptx", PPTX),
        ("beslut.odt", ODT),
        ("register.ods", ODS),
        ("presentation.odp", ODP),
    ] {
        let whole = fixture(name)?;
        let cut = &whole[..whole.len() / 2];
        let result = read(cut, content_type);
        assert!(
            matches!(result, Err(Uninspectable::CorruptFile { .. })),
            "{name} cut in half: {result:?}"
        );
        assert_eq!(
            result.map_err(|e| e.reason().code),
            Err("corrupt"),
            "{name}"
        );
    }
    // An OpenDocument file encrypted with a password (its manifest says so).
    let manifest = "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry></manifest:manifest>";
    let odt = archive(&[
        ("mimetype", ODT.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", b"\x8f\x12 encrypted bytes"),
    ])?;
    assert_eq!(
        read(&odt, ODT),
        Err(Uninspectable::Encrypted { format: "odt" })
    );
    // A zip-based document with an entry encrypted with a password (ZipCrypto).
    let locked = encrypted_archive("word/document.xml", &word("Beslut 850101-2382"))?;
    assert_eq!(
        read(&locked, DOCX),
        Err(Uninspectable::Encrypted { format: "docx" })
    );
    Ok(())
}

/// A zip of `(name, content)` entries, deflated.
fn archive(entries: &[(&str, &[u8])]) -> Res<Vec<u8>> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in entries {
        zip.start_file(*name, options)?;
        zip.write_all(content)?;
    }
    zip.finish()?;
    Ok(buffer.into_inner())
}

fn encrypted_archive(name: &str, content: &str) -> Res<Vec<u8>> {
    use zip::unstable::write::FileOptionsExt;
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default().with_deprecated_encryption(b"x")?;
    zip.start_file(name, options)?;
    zip.write_all(content.as_bytes())?;
    zip.finish()?;
    Ok(buffer.into_inner())
}

fn word(text: &str) -> String {
    format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
}

/// A zip-based format: its content type, and a minimal file whose part that holds the text
/// (`main`) is `xml` (other required parts are small and valid).
struct Container {
    name: &'static str,
    content_type: &'static str,
    main: &'static str,
    required: &'static [(&'static str, &'static str)],
    /// Wraps text in the main part's markup.
    wrap: fn(&str) -> String,
}

const CONTAINERS: &[Container] = &[
    Container {
        name: "docx",
        content_type: DOCX,
        main: "word/document.xml",
        required: &[],
        wrap: word,
    },
    Container {
        name: "xlsx",
        content_type: XLSX,
        main: "xl/worksheets/sheet1.xml",
        required: &[(
            "xl/workbook.xml",
            "<workbook><sheets><sheet name=\"Blad1\"/></sheets></workbook>",
        )],
        wrap: |t| {
            format!(
                "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>{t}</t></is></c></row></sheetData></worksheet>"
            )
        },
    },
    Container {
        name: "pptx",
        content_type: PPTX,
        main: "ppt/slides/slide1.xml",
        required: &[("ppt/presentation.xml", "<presentation/>")],
        wrap: |t| {
            format!(
                "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:sld>"
            )
        },
    },
    Container {
        name: "odt",
        content_type: ODT,
        main: "content.xml",
        required: &[("mimetype", ODT)],
        wrap: |t| {
            format!(
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>{t}</text:p></office:text></office:body></office:document-content>"
            )
        },
    },
    Container {
        name: "ods",
        content_type: ODS,
        main: "content.xml",
        required: &[("mimetype", ODS)],
        wrap: |t| {
            format!(
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet><table:table table:name=\"Blad1\"><table:table-row><table:table-cell><text:p>{t}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
            )
        },
    },
    Container {
        name: "odp",
        content_type: ODP,
        main: "content.xml",
        required: &[("mimetype", ODP)],
        wrap: |t| {
            format!(
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:presentation><draw:page><draw:frame><draw:text-box><text:p>{t}</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document-content>"
            )
        },
    },
];

impl Container {
    /// The file with `main` holding `xml`, and `extra` entries.
    fn file(&self, xml: &[u8], extra: &[(String, Vec<u8>)]) -> Res<Vec<u8>> {
        let mut entries: Vec<(&str, &[u8])> = self
            .required
            .iter()
            .map(|(n, c)| (*n, c.as_bytes()))
            .collect();
        entries.push((self.main, xml));
        entries.extend(extra.iter().map(|(n, c)| (n.as_str(), c.as_slice())));
        archive(&entries)
    }
}

#[test]
fn the_minimal_files_are_read() -> Res {
    for c in CONTAINERS {
        let file = c.file((c.wrap)("Beslut 850101-2382").as_bytes(), &[])?;
        let text = read(&file, c.content_type).map_err(|e| format!("{}: {e}", c.name))?;
        assert!(text.contains("Beslut 850101-2382"), "{}: {text:?}", c.name);
    }
    Ok(())
}

#[test]
fn zip_bombs_are_refused_quickly_in_every_container() -> Res {
    // 64 MiB of white space inside the main part compresses to about 64 KiB.
    let padded = format!("x{}", " ".repeat(64 << 20));
    for c in CONTAINERS {
        let bomb_xml = (c.wrap)(&padded).into_bytes();
        let bomb = c.file(&bomb_xml, &[])?;
        assert!(bomb.len() < 512 << 10, "{}: {}", c.name, bomb.len());
        let started = Instant::now();
        let result = read(&bomb, c.content_type);
        assert_eq!(
            result,
            Err(Uninspectable::TooLarge { limit: 10 << 20 }),
            "{}",
            c.name
        );
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{}: {:?}",
            c.name,
            started.elapsed()
        );
    }
    Ok(())
}

#[test]
fn too_many_entries_or_parts_are_over_the_limit_in_every_container() -> Res {
    let names: Vec<(String, Vec<u8>)> = (0..1500)
        .map(|i| (format!("Pictures/image{i}.xml"), b"<a/>".to_vec()))
        .collect();
    for c in CONTAINERS {
        let file = c.file((c.wrap)("x").as_bytes(), &names)?;
        let result = read(&file, c.content_type);
        assert!(
            matches!(
                result,
                Err(Uninspectable::OverLimit {
                    what: "entries",
                    ..
                })
            ),
            "{}: {result:?}",
            c.name
        );
        assert_eq!(result.map_err(|e| e.reason().code), Err("over_limit"));
    }
    // Many parts of 1 MiB each (slides, sheets): the size limit is for all parts together.
    for c in CONTAINERS
        .iter()
        .filter(|c| c.name == "xlsx" || c.name == "pptx")
    {
        let folder = c.main.rsplit_once('/').map_or("", |(f, _)| f);
        let stem = if c.name == "xlsx" { "sheet" } else { "slide" };
        let big = (c.wrap)(&"a".repeat(1 << 20)).into_bytes();
        let parts: Vec<(String, Vec<u8>)> = (2..14)
            .map(|i| (format!("{folder}/{stem}{i}.xml"), big.clone()))
            .collect();
        let file = c.file(&big, &parts)?;
        assert_eq!(
            read(&file, c.content_type),
            Err(Uninspectable::TooLarge { limit: 10 << 20 }),
            "{}",
            c.name
        );
    }
    Ok(())
}

#[test]
fn xml_bombs_are_refused_in_every_container() -> Res {
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
    for c in CONTAINERS {
        // Billion laughs: entities need a DTD, and no DTD is accepted.
        let xml = format!("{laughs}{}", (c.wrap)("&lol3;"));
        let result = read(&c.file(xml.as_bytes(), &[])?, c.content_type);
        assert!(
            matches!(result, Err(Uninspectable::CorruptFile { .. })),
            "{}: {result:?}",
            c.name
        );
        // An entity without a DTD.
        let xml = (c.wrap)("&secret;");
        let result = read(&c.file(xml.as_bytes(), &[])?, c.content_type);
        assert!(
            matches!(result, Err(Uninspectable::CorruptFile { .. })),
            "{}: {result:?}",
            c.name
        );
        // Nesting deeper than the limit.
        let xml = (c.wrap)(&("<x>".repeat(1000) + &"</x>".repeat(1000)));
        let result = read(&c.file(xml.as_bytes(), &[])?, c.content_type);
        assert_eq!(
            result,
            Err(Uninspectable::TooDeep { limit: 256 }),
            "{}",
            c.name
        );
    }
    Ok(())
}

/// A PDF of `pages` pages that all show `content` (a `/FlateDecode` stream when `deflated`).
fn pdf(pages: usize, content: Vec<u8>, deflated: bool) -> Res<Vec<u8>> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut stream = dictionary! {};
    if deflated {
        stream.set("Filter", "FlateDecode");
    }
    let content = doc.add_object(Stream::new(stream, content));
    let kids: Vec<Object> = (0..pages)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => i64::try_from(pages)?,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

fn deflate(bytes: &[u8]) -> Res<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

const SHOWN: &[u8] = b"BT /F1 12 Tf 72 700 Td (Beslut 850101-2382) Tj ET";

#[test]
fn pdf_limits_pages_and_decompressed_size() -> Res {
    let one = pdf(1, SHOWN.to_vec(), false)?;
    assert!(read(&one, "application/pdf").is_ok_and(|t| t.contains("Beslut 850101-2382")));
    // More pages than the limit.
    let many = pdf(2001, SHOWN.to_vec(), false)?;
    let started = Instant::now();
    assert_eq!(
        read(&many, "application/pdf"),
        Err(Uninspectable::OverLimit {
            format: "PDF",
            what: "pages",
            limit: 2000
        })
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // A content stream of 64 MiB of white space, about 64 KiB compressed.
    let mut huge = SHOWN.to_vec();
    huge.extend(std::iter::repeat_n(b' ', 64 << 20));
    let bomb = pdf(1, deflate(&huge)?, true)?;
    assert!(bomb.len() < 512 << 10, "{}", bomb.len());
    let started = Instant::now();
    assert_eq!(
        read(&bomb, "application/pdf"),
        Err(Uninspectable::TooLarge { limit: 10 << 20 })
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // Three pages drawing one stream of 4 MiB: the limit is for all pages together.
    let mut four = SHOWN.to_vec();
    four.extend(std::iter::repeat_n(b' ', 4 << 20));
    let shared = pdf(3, deflate(&four)?, true)?;
    assert_eq!(
        read(&shared, "application/pdf"),
        Err(Uninspectable::TooLarge { limit: 10 << 20 })
    );
    // Pages without text or images: nothing to read is not a clean file.
    let blank = pdf(2, Vec::new(), false)?;
    assert_eq!(
        read(&blank, "application/pdf"),
        Err(Uninspectable::ImageOnly { format: "PDF" })
    );
    Ok(())
}
