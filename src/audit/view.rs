//! Views of the review page as records of the chain: who looked at what (the list with its
//! filter, an incident, an export), as `event.action` `view`. They are not requests: lists,
//! counts, charts and summaries leave them out unless `view` is asked for
//! ([`super::EventAction::is_request`]); an incident's views carry its id and are shown on
//! its page.
//!
//! Paging does not flood the chain: the review page writes one record per person, page and
//! filter in ten minutes, and at most a steady rate per person; views not written are counted
//! on that person's next record (`sluss.view.unrecorded`). See `crate::admin::review::views`.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::record::{
    Event, EventAction, Http, HttpRequest, IncidentId, Record, Sluss, Source, Url, User,
};

/// What a view looked at (`sluss.view`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// `list`, `incident`, `export`, `export_excel` or `page` (another page under `/review`).
    pub what: String,
    /// The filter as given (`since`, `kind`, `user`, …); a value the default policy would
    /// stop (a personnummer typed into a field) is kept as `[withheld]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: BTreeMap<String, String>,
    /// The page of the list (from 1), for the first view the record covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Views by the same person that were not written since their previous view record
    /// (repeats within the window, or views over the rate).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unrecorded: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The value kept for a filter value that must not be stored.
pub const WITHHELD: &str = "[withheld]";

/// One view, as the review page hands it over.
#[derive(Clone, Debug)]
pub struct Viewed {
    /// When.
    pub time: SystemTime,
    /// The viewer's address.
    pub client: IpAddr,
    /// The logged-in admin user.
    pub user: String,
    /// The admin listener's address, as `url.domain`.
    pub host: String,
    /// The path viewed (`/review`, `/review/S-7K2M9Q`, `/review.csv`).
    pub path: String,
    /// The incident viewed, for an incident's page.
    pub incident: Option<IncidentId>,
    /// What was looked at.
    pub view: View,
}

impl Record {
    /// The record of a view: `event.id` is the incident's for an incident's page, else a
    /// fresh `V-` id; `event.reason` is `view:<what>`; no findings.
    pub fn view(viewed: Viewed) -> Record {
        let id = viewed.incident.unwrap_or_else(|| {
            let fresh = IncidentId::random();
            IncidentId::new(&format!("V-{}", &fresh.as_str()[2..]))
        });
        let reason = format!("view:{}", viewed.view.what);
        Record {
            timestamp: viewed.time,
            event: Event::new(id, EventAction::View, reason),
            source: Source { ip: viewed.client },
            user: Some(User { name: viewed.user }),
            url: Url {
                domain: viewed.host,
                path: viewed.path,
            },
            http: Http {
                request: HttpRequest {
                    method: "GET".into(),
                },
            },
            sluss: Sluss {
                view: Some(viewed.view),
                ..Sluss::default()
            },
            prev_hash: String::new(),
            hash: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_an_access_event_and_not_a_request() -> Result<(), serde_json::Error> {
        let record = Record::view(Viewed {
            time: SystemTime::UNIX_EPOCH,
            client: IpAddr::from([127, 0, 0, 1]),
            user: "granskare".into(),
            host: "127.0.0.1".into(),
            path: "/review".into(),
            incident: None,
            view: View {
                what: "list".into(),
                filter: BTreeMap::from([("user".into(), "anna".into())]),
                page: Some(2),
                unrecorded: 0,
            },
        });
        assert!(record.event.id.as_str().starts_with("V-"));
        assert_eq!(record.event.reason, "view:list");
        assert_eq!(record.event.types, ["access"]);
        assert!(!record.event.action.is_request());
        let line = serde_json::to_string(&record)?;
        assert!(line.contains(r#""view":{"what":"list","filter":{"user":"anna"},"page":2}"#));
        let back: Record = serde_json::from_str(&line)?;
        assert_eq!(back, record);
        Ok(())
    }
}
