//! What a reader of content that holds other content (a JSON string holding JSON, a multipart
//! part, a base64 field) needs to read it: the limits, how deeply it is nested, and the
//! dispatch, handed in by the dispatch itself so that no reader imports it (the readers and
//! the dispatch table form no import cycle).

use super::content_type::ContentType;
use super::document::Document;
use super::limits::Limits;
use super::uninspectable::Uninspectable;

/// Reads the whole buffer of a layer of a document, declared as a content type and, for a
/// file, named (see [`super::extract`]).
pub(crate) type Dispatch = for<'a> fn(
    &mut Document<'a>,
    usize,
    &ContentType,
    Option<&str>,
    Cx<'_>,
) -> Result<(), Uninspectable>;

/// The context of one reading.
#[derive(Clone, Copy)]
pub(crate) struct Cx<'l> {
    /// The inspection's limits.
    pub limits: &'l Limits,
    /// How many bodies are around this one.
    pub nesting: usize,
    /// The dispatch.
    pub dispatch: Dispatch,
}

impl<'l> Cx<'l> {
    /// The context one level deeper.
    pub(crate) fn inner(self) -> Cx<'l> {
        Cx {
            nesting: self.nesting + 1,
            ..self
        }
    }

    /// True when content may be nested once more.
    pub(crate) fn may_nest(self) -> bool {
        self.nesting < self.limits.nesting
    }

    /// `TooDeep` unless content may be nested once more.
    pub(crate) fn nest(self) -> Result<(), Uninspectable> {
        if self.may_nest() {
            Ok(())
        } else {
            Err(Uninspectable::TooDeep {
                limit: self.limits.nesting,
            })
        }
    }

    /// Reads layer `layer` of `doc`, one level deeper, through the dispatch.
    pub(crate) fn read(
        self,
        doc: &mut Document<'_>,
        layer: usize,
        content_type: &ContentType,
        name: Option<&str>,
    ) -> Result<(), Uninspectable> {
        (self.dispatch)(doc, layer, content_type, name, self.inner())
    }
}
