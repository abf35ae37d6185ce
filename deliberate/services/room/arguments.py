"""Use-cases on arguments: post an argument, a question to the experts or a key question."""
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from deliberate.extensions import db
from deliberate.models import MAX_TEXT, Answer, Argument, CommandKey, Kind, Member, Stance, Status
from deliberate.services import idempotency, rules
from deliberate.services.errors import invalid, not_found
from deliberate.services.collaborators import Collaborators
from deliberate.services.serialize import argument_dict
from deliberate.services.validation import enum_field, id_field, text_field

RULE_OF_KIND = {Kind.ARGUMENT: "post_argument", Kind.QUESTION: "post_question", Kind.KEY_QUESTION: "post_key_question"}


def post_argument(actor: Member, text, stance=None, kind="argument", *, deps: Collaborators,
                  to=None, follows_answer_id=None, key=None) -> Argument:
    """Validate, commit, then announce `argument_posted` to the conference.

    A question (`kind` "question") may be addressed `to` one expert or stakeholder (a member id) and may
    follow up an answer (`follows_answer_id`); key questions are for the panel, in preparation.

    With an idempotency `key` already used by this member, the argument it created is returned and nothing is
    written or announced, whatever the phase or the text sent now (see idempotency.py)."""
    key = idempotency.key_field(key)
    if key is not None:
        done = _posted_with(actor, key)
        if done is not None:
            return done
    kind_value = enum_field(kind if kind is not None else "argument", Kind, name="kind")
    rules.check(actor, RULE_OF_KIND[kind_value])
    clean_text = text_field(text, max_length=MAX_TEXT, name="text")
    stance_value = enum_field(stance, Stance, name="stance", optional=True)
    addressee = _addressee(actor, to) if to is not None else None
    follows = _followed_answer(actor, follows_answer_id) if follows_answer_id is not None else None
    if (addressee is not None or follows is not None) and kind_value is not Kind.QUESTION:
        raise invalid(_l("Only a question to the experts can be addressed to someone or follow an answer."))
    deps.hit(("post", actor.id))
    argument = Argument(conference_id=actor.conference_id, author_id=actor.id, text=clean_text,
                        stance=stance_value, kind=kind_value, status=Status.VISIBLE,
                        addressee_id=addressee.id if addressee else None,
                        follows_answer_id=follows.id if follows else None)
    db.session.add(argument)
    if key is not None:
        db.session.flush()  # the id, for the key's result: both are committed together or not at all
        db.session.add(CommandKey(member_id=actor.id, key=key, command="post_argument",
                                  result={"argument_id": argument.id}))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        done = _posted_with(actor, key) if key is not None else None
        if done is None:
            raise
        return done  # a concurrent retry with the same key committed first: its argument, announced once
    deps.publisher.publish("argument_posted", {"argument": argument_dict(argument)},
                                               actor.conference_id)
    deps.request_refresh(actor.conference_id)
    return argument


def _posted_with(actor: Member, key: str) -> Argument | None:
    result = idempotency.stored(actor.id, key, "post_argument")
    if result is None:
        return None
    argument = db.session.get(Argument, result["argument_id"])
    if argument is None:  # purged since
        raise not_found(_l("No such argument."))
    return argument


def get_argument(actor: Member, argument_id, include_hidden: bool = False) -> Argument:
    """An argument of the actor's own conference; others' ids look exactly like unknown ids."""
    argument_id = id_field(argument_id, name="argument_id")
    argument = db.session.get(Argument, argument_id)
    if argument is None or argument.conference_id != actor.conference_id:
        raise not_found(_l("No such argument."))
    if argument.status is Status.HIDDEN and not include_hidden:
        raise not_found(_l("No such argument."))
    return argument


def _addressee(actor: Member, member_id) -> Member:
    member_id = id_field(member_id, name="to")
    member = db.session.get(Member, member_id)
    if member is None or member.conference_id != actor.conference_id:
        raise not_found(_l("No such expert or stakeholder in this conference."))
    if not member.role.answers_questions:
        raise invalid(_l("Questions can be addressed to an expert or a stakeholder only."))
    return member


def _followed_answer(actor: Member, answer_id) -> Answer:
    answer_id = id_field(answer_id, name="follows_answer_id")
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.conference_id != actor.conference_id:
        raise not_found(_l("No such answer."))
    return answer
