import pytest

from training.schedule import linear_warmup_decay


def test_warms_up_linearly_then_reaches_zero_exactly_at_max_steps():
    # Prepare
    warmup, total = 10, 100
    # Act
    factors = [linear_warmup_decay(step, warmup, total) for step in range(total + 1)]
    # Assess
    assert factors[0] == pytest.approx(0.1)
    assert factors[warmup - 1] == pytest.approx(1.0)
    assert all(a <= b for a, b in zip(factors[:warmup], factors[1:warmup]))
    assert all(a >= b for a, b in zip(factors[warmup:], factors[warmup + 1 :]))
    assert factors[total] == 0.0
    assert factors[total - 1] > 0.0


def test_warmup_longer_than_training_is_clamped():
    assert linear_warmup_decay(4, 5000, 5) == pytest.approx(1.0)
    assert linear_warmup_decay(5, 5000, 5) == 0.0


def test_rejects_non_positive_max_steps():
    with pytest.raises(ValueError):
        linear_warmup_decay(0, 0, 0)
