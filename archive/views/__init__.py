"""Server-rendered pages. They validate input, call services/selectors and render."""
