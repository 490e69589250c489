"""The facts behind ``manage.py load_demo``, as plain data.

Everything here is copied from real documents of two inter-municipal projects, so the demo
shows what users actually write:

- the VÅG project plan (Våler, Åsnes, Grue), updated 03.09.2020, and the minutes of the VÅG
  steering group of 28.06.2022;
- the minutes of the steering group of "NAV i Nordland i en ny tid" 2017–2019, its cooperation
  forum of 08.09.2017, the project group's status of 30.06.2017 and the project's message note
  (budskapsnotat) of 18.12.2018.

Nothing is invented but the people's e-mail addresses (demo.data.addresses: on the reserved
``.example`` domain, so they reach nobody). Where the documents do not say where a person
works, ``organisation`` is None. References between entries are by name (organisations,
people) or slug (projects).
Texts keep the documents' wording, typos included; numbered lists that the Word export ran
into one line are put back on separate lines.
"""

from demo.data.logins import USERS
from demo.data.nav import NAV, PILOTS
from demo.data.organisations import ORGANISATIONS, PEOPLE
from demo.data.vag import VAG

# Parents before their pilots.
PROJECTS = [VAG, NAV, *PILOTS]

__all__ = ["ORGANISATIONS", "PEOPLE", "PROJECTS", "USERS"]
