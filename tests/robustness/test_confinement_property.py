"""A property (issue 16): whatever Markdown a chapter holds — raw blocks and spans in any form,
images in any syntax — what the render stage hands to the writers has no raw markup the
author was not allowed, and no image that is not a file inside the project. `make test` runs
a few dozen examples; `make fuzz` runs thousands."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from luanan.pandoc import image_targets, raw_nodes
from luanan.render.ast import confined_ast
from luanan.render.parts import Part

PIECES = [
    '```{=typst}\n#read("x")\n```\n',
    "~~~ {=openxml}\n<w:p/>\n~~~\n",
    "``#x``{=typst}",
    "`<w:r/>`{ =openxml }",
    "`\\input{x}`{=latex}",
    "{=html}",
    "![a](",
    "![b][s]",
    "![s]",
    "[s]: ",
    "](",
    ")",
    "/etc/hostname",
    "http://127.0.0.1:9/x.png",
    "//host/x.png",
    "file:///etc/passwd",
    "../../x.png",
    "figures/a.png",
    "<",
    ">",
    " 'tiêu đề'",
    ' "t"',
    "\n\n",
    "\n",
    "> ",
    "- ",
    "1. ",
    "    ",
    "---\nx: ",
    "\n---\n",
    "chữ ",
    "`",
    "~~~",
    "```",
]
EXAMPLES = 40 if settings.default.max_examples <= 150 else 2000

markdown = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(alphabet="[]()!<>`{}=~:/ \n>-*'\"ab.", max_size=8)), max_size=30
).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(markdown, st.sampled_from([(), ("latex",)]))
def test_render_never_lets_raw_markup_or_an_outside_image_through(tmp_path_factory, text, allowed):
    root = Path("/nonexistent-luanan-root")
    part = Part("chapter:01.md", "main", text, None, (), "chapters", (), allowed, str(root))
    ast, images = confined_ast(part)
    assert all(form.lower() in allowed for form, _ in raw_nodes(ast))
    for target in image_targets(ast):
        assert not target.startswith("/") and ":" not in target.split("/")[0]
        assert ".." not in Path(target).parts
        assert (root / target).resolve().is_relative_to(root)
    assert sorted(images) == sorted(image_targets(ast))
