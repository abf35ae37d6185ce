"""Labels a person can read: a few short phrases per theme (or point), chosen as KeyBERT chooses keywords.

1. Candidates: runs of 1 to 3 content words inside an argument, with at most two stop words between two of
   them ("prix de la viande", "bien-être animal"), never across punctuation, never starting or ending with a
   stop word or a generic word (stopwords.GENERIC). Counted once per argument by scikit-learn's
   CountVectorizer, keyed by crude stems so "viande"/"viandes" and "mange"/"manger"/"mangent" are one phrase.
2. Distinctive: a class's candidates are weighed by c-TF-IDF (share of the class's arguments that use the
   phrase, against its use in all classes) and must occur in at least 2 of the class's arguments. Phrases
   made only of words spread evenly over the classes (the debate's own words) are dropped. A phrase gives way
   to a longer one that contains it and occurs in at least half of its arguments ("bien-être animal" over
   "animal"): unigrams stay only when nothing longer says the same, and only if the arguments use the word as a
   noun somewhere (`nouns_used`: after a determiner, or an English preposition), which keeps adjectives and
   verbs ("cher", "végétarienne", "mange") out of labels without a part-of-speech tagger.
3. Relevant and diverse, by maximal marginal relevance (Carbonell & Goldstein 1998, as KeyBERT uses it): with
   a phrase embedder, relevance is the cosine between the phrase and the class's centroid, and each next phrase
   maximises (1 - diversity) * relevance - diversity * (its highest cosine to a phrase already chosen).
   Without an embedder, the c-TF-IDF score is the relevance. Either way a label never repeats a word stem, and
   with contrast no phrase after the first may be nearer another class than its own (negative relevance).
4. Shown as written: each phrase in its most frequent spelling in the class's arguments, first letter
   capitalised. The labels stay machine-written (result.Label), never quoted as a participant's words.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterator

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from deliberate.analysis.stopwords import DETERMINERS, GENERIC, MIN_LENGTH, STOP_WORDS

PhraseEmbedder = Callable[[list[str]], np.ndarray]  # texts -> unit rows, in the arguments' embedding space

N_PHRASES = 3
MAX_CONTENT_WORDS = 3
MAX_INNER_STOP_WORDS = 2  # "prix de la viande", "consommation d'eau"
MIN_DOCUMENTS = 2  # a phrase one argument uses describes that argument, not the theme
LONGER_PHRASE_SHARE = 0.5  # a phrase gives way to a longer one found in more than this share of its arguments
EVEN_SPREAD_LIFT = 1.5  # a word no class uses 1.5 times more than the debate does is the debate's own word
POOL_SIZE = 20  # best c-TF-IDF candidates per class re-ranked by meaning (KeyBERTInspired in BERTopic: 30)
SURFACE_SAMPLE = 5  # arguments read to find how a phrase is usually written
DIVERSITY = 0.2  # weight of redundancy against relevance (KeyBERT: 0.5), chosen by benchmarks/theme_labels.py
CONTRAST = True  # relevance minus the cosine to the nearest other class, chosen by benchmarks/theme_labels.py

STOP_MARK = "_"  # ends a stop word inside a phrase's key, so a stem equal to a stop word ("from") stays apart
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_JOINER = re.compile(r"[\s'’]*")  # what may separate two words of one phrase: spaces, an elision's apostrophe
_SUFFIXES = sorted(("ation ement ent eraient erait erons eront ions ant ante eur age ée é er ez e "
                    "ing ed ly ie").split(), key=len, reverse=True)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Crude French and English inflection folding, enough to count mange/manger/mangent as one word.

    Hand-written because no stemmer ships with our dependencies and labels need no more: the stem is only
    a key, never shown (phrases are shown as written).
    """
    if len(word) > 5 and word.endswith("aux"):
        word = word[:-3] + "al"  # animaux -> animal
    elif len(word) > 4 and word[-1] in "sx":
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _is_generic(word: str) -> bool:
    return word in GENERIC or (word[-1] in "sx" and word[:-1] in GENERIC)


def _is_content(word: str) -> bool:
    return len(word) >= MIN_LENGTH and word not in STOP_WORDS


def phrase_occurrences(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, start, end) of every candidate phrase in `text`; text[start:end] is the phrase as written."""
    text = unicodedata.normalize("NFC", text)
    lowered = text.lower()
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(lowered)]
    content = [_is_content(w) for w, _, _ in words]
    edge = [c and not _is_generic(w) for c, (w, _, _) in zip(content, words)]
    keys = [stem(w) if c else w + STOP_MARK for c, (w, _, _) in zip(content, words)]
    linked = [_JOINER.fullmatch(lowered[a[2]:b[1]]) is not None for a, b in zip(words, words[1:])]
    for i in range(len(words)):
        if not edge[i]:
            continue
        n_content = n_stops = 0
        for j in range(i, len(words)):
            if j > i and not linked[j - 1]:
                break
            if content[j]:
                n_content, n_stops = n_content + 1, 0
                if n_content > MAX_CONTENT_WORDS:
                    break
                if edge[j]:
                    yield " ".join(keys[i:j + 1]), words[i][1], words[j][2]
            else:
                n_stops += 1
                if n_stops > MAX_INNER_STOP_WORDS:
                    break


def nouns_used(text: str) -> Iterator[str]:
    """Stems of the content words that follow a determiner in `text` ("les prairies", "l'élevage")."""
    lowered = unicodedata.normalize("NFC", text).lower()
    words = list(_WORD.finditer(lowered))
    for before, word in zip(words, words[1:]):
        if (before.group() in DETERMINERS and _is_content(word.group())
                and _JOINER.fullmatch(lowered[before.end():word.start()])):
            yield stem(word.group())


def content_stems(key: str) -> list[str]:
    return [token for token in key.split() if not token.endswith(STOP_MARK)]


class PhraseLabeler:
    """Candidate phrases of all texts, counted once; `labels` names any grouping of (a subset of) them."""

    def __init__(self, texts: list[str], phrase_embedder: PhraseEmbedder | None = None, n_phrases: int = N_PHRASES,
                 diversity: float = DIVERSITY, pool_size: int = POOL_SIZE, contrast: bool = CONTRAST):
        self.contrast = contrast
        self.texts = [unicodedata.normalize("NFC", str(t)) for t in texts]
        self.phrase_embedder = phrase_embedder
        self.n_phrases = n_phrases
        self.diversity = diversity
        self.pool_size = pool_size
        self._spellings: dict[str, list[str]] = {}  # a few spellings of each phrase, as written
        self._nouns: set[str] = set()  # stems used as a noun somewhere: only these may be a one-word label
        vectorizer = CountVectorizer(analyzer=self._phrases, binary=True,
                                     min_df=min(MIN_DOCUMENTS, max(len(self.texts), 1)))
        try:
            self.matrix = sp.csr_matrix(vectorizer.fit_transform(self.texts), dtype=np.float32)
            self.keys = vectorizer.get_feature_names_out()
        except ValueError:  # no text, or no phrase used twice
            self.matrix = sp.csr_matrix((len(self.texts), 0), dtype=np.float32)
            self.keys = np.array([], dtype=object)

    def _phrases(self, text: str) -> list[str]:
        self._nouns.update(nouns_used(text))
        keys = []
        for key, start, end in phrase_occurrences(text):
            keys.append(key)
            spellings = self._spellings.setdefault(key, [])
            if len(spellings) < SURFACE_SAMPLE:
                spellings.append(text[start:end])
        return keys

    def labels(self, documents, classes, centroids: np.ndarray | None = None) -> dict[int, list[str]]:
        """Phrases for each class >= 0; `classes[k]` is the class of text `documents[k]` (< 0: the rest,
        which counts against every class but gets no label); `centroids[c]`: unit centroid of class c."""
        documents, classes = np.asarray(documents, dtype=np.int64), np.asarray(classes, dtype=np.int64)
        named = sorted(int(c) for c in np.unique(classes) if c >= 0)
        if not named:
            return {}
        pools = self._pools(documents, classes, named)
        embedder = self.phrase_embedder if centroids is not None else None
        vectors = self._embed(pools) if embedder else {}
        result = {}
        for c in named:
            pool = pools[c]
            if embedder:
                relevance = [float(vectors[s] @ centroids[c]) for _, s, _ in pool]
                others = [o for o in named if o != c]
                if self.contrast and others:  # what sets the class apart, not what the whole debate is about
                    relevance = [r - float(np.max(centroids[others] @ vectors[s]))
                                 for r, (_, s, _) in zip(relevance, pool)]
            else:
                top = max((score for _, _, score in pool), default=1.0) or 1.0
                relevance = [score / top for _, _, score in pool]
            chosen = self._most_relevant_diverse(pool, relevance, vectors)
            result[c] = [_capitalised(pool[i][1]) for i in chosen]
        return result

    def _pools(self, documents, classes, named) -> dict[int, list[tuple[str, str, float]]]:
        """Per class, up to `pool_size` candidates (key, surface, c-TF-IDF score), best first."""
        groups = np.unique(classes)  # the rest (-1) is one more class for the weighing
        rows = np.searchsorted(groups, classes)
        indicator = sp.csr_matrix((np.ones(len(documents), np.float32), (rows, np.arange(len(documents)))),
                                  shape=(len(groups), len(documents)))
        counts = (indicator @ self.matrix[documents]).toarray()  # arguments of each class using each phrase
        sizes = np.bincount(rows, minlength=len(groups)).astype(np.float64)
        used = np.flatnonzero(counts.sum(axis=0) > 0)
        counts = counts[:, used]
        keys = self.keys[used]
        totals = counts.sum(axis=0)
        idf = np.log(1 + sizes.mean() / np.maximum(totals, 1))
        debate_words = self._evenly_spread(keys, counts, sizes, groups)
        pools = {}
        for c in named:
            g = int(np.searchsorted(groups, c))
            members = documents[classes == c]
            eligible = [k for k in np.flatnonzero(counts[g] >= MIN_DOCUMENTS)
                        if not set(content_stems(keys[k])) <= debate_words and self._nameable(keys[k])]
            eligible = self._without_shorter(eligible, keys, counts[g])
            scored = sorted(eligible, key=lambda k: (-counts[g, k] / sizes[g] * idf[k], -counts[g, k], keys[k]))
            pool = [(keys[k], counts[g, k] / sizes[g] * idf[k]) for k in scored[: self.pool_size]]
            if not pool:  # a small class sharing no phrase: its own phrases, the most frequent first
                pool = self._own_phrases(members)
            surfaces = self._surfaces({key for key, _ in pool})
            pools[c] = [(key, surfaces.get(key, key), float(score)) for key, score in pool]
        return pools

    def _nameable(self, key: str) -> bool:
        """A phrase of several words, or one word the arguments use as a noun (not "cher", "végétarienne")."""
        return " " in key or key in self._nouns

    @staticmethod
    def _evenly_spread(keys, counts, sizes, groups) -> set[str]:
        """Word stems of the whole debate: in more than half of all arguments, or in 3 classes or more with no
        class using them `EVEN_SPREAD_LIFT` times more often than all arguments do (c-TF-IDF ranks such words
        low but, in small classes where every word is rare, not low enough)."""
        real = groups >= 0
        unigrams = np.flatnonzero([" " not in key for key in keys])
        counts = counts[:, unigrams]
        totals = counts.sum(axis=0)
        widespread = (totals > 0.5 * sizes.sum()) & (sizes.sum() >= 10)
        lift = (counts[real] / np.maximum(totals, 1)) / (sizes[real] / sizes.sum())[:, None]
        even = ((counts[real] > 0).sum(axis=0) >= 3) & (lift.max(axis=0, initial=0) < EVEN_SPREAD_LIFT)
        return set(keys[unigrams[widespread | even]].tolist())

    @staticmethod
    def _without_shorter(eligible, keys, counts) -> list[int]:
        """Drop a phrase when a longer eligible phrase containing it is found in more than half its arguments."""
        longest_cover: dict[str, float] = {}
        for k in eligible:
            tokens = keys[k].split()
            for start in range(len(tokens)):
                for stop in range(start + 1, len(tokens) + 1):
                    inner = tokens[start:stop]
                    edges_are_content = not inner[0].endswith(STOP_MARK) and not inner[-1].endswith(STOP_MARK)
                    if len(inner) < len(tokens) and edges_are_content:
                        part = " ".join(inner)
                        longest_cover[part] = max(longest_cover.get(part, 0.0), counts[k])
        return [k for k in eligible if longest_cover.get(keys[k], 0.0) <= LONGER_PHRASE_SHARE * counts[k]]

    def _own_phrases(self, members) -> list[tuple[str, float]]:
        found = Counter()
        for i in members:
            found.update({key for key, _, _ in phrase_occurrences(self.texts[i])})
        nameable = {key: count for key, count in found.items() if self._nameable(key)}
        found = nameable or found  # a class with no nameable phrase still gets a label
        ranked = sorted(found.items(), key=lambda item: (-item[1], -len(content_stems(item[0])), item[0]))
        return [(key, count / len(members)) for key, count in ranked[: self.pool_size]]

    def _surfaces(self, keys: set[str]) -> dict[str, str]:
        """Each key's most frequent spelling among its first `SURFACE_SAMPLE` occurrences; then lowercase
        first (a sentence's capital is not the phrase's), then alphabetical."""
        return {key: min(Counter(self._spellings[key]).items(),
                         key=lambda item: (-item[1], item[0] != item[0].lower(), item[0]))[0]
                for key in keys if self._spellings.get(key)}

    def _embed(self, pools) -> dict[str, np.ndarray]:
        surfaces = list(dict.fromkeys(s for pool in pools.values() for _, s, _ in pool))
        if not surfaces:
            return {}
        vectors = np.asarray(self.phrase_embedder(surfaces), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return dict(zip(surfaces, vectors / norms))

    def _most_relevant_diverse(self, pool, relevance, vectors) -> list[int]:
        """Maximal marginal relevance over the pool; a phrase sharing a stem with a chosen one is skipped."""
        chosen, stems = [], set()
        while len(chosen) < self.n_phrases:
            best, best_score = None, -math.inf
            for i, (key, surface, _) in enumerate(pool):
                if i in chosen or stems & set(content_stems(key)):
                    continue
                if chosen and vectors and self.contrast and relevance[i] < 0:
                    continue  # nearer another class than its own: it would name the wrong theme
                redundancy = max((float(vectors[surface] @ vectors[pool[j][1]]) for j in chosen), default=0.0) \
                    if vectors else 0.0
                score = (1 - self.diversity) * relevance[i] - self.diversity * redundancy
                if score > best_score:
                    best, best_score = i, score
            if best is None:
                break
            chosen.append(best)
            stems |= set(content_stems(pool[best][0]))
        return chosen


def _capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]
