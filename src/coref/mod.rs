//! Stage 4c, pronoun sources: a ranker trained on annotated news (`whosaid-train --coref`)
//! picks whom a source pronoun ("he", "she", "they", "it", "who") stands for, among the
//! entities named in the last few sentences and the speakers of the statements before it.
//!
//! The rules (`attribution::antecedent`) take the nearest compatible mention; the ranker weighs
//! what they weigh (distance, gender and number, the kind of entity) with what they do not:
//! who spoke last and how often, whether a mention opens its sentence or is a possessor, how
//! often the article names the entity, and the rules' own choice. Its features are the same
//! code at training and at run time. Where it has no candidate, the rules' choice stands.
//! Hands on: the statements, each pronoun source's entity replaced by the ranker's choice.

#[cfg(feature = "cli")]
pub mod train;

use crate::attribution::{self, Attributed};
use crate::lexicon::Gender;
use crate::list::Listed;
use crate::mentions::{Mention, MentionKind};
use crate::report::SpeakerKind;
use crate::segment::Sentences;
use crate::speakers::Entities;

/// Sentences back that a named mention may stand for a pronoun.
const MENTION_WINDOW: usize = 5;
/// Sentences back that a statement's speaker may.
const SPEAKER_WINDOW: usize = 10;
/// Statements looked at, the latest first.
const RECENT_STATEMENTS: usize = 48;
/// Candidates kept, the nearest first.
const MAX_CANDIDATES: usize = 12;

/// File layout (little-endian): `b"WSC1"`, `u8` log2 of the hashed table's size, `f32`
/// scale (weight = byte × scale), `u16` count, then `count` pairs of a `u16` table index and
/// an `i8` weight (the weights that are not zero, by index).
const MAGIC: &[u8; 4] = b"WSC1";
const HEADER: usize = 4 + 1 + 4 + 2;

/// The ranker's weights: a hashed table of 8-bit weights.
#[derive(Clone, PartialEq)]
pub struct Ranker {
    mask: u32,
    scale: f32,
    weights: Vec<i8>,
}

impl std::fmt::Debug for Ranker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ranker")
            .field("size", &self.weights.len())
            .finish_non_exhaustive()
    }
}

impl Ranker {
    /// Reads a model file as written by [`Ranker::to_bytes`]; `None` when it is not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Ranker> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC || !(4..=16).contains(&bytes[4]) {
            return None;
        }
        let n = 1usize << bytes[4];
        let scale = f32::from_le_bytes([bytes[5], bytes[6], bytes[7], bytes[8]]);
        let count = usize::from(u16::from_le_bytes([bytes[9], bytes[10]]));
        let body = &bytes[HEADER..];
        if body.len() != count * 3 || !scale.is_finite() {
            return None;
        }
        let mut weights = vec![0i8; n];
        for e in body.chunks_exact(3) {
            let at = usize::from(u16::from_le_bytes([e[0], e[1]]));
            *weights.get_mut(at)? = e[2] as i8;
        }
        Some(Ranker {
            mask: (n - 1) as u32,
            scale,
            weights,
        })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let bits = self.weights.len().trailing_zeros() as u8;
        let kept: Vec<(usize, i8)> = (self.weights.iter().copied().enumerate())
            .filter(|&(_, w)| w != 0)
            .collect();
        let mut out = Vec::with_capacity(HEADER + 3 * kept.len());
        out.extend_from_slice(MAGIC);
        out.push(bits);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(kept.len() as u16).to_le_bytes());
        for (at, w) in kept {
            out.extend_from_slice(&(at as u16).to_le_bytes());
            out.push(w as u8);
        }
        out
    }

    /// The ranker compiled into the crate (`src/coref/model.bin`).
    pub fn builtin() -> &'static Ranker {
        static RANKER: std::sync::LazyLock<Ranker> = std::sync::LazyLock::new(|| {
            Ranker::from_bytes(include_bytes!("model.bin"))
                .unwrap_or_else(|| panic!("the built-in pronoun ranker is invalid"))
        });
        &RANKER
    }

    /// Quantises trained weights (a table of a power-of-two size) to 8 bits.
    #[cfg(feature = "cli")]
    pub(crate) fn quantise(weights: &[f32]) -> Ranker {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        Ranker {
            mask: (weights.len() - 1) as u32,
            scale,
            weights: weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        }
    }

    fn score(&self, features: &[u32]) -> f32 {
        let sum: i32 = features
            .iter()
            .map(|&f| i32::from(self.weights[(f & self.mask) as usize]))
            .sum();
        sum as f32 * self.scale
    }
}

/// Replaces the entity of every statement whose source is "he" or "she" by the ranker's choice
/// (a ranker with no weights leaves the rules' choices).
/// Every choice is made on the statements as they came (one pronoun's new entity does not
/// change what the next one sees).
pub(crate) fn resolve(
    s: &Sentences,
    mentions: &[Mention],
    entities: &Entities,
    statements: &mut [Attributed],
    ranker: &Ranker,
) {
    if ranker.weights.iter().all(|&w| w == 0) {
        return;
    }
    let ctx = Context::new(s, mentions, entities, statements);
    let mut f = Vec::new();
    let chosen: Vec<Option<usize>> = statements
        .iter()
        .map(|st| {
            let mi = st.source?;
            // The rules' antecedent named earlier in the pronoun's own sentence ("Joe Biden was
            // closer to the truth when he said …") stays.
            let pronoun = &mentions[mi];
            let in_sentence = mentions[..mi]
                .iter()
                .rev()
                .take_while(|m| m.sentence == pronoun.sentence)
                .enumerate()
                .any(|(k, m)| !m.possessive && entities.of_mention[mi - 1 - k] == Some(st.entity));
            if in_sentence {
                return None;
            }
            match pronoun.kind {
                MentionKind::Pronoun(p) if ranked(p) => ctx.choose(mi, p, ranker, &mut f),
                _ => None,
            }
        })
        .listed();
    // A quotation that goes on without a cue of its own ("source: None") shares its anchor's
    // cue and speaker: it follows the anchor's new speaker.
    let moved: Vec<(std::ops::Range<usize>, usize, usize)> = statements
        .iter()
        .zip(&chosen)
        .filter_map(|(st, c)| {
            c.filter(|&e| e != st.entity)
                .map(|e| (st.cue.clone(), st.entity, e))
        })
        .listed();
    for (st, c) in statements.iter_mut().zip(chosen) {
        if let Some(e) = c {
            st.entity = e;
        } else if st.source.is_none() {
            if let Some(&(_, _, e)) = moved
                .iter()
                .find(|(cue, old, _)| *cue == st.cue && *old == st.entity)
            {
                st.entity = e;
            }
        }
    }
}

/// Whether the ranker resolves pronouns of class `p`: "he" and "she". The annotation names
/// whom "they" and "it" stand for too seldom to learn from (66 times in 840 articles, and the
/// rules' choice agrees with it once); those, and relative pronouns, are the rules'.
pub(crate) fn ranked(p: char) -> bool {
    matches!(p, 'm' | 'f')
}

/// What the features read: the stages' output for one article.
pub(crate) struct Context<'a> {
    s: &'a Sentences<'a>,
    mentions: &'a [Mention],
    entities: &'a Entities,
    statements: &'a [Attributed],
    /// Mentions of each entity in the whole article.
    counts: Vec<u32>,
    /// Each entity's place when the entities are ordered by mentions, the most named first.
    salience: Vec<u32>,
}

/// One entity a pronoun may stand for, and where it was seen last.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub entity: usize,
    /// Its nearest mention before the pronoun, within the window.
    nearest: Option<usize>,
    /// Distinct entities seen before it, looking back from the pronoun.
    rank: usize,
    /// Its mentions in the window.
    in_window: usize,
    /// Distinct speakers of later statements than its latest one (when it spoke).
    speaker_rank: Option<usize>,
    /// Its statements before the pronoun, and the sentence of the latest.
    said: usize,
    said_at: usize,
    /// The rules' choice.
    rule: bool,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        s: &'a Sentences<'a>,
        mentions: &'a [Mention],
        entities: &'a Entities,
        statements: &'a [Attributed],
    ) -> Context<'a> {
        let mut counts = vec![0u32; entities.list.len()];
        for id in entities.of_mention.iter().flatten() {
            counts[*id] += 1;
        }
        let mut order: Vec<usize> = (0..counts.len()).collect();
        crate::sort::sort_by_key(&mut order, |&e| (std::cmp::Reverse(counts[e]), e));
        let mut salience = vec![0u32; counts.len()];
        for (place, &e) in order.iter().enumerate() {
            salience[e] = place as u32;
        }
        Context {
            s,
            mentions,
            entities,
            statements,
            counts,
            salience,
        }
    }

    /// The statements before pronoun mention `mi` (not its own), latest first.
    fn earlier(&self, mi: usize) -> impl Iterator<Item = &'a Attributed> + '_ {
        let here = self.mentions[mi].sentence;
        let end = self.statements.partition_point(|st| st.sentence <= here);
        self.statements[..end]
            .iter()
            .rev()
            .filter(move |st| st.source.map_or(st.sentence < here, |k| k < mi))
            .take(RECENT_STATEMENTS)
    }

    /// The entities pronoun mention `mi` (of class `p`) may stand for, the nearest first.
    pub(crate) fn candidates(&self, mi: usize, p: char) -> Vec<Candidate> {
        let here = &self.mentions[mi];
        let mut out: Vec<Candidate> = Vec::new();
        let fresh = |entity: usize| Candidate {
            entity,
            nearest: None,
            rank: 0,
            in_window: 0,
            speaker_rank: None,
            said: 0,
            said_at: 0,
            rule: false,
        };
        for k in (0..mi).rev() {
            let m = &self.mentions[k];
            if m.sentence + MENTION_WINDOW < here.sentence {
                break;
            }
            // "They" is a group or an organisation, never the place where something happened.
            if p == 'p' && m.kind == MentionKind::Place {
                continue;
            }
            let Some(id) = self.entities.of_mention[k].filter(|&id| self.agrees(p, id)) else {
                continue;
            };
            let n = out.len();
            let c = match out.iter().position(|c| c.entity == id) {
                Some(i) => &mut out[i],
                None if n < MAX_CANDIDATES => {
                    out.push(Candidate {
                        rank: n,
                        ..fresh(id)
                    });
                    &mut out[n]
                }
                None => continue,
            };
            c.in_window += 1;
            c.nearest.get_or_insert(k);
        }
        let mut speakers = 0;
        for st in self.earlier(mi) {
            if st.sentence + SPEAKER_WINDOW < here.sentence {
                break;
            }
            if !self.agrees(p, st.entity) {
                continue;
            }
            let n = out.len();
            let c = match out.iter().position(|c| c.entity == st.entity) {
                Some(i) => &mut out[i],
                None if n < MAX_CANDIDATES + 4 => {
                    out.push(Candidate {
                        rank: MAX_CANDIDATES,
                        ..fresh(st.entity)
                    });
                    &mut out[n]
                }
                None => continue,
            };
            if c.said == 0 {
                c.speaker_rank = Some(speakers);
                c.said_at = st.sentence;
                speakers += 1;
            }
            c.said += 1;
        }
        let end = self
            .statements
            .partition_point(|st| st.sentence < here.sentence);
        let earlier = &self.statements[..end];
        if let Some(r) = attribution::antecedent(self.mentions, self.entities, earlier, mi, p) {
            match out.iter().position(|c| c.entity == r) {
                Some(i) => out[i].rule = true,
                None => out.push(Candidate {
                    rank: MAX_CANDIDATES,
                    rule: true,
                    ..fresh(r)
                }),
            }
        }
        out
    }

    /// Whether pronoun class `p` may stand for entity `id`, as the rules see it: "he" and
    /// "she" for a person of no other gender, "it" for an organisation, "they" for a group, an
    /// organisation or a plural.
    fn agrees(&self, p: char, id: usize) -> bool {
        let e = &self.entities.list[id];
        match p {
            'm' => e.kind == SpeakerKind::Person && e.gender.agrees(Gender::Male),
            'f' => e.kind == SpeakerKind::Person && e.gender.agrees(Gender::Female),
            'o' => e.kind == SpeakerKind::Organisation,
            _ => matches!(e.kind, SpeakerKind::Group | SpeakerKind::Organisation) || e.plural,
        }
    }

    /// The ranker's choice for pronoun mention `mi` (of class `p`), if it has a candidate.
    pub(crate) fn choose(
        &self,
        mi: usize,
        p: char,
        ranker: &Ranker,
        f: &mut Vec<u32>,
    ) -> Option<usize> {
        let mut best: Option<(f32, usize)> = None;
        for c in self.candidates(mi, p) {
            self.features(mi, p, &c, f);
            let score = ranker.score(f);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c.entity));
            }
        }
        best.map(|(_, e)| e)
    }

    /// The hashed features of candidate `c` for pronoun mention `mi` (of class `p`).
    pub(crate) fn features(&self, mi: usize, p: char, c: &Candidate, f: &mut Vec<u32>) {
        f.clear();
        let here = &self.mentions[mi];
        let e = &self.entities.list[c.entity];
        let pronoun = self.s.lower(here.tokens.start);
        let kind = match e.kind {
            SpeakerKind::Person => 0,
            SpeakerKind::Organisation => 1,
            SpeakerKind::Group => 2,
            _ => 3,
        };
        let gender = match e.gender {
            Gender::Male => 0,
            Gender::Female => 1,
            Gender::Unknown => 2,
        };
        let bucket = |n: usize, edges: &[usize]| edges.iter().take_while(|&&x| n >= x).count();
        let near = c.nearest.map(|k| &self.mentions[k]);
        let sdist = near.map_or(9, |m| here.sentence - m.sentence);
        let near_kind = near.map_or(9, |m| mention_kind(m.kind));
        let opens = near.is_some_and(|m| {
            c.nearest
                .is_some_and(|k| k == 0 || self.mentions[k - 1].sentence != m.sentence)
        });
        let same_block = near.is_some_and(|m| {
            self.s.sentences[m.sentence].block == self.s.sentences[here.sentence].block
        });
        let pron_opens = mi == 0 || self.mentions[mi - 1].sentence != here.sentence;
        let words = e.name.split_whitespace().count().min(3);
        let cued = near.is_some_and(|m| {
            let cues = &self.s.cues[self.s.sentences[m.sentence].cues.clone()];
            cues.iter().any(|(r, _)| {
                (r.start >= m.range.end && r.start <= m.range.end + 12)
                    || (r.end <= m.range.start && m.range.start - r.end <= 2)
            })
        });
        let speaker_rank = c.speaker_rank.map_or(9, |r| r.min(4)) as u32;
        let rule = u32::from(c.rule);
        // The value of each feature; its tag is its place in the list, from 1.
        let values: [u32; 23] = [
            rule,
            c.rank.min(6) as u32,
            sdist.min(9) as u32,
            kind * 4 + gender,
            kind * 4 + gender + 16 * u32::from(e.plural),
            near_kind,
            near.map_or(0, |m| {
                1 + u32::from(m.possessive) * 2 + u32::from(sdist == 0)
            }),
            u32::from(opens) + 2 * u32::from(near.is_some()),
            bucket(c.in_window, &[1, 2, 3, 5]) as u32,
            bucket(self.counts[c.entity] as usize, &[1, 2, 3, 5, 9, 17]) as u32,
            speaker_rank,
            bucket(c.said, &[1, 2, 3, 6]) as u32,
            if c.said == 0 {
                9
            } else {
                (here.sentence - c.said_at).min(6) as u32
            },
            u32::from(e.role.is_some()) + 2 * words as u32,
            u32::from(same_block) + 2 * u32::from(near.is_some()),
            u32::from(pron_opens) * 8 + c.rank.min(3) as u32,
            hash_str(pronoun) ^ (kind * 4 + gender),
            near.map_or(0, |m| {
                1 + u32::from(m.within.is_some()) + 2 * u32::from(m.described)
            }),
            c.rank.min(4) as u32 * 16 + speaker_rank,
            rule * 16 + speaker_rank,
            rule * 16 + c.rank.min(6) as u32,
            self.salience[c.entity].min(4) + 8 * u32::from(kind == 0),
            u32::from(cued) + 2 * (sdist.min(2) as u32),
        ];
        // Each alone and joined with the pronoun's class.
        for (tag, &v) in (1u32..).zip(&values) {
            f.push(hash(tag, v, p as u32));
            f.push(hash(tag, v, 0));
        }
    }
}

fn mention_kind(k: MentionKind) -> u32 {
    match k {
        MentionKind::Person => 0,
        MentionKind::Organisation => 1,
        MentionKind::Group => 2,
        MentionKind::Anonymous => 3,
        MentionKind::Place => 4,
        MentionKind::Role => 5,
        MentionKind::Name => 6,
        MentionKind::Pronoun(_) => 7,
    }
}

/// A feature's table index (before masking): FNV-1a over its parts.
#[inline(never)]
fn hash(tag: u32, value: u32, class: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for x in [tag, value, class] {
        for b in x.to_le_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h ^ (h >> 15)
}

fn hash_str(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;

    /// (speaker, source pronoun) of every statement whose source is "he" or "she", resolved by
    /// `ranker` (`None`: the rules alone).
    fn pronoun_speakers(text: &str, ranker: Option<&Ranker>) -> Vec<(String, String)> {
        let doc = Document::from_text(text).unwrap();
        let s = Sentences::new(doc.text(), doc.blocks());
        let m = crate::mentions::find(doc.text(), &s);
        let e = crate::speakers::resolve(&s, &m);
        let rules = attribution::attribute(&s, &m, &e);
        let mut st = crate::learned::extend(&s, &m, &e, rules, crate::learned::Model::builtin());
        if let Some(r) = ranker {
            resolve(&s, &m, &e, &mut st, r);
        }
        st.iter()
            .filter_map(|x| {
                let mi = x.source?;
                matches!(m[mi].kind, MentionKind::Pronoun('m' | 'f'))
                    .then(|| (e.list[x.entity].name.clone(), m[mi].name.clone()))
            })
            .collect()
    }

    fn reyes(n: usize) -> Vec<(String, String)> {
        vec![("Tom Reyes".to_string(), "He".to_string()); n]
    }

    #[test]
    fn he_after_a_sentence_that_names_another_man_is_still_the_speaker() {
        // The rules take the nearest man; the ranker weighs who spoke last, and who the
        // sentence between is about.
        for text in [
            "Mayor Tom Reyes said the plan would work. He met Governor Paul Dunn on Monday. \
             He said the talks went well.",
            "Tom Reyes, the mayor, said the plan would work. Paul Dunn's office did not reply. \
             He added that the work would start in May.",
        ] {
            assert_eq!(
                pronoun_speakers(text, Some(Ranker::builtin())),
                reyes(1),
                "{text}"
            );
            let rules = pronoun_speakers(text, None);
            assert_eq!(rules, vec![("Paul Dunn".into(), "He".into())], "{text}");
        }
    }

    #[test]
    fn a_quotation_that_goes_on_keeps_the_speaker_the_ranker_chose() {
        let text = "Mayor Tom Reyes said the plan would work. He met Governor Paul Dunn on \
                    Monday.\n\n\"The talks went well,\" he said. \"We agreed on the budget.\"\n\n\
                    \"The work will start in May, and the first section will open in the autumn.\"";
        let doc = Document::from_text(text).unwrap();
        let report = crate::analyze(&doc);
        let speakers: Vec<&str> = report
            .statements
            .iter()
            .map(|st| report.speaker(&st.speaker).unwrap().name.as_str())
            .collect();
        assert_eq!(speakers, ["Tom Reyes"; 4]);
    }

    #[test]
    fn a_man_named_in_the_pronoun_s_own_sentence_keeps_it() {
        let text = "Leaders have been misled before. Many remember when Mayor Tom Reyes said in \
                    2001 that he trusted the harbour board. He learned later that he could not, \
                    that Paul Dunn was closer to the truth when he said that the board had no \
                    plan.";
        let got = pronoun_speakers(text, Some(Ranker::builtin()));
        assert_eq!(
            got.last().map(|(who, _)| who.as_str()),
            Some("Paul Dunn"),
            "{got:?}"
        );
    }

    #[test]
    fn the_model_file_reads_back_and_nonsense_is_refused() {
        let r = Ranker::builtin();
        assert_eq!(Ranker::from_bytes(&r.to_bytes()).as_ref(), Some(r));
        assert_eq!(Ranker::from_bytes(b"nonsense"), None);
        let mut cut = r.to_bytes();
        cut.pop();
        assert_eq!(Ranker::from_bytes(&cut), None);
    }
}
