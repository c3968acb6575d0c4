"""Invented web pages, as a browser saves them, for the HTML input tests."""

BODY = ("<p>Kassym-Jomart Tokayev held talks with Xi Jinping in Astana on Wednesday, the two presidents "
        "discussing trade, transit and a new railway crossing.</p>"
        "<p>The leaders also signed an agreement on cooperation in energy, the ministry said.</p>")

SAVED_PAGE = f"""<!-- saved from a browser -->
<!DOCTYPE html>
<html lang="en"><head>
<title>Tokayev and Xi hold talks in Astana | Test Wire</title>
<meta property="og:title" content="Tokayev and Xi hold talks in Astana">
<meta property="article:published_time" content="2024-07-03T09:30:00+05:00">
<script>var tracking = "Reader offers 2019";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Tokayev and Xi hold talks in Astana</h1>{BODY}</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>Xi Jinping met Tokayev again in Almaty on 1 May 2019, a reader remembers fondly.</p></div>
</section>
<footer>Copyright Test Wire</footer>
</body></html>
"""

FRAGMENT = f"<div class=story>{BODY}</div>"

REDIRECT = ('<html><head><meta http-equiv="refresh" content="0; url=/news/talks-in-astana">'
            "<title>Moved</title></head><body></body></html>")

MENU_ONLY = ("<!DOCTYPE html><html><head><title>Test Wire</title></head><body><nav><a href='/'>Home</a>"
             "<a href='/world'>World</a></nav></body></html>")
