"""Log in and out. Wrong passwords are throttled by django-axes (settings.AXES_*)."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render

from ttdn.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True


def lockout(request, response=None, credentials=None, *args, **kwargs):
    """Shown instead of the log-in form while too many wrong passwords block the account."""
    return render(request, "accounts/locked.html", status=429)
