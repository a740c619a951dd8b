//! The tickets crate's tables and its only SQL: the data keys, the blind
//! index and the record of erased subjects (see `privacy`), and the pool
//! of unmatched parcels (see `parcels`).

use chrono::{DateTime, Utc};
use returns_eventstore::db::{Arg, Db, Filter, Migrations, Statement};
use returns_eventstore::{statement, Result, SideWrite};

/// `data_keys`, `personal_index`, `erased_subjects`, `parcel_pool`.
pub static MIGRATIONS: Migrations = returns_eventstore::migrations!("tickets");

/// Creates or updates the tickets' tables (idempotent).
pub async fn migrate(db: &Db) -> Result<()> {
    db.migrate(&MIGRATIONS).await
}

/// A data key as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct WrappedKey {
    /// Its subject.
    pub subject_id: String,
    /// The key under the master key.
    pub wrapped_key: Vec<u8>,
    /// The wrapping nonce.
    pub nonce: Vec<u8>,
    /// Which master key wrapped it.
    pub master_key_id: String,
}

/// The key of `subject`, if it has one.
pub async fn key(db: &Db, subject: &str) -> Result<Option<WrappedKey>> {
    db.fetch_optional(&statement!(
        "SELECT subject_id, wrapped_key, nonce, master_key_id FROM data_keys WHERE subject_id = $1",
        subject
    ))
    .await
}

/// Stores `key` unless the subject has one already (two writers racing to
/// make a subject's first key: the first wins, the second reads it back).
pub async fn insert_key(db: &Db, key: &WrappedKey, at: DateTime<Utc>) -> Result<()> {
    db.execute(&statement!(
        "INSERT INTO data_keys (subject_id, wrapped_key, nonce, master_key_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject_id) DO NOTHING",
        key.subject_id.as_str(),
        key.wrapped_key.clone(),
        key.nonce.clone(),
        key.master_key_id.as_str(),
        at.timestamp_micros()
    ))
    .await?;
    Ok(())
}

/// Every stored key (for rotation).
pub async fn all_keys(db: &Db) -> Result<Vec<WrappedKey>> {
    db.fetch_all(&statement!(
        "SELECT subject_id, wrapped_key, nonce, master_key_id FROM data_keys ORDER BY subject_id"
    ))
    .await
}

/// Master key ids in use, with how many keys each wraps.
pub async fn master_key_ids(db: &Db) -> Result<Vec<(String, i64)>> {
    db.fetch_all(&statement!(
        "SELECT master_key_id, COUNT(*) FROM data_keys GROUP BY master_key_id ORDER BY master_key_id"
    ))
    .await
}

/// Deletes `subject`'s key and blind index entries and records the erasure,
/// in one transaction; returns whether a key existed.
pub async fn erase(db: &Db, subject: &str, at: DateTime<Utc>) -> Result<bool> {
    let mut tx = db.begin().await?;
    let deleted = tx
        .run(&statement!(
            "DELETE FROM data_keys WHERE subject_id = $1",
            subject
        ))
        .await?;
    tx.run(&statement!(
        "DELETE FROM personal_index WHERE subject_id = $1",
        subject
    ))
    .await?;
    tx.run(&statement!(
        "INSERT INTO erased_subjects (subject_id, erased_at) VALUES ($1, $2) \
         ON CONFLICT (subject_id) DO UPDATE SET erased_at = excluded.erased_at",
        subject,
        at.timestamp_micros()
    ))
    .await?;
    tx.commit().await?;
    // The key and the digests must leave the database's files now, not
    // whenever the database next reuses their pages.
    db.purge_deleted(&["data_keys", "personal_index"]).await?;
    Ok(deleted > 0)
}

/// Whether `subject` was erased.
pub async fn was_erased(db: &Db, subject: &str) -> Result<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(&statement!(
            "SELECT erased_at FROM erased_subjects WHERE subject_id = $1",
            subject
        ))
        .await?;
    Ok(row.is_some())
}

/// Replaces every key with its re-wrapped form, in one transaction.
pub async fn rewrap_all(db: &Db, keys: &[WrappedKey]) -> Result<()> {
    let mut tx = db.begin().await?;
    for key in keys {
        tx.run(&statement!(
            "UPDATE data_keys SET wrapped_key = $1, nonce = $2, master_key_id = $3 WHERE subject_id = $4",
            key.wrapped_key.clone(),
            key.nonce.clone(),
            key.master_key_id.as_str(),
            key.subject_id.as_str()
        ))
        .await?;
    }
    tx.commit().await?;
    // The keys as wrapped under the old master key must not outlive it in
    // the database's files.
    db.purge_deleted(&["data_keys"]).await
}

/// Stores `key` with an append (see [`SideWrite`]): inserts it, or finds
/// the identical key there (a retried append, or two appends of one batch
/// for the same new subject). A different key already stored affects no
/// row, which refuses the append: the subject's events must all be
/// encrypted under the one stored key.
pub fn claim_key(key: &WrappedKey, at: DateTime<Utc>) -> SideWrite {
    SideWrite::insert(
        "data_keys",
        &[
            "subject_id",
            "wrapped_key",
            "nonce",
            "master_key_id",
            "created_at",
        ],
        vec![
            Arg::from(key.subject_id.as_str()),
            Arg::from(key.wrapped_key.clone()),
            Arg::from(key.nonce.clone()),
            Arg::from(key.master_key_id.as_str()),
            Arg::from(at.timestamp_micros()),
        ],
        "ON CONFLICT (subject_id) DO UPDATE SET created_at = data_keys.created_at \
         WHERE data_keys.wrapped_key = excluded.wrapped_key",
        Some(1),
        "data_keys",
    )
}

/// Records, with an append, that `stream`'s ticket holds a value with blind
/// index `digest` for `subject`.
pub fn index_row(digest: &str, subject: &str, stream: &str) -> SideWrite {
    SideWrite::insert(
        "personal_index",
        &["digest", "subject_id", "stream_id"],
        vec![Arg::from(digest), Arg::from(subject), Arg::from(stream)],
        "ON CONFLICT (digest, stream_id) DO NOTHING",
        None,
        "personal_index",
    )
}

/// The ticket streams indexed under `digest`.
pub async fn streams_with(db: &Db, digest: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = db
        .fetch_all(&statement!(
            "SELECT stream_id FROM personal_index WHERE digest = $1 ORDER BY stream_id",
            digest
        ))
        .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// The ticket streams indexed for `subject`.
pub async fn streams_of(db: &Db, subject: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = db
        .fetch_all(&statement!(
            "SELECT DISTINCT stream_id FROM personal_index WHERE subject_id = $1 ORDER BY stream_id",
            subject
        ))
        .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// The prefix of a keyed command fingerprint (see
/// `privacy::KeyRing::keyed_fingerprint`); any other non-empty
/// `input_hash` of a ticket stream is a bare SHA-256 from before keying.
pub const KEYED_PREFIX: &str = "k1:";

/// Up to `limit` distinct (stream, input hash) pairs of ticket commands
/// whose fingerprint is still a bare hash, for re-keying at start-up.
pub async fn unkeyed_fingerprints(db: &Db, limit: i64) -> Result<Vec<(String, String)>> {
    db.fetch_all(&statement!(
        "SELECT DISTINCT stream_id, input_hash FROM commands \
         WHERE stream_id LIKE 'ticket-%' AND input_hash <> '' \
           AND input_hash <> $1 AND input_hash NOT LIKE 'k1:%' \
         ORDER BY stream_id, input_hash LIMIT $2",
        returns_eventstore::ERASED_INPUT,
        limit
    ))
    .await
}

/// Replaces the bare fingerprint `old` of `stream`'s commands with `keyed`
/// (a no-op if another server re-keyed them first: the value is the same).
pub async fn rekey_fingerprint(db: &Db, stream: &str, old: &str, keyed: &str) -> Result<()> {
    db.execute(&statement!(
        "UPDATE commands SET input_hash = $1 WHERE stream_id = $2 AND input_hash = $3",
        keyed,
        stream,
        old
    ))
    .await?;
    Ok(())
}

/// Forgets the input fingerprints of `streams`' commands (their subject
/// was erased); kinds and results stay, so retries still repeat.
pub async fn forget_fingerprints(db: &Db, streams: &[String]) -> Result<u64> {
    let mut tx = db.begin().await?;
    let mut forgotten = 0;
    for stream in streams {
        forgotten += tx
            .run(&statement!(
                "UPDATE commands SET input_hash = $1 WHERE stream_id = $2 AND input_hash <> ''",
                returns_eventstore::ERASED_INPUT,
                stream.as_str()
            ))
            .await?;
    }
    tx.commit().await?;
    Ok(forgotten)
}

/// One parcel's row in the pool, written with each of its appends. The
/// version guard keeps a late writer from putting an older status back.
pub fn pool_row(
    parcel_id: &str,
    tracking_key: &str,
    status: &str,
    registered_at: DateTime<Utc>,
    ticket_id: Option<String>,
    version: i64,
) -> SideWrite {
    SideWrite {
        statement: statement!(
            "INSERT INTO parcel_pool (parcel_id, tracking_key, status, registered_at, ticket_id, version) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (parcel_id) DO UPDATE SET status = excluded.status, \
             ticket_id = excluded.ticket_id, version = excluded.version \
             WHERE parcel_pool.version < excluded.version",
            parcel_id,
            tracking_key,
            status,
            registered_at.timestamp_micros(),
            ticket_id,
            version
        ),
        must_affect: None,
        what: "parcel_pool".to_owned(),
        // Not merged: two appends of one batch may both move one parcel,
        // which a single PostgreSQL upsert cannot do twice.
        row: None,
    }
}

/// A row of the pool.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PoolRow {
    /// The parcel.
    pub parcel_id: String,
    /// Its tracking number as compared.
    pub tracking_key: String,
    /// Its status (`ParcelStatus::as_str`).
    pub status: String,
    /// When it was registered (microseconds).
    pub registered_at: i64,
    /// The ticket that claimed it.
    pub ticket_id: Option<String>,
}

/// The pool's parcels in `statuses`, oldest first.
pub async fn pool(db: &Db, statuses: &[&str], limit: i64) -> Result<Vec<PoolRow>> {
    if statuses.is_empty() {
        return Ok(Vec::new());
    }
    let mut w = Filter::default();
    let wanted: Vec<String> = statuses
        .iter()
        .map(|s| w.arg(Arg::Text((*s).to_owned())))
        .collect();
    w.and(format!("status IN ({})", wanted.join(", ")));
    let limit = w.arg(Arg::Int(limit));
    let sql = format!(
        "SELECT parcel_id, tracking_key, status, registered_at, ticket_id FROM parcel_pool{} \
         ORDER BY registered_at, parcel_id LIMIT {limit}",
        w.where_clause()
    );
    db.fetch_all(&Statement::new(sql, w.args)).await
}

/// The parcels with `tracking_key` in `statuses`.
pub async fn pool_by_tracking(
    db: &Db,
    tracking_key: &str,
    statuses: &[&str],
) -> Result<Vec<PoolRow>> {
    let found: Vec<PoolRow> = db
        .fetch_all(&statement!(
            "SELECT parcel_id, tracking_key, status, registered_at, ticket_id FROM parcel_pool \
             WHERE tracking_key = $1 ORDER BY registered_at, parcel_id",
            tracking_key
        ))
        .await?;
    Ok(found
        .into_iter()
        .filter(|row| statuses.contains(&row.status.as_str()))
        .collect())
}

/// The parcels claimed by `ticket_id`.
pub async fn pool_of_ticket(db: &Db, ticket_id: &str) -> Result<Vec<PoolRow>> {
    db.fetch_all(&statement!(
        "SELECT parcel_id, tracking_key, status, registered_at, ticket_id FROM parcel_pool \
         WHERE ticket_id = $1 ORDER BY registered_at, parcel_id",
        ticket_id
    ))
    .await
}

/// How many parcels the pool holds in one status, and the oldest one's
/// registration (microseconds).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PoolCount {
    /// The status.
    pub status: String,
    /// Parcels in it.
    pub parcels: i64,
    /// The oldest registration among them.
    pub oldest_registered_at: i64,
}

/// The pool's parcels counted per status.
pub async fn pool_counts(db: &Db) -> Result<Vec<PoolCount>> {
    db.fetch_all(&statement!(
        "SELECT status, COUNT(*) AS parcels, MIN(registered_at) AS oldest_registered_at \
         FROM parcel_pool GROUP BY status ORDER BY status"
    ))
    .await
}
