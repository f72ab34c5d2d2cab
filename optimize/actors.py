import dramatiq

from optimize import services


# The provider chain has its own time-outs (the Anthropic client's, then the offline engine); the time limit is
# a backstop above them. Retries cover a lost database connection; claiming makes a redelivery harmless.
@dramatiq.actor(queue_name="optimize", max_retries=3, min_backoff=500, max_backoff=5_000, time_limit=180_000)
def run_optimization(optimization_id: str) -> None:
    services.optimization_run(optimization_id=optimization_id)
