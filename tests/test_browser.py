"""End to end: `fazhi app` as a subprocess, driven by Debian's headless Chromium through Selenium.

Opens the shared link of "units without a legal adviser" for the roster fixture and reads the answer off the
page; saves screenshots to tests/artifacts/. Skips only when chromium or chromedriver is not installed.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import fazhi_exe, run_fazhi, stop_process_group
from test_app_data import DATA, ROSTER, build_store

# one pytest-xdist worker runs them all: one Chromium and one `fazhi app` per store, screenshots in one folder
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
served_store: dict[str, Path] = {}  # app address -> its store folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need_browser() -> None:
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        pytest.skip("Debian's chromium and chromium-driver are not installed (`make system-deps` installs them)")
    pytest.importorskip("selenium")


@contextlib.contextmanager
def serve(store: Path, log_path: Path, *extra: str):
    """`fazhi app` on ``store`` at a free loopback port, until the block ends; yields its base address."""
    log = open(log_path, "w+")
    for _attempt in range(3):  # a free port can be taken (by a parallel test run) before the app binds it
        port = free_port()
        proc = subprocess.Popen([*fazhi_exe(), "--store", str(store), "app", "--port", str(port), *extra],
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        up = False
        while not up and proc.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as resp:
                    up = resp.status == 200
            except OSError:
                time.sleep(0.1)
        if up and proc.poll() is None:  # (and it is ours that answered)
            break
        stop_process_group(proc)
    else:
        log.seek(0)
        pytest.fail(f"fazhi app did not come up: {log.read()[-2000:]}")
    served_store[base] = store
    try:
        yield base
    finally:
        stop_process_group(proc)  # only what we started: the server leads its own process group
        log.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A store with the roster and a report, and `fazhi app --allow-ingest` serving it."""
    need_browser()
    store = tmp_path_factory.mktemp("browser") / "store"
    r = run_fazhi("ingest", DATA / ROSTER, DATA / "nanxi_2022_report.txt", store=store)
    assert r.returncode == 0, r.stderr
    build_store(store)  # the same files again (replaced, not doubled) plus the second county's report
    with serve(store, tmp_path_factory.mktemp("log") / "app.log", "--allow-ingest") as base:
        yield base


@pytest.fixture(scope="module")
def served_examples(tmp_path_factory, examples_root):
    """What `make run` serves: a fresh store with examples/ ingested by the CLI, and `fazhi app` on it."""
    need_browser()
    store = tmp_path_factory.mktemp("examples") / "store"
    r = run_fazhi("ingest", examples_root, store=store)
    assert r.returncode == 0, r.stderr
    with serve(store, tmp_path_factory.mktemp("log") / "app.log") as base:
        yield base


@pytest.fixture(scope="module")
def examples_root() -> Path:
    return Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="fazhi-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
              f"--user-data-dir={profile}", "--window-size=1400,1200", "--lang=zh-CN"):
        opts.add_argument(a)
    ARTIFACTS.mkdir(exist_ok=True)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, css: str, timeout: float = 60):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def page_text(driver) -> str:
    """All text in the page's DOM, hidden accessibility layers included (the grid's cells live there)."""
    return driver.execute_script("return document.body.textContent")


def wait_text(driver, text: str, timeout: float = 60) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: text in page_text(d))


def painted(driver) -> None:
    """Return once the browser has drawn two more frames (what the page has now is on screen for the shot)."""
    driver.execute_async_script("const done = arguments[arguments.length - 1];"
                                "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")


def steady(driver, read, timeout: float = 30, every: float = 0.25):
    """``read(driver)`` once it gives the same non-empty answer twice in a row ``every`` s apart (a grid that has
    stopped filling, a layout that has stopped moving): waits for the page, not for a fixed time."""
    from selenium.webdriver.support.ui import WebDriverWait

    last = [None]

    def settled(d):
        now = read(d)
        same = bool(now) and now == last[0]
        last[0] = now
        return now if same else False

    return WebDriverWait(driver, timeout, poll_frequency=every).until(settled)


def node_positions(driver) -> list:
    """Where cytoscape has placed each node (inside the component's frame), rounded to pixels."""
    return driver.execute_script("const c = document.getElementById('cy');"
                                 "return c && c._cyreg ? c._cyreg.cy.nodes().map(n => [n.id(), "
                                 "Math.round(n.position('x')), Math.round(n.position('y'))]) : null")


def graph_still(driver, frame) -> None:
    """Wait until the graph in ``frame`` has stopped moving (its layout animates into place)."""
    driver.switch_to.frame(frame)
    try:
        wait_for(driver, "canvas")
        steady(driver, node_positions)
    finally:
        driver.switch_to.default_content()


def test_shared_link_shows_units_without_adviser(served, browser):
    browser.get(f"{served}/?query=units-without-legal-adviser&as_of=2021-06-30")
    wait_for(browser, '[data-testid="stDataFrame"]')
    # the grid is drawn on a canvas; its accessible table carries the cell text (a link cell: its address)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(lambda d: "柳河镇人民政府" in grid(d)[1])
    _, cells, _ = grid(browser)
    for unit in ("南溪县自然资源局", "南溪县行政审批服务局", "柳河镇人民政府"):
        assert unit in cells
    for covered in ("南溪县司法局", "石门街道办事处"):
        assert covered not in cells
    assert "聘期已届满 2021-03-31" in cells  # the reason in the reader's language
    from fazhi.queries import catalogue

    assert all(f"query={name}" in browser.page_source for name in catalogue())  # every named query is listed
    painted(browser)  # the grid drawn before the shot
    browser.save_screenshot(str(ARTIFACTS / "units-without-legal-adviser.png"))


def test_examples_shared_link_shows_the_units_without_adviser(served_examples, browser):
    """The issue's done-when, on the example roster: the shared link of "which units lack a legal adviser"
    as of 2024-01-01 shows exactly the four units without a current adviser."""
    browser.get(f"{served_examples}/?query=units-without-legal-adviser&as_of=2024-01-01")
    wait_for(browser, '[data-testid="stDataFrame"]')
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(lambda d: "白沙街道办事处" in grid(d)[1])
    _, cells, _ = grid(browser)
    lacking = ("清源县行政审批服务局", "白沙街道办事处", "清源县市场监督管理局", "清源县人民法院")
    assert all(unit in cells for unit in lacking), [u for u in lacking if u not in cells]
    for covered in ("清源县司法局", "青石镇人民政府"):  # advisers whose terms cover 2024-01-01
        assert covered not in cells
    assert {"聘期已届满 2023-06-30", "聘期已届满 2022-12-31", "未登记法律顾问"} <= set(cells)
    assert "共 4 行" in page_text(browser)
    painted(browser)  # the grid drawn before the shot
    browser.save_screenshot(str(ARTIFACTS / "examples-units-without-legal-adviser.png"))


def test_examples_shared_link_shows_the_case_reconciliation(served_examples, browser):
    """The issue's done-when for cases: the shared link of the reconciliation of reports against case ledgers
    shows, for 2023, the report's 出庭应诉率 of 100% beside the ledger's 83.33 with agrees = no and the
    report's passage, and the figures that agree."""
    browser.get(f"{served_examples}/?query=case-reconciliation&year=2023")
    wait_for(browser, '[data-testid="stDataFrame"]')
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(lambda d: "行政机关负责人出庭应诉率100%" in grid(d)[1])
    heads, cells, _ = grid(browser)
    assert "共 9 行" in page_text(browser)
    for cell in ("负责人出庭应诉率", "83.33", "33.33", "直接纠错率25%", "县政府全年受理行政复议案件14件"):
        assert cell in cells, cell
    # the grid's accessible table holds a row's cells one after the other: subject (by its name), case type,
    # measure, reported, ledger, agrees, evidence (measure and agrees in the reader's language)
    rows = {tuple(cells[i:i + 7]) for i in range(0, len(cells), len(heads))}
    assert ("清源县", "行政诉讼", "负责人出庭应诉率", "100", "83.33", "否", "行政机关负责人出庭应诉率100%") in rows
    assert ("清源县", "行政诉讼", "审结件数", "6", "6", "是", "审结6件") in rows
    assert ("清源县人民政府", "行政复议", "纠错率（败诉率）", "25", "25", "是", "直接纠错率25%") in rows
    painted(browser)  # the grid drawn before the shot
    browser.save_screenshot(str(ARTIFACTS / "examples-case-reconciliation.png"))


def test_graph_page_draws_the_component_offline(served, browser):
    report = "https://w3id.org/fazhi/id/docno/" + quote("南政文〔2023〕5号")
    browser.get(f"{served}/?view=graph&node={report}")
    frame = wait_for(browser, 'iframe[title="st_link_analysis.st_link_analysis"], iframe')
    browser.switch_to.frame(frame)
    try:
        wait_for(browser, "canvas", timeout=60)
    finally:
        browser.switch_to.default_content()
    wait_text(browser, "GraphML")
    graph_still(browser, frame)
    browser.save_screenshot(str(ARTIFACTS / "graph.png"))


def test_sparql_page_refuses_an_update(served, browser):
    browser.get(f"{served}/?view=sparql&q=" + quote("DROP ALL"))
    wait_text(browser, "refused")
    browser.save_screenshot(str(ARTIFACTS / "sparql-refused.png"))


def test_clicking_a_node_expands_its_neighbourhood(served, browser):
    """A real click on a drawn node: the app adds that node's neighbours (the roster units of 南溪县人民政府)."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    report = "https://w3id.org/fazhi/id/docno/" + quote("南政文〔2023〕5号")
    browser.get(f"{served}/?view=graph&node={report}")
    wait_text(browser, "个节点")
    before = node_count(browser)
    frame = wait_for(browser, "iframe")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", frame)
    browser.switch_to.frame(frame)
    try:
        wait_for(browser, "canvas")
        steady(browser, node_positions)  # the layout animates into place
        assert "柳河镇人民政府" not in drawn_names(browser)
        # where cytoscape drew the agency node, in CSS pixels of the frame
        pos = browser.execute_script("""
            const cy = document.getElementById('cy')._cyreg.cy;
            const n = cy.nodes().filter(n => n.data('name') === '南溪县人民政府')[0];
            cy.center(n);  // pan (not click) so the node is on screen whatever the layout did
            const p = n.renderedPosition(); const r = document.getElementById('cy').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];""")
    finally:
        browser.switch_to.default_content()
    box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left, r.top]", frame)
    actions = ActionBuilder(browser)  # a real click, at the node's place on the screen
    actions.pointer_action.move_to_location(int(box[0] + pos[0]), int(box[1] + pos[1])).click()
    actions.perform()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(lambda d: node_count(d) > before)
    frame = wait_for(browser, "iframe")
    browser.switch_to.frame(frame)
    try:
        WebDriverWait(browser, 30).until(lambda d: "柳河镇人民政府" in drawn_names(d))
    finally:
        browser.switch_to.default_content()
    graph_still(browser, frame)
    browser.save_screenshot(str(ARTIFACTS / "graph-expanded.png"))


def node_count(driver) -> int:
    """The app's "N nodes, M links" caption, read as N."""
    text = driver.execute_script("return [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
                                 ".map(e => e.textContent).find(t => t.includes('个节点')) || ''")
    return int(text.split()[0]) if text else 0


def drawn_names(driver) -> list[str]:
    """The names of the nodes cytoscape has drawn (inside the component's frame)."""
    return driver.execute_script("const c = document.getElementById('cy');"
                                 "return c && c._cyreg ? c._cyreg.cy.nodes().map(n => n.data('name')) : []")


def test_reports_page_charts_and_evidence_highlight(served, browser):
    report = "https://w3id.org/fazhi/id/docno/" + quote("南政文〔2023〕5号")
    browser.get(f"{served}/?view=reports&report={report}")
    wait_for(browser, '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg')
    wait_text(browser, "南溪县人民政府关于2022年度法治政府建设情况的报告")
    painted(browser)
    browser.save_screenshot(str(ARTIFACTS / "reports.png"))
    browser.get(f"{served}/?query=statistics")
    wait_for(browser, '[data-testid="stDataFrame"]')
    wait_text(browser, "查看出处")
    from selenium.webdriver.support.ui import WebDriverWait

    # a click on a statistic's row opens its passage, highlighted
    fact, passage = _fact(served, "57")
    assert "受理行政复议案件57件" in passage
    browser.get(f"{served}/?view=evidence&node=" + quote(fact, safe=":/"))
    mark = wait_for(browser, "mark.fz-passage")
    assert mark.text == passage  # the highlight is exactly the recorded passage
    WebDriverWait(browser, 10).until(lambda d: "2023-02-28" in page_text(d))
    browser.save_screenshot(str(ARTIFACTS / "evidence.png"))


def _fact(served, value: str) -> tuple[str, str]:
    """The statistic with this value and its passage, asked of the running app's store through the CLI
    (read-only, alongside the app)."""
    store = served_store[served]
    r = run_fazhi("query", "statistics", "--format", "csv", store=store)
    assert r.returncode == 0, r.stderr
    import csv
    import io

    return next((row["statistic"], row["evidence"]) for row in csv.DictReader(io.StringIO(r.stdout))
                if row["value"] == value)


def test_ingest_page_uploads_files_with_cli_style_errors(served, browser):
    """--allow-ingest: a good report goes in, a roster without a name column gets a one-line error."""
    browser.get(f"{served}/?view=ingest")
    upload = wait_for(browser, 'input[type="file"]')
    upload.send_keys(f"{DATA / 'beiling_2021_report.txt'}\n{DATA / 'bad' / 'broken_roster.csv'}")
    wait_text(browser, "broken_roster.csv")
    button = next(b for b in browser.find_elements("css selector", "button") if b.text.strip() == "导入")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda d: button.is_enabled())
    button.click()
    wait_text(browser, "error: broken_roster.csv: roster has no 'name' (单位名称) column")
    wait_text(browser, "beiling_2021_report.txt: report")  # the page may still be drawing its messages
    assert "已导入" in page_text(browser)
    painted(browser)
    browser.save_screenshot(str(ARTIFACTS / "ingest.png"))


CJK = "\u4e00-\u9fff"
READER_VIEWS = {"agencies": "?query=agencies", "statistics": "?query=statistics",
                "chain": "?view=graph&chain=" + quote("南政文〔2023〕5号")}


def grid(driver) -> tuple[list[str], list[str], list[str]]:
    """The first table's headers, its cells as shown (a link cell by its label) and the links' addresses, read
    from the grid's accessible table (the grid itself is drawn on a canvas)."""
    from urllib.parse import unquote

    heads, cells = driver.execute_script("""
        const t = document.querySelector('[data-testid="stDataFrame"] table');
        if (!t) return [[], []];
        return [[...t.querySelectorAll('th[role=columnheader]')].map(e => e.textContent),
                [...t.querySelectorAll('td[role=gridcell]')].map(e => e.textContent)];""")
    links = [c for c in cells if c.startswith("./?")]
    shown = [unquote(c.rsplit("#", 1)[1]) if c.startswith("./?") else c for c in cells]
    return heads, shown, links


def interface_text(driver) -> str:
    """The page's text without tables, code blocks and the graph's frame (what the interface itself says)."""
    return driver.execute_script("""
        const c = document.body.cloneNode(true);
        c.querySelectorAll('table, code, pre, script, style, iframe').forEach(e => e.remove());
        return c.textContent;""")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", sorted(READER_VIEWS))
def test_views_speak_the_readers_language(served, browser, view, lang):
    """The issue's done-when: agencies, statistics and the obligation chain in Chinese and in English show no
    IRI as cell text, no header in the other language, no code or key left untranslated."""
    import re

    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{served}/{READER_VIEWS[view]}&lang={lang}")
    wait_for(browser, '[data-testid="stDataFrame"]')
    WebDriverWait(browser, 60).until(lambda d: grid(d)[1])
    heads, cells, links = steady(browser, grid)  # the grid has stopped filling
    assert heads and cells and links  # nodes are links
    assert not [c for c in cells if "://" in c or "w3id.org" in c], "an IRI shown as cell text"
    if lang == "zh":
        assert all(re.search(f"[{CJK}]", h) for h in heads), heads
        codes = [c for c in cells if re.fullmatch(r"[a-z][a-z_ -]*(?:;[a-z][a-z_ -]*)*", c)]
        assert not codes, f"codes shown untranslated: {codes}"
    else:
        assert not [h for h in heads if re.search(f"[{CJK}]", h)], heads
    assert not [c for c in cells if re.fullmatch(r"[a-z]+_[a-z_]+", c)], "a code shown as is"
    said = interface_text(browser)
    assert "cls_" not in said and not re.findall(r"\b[a-z]+_[a-z_]+\b", said), re.findall(r"\b[a-z]+_[a-z_]+\b", said)
    browser.save_screenshot(str(ARTIFACTS / f"reader-{view}-{lang}.png"))


def test_a_node_link_opens_the_nodes_view(served, browser):
    browser.get(f"{served}/?query=agencies")
    wait_for(browser, '[data-testid="stDataFrame"]')
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(lambda d: grid(d)[2])
    _, cells, links = grid(browser)
    name = next(c for c in cells if c.endswith("人民政府"))
    link = next(u for u in links if u.endswith(quote(name, safe="")))
    browser.get(served + link[1:])
    wait_text(browser, "个节点")  # the graph view of that agency: it is drawn, at its centre
    frame = wait_for(browser, "iframe")
    browser.switch_to.frame(frame)
    try:
        wait_for(browser, "canvas")
        WebDriverWait(browser, 30).until(lambda d: name in drawn_names(d))
    finally:
        browser.switch_to.default_content()


@pytest.fixture(scope="module")
def served_indicators(tmp_path_factory):
    """A store with the seed report (when the shared corpus is here), 南溪县's and 北岭县's reports and an invented
    county's, served by `fazhi app`."""
    from conftest import SEED

    need_browser()
    store = tmp_path_factory.mktemp("indicators") / "store"
    files = [DATA / "nanxi_2022_report.txt", DATA / "beiling_2021_report.txt",
             DATA.parent / "indicators" / "i1_deqing_2021.txt"] + ([SEED] if SEED.exists() else [])
    r = run_fazhi("ingest", *files, store=store)
    assert r.returncode == 0, r.stderr
    with serve(store, tmp_path_factory.mktemp("log") / "app.log") as base:
        yield base


def test_indicator_chart_opens_from_a_shared_link_and_links_its_points(served_indicators, browser):
    """The issue's done-when: the shared link of reconsideration.closed shows the seed's 办结行政复议案件23件 and
    the differently worded figures of other reports (审结52件, 审结行政复议案件41件) in one chart and table, with
    the words and rule that mapped each; a click on a point opens its passage in the Evidence view."""
    from conftest import SEED
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{served_indicators}/?view=indicators&indicator=reconsideration.closed")
    table = wait_for(browser, '[data-testid="stDataFrame"]')
    points = '[data-testid="stVegaLiteChart"] g.mark-symbol.role-mark path'
    wait_for(browser, points)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", table)
    wait_text(browser, "./?view=evidence")   # a cell of the table: the grid has filled its accessible layer
    body = page_text(browser)
    expected = [("南溪县", "52", "行政复议 + 审结"), ("北岭县", "29", "行政复议 + 办结"),
                ("德清县人民政府", "41", "审结行政复议案件")]
    if SEED.exists():
        expected.append(("上蔡县", "23", "办结行政复议案件"))
    for name, value, wording in expected:
        assert name in body and value in body and wording in body, (name, value, wording)
    assert "sentence-topic" in body and "metric-wording" in body and "行政复议案件审结数" in body
    painted(browser)
    browser.save_screenshot(str(ARTIFACTS / "indicators.png"))
    dots = browser.find_elements("css selector", points)
    assert len(dots) == len(expected)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", dots[0])
    steady(browser, lambda d: d.execute_script(  # scrolled: the point stays where it is now
        "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width]", dots[0]))
    ActionChains(browser).move_to_element(dots[0]).click().perform()
    WebDriverWait(browser, 30).until(lambda d: "view=evidence" in d.current_url)
    mark = wait_for(browser, "mark.fz-passage")
    assert any(f"{value}件" in mark.text for _, value, _ in expected), mark.text
    browser.save_screenshot(str(ARTIFACTS / "indicators-point-evidence.png"))
