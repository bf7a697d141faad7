//! What happens after a stop: the person's objection and the status security staff set,
//! each its own record in the chain (the stop's record is never edited), and an incident's
//! current status read back from them.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::SystemTime;

use super::record::{
    Event, EventAction, Http, HttpRequest, IncidentId, Record, Sluss, Source, Url, User,
};

/// The longest comment kept (characters), for objections, status comments and
/// justifications.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// Where security staff have got with an incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Not looked at yet (an incident without a status record).
    New,
    /// Looked at; the stop was right.
    Reviewed,
    /// Looked at; the stop was wrong (a false positive).
    FalseStop,
    /// Handled (the person or unit was contacted, the policy or patterns changed, …).
    Resolved,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 4] = [
        Status::New,
        Status::Reviewed,
        Status::FalseStop,
        Status::Resolved,
    ];

    /// The name as stored in `sluss.status` and used in URLs: `new`, `reviewed`,
    /// `false_stop`, `resolved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Reviewed => "reviewed",
            Status::FalseStop => "false_stop",
            Status::Resolved => "resolved",
        }
    }

    /// The Swedish name staff see: `ny`, `granskad`, `felaktigt stopp`, `åtgärdad`.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "ny",
            Status::Reviewed => "granskad",
            Status::FalseStop => "felaktigt stopp",
            Status::Resolved => "åtgärdad",
        }
    }

    /// A status by its stored name or its Swedish name (`felaktigt stopp`,
    /// `felaktigt-stopp`, `felaktigt_stopp`, `åtgärdad`, `atgardad`), ignoring case.
    pub fn parse(text: &str) -> Option<Status> {
        let text = text.trim().to_lowercase().replace([' ', '-'], "_");
        match text.as_str() {
            "new" | "ny" => Some(Status::New),
            "reviewed" | "granskad" => Some(Status::Reviewed),
            "false_stop" | "felaktigt_stopp" => Some(Status::FalseStop),
            "resolved" | "åtgärdad" | "atgardad" => Some(Status::Resolved),
            _ => None,
        }
    }
}

/// Who wrote a follow-up and about what, as the record will hold it.
#[derive(Clone, Debug)]
pub struct FollowUp {
    /// The incident it is about.
    pub incident: IncidentId,
    /// When.
    pub time: SystemTime,
    /// `objection` or `status`.
    pub action: EventAction,
    /// The writer's address.
    pub client: IpAddr,
    /// The writer's user name (the person stopped, or the admin user), if known.
    pub user: Option<String>,
    /// The incident's service, if registered.
    pub service: Option<String>,
    /// The incident's host.
    pub host: String,
    /// The status set (for `status`).
    pub status: Option<Status>,
    /// The comment, already checked and cut to [`MAX_COMMENT_CHARS`].
    pub comment: Option<String>,
}

impl Record {
    /// The record of a follow-up: `event.id` is the incident's, `event.reason` the action
    /// (`objection`) or `status:<name>`; no findings.
    pub fn follow_up(follow: FollowUp) -> Record {
        let reason = match follow.status {
            Some(status) => format!("status:{}", status.as_str()),
            None => follow.action.as_str().to_string(),
        };
        Record {
            timestamp: follow.time,
            event: Event::new(follow.incident, follow.action, reason),
            source: Source { ip: follow.client },
            user: follow.user.map(|name| User { name }),
            url: Url {
                domain: follow.host,
                path: String::new(),
            },
            http: Http {
                request: HttpRequest {
                    method: "POST".into(),
                },
            },
            sluss: Sluss {
                service: follow.service,
                findings: Vec::new(),
                answer: None,
                uninspectable: None,
                repeat: None,
                status: follow.status.map(|s| s.as_str().to_string()),
                comment: follow.comment,
                view: None,
                traffic: None,
            },
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    /// The status this record sets, for a `status` follow-up.
    pub fn status_set(&self) -> Option<Status> {
        if self.event.action != EventAction::Status {
            return None;
        }
        self.sluss.status.as_deref().and_then(Status::parse)
    }
}

/// A comment as kept: control characters replaced by spaces, blank runs collapsed, trimmed,
/// cut to [`MAX_COMMENT_CHARS`] characters. `None` when nothing is left.
pub fn clean_comment(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len().min(MAX_COMMENT_CHARS * 4));
    let mut chars = 0;
    let mut blank = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            blank = !out.is_empty();
            continue;
        }
        if chars >= MAX_COMMENT_CHARS {
            break;
        }
        if blank {
            out.push(' ');
            chars += 1;
            blank = false;
        }
        out.push(c);
        chars += 1;
    }
    (!out.is_empty()).then_some(out)
}

/// The current status of incidents, from their status records: the latest in time wins (in
/// log order for equal times). An incident that has none is [`Status::New`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statuses {
    current: BTreeMap<String, (SystemTime, Status)>,
}

impl Statuses {
    /// Takes `record` into account if it sets a status.
    pub fn add(&mut self, record: &Record) {
        if let Some(status) = record.status_set() {
            self.set(record.event.id.as_str(), record.timestamp, status);
        }
    }

    /// Sets `id`'s status at `time`, unless a later one is known.
    pub fn set(&mut self, id: &str, time: SystemTime, status: Status) {
        let id = id.trim().to_uppercase();
        match self.current.get_mut(&id) {
            Some((at, current)) if *at <= time => {
                *at = time;
                *current = status;
            }
            Some(_) => {}
            None => {
                self.current.insert(id, (time, status));
            }
        }
    }

    /// Takes in every status of `other` (another log's).
    pub fn merge(&mut self, other: &Statuses) {
        for (id, (time, status)) in &other.current {
            self.set(id, *time, *status);
        }
    }

    /// The status of incident `id`.
    pub fn of(&self, id: &str) -> Status {
        self.current
            .get(&id.trim().to_uppercase())
            .map_or(Status::New, |(_, s)| *s)
    }

    /// Incidents with a status other than new, and theirs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Status)> {
        self.current.iter().map(|(id, (_, s))| (id.as_str(), *s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn statuses_parse_in_both_languages() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert_eq!(Status::parse(status.label()), Some(status));
        }
        assert_eq!(Status::parse("Felaktigt-stopp"), Some(Status::FalseStop));
        assert_eq!(Status::parse("atgardad"), Some(Status::Resolved));
        assert_eq!(Status::parse("closed"), None);
    }

    #[test]
    fn the_latest_status_wins() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let mut statuses = Statuses::default();
        statuses.set("s-2222aa", t, Status::Reviewed);
        statuses.set("S-2222AA", t - Duration::from_secs(5), Status::Resolved);
        assert_eq!(statuses.of("S-2222AA"), Status::Reviewed);
        statuses.set("S-2222AA", t + Duration::from_secs(5), Status::FalseStop);
        assert_eq!(statuses.of(" s-2222aa"), Status::FalseStop);
        assert_eq!(statuses.of("S-3333BB"), Status::New);
    }

    #[test]
    fn comments_are_cleaned_and_cut() {
        assert_eq!(clean_comment("  a\n\tb\u{7}c  ").as_deref(), Some("a b c"));
        assert_eq!(clean_comment(" \n "), None);
        let long = "å".repeat(MAX_COMMENT_CHARS + 10);
        assert_eq!(
            clean_comment(&long).map(|c| c.chars().count()),
            Some(MAX_COMMENT_CHARS)
        );
    }
}
