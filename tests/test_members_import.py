"""people_views.members_import: a group's members from a CSV or XLSX file, previewed with an
error per row, then imported all at once or not at all. Posted as the project admin, who holds
change_projectgroup on the group."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from projects import services
from projects.models import GroupMembership, Person
from tests.conftest import build_world
from tests.factories import PersonFactory

HEADER = "navn;tittel;organisasjon;e-post;telefon;rolle;fra\n"


def url_for(group):
    return reverse("projects:members_import", args=[group.project.slug, group.pk])


def csv_file(text, name="medlemmer.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("medlemmer.xlsx", buffer.getvalue())


def preview(client, group, upload):
    response = client.post(url_for(group), {"file": upload})
    assert response.status_code == 200
    return response


def confirm(client, group, response):
    return client.post(
        url_for(group), {"table": response.context["form"].signed_table, "confirm": "on"}
    )


@pytest.fixture
def admin(world, client_for):
    return client_for(world.users["project_admin"])


def test_csv_is_previewed_then_imported_with_matches_by_email_and_name(world, admin):
    group = world.working_group
    by_email = PersonFactory(name="K. Nordmann", organisation=world.grue, email="kari@grue.no")
    by_name = PersonFactory(name="Ola Normann", organisation=world.asnes)
    text = HEADER + (
        "Kari Nordmann;rådgiver;Grue kommune;KARI@grue.no;;leder;1.9.2026\n"
        "ola  normann;;;;;;\n"
        "\n"
        "Nina Nyvik;økonomisjef;Våler kommune;nina@valer.no;+47 912 34 567;Sekretær;2026-09-01\n"
    )
    response = preview(admin, group, csv_file(text))
    assert response.context["result"].errors == []
    html = response.content.decode()
    assert "Nina Nyvik" in html and "ny person" in html
    assert not GroupMembership.objects.filter(group=group).exists()
    response = confirm(admin, group, response)
    assert response.status_code == 302
    seats = {seat.person: seat for seat in group.memberships.select_related("person")}
    assert seats[by_email].role == "leader"
    assert seats[by_email].start_date == datetime.date(2026, 9, 1)
    assert by_name in seats
    nina = Person.objects.get(email="nina@valer.no")
    assert (nina.organisation, nina.phone, nina.title) == (
        world.valer,
        "+47 912 34 567",
        "økonomisjef",
    )
    assert seats[nina].role == "secretary"
    # A known person's facts are not changed by the file.
    by_email.refresh_from_db()
    assert (by_email.name, by_email.title) == ("K. Nordmann", "")


def test_each_bad_row_is_named_and_nothing_is_imported(world, admin):
    group = world.working_group
    services.group_membership_add(group=group, person=world.users["member"].person, role="member")
    member_name = world.users["member"].person.name
    text = HEADER + (
        "Gode Person;;;;;;\n"
        "Kari Nordmann;;;kari@;;;\n"
        ";rådgiver;;;;;\n"
        "Per Hansen;;Finnesikke kommune;;;;\n"
        "Lise Berg;;;;912-34;;\n"
        "Jon Lie;;;;;sjef;\n"
        "Turid Moe;;;;;;31.02.2026\n"
        f"{member_name};;;;;;\n"
        "Gode Person;;;;;;\n"
    )
    response = preview(admin, group, csv_file(text))
    errors = response.context["result"].errors
    assert errors == [
        "Rad 3: e-postadressen «kari@» er ugyldig.",
        "Rad 4: navnet mangler.",
        "Rad 5: organisasjonen «Finnesikke kommune» finnes ikke i registeret.",
        "Rad 6: telefonnummeret «912-34» er ugyldig.",
        "Rad 7: rollen «sjef» er ukjent.",
        "Rad 8: datoen «31.02.2026» er ikke en dato (skriv 1.9.2026).",
        f"Rad 9: {member_name} sitter allerede i gruppen.",
        "Rad 10: Gode Person står også på rad 2.",
    ]
    html = response.content.decode()
    assert "Rad 3: e-postadressen «kari@» er ugyldig." in html
    assert "Importer alle" not in html
    # Even the good row is not saved, and forcing the confirm imports nothing.
    response = confirm(admin, group, response)
    assert response.status_code == 200
    assert group.memberships.count() == 1
    assert not Person.objects.filter(name="Gode Person").exists()


def test_xlsx_formula_cells_are_text_and_never_computed(world, admin):
    group = world.working_group
    rows = [
        ["Navn", "Tittel", "E-post", "Fra"],
        ['=HYPERLINK("http://x","Kari")', "@SUM(A1)", "", datetime.datetime(2026, 9, 1)],
        ["Ola Normann", "-rådgiver", "ola@asnes.no", None],
    ]
    response = preview(admin, group, xlsx_file(rows))
    assert response.context["result"].errors == []
    assert confirm(admin, group, response).status_code == 302
    formula = Person.objects.get(name='=HYPERLINK("http://x","Kari")')
    assert formula.title == "@SUM(A1)"
    assert group.memberships.get(person=formula).start_date == datetime.date(2026, 9, 1)
    assert Person.objects.get(email="ola@asnes.no").title == "-rådgiver"


def test_windows_excel_csv_with_commas_is_read(world, admin):
    group = world.working_group
    text = "Navn,Tittel\r\nÅse Ødegård,rådmann\r\n"
    response = preview(admin, group, csv_file(text, encoding="cp1252"))
    assert [row.name for row in response.context["result"].rows] == ["Åse Ødegård"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("m.pdf", b"%PDF-1.4"), "Last opp en CSV- eller XLSX-fil"),
        (SimpleUploadedFile("m.xlsx", b"not a workbook"), "kan ikke leses som en Excel-arbeidsbok"),
        (SimpleUploadedFile("m.csv", b"fornavn;etternavn\nKari;N\n"), "Første rad må navngi"),
        (SimpleUploadedFile("m.csv", b""), "Filen er tom"),
    ],
)
def test_an_unreadable_file_is_refused_in_norwegian(world, admin, upload, message):
    response = admin.post(url_for(world.working_group), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_forged_table_is_refused(world, admin):
    response = admin.post(
        url_for(world.working_group), {"table": '[["navn"],["Falsk"]]', "confirm": "on"}
    )
    assert "Last opp filen igjen" in response.content.decode()
    assert not Person.objects.filter(name="Falsk").exists()


def test_a_table_signed_for_another_group_is_refused(world, admin):
    response = preview(admin, world.working_group, csv_file("navn\nKari Nordmann\n"))
    signed = response.context["form"].signed_table
    response = admin.post(url_for(world.steering_group), {"table": signed, "confirm": "on"})
    assert "Last opp filen igjen" in response.content.decode()
    assert not world.steering_group.memberships.filter(person__name="Kari Nordmann").exists()


def test_the_groups_secretary_imports_into_her_group_and_no_other(world, client_for):
    client = client_for(world.users["secretary"])
    response = preview(client, world.steering_group, csv_file("navn\nKari Nordmann\n"))
    assert confirm(client, world.steering_group, response).status_code == 302
    assert world.steering_group.memberships.filter(person__name="Kari Nordmann").exists()
    upload = csv_file("navn\nKari Nordmann\n")
    assert client.post(url_for(world.working_group), {"file": upload}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_someone_seated_after_the_preview_refuses_the_whole_import(client):
    world = build_world()
    group = world.working_group
    ola = PersonFactory(name="Ola Normann", organisation=world.asnes)
    client.force_login(world.users["project_admin"])
    response = preview(client, group, csv_file("navn\nNy Person\nOla Normann\n"))
    services.group_membership_add(group=group, person=ola, role="member")
    response = confirm(client, group, response)
    assert response.status_code == 200
    assert "Ola Normann sitter allerede i gruppen" in response.content.decode()
    assert group.memberships.count() == 1
    assert not Person.objects.filter(name="Ny Person").exists()
