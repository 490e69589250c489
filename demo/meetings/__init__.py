"""The demo's meetings, as plain data: four sets of real minutes.

- the VÅG steering group, 28 June 2022 (Teams): ``vag``;
- the steering group of "NAV i Nordland i en ny tid", 14.09.18, 29.11.18 and 01.03.19, the
  last two held together with the cooperation forum ("inkl. Samarbeidsforum"): ``nav_2018``
  and ``nav_2019``, with what they share in ``nav``.

``load_demo`` loads them after the projects, through meetings.services. References are by
name: projects by slug, groups by name within their project, people and organisations by
name, other meetings by ``key``.

What the minutes say is kept in their wording, typos included ("Referat 29.11.19" for the
meeting of 29.11.18); long passages are shortened where marked "[…]". Cases are listed in the
order of the minutes. The portal numbers cases itself, per group and year and in the order
they are added, after the standing cases meeting_plan puts on every agenda; the minutes
number per meeting (and not always consistently: "Sak 5. Referat 04.05.18" opens 14.09.18),
so their numbers are not reproduced. A case with ``standing`` takes over the matching
standing case (approval of the previous minutes, any other business) instead of adding a
second one; the standing agenda approval stays, with no text, as the portal puts it there.
"""

from demo.meetings.nav_2018 import NOVEMBER_2018, SEPTEMBER_2018
from demo.meetings.nav_2019 import MARCH_2019
from demo.meetings.vag import VAG_2022_06_28

# Oldest first per group: meeting_plan links a meeting's approval case to the group's
# previous meeting, which must already exist.
MEETINGS = [SEPTEMBER_2018, NOVEMBER_2018, MARCH_2019, VAG_2022_06_28]
