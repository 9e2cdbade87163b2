"""Lines that open a page's chrome: related links, comments, author boxes, share rows, tags,
footer links, and the "###" that ends a press release.

Each is a whole short line, a label rather than a sentence ("Related posts", "3 Kommentare",
"Über den Autor", "Share this:", "Tags: ..."), in the languages scrapes come in most
(English, German, French, Spanish, Italian, Portuguese, Dutch). `section_label` says which
kind a line opens, so the story span can end before it and the fold can say why.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from reader.ingest.textshape import (
    Caseless,
    alternatives,
    factored,
    first_letters,
    lowers_plainly,
)

_N = r"(\d+|one|two|three|no|keine?|ein|eine|un|une|sin|nessun)"

_RELATED = (
    r"related( (articles?|stories|posts?|news|content|coverage|topics|links|reading|items))?"
    r"|(you (may|might) (also )?(like|enjoy|be interested in))|recommended( for you)?"
    r"|more (stories|articles|news|posts|from [\w .&'-]{2,40}|in [\w .&'-]{2,40}|on this( topic)?)"
    r"|further reading|(most|meist) (read|popular|viewed|gelesen\w*)|top stories|latest (stories|news|articles|posts)"
    r"|recent (posts|articles|stories)|trending( now| nationally)?|editor'?s picks|read next|up next"
    r"|don'?t miss|see also|also read|read more"
    r"|ähnliche (beiträge|artikel|themen|posts)|verwandte (artikel|themen|beiträge|inhalte( zu [\w ]{2,40})?)"
    r"|mehr zum thema|mehr (aus|zu) [\w .&'-]{2,40}|weitere (artikel|beiträge|themen|meldungen|nachrichten|news)"
    r"( [\w .&'-]{2,30})?|das (könnte|dürfte) (sie|dich) (auch )?(interessieren|gefallen)"
    r"|auch interessant( für dich)?|lesen sie (auch|mehr)|schon gelesen\??|empfehlungen( aus der redaktion)?"
    r"|die redaktion empfiehlt|neueste (beiträge|artikel|nachrichten)|aktuelle (beiträge|artikel|news|nachrichten)"
    r"|meistgelesene? (artikel|beiträge|news)?|am meisten gelesen|beliebte (beiträge|artikel)"
    r"|à lire (aussi|également)|lire aussi|sur le même (sujet|thème)|articles? (similaires|correspondants|liés)"
    r"|les plus lus|dans la même rubrique"
    r"|(notas|noticias|artículos|contenidos?) relacionad[oa]s|temas relacionados|te puede interesar"
    r"|también te puede interesar|lo más (leído|visto)|otras noticias|más noticias|lee también|leer más"
    r"|leggi anche|articoli correlati|potrebbe interessarti|i più letti"
    r"|leia também|saiba mais|veja também|mais lidas|notícias relacionadas"
    r"|lees ook|gerelateerde artikelen|meer nieuws"
    r"|weiterführende (informationen|links|artikel|inhalte|themen)|ähnliche (nachrichten|meldungen)"
    r"|mehr von [\w .&'-]{2,40}|(links|mehr|artikel|beiträge|passend) zum thema|aktuelle artikel"
    r"|weitere informationen|more information|further information|plus d'informations"
    r"|audios? et vidéos sur le sujet|más sobre [\w .&'-]{2,40}|ver más|más información"
    r"|neueste (artikel|beiträge) (für|zu|zum|aus) [\w .&'-]{2,40}|mehr themen"
    r"|weitere inhalte( zu .{2,40})?|latest on|dir könnte (auch )?gefallen"
    r"|das könnte (dir|euch) (auch )?(gefallen|interessieren)"
)
_COMMENTS = (
    rf"{_N} (comments?|responses?|replies|thoughts?|kommentare?|antworten|réactions?|commentaires?"
    r"|comentarios?|commenti|reacties)( (to|on|zu|für|zum|auf) .{1,120})?"
    r"|comments?|(leave|post|add|write|submit) (a |your )?(reply|comment|response)|reply|cancel reply"
    r"|(view|show|load|read) (all )?(\d+ )?comments|comments are closed|join the (discussion|conversation)"
    r"|one thought on .{1,120}|(\d+ )?thoughts? on .{1,120}"
    r"|kommentare?|kommentar (schreiben|verfassen|hinzufügen|abgeben)|(schreibe|hinterlasse|hinterlassen sie)"
    r"( jetzt)? (einen kommentar|eine antwort)|neueste kommentare|letzte kommentare|leserkommentare|antworten"
    r"|antwort abbrechen|kommentare (sind )?geschlossen|diskutieren sie mit|kommentieren"
    r"|commentaires?|laisser un commentaire|réagir|vos réactions( \(\d+\))?|répondre"
    r"|comentarios?|deja (un|tu) comentario|responder|commenti|lascia un commento|rispondi"
    r"|comentários?|deixe (um|seu) comentário|reacties?|reageer"
    r"|(bisher|noch) keine kommentare( vorhanden)?|keine kommentare( (for|zu|für) .{1,120})?"
    r"|no comments( yet)?|be the first to comment|comments are closed|leave a comment"
    r"|kommentare sind (geschlossen|deaktiviert)|ajouter un commentaire|aucun commentaire"
    r"|die kommentarfunktion ist (geschlossen|deaktiviert)|(kommentar verfassen|schreibe einen kommentar) "
    r"antw?ort(en)? abbrechen|angemeldet bleiben|remember me"
)
_AUTHOR = (
    r"about the authors?|(more )?(articles|posts|stories) by [\w .'-]{2,40}|contact the authors?"
    r"|written by|the authors?|author|über (den|die) autor(in|en)?|zum autor|zur autorin|zur person"
    r"|autor(in)?|redakteur(in)?|à propos de l'auteur|l'auteur|sobre el autor|el autor|sull'autore"
    r"|sobre o autor|over de auteur"
)
_SHARE = (
    r"share( (this|on|via|the|to) [\w ]{0,30})?|share this( (article|story|post|page))?"
    r"|sharing is caring"
    r"|print( this)?( (article|page|story))?|e-?mail( this)?|tweet|pin( it)?|save( (article|for later))?"
    r"|teilen|(diese(n)? (seite|artikel|beitrag)|beitrag|artikel) teilen|teile (diesen|den) (beitrag|artikel)!?"
    r"|teilen (sie dies )?mit|weitersagen|empfehlen|artikel empfehlen|gefällt mir|drucken|twittern|mitteilen"
    r"|partager( (cet|l') ?article)?|imprimer|compartir( (en|este artículo))?|imprimir|condividi|stampa"
    r"|compartilhe|compartilhar|delen"
    r"|(like|follow) us( on [\w ,&]{2,40})?|folgen sie uns( auf [\w ,&]{2,40})?|folge uns( auf [\w ,&]{2,40})?"
    r"|suivez-nous|síguenos|seguici"
    r"|(rate|bewerten|bewertung)( (this|diesen) (article|artikel|beitrag))?"
    r"|(diese )?seite teilen|jetzt teilen|be sociable, share!?|artikel drucken|drucken / pdf"
    r"|(newsletter|jetzt)( abonnieren| bestellen| anmelden)?|(abonniere|abonnieren sie) unseren newsletter"
    r"|subscribe( to (our|the) newsletter)?|sign up for (our|the) newsletter|suscr[ií]bete( a (nuestro|el) "
    r"(newsletter|boletín))?|abonnez-vous( à (notre|la) newsletter)?|iscriviti( alla newsletter)?"
    r"|(war|fanden sie) (dieser|diesen) (artikel|beitrag) (hilfreich|nützlich)\??|was this (article )?helpful\??"
    r"|wie (bewerten|fanden) sie diesen (artikel|beitrag)\??"
    r"|click to (share|email|print)( on [\w ]{2,30})?( \(opens in new window\))?"
    r"|klicken?, um (auf|über|per) [\w -]{2,30} zu (teilen|drucken)( \(wird in neuem fenster geöffnet\))?"
    r"|(inhalt|news|artikel|beitrag|seite|story|video|bild) teilen|url zum kopieren|(link|url) kopieren"
    r"|copy (link|url)|den (artikel|beitrag) mit anderen teilen(/diskutieren)?"
)
_TAGS = (
    r"(tags?|tagged( with)?|topics?|themen|schlagw(o|ö)rter?|stichw(o|ö)rter?|schlagworte|labels?|categor(y|ies)"
    r"|kategorien?|rubriken?|filed under|posted in|veröffentlicht in|getaggt mit|verschlagwortet mit"
    r"|étiquettes|mots-clés|catégories?|etiquetas|temas|categorías?|argomenti|tag|assuntos|onderwerpen"
    r"|themen (im|in diesem) (artikel|beitrag))"
    r"(\s*:.*)?"
)
_NAV = (
    r"(zurück|back)( (zur|zum|to) [\w .-]{2,40})?|(next|previous|prev|older|newer|nächste[rs]?|vorherige[rs]?"
    r"|älterer|neuerer)( (post|article|story|entry|news|artikel|beitrag|eintrag|meldung))+"
    r"|nach oben|(go )?(back )?to top|top of page|weiterlesen( \d+ minuten)?|read (the )?(full|whole) (story|article)"
    r"|mehr lesen|alle (artikel|beiträge|news|meldungen)( anzeigen)?|zu allen artikeln|view all|see all|show more"
    r"|load more|mehr laden|weitere laden|mehr anzeigen"
    r"|(blog[- ])?archiv(e|es)?|monatsarchiv|archives mensuelles|archivo|(zurück )?zur startseite"
)
_FOOTER = (
    r"impressum|datenschutz(erklärung|hinweise)?|kontakt|agb|sitemap|über uns|about( us)?"
    r"|contact( us)?|privacy( policy| notice)?|terms( of (use|service))?|cookie[- ]?(einstellungen"
    r"|richtlinie|policy|settings|hinweis)|mentions légales|aviso legal|política de privacidad"
    r"|impressum (&|und) datenschutz|barrierefreiheit|accessibility|disclaimer|haftungsausschluss"
)
_KINDS = {
    "related": _RELATED,
    "comments": _COMMENTS,
    "author": _AUTHOR,
    "share": _SHARE,
    "tags": _TAGS,
    "navigation": _NAV,
    "footer": _FOOTER,
}
_LABEL_HEAD = r"^[\W_]*(?:"
_LABEL_TAIL = r")[\s:.!?…»›>|\-–—*#()\d]*$"


def _label_pattern(kinds: dict[str, list[str]]) -> str:
    """One pattern for every kind, each kind a named group."""
    groups = (f"(?P<{kind}>{'|'.join(alts)})" for kind, alts in kinds.items() if alts)
    return _LABEL_HEAD + "|".join(groups) + _LABEL_TAIL


_LABEL = Caseless(_label_pattern({kind: [pattern] for kind, pattern in _KINDS.items()}))


# Each kind's phrases, with the letters one of which each opens with (None: any).
_PHRASES = {kind: [(a, first_letters(a)) for a in alternatives(p)] for kind, p in _KINDS.items()}
_OPENERS = frozenset(c for pairs in _PHRASES.values() for _, firsts in pairs for c in firsts or "")
_LETTER = re.compile(r"[^\W_]")


@cache
def _label_part(letter: str) -> re.Pattern[str]:
    """The label pattern (in lower case) less the phrases that cannot open with `letter`
    (compiled on first use: start-up never pays for it)."""
    kinds = {
        kind: [a for a, firsts in pairs if firsts is None or letter in firsts]
        for kind, pairs in _PHRASES.items()
    }
    return re.compile(_label_pattern(kinds))


def _label_match(stripped: str, low: str) -> re.Match[str] | None:
    """`_LABEL`'s match of a line (`low` is it in lower case), tried on the part of the
    pattern for the line's first letter or digit (`[\\W_]*` passes over what comes
    before it, and a label's phrase opens with it): a few dozen phrases, not hundreds."""
    if not lowers_plainly(stripped):
        return _LABEL.match(stripped)
    first = _LETTER.search(low)
    letter = first.group() if first else ""
    return _label_part(letter if letter in _OPENERS else "").match(low)


# "Jane Doe says:", "Max sagt:", "Jean a dit :": a comment's header.
_COMMENT_HEAD = re.compile(
    r"^.{1,60}?\s(says|said|sagt|schreibt|meint|dit|a dit|dice|dijo|scrive|escreveu|zegt)\s?:$"
    r"|^.{1,60}\bon\s.{4,40}\s(said|wrote)\s?:$"
    r"|^.{1,60}?\s(am|on)\s\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}.{0,20}(sagte|schrieb|said|wrote)\s?:$",
    re.IGNORECASE,
)
# The comment form's small print, and a comment's own header ("Comment by Jane — 17.07, 2011").
_COMMENT_FORM = re.compile(
    r"\b((e-?mail(-adresse)?|email address) (wird|will) (nicht|not|never) (veröffentlicht|be published)"
    r"|erforderliche felder sind (mit \* )?markiert|required fields are marked|please reload captcha"
    r"|(votre|l'adresse) (adresse )?e-?mail ne sera pas publiée"
    r"|tu dirección de correo electrónico no será publicada)"
    r"|^comment by .{2,60}[—–-] ?\d",
    re.IGNORECASE,
)
# A cheap test before the comment form's pattern: most lines hold none of its words.
_COMMENT_FORM_WORDS = re.compile(
    factored("publi|veröffentlicht|markiert|marked|captcha|comment by")
)


_MAX_WORDS = 12
# The end of a press release ("###", "- 30 -"): what follows is about the sender.
_END_MARK = re.compile(r"^\s*(#{3,}|-\s*30\s*-)\s*$")


# A blog's line under its post: "Dieser Eintrag wurde veröffentlicht in Reisen und
# verschlagwortet mit ...", "This entry was posted in News", "Posted by Ann at 5:11 AM".
_POST_META = re.compile(
    r"(dieser (eintrag|beitrag|text|artikel) wurde\b.{0,40}\bveröffentlicht\b"
    r"|this (entry|post) was posted\b|posted by\b.{1,60}\b(at|um) \d{1,2}[:.]\d\d)",
    re.IGNORECASE,
)


# A post's line of date, author and comment count: "19.6.2007 9:40 Uhr Jane Doe 71
# Kommentare", "January 13, 2020 | categories: Python | View Comments", "... | 0 COMMENTS".
_COMMENT_COUNT = re.compile(
    r"\b((\d+|no|keine) (comments?|kommentare?|commentaires?|comentarios?)"
    r"|(post|write|leave|view|show) (a |the )?comments?|comments? \(\d+\))\b",
    re.IGNORECASE,
)
_META_WORDS = 20
_META_CHARS = 300  # a meta line is short: this many characters and 20 words at most


def is_post_meta(text: str) -> bool:
    """A blog's line under (or over) its post, naming its categories, author or time, or
    its date with its comment count."""
    stripped = text.strip()
    if stripped[:1] in ("D", "d", "T", "t", "P", "p") and _POST_META.match(stripped):
        return True
    return (
        len(stripped) <= _META_CHARS
        and (
            "omment" in stripped
            or "OMMENT" in stripped
            or "omentario" in stripped
            or "OMENTARIO" in stripped
        )
        and len(stripped.split()) <= _META_WORDS
        and any(c.isdigit() for c in stripped)
        and stripped[-1] not in ".!?"
        and _COMMENT_COUNT.search(stripped) is not None
    )


@lru_cache(maxsize=8192)
def section_label(text: str) -> str | None:
    """The kind of chrome section a line opens ("related", "comments", ...), else None."""
    stripped = text.strip()
    if not stripped or len(stripped) > 160:
        return None
    if stripped[-1] == ":" and _COMMENT_HEAD.match(stripped):
        return "comments"
    if stripped[0] in "#-" and _END_MARK.match(stripped):
        return "end"
    low = stripped.lower()
    if _COMMENT_FORM_WORDS.search(low) and _COMMENT_FORM.search(stripped):
        return "comments"
    if len(stripped.split()) > _MAX_WORDS:
        return None
    match = _label_match(stripped, low)
    if match is None:
        return None
    return next(kind for kind, found in match.groupdict().items() if found is not None)
