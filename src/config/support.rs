//! `[support]`: who staff contact about a stop, and the policy they are pointed to, as the
//! block pages and the JSON errors say it. Every value is shown to staff: plain text, checked
//! for what it claims to be (an address, a telephone number, a web address).

use toml::Spanned;

use super::file::SupportSection;
use super::validate::Problems;

/// Who staff contact, by default.
pub const CONTACT: &str = "IT-supporten eller informationssäkerhetsfunktionen";
/// Who answers questions about secrecy and markings, by default.
pub const SECRECY_CONTACT: &str = "registraturen eller kommunens jurister";

/// The longest text value accepted (characters).
const MAX_TEXT: usize = 300;

/// `[support]`, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportConfig {
    /// Who to contact, as it reads after "om du kontaktar" (`IT-supporten`).
    pub contact: String,
    /// Their e-mail address.
    pub email: Option<String>,
    /// Their telephone number.
    pub phone: Option<String>,
    /// A sentence or two more (opening hours, a self-service portal, …).
    pub text: Option<String>,
    /// The municipality's AI policy (an `https://` or `http://` address).
    pub policy_url: Option<String>,
    /// Who advises on secrecy and confidentiality markings (the registry, the lawyers), as it
    /// reads after "Fråga".
    pub secrecy_contact: String,
}

impl Default for SupportConfig {
    fn default() -> Self {
        SupportConfig {
            contact: CONTACT.into(),
            email: None,
            phone: None,
            text: None,
            policy_url: None,
            secrecy_contact: SECRECY_CONTACT.into(),
        }
    }
}

/// Validates `[support]`.
pub(super) fn support(s: &SupportSection, p: &mut Problems<'_>) -> SupportConfig {
    let defaults = SupportConfig::default();
    SupportConfig {
        contact: text(&s.contact, "contact", p).unwrap_or(defaults.contact),
        email: checked(&s.email, "email", p, email_problem),
        phone: checked(&s.phone, "phone", p, phone_problem),
        text: text(&s.text, "text", p),
        policy_url: checked(&s.policy_url, "policy_url", p, url_problem),
        secrecy_contact: text(&s.secrecy_contact, "secrecy_contact", p)
            .unwrap_or(defaults.secrecy_contact),
    }
}

/// A text value: trimmed, not empty, at most [`MAX_TEXT`] characters, no control characters.
fn text(value: &Option<Spanned<String>>, name: &str, p: &mut Problems<'_>) -> Option<String> {
    checked(value, name, p, |v| {
        if v.is_empty() {
            Some(format!(
                "{name} must not be empty (leave it out for the default)"
            ))
        } else if v.chars().count() > MAX_TEXT {
            Some(format!("{name} must be at most {MAX_TEXT} characters"))
        } else if v.chars().any(char::is_control) {
            Some(format!(
                "{name} must not hold control characters or line breaks"
            ))
        } else {
            None
        }
    })
}

/// The trimmed value when `problem` finds nothing wrong with it; else the problem, reported
/// at its line.
fn checked(
    value: &Option<Spanned<String>>,
    name: &str,
    p: &mut Problems<'_>,
    problem: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let spanned = value.as_ref()?;
    let v = spanned.get_ref().trim();
    match problem(v) {
        Some(problem) => {
            let problem = if problem.starts_with(name) {
                problem
            } else {
                format!("{name} `{v}`: {problem}")
            };
            p.at(spanned.span(), problem);
            None
        }
        None => Some(v.to_string()),
    }
}

/// What is wrong with an e-mail address, if anything.
fn email_problem(v: &str) -> Option<String> {
    let ok = v.len() <= 254
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        })
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:[]\\".contains(c));
    (!ok).then(|| "not an e-mail address such as support@kommun.se".to_string())
}

/// What is wrong with a telephone number, if anything.
fn phone_problem(v: &str) -> Option<String> {
    let allowed = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (!(allowed && (5..=20).contains(&digits)))
        .then(|| "not a telephone number such as 08-123 456 00 or +46 8 123 456 00".to_string())
}

/// What is wrong with a web address, if anything.
fn url_problem(v: &str) -> Option<String> {
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains('@')
    });
    let clean = !v
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`".contains(c));
    (!(host_ok && clean && v.len() <= 2000))
        .then(|| "not a web address starting with https:// (or http://)".to_string())
}

impl SupportConfig {
    /// `IT-supporten (support@kommun.se, 08-123 456)`: who to contact, with the ways to reach
    /// them, for a sentence.
    pub fn reach(&self) -> String {
        let ways: Vec<&str> = [self.email.as_deref(), self.phone.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if ways.is_empty() {
            self.contact.clone()
        } else {
            format!("{} ({})", self.contact, ways.join(", telefon "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn defaults_and_every_bad_value_with_its_line() {
        let c = parse("", "x").map(|c| c.support).unwrap_or_default();
        assert_eq!(c, SupportConfig::default());
        assert_eq!(c.reach(), CONTACT);
        let text = "[support]\ncontact = 'Servicedesk'\nemail = 'inte en adress'\n\
                    phone = 'ring oss'\npolicy_url = 'javascript:alert(1)'\ntext = ''\n\
                    secrecy_contact = 'Registraturen'\n";
        let errors = parse(text, "x.toml").err().map(|e| e.0).unwrap_or_default();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6], "{errors:?}");
        assert!(errors[2].problem.contains("policy_url"), "{errors:?}");
        let ok = parse(
            "[support]\ncontact = 'Servicedesk'\nemail = 'servicedesk@kommun.se'\n\
             phone = '08-123 456 00'\npolicy_url = 'https://intranat.kommun.se/ai-policy'\n",
            "x",
        )
        .map(|c| c.support)
        .unwrap_or_default();
        assert_eq!(
            ok.reach(),
            "Servicedesk (servicedesk@kommun.se, telefon 08-123 456 00)"
        );
        assert_eq!(
            ok.policy_url.as_deref(),
            Some("https://intranat.kommun.se/ai-policy")
        );
    }
}
