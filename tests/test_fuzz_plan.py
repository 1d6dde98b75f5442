"""Hostile plan files: every input ends in a PlanError/InputError (exit 2, a short message, no
traceback), or a valid Plan; never a hang, a memory blow-up, or raw control characters on a terminal."""

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cognito_tui.cli import main
from cognito_tui.errors import InputError
from cognito_tui.plan import MAX_PLAN_BYTES, Plan, PlanError, load_plan, parse_plan
from cognito_tui.plan_v2 import PlanV2

ROOT = Path(__file__).resolve().parent.parent
POOL = "us-east-1:0f4a7c2e-1111-2222-3333-444455556666"
MAX_LINE = 400  # a rendered problem is one short line, whatever the input held
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_outcome(data) -> Plan | PlanError:
    """parse_plan's result, after checking it is one of the two allowed outcomes and well shaped."""
    try:
        plan = parse_plan(data, "fuzz.yaml")
    except PlanError as exc:
        assert exc.exit_code == 2
        assert exc.issues
        for issue in exc.issues:
            line = issue.render("fuzz.yaml")
            assert len(line) <= MAX_LINE, line[:200]
            assert line.isprintable(), repr(line[:200])
        assert len(exc.message) <= 2 * MAX_LINE
        assert exc.message.isprintable()
        return exc
    if isinstance(plan, PlanV2):
        for spec in plan.identity_pools:
            assert (spec.id or spec.name).isascii() and (spec.id or spec.name).isprintable()
        return plan
    assert isinstance(plan, Plan)
    for pool in plan.pools:
        assert pool.id.isascii() and pool.id.isprintable()
        for provider in pool.providers:
            assert provider.user_pool_id.isascii() and provider.client_id.isascii()
    return plan


# -- hypothesis: YAML-ish structures, plan-shaped structures, raw bytes --------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from([POOL, "us-east-1_AbC123", "client1", "1", "true", "[/x]", "[@click=app.quit]",
                     "us-east-1:0f4a\x1b[31m", "us-еast-1_AbC", "\ufeff", "\t", "~", "null", "&a", "*a"]),
)
keys = st.one_of(st.sampled_from(["version", "identity_pools", "id", "cognito_providers", "user_pool_id",
                                  "client_id", "server_side_token_check"]), st.text(max_size=20))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=4)), max_leaves=25)

providers = st.fixed_dictionaries(
    {"user_pool_id": st.one_of(st.just("us-east-1_AbC123"), trees),
     "client_id": st.one_of(st.just("client1"), trees)},
    optional={"server_side_token_check": st.one_of(st.booleans(), trees), "extra": trees})
pools = st.fixed_dictionaries(
    {"id": st.one_of(st.just(POOL), trees), "cognito_providers": st.one_of(st.lists(providers, max_size=3), trees)},
    optional={"name": trees})
plans = st.fixed_dictionaries({"version": st.one_of(st.just(1), trees),
                               "identity_pools": st.one_of(st.lists(pools, max_size=3), trees)})


@FUZZ
@given(tree=st.one_of(trees, plans))
def test_any_yaml_structure_is_a_plan_or_a_plan_error(tree):
    _check_outcome(yaml.safe_dump(tree, allow_unicode=True).encode())


@FUZZ
@given(tree=plans, mutation=st.sampled_from(["", "\t", "\ufeff", "\x00", "\x1b[2J", "\r"]),
       at=st.integers(min_value=0))
def test_plan_text_with_hostile_characters_is_a_plan_or_a_plan_error(tree, mutation, at):
    text = yaml.safe_dump(tree, allow_unicode=True)
    at %= len(text) + 1
    _check_outcome((text[:at] + mutation + text[at:]).encode("utf-8"))


@FUZZ
@given(data=st.binary(max_size=400))
def test_raw_bytes_are_a_plan_or_a_plan_error(data):
    _check_outcome(data)


def test_a_plan_with_a_bom_still_loads():
    text = f"version: 1\nidentity_pools:\n  - id: {POOL}\n    cognito_providers: []\n"
    plan = _check_outcome(("\ufeff" + text).encode())
    assert isinstance(plan, Plan) and plan.pools[0].id == POOL


# -- hand-made hostile files ----------------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    + ["version: 1", "identity_pools: [*i]"]) + "\n"

HOSTILE = {
    "billion_laughs": BILLION_LAUGHS.encode(),
    "alias_as_pool_id": f"version: 1\nidentity_pools:\n  - id: &p {POOL}\n    cognito_providers: []\n  - id: *p\n    cognito_providers: []\n".encode(),
    "merge_key": b"base: &b {cognito_providers: []}\nversion: 1\nidentity_pools:\n  - <<: *b\n    id: x\n",
    "deep_list_10k": b"[" * 10_000 + b"]" * 10_000,
    "deep_list_to_the_limit": b"[" * (MAX_PLAN_BYTES - 10),
    "deep_flow_mapping": b"{a: " * 50_000 + b"}" * 50_000,
    "deep_block_mapping": "".join(" " * i + f"k{i}:\n" for i in range(2000)).encode(),
    "huge_scalar_key": b"version: 1\n" + b"k" * (MAX_PLAN_BYTES - 100) + b": 1\n",
    "huge_quoted_version": b'version: "' + b"\\e[31m" * 100_000 + b'"\nidentity_pools: []\n',
    "escape_in_key": b'"\\e]0;pwned\\a\\e[2J": 1\nversion: 1\nidentity_pools: []\n',
    "newline_in_key": b'"a\\nb\\rc": 1\nversion: 1\nidentity_pools: []\n',
    "many_unknown_keys": b"".join(b"k%d: 1\n" % i for i in range(60_000)),
    "many_bad_pools": b"version: 1\nidentity_pools:\n" + b"".join(
        b"  - {id: bad%d, cognito_providers: []}\n" % i for i in range(1000)),
    "tabs": b"version: 1\nidentity_pools:\n\t- id: x\n",
    "nul": b"version: 1\x00\nidentity_pools: []\n",
    "utf16_bom": "\ufeffversion: 1\nidentity_pools: []\n".encode("utf-16"),
    "lone_surrogate_escape": b'version: 1\nidentity_pools:\n  - id: "\\ud800"\n    cognito_providers: []\n',
    "python_tag": b"version: 1\nidentity_pools: !!python/object/apply:os.system ['echo pwned']\n",
    "too_big": b"#" * (MAX_PLAN_BYTES + 1),
    "empty": b"",
    "only_bom": b"\xef\xbb\xbf",
    "document_stream": b"version: 1\nidentity_pools: []\n---\nversion: 1\nidentity_pools: []\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hand_made_hostile_plans_are_refused_quickly_in_process(name):
    outcome = _check_outcome(HOSTILE[name])
    assert isinstance(outcome, PlanError), outcome


def test_a_huge_pasted_plan_is_refused_without_parsing():
    with pytest.raises(PlanError) as caught:
        parse_plan("version: 1\n" + "#" * (MAX_PLAN_BYTES + 1))
    assert "larger than" in caught.value.message


def test_the_number_of_problems_shown_is_bounded():
    error = _check_outcome(HOSTILE["many_unknown_keys"])
    assert isinstance(error, PlanError)
    assert len(error.issues) <= 100
    assert "more" in error.message


def _limited():
    """Child process limits: a memory blow-up or a hang ends the child, not the test run."""
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))
    resource.setrlimit(resource.RLIMIT_CPU, (40, 40))


def _cli_subprocess(path: str, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT")}
    env["PYTHONPATH"] = str(ROOT)
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return subprocess.run(
        [sys.executable, "-m", "cognito_tui.cli", "--endpoint-url", "http://127.0.0.1:9", "apply", path, "--dry-run"],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT, preexec_fn=_limited)


@pytest.mark.parametrize("name", ["deep_list_to_the_limit", "billion_laughs", "huge_scalar_key", "escape_in_key"])
def test_hostile_plans_exit_2_through_the_cli_in_a_bounded_child(name, tmp_path):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    done = _cli_subprocess(str(path), tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    assert len(done.stderr) < 4000 and "\x1b" not in done.stderr


def test_a_plan_path_that_never_ends_is_refused(tmp_path):
    """/dev/zero (or a FIFO, or a pipe) has no size to stat; reading it must still stop."""
    done = _cli_subprocess("/dev/zero", tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "larger than" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["tabs", "nul", "utf16_bom", "python_tag", "many_bad_pools", "newline_in_key",
                                  "deep_list_10k"])
def test_hostile_plans_exit_2_through_the_cli(name, tmp_path, capsys):
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    code = main(["--endpoint-url", "http://127.0.0.1:9", "apply", str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert 1 <= len(lines) <= 101
    assert all(len(line) <= MAX_LINE + 20 and line.isprintable() for line in lines)


@pytest.mark.parametrize("kind", ["missing", "folder", "unreadable_under_a_file"])
def test_a_plan_path_that_is_not_a_file_is_an_input_error(kind, tmp_path):
    target = {"missing": tmp_path / "nope.yaml", "folder": tmp_path,
              "unreadable_under_a_file": tmp_path / "plan.yaml" / "x"}[kind]
    (tmp_path / "plan.yaml").write_text("x")
    with pytest.raises(InputError) as caught:
        load_plan(target)
    assert caught.value.exit_code == 2 and len(caught.value.one_line()) < MAX_LINE
