"""formtools storage that keeps a wizard's state in a :class:`Draft` row."""

import json
import uuid

from formtools.wizard.storage.base import BaseStorage

# What is kept of the name the family's device gave a file, for display.
NAME_KEPT = 200


class DraftStorage(BaseStorage):
    def __init__(self, draft, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        self.data = draft.load_state()
        if self.data is None:
            self.init_data()
        self._loaded = json.dumps(self.data, sort_keys=True)

    def update_response(self, response):
        # Only when something changed: showing a step must not rewrite (and
        # re-encrypt) the row, nor push back the retention clock.
        if json.dumps(self.data, sort_keys=True) != self._loaded:
            self.draft.store_state(self.data)
            self.draft.save(update_fields=["state", "updated_at"])
        super().update_response(response)

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
        """Every file the draft holds, as (step, field, stored name)."""
        return [
            (step, field, meta["tmp_name"])
            for step, fields in self.data[self.step_files_key].items()
            for field, meta in fields.items()
        ]

    def delete_files(self):
        for _step, _field, name in self.uploaded_files():
            self.file_storage.delete(name)
