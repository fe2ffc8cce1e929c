"""Headless Chromium (Debian's chromium + chromium-driver, driven by Selenium) against a real `paperboy serve`:
sign up, upvote (the enhancing script's fetch path), comment, submit — at 1280 px and 390 px wide, with
screenshots in out/browser/ (gitignored) and no errors in the browser console (CSP violations would show there)."""
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from conftest import HF_DAILY, free_port  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "out" / "browser"


@pytest.fixture(scope="module")
def server(hf_entries):
    """A server of its own: the votes and submissions made here must not change what other tests expect."""
    import os
    binary = os.environ.get("PAPERBOY_BIN", str(REPO / ".build" / "debug" / "paperboy"))
    workdir = Path(tempfile.mkdtemp(prefix="paperboy-browser-"))
    port = free_port()
    log = open(workdir / "serve.log", "w")
    proc = subprocess.Popen([binary, "serve", "--database", str(workdir / "db.sqlite"), "--port", str(port),
                             "--import", str(HF_DAILY)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while time.time() < deadline:
        assert proc.poll() is None, (workdir / "serve.log").read_text()[-2000:]
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    if not chromium or not Path(driver_path).exists():
        pytest.skip("chromium / chromium-driver are not installed (scripts/setup.sh installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def shot(driver, name, width, height=None):
    driver.set_window_size(width, height or (900 if width > 500 else 1400))
    time.sleep(0.2)
    driver.save_screenshot(str(SHOTS / f"{name}-{width}.png"))


def wait(driver):
    return WebDriverWait(driver, 20)


def sign_up(driver, server, name):
    driver.get(server + "/signup")
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "email").send_keys(f"{name}@example.org")
    driver.find_element(By.NAME, "password").send_keys("browser test password")
    driver.find_element(By.NAME, "password2").send_keys("browser test password")
    driver.find_element(By.CSS_SELECTOR, "form[action='/signup'] button[type=submit]").click()
    wait(driver).until(EC.url_to_be(f"{server}/{name}"))


def upvote_first_card(driver):
    form = driver.find_element(By.CSS_SELECTOR, ".card form[data-upvote]")
    before = int(form.find_element(By.CSS_SELECTOR, ".count").text)
    was_on = "on" in form.get_attribute("class").split()
    url = driver.current_url
    form.find_element(By.TAG_NAME, "button").click()
    expected = before - 1 if was_on else before + 1
    wait(driver).until(lambda d: form.find_element(By.CSS_SELECTOR, ".count").text == str(expected))
    assert driver.current_url == url, "the enhancing script should update in place, not navigate"
    assert ("on" in form.get_attribute("class").split()) != was_on
    return form.find_element(By.CSS_SELECTOR, "input[name=paper]").get_attribute("value"), expected


@pytest.mark.parametrize("width", [1280, 390])
def test_sign_up_upvote_comment_submit(browser, server, hf_entries, width):
    driver = browser
    driver.delete_all_cookies()
    driver.set_window_size(width, 900 if width > 500 else 1400)
    name = f"b{width}_{uuid.uuid4().hex[:6]}"

    sign_up(driver, server, name)
    assert driver.find_element(By.CSS_SELECTOR, "nav.account a.me").text == name
    shot(driver, "1-profile-new", width)

    driver.get(server + "/")
    paper_id, count = upvote_first_card(driver)
    shot(driver, "2-home-upvoted", width)
    driver.refresh()  # the vote is stored server-side
    card_form = driver.find_element(By.CSS_SELECTOR, f".card form[data-upvote] input[value='{paper_id}']")
    form = card_form.find_element(By.XPATH, "..")
    assert "on" in form.get_attribute("class").split()
    assert form.find_element(By.CSS_SELECTOR, ".count").text == str(count)

    driver.get(f"{server}/papers/{paper_id}")
    body = f"**Great** paper from {name}, see https://example.org/x and `code`."
    driver.find_element(By.CSS_SELECTOR, ".comments textarea[name=body]").send_keys(body)
    driver.find_element(By.CSS_SELECTOR, ".comments form.comment-form > button[type=submit]").click()
    wait(driver).until(lambda d: "#comment-" in d.current_url)
    comment = driver.find_elements(By.CSS_SELECTOR, ".comment")[-1]
    assert comment.find_element(By.TAG_NAME, "strong").text == "Great"
    link = comment.find_element(By.CSS_SELECTOR, ".comment-body a")
    assert link.get_attribute("href") == "https://example.org/x"
    assert link.get_attribute("rel") == "nofollow ugc noopener"
    shot(driver, "3-paper-commented", width, 1800 if width < 500 else 1400)

    # Submit a paper from the dump that is not on today's list yet (each width takes a different one).
    candidates = [e["paper"]["id"] for e in hf_entries[::-1] if "/" not in e["paper"]["id"]]
    target = candidates[0 if width > 500 else 1]
    driver.get(server + "/papers/submit")
    shot(driver, "4-submit-form", width)
    driver.find_element(By.NAME, "paper").send_keys(f"https://arxiv.org/abs/{target}v1")
    driver.find_element(By.CSS_SELECTOR, "form[action='/papers/submit'] button").click()
    wait(driver).until(lambda d: "/papers/date/" in d.current_url)
    card = driver.find_element(By.ID, f"paper-{target}")
    assert f"submitted by {name}" in card.text
    shot(driver, "5-today-submitted", width)

    driver.get(f"{server}/{name}")
    assert target in driver.page_source and paper_id in driver.page_source
    shot(driver, "6-profile-activity", width, 1800 if width < 500 else 1200)

    errors = console_errors(driver)
    assert errors == [], errors
