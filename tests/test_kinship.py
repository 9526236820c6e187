from tamyr.model import vocabulary


def test_every_relation_is_the_inverse_of_its_inverse():
    v = vocabulary()
    for rel in v.relations.values():
        assert v.relations[rel.inverse].inverse == rel.name


def test_father_inverse_is_son_or_daughter_by_gender():
    v = vocabulary()
    assert v.inverse_label("father", "m") == "son"
    assert v.inverse_label("father", "f") == "daughter"
    assert v.inverse_label("father", None) == "child"


def test_russian_ukrainian_and_kazakh_kin_words_map_onto_relations():
    v = vocabulary()
    expected = {
        "сын": ("child", "m"), "дочь": ("child", "f"), "зять": ("child_in_law", "m"),
        "невестка": ("child_in_law", "f"), "сноха": ("child_in_law", "f"), "тесть": ("parent_in_law", "m"),
        "тёща": ("parent_in_law", "f"), "свёкор": ("parent_in_law", "m"), "свекровь": ("parent_in_law", "f"),
        "сват": ("co_parent_in_law", "m"), "құда": ("co_parent_in_law", None), "жиен": ("nephew_niece", None),
        "немере": ("grandchild", None), "дружина": ("spouse", "f"), "Чоловік": ("spouse", "m"),
    }
    for word, (relation, gender) in expected.items():
        term = v.term(word)
        assert term is not None, word
        assert (term.relation, term.gender) == (relation, gender), word


def test_spouse_then_parent_is_parent_in_law():
    assert vocabulary().compose("spouse", "parent") == "parent_in_law"
    assert vocabulary().compose("wife", "father") == "parent_in_law"


def test_child_spouse_parent_is_co_parent_in_law_svat():
    v = vocabulary()
    assert v.compose_path(["son", "wife", "father"]) == "co_parent_in_law"
    assert v.relation("сват").name == "co_parent_in_law"


def test_ambiguous_chains_have_no_single_name():
    # the son's mother may be the person's wife or not: no single relation
    assert vocabulary().compose_path(["son", "mother"]) is None


def test_a_fathers_son_on_a_path_is_a_brother():
    assert vocabulary().compose_path(["father", "son"]) == "sibling"


def test_legal_classes():
    v = vocabulary()
    assert v.relation("father").legal_class == "close"
    assert v.relation("wife").legal_class == "spouse"
    assert v.relation("тесть").legal_class == "in_law"
    assert v.relation("сват").legal_class == "other"
    assert "kz-anticorruption-art14" in v.relation("brother").laws
    assert not v.relation("co-parent-in-law").laws


def test_unknown_word_is_not_a_kin_term():
    assert vocabulary().term("colleague") is None
