//! Profile photos (profilephoto-get): `GET /me/photo/$value` and `/users/{id|upn}/photo/$value`
//! answer the photo's bytes with its content type, or 404 `ImageNotFound` for a user who has
//! none. A user's photo is kept in the tenant as `_photo` (standard base64) and
//! `_photoContentType`; the seeded demo has none, so a test gives one.
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde_json::Value;

use super::super::SharedState;
use super::super::errors::{GraphError, GraphResult};
use super::{find_user, not_found};

pub async fn my_photo(State(state): State<SharedState>) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    photo_of(tenant.me())
}

pub async fn user_photo(State(state): State<SharedState>, Path(user): Path<String>) -> GraphResult<Response> {
    let tenant = state.read_tenant();
    photo_of(find_user(&tenant, &user).ok_or_else(|| not_found(&user))?)
}

fn photo_of(user: &Value) -> GraphResult<Response> {
    let bytes = user
        .get("_photo")
        .and_then(Value::as_str)
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .ok_or_else(|| GraphError::new(StatusCode::NOT_FOUND, "ImageNotFound", "Exchange: The photo wasn't found."))?;
    let content_type = user.get("_photoContentType").and_then(Value::as_str).unwrap_or("image/jpeg").to_owned();
    Ok(([(header::CONTENT_TYPE, content_type)], bytes).into_response())
}
