"""The tracker board in a real browser: drag a card to another column, move one with its status form, close one."""

from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.conftest import PASSWORD
from tests.tracker.factories import application
from tracker.models import Application, StatusChange

pytestmark = pytest.mark.browser
S = Application.Status


def _wait_for_status(app, status: str, page) -> Application:
    for _ in range(50):
        app.refresh_from_db()
        if app.status == status:
            return app
        page.wait_for_timeout(100)
    raise AssertionError(f"{app} stayed {app.status}, expected {status}")


def _drag(page, card, target) -> None:
    """Drag with real mouse moves (SortableJS reacts to the browser's drag events, which these produce)."""
    card.scroll_into_view_if_needed()
    start, end = card.bounding_box(), target.bounding_box()
    x0, y0 = start["x"] + start["width"] / 2, start["y"] + 12
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + 20
    page.mouse.move(x0, y0)
    page.mouse.down()
    steps = 12
    for n in range(1, steps + 1):
        page.mouse.move(x0 + (x1 - x0) * n / steps, y0 + (y1 - y0) * n / steps)
        page.wait_for_timeout(20)
    page.mouse.up()


def _card(app) -> str:
    return f"#card-{app.id}"


def _in(status: str, app) -> str:
    return f'[data-board-list][data-status="{status}"] #card-{app.id}'


def test_cards_move_by_drag_and_by_the_status_form(page, owner):
    dragged = application(owner, company="Northwind", role="Platform Engineer", status=S.SAVED, priority=3)
    selected = application(owner, company="Globex", role="Data Analyst", status=S.SAVED)
    closing = application(owner, company="Initech", role="Backend Developer", status=S.APPLIED)
    application(owner, company="Umbrella", role="Site Reliability Engineer", status=S.INTERVIEWING)
    application(owner, company="Hooli", role="Staff Engineer", status=S.OFFER)
    application(owner, company="Old Co", role="Ghosted role", status=S.GHOSTED)

    log_in(page, owner.email, PASSWORD)
    page.goto("/tracker/board/")
    page.locator(_card(dragged)).wait_for()
    page.wait_for_function("typeof Sortable !== 'undefined'")
    screenshot(page, "tracker-board")

    # 1. Drag "Platform Engineer" from Saved to Applied.
    applied_list = page.locator('[data-board-list][data-status="applied"]')
    _drag(page, page.locator(_card(dragged)), applied_list)
    page.locator(_in("applied", dragged) + '[data-status="applied"]').wait_for()
    _wait_for_status(dragged, S.APPLIED, page)
    assert StatusChange.objects.filter(application=dragged, from_status="saved", to_status="applied").exists()
    assert page.locator('[data-count-for="saved"]').inner_text() == "1"
    assert page.locator('[data-count-for="applied"]').inner_text() == "2"

    # 2. Without dragging: pick a status on the card and press Move; the card goes to its new column.
    card = page.locator(_card(selected))
    card.get_by_label("Status of Data Analyst at Globex").select_option("interviewing")
    card.get_by_role("button", name="Move").click()
    page.locator(_in("interviewing", selected)).wait_for()
    _wait_for_status(selected, S.INTERVIEWING, page)
    assert StatusChange.objects.filter(application=selected, to_status="interviewing").exists()
    assert page.locator('[data-count-for="interviewing"]').inner_text() == "2"

    # 3. Drag one into the "Rejected" drop zone of the closed column: it leaves the board.
    _drag(page, page.locator(_card(closing)), page.locator('[data-board-list][data-status="rejected"]'))
    page.locator(_card(closing)).wait_for(state="detached")
    _wait_for_status(closing, S.REJECTED, page)
    assert closing.closed_at is not None
    assert page.locator('[data-count-for="closed"]').inner_text() == "2"
    screenshot(page, "tracker-board-after-moves")

    # The board survives a reload: the server agrees with what the page showed.
    page.reload()
    page.locator(_in("applied", dragged)).wait_for()
    assert page.locator(_in("interviewing", selected)).count() == 1
    assert page.locator(_card(closing)).count() == 0

    # A narrow screen scrolls the board sideways rather than squeezing the columns.
    page.set_viewport_size({"width": 420, "height": 800})
    board = page.locator("[data-board]")
    widths = board.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1]
    column = page.locator(".board-column").first.bounding_box()
    assert column["width"] >= 200
    screenshot(page, "tracker-board-narrow")
    assert page.console_errors == []


def test_the_detail_page_adds_notes_in_place_and_the_list_filters(page, owner):
    app = application(owner, company="Northwind", role="Platform Engineer", status=S.APPLIED, source="Referral")
    application(owner, company="Globex", role="Data Analyst", status=S.SAVED, source="LinkedIn")
    log_in(page, owner.email, PASSWORD)
    page.goto(f"/tracker/applications/{app.id}/")
    page.get_by_label("Note:").fill("Recruiter replied, call on Friday.")
    page.get_by_role("button", name="Add note").click()
    page.locator("#timeline").get_by_text("Recruiter replied, call on Friday.").wait_for()
    assert page.get_by_label("Note:").input_value() == ""  # a fresh form came back with the timeline
    assert app.notes.count() == 1
    screenshot(page, "tracker-application-detail")

    page.goto("/tracker/applications/")
    page.locator("#id_status").select_option("saved")  # the filter form submits on change
    page.get_by_role("link", name="Platform Engineer").wait_for(state="detached")
    assert page.get_by_role("link", name="Data Analyst").is_visible()
    screenshot(page, "tracker-application-list")
    assert page.console_errors == []


def test_a_refused_move_puts_the_card_back(page, owner):
    app = application(owner, company="Acme", role="Engineer", status=S.SAVED)
    log_in(page, owner.email, PASSWORD)
    page.goto("/tracker/board/")
    page.locator(_card(app)).wait_for()
    page.wait_for_function("typeof Sortable !== 'undefined'")
    Application.objects.filter(pk=app.pk).delete()  # gone meanwhile: the move answers 404

    _drag(page, page.locator(_card(app)), page.locator('[data-board-list][data-status="screening"]'))
    page.get_by_text("That item no longer exists.").wait_for()
    page.locator(_in("saved", app)).wait_for()
    assert page.locator('[data-count-for="saved"]').inner_text() == "1"
    assert page.locator('[data-count-for="screening"]').inner_text() == "0"
    page.console_errors.clear()  # the browser logs the 404 itself
