"""Where stored files live, chosen by the environment (`FILE_STORAGE`).

`filesystem` (the default) keeps them under MEDIA_ROOT: in docker-compose.yml one named volume that the web
and worker containers share, so a report the worker builds is there for the web to hand out. `s3` keeps them in
an S3-compatible bucket (AWS, MinIO, Ceph…), for deployments of several machines. Either way files are read
through the storage API and handed out only by views that check reach (core/downloads.py): the bucket stays
private and MEDIA_URL is served by nothing.

The S3 keys are never settings: boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an instance role)
from the environment itself.
"""

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def default_storage(env):
    kind = env("FILE_STORAGE", default="filesystem")
    if kind == "filesystem":
        return FILESYSTEM
    if kind == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
                "region_name": env("AWS_S3_REGION_NAME", default=None),
                # MinIO and most self-hosted stores want "path"; AWS takes the default.
                "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
                "location": env("AWS_LOCATION", default=""),
                # No ACL on upload: objects take the bucket's own (private) policy; buckets that refuse ACLs work.
                "default_acl": None,
                # Two uploads of the same name keep both files.
                "file_overwrite": False,
            },
        }
    raise ImproperlyConfigured(f"FILE_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
