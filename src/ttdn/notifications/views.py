from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_POST

from ttdn.core.http import redirect_back
from ttdn.notifications.selectors import notification_list
from ttdn.notifications.services import notification_mark_read


@login_required
def notification_list_view(request):
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notification_list(user=request.user, unread_only=unread_only), 30)
    context = {"page": page.get_page(request.GET.get("page")), "unread_only": unread_only}
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_read_view(request):
    pks = request.POST.getlist("pk")
    notification_mark_read(user=request.user, pks=[int(p) for p in pks if p.isdigit()] or None)
    return redirect_back(request, "notifications:list")
