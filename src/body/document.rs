//! `Document`: extracted text plus the map back to the input bytes.

use std::ops::Range;

use crate::offsets::OffsetMap;

/// Text extracted from an input, and where each part of it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The text to scan.
    pub text: String,
    /// `None` when `text` is the input itself, byte for byte.
    map: Option<OffsetMap>,
}

impl Document {
    /// A document whose text is the input itself.
    pub fn identity(text: String) -> Document {
        Document { text, map: None }
    }

    /// A document with an explicit map back to the input.
    pub fn mapped(text: String, map: OffsetMap) -> Document {
        Document {
            text,
            map: Some(map),
        }
    }

    /// The input byte range that text bytes `span` came from.
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.map {
            None => span,
            Some(map) => map.source_span(span, self.text.len()),
        }
    }

    /// True when the text is the input itself.
    pub fn is_identity(&self) -> bool {
        self.map.is_none()
    }
}
