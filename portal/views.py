from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render

from researchers.models import Researcher, Role


def home(request):
    """The lab's front door: who leads it and who works here."""
    members = Researcher.objects.listed().current().order_by("order", "name")
    leaders = [member for member in members if member.role in {Role.PI, Role.FACULTY}]
    return render(request, "portal/home.html", {"leaders": leaders, "member_count": len(members)})


def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
