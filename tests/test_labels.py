from timeline.labels import MAX_LABEL, clause_label


def label_for(sentence, date_text):
    i = sentence.index(date_text)
    return clause_label(sentence, i, i + len(date_text))


def test_label_is_the_clause_around_the_date():
    s = ("Both sides insisted on Thursday that their differences were being ironed out and said "
         "they would meet again starting Dec. 20.")
    assert "meet again starting Dec. 20" in label_for(s, "Dec. 20")


def test_label_widens_a_short_clause():
    s = "In May, the two men signed a reconciliation accord in Cairo, officials said."
    label = label_for(s, "May")
    assert "May" in label and "reconciliation accord" in label


def test_long_label_is_trimmed_around_the_date():
    s = ("word " * 60) + "on July 8 Israel launched the offensive " + ("more " * 60)
    label = label_for(s, "July 8")
    assert len(label) <= MAX_LABEL and "July 8" in label


def test_empty_sentence_gives_empty_label():
    assert clause_label("", 0, 0) == ""
