"""formtools storage that keeps a wizard's state in a :class:`Draft` row."""

import json
import uuid

from formtools.wizard.storage.base import BaseStorage

# What is kept of the name the family's device gave a file, for display.
NAME_KEPT = 200
# Files the app sent ahead of the step that takes them (forms.filing).
PENDING_KEY = "uploads"


class DraftStorage(BaseStorage):
    def __init__(self, draft, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        self.data = draft.load_state()
        if self.data is None:
            self.init_data()
        self._loaded = json.dumps(self.data, sort_keys=True)

    def save(self):
        """Write the state if it changed: showing a step must not rewrite (and
        re-encrypt) the row, nor push back the retention clock."""
        current = json.dumps(self.data, sort_keys=True)
        if current != self._loaded:
            self.draft.store_state(self.data)
            self.draft.save(update_fields=["state", "updated_at"])
            self._loaded = current
        self._delete_dropped_files()

    def update_response(self, response):
        self.save()
        super().update_response(response)

    def reset(self):
        # Files sent ahead and never taken go with the answers.
        for meta in self.data[self.extra_data_key].get(PENDING_KEY, {}).values():
            self._tmp_files.append(meta["tmp_name"])
        super().reset()

    def _delete_dropped_files(self):
        for name in self._tmp_files:
            self.file_storage.delete(name)
        self._tmp_files = []

    def set_step_files(self, step, files):
        """As formtools does, but the file goes to disk under a random name:
        the device's name can hold personal data, and one longer than the
        file system allows (255 bytes) failed the whole request."""
        renamed = {}
        for field, field_file in (files or {}).items():
            original = field_file.name
            field_file.name = f"{step}/{uuid.uuid4().hex}"
            renamed[field] = original[:NAME_KEPT]
        super().set_step_files(step, files)
        for field, original in renamed.items():
            self.data[self.step_files_key][step][field]["name"] = original

    def uploaded_files(self):
        """Every file the draft holds, as (step, field, stored name); files
        sent ahead and not taken yet have no step nor field."""
        taken = [
            (step, field, meta["tmp_name"])
            for step, fields in self.data[self.step_files_key].items()
            for field, meta in fields.items()
        ]
        pending = [
            (None, None, meta["tmp_name"])
            for meta in self.data[self.extra_data_key].get(PENDING_KEY, {}).values()
        ]
        return taken + pending

    def delete_files(self):
        for _step, _field, name in self.uploaded_files():
            self.file_storage.delete(name)
