"""The demo's arguments and questions on health (theme "sante")."""

ARGUMENTS = [
    {
        "text": (
            "En 2015, le CIRC, l'agence de l'OMS spécialisée dans le cancer, a classé la viande "
            "transformée comme cancérogène et la viande rouge comme probablement cancérogène. "
            "Réduire la charcuterie et la viande rouge, c'est de la prévention, pas de "
            "l'idéologie."
        ),
        "stance": "for", "kind": "argument", "theme": "sante",
        "lean": 0.7, "author": 7,
    },
    {
        "text": (
            "La viande rouge apporte du fer bien assimilé et de la vitamine B12. Chez les ados "
            "et les femmes enceintes, l'anémie n'est pas rare : on ne peut pas conseiller d'en "
            "manger moins sans en tenir compte."
        ),
        "stance": "against", "kind": "argument", "theme": "sante",
        "lean": -0.6, "author": 8,
    },
    {
        "text": (
            "Le problème, ce n'est pas la viande en soi mais les quantités. Les repères "
            "nutritionnels français conseillent de ne pas dépasser 500 g de viande hors volaille "
            "et 150 g de charcuterie par semaine, ce qui laisse de la place."
        ),
        "stance": "nuance", "kind": "argument", "theme": "sante",
        "lean": 0.1, "author": 2,
    },
    {
        "text": (
            "Question pour la nutritionniste : un enfant qui ne mange pas de viande peut-il "
            "couvrir ses besoins en fer et en vitamine B12 sans prendre de compléments ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "sante",
        "lean": 0.05, "author": 10,
    },
    {
        "text": (
            "Depuis que je mange de la viande deux fois par semaine au lieu de tous les jours, "
            "mon cholestérol a baissé et je cuisine beaucoup plus de légumineuses. Lentilles "
            "vertes du Puy, pois chiches : c'est bon et pas cher !"
        ),
        "stance": "for", "kind": "argument", "theme": "sante",
        "lean": 0.5, "author": 16,
    },
    {
        "text": (
            "Mon médecin m'a toujours dit de manger de tout. Un régime sans viande, ça se "
            "surveille, surtout chez les personnes âgées qui perdent du muscle et manquent déjà "
            "de protéines."
        ),
        "stance": "against", "kind": "argument", "theme": "sante",
        "lean": -0.45, "author": 17,
    },
    {
        "text": (
            "Une bonne partie du risque vient des produits industriels : nitrites, sel, plats "
            "ultra-transformés. Un steak de la boucherie du quartier et un cordon bleu sous "
            "plastique, ce n'est pas la même chose."
        ),
        "stance": "nuance", "kind": "argument", "theme": "sante",
        "lean": -0.25, "author": 12,
    },
]
