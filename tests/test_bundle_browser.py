"""The one-file explorer in a real headless Chromium, opened from ``file://`` with the network off.

Selenium drives Debian's ``chromium`` through ``chromedriver`` (as ``dash_duo`` does);
without them these tests error, never skip. No server: the file is all there is.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from explorer.bundle import bundle_html

from .browserkit import WATCH_SHIFTS

pytestmark = [
    pytest.mark.browser,
    # selenium 4.2 calls a urllib3 2.x method that warns; nothing of ours.
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def driver():
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,800", "--disable-background-networking", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # The network is off: a request the page made would fail and show as a console error.
    chrome.execute_cdp_cmd("Network.enable", {})
    chrome.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module")
def explorer_file(kb, graphs, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "explorer.html"
    path.write_text(bundle_html(kb, graphs), encoding="utf-8")
    return path


def open_file(driver, path: Path, fragment: str = "") -> None:
    driver.get("about:blank")
    driver.get(path.as_uri() + fragment)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.querySelector('#moa-stage svg[data-ready]') !== null"))


def mark(driver, node: str) -> tuple[str, str]:
    """The sign mark on a node: its class (up, down, both) and its symbol."""
    found = driver.find_element(By.CSS_SELECTOR, f'#moa-marks g[data-mark="{node}"]')
    return found.get_attribute("class").split()[-1], found.text


def no_request_and_no_error(driver) -> None:
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
    assert errors == []


def test_ketamine_under_disinhibition_from_file(driver, explorer_file):
    open_file(driver, explorer_file)
    assert Select(driver.find_element(By.ID, "moa-hypothesis")).first_selected_option.get_attribute(
        "value") == "disinhibition"
    drug = Select(driver.find_element(By.ID, "moa-drug"))
    assert drug.first_selected_option.text == "(none)"
    assert not driver.find_elements(By.CSS_SELECTOR, "#moa-marks g")
    drug.select_by_value("ketamine")
    assert mark(driver, "gaba") == ("down", "▼")
    assert mark(driver, "pyramidal-firing") == ("up", "▲")
    assert mark(driver, "bdnf") == ("up", "▲")
    assert "target" in driver.find_element(By.CSS_SELECTOR, 'g[data-node="nmdar-interneuron"]').get_attribute(
        "class")
    assert "dim" in driver.find_element(By.CSS_SELECTOR, 'g[data-node="gad"]').get_attribute("class")
    bdnf = driver.find_element(By.CSS_SELECTOR, '#moa-effects .effect[data-readout="BDNF"]')
    assert bdnf.get_attribute("data-basis") == "stated" and bdnf.is_displayed()
    assert "\nstated\n" in bdnf.text and "increased" in bdnf.text           # its tag (the basis told above)
    assert "stated: the review's account" in driver.find_element(By.ID, "moa-effects").text
    assert "⊣ NMDAR (GABAergic interneuron) ▼ → Interneuron activity ▼ → GABA ▼" in bdnf.text
    assert not driver.find_element(By.ID, "moa-caveat").is_displayed()
    info = driver.find_element(By.ID, "moa-drug-info").text
    assert "Status, as reported in the review (2021)" in info
    assert driver.execute_script("return location.hash") == "#hypothesis=disinhibition&drug=ketamine"
    no_request_and_no_error(driver)


def test_an_extrapolation_shows_its_caveat(driver, explorer_file):
    open_file(driver, explorer_file, "#hypothesis=disinhibition&drug=agn-241751")
    caveat = driver.find_element(By.ID, "moa-caveat")
    assert caveat.is_displayed()
    assert caveat.text == "Extrapolated: the logic of this panel applied to AGN-241751, not a claim of the review."
    bdnf = driver.find_element(By.CSS_SELECTOR, '#moa-effects .effect[data-readout="BDNF"]')
    assert bdnf.get_attribute("data-basis") == "extrapolated"
    assert "\nextrapolated\n" in bdnf.text                                # its tag; the caveat says whose logic
    assert driver.find_element(By.ID, "moa-effects").text.count("not a claim of the review") == 1
    # Visibly different: a dashed border, which a stated prediction does not have.
    assert driver.execute_script("return getComputedStyle(arguments[0]).borderTopStyle", bdnf) == "dashed"
    assert mark(driver, "bdnf") == ("down", "▼")
    no_request_and_no_error(driver)


def test_clicking_a_node_shows_its_references(driver, explorer_file, kb):
    open_file(driver, explorer_file, "#hypothesis=disinhibition&drug=ketamine")
    assert not driver.find_element(By.ID, "moa-details").is_displayed()
    driver.find_element(By.CSS_SELECTOR, 'g[data-node="bdnf"]').click()
    details = driver.find_element(By.ID, "moa-details")
    assert details.is_displayed()
    assert details.find_element(By.CSS_SELECTOR, ".details-title").text == "BDNF"
    items = details.find_elements(By.CSS_SELECTOR, "ol.refs li")
    numbers = [int(li.get_attribute("value")) for li in items]
    assert numbers and all(kb.references[n].citation in li.text for n, li in zip(numbers, items, strict=True))
    pubmed = details.find_elements(By.CSS_SELECTOR, 'ol.refs a[href^="https://pubmed.ncbi.nlm.nih.gov/"]')
    assert pubmed and pubmed[0].get_attribute("target") == "_blank"
    # An arrow too: a click at its middle.
    driver.find_element(By.CSS_SELECTOR, 'g[data-edge="bdnf->trkb"]').click()
    assert driver.find_element(By.CSS_SELECTOR, "#moa-details .details-title").text == "BDNF → TrkB"
    no_request_and_no_error(driver)


def test_the_figure_can_take_the_whole_width(driver, explorer_file):
    open_file(driver, explorer_file, "#hypothesis=integrated&drug=ketamine")
    narrow = driver.find_element(By.ID, "moa-stage").size["width"]
    driver.find_element(By.ID, "moa-wide").click()
    assert not driver.find_element(By.CSS_SELECTOR, "#moa-explorer aside").is_displayed()
    assert driver.find_element(By.ID, "moa-stage").size["width"] > narrow + 300
    driver.find_element(By.CSS_SELECTOR, 'g[data-node="bdnf"]').click()  # details bring the panel back
    assert driver.find_element(By.ID, "moa-details").is_displayed()
    no_request_and_no_error(driver)


def test_a_linked_view_opens_there(driver, explorer_file):
    open_file(driver, explorer_file, "#hypothesis=integrated&drug=ketamine")
    assert Select(driver.find_element(By.ID, "moa-hypothesis")).first_selected_option.get_attribute(
        "value") == "integrated"
    assert driver.find_element(By.CSS_SELECTOR, '#moa-effects .effect[data-readout="BDNF"]').get_attribute(
        "data-basis") == "stated"
    assert "Decided by" in driver.find_element(By.ID, "moa-effects").text
    marked = {m.get_attribute("data-mark") for m in driver.find_elements(By.CSS_SELECTOR, "#moa-marks g")}
    lit = {g.get_attribute("data-node") for g in driver.find_elements(By.CSS_SELECTOR, "g.node.lit")}
    assert "bdnf" in marked and marked <= lit
    no_request_and_no_error(driver)


def test_a_mistyped_link_says_so_and_shows_a_view(driver, explorer_file):
    open_file(driver, explorer_file, "#hypothesis=disinhibiton&drug=ketamine")
    notice = driver.find_element(By.ID, "moa-notice")
    assert notice.is_displayed() and "no hypothesis “disinhibiton”" in notice.text
    assert Select(driver.find_element(By.ID, "moa-drug")).first_selected_option.get_attribute("value") == "ketamine"
    driver.find_element(By.CSS_SELECTOR, 'g[data-node="gaba"]').send_keys("\n")  # a node by keyboard
    assert driver.find_element(By.CSS_SELECTOR, "#moa-details .details-title").text == "GABA"
    no_request_and_no_error(driver)


@pytest.mark.parametrize("fragment", ["#hypothesis=constructor&drug=__proto__", "#hypothesis=%E0%A4%A&drug=%",
                                      "#drug=toString&&=&hypothesis"])
def test_a_malformed_link_never_breaks_the_page(driver, explorer_file, fragment):
    open_file(driver, explorer_file, fragment)
    assert driver.find_element(By.ID, "moa-notice").is_displayed()
    assert Select(driver.find_element(By.ID, "moa-hypothesis")).first_selected_option.get_attribute(
        "value") == "disinhibition"
    assert driver.find_elements(By.CSS_SELECTOR, "#moa-stage g[data-node]")
    no_request_and_no_error(driver)


def test_the_exported_view_opens_without_a_fragment(driver, kb, graphs, tmp_path):
    path = tmp_path / "glyx.html"
    path.write_text(bundle_html(kb, graphs, hypothesis="glyx-13", drug="GLYX-13"), encoding="utf-8")
    open_file(driver, path)
    assert Select(driver.find_element(By.ID, "moa-drug")).first_selected_option.get_attribute("value") == "rapastinel"
    assert driver.execute_script("return location.hash") == "#hypothesis=glyx-13&drug=rapastinel"
    assert driver.find_elements(By.CSS_SELECTOR, "#moa-marks g")
    no_request_and_no_error(driver)


#: The sandbox a course page's iframe needs (README, "One file for a course page"): the
#: script runs; PubMed and other outside links open in a new, unsandboxed tab.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


def test_pasted_as_an_iframe_srcdoc_its_links_work(driver, kb, graphs, tmp_path):
    """In a sandboxed ``srcdoc`` frame a link to another view changes the view in the frame
    (the browser would load the host page there: the frame's base is the host's), and an
    outside link opens a new tab, leaving the frame as it was."""
    from html import escape

    host = tmp_path / "course.html"
    host.write_text(f'<!DOCTYPE html><html><body><h1>Course page</h1><iframe id="explorer" sandbox="{SANDBOX}" '
                    f'style="width:1200px;height:760px" srcdoc="{escape(bundle_html(kb, graphs), quote=True)}">'
                    "</iframe></body></html>", encoding="utf-8")
    driver.get("about:blank")
    driver.get(host.as_uri())
    driver.switch_to.frame(driver.find_element(By.ID, "explorer"))
    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(
            "return document.querySelector('#moa-stage svg[data-ready]') !== null"))
        Select(driver.find_element(By.ID, "moa-drug")).select_by_value("ketamine")
        # A node's details list the other panels that draw it: links to those views.
        driver.find_element(By.CSS_SELECTOR, 'g[data-node="bdnf"]').click()
        link = driver.find_element(By.CSS_SELECTOR, '#moa-details a[href^="#hypothesis="]')
        target = link.get_attribute("href").split("hypothesis=")[1].split("&")[0]
        assert target != "disinhibition"
        link.click()
        assert driver.execute_script("return location.href") == "about:srcdoc"       # still the explorer
        WebDriverWait(driver, 5).until(lambda d: Select(d.find_element(By.ID, "moa-hypothesis"))
                                       .first_selected_option.get_attribute("value") == target)
        drug = Select(driver.find_element(By.ID, "moa-drug")).first_selected_option
        assert drug.get_attribute("value") == "ketamine"
        # An outside link: a new tab, and the frame stays where it was.
        driver.find_element(By.CSS_SELECTOR, 'g[data-node="bdnf"]').click()
        pubmed = driver.find_element(By.CSS_SELECTOR, 'ol.refs a[href^="https://pubmed.ncbi.nlm.nih.gov/"]')
        tabs = len(driver.window_handles)
        pubmed.click()
        WebDriverWait(driver, 5).until(lambda d: len(d.window_handles) == tabs + 1)
        assert driver.execute_script("return location.href") == "about:srcdoc"
    finally:
        for handle in driver.window_handles[1:]:
            driver.switch_to.window(handle)
            driver.close()
        driver.switch_to.window(driver.window_handles[0])
        driver.switch_to.default_content()


def test_the_quiz_offline_hides_each_sign_until_its_answer(driver, explorer_file):
    open_file(driver, explorer_file, "#hypothesis=glyx-13&drug=rapastinel&mode=quiz")
    status = lambda: driver.find_element(By.ID, "moa-quiz-status").text  # noqa: E731
    question = lambda: driver.find_element(By.ID, "moa-quiz-question").text  # noqa: E731
    assert driver.find_element(By.ID, "moa-quiz").is_displayed()
    assert not driver.find_element(By.ID, "moa-effects").is_displayed()
    assert "Question 1 of 4" in question() and "graded · stated" in question()
    marks = [g.text for g in driver.find_elements(By.CSS_SELECTOR, "#moa-marks g.moa-mark")]
    assert marks == ["?"]                                             # no ▲ or ▼ anywhere yet
    driver.find_element(By.CSS_SELECTOR, "#moa-quiz-answers .quiz-up").click()
    assert status().startswith("Right: NMDAR glycine site ▲ rises.")
    assert mark(driver, "nmdar-glycine-site") == ("up", "▲") and "q=1" in driver.current_url
    assert "Step 1: Rapastinel → NMDAR glycine site: partial agonist." in driver.find_element(
        By.ID, "moa-quiz-reveal").text
    driver.find_element(By.CSS_SELECTOR, "#moa-quiz-answers .quiz-down").click()
    assert status().startswith("Not quite: you said “▼ falls”; mTORC1 ▲ rises.")
    for choice in ("up", "none"):
        driver.find_element(By.CSS_SELECTOR, f"#moa-quiz-answers .quiz-{choice}").click()
    assert "Graded on the review's account: 3 of 4 right." in question()
    assert not driver.find_element(By.ID, "moa-quiz-answers").is_displayed()
    assert driver.switch_to.active_element.get_attribute("id") == "moa-quiz-prompt"
    driver.find_element(By.ID, "moa-quiz-restart").click()
    assert "Question 1 of 4" in question() and "q=" not in driver.current_url
    driver.find_element(By.ID, "moa-quiz-toggle").click()                # out of the quiz: the signs again
    assert not driver.find_element(By.ID, "moa-quiz").is_displayed() and mark(driver, "mtorc1") == ("up", "▲")
    no_request_and_no_error(driver)


#: A laptop's window; a phone's screen (Chromium headless keeps windows at least 500 px wide).
PHONE = {"width": 412, "height": 823, "deviceScaleFactor": 1.75, "mobile": True}
#: A school's network: the file arrives in pieces, and Chromium paints what it has before the script
#: at its end runs (from ``file://`` it has it all at once, and nothing could be seen to move).
SLOW = {"offline": False, "latency": 40, "downloadThroughput": 1_500_000, "uploadThroughput": 100_000}


@pytest.fixture(scope="module")
def http_folder(tmp_path_factory):
    """A folder served over HTTP on 127.0.0.1 (a thread): its URL and its path."""
    folder = tmp_path_factory.mktemp("served")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("opened", ["first view", "exported with a drug", "a link to another view"])
def test_nothing_moves_once_painted(driver, kb, graphs, http_folder, size, opened):
    """Issue 19: the layout shifts Chromium reports add up to at most 0.1 (Core Web Vitals' "good"
    CLS). The panel of the view the file opens at is in its markup (the script's first render changes
    nothing), and a link to another view shows it only once the script has drawn it."""
    base, folder = http_folder
    name, fragment = "explorer.html", ""
    if opened == "exported with a drug":
        name = "ketamine.html"
        (folder / name).write_text(bundle_html(kb, graphs, hypothesis="integrated", drug="ketamine"), encoding="utf-8")
    else:
        (folder / name).write_text(bundle_html(kb, graphs), encoding="utf-8")
        fragment = "#hypothesis=integrated&drug=ketamine" if opened == "a link to another view" else ""
    if size == "laptop":
        driver.set_window_size(1366, 768)
    else:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW)
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    watch = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_SHIFTS})
    try:
        driver.get("about:blank")
        driver.get(base + name + fragment)
        WebDriverWait(driver, 20).until(lambda d: d.execute_script(
            "return document.querySelector('#moa-stage svg[data-ready]') !== null"))
        driver.execute_async_script("const done = arguments[0];"   # two frames: the last entries are reported
                                    "requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));")
        assert driver.execute_script("return innerWidth") == (1366 if size == "laptop" else 412)
        assert not driver.find_element(By.ID, "moa-explorer").get_attribute("class")   # shown: not waiting
        shifts = driver.execute_script("return window.__shifts;")
        assert sum(s["value"] for s in shifts) <= 0.1, shifts
        assert driver.execute_script(   # the browser's own favicon request aside, nothing asked for
            "return performance.getEntriesByType('resource').filter(e => !e.name.endsWith('/favicon.ico'))"
            ".map(e => e.name)") == []
        errors = [entry for entry in driver.get_log("browser")
                  if entry["level"] in ("SEVERE", "WARNING") and "favicon.ico" not in entry["message"]]
        assert errors == []
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", watch)
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(1280, 800)
