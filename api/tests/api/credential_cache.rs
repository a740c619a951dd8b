//! The cache of credential verdicts: a sign-out, a revoked token, a disabled
//! account or a new password take effect at once on the server that made
//! the change and on another server on the same database (well within the
//! cache's time limit, so only the announcement can explain it); sessions'
//! last use is written at most every `TOUCH_INTERVAL`; the cache is on
//! `/metrics`. Both backends.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use axum::body::Body;
use axum::http::Request;
use chrono::{DateTime, Duration, Utc};
use http_body_util::BodyExt;
use returns::auth::cache::VERDICT_TTL;
use returns::auth::sessions::TOUCH_INTERVAL;
use returns::auth::{CredentialCache, SessionPolicy, Sessions};
use returns::state::AppState;
use returns_eventstore::clock::ManualClock;
use returns_eventstore::contract_tests;
use returns_eventstore::statement;
use returns_eventstore::testing::TestDatabase;
use returns_tickets::{TicketSettings, Tickets};
use tokio::sync::watch;
use tower::ServiceExt;

use crate::helpers::TestApp;

contract_tests!(
    sign_out_ends_a_cached_session_at_once_on_every_server,
    a_revoked_token_stops_at_once_on_every_server,
    disabling_or_resetting_an_account_ends_its_cached_sessions_on_every_server,
    a_session_s_last_use_is_written_at_most_every_touch_interval,
    the_credential_cache_is_on_metrics,
);

const PASSWORD: &str = "correct horse battery";

/// A second server: its own store, caches and listener on `app`'s database.
async fn second_server(app: &TestApp) -> (AppState, watch::Sender<bool>) {
    let (store, tokens) = returns::startup::open(app.db.url()).await.unwrap();
    let tickets = Tickets::open(store, app.master.clone(), TicketSettings::default())
        .await
        .unwrap();
    AppState::new(tickets, tokens, returns_workflows::Policies::default())
}

/// Whether `check` turns true within 5 s: half the cache's time limit, so a
/// verdict that only aged out cannot pass.
async fn soon(mut check: impl AsyncFnMut() -> bool) -> bool {
    assert!(VERDICT_TTL >= Duration::seconds(10));
    for _ in 0..50 {
        if check().await {
            return true;
        }
        tokio::time::sleep(StdDuration::from_millis(100)).await;
    }
    false
}

async fn sign_out_ends_a_cached_session_at_once_on_every_server(db: TestDatabase) {
    let here = TestApp::new(db).await;
    let (there, _stop) = second_server(&here).await;
    here.state
        .users
        .create("mei", "warehouse", PASSWORD)
        .await
        .unwrap();
    let issued = here
        .state
        .sessions
        .sign_in("mei", PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    // Both servers have checked it, so both hold a verdict.
    for state in [&here.state, &there] {
        let who = state.sessions.authenticate(&issued.token).await.unwrap();
        assert_eq!(who.unwrap().actor, "mei");
        assert!(state.credentials.usage().0 >= 1);
    }
    assert!(here.state.sessions.sign_out(&issued.token).await.unwrap());
    assert!(
        here.state
            .sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_none(),
        "the server that signed it out forgets it before answering"
    );
    assert!(
        soon(async || there
            .sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_none())
        .await,
        "the other server still accepts a signed-out session"
    );
}

async fn a_revoked_token_stops_at_once_on_every_server(db: TestDatabase) {
    let here = TestApp::new(db).await;
    let (there, _stop) = second_server(&here).await;
    let (token, info) = here
        .state
        .tokens
        .create("scanner-1", "warehouse", None)
        .await
        .unwrap();
    for state in [&here.state, &there] {
        let who = state.tokens.authenticate(&token).await.unwrap();
        assert_eq!(who.unwrap().actor, "scanner-1");
    }
    assert_eq!(here.state.tokens.revoke(&info.id).await.unwrap(), 1);
    assert!(here
        .state
        .tokens
        .authenticate(&token)
        .await
        .unwrap()
        .is_none());
    assert!(
        soon(async || there.tokens.authenticate(&token).await.unwrap().is_none()).await,
        "the other server still accepts a revoked token"
    );
    // Another token of the same actor is untouched.
    let (kept, _) = here
        .state
        .tokens
        .create("scanner-1", "warehouse", None)
        .await
        .unwrap();
    assert!(there.tokens.authenticate(&kept).await.unwrap().is_some());
}

async fn disabling_or_resetting_an_account_ends_its_cached_sessions_on_every_server(
    db: TestDatabase,
) {
    let here = TestApp::new(db).await;
    let (there, _stop) = second_server(&here).await;
    for name in ["mei", "lin"] {
        here.state
            .users
            .create(name, "warehouse", PASSWORD)
            .await
            .unwrap();
    }
    let mei = here
        .state
        .sessions
        .sign_in("mei", PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    let lin = here
        .state
        .sessions
        .sign_in("lin", PASSWORD, "10.0.0.1")
        .await
        .unwrap();
    for state in [&here.state, &there] {
        for token in [&mei.token, &lin.token] {
            assert!(state.sessions.authenticate(token).await.unwrap().is_some());
        }
    }
    // The other server disables mei (as `returns user disable` would on
    // PostgreSQL): this server hears of it.
    there.users.disable("mei").await.unwrap();
    assert!(there
        .sessions
        .authenticate(&mei.token)
        .await
        .unwrap()
        .is_none());
    assert!(
        soon(async || here
            .state
            .sessions
            .authenticate(&mei.token)
            .await
            .unwrap()
            .is_none())
        .await,
        "a disabled account's session outlives the announcement"
    );
    assert!(
        here.state
            .sessions
            .authenticate(&lin.token)
            .await
            .unwrap()
            .is_some(),
        "other accounts keep their sessions"
    );
    here.state
        .users
        .reset_password("lin", "another long password")
        .await
        .unwrap();
    assert!(
        soon(async || there
            .sessions
            .authenticate(&lin.token)
            .await
            .unwrap()
            .is_none())
        .await,
        "a new password ends the sessions on every server"
    );
}

async fn last_seen(app: &TestApp, token: &str) -> DateTime<Utc> {
    let hash = returns::auth::tokens::hash_token(token);
    let (at,): (DateTime<Utc>,) = app
        .state
        .store
        .db()
        .fetch_one(&statement!(
            "SELECT last_seen_at FROM sessions WHERE token_hash = $1",
            hash.as_slice()
        ))
        .await
        .unwrap();
    at
}

async fn a_session_s_last_use_is_written_at_most_every_touch_interval(db: TestDatabase) {
    let app = TestApp::new(db).await;
    app.state
        .users
        .create("mei", "warehouse", PASSWORD)
        .await
        .unwrap();
    let start = Utc::now();
    let clock = ManualClock::new(start);
    let policy = SessionPolicy {
        idle_timeout: Duration::minutes(30),
        lifetime: Duration::hours(12),
        ..SessionPolicy::default()
    };
    let cache = CredentialCache::new(&app.state.store, 1 << 20);
    let sessions = Sessions::new(
        app.state.store.db().clone(),
        Arc::new(clock.clone()),
        policy,
    )
    .with_cache(cache.clone());
    let issued = sessions.sign_in("mei", PASSWORD, "10.0.0.1").await.unwrap();
    let signed_in = last_seen(&app, &issued.token).await;

    // Uses closer together than the interval write nothing, even across
    // re-reads after the verdict's time limit.
    let step = Duration::seconds(7);
    let mut elapsed = Duration::zero();
    while elapsed + step < TOUCH_INTERVAL {
        clock.advance(step);
        elapsed += step;
        assert!(sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_some());
    }
    assert_eq!(last_seen(&app, &issued.token).await, signed_in);
    clock.advance(step);
    assert!(sessions
        .authenticate(&issued.token)
        .await
        .unwrap()
        .is_some());
    let touched = last_seen(&app, &issued.token).await;
    assert!(
        touched > signed_in,
        "written once the stored use is the interval old"
    );

    // The idle timeout still counts from the last use, not the last write:
    // a use every 25 minutes keeps it alive for hours.
    for _ in 0..6 {
        clock.advance(Duration::minutes(25));
        assert!(sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_some());
    }
    clock.advance(Duration::minutes(31));
    assert!(
        sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_none(),
        "idle too long, cached or not"
    );
    assert_eq!(cache.usage().0, 0, "a dead session's verdict is dropped");
}

async fn the_credential_cache_is_on_metrics(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let (token, _) = app
        .state
        .tokens
        .create("scanner-1", "warehouse", None)
        .await
        .unwrap();
    assert!(app
        .state
        .tokens
        .authenticate(&token)
        .await
        .unwrap()
        .is_some());
    let response = app
        .router
        .clone()
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(
        text.contains("returns_cache_entries{cache=\"credentials\"} 1"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "returns_cache_budget_bytes{{cache=\"credentials\"}} {}",
            returns::auth::cache::DEFAULT_CREDENTIAL_CACHE_BYTES
        )),
        "{text}"
    );
}
