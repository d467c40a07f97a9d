"""Demo guidance pages, so a new checkout shows something useful."""

from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRO = (
    "亲人离世，家属只需提交一次申请。死亡证明、火化、户口注销、养老金和丧葬补助、医保、"
    "公积金、残疾人和退役军人待遇、银行和保险等事项，由十个部门同时办理，三个工作日内办结，"
    "不用跑腿。"
)


def seed_pages():
    """Make a HomePage the root of the default site; return how many pages were added."""
    if HomePage.objects.exists():
        return 0
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="身后一件事", slug="shenhou", intro=HOME_INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="身后一件事"
        )
    else:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = "身后一件事"
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" placeholder.
        if previous_root.specific_class is Page and previous_root.depth == 2:
            previous_root.delete()
    return 1
