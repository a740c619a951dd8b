//! The department console and GraphiQL, built by Vite into `console/dist`
//! and embedded into the binary, so the server needs neither Node nor the
//! internet. Unknown paths get the console's `index.html` (its router owns
//! them).

use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

/// The built console (`npm run build` in `console/`; committed).
#[derive(RustEmbed)]
#[folder = "../console/dist/"]
struct Assets;

fn serve(path: &str) -> Option<Response> {
    let file = Assets::get(path)?;
    let mime = file.metadata.mimetype().to_owned();
    // Vite puts a content hash in every asset's name, so those never change;
    // the HTML pages must be revalidated to pick up a new build.
    let cache = if path.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Some(
        (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, cache.to_owned()),
            ],
            file.data.into_owned(),
        )
            .into_response(),
    )
}

/// GraphiQL, from the binary.
pub async fn graphiql() -> Response {
    serve("graphiql.html").unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
}

/// A built file, or the console's page for its own routes.
pub async fn asset(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if let Some(response) = serve(path) {
        return response;
    }
    if path.starts_with("assets/") || path.contains('.') {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    }
    serve("index.html").unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
}
