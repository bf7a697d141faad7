//! The frame of every review page: Swedish, no script, no external resources, high contrast.

use std::time::SystemTime;

use crate::proxy::respond::{STYLE, escape};

/// The review pages' style on top of the block page's: wider, tables with borders, a form
/// grid, a visible focus ring.
const REVIEW_STYLE: &str = "body{max-width:78rem}\
h1{overflow-wrap:break-word}\
.scroll{overflow-x:auto;max-width:100%}\
.id-cell,.id-cell a,time span,.nw{white-space:nowrap}\
ul.legend{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;padding:0;margin:.25rem 0 1rem}\
ul.legend li{display:flex;align-items:center;gap:.4rem;font-size:.9rem}\
dd{overflow-wrap:anywhere}\
a{color:#0b57d0}a:focus,input:focus,select:focus,button:focus,summary:focus{outline:3px solid #1a1a1a;outline-offset:2px}\
table{width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{border-bottom:1px solid #8a8a8a;padding:.35rem .6rem .35rem 0}thead th{border-bottom:2px solid #1a1a1a}\
code{font-family:ui-monospace,monospace;word-break:break-all}\
fieldset{border:1px solid #8a8a8a;padding:.75rem 1rem}legend{font-weight:600;padding:0 .25rem}\
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.75rem 1rem}\
.fields label{display:block;font-weight:600}.fields input,.fields select{width:100%;box-sizing:border-box;padding:.3rem;font:inherit;border:1px solid #555;background:#fff;color:#1a1a1a}\
.hint{font-size:.9rem;color:#444;margin:.5rem 0}\
button{font:inherit;padding:.4rem 1rem;margin-top:.75rem;border:1px solid #1a1a1a;background:#1a1a1a;color:#fff;cursor:pointer}\
.error{border-left:.4rem solid #b3261e;background:#fdf1f0;padding:.5rem 1rem}\
.note{border-left:.4rem solid #806600;background:#fbf6e6;padding:.5rem 1rem}\
nav.pages{display:flex;gap:1.5rem;align-items:center;margin:1rem 0}\
dl.fields-list{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1.5rem}\
@media (max-width:30rem){dl.fields-list{grid-template-columns:minmax(0,1fr)}dl.fields-list dd{margin-bottom:.5rem}}dl.fields-list dt{font-weight:600}dl.fields-list dd{margin:0}\
svg text{font-family:system-ui,sans-serif;font-size:11px;fill:#1a1a1a}\
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

/// A whole page: `title` (escaped here) and `main` (HTML, already escaped by the caller).
pub fn document(title: &str, main: &str) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"robots\" content=\"noindex\">\
<title>{t} – sluss</title><style>{STYLE}{REVIEW_STYLE}</style></head><body>\
<main>{main}</main>\
<footer>sluss granskning. Loggen innehåller aldrig själva uppgifterna, bara typ, antal, \
maskerad form och nyckelhash (värdena sparas inte i klartext). Tider i svensk tid (CET på \
vintern, CEST på sommaren); CSV-exporten för verktyg har UTC. Varje visning loggas.</footer></body></html>",
        t = escape(title),
    )
}

/// `2026-11-22 11:15:00 CET` (Europe/Stockholm, to the second) in a `<time>` element that
/// carries the UTC time.
pub fn time(at: SystemTime) -> String {
    let full = crate::audit::time::format(at);
    let shown = crate::audit::local::format(at);
    // Date and clock each stay on one line; the cell may break between them only.
    let shown = match shown.split_once(' ') {
        Some((date, clock)) => format!(
            "<span>{}</span> <span>{}</span>",
            escape(date),
            escape(clock)
        ),
        None => escape(&shown),
    };
    format!("<time datetime=\"{}\">{shown}</time>", escape(&full))
}

/// `/review?user=<name>`, URL-encoded.
pub fn user_href(name: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("user", name)
        .finish();
    review_href(&query)
}

/// A link to the review page with `query` (a URL query string, may be empty).
pub fn review_href(query: &str) -> String {
    if query.is_empty() {
        "/review".to_string()
    } else {
        format!("/review?{query}")
    }
}

/// `/review?incident=<id>`, URL-encoded.
pub fn incident_href(id: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("incident", id)
        .finish();
    review_href(&query)
}

/// `/review?key_hash=<hash>`, URL-encoded.
pub fn key_hash_href(hash: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("key_hash", hash)
        .finish();
    review_href(&query)
}

/// `1 234 567`: thousands separated by a (narrow no-break) space, as Swedish writes them.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_thousands_and_links_are_encoded() {
        assert_eq!(number(7), "7");
        assert_eq!(number(1234), "1\u{202F}234");
        assert_eq!(number(1_234_567), "1\u{202F}234\u{202F}567");
        assert_eq!(incident_href("S-2 <&>"), "/review?incident=S-2+%3C%26%3E");
        assert_eq!(review_href(""), "/review");
    }
}
