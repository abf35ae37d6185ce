"""Phrase labels: readable phrases, no stop word at their edges, no filler, diverse, French and English."""
import numpy as np

from deliberate.analysis.stopwords import GENERIC, STOP_WORDS
from deliberate.analysis.themes import ThemeAnalyzer
from deliberate.analysis.themes.labels import PhraseLabeler, phrase_occurrences, stem

WELFARE = [
    "Le bien-être animal passe avant le prix, vraiment.",
    "Dans l'élevage intensif, le bien-être animal est sacrifié pour deux euros de moins.",
    "Je pense que le bien-être animal compte aussi dans les abattoirs.",
    "L'élevage intensif enferme les animaux : il faut mieux protéger leur bien-être animal.",
    "Les abattoirs doivent être filmés pour garantir le bien-être animal.",
]
PRICES = [
    "Le prix de la viande bio reste trop élevé pour beaucoup de familles.",
    "Favoriser la viande bio à la cantine ferait monter le prix de la viande.",
    "Les familles modestes regardent d'abord le prix de la viande.",
    "Le prix de la viande bio a augmenté de deux euros le kilo.",
    "Les mesures pour la viande bio pèsent sur les familles modestes.",
]
SCHOOLS = [
    "School canteens should serve a vegetarian menu twice a week.",
    "A vegetarian menu in school canteens really helps children eat vegetables.",
    "Parents should choose whether school canteens serve meat.",
    "The vegetarian menu is often the only hot meal children get.",
]
FARMS = [
    "Factory farming pollutes the rivers near the farms.",
    "Small farms cannot compete with factory farming prices.",
    "Factory farming keeps animals in cages, which is cruel.",
    "Grazing on small farms stores carbon in the soil.",
]


def words_of(phrase):
    return phrase.lower().replace("'", " ").replace("’", " ").split()


def label(texts, classes, **options):
    return PhraseLabeler(texts, **options).labels(np.arange(len(texts)), classes)


def test_candidates_never_start_or_end_with_a_stop_word_or_cross_punctuation():
    text = "Le prix de la viande, bien-être animal : l'élevage intensif pollue vraiment."
    phrases = {text[a:b] for _, a, b in phrase_occurrences(text)}
    assert {"prix de la viande", "bien-être animal", "élevage intensif pollue"} <= phrases
    assert not any("," in phrase or ":" in phrase for phrase in phrases)  # punctuation ends a phrase
    for phrase in phrases:
        first, last = words_of(phrase)[0], words_of(phrase)[-1]
        assert first not in STOP_WORDS | GENERIC and last not in STOP_WORDS | GENERIC


def test_inflections_fold_onto_one_key():
    assert stem("mange") == stem("manger") == stem("mangent")
    assert stem("animaux") == stem("animal") == stem("animals")
    assert stem("viandes") == stem("viande")


def test_french_labels_are_phrases_without_filler():
    labels = label(WELFARE + PRICES, [0] * 5 + [1] * 5)
    assert labels[0][0] == "Bien-être animal" and "Élevage intensif" in labels[0]
    assert "Prix de la viande" in labels[1]
    for phrases in labels.values():
        for phrase in phrases:
            assert not set(words_of(phrase)) & GENERIC  # vraiment, deux, pense, mieux, favoriser, mesures
            assert words_of(phrase)[0] not in STOP_WORDS and words_of(phrase)[-1] not in STOP_WORDS


def test_a_label_never_repeats_a_word():
    labels = label(WELFARE + PRICES, [0] * 5 + [1] * 5)
    for phrases in labels.values():
        stems = [stem(w) for p in phrases for w in words_of(p) if w not in STOP_WORDS]
        assert len(stems) == len(set(stems))
    assert "Viande bio" not in labels[1]  # "viande" is already in "Prix de la viande"


def test_english_labels_are_phrases_without_filler():
    labels = label(SCHOOLS + FARMS, [0] * 4 + [1] * 4)
    assert set(labels[0][:2]) == {"Vegetarian menu", "School canteens"}
    assert labels[1][0] == "Factory farming"
    assert not {w for p in labels[0] + labels[1] for w in words_of(p)} & (GENERIC | STOP_WORDS)


def test_a_unigram_gives_way_to_the_phrase_that_contains_it():
    labels = label(WELFARE + PRICES, [0] * 5 + [1] * 5)
    assert "Animal" not in labels[0] and "Prix" not in labels[1]


def test_words_spread_evenly_over_the_themes_label_none():
    themes = [[f"La viande et {w} vont ensemble", f"Sans viande pas de {w} ici", f"Le {w} remplace la viande"]
              for w in ("fromage", "poisson", "tofu", "lentilles")]
    labels = label([t for theme in themes for t in theme], [c for c in range(4) for _ in range(3)])
    assert all("Viande" not in phrases for phrases in labels.values())
    assert [phrases[0] for phrases in labels.values()] == ["Fromage", "Poisson", "Tofu", "Lentilles"]


def test_mmr_does_not_choose_two_near_synonyms():
    """With a phrase embedder, a phrase that means what a chosen one means loses to a different one."""
    texts = ["méthane, gaz, pâturage", "méthane, gaz, ruminants", "vaches, pâturage, ruminants", "vaches, gaz, méthane"]
    meaning = {"méthane": [1, 0, 0], "gaz": [0.98, 0.2, 0], "vaches": [0.6, 0, 0.8], "ruminants": [0.6, 0.1, 0.79],
               "pâturage": [0, 1, 0]}  # phrases are embedded as written

    def embed(phrases):
        return np.array([meaning[p] for p in phrases], dtype=np.float32)

    centroid = np.array([[0.8, 0.1, 0.59]], dtype=np.float32)
    diverse = PhraseLabeler(texts, phrase_embedder=embed, n_phrases=2, diversity=0.5).labels(
        np.arange(4), [0] * 4, centroid)[0]
    assert diverse[0] == "Ruminants" and diverse[1] in ("Méthane", "Gaz")
    relevant_only = PhraseLabeler(texts, phrase_embedder=embed, n_phrases=2, diversity=0.0).labels(
        np.arange(4), [0] * 4, centroid)[0]
    assert set(relevant_only) == {"Ruminants", "Vaches"}  # without the redundancy term, both synonyms


def test_a_small_theme_sharing_no_phrase_still_gets_a_label():
    labels = label(["Les abeilles meurent", "Les pesticides tuent", "Autre chose"], [0, 0, -1])
    assert set(labels) == {0} and labels[0]


def test_analyzer_labels_themes_and_points_with_phrases_and_keeps_the_central_argument():
    rng = np.random.RandomState(0)
    centres = np.eye(2, 32, dtype=np.float32)
    vectors = np.vstack([centres[0] + 0.05 * rng.randn(5, 32), centres[1] + 0.05 * rng.randn(5, 32)])
    calls = []

    def embed(phrases):
        calls.append(list(phrases))
        return np.vstack([centres[0] if "animal" in p.lower() or "élevage" in p.lower() else centres[1]
                          for p in phrases])

    analyzer = ThemeAnalyzer(random_state=0, phrase_embedder=embed).fit(vectors, WELFARE + PRICES,
                                                                         ["for"] * 10)
    assert calls and analyzer.parameters_["label_ranking"] == "meaning (MMR)"
    labels = sorted(" · ".join(t.label.keywords) for t in analyzer.themes_)
    assert any("Bien-être animal" in text for text in labels) and any("Prix de la viande" in text for text in labels)
    for theme in analyzer.themes_:
        assert theme.label.to_dict()["machine_written"] is True
        assert analyzer.theme_of_argument_[theme.label.central_argument_index] == theme.id
    lexical = ThemeAnalyzer(random_state=0).fit(vectors, WELFARE + PRICES)
    assert lexical.parameters_["label_ranking"] == "c-TF-IDF" and all(t.label.keywords for t in lexical.themes_)


def test_a_one_word_label_is_a_word_the_arguments_use_as_a_noun():
    texts = ["Le steak est trop cher pour les familles.", "Un rôti coûte cher, les familles renoncent.",
             "Les familles achètent moins cher au marché.", "Le marché du dimanche reste cher."]
    labels = label(texts, [0, 0, 0, 0])[0]
    assert "Cher" not in labels and "Familles" in labels  # "cher" never follows a determiner; "les familles" does
    english = ["Zoos are cruel.", "Keeping lions is cruel.", "Lions suffer in zoos."]
    labels = label(english, [0, 0, 0])[0]  # English bare plurals count once a preposition shows them as nouns
    assert labels == ["Zoos"]  # not "Cruel"; nor "Lions", which no determiner or preposition ever announces


def test_nouns_used_follow_a_determiner_or_an_english_preposition():
    from deliberate.analysis.themes.labels import nouns_used

    assert set(nouns_used("L'élevage nourrit les vaches ; c'est cher.")) == {stem("élevage"), stem("vaches")}
    assert set(nouns_used("Pour manger de la viande, on a mangé des steaks.")) == {stem("viande"), stem("steaks")}
    assert set(nouns_used("Cages in zoos")) == {stem("zoos")}


def test_with_contrast_a_phrase_nearer_another_theme_is_not_added_to_a_label():
    texts = ["vaches et prairies", "les vaches, les prairies", "les porcs et le soja", "les porcs, le soja"]
    meaning = {"vaches": [1, 0], "prairies": [0.3, 0.95], "porcs": [0, 1], "soja": [0.2, 1]}

    def embed(phrases):
        return np.array([meaning[p] for p in phrases], dtype=np.float32)

    centroids = np.array([[1, 0], [0, 1]], dtype=np.float32)
    labels = PhraseLabeler(texts, phrase_embedder=embed).labels(np.arange(4), [0, 0, 1, 1], centroids)
    assert labels[0] == ["Vaches"]  # "prairies" is nearer theme 1's centroid than theme 0's
    assert labels[1][0] in ("Porcs", "Soja")
