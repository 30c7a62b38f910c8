from ketenzorg.access import policy


def navigation(request):
    """Which menu items this user sees; the pages themselves check again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"nav_items": []}
    items = [("core:home", "Werkplek")]
    if policy.client_professional_of(user) is not None:
        items.append(("families:list", "Gezinnen"))
    if policy.can_manage_network(user):
        items.append(("network:index", "Netwerkbeheer"))
    if policy.can_read_access_log(user):
        items.append(("audit:index", "Toegangslog"))
    items.append(("glossary:index", "Begrippen"))
    return {"nav_items": items}
