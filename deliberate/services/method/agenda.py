"""Use-cases of the agenda: the facilitator selects the panel's key questions for the hearing, each an
agenda item with a planned duration; the coverage of the selection comes with the live analysis."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import AgendaItem, Conference, Kind, Member, Phase
from deliberate.services import rules
from deliberate.services.room.arguments import get_argument
from deliberate.services.errors import invalid
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import agenda_item_dict

DEFAULT_MINUTES = 15
MAX_MINUTES = 240


def agenda(conference: Conference) -> list[AgendaItem]:
    return db.session.scalars(select(AgendaItem).where(AgendaItem.conference_id == conference.id)
                              .order_by(AgendaItem.position, AgendaItem.id)).all()


def agenda_payload(conference: Conference) -> dict:
    return {"agenda": [agenda_item_dict(i) for i in agenda(conference)]}


def select_key_question(actor: Member, argument_id, selected=True, planned_minutes=None,
                        *, deps: Collaborators) -> dict:
    """Put a key question on the hearing's agenda (or take it off); a selected one may get a new duration."""
    rules.check(actor, "select_key_question")
    if not isinstance(selected, bool):
        raise invalid(_l("The field “selected” must be true or false."))
    if planned_minutes is not None and (isinstance(planned_minutes, bool) or not isinstance(planned_minutes, int)
                                        or not 1 <= planned_minutes <= MAX_MINUTES):
        raise invalid(_l("The planned duration must be a whole number of minutes from 1 to %(max)d.", max=MAX_MINUTES))
    question = get_argument(actor, argument_id)
    if question.kind is not Kind.KEY_QUESTION:
        raise invalid(_l("Only key questions can be selected for the hearing."))
    conference = actor.conference
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.conference_id == conference.id,
                                                      AgendaItem.argument_id == question.id))
    if selected:
        if item is None:
            last = db.session.scalar(select(func.max(AgendaItem.position))
                                     .where(AgendaItem.conference_id == conference.id))
            item = AgendaItem(conference_id=conference.id, position=(last or 0) + 1, phase=Phase.HEARING,
                              title=question.text, argument_id=question.id,
                              planned_minutes=planned_minutes or DEFAULT_MINUTES)
            db.session.add(item)
        elif planned_minutes is not None:
            item.planned_minutes = planned_minutes
        else:
            raise invalid(_l("This key question is already on the agenda."))
    else:
        if item is None:
            raise invalid(_l("This key question is not on the agenda."))
        if conference.timer_item_id == item.id:
            conference.timer_item_id = None
        db.session.delete(item)
    db.session.commit()
    payload = agenda_payload(conference)
    deps.publisher.publish("agenda_changed", payload, conference.id)
    deps.request_refresh(conference.id)  # the coverage of the selection comes with the next analysis
    return payload
