//! Everyone a seeded message names, kept once per tenant, so a message can hold its sender and
//! recipients as small indexes and be drawn as Graph JSON only when it is read.
use std::collections::HashMap;

use super::super::cast::{Cast, Person};

/// A person in the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonRef(u32);

#[derive(Debug, Default)]
pub struct Roster {
    people: Vec<Person>,
    by_address: HashMap<String, u32>,
    /// Where the cast's lists lie in memory and their first index here: a cast member is found
    /// by its address in memory, without hashing (the seed names thousands of them).
    cast_lists: Vec<(usize, usize, u32)>,
}

impl Roster {
    /// A roster starting with the whole cast: directory, outsiders, automated senders.
    pub fn for_cast(cast: &Cast) -> Self {
        let mut roster = Roster::default();
        for list in [&cast.directory, &cast.externals, &cast.services] {
            let first = roster.people.len() as u32;
            roster.cast_lists.push((list.as_ptr() as usize, list.len(), first));
            for person in list.iter() {
                roster.add(person);
            }
        }
        roster
    }

    fn add(&mut self, person: &Person) -> PersonRef {
        let i = u32::try_from(self.people.len()).expect("fewer than 2^32 people");
        self.people.push(person.clone());
        self.by_address.entry(person.address.clone()).or_insert(i);
        PersonRef(i)
    }

    /// The index of `person`, adding them the first time (by address: every address in the
    /// tenant names one person).
    pub fn intern(&mut self, person: &Person) -> PersonRef {
        let at = person as *const Person as usize;
        for &(start, len, first) in &self.cast_lists {
            let offset = at.wrapping_sub(start) / std::mem::size_of::<Person>();
            if at >= start && offset < len {
                return PersonRef(first + offset as u32);
            }
        }
        match self.by_address.get(&person.address) {
            Some(&i) => PersonRef(i),
            None => self.add(person),
        }
    }

    pub fn get(&self, person: PersonRef) -> &Person {
        &self.people[person.0 as usize]
    }
}
