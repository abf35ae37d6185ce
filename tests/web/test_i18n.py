"""French is complete: every string the code and templates use has a French translation, compiled."""
from pathlib import Path

from babel.messages.frontend import parse_mapping_cfg
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "deliberate/translations/fr/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")


def key(message_id) -> str:
    """A plural entry's id is (singular, plural): it is known by its singular."""
    return message_id if isinstance(message_id, str) else message_id[0]


def forms(string) -> tuple:
    """A translation's forms: one, or one per plural form."""
    return (string,) if isinstance(string, str) else tuple(string)


def read_po_file():
    with open(PO, "rb") as f:
        return read_po(f)


def read_mo_file():
    with open(MO, "rb") as f:
        return read_mo(f)


def used_msgids() -> set[str]:
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_used_string_has_a_french_translation():
    catalog = read_po_file()
    translated = {key(m.id): forms(m.string) for m in catalog if m.id}
    used = used_msgids()
    assert len(used) > 50
    missing = sorted(used - set(translated))
    assert missing == [], f"not in fr/messages.po (run pybabel update): {missing}"
    empty = sorted(i for i in used if not all(translated[i]))
    assert empty == [], f"untranslated: {empty}"


def test_compiled_catalog_matches_the_po_file():
    po = {key(m.id): forms(m.string) for m in read_po_file() if m.id and not m.fuzzy}
    mo = {key(m.id): forms(m.string) for m in read_mo_file() if m.id}
    assert mo == po, "run: pybabel compile -d deliberate/translations"


def test_placeholders_survive_translation():
    import re
    def names(text):
        return sorted(re.findall(r"%\(\w+\)[sd]", text))

    for m in read_po_file():
        if not m.id:
            continue
        if isinstance(m.id, str):
            assert names(m.id) == names(m.string), m.id
            continue
        singular, plural = m.id
        translations = forms(m.string)
        for translated in translations:
            # A French form may leave out a figure its English plural shows ("la réponse"), never add one.
            assert set(names(translated)) <= set(names(plural)), m.id
        assert names(translations[-1]) == names(plural), m.id


def test_pages_are_french_by_default_and_complete_in_english(app, conference):
    client = app.test_client()
    fr = client.get("/c/viande/join").get_data(as_text=True)
    assert "Code d’invitation" in fr and "Rejoindre" in fr
    en = client.get("/c/viande/join", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Invite code" in en and "Code d’invitation" not in en


def test_api_errors_follow_the_language(app, conference):
    client = app.test_client()
    body = {"invite_code": "ZZZZ-ZZZZ", "display_name": "Zoé"}
    fr = client.post("/api/conferences/viande/join", json=body).get_json()["error"]["message"]
    en = client.post("/api/conferences/viande/join", json=body, headers={"Accept-Language": "en"}).get_json()
    assert fr == "Ce code d’invitation n’est pas valable pour cette conférence."
    assert en["error"]["message"] == "This invite code is not valid for this conference."
