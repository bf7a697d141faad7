//! Where sluss may connect. Every upstream connection (CONNECT tunnels, plain-HTTP other
//! traffic, intercepted requests) is checked on the address actually connected to, after name
//! resolution, so that a name resolving to 127.0.0.1 or a DNS answer that changes between two
//! lookups cannot reach the proxy machine or its neighbours.
//!
//! Refused by default: loopback, unspecified ("this network"), link-local (cloud metadata at
//! 169.254.169.254), multicast, broadcast and reserved ranges, two more metadata addresses
//! (`fd00:ec2::254`, `100.100.100.200`), and the addresses of the proxy machine itself.
//! IPv4-mapped, IPv4-compatible and NAT64 (`64:ff9b::/96`) IPv6 forms are judged as the IPv4
//! address they carry. `[proxy] deny_destinations` adds ranges, `allow_destinations` opens
//! ranges; the most specific entry wins (at equal length: deny, then allow, then built-in), so
//! the machine's own non-loopback addresses (refused as /32 or /128) open only when named.
//! The proxy's own listening sockets are refused whatever the lists say (a loop), and
//! `[upstream.resolve]` targets are allowed whatever they say (IT chose them by address).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::RwLock;

use ipnet::IpNet;

/// Why a destination was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// 127.0.0.0/8, ::1.
    Loopback,
    /// 0.0.0.0/8, ::.
    Unspecified,
    /// 169.254.0.0/16, fe80::/10.
    LinkLocal,
    /// A cloud metadata service.
    Metadata,
    /// 224.0.0.0/4, ff00::/8.
    Multicast,
    /// 255.255.255.255.
    Broadcast,
    /// 240.0.0.0/4 (class E).
    Reserved,
    /// An address of the proxy machine.
    OwnAddress,
    /// A socket sluss itself listens on (proxy or admin).
    OwnListener,
    /// A range in `deny_destinations`.
    Denied,
}

impl Reason {
    /// The reason as a log and metrics label.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Loopback => "loopback",
            Reason::Unspecified => "unspecified",
            Reason::LinkLocal => "link_local",
            Reason::Metadata => "metadata",
            Reason::Multicast => "multicast",
            Reason::Broadcast => "broadcast",
            Reason::Reserved => "reserved",
            Reason::OwnAddress => "own_address",
            Reason::OwnListener => "own_listener",
            Reason::Denied => "deny_destinations",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ranges refused unless a more specific `allow_destinations` entry opens them.
const BUILT_IN: [(&str, Reason); 14] = [
    ("0.0.0.0/8", Reason::Unspecified),
    ("127.0.0.0/8", Reason::Loopback),
    ("169.254.0.0/16", Reason::LinkLocal),
    ("169.254.169.254/32", Reason::Metadata),
    ("100.100.100.200/32", Reason::Metadata),
    ("224.0.0.0/4", Reason::Multicast),
    ("240.0.0.0/4", Reason::Reserved),
    ("255.255.255.255/32", Reason::Broadcast),
    ("::/128", Reason::Unspecified),
    ("::1/128", Reason::Loopback),
    ("fe80::/10", Reason::LinkLocal),
    ("fd00:ec2::254/128", Reason::Metadata),
    ("ff00::/8", Reason::Multicast),
    ("fec0::/10", Reason::Reserved),
];

/// The destination rules of one config.
#[derive(Debug)]
pub struct Destinations {
    built_in: Vec<(IpNet, Reason)>,
    deny: Vec<IpNet>,
    allow: Vec<IpNet>,
}

impl Destinations {
    /// The built-in ranges plus the config's lists.
    pub fn new(deny: Vec<IpNet>, allow: Vec<IpNet>) -> Destinations {
        let built_in = BUILT_IN
            .iter()
            .filter_map(|(net, reason)| Some((net.parse().ok()?, *reason)))
            .collect();
        Destinations {
            built_in,
            deny,
            allow,
        }
    }
}

/// How specific a matching entry is, and which kind wins at equal length.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    BuiltIn,
    Allow,
    Deny,
}

/// Classifies `addr` under `rules`. `own` says whether the address belongs to the proxy
/// machine, `listeners` are the sockets sluss listens on. A pure function: the caller finds out
/// `own` (see [`is_local_address`]).
pub fn classify(
    addr: SocketAddr,
    rules: &Destinations,
    own: bool,
    listeners: &[SocketAddr],
) -> Result<(), Reason> {
    if is_listener(addr, own, listeners) {
        return Err(Reason::OwnListener);
    }
    let ip = canonical(addr.ip());
    let full = if ip.is_ipv4() { 32 } else { 128 };
    let mut best: Option<(u8, Rank, Result<(), Reason>)> = None;
    let mut consider = |len: u8, rank: Rank, verdict: Result<(), Reason>| {
        if best.is_none_or(|(l, r, _)| (len, rank) > (l, r)) {
            best = Some((len, rank, verdict));
        }
    };
    let mut built_in = false;
    for (net, reason) in &rules.built_in {
        if net.contains(&ip) {
            built_in = true;
            consider(net.prefix_len(), Rank::BuiltIn, Err(*reason));
        }
    }
    // The machine's other addresses (loopback is already a range): opened only by naming the
    // address itself in `allow_destinations`.
    if own && !built_in {
        consider(full, Rank::BuiltIn, Err(Reason::OwnAddress));
    }
    for net in rules.deny.iter().filter(|n| contains(n, ip)) {
        consider(net.prefix_len(), Rank::Deny, Err(Reason::Denied));
    }
    for net in rules.allow.iter().filter(|n| contains(n, ip)) {
        consider(net.prefix_len(), Rank::Allow, Ok(()));
    }
    best.map_or(Ok(()), |(_, _, verdict)| verdict)
}

/// A config network contains `ip` (an IPv4 network written as IPv4-mapped IPv6 counts too).
fn contains(net: &IpNet, ip: IpAddr) -> bool {
    net.contains(&ip) || canonical_net(net).is_some_and(|n| n.contains(&ip))
}

fn canonical_net(net: &IpNet) -> Option<IpNet> {
    let IpNet::V6(v6) = net else { return None };
    let v4 = v6.addr().to_ipv4_mapped()?;
    let len = v6.prefix_len().checked_sub(96)?;
    ipnet::Ipv4Net::new(v4, len).ok().map(IpNet::V4)
}

/// Whether `addr` is one of the sockets sluss listens on (a listener on an unspecified address
/// listens on every own address). `own` says whether the address belongs to this machine.
pub fn is_listener(addr: SocketAddr, own: bool, listeners: &[SocketAddr]) -> bool {
    let ip = canonical(addr.ip());
    listeners.iter().any(|l| {
        let listening = canonical(l.ip());
        l.port() == addr.port()
            && (listening == ip || (listening.is_unspecified() && (own || ip.is_loopback())))
    })
}

/// The address as it will be reached: IPv6 forms that carry an IPv4 address (mapped
/// `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`) become that address.
pub fn canonical(ip: IpAddr) -> IpAddr {
    let IpAddr::V6(v6) = ip else { return ip };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return IpAddr::V4(v4);
    }
    let s = v6.segments();
    let embedded = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    let compatible = s[..6] == [0; 6] && v6 != Ipv6Addr::UNSPECIFIED && v6 != Ipv6Addr::LOCALHOST;
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    if compatible || nat64 {
        return IpAddr::V4(embedded());
    }
    ip
}

/// Whether `ip` is an address of this machine: the system lets a socket bind only to its own
/// addresses. (Checked once at start that it refuses a foreign one; see [`OwnSockets`].)
pub fn is_local_address(ip: IpAddr) -> bool {
    std::net::UdpSocket::bind(SocketAddr::new(canonical(ip), 0)).is_ok()
}

/// The sockets sluss listens on (filled in once they are bound) and whether the machine's own
/// addresses can be recognised.
#[derive(Debug)]
pub struct OwnSockets {
    listeners: RwLock<Vec<SocketAddr>>,
    recognisable: bool,
}

impl Default for OwnSockets {
    fn default() -> Self {
        OwnSockets::new()
    }
}

impl OwnSockets {
    /// No listeners yet. Probes whether binding tells own addresses from others: with
    /// `ip_nonlocal_bind` on, any address binds, and the own-address check is left out (with
    /// a warning) rather than refusing every destination.
    pub fn new() -> OwnSockets {
        // TEST-NET-1 (RFC 5737) is never assigned to a machine; nothing is sent to it.
        let recognisable = !is_local_address(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));
        if !recognisable {
            tracing::warn!(
                "this system lets sockets bind to foreign addresses (ip_nonlocal_bind): the \
                 proxy machine's own addresses cannot be recognised; list them in \
                 [proxy] deny_destinations"
            );
        }
        OwnSockets {
            listeners: RwLock::new(Vec::new()),
            recognisable,
        }
    }

    /// Notes a socket sluss listens on.
    pub fn add(&self, addr: SocketAddr) {
        self.listeners
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(addr);
    }

    /// The listening sockets.
    pub fn listeners(&self) -> Vec<SocketAddr> {
        self.listeners
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Whether `ip` is an address of this machine.
    pub fn is_own(&self, ip: IpAddr) -> bool {
        self.recognisable && is_local_address(ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(deny: &[&str], allow: &[&str]) -> Destinations {
        let nets = |l: &[&str]| l.iter().filter_map(|n| n.parse().ok()).collect();
        Destinations::new(nets(deny), nets(allow))
    }

    fn check(rules: &Destinations, addr: &str) -> Result<(), Reason> {
        let ip: IpAddr = addr.parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        classify(SocketAddr::new(ip, 443), rules, false, &[])
    }

    #[test]
    fn the_built_in_ranges_are_refused() {
        let r = rules(&[], &[]);
        let cases = [
            ("127.0.0.1", Reason::Loopback),
            ("127.255.255.254", Reason::Loopback),
            ("::1", Reason::Loopback),
            ("0.0.0.0", Reason::Unspecified),
            ("0.1.2.3", Reason::Unspecified),
            ("::", Reason::Unspecified),
            ("169.254.1.1", Reason::LinkLocal),
            ("fe80::1", Reason::LinkLocal),
            ("169.254.169.254", Reason::Metadata),
            ("fd00:ec2::254", Reason::Metadata),
            ("100.100.100.200", Reason::Metadata),
            ("224.0.0.1", Reason::Multicast),
            ("239.255.255.250", Reason::Multicast),
            ("ff02::1", Reason::Multicast),
            ("255.255.255.255", Reason::Broadcast),
            ("240.0.0.1", Reason::Reserved),
        ];
        for (addr, reason) in cases {
            assert_eq!(check(&r, addr), Err(reason), "{addr}");
        }
    }

    #[test]
    fn ipv6_forms_of_refused_ipv4_addresses_are_refused() {
        let r = rules(&[], &[]);
        for addr in [
            "::ffff:127.0.0.1",
            "::ffff:7f00:1",
            "::127.0.0.1",
            "64:ff9b::127.0.0.1",
            "::ffff:169.254.169.254",
            "::169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "::ffff:0.0.0.0",
        ] {
            assert!(check(&r, addr).is_err(), "{addr}");
        }
    }

    #[test]
    fn public_and_private_addresses_pass_by_default() {
        let r = rules(&[], &[]);
        for addr in [
            "93.184.216.34",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "fd12:3456::1",
            "2001:db8::1",
            "::ffff:93.184.216.34",
        ] {
            assert_eq!(check(&r, addr), Ok(()), "{addr}");
        }
    }

    #[test]
    fn it_decides_about_private_ranges_and_the_most_specific_entry_wins() {
        let r = rules(
            &["10.0.0.0/8", "192.168.0.0/16"],
            &["10.20.0.0/16", "127.0.0.1/32"],
        );
        assert_eq!(check(&r, "10.1.2.3"), Err(Reason::Denied));
        assert_eq!(check(&r, "::ffff:10.1.2.3"), Err(Reason::Denied));
        assert_eq!(check(&r, "10.20.30.40"), Ok(()));
        assert_eq!(check(&r, "192.168.1.1"), Err(Reason::Denied));
        assert_eq!(
            check(&r, "127.0.0.1"),
            Ok(()),
            "an explicit /32 opens one address"
        );
        assert_eq!(check(&r, "127.0.0.2"), Err(Reason::Loopback));
        // A broad allow does not open the narrower built-in ranges.
        let broad = rules(&[], &["0.0.0.0/0", "::/0"]);
        assert_eq!(check(&broad, "169.254.169.254"), Err(Reason::Metadata));
        assert_eq!(check(&broad, "::1"), Err(Reason::Loopback));
        // At equal length deny wins over allow.
        let both = rules(&["10.0.0.0/8"], &["10.0.0.0/8"]);
        assert_eq!(check(&both, "10.0.0.1"), Err(Reason::Denied));
        // IPv4 networks written in IPv4-mapped form apply to IPv4 addresses.
        let mapped = rules(&["::ffff:10.0.0.0/104"], &[]);
        assert_eq!(check(&mapped, "10.9.9.9"), Err(Reason::Denied));
    }

    #[test]
    fn the_machine_s_own_addresses_and_listeners_are_refused() {
        let r = rules(&[], &[]);
        let addr: SocketAddr = "10.1.2.3:22".parse().unwrap_or_else(|_| unreachable!());
        assert_eq!(classify(addr, &r, true, &[]), Err(Reason::OwnAddress));
        assert_eq!(classify(addr, &r, false, &[]), Ok(()));
        let opened = rules(&[], &["10.1.2.3/32"]);
        assert_eq!(classify(addr, &opened, true, &[]), Ok(()));
        // A listening socket is refused even when allowed: sluss would talk to itself.
        let listen: SocketAddr = "0.0.0.0:3128".parse().unwrap_or_else(|_| unreachable!());
        let to_self: SocketAddr = "10.1.2.3:3128".parse().unwrap_or_else(|_| unreachable!());
        assert_eq!(
            classify(to_self, &opened, true, &[listen]),
            Err(Reason::OwnListener)
        );
        let loopback: SocketAddr = "[::ffff:127.0.0.1]:3128"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        let all = rules(&[], &["127.0.0.0/8"]);
        assert_eq!(
            classify(loopback, &all, false, &[listen]),
            Err(Reason::OwnListener)
        );
    }

    #[test]
    fn loopback_is_an_own_address_and_test_net_is_not() {
        assert!(is_local_address(
            "127.0.0.1"
                .parse()
                .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
        ));
        let own = OwnSockets::new();
        assert!(!own.is_own(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))));
    }
}
