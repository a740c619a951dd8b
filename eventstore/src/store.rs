//! [`EventStore`]: the one handle the rest of the system holds.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio::task::JoinHandle;
use uuid::Uuid;

use crate::backend::{self, Backend, ConnectOptions, StreamQuery};
use crate::clock::{Clock, SystemClock};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::event::{
    AppendResult, CommandRecord, ExpectedVersion, Metadata, NewEvent, Payload, PayloadRow,
    RawEvent, RecordedEvent, SideWrite,
};
use crate::subscription::Subscription;
use crate::upcast::Upcasters;
use crate::writer::{AppendRequest, Writer};

/// How a store behaves; the defaults suit production.
#[derive(Clone)]
pub struct StoreOptions {
    /// Database connection settings.
    pub connect: ConnectOptions,
    /// Payload upgrades applied on read.
    pub upcasters: Upcasters,
    /// Where `recorded_at` comes from.
    pub clock: Arc<dyn Clock>,
    /// The most appends one group commit takes.
    pub max_batch: usize,
    /// How often a live subscription polls when no notification arrives
    /// (a safety net: notifications are the normal path).
    pub poll_interval: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            connect: ConnectOptions::default(),
            upcasters: Upcasters::default(),
            clock: Arc::new(SystemClock),
            max_batch: 256,
            poll_interval: Duration::from_millis(500),
        }
    }
}

impl std::fmt::Debug for StoreOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreOptions")
            .field("connect", &self.connect)
            .field("upcasters", &self.upcasters)
            .field("max_batch", &self.max_batch)
            .field("poll_interval", &self.poll_interval)
            .finish()
    }
}

/// The most events one append may carry: a bound on one transaction's size.
pub const MAX_EVENTS_PER_APPEND: usize = 10_000;

/// The event store: append with optimistic concurrency, read, subscribe,
/// verify. Cheap to clone; clones share one writer.
#[derive(Clone)]
pub struct EventStore {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    writer: mpsc::Sender<AppendRequest>,
    head: Arc<watch::Sender<i64>>,
    options: StoreOptions,
    listener: Option<JoinHandle<()>>,
    announcer: Option<JoinHandle<()>>,
    hearers: Hearers,
    /// Held for its drop: SQLite's poller reads through the stores on a file.
    _sqlite: Option<SqliteMember>,
}

/// PostgreSQL's channel for erasure announcements (payload: the subject).
pub const ERASURE_CHANNEL: &str = "returns_erasures";

/// PostgreSQL's channel for access announcements: a credential or an
/// account whose cached verdicts must go (payload: what the caller
/// announced, see [`EventStore::announce_access_change`]).
pub const ACCESS_CHANNEL: &str = "returns_access";

/// What the access channel delivers after its listener (re)connected: the
/// announcements sent while it was away are lost, so whatever was cached
/// on their strength must all go.
pub const ACCESS_RESYNC: &str = "*";

/// How many announced erasures a slow listener may fall behind by before it
/// is told it lagged (and must drop everything it caches).
const ERASURE_BACKLOG: usize = 1_024;

/// Where the announcements a store hears go: this process's receivers of
/// erasures and of access changes.
#[derive(Clone)]
struct Hearers {
    erasures: broadcast::Sender<String>,
    access: broadcast::Sender<String>,
}

impl Hearers {
    fn new() -> Self {
        Self {
            erasures: broadcast::channel(ERASURE_BACKLOG).0,
            access: broadcast::channel(ERASURE_BACKLOG).0,
        }
    }

    /// Hands `payload` to the receivers of `channel`: false when `channel`
    /// carries no announcement (PostgreSQL's appended positions).
    fn deliver(&self, channel: &str, payload: &str) -> bool {
        let to = match channel {
            ERASURE_CHANNEL => &self.erasures,
            ACCESS_CHANNEL => &self.access,
            _ => return false,
        };
        let _ = to.send(payload.to_owned());
        true
    }
}

/// One SQLite file's announcements in this process. A process may open a
/// file more than once (the command line, tests), and every store on it
/// must hear what another process announced, but one poller reads the
/// table for all of them, through whichever of their pools is still open.
/// It ends with the last store on the file.
struct SqliteFile {
    hearers: Hearers,
    pools: std::sync::Mutex<Vec<(u64, sqlx::SqlitePool)>>,
    poller: std::sync::Mutex<Option<JoinHandle<()>>>,
}

/// A store's place on its SQLite file: dropping it takes the store's pool
/// off the file's list.
struct SqliteMember {
    file: Arc<SqliteFile>,
    id: u64,
}

impl Drop for SqliteMember {
    fn drop(&mut self) {
        if let Ok(mut pools) = self.file.pools.lock() {
            pools.retain(|(id, _)| *id != self.id);
        }
    }
}

impl SqliteMember {
    /// Puts a store on the file at `url`, starting the file's poller unless
    /// one runs (a poller whose runtime ended no longer does).
    async fn join(url: &str, pool: &sqlx::SqlitePool, interval: Duration) -> Result<Self> {
        use std::collections::HashMap;
        use std::sync::atomic::{AtomicU64, Ordering};
        use std::sync::{Mutex, OnceLock, Weak};
        static FILES: OnceLock<Mutex<HashMap<String, Weak<SqliteFile>>>> = OnceLock::new();
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let file = {
            let mut files = FILES
                .get_or_init(Default::default)
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            files.retain(|_, file| file.strong_count() > 0);
            match files.get(url).and_then(Weak::upgrade) {
                Some(file) => file,
                None => {
                    let file = Arc::new(SqliteFile {
                        hearers: Hearers::new(),
                        pools: Mutex::default(),
                        poller: Mutex::default(),
                    });
                    files.insert(url.to_owned(), Arc::downgrade(&file));
                    file
                }
            }
        };
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut pools) = file.pools.lock() {
            pools.push((id, pool.clone()));
        }
        // From here a failure drops the member, which takes its pool back out.
        let member = Self { file, id };
        let stopped = |file: &SqliteFile| {
            file.poller
                .lock()
                .is_ok_and(|poller| poller.as_ref().is_none_or(JoinHandle::is_finished))
        };
        // Where to start reading is needed only by a poller that starts, so
        // a store joining a file already polled reads nothing.
        if stopped(&member.file) {
            let since = backend::sqlite::last_announcement(pool).await?;
            if let Ok(mut poller) = member.file.poller.lock() {
                // Another store may have started one while this one read.
                if poller.as_ref().is_none_or(JoinHandle::is_finished) {
                    *poller = Some(spawn_sqlite_poller(
                        Arc::downgrade(&member.file),
                        since,
                        interval,
                    ));
                }
            }
        }
        Ok(member)
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(listener) = self.listener.take() {
            listener.abort();
        }
        if let Some(announcer) = self.announcer.take() {
            announcer.abort();
        }
    }
}

impl std::fmt::Debug for EventStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStore")
            .field("backend", &self.inner.db.dialect())
            .finish()
    }
}

impl EventStore {
    /// Opens (creating and migrating if needed) the database at `url` with
    /// default options. `sqlite:returns.db` or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Self> {
        Self::connect_with(url, StoreOptions::default()).await
    }

    /// Opens the database at `url` with `options`.
    pub async fn connect_with(url: &str, options: StoreOptions) -> Result<Self> {
        let (reader, writer_pool) = backend::connect(url, &options.connect).await?;
        let head_now = reader.head_position().await?;
        let (head, _) = watch::channel(head_now);
        let head = Arc::new(head);
        let (listener, announcer, announce, hearers, sqlite) = match &reader {
            Backend::Postgres(pool) => {
                let (announce, appended) = watch::channel(0);
                let hearers = Hearers::new();
                (
                    Some(spawn_listener(pool.clone(), head.clone(), hearers.clone())),
                    Some(spawn_announcer(pool.clone(), appended)),
                    Some(announce),
                    hearers,
                    None,
                )
            }
            Backend::Sqlite(pool) => {
                let member = SqliteMember::join(url, pool, options.poll_interval).await?;
                (None, None, None, member.file.hearers.clone(), Some(member))
            }
        };
        let pipeline = match &writer_pool {
            Backend::Sqlite(_) => 1,
            Backend::Postgres(_) => backend::POSTGRES_WRITE_PIPELINE,
        };
        let writer = Writer {
            pipeline,
            announce,
            backend: writer_pool,
            clock: options.clock.clone(),
            head: head.clone(),
            max_batch: options.max_batch.max(1),
        }
        .spawn();
        Ok(Self {
            inner: Arc::new(Inner {
                db: Db::new(reader),
                writer,
                head,
                options,
                listener,
                announcer,
                hearers,
                _sqlite: sqlite,
            }),
        })
    }

    /// Tells every server on this database, this one included, that the
    /// data subject `subject` was erased, so whatever they cache of its
    /// keys goes at once. PostgreSQL: a NOTIFY on [`ERASURE_CHANNEL`]
    /// (delivered when it commits, to every listening server); SQLite: the
    /// process's own broadcast at once, and a row of the file's
    /// `announcements` that every other process on it reads within its
    /// [`StoreOptions::poll_interval`] (the command line is one). A server
    /// that misses it (its listener was reconnecting) still forgets by its
    /// cache's time limit.
    pub async fn announce_erasure(&self, subject: &str) -> Result<()> {
        self.announce(ERASURE_CHANNEL, subject).await
    }

    /// Tells every server on this database, this one included, that `what`
    /// (a credential or account, in the caller's own notation) lost or
    /// changed its access, so cached verdicts about it go at once. The same
    /// delivery as [`Self::announce_erasure`], on [`ACCESS_CHANNEL`].
    pub async fn announce_access_change(&self, what: &str) -> Result<()> {
        self.announce(ACCESS_CHANNEL, what).await
    }

    /// The access changes announced from now on by any server on this
    /// database ([`Self::announce_access_change`]); [`ACCESS_RESYNC`] when
    /// the PostgreSQL listener (re)connected and may have missed some. A
    /// receiver that lags gets `RecvError::Lagged`: it should drop all it
    /// caches, as for [`ACCESS_RESYNC`].
    pub fn subscribe_access_changes(&self) -> broadcast::Receiver<String> {
        self.inner.hearers.access.subscribe()
    }

    async fn announce(&self, channel: &str, payload: &str) -> Result<()> {
        // Heard here at once, whatever the database does.
        self.inner.hearers.deliver(channel, payload);
        match self.backend() {
            Backend::Postgres(pool) => {
                sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(channel)
                    .bind(payload)
                    .execute(pool)
                    .await?;
            }
            Backend::Sqlite(pool) => {
                let now = self.clock().now().timestamp_micros();
                let kept = i64::try_from(ANNOUNCEMENTS_KEPT.as_micros()).unwrap_or(i64::MAX);
                backend::sqlite::announce(
                    pool,
                    process_origin(),
                    channel,
                    payload,
                    now,
                    now.saturating_sub(kept),
                )
                .await?;
            }
        }
        Ok(())
    }

    /// The subjects erased from now on, as announced by any server on this
    /// database ([`Self::announce_erasure`]); a subject may come twice. A
    /// receiver that lags gets `RecvError::Lagged` and should drop all it
    /// caches.
    pub fn subscribe_erasures(&self) -> broadcast::Receiver<String> {
        self.inner.hearers.erasures.subscribe()
    }

    /// The database behind the log, for crates that keep their own tables
    /// in it (through their storage modules).
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn backend(&self) -> &Backend {
        self.inner.db.backend()
    }

    /// The store's clock.
    pub fn clock(&self) -> Arc<dyn Clock> {
        self.inner.options.clock.clone()
    }

    /// Appends `events` to `stream` if it is at `expected`, atomically.
    ///
    /// A `command_id` in `metadata` that was seen before returns the first
    /// result and writes nothing. On any error nothing is written.
    pub async fn append(
        &self,
        stream: &str,
        expected: ExpectedVersion,
        events: Vec<NewEvent>,
        metadata: Metadata,
    ) -> Result<AppendResult> {
        self.append_with(stream, expected, events, metadata, Vec::new())
            .await
    }

    /// [`EventStore::append`], running `side_writes` in the same transaction
    /// after the events: all of it commits, or none (see [`SideWrite`]). A
    /// repeated command id writes neither its events nor its side writes.
    pub async fn append_with(
        &self,
        stream: &str,
        expected: ExpectedVersion,
        events: Vec<NewEvent>,
        metadata: Metadata,
        side_writes: Vec<SideWrite>,
    ) -> Result<AppendResult> {
        if stream.trim().is_empty() {
            return Err(Error::Invalid("stream id is empty".into()));
        }
        if events.is_empty() {
            return Err(Error::Invalid("an append needs at least one event".into()));
        }
        if events.len() > MAX_EVENTS_PER_APPEND {
            return Err(Error::Invalid(format!(
                "{} events in one append; at most {MAX_EVENTS_PER_APPEND}",
                events.len()
            )));
        }
        if let Some(bad) = events.iter().find(|e| e.event_type.trim().is_empty()) {
            return Err(Error::Invalid(format!(
                "event with empty type: {:?}",
                bad.payload
            )));
        }
        let (reply, answer) = oneshot::channel();
        let request = AppendRequest {
            stream: stream.to_owned(),
            expected,
            events,
            metadata,
            side_writes,
            reply,
        };
        self.inner
            .writer
            .send(request)
            .await
            .map_err(|_| Error::WriterStopped)?;
        answer.await.map_err(|_| Error::WriterStopped)?
    }

    /// The result a command id produced, if it was appended before.
    pub async fn command_result(&self, command_id: Uuid) -> Result<Option<AppendResult>> {
        Ok(self
            .command_record(command_id)
            .await?
            .map(|record| record.result))
    }

    /// What a command id was first used for and what it wrote, if it was
    /// appended before.
    pub async fn command_record(&self, command_id: Uuid) -> Result<Option<CommandRecord>> {
        self.backend().command_record(command_id).await
    }

    /// The stream's events from `from_version` (1-based, inclusive) on.
    pub async fn read_stream(&self, stream: &str, from_version: i64) -> Result<Vec<RecordedEvent>> {
        self.read_stream_where(StreamQuery {
            stream,
            from_version,
            to_version: None,
            until: None,
        })
        .await
    }

    /// The stream as it was at `version`: its events 1..=version.
    pub async fn read_stream_to_version(
        &self,
        stream: &str,
        version: i64,
    ) -> Result<Vec<RecordedEvent>> {
        self.read_stream_where(StreamQuery {
            stream,
            from_version: 1,
            to_version: Some(version),
            until: None,
        })
        .await
    }

    /// The stream as it was at `at`: its events recorded at or before then.
    pub async fn read_stream_as_of(
        &self,
        stream: &str,
        at: DateTime<Utc>,
    ) -> Result<Vec<RecordedEvent>> {
        self.read_stream_where(StreamQuery {
            stream,
            from_version: 1,
            to_version: None,
            until: Some(at),
        })
        .await
    }

    async fn read_stream_where(&self, query: StreamQuery<'_>) -> Result<Vec<RecordedEvent>> {
        let raw = self.backend().read_stream(&query).await?;
        raw.into_iter().map(|e| self.upcast(e)).collect()
    }

    /// The stream's payloads for folding: decode each with
    /// [`PayloadRow::decode`]. Cheaper than [`EventStore::read_stream`] when
    /// only the payloads matter (loading an aggregate).
    pub async fn read_stream_payloads(&self, stream: &str) -> Result<Vec<PayloadRow>> {
        let rows = self.backend().read_stream_payloads(stream).await?;
        let upcasters = &self.inner.options.upcasters;
        rows.into_iter()
            .map(
                |(position, stream_version, event_type, schema_version, text)| {
                    let payload = if upcasters.covers(&event_type, schema_version) {
                        let value = serde_json::from_str(&text).map_err(|e| Error::Corrupt {
                            position,
                            message: e.to_string(),
                        })?;
                        let (_, value) = upcasters
                            .apply(&event_type, schema_version, value)
                            .map_err(|message| Error::Upcast { position, message })?;
                        Payload::Upcast(value)
                    } else {
                        Payload::Stored(text)
                    };
                    Ok(PayloadRow {
                        position,
                        stream_version,
                        event_type,
                        payload,
                    })
                },
            )
            .collect()
    }

    /// Up to `limit` events of the whole log after position `after`, in order.
    pub async fn read_all(&self, after: i64, limit: i64) -> Result<Vec<RecordedEvent>> {
        let raw = self.backend().read_all(after, limit.max(1)).await?;
        raw.into_iter().map(|e| self.upcast(e)).collect()
    }

    /// The stored rows, exactly as written: for verification.
    pub(crate) async fn read_all_raw(&self, after: i64, limit: i64) -> Result<Vec<RawEvent>> {
        self.backend().read_all(after, limit.max(1)).await
    }

    pub(crate) async fn read_stream_raw(&self, stream: &str) -> Result<Vec<RawEvent>> {
        self.inner
            .db
            .backend()
            .read_stream(&StreamQuery {
                stream,
                from_version: 1,
                to_version: None,
                until: None,
            })
            .await
    }

    /// The position of the newest committed event (0 for an empty log).
    pub async fn head_position(&self) -> Result<i64> {
        self.backend().head_position().await
    }

    /// The stream's current version (0 when it does not exist).
    pub async fn stream_version(&self, stream: &str) -> Result<i64> {
        self.backend().stream_version(stream).await
    }

    /// A subscription delivering every event after `after`, then live ones.
    pub fn subscribe(&self, after: i64) -> Subscription {
        Subscription::new(
            self.clone(),
            after,
            self.inner.head.subscribe(),
            self.inner.options.poll_interval,
        )
    }

    /// Notified with the newest known head whenever the log grows.
    pub fn head_watch(&self) -> watch::Receiver<i64> {
        self.inner.head.subscribe()
    }

    fn upcast(&self, raw: RawEvent) -> Result<RecordedEvent> {
        let position = raw.position;
        let (schema_version, payload) = self
            .inner
            .options
            .upcasters
            .apply(&raw.event_type, raw.schema_version, raw.payload)
            .map_err(|message| Error::Upcast { position, message })?;
        let metadata = serde_json::from_str(&raw.metadata).map_err(|e| Error::Corrupt {
            position,
            message: format!("metadata: {e}"),
        })?;
        Ok(RecordedEvent {
            position,
            stream_id: raw.stream_id,
            stream_version: raw.stream_version,
            event_id: raw.event_id,
            event_type: raw.event_type,
            schema_version,
            payload,
            metadata,
            recorded_at: raw.recorded_at,
            hash: raw.hash,
        })
    }
}

/// Follows other processes' appends through LISTEN/NOTIFY. Reconnects after
/// errors; subscriptions poll meanwhile, so a gap costs latency, never events.
/// Tells other processes (their listeners) how far this one has appended,
/// after the commit and from its own connection: a transaction that
/// notifies would hold the notify queue lock through its commit's flush and
/// line all appends up again. Positions announced while a notification is
/// being sent are folded into the next one. A notification lost with a
/// crash costs the others one poll interval.
fn spawn_announcer(pool: sqlx::PgPool, mut appended: watch::Receiver<i64>) -> JoinHandle<()> {
    tokio::spawn(async move {
        while appended.changed().await.is_ok() {
            let position = *appended.borrow_and_update();
            if let Err(err) = backend::postgres::announce(&pool, position).await {
                tracing::warn!(error = %err, position, "cannot announce appended events");
            }
        }
    })
}

/// How long an announcement row stays on an SQLite file (migration 0005):
/// far longer than any poll interval, short enough that the table stays a
/// handful of rows.
const ANNOUNCEMENTS_KEPT: Duration = Duration::from_secs(3600);

/// This process among those announcing on an SQLite file: its own
/// announcements reach it through the process's broadcast at once, so its
/// listeners skip them in the table.
fn process_origin() -> &'static str {
    static ORIGIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ORIGIN.get_or_init(|| Uuid::new_v4().to_string())
}

/// SQLite's stand-in for LISTEN: every `interval`, the announcements other
/// processes wrote to the file since the last one read, handed to this
/// process's stores on it. A failed read is tried again at the next interval
/// from the same row, so nothing is skipped while the file is busy.
fn spawn_sqlite_poller(
    file: std::sync::Weak<SqliteFile>,
    mut since: i64,
    interval: Duration,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let Some(file) = file.upgrade() else {
                return;
            };
            let pool = file.pools.lock().ok().and_then(|pools| {
                pools
                    .iter()
                    .map(|(_, pool)| pool)
                    .find(|pool| !pool.is_closed())
                    .cloned()
            });
            let Some(pool) = pool else {
                continue;
            };
            let rows =
                match backend::sqlite::announcements_after(&pool, since, process_origin()).await {
                    Ok(rows) => rows,
                    Err(err) => {
                        tracing::warn!(error = %err, "cannot read other processes' announcements");
                        continue;
                    }
                };
            for (id, channel, payload) in rows {
                since = id;
                file.hearers.deliver(&channel, &payload);
            }
        }
    })
}

fn spawn_listener(
    pool: sqlx::PgPool,
    head: Arc<watch::Sender<i64>>,
    hearers: Hearers,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if listener
                        .listen_all([
                            backend::postgres::NOTIFY_CHANNEL,
                            ERASURE_CHANNEL,
                            ACCESS_CHANNEL,
                        ])
                        .await
                        .is_ok()
                    {
                        // Whatever was announced while no listener ran is
                        // lost: access caches start over.
                        let _ = hearers.access.send(ACCESS_RESYNC.to_owned());
                        // `try_recv` says when the connection was lost (it
                        // has reconnected by then): unlike `recv`, which
                        // would hide the gap.
                        while let Ok(next) = listener.try_recv().await {
                            let Some(note) = next else {
                                let _ = hearers.access.send(ACCESS_RESYNC.to_owned());
                                continue;
                            };
                            if hearers.deliver(note.channel(), note.payload()) {
                                continue;
                            }
                            if let Ok(position) = note.payload().parse::<i64>() {
                                head.send_modify(|h| *h = (*h).max(position));
                            }
                        }
                    }
                }
                Err(err) => tracing::warn!(error = %err, "event listener cannot connect"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}
