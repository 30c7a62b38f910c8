"""The consent registry's screens: a family's consents, recording one, withdrawing one."""

app_name = "consent"
urlpatterns: list = []
