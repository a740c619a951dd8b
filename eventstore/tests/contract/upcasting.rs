use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{
    contract_tests, EventStore, ExpectedVersion, NewEvent, StoreOptions, Upcasters,
};
use serde_json::json;

use crate::helpers::*;

contract_tests!(stored_v1_payloads_are_upcast_on_read_and_never_rewritten);

async fn stored_v1_payloads_are_upcast_on_read_and_never_rewritten(db: TestDatabase) {
    // Written by an older release: amount as a yuan float string, schema 1.
    let old = open(db).await;
    old.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            vec![NewEvent::new("RefundIssued", 1, json!({"amount": "12.34"}))],
            meta(),
        )
        .await
        .unwrap();
    let url = old.db.url().to_owned();
    let upcasters = Upcasters::new().register("RefundIssued", 1, |mut payload| {
        let text = payload["amount"]
            .as_str()
            .ok_or("amount is not a string")?
            .to_owned();
        let (yuan, fen) = text.split_once('.').ok_or("amount has no decimal point")?;
        let minor = yuan.parse::<i64>().map_err(|e| e.to_string())? * 100
            + fen.parse::<i64>().map_err(|e| e.to_string())?;
        payload["amount"] = json!({"minor": minor, "currency": "CNY"});
        Ok(payload)
    });
    let current = EventStore::connect_with(
        &url,
        StoreOptions {
            upcasters,
            ..StoreOptions::default()
        },
    )
    .await
    .unwrap();
    let read = &current.read_stream("s", 1).await.unwrap()[0];
    assert_eq!(read.schema_version, 2);
    assert_eq!(
        read.payload,
        json!({"amount": {"minor": 1234, "currency": "CNY"}})
    );
    let via_log = &current.read_all(0, 10).await.unwrap()[0];
    assert_eq!(via_log.payload, read.payload);
    // The stored row is untouched, so its hash still verifies.
    assert!(current.verify_stream("s").await.unwrap().is_intact());
    assert_eq!(
        old.store.read_stream("s", 1).await.unwrap()[0].schema_version,
        1
    );
}
