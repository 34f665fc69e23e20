//! Client credentials (graph-facts §1.3): the app signs in as itself with its client secret
//! (`client_secret`: from the config, a command or the OS keyring, read by the caller). No
//! refresh token is issued; the provider re-acquires.
use chrono::{DateTime, Utc};
use oauth2::Scope;

use super::oauth::{SignInContext, TokenGrant, request_error};
use super::{AuthError, scopes};
use crate::settings::AccountSettings;

/// Gets an app-only token for `{graph resource}/.default`; `context` carries the secret
/// (`client_secret::with_secret`).
pub async fn acquire(
    context: &SignInContext,
    account: &AccountSettings,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<TokenGrant, AuthError> {
    let scope = scopes::app_only_scope(&account.graph_url);
    let response = context
        .client
        .exchange_client_credentials()
        .add_scope(Scope::new(scope.clone()))
        .request_async(&context.http)
        .await
        .map_err(request_error)?;
    Ok(TokenGrant::from_response(&response, &[scope], now()))
}
