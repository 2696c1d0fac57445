"""Forms for shoppers' notes: the shapes of the inputs; the rules are in services.notes."""

from __future__ import annotations

from django import forms
from django.conf import settings

from .models import Note
from .moderation import display_name_from
from .selectors import order_notes, order_products


class ProductLabel:
    """A choice label that is the product's title and still knows the product."""

    def __init__(self, product):
        self.product = product

    def __str__(self) -> str:
        return self.product.title


class NoteForm(forms.Form):
    products = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Which items is your note about?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick at least two items that you bought together."
        },
    )
    text = forms.CharField(
        label="Why did you buy these together?",
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "minlength": Note.TEXT_MIN,
                "maxlength": Note.TEXT_MAX,
                "placeholder": "For example: “My granddaughter loves the first one, so "
                "the second was an easy choice — they read well one after the other.”",
            }
        ),
        help_text=f"{Note.TEXT_MIN}–{Note.TEXT_MAX:,} characters, plain text. Links are not shown.",
        error_messages={
            "required": f"Tell us why, in at least {Note.TEXT_MIN} characters."
        },
    )
    reasons = forms.MultipleChoiceField(
        label="Reasons",
        choices=Note.Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    display = forms.ChoiceField(
        label="Show my note as",
        choices=Note.Display.choices,
        initial=Note.Display.NAME,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label="Your name",
        required=False,
        max_length=Note.NAME_MAX,
        help_text="We show only your first name and the initial of your last name.",
    )

    def __init__(self, *args, products, name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.product_map = {product.pk: product for product in products}
        self.fields["products"].choices = [
            (product.pk, ProductLabel(product)) for product in products
        ]
        if not self.is_bound:
            if 2 <= len(products) <= 5:
                self.initial.setdefault("products", [p.pk for p in products])
            self.initial.setdefault("name", name)
        shown = display_name_from(
            self.data.get("name", name) if self.is_bound else name
        )
        self.fields["display"].choices = [
            (Note.Display.NAME, f"{shown} (first name and last initial)")
            if shown != "A verified buyer"
            else (Note.Display.NAME, "My first name and last initial"),
            (Note.Display.ANONYMOUS, "A verified buyer"),
        ]


def writer_name(request, order) -> str:
    """The name the form offers: the account's, else the one shipped to."""
    user = request.user
    if user.is_authenticated and order.user_id == user.pk and user.get_full_name():
        return user.get_full_name()
    return order.shipping_name


def note_form_context(
    request,
    order,
    *,
    form=None,
    token: str = "",
    next_url="",
    products: list | None = None,
) -> dict:
    """What the note form's template needs: the form (filled from ``?edit=`` for
    a pending note), the order's notes so far and whether it can take one."""
    products = order_products(order=order) if products is None else products
    notes = order_notes(order=order)
    editing = None
    edit_id = request.GET.get("edit")
    if form is None:
        if edit_id and edit_id.isdigit():
            editing = next((n for n in notes if n.pk == int(edit_id)), None)
        initial = {}
        if editing is not None and editing.is_editable:
            initial = {
                "products": [p.pk for p in editing.products.all()],
                "text": editing.text,
                "reasons": editing.reasons,
                "display": editing.display,
            }
        form = NoteForm(
            initial=initial, products=products, name=writer_name(request, order)
        )
    return {
        "order": order,
        "note_form": form,
        "notes": notes,
        "token": token,
        "next_url": next_url,
        "points": settings.CROSSSELL_NOTE_POINTS,
        "can_write": len(products) >= 2,
    }
