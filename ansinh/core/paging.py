"""Pages of a list: one page of rows and the links to the others, the query string kept."""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def page_of(request, rows, *, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The page of `rows` the request asks for (?page=N; the last page when N is too large, the first when bad).

    The page carries `query` (the request's other parameters, for the links) and `param`.
    """
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    others = request.GET.copy()
    others.pop(param, None)
    page.query = others.urlencode()
    page.param = param
    return page
