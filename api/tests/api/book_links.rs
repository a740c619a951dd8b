//! The README and the book (`docs/src/`) hold together: every relative link
//! and image reaches a file, every `#fragment` names a heading of its page
//! as mdBook builds heading ids, every chapter is in `SUMMARY.md`, and the
//! crate rules the README states are the book's and hold in each crate's
//! `Cargo.toml`.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn root() -> PathBuf {
    normalize(&PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")))
}

fn book_src() -> PathBuf {
    root().join("docs/src")
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The Markdown extensions mdBook 0.5 parses with (`mdbook-markdown`'s
/// `new_cmark_parser` with its defaults), so headings and links are read
/// as the book renders them.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// mdBook's heading id (`mdbook-html`'s `id_from_content`): the heading's
/// text, trimmed and lowercased; letters, digits, `_` and `-` kept,
/// whitespace as `-`, everything else dropped.
fn id_from_content(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A link or image found in a page.
struct Link {
    line: usize,
    target: String,
}

/// What the link check needs of one page: its heading ids and its links.
struct Page {
    ids: HashSet<String>,
    links: Vec<Link>,
}

fn read_page(path: &Path) -> Page {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut ids = HashSet::new();
    let mut links = Vec::new();
    // Heading or definition-list term being read: its explicit id and text.
    let mut open: Option<(Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((id.map(|i| i.to_string()), String::new()));
            }
            Event::Start(Tag::DefinitionListTitle) => open = Some((None, String::new())),
            Event::End(TagEnd::Heading(_) | TagEnd::DefinitionListTitle) => {
                if let Some((explicit, text)) = open.take() {
                    let id = explicit.unwrap_or_else(|| id_from_content(&text));
                    // Repeated ids get -1, -2, … as mdBook's `unique_id` does.
                    let mut unique = id.clone();
                    let mut n = 0;
                    while !ids.insert(unique.clone()) {
                        n += 1;
                        unique = format!("{id}-{n}");
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(Link {
                    line: line_of(range.start),
                    target: dest_url.to_string(),
                });
            }
            _ => {}
        }
    }
    Page { ids, links }
}

fn markdown_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The README and every page of the book.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    markdown_under(&book_src(), &mut files);
    files.sort();
    files
}

fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

#[test]
fn every_internal_link_of_the_readme_and_the_book_resolves() {
    let root = root();
    let src = book_src();
    let files = documents();
    let pages: BTreeMap<PathBuf, Page> = files.iter().map(|f| (f.clone(), read_page(f))).collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (file, page) in &pages {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        for link in &page.links {
            if is_external(&link.target) {
                continue;
            }
            checked += 1;
            let (path, fragment) = match link.target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.target.as_str(), None),
            };
            let target = if path.is_empty() {
                file.clone()
            } else {
                normalize(&file.parent().unwrap().join(path))
            };
            let at = format!("{shown}:{}: {}", link.line, link.target);
            if !target.exists() {
                broken.push(format!("{at}: no such file"));
                continue;
            }
            // The built book holds only what is under docs/src.
            if file.starts_with(&src) && !target.starts_with(&src) {
                broken.push(format!(
                    "{at}: leaves docs/src, so the built book has no such page"
                ));
                continue;
            }
            if let Some(fragment) = fragment {
                match pages.get(&target) {
                    Some(page) if page.ids.contains(fragment) => {}
                    Some(page) => {
                        let mut ids: Vec<&String> = page.ids.iter().collect();
                        ids.sort();
                        broken.push(format!(
                            "{at}: no heading with id `{fragment}`; ids: {ids:?}"
                        ));
                    }
                    None => broken.push(format!("{at}: a fragment into a file that is not a page")),
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} internal links found: is the book there?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_of_the_book_is_in_its_summary() {
    let src = book_src();
    let summary = src.join("SUMMARY.md");
    let listed: BTreeSet<PathBuf> = read_page(&summary)
        .links
        .iter()
        .map(|l| normalize(&src.join(&l.target)))
        .collect();
    let mut pages = Vec::new();
    markdown_under(&src, &mut pages);
    let missing: Vec<String> = pages
        .iter()
        .filter(|p| **p != summary && !listed.contains(*p))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "pages mdBook would not build (add them to SUMMARY.md): {missing:?}"
    );
}

/// `| `path/` | `crate` | … | must never depend on |` rows of a crate table.
fn crate_rules(text: &str) -> BTreeMap<String, (String, String)> {
    text.lines()
        .filter(|l| l.starts_with("| `") && l.contains("/` |"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            let path = cells[0].trim_matches('`').to_owned();
            let krate = cells[1].trim_matches('`').to_owned();
            let rule = cells[cells.len() - 1].to_owned();
            (path, (krate, rule))
        })
        .collect()
}

#[test]
fn the_crate_rules_of_the_readme_are_the_books_and_hold() {
    let root = root();
    let readme = crate_rules(&std::fs::read_to_string(root.join("README.md")).unwrap());
    let book =
        crate_rules(&std::fs::read_to_string(book_src().join("architecture/overview.md")).unwrap());
    assert!(readme.len() >= 8, "the README's crate table is missing");
    let rules = |t: &BTreeMap<String, (String, String)>| -> BTreeMap<String, String> {
        t.iter().map(|(p, (_, r))| (p.clone(), r.clone())).collect()
    };
    assert_eq!(
        rules(&readme),
        rules(&book),
        "the README and the book state different crate rules"
    );

    // Our crates, by the word a rule uses for them ("api" for `api/`).
    let ours: BTreeMap<String, String> = readme
        .iter()
        .filter(|(_, (krate, _))| krate.starts_with("returns"))
        .map(|(path, (krate, _))| (path.trim_end_matches('/').to_owned(), krate.clone()))
        .collect();
    let mut violations = Vec::new();
    for (word, krate) in &ours {
        let rule = &readme[&format!("{word}/")].1;
        let mut forbidden = BTreeSet::new();
        for part in rule.split([',', ';']).map(str::trim) {
            match part {
                "—" | "" => {}
                "any crate of ours" => {
                    forbidden.extend(ours.values().filter(|c| *c != krate).cloned())
                }
                other => {
                    forbidden.insert(ours.get(other).cloned().unwrap_or_else(|| other.to_owned()));
                }
            }
        }
        let manifest = root.join(word).join("Cargo.toml");
        let toml: toml::Table = std::fs::read_to_string(&manifest)
            .unwrap()
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        for table in ["dependencies", "dev-dependencies", "build-dependencies"] {
            let Some(deps) = toml.get(table).and_then(|t| t.as_table()) else {
                continue;
            };
            for name in deps.keys() {
                if forbidden.contains(name) && name != krate {
                    violations.push(format!("{word}/Cargo.toml [{table}] has {name}: {rule}"));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "crate rules broken:\n{}",
        violations.join("\n")
    );
}
