//! The admin listener over real sockets: credentials on every path but `/healthz`,
//! readiness, metrics, and the review page (filters, detail, linked incidents, CSV export,
//! pages) on logs written by `AuditWriter`, with hostile strings where clients control them.

#[path = "audit_fixtures/mod.rs"]
mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use common::{TestResult, at, config, fixtures, incident, pnr, shows_pnr, temp, write_log};
use reqwest::StatusCode;
use sluss::admin::{self, Credentials, CredentialsError};
use sluss::config::AdminAuth;
use sluss::proxy::Shared;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

const TOKEN: &str = "7f3a0c9e51b24d8a9c0e6f1b2d3a4c5e";

/// A running admin listener on its own folder.
struct Admin {
    dir: tempfile::TempDir,
    base: String,
    client: reqwest::Client,
    _stop: oneshot::Sender<()>,
}

impl Admin {
    /// Starts the listener on a log holding `incidents`, with a token file unless `auth` says
    /// otherwise.
    async fn start(
        incidents: Vec<sluss::audit::Incident>,
        auth: Option<AdminAuth>,
    ) -> TestResult<Admin> {
        let dir = temp("sluss-admin-")?;
        write_log(&dir.path().join("audit.jsonl"), incidents, 100 << 20, 10)?;
        let token = dir.path().join("token");
        private_file(&token, &format!("{TOKEN}\n"))?;
        let extra = format!(
            "[admin]\nlisten = '127.0.0.1:1'\ntoken_file = '{}'\n",
            token.display()
        );
        let config = sluss::config::load(&config(dir.path(), &extra)?)?;
        let auth = auth.unwrap_or(AdminAuth::Token(token));
        let credentials = Credentials::load(&auth)?;
        let (shared, _) = Shared::start(config)?;
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(admin::serve(
            Arc::new(shared),
            credentials,
            listener,
            async move {
                let _ = stopped.await;
            },
        ));
        let client = common::http_client()?;
        Ok(Admin {
            dir,
            base,
            client,
            _stop: stop,
        })
    }

    /// GET `path` with the bearer token.
    async fn get(&self, path: &str) -> TestResult<(StatusCode, String)> {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(TOKEN)
            .send()
            .await?;
        let status = response.status();
        let body = response.text().await?;
        assert!(!shows_pnr(&body), "{path}: a personnummer in the page");
        Ok((status, body))
    }

    /// GET `path` without credentials.
    async fn anonymous(&self, path: &str) -> TestResult<reqwest::Response> {
        Ok(self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await?)
    }
}

/// Writes `text` to `path` with mode 0600.
fn private_file(path: &Path, text: &str) -> TestResult {
    std::fs::write(path, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// The incident ids in `text`, in order of first appearance.
fn ids(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if word.len() == 8 && word.starts_with("S-") && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

#[tokio::test]
async fn every_path_but_healthz_needs_credentials() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let health = admin.anonymous("/healthz").await?;
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(health.text().await?, "ok\n");
    for path in [
        "/readyz",
        "/metrics",
        "/review",
        "/review.csv",
        "/review/S-AAAAAA",
        "/",
        "/x",
    ] {
        let response = admin.anonymous(path).await?;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let challenges: Vec<_> = response
            .headers()
            .get_all("www-authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert_eq!(
            challenges,
            [
                "Basic realm=\"sluss admin\", charset=\"UTF-8\"",
                "Bearer realm=\"sluss admin\""
            ]
        );
        assert!(!response.text().await?.contains("S-AAAAAA"));
    }
    let url = format!("{}/metrics", admin.base);
    let wrong = admin
        .client
        .get(&url)
        .bearer_auth(&TOKEN[1..])
        .send()
        .await?;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let basic = admin
        .client
        .get(&url)
        .basic_auth("granskare", Some(TOKEN))
        .send()
        .await?;
    assert_eq!(
        basic.status(),
        StatusCode::OK,
        "the token works as a Basic password"
    );
    let post = admin.client.post(&url).bearer_auth(TOKEN).send().await?;
    assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        post.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, HEAD")
    );
    assert_eq!(admin.get("/nowhere").await?.0, StatusCode::NOT_FOUND);
    let root = admin
        .client
        .get(format!("{}/", admin.base))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    assert_eq!(root.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        root.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/review")
    );
    Ok(())
}

#[tokio::test]
async fn metrics_are_prometheus_text() -> TestResult {
    let admin = Admin::start(Vec::new(), None).await?;
    let response = admin
        .client
        .get(format!("{}/metrics", admin.base))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    let body = response.text().await?;
    assert!(
        body.contains("# TYPE sluss_requests_total counter"),
        "{body}"
    );
    assert!(body.contains("sluss_audit_write_failures_total 0"));
    Ok(())
}

#[tokio::test]
async fn readyz_fails_when_the_audit_log_cannot_be_appended_to() -> TestResult {
    let admin = Admin::start(Vec::new(), None).await?;
    let (status, body) = admin.get("/readyz").await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.starts_with("ready\n"), "{body}");
    assert!(body.contains("ca: ok (valid until 20"), "{body}");
    assert!(body.contains("audit: ok"), "{body}");
    // Root ignores permission bits, so make the file impossible to open for appending.
    let log = admin.dir.path().join("audit.jsonl");
    std::fs::remove_file(&log)?;
    std::fs::create_dir(&log)?;
    let (status, body) = admin.get("/readyz").await?;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.starts_with("not ready\n"), "{body}");
    assert!(body.contains("audit: FAILED: cannot append to"), "{body}");
    Ok(())
}

#[tokio::test]
async fn the_review_page_lists_newest_first_and_escapes_what_clients_sent() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let response = admin
        .client
        .get(format!("{}/review", admin.base))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        csp,
        Some(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
    );
    let page = response.text().await?;
    assert!(page.starts_with("<!doctype html><html lang=\"sv\">"));
    assert_eq!(
        ids(&page),
        ["S-EEEEEE", "S-DDDDDD", "S-CCCCCC", "S-BBBBBB", "S-AAAAAA"]
    );
    for expected in [
        "<h1>Granskning: stoppade och maskerade förfrågningar</h1>",
        "<h2 id=\"chart-heading\">Blockerade och maskerade förfrågningar per dag och skäl</h2>",
        "<title id=\"chart-title\">Blockerade och maskerade förfrågningar per dag och skäl</title>",
        "<ul class=\"legend\" aria-hidden=\"true\">",
        "<label for=\"f-user\">Användare (hela namnet)</label>",
        "<select id=\"f-reason\" name=\"reason\">",
        "<a href=\"/review?user=anna\" title=\"Visa bara den här användarens poster\">anna</a>",
        "<td class=\"id-cell\"><a href=\"/review?incident=S-AAAAAA\">S-AAAAAA</a></td>",
        "<a href=\"/review.csv?format=excel\">Ladda ner för Excel</a>",
        "<label for=\"f-kind\">Typ av uppgift</label>",
        "<th scope=\"col\">Ärende-id</th>",
        "3 × personnummer",
        "2 × känsliga uppgifter (hälsa), 1 × namn",
        "Ej godkänd AI-tjänst",
        "bo\u{1b}[31m,&lt;script&gt;alert(1)&lt;/script&gt;",
        "=HYPERLINK(&quot;http://evil.example&quot;,&quot;klicka&quot;)",
        "<a href=\"/review.csv\">Ladda ner som CSV</a>",
    ] {
        assert!(page.contains(expected), "{expected} in the page");
    }
    assert!(!page.contains("<script"), "no markup from the log");
    assert!(!page.contains("<img"), "no markup from the log");
    Ok(())
}

#[tokio::test]
async fn the_review_page_filters_like_sluss_logs() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let hash = pnr(common::PNR).key_hash.unwrap_or_default();
    let by_hash = format!("/review?key_hash={}", hash.replace(':', "%3A"));
    let cases: [(&str, &[&str]); 8] = [
        ("/review?kind=personnummer", &["S-BBBBBB", "S-AAAAAA"]),
        ("/review?action=redact", &["S-BBBBBB"]),
        ("/review?client=10.0.0.1", &["S-CCCCCC", "S-AAAAAA"]),
        ("/review?service=Azure", &["S-DDDDDD", "S-BBBBBB"]),
        ("/review?since=2026-11-02&until=2026-11-03", &["S-BBBBBB"]),
        ("/review?since=24h&page=1", &["S-EEEEEE"]),
        (
            "/review?kind=&action=&since=",
            &["S-EEEEEE", "S-DDDDDD", "S-CCCCCC", "S-BBBBBB", "S-AAAAAA"],
        ),
        (&by_hash, &["S-BBBBBB", "S-AAAAAA"]),
    ];
    for (path, expected) in cases {
        let (status, page) = admin.get(path).await?;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(ids(&page), expected, "{path}");
    }
    let (_, page) = admin.get("/review?kind=personnummer&service=a%26b").await?;
    assert!(
        page.contains("href=\"/review.csv?kind=personnummer&amp;service=a%26b\""),
        "the CSV link keeps the filter"
    );
    assert!(page.contains("<option value=\"personnummer\" selected>"));
    let (status, page) = admin.get("/review?since=ig%C3%A5r&kind=%3Cb%3E").await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("role=\"alert\""));
    assert!(
        page.contains("<li>Från: ”igår” går inte att använda"),
        "{page}"
    );
    assert!(page.contains("<li>Typ av uppgift: ”&lt;b&gt;”"), "{page}");
    assert!(ids(&page).is_empty());
    Ok(())
}

#[tokio::test]
async fn an_incident_shows_every_field_and_links_the_same_value() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let hash = pnr(common::PNR).key_hash.unwrap_or_default();
    let other = pnr(common::OTHER_PNR).key_hash.unwrap_or_default();
    let (status, a) = admin.get("/review?incident=s-aaaaaa").await?;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "<h1>Ärende S-AAAAAA</h1>",
        "<time datetime=\"2026-11-01T08:00:00.000Z\"><span>2026-11-01</span> \
         <span>09:00:00 CET</span></time> <span class=\"nw\">(2026-11-01T08:00:00.000Z UTC)</span>",
        "<dd>Blockerad</dd>",
        "<dd>OpenAI API</dd>",
        "<dd>api.openai.com</dd>",
        "<dd>POST</dd>",
        "<code>/v1/chat/completions</code>",
        "<dd>10.0.0.1</dd>",
        "<dd>anna</dd>",
        "<td>personnummer</td><td><code>pnr.long</code></td><td>1</td><td><code>19XXXXXX-XXXX</code></td>",
        &format!("<code>{hash}</code>"),
        &format!(
            "href=\"/review?key_hash={}\">1 annat ärende med samma värde",
            hash.replace(':', "%3A")
        ),
        "<a href=\"/review?incident=S-BBBBBB\">S-BBBBBB</a>",
        "Föregående posts hash",
        "Själva uppgifterna sparas inte i klartext",
        "Nyckelhash (inte i klartext)",
    ] {
        assert!(a.contains(expected), "{expected} in\n{a}");
    }
    let (_, b) = admin.get("/review/S-BBBBBB").await?;
    assert!(b.contains("<a href=\"/review?incident=S-AAAAAA\">S-AAAAAA</a>"));
    assert!(b.contains(&format!("<code>{other}</code>")));
    assert!(
        b.contains("Inga andra ärenden har samma värde."),
        "the other number is only here"
    );
    let (_, d) = admin.get("/review/S-DDDDDD").await?;
    assert!(d.contains("<code>/v1/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>"));
    assert!(d.contains("– (typen pekar inte ut en person)"));
    assert!(!d.contains("<img") && !d.contains("<script"));
    let (status, missing) = admin.get("/review/S-ZZZZZZ").await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("Ärendet hittades inte"));
    Ok(())
}

#[tokio::test]
async fn the_csv_export_keeps_the_filter_and_defuses_formulas() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let response = admin
        .client
        .get(format!("{}/review.csv?kind=personnummer", admin.base))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    assert_eq!(
        header("content-type").as_deref(),
        Some("text/csv; charset=utf-8; header=present")
    );
    assert_eq!(
        header("content-disposition").as_deref(),
        Some("attachment; filename=\"sluss-granskning.csv\"")
    );
    let body = response.text().await?;
    assert!(!shows_pnr(&body));
    let body = body
        .strip_prefix('\u{FEFF}')
        .ok_or("a byte order mark for spreadsheets")?;
    let rows: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "{body}");
    assert!(rows[0].starts_with("time,incident,action,"));
    assert!(rows[1].contains(",S-AAAAAA,"));
    assert!(rows[2].contains(",\"'=HYPERLINK("), "{}", rows[2]);
    let bad = admin.get("/review.csv?client=nope").await?;
    assert_eq!(bad.0, StatusCode::BAD_REQUEST);
    Ok(())
}

#[tokio::test]
async fn long_logs_are_paged_newest_first() -> TestResult {
    let records: Vec<_> = (0..1150u64)
        .map(|n| incident(&format!("S-Q{n:05}"), at((2026, 11, 1), 0, n)))
        .collect();
    let admin = Admin::start(records, None).await?;
    let numbers = |page: &str| -> Vec<u64> {
        ids(page)
            .iter()
            .filter_map(|id| id.strip_prefix("S-Q").and_then(|n| n.parse().ok()))
            .collect()
    };
    let (_, first) = admin.get("/review").await?;
    assert_eq!(numbers(&first), (1050..1150).rev().collect::<Vec<_>>());
    assert!(first.contains("Sida 1 av 12"));
    assert!(first.contains("<a href=\"/review?page=2\" rel=\"next\">"));
    assert!(!first.contains("rel=\"prev\""));
    // Page 11 is read in two passes (count, then pick): the same records as one pass would.
    let (_, eleventh) = admin.get("/review?page=11").await?;
    assert_eq!(numbers(&eleventh), (50..150).rev().collect::<Vec<_>>());
    let (_, last) = admin.get("/review?page=12").await?;
    assert_eq!(numbers(&last), (0..50).rev().collect::<Vec<_>>());
    assert!(last.contains("<a href=\"/review?page=11\" rel=\"prev\">"));
    assert!(!last.contains("rel=\"next\""));
    let (_, beyond) = admin.get("/review?page=99999999999999999999").await?;
    assert!(numbers(&beyond).is_empty() || numbers(&beyond).len() == 100);
    let (_, filtered) = admin.get("/review?page=2&client=10.0.0.1").await?;
    assert!(filtered.contains("href=\"/review?client=10.0.0.1\" rel=\"prev\""));
    assert!(filtered.contains("href=\"/review?client=10.0.0.1&amp;page=3\" rel=\"next\""));
    Ok(())
}

#[tokio::test]
async fn basic_auth_users_need_their_own_password() -> TestResult {
    let dir = temp("sluss-users-")?;
    let users = dir.path().join("users");
    let anna = bcrypt::hash("korrekt-häst-batteri", 4)?;
    let bo = bcrypt::hash("annat-lösen", 4)?.replacen("$2b$", "$2y$", 1);
    private_file(&users, &format!("# granskare\nanna:{anna}\nbo:{bo}\n"))?;
    let admin = Admin::start(Vec::new(), Some(AdminAuth::Basic(users))).await?;
    let url = format!("{}/readyz", admin.base);
    let status = |user: &'static str, password: &'static str| {
        let request = admin.client.get(&url).basic_auth(user, Some(password));
        async move { request.send().await.map(|r| r.status()) }
    };
    assert_eq!(
        status("anna", "korrekt-häst-batteri").await?,
        StatusCode::OK
    );
    assert_eq!(status("bo", "annat-lösen").await?, StatusCode::OK);
    assert_eq!(
        status("anna", "annat-lösen").await?,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        status("eva", "korrekt-häst-batteri").await?,
        StatusCode::UNAUTHORIZED
    );
    let bearer = admin
        .client
        .get(&url)
        .bearer_auth("korrekt-häst-batteri")
        .send()
        .await?;
    assert_eq!(bearer.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        bearer.headers().get_all("www-authenticate").iter().count(),
        1
    );
    Ok(())
}

#[test]
fn credential_files_must_be_private_and_well_formed() -> TestResult {
    let dir = temp("sluss-creds-")?;
    let token = dir.path().join("token");
    private_file(&token, "kort\n")?;
    let short = Credentials::load(&AdminAuth::Token(token.clone()));
    assert!(
        matches!(short, Err(CredentialsError::Invalid { line: 0, .. })),
        "{short:?}"
    );
    let users = dir.path().join("users");
    let hash = bcrypt::hash("ett-långt-lösenord", 4)?;
    private_file(&users, &format!("anna:{hash}\nbo\n"))?;
    let malformed = Credentials::load(&AdminAuth::Basic(users.clone()));
    assert!(
        matches!(malformed, Err(CredentialsError::Invalid { line: 2, .. })),
        "{malformed:?}"
    );
    // A password in plain text is refused, naming the file and the line.
    private_file(
        &users,
        &format!("# granskare\nanna:{hash}\nbo:annat-lösen\n"),
    )?;
    let plain = Credentials::load(&AdminAuth::Basic(users.clone()));
    let message = plain
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        matches!(plain, Err(CredentialsError::Invalid { line: 3, .. }))
            && message.contains(&format!("{}:3:", users.display()))
            && message.contains("plain text")
            && !message.contains("annat-lösen"),
        "{message}"
    );
    let missing = Credentials::load(&AdminAuth::Token(dir.path().join("none")));
    assert!(matches!(missing, Err(CredentialsError::Io { .. })));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        private_file(&token, &format!("{TOKEN}\n"))?;
        assert!(Credentials::load(&AdminAuth::Token(token.clone())).is_ok());
        std::fs::set_permissions(&token, std::fs::Permissions::from_mode(0o644))?;
        let open = Credentials::load(&AdminAuth::Token(token));
        assert!(
            matches!(open, Err(CredentialsError::Permissions { mode: 0o644, .. })),
            "{open:?}"
        );
    }
    Ok(())
}

#[tokio::test]
async fn forged_lines_are_never_shown_on_the_review_page_or_in_the_export() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let log = admin.dir.path().join("audit.jsonl");
    // Line 6 is the checkpoint sluss signs just after it starts: wait for it, or the forged
    // lines would come before it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&log)?.contains("\"checkpoint\"")
        && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let text = std::fs::read_to_string(&log)?;
    let first = text.lines().next().unwrap_or_default();
    // Line 6 is the checkpoint sluss signed at start. The forgery (`"hash":"x"`),
    // and a line sealed with plain SHA-256 as the old
    // unkeyed chain allowed anyone to write.
    let seal = first.rfind(",\"hash\":\"").unwrap_or(first.len());
    let body = first[..seal].replace("S-AAAAAA", "S-FFFFFF");
    let x = format!("{body},\"hash\":\"x\"}}\n");
    let body = first[..seal].replace("S-AAAAAA", "S-GGGGGG");
    let sha = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(format!("{body}}}").as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("{body},\"hash\":\"{hex}\"}}\n")
    };
    std::fs::write(&log, format!("{text}{x}{sha}"))?;
    let (status, list) = admin.get("/review").await?;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !list.contains("S-FFFFFF") && !list.contains("S-GGGGGG"),
        "{list}"
    );
    assert!(list.contains("S-EEEEEE"));
    assert!(
        list.contains("2 rader i loggen kunde inte läsas eller verifieras")
            && list.contains("audit.jsonl:7, audit.jsonl:8"),
        "{list}"
    );
    for forged in ["S-FFFFFF", "S-GGGGGG"] {
        let (status, _) = admin.get(&format!("/review/{forged}")).await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{forged}");
    }
    let (status, csv) = admin.get("/review.csv").await?;
    assert_eq!(status, StatusCode::OK);
    assert!(!csv.contains("S-FFFFFF") && !csv.contains("S-GGGGGG"));
    assert!(csv.contains("S-AAAAAA"));
    Ok(())
}

#[tokio::test]
async fn the_review_page_filters_by_user_and_by_rule() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let cases: [(&str, &[&str]); 6] = [
        ("/review?user=anna", &["S-AAAAAA"]),
        ("/review?user=ANNA", &["S-AAAAAA"]),
        ("/review?user=ann", &[]),
        // Not-approved stops carry no kind: only the rule chooses them.
        ("/review?reason=not_approved", &["S-CCCCCC"]),
        ("/review?reason=personnummer", &["S-BBBBBB", "S-AAAAAA"]),
        ("/review?reason=personnummer&user=anna", &["S-AAAAAA"]),
    ];
    for (path, expected) in cases {
        let (status, page) = admin.get(path).await?;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(ids(&page), expected, "{path}");
    }
    let (_, page) = admin.get("/review?reason=not_approved&user=eva").await?;
    assert!(page.contains("<option value=\"not_approved\" selected>Ej godkänd AI-tjänst</option>"));
    assert!(page.contains("name=\"user\" value=\"eva\""));
    assert!(
        page.contains("href=\"/review.csv?user=eva&amp;reason=not_approved&amp;format=excel\""),
        "the Excel link keeps the filter"
    );
    let (status, page) = admin.get("/review?reason=%3Cb%3E").await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("<li>Skäl (regel): ”&lt;b&gt;”"), "{page}");
    Ok(())
}

#[tokio::test]
async fn the_excel_export_is_semicolons_swedish_headers_and_a_bom() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let response = admin
        .client
        .get(format!(
            "{}/review.csv?kind=personnummer&format=excel",
            admin.base
        ))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"sluss-granskning-excel.csv\"")
    );
    let body = response.text().await?;
    assert!(!shows_pnr(&body));
    let body = body.strip_prefix('\u{FEFF}').ok_or("no byte order mark")?;
    let rows: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 3, "{body}");
    assert!(
        rows[0].starts_with("Tid (svensk tid);Tidszon;Ärende-id;Åtgärd;Skäl;"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1]
            .starts_with("2026-11-01 09:00:00;CET;S-AAAAAA;Blockerad;Personnummer;personnummer;"),
        "{}",
        rows[1]
    );
    assert!(rows[2].contains(";Maskerad;"), "{}", rows[2]);
    assert_eq!(rows[1].split(';').count(), rows[0].split(';').count());
    Ok(())
}

/// The view records in the log (`event.action` `view`), oldest first.
fn views(dir: &Path) -> TestResult<Vec<serde_json::Value>> {
    let text = std::fs::read_to_string(dir.join("audit.jsonl"))?;
    let mut found = Vec::new();
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line)?;
        if value["event"]["action"] == "view" {
            found.push(value);
        }
    }
    Ok(found)
}

#[tokio::test]
async fn views_are_records_in_the_chain_coalesced_and_never_incidents() -> TestResult {
    let admin = Admin::start(fixtures(SystemTime::now()), None).await?;
    let (_, first) = admin.get("/review").await?;
    assert!(first.contains("Nyast först: 1–5 av 5"));
    // Paging and reloading the same filter: covered by the first record.
    admin.get("/review?page=2").await?;
    admin.get("/review").await?;
    admin.get("/review?user=anna").await?;
    admin.get("/review/S-AAAAAA").await?;
    admin.get("/review.csv?format=excel").await?;
    // A personnummer typed into a filter field is not kept.
    let typed = admin
        .client
        .get(format!("{}/review?service=19121212-1212", admin.base))
        .bearer_auth(TOKEN)
        .send()
        .await?;
    assert_eq!(typed.status(), StatusCode::OK);
    let seen = views(admin.dir.path())?;
    let what: Vec<&str> = seen
        .iter()
        .filter_map(|v| v["sluss"]["view"]["what"].as_str())
        .collect();
    assert_eq!(
        what,
        ["list", "list", "incident", "export_excel", "list"],
        "{seen:#?}"
    );
    for view in &seen {
        assert_eq!(view["user"]["name"], "token");
        assert_eq!(view["source"]["ip"], "127.0.0.1");
        assert_eq!(view["event"]["type"][0], "access");
    }
    assert_eq!(seen[0]["sluss"]["view"]["page"], 1);
    assert_eq!(seen[1]["sluss"]["view"]["filter"]["user"], "anna");
    assert_eq!(
        seen[1]["sluss"]["view"]["unrecorded"], 2,
        "two views covered"
    );
    assert_eq!(seen[2]["event"]["id"], "S-AAAAAA");
    assert_eq!(seen[2]["event"]["reason"], "view:incident");
    assert_eq!(seen[4]["sluss"]["view"]["filter"]["service"], "[withheld]");
    let log = std::fs::read_to_string(admin.dir.path().join("audit.jsonl"))?;
    assert!(!shows_pnr(&log), "a typed personnummer reached the log");

    // Views are not incidents: the list, its count and the export leave them out ...
    let (_, list) = admin.get("/review").await?;
    assert!(list.contains("Nyast först: 1–5 av 5"), "{list}");
    assert_eq!(ids(&list).len(), 5);
    let (_, csv) = admin.get("/review.csv").await?;
    assert_eq!(csv.split_terminator("\r\n").count(), 6, "{csv}");
    // ... unless asked for; an incident's page says who looked at it.
    let (_, asked) = admin.get("/review?action=view").await?;
    assert!(asked.contains("Visning av granskningen"), "{asked}");
    let (_, a) = admin.get("/review/S-AAAAAA").await?;
    assert!(
        a.contains("<h2>Visningar</h2>") && a.contains("token (127.0.0.1)"),
        "{a}"
    );

    // The chain with the views in it verifies.
    let verified = std::process::Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["logs", "--verify", "--config"])
        .arg(admin.dir.path().join("sluss.toml"))
        .output()?;
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&verified.stdout),
        String::from_utf8_lossy(&verified.stderr)
    );
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_sluss"))
        .args(["logs", "--format", "json", "--config"])
        .arg(admin.dir.path().join("sluss.toml"))
        .output()?;
    let listed = String::from_utf8(listed.stdout)?;
    assert_eq!(
        listed.lines().count(),
        5,
        "sluss logs lists no views: {listed}"
    );
    Ok(())
}
