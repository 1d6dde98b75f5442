"""The AWS layer against the local Cognito: every page is read, errors become domain errors."""

import pytest

from aws_builders import user_pool
from cognito_tui.errors import InputError, NotFoundError


def test_every_page_of_app_clients_is_read(aws, boto):
    pool_id, first = user_pool(boto)
    idp = boto("cognito-idp")
    made = {first} | {idp.create_user_pool_client(UserPoolId=pool_id, ClientName=f"c{i}")["UserPoolClient"]["ClientId"]
                      for i in range(64)}
    calls = []
    aws.clients.add_hook("before-call.cognito-identity-provider.ListUserPoolClients",
                         lambda **kw: calls.append(1))
    listed = aws.user_pools.list_clients(pool_id)
    assert {c.id for c in listed} == made and len(listed) == 65
    assert len(calls) == 2  # 60 + 5


def test_an_unknown_pool_is_not_found_with_the_aws_text_kept(aws):
    with pytest.raises(NotFoundError) as caught:
        aws.identity_pools.describe("us-east-1:00000000-0000-0000-0000-000000000000")
    assert caught.value.code == "ResourceNotFoundException"
    assert caught.value.aws_message


def test_a_malformed_pool_id_sent_anyway_is_an_input_error(aws):
    with pytest.raises(InputError) as caught:
        aws.identity_pools.describe("not-a-pool")
    assert caught.value.exit_code == 2
