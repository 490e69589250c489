"""projects.roster: a pasted list of names, read as Word, Excel and a typed list give it."""

from django.utils import translation

from projects import roster
from projects.models import Organisation, Person

TAKEN = "%(name)s sitter allerede i gruppen."


def people(*names):
    grue = Organisation(name="Grue kommune")
    return [Person(pk=number, name=name, organisation=grue) for number, name in enumerate(names, 1)]


def resolve(text, known=(), chosen=(), taken=frozenset()):
    with translation.override("nb"):
        return roster.resolve(
            text=text, chosen=chosen, known=list(known), taken=set(taken), taken_problem=TAKEN
        )


def test_a_title_follows_a_tab_or_the_first_comma():
    batch = resolve(
        "Kari Nordmann\trådgiver\t\t\nOla Nordmann, rådgiver, økonomi og plan\nSiri Nyland\n"
    )
    assert batch.line_errors == []
    assert [(row.line, row.name, row.title) for row in batch.new] == [
        (1, "Kari Nordmann", "rådgiver"),
        (2, "Ola Nordmann", "rådgiver, økonomi og plan"),
        (3, "Siri Nyland", ""),
    ]


def test_names_match_whatever_the_case_and_spacing():
    known = people("Kari Nordmann")
    batch = resolve("  KARI\u00a0 nordmann  , rådgiver", known)
    (row,) = batch.known
    assert row.person is known[0]
    # The person keeps the name and title the register has.
    assert (row.name, row.title) == ("Kari Nordmann", "")


def test_blank_lines_are_skipped_but_counted():
    batch = resolve("\n\nKari Nordmann\n\n, rådgiver\n")
    assert batch.line_errors == ["Linje 5: navnet mangler."]
    assert [row.line for row in batch.rows] == [3]


def test_a_wider_table_row_is_refused_rather_than_cut():
    batch = resolve("Kari Nordmann\trådgiver\tGrue kommune")
    assert batch.line_errors == ["Linje 1: skriv et navn og høyst en tittel, ikke 3 kolonner."]
    assert batch.rows == []


def test_too_long_names_and_titles_are_refused():
    batch = resolve(f"{'K' * 201}\nKari Nordmann, {'r' * 201}\n{'K' * 200}")
    assert batch.line_errors == [
        "Linje 1: navnet er lengre enn 200 tegn.",
        "Linje 2: tittelen er lengre enn 200 tegn.",
    ]
    assert len(batch.rows) == 1


def test_the_same_person_twice_is_named_with_the_first_line():
    known = people("Kari Nordmann")
    batch = resolve("Kari Nordmann\nSiri Nyland\nkari nordmann\nsiri  nyland", known)
    assert batch.line_errors == [
        "Linje 3: Kari Nordmann står også på linje 1.",
        "Linje 4: siri nyland står også på linje 2.",
    ]
    batch = resolve("Kari Nordmann", known, chosen=known)
    assert batch.line_errors == ["Linje 1: Kari Nordmann er også krysset av i listen."]


def test_taken_people_are_refused_ticked_or_pasted():
    known = people("Kari Nordmann", "Ola Nordmann")
    batch = resolve("Kari Nordmann", known, chosen=[known[1]], taken={1, 2})
    assert batch.line_errors == ["Linje 1: Kari Nordmann sitter allerede i gruppen."]
    assert batch.choice_errors == ["Ola Nordmann sitter allerede i gruppen."]
    assert batch.rows == []


def test_more_lines_than_a_group_has_are_a_wrong_paste():
    batch = resolve("\n".join(f"Person {n}" for n in range(roster.MAX_LINES + 1)))
    assert batch.line_errors == ["Lim inn høyst 200 navn om gangen."]
    assert batch.rows == []
    assert len(resolve("\n".join(f"Person {n}" for n in range(roster.MAX_LINES))).rows) == 200
