"""French and English stop words, and a tokenizer that splits French elisions.

Used by theme labels (labels.py), c-TF-IDF and the lexical half of the clustering similarity: words that
say nothing about a subject (articles, pronouns, auxiliaries, connectives) must never become a
theme's keyword. The lists are written for this project, lowercase, accents kept.
"""
from __future__ import annotations

import re
import unicodedata

FRENCH = frozenset("""
a à afin ai aie aient aies ait alors as au aucun aucune auquel aussi autre autres aux auxquelles
auxquels avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bien c ça
car ce ceci cela celle celles celui cependant certains ces cet cette ceux chacun chaque chez ci
comme comment contre d dans de des donc dont du elle elles en encore entre es est et étaient
étais était étant été êtes étiez étions être eu eue eues eûmes eurent eus eut eux fait faire
fais faut fois font furent fus fut ici il ils j je jusqu jusque l la là laquelle le lequel les
lesquelles lesquels leur leurs lorsqu lorsque lui m ma mais me même mêmes mes moi moins mon n ne
ni nos notre nous on ont ou où par parce pas pendant peu peut peuvent plus plutôt pour pourquoi
puis puisqu puisque qu quand que quel quelle quelles quels qui quoi quoiqu quoique s sa sans se
sera serait seront ses si sien sienne soi soient sois soit sommes son sont sous suis sur t ta
tandis te tel telle telles tels tes toi ton tous tout toute toutes très trop tu un une unes uns
va vais vont vos votre vous y déjà ainsi selon via cas dès non oui etc
doit doivent devrait devraient pourrait pourraient faudrait seraient aurait auraient
""".split())

ENGLISH = frozenset("""
a about above after again against all also am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down
during each either else even ever every few for from further get gets had hadn has hasn have
haven having he her here hers herself him himself his how however i if in into is isn it its
itself just least less let like made make many may me might more most much must mustn my myself
neither no nor not now of off often on once only or other others our ours ourselves out over own
per rather really same shall shan she should shouldn since so some such than that the their
theirs them themselves then there these they this those though through thus to too under until
up upon us very was wasn we were weren what when where whether which while who whom whose why
will with within without won would wouldn yet you your yours yourself yourselves
s t d ll m re ve
""".split())

STOP_WORDS = FRENCH | ENGLISH

# French elided forms: the letter(s) before the apostrophe are a word of their own (l'eau -> l + eau).
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, hyphenated compounds kept whole
MIN_LENGTH = 3


def tokens(text: str) -> list[str]:
    """Lowercase content words of a text: elisions split off, stop words and short words dropped."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _ELISION.sub(" ", text)
    text = text.replace("’", "'").replace("'", " ")  # English clitics (don't, it's) fall apart too
    return [w for w in _WORD.findall(text) if len(w) >= MIN_LENGTH and w not in STOP_WORDS]


# Words that are not stop words but never name a subject, in any debate, so a label must not start or end
# with them. Measured on the demo and the CCC proposals, c-TF-IDF alone let them through on small themes,
# where every word is rare: filler adverbs and adjectives ("vraiment", "mieux"), numbers written as words
# ("deux"), opinion and modal verbs ("pense", "faut"), and the verbs and nouns of policy-making that every
# proposal uses whatever its subject ("favoriser", "faciliter", "mesures", "modalités", "moyen").
# Kept short on purpose: words spread evenly across a debate's themes are found from the data (labels.py).
GENERIC_FRENCH = frozenset("""
vraiment mieux meilleur meilleure meilleurs beaucoup toujours jamais souvent aujourd hui simplement
seul seule seuls seules surtout assez vrai juste bon bonne bons bonnes mal grand grande grands grandes petit petite petits petites
plusieurs certain certaine certaines autant tant chose choses gens exemple problème question
important importante nouveau nouvelle nouveaux nouvelles
un deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente cinquante cent cents
mille million millions milliard milliards premier première premiers second seconde moitié
penser pense pensons croire crois dire dit dis trouver trouve vouloir veux veut voulons pouvoir devoir
aller venir donner prendre mettre met passer rester laisser voir savoir sais falloir
favoriser faciliter permettre développer renforcer améliorer encourager soutenir assurer garantir
prévoir créer rendre inciter limiter réduire augmenter diminuer accompagner valoriser promouvoir
mesure mesures modalité modalités moyen moyens manière façon cadre ensemble niveau niveaux place
servir demander vers depuis lors hors
objectif objectifs mise œuvre dispositif dispositifs action actions type types ordre
""".split())

GENERIC_ENGLISH = frozenset("""
really actually better best good great always never often simply quite lot lots thing things people way ways
kind sort new important able due well
one two three four five six seven eight nine ten twelve twenty fifty hundred thousand million millions
billion billions first second half
think believe say says said want wants need needs take give use used put keep let
promote facilitate ensure allow allows enable improve encourage support provide increase reduce
measure measures means manner framework level levels action actions type types
""".split())


def _french_verb_forms(words: frozenset[str]) -> frozenset[str]:
    """The usual forms of the -er verbs in `words` (renforcer: renforce, renforcent, renforcé, renforcée...),
    written out rather than stemmed so that nouns sharing a stem (limitation, augmentation) stay usable."""
    endings = ("e", "es", "ent", "ons", "ez", "é", "ée", "és", "ées", "ant", "ait", "era", "eront")
    return frozenset(word[:-2] + ending for word in words if word.endswith("er") for ending in endings)


GENERIC = GENERIC_FRENCH | _french_verb_forms(GENERIC_FRENCH) | GENERIC_ENGLISH

# Words that announce a noun ("l'élevage", "les prairies", "the farmers"). A one-word label must be a word
# the arguments use as a noun at least once: adjectives ("cher", "végétarienne", "alimentaires") and verbs
# ("mange") rarely follow one, so no part-of-speech tagger is needed to keep them out of labels.
# English uses bare plurals where French needs an article ("zoos should close"), so English prepositions
# count too ("of zoos"); French ones do not, as they introduce infinitives ("de manger", "pour manger").
# Left out: "a", a French verb before participles ("a permis"), and "on", a French pronoun before verbs.
DETERMINERS = frozenset("""
l le la les un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos
leur leurs
the an this that these those my your his her its our their
of for in with about from by against without
""".split())
