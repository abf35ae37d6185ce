"""French demo content: a consensus conference on meat (invented for the project).

Data only: the conference, its themes, its members, and ``ARGUMENTS``, gathered from ``arguments_fr`` (one
module per theme; its docstring says what stances, ``lean`` and ``author`` mean). All names and texts are
fictitious.
"""
from deliberate.demo.arguments_fr import ARGUMENTS  # noqa: F401 (services/demo/seed.py and tests read it here)

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
