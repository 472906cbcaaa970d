"""The inline shortcut (site_gen/stages/fastinline.py) makes the very HTML Python-Markdown
makes without it, on bodies built from every piece of inline and block syntax."""

import random

import markdown
import pytest

from site_gen.stages import fastinline
from site_gen.stages.markup import _EXTENSIONS

PIECES = ["*", "**", "_", "__", "[", "]", "(", ")", "![", "<", ">", "&", "&amp;", "&#12;",
          "&#x1F;", "\\", "\\*", "`", "``", "  \n", "\n", "\n\n", "a", "b c", "Việt Nam",
          "[^1]", "[^1]: chú thích\n", "http://x.vn", "<b>", "</b>", "<http://a.vn>",
          "<a@b.vn>", "<!-- c -->", "<?p?>", "<![CDATA[x]]>", "{: .c}", "*[UBND]: Ủy ban\n",
          "UBND", "| a | b |\n|---|---|\n| 1 | 2 |\n", "- x\n", "1. y\n", "    mã\n",
          "> trích\n", "~~~\nf\n~~~\n", ":   định nghĩa\n", "[x]: http://r.vn\n", "[x]",
          "[x][]", "!", "# h\n", " ", "'", '"', "=", "/"]


def plain() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")


def quick() -> markdown.Markdown:
    md = plain()
    fastinline.install(md)
    return md


def test_installed_in_place_of_the_inline_processor_and_knows_every_pattern():
    md = quick()
    assert isinstance(md.treeprocessors["inline"], fastinline.QuickInline)
    assert len(md.treeprocessors) == len(plain().treeprocessors)
    # each of the patterns this Markdown registers is known (else there is no shortcut)
    assert md.treeprocessors["inline"].markers is not None


class Checked(fastinline.QuickInline):
    """Says so if a text it leaves as it is could have been matched by a pattern."""

    def _InlineProcessor__handleInline(self, data, patternIndex: int = 0):
        if not any(m in data for m in self.markers):
            assert not any(p.getCompiledRegExp().search(data) for p in self.inlinePatterns)
        return super()._InlineProcessor__handleInline(data, patternIndex)


def checked() -> markdown.Markdown:
    md = plain()
    md.treeprocessors.register(Checked(md, fastinline.markers_of(md.inlinePatterns)),
                               "inline", 20)
    return md


def test_an_unknown_pattern_turns_the_shortcut_off():
    """An extension's pattern of its own: no text may be passed over, it could match."""
    from markdown.inlinepatterns import SimpleTagInlineProcessor
    md = plain()
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()=(.+?)=", "mark"), "mark", 65)
    assert fastinline.markers_of(md.inlinePatterns) is None
    fastinline.install(md)
    assert md.convert("Một =hai= ba") == "<p>Một <mark>hai</mark> ba</p>"


@pytest.mark.parametrize("seed", range(4))
def test_same_html_as_python_markdown(seed):
    rng = random.Random(seed)
    before, after = plain(), checked()
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        before.reset()
        after.reset()
        assert after.convert(text) == before.convert(text), text


def test_same_html_for_a_formatted_body():
    text = ("## Kết quả\n\nNăm 2024, **UBND xã** đã _hoàn thành_ [kế hoạch](/ke-hoach/) "
            "với `12` chỉ tiêu[^1].  \nDòng mới & <em>nhấn</em>.\n\n"
            "| Chỉ tiêu | Đạt |\n|---|---|\n| *Thu* | 105% |\n\n"
            "- một\n- hai **đậm**\n\n![Ảnh](/a.jpg){: .lon}\n\n[^1]: Theo báo cáo.\n")
    assert quick().convert(text) == plain().convert(text)
