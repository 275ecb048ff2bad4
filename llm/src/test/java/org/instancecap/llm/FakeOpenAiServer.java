package org.instancecap.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback answering {@code POST /v1/chat/completions} the way OpenAI-compatible
 * servers do, with scripted failures, and keeping every request it got.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    /** One scripted answer: an HTTP status and body, after a delay; or a dropped connection. */
    public record Reply(int status, String body, long delayMillis, boolean drop) {
        /** An answer with {@code text}; null for the server's usual answer. */
        public static Reply answer(String text) {
            return new Reply(200, text == null ? null : completion(text), 0, false);
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"test\"}}", 0, false);
        }

        public static Reply slow(String text, long millis) {
            return new Reply(200, completion(text), millis, false);
        }

        /** A 400 with an OpenAI-style error naming a parameter the model does not take. */
        public static Reply refusal(String param, String message) {
            return new Reply(400, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
                    + "\"param\":\"" + param + "\",\"code\":\"unsupported_parameter\"}}", 0, false);
        }

        /** An answer without a usage block, as some servers send. */
        public static Reply withoutUsage(String text) {
            return new Reply(200, completion(text).replaceFirst(",\"usage\":\\{[^}]*\\}", ""), 0, false);
        }

        public static Reply dropped() {
            return new Reply(0, "", 0, true);
        }
    }

    /** A request as the server saw it. */
    public record Request(String authorization, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private volatile Reply fallback = Reply.answer("A red car.");
    private volatile java.util.function.Function<String, String> responder;
    private volatile List<String> models = List.of("test-model");
    private volatile int modelsStatus = 200;
    private volatile java.util.function.Predicate<String> refuses = body -> false;
    private volatile Reply refusal;

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/models", this::listModels);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeOpenAiServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** Answers computed from each request's body, after the scripted replies. */
    public FakeOpenAiServer answering(java.util.function.Function<String, String> byBody) {
        responder = byBody;
        return this;
    }

    public FakeOpenAiServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    /** The models {@code GET /v1/models} lists (default: test-model). */
    public FakeOpenAiServer serving(String... names) {
        models = List.of(names);
        return this;
    }

    /** {@code GET /v1/models} answers 404, as proxies that list no models do. */
    public FakeOpenAiServer listingNoModels() {
        return answeringModelsWith(404);
    }

    /** {@code GET /v1/models} answers with this status and an error body. */
    public FakeOpenAiServer answeringModelsWith(int status) {
        modelsStatus = status;
        return this;
    }

    /** Every chat request whose body matches is refused with {@code reply}, like a model that rejects a parameter. */
    public FakeOpenAiServer refusing(java.util.function.Predicate<String> byBody, Reply reply) {
        refuses = byBody;
        refusal = reply;
        return this;
    }

    public List<Request> requests() {
        return requests;
    }

    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = open.incrementAndGet();
        mostOpen.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (refuses.test(body)) {
                send(exchange, refusal);
                return;
            }
            Reply scripted = script.poll();
            // a scripted answer without text stands for "answer as usual"
            Reply reply = scripted != null && !(scripted.status() == 200 && scripted.body() == null) ? scripted
                    : responder != null ? Reply.answer(responder.apply(body)) : fallback;
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.drop()) {
                exchange.close(); // no status line: the client sees the connection end
                return;
            }
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    private void listModels(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestMethod() + " /v1/models"));
        if (modelsStatus != 200) {
            send(exchange, new Reply(modelsStatus, "{\"error\":\"scripted\"}", 0, false));
            return;
        }
        StringBuilder body = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < models.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":").append(org.instancecap.core.json.Json.line(models.get(i)))
                    .append(",\"object\":\"model\",\"owned_by\":\"test\"}");
        }
        send(exchange, new Reply(200, body.append("]}").toString(), 0, false));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The chat requests, without the model listings. */
    public List<Request> chatRequests() {
        return requests.stream().filter(r -> !r.body().startsWith("GET ")).toList();
    }

    static String completion(String text) {
        String escaped = org.instancecap.core.json.Json.line(text);
        escaped = escaped.substring(1, escaped.length() - 1);
        return "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13}}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
