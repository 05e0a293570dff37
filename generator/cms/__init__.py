"""The web editor (Decap CMS): its configuration generated from the models, and the local server
that `cchc edit` runs (the admin page, decap-server behind a validating proxy, the live preview)."""
