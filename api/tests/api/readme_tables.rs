//! The README's tables of error codes, roles per mutation and policies are
//! the ones the code generates (`returns::docs`), so they cannot drift.

use std::collections::BTreeSet;

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");

/// The README text between `<!-- begin NAME -->` and `<!-- end NAME -->`.
fn section(readme: &str, name: &str) -> Option<String> {
    let begin = format!("<!-- begin {name} -->\n");
    let start = readme.find(&begin)? + begin.len();
    let end = readme[start..].find(&format!("<!-- end {name} -->"))? + start;
    Some(readme[start..end].to_owned())
}

fn check(name: &str, generated: &str) {
    let readme = std::fs::read_to_string(README).unwrap();
    let found = section(&readme, name);
    if found.as_deref() == Some(generated) {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        if let Some(old) = found {
            let updated = readme.replacen(
                &format!("<!-- begin {name} -->\n{old}"),
                &format!("<!-- begin {name} -->\n{generated}"),
                1,
            );
            std::fs::write(README, updated).unwrap();
            return;
        }
    }
    panic!(
        "README.md section {name} differs from the code (UPDATE_README=1 cargo test -p returns \
         --test api readme rewrites it); it should read:\n{generated}"
    );
}

#[test]
fn readme_lists_every_error_code() {
    check("error-codes", &returns::docs::error_codes());
}

#[test]
fn readme_lists_who_may_issue_each_mutation() {
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
fn readme_lists_every_policy_with_its_shipped_value() {
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
