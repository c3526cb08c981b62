from django.conf import settings
from django.db import models
from django.urls import reverse


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The jobs a user may look at: their own; a lab admin sees everyone's."""
        from researchers.permissions import is_lab_admin

        return self if is_lab_admin(user) else self.filter(owner=user)

    def unfinished(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])


class Job(models.Model):
    """Long work asked for on a page and run by the worker: an import, a batch of e-mails …"""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running"
        DONE = "done", "Finished"
        FAILED = "failed"
        CANCELLED = "cancelled"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    params = models.JSONField(default=dict, blank=True)
    # The job's input when it is large (a pasted BibTeX file); emptied once the job has ended.
    payload = models.TextField(blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["owner", "-created"])]

    def __str__(self):
        return f"{self.title} ({self.get_state_display().lower()})"

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def ended(self):
        return self.state in {self.State.DONE, self.State.FAILED, self.State.CANCELLED}
