"""The VIP web component in a real headless Chromium (Debian `chromium` +
`chromium-driver`, driven by Selenium): loading dialog, then the VIP screen,
then the redirect to the operator's URL."""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support.tokens import vip_token
from tests.e2e.test_vip_sessions_e2e import EXISTING, SIMPLE, req

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class _Landing(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>operator</title><p id=landed>operator page</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def operator_site():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Landing)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def browser():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail("Debian chromium / chromium-driver missing: run `make browser`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="vip-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}"]:
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _session(stack, http, path=EXISTING, body=None):
    r = http.post(stack.url(path), data=json.dumps(body), headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {vip_token()}"})
    assert r.status_code == 200, r.text
    return r.json()


def _slow_network(driver, ms):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": ms, "downloadThroughput": -1, "uploadThroughput": -1})


def _wait_visible(driver, element_id, timeout=15):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(EC.visibility_of_element_located((By.ID, element_id)))


@pytest.mark.e2e
def test_page_and_script_served_through_envoy(stack, http):
    page = http.get(stack.url("/sdk?mode=deposit"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="vip-loading"' in page.text and "/sdk/vip-connect.js" in page.text
    js = http.get(stack.url("/sdk/vip-connect.js"))
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


@pytest.mark.e2e
def test_session_fetch_only_for_live_session(stack, http):
    s = _session(stack, http, body=req())
    r = http.get(stack.url(f"/api/sdk/sessions/{s['sessionId']}"))
    assert r.status_code == 200, r.text
    b = r.json()
    assert b["patronName"] == "MARY JONES" and b["mode"] == "deposit" and b["transactionAmount"] == 10.33
    assert b["bankAccounts"] == [{"index": 0, "maskedAccountNumber": "****6677", "bankName": "Wells Fargo Bank, Na"}]
    for sid in ("00000000-0000-0000-0000-000000000000", "not-a-session", "3f2c0d7e-0000-4000-8000-000000000000"):
        r = http.get(stack.url(f"/api/sdk/sessions/{sid}"))
        assert r.status_code == 404
        assert r.json() == {"errorCode": "404", "operatorErrorMessage": "Session not found or expired.",
                            "patronErrorMessage": "Sorry, unable to complete this request. Please try again later."}


@pytest.mark.e2e
def test_web_service_over_grpc(stack, http):
    import grpc

    from pitboss.vip.v1 import vip_pb2, vip_pb2_grpc

    s = _session(stack, http, body=req())
    with grpc.insecure_channel(stack.grpc) as ch:
        stub = vip_pb2_grpc.VipWebServiceStub(ch)
        page = stub.GetSdkPage(vip_pb2.GetSdkPageRequest(mode="deposit"))
        assert page.content_type.startswith("text/html") and b"vip-loading" in page.data
        got = stub.GetSdkSession(vip_pb2.GetSdkSessionRequest(session_id=s["sessionId"]))
        assert got.patron_name == "MARY JONES"
        with pytest.raises(grpc.RpcError) as e:
            stub.GetSdkSession(vip_pb2.GetSdkSessionRequest(session_id="00000000-0000-0000-0000-000000000000"))
        assert e.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.RpcError) as e:
            stub.ConfirmSdkSession(vip_pb2.ConfirmSdkSessionRequest(session_id=s["sessionId"], bank_account_index=7))
        assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        done = stub.CancelSdkSession(vip_pb2.CancelSdkSessionRequest(session_id=s["sessionId"]))
        assert done.redirect_url == s["cancelRedirectUrl"]
        with pytest.raises(grpc.RpcError) as e:
            stub.CancelSdkSession(vip_pb2.CancelSdkSessionRequest(session_id=s["sessionId"]))
        assert e.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.e2e
def test_deposit_loading_then_screen_then_return_url(stack, http, browser, operator_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    body = req(returnUrl=f"{operator_site}/success", cancelRedirectUrl=f"{operator_site}/cancel")
    s = _session(stack, http, body=body)
    _slow_network(browser, 700)
    browser.get(stack.url(f"/sdk?mode=deposit#{s['sessionId']}"))
    # The session fetch is still on its way: the loading dialog shows.
    assert browser.find_element(By.ID, "vip-loading").is_displayed()
    assert not browser.find_element(By.ID, "vip-screen").is_displayed()
    _wait_visible(browser, "vip-screen")
    assert not browser.find_element(By.ID, "vip-loading").is_displayed()
    assert browser.find_element(By.ID, "vip-patron-name").text == "MARY JONES"
    assert browser.find_element(By.ID, "vip-amount").text == "$10.33"
    assert "****6677" in browser.find_element(By.ID, "vip-accounts").text
    assert browser.execute_script("return window.vipStates") == ["vip-loading", "vip-screen"]
    browser.find_element(By.ID, "vip-confirm").click()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.startswith(operator_site))
    assert browser.current_url == f"{operator_site}/success"
    # The session is used up; the transaction awaits the operator's approval.
    assert http.get(stack.url(f"/api/sdk/sessions/{s['sessionId']}")).status_code == 404


@pytest.mark.e2e
def test_cancel_goes_to_cancel_redirect_url(stack, http, browser, operator_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    s = _session(stack, http, body=req(transactionType="withdraw", transactionAmount=20,
                                       returnUrl=f"{operator_site}/success", cancelRedirectUrl=f"{operator_site}/cancel"))
    browser.get(stack.url(f"/sdk?mode=withdraw#{s['sessionId']}"))
    _wait_visible(browser, "vip-screen")
    assert "Withdraw" in browser.find_element(By.ID, "vip-title").text
    browser.find_element(By.ID, "vip-cancel").click()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.startswith(operator_site))
    assert browser.current_url == f"{operator_site}/cancel"


@pytest.mark.e2e
def test_managebanks_session(stack, http, browser, operator_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    s = _session(stack, http, SIMPLE, {"patronId": "p-9", "vipCardNumber": "7210536159", "dateOfBirth": "01/15/1985",
                                       "returnUrl": f"{operator_site}/banks"})
    browser.get(stack.url(f"/sdk?mode=managebanks#{s['sessionId']}"))
    _wait_visible(browser, "vip-screen")
    assert not browser.find_element(By.ID, "vip-amount-row").is_displayed()
    browser.find_element(By.ID, "vip-confirm").click()
    WebDriverWait(browser, 15).until(lambda d: d.current_url.startswith(operator_site))
    assert browser.current_url == f"{operator_site}/banks"


@pytest.mark.e2e
@pytest.mark.parametrize("fragment", ["", "#not-a-uuid", "#3f2c0d7e-0000-4000-8000-000000000000"])
def test_unknown_session_shows_an_error(stack, browser, fragment):
    from selenium.webdriver.common.by import By

    browser.get(stack.url(f"/sdk?mode=deposit{fragment}"))
    el = _wait_visible(browser, "vip-error")
    assert "session" in el.text.lower()
    assert not browser.find_element(By.ID, "vip-screen").is_displayed()


@pytest.mark.e2e
def test_expired_session_shows_an_error(stack, http, browser):
    from sqlalchemy import create_engine, text

    s = _session(stack, http, body=req())
    eng = create_engine(stack.database_url)
    with eng.begin() as c:
        c.execute(text("UPDATE vip_session SET expires_at = created_at WHERE id = :i"), {"i": s["sessionId"]})
    eng.dispose()
    browser.get(stack.url(f"/sdk?mode=deposit#{s['sessionId']}"))
    assert "expired" in _wait_visible(browser, "vip-error").text


@pytest.mark.e2e
def test_mode_must_match_the_session(stack, http, browser):
    s = _session(stack, http, body=req())
    browser.get(stack.url(f"/sdk?mode=withdraw#{s['sessionId']}"))
    assert "for a deposit, not a withdraw" in _wait_visible(browser, "vip-error").text
