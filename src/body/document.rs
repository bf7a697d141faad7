//! `Document`: the text a person wrote, extracted from a body, with the way back to the bytes.
//!
//! A body is read as **layers**: the body itself, and any string value that itself holds JSON
//! or form data (browser chat UIs nest them). The text that is scanned is made of **leaves**
//! (decoded JSON strings, form values, text runs), each with a map from its text back to its
//! layer, and each layer with a map back to its parent. So a finding's span can be traced to the
//! body's own bytes, and redaction can rewrite the leaves and re-encode each changed layer into
//! its parent (valid JSON with correct escaping, valid form encoding), up to a new body.

use std::ops::{Deref, Range};
use std::sync::Arc;

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
    /// A JSON number literal: written back as a JSON string when redacted.
    JsonNumber,
    /// Plain text, written back as UTF-8.
    Raw,
    /// Cannot be written back (text read out of a `.docx` file or decoded from base64, header
    /// values): redaction is impossible.
    Fixed,
}

/// What a leaf is, for scanning leaves together across their separators (see
/// [`Document::seams`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// An object key, a form key: never joined to anything.
    Key,
    /// A value that is not conversation text (a JSON string or form value).
    Value,
    /// Conversation text: a chat message, a text part, a prompt, a text file.
    Text,
    /// A JSON number.
    Number,
}

/// Where a leaf's text comes from: a range of a layer, how it is written there, and a map from
/// the text to the layer.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The layer it was read from.
    pub layer: usize,
    /// What redaction replaces in the layer.
    pub literal: Range<usize>,
    /// How to write it back.
    pub encoding: Encoding,
    /// From the text to the layer.
    pub map: SourceMap,
}

/// Two texts of the document that a finding may span: `bare` when the pieces may join without
/// a separator between them (consecutive conversation texts), else only a number written with a
/// separator counts (any two consecutive values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seam {
    /// The text before the seam (a leaf, or leaves joined together), in the document's text.
    pub left: Range<usize>,
    /// The text after it.
    pub right: Range<usize>,
    /// Whether a number without a separator may span it.
    pub bare: bool,
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
    /// What it is.
    pub class: Class,
    /// Whether it follows the previous leaf with no separator.
    pub joined: bool,
    /// From the leaf's text to the layer.
    map: SourceMap,
}

/// The bytes of a layer: the body itself, borrowed, or a decoded buffer shared with whoever is
/// reading it (so reading a nested layer needs no copy).
#[derive(Clone, Debug)]
pub enum LayerBytes<'a> {
    /// The body.
    Borrowed(&'a [u8]),
    /// A buffer made during extraction.
    Shared(Arc<[u8]>),
}

impl Deref for LayerBytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            LayerBytes::Borrowed(b) => b,
            LayerBytes::Shared(b) => b,
        }
    }
}

/// A buffer the leaves were read from.
#[derive(Clone, Debug)]
struct Layer<'a> {
    buffer: LayerBytes<'a>,
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

/// The seams of a document, found in one pass over its texts.
struct SeamWalk<'t, F> {
    text: &'t str,
    keep: F,
    seams: Vec<Seam>,
    previous: Option<Range<usize>>,
    last_text: Option<Range<usize>>,
    /// The last conversation text of each role (none, user, assistant, system, tool).
    last_by_role: [Option<Range<usize>>; 5],
}

fn role_slot(role: Option<Role>) -> usize {
    match role {
        None => 0,
        Some(Role::User) => 1,
        Some(Role::Assistant) => 2,
        Some(Role::System) => 3,
        Some(Role::Tool) => 4,
    }
}

impl<F: Fn(&str, &str) -> bool> SeamWalk<'_, F> {
    /// One text (`range`, conversation text or not, its role) follows the ones before. A
    /// conversation text joins the one just before it and the last one of its own role (the
    /// person's two messages around an answer).
    fn text_ends(&mut self, (range, is_text, role): (Range<usize>, bool, Option<Role>)) {
        let text_seam = if is_text {
            self.last_text.clone()
        } else {
            None
        };
        let same_role = if is_text && role.is_some() {
            self.last_by_role[role_slot(role)].clone()
        } else {
            None
        };
        let mut push = |left: &Range<usize>, bare: bool| {
            if (self.keep)(&self.text[left.clone()], &self.text[range.clone()]) {
                self.seams.push(Seam {
                    left: left.clone(),
                    right: range.clone(),
                    bare,
                });
            }
        };
        if let Some(left) = &text_seam {
            push(left, true);
        }
        if let Some(left) = &same_role
            && text_seam.as_ref() != Some(left)
        {
            push(left, true);
        }
        if let Some(left) = &self.previous
            && text_seam.as_ref() != Some(left)
            && same_role.as_ref() != Some(left)
        {
            push(left, false);
        }
        if is_text {
            self.last_text = Some(range.clone());
            self.last_by_role[role_slot(role)] = Some(range.clone());
        }
        self.previous = Some(range);
    }
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
                buffer: LayerBytes::Borrowed(body),
                parent: None,
            }],
        }
    }

    /// A document whose whole text is `body` read as UTF-8 text (one raw leaf).
    pub fn plain(body: &'a str) -> Document<'a> {
        let mut doc = Document::new(body.as_bytes());
        doc.push_leaf(
            body,
            Origin {
                layer: 0,
                literal: 0..body.len(),
                encoding: Encoding::Raw,
                map: SourceMap::Shift(0),
            },
            Class::Text,
            false,
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

    /// The buffer of layer `layer`, to read while adding leaves.
    pub fn layer_bytes(&self, layer: usize) -> LayerBytes<'a> {
        self.layers[layer].buffer.clone()
    }

    /// How many layers there are.
    pub fn layer_count(&self) -> usize {
        self.layers.len()
    }

    /// Adds a nested layer holding `buffer`, read from `origin` (a range of a parent layer);
    /// returns its index.
    pub fn push_layer(&mut self, buffer: impl Into<Arc<[u8]>>, origin: Origin) -> usize {
        self.layers.push(Layer {
            buffer: LayerBytes::Shared(buffer.into()),
            parent: Some(Nesting {
                layer: origin.layer,
                literal: origin.literal,
                encoding: origin.encoding,
                map: origin.map,
            }),
        });
        self.layers.len() - 1
    }

    /// Adds a layer holding bytes `range` of layer `parent` as they are (a multipart part);
    /// returns its index. A part of the body is borrowed, not copied.
    pub fn push_slice_layer(&mut self, parent: usize, range: Range<usize>) -> usize {
        let buffer = match &self.layers[parent].buffer {
            LayerBytes::Borrowed(b) => LayerBytes::Borrowed(&b[range.clone()]),
            LayerBytes::Shared(b) => LayerBytes::Shared(b[range.clone()].into()),
        };
        self.layers.push(Layer {
            buffer,
            parent: Some(Nesting {
                layer: parent,
                literal: range.clone(),
                encoding: Encoding::Raw,
                map: SourceMap::Shift(range.start),
            }),
        });
        self.layers.len() - 1
    }

    /// Makes the conversation texts among leaves `leaves` plain values (a form field read
    /// through the text dispatch is a value, not a message).
    pub fn demote_texts(&mut self, leaves: Range<usize>) {
        for leaf in self.leaves.get_mut(leaves).into_iter().flatten() {
            if leaf.class == Class::Text {
                leaf.class = Class::Value;
            }
        }
    }

    /// Sets the role of leaf `leaf` (known only once the message object is read).
    pub fn set_role(&mut self, leaf: usize, role: Option<Role>) {
        if let Some(l) = self.leaves.get_mut(leaf) {
            l.role = role;
        }
    }

    /// Appends a leaf; returns its index. `join` puts it right after the previous leaf (the
    /// content parts of one chat message); otherwise a [`SEPARATOR`] comes between. HTML
    /// character references in `value` are decoded here, so that `&#56;` cannot hide a digit.
    pub fn push_leaf(&mut self, value: &str, origin: Origin, class: Class, join: bool) -> usize {
        let Origin {
            layer,
            literal,
            encoding,
            map,
        } = origin;
        let join = join && !self.leaves.is_empty();
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
            role: None,
            class,
            joined: join,
            map,
        });
        self.leaves.len() - 1
    }

    /// The seams between texts that one finding may span (see [`Seam`]), those that `keep`
    /// accepts (given the texts on either side): between consecutive values (keys are
    /// skipped), and, bare, between consecutive conversation texts (other values between them
    /// are skipped). Leaves joined to their predecessor are one text.
    pub fn seams(&self, keep: impl Fn(&str, &str) -> bool) -> Vec<Seam> {
        let mut walk = SeamWalk {
            text: &self.text,
            keep,
            seams: Vec::new(),
            previous: None,
            last_text: None,
            last_by_role: Default::default(),
        };
        let mut group: Option<(Range<usize>, bool, Option<Role>)> = None;
        for leaf in self.leaves.iter().filter(|l| l.class != Class::Key) {
            let is_text = leaf.class == Class::Text;
            match &mut group {
                Some((range, text, _)) if leaf.joined && range.end == leaf.text.start => {
                    range.end = leaf.text.end;
                    *text |= is_text;
                }
                _ => {
                    if let Some(done) = group.take() {
                        walk.text_ends(done);
                    }
                    group = Some((leaf.text.clone(), is_text, leaf.role));
                }
            }
        }
        if let Some(done) = group {
            walk.text_ends(done);
        }
        walk.seams
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
        // Per leaf: (local range, replacement), sorted, overlaps merged. Each edit finds its
        // first leaf by binary search and walks only the leaves it covers, so redaction is
        // linear in the leaves and edits, not their product.
        let mut per_leaf: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); self.leaves.len()];
        for (span, placeholder) in edits {
            let mut first = true;
            let from_leaf = self.leaves.partition_point(|l| l.text.end <= span.start);
            for (i, leaf) in self.leaves.iter().enumerate().skip(from_leaf) {
                if leaf.text.start >= span.end {
                    break;
                }
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
                    let encoded = match nesting.encoding {
                        Encoding::Raw => rebuilt,
                        other => encode(other, &String::from_utf8_lossy(&rebuilt)),
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
        Encoding::JsonNumber => format!("\"{}\"", super::json::escape(text)).into_bytes(),
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

    fn raw(layer_at: usize, literal: Range<usize>) -> Origin {
        Origin {
            layer: 0,
            literal,
            encoding: Encoding::Raw,
            map: SourceMap::Shift(layer_at),
        }
    }

    #[test]
    fn joined_leaves_and_separators() {
        let body = b"ab";
        let mut doc = Document::new(body);
        doc.push_leaf("8501", raw(0, 0..1), Class::Text, false);
        doc.push_leaf("01-2382", raw(1, 1..2), Class::Text, true);
        doc.push_leaf("x", raw(2, 2..2), Class::Text, false);
        assert_eq!(doc.text, format!("850101-2382{SEPARATOR}x"));
    }

    #[test]
    fn seams_skip_keys_and_join_conversation_texts() {
        let mut doc = Document::new(b"");
        doc.push_leaf("messages", raw(0, 0..0), Class::Key, false);
        doc.push_leaf("850101", raw(0, 0..0), Class::Text, false);
        doc.push_leaf("user", raw(0, 0..0), Class::Value, false);
        doc.push_leaf("2382", raw(0, 0..0), Class::Text, false);
        doc.push_leaf("x", raw(0, 0..0), Class::Value, false);
        let seams = doc.seams(|_, _| true);
        let pieces: Vec<(&str, &str, bool)> = seams
            .iter()
            .map(|s| {
                (
                    &doc.text[s.left.clone()],
                    &doc.text[s.right.clone()],
                    s.bare,
                )
            })
            .collect();
        assert_eq!(
            pieces,
            vec![
                ("850101", "user", false),
                ("850101", "2382", true),
                ("user", "2382", false),
                ("2382", "x", false),
            ]
        );
    }

    #[test]
    fn redaction_is_linear_in_leaves_and_edits() {
        let body = "x".repeat(40_000);
        let mut doc = Document::new(body.as_bytes());
        for i in 0..20_000 {
            doc.push_leaf("x", raw(2 * i, 2 * i..2 * i + 1), Class::Text, false);
        }
        let edits: Vec<(Range<usize>, &str)> = doc
            .leaves()
            .iter()
            .map(|l| (l.text.clone(), "[X]"))
            .collect();
        let out = doc.redact(&edits).unwrap_or_default();
        assert_eq!(out.len(), 40_000 + 20_000 * 2);
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
