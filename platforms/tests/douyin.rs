//! The Douyin adapter against the contract simulator: signing, each action
//! with a call, each documented fault, batches and the token refresh.

#![expect(clippy::unwrap_used, reason = "test helpers fail the test loudly")]

use chrono::{DateTime, TimeZone, Utc};
use hmac::{Hmac, Mac};
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use returns_domain::ticket::Conversion;
use returns_platforms::douyin::{sign, Client};
use returns_platforms::simulator::{Fault, Simulator};
use returns_platforms::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, Refusal, RetryReason, Secret,
    ShopCredentials,
};
use sha2::Sha256;

const APP_KEY: &str = "7000000000000000001";
const SECRET: &str = "sim-douyin-secret";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

fn shop(access_token: &str) -> ShopCredentials {
    ShopCredentials {
        shop: "douyin".into(),
        platform: Platform::Douyin,
        app_key: APP_KEY.into(),
        app_secret: Secret::new(SECRET),
        access_token: Secret::new(access_token),
        refresh_token: Some(Secret::new("refresh-1")),
        oauth_secret: None,
        endpoint: None,
        return_address: None,
        tmall: None,
    }
}

async fn start() -> (Simulator, Client) {
    let sim = Simulator::start(vec![shop("token-1")], false)
        .await
        .unwrap();
    let client = client_for(&sim, shop("token-1"));
    (sim, client)
}

fn client_for(sim: &Simulator, mut creds: ShopCredentials) -> Client {
    creds.endpoint = Some(sim.endpoint());
    Client::new(creds, reqwest::Client::new())
}

fn order(id: &str, action: PlatformAction, version: i64) -> ActionOrder {
    ActionOrder {
        key: format!("t:{id}"),
        after_sale_id: id.into(),
        action,
        params: PlatformActionParams::default(),
        version: Some(version),
        refusal: None,
    }
}

fn waybill(mut o: ActionOrder) -> ActionOrder {
    o.params.carrier = Some("yuantong".into());
    o.params.tracking_number = Some("YT123".into());
    o
}

fn refused(mut o: ActionOrder) -> ActionOrder {
    o.refusal = Some(Refusal {
        code: Some("10001".into()),
        message: "商品不影响二次销售".into(),
    });
    o
}

fn is_done(o: &Outcome, already: bool) -> bool {
    matches!(o, Outcome::Done { already: a, .. } if *a == already)
}

#[test]
fn signature_matches_an_independent_computation_of_the_documented_string() {
    let param = r#"{"after_sale_id":"123","need_operation_record":false}"#;
    let text = format!(
        "{SECRET}app_key{APP_KEY}methodafterSale.Detailparam_json{param}timestamp1714550400v2{SECRET}"
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    assert_eq!(
        sign(APP_KEY, SECRET, "afterSale.Detail", param, 1714550400),
        expected
    );
    assert_eq!(expected.len(), 64);
}

/// Round trip: applied once with the version sent, a repeat is already done.
async fn round_trip(o: ActionOrder, operation: &str) {
    let (sim, client) = start().await;
    sim.put_record(Platform::Douyin, &o.after_sale_id, o.version.unwrap_or(0));
    let first = client.send(now(), std::slice::from_ref(&o)).await;
    assert_eq!(first.len(), 1);
    assert!(is_done(&first[0], false), "{:?}: {first:?}", o.action);
    let applied = sim.applied();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].operation, operation);
    assert_eq!(applied[0].after_sale_id, o.after_sale_id);
    if operation.starts_with("afterSale.operate") {
        assert_eq!(applied[0].version, o.version);
    }
    let again = client.send(now(), std::slice::from_ref(&o)).await;
    assert!(is_done(&again[0], true), "{again:?}");
    assert_eq!(sim.applied().len(), 1);
}

#[tokio::test]
async fn each_action_with_a_call_round_trips() {
    use PlatformAction::*;
    round_trip(
        order("A1-t1", ApproveApplication, 5),
        "afterSale.operate type=201",
    )
    .await;
    round_trip(
        order("A2-t7", ApproveApplication, 5),
        "afterSale.operate type=501",
    )
    .await;
    round_trip(
        refused(order("A3", RefuseApplication, 5)),
        "afterSale.operate type=102",
    )
    .await;
    round_trip(
        refused(order("A4-t1", RefuseApplication, 5)),
        "afterSale.operate type=202",
    )
    .await;
    round_trip(order("A5", AgreeRefund, 5), "afterSale.operate type=111").await;
    round_trip(
        refused(order("A6", RefuseAfterInspection, 5)),
        "afterSale.operate type=112",
    )
    .await;
    round_trip(
        waybill(order("A7-t3", ShipExchange, 5)),
        "afterSale.operate type=311",
    )
    .await;
    round_trip(
        waybill(order("A8-t8", ShipRepairedGoods, 5)),
        "afterSale.operate type=611",
    )
    .await;
    let mut convert = order("A9-t3", Convert, 5);
    convert.params.conversion = Some(Conversion::ExchangeToRefund);
    round_trip(convert, "afterSale.operate type=321").await;
    round_trip(
        order("A10", ConfirmReturnReceived, 5),
        "afterSale.returnGoodsToWareHouseSuccess",
    )
    .await;
}

#[tokio::test]
async fn actions_without_a_call_go_to_a_person_without_calling() {
    use PlatformAction::*;
    let (sim, client) = start().await;
    let orders = [
        order("N1", CounterOffer, 1),
        waybill(order("N2", ShipReshipment, 1)),
        order("N3", ApproveApplication, 1), // 退货退款 needs the return address
    ];
    for o in &orders {
        let out = client.send(now(), std::slice::from_ref(o)).await;
        assert!(
            matches!(&out[0], Outcome::NeedsPerson { reason: PersonReason::NoApiCall, message, .. } if message.contains("抖店后台")),
            "{out:?}"
        );
    }
    assert!(sim.applied().is_empty());
    assert_eq!(client.batch_limit(ConfirmReturnReceived), 1);
    assert_eq!(client.batch_limit(ApproveApplication), 20);
}

async fn single_fault(fault: Fault) -> Outcome {
    let (sim, client) = start().await;
    sim.put_record(Platform::Douyin, "F1", 3);
    sim.fault(Platform::Douyin, "F1", fault);
    let out = client
        .send(now(), &[order("F1", PlatformAction::AgreeRefund, 3)])
        .await;
    assert!(sim.applied().is_empty());
    out.into_iter().next().unwrap()
}

#[tokio::test]
async fn documented_faults_are_classified() {
    let stale = single_fault(Fault::StaleVersion).await;
    assert!(
        matches!(
            stale,
            Outcome::NeedsPerson {
                reason: PersonReason::StaleVersion,
                ..
            }
        ),
        "{stale:?}"
    );
    let office = single_fault(Fault::BackOfficeOnly).await;
    assert!(
        matches!(&office, Outcome::NeedsPerson { reason: PersonReason::BackOfficeOnly, code: Some(c), .. } if c.contains("11001")),
        "{office:?}"
    );
    let limited = single_fault(Fault::RateLimited { times: 1 }).await;
    assert!(
        matches!(
            limited,
            Outcome::Retry {
                reason: RetryReason::RateLimited,
                ..
            }
        ),
        "{limited:?}"
    );
    let down = single_fault(Fault::Unavailable { times: 1 }).await;
    assert!(
        matches!(
            down,
            Outcome::Retry {
                reason: RetryReason::Unavailable,
                ..
            }
        ),
        "{down:?}"
    );
    let fails = single_fault(Fault::ItemFails).await;
    assert!(
        matches!(&fails, Outcome::Refused { code, message } if code.contains("11005") && message.contains("操作失败")),
        "{fails:?}"
    );
}

#[tokio::test]
async fn a_stale_version_is_refused_without_a_fault() {
    let (sim, client) = start().await;
    sim.put_record(Platform::Douyin, "S1", 9);
    let out = client
        .send(now(), &[order("S1", PlatformAction::AgreeRefund, 8)])
        .await;
    assert!(
        matches!(
            out[0],
            Outcome::NeedsPerson {
                reason: PersonReason::StaleVersion,
                ..
            }
        ),
        "{out:?}"
    );
    assert!(sim.applied().is_empty());
}

#[tokio::test]
async fn one_failing_item_fails_the_batch() {
    let (sim, client) = start().await;
    for id in ["B1", "B2", "B3"] {
        sim.put_record(Platform::Douyin, id, 1);
    }
    sim.fault(Platform::Douyin, "B2", Fault::ItemFails);
    let orders: Vec<_> = ["B1", "B2", "B3"]
        .iter()
        .map(|id| order(id, PlatformAction::AgreeRefund, 1))
        .collect();
    let out = client.send(now(), &orders).await;
    assert_eq!(out.len(), 3);
    assert!(
        matches!(
            out[0],
            Outcome::Retry {
                reason: RetryReason::BatchAborted,
                ..
            }
        ),
        "{out:?}"
    );
    assert!(
        matches!(&out[1], Outcome::NeedsPerson { reason: PersonReason::BatchItemFailed, code: Some(c), .. } if c.contains("11005")),
        "{out:?}"
    );
    assert!(
        matches!(
            out[2],
            Outcome::Retry {
                reason: RetryReason::BatchAborted,
                ..
            }
        ),
        "{out:?}"
    );
    assert!(sim.applied().is_empty());
}

#[tokio::test]
async fn a_wrong_secret_is_refused_by_the_simulator() {
    let (sim, _) = start().await;
    sim.put_record(Platform::Douyin, "W1", 1);
    let mut creds = shop("token-1");
    creds.app_secret = Secret::new("not-the-secret");
    let client = client_for(&sim, creds);
    let out = client
        .send(
            now(),
            &[order("W1", PlatformAction::ConfirmReturnReceived, 1)],
        )
        .await;
    assert!(
        matches!(&out[0], Outcome::NeedsPerson { reason: PersonReason::Unauthorized, code: Some(c), .. } if c == "isv.signature-invalid"),
        "{out:?}"
    );
    assert!(sim.applied().is_empty());
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_resent() {
    let sim = Simulator::start(vec![shop("token-1")], false)
        .await
        .unwrap();
    sim.put_record(Platform::Douyin, "T1", 2);
    let client = client_for(&sim, shop("expired-token-0"));
    let out = client
        .send(
            now(),
            &[order("T1", PlatformAction::ConfirmReturnReceived, 2)],
        )
        .await;
    assert!(is_done(&out[0], false), "{out:?}");
    // The call, the refresh, the call again.
    assert_eq!(sim.calls(), 3);
    assert_eq!(sim.applied().len(), 1);
    // The new token is kept: the next send needs no refresh.
    sim.put_record(Platform::Douyin, "T2", 1);
    let out = client
        .send(
            now(),
            &[order("T2", PlatformAction::ConfirmReturnReceived, 1)],
        )
        .await;
    assert!(is_done(&out[0], false), "{out:?}");
    assert_eq!(sim.calls(), 4);
}

#[tokio::test]
async fn an_expired_token_without_a_refresh_token_needs_a_person() {
    let sim = Simulator::start(vec![shop("token-1")], false)
        .await
        .unwrap();
    sim.put_record(Platform::Douyin, "T1", 2);
    let mut creds = shop("expired-token-0");
    creds.refresh_token = None;
    let client = client_for(&sim, creds);
    let out = client
        .send(
            now(),
            &[order("T1", PlatformAction::ConfirmReturnReceived, 2)],
        )
        .await;
    assert!(
        matches!(
            out[0],
            Outcome::NeedsPerson {
                reason: PersonReason::Unauthorized,
                ..
            }
        ),
        "{out:?}"
    );
}

#[tokio::test]
async fn an_unreachable_platform_is_retried() {
    let mut creds = shop("token-1");
    creds.endpoint = Some("http://127.0.0.1:1".into());
    let client = Client::new(creds, reqwest::Client::new());
    let out = client
        .send(
            now(),
            &[order("U1", PlatformAction::ConfirmReturnReceived, 1)],
        )
        .await;
    assert!(
        matches!(
            out[0],
            Outcome::Retry {
                reason: RetryReason::Unavailable,
                ..
            }
        ),
        "{out:?}"
    );
}

/// afterSale/rejectReasonCodeList: both refusals list the platform's
/// reasons, with `evidence_need` "Y" read as needing evidence; other
/// actions ask nothing. A listed code is accepted on the refusal; one the
/// list lacks, or an evidence reason sent without evidence, is refused in
/// the platform's words.
#[tokio::test]
async fn refusal_reasons_come_from_the_reason_list_and_bind_the_refusal() {
    use PlatformAction::*;
    let (sim, client) = start().await;
    let reasons = client
        .refusal_reasons(now(), "7001", RefuseApplication)
        .await
        .unwrap();
    assert!(reasons.len() >= 2, "{reasons:?}");
    let plain = reasons.iter().find(|r| !r.needs_evidence).unwrap();
    let proof = reasons.iter().find(|r| r.needs_evidence).unwrap();
    assert!(!plain.text.is_empty() && plain.code.parse::<i64>().is_ok());
    let after = client
        .refusal_reasons(now(), "7001", RefuseAfterInspection)
        .await
        .unwrap();
    assert_eq!(after, reasons);
    let calls = sim.calls();
    assert!(client
        .refusal_reasons(now(), "7001", ApproveApplication)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(sim.calls(), calls, "no call for an action without reasons");

    let with = |id: &str, code: &str| {
        let mut o = order(id, RefuseApplication, 5);
        o.refusal = Some(Refusal {
            code: Some(code.into()),
            message: "不同意".into(),
        });
        o
    };
    for (id, code, ok) in [
        ("7101", plain.code.as_str(), true),
        ("7102", "424242", false),
        ("7103", proof.code.as_str(), false),
    ] {
        sim.put_record(Platform::Douyin, id, 5);
        let out = client.send(now(), &[with(id, code)]).await;
        assert_eq!(is_done(&out[0], false), ok, "{code}: {out:?}");
        if !ok {
            assert!(matches!(out[0], Outcome::Refused { .. }), "{out:?}");
        }
    }
}

/// With the shop's return address configured, agreeing to a return, an
/// exchange or a repair names it (`logistics.receiver_address_id`).
#[tokio::test]
async fn a_configured_return_address_lets_returns_exchanges_and_repairs_be_agreed() {
    use PlatformAction::*;
    let sim = Simulator::start(vec![shop("token-1")], false)
        .await
        .unwrap();
    let mut creds = shop("token-1");
    creds.return_address = Some(returns_platforms::ReturnAddress {
        id: 660_001,
        name: None,
        address: None,
        post: None,
        mobile: None,
        tel: None,
    });
    let client = client_for(&sim, creds);
    for (id, code) in [("R1", 101), ("R2-t3", 301), ("R3-t8", 601)] {
        sim.put_record(Platform::Douyin, id, 5);
        let out = client
            .send(now(), &[order(id, ApproveApplication, 5)])
            .await;
        assert!(is_done(&out[0], false), "{id}: {out:?}");
        let applied = sim.applied();
        assert_eq!(
            applied.last().map(|a| a.operation.as_str()),
            Some(format!("afterSale.operate type={code}").as_str())
        );
    }
}

/// `logistics.company_code` is the platform's code from its carrier list
/// (read once): a carrier typed as people write it is found there; one the
/// list lacks is a person's task, and nothing is shipped.
#[tokio::test]
async fn a_typed_carrier_is_sent_as_the_platforms_code() {
    use PlatformAction::*;
    let (sim, client) = start().await;
    for (id, carrier) in [("C1-t3", "SF Express"), ("C2-t3", "圆通")] {
        sim.put_record(Platform::Douyin, id, 5);
        let mut o = waybill(order(id, ShipExchange, 5));
        o.params.carrier = Some(carrier.into());
        let out = client.send(now(), &[o]).await;
        assert!(is_done(&out[0], false), "{carrier}: {out:?}");
    }
    sim.put_record(Platform::Douyin, "C3-t3", 5);
    let mut o = waybill(order("C3-t3", ShipExchange, 5));
    o.params.carrier = Some("Royal Mail".into());
    let calls = sim.calls();
    let out = client.send(now(), &[o]).await;
    assert!(
        matches!(&out[0], Outcome::NeedsPerson { reason: PersonReason::NoApiCall, message, .. } if message.contains("Royal Mail")),
        "{out:?}"
    );
    assert_eq!(sim.calls(), calls, "the list is read once");
    assert_eq!(sim.applied().len(), 2);
}
