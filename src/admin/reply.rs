//! The admin listener's answers: pages with strict security headers, plain text, 401 and 405.

use std::convert::Infallible;

use bytes::Bytes;
use http::header::{ALLOW, CACHE_CONTROL, CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use http::{HeaderValue, Response, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full};

use super::auth::Credentials;

/// The body of every admin response (pages are whole; the CSV export streams).
pub type AdminBody = UnsyncBoxBody<Bytes, Infallible>;

/// A complete body.
pub fn full(bytes: impl Into<Bytes>) -> AdminBody {
    Full::new(bytes.into()).boxed_unsync()
}

/// A response with `body`, `status`, a content type and `Cache-Control: no-store` (nothing
/// the admin listener says should be kept by a proxy or a browser cache).
pub fn with_type(
    status: StatusCode,
    content_type: &'static str,
    body: AdminBody,
) -> Response<AdminBody> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// An HTML page: no script, no external resource, no framing, no referrer (URLs carry filters).
pub fn html(status: StatusCode, page: String) -> Response<AdminBody> {
    let mut response = with_type(status, "text/html; charset=utf-8", full(page));
    let headers = response.headers_mut();
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    response
}

/// Plain UTF-8 text.
pub fn text(status: StatusCode, text: impl Into<String>) -> Response<AdminBody> {
    with_type(status, "text/plain; charset=utf-8", full(text.into()))
}

/// 303 to `location` (a constant path).
pub fn redirect(location: &'static str) -> Response<AdminBody> {
    let mut response = text(StatusCode::SEE_OTHER, "");
    response
        .headers_mut()
        .insert(LOCATION, HeaderValue::from_static(location));
    response
}

/// 303 to `location` (a path sluss made).
pub fn redirect_to(location: &str) -> Response<AdminBody> {
    let mut response = text(StatusCode::SEE_OTHER, "");
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

/// 401 with a challenge for every accepted scheme.
pub fn unauthorized(credentials: &Credentials) -> Response<AdminBody> {
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "Inloggning krävs: sluss administrationsgränssnitt.\n",
    );
    for challenge in credentials.challenges() {
        response.headers_mut().append(WWW_AUTHENTICATE, challenge);
    }
    response
}

/// 429 for an address that failed to log in too often, with `Retry-After`.
pub fn too_many_failures(left: std::time::Duration) -> Response<AdminBody> {
    let minutes = left.as_secs().div_ceil(60).max(1);
    let mut response = text(
        StatusCode::TOO_MANY_REQUESTS,
        format!(
            "För många misslyckade inloggningar från din adress. Försök igen om {minutes} \
             minuter.\n"
        ),
    );
    if let Ok(value) = http::HeaderValue::from_str(&left.as_secs().max(1).to_string()) {
        response
            .headers_mut()
            .insert(http::header::RETRY_AFTER, value);
    }
    response
}

/// 405 for anything but GET and HEAD.
pub fn method_not_allowed() -> Response<AdminBody> {
    let mut response = text(
        StatusCode::METHOD_NOT_ALLOWED,
        "Endast GET och HEAD stöds.\n",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

/// 404.
pub fn not_found() -> Response<AdminBody> {
    text(StatusCode::NOT_FOUND, "Sidan finns inte.\n")
}

/// 500 for a log that could not be read (the details go to the log, not the page).
pub fn failed() -> Response<AdminBody> {
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        crate::proxy::respond::simple_page(
            "Loggen kunde inte läsas",
            "sluss kunde inte läsa granskningsloggen. Felet finns i sluss egen logg.",
        ),
    )
}
