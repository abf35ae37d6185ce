"""The demo's arguments and questions on culture and rites (theme "culture")."""

ARGUMENTS = [
    {
        "text": (
            "La potée auvergnate, la truffade avec sa saucisse, le gigot du dimanche : la viande "
            "fait partie de notre patrimoine et de nos repas de famille. On ne change pas une "
            "culture par décret."
        ),
        "stance": "against", "kind": "argument", "theme": "culture",
        "lean": -0.6, "author": 11,
    },
    {
        "text": (
            "L'abattage rituel sans étourdissement, halal ou casher, est une dérogation prévue "
            "par la loi. On peut en parler sereinement, sans stigmatiser les croyants ni faire "
            "comme si la question n'existait pas."
        ),
        "stance": "nuance", "kind": "argument", "theme": "culture",
        "lean": 0.1, "author": 9,
    },
    {
        "text": (
            "Les traditions évoluent : nos grands-parents mangeaient de la viande le dimanche, "
            "pas à chaque repas. Revenir à ça, ce serait plutôt renouer avec la tradition que la "
            "trahir."
        ),
        "stance": "for", "kind": "argument", "theme": "culture",
        "lean": 0.35, "author": 26,
    },
    {
        "text": (
            "Pour les experts : l'étourdissement avant l'abattage réduit-il vraiment la "
            "souffrance, et existe-t-il des méthodes acceptées par les autorités religieuses ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "culture",
        "lean": 0.25, "author": 12,
    },
    {
        "text": (
            "Un repas sans viande, pour moi, ce n'est pas un vrai repas. Je refuse qu'on vienne "
            "me dire ce que je dois mettre dans mon assiette !"
        ),
        "stance": "against", "kind": "argument", "theme": "culture",
        "lean": -0.85, "author": 8,
    },
    {
        "text": (
            "Le repas partagé compte plus que ce qu'il y a dans l'assiette. Quand on reçoit, il "
            "faut pouvoir accueillir à la même table ceux qui mangent de la viande et ceux qui "
            "n'en mangent pas."
        ),
        "stance": "nuance", "kind": "argument", "theme": "culture",
        "lean": 0.05, "author": 15,
    },
    {
        "text": (
            "Être végétarienne dans un repas de famille en Auvergne, c'est devoir se justifier à "
            "chaque fois. J'aimerais juste qu'on respecte ce choix comme on respecte ceux qui "
            "aiment la viande."
        ),
        "stance": "for", "kind": "argument", "theme": "culture",
        "lean": 0.3, "author": 23,
    },
]
