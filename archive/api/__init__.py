"""The REST API (``/api/v1/``): thin DRF views over the archive's services and selectors."""
