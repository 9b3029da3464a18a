"""Readers' queries and the record each must bring first, shared by the library's search
tests (tests/test_search.py) and the built site's (tests/built/test_search_site.py).

Names in several spellings and scripts (as listed in the data, as a transliteration
scheme writes them, and misspelt within two letters), characters, places, motifs,
themes and questions. The ids are the data's.
"""

from __future__ import annotations

#: (query, the id of the record that must come first)
FIRST: tuple[tuple[str, str], ...] = (
    # people: as written, Cyrillic, other schemes, misspelt
    ("Kaidanovsky", "alexander-kaidanovsky"),
    ("Кайдановский", "alexander-kaidanovsky"),
    ("Alexander Kaidanowski", "alexander-kaidanovsky"),
    ("Kaidonovsky", "alexander-kaidanovsky"),
    ("Solonitsyn", "anatoly-solonitsyn"),
    ("Анатолий Солоницын", "anatoly-solonitsyn"),
    ("Solonitsin", "anatoly-solonitsyn"),
    ("Anatolij Sołonicyn", "anatoly-solonitsyn"),
    ("Andrei Tarkovsky", "andrei-tarkovsky"),
    ("Андрей Тарковский", "andrei-tarkovsky"),
    ("Andreï Tarkovski", "andrei-tarkovsky"),
    ("Artemyev", "eduard-artemyev"),
    ("Artemjew", "eduard-artemyev"),
    ("Freindlich", "alisa-freindlich"),
    ("Alisa Freyndlikh", "alisa-freindlich"),
    ("Grinko", "nikolai-grinko"),
    ("Knyazhinski", "alexander-knyazhinsky"),
    # characters
    ("the Writer", "writer"),
    ("Professor", "professor"),
    ("Monkey", "monkey"),
    ("Porcupine", "porcupine"),
    # places, motifs, themes
    ("the Room", "room"),
    ("Meat Grinder", "meat-grinder"),
    ("dry tunnel", "dry-tunnel"),
    ("crown of thorns", "crown-of-thorns"),
    ("nuts", "nuts"),
    ("faith", "faith"),
    # questions
    ("what is the Room", "room"),
    ("who plays the Writer", "anatoly-solonitsyn"),
    ("who directed it", "andrei-tarkovsky"),
    ("who wrote the music", "eduard-artemyev"),
)

#: Questions whose answer must be among the first three hits of Guide.search.
TOP_THREE: tuple[tuple[str, frozenset[str]], ...] = (
    ("what is the Room", frozenset({"room"})),
    ("who plays the Writer", frozenset({"anatoly-solonitsyn"})),
    ("who wrote the music", frozenset({"eduard-artemyev"})),
    (
        "where was it filmed",
        frozenset({"jagala-power-stations", "linnamae", "rotermann-quarter", "flora-factory"}),
    ),
    ("who directed it", frozenset({"andrei-tarkovsky"})),
    ("what happens to the dog", frozenset({"dog", "dog-motif"})),
    ("what does the Professor carry", frozenset({"rucksack", "bomb"})),
)
