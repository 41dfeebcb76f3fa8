"""Visual check where LibreOffice is installed: the document converts to a multi-page PDF."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bot.spec import write_spec
from test_spec_data import en_example, zh_example

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("example", [zh_example, en_example], ids=["zh", "en"])
def test_libreoffice_renders_the_document_to_several_pages(tmp_path, example):
    project, requirement_set, interviews = example()
    out = write_spec(project, requirement_set, interviews, out=tmp_path / "spec.docx").path
    profile = tmp_path / "lo-profile"            # a private profile: parallel runs do not collide
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "spec.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) > 1
