//! The policy file: shipped defaults, channel overrides, deadlines, sampling.

use chrono::Duration;
use returns_workflows::ids::sample_percent;
use returns_workflows::policies::{Policies, ReviewTimeoutAction, DEFAULT_POLICY_FILE};
use uuid::Uuid;

use super::helpers::{cny, t0};

#[test]
fn shipped_policy_file_equals_the_defaults_in_code() {
    let shipped = Policies::from_toml_str(DEFAULT_POLICY_FILE).unwrap();
    assert_eq!(shipped, Policies::default());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/policies.toml");
    assert_eq!(Policies::load(path).unwrap(), Policies::default());
}

#[test]
fn channel_overrides_merge_key_by_key_over_the_defaults() {
    let text = DEFAULT_POLICY_FILE.to_owned()
        + "\n[channels.wholesale]\nsupervisor = \"boss\"\nreview_deadline_hours = 12\n\
           auto_approve_refund_below = { USD = 500 }\n";
    let policies = Policies::from_toml_str(&text).unwrap();
    let wholesale = policies.for_channel("wholesale");
    assert_eq!(wholesale.supervisor, "boss");
    assert_eq!(wholesale.ship_back_days, policies.defaults.ship_back_days);
    // Merged, not replaced: the default CNY limit stays beside the new USD one.
    assert_eq!(
        wholesale.auto_approve_refund_below.get("CNY"),
        Some(&10_000)
    );
    assert_eq!(wholesale.auto_approve_refund_below.get("USD"), Some(&500));
    assert_eq!(
        policies.for_channel("taobao").review_timeout_action,
        ReviewTimeoutAction::AutoApprove
    );
    assert_eq!(
        policies.for_channel("unknown-shop").review_timeout_action,
        ReviewTimeoutAction::Escalate
    );
}

#[test]
fn deadlines_are_computed_from_the_channel_policy() {
    let text = DEFAULT_POLICY_FILE.to_owned()
        + "\n[channels.express]\nreview_deadline_hours = 12\nship_back_days = 3\n";
    let policies = Policies::from_toml_str(&text).unwrap();
    assert_eq!(
        policies.review_deadline("manual", t0()),
        t0() + Duration::hours(48)
    );
    assert_eq!(
        policies.review_deadline("express", t0()),
        t0() + Duration::hours(12)
    );
    assert_eq!(
        policies.ship_back_deadline("manual", t0()),
        t0() + Duration::days(7)
    );
    assert_eq!(
        policies.ship_back_deadline("express", t0()),
        t0() + Duration::days(3)
    );
}

#[test]
fn unknown_keys_and_bad_values_are_rejected() {
    let typo = DEFAULT_POLICY_FILE.to_owned() + "\n[channels.x]\nreview_deadline_hour = 1\n";
    assert!(Policies::from_toml_str(&typo).is_err());
    let share = DEFAULT_POLICY_FILE.replace(
        "logistics_follow_up_percent = 70",
        "logistics_follow_up_percent = 170",
    );
    assert!(Policies::from_toml_str(&share).is_err());
    let currency = DEFAULT_POLICY_FILE.replace("{ CNY = 10000 }", "{ yuan = 10000 }");
    assert!(Policies::from_toml_str(&currency).is_err());
}

#[test]
fn refunds_are_auto_approved_strictly_below_the_limit_of_their_currency() {
    let policy = Policies::default().defaults;
    assert!(policy.auto_approves_refund(cny(9_999)));
    assert!(!policy.auto_approves_refund(cny(10_000)));
    let usd = returns_domain::Money::new(1, returns_domain::Currency::parse("USD").unwrap());
    assert!(!policy.auto_approves_refund(usd));
}

#[test]
fn price_differences_are_auto_approved_strictly_below_their_own_limit() {
    let policy = Policies::default().defaults;
    assert!(policy.auto_approves_price_difference(cny(4_999)));
    assert!(!policy.auto_approves_price_difference(cny(5_000)));
    let usd = returns_domain::Money::new(1, returns_domain::Currency::parse("USD").unwrap());
    assert!(!policy.auto_approves_price_difference(usd));
    // A file written before the key existed still loads: no difference is
    // then approved without a person.
    let older =
        DEFAULT_POLICY_FILE.replace("auto_approve_price_difference_below = { CNY = 5000 }\n", "");
    assert_ne!(older, DEFAULT_POLICY_FILE);
    let older = Policies::from_toml_str(&older).unwrap();
    assert!(!older.defaults.auto_approves_price_difference(cny(1)));
    let negative = DEFAULT_POLICY_FILE.replace("{ CNY = 5000 }", "{ CNY = -1 }");
    assert!(Policies::from_toml_str(&negative).is_err());
}

#[test]
fn refund_backoff_doubles_up_to_the_cap() {
    let retry = Policies::default().refund_retry;
    assert_eq!(retry.backoff(1), Duration::seconds(60));
    assert_eq!(retry.backoff(2), Duration::seconds(120));
    assert_eq!(retry.backoff(3), Duration::seconds(240));
    assert_eq!(retry.backoff(40), Duration::seconds(3600));
}

#[test]
fn logistics_follow_ups_sample_the_configured_share_by_ticket_id() {
    let policy = Policies::default().defaults;
    let ids: Vec<Uuid> = (0..10_000u128)
        .map(|n| Uuid::from_u128(n * 7919 + 13))
        .collect();
    let called = ids
        .iter()
        .filter(|id| policy.follow_up_purpose("logistics_damage", **id).is_some())
        .count();
    assert!(
        (6_700..=7_300).contains(&called),
        "{called} of 10000 sampled"
    );
    for id in &ids[..100] {
        let first = policy.follow_up_purpose("logistics_delay", *id);
        assert_eq!(first, policy.follow_up_purpose("logistics_delay", *id));
        assert_eq!(first.is_some(), sample_percent(*id) < 70);
        assert_eq!(
            policy.follow_up_purpose("quality_issue", *id),
            Some("quality_complaint")
        );
        assert_eq!(policy.follow_up_purpose("changed_mind", *id), None);
    }
}
