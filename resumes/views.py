from allauth.account.decorators import verified_email_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@verified_email_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "resumes/index.html")
