from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from .payments import card_number_clean, luhn_valid


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up: names are shown later as "Kathryn T."."""

    first_name = forms.CharField(
        max_length=150,
        label="First name",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        max_length=150,
        label="Last name",
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        # The username is already opaque (AccountAdapter.populate_username).
        user.save(update_fields=["first_name", "last_name"])


class ProfileHandleForm(forms.Form):
    """The shopper's public handle; the rules are checked by profile_handle_change."""

    handle = forms.CharField(
        label="Your handle",
        # Room for a too-long entry, so the service's message (3 to 30) is shown.
        max_length=100,
        help_text="3 to 30 characters: letters, digits and hyphens. "
        "It is shown on the sets you publish and in your public page's address.",
        error_messages={"required": "Please choose a handle."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )


class AddToCartForm(forms.Form):
    variant = forms.IntegerField(required=False, widget=forms.HiddenInput)
    sku = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    quantity = forms.IntegerField(
        min_value=1,
        max_value=settings.SHOP_MAX_LINE_QUANTITY,
        initial=1,
        error_messages={
            "min_value": "Quantity must be at least 1.",
            "max_value": f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one item.",
            "invalid": "Quantity must be a whole number.",
        },
    )

    def clean(self):
        data = super().clean()
        if not data.get("variant") and not data.get("sku"):
            raise ValidationError("Please choose an option before adding to your cart.")
        return data


class CartLineForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=0,
        max_value=settings.SHOP_MAX_LINE_QUANTITY,
        error_messages={
            "min_value": "Quantity can't be negative.",
            "max_value": f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one item.",
            "invalid": "Quantity must be a whole number.",
        },
    )


# Codes are typed as printed: case, spaces and dashes don't matter (normalise_code).
CODE_ATTRS = {
    "autocomplete": "off",
    "autocapitalize": "characters",
    "spellcheck": "false",
}


class CheckoutForm(forms.Form):
    email = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    name = forms.CharField(
        label="Full name",
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    line1 = forms.CharField(
        label="Address",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    line2 = forms.CharField(
        label="Apartment, suite",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(
        label="City",
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = forms.CharField(
        label="Postcode / ZIP",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    country = forms.CharField(
        label="Country",
        max_length=60,
        initial="United States",
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    voucher_code = forms.CharField(
        label="Discount code",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )
    gift_card_code = forms.CharField(
        label="Gift card",
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={**CODE_ATTRS, "placeholder": "XXXX-XXXX-XXXX-XXXX"}
        ),
    )
    card_number = forms.CharField(
        label="Card number",
        max_length=23,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "cc-number",
                "inputmode": "numeric",
                "placeholder": "1234 1234 1234 1234",
            }
        ),
    )
    card_expiry = forms.CharField(
        label="Expiry (MM/YY)",
        max_length=7,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "cc-exp", "placeholder": "12/30"}
        ),
    )
    card_cvc = forms.CharField(
        label="CVC",
        max_length=4,
        required=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "cc-csc",
                "inputmode": "numeric",
                "placeholder": "123",
            }
        ),
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    expected_total = forms.DecimalField(
        widget=forms.HiddenInput, required=False, max_digits=12, decimal_places=2
    )

    def __init__(self, *args, payment_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_required = payment_required
        for name in ("card_number", "card_expiry", "card_cvc"):
            self.fields[name].required = payment_required

    def clean_card_number(self) -> str:
        digits = card_number_clean(self.cleaned_data.get("card_number", ""))
        if not self.payment_required:
            return digits
        if not digits:
            raise ValidationError("Please enter your card number.")
        if not luhn_valid(digits):
            raise ValidationError("That card number is not valid. Please check it.")
        return digits

    def clean_card_expiry(self) -> str:
        value = self.cleaned_data.get("card_expiry", "").replace(" ", "")
        if not self.payment_required:
            return value
        from django.utils import timezone

        try:
            month_text, year_text = value.split("/")
            month, year = int(month_text), int(year_text)
        except ValueError:
            raise ValidationError("Enter the expiry date as MM/YY.") from None
        year = year + 2000 if year < 100 else year
        now = timezone.now()
        if not 1 <= month <= 12:
            raise ValidationError("Enter the expiry date as MM/YY.")
        if (year, month) < (now.year, now.month):
            raise ValidationError("This card has expired.")
        return value

    def clean_card_cvc(self) -> str:
        value = self.cleaned_data.get("card_cvc", "").strip()
        if self.payment_required and (not value.isdigit() or len(value) not in (3, 4)):
            raise ValidationError("Enter the 3 or 4 digits on the back of your card.")
        return value


class GuestAccountForm(forms.Form):
    """One field: a password, to turn a guest checkout into an account."""

    password = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(
        self, *args, email: str, first_name: str = "", last_name: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.email = email
        self.first_name = first_name
        self.last_name = last_name

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # The account's real username is opaque (username_free); the validators
        # compare the password with the email, and the names, not with it.
        user = get_user_model()(
            email=self.email,
            first_name=self.first_name,
            last_name=self.last_name,
        )
        password_validation.validate_password(password, user)
        return password


class ProductImageAdminForm(forms.ModelForm):
    """Refuse fake, oversized and bomb images with a clear message, never a 500."""

    class Meta:
        fields = ["original", "alt", "position"]
        # A plain file field, so our validator (not Pillow's generic error) speaks.
        field_classes = {"original": forms.FileField}

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if not isinstance(upload, UploadedFile):
            return upload  # the existing file, unchanged
        from .images import ImageRejected, validate_image_upload

        try:
            validate_image_upload(
                upload,
                max_bytes=settings.SHOP_IMAGE_MAX_BYTES,
                max_pixels=settings.SHOP_IMAGE_MAX_PIXELS,
            )
        except ImageRejected as exc:
            raise ValidationError(exc.message) from None
        upload.seek(0)
        return upload
