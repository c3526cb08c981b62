from pathlib import Path

from researchers.common.text import name_key, repair_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_utf8_read_as_cp1252_is_repaired():
    assert repair_text("Yi Liu (or Liu Yiï¼Œåˆ˜æ¯…)") == "Yi Liu (or Liu Yi，刘毅)"
    assert repair_text("Bachelorâ€™s degree") == "Bachelor’s degree"


def test_utf8_read_as_mac_roman_is_repaired_including_emoji():
    assert repair_text("# \uf8ffüî• News") == "# 🔥 News"
    assert repair_text("&nbsp;\uf8ffüéâ One paper") == "&nbsp;🎉 One paper"
    assert repair_text("Csord√°s, R.") == "Csordás, R."


def test_genuine_text_is_left_alone():
    text = "café 刘毅 Zürich naïve — “quoted” √2 ≈ 1.41 ± &amp; <b>x</b> 'straight'"
    assert repair_text(text) == text


def test_the_seed_pages_come_out_free_of_mojibake():
    for seed in SEEDS.glob("*.md"):
        repaired = repair_text(seed.read_text(encoding="utf-8"))
        for damage in ("Ã", "â€", "√", "ü", "ï¼", "\uf8ff"):
            assert damage not in repaired, (seed.name, damage)


def test_name_key_ignores_accents_case_punctuation_and_order():
    assert name_key("Pérez-Rúa, Juan-Manuel") == name_key("juan manuel perez rua")
    assert name_key("Liu, H.") == name_key("H. Liu")
    assert name_key("刘毅") == "刘毅"
