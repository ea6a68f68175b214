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


def test_sentences_split_at_their_end_but_a_run_on_is_cut_at_spaces():
    from timeline.sentences import MAX_SENTENCE, sentences
    text = "Mr. Abbas met Mr. Meshal on Thursday. They agreed! " + "Word " * 1_000
    spans = sentences(text)
    assert [text[s.start:s.end] for s in spans[:2]] == ["Mr. Abbas met Mr. Meshal on Thursday.", "They agreed!"]
    rest = spans[2:]
    assert len(rest) >= 3 and all(s.end - s.start <= MAX_SENTENCE for s in rest)
    assert all(text[s.start:s.end].split() == ["Word"] * len(text[s.start:s.end].split()) for s in rest)
    assert sum(len(text[s.start:s.end].split()) for s in rest) == 1_000     # nothing lost at the cuts


def test_a_label_writes_each_run_of_white_space_as_one_space():
    s = "The\tferry\u00a0guild met\n\n on 4 March\u2003 2019 \x1c to vote  on the dues."
    assert label_for(s, "4 March\u2003 2019") == "The ferry guild met on 4 March 2019 to vote on the dues."
    assert label_for("  \t4 March 2019\n", "4 March 2019") == "4 March 2019"
