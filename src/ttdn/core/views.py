"""Error pages that speak a sentence to the user instead of a stack trace."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def permission_denied(request, exception=None):
    message = str(exception) if exception and str(exception) else ""
    if not message:
        message = _("You do not have permission to open this page.")
    return render(request, "403.html", {"message": message}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def root(request):
    """`/`: signed-in staff go to their work, everyone else to the public portal."""
    if request.user.is_authenticated:
        return redirect("plans:home")
    return redirect(f"/{settings.TTDN_PORTAL_LANGUAGES[0]}/")
