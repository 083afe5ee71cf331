"""The product catalogue, as the loaded plugins register it."""

from __future__ import annotations

from .._app import App
from .._errors import BadInput, NotFound
from .._model import Product

__all__ = ["get_product", "list_products"]


def list_products(app: App, industry: str | None = None) -> list[Product]:
    """Every product of the loaded plugins, by code; ``industry`` keeps one industry's."""
    catalogue = app.hooks.products
    if industry is not None:
        industries = sorted({product.industry for product in catalogue.values()})
        if industry not in industries:
            raise BadInput(
                f"--industry {industry!r}: no loaded plugin offers it;"
                f" industries: {', '.join(industries) or 'none'}"
            )
    return [
        product
        for code, product in sorted(catalogue.items())
        if industry is None or product.industry == industry
    ]


def get_product(app: App, code: str) -> Product:
    """The product with this code; NotFound says whether its plugin is disabled."""
    product = app.hooks.products.get(code)
    if product is not None:
        return product
    industry = code.split(".", 1)[0]
    for info in app.plugins.infos:
        if info.name == industry and not info.loaded:
            raise NotFound(
                f"product {code!r} belongs to the plugin {industry!r}, which is {info.status}"
            )
    raise NotFound(f"unknown product {code!r}: see `accountcore product list`")
