//! `--format conllu`: each article's sentences with their syntax, as
//! CoNLL-U, so that a reader can see how a sentence was understood.
//!
//! Each article starts a document (`# newdoc id = ...`, with its title and
//! date); each sentence gets `# sent_id = ARTICLE-N` and `# text = ...`.
//! Word spans are byte offsets into the article text (`TokenRange` in
//! `misc`).

use crate::corpus::Corpus;
use crate::extract::Analysis;
use crate::nlp::syntax::{self, SyntaxModel, conllu};

/// One article as CoNLL-U.
pub fn article_to_conllu(a: &Analysis, model: &SyntaxModel) -> String {
    let mut out = String::new();
    let text = &a.article.text;
    for (n, s) in a.sentences.iter().enumerate() {
        let span = s.sentence.span;
        let words = model.analyze(text, span);
        if words.is_empty() {
            continue;
        }
        let mut comments = Vec::new();
        if n == 0 {
            comments.push(format!("newdoc id = {}", a.article.id));
            if !a.article.title.is_empty() {
                comments.push(format!("title = {}", a.article.title));
            }
            if let Some(d) = a.article.published {
                comments.push(format!("date = {d}"));
            }
        }
        comments.push(format!("sent_id = {}-{}", a.article.id, n + 1));
        comments.push(format!("text = {}", crate::slice::get(text, span)));
        conllu::write_sentence(&syntax::to_conllu(text, &words, comments), &mut out);
    }
    out
}

/// Every article of the corpus as CoNLL-U.
pub fn to_conllu(corpus: &Corpus, model: &SyntaxModel) -> String {
    corpus
        .analyses
        .iter()
        .map(|a| article_to_conllu(a, model))
        .collect()
}
