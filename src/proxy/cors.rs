//! CORS on sluss's own answers, so that a chat app whose page is on another host than its API
//! can read why its request was stopped (without these headers the browser hides the answer
//! and the app sees only "Failed to fetch").
//!
//! sluss answers for the upstream as the upstream would for an app of its own: the page's
//! `Origin` mirrored with credentials allowed, and the `x-sluss-*` headers exposed. Only origins
//! that are themselves AI hosts sluss intercepts (registered or known), or the request's own
//! host, are mirrored: any other page could otherwise read, through a person's browser, whether
//! that person has just been stopped for a value it guesses (the incident count).
//!
//! Preflights (`OPTIONS` with `Access-Control-Request-Method`) go to the upstream untouched,
//! except where sluss would stop the request anyway (a service that is not approved, a path
//! that is not, a finding in the path): there sluss answers the preflight itself, so that the
//! real request follows and gets a readable answer.

use http::header::{self, HeaderMap, HeaderValue};
use http::{Response, StatusCode};

use super::respond::{self, ClientBody};
use crate::config::{Register, Route, register::normalize_host};

/// The headers of sluss that a page may read.
pub const EXPOSED: &str = "x-sluss-incident, x-sluss-count, x-sluss-redacted";

/// The CORS answer for one request: the origin to mirror, if it may be mirrored.
#[derive(Clone, Debug, Default)]
pub struct Cors {
    origin: Option<HeaderValue>,
}

impl Cors {
    /// Reads the request's `Origin`: mirrored when it is `https` and its host is `host` (the
    /// request's own) or an AI host that sluss intercepts.
    pub fn of(headers: &HeaderMap, register: &Register, host: &str) -> Cors {
        let origin = headers
            .get(header::ORIGIN)
            .filter(|value| origin_host(value).is_some_and(|o| allowed(&o, register, host)))
            .cloned();
        Cors { origin }
    }

    /// Whether the request came from a page whose origin is mirrored.
    pub fn is_mirrored(&self) -> bool {
        self.origin.is_some()
    }

    /// Adds the CORS headers to one of sluss's own answers (a block, a failure).
    pub fn apply(&self, response: &mut Response<ClientBody>) {
        let headers = response.headers_mut();
        let varies = headers
            .get_all(header::VARY)
            .iter()
            .any(|v| v.as_bytes().eq_ignore_ascii_case(b"origin"));
        if !varies {
            headers.append(header::VARY, HeaderValue::from_static("Origin"));
        }
        let Some(origin) = &self.origin else {
            return;
        };
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(EXPOSED),
        );
    }

    /// sluss's own answer to a preflight of a request it will stop: 204 allowing what was
    /// asked, so that the request itself follows (and is stopped with a readable answer).
    pub fn preflight(&self, request: &HeaderMap) -> Response<ClientBody> {
        let mut response = Response::new(respond::full(""));
        *response.status_mut() = StatusCode::NO_CONTENT;
        self.apply(&mut response);
        if self.origin.is_some() {
            let headers = response.headers_mut();
            for (asked, allow) in [
                (
                    header::ACCESS_CONTROL_REQUEST_METHOD,
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                ),
                (
                    header::ACCESS_CONTROL_REQUEST_HEADERS,
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                ),
            ] {
                if let Some(value) = request.get(asked) {
                    headers.insert(allow, value.clone());
                }
            }
        }
        response
    }
}

/// Lets a page read `x-sluss-redacted` on a forwarded answer: added to the upstream's
/// `Access-Control-Expose-Headers` when the upstream allowed the page to read the answer.
pub fn expose_redacted<B>(response: &mut Response<B>) {
    let headers = response.headers_mut();
    if !headers.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
        return;
    }
    let listed: Vec<String> = headers
        .get_all(header::ACCESS_CONTROL_EXPOSE_HEADERS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    if listed
        .iter()
        .any(|n| n == "*" || n.eq_ignore_ascii_case("x-sluss-redacted"))
    {
        return;
    }
    let mut names = listed;
    names.push("x-sluss-redacted".to_string());
    if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, value);
    }
}

/// The host of an `https://host[:port]` origin.
fn origin_host(value: &HeaderValue) -> Option<String> {
    let text = value.to_str().ok()?;
    let rest = text.strip_prefix("https://")?;
    let authority: http::uri::Authority = rest.parse().ok()?;
    if rest.contains(['/', '?', '#', '@']) {
        return None;
    }
    Some(normalize_host(
        authority
            .host()
            .trim_start_matches('[')
            .trim_end_matches(']'),
    ))
}

fn allowed(origin: &str, register: &Register, host: &str) -> bool {
    origin == host || register.route(origin) != Route::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{HostPattern, Service};
    use crate::patterns::{ApiFamily, KnownService, ServiceKind};
    use crate::policy::ServicePolicy;
    use http_body_util::BodyExt;

    fn register() -> Register {
        let service = Service {
            name: "Kommunens AI".into(),
            hosts: vec![HostPattern::parse("api.kommun.test")],
            upload_hosts: Vec::new(),
            paths: Vec::new(),
            owner: None,
            purpose: None,
            approved: None,
            dpia: None,
            api: ApiFamily::Openai,
            policy: ServicePolicy::default(),
        };
        let known = KnownService {
            id: "chat".into(),
            name: "Chat".into(),
            vendor: "V".into(),
            kind: ServiceKind::Web,
            api: ApiFamily::Generic,
            hosts: vec!["chat.example".into()],
            upload_hosts: Vec::new(),
        };
        Register::new(vec![service], vec![known])
    }

    fn origin(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ORIGIN, HeaderValue::from_static(value));
        headers
    }

    fn answered(cors: &Cors) -> Response<ClientBody> {
        let mut response = Response::new(respond::full("x"));
        cors.apply(&mut response);
        response
    }

    #[test]
    fn ai_origins_are_mirrored_with_credentials_others_are_not() {
        let register = register();
        for ok in [
            "https://chat.example",
            "https://api.kommun.test:443",
            "https://CHAT.example.",
        ] {
            let cors = Cors::of(&origin(ok), &register, "api.kommun.test");
            let response = answered(&cors);
            let h = response.headers();
            assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], ok, "{ok}");
            assert_eq!(h[header::ACCESS_CONTROL_ALLOW_CREDENTIALS], "true");
            assert!(
                h[header::ACCESS_CONTROL_EXPOSE_HEADERS]
                    .to_str()
                    .is_ok_and(|v| v.contains("x-sluss-incident"))
            );
            assert_eq!(h[header::VARY], "Origin");
        }
        for refused in [
            "https://evil.example",
            "http://chat.example",
            "null",
            "https://chat.example/path",
            "https://user@chat.example",
        ] {
            let cors = Cors::of(&origin(refused), &register, "api.kommun.test");
            assert!(!cors.is_mirrored(), "{refused}");
            let response = answered(&cors);
            assert!(
                !response
                    .headers()
                    .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            );
        }
        let own = Cors::of(&origin("https://other.test"), &register, "other.test");
        assert!(own.is_mirrored());
    }

    #[tokio::test]
    async fn a_preflight_answer_allows_what_was_asked() -> Result<(), Box<dyn std::error::Error>> {
        let mut request = origin("https://chat.example");
        request.insert(
            header::ACCESS_CONTROL_REQUEST_METHOD,
            HeaderValue::from_static("POST"),
        );
        request.insert(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            HeaderValue::from_static("content-type, authorization"),
        );
        let cors = Cors::of(&request, &register(), "api.kommun.test");
        let response = cors.preflight(&request);
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let h = response.headers();
        assert_eq!(h[header::ACCESS_CONTROL_ALLOW_METHODS], "POST");
        assert_eq!(
            h[header::ACCESS_CONTROL_ALLOW_HEADERS],
            "content-type, authorization"
        );
        assert!(response.into_body().collect().await?.to_bytes().is_empty());
        Ok(())
    }

    #[test]
    fn redacted_is_exposed_only_where_the_upstream_allowed_reading() {
        let mut plain = Response::new(());
        expose_redacted(&mut plain);
        assert!(plain.headers().is_empty());
        let mut allowed = Response::new(());
        let h = allowed.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("https://chat.example"),
        );
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("x-request-id"),
        );
        expose_redacted(&mut allowed);
        assert_eq!(
            allowed.headers()[header::ACCESS_CONTROL_EXPOSE_HEADERS],
            "x-request-id, x-sluss-redacted"
        );
    }
}
