"""French demo content: a consensus conference on meat (invented for the project).

Data only. Stances: "for" = for reducing the place of meat, "against" = for keeping it,
"nuance" = the rest. ``lean`` is +1 when the "reduction" camp would strongly agree and the
"tradition" camp disagree, -1 the opposite, near 0 for statements almost everyone accepts.
``author`` is an index into MEMBERS. All names and texts are fictitious.
"""

CONFERENCE = {
    "slug": "viande",
    "title": "Conférence de consensus : la viande",
    "question": "Quelle place pour la viande dans nos assiettes ?",
    "description": (
        "Conférence de démonstration, dans l'esprit de celle menée à Clermont-Ferrand : un panel "
        "de citoyennes et de citoyens interroge des experts, délibère, puis rédige un avis "
        "commun sur la place de la viande dans notre alimentation (santé, climat, élevage, "
        "bien-être animal, traditions, cantines). Chacun peut proposer des arguments, poser des "
        "questions aux experts et voter sur les contributions des autres. « Pour » désigne un "
        "argument en faveur d'une réduction de la place de la viande, « Contre » un argument "
        "pour la maintenir, et « Nuance » tout le reste."
    ),
}

THEMES = {
    "sante": "Santé",
    "climat": "Climat et environnement",
    "bien_etre": "Bien-être animal",
    "elevage": "Élevage et économie locale",
    "culture": "Culture et rites",
    "cantines": "Cantines scolaires",
}

MEMBERS = [
    # 0-1: run the conference, do not vote
    {"display_name": "Claire Martin (organisatrice)", "role": "organiser", "camp": "between"},
    {"display_name": "Julien Roux (animateur)", "role": "facilitator", "camp": "between"},
    # 2-4: experts
    {"display_name": "Dr Sophie Lemaire (nutritionniste)", "role": "expert", "camp": "between"},
    {
        "display_name": "Bernard Chassaing (éleveur de Salers)",
        "role": "expert",
        "camp": "tradition",
    },
    {"display_name": "Inès Fabre (agronome)", "role": "expert", "camp": "between"},
    # 5-18: citizens' panel
    {"display_name": "Mounir B.", "role": "panelist", "camp": "reduction"},
    {"display_name": "Élodie V.", "role": "panelist", "camp": "tradition"},
    {"display_name": "Thomas G.", "role": "panelist", "camp": "reduction"},
    {"display_name": "Marie-Hélène D.", "role": "panelist", "camp": "tradition"},
    {"display_name": "Karim A.", "role": "panelist", "camp": "between"},
    {"display_name": "Lucie P.", "role": "panelist", "camp": "reduction"},
    {"display_name": "Jean-Pierre C.", "role": "panelist", "camp": "tradition"},
    {"display_name": "Aurélie N.", "role": "panelist", "camp": "between"},
    {"display_name": "Hugo M.", "role": "panelist", "camp": "reduction"},
    {"display_name": "Nathalie R.", "role": "panelist", "camp": "tradition"},
    {"display_name": "Baptiste L.", "role": "panelist", "camp": "between"},
    {"display_name": "Fatou D.", "role": "panelist", "camp": "reduction"},
    {"display_name": "Gérard T.", "role": "panelist", "camp": "tradition"},
    {"display_name": "Chloé S.", "role": "panelist", "camp": "between"},
    # 19-28: public
    {"display_name": "Léa K.", "role": "public", "camp": "reduction"},
    {"display_name": "salers63", "role": "public", "camp": "tradition"},
    {"display_name": "Yannick F.", "role": "public", "camp": "reduction"},
    {"display_name": "Rose-Marie B.", "role": "public", "camp": "tradition"},
    {"display_name": "Camille_vg", "role": "public", "camp": "reduction"},
    {"display_name": "Olivier H.", "role": "public", "camp": "tradition"},
    {"display_name": "Samia E.", "role": "public", "camp": "between"},
    {"display_name": "Noé R.", "role": "public", "camp": "reduction"},
    {"display_name": "Pierre-Antoine J.", "role": "public", "camp": "tradition"},
    {"display_name": "Manon G.", "role": "public", "camp": "reduction"},
    # 29: observer, does not vote
    {"display_name": "Anne Dubreuil (observatrice)", "role": "observer", "camp": "between"},
]

ARGUMENTS = [
    # --- Santé ------------------------------------------------------------------------
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
    # --- Climat et environnement ------------------------------------------------------
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
    # --- Bien-être animal -------------------------------------------------------------
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
    # --- Élevage et économie locale ---------------------------------------------------
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
    # --- Culture et rites -------------------------------------------------------------
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
    # --- Cantines scolaires -----------------------------------------------------------
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
