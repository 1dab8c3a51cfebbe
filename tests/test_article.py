"""The article model: loaders, masking, blocks, sentences, quotations, positions."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.article import load_markdown, load_text
from lint.inputs import decode, normalise_newlines
from lint.text import LineIndex, split_sentences


def quotes(article):
    return [article.text[q.span.start:q.span.end] for q in article.quotations]


def sentences(article):
    return [article.text[s.span.start:s.span.end] for s in article.sentences]


class TestLineIndex:
    def test_positions_are_one_based_code_points(self):
        text = "héllo “wörld”\nsecond 😀 line\n"
        index = LineIndex(text)
        assert index.position(0) == (1, 1)
        assert index.position(text.index("wörld")) == (1, 8)
        assert index.position(text.index("line")) == (2, 10)  # the emoji is one code point

    def test_round_trip(self):
        text = "a\nbb\n\nccc"
        index = LineIndex(text)
        for offset in range(len(text) + 1):
            assert index.offset(*index.position(offset)) == offset

    def test_line_span_excludes_newline(self):
        index = LineIndex("ab\ncd")
        assert (index.line_span(1).start, index.line_span(1).end) == (0, 2)
        assert (index.line_span(2).start, index.line_span(2).end) == (3, 5)


class TestPlainText:
    def test_headline_paragraphs_headings_and_list_items(self):
        article = load_text("a.txt", "Big Headline Here\n\nA Crosshead In Title Case\nBody text. More text.\n- item one\n")
        kinds = [b.kind for b in article.blocks]
        assert kinds == ["headline", "heading", "paragraph", "list_item"]
        assert article.blocks[3].text == "item one"
        assert article.title == "Big Headline Here"

    def test_sentence_case_line_without_period_is_a_paragraph(self):
        article = load_text("a.txt", "Head\nVolodymyr Zelensky has repeatedly called for his country to be admitted to the alliance\n")
        assert article.blocks[1].kind == "paragraph"

    def test_masked_has_equal_length_and_blanks_directives(self):
        text = "Head\nBody <!-- newslint: ignore TYP001 --> text.\n"
        article = load_text("a.txt", text)
        assert len(article.masked) == len(text)
        assert "newslint" not in article.masked
        assert article.masked.count("\n") == text.count("\n")


class TestMarkdown:
    SOURCE = (
        "---\ntitle: The Title\ndate: 2025-02-20\nlang: en\n---\n"
        "# The Title\n\nA paragraph with **bold**, `code putin`, a [link](http://example.com/putin) and\n"
        "a second line.\n\n## A heading\n\n> A block quote.\n\n- item\n\n```\nfenced putin\n```\n"
    )

    def test_front_matter(self):
        article = load_markdown("a.md", self.SOURCE)
        assert article.meta["title"] == "The Title"
        assert article.meta["date"] == datetime.date(2025, 2, 20)
        assert article.language == "en"

    def test_blocks(self):
        article = load_markdown("a.md", self.SOURCE)
        assert [b.kind for b in article.blocks] == ["headline", "paragraph", "heading", "blockquote", "list_item", "code"]
        assert article.blocks[2].text == "A heading"

    def test_markup_code_and_urls_are_masked(self):
        article = load_markdown("a.md", self.SOURCE)
        assert len(article.masked) == len(self.SOURCE)
        assert "putin" not in article.masked
        assert "**" not in article.masked
        assert "link" in article.masked  # link text stays
        assert "title:" not in article.masked

    def test_broken_front_matter_is_a_problem_not_a_crash(self):
        article = load_markdown("a.md", "---\ntitle: [unclosed\n---\nBody.\n")
        assert article.meta == {}
        assert article.problems and "front matter" in article.problems[0].message

    def test_setext_heading(self):
        article = load_markdown("a.md", "Title\n=====\n\nBody.\n")
        assert [b.kind for b in article.blocks] == ["headline", "paragraph"]


class TestSentences:
    @pytest.mark.parametrize("text,expected", [
        ("He met Dr. Smith. Then he left.", ["He met Dr. Smith.", "Then he left."]),
        ("The U.S. role is big. It grew.", ["The U.S. role is big.", "It grew."]),
        ("It rose 3.5% in the U.S. The market fell.", ["It rose 3.5% in the U.S.", "The market fell."]),
        ("George W. Bush spoke. Others too.", ["George W. Bush spoke.", "Others too."]),
        ("“We won,” he said. “Now we rest.”", ["“We won,” he said.", "“Now we rest.”"]),
        ("Is it? Yes! Fine…", ["Is it?", "Yes!", "Fine…"]),
        ("Missing space.here is one sentence.", ["Missing space.here is one sentence."]),
    ])
    def test_split(self, text, expected):
        assert [text[s.start:s.end] for s in split_sentences(text, 0, len(text))] == expected


class TestQuotations:
    def test_curly_and_straight(self):
        article = load_text("a.txt", 'Head\n“One,” he said. "Two," she said.\n')
        assert quotes(article) == ["“One,”", '"Two,"']

    def test_apostrophes_are_not_quotes(self):
        article = load_text("a.txt", "Head\nRussia’s view, the players’ union and don't stop.\n")
        assert quotes(article) == []

    def test_nested_quote(self):
        article = load_text("a.txt", "Head\n“He said ‘no’ twice,” she said.\n")
        found = sorted((q.depth, article.text[q.span.start:q.span.end]) for q in article.quotations)
        assert found == [(0, "“He said ‘no’ twice,”"), (1, "‘no’")]

    def test_multi_paragraph_quote(self):
        text = "Head\n“First paragraph of the quote.\n“Second paragraph ends it,” he said.\nAfter.\n"
        article = load_text("a.txt", text)
        [quote] = article.quotations
        assert quote.blocks == (1, 2)
        assert article.text[quote.span.end - 1] == "”"

    def test_unterminated_quote_ends_with_its_paragraph(self):
        article = load_text("a.txt", "Head\n“Never closed.\nA new paragraph.\n")
        [quote] = article.quotations
        assert not quote.terminated and quote.blocks == (1,)

    @pytest.mark.parametrize("text,expected", [
        ("Head\nEr sagte: „Wir kommen.“ Dann ging er.\n", "„Wir kommen.“"),
        ("Head\nIl a dit : « Nous venons. »\n", "« Nous venons. »"),
    ])
    def test_other_scripts(self, text, expected):
        assert quotes(load_text("a.txt", text)) == [expected]


class TestDecoding:
    def test_crlf_and_bom(self):
        source = decode("a.txt", b"\xef\xbb\xbfHead\r\nBody.\r\n")
        assert source.text == "Head\nBody.\n"
        assert source.bom == b"\xef\xbb\xbf"
        assert source.encode("Head\nBody!\n") == b"\xef\xbb\xbfHead\r\nBody!\r\n"

    def test_mixed_endings_round_trip(self):
        raw = "a\r\nb\nc\rd"
        text, endings = normalise_newlines(raw)
        assert text == "a\nb\nc\nd" and endings == ["\r\n", "\n", "\r"]
        assert decode("x", raw.encode()).encode(text) == raw.encode()

    def test_utf16_with_bom(self):
        source = decode("a.txt", "Head\nBody\n".encode("utf-16"))
        assert source.text == "Head\nBody\n"


@pytest.mark.parametrize("text,expected", [
    ("He said no. The aim was clear.", ["He said no.", "The aim was clear."]),
    ("He lives at No. 10 Downing Street.", ["He lives at No. 10 Downing Street."]),
])
def test_no_is_an_abbreviation_only_before_a_number(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text, 0, len(text))] == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZ.. 3)\u00e9", max_size=50), st.integers(0, 60))
def test_word_before_a_period_matches_the_anchored_pattern_it_replaces(prefix, lo):
    """text._word_before walks back; it must find what the old end-anchored search found."""
    import re

    from lint.text import _word_before

    text = prefix + "."
    period = len(text) - 1
    lo = min(lo, period)
    old = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.*$").search(text, lo, period + 1)
    assert _word_before(text, lo, period) == (old.group(1) if old else "")


def test_release_drops_every_shared_analysis():
    from functools import cached_property

    from lint.article import Article

    article = load_text("a.txt", "Head\nThe minister said \u201cyes\u201d. Then she left.\n")
    cached = {name for name, attr in vars(Article).items() if isinstance(attr, cached_property)}
    for name in cached:
        getattr(article, name)
    article.memo("test.key", lambda a: [a])  # an analysis that points back at its article
    article.release()
    assert not cached & set(vars(article)) and not article._cache
    assert [s.span for s in article.sentences]  # recomputed on demand after a release
