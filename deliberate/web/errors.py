"""Errors as JSON under /api, as pages elsewhere; never a stack trace."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from deliberate.extensions import db
from deliberate.services.errors import ServiceError

CODES = {400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "invalid",
         413: "too_long", 429: "rate_limited", 500: "internal"}


def json_error(code: str, message: str, status: int, field: str | None = None):
    response = jsonify({"error": {"code": code, "message": message, **({"field": field} if field else {})}})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app) -> None:
    @app.errorhandler(ServiceError)
    def service_error(exc: ServiceError):
        if _wants_json():
            return json_error(exc.code, str(exc.message), exc.status, exc.field)
        return render_template("error.html", message=str(exc.message)), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = _("The form expired or was sent from another site. Reload the page and try again.")
        return render_template("error.html", message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code >= 500:
            db.session.rollback()
        if _wants_json():
            code = CODES.get(exc.code, "internal" if exc.code >= 500 else "invalid")
            message = exc.description or exc.name
            if exc.code == 500:  # an unexpected failure: Werkzeug's text speaks of a bug, not of what to do
                message = _("The server could not carry out this request. Try again; if it keeps failing, "
                            "tell the organisers.")
            return json_error(code, message, exc.code)
        return render_template("error.html", message=exc.description or exc.name), exc.code
