"""French demo content for the key questions and the hearing of the meat conference (invented).

Data only, to go with ``content_fr`` (same conference, same members) and ``preparation_fr``. Conventions:

- ``author`` (an int) is an index into ``content_fr.MEMBERS``: key questions and unclear notes
  come from panelists, questions to the experts from panelists or the public.
- ``("expert", i)`` names the member ``content_fr.MEMBERS[i]``, who must have the role
  "expert"; ``("stakeholder", j)`` names ``preparation_fr.STAKEHOLDERS[j]``.
- In ``QUESTIONS``, ``to`` is the addressee (``None`` for all the experts), ``answers`` is empty
  for a question still waiting, and ``follows`` is ``None`` or ``(q, a)``: the question follows
  up on answer ``a`` of ``QUESTIONS[q]``, an earlier question.
- ``KEY_QUESTION_ANSWERS[n]["key_question"]`` is an index into ``KEY_QUESTIONS`` (a selected one).
- ``UNCLEAR_NOTES`` come in three groups of three notes, each group one confusion worded
  differently: red versus processed meat, methane versus CO2, what EGalim requires of canteens.
- Texts are plain (no Markdown). The conference takes no side; all names and texts are fictitious.
"""

KEY_QUESTIONS = [
    {
        "author": 10,  # Lucie P., reduction
        "text": (
            "Quelle quantité de viande rouge et de charcuterie peut-on manger sans risque notable "
            "pour la santé, et ces repères valent-ils aussi pour les enfants ?"
        ),
        "selected": True,
        "planned_minutes": 20,
    },
    {
        "author": 11,  # Jean-Pierre C., tradition
        "text": (
            "Une Salers élevée à l'herbe pèse-t-elle autant sur le climat qu'un bovin d'élevage "
            "intensif, si l'on compte le carbone stocké dans les prairies ?"
        ),
        "selected": True,
        "planned_minutes": 25,
    },
    {
        "author": 9,  # Karim A., between
        "text": (
            "Comment se passe l'abattage des bovins dans les abattoirs de la région, et quelles "
            "garanties existe-t-il pour l'étourdissement et l'abattage rituel ?"
        ),
        "selected": True,
        "planned_minutes": 20,
    },
    {
        "author": 14,  # Nathalie R., tradition
        "text": (
            "Qu'oblige exactement la loi EGalim dans les cantines, et que peut décider la Ville "
            "en plus de ce minimum ?"
        ),
        "selected": True,
        "planned_minutes": 15,
    },
    {
        "author": 16,  # Fatou D., reduction
        "text": (
            "La viande à chaque repas est-elle vraiment une tradition auvergnate ancienne, ou une "
            "habitude de ces cinquante dernières années ?"
        ),
        "selected": False,
        "planned_minutes": 15,
    },
    {
        "author": 18,  # Chloé S., between
        "text": (
            "Si l'on mange moins de viande, quelles aides permettraient à un éleveur de se "
            "diversifier sans perdre son revenu ?"
        ),
        "selected": False,
        "planned_minutes": 15,
    },
]

KEY_QUESTION_ANSWERS = [
    {
        "key_question": 0,
        "author": ("expert", 2),
        "text": (
            "Il n'existe pas de seuil en dessous duquel le risque serait nul, mais le risque "
            "augmente avec la quantité. Les repères français fixent des limites raisonnables : "
            "environ 500 g de viande hors volaille et 150 g de charcuterie par semaine pour un "
            "adulte. Pour la charcuterie, le CIRC estime qu'en manger 50 g chaque jour, soit une "
            "tranche de jambon, augmente d'environ 18 % le risque de cancer colorectal. C'est un "
            "risque relatif : pour une personne, il reste modeste, mais à l'échelle d'une ville il "
            "compte.\n\n"
            "Pour les enfants, les portions recommandées sont plus petites et adaptées à l'âge. "
            "Je conseillerais surtout de limiter la charcuterie et les produits très transformés, "
            "et de veiller au fer chez les adolescentes, en variant viande, poisson, œufs et "
            "légumineuses."
        ),
    },
    {
        "key_question": 2,
        "author": ("expert", 3),
        "text": (
            "Mes bêtes partent à l'abattoir le plus proche, à une quarantaine de kilomètres. Je "
            "les y emmène souvent moi-même, pour éviter les longs trajets. Pour un bovin, "
            "l'étourdissement se fait avec un pistolet qui rend l'animal inconscient avant la "
            "saignée, et les services vétérinaires de l'État contrôlent l'abattoir.\n\n"
            "Certains abattoirs pratiquent aussi l'abattage rituel, sans étourdissement, par "
            "dérogation et sur commande. Je ne suis pas spécialiste de ces règles, et je crois "
            "que le panel devrait interroger un vétérinaire inspecteur. Ce que je peux dire, "
            "c'est que pour un éleveur, la fin de l'animal compte : un camion trop long, un "
            "quai mal conçu, et tout le travail de plusieurs années se termine mal."
        ),
    },
]

QUESTIONS = [
    {
        "author": 21,  # Yannick F., public
        "text": (
            "Les lentilles et les pois chiches peuvent-ils remplacer la viande pour les protéines, "
            "ou faut-il forcément les manger avec des céréales au même repas, comme on l'entend "
            "souvent ?"
        ),
        "to": ("expert", 2),
        "answers": [
            {
                "author": ("expert", 2),
                "text": (
                    "Les légumineuses sont riches en protéines, mais il leur manque un peu de "
                    "certains acides aminés que les céréales apportent, et inversement. "
                    "L'association des deux donne des protéines de qualité comparable à celles "
                    "de la viande. Il n'est pas nécessaire de les manger au même repas : ce qui "
                    "compte, c'est la variété sur la journée.\n\n"
                    "Beaucoup de plats traditionnels font déjà cette association sans le dire : "
                    "le couscous aux pois chiches, le riz aux lentilles, ou le petit salé aux "
                    "lentilles avec du pain. Pour une personne qui ne mange plus du tout de "
                    "produits animaux, le vrai point de vigilance n'est pas la protéine mais la "
                    "vitamine B12, qu'il faut alors prendre en complément."
                ),
            },
        ],
        "follows": None,
    },
    {
        "author": 15,  # Baptiste L., panelist
        "text": (
            "Combien de temps vos vaches Salers passent-elles dehors dans l'année, et que "
            "mangent-elles pendant l'hiver ?"
        ),
        "to": ("expert", 3),
        "answers": [
            {
                "author": ("expert", 3),
                "text": (
                    "Chez moi, elles sortent au printemps, selon la neige, et rentrent vers la "
                    "Toussaint : sept mois dehors environ, dont l'été en estive sur le plateau. "
                    "La Salers est une race rustique, elle supporte bien le froid et vêle "
                    "souvent seule.\n\n"
                    "L'hiver, elles sont à l'étable et mangent le foin que nous récoltons sur "
                    "nos prés en juin et juillet. J'achète un peu de céréales pour finir les "
                    "bêtes avant l'abattoir, mais je n'utilise pas de soja importé. Les années "
                    "de sécheresse, comme on en a eu plusieurs, le foin manque et il faut en "
                    "acheter ailleurs : c'est là que le métier devient difficile."
                ),
            },
        ],
        "follows": None,
    },
    {
        "author": 8,  # Marie-Hélène D., panelist
        "text": (
            "Quand il y a le menu végétarien, les enfants le mangent-ils vraiment, ou est-ce "
            "qu'on jette davantage ?"
        ),
        "to": ("stakeholder", 1),
        "answers": [
            {
                "author": ("stakeholder", 1),
                "text": (
                    "Nous pesons les restes dans plusieurs écoles depuis la mise en place du "
                    "menu végétarien. Au début, certains plats revenaient beaucoup, surtout "
                    "ceux que les enfants ne connaissaient pas, comme les galettes de "
                    "légumineuses ou le boulgour. Après avoir retravaillé les recettes et fait "
                    "goûter les enfants, les restes de ces repas sont revenus à peu près au "
                    "niveau des autres.\n\n"
                    "Il faut aussi dire que certains plats avec viande sont très peu mangés, "
                    "comme certains rôtis trop secs. Le gaspillage dépend d'abord de la recette "
                    "et de sa présentation, plus que de la présence ou non de viande."
                ),
            },
        ],
        "follows": None,
    },
    {
        "author": 7,  # Thomas G., panelist
        "text": (
            "Si les Salers passent l'hiver à l'étable avec du foin et un peu de céréales, leur "
            "bilan carbone reste-t-il meilleur que celui d'un élevage en bâtiment toute l'année ?"
        ),
        "to": ("expert", 4),
        "answers": [
            {
                "author": ("expert", 4),
                "text": (
                    "Tout dépend de ce qu'on compare. Par kilo de viande, un bovin élevé à "
                    "l'herbe grandit plus lentement et émet souvent autant, voire plus, de "
                    "méthane qu'un bovin engraissé en bâtiment. Mais un élevage comme celui de "
                    "M. Chassaing n'importe presque pas d'aliments, et ses prairies stockent du "
                    "carbone dans le sol, ce qui compense une partie de ses émissions.\n\n"
                    "Par hectare, le bilan est nettement plus favorable à l'herbe, et il faut y "
                    "ajouter la biodiversité et les paysages. Deux limites tout de même : ce "
                    "stockage ralentit au bout de quelques décennies, et il est perdu si la "
                    "prairie est labourée. L'hivernage au foin ne change pas grand-chose à ce "
                    "raisonnement, puisque ce foin vient des mêmes prairies."
                ),
            },
        ],
        "follows": (1, 0),
    },
    {
        "author": 27,  # Pierre-Antoine J., public
        "text": (
            "Combien de vos adhérents vendent déjà en direct, et la cuisine centrale pourrait-elle "
            "acheter chez vous sans passer par un grossiste ?"
        ),
        "to": ("stakeholder", 0),
        "answers": [],
        "follows": None,
    },
    {
        "author": 25,  # Samia E., public
        "text": (
            "Existe-t-il dans le Puy-de-Dôme des abattoirs mobiles ou des abattages à la ferme, "
            "et si ce n'est pas le cas, qu'est-ce qui bloque ?"
        ),
        "to": None,
        "answers": [],
        "follows": None,
    },
]

UNCLEAR_NOTES = [
    # Red meat versus processed meat
    {
        "author": 17,
        "text": "Je ne comprends pas la différence entre viande rouge et viande transformée.",
    },
    {
        "author": 6,
        "text": (
            "Le jambon blanc, c'est de la charcuterie ou de la viande ? Et le porc est rangé dans "
            "la viande rouge, alors qu'il est blanc ?"
        ),
    },
    {
        "author": 12,
        "text": (
            "Où est la limite entre viande rouge et charcuterie ? Un steak haché surgelé ou des "
            "saucisses du boucher, on les met dans quelle case ?"
        ),
    },
    # Methane versus CO2
    {
        "author": 8,
        "text": (
            "Pourquoi le méthane des vaches compterait plus que le CO2 des voitures ? Je ne vois "
            "pas comment on peut comparer les deux."
        ),
    },
    {
        "author": 13,
        "text": (
            "Je n'ai pas compris ce que veut dire « équivalent CO2 » quand on parle du méthane."
        ),
    },
    {
        "author": 15,
        "text": (
            "Le méthane disparaît en une douzaine d'années et le CO2 reste : alors pourquoi dit-on "
            "que le méthane réchauffe 30 ou 80 fois plus ?"
        ),
    },
    # What EGalim requires of canteens
    {
        "author": 14,
        "text": (
            "Qu'est-ce que la loi EGalim oblige vraiment les cantines à faire ? Le menu "
            "végétarien, c'est obligatoire ou seulement conseillé ?"
        ),
    },
    {
        "author": 5,
        "text": (
            "Les 50 % de produits de qualité et les 20 % de bio, c'est à chaque repas ou en "
            "moyenne sur l'année ?"
        ),
    },
    {
        "author": 16,
        "text": (
            "La Ville a-t-elle le droit de servir deux repas sans viande par semaine, ou la loi "
            "fixe-t-elle un maximum ?"
        ),
    },
]
