//! Personal data encrypted per data subject, on SQLite and PostgreSQL: the log
//! holds ciphertext under the hash chain, readers see what their access
//! allows, erasure leaves the chain intact and every read erased, and keys
//! survive a restart and a master key rotation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use returns_domain::command::{AddNote, OpenTicket};
use returns_domain::personal::ERASED;
use returns_domain::ticket::TicketLine;
use returns_domain::{Command, Currency, Money, TicketKind};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{
    contract_tests, statement, CommandFingerprint, EventStore, ManualClock, Metadata, StoreOptions,
};
use returns_tickets::privacy::{self, Access, KeyRing, MasterKey, PRESENT};
use returns_tickets::{load, stream_id, TicketSettings, Tickets};
use uuid::Uuid;

contract_tests!(
    personal_fields_are_stored_encrypted_and_the_chain_covers_the_ciphertext,
    readers_see_what_their_access_allows,
    erasure_leaves_the_chain_intact_and_every_read_erased,
    one_buyer_is_one_subject_across_tickets_and_the_blind_index_finds_them,
    keys_survive_a_restart_and_a_rotation_of_the_master_key,
    a_handle_refuses_a_master_key_other_than_the_stored_keys_one,
    fingerprints_are_keyed_rekeyed_across_the_upgrade_and_forgotten_on_erasure,
    erasure_is_announced_to_every_store_on_the_database,
    a_reveal_reason_is_encrypted_and_an_erasure_reason_is_a_code,
    two_servers_opening_tickets_for_one_new_buyer_at_once_end_with_one_key,
    a_refused_open_writes_no_key_and_no_index_row,
    a_key_erased_by_another_server_is_not_written_under_once_invalidated,
    a_grant_runs_for_its_time_for_its_grantee_and_ticket_only,
);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

async fn connect(db: &TestDatabase) -> EventStore {
    let options = StoreOptions {
        clock: Arc::new(ManualClock::new(t0())),
        ..StoreOptions::default()
    };
    EventStore::connect_with(db.url(), options).await.unwrap()
}

/// The tickets of `store`, encrypted under `master`, and their key ring.
async fn open_tickets(store: &EventStore, master: MasterKey) -> (Tickets, std::sync::Arc<KeyRing>) {
    let tickets = Tickets::open(store.clone(), master, TicketSettings::default())
        .await
        .unwrap();
    let keys = tickets.keys().unwrap().clone();
    (tickets, keys)
}

fn open(id: Uuid, customer: &str, reason: &str) -> Command {
    let cny = Currency::parse("CNY").unwrap();
    Command::OpenTicket(OpenTicket {
        ticket_id: id,
        kind: TicketKind::RefundOnly,
        channel: "taobao".into(),
        platform_order_id: Some("TB-1".into()),
        platform_after_sale_id: None,
        customer: customer.into(),
        reason_code: "quality_issue".into(),
        reason_text: reason.into(),
        lines: vec![TicketLine {
            line_id: "L1".into(),
            sku: "SKU-1".into(),
            name: "mug".into(),
            qty: 1,
            paid: Money::new(1999, cny),
        }],
        currency: cny,
        custom_fields: BTreeMap::new(),
        customer_phone: None,
        customer_address: None,
        review_deadline: t0() + chrono::Duration::hours(24),
        at: t0(),
    })
}

fn note(text: &str) -> Command {
    Command::AddNote(AddNote {
        author: "agent_wang".into(),
        text: text.into(),
        at: t0(),
    })
}

fn meta() -> Metadata {
    Metadata::new("agent_wang", "customer_service")
}

/// Every stored payload and metadata of the log, as text.
async fn log_text(store: &EventStore) -> String {
    let events = store.read_all(0, 10_000).await.unwrap();
    events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.payload,
                serde_json::to_string(&e.metadata).unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

async fn personal_fields_are_stored_encrypted_and_the_chain_covers_the_ciphertext(
    db: TestDatabase,
) {
    let store = connect(&db).await;
    let (tickets, _keys) = open_tickets(&store, MasterKey::generate()).await;
    let id = Uuid::now_v7();
    tickets
        .execute(
            id.into(),
            None,
            &open(id, "李小龙", "杯子裂了 13812340000"),
            meta(),
        )
        .await
        .unwrap();
    tickets
        .execute(id.into(), None, &note("called 李小龙 back"), meta())
        .await
        .unwrap();

    let text = log_text(&store).await;
    assert!(!text.contains("李小龙"), "{text}");
    assert!(!text.contains("13812340000"), "{text}");
    let stored = store.read_stream(&stream_id(id), 1).await.unwrap();
    assert!(stored[0].payload["customer"]
        .as_str()
        .unwrap()
        .starts_with("$enc:v1:"));
    assert_eq!(
        stored[0].payload["channel"], "taobao",
        "not personal: clear"
    );
    assert!(stored[1].payload["text"]
        .as_str()
        .unwrap()
        .starts_with("$enc:v1:"));
    assert_eq!(stored[1].payload["author"], "agent_wang");
    assert!(store.verify_all().await.unwrap().is_intact());
}

async fn readers_see_what_their_access_allows(db: TestDatabase) {
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, MasterKey::generate()).await;
    let id = Uuid::now_v7();
    tickets
        .execute(id.into(), None, &open(id, "李小龙", "cracked"), meta())
        .await
        .unwrap();
    let state = load(&store, id).await.unwrap().state;

    let full = keys.open_state(&state, Access::Full).await.unwrap();
    let info = full.info.unwrap();
    assert_eq!(info.customer, "李小龙");
    assert_eq!(info.reason_text, "cracked");

    let masked = keys.open_state(&state, Access::Masked).await.unwrap();
    assert_eq!(masked.info.unwrap().customer, "李*");

    let presence = keys.open_state(&state, Access::Presence).await.unwrap();
    let info = presence.info.unwrap();
    assert_eq!(info.customer, PRESENT);
    assert_eq!(info.channel, "taobao");
}

async fn erasure_leaves_the_chain_intact_and_every_read_erased(db: TestDatabase) {
    let store = connect(&db).await;
    let master = MasterKey::generate();
    let (tickets, keys) = open_tickets(&store, master.clone()).await;
    let id = Uuid::now_v7();
    tickets
        .execute(
            id.into(),
            None,
            &open(id, "Ada Lovelace", "chipped"),
            meta(),
        )
        .await
        .unwrap();
    tickets
        .execute(id.into(), None, &note("Ada asked for a call"), meta())
        .await
        .unwrap();
    let state = load(&store, id).await.unwrap().state;
    let subject = keys.subject_of_state(&state).unwrap();

    assert!(keys.erase_key(&subject).await.unwrap());
    assert!(keys.was_erased(&subject).await.unwrap());

    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.info.as_ref().unwrap().customer, ERASED);
    assert_eq!(shown.info.as_ref().unwrap().reason_text, ERASED);
    assert_eq!(shown.notes[0].text, ERASED);
    assert_eq!(shown.notes[0].author, "agent_wang");
    assert!(store.verify_all().await.unwrap().is_intact());

    // A fresh key ring (a restart) has no key to find either.
    drop(keys);
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, master).await;
    let state = load(&store, id).await.unwrap().state;
    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.info.unwrap().customer, ERASED);

    // The ticket still takes commands; new personal data gets a new key.
    tickets
        .execute(id.into(), None, &note("after erasure"), meta())
        .await
        .unwrap();
    let state = load(&store, id).await.unwrap().state;
    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.notes[0].text, ERASED);
    assert_eq!(shown.notes[1].text, "after erasure");
}

async fn one_buyer_is_one_subject_across_tickets_and_the_blind_index_finds_them(db: TestDatabase) {
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, MasterKey::generate()).await;
    let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    tickets
        .execute(a.into(), None, &open(a, "buyer_li", "x"), meta())
        .await
        .unwrap();
    tickets
        .execute(b.into(), None, &open(b, " Buyer_Li ", "y"), meta())
        .await
        .unwrap();
    tickets
        .execute(c.into(), None, &open(c, "buyer_wu", "z"), meta())
        .await
        .unwrap();

    let subject_of = |id| {
        let store = store.clone();
        let keys = keys.clone();
        async move {
            keys.subject_of_state(&load(&store, id).await.unwrap().state)
                .unwrap()
        }
    };
    let (sa, sb, sc) = (
        subject_of(a).await,
        subject_of(b).await,
        subject_of(c).await,
    );
    assert_eq!(sa, sb);
    assert_ne!(sa, sc);
    assert!(!sa.contains("buyer"), "a subject id names no one: {sa}");

    let mut found = keys.search("BUYER_LI").await.unwrap();
    found.sort();
    let mut want = vec![stream_id(a), stream_id(b)];
    want.sort();
    assert_eq!(found, want);
    assert_eq!(keys.streams_of(&sa).await.unwrap(), want);

    keys.erase_key(&sa).await.unwrap();
    assert!(keys.search("buyer_li").await.unwrap().is_empty());
    assert_eq!(keys.search("buyer_wu").await.unwrap(), vec![stream_id(c)]);
}

async fn keys_survive_a_restart_and_a_rotation_of_the_master_key(db: TestDatabase) {
    let old = MasterKey::generate();
    let new = MasterKey::generate();
    let id = Uuid::now_v7();
    {
        let store = connect(&db).await;
        let (tickets, _keys) = open_tickets(&store, old.clone()).await;
        tickets
            .execute(id.into(), None, &open(id, "王小明", "late"), meta())
            .await
            .unwrap();
    }
    let before = {
        let store = connect(&db).await;
        store.read_stream(&stream_id(id), 1).await.unwrap()
    };
    {
        let store = connect(&db).await;
        // three keys: the subject's, the blind index's and the fingerprints'
        assert_eq!(privacy::rotate(store.db(), &old, &new).await.unwrap(), 3);
        assert!(
            Tickets::open(store.clone(), old.clone(), TicketSettings::default())
                .await
                .is_err(),
            "the old master key no longer opens the keys"
        );
    }
    let store = connect(&db).await;
    let (_tickets, keys) = open_tickets(&store, new).await;
    let state = load(&store, id).await.unwrap().state;
    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.info.unwrap().customer, "王小明");
    let after = store.read_stream(&stream_id(id), 1).await.unwrap();
    assert_eq!(before[0].payload, after[0].payload, "events untouched");
    assert_eq!(before[0].hash, after[0].hash);
    assert!(store.verify_all().await.unwrap().is_intact());
}

async fn a_handle_refuses_a_master_key_other_than_the_stored_keys_one(db: TestDatabase) {
    let store = connect(&db).await;
    let (tickets, _keys) = open_tickets(&store, MasterKey::generate()).await;
    let id = Uuid::now_v7();
    tickets
        .execute(id.into(), None, &open(id, "buyer_li", "cracked"), meta())
        .await
        .unwrap();
    let refused = Tickets::open(
        store.clone(),
        MasterKey::generate(),
        TicketSettings::default(),
    )
    .await;
    assert!(
        refused.is_err(),
        "a handle under another master key would write keys nobody can open"
    );
    let stored = store.read_stream(&stream_id(id), 1).await.unwrap();
    assert!(stored[0].payload["customer"]
        .as_str()
        .unwrap()
        .starts_with("$enc:v1:"));
}

/// The stored input fingerprints of `stream`'s commands.
async fn fingerprints(store: &EventStore, stream: &str) -> Vec<String> {
    let rows: Vec<(String,)> = store
        .db()
        .fetch_all(&statement!(
            "SELECT input_hash FROM commands WHERE stream_id = $1 ORDER BY first_position",
            stream
        ))
        .await
        .unwrap();
    rows.into_iter().map(|(h,)| h).collect()
}

fn bare_hash(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}

fn with(command_id: Uuid, input: &str) -> Metadata {
    meta()
        .with_command_id(command_id)
        .with_fingerprint(CommandFingerprint::new("AddNote", bare_hash(input)))
}

/// A bare SHA-256 of a command's input confirms a guess of it offline; the
/// stored fingerprint is an HMAC under a key the database alone does not
/// hold. Fingerprints written before keying are re-keyed at start-up so a
/// retry across the upgrade still repeats (and other input still does
/// not), and an erasure forgets them while retries still repeat.
async fn fingerprints_are_keyed_rekeyed_across_the_upgrade_and_forgotten_on_erasure(
    db: TestDatabase,
) {
    let store = connect(&db).await;
    let id = Uuid::now_v7();
    let stream = stream_id(id);
    // Before the upgrade: a handle that stored fingerprints as given.
    let old = Tickets::plaintext(store.clone());
    old.execute(
        id.into(),
        None,
        &open(id, "Ada Lovelace", "chipped"),
        meta(),
    )
    .await
    .unwrap();
    let first = Uuid::now_v7();
    let guess = "{\"text\":\"call 13812340000\"}";
    old.execute(
        id.into(),
        None,
        &note("call 13812340000"),
        with(first, guess),
    )
    .await
    .unwrap();
    assert_eq!(fingerprints(&store, &stream).await, vec![bare_hash(guess)]);

    // The upgrade: opening the key ring re-keys what it finds.
    let master = MasterKey::generate();
    let (tickets, keys) = open_tickets(&store, master.clone()).await;
    let stored = fingerprints(&store, &stream).await;
    assert!(
        stored.len() == 1 && stored[0].starts_with("k1:"),
        "{stored:?}"
    );
    assert!(
        !stored.iter().any(|f| f.contains(&bare_hash(guess))),
        "the bare hash is gone: a guess cannot be checked against it"
    );
    // A retry across the upgrade repeats; other input under the id does not.
    let again = tickets
        .execute(
            id.into(),
            None,
            &note("call 13812340000"),
            with(first, guess),
        )
        .await
        .unwrap();
    assert!(again.repeated);
    assert!(tickets
        .execute(id.into(), None, &note("something else"), with(first, "{}"))
        .await
        .is_err());

    // New commands are keyed as they are written, the same way.
    let second = Uuid::now_v7();
    tickets
        .execute(id.into(), None, &note("second"), with(second, "second"))
        .await
        .unwrap();
    let stored = fingerprints(&store, &stream).await;
    assert_eq!(
        stored.last().unwrap(),
        &keys
            .keyed_fingerprint(CommandFingerprint::new("AddNote", bare_hash("second")))
            .input_hash
    );
    // A second start finds nothing left to re-key and changes nothing.
    let (_again, _) = open_tickets(&store, master).await;
    assert_eq!(fingerprints(&store, &stream).await, stored);

    // Erasure forgets the fingerprints; the same id still repeats.
    let state = load(&store, id).await.unwrap().state;
    let subject = keys.subject_of_state(&state).unwrap();
    privacy::erase::erase(
        &store,
        &keys,
        &subject,
        meta(),
        "data_subject_request",
        t0(),
    )
    .await
    .unwrap();
    let stored = fingerprints(&store, &stream).await;
    assert!(
        stored
            .iter()
            .all(|f| f.is_empty() || f == returns_eventstore::ERASED_INPUT),
        "{stored:?}"
    );
    let after = tickets
        .execute(id.into(), None, &note("second"), with(second, "second"))
        .await
        .unwrap();
    assert!(after.repeated);
}

/// An erasure on one server reaches every other server's cache at once
/// (PostgreSQL: NOTIFY; SQLite: the process's broadcast), not after the
/// cache's 30 s.
async fn erasure_is_announced_to_every_store_on_the_database(db: TestDatabase) {
    let master = MasterKey::generate();
    let here = connect(&db).await;
    let (tickets, keys) = open_tickets(&here, master.clone()).await;
    let there = connect(&db).await;
    let (_other, other_keys) = open_tickets(&there, master).await;
    let mut heard = there.subscribe_erasures();
    let id = Uuid::now_v7();
    tickets
        .execute(
            id.into(),
            None,
            &open(id, "Ada Lovelace", "chipped"),
            meta(),
        )
        .await
        .unwrap();
    let state = load(&there, id).await.unwrap().state;
    // The other server reads the value, so its cache holds the key.
    let shown = other_keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.info.as_ref().unwrap().customer, "Ada Lovelace");

    let subject = keys.subject_of_state(&state).unwrap();
    privacy::erase::erase(&here, &keys, &subject, meta(), "consent_withdrawn", t0())
        .await
        .unwrap();
    let announced = tokio::time::timeout(std::time::Duration::from_secs(10), heard.recv())
        .await
        .expect("the erasure is announced within seconds")
        .unwrap();
    assert_eq!(announced, subject);
    // The other server's follower got it too (it subscribed first); give
    // its task a moment to run, then its read shows the value erased.
    let mut shown_erased = false;
    for _ in 0..50 {
        let shown = other_keys.open_state(&state, Access::Full).await.unwrap();
        if shown.info.as_ref().unwrap().customer == ERASED {
            shown_erased = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        shown_erased,
        "the other server still shows the erased value"
    );
}

/// The reveal reason is free text about the subject's ticket: encrypted
/// under its key and erased with it. The erasure reason is a code.
async fn a_reveal_reason_is_encrypted_and_an_erasure_reason_is_a_code(db: TestDatabase) {
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, MasterKey::generate()).await;
    let id = Uuid::now_v7();
    tickets
        .execute(
            id.into(),
            None,
            &open(id, "Ada Lovelace", "chipped"),
            meta(),
        )
        .await
        .unwrap();
    let state = load(&store, id).await.unwrap().state;
    let subject = keys.subject_of_state(&state).unwrap();
    privacy::erase::record_reveal(
        &store,
        &keys,
        &subject,
        id,
        "call Ada Lovelace back",
        meta(),
        t0(),
    )
    .await
    .unwrap();
    assert!(!log_text(&store).await.contains("Ada"));
    let refused = privacy::erase::erase(&store, &keys, &subject, meta(), "Ada asked", t0()).await;
    assert!(
        matches!(refused, Err(returns_eventstore::Error::Invalid(_))),
        "{refused:?}"
    );
    assert!(
        keys.open_text(&state.info.as_ref().unwrap().customer, Access::Full)
            .await
            .unwrap()
            == "Ada Lovelace"
    );
    privacy::erase::erase(&store, &keys, &subject, meta(), "objection", t0())
        .await
        .unwrap();
    let events = store.read_all(0, 100).await.unwrap();
    let reveal = events
        .iter()
        .find(|e| e.event_type == privacy::erase::REVEALED_EVENT)
        .unwrap();
    let mut reason = reveal.payload["reason"].clone();
    keys.open_value(&mut reason, Access::Full).await.unwrap();
    assert_eq!(reason, ERASED);
    let erased = events
        .iter()
        .find(|e| e.event_type == privacy::erase::ERASED_EVENT)
        .unwrap();
    assert_eq!(erased.payload["reason"], "objection");
}

/// Rows of `table` (`data_keys` or `personal_index`) for `subject`.
async fn rows_of(store: &EventStore, table: &str, subject: &str) -> i64 {
    let (n,): (i64,) = store
        .db()
        .fetch_one(&statement!(
            format!("SELECT COUNT(*) FROM {table} WHERE subject_id = $1"),
            subject
        ))
        .await
        .unwrap();
    n
}

async fn two_servers_opening_tickets_for_one_new_buyer_at_once_end_with_one_key(db: TestDatabase) {
    let master = MasterKey::generate();
    // Two stores on one database: two servers, each with its own writer and
    // key cache.
    let store_a = connect(&db).await;
    let store_b = connect(&db).await;
    let (tickets_a, keys_a) = open_tickets(&store_a, master.clone()).await;
    let (tickets_b, keys_b) = open_tickets(&store_b, master).await;
    for round in 0..5 {
        let buyer = format!("new_buyer_{round}");
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let (open_a, open_b) = (open(a, &buyer, "from a"), open(b, &buyer, "from b"));
        let (ra, rb) = tokio::join!(
            tickets_a.execute(a.into(), None, &open_a, meta()),
            tickets_b.execute(b.into(), None, &open_b, meta()),
        );
        ra.unwrap();
        rb.unwrap();
        let subject = keys_a.subject_id("taobao", &buyer);
        assert_eq!(rows_of(&store_a, "data_keys", &subject).await, 1);
        assert_eq!(rows_of(&store_a, "personal_index", &subject).await, 2);
        // Both tickets are encrypted under the one stored key: each server
        // reads both.
        for keys in [&keys_a, &keys_b] {
            for (id, reason) in [(a, "from a"), (b, "from b")] {
                let state = load(&store_a, id).await.unwrap().state;
                let shown = keys.open_state(&state, Access::Full).await.unwrap();
                let info = shown.info.unwrap();
                assert_eq!(info.customer, buyer);
                assert_eq!(info.reason_text, reason);
            }
        }
    }
}

async fn a_refused_open_writes_no_key_and_no_index_row(db: TestDatabase) {
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, MasterKey::generate()).await;
    let command_id = Uuid::now_v7();
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    tickets
        .execute(
            a.into(),
            None,
            &open(a, "buyer_first", "x"),
            meta().with_command_id(command_id),
        )
        .await
        .unwrap();
    // The same command id for another ticket of a new buyer: refused by the
    // store after the payload was encrypted under a key made for the buyer.
    let refused = tickets
        .execute(
            b.into(),
            None,
            &open(b, "buyer_second", "y"),
            meta().with_command_id(command_id),
        )
        .await;
    assert!(refused.is_err(), "{refused:?}");
    let subject = keys.subject_id("taobao", "buyer_second");
    assert_eq!(rows_of(&store, "data_keys", &subject).await, 0);
    assert_eq!(rows_of(&store, "personal_index", &subject).await, 0);
    assert!(keys.search("buyer_second").await.unwrap().is_empty());
    assert_eq!(store.stream_version(&stream_id(b)).await.unwrap(), 0);

    // Opened for real afterwards, the buyer gets the key and the index rows.
    tickets
        .execute(b.into(), None, &open(b, "buyer_second", "y"), meta())
        .await
        .unwrap();
    assert_eq!(rows_of(&store, "data_keys", &subject).await, 1);
    assert_eq!(
        keys.search("buyer_second").await.unwrap(),
        vec![stream_id(b)]
    );
    let state = load(&store, b).await.unwrap().state;
    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.info.unwrap().customer, "buyer_second");
}

async fn a_key_erased_by_another_server_is_not_written_under_once_invalidated(db: TestDatabase) {
    let master = MasterKey::generate();
    let store = connect(&db).await;
    let (tickets, keys) = open_tickets(&store, master.clone()).await;
    let other_store = connect(&db).await;
    let (_, other_keys) = open_tickets(&other_store, master).await;
    let id = Uuid::now_v7();
    tickets
        .execute(id.into(), None, &open(id, "buyer_gone", "x"), meta())
        .await
        .unwrap();
    // Written once more, so this server's key cache holds the stored key.
    tickets
        .execute(id.into(), None, &note("before"), meta())
        .await
        .unwrap();
    let subject = keys.subject_id("taobao", "buyer_gone");

    // Another server erases the buyer; its announcement reaches this one.
    assert!(other_keys.erase_key(&subject).await.unwrap());
    keys.invalidate(&subject);

    tickets
        .execute(id.into(), None, &note("after"), meta())
        .await
        .unwrap();
    let state = load(&store, id).await.unwrap().state;
    let shown = keys.open_state(&state, Access::Full).await.unwrap();
    assert_eq!(shown.notes[0].text, ERASED);
    // Written under a new key, not the erased one still cached before.
    assert_eq!(shown.notes[1].text, "after");
    assert_eq!(rows_of(&store, "data_keys", &subject).await, 1);
}

async fn a_grant_runs_for_its_time_for_its_grantee_and_ticket_only(db: TestDatabase) {
    use returns_tickets::privacy::grants;
    let store = connect(&db).await;
    let (_tickets, _keys) = open_tickets(&store, MasterKey::generate()).await;
    let (ticket, other) = (Uuid::now_v7(), Uuid::now_v7());
    let admin = Metadata::new("root", "admin");
    let made = grants::grant(
        &store,
        "s1",
        ticket,
        " audrey ",
        chrono::Duration::hours(2),
        admin.clone(),
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(made.grantee, "audrey");
    assert_eq!(made.granted_by, "root");
    assert_eq!(made.until, t0() + chrono::Duration::hours(2));
    let live = |ticket, who: &'static str, at| {
        let store = store.clone();
        async move {
            grants::live_grant(&store, "s1", ticket, who, at)
                .await
                .unwrap()
        }
    };
    let one_hour = t0() + chrono::Duration::hours(1);
    assert_eq!(live(ticket, "audrey", one_hour).await, Some(made.until));
    assert_eq!(
        live(ticket, "audrey", made.until).await,
        None,
        "it ends on time"
    );
    assert_eq!(
        live(ticket, "eve", one_hour).await,
        None,
        "only for its grantee"
    );
    assert_eq!(
        live(other, "audrey", one_hour).await,
        None,
        "only for its ticket"
    );
    for refused in [chrono::Duration::zero(), chrono::Duration::days(8)] {
        let result =
            grants::grant(&store, "s1", ticket, "audrey", refused, admin.clone(), t0()).await;
        assert!(
            matches!(result, Err(returns_eventstore::Error::Invalid(_))),
            "{refused}"
        );
    }
    let nameless = grants::grant(
        &store,
        "s1",
        ticket,
        " ",
        chrono::Duration::hours(1),
        admin,
        t0(),
    )
    .await;
    assert!(matches!(
        nameless,
        Err(returns_eventstore::Error::Invalid(_))
    ));
    assert_eq!(grants::grants(&store, "s1", ticket).await.unwrap().len(), 1);
}
