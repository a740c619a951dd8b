//! The platform's own code for a carrier a person typed: the warehouse
//! writes "顺丰", "SF Express" or "shunfeng", while a platform's shipping
//! calls take only a code from its carrier list.

/// Common ways of writing the big carriers, each with a stem of the name
/// the platforms' lists give them (顺丰速运, 圆通快递, …).
const ALIASES: &[(&[&str], &str)] = &[
    (&["sf", "sfexpress", "shunfeng", "顺丰"], "顺丰"),
    (&["yto", "ytoexpress", "yuantong", "圆通"], "圆通"),
    (&["zto", "ztoexpress", "zhongtong", "中通"], "中通"),
    (&["sto", "stoexpress", "shentong", "申通"], "申通"),
    (&["yd", "yunda", "yundaexpress", "韵达"], "韵达"),
    (&["jd", "jdl", "jdlogistics", "jingdong", "京东"], "京东"),
    (&["j&t", "jt", "jtexpress", "jitu", "极兔"], "极兔"),
    (&["deppon", "debang", "德邦"], "德邦"),
    (&["best", "bestexpress", "baishi", "百世"], "百世"),
    (&["ems", "chinaems"], "ems"),
    (&["chinapost", "youzheng", "邮政"], "邮政"),
];

fn normal(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The code in `list` (`(code, name)` pairs) of the carrier `typed` names:
/// its code, its name, a known short form, or a part of exactly one name.
/// `None` when no carrier, or more than one, fits.
pub(crate) fn find(list: &[(String, String)], typed: &str) -> Option<String> {
    let typed = normal(typed);
    if typed.is_empty() {
        return None;
    }
    let by = |fits: &dyn Fn(&str, &str) -> bool| -> Option<Option<String>> {
        let mut found = list
            .iter()
            .filter(|(code, name)| fits(&normal(code), &normal(name)));
        let first = found.next()?;
        // Two carriers fit: the typed name does not say which.
        Some(found.next().is_none().then(|| first.0.clone()))
    };
    if let Some(found) = by(&|code, name| code == typed || name == typed) {
        return found;
    }
    let stem = ALIASES
        .iter()
        .find(|(aliases, _)| {
            aliases.contains(&typed.as_str())
                || typed.starts_with(&normal(aliases[aliases.len() - 1]))
        })
        .map(|(_, stem)| normal(stem));
    if let Some(stem) = stem {
        if let Some(found) = by(&|_, name| name.contains(&stem)) {
            return found;
        }
    }
    if typed.chars().count() < 2 {
        return None;
    }
    by(&|_, name| !name.is_empty() && (name.contains(&typed) || typed.contains(name))).flatten()
}

#[cfg(test)]
mod tests {
    use super::find;

    fn list() -> Vec<(String, String)> {
        [
            ("shunfeng", "顺丰速运"),
            ("yuantong", "圆通快递"),
            ("zhongtong", "中通快递"),
            ("jd", "京东物流"),
            ("jdky", "京东快运"),
            ("ems", "EMS"),
        ]
        .iter()
        .map(|(c, n)| ((*c).to_owned(), (*n).to_owned()))
        .collect()
    }

    #[test]
    fn a_code_a_name_or_a_short_form_finds_the_carrier() {
        let list = list();
        for typed in ["shunfeng", "顺丰速运", "顺丰", "SF Express", "sf", " SF "] {
            assert_eq!(find(&list, typed).as_deref(), Some("shunfeng"), "{typed}");
        }
        assert_eq!(find(&list, "YTO").as_deref(), Some("yuantong"));
        assert_eq!(find(&list, "中通").as_deref(), Some("zhongtong"));
        assert_eq!(find(&list, "ems").as_deref(), Some("ems"));
        assert_eq!(find(&list, "京东快运").as_deref(), Some("jdky"));
    }

    #[test]
    fn an_unknown_or_ambiguous_carrier_finds_none() {
        let list = list();
        assert_eq!(find(&list, "京东"), None, "two 京东 carriers");
        assert_eq!(find(&list, "Royal Mail"), None);
        assert_eq!(find(&list, ""), None);
        assert_eq!(find(&list, "快"), None);
    }
}
