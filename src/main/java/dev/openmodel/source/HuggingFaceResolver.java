package dev.openmodel.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openmodel.text.Escape;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Reads a Hugging Face repository through the Hub's HTTP API ({@code GET
 * /api/models/{repo}/revision/{revision}}, as the {@code huggingface_hub} client's
 * {@code model_info} does): the commit, the license the card states, the files, whether the
 * config needs custom code, whether the repository is gated, and safetensors parameter counts.
 * The endpoint is {@code HF_ENDPOINT} when set, as in Hugging Face's own clients.
 */
public final class HuggingFaceResolver implements SourceResolver {
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String endpoint;
    private final Duration timeout;
    private final int attempts;
    private final Semaphore perHost;

    /**
     * @param endpoint the Hub, a mirror or an air-gapped proxy
     * @param timeout for connecting and for each request
     * @param attempts tries for errors that may pass (5xx, I/O), with back-off between them
     * @param concurrency requests in flight at once to this host
     */
    public HuggingFaceResolver(String endpoint, Duration timeout, int attempts, int concurrency) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.perHost = new Semaphore(Math.max(1, concurrency));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** HF_ENDPOINT from the environment (or the system property openmodel.hf.endpoint), else the public Hub. */
    public static String endpointFromEnvironment() {
        String property = System.getProperty("openmodel.hf.endpoint");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("HF_ENDPOINT");
        return env == null || env.isBlank() ? DEFAULT_ENDPOINT : env;
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public SourceFacts resolve(String uri, String revision, String token) {
        if (uri == null || !uri.startsWith("hf://")) {
            return SourceFacts.unverified("not an hf:// source");
        }
        String repo = uri.substring("hf://".length());
        String rev = revision == null || revision.isBlank() ? "main" : revision;
        URI api;
        try {
            api = URI.create(endpoint + "/api/models/" + repo + "/revision/" + URLEncoder.encode(rev, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return SourceFacts.unverified("cannot build a Hub API address for " + Escape.text(uri, 200));
        }
        String where = endpoint + " for " + repo + "@" + rev;
        String lastError = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (!perHost.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    lastError = "too many requests in flight to " + endpoint;
                    continue;
                }
                try {
                    HttpRequest.Builder request = HttpRequest.newBuilder(api).timeout(timeout).header("Accept", "application/json")
                            .header("User-Agent", "openmodel-operator");
                    if (token != null && !token.isBlank()) {
                        request.header("Authorization", "Bearer " + token.strip());
                    }
                    HttpResponse<InputStream> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                    int status = response.statusCode();
                    try (InputStream body = response.body()) {
                        if (status == 200) {
                            return facts(JSON.readTree(body.readNBytes(MAX_BODY)), repo);
                        }
                        body.readNBytes(64 * 1024);
                    }
                    if (status == 401 || status == 403) {
                        return SourceFacts.unverified("the Hub refused to show " + repo + " (HTTP " + status + "): it is gated or private"
                                + (token == null ? ", and no token was given (spec.model.credentialsSecretRef)" : ", and the token was not accepted"));
                    }
                    if (status == 404) {
                        return SourceFacts.unverified(repo + " revision " + Escape.text(rev, 80) + " was not found at " + endpoint);
                    }
                    lastError = "HTTP " + status + " from " + where;
                    if (status < 500 && status != 429) {
                        break; // a client error will not pass by retrying
                    }
                } finally {
                    perHost.release();
                }
            } catch (IOException e) {
                lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Escape.text(e.getMessage(), 200)) + " reading " + where;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SourceFacts.unverified("interrupted while reading " + where);
            } catch (RuntimeException e) {
                return SourceFacts.unverified("the Hub's answer for " + repo + " could not be read: " + Escape.text(String.valueOf(e.getMessage()), 200));
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(Math.min(4000, 500L << (attempt - 1))); // back-off between attempts of one resolution
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return SourceFacts.unverified("the Hub could not be read (" + lastError + ")");
    }

    /** The facts in a model_info answer. */
    static SourceFacts facts(JsonNode info, String repo) {
        JsonNode card = info.path("cardData");
        String license = text(card.path("license"));
        if (license == null) {
            for (JsonNode tag : info.path("tags")) {
                if (tag.asText().startsWith("license:")) {
                    license = tag.asText().substring("license:".length());
                    break;
                }
            }
        }
        List<String> files = new ArrayList<>();
        info.path("siblings").forEach(s -> files.add(s.path("rfilename").asText()));
        JsonNode config = info.path("config");
        boolean remoteCode = config.has("auto_map") && !config.path("auto_map").isNull() && config.path("auto_map").size() > 0;
        List<String> architectures = new ArrayList<>();
        config.path("architectures").forEach(a -> architectures.add(a.asText()));
        JsonNode gatedNode = info.path("gated");
        String gated = gatedNode.isTextual() ? gatedNode.asText() : gatedNode.asBoolean(false) ? "true" : null;
        JsonNode safetensors = info.path("safetensors");
        Long parameters = safetensors.path("total").canConvertToLong() && safetensors.path("total").asLong() > 0 ? safetensors.path("total").asLong() : null;
        String dtype = null;
        long most = -1;
        for (Map.Entry<String, JsonNode> p : (Iterable<Map.Entry<String, JsonNode>>) () -> safetensors.path("parameters").fields()) {
            if (p.getValue().asLong() > most) {
                most = p.getValue().asLong();
                dtype = p.getKey();
            }
        }
        List<String> details = new ArrayList<>();
        if (text(info.path("author")) != null) {
            details.add("author: " + Escape.text(text(info.path("author")), 100));
        }
        if (text(info.path("lastModified")) != null) {
            details.add("last modified: " + Escape.text(text(info.path("lastModified")), 40));
        }
        if (text(card.path("license_link")) != null) {
            details.add("license link: " + Escape.text(text(card.path("license_link")), 300));
        }
        String sha = text(info.path("sha"));
        if (sha == null || !sha.matches("[0-9a-f]{40}")) {
            return SourceFacts.unverified("the Hub's answer for " + repo + " has no commit sha");
        }
        return new SourceFacts(SourceFacts.Verification.VERIFIED, null, sha, license == null ? null : Escape.text(license, 200),
                text(card.path("license_name")) == null ? null : Escape.text(text(card.path("license_name")), 200), WeightFiles.formats(files),
                remoteCode, gated, parameters, dtype == null ? null : Escape.text(dtype, 20), List.copyOf(architectures), List.copyOf(details));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            // A card may list several licenses: all of them apply.
            List<String> all = new ArrayList<>();
            node.forEach(n -> all.add(n.asText()));
            return all.isEmpty() ? null : String.join(" AND ", all);
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }
}
