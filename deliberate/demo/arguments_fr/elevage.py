"""The demo's arguments and questions on farming and the local economy (theme "elevage")."""

ARGUMENTS = [
    {
        "text": (
            "Les éleveurs doivent pouvoir vivre de leur travail. Beaucoup d'éleveurs de vaches "
            "allaitantes gagnent moins que le SMIC alors qu'ils travaillent 60 à 70 heures par "
            "semaine, ce n'est pas normal."
        ),
        "stance": "nuance", "kind": "argument", "theme": "elevage",
        "lean": -0.1, "author": 11,
    },
    {
        "text": (
            "Dans le Massif central, l'élevage fait vivre les villages : vétérinaires, marchés "
            "aux bestiaux, abattoirs, fromageries. Moins de viande, ce sont des fermes qui "
            "ferment et des vallées qui se vident."
        ),
        "stance": "against", "kind": "argument", "theme": "elevage",
        "lean": -0.65, "author": 24,
    },
    {
        "text": (
            "Moins mais mieux : si chacun mange moins de viande mais l'achète à un éleveur du "
            "coin, au juste prix, les éleveurs d'ici y gagnent. Ce qu'il faut réduire, c'est la "
            "viande bas de gamme importée."
        ),
        "stance": "for", "kind": "argument", "theme": "elevage",
        "lean": 0.35, "author": 19,
    },
    {
        "text": (
            "Question à l'éleveur : sur un kilo de bœuf vendu 20 euros en supermarché, combien "
            "revient réellement à celui qui a élevé la bête ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "elevage",
        "lean": -0.2, "author": 22,
    },
    {
        "text": (
            "Je veux savoir d'où vient ce que je mange. L'origine de la viande devrait être "
            "affichée clairement partout, y compris au restaurant et dans les plats préparés."
        ),
        "stance": "nuance", "kind": "argument", "theme": "elevage",
        "lean": 0.0, "author": 25,
    },
    {
        "text": (
            "Les aides publiques devraient accompagner les éleveurs qui veulent se diversifier, "
            "par exemple vers les légumineuses, au lieu de soutenir un modèle qui pousse à "
            "produire toujours plus."
        ),
        "stance": "for", "kind": "argument", "theme": "elevage",
        "lean": 0.6, "author": 13,
    },
    {
        "text": (
            "La viande bio ou Label rouge coûte souvent bien plus cher. Dire aux familles "
            "modestes « mangez moins mais mieux », c'est facile quand on a les moyens."
        ),
        "stance": "against", "kind": "argument", "theme": "elevage",
        "lean": -0.35, "author": 27,
    },
]
