//! Request bodies and files: from bytes to the text a person wrote, with a map back.
//!
//! `decode` undoes the Content-Encoding within a size limit (see [`decode::decode`]).
//! `extract` turns input bytes into a [`Document`]: the text to scan and an offset map from
//! that text back to the input's bytes, so that findings point at the input's own bytes. One
//! dispatch reads a body by what it is, and every body inside it (multipart parts, `data:`
//! URLs and base64 fields, JSON in strings) the same way.

pub mod charset;
pub mod content_type;
pub mod decode;
pub mod document;
pub mod docx;
pub mod embedded;
pub mod entities;
pub mod extract;
pub mod form;
pub mod json;
pub mod multipart;
pub mod walk;

pub use content_type::ContentType;
pub use decode::{codings, decode};
pub use document::{Class, Document, Encoding, Leaf, NotRedactable, Origin, Role, Seam, SourceMap};
pub use extract::{Limits, Uninspectable, extract};
