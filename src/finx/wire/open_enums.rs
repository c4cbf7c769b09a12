//! The open enums of finX (finx-api.md §5.1, §5.3): the documented values plus `Other(String)`
//! for anything else (the legacy `Cash book`, `Unknown`, `ATM`, … included), kept as sent.

use crate::oxlin::wire::open_enum::open_enum;

open_enum!(
    /// `Account.type` (also the `account_types` of an access request).
    AccountType {
        Giro = "Giro account", Savings = "Savings account", DailySavings = "Daily savings account",
        CreditCard = "Credit card", Loan = "Loan account", PayPal = "PayPal", Depot = "Depot",
    }
);
open_enum!(
    /// `Transaction.type`.
    TransactionType {
        Transfer = "Transfer", StandingOrder = "Standing order", DirectDebit = "Direct debit",
        SalaryOrRent = "Salary or rent", GeldKarte = "GeldKarte",
        ChargesOrInterest = "Charges or interest",
    }
);
