"""Whether "Signaalfunctie" belongs in someone's menu: the same decision as the pages (manager
role or a governance tier). It reads only the user's roles and memberships, so nothing is
logged; the pages ask the door again and log."""

from __future__ import annotations

from ketenzorg.access.signaal import signal_menu_flag as signal_function_flag

__all__ = ["signal_function_flag"]
