"""Use-case: an expert or a stakeholder answers a question (or a key question) of the panel."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from deliberate.extensions import db
from deliberate.models import Answer, Conference, Member
from deliberate.services import rules
from deliberate.services.room.arguments import get_argument
from deliberate.services.errors import invalid
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import answer_dict
from deliberate.services.validation import text_field

MAX_ANSWER = 4000  # an expert's answer may be longer than an argument


def answer_question(actor: Member, question_id, text, *, deps: Collaborators) -> Answer:
    """Validate, commit, then announce `answer_posted` to the whole room."""
    rules.check(actor, "answer_question")
    question = get_argument(actor, question_id)
    if not question.kind.is_question:
        raise invalid(_l("Only questions can be answered; this is an argument."))
    clean = text_field(text, max_length=MAX_ANSWER, name="text")
    answer = Answer(conference_id=actor.conference_id, question_id=question.id, author_id=actor.id, text=clean)
    db.session.add(answer)
    db.session.commit()
    deps.publisher.publish("answer_posted", {"answer": answer_dict(answer)},
                                               actor.conference_id)
    return answer


def answers_of(conference: Conference) -> list[Answer]:
    return db.session.scalars(select(Answer).where(Answer.conference_id == conference.id)
                              .options(selectinload(Answer.author)).order_by(Answer.id)).all()


