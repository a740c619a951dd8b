//! The committed `schema.graphql` is the code's schema.

#[test]
fn schema_graphql_at_the_root_equals_the_code_sdl() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema.graphql");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let sdl = returns::graphql::sdl();
    if committed != sdl {
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &sdl).unwrap();
            return;
        }
        panic!(
            "schema.graphql is out of date: run `cargo run -p returns -- schema > schema.graphql` \
             (or UPDATE_SCHEMA=1 cargo test -p returns)"
        );
    }
}

#[test]
fn returns_schema_prints_the_committed_sdl() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_returns"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        returns::graphql::sdl()
    );
}
