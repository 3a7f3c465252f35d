from django.urls import path

from ttdn.reporting.views import consolidated, other, periods, reports, settings

app_name = "reporting"
urlpatterns = [
    path("", periods.period_list_view, name="periods"),
    path("periods/generate/", periods.period_generate_view, name="generate"),
    path("periods/<int:pk>/", periods.dashboard_view, name="dashboard"),
    path("periods/<int:pk>/edit/", periods.period_edit_view, name="period_edit"),
    path(
        "periods/<int:pk>/export/<slug:table>.xlsx",
        periods.dashboard_export_view,
        name="dashboard_export",
    ),
    path("periods/<int:pk>/obligations/", periods.obligations_view, name="obligations"),
    path(
        "periods/<int:pk>/obligations/<int:obligation_pk>/waive/",
        periods.obligation_waive_view,
        name="obligation_waive",
    ),
    path("periods/<int:pk>/explain/", other.explanation_create_view, name="explain"),
    path("periods/<int:pk>/agency/<slug:code>/", reports.report_view, name="report"),
    path("periods/<int:pk>/consolidated/", consolidated.consolidated_view, name="consolidated"),
    path(
        "periods/<int:pk>/consolidated/export.<str:fmt>",
        consolidated.consolidated_export_view,
        name="consolidated_export",
    ),
    path("paragraphs/<int:paragraph_pk>/", consolidated.paragraph_view, name="paragraph"),
    path("sections/<int:section_pk>/save/", reports.section_save_view, name="section_save"),
    path("sections/<int:section_pk>/evidence/", reports.evidence_view, name="evidence"),
    path("sections/<int:section_pk>/cite/", reports.evidence_cite_view, name="evidence_cite"),
    path(
        "evidence/<int:evidence_pk>/remove/",
        reports.evidence_remove_view,
        name="evidence_remove",
    ),
    path("r/<int:report_pk>/text/", reports.report_text_view, name="report_text"),
    path("r/<int:report_pk>/history/", reports.report_history_view, name="history"),
    path("r/<int:report_pk>/<slug:action>/", reports.report_action_view, name="report_action"),
    path("settings/", settings.settings_view, name="settings"),
    path("explanations/", other.explanation_list_view, name="explanations"),
    path("feedback/", other.feedback_list_view, name="feedback"),
    path("feedback/<int:pk>/", other.feedback_detail_view, name="feedback_detail"),
]
