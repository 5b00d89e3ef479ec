"""The officers' side of the showcase: a cooperative's public page (its content, the
propose → approve → unpublish steps, a preview), its sales points, its products' photos and
the leaders' consents. Every record is loaded through the registry's access helpers (scope)
and written through the door."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.history import history_context
from cooperatives.access import get_cooperative_or_404, get_person_or_404, in_scope
from cooperatives.models import ManagementRole, OcopProduct
from org import writes
from org.access import require_editor, scoped
from org.access_log import Action, note
from org.editing import add_errors, confirm_delete, form_page

from . import published, services
from .forms import LeaderConsentForm, PhotoForm, PublicationForm, SalesPointForm
from .models import LeaderConsent, ProductPhoto, Publication, SalesPoint
from .public_views import cooperative_context, serve_photo


def _manage_url(cooperative) -> str:
    return reverse("showcase:manage", args=[cooperative.pk])


@require_http_methods(["GET", "POST"])
def manage(request, pk):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, pk)
    publication = services.publication_of(cooperative)
    form = PublicationForm(request.POST or None, instance=publication, user=request.user)
    today = timezone.localdate()
    leaders = list(
        ManagementRole.objects.active_on(today)
        .women_managers()
        .filter(cooperative=cooperative)
        .select_related("person__public_consent")
        .order_by("person__full_name")
    )
    if leaders and request.method == "GET":
        note(request, Action.LIST, people=len(leaders))
    context = {
        "cooperative": cooperative,
        "publication": publication,
        "leaders": leaders,
        "products": cooperative.ocop_products.annotate(photo_count=Count("photos")),
        "sales_points": cooperative.sales_points.select_related("product"),
        "may_approve": writes.province(request.user),
        **history_context(
            Publication.history.filter(cooperative_id=pk),
            SalesPoint.history.filter(cooperative_id=pk),
            ProductPhoto.history.filter(product__cooperative_id=pk),
        ),
    }
    return form_page(
        request, form, "showcase/manage.html", context, redirect_to=_manage_url(cooperative)
    )


@require_POST
def step(request, pk, step):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, pk)
    try:
        publication = services.STEPS[step](
            cooperative=cooperative, by=request.user, seen=request.POST.get("version")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, publication.get_state_display())
    return redirect(_manage_url(cooperative))


@require_GET
def preview(request, pk):
    cooperative = get_cooperative_or_404(request.user, pk)
    page = published.cooperative_page(cooperative.pk, preview=True)
    context = cooperative_context(request, page, preview=True)
    if page.leaders:
        note(request, Action.LIST, people=len(page.leaders))
    response = render(request, "showcase/cooperative.html", context)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@require_GET
def preview_photo(request, folder, width):
    photos = scoped(ProductPhoto.objects.filter(folder=folder), request.user, PHOTO_UNIT)
    get_object_or_404(photos)
    return serve_photo(request, folder, width, public=False)


PHOTO_UNIT = "product__cooperative__unit_id"


def _get_product_or_404(request, pk, product_pk):
    products = in_scope(OcopProduct.objects.select_related("cooperative__unit"), request.user)
    return get_object_or_404(products.filter(cooperative_id=pk), pk=product_pk)


@require_http_methods(["GET", "POST"])
def product_photos(request, pk, product_pk):
    require_editor(request.user)
    product = _get_product_or_404(request, pk, product_pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        photo = ProductPhoto(
            product=product,
            caption=form.cleaned_data["caption"],
            position=form.cleaned_data["position"],
        )
        try:
            services.add_photo(photo=photo, upload=form.cleaned_data["image"], by=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            else:
                form.add_error("image", error)
        else:
            messages.success(request, _("Photo added."))
            return redirect(request.path)
    context = {"product": product, "cooperative": product.cooperative, "form": form}
    context["photos"] = product.photos.all()
    return render(request, "showcase/photos.html", context)


@require_http_methods(["GET", "POST"])
def photo_delete(request, pk, product_pk, photo_pk):
    require_editor(request.user)
    product = _get_product_or_404(request, pk, product_pk)
    photo = get_object_or_404(product.photos, pk=photo_pk)
    back = reverse("showcase:photos", args=[pk, product_pk])
    return confirm_delete(request, photo, done_url=back, cancel_url=back)


def _sales_point_form(request, cooperative, instance):
    form = SalesPointForm(request.POST or None, instance=instance, user=request.user)
    context = {"cooperative": cooperative, "model_name": SalesPoint._meta.verbose_name}
    return form_page(
        request,
        form,
        "cooperatives/part_form.html",
        context,
        redirect_to=_manage_url(cooperative),
    )


def _get_sales_point_or_404(request, pk, point_pk):
    points = in_scope(SalesPoint.objects.select_related("cooperative__unit"), request.user)
    return get_object_or_404(points.filter(cooperative_id=pk), pk=point_pk)


@require_http_methods(["GET", "POST"])
def sales_point_create(request, pk):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, pk)
    return _sales_point_form(request, cooperative, SalesPoint(cooperative=cooperative))


@require_http_methods(["GET", "POST"])
def sales_point_edit(request, pk, point_pk):
    require_editor(request.user)
    point = _get_sales_point_or_404(request, pk, point_pk)
    return _sales_point_form(request, point.cooperative, point)


@require_http_methods(["GET", "POST"])
def sales_point_delete(request, pk, point_pk):
    require_editor(request.user)
    point = _get_sales_point_or_404(request, pk, point_pk)
    back = _manage_url(point.cooperative)
    return confirm_delete(request, point, done_url=back, cancel_url=back)


@require_http_methods(["GET", "POST"])
def consent(request, person_pk):
    """Record a person's consent to be named publicly (who recorded it: the user)."""
    require_editor(request.user)
    person = get_person_or_404(request.user, person_pk)
    try:
        record = person.public_consent
    except LeaderConsent.DoesNotExist:
        record = LeaderConsent(person=person)
    record.recorded_by = request.user
    note(request, Action.VIEW, person=person)
    form = LeaderConsentForm(request.POST or None, instance=record)
    context = {"person": person, "model_name": LeaderConsent._meta.verbose_name}
    return form_page(
        request, form, "showcase/consent_form.html", context, redirect_to=person.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, person_pk):
    """Withdraw a consent: the person leaves every public page at once."""
    require_editor(request.user)
    person = get_person_or_404(request.user, person_pk)
    record = get_object_or_404(LeaderConsent, person=person)
    note(request, Action.VIEW, person=person)
    back = person.get_absolute_url()
    return confirm_delete(request, record, done_url=back, cancel_url=back)
