//! The PAC file for browsers: every registered and known AI host, and every upload host of
//! either, goes through sluss; everything else goes direct. With several proxies
//! (`[proxy] pac_proxies`), browsers try them in order and fall over to the next when one does
//! not answer. There is no `DIRECT` fallback after the proxies: if every sluss is down, AI
//! services are unreachable rather than unfiltered (fail closed).

use std::collections::BTreeSet;

use crate::config::{HostPattern, Register};

/// The PAC file sending AI hosts to the proxies at `proxies` (`host:port` each, validated by
/// the config), tried in order.
pub fn render(register: &Register, proxies: &[String]) -> String {
    let mut exact = BTreeSet::new();
    let mut suffixes = BTreeSet::new();
    let registered = register
        .services()
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.hosts.iter().cloned().chain(register.upload_hosts(i)));
    let known = register
        .known()
        .iter()
        .flat_map(|s| s.hosts.iter().map(|h| HostPattern::parse(h)));
    let uploads = register.known_upload_hosts();
    for pattern in registered.chain(known).chain(uploads) {
        match pattern {
            HostPattern::Exact(host) => exact.insert(host),
            HostPattern::Subdomains(suffix) => suffixes.insert(format!(".{suffix}")),
        };
    }
    let exact: Vec<_> = exact.into_iter().collect();
    let suffixes: Vec<_> = suffixes.into_iter().collect();
    // serde_json quotes and escapes; host names are validated anyway.
    let quoted = |list: &[String]| serde_json::to_string(list).unwrap_or_else(|_| "[]".into());
    format!(
        "// sluss: AI services go through the proxy, everything else goes direct.\n\
         // Generated from the register and patterns/ai-services.toml ({n} hosts, {m} domains).\n\
         var proxy = \"{proxy}\";\n\
         var hosts = {exact};\n\
         var domains = {suffixes};\n\
         function FindProxyForURL(url, host) {{\n\
         \x20 host = host.toLowerCase();\n\
         \x20 if (host.charAt(host.length - 1) == \".\") host = host.substring(0, host.length - 1);\n\
         \x20 for (var i = 0; i < hosts.length; i++) if (host == hosts[i]) return proxy;\n\
         \x20 for (var j = 0; j < domains.length; j++) if (dnsDomainIs(host, domains[j])) return proxy;\n\
         \x20 return \"DIRECT\";\n\
         }}\n",
        proxy = proxy_list(proxies),
        n = exact.len(),
        m = suffixes.len(),
        exact = quoted(&exact),
        suffixes = quoted(&suffixes),
    )
}

/// `PROXY a:3128; PROXY b:3128`: the PAC syntax for trying proxies in order.
fn proxy_list(proxies: &[String]) -> String {
    proxies
        .iter()
        .map(|p| format!("PROXY {p}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::patterns::Patterns;

    #[test]
    fn ai_hosts_go_through_the_proxy_and_nothing_falls_back_to_direct() {
        let config = Config::defaults();
        let patterns = Patterns::load(&config.patterns).unwrap_or_else(|e| unreachable!("{e}"));
        let register = Register::new(config.services, patterns.services);
        let pac = render(&register, &["proxy.kommun.se:3128".to_string()]);
        assert!(pac.contains("var proxy = \"PROXY proxy.kommun.se:3128\";"));
        assert!(pac.contains("\"api.openai.com\""));
        assert!(pac.contains("\"chatgpt.com\""));
        assert!(pac.contains("\".openai.azure.com\""));
        assert!(!pac.contains("; DIRECT"));
        assert!(pac.contains("\".oaiusercontent.com\""), "upload hosts too");
    }

    #[test]
    fn registered_upload_hosts_go_through_the_proxy() {
        let text = "[[service]]\nname = \"A\"\nhosts = [\"ai.kommun.se\"]\n\
                    upload_hosts = [\"*.blob.kommun.se\", \"files.kommun.se\"]\n";
        let config = crate::config::parse(text, "x").unwrap_or_else(|e| unreachable!("{e}"));
        let register = Register::new(config.services, Vec::new());
        let pac = render(&register, &["proxy:3128".to_string()]);
        assert!(pac.contains("\"files.kommun.se\""), "{pac}");
        assert!(pac.contains("\".blob.kommun.se\""), "{pac}");
    }

    #[test]
    fn several_proxies_are_tried_in_order_and_never_direct() {
        let text = "[proxy]\npublic_address = \"sluss.kommun.se:3128\"\n\
                    pac_proxies = [\"sluss-a.kommun.se:3128\", \"10.0.0.6:3128\"]\n";
        let config = crate::config::parse(text, "x").unwrap_or_else(|e| unreachable!("{e}"));
        let register = Register::new(config.services, Vec::new());
        let pac = render(&register, &config.proxy.pac_proxies);
        assert!(
            pac.contains("var proxy = \"PROXY sluss-a.kommun.se:3128; PROXY 10.0.0.6:3128\";"),
            "{pac}"
        );
        assert!(!pac.contains("3128; DIRECT"), "no direct fallback: {pac}");

        let default = crate::config::parse("[proxy]\npublic_address = \"s.kommun.se:3128\"\n", "x")
            .unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(default.proxy.pac_proxies, ["s.kommun.se:3128"]);
    }

    #[test]
    fn bad_or_empty_proxy_lists_are_refused_with_their_line() {
        for (text, expected) in [
            ("[proxy]\npac_proxies = []\n", "x:2: pac_proxies is empty"),
            (
                "[proxy]\npac_proxies = [\"a:3128\",\n  \"b:3128; DIRECT\"]\n",
                "x:3: pac_proxies entry `b:3128; DIRECT` is not host:port",
            ),
        ] {
            let errors = crate::config::parse(text, "x").err().map(|e| e.to_string());
            let errors = errors.unwrap_or_default();
            assert!(errors.contains(expected), "{errors}");
        }
    }
}
