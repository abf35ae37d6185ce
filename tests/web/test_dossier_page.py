"""The dossier page: organisers publish pages (Markdown without markup) and glossary terms, the panel reads them
and notes what it still does not understand; forms carry CSRF tokens and refuse the wrong roles."""
import re

import pytest
from sqlalchemy import func, select

from deliberate.extensions import db
from deliberate.models import DossierEntry, GlossaryTerm, UnclearNote
from tests.conftest import csrf_token
from tests.web.test_http import browser_join

DOSSIER = "/c/viande/dossier"
BODY = ("Le **label rouge** garantit une qualité supérieure.\n\n"
        "<script>alert(1)</script>\n\n"
        "[x](javascript:alert(1))\n")


@pytest.fixture
def organiser(app, conference):
    client = app.test_client()
    browser_join(client, conference, "organiser", "Orga")
    return client


@pytest.fixture
def panelist(app, conference):
    client = app.test_client()
    browser_join(client, conference, "panelist", "Zoé")
    return client


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)))


def publish(organiser):
    token = csrf_token(organiser, DOSSIER)
    r = organiser.post(f"{DOSSIER}/pages", data={"csrf_token": token, "title": "Les labels",
                                                  "body": BODY, "sources": "https://example.org/labels\nADEME 2023"})
    assert r.status_code == 302 and r.location.endswith(DOSSIER)
    r = organiser.post(f"{DOSSIER}/glossary", data={"csrf_token": token, "term": "Label rouge",
                                                     "definition": "Un signe officiel de qualité.",
                                                     "anchor": "#glossary"})
    assert r.status_code == 302 and r.location.endswith(DOSSIER + "#glossary")


def test_visitor_is_sent_to_the_join_page(app, conference):
    r = app.test_client().get(DOSSIER)
    assert r.status_code == 302 and "/c/viande/join" in r.location


def test_organiser_publishes_and_markup_stays_inert(app, conference, organiser, panelist):
    publish(organiser)
    html = organiser.get(DOSSIER).get_data(as_text=True)
    assert 'class="flash"' in html  # the flashed confirmation

    html = panelist.get(DOSSIER).get_data(as_text=True)
    # The page, with its Markdown rendered, its sources and a table of contents.
    assert "<strong>label rouge</strong>" in html
    entry_id = re.search(r'id="entry-(\d+)"', html).group(1)
    assert f'href="#entry-{entry_id}"' in html
    assert 'href="https://example.org/labels"' in html and "ADEME 2023" in html
    # Raw HTML is shown as text, never as markup; a javascript: link is not a link.
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html.lower() and "[x](javascript:alert(1))" in html
    assert "<script>" not in html.split("<main>")[1].split("</main>")[0]
    # The glossary as a definition list, each term with its anchor.
    term_id = re.search(r'<dt id="term-(\d+)">Label rouge</dt>', html).group(1)
    assert "Un signe officiel de qualité." in html and term_id
    # A panelist gets the notes form, not the editing forms.
    assert 'name="text"' in html and f'action="{DOSSIER}/notes"' in html
    assert f'action="{DOSSIER}/pages"' not in html and f'action="{DOSSIER}/glossary"' not in html
    assert "/delete" not in html
    # Back to the room.
    assert 'href="/c/viande"' in html


def test_panelist_sends_a_note_about_a_page(app, conference, organiser, panelist):
    publish(organiser)
    html = panelist.get(DOSSIER).get_data(as_text=True)
    entry_id = re.search(r'id="entry-(\d+)"', html).group(1)
    token = csrf_token(panelist, DOSSIER)
    r = panelist.post(f"{DOSSIER}/notes", data={"csrf_token": token, "text": "Qui délivre le label rouge ?",
                                                 "entry_id": entry_id, "anchor": "#notes"})
    assert r.status_code == 302 and r.location.endswith(DOSSIER + "#notes")
    html = panelist.get(DOSSIER).get_data(as_text=True)
    assert "Qui délivre le label rouge ?" in html  # listed under "my notes"
    with app.app_context():
        note = db.session.scalars(select(UnclearNote)).one()
        assert note.text == "Qui délivre le label rouge ?" and note.entry_id == int(entry_id)
    # Another panelist does not see it.
    other = app.test_client()
    browser_join(other, conference, "panelist", "Yann")
    assert "Qui délivre le label rouge ?" not in other.get(DOSSIER).get_data(as_text=True)


def test_empty_note_is_refused_with_an_alert_and_nothing_changes(app, conference, panelist):
    token = csrf_token(panelist, DOSSIER)
    r = panelist.post(f"{DOSSIER}/notes", data={"csrf_token": token, "text": "   ", "form": "note"})
    assert r.status_code == 400
    assert 'role="alert"' in r.get_data(as_text=True)
    assert count(app, UnclearNote) == 0


def test_panelist_cannot_publish_a_page_or_a_term(app, conference, organiser, panelist):
    publish(organiser)
    before = (count(app, DossierEntry), count(app, GlossaryTerm))
    token = csrf_token(panelist, DOSSIER)
    r = panelist.post(f"{DOSSIER}/pages", data={"csrf_token": token, "title": "Pirate", "body": "Texte pirate",
                                                 "form": "page"})
    assert r.status_code == 403
    html = r.get_data(as_text=True)
    assert 'role="alert"' in html
    r = panelist.post(f"{DOSSIER}/glossary", data={"csrf_token": token, "term": "Pirate", "definition": "Non"})
    assert r.status_code == 403
    entry_id = re.search(r'id="entry-(\d+)"', panelist.get(DOSSIER).get_data(as_text=True)).group(1)
    assert panelist.post(f"{DOSSIER}/entries/{entry_id}/delete", data={"csrf_token": token}).status_code == 403
    assert (count(app, DossierEntry), count(app, GlossaryTerm)) == before
    assert "Texte pirate" not in panelist.get(DOSSIER).get_data(as_text=True)


def test_forms_need_the_csrf_token(app, conference, organiser):
    r = organiser.post(f"{DOSSIER}/pages", data={"title": "Sans jeton", "body": "Texte"})
    assert r.status_code == 400
    assert count(app, DossierEntry) == 0


def test_organiser_sees_editing_forms_with_csrf_and_removes_a_term(app, conference, organiser):
    publish(organiser)
    html = organiser.get(DOSSIER).get_data(as_text=True)
    for action in ("pages", "glossary", "contributions"):
        form = html.split(f'action="{DOSSIER}/{action}"')[1].split("</form>")[0]
        assert 'name="csrf_token"' in form
    assert 'name="stakeholder_id"' in html  # organisers enter contributions for stakeholders
    term_id = re.search(r'<dt id="term-(\d+)">', html).group(1)
    token = csrf_token(organiser, DOSSIER)
    r = organiser.post(f"{DOSSIER}/glossary/{term_id}/delete", data={"csrf_token": token})
    assert r.status_code == 302
    assert count(app, GlossaryTerm) == 0


def test_contribution_is_attributed(app, conference, organiser):
    stakeholder = app.test_client()
    browser_join(stakeholder, conference, "stakeholder", "Filière bovine")
    token = csrf_token(stakeholder, DOSSIER)
    r = stakeholder.post(f"{DOSSIER}/contributions", data={
        "csrf_token": token, "organisation": "Interprofession", "summary": "Notre position.",
        "body": "Les éleveurs *herbagers*.", "sources": ""})
    assert r.status_code == 302
    token = csrf_token(organiser, DOSSIER)
    r = organiser.post(f"{DOSSIER}/contributions", data={
        "csrf_token": token, "organisation": "Association sans compte", "summary": "Résumé.",
        "body": "Texte.", "stakeholder_id": ""})
    assert r.status_code == 302
    html = organiser.get(DOSSIER).get_data(as_text=True)
    assert "Filière bovine" in html and "Association sans compte" in html and "<em>herbagers</em>" in html
    assert "Notre position." in html
