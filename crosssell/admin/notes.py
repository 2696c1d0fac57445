"""Moderating shoppers' notes: flags in plain sight, bulk approve and reject, redaction."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from shop.models import Product

from ..models import Note, NoteReport, NoteRevision
from ..moderation import FLAG_LABELS
from ..services.notes import NoteError, note_redact, notes_approve, notes_reject


class NoteActionForm(ActionForm):
    reason = forms.CharField(
        required=False,
        label="Reason (for rejecting)",
        widget=forms.TextInput(attrs={"size": 40, "placeholder": "Why it is rejected"}),
    )


class NoteChangeForm(forms.ModelForm):
    redaction_reason = forms.CharField(
        required=False,
        label="Why you changed the text",
        help_text="Kept with the previous text in the note's history.",
    )

    class Meta:
        model = Note
        fields = ["text"]
        help_texts = {
            "text": "Edit to redact (for example a surname or a phone number); the "
            "shopper's original text is kept below."
        }


class FlagFilter(admin.SimpleListFilter):
    title = "flag"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return list(FLAG_LABELS.items())

    def queryset(self, request, queryset):
        code = self.value()
        if not code:
            return queryset
        ids = [
            pk
            for pk, flags in queryset.filter(is_flagged=True).values_list("pk", "flags")
            if any(flag.get("code") == code for flag in flags or [])
        ]
        return queryset.filter(pk__in=ids)


class ReportFilter(admin.SimpleListFilter):
    """Reports at a glance: the notes readers reported, and among them those still
    shown because no merchant and too few signed-in readers reported them."""

    title = "reports"
    parameter_name = "reports"

    def lookups(self, request, model_admin):
        return [
            ("any", "Reported"),
            ("shown", "Reported, still shown"),
            ("guests", "Reported by guests only"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(report_count__gt=0)
        if value == "shown":
            return queryset.filter(report_count__gt=0, status=Note.Status.APPROVED)
        if value == "guests":
            trusted = NoteReport.objects.filter(
                note=OuterRef("pk"), reporter_kind__in=NoteReport.TRUSTED
            )
            return queryset.filter(report_count__gt=0).exclude(Exists(trusted))
        return queryset


class NoteRevisionInline(admin.TabularInline):
    model = NoteRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "edited_by", "reason", "previous_text"]
    readonly_fields = fields
    verbose_name_plural = "history (text before each redaction)"

    def has_add_permission(self, request, obj=None):
        return False


class NoteReportInline(admin.TabularInline):
    model = NoteReport
    extra = 0
    can_delete = False
    fields = ["created_at", "reason", "reporter_kind", "user"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    form = NoteChangeForm
    action_form = NoteActionForm
    actions = ["approve_selected", "reject_selected"]
    list_display = [
        "excerpt",
        "items",
        "order_link",
        "display_name",
        "status_badge",
        "flag_badges",
        "helpful_count",
        "report_count",
        "created_at",
    ]
    list_filter = [
        "status",
        "is_flagged",
        FlagFilter,
        ReportFilter,
        "display",
        "created_at",
    ]
    search_fields = ["text", "order__number", "order__email", "display_name"]
    list_per_page = 50
    date_hierarchy = "created_at"
    readonly_fields = [
        "status_badge",
        "order_link",
        "author",
        "items",
        "display_name",
        "reason_list",
        "flag_badges",
        "rejection_reason",
        "helpful_count",
        "report_count",
        "points_offered",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    fieldsets = [
        (None, {"fields": ["status_badge", "items", "text", "redaction_reason"]}),
        ("Flags", {"fields": ["flag_badges"]}),
        (
            "Who and when",
            {
                "fields": [
                    "order_link",
                    "author",
                    "display_name",
                    "reason_list",
                    "created_at",
                    "moderated_at",
                    "moderated_by",
                    "rejection_reason",
                    "helpful_count",
                    "report_count",
                    "points_offered",
                ]
            },
        ),
    ]
    inlines = [NoteReportInline, NoteRevisionInline]

    class Media:
        css = {"all": ["crosssell/admin.css"]}

    def response_change(self, request, obj):
        """The change page's own "Approve" and "Reject" buttons, through the services."""
        if "_approve" in request.POST:
            self._report(
                request,
                notes_approve(note_ids=[obj.pk], moderator=request.user),
                "approved",
            )
            return redirect(request.path)
        if "_reject" in request.POST:
            try:
                result = notes_reject(
                    note_ids=[obj.pk],
                    reason=request.POST.get("_reject_reason", ""),
                    moderator=request.user,
                )
            except NoteError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self._report(request, result, "rejected")
            return redirect(request.path)
        return super().response_change(request, obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("order", "author", "moderated_by")
            .prefetch_related(
                Prefetch("products", queryset=Product.objects.only("pk", "title"))
            )
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description="Note")
    def excerpt(self, note: Note) -> str:
        text = note.text if len(note.text) <= 120 else note.text[:119] + "…"
        return text

    @admin.display(description="Items")
    def items(self, note: Note) -> str:
        return ", ".join(product.title for product in note.products.all())

    @admin.display(description="Order", ordering="order__number")
    def order_link(self, note: Note) -> str:
        url = reverse("admin:shop_order_change", args=[note.order_id])
        return format_html('<a href="{}">{}</a>', url, note.order.number)

    @admin.display(description="Status", ordering="status")
    def status_badge(self, note: Note) -> str:
        colours = {"pending": "#92400e", "approved": "#166534", "rejected": "#b42318"}
        return format_html(
            '<strong style="color:{}">{}</strong>',
            colours.get(note.status, "#333"),
            note.get_status_display(),
        )

    @admin.display(description="Flags")
    def flag_badges(self, note: Note) -> str:
        if not note.flags:
            return "—"
        return format_html_join(
            " ",
            '<span title="{}" style="display:inline-block;padding:0 6px;border-radius:8px;'
            'background:#fef3c7;color:#92400e;font-weight:600">{}</span>',
            (
                (
                    flag.get("detail", ""),
                    FLAG_LABELS.get(flag.get("code"), flag.get("code")),
                )
                for flag in note.flags
            ),
        )

    @admin.display(description="Reasons")
    def reason_list(self, note: Note) -> str:
        return ", ".join(note.reason_labels()) or "—"

    def save_model(self, request, obj, form, change):
        # Only the text is editable, and only through the redaction service.
        if change and "text" in form.changed_data:
            try:
                note_redact(
                    note=obj,
                    text=form.cleaned_data["text"],
                    reason=form.cleaned_data.get("redaction_reason", ""),
                    editor=request.user,
                )
            except NoteError as exc:
                messages.error(request, str(exc))

    @admin.action(description="Approve selected notes")
    def approve_selected(self, request, queryset):
        result = notes_approve(
            note_ids=queryset.values_list("pk", flat=True), moderator=request.user
        )
        self._report(request, result, "approved")

    @admin.action(description="Reject selected notes (give a reason)")
    def reject_selected(self, request, queryset):
        try:
            result = notes_reject(
                note_ids=queryset.values_list("pk", flat=True),
                reason=request.POST.get("reason", ""),
                moderator=request.user,
            )
        except NoteError as exc:
            self.message_user(
                request,
                f"{exc} Type it in the “Reason” box beside the action.",
                messages.ERROR,
            )
            return
        self._report(request, result, "rejected")

    def _report(self, request, result, verb: str) -> None:
        if result.changed:
            self.message_user(
                request,
                f"{len(result.changed)} note{'s' if len(result.changed) != 1 else ''} {verb}.",
                messages.SUCCESS,
            )
        if result.skipped:
            self.message_user(
                request,
                f"{len(result.skipped)} note{'s' if len(result.skipped) != 1 else ''} "
                f"left as they were (already {verb} or not in a state that can be {verb}).",
                messages.WARNING,
            )
