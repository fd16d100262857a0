"""The words of the lessons' printed tables and lines ("train: 97,0 %   test: 87,8 %"), in English and German.

Part of ``mnistlab.i18n.STRINGS`` (keys "lesson.*"); the lessons print them with ``ml.t(key, LANG, ...)``, so
that their code cells stay the same in both languages and the numbers follow the lesson's format.
"""

LESSON_STRINGS = {
    "lesson.train_test": {"en": "train: {train:.1%}   test: {test:.1%}",
                          "de": "Training: {train:.1%}   Test: {test:.1%}"},
    "lesson.test": {"en": "test: {test:.1%}", "de": "Test: {test:.1%}"},
    "lesson.gap": {"en": "train - test: {gap:+.1%}", "de": "Training − Test: {gap:+.1%}"},
    "lesson.loss_test": {"en": "loss: {loss}   test: {test:.1%}", "de": "Verlust: {loss}   Test: {test:.1%}"},
    "lesson.digit": {"en": "k", "de": "k"},
    "lesson.recall": {"en": "recall", "de": "Trefferquote"},
    "lesson.precision": {"en": "precision", "de": "Präzision"},
    "lesson.active": {"en": "active", "de": "aktiv"},
    "lesson.before": {"en": "before", "de": "vorher"},
    "lesson.after": {"en": "after", "de": "nachher"},
    "lesson.constant": {"en": "test, constant:", "de": "Test, konstant:"},
    "lesson.schedule": {"en": "test, schedule:", "de": "Test, Zeitplan:"},
    "lesson.init_header": {"en": "init", "de": "Init"},
    "lesson.loss": {"en": "loss", "de": "Verlust"},
    "lesson.compare_header": {"en": "params epochs steps s train test",
                              "de": "Parameter Epochen Schritte s Training Test"},
    "lesson.file_size": {"en": "{name}: {size:,} bytes", "de": "{name}: {size:,} Byte"},
}
