from django.urls import path

from ttdn.reporting.views import public

app_name = "feedback"
urlpatterns = [
    path("", public.feedback_form_view, name="form"),
    path("t/<str:token>/", public.feedback_status_view, name="status"),
]
