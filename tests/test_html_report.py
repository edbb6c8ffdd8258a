"""The HTML report in a real headless Chromium: highlights in place, filters, related links,
a reading view with a colour per category, checked on the pixels of screenshots.

Needs Debian's chromium and chromium-driver (installed by .ci/run); skipped where they are
missing. A screenshot is left in test-artifacts/html-report.png.
"""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from collections import Counter

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium")
SEED = str(ROOT / "examples" / "cumbre-kim-putin.txt")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def test_report_highlights_filters_and_links(cli, tmp_path, browser):
    from selenium.webdriver.common.by import By

    report = tmp_path / "report.html"
    proc = cli("check", "--format", "json", "--report", str(report), SEED)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    html = report.read_text(encoding="utf-8")
    assert "<link" not in html and 'src="http' not in html  # self-contained
    browser.get(report.as_uri())

    messages = browser.find_elements(By.CSS_SELECTOR, ".msg")
    assert len(messages) == len(findings)
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.on")
    assert {m.get_attribute("data-finding").split("-m")[0] for m in marks} == {"f0"}
    caption = browser.find_element(By.CSS_SELECTOR, "#f0-L3 mark")
    assert caption.text.startswith("Imagen relacionada")

    browser.find_element(By.CSS_SELECTOR, "input[value='rule:stray-caption']").click()
    hidden = [m for m in browser.find_elements(By.CSS_SELECTOR, ".msg") if not m.is_displayed()]
    assert [m.get_attribute("data-rule") for m in hidden] == ["stray-caption"]
    assert (
        "on"
        not in browser.find_element(By.CSS_SELECTOR, "#f0-L3 mark").get_attribute("class").split()
    )

    link = browser.find_element(By.CSS_SELECTOR, ".msg[data-rule='repeated-paragraph'] a")
    link.click()
    assert browser.current_url.endswith("#f0-L1")
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(artifacts / "html-report.png"))


CLEAN = "# Pleno\n\nEl pleno aprobó la ley por unanimidad el martes por la tarde.\n"
HOSTILE = (
    "---\ntitle: \"<script>window.pwned='front'</script>\"\nlang: es\n---\n"
    "# Título <b>negrita</b>\n\n"
    "El ministerio conﬁrmó el informe <img src=x onerror=\"window.pwned='img'\"> del trimestre."
    "\n\n<script>window.pwned='body'</script>\n\nLa oﬁcina publicará los datos.\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One report: a clean draft first on the command line, the seed, a hostile draft."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("report")
    (folder / "a-clean.md").write_text(CLEAN, encoding="utf-8")
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    out = folder / "report.html"
    args = ["check", "--no-cache", "--report", str(out), str(folder / "a-clean.md"), SEED]
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", *args, str(folder / "hostile.md")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    return out


def _rgb(css: str) -> tuple[int, int, int]:
    """``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 1)`` as a tuple."""
    return tuple(int(float(v)) for v in css[css.index("(") + 1 : -1].split(",")[:3])


def _pixels(png: bytes) -> Counter:
    """The colours of a PNG screenshot (8-bit RGB or RGBA, not interlaced) and their counts."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
    assert depth == 8 and interlace == 0 and colour_type in (2, 6)
    bpp = 3 if colour_type == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    counts: Counter = Counter()
    prev, i = bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        counts.update(tuple(line[x : x + 3]) for x in range(0, stride, bpp))
        prev = line
    return counts


def _shot(browser, element) -> Counter:
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return _pixels(element.screenshot_as_png)


def _near(counts: Counter, colour, tolerance: int = 3) -> int:
    """How many pixels have ``colour`` (within ``tolerance`` per channel)."""
    return sum(
        n
        for c, n in counts.items()
        if all(abs(x - y) <= tolerance for x, y in zip(c, colour, strict=True))
    )


def test_the_report_is_a_reading_view_with_the_drafts_with_findings_first(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    prose = browser.find_element(By.CSS_SELECTOR, "#f1 .prose p")
    family = prose.value_of_css_property("font-family").lower()
    assert "mono" not in family and "courier" not in family
    sections = browser.find_elements(By.CSS_SELECTOR, "main > section, main > details")
    kinds = [s.tag_name for s in sections]
    assert kinds[-1] == "details" and "details" not in kinds[:-1]  # clean drafts last
    clean = sections[-1]
    assert clean.get_attribute("open") is None and "a-clean.md" in clean.text
    assert not browser.find_element(By.CSS_SELECTOR, "details.clean section").is_displayed()
    headline = browser.find_element(By.CSS_SELECTOR, "#f2 .prose .h .ln")
    assert headline.text.startswith("Título") and "#" not in headline.text
    assert "---" not in browser.find_element(By.CSS_SELECTOR, "#f2").text  # no raw front matter
    fix = browser.find_element(By.CSS_SELECTOR, ".msg[data-rule='stray-caption'] .fix")
    assert "delete" in fix.text and "Imagen relacionada" in fix.text
    article = browser.find_element(By.CSS_SELECTOR, ".msg[data-rule='name-article-mismatch']")
    assert "el" in article.find_element(By.CSS_SELECTOR, ".fix ins").text


def test_a_draft_cannot_inject_markup_or_script(browser, report):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1  # the report's own
    assert browser.find_elements(By.CSS_SELECTOR, "main img, main b") == []
    assert "<script>window.pwned='body'</script>" in browser.find_element(By.ID, "f2").text


def test_the_screenshot_shows_a_colour_per_category_and_the_nested_highlight(browser, report):
    """Pixels, not markup: each category's legend colour is on screen, each highlight is
    painted in its category's colour (different per category), and a naming highlight
    inside a repeated paragraph shows its own colour inside the paragraph's."""
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    swatches = {
        item.get_attribute("data-category"): _rgb(
            item.find_element(By.TAG_NAME, "i").value_of_css_property("background-color")
        )
        for item in browser.find_elements(By.CSS_SELECTOR, "#legend > span")
    }
    assert {"repetition", "leftovers", "naming", "typography"} <= set(swatches)
    assert len(set(swatches.values())) == len(swatches)  # a colour per category
    legend = _shot(browser, browser.find_element(By.ID, "legend"))
    for category, colour in swatches.items():
        assert _near(legend, colour) > 100, category

    def painted(selector):
        mark = browser.find_element(By.CSS_SELECTOR, selector)
        return mark, _shot(browser, mark)

    caption, caption_px = painted("#f1-L3 mark[data-finding]")
    assert caption_px.most_common(1)[0][0] == swatches["leftovers"]
    outer, inner = (
        browser.find_element(By.CSS_SELECTOR, s) for s in ("#f1-L7 > mark", "mark mark")
    )
    assert outer.get_attribute("data-finding") != inner.get_attribute("data-finding")
    line, outer_px = painted("#f1-L7")  # the repeated paragraph, a highlight inside it
    inner, inner_px = painted("#f1-L7 mark mark")
    assert _near(outer_px, swatches["repetition"]) > 1000
    assert inner_px.most_common(1)[0][0] == swatches["naming"]
    assert _near(outer_px, swatches["naming"]) > 20  # visible inside the outer highlight
    ligature, ligature_px = painted("#f2 mark.cat-typography")
    assert ligature_px.most_common(1)[0][0] == swatches["typography"]

    # a rule filtered out leaves its text unpainted
    browser.find_element(By.CSS_SELECTOR, "input[value='rule:stray-caption']").click()
    assert _near(_shot(browser, caption), swatches["leftovers"]) == 0
    browser.find_element(By.CSS_SELECTOR, "input[value='rule:stray-caption']").click()

    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", line)
    assert browser.save_screenshot(str(artifacts / "html-report-reading-view.png"))
