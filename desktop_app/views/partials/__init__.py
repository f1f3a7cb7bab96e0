"""Small reusable pieces of the views: table models, proxies, empty states."""
