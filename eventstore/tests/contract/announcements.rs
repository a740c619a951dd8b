//! Announcements: an erasure or an access change announced by one store
//! reaches every store on the same database, the announcer included, and
//! the two kinds never cross.

use std::time::Duration;

use returns_eventstore::db::Dialect;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, statement, EventStore, ACCESS_CHANNEL, ERASURE_CHANNEL};

contract_tests!(
    an_access_change_reaches_every_store_on_the_database,
    an_announcement_from_another_process_is_heard,
);

async fn an_access_change_reaches_every_store_on_the_database(db: TestDatabase) {
    let here = EventStore::connect(db.url()).await.unwrap();
    let there = EventStore::connect(db.url()).await.unwrap();
    let mut heard_here = here.subscribe_access_changes();
    let mut heard_there = there.subscribe_access_changes();
    let mut erasures_there = there.subscribe_erasures();

    if db.url().starts_with("postgres") {
        // A NOTIFY sent before a listener LISTENs is lost (a cache filled
        // before then is emptied by the RESYNC its listener sends on
        // connecting): wait for that signal from the other store.
        let resync = tokio::time::timeout(Duration::from_secs(10), heard_there.recv())
            .await
            .expect("the other store's listener connects")
            .unwrap();
        assert_eq!(resync, returns_eventstore::ACCESS_RESYNC);
    }
    here.announce_access_change("account:mei").await.unwrap();

    // Here at once; there within seconds (PostgreSQL: NOTIFY after commit;
    // SQLite: the process's broadcast for the file). A listener that
    // (re)connects first sends ACCESS_RESYNC, which a cache must also obey.
    assert_eq!(heard_here.recv().await.unwrap(), "account:mei");
    let arrived = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let what = heard_there.recv().await.unwrap();
            if what != returns_eventstore::ACCESS_RESYNC {
                return what;
            }
        }
    })
    .await
    .expect("the other store hears the access change within seconds");
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
    // Until the server's listener runs, a NOTIFY would be lost: wait for
    // its RESYNC on PostgreSQL (SQLite reads rows, which wait for it).
    if db.url().starts_with("postgres") {
        let resync = tokio::time::timeout(Duration::from_secs(10), access.recv())
            .await
            .expect("the listener connects")
            .unwrap();
        assert_eq!(resync, returns_eventstore::ACCESS_RESYNC);
    }
    announce_as_another_process(&other, ACCESS_CHANNEL, "credential:ab12").await;
    announce_as_another_process(&other, ERASURE_CHANNEL, "subject-7").await;
    let heard = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let what = access.recv().await.unwrap();
            if what != returns_eventstore::ACCESS_RESYNC {
                return what;
            }
        }
    })
    .await
    .expect("the access change is heard within the poll interval");
    assert_eq!(heard, "credential:ab12");
    let erased = tokio::time::timeout(Duration::from_secs(5), erasures.recv())
        .await
        .expect("the erasure is heard within the poll interval")
        .unwrap();
    assert_eq!(erased, "subject-7");
}
