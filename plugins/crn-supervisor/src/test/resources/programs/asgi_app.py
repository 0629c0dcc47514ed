# The test programs' ASGI app (CrnSupervisorIT, ContainmentIT): echoes the request, and probes its sandbox.
import asyncio, json, os, socket, time, urllib.parse


# Containment probes: each does what a hostile program would, and answers what happened.
def read_file(path):
    try:
        with open(path, "rb") as file:
            return "read %d bytes" % len(file.read())
    except OSError as error:
        return type(error).__name__


def fork_until_refused(limit):
    forked = 0
    try:
        while forked < limit:
            if os.fork() == 0:
                time.sleep(60)
                os._exit(0)
            forked += 1
        return {"forked": forked, "refused": False}
    except OSError as error:
        return {"forked": forked, "refused": True, "error": type(error).__name__}


# The messages this program was run on (on.message), in arrival order: GET /received lists them.
RECEIVED = []


async def app(scope, receive, send):
    if scope["type"] == "aleph.message":
        RECEIVED.append(json.loads(scope["body"]))
        await send({"type": "http.response.body", "body": b"seen"})
        return
    if scope["type"] == "websocket":
        # Echoes every text frame, prefixed: the WebSocket test.
        while True:
            message = await receive()
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.accept"})
            elif message["type"] == "websocket.receive":
                text = message.get("text") or (message.get("bytes") or b"").decode()
                await send({"type": "websocket.send", "text": "echo: " + text})
            elif message["type"] == "websocket.disconnect":
                return
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    path = scope["path"]
    status = 200
    if path == "/probe":
        answer = {}
        try:
            socket.create_connection(("127.0.0.1", int(os.environ["NODE_PORT"])), timeout=1).close()
            answer["node_api"] = "reachable"
        except OSError:
            answer["node_api"] = "unreachable"
        try:
            with open("/opt/code/written", "w") as file:
                file.write("x")
            answer["code"] = "writable"
        except OSError:
            answer["code"] = "read-only"
    elif path == "/read":
        answer = {"result": read_file(urllib.parse.parse_qs(scope["query_string"].decode())["path"][0])}
    elif path == "/connect":
        query = urllib.parse.parse_qs(scope["query_string"].decode())
        try:
            socket.create_connection((query["host"][0], int(query["port"][0])), timeout=2).close()
            answer = {"result": "connected"}
        except OSError as error:
            answer = {"result": type(error).__name__}
    elif path == "/hog":
        hoard = [bytearray(16 * 1024 * 1024) for _ in range(64)]
        answer = {"result": "allocated %d MiB" % (16 * len(hoard))}
    elif path == "/spin":
        while True:
            pass
    elif path == "/forkbomb":
        answer = fork_until_refused(100000)
    elif path == "/write":
        query = urllib.parse.parse_qs(scope["query_string"].decode())
        try:
            with open(query["path"][0], "w") as file:
                file.write(query["text"][0])
            answer = {"result": "written"}
        except OSError as error:
            answer = {"result": type(error).__name__}
    elif path == "/cat":
        try:
            with open(urllib.parse.parse_qs(scope["query_string"].decode())["path"][0]) as file:
                answer = {"result": file.read()}
        except OSError as error:
            answer = {"result": type(error).__name__}
    elif path == "/received":
        answer = {"received": RECEIVED}
    elif path == "/slow":
        await asyncio.sleep(5)
        answer = {}
    else:
        status = 418 if path == "/teapot" else 200
        answer = {"method": scope["method"], "path": path, "query": scope["query_string"].decode(),
                  "body": body.decode(), "greeting": os.environ.get("GREETING"),
                  "hostname": socket.gethostname(),
                  "content_length": dict(scope["headers"]).get(b"content-length", b"").decode() or None,
                  "transfer_encoding": dict(scope["headers"]).get(b"transfer-encoding", b"").decode() or None,
                  "header_names": sorted({name.decode().lower() for name, _ in scope["headers"]})}
    data = json.dumps(answer).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"x-program", b"asgi")]})
    await send({"type": "http.response.body", "body": data})
