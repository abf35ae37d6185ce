"""Errors as JSON under /api, as pages elsewhere; never a stack trace."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from deliberate.services.errors import ServiceError

CODES = {400: "invalid", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "invalid",
         413: "too_long", 429: "rate_limited"}


def json_error(code: str, message: str, status: int):
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app) -> None:
    @app.errorhandler(ServiceError)
    def service_error(exc: ServiceError):
        if _wants_json():
            return json_error(exc.code, str(exc.message), exc.status)
        return render_template("error.html", message=str(exc.message)), exc.status

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError):
        message = _("The form expired or was sent from another site. Reload the page and try again.")
        return render_template("error.html", message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if _wants_json():
            return json_error(CODES.get(exc.code, "invalid"), exc.description or exc.name, exc.code)
        return render_template("error.html", message=exc.description or exc.name), exc.code
