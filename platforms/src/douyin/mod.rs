//! PLACEHOLDER: the douyin adapter is being written (see the brief); it
//! answers every order with a person's task until then.

pub mod simulator;

use chrono::{DateTime, Utc};
use returns_domain::platform_action::PlatformAction;

use crate::{ActionOrder, Outcome, PersonReason, Platform, PlatformClient, SendFuture, ShopCredentials};

/// The douyin client.
pub struct Client {
    #[allow(dead_code)]
    shop: ShopCredentials,
    #[allow(dead_code)]
    http: reqwest::Client,
}

impl Client {
    /// A client for `shop`.
    pub fn new(shop: ShopCredentials, http: reqwest::Client) -> Self {
        Client { shop, http }
    }
}

impl PlatformClient for Client {
    fn platform(&self) -> Platform {
        self.shop.platform
    }

    fn batch_limit(&self, _action: PlatformAction) -> usize {
        1
    }

    fn send<'a>(&'a self, _now: DateTime<Utc>, orders: &'a [ActionOrder]) -> SendFuture<'a> {
        Box::pin(async move {
            orders
                .iter()
                .map(|_| Outcome::NeedsPerson {
                    reason: PersonReason::NoApiCall,
                    code: None,
                    message: "not written yet".to_owned(),
                })
                .collect()
        })
    }
}
