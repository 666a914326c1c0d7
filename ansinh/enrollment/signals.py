"""What enrollment tells the apps above it, which it does not import (campaigns count the recruits it writes)."""

from django.dispatch import Signal

# Sent inside the transaction, before enrollments opened by a cancelled receipt are removed, with
# `enrollments` (the Enrollment rows) and `user`: an app that links or counts them undoes its share.
enrollments_withdrawn = Signal()
