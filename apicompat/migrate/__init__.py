"""Migrate: the patch (Coccinelle semantic patch, run by spatch) that ports a consumer to the new API."""
