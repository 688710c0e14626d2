"""The `survey_invitations` and `survey_responses` tables.

Relationship NPS goes to a few users of every paying account each quarter;
CSAT follows resolved support tickets (on a 1-5 scale, or 1-10 for accounts
still on the old survey tool); CES follows go-live. An always-on in-app NPS
widget adds responses without an invitation. Scores follow health (and, for
CSAT, how long the ticket took) with noise.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from saas_retention.contract import SURVEY_CHANNELS, SURVEY_TYPES
from saas_retention.generate.account_months import AccountMonths
from saas_retention.generate.arrow_columns import build_table, labels, prefixed_ids
from saas_retention.generate.customers import Customers
from saas_retention.generate.sampling import categorical, lognormal_seconds, uniform_times
from saas_retention.generate.sim_calendar import SECONDS_PER_DAY, SECONDS_PER_HOUR, SimCalendar
from saas_retention.generate.success import Onboarding
from saas_retention.generate.support import Tickets
from saas_retention.generate.users import UserDirectory

NPS, CSAT, CES = (SURVEY_TYPES.index(name) for name in ("nps", "csat", "ces"))
IN_APP = SURVEY_CHANNELS.index("in_app")
CHANNEL_WEIGHTS = np.array([[0.6, 0.1, 0.3], [0.7, 0.1, 0.2], [0.5, 0.0, 0.5]])
"""Per survey type, over email, sms, in_app."""
CHANNEL_RESPONSE_RATE = np.array([0.22, 0.12, 0.35])
TEN_POINT_CSAT_SHARE = 0.25
COMMENT_SHARE = 0.3
COMMENTS = (  # three positive, three neutral, four negative
    "Great product, saves us hours every week",
    "Support was fast and helpful",
    "The automations are a game changer for our team",
    "Good overall, reporting could be faster",
    "Does the job",
    "Onboarding took longer than expected",
    "Too expensive for what we use",
    "Missing integrations we need",
    "Support is slow to respond",
    "We are evaluating other tools",
)


def _invitation_rows(rng: np.random.Generator, calendar: SimCalendar, months: AccountMonths, provisioned: np.ndarray,
                     tickets: Tickets, onboarding: Onboarding) -> dict[str, np.ndarray]:
    """customer, month, sent_at, survey type and extra (CSAT: ticket resolution hours) per invitation."""
    wave = rng.integers(0, 3, months.paid.shape[0])[:, None]
    nps_cells = months.paid & (months.spell_age >= 1) & (months.spell_age % 3 == wave)
    nps_counts = np.where(nps_cells, np.minimum(1 + rng.poisson(1.0, nps_cells.shape), np.maximum(provisioned, 1)), 0)
    nps_customer, nps_month, nps_sent = months.times_for_counts(rng, nps_counts)

    surveyed = np.flatnonzero((tickets.resolved_at >= 0) & (rng.random(tickets.customer.size) < 0.85))
    csat_sent = tickets.resolved_at[surveyed] + uniform_times(rng, np.full(surveyed.size, 300), 2 * SECONDS_PER_HOUR)
    ces_sent = onboarding.go_live_at + uniform_times(rng, np.full(onboarding.go_live_at.size, SECONDS_PER_DAY),
                                                     3 * SECONDS_PER_DAY)
    customer = np.concatenate([nps_customer, tickets.customer[surveyed], onboarding.go_live_customer])
    sent = np.concatenate([nps_sent, csat_sent, ces_sent])
    kind = np.concatenate([np.full(nps_sent.size, NPS), np.full(csat_sent.size, CSAT), np.full(ces_sent.size, CES)])
    extra = np.concatenate([np.zeros(nps_sent.size), tickets.resolution_hours[surveyed], np.zeros(ces_sent.size)])
    keep = sent < calendar.end
    return {"customer": customer[keep], "month": calendar.month_of(sent[keep]), "at": sent[keep],
            "kind": kind[keep], "extra": extra[keep]}


def _scores(rng: np.random.Generator, kind: np.ndarray, health: np.ndarray, ten_point_csat: np.ndarray,
            resolution_hours: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, scale_min, scale_max) per response."""
    slowness = np.log1p(resolution_hours / 24.0)
    noise = rng.normal(0.0, 1.0, kind.size)
    nps = 7.0 + 1.7 * health + 1.5 * noise
    csat5 = 3.9 + 0.6 * health - 0.3 * slowness + 0.8 * noise
    csat10 = 7.6 + 1.3 * health - 0.6 * slowness + 1.6 * noise
    ces = 5.0 + 0.8 * health + 1.1 * noise
    is_csat10 = (kind == CSAT) & ten_point_csat
    latent = np.select([kind == NPS, is_csat10, kind == CSAT], [nps, csat10, csat5], ces)
    scale_min = np.where(kind == NPS, 0, 1)
    scale_max = np.select([kind == NPS, is_csat10, kind == CSAT], [10, 10, 5], 7)
    return np.clip(np.round(latent), scale_min, scale_max).astype(np.int64), scale_min, scale_max


def _comments(rng: np.random.Generator, score: np.ndarray, scale_min: np.ndarray, scale_max: np.ndarray) -> pa.Array:
    position = (score - scale_min) / (scale_max - scale_min)
    band = np.where(position >= 0.85, 0, np.where(position >= 0.65, 1, 2))
    first = np.array([0, 3, 6])[band]
    size = np.array([3, 3, 4])[band]
    code = first + (rng.random(score.size) * size).astype(np.int64)
    return labels(COMMENTS, code, rng.random(score.size) >= COMMENT_SHARE)


def surveys(rng: np.random.Generator, calendar: SimCalendar, customers: Customers, months: AccountMonths,
            users: UserDirectory, tickets: Tickets, onboarding: Onboarding) -> tuple[pa.Table, pa.Table]:
    invitations = _invitation_rows(rng, calendar, months, users.provisioned, tickets, onboarding)
    inv_customer, inv_kind = invitations["customer"], invitations["kind"]
    n_inv = inv_customer.size
    inv_channel = categorical(rng, CHANNEL_WEIGHTS[inv_kind])
    inv_user = users.pick_active(rng, inv_customer, invitations["month"])
    inv_order = np.lexsort((inv_kind, inv_customer, invitations["at"]))
    inv_rank = np.empty(n_inv, dtype=np.int64)
    inv_rank[inv_order] = np.arange(n_inv)
    invitation_ids = prefixed_ids("svi_", inv_rank + 1, 8)
    invitations_table = build_table("survey_invitations", {
        "invitation_id": invitation_ids.take(inv_order),
        "customer_id": customers.ids.take(inv_customer[inv_order]),
        "survey_type": labels(SURVEY_TYPES, inv_kind[inv_order]),
        "channel": labels(SURVEY_CHANNELS, inv_channel[inv_order]),
        "sent_at": invitations["at"][inv_order],
    })

    health_at_invite = months.health[inv_customer, invitations["month"]].astype(float)
    willingness = CHANNEL_RESPONSE_RATE[inv_channel] * np.clip(0.8 + 0.2 * health_at_invite, 0.4, 1.2)
    answered_at = invitations["at"] + np.minimum(
        lognormal_seconds(rng, np.full(n_inv, 6.0 * SECONDS_PER_HOUR), 1.5), 14 * SECONDS_PER_DAY)
    answered = np.flatnonzero((rng.random(n_inv) < willingness) & (answered_at < calendar.end))

    widget_rate = np.where(months.paid, 0.04 * np.sqrt(users.provisioned), 0.0)
    w_customer, w_month, w_at = months.sample_times(rng, widget_rate)
    customer = np.concatenate([inv_customer[answered], w_customer])
    month = np.concatenate([invitations["month"][answered], w_month])
    user = np.concatenate([inv_user[answered], users.pick_active(rng, w_customer, w_month)])
    kind = np.concatenate([inv_kind[answered], np.full(w_customer.size, NPS)])
    channel = np.concatenate([inv_channel[answered], np.full(w_customer.size, IN_APP)])
    responded_at = np.concatenate([answered_at[answered], w_at])
    invitation = np.concatenate([answered, np.full(w_customer.size, -1)])
    extra = np.concatenate([invitations["extra"][answered], np.zeros(w_customer.size)])
    ten_point_csat = rng.random(customers.count) < TEN_POINT_CSAT_SHARE
    score, scale_min, scale_max = _scores(rng, kind, months.health[customer, month].astype(float),
                                          ten_point_csat[customer], extra)
    comment = _comments(rng, score, scale_min, scale_max)
    anonymous = rng.random(customer.size) < 0.08

    order = np.lexsort((kind, customer, responded_at))
    invitation = invitation[order]
    no_invitation = invitation < 0
    invitation_id = invitation_ids.take(pa.array(np.where(no_invitation, 0, invitation), mask=no_invitation))
    responses_table = build_table("survey_responses", {
        "response_id": prefixed_ids("svr_", np.arange(1, order.size + 1), 8),
        "invitation_id": invitation_id,
        "customer_id": customers.ids.take(customer[order]),
        "respondent_email": users.email_or_null(user[order], anonymous[order]),
        "survey_type": labels(SURVEY_TYPES, kind[order]),
        "score": score[order],
        "scale_min": scale_min[order],
        "scale_max": scale_max[order],
        "channel": labels(SURVEY_CHANNELS, channel[order]),
        "responded_at": responded_at[order],
        "comment": comment.take(order),
    })
    return invitations_table, responses_table
