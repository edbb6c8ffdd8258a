"""The HTML report in a real headless Chromium: highlights in place, filters, related links.

Needs Debian's chromium and chromium-driver (installed by .ci/run); skipped where they are
missing. A screenshot is left in test-artifacts/html-report.png.
"""

from __future__ import annotations

import json
import shutil

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
    assert {m.get_attribute("data-findings").split()[0].split("-m")[0] for m in marks} == {"f0"}
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
