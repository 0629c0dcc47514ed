# The ASGI app uvicorn serves for a program (vm-process writes this file next to the relay's socket): the program's
# own app, plus the reference's message events. The supervisor delivers a message that matched the program's
# on.message subscriptions as a POST to /.aleph4j/event carrying this execution's token; this wrapper calls the app
# with the reference's event scope, {"type": "aleph.message", "body": <message JSON>}, and answers what it sent.
# Every other request, and the lifespan, reach the app unchanged.
import importlib
import os
import sys

_module_name, _, _attribute = os.environ.pop("ALEPH4J_APP").partition(":")
_token = os.environ.pop("ALEPH4J_EVENT_TOKEN").encode()
sys.path.insert(0, "/opt/code")
_app = getattr(importlib.import_module(_module_name), _attribute or "app")


async def app(scope, receive, send):
    if (scope["type"] == "http" and scope["path"] == "/.aleph4j/event"
            and dict(scope["headers"]).get(b"x-aleph4j-event-token") == _token):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        event = {"type": "aleph.message", "body": body.decode()}
        sent = []

        async def event_receive():
            return event

        async def event_send(message):
            sent.append(message)

        await _app(event, event_receive, event_send)
        answer = b"".join(m.get("body", b"") for m in sent if isinstance(m, dict) and isinstance(m.get("body"), bytes))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/octet-stream")]})
        await send({"type": "http.response.body", "body": answer})
        return
    await _app(scope, receive, send)
