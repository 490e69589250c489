from django.shortcuts import render

from samarbeid.auth import login_required
from search.forms import SearchForm
from search.selectors import results_page, search_entries
from search.snippets import snippet

PAGE_SIZE = 20


@login_required
def results(request):
    form = SearchForm(request.GET or None, user=request.user)
    page = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        project = form.cleaned_data["project"]
        entries = search_entries(
            request.user,
            query,
            kind=form.cleaned_data["kind"],
            project_id=project.pk if project else None,
            year=form.cleaned_data["year"],
            order=form.cleaned_data["order"] or "relevance",
        )
        page = results_page(entries, request.GET.get("side"), per_page=PAGE_SIZE)
        for entry in page.object_list:
            entry.snippet = snippet(entry.body, query.words)
    return render(request, "search/results.html", {"form": form, "page": page})
