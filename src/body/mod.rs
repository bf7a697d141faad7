//! Request bodies and files: from bytes to the text a person wrote, with a map back.
//!
//! `decode` undoes the Content-Encoding within a size limit (see [`decode::decode`]).
//! `extract` turns input bytes into a [`Document`]: the text to scan and an offset map from
//! that text back to the input's bytes, so that findings point at the input's own bytes.

pub mod charset;
pub mod decode;
pub mod document;
pub mod docx;
pub mod entities;
pub mod extract;
pub mod form;
pub mod json;
pub mod multipart;

pub use decode::{codings, decode};
pub use document::{Document, Encoding, Leaf, NotRedactable, Role, SourceMap};
pub use extract::{Limits, Uninspectable, extract};
