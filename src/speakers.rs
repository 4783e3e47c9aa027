//! Stage 3b, speakers: merges mentions into entities.
//!
//! "Harbour Commissioner Dalia Renko" = "Ms. Renko" = "Renko"; "Spanish President
//! Marta Ibarra" = "the Spanish leader" (a role description joins the last person whose role
//! is of the same class and nationality); "the ministry" = the last named "… Ministry"; "The
//! Post" = "The New York Post". Pronouns are left to attribution, which knows where they stand.
//! Hands on: entities and, for each mention, its entity.

use crate::hash_index::HashIndex;
use crate::lexicon::{self, Gender};
use crate::list::Listed;
use crate::mentions::{Mention, MentionKind};
use crate::report::SpeakerKind;
use crate::segment::Sentences;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// One real-world source the article mentions.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub kind: SpeakerKind,
    /// The fullest name seen.
    pub name: String,
    pub role: Option<String>,
    pub gender: Gender,
    pub class: Option<&'static str>,
    pub nationality: Option<&'static str>,
    /// Whether the name is a plural (groups, and organisations' "they").
    pub plural: bool,
    /// Votes for its gender ("he", "she" after it as a sentence's only person) and whether a
    /// first name the lexicon knows is in one of its mentions (see `genders_from_pronouns`).
    votes: (u32, u32, bool),
}

/// Entities and the entity of each mention (pronouns: none).
pub(crate) struct Entities {
    pub list: Vec<Entity>,
    pub of_mention: Vec<Option<usize>>,
}

/// Resolves mentions, in text order, into entities.
pub(crate) fn resolve(s: &Sentences, mentions: &[Mention]) -> Entities {
    let text = s.text;
    let mut e = Entities {
        list: Vec::new(),
        of_mention: Vec::with_capacity(mentions.len()),
    };
    let mut ix = Index::default();
    for (mi, m) in mentions.iter().enumerate() {
        let found = match m.kind {
            MentionKind::Pronoun(_) => None,
            _ => {
                let id = match ix
                    .find(&e, text, mentions, mi)
                    .or_else(|| e.by_short_form(m))
                {
                    Some(id) => id,
                    None => {
                        let id = e.create(m);
                        ix.entity_added();
                        id
                    }
                };
                Some(id)
            }
        };
        if let Some(id) = found {
            let (renamed, classed) = e.absorb(id, m);
            ix.update(
                &e,
                id,
                mi,
                m,
                renamed || ix.last_any[id] == usize::MAX,
                classed,
            );
        }
        e.of_mention.push(found);
    }
    // A lone name used to qualify someone's role ("Citybus spokesman Alan Price") names an
    // organisation, not a person.
    // A map of owned words, the one hash-table type of the lexicons' word sets (so no hash-table
    // code of its own in the browser build).
    let qualifiers: rustc_hash::FxHashMap<String, usize> = mentions
        .iter()
        .filter_map(|m| m.role.as_deref())
        .filter_map(|r| r.split_once(' ').map(|(first, _)| (first.to_string(), 0)))
        .collect();
    for ent in e.list.iter_mut() {
        if ent.kind == SpeakerKind::Person
            && !ent.name.contains(' ')
            && ent.role.is_none()
            && qualifiers.contains_key(ent.name.as_str())
        {
            ent.kind = SpeakerKind::Organisation;
        }
    }
    genders_from_pronouns(&mut e, s, mentions);
    e
}

/// A person whose gender no first name, title or honorific gives takes it from the pronouns
/// that can only stand for them: "Clinton says she …" (a "he" or "she" after a sentence's only
/// person; quotations hold no mentions). Votes of the other gender, if any, must be
/// outnumbered three to one.
fn genders_from_pronouns(e: &mut Entities, s: &Sentences, mentions: &[Mention]) {
    // Each entity counts its votes, and whether a first name the lexicon knows, of either
    // gender ("Hillary", "Leslie"), is in one of its mentions: only people's names ("Patriot
    // Coal", "North America" or a heading's words take no gender from a "he").
    // The sentence's person so far (`usize::MAX`: more than one).
    let mut person: Option<usize> = None;
    let mut sentence = usize::MAX;
    for (m, id) in mentions.iter().zip(&e.of_mention) {
        if m.sentence != sentence {
            sentence = m.sentence;
            person = None;
        }
        match (m.kind, *id) {
            (MentionKind::Pronoun(p), _) => {
                if let Some(ent) = person.and_then(|id| e.list.get_mut(id)) {
                    let v = &mut ent.votes;
                    match p {
                        'm' => v.0 += 1,
                        'f' => v.1 += 1,
                        _ => {}
                    }
                }
            }
            (kind, Some(id)) if e.list[id].kind == SpeakerKind::Person => {
                person = match person {
                    Some(p) if p != id => Some(usize::MAX),
                    _ => Some(id),
                };
                e.list[id].votes.2 |= kind == MentionKind::Person
                    && m.tokens.clone().any(|k| s.info[k].first_name().is_some());
            }
            _ => {}
        }
    }
    for ent in e.list.iter_mut() {
        let (m, f, named) = ent.votes;
        if ent.gender != Gender::Unknown || !named {
            continue;
        }
        if m > 0 && m >= 3 * f {
            ent.gender = Gender::Male;
        } else if f > 0 && f >= 3 * m {
            ent.gender = Gender::Female;
        }
    }
}

fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().listed()
}

fn word_count(name: &str) -> usize {
    // Native only: the browser build does without it (fewer bytes to download).
    #[cfg(not(target_arch = "wasm32"))]
    if name.is_ascii() {
        // Runs between ' ' and 9..=13, the ASCII white space of `split_whitespace`.
        let mut count = 0;
        let mut space = true;
        for &b in name.as_bytes() {
            let now = b == b' ' || (9..=13).contains(&b);
            if space && !now {
                count += 1;
            }
            space = now;
        }
        return count;
    }
    name.split_whitespace().count()
}

fn first_word(name: &str) -> Option<&str> {
    name.split_whitespace().next()
}

fn last_word(name: &str) -> Option<&str> {
    name.split_whitespace().next_back()
}

/// Whether a bare role of class `class` may be person `e` as far as the class goes: for a class
/// too broad to tell (see `broad_classes.txt`: "the mayor" is not the port director, though
/// both are officials), the role's head word must be the person's ("the director" = "Port
/// Authority Director Elena Marsh").
fn role_agrees(e: &Entity, m: &Mention, class: &str) -> bool {
    if !lexicon::get().is_broad_class(class) {
        return true;
    }
    let head = last_word(&m.name);
    e.role
        .as_deref()
        .and_then(last_word)
        .zip(head)
        .is_some_and(|(a, b)| caseless_eq(a, b))
}

/// Equal ignoring case, without allocating.
fn caseless_eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(crate::case::lower_char)
        .eq(b.chars().flat_map(crate::case::lower_char))
}

/// How many earlier mentions are searched for the speaker a mention refers to: more than a
/// long article holds, and a bound that keeps book-length texts linear.
const LOOKBACK: usize = 1500;

/// Whether two full person names can be one person: same first and last word, and the middle
/// parts equal or one of them absent ("Carla M. Ortiz" ≠ "Carla J.M. Ortiz").
fn same_person_name(a: &str, b: &str) -> bool {
    if first_word(a) != first_word(b) || last_word(a) != last_word(b) {
        return false;
    }
    // The words between the first and the last (none in a one-word name).
    let middle = |name| {
        let mut w = str::split_whitespace(name);
        w.next();
        w.next_back();
        w
    };
    let (ma, mb) = (middle(a), middle(b));
    ma.clone().next().is_none() || mb.clone().next().is_none() || ma.eq(mb)
}

/// Whether `e` is a person who can be the one `m` names (gender agreeing).
fn person_agrees(e: &Entity, m: &Mention) -> bool {
    e.kind == SpeakerKind::Person && e.gender.agrees(m.gender)
}

/// Whether a full name ("Carla M. Ortiz") can name person `e`.
fn full_name_matches(e: &Entity, m: &Mention) -> bool {
    person_agrees(e, m)
        && if word_count(&e.name) >= 2 {
            same_person_name(&m.name, &e.name)
        } else {
            e.name == m.surname()
        }
}

/// Whether a short name ("Renko", "Ms. Renko", "Dalia") names person `e` by the entity's own
/// name (the other way, by an earlier mention's surname, needs that mention).
fn short_name_matches(e: &Entity, m: &Mention) -> bool {
    let surname = m.surname();
    person_agrees(e, m)
        && (last_word(&e.name) == Some(surname)
            || (m.kind == MentionKind::Name
                && !m.honorific
                && first_word(&e.name) == Some(surname)))
}

/// Whether a bare role of class `class` ("the Spanish leader") is person `e`, or the same
/// description again.
fn role_matches(e: &Entity, m: &Mention, class: &str) -> bool {
    let nat_ok = m.nationality.is_none() || e.nationality == m.nationality;
    e.kind == SpeakerKind::Person
        && e.class == Some(class)
        && role_agrees(e, m, class)
        && nat_ok
        && e.gender.agrees(m.gender)
        || e.name.eq_ignore_ascii_case(&m.name)
}

/// Whether an organisation or place mention is organisation `e`: the same name, a common noun
/// of its class ("the ministry"), or its last word ("Velmar").
fn organisation_matches(e: &Entity, m: &Mention) -> bool {
    if e.kind != SpeakerKind::Organisation {
        return false;
    }
    let common = !m.name.starts_with(char::is_uppercase);
    // A common noun joins a proper name of its class, a lone noun of its class ("the firm"
    // after "the company") or the same noun ("the union" after "the teachers' union"), but a
    // described one stays apart ("the drivers' union" is not "the teachers' union").
    let same_noun = e.name.starts_with(char::is_uppercase)
        || (word_count(&m.name) == 1 && word_count(&e.name) == 1)
        || (word_count(&m.name) == 1
            && last_word(&e.name)
                .zip(last_word(&m.name))
                .is_some_and(|(a, b)| caseless_eq(a, b)));
    caseless_eq(&e.name, &m.name)
        || (common && same_noun && e.class.is_some() && e.class == m.class)
        || (common
            && last_word(&e.name)
                .and_then(|w| lexicon::get().org_head(w))
                .is_some_and(|c| Some(c) == m.class))
        || (word_count(&m.name) == 1 && last_word(&e.name).is_some_and(|w| caseless_eq(w, &m.name)))
}

/// Whether group mention `m` may be group `e` under another name: the same head noun, and the
/// words before it of one name all in the other ("officials" = "U.S. officials", but
/// "Russian officials" ≠ "U.S. officials").
fn group_compatible(e: &Entity, m: &Mention) -> bool {
    if e.kind != SpeakerKind::Group {
        return false;
    }
    let (a, b) = (words(&e.name), words(&m.name));
    let (Some((ha, ma)), Some((hb, mb))) = (a.split_last(), b.split_last()) else {
        return false;
    };
    let within = |x: &[&str], y: &[&str]| x.iter().all(|w| y.iter().any(|v| caseless_eq(w, v)));
    caseless_eq(ha, hb) && (within(ma, mb) || within(mb, ma))
}

/// Whether a group or anonymous mention repeats entity `e`'s name.
fn same_kind_and_name(e: &Entity, m: &Mention, kind: SpeakerKind) -> bool {
    e.kind == kind && caseless_eq(&e.name, &m.name)
}

/// How many of the most recent entities a short name is compared with.
const SHORT_NAME_LOOKBACK: usize = 64;

impl Entities {
    /// Short forms that the look-up proper leaves alone: a lone name that is the first word of
    /// an organisation's name ("Tidewell" after "Tidewell Shipping"), and an organisation's
    /// proper name after a common noun for it ("the Harbor Workers Union" after "the union").
    fn by_short_form(&self, m: &Mention) -> Option<usize> {
        let from = self.list.len().saturating_sub(SHORT_NAME_LOOKBACK);
        if m.kind == MentionKind::Organisation && m.name.starts_with(char::is_uppercase) {
            let class = m.class?;
            return (from..self.list.len()).rev().find(|&id| {
                let e = &self.list[id];
                e.kind == SpeakerKind::Organisation
                    && e.class == Some(class)
                    && !e.name.starts_with(char::is_uppercase)
            });
        }
        if m.kind != MentionKind::Name || m.honorific || m.name.contains(' ') {
            return None;
        }
        let from = self.list.len().saturating_sub(SHORT_NAME_LOOKBACK);
        (from..self.list.len()).rev().find(|&id| {
            let e = &self.list[id];
            e.kind == SpeakerKind::Organisation
                && e.name.contains(' ')
                && first_word(&e.name) == Some(m.name.as_str())
        })
    }

    fn create(&mut self, m: &Mention) -> usize {
        let kind = match m.kind {
            MentionKind::Organisation | MentionKind::Place => SpeakerKind::Organisation,
            MentionKind::Group => SpeakerKind::Group,
            MentionKind::Anonymous => SpeakerKind::Anonymous,
            _ => SpeakerKind::Person,
        };
        self.list.push(Entity {
            kind,
            name: m.name.clone(),
            role: None,
            gender: Gender::Unknown,
            class: None,
            nationality: None,
            plural: m.kind == MentionKind::Group,
            votes: (0, 0, false),
        });
        self.list.len() - 1
    }

    /// Merges a mention into an entity; says whether its name and its class changed.
    fn absorb(&mut self, id: usize, m: &Mention) -> (bool, bool) {
        let e = &mut self.list[id];
        let fuller = match m.kind {
            MentionKind::Person => word_count(&m.name) > word_count(&e.name),
            MentionKind::Organisation => {
                m.name.len() > e.name.len() && m.name.starts_with(char::is_uppercase)
            }
            MentionKind::Name => false,
            MentionKind::Group => word_count(&m.name) > word_count(&e.name),
            _ => false,
        } || (e.kind == SpeakerKind::Person
            && !e.name.starts_with(char::is_uppercase)
            && m.kind == MentionKind::Person);
        if fuller {
            e.name = m.name.clone();
        }
        let classed = e.class.is_none() && m.class.is_some();
        if e.role.is_none() && m.role.is_some() {
            e.role = m.role.clone();
        }
        e.gender = e.gender.or(m.gender);
        if e.class.is_none() {
            e.class = m.class;
        }
        if e.nationality.is_none() {
            e.nationality = m.nationality;
        }
        (fuller, classed)
    }

    /// The existing entity a mention refers to, searching back from the most recent: the
    /// reference definition that [`Index::find`] answers fast (see
    /// `the_index_finds_what_the_scan_finds`).
    #[cfg(test)]
    fn find(&self, text: &str, mentions: &[Mention], mi: usize) -> Option<usize> {
        let m = &mentions[mi];
        let prior = || {
            let from = mi.saturating_sub(LOOKBACK);
            mentions[from..mi]
                .iter()
                .zip(&self.of_mention[from..])
                .rev()
                .filter_map(|(pm, id)| id.map(|id| (pm, id)))
        };
        match m.kind {
            MentionKind::Person | MentionKind::Name => {
                let full = word_count(&m.name) >= 2;
                prior().find_map(|(pm, id)| {
                    let e = &self.list[id];
                    let hit = if full {
                        full_name_matches(e, m)
                    } else {
                        person_agrees(e, m)
                            && matches!(pm.kind, MentionKind::Person | MentionKind::Name)
                            && (pm.surname() == m.surname() || short_name_matches(e, m))
                    };
                    hit.then_some(id)
                })
            }
            MentionKind::Role => {
                let class = m.class?;
                prior().find_map(|(_, id)| role_matches(&self.list[id], m, class).then_some(id))
            }
            MentionKind::Organisation | MentionKind::Place => {
                prior().find_map(|(_, id)| organisation_matches(&self.list[id], m).then_some(id))
            }
            MentionKind::Group => prior()
                .find(|(_, id)| same_kind_and_name(&self.list[*id], m, SpeakerKind::Group))
                .or_else(|| prior().find(|(_, id)| group_compatible(&self.list[*id], m)))
                .map(|(_, id)| id),
            MentionKind::Anonymous => {
                let definite = text[m.range.clone()]
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("the "));
                prior()
                    .find(|(pm, id)| {
                        let e = &self.list[*id];
                        same_kind_and_name(e, m, SpeakerKind::Anonymous)
                            || (e.kind == SpeakerKind::Anonymous
                                && definite
                                && pm.class.is_some()
                                && pm.class == m.class)
                    })
                    .map(|(_, id)| id)
            }
            MentionKind::Pronoun(_) => None,
        }
    }
}

/// Lists of entities or mentions by the hash of a key. Hashes may collide: whatever a list
/// yields is checked against the key's own test.
/// Lists are chains of nodes, newest first, in one vector (no allocation per key).
#[derive(Default)]
struct Lists {
    heads: HashIndex,
    /// (value, next node)
    nodes: Vec<(u32, u32)>,
}

const END: u32 = u32::MAX;

impl Lists {
    /// Adds `v` to the list of `key` (unless it is already its newest entry).
    fn add(&mut self, key: u64, v: usize) {
        let head = self.heads.entry(key, END);
        if *head != END && self.nodes[*head as usize].0 == v as u32 {
            return;
        }
        self.nodes.push((v as u32, *head));
        *head = (self.nodes.len() - 1) as u32;
    }
}

/// The hash of a string.
fn key(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// The hash of a string with every char lower-cased, equal for names that [`caseless_eq`].
fn caseless_key(s: &str) -> u64 {
    let mut h = FxHasher::default();
    if s.is_ascii() {
        for b in s.bytes() {
            h.write_u32(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in s.chars().flat_map(crate::case::lower_char) {
            h.write_u32(c as u32);
        }
    }
    h.finish()
}

/// The hash of a string ASCII lower-cased, equal for names equal ignoring ASCII case.
fn ascii_lower_key(s: &str) -> u64 {
    let mut h = FxHasher::default();
    for b in s.bytes() {
        h.write_u8(b.to_ascii_lowercase());
    }
    h.finish()
}

/// Indexes over entities and mentions that answer [`Entities::find`] without scanning every
/// prior mention. Entity lists are keyed by every name an entity has had (stale keys are
/// harmless: each candidate is checked against the current entity), so a query only checks the
/// entities that can match and picks the one mentioned most recently.
#[derive(Default)]
struct Index {
    /// Per entity: its most recent mention.
    last_any: Vec<usize>,
    /// Per entity: its most recent person or name mention (`usize::MAX`: none).
    last_pn: Vec<usize>,
    /// Entities by the last word of their name.
    by_last: Lists,
    /// Entities by the first word of their name.
    by_first: Lists,
    /// Entities by their name, lower-cased.
    by_caseless: Lists,
    /// Entities by the last word of their name, lower-cased.
    by_caseless_last: Lists,
    /// Entities by their name, ASCII lower-cased.
    by_ascii_lower: Lists,
    /// Entities by class.
    by_class: Lists,
    /// Entities by the organisation class of their name's last word.
    by_org_head: Lists,
    /// Groups by the last word of their name, lower-cased.
    by_group_head: Lists,
    /// Person and name mentions by surname.
    pn_by_surname: Lists,
    /// Mentions by class.
    mention_by_class: Lists,
}

impl Index {
    fn entity_added(&mut self) {
        self.last_any.push(usize::MAX);
        self.last_pn.push(usize::MAX);
    }

    /// Records mention `mi` of entity `id` (after [`Entities::absorb`]).
    fn update(
        &mut self,
        e: &Entities,
        id: usize,
        mi: usize,
        m: &Mention,
        renamed: bool,
        classed: bool,
    ) {
        // Each query tests the entity's kind (fixed at creation), so an entity is listed
        // only where a query for its kind looks.
        let ent = &e.list[id];
        let person = ent.kind == SpeakerKind::Person;
        let organisation = ent.kind == SpeakerKind::Organisation;
        if renamed {
            let name = ent.name.as_str();
            if let Some(w) = last_word(name) {
                if person {
                    self.by_last.add(key(w), id);
                }
                if organisation {
                    self.by_caseless_last.add(caseless_key(w), id);
                    if let Some(c) = lexicon::get().org_head(w) {
                        self.by_org_head.add(key(c), id);
                    }
                }
            }
            if person {
                if let Some(w) = first_word(name) {
                    self.by_first.add(key(w), id);
                }
            } else {
                self.by_caseless.add(caseless_key(name), id);
            }
            self.by_ascii_lower.add(ascii_lower_key(name), id);
            if ent.kind == SpeakerKind::Group {
                if let Some(w) = last_word(name) {
                    self.by_group_head.add(caseless_key(w), id);
                }
            }
        }
        if classed && (person || organisation) {
            if let Some(c) = ent.class {
                self.by_class.add(key(c), id);
            }
        }
        self.last_any[id] = mi;
        if matches!(m.kind, MentionKind::Person | MentionKind::Name) {
            self.last_pn[id] = mi;
            if person {
                self.pn_by_surname.add(key(m.surname()), mi);
            }
        }
        if let Some(c) = m.class {
            self.mention_by_class.add(key(c), mi);
        }
    }

    /// The existing entity a mention refers to: the entity of the most recent prior mention
    /// (within [`LOOKBACK`]) that matches, as [`Entities::find`] defines it.
    fn find(&mut self, e: &Entities, text: &str, mentions: &[Mention], mi: usize) -> Option<usize> {
        let m = &mentions[mi];
        let list = &e.list;
        let mut q = Query {
            from: mi.saturating_sub(LOOKBACK),
            last_any: &self.last_any,
            best: None,
        };
        match m.kind {
            MentionKind::Person | MentionKind::Name if word_count(&m.name) >= 2 => {
                // A full name: people with its last word (or surname) as theirs.
                let ok = |id: usize| full_name_matches(&list[id], m);
                if let Some(w) = last_word(&m.name) {
                    q.entities(&mut self.by_last, key(w), &ok);
                }
                q.entities(&mut self.by_last, key(m.surname()), &ok);
            }
            MentionKind::Person | MentionKind::Name => {
                // A short name: an earlier name with this surname, or a person whose name ends
                // with it (or, for a bare name, starts with it), by their last name mention.
                let surname = m.surname();
                let same_surname = |pm: usize, id: usize| {
                    mentions[pm].surname() == surname && person_agrees(&list[id], m)
                };
                q.mention(
                    &self.pn_by_surname,
                    key(surname),
                    &e.of_mention,
                    &same_surname,
                );
                let ok = |id: usize| short_name_matches(&list[id], m);
                q.entities_by(&mut self.by_last, key(surname), &self.last_pn, &ok);
                if m.kind == MentionKind::Name && !m.honorific {
                    q.entities_by(&mut self.by_first, key(surname), &self.last_pn, &ok);
                }
            }
            MentionKind::Role => {
                // "the Spanish leader": a person of that class, or the same description.
                let class = m.class?;
                let ok = |id: usize| role_matches(&list[id], m, class);
                q.entities(&mut self.by_class, key(class), &ok);
                q.entities(&mut self.by_ascii_lower, ascii_lower_key(&m.name), &ok);
            }
            MentionKind::Organisation | MentionKind::Place => {
                // The same name; its last word ("Velmar"); a common noun of its class.
                let ok = |id: usize| organisation_matches(&list[id], m);
                let caseless = caseless_key(&m.name);
                q.entities(&mut self.by_caseless, caseless, &ok);
                if word_count(&m.name) == 1 {
                    q.entities(&mut self.by_caseless_last, caseless, &ok);
                }
                let common = !m.name.starts_with(char::is_uppercase);
                if let (true, Some(class)) = (common, m.class) {
                    q.entities(&mut self.by_class, key(class), &ok);
                    q.entities(&mut self.by_org_head, key(class), &ok);
                }
            }
            MentionKind::Group => {
                // The same name, or else the same group under another name.
                let ok = |id: usize| same_kind_and_name(&list[id], m, SpeakerKind::Group);
                q.entities(&mut self.by_caseless, caseless_key(&m.name), &ok);
                if let (None, Some(w)) = (q.best, last_word(&m.name)) {
                    let ok = |id: usize| group_compatible(&list[id], m);
                    q.entities(&mut self.by_group_head, caseless_key(w), &ok);
                }
            }
            MentionKind::Anonymous => {
                // The same description, or, after "the", the last unnamed source of its class.
                let ok = |id: usize| same_kind_and_name(&list[id], m, SpeakerKind::Anonymous);
                q.entities(&mut self.by_caseless, caseless_key(&m.name), &ok);
                let definite = text[m.range.clone()]
                    .get(..4)
                    .is_some_and(|w| w.eq_ignore_ascii_case("the "));
                if let (true, Some(class)) = (definite, m.class) {
                    let same_class = |pm: usize, id: usize| {
                        mentions[pm].class == Some(class) && list[id].kind == SpeakerKind::Anonymous
                    };
                    q.mention(
                        &self.mention_by_class,
                        key(class),
                        &e.of_mention,
                        &same_class,
                    );
                }
            }
            MentionKind::Pronoun(_) => {}
        }
        q.entity()
    }
}

/// One look-up of [`Index::find`]: its window of mentions and the best candidate so far, the
/// most recently mentioned. Each method asks one list for candidates and keeps the best.
struct Query<'a> {
    /// The first mention in the window.
    from: usize,
    /// Per entity, its most recent mention ([`Index::last_any`]).
    last_any: &'a [usize],
    /// The best candidate so far: the mention it was found by, and its entity.
    best: Option<(usize, usize)>,
}

impl Query<'_> {
    /// Entities listed under `key` that `ok` accepts, by their most recent mention.
    fn entities(&mut self, lists: &mut Lists, key: u64, ok: &dyn Fn(usize) -> bool) {
        let last_any = self.last_any;
        self.entities_by(lists, key, last_any, ok);
    }

    /// Entities listed under `key` that `ok` accepts, by the mention `at` records for them
    /// (`usize::MAX`: none). Unlinks entities that have left the window for good.
    fn entities_by(
        &mut self,
        lists: &mut Lists,
        key: u64,
        at: &[usize],
        ok: &dyn Fn(usize) -> bool,
    ) {
        let Lists { heads, nodes } = lists;
        let Some(head) = heads.get_mut(key) else {
            return;
        };
        let (mut prev, mut n) = (END, *head);
        while n != END {
            let (id, next) = nodes[n as usize];
            let id = id as usize;
            if self.last_any[id] < self.from {
                // Out of the window for good: unlink.
                if prev == END {
                    *head = next;
                } else {
                    nodes[prev as usize].1 = next;
                }
                n = next;
                continue;
            }
            prev = n;
            n = next;
            let t = at[id];
            if t == usize::MAX || t < self.from || self.best.is_some_and(|(b, _)| b >= t) {
                continue;
            }
            if ok(id) {
                self.best = Some((t, id));
            }
        }
    }

    /// The most recent mention listed under `key` that `ok` accepts (given the mention and its
    /// entity, from `of_mention`), if more recent than the best so far.
    fn mention(
        &mut self,
        lists: &Lists,
        key: u64,
        of_mention: &[Option<usize>],
        ok: &dyn Fn(usize, usize) -> bool,
    ) {
        let Some(head) = lists.heads.get(key) else {
            return;
        };
        let mut n = head;
        while n != END {
            let (pm, next) = lists.nodes[n as usize];
            n = next;
            let pm = pm as usize;
            if pm < self.from || self.best.is_some_and(|(b, _)| b >= pm) {
                return;
            }
            if let Some(id) = of_mention[pm] {
                if ok(pm, id) {
                    self.best = Some((pm, id));
                    return;
                }
            }
        }
    }

    /// The entity of the best candidate.
    fn entity(&self) -> Option<usize> {
        self.best.map(|(_, id)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;
    use crate::segment::Sentences;

    #[test]
    fn names_have_as_many_words_as_split_whitespace_finds() {
        for name in [
            "",
            " ",
            "Ana",
            "Ana Ruiz",
            " Ana  Ruiz ",
            "Ana\tRuiz\nJr.",
            "Ana\u{a0}Ruiz",
            "Zoë  Ruiz\u{2009}Ortega",
        ] {
            assert_eq!(
                word_count(name),
                name.split_whitespace().count(),
                "{name:?}"
            );
        }
    }

    #[test]
    fn full_names_agree_when_their_middles_do_or_one_has_none() {
        assert!(same_person_name("Carla M. Ortiz", "Carla M. Ortiz"));
        assert!(same_person_name("Carla Ortiz", "Carla M. Ortiz"));
        assert!(same_person_name("Carla J. M. Ortiz", "Carla Ortiz"));
        assert!(!same_person_name("Carla M. Ortiz", "Carla J.M. Ortiz"));
        assert!(!same_person_name("Carla J. M. Ortiz", "Carla M. Ortiz"));
        assert!(!same_person_name("Carla Ortiz", "Carla Ortega"));
        assert!(same_person_name("Carla  Ortiz", "Carla Ortiz"));
    }

    #[test]
    fn caseless_names_compare_every_char_lower_cased() {
        assert!(caseless_eq("Harbor Union", "harbor UNION"));
        assert!(!caseless_eq("Harbor Union", "Harbor Unions"));
        assert!(caseless_eq("\u{212a}elvin", "kelvin"));
        assert!(caseless_eq("ÉCOLE", "école"));
        assert!(!caseless_eq("école", "ecole"));
    }

    fn names(text: &str) -> Vec<(String, String)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = resolve(&s, &m);
        m.iter()
            .zip(&e.of_mention)
            .filter_map(|(m, id)| id.map(|id| (m.name.clone(), e.list[id].name.clone())))
            .collect()
    }

    /// (name, gender) of every person entity of `text`.
    fn genders(text: &str) -> Vec<(String, Gender)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = resolve(&s, &m);
        e.list
            .iter()
            .filter(|x| x.kind == SpeakerKind::Person)
            .map(|x| (x.name.clone(), x.gender))
            .collect()
    }

    #[test]
    fn a_person_s_gender_follows_the_pronoun_only_they_can_be() {
        // "Gail" is a first name of either gender.
        let one = |g| vec![("Gail Varga".to_string(), g)];
        assert_eq!(
            genders("Gail Varga said she would run again. Varga spoke in Dunmere."),
            one(Gender::Female)
        );
        assert_eq!(genders("Gail Varga says he will run."), one(Gender::Male));
        // Another person before the pronoun: it could be either's.
        assert_eq!(
            genders("Gail Varga met Ivo Tamsin, and he said no."),
            vec![
                ("Gail Varga".to_string(), Gender::Unknown),
                ("Ivo Tamsin".to_string(), Gender::Unknown)
            ]
        );
        // Inside a quotation, or without a first name the lexicon knows: no gender.
        assert_eq!(
            genders("Gail Varga said: \"She will never run.\""),
            one(Gender::Unknown)
        );
        assert_eq!(
            genders("Kettle Varga said he would run."),
            vec![("Kettle Varga".to_string(), Gender::Unknown)]
        );
    }

    #[test]
    fn a_surname_that_is_a_title_word_or_follows_an_opening_modal_is_the_person_s() {
        let got = names(
            "Karin Dean criticised the plan on Monday. Dean, a former chairman of the party, \
             said the plan was rushed. Should Ms. Dean run again, the party would split.",
        );
        let entities: Vec<&str> = got
            .iter()
            .filter(|(m, _)| m.contains("Dean"))
            .map(|(_, e)| e.as_str())
            .collect();
        assert_eq!(entities, ["Karin Dean"; 3], "{got:?}");
        // With an article, the title word is a role.
        let got = names("Karin Dean spoke first. The dean of the college said nothing.");
        assert_eq!(got[1].0, "dean", "{got:?}");
    }

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(m, e)| (m.to_string(), e.to_string()))
            .collect()
    }

    /// Replays the resolution of `doc`, checking every look-up of the index against the
    /// reference scan; returns the number of look-ups.
    fn check_index_against_scan(doc: &Document, what: &str) -> usize {
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = resolve(&s, &m);
        let mut ix = Index::default();
        let mut replay = Entities {
            list: Vec::new(),
            of_mention: Vec::new(),
        };
        let mut lookups = 0;
        for (mi, mention) in m.iter().enumerate() {
            let found = match mention.kind {
                MentionKind::Pronoun(_) => None,
                _ => {
                    let fast = ix.find(&replay, doc.text(), &m, mi);
                    let scan = replay.find(doc.text(), &m, mi);
                    assert_eq!(fast, scan, "{what}: mention {mi} ({:?})", mention.name);
                    lookups += 1;
                    Some(
                        fast.or_else(|| replay.by_short_form(mention))
                            .unwrap_or_else(|| {
                                ix.entity_added();
                                replay.create(mention)
                            }),
                    )
                }
            };
            if let Some(id) = found {
                let (renamed, classed) = replay.absorb(id, mention);
                let new = ix.last_any[id] == usize::MAX;
                ix.update(&replay, id, mi, mention, renamed || new, classed);
            }
            replay.of_mention.push(found);
        }
        assert_eq!(replay.of_mention, e.of_mention, "{what}");
        lookups
    }

    #[test]
    fn the_index_finds_what_the_scan_finds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
        let mut all = String::new();
        let mut dirs: Vec<_> = std::fs::read_dir(root).unwrap().flatten().collect();
        dirs.sort_by_key(|d| d.file_name());
        for d in &dirs {
            let what = d.path().display().to_string();
            if let Ok(text) = std::fs::read_to_string(d.path().join("article.txt")) {
                check_index_against_scan(&Document::from_text(text.as_str()).unwrap(), &what);
                all += &text;
                all += "\n\n";
            }
            #[cfg(feature = "html")]
            if let Ok(html) = std::fs::read_to_string(d.path().join("article.html")) {
                check_index_against_scan(&Document::from_html(&html).unwrap(), &what);
            }
        }
        // Own sentences that need each list of the index (removing any one of its look-ups
        // fails this test): an organisation's last word; a surname whose person was last
        // named by first name; a surname before a generational suffix, and such a name
        // again; a role; a bare title that repeats an unnamed source.
        let own = "The Harbor Post reported the closure. The Post said the pier was unsafe. \
                   Mayor Quenby Lee disagreed. Bo Lee agreed. Quenby said it was fine. Lee said so \
                   twice. The mayor said more. A port official said nothing. The official said \
                   later it was shut. Hale said it. George Hale III said more. Then George Hale \
                   III said it again. A spokesman denied it. \"No,\" Spokesman said.";
        check_index_against_scan(&Document::from_text(own).unwrap(), "own sentences");
        all += own;
        // All together, repeated, so that earlier copies fall out of the look-back window.
        let doc = Document::from_text(all.repeat(12)).unwrap();
        let lookups = check_index_against_scan(&doc, "tests/articles, repeated");
        // More than the window holds.
        assert!(lookups > LOOKBACK, "{lookups}");
    }

    /// The same check over the articles of the shared corpus's dev split, when it is present
    /// (in `$WHOSAID_CORPUS` when that is set, as for `tests/seed.rs`); else a `SKIP` line.
    #[test]
    fn the_index_finds_what_the_scan_finds_in_the_dev_corpus() {
        let path = std::env::var_os("WHOSAID_CORPUS")
            .map_or_else(
                || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
                std::path::PathBuf::from,
            )
            .join("dev/polnear_dev.jsonl");
        let Ok(jsonl) = std::fs::read_to_string(&path) else {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIP speakers::the_index_finds_what_the_scan_finds_in_the_dev_corpus: {} not \
                 found (the shared corpus is not part of a clone)",
                path.display()
            );
            return;
        };
        let mut lookups = 0;
        for (n, line) in jsonl.lines().enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap_or_default();
            if let Ok(doc) = Document::from_text(text) {
                lookups += check_index_against_scan(&doc, &format!("dev line {}", n + 1));
            }
        }
        assert!(lookups > 1000, "{lookups}");
    }

    #[test]
    fn a_bare_office_is_not_someone_with_another_office() {
        let n = names(
            "Port Authority Director Elena Marsh spoke. The mayor's office said nothing. \
             The director said more.",
        );
        assert_eq!(
            n,
            pairs(&[
                ("Elena Marsh", "Elena Marsh"),
                ("mayor", "mayor"),
                ("mayor's office", "mayor's office"),
                ("director", "Elena Marsh")
            ])
        );
    }

    #[test]
    fn a_lone_first_word_names_the_organisation() {
        let n = names("Tidewell Shipping said it would stay. Tidewell denied it.");
        assert_eq!(
            n,
            pairs(&[
                ("Tidewell Shipping", "Tidewell Shipping"),
                ("Tidewell", "Tidewell Shipping")
            ])
        );
    }

    #[test]
    fn an_organisation_named_after_its_common_noun_is_one_speaker() {
        let n = names(
            "According to the union, two workers were hurt. The Harbor Workers Union said in a \
             statement that it wanted inspections.",
        );
        assert_eq!(
            n,
            pairs(&[
                ("union", "Harbor Workers Union"),
                ("workers", "workers"),
                ("Harbor Workers Union", "Harbor Workers Union")
            ])
        );
    }

    #[test]
    fn aliases_of_a_person_merge() {
        let n = names(
            "Trade Commissioner Dana Whitcomb spoke. Ms. Whitcomb left. Later Whitcomb returned.",
        );
        assert_eq!(
            n,
            pairs(&[
                ("Dana Whitcomb", "Dana Whitcomb"),
                ("Whitcomb", "Dana Whitcomb"),
                ("Whitcomb", "Dana Whitcomb")
            ])
        );
    }

    #[test]
    fn role_descriptions_join_the_person_with_that_role() {
        let n = names("French President Claire Vasseur met him. The French leader is stubborn.");
        assert_eq!(
            n,
            pairs(&[
                ("Claire Vasseur", "Claire Vasseur"),
                ("French leader", "Claire Vasseur")
            ])
        );
    }

    #[test]
    fn different_middle_initials_are_different_people() {
        let n =
            names("John T. Harlan and John R.T. Harlan spoke. Then Mary Harlan and Ms. Harlan.");
        assert_eq!(
            n,
            pairs(&[
                ("John T. Harlan", "John T. Harlan"),
                ("John R.T. Harlan", "John R.T. Harlan"),
                ("Mary Harlan", "Mary Harlan"),
                ("Harlan", "Mary Harlan")
            ])
        );
    }

    #[test]
    fn common_nouns_join_the_named_organisation() {
        let n = names("The Finance Ministry acted. Later the ministry said no. Velmar Inc. spoke and the company agreed.");
        assert_eq!(
            n,
            pairs(&[
                ("Finance Ministry", "Finance Ministry"),
                ("ministry", "Finance Ministry"),
                ("Velmar Inc.", "Velmar Inc."),
                ("company", "Velmar Inc.")
            ])
        );
    }
}
