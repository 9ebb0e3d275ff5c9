package dev.openmodel.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openmodel.text.Escape;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an OCI artifact through the distribution API: resolves a tag to the manifest digest,
 * reads the manifest and its config. Understands CNCF ModelPack artifacts (config
 * {@code application/vnd.cncf.model.config.v1+json}: SPDX licenses, format, precision,
 * parameter size; layer media types and file paths) and plain images' OCI annotations
 * ({@code org.opencontainers.image.licenses}, {@code source}, {@code revision}). Anonymous or
 * token (Bearer challenge) access; plain HTTP only for registries on loopback.
 */
public final class OciResolver implements SourceResolver {
    static final String MODEL_ARTIFACT = "application/vnd.cncf.model.manifest.v1+json";
    static final String MODEL_CONFIG = "application/vnd.cncf.model.config.v1+json";
    static final String ACCEPT = String.join(", ", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern REFERENCE = Pattern.compile("^oci://([^/]+)/([a-z0-9._/-]+?)(?::([A-Za-z0-9._-]+))?(?:@(sha256:[0-9a-f]{64}))?$");
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final int concurrency;
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();

    public OciResolver(Duration timeout, int attempts, int concurrency) {
        this.timeout = timeout;
        this.attempts = Math.max(1, attempts);
        this.concurrency = Math.max(1, concurrency);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public SourceFacts resolve(String uri, String revision, String token) {
        Matcher m = uri == null ? null : REFERENCE.matcher(uri);
        if (m == null || !m.matches()) {
            return SourceFacts.unverified("not an oci://REGISTRY/REPOSITORY[:TAG][@DIGEST] reference");
        }
        String host = m.group(1);
        String repo = m.group(2);
        String reference = revision != null ? revision : m.group(4) != null ? m.group(4) : m.group(3) != null ? m.group(3) : "latest";
        String base = (loopback(host) ? "http://" : "https://") + host + "/v2/" + repo;
        Semaphore permits = perHost.computeIfAbsent(host, h -> new Semaphore(concurrency));
        String lastError = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    lastError = "too many requests in flight to " + host;
                    continue;
                }
                try {
                    Session session = new Session(token, repo);
                    Fetched manifest = session.get(URI.create(base + "/manifests/" + URLEncoder.encode(reference, StandardCharsets.UTF_8)), ACCEPT);
                    if (manifest.status == 404) {
                        return SourceFacts.unverified(repo + ":" + Escape.text(reference, 80) + " was not found at " + host);
                    }
                    if (manifest.status == 401 || manifest.status == 403) {
                        return SourceFacts.unverified(host + " refused to show " + repo + " (HTTP " + manifest.status + ")"
                                + (token == null ? ": no credentials were given (spec.model.credentialsSecretRef)" : ""));
                    }
                    if (manifest.status != 200) {
                        lastError = "HTTP " + manifest.status + " from " + host;
                        if (manifest.status < 500 && manifest.status != 429) {
                            break;
                        }
                    } else {
                        String digest = manifest.digest != null ? manifest.digest : "sha256:" + sha256(manifest.body);
                        if (m.group(4) != null && revision == null && !digest.equals(m.group(4))) {
                            return SourceFacts.unverified("the registry served " + digest + " for " + m.group(4));
                        }
                        return facts(JSON.readTree(manifest.body), digest, base, session);
                    }
                } finally {
                    permits.release();
                }
            } catch (IOException e) {
                lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Escape.text(e.getMessage(), 200)) + " reading " + host;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SourceFacts.unverified("interrupted while reading " + host);
            } catch (RuntimeException e) {
                return SourceFacts.unverified("the registry's answer for " + repo + " could not be read: " + Escape.text(String.valueOf(e.getMessage()), 200));
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(Math.min(4000, 500L << (attempt - 1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return SourceFacts.unverified("the registry could not be read (" + lastError + ")");
    }

    private SourceFacts facts(JsonNode manifest, String digest, String base, Session session) throws IOException, InterruptedException {
        List<String> details = new ArrayList<>();
        String mediaType = manifest.path("mediaType").asText("");
        if (mediaType.contains("index") || mediaType.contains("manifest.list")) {
            details.add("an image index");
            return new SourceFacts(SourceFacts.Verification.VERIFIED, null, digest, annotation(manifest, "licenses"), null, Set.of(), false, null, null,
                    null, List.of(), List.copyOf(details));
        }
        String artifactType = manifest.path("artifactType").asText(manifest.path("config").path("mediaType").asText(""));
        boolean modelPack = MODEL_ARTIFACT.equals(artifactType) || MODEL_CONFIG.equals(manifest.path("config").path("mediaType").asText());
        String license = annotation(manifest, "licenses");
        Set<String> formats = new TreeSet<>();
        List<String> files = new ArrayList<>();
        Set<String> layerTypes = new TreeSet<>();
        for (JsonNode layer : manifest.path("layers")) {
            String type = layer.path("mediaType").asText();
            layerTypes.add(type);
            String path = layer.path("annotations").path("org.cncf.model.filepath").asText(
                    layer.path("annotations").path("org.opencontainers.image.title").asText(null));
            if (path != null) {
                files.add(path);
            }
        }
        formats.addAll(WeightFiles.formats(files));
        Long parameters = null;
        String precision = null;
        List<String> architectures = new ArrayList<>();
        if (modelPack) {
            details.add("a CNCF ModelPack artifact");
            String configDigest = manifest.path("config").path("digest").asText();
            Fetched config = session.get(URI.create(base + "/blobs/" + configDigest), "*/*");
            if (config.status == 200) {
                if (!configDigest.equals("sha256:" + sha256(config.body))) {
                    return SourceFacts.unverified("the model config blob does not match its digest " + configDigest);
                }
                JsonNode c = JSON.readTree(config.body);
                List<String> licenses = new ArrayList<>();
                c.path("descriptor").path("licenses").forEach(l -> licenses.add(l.asText()));
                if (!licenses.isEmpty()) {
                    license = String.join(" AND ", licenses);
                }
                String format = c.path("config").path("format").asText(null);
                if (format != null) {
                    formats.add(switch (format.toLowerCase(Locale.ROOT)) {
                        case "pytorch", "pickle", "pt" -> "pickle";
                        default -> format.toLowerCase(Locale.ROOT);
                    });
                }
                parameters = paramSize(c.path("config").path("paramSize").asText(null));
                precision = c.path("config").path("precision").asText(null);
                if (c.path("config").hasNonNull("architecture")) {
                    architectures.add(c.path("config").path("architecture").asText());
                }
                if (c.path("descriptor").hasNonNull("sourceURL")) {
                    details.add("source: " + Escape.text(c.path("descriptor").path("sourceURL").asText(), 300));
                }
                if (c.path("descriptor").hasNonNull("revision")) {
                    details.add("source revision: " + Escape.text(c.path("descriptor").path("revision").asText(), 80));
                }
            } else {
                return SourceFacts.unverified("the model config blob could not be read (HTTP " + config.status + ")");
            }
        } else {
            String source = annotation(manifest, "source");
            if (source != null) {
                details.add("source: " + source);
            }
            String rev = annotation(manifest, "revision");
            if (rev != null) {
                details.add("source revision: " + rev);
            }
        }
        layerTypes.stream().filter(t -> t.startsWith("application/vnd.cncf.model.")).forEach(t -> details.add("layer: " + t));
        return new SourceFacts(SourceFacts.Verification.VERIFIED, null, digest, license == null ? null : Escape.text(license, 300), null,
                Set.copyOf(formats), false, null, parameters, precision == null ? null : Escape.text(precision, 20), List.copyOf(architectures),
                List.copyOf(details));
    }

    private static String annotation(JsonNode manifest, String name) {
        JsonNode a = manifest.path("annotations").path("org.opencontainers.image." + name);
        return a.isTextual() && !a.asText().isBlank() ? Escape.text(a.asText(), 300) : null;
    }

    /** "6.7B", "100m", "1.0t": parameters, or null. */
    static Long paramSize(String size) {
        if (size == null || !size.matches("(?i)[0-9]{1,6}(\\.[0-9]{1,3})?[kmbtq]")) {
            return null;
        }
        BigDecimal n = new BigDecimal(size.substring(0, size.length() - 1));
        long scale = switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> 1_000L;
            case 'm' -> 1_000_000L;
            case 'b' -> 1_000_000_000L;
            case 't' -> 1_000_000_000_000L;
            default -> 1_000_000_000_000_000L;
        };
        return n.multiply(BigDecimal.valueOf(scale)).longValue();
    }

    private static boolean loopback(String host) {
        String h = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Fetched(int status, byte[] body, String digest) {
    }

    /** One resolution's requests: answers a registry's Bearer challenge once (anonymous, or with the token as password). */
    private final class Session {
        private final String token;
        private final String repo;
        private String bearer;

        Session(String token, String repo) {
            this.token = token;
            this.repo = repo;
        }

        Fetched get(URI uri, String accept) throws IOException, InterruptedException {
            Fetched f = send(uri, accept);
            if (f.status == 401 && bearer == null) {
                f = send(uri, accept);
            }
            return f;
        }

        private Fetched send(URI uri, String accept) throws IOException, InterruptedException {
            HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).header("User-Agent", "openmodel-operator");
            if (bearer != null) {
                r.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<InputStream> response = http.send(r.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY);
            }
            if (response.statusCode() == 401 && bearer == null) {
                bearer = challenge(response.headers().firstValue("WWW-Authenticate").orElse(""));
                if (bearer == null) {
                    bearer = ""; // no usable challenge: do not ask again
                }
            }
            return new Fetched(response.statusCode(), body, response.headers().firstValue("Docker-Content-Digest").orElse(null));
        }

        private String challenge(String header) throws IOException, InterruptedException {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            Matcher p = CHALLENGE_PARAM.matcher(header);
            String realm = null;
            String service = null;
            while (p.find()) {
                if (p.group(1).equals("realm")) {
                    realm = p.group(2);
                } else if (p.group(1).equals("service")) {
                    service = p.group(2);
                }
            }
            if (realm == null) {
                return null;
            }
            String url = realm + "?scope=" + URLEncoder.encode("repository:" + repo + ":pull", StandardCharsets.UTF_8)
                    + (service == null ? "" : "&service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
            if (token != null && !token.isBlank()) {
                String basic = token.contains(":") ? token : "token:" + token;
                r.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> response = http.send(r.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode answer = JSON.readTree(response.body());
            String t = answer.path("token").asText(answer.path("access_token").asText(null));
            return t == null || t.isBlank() ? null : t;
        }
    }
}
