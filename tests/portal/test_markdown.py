from django.urls import reverse

import portal.markdown
from portal.markdown import markdownify as portal_markdownify
from researchers.models import markdownify as model_markdownify
from tests.factories import ResearcherFactory

HOSTILE = "**bold** <script>alert(1)</script><img src=x onerror=alert(1)>"


def test_models_render_through_the_portal_sanitiser():
    assert model_markdownify(HOSTILE) == portal_markdownify(HOSTILE)
    assert "<script" not in model_markdownify(HOSTILE)


def test_editor_preview_renders_exactly_what_is_stored(admin_client_logged_in):
    response = admin_client_logged_in.post(reverse("markdownx_markdownify"), {"content": HOSTILE})
    assert response.content.decode() == portal_markdownify(HOSTILE)


def test_editor_preview_and_upload_refuse_anonymous_visitors(visitor):
    for name in ("markdownx_markdownify", "markdownx_upload"):
        response = visitor.post(reverse(name), {"content": HOSTILE})
        assert response.status_code == 403


def test_raw_html_lists_and_links_from_static_site_themes_survive():
    html = portal_markdownify(
        '<ul><li><strong>July 2024</strong> - Award</li></ul> <a href="mailto:a@example.org">mail</a>'
    )
    assert "<li><strong>July 2024</strong> - Award</li>" in html
    assert 'href="mailto:a@example.org"' in html


def test_links_get_nofollow_noopener():
    assert 'rel="nofollow noopener"' in portal_markdownify("[site](https://example.org)")


def test_active_url_schemes_are_dropped():
    for url in ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:msgbox(1)", "JaVaScRiPt:alert(1)"]:
        html = portal_markdownify(f"[x]({url}) ![y]({url})")
        assert "alert" not in html and "data:" not in html and "vbscript" not in html.lower()


def test_event_handlers_styles_and_embeds_are_removed():
    html = portal_markdownify(
        '<img src="x.png" onerror="alert(1)"><span style="color:red">red</span>'
        '<iframe src="https://evil.example"></iframe><object data="x"></object><form><input></form>'
        "<style>body{}</style>"
    )
    assert "onerror" not in html
    assert "style" not in html
    for tag in ("<iframe", "<object", "<form", "<input", "<span"):
        assert tag not in html
    assert "red" in html  # the text itself is kept


def test_markdown_headings_start_below_the_page_headings():
    html = portal_markdownify("# Research\n\n## Details")
    assert "<h3>Research</h3>" in html and "<h4>Details</h4>" in html


def test_a_validated_save_renders_its_markdown_once_and_a_changed_text_again(db, monkeypatch):
    renders = []
    render = portal.markdown._render
    monkeypatch.setattr(portal.markdown, "_render", lambda text: renders.append(text) or render(text))
    researcher = ResearcherFactory(bio="")

    researcher.bio = "A **bold** bio, validated then saved."
    researcher.full_clean()  # the field's validator renders it …
    researcher.save()  # … and the save stores that rendering
    assert researcher.bio_html == "<p>A <strong>bold</strong> bio, validated then saved.</p>"
    assert len(renders) == 1

    researcher.bio = "Another bio."
    researcher.full_clean()
    researcher.save()
    assert researcher.bio_html == "<p>Another bio.</p>" and len(renders) == 2
