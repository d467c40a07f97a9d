#!/usr/bin/env bash
# Back up 身后一件事: the PostgreSQL database and the files, into DIR/<UTC time>/.
#   deploy/backup.sh DIR        (with the variables of /etc/shenhou/shenhou.env)
#
# The personal data in both stays encrypted (Fernet). The keys are NOT
# written here: keep FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY and SECRET_KEY in
# the secret store, apart from the backups — with the keys beside the backup
# the encryption protects nothing, without them the backup cannot be read.
set -euo pipefail
dest=${1:?usage: deploy/backup.sh DIR}
: "${DATABASE_URL:?set DATABASE_URL (postgres://...)}"
: "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}"
command -v pg_dump >/dev/null || { echo "pg_dump is needed (apt install postgresql-client)" >&2; exit 1; }

out="$dest/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
chmod 700 "$out"
# One consistent snapshot of the database; files written after it are only
# extra (orphans), never missing, so dump first.
pg_dump --format=custom --no-owner --no-privileges --file "$out/database.dump" "$DATABASE_URL"
tar -C "$PRIVATE_MEDIA_ROOT" -cf "$out/private-files.tar" .
tar -C "$MEDIA_ROOT" -cf "$out/media.tar" .
(cd "$out" && sha256sum database.dump private-files.tar media.tar > SHA256SUMS)
echo "$out"
