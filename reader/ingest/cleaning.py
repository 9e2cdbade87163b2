"""Reader mode: classify blocks as boilerplate from the shape of the text.

Nothing here changes a block's text; it only marks blocks. Losing article text
is far worse than keeping junk, so every rule needs the block to look unlike
prose, and runs of short lines are only dropped when something else (a label,
a menu separator, their number) says they are links rather than headings.

Vocabulary (link labels, share prompts, banners, footers) is only trusted on
lines that are not reported speech: a quoted "We use cookies" or a sentence
that says who said it is the article talking about junk, not junk.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from reader.ingest.canonical import Part
from reader.ingest.textshape import (
    Caseless,
    ends_sentence,
    factored,
    is_prose,
    is_title_like,
    lowers_plainly,
    may_open,
    opening_letters,
    words,
)

# Labels that introduce links to other pages: "READ MORE", "See also", "Related stories".
# "See also" and its kin are never a heading's opening words, so a headline may follow
# after plain space; list titles such as "Most read" and single words such as
# "Related" need a separator ("Related: ...") before a headline counts as a link.
_LINK_VERBS = (
    r"read more|read next|read also|also read|see also|don'?t miss|"
    # A few other languages' "see also": à lire aussi, ver también, siehe auch.
    r"(à )?lire aussi|voir aussi|ver también|vea también|lee también|leer más|"
    r"siehe auch|mehr zum thema|leggi anche|veja também|leia também|auch lesen|lesen sie auch|"
    r"explore further"
)
_LIST_TITLES = (
    r"further reading|related (articles?|stories|posts|news|coverage|content|links|reading|"
    r"topics)|recommended (for you|stories|articles|reading)|more (stories|news|articles)|"
    r"top stories|most (read|popular|viewed|shared|commented)|latest (news|stories)|"
    r"editor'?s picks|trending now|you (may|might) also (like|enjoy|be interested in)|"
    r"related|recommended|trending|popular|more|read|tags|topics|filed under|categories"
)
_VERBS = _LINK_VERBS.replace(" ", r"\s+")
_TITLES = _LIST_TITLES.replace(" ", r"\s+")
_LINK_LABEL_ALONE = re.compile(rf"^({_VERBS}|{_TITLES})[\s:»›>|.…–—-]*$", re.IGNORECASE)
_INLINE_VERB = re.compile(rf"^({_VERBS})(\s*[:|»›>–—-]+\s*|\s+)(?=\w)", re.IGNORECASE)
_INLINE_TITLE = re.compile(rf"^({_TITLES})\s*[:|»›>–—-]+\s*(?=\w)", re.IGNORECASE)
# Spanish and Portuguese papers' "see also" before a headline, always with a colon:
# "Lea: ...", "MIRA: ...", "PUEDES VER: ...", "VEA TAMBIÉN: ...".
_COLON_LINK = re.compile(
    r"^(lea( más| también)?|lee( más| también)?|mira|vea( más| también)?|puedes ver"
    r"|te puede interesar|leia (mais|também)|veja (mais|também))\s*:\s*(?=[\w¿¡\"“«'‘])",
    re.IGNORECASE,
)
_COLON_LINK_WORDS = 30
# The letters those labels open with: a line opening otherwise skips their patterns.
_LABEL_OPENERS = opening_letters(_LINK_LABEL_ALONE.pattern)
_INLINE_OPENERS = opening_letters(f"{_INLINE_VERB.pattern}|{_INLINE_TITLE.pattern}")

_PLATFORMS = (
    r"socials?|social media|facebook|twitter|x|whatsapp|linkedin|instagram|telegram|"
    r"pinterest|reddit|youtube|tiktok|threads|bluesky|mastodon|email|e-mail|messenger"
)
_SOCIAL = re.compile(
    # "Follow us on Socials:", "Share this article", "Like us on Facebook!"
    r"^(please\s+)?(share|follow|like|join|find|connect\s+with)\s+"
    r"((us|me)(\s+(on|at|via|for|in)\b[^.?]*|[^\w.?]*)"
    r"|this(\s+(article|story|post|page|video|gallery))?[^\w.?]*)$"
    # "Share on WhatsApp", "Post to Facebook"
    rf"|^(share|post|tweet|pin|send|email)\s+(it\s+)?(on|to|via|with|by)\s+({_PLATFORMS})\b"
    r"|^spread\s+the\s+love\b"
    r"|^(share|tweet|email|print|save|copy\s+link|comments?)(\s+this(\s+(article|story|post|page))?)?"
    r"[^\w.!?]*$"
    rf"|^({_PLATFORMS})[^\w.!?]*$",
    re.IGNORECASE,
)
# Banners are sentences that address the reader: cookie notices, newsletter pitches.
_BANNER_SENTENCE = re.compile(
    r"^((we|this\s+(web)?site|our\s+(web)?site|the\s+site)\s+uses?\s+cookies\b"
    r"|by\s+(continuing|using)\b.{0,60}\b(agree|accept|consent)"
    r"|(sign\s+up|subscribe|register)\b.{0,60}\b(newsletters?|updates|inbox|alerts|briefing)\b"
    r"|(get|receive)\b.{0,40}\b(newsletters?|inbox)\b)",
    re.IGNORECASE,
)
# A pitch for the site's apps, newsletter or social accounts: "... download our apps for
# iOS and Android", "PC Gamer Newsletter", "Follow us on Twitter and Instagram".
_PITCH = re.compile(
    r"\bdownload\b.{0,40}\bapps?\b.{0,20}\b(ios|android)\b"
    r"|\bdirekt in (dein|ihr) postfach\b|^verpasse keine (news|artikel|beiträge)\b"
    r"|^(der |die |the )?[\w.&' -]{0,30}newsletter[^\w.!?]*$"
    r"|\b(zum|für den|für unseren) (kostenlosen )?newsletter (an|ab)melden\b"
    r"|^(mit )?unser(em)? (kostenlose[nr]? )?newsletter\b|\b(weekly|daily|monthly) newsletter\b"
    r"|^(follow|folgen? (sie )?(uns|mir)|s[ií]guenos|suivez-nous|seguici|you can keep up with (me|us))"
    r"\b.{0,60}\b(twitter|instagram|facebook|telegram|linkedin|youtube|tiktok|mastodon)\b"
    r"|\bcanal de telegram\b",
    re.IGNORECASE,
)
# A sign-up form's prompt or small print, addressed to the reader: "Enter your email to
# follow this blog", "Gib deine E-Mail-Adresse ein ...", "Subscribe now to our edition for
# the full story", "Schon registriert? Hier einloggen", "Ich bin mit ... einverstanden".
_SIGNUP = re.compile(
    r"\b(enter|gib|geben sie|indiquez|introduce)\b.{0,20}\b(your|deine|ihre|votre|tu)\s+e-?mail"
    r"|\b(your|deine|ihre|votre) (e-?mail|adresse de messagerie|adresse e-?mail)(-?adresse| address)?\b"
    r".{0,80}\b(newsletter|subscri|abonn|follow|folgen|benachrichtigung|notification"
    r"|lettres? d'information|inbox|postfach)"
    r"|\b(straight|direct(ly)?|right) (to|in|into) your inbox\b"
    r"|\b(sign(ing)? up|subscribe|abonnieren sie|abonniere|melden sie sich|melde dich|inscrivez-vous"
    r"|abonnez-vous|suscr[ií]bete)\b.{0,60}\b(newsletters?|inbox|postfach|lettre)"
    r"|\bnewsletter\b.{0,60}\b(jetzt|kostenlos|hier) (anmelden|abonnieren|bestellen)\b"
    r"|\b(already a subscriber|schon registriert\?|déjà abonné|ya eres suscriptor)"
    r"|\bplease subscribe\b|\bsubscribe now\b|^(hier )?(kostenlos|jetzt) (registrieren|anmelden)\b"
    r"|\b(debes|tienes que) registrarte\b|\b(you must|müssen sie|musst du) (be )?(registered|logged in"
    r"|signed in|eingeloggt|angemeldet)\b|^e-?mail \(.{0,40}(nicht veröffentlicht|not (be )?published)"
    r"|^(ich|mit (der|dem|meiner))\b(?=.{0,200}\b(daten|datenschutz\w*|newsletter\w*|e-mail)\b)"
    r".{0,80}\b(akzeptiere|einverstanden|willige)"
    r"|\bprotected by recaptcha\b|\bwir respektieren (deine|ihre) privatsphäre\b",
    re.IGNORECASE,
)
# Words that address the reader or speak for the site (a sign-up prompt of more than a
# few words holds one).
_ADDRESSED = re.compile(
    r"\b(you|your|du|dich|dir|deine?\w*|sie|ihre?\w*|euch|vous|votre|tu|te|our|unser\w*|notre"
    r"|nuestr\w*|debes|ich|meine?\w*)\b"
)
_SIGNUP_WORDS = re.compile(
    factored(
        "mail|subscri|abonn|anmeld|registr|inbox|akzept|einverst|willige|recaptcha|privatsph"
        "|inscri|suscr|logged|signed|eingeloggt|angemeldet"
    )
)
# A plea for the reader's support: "We rely on your support", "Unterstütze unsere Arbeit".
_SUPPORT = re.compile(
    r"\bwe rely on (your|readers'?) support\b|\bsupport (our|independent|local) (journalism|reporting)\b"
    r"|^unterstütze(n sie)? (uns|unsere arbeit|diese form|[A-ZÄÖÜ][\w-]+\s*!?$)|\bihr beitrag hilft\b"
    r"|^jede (kleine )?spende\b|^gefällt (dir|ihnen) unser\b|\b(jetzt|hier) spenden\b"
    r"|^become a (member|patron|supporter)\b|^(donate|spenden)( now| jetzt)?!?$"
    r"|^thank you for your support!?$",
    re.IGNORECASE,
)
# Words each kind of line holds (in lower case): a line without them skips its pattern.
_SUPPORT_WORDS = re.compile(r"support|unterstütz|beitrag hilft|spende|gefällt|donate|member")
_PITCH_WORDS = re.compile(r"app|postfach|verpasse|newsletter|twitter|instagram|telegram")
_ADVERTISING_WORDS = re.compile(r"ffiliat|advertis|products|compensation|commission")
# Banner buttons are whole lines: "Accept all cookies", "Cookie settings", "Subscribe".
_BANNER_BUTTON = re.compile(
    r"^((accept|reject|allow|refuse|decline|manage|customi[sz]e)(\s+all)?(\s+cookies)?"
    r"|(cookie|privacy)\s+(policy|settings|preferences|notice|choices)"
    r"|(subscribe|sign\s+up)(\s+now)?"
    r"|(subscribe|sign\s+up)\s+(to|for)\s+(our|the)\s+[\w ]{0,30}newsletters?)[^\w.!?]*$",
    re.IGNORECASE,
)
_COPYRIGHT_HINT = Caseless(r"©|\(c\)|copyright|rights")
_COPYRIGHT = re.compile(
    r"^(©|\(c\)|copyright\s*(©|\(c\)|\d{4}))|\ball\s+rights\s+reserved\b", re.IGNORECASE
)
# A site's licence line: "This work is licensed under a Creative Commons Attribution 4.0 ..."
_LICENCE = re.compile(
    r"\b(licen[sc]ed under|lizenziert unter|stehen unter|steht unter|unter)\s+(a |an |einer |der )?"
    r"(creative commons|cc[- ]by)|creative commons[- ]lizenz",
    re.IGNORECASE,
)
# Navigation and page furniture: whole short lines.
_NAV = re.compile(
    r"^(privacy( policy| notice)?|terms (of|and) (use|service|conditions)|terms|contact( us)?|"
    r"about( us)?|advertisement|advertising|sponsored( content)?|"
    r"skip to (the )?(main )?(content|navigation)|back to top|log ?in|log ?out|sign in|sign out|"
    # "Skip to content" in German and French: zum Inhalt springen, aller au contenu.
    r"(direkt )?zum (haupt)?inhalt( springen)?|springe? zum (haupt)?inhalt|zur navigation( springen)?|"
    r"aller au (contenu|menu)|passer au contenu|ir al contenido|saltar al contenido( principal)?|"
    r"menu|search|home|(next|previous) (article|story|post)|"
    r"(story|article) continues (below|after)( (the )?(advertisement|ad))?|"
    r"scroll (down )?to (continue|read more)( (reading|with content))?|continue reading( below)?)"
    r"[^\w.!?]*$",
    re.IGNORECASE,
)
# A link to the blog's previous or next post: "← Older headline", "Newer headline →",
# "Vorheriger Beitrag: ...", "Article suivant ...", "< Zurück / Übersicht".
# (A line ending with an arrow is one too.)
_POST_LINK = re.compile(
    r"(←|⟵)|(vorheriger|nächster|voriger|previous|next|older|newer)\s*"
    r"(beitrag|artikel|post|article|story|entry|eintrag)|(article (précédent|suivant)"
    r"|artículo (anterior|siguiente))\b|<\s*(zurück|back)\b",
    re.IGNORECASE,
)
_NAV_OPENERS = opening_letters(_NAV.pattern)
_SOCIAL_OPENERS = opening_letters(_SOCIAL.pattern)


# A picture's credit on a line of its own: "Foto: Jane Doe", "(Photo: Reuters)".
_CREDIT_WORDS = (
    r"(fotos?|photos?|bild(er|quelle)?|images?|quelle|source|credits?|crédits?( photo)?|créditos?"
    r"|imagen|fotografía|(photo|image|picture) credit)\s*[:©].{1,80}$"
)
_CREDIT = re.compile(rf"^\(?{_CREDIT_WORDS}", re.IGNORECASE)
_CREDIT_OPENERS = opening_letters(f"^{_CREDIT_WORDS}")
# A picture's caption that ends with its credit: "Der Hafen am Morgen. (Foto: Jane Doe)",
# "Puerto de Montevideo. Foto: Archivo", "Marco Rossi, Skirennfahrer. © AFP / Jane Doe",
# "Photo by Jane Doe on Unsplash"; and a numbered figure's caption: "Abbildung 4: ...".
_CAPTION_WORDS = r"fotos?|photos?|bild(er)?|imagen|images?|crédito|credits?"
_CAPTION_CREDIT = re.compile(
    rf"(\(\s*({_CAPTION_WORDS})\s*:\s*(?-i:[A-ZÀ-Ý])[^()]{{0,60}}\)\.?"
    rf"|(^|[.,|]\s*|\s)({_CAPTION_WORDS})\s*:\s*(?-i:[A-ZÀ-Ý])[^.:]{{0,60}}\.?"
    r"|©\s*[^.©]{1,60}|\bphoto(graph)? by [\w .-]{1,40} on (unsplash|pexels|pixabay))$",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"(abbildung|abb\.|figure|fig\.)\s*\d+\s*:", re.IGNORECASE)
# A caption's credit is among the line's last this many characters.
_CREDIT_REACH = 100
_CAPTION_HINT = re.compile(r"©|foto|photo|bild|imag|crédit|credit|abb|fig")
# A page's note that it earns from links: "Anzeige, enthält Affiliate Links".
_AFFILIATE = re.compile(
    r"^(anzeige|werbung|advertisement|sponsored)\W.{0,30}affiliate|^\W*affiliate[- ]?links?\W*$"
    r"|\b(contains|enthält|includes) (affiliate[- ]links?|references to products)"
    r"|\badvertisers do not influence\b|\bwe may (receive|earn) (a )?(compensation|commission)\b",
    re.IGNORECASE,
)


@cache
def _archive() -> re.Pattern[str]:
    """A blog's month or year archive link: "► Mai 2019 (12)", "2018 (49)", "April (8)"."""
    from reader.ingest.formats.metadata import MONTH_WORDS  # formats imports this module

    return re.compile(
        rf"^[►▼▶▸›»•·\-\s]*(({MONTH_WORDS})\.?\s*)?(\d{{4}}\s*)?\(\d{{1,5}}\)$", re.IGNORECASE
    )


_MENU_SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s{3,}")
# A menu's separators; two searches, each a quick scan, rather than one alternation.
_MENU_MARKS = re.compile(r"[|•·»›/]")
_WIDE_GAP = re.compile(r"\s\s\s")
# Signs that a line is the article talking: quotation marks, attribution.
_QUOTES = re.compile(r"[\"“”«»„]")
_REPORTED = re.compile(
    r"\b(said|says|told|tells|according to|added|wrote|writes|argued|ruled|explained|"
    r"admitted|warned|noted|reported|asked)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(you|your|you'?re|yours)\b", re.IGNORECASE)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")


def _reported(text: str) -> bool:
    return bool(_QUOTES.search(text) or _REPORTED.search(text))


def _cells(text: str) -> list[str]:
    return [i for i in _MENU_SEPARATORS.split(text) if i.strip()]


def _is_menu(text: str) -> bool:
    """A row of three or more short items: "Home | World | Sport | Business".

    A row with a number for an item ("Labour | 7 | 2") is a table's, not a menu's.
    """
    if not (_MENU_MARKS.search(text) or _WIDE_GAP.search(text)):
        return False
    items = _cells(text)
    return (
        len(items) >= 3
        and all(len(words(i)) <= 3 for i in items)
        and not any(re.fullmatch(r"[\W\d]+", i.strip()) for i in items)
    )


def _table_header(parts: list[Part], k: int, junk: list[str | None]) -> bool:
    """A menu-shaped row next to a kept row of as many cells heads a table."""
    size = len(_cells(parts[k].text))
    for m in (k - 1, k + 1):
        if 0 <= m < len(parts) and not junk[m] and len(_cells(parts[m].text)) == size:
            return True
    return False


# Words every banner holds; lines without any skip the banner patterns.
_BANNER_WORDS = Caseless(
    r"cookie|newsletter|subscri|sign\s+up|register|agree|accept|consent|inbox|privacy|"
    r"allow|refuse|reject|decline|manage|customi[sz]e|update|alert|briefing"
)


_ANY_HINT = re.compile(
    factored(
        "|".join(
            hint.pattern
            for hint in (
                _BANNER_WORDS,
                _PITCH_WORDS,
                _SUPPORT_WORDS,
                _COPYRIGHT_HINT,
                _ADVERTISING_WORDS,
                _SIGNUP_WORDS,
                _CAPTION_HINT,
            )
        )
    )
)


def _caption(stripped: str) -> bool:
    """A numbered figure's caption, or a caption ending with its picture's credit."""
    if _FIGURE.match(stripped):
        return True
    return _CAPTION_CREDIT.search(stripped, max(0, len(stripped) - _CREDIT_REACH)) is not None


def _is_banner(text: str, n: int, low: str) -> bool:
    """A cookie notice or newsletter pitch: addressed to the reader, not reported
    (`low` is the text in lower case)."""
    if n > 40 or not _BANNER_WORDS.search(text, low) or _reported(text):
        return False
    if _BANNER_BUTTON.match(text):
        return True
    sentences = _SENTENCE_SPLIT.split(text)
    if not any(_BANNER_SENTENCE.match(s) for s in sentences):
        return False
    return n <= 8 or bool(_SECOND_PERSON.search(text))


# Why a block is folded, as the article pane says it.
MENU = "menu"
LINK_LIST = "list of links"
HEADLINES = "list of headlines"
SHARE = "share prompt"
BANNER = "cookie or newsletter notice"
COPYRIGHT = "copyright line"
NAVIGATION = "navigation"
PAGE_TAIL = "page tail"
ARCHIVE = "archive link"
CREDIT = "picture credit"
AFFILIATE = "advertising note"
SUPPORT = "plea for support"


def label_reason(text: str) -> str | None:
    """Why a line is junk by its vocabulary (share prompts, banners, footers, menus), or None."""
    stripped = text.strip()
    n = len(words(stripped))
    if not n:
        return None
    # Only lines of 40 words or fewer are judged by their words.
    reason = _vocabulary_reason(stripped, n) if n <= 40 else None
    if reason:
        return reason
    if (
        stripped.endswith(")")
        and _archive().match(stripped)
        and re.search(r"[^\W\d_]|\d{4}", stripped.split("(")[0])
    ):
        return ARCHIVE
    return MENU if _is_menu(stripped) else None


def _vocabulary_reason(stripped: str, n: int) -> str | None:
    """Why a line of `n` words (40 at most) is junk by the words it holds, or None."""
    low = stripped.lower()
    # One scan for the words of banners, sign-ups, pitches, pleas, copyright, captions
    # and advertising lines: most lines hold none of them and skip those tests.
    hinted = not lowers_plainly(stripped) or _ANY_HINT.search(low)
    if hinted and _is_banner(stripped, n, low):
        return BANNER
    signup = hinted and _SIGNUP_WORDS.search(low) and _SIGNUP.search(stripped)
    if signup and not _reported(stripped) and (n <= 8 or _ADDRESSED.search(low)):
        return BANNER
    pitch = hinted and n <= 30 and _PITCH_WORDS.search(low)
    if pitch and _PITCH.search(stripped) and not _QUOTES.search(stripped):
        return BANNER
    support = hinted and n <= 20 and _SUPPORT_WORDS.search(low)
    if support and _SUPPORT.search(stripped) and not _QUOTES.search(stripped):
        return SUPPORT
    copyright_ = (
        hinted and n <= 25 and _COPYRIGHT_HINT.search(stripped, low) and _COPYRIGHT.search(stripped)
    )
    if copyright_ and not _reported(stripped):
        return COPYRIGHT
    licence = "ommons" in stripped or "CC" in stripped
    if licence and _LICENCE.search(stripped) and not _QUOTES.search(stripped):
        return COPYRIGHT
    if n <= 6 and may_open(stripped, _NAV_OPENERS) and _NAV.match(stripped):
        return NAVIGATION
    post_link = stripped[-1] in "→⟶" or (
        stripped[0] in "←⟵<VvNnPpOoAa" and _POST_LINK.match(stripped) is not None
    )
    if post_link and not _QUOTES.search(stripped):
        return NAVIGATION
    bare = stripped[1:] if stripped[:1] == "(" else stripped  # what may open the credit
    credit = n <= 14 and may_open(bare, _CREDIT_OPENERS)
    if credit and _CREDIT.match(stripped) and not _QUOTES.search(stripped):
        return CREDIT
    if hinted and _CAPTION_HINT.search(low) and _caption(stripped):
        return CREDIT
    if hinted and _ADVERTISING_WORDS.search(low) and _AFFILIATE.search(stripped):
        return AFFILIATE
    social = n <= 8 and may_open(stripped, _SOCIAL_OPENERS)
    if social and _SOCIAL.search(stripped) and not _QUOTES.search(stripped):
        return SHARE
    return None


@lru_cache(maxsize=8192)
def junk_reason(text: str) -> str | None:
    """Why a line is junk on its own, whatever surrounds it, or None.

    Cached: a site's menus and footers come back on every page of it that is indexed.
    """
    if _starts_link_list(text) or _is_inline_crosslink(text):
        return LINK_LIST
    return label_reason(text)


def is_junk_line(text: str) -> bool:
    """A line that is junk on its own, whatever surrounds it."""
    return junk_reason(text) is not None


def _starts_link_list(text: str) -> bool:
    stripped = text.strip()
    return may_open(stripped, _LABEL_OPENERS) and bool(_LINK_LABEL_ALONE.match(stripped))


def _is_inline_crosslink(text: str) -> bool:
    """ "See also Some Other Headline" or "Related: Some Other Headline" on one line."""
    stripped = text.strip()
    if stripped[:1] in "LlMmVvPpTt" and _COLON_LINK.match(stripped):
        return len(words(stripped)) <= _COLON_LINK_WORDS
    if not may_open(stripped, _INLINE_OPENERS):
        return False
    if not (_INLINE_VERB.match(stripped) or _INLINE_TITLE.match(stripped)):
        return False
    return is_title_like(stripped) and not _QUOTES.search(stripped)


def _headline(text: str) -> bool:
    """A title-like line of a few words starting with a capital: a linked headline."""
    tokens = words(text)
    stripped = text.strip()
    return (
        is_title_like(stripped)
        and len(tokens) >= 3
        and stripped[:1].isupper()
        and not _introduces_list(stripped)
    )


def _link_text(text: str) -> bool:
    """Short text without a sentence ending: what a link to another page looks like."""
    stripped = text.strip()
    return 0 < len(words(stripped)) <= 20 and len(stripped) <= 160 and not ends_sentence(stripped)


def _introduces_list(text: str) -> bool:
    """ "The council offered three options:" announces the lines after it."""
    return text.rstrip().endswith(":") and len(words(text)) >= 2


def _long_lines(run: list[Part]) -> bool:
    """Linked headlines run to five words or more; verse and list lines are shorter."""
    sizes = sorted(len(words(p.text)) for p in run)
    return sizes[len(sizes) // 2] >= 5


def _heading_after_run(parts: list[Part], run: range, prose: list[bool]) -> bool:
    """Is the run's last line a section heading rather than one more link?

    It must sit right before prose and be shorter than every other line of the
    run: link headlines are long, headings are short. Keeping a stray headline
    costs little; dropping a heading costs the reader the article's structure.
    """
    last = run[-1]
    if len(run) < 2 or last + 1 >= len(parts) or not prose[last + 1]:
        return False
    size = len(words(parts[last].text))
    others = [len(words(parts[k].text)) for k in run[:-1]]
    return size <= 8 and size < min(others)


def classify(parts: list[Part]) -> None:
    """Fold (mark as boilerplate, with a reason) the parts that are page furniture."""
    n = len(parts)
    prose = [p.kind != "heading" and is_prose(p.text) for p in parts]
    listy = [p.kind == "list_item" for p in parts]
    why = [junk_reason(p.text) for p in parts]
    for k in range(n):
        if why[k] == MENU and _table_header(parts, k, why):
            why[k] = None

    # A link label owns the title-like lines that follow it, up to the next prose.
    i = 0
    while i < n:
        if why[i] and _starts_link_list(parts[i].text):
            j = i + 1
            while j < n and not prose[j] and _link_text(parts[j].text):
                j += 1
            owned = range(i + 1, j)
            keep = owned[-1] if owned and _heading_after_run(parts, owned, prose) else -1
            for k in owned:
                if k != keep:
                    why[k] = why[k] or LINK_LIST
            i = max(j, i + 1)
        else:
            i += 1

    # Three or more headlines in a row are a link list, unless a line ending in a
    # colon announced them ("three options:"): then they are the article's list.
    headline = [
        not listy[k] and parts[k].kind != "heading" and _headline(parts[k].text) for k in range(n)
    ]
    i = 0
    while i < n:
        j = i
        while j < n and headline[j]:
            j += 1
        introduced = i > 0 and not why[i - 1] and _introduces_list(parts[i - 1].text)
        if j - i >= 3 and not introduced and _long_lines(parts[i:j]):
            run = range(i, j)
            keep = run[-1] if _heading_after_run(parts, run, prose) else -1
            for k in run:
                if k != keep:
                    why[k] = why[k] or HEADLINES
        i = max(j, i + 1)

    # After the last prose a page's tail begins at its first junk line; short
    # title-like lines from there on (tags, bare links) are junk. A sign-off right
    # after the prose ("Reporting by Jane Doe") comes before that and stays.
    last_prose = max((k for k in range(n) if prose[k] and not why[k]), default=-1)
    if last_prose >= 0:
        started = False
        for k in range(last_prose + 1, n):
            if why[k]:
                started = True
            elif started and len(words(parts[k].text)) <= 5 and is_title_like(parts[k].text):
                why[k] = PAGE_TAIL

    # A short line without a sentence ending between two junk lines is junk too.
    for k in range(1, n - 1):
        between = why[k - 1] and why[k + 1] and not why[k] and not prose[k]
        if between and _link_text(parts[k].text):
            why[k] = why[k - 1] if why[k - 1] == why[k + 1] else MENU

    for part, reason in zip(parts, why, strict=True):
        if reason:
            part.fold(reason)
