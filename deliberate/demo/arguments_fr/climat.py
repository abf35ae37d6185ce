"""The demo's arguments and questions on climate and the environment (theme "climat")."""

ARGUMENTS = [
    {
        "text": (
            "D'après la FAO, l'élevage représente environ 14,5 % des émissions de gaz à effet de "
            "serre d'origine humaine. On ne tiendra pas nos objectifs climatiques sans manger "
            "moins de viande, c'est mathématique."
        ),
        "stance": "for", "kind": "argument", "theme": "climat",
        "lean": 0.8, "author": 13,
    },
    {
        "text": (
            "Nos prairies permanentes stockent du carbone dans le sol. Des vaches qui pâturent "
            "l'herbe du Cantal, ce n'est pas un parc d'engraissement américain nourri au soja. "
            "Supprimer l'élevage à l'herbe, c'est labourer ces prairies et relâcher ce carbone."
        ),
        "stance": "against", "kind": "argument", "theme": "climat",
        "lean": -0.7, "author": 3,
    },
    {
        "text": (
            "Tous les élevages ne se valent pas : le bœuf a l'empreinte carbone la plus forte, "
            "la volaille et le porc beaucoup moins, et les prairies compensent une partie des "
            "émissions des ruminants. Le débat gagnerait à distinguer les systèmes."
        ),
        "stance": "nuance", "kind": "argument", "theme": "climat",
        "lean": 0.1, "author": 4,
    },
    {
        "text": (
            "Une grande partie du soja importé d'Amérique du Sud sert à nourrir les animaux "
            "d'élevage européens. Manger moins de viande, c'est aussi moins de déforestation "
            "là-bas."
        ),
        "stance": "for", "kind": "argument", "theme": "climat",
        "lean": 0.6, "author": 19,
    },
    {
        "text": (
            "On culpabilise toujours le consommateur et l'éleveur. Et les vols low cost, les "
            "gros SUV ? Un bœuf élevé à 30 km d'ici fait moins de route que les avocats du "
            "Pérou."
        ),
        "stance": "against", "kind": "argument", "theme": "climat",
        "lean": -0.6, "author": 20,
    },
    {
        "text": (
            "Pour l'agronome : un hectare de prairie pâturée stocke-t-il vraiment autant de "
            "carbone qu'un hectare de forêt, et ce stockage dure-t-il si l'on arrête de faire "
            "pâturer ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "climat",
        "lean": 0.0, "author": 15,
    },
    {
        "text": (
            "Arrêtons de tourner autour du pot : la seule mesure climatique à la hauteur, c'est "
            "de diviser par deux notre consommation de viande d'ici 2030, avec une taxe sur la "
            "viande rouge s'il le faut."
        ),
        "stance": "for", "kind": "argument", "theme": "climat",
        "lean": 0.95, "author": 23,
    },
]
