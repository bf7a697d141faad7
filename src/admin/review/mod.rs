//! The review page for security staff: `/review` (filter, chart, list), an incident's detail
//! (`/review/S-7K2M9Q` or `/review?incident=S-7K2M9Q`) and `/review.csv`.
//!
//! Pages are plain functions of what [`load`] read (tested without a server). The logs are
//! read through indexes kept between requests ([`crate::audit::index`]), on the blocking
//! pool; the CSV export walks the logs themselves, merged by time.

pub mod chart;
pub mod detail;
pub mod export;
pub mod html;
pub mod labels;
pub mod load;
pub mod page;
pub mod rapport;
pub mod status;
pub mod views;

use std::sync::Arc;
use std::time::SystemTime;

use http::{Response, StatusCode};

use super::reply::{self, AdminBody};
use crate::audit::sources::LogSource;
use crate::audit::{AuditError, PublicKey, Query};
use crate::proxy::Shared;
pub use load::Indexes;

/// The filter of a URL query string, and the page asked for (`page=2` is the second, from 1).
pub fn parse_query(raw: Option<&str>) -> (Query, usize) {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let page = pairs
        .iter()
        .rev()
        .find(|(name, _)| name == "page")
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .map_or(0, |page| page.saturating_sub(1));
    (Query::from_pairs(pairs), page)
}

/// `/review`: the list, or an incident's detail when `incident` is given.
pub async fn list(
    shared: &Arc<Shared>,
    indexes: &Arc<Indexes>,
    raw: Option<&str>,
    user: &str,
) -> Response<AdminBody> {
    let (query, page) = parse_query(raw);
    if let Some(id) = query.incident.clone() {
        return incident(shared, indexes, id, user).await;
    }
    let filter = match query.filter(SystemTime::now()) {
        Ok(filter) => filter,
        Err(errors) => {
            return reply::html(StatusCode::BAD_REQUEST, page::list(&query, Err(&errors)));
        }
    };
    let read = move |indexes: &[crate::audit::index::Index]| load::listing(indexes, &filter, page);
    match blocking(shared, indexes, read).await {
        Some(listing) => reply::html(StatusCode::OK, page::list(&query, Ok(&listing))),
        None => reply::failed(),
    }
}

/// An incident's detail page (with the status form for `user`), or 404.
pub async fn incident(
    shared: &Arc<Shared>,
    indexes: &Arc<Indexes>,
    id: String,
    user: &str,
) -> Response<AdminBody> {
    let wanted = id.clone();
    let read = move |indexes: &[crate::audit::index::Index]| load::detail(indexes, &wanted);
    match blocking(shared, indexes, read).await {
        Some(Some(found)) => reply::html(
            StatusCode::OK,
            detail::page(&found, &status::token(shared, user)),
        ),
        Some(None) => reply::html(StatusCode::NOT_FOUND, detail::not_found(&id)),
        None => reply::failed(),
    }
}

/// `/review.csv`: every record that passes the filter, oldest first (the logs merged by
/// time), streamed.
pub async fn csv(
    shared: &Arc<Shared>,
    indexes: &Arc<Indexes>,
    raw: Option<&str>,
) -> Response<AdminBody> {
    let (query, _) = parse_query(raw);
    let flavour = export::Flavour::from_query(raw);
    match query.filter(SystemTime::now()) {
        Ok(filter) if filter.status.is_some() => {
            // A status is set by later records: judge by every log's status records.
            match blocking(shared, indexes, |all| Ok(load::statuses(all))).await {
                Some(statuses) => {
                    export::csv(shared.clone(), filter.with_statuses(&statuses), flavour).await
                }
                None => reply::failed(),
            }
        }
        Ok(filter) => export::csv(shared.clone(), filter, flavour).await,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("{e}")).collect();
            reply::text(
                StatusCode::BAD_REQUEST,
                format!("Filtret kunde inte användas:\n{}\n", lines.join("\n")),
            )
        }
    }
}

/// The logs the review pages show: this instance's, read with its own key, then
/// `[audit] other_instances`, each with the keys beside it or else this instance's (see
/// [`crate::audit::sources`]). Touches the file system: call it off the async workers.
pub fn sources(shared: &Shared) -> Result<Vec<LogSource>, AuditError> {
    let config = &shared.runtime.load().config;
    let audit = &config.audit;
    let own = LogSource {
        path: audit.path.clone(),
        key: shared.audit_key.chain_key(),
        public: PublicKey::load_beside(&audit.signing_key_file)
            .ok()
            .flatten(),
        key_file: audit.key_file.clone(),
    };
    let mut sources = vec![own];
    for other in &audit.other_instances {
        sources.push(LogSource::resolve(
            other,
            &audit.key_file,
            &audit.signing_key_file,
        )?);
    }
    Ok(sources)
}

/// Builds the indexes in the background when the admin listener starts, so that the first
/// view after a restart does not wait for a pass over the logs; logs what it took.
pub fn warm(shared: &Arc<Shared>, indexes: &Arc<Indexes>) {
    let (shared, indexes) = (shared.clone(), indexes.clone());
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let built = sources(&shared).and_then(|sources| {
            indexes.with(&sources, |built| {
                Ok(built
                    .iter()
                    .map(crate::audit::index::Index::len)
                    .sum::<usize>())
            })
        });
        match built {
            Ok(records) => tracing::info!(
                records,
                seconds = started.elapsed().as_secs_f64(),
                "review: audit logs indexed"
            ),
            Err(e) => tracing::warn!(error = %e, "review: cannot index the audit log yet"),
        }
    });
}

/// Runs `read` on up-to-date indexes on the blocking pool; `None` (logged) when it failed.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    indexes: &Arc<Indexes>,
    read: impl Fn(&[crate::audit::index::Index]) -> Result<T, crate::audit::index::Stale>
    + Send
    + 'static,
) -> Option<T> {
    let (shared, indexes) = (shared.clone(), indexes.clone());
    let task = move || {
        let sources = sources(&shared)?;
        indexes.with(&sources, read)
    };
    match tokio::task::spawn_blocking(task).await {
        Ok(Ok(value)) => Some(value),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "review: cannot read the audit log");
            None
        }
        Err(e) => {
            tracing::error!(error = %e, "review: reading the audit log failed");
            None
        }
    }
}
