"""Language selection for the portal, the Permissions-Policy header, and one transaction for
each request that may write."""

from django.conf import settings
from django.db import transaction
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Speak Vietnamese unless the user chose another language with the switcher.

    The browser's Accept-Language is ignored on purpose: many officers' computers are set
    to English, and the portal must still open in Vietnamese for them.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY: the browser features no page of the portal uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class WriteTransactionMiddleware:
    """Run each request that may write (any method but GET, HEAD, OPTIONS) in one database
    transaction, rolled back when its view raises: Django's ATOMIC_REQUESTS, for writes only.

    Pages are read outside any transaction. On SQLite a transaction begins IMMEDIATE (it takes
    the write lock at once and waits its turn instead of failing when another writer holds
    it, settings.DATABASES), so pages wrapped in one would queue behind every save; outside,
    readers never wait (WAL). On PostgreSQL, whose transactions read committed data
    statement by statement, a page reads the same either way.

    The log-in form is left out too: most of its time is the password's hash (0.4 s of a
    core), which must not hold SQLite's write lock while every other officer's save waits;
    its writes (the session, the last log-in, the lock-out log) are short and each commits
    on its own.
    """

    SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response
        self.log_in_path = None

    def __call__(self, request):
        if self.log_in_path is None:
            self.log_in_path = resolve_url(settings.LOGIN_URL)
        if request.method in self.SAFE_METHODS or request.path_info == self.log_in_path:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if getattr(request, "_view_raised", False):
                # The error page is the response; nothing the view did is kept.
                transaction.set_rollback(True)
        return response

    def process_exception(self, request, exception):
        request._view_raised = True
