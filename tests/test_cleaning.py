"""Reader mode: the article survives whole, the page furniture around it is boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.canonical import Part
from reader.ingest.cleaning import classify, is_junk_line
from reader.ingest.formats import load_article
from reader.model import Article

ARTICLES = Path(__file__).resolve().parent.parent / "articles"
AFP = ARTICLES / "AFP" / "nato-chief-discusses-global-security.txt"
OTHER = ARTICLES / "Unattributed" / "nato-chief-meets-trump.txt"

# Every body line of the AFP seed, in order.
AFP_BODY = [
    'NATO chief Mark Rutte held talks with US President-elect Donald Trump in Florida on the "global security issues facing the alliance", a spokeswoman said Saturday.',
    "The meeting took place on Friday in Palm Beach, NATO's Farah Dakhlallah said in a statement.",
    "In his first term Trump aggressively pushed Europe to step up defence spending and questioned the fairness of the NATO transatlantic alliance.",
    "The former Dutch prime minister had said he wanted to meet Trump two days after Trump was elected on November 5, and discuss the threat of increasingly warming ties between North Korea and Russia.",
    "Trump's thumping victory to return to the US presidency has set nerves jangling in Europe that he could pull the plug on vital Washington military aid for Ukraine.",
    "NATO allies say keeping Kyiv in the fight against Moscow is key to both European and American security.",
    '"What we see more and more is that North Korea, Iran, China and of course Russia are working together, working together against Ukraine," Rutte said recently at a European leaders\' meeting in Budapest.',
    '"At the same time, Russia has to pay for this, and one of the things they are doing is delivering technology to North Korea", which he warned was threatening to the "mainland of the US (and) continental Europe".',
    '"I look forward to sitting down with Donald Trump to discuss how we can face these threats collectively," Rutte said.',
]
AFP_JUNK = [
    "READ MORE",
    "Global hotels bet big on Maasai Mara as tourism earnings surge",
    "Government steps up push for local manufacturing",
    "Confusion over seafarer IDs exposes gaps in maritime governance",
    "From breadbasket to brick and mortar: The death of Nakuru farmlands",
    "Cement giant set for Sh80b revamp as it eyes infrastructure boom",
    "Real estate sector eyes 2026 rebound on policy, tech shifts",
    "Official: State-owned tourism facilities key to sector growth",
    "Nedbank offers Sh109.5 billion for 66 per cent stake in NCBA",
    "Nedbank seeks controlling stake in NCBA Group",
    "Kenya targets 5.5m international tourists in the next two years",
]

OTHER_HEADINGS = [
    "US Military Support for Ukraine Under Scrutiny",
    "Russia’s Alliances and Growing Tensions",
    "Strategic Military Coordination Critical for NATO",
    "A Changing European Security Landscape",
    "Future Security Discussions to Focus on Collective Defense",
]
# Every body line of the other seed, in order: paragraphs and section headings.
OTHER_BODY = [
    "NATO Secretary-General Mark Rutte met with US President-elect Donald Trump in Palm Beach, Florida on Friday to discuss key global security issues facing the alliance. The high-level talks, confirmed by NATO spokesperson Farah Dakhlallah, focused on pressing security concerns, particularly the growing threats posed by adversarial nations like Russia, North Korea, and Iran.",
    OTHER_HEADINGS[0],
    "Trump’s return to the presidency has sparked concerns in Europe about the future of American military support for Ukraine, especially as NATO allies fear potential changes in Washington’s stance on the ongoing conflict with Russia. Despite Trump’s initial criticisms of NATO during his first term, the alliance’s continued unity in the face of global security challenges remains a priority for European leaders.",
    OTHER_HEADINGS[1],
    "During the meeting, Rutte emphasized the strengthening ties between Russia, North Korea, Iran, and China, and the potential risks these alliances pose to the United States and Europe. He warned that these nations are increasingly cooperating to undermine global stability, particularly through technology exchanges that could enhance North Korea’s military capabilities. Rutte stressed the importance of joint efforts to address these emerging threats.",
    OTHER_HEADINGS[2],
    "Rutte also underscored the importance of NATO’s collective defense strategy in ensuring the alliance remains prepared to counter these growing threats. With Russia’s increasing aggressiveness toward Ukraine and its military ties with North Korea, NATO leaders have repeatedly called for stronger defense spending and coordinated strategies to maintain the alliance’s strength.",
    OTHER_HEADINGS[3],
    "As Trump prepares to assume office again, many in Europe are watching closely for signs that his administration may alter its approach to NATO and its support for Ukraine. In his first term, Trump questioned the fairness of NATO’s defense spending distribution, pushing European nations to invest more in their own defense capabilities. However, European allies remain committed to countering Russia’s advances, particularly in the context of the ongoing conflict in Ukraine.",
    OTHER_HEADINGS[4],
    "The Trump-Rutte discussions are expected to continue as the two leaders prepare to face an increasingly complex global security landscape. With the collaboration between Russia, North Korea, and other state actors, Rutte stressed that it is crucial for NATO to adapt and strengthen its collective defense mechanisms to ensure long-term security for both Europe and North America.",
]
OTHER_JUNK = [
    "See also\u00a0 Obasanjo Criticises Tinubu’s Handling of Key Policies",
    "Further reading",
    "Follow\u00a0us\u00a0on Socials:",
    "Spread the love",
]

SEEDS = {"afp": (AFP, AFP_BODY, AFP_JUNK), "other": (OTHER, OTHER_BODY, OTHER_JUNK)}


def _load(path: Path) -> Article:
    return load_article(path, ARTICLES)


def _body(article: Article) -> list[str]:
    return [article.block_text(b) for b in article.body_blocks]


def _junk(article: Article) -> list[str]:
    return [article.block_text(b) for b in article.boilerplate_blocks]


def test_seed_lists_match_the_files() -> None:
    """The lists above are the seeds' own lines, so the tests below cover every one."""
    for path, body, junk in SEEDS.values():
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        for line in body + junk:
            assert line in lines


@pytest.mark.parametrize(
    ("seed", "line"), [(s, line) for s, (_, body, _) in SEEDS.items() for line in body]
)
def test_every_seed_sentence_survives(seed: str, line: str) -> None:
    article = _load(SEEDS[seed][0])
    assert line in _body(article)
    assert line in article.body_text


@pytest.mark.parametrize(
    ("seed", "line"), [(s, line) for s, (_, _, junk) in SEEDS.items() for line in junk]
)
def test_every_seed_junk_line_is_boilerplate(seed: str, line: str) -> None:
    article = _load(SEEDS[seed][0])
    assert line in _junk(article)
    assert line not in article.body_text
    assert line in article.text  # boilerplate is marked, never removed


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_body_is_exactly_the_article(seed: str) -> None:
    path, body, junk = SEEDS[seed]
    article = _load(path)
    assert _body(article) == body
    assert _junk(article) == junk


@pytest.mark.parametrize("heading", OTHER_HEADINGS)
def test_seed_section_headings_are_kept_as_headings(heading: str) -> None:
    article = _load(OTHER)
    kinds = {article.block_text(b): b.kind for b in article.body_blocks}
    assert kinds[heading] == "heading"


def test_seed_paragraphs_are_not_headings() -> None:
    for path, body, _ in SEEDS.values():
        article = _load(path)
        kinds = {article.block_text(b): b.kind for b in article.body_blocks}
        for line in body:
            if line not in OTHER_HEADINGS:
                assert kinds[line] == "paragraph", line


# --- classify on its own: small pages built from parts ----------------------------------

PROSE = "The council approved the budget on Tuesday after a long debate about the harbour."
PROSE2 = "Opposition members said the plan would raise rents for families across the town."


def _classify(*texts: str, kinds: dict[int, str] | None = None) -> list[Part]:
    parts = [Part((kinds or {}).get(i, "paragraph"), t) for i, t in enumerate(texts)]
    classify(parts)
    return parts


def _flags(parts: list[Part]) -> dict[str, bool]:
    return {p.text: p.boilerplate for p in parts}


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Socials:",
        "Follow us on Twitter, Facebook and Instagram",
        "Like us on Facebook!",
        "Share this article",
        "Share on WhatsApp",
        "Spread the love",
        "READ MORE",
        "Read more:",
        "See also",
        "Further reading",
        "Related stories",
        "Most read",
        "You may also like",
        "Read more: Council tax to rise in every district next year",
        "See also Obasanjo Criticises Tinubu’s Handling of Key Policies",
        "Related: Police appeal after break-in at village post office",
        "Lire aussi : Les Européens s'inquiètent de l'aide à l'Ukraine",
        "Home | World | Business | Sport",
        "Privacy Policy | Terms of Use | Contact Us",
        "Skip to content",
        "Skip to main content",
        "Story continues below advertisement",
        "Advertisement",
        "Sign in",
        "We use cookies to improve your experience on our site.",
        "This website uses cookies to ensure you get the best experience.",
        "Accept all cookies",
        "Cookie settings",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter and get the news in your inbox.",
        "© 2024 The Ellis Courier. All rights reserved.",
        "Copyright 2024 Northern Ledger Media Ltd",
        "All rights reserved.",
    ],
)
def test_junk_lines(line: str) -> None:
    assert is_junk_line(line)
    parts = _classify(PROSE, line, PROSE2)
    assert _flags(parts) == {PROSE: False, line: True, PROSE2: False}


@pytest.mark.parametrize(
    "line",
    [
        # Prose about cookies, newsletters and copyright is the article, not a banner.
        'A banner that says "We use cookies to improve your experience" is no longer enough, the court said.',
        "Sites that use cookies for advertising must offer a button that is as easy to find as the one to accept all cookies.",
        "We use cookies on almost every page we publish, said Anna Berg, who chairs a publishers' association.",
        "Sign up forms for newsletters must not come with the box already ticked, the judges added.",
        "Subscribe to a newsletter today and your address may be sold tomorrow, campaigners warned.",
        "Copyright law was the second front.",
        'The phrase "All rights reserved" changes nothing, it said.',
        "Privacy policies must be written so that an ordinary reader can understand them.",
        # Short paragraphs and sentences that share words with share prompts.
        "Like us, they were tired.",
        "Find this hard to believe",
        "Share prices fell sharply on Monday",
        "Follow the money, one judge told the hearing.",
        "They were wrong.",
        "Then silence.",
        '"Nobody wants to go back."',
        "“We got a leaflet.”",
        # Headings that open with a link label's word.
        "Related risks for farmers",
        "Most read books of the year",
        "Copyright and the cookie wall",
        "Home truths about the housing market",
    ],
)
def test_article_lines_that_share_junk_vocabulary_are_kept(line: str) -> None:
    parts = _classify(PROSE, line, PROSE2)
    assert not any(p.boilerplate for p in parts)


def test_short_sentence_between_two_junk_lines_is_kept() -> None:
    parts = _classify(PROSE, "Advertisement", "Then silence.", "Advertisement", PROSE2)
    assert _flags(parts)["Then silence."] is False


def test_link_list_after_label_is_junk_up_to_the_next_prose() -> None:
    links = [
        "Council tax to rise by five per cent in every district next year",
        "Missing hiker found safe after three nights on the moor",
        "Rugby club celebrates promotion with an open-top bus parade",
    ]
    parts = _classify(PROSE, "Related stories", *links, PROSE2)
    assert [p.boilerplate for p in parts] == [False, True, True, True, True, False]


def test_heading_right_after_a_link_list_is_kept() -> None:
    links = [
        "Scientists warn of mass bleaching event across the Pacific this summer",
        "How a tiny fish became the unlikely hero of the Great Barrier Reef",
        "Tourism boom puts pressure on marine parks across the Caribbean",
    ]
    parts = _classify(PROSE, "Related stories", *links, "What the divers found", PROSE2)
    flags = _flags(parts)
    assert flags["What the divers found"] is False
    assert all(flags[link] for link in links)


def test_three_headlines_in_a_row_without_a_label_are_a_link_list() -> None:
    links = [
        "Council tax to rise by five per cent in every district next year",
        "Missing hiker found safe after three nights on the moor",
        "Rugby club celebrates promotion with an open-top bus parade",
    ]
    parts = _classify(PROSE, *links, PROSE2)
    assert [p.boilerplate for p in parts] == [False, True, True, True, False]


def test_unbulleted_list_announced_by_a_colon_is_kept() -> None:
    items = [
        "Quieter tarmac on the ring road",
        "A lower speed limit at night",
        "Noise barriers along the school side",
    ]
    parts = _classify(PROSE, "The council offered residents three options:", *items, PROSE2)
    assert not any(p.boilerplate for p in parts)


def test_short_verse_lines_are_kept() -> None:
    verse = ["Under the pear tree", "The wind remembers", "Everything we said"]
    parts = _classify(PROSE, *verse, PROSE2)
    assert not any(p.boilerplate for p in parts)


def test_table_rows_are_kept() -> None:
    rows = ["Party | For | Against", "Labour | 7 | 2", "Green | 5 | 0"]
    parts = _classify(PROSE, *rows, PROSE2)
    assert not any(p.boilerplate for p in parts)


def test_tags_after_the_article_are_junk() -> None:
    parts = _classify(PROSE, PROSE2, "Topics", "Local politics", "Housing")
    assert [p.boilerplate for p in parts] == [False, False, True, True, True]


def test_bulleted_list_at_the_end_is_kept() -> None:
    items = ["- More buses", "- Cheaper fares", "- Safer crossings"]
    parts = _classify(PROSE, "The plan includes:", *items, kinds={2: "list_item", 3: "list_item"})
    assert not any(p.boilerplate for p in parts)


@pytest.mark.parametrize(
    "sign_off",
    [
        "Reporting by Priya Nair",
        "— Jane Doe",
        "Ends",
        "(Reporting by David Morgan; Editing by Scott Malone)",
        "Additional reporting by Sam Lee",
    ],
)
def test_last_line_sign_off_is_kept(sign_off: str) -> None:
    parts = _classify(PROSE, PROSE2, sign_off)
    assert not parts[-1].boilerplate
    parts = _classify(PROSE, PROSE2, sign_off, "Share this article", "Energy", "Climate")
    assert _flags(parts) == {
        PROSE: False,
        PROSE2: False,
        sign_off: False,
        "Share this article": True,
        "Energy": True,
        "Climate": True,
    }


def test_classify_only_marks() -> None:
    texts = [PROSE, "READ MORE", "Some Other Headline Entirely Here", PROSE2, "Spread the love"]
    parts = _classify(*texts)
    assert [p.text for p in parts] == texts
    assert [p.kind for p in parts] == ["paragraph"] * len(texts)


_ORDINARY_WORDS = (
    "the council cookies newsletter copyright share follow like related read more most "
    "policy privacy terms home search menu sign up subscribe accept all rights see also "
    "further reading trending top stories latest news on to for in of and said that it "
    "harbour ministers voted budget Tuesday rents families town courts law judges"
)
_ORDINARY = st.sampled_from(_ORDINARY_WORDS.split())
_JUNK = st.sampled_from(
    ["READ MORE", "Advertisement", "Follow us on Socials:", "Spread the love", "Most read"]
)


@given(
    st.lists(
        st.lists(_ORDINARY, min_size=9, max_size=20).map(
            lambda ws: " ".join(ws).capitalize() + "."
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(_JUNK, max_size=6),
    st.randoms(use_true_random=False),
)
@settings(max_examples=150, deadline=None)
def test_a_full_sentence_is_never_boilerplate(sentences, junk, rnd) -> None:
    """A sentence of nine or more ordinary words ending in a full stop always survives,
    whatever junk surrounds it and whichever junk words it contains."""
    texts = sentences + junk
    rnd.shuffle(texts)
    parts = _classify(*texts)
    for part in parts:
        if part.text in sentences:
            assert not part.boilerplate, part.text
