#!/usr/bin/env bash
# Restore a backup of deploy/backup.sh into an EMPTY database and empty file
# folders, then bring the schema up to this code's migrations.
#   deploy/restore.sh DIR/<time>   (with the variables of /etc/shenhou/shenhou.env,
#                                   FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY included)
set -euo pipefail
src=${1:?usage: deploy/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the new, empty database}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
: "${FIELD_ENCRYPTION_KEYS:?the keys of the backed-up system are needed to read it}"
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}

(cd "$src" && sha256sum --check --quiet SHA256SUMS)
for folder in "$PRIVATE_MEDIA_ROOT" "$MEDIA_ROOT"; do
    mkdir -p "$folder"
    if [ -n "$(ls -A "$folder")" ]; then
        echo "$folder is not empty: restore into empty folders" >&2
        exit 1
    fi
done
pg_restore --exit-on-error --no-owner --no-privileges --single-transaction \
    --dbname "$DATABASE_URL" "$src/database.dump"
tar -C "$PRIVATE_MEDIA_ROOT" -xf "$src/private-files.tar"
tar -C "$MEDIA_ROOT" -xf "$src/media.tar"
"$python" manage.py migrate --noinput
"$python" manage.py check_restore
