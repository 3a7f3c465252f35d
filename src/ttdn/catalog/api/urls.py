from django.urls import path

from ttdn.catalog.api import views

app_name = "catalog_api"
urlpatterns = [
    path("items/", views.ItemListView.as_view(), name="items"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/submit/", views.ItemSubmitView.as_view(), name="item_submit"),
    path("items/<int:pk>/media/", views.MediaUploadView.as_view(), name="item_media"),
]
