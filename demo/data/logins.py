"""One login per role."""

from demo.data.nav import NAV, PILOTS

# One login per role; all share the command's DEMO_PASSWORD. ``role`` is what the login
# table prints.
USERS = [
    {
        "username": "admin",
        "role": "Portaladministrator",
        "person": None,
        "organisation": None,
        "is_superuser": True,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "prosjektleder",
        "role": "Prosjektleder (NAV i Nordland og pilotene)",
        "person": "Knut Erik Dahlmo",
        "organisation": "NAV Nordland",
        "is_superuser": False,
        "is_director": False,
        "administers": [NAV["slug"], *(pilot["slug"] for pilot in PILOTS)],
    },
    {
        "username": "referent",
        "role": "Referent i Samarbeidsforum",
        "person": "Åshild J. Nordnes",
        "organisation": "NAV Nordland",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "medlem",
        "role": "Medlem av styringsgruppen (NAV i Nordland)",
        "person": "Cato Rødsand",
        "organisation": "NAV Lurøy",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "leser",
        "role": "Leser i deltakerkommune (VÅG)",
        "person": "Anne Britt Røst",
        "organisation": "Åsnes kommune",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
    {
        "username": "direktor",
        "role": "Kommunedirektør (styringsgruppen i VÅG)",
        "person": "Ole Frode Mikkelsgård",
        "organisation": "Grue kommune",
        "is_superuser": False,
        "is_director": True,
        "administers": [],
    },
    {
        "username": "fylkesdirektor",
        "role": "Fylkesdirektør NAV Nordland (signerer partnerskapsavtaler)",
        "person": "Cathrine Stavnes",
        "organisation": "NAV Nordland",
        "is_superuser": False,
        "is_director": True,
        "administers": [],
    },
    {
        "username": "fauske",
        "role": "Kommunedirektør i Fauske, vertskommune for Indre Salten",
        "person": "Kommunedirektøren i Fauske (demo)",
        "organisation": "Fauske kommune",
        "is_superuser": False,
        "is_director": True,
        "administers": [],
    },
    {
        "username": "utenforstaende",
        "role": "Utenforstående (kommune uten prosjekt)",
        "person": "Arve Rolandsen",
        "organisation": "Bodø kommune",
        "is_superuser": False,
        "is_director": False,
        "administers": [],
    },
]
