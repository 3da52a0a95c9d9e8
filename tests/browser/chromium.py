"""Drive Debian's headless Chromium through its chromedriver with selenium.

scripts/install_browser.sh installs what this needs (apt: chromium,
chromium-driver; pip: selenium).  Everything runs offline: the browser and
the driver are given by path, so selenium never looks for or downloads one,
and the launch flags switch off every background connection Chromium makes.

    reason = unavailable_reason()          # None when a browser can be driven
    with chromium() as driver:
        driver.get(path.as_uri())
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

CHROMIUM = os.environ.get("APICOMPAT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("APICOMPAT_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
]
INSTALL_HINT = "run scripts/install_browser.sh (apt: chromium chromium-driver; pip: selenium)"

# Injected before any page script: records what a page tries to open as a dialog,
# instead of letting it block the page.
DIALOG_PROBE = """
window.__dialogs = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (message) { window.__dialogs.push(name + ':' + String(message)); return null; };
});
"""


def unavailable_reason() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    for path, what in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromedriver")):
        if not os.access(path, os.X_OK):
            return f"{what} not installed at {path}: {INSTALL_HINT}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return f"python package selenium not installed: {INSTALL_HINT}"
    return None


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 1600):
    """A selenium WebDriver for headless Chromium with a fresh profile; quits it afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="apicompat-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    service = Service(executable_path=CHROMEDRIVER, log_output=os.devnull)
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DIALOG_PROBE})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver, dest: Path, full_page: bool = True) -> Path:
    """Save a PNG of the page (the whole page when `full_page`) to `dest`."""
    import base64
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not full_page:
        driver.save_screenshot(str(dest))
        return dest
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    dest.write_bytes(base64.b64decode(shot["data"]))
    return dest
