"""Role × object × action → expected status, generated from one table.

Every URL pattern of the project must appear in URLS below: a new view without
an entry fails ``test_every_url_pattern_is_in_the_matrix``, so no view ships
without its permission check being exercised.

Expected answers: 200 (or a redirect after a successful POST), 302 to the login
page for anonymous visitors, 404 where the object must not even be known.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES, build_world

ALLOWED, LOGIN, HIDDEN = "allowed", "login", "hidden"


@dataclass(frozen=True)
class Case:
    url_name: str
    method: str
    # Builds the reverse() args from the world and the object under test.
    args: Callable
    # Which roles may act on this object; anonymous is always sent to log in.
    allowed: frozenset[str]


def project_args(world, obj):
    return [obj["project"].slug]


def funding_args(world, obj):
    return [obj["project"].slug, obj["funding_line"].pk]


def activity_args(world, obj):
    return [obj["project"].slug, obj["activity"].pk]


def group_args(world, obj):
    return [obj["project"].slug, obj["group"].pk]


def phase_args(world, obj):
    return [obj["project"].slug, obj["phase"].number]


def participation_args(world, obj):
    return [obj["project"].slug, obj["participation"].pk]


def progress_args(world, obj):
    return [obj["project"].slug, obj["activity"].pk, obj["organisation"].pk]


def membership_args(world, obj):
    return [obj["project"].slug, obj["group"].pk, obj["membership"].pk]


def person_args(world, obj):
    return [obj["membership"].person_id]


def group_id_args(world, obj):
    return [obj["group"].pk]


def meeting_args(world, obj):
    return [obj["meeting"].pk]


def approved_meeting_args(world, obj):
    return [obj["approved_meeting"].pk]


def case_args(world, obj):
    return [obj["meeting"].pk, obj["case"].pk]


def restore_args(world, obj):
    case = obj["case"]
    return [obj["meeting"].pk, case.pk, case.history.earliest().history_id]


def queued_args(world, obj):
    return [obj["meeting"].pk, obj["queued"].pk]


def item_args(world, obj):
    return [obj["meeting"].pk, obj["item"].pk]


def item_id_args(world, obj):
    return [obj["item"].pk]


def csv_project_args(world, obj):
    return [obj["project"].slug, "csv"]


def xlsx_group_args(world, obj):
    return [obj["group"].pk, "xlsx"]


def step_args(world, obj):
    return [obj["meeting"].pk, "publiser"]


def attachment_args(world, obj):
    return [obj["meeting"].pk, obj["attachment"].pk]


def agreement_args(world, obj):
    return [obj["agreement"].pk]


def agreed_args(world, obj):
    return [obj["agreed_agreement"].pk]


def signed_args(world, obj):
    return [obj["signed_agreement"].pk]


def party_args(world, obj):
    return [obj["agreement"].pk, obj["agreement"].parties.first().pk]


def signing_args(world, obj):
    return [obj["agreed_agreement"].pk, obj["signing_party"].pk]


def agreement_step_args(world, obj):
    return [obj["agreed_agreement"].pk, "gjenapne"]


def agreement_attachment_args(world, obj):
    return [obj["agreement"].pk, obj["agreement_attachment"].pk]


def organisation_args(world, obj):
    return [obj["organisation"].pk]


def editable_organisation_args(world, obj):
    return [obj["editable_organisation"].pk]


def seated_person_args(world, obj):
    return [obj["membership"].person.pk]


def archive_args(world, obj):
    return [obj["approved_meeting"].pk, obj["archive"].pk]


READERS_OF_VAG = frozenset(
    {"portal_admin", "project_admin", "secretary", "member", "reader", "director"}
)
CHANGERS_OF_VAG = frozenset({"portal_admin", "project_admin"})
READERS_OF_OTHER = frozenset({"portal_admin", "outsider"})
CHANGERS_OF_OTHER = frozenset({"portal_admin"})
# A group's roster: the project admin and the group's own secretary (of VÅG's steering group).
ROSTER_KEEPERS_OF_VAG = CHANGERS_OF_VAG | {"secretary"}
# Meetings: the steering group's secretary and the project admin record minutes; members
# also see drafts and comment; readers of the project see approved minutes only.
SECRETARIES_OF_VAG = frozenset({"portal_admin", "project_admin", "secretary"})
INSIDERS_OF_VAG = SECRETARIES_OF_VAG | {"member"}
NOBODY_BUT_ADMIN = frozenset({"portal_admin"})
# Agreements: the parties' people (Våler and Grue in VÅG, Bodø in the other project) and the
# project's admins; Åsnes takes part in VÅG but is no party, so its secretary sees nothing.
AGREEMENT_READERS_OF_VAG = READERS_OF_VAG - {"secretary"}
SIGNATORY_OF_VAG = frozenset({"director"})
SIGNATORY_OF_OTHER = frozenset({"outsider"})
# People (projects/person_permissions.py): the VÅG person is the steering group's member
# from Grue, the other a member of the Bodø group. Their projects' readers see them; the
# project admin and the secretary who seats them manage them; merging needs the project admin.
PERSON_MANAGERS_OF_VAG = frozenset({"portal_admin", "project_admin", "secretary"})

LOGGED_IN = frozenset(ROLES) - {"anonymous"}

# (url name, method, args, who may on VÅG, who may on the unrelated project)
URLS = [
    # The register is national: everyone logged in reads it. Project admins of any project
    # edit what was created by hand (a NAV office for VÅG); a municipality from SSB's
    # register (Bodø for the other project) only the portal admin.
    ("organisations:detail", "get", organisation_args, LOGGED_IN, LOGGED_IN),
    ("organisations:edit", "get", editable_organisation_args, CHANGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("organisations:edit", "post", editable_organisation_args, CHANGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("people:detail", "get", person_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("people:edit", "get", person_args, PERSON_MANAGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("people:edit", "post", person_args, PERSON_MANAGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("people:leave", "get", person_args, PERSON_MANAGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("people:leave", "post", person_args, PERSON_MANAGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("people:merge", "get", person_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("people:merge", "post", person_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:detail", "get", project_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("projects:edit", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:edit", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:phase_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    # Projects run from the portal (issue 14): pilots, closing, archiving, the plan's money
    # and the progress matrix's rows, all by whoever may change the project.
    ("projects:pilot_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:pilot_create", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:close", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:close", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:archive", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:archive", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:reopen", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:reopen", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_create", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_edit", "get", funding_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_edit", "post", funding_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_delete", "get", funding_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:funding_delete", "post", funding_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_create", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_edit", "get", activity_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_edit", "post", activity_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_delete", "get", activity_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:activity_delete", "post", activity_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:phase_edit", "get", phase_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:participation_add", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    (
        "projects:participation_remove",
        "get",
        participation_args,
        CHANGERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    (
        "projects:participation_remove",
        "post",
        participation_args,
        CHANGERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    ("projects:decision_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:progress_edit", "get", progress_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:group_create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:group_detail", "get", group_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("projects:group_edit", "get", group_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:group_edit", "post", group_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:mandate_revise", "get", group_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:membership_add", "get", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:membership_add", "post", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:members_add", "get", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:members_add", "post", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:members_import", "get", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    ("projects:members_import", "post", group_args, ROSTER_KEEPERS_OF_VAG, CHANGERS_OF_OTHER),
    (
        "projects:membership_end",
        "get",
        membership_args,
        ROSTER_KEEPERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    (
        "projects:membership_end",
        "post",
        membership_args,
        ROSTER_KEEPERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    (
        "projects:membership_edit",
        "get",
        membership_args,
        ROSTER_KEEPERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    (
        "projects:membership_edit",
        "post",
        membership_args,
        ROSTER_KEEPERS_OF_VAG,
        CHANGERS_OF_OTHER,
    ),
    ("meetings:group_meetings", "get", group_id_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:create", "get", group_id_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:create", "post", group_id_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:word_import", "get", group_id_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:word_import", "post", group_id_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_propose", "get", group_id_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:detail", "get", meeting_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:detail", "get", approved_meeting_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:edit", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:edit", "post", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:participants", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:participants_add", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:participants_add", "post", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_create", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_edit", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_edit", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_move", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_history", "get", case_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_restore", "post", restore_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_delete", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_postpone", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_schedule", "post", queued_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_comment", "post", case_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_approve_minutes", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:action_item_create", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    # What a case decided into being: recorded by whoever records the minutes (issue 21).
    ("meetings:case_group_establish", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_group_establish", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_council_decision", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:case_council_decision", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("agreements:case_link", "get", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("agreements:case_link", "post", case_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:action_item_follow_up", "get", item_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:minutes_send", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:minutes_step", "get", step_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:attachment_upload", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:attachment_download", "get", attachment_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:attachment_remove", "get", attachment_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:attachment_remove", "post", attachment_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:minutes_pdf", "get", meeting_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:minutes_pdf", "get", approved_meeting_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:minutes_archive_pdf", "get", archive_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:invite", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:invite", "post", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:cancel", "get", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:cancel", "post", meeting_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    # Action items: the item is on draft minutes and names nobody, so only the group's
    # insiders see it and only its secretary (and the project admin) update it. Registers
    # are open to the project's readers, each seeing what their permissions allow.
    ("meetings:action_item_detail", "get", item_id_args, INSIDERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:action_item_update", "post", item_id_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("meetings:project_register", "get", project_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:project_register_export", "get", csv_project_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:group_register", "get", group_id_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("meetings:group_register_export", "get", xlsx_group_args, READERS_OF_VAG, READERS_OF_OTHER),
    ("agreements:create", "get", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:create", "post", project_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:detail", "get", agreement_args, AGREEMENT_READERS_OF_VAG, READERS_OF_OTHER),
    ("agreements:detail", "get", signed_args, AGREEMENT_READERS_OF_VAG, READERS_OF_OTHER),
    ("agreements:edit", "get", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:edit", "post", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:text_edit", "get", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:text_edit", "post", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:fill_in", "get", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:fill_in", "post", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:diff", "get", agreement_args, AGREEMENT_READERS_OF_VAG, READERS_OF_OTHER),
    ("agreements:party_edit", "get", party_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:party_edit", "post", party_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:approval_record", "get", party_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:approval_record", "post", party_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:consultation_open", "get", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:consultation_open", "post", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:comment", "post", agreement_args, AGREEMENT_READERS_OF_VAG, READERS_OF_OTHER),
    ("agreements:step", "get", agreement_step_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:step", "post", agreement_step_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:sign", "get", signing_args, SIGNATORY_OF_VAG, SIGNATORY_OF_OTHER),
    ("agreements:sign", "post", signing_args, SIGNATORY_OF_VAG, SIGNATORY_OF_OTHER),
    ("agreements:attachment_upload", "get", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:attachment_upload", "post", agreement_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    (
        "agreements:attachment_download",
        "get",
        agreement_attachment_args,
        AGREEMENT_READERS_OF_VAG,
        READERS_OF_OTHER,
    ),
    ("agreements:scan_upload", "get", agreed_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:scan_upload", "post", agreed_args, CHANGERS_OF_VAG, CHANGERS_OF_OTHER),
    ("agreements:signed_pdf", "get", signed_args, AGREEMENT_READERS_OF_VAG, READERS_OF_OTHER),
    # Giving a seated person a login: whoever runs their group (tests/accounts/test_invitations.py).
    ("accounts:person_invite", "get", seated_person_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
    ("accounts:person_invite", "post", seated_person_args, SECRETARIES_OF_VAG, NOBODY_BUT_ADMIN),
]

EVERYONE = frozenset(ROLES) - {"anonymous"}
# Pages that are not about one project: (url name, method, roles allowed, anonymous answer)
GLOBAL_URLS = [
    # Logged out, the home page is the public front door (tests/meetings/test_public_front.py).
    ("home", "get", EVERYONE, ALLOWED),
    ("meetings:public_front", "get", frozenset(ROLES), ALLOWED),
    # Published minutes only (tests/search/test_public_search.py): open to all, as they are.
    ("meetings:public_search", "get", frozenset(ROLES), ALLOWED),
    ("projects:list", "get", EVERYONE, LOGIN),
    ("people:list", "get", EVERYONE, LOGIN),
    ("people:create", "get", frozenset({"portal_admin", "project_admin", "secretary"}), LOGIN),
    ("people:create", "post", frozenset({"portal_admin", "project_admin", "secretary"}), LOGIN),
    ("projects:archived", "get", EVERYONE, LOGIN),
    # Project owners (projects.add_project, none in the cast) are tested in
    # tests/projects/test_project_create.py.
    ("projects:create", "get", NOBODY_BUT_ADMIN, LOGIN),
    ("projects:create", "post", NOBODY_BUT_ADMIN, LOGIN),
    ("login", "get", frozenset(ROLES), ALLOWED),
    ("logout", "post", frozenset(ROLES), ALLOWED),
    ("set_language", "post", frozenset(ROLES), ALLOWED),
    ("health", "get", frozenset(ROLES), ALLOWED),
    ("agreements:mine", "get", EVERYONE, LOGIN),
    ("notifications:preferences", "get", EVERYONE, LOGIN),
    ("meetings:my_action_items", "get", EVERYONE, LOGIN),
    ("meetings:calendar_feeds", "get", EVERYONE, LOGIN),
    ("organisations:list", "get", EVERYONE, LOGIN),
    ("organisations:search", "get", EVERYONE, LOGIN),
    ("search:results", "get", EVERYONE, LOGIN),
    # Whoever runs a project registers the NAV offices and agencies it works with.
    ("organisations:create", "get", frozenset({"portal_admin", "project_admin"}), LOGIN),
    ("organisations:create", "post", frozenset({"portal_admin", "project_admin"}), LOGIN),
    # Asking for a new password needs no login (tests/accounts/test_password_reset.py).
    ("password_reset", "get", frozenset(ROLES), ALLOWED),
    ("password_reset", "post", frozenset(ROLES), ALLOWED),
    ("password_reset_done", "get", frozenset(ROLES), ALLOWED),
    ("password_reset_complete", "get", frozenset(ROLES), ALLOWED),
]
# Public pages answer the same to everyone, logged in or not: published minutes only.
PUBLIC_URLS = [
    # The register is national: everyone logged in reads it. Project admins of any project
    # edit what was created by hand (a NAV office for VÅG); a municipality from SSB's
    # register (Bodø for the other project) only the portal admin.
    ("organisations:detail", "get", organisation_args, LOGGED_IN, LOGGED_IN),
    ("organisations:edit", "get", editable_organisation_args, CHANGERS_OF_VAG, NOBODY_BUT_ADMIN),
    ("organisations:edit", "post", editable_organisation_args, CHANGERS_OF_VAG, NOBODY_BUT_ADMIN),
    "meetings:public_project",
    "meetings:public_feed",
    "meetings:public_meeting",
    "meetings:public_attachment_download",
    # Anyone may check a PDF's seal: tests/agreements/test_seal.py.
    "agreements:verify",
    "meetings:public_minutes_pdf",
    # The same published version as eInnsyn XML: tests/meetings/test_einnsyn_export.py.
    "meetings:public_meeting_einnsyn",
    # Open data, OParl-shaped JSON of the published versions, the same for everyone
    # (test_open_data_answers_everyone_alike below; tests/opendata/ crawls every object).
    "oparl:api-root",
    "oparl:openapi-json",
    "oparl:system",
    "oparl:body_list",
    "oparl:body",
    "oparl:paper_list",
    "oparl:organization_list",
    "oparl:group",
    "oparl:member",
    "oparl:person_list",
    "oparl:person",
    "oparl:meeting_list",
    "oparl:meeting",
    "oparl:location",
    "oparl:agenda_item",
    "oparl:minutes_file",
    "oparl:file",
]
# Answered in JSON for the editor script, so anonymous gets 401 rather than a login redirect;
# every role is checked in tests/meetings/test_editor.py::test_autosave_answers_each_role.
JSON_URLS = ["meetings:case_autosave"]
# The archive packages answer 403, not 404, to those who see the group but do not administer
# the project: checked per role below (test_archive_matrix), and in tests/archive/.
ARCHIVE_URLS = [
    ("archive:exports", "get"),
    ("archive:exports", "post"),
    ("archive:download", "get"),
]
# A secret in the address stands for the user: checked with forged and revoked secrets in
# tests/notifications/test_notify_once.py and tests/meetings/test_calendar_feeds.py.
# The password links are checked with forged and spent tokens in tests/accounts/.
TOKEN_URLS = [
    "notifications:unsubscribe",
    "meetings:calendar_feed",
    "password_reset_confirm",
    "accounts:invitation_accept",
    # The Word import's preview: its token lives only in the uploader's session. Others, a
    # member and a forged token get 404 in tests/meetings/test_word_import.py.
    "meetings:word_import_preview",
]
# Signing in with an OpenID provider is open to everyone, as the login page is; the flow with a
# real provider, and each refusal, is in tests/oidc/test_signin.py.
SIGN_IN_URLS = ["oidc_login", "oidc_callback"]
# Django's admin checks is_staff itself; only the portal admin is staff.
ADMIN_URL_PREFIX = "admin:"


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """The cast and every object, built once for this module's several hundred cases.

    Built inside a transaction that is rolled back when the module ends; each test runs
    in a savepoint of it (pytest-django's ``db``), so what a POST changes is undone at
    once and the next case sees the same world.
    """
    media = tmp_path_factory.mktemp("media")
    storages = {
        **django_settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media},
        },
    }
    with (
        override_settings(MEDIA_ROOT=media, STORAGES=storages),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build_world()
        yield world, _objects(world)
        transaction.set_rollback(True)


@pytest.fixture
def world_and_objects(matrix, db):
    return matrix


def _objects(world):
    from projects import services
    from projects.models import ProgressActivity

    def facts(project, group, organisation):
        phase = services.phase_create(project=project, number=1, title="Forankring")
        activity = ProgressActivity.objects.create(project=project, title="Vedtak", phase=phase)
        return _meeting_objects(group, world.users["portal_admin"]) | {
            "project": project,
            "group": group,
            "phase": phase,
            "participation": project.participations.get(organisation=organisation),
            "activity": activity,
            "funding_line": services.funding_line_create(
                project=project, source="Skjønnsmidler", amount=250000, year=2019
            ),
            "organisation": organisation,
            "membership": group.memberships.first() or _seat_someone(group, organisation),
        }

    vag_signatories = [
        (world.valer, world.users["director"]),
        (world.grue, world.users["member"]),
    ]
    other_signatories = [
        (world.bodo, world.users["outsider"]),
        (services.organisation_create(name="NAV Testfylke", kind="nav_county"), None),
    ]
    nav_office = services.organisation_create(name="NAV Våler", kind="nav_office")
    return {
        "vag": facts(world.project, world.steering_group, world.grue)
        | _agreement_objects(world, world.project, vag_signatories)
        | {"editable_organisation": nav_office},
        "other": facts(world.other_project, world.other_group, world.bodo)
        | _agreement_objects(world, world.other_project, other_signatories)
        | {"editable_organisation": world.bodo},
    }


def _agreement_objects(world, project, signatories):
    from django.core.files.base import ContentFile

    from agreements import services as agreement_services
    from agreements.drafting import PartySpec
    from tests.agreements.helpers import blank_agreement, in_an_hour, person_for, write_text

    def parties():
        return [
            PartySpec(org, person_for(user) if user else None, "kommunedirektør")
            for org, user in signatories
        ]

    def agreed(title):
        agreement = blank_agreement(world, project=project, parties=parties(), title=title)
        write_text(agreement)
        return agreement_services.agreement_send_for_signing(agreement=agreement, by=None)

    agreement = blank_agreement(world, project=project, parties=parties())
    write_text(agreement)
    agreement_services.consultation_open(
        agreement=agreement,
        title="Høring",
        deadline=in_an_hour(),
        invited=[org for org, _user in signatories],
        by=None,
    )
    attachment = agreement_services.attachment_add(
        agreement=agreement,
        upload=ContentFile(SMALL_PDF, name="Driftsavtale.pdf"),
        kind="operating_agreement",
        by=None,
    )
    agreed_agreement = agreed("Til signering")
    signed = agreement_services.agreement_complete_with_scan(
        agreement=agreed("Signert"),
        upload=ContentFile(SMALL_PDF, name="signert.pdf"),
        by=None,
    )
    return {
        "agreement": agreement,
        "agreement_attachment": attachment,
        "agreed_agreement": agreed_agreement,
        "signing_party": agreed_agreement.parties.first(),
        "signed_agreement": signed,
    }


# The smallest file the attachment checks take for a PDF.
SMALL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n"


def _meeting_objects(group, uploader):
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings import attachments, minutes_pdf
    from meetings import services as meeting_services

    def attach(meeting, name, **kwargs):
        upload = ContentFile(SMALL_PDF, name=name)
        return attachments.attachment_add(meeting=meeting, upload=upload, by=uploader, **kwargs)

    def plan(day):
        return meeting_services.meeting_plan(
            group=group,
            title="Styringsgruppemøte",
            starts_at=timezone.make_aware(datetime.datetime(2018, 9, day, 11)),
        )

    approved = plan(14)
    meeting_services.minutes_approve(meeting=approved, by=None)
    archive = minutes_pdf.minutes_archive_file(meeting_id=approved.pk, version="internal")
    published = plan(20)
    # Attached before publishing: the published version lists what it holds when frozen.
    published_attachment = attach(published, "Referat.pdf")
    confidential_attachment = attach(published, "Notat.pdf", confidential=True)
    meeting_services.minutes_publish(meeting=published, by=None)
    meeting = plan(28)
    case = meeting.cases.first()
    attachment = attach(meeting, "Saksdokument.pdf")
    item = meeting_services.action_item_add(
        case=case, description="Følge opp", responsible_note="Alle"
    )
    queued = meeting_services.case_propose(group=group, title="Forslag")
    return {
        "meeting": meeting,
        "approved_meeting": approved,
        "archive": archive,
        "published_meeting": published,
        "case": case,
        "item": item,
        "queued": queued,
        "attachment": attachment,
        "published_attachment": published_attachment,
        "confidential_attachment": confidential_attachment,
    }


def _seat_someone(group, organisation):
    from projects import services

    person = services.person_create(name="Kari Nordmann", organisation=organisation)
    return services.group_membership_add(group=group, person=person, role="member")


def expected(role, allowed):
    if role == "anonymous":
        return LOGIN
    return ALLOWED if role in allowed else HIDDEN


def _matrix():
    return list(_cases())


def _cases():
    for url_name, method, args, vag_allowed, other_allowed in URLS:
        for target, allowed in (("vag", vag_allowed), ("other", other_allowed)):
            for role in ROLES:
                yield pytest.param(
                    url_name,
                    method,
                    args,
                    target,
                    role,
                    expected(role, allowed),
                    id=f"{url_name}-{method}-{target}-{role}",
                )


def check(response, outcome, method):
    if outcome == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif outcome == HIDDEN:
        assert response.status_code == 404
    elif method == "get":
        assert response.status_code == 200
    else:
        # A POST that passes the check either redirects on success or re-shows the form.
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize(("url_name", "method", "args", "target", "role", "outcome"), _matrix())
def test_project_matrix(
    world_and_objects, client_for, url_name, method, args, target, role, outcome
):
    world, objects = world_and_objects
    url = reverse(url_name, args=args(world, objects[target]))
    client = client_for(world.users[role])
    response = getattr(client, method)(url, {})
    check(response, outcome, method)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "method", "allowed", "anonymous"), GLOBAL_URLS)
def test_global_matrix(world_and_objects, client_for, url_name, method, allowed, anonymous, role):
    world, _objects = world_and_objects
    client = client_for(world.users[role])
    data = {"language": "en", "next": "/"} if url_name == "set_language" else {}
    response = getattr(client, method)(reverse(url_name), data)
    outcome = anonymous if role == "anonymous" else expected(role, allowed)
    if url_name in ("logout", "set_language") or (url_name == "login" and role != "anonymous"):
        # These answer by redirecting on purpose; what matters is that nobody gets a 404/500.
        assert response.status_code == 302
        return
    check(response, outcome, method)


@pytest.mark.parametrize("role", ROLES)
def test_sign_in_urls_answer_every_role(world_and_objects, client_for, role, settings):
    world, _objects = world_and_objects
    client = client_for(world.users[role])
    settings.OIDC_PROVIDERS = ()
    # No provider of that name (none configured): 404, for everyone alike.
    assert client.get(reverse("oidc_login", args=["entra"])).status_code == 404
    # A return from a provider this session never went to: back to the login page.
    response = client.get(reverse("oidc_callback"), {"code": "x", "state": "y"})
    assert (response.status_code, response["Location"]) == (302, reverse("login"))


@pytest.mark.parametrize("role", ROLES)
def test_admin_only_for_staff(world_and_objects, client_for, role):
    world, _objects = world_and_objects
    response = client_for(world.users[role]).get(reverse("admin:index"))
    if role == "portal_admin":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def _all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _all_url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or f'<unnamed {entry.pattern}>'}"


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_show_published_minutes_only(world_and_objects, client_for, role):
    world, all_objects = world_and_objects
    objects = all_objects["vag"]
    client = client_for(world.users[role])
    published, draft = objects["published_meeting"], objects["meeting"]
    assert client.get(reverse("meetings:public_project", args=["vag"])).status_code == 200
    assert client.get(reverse("meetings:public_feed", args=["vag"])).status_code == 200
    assert client.get(reverse("meetings:public_meeting", args=[published.pk])).status_code == 200
    assert client.get(reverse("meetings:public_meeting", args=[draft.pk])).status_code == 404
    pdf = client.get(reverse("meetings:public_minutes_pdf", args=[published.pk]))
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert client.get(reverse("meetings:public_minutes_pdf", args=[draft.pk])).status_code == 404
    xml = client.get(reverse("meetings:public_meeting_einnsyn", args=[published.pk]))
    assert (xml.status_code, xml["Content-Type"]) == (200, "application/xml; charset=utf-8")
    assert (
        client.get(reverse("meetings:public_meeting_einnsyn", args=[draft.pk])).status_code == 404
    )
    # Attachments: the open ones of published minutes; never confidential ones or drafts'.
    for name, status in (
        ("published_attachment", 200),
        ("confidential_attachment", 404),
        ("attachment", 404),
    ):
        attachment = objects[name]
        url = reverse(
            "meetings:public_attachment_download", args=[attachment.meeting_id, attachment.pk]
        )
        response = client.get(url)
        assert response.status_code == status, name
        if status == 200:
            assert b"".join(response.streaming_content) == SMALL_PDF
    # A project with nothing published is not public, and neither is its existence.
    from meetings import services as meeting_services

    for meeting in world.other_project.groups.get().meetings.published():
        meeting_services.minutes_unpublish(meeting=meeting, by=None, reason="Feil")
    assert client.get(reverse("meetings:public_project", args=["bodo"])).status_code == 404
    assert client.get(reverse("meetings:public_feed", args=["bodo"])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_open_data_answers_everyone_alike(world_and_objects, client_for, role):
    world, all_objects = world_and_objects
    objects = all_objects["vag"]
    client = client_for(world.users[role])
    published, draft = objects["published_meeting"], objects["meeting"]
    answers = {}
    for name, args in (
        ("oparl:system", []),
        ("oparl:body_list", []),
        ("oparl:body", ["vag"]),
        ("oparl:meeting_list", ["vag"]),
        ("oparl:person_list", ["vag"]),
        ("oparl:organization_list", ["vag"]),
        ("oparl:paper_list", ["vag"]),
        ("oparl:meeting", [published.pk]),
        ("oparl:minutes_file", [published.pk]),
        ("oparl:openapi-json", []),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        answers[name] = response.content
    assert client.get(reverse("oparl:api-root")).status_code == 302
    for name in ("oparl:meeting", "oparl:minutes_file", "oparl:location"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404
    attachment = objects["confidential_attachment"]
    url = reverse("oparl:file", args=[attachment.meeting_id, attachment.pk])
    assert client.get(url).status_code == 404
    # The answers do not depend on who asks.
    anonymous = client_for(None)
    assert (
        anonymous.get(reverse("oparl:meeting", args=[published.pk])).content
        == (answers["oparl:meeting"])
    )


@pytest.mark.parametrize("target", ["vag", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("url_name", "method"), ARCHIVE_URLS)
def test_archive_matrix(world_and_objects, client_for, media, url_name, method, target, role):
    from django.core.files.base import ContentFile

    from archive.models import ArchiveExport

    world, objects = world_and_objects
    group, project = objects[target]["group"], objects[target]["project"]
    export = ArchiveExport(group=group, year=2018, requested_by=world.users["portal_admin"])
    export.status = ArchiveExport.Status.DONE
    export.file.save("pakke.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
    export.save()
    args = [project.slug, group.pk] + ([export.pk] if url_name == "archive:download" else [])
    response = getattr(client_for(world.users[role]), method)(reverse(url_name, args=args), {})
    readers = READERS_OF_VAG if target == "vag" else READERS_OF_OTHER
    changers = CHANGERS_OF_VAG if target == "vag" else CHANGERS_OF_OTHER
    if role == "anonymous":
        check(response, LOGIN, method)
    elif role in changers:
        check(response, ALLOWED, method)
    else:
        assert response.status_code == (403 if role in readers else 404)


def test_every_url_pattern_is_in_the_matrix():
    covered = (
        {name for name, *_ in URLS}
        | {name for name, *_ in GLOBAL_URLS}
        | set(PUBLIC_URLS)
        | set(JSON_URLS)
        | set(TOKEN_URLS)
        | set(SIGN_IN_URLS)
        | {name for name, _method in ARCHIVE_URLS}
    )
    missing = [
        name
        for name in _all_url_names()
        if name not in covered and not name.startswith(ADMIN_URL_PREFIX)
    ]
    assert missing == [], f"URL patterns without a permission-matrix entry: {missing}"


def test_matrix_is_big_and_mostly_denials():
    cases = list(_matrix())
    denials = [case for case in cases if case.values[-1] != ALLOWED]
    assert len(cases) >= 100
    assert len(denials) > len(cases) / 2
