//! The review page for security staff: `/review` (filter, chart, list), an incident's detail
//! (`/review/S-7K2M9Q` or `/review?incident=S-7K2M9Q`) and `/review.csv`.
//!
//! Pages are plain functions of what [`load`] read (tested without a server); reading the log
//! runs on the blocking pool, one pass over every file per request.

pub mod chart;
pub mod detail;
mod export;
pub mod html;
pub mod labels;
pub mod load;
pub mod page;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

use http::{Response, StatusCode};

use super::reply::{self, AdminBody};
use crate::audit::{AuditReader, ChainKey, PublicKey, Query};
use crate::proxy::Shared;

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
pub async fn list(shared: &Arc<Shared>, raw: Option<&str>) -> Response<AdminBody> {
    let (query, page) = parse_query(raw);
    if let Some(id) = query.incident.clone() {
        return incident(shared, id).await;
    }
    let filter = match query.filter(SystemTime::now()) {
        Ok(filter) => filter,
        Err(errors) => {
            return reply::html(StatusCode::BAD_REQUEST, page::list(&query, Err(&errors)));
        }
    };
    let path = audit_path(shared);
    match blocking(move || load::listing(&path, &filter, page)).await {
        Some(listing) => reply::html(StatusCode::OK, page::list(&query, Ok(&listing))),
        None => reply::failed(),
    }
}

/// An incident's detail page, or 404.
pub async fn incident(shared: &Arc<Shared>, id: String) -> Response<AdminBody> {
    let path = audit_path(shared);
    let wanted = id.clone();
    match blocking(move || load::detail(&path, &wanted)).await {
        Some(Some(found)) => reply::html(StatusCode::OK, detail::page(&found)),
        Some(None) => reply::html(StatusCode::NOT_FOUND, detail::not_found(&id)),
        None => reply::failed(),
    }
}

/// `/review.csv`: every record that passes the filter, oldest first, streamed.
pub async fn csv(shared: &Arc<Shared>, raw: Option<&str>) -> Response<AdminBody> {
    let (query, _) = parse_query(raw);
    match query.filter(SystemTime::now()) {
        Ok(filter) => export::csv(audit_path(shared), filter).await,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("{e}")).collect();
            reply::text(
                StatusCode::BAD_REQUEST,
                format!("Filtret kunde inte användas:\n{}\n", lines.join("\n")),
            )
        }
    }
}

/// The audit log as the review pages read it: its path, the chain key, and the public key of
/// its checkpoints (when it can be read).
#[derive(Clone, Debug)]
pub struct Log {
    /// The current file.
    pub path: PathBuf,
    /// The chain key.
    pub key: ChainKey,
    /// The checkpoints' public key.
    pub public: Option<PublicKey>,
}

impl Log {
    /// Opens a reader (touches the file system: call it off the async workers).
    pub fn open(&self) -> Result<AuditReader, crate::audit::AuditError> {
        Ok(AuditReader::open(&self.path, &self.key)?.with_public_key(self.public))
    }
}

/// The current audit log.
fn audit_path(shared: &Shared) -> Log {
    let config = &shared.runtime.load().config;
    Log {
        path: config.audit.path.clone(),
        key: shared.audit_key.chain_key(),
        public: PublicKey::load_beside(&config.audit.signing_key_file)
            .ok()
            .flatten(),
    }
}

/// Runs `read` on the blocking pool; `None` (logged) when it failed.
async fn blocking<T: Send + 'static>(
    read: impl FnOnce() -> Result<T, crate::audit::AuditError> + Send + 'static,
) -> Option<T> {
    match tokio::task::spawn_blocking(read).await {
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
