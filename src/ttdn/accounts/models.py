"""Users: each belongs to one agency with one role."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.accounts.choices import Role

AGENCY_ROLES = {Role.OFFICER, Role.HEAD, Role.COORDINATOR}


class User(AbstractUser):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.OFFICER)
    position = models.CharField(pgettext_lazy("job", "position"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        if self.role in AGENCY_ROLES and self.agency_id is None:
            raise ValidationError(
                {"agency": _("An officer, agency head or coordinator must belong to an agency.")}
            )

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser
