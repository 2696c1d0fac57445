"""Merchant moderation of sets: the reports beside each set, hide and restore."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.html import format_html

from .models import Set, SetItem, SetReport
from .services.moderation import sets_hide, sets_restore


class SetReportInline(admin.TabularInline):
    model = SetReport
    extra = 0
    fields = ["created_at", "reporter", "reason", "message", "resolved_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class SetItemInline(admin.TabularInline):
    model = SetItem
    extra = 0
    fields = ["z", "product", "x", "y", "width", "height", "rotation", "flip_h"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OpenReportsFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "With open reports")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        return queryset


@admin.register(Set)
class SetAdmin(admin.ModelAdmin):
    list_display = [
        "title_or_slug",
        "owner",
        "status",
        "open_report_count",
        "like_count",
        "view_count",
        "published_at",
    ]
    list_select_related = ["owner"]
    list_filter = ["status", OpenReportsFilter]
    search_fields = [
        "title",
        "slug",
        "owner__username",
        "owner__email",
        "owner__profile__handle",
    ]
    ordering = ["-updated_at"]
    show_full_result_count = False
    actions = ["hide_sets", "restore_sets"]
    inlines = [SetReportInline, SetItemInline]
    fields = [
        "preview",
        "title",
        "slug",
        "owner",
        "status",
        "description",
        "tags",
        "version",
        "like_count",
        "view_count",
        "created_at",
        "updated_at",
        "published_at",
        "rendered_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_reports=Count(
                    "reports", filter=Q(reports__resolved_at__isnull=True)
                )
            )
        )

    def has_add_permission(self, request):
        return False  # sets are made by shoppers in the editor

    @admin.display(description="Set", ordering="title")
    def title_or_slug(self, board: Set) -> str:
        return str(board)

    @admin.display(description="Open reports", ordering="open_reports")
    def open_report_count(self, board: Set) -> int:
        return board.open_reports

    @admin.display(description="Picture")
    def preview(self, board: Set) -> str:
        if not board.medium:
            return "Not rendered yet"
        return format_html(
            '<img src="{}" width="300" height="300" alt="">', board.medium.url
        )

    def _plain(self, queryset):
        # Without the report-count annotation, which an UPDATE cannot carry.
        return Set.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))

    @admin.action(description="Hide the selected sets from shoppers")
    def hide_sets(self, request, queryset):
        count = sets_hide(sets=self._plain(queryset))
        self.message_user(request, f"Hid {count} sets.", messages.SUCCESS)

    @admin.action(description="Restore the selected sets (and close their reports)")
    def restore_sets(self, request, queryset):
        count = sets_restore(sets=self._plain(queryset))
        self.message_user(request, f"Restored {count} sets.", messages.SUCCESS)
