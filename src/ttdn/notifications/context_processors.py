from django.utils.functional import SimpleLazyObject

from ttdn.notifications.selectors import unread_count


def notifications(request):
    """The unread count for the navigation bar, computed only when a template reads it."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user) if user else 0)}
