//! The process's memory as `/metrics` reports it: the allocator's own
//! figures and the resident set split by what backs it. RSS alone cannot
//! tell a growing heap from pages the allocator keeps for reuse, or from the
//! binary's code paged in; these can (issue #28, and the memory formula in
//! the book's settings chapter).

/// jemalloc's statistics in bytes, by `kind`, refreshed now (its figures are
/// cached until the epoch advances), or nothing when the server runs on
/// another allocator or the figures cannot be read.
///
/// - `allocated`: bytes the program holds (the live heap);
/// - `active`: pages holding them (the difference is fragmentation);
/// - `resident`: pages of the allocator in RAM, its metadata and the dirty
///   pages it keeps for reuse included (`dirty_decay_ms` bounds how long);
///   an upper bound, since pages it handed out but nobody touched count;
/// - `mapped`, `retained`: address space in use, and kept but unbacked;
/// - `metadata`: the allocator's own bookkeeping.
pub fn allocator() -> Vec<(&'static str, u64)> {
    #[cfg(feature = "jemalloc")]
    {
        use tikv_jemalloc_ctl::{epoch, stats};
        if let Err(error) = epoch::advance() {
            tracing::warn!(%error, "cannot refresh jemalloc's statistics");
            return Vec::new();
        }
        type Read = fn() -> tikv_jemalloc_ctl::Result<usize>;
        let read: [(&'static str, Read); 6] = [
            ("allocated", stats::allocated::read),
            ("active", stats::active::read),
            ("resident", stats::resident::read),
            ("mapped", stats::mapped::read),
            ("retained", stats::retained::read),
            ("metadata", stats::metadata::read),
        ];
        read.into_iter()
            .filter_map(|(kind, read)| match read() {
                Ok(bytes) => Some((kind, bytes as u64)),
                Err(error) => {
                    tracing::warn!(%error, kind, "cannot read a jemalloc statistic");
                    None
                }
            })
            .collect()
    }
    #[cfg(not(feature = "jemalloc"))]
    {
        Vec::new()
    }
}

/// The process's resident set in bytes by what backs it, from
/// `/proc/self/status`: `anonymous` (heap, stacks), `file` (the executable
/// and libraries paged in) and `shmem`; nothing where there is no procfs.
pub fn resident() -> Vec<(&'static str, u64)> {
    std::fs::read_to_string("/proc/self/status")
        .map(|status| resident_of(&status))
        .unwrap_or_default()
}

fn resident_of(status: &str) -> Vec<(&'static str, u64)> {
    [
        ("anonymous", "RssAnon:"),
        ("file", "RssFile:"),
        ("shmem", "RssShmem:"),
    ]
    .into_iter()
    .filter_map(|(kind, field)| {
        let line = status.lines().find(|l| l.starts_with(field))?;
        let mut words = line[field.len()..].split_whitespace();
        let kib: u64 = words.next()?.parse().ok()?;
        (words.next() == Some("kB")).then_some((kind, kib * 1024))
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resident_set_is_read_by_kind_in_bytes() {
        let status = "Name:\treturns\nVmRSS:\t   91240 kB\nRssAnon:\t   60112 kB\nRssFile:\t   31000 kB\nRssShmem:\t     128 kB\n";
        assert_eq!(
            resident_of(status),
            vec![
                ("anonymous", 60112 * 1024),
                ("file", 31000 * 1024),
                ("shmem", 128 * 1024)
            ]
        );
        assert_eq!(resident_of("RssAnon:\tlots\n"), vec![]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_a_resident_set() {
        let parts = resident();
        assert!(parts
            .iter()
            .any(|(kind, bytes)| *kind == "anonymous" && *bytes > 0));
    }

    #[cfg(feature = "jemalloc")]
    #[test]
    fn jemalloc_counts_what_the_program_holds() {
        // The test binary declares no global allocator, but jemalloc serves
        // malloc in place of the C library's (unprefixed), so the system
        // allocator's calls land in it. Zeroed memory is not touched, so the
        // block below costs address space, not RAM; it is large enough that
        // other tests' frees at the same moment cannot hide it.
        let get = |v: &[(&str, u64)], k: &str| v.iter().find(|(x, _)| *x == k).map(|(_, b)| *b);
        let before = allocator();
        assert_eq!(
            before.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [
                "allocated",
                "active",
                "resident",
                "mapped",
                "retained",
                "metadata"
            ]
        );
        let block = vec![0u8; 256 << 20];
        let during = allocator();
        drop(std::hint::black_box(block));
        let grew = get(&during, "allocated").unwrap_or(0) as i64
            - get(&before, "allocated").unwrap_or(0) as i64;
        assert!(grew >= 128 << 20, "{before:?} then {during:?}");
        assert!(
            get(&during, "active") >= get(&during, "allocated"),
            "{during:?}"
        );
    }
}
