package dev.openmodel.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server answering the Hub's model_info API from the fixtures in
 * src/test/resources/hub (repo ORG/NAME is ORG__NAME.json). Repositories whose organisation is
 * "hanging" (or every request, in hanging mode) get no answer until the server is closed or a
 * minute passes; unknown ones get 404. Listens on 127.0.0.1 only.
 */
public final class FakeHub implements AutoCloseable {
    private final HttpServer server;
    private final boolean hangAll;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    private FakeHub(boolean hangAll) throws IOException {
        this.hangAll = hangAll;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-hub");
            t.setDaemon(true);
            return t;
        }));
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    public static FakeHub start() throws IOException {
        return new FakeHub(false);
    }

    /** A server that accepts connections and never answers: a hung registry or Hub. */
    public static FakeHub hanging() throws IOException {
        return new FakeHub(true);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (hangAll || path.startsWith("/api/models/hanging/")) {
                try {
                    closing.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String prefix = "/api/models/";
            int revision = path.indexOf("/revision/");
            if (!path.startsWith(prefix) || revision < 0) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String repo = path.substring(prefix.length(), revision);
            if (repo.startsWith("bench/")) {
                // Synthetic repositories for benchmarks: one safetensors file, Apache-2.0, a commit derived from the name.
                String sha = String.format("%040x", new java.math.BigInteger(1, repo.getBytes(StandardCharsets.UTF_8))).substring(0, 40);
                byte[] body = ("{\"id\": \"" + repo + "\", \"sha\": \"" + sha + "\", \"gated\": false, \"cardData\": {\"license\": \"apache-2.0\"},"
                        + " \"config\": {\"architectures\": [\"LlamaForCausalLM\"]}, \"siblings\": [{\"rfilename\": \"model.safetensors\"}],"
                        + " \"safetensors\": {\"parameters\": {\"BF16\": 1000000}, \"total\": 1000000}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            try (InputStream in = FakeHub.class.getResourceAsStream("/hub/" + repo.replace("/", "__") + ".json")) {
                if (in == null) {
                    byte[] body = "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(404, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
