from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login after too many failures: why, and for how long."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": settings.AXES_COOLOFF_MINUTES,
    }
    return render(request, "registration/locked_out.html", context, status=429)
