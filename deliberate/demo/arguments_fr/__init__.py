"""The French demo conference's arguments and questions, one module per theme of ``content_fr.THEMES``.

Data only. Stances: "for" = for reducing the place of meat, "against" = for keeping it,
"nuance" = the rest. ``lean`` is +1 when the "reduction" camp would strongly agree and the
"tradition" camp disagree, -1 the opposite, near 0 for statements almost everyone accepts.
``author`` is an index into ``content_fr.MEMBERS``. All names and texts are fictitious.
"""
from deliberate.demo.arguments_fr import bien_etre, cantines, climat, culture, elevage, sante

# In THEMES' order: the seeding order, and the simulated votes name arguments by their index in this list.
ARGUMENTS = [*sante.ARGUMENTS, *climat.ARGUMENTS, *bien_etre.ARGUMENTS, *elevage.ARGUMENTS, *culture.ARGUMENTS,
             *cantines.ARGUMENTS]
