"""The web editor (Decap CMS): its configuration generated from the models, and the local server
that `cchc edit` runs (the admin page, the Python API that is the only writer, the live preview)."""
