"""The publish stage: releases of each unit's site in a destination folder, made live atomically.

    lock.py        one run at a time on a destination (flock on DEST/.lock, bounded wait)
    policy.py      the run's shard; which units keep their live release
    hosts.py       each unit's host, checked before it becomes an nginx map key
    workers.py     one process per unit build, at most --jobs at a time; clean stops
    precompress.py .gz copies for nginx
    manifest.py    every file of a release with its size and SHA-256, written last
    releases.py    a unit's releases, `current` pointer, history, pruning
    serving.py     units.map and state.json rebuilt from what is live
    inbox.py       `cchc activate`: releases copied from runners made live on the web server
    progress.py, summary.py   what the operator sees
    run.py         `publish()` and `rollback()`, top to bottom
"""
