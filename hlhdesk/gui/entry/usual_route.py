"""The route a course form shows for the drug chosen, until the user chooses a route
(each drug's usual route is in the core's catalogue, `hlhdesk.core.model.USUAL_ROUTES`).

A course's route decides policy readings (intravenous anakinra is unlicensed and should be
switched back to subcutaneous; a new course of the same drug and route replaces the open
one), so the form never picks one silently: it shows the drug's usual route (anakinra
subcutaneous, its licensed route; methylprednisolone and hydrocortisone intravenous;
prednisolone by mouth) in the route field, where it is read and changed before the course
is added; where a drug is commonly given more than one way (dexamethasone, ciclosporin,
etoposide, tocilizumab, other drugs) no route is shown and the form asks for one.
"""

from __future__ import annotations

from hlhdesk.core.model import usual_route

TIP = "The drug's usual route is shown until you choose one: check it against the chart."


class RouteFollowsDrug:
    """Keeps `route_box` on the usual route of what `drug_box` and `name_box` show, until
    the user chooses a route in it; `reset()` (after a course is added) follows again."""

    def __init__(self, route_box, drug_box, name_box):
        self.route_box, self.drug_box, self.name_box = route_box, drug_box, name_box
        self.chosen = False
        route_box.setToolTip(TIP)
        route_box.activated.connect(self._chosen)  # the user's choice, never a program's
        drug_box.currentIndexChanged.connect(self.follow)
        name_box.currentIndexChanged.connect(self.follow)
        self.follow()

    def _chosen(self, _index: int) -> None:
        self.chosen = True

    def follow(self) -> None:
        if not self.chosen:
            route = usual_route(self.drug_box.currentData(), self.name_box.currentData())
            self.route_box.setCurrentIndex(self.route_box.findData(route) if route else -1)

    def reset(self) -> None:
        self.chosen = False
        self.follow()
