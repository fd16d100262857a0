"""The UI strings of mnistlab's charts, panels, messages and exercise checks, in English and German.

Part of ``mnistlab.i18n.STRINGS`` (read them with ``t(key, lang, ...)``); the lessons' own labels are in
``mnistlab.lesson_strings``. Keys are dotted, ``<where>.<what>``.
"""

UI_STRINGS = {
    # ---- charts ----
    "chart.graph.title_forward": {"en": "Computational graph: the forward pass",
                                  "de": "Rechengraph: die Vorwärtsrechnung"},
    "chart.graph.title_backward": {"en": "Computational graph (forward values, backward gradients)",
                                   "de": "Rechengraph (Werte vorwärts, Gradienten rückwärts)"},
    "chart.graph.values": {"en": "values (forward, top to bottom)",
                           "de": "Werte (vorwärts, von oben nach unten)"},
    "chart.graph.gradients": {"en": "gradients ∂L/∂… (backward, bottom to top)",
                              "de": "Gradienten ∂L/∂… (rückwärts, von unten nach oben)"},
    "chart.train": {"en": "training", "de": "Training"},
    "chart.validation": {"en": "validation", "de": "Validierung"},
    "landscape.loss": {"en": "loss", "de": "Verlust"},
    "landscape.converges": {"en": "α = {alpha:.3g} < 2/λ = {limit:.3g}: converges",
                            "de": "α = {alpha:.3g} < 2/λ = {limit:.3g}: konvergiert"},
    "landscape.oscillates": {"en": "α = {alpha:.3g} = 2/λ: oscillates for ever",
                             "de": "α = {alpha:.3g} = 2/λ: schwingt ewig hin und her"},
    "landscape.diverges": {"en": "α = {alpha:.3g} > 2/λ = {limit:.3g}: diverges",
                           "de": "α = {alpha:.3g} > 2/λ = {limit:.3g}: divergiert"},
    "landscape.valley.title": {
        "en": "Gradient descent in a valley (curvatures {l1:g} and {l2:g}: limit 2/λ = {limit:.3g})",
        "de": "Gradientenabstieg in einem Tal (Krümmungen {l1:g} und {l2:g}: Grenze 2/λ = {limit:.3g})"},
    "landscape.race.title": {
        "en": "{n} steps each · curvatures {l1:g} and {l2:g}",
        "de": "je {n} Schritte · Krümmungen {l1:g} und {l2:g}"},
    "landscape.alpha": {"en": "learning rate α (limit 2/λ = {limit:.3g})",
                        "de": "Lernrate α (Grenze 2/λ = {limit:.3g})"},
    "landscape.slice.title": {"en": "The loss around the trained network (a 2-D slice)",
                              "de": "Der Verlust um das trainierte Netz (ein 2-D-Schnitt)"},
    "landscape.path": {"en": "training path", "de": "Trainingsweg"},
    "landscape.trained": {"en": "trained network", "de": "trainiertes Netz"},
    "landscape.a": {"en": "direction 1", "de": "Richtung 1"},
    "landscape.b": {"en": "direction 2", "de": "Richtung 2"},
    "chart.compare.loss": {"en": "Validation loss", "de": "Verlust auf den Validierungsdaten"},
    "chart.compare.accuracy": {"en": "Validation accuracy", "de": "Genauigkeit auf den Validierungsdaten"},
    "chart.compare.best": {"en": "best epoch (kept)", "de": "beste Epoche (behalten)"},
    "chart.train_steps": {"en": "training (per step)", "de": "Training (pro Schritt)"},
    "chart.epoch": {"en": "epoch", "de": "Epoche"},
    "chart.step": {"en": "training step", "de": "Trainingsschritt"},
    "chart.loss.title": {"en": "Loss", "de": "Verlust (loss)"},
    "chart.loss.y": {"en": "loss (cross-entropy)", "de": "Verlust (Kreuzentropie)"},
    "chart.accuracy.title": {"en": "Accuracy", "de": "Genauigkeit (accuracy)"},
    "chart.accuracy.y": {"en": "accuracy (%)", "de": "Genauigkeit (%)"},
    "chart.gradnorm.title": {"en": "Gradient norm per layer", "de": "Gradientennorm je Schicht"},
    "chart.gradnorm.y": {"en": "‖dW‖ (log scale)", "de": "‖dW‖ (logarithmisch)"},
    "chart.descent.title": {"en": "Gradient descent on L(w) = w²/2",
                            "de": "Gradientenverfahren auf L(w) = w²/2"},
    "chart.descent.x": {"en": "step", "de": "Schritt"},
    "chart.descent.y": {"en": "w", "de": "w"},
    "chart.gradlayer.title": {"en": "Gradient norm per layer, at the start",
                              "de": "Gradientennorm je Schicht, beim Start"},
    "chart.layer": {"en": "layer l (1 = next to the input)", "de": "Schicht l (1 = an der Eingabe)"},
    "chart.gradhist.title": {
        "en": "Distribution of the weight gradients",
        "de": "Verteilung der Gewichtsgradienten",
    },
    "chart.gradhist.x": {"en": "gradient entry", "de": "Eintrag des Gradienten"},
    "chart.gradhist.y": {"en": "count (log scale)", "de": "Anzahl (logarithmisch)"},
    "chart.eps.title": {"en": "Central difference: error vs step ε",
                        "de": "Zentrale Differenz: Fehler je Schritt ε"},
    "chart.eps.x": {"en": "step ε (log scale)", "de": "Schrittweite ε (logarithmisch)"},
    "chart.eps.y": {"en": "relative error (log scale)", "de": "relativer Fehler (logarithmisch)"},
    "chart.eps.best": {"en": "smallest error ({name})", "de": "kleinster Fehler ({name})"},
    "chart.digits.title": {"en": "{n} digits", "de": "{n} Ziffern"},
    "chart.digits.title_predicted": {
        "en": "{n} digits, {wrong} predicted wrong (framed: true → predicted)",
        "de": "{n} Ziffern, {wrong} falsch erkannt (umrandet: richtig → vorhergesagt)",
    },
    "chart.digits.hover": {"en": "pixel value %{{z:.2f}}", "de": "Pixelwert %{{z:.2f}}"},
    "chart.weights.title": {
        "en": "Rows of W1 as 28 × 28 images ({n} of {n_h} hidden units)",
        "de": "Zeilen von W1 als 28 × 28-Bilder ({n} von {n_h} verdeckten Neuronen)",
    },
    "chart.weights.colorbar": {"en": "weight", "de": "Gewicht"},
    "chart.weights.hover": {"en": "weight %{{z:.3f}}", "de": "Gewicht %{{z:.3f}}"},
    "chart.activation.title": {
        "en": "Activation functions and their derivatives",
        "de": "Aktivierungsfunktionen und ihre Ableitungen",
    },
    "chart.activation.derivative": {"en": "{name}′ (derivative)", "de": "{name}′ (Ableitung)"},
    "chart.activation.x": {"en": "z (weighted sum + bias)", "de": "z (gewichtete Summe + Bias)"},
    "chart.activation.y": {"en": "g(z) and g′(z)", "de": "g(z) und g′(z)"},
    "chart.proba.title": {"en": "Prediction: {digit} ({p:.0f} %)", "de": "Vorhersage: {digit} ({p:.0f} %)"},
    "chart.proba.true": {"en": "true: {digit}", "de": "richtig: {digit}"},
    "chart.proba.x": {"en": "digit", "de": "Ziffer"},
    "chart.proba.y": {"en": "probability", "de": "Wahrscheinlichkeit"},
    "chart.proba.hover": {"en": "digit %{{x}}: %{{y:.1%}}", "de": "Ziffer %{{x}}: %{{y:.1%}}"},
    "chart.drawing.input": {"en": "what the network sees (28 × 28)", "de": "was das Netz sieht (28 × 28)"},
    "chart.confusion.title": {
        "en": "Confusion matrix (accuracy {accuracy:.1f} %)",
        "de": "Konfusionsmatrix (Genauigkeit {accuracy:.1f} %)",
    },
    "chart.confusion.x": {"en": "predicted digit", "de": "vorhergesagte Ziffer"},
    "chart.confusion.y": {"en": "true digit", "de": "richtige Ziffer"},
    "chart.confusion.colorbar": {"en": "images", "de": "Bilder"},
    "chart.confusion.hover": {
        "en": "true %{{y}}, predicted %{{x}}: %{{z}} images",
        "de": "richtig %{{y}}, vorhergesagt %{{x}}: %{{z}} Bilder",
    },
    "chart.shapes.title": {"en": "Matrix shapes", "de": "Formen der Matrizen"},
    "chart.shapes.scale_sqrt": {
        "en": "side length ∝ √(number of rows or columns)",
        "de": "Seitenlänge ∝ √(Anzahl der Zeilen bzw. Spalten)",
    },
    "chart.shapes.scale_log": {
        "en": "side length ∝ 1 + log₂(number of rows or columns)",
        "de": "Seitenlänge ∝ 1 + log₂(Anzahl der Zeilen bzw. Spalten)",
    },
    "chart.shapes.params": {"en": "parameters (W, b)", "de": "Parameter (W, b)"},
    "chart.shapes.activations": {
        "en": "data and activations (X, Z, A)",
        "de": "Daten und Aktivierungen (X, Z, A)",
    },
    "chart.shapes.gradients": {"en": "gradients (dZ, dW, db)", "de": "Gradienten (dZ, dW, db)"},
    "chart.shapes.labels": {"en": "shapes", "de": "Formen"},
    "chart.shapes.operators": {"en": "operations", "de": "Rechenschritte"},
    "chart.shapes.formulas": {"en": "formulas", "de": "Formeln"},
    # ---- training panel ----
    "panel.preset": {"en": "Experiment", "de": "Experiment"},
    "panel.preset.tip": {
        "en": "Load a prepared experiment: sets all controls (then press Train)",
        "de": "Lädt ein vorbereitetes Experiment: setzt alle Einstellungen (dann „Trainieren“ drücken)",
    },
    "panel.learning_rate": {"en": "learning rate α", "de": "Lernrate α (learning rate)"},
    "panel.learning_rate.tip": {
        "en": "Step size of gradient descent: too small learns slowly, too large diverges",
        "de": "Schrittweite des Gradientenverfahrens: zu klein – das Netz lernt langsam; zu groß – das "
              "Training divergiert",
    },
    "panel.n_layers": {"en": "hidden layers", "de": "verdeckte Schichten"},
    "panel.n_layers.tip": {
        "en": "One hidden layer (784-n-10) or two (784-n1-n2-10)",
        "de": "Eine verdeckte Schicht (784-n-10) oder zwei (784-n1-n2-10)",
    },
    "panel.hidden1": {"en": "neurons in hidden layer 1", "de": "Neuronen in verdeckter Schicht 1"},
    "panel.hidden2": {"en": "neurons in hidden layer 2", "de": "Neuronen in verdeckter Schicht 2"},
    "panel.hidden.tip": {
        "en": "Number of neurons: the number of rows of W and of Z",
        "de": "Anzahl der Neuronen: die Zeilenzahl von W und von Z",
    },
    "panel.n_epochs": {"en": "epochs", "de": "Epochen"},
    "panel.n_epochs.tip": {
        "en": "How many times training goes through all training images",
        "de": "Wie oft das Training alle Trainingsbilder durchläuft",
    },
    "panel.batch_size": {"en": "batch size", "de": "Stapelgröße (batch size)"},
    "panel.batch_size.tip": {
        "en": "Images per gradient step; full batch = all images at once, as the original",
        "de": "Bilder pro Gradientenschritt; voller Stapel = alle Bilder auf einmal, wie im Original",
    },
    "panel.full_batch": {"en": "full batch ({m:,})", "de": "voller Stapel ({m:,})"},
    "panel.activation": {"en": "activation", "de": "Aktivierungsfunktion"},
    "panel.activation.tip": {
        "en": "Non-linearity of the hidden layers (the output layer uses softmax)",
        "de": "Nichtlinearität der verdeckten Schichten (die Ausgabeschicht nutzt Softmax)",
    },
    "panel.init": {"en": "initialisation", "de": "Initialisierung"},
    "panel.init.tip": {
        "en": "How the first random weights are drawn",
        "de": "Wie die zufälligen Anfangsgewichte gezogen werden",
    },
    "activation.relu": {"en": "ReLU", "de": "ReLU"},
    "activation.sigmoid": {"en": "sigmoid", "de": "Sigmoid"},
    "panel.init.he": {"en": "He (for ReLU)", "de": "He (für ReLU)"},
    "panel.init.xavier": {"en": "Xavier (Glorot)", "de": "Xavier (Glorot)"},  # derived for tanh (08b)
    "panel.init.uniform": {"en": "uniform ±0.5 (the original)", "de": "gleichverteilt ±0,5 (das Original)"},
    "panel.seed": {"en": "seed", "de": "Startwert (seed)"},
    "panel.optimizer": {"en": "optimizer", "de": "Optimierer (optimizer)"},
    "panel.optimizer.tip": {
        "en": "How each step uses the gradients: plain SGD, with momentum, or Adam",
        "de": "Wie jeder Schritt die Gradienten nutzt: einfaches SGD, mit Impuls (Momentum) oder Adam",
    },
    "panel.optimizer.sgd": {"en": "SGD (plain)", "de": "SGD (einfach)"},
    "panel.optimizer.momentum": {"en": "momentum (β = 0.9)", "de": "Impuls (β = 0,9)"},
    "panel.optimizer.adam": {"en": "Adam", "de": "Adam"},
    "panel.weight_decay": {"en": "weight decay λ", "de": "Gewichtsabnahme λ (weight decay)"},
    "panel.weight_decay.tip": {
        "en": "L2 penalty λ/2·‖W‖² on the weights: keeps them small against overfitting",
        "de": "L2-Strafterm λ/2·‖W‖² auf die Gewichte: hält sie klein, gegen Überanpassung",
    },
    "panel.weight_decay.none": {"en": "none", "de": "keine"},
    "panel.shift": {"en": "augmentation", "de": "Datenanreicherung (augmentation)"},
    "panel.shift.tip": {
        "en": "Shift each training image at random by up to this many pixels, new in every epoch",
        "de": "Jedes Trainingsbild zufällig um bis zu so viele Pixel verschieben, in jeder Epoche neu",
    },
    "panel.shift.none": {"en": "none", "de": "keine"},
    "panel.shift.px": {"en": "shift ±{k} px", "de": "Verschiebung ±{k} px"},
    "panel.seed.tip": {
        "en": "Same seed, same settings: the same network and the same result",
        "de": "Gleicher Startwert, gleiche Einstellungen: gleiches Netz und gleiches Ergebnis",
    },
    "panel.auto_retrain": {"en": "retrain after every change", "de": "nach jeder Änderung neu trainieren"},
    "panel.auto_retrain.tip": {
        "en": "When on, releasing a slider starts training right away",
        "de": "Ist das Häkchen gesetzt, startet das Training, sobald du einen Regler loslässt",
    },
    "panel.settings": {"en": "settings", "de": "Einstellungen"},
    "panel.settings.tip": {
        "en": "Copy this text to share the settings; paste one and press Load",
        "de": "Kopiere diesen Text, um die Einstellungen zu teilen; füge einen ein und drücke „Laden“",
    },
    "panel.load": {"en": "Load", "de": "Laden"},
    "panel.load.tip": {
        "en": "Set the controls from the settings text",
        "de": "Übernimmt die Einstellungen aus dem Text",
    },
    "panel.train": {"en": "Train", "de": "Trainieren"},
    "panel.train.tip": {
        "en": "Start from new random weights and train for the chosen epochs",
        "de": "Startet mit neuen Zufallsgewichten und trainiert die gewählte Anzahl von Epochen",
    },
    "panel.stop": {"en": "Stop", "de": "Stopp"},
    "panel.stop.tip": {
        "en": "Stop training after the current step",
        "de": "Hält das Training nach dem aktuellen Schritt an",
    },
    "panel.step": {"en": "+1 epoch", "de": "+1 Epoche"},
    "panel.step.tip": {
        "en": "Train the current network for one more epoch",
        "de": "Trainiert das aktuelle Netz eine weitere Epoche lang",
    },
    "panel.reset": {"en": "Reset", "de": "Zurücksetzen"},
    "panel.reset.tip": {
        "en": "New random weights, empty charts",
        "de": "Neue Zufallsgewichte, leere Diagramme",
    },
    "panel.ready": {
        "en": "Ready: network {sizes} with {n_params:,} parameters. Press Train.",
        "de": "Bereit: Netz {sizes} mit {n_params:,} Parametern. Drücke „Trainieren“.",
    },
    "panel.training": {"en": "Training for {n_epochs} epochs …",
                       "de": "Training läuft: {n_epochs} Epochen …"},
    "panel.training.one": {"en": "Training for 1 epoch …", "de": "Training läuft: 1 Epoche …"},
    "panel.status": {
        "en": "epoch {epoch} · loss {loss:.3f} · accuracy {accuracy:.1f} % · {speed:,.0f} images/s",
        "de": "Epoche {epoch} · Verlust {loss:.3f} · Genauigkeit {accuracy:.1f} % · {speed:,.0f} Bilder/s",
    },
    "panel.finished": {
        "en": "Done after {epoch} epochs in {seconds:.1f} s: loss {loss:.3f}, accuracy {accuracy:.1f} % on "
              "the training images.",
        "de": "Fertig nach Epoche {epoch} ({seconds:.1f} s): Verlust {loss:.3f}, Genauigkeit "
              "{accuracy:.1f} % auf den Trainingsbildern.",
    },
    "panel.finished.one": {
        "en": "Done after 1 epoch in {seconds:.1f} s: loss {loss:.3f}, accuracy {accuracy:.1f} % on the "
              "training images.",
        "de": "Fertig nach 1 Epoche in {seconds:.1f} s: Verlust {loss:.3f}, Genauigkeit {accuracy:.1f} % auf "
              "den Trainingsbildern.",
    },
    "panel.stopped": {
        "en": "Stopped after epoch {epoch}: loss {loss:.3f}, accuracy {accuracy:.1f} %.",
        "de": "Angehalten nach Epoche {epoch}: Verlust {loss:.3f}, Genauigkeit {accuracy:.1f} %.",
    },
    "panel.diverged": {
        "en": "Training diverged: with learning rate {learning_rate:g} the loss grew from {loss_before:.3g} "
              "to {loss_after:.3g}, so it was stopped and the charts show the last good values. Lower the "
              "learning rate (e.g. to a tenth) and press Train.",
        "de": "Das Training ist divergiert: Mit der Lernrate {learning_rate:g} wuchs der Verlust von "
              "{loss_before:.3g} auf {loss_after:.3g}, deshalb wurde es angehalten; die Diagramme zeigen "
              "die letzten gültigen Werte. Verkleinere die Lernrate (z. B. auf ein Zehntel) und drücke "
              "„Trainieren“.",
    },
    "panel.diverged_nan": {
        "en": "Training diverged: with learning rate {learning_rate:g} the loss (at the start "
              "{loss_before:.3g}) became infinite or NaN, so it was stopped and the charts show the last "
              "good values. Lower the learning rate (e.g. to a tenth) and press Train.",
        "de": "Das Training ist divergiert: Mit der Lernrate {learning_rate:g} wurde der Verlust (am Anfang "
              "{loss_before:.3g}) unendlich oder NaN, deshalb wurde es angehalten; die Diagramme zeigen die "
              "letzten gültigen Werte. Verkleinere die Lernrate (z. B. auf ein Zehntel) und drücke "
              "„Trainieren“.",
    },
    "panel.error": {"en": "Training failed: {error}", "de": "Das Training ist fehlgeschlagen: {error}"},
    "panel.settings.invalid": {
        "en": "invalid settings: {problems}",
        "de": "ungültige Einstellungen: {problems}",
    },
    "panel.settings.range": {
        "en": "{name}={value} (use {low} ... {high})",
        "de": "{name}={value} (erlaubt: {low} bis {high})",
    },
    "panel.settings.choice": {
        "en": "{name}={value} (use {choices})",
        "de": "{name}={value} (erlaubt: {choices})",
    },
    "panel.settings.or": {"en": " or ", "de": " oder "},
    "panel.settings.hidden": {
        "en": "h={value} (1 or {n} hidden sizes {low} ... {high} separated by commas, e.g. h=128,64)",
        "de": "h={value} (1 oder {n} Größen verdeckter Schichten von {low} bis {high}, durch Kommas "
              "getrennt, z. B. h=128,64)",
    },
    "panel.settings.unknown": {
        "en": "unknown setting {name!r} in {text!r}; expected e.g. {example!r}",
        "de": "unbekannte Einstellung „{name}“ in „{text}“; erwartet wird z. B. „{example}“",
    },
    "panel.settings.unreadable": {
        "en": "cannot read {part!r} in the settings {text!r} (not a number); expected e.g. {example!r}",
        "de": "„{part}“ in den Einstellungen „{text}“ lässt sich nicht lesen (keine Zahl); erwartet wird "
              "z. B. „{example}“",
    },
    "panel.bad_settings": {
        "en": "These settings cannot be loaded: {error}",
        "de": "Diese Einstellungen lassen sich nicht laden: {error}",
    },
    # ---- training panel presets ----
    "preset.custom": {"en": "(your own settings)", "de": "(eigene Einstellungen)"},
    "preset.seed_original": {
        "en": "the original: 784-10-10, full batch, α = 0.1, 500 epochs",
        "de": "das Original: 784-10-10, voller Stapel, α = 0,1, 500 Epochen",
    },
    "preset.good_start": {
        "en": "a good start: 784-64-10, batch 64, α = 0.1",
        "de": "ein guter Start: 784-64-10, Stapelgröße 64, α = 0,1",
    },
    "preset.lr_too_low": {"en": "learning rate too low (α = 0.0001)", "de": "Lernrate zu klein (α = 0,0001)"},
    "preset.lr_too_high": {"en": "learning rate too high (α = 10)", "de": "Lernrate zu groß (α = 10)"},
    "preset.tiny_hidden": {
        "en": "tiny hidden layer (2 neurons)",
        "de": "winzige verdeckte Schicht (2 Neuronen)",
    },
    "preset.sigmoid": {"en": "sigmoid instead of ReLU", "de": "Sigmoid statt ReLU"},
    "preset.deep_128_64": {"en": "deeper: 784-128-64-10", "de": "tiefer: 784-128-64-10"},
    "preset.momentum": {"en": "784-128-64-10 with momentum (α = 0.01)",
                        "de": "784-128-64-10 mit Impuls (α = 0,01)"},
    "preset.adam": {"en": "784-128-64-10 with Adam (α = 0.001)", "de": "784-128-64-10 mit Adam (α = 0,001)"},
    "preset.adam_regularised": {
        "en": "Adam + weight decay + shifts (20 epochs)",
        "de": "Adam + Gewichtsabnahme + Verschiebungen (20 Epochen)",
    },
    # ---- shapes explorer ----
    "explorer.m": {"en": "batch size m (images per step)", "de": "Stapelgröße m (Bilder pro Schritt)"},
    "explorer.tip": {
        "en": "Move it and watch which matrices change shape",
        "de": "Bewege den Schieberegler und beobachte, welche Matrizen ihre Form ändern",
    },
    "explorer.backward": {"en": "show the backward pass", "de": "Fehlerrückführung (Backpropagation) zeigen"},
    "explorer.backward.tip": {
        "en": "Gradients have the same shape as what they are gradients of",
        "de": "Gradienten haben dieselbe Form wie das, wonach abgeleitet wird",
    },
    # ---- draw a digit ----
    "canvas.clear": {"en": "Clear", "de": "Löschen"},
    "canvas.upload": {"en": "Upload a photo …", "de": "Foto hochladen …"},
    "canvas.hint": {
        "en": "Draw one digit large in the black box, or upload a photo of a digit on paper.",
        "de": "Zeichne eine Ziffer groß in das schwarze Feld oder lade ein Foto einer Ziffer auf Papier "
              "hoch.",
    },
    "canvas.empty": {
        "en": "Draw a digit to see the prediction",
        "de": "Zeichne eine Ziffer, um die Vorhersage zu sehen",
    },
    # ---- lesson helpers: environment check (mnistlab.notebook) and exercises (mnistlab.exercises) ----
    "notebook.check.what": {"en": "What", "de": "Was"},
    "notebook.check.status": {"en": "Status", "de": "Status"},
    "notebook.check.fix": {"en": "How to fix", "de": "Abhilfe"},
    "notebook.check.all_ok": {"en": "Everything is ready.", "de": "Alles ist bereit."},
    "notebook.check.problems": {
        "en": "Something is missing: the last column says how to fix it.",
        "de": "Etwas fehlt: Die letzte Spalte sagt, wie du es behebst.",
    },
    "notebook.check.missing": {"en": "not installed", "de": "nicht installiert"},
    "notebook.check.data": {"en": "data", "de": "Daten"},
    "notebook.fix.python": {"en": "Use Python 3.11 or newer.", "de": "Verwende Python 3.11 oder neuer."},
    "notebook.fix.install": {
        "en": "Install it with pip install -U {package}, then restart the kernel.",
        "de": "Installiere es mit pip install -U {package} und starte dann den Kernel neu.",
    },
    "notebook.fix.download": {
        "en": "This is the small bundled sample. For all of MNIST run `python -m mnistlab download` (needs "
              "internet).",
        "de": "Das ist die kleine mitgelieferte Stichprobe. Für das ganze MNIST führe `python -m mnistlab "
              "download` aus (dafür brauchst du Internet).",
    },
    # ---- training (History.message of ml.train) ----
    "train.done": {"en": "trained {n} epochs", "de": "{n} Epochen trainiert"},
    "train.done_one": {"en": "trained 1 epoch", "de": "1 Epoche trainiert"},
    "train.stopped": {"en": "stopped in epoch {epoch} after step {step}",
                      "de": "angehalten in Epoche {epoch} nach Schritt {step}"},
    "train.callback": {"en": "stopped by the callback after epoch {epoch}",
                       "de": "vom Callback nach Epoche {epoch} angehalten"},
    "train.early_stopping": {
        "en": "early stopping after epoch {epoch}: the validation loss has not improved for {patience} "
              "epochs; kept the parameters of epoch {best} (validation loss {val_loss:.4f})",
        "de": "frühes Stoppen (early stopping) nach Epoche {epoch}: Der Validierungsverlust ist seit "
              "{patience} Epochen nicht gesunken; behalten sind die Parameter aus Epoche {best} "
              "(Validierungsverlust {val_loss:.4f})"},
    "train.best_restored": {
        "en": "Kept the parameters of epoch {best}, which had the lowest validation loss ({val_loss:.4f}).",
        "de": "Behalten sind die Parameter aus Epoche {best} mit dem kleinsten Validierungsverlust "
              "({val_loss:.4f})."},
    "train.diverged": {
        "en": "learning rate {learning_rate:g} is too large: the loss {grew} {when}; try {smaller:g}. "
              "The parameters were restored to the end of epoch {kept}.",
        "de": "Die Lernrate {learning_rate:g} ist zu groß: Der Verlust {grew} {when}; versuche es mit "
              "{smaller:g}. Die Parameter wurden auf den Stand am Ende von Epoche {kept} zurückgesetzt.",
    },
    "train.grew": {"en": "grew from {before:.2f} to {after:.3g}",
                   "de": "wuchs von {before:.2f} auf {after:.3g}"},
    "train.grew_nan": {"en": "became NaN or infinite", "de": "wurde NaN oder unendlich"},
    "train.in_epoch": {"en": "in 1 epoch", "de": "in 1 Epoche"},
    "train.in_epochs": {"en": "in {n} epochs", "de": "in {n} Epochen"},
    "train.in_step": {"en": "in 1 step", "de": "in 1 Schritt"},
    "train.in_steps": {"en": "in {n} steps", "de": "in {n} Schritten"},
    # ---- gradient check (the table of GradientCheck) ----
    "gradcheck.header": {"en": "parameter  entries  relative error",
                         "de": "Parameter  Einträge  relativer Fehler"},
    "gradcheck.ok": {"en": "ok", "de": "ok"},
    "gradcheck.wrong": {"en": "WRONG?", "de": "FALSCH?"},
    # ---- data notices (load_mnist, data_source) ----
    "data.noun.mnist": {"en": "digits", "de": "Ziffern"},
    "data.noun.fashion": {"en": "images", "de": "Bilder"},
    "data.name.mnist.train": {"en": "MNIST train", "de": "MNIST-Trainingsdaten"},
    "data.name.mnist.test": {"en": "MNIST test", "de": "MNIST-Testdaten"},
    "data.name.fashion.train": {"en": "Fashion-MNIST train", "de": "Fashion-MNIST-Trainingsdaten"},
    "data.name.fashion.test": {"en": "Fashion-MNIST test", "de": "Fashion-MNIST-Testdaten"},
    "data.count.all": {"en": "{n:,}", "de": "{n:,}"},
    "data.count.part": {"en": "{n:,} of {total:,}", "de": "{n:,} von {total:,}"},
    "data.notice.sample": {
        "en": "{name} from the bundled sample ({count} real {noun}; {reason}) - run {call} once for all "
              "{full:,}",
        "de": "{name} aus der mitgelieferten Stichprobe (echte {noun}: {count}; {reason}) – alle {full:,} "
              "bekommst du mit einmal {call}",
    },
    "data.notice.path": {"en": "{split} from {location} ({count} images)",
                         "de": "{split} aus {location} (Bilder: {count})"},
    "data.split.train": {"en": "train", "de": "Trainingsdaten"},
    "data.split.test": {"en": "test", "de": "Testdaten"},
    "data.notice.probe": {"en": "{name} would be downloaded from {location} ({count} {noun})",
                          "de": "{name} würden von {location} heruntergeladen ({noun}: {count})"},
    "data.notice.cache": {"en": "{name} from the cache ({count} {noun}; {location})",
                          "de": "{name} aus dem Cache ({noun}: {count}; {location})"},
    "data.notice.download": {"en": "{name} downloaded and verified ({count} {noun}; {location})",
                             "de": "{name} heruntergeladen und geprüft ({noun}: {count}; {location})"},
    "data.reason.offline_arg": {"en": "offline=True", "de": "offline=True"},
    "data.reason.offline_env": {"en": "offline: MNISTLAB_OFFLINE={value}",
                                "de": "offline: MNISTLAB_OFFLINE={value}"},
    "data.reason.silent": {
        "en": "offline: the network did not answer within {seconds:g} s, not asked again in this session",
        "de": "offline: das Netz hat nicht innerhalb von {seconds:g} s geantwortet und wird in dieser "
              "Sitzung nicht mehr gefragt",
    },
    "data.reason.unreachable": {"en": "offline: no download mirror reachable",
                                "de": "offline: kein Download-Server erreichbar"},
    "data.reason.download_failed": {"en": "download failed: {error}",
                                    "de": "Download fehlgeschlagen: {error}"},
    "data.reason.cache_unusable": {"en": "cache unusable: {error}", "de": "Cache unbrauchbar: {error}"},
    "data.reason.not_cached": {"en": "not in cache", "de": "nicht im Cache"},
    "notebook.widget.slider": {"en": "digit", "de": "Ziffer"},
    "notebook.widget.prompt": {
        "en": "Move the slider: if the bar follows, widgets work in your browser.",
        "de": "Bewege den Schieberegler: Wenn der Balken folgt, funktionieren Widgets in deinem Browser.",
    },
    "exercise.unanswered": {
        "en": "Not answered yet: replace the ... with your answer and run the cell again.",
        "de": "Noch nicht beantwortet: Ersetze ... durch deine Antwort und führe die Zelle noch einmal aus.",
    },
    "exercise.correct": {"en": "✓ Correct!", "de": "✓ Richtig!"},
    "exercise.correct_saved": {
        "en": "✓ Correct! Saved in your workbook: the later lessons use your function.",
        "de": "✓ Richtig! In deinem Arbeitsheft gespeichert: Die späteren Lektionen benutzen deine Funktion.",
    },
    "workbook.function": {"en": "function", "de": "Funktion"},
    "workbook.from": {"en": "whose", "de": "von wem"},
    "workbook.yours": {"en": "yours ✓", "de": "deine ✓"},
    "workbook.missing": {"en": "mnistlab's (you have not written it yet)",
                         "de": "die von mnistlab (du hast sie noch nicht geschrieben)"},
    "workbook.failing": {"en": "mnistlab's (yours no longer passes its check)",
                         "de": "die von mnistlab (deine besteht ihre Prüfung nicht mehr)"},
    "exercise.hint": {"en": "Not yet: {hint}", "de": "Noch nicht: {hint}"},
    "exercise.raised": {
        "en": "Your answer raised an error: {error}",
        "de": "Deine Antwort hat einen Fehler ausgelöst: {error}",
    },
}
