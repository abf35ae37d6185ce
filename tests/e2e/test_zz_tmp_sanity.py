import pytest
from playwright.sync_api import expect
import test_live_browser as t  # noqa

def test_overflow_detected(live_server, new_context):
    ctx = new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True)
    page = t.join(ctx, live_server, "panelist", "X")
    page.evaluate("() => { const d=document.createElement('div'); d.style.width='700px'; d.style.height='10px'; document.querySelector('main').append(d); }")
    w = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})")
    print(w)
    assert w["scroll"] > w["client"]

def test_innerhtml_detected(live_server, new_context):
    ctx = new_context()
    import pathlib
    js = pathlib.Path("static/js/live.js").read_text().replace('li.append(el("p", "text", a.text));', 'const pp = el("p","text"); pp.innerHTML = a.text; li.append(pp);')
    assert 'innerHTML' in js
    ctx.route("**/static/js/live.js*", lambda r: r.fulfill(body=js, content_type="application/javascript"))
    a = t.join(new_context(), live_server, "panelist", "A")
    b = t.join(ctx, live_server, "panelist", "B")
    t.post(a, "xx <b>pas du gras</b> yy", "against")
    item = t.argument_item(b, "pas du gras")
    expect(item).to_have_count(1, timeout=5000)
    print(item.inner_html())
    assert item.locator("b").count() == 1
