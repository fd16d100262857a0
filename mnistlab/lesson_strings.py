"""The words of the lessons' printed tables and lines ("train: 97,0 %   test: 87,8 %"), in English and German.

Part of ``mnistlab.i18n.STRINGS`` (keys "lesson.*"); the lessons print them with ``ml.t(key, LANG, ...)``, so
that their code cells stay the same in both languages and the numbers follow the lesson's format.
"""

LESSON_STRINGS = {
    "lesson.train_test": {"en": "train: {train:.1%}   test: {test:.1%}",
                          "de": "Training: {train:.1%}   Test: {test:.1%}"},
    "lesson.test": {"en": "test: {test:.1%}", "de": "Test: {test:.1%}"},
    "lesson.gap": {"en": "train - test: {gap:+.1%}", "de": "Training − Test: {gap:+.1%}"},
    "lesson.train_val": {"en": "train: {train:.1%}   validation: {val:.1%}",
                         "de": "Training: {train:.1%}   Validierung: {val:.1%}"},
    "lesson.loss_val": {"en": "loss: {loss}   validation: {val:.1%}",
                        "de": "Verlust: {loss}   Validierung: {val:.1%}"},
    "lesson.digit": {"en": "k", "de": "k"},
    "lesson.recall": {"en": "recall", "de": "Trefferquote"},
    "lesson.precision": {"en": "precision", "de": "Präzision"},
    "lesson.active": {"en": "active", "de": "aktiv"},
    "lesson.before": {"en": "before", "de": "vorher"},
    "lesson.after": {"en": "after", "de": "nachher"},
    "lesson.init_header": {"en": "init", "de": "Init"},
    "lesson.loss": {"en": "loss", "de": "Verlust"},
    "lesson.compare_header": {"en": "params epochs steps s train valid.",
                              "de": "Parameter Epochen Schritte s Training Valid."},
    "lesson.fashion_classes": {  # the ten Fashion-MNIST labels 0-9, split at "|"
        "en": "T-shirt/top|trouser|pullover|dress|coat|sandal|shirt|sneaker|bag|ankle boot",
        "de": "T-Shirt/Top|Hose|Pullover|Kleid|Mantel|Sandale|Hemd|Sneaker|Tasche|Stiefelette"},
    "lesson.mixed_up": {"en": "{a} ({name_a}) and {b} ({name_b}): {n} of the {errors} wrong answers",
                        "de": "{a} ({name_a}) und {b} ({name_b}): {n} der {errors} falschen Antworten"},
    "lesson.mean": {"en": "mean", "de": "Mittel"},
    "lesson.spread": {"en": "spread", "de": "Spanne"},
    "lesson.seed_run": {"en": "{rate}, seed {seed}", "de": "{rate}, Seed {seed}"},
    "lesson.mean_slope": {"en": "(mean of f'(Z) in each hidden layer)",
                          "de": "(Mittelwert von f'(Z) in jeder verdeckten Schicht)"},
    "lesson.largest_gain": {"en": "largest gain: row {row}, {change}",
                            "de": "größter Gewinn: Zeile {row}, {change}"},
    "lesson.compare_rows": {
        "en": "the original|biases fixed|He instead of uniform|mini-batches of 64|10 passes instead of 100|"
              "784-128-64-10|sigmoid instead of ReLU",
        "de": "das Original|Biases repariert|He statt gleichverteilt|Mini-Batches zu 64|"
              "10 statt 100 Durchläufe|784-128-64-10|Sigmoid statt ReLU"},
    "lesson.file_size": {"en": "{name}: {size:,} bytes", "de": "{name}: {size:,} Byte"},
    "lesson.truncation": {"en": "truncation ε²·|L‴|/6", "de": "Abbruchfehler ε²·|L‴|/6"},
    "lesson.roundoff": {"en": "round-off u·|L|/ε, {dtype}", "de": "Rundungsfehler u·|L|/ε, {dtype}"},
    "lesson.hand_numerical": {"en": "{name:>3}: by hand {hand:+.6f}   numerical {num:+.6f}",
                              "de": "{name:>3}: von Hand {hand:+.6f}   numerisch {num:+.6f}"},
    "lesson.nudge_w": {"en": "L(w + 0.01) - L(w) = {change:.4f}   ∂L/∂w · 0.01 = {predicted:.4f}",
                       "de": "L(w + 0,01) − L(w) = {change:.4f}   ∂L/∂w · 0,01 = {predicted:.4f}"},
    "lesson.max_difference": {"en": "largest difference: {diff:.1e}", "de": "größte Abweichung: {diff:.1e}"},
}
