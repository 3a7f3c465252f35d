"""Changes to accounts: the demo log-ins of a demo installation."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from ttdn.accounts.choices import Role
from ttdn.accounts.models import User
from ttdn.agencies.models import Agency

# Fictional people (DOMAIN.md: use fictional people in demo data).
DEMO_USERS = [
    ("dieuphoi", Role.COORDINATOR, "so-vhttdl", "Nguyễn Thị Minh An", "Chuyên viên"),
    ("canbo.ngoaivu", Role.OFFICER, "so-ngoai-vu", "Trần Văn Bình", "Chuyên viên"),
    ("truong.ngoaivu", Role.HEAD, "so-ngoai-vu", "Lê Hoàng Cường", "Giám đốc"),
    ("canbo.bao", Role.OFFICER, "bao-dai-ptth", "Phạm Thu Hà", "Phóng viên"),
    ("lanhdao", Role.LEADER, "ubnd-tinh", "Hồ Quang Dũng", "Phó Chủ tịch"),
    ("quantri", Role.ADMIN, None, "Quản trị hệ thống", ""),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    agency: str


def _stored_passwords(path: Path) -> dict[str, str]:
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {}


@transaction.atomic
def demo_users_ensure(*, data_dir: Path) -> list[DemoLogin]:
    """Create the demo users once, with random passwords kept (0600) in the data directory."""
    path = data_dir / "demo-logins.json"
    passwords = _stored_passwords(path)
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[u[2] for u in DEMO_USERS])}
    logins = []
    for username, role, agency_code, full_name, position in DEMO_USERS:
        password = passwords.get(username) or secrets.token_urlsafe(9)
        passwords[username] = password
        first, _sep, last = full_name.rpartition(" ")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "agency": agencies.get(agency_code),
                "first_name": last,
                "last_name": first,
                "position": position,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        agency = agencies.get(agency_code)
        logins.append(
            DemoLogin(username, password, Role(role).label, agency.name if agency else "")
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(passwords, indent=1), encoding="utf-8")
    path.chmod(0o600)
    return logins
