"""National-scale data for the search benchmark (bench/search.py), written by SQL bulk inserts.

360 municipalities, 5,000 projects (each with three of them taking part), 15,000 groups,
195,000 meetings, 1,000,000 cases and 200,000 action items with Norwegian titles, notes and
decisions composed from the word lists below, the search entries of all of them with their
``search_vector`` computed in SQL exactly as ``search.indexing.write`` does (title weighted
A, body B, ``norwegian``), and the guardian rows ``projects.permissions`` reads for the
municipalities taking part (as ``sync_project_permissions`` makes them). The actors are made
afterwards through the services (``actors``), so their grants are the real ones.
"""

# The SQL is built from the constants of this module alone, never from input.
# ruff: noqa: S608

from __future__ import annotations

import time

from django.db import connection, transaction
from django.urls import reverse

MUNICIPALITIES = 360
PROJECTS = 5000
GROUPS_PER_PROJECT = 3
MEETINGS_PER_GROUP = 13
CASES = 1_000_000
ITEM_EVERY = 5  # one action item per five cases

SUBJECTS = [
    "Budsjett for",
    "Revidert samarbeidsavtale for",
    "Årsmelding fra",
    "Økonomirapport for",
    "Høring om",
    "Orientering om",
    "Evaluering av",
    "Ny organisering av",
    "Tertialrapport for",
    "Handlingsplan for",
    "Rutiner for",
    "Avtale om kjøp av tjenester fra",
    "Status for",
    "Søknad om skjønnsmidler til",
    "Vedtekter for",
]
OBJECTS = [
    "barnevernstjenesten",
    "interkommunal legevakt",
    "pedagogisk-psykologisk tjeneste",
    "krisesenteret",
    "IKT-samarbeidet",
    "innkjøpssamarbeidet",
    "brann- og redningsvesenet",
    "renovasjonsselskapet",
    "kommuneoverlegen",
    "arkivdepotet",
    "NAV-kontoret",
    "landbrukskontoret",
    "byggesaksbehandlingen",
    "havnesamarbeidet",
    "voksenopplæringen",
    "kulturskolen",
    "folkehelsearbeidet",
    "samarbeidsavtalen med helseforetaket",
    "veterinærvakten",
    "regionrådet",
]
SENTENCES = [
    "Saken gjelder videreføring av samarbeidsavtalen mellom kommunene.",
    "Kommunedirektøren viser til møtebok fra forrige møte.",
    "Budsjettet for neste år er justert etter lønnsoppgjøret.",
    "Barnevernstjenesten melder om økt pågang og ventelister.",
    "Det interkommunale samarbeidet har gitt bedre kvalitet i tjenestene.",
    "Styringsgruppen ba om en utredning av alternativer.",
    "Vertskommunen har lagt fram regnskap for fjoråret.",
    "Kostnadsfordelingen følger innbyggertall per 1. januar.",
    "Arbeidsgruppa har kartlagt nå-situasjonen i alle kommunene.",
    "Det er behov for en ny avtale om databehandling.",
    "Saken ble drøftet med de tillitsvalgte i et eget møte.",
    "Møtebøkene fra kommunestyrene er vedlagt saken.",
    "Rådmennene anbefaler at samarbeidet videreføres i fire år.",
    "Fylkeskommunen har gitt tilsagn om tilskudd til prosjektet.",
    "Tiltaket finansieres innenfor vedtatt budsjettramme.",
    "Det vises til vedtak i representantskapet i juni.",
    "Legevakten har hatt stabil bemanning gjennom sommeren.",
    "Eierkommunene må ta stilling til nye vedtekter.",
    "Personvernkonsekvensene er vurdert av personvernombudet.",
    "Kommunene har ulike behov for tjenesten og ulik økonomi.",
    "Prosjektlederen orienterte om framdriften i delprosjektene.",
    "Revisjonen har ingen merknader til årsregnskapet.",
    "Ansettelsen av ny leder skjer etter reglene i hovedavtalen.",
    "Tjenesten skal evalueres etter to års drift.",
]
DECISIONS = [
    "Saken tas til orientering.",
    "Styringsgruppen slutter seg til forslaget fra arbeidsgruppa.",
    "Budsjettet vedtas som fremlagt.",
    "Samarbeidsavtalen godkjennes og sendes kommunestyrene til behandling.",
    "Saken utsettes til neste møte.",
    "Arbeidsgruppa får mandat til å utrede saken videre.",
    "Forslaget til vedtekter anbefales for eierkommunene.",
]
PRESENTERS = ["Kommunedirektøren", "Prosjektlederen", "Daglig leder", "Rådgiver", "Leder"]
PLACES = ["Nord", "Sør", "Øst", "Vest", "Indre", "Ytre", "Øvre", "Nedre", "Midt", "Store"]
STEMS = ["dal", "fjord", "vik", "berg", "haug", "nes", "sand", "strand", "våg", "heim", "øy"]


GROUP_KIND = (
    "CASE g.kind WHEN 'steering_group' THEN 'Styringsgruppe'"
    " WHEN 'working_group' THEN 'Arbeidsgruppe' ELSE 'Prosjektgruppe' END"
)


def _array(words: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + word.replace("'", "''") + "'" for word in words) + "]"


def _pick(words: list[str], expression: str) -> str:
    """SQL: the word at ``expression`` (an integer) modulo the list's length."""
    return f"({_array(words)})[1 + ({expression}) % {len(words)}]"


def _vector(title: str, body: str) -> str:
    # Exactly search.indexing.write's SearchVector("title", weight="A") + ("body", weight="B").
    return (
        f"setweight(to_tsvector('norwegian'::regconfig, COALESCE({title}, '')), 'A') || "
        f"setweight(to_tsvector('norwegian'::regconfig, COALESCE({body}, '')), 'B')"
    )


def _url(name: str, **kwargs) -> tuple[str, str]:
    """The page's address around its id, for SQL: reverse() with a marker split in two."""
    url = reverse(name, kwargs=dict.fromkeys(kwargs, 999999999))
    before, after = url.split("999999999")
    return before, after


def statements() -> list[tuple[str, str]]:
    meeting_url = _url("meetings:detail", meeting_id=0)
    item_url = _url("meetings:action_item_detail", item_id=0)
    notes = " || ' ' || ".join(
        _pick(SENTENCES, f"c.i * {m} + {k}") for m, k in ((7, 0), (11, 3), (13, 5))
    )
    return [
        (
            "municipalities",
            f"""
            INSERT INTO projects_organisation (name, kind, municipality_number, county,
                county_number, organisation_number, updated_at)
            SELECT {_pick(PLACES, "i / 11")} || {_pick(STEMS, "i")} || ' kommune ' || i,
                'municipality', (5000 + i)::text, 'Benchfylke', '', '', now()
            FROM generate_series(1, {MUNICIPALITIES}) i;
            CREATE TEMP TABLE b_org AS SELECT row_number() OVER (ORDER BY id) AS idx, id
                FROM projects_organisation WHERE county = 'Benchfylke';
            INSERT INTO auth_group (name) SELECT 'organisation:' || id FROM b_org;
            UPDATE projects_organisation o SET auth_group_id = g.id
                FROM auth_group g WHERE g.name = 'organisation:' || o.id
                AND o.county = 'Benchfylke';
            """,
        ),
        (
            "projects and participations",
            f"""
            INSERT INTO projects_project (name, short_name, slug, background, status,
                start_date, updated_at)
            SELECT 'Interkommunalt samarbeid om ' || {_pick(OBJECTS, "i")} || ' ' || i, '',
                'bench-' || i, '<p>' || {_pick(SENTENCES, "i")} || '</p>', 'active',
                date '2015-01-01' + (i % 4000), now()
            FROM generate_series(1, {PROJECTS}) i;
            CREATE TEMP TABLE b_project AS SELECT row_number() OVER (ORDER BY id) AS idx, id, name
                FROM projects_project WHERE slug LIKE 'bench-%';
            -- Three municipalities take part in each project; the last one in none.
            INSERT INTO projects_projectparticipation (role, organisation_id, project_id)
            SELECT DISTINCT ON (p.id, o.id) CASE WHEN k = 0 THEN 'owner' ELSE 'participant' END,
                o.id, p.id
            FROM b_project p CROSS JOIN generate_series(0, 2) k
            JOIN b_org o ON o.idx = 1 + (p.idx * (7 + k * 6) + k * 5) % ({MUNICIPALITIES} - 1);
            INSERT INTO projects_projectorganisationpermission
                (content_object_id, group_id, permission_id)
            SELECT DISTINCT pp.project_id, o.auth_group_id, perm.id
            FROM projects_projectparticipation pp
            JOIN projects_organisation o ON o.id = pp.organisation_id
            JOIN auth_permission perm ON perm.codename = 'view_project'
            JOIN django_content_type ct ON ct.id = perm.content_type_id
                AND ct.app_label = 'projects' AND ct.model = 'project'
            WHERE o.county = 'Benchfylke';
            """,
        ),
        (
            "groups",
            f"""
            INSERT INTO projects_projectgroup (kind, name, updated_at, project_id, decision_label)
            SELECT (ARRAY['steering_group', 'working_group', 'project_group'])[k + 1],
                (ARRAY['Styringsgruppe', 'Arbeidsgruppe ', 'Prosjektgruppe'])[k + 1]
                    || CASE WHEN k = 1 THEN {_pick(OBJECTS, "p.idx + 1")} ELSE '' END,
                now(), p.id, 'decision'
            FROM b_project p CROSS JOIN generate_series(0, {GROUPS_PER_PROJECT - 1}) k;
            CREATE TEMP TABLE b_group AS
                SELECT row_number() OVER (ORDER BY g.id) AS idx, g.id, g.name, g.kind,
                    g.project_id
                FROM projects_projectgroup g JOIN b_project p ON p.id = g.project_id;
            """,
        ),
        (
            "meetings",
            f"""
            INSERT INTO meetings_meeting (title, starts_at, date_only, room, address, video_link,
                status, minutes_status, ical_uid, ical_sequence, updated_at, group_id,
                numbers_settled)
            SELECT CASE g.kind WHEN 'steering_group' THEN 'Styringsgruppemøte'
                    WHEN 'working_group' THEN 'Arbeidsmøte' ELSE 'Prosjektgruppemøte' END
                    || ' ' || (k + 1),
                timestamptz '2015-01-12 10:00+01'
                    + make_interval(days => (k * 300 + g.idx % 290)::int),
                false, '', '', '', 'held',
                CASE WHEN k = {MEETINGS_PER_GROUP - 1} OR (g.idx + k) % 10 = 0 THEN 'draft'
                    ELSE 'approved' END,
                gen_random_uuid(), 0, now(), g.id, true
            FROM b_group g CROSS JOIN generate_series(0, {MEETINGS_PER_GROUP - 1}) k;
            CREATE TEMP TABLE b_meeting AS
                SELECT row_number() OVER (ORDER BY m.id) AS idx, m.id, m.group_id, m.starts_at,
                    extract(year FROM m.starts_at AT TIME ZONE 'Europe/Oslo')::int AS year
                FROM meetings_meeting m JOIN b_group g ON g.id = m.group_id;
            CREATE UNIQUE INDEX ON b_meeting (idx);
            """,
        ),
        (
            "cases",
            f"""
            INSERT INTO meetings_case (year, number, position, title, presenter, kind, notes,
                decision, exempt_from_public, legal_basis, vote_details, recusals,
                attendance_note, updated_at, group_id, meeting_id)
            SELECT c.year,
                row_number() OVER (PARTITION BY c.group_id, c.year ORDER BY c.starts_at, c.i),
                c.position, c.title, c.presenter, 'decision', '<p>' || c.notes || '</p>',
                '<p>' || c.decision || '</p>', c.i % 50 = 0,
                CASE WHEN c.i % 50 = 0 THEN 'offl. § 13 jf. fvl. § 13' ELSE '' END,
                '', '', '', now(), c.group_id, c.meeting_id
            FROM (
                SELECT i, m.year, m.group_id, m.id AS meeting_id, m.starts_at,
                    1 + (i - 1) / {PROJECTS * GROUPS_PER_PROJECT * MEETINGS_PER_GROUP}
                        AS position,
                    {_pick(SUBJECTS, "i * 7")} || ' ' || {_pick(OBJECTS, "i * 3 + i / 20")}
                        AS title,
                    {_pick(PRESENTERS, "i")} AS presenter,
                    {notes.replace("c.i", "i")} AS notes,
                    {_pick(DECISIONS, "i * 5")} AS decision
                FROM generate_series(1, {CASES}) i
                JOIN b_meeting m
                    ON m.idx = 1 + (i - 1) % {PROJECTS * GROUPS_PER_PROJECT * MEETINGS_PER_GROUP}
            ) c;
            """,
        ),
        (
            "action items",
            f"""
            INSERT INTO meetings_actionitem (description, responsible_note, deadline,
                deadline_as_written, status, updated_at, responsible_organisation_id, case_id,
                responsible_role)
            SELECT 'Følge opp ' || lower(c.title), '', m.starts_at::date + 60, '',
                (ARRAY['open', 'in_progress', 'done', 'cancelled'])[1 + c.id % 4], now(),
                CASE WHEN c.id % 3 = 0 THEN pp.organisation_id END, c.id, ''
            FROM meetings_case c JOIN b_meeting m ON m.id = c.meeting_id
            JOIN b_group g ON g.id = c.group_id
            LEFT JOIN projects_projectparticipation pp
                ON pp.project_id = g.project_id AND pp.role = 'owner'
            WHERE c.id % {ITEM_EVERY} = 0;
            """,
        ),
        (
            "search entries: projects, groups, meetings",
            f"""
            INSERT INTO search_searchentry (kind, object_id, project_id, group_id, year,
                case_number, dated, title, body, url, search_vector)
            SELECT 'project', p.id, p.id, NULL, extract(year FROM p.start_date), NULL,
                p.updated_at, p.name, regexp_replace(p.background, '<[^>]+>', '', 'g'),
                '/prosjekter/' || p.slug || '/',
                {_vector("p.name", "regexp_replace(p.background, '<[^>]+>', '', 'g')")}
            FROM projects_project p JOIN b_project b ON b.id = p.id;
            INSERT INTO search_searchentry (kind, object_id, project_id, group_id, year,
                case_number, dated, title, body, url, search_vector)
            SELECT 'group', g.id, g.project_id, g.id, NULL, NULL, now(), g.name,
                {GROUP_KIND} || chr(10) || p.name, '/prosjekter/',
                {_vector("g.name", GROUP_KIND + " || chr(10) || p.name")}
            FROM b_group g JOIN b_project p ON p.id = g.project_id;
            INSERT INTO search_searchentry (kind, object_id, project_id, group_id, year,
                case_number, dated, title, body, url, search_vector)
            SELECT 'meeting', m.id, g.project_id, g.id, b.year, NULL, m.starts_at, m.title,
                g.name, '{meeting_url[0]}' || m.id || '{meeting_url[1]}',
                {_vector("m.title", "g.name")}
            FROM meetings_meeting m JOIN b_meeting b ON b.id = m.id
            JOIN b_group g ON g.id = m.group_id;
            """,
        ),
        (
            "search entries: cases",
            f"""
            INSERT INTO search_searchentry (kind, object_id, project_id, group_id, year,
                case_number, dated, title, body, url, search_vector)
            SELECT 'case', e.id, e.project_id, e.group_id, e.year, e.number, e.starts_at,
                e.title, e.body, '{meeting_url[0]}' || e.meeting_id || '{meeting_url[1]}'
                    || '#sak-' || e.id,
                {_vector("e.title", "e.body")}
            FROM (
                SELECT c.id, g.project_id, c.group_id, c.year, c.number, m.starts_at,
                    c.meeting_id,
                    'Sak ' || c.number || '/' || lpad((c.year % 100)::text, 2, '0') || ' '
                        || c.title AS title,
                    c.presenter || chr(10) || regexp_replace(c.notes, '<[^>]+>', '', 'g')
                        || chr(10) || regexp_replace(c.decision, '<[^>]+>', '', 'g') AS body
                FROM meetings_case c JOIN b_meeting m ON m.id = c.meeting_id
                JOIN b_group g ON g.id = c.group_id
            ) e;
            """,
        ),
        (
            "search entries: action items",
            f"""
            INSERT INTO search_searchentry (kind, object_id, project_id, group_id, year,
                case_number, dated, title, body, url, search_vector)
            SELECT 'action_item', a.id, g.project_id, c.group_id, c.year, NULL, m.starts_at,
                a.description, a.description || chr(10) || c.title,
                '{item_url[0]}' || a.id || '{item_url[1]}',
                {_vector("a.description", "a.description || chr(10) || c.title")}
            FROM meetings_actionitem a JOIN meetings_case c ON c.id = a.case_id
            JOIN b_meeting m ON m.id = c.meeting_id JOIN b_group g ON g.id = c.group_id;
            """,
        ),
    ]


@transaction.atomic
def fill() -> None:
    """Insert the whole set; the entries' secondary indexes are dropped and made again after."""
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry'"
            " AND indexname <> 'search_searchentry_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for label, sql in statements():
            started = time.perf_counter()
            cursor.execute(sql)
            print(f"  {label:<46} {time.perf_counter() - started:6.1f} s", flush=True)
        started = time.perf_counter()
        # The foreign keys are checked at commit (Django makes them deferred); check them
        # now, since an index cannot be built over pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in indexes:
            cursor.execute(definition)
        print(f"  {'indexes of the search entries':<46} {time.perf_counter() - started:6.1f} s")
        cursor.execute("ANALYZE")
