from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "身后一件事"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cases.models import Department, Matter

        from . import page_cache

        # Anything a cached guidance page shows may have changed: start over.
        page_published.connect(page_cache.purge, dispatch_uid="page_cache_published")
        page_unpublished.connect(page_cache.purge, dispatch_uid="page_cache_unpublished")
        post_page_move.connect(page_cache.purge, dispatch_uid="page_cache_moved")
        post_delete.connect(page_cache.purge, sender=Page, dispatch_uid="page_cache_deleted")
        for model in (Matter, Department):
            post_save.connect(page_cache.purge, sender=model, dispatch_uid=f"page_cache_{model}")
