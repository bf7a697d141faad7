//! `[proxy] pac_proxies`: the proxies the PAC file lists, in the order browsers try them.

use toml::Spanned;

use super::validate::Problems;

/// The PAC file's proxies: the configured list, or `public_address` alone. Each entry must be
/// `host:port` (a name, an IPv4 address or a bracketed IPv6 address), since it is written into
/// the PAC file's JavaScript as it is; an empty list is refused (the PAC file would send AI
/// hosts nowhere, or direct).
pub(super) fn pac_proxies(
    list: Option<&Spanned<Vec<Spanned<String>>>>,
    public_address: &str,
    p: &mut Problems<'_>,
) -> Vec<String> {
    let Some(list) = list else {
        return vec![public_address.to_string()];
    };
    if list.get_ref().is_empty() {
        p.at(
            list.span(),
            "pac_proxies is empty: list at least one proxy (host:port), or leave it out to use public_address",
        );
        return vec![public_address.to_string()];
    }
    list.get_ref()
        .iter()
        .filter_map(|entry| {
            let value = entry.get_ref().trim();
            if is_host_port(value) {
                Some(value.to_string())
            } else {
                p.at(
                    entry.span(),
                    format!(
                        "pac_proxies entry `{value}` is not host:port (e.g. sluss-a.kommun.se:3128)"
                    ),
                );
                None
            }
        })
        .collect()
}

/// `host:port` with a port of 1–65535 and a host of letters, digits, `.`, `-` (or an IPv6
/// address in brackets).
fn is_host_port(value: &str) -> bool {
    let Some((host, port)) = value.rsplit_once(':') else {
        return false;
    };
    let port_ok = port.parse::<u16>().is_ok_and(|p| p != 0);
    let host_ok = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => {
            !host.is_empty()
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        }
    };
    port_ok && host_ok
}

#[cfg(test)]
mod tests {
    use super::is_host_port;

    #[test]
    fn entries_are_host_and_port_only() {
        for ok in ["a.kommun.se:3128", "10.0.0.5:8080", "[2001:db8::1]:3128"] {
            assert!(is_host_port(ok), "{ok}");
        }
        for bad in [
            "a.kommun.se",
            "a:0",
            "a:99999",
            "a b:3128",
            "x\";alert(1);\":3128",
            "PROXY a:3128",
            ":3128",
            "[zz]:3128",
        ] {
            assert!(!is_host_port(bad), "{bad}");
        }
    }
}
