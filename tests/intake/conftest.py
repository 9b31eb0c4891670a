"""A real RabbitMQ on 127.0.0.1 standing in for Fiks IO (never mocked).

Each test gets its own account queues (``fiksio.konto.<uuid>``, expiring after 10 minutes unused),
so parallel test runs and other developers on the same broker never see each other's messages.
Start the broker with ``scripts/rabbitmq`` (``.ci/run`` does it in CI).
"""

from __future__ import annotations

import os
import socket
import uuid

import pytest

AMQP_URL = os.environ.get("BARNEVERN_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


def _broker_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def broker():
    if not _broker_up():
        pytest.fail("RabbitMQ svarer ikke på 127.0.0.1:5672: start den med scripts/rabbitmq.")
    return AMQP_URL


@pytest.fixture(scope="session")
def fiks_keys():
    from barnevern.formats.fiks.crypto import Keys

    return Keys.generate("Barnevern test")


@pytest.fixture
def fiks(broker, fiks_keys, org, tmp_path, monkeypatch):
    """Our account (queue, keys, config, consumer) and a sender account on the real broker."""
    from barnevern.intake import consumer as consumer_mod
    from barnevern.intake import services
    from barnevern.intake.config import FiksConfig
    from barnevern.intake.testsender import Sender

    konto = str(uuid.uuid4())
    fiks_keys.write(tmp_path / "key.pem", tmp_path / "cert.pem")
    env = {
        "BARNEVERN_FIKS_AMQP_URL": broker,
        "BARNEVERN_FIKS_KONTO_ID": konto,
        "BARNEVERN_FIKS_KEY_FILE": str(tmp_path / "key.pem"),
        "BARNEVERN_FIKS_CERT_FILE": str(tmp_path / "cert.pem"),
        "BARNEVERN_FIKS_SERVICE": "nord-osterdal",
        "BARNEVERN_FIKS_RETRY_SECONDS": "0.05",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    cfg = FiksConfig.from_env(env)
    sender = Sender(broker, cfg.queue, str(uuid.uuid4()))
    sender.declare(expires_ms=600_000)
    monkeypatch.setattr(services, "BEFORE_COMMIT", [])
    monkeypatch.setattr(consumer_mod, "AFTER_COMMIT", [])

    class Fiks:
        pass

    f = Fiks()
    f.cfg, f.keys, f.sender, f.tjeneste, f.env = cfg, fiks_keys, sender, org["nord-osterdal"], env
    f.consumers = []

    def new_consumer():
        c = consumer_mod.Consumer(cfg, consumer_mod.Processor(cfg, fiks_keys, f.tjeneste))
        c.connect()
        f.consumers.append(c)
        return c

    f.new_consumer = new_consumer
    yield f
    for c in f.consumers:
        c.close()
    try:
        sender.channel.queue_delete(sender.queue)
        sender.channel.queue_delete(sender.reply_queue)
    finally:
        sender.close()
