//! Every string the charts view shows, in one place, read from the catalogue
//! (`locales/app.toml`, `charts.*`) in the UI's language. Category names are
//! `domain::category_name`'s.

use std::borrow::Cow;

use rust_i18n::t;

use crate::i18n::Lang;

/// Shown until the store has answered.
pub fn loading(lang: Lang) -> Cow<'static, str> {
    t!("charts.loading", locale = lang.code())
}
/// Shown when the store could not be read (followed by why).
pub fn failed(lang: Lang) -> Cow<'static, str> {
    t!("charts.failed", locale = lang.code())
}
/// Shown when no account has a known balance.
pub fn no_balance(lang: Lang) -> Cow<'static, str> {
    t!("charts.no_balance", locale = lang.code())
}
/// The one line shown instead of the charts in a small window.
pub fn too_small(lang: Lang) -> Cow<'static, str> {
    t!("charts.too_small", locale = lang.code())
}
/// The balance chart's title (the account's name follows).
pub fn balance(lang: Lang) -> Cow<'static, str> {
    t!("charts.balance", locale = lang.code())
}
/// The net worth chart's title.
pub fn net_worth(lang: Lang) -> Cow<'static, str> {
    t!("charts.net_worth", locale = lang.code())
}
/// After the net worth's currency when others are held (their codes follow).
pub fn not_added(lang: Lang) -> Cow<'static, str> {
    t!("charts.not_added", locale = lang.code())
}
/// After the net worth's currency when it is the only one.
pub fn only_currency(lang: Lang) -> Cow<'static, str> {
    t!("charts.only_currency", locale = lang.code())
}
/// The spending chart's title.
pub fn spending(lang: Lang) -> Cow<'static, str> {
    t!("charts.spending", locale = lang.code())
}
/// The category choice meaning no choice.
pub fn all_categories(lang: Lang) -> Cow<'static, str> {
    t!("charts.all_categories", locale = lang.code())
}
/// Before the highest month's amount.
pub fn highest(lang: Lang) -> Cow<'static, str> {
    t!("charts.highest", locale = lang.code())
}
/// Before this month's amount.
pub fn this_month(lang: Lang) -> Cow<'static, str> {
    t!("charts.this_month", locale = lang.code())
}
/// The category list's title.
pub fn by_category(lang: Lang) -> Cow<'static, str> {
    t!("charts.by_category", locale = lang.code())
}
/// Shown when nothing was spent in the last 12 months.
pub fn no_spending(lang: Lang) -> Cow<'static, str> {
    t!("charts.no_spending", locale = lang.code())
}

/// The abbreviation of a month (0 = January) for the bars and date axes: `Mar`, `mar`.
pub fn month(lang: Lang, month0: u32) -> String {
    let months = t!("charts.months", locale = lang.code());
    months
        .split(' ')
        .nth(month0 as usize)
        .unwrap_or("?")
        .to_owned()
}

/// A month as an axis label: `Mar 2026`.
pub fn month_year(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", month(lang, day.month0()), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_in_both_languages() {
        let august = chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        assert_eq!(month_year(Lang::En, august), "Aug 2026");
        assert_eq!(month_year(Lang::Fr, august), "aoû 2026");
        assert_eq!(month(Lang::Fr, 11), "déc");
    }
}
