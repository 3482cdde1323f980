"""Made-up fixtures and helpers for the ingest tests (our own invented events, no real text)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warta.ingest import read
from warta.model import Page, Record, Rejection

# Our own invented events: a bridge in a fictional town, a fictional festival.
HTML_PAGE = (
    b"<!DOCTYPE html>\n<html lang='id'><head><title>Jembatan Gantung Sukamaju Diresmikan</title></head>"
    b"<body><article><h1>Jembatan Gantung Sukamaju Diresmikan</h1>"
    b"<p>SUKAMAJU - Bupati Rana Wijayakusuma meresmikan jembatan gantung sepanjang 84 meter "
    b"di Desa Lembahhijau, Senin (3/2/2031).</p></article></body></html>\n"
)
TEXT_PAGE = (
    b"Festival Layang-Layang Pantai Pasirputih Digelar Lagi\n\n"
    b"PASIRPUTIH - Sebanyak 120 peserta mengikuti festival layang-layang tahunan, Minggu (9/3/2031).\n"
)
ARTICLES: list[dict[str, Any]] = [
    {
        "url": "https://berita.example/2031/02/03/jembatan-sukamaju",
        "title": "Jembatan Gantung Sukamaju Diresmikan",
        "body": "Bupati Rana Wijayakusuma meresmikan jembatan gantung baru.",
    },
    {
        "url": "https://berita.example/2031/03/09/festival-pasirputih",
        "title": "Festival Layang-Layang Pasirputih",
        "body": "Sebanyak 120 peserta ikut serta.\nPanitia menyiapkan hadiah.",
    },
    {
        "url": "https://berita.example/2031/04/01/pasar-apung",
        "title": "Pasar Apung Kalibening Ramai Pengunjung",
        "body": "Pedagang sayur memadati sungai sejak subuh.",
    },
]


def jsonl_bytes(rows: Iterable[dict[str, Any]] = ARTICLES) -> bytes:
    return b"".join(json.dumps(row, ensure_ascii=False).encode() + b"\n" for row in rows)


CSV_TEXT = (
    "\ufeffsumber,url,judul,penulis,tanggal,isi\r\n"
    'contoh.example,https://contoh.example/a,"Banjir Surut, Warga Kembali",Dewi Anggrek,'
    '"Selasa, 4 Feb 2031","Paragraf pertama.\r\n\r\nParagraf kedua dengan ""kutipan""."\r\n'
    "contoh.example,https://contoh.example/b,Harga Cabai Turun,Budi Santoso,5 Feb 2031,Isi singkat.\r\n"
)


@dataclass
class Result:
    pages: list[Page] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # source path or rejection path, in yield order


def collect(paths: list[str], **kwargs: Any) -> Result:
    result = Result()
    for item in read(paths, **kwargs):
        if isinstance(item, Page):
            result.pages.append(item)
            result.order.append(item.source.path)
        elif isinstance(item, Record):
            result.records.append(item)
            result.order.append(item.source.path)
        else:
            assert isinstance(item, Rejection), item
            result.rejections.append(item)
            result.order.append(item.path)
    return result
