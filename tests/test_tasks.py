import pytest
from django.db import connection

from projects import permissions
from projects.models import ProjectUserPermission
from projects.tasks import permissions_resync_all
from samarbeid.celery import app as celery_app
from tests.infra.worker import celery_worker_process, unique_queue_name


def test_resync_task_restores_a_lost_grant(world):
    member = world.users["member"]
    ProjectUserPermission.objects.filter(user=member).delete()
    assert permissions_resync_all() == 2
    assert ProjectUserPermission.objects.filter(user=member).exists()


@pytest.mark.worker
@pytest.mark.postgres
def test_resync_runs_in_a_real_worker(transactional_db, postgres, world):
    member = world.users["member"]
    ProjectUserPermission.objects.filter(user=member).delete()
    # The worker must see the rows this test committed, in pytest-django's test database.
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with celery_worker_process(
        unique_queue_name("resync"), env={"DATABASE_URL": database_url}
    ) as worker:
        result = celery_app.send_task(
            "projects.tasks.permissions_resync_all", queue=worker.queue, ignore_result=False
        )
        assert result.get(timeout=30) == 2
    assert permissions.has_project_perm(member, "view_project", world.project)
    assert ProjectUserPermission.objects.filter(user=member).exists()
