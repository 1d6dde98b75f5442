"""`cognito-tui local` as a process: it keeps serving when clients hang up mid-request."""

import os
import signal
import socket
import struct
import subprocess
import sys
import time

import boto3


def _start_local():
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT")}
    proc = subprocess.Popen([sys.executable, "-m", "cognito_tui.cli", "local", "--port", "0", "--no-seed"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    for line in proc.stdout:
        if line.startswith("export AWS_ENDPOINT_URL="):
            return proc, line.split("=", 1)[1].strip().strip("'\"")
    raise AssertionError("no AWS_ENDPOINT_URL line")


def _hang_up_mid_request(host: str, port: int) -> None:
    """Send a request, then reset the connection before the answer is read."""
    body = b'{"MaxResults": 60}'
    request = (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
               b"X-Amz-Target: AWSCognitoIdentityService.ListIdentityPools\r\n"
               b"Authorization: AWS4-HMAC-SHA256 Credential=t/20261126/us-east-1/cognito-identity/aws4_request, "
               b"SignedHeaders=host, Signature=x\r\n"
               b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    sock = socket.create_connection((host, port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.sendall(request)
    sock.close()  # RST: the server's answer meets a closed socket


def _ignores_sigpipe(pid: int) -> bool:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGPIPE - 1)))
    raise AssertionError("no SigIgn line")


def test_local_ignores_sigpipe_so_a_hung_up_client_cannot_kill_it():
    proc, _ = _start_local()
    try:
        assert _ignores_sigpipe(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)


def test_local_keeps_serving_after_clients_hang_up():
    proc, url = _start_local()
    try:
        host, port = url.rsplit("/", 1)[-1].rsplit(":", 1)[0], int(url.rsplit(":", 1)[1])
        for _ in range(30):
            _hang_up_mid_request(host, port)
        time.sleep(0.3)
        assert proc.poll() is None, f"the server died (status {proc.returncode})"
        client = boto3.client("cognito-identity", region_name="us-east-1", endpoint_url=url)
        assert client.list_identity_pools(MaxResults=60)["IdentityPools"] == []
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0  # a clean stop on SIGTERM
