import io

import pytest


@pytest.fixture
def demo_param(db):
    from back.param import demo

    demo.seed(seed=1, customers=0, addresses=0, stdout=io.StringIO())
