//! The book's tables of error codes, roles per mutation and policies are
//! the ones the code generates (`returns::docs`), so they cannot drift.
//! Each lives between `<!-- begin NAME -->` and `<!-- end NAME -->` in its
//! chapter under `docs/src/`; `UPDATE_README=1` rewrites them.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// The chapter of the book that holds the table `name`, from the repository root.
fn chapter_of(name: &str) -> &'static str {
    match name {
        "error-codes" => "docs/src/api/errors.md",
        "roles" => "docs/src/api/roles.md",
        "policies" => "docs/src/api/policies.md",
        "platform-statuses" => "docs/src/integrating/mappings.md",
        other => panic!("no chapter holds the table {other}"),
    }
}

fn path_of(chapter: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).join(chapter)
}

/// The text between `<!-- begin NAME -->` and `<!-- end NAME -->`.
fn section(text: &str, name: &str) -> Option<String> {
    let begin = format!("<!-- begin {name} -->\n");
    let start = text.find(&begin)? + begin.len();
    let end = text[start..].find(&format!("<!-- end {name} -->"))? + start;
    Some(text[start..end].to_owned())
}

fn check(name: &str, generated: &str) {
    let chapter = chapter_of(name);
    let path = path_of(chapter);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let found = section(&text, name);
    if found.as_deref() == Some(generated) {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        if let Some(old) = found {
            let updated = text.replacen(
                &format!("<!-- begin {name} -->\n{old}"),
                &format!("<!-- begin {name} -->\n{generated}"),
                1,
            );
            std::fs::write(&path, updated).unwrap();
            return;
        }
    }
    panic!(
        "{chapter} section {name} differs from the code (UPDATE_README=1 cargo test -p returns \
         --test api readme rewrites it); it should read:\n{generated}"
    );
}

#[test]
fn book_lists_every_error_code() {
    check("error-codes", &returns::docs::error_codes());
}

#[test]
fn book_lists_who_may_issue_each_mutation() {
    let sdl = returns::graphql::sdl();
    for kind in returns_domain::CommandKind::ALL
        .into_iter()
        .filter(|k| !k.is_platform_fact())
    {
        let name = returns::docs::mutation_name(kind);
        assert!(
            sdl.contains(&format!("\t{name}(")),
            "no mutation {name} in the schema"
        );
    }
    check("roles", &returns::docs::roles_per_mutation());
}

#[test]
fn book_lists_every_policy_with_its_shipped_value() {
    let documented: BTreeSet<String> = returns::docs::POLICY_KEYS
        .iter()
        .map(|(k, _)| (*k).to_owned())
        .collect();
    let in_code: BTreeSet<String> = returns::docs::policy_keys_in_code().into_iter().collect();
    assert_eq!(
        documented, in_code,
        "every policy key, and only those, is described"
    );
    check("policies", &returns::docs::policies());
}

#[test]
fn book_lists_what_each_documented_platform_status_does() {
    let table = returns::docs::platform_statuses();
    for platform in ["taobao", "douyin", "kuaishou"] {
        assert!(table.contains(&format!("**{platform}**")), "{table}");
    }
    assert!(!table.contains("not handled"), "{table}");
    check("platform-statuses", &table);
}
