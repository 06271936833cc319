"""A test SMTP sink (Debian's python3-aiosmtpd): listens on 127.0.0.1 on a free port it prints as "listening PORT",
writes each message it accepts to DIRECTORY as NAME.eml (atomically: written as .tmp, then renamed), and answers by
recipient: reject*@ -> 550, busy*@ -> 451 always, busyonce*@ -> 451 on the first try of that address then accepted.
Logins: user "qa" with the password in the environment variable SINK_PASSWORD (any AUTH over plain text is allowed).
Usage: python3 smtp_sink.py DIRECTORY"""
import asyncio
import os
import sys
import uuid

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busyonce"):
            if address not in self.seen:
                self.seen.add(address)
                return "451 4.3.0 Busy, try again later"
        elif local.startswith("busy"):
            return "451 4.3.0 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        temporary = os.path.join(self.directory, name + ".tmp")
        with open(temporary, "wb") as file:
            file.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.directory, name + ".eml"))
        return "250 OK"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"qa" and auth_data.password == os.environ.get("SINK_PASSWORD", "").encode()
    return AuthResult(success=ok)


async def main(directory):
    handler = Sink(directory)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, authenticator=authenticate, auth_require_tls=False, auth_required=False),
        host="127.0.0.1", port=0)
    print("listening %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
