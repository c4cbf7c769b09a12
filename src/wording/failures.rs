//! Why a call or a sync failed, and what to do next, in words.
