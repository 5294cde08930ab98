"""Resource pages whose link list a script loads as JSON from the page's own site, written
five independent ways (fetch with a template literal, XMLHttpRequest, async/await, an
axios-like wrapper, nested JSON), each on an ordinary page with navigation and footer
links and a list container that already holds something (so no empty-container or
"Loading…" hint gives it away); and pages whose scripts load JSON that is no link list.

``json_page(style, links)`` returns ``(page_html, json_path, json_body)``; ``links`` are
(url, title) pairs; ``json_path`` is absolute on the page's site.
"""

from __future__ import annotations

import json

from tests.script_pages import _frame


def _fetch_template_literal(links):
    script = """<script>
fetch('/data/links.json').then(r => r.json()).then(items => {
  document.querySelector('#blogroll').insertAdjacentHTML('beforeend',
    `<ul>${items.map(i => `<li><a href="${i.url}">${i.name}</a> – ${i.note}</li>`).join('')}</ul>`);
});
</script>"""
    main = '<section id="blogroll"><h2>Blogroll</h2><p>Blogs we read every week.</p></section>'
    data = [{"url": u, "name": t, "note": "a garden blog"} for u, t in links]
    return _frame("fetch.test", "Blogroll", main, script), "/data/links.json", data


def _xhr(links):
    script = """<script>
var xhr = new XMLHttpRequest();
xhr.open('GET', '/api/friends');
xhr.onload = function () {
  var friends = JSON.parse(xhr.responseText);
  var list = document.getElementsByTagName('ol')[0];
  friends.forEach(function (f) {
    var li = document.createElement('li');
    li.innerHTML = '<a href="' + f.href + '">' + f.title + '</a>';
    list.appendChild(li);
  });
};
xhr.send();
</script>"""
    main = '<ol class="friend-list"><li>Our own club page: <a href="/club/">club</a></li></ol>'
    data = [{"href": u, "title": t} for u, t in links]
    return _frame("xhr.test", "Friends", main, script), "/api/friends", data


def _async_await(links):
    script = """<script>
async function showResources() {
  const response = await fetch(new URL('resources.json', document.baseURI));
  const data = await response.json();
  const box = document.querySelector('main');
  for (const r of data) {
    const p = document.createElement('p');
    const a = document.createElement('a');
    a.href = r.link; a.textContent = r.title;
    p.append(a, ' ', r.summary);
    box.append(p);
  }
}
showResources();
</script>"""
    data = [{"link": u, "title": t, "summary": "Tools for small gardens."} for u, t in links]
    return _frame("await.test", "Resources", "", script), "/resources/resources.json", data


def _axios_like(links):
    script = """<script>
const http = {
  get: (url) => fetch(url, { headers: { Accept: 'application/json' } }).then(res => res.json()),
};
function render(sites) {
  document.getElementById('dir').innerHTML = sites
    .map(s => '<tr><td><a href="' + s.u + '">' + s.t + '</a></td><td>' + s.d + '</td></tr>')
    .join('');
}
http.get('/static/directory.json').then(render);
</script>"""
    main = (
        "<table><thead><tr><th>Site</th><th>What</th></tr></thead>"
        '<tbody id="dir"><tr><td>See also our <a href="/shop/">shop</a></td><td>-</td></tr>'
        "</tbody></table>"
    )
    data = [{"u": u, "t": t, "d": "seeds"} for u, t in links]
    return _frame("axios.test", "Directory", main, script), "/static/directory.json", data


def _nested_json(links):
    script = """<script>
fetch('/data/links.json?v=3').then(function (r) { return r.json(); }).then(function (data) {
  var root = document.getElementById('categories');
  data.categories.forEach(function (cat) {
    var h = document.createElement('h3'); h.textContent = cat.title; root.appendChild(h);
    var ul = document.createElement('ul');
    cat.items.forEach(function (item) {
      var li = document.createElement('li'); var a = document.createElement('a');
      a.href = item.link.href; a.textContent = item.name;
      li.appendChild(a); ul.appendChild(li);
    });
    root.appendChild(ul);
  });
});
</script>"""
    main = '<div id="categories"><p>Sorted by topic, checked every season.</p></div>'
    half = len(links) // 2
    data = {
        "updated": "2025-11-01",
        "categories": [
            {
                "title": title,
                "items": [{"name": t, "link": {"href": u, "rel": "external"}} for u, t in part],
            }
            for title, part in (("Seeds", links[:half]), ("Tools", links[half:]))
        ],
    }
    return _frame("nested.test", "Links", main, script), "/data/links.json", data


#: style -> (host, page path, builder)
JSON_STYLES = {
    "fetch_template_literal": ("fetch.test", "/blogroll/", _fetch_template_literal),
    "xhr": ("xhr.test", "/friends/", _xhr),
    "async_await": ("await.test", "/resources/", _async_await),
    "axios_like_wrapper": ("axios.test", "/directory/", _axios_like),
    "nested_json": ("nested.test", "/links/", _nested_json),
}


def json_page(style: str, links: list[tuple[str, str]]) -> tuple[str, str, str]:
    """(page HTML, JSON path, JSON text) of a page built in ``style``."""
    html, path, data = JSON_STYLES[style][2](links)
    return html, path, json.dumps(data)


# -- negatives: scripts that load JSON that is no list of links ---------------------------

_TEXT = "<p>" + "We grow vegetables in raised beds and write about it every week. " * 8 + "</p>"

JSON_NEGATIVES = {
    # Hugo/Fuse.js site search: fetches its index and writes results on demand
    "search_index": _frame(
        "garden.test",
        "Tomato diary",
        _TEXT + '<input id="q"><ul id="results"><li>Type to search</li></ul>',
        """<script>
fetch('/index.json').then(r => r.json()).then(pages => {
  const fuse = new Fuse(pages, { keys: ['title'] });
  document.getElementById('q').addEventListener('input', e => {
    document.getElementById('results').innerHTML = fuse.search(e.target.value)
      .map(p => `<li><a href="${p.item.permalink}">${p.item.title}</a></li>`).join('');
  });
});
</script>""",
    ),
    # a shop's cart badge
    "cart_api": _frame(
        "garden.test",
        "Seeds",
        _TEXT,
        """<script>
fetch('/api/cart').then(r => r.json()).then(c => {
  document.querySelector('.count').innerHTML = c.items.length; });
</script>""",
    ),
    # translations loaded for the interface
    "i18n_strings": _frame(
        "garden.test",
        "Blog",
        _TEXT,
        """<script>
const xhr = new XMLHttpRequest(); xhr.open('GET', '/assets/i18n/fr.json');
xhr.onload = () => { document.title = JSON.parse(xhr.responseText).title; }; xhr.send();
</script>""",
    ),
    # JSON from another site (a widget), not the page's own list
    "other_site_json": _frame(
        "garden.test",
        "Weather",
        _TEXT,
        """<script>
fetch('https://api.widgets-elsewhere.test/v1/links.json').then(r => r.json())
  .then(w => { document.getElementById('w').innerHTML = w.html; });
</script>""",
    ),
    # JSON read but nothing written into the page (analytics beacon)
    "read_not_written": _frame(
        "garden.test",
        "About",
        _TEXT,
        """<script>
fetch('/data/links.json').then(r => r.json()).then(d => console.log(d.length));
</script>""",
    ),
}
