//! The policy: what to do about findings. Block, redact or allow, per service.
//!
//! Defaults (SPEC.md): identity numbers of high or medium confidence are blocked; markers and
//! labels of internal material are blocked; a sensitive category blocks only when it is about a
//! person identified in the prompt (detection links it to that person, see `detect::linkage`);
//! low-confidence findings are reported, not acted on; a body that cannot be
//! inspected is blocked. Every action, the threshold and the identifier list can be overridden
//! per service.

use serde::{Deserialize, Serialize};

use crate::detect::{Confidence, Finding, Kind};

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Let it through.
    Allow,
    /// Replace the findings with placeholders and let it through.
    Redact,
    /// Stop it.
    Block,
    /// Hold it: the person may send it anyway with a written justification (see
    /// `proxy::justify`).
    Warn,
}

impl Action {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Redact => "redact",
            Action::Block => "block",
            Action::Warn => "warn",
        }
    }
}

/// Which rule of the policy decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A personnummer was found.
    Personnummer,
    /// A samordningsnummer was found.
    Samordningsnummer,
    /// A confidentiality marker was found.
    ConfidentialityMarker,
    /// A label of internal material was found.
    InternalMaterial,
    /// Sensitive data together with an identifier of a person.
    SensitiveWithIdentifier,
    /// Sensitive data with no identifiable person.
    SensitiveWithoutIdentifier,
    /// A personnummer or samordningsnummer below the confidence threshold (a number that may
    /// be one).
    LowConfidenceIdentityNumber,
    /// The body could not be inspected.
    Uninspectable,
    /// The service is not in the register.
    NotApproved,
}

impl Rule {
    /// The rule's name as in the config and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Personnummer => "personnummer",
            Rule::Samordningsnummer => "samordningsnummer",
            Rule::ConfidentialityMarker => "confidentiality_marker",
            Rule::InternalMaterial => "internal_material",
            Rule::SensitiveWithIdentifier => "sensitive_with_identifier",
            Rule::SensitiveWithoutIdentifier => "sensitive_without_identifier",
            Rule::LowConfidenceIdentityNumber => "low_confidence_identity_number",
            Rule::Uninspectable => "uninspectable",
            Rule::NotApproved => "not_approved",
        }
    }
}

/// The policy in force for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicePolicy {
    /// For personnummer.
    pub personnummer: Action,
    /// For samordningsnummer.
    pub samordningsnummer: Action,
    /// For confidentiality markers (block or allow; a marking cannot be redacted away).
    pub confidentiality_marker: Action,
    /// For labels of internal material (block or allow; a service approved for internal
    /// material sets `allow`).
    pub internal_material: Action,
    /// For a sensitive category with an identifier of a person.
    pub sensitive_with_identifier: Action,
    /// For a sensitive category with no identifiable person.
    pub sensitive_without_identifier: Action,
    /// For a personnummer or samordningsnummer below `min_confidence` (allow by default:
    /// reported, not acted on; `warn` asks the person to confirm).
    pub low_confidence_identity_number: Action,
    /// For a body that cannot be inspected.
    pub uninspectable: Action,
    /// Findings below this confidence are reported, not acted on.
    pub min_confidence: Confidence,
    /// Kinds that identify a person (for `sensitive_with_identifier`).
    pub identifiers: Vec<Kind>,
}

impl Default for ServicePolicy {
    fn default() -> Self {
        ServicePolicy {
            personnummer: Action::Block,
            samordningsnummer: Action::Block,
            confidentiality_marker: Action::Block,
            internal_material: Action::Block,
            sensitive_with_identifier: Action::Block,
            sensitive_without_identifier: Action::Allow,
            low_confidence_identity_number: Action::Allow,
            uninspectable: Action::Block,
            min_confidence: Confidence::Medium,
            identifiers: vec![
                Kind::Personnummer,
                Kind::Samordningsnummer,
                Kind::PersonName,
                Kind::Phone,
                Kind::Email,
                Kind::Address,
                Kind::PaymentCard,
            ],
        }
    }
}

/// Per-service changes to a policy (every field optional), as written in the config.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyOverrides {
    /// See [`ServicePolicy::personnummer`].
    pub personnummer: Option<Action>,
    /// See [`ServicePolicy::samordningsnummer`]; defaults to the personnummer action.
    pub samordningsnummer: Option<Action>,
    /// See [`ServicePolicy::confidentiality_marker`].
    pub confidentiality_marker: Option<Action>,
    /// See [`ServicePolicy::internal_material`].
    pub internal_material: Option<Action>,
    /// See [`ServicePolicy::sensitive_with_identifier`].
    pub sensitive_with_identifier: Option<Action>,
    /// See [`ServicePolicy::sensitive_without_identifier`].
    pub sensitive_without_identifier: Option<Action>,
    /// See [`ServicePolicy::low_confidence_identity_number`].
    pub low_confidence_identity_number: Option<Action>,
    /// See [`ServicePolicy::uninspectable`].
    pub uninspectable: Option<Action>,
    /// See [`ServicePolicy::min_confidence`].
    pub min_confidence: Option<Confidence>,
    /// See [`ServicePolicy::identifiers`] (kind names).
    pub identifiers: Option<Vec<String>>,
}

impl ServicePolicy {
    /// This policy for a request the person has justified: every `warn` becomes `allow`.
    pub fn justified(&self) -> ServicePolicy {
        let pass = |a: Action| if a == Action::Warn { Action::Allow } else { a };
        ServicePolicy {
            personnummer: pass(self.personnummer),
            samordningsnummer: pass(self.samordningsnummer),
            confidentiality_marker: pass(self.confidentiality_marker),
            internal_material: pass(self.internal_material),
            sensitive_with_identifier: pass(self.sensitive_with_identifier),
            sensitive_without_identifier: pass(self.sensitive_without_identifier),
            low_confidence_identity_number: pass(self.low_confidence_identity_number),
            uninspectable: pass(self.uninspectable),
            min_confidence: self.min_confidence,
            identifiers: self.identifiers.clone(),
        }
    }

    /// Whether any rule warns.
    pub fn warns(&self) -> bool {
        [
            self.personnummer,
            self.samordningsnummer,
            self.confidentiality_marker,
            self.internal_material,
            self.sensitive_with_identifier,
            self.sensitive_without_identifier,
            self.low_confidence_identity_number,
        ]
        .contains(&Action::Warn)
    }

    /// This policy with `overrides` applied. Unknown identifier kinds are ignored here; config
    /// validation reports them.
    pub fn with(&self, overrides: &PolicyOverrides) -> ServicePolicy {
        let personnummer = overrides.personnummer.unwrap_or(self.personnummer);
        ServicePolicy {
            personnummer,
            samordningsnummer: overrides
                .samordningsnummer
                .or(overrides.personnummer)
                .unwrap_or(self.samordningsnummer),
            confidentiality_marker: overrides
                .confidentiality_marker
                .unwrap_or(self.confidentiality_marker),
            internal_material: overrides
                .internal_material
                .unwrap_or(self.internal_material),
            sensitive_with_identifier: overrides
                .sensitive_with_identifier
                .unwrap_or(self.sensitive_with_identifier),
            sensitive_without_identifier: overrides
                .sensitive_without_identifier
                .unwrap_or(self.sensitive_without_identifier),
            low_confidence_identity_number: overrides
                .low_confidence_identity_number
                .unwrap_or(self.low_confidence_identity_number),
            uninspectable: overrides.uninspectable.unwrap_or(self.uninspectable),
            min_confidence: overrides.min_confidence.unwrap_or(self.min_confidence),
            identifiers: match &overrides.identifiers {
                Some(names) => names.iter().filter_map(|n| Kind::parse(n)).collect(),
                None => self.identifiers.clone(),
            },
        }
    }
}

/// What the policy decided, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to act on.
    Allow,
    /// Replace these findings (indices into the findings) with placeholders.
    Redact {
        /// Indices of the findings to replace.
        targets: Vec<usize>,
        /// The rules that asked for redaction.
        rules: Vec<Rule>,
    },
    /// Stop the request.
    Block {
        /// The rule that blocked (the first in policy order).
        rule: Rule,
        /// Indices of the findings that led to the block.
        causes: Vec<usize>,
    },
    /// Hold the request until the person justifies sending it.
    Warn {
        /// The rule that warned (the first in policy order).
        rule: Rule,
        /// Indices of the findings that led to the warning.
        causes: Vec<usize>,
    },
}

impl Verdict {
    /// The action this verdict takes.
    pub fn action(&self) -> Action {
        match self {
            Verdict::Allow => Action::Allow,
            Verdict::Redact { .. } => Action::Redact,
            Verdict::Block { .. } => Action::Block,
            Verdict::Warn { .. } => Action::Warn,
        }
    }
}

/// Decides what to do about `findings` under `policy`.
pub fn decide(policy: &ServicePolicy, findings: &[Finding]) -> Verdict {
    let acted = |f: &Finding| f.confidence >= policy.min_confidence;
    // (rule, action, causing findings), in policy order.
    let mut decisions: Vec<(Rule, Action, Vec<usize>)> = Vec::new();
    let mut push = |rule: Rule, action: Action, causes: Vec<usize>| {
        if !causes.is_empty() && action != Action::Allow {
            decisions.push((rule, action, causes));
        }
    };
    let indices = |pred: &dyn Fn(&Finding) -> bool| -> Vec<usize> {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| pred(f))
            .map(|(i, _)| i)
            .collect()
    };
    push(
        Rule::Personnummer,
        policy.personnummer,
        indices(&|f| f.kind == Kind::Personnummer && acted(f)),
    );
    push(
        Rule::Samordningsnummer,
        policy.samordningsnummer,
        indices(&|f| f.kind == Kind::Samordningsnummer && acted(f)),
    );
    push(
        Rule::LowConfidenceIdentityNumber,
        policy.low_confidence_identity_number,
        indices(&|f| f.kind.is_identity_number() && !acted(f)),
    );
    push(
        Rule::ConfidentialityMarker,
        policy.confidentiality_marker,
        indices(&|f| f.kind == Kind::ConfidentialityMarker && acted(f)),
    );
    push(
        Rule::InternalMaterial,
        policy.internal_material,
        indices(&|f| f.kind == Kind::InternalMaterial && acted(f)),
    );
    let sensitive = indices(&|f| matches!(f.kind, Kind::Sensitive(_)) && acted(f));
    if !sensitive.is_empty() {
        let (linked, unlinked) = link_sensitive(policy, findings, sensitive);
        if !linked.is_empty() {
            push(
                Rule::SensitiveWithIdentifier,
                policy.sensitive_with_identifier,
                linked,
            );
        }
        push(
            Rule::SensitiveWithoutIdentifier,
            policy.sensitive_without_identifier,
            unlinked,
        );
    }
    if let Some((rule, _, causes)) = decisions.iter().find(|d| d.1 == Action::Block) {
        return Verdict::Block {
            rule: *rule,
            causes: causes.clone(),
        };
    }
    // A warning comes before redaction: once justified, the request is decided again under
    // `ServicePolicy::justified`, which still redacts.
    if let Some((rule, _, causes)) = decisions.iter().find(|d| d.1 == Action::Warn) {
        return Verdict::Warn {
            rule: *rule,
            causes: causes.clone(),
        };
    }
    if decisions.is_empty() {
        return Verdict::Allow;
    }
    let mut targets: Vec<usize> = decisions.iter().flat_map(|d| d.2.iter().copied()).collect();
    targets.sort_unstable();
    targets.dedup();
    Verdict::Redact {
        targets,
        rules: decisions.iter().map(|d| d.0).collect(),
    }
}

/// Splits the acted sensitive findings into those about a person identified by an identifier
/// the policy counts (returned with those identifiers, or, when the policy redacts, only the
/// identifiers: redaction removes what identifies the person), and those about nobody
/// identifiable.
///
/// A sensitive finding is about a person when detection linked it to one (`Finding::person`,
/// see `detect::linkage`): the person is named in the same sentence, or referred to there. An
/// identifier counts when its kind is in the policy's list and it reaches the threshold;
/// identity numbers count whatever their confidence (a low one may be a phone number, which
/// identifies too).
fn link_sensitive(
    policy: &ServicePolicy,
    findings: &[Finding],
    sensitive: Vec<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let identifies = |f: &Finding| {
        policy.identifiers.contains(&f.kind)
            && (f.kind.is_identity_number() || f.confidence >= policy.min_confidence)
    };
    let identified: std::collections::HashSet<usize> = findings
        .iter()
        .filter(|f| identifies(f))
        .filter_map(|f| f.person)
        .collect();
    let (linked, unlinked): (Vec<usize>, Vec<usize>) = sensitive
        .into_iter()
        .partition(|&i| findings[i].person.is_some_and(|p| identified.contains(&p)));
    if linked.is_empty() {
        return (linked, unlinked);
    }
    let persons: std::collections::HashSet<usize> =
        linked.iter().filter_map(|&i| findings[i].person).collect();
    let identifiers = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| identifies(f) && f.person.is_some_and(|p| persons.contains(&p)))
        .map(|(i, _)| i);
    let causes = match policy.sensitive_with_identifier {
        Action::Redact => identifiers.collect(),
        _ => linked.into_iter().chain(identifiers).collect(),
    };
    (causes, unlinked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Category;

    /// A finding about (or naming) person 0, as detection links them.
    fn finding(kind: Kind, confidence: Confidence) -> Finding {
        let mut f = Finding::new(kind, "test", 0..1, confidence);
        f.person = Some(0);
        f
    }

    #[test]
    fn high_and_medium_identity_numbers_block_low_ones_do_not() {
        let policy = ServicePolicy::default();
        for c in [Confidence::High, Confidence::Medium] {
            let v = decide(&policy, &[finding(Kind::Personnummer, c)]);
            assert_eq!(v.action(), Action::Block);
        }
        let v = decide(&policy, &[finding(Kind::Personnummer, Confidence::Low)]);
        assert_eq!(v, Verdict::Allow);
    }

    #[test]
    fn a_warning_holds_unless_something_blocks_and_justification_passes_it() {
        let policy = ServicePolicy::default().with(&PolicyOverrides {
            sensitive_without_identifier: Some(Action::Warn),
            low_confidence_identity_number: Some(Action::Warn),
            ..PolicyOverrides::default()
        });
        assert!(policy.warns());
        let mut health = finding(Kind::Sensitive(Category::Health), Confidence::High);
        health.person = None;
        let v = decide(&policy, std::slice::from_ref(&health));
        assert_eq!(
            v,
            Verdict::Warn {
                rule: Rule::SensitiveWithoutIdentifier,
                causes: vec![0]
            }
        );
        let low = finding(Kind::Personnummer, Confidence::Low);
        let v = decide(&policy, std::slice::from_ref(&low));
        assert_eq!(v.action(), Action::Warn);
        let high = finding(Kind::Personnummer, Confidence::High);
        assert_eq!(
            decide(&policy, &[health.clone(), high]).action(),
            Action::Block
        );
        let justified = policy.justified();
        assert!(!justified.warns());
        assert_eq!(decide(&justified, &[health, low]), Verdict::Allow);
        assert_eq!(
            decide(
                &ServicePolicy::default(),
                &[finding(Kind::Personnummer, Confidence::Low)]
            ),
            Verdict::Allow,
            "low-confidence numbers are reported, not acted on, by default"
        );
    }

    #[test]
    fn sensitive_blocks_only_with_an_identifier() {
        let policy = ServicePolicy::default();
        let health = finding(Kind::Sensitive(Category::Health), Confidence::High);
        assert_eq!(
            decide(&policy, std::slice::from_ref(&health)),
            Verdict::Allow
        );
        let name = finding(Kind::PersonName, Confidence::High);
        let v = decide(&policy, &[health.clone(), name]);
        assert_eq!(
            v,
            Verdict::Block {
                rule: Rule::SensitiveWithIdentifier,
                causes: vec![0, 1]
            }
        );
        let lone_first_name = finding(Kind::PersonName, Confidence::Low);
        assert_eq!(
            decide(&policy, &[health.clone(), lone_first_name]),
            Verdict::Allow
        );
    }

    #[test]
    fn sensitive_data_about_nobody_or_someone_else_is_not_about_the_named_person() {
        let policy = ServicePolicy::default();
        let name = finding(Kind::PersonName, Confidence::High);
        let mut about_nobody = finding(Kind::Sensitive(Category::Health), Confidence::High);
        about_nobody.person = None;
        assert_eq!(
            decide(&policy, &[about_nobody, name.clone()]),
            Verdict::Allow
        );
        let mut about_another = finding(Kind::Sensitive(Category::Health), Confidence::High);
        about_another.person = Some(7);
        assert_eq!(decide(&policy, &[about_another, name]), Verdict::Allow);
    }

    #[test]
    fn a_low_identity_number_still_identifies_a_person() {
        let policy = ServicePolicy::default();
        let v = decide(
            &policy,
            &[
                finding(Kind::Sensitive(Category::Health), Confidence::High),
                finding(Kind::Personnummer, Confidence::Low),
            ],
        );
        assert_eq!(v.action(), Action::Block);
    }

    #[test]
    fn redacting_service_redacts_numbers_and_identifiers() {
        let policy = ServicePolicy::default().with(&PolicyOverrides {
            personnummer: Some(Action::Redact),
            sensitive_with_identifier: Some(Action::Redact),
            ..PolicyOverrides::default()
        });
        assert_eq!(policy.samordningsnummer, Action::Redact);
        let v = decide(
            &policy,
            &[
                finding(Kind::Personnummer, Confidence::High),
                finding(Kind::Sensitive(Category::Health), Confidence::High),
                finding(Kind::PersonName, Confidence::High),
            ],
        );
        assert_eq!(
            v,
            Verdict::Redact {
                targets: vec![0, 2],
                rules: vec![Rule::Personnummer, Rule::SensitiveWithIdentifier]
            }
        );
    }

    #[test]
    fn internal_material_blocks_by_default_and_a_service_may_allow_it() {
        let label = [finding(Kind::InternalMaterial, Confidence::Medium)];
        let v = decide(&ServicePolicy::default(), &label);
        assert!(matches!(
            v,
            Verdict::Block {
                rule: Rule::InternalMaterial,
                ..
            }
        ));
        let approved = ServicePolicy::default().with(&PolicyOverrides {
            internal_material: Some(Action::Allow),
            ..PolicyOverrides::default()
        });
        assert_eq!(decide(&approved, &label), Verdict::Allow);
        // Approval for internal material is not approval for confidential documents.
        let marked = [
            finding(Kind::InternalMaterial, Confidence::High),
            finding(Kind::ConfidentialityMarker, Confidence::High),
        ];
        assert!(matches!(
            decide(&approved, &marked),
            Verdict::Block {
                rule: Rule::ConfidentialityMarker,
                ..
            }
        ));
        let low = [finding(Kind::InternalMaterial, Confidence::Low)];
        assert_eq!(decide(&ServicePolicy::default(), &low), Verdict::Allow);
    }

    #[test]
    fn block_wins_over_redact() {
        let policy = ServicePolicy::default().with(&PolicyOverrides {
            personnummer: Some(Action::Redact),
            ..PolicyOverrides::default()
        });
        let v = decide(
            &policy,
            &[
                finding(Kind::Personnummer, Confidence::High),
                finding(Kind::ConfidentialityMarker, Confidence::High),
            ],
        );
        assert!(matches!(
            v,
            Verdict::Block {
                rule: Rule::ConfidentialityMarker,
                ..
            }
        ));
    }
}
