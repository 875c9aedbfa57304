"""The window's words in the desk's language: `_("...")` wherever a string is shown, `N_("...")` for a constant defined
at module level (translated where it is shown: `_(TITLE)`), `ngettext(singular, plural, n)` for counts.

The desk's language is chosen once, at start (`pantry-desk --lang`, else the desk's setting, else PANTRY_LANG, else
the system; see `choose_language`), before any widget is built; changing it in Settings takes effect at the next start.
The window's catalogues (resources/translations/<lang>/LC_MESSAGES/window*.mo) come first, then the core's
(pantry.mo), so a message written by a service reads in the same language. Qt's own dialogs and buttons (Cancel,
Yes, the file chooser) are translated by Qt's catalogue (qtbase_<lang>.qm), installed here too.
"""

from __future__ import annotations

import gettext
from functools import cache

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from pantry import i18n
from pantry.i18n import N_, Translator

__all__ = ["N_", "_", "choose_language", "install_language", "language", "ngettext", "translator"]

LANGUAGE_KEY = "desk/language"  # in the desk's settings (ui/settings.py): "", "en" or "es"
WINDOW_DOMAINS = ("window", "window-desk", "window-office", "window-start", "window-help")

_qt_translators: list[QTranslator] = []  # kept alive while installed


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    if code == i18n.ENGLISH:
        return gettext.NullTranslations()
    chain = gettext.NullTranslations()
    for domain in (*WINDOW_DOMAINS, i18n.DOMAIN):
        try:
            found = gettext.translation(domain, localedir=str(i18n.TRANSLATIONS), languages=[code])
        except FileNotFoundError:
            continue
        if isinstance(chain, gettext.GNUTranslations):
            chain.add_fallback(found)
        else:
            chain = found
    return chain


def language() -> str:
    """The desk's language code ("en", "es")."""
    return i18n.desk_language()


def _(message: str) -> str:
    """The message in the desk's language (English when there is no translation)."""
    if not message:
        return message
    return _catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(language()).ngettext(singular, plural, n)


def translator() -> Translator:
    """The desk's printables translator (dates and numbers as the desk's language writes them)."""
    return Translator(language())


def choose_language(chosen: str | None, settings: QSettings | None) -> str:
    """`--lang` wins, then the desk's setting, then PANTRY_LANG / the system (pantry.i18n.desk_language)."""
    if chosen:
        i18n.set_desk_language(chosen)
    elif settings is not None and i18n.supported(str(settings.value(LANGUAGE_KEY, "") or "")):
        i18n.set_desk_language(str(settings.value(LANGUAGE_KEY)))
    return i18n.desk_language()


def install_language(app: QApplication, code: str) -> None:
    """Qt's own strings and the locale (number and date widgets) in the desk's language."""
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(code))
    if code == i18n.ENGLISH:
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", folder):
        app.installTranslator(qt)
        _qt_translators.append(qt)
