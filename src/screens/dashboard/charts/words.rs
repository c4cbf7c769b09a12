//! Every string the charts view shows, in one place (English for now; the translation layer
//! will take them from here). Category names are `domain::category_name`'s.

/// Shown until the store has answered.
pub const LOADING: &str = "Reading the charts from the store…";
/// Shown when the store could not be read (followed by why).
pub const FAILED: &str = "The charts could not be read: ";
/// Shown when no account has a known balance.
pub const NO_BALANCE: &str = "No balance to draw yet: sync a bank (s) or add one (a).";
/// The one line shown instead of the charts in a small window.
pub const TOO_SMALL: &str = "Too small for charts (40×12)";
/// The balance chart's title (the account's name follows).
pub const BALANCE: &str = "Balance";
/// The net worth chart's title.
pub const NET_WORTH: &str = "Net worth";
/// After the net worth's currency when others are held (their codes follow).
pub const NOT_ADDED: &str = "main currency; not added:";
/// After the net worth's currency when it is the only one.
pub const ONLY_CURRENCY: &str = "every account";
/// The spending chart's title.
pub const SPENDING: &str = "Spending per month";
/// The category choice meaning no choice.
pub const ALL_CATEGORIES: &str = "All categories";
/// Before the highest month's amount.
pub const HIGHEST: &str = "highest";
/// Before this month's amount.
pub const THIS_MONTH: &str = "this month";
/// The category list's title.
pub const BY_CATEGORY: &str = "By category, 12 months";
/// Shown when nothing was spent in the last 12 months.
pub const NO_SPENDING: &str = "No spending in the last 12 months.";
/// The month abbreviations of the bars and date axes.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month as an axis label: `Mar 2026`.
pub fn month_year(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTHS[day.month0() as usize], day.year())
}
