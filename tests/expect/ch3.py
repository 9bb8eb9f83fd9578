"""Chapter 3 (multiprogramming): every program is resident at once; they
take turns by yield and by timer preemption. Lines are those of the rCore
checker (ch2b, ch3b, ch3), plus our preemption check: ch3_spin never
yields for 2 s, yet the yield programs finish meanwhile."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ch2  # noqa: E402

PREEMPTION = r"^Test write C OK!$[\s\S]*^spin: done after \d+ ms$"

EXPECTED = [p.replace("chapter 2", "chapter 3") for p in ch2.EXPECTED] + [
    r"^\[ INFO\] timer: [1-9][0-9]+ Hz, preemption on$",
    r"^Test write A OK!$",
    r"^Test write B OK!$",
    r"^Test write C OK!$",
    r"^get_time OK! \d+$",
    r"^Test sleep OK!$",
    r"^current time_msec = \d+$",
    r"^time_msec = \d+ after sleeping 100 ticks, delta = \d+ms!$",
    r"^Test sleep1 passed!$",
    r"^string from task info test$",
    r"^Test task info OK!$",
    PREEMPTION,
]

FORBIDDEN = ch2.FORBIDDEN

TIMEOUT = 90

# The same kernel built with the timer preemption switched off must fail the
# preemption check (and still finish): proof that the check tests the timer.
VARIANTS = [
    {
        "knobs": ["PREEMPT=0"],
        "expect": [r"^\[ INFO\] timer: [1-9][0-9]+ Hz, preemption off$",
                   r"^All applications completed!$"],
        "forbid": [PREEMPTION],
    },
]
