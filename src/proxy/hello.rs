//! Reads a TLS ClientHello without answering it, so that a CONNECT can be routed by the server
//! name the client asks for (SNI) and not only by the CONNECT host. A plain function over
//! bytes: records may be split anywhere, and the caller keeps the bytes to replay them.

/// What the routing needs from a ClientHello.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hello {
    /// The `server_name` host name: lower case, without a trailing dot.
    pub server_name: Option<String>,
    /// The hello carries an Encrypted Client Hello extension (real or GREASE): the name the
    /// client really wants may be hidden inside.
    pub ech: bool,
}

/// The result of looking at the bytes read so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A whole ClientHello.
    Complete(Hello),
    /// More bytes are needed.
    Incomplete,
    /// The bytes do not start a TLS handshake.
    NotTls,
    /// A TLS handshake, but not a ClientHello sluss accepts.
    Malformed(&'static str),
}

/// The largest ClientHello read (post-quantum key shares make them a few KiB; 64 KiB is
/// plenty and bounds what a client can make sluss buffer).
pub const MAX_HELLO: usize = 64 * 1024;

const HANDSHAKE: u8 = 0x16;
const CLIENT_HELLO: u8 = 0x01;
const SERVER_NAME: u16 = 0x0000;
const ENCRYPTED_CLIENT_HELLO: u16 = 0xfe0d;
const MAX_RECORD: usize = (1 << 14) + 256;

/// Parses the TLS records at the start of `buf` into a ClientHello.
pub fn parse(buf: &[u8]) -> Parsed {
    let mut handshake: Vec<u8> = Vec::new();
    let mut pos = 0;
    loop {
        let Some(header) = buf.get(pos..pos + 5) else {
            return first_bytes(buf, pos);
        };
        if header[0] != HANDSHAKE || header[1] != 3 {
            return if pos == 0 {
                Parsed::NotTls
            } else {
                Parsed::Malformed("a record that is not a handshake inside the ClientHello")
            };
        }
        let len = usize::from(u16::from_be_bytes([header[3], header[4]]));
        if len == 0 || len > MAX_RECORD {
            return Parsed::Malformed("a record of an invalid length");
        }
        let Some(fragment) = buf.get(pos + 5..pos + 5 + len) else {
            return Parsed::Incomplete;
        };
        handshake.extend_from_slice(fragment);
        pos += 5 + len;
        if let Some(parsed) = message(&handshake) {
            return parsed;
        }
        if pos > MAX_HELLO {
            return Parsed::Malformed("the ClientHello is too large");
        }
    }
}

/// What can be said from fewer than five bytes at `pos`.
fn first_bytes(buf: &[u8], pos: usize) -> Parsed {
    match buf.get(pos..) {
        Some([first, ..]) if *first != HANDSHAKE && pos == 0 => Parsed::NotTls,
        Some([_, second, ..]) if *second != 3 && pos == 0 => Parsed::NotTls,
        _ => Parsed::Incomplete,
    }
}

/// The ClientHello once the handshake bytes hold all of it (`None`: not yet).
fn message(handshake: &[u8]) -> Option<Parsed> {
    let header = handshake.get(..4)?;
    if header[0] != CLIENT_HELLO {
        return Some(Parsed::Malformed(
            "the first handshake message is not a ClientHello",
        ));
    }
    let len = usize::from(header[1]) << 16 | usize::from(header[2]) << 8 | usize::from(header[3]);
    if len > MAX_HELLO {
        return Some(Parsed::Malformed("the ClientHello is too large"));
    }
    let body = handshake.get(4..4 + len)?;
    Some(match client_hello(body) {
        Some(hello) => Parsed::Complete(hello),
        None => Parsed::Malformed("the ClientHello does not parse"),
    })
}

/// A cursor over big-endian TLS fields.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u16(&mut self) -> Option<u16> {
        let b = self.take(2)?;
        Some(u16::from_be_bytes([b[0], b[1]]))
    }

    fn vec8(&mut self) -> Option<Reader<'a>> {
        let n = usize::from(self.u8()?);
        Some(Reader(self.take(n)?))
    }

    fn vec16(&mut self) -> Option<Reader<'a>> {
        let n = usize::from(self.u16()?);
        Some(Reader(self.take(n)?))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn client_hello(body: &[u8]) -> Option<Hello> {
    let mut r = Reader(body);
    r.take(2 + 32)?; // legacy_version, random
    if r.vec8()?.0.len() > 32 {
        return None; // session id
    }
    let suites = r.vec16()?;
    if suites.0.is_empty() || suites.0.len() % 2 != 0 {
        return None;
    }
    if r.vec8()?.is_empty() {
        return None; // compression methods
    }
    let mut hello = Hello {
        server_name: None,
        ech: false,
    };
    if r.is_empty() {
        return Some(hello); // no extensions at all (old clients)
    }
    let mut extensions = r.vec16()?;
    if !r.is_empty() {
        return None;
    }
    let mut seen = Vec::new();
    while !extensions.is_empty() {
        let kind = extensions.u16()?;
        let data = extensions.vec16()?;
        if seen.contains(&kind) {
            return None; // RFC 8446 §4.2: at most one of each
        }
        seen.push(kind);
        match kind {
            SERVER_NAME => hello.server_name = Some(server_name(data)?),
            ENCRYPTED_CLIENT_HELLO => hello.ech = true,
            _ => {}
        }
    }
    Some(hello)
}

/// The one `host_name` entry of a server_name extension, checked as a DNS name.
fn server_name(mut data: Reader<'_>) -> Option<String> {
    let mut list = data.vec16()?;
    if !data.is_empty() {
        return None;
    }
    let mut name = None;
    while !list.is_empty() {
        let kind = list.u8()?;
        let value = list.vec16()?;
        if kind == 0 {
            if name.is_some() {
                return None; // RFC 6066 §3: one name per type
            }
            let text = std::str::from_utf8(value.0).ok()?;
            rustls_pki_types::DnsName::try_from(text).ok()?;
            name = Some(text.trim_end_matches('.').to_ascii_lowercase());
        }
    }
    name
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A ClientHello with these extensions, in one handshake message (no record header).
    pub(crate) fn hello_message(extensions: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut body = vec![3, 3];
        body.extend([7u8; 32]);
        body.push(0); // session id
        body.extend([0, 2, 0x13, 0x01]); // one cipher suite
        body.extend([1, 0]); // null compression
        let mut ext = Vec::new();
        for (kind, data) in extensions {
            ext.extend(kind.to_be_bytes());
            ext.extend((data.len() as u16).to_be_bytes());
            ext.extend(data);
        }
        body.extend((ext.len() as u16).to_be_bytes());
        body.extend(ext);
        let mut message = vec![CLIENT_HELLO];
        message.extend(&(body.len() as u32).to_be_bytes()[1..]);
        message.extend(body);
        message
    }

    pub(crate) fn sni(name: &str) -> (u16, Vec<u8>) {
        let mut entry = vec![0u8];
        entry.extend((name.len() as u16).to_be_bytes());
        entry.extend(name.as_bytes());
        let mut data = (entry.len() as u16).to_be_bytes().to_vec();
        data.extend(entry);
        (SERVER_NAME, data)
    }

    /// `message` in TLS records of at most `size` bytes each.
    pub(crate) fn records(message: &[u8], size: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for chunk in message.chunks(size) {
            out.extend([HANDSHAKE, 3, 1]);
            out.extend((chunk.len() as u16).to_be_bytes());
            out.extend(chunk);
        }
        out
    }

    fn complete(name: Option<&str>, ech: bool) -> Parsed {
        Parsed::Complete(Hello {
            server_name: name.map(str::to_string),
            ech,
        })
    }

    #[test]
    fn the_server_name_is_read_and_normalised() {
        let bytes = records(&hello_message(&[sni("API.OpenAI.com.")]), 1 << 14);
        assert_eq!(parse(&bytes), complete(Some("api.openai.com"), false));
    }

    #[test]
    fn every_prefix_is_incomplete_and_records_may_be_split() {
        let message = hello_message(&[(0x000a, vec![0, 2, 0, 29]), sni("ai.kommun.test")]);
        for size in [1, 7, 40, 1 << 14] {
            let bytes = records(&message, size);
            for cut in 0..bytes.len() {
                assert_eq!(parse(&bytes[..cut]), Parsed::Incomplete, "{size} {cut}");
            }
            assert_eq!(parse(&bytes), complete(Some("ai.kommun.test"), false));
        }
    }

    #[test]
    fn ech_no_sni_and_other_protocols() {
        let ech = records(
            &hello_message(&[sni("example.org"), (0xfe0d, vec![0; 40])]),
            512,
        );
        assert_eq!(parse(&ech), complete(Some("example.org"), true));
        let none = records(&hello_message(&[(0x000d, vec![0, 2, 4, 3])]), 512);
        assert_eq!(parse(&none), complete(None, false));
        assert_eq!(parse(b"GET / HTTP/1.1\r\n"), Parsed::NotTls);
        assert_eq!(parse(b"SSH-2.0-OpenSSH"), Parsed::NotTls);
        assert_eq!(parse(&[0x16, 0x02]), Parsed::NotTls);
        assert_eq!(parse(&[0x16]), Parsed::Incomplete);
    }

    #[test]
    fn tricks_are_malformed() {
        let twice = records(&hello_message(&[sni("a.test"), sni("b.test")]), 512);
        assert!(matches!(parse(&twice), Parsed::Malformed(_)));
        let ip = records(&hello_message(&[sni("1.2.3.4")]), 512);
        assert!(matches!(parse(&ip), Parsed::Malformed(_)));
        let bad = records(&hello_message(&[sni("a b.test")]), 512);
        assert!(matches!(parse(&bad), Parsed::Malformed(_)));
        let mut server_hello = hello_message(&[]);
        server_hello[0] = 2;
        assert!(matches!(
            parse(&records(&server_hello, 512)),
            Parsed::Malformed(_)
        ));
        let mut alert = records(&hello_message(&[sni("a.test")]), 20);
        alert[25] = 0x15; // the second record is an alert
        assert!(matches!(parse(&alert), Parsed::Malformed(_)));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_parse_without_panicking(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            cut in 0usize..600,
        ) {
            let _ = parse(&bytes);
            // Also behind a valid record header, where the parser goes deepest.
            let mut framed = vec![HANDSHAKE, 3, 1];
            framed.extend((bytes.len() as u16).to_be_bytes());
            framed.extend(&bytes);
            let _ = parse(&framed[..cut.min(framed.len())]);
            let _ = parse(&framed);
        }
    }

    #[test]
    fn a_hello_claiming_to_be_huge_is_refused_early() {
        let bytes = [HANDSHAKE, 3, 1, 0, 4, CLIENT_HELLO, 0xff, 0xff, 0xff];
        assert!(matches!(parse(&bytes), Parsed::Malformed(_)));
    }
}
