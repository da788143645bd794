"""Rewrite docs/configuration.md from the Settings declaration: python tools/gen_config_doc.py"""

from pathlib import Path

from smilebox.settings import Settings

HEAD = """# Configuration

Settings are declared once, in `smilebox/settings.py`, and layered; later layers win:

1. the defaults below;
2. a TOML file: `--config FILE`, else `SMILEBOX_CONFIG`, else `./smilebox.toml` when it exists (keys at the top
   level or under a `[smilebox]` table);
3. environment variables `SMILEBOX_<NAME>` (for example `SMILEBOX_DATABASE_URL`);
4. command-line flags such as `--database` and `--rubric`.

A file with an unknown key or a value of the wrong type is an error that names the key; Smilebox never
falls back silently to a default when your file is broken.

| setting | environment variable | default | what it does |
|---|---|---|---|
"""

TAIL = """
Example `smilebox.toml`:

```toml
[smilebox]
database_url = "postgresql+psycopg://qa@db.internal/smilebox"
company_name = "Acme Home Internet"
recovery_playbook = "lamb"
recovery_sla_hours = 24
```
"""


def render() -> str:
    rows = [
        f"| `{name}` | `SMILEBOX_{name.upper()}` | `{field.default}` | {field.description} |"
        for name, field in Settings.model_fields.items()
    ]
    return HEAD + "\n".join(rows) + "\n" + TAIL


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"
    out.write_text(render(), encoding="utf-8")
    print(f"wrote {out}")
