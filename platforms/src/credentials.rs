//! Per-shop credentials for the platforms' open APIs, read from a secrets
//! file whose values may name environment variables instead (`env:NAME`).
//! They live in memory only: never logged ([`Secret`]'s `Debug` and
//! `Display` print nothing of them), never in the database, never in an
//! event.
//!
//! ```toml
//! [shops.douyin]            # the ticket channel the shop's records come in on
//! platform = "douyin"
//! app_key = "7123456789"
//! app_secret = "env:DOUYIN_APP_SECRET"
//! access_token = "env:DOUYIN_ACCESS_TOKEN"
//! refresh_token = "env:DOUYIN_REFRESH_TOKEN"   # optional
//! # endpoint = "https://openapi-fxg.jinritemai.com"   # optional override
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use zeroize::Zeroizing;

use crate::Platform;

/// A secret value: shown as `[redacted]` wherever it is printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The value, for signing and sending only.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// One shop's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopCredentials {
    /// The channel its tickets carry.
    pub shop: String,
    /// Its platform.
    pub platform: Platform,
    /// The application's key (Douyin `app_key`, TOP `app_key`, Kuaishou `appkey`).
    pub app_key: String,
    /// The application's secret (Kuaishou: the `signSecret`).
    pub app_secret: Secret,
    /// The shop's access token (TOP: the `session`).
    pub access_token: Secret,
    /// The token that renews `access_token`, where the platform has one.
    pub refresh_token: Option<Secret>,
    /// Kuaishou only: the application secret used to refresh tokens, which
    /// is not the signing secret.
    pub oauth_secret: Option<Secret>,
    /// Where to send instead of the platform's documented endpoint.
    pub endpoint: Option<String>,
    /// The shop's return address as the platform keeps it, named when a
    /// return or exchange is agreed. Without it those approvals are a
    /// person's task.
    pub return_address: Option<ReturnAddress>,
    /// Taobao only: whether the shop sells on Tmall, whose refusals always
    /// need a proof (`refuse_proof`). `None`: not said, taken as Tmall.
    pub tmall: Option<bool>,
}

/// A return address of the shop's on its platform. Not a secret and not
/// personal: it is the merchant's warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnAddress {
    /// Its id on the platform: Douyin's `address_id` from `/address/list`
    /// (sent as `logistics.receiver_address_id`), TOP's seller address id
    /// (`seller_address_id`, 卖家收货地址编号).
    pub id: i64,
    /// The address spelled out, which `taobao.rp.returngoods.agree` requires
    /// on Taobao (not Tmall) refunds beside the id: 卖家姓名.
    #[serde(default)]
    pub name: Option<String>,
    /// 退货地址.
    #[serde(default)]
    pub address: Option<String>,
    /// 邮编.
    #[serde(default)]
    pub post: Option<String>,
    /// 卖家手机.
    #[serde(default)]
    pub mobile: Option<String>,
    /// 卖家座机.
    #[serde(default)]
    pub tel: Option<String>,
}

/// Why credentials could not be read. Never contains a secret's value.
#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// The file could not be read.
    #[error("cannot read the platform credentials file {path}: {message}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// The file is not valid.
    #[error("platform credentials file {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong (no values quoted).
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    shops: BTreeMap<String, ShopEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShopEntry {
    platform: String,
    app_key: String,
    app_secret: String,
    access_token: String,
    refresh_token: Option<String>,
    oauth_secret: Option<String>,
    endpoint: Option<String>,
    return_address: Option<ReturnAddress>,
    tmall: Option<bool>,
}

/// Reads every shop of the file at `path`; `env` looks up `env:NAME` values.
pub fn load(
    path: &Path,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Vec<ShopCredentials>, CredentialsError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CredentialsError::Read {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    parse(&text, &shown, env)
}

/// Parses a credentials file's `text` (`origin` names it in errors).
pub fn parse(
    text: &str,
    origin: &str,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Vec<ShopCredentials>, CredentialsError> {
    let invalid = |message: String| CredentialsError::Invalid {
        path: origin.to_owned(),
        message,
    };
    // toml's own message may quote the offending line, which can be a
    // secret: only its position is passed on.
    let file: File = toml::from_str(text).map_err(|e| {
        invalid(match e.span() {
            Some(span) => format!("not valid TOML near byte {}", span.start),
            None => "not valid TOML".to_owned(),
        })
    })?;
    let resolve = |shop: &str, field: &str, value: &str| -> Result<String, CredentialsError> {
        match value.strip_prefix("env:") {
            Some(name) => env(name).filter(|v| !v.is_empty()).ok_or_else(|| {
                invalid(format!(
                    "shop {shop:?}: {field} names the environment variable {name}, which is not set"
                ))
            }),
            None => Ok(value.to_owned()),
        }
    };
    file.shops
        .into_iter()
        .map(|(shop, entry)| {
            let platform = Platform::parse(&entry.platform).ok_or_else(|| {
                invalid(format!(
                    "shop {shop:?}: unknown platform {:?} (douyin, taobao or kuaishou)",
                    entry.platform
                ))
            })?;
            let optional = |field: &str, value: Option<String>| {
                value
                    .map(|v| resolve(&shop, field, &v).map(Secret::new))
                    .transpose()
            };
            Ok(ShopCredentials {
                platform,
                app_key: resolve(&shop, "app_key", &entry.app_key)?,
                app_secret: Secret::new(resolve(&shop, "app_secret", &entry.app_secret)?),
                access_token: Secret::new(resolve(&shop, "access_token", &entry.access_token)?),
                refresh_token: optional("refresh_token", entry.refresh_token)?,
                oauth_secret: optional("oauth_secret", entry.oauth_secret)?,
                endpoint: entry.endpoint,
                return_address: entry.return_address,
                tmall: entry.tmall,
                shop,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shop_may_name_its_return_address() {
        let text = r#"
            [shops.taobao]
            platform = "taobao"
            app_key = "1"
            app_secret = "s"
            access_token = "t"
            [shops.taobao.return_address]
            id = 880001
            name = "退货仓"
        "#;
        let shops = parse(text, "test", |_| None).unwrap_or_default();
        let address = shops.first().and_then(|s| s.return_address.clone());
        assert_eq!(address.as_ref().map(|a| a.id), Some(880_001));
        assert_eq!(address.and_then(|a| a.name).as_deref(), Some("退货仓"));
    }

    #[test]
    fn values_come_from_the_file_or_the_environment_and_never_print() {
        let text = r#"
            [shops.douyin]
            platform = "douyin"
            app_key = "7001"
            app_secret = "env:DY_SECRET"
            access_token = "token-in-file"
        "#;
        let shops = parse(text, "test", |name| {
            (name == "DY_SECRET").then(|| "s3cr3t".to_owned())
        })
        .unwrap();
        assert_eq!(shops.len(), 1);
        assert_eq!(shops[0].app_secret.expose(), "s3cr3t");
        let printed = format!("{:?}", shops[0]);
        assert!(!printed.contains("s3cr3t") && !printed.contains("token-in-file"));
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn a_missing_variable_or_a_bad_line_is_named_without_its_value() {
        let missing = parse(
            "[shops.x]\nplatform='taobao'\napp_key='k'\napp_secret='env:NOPE'\naccess_token='t'",
            "f",
            |_| None,
        )
        .unwrap_err()
        .to_string();
        assert!(missing.contains("NOPE"), "{missing}");
        let bad = parse("[shops.x]\napp_secret = \"hunter2", "f", |_| None)
            .unwrap_err()
            .to_string();
        assert!(!bad.contains("hunter2"), "{bad}");
    }
}
