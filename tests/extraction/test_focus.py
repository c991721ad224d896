"""The model reads only the sentences where a name may still be missing."""

from archive.extraction.focus import model_windows


def test_a_sentence_whose_names_are_all_covered_is_skipped():
    text = "NATO met in Brussels. Then Jens Stoltenberg spoke."
    covered = [(0, 4), (12, 20)]  # NATO, Brussels
    assert model_windows(text, covered) == [(22, len(text))]


def test_sentence_openers_titles_and_demonyms_do_not_call_the_model():
    text = "However, the Russian defence minister said so. Minister said it was Ukrainian."
    assert model_windows(text, []) == []


def test_a_capitalised_opener_used_in_lower_case_elsewhere_is_ordinary():
    text = "Coalition forces struck. The coalition grew."
    assert model_windows(text, []) == []
    assert model_windows("Shoigu arrived. The minister left.", []) == [(0, 16)]


def test_neighbouring_sentences_form_one_window():
    text = "Frolov spoke. Ivanov agreed. the end."
    assert model_windows(text, []) == [(0, 29)]


def test_russian_text_is_left_to_the_dictionary_and_rules():
    assert model_windows("Полковник Сергей Фролов прибыл в Минск.", []) == []


def test_a_possessive_or_hyphenated_form_of_a_covered_name_is_covered():
    text = "Russia's army and ISIL-held towns."
    assert model_windows(text, [(0, 6), (18, 22)]) == []
