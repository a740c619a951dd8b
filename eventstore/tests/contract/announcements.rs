//! Announcements: an erasure or an access change announced by one store
//! reaches every store on the same database, the announcer included, and
//! the two kinds never cross.

use std::time::Duration;

use tokio::sync::broadcast::Receiver;

use returns_eventstore::db::Dialect;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, statement, EventStore, ACCESS_CHANNEL, ERASURE_CHANNEL};

contract_tests!(
    an_access_change_reaches_every_store_on_the_database,
    an_announcement_from_another_process_is_heard,
    a_store_hears_another_process_once_whoever_else_is_open,
);

/// What the tests send to learn that a listener listens; receivers skip it.
const PROBE: &str = "probe:listening";

/// What a receiver may hear besides the announcements a test makes: the
/// RESYNC a (re)connecting PostgreSQL listener sends, which a cache must
/// also obey, and the tests' own probes.
fn incidental(what: &str) -> bool {
    what == returns_eventstore::ACCESS_RESYNC || what == PROBE
}

/// Waits on PostgreSQL until the listener feeding `heard` listens: a NOTIFY
/// sent before it LISTENs is lost. It probes until `heard` hears anything
/// (a probe, or the RESYNC of a listener that connected after `heard` was
/// made; one that connected before sent its RESYNC to nobody). SQLite's
/// announcements are rows, which wait for the reader.
async fn listening(store: &EventStore, heard: &mut Receiver<String>) {
    if store.db().dialect() != Dialect::Postgres {
        return;
    }
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let probe = statement!("SELECT pg_notify($1, $2)", ACCESS_CHANNEL, PROBE);
            store.db().execute(&probe).await.unwrap();
            if let Ok(what) = tokio::time::timeout(Duration::from_millis(100), heard.recv()).await {
                assert!(incidental(&what.unwrap()));
                return;
            }
        }
    })
    .await
    .expect("the store's listener connects");
}

/// The next access change `heard` receives within 10 s, past anything
/// [`incidental`].
async fn next_change(heard: &mut Receiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let what = heard.recv().await.unwrap();
            if !incidental(&what) {
                return what;
            }
        }
    })
    .await
    .expect("the access change is heard within seconds")
}

async fn an_access_change_reaches_every_store_on_the_database(db: TestDatabase) {
    let here = EventStore::connect(db.url()).await.unwrap();
    let there = EventStore::connect(db.url()).await.unwrap();
    let mut heard_here = here.subscribe_access_changes();
    let mut heard_there = there.subscribe_access_changes();
    let mut erasures_there = there.subscribe_erasures();

    listening(&there, &mut heard_there).await;
    here.announce_access_change("account:mei").await.unwrap();

    // Here at once; there within seconds (PostgreSQL: NOTIFY after commit;
    // SQLite: the process's broadcast for the file).
    assert_eq!(next_change(&mut heard_here).await, "account:mei");
    let arrived = next_change(&mut heard_there).await;
    assert_eq!(arrived, "account:mei");
    assert!(
        erasures_there.try_recv().is_err(),
        "an access change is not an erasure"
    );
}

/// What another process (the command line) sends: SQLite has no NOTIFY, so
/// it writes a row of `announcements` (migration 0005) that each store on
/// the file reads every poll interval; PostgreSQL's is a NOTIFY.
async fn announce_as_another_process(store: &EventStore, channel: &str, payload: &str) {
    let statement = match store.db().dialect() {
        Dialect::Sqlite => statement!(
            "INSERT INTO announcements (origin, channel, payload, at) VALUES ($1, $2, $3, $4)",
            "another process",
            channel,
            payload,
            0i64
        ),
        Dialect::Postgres => statement!("SELECT pg_notify($1, $2)", channel, payload),
    };
    store.db().execute(&statement).await.unwrap();
}

async fn an_announcement_from_another_process_is_heard(db: TestDatabase) {
    let server = EventStore::connect(db.url()).await.unwrap();
    let mut access = server.subscribe_access_changes();
    let mut erasures = server.subscribe_erasures();
    let other = EventStore::connect(db.url()).await.unwrap();
    listening(&server, &mut access).await;
    announce_as_another_process(&other, ACCESS_CHANNEL, "credential:ab12").await;
    announce_as_another_process(&other, ERASURE_CHANNEL, "subject-7").await;
    let heard = next_change(&mut access).await;
    assert_eq!(heard, "credential:ab12");
    let erased = tokio::time::timeout(Duration::from_secs(5), erasures.recv())
        .await
        .expect("the erasure is heard within the poll interval")
        .unwrap();
    assert_eq!(erased, "subject-7");
}

/// A process may hold several stores on one database (tests, the command
/// line inside a server). Each receiver hears another process's
/// announcement once, not once per store, and still hears it after the
/// store opened first has closed (on SQLite, one poller per file reads
/// through whichever store is still open).
async fn a_store_hears_another_process_once_whoever_else_is_open(db: TestDatabase) {
    let first = EventStore::connect(db.url()).await.unwrap();
    let server = EventStore::connect(db.url()).await.unwrap();
    let mut access = server.subscribe_access_changes();
    let other = EventStore::connect(db.url()).await.unwrap();
    listening(&server, &mut access).await;
    first.db().close().await;

    announce_as_another_process(&other, ACCESS_CHANNEL, "credential:once").await;
    assert_eq!(next_change(&mut access).await, "credential:once");

    // Three poll intervals: time for every store's poller, had each its own.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    loop {
        match access.try_recv() {
            Ok(what) if incidental(&what) => continue,
            Ok(what) => panic!("heard twice: {what}"),
            Err(_) => break,
        }
    }
}
