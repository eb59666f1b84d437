"""The one-file explorer for every student: axe-core finds nothing, the figure has the view's
description, and the keyboard moves through its nodes (opened from ``file://``, network off)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from explorer import account, engine
from explorer.figure.svg import EDGE_KEY_JOIN

from .nodekit import axe_source
from .test_browser_access import AXE_TAGS, RUN_AXE
from .test_bundle_browser import driver, explorer_file, no_request_and_no_error, open_file  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]


def active(chrome) -> str:
    return chrome.execute_script("const a = document.activeElement; return a.getAttribute('data-node') || "
                                 "a.getAttribute('data-edge') || a.id;")


def test_the_one_file_explorer_is_described_keyboard_ready_and_axe_clean(driver, explorer_file, kb, graphs):  # noqa: F811
    open_file(driver, explorer_file, "#hypothesis=disinhibition&drug=ketamine")
    graph = graphs["disinhibition"]
    explanation = engine.explain_drug(kb, kb.drugs["ketamine"], graph, panels=graphs)
    bdnf = next(r for r in account.account_of(kb, graph, explanation).readouts if r.name == "BDNF")
    stage = driver.find_element(By.ID, "moa-stage")
    assert stage.get_attribute("aria-label") == f"Pathway graph: {graph.graph['title']}, with (R,S)-Ketamine"
    described = " ".join(driver.find_element(By.ID, i).get_attribute("textContent")
                         for i in stage.get_attribute("aria-describedby").split())
    assert bdnf.chains[0].spoken in described and "arrow keys" in described
    chain = driver.find_element(By.CSS_SELECTOR, "#moa-effects .chain li")      # shown in symbols, said in words
    assert chain.find_element(By.CSS_SELECTOR, "[aria-hidden='true']").text.startswith("(R,S)-Ketamine")
    assert "which falls" in chain.find_element(By.CSS_SELECTOR, ".sr").get_attribute("textContent")

    driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    violations = driver.execute_async_script(RUN_AXE, AXE_TAGS)
    assert violations == [], violations

    # One node in the Tab order; the arrow keys go on in reading order; Enter opens the details.
    tabbable = driver.find_elements(By.CSS_SELECTOR, "#moa-stage g[tabindex='0']")
    assert len(tabbable) == 1
    driver.execute_script("document.getElementById('moa-wide').focus()")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    order = account.reading_order(graph)
    assert active(driver) == order[0]
    for _ in range(order.index("gaba")):
        ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
    assert active(driver) == "gaba"
    said = driver.execute_script("return document.activeElement.getAttribute('aria-label')")
    assert said.startswith("GABA, transmitter in GABAergic interneuron") and "Falls under (R,S)-Ketamine." in said
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    assert driver.find_element(By.ID, "moa-details").is_displayed()
    assert active(driver) == "gaba"                                            # the keys go on from there
    ActionChains(driver).send_keys(Keys.END).perform()
    assert active(driver) == EDGE_KEY_JOIN.join(list(graph.edges)[-1])       # after the nodes, the arrows
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert active(driver) == "moa-stage"
    Select(driver.find_element(By.ID, "moa-hypothesis")).select_by_value("glyx-13")
    assert driver.find_element(By.ID, "moa-desc").get_attribute("textContent").startswith(
        graphs["glyx-13"].graph["title"])
    no_request_and_no_error(driver)
