"""The demo's arguments and questions on school canteens (theme "cantines")."""

ARGUMENTS = [
    {
        "text": (
            "La loi EGalim impose déjà un menu végétarien par semaine dans les cantines. Je "
            "propose d'en servir deux dans les écoles de Clermont-Ferrand, avec des recettes "
            "travaillées par les cuisiniers."
        ),
        "stance": "for", "kind": "argument", "theme": "cantines",
        "lean": 0.65, "author": 28,
    },
    {
        "text": (
            "Pour certains enfants, la cantine est le seul repas complet de la journée. Leur "
            "retirer la viande, c'est pénaliser d'abord les familles les plus pauvres."
        ),
        "stance": "against", "kind": "argument", "theme": "cantines",
        "lean": -0.5, "author": 14,
    },
    {
        "text": (
            "Ce qui compte, c'est que les menus soient équilibrés et que les enfants les "
            "mangent. Un plat végétarien mal cuisiné finit à la poubelle, une viande bas de "
            "gamme aussi."
        ),
        "stance": "nuance", "kind": "argument", "theme": "cantines",
        "lean": 0.0, "author": 9,
    },
    {
        "text": (
            "Question à la nutritionniste : deux repas végétariens par semaine à la cantine "
            "peuvent-ils créer des carences chez les enfants qui mangent peu de viande à la "
            "maison ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "cantines",
        "lean": 0.05, "author": 5,
    },
    {
        "text": (
            "Les cantines devraient servir de la viande locale de qualité, de races d'ici comme "
            "la Charolaise ou la Salers, quitte à en servir un peu moins souvent."
        ),
        "stance": "nuance", "kind": "argument", "theme": "cantines",
        "lean": 0.0, "author": 17,
    },
    {
        "text": (
            "Il faudrait une option végétarienne chaque jour dans toutes les cantines de la "
            "ville. Les enfants qui ne mangent pas de viande ne devraient pas se contenter des "
            "accompagnements."
        ),
        "stance": "for", "kind": "argument", "theme": "cantines",
        "lean": 0.5, "author": 10,
    },
    {
        "text": (
            "Imposer des menus sans viande aux enfants, c'est de l'idéologie. Les parents "
            "doivent avoir leur mot à dire, et la viande doit rester au menu tous les jours, en "
            "dehors du repas végétarien prévu par la loi."
        ),
        "stance": "against", "kind": "argument", "theme": "cantines",
        "lean": -0.85, "author": 6,
    },
]
