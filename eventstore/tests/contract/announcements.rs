//! Announcements: an erasure or an access change announced by one store
//! reaches every store on the same database, the announcer included, and
//! the two kinds never cross.

use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore};

contract_tests!(an_access_change_reaches_every_store_on_the_database);

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
