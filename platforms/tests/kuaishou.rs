//! The Kuaishou adapter against the contract simulator: the documented
//! signature, one applied step per action with a call, the version sent,
//! repeats, every fault, a wrong secret and an expired token.

#![expect(clippy::unwrap_used, reason = "a test's setup fails loudly")]

use chrono::{TimeZone, Utc};
use hmac::{Hmac, Mac};
use returns_domain::money::{Currency, Money};
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use returns_platforms::kuaishou::{self, Client};
use returns_platforms::simulator::{Fault, Simulator};
use returns_platforms::{
    ActionOrder, Outcome, PersonReason, Platform, PlatformClient, Refusal, RetryReason, Secret,
    ShopCredentials,
};
use sha2::Sha256;

fn shop(endpoint: Option<String>) -> ShopCredentials {
    ShopCredentials {
        shop: "kuaishou".to_owned(),
        platform: Platform::Kuaishou,
        app_key: "ks700001".to_owned(),
        app_secret: Secret::new("sign-secret"),
        access_token: Secret::new("token-1"),
        refresh_token: Some(Secret::new("refresh-1")),
        oauth_secret: Some(Secret::new("oauth-secret")),
        endpoint,
        return_address: None,
        tmall: None,
    }
}

fn order(id: &str, action: PlatformAction, version: i64) -> ActionOrder {
    let cny = Currency::parse("CNY").unwrap();
    let params = match action {
        PlatformAction::ShipExchange => PlatformActionParams {
            carrier: Some("4".to_owned()),
            tracking_number: Some("SF123".to_owned()),
            ..PlatformActionParams::default()
        },
        PlatformAction::AgreeRefund => PlatformActionParams {
            amount: Some(Money::new(5000, cny)),
            ..PlatformActionParams::default()
        },
        _ => PlatformActionParams::default(),
    };
    let refusal = matches!(
        action,
        PlatformAction::RefuseApplication | PlatformAction::RefuseAfterInspection
    )
    .then(|| Refusal {
        code: Some("1".to_owned()),
        message: "商品已使用".to_owned(),
    });
    ActionOrder {
        key: format!("t:{id}"),
        after_sale_id: id.to_owned(),
        action,
        params,
        version: Some(version),
        refusal,
    }
}

async fn start(credentials: impl FnOnce(&mut ShopCredentials)) -> (Simulator, Client) {
    let sim = Simulator::start(vec![shop(None)], false).await.unwrap();
    let mut client_shop = shop(Some(sim.endpoint()));
    credentials(&mut client_shop);
    (sim, Client::new(client_shop, reqwest::Client::new()))
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap()
}

async fn send_one(client: &Client, order: ActionOrder) -> Outcome {
    let mut outcomes = client.send(now(), std::slice::from_ref(&order)).await;
    assert_eq!(outcomes.len(), 1);
    outcomes.remove(0)
}

#[test]
fn the_signature_is_hmac_sha256_base64_over_the_sorted_common_params_and_sign_secret() {
    // The document's example order («API调用说明» §4), computed here by hand.
    let text = "access_token=token&appkey=ks123&method=open.seller.order.refund.approve\
                &param={\"refundId\":1}&signMethod=HMAC_SHA256&timestamp=1583271919000\
                &version=1&signSecret=sign-secret";
    let mut mac = Hmac::<Sha256>::new_from_slice(b"sign-secret").unwrap();
    mac.update(text.as_bytes());
    let digest = mac.finalize().into_bytes();
    let expected = independent_base64(&digest);
    // Given in any order, with a sign to be ignored.
    let got = kuaishou::sign(
        &[
            ("version", "1"),
            ("timestamp", "1583271919000"),
            ("sign", "old"),
            ("signMethod", "HMAC_SHA256"),
            ("param", "{\"refundId\":1}"),
            ("method", "open.seller.order.refund.approve"),
            ("appkey", "ks123"),
            ("access_token", "token"),
        ],
        "sign-secret",
    );
    assert_eq!(got, expected);
    assert_eq!(got.len(), 44);
}

fn independent_base64(bytes: &[u8]) -> String {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    let mut out: String = (0..bits.len() / 6)
        .map(|i| {
            let v = usize::from_str_radix(&bits[i * 6..i * 6 + 6], 2).unwrap();
            alphabet.as_bytes()[v] as char
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

#[tokio::test]
async fn each_action_with_a_call_is_applied_once_with_its_version_and_a_repeat_is_already_done() {
    let (sim, client) = start(|_| {}).await;
    let cases = [
        (
            PlatformAction::ApproveApplication,
            "open.seller.order.refund.returngoods.approve",
        ),
        (PlatformAction::RefuseApplication, "open.refund.reject"),
        (
            PlatformAction::ConfirmReturnReceived,
            "open.seller.order.refund.confirm.receipt",
        ),
        (PlatformAction::ShipExchange, "open.refund.confirm.and.send"),
        (
            PlatformAction::AgreeRefund,
            "open.seller.order.refund.approve",
        ),
    ];
    for (n, (action, method)) in cases.into_iter().enumerate() {
        let id = format!("{}", 9000 + n);
        sim.put_record(Platform::Kuaishou, &id, 170);
        let first = send_one(&client, order(&id, action, 170)).await;
        assert!(
            matches!(first, Outcome::Done { already: false, .. }),
            "{action:?}: {first:?}"
        );
        let applied: Vec<_> = sim
            .applied()
            .into_iter()
            .filter(|a| a.after_sale_id == id)
            .collect();
        assert_eq!(applied.len(), 1, "{action:?}");
        assert_eq!(applied[0].action, action);
        assert_eq!(applied[0].operation, method);
        assert_eq!(applied[0].version, Some(170));

        let again = send_one(&client, order(&id, action, 171)).await;
        assert_eq!(
            again,
            Outcome::Done {
                reference: None,
                already: true
            },
            "{action:?}"
        );
        assert_eq!(
            sim.applied()
                .iter()
                .filter(|a| a.after_sale_id == id)
                .count(),
            1
        );
    }
}

#[tokio::test]
async fn refusing_after_the_return_was_agreed_is_the_refusal_of_receipt() {
    let (sim, client) = start(|_| {}).await;
    sim.put_record(Platform::Kuaishou, "77", 1);
    let approved = send_one(&client, order("77", PlatformAction::ApproveApplication, 1)).await;
    assert!(matches!(approved, Outcome::Done { already: false, .. }));
    let refused = send_one(
        &client,
        order("77", PlatformAction::RefuseAfterInspection, 2),
    )
    .await;
    assert!(
        matches!(refused, Outcome::Done { already: false, .. }),
        "{refused:?}"
    );
    assert_eq!(
        sim.applied().last().map(|a| a.action),
        Some(PlatformAction::RefuseAfterInspection)
    );
}

#[tokio::test]
async fn actions_without_a_documented_call_go_to_a_person_in_the_back_office() {
    let (sim, client) = start(|_| {}).await;
    for action in [
        PlatformAction::ShipReshipment,
        PlatformAction::ShipRepairedGoods,
        PlatformAction::CounterOffer,
        PlatformAction::Convert,
    ] {
        match send_one(&client, order("1", action, 1)).await {
            Outcome::NeedsPerson {
                reason: PersonReason::NoApiCall,
                message,
                ..
            } => assert!(message.contains("快手小店商家后台"), "{message}"),
            other => panic!("{action:?}: {other:?}"),
        }
    }
    assert_eq!(sim.calls(), 0);
    assert_eq!(client.batch_limit(PlatformAction::ApproveApplication), 1);
}

#[tokio::test]
async fn a_refusal_without_a_reason_code_goes_to_a_person() {
    let (_sim, client) = start(|_| {}).await;
    let mut o = order("5", PlatformAction::RefuseApplication, 1);
    o.refusal = Some(Refusal {
        code: None,
        message: "no".to_owned(),
    });
    assert!(matches!(
        send_one(&client, o).await,
        Outcome::NeedsPerson {
            reason: PersonReason::NoApiCall,
            ..
        }
    ));
}

#[tokio::test]
async fn faults_are_classified_by_the_documented_codes() {
    let (sim, client) = start(|_| {}).await;
    for id in ["1", "2", "3", "4", "5", "6"] {
        sim.put_record(Platform::Kuaishou, id, 10);
    }
    sim.fault(Platform::Kuaishou, "1", Fault::StaleVersion);
    sim.fault(Platform::Kuaishou, "2", Fault::BackOfficeOnly);
    sim.fault(Platform::Kuaishou, "3", Fault::RateLimited { times: 1 });
    sim.fault(Platform::Kuaishou, "4", Fault::Unavailable { times: 1 });
    sim.fault(Platform::Kuaishou, "5", Fault::ItemFails);
    let approve = |id| order(id, PlatformAction::ApproveApplication, 10);

    assert!(matches!(
        send_one(&client, approve("1")).await,
        Outcome::NeedsPerson { reason: PersonReason::StaleVersion, code: Some(c), .. } if c == "300014"
    ));
    assert!(matches!(
        send_one(&client, approve("2")).await,
        Outcome::NeedsPerson {
            reason: PersonReason::BackOfficeOnly,
            ..
        }
    ));
    match send_one(&client, approve("3")).await {
        Outcome::Retry {
            reason: RetryReason::RateLimited,
            after,
            ..
        } => assert_eq!(after, std::time::Duration::from_secs(1)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        send_one(&client, approve("4")).await,
        Outcome::Retry {
            reason: RetryReason::Unavailable,
            ..
        }
    ));
    assert_eq!(
        send_one(&client, approve("5")).await,
        Outcome::Refused {
            code: "300013".to_owned(),
            message: "买家取消退款".to_owned()
        }
    );
    // A stale version without a fault: the record is at 10, the order says 9.
    assert!(matches!(
        send_one(&client, order("6", PlatformAction::ApproveApplication, 9)).await,
        Outcome::NeedsPerson {
            reason: PersonReason::StaleVersion,
            ..
        }
    ));
    // Rate limit and outage were for one call each: now applied.
    assert!(matches!(
        send_one(&client, approve("3")).await,
        Outcome::Done { already: false, .. }
    ));
    assert!(matches!(
        send_one(&client, approve("4")).await,
        Outcome::Done { already: false, .. }
    ));
    assert_eq!(sim.applied().len(), 2);
}

#[tokio::test]
async fn an_unknown_record_is_refused_in_the_platforms_words() {
    let (_sim, client) = start(|_| {}).await;
    assert_eq!(
        send_one(&client, order("404", PlatformAction::ApproveApplication, 1)).await,
        Outcome::Refused {
            code: "300011".to_owned(),
            message: "退款单不存在".to_owned()
        }
    );
}

#[tokio::test]
async fn a_wrong_sign_secret_is_refused_and_needs_a_person() {
    let (sim, client) = start(|s| s.app_secret = Secret::new("wrong")).await;
    sim.put_record(Platform::Kuaishou, "8", 1);
    assert!(matches!(
        send_one(&client, order("8", PlatformAction::ApproveApplication, 1)).await,
        Outcome::NeedsPerson { reason: PersonReason::Unauthorized, code: Some(c), .. } if c == "27"
    ));
    assert!(sim.applied().is_empty());
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_sent_again() {
    let (sim, client) = start(|s| s.access_token = Secret::new("expired-token")).await;
    sim.put_record(Platform::Kuaishou, "9", 3);
    let outcome = send_one(&client, order("9", PlatformAction::ApproveApplication, 3)).await;
    assert!(
        matches!(outcome, Outcome::Done { already: false, .. }),
        "{outcome:?}"
    );
    // The call, the refresh, the call again.
    assert_eq!(sim.calls(), 3);
    assert_eq!(sim.applied().len(), 1);
    // The new token is kept: the next call needs no refresh.
    sim.put_record(Platform::Kuaishou, "10", 1);
    let next = send_one(&client, order("10", PlatformAction::ApproveApplication, 1)).await;
    assert!(matches!(next, Outcome::Done { .. }));
    assert_eq!(sim.calls(), 4);
}

#[tokio::test]
async fn an_expired_token_without_a_refresh_token_needs_a_person() {
    let (sim, client) = start(|s| {
        s.access_token = Secret::new("expired-token");
        s.refresh_token = None;
    })
    .await;
    sim.put_record(Platform::Kuaishou, "9", 3);
    assert!(matches!(
        send_one(&client, order("9", PlatformAction::ApproveApplication, 3)).await,
        Outcome::NeedsPerson {
            reason: PersonReason::Unauthorized,
            ..
        }
    ));
}

#[tokio::test]
async fn a_wrong_oauth_secret_cannot_refresh_and_needs_a_person() {
    let (sim, client) = start(|s| {
        s.access_token = Secret::new("expired-token");
        s.oauth_secret = Some(Secret::new("sign-secret"));
    })
    .await;
    sim.put_record(Platform::Kuaishou, "9", 3);
    assert!(matches!(
        send_one(&client, order("9", PlatformAction::ApproveApplication, 3)).await,
        Outcome::NeedsPerson {
            reason: PersonReason::Unauthorized,
            ..
        }
    ));
}

#[tokio::test]
async fn an_unreachable_platform_is_retried_and_every_order_gets_an_outcome() {
    let client = Client::new(
        shop(Some("http://127.0.0.1:9".to_owned())),
        reqwest::Client::new(),
    );
    let orders = vec![
        order("1", PlatformAction::ApproveApplication, 1),
        order("2", PlatformAction::CounterOffer, 1),
    ];
    let outcomes = client.send(now(), &orders).await;
    assert_eq!(outcomes.len(), 2);
    assert!(matches!(
        outcomes[0],
        Outcome::Retry {
            reason: RetryReason::Unavailable,
            ..
        }
    ));
    assert!(matches!(
        outcomes[1],
        Outcome::NeedsPerson {
            reason: PersonReason::NoApiCall,
            ..
        }
    ));
}

/// open.refund.reject.reason lists the reasons, `requiredRejectImage` read as
/// needing evidence; a listed code is accepted, one the list lacks or an
/// image reason without images is refused in the platform's words.
#[tokio::test]
async fn refusal_reasons_come_from_the_reason_call_and_bind_the_refusal() {
    let (sim, client) = start(|_| {}).await;
    let reasons = client
        .refusal_reasons(now(), "88", PlatformAction::RefuseAfterInspection)
        .await
        .unwrap();
    let plain = reasons.iter().find(|r| !r.needs_evidence).unwrap();
    let proof = reasons.iter().find(|r| r.needs_evidence).unwrap();
    assert!(!plain.text.is_empty());
    let calls = sim.calls();
    assert!(client
        .refusal_reasons(now(), "88", PlatformAction::ConfirmReturnReceived)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(sim.calls(), calls);

    for (id, code, ok) in [
        ("881", plain.code.as_str(), true),
        ("882", "4242", false),
        ("883", proof.code.as_str(), false),
    ] {
        sim.put_record(Platform::Kuaishou, id, 1);
        let mut o = order(id, PlatformAction::RefuseApplication, 1);
        o.refusal = Some(Refusal {
            code: Some(code.to_owned()),
            message: "不同意".to_owned(),
        });
        let out = send_one(&client, o).await;
        match (&out, ok) {
            (Outcome::Done { .. }, true) | (Outcome::Refused { .. }, false) => {}
            _ => panic!("{code}: {out:?}"),
        }
    }
}
