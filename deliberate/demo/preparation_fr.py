"""French demo content for the preparation of the meat conference (invented): the dossier, the glossary,
the stakeholders and their contributions, the organisers' moderation reasons.

Data only, to go with ``content_fr`` (same conference, same members) and ``hearing_fr`` (the questions).
``CONTRIBUTIONS[k]["stakeholder"]`` is an index into ``STAKEHOLDERS``. Dossier and contribution bodies are
Markdown (no raw HTML); the other texts are plain.

The conference takes no side. All names, organisations and texts are fictitious; real laws and
institutions are named only for what is widely known, with round, hedged figures.
"""

DOSSIER = [
    {
        "title": "Qu'est-ce qu'une conférence de consensus ?",
        "body": (
            "Une conférence de consensus, qu'on appelle aussi conférence de citoyens, réunit un "
            "petit groupe d'habitants tirés au sort, qui ne sont ni spécialistes du sujet ni "
            "porte-parole d'un intérêt particulier. Ils se forment sur une question de société, "
            "interrogent des experts et des acteurs concernés, puis rédigent ensemble un avis "
            "argumenté. La méthode est née au Danemark à la fin des années 1980 et a été reprise "
            "depuis dans de nombreux pays, dont la France.\n\n"
            "Ici, le panel compte quatorze citoyennes et citoyens de l'agglomération clermontoise. "
            "Ils ne décident pas à la place des élus : leur avis est remis à la Ville, qui "
            "s'engage à y répondre publiquement.\n\n"
            "| Phase | Ce qui se passe |\n"
            "|---|---|\n"
            "| Préparation | Le panel lit ce dossier, signale ce qu'il ne comprend pas et propose "
            "les questions clés. |\n"
            "| Audition | Experts et acteurs répondent en public aux questions clés retenues. |\n"
            "| Délibération | Le panel discute, avec l'aide d'un animateur neutre. |\n"
            "| Rédaction | Le panel écrit son avis, accords et désaccords compris. |\n"
            "| Relecture | Les membres du panel relisent et amendent le texte ensemble. |\n"
            "| Publication | L'avis est rendu public et remis aux élus. |\n\n"
            "Quelques règles valent tout au long de la conférence :\n\n"
            "- de la préparation à la délibération, chacun peut proposer des arguments, poser "
            "des questions aux experts et voter sur les contributions des autres ;\n"
            "- les experts et les acteurs informent, mais ne votent pas l'avis ;\n"
            "- l'animateur veille à ce que chacun puisse parler, et toute modération est "
            "publiée avec son motif ;\n"
            "- un consensus n'exige pas l'unanimité : les désaccords qui demeurent sont écrits "
            "dans l'avis, avec leurs raisons."
        ),
        "sources": [
            "Fondation Sciences Citoyennes, Les conventions de citoyens : principes et "
            "déroulement, note de présentation",
            "Danish Board of Technology (Teknologirådet), The Consensus Conference: a "
            "participatory method, document de méthode",
            "Ministère de la Transition écologique, Charte de la participation du public, 2016",
        ],
    },
    {
        "title": "Viande et santé : ce que disent les repères nutritionnels",
        "body": (
            "La viande apporte des protéines de bonne qualité, du fer facilement absorbé par "
            "l'organisme, du zinc et de la vitamine B12. Elle n'est pas indispensable pour autant "
            "si l'alimentation est variée, mais un régime sans aucun produit animal impose de "
            "prendre de la vitamine B12 en complément.\n\n"
            "Les repères du Programme national nutrition santé (PNNS) ne demandent pas de "
            "supprimer la viande, ils en fixent des limites :\n\n"
            "| Aliment | Repère pour un adulte |\n"
            "|---|---|\n"
            "| Viande hors volaille (bœuf, porc, veau, agneau) | pas plus d'environ 500 g par "
            "semaine |\n"
            "| Charcuterie | pas plus d'environ 150 g par semaine |\n"
            "| Légumes secs (lentilles, pois chiches, haricots) | au moins deux fois par "
            "semaine |\n"
            "| Poisson | deux fois par semaine, dont un poisson gras |\n\n"
            "En 2015, le Centre international de recherche sur le cancer (CIRC) a classé la "
            "viande transformée parmi les agents cancérogènes et la viande rouge parmi les agents "
            "probablement cancérogènes, surtout pour le cancer colorectal. Ce classement mesure "
            "la solidité des preuves, pas la taille du risque : le risque augmente avec les "
            "quantités consommées chaque jour, et reste modeste pour une personne qui respecte "
            "les repères.\n\n"
            "Deux mots reviennent souvent et se confondent :\n\n"
            "- **viande rouge** : la viande des mammifères (bœuf, veau, porc, agneau, cheval), "
            "qu'elle soit fraîche, hachée ou congelée ;\n"
            "- **viande transformée** : une viande salée, fumée, séchée ou additionnée de "
            "conservateurs, comme le jambon, le saucisson ou les lardons.\n\n"
            "Les besoins varient selon l'âge. Les adolescentes et les femmes enceintes manquent "
            "plus souvent de fer, et les personnes âgées ont besoin de protéines pour garder leurs "
            "muscles : ce sont les points de vigilance que le panel pourra discuter avec la "
            "nutritionniste."
        ),
        "sources": [
            "Santé publique France, Recommandations relatives à l'alimentation, à l'activité "
            "physique et à la sédentarité pour les adultes, 2019",
            "ANSES, Actualisation des repères du PNNS : révision des repères de consommations "
            "alimentaires, avis et rapport, 2016",
            "Bouvard V. et al., « Carcinogenicity of consumption of red and processed meat », "
            "The Lancet Oncology, 2015",
        ],
    },
    {
        "title": "L'élevage en Auvergne et l'environnement",
        "body": (
            "Dans le Massif central, l'élevage se fait surtout à l'herbe. Les races Salers, à la "
            "robe acajou, et Aubrac, à la robe fauve, sont des vaches allaitantes : elles ne sont "
            "pas traites pour le lait mais élèvent leur veau. Une partie des jeunes bovins part "
            "ensuite être engraissée ailleurs, souvent en Italie. Au printemps, les troupeaux "
            "montent en estive sur les hauts plateaux ; l'hiver, ils restent à l'étable et "
            "mangent le foin récolté l'été.\n\n"
            "Ces prairies rendent plusieurs services :\n\n"
            "- elles entretiennent des paysages ouverts et limitent l'enfrichement des pentes ;\n"
            "- elles abritent une grande variété de plantes, d'insectes et d'oiseaux ;\n"
            "- leur sol stocke du carbone, qui peut être relâché si on les laboure.\n\n"
            "Mais les ruminants émettent aussi du méthane en digérant l'herbe, et les effluents "
            "d'élevage du protoxyde d'azote. L'agriculture pèse environ un cinquième des "
            "émissions de gaz à effet de serre de la France, dont une large part vient des "
            "bovins. Pour comparer ces gaz, on les exprime en « équivalent CO2 » : une tonne de "
            "méthane réchauffe environ 80 fois plus qu'une tonne de CO2 sur vingt ans, et "
            "environ 30 fois plus sur cent ans, car le méthane disparaît de l'air en une "
            "douzaine d'années alors que le CO2 s'accumule.\n\n"
            "Par kilo de viande, le bœuf a l'empreinte carbone la plus élevée, devant le porc et "
            "la volaille. Le carbone stocké dans les prairies compense une partie des émissions "
            "des élevages à l'herbe ; l'ampleur de cette compensation varie selon les études et "
            "les méthodes de calcul.\n\n"
            "Questions ouvertes pour le panel :\n\n"
            "- faut-il compter les émissions par kilo de viande ou par hectare de prairie ?\n"
            "- que deviendraient ces prairies et ces paysages avec beaucoup moins de vaches ?"
        ),
        "sources": [
            "GIEC, Sixième rapport d'évaluation, contribution du groupe de travail I, 2021",
            "INRAE, Stocker du carbone dans les sols français : quel potentiel au regard de "
            "l'objectif 4 pour 1000 et à quel coût ?, 2019",
            "Citepa, Rapport Secten sur les émissions de gaz à effet de serre en France, "
            "édition annuelle",
        ],
    },
    {
        "title": "Les cantines scolaires et la loi EGalim",
        "body": (
            "La restauration scolaire dépend de plusieurs collectivités : la commune pour les "
            "écoles maternelles et élémentaires, le département pour les collèges, la région pour "
            "les lycées. À Clermont-Ferrand, les repas des écoles sont préparés par une cuisine "
            "centrale puis livrés dans les restaurants scolaires.\n\n"
            "La loi EGalim de 2018, complétée par la loi Climat et résilience de 2021, fixe "
            "plusieurs obligations aux cantines :\n\n"
            "- servir au moins un menu végétarien par semaine, c'est-à-dire sans viande ni "
            "poisson, mais qui peut contenir des œufs ou des produits laitiers ;\n"
            "- acheter au moins 50 % de produits durables et de qualité (labels, signes "
            "officiels), dont au moins 20 % de produits bio, en valeur des achats sur l'année ;\n"
            "- pour les plus grandes cuisines, établir un plan pour diversifier les sources de "
            "protéines ;\n"
            "- lutter contre le gaspillage alimentaire et informer les familles.\n\n"
            "Ces règles sont un minimum. Une ville peut aller plus loin, par exemple servir deux "
            "menus végétariens par semaine, proposer chaque jour une option végétarienne ou "
            "réserver ses achats de viande à des élevages locaux. Les repas doivent toujours "
            "respecter les règles d'équilibre nutritionnel et les portions adaptées à l'âge des "
            "enfants.\n\n"
            "Les choix ne sont pas neutres :\n\n"
            "- une viande locale ou sous signe de qualité coûte plus cher, ce qui peut conduire à "
            "en servir moins souvent ;\n"
            "- un plat végétarien bien accepté demande des recettes travaillées et des "
            "cuisiniers formés ;\n"
            "- pour certains enfants, le repas de la cantine est le plus complet de la journée ;\n"
            "- les familles ont des attentes variées, religieuses, culturelles ou éthiques, "
            "qu'un seul menu ne peut pas toutes satisfaire."
        ),
        "sources": [
            "Loi n° 2018-938 du 30 octobre 2018 pour l'équilibre des relations commerciales dans "
            "le secteur agricole et alimentaire et une alimentation saine, durable et accessible "
            "à tous (dite EGalim)",
            "Loi n° 2021-1104 du 22 août 2021 portant lutte contre le dérèglement climatique et "
            "renforcement de la résilience face à ses effets (dite Climat et résilience)",
            "Arrêté du 30 septembre 2011 relatif à la qualité nutritionnelle des repas servis "
            "dans le cadre de la restauration scolaire",
        ],
    },
]

GLOSSARY = [
    {
        "term": "EGalim",
        "definition": (
            "Loi de 2018 sur l'agriculture et l'alimentation. Pour les cantines, elle impose "
            "notamment un menu végétarien par semaine et une part minimale de produits de qualité "
            "et de produits bio."
        ),
    },
    {
        "term": "Repères nutritionnels",
        "definition": (
            "Conseils officiels qui disent quoi manger et en quelle quantité pour rester en bonne "
            "santé. En France, ils sont publiés dans le cadre du Programme national nutrition "
            "santé (PNNS)."
        ),
    },
    {
        "term": "Charcuterie",
        "definition": (
            "Produits faits à partir de viande, le plus souvent de porc, qui sont salés, cuits, "
            "fumés ou séchés : jambon, saucisson, saucisse, pâté, lardons."
        ),
    },
    {
        "term": "Viande transformée",
        "definition": (
            "Viande qu'on a salée, fumée, séchée ou à laquelle on a ajouté des conservateurs pour "
            "la garder plus longtemps ou lui donner du goût. La charcuterie en fait partie, un "
            "steak haché nature non."
        ),
    },
    {
        "term": "CIRC",
        "definition": (
            "Centre international de recherche sur le cancer, installé à Lyon et rattaché à "
            "l'Organisation mondiale de la santé. Il classe les produits selon la solidité des "
            "preuves qu'ils peuvent provoquer un cancer."
        ),
    },
    {
        "term": "Légumineuses",
        "definition": (
            "Plantes dont on mange les graines, qu'on appelle aussi légumes secs : lentilles, pois "
            "chiches, haricots, fèves. Elles sont riches en protéines et en fibres."
        ),
    },
    {
        "term": "Empreinte carbone",
        "definition": (
            "Quantité de gaz à effet de serre émise pour produire un aliment ou un objet, de la "
            "ferme ou de l'usine jusqu'à chez nous. On la compte en kilos d'« équivalent CO2 »."
        ),
    },
    {
        "term": "Méthane",
        "definition": (
            "Gaz à effet de serre rejeté notamment par les vaches et les moutons quand ils "
            "digèrent l'herbe, surtout par leurs rots. Il réchauffe beaucoup plus que le CO2, "
            "mais disparaît de l'air en une douzaine d'années."
        ),
    },
    {
        "term": "Prairies permanentes",
        "definition": (
            "Prairies qui ne sont ni labourées ni ressemées depuis au moins cinq ans, et qui sont "
            "pâturées ou fauchées. Elles abritent beaucoup d'espèces et gardent du carbone dans "
            "leur sol."
        ),
    },
    {
        "term": "Étourdissement",
        "definition": (
            "Geste qui rend l'animal inconscient juste avant de le saigner, pour qu'il ne sente "
            "pas sa mise à mort. Il est obligatoire en France, sauf dérogation pour l'abattage "
            "rituel."
        ),
    },
    {
        "term": "Abattage rituel",
        "definition": (
            "Abattage d'un animal selon les règles d'une religion, halal pour l'islam ou casher "
            "pour le judaïsme. La loi permet alors de ne pas étourdir l'animal, seulement dans des "
            "abattoirs autorisés."
        ),
    },
    {
        "term": "Label Rouge",
        "definition": (
            "Signe officiel de qualité français, contrôlé par l'État, qui garantit une qualité "
            "supérieure à celle d'un produit courant. Pour la viande, il fixe des règles sur "
            "l'élevage et l'alimentation des animaux."
        ),
    },
]

STAKEHOLDERS = [
    {"display_name": "Yves Delorme", "organisation": "Coopérative des éleveurs du Sancy"},
    {"display_name": "Sylvie Marchal", "organisation": "Cuisine centrale de la Ville"},
]

CONTRIBUTIONS = [
    {
        "stakeholder": 0,
        "organisation": "Coopérative des éleveurs du Sancy",
        "summary": (
            "Les éleveurs du Sancy défendent un élevage à l'herbe qui entretient les montagnes et "
            "demandent que « manger moins mais mieux » se traduise par des achats locaux, à un "
            "prix qui fait vivre les fermes."
        ),
        "body": (
            "Notre coopérative rassemble des éleveurs de Salers et d'Aubrac installés autour du "
            "massif du Sancy. Nos vaches passent la belle saison dehors et mangent l'hiver le foin "
            "de nos prairies. Nous ne nous reconnaissons pas dans les images d'élevages intensifs "
            "souvent utilisées dans le débat sur la viande.\n\n"
            "Nous ne contestons pas les repères de santé ni l'enjeu du climat. Mais nous "
            "rappelons que sans troupeaux, les prairies d'altitude se referment, les paysages "
            "changent et les villages perdent des emplois, des vétérinaires aux marchés aux "
            "bestiaux. Beaucoup d'éleveurs travaillent de longues semaines pour un revenu "
            "faible.\n\n"
            "Si la consommation de viande doit baisser, nous demandons que la baisse porte d'abord "
            "sur la viande importée, produite selon des règles moins exigeantes que les nôtres.\n\n"
            "Nos propositions à la Ville :\n\n"
            "- acheter pour les cantines de la viande issue d'élevages du département, quitte à en "
            "servir un peu moins souvent ;\n"
            "- passer des contrats sur plusieurs années, avec des prix connus à l'avance ;\n"
            "- soutenir le maintien d'un abattoir de proximité, pour limiter le transport des "
            "animaux ;\n"
            "- afficher clairement l'origine des viandes dans la restauration collective ;\n"
            "- organiser des visites de fermes pour les classes de la ville."
        ),
        "sources": [
            "Coopérative des éleveurs du Sancy, Rapport d'activité de l'année écoulée",
            "Idele (Institut de l'élevage), Chiffres clés Bovins, publication annuelle",
        ],
    },
    {
        "stakeholder": 1,
        "organisation": "Cuisine centrale de la Ville",
        "summary": (
            "La cuisine centrale partage son expérience du menu végétarien hebdomadaire et "
            "indique à quelles conditions elle pourrait en servir davantage ou améliorer la "
            "qualité de la viande."
        ),
        "body": (
            "La cuisine centrale prépare chaque jour plusieurs milliers de repas pour les écoles "
            "de la ville. Depuis l'entrée en vigueur de la loi EGalim, nous servons un menu "
            "végétarien chaque semaine.\n\n"
            "Les premiers mois ont été difficiles : certains plats nouveaux, comme les galettes de "
            "légumineuses, revenaient en grande partie dans les poubelles. Nous avons retravaillé "
            "les recettes avec les équipes et goûté avec des enfants. Les lasagnes aux légumes, le "
            "chili aux haricots ou l'omelette sont désormais aussi bien mangés que les autres "
            "plats.\n\n"
            "Nous ne prenons pas position sur la place de la viande dans l'alimentation : ce "
            "choix revient aux élus. Nous pouvons en revanche dire ce qu'il faudrait pour "
            "appliquer chacune des options :\n\n"
            "- **deux menus végétariens par semaine** : une formation des cuisiniers et quelques "
            "mois pour adapter les recettes ;\n"
            "- **une option végétarienne chaque jour** : plus de préparations et une inscription "
            "des enfants à l'avance, pour éviter de jeter ;\n"
            "- **une viande locale ou Label Rouge** : un budget supplémentaire, ou moins de repas "
            "avec viande pour le compenser ;\n"
            "- **dans tous les cas** : continuer à peser les restes et à associer les parents et "
            "les enfants aux menus.\n\n"
            "Nous mettons les résultats de nos pesées de déchets à la disposition du panel."
        ),
        "sources": [
            "Cuisine centrale de la Ville, Bilan des pesées de déchets alimentaires dans les "
            "restaurants scolaires, document interne",
            "Conseil national de la restauration collective, Recommandations pour la mise en "
            "place du menu végétarien en restauration scolaire",
        ],
    },
]

MODERATION_REASONS = [
    "Hors sujet",
    "Propos injurieux ou discriminatoires",
    "Doublon d'un autre argument",
    "Information personnelle",
    "Publicité ou lien commercial",
]
