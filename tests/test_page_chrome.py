"""Reader mode on whole pages saved as text: each shape of page chrome is folded, with a
reason, and every sentence of the story stays.

The pages are made by hand for these tests, in the shapes real "save as text" dumps take:
the page's <title> first, a menu, the headline again, the story, then the page's tail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.formats import load_article
from reader.model import Article

TITLE = "Harbour cranes return to Port Ellis after two-year shutdown"
SITE_TITLE = f"{TITLE} | The Ellis Courier"
STORY = [
    "The last of six container cranes was switched back on at Port Ellis on Tuesday, ending a shutdown that cost the town an estimated 1,200 jobs.",
    "Dock workers lined the quay as the first ship in two years, a feeder vessel from Rotterdam, was unloaded shortly after dawn.",
    '"We thought this day would never come," said Tom Rees, who has worked at the port since 1998. "Half my street was out of work."',
    "The port closed in 2021 after its operator collapsed, leaving debts of more than £40m and a harbour silted up by two winters of storms.",
    "A consortium of local councils bought the site last year and spent eight months dredging the channel before the cranes could be tested.",
    "Business leaders said the reopening could bring back up to 900 jobs by the end of next year, although some warned that shipping rates remain volatile.",
]
MENU = ["Home", "News", "Local", "Business", "Sport", "Culture", "Opinion", "Weather", "Events"]


def _page(tmp_path: Path, *sections: list[str], name: str = "page.txt") -> Article:
    lines = [line for section in sections for line in section]
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return load_article(path, tmp_path)


def _head() -> list[str]:
    return [SITE_TITLE, *MENU, TITLE, "By Maria Santos", "14 June 2023"]


def _folded(article: Article) -> dict[str, str | None]:
    return {article.block_text(b): b.reason for b in article.boilerplate_blocks}


def _assert_story_kept(article: Article) -> None:
    for sentence in STORY:
        assert sentence in article.body_text


def test_menu_block_above_the_headline_is_folded(tmp_path: Path) -> None:
    article = _page(tmp_path, _head(), STORY)
    folded = _folded(article)
    for item in MENU:
        assert folded[item] in ("before the story", "navigation")  # "Home" is both
    assert folded["Local"] == "before the story"
    _assert_story_kept(article)
    assert article.body_text.startswith(STORY[0])


def test_headline_under_the_menu_is_the_title_and_its_byline_the_metadata(
    tmp_path: Path,
) -> None:
    article = _page(tmp_path, _head(), STORY)
    assert article.title == TITLE  # the site's name is left off
    assert (article.author, article.date) == ("Maria Santos", "2023-06-14")
    assert "By Maria Santos" not in article.body_text


def test_month_archive_in_the_sidebar_is_folded(tmp_path: Path) -> None:
    archive = ["Archive", "► 2024 (31)", "► June (4)", "► May (9)", "► 2023 (112)"]
    archive += ["December 2022 (8)", "November 2022 (12)"]
    article = _page(tmp_path, _head(), STORY, archive)
    folded = _folded(article)
    for line in archive:
        assert line in folded
    assert folded["► June (4)"] == "archive link"
    _assert_story_kept(article)


def test_related_list_with_bylines_and_dates_is_folded(tmp_path: Path) -> None:
    related = [
        "Related stories",
        "Council tax to rise by five per cent in every district next year",
        "By Sam Lee",
        "12 June 2023",
        "Missing hiker found safe after three nights on the moor",
        "By Priya Nair",
        "11 June 2023",
        "Rugby club celebrates promotion with an open-top bus parade",
        "By Jane Doe",
        "10 June 2023",
    ]
    article = _page(tmp_path, _head(), STORY, related)
    folded = _folded(article)
    for line in related:
        assert line in folded, line
    assert folded["Related stories"] in ("related links", "list of links")
    assert "By Sam Lee" in folded
    _assert_story_kept(article)


def test_comment_thread_after_the_story_is_folded(tmp_path: Path) -> None:
    comments = [
        "3 Comments",
        "Harbourwatcher says:",
        "June 14, 2023 at 10:15 am",
        "Great news for the town, my father worked on those cranes for thirty years and would have been proud to see them move again.",
        "Reply",
        "Jane on 14 June 2023 said:",
        "About time too. The council should have bought the site the day the operator went under instead of waiting two whole years.",
        "Reply",
        "Leave a Reply",
        "Your email address will not be published.",
    ]
    article = _page(tmp_path, _head(), STORY, comments)
    folded = _folded(article)
    for line in comments:
        assert line in folded, line
    assert folded["3 Comments"] == "comments"
    _assert_story_kept(article)


def test_cookie_notice_is_folded_wherever_it_stands(tmp_path: Path) -> None:
    notice = [
        "We use cookies to personalise content and ads and to analyse our traffic. By continuing to browse you agree to our cookie policy.",
        "Accept all cookies",
        "Cookie settings",
    ]
    article = _page(tmp_path, _head(), STORY[:3], notice, STORY[3:])
    folded = _folded(article)
    assert folded[notice[0]] == "cookie or newsletter notice"
    assert "Accept all cookies" in folded
    _assert_story_kept(article)


def test_press_release_footer_after_three_hashes_is_folded(tmp_path: Path) -> None:
    footer = [
        "###",
        "About Port Ellis Holdings",
        "Port Ellis Holdings is a consortium of four district councils that owns and runs the harbour, its cranes and the rail yard behind the quay.",
        "Media contact: press@portellis.example, +44 1632 960000",
    ]
    article = _page(tmp_path, _head(), STORY, footer)
    folded = _folded(article)
    for line in footer:
        assert line in folded, line
    assert folded["###"] == "end of the release"
    _assert_story_kept(article)


def test_inline_also_read_and_scroll_prompt_inside_the_story_are_folded(
    tmp_path: Path,
) -> None:
    inline = [
        "Also read: Council tax to rise by five per cent in every district next year",
        "Scroll to continue with content",
        "Share this article",
    ]
    article = _page(tmp_path, _head(), STORY[:2], inline[:1], STORY[2:4], inline[1:], STORY[4:])
    folded = _folded(article)
    assert folded[inline[0]] == "list of links"
    assert folded[inline[1]] == "navigation"
    assert folded[inline[2]] == "share prompt"
    _assert_story_kept(article)


def test_story_closing_lines_and_sign_off_stay(tmp_path: Path) -> None:
    closing = ["Reporting by Maria Santos; editing by Sam Lee"]
    tail = ["Share this article", "Facebook", "Twitter", "Email", "Topics", "Shipping", "Jobs"]
    article = _page(tmp_path, _head(), STORY, closing, tail)
    assert article.body_text.endswith(closing[0])
    for line in tail:
        assert line in _folded(article)


@pytest.mark.parametrize("shape", ["menu", "tail"])
def test_a_page_of_short_lines_only_is_not_folded_away(tmp_path: Path, shape: str) -> None:
    """A page without a story (a list, a table of contents) keeps its lines."""
    lines = ["Opening hours", "Monday to Friday: 9 to 17", "Saturday: 10 to 14", "Sunday: closed"]
    lines += ["Bank holidays: closed", "Telephone: 01632 960000"]
    article = _page(tmp_path, lines if shape == "menu" else [*lines, "Share this article"])
    for line in lines[1:]:
        assert line in article.body_text or line == article.subtitle


def test_reader_mode_on_a_whole_page_keeps_only_the_story(tmp_path: Path) -> None:
    tail = ["Share this article", "Related stories"]
    tail += ["Council tax to rise by five per cent in every district next year", "By Sam Lee"]
    tail += ["3 Comments", "Harbourwatcher says:", "Great news for the town, finally.", "Reply"]
    tail += ["© 2023 The Ellis Courier. All rights reserved.", "Privacy Policy", "Contact us"]
    article = _page(tmp_path, _head(), STORY, tail)
    assert [article.block_text(b) for b in article.body_blocks] == STORY


def test_the_fold_says_why_each_run_of_blocks_was_folded(tmp_path: Path) -> None:
    from reader.tui.article.layout import layout_article

    article = _page(tmp_path, _head(), STORY, ["Share this article", "Related stories"])
    shown = layout_article(article, "meta", 80, show_boilerplate=True).lines
    reasons = [line.label for line in shown if not line.is_text and line.boilerplate]
    assert "folded: before the story" in reasons
    assert "folded: share prompt" in reasons
    assert reasons.count("folded: before the story") == 1  # once for the whole menu
    hidden = layout_article(article, "meta", 80).lines
    assert not any(line.label.startswith("folded:") for line in hidden)


def test_picture_credits_and_affiliate_note_inside_the_story_are_folded(tmp_path: Path) -> None:
    inside = [
        "Anzeige, enthält Affiliate Links",
        "(Photo: Ellis Courier / Ana Ruiz)",
        "Foto: Hafenamt",
    ]
    article = _page(
        tmp_path, _head(), inside[:1], STORY[:2], inside[1:2], STORY[2:4], inside[2:], STORY[4:]
    )
    folded = _folded(article)
    assert folded[inside[0]] == "advertising note"
    assert folded[inside[1]] == folded[inside[2]] == "picture credit"
    _assert_story_kept(article)


def test_share_buttons_inside_the_story_are_folded(tmp_path: Path) -> None:
    buttons = [
        "Click to share on Twitter (Opens in new window)",
        "Click to share on Facebook (Opens in new window)",
        "Klicken, um auf WhatsApp zu teilen (Wird in neuem Fenster geöffnet)",
        "URL zum Kopieren",
        "Inhalt teilen",
    ]
    article = _page(tmp_path, _head(), STORY[:3], buttons, STORY[3:])
    folded = _folded(article)
    for line in buttons:
        assert folded.get(line) == "share prompt", line
    _assert_story_kept(article)


def test_comment_form_small_print_after_the_story_is_folded(tmp_path: Path) -> None:
    form = [
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
        "Kommentar verfassen Antwort abbrechen",
        "Comment by Harbourwatcher — 17.07, 2023 @ 20:18",
        "Great news for the town, my father worked on those cranes for thirty years and would have been proud to see them move again.",
    ]
    article = _page(tmp_path, _head(), STORY, form)
    folded = _folded(article)
    for line in form:
        assert line in folded, line
    assert folded[form[0]] == folded[form[1]] == "comments"
    _assert_story_kept(article)


def test_long_sidebar_far_below_the_story_is_folded(tmp_path: Path) -> None:
    closing = ["Opening hours of the visitor centre", "Monday to Friday: 9 to 17"]
    sidebar = [f"{n} July: harbour walk from the lighthouse" for n in range(1, 16)]
    sidebar += ["Weather tomorrow", "Tide tables", "Ferry times", "Parking"]
    article = _page(tmp_path, _head(), STORY, closing, sidebar)
    folded = _folded(article)
    for line in sidebar[-8:]:
        assert folded.get(line) == "after the story", line
    for line in closing:  # the story's own closing lines stay
        assert line in article.body_text
    _assert_story_kept(article)


def test_licence_app_pitch_and_disclosure_lines_are_folded(tmp_path: Path) -> None:
    lines = [
        "Unless noted otherwise, this work is licensed under a Creative Commons Attribution 4.0 International License.",
        "For the latest news and updates download the Ellis Courier apps for iOS and Android.",
        "Die wichtigsten Nachrichten aus dem Hafen direkt in dein Postfach!",
        "We may receive compensation when you click on links to products from our partners.",
        "Neueste Artikel für Hafenwirtschaft",
    ]
    article = _page(tmp_path, _head(), STORY[:3], lines[3:4], STORY[3:], lines[:3], lines[4:])
    folded = _folded(article)
    assert folded[lines[0]] == "copyright line"
    assert folded[lines[1]] == folded[lines[2]] == "cookie or newsletter notice"
    assert folded[lines[3]] == "advertising note"
    assert lines[4] in folded
    _assert_story_kept(article)


def test_menu_far_above_a_story_whose_headline_is_not_repeated_is_folded(
    tmp_path: Path,
) -> None:
    menu = ["Jobs board", "Classifieds", "Puzzles", "Obituaries", "Letters to the editor"]
    menu += ["Podcasts", "Photo sales", "Archive search", "Advertise with us", "Print edition"]
    menu += ["Crosswords", "Family notices", "Local guides", "Travel offers", "Gardening"]
    near = ["Port news", "14 June 2023", "Maria Santos, harbour correspondent"]
    article = _page(tmp_path, ["The Ellis Courier"], menu, near, STORY)
    folded = _folded(article)
    for line in menu[:8]:  # well above the story
        assert folded.get(line) == "before the story", line
    for line in near:  # what sits right above the story may be its own
        assert line not in folded, line
    _assert_story_kept(article)


def test_short_lines_right_under_the_story_are_folded_but_its_own_lists_stay(
    tmp_path: Path,
) -> None:
    own = ["Port Ellis in figures:", "Six cranes", "Nine berths", "Two dry docks"]
    own += ["– Harbour tours resume in July"]
    teasers = ["Lifeboat crew honoured", "Ferry timetable changes", "Harbour Festival 2023"]
    teasers += ["Fish market reopens", "Lighthouse appeal", "Regatta results"]
    article = _page(tmp_path, _head(), STORY, own, teasers)
    folded = _folded(article)
    for line in teasers:
        assert folded.get(line) == "after the story", line
    for line in own:
        assert line in article.body_text, line
    _assert_story_kept(article)


@pytest.mark.parametrize(
    "inside",
    [
        ["Harbour news by text message", "Your basket is empty"],
        [  # a run of teaser headlines
            "Lifeboat crew honoured at the town hall",
            "Ferry timetable changes next week",
            "Fish market reopens after the storm damage",
        ],
    ],
)
def test_short_lines_boxed_between_two_labels_inside_the_story_are_folded(
    tmp_path: Path, inside: list[str]
) -> None:
    box = ["Share this article", *inside, "Most read"]
    article = _page(tmp_path, _head(), STORY[:3], box, STORY[3:])
    folded = _folded(article)
    for line in inside:
        assert line in folded, line
    _assert_story_kept(article)


def test_newsletter_and_social_pitches_are_folded(tmp_path: Path) -> None:
    pitches = [
        "Ellis Courier Newsletter",
        "Jetzt zum kostenlosen Newsletter anmelden",
        "Get the best harbour stories in a weekly newsletter",
        "Follow the Ellis Courier on Twitter and Instagram @elliscourier",
        "Síguenos en Telegram, Instagram, Facebook y Twitter",
    ]
    article = _page(tmp_path, _head(), STORY[:3], pitches[:2], STORY[3:], pitches[2:])
    folded = _folded(article)
    for line in pitches:
        assert folded.get(line) == "cookie or newsletter notice", line
    _assert_story_kept(article)


def test_bare_date_and_reading_time_lines_are_folded_but_a_dated_section_stays(
    tmp_path: Path,
) -> None:
    dates = ["Oct 9, 2019", "12.12.2022, 08:30 Uhr", "4 min read", "Aktualisiert:"]
    teaser = ["Lifeboat crew honoured at the town hall"]
    diary = ["Dienstag, 4. Juli 2023"]  # heads the story's last section
    article = _page(tmp_path, _head(), STORY[:3], dates, teaser, STORY[3:5], diary, STORY[5:])
    folded = _folded(article)
    for line in dates:
        assert folded.get(line) == "date or reading time", line
    assert diary[0] in article.body_text
    _assert_story_kept(article)


def test_a_blog_post_meta_line_under_the_story_is_folded(tmp_path: Path) -> None:
    meta = [
        "Dieser Eintrag wurde veröffentlicht in Hafen und verschlagwortet mit Kräne, Jobs.",
        "This entry was posted in Local news. Bookmark the permalink.",
        "Posted by Maria Santos at 5:11 PM",
    ]
    for line in meta:
        article = _page(tmp_path, _head(), STORY, [line], name=f"p{len(line)}.txt")
        assert line in _folded(article), line
        _assert_story_kept(article)


def test_pleas_for_the_readers_support_are_folded(tmp_path: Path) -> None:
    pleas = [
        "We rely on your support to keep harbour news free for everyone.",
        "Unterstütze unsere Arbeit",
        "Jede kleine Spende hilft uns weiter.",
    ]
    kept = "Volunteers rely on donations from the town to keep the lifeboat station open all year."
    article = _page(tmp_path, _head(), STORY[:3], [kept], STORY[3:], pleas)
    folded = _folded(article)
    for line in pleas:
        assert folded.get(line) == "plea for support", line
    assert kept in article.body_text
    _assert_story_kept(article)


def test_a_paragraph_pitching_the_site_to_its_reader_is_folded(tmp_path: Path) -> None:
    pitches = [
        "If you enjoyed reading this article, would you consider supporting our work? Just click here. Thanks!",
        (
            "Gefällt dir unser Hafenmagazin? Bei der Gründung haben wir entschieden, keine "
            "Bezahlschranke einzuführen, damit alle an der Küste unsere Berichte lesen können."
        ),
        "Join the thousands of readers who get the Courier's harbour news delivered to their inbox every Friday.",
    ]
    kept = "If you liked the old ferry, the new one will please you too, said the harbour master."
    for pitch in pitches:
        article = _page(
            tmp_path, _head(), STORY[:3], [pitch, kept], STORY[3:], name=f"p{len(pitch)}.txt"
        )
        assert _folded(article).get(pitch) == "the site's pitch to its reader", pitch
        assert kept in article.body_text
        _assert_story_kept(article)


def test_the_authors_box_under_the_story_is_folded_but_a_person_in_the_story_stays(
    tmp_path: Path,
) -> None:
    bio = (
        "Maria Santos is a senior reporter for the Ellis Courier, covering the port and local "
        "business. She previously worked for the Northern Gazette."
    )
    person = (
        "Anna Kowalski is a professor of maritime economics at Ellis University, and she said "
        "the reopening was long overdue."
    )
    tail = ["Share this:", "Facebook", "Twitter", "Leave a Reply"]
    article = _page(tmp_path, _head(), STORY[:2], [person], STORY[2:], [bio], tail)
    assert _folded(article).get(bio) == "author box"
    assert person in article.body_text
    _assert_story_kept(article)


def test_teasers_of_other_stories_between_the_storys_paragraphs_are_folded(
    tmp_path: Path,
) -> None:
    teasers = [
        "Council approves new cycle lanes along the seafront",
        "By Peter Olsen",
        "Ellis lifeboat crew rescues three from capsized yacht",
        "The crew was called out twice in one night after a storm hit the bay.",
        "12 June 2023",
        "Rail link to the harbour to reopen in spring",
        "By Jane Whitaker",
    ]
    article = _page(tmp_path, _head(), STORY[:3], teasers, STORY[3:])
    folded = _folded(article)
    for line in teasers:
        if line == "12 June 2023":
            assert folded.get(line) == "date or reading time"
        else:
            assert folded.get(line) == "teasers of other stories", line
    _assert_story_kept(article)


def test_a_story_of_two_dated_sections_keeps_them(tmp_path: Path) -> None:
    sections = [
        "The first crane",
        "3 March 2023",
        "Engineers tested the first crane for a week before it lifted a container.",
        "The last crane",
        "4 June 2023",
        "The last crane was the hardest to repair, because its parts had to be made again.",
    ]
    article = _page(tmp_path, _head(), STORY[:3], sections, STORY[3:])
    for line in sections[::3] + sections[2::3]:
        assert line in article.body_text, line
    _assert_story_kept(article)


def test_a_short_line_the_pages_chrome_repeats_is_folded_inside_the_story_too(
    tmp_path: Path,
) -> None:
    teaser = "Rail link to the harbour to reopen in spring"
    heading = "What happens next"
    related = [
        "Related stories",
        teaser,
        "Council approves new cycle lanes along the seafront",
        "Ellis lifeboat crew rescues three from capsized yacht",
    ]
    article = _page(tmp_path, _head(), STORY[:3], [teaser, heading], STORY[3:], related)
    assert teaser not in article.body_text
    reasons = [article.block_text(b) == teaser and b.reason for b in article.boilerplate_blocks]
    assert "repeated from the page's chrome" in reasons
    assert heading in article.body_text
    _assert_story_kept(article)


def test_menu_entries_of_the_header_repeated_inside_the_story_are_folded(
    tmp_path: Path,
) -> None:
    # The header's menu is folded only for its place, yet its entries standing alone
    # between the story's paragraphs are the page's links, not the story's words.
    stray = ["Business", "Weather"]
    heading = "Port news in pictures"
    article = _page(tmp_path, _head(), STORY[:3], [*stray, heading], STORY[3:])
    kept = article.body_text.split("\n\n")
    for line in stray:
        assert line not in kept, line
    assert heading in kept  # a paragraph follows it: it heads a section
    _assert_story_kept(article)


def test_a_short_line_between_two_folded_lines_of_chrome_is_folded(tmp_path: Path) -> None:
    # The header's menu, repeated inside the story with an entry it lacks: that entry
    # stands between two folded menu entries, so it is a link of the same menu.
    menu = ["Sport", "Puzzles", "Opinion"]
    article = _page(tmp_path, _head(), STORY[:3], menu, ["Tom Rees at the quay"], STORY[3:])
    kept = article.body_text.split("\n\n")
    assert "Puzzles" not in kept
    assert _folded(article)["Puzzles"] == "between two lines of chrome"
    assert "Tom Rees at the quay" in kept  # a paragraph follows it: it may head a section
    _assert_story_kept(article)


def test_a_byline_between_folded_lines_under_the_headline_stays(tmp_path: Path) -> None:
    head = [SITE_TITLE, *MENU, TITLE, "By Maria Santos", "14 June 2023", "Share this article"]
    article = _page(tmp_path, head, STORY)
    assert "By Maria Santos" in article.body_text or article.author == "Maria Santos"
    _assert_story_kept(article)


def test_a_heading_the_pages_table_of_contents_repeats_stays(tmp_path: Path) -> None:
    headings = ["How the port closed", "Who paid for the dredging"]
    contents = ["On this page", *headings, "What the town expects", "Share this:", "Leave a Reply"]
    article = _page(
        tmp_path, _head(), STORY[:2], headings[:1], STORY[2:4], headings[1:], STORY[4:], contents
    )
    assert "On this page" not in article.body_text
    for heading in headings:
        assert heading in article.body_text
    _assert_story_kept(article)


def test_spanish_see_also_lines_with_a_colon_inside_the_story_are_folded(tmp_path: Path) -> None:
    story = [
        "El último de los seis puertos del sur volvió a abrir el martes, después de un cierre de dos años que costó al pueblo cientos de empleos.",
        "Los trabajadores esperaron en el muelle la llegada del primer barco, que descargó su carga poco después del amanecer.",
        "Mira Fernández, que trabaja en el puerto desde 1998, dijo que nunca pensó ver este día.",
        "El consorcio de ayuntamientos que compró el puerto invirtió ocho meses en dragar el canal antes de probar las grúas.",
    ]
    links = [
        "Lea también: El Gobierno anuncia nuevas ayudas para los pescadores de la costa",
        "MIRA: Así fue la llegada del primer barco en dos años",
        "PUEDES VER: ¿Cuántos empleos volverán al puerto este año?",
    ]
    head = ["Vuelve a abrir el puerto del sur | El Diario", "Vuelve a abrir el puerto del sur"]
    article = _page(tmp_path, head, story[:1], links[:1], story[1:3], links[1:], story[3:])
    folded = _folded(article)
    for line in links:
        assert folded.get(line) == "list of links", line
    for sentence in story:
        assert sentence in article.body_text


def test_german_see_also_and_explore_further_lines_inside_the_story_are_folded(
    tmp_path: Path,
) -> None:
    links = [
        "Auch lesen: Diese drei Häfen öffnen im Frühjahr wieder",
        "Lesen Sie auch: Neue Radwege entlang der Uferpromenade",
        "Explore further: Ellis lifeboat crew rescues three from capsized yacht",
    ]
    article = _page(tmp_path, _head(), STORY[:2], links[:2], STORY[2:4], links[2:], STORY[4:])
    folded = _folded(article)
    for line in links:
        assert folded.get(line) == "list of links", line
    _assert_story_kept(article)


def test_a_blog_posts_closing_wish_and_greeting_stay_with_the_story(tmp_path: Path) -> None:
    closing = ["Have a lovely weekend, all of you <3", "x Maria"]
    tail = ["Fashion", "Harbour life", "Weekend", "Share this article", "Facebook", "Twitter"]
    article = _page(tmp_path, _head(), STORY, closing, tail)
    for line in closing:
        assert line in article.body_text, line
    assert "Fashion" not in article.body_text
    _assert_story_kept(article)


def test_captions_ending_with_a_picture_credit_are_folded_but_a_sentence_about_a_photo_stays(
    tmp_path: Path,
) -> None:
    captions = [
        "The first ship is unloaded at dawn. (Photo: Jane Doe)",
        "Dock workers on the quay on Tuesday morning. © Ellis Courier / Tom Rees",
        "Photo by Tom Rees on Unsplash",
        "Figure 2: Jobs at the port since 2015",
    ]
    sentence = "He gave one reason for keeping the photo: it was the only one left."
    article = _page(
        tmp_path, _head(), STORY[:2], captions[:2], [sentence], STORY[2:4], captions[2:], STORY[4:]
    )
    folded = _folded(article)
    for caption in captions:
        assert folded.get(caption) == "picture credit", caption
    assert sentence in article.body_text
    _assert_story_kept(article)


def test_a_posts_line_of_date_and_comment_count_is_folded(tmp_path: Path) -> None:
    meta = "14 June 2023 at 09:40 AM, filed in Harbour life and Jobs, 12 Comments"
    sentence = "The council's post about the cranes drew 400 comments in a day."
    article = _page(tmp_path, _head(), [meta], STORY[:3], [sentence], STORY[3:])
    assert _folded(article).get(meta) == "tags"
    assert sentence in article.body_text
    _assert_story_kept(article)


def test_a_date_line_between_the_headline_and_the_first_paragraph_is_folded(
    tmp_path: Path,
) -> None:
    top = ["Harbour life", "Listen to this article", "Updated 15.06.2023, 08:30", "4 min read"]
    byline = "By Staff Writer"
    article = _page(tmp_path, _head(), top[:3], [byline], top[3:], STORY)
    folded = _folded(article)
    assert folded.get("Updated 15.06.2023, 08:30") == "date or reading time"
    assert folded.get("4 min read") == "date or reading time"
    assert byline in article.body_text  # a second author is the reader's to see
    _assert_story_kept(article)


def test_sign_up_prompts_and_consent_small_print_are_folded_but_the_storys_rules_stay(
    tmp_path: Path,
) -> None:
    prompts = [
        "Enter your email address to follow this blog and receive notifications of new posts by email.",
        "Subscribe now to our digital edition for the full story.",
        "Already a subscriber? Log in here",
        "Ich bin mit der Verarbeitung meiner Daten gemäß der Datenschutzerklärung einverstanden.",
    ]
    rules = "Boat owners must register their moorings with the harbour office before May."
    article = _page(tmp_path, _head(), STORY[:3], [rules], STORY[3:], prompts, ["Share this:"])
    folded = _folded(article)
    for line in prompts:
        assert folded.get(line) == "cookie or newsletter notice", line
    assert rules in article.body_text
    _assert_story_kept(article)


def test_links_to_the_previous_and_next_post_are_folded(tmp_path: Path) -> None:
    links = [
        "← Council approves new cycle lanes along the seafront",
        "Ellis lifeboat crew rescues three from capsized yacht →",
        "Previous article: Rail link to the harbour to reopen in spring",
    ]
    article = _page(tmp_path, _head(), STORY[:4], links, STORY[4:])
    folded = _folded(article)
    for line in links:
        assert folded.get(line) == "navigation", line
    _assert_story_kept(article)


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("Latest on:", "related links"),
        ("weitere Inhalte zu »Häfen«", "related links"),
        ("Das könnte dir auch gefallen", "related links"),
        ("Themen in diesem Artikel", "tags"),
        ("Zur Startseite", "navigation"),
    ],
)
def test_more_section_labels_are_folded_with_their_kind(
    tmp_path: Path, label: str, reason: str
) -> None:
    article = _page(tmp_path, _head(), STORY, [label, "Shipping", "Ports"])
    assert _folded(article).get(label) == reason
    _assert_story_kept(article)


def test_a_share_prompt_in_an_html_story_is_folded_as_in_a_text_dump(tmp_path):
    paragraphs = "".join(
        f"<p>{line}</p>" for line in [STORY[0], "Share this article on Facebook Twitter", STORY[1]]
    )
    html = f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>"
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = load_article(path, tmp_path)
    shown = [article.block_text(b) for b in article.body_blocks]
    assert shown == [STORY[0], STORY[1]]
