//! Destinations (issue 12): sluss never becomes a way into the proxy machine. Every address
//! connected to is checked after name resolution; CONNECT and plain HTTP alike. Only this
//! machine's addresses are used here (127.0.0.1, ::1, 0.0.0.0, `localhost`, an IPv4-mapped IPv6
//! address, decimal and octal spellings of 127.0.0.1, sluss's own port); link-local, private
//! and metadata addresses are tested on the classifying function (`proxy::destination`).

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::*;
use tokio::io::AsyncWriteExt;

/// Spellings of this machine that a client could use.
const LOCAL: [&str; 7] = [
    "127.0.0.1",
    "[::1]",
    "0.0.0.0",
    "localhost",
    "[::ffff:127.0.0.1]",
    "2130706433",
    "0177.0.0.1",
];

/// A listener standing in for a service on the proxy machine; `touched` says whether anything
/// connected to it.
struct Bystander(TcpListener);

impl Bystander {
    fn start() -> Res<Bystander> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        Ok(Bystander(listener))
    }

    fn port(&self) -> Res<u16> {
        Ok(self.0.local_addr()?.port())
    }

    fn touched(&self) -> bool {
        self.0.accept().is_ok()
    }
}

async fn plain_http(proxy: std::net::SocketAddr, request: &str) -> Res<String> {
    let mut stream = tokio::net::TcpStream::connect(proxy).await?;
    stream.write_all(request.as_bytes()).await?;
    read_head(&mut stream).await
}

#[tokio::test]
async fn connect_to_this_machine_is_refused_in_every_spelling() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    for host in LOCAL {
        let request =
            format!("CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\nConnection: close\r\n\r\n");
        let mut stream = tokio::net::TcpStream::connect(sluss.addr).await?;
        stream.write_all(request.as_bytes()).await?;
        let answer = read_to_close(&mut stream).await?;
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {answer}");
        assert!(answer.contains("får inte nås"), "{host}: {answer}");
    }
    assert_eq!(
        sluss.shared.metrics.refused.get(&["destination"]),
        LOCAL.len() as u64
    );
    assert_eq!(sluss.shared.metrics.tunnels.get(), 0);
    sluss.stop().await
}

#[tokio::test]
async fn plain_http_to_this_machine_is_refused_in_every_spelling() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    for host in LOCAL {
        let head = plain_http(
            sluss.addr,
            &format!("GET http://{host}/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
        .await?;
        assert!(head.starts_with("HTTP/1.1 403"), "{host}: {head}");
    }
    assert_eq!(
        sluss.shared.metrics.refused.get(&["destination"]),
        LOCAL.len() as u64
    );
    sluss.stop().await
}

#[tokio::test]
async fn plain_http_follows_the_port_rule_of_connect() -> Res {
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let admin = Bystander::start()?;
    let port = admin.port()?;
    // As `curl --proxy sluss http://127.0.0.1:<admin port>/healthz` in issue 12.
    let head = plain_http(
        sluss.addr,
        &format!("GET http://127.0.0.1:{port}/healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    )
    .await?;
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    let head = plain_http(
        sluss.addr,
        "GET http://localhost:22/ HTTP/1.1\r\nHost: localhost:22\r\nConnection: close\r\n\r\n",
    )
    .await?;
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    assert!(!admin.touched(), "the local service was never connected to");
    assert_eq!(sluss.shared.metrics.refused.get(&["port"]), 2);
    sluss.stop().await
}

#[tokio::test]
async fn a_registered_name_that_resolves_to_this_machine_does_not_help() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        extra: "[[service]]\nname = \"Lokal\"\nhosts = [\"localhost\"]\n".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let service = Bystander::start()?;
    let port = service.port()?;
    let body = chat("Hej");
    let head = plain_http(
        sluss.addr,
        &format!(
            "POST http://localhost:{port}/v1/chat HTTP/1.1\r\nHost: localhost:{port}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await?;
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    assert!(
        !service.touched(),
        "`localhost` resolved, and the address was refused"
    );
    assert_eq!(sluss.shared.metrics.refused.get(&["destination"]), 1);
    sluss.stop().await
}

#[tokio::test]
async fn allow_destinations_opens_a_range_but_never_sluss_itself() -> Res {
    let upstream = Upstream::start().await?;
    let setup = Setup {
        proxy: "allow_destinations = [\"127.0.0.0/8\", \"::1/128\"]".into(),
        extra: "[[service]]\nname = \"Lokal\"\nhosts = [\"localhost\"]\n".into(),
        ..Setup::default()
    };
    let sluss = Sluss::start(&upstream, setup).await?;
    let client = sluss.client()?;
    // The upstream listens on 127.0.0.1 only; `localhost` may resolve to ::1 first, which
    // refuses: every resolved address is tried in turn.
    let url = format!(
        "https://localhost:{}/v1/chat/completions",
        upstream.addr.port()
    );
    let response = client.post(&url).body(chat("Hej")).send().await?;
    assert_eq!(
        response.status(),
        200,
        "IT opened loopback for a local service"
    );
    assert_eq!(upstream.received()[0].host, "localhost");
    // sluss's own port is a loop, whatever the lists say.
    let url = format!(
        "https://localhost:{}/v1/chat/completions",
        sluss.addr.port()
    );
    let response = client.post(&url).body(chat("Hej")).send().await?;
    assert_eq!(response.status(), 403);
    assert!(response.text().await?.contains("får inte nås"));
    sluss.stop().await
}

#[tokio::test]
async fn deny_destinations_is_validated_with_file_and_line() -> Res {
    let text = "[proxy]\nallow_destinations = [\"10.0.0.0/8\"]\ndeny_destinations = [\"10.0.0.0/33\", \"nonsense\"]\n";
    let errors = match sluss::config::parse(text, "sluss.toml") {
        Ok(_) => return Err("accepted a bad network".into()),
        Err(e) => e.0,
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|e| e.line == 3 && e.path == "sluss.toml"));
    assert!(
        errors[0]
            .problem
            .contains("deny_destinations entry `10.0.0.0/33`")
    );
    Ok(())
}

#[tokio::test]
async fn a_refused_destination_is_logged_without_waiting_for_a_connect() -> Res {
    // 0.0.0.0 and :: mean "this machine" to connect(); the refusal comes before any attempt,
    // so the answer is immediate even with a long connect timeout.
    let upstream = Upstream::start().await?;
    let sluss = Sluss::start(&upstream, Setup::default()).await?;
    let started = tokio::time::Instant::now();
    let (_, head) = connect_answer(sluss.addr, "[::]:443").await?;
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    assert!(started.elapsed() < Duration::from_secs(2));
    sluss.stop().await
}
