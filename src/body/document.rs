//! `Document`: the text a person wrote, extracted from a body, with the way back to the bytes.
//!
//! A body is read as **layers**: the body itself, and any string value that itself holds JSON
//! or form data (browser chat UIs nest them). The text that is scanned is made of **leaves**
//! (decoded JSON strings, form values, text runs), each with a map from its text back to its
//! layer, and each layer with a map back to its parent. So a finding's span can be traced to the
//! body's own bytes, and redaction can rewrite the leaves and re-encode each changed layer into
//! its parent (valid JSON with correct escaping, valid form encoding), up to a new body.

use std::borrow::Cow;
use std::ops::Range;

use crate::offsets::OffsetMap;

/// Separator between leaves that are not joined: a line break (so clause and line rules see a
/// boundary) around a NUL (which no digit cluster, word or keyword crosses).
pub const SEPARATOR: &str = "\n\u{0}\n";

/// How a leaf or a nested layer is written in its parent, for re-encoding after redaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// The inside of a JSON string literal.
    Json,
    /// A form component (`application/x-www-form-urlencoded`).
    Form,
    /// Plain text, written back as UTF-8.
    Raw,
    /// Cannot be written back (text read out of a `.docx` file): redaction is impossible.
    Fixed,
}

/// Who wrote a piece of a chat request, when the API says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The person using the service.
    User,
    /// Earlier model output sent back as context.
    Assistant,
    /// System or developer instructions.
    System,
    /// Tool or function results.
    Tool,
}

impl Role {
    /// The role named by an API (`user`, `assistant`, `model`, `system`, `developer`, `tool` …).
    pub fn parse(name: &str) -> Option<Role> {
        Some(match name {
            "user" | "human" => Role::User,
            "assistant" | "model" | "ai" | "bot" => Role::Assistant,
            "system" | "developer" => Role::System,
            "tool" | "function" | "ipython" => Role::Tool,
            _ => return None,
        })
    }
}

/// A map from a derived text to its source: an offset, or an explicit map.
#[derive(Clone, Debug)]
pub enum SourceMap {
    /// Byte `i` of the derived text is source byte `start + i`.
    Shift(usize),
    /// An explicit map.
    Map(OffsetMap),
}

impl SourceMap {
    fn point(&self, at: usize, len: usize, end: bool) -> usize {
        match self {
            SourceMap::Shift(start) => start + at,
            SourceMap::Map(map) if end && at > 0 => map.source_span(at - 1..at, len).end,
            SourceMap::Map(map) if at < len => map.source_span(at..at + 1, len).start,
            SourceMap::Map(map) => map.source_span(len..len, len).start,
        }
    }
}

/// A piece of scanned text and where it came from.
#[derive(Clone, Debug)]
pub struct Leaf {
    /// Where it is in the document's text.
    pub text: Range<usize>,
    /// The layer it was read from.
    pub layer: usize,
    /// What redaction replaces in the layer.
    pub literal: Range<usize>,
    /// How to write it back.
    pub encoding: Encoding,
    /// Who wrote it, when known.
    pub role: Option<Role>,
    /// From the leaf's text to the layer.
    map: SourceMap,
}

/// A buffer the leaves were read from.
#[derive(Clone, Debug)]
struct Layer<'a> {
    buffer: Cow<'a, [u8]>,
    parent: Option<Nesting>,
}

/// Where a nested layer sits in its parent.
#[derive(Clone, Debug)]
struct Nesting {
    layer: usize,
    literal: Range<usize>,
    encoding: Encoding,
    map: SourceMap,
}

/// Redaction cannot be done without changing what must not change.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("this body cannot be redacted (text read out of a document file)")]
pub struct NotRedactable;

/// The extracted text of a body.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    /// The text to scan.
    pub text: String,
    leaves: Vec<Leaf>,
    layers: Vec<Layer<'a>>,
}

impl<'a> Document<'a> {
    /// An empty document over `body` (layer 0).
    pub fn new(body: &'a [u8]) -> Document<'a> {
        Document {
            text: String::new(),
            leaves: Vec::new(),
            layers: vec![Layer {
                buffer: Cow::Borrowed(body),
                parent: None,
            }],
        }
    }

    /// A document whose whole text is `body` read as UTF-8 text (one raw leaf).
    pub fn plain(body: &'a str) -> Document<'a> {
        let mut doc = Document::new(body.as_bytes());
        doc.push_leaf(
            body,
            0,
            0..body.len(),
            Encoding::Raw,
            SourceMap::Shift(0),
            false,
            None,
        );
        doc
    }

    /// The leaves, in text order.
    pub fn leaves(&self) -> &[Leaf] {
        &self.leaves
    }

    /// The buffer of layer `layer`.
    pub fn layer_buffer(&self, layer: usize) -> &[u8] {
        &self.layers[layer].buffer
    }

    /// Adds a nested layer read from `literal` of `parent`, holding `buffer`; returns its index.
    pub fn push_layer(
        &mut self,
        buffer: Vec<u8>,
        parent: usize,
        literal: Range<usize>,
        encoding: Encoding,
        map: SourceMap,
    ) -> usize {
        self.layers.push(Layer {
            buffer: Cow::Owned(buffer),
            parent: Some(Nesting {
                layer: parent,
                literal,
                encoding,
                map,
            }),
        });
        self.layers.len() - 1
    }

    /// Appends a leaf. `join` puts it right after the previous leaf (the content parts of one
    /// chat message); otherwise a [`SEPARATOR`] comes between. HTML character references in
    /// `value` are decoded here, so that `&#56;` cannot hide a digit.
    #[allow(clippy::too_many_arguments)]
    pub fn push_leaf(
        &mut self,
        value: &str,
        layer: usize,
        literal: Range<usize>,
        encoding: Encoding,
        map: SourceMap,
        join: bool,
        role: Option<Role>,
    ) {
        if !self.leaves.is_empty() && !join {
            self.text.push_str(SEPARATOR);
        }
        let start = self.text.len();
        let map = match super::entities::decode(value) {
            None => {
                self.text.push_str(value);
                map
            }
            Some((decoded, entity_map)) => {
                self.text.push_str(&decoded);
                // Compose: decoded text → value → layer.
                let mut composed = OffsetMap::default();
                for (i, _) in decoded.char_indices() {
                    let c_len = decoded[i..].chars().next().map_or(1, char::len_utf8);
                    let in_value = entity_map.source_span(i..i + c_len, decoded.len());
                    let from = map.point(in_value.start, value.len(), false);
                    let to = map.point(in_value.end, value.len(), true);
                    composed.replaced(i, from..to.max(from + 1));
                }
                SourceMap::Map(composed)
            }
        };
        self.leaves.push(Leaf {
            text: start..self.text.len(),
            layer,
            literal,
            encoding,
            role,
            map,
        });
    }

    /// The byte range of the body (layer 0) that text bytes `span` came from.
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.point(span.start, false);
        let end = self.point(span.end, true).max(start);
        start..end
    }

    /// One end of a span, traced to the body. `end` is true for an exclusive end.
    fn point(&self, at: usize, end: bool) -> usize {
        let Some(index) = self.leaf_at(at, end) else {
            return 0;
        };
        let leaf = &self.leaves[index];
        let local = at.clamp(leaf.text.start, leaf.text.end) - leaf.text.start;
        let len = leaf.text.len();
        let mut offset = leaf.map.point(local, len, end);
        let mut layer = leaf.layer;
        while let Some(nesting) = &self.layers[layer].parent {
            let len = self.layers[layer].buffer.len();
            offset = nesting.map.point(offset, len, end);
            layer = nesting.layer;
        }
        offset
    }

    /// The leaf holding text byte `at` (for an end: byte `at - 1`); in a separator, the next
    /// leaf for a start and the previous one for an end.
    fn leaf_at(&self, at: usize, end: bool) -> Option<usize> {
        let last = self.leaves.len().checked_sub(1)?;
        Some(if end {
            self.leaves
                .partition_point(|l| l.text.start < at)
                .saturating_sub(1)
        } else {
            self.leaves.partition_point(|l| l.text.end <= at).min(last)
        })
    }

    /// A new body with each text span of `edits` replaced by its placeholder. A span across
    /// several leaves puts the placeholder in the first and removes the rest. Leaves without an
    /// edit keep their bytes exactly.
    pub fn redact(&self, edits: &[(Range<usize>, &str)]) -> Result<Vec<u8>, NotRedactable> {
        // Per leaf: (local range, replacement), sorted, overlaps merged.
        let mut per_leaf: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); self.leaves.len()];
        for (span, placeholder) in edits {
            let mut first = true;
            for (i, leaf) in self.leaves.iter().enumerate() {
                let from = span.start.max(leaf.text.start);
                let to = span.end.min(leaf.text.end);
                if from >= to {
                    continue;
                }
                let replacement = if first {
                    placeholder.to_string()
                } else {
                    String::new()
                };
                first = false;
                per_leaf[i].push((from - leaf.text.start..to - leaf.text.start, replacement));
            }
        }
        let mut layer_edits: Vec<Vec<(Range<usize>, Vec<u8>)>> =
            vec![Vec::new(); self.layers.len()];
        for (i, edits) in per_leaf.iter_mut().enumerate() {
            if edits.is_empty() {
                continue;
            }
            let leaf = &self.leaves[i];
            if leaf.encoding == Encoding::Fixed {
                return Err(NotRedactable);
            }
            let text = &self.text[leaf.text.clone()];
            let new_text = apply_text_edits(text, edits);
            layer_edits[leaf.layer].push((leaf.literal.clone(), encode(leaf.encoding, &new_text)));
        }
        // Deeper layers come later: rebuild from the last, each into its parent.
        for layer in (0..self.layers.len()).rev() {
            if layer_edits[layer].is_empty() {
                continue;
            }
            let edits = std::mem::take(&mut layer_edits[layer]);
            let rebuilt = apply_byte_edits(&self.layers[layer].buffer, edits);
            match &self.layers[layer].parent {
                None => return Ok(rebuilt),
                Some(nesting) => {
                    if nesting.encoding == Encoding::Fixed {
                        return Err(NotRedactable);
                    }
                    let text = String::from_utf8_lossy(&rebuilt);
                    let encoded = match nesting.encoding {
                        Encoding::Raw => rebuilt.clone(),
                        other => encode(other, &text),
                    };
                    layer_edits[nesting.layer].push((nesting.literal.clone(), encoded));
                }
            }
        }
        Ok(self.layers[0].buffer.to_vec())
    }
}

/// Writes `text` in `encoding`.
fn encode(encoding: Encoding, text: &str) -> Vec<u8> {
    match encoding {
        Encoding::Json => super::json::escape(text).into_bytes(),
        Encoding::Form => super::form::encode(text).into_bytes(),
        Encoding::Raw | Encoding::Fixed => text.as_bytes().to_vec(),
    }
}

fn apply_text_edits(text: &str, edits: &mut [(Range<usize>, String)]) -> String {
    edits.sort_by_key(|e| (e.0.start, e.0.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, replacement) in edits.iter() {
        if range.end <= at {
            continue;
        }
        let start = range.start.max(at);
        out.push_str(&text[at..start]);
        if range.start >= at {
            out.push_str(replacement);
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn apply_byte_edits(buffer: &[u8], mut edits: Vec<(Range<usize>, Vec<u8>)>) -> Vec<u8> {
    edits.sort_by_key(|e| e.0.start);
    let mut out = Vec::with_capacity(buffer.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.extend_from_slice(&buffer[at..range.start]);
        out.extend_from_slice(&replacement);
        at = range.end;
    }
    out.extend_from_slice(&buffer[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_maps_and_redacts() {
        let body = "Sökande 850101-2382 har ringt.";
        let doc = Document::plain(body);
        let at = body.find('8').unwrap_or(0);
        assert_eq!(doc.source_span(at..at + 11), at..at + 11);
        let redacted = doc
            .redact(&[(at..at + 11, "[PERSONNUMMER]")])
            .unwrap_or_default();
        assert_eq!(
            String::from_utf8_lossy(&redacted),
            "Sökande [PERSONNUMMER] har ringt."
        );
    }

    #[test]
    fn joined_leaves_and_separators() {
        let body = b"ab";
        let mut doc = Document::new(body);
        doc.push_leaf(
            "8501",
            0,
            0..1,
            Encoding::Raw,
            SourceMap::Shift(0),
            false,
            None,
        );
        doc.push_leaf(
            "01-2382",
            0,
            1..2,
            Encoding::Raw,
            SourceMap::Shift(1),
            true,
            None,
        );
        doc.push_leaf(
            "x",
            0,
            2..2,
            Encoding::Raw,
            SourceMap::Shift(2),
            false,
            None,
        );
        assert_eq!(doc.text, format!("850101-2382{SEPARATOR}x"));
    }

    #[test]
    fn entities_are_decoded_and_mapped() {
        let body = "&#56;50101-2382";
        let doc = Document::plain(body);
        assert_eq!(doc.text, "850101-2382");
        assert_eq!(doc.source_span(0..11), 0..body.len());
        assert_eq!(doc.source_span(1..3), 5..7);
    }
}
