"""What a training run recorded, epoch by epoch: the History that ml.train returns and the charts draw."""

from dataclasses import asdict, dataclass, field


@dataclass
class History:
    """What happened during training, one list entry per epoch; entry 0 is before any training.

    loss, accuracy: on the training data. With full batches they are measured after each epoch's update;
    with mini-batches they are the mean over the epoch's batches, each measured just before its update (as
    Keras does: free, but a little behind the final weights). val_loss, val_accuracy: on (X_val, y_val)
    after each epoch, empty lists without validation data. learning_rate: the rate used in each epoch (entry
    0 repeats the first). seconds: time spent on each epoch's steps. samples: images processed per epoch.
    steps: per step, with record_steps=True: "step", "loss" (of the step's batch, before its update) and
    "grad_norm" {"W1": [...], ...} (the norm of dW1, ... of that step). stopped: None (all epochs ran),
    "callback", "stop" or "diverged"; message: why, in words; diverged_loss: the loss that broke the
    divergence rule (may be inf or NaN; None without divergence).
    optimizer: its name; weight_decay: lambda; penalty: lambda/2 * sum of ||W||^2 after each epoch (empty
    without weight decay; loss never includes it); best_epoch: with early stopping, the epoch whose
    parameters were kept ("early_stopping" in stopped when the patience ran out). optimizer_state: the
    optimizer's arrays at the end, for ml.train(..., optimizer_state=...) (not part of as_dict()).
    """

    epoch: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    learning_rate: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    samples: list = field(default_factory=list)
    steps: dict = field(default_factory=dict)
    stopped: str | None = None
    message: str = ""
    diverged_loss: float | None = None
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    penalty: list = field(default_factory=list)
    best_epoch: int | None = None
    optimizer_state: dict = field(default_factory=dict, repr=False)

    @property
    def diverged(self):
        return self.stopped == "diverged"

    @property
    def samples_per_second(self):
        """Training images processed per second of training steps (0.0 before any step)."""
        seconds = sum(self.seconds)
        return sum(self.samples) / seconds if seconds > 0 else 0.0

    def as_dict(self):
        """Plain dict of lists and numbers (JSON-serializable)."""
        plain = {key: value for key, value in asdict(self).items() if key != "optimizer_state"}
        return {**plain, "diverged": self.diverged, "samples_per_second": self.samples_per_second}

    def concat(self, later):
        """A new History: this run followed by a `later` run that continued training the same network.

        The later run's entry 0 (its "before training", which is this run's end) is dropped and its epochs
        are renumbered to continue this run's; per-step records are joined. stopped, message and
        diverged_loss come from the later run. Neither History is changed.
        """
        offset = self.epoch[-1] if self.epoch else 0
        joined = History(epoch=self.epoch + [offset + e for e in later.epoch[1:]])
        for key in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds", "samples",
                    "penalty"):
            setattr(joined, key, getattr(self, key) + getattr(later, key)[1:])
        if self.steps or later.steps:
            mine, theirs = self.steps.get("grad_norm", {}), later.steps.get("grad_norm", {})
            last = self.steps["step"][-1] if self.steps.get("step") else 0
            joined.steps = {
                "step": self.steps.get("step", []) + [last + s for s in later.steps.get("step", [])],
                "loss": self.steps.get("loss", []) + later.steps.get("loss", []),
                "grad_norm": {k: mine.get(k, []) + theirs.get(k, []) for k in {**mine, **theirs}}}
        joined.stopped, joined.message = later.stopped, later.message
        joined.diverged_loss = later.diverged_loss
        joined.optimizer, joined.weight_decay = later.optimizer, later.weight_decay
        joined.optimizer_state = later.optimizer_state
        joined.best_epoch = None if later.best_epoch is None else offset + later.best_epoch
        return joined

    def _record(self, epoch, loss, accuracy, learning_rate, seconds, samples, validation):
        for key, value in (("epoch", epoch), ("loss", loss), ("accuracy", accuracy),
                           ("learning_rate", learning_rate), ("seconds", seconds), ("samples", samples)):
            getattr(self, key).append(value)
        if validation is not None:
            self.val_loss.append(validation[0])
            self.val_accuracy.append(validation[1])
