"""API views: validate, call a service or selector, serialize."""
