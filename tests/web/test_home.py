"""The home page explains the platform (what a consensus conference is, what one does here), keeps the join form
first, and lists the public reports of published conferences, newest first, with their date in the visitor's
language and a link that opens the report."""
import re
from datetime import datetime, timedelta

from babel.dates import format_date
from sqlalchemy import select

from deliberate.extensions import db
from deliberate.models import Publication
from deliberate.services import conferences
from deliberate.services.members import membership
from deliberate.services.document import paragraphs, publication
from deliberate.services.publisher import RecordingPublisher
from tests.conftest import csrf_token
from tests.helpers import using


def english(app):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def section(html: str, name: str) -> str:
    start = html.index(f'id="{name}"')
    return html[start:html.index("</section>", start)]


def published(app, slug: str, title: str, question: str) -> datetime:
    """A conference taken to publication through the services; returns its publication's date (naive UTC)."""
    publisher = RecordingPublisher()
    with app.app_context():
        _conference, codes = conferences.create_conference(slug, title, question)
        organiser, _token = membership.join(slug, codes["organiser"], "Odile", deps=using())
        conferences.set_phase(organiser, "drafting", deps=using(publisher))
        paragraphs.add_paragraph(organiser, "Le panel s'accorde sur l'origine locale.", deps=using(publisher))
        moment = publication.publish(organiser, True, deps=using(publisher)).published_at
        db.session.remove()
        return moment


def test_the_page_explains_itself_with_the_join_form_first(app):
    html = english(app).get("/").get_data(as_text=True)
    for heading in ("Join a consensus conference", "What is a consensus conference?", "What you do here",
                    "Published reports"):
        assert heading in html
    main = html[html.index("<main>"):]
    assert main.index('name="invite_code"') < main.index('id="about"') < main.index('id="reports"')
    about = section(html, "about")
    for phase in ("Preparation", "Hearing", "Deliberation", "Drafting", "Review", "Published"):
        assert f"<strong>{phase}</strong>" in about
    assert "disagree" in section(html, "how") and "themes" in section(html, "how")
    assert "No conference has published its report yet." in html


def test_the_page_is_french_by_default(app):
    html = app.test_client().get("/").get_data(as_text=True)
    assert '<html lang="fr">' in html and "Rejoindre" in html and 'id="about"' in html


def test_a_published_conference_is_listed_with_a_working_link(app, conference):
    moment = published(app, "cantines", "Cantines scolaires", "Un repas végétarien par semaine ?")
    client = english(app)
    reports = section(client.get("/").get_data(as_text=True), "reports")
    assert "Cantines scolaires" in reports and "Un repas végétarien par semaine ?" in reports
    assert conference.title not in reports  # "viande" is still in preparation: nothing of it is public
    assert f"Published on {format_date(moment.date(), 'long', locale='en')}" in reports
    links = re.findall(r'<a href="([^"]+)"', reports)
    assert links == ["/c/cantines/report"]
    page = client.get(links[0])
    assert page.status_code == 200 and "Cantines scolaires" in page.get_data(as_text=True)
    french = section(app.test_client().get("/").get_data(as_text=True), "reports")
    assert format_date(moment.date(), "long", locale="fr") in french


def test_reports_are_listed_newest_first_and_limited(app):
    published(app, "ancienne", "Ancienne", "Question A ?")
    published(app, "recente", "Récente", "Question B ?")
    with app.app_context():
        # Back-date the older one by days so the order does not hang on the clock's resolution.
        older = db.session.scalars(select(Publication).order_by(Publication.conference_id)).first()
        older.published_at -= timedelta(days=3)
        db.session.commit()
        assert [row["slug"] for row in publication.published_conferences()] == ["recente", "ancienne"]
        assert [row["slug"] for row in publication.published_conferences(1)] == ["recente"]
        db.session.remove()
    html = english(app).get("/").get_data(as_text=True)
    reports = section(html, "reports")
    assert reports.index("Récente") < reports.index("Ancienne")


def test_the_join_form_still_works(app, conference):
    client = app.test_client()
    token = csrf_token(client, "/")
    r = client.post("/", data={"csrf_token": token, "invite_code": conference.codes["panelist"],
                               "display_name": "Zoé"})
    assert r.status_code == 302 and r.location.endswith("/c/viande")
    assert "Conférence test" in client.get("/").get_data(as_text=True)
    wrong = client.post("/", data={"csrf_token": token, "invite_code": "NOPE-NOPE", "display_name": "Zoé"})
    assert wrong.status_code == 403 and 'role="alert"' in wrong.get_data(as_text=True)
