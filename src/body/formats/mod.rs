//! Readers of document files, one module per format, each with one entry point
//! `fn(&[u8], &Limits) -> Result<String, Uninspectable>`: the text a person reads in the file.
//!
//! The dispatch table in [`super::extract`] maps each [`super::Format`] to its reader. A
//! document's text cannot be written back into the file, so a finding in it blocks (it cannot
//! be redacted) and points at the whole file. Shared plumbing: [`package`] (zip archives within
//! limits), [`xml`] (namespace-aware XML text without DTDs), [`ooxml`] (what Word, Excel and
//! PowerPoint files share).

pub mod docx;
pub mod html;
pub mod odf;
pub(crate) mod ooxml;
pub(crate) mod package;
pub mod pdf;
pub mod pptx;
pub mod rtf;
pub mod xlsx;
pub(crate) mod xml;
