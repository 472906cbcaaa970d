"""Reading an old portal's saved pages for `site-gen import`: find the article in a page of
any common portal layout, its date, views and lists, and write it into the content folder."""
