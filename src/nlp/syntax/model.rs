//! The syntax model file: the tagger, lemmatizer and parser (with its
//! relation classifier) in
//! one binary file with a checksum.
//!
//! Layout: the 8-byte magic `TTSYNTAX`, a format version (u32), the payload
//! length (u64) and the SHA-256 of the payload, then the payload. Numbers
//! are little-endian; strings are a u32 length and UTF-8 bytes; weights are
//! stored as 16-bit integers with one scale per table. A file that is
//! truncated, altered or of another version is refused with an error that
//! names it; nothing is guessed from a damaged file.

use super::lemma::{Edit, Lemmatizer};
use super::pages;
use super::parser::{MOVES, Parser};
use super::perceptron::{Dense, Sparse, quantize};
use super::tagger::Tagger;
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"TTSYNTAX";
const VERSION: u32 = 5;

/// Everything the syntax layer needs, trained together.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxModel {
    /// Part-of-speech tagger.
    pub tagger: Tagger,
    /// Lemmas and morphological features.
    pub lemmatizer: Lemmatizer,
    /// Unlabelled dependency parser.
    pub parser: Parser,
}

/// Why a model file could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("syntax model {file}: {reason}")]
pub struct ModelError {
    /// The file (or "built-in" file) concerned.
    pub file: String,
    /// What is wrong with it.
    pub reason: String,
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("tables are smaller than 4 G entries"));
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    /// Weights as i16 with one scale.
    fn weights(&mut self, w: &[f32]) {
        let (scale, q) = quantize(w);
        self.quantized(scale, &q);
    }
    /// Weights already quantized, with their scale.
    fn quantized(&mut self, scale: f32, w: &[i16]) {
        self.f32(scale);
        self.len(w.len());
        for q in w {
            self.0.extend_from_slice(&q.to_le_bytes());
        }
    }
    fn sparse(&mut self, s: &Sparse) {
        self.len(s.keys.len());
        for k in &s.keys {
            self.u64(*k);
        }
        for e in &s.ends {
            self.u32(*e);
        }
        self.len(s.classes.len());
        for c in &s.classes {
            self.u16(*c);
        }
        self.weights(&s.weights);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, String>;

impl Reader<'_> {
    fn take(&mut self, n: usize) -> R<&[u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or("truncated")?;
        let out = &self.b[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn u8(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> R<u16> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().map_err(|_| "truncated")?,
        ))
    }
    fn u32(&mut self) -> R<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "truncated")?,
        ))
    }
    fn u64(&mut self) -> R<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().map_err(|_| "truncated")?,
        ))
    }
    fn f32(&mut self) -> R<f32> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "truncated")?,
        ))
    }
    /// A count, checked against the bytes left (each entry takes at least
    /// `min` bytes), so that a damaged count cannot ask for huge memory.
    fn len(&mut self, min: usize) -> R<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.b.len() - self.pos {
            return Err(format!("a table of {n} entries does not fit in the file"));
        }
        Ok(n)
    }
    fn str(&mut self) -> R<String> {
        let n = self.len(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "a name is not UTF-8".to_string())
    }
    fn weights(&mut self) -> R<Vec<f32>> {
        let (scale, q) = self.quantized()?;
        Ok(pages::collected(
            q.len(),
            q.into_iter().map(|x| f32::from(x) * scale),
        ))
    }
    /// 16-bit weights and their scale.
    fn quantized(&mut self) -> R<(f32, Vec<i16>)> {
        let scale = self.f32()?;
        if !scale.is_finite() {
            return Err("a weight scale is not a number".into());
        }
        let n = self.len(2)?;
        let raw = self.take(n * 2)?;
        Ok((
            scale,
            pages::collected(
                n,
                raw.chunks_exact(2)
                    .map(|c| i16::from_le_bytes([c[0], c[1]])),
            ),
        ))
    }
    fn sparse(&mut self, classes: usize) -> R<Sparse> {
        let k = self.len(12)?;
        let mut s = Sparse::default();
        s.keys = (0..k).map(|_| self.u64()).collect::<R<_>>()?;
        // the arrays scoring reads at random go on huge pages where offered
        s.ends = pages::reserved(k);
        for _ in 0..k {
            s.ends.push(self.u32()?);
        }
        let m = self.len(2)?;
        s.classes = pages::reserved(m);
        for _ in 0..m {
            s.classes.push(self.u16()?);
        }
        s.weights = self.weights()?;
        if s.weights.len() != m
            || s.ends.windows(2).any(|w| w[0] > w[1])
            || s.ends.last().is_some_and(|&e| e as usize != m)
            || s.classes.iter().any(|&c| usize::from(c) >= classes)
            || s.keys.windows(2).any(|w| w[0] >= w[1])
        {
            return Err("a weight table is inconsistent".into());
        }
        s.build_index(classes);
        Ok(s)
    }
}

fn sorted<K: Ord + Clone, V: Clone>(m: &FxHashMap<K, V>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = m.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

impl SyntaxModel {
    /// The model as file bytes (deterministic for a given model).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        let t = &self.tagger;
        w.len(t.tags.len());
        t.tags.iter().for_each(|s| w.str(s));
        let d = sorted(&t.tagdict);
        w.len(d.len());
        for (k, v) in d {
            w.str(&k);
            w.u16(v);
        }
        let c = sorted(&t.classes);
        w.len(c.len());
        for (k, v) in c {
            w.str(&k);
            w.u64(v);
        }
        w.sparse(&t.weights);
        w.sparse(&t.second);
        let l = &self.lemmatizer;
        let v = sorted(&l.exact);
        w.len(v.len());
        for ((form, tag), lemma) in v {
            w.str(&form);
            w.u16(tag);
            w.str(&lemma);
        }
        w.len(l.edits.len());
        for e in &l.edits {
            w.u8(e.strip);
            w.str(&e.add);
        }
        for table in [&l.known, &l.known_feats] {
            let v = sorted(table);
            w.len(v.len());
            for ((form, tag), id) in v {
                w.str(&form);
                w.u16(tag);
                w.u32(id);
            }
        }
        let v = sorted(&l.endings);
        w.len(v.len());
        for ((tag, end), id) in v {
            w.u16(tag);
            w.str(&end);
            w.u32(id);
        }
        w.len(l.feats.len());
        l.feats.iter().for_each(|s| w.str(s));
        let v = sorted(&l.tag_feats);
        w.len(v.len());
        for (tag, id) in v {
            w.u16(tag);
            w.u32(id);
        }
        let d = &self.parser.weights;
        w.u32(d.bits);
        w.quantized(d.scale, &d.w);
        w.len(self.parser.labels.len());
        self.parser.labels.iter().for_each(|s| w.str(s));
        w.sparse(&self.parser.label_weights);

        let payload = w.0;
        let mut out = Vec::with_capacity(payload.len() + 52);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&Sha256::digest(&payload));
        out.extend_from_slice(&payload);
        out
    }

    /// Reads a model from file bytes; `file` names it in errors.
    pub fn from_bytes(bytes: &[u8], file: &str) -> Result<SyntaxModel, ModelError> {
        let err = |reason: String| ModelError {
            file: file.to_string(),
            reason,
        };
        if bytes.is_empty() {
            return Err(err(
                "the file is empty (train one with `train-syntax`)".into()
            ));
        }
        if bytes.len() < 52 || &bytes[..8] != MAGIC {
            return Err(err("not a tension-timeline syntax model".into()));
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(err(format!(
                "format version {version}, this program reads version {VERSION}"
            )));
        }
        let len = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
        let payload = &bytes[52..];
        if payload.len() as u64 != len {
            return Err(err(format!(
                "truncated or padded: {} payload bytes, the header says {len}",
                payload.len()
            )));
        }
        if Sha256::digest(payload).as_slice() != &bytes[20..52] {
            return Err(err("checksum mismatch: the file is damaged".into()));
        }
        Self::read_payload(payload).map_err(err)
    }

    fn read_payload(b: &[u8]) -> R<SyntaxModel> {
        let mut r = Reader { b, pos: 0 };
        let n = r.len(4)?;
        let tags: Vec<String> = (0..n).map(|_| r.str()).collect::<R<_>>()?;
        let nt = tags.len();
        let check_tag = |t: u16| {
            if usize::from(t) < nt {
                Ok(t)
            } else {
                Err(format!("tag {t} out of range"))
            }
        };
        let n = r.len(6)?;
        let mut tagdict = FxHashMap::default();
        for _ in 0..n {
            let k = r.str()?;
            tagdict.insert(k, check_tag(r.u16()?)?);
        }
        let n = r.len(12)?;
        let mut classes = FxHashMap::default();
        for _ in 0..n {
            let k = r.str()?;
            classes.insert(k, r.u64()?);
        }
        let weights = r.sparse(nt)?;
        let second = r.sparse(nt)?;
        let tagger = Tagger {
            tags,
            tagdict,
            classes,
            weights,
            second,
        };

        let n = r.len(10)?;
        let mut exact = FxHashMap::default();
        for _ in 0..n {
            let form = r.str()?;
            let tag = check_tag(r.u16()?)?;
            exact.insert((form, tag), r.str()?);
        }
        let n = r.len(5)?;
        let mut edits = Vec::with_capacity(n);
        for _ in 0..n {
            let strip = r.u8()?;
            edits.push(Edit {
                strip,
                add: r.str()?,
            });
        }
        let mut tables = Vec::new();
        for _ in 0..2 {
            let n = r.len(10)?;
            let mut m = FxHashMap::default();
            for _ in 0..n {
                let form = r.str()?;
                let tag = check_tag(r.u16()?)?;
                m.insert((form, tag), r.u32()?);
            }
            tables.push(m);
        }
        let n = r.len(10)?;
        let mut endings = FxHashMap::default();
        for _ in 0..n {
            let tag = check_tag(r.u16()?)?;
            let end = r.str()?;
            endings.insert((tag, end), r.u32()?);
        }
        let n = r.len(4)?;
        let feats: Vec<String> = (0..n).map(|_| r.str()).collect::<R<_>>()?;
        let n = r.len(6)?;
        let mut tag_feats = FxHashMap::default();
        for _ in 0..n {
            let tag = check_tag(r.u16()?)?;
            tag_feats.insert(tag, r.u32()?);
        }
        let known_feats = tables.pop().expect("two tables");
        let known = tables.pop().expect("two tables");
        if known
            .values()
            .chain(endings.values())
            .any(|&e| e as usize >= edits.len())
            || known_feats
                .values()
                .chain(tag_feats.values())
                .any(|&f| f as usize >= feats.len())
        {
            return Err("a lemma or feature table points outside its list".into());
        }
        let mut lemmatizer = Lemmatizer {
            exact,
            edits,
            known,
            endings,
            feats,
            known_feats,
            tag_feats,
            ..Default::default()
        };
        lemmatizer.finish();

        let bits = r.u32()?;
        if !(4..=26).contains(&bits) {
            return Err(format!("parser table of 2^{bits} buckets"));
        }
        let (scale, relative) = r.quantized()?;
        if relative.len() != (1usize << bits) * (MOVES - 1) {
            return Err("parser table of the wrong size".into());
        }
        let w = Dense {
            bits,
            classes: MOVES,
            scale,
            w: relative,
        };
        let n = r.len(4)?;
        let labels: Vec<String> = (0..n).map(|_| r.str()).collect::<R<_>>()?;
        if labels.first().map(String::as_str) != Some("root") {
            return Err("the first relation is not root".into());
        }
        let label_weights = r.sparse(labels.len())?;
        let parser = Parser {
            weights: w,
            labels,
            label_weights,
        };
        if r.pos != b.len() {
            return Err(format!("{} bytes after the model", b.len() - r.pos));
        }
        Ok(SyntaxModel {
            tagger,
            lemmatizer,
            parser,
        })
    }
}
