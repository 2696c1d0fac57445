from config.celery import app as celery_app


def test_tasks_run_in_process_under_test_on_both_databases():
    assert celery_app.conf.task_always_eager is True


def test_beat_schedule_names_real_tasks():
    import crosssell.tasks  # noqa: F401
    import shop.tasks  # noqa: F401

    celery_app.loader.import_default_modules()
    for entry in celery_app.conf.beat_schedule.values():
        assert entry["task"] in celery_app.tasks, entry["task"]
