"""Qt item models over the store: the case list (lazy pages) and the site/visit list."""
