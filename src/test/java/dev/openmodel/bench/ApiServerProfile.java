package dev.openmodel.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's CPU profile during a rollout ({@code BENCH_APISERVER_PROFILE=<seconds>}): Go's
 * {@code /debug/pprof/profile}, taken {@link #DELAY_SECONDS} s after the rollout starts, saved as
 * {@code target/bench/apiserver-<name>.pprof}, and its samples put in parts of the API server's work
 * (each sample in the first part its stack holds), so that the floor and the OpenModel rollout can be
 * set side by side in milliseconds per model. The parts are read with {@code go tool pprof -raw}
 * (Go is what the local control plane is built with).
 */
final class ApiServerProfile {
    static final int DELAY_SECONDS = 10;

    /** The parts, in the order a sample is tried against them; "other" takes the rest. */
    static final Map<String, Pattern> PARTS = parts(
            "garbage collection", "runtime\\.gcBgMarkWorker|runtime\\.bgsweep|runtime\\.bgscavenge|runtime\\.gcStart|runtime\\.GC",
            "custom resources", "crdHandler",
            "watches", "serveWatch|WatchServer|cacheWatcher|dispatchEvent|processEvent|cacher\\.\\(\\*Cacher\\)\\.dispatch",
            "etcd client", "google\\.golang\\.org/grpc",
            "updates", "handlers\\.UpdateResource",
            "patches", "handlers\\.PatchResource",
            "creates", "handlers\\.createHandler|handlers\\.CreateResource|CreateNamedResource",
            "reads", "handlers\\.getResourceHandler|GetResource|ListResource",
            "watch cache", "tools/cache\\.\\(\\*Reflector\\)|watchCache|cacher\\.\\(\\*Cacher\\)",
            "HTTP and filters", "net/http|crypto/tls");

    private static Map<String, Pattern> parts(String... nameAndPattern) {
        Map<String, Pattern> parts = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPattern.length; i += 2) {
            parts.put(nameAndPattern[i], Pattern.compile(nameAndPattern[i + 1]));
        }
        return parts;
    }

    private final Path file;
    private final CompletableFuture<Void> done;

    private ApiServerProfile(Path file, CompletableFuture<Void> done) {
        this.file = file;
        this.done = done;
    }

    /** BENCH_APISERVER_PROFILE's seconds, or 0 (off). */
    static int seconds() {
        return Integer.parseInt(RolloutBenchmark.env("BENCH_APISERVER_PROFILE", "0"));
    }

    /** Starts the profile of a rollout that starts now, or null when profiling is off. */
    static ApiServerProfile start(KubernetesClient client, String name) throws IOException {
        int seconds = seconds();
        if (seconds <= 0) {
            return null;
        }
        Files.createDirectories(RolloutBenchmark.OUT);
        Path file = RolloutBenchmark.OUT.resolve("apiserver-" + name + ".pprof");
        String url = client.getConfiguration().getMasterUrl().replaceAll("/$", "") + "/debug/pprof/profile?seconds=" + seconds;
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url).build();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(DELAY_SECONDS, TimeUnit.SECONDS).execute(() -> client.getHttpClient()
                .sendAsync(request, byte[].class).whenComplete((HttpResponse<byte[]> response, Throwable failure) -> {
                    try {
                        if (failure != null) {
                            throw failure;
                        }
                        if (response.code() != 200) {
                            throw new IOException("HTTP " + response.code() + " for " + url);
                        }
                        Files.write(file, response.body());
                        done.complete(null);
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                }));
        return new ApiServerProfile(file, done);
    }

    /**
     * Waits for the profile, then each part's share of its samples (0 to 1). A profile that ended
     * after the rollout holds the idle time after it too: profile for less than the rollout takes.
     */
    Map<String, Double> shares() throws Exception {
        done.get(seconds() + DELAY_SECONDS + 60L, TimeUnit.SECONDS);
        Process go = new ProcessBuilder("go", "tool", "pprof", "-raw", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String raw = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (go.waitFor() != 0) {
            throw new IOException("go tool pprof -raw " + file + " failed");
        }
        return shares(raw);
    }

    /** The shares of a profile in {@code go tool pprof -raw}'s text form. */
    static Map<String, Double> shares(String raw) {
        List<String> lines = raw.lines().toList();
        int locations = lines.indexOf("Locations");
        if (locations < 0) {
            throw new IllegalArgumentException("no Locations section: not pprof -raw output");
        }
        // Each location: its address line names the first function, continuation lines the ones inlined into it.
        Map<Integer, StringBuilder> functions = new HashMap<>();
        Pattern location = Pattern.compile("\\s*(\\d+): 0x[0-9a-f]+ (?:M=\\d+ )?(\\S+).*");
        StringBuilder current = null;
        for (String line : lines.subList(locations + 1, lines.size())) {
            if (line.startsWith("Mappings")) {
                break;
            }
            Matcher m = location.matcher(line);
            if (m.matches()) {
                current = new StringBuilder(m.group(2));
                functions.put(Integer.parseInt(m.group(1)), current);
            } else if (current != null && !line.isBlank()) {
                current.append(' ').append(line.strip().split("\\s+")[0]);
            }
        }
        Pattern sample = Pattern.compile("\\s*(\\d+)\\s+\\d+: ([\\d ]+)");
        Map<String, Long> counts = new LinkedHashMap<>();
        PARTS.keySet().forEach(p -> counts.put(p, 0L));
        counts.put("other", 0L);
        long total = 0;
        for (String line : lines.subList(0, locations)) {
            Matcher m = sample.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long n = Long.parseLong(m.group(1));
            List<String> stack = new ArrayList<>();
            for (String id : m.group(2).strip().split(" ")) {
                StringBuilder f = functions.get(Integer.parseInt(id));
                stack.add(f == null ? "?" : f.toString());
            }
            String joined = String.join(" ", stack);
            String part = PARTS.entrySet().stream().filter(e -> e.getValue().matcher(joined).find()).map(Map.Entry::getKey).findFirst()
                    .orElse("other");
            counts.merge(part, n, Long::sum);
            total += n;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (var e : counts.entrySet()) {
            shares.put(e.getKey(), total == 0 ? 0 : (double) e.getValue() / total);
        }
        return shares;
    }
}
