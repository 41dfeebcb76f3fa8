"""The shared sample companies, imported into an empty store and scored with the shared
scorer against the quality bar. Skips when ../shared is not present."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.transcripts import load_transcript

THRESHOLDS = {"recall": (">=", 0.90), "precision": (">=", 0.75), "outputs_per_found_gold": ("<=", 1.3),
              "traceability": (">=", 0.95), "high_priority_ok": (">=", 0.85), "low_priority_ok": (">=", 0.80),
              "conflicts_found": (">=", 0.5), "injection_violations": ("<=", 0), "verbatim": ("<=", 0.10)}


def _scorer(samples_dir: Path):
    path = samples_dir.parent / "eval" / "score.py"
    if not path.is_file():
        pytest.skip(f"the shared scorer is not present at {path}")
    spec = importlib.util.spec_from_file_location("reqbot_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("company", ["d", "e"])
def test_sample_company_meets_the_quality_bar(company, samples_dir, reqbot_home, tmp_path):
    transcript_path = samples_dir / f"company_{company}.json"
    gold = json.loads((samples_dir / f"gold_{company}.json").read_text(encoding="utf-8"))
    score = _scorer(samples_dir)
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(transcript_path)]).exit_code == 0
    out = tmp_path / "requirements.json"
    project = load_transcript(transcript_path).project
    result = runner.invoke(app, ["requirements", "--project", project, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    output = json.loads(out.read_text(encoding="utf-8"))
    metrics, missed, violations = score.score_requirements(gold, output)
    metrics["verbatim"] = score.verbatim_ratio(output, json.loads(transcript_path.read_text(encoding="utf-8")))
    failing = {name: metrics[name] for name, (op, bound) in THRESHOLDS.items()
               if not (metrics[name] >= bound if op == ">=" else metrics[name] <= bound)}
    assert not failing, f"{failing}; missed={missed}; violations={violations}"
