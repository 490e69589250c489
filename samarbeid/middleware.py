from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Norwegian bokmål unless the user chose English with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    municipal PCs run English browsers; the portal's language is Norwegian.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class PrivateResponseMiddleware:
    """Keeps what one user sees out of shared and browser caches, and adds the cheap headers.

    A page for a logged-in user, and any download or export (anything with a
    Content-Disposition), may hold what only that user may read: a proxy must not keep it
    for the next visitor, nor the browser on a shared municipal PC after logging out. A view
    that knows better (public minutes, calendar feeds polled by calendar apps) sets its own
    Cache-Control, and that one stays.
    """

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or response.has_header(
            "Content-Disposition"
        )
        if personal and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        # The portal uses no camera, microphone, location, payment or USB: no page may ask.
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        # Its files are for its own pages; another site may not embed them (ASVS 5.0 3.5).
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
