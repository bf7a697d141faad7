//! PDF: the text shown on every page (lopdf parses the file; this module walks the content
//! streams), the text of annotations (comments, form fields) and the document information.
//!
//! Strings are decoded by their font's encoding (`/ToUnicode` maps, standard encodings), text
//! in Form XObjects (headers and footers are often one) is read, positioning operators become
//! spaces or line breaks, and a large gap in a `TJ` array is a space.
//!
//! * **Encrypted**: a file whose user password is empty (only printing or copying is
//!   restricted) is read; one that needs a password is [`Uninspectable::Encrypted`].
//! * **Scanned**: a page that shows an image and has no text, or a file with no text at all,
//!   is [`Uninspectable::ImageOnly`] (what it says cannot be read without OCR).
//! * **Limits**: at most `max_pages` pages; every stream decompressed while loading (object
//!   streams, cross-reference streams) is bounded by `max_bytes`, and all page contents
//!   together by `max_bytes` too (a flate bomb stops there); Form XObjects nest at most
//!   [`MAX_FORM_DEPTH`] deep; the deadline is checked between pages.
//! * A file lopdf cannot parse is [`Uninspectable::CorruptFile`], and so is one that makes it
//!   panic (caught here, so `sluss scan` goes on with the next file).

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const FORMAT: &str = "PDF";

/// How deep Form XObjects may be drawn inside each other.
pub const MAX_FORM_DEPTH: usize = 8;

/// A `TJ` adjustment (thousandths of a text space unit) more negative than this is a gap
/// between words, not kerning.
const WORD_GAP: f32 = -120.0;

/// The text of a PDF file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    std::panic::catch_unwind(|| read(file, limits))
        .unwrap_or_else(|_| Err(Uninspectable::corrupt(FORMAT, "the PDF reader failed")))
}

fn read(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(file, options).map_err(|e| loading(e, limits))?;
    if doc.is_encrypted() {
        return Err(Uninspectable::Encrypted { format: FORMAT });
    }
    let pages = doc.get_pages();
    if pages.len() > limits.max_pages {
        return Err(Uninspectable::OverLimit {
            format: FORMAT,
            what: "pages",
            limit: limits.max_pages,
        });
    }
    let mut reader = Pages {
        doc: &doc,
        budget: limits.max_bytes,
        limit: limits.max_bytes,
        out: String::new(),
        images: false,
    };
    let mut scanned = pages.is_empty();
    for page in pages.values() {
        limits.check()?;
        let before = reader.out.len();
        reader.images = false;
        reader.page(*page)?;
        reader.annotations(*page);
        if reader.out[before..].trim().is_empty() && reader.images {
            scanned = true;
        }
        reader.out.push('\n');
    }
    if scanned || reader.out.trim().is_empty() {
        return Err(Uninspectable::ImageOnly { format: FORMAT });
    }
    reader.information();
    Ok(reader.out)
}

/// A loading error as a reason: over the size limit, encrypted, or damaged.
fn loading(e: lopdf::Error, limits: &Limits) -> Uninspectable {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Uninspectable::TooLarge {
                limit: limits.max_bytes,
            }
        }
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
            Uninspectable::Encrypted { format: FORMAT }
        }
        other => Uninspectable::corrupt(FORMAT, other.to_string()),
    }
}

/// The pages of one document, read into `out`.
struct Pages<'d> {
    doc: &'d Document,
    /// Decompressed content still allowed.
    budget: usize,
    limit: usize,
    out: String,
    /// Whether the current page draws an image.
    images: bool,
}

/// The position of the text line, to tell a new line from a move along it.
#[derive(Default)]
struct Line {
    y: f32,
}

impl<'d> Pages<'d> {
    fn too_large(&self) -> Uninspectable {
        Uninspectable::TooLarge { limit: self.limit }
    }

    /// The text of page `id`.
    fn page(&mut self, id: ObjectId) -> Result<(), Uninspectable> {
        let content = self
            .doc
            .get_page_content_with_limit(id, self.budget)
            .map_err(|e| self.content_error(e))?;
        self.budget = self.budget.saturating_sub(content.len());
        let fonts = self.page_fonts(id)?;
        let xobjects = self.page_xobjects(id);
        self.content(&content, &fonts, &xobjects, 0)
    }

    fn content_error(&self, e: lopdf::Error) -> Uninspectable {
        match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                self.too_large()
            }
            other => Uninspectable::corrupt(FORMAT, other.to_string()),
        }
    }

    /// The encodings of the fonts of page `id`, by resource name.
    fn page_fonts(&self, id: ObjectId) -> Result<BTreeMap<Vec<u8>, Encoding<'d>>, Uninspectable> {
        let fonts = self
            .doc
            .get_page_fonts(id)
            .map_err(|e| Uninspectable::corrupt(FORMAT, e.to_string()))?;
        let mut encodings = BTreeMap::new();
        for (name, font) in fonts {
            match font.get_font_encoding_with_limit(self.doc, self.budget) {
                Ok(encoding) => {
                    encodings.insert(name, encoding);
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(self.too_large()),
                Err(_) => {}
            }
        }
        Ok(encodings)
    }

    /// The encodings of the fonts in a resource dictionary (of a Form XObject).
    fn resource_fonts(&self, resources: &'d Dictionary) -> BTreeMap<Vec<u8>, Encoding<'d>> {
        let mut encodings = BTreeMap::new();
        let Ok(fonts) = resources
            .get_deref(b"Font", self.doc)
            .and_then(Object::as_dict)
        else {
            return encodings;
        };
        for (name, font) in fonts.iter() {
            let font = match self.doc.dereference(font) {
                Ok((_, Object::Dictionary(d))) => d,
                _ => continue,
            };
            if let Ok(encoding) = font.get_font_encoding_with_limit(self.doc, self.budget) {
                encodings.insert(name.clone(), encoding);
            }
        }
        encodings
    }

    /// The XObjects a page may draw, by resource name.
    fn page_xobjects(&self, id: ObjectId) -> BTreeMap<Vec<u8>, &'d Object> {
        let mut found = BTreeMap::new();
        let Ok((direct, referenced)) = self.doc.get_page_resources(id) else {
            return found;
        };
        let dictionaries = direct.into_iter().chain(
            referenced
                .iter()
                .filter_map(|r| self.doc.get_dictionary(*r).ok()),
        );
        for resources in dictionaries {
            self.xobjects_of(resources, &mut found);
        }
        found
    }

    fn xobjects_of(&self, resources: &'d Dictionary, found: &mut BTreeMap<Vec<u8>, &'d Object>) {
        if let Ok(xobjects) = resources
            .get_deref(b"XObject", self.doc)
            .and_then(Object::as_dict)
        {
            for (name, object) in xobjects.iter() {
                found.entry(name.clone()).or_insert(object);
            }
        }
    }

    /// Shows the text of one content stream; `depth` counts the Form XObjects around it.
    fn content(
        &mut self,
        content: &[u8],
        fonts: &BTreeMap<Vec<u8>, Encoding<'d>>,
        xobjects: &BTreeMap<Vec<u8>, &'d Object>,
        depth: usize,
    ) -> Result<(), Uninspectable> {
        let Ok(content) = Content::decode(content) else {
            return Err(Uninspectable::corrupt(
                FORMAT,
                "a content stream cannot be read",
            ));
        };
        let mut encoding: Option<&Encoding<'d>> = None;
        let mut line = Line::default();
        for op in &content.operations {
            let operands = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    let name = operands.first().and_then(|o| o.as_name().ok());
                    encoding = name.and_then(|n| fonts.get(n));
                }
                "Tj" => self.show(encoding, operands.first()),
                "'" => {
                    self.new_line();
                    self.show(encoding, operands.first());
                }
                "\"" => {
                    self.new_line();
                    self.show(encoding, operands.get(2));
                }
                "TJ" => self.show_array(encoding, operands.first()),
                "Td" | "TD" => {
                    let ty = operands.get(1).and_then(number).unwrap_or(0.0);
                    if ty.abs() > 0.01 {
                        self.new_line();
                    } else {
                        self.space();
                    }
                }
                "Tm" => {
                    let y = operands.get(5).and_then(number).unwrap_or(0.0);
                    if (y - line.y).abs() > 0.01 {
                        self.new_line();
                    } else {
                        self.space();
                    }
                    line.y = y;
                }
                "T*" | "ET" => self.new_line(),
                "BI" | "ID" | "EI" => self.images = true,
                "Do" => {
                    let name = operands.first().and_then(|o| o.as_name().ok());
                    if let Some(object) = name.and_then(|n| xobjects.get(n)) {
                        self.draw(object, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Draws an XObject: an image is noted; a form's content is read with its own resources.
    fn draw(&mut self, object: &'d Object, depth: usize) -> Result<(), Uninspectable> {
        let Ok((_, Object::Stream(stream))) = self.doc.dereference(object) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                self.images = true;
                Ok(())
            }
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let content = stream
                    .decompressed_content_with_limit(self.budget)
                    .map_err(|e| self.content_error(e))?;
                self.budget = self.budget.saturating_sub(content.len());
                let resources = stream
                    .dict
                    .get_deref(b"Resources", self.doc)
                    .and_then(Object::as_dict)
                    .ok();
                let fonts = resources
                    .map(|r| self.resource_fonts(r))
                    .unwrap_or_default();
                let mut xobjects = BTreeMap::new();
                if let Some(r) = resources {
                    self.xobjects_of(r, &mut xobjects);
                }
                self.content(&content, &fonts, &xobjects, depth + 1)
            }
            _ => Ok(()),
        }
    }

    fn show(&mut self, encoding: Option<&Encoding<'d>>, operand: Option<&Object>) {
        if let (Some(encoding), Some(Object::String(bytes, _))) = (encoding, operand) {
            let _ = encoding.write_to_string(bytes, &mut self.out);
        }
    }

    fn show_array(&mut self, encoding: Option<&Encoding<'d>>, operand: Option<&Object>) {
        let Some(Object::Array(items)) = operand else {
            return;
        };
        for item in items {
            match item {
                Object::String(..) => self.show(encoding, Some(item)),
                other => {
                    if number(other).is_some_and(|n| n < WORD_GAP) {
                        self.space();
                    }
                }
            }
        }
    }

    fn space(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    fn new_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// The text of the page's annotations: comments, notes, form field values and names.
    fn annotations(&mut self, page: ObjectId) {
        let Ok(page) = self.doc.get_dictionary(page) else {
            return;
        };
        let Ok(annotations) = page
            .get_deref(b"Annots", self.doc)
            .and_then(Object::as_array)
        else {
            return;
        };
        for annotation in annotations {
            let Ok((_, Object::Dictionary(annotation))) = self.doc.dereference(annotation) else {
                continue;
            };
            for key in [&b"Contents"[..], b"T", b"TU", b"V", b"RC"] {
                self.text_string(annotation.get(key).ok());
            }
        }
    }

    /// The document information: title, subject, keywords, author.
    fn information(&mut self) {
        let Ok(info) = self
            .doc
            .trailer
            .get_deref(b"Info", self.doc)
            .and_then(Object::as_dict)
        else {
            return;
        };
        for key in [&b"Title"[..], b"Subject", b"Keywords", b"Author"] {
            self.text_string(info.get(key).ok());
        }
    }

    fn text_string(&mut self, object: Option<&Object>) {
        let Some(object) = object else {
            return;
        };
        let object = self
            .doc
            .dereference(object)
            .map(|(_, o)| o)
            .unwrap_or(object);
        if let Ok(text) = lopdf::decode_text_string(object)
            && !text.trim().is_empty()
        {
            self.new_line();
            self.out.push_str(&text);
            self.out.push('\n');
        }
    }
}

/// An integer or real operand as a number.
fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}
