//! An interner: each distinct text once, named by a small number (accounts, currencies,
//! categories and types repeat across a million transactions). A handful of values is found by
//! a linear scan (faster than hashing); past [`SCAN`] values a hash map takes over.

use std::collections::HashMap;

/// Up to this many values, lookups scan.
const SCAN: usize = 16;

/// Distinct texts, numbered from 0 in order of first appearance.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    values: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
}

impl Interner {
    /// The number of `text`, adding it if new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if self.values.len() <= SCAN {
            if let Some(i) = self.values.iter().position(|v| **v == *text) {
                return i as u32;
            }
        } else if let Some(i) = self.index.get(text) {
            return *i;
        }
        let i = self.values.len() as u32;
        self.values.push(text.into());
        if self.values.len() > SCAN {
            if self.index.is_empty() {
                self.index = self.values.iter().cloned().zip(0..).collect();
            } else {
                self.index.insert(text.into(), i);
            }
        }
        i
    }

    /// The text numbered `i` (empty if there is none).
    pub fn get(&self, i: u32) -> &str {
        self.values.get(i as usize).map_or("", |v| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gets_the_same_number_before_and_after_the_map_takes_over() {
        let mut i = Interner::default();
        let names: Vec<String> = (0..40).map(|n| format!("v{n}")).collect();
        let first: Vec<u32> = names.iter().map(|n| i.intern(n)).collect();
        let again: Vec<u32> = names.iter().map(|n| i.intern(n)).collect();
        assert_eq!(first, again);
        assert_eq!(first, (0..40).collect::<Vec<u32>>());
        assert_eq!(i.get(17), "v17");
        assert_eq!(i.get(99), "");
    }
}
