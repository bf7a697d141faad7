//! The answer to a stopped request, in Swedish and in the form the person will see: the block
//! page, the API family's JSON error, or a stream whose answer is the explanation; the same
//! explanation on the next page load after a stop the app showed only as an error; and the
//! short close reason of a stopped WebSocket.
//!
//! Every form names the kinds found (the deciding ones first), never a value, and carries the
//! incident id and a link to the person's own latest stops.

use std::time::SystemTime;

use http::{HeaderValue, Response, StatusCode};

use super::negotiate::{Answered, Style};
use super::respond::{self, ClientBody, STYLE, escape};
use super::shapes::{self, Message};
use crate::audit::IncidentId;
use crate::detect::Kind;
use crate::detect::mask::category_label;
use crate::policy::Rule;

/// One stop as the person is told about it (and as "Mina stopp" and the next-page notice keep
/// it): kinds and counts, never values.
#[derive(Clone, Debug)]
pub struct Stop {
    /// The incident id the person can quote (`–` when the record could not be written).
    pub incident: String,
    /// Which stop of the incident this is: repeats of the same value within minutes are one
    /// incident.
    pub count: u32,
    /// When it was stopped.
    pub time: SystemTime,
    /// The service (registered or known) the request was for.
    pub service: String,
    /// The host it was sent to.
    pub host: String,
    /// The rule that stopped it.
    pub rule: Rule,
    /// Kinds found at or above the policy's threshold and how many of each, the deciding
    /// ones first.
    pub kinds: Vec<(Kind, usize)>,
    /// How many of `kinds` (from the start) decided.
    pub deciding: usize,
    /// For uninspectable content, why (`too_large`, `websocket`, `unsupported_type`, …).
    pub why: Option<&'static str>,
    /// How the person was answered.
    pub answered: Answered,
}

impl Stop {
    /// A stop by `rule` with nothing found (yet), answered with a page.
    pub fn new(incident: IncidentId, service: &str, host: &str, rule: Rule) -> Stop {
        Stop {
            incident: incident.as_str().to_string(),
            count: 1,
            time: SystemTime::now(),
            service: service.to_string(),
            host: host.to_string(),
            rule,
            kinds: Vec::new(),
            deciding: 0,
            why: None,
            answered: Answered::Page,
        }
    }

    /// `code` of the JSON error: the deciding kind, or the rule.
    pub fn code(&self) -> &'static str {
        match (self.rule, self.kinds.first()) {
            (Rule::NotApproved, _) => "not_approved",
            (Rule::Uninspectable, _) => "uninspectable",
            (_, Some((kind, _))) => kind.name(),
            (rule, None) => rule.as_str(),
        }
    }
}

/// Where the person can read more and whom to ask: the register, their own latest stops,
/// and `[support]` (contact, policy, secrecy advice).
#[derive(Clone, Copy, Debug)]
pub struct Links<'a> {
    /// The register page (`http://<public_address>/register`).
    pub register: &'a str,
    /// The person's latest stops (`http://<public_address>/mina-stopp`).
    pub stops: &'a str,
    /// Whom to contact, the policy's address, who advises on secrecy.
    pub support: &'a crate::config::SupportConfig,
}

/// The Swedish name of a kind, in the number `count` takes (`1 × känslig uppgift (hälsa)`,
/// `4 × känsliga uppgifter (hälsa)`).
pub fn kind_label(kind: Kind, count: usize) -> String {
    let pick =
        |singular: &str, plural: &str| crate::swedish::pick(count, singular, plural).to_string();
    match kind {
        Kind::Personnummer => "personnummer".into(),
        Kind::Samordningsnummer => "samordningsnummer".into(),
        Kind::ConfidentialityMarker => pick("sekretessmarkering", "sekretessmarkeringar"),
        Kind::InternalMaterial => "internt material".into(),
        Kind::Sensitive(c) => format!(
            "{} ({})",
            crate::swedish::pick(count, "känslig uppgift", "känsliga uppgifter"),
            category_label(c)
        ),
        Kind::PersonName => "namn".into(),
        Kind::Phone => "telefonnummer".into(),
        Kind::Email => pick("e-postadress", "e-postadresser"),
        Kind::Address => pick("adress", "adresser"),
        Kind::Iban => "kontonummer (IBAN)".into(),
        Kind::Bankgiro => "bankgironummer".into(),
        Kind::PaymentCard => "kortnummer".into(),
    }
}

/// The Swedish name of a policy rule.
pub fn rule_label(rule: Rule) -> &'static str {
    match rule {
        Rule::Personnummer => "personnummer får inte skickas",
        Rule::Samordningsnummer => "samordningsnummer får inte skickas",
        Rule::ConfidentialityMarker => "sekretessmarkerade handlingar får inte skickas",
        Rule::InternalMaterial => "internt material får inte skickas",
        Rule::SensitiveWithIdentifier => {
            "känsliga personuppgifter om en identifierbar person får inte skickas"
        }
        Rule::SensitiveWithoutIdentifier => "känsliga personuppgifter",
        Rule::LowConfidenceIdentityNumber => "möjliga personnummer",
        Rule::Uninspectable => "innehåll som inte kan granskas stoppas",
        Rule::NotApproved => "endast godkända AI-tjänster får användas",
    }
}

/// Why content could not be inspected, in Swedish, for a reason word of the audit log.
pub fn why_label(why: &str) -> &'static str {
    match why {
        "too_large" => "meddelandet är större än vad sluss kan granska",
        "websocket" => "meddelanden över WebSocket kan inte granskas",
        "binary_message" => "binära WebSocket-meddelanden kan inte granskas",
        "unsupported_type" => "filformatet eller innehållstypen kan inte läsas",
        "binary_part" => "en bifogad fil kan inte läsas",
        "embedded" => "en inbäddad fil eller bild kan inte läsas",
        "unknown_encoding" | "corrupt_encoding" => {
            "innehållet är komprimerat på ett sätt som inte kan läsas"
        }
        "malformed" => "innehållet är felaktigt formaterat",
        "too_deep" => "innehållet är för djupt nästlat",
        "charset" => "innehållets teckenkodning stämmer inte med vad det säger sig vara",
        "ambiguous" => "förfrågan kan tolkas på flera sätt",
        "too_costly" => "innehållet skulle ta för lång tid att granska",
        "encrypted" => "dokumentet är krypterat med lösenord",
        "image_only" => "dokumentet är inskannat: sidorna är bilder utan text",
        "corrupt" => "filen är skadad eller ofullständig",
        "over_limit" => "dokumentet har fler sidor eller delar än vad sluss kan granska",
        _ => "innehållet kan inte läsas",
    }
}

/// What to do instead when content could not be inspected, for a reason word of the audit log.
fn why_advice(why: Option<&str>) -> &'static str {
    match why {
        Some("encrypted") => {
            "Ett lösenordsskyddat dokument kan inte granskas. Skicka bara den text du behöver, som vanlig text, om den får lämnas till AI-tjänsten."
        }
        Some("image_only") => {
            "Ett inskannat dokument kan inte granskas. Använd ett dokument med text (till exempel originalet) eller skriv in den text du behöver."
        }
        Some("corrupt") => {
            "Öppna och spara filen igen i sitt program, eller skicka texten som vanlig text."
        }
        Some("over_limit") => {
            "Dela upp dokumentet i mindre delar, eller skicka bara de sidor du behöver."
        }
        _ => {
            "Skicka innehållet som vanlig text, dela upp det i mindre delar, eller använd en tjänst som kommunen har godkänt för sådant material."
        }
    }
}

/// Why, in one Swedish sentence, and what to do instead.
pub fn explanation(stop: &Stop, links: &Links<'_>) -> (String, String) {
    match stop.rule {
        Rule::Personnummer | Rule::Samordningsnummer | Rule::LowConfidenceIdentityNumber => (
            "Texten innehåller personnummer eller samordningsnummer, som inte får skickas till AI-tjänster.".into(),
            "Ta bort numret, eller ersätt det med en platshållare som [PERSONNUMMER], och skicka igen.".into(),
        ),
        Rule::ConfidentialityMarker => (
            "Texten är märkt som sekretessbelagd eller säkerhetsskyddsklassad. Sådana uppgifter får aldrig lämnas till AI-tjänster.".into(),
            format!(
                "Använd inte AI-tjänsten för den här handlingen. Om du är osäker på om uppgifterna omfattas av sekretess, fråga {} (sekretessfrågor) eller din chef; frågor om personuppgifter kan du också ställa till dataskyddsombudet.",
                links.support.secrecy_contact
            ),
        ),
        Rule::InternalMaterial => (
            "Texten är märkt som internt material (till exempel arbetsmaterial, ett utkast, minnesanteckningar från ett internt möte eller en preliminär bedömning). Sådant får inte lämnas till AI-tjänster som inte är godkända för internt material.".into(),
            "Använd en AI-tjänst som kommunen har godkänt för internt material, eller vänta tills materialet är beslutat och publicerat.".into(),
        ),
        Rule::SensitiveWithIdentifier | Rule::SensitiveWithoutIdentifier => (
            "Texten innehåller känsliga personuppgifter tillsammans med uppgifter som pekar ut en person.".into(),
            "Avidentifiera texten: ta bort namn, personnummer, adresser, telefonnummer och andra uppgifter som kan peka ut personen, och skicka igen.".into(),
        ),
        Rule::Uninspectable => (
            match stop.why {
                Some(why) => format!(
                    "Innehållet kunde inte granskas ({}) och stoppades därför.",
                    why_label(why)
                ),
                None => "Innehållet kunde inte granskas (till exempel en bild, en okänd fil eller ett för stort meddelande) och stoppades därför.".into(),
            },
            why_advice(stop.why).into(),
        ),
        Rule::NotApproved => (
            format!("AI-tjänsten {} är inte godkänd av kommunen.", stop.service),
            format!(
                "Använd en AI-tjänst som kommunen har godkänt. Förteckningen finns på {}.",
                links.register
            ),
        ),
    }
}

/// "1 × personnummer, 2 × namn".
pub fn kinds_text(kinds: &[(Kind, usize)]) -> String {
    kinds
        .iter()
        .map(|(kind, count)| format!("{count} × {}", kind_label(*kind, *count)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// " (stoppad 3 gånger de senaste minuterna)" for a repeat, else nothing.
fn repeat_text(count: u32) -> String {
    if count > 1 {
        format!(" (stoppad {count} gånger de senaste minuterna)")
    } else {
        String::new()
    }
}

/// The whole explanation as one text: the JSON error's message and the stream's answer.
pub fn message(stop: &Stop, links: &Links<'_>) -> String {
    let (why, what) = explanation(stop, links);
    let found = if stop.kinds.is_empty() {
        String::new()
    } else {
        format!(
            " Hittat: {} (uppgifterna visas inte).",
            kinds_text(&stop.kinds)
        )
    };
    let support = links.support;
    let policy = support
        .policy_url
        .as_deref()
        .map_or_else(String::new, |url| format!(" Kommunens AI-policy: {url}."));
    let more = support
        .text
        .as_deref()
        .map_or_else(String::new, |text| format!(" {text}"));
    format!(
        "Stoppad av sluss: {why}{found} {what} Ärende-id: {}{}, tid: {}. Frågor: kontakta {} och uppge ärende-id och tid.{more}{policy} Dina senaste stopp: {}",
        stop.incident,
        repeat_text(stop.count),
        shown_time(stop.time),
        support.reach(),
        links.stops
    )
}

/// The answer to a stopped request: the page (403), the JSON error (403) or, for a browser
/// fetch that expects a stream, a stream carrying the explanation as the answer (200, so that
/// the app shows it rather than a generic error). Always with `x-sluss-incident` and
/// `x-sluss-count`.
pub fn stopped(stop: &Stop, style: Style, links: &Links<'_>) -> Response<ClientBody> {
    let mut response = match style {
        Style::Html => respond::html(StatusCode::FORBIDDEN, &page(stop, links, None)),
        Style::Json(shape) => {
            let text = message(stop, links);
            respond::json(
                StatusCode::FORBIDDEN,
                &shapes::json_error(shape, StatusCode::FORBIDDEN, &shaped(stop, &text)),
            )
        }
        Style::Stream(format) => {
            let text = message(stop, links);
            let (content_type, body) = shapes::stream(format, &shaped(stop, &text), stop.time);
            let mut response = Response::new(respond::full(body));
            let headers = response.headers_mut();
            headers.insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static(content_type),
            );
            headers.insert(
                http::header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            );
            response
        }
    };
    mark(&mut response, stop);
    response
}

fn shaped<'a>(stop: &'a Stop, text: &'a str) -> Message<'a> {
    Message {
        text,
        code: stop.code(),
        error_type: "policy_violation",
        incident: Some(&stop.incident),
        count: stop.count,
        findings: &stop.kinds,
    }
}

/// `x-sluss-incident` and `x-sluss-count` on an answer about `stop`.
fn mark(response: &mut Response<ClientBody>, stop: &Stop) {
    let headers = response.headers_mut();
    if let Ok(id) = HeaderValue::from_str(&stop.incident) {
        headers.insert("x-sluss-incident", id);
    }
    headers.insert("x-sluss-count", HeaderValue::from(stop.count));
}

/// The page shown on the person's next page load after a stop that the app showed only as an
/// error (200: the page load itself was not stopped). `again` is the address to continue to.
pub fn notice(stop: &Stop, links: &Links<'_>, again: &str) -> Response<ClientBody> {
    let mut response = respond::html(StatusCode::OK, &page(stop, links, Some(again)));
    mark(&mut response, stop);
    response
}

/// The close reason of a stopped WebSocket: at most 123 bytes (RFC 6455), Swedish, with the
/// incident id.
pub fn close_reason(stop: &Stop) -> String {
    let what = match (stop.rule, stop.kinds.first()) {
        (Rule::Uninspectable, _) => "kan inte granskas".to_string(),
        (Rule::NotApproved, _) => "tjänsten är inte godkänd".to_string(),
        (_, Some((kind, count))) => kind_label(*kind, *count),
        (rule, None) => rule.as_str().to_string(),
    };
    let tail = format!(". Ärende-id {}", stop.incident);
    let mut head = format!("Stoppat av sluss: {what}");
    while head.len() + tail.len() > 123 && head.pop().is_some() {}
    let mut reason = head + &tail;
    while reason.len() > 123 && reason.pop().is_some() {}
    reason
}

/// A time as people read and quote it, in Swedish time: `22 november 2026 kl. 11.15`.
pub fn shown_time(time: SystemTime) -> String {
    crate::audit::local::spoken(time)
}

fn found_html(stop: &Stop) -> String {
    if stop.kinds.is_empty() {
        return String::new();
    }
    let items: String = stop
        .kinds
        .iter()
        .enumerate()
        .map(|(i, (kind, count))| {
            let label = escape(&format!("{count} × {}", kind_label(*kind, *count)));
            if i < stop.deciding {
                format!("<li><strong>{label}</strong> (skälet till stoppet)</li>")
            } else {
                format!("<li>{label}</li>")
            }
        })
        .collect();
    format!(
        "<h2>Det här hittades</h2><ul>{items}</ul>\
<p>Själva uppgifterna visas inte och sparas inte i klartext.</p>"
    )
}

/// `text` escaped, with the register's address in it made a link.
pub(crate) fn what_html(what: &str, links: &Links<'_>) -> String {
    let register = escape(links.register);
    escape(what).replacen(
        &register,
        &format!("<a href=\"{register}\">{register}</a>"),
        1,
    )
}

/// Whom to ask, how to reach them, and the policy.
fn contact_html(stop: &Stop, links: &Links<'_>) -> String {
    let support = links.support;
    let more = support
        .text
        .as_deref()
        .map_or_else(String::new, |t| format!("<p>{}</p>", escape(t)));
    let policy = support
        .policy_url
        .as_deref()
        .map_or_else(String::new, |url| {
            format!(
                "<p>Läs <a href=\"{}\">kommunens AI-policy</a>.</p>",
                escape(url)
            )
        });
    format!(
        "<h2>Ärende-id och tid</h2><p>Uppge <span class=\"id\">{id}</span>{repeat} och tiden \
<span class=\"time\">{time}</span> om du kontaktar {contact}{ways}.</p>{more}{policy}",
        id = escape(&stop.incident),
        repeat = escape(&repeat_text(stop.count)),
        time = escape(&shown_time(stop.time)),
        contact = escape(&support.contact),
        ways = ways_html(support),
    )
}

/// `: e-post <a>…</a>, telefon <a>…</a>`, or nothing without either.
fn ways_html(support: &crate::config::SupportConfig) -> String {
    let mut ways = Vec::new();
    if let Some(email) = &support.email {
        let email = escape(email);
        ways.push(format!("e-post <a href=\"mailto:{email}\">{email}</a>"));
    }
    if let Some(phone) = &support.phone {
        let dial: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        ways.push(format!(
            "telefon <a href=\"tel:{}\">{}</a>",
            escape(&dial),
            escape(phone)
        ));
    }
    if ways.is_empty() {
        String::new()
    } else {
        format!(": {}", ways.join(", "))
    }
}

/// The block page; with `again`, the notice shown on the next page load.
fn page(stop: &Stop, links: &Links<'_>, again: Option<&str>) -> String {
    let (why, what) = explanation(stop, links);
    let heading = if stop.rule == Rule::NotApproved {
        "Tjänsten är inte godkänd"
    } else {
        "Förfrågan stoppades"
    };
    let (title, intro, onward) = match again {
        None => (heading.to_string(), String::new(), String::new()),
        Some(again) => (
            "Din senaste förfrågan stoppades".to_string(),
            format!(
                "<p>En förfrågan från den här sidan till {host} stoppades av sluss {time}. \
Tjänsten kan ha visat ett allmänt felmeddelande; här är förklaringen.</p>",
                host = escape(&stop.host),
                time = escape(&shown_time(stop.time)),
            ),
            format!(
                "<p><a href=\"{}\">Fortsätt till {}</a></p>",
                escape(again),
                escape(&stop.service)
            ),
        ),
    };
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} – sluss</title><style>{STYLE}.id,.time{{white-space:nowrap}}</style></head><body><main>\
<h1>{title}</h1>{intro}\
<div class=\"box\" role=\"alert\"><p>{why}</p></div>\
<h2>Tjänst</h2><p>{service}</p>{found}\
<h2>Regel</h2><p>{policy}: {rule}.</p>\
<h2>Vad du kan göra</h2><p>{what}</p>\
{contact}\
<p><a href=\"{stops}\">Mina stopp</a> visar dina senaste stopp.</p>{objection}{onward}\
</main><footer>sluss granskar trafik till AI-tjänster enligt kommunens AI-policy.</footer></body></html>",
        title = escape(&title),
        why = escape(&why),
        service = escape(&stop.service),
        found = found_html(stop),
        rule = escape(rule_label(stop.rule)),
        policy = match &links.support.policy_url {
            Some(url) => format!("<a href=\"{}\">Kommunens AI-policy</a>", escape(url)),
            None => "Kommunens AI-policy".to_string(),
        },
        what = what_html(&what, links),
        contact = contact_html(stop, links),
        stops = escape(links.stops),
        objection = objection_html(stop, links),
    )
}

/// The way to object to the stop: a link to the form on sluss's own page (the block page is
/// served on the AI service's HTTPS origin; a form posting from it to sluss's plain-HTTP
/// address would meet the browser's warning about insecure forms).
fn objection_html(stop: &Stop, links: &Links<'_>) -> String {
    if !stop.incident.starts_with("S-") {
        return String::new();
    }
    let base = links.stops.strip_suffix(super::mystops::PATH).unwrap_or("");
    let href = format!(
        "{base}{}?incident={}",
        super::objection::PATH,
        stop.incident
    );
    format!(
        "<h2>Tror du att stoppet är fel?</h2><p><a href=\"{}\">Skriv en invändning</a> \
(kort, med egna ord; klistra inte in texten igen). Den sparas tillsammans med ärendet och \
granskas av informationssäkerhetsfunktionen.</p>",
        escape(&href)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Category;
    use crate::proxy::negotiate::{Shape, StreamFormat};
    use http_body_util::BodyExt;

    static SUPPORT: std::sync::LazyLock<crate::config::SupportConfig> =
        std::sync::LazyLock::new(|| crate::config::SupportConfig {
            contact: "Servicedesk".into(),
            email: Some("servicedesk@kommun.se".into()),
            phone: Some("08-123 456 00".into()),
            text: Some("Öppet vardagar 8–17.".into()),
            policy_url: Some("https://intranat.kommun.se/ai-policy?a=1&b=2".into()),
            secrecy_contact: "registraturen (registrator@kommun.se)".into(),
        });

    fn links() -> Links<'static> {
        Links {
            register: "http://127.0.0.1:3128/register",
            stops: "http://127.0.0.1:3128/mina-stopp",
            support: &SUPPORT,
        }
    }

    fn stop() -> Stop {
        let mut stop = Stop::new(
            IncidentId::new("S-7K2M9Q"),
            "OpenAI <API>",
            "api.openai.com",
            Rule::SensitiveWithIdentifier,
        );
        stop.kinds = vec![
            (Kind::Sensitive(Category::Health), 1),
            (Kind::PersonName, 2),
            (Kind::Email, 1),
        ];
        stop.deciding = 2;
        stop
    }

    #[test]
    fn the_page_is_swedish_escaped_and_names_every_kind_deciding_first() {
        let p = page(&stop(), &links(), None);
        assert!(p.contains("lang=\"sv\""));
        assert!(p.contains("OpenAI &lt;API&gt;"));
        assert!(p.contains("<strong>1 × känslig uppgift (hälsa)</strong> (skälet till stoppet)"));
        assert!(p.contains("<strong>2 × namn</strong>"));
        assert!(p.contains("<li>1 × e-postadress</li>"));
        assert!(p.contains("S-7K2M9Q"));
        assert!(p.contains("href=\"http://127.0.0.1:3128/mina-stopp\""));
        assert!(!p.contains("<script") && !p.contains("src="));
        assert!(p.contains("<h1>Förfrågan stoppades</h1>"));
    }

    #[test]
    fn the_page_has_a_time_to_quote_contact_policy_and_register_link() {
        let mut s = stop();
        s.time = crate::audit::time::from_unix_millis(1_795_342_500_123);
        let p = page(&s, &links(), None);
        assert!(
            p.contains("<span class=\"time\">22 november 2026 kl. 11.15</span>"),
            "{p}"
        );
        assert!(p.contains(
            "om du kontaktar Servicedesk: e-post <a href=\"mailto:servicedesk@kommun.se\">"
        ));
        assert!(p.contains("<a href=\"tel:0812345600\">08-123 456 00</a>"));
        assert!(p.contains("<p>Öppet vardagar 8–17.</p>"));
        assert!(p.contains(
            "<a href=\"https://intranat.kommun.se/ai-policy?a=1&amp;b=2\">kommunens AI-policy</a>"
        ));
        let mut n = stop();
        n.rule = Rule::NotApproved;
        n.kinds.clear();
        let p = page(&n, &links(), None);
        assert!(p.contains("<h1>Tjänsten är inte godkänd</h1>"), "{p}");
        assert!(p.contains("<title>Tjänsten är inte godkänd – sluss</title>"));
        assert!(p.contains(
            "<a href=\"http://127.0.0.1:3128/register\">http://127.0.0.1:3128/register</a>"
        ));
        let mut m = stop();
        m.rule = Rule::ConfidentialityMarker;
        let p = page(&m, &links(), None);
        assert!(
            p.contains("fråga registraturen (registrator@kommun.se) (sekretessfrågor)"),
            "{p}"
        );
        let text = message(&m, &links());
        assert!(
            text.contains(
                "Frågor: kontakta Servicedesk (servicedesk@kommun.se, telefon 08-123 456 00)"
            ),
            "{text}"
        );
        assert!(
            text.contains("Kommunens AI-policy: https://intranat.kommun.se/ai-policy?a=1&b=2.")
        );
    }

    #[test]
    fn the_message_lists_kinds_the_id_repeats_and_the_link() {
        let mut s = stop();
        s.count = 3;
        let m = message(&s, &links());
        assert!(
            m.contains("Hittat: 1 × känslig uppgift (hälsa), 2 × namn, 1 × e-postadress"),
            "{m}"
        );
        assert!(
            m.contains("S-7K2M9Q (stoppad 3 gånger de senaste minuterna)"),
            "{m}"
        );
        assert!(m.ends_with("http://127.0.0.1:3128/mina-stopp"));
    }

    #[tokio::test]
    async fn json_and_stream_answers_carry_the_incident() -> Result<(), Box<dyn std::error::Error>>
    {
        let r = stopped(&stop(), Style::Json(Shape::Anthropic), &links());
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(r.headers()["x-sluss-incident"], "S-7K2M9Q");
        let body = r.into_body().collect().await?.to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&body)?;
        assert_eq!(v["error"]["type"], "permission_error");
        assert_eq!(v["code"], "sensitive:health");
        let r = stopped(&stop(), Style::Stream(StreamFormat::OpenAiChat), &links());
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["x-sluss-count"], "1");
        let body = r.into_body().collect().await?.to_bytes();
        assert!(String::from_utf8_lossy(&body).ends_with("data: [DONE]\n\n"));
        Ok(())
    }

    #[test]
    fn close_reasons_fit_a_websocket_close_frame() {
        let mut s = stop();
        assert_eq!(
            close_reason(&s),
            "Stoppat av sluss: känslig uppgift (hälsa). Ärende-id S-7K2M9Q"
        );
        s.kinds = vec![(Kind::Sensitive(Category::Union), 9)];
        s.incident = "S-ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ".into();
        assert!(close_reason(&s).len() <= 123);
    }

    #[test]
    fn times_are_shown_to_the_minute_in_swedish_time() {
        let t = crate::audit::time::from_unix_millis(1_795_342_500_123);
        assert_eq!(shown_time(t), "22 november 2026 kl. 11.15");
        let summer = crate::audit::time::from_unix_millis(1_782_900_000_000);
        assert_eq!(shown_time(summer), "1 juli 2026 kl. 12.00");
    }
}
