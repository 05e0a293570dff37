"""Property-based tests (Hypothesis): random YAML documents, random text and random mutations of
the bundled files either load and validate, or give the project's own problems, each naming the
file and a line. Never another exception, never a hang."""

from pathlib import Path

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content_types import REGISTRY
from generator.load import LoadError, load_text, validate_document

SCHEMAS = {kind.name: kind.model for kind in REGISTRY}

MODELS = list(SCHEMAS.values())
BUNDLED = sorted([*ROOT.glob("content/**/*.yml"), *ROOT.glob("units/**/*.yml")])
def runs(count: int) -> settings:
    return settings(max_examples=count, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
YAML_BITS = st.sampled_from([":", ": ", "- ", "\n", "  ", "\t", '"', "'", "&a ", "*a", "!!python/object ", "!x ",
                             "{", "}", "[", "]", "#", "|", ">", "? ", "---", "\x00", "\ufeff", "\r\n", "đ", "~", "<script>"])


def model_for(path: Path):
    return REGISTRY.kind_of(path.relative_to(ROOT).as_posix()).model


def answered(text: str, model, path: str = "x.yml") -> None:
    """The property: a typed value, or problems that each name the file and a line."""
    try:
        doc = load_text(text, path)
    except LoadError as error:
        problems = [error.problem]
    else:
        _, problems = validate_document(doc, model)
    for problem in problems:
        assert problem.file == path and problem.line >= 1 and problem.column >= 1
        assert problem.message and problem.code


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(st.text(max_size=12), inner, max_size=5)),
                         max_leaves=25)


@runs(500)
@given(data=documents, model=st.sampled_from(MODELS))
def test_random_yaml_documents(data, model):
    answered(yaml.safe_dump(data, allow_unicode=True), model)


@runs(300)
@given(text=st.text(max_size=300), model=st.sampled_from(MODELS))
def test_random_text(text, model):
    answered(text, model)


@runs(500)
@given(file=st.sampled_from(BUNDLED), cuts=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.lists(YAML_BITS, max_size=3)),
                                                     min_size=1, max_size=4))
def test_mutations_of_the_bundled_files(file, cuts):
    text = file.read_text(encoding="utf-8")
    for where, length, insert in cuts:
        at = int(where * len(text))
        text = text[:at] + "".join(insert) + text[at + length:]
    answered(text, model_for(file), file.relative_to(ROOT).as_posix())
