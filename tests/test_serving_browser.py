"""In headless Chromium: the first visit does not fetch plotly.js; opening the matrix does."""

from __future__ import annotations

import os

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from explorer.app import create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(r"ignore:HTTPResponse.getheader\(\) is deprecated:DeprecationWarning"),
]

FETCHED = "return performance.getEntriesByType('resource').map(e => e.name);"


def test_plotly_is_fetched_only_when_the_matrix_is_opened(dash_duo, kb):
    dash_duo.start_server(create_app(kb), port=int(os.environ.get("MOA_TEST_PORT", "8050")))
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/?hypothesis=disinhibition&drug=ketamine")
    until(lambda: dash_duo.driver.execute_script("return !!document.querySelector('#graph canvas');"), 15)
    first = dash_duo.driver.execute_script(FETCHED)
    assert any("dash_cytoscape" in url for url in first)
    assert not any("plotly" in url.rsplit("/", 1)[-1] for url in first), first
    tab = dash_duo.driver.find_element(By.XPATH, "//div[contains(concat(' ', normalize-space(@class), ' '),"
                                                 " ' tab ') and contains(., 'matrix')]")
    tab.click()
    until(lambda: dash_duo.driver.execute_script("return !!document.querySelector('#matrix .heatmaplayer image, "
                                                 "#matrix .heatmaplayer path');"), 20)
    later = dash_duo.driver.execute_script(FETCHED)
    assert any("plotly" in url.rsplit("/", 1)[-1] for url in later), later
