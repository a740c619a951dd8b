//! The Taobao/Tmall (TOP) adapter against the contract simulator, and its
//! signer against TOP's published example and independent computations.
#![expect(clippy::unwrap_used, reason = "a test stops loudly on a broken setup")]

use std::time::Duration;

use chrono::{TimeZone, Utc};
use hmac::{Hmac, Mac};
use returns_domain::money::{Currency, Money};
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use returns_platforms::simulator::{Fault, Simulator};
use returns_platforms::taobao::{self, Client};
use returns_platforms::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, Refusal, RetryReason, Secret,
    ShopCredentials,
};

fn shop(secret: &str, session: &str, refresh: Option<&str>) -> ShopCredentials {
    ShopCredentials {
        shop: "tmall".into(),
        platform: Platform::Taobao,
        app_key: "12345678".into(),
        app_secret: Secret::new(secret),
        access_token: Secret::new(session),
        refresh_token: refresh.map(Secret::new),
        oauth_secret: None,
        endpoint: None,
        return_address: None,
        tmall: None,
    }
}

async fn start(lenient: bool) -> (Simulator, Client) {
    start_with(shop("sekrit", "session-1", None), lenient).await
}

async fn start_with(mut s: ShopCredentials, lenient: bool) -> (Simulator, Client) {
    let sim = Simulator::start(vec![s.clone()], lenient).await.unwrap();
    s.endpoint = Some(sim.endpoint());
    (sim, Client::new(s, reqwest::Client::new()))
}

fn order(id: &str, action: PlatformAction, version: Option<i64>) -> ActionOrder {
    ActionOrder {
        key: format!("t:{id}"),
        after_sale_id: id.into(),
        action,
        params: PlatformActionParams::default(),
        version,
        refusal: None,
    }
}

fn cny(fen: i64) -> Money {
    Money::new(fen, Currency::parse("CNY").unwrap())
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 4, 0, 0).unwrap()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn md5_sign_matches_tops_published_example() {
    // TOP "API调用方法详解" (open.taobao.com docId=101617): secret
    // "helloworld", these parameters, sign 66987CB115214E59E6EC978214934FB8.
    let p = pairs(&[
        ("method", "taobao.item.seller.get"),
        ("app_key", "12345678"),
        ("session", "test"),
        ("timestamp", "2016-01-01 12:00:00"),
        ("format", "json"),
        ("v", "2.0"),
        ("sign_method", "md5"),
        ("fields", "num_iid,title,nick,price,num"),
        ("num_iid", "11223344"),
    ]);
    assert_eq!(
        taobao::sign(&p, "helloworld", "md5").unwrap(),
        "66987CB115214E59E6EC978214934FB8"
    );
}

#[test]
fn hmac_sha256_sign_is_the_hmac_of_the_sorted_concatenation() {
    let p = pairs(&[("v", "2.0"), ("b", "2"), ("a", "1"), ("sign", "ignored")]);
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"secret").unwrap();
    mac.update(b"a1b2v2.0");
    let expected = hex::encode_upper(mac.finalize().into_bytes());
    assert_eq!(taobao::sign(&p, "secret", "hmac-sha256").unwrap(), expected);
    // RFC 4231 test case 2, split into one name and value:
    // "what do ya want for nothing" + "?" keyed with "Jefe".
    let rfc = pairs(&[("what do ya want for nothing", "?")]);
    assert_eq!(
        taobao::sign(&rfc, "Jefe", "hmac-sha256").unwrap(),
        "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843"
    );
}

#[test]
fn timestamp_is_gmt_plus_8() {
    assert_eq!(taobao::timestamp(now()), "2024-05-01 12:00:00");
}

async fn round_trip(sim: &Simulator, client: &Client, o: ActionOrder, operation: &str) {
    let out = client.send(now(), std::slice::from_ref(&o)).await;
    assert!(
        matches!(out[..], [Outcome::Done { already: false, .. }]),
        "{out:?}"
    );
    let applied = sim.applied();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].operation, operation);
    assert_eq!(applied[0].version, o.version);
    let again = client.send(now(), std::slice::from_ref(&o)).await;
    assert!(
        matches!(again[..], [Outcome::Done { already: true, .. }]),
        "{again:?}"
    );
    assert_eq!(sim.applied().len(), 1);
}

#[tokio::test]
async fn approve_reviews_the_refund_with_its_version() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9001", 1714531200);
    let o = order("9001", PlatformAction::ApproveApplication, Some(1714531200));
    round_trip(&sim, &client, o, "taobao.rp.refund.review").await;
}

#[tokio::test]
async fn refuse_sends_the_reason_and_version() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9002", 7);
    let mut o = order("9002", PlatformAction::RefuseApplication, Some(7));
    o.refusal = Some(Refusal {
        code: Some("4001".into()),
        message: "商品已发出，不支持仅退款".into(),
    });
    round_trip(&sim, &client, o, "taobao.refund.refuse").await;
}

#[tokio::test]
async fn refuse_after_inspection_uses_the_refuse_call() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9003", 3);
    let mut o = order("9003", PlatformAction::RefuseAfterInspection, Some(3));
    o.params.carrier = Some("顺丰".into());
    o.params.tracking_number = Some("SF123".into());
    o.refusal = Some(Refusal {
        code: None,
        message: "验货不通过：已使用".into(),
    });
    round_trip(&sim, &client, o, "taobao.refund.refuse").await;
}

#[tokio::test]
async fn agree_refund_sends_amount_version_and_phase() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9004", 11);
    let mut o = order("9004", PlatformAction::AgreeRefund, Some(11));
    o.params.amount = Some(cny(5000));
    round_trip(&sim, &client, o, "taobao.rp.refunds.agree").await;
}

#[tokio::test]
async fn agree_refund_batches_and_reports_each_item() {
    let (sim, client) = start(false).await;
    assert_eq!(client.batch_limit(PlatformAction::AgreeRefund), 20);
    assert_eq!(client.batch_limit(PlatformAction::RefuseApplication), 1);
    sim.put_record(Platform::Taobao, "a", 1);
    sim.put_record(Platform::Taobao, "b", 1);
    let mut a = order("a", PlatformAction::AgreeRefund, Some(1));
    a.params.amount = Some(cny(100));
    let mut b = order("b", PlatformAction::AgreeRefund, Some(0));
    b.params.amount = Some(cny(100));
    let out = client.send(now(), &[a, b]).await;
    assert!(matches!(out[0], Outcome::Done { .. }), "{out:?}");
    assert!(
        matches!(
            out[1],
            Outcome::NeedsPerson {
                reason: PersonReason::BatchItemFailed,
                ..
            }
        ),
        "{out:?}"
    );
    assert_eq!(sim.applied().len(), 1);
}

#[tokio::test]
async fn ship_exchange_consigns_the_replacement() {
    // TOP's exchange calls take no version, so the strict simulator (which
    // insists on one) cannot apply them: lenient mode here.
    let (sim, client) = start(true).await;
    let mut o = order("ex-1", PlatformAction::ShipExchange, None);
    o.params.carrier = Some("中通快递".into());
    o.params.tracking_number = Some("ZT1".into());
    round_trip(&sim, &client, o, "tmall.exchange.consigngoods").await;
}

#[tokio::test]
async fn actions_without_a_call_go_to_a_person() {
    let (sim, client) = start(false).await;
    for action in [
        PlatformAction::ConfirmReturnReceived,
        PlatformAction::ShipReshipment,
        PlatformAction::ShipRepairedGoods,
        PlatformAction::CounterOffer,
        PlatformAction::Convert,
    ] {
        let out = client.send(now(), &[order("x", action, Some(1))]).await;
        match &out[..] {
            [Outcome::NeedsPerson {
                reason: PersonReason::NoApiCall,
                message,
                ..
            }] => assert!(message.contains("千牛"), "{message}"),
            other => panic!("{action:?}: {other:?}"),
        }
    }
    assert_eq!(sim.calls(), 0);
}

async fn faulted(fault: Fault) -> Outcome {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "f", 5);
    sim.fault(Platform::Taobao, "f", fault);
    let mut out = client
        .send(
            now(),
            &[order("f", PlatformAction::ApproveApplication, Some(5))],
        )
        .await;
    assert!(sim.applied().is_empty());
    out.remove(0)
}

#[tokio::test]
async fn stale_version_goes_to_a_person() {
    let out = faulted(Fault::StaleVersion).await;
    assert!(
        matches!(
            out,
            Outcome::NeedsPerson {
                reason: PersonReason::StaleVersion,
                ..
            }
        ),
        "{out:?}"
    );
}

#[tokio::test]
async fn back_office_only_goes_to_a_person() {
    let out = faulted(Fault::BackOfficeOnly).await;
    assert!(
        matches!(
            out,
            Outcome::NeedsPerson {
                reason: PersonReason::BackOfficeOnly,
                ..
            }
        ),
        "{out:?}"
    );
}

#[tokio::test]
async fn rate_limit_waits_the_bans_seconds() {
    let out = faulted(Fault::RateLimited { times: 1 }).await;
    match out {
        Outcome::Retry {
            reason: RetryReason::RateLimited,
            after,
            code,
            ..
        } => {
            assert_eq!(after, Duration::from_secs(3));
            assert_eq!(
                code.as_deref(),
                Some("accesscontrol.limited-by-app-access-count")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn system_error_is_retried() {
    let out = faulted(Fault::Unavailable { times: 1 }).await;
    assert!(
        matches!(
            out,
            Outcome::Retry {
                reason: RetryReason::Unavailable,
                ..
            }
        ),
        "{out:?}"
    );
}

#[tokio::test]
async fn item_failure_is_refused_in_the_platforms_words() {
    let out = faulted(Fault::ItemFails).await;
    match out {
        Outcome::Refused { code, message } => {
            assert_eq!(code, "isv.invalid-parameter");
            assert_eq!(message, "退款状态不允许此操作");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn unreachable_platform_is_retried() {
    let mut s = shop("sekrit", "session-1", None);
    s.endpoint = Some("http://127.0.0.1:9".into());
    let client = Client::new(s, reqwest::Client::new());
    let out = client
        .send(
            now(),
            &[order("z", PlatformAction::ApproveApplication, Some(1))],
        )
        .await;
    assert!(
        matches!(
            out[..],
            [Outcome::Retry {
                reason: RetryReason::Unavailable,
                ..
            }]
        ),
        "{out:?}"
    );
}

#[tokio::test]
async fn wrong_secret_is_refused_as_unauthorized() {
    let sim_shop = shop("sekrit", "session-1", None);
    let sim = Simulator::start(vec![sim_shop], false).await.unwrap();
    let mut mine = shop("not-the-secret", "session-1", None);
    mine.endpoint = Some(sim.endpoint());
    let client = Client::new(mine, reqwest::Client::new());
    let out = client
        .send(
            now(),
            &[order("w", PlatformAction::ApproveApplication, Some(1))],
        )
        .await;
    match &out[..] {
        [Outcome::NeedsPerson {
            reason: PersonReason::Unauthorized,
            code,
            ..
        }] => assert_eq!(code.as_deref(), Some("isv.signature-invalid")),
        other => panic!("{other:?}"),
    }
    assert!(sim.applied().is_empty());
}

#[tokio::test]
async fn expired_session_is_refreshed_once_and_resent() {
    // The simulator treats a session starting with "expired-" as expired
    // (TOP code 27) and `taobao.top.auth.token.refresh` issues a fresh one.
    let (sim, client) = start_with(shop("sekrit", "expired-1", Some("r-1")), false).await;
    sim.put_record(Platform::Taobao, "e", 2);
    let o = order("e", PlatformAction::ApproveApplication, Some(2));
    let out = client.send(now(), std::slice::from_ref(&o)).await;
    assert!(matches!(out[..], [Outcome::Done { .. }]), "{out:?}");
    assert_eq!(sim.applied().len(), 1);
    // The fresh session is kept: no refresh the second time.
    let before = sim.calls();
    let again = client.send(now(), std::slice::from_ref(&o)).await;
    assert!(matches!(again[..], [Outcome::Done { already: true, .. }]));
    assert_eq!(sim.calls() - before, 2, "refund.get and the review only");
}

#[tokio::test]
async fn expired_session_without_refresh_token_goes_to_a_person() {
    let (sim, client) = start_with(shop("sekrit", "expired-1", None), false).await;
    sim.put_record(Platform::Taobao, "e", 2);
    let out = client
        .send(
            now(),
            &[order("e", PlatformAction::ApproveApplication, Some(2))],
        )
        .await;
    assert!(
        matches!(
            out[..],
            [Outcome::NeedsPerson {
                reason: PersonReason::Unauthorized,
                ..
            }]
        ),
        "{out:?}"
    );
}

/// taobao.refund.refusereason.get lists the reasons (read with the refund's
/// phase); every one needs a proof since Tmall requires `refuse_proof` on
/// any refusal. A listed id is accepted on the refusal, one the list lacks
/// is refused in TOP's words; other actions ask nothing.
#[tokio::test]
async fn refusal_reasons_come_from_the_reason_call_and_bind_the_refusal() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9301", 7);
    sim.put_record(Platform::Taobao, "9302", 7);
    let reasons = client
        .refusal_reasons(now(), "9301", PlatformAction::RefuseApplication)
        .await
        .unwrap();
    assert!(!reasons.is_empty());
    assert!(reasons
        .iter()
        .all(|r| r.needs_evidence && !r.text.is_empty() && r.code.parse::<i64>().is_ok()));
    let calls = sim.calls();
    assert!(client
        .refusal_reasons(now(), "9301", PlatformAction::AgreeRefund)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(sim.calls(), calls);

    for (id, code, ok) in [
        ("9301", reasons[0].code.as_str(), true),
        ("9302", "1", false),
    ] {
        let mut o = order(id, PlatformAction::RefuseApplication, Some(7));
        o.refusal = Some(Refusal {
            code: Some(code.into()),
            message: "不同意".into(),
        });
        let out = client.send(now(), std::slice::from_ref(&o)).await;
        match (&out[..], ok) {
            ([Outcome::Done { .. }], true) | ([Outcome::Refused { .. }], false) => {}
            _ => panic!("{code}: {out:?}"),
        }
    }
}

/// Agreeing to a refund that asks for the goods back is agreeing to the
/// return (`taobao.rp.returngoods.agree`), which names the shop's address;
/// without one it is a person's task, and a refund-only one is reviewed.
#[tokio::test]
async fn agreeing_to_a_return_names_the_shops_address() {
    let mut with_address = shop("sekrit", "session-1", None);
    with_address.return_address = Some(returns_platforms::ReturnAddress {
        id: 880_001,
        name: Some("退货仓".into()),
        address: Some("上海市嘉定区安亭镇 1 号".into()),
        post: Some("201805".into()),
        mobile: Some("13800000000".into()),
        tel: Some("021-5000000".into()),
    });
    let (sim, client) = start_with(with_address, false).await;
    sim.put_record(Platform::Taobao, "9401-g", 3);
    let o = order("9401-g", PlatformAction::ApproveApplication, Some(3));
    round_trip(&sim, &client, o, "taobao.rp.returngoods.agree").await;

    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9402-g", 3);
    let out = client
        .send(
            now(),
            &[order("9402-g", PlatformAction::ApproveApplication, Some(3))],
        )
        .await;
    assert!(
        matches!(&out[..], [Outcome::NeedsPerson { reason: PersonReason::NoApiCall, message, .. }] if message.contains("千牛")),
        "{out:?}"
    );
    assert!(sim.applied().is_empty());
}

/// A ticket intake never saw a record for carries no version; Tmall requires
/// one, so the refund's current version (read with its phase) is sent.
#[tokio::test]
async fn without_a_decided_version_the_current_one_is_sent() {
    let (sim, client) = start(false).await;
    sim.put_record(Platform::Taobao, "9501", 42);
    let out = client
        .send(
            now(),
            &[order("9501", PlatformAction::ApproveApplication, None)],
        )
        .await;
    assert!(matches!(out[..], [Outcome::Done { .. }]), "{out:?}");
    assert_eq!(sim.applied()[0].version, Some(42));
}

/// A shop that says it is not on Tmall: Taobao's `refuse_proof` is
/// optional there, so no reason is marked as needing evidence.
#[tokio::test]
async fn a_taobao_shop_not_on_tmall_needs_no_proof_to_refuse() {
    let mut not_tmall = shop("sekrit", "session-1", None);
    not_tmall.tmall = Some(false);
    let (sim, client) = start_with(not_tmall, false).await;
    sim.put_record(Platform::Taobao, "9601", 7);
    let reasons = client
        .refusal_reasons(now(), "9601", PlatformAction::RefuseApplication)
        .await
        .unwrap();
    assert!(!reasons.is_empty());
    assert!(reasons.iter().all(|r| !r.needs_evidence), "{reasons:?}");
}
