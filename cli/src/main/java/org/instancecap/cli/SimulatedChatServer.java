package org.instancecap.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat server on loopback with a fixed capacity: it works on at most
 * {@code capacity} requests at once, each for {@code latencyMillis}, and queues the rest, as an
 * inference server with a fixed batch size does. Its busiest possible rate is capacity / latency, so a
 * client's throughput against it says how close the client comes to a server's limit.
 */
final class SimulatedChatServer implements AutoCloseable {
    private static final byte[] ANSWER = ("{\"id\":\"sim\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"simulated\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A grey shape moves slowly to the left "
            + "across a plain background.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(DaemonThreads.named("simulated-server"));
    private final Semaphore slots;
    private final int capacity;
    private final long latencyMillis;
    private final AtomicInteger served = new AtomicInteger();

    SimulatedChatServer(int capacity, long latencyMillis) throws IOException {
        if (capacity < 1 || latencyMillis < 0) {
            throw new IllegalArgumentException("capacity must be at least 1 and latency at least 0, got " + capacity + ", " + latencyMillis);
        }
        this.capacity = capacity;
        this.latencyMillis = latencyMillis;
        this.slots = new Semaphore(capacity, true);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int served() {
        return served.get();
    }

    /** Requests per second at full capacity. */
    double maxRate() {
        return latencyMillis == 0 ? Double.POSITIVE_INFINITY : capacity * 1000.0 / latencyMillis;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            slots.acquireUninterruptibly();
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slots.release();
            }
            served.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
