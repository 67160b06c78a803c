"""The one quotation model: where quotations open and close, what is inside, who says them."""

from briefing.quotes import (SAYING_VERBS, balanced, opens_inside_quote, outside_quotes, quotations, quote_spans, quoted_share,
                             says_who)


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text)]


def test_apostrophes_inside_and_after_words_are_not_quotation_marks():
    text = "Devon's children's services and the councils' plans were 'inadequate', Ofsted said."
    assert _quoted(text) == ["'inadequate'"]
    assert quotations(text, min_words=1) == ["inadequate"]


def test_straight_and_curly_double_marks_pair_up():
    assert _quoted('He said "we are failing" and \u201cmust improve\u201d.') == ['"we are failing"',
                                                                              "\u201cmust improve\u201d"]


def test_a_sentence_that_closes_a_quotation_began_inside_it():
    # The quotation opened in the sentence before: everything up to its closing mark is quoted,
    # and what follows it (the attribution) is the reporter's.
    for text in ('Keep it positive," he said.', "Keep it positive,\u201d he said."):
        assert opens_inside_quote(text)
        assert outside_quotes(text).strip() == "he said."
        assert says_who(text)


def test_a_quotation_left_open_runs_to_the_end():
    text = 'The leader said: "We will not stop until every child is safe.'
    assert _quoted(text) == ['"We will not stop until every child is safe.']
    assert not says_who("\u201cWe will not stop,\u201d") and quoted_share(text) > 0.5


def test_two_apostrophes_close_a_quotation():
    assert quotations('He called it "a total disgrace\'\' and left.', min_words=2) == ["a total disgrace"]


def test_says_who_reads_only_outside_the_quotation():
    assert says_who("The service was inadequate, an inspector said.")
    assert says_who("According to the report, caseloads fell.")
    assert not says_who('"Nobody said it would be easy."')
    assert not says_who("The council's plan was approved.")


def test_one_list_of_saying_verbs_covers_speech_and_findings():
    assert {"say", "tell", "warn", "find", "reveal"} <= SAYING_VERBS


def test_balanced_means_no_quotation_carried_in_or_left_open():
    assert balanced("Ofsted called the service 'inadequate' and the councils' plans weak")
    assert balanced('The leader said "we are failing" and resigned')
    assert not balanced('The leader said "we are failing')  # cut in half
    assert not balanced("we are failing,\u201d the leader said")  # carried in from before
