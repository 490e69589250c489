"""What the steering-group minutes of "NAV i Nordland i en ny tid" have in common.

All three: NAV Nordland, møterom Suliskongen; referent Knut Erik Dahlmo. "Referater vil bli
tilgjengeliggjort på navet og www.nav.no. fortløpende" (14.09.18, sak 8): all are published.
"""

PROJECT = "nav-nordland"
STEERING_GROUP = "Styringsgruppe"
FORUM = "Samarbeidsforum"
PROJECT_GROUP = "Prosjektgruppe"
ROOM = "Møterom Suliskongen"
ADDRESS = "NAV Nordland"
SECRETARY = "Knut Erik Dahlmo"
TITLE = "Møte i styringsgruppen for prosjektet NAV i Nordland i en ny tid"

SEPTEMBER, NOVEMBER, MARCH = "nav-2018-09-14", "nav-2018-11-29", "nav-2019-03-01"

APPROVED_WITHOUT_COMMENTS = "Godkjent uten kommentarer."


def nav_meeting(key, starts_at, ends_at, *, also_for, participants, cases, minutes_state, **extra):
    return {
        "key": key,
        "project": PROJECT,
        "group": STEERING_GROUP,
        "also_for": also_for,
        "title": TITLE,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "room": ROOM,
        "address": ADDRESS,
        "secretary": SECRETARY,
        "comment_deadline": extra.get("comment_deadline"),
        "participants": participants,
        "cases": cases,
        "minutes": minutes_state,
    }
