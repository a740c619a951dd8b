//! The `returns` application: GraphQL schema, auth, the HTTP/WebSocket
//! server and the command-line interface.
//!
//! The top of the dependency graph: nothing in the workspace may depend on it
//! except the end-to-end tests.
