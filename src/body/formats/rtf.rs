//! Rich Text Format (`.rtf`): the text of the document, headers, footers, footnotes, comments
//! and fields, by the RTF 1.9.1 grammar (groups, control words, control symbols).
//!
//! `\'hh` bytes are decoded in the document's code page (`\ansicpg`, Windows-1252 by default),
//! `\uN` as Unicode with its `\ucN` fallback skipped, `\binN` data skipped. Destinations that
//! hold only binary data or tables (pictures, embedded objects, themes, fonts, colours,
//! styles) are skipped; every other destination is read, ignorable ones (`\*\…`) included,
//! because another reader might show them. Group nesting is bounded by `xml_depth`.

use encoding_rs::Encoding;

use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

const FORMAT: &str = "RTF";

/// Destinations whose content is not text.
const SKIPPED: &[&[u8]] = &[
    b"pict",
    b"objdata",
    b"themedata",
    b"colorschememapping",
    b"datastore",
    b"blipuid",
    b"panose",
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"listtable",
    b"listoverridetable",
    b"rsidtbl",
    b"latentstyles",
    b"xmlnstbl",
    b"passwordhash",
    b"wgrffmtfilter",
    b"generator",
    b"filetbl",
    b"revtbl",
];

/// The state a group inherits from its parent.
#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// Characters a `\uN` is followed by as its fallback.
    uc: usize,
}

struct Reader<'f> {
    bytes: &'f [u8],
    at: usize,
    out: String,
    groups: Vec<Group>,
    encoding: &'static Encoding,
    /// `\'hh` bytes waiting to be decoded together (multi-byte code pages).
    pending: Vec<u8>,
    /// Fallback characters still to skip after a `\uN`.
    fallback: usize,
}

/// The text of an RTF file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    if !file.starts_with(b"{\\rtf") {
        return Err(Uninspectable::corrupt(FORMAT, "does not start with {\\rtf"));
    }
    let mut reader = Reader {
        bytes: file,
        at: 0,
        out: String::with_capacity(file.len() / 2),
        groups: vec![Group { skip: false, uc: 1 }],
        encoding: encoding_rs::WINDOWS_1252,
        pending: Vec::new(),
        fallback: 0,
    };
    reader.run(limits)?;
    reader.flush();
    Ok(reader.out)
}

impl Reader<'_> {
    fn group(&self) -> Group {
        self.groups
            .last()
            .copied()
            .unwrap_or(Group { skip: false, uc: 1 })
    }

    fn run(&mut self, limits: &Limits) -> Result<(), Uninspectable> {
        let mut next_check = 1 << 16;
        while let Some(&b) = self.bytes.get(self.at) {
            if self.at >= next_check {
                limits.check()?;
                next_check = self.at + (1 << 16);
            }
            self.at += 1;
            match b {
                b'{' => {
                    if self.groups.len() > limits.xml_depth {
                        return Err(Uninspectable::TooDeep {
                            limit: limits.xml_depth,
                        });
                    }
                    self.flush();
                    self.groups.push(self.group());
                }
                b'}' => {
                    self.flush();
                    if self.groups.len() > 1 {
                        self.groups.pop();
                    }
                }
                b'\\' => self.control()?,
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        Ok(())
    }

    /// A plain text byte.
    fn byte(&mut self, b: u8) {
        if self.fallback > 0 {
            self.fallback -= 1;
            return;
        }
        if self.group().skip {
            return;
        }
        if b < 0x80 {
            self.flush();
            self.out.push(char::from(b));
        } else {
            self.pending.push(b);
        }
    }

    /// Decodes waiting `\'hh` bytes.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let (text, _) = self.encoding.decode_without_bom_handling(&self.pending);
        self.out.push_str(&text);
        self.pending.clear();
    }

    fn push(&mut self, s: &str) {
        if !self.group().skip {
            self.flush();
            self.out.push_str(s);
        }
    }

    /// After a backslash.
    fn control(&mut self) -> Result<(), Uninspectable> {
        let Some(&c) = self.bytes.get(self.at) else {
            return Ok(());
        };
        if !c.is_ascii_alphabetic() {
            self.at += 1;
            return self.symbol(c);
        }
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_alphabetic) && self.at - start < 32 {
            self.at += 1;
        }
        let word = &self.bytes[start..self.at];
        let param = self.parameter();
        if self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.word(word, param);
        Ok(())
    }

    /// An optional signed decimal parameter after a control word.
    fn parameter(&mut self) -> Option<i64> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) && self.at - digits < 10 {
            self.at += 1;
        }
        if self.at == digits {
            self.at = start;
            return None;
        }
        std::str::from_utf8(&self.bytes[start..self.at])
            .ok()?
            .parse()
            .ok()
    }

    /// A control symbol: `\'hh`, `\{`, `\~` …
    fn symbol(&mut self, c: u8) -> Result<(), Uninspectable> {
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.at..self.at + 2).unwrap_or(b"");
                let value = std::str::from_utf8(hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                self.at = (self.at + 2).min(self.bytes.len());
                if let Some(b) = value {
                    if self.fallback > 0 {
                        self.fallback -= 1;
                    } else if !self.group().skip {
                        self.pending.push(b);
                    }
                }
            }
            b'{' | b'}' | b'\\' => self.byte(c),
            b'~' => self.push("\u{a0}"),
            b'_' => self.push("-"),
            b'-' => {}
            b'\r' | b'\n' => self.push("\n"),
            b'*' => {}
            _ => {}
        }
        Ok(())
    }

    /// A control word with its parameter.
    fn word(&mut self, word: &[u8], param: Option<i64>) {
        if SKIPPED.contains(&word) {
            if let Some(group) = self.groups.last_mut() {
                group.skip = true;
            }
            return;
        }
        match word {
            b"bin" => {
                let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                self.at = self.at.saturating_add(n).min(self.bytes.len());
            }
            b"u" => {
                if let Some(n) = param {
                    let code = if n < 0 { n + 65_536 } else { n };
                    let c = u32::try_from(code)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    let mut buffer = [0u8; 4];
                    self.push(c.encode_utf8(&mut buffer));
                    self.fallback = self.group().uc;
                }
            }
            b"uc" => {
                if let Some(group) = self.groups.last_mut() {
                    group.uc = usize::try_from(param.unwrap_or(1)).unwrap_or(1).min(8);
                }
            }
            b"ansicpg" => self.encoding = code_page(param.unwrap_or(1252)),
            b"par" | b"line" | b"sect" | b"page" | b"row" | b"column" => self.push("\n"),
            b"tab" | b"cell" | b"nestcell" => self.push("\t"),
            b"emdash" => self.push("\u{2014}"),
            b"endash" => self.push("\u{2013}"),
            b"lquote" => self.push("\u{2018}"),
            b"rquote" => self.push("\u{2019}"),
            b"ldblquote" => self.push("\u{201c}"),
            b"rdblquote" => self.push("\u{201d}"),
            b"bullet" => self.push("\u{2022}"),
            b"enspace" | b"emspace" | b"qmspace" => self.push(" "),
            _ => {}
        }
    }
}

/// The encoding of Windows code page `n` (Windows-1252 for pages sluss does not know).
fn code_page(n: i64) -> &'static Encoding {
    let label = match n {
        932 => "shift_jis".to_string(),
        936 => "gbk".to_string(),
        949 => "euc-kr".to_string(),
        950 => "big5".to_string(),
        10000 => "macintosh".to_string(),
        65001 => "utf-8".to_string(),
        n => format!("windows-{n}"),
    };
    Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rtf: &str) -> String {
        text(rtf.as_bytes(), &Limits::default()).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn text_headers_and_code_page() {
        let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\header SEKRETESS\par}S\'f6kande 850101\_2382\par Anna\tab\u8211?x}";
        let text = read(rtf);
        assert!(text.contains("SEKRETESS\n"), "{text:?}");
        assert!(text.contains("Sökande 850101-2382\n"), "{text:?}");
        assert!(text.contains("Anna\t\u{2013}x"), "{text:?}");
        assert!(!text.contains("Arial"), "{text:?}");
    }

    #[test]
    fn pictures_and_binary_data_are_skipped() {
        let text = read(r"{\rtf1{\pict\pngblip 89504e47}{\bin4 ab}c}Hej}");
        assert_eq!(text, "Hej");
    }

    #[test]
    fn deep_groups_and_other_files() {
        let deep = format!("{{\\rtf1{}", "{".repeat(1000));
        assert!(matches!(
            text(deep.as_bytes(), &Limits::default()),
            Err(Uninspectable::TooDeep { .. })
        ));
        assert!(text(b"Hej", &Limits::default()).is_err());
    }
}
