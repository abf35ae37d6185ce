"""Language choice: an explicit switch in the session wins, then the browser, then French."""
from flask import has_request_context, request, session

from deliberate.extensions import babel


def select_locale() -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line, background work: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def colon(label="") -> str:
    """`label:` as the language writes it: French puts a no-break space before the colon."""
    from flask_babel import get_locale

    locale = get_locale()
    return f"{label}\u00a0:" if locale is not None and locale.language == "fr" else f"{label}:"


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.add_template_filter(colon, "colon")
