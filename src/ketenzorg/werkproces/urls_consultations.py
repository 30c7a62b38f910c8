"""Routes of consultations: asking one, the meedenker's list, findings, the joint evaluation."""

urlpatterns: list = []
