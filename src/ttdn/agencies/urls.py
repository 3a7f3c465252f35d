from django.urls import path

from ttdn.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list_view, name="list"),
    path("<slug:code>/", views.agency_detail_view, name="detail"),
    path("<slug:code>/edit/", views.agency_edit_view, name="edit"),
]
