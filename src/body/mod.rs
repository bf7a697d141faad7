//! Request bodies and files: from bytes to the text a person wrote, with a map back.
//!
//! `decode` undoes the Content-Encoding within a size limit (see [`decode::decode`]).
//! `extract` turns input bytes into a [`Document`]: the text to scan and an offset map from
//! that text back to the input's bytes, so that findings point at the input's own bytes. What
//! the input is comes from its declared type, its name and its bytes ([`format`]); one dispatch
//! table ([`extract`]) maps each format to its reader, for a whole body and for every body
//! inside it (multipart parts, `data:` URLs and base64 fields, JSON in strings) alike, and for
//! the files `sluss scan` reads. Document files have their readers in [`formats`].

pub mod charset;
pub mod content_type;
pub mod decode;
pub mod document;
pub mod embedded;
pub mod entities;
pub mod extract;
pub mod form;
pub mod format;
pub mod formats;
pub mod json;
pub mod limits;
pub mod multipart;
mod nested;
mod plain;
pub mod uninspectable;
pub mod walk;

pub use content_type::ContentType;
pub use decode::{codings, decode};
pub use document::{Class, Document, Encoding, Leaf, NotRedactable, Origin, Role, Seam, SourceMap};
pub use extract::{extract, extract_named, format_of};
pub use format::Format;
pub use limits::Limits;
pub use uninspectable::{Reason, Uninspectable};
