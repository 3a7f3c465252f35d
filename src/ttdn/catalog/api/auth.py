"""API authentication: an agency's token (`Authorization: Bearer ttdn_…`) or a signed-in user.

A token acts as an officer of its agency: it creates and changes that agency's drafts and
reads its unpublished items; history records the person who created the token and the
token's name.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ttdn.accounts.choices import Role
from ttdn.catalog.services.tokens import token_authenticate


class TokenPrincipal:
    """Who a request with an agency token is: an officer of that agency."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    role = Role.OFFICER
    pk = id = None

    def __init__(self, token) -> None:
        self.token = token
        self.agency = token.agency
        self.agency_id = token.agency_id
        self.person = token.created_by
        self.via = _("API token “%(name)s”") % {"name": token.name}
        self.username = f"token:{token.prefix}"

    def __str__(self) -> str:
        return self.username


class AgencyTokenAuthentication(authentication.BaseAuthentication):
    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with nothing else.")
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        token = token_authenticate(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This token is unknown or has been revoked; ask your agency head for a new one.")
            )
        return TokenPrincipal(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="ttdn"'


class AgencyTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ttdn.catalog.api.auth.AgencyTokenAuthentication"
    name = "agencyToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token of one agency, created on the catalog's “API tokens” page.",
        }
