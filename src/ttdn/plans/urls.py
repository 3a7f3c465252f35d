from django.urls import path

from ttdn.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("my-agency/", views.my_agency_view, name="my_agency"),
    path("agency/<slug:code>/", views.agency_work_view, name="agency_work"),
    path("<slug:slug>/", views.plan_detail_view, name="detail"),
    path("<slug:slug>/export.<str:fmt>", views.plan_export_view, name="export"),
    path("<slug:slug>/tasks/<str:number>/", views.task_detail_view, name="task"),
    path("<slug:slug>/tasks/<str:number>/edit/", views.task_edit_view, name="task_edit"),
]
