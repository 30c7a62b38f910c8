"""Case screens at /casussen/ (login and second factor enforced by the middleware)."""

from django.urls import path

from ketenzorg.coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("gezin/<uuid:family_uuid>/openen/", views.case_open, name="open"),
    path("<uuid:case_uuid>/", views.case_detail, name="detail"),
    path("<uuid:case_uuid>/sluiten/", views.case_close, name="close"),
    path("<uuid:case_uuid>/betrokkenheid/", views.involvement_add, name="involvement_add"),
    path(
        "<uuid:case_uuid>/betrokkenheid/<uuid:involvement_uuid>/beeindigen/",
        views.involvement_end,
        name="involvement_end",
    ),
    path("<uuid:case_uuid>/niveau/", views.level, name="level"),
    path("<uuid:case_uuid>/crisisprotocol/", views.crisis, name="crisis"),
    path("<uuid:case_uuid>/coordinator/", views.coordinator, name="coordinator"),
    path("<uuid:case_uuid>/overleg/", views.meeting_new, name="meeting_new"),
    path("overleg/<uuid:meeting_uuid>/plannen/", views.meeting_plan, name="meeting_plan"),
    path("overleg/<uuid:meeting_uuid>/verslag/", views.meeting_minutes, name="meeting_minutes"),
    path("<uuid:case_uuid>/afspraken/", views.agreement_add, name="agreement_add"),
    path("afspraken/<uuid:agreement_uuid>/", views.agreement_detail, name="agreement_detail"),
    path("<uuid:case_uuid>/aanbod/", views.programme_link, name="programme_link"),
    path("signalen/<uuid:signal_uuid>/", views.signal, name="signal"),
    path("<uuid:case_uuid>/besluit/", views.decision, name="decision"),
    path("<uuid:case_uuid>/school/", views.attendance, name="attendance"),
    path("<uuid:case_uuid>/plan/", views.plan_edit, name="plan_edit"),
    path("<uuid:case_uuid>/plan/<int:number>/", views.plan_version, name="plan_version"),
    path("<uuid:case_uuid>/plan/<int:number>/pdf/", views.plan_pdf, name="plan_pdf"),
]
