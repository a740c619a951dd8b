//! In-process tests of the API: the schema file, the role matrix, abuse
//! limits, mutations and errors, tamper detection, the book's generated
//! tables and its links. One binary (zero2prod style) so the crate links
//! once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod book_links;
mod choices;
mod credential_cache;
mod evidence;
mod helpers;
mod http_errors;
mod intake;
mod limits;
mod mutations;
mod pack_pdf;
mod readme_tables;
mod roles;
mod saved_views;
mod schema_file;
mod tamper;
