"""The projector view and the moderation history download: who may open them, and what they hold."""
import csv
import io

from deliberate.extensions import db
from deliberate.models import Member
from deliberate.services.room import arguments, moderation
from tests.web.test_http import browser_join
from tests.helpers import using


def test_screen_is_for_facilitators(app, conference):
    panelist, facilitator = app.test_client(), app.test_client()
    assert panelist.get("/c/viande/screen").status_code == 302  # not a member: to the join page
    browser_join(panelist, conference, "panelist", "Zoé")
    assert panelist.get("/c/viande/screen").status_code == 403
    browser_join(facilitator, conference, "facilitator", "Fanny")
    page = facilitator.get("/c/viande/screen")
    assert page.status_code == 200 and "Quelle place pour la viande ?" in page.get_data(as_text=True)


def test_moderation_history_downloads_for_organisers_only(app, conference, join, recorder):
    author, _ = join(conference, "panelist", "Auteur")
    fac, _ = join(conference, "facilitator", "Fanny")
    with app.app_context():
        arg = arguments.post_argument(db.session.get(Member, author.id), "=HYPERLINK(\"x\")", "for", deps=using(recorder))
        moderation.moderate(db.session.get(Member, fac.id), arg.id, "hide", "Formule", deps=using(recorder))
        moderation.moderate(db.session.get(Member, fac.id), arg.id, "restore", "", deps=using(recorder))
    organiser, facilitator = app.test_client(), app.test_client()
    browser_join(facilitator, conference, "facilitator", "Autre")
    assert facilitator.get("/c/viande/moderation.csv").status_code == 403
    browser_join(organiser, conference, "organiser", "Orga")
    response = organiser.get("/c/viande/moderation.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["action"], r["reason"], r["moderator"]) for r in rows] == [("hide", "Formule", "Fanny"),
                                                                         ("restore", "", "Fanny")]
    assert rows[0]["argument_text"].startswith("'=")  # never a live formula in a spreadsheet
    data = organiser.get("/c/viande/moderation.json").get_json()
    assert [d["action"] for d in data] == ["hide", "restore"] and data[0]["argument_text"] == arg.text
    assert organiser.get("/c/viande/moderation.xml").status_code == 404
