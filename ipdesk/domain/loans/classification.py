"""Five-class loan classification (商业银行金融资产风险分类办法, in force 2023-07-01) by days overdue.

The thresholds are office settings (DOMAIN.md §13 marks the usual ones (K), not verbatim): more than 0 days
overdue at least 关注, more than 90 at least 次级, more than 270 at least 可疑, more than 360 损失.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "loans.thresholds": ("五级分类的逾期天数阈值应递增且不为负：{values}",
                         "the five-class thresholds must be increasing days, not negative: {values}"),
})


class LoanClass(enum.StrEnum):
    NORMAL = "normal"
    SPECIAL_MENTION = "special_mention"
    SUBSTANDARD = "substandard"
    DOUBTFUL = "doubtful"
    LOSS = "loss"


CLASS_LABELS: dict[LoanClass, tuple[str, str]] = {
    LoanClass.NORMAL: ("正常", "normal"),
    LoanClass.SPECIAL_MENTION: ("关注", "special mention"),
    LoanClass.SUBSTANDARD: ("次级", "substandard"),
    LoanClass.DOUBTFUL: ("可疑", "doubtful"),
    LoanClass.LOSS: ("损失", "loss"),
}


@dataclass(frozen=True)
class ClassThresholds:
    """Days overdue a loan must exceed to fall at least into each class."""

    special_mention: int = 0
    substandard: int = 90
    doubtful: int = 270
    loss: int = 360

    def check(self) -> ClassThresholds:
        values = [self.special_mention, self.substandard, self.doubtful, self.loss]
        if values[0] < 0 or any(b <= a for a, b in zip(values, values[1:], strict=False)):
            raise ValidationError(Problem("loans.thresholds", "thresholds", {"values": ", ".join(map(str, values))}))
        return self


def classify(overdue_days: int, thresholds: ClassThresholds = ClassThresholds()) -> LoanClass:
    """The class of a loan ``overdue_days`` overdue (0: not overdue)."""
    if overdue_days > thresholds.loss:
        return LoanClass.LOSS
    if overdue_days > thresholds.doubtful:
        return LoanClass.DOUBTFUL
    if overdue_days > thresholds.substandard:
        return LoanClass.SUBSTANDARD
    if overdue_days > thresholds.special_mention:
        return LoanClass.SPECIAL_MENTION
    return LoanClass.NORMAL
