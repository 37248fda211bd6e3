#!/usr/bin/env python3
"""A deterministic stand-in model that the committed cassettes were recorded against.

The example experiments must run offline and give the same table every time, so their
cassettes were recorded with `ab run --record` against this server instead of a paid API. It
speaks OpenAI Chat Completions (POST /v1/chat/completions) and Anthropic Messages
(POST /v1/messages) on 127.0.0.1, and answers the two example prompts plausibly, with quality
that differs by model and temperature the way real models differ: a seeded hash of the request
decides whether a given answer is right. Worked examples in the classifier's system prompt raise
its accuracy (few-shot helps), and an instruction to answer "in one word" makes it drop the
JSON. Asked by `promptctl improve` for rewrites of `classification/sentiment`, it answers with
three fixed ones: one that adds examples, one that asks for a one-word answer, and one that
misspells the `message` variable. It is not a language model; re-record the cassettes
against real providers to run the experiments for real:

    promptctl -C prompts-example ab run sentiment-models --record cassettes/sentiment-models.jsonl

To regenerate the committed cassettes:

    python3 prompts-example/cassettes/stand_in_model.py 8765 &
    OPENAI_BASE_URL=http://127.0.0.1:8765/v1 OPENAI_API_KEY=stand-in \\
    ANTHROPIC_BASE_URL=http://127.0.0.1:8765/v1 ANTHROPIC_API_KEY=stand-in \\
      promptctl -C prompts-example ab run sentiment-models --record cassettes/sentiment-models.jsonl

The `improve` cassette is recorded in a git copy of the library, before any new run of
`sentiment-models` (the committed run's failed cases are part of the meta-prompt):

    promptctl improve classification/sentiment -m openai/gpt-4o-mini --run \\
      --record cassettes/improve-sentiment.jsonl

It also speaks the two batch APIs the example needs, OpenAI Files + Batches (POST /v1/files,
POST /v1/batches, GET /v1/batches/{id}, GET /v1/files/{id}/content) and Anthropic Message
Batches (POST /v1/messages/batches, GET /v1/messages/batches/{id} and its results), answering
each batched request exactly as it answers the same request synchronously. A batch is
`in_progress` when created and finished at the first poll. The batch cassette:

    PROMPTCTL_BATCH_POLL_MS=100 OPENAI_BASE_URL=... ANTHROPIC_BASE_URL=... (as above) \\
      promptctl -C prompts-example ab run sentiment-models --batch --run-id example-batch \\
        --record cassettes/sentiment-models.batch.jsonl
"""
import hashlib
import json
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SKILL = {  # probability that an answer is right, by (model, warm)
    ("gpt-4o-mini", False): 0.80,
    ("gpt-4o-mini", True): 0.68,
    ("claude-3-5-haiku-latest", False): 0.90,
    ("gpt-4o", False): 0.95,
}


def chance(*parts) -> float:
    digest = hashlib.sha256("\x00".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "little") / 2**64


def sentiment(model, warm, message, system=""):
    text = message.lower()
    negative = any(w in text for w in ["outage", "broken", "cancel", "refund", "terrible", "angry", "worst", "leaving", "slow", "again"])
    positive = any(w in text for w in ["love", "great", "thanks", "thank you", "perfect", "amazing", "smooth", "happy"])
    truth = "negative" if negative else "positive" if positive else "neutral"
    churn = any(w in text for w in ["cancel", "competitor", "switch", "leaving", "downgrade", "alternatives"])
    skill = SKILL.get((model, warm), 0.75)
    if "Examples:" in system:
        skill = max(skill, 0.98)
    right = chance("sentiment", model, warm, message) < skill
    if "in one word" in system:
        return truth if right else "unsure"
    label = truth if right else ["positive", "neutral", "negative"][int(chance("wrong", model, message) * 3)]
    churn_answer = churn if right or chance("churn", model, message) < 0.5 else not churn
    confidence = round(0.55 + 0.4 * chance("conf", model, warm, message), 2)
    body = {"sentiment": label, "churn_risk": churn_answer, "confidence": confidence}
    text = json.dumps(body)
    if model.startswith("claude") and chance("fence", message) < 0.3:
        text = "```json\n" + text + "\n```"
    return text


def meeting(system, user, model):
    owners = re.findall(r"^ACTION: ([A-Z][a-z]+)[^\n]*?- (.+)$", user, re.M)
    decisions = re.findall(r"Decision - (.+)$", user, re.M)
    if "exactly three lines" in system:
        keep = chance("brief-owner", model, user) < 0.86
        owner, task = owners[0] if owners else ("Someone", "follow up")
        action = f"Action: {owner} to {task}." if keep else f"Action: {task}."
        outcome = decisions[0] if decisions else "No decision was recorded."
        blocked = "Blocked: nothing reported." if chance("blocked", user) < 0.6 else "Blocked: waiting on the API freeze."
        return f"Outcome: {outcome}\n{action}\n{blocked}"
    lines = ["Decisions"]
    lines += [f"- {d}" for d in decisions] or ["- none"]
    lines.append("")
    lines.append("Action items")
    for owner, task in owners:
        if chance("full-owner", model, owner, user) < 0.97:
            lines.append(f"- {owner} - {task}")
        else:
            lines.append(f"- (unassigned) - {task}")
    if not owners:
        lines.append("- none")
    lines += ["", "Open questions", "- Who confirms the rollout date with support?" if chance("q", user) < 0.5 else "- none"]
    return "\n".join(lines)


SENTIMENT_REWRITES = [
    """{{role "system"}}
Classify the sentiment of the customer's message as positive, neutral or negative, and set churn_risk to true when they mention leaving, competitors, cancelling or downgrading.
Examples:
Message: "Third outage this month. Honestly looking at alternatives now." -> {"sentiment": "negative", "churn_risk": true, "confidence": 0.9}
Message: "How do I change the billing email on my account?" -> {"sentiment": "neutral", "churn_risk": false, "confidence": 0.8}
{{> shared/json-output}}
{{role "user"}}
<message>
{{message}}
</message>""",
    """{{role "system"}}
Give the customer's sentiment in one word. Set churn_risk when they mention leaving, competitors, cancelling or downgrading.
{{> shared/json-output}}
{{role "user"}}
{{message}}""",
    """{{role "system"}}
Classify the customer's sentiment and churn risk.
{{> shared/json-output}}
{{role "user"}}
{{msg}}""",
]


def rewrites(user):
    if "Prompt: classification/sentiment" not in user:
        return "<rewrite>\n(no rewrite: the stand-in only rewrites classification/sentiment)\n</rewrite>"
    return "\n".join(f"<rewrite>\n{r}\n</rewrite>" for r in SENTIMENT_REWRITES)


def answer(model, temperature, messages):
    system = " ".join(m["content"] for m in messages if m["role"] == "system")
    user = " ".join(m["content"] for m in messages if m["role"] == "user")
    warm = (temperature or 0) >= 0.5
    if "You improve prompt templates" in system:
        return rewrites(user)
    if "sentiment" in system:
        return sentiment(model, warm, user, system)
    if "meeting" in system.lower() or "three lines" in system:
        return meeting(system, user, model)
    return "I can help with that."


def tokens(text):
    return max(1, len(text) // 4)


def reply_for(path, body):
    """The synchronous reply to one request body: Anthropic Messages when `path` ends in
    /messages, else OpenAI Chat Completions."""
    messages = [dict(m) for m in body.get("messages", [])]
    for m in messages:
        if isinstance(m.get("content"), list):
            m["content"] = " ".join(part.get("text", "") for part in m["content"])
    anthropic = path.endswith("/messages")
    if anthropic and body.get("system"):
        system = body["system"] if isinstance(body["system"], str) else " ".join(p.get("text", "") for p in body["system"])
        messages.insert(0, {"role": "system", "content": system})
    model = body.get("model", "")
    text = answer(model, body.get("temperature"), messages)
    prompt_tokens = tokens(" ".join(m["content"] for m in messages))
    if anthropic:
        return {
            "id": "msg_stand_in", "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": text}], "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": prompt_tokens, "output_tokens": tokens(text)},
        }
    return {
        "id": "chatcmpl-stand-in", "object": "chat.completion", "created": 1767225600, "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": tokens(text), "total_tokens": prompt_tokens + tokens(text)},
    }


BATCHES = {}  # id -> {"api", "polls", "metadata", "requests": [(custom_id, body)]}
FILES = {}  # id -> bytes


def openai_batch(batch_id, batch):
    done = batch["polls"] > 0
    n = len(batch["requests"])
    return {
        "id": batch_id, "object": "batch", "endpoint": "/v1/chat/completions",
        "input_file_id": batch["input_file_id"], "completion_window": "24h",
        "status": "completed" if done else "in_progress",
        "output_file_id": f"file-out-{batch_id}" if done else None, "error_file_id": None,
        "created_at": 1767225600, "metadata": batch["metadata"],
        "request_counts": {"total": n, "completed": n if done else 0, "failed": 0},
    }


def anthropic_batch(batch_id, batch, host):
    done = batch["polls"] > 0
    n = len(batch["requests"])
    return {
        "id": batch_id, "type": "message_batch",
        "processing_status": "ended" if done else "in_progress",
        "request_counts": {"processing": 0 if done else n, "succeeded": n if done else 0, "errored": 0, "canceled": 0, "expired": 0},
        "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-02T00:00:00Z",
        "results_url": f"http://{host}/v1/messages/batches/{batch_id}/results" if done else None,
    }


def multipart_file(body):
    """The `file` part of an upload (the JSONL)."""
    marker = b'name="file"'
    start = body.index(b"\r\n\r\n", body.index(marker)) + 4
    end = body.index(b"\r\n--", start)
    return body[start:end]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, value, content_type="application/json"):
        data = value if isinstance(value, bytes) else json.dumps(value).encode()
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        host = self.headers.get("host", "127.0.0.1")
        if path == "/v1/batches":
            data = [openai_batch(i, b) for i, b in reversed(list(BATCHES.items())) if b["api"] == "openai"]
            return self.reply({"object": "list", "data": data, "has_more": False})
        if path.startswith("/v1/files/") and path.endswith("/content"):
            return self.reply(FILES[path.split("/")[3]], "application/jsonl")
        if path.startswith("/v1/messages/batches/") and path.endswith("/results"):
            batch = BATCHES[path.split("/")[4]]
            lines = [json.dumps({"custom_id": cid, "result": {"type": "succeeded", "message": reply_for("/v1/messages", body)}})
                     for cid, body in batch["requests"]]
            return self.reply(("\n".join(lines) + "\n").encode(), "application/jsonl")
        batch_id = path.rsplit("/", 1)[-1]
        batch = BATCHES.get(batch_id)
        if batch is None:
            self.send_error(404)
            return
        if batch["api"] == "openai":
            status = openai_batch(batch_id, batch)
            if status["status"] == "completed" and status["output_file_id"] not in FILES:
                lines = [json.dumps({"id": f"batch_req_{cid}", "custom_id": cid,
                                     "response": {"status_code": 200, "request_id": f"req_{cid}", "body": reply_for("/v1/chat/completions", body)},
                                     "error": None}) for cid, body in batch["requests"]]
                FILES[status["output_file_id"]] = ("\n".join(lines) + "\n").encode()
        else:
            status = anthropic_batch(batch_id, batch, host)
        batch["polls"] += 1
        return self.reply(status)

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.path == "/v1/files":
            file_id = f"file-stand-in-{len(FILES) + 1}"
            FILES[file_id] = multipart_file(raw)
            return self.reply({"id": file_id, "object": "file", "purpose": "batch", "bytes": len(FILES[file_id])})
        body = json.loads(raw)
        if self.path == "/v1/batches":
            lines = [json.loads(l) for l in FILES[body["input_file_id"]].decode().splitlines() if l.strip()]
            batch_id = f"batch_stand_in_{len(BATCHES) + 1}"
            BATCHES[batch_id] = {"api": "openai", "polls": 0, "metadata": body.get("metadata") or {},
                                 "input_file_id": body["input_file_id"],
                                 "requests": [(l["custom_id"], l["body"]) for l in lines]}
            return self.reply(openai_batch(batch_id, BATCHES[batch_id]))
        if self.path == "/v1/messages/batches":
            batch_id = f"msgbatch_stand_in_{len(BATCHES) + 1}"
            BATCHES[batch_id] = {"api": "anthropic", "polls": 0,
                                 "requests": [(r["custom_id"], r["params"]) for r in body["requests"]]}
            return self.reply(anthropic_batch(batch_id, BATCHES[batch_id], self.headers.get("host", "")))
        reply = reply_for(self.path, body)
        text = reply["content"][0]["text"] if "content" in reply else reply["choices"][0]["message"]["content"]
        time.sleep(0.02 + 0.06 * chance("latency", body.get("model", ""), text))
        self.reply(reply)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
