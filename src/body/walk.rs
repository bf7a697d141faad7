//! A JSON body read into leaves in one pass, with what the chat APIs say about each string.
//!
//! The reader ([`super::json::read`]) reports containers as they open and close; this walk keeps
//! one small frame per container (its parent and role) and the member key of each open object,
//! never a copy of the path. So memory is linear in the body and time is linear in the body,
//! whatever the depth:
//!
//! * **text parts**: a `"text"` member of an object that is an array element (OpenAI, Anthropic,
//!   Gemini and Responses content parts) waits in its array and is pushed, joined with the other
//!   parts of that array, when the array closes;
//! * **roles**: a `"role"` member names the role of its object; top-level `system`,
//!   `instructions`, `systemInstruction`, `system_instruction` are system text. Roles are set on
//!   the leaves when the walk ends, so a role after the content counts;
//! * **embedded content**: `data:` URLs anywhere; the base64 fields of the APIs (`data`,
//!   `file_data`, `bytes` of an object with a `media_type`/`mime_type`/`mimeType`/`format`,
//!   `input_audio`), decided when their object closes so that the order of members does not
//!   matter; plain base64 strings that decode to text (see [`super::embedded`]);
//! * **numbers** are leaves too (`"patient_id": 198112189876`).

use std::borrow::Cow;

use super::content_type::ContentType;
use super::document::{Class, Document, Encoding, Origin, Role, SourceMap};
use super::embedded::{self, Payload};
use super::form;
use super::json::{self, Event, JsonString, is_json};
use super::nested::Cx;
use super::uninspectable::Uninspectable;
use crate::offsets::OffsetMap;

/// The members whose strings are system instructions in the chat APIs.
const SYSTEM_MEMBERS: &[&str] = &[
    "system",
    "instructions",
    "systemInstruction",
    "system_instruction",
];

/// Members whose strings (or arrays of strings) are conversation text.
const TEXT_MEMBERS: &[&str] = &[
    "content",
    "text",
    "prompt",
    "input",
    "instructions",
    "system",
    "query",
    "question",
    "message",
    "messages",
    "contents",
    "parts",
    "inputs",
    "documents",
];

/// Members that hold base64 of a file in the APIs; decided with their object's other members.
const BASE64_MEMBERS: &[&str] = &["data", "file_data", "bytes"];

/// Members that name the type of their object's base64 content.
const TYPE_MEMBERS: &[&str] = &["media_type", "mime_type", "mimeType", "format"];

/// Numbers with fewer digits are not read: no identifier (nor a piece of one across a seam,
/// such as `-2382`) is that short, and arrays of small numbers are common.
const MIN_NUMBER_DIGITS: usize = 4;

/// Strings decoded as base64 up to this length are scanned as written too.
const RAW_TOO: usize = 1024;

/// How often (in events) the deadline is looked at.
const CHECK_EVERY: usize = 4096;

/// No parent.
const ROOT: u32 = u32::MAX;

/// One container ever opened: its parent and its own role.
struct Frame {
    parent: u32,
    role: Option<Role>,
}

/// An open container.
struct Open<'b> {
    frame: u32,
    object: bool,
    /// The member key under which this container sits in its parent (`None` in an array).
    via: Option<Cow<'b, str>>,
    /// Objects: the current member's key.
    key: Option<Cow<'b, str>>,
    /// Arrays: text parts of the element objects, with their frames, waiting to be joined.
    parts: Vec<(JsonString<'b>, u32)>,
    /// Objects: base64 members waiting for the type members.
    pending: Vec<JsonString<'b>>,
    /// Objects: the declared media type of the base64 member, and the `type` member.
    media_type: Option<Cow<'b, str>>,
    kind: Option<Cow<'b, str>>,
}

/// The walk over one JSON document in one layer.
struct Walk<'d, 'a, 'b> {
    doc: &'d mut Document<'a>,
    layer: usize,
    bytes: &'b [u8],
    cx: Cx<'d>,
    frames: Vec<Frame>,
    stack: Vec<Open<'b>>,
    /// The first leaf of this walk.
    base: usize,
    /// The frame of each leaf from `base` on (`ROOT`: none, or a leaf of another walk).
    leaf_frames: Vec<u32>,
    events: usize,
}

/// Reads JSON in `bytes` (the whole buffer of `layer`) into leaves.
pub(crate) fn json(
    doc: &mut Document<'_>,
    layer: usize,
    bytes: &[u8],
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    let mut walk = Walk {
        doc,
        layer,
        bytes,
        cx,
        frames: Vec::new(),
        stack: Vec::new(),
        base: 0,
        leaf_frames: Vec::new(),
        events: 0,
    };
    walk.base = walk.doc.leaves().len();
    json::read(bytes, cx.limits.json_depth, |event| walk.event(event))?;
    walk.set_roles();
    Ok(())
}

impl<'b> Walk<'_, '_, 'b> {
    fn event(&mut self, event: Event<'b>) -> Result<(), Uninspectable> {
        self.events += 1;
        if self.events.is_multiple_of(CHECK_EVERY) {
            self.cx.limits.check()?;
        }
        match event {
            Event::Open { object } => self.open(object),
            Event::Close => self.close()?,
            Event::Key(s) => {
                if !s.value.is_empty() {
                    let origin = self.origin(&s, Encoding::Json);
                    self.doc.push_leaf(&s.value, origin, Class::Key, false);
                }
                if let Some(top) = self.stack.last_mut() {
                    top.key = Some(s.value);
                }
            }
            Event::String(s) => self.string(s)?,
            Event::Number(range) => {
                let text = std::str::from_utf8(&self.bytes[range.clone()]).unwrap_or("");
                if text.bytes().filter(u8::is_ascii_digit).count() < MIN_NUMBER_DIGITS {
                    return Ok(());
                }
                let origin = Origin {
                    layer: self.layer,
                    literal: range.clone(),
                    encoding: Encoding::JsonNumber,
                    map: SourceMap::Shift(range.start),
                };
                let frame = self.stack.last().map_or(ROOT, |o| o.frame);
                let leaf = self.doc.push_leaf(text, origin, Class::Number, false);
                self.own(leaf, leaf + 1, frame);
            }
            Event::Literal => {}
        }
        Ok(())
    }

    fn open(&mut self, object: bool) {
        let frame = u32::try_from(self.frames.len()).unwrap_or(ROOT - 1);
        let parent = self.stack.last();
        let via = parent.and_then(|p| p.key.clone());
        let at_top = self.stack.len() == 1 && parent.is_some_and(|p| p.object);
        let role = (at_top && via.as_deref().is_some_and(|k| SYSTEM_MEMBERS.contains(&k)))
            .then_some(Role::System);
        self.frames.push(Frame {
            parent: parent.map_or(ROOT, |p| p.frame),
            role,
        });
        self.stack.push(Open {
            frame,
            object,
            via: if parent.is_some_and(|p| p.object) {
                via
            } else {
                None
            },
            key: None,
            parts: Vec::new(),
            pending: Vec::new(),
            media_type: None,
            kind: None,
        });
    }

    fn close(&mut self) -> Result<(), Uninspectable> {
        let Some(mut open) = self.stack.pop() else {
            return Ok(());
        };
        if let Some(top) = self.stack.last_mut()
            && top.object
        {
            top.key = None;
        }
        let mut join = false;
        for (part, frame) in std::mem::take(&mut open.parts) {
            let origin = self.origin(&part, Encoding::Json);
            let first = self.doc.leaves().len();
            let plain = is_plain(&part.value);
            if join && plain {
                self.doc.push_leaf(&part.value, origin, Class::Text, true);
            } else {
                string_value(self.doc, &part.value, origin, Class::Text, self.cx)?;
            }
            join = plain;
            let end = self.doc.leaves().len();
            self.own(first, end, frame);
        }
        for data in &open.pending {
            let first = self.doc.leaves().len();
            self.base64_member(data, &open)?;
            let end = self.doc.leaves().len();
            self.own(first, end, open.frame);
        }
        Ok(())
    }

    fn string(&mut self, s: JsonString<'b>) -> Result<(), Uninspectable> {
        let depth = self.stack.len();
        let Some(top) = self.stack.last_mut() else {
            return self.value(s, Class::Text, ROOT);
        };
        let frame = top.frame;
        if !top.object {
            let class = match top.via.as_deref() {
                Some(k) if TEXT_MEMBERS.contains(&k) => Class::Text,
                Some("input_audio") => return Err(audio(None)),
                _ => Class::Value,
            };
            return self.value(s, class, frame);
        }
        let key: Cow<'b, str> = top.key.clone().unwrap_or_default();
        let key = key.as_ref();
        match key {
            "type" => top.kind = Some(s.value.clone()),
            k if TYPE_MEMBERS.contains(&k) => top.media_type = Some(s.value.clone()),
            "input_audio" => return Err(audio(None)),
            _ => {}
        }
        if key == "text" && top.via.is_none() && depth >= 2 {
            self.stack[depth - 2].parts.push((s, frame));
            return Ok(());
        }
        if BASE64_MEMBERS.contains(&key) && !embedded::is_data_url(&s.value) {
            top.pending.push(s);
            return Ok(());
        }
        if key == "role" {
            self.frames[frame as usize].role = Role::parse(&s.value);
        }
        let class = if TEXT_MEMBERS.contains(&key) || SYSTEM_MEMBERS.contains(&key) {
            Class::Text
        } else {
            Class::Value
        };
        let system = depth == 1 && SYSTEM_MEMBERS.contains(&key);
        let first = self.doc.leaves().len();
        self.value(s, class, frame)?;
        if system {
            for leaf in first..self.doc.leaves().len() {
                self.doc.set_role(leaf, Some(Role::System));
            }
        }
        Ok(())
    }

    /// A base64 member of an object, now that its siblings are known.
    fn base64_member(
        &mut self,
        s: &JsonString<'b>,
        object: &Open<'b>,
    ) -> Result<(), Uninspectable> {
        let origin = self.origin(s, Encoding::Json);
        if object.kind.as_deref() == Some("text") {
            // An Anthropic plain-text source: the data is the text itself.
            self.doc.push_leaf(&s.value, origin, Class::Text, false);
            return Ok(());
        }
        if object.via.as_deref() == Some("input_audio") {
            return Err(audio(object.media_type.as_deref()));
        }
        let declared = object
            .media_type
            .as_deref()
            .filter(|t| t.contains('/'))
            .map(ContentType::parse)
            .transpose()?;
        let Some(content_type) = declared else {
            // Nothing says what it is: a string like any other (plain base64 is still read).
            return string_value(self.doc, &s.value, origin, Class::Value, self.cx);
        };
        if embedded::is_unreadable(&content_type.mime) {
            return Err(Uninspectable::Embedded(content_type.mime));
        }
        let bytes = embedded::decode_base64(s.value.as_bytes()).ok_or_else(|| {
            Uninspectable::Malformed {
                format: "embedded content",
                problem: "invalid base64".into(),
            }
        })?;
        let payload = Payload {
            bytes,
            content_type,
        };
        read_payload(self.doc, payload, &origin, self.cx)
    }

    /// A string value (not a key, not a text part).
    fn value(&mut self, s: JsonString<'b>, class: Class, frame: u32) -> Result<(), Uninspectable> {
        if s.value.is_empty() {
            return Ok(());
        }
        let origin = self.origin(&s, Encoding::Json);
        let first = self.doc.leaves().len();
        string_value(self.doc, &s.value, origin, class, self.cx)?;
        let end = self.doc.leaves().len();
        self.own(first, end, frame);
        Ok(())
    }

    /// Records that leaves `first..end` hold values of `frame`.
    fn own(&mut self, first: usize, end: usize, frame: u32) {
        if end <= first || first < self.base {
            return;
        }
        if self.leaf_frames.len() < end - self.base {
            self.leaf_frames.resize(end - self.base, ROOT);
        }
        for slot in &mut self.leaf_frames[first - self.base..end - self.base] {
            *slot = frame;
        }
    }

    fn origin(&self, s: &JsonString<'_>, encoding: Encoding) -> Origin {
        Origin {
            layer: self.layer,
            literal: s.literal.clone(),
            encoding,
            map: match &s.map {
                None => SourceMap::Shift(s.literal.start),
                Some(m) => SourceMap::Map(m.clone()),
            },
        }
    }

    /// Resolves each frame's role (its own, else its parent's: parents come first) and sets it
    /// on the leaves of its values that have none.
    fn set_roles(&mut self) {
        let mut effective: Vec<Option<Role>> = Vec::with_capacity(self.frames.len());
        for frame in &self.frames {
            let inherited = effective.get(frame.parent as usize).copied().flatten();
            effective.push(frame.role.or(inherited));
        }
        for (i, &frame) in self.leaf_frames.iter().enumerate() {
            let Some(role) = effective.get(frame as usize).copied().flatten() else {
                continue;
            };
            let leaf = self.base + i;
            if self
                .doc
                .leaves()
                .get(leaf)
                .is_some_and(|l| l.role.is_none())
            {
                self.doc.set_role(leaf, Some(role));
            }
        }
    }
}

/// True when a text part is plain text that can be joined to the part before it (not JSON, a
/// form, a `data:` URL or base64, which are opened instead).
fn is_plain(value: &str) -> bool {
    let trimmed = value.trim_start();
    !(embedded::is_data_url(value)
        || trimmed.starts_with('{')
        || trimmed.starts_with('[')
        || form::looks_like_form(value)
        || embedded::plain_base64(value).is_some())
}

fn audio(format: Option<&str>) -> Uninspectable {
    Uninspectable::Embedded(format!("audio/{}", format.unwrap_or("*")))
}

/// A decoded string value at `origin`: opened when it holds JSON, form data, a `data:` URL or
/// base64 of text or a file; else a leaf of `class`.
pub(crate) fn string_value(
    doc: &mut Document<'_>,
    value: &str,
    origin: Origin,
    class: Class,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    if embedded::is_data_url(value) {
        let payload = embedded::data_url(value)?;
        return read_payload(doc, payload, &origin, cx);
    }
    // Base64 before forms: padding (`…Lg==`) makes base64 look like a form key.
    if let Some(bytes) = embedded::plain_base64(value)
        && embedded::is_content(&bytes)
    {
        let payload = Payload {
            bytes,
            content_type: ContentType::none(),
        };
        // A short string is read as it is too: a run of digits can be valid base64.
        if value.len() <= RAW_TOO {
            doc.push_leaf(value, origin.clone(), class, false);
        }
        return read_payload(doc, payload, &origin, cx);
    }
    if cx.may_nest() {
        let trimmed = value.trim_start();
        let holds_json = (trimmed.starts_with('{') || trimmed.starts_with('['))
            && is_json(value.as_bytes(), cx.limits.json_depth);
        if holds_json || form::looks_like_form(value) {
            let child = doc.push_layer(value.as_bytes().to_vec(), origin);
            let content_type = ContentType::of(if holds_json {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            });
            return cx.read(doc, child, &content_type, None);
        }
    }
    doc.push_leaf(value, origin, class, false);
    Ok(())
}

/// Decoded content found at `origin`: read through the same dispatch as a body (judged by its
/// declared type and its bytes), in a layer that cannot be written back (a finding in it
/// blocks). What cannot be read is uninspectable as embedded content.
fn read_payload(
    doc: &mut Document<'_>,
    payload: Payload,
    origin: &Origin,
    cx: Cx<'_>,
) -> Result<(), Uninspectable> {
    cx.nest()?;
    let mut map = OffsetMap::default();
    map.replaced(0, origin.literal.clone());
    let child = doc.push_layer(
        payload.bytes,
        Origin {
            layer: origin.layer,
            literal: origin.literal.clone(),
            encoding: Encoding::Fixed,
            map: SourceMap::Map(map),
        },
    );
    match cx.read(doc, child, &payload.content_type, None) {
        Err(Uninspectable::UnsupportedType(mime)) => Err(Uninspectable::Embedded(mime)),
        other => other,
    }
}
