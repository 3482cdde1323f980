"""Interface strings, one dict per language, chosen by the browser's Accept-Language.

Strings are data: templates look words up in ``t``; no template branches on the language.
Adding a language is one more dict here (and day/month names in :mod:`warta.serve.timefmt`).
"""

from __future__ import annotations

from typing import Final

DEFAULT_LANGUAGE: Final = "id"  # Indonesian first: the news is Indonesian

STRINGS: Final[dict[str, dict[str, str]]] = {
    "id": {
        "site_title": "warta",
        "tagline": "Arsip berita yang bisa dicari",
        "search": "Cari",
        "search_placeholder": "Cari berita, mis. banjir OR longsor",
        "outlet": "Media",
        "all_outlets": "Semua media",
        "since": "Sejak",
        "until": "Sampai",
        "results": "hasil",
        "no_results": "Tidak ada berita yang cocok.",
        "bad_query": "Kueri tidak valid",
        "bad_date": "Tanggal tidak valid",
        "facets": "Saring",
        "date_range": "Rentang tanggal",
        "newer": "Sebelumnya",
        "older": "Berikutnya",
        "page": "Halaman",
        "reporter": "Reporter",
        "editor": "Editor",
        "published": "Terbit",
        "updated": "Diperbarui",
        "time_unknown": "waktu tidak diketahui",
        "related": "Berita terkait",
        "related_in_page": "Dari halaman asli",
        "nav_search": "Cari",
        "nav_stories": "Cerita",
        "story": "Cerita",
        "storyline": "Alur cerita",
        "stories_title": "Cerita terkini",
        "stories_intro": "Berita dari berbagai media tentang satu peristiwa, dikelompokkan otomatis.",
        "min_size": "Minimal berita",
        "apply": "Terapkan",
        "no_stories": "Belum ada cerita dengan ukuran ini.",
        "story_not_found": "Cerita tidak ditemukan",
        "story_not_found_text": "Tidak ada cerita dengan id ini.",
        "storyline_not_found": "Alur cerita tidak ditemukan",
        "storyline_not_found_text": "Tidak ada alur cerita dengan id ini.",
        "time_axis": "Linimasa berita per media",
        "time_axis_note": "Satu titik per berita, satu baris per media; waktu dalam {zone}.",
        "articles_heading": "Semua berita",
        "this_story": "Cerita ini",
        "part_of_storyline": "Bagian dari alur cerita",
        "storyline_intro": "Cerita-cerita tentang tokoh dan isu yang sama dari waktu ke waktu.",
        "last_update": "terakhir",
        "copy": "salinan",
        "n_articles": "{n} berita",
        "n_articles_one": "{n} berita",
        "n_outlets": "{n} media",
        "n_outlets_one": "{n} media",
        "n_stories": "{n} cerita",
        "n_stories_one": "{n} cerita",
        "editor_picks": "Pilihan Editor",
        "source": "Sumber",
        "wire": "Kantor berita",
        "not_found": "Berita tidak ditemukan",
        "not_found_text": "Tidak ada berita dengan id ini.",
        "back_to_search": "Kembali ke pencarian",
        "articles_in_archive": "berita dalam arsip",
        "photo": "Foto",
        "unknown_outlet": "(tidak diketahui)",
        "error": "Terjadi kesalahan",
        "busy": "Server sedang sibuk, coba lagi.",
        "syntax_help": 'Kata-kata digabung dengan DAN; pakai "frasa", OR, -kecuali, awalan*.',
    },
    "en": {
        "site_title": "warta",
        "tagline": "A searchable news archive",
        "search": "Search",
        "search_placeholder": "Search news, e.g. flood OR landslide",
        "outlet": "Outlet",
        "all_outlets": "All outlets",
        "since": "Since",
        "until": "Until",
        "results": "results",
        "no_results": "No matching articles.",
        "bad_query": "Invalid query",
        "bad_date": "Invalid date",
        "facets": "Filter",
        "date_range": "Date range",
        "newer": "Previous",
        "older": "Next",
        "page": "Page",
        "reporter": "Reporter",
        "editor": "Editor",
        "published": "Published",
        "updated": "Updated",
        "time_unknown": "time unknown",
        "related": "Related news",
        "related_in_page": "From the original page",
        "nav_search": "Search",
        "nav_stories": "Stories",
        "story": "Story",
        "storyline": "Storyline",
        "stories_title": "Latest stories",
        "stories_intro": "Articles from many outlets about one happening, grouped automatically.",
        "min_size": "At least",
        "apply": "Apply",
        "no_stories": "No stories of this size yet.",
        "story_not_found": "Story not found",
        "story_not_found_text": "There is no story with this id.",
        "storyline_not_found": "Storyline not found",
        "storyline_not_found_text": "There is no storyline with this id.",
        "time_axis": "Articles over time, by outlet",
        "time_axis_note": "One dot per article, one row per outlet; times in {zone}.",
        "articles_heading": "All articles",
        "this_story": "This story",
        "part_of_storyline": "Part of the storyline",
        "storyline_intro": "Stories about the same people and issue over time.",
        "last_update": "last",
        "copy": "copy",
        "n_articles": "{n} articles",
        "n_articles_one": "{n} article",
        "n_outlets": "{n} outlets",
        "n_outlets_one": "{n} outlet",
        "n_stories": "{n} stories",
        "n_stories_one": "{n} story",
        "editor_picks": "Editor's picks",
        "source": "Source",
        "wire": "Wire",
        "not_found": "Article not found",
        "not_found_text": "There is no article with this id.",
        "back_to_search": "Back to search",
        "articles_in_archive": "articles in the archive",
        "photo": "Photo",
        "unknown_outlet": "(unknown)",
        "error": "Something went wrong",
        "busy": "The server is busy, try again.",
        "syntax_help": 'Words are ANDed; use "phrases", OR, -excluded, prefix*.',
    },
}


def pick_language(accept_language: str | None) -> str:
    """The best supported language for an ``Accept-Language`` header (q-values honoured)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:32]):  # bounded: the header is client input
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary == "in":  # the old ISO code for Indonesian, still sent by some systems
            primary = "id"
        if primary in STRINGS and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE
