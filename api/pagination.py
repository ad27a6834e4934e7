from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages by a cursor on the id, newest first: constant cost at any depth, and stable while rows are added."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
