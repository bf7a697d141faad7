//! How a client wants sluss's own answer: a Swedish page for navigations and form posts, and
//! for everything else (fetch, XHR, SDKs) the JSON error or the event stream of the API family
//! that the service speaks, so that the app shows the message where it shows its own.
//!
//! Browsers say what a request is for in `Sec-Fetch-Mode` and `Sec-Fetch-Dest` (sent on every
//! HTTPS request by Chromium, Firefox and Safari); clients without them are judged by `Accept`.

use http::header::{ACCEPT, HeaderMap};
use http::{Method, Uri};

use crate::patterns::ApiFamily;

/// The JSON and stream dialect of an API family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// OpenAI and the many OpenAI-compatible APIs (also the shape for unknown families).
    OpenAi,
    /// Azure OpenAI.
    Azure,
    /// Anthropic messages.
    Anthropic,
    /// Google Gemini.
    Gemini,
    /// Mistral.
    Mistral,
    /// Cohere.
    Cohere,
    /// Ollama.
    Ollama,
}

impl Shape {
    /// The shape of a service's API family; OpenAI's for `generic` (the de facto standard of
    /// chat backends).
    pub fn of(api: ApiFamily) -> Shape {
        match api {
            ApiFamily::Openai | ApiFamily::Generic => Shape::OpenAi,
            ApiFamily::AzureOpenai => Shape::Azure,
            ApiFamily::Anthropic => Shape::Anthropic,
            ApiFamily::Gemini => Shape::Gemini,
            ApiFamily::Mistral => Shape::Mistral,
            ApiFamily::Cohere => Shape::Cohere,
            ApiFamily::Ollama => Shape::Ollama,
        }
    }
}

/// The stream format a streaming request expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamFormat {
    /// OpenAI chat completion chunks ending with `data: [DONE]` (also Azure, Mistral and
    /// OpenAI-compatible backends).
    OpenAiChat,
    /// OpenAI Responses API events (`response.created` … `response.completed`).
    OpenAiResponses,
    /// Anthropic messages events (`message_start` … `message_stop`).
    Anthropic,
    /// Gemini `streamGenerateContent?alt=sse`: one `data:` event per response.
    GeminiSse,
    /// Gemini `streamGenerateContent` without `alt=sse`: a JSON array of responses.
    GeminiArray,
    /// Cohere v2 chat events (`message-start` … `message-end`).
    Cohere,
    /// Ollama `/api/chat`: JSON lines.
    OllamaChat,
    /// Ollama `/api/generate`: JSON lines.
    OllamaGenerate,
}

impl StreamFormat {
    /// The format for `shape` at `uri`.
    pub fn of(shape: Shape, uri: &Uri) -> StreamFormat {
        let path = uri.path();
        match shape {
            Shape::OpenAi | Shape::Azure | Shape::Mistral => {
                if path.trim_end_matches('/').ends_with("/responses") {
                    StreamFormat::OpenAiResponses
                } else {
                    StreamFormat::OpenAiChat
                }
            }
            Shape::Anthropic => StreamFormat::Anthropic,
            Shape::Gemini => {
                if query_has(uri, "alt", "sse") {
                    StreamFormat::GeminiSse
                } else {
                    StreamFormat::GeminiArray
                }
            }
            Shape::Cohere => StreamFormat::Cohere,
            Shape::Ollama if path.ends_with("/api/generate") => StreamFormat::OllamaGenerate,
            Shape::Ollama => StreamFormat::OllamaChat,
        }
    }
}

/// How sluss answers a request itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A navigation or form post: the Swedish page.
    Html,
    /// A fetch or an API client: the family's JSON error.
    Json(Shape),
    /// A browser fetch that expects a stream: a stream in the family's format that carries
    /// the Swedish message as the answer (stops only; failures get the JSON error).
    Stream(StreamFormat),
}

impl Style {
    /// The style for a request to a service of `api`, from its head alone (a stream is chosen
    /// by [`Style::for_body`] once the body is read).
    pub fn for_request(headers: &HeaderMap, api: ApiFamily) -> Style {
        if wants_page(headers) {
            Style::Html
        } else {
            Style::Json(Shape::of(api))
        }
    }

    /// This style refined by the request's body: a browser fetch (not an SDK: a script that
    /// got a stream would take the message for the model's answer) that expects a stream gets
    /// one.
    pub fn for_body(self, headers: &HeaderMap, uri: &Uri, method: &Method, body: &[u8]) -> Style {
        let Style::Json(shape) = self else {
            return self;
        };
        if *method == Method::POST
            && is_browser_fetch(headers)
            && expects_stream(shape, headers, uri, body)
        {
            Style::Stream(StreamFormat::of(shape, uri))
        } else {
            self
        }
    }

    /// The JSON shape for answers that are not streams (failures).
    pub fn shape(self) -> Option<Shape> {
        match self {
            Style::Html => None,
            Style::Json(shape) => Some(shape),
            Style::Stream(format) => Some(match format {
                StreamFormat::OpenAiChat | StreamFormat::OpenAiResponses => Shape::OpenAi,
                StreamFormat::Anthropic => Shape::Anthropic,
                StreamFormat::GeminiSse | StreamFormat::GeminiArray => Shape::Gemini,
                StreamFormat::Cohere => Shape::Cohere,
                StreamFormat::OllamaChat | StreamFormat::OllamaGenerate => Shape::Ollama,
            }),
        }
    }

    /// How the person was answered, as the audit log says it: `page`, `json` or
    /// `event_stream`.
    pub fn answered(self) -> Answered {
        match self {
            Style::Html => Answered::Page,
            Style::Json(_) => Answered::Json,
            Style::Stream(_) => Answered::EventStream,
        }
    }
}

/// How the person was answered (`sluss.answer` in the audit log).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// The Swedish block page.
    Page,
    /// A JSON error.
    Json,
    /// A stream carrying the message as the answer.
    EventStream,
    /// A WebSocket closed with a Swedish close reason.
    WebsocketClose,
}

impl Answered {
    /// The name in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Answered::Page => "page",
            Answered::Json => "json",
            Answered::EventStream => "event_stream",
            Answered::WebsocketClose => "websocket_close",
        }
    }

    /// Whether the person saw a page (anything else leaves a notice for the next page load).
    pub fn is_page(self) -> bool {
        self == Answered::Page
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// A navigation (a link, the address bar, a form post) or a frame: the page is shown. Without
/// fetch metadata, a client that accepts `text/html`.
pub fn wants_page(headers: &HeaderMap) -> bool {
    match (
        header(headers, "sec-fetch-mode"),
        header(headers, "sec-fetch-dest"),
    ) {
        (Some(mode), dest) => {
            mode.eq_ignore_ascii_case("navigate")
                || dest.is_some_and(|d| {
                    ["document", "iframe", "frame", "embed", "object"]
                        .iter()
                        .any(|p| d.eq_ignore_ascii_case(p))
                })
        }
        (None, Some(dest)) => dest.eq_ignore_ascii_case("document"),
        (None, None) => accepts(headers, "text/html"),
    }
}

/// A top-level navigation to a page (a link or the address bar, not a frame): where a notice
/// of an earlier stop is shown.
pub fn is_page_load(method: &Method, headers: &HeaderMap) -> bool {
    if *method != Method::GET {
        return false;
    }
    match header(headers, "sec-fetch-mode") {
        Some(mode) => {
            mode.eq_ignore_ascii_case("navigate")
                && header(headers, "sec-fetch-dest")
                    .is_none_or(|d| d.eq_ignore_ascii_case("document"))
        }
        None => accepts(headers, "text/html"),
    }
}

/// A request made by a page's script (fetch, XHR, EventSource), as browsers mark it.
pub fn is_browser_fetch(headers: &HeaderMap) -> bool {
    header(headers, "sec-fetch-mode").is_some_and(|mode| {
        ["cors", "same-origin", "no-cors"]
            .iter()
            .any(|m| mode.eq_ignore_ascii_case(m))
    })
}

/// A CORS preflight: `OPTIONS` with `Access-Control-Request-Method`.
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    *method == Method::OPTIONS && headers.contains_key("access-control-request-method")
}

fn accepts(headers: &HeaderMap, media: &str) -> bool {
    headers
        .get_all(ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let matches = parts
                .next()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case(media));
            // `text/html;q=0` refuses it.
            matches && !parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"))
        })
}

/// Whether the request asks for a stream: `Accept: text/event-stream`, `"stream": true` in a
/// JSON body, Gemini's `streamGenerateContent`, Ollama's chat and generate (streams unless
/// `"stream": false`).
fn expects_stream(shape: Shape, headers: &HeaderMap, uri: &Uri, body: &[u8]) -> bool {
    if accepts(headers, "text/event-stream") {
        return true;
    }
    let flag = stream_flag(body);
    match shape {
        Shape::Gemini => uri.path().contains(":streamGenerateContent") || flag == Some(true),
        Shape::Ollama if is_ollama_generation(uri.path()) => flag != Some(false),
        _ => flag == Some(true),
    }
}

fn is_ollama_generation(path: &str) -> bool {
    path.ends_with("/api/chat") || path.ends_with("/api/generate")
}

/// The top-level `"stream"` member of a JSON object body, if it is a boolean. Other members
/// are skipped without recursion (in linear time, however deep); a body that is not JSON (a
/// form, a compressed body) has none.
fn stream_flag(body: &[u8]) -> Option<bool> {
    #[derive(serde::Deserialize)]
    struct Flag {
        #[serde(default)]
        stream: Option<serde_json::Value>,
    }
    let first = body.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    let flag: Flag = serde_json::from_slice(body).ok()?;
    flag.stream?.as_bool()
}

fn query_has(uri: &Uri, key: &str, value: &str) -> bool {
    uri.query().is_some_and(|q| {
        form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k == key && v.eq_ignore_ascii_case(value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn uri(text: &str) -> Uri {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn navigations_and_form_posts_get_the_page_fetches_get_json() {
        let navigate = headers(&[
            ("sec-fetch-mode", "navigate"),
            ("sec-fetch-dest", "document"),
            ("accept", "text/html"),
        ]);
        assert_eq!(
            Style::for_request(&navigate, ApiFamily::Openai),
            Style::Html
        );
        // A fetch that happens to accept HTML is still a fetch.
        let fetch = headers(&[
            ("sec-fetch-mode", "cors"),
            ("sec-fetch-dest", "empty"),
            ("accept", "text/html, */*"),
        ]);
        assert_eq!(
            Style::for_request(&fetch, ApiFamily::Anthropic),
            Style::Json(Shape::Anthropic)
        );
        assert_eq!(
            Style::for_request(&headers(&[("accept", "text/html")]), ApiFamily::Gemini),
            Style::Html
        );
        assert_eq!(
            Style::for_request(&headers(&[("accept", "text/html;q=0")]), ApiFamily::Gemini),
            Style::Json(Shape::Gemini)
        );
        assert_eq!(
            Style::for_request(&headers(&[]), ApiFamily::Generic),
            Style::Json(Shape::OpenAi)
        );
        let frame = headers(&[("sec-fetch-mode", "no-cors"), ("sec-fetch-dest", "iframe")]);
        assert!(wants_page(&frame));
        assert!(!is_page_load(&Method::GET, &frame));
        assert!(is_page_load(&Method::GET, &navigate));
        assert!(!is_page_load(&Method::POST, &navigate));
    }

    #[test]
    fn browser_fetches_that_expect_a_stream_get_the_family_stream() {
        let fetch = headers(&[("sec-fetch-mode", "cors"), ("sec-fetch-dest", "empty")]);
        let json = Style::Json(Shape::OpenAi);
        let post = Method::POST;
        let chat = uri("https://x/v1/chat/completions");
        assert_eq!(
            json.for_body(&fetch, &chat, &post, br#" {"model":"m","stream":true}"#),
            Style::Stream(StreamFormat::OpenAiChat)
        );
        assert_eq!(
            json.for_body(&fetch, &chat, &post, br#"{"stream":false}"#),
            json
        );
        assert_eq!(
            json.for_body(
                &fetch,
                &uri("https://x/v1/responses"),
                &post,
                br#"{"stream":true}"#
            ),
            Style::Stream(StreamFormat::OpenAiResponses)
        );
        let sse = headers(&[("sec-fetch-mode", "cors"), ("accept", "text/event-stream")]);
        assert_eq!(
            Style::Json(Shape::Anthropic).for_body(&sse, &chat, &post, b"x"),
            Style::Stream(StreamFormat::Anthropic)
        );
        // An SDK (no fetch metadata) gets the JSON error even when it streams.
        assert_eq!(
            json.for_body(&headers(&[]), &chat, &post, br#"{"stream":true}"#),
            json
        );
        let gemini = uri("https://x/v1beta/models/g:streamGenerateContent?alt=sse");
        assert_eq!(
            Style::Json(Shape::Gemini).for_body(&fetch, &gemini, &post, b"{}"),
            Style::Stream(StreamFormat::GeminiSse)
        );
        let gemini = uri("https://x/v1beta/models/g:streamGenerateContent");
        assert_eq!(
            Style::Json(Shape::Gemini).for_body(&fetch, &gemini, &post, b"{}"),
            Style::Stream(StreamFormat::GeminiArray)
        );
        let ollama = uri("http://x/api/generate");
        assert_eq!(
            Style::Json(Shape::Ollama).for_body(&fetch, &ollama, &post, b"{}"),
            Style::Stream(StreamFormat::OllamaGenerate)
        );
        assert_eq!(
            Style::Json(Shape::Ollama).for_body(&fetch, &ollama, &post, br#"{"stream":false}"#),
            Style::Json(Shape::Ollama)
        );
    }

    #[test]
    fn the_stream_flag_is_read_at_the_top_only() {
        assert_eq!(stream_flag(br#"{"a":{"stream":true}}"#), None);
        assert_eq!(
            stream_flag(br#"{"a":[1,2,{"b":3}],"stream":true}"#),
            Some(true)
        );
        assert_eq!(stream_flag(b"stream=true"), None);
        // Skipped members are not recursed into: deep nesting neither overflows nor hides it.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let body = format!("{{\"a\":{deep},\"stream\":true}}");
        assert_eq!(stream_flag(body.as_bytes()), Some(true));
        assert_eq!(stream_flag(&body.as_bytes()[..1000]), None);
    }

    #[test]
    fn preflights_are_options_with_a_requested_method() {
        let h = headers(&[("access-control-request-method", "POST")]);
        assert!(is_preflight(&Method::OPTIONS, &h));
        assert!(!is_preflight(&Method::OPTIONS, &headers(&[])));
        assert!(!is_preflight(&Method::POST, &h));
    }
}
