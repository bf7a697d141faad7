//! HTML: the text a browser or a model would read, by the HTML standard's tokenizer
//! (html5ever), so character references (`&#56;`, `&auml;`) are decoded as a browser decodes
//! them.
//!
//! Read: text (block elements end lines, table cells are separated by tabs, inline elements
//! such as `<b>` join their neighbours, so `850101-<b>2382</b>` is one number), comments,
//! script and style text (a model reading the page sees them), and the attributes that carry
//! words a person wrote: `alt`, `title`, `placeholder`, `value`, `aria-label`, `content` (of
//! `<meta>`), `label`, `summary`, `abbr`. The bytes are UTF-8, or Windows-1252 when they are
//! not (a byte order mark decides first).

use std::cell::RefCell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::body::limits::Limits;
use crate::body::uninspectable::Uninspectable;

/// Attributes whose values are text.
const TEXT_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "placeholder",
    "value",
    "aria-label",
    "content",
    "label",
    "summary",
    "abbr",
];

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "ul",
    "ol",
    "table",
    "caption",
    "hr",
    "address",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "option",
    "title",
    "body",
    "head",
    "html",
];

/// How much input is tokenized between two looks at the deadline.
const CHUNK: usize = 1 << 16;

/// The text of an HTML file, within `limits`.
pub fn text(file: &[u8], limits: &Limits) -> Result<String, Uninspectable> {
    let (decoded, _, _) = match simdutf8::basic::from_utf8(file) {
        Ok(_) => encoding_rs::UTF_8.decode(file),
        Err(_) => encoding_rs::WINDOWS_1252.decode(file),
    };
    let sink = Sink {
        out: RefCell::new(String::with_capacity(decoded.len() / 2)),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    let mut rest: &str = &decoded;
    while !rest.is_empty() {
        limits.check()?;
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        queue.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    }
    tokenizer.end();
    Ok(tokenizer.sink.out.take())
}

/// Collects the text of the tokens.
struct Sink {
    out: RefCell<String>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut out = self.out.borrow_mut();
        match token {
            Token::CharacterTokens(text) => out.push_str(&text),
            Token::CommentToken(text) => {
                out.push('\n');
                out.push_str(&text);
                out.push('\n');
            }
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                for attribute in &tag.attrs {
                    if TEXT_ATTRIBUTES.contains(&&*attribute.name.local)
                        && !attribute.value.trim().is_empty()
                    {
                        out.push('\n');
                        out.push_str(&attribute.value);
                        out.push('\n');
                    }
                }
                if BLOCKS.contains(&name) {
                    out.push('\n');
                } else if name == "td" || name == "th" {
                    out.push('\t');
                }
                if tag.kind == TagKind::StartTag {
                    return match name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
            }
            Token::NullCharacterToken => out.push('\u{fffd}'),
            Token::DoctypeToken(_) | Token::EOFToken | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> String {
        text(html.as_bytes(), &Limits::default()).unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn references_are_decoded_and_inline_elements_join() {
        let text = read("<p>S&ouml;kande &#56;50101-<b>2382</b></p><img alt=\"Leyla Hassan\">");
        assert!(text.contains("Sökande 850101-2382"), "{text:?}");
        assert!(text.contains("Leyla Hassan"), "{text:?}");
    }

    #[test]
    fn scripts_and_comments_are_read_without_making_tags() {
        let text = read("<script>if (a < b) { x = '<p>850101-2382'; }</script><!-- SEKRETESS -->");
        assert!(text.contains("<p>850101-2382"), "{text:?}");
        assert!(text.contains("SEKRETESS"), "{text:?}");
    }
}
