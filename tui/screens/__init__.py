"""The screens of the review app: claims, disputes, speakers and actors (one module each; ``base`` holds
what they share).

Screens own the data flow: they run queries in worker threads (``tui.queries``), hand plain rows down to
widgets, and do every write (``db.review``) in its own short transaction. Text from articles and users
reaches widgets only as safe ``Text`` (:func:`tui.widgets.cell`), and notifications are never markup.
"""

from tui.screens.claims import ClaimsScreen
from tui.screens.disputes import DisputesScreen
from tui.screens.speakers import SpeakersScreen

__all__ = ["ClaimsScreen", "DisputesScreen", "SpeakersScreen"]
