"""Helpers of the journey suite (test_journeys_browser.py): each journey gets a conference of its own, created
with the command line while the server runs and seeded through the services from this process (nothing is
announced: the browsers join afterwards and find it in their snapshot), and screenshots of its key moments."""
from __future__ import annotations

import json
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.e2e.conftest import BIN_DIR
from tests.e2e.test_live_browser import join
from tests.e2e.test_method_browser import ARTIFACTS, shot
from tests.helpers import using

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1280, "height": 800}}
# Cheap analysis and drafts on 2 cores (toy embedder), no background analysis, one tally event per vote.
SERVER_ENV = {"DELIBERATE_EMBEDDER": "toy:32", "DELIBERATE_ANALYSIS": "off", "DELIBERATE_TALLY_INTERVAL": "0"}


@dataclass
class Conference:
    slug: str
    title: str
    question: str
    invites: dict[str, str]

    def join(self, context, server, role: str, name: str) -> Page:
        """Through the join page, as a person with this role's invite code."""
        return join(context, server, role, name, slug=self.slug, invites=self.invites)


def create_conference(server, slug: str, title: str, question: str) -> Conference:
    created = subprocess.run(
        [str(BIN_DIR / "deliberate"), "conference", "create", slug, "--title", title, "--question", question],
        env=server.env, capture_output=True, text=True, timeout=120,
    )
    assert created.returncode == 0, f"conference create failed:\n{created.stdout}\n{created.stderr}"
    data = json.loads([line for line in created.stdout.splitlines() if line.strip()][-1])  # after any logs
    return Conference(slug, title, question, data["invites"])


@contextmanager
def services(server):
    """An app context on the server's database, to seed a conference before anyone opens it."""
    from deliberate import create_app
    from deliberate.extensions import db
    from deliberate.services.publisher import RecordingPublisher

    app = create_app({
        "TESTING": True, "SECRET_KEY": "journeys-seed", "INSTANCE_PATH": str(server.instance),
        "SQLALCHEMY_DATABASE_URI": server.database_url, "DELIBERATE_EMBEDDER": SERVER_ENV["DELIBERATE_EMBEDDER"],
        "DELIBERATE_ANALYSIS": "off", "DELIBERATE_TALLY_INTERVAL": 0, "DELIBERATE_LIMITS": "off",
        "DELIBERATE_PUBLISHER": RecordingPublisher(),
    })
    with app.app_context():
        try:
            yield
        finally:
            db.session.remove()
            db.engine.dispose()


def member(conference: Conference, role: str, name: str):
    from deliberate.services.members import membership

    return membership.join(conference.slug, conference.invites[role], name, deps=using())[0]


def visit(context, url: str) -> Page:
    """A page opened without joining (a reader), its script errors kept for assert_no_js_errors."""
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    page.goto(url)
    return page


def snap(page: Page, kind: str, step: str) -> None:
    """test-artifacts/journeys/<kind>-<step>-<phone|desktop>.png, the whole page."""
    (ARTIFACTS / "journeys").mkdir(parents=True, exist_ok=True)
    device = "phone" if page.viewport_size["width"] < 600 else "desktop"
    shot(page, f"journeys/{kind}-{step}-{device}", full_page=True)


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
