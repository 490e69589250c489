"""Agreement pages. Each view fetches its agreement through projects.permissions first."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agreements import drafting, seal, selectors, services
from agreements.drafting import PartySpec
from agreements.forms import (
    AgreementCreateForm,
    AgreementEditForm,
    ApprovalForm,
    AttachmentForm,
    CommentForm,
    ConsultationForm,
    FillInForm,
    PartyForm,
    ScanForm,
    SectionsForm,
    SignForm,
    VerifyForm,
    VerifyLookupForm,
)
from agreements.template_texts import get_template
from projects import permissions
from projects.models import Person
from projects.permissions import CHANGE_PROJECT
from samarbeid.auth import login_required
from samarbeid.conflicts import WorkflowError
from samarbeid.views import form_page, save_edit, save_or_errors


def _manage(request, agreement_id):
    return permissions.get_agreement_for_user(request.user, agreement_id, manage=True)


@login_required
@require_safe
def my_agreements(request):
    rows = selectors.agreements_for_my_organisation(request.user)
    return render(request, "agreements/my_agreements.html", {"rows": rows})


def _default_signatory(organisation) -> PartySpec:
    """The organisation's director with a person record signs, if there is exactly one."""
    people = list(
        Person.objects.filter(organisation=organisation, user__is_director=True).order_by("pk")[:2]
    )
    if len(people) == 1:
        return PartySpec(organisation, people[0], people[0].title)
    return PartySpec(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request, slug):
    project = permissions.get_project_for_user(request.user, slug, perm=CHANGE_PROJECT)
    form = AgreementCreateForm(request.POST or None, project=project)
    if form.is_valid():
        data = form.cleaned_data
        parties = [_default_signatory(o) for o in data["parties"]]
        template = get_template(data["template"])
        if template is not None:

            def create():
                return drafting.agreement_create_from_template(
                    project=project,
                    template=template,
                    title=data["title"],
                    parties=parties,
                    host_municipality=data["host_municipality"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    revision_interval_months=data["revision_interval_months"],
                    by=request.user,
                )
        else:

            def create():
                return drafting.agreement_create_blank(
                    project=project,
                    kind=data["kind"],
                    title=data["title"],
                    parties=parties,
                    host_municipality=data["host_municipality"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    revision_interval_months=data["revision_interval_months"],
                    by=request.user,
                )

        agreement, _conflict = save_or_errors(form, create)
        if agreement:
            messages.success(request, _("The agreement was created."))
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("New agreement in %(project)s") % {"project": project},
        back_url=project.get_absolute_url(),
        submit_label=_("Create the agreement"),
    )


@login_required
@require_safe
def agreement_detail(request, agreement_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    consultation = agreement.consultation_rounds.order_by("-opened_at").first()
    abilities = permissions.agreement_abilities(
        request.user, agreement, consultation if consultation and consultation.is_open else None
    )
    version = drafting.current_version(agreement)
    # missing_steps reads every party's organisation, approval and signature: once, not per party.
    prefetch_related_objects([agreement], "parties__organisation", "approvals", "signatures")
    context = {
        "agreement": agreement,
        "abilities": abilities,
        "version": version,
        "versions": agreement.versions.select_related("created_by").order_by("-number"),
        "parties": agreement.parties.select_related("organisation", "signatory"),
        "open_items": drafting.open_fill_ins(agreement, version),
        "missing": services.missing_steps(agreement),
        "awaiting_approval": services.awaiting_approval(agreement),
        "approved_party_ids": {approval.party_id for approval in agreement.approvals.all()},
        "consultation": consultation,
        "comments": selectors.comments_by_section(consultation),
        "approvals": agreement.approvals.select_related(
            "party__organisation", "decision", "attachment"
        ),
        "signatures": agreement.signatures.order_by("signed_at"),
        "attachments": agreement.attachments.all(),
        "comment_form": CommentForm(),
        **selectors.agreement_links(request.user, agreement),
    }
    return render(request, "agreements/agreement_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, agreement_id):
    agreement = _manage(request, agreement_id)
    form = AgreementEditForm(request.POST or None, instance=agreement)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(
            form, drafting.agreement_update, agreement=agreement, by=request.user
        )
        if saved:
            messages.success(request, _("The agreement was saved."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Edit %(agreement)s") % {"agreement": agreement},
        back_url=agreement.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def party_edit(request, agreement_id, party_id):
    agreement = _manage(request, agreement_id)
    party = get_object_or_404(agreement.parties.select_related("organisation"), pk=party_id)
    form = PartyForm(request.POST or None, instance=party)
    conflict = None
    if form.is_valid():
        saved, conflict = save_edit(form, drafting.party_update, party=party, by=request.user)
        if saved:
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Who signs for %(party)s") % {"party": party.organisation},
        back_url=agreement.get_absolute_url(),
        conflict=conflict,
    )


@login_required
@require_http_methods(["GET", "POST"])
def text_edit(request, agreement_id):
    agreement = _manage(request, agreement_id)
    version = drafting.current_version(agreement)
    form = SectionsForm(
        request.POST or None, sections=version.sections, initial={"seen_version": version.number}
    )
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: drafting.agreement_save_version(
                agreement=agreement,
                sections=form.sections(),
                seen_version=form.cleaned_data["seen_version"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
        )
        if saved:
            messages.success(request, _("Saved as version %(number)s.") % {"number": saved.number})
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Edit the text of %(agreement)s") % {"agreement": agreement},
        intro=_("Saving keeps this text as a new version; earlier versions stay as they were."),
        back_url=agreement.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def fill_in(request, agreement_id):
    agreement = _manage(request, agreement_id)
    version = drafting.current_version(agreement)
    open_items = drafting.open_fill_ins(agreement, version)
    form = FillInForm(
        request.POST or None, open_items=open_items, initial={"seen_version": version.number}
    )
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: drafting.agreement_fill_in(
                agreement=agreement,
                answers=form.answers(),
                seen_version=form.cleaned_data["seen_version"],
                by=request.user,
            ),
        )
        if saved:
            messages.success(request, _("Saved as version %(number)s.") % {"number": saved.number})
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Fill in %(agreement)s") % {"agreement": agreement},
        intro=_(
            "Each answer replaces the blank everywhere it stands. Leave a blank empty to "
            "answer it later."
        )
        if open_items
        else _("Nothing is left to fill in."),
        back_url=agreement.get_absolute_url(),
    )


@login_required
@require_safe
def version_diff(request, agreement_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    versions = {v.number: v for v in agreement.versions.all()}
    try:
        newer = versions[int(request.GET.get("til") or max(versions))]
        older = versions[int(request.GET.get("fra") or max(newer.number - 1, 1))]
    except (KeyError, ValueError):
        raise Http404 from None
    context = {
        "agreement": agreement,
        "older": older,
        "newer": newer,
        "numbers": sorted(versions),
        "diffs": selectors.section_diffs(older, newer),
    }
    return render(request, "agreements/version_diff.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_open(request, agreement_id):
    agreement = _manage(request, agreement_id)
    form = ConsultationForm(request.POST or None, agreement=agreement)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.consultation_open(
                agreement=agreement, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The consultation round is open."))
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Send %(agreement)s on consultation") % {"agreement": agreement},
        back_url=agreement.get_absolute_url(),
        submit_label=_("Open the consultation round"),
    )


@login_required
@require_POST
def comment_add(request, agreement_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    consultation = agreement.consultation_rounds.filter(closed_at__isnull=True).first()
    if (
        consultation is None
        or not permissions.agreement_abilities(request.user, agreement, consultation).comment
    ):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_comment_add(
                consultation=consultation, by=request.user, **form.cleaned_data
            )
        except (WorkflowError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("Write a comment before sending."))
    return redirect(f"{agreement.get_absolute_url()}#punkt-{form.data.get('section_number', '')}")


@login_required
@require_http_methods(["GET", "POST"])
def approval_record(request, agreement_id, party_id):
    agreement = _manage(request, agreement_id)
    party = get_object_or_404(agreement.parties.select_related("organisation"), pk=party_id)
    form = ApprovalForm(
        request.POST or None,
        request.FILES or None,
        initial={"council": f"{party.organisation.name} – kommunestyret"},
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")

        def record():
            attachment = None
            if upload is not None:
                attachment = services.attachment_add(
                    agreement=agreement,
                    upload=upload,
                    kind="council_decision",
                    title=data["case_number"],
                    by=request.user,
                )
            return services.approval_record(
                agreement=agreement, party=party, attachment=attachment, by=request.user, **data
            )

        saved, _conflict = save_or_errors(form, record)
        if saved:
            messages.success(request, _("The council's approval was recorded."))
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Council approval from %(party)s") % {"party": party.organisation},
        back_url=agreement.get_absolute_url(),
        template="agreements/upload_form.html",
    )


STEPS = {
    "send-til-signering": (
        services.agreement_send_for_signing,
        _("Send for signing?"),
        _("The text is frozen; each party's signatory can then sign it in the portal."),
        _("Sent for signing."),
    ),
    "gjenapne": (
        services.agreement_reopen,
        _("Reopen for changes?"),
        _("Signatures already given are voided: every party must sign the new text again."),
        _("The agreement is open for changes again."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def agreement_step(request, agreement_id, step):
    agreement = _manage(request, agreement_id)
    if step not in STEPS:
        raise Http404
    service, title, intro, done = STEPS[step]
    form = forms.Form(request.POST or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form, lambda: service(agreement=agreement, by=request.user)
        )
        if saved:
            messages.success(request, done)
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=title,
        intro=intro,
        submit_label=title.rstrip("?"),
        back_url=agreement.get_absolute_url(),
    )


def _client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by clients too unless a proxy rewrites it.
    return request.META.get("REMOTE_ADDR") or None


@login_required
@require_http_methods(["GET", "POST"])
def agreement_sign(request, agreement_id, party_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    party = permissions.get_party_to_sign(request.user, agreement, party_id)
    version = drafting.current_version(agreement)
    form = SignForm(request.POST or None, initial={"version": version.number})
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.agreement_sign(
                agreement=agreement,
                party=party,
                user=request.user,
                password=form.cleaned_data["password"],
                version_number=form.cleaned_data["version"],
                ip_address=_client_ip(request),
            ),
        )
        if saved:
            messages.success(request, _("You signed for %(party)s.") % {"party": party})
            return redirect(agreement)
    context = {
        "form": form,
        "agreement": agreement,
        "party": party,
        "version": version,
        "ready": agreement.status == agreement.Status.AGREED,
        # The service refuses too; the page only says so before the password is typed.
        "awaiting_approval": party.pk in services.awaiting_approval(agreement),
    }
    return render(request, "agreements/sign.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, agreement_id):
    agreement = _manage(request, agreement_id)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        saved, _conflict = save_or_errors(
            form,
            lambda: services.attachment_add(
                agreement=agreement,
                upload=data["file"],
                kind=data["kind"],
                title=data["title"],
                by=request.user,
            ),
        )
        if saved:
            messages.success(request, _("%(name)s was attached.") % {"name": saved})
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Attach a document to %(agreement)s") % {"agreement": agreement},
        back_url=agreement.get_absolute_url(),
        template="agreements/upload_form.html",
    )


@login_required
@require_safe
def attachment_download(request, agreement_id, attachment_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    attachment = get_object_or_404(agreement.attachments, pk=attachment_id)
    return _serve(attachment.file, attachment.original_name, attachment.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def scan_upload(request, agreement_id):
    agreement = _manage(request, agreement_id)
    form = ScanForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        saved, _conflict = save_or_errors(
            form,
            lambda: services.agreement_complete_with_scan(
                agreement=agreement, upload=form.cleaned_data["file"], by=request.user
            ),
        )
        if saved:
            messages.success(request, _("The signed agreement was stored; it is now locked."))
            return redirect(agreement)
    return form_page(
        request,
        form,
        title=_("Upload the agreement signed on paper"),
        intro=_("Instead of signing in the portal: the scan completes and locks the agreement."),
        back_url=agreement.get_absolute_url(),
        template="agreements/upload_form.html",
    )


@login_required
@require_safe
def signed_pdf(request, agreement_id):
    agreement = permissions.get_agreement_for_user(request.user, agreement_id)
    if not agreement.signed_pdf:
        raise Http404
    name = f"{agreement.title} – signert.pdf"
    return _serve(agreement.signed_pdf, name, "application/pdf")


def _serve(file, name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Not for shared caches: the same URL answers differently to different people.
    patch_cache_control(response, private=True)
    return response


@require_http_methods(["GET", "POST"])
def verify(request):
    """Open to everyone: does an uploaded PDF carry this portal's seal, unchanged? And (GET):
    does the portal hold a sealed agreement with this document number or SHA-256?"""
    form = VerifyForm(request.POST or None, request.FILES or None)
    lookup = VerifyLookupForm(request.GET if "q" in request.GET else None)
    result = None
    if form.is_valid():
        try:
            result = seal.check_seal(form.cleaned_data["file"].read())
        except seal.SealError:
            form.add_error(
                None, _("The portal has no seal certificate yet; nothing can be checked.")
            )
    context = {"form": form, "result": result, "lookup": lookup}
    if lookup.is_valid():
        context["found"] = selectors.sealed_agreement_lookup(**lookup.cleaned_data["q"])
        context["looked_up"] = True
        context["looked_up_sha256"] = lookup.cleaned_data["q"].get("sha256", "")
    return render(request, "agreements/verify.html", context)
