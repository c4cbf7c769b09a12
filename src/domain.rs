//! Backend-neutral types: money, accounts, transactions, connections.
