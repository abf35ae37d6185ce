"""Words: per-document terms, TF-IDF rows for the clustering, and c-TF-IDF keywords per cluster.

c-TF-IDF (the idea popularised by BERTopic): treat every cluster as one big document, weigh a word by
how frequent it is in that cluster against how frequent it is overall, so a theme's keywords are the
words that set it apart from the other themes rather than the words every theme shares.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import scipy.sparse as sp

from deliberate.analysis.stopwords import tokens


def document_terms(texts: list[str]) -> list[list[str]]:
    """Each text's distinct content words, plural -s/-x folded onto the singular when both occur.

    One count per document: for short arguments, a word repeated in one rant must not outweigh a word
    that many people use. Folding is crude but language-neutral (French and English plurals).
    """
    per_doc = [tokens(text) for text in texts]
    vocabulary = {word for words in per_doc for word in words}

    def fold(word: str) -> str:
        if len(word) > 3 and word[-1] in "sx" and word[:-1] in vocabulary:
            return word[:-1]
        return word

    return [sorted({fold(word) for word in words}) for words in per_doc]


def tfidf_rows(terms: list[list[str]], min_documents: int = 2) -> sp.csr_matrix:
    """Unit-length TF-IDF rows (binary TF, smooth IDF) over words found in at least `min_documents`.

    A word seen in one document cannot link two documents, so it only adds noise to the similarity.
    Documents without any such word get a zero row.
    """
    df = Counter(word for words in terms for word in words)
    columns = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= min_documents))}
    n = len(terms)
    rows, cols, vals = [], [], []
    for r, words in enumerate(terms):
        for word in words:
            c = columns.get(word)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(math.log((1 + n) / (1 + df[word])) + 1.0)
    matrix = sp.csr_matrix((vals, (rows, cols)), shape=(n, max(len(columns), 1)), dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def class_keywords(terms: list[list[str]], labels, n_keywords: int = 5,
                   max_document_share: float = 0.5) -> dict[int, list[str]]:
    """Distinctive words per cluster label (labels < 0 count as "the rest" but get no keywords).

    score(word, class) = share of the class's word occurrences that are `word`
                         * log(1 + average words per class / occurrences of `word` in all classes)
    Words found in more than `max_document_share` of all documents (from 10 documents on) are the
    debate's own words ("school", "uniform" in a debate on school uniforms): they describe every
    cluster, so they label none.
    """
    labels = np.asarray(labels)
    if len(terms) >= 10:
        frequency = Counter(word for words in terms for word in words)
        common = {w for w, c in frequency.items() if c > max_document_share * len(terms)}
        terms = [[w for w in words if w not in common] for words in terms]
    per_class: dict[int, Counter] = {}
    for words, label in zip(terms, labels):
        per_class.setdefault(int(label), Counter()).update(words)
    overall = Counter()
    for counts in per_class.values():
        overall.update(counts)
    average_words = sum(overall.values()) / max(len(per_class), 1)
    result = {}
    for label, counts in per_class.items():
        if label < 0:
            continue
        total = sum(counts.values()) or 1
        # Words used by one argument only come last: they describe that argument, not the cluster.
        # Ties are broken by the word itself, so the result is deterministic.
        scored = sorted(counts.items(), key=lambda item: (
            item[1] < 2, -item[1] / total * math.log(1 + average_words / overall[item[0]]), item[0]))
        result[label] = [word for word, _ in scored[:n_keywords]]
    return result
