# Pelican settings for the peer benchmark: the same corpus, the same kinds of page where
# Pelican has them (article pages with related + latest sidebars, paginated index,
# category, tag and archive pages, Atom feeds).
import os

AUTHOR = "Huyện ủy Ninh Hải"
SITENAME = "Huyện ủy Ninh Hải"
SITEURL = ""
PATH = os.environ["PEER_CONTENT"]
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = os.path.join(os.path.dirname(__file__), "theme")
PLUGINS = ["pelican.plugins.related_posts"]
RELATED_POSTS_MAX = 5
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
STATIC_PATHS = ["anh"]
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = os.environ.get("PEER_CACHE") == "1"
CACHE_PATH = os.environ["PEER_CACHE_PATH"]
DELETE_OUTPUT_DIRECTORY = False
