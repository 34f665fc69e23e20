//! Client credentials (graph-facts §1.3): the app signs in as itself with a secret from the
//! config or from `client_secret_cmd`. No refresh token is issued; the provider re-acquires.
use chrono::{DateTime, Utc};
use oauth2::Scope;

use super::oauth::{SignInContext, TokenGrant, request_error};
use super::{AuthError, scopes};
use crate::settings::AccountSettings;

/// Gets an app-only token for `{graph resource}/.default`.
pub async fn acquire(
    context: &SignInContext,
    account: &AccountSettings,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<TokenGrant, AuthError> {
    let context = match (&account.client_secret, &account.client_secret_cmd) {
        (Some(_), _) => context.clone(),
        (None, Some(command)) => context.clone().with_client_secret(&secret_from_command(command).await?),
        (None, None) => {
            return Err(AuthError::ClientCredentials(
                "client_credentials needs client_secret or client_secret_cmd in the config".into(),
            ));
        }
    };
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

/// Runs `command` with `sh -c` and returns its trimmed stdout. The output is never put into
/// an error message: on failure it may be half a secret.
pub async fn secret_from_command(command: &str) -> Result<String, AuthError> {
    let output = tokio::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .await
        .map_err(|e| AuthError::ClientCredentials(format!("cannot run client_secret_cmd: {e}")))?;
    if !output.status.success() {
        return Err(AuthError::ClientCredentials(format!("client_secret_cmd failed ({})", output.status)));
    }
    let secret = String::from_utf8(output.stdout)
        .map_err(|_| AuthError::ClientCredentials("client_secret_cmd printed something that is not UTF-8".into()))?;
    let secret = secret.trim();
    if secret.is_empty() {
        return Err(AuthError::ClientCredentials("client_secret_cmd printed nothing".into()));
    }
    Ok(secret.to_owned())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn command_output_is_trimmed() {
        assert_eq!(secret_from_command("printf '  s3cret\\n\\n'").await.unwrap(), "s3cret");
    }

    #[tokio::test]
    async fn failures_do_not_echo_output() {
        let err = secret_from_command("echo leaked-half-secret; exit 3").await.unwrap_err().to_string();
        assert!(err.contains("failed"), "{err}");
        assert!(!err.contains("leaked-half-secret"), "{err}");
        let err = secret_from_command("true").await.unwrap_err().to_string();
        assert!(err.contains("printed nothing"), "{err}");
    }
}
