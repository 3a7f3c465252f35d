from hypothesis import given
from hypothesis import strategies as st

from ttdn.core.text import fold, nfc


def test_vietnamese_folds_without_marks_and_case():
    assert fold("NGHỆ AN") == fold("Nghe An") == fold("nghệ an") == "nghe an"
    assert fold("Đảng") == "dang"
    assert fold("Sở Văn hóa, Thể thao và Du lịch") == "so van hoa, the thao va du lich"


def test_decomposed_input_folds_like_composed():
    decomposed = "Nghe\u0302\u0323 An"  # NFD: e + circumflex + dot below
    assert fold(decomposed) == "nghe an"
    assert nfc(decomposed) == "Nghệ An"


def test_lao_marks_are_never_stripped():
    lao = "ສາທາລະນະລັດ ປະຊາທິປະໄຕ"
    assert fold(lao) == nfc(lao)


def test_white_space_and_no_break_spaces_collapse():
    assert fold("  Sở\u00a0Nội   vụ ") == "so noi vu"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)
