from cases.services import delegations
from cases.services.heir_links import token_hash
from cases.sms.contrib.memory import plugin as memory
from tests.cases.helpers import complete, statuses, task  # noqa: F401 - re-exported


def link_token(delegation):
    """The token of the personal link, as the heir's SMS carries it."""
    assert delegation.token_hash == token_hash(delegation.token)
    return delegation.token


def last_code(phone):
    """The code in the newest SMS to ``phone``."""
    import re

    for message in reversed(memory.outbox):
        if message["to"] == phone:
            found = re.search(r"验证码是?(\d{6})", message["text"])
            if found:
                return found.group(1)
    raise AssertionError(f"no code was sent to {phone}")


def confirm(delegation, decision="confirm", **kwargs):
    """The heir proves who they are and answers, as the link page does."""
    delegations.send_code(delegation)
    user = delegations.verify_heir(
        delegation, id_suffix=delegation.id_number[-6:], code=last_code(delegation.phone)
    )
    return delegations.answer_delegation(delegation, decision=decision, heir_user=user, **kwargs)


def ready_for_payment(case):
    """Finish what the pension matters wait for (identity, death certificate,
    body transport, cremation) so only the heirs' consent holds them."""
    done = set(case.tasks.filter(status="completed").values_list("matter_code", flat=True))
    complete(case, *[code for code in ("BD01", "H01", "C01", "C02") if code not in done])
