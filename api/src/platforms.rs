//! Which shops' platform actions this server sends through the marketplace's
//! open API (api mode), from the credentials file, or to the contract
//! simulator when a demo or test asks for it; every other shop is in manual
//! mode. Also where the runner reads a record's newest version: intake's
//! records, which the workflows crate must not know.

use std::sync::Arc;
use std::time::Duration;

use returns_eventstore::EventStore;
use returns_platforms::simulator::Simulator;
use returns_platforms::{Platform, Secret, ShopCredentials};
use returns_workflows::platform_outbox::VersionFuture;
use returns_workflows::{PlatformApi, PlatformVersions};

use crate::settings::Settings;
use crate::startup::StartupError;

/// This server's platform clients, and the simulator they may speak to.
pub struct PlatformSetup {
    /// The clients per shop, for the workflows.
    pub api: PlatformApi,
    /// Kept running while the server runs (demos and tests only).
    pub simulator: Option<Simulator>,
}

/// The newest version intake holds of a record.
struct IntakeVersions {
    store: EventStore,
}

impl PlatformVersions for IntakeVersions {
    fn latest<'a>(&'a self, platform: &'a str, after_sale_id: &'a str) -> VersionFuture<'a> {
        Box::pin(async move {
            returns_intake::storage::records::find(&self.store, platform, after_sale_id)
                .await
                .map(|record| record.and_then(|r| r.platform_version))
                .map_err(|e| e.to_string())
        })
    }
}

fn http() -> Result<reqwest::Client, StartupError> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| StartupError::Platforms(format!("cannot build the HTTP client: {e}")))
}

/// The clients `settings` ask for.
pub async fn setup(settings: &Settings, store: &EventStore) -> Result<PlatformSetup, StartupError> {
    let versions = Arc::new(IntakeVersions {
        store: store.clone(),
    });
    if settings.simulated_platforms {
        // One simulated shop per platform, named as the shipped mappings
        // name their channel, with credentials that exist only here.
        let shops: Vec<ShopCredentials> = Platform::ALL
            .into_iter()
            .map(|platform| ShopCredentials {
                shop: platform.as_str().to_owned(),
                platform,
                app_key: format!("simulated-{platform}"),
                app_secret: Secret::new(format!("simulated-secret-{platform}")),
                access_token: Secret::new(format!("simulated-token-{platform}")),
                refresh_token: Some(Secret::new(format!("simulated-refresh-{platform}"))),
                oauth_secret: Some(Secret::new(format!("simulated-oauth-{platform}"))),
                endpoint: None,
                // The simulator's own address, so the demo's returns are agreed through it.
                return_address: Some(returns_platforms::ReturnAddress {
                    id: 1,
                    name: Some("模拟退货仓".to_owned()),
                    address: Some("simulated".to_owned()),
                    post: None,
                    mobile: None,
                    tel: None,
                }),
                tmall: None,
            })
            .collect();
        let simulator = Simulator::start(shops.clone(), true).await?;
        tracing::warn!(
            endpoint = %simulator.endpoint(),
            "SIMULATED platform actions: Douyin, Taobao and Kuaishou actions go to the built-in \
             contract simulator and NOTHING REACHES A MARKETPLACE; for demos and tests only"
        );
        let http = http()?;
        let clients = shops
            .into_iter()
            .map(|mut shop| {
                shop.endpoint = Some(simulator.endpoint());
                (
                    shop.shop.clone(),
                    returns_platforms::client(shop, http.clone()),
                )
            })
            .collect();
        return Ok(PlatformSetup {
            api: PlatformApi::new(clients, versions, true),
            simulator: Some(simulator),
        });
    }
    let Some(path) = &settings.platform_credentials else {
        tracing::info!(
            "platform actions: every shop in manual mode (a person acts in the back office)"
        );
        return Ok(PlatformSetup {
            api: PlatformApi::manual(),
            simulator: None,
        });
    };
    let shops = returns_platforms::credentials::load(path, |name| std::env::var(name).ok())
        .map_err(|e| StartupError::Platforms(e.to_string()))?;
    let http = http()?;
    let names: Vec<String> = shops.iter().map(|s| s.shop.clone()).collect();
    tracing::info!(shops = ?names, "platform actions: api mode for these shops, manual for the rest");
    let clients = shops
        .into_iter()
        .map(|shop| {
            (
                shop.shop.clone(),
                returns_platforms::client(shop, http.clone()),
            )
        })
        .collect();
    Ok(PlatformSetup {
        api: PlatformApi::new(clients, versions, false),
        simulator: None,
    })
}
