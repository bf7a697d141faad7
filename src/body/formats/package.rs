//! Zip-based documents (Office Open XML, OpenDocument) opened within limits.
//!
//! At most `max_entries` entries; an entry encrypted with a password makes the file
//! [`Uninspectable::Encrypted`]; all the parts read out of one file together decompress to at
//! most `max_bytes` (a zip bomb, or entries that overlap to share one compressed stream, stop
//! there, whatever sizes the archive declares).

use std::io::{Cursor, Read};

use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

/// An opened archive and what may still be read out of it.
pub(crate) struct Package<'f> {
    archive: zip::ZipArchive<Cursor<&'f [u8]>>,
    names: Vec<String>,
    format: &'static str,
    budget: usize,
    limit: usize,
}

impl<'f> Package<'f> {
    /// Opens `file` as a `format` document.
    pub(crate) fn open(
        file: &'f [u8],
        format: &'static str,
        limits: &Limits,
    ) -> Result<Package<'f>, Uninspectable> {
        let mut archive = zip::ZipArchive::new(Cursor::new(file))
            .map_err(|_| Uninspectable::corrupt(format, "not a zip archive"))?;
        if archive.len() > limits.max_entries {
            return Err(Uninspectable::OverLimit {
                format,
                what: "entries",
                limit: limits.max_entries,
            });
        }
        let mut names = Vec::with_capacity(archive.len());
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|_| Uninspectable::corrupt(format, "an entry cannot be read"))?;
            if entry.encrypted() {
                return Err(Uninspectable::Encrypted { format });
            }
            let name = entry
                .name()
                .map_err(|_| Uninspectable::corrupt(format, "an entry name cannot be read"))?;
            names.push(name.into_owned());
        }
        Ok(Package {
            archive,
            names,
            format,
            budget: limits.max_bytes,
            limit: limits.max_bytes,
        })
    }

    /// The entry names, in archive order.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// True when the archive has entry `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// Entry `name` as UTF-8 text (a byte order mark dropped), its size taken from the budget
    /// shared by all entries.
    pub(crate) fn read(&mut self, name: &str) -> Result<String, Uninspectable> {
        let format = self.format;
        let entry = self
            .archive
            .by_name(name)
            .map_err(|_| Uninspectable::corrupt(format, format!("cannot open {name}")))?;
        let mut bytes = Vec::new();
        let allowed = u64::try_from(self.budget)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        entry
            .take(allowed)
            .read_to_end(&mut bytes)
            .map_err(|_| Uninspectable::corrupt(format, format!("cannot decompress {name}")))?;
        if bytes.len() > self.budget {
            return Err(Uninspectable::TooLarge { limit: self.limit });
        }
        self.budget -= bytes.len();
        let text = String::from_utf8(bytes)
            .map_err(|_| Uninspectable::corrupt(format, format!("{name} is not UTF-8")))?;
        Ok(match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }
}

/// `names` that pass `keep`, ordered as a person reads them: by folder, then by the number in
/// the file name (`slide2.xml` before `slide10.xml`), then by name.
pub(crate) fn ordered(names: &[String], keep: impl Fn(&str) -> bool) -> Vec<&str> {
    let mut kept: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| keep(n))
        .collect();
    kept.sort_by_key(|name| {
        let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
        let digits: String = file.chars().filter(char::is_ascii_digit).collect();
        let number = digits.parse::<u64>().unwrap_or(0);
        (folder.to_string(), number, file.to_string())
    });
    kept
}
