"""Values every page needs: the province, demo mode, the user's role."""

from django.conf import settings


def platform(request):
    user = getattr(request, "user", None)
    return {
        "province_name": settings.TTDN_PROVINCE_NAME,
        "demo_mode": settings.TTDN_DEMO,
        "user_role": getattr(user, "role", None) if user and user.is_authenticated else None,
    }
