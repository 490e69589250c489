from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data and ``manage.py load_demo``: on top of every other app, imported by none.

    No models, so no verbose name: the admin never lists it.
    """

    name = "demo"
