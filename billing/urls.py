from django.urls import path

from billing import views

app_name = "billing"
urlpatterns = [
    path("", views.index, name="index"),
    path("buy/", views.buy, name="buy"),
    path("success/", views.success, name="success"),
    path("receipts/<uuid:purchase_id>/", views.receipt, name="receipt"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
