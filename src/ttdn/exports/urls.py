from django.urls import path

from ttdn.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.export_list_view, name="list"),
    path("<int:pk>/", views.export_detail_view, name="detail"),
    path("<int:pk>/download/", views.export_download_view, name="download"),
]
