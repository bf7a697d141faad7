//! What a body or a file is: by its declared Content-Type, by its file name, and by its bytes.
//!
//! Binary formats are known by their first bytes (magic numbers): `%PDF-`, `{\rtf`, a zip
//! archive whose `mimetype` entry (OpenDocument) or `[Content_Types].xml` (Office Open XML)
//! names the document type, OLE2 compound files (legacy `.doc`/`.xls`/`.ppt`, and Office files
//! encrypted with a password), images, audio, video and archives. [`judge`] weighs the
//! declaration against the bytes: bytes that are a known format are read as that format
//! whatever was declared (a PDF sent as `application/json` is a PDF), bytes that are two formats
//! at once are refused, and text formats (JSON, forms, HTML, CSV …) without magic go by the
//! declaration.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::content_type::ContentType;
use super::uninspectable::Uninspectable;

/// A format sluss tells apart. Each readable one has exactly one reader in the dispatch table
/// ([`super::extract`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Nothing declared and no magic: sniffed by content (JSON, a form, text).
    Unknown,
    /// JSON.
    Json,
    /// One JSON document per line.
    Ndjson,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/*` (RFC 2046).
    Multipart,
    /// Plain text, CSV, Markdown, XML read as text.
    Text,
    /// HTML.
    Html,
    /// Rich Text Format.
    Rtf,
    /// PDF.
    Pdf,
    /// Word (`.docx`, `.docm`, `.dotx`).
    Docx,
    /// Excel (`.xlsx`, `.xlsm`, `.xltx`).
    Xlsx,
    /// PowerPoint (`.pptx`, `.pptm`, `.ppsx`, `.potx`).
    Pptx,
    /// OpenDocument text (`.odt`, `.ott`).
    Odt,
    /// OpenDocument spreadsheet (`.ods`, `.ots`).
    Ods,
    /// OpenDocument presentation (`.odp`, `.otp`).
    Odp,
    /// Recognised, but not readable: images, audio, video, archives, legacy Office files. The
    /// media type is named in the reason.
    Unreadable(&'static str),
}

/// A zip archive that is not a document sluss reads.
const ZIP: Format = Format::Unreadable("application/zip");

/// The media type of `.docx` files.
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

impl Format {
    /// The format a media type (lower case, no parameters) names; `None` for no type,
    /// `application/octet-stream` and types sluss does not know.
    pub fn from_mime(mime: &str) -> Option<Format> {
        const OOXML: &str = "application/vnd.openxmlformats-officedocument.";
        const ODF: &str = "application/vnd.oasis.opendocument.";
        Some(match mime {
            "application/json" | "text/json" => Format::Json,
            m if m.ends_with("+json") => Format::Json,
            "application/x-ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines" => Format::Ndjson,
            "application/x-www-form-urlencoded" => Format::Form,
            "multipart/form-data"
            | "multipart/mixed"
            | "multipart/related"
            | "multipart/alternative" => Format::Multipart,
            "text/html" | "application/xhtml+xml" => Format::Html,
            "text/rtf" | "application/rtf" | "application/x-rtf" => Format::Rtf,
            "application/pdf" | "application/x-pdf" => Format::Pdf,
            "application/vnd.ms-word.document.macroenabled.12"
            | "application/vnd.ms-word.template.macroenabled.12" => Format::Docx,
            "application/vnd.ms-excel.sheet.macroenabled.12"
            | "application/vnd.ms-excel.template.macroenabled.12" => Format::Xlsx,
            "application/vnd.ms-powerpoint.presentation.macroenabled.12"
            | "application/vnd.ms-powerpoint.slideshow.macroenabled.12" => Format::Pptx,
            m if m.starts_with(OOXML) => match &m[OOXML.len()..] {
                "wordprocessingml.document" | "wordprocessingml.template" => Format::Docx,
                "spreadsheetml.sheet" | "spreadsheetml.template" => Format::Xlsx,
                "presentationml.presentation"
                | "presentationml.slideshow"
                | "presentationml.template" => Format::Pptx,
                _ => return None,
            },
            m if m.starts_with(ODF) => match &m[ODF.len()..] {
                "text" | "text-template" => Format::Odt,
                "spreadsheet" | "spreadsheet-template" => Format::Ods,
                "presentation" | "presentation-template" => Format::Odp,
                _ => return None,
            },
            "application/xml" | "text/xml" => Format::Text,
            m if m.starts_with("text/") => Format::Text,
            m if m.starts_with("image/") => Format::Unreadable("image/*"),
            m if m.starts_with("audio/") => Format::Unreadable("audio/*"),
            m if m.starts_with("video/") => Format::Unreadable("video/*"),
            "application/msword" | "application/vnd.ms-excel" | "application/vnd.ms-powerpoint" => {
                Format::Unreadable("application/x-ole-storage")
            }
            "application/zip" | "application/x-zip-compressed" => {
                Format::Unreadable("application/zip")
            }
            _ => return None,
        })
    }

    /// The format a file name's extension names, if any.
    pub fn from_name(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Ndjson,
            "txt" | "text" | "md" | "markdown" | "csv" | "tsv" | "log" | "xml" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "rtf" => Format::Rtf,
            "pdf" => Format::Pdf,
            "docx" | "docm" | "dotx" | "dotm" => Format::Docx,
            "xlsx" | "xlsm" | "xltx" | "xltm" => Format::Xlsx,
            "pptx" | "pptm" | "ppsx" | "ppsm" | "potx" | "potm" => Format::Pptx,
            "odt" | "ott" => Format::Odt,
            "ods" | "ots" => Format::Ods,
            "odp" | "otp" => Format::Odp,
            _ => return None,
        })
    }

    /// The name used in reasons and in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Format::Unknown => "unknown",
            Format::Json => "JSON",
            Format::Ndjson => "NDJSON",
            Format::Form => "form",
            Format::Multipart => "multipart",
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Rtf => "RTF",
            Format::Pdf => "PDF",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Pptx => "pptx",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Unreadable(mime) => mime,
        }
    }

    /// True for formats known by their bytes (a declaration of one of them that the bytes do
    /// not bear out is not believed).
    pub fn has_magic(self) -> bool {
        matches!(
            self,
            Format::Rtf
                | Format::Pdf
                | Format::Docx
                | Format::Xlsx
                | Format::Pptx
                | Format::Odt
                | Format::Ods
                | Format::Odp
        )
    }

    /// True for the formats that are zip archives.
    pub fn is_zip(self) -> bool {
        matches!(
            self,
            Format::Docx | Format::Xlsx | Format::Pptx | Format::Odt | Format::Ods | Format::Odp
        )
    }

    /// True for document files whose text is read out of them: a finding there cannot be
    /// redacted, and it points at the whole file.
    pub fn is_document(self) -> bool {
        self.has_magic() || self == Format::Html
    }
}

/// The format to read `bytes` as, given the declared `content_type` and, for files and
/// multipart parts, a file `name`. The bytes win over the declaration (see the module docs).
pub fn judge(
    content_type: &ContentType,
    name: Option<&str>,
    bytes: &[u8],
) -> Result<Format, Uninspectable> {
    let by_type = Format::from_mime(&content_type.mime);
    let declared = by_type.or_else(|| name.and_then(Format::from_name));
    match (magic(bytes)?, declared) {
        // A zip archive that names no document type: the declaration of a zip-based
        // document is believed (its reader then needs that document's main part).
        (Some(ZIP), Some(d)) if d.is_zip() => return Ok(d),
        (Some(found), _) => return Ok(found),
        (None, _) => {}
    }
    Ok(match declared {
        // Said to be a binary document, but its bytes are not: read what it is by content.
        Some(f) if f.has_magic() => Format::Unknown,
        Some(f) => f,
        None if content_type.mime.is_empty() || content_type.mime == "application/octet-stream" => {
            Format::Unknown
        }
        None => return Err(Uninspectable::UnsupportedType(content_type.mime.clone())),
    })
}

/// The binary format `bytes` are by their first bytes, if any. `Err` for bytes that are two
/// formats at once, an Office file encrypted with a password, or a zip archive that cannot be
/// read.
pub fn magic(bytes: &[u8]) -> Result<Option<Format>, Uninspectable> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        if has_zip_end(bytes) {
            return Err(Uninspectable::Ambiguous(
                "the bytes are a PDF file and a zip archive at once".into(),
            ));
        }
        return Ok(Some(Format::Pdf));
    }
    if starts(b"{\\rtf") {
        return Ok(Some(Format::Rtf));
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
            return Err(Uninspectable::Ambiguous(
                "the bytes are a zip archive and a PDF file at once".into(),
            ));
        }
        return zip_format(bytes).map(Some);
    }
    if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        // An Office file encrypted with a password is an OLE2 file holding the encrypted
        // package (MS-OFFCRYPTO); anything else in OLE2 is a legacy binary Office file.
        const ENCRYPTED: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
        if memchr::memmem::find(bytes, ENCRYPTED).is_some() {
            return Err(Uninspectable::Encrypted { format: "Office" });
        }
        return Ok(Some(Format::Unreadable("application/x-ole-storage")));
    }
    Ok(media_magic(bytes).map(Format::Unreadable))
}

/// Images, audio, video and archives by their first bytes.
fn media_magic(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    Some(match () {
        _ if starts(b"\x89PNG") => "image/png",
        _ if starts(b"\xff\xd8\xff") => "image/jpeg",
        _ if starts(b"GIF8") => "image/gif",
        _ if starts(b"RIFF") && at(8, b"WEBP") => "image/webp",
        _ if starts(b"RIFF") && at(8, b"WAVE") => "audio/wav",
        _ if starts(b"RIFF") => "application/x-riff",
        _ if starts(b"BM") && bytes.len() > 26 && at(6, b"\0\0\0\0") => "image/bmp",
        _ if starts(b"II*\0") || starts(b"MM\0*") => "image/tiff",
        _ if at(4, b"ftyp") && (at(8, b"heic") || at(8, b"heix") || at(8, b"avif")) => "image/heic",
        _ if at(4, b"ftyp") && at(8, b"M4A") => "audio/mp4",
        _ if at(4, b"ftyp") => "video/mp4",
        _ if starts(b"ID3")
            || starts(b"\xff\xfb")
            || starts(b"\xff\xf3")
            || starts(b"\xff\xf2") =>
        {
            "audio/mpeg"
        }
        _ if starts(b"OggS") => "audio/ogg",
        _ if starts(b"fLaC") => "audio/flac",
        _ if starts(b"\x1aE\xdf\xa3") => "video/webm",
        _ if starts(b"\x1f\x8b") => "application/gzip",
        _ if starts(b"\x28\xb5\x2f\xfd") => "application/zstd",
        _ if starts(b"BZh") => "application/x-bzip2",
        _ if starts(b"\xfd7zXZ\0") => "application/x-xz",
        _ if starts(b"7z\xbc\xaf\x27\x1c") => "application/x-7z-compressed",
        _ if starts(b"Rar!\x1a\x07") => "application/vnd.rar",
        _ => return None,
    })
}

/// True when a zip archive's end record sits at the end of `bytes` (where zip readers look for
/// it): a file that starts as something else and ends as a zip is two formats.
fn has_zip_end(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    memchr::memmem::rfind(tail, b"PK\x05\x06").is_some()
}

/// The document type of a zip archive: by its `mimetype` entry (OpenDocument) or by the main
/// part named in `[Content_Types].xml` (Office Open XML). Any other zip is an archive sluss
/// does not open.
fn zip_format(bytes: &[u8]) -> Result<Format, Uninspectable> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| Uninspectable::corrupt("zip", "the archive cannot be read"))?;
    if let Some(mimetype) = small_entry(&mut archive, "mimetype", 256)? {
        return Ok(match mimetype.trim() {
            "application/vnd.oasis.opendocument.text"
            | "application/vnd.oasis.opendocument.text-template" => Format::Odt,
            "application/vnd.oasis.opendocument.spreadsheet"
            | "application/vnd.oasis.opendocument.spreadsheet-template" => Format::Ods,
            "application/vnd.oasis.opendocument.presentation"
            | "application/vnd.oasis.opendocument.presentation-template" => Format::Odp,
            _ => ZIP,
        });
    }
    match small_entry(&mut archive, "[Content_Types].xml", 1 << 20)? {
        Some(types) => ooxml_format(&types),
        None => Ok(ZIP),
    }
}

/// The text of entry `name` if the archive has it, read up to `limit` bytes.
fn small_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, Uninspectable> {
    let Some(index) = archive.index_for_name(name) else {
        return Ok(None);
    };
    let entry = archive.by_index(index).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            Uninspectable::Encrypted { format: "zip" }
        }
        _ => Uninspectable::corrupt("zip", format!("cannot open {name}")),
    })?;
    let mut text = String::new();
    entry
        .take(limit)
        .read_to_string(&mut text)
        .map_err(|_| Uninspectable::corrupt("zip", format!("cannot read {name}")))?;
    Ok(Some(text))
}

/// The main part types of the Office Open XML documents sluss reads.
const MAIN_PARTS: &[(&str, Format)] = &[
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        Format::Docx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        Format::Docx,
    ),
    (
        "application/vnd.ms-word.document.macroenabled.main+xml",
        Format::Docx,
    ),
    (
        "application/vnd.ms-word.template.macroenabledtemplate.main+xml",
        Format::Docx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        Format::Xlsx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        Format::Xlsx,
    ),
    (
        "application/vnd.ms-excel.sheet.macroenabled.main+xml",
        Format::Xlsx,
    ),
    (
        "application/vnd.ms-excel.template.macroenabled.main+xml",
        Format::Xlsx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        Format::Pptx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        Format::Pptx,
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        Format::Pptx,
    ),
    (
        "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml",
        Format::Pptx,
    ),
    (
        "application/vnd.ms-powerpoint.slideshow.macroenabled.main+xml",
        Format::Pptx,
    ),
];

/// The format whose main part `[Content_Types].xml` declares; two different ones are refused.
fn ooxml_format(types: &str) -> Result<Format, Uninspectable> {
    let mut reader = quick_xml::Reader::from_str(types);
    let mut found: Option<Format> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for attribute in e.attributes().flatten() {
                    if attribute.key.local_name().into_inner() != "ContentType" {
                        continue;
                    }
                    let value = attribute.value.to_ascii_lowercase();
                    let Some((_, format)) = MAIN_PARTS.iter().find(|(t, _)| *t == value) else {
                        continue;
                    };
                    if found.is_some_and(|f| f != *format) {
                        return Err(Uninspectable::Ambiguous(
                            "an Office file with main parts of two document types".into(),
                        ));
                    }
                    found = Some(*format);
                }
            }
            Ok(Event::DocType(_)) => {
                return Err(Uninspectable::corrupt(
                    "Office",
                    "a DTD in [Content_Types].xml",
                ));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => {
                return Err(Uninspectable::corrupt(
                    "Office",
                    "[Content_Types].xml is not XML",
                ));
            }
        }
    }
    Ok(found.unwrap_or(ZIP))
}

/// True when `bytes` are text a person wrote: UTF-8 without control characters other than
/// tabs, line breaks and form feeds.
pub fn is_text(bytes: &[u8]) -> bool {
    // C0 controls and DEL are single bytes; C1 controls (U+0080 to U+009F) are 0xC2 0x80..0x9F.
    let control = |(i, &b): (usize, &u8)| match b {
        b'\n' | b'\r' | b'\t' | 0x0c => false,
        b if b < 0x20 || b == 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)),
        _ => false,
    };
    simdutf8::basic::from_utf8(bytes).is_ok() && !bytes.iter().enumerate().any(control)
}

/// True when `bytes` (not UTF-8) are 8-bit text in a legacy code page: no NUL and no C0
/// control characters other than tabs, line breaks, form feeds and escape, and no DEL.
pub fn is_legacy_text(bytes: &[u8]) -> bool {
    !bytes
        .iter()
        .any(|&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)) || b == 0x7f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(mime: &str, name: Option<&str>, bytes: &[u8]) -> Result<Format, Uninspectable> {
        judge(&ContentType::of(mime), name, bytes)
    }

    #[test]
    fn the_bytes_win_over_the_declaration() {
        assert_eq!(
            judged("application/json", None, b"%PDF-1.7\n"),
            Ok(Format::Pdf)
        );
        assert_eq!(judged("text/plain", None, b"{\\rtf1 Hej}"), Ok(Format::Rtf));
        assert_eq!(
            judged("application/octet-stream", None, b"\x89PNG\r\n"),
            Ok(Format::Unreadable("image/png"))
        );
        assert_eq!(judged("application/pdf", None, b"Hej"), Ok(Format::Unknown));
        assert_eq!(judged("", Some("a.csv"), b"a;b"), Ok(Format::Text));
        assert_eq!(judged("text/html", Some("a.txt"), b"<p>"), Ok(Format::Html));
        assert!(matches!(
            judged("application/x-foo", None, b"abc"),
            Err(Uninspectable::UnsupportedType(_))
        ));
    }

    #[test]
    fn polyglots_and_encrypted_office_files_are_refused() {
        let mut polyglot = b"%PDF-1.4\n".to_vec();
        polyglot.extend_from_slice(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        assert!(matches!(magic(&polyglot), Err(Uninspectable::Ambiguous(_))));
        let mut ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
        ole.extend_from_slice(b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0");
        assert_eq!(
            magic(&ole),
            Err(Uninspectable::Encrypted { format: "Office" })
        );
        assert_eq!(
            magic(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"),
            Ok(Some(Format::Unreadable("application/x-ole-storage")))
        );
    }

    #[test]
    fn text_checks() {
        assert!(is_text("Hej 850101-2382\n".as_bytes()));
        assert!(!is_text(b"\x00\x01\x02\x9f"));
        assert!(is_legacy_text(b"S\xf6kande"));
        assert!(!is_legacy_text(b"S\x00k"));
    }
}
