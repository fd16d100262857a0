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
    # 08c: momentum and Adam
    "lesson.never": {"en": "none", "de": "keiner"},
    "lesson.valley_header": {"en": "loss after {n} steps · first step with loss < 0.01",
                             "de": "Verlust nach {n} Schritten · erster Schritt mit Verlust < 0,01"},
    "lesson.same_direction": {"en": "dW = +1 in every step:", "de": "dW = +1 in jedem Schritt:"},
    "lesson.alternating": {"en": "dW = +1, -1, +1, -1, ...:", "de": "dW = +1, −1, +1, −1, …:"},
    "lesson.momentum": {"en": "momentum", "de": "Impuls"},
    "lesson.optimizer_header": {
        "en": "validation accuracy after epoch 1, 3 and 10 · largest drop (points) · seconds",
        "de": "Genauigkeit (Validierung) nach Epoche 1, 3 und 10 · größter Rückgang (Prozentpunkte) · "
              "Sekunden"},
    "lesson.optimizers_spread": {"en": "after 10 epochs, best minus worst: {d:.1f} points",
                      "de": "nach 10 Epochen, bester minus schlechtester: {d:.1f} Prozentpunkte"},
    "lesson.optimizers_title": {"en": "Same network, same start, three optimizers",
                                "de": "Dasselbe Netz, derselbe Start, drei Optimierer"},
    # 08d: against overfitting
    "lesson.overfit_best": {
        "en": "best epoch {epoch}: validation loss {loss:.3f}, validation accuracy {acc:.1%}",
        "de": "beste Epoche {epoch}: Verlust (Validierung) {loss:.3f}, Genauigkeit {acc:.1%}"},
    "lesson.overfit_end": {
        "en": "end, epoch {epoch}: validation loss {loss:.3f}, validation accuracy {acc:.1%}, training loss "
              "{train:.4f}",
        "de": "Ende, Epoche {epoch}: Verlust (Validierung) {loss:.3f}, Genauigkeit {acc:.1%}, "
              "Verlust (Training) {train:.4f}"},
    "lesson.overfit_title": {"en": "Without remedy: learned by heart",
                             "de": "Ohne Gegenmittel: auswendig gelernt"},
    "lesson.run_plain": {"en": "no remedy", "de": "ohne Gegenmittel"},
    "lesson.run_decay": {"en": "weight decay {weight_decay:g}", "de": "Gewichtsabnahme {weight_decay:g}"},
    "lesson.run_early": {"en": "early stopping ({patience})", "de": "frühes Stoppen ({patience})"},
    "lesson.run_shift": {"en": "shifts ±{pixels} px", "de": "Verschiebungen ±{pixels} px"},
    "lesson.decay_losses": {"en": "  training loss {loss:.4f}   validation loss {val:.3f}",
                            "de": "  Verlust Training {loss:.4f}   Validierung {val:.3f}"},
    "lesson.moved": {"en": "validation accuracy: {plain:.1%}   moved by 2 px: {moved:.1%}",
                     "de": "Genauigkeit (Validierung): {plain:.1%}   um 2 px verschoben: {moved:.1%}"},
    "lesson.remedy_header": {
        "en": "epochs · kept epoch · its loss: training, validation · validation accuracy · "
              "the same, moved 2 px",
        "de": "Epochen · behaltene Epoche · ihr Verlust: Training, Validierung · Genauigkeit (Validierung) · "
              "dieselbe, um 2 px verschoben"},
    "lesson.remedies_title": {"en": "One remedy at a time", "de": "Ein Gegenmittel nach dem anderen"},
}
