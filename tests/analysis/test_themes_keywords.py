"""Keywords: c-TF-IDF picks the distinctive word and never a stop word, in French and English."""
from deliberate.analysis.stopwords import ENGLISH, FRENCH, tokens
from deliberate.analysis.themes import class_keywords, document_terms
from deliberate.analysis.themes.lexical import tfidf_rows


def test_french_elisions_are_split_and_stop_words_dropped():
    assert tokens("L'abattage rituel, c'est l’affaire d'experts qu'on n'écoute pas") == \
        ["abattage", "rituel", "affaire", "experts", "écoute"]
    assert tokens("Jusqu'à présent, lorsqu'il mange de la viande") == ["présent", "mange", "viande"]


def test_english_clitics_and_stop_words_are_dropped():
    assert tokens("It's the farmers' choice, and they don't want it") == ["farmers", "choice", "want"]


def test_stop_word_lists_are_lowercase_and_cover_both_languages():
    assert {"le", "les", "des", "est", "pour", "dans"} <= FRENCH
    assert {"the", "and", "is", "for", "with"} <= ENGLISH
    assert all(w == w.lower() for w in FRENCH | ENGLISH)


def test_plurals_fold_onto_the_singular_when_both_occur():
    terms = document_terms(["Les prairies stockent du carbone", "Une prairie permanente"])
    assert terms[0] == ["carbone", "prairie", "stockent"]


def test_keywords_pick_the_distinctive_word_not_the_shared_one():
    texts = [
        "La viande rouge augmente le risque de cancer",
        "Le cancer colorectal est lié à la viande transformée",
        "Manger de la viande tous les jours favorise le cancer",
        "La viande bovine émet beaucoup de méthane",
        "L'élevage de viande produit du méthane et du CO2",
        "Le méthane des vaches réchauffe le climat",
    ]
    labels = [0, 0, 0, 1, 1, 1]
    keywords = class_keywords(document_terms(texts), labels, n_keywords=2)
    assert keywords[0][0] == "cancer"
    assert keywords[1][0] == "méthane"
    assert "viande" not in keywords[0][:1] + keywords[1][:1]  # shared by both: not distinctive
    assert not set(keywords[0] + keywords[1]) & (FRENCH | ENGLISH)


def test_unclustered_texts_count_as_the_rest_but_get_no_keywords():
    texts = ["school canteens serve meat", "school canteens vegetarian menu", "meat meat meat"]
    keywords = class_keywords(document_terms(texts), [0, 0, -1])
    assert set(keywords) == {0}
    assert keywords[0][:2] == ["canteens", "school"]


def test_tfidf_rows_are_unit_length_or_zero():
    rows = tfidf_rows(document_terms(["viande rouge", "viande blanche", "poisson"])).toarray()
    norms = (rows ** 2).sum(axis=1)
    assert norms[0] == norms[1] == __import__("pytest").approx(1.0)
    assert norms[2] == 0  # "poisson" occurs once: it cannot link two documents


def test_the_debates_own_words_label_no_cluster():
    helps = ("bullying", "bullying", "bullying", "equality", "equality")
    costs = ("money", "money", "parents", "parents", "families")
    texts = [f"school uniforms {extra} help" for extra in helps] + [f"school uniforms cost {extra}" for extra in costs]
    keywords = class_keywords(document_terms(texts), [0] * 5 + [1] * 5)
    assert "school" not in keywords[0] + keywords[1] and "uniform" not in keywords[0] + keywords[1]
    assert keywords[0][0] == "help" and keywords[1][0] == "cost"
