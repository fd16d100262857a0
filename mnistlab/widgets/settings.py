"""What the training panel trains with: ``Settings``, their bounds, the named ``PRESETS`` and the short string
a teacher can hand out ("lr=0.1;h=128,64;ep=10;bs=64;act=relu;init=he;seed=0", followed by
";opt=adam;wd=0.0005;aug=2" when the optimizer, weight decay or augmentation differ from plain SGD).

The bounds below are the one place that says what the panel accepts: ``Settings.check`` and the panel's
sliders both read them.
"""

import math
from dataclasses import dataclass, replace

from mnistlab.checks import is_number, is_whole
from mnistlab.dashboard_chart import DASHBOARD_MAX_LAYERS
from mnistlab.i18n import fmt, t
from mnistlab.network import ACTIVATIONS, INITS
from mnistlab.optimizers import OPTIMIZERS

N_INPUTS, N_CLASSES = 784, 10  # MNIST: 28 x 28 pixels in, ten digits out
LEARNING_RATES = (1e-4, 10.0)  # the slider is logarithmic: 10^-4 ... 10^1
HIDDEN_UNITS = (1, 512)
MAX_HIDDEN_LAYERS = DASHBOARD_MAX_LAYERS - 1  # the dashboard draws a gradient norm per weight matrix
N_EPOCHS = (1, 500)
BATCH_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # or None: the full batch
SEEDS = (0, 2**31 - 1)
WEIGHT_DECAYS = (0.0, 1e-4, 5e-4, 1e-3, 1e-2)  # lambda of the L2 penalty: the panel's choices
SHIFTS = (0, 1, 2, 3)  # augmentation: shift each training image by up to this many pixels


@dataclass(frozen=True)
class Settings:
    """What the training panel's controls hold. batch_size None means full batch (as the seed tutorial).

    Frozen: a run keeps the Settings it was started with, whatever the controls do meanwhile.
    """

    learning_rate: float = 0.1
    hidden: tuple = (64,)
    n_epochs: int = 10
    batch_size: int | None = 64
    activation: str = "relu"
    init: str = "he"
    seed: int = 0
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    shift: int = 0

    @property
    def layer_sizes(self):
        """[784, *hidden, 10]: the network these settings build."""
        return [N_INPUTS, *self.hidden, N_CLASSES]

    def images_per_step(self, m):
        """Images in one step when training on m images (all m for the full batch)."""
        return self.batch_size or m

    def to_string(self):
        """A short string a teacher can hand out: "lr=0.1;h=128,64;ep=10;bs=64;act=relu;init=he;seed=0"."""
        text = (f"lr={self.learning_rate:g};h={','.join(map(str, self.hidden))};ep={self.n_epochs};"
                f"bs={self.batch_size or 'full'};act={self.activation};init={self.init};seed={self.seed}")
        extras = (("opt", self.optimizer, "sgd"), ("wd", self.weight_decay, 0.0), ("aug", self.shift, 0))
        return text + "".join(f";{key}={value:g}" if isinstance(value, float) else f";{key}={value}"
                              for key, value, default in extras if value != default)

    @classmethod
    def from_string(cls, text, *, lang="en"):
        """Parse ``to_string``'s format (missing keys keep their defaults; the learning rate may be written
        with a decimal comma, "lr=0,05"); a ValueError in `lang` says which part is wrong and shows a valid
        example."""
        example = cls().to_string()
        if not isinstance(text, str):
            raise TypeError(f"the settings must be a settings string like {example!r}; got "
                            f"{type(text).__name__}")
        fields = {}
        for part in filter(None, (p.strip() for p in text.split(";"))):
            key, _, value = (s.strip() for s in part.partition("="))
            if key not in _PARSERS:
                raise ValueError(t("panel.settings.unknown", lang, name=key, text=text, example=example))
            name, parse = _PARSERS[key]
            try:
                fields[name] = parse(value)
            except ValueError:
                raise ValueError(t("panel.settings.unreadable", lang, part=part, text=text,
                                   example=example)) from None
        return replace(cls(), **fields).check(lang=lang)

    def check(self, *, lang="en"):
        """Return self if every value lies within the panel's bounds, else raise a ValueError (in `lang`)
        naming each value that does not, with its range."""
        problems = [problem for problem in (
            _outside("lr", self.learning_rate, is_number(self.learning_rate), *LEARNING_RATES, lang=lang),
            _hidden_problem(self.hidden, lang=lang),
            _outside("ep", self.n_epochs, is_whole(self.n_epochs, -math.inf), *N_EPOCHS, lang=lang),
            None if self.batch_size is None or self.batch_size in BATCH_SIZES else
            _choice("bs", self.batch_size, ["full", *map(str, BATCH_SIZES)], lang),
            None if self.activation in ACTIVATIONS else _choice("act", self.activation, ACTIVATIONS, lang),
            None if self.init in INITS else _choice("init", self.init, INITS, lang),
            _outside("seed", self.seed, is_whole(self.seed, -math.inf), *SEEDS, lang=lang),
            None if self.optimizer in OPTIMIZERS else _choice("opt", self.optimizer, OPTIMIZERS, lang),
            None if self.weight_decay in WEIGHT_DECAYS else
            _choice("wd", _shown(self.weight_decay, lang), [_shown(w, lang) for w in WEIGHT_DECAYS], lang),
            None if self.shift in SHIFTS else _choice("aug", self.shift, SHIFTS, lang),
        ) if problem]
        if problems:
            raise ValueError(t("panel.settings.invalid", lang, problems="; ".join(problems)))
        return self


def _shown(value, lang):
    """A value as an error message shows it: numbers in the lesson's format, anything else as it is."""
    if is_number(value) and not isinstance(value, bool):
        return fmt("{v:g}" if isinstance(value, float) else "{v}", lang, v=value)
    return str(value)


def _outside(key, value, is_right_kind, lowest, highest, *, lang="en"):
    """None if value is a number within [lowest, highest], else the problem in words (in `lang`)."""
    if is_right_kind and math.isfinite(value) and lowest <= value <= highest:
        return None
    return t("panel.settings.range", lang, name=key, value=_shown(value, lang), low=_shown(lowest, lang),
             high=_shown(highest, lang))


def _choice(key, value, choices, lang):
    *first, last = map(str, choices)
    listed = ", ".join(first) + t("panel.settings.or", lang) + last
    return t("panel.settings.choice", lang, name=key, value=value, choices=listed)


def _hidden_problem(hidden, *, lang="en"):
    lo, hi = HIDDEN_UNITS
    if (isinstance(hidden, tuple) and 1 <= len(hidden) <= MAX_HIDDEN_LAYERS
            and all(is_whole(h, lo) and h <= hi for h in hidden)):
        return None
    value = ",".join(map(str, hidden)) if isinstance(hidden, tuple) else hidden
    return t("panel.settings.hidden", lang, value=value, n=MAX_HIDDEN_LAYERS, low=lo, high=hi)


def _batch_size(text):
    return None if text == "full" else int(text)


def _learning_rate(text):
    return float(text.replace(",", "."))  # "0,05" as a German class types it


_PARSERS = {"lr": ("learning_rate", _learning_rate),
            "h": ("hidden", lambda text: tuple(map(int, text.split(",")))),
            "ep": ("n_epochs", int), "bs": ("batch_size", _batch_size), "act": ("activation", str),
            "init": ("init", str), "seed": ("seed", int), "opt": ("optimizer", str),
            "wd": ("weight_decay", _learning_rate), "aug": ("shift", int)}

# name -> (i18n key of its label, settings). The lessons refer to these names.
PRESETS = {
    "seed_original": ("preset.seed_original", Settings(0.1, (10,), 500, None, "relu", "uniform", 0)),
    "good_start": ("preset.good_start", Settings(0.1, (64,), 10, 64, "relu", "he", 0)),
    "lr_too_low": ("preset.lr_too_low", Settings(0.0001, (64,), 10, 64, "relu", "he", 0)),
    "lr_too_high": ("preset.lr_too_high", Settings(10.0, (64,), 10, 64, "relu", "he", 0)),
    "tiny_hidden": ("preset.tiny_hidden", Settings(0.1, (2,), 10, 64, "relu", "he", 0)),
    "sigmoid": ("preset.sigmoid", Settings(0.5, (64,), 10, 64, "sigmoid", "xavier", 0)),
    "deep_128_64": ("preset.deep_128_64", Settings(0.1, (128, 64), 10, 64, "relu", "he", 0)),
    "momentum": ("preset.momentum", Settings(0.01, (128, 64), 10, 64, "relu", "he", 0, "momentum")),
    "adam": ("preset.adam", Settings(0.001, (128, 64), 10, 64, "relu", "he", 0, "adam")),
    "adam_regularised": ("preset.adam_regularised",
                         Settings(0.001, (128, 64), 20, 64, "relu", "he", 0, "adam", 5e-4, 2)),
}
# the controls that only the optimizers lesson shows: a panel hides them unless asked (hide=())
ADVANCED = ("optimizer", "weight_decay", "shift")
