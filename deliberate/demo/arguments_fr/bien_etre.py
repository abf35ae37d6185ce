"""The demo's arguments and questions on animal welfare (theme "bien_etre")."""

ARGUMENTS = [
    {
        "text": (
            "Les vidéos tournées en caméra cachée dans certains abattoirs m'ont vraiment choqué. "
            "Tant qu'on ne peut pas garantir que les animaux ne souffrent pas, je préfère ne "
            "plus en manger."
        ),
        "stance": "for", "kind": "argument", "theme": "bien_etre",
        "lean": 0.75, "author": 26,
    },
    {
        "text": (
            "Je suis fille d'éleveurs : mes parents connaissent chacune de leurs vaches. Opposer "
            "les éleveurs au bien-être animal, c'est ne jamais avoir mis les pieds dans une "
            "ferme."
        ),
        "stance": "against", "kind": "argument", "theme": "bien_etre",
        "lean": -0.55, "author": 6,
    },
    {
        "text": (
            "Les animaux devraient être élevés en plein air dès que c'est possible et "
            "transportés le moins loin possible. Des abattoirs de proximité, voire mobiles, "
            "éviteraient des heures de camion."
        ),
        "stance": "nuance", "kind": "argument", "theme": "bien_etre",
        "lean": 0.1, "author": 18,
    },
    {
        "text": (
            "En France, plus de 80 % des poulets de chair sont élevés en bâtiment, sans jamais "
            "voir l'extérieur. Manger moins de viande mais mieux, c'est la seule façon de sortir "
            "de ce modèle intensif."
        ),
        "stance": "for", "kind": "argument", "theme": "bien_etre",
        "lean": 0.6, "author": 5,
    },
    {
        "text": (
            "Question aux experts : la vidéosurveillance dans les abattoirs, expérimentée depuis "
            "la loi EGalim, a-t-elle vraiment changé les pratiques ? Qui regarde les images ?"
        ),
        "stance": "nuance", "kind": "question", "theme": "bien_etre",
        "lean": 0.3, "author": 21,
    },
    {
        "text": (
            "Sans élevage, plus de vaches dans nos montagnes ni de races comme la Salers ou "
            "l'Aubrac. Le bien-être animal, c'est aussi que ces animaux continuent d'exister."
        ),
        "stance": "against", "kind": "argument", "theme": "bien_etre",
        "lean": -0.6, "author": 14,
    },
    {
        "text": (
            "Je ne suis pas végétarienne, mais un animal ressent la douleur et ça devrait "
            "compter dans nos choix. Le Code civil le reconnaît d'ailleurs comme un être vivant "
            "doué de sensibilité depuis 2015."
        ),
        "stance": "for", "kind": "argument", "theme": "bien_etre",
        "lean": 0.45, "author": 28,
    },
]
