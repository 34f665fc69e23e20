//! Refresh token grant (graph-facts §1.4): a new access token and a rotated refresh token.
use chrono::{DateTime, Utc};
use oauth2::{RequestTokenError, Scope};

use super::oauth::{SignInContext, TokenGrant, request_error};
use super::{AuthError, Expired, RefreshToken, Refusal};

/// Redeems `refresh_token`. The answer's refresh token replaces the old one; if the server
/// sends none, the old one is kept. `invalid_grant` means the user must sign in again.
pub async fn refresh(
    context: &SignInContext,
    refresh_token: &RefreshToken,
    scopes: &[String],
    now: impl Fn() -> DateTime<Utc>,
) -> Result<TokenGrant, AuthError> {
    let token = oauth2::RefreshToken::new(refresh_token.secret().to_owned());
    let response = context
        .client
        .exchange_refresh_token(&token)
        .add_scopes(scopes.iter().cloned().map(Scope::new))
        .request_async(&context.http)
        .await;
    match response {
        Ok(response) => {
            let mut grant = TokenGrant::from_response(&response, scopes, now());
            if grant.refresh_token.is_none() {
                grant.refresh_token = Some(refresh_token.clone());
            }
            Ok(grant)
        }
        Err(RequestTokenError::ServerResponse(reply))
            if *reply.error() == oauth2::basic::BasicErrorResponseType::InvalidGrant =>
        {
            let refusal = Refusal::parse("invalid_grant", reply.error_description().map(String::as_str));
            Err(AuthError::SessionExpired(Expired::Refused(Box::new(refusal))))
        }
        Err(other) => Err(request_error(other)),
    }
}
