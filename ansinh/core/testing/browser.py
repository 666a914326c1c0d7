"""What the browser tests share: signing in through the login page, and whether a page fits a phone's width."""

from ansinh.core.testing.users import TEST_PASSWORD

PHONE = {"width": 390, "height": 844}


def sign_in(page, base_url: str, username: str, next_path: str = "/", *, wait_for: str = "main") -> None:
    """Sign in on the login page and land on `next_path` (waiting for `wait_for` there)."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.click("[data-testid=login-submit]")
    page.wait_for_selector(wait_for)


def fits(page) -> bool:
    """Nothing scrolls sideways at the page's width."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
