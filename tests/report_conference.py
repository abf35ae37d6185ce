"""A conference with everything the public report shows, built through the services (run it inside an app
context): two camps of panelists and a shared ground, votes, a question answered by an expert (several
lines), the software's draft, a facilitators' paragraph quoting a multi-line argument and an argument hidden
afterwards, an expert's correction accepted in review, consent with an objection, a minority statement signed
by name and co-signed anonymously; then, unless `publish=False`, publication (version 1).

Returns plain data (ids, names, texts), usable after the app context is gone."""
from __future__ import annotations

from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Answer, Argument, Conference, MinorityStatement, Paragraph
from deliberate.services import conferences
from deliberate.services.room import arguments, moderation, votes
from deliberate.services.members import membership
from deliberate.services.document import consent, draft, paragraphs, publication, review
from deliberate.services.method import answers
from tests.helpers import using

PANEL = ["Ambre Lenoir", "Basile Morel", "Céleste Faure", "Dorian Blanc", "Elsa Garnier", "Fanny Roux",
         "Gaspard Henry", "Hugo Perrin"]
CAMP_A = ["Moins de viande à la cantine, c'est bon pour la santé des enfants.",
          "Un menu végétarien par semaine suffit largement.",
          "Les légumineuses sont riches en protéines et bon marché."]
CAMP_B = ["Les éleveurs du Cantal vivent de la viande : il faut les soutenir.",
          "La viande fait partie de notre culture auvergnate.",
          "Un repas sans viande n'est pas un vrai repas pour beaucoup."]
SHARED = ["Il faut connaître l'origine de ce qu'on mange.",
          "Les éleveurs doivent pouvoir vivre de leur travail."]
MULTI_LINE = ("Première ligne : la viande *locale* coûte plus cher.\n"
              "Deuxième ligne, avec des _tirets_ et un # dièse.\n\n"
              "> Troisième ligne qui commence par un chevron.")
LATER_HIDDEN = "Cet argument cité sera masqué ensuite."
QUESTION = "Combien de protéines faut-il à un enfant ?"
ANSWER = "Environ 1 g par kilo et par jour.\n\nUn peu plus pour les adolescents."
FACILITATORS_TEXT = "Le panel retient deux témoignages."
CORRECTED_TEXT = "Le panel retient deux témoignages, recueillis en 2026."
OBJECTION = "Ce choix de témoignages me paraît arbitraire."
STATEMENT = "Nous regrettons que le bien-être animal soit absent.\nNous demandons un second débat."


def build(slug: str, codes: dict[str, str], publisher, publish: bool = True) -> dict:
    def join(slug, code, name):
        return membership.join(slug, code, name, deps=using(publisher))
    org, _ = join(slug, codes["organiser"], "Odile Organisatrice")
    fac, _ = join(slug, codes["facilitator"], "Fabien Animateur")
    expert, _ = join(slug, codes["expert"], "Dr Justine Martin")
    panel = [join(slug, codes["panelist"], name)[0] for name in PANEL]
    public, _ = join(slug, codes["public"], "Paul Public")

    posted = {}
    for i, text in enumerate(CAMP_A + CAMP_B + SHARED):
        posted[text] = arguments.post_argument(panel[(i + 1) % 8], text, "for", deps=using(publisher))
    multi = arguments.post_argument(panel[0], MULTI_LINE, "nuance", deps=using(publisher))
    later = arguments.post_argument(public, LATER_HIDDEN, "against", deps=using(publisher))
    insult = arguments.post_argument(panel[1], "Tous des menteurs !", "against", deps=using(publisher))
    for i, member in enumerate(panel):
        mine, theirs = (CAMP_A, CAMP_B) if i < 4 else (CAMP_B, CAMP_A)
        for text in mine + SHARED:
            votes.cast_vote(member, posted[text].id, 1, deps=using(publisher))
        for text in theirs:
            votes.cast_vote(member, posted[text].id, -1, deps=using(publisher))
        votes.cast_vote(member, multi.id, 1 if i % 2 else 0, deps=using(publisher))
    votes.cast_vote(public, multi.id, -1, deps=using(publisher))
    moderation.moderate(fac, insult.id, "hide", "Insulte", deps=using(publisher))
    question = arguments.post_argument(panel[2], QUESTION, None, "question", deps=using(publisher))
    answer = answers.answer_question(expert, question.id, ANSWER, deps=using(publisher))

    conferences.set_phase(org, "drafting", deps=using(publisher))
    draft.draft_document(fac, deps=using(publisher))
    mine = paragraphs.add_paragraph(fac, FACILITATORS_TEXT, quote_ids=[multi.id, later.id], deps=using(publisher))
    moderation.moderate(fac, later.id, "hide", "Hors sujet", deps=using(publisher))

    conferences.set_phase(org, "review", deps=using(publisher))
    correction = review.propose_correction(expert, mine.id, CORRECTED_TEXT, "La date manquait.", deps=using(publisher))
    review.decide_correction(fac, correction.id, True, "Accepté par le panel.", deps=using(publisher))
    consent.consent(panel[1], mine.id, "object", OBJECTION, deps=using(publisher))
    consent.consent(panel[2], mine.id, "agree", deps=using(publisher))
    consent.consent(panel[3], mine.id, "live_with", deps=using(publisher))
    statement = consent.write_statement(panel[4], STATEMENT, [mine.id], by_name=True, deps=using(publisher))
    consent.sign_statement(panel[5], statement.id, by_name=False, deps=using(publisher))
    if publish:
        publication.publish(org, True, deps=using(publisher))

    conference = db.session.scalar(select(Conference).where(Conference.slug == slug))
    live = db.session.scalars(select(Paragraph).where(Paragraph.conference_id == conference.id,
                                                      Paragraph.deleted_at.is_(None))
                              .order_by(Paragraph.position)).all()
    return {
        "slug": slug, "codes": dict(codes), "org_id": org.id, "fac_id": fac.id, "expert_id": expert.id,
        "panel_ids": [m.id for m in panel], "multi_id": multi.id, "multi_author": PANEL[0],
        "hidden_id": later.id, "insult_id": insult.id, "question_id": question.id, "answer_id": answer.id,
        "paragraph_id": mine.id, "statement_id": statement.id,
        "headings": [p.body for p in live if p.kind.value == "heading"],
        "software": [p.body for p in live if p.origin.value == "software" and p.kind.value == "text"],
        "paragraph_count": len(live),
    }


def participant_texts(conference_id: int) -> set[str]:
    """Every text a participant wrote: arguments (of any kind), answers, minority statements."""
    texts = set(db.session.scalars(select(Argument.text).where(Argument.conference_id == conference_id)))
    texts |= set(db.session.scalars(select(Answer.text).where(Answer.conference_id == conference_id)))
    texts |= set(db.session.scalars(select(MinorityStatement.text)
                                    .where(MinorityStatement.conference_id == conference_id)))
    return texts
